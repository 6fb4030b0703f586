/* wd-window-private.h: what the window's files share (Text Editor's
 * editor-window-*.c pattern). */
#pragma once

#include <gtksourceview/gtksource.h>

#include "wd-audit-panel.h"
#include "wd-cite-popover.h"
#include "wd-quote-marks.h"
#include "wd-search-bar.h"
#include "wd-sources-pane.h"
#include "wd-speller.h"
#include "wd-text-scroll.h"
#include "wd-title-view.h"
#include "wd-window.h"

G_BEGIN_DECLS

struct _WdWindow
{
  AdwApplicationWindow  parent_instance;

  WdArticle            *article;
  GFile                *file;
  char                 *etag;             /* of @file when last loaded/saved */
  GPtrArray            *bindings;         /* GBinding, article ↔ widgets */
  GCancellable         *cancellable;      /* cancelled on close */
  GSettings            *settings;
  GtkFileChooserNative *chooser;          /* the last one shown (wd-window-files.c) */

  /* Dirty state: every edit bumps change_serial; a save records it. */
  guint64               change_serial;
  guint64               saved_serial;
  guint                 loading : 1;      /* document being put in place */
  guint                 busy : 1;         /* load or save under way */
  guint                 body_stale : 1;   /* buffer newer than article body */
  guint                 syncing_body : 1;
  guint                 close_confirmed : 1;
  guint                 close_after_save : 1;
  guint                 draft_saving : 1;
  guint                 draft_pending : 1;
  guint                 drafts_failing : 1;
  guint                 sync_source;
  guint                 draft_source;
  guint                 fold_idle;
  char                 *draft_id;

  /* Provenance audit (wd-window-audit.c) */
  WdAudit              *audit;
  guint                 audit_source;
  guint                 audit_running : 1;
  guint                 audit_pending : 1;
  guint                 audited : 1;      /* a run has published */
  guint64               body_serial;      /* bumped by every edit of the body */
  guint64               running_serial;   /* the body_serial the running audit copied */
  guint64               audited_serial;   /* the body_serial the findings are about */
  WdQuoteMarks         *quote_marks;      /* problem quotations underlined in the body */

  /* Citations (wd-window-cite.c) */
  WdCitePopover        *cite_popover;

  /* Removed sources, for "Undo" (wd-window-sources.c) */
  GHashTable           *removals;         /* source id → Removal */

  /* Check sources */
  GCancellable         *check_cancellable;
  guint                 check_done;
  guint                 check_total;

  /* Evidence loads (wd-window-evidence.c): only the latest one counts */
  guint                 evidence_serial;

  /* Template */
  AdwToastOverlay      *toasts;
  AdwWindowTitle       *title;
  GtkWidget            *save_button;
  GtkMenuButton        *menu_button;
  GMenu                *recent_menu;
  GtkToggleButton      *side_toggle;
  GtkStack             *check_stack;
  GtkWidget            *audit_button;
  GtkImage             *audit_icon;
  GtkLabel             *audit_label;
  WdAuditPanel         *audit_panel;
  GtkWidget            *check_label;
  GtkSpinner           *check_spinner;
  GtkLabel             *check_progress_label;
  GtkInfoBar           *info_bar;
  GtkLabel             *info_label;
  AdwFlap              *flap;
  AdwViewStack         *side_stack;
  WdSourcesPane        *sources_pane;
  WdTitleView          *headline;
  GtkLabel             *headline_count;
  WdTitleView          *standfirst;
  GtkWidget            *body_separator;
  GtkScrolledWindow    *body_scroller;
  WdSearchBar          *search_bar;
  GtkSourceView        *body;
  WdTextScroll         *body_scroll;     /* to a range chosen, a match found */
  GtkLabel             *word_count;
  AdwEntryRow          *byline;
  AdwEntryRow          *dateline;
  AdwEntryRow          *language;
  AdwComboRow          *status;
  AdwEntryRow          *keywords;
  GtkTextView          *desk_note;
  AdwBin               *preview_bin;      /* the Preview page, once shown */

  /* Spell-checking (wd-window-spell.c) */
  struct _WdWindowSpell *spell;
};

/* TRUE once the window is closing or gone: what an async callback checks
 * before touching it (after dispose the cancellable is cleared too). */
static inline gboolean
_wd_window_closing (WdWindow *self)
{
  return self->cancellable == NULL || g_cancellable_is_cancelled (self->cancellable);
}

/* wd-window.c */
void      _wd_window_set_document       (WdWindow    *self,
                                         WdArticle   *article,
                                         GFile       *file,
                                         const char  *etag);
void      _wd_window_set_saved          (WdWindow    *self,
                                         guint64      serial);
void      _wd_window_mark_changed       (WdWindow    *self);
void      _wd_window_set_busy           (WdWindow    *self,
                                         gboolean     busy);
/* @message is plain text: shown as given (escaped for the toast's markup). */
void      _wd_window_toast              (WdWindow    *self,
                                         const char  *message);
void      _wd_window_show_info          (WdWindow    *self,
                                         const char  *message);
void      _wd_window_update_title       (WdWindow    *self);
WdDraftStore *_wd_window_get_draft_store (WdWindow   *self);

/* wd-window-editor.c */
void      _wd_window_class_init_editor  (GtkWidgetClass *widget_class);
/* The body's buffer, its colours, the line under the headline. */
void      _wd_window_init_editor        (WdWindow    *self);
/* Puts the body's pending edits into the article now. */
void      _wd_window_sync_body          (WdWindow    *self);
void      _wd_window_update_word_count  (WdWindow    *self,
                                         const char  *body);
/* Shows the headline's length when it is past the desk's limit. */
void      _wd_window_update_headline_count (WdWindow *self);

/* wd-window-files.c */
void      _wd_window_class_init_files (GtkWidgetClass *widget_class);
void      _wd_window_confirm_close      (WdWindow    *self);
void      _wd_window_query_etag         (WdWindow    *self);
void      _wd_window_update_recent      (WdWindow    *self);
/* Shows @chooser (taking it) for @self, modal, answering in @response;
 * the window keeps it until the next one (see wd-window-files.c). */
void      _wd_window_show_chooser       (WdWindow             *self,
                                         GtkFileChooserNative *chooser,
                                         GCallback             response);
/* The document's file name, or one made from the headline. */
char     *_wd_window_suggested_name     (WdWindow    *self);
/* A file name's stem from @headline: at most @max_chars, ended between
 * words, no path separators. */
char     *_wd_headline_file_stem        (const char  *headline,
                                         guint        max_chars);

/* wd-window-export.c */
void      _wd_window_class_init_export  (GtkWidgetClass *widget_class);
/* @name with @format's extension in place of another export format's. */
char     *_wd_export_name_for_format    (const char  *name,
                                         WdExportFormat format);

/* wd-window-body.c */
char     *_wd_window_dup_body_text      (WdWindow    *self);
/* Byte offset in the body → buffer iter (@text: the buffer's text). */
void      _wd_window_iter_at_byte       (WdWindow    *self,
                                         const char  *text,
                                         gsize        byte,
                                         GtkTextIter *iter);
/* Narrow, the side pane covers the text: folds it away. */
void      _wd_window_uncover_body       (WdWindow    *self);
/* Selects characters @start to @end of the body (a finding's character
 * range: no walk of the text) and scrolls to them. */
void      _wd_window_select_body_range  (WdWindow    *self,
                                         gsize        start,
                                         gsize        end);

/* wd-window-preview.c */
void      _wd_window_class_init_preview (GtkWidgetClass *widget_class);
void      _wd_window_init_preview       (WdWindow    *self);
void      _wd_window_preview_set_article (WdWindow   *self);

/* wd-window-search.c */
void      _wd_window_class_init_search  (GtkWidgetClass *widget_class);
void      _wd_window_init_search        (WdWindow    *self);

/* wd-window-drafts.c */
void      _wd_window_schedule_draft     (WdWindow    *self);
void      _wd_window_discard_draft      (WdWindow    *self);

/* wd-window-check.c */
void      _wd_window_class_init_check (GtkWidgetClass *widget_class);

/* wd-window-publish.c */
void      _wd_window_class_init_publish (GtkWidgetClass *widget_class);
void      _wd_window_cancel_check       (WdWindow    *self);
void      _wd_window_update_check_actions (WdWindow  *self);

/* wd-window-audit.c */
void      _wd_window_class_init_audit (GtkWidgetClass *widget_class);
typedef void (*WdWindowContinuation) (WdWindow *self);
void      _wd_window_init_audit         (WdWindow    *self);
void      _wd_window_bind_audit_settings (WdWindow   *self);
void      _wd_window_schedule_audit     (WdWindow    *self,
                                         gboolean     now);
/* Audits the article now; with errors, lists them and asks before
 * calling @next (@heading: "Export With Audit Errors?", @go_label:
 * "_Export Anyway"). Without errors, calls @next at once. */
void      _wd_window_audit_first        (WdWindow    *self,
                                         const char  *heading,
                                         const char  *go_label,
                                         WdWindowContinuation next);

/* wd-window-cite.c */
void      _wd_window_class_init_cite (GtkWidgetClass *widget_class);
void      _wd_window_init_citations     (WdWindow    *self);
void      _wd_window_dispose_citations  (WdWindow    *self);
/* Rescans the body's citations in a worker and tags them as chips. */
void      _wd_window_refresh_citations  (WdWindow    *self);
/* The tooltip (markup) of a citation of @id: footnote, source, verdict. */
char     *_wd_window_dup_citation_tooltip (WdWindow  *self,
                                         const char  *id);

/* wd-window-sources.c */
void      _wd_window_class_init_sources (GtkWidgetClass *widget_class);
/* wd-window-history.c */
void      _wd_window_class_init_history (GtkWidgetClass *widget_class);
/* Says (info bar) when the document's history was damaged. */
void      _wd_window_history_loaded     (WdWindow    *self);
void      _wd_window_init_removals      (WdWindow    *self);
void      _wd_window_clear_removals     (WdWindow    *self);

/* wd-window-spell.c */
void      _wd_window_init_spell         (WdWindow    *self);
void      _wd_window_bind_spell_settings (WdWindow   *self);
/* Follows the document just put in place: its language, its sources' names. */
void      _wd_window_spell_document     (WdWindow    *self);
void      _wd_window_dispose_spell      (WdWindow    *self);
WdSpeller *_wd_window_get_speller       (WdWindow    *self);

/* wd-window-evidence.c */
char     *_wd_window_dup_evidence_path  (WdWindow    *self);
void      _wd_window_load_evidence      (WdWindow    *self);
void      _wd_window_open_evidence_async (WdWindow           *self,
                                          GAsyncReadyCallback callback,
                                          gpointer            user_data);
WdEvidencePackage *_wd_window_open_evidence_finish (WdWindow      *self,
                                                    GAsyncResult  *result,
                                                    GError       **error);
/* Tests: @hook is called in the worker of each evidence load (@serial,
 * as in evidence_serial) once it has read the package and before its
 * @task returns, e.g. to hold it back; NULL removes it. */
typedef void (*WdEvidenceLoadHook) (GTask    *task,
                                    guint     serial,
                                    gpointer  user_data);
void      _wd_window_set_evidence_load_hook (WdEvidenceLoadHook hook,
                                             gpointer           user_data);
/* Save As, before the window takes @new_file: the package goes along. */
void      _wd_window_evidence_follow    (WdWindow    *self,
                                         GFile       *new_file);

G_END_DECLS

/* wd-history-private.h: what the history shares with the native format. */
#pragma once

#include <json-glib/json-glib.h>

#include "wd-article.h"
#include "wd-history.h"
#include "wd-json-writer.h"
#include "wd-revision.h"

G_BEGIN_DECLS

/* How to rebuild a revision's text from the text of the revision after it
 * (for the newest: from the article as written). NULL members did not
 * change. Text edits are arrays of operations on the newer text: a
 * positive number copies that many bytes, a negative one skips them, a
 * string is inserted. */
typedef struct
{
  JsonArray *texts[WD_REVISION_N_TEXTS];
  char     **keywords;
  GPtrArray *sources;  /* of WdRevisionSource */
} WdChanges;

WdChanges        *_wd_changes_new              (void);
WdChanges        *_wd_changes_ref              (WdChanges      *changes);
void              _wd_changes_unref            (WdChanges      *changes);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (WdChanges, _wd_changes_unref)
/* The changes that turn @newer back into @older; counts the words @newer
 * added and removed. NULL when the two are equal. */
WdChanges        *_wd_changes_compute          (WdRevisionText *newer,
                                                WdRevisionText *older,
                                                guint          *added,
                                                guint          *removed);
WdRevisionText   *_wd_changes_apply            (WdChanges      *changes,
                                                WdRevisionText *newer,
                                                GError        **error);
/* TRUE when @changes change nothing. */
gboolean          _wd_changes_is_empty         (WdChanges      *changes);

WdRevisionText   *_wd_revision_text_new        (void);
WdRevisionText   *_wd_revision_text_from_article (WdArticle    *article);
/* Points @view (on the stack, zeroed) at the article's text without
 * copying it, valid while the article is not changed; free with
 * _wd_revision_text_clear_view(). */
void              _wd_revision_text_view_article (WdRevisionText *view,
                                                  WdArticle      *article);
void              _wd_revision_text_clear_view (WdRevisionText *view);
/* A 64-bit check of the whole text, as 16 hex digits (not cryptographic:
 * it notices a document edited without its history). */
char             *_wd_revision_text_check      (WdRevisionText *text);
WdRevisionSource *_wd_revision_source_new      (const char     *id,
                                                const char     *url,
                                                const char     *label);
void              _wd_revision_source_free     (gpointer        source);
/* A deep copy of an array of WdRevisionSource. */
GPtrArray        *_wd_revision_sources_copy    (GPtrArray      *sources);

WdRevision       *_wd_revision_new             (guint           number,
                                                const char     *saved_at,
                                                guint           words_added,
                                                guint           words_removed,
                                                const char     *correction,
                                                guint           restored_from);
void              _wd_revision_add_publication (WdRevision     *self,
                                                WdPublication  *publication);
WdChanges        *_wd_revision_get_changes     (WdRevision     *self);
void              _wd_revision_set_changes     (WdRevision     *self,
                                                WdChanges      *changes);
void              _wd_revision_set_rebuildable (WdRevision     *self,
                                                gboolean        rebuildable);

/* Records the article as just saved (its revision and modified time
 * already set) as the newest revision. */
void              _wd_history_record           (WdHistory      *self,
                                                WdArticle      *article);
/* Takes back the last _wd_history_record() (the save failed). */
void              _wd_history_unrecord         (WdHistory      *self);

/* The "history" member of the document. */
void              _wd_history_write            (WdHistory      *self,
                                                WdArticle      *article,
                                                WdJsonWriter   *writer);
/* Reads @node (NULL: a document without history) for @article, which is
 * complete. Never fails: a damaged member is replaced by a history of one
 * revision and wd_history_get_warning() says why. */
void              _wd_history_read             (WdHistory      *self,
                                                WdArticle      *article,
                                                JsonNode       *node,
                                                const char     *display_name);

/* Internal to the history folder. */

/* What rebuilding a revision's text needs (the head and every revision's
 * changes), taken from the history on the calling thread so that the
 * rebuilding may run in a worker. */
typedef struct _WdHistoryChain WdHistoryChain;

WdHistoryChain   *_wd_history_chain_new        (WdHistory      *self);
void              _wd_history_chain_free       (WdHistoryChain *chain);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (WdHistoryChain, _wd_history_chain_free)
/* The text of revision @number, rebuilt from the head. */
WdRevisionText   *_wd_history_chain_rebuild    (WdHistoryChain *chain,
                                                guint           number,
                                                GError        **error);

void              _wd_history_set_state        (WdHistory      *self,
                                                GPtrArray      *revisions,
                                                WdRevisionText *head,
                                                const char     *pending_correction,
                                                guint           pending_restored_from,
                                                char           *warning);
WdRevisionText   *_wd_history_get_head         (WdHistory      *self);
const char       *_wd_history_get_head_check   (WdHistory      *self);
void              _wd_history_set_implicit     (WdHistory      *self,
                                                gboolean        implicit);
gboolean          _wd_history_get_implicit     (WdHistory      *self);

G_END_DECLS

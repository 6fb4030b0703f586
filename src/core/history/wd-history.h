/* wd-history.h: the revisions of an article. Every save through Wiredesk
 * adds one; they travel inside the .wiredesk document (its "history"
 * member) as differences, newest text in full as the article itself. */
#pragma once

#include <gio/gio.h>

#include "wd-article.h"
#include "wd-diff.h"
#include "wd-revision.h"

G_BEGIN_DECLS

/* At most this many revisions are kept; saving more drops the oldest. */
#define WD_HISTORY_MAX_REVISIONS 2000
/* A correction note is short: at most this many characters. */
#define WD_CORRECTION_MAX_CHARS 500

#define WD_TYPE_HISTORY (wd_history_get_type ())

/* A GListModel of WdRevision, oldest first. */
G_DECLARE_FINAL_TYPE (WdHistory, wd_history, WD, HISTORY, GObject)

WdHistory      *wd_history_new                    (void);

/* What was wrong with the history the document had, or NULL. The article
 * opens in any case. */
const char     *wd_history_get_warning            (WdHistory    *self);
WdRevision     *wd_history_find                   (WdHistory    *self,
                                                   guint         number);
/* The newest revision, or NULL before the first save. */
WdRevision     *wd_history_get_latest             (WdHistory    *self);

/* The text of revision @number. */
WdRevisionText *wd_history_dup_text               (WdHistory    *self,
                                                   guint         number,
                                                   GError      **error);

/* Puts the text of revision @number into @article (headline, standfirst,
 * byline, body, desk note, keywords, sources: those the article still has
 * keep their checks); the next save records it as a new revision that
 * says what it restored. */
gboolean        wd_history_restore                (WdHistory    *self,
                                                   WdArticle    *article,
                                                   guint         number,
                                                   GError      **error);

/* Puts @text into @article (what wd_history_restore() does with a
 * revision's text; with @restored_from 0, e.g. to undo a restore). */
void            wd_history_apply_text             (WdHistory      *self,
                                                   WdArticle      *article,
                                                   WdRevisionText *text,
                                                   guint           restored_from);
/* The revision a restore put back and the next save will say so, or 0. */
guint           wd_history_get_pending_restored_from (WdHistory   *self);
/* The article's text now (for undoing a restore). */
WdRevisionText *wd_revision_text_new_from_article (WdArticle      *article);

/* Marks the changes the next save records as a correction, with a short
 * public note. Only for an article that was published. An empty or NULL
 * note takes the mark back. */
gboolean        wd_history_mark_correction        (WdHistory    *self,
                                                   WdArticle    *article,
                                                   const char   *note,
                                                   GError      **error);
const char     *wd_history_get_pending_correction (WdHistory    *self);

/* The corrections, oldest first (WdCorrection); a pending one last, dated
 * @pending_at. */
GPtrArray      *wd_history_list_corrections       (WdHistory    *self,
                                                   const char   *pending_at);

/* A change to the source list between two revisions. */
typedef enum
{
  WD_SOURCE_CHANGE_ADDED,
  WD_SOURCE_CHANGE_REMOVED,
  WD_SOURCE_CHANGE_RELABELLED,
  WD_SOURCE_CHANGE_MOVED,   /* its URL changed */
} WdSourceChangeKind;

typedef struct
{
  WdSourceChangeKind kind;
  char              *url;        /* in the newer revision (or the removed one) */
  char              *old_value;  /* the old label or URL */
  char              *new_value;
} WdSourceChange;

typedef struct
{
  int      field;    /* a WdRevisionField, or -1 for the keywords */
  char    *old_text;
  char    *new_text;
  GArray  *segments; /* WdDiffSegment */
} WdFieldDiff;

typedef struct
{
  guint      from;
  guint      to;
  GPtrArray *fields;   /* WdFieldDiff, only those that changed */
  GPtrArray *sources;  /* WdSourceChange */
  guint      words_added;
  guint      words_removed;
} WdRevisionDiff;

void            wd_revision_diff_free             (WdRevisionDiff *diff);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (WdRevisionDiff, wd_revision_diff_free)

/* The word diff of every field and the source list changes from revision
 * @from to revision @to. */
WdRevisionDiff *wd_history_diff                   (WdHistory    *self,
                                                   guint         from,
                                                   guint         to,
                                                   GError      **error);
/* The same in a worker thread. */
void            wd_history_diff_async             (WdHistory           *self,
                                                   guint                from,
                                                   guint                to,
                                                   GCancellable        *cancellable,
                                                   GAsyncReadyCallback  callback,
                                                   gpointer             user_data);
WdRevisionDiff *wd_history_diff_finish            (WdHistory    *self,
                                                   GAsyncResult *result,
                                                   GError      **error);

G_END_DECLS

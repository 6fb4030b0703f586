/* wd-draft-store.h: drafts of open documents, so that a crash or a kill
 * never loses more than the last two seconds of work.
 *
 * One draft per open document under DIR/<id>.wiredesk, and an index,
 * DIR/session.ini, written after the drafts it names. The index records
 * shutdown=false while a session runs and true after a clean quit; what a
 * session left behind is offered back by the next one.
 *
 * Writes happen in order on one worker thread, each one atomic and
 * durable (temporary file, fsync, rename), so that a draft is complete on
 * disk before the index points at it.
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define WD_TYPE_DRAFT_INFO (wd_draft_info_get_type ())
#define WD_TYPE_DRAFT_STORE (wd_draft_store_get_type ())

/* What the index says about a draft left by an earlier session. */
typedef struct
{
  char *id;
  char *file_uri;   /* the document's own file, or NULL when never saved */
  char *etag;       /* that file's etag when the document was loaded/saved */
  char *title;      /* the headline when the draft was written */
  char *saved_at;   /* ISO 8601 */
} WdDraftInfo;

GType        wd_draft_info_get_type (void) G_GNUC_CONST;
WdDraftInfo *wd_draft_info_copy     (const WdDraftInfo *info);
void         wd_draft_info_free     (WdDraftInfo       *info);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (WdDraftInfo, wd_draft_info_free)

G_DECLARE_FINAL_TYPE (WdDraftStore, wd_draft_store, WD, DRAFT_STORE, GObject)

/* @directory: NULL for $XDG_DATA_HOME/wiredesk/drafts. */
WdDraftStore *wd_draft_store_new            (const char          *directory);
const char   *wd_draft_store_get_directory  (WdDraftStore        *self);

/* Reads what the previous session left and starts this one (the index is
 * rewritten with shutdown=false). @orphans receives WdDraftInfo for every
 * draft the previous sessions left (index entries and stray draft files),
 * @was_clean whether the previous session quit cleanly. Left-over drafts
 * stay on disk, and in the index, until recovered or discarded. */
gboolean      wd_draft_store_begin_session  (WdDraftStore        *self,
                                             GPtrArray          **orphans,
                                             gboolean            *was_clean,
                                             GError             **error);

/* Writes the draft @id (a new id: g_uuid_string_random()), then the index. */
void          wd_draft_store_save_async     (WdDraftStore        *self,
                                             const char          *id,
                                             GBytes              *contents,
                                             const char          *file_uri,
                                             const char          *etag,
                                             const char          *title,
                                             GCancellable        *cancellable,
                                             GAsyncReadyCallback  callback,
                                             gpointer             user_data);
gboolean      wd_draft_store_save_finish    (WdDraftStore        *self,
                                             GAsyncResult        *result,
                                             GError             **error);

/* Forgets a draft (its document was saved or closed on purpose, or an
 * orphan was discarded): deletes its file and its evidence package (see
 * below), then rewrites the index. */
void          wd_draft_store_remove         (WdDraftStore        *self,
                                             const char          *id);

/* The evidence package of the draft's document while it has no file of
 * its own: DIR/<id>.wacz (the draft store's reference to it; NULL for an
 * invalid id). A document with a file keeps its package beside the file,
 * which the draft's file_uri names. Saving the document takes the package
 * out of the store before the draft is removed. */
char         *wd_draft_store_dup_package_path (WdDraftStore   *self,
                                               const char     *id);

/* An orphan becomes this session's draft again (its document reopened). */
void          wd_draft_store_adopt          (WdDraftStore        *self,
                                             const char          *id);

/* The contents of a stored draft. */
GBytes       *wd_draft_store_load           (WdDraftStore        *self,
                                             const char          *id,
                                             GError             **error);

/* Waits for pending writes, then records shutdown=true. Drafts still
 * listed (documents closed without a decision) are offered next time. */
gboolean      wd_draft_store_end_session    (WdDraftStore        *self,
                                             GError             **error);

/* Waits until every queued write is on disk (tests, quitting). */
void          wd_draft_store_flush          (WdDraftStore        *self);

G_END_DECLS

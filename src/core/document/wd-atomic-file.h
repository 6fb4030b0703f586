/* wd-atomic-file.h: the one way Wiredesk writes a file it cares about —
 * documents, exports, check --write, drafts.
 *
 * A complete new file is written beside the old one (".NAME.saving-XXXXXX"
 * in the same directory), flushed to disk, and only then renamed over it.
 * When anything fails (a full disk, a file size limit, a folder it may not
 * write), the temporary file is removed and the old file is left exactly as
 * it was; the error says so. It never rewrites a file in place (GLib's
 * g_file_replace_contents() does, when the temporary file cannot take the
 * original's owner). Temporary files left by a save that was killed are
 * removed by the next save or open of the same document. */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* Keep the existing file's permissions (new files: 0666 less the umask). */
#define WD_ATOMIC_FILE_KEEP_MODE (-1)

gboolean wd_atomic_file_write        (GFile               *file,
                                      GBytes              *bytes,
                                      int                  mode,
                                      GCancellable        *cancellable,
                                      GError             **error);

/* The same in a worker thread. */
void     wd_atomic_file_write_async  (GFile               *file,
                                      GBytes              *bytes,
                                      int                  mode,
                                      GCancellable        *cancellable,
                                      GAsyncReadyCallback  callback,
                                      gpointer             user_data);
gboolean wd_atomic_file_write_finish (GAsyncResult        *result,
                                      GError             **error);

/* Removes what killed saves of @file left behind; returns how many. */
guint    wd_atomic_file_clean_stale  (GFile               *file);

G_END_DECLS

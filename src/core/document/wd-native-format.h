/* src/core/document/ — the .wiredesk document: wd-native-format (+ -read, -write, -private;
 *   atomic save), wd-import (text syntheses), wd-draft-store (drafts).
 */
/* wd-native-format.h: the .wiredesk document format (JSON, version 1). */
#pragma once

#include <gio/gio.h>

#include "wd-article.h"

G_BEGIN_DECLS

#define WD_NATIVE_FORMAT_VERSION 1
#define WD_NATIVE_FORMAT_EXTENSION ".wiredesk"
#define WD_NATIVE_FORMAT_MIME_TYPE "application/x-wiredesk"

/* Files larger than this are refused before they are read. */
#define WD_NATIVE_FORMAT_MAX_SIZE (256 * 1024 * 1024)

/* The document as UTF-8 JSON, pretty-printed with a stable member order,
 * ending in a newline. Does not change the article. */
GBytes    *wd_native_format_serialize   (WdArticle     *article);

/* Parses a whole document. @display_name (a file name) starts every
 * error message. Never returns a half-loaded article: NULL and @error on
 * any problem. */
WdArticle *wd_native_format_parse       (GBytes        *bytes,
                                         const char    *display_name,
                                         GError       **error);

WdArticle *wd_native_format_load        (GFile         *file,
                                         GCancellable  *cancellable,
                                         GError       **error);

/* Saves atomically (temporary file + rename: a failed or interrupted save
 * leaves the previous file as it was). Increments the revision and sets
 * the modified time; both are restored when the save fails. */
gboolean   wd_native_format_save        (WdArticle     *article,
                                         GFile         *file,
                                         GCancellable  *cancellable,
                                         GError       **error);

/* The same without blocking: the document is snapshot at the call (on the
 * calling thread), the write happens in the background. */
void       wd_native_format_save_async  (WdArticle           *article,
                                         GFile               *file,
                                         GCancellable        *cancellable,
                                         GAsyncReadyCallback  callback,
                                         gpointer             user_data);
gboolean   wd_native_format_save_finish (WdArticle     *article,
                                         GAsyncResult  *result,
                                         GError       **error);

void       wd_native_format_load_async  (GFile               *file,
                                         GCancellable        *cancellable,
                                         GAsyncReadyCallback  callback,
                                         gpointer             user_data);
WdArticle *wd_native_format_load_finish (GAsyncResult  *result,
                                         GError       **error);

G_END_DECLS

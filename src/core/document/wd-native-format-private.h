/* wd-native-format-private.h: what the reader and the writer of the
 * .wiredesk format share. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

extern const char * const _wd_native_root_members[];
extern const char * const _wd_native_article_members[];
extern const char * const _wd_native_source_members[];
extern const char * const _wd_native_check_other_members[];
extern const char * const _wd_native_check_text_members[];

G_END_DECLS

/* wd-url-list.h: the URLs in a block of pasted or dropped text. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Splits @text into lines. A line that is a URL, or that contains http(s)
 * URLs among other words ("Reuters: https://…", "[label](https://…)"),
 * adds each normalised URL to @urls (once, in order). A non-blank line
 * without a usable URL adds "LINE: text — reason" to @rejected, so that
 * nothing pasted is dropped silently. Both arrays hold strings and are
 * created by the caller with g_ptr_array_new_with_free_func (g_free).
 * Returns: the number of URLs added to @urls. */
guint wd_url_list_parse (const char *text,
                         GPtrArray  *urls,
                         GPtrArray  *rejected);

G_END_DECLS

/* wd-text.h: text from outside (a web page, a Location header, a CMS, a
 * document from elsewhere) made safe to show and to store. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* A copy of @text (NULL for NULL) that is valid UTF-8 without control
 * characters: C0 and C1 controls and DEL are dropped (tab and line breaks,
 * U+2028 and U+2029 become a space), and so are the bidirectional
 * overrides and isolates (U+202A–U+202E, U+2066–U+2069) that could make a
 * title read backwards. A terminal never sees ESC or BEL from a page. */
char *wd_text_clean_untrusted (const char *text);

G_END_DECLS

/* wd-charset-private.h: turning the bytes of a fetched page into text. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The encoding to decode @data with, as an iconv name: a byte order mark
 * wins, then @header_charset (the Content-Type parameter, may be NULL),
 * then a <meta charset> or http-equiv declaration in the first bytes,
 * else UTF-8. Labels map as browsers map them (ISO-8859-1 and ASCII mean
 * windows-1252). *bom_len receives the length of the mark to skip. */
char *_wd_charset_detect  (const guint8 *data,
                           gsize         len,
                           const char   *header_charset,
                           gsize        *bom_len);

/* @data decoded from @charset into valid UTF-8: bytes that are not valid
 * in it become U+FFFD, and so do NUL characters. Never fails; an
 * encoding iconv does not know is read as UTF-8. */
char *_wd_charset_to_utf8 (const guint8 *data,
                           gsize         len,
                           const char   *charset,
                           gsize        *out_len);

G_END_DECLS

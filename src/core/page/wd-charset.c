#define G_LOG_DOMAIN "wd-charset"

#include "config.h"

#include <errno.h>
#include <string.h>

#include "wd-charset-private.h"

/* Browsers look for a declaration in the first 1024 bytes only. */
#define PRESCAN_BYTES 1024

#define REPLACEMENT_CHARACTER "\xef\xbf\xbd"

static gboolean
label_in (const char         *label,
          const char * const *labels)
{
  for (guint i = 0; labels[i] != NULL; i++)
    if (g_str_equal (label, labels[i]))
      return TRUE;
  return FALSE;
}

/* The iconv name for an encoding label, or NULL when it names nothing
 * this machine can decode. */
static char *
map_label (const char *label,
           gboolean    from_document)
{
  static const char * const utf8_labels[] = {
    "utf-8", "utf8", "unicode-1-1-utf-8", "x-unicode20utf8", NULL
  };
  /* WHATWG Encoding: all of these decode as windows-1252. */
  static const char * const latin1_labels[] = {
    "iso-8859-1", "iso8859-1", "iso_8859-1", "iso88591", "latin1", "l1",
    "ascii", "us-ascii", "ansi_x3.4-1968", "cp1252", "windows-1252",
    "x-cp1252", "cp819", "ibm819", "iso-ir-100", NULL
  };
  g_autofree char *stripped = NULL;
  g_autofree char *lower = NULL;
  GIConv cd;

  if (label == NULL)
    return NULL;

  stripped = g_strstrip (g_strdup (label));
  lower = g_ascii_strdown (stripped, -1);
  if (*lower == '\0' || strlen (lower) > 40)
    return NULL;

  for (const char *p = lower; *p; p++)
    if (!g_ascii_isalnum (*p) && strchr ("-_.:+", *p) == NULL)
      return NULL;

  if (label_in (lower, utf8_labels))
    return g_strdup ("UTF-8");
  if (label_in (lower, latin1_labels))
    return g_strdup ("WINDOWS-1252");

  /* A document that says it is UTF-16 was read as ASCII to find that out,
   * so it is not: browsers take it as UTF-8. */
  if (g_str_has_prefix (lower, "utf-16") || g_str_has_prefix (lower, "utf16"))
    return g_strdup (from_document ? "UTF-8" : "UTF-16LE");

  cd = g_iconv_open ("UTF-8", lower);
  if (cd == (GIConv) -1)
    return NULL;
  g_iconv_close (cd);

  return g_ascii_strup (lower, -1);
}

static char *
prescan_meta (const guint8 *data,
              gsize         len)
{
  static GRegex *regex;
  g_autoptr(GMatchInfo) match = NULL;
  g_autofree char *label = NULL;

  /* Pages are read on several threads at once. No G_REGEX_OPTIMIZE: GLib
   * 2.84 (Debian 13) JIT-compiles an optimised regex at its first match,
   * without a lock, and two threads matching it first together corrupt
   * the heap (/page-reader/threads/first-use). The prescan is short. */
  if (g_once_init_enter (&regex))
    {
      GRegex *r = g_regex_new ("<meta[^>]*?charset\\s*=\\s*[\"']?\\s*([a-z0-9_.:+-]+)",
                               G_REGEX_RAW | G_REGEX_CASELESS, 0, NULL);
      g_once_init_leave (&regex, r);
    }

  if (!g_regex_match_full (regex, (const char *) data, MIN (len, PRESCAN_BYTES),
                           0, 0, &match, NULL))
    return NULL;

  label = g_match_info_fetch (match, 1);
  return map_label (label, TRUE);
}

char *
_wd_charset_detect (const guint8 *data,
                    gsize         len,
                    const char   *header_charset,
                    gsize        *bom_len)
{
  char *charset;

  g_return_val_if_fail (data != NULL || len == 0, NULL);
  g_return_val_if_fail (bom_len != NULL, NULL);

  *bom_len = 0;

  if (len >= 3 && memcmp (data, "\xef\xbb\xbf", 3) == 0)
    {
      *bom_len = 3;
      return g_strdup ("UTF-8");
    }
  if (len >= 2 && memcmp (data, "\xfe\xff", 2) == 0)
    {
      *bom_len = 2;
      return g_strdup ("UTF-16BE");
    }
  if (len >= 2 && memcmp (data, "\xff\xfe", 2) == 0)
    {
      *bom_len = 2;
      return g_strdup ("UTF-16LE");
    }

  if ((charset = map_label (header_charset, FALSE)) != NULL)
    return charset;

  if ((charset = prescan_meta (data, len)) != NULL)
    return charset;

  return g_strdup ("UTF-8");
}

/* Copies @data into @out, replacing every byte that does not start a
 * valid UTF-8 sequence (and every NUL) with U+FFFD. */
static void
append_valid_utf8 (GString    *out,
                   const char *data,
                   gsize       len)
{
  while (len > 0)
    {
      const char *end = NULL;

      if (g_utf8_validate_len (data, len, &end))
        {
          g_string_append_len (out, data, len);
          return;
        }

      g_string_append_len (out, data, end - data);
      g_string_append (out, REPLACEMENT_CHARACTER);
      len -= (end - data) + 1;
      data = end + 1;
    }
}

static void
append_converted (GString      *out,
                  GIConv        cd,
                  const guint8 *data,
                  gsize         len)
{
  char *in = (char *) data;
  gsize in_left = len;
  char buffer[4096];

  while (in_left > 0)
    {
      char *outp = buffer;
      gsize out_left = sizeof buffer;
      gsize res = g_iconv (cd, &in, &in_left, &outp, &out_left);
      int saved_errno = errno;

      append_valid_utf8 (out, buffer, outp - buffer);

      if (res != (gsize) -1)
        break;

      if (saved_errno == E2BIG)
        continue;

      /* EILSEQ: a byte the encoding does not have; EINVAL: a sequence cut
       * off by the end of the data (or by the size cap). */
      g_string_append (out, REPLACEMENT_CHARACTER);
      if (saved_errno != EILSEQ)
        break;
      in++;
      in_left--;
      g_iconv (cd, NULL, NULL, NULL, NULL);
    }
}

char *
_wd_charset_to_utf8 (const guint8 *data,
                     gsize         len,
                     const char   *charset,
                     gsize        *out_len)
{
  GString *out = g_string_sized_new (len + len / 8 + 16);
  GIConv cd = (GIConv) -1;

  g_return_val_if_fail (data != NULL || len == 0, NULL);

  if (charset != NULL && g_ascii_strcasecmp (charset, "UTF-8") != 0)
    cd = g_iconv_open ("UTF-8", charset);

  if (cd == (GIConv) -1)
    append_valid_utf8 (out, (const char *) data, len);
  else
    {
      append_converted (out, cd, data, len);
      g_iconv_close (cd);
    }

  if (out_len != NULL)
    *out_len = out->len;

  return g_string_free (out, FALSE);
}

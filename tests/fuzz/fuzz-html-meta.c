/* Fuzz harness: what the checker reads from a fetched page. The input is a
 * Content-Type header value on its first line, then the body, as a server
 * would send them. Whatever the bytes, the page's text becomes valid UTF-8,
 * every field is clean, bounded text (or absent), and the same bytes always
 * give the same reading. */
#include "config.h"

#include <libsoup/soup.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "wd-charset-private.h"
#include "wd-html-meta.h"
#include "wd-soft404-private.h"

/* abort(), not g_error(): libFuzzer saves the input on SIGABRT. */
#define FUZZ_FAIL(...) (fprintf (stderr, __VA_ARGS__), fputc (10, stderr), abort ())

#define BASE_URL "https://news.example/world/2024/story.html"
#define MAX_HEADER 256

int LLVMFuzzerTestOneInput (const guint8 *data, size_t size);

/* A field as the user sees it: UTF-8, no control characters, no white
 * space at either end, at most WD_HTML_META_TEXT_MAX characters. */
static void
check_text (const char *what,
            const char *text)
{
  g_autofree char *again = NULL;

  if (text == NULL)
    return;

  if (!g_utf8_validate (text, -1, NULL))
    FUZZ_FAIL ("%s is not UTF-8", what);
  if (*text == '\0' || g_unichar_isspace (g_utf8_get_char (text)))
    FUZZ_FAIL ("%s is empty or starts with a space: “%s”", what, text);
  for (const char *p = text; *p; p = g_utf8_next_char (p))
    if (g_unichar_iscntrl (g_utf8_get_char (p)))
      FUZZ_FAIL ("%s holds a control character: “%s”", what, text);
  if (g_utf8_strlen (text, -1) > WD_HTML_META_TEXT_MAX)
    FUZZ_FAIL ("%s is longer than %d characters", what, WD_HTML_META_TEXT_MAX);

  /* Clean text stays as it is when cleaned again. */
  again = wd_html_meta_clean_text (text, WD_HTML_META_TEXT_MAX);
  if (g_strcmp0 (again, text) != 0)
    FUZZ_FAIL ("%s changes when cleaned again: “%s” → “%s”", what, text, again);
}

static void
check_meta (const WdHtmlMeta *meta)
{
  if (meta == NULL)
    FUZZ_FAIL ("no reading at all");

  check_text ("title", meta->title);
  check_text ("site name", meta->site_name);
  check_text ("author", meta->author);
  check_text ("heading", meta->heading);

  /* Each field set names the rule that gave it, and only then. */
  if ((meta->title != NULL) != (meta->title_rule != NULL) ||
      (meta->site_name != NULL) != (meta->site_rule != NULL) ||
      (meta->author != NULL) != (meta->author_rule != NULL) ||
      (meta->published != NULL) != (meta->published_rule != NULL) ||
      (meta->language != NULL) != (meta->language_rule != NULL))
    FUZZ_FAIL ("a field without its rule, or a rule without its field");

  /* The authors are clean names, at most ten, and the author field lists them. */
  if ((meta->author != NULL) != (meta->authors != NULL))
    FUZZ_FAIL ("author “%s” without its list of names, or the reverse", meta->author);
  if (meta->authors != NULL)
    {
      if (meta->authors[0] == NULL || g_strv_length (meta->authors) > 10)
        FUZZ_FAIL ("%u authors", g_strv_length (meta->authors));
      for (guint i = 0; meta->authors[i] != NULL; i++)
        {
          check_text ("an author's name", meta->authors[i]);
          if (strchr (meta->authors[i], '@') != NULL)
            FUZZ_FAIL ("author “%s” is a handle or an e-mail address", meta->authors[i]);
        }
    }

  if (meta->canonical != NULL &&
      !g_str_has_prefix (meta->canonical, "http://") && !g_str_has_prefix (meta->canonical, "https://"))
    FUZZ_FAIL ("canonical address is not http(s): “%s”", meta->canonical);

  if (meta->language != NULL)
    {
      if (*meta->language == '\0' || strlen (meta->language) > 35)
        FUZZ_FAIL ("language “%s” is empty or too long", meta->language);
      for (const char *p = meta->language; *p; p++)
        if (!g_ascii_isalnum (*p) && *p != '-')
          FUZZ_FAIL ("language “%s” is not a language tag", meta->language);
    }

  if (meta->published != NULL)
    {
      g_autofree char *again = wd_html_meta_normalize_date (meta->published);

      if (g_strcmp0 (again, meta->published) != 0)
        FUZZ_FAIL ("date “%s” does not read back as itself (“%s”)", meta->published, again);
    }

  if (meta->content_sha256 != NULL)
    {
      if (strlen (meta->content_sha256) != 64)
        FUZZ_FAIL ("fingerprint “%s” is not a SHA-256", meta->content_sha256);
      if (meta->sketch == NULL || meta->sketch->len > 256)
        FUZZ_FAIL ("no sketch, or an unbounded one");
      for (guint i = 1; i < meta->sketch->len; i++)
        if (g_array_index (meta->sketch, guint32, i - 1) >= g_array_index (meta->sketch, guint32, i))
          FUZZ_FAIL ("sketch not sorted and distinct at %u", i);
      if (wd_html_meta_similarity (meta, meta) != 1.0)
        FUZZ_FAIL ("a page is not similar to itself");
    }

  /* The error-page heuristics read the same fields. */
  (void) _wd_soft404_says_missing (meta->title);
  (void) _wd_soft404_says_missing (meta->heading);
}

static void
check_decoding (const guint8 *body,
                gsize         len,
                const char   *header_charset)
{
  gsize bom_len = 0;
  gsize text_len = 0;
  g_autofree char *charset = _wd_charset_detect (body, len, header_charset, &bom_len);
  g_autofree char *text = NULL;

  if (charset == NULL || bom_len > len)
    FUZZ_FAIL ("no encoding, or a mark longer than the page");

  text = _wd_charset_to_utf8 (body + bom_len, len - bom_len, charset, &text_len);
  if (strlen (text) != text_len)
    FUZZ_FAIL ("decoded text holds a NUL or its length is wrong (%zu, %zu)", strlen (text), text_len);
  if (!g_utf8_validate_len (text, text_len, NULL))
    FUZZ_FAIL ("decoded text (%s) is not UTF-8", charset);
}

int
LLVMFuzzerTestOneInput (const guint8 *data,
                        size_t        size)
{
  const guint8 *newline = memchr (data, '\n', MIN (size, MAX_HEADER));
  gsize header_len = newline != NULL ? (gsize) (newline - data) : 0;
  const guint8 *body = newline != NULL ? newline + 1 : data;
  gsize body_len = size - (body - data);
  g_autofree char *header = g_strndup ((const char *) data, header_len);
  g_autoptr(SoupMessageHeaders) headers = soup_message_headers_new (SOUP_MESSAGE_HEADERS_RESPONSE);
  g_autoptr(GHashTable) params = NULL;
  g_autofree char *media_type = NULL;
  const char *charset = NULL;
  g_autoptr(WdHtmlMeta) meta = NULL;
  g_autoptr(WdHtmlMeta) again = NULL;
  g_autoptr(WdHtmlMeta) sniffed = NULL;

  /* What the fetcher does with the header (libsoup refuses CR and LF in a
   * value, as it does on the wire). */
  g_strdelimit (header, "\r", ' ');
  if (*header != '\0')
    {
      const char *type;

      soup_message_headers_replace (headers, "Content-Type", header);
      type = soup_message_headers_get_content_type (headers, &params);
      media_type = type != NULL ? g_ascii_strdown (type, -1) : NULL;
      charset = params != NULL ? g_hash_table_lookup (params, "charset") : NULL;
    }

  check_decoding (body, body_len, charset);

  meta = wd_html_meta_parse (body, body_len, media_type, charset, BASE_URL);
  check_meta (meta);

  again = wd_html_meta_parse (body, body_len, media_type, charset, BASE_URL);
  if (g_strcmp0 (meta->content_sha256, again->content_sha256) != 0 ||
      g_strcmp0 (meta->title, again->title) != 0 || meta->is_html != again->is_html)
    FUZZ_FAIL ("the same page reads differently twice");

  /* The same bytes without any Content-Type (sniffed) and without a base. */
  sniffed = wd_html_meta_parse (body, body_len, NULL, NULL, NULL);
  check_meta (sniffed);
  if (sniffed->canonical != NULL)
    FUZZ_FAIL ("a canonical address without a base URL: “%s”", sniffed->canonical);

  return 0;
}

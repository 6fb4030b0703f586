/* Fuzz harness: the export of an article whose body is the input. Every
 * format gives the same bytes twice, valid UTF-8 JSON, and the HTML body
 * never carries raw markup from the input; no rendering carries a citation
 * placeholder of the renderer (a private-use character the input does not
 * hold), wherever cmark put the marker. */
#include "config.h"

#include <json-glib/json-glib.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "wiredesk-core.h"

/* abort(), not g_error(): libFuzzer saves the input on SIGABRT. */
#define FUZZ_FAIL(...) (fprintf (stderr, __VA_ARGS__), fputc (10, stderr), abort ())

int LLVMFuzzerTestOneInput (const guint8 *data, size_t size);

/* A private-use character of @out that @in does not hold, or 0. */
static gunichar
stray_private_use (const char *out,
                   const char *in)
{
  for (const char *p = out; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);
      char utf8[8] = { 0 };

      if (g_unichar_type (c) != G_UNICODE_PRIVATE_USE)
        continue;
      g_unichar_to_utf8 (c, utf8);
      if (strstr (in, utf8) == NULL)
        return c;
    }

  return 0;
}

static WdArticle *
make_article (const char *body)
{
  WdArticle *article = wd_article_new ();
  static const char * const urls[] = { "https://a.example/x?y=1&z=<2>", "https://b.example/" };

  wd_article_set_headline (article, "Fuzzed");
  wd_article_set_body (article, body);
  for (guint i = 0; i < G_N_ELEMENTS (urls); i++)
    wd_article_add_source_url (article, urls[i], NULL);

  return article;
}

int
LLVMFuzzerTestOneInput (const guint8 *data,
                        size_t        size)
{
  g_autofree char *body = NULL;
  g_autoptr(WdArticle) article = NULL;

  /* The model holds UTF-8 text without NULs, as every loader ensures. */
  if (!g_utf8_validate_len ((const char *) data, size, NULL) || memchr (data, 0, size) != NULL)
    return 0;

  body = g_strndup ((const char *) data, size);
  article = make_article (body);

  /* Cite the sources by their (random) ids where the input says [^0] / [^1]. */
  {
    g_autoptr(GString) cited = g_string_new (body);

    for (guint i = 0; i < 2; i++)
      {
        g_autofree char *marker = g_strdup_printf ("[^%s]", wd_source_get_id (wd_article_get_source (article, i)));
        g_autofree char *short_marker = g_strdup_printf ("[^%u]", i);

        g_string_replace (cited, short_marker, marker, 0);
      }
    wd_article_set_body (article, cited->str);
  }

  for (guint f = 0; f < WD_EXPORT_N_FORMATS; f++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GBytes) first = wd_export_serialize (article, f, &error);
      g_autoptr(GBytes) second = NULL;
      g_autoptr(JsonParser) parser = json_parser_new ();
      const char *out;
      gsize len;

      if (first == NULL)
        {
          /* Only a blank body is refused. */
          if (!g_error_matches (error, WD_ERROR, WD_ERROR_INCOMPLETE))
            FUZZ_FAIL ("export failed: %s", error->message);
          return 0;
        }

      second = wd_export_serialize (article, f, NULL);
      if (!g_bytes_equal (first, second))
        FUZZ_FAIL ("%s export is not deterministic", wd_export_format_get_name (f));

      out = g_bytes_get_data (first, &len);
      if (!g_utf8_validate_len (out, len, NULL))
        FUZZ_FAIL ("%s export is not UTF-8", wd_export_format_get_name (f));
      if (!json_parser_load_from_data (parser, out, len, &error))
        FUZZ_FAIL ("%s export is not JSON: %s", wd_export_format_get_name (f), error->message);

      if (f == WD_EXPORT_FORMAT_NINJS)
        {
          JsonObject *root = json_node_get_object (json_parser_get_root (parser));
          JsonArray *bodies = json_object_get_array_member (root, "bodies");
          const char *html = json_object_get_string_member (json_array_get_object_element (bodies, 1), "value");

          if (strstr (html, "<script") != NULL || strstr (html, "<img src=x") != NULL ||
              strstr (html, "href=\"javascript:") != NULL)
            FUZZ_FAIL ("raw markup from the body reached the HTML: %s", html);
          for (guint b = 0; b < json_array_get_length (bodies); b++)
            {
              const char *value = json_object_get_string_member (json_array_get_object_element (bodies, b),
                                                                 "value");

              if (stray_private_use (value, body) != 0)
                FUZZ_FAIL ("a citation placeholder reached the export: %s", value);
            }
        }
    }

  return 0;
}

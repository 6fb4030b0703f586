/* bench-native-format: load + save of a large .wiredesk document against
 * json-glib's bare parse + generate of the same bytes, in the same run.
 *
 *   bench-native-format --generate big.wiredesk   # ≈10 MB: 20 000 paragraphs, 2 000 sources
 *   bench-native-format big.wiredesk [ROUNDS]     # prints both timings and their ratio
 */
#include "config.h"

#include <json-glib/json-glib.h>
#include <stdio.h>
#include <stdlib.h>

#include "wiredesk-core.h"

static void
generate (const char *path)
{
  g_autoptr(WdArticle) article = wd_article_new ();
  g_autoptr(GString) body = g_string_new (NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;

  wd_article_set_headline (article, "A very large synthesis for benchmarking");
  for (guint i = 0; i < 20000; i++)
    {
      if (i % 50 == 0)
        g_string_append_printf (body, "## Section %u\n\n", i / 50);
      g_string_append_printf (body,
                              "Paragraph %u: the harbour authority said on Tuesday that night "
                              "crossings would stay suspended while engineers inspect the fleet; "
                              "a spokesperson added that “day services continue”. About 1,800 "
                              "passengers use the night crossings each week, most of them shift "
                              "workers at the fish-processing plant on the island. A repair "
                              "estimate is expected within two weeks.\n\n", i);
    }
  wd_article_set_body (article, body->str);

  for (guint i = 0; i < 2000; i++)
    {
      g_autofree char *url = g_strdup_printf ("https://host%u.example/news/2026/11/%u/story-%u", i % 97, i, i);
      g_autoptr(WdCheckResult) check = wd_check_result_new (WD_CHECK_STATUS_OK);
      WdSource *source = wd_article_add_source_url (article, url, &error);

      g_assert_no_error (error);
      wd_source_set_label (source, "A labelled source");
      wd_check_result_set_http_status (check, 200);
      wd_check_result_set_elapsed_ms (check, 120 + i % 300);
      wd_check_result_set_text (check, "final-url", url);
      wd_check_result_set_text (check, "checked-at", "2026-11-24T10:00:00Z");
      wd_check_result_set_text (check, "title", "Night ferries halted after sonar finds hull cracks");
      wd_check_result_set_text (check, "site-name", "The Ellery Times");
      wd_check_result_set_text (check, "author", "A. Reporter");
      wd_check_result_set_text (check, "published", "2026-11-03T18:00:00Z");
      wd_check_result_set_text (check, "canonical", url);
      wd_check_result_set_text (check, "language", "en");
      wd_check_result_set_text (check, "content-sha256",
                                "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08");
      wd_source_set_check (source, check);
    }

  bytes = wd_native_format_serialize (article);
  if (!g_file_replace_contents (file, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes),
                                NULL, FALSE, G_FILE_CREATE_NONE, NULL, NULL, &error))
    g_error ("%s", error->message);
  printf ("wrote %s: %.1f MB\n", path, g_bytes_get_size (bytes) / 1e6);
}

static double
bare_json_glib (GBytes *bytes)
{
  gint64 start = g_get_monotonic_time ();
  g_autoptr(JsonParser) parser = json_parser_new_immutable ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL;
  gsize len;

  if (!json_parser_load_from_data (parser, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes), &error))
    g_error ("%s", error->message);
  json_generator_set_pretty (generator, TRUE);
  json_generator_set_indent (generator, 2);
  json_generator_set_root (generator, json_parser_get_root (parser));
  out = json_generator_to_data (generator, &len);

  return (g_get_monotonic_time () - start) / 1000.0;
}

static double load_ms, save_ms;

static double
wiredesk_load_save (GBytes *bytes)
{
  gint64 start = g_get_monotonic_time ();
  gint64 loaded;
  g_autoptr(GError) error = NULL;
  g_autoptr(WdArticle) article = wd_native_format_parse (bytes, "bench", &error);
  g_autoptr(GBytes) out = NULL;

  if (article == NULL)
    g_error ("%s", error->message);
  loaded = g_get_monotonic_time ();
  out = wd_native_format_serialize (article);

  load_ms = (loaded - start) / 1000.0;
  save_ms = (g_get_monotonic_time () - loaded) / 1000.0;
  return (g_get_monotonic_time () - start) / 1000.0;
}

static int
compare_doubles (const void *a,
                 const void *b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return (x > y) - (x < y);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GBytes) bytes = NULL;
  g_autofree double *bare = NULL;
  g_autofree double *ours = NULL;
  g_autoptr(GError) error = NULL;
  gchar *data;
  gsize len;
  int rounds;

  if (argc == 3 && g_str_equal (argv[1], "--generate"))
    {
      generate (argv[2]);
      return 0;
    }

  if (argc < 2)
    {
      fprintf (stderr, "usage: %s --generate FILE | FILE [ROUNDS]\n", argv[0]);
      return 2;
    }

  rounds = argc > 2 ? atoi (argv[2]) : 7;
  if (!g_file_get_contents (argv[1], &data, &len, &error))
    g_error ("%s", error->message);
  bytes = g_bytes_new_take (data, len);

  bare = g_new (double, rounds);
  ours = g_new (double, rounds);
  /* Interleaved, so that both see the same machine load. */
  for (int i = 0; i < rounds; i++)
    {
      bare[i] = bare_json_glib (bytes);
      ours[i] = wiredesk_load_save (bytes);
      if (g_getenv ("BENCH_VERBOSE"))
        printf ("  round %d: load %.1f ms, save %.1f ms\n", i, load_ms, save_ms);
    }
  qsort (bare, rounds, sizeof (double), compare_doubles);
  qsort (ours, rounds, sizeof (double), compare_doubles);

  printf ("document: %.1f MB, %d rounds (medians)\n", len / 1e6, rounds);
  printf ("json-glib parse + generate: %8.1f ms\n", bare[rounds / 2]);
  printf ("wiredesk load + save:       %8.1f ms\n", ours[rounds / 2]);
  printf ("ratio:                      %8.2f (goal ≤ 2.00)\n", ours[rounds / 2] / bare[rounds / 2]);

  return 0;
}

/* bench-native-format: load + save of a large .wiredesk document against
 * json-glib's bare parse + generate of the same bytes, in the same run.
 *
 *   bench-native-format --generate big.wiredesk   # ≈10 MB: 20 000 paragraphs, 2 000 sources
 *   bench-native-format --generate-cited big.wiredesk   # the same, the body citing them
 *   bench-native-format big.wiredesk [ROUNDS]     # prints both timings and their ratio
 */
#include "config.h"

#include <json-glib/json-glib.h>
#include <stdio.h>
#include <stdlib.h>

#include "wd-bench-doc.h"

static void
generate (const char *path,
          gboolean    cited)
{
  const WdBenchDocOptions options = { .paragraphs = 20000, .sources = 2000, .provenance = cited };
  g_autoptr(WdArticle) article = wd_bench_doc_new (&options);

  wd_bench_doc_write (article, path);
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

  if (argc == 3 && (g_str_equal (argv[1], "--generate") || g_str_equal (argv[1], "--generate-cited")))
    {
      generate (argv[2], g_str_equal (argv[1], "--generate-cited"));
      return 0;
    }

  if (argc < 2)
    {
      fprintf (stderr, "usage: %s --generate[-cited] FILE | FILE [ROUNDS]\n", argv[0]);
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
  printf ("document: %.1f MB, %d rounds (medians)\n", len / 1e6, rounds);
  printf ("json-glib parse + generate: %8.1f ms\n", wd_bench_median (bare, rounds));
  printf ("wiredesk load + save:       %8.1f ms\n", wd_bench_median (ours, rounds));
  printf ("ratio:                      %8.2f (goal ≤ 2.00)\n", wd_bench_median (ours, rounds) / wd_bench_median (bare, rounds));

  return 0;
}

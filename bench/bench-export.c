/* bench-export: exporting a large document to each format, against
 * json-glib's bare generate of a document of the same size, in the same run.
 *
 *   bench-native-format --generate big.wiredesk   # the ≈10 MB benchmark article
 *   bench-export big.wiredesk [ROUNDS]
 *
 * For each format, "export" is wd_export_serialize() on the loaded article
 * (for ninjs/jsonld: rendering the Markdown body to HTML and plain text
 * with cmark, building the JSON tree, printing it). "bare generate" is
 * json_generator_to_data() (pretty, indent 2) of that export's own output,
 * parsed beforehand: the same bytes, printed by json-glib alone.
 */
#include "config.h"

#include <json-glib/json-glib.h>
#include <stdio.h>
#include <stdlib.h>

#include "wiredesk-core.h"

static int
compare_doubles (const void *a,
                 const void *b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return (x > y) - (x < y);
}

static double
time_export (WdArticle      *article,
             WdExportFormat  format,
             gsize          *size)
{
  gint64 start = g_get_monotonic_time ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = wd_export_serialize (article, format, &error);

  if (bytes == NULL)
    g_error ("%s", error->message);
  *size = g_bytes_get_size (bytes);
  return (g_get_monotonic_time () - start) / 1000.0;
}

static double
time_generate (JsonNode *root)
{
  gint64 start = g_get_monotonic_time ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autofree char *out = NULL;
  gsize len;

  json_generator_set_pretty (generator, TRUE);
  json_generator_set_indent (generator, 2);
  json_generator_set_root (generator, root);
  out = json_generator_to_data (generator, &len);

  return (g_get_monotonic_time () - start) / 1000.0;
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GFile) file = NULL;
  g_autoptr(WdArticle) article = NULL;
  g_autoptr(GError) error = NULL;
  int rounds;

  if (argc < 2)
    {
      fprintf (stderr, "usage: %s FILE.wiredesk [ROUNDS]\n", argv[0]);
      return 2;
    }

  rounds = argc > 2 ? atoi (argv[2]) : 7;
  if (rounds < 1)
    rounds = 1;

  file = g_file_new_for_commandline_arg (argv[1]);
  article = wd_native_format_load (file, NULL, &error);
  if (article == NULL)
    g_error ("%s", error->message);

  printf ("%-8s %10s %12s %16s %7s\n", "format", "size", "export", "bare generate", "ratio");

  for (guint f = 0; f < WD_EXPORT_N_FORMATS; f++)
    {
      g_autoptr(GBytes) sample = wd_export_serialize (article, f, &error);
      g_autoptr(JsonParser) parser = json_parser_new ();
      g_autofree double *ours = g_new (double, rounds);
      g_autofree double *bare = g_new (double, rounds);
      gsize size = 0;

      if (sample == NULL ||
          !json_parser_load_from_data (parser, g_bytes_get_data (sample, NULL),
                                       g_bytes_get_size (sample), &error))
        g_error ("%s", error->message);

      /* Interleaved, so that both see the same machine load. */
      for (int i = 0; i < rounds; i++)
        {
          ours[i] = time_export (article, f, &size);
          bare[i] = time_generate (json_parser_get_root (parser));
        }
      qsort (ours, rounds, sizeof (double), compare_doubles);
      qsort (bare, rounds, sizeof (double), compare_doubles);

      printf ("%-8s %7.1f MB %9.1f ms %13.1f ms %7.2f\n", wd_export_format_get_name (f),
              size / 1e6, ours[rounds / 2], bare[rounds / 2], ours[rounds / 2] / bare[rounds / 2]);
    }

  printf ("(%d rounds, medians)\n", rounds);
  return 0;
}

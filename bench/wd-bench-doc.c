#include "config.h"

#include <stdio.h>
#include <stdlib.h>

#include "wd-bench-doc.h"

static const char paragraph_text[] =
  "the harbour authority said on Tuesday that night "
  "crossings would stay suspended while engineers inspect the fleet; "
  "a spokesperson added that “day services continue”. About 1,800 "
  "passengers use the night crossings each week, most of them shift "
  "workers at the fish-processing plant on the island. A repair "
  "estimate is expected within two weeks.";

static void
add_sources (WdArticle               *article,
             const WdBenchDocOptions *options)
{
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < options->sources; i++)
    {
      g_autofree char *url = g_strdup_printf ("https://host%u.example/news/2026/11/%u/story-%u", i % 97, i, i);
      g_autoptr(WdCheckResult) check = NULL;
      WdSource *source = wd_article_add_source_url (article, url, &error);

      g_assert_no_error (error);
      wd_source_set_label (source, "A labelled source");

      if (options->provenance && i % 10 == 0)
        continue;   /* not checked yet */

      check = wd_check_result_new (options->provenance && i % 50 == 1 ? WD_CHECK_STATUS_NOT_FOUND
                                                                        : WD_CHECK_STATUS_OK);
      wd_check_result_set_http_status (check, options->provenance && i % 50 == 1 ? 404 : 200);
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
}

/* A paragraph with what the audit reads: one or two citations, now and
 * then a date, and rarely a "first" claim that an earlier date of the
 * text contradicts. */
static void
append_provenance (GString    *body,
                   WdArticle  *article,
                   guint       i)
{
  guint n = wd_article_get_n_sources (article);

  if (i % 100 == 7)
    g_string_append (body, " On 3 November 2026 the authority confirmed it.");
  if (i % 500 == 9)
    g_string_append (body, " The cracks were first reported on 5 November 2026.");

  if (n == 0 || i % 20 == 19)
    return;

  g_string_append_printf (body, "[^%s]", wd_source_get_id (wd_article_get_source (article, i % n)));
  if (i % 3 == 0)
    g_string_append_printf (body, "[^%s]",
                            wd_source_get_id (wd_article_get_source (article, (i * 7 + 1) % n)));
}

WdArticle *
wd_bench_doc_new (const WdBenchDocOptions *options)
{
  WdArticle *article = wd_article_new ();
  g_autoptr(GString) body = g_string_new (NULL);

  wd_article_set_headline (article, "A very large synthesis for benchmarking");
  if (options->provenance)
    wd_article_set_dateline (article, "PORT ELLERY, 24 November 2026");
  add_sources (article, options);

  for (guint i = 0; i < options->paragraphs; i++)
    {
      if (i % 50 == 0)
        g_string_append_printf (body, "## Section %u\n\n", i / 50);
      g_string_append_printf (body, "Paragraph %u: %s", i, paragraph_text);
      if (options->provenance)
        append_provenance (body, article, i);
      g_string_append (body, "\n\n");
    }
  wd_article_set_body (article, body->str);

  return article;
}

void
wd_bench_doc_write (WdArticle  *article,
                    const char *path)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GBytes) bytes = wd_native_format_serialize (article);
  g_autoptr(GError) error = NULL;

  if (!g_file_replace_contents (file, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes),
                                NULL, FALSE, G_FILE_CREATE_NONE, NULL, NULL, &error))
    g_error ("%s", error->message);
  printf ("wrote %s: %.1f MB\n", path, g_bytes_get_size (bytes) / 1e6);
}

static int
compare_doubles (const void *a,
                 const void *b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return (x > y) - (x < y);
}

double
wd_bench_median (double *values,
                 guint   n)
{
  qsort (values, n, sizeof (double), compare_doubles);
  return values[n / 2];
}

void
wd_bench_spin (guint ms)
{
  gint64 end = g_get_monotonic_time () + ms * 1000;

  while (g_get_monotonic_time () < end)
    g_main_context_iteration (NULL, FALSE);
}

static const char *vocabulary[] = {
  "the", "council", "minister", "said", "budget", "harbour", "plan", "would", "could", "vote",
  "week", "city", "project", "report", "police", "people", "water", "school", "money", "court",
  "announced", "confirmed", "denied", "agreed", "warned", "expected", "before", "after", "during",
  "while", "year", "month", "officials", "residents", "company", "market", "prices", "energy",
  "a", "of", "to", "in", "and", "on", "for", "with", "that", "was", "is", "it", "by", "at",
};

static const char *
word (GRand *rand)
{
  return vocabulary[g_rand_int_range (rand, 0, G_N_ELEMENTS (vocabulary))];
}

GPtrArray *
wd_bench_quote_sources (GRand *rand,
                        guint  n,
                        guint  words)
{
  GPtrArray *sources = g_ptr_array_new_with_free_func (g_free);

  for (guint s = 0; s < n; s++)
    {
      GString *text = g_string_new (NULL);

      for (guint w = 0; w < words; w++)
        g_string_append_printf (text, "%s%s", word (rand), w % 17 == 16 ? ". " : " ");
      g_ptr_array_add (sources, g_string_free (text, FALSE));
    }
  return sources;
}

char *
wd_bench_quote_body (GRand              *rand,
                     GPtrArray          *sources,
                     const char * const *ids,
                     gsize               bytes,
                     guint               quotes,
                     guint              *written)
{
  GString *body = g_string_new (NULL);
  guint n = 0;

  while (body->len < bytes)
    {
      guint s = g_rand_int_range (rand, 0, sources->len);

      for (guint w = 0; w < 80; w++)
        g_string_append_printf (body, "%s ", word (rand));

      if (n < quotes && body->len > n * (bytes / quotes))
        {
          g_auto(GStrv) words = g_strsplit (g_ptr_array_index (sources, s), " ", -1);
          /* the text ends in a space: its last piece is empty */
          guint at = g_rand_int_range (rand, 0, g_strv_length (words) - 21);

          g_string_append (body, "she said \"");
          for (guint w = 0; w < 10; w++)
            {
              if (n % 5 == 1 && w == 4)
                g_string_append (body, "really ");
              else if (n % 10 == 3)
                g_string_append_printf (body, "%s ", word (rand));
              else
                g_string_append_printf (body, "%s ", words[at + w]);
            }
          g_string_truncate (body, body->len - 1);
          g_string_append (body, "\"");
          n++;
        }
      g_string_append_printf (body, ".[^%s]\n\n", ids[s]);
    }
  *written = n;
  return g_string_free (body, FALSE);
}

/* bench-history: what the revision history costs.
 *
 *   bench-history --generate PLAIN.wiredesk HISTORY.wiredesk
 *       the ≈10 MB benchmark document without history, and the same saved
 *       200 times with a small edit each (200 revisions)
 *   bench-history PLAIN.wiredesk HISTORY.wiredesk [ROUNDS]
 *       load + save of both, interleaved; then the word diff of two
 *       revisions of a 1 MB body
 */
#include "config.h"

#include <glib/gstdio.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "wd-bench-doc.h"

/* CPU time of the process, in µs: on a machine shared with other builds,
 * wall-clock time mostly measures the others. */
static gint64
cpu_now (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_PROCESS_CPUTIME_ID, &ts);
  return (gint64) ts.tv_sec * G_USEC_PER_SEC + ts.tv_nsec / 1000;
}

static void
small_edit (WdArticle *article,
            guint      i)
{
  const char *body = wd_article_get_body (article);
  gsize len = strlen (body);
  gsize at = (i * 104729u) % (len - 1);
  g_autofree char *word = g_strdup_printf (" edit%u", i);
  GString *out = g_string_sized_new (len + 16);

  while (at > 0 && body[at] != ' ')
    at--;
  g_string_append_len (out, body, at);
  g_string_append (out, word);
  g_string_append (out, body + at);
  wd_article_set_body (article, out->str);
  g_string_free (out, TRUE);
}

static void
generate (const char *plain,
          const char *history)
{
  const WdBenchDocOptions options = { .paragraphs = 20000, .sources = 2000 };
  g_autoptr(WdArticle) article = wd_bench_doc_new (&options);
  g_autoptr(GFile) file = g_file_new_for_path (history);
  g_autoptr(GError) error = NULL;

  wd_bench_doc_write (article, plain);
  for (guint i = 0; i < 200; i++)
    {
      small_edit (article, i);
      if (!wd_native_format_save (article, file, NULL, &error))
        g_error ("%s", error->message);
    }
  printf ("wrote %s: 200 revisions\n", history);
}

/* Parse, a small edit, a real save (record the revision, write the file). */
static double
load_edit_save (GBytes *bytes,
                GFile  *out,
                double *load_save_ms)
{
  gint64 start = cpu_now (), serialized;
  g_autoptr(GError) error = NULL;
  g_autoptr(WdArticle) article = wd_native_format_parse (bytes, "bench", &error);
  g_autoptr(GBytes) again = NULL;

  if (article == NULL)
    g_error ("%s", error->message);
  again = wd_native_format_serialize (article);
  serialized = cpu_now ();
  *load_save_ms = (serialized - start) / 1000.0;

  small_edit (article, 7);
  if (!wd_native_format_save (article, out, NULL, &error))
    g_error ("%s", error->message);
  return (cpu_now () - serialized) / 1000.0;
}

static GBytes *
read_all (const char *path)
{
  g_autoptr(GError) error = NULL;
  char *data;
  gsize len;

  if (!g_file_get_contents (path, &data, &len, &error))
    g_error ("%s", error->message);
  return g_bytes_new_take (data, len);
}

static void
bench_diff (int rounds)
{
  GString *body = g_string_new (NULL);
  g_autofree double *small = g_new (double, rounds);
  g_autofree double *many = g_new (double, rounds);
  g_autofree double *revisions = g_new (double, rounds);
  g_autoptr(WdArticle) article = wd_article_new ();
  g_autofree char *dir = g_dir_make_tmp ("bench-history-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "diff.wiredesk", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autofree char *a = NULL;
  g_autofree char *b_small = NULL;
  GString *b = NULL;
  g_autoptr(GRand) rand = g_rand_new_with_seed (19);

  for (guint i = 0; body->len < 1000 * 1000; i++)
    g_string_append_printf (body, "Paragraph %u: the agency said the ferry would run again on %s, "
                            "and the union confirmed it in a statement.\n\n", i,
                            i % 2 ? "Monday" : "Tuesday");
  a = g_strdup (body->str);

  /* One word changed in the middle. */
  b_small = g_strdup (a);
  memcpy (b_small + strlen (a) / 2 - (strlen (a) / 2) % 16, "CHANGED", 7);
  /* 1 000 words changed, spread through the text. */
  b = g_string_new (a);
  for (guint i = 0; i < 1000; i++)
    {
      gsize at = g_rand_int_range (rand, 0, b->len - 10);

      while (at > 0 && b->str[at] != ' ')
        at--;
      g_string_insert (b, at, " NEW");
    }

  wd_article_set_headline (article, "Diff");
  wd_article_set_body (article, a);
  if (!wd_native_format_save (article, file, NULL, NULL))
    g_error ("save");
  wd_article_set_body (article, b->str);
  if (!wd_native_format_save (article, file, NULL, NULL))
    g_error ("save");

  for (int i = 0; i < rounds; i++)
    {
      gint64 t0 = cpu_now ();
      g_autoptr(GArray) s1 = wd_diff_words (a, b_small);
      gint64 t1 = cpu_now ();
      g_autoptr(GArray) s2 = wd_diff_words (a, b->str);
      gint64 t2 = cpu_now ();
      g_autoptr(WdRevisionDiff) diff = wd_history_diff (wd_article_get_history (article), 1, 2, NULL);
      gint64 t3 = cpu_now ();
      guint added = 0, removed = 0;

      g_assert (diff != NULL);
      wd_diff_count_words (a, b->str, s2, &added, &removed);
      if (i == 0)
        printf ("(the diff of 1 000 scattered insertions finds +%u -%u words)\n", added, removed);
      small[i] = (t1 - t0) / 1000.0;
      many[i] = (t2 - t1) / 1000.0;
      revisions[i] = (t3 - t2) / 1000.0;
    }

  printf ("\n1 MB body (%.2f MB), %d rounds (medians of CPU time)\n", strlen (a) / 1e6, rounds);
  printf ("word diff, one word changed:                 %8.1f ms\n", wd_bench_median (small, rounds));
  printf ("word diff, 1 000 words added across the text: %7.1f ms\n", wd_bench_median (many, rounds));
  printf ("revision diff (rebuild both + every field):   %7.1f ms (goal ≤ 100)\n",
          wd_bench_median (revisions, rounds));

  g_unlink (path);
  g_rmdir (dir);
  g_string_free (body, TRUE);
  g_string_free (b, TRUE);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GBytes) plain = NULL;
  g_autoptr(GBytes) history = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *out_path = NULL;
  g_autoptr(GFile) out = NULL;
  int rounds;

  if (argc == 4 && g_str_equal (argv[1], "--generate"))
    {
      generate (argv[2], argv[3]);
      return 0;
    }
  if (argc < 3)
    {
      fprintf (stderr, "usage: %s --generate PLAIN HISTORY | PLAIN HISTORY [ROUNDS]\n", argv[0]);
      return 2;
    }

  rounds = argc > 3 ? atoi (argv[3]) : 7;
  plain = read_all (argv[1]);
  history = read_all (argv[2]);
  dir = g_dir_make_tmp ("bench-history-XXXXXX", NULL);
  out_path = g_build_filename (dir, "out.wiredesk", NULL);
  out = g_file_new_for_path (out_path);

  {
    g_autofree double *plain_ls = g_new (double, rounds);
    g_autofree double *hist_ls = g_new (double, rounds);
    g_autofree double *plain_save = g_new (double, rounds);
    g_autofree double *hist_save = g_new (double, rounds);

    /* Interleaved, so that both see the same machine load. */
    for (int i = 0; i < rounds; i++)
      {
        plain_save[i] = load_edit_save (plain, out, &plain_ls[i]);
        hist_save[i] = load_edit_save (history, out, &hist_ls[i]);
      }

    printf ("documents: %.1f MB without history, %.1f MB with 200 revisions; %d rounds (medians of CPU time)\n",
            g_bytes_get_size (plain) / 1e6, g_bytes_get_size (history) / 1e6, rounds);
    printf ("load + save (parse + serialize):  %8.1f ms without, %8.1f ms with: ratio %.2f (goal ≤ 1.30)\n",
            wd_bench_median (plain_ls, rounds), wd_bench_median (hist_ls, rounds),
            wd_bench_median (hist_ls, rounds) / wd_bench_median (plain_ls, rounds));
    printf ("edit + save to disk (records one): %7.1f ms without, %8.1f ms with: ratio %.2f\n",
            wd_bench_median (plain_save, rounds), wd_bench_median (hist_save, rounds),
            wd_bench_median (hist_save, rounds) / wd_bench_median (plain_save, rounds));
  }

  g_unlink (out_path);
  g_rmdir (dir);
  bench_diff (rounds);
  return 0;
}

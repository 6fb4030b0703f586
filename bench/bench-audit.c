/* bench-audit: the provenance audit of a ≈10 MB article, as the editor
 * would rerun it while someone types, against one bare pass over the same
 * text (UTF-8 validation) in the same run.
 *
 *   bench-audit                      # 24 000 paragraphs (≈10 MB body), 2 000 sources, 9 rounds
 *   bench-audit PARAGRAPHS [SOURCES [ROUNDS]]   # e.g. 40 8 41: an everyday article
 *
 * Rounds are interleaved so that every measure sees the same machine
 * load; medians are printed.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "wd-audit-private.h"
#include "wd-bench-doc.h"

#define NOW "2026-11-25T00:00:00Z"

static double
ms_since (gint64 start)
{
  return (g_get_monotonic_time () - start) / 1000.0;
}

/* The floor of any scan: one pass over every byte of the body. */
static double
bare_pass (const char *body)
{
  gint64 start = g_get_monotonic_time ();
  gboolean valid = g_utf8_validate (body, -1, NULL);

  g_assert_true (valid);
  return ms_since (start);
}

/* One keystroke: a letter typed in the middle of the body. */
static void
type_a_letter (WdArticle *article,
               guint      round)
{
  const char *body = wd_article_get_body (article);
  gsize len = strlen (body);
  gsize at = len / 2 + round;
  g_autoptr(GString) edited = g_string_sized_new (len + 2);

  while (((guchar) body[at] & 0xc0) == 0x80)
    at++;
  g_string_append_len (edited, body, at);
  g_string_append_c (edited, 'x');
  g_string_append (edited, body + at);
  wd_article_set_body (article, edited->str);
}

typedef struct
{
  GMainLoop *loop;
  gboolean   ok;
} AsyncRun;

static void
on_async_done (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  AsyncRun *run = user_data;

  run->ok = wd_audit_run_finish (WD_AUDIT (object), result, NULL);
  g_main_loop_quit (run->loop);
}

int
main (int   argc,
      char *argv[])
{
  WdBenchDocOptions options = { .paragraphs = 24000, .sources = 2000, .provenance = TRUE };
  g_autoptr(WdArticle) article = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_from_iso8601 (NOW, NULL);
  g_autoptr(GMainLoop) loop = g_main_loop_new (NULL, FALSE);
  g_autofree double *bare = NULL, *first = NULL, *typing = NULL, *same = NULL, *async = NULL;
  g_autofree double *snapshot = NULL, *compute = NULL, *citations = NULL, *dates = NULL;
  guint rounds = 9;
  gsize body_len;
  guint n_findings = 0;

  if (argc > 1)
    options.paragraphs = (guint) atoi (argv[1]);
  if (argc > 2)
    options.sources = (guint) atoi (argv[2]);
  if (argc > 3)
    rounds = (guint) atoi (argv[3]);
  if (options.paragraphs == 0 || rounds == 0)
    {
      fprintf (stderr, "usage: %s [PARAGRAPHS [SOURCES [ROUNDS]]]\n", argv[0]);
      return 2;
    }

  article = wd_bench_doc_new (&options);
  body_len = strlen (wd_article_get_body (article));

  bare = g_new (double, rounds);
  first = g_new (double, rounds);
  typing = g_new (double, rounds);
  same = g_new (double, rounds);
  async = g_new (double, rounds);
  snapshot = g_new (double, rounds);
  compute = g_new (double, rounds);
  citations = g_new (double, rounds);
  dates = g_new (double, rounds);

  for (guint r = 0; r < rounds; r++)
    {
      g_autoptr(WdAudit) audit = wd_audit_new ();
      g_autoptr(WdAuditInput) input = NULL;
      g_autoptr(GPtrArray) findings = NULL;
      g_autoptr(GArray) paragraphs = NULL;
      g_autoptr(GArray) cites = NULL;
      g_autoptr(GArray) mentions = NULL;
      g_autoptr(GArray) conflicts = NULL;
      AsyncRun run = { loop, FALSE };
      gint64 start;

      wd_audit_set_now (audit, now);
      bare[r] = bare_pass (wd_article_get_body (article));

      /* the first audit of a document just opened */
      start = g_get_monotonic_time ();
      wd_audit_run (audit, article);
      first[r] = ms_since (start);
      n_findings = g_list_model_get_n_items (wd_audit_get_findings (audit));

      /* after one keystroke: copy, audit, publish what changed */
      type_a_letter (article, r);
      start = g_get_monotonic_time ();
      wd_audit_run (audit, article);
      typing[r] = ms_since (start);

      /* again with nothing changed */
      start = g_get_monotonic_time ();
      wd_audit_run (audit, article);
      same[r] = ms_since (start);

      /* the editor's way: in a thread, published on the main loop */
      type_a_letter (article, r + 1000);
      start = g_get_monotonic_time ();
      wd_audit_run_async (audit, article, NULL, on_async_done, &run);
      g_main_loop_run (loop);
      async[r] = ms_since (start);
      g_assert_true (run.ok);

      /* where the time goes */
      start = g_get_monotonic_time ();
      input = _wd_audit_input_new (article, now, 30, 3);
      snapshot[r] = ms_since (start);
      start = g_get_monotonic_time ();
      findings = _wd_audit_compute (input);
      compute[r] = ms_since (start);
      start = g_get_monotonic_time ();
      wd_citations_scan (input->body, &paragraphs, &cites);
      citations[r] = ms_since (start);
      start = g_get_monotonic_time ();
      mentions = wd_dates_scan (input->body, -1, 2026);
      conflicts = wd_dates_find_conflicts (mentions, WD_AUDIT_DATE_WINDOW_DAYS);
      dates[r] = ms_since (start);

      if (r == 0)
        printf ("body: %.2f MB, %u paragraphs, %u citations, %u dates, %u sources, %u findings\n",
                body_len / 1e6, paragraphs->len, cites->len, mentions->len,
                wd_article_get_n_sources (article), n_findings);
    }

  printf ("%u rounds (medians, ms)\n", rounds);
  printf ("one pass over the body (g_utf8_validate): %8.3f\n", wd_bench_median (bare, rounds));
  printf ("first audit (all findings new):           %8.3f\n", wd_bench_median (first, rounds));
  printf ("audit after one keystroke:                %8.3f  (%.1f× the bare pass)\n",
          wd_bench_median (typing, rounds), wd_bench_median (typing, rounds) / wd_bench_median (bare, rounds));
  printf ("audit, nothing changed:                   %8.3f\n", wd_bench_median (same, rounds));
  printf ("async audit, call to published:           %8.3f\n", wd_bench_median (async, rounds));
  printf ("  copy of the article (main thread):      %8.3f\n", wd_bench_median (snapshot, rounds));
  printf ("  findings (worker thread):               %8.3f\n", wd_bench_median (compute, rounds));
  printf ("    of which paragraphs + citations:      %8.3f\n", wd_bench_median (citations, rounds));
  printf ("    of which dates + conflicts:           %8.3f\n", wd_bench_median (dates, rounds));

  return 0;
}

/* The quotation check on a large article: 1 MB of body, 50 sources with
 * their captured texts, 200 quotations (most verbatim, some reworded, some
 * invented). Prints the time to prepare the texts (once per package) and
 * the check itself (what the audit repeats as the editor types).
 *
 *   bench-quotes [ROUNDS]
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "wd-bench-doc.h"

#define N_SOURCES    50
#define N_QUOTES     200
#define BODY_BYTES   (1024 * 1024)
#define SOURCE_WORDS 3000

/* CPU time of this thread in ms: on a loaded machine the wall clock
 * measures the other processes too. Both are printed. */
static double
cpu_ms (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_THREAD_CPUTIME_ID, &ts);
  return ts.tv_sec * 1000.0 + ts.tv_nsec / 1e6;
}

int
main (int   argc,
      char *argv[])
{
  int rounds = argc > 1 ? atoi (argv[1]) : 5;
  g_autoptr(GRand) rand = g_rand_new_with_seed (17);
  g_autoptr(GPtrArray) sources = NULL;
  g_autoptr(GPtrArray) ids = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *body = NULL;
  g_autoptr(WdQuoteTexts) texts = NULL;
  guint quotes_written = 0;
  gint64 start;
  double cpu_start;

  sources = wd_bench_quote_sources (rand, N_SOURCES, SOURCE_WORDS);
  for (guint s = 0; s < N_SOURCES; s++)
    g_ptr_array_add (ids, g_strdup_printf ("src-%02u", s));
  g_ptr_array_add (ids, NULL);
  body = wd_bench_quote_body (rand, sources, (const char * const *) ids->pdata, BODY_BYTES, N_QUOTES,
                              &quotes_written);

  start = g_get_monotonic_time ();
  cpu_start = cpu_ms ();
  texts = wd_quote_texts_new ();
  for (guint s = 0; s < N_SOURCES; s++)
    wd_quote_texts_add (texts, g_ptr_array_index (ids, s), g_ptr_array_index (sources, s), NULL);
  printf ("article %zu bytes, %u sources of %u words, %u quotations\n",
          strlen (body), N_SOURCES, SOURCE_WORDS, quotes_written);
  printf ("prepare the sources' texts: %.1f ms wall, %.1f ms CPU\n",
          (g_get_monotonic_time () - start) / 1000.0, cpu_ms () - cpu_start);

  printf ("round  wall(ms)  CPU(ms)  verified  altered  not-found  other\n");
  for (int r = 1; r <= rounds; r++)
    {
      g_autoptr(GPtrArray) quotes = NULL;
      guint counts[WD_QUOTE_VERDICT_UNVERIFIABLE + 1] = { 0, };
      double ms, cpu;

      start = g_get_monotonic_time ();
      cpu_start = cpu_ms ();
      quotes = wd_quotes_check (body, (const char * const *) ids->pdata, texts);
      cpu = cpu_ms () - cpu_start;
      ms = (g_get_monotonic_time () - start) / 1000.0;
      for (guint i = 0; i < quotes->len; i++)
        counts[((WdQuote *) g_ptr_array_index (quotes, i))->verdict]++;
      printf ("%5d  %8.1f  %7.1f  %8u  %7u  %9u  %5u\n", r, ms, cpu, counts[WD_QUOTE_VERDICT_VERIFIED],
              counts[WD_QUOTE_VERDICT_ALTERED], counts[WD_QUOTE_VERDICT_NOT_FOUND],
              counts[WD_QUOTE_VERDICT_IN_OTHER_SOURCE]);
    }

  return 0;
}

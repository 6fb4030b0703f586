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
#include <time.h>

#include "wiredesk-core.h"

#define N_SOURCES    50
#define N_QUOTES     200
#define BODY_BYTES   (1024 * 1024)
#define SOURCE_WORDS 3000

static const char *vocabulary[] = {
  "the", "council", "minister", "said", "budget", "harbour", "plan", "would", "could", "vote",
  "week", "city", "project", "report", "police", "people", "water", "school", "money", "court",
  "announced", "confirmed", "denied", "agreed", "warned", "expected", "before", "after", "during",
  "while", "year", "month", "officials", "residents", "company", "market", "prices", "energy",
  "a", "of", "to", "in", "and", "on", "for", "with", "that", "was", "is", "it", "by", "at",
};

/* CPU time of this thread in ms: on a loaded machine the wall clock
 * measures the other processes too. Both are printed. */
static double
cpu_ms (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_THREAD_CPUTIME_ID, &ts);
  return ts.tv_sec * 1000.0 + ts.tv_nsec / 1e6;
}

static const char *
word (GRand *rand)
{
  return vocabulary[g_rand_int_range (rand, 0, G_N_ELEMENTS (vocabulary))];
}

int
main (int   argc,
      char *argv[])
{
  int rounds = argc > 1 ? atoi (argv[1]) : 5;
  g_autoptr(GRand) rand = g_rand_new_with_seed (17);
  g_autoptr(GPtrArray) sources = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) ids = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GString) body = g_string_new (NULL);
  g_autoptr(WdQuoteTexts) texts = NULL;
  guint quotes_written = 0;
  gint64 start;
  double cpu_start;

  for (guint s = 0; s < N_SOURCES; s++)
    {
      GString *text = g_string_new (NULL);

      for (guint w = 0; w < SOURCE_WORDS; w++)
        g_string_append_printf (text, "%s%s", word (rand), w % 17 == 16 ? ". " : " ");
      g_ptr_array_add (sources, g_string_free (text, FALSE));
      g_ptr_array_add (ids, g_strdup_printf ("src-%02u", s));
    }
  g_ptr_array_add (ids, NULL);

  /* Paragraphs of filler citing one source, every few with a quotation
   * cut from that source (one in five reworded, one in ten invented). */
  while (body->len < BODY_BYTES)
    {
      guint s = g_rand_int_range (rand, 0, N_SOURCES);

      for (guint w = 0; w < 80; w++)
        g_string_append_printf (body, "%s ", word (rand));

      if (quotes_written < N_QUOTES && body->len > quotes_written * (BODY_BYTES / N_QUOTES))
        {
          const char *text = g_ptr_array_index (sources, s);
          g_auto(GStrv) words = g_strsplit (text, " ", -1);
          guint at = g_rand_int_range (rand, 0, SOURCE_WORDS - 20);

          g_string_append (body, "she said \"");
          for (guint w = 0; w < 10; w++)
            {
              if (quotes_written % 5 == 1 && w == 4)
                g_string_append (body, "really ");
              else if (quotes_written % 10 == 3)
                g_string_append_printf (body, "%s ", word (rand));
              else
                g_string_append_printf (body, "%s ", words[at + w]);
            }
          g_string_truncate (body, body->len - 1);
          g_string_append (body, "\"");
          quotes_written++;
        }
      g_string_append_printf (body, ".[^src-%02u]\n\n", s);
    }

  start = g_get_monotonic_time ();
  cpu_start = cpu_ms ();
  texts = wd_quote_texts_new ();
  for (guint s = 0; s < N_SOURCES; s++)
    wd_quote_texts_add (texts, g_ptr_array_index (ids, s), g_ptr_array_index (sources, s), NULL);
  printf ("article %zu bytes, %u sources of %u words, %u quotations\n",
          body->len, N_SOURCES, SOURCE_WORDS, quotes_written);
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
      quotes = wd_quotes_check (body->str, (const char * const *) ids->pdata, texts);
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

/* wd_quote_locate(): a quotation's words found again in a captured text,
 * for the source dialog to mark them. */
#include "config.h"

#include <string.h>

#include "wd-quote-locate.h"

/* The parts found, joined by "|", or NULL. */
static char *
located (const char *text,
         const char *quote)
{
  g_autoptr(GArray) ranges = wd_quote_locate (text, quote);
  GString *out;

  if (ranges == NULL)
    return NULL;
  out = g_string_new (NULL);
  for (guint i = 0; i < ranges->len; i++)
    {
      const WdQuoteRange *r = &g_array_index (ranges, WdQuoteRange, i);

      g_assert_cmpuint (r->start, <, r->end);
      g_assert_cmpuint (r->end, <=, strlen (text));
      g_string_append_printf (out, "%s%.*s", i ? "|" : "", (int) (r->end - r->start), text + r->start);
    }
  return g_string_free (out, FALSE);
}

static void
test_exact (void)
{
  g_autofree char *a = located ("He said the ferries will not sail today. Then he left.",
                                "the ferries will not sail today");

  g_assert_cmpstr (a, ==, "the ferries will not sail today");
}

/* Case, line breaks, punctuation and soft hyphens between words. */
static void
test_normalised (void)
{
  g_autofree char *a = located ("Officials: THE FERRIES will\nnot sail — to\xc2\xad" "day, they said.",
                                "the ferries will not sail today");
  g_autofree char *b = located ("Die Stra\xc3\x9f" "e bleibt gesperrt, hie\xc3\x9f es.", "die STRASSE bleibt gesperrt");

  g_assert_cmpstr (a, ==, "THE FERRIES will\nnot sail — to\xc2\xad" "day");
  /* Case folding maps ß to ss. */
  g_assert_cmpstr (b, ==, "Die Stra\xc3\x9f" "e bleibt gesperrt");
}

/* An omission: each part, in order; out of order is not there. */
static void
test_omission (void)
{
  const char *text = "The minister said the report will come on Friday, and that the crews are safe.";
  g_autofree char *a = located (text, "the report will come … the crews are safe");
  g_autofree char *b = located (text, "the report will come ... the crews are safe");
  g_autofree char *c = located (text, "the crews are safe … the report will come");

  g_assert_cmpstr (a, ==, "the report will come|the crews are safe");
  g_assert_cmpstr (b, ==, "the report will come|the crews are safe");
  g_assert_null (c);
}

static void
test_missing (void)
{
  g_autofree char *a = located ("The ferries sail today.", "the ferries will not sail today");
  g_autofree char *b = located ("The ferries sail today.", "!!! …");
  g_autofree char *c = located ("", "anything at all here");

  g_assert_null (a);
  g_assert_null (b);
  g_assert_null (c);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/quote-locate/exact", test_exact);
  g_test_add_func ("/quote-locate/normalised", test_normalised);
  g_test_add_func ("/quote-locate/omission", test_omission);
  g_test_add_func ("/quote-locate/missing", test_missing);

  return g_test_run ();
}

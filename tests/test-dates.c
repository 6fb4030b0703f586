/* The timeline of dates written in a text, and "first" claims that the
 * text itself contradicts. */
#include "config.h"

#include <string.h>

#include "wiredesk-core.h"

typedef struct
{
  const char *text;
  const char *written;   /* the part of the text that is the date */
  guint       year, month, day;
  gboolean    inferred;
} DateCase;

static void
test_dates_formats (void)
{
  const DateCase cases[] = {
    { "On 19 May 2026, TechCrunch confirmed", "19 May 2026", 2026, 5, 19 },
    { "on May 19, 2026 it", "May 19, 2026", 2026, 5, 19 },
    { "the 19th May 2026 deal", "19th May 2026", 2026, 5, 19 },
    { "from Sept. 3, 2025 on", "Sept. 3, 2025", 2025, 9, 3 },
    { "filed 2026-05-19T10:00:00Z", "2026-05-19", 2026, 5, 19 },
    { "am 19. Mai 2026 bestätigt", "19. Mai 2026", 2026, 5, 19 },
    { "Stand: 03.11.2026.", "03.11.2026", 2026, 11, 3 },
    { "seit 1. März 2025", "1. März 2025", 2025, 3, 1 },
    { "le 1er mai 2026", "1er mai 2026", 2026, 5, 1 },
    { "le 20 février 2026", "20 février 2026", 2026, 2, 20 },
    { "le 15 Août 2026", "15 Août 2026", 2026, 8, 15 },
    { "in May 2026 the", "May 2026", 2026, 5, 0 },
    { "en décembre 2025", "décembre 2025", 2025, 12, 0 },
    { "On 19 May, TechCrunch", "19 May", 2030, 5, 19, TRUE },
    { "On May 19 it rained", "May 19", 2030, 5, 19, TRUE },
    { "29 February 2024", "29 February 2024", 2024, 2, 29 },
    /* the month of one date does not start a second one */
    { "le 2 mai 20 heures", "2 mai", 2030, 5, 2, TRUE },
  };
  const char *no_dates[] = {
    "in 2017 he left; 1,800 passengers; an A320; version 2.5",
    "the 5 may be wrong, they march 3 miles",
    "31 February 2026 does not exist, nor 29 February 2025",
    "May I ask 3 questions?",
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GArray) found = wd_dates_scan (cases[i].text, -1, 2030);
      const WdDateMention *m;
      g_autofree char *written = NULL;

      g_test_message ("%s", cases[i].text);
      g_assert_cmpuint (found->len, ==, 1);
      m = &g_array_index (found, WdDateMention, 0);
      written = g_strndup (cases[i].text + m->start, m->end - m->start);
      g_assert_cmpstr (written, ==, cases[i].written);
      g_assert_cmpuint (m->year, ==, cases[i].year);
      g_assert_cmpuint (m->month, ==, cases[i].month);
      g_assert_cmpuint (m->day, ==, cases[i].day);
      g_assert_cmpint (m->year_inferred, ==, cases[i].inferred);
      g_assert_false (m->first_claim);
    }

  for (guint i = 0; i < G_N_ELEMENTS (no_dates); i++)
    {
      g_autoptr(GArray) found = wd_dates_scan (no_dates[i], -1, 2030);

      g_test_message ("%s", no_dates[i]);
      g_assert_cmpuint (found->len, ==, 0);
    }
}

static void
test_dates_year_inference (void)
{
  const char *text = "It began on 3 March 2025. On 5 April the board met. No year: 9 May.";
  g_autoptr(GArray) with_default = wd_dates_scan ("On 5 April the board met.", -1, 2024);
  g_autoptr(GArray) without = wd_dates_scan ("On 5 April the board met.", -1, 0);
  g_autoptr(GArray) found = wd_dates_scan (text, -1, 1999);

  /* the closest full date before wins over the default */
  g_assert_cmpuint (found->len, ==, 3);
  g_assert_cmpuint (g_array_index (found, WdDateMention, 1).year, ==, 2025);
  g_assert_true (g_array_index (found, WdDateMention, 1).year_inferred);
  g_assert_cmpuint (g_array_index (found, WdDateMention, 2).year, ==, 2025);

  g_assert_cmpuint (with_default->len, ==, 1);
  g_assert_cmpuint (g_array_index (with_default, WdDateMention, 0).year, ==, 2024);
  /* no year to give it: not a date of the timeline */
  g_assert_cmpuint (without->len, ==, 0);
}

static void
test_dates_first_claims (void)
{
  const struct {
    const char *text;
    gboolean    first;
  } cases[] = {
    { "The announcement, first circulated via Telegram on 20 May 2026, landed quietly.", TRUE },
    { "It was first reported on 20 May 2026.", TRUE },
    { "Die Meldung wurde erstmals am 20. Mai 2026 verbreitet.", TRUE },
    { "Sie tauchte zuerst am 20.05.2026 auf.", TRUE },
    { "L'annonce a circulé pour la première fois le 20 mai 2026.", TRUE },
    { "It was reported on 20 May 2026.", FALSE },
    /* "first" in the previous sentence does not count */
    { "He came first. On 20 May 2026 he left.", FALSE },
    /* nor after the date */
    { "On 20 May 2026 he left first.", FALSE },
    /* nor a word that merely contains it */
    { "The firstborn arrived on 20 May 2026.", FALSE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GArray) found = wd_dates_scan (cases[i].text, -1, 0);

      g_test_message ("%s", cases[i].text);
      g_assert_cmpuint (found->len, ==, 1);
      g_assert_cmpint (g_array_index (found, WdDateMention, 0).first_claim, ==, cases[i].first);
    }
}

static guint
count_conflicts (const char          *text,
                 const WdDateMention **claim,
                 const WdDateMention **earlier,
                 GArray             **keep)
{
  GArray *mentions = wd_dates_scan (text, -1, 2026);
  g_autoptr(GArray) conflicts = wd_dates_find_conflicts (mentions, 31);
  guint n = conflicts->len;

  if (n > 0 && claim != NULL)
    {
      *claim = &g_array_index (mentions, WdDateMention, g_array_index (conflicts, WdDateConflict, 0).claim);
      *earlier = &g_array_index (mentions, WdDateMention, g_array_index (conflicts, WdDateConflict, 0).earlier);
    }

  *keep = mentions;
  return n;
}

static void
test_dates_conflicts (void)
{
  const char *text =
    "On 19 May 2026, TechCrunch confirmed the hire.\n\n"
    "The announcement, first circulated on 20 May 2026, landed quietly. "
    "Another first claim, on 18 May 2026, is the earliest.";
  const char *absent[] = {
    /* the "first" date is the earliest */
    "On 21 May 2026 it was everywhere. It was first reported on 20 May 2026.",
    /* related in the same sentence: first reported two days after the crash */
    "It was first reported on 20 May 2026, two days after the 18 May 2026 crash.",
    /* background dates long before are not the same story */
    "She was born on 3 March 1990. The hire was first announced on 20 May 2026.",
    /* a month is too vague to contradict a day */
    "In May 2026 talks began. The deal was first announced on 20 May 2026.",
  };
  const WdDateMention *claim = NULL;
  const WdDateMention *earlier = NULL;
  g_autoptr(GArray) mentions = NULL;
  g_autoptr(GArray) timeline = NULL;

  g_assert_cmpuint (count_conflicts (text, &claim, &earlier, &mentions), ==, 1);
  g_assert_cmpuint (claim->day, ==, 20);
  /* the earliest date of the window, not the closest */
  g_assert_cmpuint (earlier->day, ==, 18);

  timeline = wd_dates_timeline (mentions);
  g_assert_cmpuint (timeline->len, ==, 3);
  g_assert_cmpuint (g_array_index (timeline, WdDateMention, 0).day, ==, 18);
  g_assert_cmpuint (g_array_index (timeline, WdDateMention, 1).day, ==, 19);
  g_assert_cmpuint (g_array_index (timeline, WdDateMention, 2).day, ==, 20);
  g_assert_cmpuint (wd_date_mention_julian (&g_array_index (timeline, WdDateMention, 1)) -
                    wd_date_mention_julian (&g_array_index (timeline, WdDateMention, 0)), ==, 1);

  for (guint i = 0; i < G_N_ELEMENTS (absent); i++)
    {
      g_autoptr(GArray) keep = NULL;

      g_test_message ("%s", absent[i]);
      g_assert_cmpuint (count_conflicts (absent[i], NULL, NULL, &keep), ==, 0);
    }
}

/* The edges of the rule: the same day is not earlier; a date exactly
 * WD_AUDIT_DATE_WINDOW_DAYS (31) days before is in the window, 32 are
 * not; German and French "first" claims count as English ones do. */
static void
test_dates_conflict_boundaries (void)
{
  static const struct { const char *text; guint conflicts; } cases[] = {
    { "On 20 May 2026 the ballot closed. The strike was first announced on 20 May 2026.", 0 },
    { "On 19 May 2026 the ballot closed. The strike was first announced on 20 May 2026.", 1 },
    { "On 19 April 2026 talks began. The strike was first announced on 20 May 2026.", 1 },
    { "On 18 April 2026 talks began. The strike was first announced on 20 May 2026.", 0 },
    { "On 1 March 2026 talks began. The strike was first announced on 1 March 2026.", 0 },
    /* across a year's end: 31 days before 15 January is 15 December */
    { "On 15 December 2025 talks began. The strike was first announced on 15 January 2026.", 1 },
    { "On 14 December 2025 talks began. The strike was first announced on 15 January 2026.", 0 },
    { "Am 2. März 2026 stimmten die Lotsen ab. Der Streik wurde erstmals am 3. März 2026 angekündigt.", 1 },
    { "Am 3. März 2026 stimmten die Lotsen ab. Der Streik wurde erstmals am 3. März 2026 angekündigt.", 0 },
    { "Le 2 mars 2026, les pilotes ont voté. La grève a été annoncée pour la première fois le 3 mars 2026.", 1 },
    { "Le 2 mars 2026, les pilotes ont voté. La grève a d’abord été annoncée le 3 mars 2026.", 1 },
    { "Le 4 mars 2026, les pilotes ont voté. La grève a été annoncée pour la première fois le 3 mars 2026.", 0 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GArray) keep = NULL;

      g_test_message ("%s", cases[i].text);
      g_assert_cmpuint (count_conflicts (cases[i].text, NULL, NULL, &keep), ==, cases[i].conflicts);
    }
  g_assert_cmpuint (WD_AUDIT_DATE_WINDOW_DAYS, ==, 31);
}

static void
test_dates_julian (void)
{
  WdDateMention a = { 0, 0, 2024, 2, 28 };
  WdDateMention b = { 0, 0, 2024, 3, 1 };
  WdDateMention c = { 0, 0, 2025, 1, 1 };
  WdDateMention d = { 0, 0, 2024, 1, 1 };

  g_assert_cmpuint (wd_date_mention_julian (&b) - wd_date_mention_julian (&a), ==, 2);
  g_assert_cmpuint (wd_date_mention_julian (&c) - wd_date_mention_julian (&d), ==, 366);
}

static void
test_dates_parse (void)
{
  GDate date;

  g_assert_true (wd_dates_parse ("PORT ELLERY, 3 November 2026", &date));
  g_assert_cmpuint (g_date_get_day (&date), ==, 3);
  g_assert_cmpuint (g_date_get_month (&date), ==, 11);
  g_assert_cmpuint (g_date_get_year (&date), ==, 2026);

  g_assert_true (wd_dates_parse ("2026-05-19", &date));
  g_assert_cmpuint (g_date_get_day (&date), ==, 19);

  g_assert_false (wd_dates_parse ("PARIS", &date));
  g_assert_false (wd_dates_parse ("in May 2026", &date));
  g_assert_false (wd_dates_parse (NULL, &date));
}

/* Random text made of date-like pieces: every mention lies inside the
 * text, in order, with a valid date; a length shorter than the string is
 * respected. */
static void
test_dates_random (void)
{
  static const char * const pieces[] = {
    "19", "1", "2026", "05", "-", ".", ",", " ", "\n\n", "May", "mai", "Mai", "März", "août",
    "Sept.", "first", "erstmals", "th", "er", "31", "February", "29", "\xc2\xa0", "[^x]", "A", "é",
  };
  g_autoptr(GRand) rand = g_rand_new_with_seed (9);

  for (guint round = 0; round < 3000; round++)
    {
      g_autoptr(GString) text = g_string_new (NULL);
      guint n = g_rand_int_range (rand, 1, 40);
      g_autoptr(GArray) mentions = NULL;
      g_autoptr(GArray) conflicts = NULL;
      gsize limit;
      gsize last_end = 0;

      for (guint k = 0; k < n; k++)
        g_string_append (text, pieces[g_rand_int_range (rand, 0, G_N_ELEMENTS (pieces))]);

      limit = g_rand_int_range (rand, 0, text->len + 1);
      mentions = wd_dates_scan (text->str, limit, 2026);
      for (guint i = 0; i < mentions->len; i++)
        {
          const WdDateMention *m = &g_array_index (mentions, WdDateMention, i);

          g_assert_cmpuint (m->start, <, m->end);
          g_assert_cmpuint (m->end, <=, limit);
          g_assert_cmpuint (m->start, >=, last_end);
          g_assert_cmpuint (m->sentence, <=, m->start);
          g_assert_true (m->day == 0 || g_date_valid_dmy (m->day, m->month, m->year));
          last_end = m->end;
        }
      conflicts = wd_dates_find_conflicts (mentions, 31);
      g_assert_cmpuint (conflicts->len, <=, mentions->len);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/dates/formats", test_dates_formats);
  g_test_add_func ("/dates/year-inference", test_dates_year_inference);
  g_test_add_func ("/dates/first-claims", test_dates_first_claims);
  g_test_add_func ("/dates/conflicts", test_dates_conflicts);
  g_test_add_func ("/dates/conflict-boundaries", test_dates_conflict_boundaries);
  g_test_add_func ("/dates/julian", test_dates_julian);
  g_test_add_func ("/dates/parse", test_dates_parse);
  g_test_add_func ("/dates/random", test_dates_random);

  return g_test_run ();
}

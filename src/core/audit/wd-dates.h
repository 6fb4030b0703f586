/* wd-dates.h: the dates a text gives, as a timeline.
 *
 * Recognised, in English, German and French (the UI languages), month
 * names written out or abbreviated, any letter case:
 *
 *   2026-05-19                    ISO 8601 (a time may follow)
 *   19.05.2026                    German numeric
 *   19 May 2026, 19th May 2026    19. Mai 2026, 1er mai 2026
 *   May 19, 2026, May 19th 2026
 *   19 May, May 19                day and month: the year is the one of the
 *                                 closest full date before it, else the
 *                                 default year given to the scanner
 *   May 2026, Mai 2026            month precision
 *
 * Years on their own ("in 2017") are not dates of the timeline.
 *
 * A date is a "first" claim when the sentence that gives it calls the
 * event the first one before the date: "first circulated / reported /
 * announced on 20 May 2026", "erstmals … am 20. Mai", "… pour la première
 * fois le 20 mai", "zuerst", "d'abord".
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct
{
  gsize    start;             /* bytes of the text that give the date */
  gsize    end;
  guint16  year;
  guint8   month;             /* 1-12 */
  guint8   day;               /* 1-31, 0 for a month ("May 2026") */
  gsize    sentence;          /* where the sentence giving the date starts */
  guint    first_claim : 1;
  guint    year_inferred : 1;
} WdDateMention;

/* Every date in @text (GArray of WdDateMention), in text order.
 * @default_year (0 for none) completes dates written without a year
 * before any full date. */
GArray   *wd_dates_scan            (const char          *text,
                                    gssize               length,
                                    guint                default_year);

/* Days since 1 January of year 1 (proleptic Gregorian), for comparisons.
 * A month mention counts as its first day. */
guint     wd_date_mention_julian   (const WdDateMention *mention);

/* Chronological order, then text order: a GCompareFunc for g_array_sort. */
int       wd_date_mention_compare  (gconstpointer        a,
                                    gconstpointer        b);

/* A copy of @mentions in chronological order. */
GArray   *wd_dates_timeline        (GArray              *mentions);

/* The first day-precision date in a short text such as a dateline
 * ("PARIS, 3 November 2026") or a page's published time (ISO 8601 with or
 * without a time, or written out). FALSE when it has none. */
gboolean  wd_dates_parse           (const char          *text,
                                    GDate               *date);

typedef struct
{
  guint    claim;             /* index in the mentions of the "first" date */
  guint    earlier;           /* index of the earliest date before it */
} WdDateConflict;

/* The "first" claims in @mentions that come later than another day date
 * of the text no more than @window_days before them (dates in the
 * claim's own sentence, which the text relates explicitly, are not
 * compared); each with the earliest such date. GArray of WdDateConflict,
 * in text order. */
GArray   *wd_dates_find_conflicts  (GArray              *mentions,
                                    guint                window_days);

G_END_DECLS

#define G_LOG_DOMAIN "wd-dates"

#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "wd-dates.h"

/* How far back the start of a sentence is looked for. */
#define MAX_SENTENCE_BYTES 600

typedef struct
{
  const char *name;           /* lower case, UTF-8 */
  guint8      month;
  gboolean    abbreviation;   /* may be followed by a dot */
  gboolean    lower_case;     /* may be written in lower case (French) */
} MonthName;

/* English and German write month names with a capital: "the 5 may be" is
 * no date. French writes them in lower case. */
static const MonthName month_names[] = {
  /* English */
  { "january", 1 }, { "february", 2 }, { "march", 3 }, { "april", 4 },
  { "may", 5 }, { "june", 6 }, { "july", 7 }, { "august", 8 },
  { "september", 9 }, { "october", 10 }, { "november", 11 }, { "december", 12 },
  { "jan", 1, TRUE }, { "feb", 2, TRUE }, { "mar", 3, TRUE }, { "apr", 4, TRUE },
  { "jun", 6, TRUE }, { "jul", 7, TRUE }, { "aug", 8, TRUE }, { "sep", 9, TRUE },
  { "dec", 12, TRUE },
  /* German */
  { "januar", 1 }, { "jänner", 1 }, { "februar", 2 }, { "feber", 2 },
  { "märz", 3 }, { "maerz", 3 }, { "juni", 6 }, { "juli", 7 },
  { "oktober", 10 }, { "dezember", 12 },
  { "jän", 1, TRUE }, { "mär", 3, TRUE }, { "mrz", 3, TRUE }, { "okt", 10, TRUE },
  { "dez", 12, TRUE },
  /* French (and German "Mai") */
  { "janvier", 1, FALSE, TRUE }, { "février", 2, FALSE, TRUE }, { "fevrier", 2, FALSE, TRUE },
  { "mars", 3, FALSE, TRUE }, { "avril", 4, FALSE, TRUE }, { "mai", 5, FALSE, TRUE },
  { "juin", 6, FALSE, TRUE }, { "juillet", 7, FALSE, TRUE }, { "août", 8, FALSE, TRUE },
  { "aout", 8, FALSE, TRUE }, { "septembre", 9, FALSE, TRUE }, { "octobre", 10, FALSE, TRUE },
  { "novembre", 11, FALSE, TRUE }, { "décembre", 12, FALSE, TRUE }, { "decembre", 12, FALSE, TRUE },
  { "janv", 1, TRUE, TRUE }, { "févr", 2, TRUE, TRUE }, { "fevr", 2, TRUE, TRUE },
  { "avr", 4, TRUE, TRUE }, { "juil", 7, TRUE, TRUE }, { "sept", 9, TRUE, TRUE },
  { "oct", 10, TRUE, TRUE }, { "nov", 11, TRUE, TRUE }, { "déc", 12, TRUE, TRUE },
};

/* Words that make the date of their sentence a "first" claim. */
static const char * const first_words[] = {
  "first", "erstmals", "erstmalig", "zuerst",
  "première fois", "premiere fois", "d'abord", "d’abord", "en premier",
  NULL
};

static inline gboolean
is_digit (char c)
{
  return c >= '0' && c <= '9';
}

/* A byte of a word: an ASCII letter or part of a non-ASCII character. */
static inline gboolean
is_word_byte (char c)
{
  return g_ascii_isalpha (c) || (guchar) c >= 0x80;
}

/* Spaces between the parts of a date: ASCII, no-break, narrow no-break. */
static gsize
skip_spaces (const char *s,
             gsize       i,
             gsize       len)
{
  for (;;)
    {
      if (i < len && (s[i] == ' ' || s[i] == '\t' || s[i] == '\n'))
        i++;
      else if (i + 1 < len && (guchar) s[i] == 0xc2 && (guchar) s[i + 1] == 0xa0)
        i += 2;
      else if (i + 2 < len && (guchar) s[i] == 0xe2 && (guchar) s[i + 1] == 0x80 &&
               (guchar) s[i + 2] == 0xaf)
        i += 3;
      else
        return i;
    }
}

static gsize
skip_spaces_back (const char *s,
                  gsize       i)
{
  for (;;)
    {
      if (i > 0 && (s[i - 1] == ' ' || s[i - 1] == '\t' || s[i - 1] == '\n'))
        i--;
      else if (i > 1 && (guchar) s[i - 2] == 0xc2 && (guchar) s[i - 1] == 0xa0)
        i -= 2;
      else if (i > 2 && (guchar) s[i - 3] == 0xe2 && (guchar) s[i - 2] == 0x80 &&
               (guchar) s[i - 1] == 0xaf)
        i -= 3;
      else
        return i;
    }
}

/* The month named by the word s[from, to) (an abbreviation may be
 * followed by a dot, which *end then includes), or 0. */
static guint
lookup_month (const char *s,
              gsize       from,
              gsize       to,
              gsize       len,
              gsize      *end)
{
  char word[16];
  gsize n = to - from;

  /* Month names are 3 to 9 bytes and start with one of these letters:
   * most words are turned away here, cheaply. */
  if (n < 3 || n > 9 || strchr ("adfjmnosADFJMNOS", s[from]) == NULL)
    return 0;

  for (gsize i = 0; i < n; i++)
    word[i] = g_ascii_tolower (s[from + i]);
  word[n] = '\0';

  for (guint i = 0; i < G_N_ELEMENTS (month_names); i++)
    if (month_names[i].name[0] == word[0] &&
        strcmp (word, month_names[i].name) == 0 &&
        (month_names[i].lower_case || g_ascii_isupper (s[from])))
      {
        *end = to;
        if (month_names[i].abbreviation && to < len && s[to] == '.')
          *end = to + 1;
        return month_names[i].month;
      }

  return 0;
}

/* The month whose name starts at @from; *end is past it. */
static guint
month_at (const char *s,
          gsize       from,
          gsize       len,
          gsize      *end)
{
  gsize to = from;

  while (to < len && is_word_byte (s[to]))
    to++;

  return lookup_month (s, from, to, len, end);
}

/* The month whose name ends just before @to (after an optional dot);
 * *start is where it begins. */
static guint
month_before (const char *s,
              gsize       to,
              gsize       len,
              gsize      *start)
{
  gsize word_end = to;
  gsize from;
  gsize end;
  guint month;

  if (word_end > 0 && s[word_end - 1] == '.')
    word_end--;

  from = word_end;
  while (from > 0 && is_word_byte (s[from - 1]))
    from--;
  if (from > 0 && is_digit (s[from - 1]))
    return 0;

  month = lookup_month (s, from, word_end, len, &end);
  /* A dot only follows an abbreviation. */
  if (month == 0 || end != to)
    return 0;

  *start = from;
  return month;
}

/* A run of exactly @n digits at @i, not part of a longer number. */
static gboolean
number_at (const char *s,
           gsize       i,
           gsize       len,
           guint       min_digits,
           guint       max_digits,
           guint      *value,
           gsize      *end)
{
  guint v = 0;
  gsize j = i;

  while (j < len && is_digit (s[j]) && j - i <= max_digits)
    v = v * 10 + (s[j++] - '0');

  if (j - i < min_digits || j - i > max_digits || (j < len && is_digit (s[j])))
    return FALSE;

  *value = v;
  *end = j;
  return TRUE;
}

/* After a day number: "st", "nd", "rd", "th", "er" (French 1er) or the
 * German ordinal dot. */
static gsize
skip_ordinal (const char *s,
              gsize       i,
              gsize       len)
{
  static const char * const suffixes[] = { "st", "nd", "rd", "th", "er", NULL };

  if (i < len && s[i] == '.')
    return i + 1;

  for (guint k = 0; suffixes[k] != NULL; k++)
    if (i + 2 <= len && g_ascii_strncasecmp (s + i, suffixes[k], 2) == 0 &&
        (i + 2 == len || !is_word_byte (s[i + 2])))
      return i + 2;

  return i;
}

static gboolean
valid_date (guint year,
            guint month,
            guint day)
{
  if (year < 1000 || year > 2999 || month < 1 || month > 12)
    return FALSE;

  return day == 0 || g_date_valid_dmy (day, month, year);
}

/* An optional ", " and a four-digit year after a day and month. */
static gboolean
year_after (const char *s,
            gsize       i,
            gsize       len,
            guint      *year,
            gsize      *end)
{
  gsize j = i;

  if (j < len && s[j] == ',')
    j++;
  j = skip_spaces (s, j, len);

  if (j == i)
    return FALSE;

  return number_at (s, j, len, 4, 4, year, end);
}

typedef struct
{
  guint  year, month, day;
  gsize  start, end;
  gboolean year_given;
} Match;

/* A date starting with the number at @i. */
static gboolean
match_number_first (const char *s,
                    gsize       i,
                    gsize       len,
                    Match      *m)
{
  guint a, b, c;
  gsize j, k, end;

  /* 2026-05-19 */
  if (number_at (s, i, len, 4, 4, &a, &j) && j + 6 <= len && s[j] == '-' &&
      number_at (s, j + 1, len, 2, 2, &b, &k) && k < len && s[k] == '-' &&
      number_at (s, k + 1, len, 2, 2, &c, &end))
    {
      *m = (Match) { a, b, c, i, end, TRUE };
      return TRUE;
    }

  if (!number_at (s, i, len, 1, 2, &a, &j))
    return FALSE;

  /* 19.05.2026 */
  if (j < len && s[j] == '.' && number_at (s, j + 1, len, 1, 2, &b, &k) &&
      k < len && s[k] == '.' && number_at (s, k + 1, len, 4, 4, &c, &end))
    {
      *m = (Match) { c, b, a, i, end, TRUE };
      return TRUE;
    }

  /* 19 May 2026, 19. Mai 2026, 1er mai, 19th May */
  end = skip_ordinal (s, j, len);
  k = skip_spaces (s, end, len);
  if (k == end)
    return FALSE;

  b = month_at (s, k, len, &end);
  if (b == 0)
    return FALSE;

  *m = (Match) { 0, b, a, i, end, FALSE };
  if (year_after (s, end, len, &c, &k))
    {
      m->year = c;
      m->end = k;
      m->year_given = TRUE;
    }
  return TRUE;
}

/* A date whose month name comes before the number at @i: "May 19, 2026",
 * "May 19", "May 2026". */
static gboolean
match_month_first (const char *s,
                   gsize       i,
                   gsize       len,
                   Match      *m)
{
  gsize before = skip_spaces_back (s, i);
  gsize start, j, k;
  guint month, value, year;

  if (before == i || before == 0)
    return FALSE;

  month = month_before (s, before, len, &start);
  if (month == 0)
    return FALSE;

  if (number_at (s, i, len, 4, 4, &value, &j))
    {
      *m = (Match) { value, month, 0, start, j, TRUE };
      return TRUE;
    }

  if (!number_at (s, i, len, 1, 2, &value, &j))
    return FALSE;

  /* "May 19." ends a sentence: the dot is no ordinal here. */
  k = j < len && s[j] == '.' ? j : skip_ordinal (s, j, len);
  if (k < len && is_word_byte (s[k]))
    return FALSE;

  *m = (Match) { 0, month, value, start, k, FALSE };
  if (year_after (s, k, len, &year, &j))
    {
      m->year = year;
      m->end = j;
      m->year_given = TRUE;
    }
  return TRUE;
}

/* ------------------------------------------------------------ sentences */

static gboolean
is_sentence_end (const char *s,
                 gsize       i,
                 gsize       len)
{
  gsize next;

  if (s[i] != '.' && s[i] != '!' && s[i] != '?')
    return FALSE;

  /* "19. Mai" is a German date, not the end of a sentence. */
  if (s[i] == '.' && i > 0 && is_digit (s[i - 1]))
    return FALSE;

  next = skip_spaces (s, i + 1, len);
  if (next == i + 1 || next >= len)
    return next > i + 1;

  /* The next sentence starts with a capital, a quote, … but not a digit
   * or a lower-case letter ("Sept. 20", "e.g. this"). */
  return !is_digit (s[next]) && !g_ascii_islower (s[next]);
}

static gsize
sentence_start (const char *s,
                gsize       at,
                gsize       len)
{
  gsize limit = at > MAX_SENTENCE_BYTES ? at - MAX_SENTENCE_BYTES : 0;

  for (gsize i = at; i > limit; i--)
    {
      /* A blank line ends a paragraph. */
      if (s[i - 1] == '\n' && i >= 2 && s[i - 2] == '\n')
        return i;
      if (is_sentence_end (s, i - 1, len))
        return i;
    }

  return limit;
}

static gboolean
has_word (const char *s,
          gsize       from,
          gsize       to,
          const char *word)
{
  gsize n = strlen (word);

  for (gsize i = from; i + n <= to; i++)
    if (g_ascii_strncasecmp (s + i, word, n) == 0 &&
        (i == 0 || !is_word_byte (s[i - 1])) &&
        (i + n == to || !is_word_byte (s[i + n])))
      return TRUE;

  return FALSE;
}

static gboolean
claims_first (const char *s,
              gsize       from,
              gsize       to)
{
  for (guint i = 0; first_words[i] != NULL; i++)
    if (has_word (s, from, to, first_words[i]))
      return TRUE;
  return FALSE;
}

/* -------------------------------------------------------------- public */

GArray *
wd_dates_scan (const char *text,
               gssize      length,
               guint       default_year)
{
  GArray *mentions = g_array_new (FALSE, FALSE, sizeof (WdDateMention));
  guint last_year = default_year;
  gsize last_end = 0;
  gsize len;
  gsize i = 0;

  if (text == NULL)
    return mentions;

  len = length < 0 ? strlen (text) : (gsize) length;

  while (i < len)
    {
      gsize run_end;
      Match m;

      if (!is_digit (text[i]))
        {
          /* Dates start at digits: skip to the next one (the text is
           * NUL-terminated when its length was not given). */
          if (length < 0)
            i += strcspn (text + i, "0123456789");
          else
            while (i < len && !is_digit (text[i]))
              i++;
          continue;
        }

      run_end = i;
      while (run_end < len && is_digit (text[run_end]))
        run_end++;

      /* Inside a word or a longer token ("A320", "v2", "1,800", an id):
       * skip the rest of the token at once. */
      if (i > 0 && g_ascii_isalnum (text[i - 1]))
        {
          i = run_end;
          while (i < len && (g_ascii_isalnum (text[i]) || text[i] == '-'))
            i++;
          continue;
        }
      if (i > 0 && (text[i - 1] == ',' ||
                    ((text[i - 1] == '.' || text[i - 1] == '-' || text[i - 1] == '/') &&
                     i > 1 && is_digit (text[i - 2]))))
        {
          i = run_end;
          continue;
        }

      /* A month name already read as part of the previous date ("2er
       * mai 20") does not start another one. */
      if (match_number_first (text, i, len, &m) ||
          (match_month_first (text, i, len, &m) && m.start >= last_end))
        {
          if (!m.year_given)
            m.year = last_year;

          if (valid_date (m.year, m.month, m.day))
            {
              WdDateMention mention = {
                m.start, m.end, m.year, m.month, m.day, 0, FALSE, !m.year_given
              };

              if (m.day != 0)
                {
                  mention.sentence = sentence_start (text, m.start, len);
                  mention.first_claim = claims_first (text, mention.sentence, m.start);
                }
              else
                mention.sentence = m.start;

              g_array_append_val (mentions, mention);
              last_end = m.end;
              if (m.year_given)
                last_year = m.year;
            }

          i = MAX (m.end, run_end);
          continue;
        }

      i = run_end;
    }

  return mentions;
}

guint
wd_date_mention_julian (const WdDateMention *mention)
{
  /* Days from civil: the Gregorian calendar as 400-year eras starting in
   * March, so that leap days fall at the end of a year. */
  int y = mention->year - (mention->month <= 2);
  int m = mention->month;
  int d = MAX (mention->day, 1);
  int era = y / 400;
  int yoe = y - era * 400;
  int doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  int doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;

  return (guint) (era * 146097 + doe);
}

int
wd_date_mention_compare (gconstpointer a,
                         gconstpointer b)
{
  const WdDateMention *x = a;
  const WdDateMention *y = b;
  guint jx = wd_date_mention_julian (x);
  guint jy = wd_date_mention_julian (y);

  if (jx != jy)
    return jx < jy ? -1 : 1;
  return (x->start > y->start) - (x->start < y->start);
}

GArray *
wd_dates_timeline (GArray *mentions)
{
  GArray *timeline;

  g_return_val_if_fail (mentions != NULL, NULL);

  timeline = g_array_sized_new (FALSE, FALSE, sizeof (WdDateMention), mentions->len);
  g_array_append_vals (timeline, mentions->data, mentions->len);
  g_array_sort (timeline, wd_date_mention_compare);

  return timeline;
}

gboolean
wd_dates_parse (const char *text,
                GDate      *date)
{
  g_autoptr(GArray) mentions = NULL;

  g_return_val_if_fail (date != NULL, FALSE);

  if (text == NULL)
    return FALSE;

  mentions = wd_dates_scan (text, -1, 0);
  for (guint i = 0; i < mentions->len; i++)
    {
      const WdDateMention *m = &g_array_index (mentions, WdDateMention, i);

      if (m->day != 0 && !m->year_inferred)
        {
          g_date_clear (date, 1);
          g_date_set_dmy (date, m->day, m->month, m->year);
          return TRUE;
        }
    }

  return FALSE;
}

typedef struct
{
  guint julian;
  guint index;
} Dated;

static int
compare_dated (gconstpointer a,
               gconstpointer b)
{
  const Dated *x = a;
  const Dated *y = b;

  if (x->julian != y->julian)
    return x->julian < y->julian ? -1 : 1;
  return (x->index > y->index) - (x->index < y->index);
}

GArray *
wd_dates_find_conflicts (GArray *mentions,
                         guint   window_days)
{
  g_autoptr(GArray) dated = g_array_new (FALSE, FALSE, sizeof (Dated));
  GArray *conflicts = g_array_new (FALSE, FALSE, sizeof (WdDateConflict));

  g_return_val_if_fail (mentions != NULL, conflicts);

  for (guint i = 0; i < mentions->len; i++)
    {
      const WdDateMention *m = &g_array_index (mentions, WdDateMention, i);
      Dated d = { wd_date_mention_julian (m), i };

      if (m->day != 0)
        g_array_append_val (dated, d);
    }
  g_array_sort (dated, compare_dated);

  for (guint i = 0; i < mentions->len; i++)
    {
      const WdDateMention *claim = &g_array_index (mentions, WdDateMention, i);
      guint julian, from, lo, hi;

      if (!claim->first_claim || claim->day == 0)
        continue;

      julian = wd_date_mention_julian (claim);
      from = julian > window_days ? julian - window_days : 0;

      /* The first dated mention on or after `from`. */
      lo = 0;
      hi = dated->len;
      while (lo < hi)
        {
          guint mid = lo + (hi - lo) / 2;

          if (g_array_index (dated, Dated, mid).julian < from)
            lo = mid + 1;
          else
            hi = mid;
        }

      for (guint k = lo; k < dated->len; k++)
        {
          const Dated *d = &g_array_index (dated, Dated, k);
          const WdDateMention *other = &g_array_index (mentions, WdDateMention, d->index);

          if (d->julian >= julian)
            break;
          if (other->sentence == claim->sentence)
            continue;

          g_array_append_val (conflicts, ((WdDateConflict) { i, d->index }));
          break;
        }
    }

  return conflicts;
}

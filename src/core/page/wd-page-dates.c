#define G_LOG_DOMAIN "wd-page-dates"

#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "wd-html-meta-private.h"

/* Dates as pages write them, in running text, values and addresses. */

#define MONTHS "(jan(?:uary|uar|vier|uari)?|jänner|feb(?:ruary|ruar|ruari|braio|rero)?|" \
               "février|fevrier|mar(?:ch|s|zo)?|märz|maerz|maart|apr(?:il|ile)?|avril|abril|" \
               "may|mai|mayo|maggio|mei|jun(?:e|i|io)?|juin|giugno|jul(?:y|i|io)?|juil(?:let)?|" \
               "luglio|aug(?:ust|ustus)?|août|aout|agosto|sep(?:t|tember|tembre|tiembre)?|" \
               "setiembre|settembre|oct(?:ober|obre|ubre)?|okt(?:ober)?|ottobre|" \
               "nov(?:ember|embre|iembre)?|dec(?:ember)?|dez(?:ember)?|décembre|" \
               "dic(?:iembre|embre)?|gennaio|enero)\\.?"

typedef enum
{
  DATE_YMD,      /* 2023-11-05, 2023/11/05, 2023.11.05 */
  DATE_DMY,      /* 05.11.2023, 05.11.23 */
  DATE_D_MONTH,  /* 5. November 2023, 5 nov 2023 */
  DATE_MONTH_D,  /* November 5, 2023 */
  DATE_CJK,      /* 2023年11月05日 */
  N_DATE_FORMS
} DateForm;

static const char * const date_patterns[N_DATE_FORMS] = {
  [DATE_YMD] = "(?<!\\d)(\\d{4})([-/.])(\\d{1,2})\\2(\\d{1,2})(?!\\d)",
  [DATE_DMY] = "(?<![\\d.])(\\d{1,2})\\.\\s?(\\d{1,2})\\.\\s?(\\d{4}|\\d{2})(?![\\d.:])",
  [DATE_D_MONTH] = "(?<![\\d\\pL])(\\d{1,2})(?:\\.|st|nd|rd|th|er)?\\s*(?:de\\s+)?"
                   MONTHS "(?!\\pL)\\s*(?:de\\s+)?,?\\s*(\\d{4})(?!\\d)",
  [DATE_MONTH_D] = "(?<!\\pL)" MONTHS "(?!\\pL)\\s*(\\d{1,2})(?:st|nd|rd|th)?,?\\s+(\\d{4})(?!\\d)",
  [DATE_CJK] = "(\\d{4})\\s*年\\s*(\\d{1,2})\\s*月\\s*(\\d{1,2})\\s*日",
};

static GRegex *
date_regex (DateForm form)
{
  static GRegex *regexes[N_DATE_FORMS];
  static gsize initialized = 0;

  if (g_once_init_enter (&initialized))
    {
      for (guint i = 0; i < N_DATE_FORMS; i++)
        {
          g_autoptr(GError) error = NULL;

          regexes[i] = g_regex_new (date_patterns[i], G_REGEX_CASELESS,
                                    0, &error);
          g_assert_no_error (error);
        }
      g_once_init_leave (&initialized, 1);
    }

  return regexes[form];
}

static int
month_number (const char *word)
{
  static const struct { const char *prefix; int month; } prefixes[] = {
    { "juil", 7 }, { "juin", 6 }, { "jan", 1 }, { "jän", 1 }, { "gen", 1 }, { "ene", 1 },
    { "feb", 2 }, { "fév", 2 }, { "fev", 2 }, { "mar", 3 }, { "mär", 3 }, { "mae", 3 },
    { "maa", 3 }, { "apr", 4 }, { "avr", 4 }, { "abr", 4 }, { "may", 5 }, { "mai", 5 },
    { "mag", 5 }, { "mei", 5 }, { "jun", 6 }, { "giu", 6 }, { "jul", 7 }, { "lug", 7 },
    { "aug", 8 }, { "aoû", 8 }, { "aou", 8 }, { "ago", 8 }, { "sep", 9 }, { "set", 9 },
    { "oct", 10 }, { "okt", 10 }, { "ott", 10 }, { "nov", 11 }, { "dec", 12 },
    { "dez", 12 }, { "déc", 12 }, { "dic", 12 },
  };
  g_autofree char *lower = g_utf8_strdown (word, -1);

  for (guint i = 0; i < G_N_ELEMENTS (prefixes); i++)
    if (g_str_has_prefix (lower, prefixes[i].prefix))
      return prefixes[i].month;
  return 0;
}

static char *
make_date (int year,
           int month,
           int day)
{
  if (year < 1990 || year > 2099 || month < 1 || month > 12 || day < 1 ||
      !g_date_valid_dmy (day, month, year))
    return NULL;
  return g_strdup_printf ("%04d-%02d-%02d", year, month, day);
}

static int
group_int (GMatchInfo *info,
           int         group)
{
  g_autofree char *s = g_match_info_fetch (info, group);
  return s != NULL ? atoi (s) : 0;
}

/* The date of one match of @form, or NULL. */
static char *
date_of_match (DateForm    form,
               GMatchInfo *info)
{
  g_autofree char *month_word = NULL;
  int year;

  switch (form)
    {
    case DATE_YMD:
      return make_date (group_int (info, 1), group_int (info, 3), group_int (info, 4));
    case DATE_DMY:
      year = group_int (info, 3);
      return make_date (year < 100 ? 2000 + year : year, group_int (info, 2), group_int (info, 1));
    case DATE_D_MONTH:
      month_word = g_match_info_fetch (info, 2);
      return make_date (group_int (info, 3), month_number (month_word), group_int (info, 1));
    case DATE_MONTH_D:
      month_word = g_match_info_fetch (info, 1);
      return make_date (group_int (info, 3), month_number (month_word), group_int (info, 2));
    case DATE_CJK:
      return make_date (group_int (info, 1), group_int (info, 2), group_int (info, 3));
    case N_DATE_FORMS:
    default:
      return NULL;
    }
}

char *
_wd_page_date_in_text (const char *text,
                       gsize       len)
{
  g_autofree char *valid = NULL;
  char *best = NULL;
  int best_at = G_MAXINT;

  if (text == NULL || len == 0)
    return NULL;

  valid = g_utf8_make_valid (text, len);

  for (guint form = 0; form < N_DATE_FORMS; form++)
    {
      g_autoptr(GMatchInfo) info = NULL;

      g_regex_match (date_regex (form), valid, 0, &info);
      while (g_match_info_matches (info))
        {
          int start = 0, end = 0;
          char *date;

          g_match_info_fetch_pos (info, 0, &start, &end);
          if (start >= best_at)
            break;
          date = date_of_match (form, info);
          if (date != NULL)
            {
              g_free (best);
              best = date;
              best_at = start;
              break;
            }
          g_match_info_next (info, NULL);
        }
    }

  return best;
}

char *
_wd_page_date_normalize (const char *value)
{
  char *date = wd_html_meta_normalize_date (value);

  if (date == NULL && value != NULL && strlen (value) <= 200)
    date = _wd_page_date_in_text (value, strlen (value));
  return date;
}

char *
_wd_page_date_in_url (const char *url)
{
  static GRegex *regex;
  static gsize initialized = 0;
  g_autoptr(GMatchInfo) info = NULL;
  g_autoptr(GUri) uri = NULL;
  const char *path;

  if (url == NULL || (uri = g_uri_parse (url, G_URI_FLAGS_ENCODED, NULL)) == NULL)
    return NULL;
  path = g_uri_get_path (uri);

  if (g_once_init_enter (&initialized))
    {
      regex = g_regex_new ("[/_-](\\d{4})([/-]?)(\\d{2})\\2(\\d{2})(?:[/_.-]|$)",
                           0, 0, NULL);
      g_once_init_leave (&initialized, 1);
    }

  if (!g_regex_match (regex, path, 0, &info))
    return NULL;
  return make_date (group_int (info, 1), group_int (info, 3), group_int (info, 4));
}

#define G_LOG_DOMAIN "wd-page-rules"

#include "config.h"

#include <string.h>

#include "wd-html-meta-private.h"
#include "wd-url.h"

/* The ranked rules that turn what a page states into its fields. Within
 * a field the first rule (in WdPageRule order) that gives a clean value
 * wins: structured data (JSON-LD, microdata, Open Graph, Dublin Core,
 * citation_*), then visible markup, then the text near the headline, then
 * guesses from the title and the address. */

#define MAX_URL_LENGTH 2048
/* How far from the headline the text rules look (bytes). */
#define NEAR_AFTER_HEADLINE 1500
#define NEAR_BEFORE_HEADLINE 400

typedef struct
{
  WdPageField field;
  const char *name;
  gboolean    several;  /* its statements may be several authors */
} Rule;

static const Rule rules[WD_N_RULES] = {
  [WD_RULE_OG_TITLE] = { WD_PAGE_TITLE, "og-title", FALSE },
  [WD_RULE_TWITTER_TITLE] = { WD_PAGE_TITLE, "twitter-title", FALSE },
  [WD_RULE_CITATION_TITLE] = { WD_PAGE_TITLE, "citation-title", FALSE },
  [WD_RULE_JSON_LD_HEADLINE] = { WD_PAGE_TITLE, "json-ld-headline", FALSE },
  [WD_RULE_DC_TITLE] = { WD_PAGE_TITLE, "dc-title", FALSE },
  [WD_RULE_MICRODATA_HEADLINE] = { WD_PAGE_TITLE, "microdata-headline", FALSE },
  [WD_RULE_TITLE_ELEMENT] = { WD_PAGE_TITLE, "title-element", FALSE },

  [WD_RULE_OG_SITE_NAME] = { WD_PAGE_SITE, "og-site-name", FALSE },
  [WD_RULE_JSON_LD_PUBLISHER] = { WD_PAGE_SITE, "json-ld-publisher", FALSE },
  [WD_RULE_JSON_LD_WEBSITE] = { WD_PAGE_SITE, "json-ld-website", FALSE },
  [WD_RULE_MICRODATA_PUBLISHER] = { WD_PAGE_SITE, "microdata-publisher", FALSE },
  [WD_RULE_DC_PUBLISHER] = { WD_PAGE_SITE, "dc-publisher", FALSE },
  [WD_RULE_META_PUBLISHER] = { WD_PAGE_SITE, "meta-publisher", FALSE },
  [WD_RULE_CITATION_PUBLISHER] = { WD_PAGE_SITE, "citation-publisher", FALSE },
  [WD_RULE_APPLICATION_NAME] = { WD_PAGE_SITE, "application-name", FALSE },
  [WD_RULE_TITLE_SUFFIX] = { WD_PAGE_SITE, "title-suffix", FALSE },
  [WD_RULE_LOGO_ALT] = { WD_PAGE_SITE, "logo-alt", FALSE },

  [WD_RULE_JSON_LD_AUTHOR] = { WD_PAGE_AUTHOR, "json-ld-author", TRUE },
  [WD_RULE_JSON_LD_CREATOR] = { WD_PAGE_AUTHOR, "json-ld-creator", TRUE },
  [WD_RULE_MICRODATA_AUTHOR] = { WD_PAGE_AUTHOR, "microdata-author", TRUE },
  [WD_RULE_META_AUTHOR] = { WD_PAGE_AUTHOR, "meta-author", TRUE },
  [WD_RULE_ARTICLE_AUTHOR] = { WD_PAGE_AUTHOR, "article-author", TRUE },
  [WD_RULE_CITATION_AUTHOR] = { WD_PAGE_AUTHOR, "citation-author", TRUE },
  [WD_RULE_DC_CREATOR] = { WD_PAGE_AUTHOR, "dc-creator", TRUE },
  [WD_RULE_META_BYLINE] = { WD_PAGE_AUTHOR, "meta-byline", FALSE },
  [WD_RULE_PARSELY_PAGE] = { WD_PAGE_AUTHOR, "parsely-page", FALSE },
  [WD_RULE_TWITTER_LABEL_AUTHOR] = { WD_PAGE_AUTHOR, "twitter-label-author", FALSE },
  [WD_RULE_REL_AUTHOR] = { WD_PAGE_AUTHOR, "rel-author", TRUE },
  [WD_RULE_BYLINE_CLASS] = { WD_PAGE_AUTHOR, "byline-class", FALSE },
  [WD_RULE_AUTHOR_CLASS] = { WD_PAGE_AUTHOR, "author-class", FALSE },
  [WD_RULE_AUTHOR_LINK] = { WD_PAGE_AUTHOR, "author-link", TRUE },
  [WD_RULE_BY_LINE_TEXT] = { WD_PAGE_AUTHOR, "by-line-text", FALSE },

  [WD_RULE_JSON_LD_DATE_PUBLISHED] = { WD_PAGE_DATE, "json-ld-date-published", FALSE },
  [WD_RULE_MICRODATA_DATE_PUBLISHED] = { WD_PAGE_DATE, "microdata-date-published", FALSE },
  [WD_RULE_ARTICLE_PUBLISHED_TIME] = { WD_PAGE_DATE, "article-published-time", FALSE },
  [WD_RULE_CITATION_DATE] = { WD_PAGE_DATE, "citation-date", FALSE },
  [WD_RULE_DC_DATE] = { WD_PAGE_DATE, "dc-date", FALSE },
  [WD_RULE_META_DATE] = { WD_PAGE_DATE, "meta-date", FALSE },
  [WD_RULE_TIME_PUBDATE] = { WD_PAGE_DATE, "time-pubdate", FALSE },
  [WD_RULE_DATE_CLASS] = { WD_PAGE_DATE, "date-class", FALSE },
  [WD_RULE_TIME_ELEMENT] = { WD_PAGE_DATE, "time-element", FALSE },
  [WD_RULE_DATE_NEAR_HEADLINE] = { WD_PAGE_DATE, "date-near-headline", FALSE },
  [WD_RULE_URL_DATE] = { WD_PAGE_DATE, "url-date", FALSE },
  [WD_RULE_DATE_IN_TEXT] = { WD_PAGE_DATE, "date-in-text", FALSE },
  [WD_RULE_MODIFIED_DATE] = { WD_PAGE_DATE, "modified-date", FALSE },

  [WD_RULE_HTML_LANG] = { WD_PAGE_LANGUAGE, "html-lang", FALSE },
  [WD_RULE_CONTENT_LANGUAGE] = { WD_PAGE_LANGUAGE, "content-language", FALSE },
  [WD_RULE_OG_LOCALE] = { WD_PAGE_LANGUAGE, "og-locale", FALSE },
  [WD_RULE_JSON_LD_LANGUAGE] = { WD_PAGE_LANGUAGE, "json-ld-language", FALSE },
  [WD_RULE_MICRODATA_LANGUAGE] = { WD_PAGE_LANGUAGE, "microdata-language", FALSE },
  [WD_RULE_DC_LANGUAGE] = { WD_PAGE_LANGUAGE, "dc-language", FALSE },

  [WD_RULE_LINK_CANONICAL] = { WD_PAGE_CANONICAL, "link-canonical", FALSE },
  [WD_RULE_OG_URL] = { WD_PAGE_CANONICAL, "og-url", FALSE },
};

const char *
_wd_page_rule_name (WdPageRule rule)
{
  g_return_val_if_fail (rule < WD_N_RULES, NULL);
  return rules[rule].name;
}

/* ------------------------------------------------------------ text rules */

static gboolean
starts_with_by (const char *line)
{
  static const char * const leads[] = { "By ", "BY ", "by ", "Von ", "Par ", "Por ", "Door ", NULL };

  for (guint i = 0; leads[i] != NULL; i++)
    if (g_str_has_prefix (line, leads[i]))
      return TRUE;
  return FALSE;
}

/* Letters and digits of @text, lower-cased ASCII: "Lean Data!" → "leandata". */
static char *
squash (const char *text,
        gsize       len)
{
  GString *out = g_string_new (NULL);

  for (gsize i = 0; i < len && text[i] != '\0'; i++)
    if (g_ascii_isalnum (text[i]))
      g_string_append_c (out, g_ascii_tolower (text[i]));
  return g_string_free (out, FALSE);
}

/* The article's headline among the page's first <h1>s: the one the title
 * holds (a site's logo may be the first), else the first; NULL without. */
static const WdHtmlHeading *
find_headline (WdHtmlFacts *facts)
{
  const char *title = _wd_html_facts_first (facts, WD_RULE_OG_TITLE);
  g_autofree char *squashed_title = NULL;

  if (facts->n_headings == 0)
    return NULL;

  if (title == NULL)
    title = _wd_html_facts_first (facts, WD_RULE_TITLE_ELEMENT);
  squashed_title = squash (title != NULL ? title : "", G_MAXSIZE);

  for (guint i = 0; i < facts->n_headings && *squashed_title != '\0'; i++)
    {
      g_autofree char *squashed = squash (facts->headings[i].text, G_MAXSIZE);

      if (strlen (squashed) >= 8 && (strstr (squashed_title, squashed) != NULL ||
                                     strstr (squashed, squashed_title) != NULL))
        return &facts->headings[i];
    }

  return &facts->headings[0];
}

/* "By …" on a line of its own shortly after the headline. */
static void
find_by_line (WdHtmlFacts *facts)
{
  const WdHtmlHeading *headline = find_headline (facts);
  g_autofree char *window = NULL;
  g_auto(GStrv) lines = NULL;
  gsize end;

  if (headline == NULL)
    return;

  end = MIN (facts->text->len, headline->end + NEAR_AFTER_HEADLINE);
  window = g_utf8_make_valid (facts->text->str + headline->end, end - headline->end);
  lines = g_strsplit (window, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      char *line = g_strstrip (lines[i]);

      /* In running text a name starts with a capital: "By the digits" is a
       * headline. */
      if (starts_with_by (line) && g_utf8_strlen (line, -1) < 100 &&
          g_unichar_isupper (g_utf8_get_char (g_utf8_next_char (strchr (line, ' ')))))
        {
          _wd_html_facts_add (facts, WD_RULE_BY_LINE_TEXT, line);
          return;
        }
    }
}

/* The first date just after the headline, else just before it. */
static void
find_date_near_headline (WdHtmlFacts *facts)
{
  const WdHtmlHeading *headline = find_headline (facts);
  const char *text = facts->text->str;
  gsize after, before;
  char *date;

  if (headline == NULL)
    return;

  after = MIN (facts->text->len, headline->end + NEAR_AFTER_HEADLINE);
  date = _wd_page_date_in_text (text + headline->end, after - headline->end);
  if (date == NULL)
    {
      before = headline->at > NEAR_BEFORE_HEADLINE ? headline->at - NEAR_BEFORE_HEADLINE : 0;
      date = _wd_page_date_in_text (text + before, headline->at - before);
    }

  _wd_html_facts_add (facts, WD_RULE_DATE_NEAR_HEADLINE, date);
  g_free (date);
}

/* The first date at the top of a page without a usable headline. */
static void
find_date_in_text (WdHtmlFacts *facts)
{
  char *date;

  if (facts->n_headings > 0)
    return;

  date = _wd_page_date_in_text (facts->text->str, MIN (facts->text->len, NEAR_AFTER_HEADLINE * 2));
  _wd_html_facts_add (facts, WD_RULE_DATE_IN_TEXT, date);
  g_free (date);
}

/* Whether @part names the site at @url ("LeanData" and leandata.com). */
static gboolean
names_host (const char *part,
            gsize       part_len,
            const char *url)
{
  g_autoptr(GUri) uri = url != NULL ? g_uri_parse (url, G_URI_FLAGS_NONE, NULL) : NULL;
  g_autofree char *squashed = squash (part, part_len);
  g_auto(GStrv) labels = NULL;

  if (uri == NULL || g_uri_get_host (uri) == NULL || strlen (squashed) < 3)
    return FALSE;

  /* Any label but the last, "www" and two-letter ones (co.uk). */
  labels = g_strsplit (g_uri_get_host (uri), ".", -1);
  for (guint i = 0; labels[i] != NULL && labels[i + 1] != NULL; i++)
    {
      g_autofree char *label = squash (labels[i], strlen (labels[i]));

      if (strlen (label) < 3 || g_str_equal (label, "www"))
        continue;
      if (strstr (squashed, label) != NULL || strstr (label, squashed) != NULL)
        return TRUE;
    }
  return FALSE;
}

/* "Headline | Site", "Site - Headline": the part that names the host, else
 * the last one when short. */
static void
find_title_suffix (WdHtmlFacts *facts,
                   const char  *base_url)
{
  static const char * const separators[] = { " | ", " - ", " – ", " — ", " :: ", " · ", " » ", NULL };
  const char *title = _wd_html_facts_first (facts, WD_RULE_TITLE_ELEMENT);
  g_autofree char *clean = wd_html_meta_clean_text (title, 0);
  const char *urls[] = {
    _wd_html_facts_first (facts, WD_RULE_LINK_CANONICAL),
    _wd_html_facts_first (facts, WD_RULE_OG_URL), base_url,
  };
  const char *first_end = NULL;
  const char *last = NULL;

  if (clean == NULL)
    return;

  /* Each place, each separator; not strstr in a loop, which
   * AddressSanitizer makes quadratic (it measures the rest of the string
   * at each call): a 256 KB title of 64 000 parts took 3.6 s there. */
  for (const char *p = clean; *p != '\0'; p++)
    for (guint i = 0; separators[i] != NULL; i++)
      {
        gsize len = strlen (separators[i]);

        if (strncmp (p, separators[i], len) != 0)
          continue;
        if (first_end == NULL)
          first_end = p;
        if (last == NULL || p + len > last)
          last = p + len;
      }

  if (last == NULL || *last == '\0')
    return;

  for (guint i = 0; i < G_N_ELEMENTS (urls); i++)
    {
      if (names_host (last, strlen (last), urls[i]))
        break;
      if (names_host (clean, first_end - clean, urls[i]))
        {
          g_autofree char *first = g_strndup (clean, first_end - clean);
          _wd_html_facts_add (facts, WD_RULE_TITLE_SUFFIX, first);
          return;
        }
    }

  if (g_utf8_strlen (last, -1) <= 40)
    _wd_html_facts_add (facts, WD_RULE_TITLE_SUFFIX, last);
}

/* Fills the rules that read the page as a whole, once the statements of
 * the others are known. */
static void
compute_rule (WdHtmlFacts *facts,
              WdPageRule   rule,
              const char  *base_url)
{
  char *date = NULL;

  switch ((int) rule)
    {
    case WD_RULE_BY_LINE_TEXT:
      find_by_line (facts);
      break;
    case WD_RULE_DATE_NEAR_HEADLINE:
      find_date_near_headline (facts);
      break;
    case WD_RULE_DATE_IN_TEXT:
      find_date_in_text (facts);
      break;
    case WD_RULE_TITLE_SUFFIX:
      find_title_suffix (facts, base_url);
      break;
    case WD_RULE_URL_DATE:
      date = _wd_page_date_in_url (_wd_html_facts_first (facts, WD_RULE_LINK_CANONICAL));
      if (date == NULL)
        date = _wd_page_date_in_url (_wd_html_facts_first (facts, WD_RULE_OG_URL));
      if (date == NULL)
        date = _wd_page_date_in_url (base_url);
      _wd_html_facts_add (facts, rule, date);
      g_free (date);
      break;
    default:
      break;
    }
}

/* -------------------------------------------------------- field values */

static char *
resolve_url (const char *base_url,
             const char *href)
{
  g_autofree char *stripped = NULL;
  g_autofree char *resolved = NULL;

  if (href == NULL || base_url == NULL)
    return NULL;

  stripped = g_strstrip (g_strdup (href));
  if (*stripped == '\0' || strlen (stripped) > MAX_URL_LENGTH)
    return NULL;

  resolved = g_uri_resolve_relative (base_url, stripped, G_URI_FLAGS_ENCODED, NULL);
  if (resolved == NULL)
    return NULL;

  return wd_url_normalize (resolved, NULL);
}

static char *
clean_language (const char *value)
{
  g_autofree char *lang = NULL;

  if (value == NULL)
    return NULL;

  /* Content-Language may list several: the first one is the page's. */
  lang = g_strstrip (g_strndup (value, strcspn (value, ",;")));
  if (*lang == '\0' || strlen (lang) > 35 || !g_ascii_isalpha (*lang))
    return NULL;

  for (char *p = lang; *p; p++)
    {
      if (*p == '_')
        *p = '-';
      else if (!g_ascii_isalnum (*p) && *p != '-')
        return NULL;
    }

  return g_steal_pointer (&lang);
}

/* A logo's alt text as a site name: "Daily Planet logo" → "Daily Planet";
 * not a file name ("site_logo_black", "logo.png"). */
static char *
clean_logo_alt (const char *value)
{
  g_autofree char *clean = wd_html_meta_clean_text (value, WD_HTML_META_TEXT_MAX);
  gsize len;

  if (clean == NULL || strchr (clean, '_') != NULL || strchr (clean, '/') != NULL ||
      (strchr (clean, ' ') == NULL && strchr (clean, '.') != NULL))
    return NULL;

  len = strlen (clean);
  if (len > 5 && g_ascii_strcasecmp (clean + len - 5, " logo") == 0)
    clean[len - 5] = '\0';
  else if (g_ascii_strncasecmp (clean, "logo ", 5) == 0)
    memmove (clean, clean + 5, len - 4);

  if (g_ascii_strcasecmp (clean, "logo") == 0 || g_utf8_strlen (clean, -1) > 60)
    return NULL;
  return g_steal_pointer (&clean);
}

/* One statement made clean for its field, or NULL. */
static char *
clean_value (WdPageRule   rule,
             const char  *value,
             const char  *base_url)
{
  if (rule == WD_RULE_LOGO_ALT)
    return clean_logo_alt (value);

  switch (rules[rule].field)
    {
    case WD_PAGE_TITLE:
    case WD_PAGE_SITE:
      return wd_html_meta_clean_text (value, WD_HTML_META_TEXT_MAX);
    case WD_PAGE_DATE:
      return _wd_page_date_normalize (value);
    case WD_PAGE_LANGUAGE:
      return clean_language (value);
    case WD_PAGE_CANONICAL:
      return resolve_url (base_url, value);
    case WD_PAGE_AUTHOR:
    case WD_PAGE_N_FIELDS:
    default:
      return NULL;
    }
}

static guint
count_words (const char *s,
             gsize       len)
{
  g_autofree char *part = g_strstrip (g_strndup (s, len));
  g_auto(GStrv) words = g_strsplit_set (part, " \t", -1);
  guint n = 0;

  for (guint i = 0; words[i] != NULL; i++)
    n += *words[i] != '\0';
  return n;
}

/* "Lee, Ann" → "Ann Lee" (one side a single word: two full names
 * "Ann Lee, Bob Ray" stay two); anything else as it is. */
static char *
uninvert_name (const char *value)
{
  const char *comma = strchr (value, ',');

  if (comma == NULL || strchr (comma + 1, ',') != NULL || strchr (value, ';') != NULL ||
      strstr (value, " and ") != NULL || strchr (value, '&') != NULL ||
      (count_words (value, comma - value) > 1 && count_words (comma + 1, strlen (comma + 1)) > 1))
    return g_strdup (value);

  {
    g_autofree char *first = g_strstrip (g_strdup (comma + 1));
    return g_strdup_printf ("%s %.*s", first, (int) (comma - value), value);
  }
}

/* The authors from the first author rule that names someone. */
static const char *
apply_authors (WdHtmlMeta  *meta,
               WdHtmlFacts *facts,
               const char  *base_url)
{
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);

  for (guint rule = 0; rule < WD_N_RULES; rule++)
    {
      GPtrArray *values;

      if (rules[rule].field != WD_PAGE_AUTHOR)
        continue;
      if (facts->values[rule] == NULL)
        compute_rule (facts, rule, base_url);
      if ((values = facts->values[rule]) == NULL)
        continue;

      for (guint i = 0; i < values->len; i++)
        {
          const char *value = g_ptr_array_index (values, i);
          g_autofree char *uninverted = NULL;

          /* citation_author and DC.creator hold one name each, often "Last, First". */
          if (rule == WD_RULE_CITATION_AUTHOR || rule == WD_RULE_DC_CREATOR)
            value = uninverted = uninvert_name (value);
          _wd_page_names_from_byline (value, names);
          if (names->len > 0 && !rules[rule].several)
            break;
        }

      if (names->len > 0)
        {
          g_autofree char *joined = NULL;

          g_ptr_array_add (names, NULL);
          meta->authors = (char **) g_ptr_array_steal (names, NULL);
          joined = g_strjoinv (", ", meta->authors);
          meta->author = wd_html_meta_clean_text (joined, WD_HTML_META_TEXT_MAX);
          return rules[rule].name;
        }
    }

  return NULL;
}

/* The value of @field from the first rule that gives a clean one. */
static char *
apply_field (WdPageField   field,
             WdHtmlFacts  *facts,
             const char   *base_url,
             const char  **rule_name)
{
  for (guint rule = 0; rule < WD_N_RULES; rule++)
    {
      GPtrArray *values;

      if (rules[rule].field != field)
        continue;
      if (facts->values[rule] == NULL)
        compute_rule (facts, rule, base_url);
      if ((values = facts->values[rule]) == NULL)
        continue;

      for (guint i = 0; i < values->len; i++)
        {
          char *value = clean_value (rule, g_ptr_array_index (values, i), base_url);

          if (value != NULL)
            {
              *rule_name = rules[rule].name;
              return value;
            }
        }
    }

  *rule_name = NULL;
  return NULL;
}

void
_wd_page_rules_apply (WdHtmlMeta  *meta,
                      WdHtmlFacts *facts,
                      const char  *base_url)
{
  const char *canonical_rule = NULL;

  meta->title = apply_field (WD_PAGE_TITLE, facts, base_url, &meta->title_rule);
  meta->site_name = apply_field (WD_PAGE_SITE, facts, base_url, &meta->site_rule);
  meta->author_rule = apply_authors (meta, facts, base_url);
  meta->published = apply_field (WD_PAGE_DATE, facts, base_url, &meta->published_rule);
  meta->language = apply_field (WD_PAGE_LANGUAGE, facts, base_url, &meta->language_rule);
  meta->canonical = apply_field (WD_PAGE_CANONICAL, facts, base_url, &canonical_rule);
  meta->heading = wd_html_meta_clean_text (facts->heading, WD_HTML_META_TEXT_MAX);
  /* The checker follows a short refresh like a redirect. */
  meta->refresh = g_strdup (facts->refresh);

#define OR_NONE(rule) ((rule) != NULL ? (rule) : "none")
  g_debug ("%s: title from %s, site from %s, author from %s, date from %s, language from %s",
           base_url != NULL ? base_url : "(page)", OR_NONE (meta->title_rule),
           OR_NONE (meta->site_rule), OR_NONE (meta->author_rule),
           OR_NONE (meta->published_rule), OR_NONE (meta->language_rule));
#undef OR_NONE
}

#define G_LOG_DOMAIN "wd-page-metas"

#include "config.h"

#include <json-glib/json-glib.h>
#include <string.h>

#include "wd-html-meta-private.h"
#include "wd-json-reader-private.h"

/* <meta> statements: most feed one rule each (the table); a few need
 * reading (a list, JSON, a label with its value). */

/* Distinct <meta> statements kept. */
#define MAX_METAS 4096
/* A refresh's "5; url=…": an address of at most 2048 bytes and its delay. */
#define MAX_REFRESH_LENGTH (2048 + 32)
/* A "parsely-page" JSON statement longer than this is not read. */
#define MAX_PARSELY_PAGE 8192
/* A label or its value is not kept past this. */
#define MAX_LABEL 512

/* <meta> names and properties, and the rule each one feeds. */
static const struct
{
  const char *key;
  WdPageRule  rule;
} meta_rules[] = {
  { "og:title", WD_RULE_OG_TITLE },
  { "twitter:title", WD_RULE_TWITTER_TITLE },
  { "citation_title", WD_RULE_CITATION_TITLE },
  { "dc.title", WD_RULE_DC_TITLE },
  { "dcterms.title", WD_RULE_DC_TITLE },
  { "og:site_name", WD_RULE_OG_SITE_NAME },
  { "application-name", WD_RULE_APPLICATION_NAME },
  { "dc.publisher", WD_RULE_DC_PUBLISHER },
  { "dcterms.publisher", WD_RULE_DC_PUBLISHER },
  { "publisher", WD_RULE_META_PUBLISHER },
  { "citation_publisher", WD_RULE_CITATION_PUBLISHER },
  { "citation_journal_title", WD_RULE_CITATION_PUBLISHER },
  { "author", WD_RULE_META_AUTHOR },
  { "article:author", WD_RULE_ARTICLE_AUTHOR },
  { "og:article:author", WD_RULE_ARTICLE_AUTHOR },
  { "citation_author", WD_RULE_CITATION_AUTHOR },
  { "dc.creator", WD_RULE_DC_CREATOR },
  { "dcterms.creator", WD_RULE_DC_CREATOR },
  { "byl", WD_RULE_META_BYLINE },
  { "sailthru.author", WD_RULE_META_BYLINE },
  { "parsely-author", WD_RULE_META_BYLINE },
  { "article:published_time", WD_RULE_ARTICLE_PUBLISHED_TIME },
  { "og:published_time", WD_RULE_ARTICLE_PUBLISHED_TIME },
  { "article:published", WD_RULE_ARTICLE_PUBLISHED_TIME },
  { "citation_publication_date", WD_RULE_CITATION_DATE },
  { "citation_date", WD_RULE_CITATION_DATE },
  { "citation_online_date", WD_RULE_CITATION_DATE },
  { "dc.date", WD_RULE_DC_DATE },
  { "dc.date.issued", WD_RULE_DC_DATE },
  { "dc.date.created", WD_RULE_DC_DATE },
  { "dcterms.date", WD_RULE_DC_DATE },
  { "dcterms.issued", WD_RULE_DC_DATE },
  { "dcterms.created", WD_RULE_DC_DATE },
  { "date", WD_RULE_META_DATE },
  { "pubdate", WD_RULE_META_DATE },
  { "publishdate", WD_RULE_META_DATE },
  { "publish-date", WD_RULE_META_DATE },
  { "publish_date", WD_RULE_META_DATE },
  { "published-date", WD_RULE_META_DATE },
  { "sailthru.date", WD_RULE_META_DATE },
  { "parsely-pub-date", WD_RULE_META_DATE },
  { "article.published", WD_RULE_META_DATE },
  { "originalpublicationdate", WD_RULE_META_DATE },
  { "datepublished", WD_RULE_META_DATE },
  { "article:modified_time", WD_RULE_MODIFIED_DATE },
  { "og:updated_time", WD_RULE_MODIFIED_DATE },
  { "dcterms.modified", WD_RULE_MODIFIED_DATE },
  { "last-modified", WD_RULE_MODIFIED_DATE },
  { "content-language", WD_RULE_CONTENT_LANGUAGE },
  { "og:locale", WD_RULE_OG_LOCALE },
  { "dc.language", WD_RULE_DC_LANGUAGE },
  { "dcterms.language", WD_RULE_DC_LANGUAGE },
  { "og:url", WD_RULE_OG_URL },
};

/* "Lee, Ann; Ray, Bob": one statement a name, as citation_author has it. */
static void
add_each (WdHtmlMetas *m,
          WdPageRule  rule,
          const char *content)
{
  g_auto(GStrv) names = g_strsplit (content, ";", WD_PAGE_RULE_MAX_VALUES + 1);

  for (guint i = 0; names[i] != NULL; i++)
    _wd_html_facts_add (m->facts, rule, names[i]);
}

/* Parse.ly's older "parsely-page" meta: JSON with "author" or "authors". */
static void
read_parsely_page (WdHtmlMetas *m,
                   const char *content)
{
  g_autoptr(JsonParser) parser = NULL;
  g_autoptr(GString) names = NULL;
  JsonObject *object;
  JsonNode *authors;
  gsize offset;

  if (strlen (content) > MAX_PARSELY_PAGE ||
      _wd_json_scan_shape (content, strlen (content), 8, &offset) != WD_JSON_SHAPE_OK)
    return;
  parser = json_parser_new_immutable ();
  if (!json_parser_load_from_data (parser, content, -1, NULL) ||
      !JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    return;

  object = json_node_get_object (json_parser_get_root (parser));
  authors = json_object_get_member (object, "authors");
  if (authors == NULL)
    authors = json_object_get_member (object, "author");
  if (authors == NULL)
    return;

  /* One statement, "; " between the names. */
  names = g_string_new (NULL);
  if (JSON_NODE_HOLDS_ARRAY (authors))
    {
      JsonArray *array = json_node_get_array (authors);

      for (guint i = 0; i < json_array_get_length (array) && i < WD_PAGE_RULE_MAX_VALUES; i++)
        {
          JsonNode *element = json_array_get_element (array, i);

          if (JSON_NODE_HOLDS_VALUE (element) && json_node_get_value_type (element) == G_TYPE_STRING)
            g_string_append_printf (names, "%s%s", names->len > 0 ? "; " : "",
                                    json_node_get_string (element));
        }
    }
  else if (JSON_NODE_HOLDS_VALUE (authors) && json_node_get_value_type (authors) == G_TYPE_STRING)
    g_string_append (names, json_node_get_string (authors));

  _wd_html_facts_add (m->facts, WD_RULE_PARSELY_PAGE, names->str);
}

/* Metas that are not one statement of one rule; TRUE when @key was one. */
static gboolean
read_special_meta (WdHtmlMetas *m,
                   const char *key,
                   const char *content)
{
  if (g_str_equal (key, "citation_authors"))
    add_each (m, WD_RULE_CITATION_AUTHOR, content);
  else if (g_str_equal (key, "parsely-page"))
    read_parsely_page (m, content);
  else if (g_str_has_prefix (key, "twitter:label") || g_str_has_prefix (key, "twitter:data"))
    {
      gboolean label = g_str_has_prefix (key, "twitter:label");
      const char *digits = key + strlen (label ? "twitter:label" : "twitter:data");
      char **slot;

      if (digits[0] < '1' || digits[0] > '0' + WD_HTML_MAX_TWITTER_LABELS || digits[1] != '\0')
        return FALSE;
      slot = label ? &m->twitter_labels[digits[0] - '1'] : &m->twitter_data[digits[0] - '1'];
      if (*slot == NULL)
        *slot = g_strndup (content, MAX_LABEL);
    }
  else
    return FALSE;
  return TRUE;
}

/* "twitter:label1" = "Written by" (as WordPress's Yoast SEO writes it), and
 * "twitter:data1" the name. */
void
_wd_html_metas_finish (WdHtmlMetas *m)
{
  static const char * const written_by[] = {
    "written by", "author", "authors", "by", "geschrieben von", "verfasst von", "autor",
    "autorin", "écrit par", "rédigé par", "auteur", "escrito por", "scritto da", NULL
  };

  for (guint i = 0; i < WD_HTML_MAX_TWITTER_LABELS; i++)
    {
      g_autofree char *label = NULL;

      if (m->twitter_labels[i] == NULL || m->twitter_data[i] == NULL)
        continue;
      label = g_utf8_casefold (g_strstrip (m->twitter_labels[i]), -1);
      for (guint j = 0; written_by[j] != NULL; j++)
        if (g_str_equal (label, written_by[j]))
          {
            _wd_html_facts_add (m->facts, WD_RULE_TWITTER_LABEL_AUTHOR, m->twitter_data[i]);
            break;
          }
    }
}

void
_wd_html_metas_read (WdHtmlMetas *m,
               const char *key,
               const char *content)
{
  g_autofree char *lower = NULL;

  if (key == NULL || m->n_metas >= MAX_METAS)
    return;

  lower = g_strstrip (g_ascii_strdown (key, MIN (strlen (key), 64)));
  /* Not a fact about the page but a redirect the checker follows. */
  if (g_str_equal (lower, "refresh"))
    {
      if (m->facts->refresh == NULL && content != NULL && strlen (content) <= MAX_REFRESH_LENGTH)
        m->facts->refresh = g_strdup (content);
      return;
    }
  if (read_special_meta (m, lower, content))
    {
      m->n_metas++;
      return;
    }
  for (guint i = 0; i < G_N_ELEMENTS (meta_rules); i++)
    if (g_str_equal (lower, meta_rules[i].key))
      {
        m->n_metas++;
        _wd_html_facts_add (m->facts, meta_rules[i].rule, content);
        return;
      }
}

void
_wd_html_metas_clear (WdHtmlMetas *m)
{
  for (guint i = 0; i < WD_HTML_MAX_TWITTER_LABELS; i++)
    {
      g_clear_pointer (&m->twitter_labels[i], g_free);
      g_clear_pointer (&m->twitter_data[i], g_free);
    }
}

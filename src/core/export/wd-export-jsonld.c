#define G_LOG_DOMAIN "wd-export-jsonld"

#include "config.h"

#include "wd-enums.h"
#include "wd-export-private.h"
#include "wd-export-values-private.h"
#include "wd-history.h"

/* schema.org NewsArticle as JSON-LD, for a page's <script
 * type="application/ld+json"> or a CMS that takes schema.org.
 *
 * Everything here is public: the editor's note is left out. Each source is
 * a CreativeWork (NewsArticle for wire and news, SocialMediaPosting for
 * social, WebPage for reference) with what its last check found: title,
 * publisher (site name), author (a Person each), date. "isBasedOn" lists every source;
 * "citation" the ones the body cites with a [^id] marker, in footnote
 * order. "identifier" holds the article id and the ids CMSes gave back. */

static const char *
source_type (WdSourceKind kind)
{
  switch (kind)
    {
    case WD_SOURCE_KIND_WIRE:
    case WD_SOURCE_KIND_NEWS:
      return "NewsArticle";
    case WD_SOURCE_KIND_SOCIAL:
      return "SocialMediaPosting";
    case WD_SOURCE_KIND_REFERENCE:
      return "WebPage";
    case WD_SOURCE_KIND_OFFICIAL:
    case WD_SOURCE_KIND_OTHER:
    default:
      return "CreativeWork";
    }
}

static JsonObject *
typed (const char *type)
{
  JsonObject *object = json_object_new ();

  json_object_set_string_member (object, "@type", type);
  return object;
}

static JsonObject *
named (const char *type,
       const char *name)
{
  JsonObject *object = typed (type);

  json_object_set_string_member (object, "name", name);
  return object;
}

/* One Person per author: an object for one, a list for several. */
static void
add_authors (JsonObject         *object,
             const char * const *authors)
{
  JsonArray *people;

  if (authors == NULL || authors[0] == NULL)
    return;
  if (authors[1] == NULL)
    {
      json_object_set_object_member (object, "author", named ("Person", authors[0]));
      return;
    }

  people = json_array_new ();
  for (guint i = 0; authors[i] != NULL; i++)
    json_array_add_object_element (people, named ("Person", authors[i]));
  json_object_set_array_member (object, "author", people);
}

static JsonObject *
source_node (WdSource *source)
{
  JsonObject *object = typed (source_type (wd_source_get_kind (source)));
  WdCheckResult *check = wd_source_get_check (source);
  g_autofree char *url = _wd_export_uri (wd_source_get_url (source));
  g_autofree char *name = wd_source_dup_display_name (source);

  json_object_set_string_member (object, "url", url);
  json_object_set_string_member (object, "name", name);

  if (check != NULL)
    {
      const char *title = wd_check_result_get_title (check);
      const char *site = wd_check_result_get_site_name (check);
      const char * const *authors = wd_check_result_get_authors (check);
      g_autofree char *published = _wd_export_date (wd_check_result_get_published (check));

      _wd_export_set_text (object, "headline", title);
      if (site != NULL)
        json_object_set_object_member (object, "publisher", named ("Organization", site));
      add_authors (object, authors);
      _wd_export_set_text (object, "datePublished", published);
      _wd_export_set_text (object, "inLanguage", wd_check_result_get_language (check));
    }

  return object;
}

static JsonObject *
property_value (const char *property,
                const char *value)
{
  JsonObject *object = typed ("PropertyValue");

  json_object_set_string_member (object, "propertyID", property);
  json_object_set_string_member (object, "value", value);
  return object;
}

/* Returns the earliest publication time and the first published URL. */
static void
add_identifiers (JsonObject  *object,
                 WdArticle   *article,
                 char       **first_at,
                 const char **first_url)
{
  GListModel *publications = wd_article_get_publications (article);
  guint n = g_list_model_get_n_items (publications);
  JsonArray *ids = json_array_new ();

  *first_at = NULL;
  *first_url = NULL;

  json_array_add_object_element (ids, property_value ("wiredesk", wd_article_get_id (article)));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(WdPublication) publication = g_list_model_get_item (publications, i);
      g_autofree char *at = _wd_export_date (wd_publication_get_at (publication));

      json_array_add_object_element (ids,
                                     property_value (wd_publication_get_endpoint (publication),
                                                     wd_publication_get_remote_id (publication)));

      if (*first_url == NULL && wd_publication_get_url (publication) != NULL)
        *first_url = wd_publication_get_url (publication);
      /* RFC 3339 UTC times sort as text. */
      if (at != NULL && (*first_at == NULL || g_strcmp0 (at, *first_at) < 0))
        {
          g_free (*first_at);
          *first_at = g_steal_pointer (&at);
        }
    }

  json_object_set_array_member (object, "identifier", ids);
}

/* schema.org's correction, each a CorrectionComment with its date. */
static void
add_corrections (JsonObject *object,
                 WdArticle  *article)
{
  g_autoptr(GPtrArray) corrections = _wd_export_corrections (article);
  JsonArray *array;

  if (corrections->len == 0)
    return;

  array = json_array_new ();
  for (guint i = 0; i < corrections->len; i++)
    {
      WdCorrection *correction = g_ptr_array_index (corrections, i);
      JsonObject *comment = typed ("CorrectionComment");

      json_object_set_string_member (comment, "text", correction->note);
      _wd_export_set_text (comment, "datePublished", correction->at);
      json_array_add_object_element (array, comment);
    }
  json_object_set_array_member (object, "correction", array);
}

static void
add_keywords (JsonObject *object,
              WdArticle  *article)
{
  const char * const *keywords = wd_article_get_keywords (article);
  JsonArray *array;

  if (keywords == NULL || keywords[0] == NULL)
    return;

  array = json_array_new ();
  for (guint i = 0; keywords[i] != NULL; i++)
    if (*keywords[i] != '\0')
      json_array_add_string_element (array, keywords[i]);
  json_object_set_array_member (object, "keywords", array);
}

static void
add_sources (JsonObject     *object,
             WdArticle      *article,
             WdRenderedBody *body)
{
  guint n = wd_article_get_n_sources (article);

  if (n > 0)
    {
      JsonArray *based_on = json_array_new ();

      for (guint i = 0; i < n; i++)
        json_array_add_object_element (based_on, source_node (wd_article_get_source (article, i)));
      json_object_set_array_member (object, "isBasedOn", based_on);
    }

  if (body->cited->len > 0)
    {
      JsonArray *citations = json_array_new ();

      for (guint i = 0; i < body->cited->len; i++)
        json_array_add_object_element (citations, source_node (g_ptr_array_index (body->cited, i)));
      json_object_set_array_member (object, "citation", citations);
    }
}

JsonNode *
_wd_export_jsonld (WdArticle      *article,
                   WdRenderedBody *body)
{
  JsonObject *object = json_object_new ();
  g_autofree char *urn = _wd_export_article_urn (article);
  g_autofree char *created = _wd_export_date (wd_article_get_created (article));
  g_autofree char *modified = _wd_export_date (wd_article_get_modified (article));
  g_autofree char *published = NULL;
  g_autofree char *version = g_strdup_printf ("%u", wd_article_get_revision (article));
  g_autofree char *url = NULL;
  const char *first_url;
  const char *byline = wd_article_get_byline (article);
  WdArticleStatus status = wd_article_get_status (article);
  JsonNode *root;

  json_object_set_string_member (object, "@context", "https://schema.org");
  json_object_set_string_member (object, "@type", "NewsArticle");
  json_object_set_string_member (object, "@id", urn);
  add_identifiers (object, article, &published, &first_url);
  if (first_url != NULL)
    {
      url = _wd_export_uri (first_url);
      json_object_set_string_member (object, "url", url);
    }

  json_object_set_string_member (object, "headline", wd_article_get_headline (article));
  _wd_export_set_text (object, "alternativeHeadline", wd_article_get_standfirst (article));
  json_object_set_string_member (object, "articleBody", body->text);
  json_object_set_int_member (object, "wordCount", body->word_count);
  if (byline != NULL && *byline != '\0')
    json_object_set_object_member (object, "author", named ("Person", byline));
  _wd_export_set_text (object, "dateline", wd_article_get_dateline (article));

  _wd_export_set_text (object, "dateCreated", created);
  _wd_export_set_text (object, "dateModified", modified);
  if (published == NULL && status == WD_ARTICLE_STATUS_PUBLISHED)
    published = g_strdup (modified);
  _wd_export_set_text (object, "datePublished", published);

  _wd_export_set_text (object, "inLanguage", wd_article_get_language (article));
  add_keywords (object, article);
  _wd_export_set_text (object, "backstory", wd_article_get_desk_note (article));
  add_corrections (object, article);
  json_object_set_string_member (object, "creativeWorkStatus",
                                 wd_enum_to_nick (WD_TYPE_ARTICLE_STATUS, status));
  json_object_set_string_member (object, "version", version);
  add_sources (object, article, body);

  root = json_node_init_object (json_node_alloc (), object);
  json_object_unref (object);

  return root;
}

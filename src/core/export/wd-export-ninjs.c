#define G_LOG_DOMAIN "wd-export-ninjs"

#include "config.h"

#include "wd-export-private.h"
#include "wd-export-values-private.h"

#define WD_CONTENT_SOURCE_ROLE "http://cv.iptc.org/newscodes/contentprodpartyrole/contentSource"
/* A party that provided information used to create the content: a
 * source's author. */
#define WD_INFO_PROVIDER_ROLE "http://cv.iptc.org/newscodes/contentprodpartyrole/originfo"
#include "wd-history.h"

/* IPTC ninjs 3.1 and 2.2 (https://iptc.org/standards/ninjs/). The two
 * versions have the same members here; 2.x spells every name in lower
 * case ("versionCreated" → "versioncreated").
 *
 * Mapping from the article:
 *   uri            urn:uuid:<article id>
 *   type           "text", representationType "full"
 *   version        the revision
 *   firstCreated   created;  versionCreated  modified (RFC 3339, UTC)
 *   pubStatus      "usable" when ready or published, else "withheld"
 *   edNote         the editor's note (internal to the receiver)
 *   language       the language
 *   descriptions   the desk note, role "backstory" (public)
 *   bodies         role "main" text/plain and role "richtext" text/html
 *   headlines      role "main" the headline, role "subhead" the standfirst
 *   subjects       one {name} per keyword
 *   infoSources    one per source: name, uri, role contentSource; after it one
 *                  per author its check found (not named before): name, role
 *                  originfo
 *   by, located    the byline; the place of the dateline
 *   altIds         one per CMS publication: role = endpoint, value = CMS id
 *   standard       {name "ninjs", version, schema}
 */

typedef struct
{
  gboolean version2;
} Names;

/* The member name in the version being written. */
static const char *
N (const Names *names,
   const char  *camel)
{
  g_autofree char *lower = NULL;

  if (!names->version2)
    return camel;

  lower = g_ascii_strdown (camel, -1);
  return g_intern_string (lower);
}

static JsonObject *
text_item (const Names *names,
           const char  *role,
           const char  *content_type,
           const char  *value)
{
  JsonObject *item = json_object_new ();

  json_object_set_string_member (item, "role", role);
  if (content_type != NULL)
    json_object_set_string_member (item, N (names, "contentType"), content_type);
  json_object_set_string_member (item, "value", value);

  return item;
}

static void
add_dates (JsonObject  *object,
           const Names *names,
           WdArticle   *article)
{
  g_autofree char *created = _wd_export_date (wd_article_get_created (article));
  g_autofree char *modified = _wd_export_date (wd_article_get_modified (article));

  _wd_export_set_text (object, N (names, "firstCreated"), created);
  _wd_export_set_text (object, N (names, "versionCreated"), modified);
}

static void
add_bodies (JsonObject     *object,
            const Names    *names,
            WdRenderedBody *body)
{
  JsonArray *bodies = json_array_new ();
  JsonObject *plain = text_item (names, "main", "text/plain", body->text);

  json_object_set_int_member (plain, N (names, "charCount"), body->char_count);
  json_object_set_int_member (plain, N (names, "wordCount"), body->word_count);
  json_array_add_object_element (bodies, plain);
  json_array_add_object_element (bodies, text_item (names, "richtext", "text/html", body->html));

  json_object_set_array_member (object, "bodies", bodies);
}

static void
add_headlines (JsonObject  *object,
               const Names *names,
               WdArticle   *article)
{
  JsonArray *headlines = json_array_new ();
  const char *standfirst = wd_article_get_standfirst (article);

  json_array_add_object_element (headlines,
                                 text_item (names, "main", "text/plain",
                                            wd_article_get_headline (article)));
  if (_wd_export_has_text (standfirst))
    json_array_add_object_element (headlines,
                                   text_item (names, "subhead", "text/plain", standfirst));

  json_object_set_array_member (object, "headlines", headlines);
}

static void
add_subjects (JsonObject *object,
              WdArticle  *article)
{
  const char * const *keywords = wd_article_get_keywords (article);
  JsonArray *subjects;

  if (keywords == NULL || keywords[0] == NULL)
    return;

  subjects = json_array_new ();
  for (guint i = 0; keywords[i] != NULL; i++)
    {
      JsonObject *subject;

      if (!_wd_export_has_text (keywords[i]))
        continue;
      subject = json_object_new ();
      json_object_set_string_member (subject, "name", keywords[i]);
      json_array_add_object_element (subjects, subject);
    }

  json_object_set_array_member (object, "subjects", subjects);
}

/* The authors of a source, each an infoSource of their own: a party that
 * provided information. @named holds the names already listed. */
static void
add_authors (JsonArray     *sources,
             WdCheckResult *check,
             GHashTable    *named)
{
  const char * const *authors = check != NULL ? wd_check_result_get_authors (check) : NULL;

  for (guint i = 0; authors != NULL && authors[i] != NULL; i++)
    {
      JsonObject *item;

      if (!g_hash_table_add (named, (gpointer) authors[i]))
        continue;
      item = json_object_new ();
      json_object_set_string_member (item, "name", authors[i]);
      json_object_set_string_member (item, "role", WD_INFO_PROVIDER_ROLE);
      json_array_add_object_element (sources, item);
    }
}

static void
add_info_sources (JsonObject  *object,
                  const Names *names,
                  WdArticle   *article)
{
  guint n = wd_article_get_n_sources (article);
  g_autoptr(GHashTable) named = NULL;
  JsonArray *sources;

  if (n == 0)
    return;

  sources = json_array_new ();
  named = g_hash_table_new (g_str_hash, g_str_equal);
  for (guint i = 0; i < n; i++)
    {
      WdSource *source = wd_article_get_source (article, i);
      JsonObject *item = json_object_new ();
      g_autofree char *name = wd_source_dup_display_name (source);
      g_autofree char *uri = _wd_export_uri (wd_source_get_url (source));

      json_object_set_string_member (item, "name", name);
      json_object_set_string_member (item, "uri", uri);
      json_object_set_string_member (item, "role", WD_CONTENT_SOURCE_ROLE);
      json_array_add_object_element (sources, item);
      add_authors (sources, wd_source_get_check (source), named);
    }

  json_object_set_array_member (object, N (names, "infoSources"), sources);
}

static void
add_alt_ids (JsonObject  *object,
             const Names *names,
             WdArticle   *article)
{
  GListModel *publications = wd_article_get_publications (article);
  guint n = g_list_model_get_n_items (publications);
  JsonArray *ids;

  if (n == 0)
    return;

  ids = json_array_new ();
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(WdPublication) publication = g_list_model_get_item (publications, i);
      JsonObject *item = json_object_new ();

      json_object_set_string_member (item, "role", wd_publication_get_endpoint (publication));
      json_object_set_string_member (item, "value", wd_publication_get_remote_id (publication));
      json_array_add_object_element (ids, item);
    }

  json_object_set_array_member (object, N (names, "altIds"), ids);
}

static JsonObject *
standard (const Names *names)
{
  JsonObject *object = json_object_new ();
  const char *version = names->version2 ? "2.2" : "3.1";
  g_autofree char *schema =
    g_strdup_printf ("http://www.iptc.org/std/ninjs/ninjs-schema_%s.json#", version);

  json_object_set_string_member (object, "name", "ninjs");
  json_object_set_string_member (object, "version", version);
  json_object_set_string_member (object, "schema", schema);

  return object;
}

JsonNode *
_wd_export_ninjs (WdArticle      *article,
                  WdRenderedBody *body,
                  gboolean        version2)
{
  const Names names = { version2 };
  JsonObject *object = json_object_new ();
  g_autofree char *uri = _wd_export_article_urn (article);
  g_autofree char *version = g_strdup_printf ("%u", wd_article_get_revision (article));
  g_autofree char *located = _wd_export_located (wd_article_get_dateline (article));
  WdArticleStatus status = wd_article_get_status (article);
  const char *desk_note = wd_article_get_desk_note (article);
  JsonNode *root;

  json_object_set_string_member (object, "uri", uri);
  json_object_set_string_member (object, "type", "text");
  json_object_set_string_member (object, N (&names, "representationType"), "full");
  json_object_set_string_member (object, "version", version);
  add_dates (object, &names, article);
  json_object_set_string_member (object, N (&names, "pubStatus"),
                                 status == WD_ARTICLE_STATUS_PUBLISHED ||
                                 status == WD_ARTICLE_STATUS_READY ? "usable" : "withheld");
  _wd_export_set_text (object, N (&names, "edNote"), wd_article_get_ed_note (article));
  _wd_export_set_text (object, "language", wd_article_get_language (article));

  /* ninjs has no field of its own for corrections (its trustIndicators
   * link to policies, not to the notes): a description with the role
   * "correction" each, the date first. */
  {
    g_autoptr(GPtrArray) corrections = _wd_export_corrections (article);
    JsonArray *descriptions = json_array_new ();

    if (_wd_export_has_text (desk_note))
      json_array_add_object_element (descriptions,
                                     text_item (&names, "backstory", "text/plain", desk_note));
    for (guint i = 0; i < corrections->len; i++)
      {
        WdCorrection *correction = g_ptr_array_index (corrections, i);
        g_autofree char *value = correction->at != NULL
                                 ? g_strdup_printf ("%.10s: %s", correction->at, correction->note)
                                 : g_strdup (correction->note);

        json_array_add_object_element (descriptions,
                                       text_item (&names, "correction", "text/plain", value));
      }

    if (json_array_get_length (descriptions) > 0)
      json_object_set_array_member (object, "descriptions", descriptions);
    else
      json_array_unref (descriptions);
  }

  add_bodies (object, &names, body);
  add_headlines (object, &names, article);
  add_subjects (object, article);
  add_info_sources (object, &names, article);
  _wd_export_set_text (object, "by", wd_article_get_byline (article));
  _wd_export_set_text (object, "located", located);
  add_alt_ids (object, &names, article);
  json_object_set_object_member (object, "standard", standard (&names));

  root = json_node_init_object (json_node_alloc (), object);
  json_object_unref (object);

  return root;
}

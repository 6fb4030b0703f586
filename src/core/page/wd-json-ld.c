#define G_LOG_DOMAIN "wd-json-ld"

#include "config.h"

#include <json-glib/json-glib.h>
#include <string.h>

#include "wd-html-meta-private.h"
#include "wd-json-reader-private.h"

#define MAX_JSON_LD_BYTES (256 * 1024)
/* json-glib 1.6 recurses without a limit: deeper input is refused before it. */
#define MAX_JSON_LD_NESTING 32
#define MAX_NAMES 10
/* Objects of a block looked at (its root, root array, "@graph"). */
#define MAX_NODES 200

/* Too deep for json-glib's recursion, or more than one value (which it
 * reads without an error, leaking all but the last). */
static gboolean
shape_acceptable (const char *text,
                  gsize       len)
{
  gsize offset;

  return _wd_json_scan_shape (text, len, MAX_JSON_LD_NESTING, &offset) == WD_JSON_SHAPE_OK;
}

/* ---------------------------------------------------------------- types */

static gboolean
is_article_type (const char *type)
{
  return g_str_has_suffix (type, "Article") || g_str_has_suffix (type, "Posting") ||
         g_str_equal (type, "Report") || g_str_equal (type, "LiveBlogPosting");
}

static gboolean
is_page_type (const char *type)
{
  return g_str_has_suffix (type, "WebPage") || g_str_equal (type, "ItemPage") ||
         g_str_equal (type, "AboutPage");
}

static gboolean
is_website_type (const char *type)
{
  return g_str_equal (type, "WebSite");
}

/* Whether the object's "@type" (one or a list) passes @test. */
static gboolean
has_type (JsonObject *object,
          gboolean  (*test) (const char *type))
{
  JsonNode *type = json_object_get_member (object, "@type");

  if (type == NULL)
    return FALSE;

  if (JSON_NODE_HOLDS_VALUE (type))
    return json_node_get_value_type (type) == G_TYPE_STRING &&
           test (json_node_get_string (type));

  if (JSON_NODE_HOLDS_ARRAY (type))
    {
      JsonArray *types = json_node_get_array (type);

      for (guint i = 0; i < json_array_get_length (types) && i < 16; i++)
        {
          JsonNode *element = json_array_get_element (types, i);

          if (JSON_NODE_HOLDS_VALUE (element) &&
              json_node_get_value_type (element) == G_TYPE_STRING &&
              test (json_node_get_string (element)))
            return TRUE;
        }
    }

  return FALSE;
}

static gboolean
is_organization_type (const char *type)
{
  return g_str_has_suffix (type, "Organization") || g_str_equal (type, "Corporation");
}

static gboolean
is_person_type (const char *type)
{
  return g_str_equal (type, "Person");
}

/* The objects of a block: the root itself, the elements of a root array,
 * the members of an "@graph" and a page's "mainEntity" (at any of those). */
static void
collect_nodes (JsonNode  *node,
               guint      depth,
               GPtrArray *nodes)
{
  if (node == NULL || depth > 3 || nodes->len >= MAX_NODES)
    return;

  if (JSON_NODE_HOLDS_OBJECT (node))
    {
      JsonObject *object = json_node_get_object (node);

      g_ptr_array_add (nodes, object);
      collect_nodes (json_object_get_member (object, "@graph"), depth + 1, nodes);
      collect_nodes (json_object_get_member (object, "mainEntity"), depth + 1, nodes);
    }
  else if (JSON_NODE_HOLDS_ARRAY (node))
    {
      JsonArray *array = json_node_get_array (node);

      for (guint i = 0; i < json_array_get_length (array) && nodes->len < MAX_NODES; i++)
        collect_nodes (json_array_get_element (array, i), depth + 1, nodes);
    }
}

static const char *
string_of (JsonNode *node)
{
  if (node != NULL && JSON_NODE_HOLDS_VALUE (node) &&
      json_node_get_value_type (node) == G_TYPE_STRING)
    return json_node_get_string (node);
  return NULL;
}

static const char *
member_string (JsonObject *object,
               const char *member)
{
  return string_of (json_object_get_member (object, member));
}

/* The object of the block whose "@id" is @id. */
static JsonObject *
find_by_id (GPtrArray  *nodes,
            const char *id)
{
  for (guint i = 0; id != NULL && i < nodes->len; i++)
    if (g_strcmp0 (member_string (g_ptr_array_index (nodes, i), "@id"), id) == 0)
      return g_ptr_array_index (nodes, i);
  return NULL;
}

/* A node's object, or the object of the block its "@id" points at. */
static JsonObject *
object_of (JsonNode  *node,
           GPtrArray *nodes)
{
  JsonObject *object;

  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    return NULL;
  object = json_node_get_object (node);
  if (json_object_has_member (object, "name") || json_object_has_member (object, "familyName"))
    return object;
  return find_by_id (nodes, member_string (object, "@id"));
}

/* An object's name: "name", else "givenName familyName". */
static char *
object_name (JsonObject *object)
{
  const char *name, *given, *family;

  if (object == NULL)
    return NULL;
  if ((name = member_string (object, "name")) != NULL)
    return g_strdup (name);

  given = member_string (object, "givenName");
  family = member_string (object, "familyName");
  if (family == NULL)
    return NULL;
  return given != NULL ? g_strconcat (given, " ", family, NULL) : g_strdup (family);
}

/* A string that holds a person encoded once more as JSON ("{ \"@type\":
 * \"Person\", \"name\": \"Ann Lee\" }", as some sites write it): the name
 * in it. Any other string is the name itself. */
static char *
name_of_encoded (const char *text)
{
  g_autoptr(JsonParser) parser = NULL;
  gsize len = strlen (text);
  gsize offset;
  JsonNode *root;

  if (len < 2 || len > 4096 || text[0] != '{' || text[len - 1] != '}')
    return g_strdup (text);

  parser = json_parser_new_immutable ();
  if (_wd_json_scan_shape (text, len, 4, &offset) != WD_JSON_SHAPE_OK ||
      !json_parser_load_from_data (parser, text, len, NULL) ||
      !JSON_NODE_HOLDS_OBJECT (root = json_parser_get_root (parser)))
    return NULL;
  return object_name (json_node_get_object (root));
}

/* A name: "Name", {"name": "Name"}, {"givenName", "familyName"}, or
 * {"@id": …} naming an object of the block that has one. */
static char *
name_of (JsonNode  *node,
         GPtrArray *nodes)
{
  const char *name;

  if ((name = string_of (node)) != NULL)
    return name_of_encoded (name);
  return object_name (object_of (node, nodes));
}

/* An author given only as {"@id": …} that this block does not name:
 * another block may (_wd_json_ld_resolve). */
static void
add_ref (WdHtmlFacts *facts,
         WdPageRule   rule,
         JsonNode    *node)
{
  WdJsonLdRef ref;
  const char *id;

  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node) ||
      (id = member_string (json_node_get_object (node), "@id")) == NULL)
    return;

  if (facts->ld_refs == NULL)
    facts->ld_refs = g_array_new (FALSE, FALSE, sizeof (WdJsonLdRef));
  if (facts->ld_refs->len >= WD_JSON_LD_MAX_IDS || strlen (id) > 512)
    return;

  ref.rule = rule;
  ref.id = g_strdup (id);
  g_array_append_val (facts->ld_refs, ref);
}

static void
add_name (WdHtmlFacts *facts,
          WdPageRule   rule,
          JsonNode    *node,
          GPtrArray   *nodes)
{
  g_autofree char *name = name_of (node, nodes);

  if (name != NULL)
    _wd_html_facts_add (facts, rule, name);
  else
    add_ref (facts, rule, node);
}

/* Adds every name of @node (one or a list) to @rule. A list that names
 * people and organizations ("Reuters" beside the reporter) gives the
 * people. */
static void
add_names (WdHtmlFacts *facts,
           WdPageRule   rule,
           JsonNode    *node,
           GPtrArray   *nodes)
{
  JsonArray *array;
  gboolean people = FALSE;
  guint n;

  if (node == NULL || !JSON_NODE_HOLDS_ARRAY (node))
    {
      add_name (facts, rule, node, nodes);
      return;
    }

  array = json_node_get_array (node);
  n = MIN (json_array_get_length (array), MAX_NAMES);
  for (guint i = 0; i < n && !people; i++)
    {
      JsonObject *object = object_of (json_array_get_element (array, i), nodes);

      people = object != NULL && has_type (object, is_person_type);
    }

  for (guint i = 0; i < n; i++)
    {
      JsonNode *element = json_array_get_element (array, i);
      JsonObject *object = object_of (element, nodes);

      if (people && object != NULL && has_type (object, is_organization_type))
        continue;
      add_name (facts, rule, element, nodes);
    }
}

/* Adds to @rule unless an earlier block already did. */
static void
add_once (WdHtmlFacts *facts,
          WdPageRule   rule,
          const char  *value)
{
  if (_wd_html_facts_first (facts, rule) == NULL)
    _wd_html_facts_add (facts, rule, value);
}

static void
add_names_once (WdHtmlFacts *facts,
                WdPageRule   rule,
                JsonNode    *node,
                GPtrArray   *nodes)
{
  if (_wd_html_facts_first (facts, rule) == NULL)
    add_names (facts, rule, node, nodes);
}

static void
read_article (WdHtmlFacts *facts,
              JsonObject  *article,
              GPtrArray   *nodes)
{
  const char *published = member_string (article, "datePublished");
  JsonNode *language = json_object_get_member (article, "inLanguage");
  g_autofree char *publisher = name_of (json_object_get_member (article, "publisher"), nodes);
  g_autofree char *language_name = name_of (language, nodes);

  if (published == NULL)
    published = member_string (article, "dateCreated");

  add_once (facts, WD_RULE_JSON_LD_HEADLINE, member_string (article, "headline"));
  add_once (facts, WD_RULE_JSON_LD_DATE_PUBLISHED, published);
  add_once (facts, WD_RULE_MODIFIED_DATE, member_string (article, "dateModified"));
  add_once (facts, WD_RULE_JSON_LD_PUBLISHER, publisher);
  add_once (facts, WD_RULE_JSON_LD_LANGUAGE, language_name);
  add_names_once (facts, WD_RULE_JSON_LD_AUTHOR, json_object_get_member (article, "author"), nodes);
  add_names_once (facts, WD_RULE_JSON_LD_CREATOR, json_object_get_member (article, "creator"), nodes);
}

/* Keeps the name of every person and organization with an "@id", for the
 * references of other blocks. */
static void
keep_names (WdHtmlFacts *facts,
            GPtrArray   *nodes)
{
  for (guint i = 0; i < nodes->len; i++)
    {
      JsonObject *object = g_ptr_array_index (nodes, i);
      const char *id = member_string (object, "@id");
      g_autofree char *name = NULL;

      if (id == NULL || strlen (id) > 512 ||
          !(has_type (object, is_person_type) || has_type (object, is_organization_type)) ||
          (name = object_name (object)) == NULL || strlen (name) > 512)
        continue;

      if (facts->ld_names == NULL)
        facts->ld_names = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
      if (g_hash_table_size (facts->ld_names) < WD_JSON_LD_MAX_IDS &&
          !g_hash_table_contains (facts->ld_names, id))
        g_hash_table_insert (facts->ld_names, g_strdup (id), g_steal_pointer (&name));
    }
}

void
_wd_json_ld_resolve (WdHtmlFacts *facts)
{
  g_return_if_fail (facts != NULL);

  for (guint i = 0; facts->ld_refs != NULL && facts->ld_names != NULL && i < facts->ld_refs->len; i++)
    {
      WdJsonLdRef *ref = &g_array_index (facts->ld_refs, WdJsonLdRef, i);

      _wd_html_facts_add (facts, ref->rule, g_hash_table_lookup (facts->ld_names, ref->id));
    }
}

static char *
strip_wrapping (const char *text,
                gsize      *len)
{
  const char *start = text;
  const char *end = text + strlen (text);
  static const char * const openers[] = { "//<![CDATA[", "<![CDATA[", "<!--", NULL };
  static const char * const closers[] = { "//]]>", "]]>", "-->", NULL };

  while (start < end && g_ascii_isspace (*start))
    start++;
  while (end > start && g_ascii_isspace (end[-1]))
    end--;

  for (guint i = 0; openers[i] != NULL; i++)
    if ((gsize) (end - start) >= strlen (openers[i]) &&
        strncmp (start, openers[i], strlen (openers[i])) == 0)
      {
        start += strlen (openers[i]);
        break;
      }
  for (guint i = 0; closers[i] != NULL; i++)
    if ((gsize) (end - start) >= strlen (closers[i]) &&
        strncmp (end - strlen (closers[i]), closers[i], strlen (closers[i])) == 0)
      {
        end -= strlen (closers[i]);
        break;
      }

  *len = end - start;
  return g_strndup (start, end - start);
}

void
_wd_json_ld_read (WdHtmlFacts *facts,
                  const char  *text)
{
  g_autoptr(JsonParser) parser = NULL;
  g_autoptr(GPtrArray) nodes = NULL;
  g_autofree char *json = NULL;
  JsonObject *article = NULL;
  JsonObject *page = NULL;
  gsize len;

  g_return_if_fail (facts != NULL);

  if (text == NULL || strlen (text) > MAX_JSON_LD_BYTES)
    return;

  json = strip_wrapping (text, &len);
  if (!shape_acceptable (json, len))
    return;

  parser = json_parser_new_immutable ();
  if (!json_parser_load_from_data (parser, json, len, NULL))
    return;

  nodes = g_ptr_array_new ();
  collect_nodes (json_parser_get_root (parser), 0, nodes);

  for (guint i = 0; i < nodes->len; i++)
    {
      JsonObject *object = g_ptr_array_index (nodes, i);

      if (article == NULL && (has_type (object, is_article_type) ||
                              (json_object_has_member (object, "headline") &&
                               !has_type (object, is_page_type))))
        article = object;
      else if (page == NULL && has_type (object, is_page_type))
        page = object;
      else if (has_type (object, is_website_type))
        add_once (facts, WD_RULE_JSON_LD_WEBSITE, member_string (object, "name"));
    }

  keep_names (facts, nodes);
  if (article != NULL)
    read_article (facts, article, nodes);
  if (page != NULL)
    read_article (facts, page, nodes);
}

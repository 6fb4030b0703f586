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

/* The objects of a block: the root itself, the elements of a root array,
 * the members of an "@graph" (at any of those). */
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

/* A name: "Name", {"name": "Name"}, or {"@id": …} naming an object of the
 * block that has one. */
static const char *
name_of (JsonNode  *node,
         GPtrArray *nodes)
{
  JsonObject *object;
  const char *name;

  if (node == NULL)
    return NULL;
  if ((name = string_of (node)) != NULL)
    return name;
  if (!JSON_NODE_HOLDS_OBJECT (node))
    return NULL;

  object = json_node_get_object (node);
  if ((name = member_string (object, "name")) != NULL)
    return name;

  object = find_by_id (nodes, member_string (object, "@id"));
  return object != NULL ? member_string (object, "name") : NULL;
}

/* Adds every name of @node (one or a list) to @rule. */
static void
add_names (WdHtmlFacts *facts,
           WdPageRule   rule,
           JsonNode    *node,
           GPtrArray   *nodes)
{
  if (node != NULL && JSON_NODE_HOLDS_ARRAY (node))
    {
      JsonArray *array = json_node_get_array (node);

      for (guint i = 0; i < json_array_get_length (array) && i < MAX_NAMES; i++)
        _wd_html_facts_add (facts, rule, name_of (json_array_get_element (array, i), nodes));
    }
  else
    _wd_html_facts_add (facts, rule, name_of (node, nodes));
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
read_article (WdHtmlFacts *facts,
              JsonObject  *article,
              GPtrArray   *nodes)
{
  const char *published = member_string (article, "datePublished");
  JsonNode *language = json_object_get_member (article, "inLanguage");

  if (published == NULL)
    published = member_string (article, "dateCreated");

  add_once (facts, WD_RULE_JSON_LD_HEADLINE, member_string (article, "headline"));
  add_once (facts, WD_RULE_JSON_LD_DATE_PUBLISHED, published);
  add_once (facts, WD_RULE_MODIFIED_DATE, member_string (article, "dateModified"));
  add_once (facts, WD_RULE_JSON_LD_PUBLISHER,
            name_of (json_object_get_member (article, "publisher"), nodes));
  add_once (facts, WD_RULE_JSON_LD_LANGUAGE,
            string_of (language) != NULL ? string_of (language) : name_of (language, nodes));
  if (_wd_html_facts_first (facts, WD_RULE_JSON_LD_AUTHOR) == NULL)
    add_names (facts, WD_RULE_JSON_LD_AUTHOR, json_object_get_member (article, "author"), nodes);
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

  if (article != NULL)
    read_article (facts, article, nodes);
  if (page != NULL)
    read_article (facts, page, nodes);
}

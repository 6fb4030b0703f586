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

/* Too deep for json-glib's recursion, or more than one value (which it
 * reads without an error, leaking all but the last). */
static gboolean
shape_acceptable (const char *text)
{
  gsize offset;

  return _wd_json_scan_shape (text, strlen (text), MAX_JSON_LD_NESTING, &offset) == WD_JSON_SHAPE_OK;
}

static gboolean
is_article_type (const char *type)
{
  return type != NULL &&
         (g_str_has_suffix (type, "Article") || g_str_has_suffix (type, "Posting") ||
          g_str_equal (type, "Report"));
}

static gboolean
object_is_article (JsonObject *object)
{
  JsonNode *type = json_object_get_member (object, "@type");

  if (json_object_has_member (object, "headline"))
    return TRUE;
  if (type == NULL)
    return FALSE;

  if (JSON_NODE_HOLDS_VALUE (type))
    return is_article_type (json_node_get_string (type));

  if (JSON_NODE_HOLDS_ARRAY (type))
    {
      JsonArray *types = json_node_get_array (type);

      for (guint i = 0; i < json_array_get_length (types); i++)
        {
          JsonNode *element = json_array_get_element (types, i);

          if (JSON_NODE_HOLDS_VALUE (element) && is_article_type (json_node_get_string (element)))
            return TRUE;
        }
    }

  return FALSE;
}

/* The article object: the root itself, an element of a root array, or a
 * member of an "@graph". */
static JsonObject *
find_article (JsonNode *node,
              guint     depth)
{
  if (node == NULL || depth > 3)
    return NULL;

  if (JSON_NODE_HOLDS_OBJECT (node))
    {
      JsonObject *object = json_node_get_object (node);

      if (object_is_article (object))
        return object;
      return find_article (json_object_get_member (object, "@graph"), depth + 1);
    }

  if (JSON_NODE_HOLDS_ARRAY (node))
    {
      JsonArray *array = json_node_get_array (node);

      for (guint i = 0; i < json_array_get_length (array) && i < 100; i++)
        {
          JsonObject *found = find_article (json_array_get_element (array, i), depth + 1);

          if (found != NULL)
            return found;
        }
    }

  return NULL;
}

static const char *
string_of (JsonNode *node)
{
  if (node != NULL && JSON_NODE_HOLDS_VALUE (node) &&
      json_node_get_value_type (node) == G_TYPE_STRING)
    return json_node_get_string (node);
  return NULL;
}

static void
append_name (GString  *names,
             JsonNode *node)
{
  const char *name = string_of (node);

  if (name == NULL && node != NULL && JSON_NODE_HOLDS_OBJECT (node))
    name = string_of (json_object_get_member (json_node_get_object (node), "name"));

  if (name == NULL || *name == '\0')
    return;

  if (names->len > 0)
    g_string_append (names, ", ");
  g_string_append (names, name);
}

/* "Name", {"name": "Name"} or a list of those, as "Name, Other". */
static char *
names_of (JsonNode *node)
{
  g_autoptr(GString) names = g_string_new (NULL);

  if (node != NULL && JSON_NODE_HOLDS_ARRAY (node))
    {
      JsonArray *array = json_node_get_array (node);

      for (guint i = 0; i < json_array_get_length (array) && i < MAX_NAMES; i++)
        append_name (names, json_array_get_element (array, i));
    }
  else
    append_name (names, node);

  return names->len > 0 ? g_string_free (g_steal_pointer (&names), FALSE) : NULL;
}

static void
set_once (char **slot,
          char  *value)
{
  if (*slot == NULL)
    *slot = value;
  else
    g_free (value);
}

void
_wd_json_ld_read (WdJsonLd   *json_ld,
                  const char *text)
{
  g_autoptr(JsonParser) parser = NULL;
  JsonObject *article;

  g_return_if_fail (json_ld != NULL);

  if (text == NULL || strlen (text) > MAX_JSON_LD_BYTES || !shape_acceptable (text))
    return;

  parser = json_parser_new_immutable ();
  if (!json_parser_load_from_data (parser, text, -1, NULL))
    return;

  article = find_article (json_parser_get_root (parser), 0);
  if (article == NULL)
    return;

  set_once (&json_ld->headline, g_strdup (string_of (json_object_get_member (article, "headline"))));
  set_once (&json_ld->publisher, names_of (json_object_get_member (article, "publisher")));
  set_once (&json_ld->author, names_of (json_object_get_member (article, "author")));
  set_once (&json_ld->date_published,
            g_strdup (string_of (json_object_get_member (article, "datePublished"))));
}

void
_wd_json_ld_clear (WdJsonLd *json_ld)
{
  g_clear_pointer (&json_ld->headline, g_free);
  g_clear_pointer (&json_ld->publisher, g_free);
  g_clear_pointer (&json_ld->author, g_free);
  g_clear_pointer (&json_ld->date_published, g_free);
}

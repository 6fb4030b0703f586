#define G_LOG_DOMAIN "wd-json-reader"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "wd-enums.h"
#include "wd-error.h"
#include "wd-json-reader-private.h"
#include "wd-types.h"
#include "wd-util-private.h"

/* Our own documents nest five levels deep; unknown members from a newer
 * version get generous room. json-glib 1.6 recurses without a limit, so
 * deeper input is refused before it reaches the parser. */
#define MAX_NESTING 256


gboolean
_wd_reader_error (WdReader   *r,
                  int         code,
                  const char *path,
                  const char *format,
                  ...)
{
  g_autofree char *what = NULL;
  va_list args;

  va_start (args, format);
  what = g_strdup_vprintf (format, args);
  va_end (args);

  /* "article.wiredesk: article.sources[2].url: expected a string" */
  g_set_error (r->error, WD_ERROR, code, "%s: %s: %s", r->name, path, what);
  return FALSE;
}

const char *
_wd_reader_node_type_name (JsonNode *node)
{
  switch (JSON_NODE_TYPE (node))
    {
    case JSON_NODE_OBJECT:
      return _("an object");
    case JSON_NODE_ARRAY:
      return _("an array");
    case JSON_NODE_NULL:
      return _("null");
    case JSON_NODE_VALUE:
    default:
      switch (json_node_get_value_type (node))
        {
        case G_TYPE_STRING:
          return _("a string");
        case G_TYPE_BOOLEAN:
          return _("a boolean");
        case G_TYPE_DOUBLE:
          return _("a fractional number");
        default:
          return _("a number");
        }
    }
}

static gboolean
is_known (const char * const *known,
          const char         *name)
{
  return g_strv_contains (known, name);
}

static gboolean
node_is_valid_utf8 (JsonNode *node)
{
  switch (JSON_NODE_TYPE (node))
    {
    case JSON_NODE_OBJECT:
      {
        JsonObjectIter iter;
        const char *name;
        JsonNode *child;

        json_object_iter_init_ordered (&iter, json_node_get_object (node));
        while (json_object_iter_next_ordered (&iter, &name, &child))
          if (!g_utf8_validate (name, -1, NULL) || !node_is_valid_utf8 (child))
            return FALSE;
        return TRUE;
      }
    case JSON_NODE_ARRAY:
      {
        JsonArray *array = json_node_get_array (node);

        for (guint i = 0; i < json_array_get_length (array); i++)
          if (!node_is_valid_utf8 (json_array_get_element (array, i)))
            return FALSE;
        return TRUE;
      }
    case JSON_NODE_VALUE:
      return json_node_get_value_type (node) != G_TYPE_STRING ||
             g_utf8_validate (json_node_get_string (node), -1, NULL);
    case JSON_NODE_NULL:
    default:
      return TRUE;
    }
}

/* Unknown members, in their order, so they can be written back. */
gboolean
_wd_reader_collect_extras (WdReader            *r,
                           const char          *path,
                           JsonObject          *object,
                           const char * const  *known,
                           const char * const  *known_too,
                           JsonObject         **out)
{
  g_autoptr(JsonObject) extras = NULL;
  JsonObjectIter iter;
  const char *name;
  JsonNode *node;

  *out = NULL;

  json_object_iter_init_ordered (&iter, object);
  while (json_object_iter_next_ordered (&iter, &name, &node))
    {
      if (is_known (known, name) || (known_too != NULL && is_known (known_too, name)))
        continue;
      if (!g_utf8_validate (name, -1, NULL) || !node_is_valid_utf8 (node))
        return _wd_reader_error (r, WD_ERROR_FIELD, path,
                                 _("a member the document keeps for a newer version has an invalid escape sequence"));
      if (extras == NULL)
        extras = json_object_new ();
      json_object_set_member (extras, name, json_node_copy (node));
    }

  *out = g_steal_pointer (&extras);
  return TRUE;
}

gboolean
_wd_read_string_node (WdReader    *r,
                      JsonNode    *node,
                      const char  *path,
                      const char **out)
{
  *out = NULL;

  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    return _wd_reader_error (r, WD_ERROR_FIELD, path, _("expected a string, found %s"),
                             _wd_reader_node_type_name (node));

  /* json-glib 1.6 turns some bad escapes ("\222", lone surrogates) into
   * bytes that are not UTF-8: refuse them here. */
  if (!g_utf8_validate (json_node_get_string (node), -1, NULL))
    return _wd_reader_error (r, WD_ERROR_FIELD, path, _("the text has an invalid escape sequence"));

  *out = json_node_get_string (node);
  return TRUE;
}

/* Reads an optional string member: absent, null and "" all give NULL. */
gboolean
_wd_read_string (WdReader    *r,
                 JsonObject  *object,
                 const char  *path,
                 const char  *member,
                 gboolean     required,
                 const char **out)
{
  JsonNode *node = json_object_get_member (object, member);

  *out = NULL;

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    {
      if (required)
        return _wd_reader_error (r, WD_ERROR_FIELD, path, _("the member “%s” is missing"), member);
      return TRUE;
    }

  {
    g_autofree char *full = g_strdup_printf ("%s.%s", path, member);

    if (!_wd_read_string_node (r, node, full, out))
      return FALSE;
  }
  if (**out == '\0')
    {
      if (required)
        {
          g_autofree char *full = g_strdup_printf ("%s.%s", path, member);

          return _wd_reader_error (r, WD_ERROR_FIELD, full, _("must not be empty"));
        }
      *out = NULL;
    }

  return TRUE;
}

gboolean
_wd_read_int (WdReader   *r,
              JsonObject *object,
              const char *path,
              const char *member,
              gint64      min,
              gint64      max,
              gint64     *out)
{
  JsonNode *node = json_object_get_member (object, member);
  g_autofree char *full = NULL;

  *out = 0;
  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return TRUE;

  full = g_strdup_printf ("%s.%s", path, member);

  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_INT64)
    return _wd_reader_error (r, WD_ERROR_FIELD, full, _("expected an integer, found %s"),
                             _wd_reader_node_type_name (node));

  *out = json_node_get_int (node);
  if (*out < min || *out > max)
    {
      /* Formatted apart: xgettext cannot see through G_GINT64_FORMAT. */
      g_autofree char *number = g_strdup_printf ("%" G_GINT64_FORMAT, *out);

      return _wd_reader_error (r, WD_ERROR_FIELD, full, _("%s is out of range"), number);
    }

  return TRUE;
}

gboolean
_wd_read_date (WdReader    *r,
               JsonObject  *object,
               const char  *path,
               const char  *member,
               const char **out)
{
  if (!_wd_read_string (r, object, path, member, FALSE, out))
    return FALSE;

  if (*out != NULL && !_wd_is_iso8601 (*out))
    {
      g_autofree char *full = g_strdup_printf ("%s.%s", path, member);

      return _wd_reader_error (r, WD_ERROR_FIELD, full,
                               _("“%s” is not an ISO 8601 date and time with a time zone"), *out);
    }

  return TRUE;
}

gboolean
_wd_read_enum (WdReader   *r,
               JsonObject *object,
               const char *path,
               const char *member,
               GType       type,
               int         fallback,
               int        *out)
{
  const char *nick;

  *out = fallback;
  if (!_wd_read_string (r, object, path, member, FALSE, &nick))
    return FALSE;

  if (nick != NULL && !wd_enum_from_nick (type, nick, out))
    {
      g_autoptr(GEnumClass) klass = g_type_class_ref (type);
      g_autoptr(GString) allowed = g_string_new (NULL);
      g_autofree char *full = g_strdup_printf ("%s.%s", path, member);

      for (guint i = 0; i < klass->n_values; i++)
        g_string_append_printf (allowed, "%s%s", i ? ", " : "", klass->values[i].value_nick);

      return _wd_reader_error (r, WD_ERROR_FIELD, full, _("“%s” is not one of: %s"),
                               nick, allowed->str);
    }

  return TRUE;
}

/* The member as a node of @type, or NULL when absent or null; FALSE and
 * an error naming what was found instead on a type mismatch. */
static gboolean
read_node (WdReader      *r,
           JsonObject    *object,
           const char    *path,
           const char    *member,
           JsonNodeType   type,
           JsonNode     **out)
{
  JsonNode *node = json_object_get_member (object, member);
  g_autofree char *full = NULL;

  *out = NULL;
  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return TRUE;

  if (JSON_NODE_TYPE (node) == type)
    {
      *out = node;
      return TRUE;
    }

  full = g_strdup_printf ("%s.%s", path, member);
  if (type == JSON_NODE_OBJECT)
    return _wd_reader_error (r, WD_ERROR_FIELD, full, _("expected an object, found %s"),
                             _wd_reader_node_type_name (node));
  return _wd_reader_error (r, WD_ERROR_FIELD, full, _("expected an array, found %s"),
                           _wd_reader_node_type_name (node));
}

gboolean
_wd_read_object (WdReader    *r,
                 JsonObject  *object,
                 const char  *path,
                 const char  *member,
                 JsonObject **out)
{
  JsonNode *node;

  if (!read_node (r, object, path, member, JSON_NODE_OBJECT, &node))
    return FALSE;

  *out = node != NULL ? json_node_get_object (node) : NULL;
  return TRUE;
}

gboolean
_wd_read_array (WdReader    *r,
                JsonObject  *object,
                const char  *path,
                const char  *member,
                JsonArray  **out)
{
  JsonNode *node;

  if (!read_node (r, object, path, member, JSON_NODE_ARRAY, &node))
    return FALSE;

  *out = node != NULL ? json_node_get_array (node) : NULL;
  return TRUE;
}

/* Line and column (1-based) of byte @offset, for messages. */
static void
offset_to_position (const char *data,
                    gsize       offset,
                    guint      *line,
                    guint      *column)
{
  *line = 1;
  *column = 1;

  for (gsize i = 0; i < offset; i++)
    {
      if (data[i] == '\n')
        {
          (*line)++;
          *column = 1;
        }
      else if (((guchar) data[i] & 0xC0) != 0x80)
        (*column)++;
    }
}

/* The value of the four hex digits at @p, or -1. */
static int
hex4 (const char *p)
{
  int value = 0;

  for (int k = 0; k < 4; k++)
    {
      int digit = g_ascii_xdigit_value (p[k]);

      if (digit < 0)
        return -1;
      value = value * 16 + digit;
    }
  return value;
}

/* The length of the escape sequence at @p ('\\'), or 0 when it is not one
 * JSON allows (RFC 8259: \" \\ \/ \b \f \n \r \t \uXXXX), is half of a UTF-16
 * surrogate pair, or is cut off by the end of the data. json-glib 1.6 turned
 * "\222" into bytes that are not UTF-8 and 1.10 into text: refused here,
 * the same on both. */
static gsize
escape_length (const char *p,
               gsize       available)
{
  int unit, low;

  if (available < 2)
    return 0;
  if (p[1] != '\0' && strchr ("\"\\/bfnrt", p[1]) != NULL)
    return 2;
  if (p[1] != 'u' || available < 6)
    return 0;

  unit = hex4 (p + 2);
  if (unit < 0 || (unit >= 0xDC00 && unit <= 0xDFFF))
    return 0;
  if (unit < 0xD800 || unit > 0xDBFF)
    return 6;

  /* A high surrogate needs its low half right after it. */
  if (available < 12 || p[6] != '\\' || p[7] != 'u')
    return 0;
  low = hex4 (p + 8);
  if (low < 0xDC00 || low > 0xDFFF)
    return 0;
  return 12;
}

WdJsonShape
_wd_json_scan_shape (const char *data,
                     gsize       len,
                     guint       max_nesting,
                     gsize      *offset)
{
  guint depth = 0;
  guint values = 0;          /* values begun at the top level */
  gboolean in_string = FALSE;
  gboolean in_scalar = FALSE;

  for (gsize i = 0; i < len; i++)
    {
      char c = data[i];

      if (in_string)
        {
          if (c == '\\')
            {
              gsize length = escape_length (data + i, len - i);

              if (length == 0)
                {
                  *offset = i;
                  return WD_JSON_SHAPE_BAD_ESCAPE;
                }
              i += length - 1;
            }
          else if (c == '"')
            in_string = FALSE;
          continue;
        }

      if (depth == 0 && !g_ascii_isspace (c) && !(in_scalar && c != '"' && c != '{' && c != '['))
        {
          /* A new value at the top level: json-glib 1.6 reads "{…}{…}"
           * or "1{…}" without an error, keeps the last and leaks the rest. */
          if (++values > 1)
            {
              *offset = i;
              return WD_JSON_SHAPE_TRAILING;
            }
          in_scalar = c != '"' && c != '{' && c != '[';
        }
      else if (depth == 0 && g_ascii_isspace (c))
        in_scalar = FALSE;

      if (c == '"')
        in_string = TRUE;
      else if (c == '{' || c == '[')
        {
          if (++depth > max_nesting)
            {
              *offset = i;
              return WD_JSON_SHAPE_TOO_DEEP;
            }
        }
      else if ((c == '}' || c == ']') && depth > 0)
        depth--;
    }

  return WD_JSON_SHAPE_OK;
}

/* Refuses what json-glib would mishandle: invalid UTF-8 (it accepts it),
 * deep nesting (it recurses without a limit), more than one value (it keeps
 * the last) and escapes JSON does not have (each version reads them its own
 * way). */
gboolean
_wd_reader_prescan (WdReader   *r,
                    const char *data,
                    gsize       len)
{
  const char *invalid = NULL;
  guint line, column;
  gsize offset = 0;

  if (!g_utf8_validate_len (data, len, &invalid))
    {
      offset_to_position (data, invalid - data, &line, &column);
      g_set_error (r->error, WD_ERROR, WD_ERROR_PARSE,
                   _("%s:%u:%u: the file is not valid UTF-8 text"),
                   r->name, line, column);
      return FALSE;
    }

  switch (_wd_json_scan_shape (data, len, MAX_NESTING, &offset))
    {
    case WD_JSON_SHAPE_TOO_DEEP:
      offset_to_position (data, offset, &line, &column);
      g_set_error (r->error, WD_ERROR, WD_ERROR_PARSE,
                   _("%s:%u:%u: objects and arrays are nested more than %d levels deep"),
                   r->name, line, column, MAX_NESTING);
      return FALSE;
    case WD_JSON_SHAPE_BAD_ESCAPE:
      offset_to_position (data, offset, &line, &column);
      g_set_error (r->error, WD_ERROR, WD_ERROR_PARSE,
                   _("%s:%u:%u: invalid escape sequence in a string"),
                   r->name, line, column);
      return FALSE;
    case WD_JSON_SHAPE_TRAILING:
      offset_to_position (data, offset, &line, &column);
      g_set_error (r->error, WD_ERROR, WD_ERROR_PARSE,
                   _("%s:%u:%u: more data after the end of the document"),
                   r->name, line, column);
      return FALSE;
    case WD_JSON_SHAPE_OK:
    default:
      return TRUE;
    }
}

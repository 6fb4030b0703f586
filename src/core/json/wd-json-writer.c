#define G_LOG_DOMAIN "wd-json-writer"

#include "config.h"

#include <math.h>
#include <string.h>

#include "wd-json-writer.h"

/* The document's own nesting plus members kept from a newer version,
 * which the reader accepts up to 256 levels deep. */
#define MAX_DEPTH 300

struct _WdJsonWriter
{
  GString  *out;
  guint     depth;
  gboolean  has_items[MAX_DEPTH];
  gboolean  after_member;   /* a member name was just written */
  gboolean  compact;        /* one line, no spaces */
};

WdJsonWriter *
wd_json_writer_new (void)
{
  WdJsonWriter *writer = g_new0 (WdJsonWriter, 1);

  writer->out = g_string_sized_new (4096);
  return writer;
}

WdJsonWriter *
wd_json_writer_new_compact (void)
{
  WdJsonWriter *writer = wd_json_writer_new ();

  writer->compact = TRUE;
  return writer;
}

char *
wd_json_writer_free_to_line (WdJsonWriter *writer)
{
  GString *out = writer->out;

  g_assert (writer->depth == 0);
  g_free (writer);
  return g_string_free (out, FALSE);
}

GBytes *
wd_json_node_to_bytes (JsonNode *node)
{
  WdJsonWriter *writer = wd_json_writer_new ();

  wd_json_writer_node (writer, node);
  return wd_json_writer_free_to_bytes (writer);
}

char *
wd_json_node_to_line (JsonNode *node)
{
  WdJsonWriter *writer = wd_json_writer_new_compact ();

  wd_json_writer_node (writer, node);
  return wd_json_writer_free_to_line (writer);
}

GBytes *
wd_json_writer_free_to_bytes (WdJsonWriter *writer)
{
  GString *out = writer->out;

  g_assert (writer->depth == 0);
  g_free (writer);
  g_string_append_c (out, '\n');

  return g_string_free_to_bytes (out);
}

static void
newline_indent (WdJsonWriter *writer,
                guint         depth)
{
  if (writer->compact)
    return;
  g_string_append_c (writer->out, '\n');
  for (guint i = 0; i < depth; i++)
    g_string_append (writer->out, "  ");
}

/* Separator and indentation before a value or a member name. */
static void
before_item (WdJsonWriter *writer)
{
  if (writer->after_member)
    {
      writer->after_member = FALSE;
      return;
    }

  if (writer->depth == 0)
    return;

  if (writer->has_items[writer->depth - 1])
    g_string_append_c (writer->out, ',');
  writer->has_items[writer->depth - 1] = TRUE;
  newline_indent (writer, writer->depth);
}

static void
append_escaped (GString    *out,
                const char *s)
{
  g_string_append_c (out, '"');
  for (const char *p = s; *p != '\0'; p++)
    {
      guchar c = (guchar) *p;

      switch (c)
        {
        case '"':  g_string_append (out, "\\\""); break;
        case '\\': g_string_append (out, "\\\\"); break;
        case '\b': g_string_append (out, "\\b"); break;
        case '\f': g_string_append (out, "\\f"); break;
        case '\n': g_string_append (out, "\\n"); break;
        case '\r': g_string_append (out, "\\r"); break;
        case '\t': g_string_append (out, "\\t"); break;
        /* Never "</script>" or "<!--" in JSON a CMS puts in a <script>
         * element, nor "&" an HTML parser would read as an entity. */
        case '<':  g_string_append (out, "\\u003c"); break;
        case '>':  g_string_append (out, "\\u003e"); break;
        case '&':  g_string_append (out, "\\u0026"); break;
        case 0xe2:
          /* U+2028 and U+2029 end a line in JavaScript before ES2019. */
          if ((guchar) p[1] == 0x80 && ((guchar) p[2] == 0xa8 || (guchar) p[2] == 0xa9))
            {
              g_string_append (out, (guchar) p[2] == 0xa8 ? "\\u2028" : "\\u2029");
              p += 2;
            }
          else
            g_string_append_c (out, (char) c);
          break;
        default:
          if (c < 0x20)
            g_string_append_printf (out, "\\u%04x", c);
          else
            g_string_append_c (out, (char) c);
        }
    }
  g_string_append_c (out, '"');
}

static void
open_container (WdJsonWriter *writer,
                char          bracket)
{
  before_item (writer);
  g_string_append_c (writer->out, bracket);
  g_assert (writer->depth < MAX_DEPTH);
  writer->has_items[writer->depth++] = FALSE;
}

static void
close_container (WdJsonWriter *writer,
                 char          bracket)
{
  g_assert (writer->depth > 0);
  if (writer->has_items[--writer->depth])
    newline_indent (writer, writer->depth);
  g_string_append_c (writer->out, bracket);
}

void
wd_json_writer_begin_object (WdJsonWriter *writer)
{
  open_container (writer, '{');
}

void
wd_json_writer_end_object (WdJsonWriter *writer)
{
  close_container (writer, '}');
}

void
wd_json_writer_begin_array (WdJsonWriter *writer)
{
  open_container (writer, '[');
}

void
wd_json_writer_end_array (WdJsonWriter *writer)
{
  close_container (writer, ']');
}

void
wd_json_writer_member (WdJsonWriter *writer,
                       const char   *name)
{
  before_item (writer);
  append_escaped (writer->out, name);
  g_string_append (writer->out, writer->compact ? ":" : " : ");
  writer->after_member = TRUE;
}

void
wd_json_writer_string (WdJsonWriter *writer,
                       const char   *value)
{
  before_item (writer);
  append_escaped (writer->out, value);
}

void
wd_json_writer_text (WdJsonWriter *writer,
                     const char   *value)
{
  wd_json_writer_string (writer, value != NULL ? value : "");
}

void
wd_json_writer_null (WdJsonWriter *writer)
{
  before_item (writer);
  g_string_append (writer->out, "null");
}

void
wd_json_writer_nullable (WdJsonWriter *writer,
                         const char   *value)
{
  if (value != NULL)
    wd_json_writer_string (writer, value);
  else
    wd_json_writer_null (writer);
}

void
wd_json_writer_int (WdJsonWriter *writer,
                    gint64        value)
{
  before_item (writer);
  g_string_append_printf (writer->out, "%" G_GINT64_FORMAT, value);
}

/* json-glib 1.6's printer writes 2e22 as "2e+22.0", which no JSON reader
 * accepts: numbers are written here. Infinity (from "1e999") has no JSON
 * form and becomes null. */
static void
write_double (WdJsonWriter *writer,
              double        value)
{
  char buffer[G_ASCII_DTOSTR_BUF_SIZE];

  before_item (writer);
  if (!isfinite (value))
    {
      g_string_append (writer->out, "null");
      return;
    }

  g_ascii_dtostr (buffer, sizeof buffer, value);
  g_string_append (writer->out, buffer);
  /* Still a floating-point number when read back. */
  if (strpbrk (buffer, ".eE") == NULL)
    g_string_append (writer->out, ".0");
}

/* Nodes kept from a newer version, written as they were read. */
void
wd_json_writer_node (WdJsonWriter *writer,
                     JsonNode     *node)
{
  switch (json_node_get_node_type (node))
    {
    case JSON_NODE_OBJECT:
      wd_json_writer_begin_object (writer);
      wd_json_writer_members_of (writer, json_node_get_object (node));
      wd_json_writer_end_object (writer);
      break;

    case JSON_NODE_ARRAY:
      {
        JsonArray *array = json_node_get_array (node);

        wd_json_writer_begin_array (writer);
        for (guint i = 0; i < json_array_get_length (array); i++)
          wd_json_writer_node (writer, json_array_get_element (array, i));
        wd_json_writer_end_array (writer);
      }
      break;

    case JSON_NODE_VALUE:
      switch (json_node_get_value_type (node))
        {
        case G_TYPE_INT64:
          wd_json_writer_int (writer, json_node_get_int (node));
          break;
        case G_TYPE_DOUBLE:
          write_double (writer, json_node_get_double (node));
          break;
        case G_TYPE_BOOLEAN:
          before_item (writer);
          g_string_append (writer->out, json_node_get_boolean (node) ? "true" : "false");
          break;
        case G_TYPE_STRING:
          wd_json_writer_string (writer, json_node_get_string (node));
          break;
        default:
          wd_json_writer_null (writer);
          break;
        }
      break;

    case JSON_NODE_NULL:
    default:
      wd_json_writer_null (writer);
      break;
    }
}

void
wd_json_writer_members_of (WdJsonWriter *writer,
                           JsonObject   *object)
{
  JsonObjectIter iter;
  const char *name;
  JsonNode *node;

  if (object == NULL)
    return;

  json_object_iter_init_ordered (&iter, object);
  while (json_object_iter_next_ordered (&iter, &name, &node))
    {
      wd_json_writer_member (writer, name);
      wd_json_writer_node (writer, node);
    }
}

#define G_LOG_DOMAIN "wd-json-writer"

#include "config.h"

#include "wd-json-writer.h"

#define MAX_DEPTH 64

struct _WdJsonWriter
{
  GString  *out;
  guint     depth;
  gboolean  has_items[MAX_DEPTH];
  gboolean  after_member;   /* a member name was just written */
};

WdJsonWriter *
wd_json_writer_new (void)
{
  WdJsonWriter *writer = g_new0 (WdJsonWriter, 1);

  writer->out = g_string_sized_new (4096);
  return writer;
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
  g_string_append (writer->out, " : ");
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

/* Nodes kept from a newer version go through json-glib's own printer,
 * re-indented to where they stand. */
void
wd_json_writer_node (WdJsonWriter *writer,
                     JsonNode     *node)
{
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autofree char *text = NULL;
  guint depth = writer->depth;

  json_generator_set_pretty (generator, TRUE);
  json_generator_set_indent (generator, 2);
  json_generator_set_root (generator, node);
  text = json_generator_to_data (generator, NULL);

  before_item (writer);
  for (const char *p = text; *p != '\0'; p++)
    {
      if (*p == '\n')
        newline_indent (writer, depth);
      else
        g_string_append_c (writer->out, *p);
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

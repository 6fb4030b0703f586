/* The streaming JSON writer: what it writes parses back to what was
 * written (escapes, numbers, nesting), and looks like json-glib's own
 * pretty printer. */
#include "config.h"

#include <string.h>

#include "wiredesk-core.h"
#include "wd-json-writer.h"

static char *
finish (WdJsonWriter *w)
{
  g_autoptr(GBytes) bytes = wd_json_writer_free_to_bytes (w);
  gsize len;
  const char *data = g_bytes_get_data (bytes, &len);

  /* text, one final newline, no NUL inside */
  g_assert_cmpuint (len, >, 0);
  g_assert_cmpint (data[len - 1], ==, '\n');
  g_assert_null (memchr (data, '\0', len));
  return g_strndup (data, len);
}

static JsonNode *
parse (const char *text)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;

  json_parser_load_from_data (parser, text, -1, &error);
  g_assert_no_error (error);
  return json_node_copy (json_parser_get_root (parser));
}

static const char * const tricky[] = {
  "",
  "plain",
  "quote \" backslash \\ slash /",
  "controls \b\f\n\r\t and \x01\x02\x1f",
  "ünïcödé, 日本語, emoji \xf0\x9f\x9a\xa2, RTL \xd7\xa9\xd7\x9c\xd7\x95\xd7\x9d",
  "line\xe2\x80\xa8separator and paragraph\xe2\x80\xa9separator",
  "<script>alert('x')</script> & </p>",
  "\x7f delete",
};

static void
test_escaping (void)
{
  WdJsonWriter *w = wd_json_writer_new ();
  g_autofree char *text = NULL;
  g_autoptr(JsonNode) root = NULL;
  JsonArray *array;

  wd_json_writer_begin_array (w);
  for (guint i = 0; i < G_N_ELEMENTS (tricky); i++)
    wd_json_writer_string (w, tricky[i]);
  wd_json_writer_end_array (w);
  text = finish (w);

  /* no raw control character survives in the text */
  for (const char *p = text; *p != '\0'; p++)
    if (*p != '\n')
      g_assert_cmpint ((guchar) *p, >=, 0x20);

  root = parse (text);
  array = json_node_get_array (root);
  g_assert_cmpuint (json_array_get_length (array), ==, G_N_ELEMENTS (tricky));
  for (guint i = 0; i < G_N_ELEMENTS (tricky); i++)
    g_assert_cmpstr (json_array_get_string_element (array, i), ==, tricky[i]);
}

static void
test_numbers_and_nulls (void)
{
  static const gint64 numbers[] = { 0, 1, -1, 42, G_MAXINT32, (gint64) G_MAXINT32 + 1, G_MAXINT64, G_MININT64 };
  WdJsonWriter *w = wd_json_writer_new ();
  g_autofree char *text = NULL;
  g_autoptr(JsonNode) root = NULL;
  JsonObject *o;
  JsonArray *array;

  wd_json_writer_begin_object (w);
  wd_json_writer_member (w, "numbers");
  wd_json_writer_begin_array (w);
  for (guint i = 0; i < G_N_ELEMENTS (numbers); i++)
    wd_json_writer_int (w, numbers[i]);
  wd_json_writer_end_array (w);
  wd_json_writer_member (w, "null");
  wd_json_writer_null (w);
  wd_json_writer_member (w, "nullable-null");
  wd_json_writer_nullable (w, NULL);
  wd_json_writer_member (w, "nullable-set");
  wd_json_writer_nullable (w, "set");
  wd_json_writer_member (w, "text-null");
  wd_json_writer_text (w, NULL);
  wd_json_writer_member (w, "text-set");
  wd_json_writer_text (w, "set");
  wd_json_writer_end_object (w);
  text = finish (w);

  root = parse (text);
  o = json_node_get_object (root);
  array = json_object_get_array_member (o, "numbers");
  g_assert_cmpuint (json_array_get_length (array), ==, G_N_ELEMENTS (numbers));
  for (guint i = 0; i < G_N_ELEMENTS (numbers); i++)
    {
      JsonNode *n = json_array_get_element (array, i);

      g_assert_cmpint (json_node_get_value_type (n), ==, G_TYPE_INT64);
      g_assert_cmpint (json_node_get_int (n), ==, numbers[i]);
    }
  /* digits only: no exponent, no fraction */
  g_assert_nonnull (strstr (text, "9223372036854775807"));
  g_assert_nonnull (strstr (text, "-9223372036854775808"));

  g_assert_true (json_object_get_null_member (o, "null"));
  g_assert_true (json_object_get_null_member (o, "nullable-null"));
  g_assert_cmpstr (json_object_get_string_member (o, "nullable-set"), ==, "set");
  g_assert_cmpstr (json_object_get_string_member (o, "text-null"), ==, "");
  g_assert_cmpstr (json_object_get_string_member (o, "text-set"), ==, "set");
  /* members in the order written */
  {
    g_autoptr(GList) names = json_object_get_members (o);
    const char *expected[] = { "numbers", "null", "nullable-null", "nullable-set", "text-null", "text-set" };
    guint i = 0;

    for (GList *l = names; l != NULL; l = l->next, i++)
      g_assert_cmpstr (l->data, ==, expected[i]);
    g_assert_cmpuint (i, ==, G_N_ELEMENTS (expected));
  }
}

/* Deep and mixed nesting, empty containers, member names that need
 * escaping; then json-glib's nodes written through the writer. */
static void
test_nesting_and_nodes (void)
{
  WdJsonWriter *w = wd_json_writer_new ();
  g_autofree char *text = NULL;
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(JsonNode) again = NULL;
  JsonNode *node;
  const guint depth = 50;

  wd_json_writer_begin_object (w);
  wd_json_writer_member (w, "empty-object");
  wd_json_writer_begin_object (w);
  wd_json_writer_end_object (w);
  wd_json_writer_member (w, "empty-array");
  wd_json_writer_begin_array (w);
  wd_json_writer_end_array (w);
  wd_json_writer_member (w, "na\"me\n");
  wd_json_writer_string (w, "value");
  wd_json_writer_member (w, "deep");
  for (guint i = 0; i < depth; i++)
    wd_json_writer_begin_array (w);
  wd_json_writer_int (w, 7);
  for (guint i = 0; i < depth; i++)
    wd_json_writer_end_array (w);
  wd_json_writer_end_object (w);
  text = finish (w);

  root = parse (text);
  g_assert_cmpuint (json_object_get_size (json_object_get_object_member (json_node_get_object (root),
                                                                         "empty-object")), ==, 0);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (json_node_get_object (root),
                                                                         "empty-array")), ==, 0);
  g_assert_cmpstr (json_object_get_string_member (json_node_get_object (root), "na\"me\n"), ==, "value");
  node = json_object_get_member (json_node_get_object (root), "deep");
  for (guint i = 0; i < depth; i++)
    {
      g_assert_true (JSON_NODE_HOLDS_ARRAY (node));
      g_assert_cmpuint (json_array_get_length (json_node_get_array (node)), ==, 1);
      node = json_array_get_element (json_node_get_array (node), 0);
    }
  g_assert_cmpint (json_node_get_int (node), ==, 7);

  /* The parsed tree written again with node() and members_of() is the
   * same tree. */
  {
    WdJsonWriter *w2 = wd_json_writer_new ();
    g_autofree char *text2 = NULL;

    wd_json_writer_begin_object (w2);
    wd_json_writer_members_of (w2, json_node_get_object (root));
    wd_json_writer_member (w2, "copy");
    wd_json_writer_node (w2, root);
    wd_json_writer_end_object (w2);
    text2 = finish (w2);
    again = parse (text2);
    g_assert_true (json_node_equal (json_object_get_member (json_node_get_object (again), "copy"), root));
    json_object_remove_member (json_node_get_object (again), "copy");
    g_assert_true (json_node_equal (again, root));
  }
}

/* The layout is json-glib's pretty printer's, indent 2: members copied
 * from a json-glib tree look the same as the rest of the document. */
static void
test_layout (void)
{
  /* (no empty containers: json-glib versions print "{}" differently) */
  const char *source = "{\"a\":1,\"b\":[true,false,null,\"x\",-7],\"c\":{\"d\":\"e\",\"f\":[1,2]}}";
  g_autoptr(JsonNode) root = parse (source);
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autofree char *expected = NULL;
  g_autofree char *with_newline = NULL;
  g_autofree char *text = NULL;
  WdJsonWriter *w = wd_json_writer_new ();

  json_generator_set_pretty (generator, TRUE);
  json_generator_set_indent (generator, 2);
  json_generator_set_root (generator, root);
  expected = json_generator_to_data (generator, NULL);
  with_newline = g_strconcat (expected, "\n", NULL);

  wd_json_writer_node (w, root);
  text = finish (w);
  g_assert_cmpstr (text, ==, with_newline);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/json-writer/escaping", test_escaping);
  g_test_add_func ("/json-writer/numbers-and-nulls", test_numbers_and_nulls);
  g_test_add_func ("/json-writer/nesting-and-nodes", test_nesting_and_nodes);
  g_test_add_func ("/json-writer/layout", test_layout);

  return g_test_run ();
}

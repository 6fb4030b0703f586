/* What the export and history suites share to look into an export. */
#include "config.h"

#include "wd-test-export.h"

JsonObject *
export_object (WdArticle      *article,
               WdExportFormat  format,
               JsonNode      **root_out)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = wd_export_serialize (article, format, &error);
  g_autoptr(JsonParser) parser = json_parser_new ();

  g_assert_no_error (error);
  g_assert_nonnull (bytes);
  json_parser_load_from_data (parser, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes), &error);
  g_assert_no_error (error);

  *root_out = json_node_copy (json_parser_get_root (parser));
  return json_node_get_object (*root_out);
}

JsonObject *
array_object (JsonObject *object,
              const char *member,
              guint       index)
{
  return json_array_get_object_element (json_object_get_array_member (object, member), index);
}

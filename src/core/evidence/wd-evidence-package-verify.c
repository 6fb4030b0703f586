#define G_LOG_DOMAIN "wd-evidence-package"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "wd-error.h"
#include "wd-evidence-package-private.h"

gboolean
wd_evidence_package_verify (WdEvidencePackage  *self,
                            GPtrArray         **problems,
                            GError            **error)
{
  g_autoptr(GPtrArray) found = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GBytes) datapackage = NULL;
  g_autoptr(JsonObject) object = NULL;
  JsonNode *resources;
  JsonArray *array;
  gsize len = 0;
  const char *text;

  g_return_val_if_fail (WD_IS_EVIDENCE_PACKAGE (self), FALSE);

  datapackage = _wd_zip_read (self->zip, WD_EVIDENCE_DATAPACKAGE, WD_EVIDENCE_MAX_INDEX, error);
  if (datapackage == NULL)
    return FALSE;
  text = g_bytes_get_data (datapackage, &len);
  object = _wd_evidence_parse_object (text, len, 16);
  resources = object != NULL ? json_object_get_member (object, "resources") : NULL;
  if (resources == NULL || !JSON_NODE_HOLDS_ARRAY (resources))
    {
      g_set_error (error, WD_ERROR, WD_ERROR_FORMAT, _("%s: datapackage.json lists no resources"),
                   self->path);
      return FALSE;
    }

  array = json_node_get_array (resources);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *node = json_array_get_element (array, i);
      JsonObject *resource = JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
      const char *path = resource != NULL ? _wd_evidence_get_text (resource, "path") : NULL;
      const char *hash = resource != NULL ? _wd_evidence_get_text (resource, "hash") : NULL;
      g_autoptr(GBytes) member = NULL;
      g_autoptr(GError) local = NULL;
      g_autofree char *digest = NULL;
      const guint8 *data;

      if (path == NULL || hash == NULL)
        {
          g_ptr_array_add (found, g_strdup_printf (_("resource %u has no path or hash"), i + 1));
          continue;
        }

      member = _wd_zip_read (self->zip, path, WD_EVIDENCE_MAX_MEMBER, &local);
      if (member == NULL)
        {
          g_ptr_array_add (found, g_strdup_printf ("%s: %s", path, local->message));
          continue;
        }
      data = g_bytes_get_data (member, &len);
      digest = _wd_warc_digest (data, len);
      if (g_ascii_strcasecmp (digest, hash) != 0)
        g_ptr_array_add (found, g_strdup_printf (_("%s: its sha256 does not match datapackage.json"),
                                                 path));

      if (g_str_has_prefix (path, "archive/"))
        {
          g_autoptr(GPtrArray) records = _wd_warc_read_all (data, len, &local);

          if (records == NULL)
            g_ptr_array_add (found, g_strdup_printf ("%s: %s", path, local->message));
        }
    }

  /* The index's digests are those of the records it points at. */
  for (guint i = 0; i < self->captures->len + self->hops->len; i++)
    {
      WdCapture *c = i < self->captures->len ? g_ptr_array_index (self->captures, i)
                                             : g_ptr_array_index (self->hops, i - self->captures->len);
      g_autoptr(GError) local = NULL;
      g_autoptr(WdWarcParsed) record = _wd_evidence_package_read_record (self, c->warc, c->offset,
                                                                         c->length, &local);
      const char *digest;

      if (record == NULL)
        {
          g_ptr_array_add (found, g_strdup_printf ("%s: %s", c->record_id, local->message));
          continue;
        }
      digest = g_hash_table_lookup (record->headers, "warc-payload-digest");
      if (g_strcmp0 (g_hash_table_lookup (record->headers, "warc-record-id"), c->record_id) != 0 ||
          (c->payload_digest != NULL && g_strcmp0 (digest, c->payload_digest) != 0))
        g_ptr_array_add (found, g_strdup_printf (_("%s: the index does not match the record"),
                                                 c->record_id));
    }

  if (problems != NULL)
    *problems = g_ptr_array_ref (found);
  return found->len == 0;
}

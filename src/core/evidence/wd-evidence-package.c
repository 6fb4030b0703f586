#define G_LOG_DOMAIN "wd-evidence-package"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>
#include <string.h>

#include "wd-error.h"
#include "wd-evidence-package-private.h"
#include "wd-json-reader-private.h"
#include "wd-warc-private.h"

G_DEFINE_FINAL_TYPE (WdEvidencePackage, wd_evidence_package, G_TYPE_OBJECT)

void
wd_capture_free (WdCapture *capture)
{
  if (capture == NULL)
    return;
  g_free (capture->source);
  g_free (capture->url);
  g_free (capture->final_url);
  g_free (capture->captured_at);
  g_free (capture->verdict);
  g_free (capture->record_id);
  g_free (capture->payload_digest);
  g_free (capture->mime);
  g_free (capture->warc);
  g_free (capture->text_record_id);
  g_free (capture->hop_of);
  g_free (capture);
}

gboolean
wd_capture_is_live (const WdCapture *capture)
{
  g_return_val_if_fail (capture != NULL, FALSE);

  return capture->text_length > 0 &&
         (g_strcmp0 (capture->verdict, "ok") == 0 ||
          g_strcmp0 (capture->verdict, "redirected") == 0);
}

char *
wd_evidence_package_path_for (const char *document_path)
{
  const char *dot;
  const char *slash;

  g_return_val_if_fail (document_path != NULL, NULL);

  dot = strrchr (document_path, '.');
  slash = strrchr (document_path, G_DIR_SEPARATOR);
  if (dot != NULL && (slash == NULL || dot > slash + 1))
    {
      g_autofree char *stem = g_strndup (document_path, dot - document_path);
      return g_strconcat (stem, ".wacz", NULL);
    }
  return g_strconcat (document_path, ".wacz", NULL);
}

/* ------------------------------------------------------------ index lines */

/* "http://www.Example.com:8080/a?b" → "com,example:8080)/a?b" */
static char *
surt (const char *url)
{
  g_autoptr(GUri) uri = g_uri_parse (url, G_URI_FLAGS_NONE, NULL);
  g_autoptr(GString) key = g_string_new (NULL);
  g_auto(GStrv) labels = NULL;
  g_autofree char *host = NULL;
  guint n;

  if (uri == NULL || g_uri_get_host (uri) == NULL)
    return g_ascii_strdown (url, -1);

  host = g_ascii_strdown (g_uri_get_host (uri), -1);
  labels = g_strsplit (g_str_has_prefix (host, "www.") ? host + 4 : host, ".", -1);
  n = g_strv_length (labels);
  for (guint i = n; i > 0; i--)
    {
      g_string_append (key, labels[i - 1]);
      if (i > 1)
        g_string_append_c (key, ',');
    }
  if (g_uri_get_port (uri) > 0)
    g_string_append_printf (key, ":%d", g_uri_get_port (uri));
  g_string_append_c (key, ')');
  g_string_append (key, *g_uri_get_path (uri) != '\0' ? g_uri_get_path (uri) : "/");
  if (g_uri_get_query (uri) != NULL)
    g_string_append_printf (key, "?%s", g_uri_get_query (uri));

  return g_ascii_strdown (key->str, -1);
}

static void
member_text (JsonBuilder *builder,
             const char  *name,
             const char  *value)
{
  if (value == NULL)
    return;
  json_builder_set_member_name (builder, name);
  json_builder_add_string_value (builder, value);
}

static void
member_number (JsonBuilder *builder,
               const char  *name,
               guint64      value)
{
  g_autofree char *text = g_strdup_printf ("%" G_GUINT64_FORMAT, value);

  member_text (builder, name, text);
}

/* One line per response record, as replay tools and warcio index them:
 * keyed by the record's own URL, with its own status and digest. A
 * capture's line says which URL was checked and where its text is; a
 * redirect hop's line names the capture it led to ("hopOf"). */
char *
_wd_capture_to_cdxj (const WdCapture *c)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *json = NULL;
  const char *target = c->hop_of == NULL && c->final_url != NULL ? c->final_url : c->url;
  g_autofree char *key = surt (target);
  char stamp[15] = { 0, };
  guint j = 0;

  /* 2026-12-05T04:32:24.123456Z → 20261205043224 */
  for (const char *p = c->captured_at; p != NULL && *p != '\0' && j < 14; p++)
    if (g_ascii_isdigit (*p))
      stamp[j++] = *p;

  json_builder_begin_object (builder);
  member_text (builder, "url", target);
  member_text (builder, "mime", c->mime);
  member_number (builder, "status", c->http_status);
  member_text (builder, "digest", c->payload_digest);
  member_number (builder, "length", c->length);
  member_number (builder, "offset", c->offset);
  member_text (builder, "filename", c->warc != NULL ? c->warc + strlen ("archive/") : NULL);
  member_text (builder, "recordId", c->record_id);
  member_text (builder, "source", c->source);
  member_text (builder, "capturedAt", c->captured_at);
  if (c->hop_of != NULL)
    member_text (builder, "hopOf", c->hop_of);
  else
    {
      member_text (builder, "checkedUrl", c->url);
      member_text (builder, "verdict", c->verdict);
      member_text (builder, "finalUrl", c->final_url);
    }
  member_number (builder, "size", c->size);
  if (c->truncated)
    member_text (builder, "truncated", "length");
  if (c->text_length > 0)
    {
      member_number (builder, "textOffset", c->text_offset);
      member_number (builder, "textLength", c->text_length);
      member_text (builder, "textRecordId", c->text_record_id);
    }
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  json_generator_set_root (generator, root);
  json = json_generator_to_data (generator, NULL);
  return g_strdup_printf ("%s %s %s", key, stamp, json);
}

const char *
_wd_evidence_get_text (JsonObject *object,
                       const char *name)
{
  JsonNode *node = json_object_get_member (object, name);

  if (node == NULL || json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;
  return json_node_get_string (node);
}

static gboolean
get_number (JsonObject *object,
            const char *name,
            guint64    *out)
{
  JsonNode *node = json_object_get_member (object, name);
  const char *text;
  char *end = NULL;

  *out = 0;
  if (node == NULL)
    return FALSE;
  if (json_node_get_value_type (node) == G_TYPE_INT64)
    {
      gint64 v = json_node_get_int (node);
      *out = v < 0 ? 0 : (guint64) v;
      return v >= 0;
    }
  text = _wd_evidence_get_text (object, name);
  if (text == NULL || !g_ascii_isdigit (*text))
    return FALSE;
  *out = g_ascii_strtoull (text, &end, 10);
  return *end == '\0';
}

/* Parses one JSON object of at most a line, with the shape checks. */
JsonObject *
_wd_evidence_parse_object (const char  *text,
                           gsize        len,
                           guint        max_nesting)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonNode *root;
  gsize where = 0;

  if (!g_utf8_validate (text, len, NULL) ||
      _wd_json_scan_shape (text, len, max_nesting, &where) != WD_JSON_SHAPE_OK ||
      !json_parser_load_from_data (parser, text, len, NULL))
    return NULL;

  root = json_parser_get_root (parser);
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    return NULL;
  return json_object_ref (json_node_get_object (root));
}

WdCapture *
_wd_capture_from_cdxj (const char  *line,
                       GError     **error)
{
  const char *json = strchr (line, '{');
  g_autoptr(JsonObject) object = NULL;
  g_autoptr(WdCapture) c = g_new0 (WdCapture, 1);
  const char *filename;
  guint64 status = 0;

  object = json != NULL ? _wd_evidence_parse_object (json, strlen (json), 4) : NULL;
  if (object == NULL)
    {
      g_set_error (error, WD_ERROR, WD_ERROR_FORMAT, _("an index line is not valid CDXJ"));
      return NULL;
    }

  filename = _wd_evidence_get_text (object, "filename");
  c->url = g_strdup (_wd_evidence_get_text (object, "url"));
  c->record_id = g_strdup (_wd_evidence_get_text (object, "recordId"));
  if (c->url == NULL || c->record_id == NULL || filename == NULL ||
      strchr (filename, '/') != NULL || strstr (filename, "..") != NULL ||
      !get_number (object, "offset", &c->offset) || !get_number (object, "length", &c->length) ||
      c->length == 0 || c->length > WD_WARC_MAX_RECORD)
    {
      g_set_error (error, WD_ERROR, WD_ERROR_FORMAT,
                   _("an index line lacks the url, record id, file, offset or length of its record"));
      return NULL;
    }

  c->warc = g_strconcat ("archive/", filename, NULL);
  c->hop_of = g_strdup (_wd_evidence_get_text (object, "hopOf"));
  /* Packages before hops were indexed key a capture by the URL checked. */
  if (_wd_evidence_get_text (object, "checkedUrl") != NULL)
    {
      g_free (c->url);
      c->url = g_strdup (_wd_evidence_get_text (object, "checkedUrl"));
    }
  c->text_record_id = g_strdup (_wd_evidence_get_text (object, "textRecordId"));
  c->mime = g_strdup (_wd_evidence_get_text (object, "mime"));
  c->payload_digest = g_strdup (_wd_evidence_get_text (object, "digest"));
  c->source = g_strdup (_wd_evidence_get_text (object, "source"));
  c->verdict = g_strdup (_wd_evidence_get_text (object, "verdict"));
  c->final_url = g_strdup (_wd_evidence_get_text (object, "finalUrl"));
  c->captured_at = g_strdup (_wd_evidence_get_text (object, "capturedAt"));
  c->truncated = _wd_evidence_get_text (object, "truncated") != NULL;
  get_number (object, "size", &c->size);
  get_number (object, "status", &status);
  c->http_status = (guint) MIN (status, 999);
  if (get_number (object, "textLength", &c->text_length) &&
      (!get_number (object, "textOffset", &c->text_offset) || c->text_length > WD_WARC_MAX_RECORD))
    c->text_length = 0;

  return g_steal_pointer (&c);
}

/* ----------------------------------------------------------------- zip */

zip_t *
_wd_zip_open (const char  *path,
              int          flags,
              GError     **error)
{
  int code = 0;
  zip_t *zip = zip_open (path, flags, &code);

  if (zip == NULL)
    {
      zip_error_t ze;

      zip_error_init_with_code (&ze, code);
      if (code == ZIP_ER_NOENT)
        g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND, _("%s: no such file"), path);
      else
        g_set_error (error, WD_ERROR, WD_ERROR_FORMAT, _("%s: not a readable zip file: %s"),
                     path, zip_error_strerror (&ze));
      zip_error_fini (&ze);
    }
  return zip;
}

static GBytes *
read_range (zip_t       *zip,
            const char  *name,
            guint64      offset,
            guint64      length,
            guint64      max,
            GError     **error)
{
  zip_stat_t st;
  zip_file_t *file;
  guint8 *data;
  zip_int64_t got;
  zip_int64_t index = zip_name_locate (zip, name, 0);

  if (index < 0)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND, _("the package has no %s"), name);
      return NULL;
    }

  zip_stat_init (&st);
  if (zip_stat_index (zip, index, 0, &st) != 0 || !(st.valid & ZIP_STAT_SIZE))
    {
      g_set_error (error, WD_ERROR, WD_ERROR_FORMAT, _("%s cannot be read"), name);
      return NULL;
    }

  if (length == G_MAXUINT64)
    length = st.size;
  if (length > max)
    {
      g_autofree char *size = g_format_size (length);

      g_set_error (error, WD_ERROR, WD_ERROR_TOO_LARGE, _("%s is too large (%s)"), name, size);
      return NULL;
    }
  if (offset > st.size || length > st.size - offset)
    {
      g_set_error (error, WD_ERROR, WD_ERROR_FORMAT, _("a record lies outside %s"), name);
      return NULL;
    }

  file = zip_fopen_index (zip, index, 0);
  if (file == NULL)
    {
      g_set_error (error, WD_ERROR, WD_ERROR_FORMAT, _("%s cannot be read: %s"),
                   name, zip_strerror (zip));
      return NULL;
    }

  if (offset > 0 && zip_fseek (file, (zip_int64_t) offset, SEEK_SET) != 0)
    {
      /* Compressed members cannot seek: read up to the range, from a
       * fresh handle (libzip 1.10 and later keep a failed seek's error on
       * the handle, and every read after it fails). */
      guint8 skip[16 * 1024];
      guint64 left = offset;

      zip_fclose (file);
      file = zip_fopen_index (zip, index, 0);
      if (file == NULL)
        {
          g_set_error (error, WD_ERROR, WD_ERROR_FORMAT, _("%s cannot be read: %s"),
                       name, zip_strerror (zip));
          return NULL;
        }

      while (left > 0)
        {
          got = zip_fread (file, skip, MIN (left, sizeof skip));
          if (got <= 0)
            break;
          left -= (guint64) got;
        }
      if (left > 0)
        {
          zip_fclose (file);
          g_set_error (error, WD_ERROR, WD_ERROR_FORMAT, _("%s cannot be read"), name);
          return NULL;
        }
    }

  data = g_malloc (length + 1);
  got = length > 0 ? zip_fread (file, data, length) : 0;
  zip_fclose (file);
  if (got < 0 || (guint64) got != length)
    {
      g_free (data);
      g_set_error (error, WD_ERROR, WD_ERROR_FORMAT, _("%s is damaged (it reads short)"), name);
      return NULL;
    }
  data[length] = '\0';
  return g_bytes_new_take (data, length);
}

GBytes *
_wd_zip_read (zip_t       *zip,
              const char  *name,
              guint64      max,
              GError     **error)
{
  return read_range (zip, name, 0, G_MAXUINT64, max, error);
}

gboolean
_wd_evidence_check_version (GBytes      *datapackage,
                            const char  *path,
                            GError     **error)
{
  gsize len = 0;
  const char *text = g_bytes_get_data (datapackage, &len);
  g_autoptr(JsonObject) object = _wd_evidence_parse_object (text, len, 16);
  JsonNode *version;

  if (object == NULL || json_object_get_member (object, "resources") == NULL)
    {
      g_set_error (error, WD_ERROR, WD_ERROR_FORMAT,
                   _("%s: datapackage.json is not a WACZ data package"), path);
      return FALSE;
    }

  version = json_object_get_member (object, "wiredesk");
  if (version != NULL && json_node_get_value_type (version) == G_TYPE_INT64 &&
      json_node_get_int (version) > WD_EVIDENCE_FORMAT_VERSION)
    {
      g_set_error (error, WD_ERROR, WD_ERROR_NEWER_VERSION,
                   _("%s was made by a newer Wiredesk (package layout %d; this version reads up to %d)"),
                   path, (int) MIN (json_node_get_int (version), G_MAXINT), WD_EVIDENCE_FORMAT_VERSION);
      return FALSE;
    }
  return TRUE;
}

/* --------------------------------------------------------------- GObject */

static void
wd_evidence_package_finalize (GObject *object)
{
  WdEvidencePackage *self = (WdEvidencePackage *) object;

  if (self->zip != NULL)
    zip_discard (self->zip);
  g_clear_pointer (&self->captures, g_ptr_array_unref);
  g_clear_pointer (&self->hops, g_ptr_array_unref);
  g_free (self->path);

  G_OBJECT_CLASS (wd_evidence_package_parent_class)->finalize (object);
}

static void
wd_evidence_package_class_init (WdEvidencePackageClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = wd_evidence_package_finalize;
}

static void
wd_evidence_package_init (WdEvidencePackage *self)
{
  self->captures = g_ptr_array_new_with_free_func ((GDestroyNotify) wd_capture_free);
  self->hops = g_ptr_array_new_with_free_func ((GDestroyNotify) wd_capture_free);
}

/* Captures in the order they were made: by their time, to the microsecond
 * where the package has it; within one time (packages written before
 * fractions, a coarse clock) in the order they were appended: by their
 * WARC file's place in datapackage.json, then by offset in the file. */
typedef struct
{
  gint64     usec;
  guint      warc;
  guint64    offset;
  WdCapture *capture;
} Order;

static gint64
capture_usec (const WdCapture *c)
{
  g_autoptr(GDateTime) dt = c->captured_at != NULL ? g_date_time_new_from_iso8601 (c->captured_at, NULL)
                                                    : NULL;

  if (dt == NULL)
    return G_MININT64;
  return g_date_time_to_unix (dt) * G_USEC_PER_SEC + g_date_time_get_microsecond (dt);
}

static int
compare_order (gconstpointer a,
               gconstpointer b)
{
  const Order *x = a;
  const Order *y = b;

  if (x->usec != y->usec)
    return x->usec < y->usec ? -1 : 1;
  if (x->warc != y->warc)
    return x->warc < y->warc ? -1 : 1;
  if (x->offset != y->offset)
    return x->offset < y->offset ? -1 : 1;
  return 0;
}

static void
sort_captures (GPtrArray *captures,
               GBytes    *datapackage)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GHashTable) place = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GArray) order = g_array_sized_new (FALSE, FALSE, sizeof (Order), captures->len);
  JsonNode *root;
  JsonArray *resources = NULL;

  /* Checked by _wd_evidence_check_version(): an object with resources. */
  if (json_parser_load_from_data (parser, g_bytes_get_data (datapackage, NULL), -1, NULL) &&
      (root = json_parser_get_root (parser)) != NULL && JSON_NODE_HOLDS_OBJECT (root))
    {
      JsonNode *node = json_object_get_member (json_node_get_object (root), "resources");

      if (node != NULL && JSON_NODE_HOLDS_ARRAY (node))
        resources = json_node_get_array (node);
    }
  for (guint i = 0; resources != NULL && i < json_array_get_length (resources); i++)
    {
      JsonNode *node = json_array_get_element (resources, i);
      const char *path = JSON_NODE_HOLDS_OBJECT (node)
                         ? _wd_evidence_get_text (json_node_get_object (node), "path") : NULL;

      if (path != NULL && !g_hash_table_contains (place, path))
        g_hash_table_insert (place, (gpointer) path, GUINT_TO_POINTER (i + 1));
    }

  for (guint i = 0; i < captures->len; i++)
    {
      WdCapture *c = g_ptr_array_index (captures, i);
      Order o = { capture_usec (c), GPOINTER_TO_UINT (g_hash_table_lookup (place, c->warc)),
                  c->offset, c };

      g_array_append_val (order, o);
    }
  g_array_sort (order, compare_order);
  for (guint i = 0; i < order->len; i++)
    captures->pdata[i] = g_array_index (order, Order, i).capture;
}

WdEvidencePackage *
wd_evidence_package_open (const char  *path,
                          GError     **error)
{
  g_autoptr(WdEvidencePackage) self = NULL;
  g_autoptr(GBytes) datapackage = NULL;
  g_autoptr(GBytes) index = NULL;
  g_autoptr(GFile) file = NULL;
  g_autoptr(GFileInfo) info = NULL;
  g_auto(GStrv) lines = NULL;
  g_autoptr(GError) local = NULL;

  g_return_val_if_fail (path != NULL, NULL);

  self = g_object_new (WD_TYPE_EVIDENCE_PACKAGE, NULL);
  self->path = g_strdup (path);
  self->zip = _wd_zip_open (path, ZIP_RDONLY | ZIP_CHECKCONS, error);
  if (self->zip == NULL)
    return NULL;

  file = g_file_new_for_path (path);
  info = g_file_query_info (file, G_FILE_ATTRIBUTE_STANDARD_SIZE, G_FILE_QUERY_INFO_NONE, NULL, NULL);
  self->size = info != NULL ? (guint64) g_file_info_get_size (info) : 0;

  datapackage = _wd_zip_read (self->zip, WD_EVIDENCE_DATAPACKAGE, WD_EVIDENCE_MAX_INDEX, &local);
  if (datapackage == NULL)
    {
      g_set_error (error, WD_ERROR, WD_ERROR_FORMAT, _("%s is not a WACZ package: %s"),
                   path, local->message);
      return NULL;
    }
  if (!_wd_evidence_check_version (datapackage, path, error))
    return NULL;

  index = _wd_zip_read (self->zip, WD_EVIDENCE_INDEX, WD_EVIDENCE_MAX_INDEX, &local);
  if (index == NULL)
    {
      g_set_error (error, WD_ERROR, WD_ERROR_FORMAT, _("%s: %s"), path, local->message);
      return NULL;
    }

  lines = g_strsplit (g_bytes_get_data (index, NULL), "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      WdCapture *capture;

      if (*g_strstrip (lines[i]) == '\0')
        continue;
      capture = _wd_capture_from_cdxj (lines[i], &local);
      if (capture == NULL)
        {
          g_set_error (error, WD_ERROR, WD_ERROR_FORMAT, _("%s: line %u of its index: %s"),
                       path, i + 1, local->message);
          return NULL;
        }
      g_ptr_array_add (capture->hop_of != NULL ? self->hops : self->captures, capture);
    }
  sort_captures (self->captures, datapackage);

  return g_steal_pointer (&self);
}

const char *
wd_evidence_package_get_path (WdEvidencePackage *self)
{
  g_return_val_if_fail (WD_IS_EVIDENCE_PACKAGE (self), NULL);
  return self->path;
}

guint64
wd_evidence_package_get_size (WdEvidencePackage *self)
{
  g_return_val_if_fail (WD_IS_EVIDENCE_PACKAGE (self), 0);
  return self->size;
}

GPtrArray *
wd_evidence_package_get_captures (WdEvidencePackage *self)
{
  g_return_val_if_fail (WD_IS_EVIDENCE_PACKAGE (self), NULL);
  return self->captures;
}

/* With or without the angle brackets. */
static gboolean
same_id (const char *stored,
         const char *asked)
{
  gsize len = strlen (asked);

  if (stored == NULL)
    return FALSE;
  return g_str_equal (stored, asked) ||
         (strlen (stored) == len + 2 && stored[0] == '<' && strncmp (stored + 1, asked, len) == 0);
}

gboolean
wd_capture_is_text_record (const WdCapture *capture,
                           const char      *record_id)
{
  g_return_val_if_fail (capture != NULL, FALSE);
  g_return_val_if_fail (record_id != NULL, FALSE);

  return capture->text_length > 0 && same_id (capture->text_record_id, record_id);
}

WdCapture *
wd_evidence_package_find (WdEvidencePackage *self,
                          const char        *record_id)
{
  g_return_val_if_fail (WD_IS_EVIDENCE_PACKAGE (self), NULL);
  g_return_val_if_fail (record_id != NULL, NULL);

  for (guint i = 0; i < self->captures->len; i++)
    {
      WdCapture *c = g_ptr_array_index (self->captures, i);

      if (same_id (c->record_id, record_id) || wd_capture_is_text_record (c, record_id))
        return c;
    }
  for (guint i = 0; i < self->hops->len; i++)
    {
      WdCapture *c = g_ptr_array_index (self->hops, i);

      if (same_id (c->record_id, record_id))
        return c;
    }
  return NULL;
}

static WdCapture *
live_capture (WdEvidencePackage *self,
              const char        *source_id,
              gboolean           first)
{
  WdCapture *found = NULL;

  for (guint i = 0; i < self->captures->len; i++)
    {
      WdCapture *c = g_ptr_array_index (self->captures, i);

      if (g_strcmp0 (c->source, source_id) != 0 || !wd_capture_is_live (c))
        continue;
      found = c;
      if (first)
        break;
    }
  return found;
}

WdCapture *
wd_evidence_package_baseline (WdEvidencePackage *self,
                              const char        *source_id)
{
  g_return_val_if_fail (WD_IS_EVIDENCE_PACKAGE (self), NULL);
  return live_capture (self, source_id, TRUE);
}

WdCapture *
wd_evidence_package_latest (WdEvidencePackage *self,
                            const char        *source_id)
{
  g_return_val_if_fail (WD_IS_EVIDENCE_PACKAGE (self), NULL);
  return live_capture (self, source_id, FALSE);
}

WdWarcParsed *
_wd_evidence_package_read_record (WdEvidencePackage  *self,
                                  const char         *warc,
                                  guint64             offset,
                                  guint64             length,
                                  GError            **error)
{
  g_autoptr(GBytes) member = read_range (self->zip, warc, offset, length, WD_WARC_MAX_RECORD, error);
  gsize len = 0;
  const guint8 *data;

  if (member == NULL)
    return NULL;
  data = g_bytes_get_data (member, &len);
  return _wd_warc_read_member (data, len, 0, error);
}

GBytes *
wd_evidence_package_read_payload (WdEvidencePackage  *self,
                                  const WdCapture    *capture,
                                  GError            **error)
{
  g_autoptr(WdWarcParsed) record = NULL;
  gsize payload;

  g_return_val_if_fail (WD_IS_EVIDENCE_PACKAGE (self), NULL);
  g_return_val_if_fail (capture != NULL, NULL);

  record = _wd_evidence_package_read_record (self, capture->warc, capture->offset, capture->length,
                                             error);
  if (record == NULL)
    return NULL;
  payload = _wd_warc_http_payload_offset (record->block);
  return g_bytes_new_from_bytes (record->block, payload,
                                 g_bytes_get_size (record->block) - payload);
}

GBytes *
wd_evidence_package_read_body (WdEvidencePackage  *self,
                               const WdCapture    *capture,
                               GError            **error)
{
  g_autoptr(WdWarcParsed) record = NULL;

  g_return_val_if_fail (WD_IS_EVIDENCE_PACKAGE (self), NULL);
  g_return_val_if_fail (capture != NULL, NULL);

  record = _wd_evidence_package_read_record (self, capture->warc, capture->offset, capture->length,
                                             error);
  if (record == NULL)
    return NULL;
  /* Packages before bodies were kept as received hold them decoded, with
   * no Content-Encoding left in the head: they come back as they are. */
  return _wd_warc_http_body (record->block, WD_WARC_MAX_RECORD, error);
}

/* wd_evidence_package_read_text(): in wd-evidence-text.c. */

#define G_LOG_DOMAIN "wd-native-format"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>
#include <string.h>

#include "wd-article-private.h"
#include "wd-enums.h"
#include "wd-error.h"
#include "wd-json-writer.h"
#include "wd-native-format.h"
#include "wd-source-private.h"
#include "wd-url.h"
#include "wd-util-private.h"

/* Our own documents nest five levels deep; unknown members from a newer
 * version get generous room. json-glib 1.6 recurses without a limit, so
 * deeper input is refused before it reaches the parser. */
#define MAX_NESTING 256

static const char * const root_members[] = { "format", "version", "article", NULL };
static const char * const article_members[] = {
  "id", "headline", "standfirst", "byline", "dateline", "language", "status",
  "created", "modified", "revision", "keywords", "body", "desk_note",
  "ed_note", "sources", "published", NULL
};
static const char * const source_members[] = {
  "id", "url", "label", "kind", "attached_at", "note", "check", "baseline", NULL
};
static const char * const check_int_members[] = {
  "status", "http_status", "redirects", "elapsed_ms", NULL
};

/* ---------------------------------------------------------------- writing */

/* The check's text members as written in files, in the order of
 * wd_check_result_text_fields() (the property names, with '_'). */
static const char * const check_text_members[] = {
  "final_url", "checked_at", "title", "site_name", "author",
  "published", "canonical", "language", "content_sha256", "detail",
  NULL
};

static void
write_check (WdJsonWriter  *w,
             WdCheckResult *check,
             JsonObject    *extras)
{
  const char * const *fields = wd_check_result_text_fields ();

  wd_json_writer_begin_object (w);
  wd_json_writer_member (w, "status");
  wd_json_writer_string (w, wd_enum_to_nick (WD_TYPE_CHECK_STATUS, wd_check_result_get_status (check)));
  wd_json_writer_member (w, "http_status");
  wd_json_writer_int (w, wd_check_result_get_http_status (check));
  wd_json_writer_member (w, "redirects");
  wd_json_writer_int (w, wd_check_result_get_redirects (check));
  wd_json_writer_member (w, "elapsed_ms");
  wd_json_writer_int (w, wd_check_result_get_elapsed_ms (check));

  for (guint i = 0; fields[i] != NULL; i++)
    {
      wd_json_writer_member (w, check_text_members[i]);
      wd_json_writer_nullable (w, wd_check_result_get_text (check, fields[i]));
    }

  wd_json_writer_members_of (w, extras);
  wd_json_writer_end_object (w);
}

static void
write_source (WdJsonWriter *w,
              WdSource     *source)
{
  WdCheckResult *check = wd_source_get_check (source);

  wd_json_writer_begin_object (w);
  wd_json_writer_member (w, "id");
  wd_json_writer_text (w, wd_source_get_id (source));
  wd_json_writer_member (w, "url");
  wd_json_writer_text (w, wd_source_get_url (source));
  wd_json_writer_member (w, "label");
  wd_json_writer_text (w, wd_source_get_label (source));
  wd_json_writer_member (w, "kind");
  wd_json_writer_string (w, wd_enum_to_nick (WD_TYPE_SOURCE_KIND, wd_source_get_kind (source)));
  wd_json_writer_member (w, "attached_at");
  wd_json_writer_text (w, wd_source_get_attached_at (source));
  wd_json_writer_member (w, "note");
  wd_json_writer_text (w, wd_source_get_note (source));

  wd_json_writer_member (w, "check");
  if (check != NULL)
    write_check (w, check, _wd_source_get_check_extras (source));
  else
    wd_json_writer_null (w);

  wd_json_writer_member (w, "baseline");
  if (wd_source_get_baseline_title (source) != NULL ||
      wd_source_get_baseline_sha256 (source) != NULL)
    {
      wd_json_writer_begin_object (w);
      wd_json_writer_member (w, "title");
      wd_json_writer_nullable (w, wd_source_get_baseline_title (source));
      wd_json_writer_member (w, "content_sha256");
      wd_json_writer_nullable (w, wd_source_get_baseline_sha256 (source));
      wd_json_writer_end_object (w);
    }
  else
    wd_json_writer_null (w);

  wd_json_writer_members_of (w, _wd_source_get_extras (source));
  wd_json_writer_end_object (w);
}

static void
write_publications (WdJsonWriter *w,
                    GListModel   *publications)
{
  guint n = g_list_model_get_n_items (publications);

  wd_json_writer_begin_array (w);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(WdPublication) publication = g_list_model_get_item (publications, i);

      wd_json_writer_begin_object (w);
      wd_json_writer_member (w, "endpoint");
      wd_json_writer_text (w, wd_publication_get_endpoint (publication));
      wd_json_writer_member (w, "remote_id");
      wd_json_writer_text (w, wd_publication_get_remote_id (publication));
      wd_json_writer_member (w, "url");
      wd_json_writer_nullable (w, wd_publication_get_url (publication));
      wd_json_writer_member (w, "at");
      wd_json_writer_nullable (w, wd_publication_get_at (publication));
      wd_json_writer_end_object (w);
    }
  wd_json_writer_end_array (w);
}

static void
write_article (WdJsonWriter *w,
               WdArticle    *article)
{
  const char * const *kw = wd_article_get_keywords (article);
  guint n_sources = wd_article_get_n_sources (article);
  static const struct { const char *member; const char *(*get) (WdArticle *); } head[] = {
    { "id", wd_article_get_id },
    { "headline", wd_article_get_headline },
    { "standfirst", wd_article_get_standfirst },
    { "byline", wd_article_get_byline },
    { "dateline", wd_article_get_dateline },
    { "language", wd_article_get_language },
  };

  wd_json_writer_begin_object (w);

  for (guint i = 0; i < G_N_ELEMENTS (head); i++)
    {
      wd_json_writer_member (w, head[i].member);
      wd_json_writer_text (w, head[i].get (article));
    }

  wd_json_writer_member (w, "status");
  wd_json_writer_string (w, wd_enum_to_nick (WD_TYPE_ARTICLE_STATUS, wd_article_get_status (article)));
  wd_json_writer_member (w, "created");
  wd_json_writer_text (w, wd_article_get_created (article));
  wd_json_writer_member (w, "modified");
  wd_json_writer_text (w, wd_article_get_modified (article));
  wd_json_writer_member (w, "revision");
  wd_json_writer_int (w, wd_article_get_revision (article));

  wd_json_writer_member (w, "keywords");
  wd_json_writer_begin_array (w);
  for (guint i = 0; kw != NULL && kw[i] != NULL; i++)
    wd_json_writer_string (w, kw[i]);
  wd_json_writer_end_array (w);

  wd_json_writer_member (w, "body");
  wd_json_writer_text (w, wd_article_get_body (article));
  wd_json_writer_member (w, "desk_note");
  wd_json_writer_text (w, wd_article_get_desk_note (article));
  wd_json_writer_member (w, "ed_note");
  wd_json_writer_text (w, wd_article_get_ed_note (article));

  wd_json_writer_member (w, "sources");
  wd_json_writer_begin_array (w);
  for (guint i = 0; i < n_sources; i++)
    write_source (w, wd_article_get_source (article, i));
  wd_json_writer_end_array (w);

  /* Written only once there is something: unpublished documents stay as
   * they were before publishing existed. */
  if (g_list_model_get_n_items (wd_article_get_publications (article)) > 0)
    {
      wd_json_writer_member (w, "published");
      write_publications (w, wd_article_get_publications (article));
    }

  wd_json_writer_members_of (w, _wd_article_get_extras (article));
  wd_json_writer_end_object (w);
}

GBytes *
wd_native_format_serialize (WdArticle *article)
{
  WdJsonWriter *w;

  g_return_val_if_fail (WD_IS_ARTICLE (article), NULL);

  w = wd_json_writer_new ();
  wd_json_writer_begin_object (w);
  wd_json_writer_member (w, "format");
  wd_json_writer_string (w, "wiredesk");
  wd_json_writer_member (w, "version");
  wd_json_writer_int (w, WD_NATIVE_FORMAT_VERSION);
  wd_json_writer_member (w, "article");
  write_article (w, article);
  wd_json_writer_members_of (w, _wd_article_get_root_extras (article));
  wd_json_writer_end_object (w);

  return wd_json_writer_free_to_bytes (w);
}

/* ---------------------------------------------------------------- reading */

typedef struct
{
  const char  *name;   /* the file, for messages */
  GError     **error;
} Reader;

G_GNUC_PRINTF (4, 5)
static gboolean
field_error (Reader     *r,
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

static const char *
node_type_name (JsonNode *node)
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
static gboolean
collect_extras (Reader             *r,
                const char         *path,
                JsonObject         *object,
                const char * const *known,
                const char * const *known_too,
                JsonObject        **out)
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
        return field_error (r, WD_ERROR_FIELD, path,
                            _("a member the document keeps for a newer version has an invalid escape sequence"));
      if (extras == NULL)
        extras = json_object_new ();
      json_object_set_member (extras, name, json_node_copy (node));
    }

  *out = g_steal_pointer (&extras);
  return TRUE;
}

/* Reads an optional string member: absent, null and "" all give NULL. */
static gboolean
read_string (Reader      *r,
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
        return field_error (r, WD_ERROR_FIELD, path, _("the member “%s” is missing"), member);
      return TRUE;
    }

  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    {
      g_autofree char *full = g_strdup_printf ("%s.%s", path, member);

      return field_error (r, WD_ERROR_FIELD, full, _("expected a string, found %s"),
                          node_type_name (node));
    }

  *out = json_node_get_string (node);
  if (!g_utf8_validate (*out, -1, NULL))
    {
      /* json-glib 1.6 turns some bad escapes ("\2", lone surrogates)
       * into bytes that are not UTF-8: refuse them here. */
      g_autofree char *full = g_strdup_printf ("%s.%s", path, member);

      return field_error (r, WD_ERROR_FIELD, full, _("the text has an invalid escape sequence"));
    }
  if (**out == '\0')
    {
      if (required)
        {
          g_autofree char *full = g_strdup_printf ("%s.%s", path, member);

          return field_error (r, WD_ERROR_FIELD, full, _("must not be empty"));
        }
      *out = NULL;
    }

  return TRUE;
}

static gboolean
read_int (Reader     *r,
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
    return field_error (r, WD_ERROR_FIELD, full, _("expected an integer, found %s"),
                        node_type_name (node));

  *out = json_node_get_int (node);
  if (*out < min || *out > max)
    {
      /* Formatted apart: xgettext cannot see through G_GINT64_FORMAT. */
      g_autofree char *number = g_strdup_printf ("%" G_GINT64_FORMAT, *out);

      return field_error (r, WD_ERROR_FIELD, full, _("%s is out of range"), number);
    }

  return TRUE;
}

static gboolean
read_date (Reader      *r,
           JsonObject  *object,
           const char  *path,
           const char  *member,
           const char **out)
{
  if (!read_string (r, object, path, member, FALSE, out))
    return FALSE;

  if (*out != NULL && !_wd_is_iso8601 (*out))
    {
      g_autofree char *full = g_strdup_printf ("%s.%s", path, member);

      return field_error (r, WD_ERROR_FIELD, full,
                          _("“%s” is not an ISO 8601 date and time with a time zone"), *out);
    }

  return TRUE;
}

static gboolean
read_enum (Reader     *r,
           JsonObject *object,
           const char *path,
           const char *member,
           GType       type,
           int         fallback,
           int        *out)
{
  const char *nick;

  *out = fallback;
  if (!read_string (r, object, path, member, FALSE, &nick))
    return FALSE;

  if (nick != NULL && !wd_enum_from_nick (type, nick, out))
    {
      g_autoptr(GEnumClass) klass = g_type_class_ref (type);
      g_autoptr(GString) allowed = g_string_new (NULL);
      g_autofree char *full = g_strdup_printf ("%s.%s", path, member);

      for (guint i = 0; i < klass->n_values; i++)
        g_string_append_printf (allowed, "%s%s", i ? ", " : "", klass->values[i].value_nick);

      return field_error (r, WD_ERROR_FIELD, full, _("“%s” is not one of: %s"),
                          nick, allowed->str);
    }

  return TRUE;
}

/* Returns the object member, or NULL (absent or null); FALSE on a type error. */
static gboolean
read_object (Reader      *r,
             JsonObject  *object,
             const char  *path,
             const char  *member,
             JsonObject **out)
{
  JsonNode *node = json_object_get_member (object, member);

  *out = NULL;
  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return TRUE;

  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      g_autofree char *full = g_strdup_printf ("%s.%s", path, member);

      return field_error (r, WD_ERROR_FIELD, full, _("expected an object, found %s"),
                          node_type_name (node));
    }

  *out = json_node_get_object (node);
  return TRUE;
}

static gboolean
read_array (Reader      *r,
            JsonObject  *object,
            const char  *path,
            const char  *member,
            JsonArray  **out)
{
  JsonNode *node = json_object_get_member (object, member);

  *out = NULL;
  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return TRUE;

  if (!JSON_NODE_HOLDS_ARRAY (node))
    {
      g_autofree char *full = g_strdup_printf ("%s.%s", path, member);

      return field_error (r, WD_ERROR_FIELD, full, _("expected an array, found %s"),
                          node_type_name (node));
    }

  *out = json_node_get_array (node);
  return TRUE;
}

static WdCheckResult *
read_check (Reader     *r,
            JsonObject *object,
            const char *path)
{
  g_autoptr(WdCheckResult) check = NULL;
  const char * const *fields = wd_check_result_text_fields ();
  int status;
  gint64 http_status, redirects, elapsed_ms;

  if (!read_enum (r, object, path, "status", WD_TYPE_CHECK_STATUS,
                  WD_CHECK_STATUS_UNCHECKED, &status) ||
      !read_int (r, object, path, "http_status", 0, 999, &http_status) ||
      !read_int (r, object, path, "redirects", 0, G_MAXUINT, &redirects) ||
      !read_int (r, object, path, "elapsed_ms", 0, G_MAXINT64, &elapsed_ms))
    return NULL;

  check = wd_check_result_new (status);
  wd_check_result_set_http_status (check, http_status);
  wd_check_result_set_redirects (check, redirects);
  wd_check_result_set_elapsed_ms (check, elapsed_ms);

  for (guint i = 0; fields[i] != NULL; i++)
    {
      const char *name = check_text_members[i];
      const char *value;

      if (!read_string (r, object, path, name, FALSE, &value))
        return NULL;
      if (g_str_equal (fields[i], "checked-at") && value != NULL && !_wd_is_iso8601 (value))
        {
          g_autofree char *full = g_strdup_printf ("%s.%s", path, name);

          field_error (r, WD_ERROR_FIELD, full,
                       _("“%s” is not an ISO 8601 date and time with a time zone"), value);
          return NULL;
        }
      wd_check_result_set_text (check, fields[i], value);
    }

  return g_steal_pointer (&check);
}

static WdSource *
read_source (Reader     *r,
             JsonNode   *node,
             const char *path)
{
  g_autoptr(WdSource) source = NULL;
  g_autoptr(GError) url_error = NULL;
  g_autofree char *url_path = g_strdup_printf ("%s.url", path);
  g_autofree char *check_path = g_strdup_printf ("%s.check", path);
  g_autofree char *baseline_path = g_strdup_printf ("%s.baseline", path);
  g_autofree char *url = NULL;
  g_autoptr(JsonObject) extras = NULL;
  JsonObject *object, *check_object, *baseline_object;
  const char *id, *raw_url, *label, *attached_at, *note;
  int kind;

  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      field_error (r, WD_ERROR_FIELD, path, _("expected an object, found %s"),
                   node_type_name (node));
      return NULL;
    }
  object = json_node_get_object (node);

  if (!read_string (r, object, path, "id", TRUE, &id) ||
      !read_string (r, object, path, "url", TRUE, &raw_url) ||
      !read_string (r, object, path, "label", FALSE, &label) ||
      !read_enum (r, object, path, "kind", WD_TYPE_SOURCE_KIND, WD_SOURCE_KIND_OTHER, &kind) ||
      !read_date (r, object, path, "attached_at", &attached_at) ||
      !read_string (r, object, path, "note", FALSE, &note) ||
      !read_object (r, object, path, "check", &check_object) ||
      !read_object (r, object, path, "baseline", &baseline_object))
    return NULL;

  url = wd_url_normalize (raw_url, &url_error);
  if (url == NULL)
    {
      field_error (r, WD_ERROR_FIELD, url_path, "%s", url_error->message);
      return NULL;
    }

  source = wd_source_new (url);
  _wd_source_set_id (source, id);
  wd_source_set_label (source, label);
  wd_source_set_kind (source, kind);
  wd_source_set_attached_at (source, attached_at);
  wd_source_set_note (source, note);

  if (check_object != NULL)
    {
      g_autoptr(WdCheckResult) check = read_check (r, check_object, check_path);
      g_autoptr(JsonObject) check_extras = NULL;

      if (check == NULL)
        return NULL;

      if (!collect_extras (r, check_path, check_object, check_int_members, check_text_members,
                           &check_extras))
        return NULL;
      wd_source_set_check (source, check);
      _wd_source_set_check_extras (source, check_extras);
    }

  if (baseline_object != NULL)
    {
      const char *title, *sha;

      if (!read_string (r, baseline_object, baseline_path, "title", FALSE, &title) ||
          !read_string (r, baseline_object, baseline_path, "content_sha256", FALSE, &sha))
        return NULL;
      wd_source_set_baseline (source, title, sha);
    }

  if (!collect_extras (r, path, object, source_members, NULL, &extras))
    return NULL;
  _wd_source_set_extras (source, extras);

  return g_steal_pointer (&source);
}

static gboolean
read_keywords (Reader     *r,
               JsonObject *object,
               WdArticle  *article)
{
  g_autoptr(GPtrArray) keywords = g_ptr_array_new ();
  JsonArray *array;

  if (!read_array (r, object, "article", "keywords", &array))
    return FALSE;

  for (guint i = 0; array != NULL && i < json_array_get_length (array); i++)
    {
      JsonNode *node = json_array_get_element (array, i);

      if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
        {
          g_autofree char *path = g_strdup_printf ("article.keywords[%u]", i);

          return field_error (r, WD_ERROR_FIELD, path, _("expected a string, found %s"),
                              node_type_name (node));
        }
      g_ptr_array_add (keywords, (gpointer) json_node_get_string (node));
    }

  g_ptr_array_add (keywords, NULL);
  wd_article_set_keywords (article, (const char * const *) keywords->pdata);

  return TRUE;
}

static gboolean
read_publications (Reader     *r,
                   JsonObject *object,
                   WdArticle  *article)
{
  JsonArray *array;

  if (!read_array (r, object, "article", "published", &array))
    return FALSE;

  for (guint i = 0; array != NULL && i < json_array_get_length (array); i++)
    {
      g_autofree char *path = g_strdup_printf ("article.published[%u]", i);
      g_autoptr(WdPublication) publication = NULL;
      JsonNode *node = json_array_get_element (array, i);
      JsonObject *item;
      const char *endpoint, *remote_id, *url, *at;

      if (!JSON_NODE_HOLDS_OBJECT (node))
        return field_error (r, WD_ERROR_FIELD, path, _("expected an object, found %s"),
                            node_type_name (node));
      item = json_node_get_object (node);

      if (!read_string (r, item, path, "endpoint", TRUE, &endpoint) ||
          !read_string (r, item, path, "remote_id", TRUE, &remote_id) ||
          !read_string (r, item, path, "url", FALSE, &url) ||
          !read_date (r, item, path, "at", &at))
        return FALSE;

      if (wd_article_find_publication (article, endpoint) != NULL)
        return field_error (r, WD_ERROR_FIELD, path,
                            _("a second record for the endpoint %s"), endpoint);

      /* A record is replaced whole at the next publish, so members a newer
       * version added to it are not kept. */
      publication = wd_publication_new (endpoint, remote_id, url, at);
      wd_article_set_publication (article, publication);
    }

  return TRUE;
}

static WdArticle *
read_article (Reader     *r,
              JsonObject *object)
{
  g_autoptr(WdArticle) article = wd_article_new ();
  g_autoptr(JsonObject) extras = NULL;
  const char *id, *text;
  gint64 revision;
  int status;
  JsonArray *sources;
  static const struct { const char *member; const char *property; } texts[] = {
    { "headline", "headline" }, { "standfirst", "standfirst" },
    { "byline", "byline" }, { "dateline", "dateline" },
    { "language", "language" }, { "body", "body" },
    { "desk_note", "desk-note" }, { "ed_note", "ed-note" },
  };

  if (!read_string (r, object, "article", "id", TRUE, &id))
    return NULL;
  _wd_article_set_id (article, id);

  for (guint i = 0; i < G_N_ELEMENTS (texts); i++)
    {
      if (!read_string (r, object, "article", texts[i].member, FALSE, &text))
        return NULL;
      g_object_set (article, texts[i].property, text, NULL);
    }

  if (!read_enum (r, object, "article", "status", WD_TYPE_ARTICLE_STATUS,
                  WD_ARTICLE_STATUS_DRAFT, &status))
    return NULL;
  wd_article_set_status (article, status);

  if (!read_date (r, object, "article", "created", &text))
    return NULL;
  if (text != NULL)
    wd_article_set_created (article, text);

  if (!read_date (r, object, "article", "modified", &text))
    return NULL;
  if (text != NULL)
    wd_article_set_modified (article, text);

  if (!read_int (r, object, "article", "revision", 0, G_MAXUINT, &revision))
    return NULL;
  wd_article_set_revision (article, revision);

  if (!read_keywords (r, object, article))
    return NULL;

  if (!read_array (r, object, "article", "sources", &sources))
    return NULL;

  for (guint i = 0; sources != NULL && i < json_array_get_length (sources); i++)
    {
      g_autofree char *path = g_strdup_printf ("article.sources[%u]", i);
      g_autoptr(WdSource) source = read_source (r, json_array_get_element (sources, i), path);
      g_autoptr(GError) local_error = NULL;

      if (source == NULL)
        return NULL;

      if (!wd_article_insert_source (article, G_MAXUINT, source, &local_error))
        {
          field_error (r, WD_ERROR_FIELD, path, "%s", local_error->message);
          return NULL;
        }
    }

  if (!read_publications (r, object, article))
    return NULL;

  if (!collect_extras (r, "article", object, article_members, NULL, &extras))
    return NULL;
  _wd_article_set_extras (article, extras);

  return g_steal_pointer (&article);
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

/* Refuses what json-glib would mishandle: invalid UTF-8 (it accepts it)
 * and deep nesting (it recurses without a limit). */
static gboolean
prescan (Reader     *r,
         const char *data,
         gsize       len)
{
  const char *invalid = NULL;
  guint depth = 0;
  gboolean in_string = FALSE;
  guint line, column;

  if (!g_utf8_validate_len (data, len, &invalid))
    {
      offset_to_position (data, invalid - data, &line, &column);
      g_set_error (r->error, WD_ERROR, WD_ERROR_PARSE,
                   _("%s:%u:%u: the file is not valid UTF-8 text"),
                   r->name, line, column);
      return FALSE;
    }

  for (gsize i = 0; i < len; i++)
    {
      char c = data[i];

      if (in_string)
        {
          if (c == '\\')
            i++;
          else if (c == '"')
            in_string = FALSE;
          continue;
        }

      if (c == '"')
        in_string = TRUE;
      else if (c == '{' || c == '[')
        {
          if (++depth > MAX_NESTING)
            {
              offset_to_position (data, i, &line, &column);
              g_set_error (r->error, WD_ERROR, WD_ERROR_PARSE,
                           _("%s:%u:%u: objects and arrays are nested more than %d levels deep"),
                           r->name, line, column, MAX_NESTING);
              return FALSE;
            }
        }
      else if ((c == '}' || c == ']') && depth > 0)
        depth--;
    }

  return TRUE;
}

WdArticle *
wd_native_format_parse (GBytes      *bytes,
                        const char  *display_name,
                        GError     **error)
{
  g_autoptr(JsonParser) parser = NULL;
  g_autoptr(GError) json_error = NULL;
  g_autoptr(WdArticle) article = NULL;
  g_autoptr(JsonObject) root_extras = NULL;
  Reader r = { display_name != NULL ? display_name : "<data>", error };
  JsonNode *root;
  JsonObject *document, *article_object;
  const char *data, *format;
  gsize len;
  gint64 version;

  g_return_val_if_fail (bytes != NULL, NULL);

  data = g_bytes_get_data (bytes, &len);

  /* Some editors write a BOM in front of UTF-8; it means nothing here. */
  if (len >= 3 && memcmp (data, "\xEF\xBB\xBF", 3) == 0)
    {
      data += 3;
      len -= 3;
    }

  {
    gsize i = 0;

    while (i < len && g_ascii_isspace (data[i]))
      i++;
    if (i == len)
      {
        g_set_error (error, WD_ERROR, WD_ERROR_PARSE, _("%s: the file is empty"), r.name);
        return NULL;
      }
  }

  if (!prescan (&r, data, len))
    return NULL;

  parser = json_parser_new_immutable ();
  if (!json_parser_load_from_data (parser, data, len, &json_error))
    {
      /* json-glib says "<data>:LINE:COL: Parse error: …"; name the file. */
      const char *msg = json_error->message;

      if (g_str_has_prefix (msg, "<data>"))
        msg += strlen ("<data>");
      else if (*msg != ':')
        {
          g_set_error (error, WD_ERROR, WD_ERROR_PARSE, "%s: %s", r.name, msg);
          return NULL;
        }
      g_set_error (error, WD_ERROR, WD_ERROR_PARSE, "%s%s", r.name, msg);
      return NULL;
    }

  root = json_parser_get_root (parser);
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    {
      g_set_error (error, WD_ERROR, WD_ERROR_FORMAT,
                   _("%s: not a Wiredesk document: expected a JSON object at the top"),
                   r.name);
      return NULL;
    }
  document = json_node_get_object (root);

  if (!read_string (&r, document, "(document)", "format", FALSE, &format))
    return NULL;
  if (g_strcmp0 (format, "wiredesk") != 0)
    {
      g_set_error (error, WD_ERROR, WD_ERROR_FORMAT,
                   _("%s: not a Wiredesk document: “format” is %s%s%s, expected “wiredesk”"),
                   r.name, format ? "“" : "", format ? format : _("missing"), format ? "”" : "");
      return NULL;
    }

  if (!json_object_has_member (document, "version"))
    {
      g_set_error (error, WD_ERROR, WD_ERROR_FORMAT,
                   _("%s: version: the member is missing"), r.name);
      return NULL;
    }
  if (!read_int (&r, document, "(document)", "version", 1, G_MAXINT64, &version))
    return NULL;
  if (version > WD_NATIVE_FORMAT_VERSION)
    {
      g_autofree char *number = g_strdup_printf ("%" G_GINT64_FORMAT, version);

      g_set_error (error, WD_ERROR, WD_ERROR_NEWER_VERSION,
                   _("%s: the document has format version %s, newer than this Wiredesk "
                     "understands (%d); update Wiredesk to open it"),
                   r.name, number, WD_NATIVE_FORMAT_VERSION);
      return NULL;
    }

  if (!read_object (&r, document, "(document)", "article", &article_object))
    return NULL;
  if (article_object == NULL)
    {
      g_set_error (error, WD_ERROR, WD_ERROR_FORMAT,
                   _("%s: article: the member is missing"), r.name);
      return NULL;
    }

  article = read_article (&r, article_object);
  if (article == NULL)
    return NULL;

  if (!collect_extras (&r, "(document)", document, root_members, NULL, &root_extras))
    return NULL;
  _wd_article_set_root_extras (article, root_extras);

  return g_steal_pointer (&article);
}

/* ------------------------------------------------------------------ files */

static char *
display_name_of (GFile *file)
{
  char *path = g_file_get_path (file);

  return path != NULL ? path : g_file_get_uri (file);
}

WdArticle *
wd_native_format_load (GFile         *file,
                       GCancellable  *cancellable,
                       GError       **error)
{
  g_autofree char *name = NULL;
  g_autoptr(GFileInfo) info = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) local_error = NULL;

  g_return_val_if_fail (G_IS_FILE (file), NULL);

  name = display_name_of (file);

  info = g_file_query_info (file, G_FILE_ATTRIBUTE_STANDARD_SIZE "," G_FILE_ATTRIBUTE_STANDARD_TYPE,
                            G_FILE_QUERY_INFO_NONE, cancellable, &local_error);
  if (info == NULL)
    {
      g_set_error (error, local_error->domain, local_error->code, "%s", local_error->message);
      return NULL;
    }

  if (g_file_info_get_file_type (info) == G_FILE_TYPE_DIRECTORY)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_IS_DIRECTORY,
                   _("%s: is a folder, not a document"), name);
      return NULL;
    }

  if (g_file_info_get_size (info) > WD_NATIVE_FORMAT_MAX_SIZE)
    {
      g_set_error (error, WD_ERROR, WD_ERROR_TOO_LARGE,
                   _("%s: the file is larger than %d MB; it is not a Wiredesk document"),
                   name, WD_NATIVE_FORMAT_MAX_SIZE / (1024 * 1024));
      return NULL;
    }

  bytes = g_file_load_bytes (file, cancellable, NULL, &local_error);
  if (bytes == NULL)
    {
      g_set_error (error, local_error->domain, local_error->code, "%s", local_error->message);
      return NULL;
    }

  return wd_native_format_parse (bytes, name, error);
}

/* Bumps revision and modified; returns what to restore if the save fails. */
typedef struct
{
  guint  revision;
  char  *modified;
} SaveUndo;

static void
save_undo_free (SaveUndo *undo)
{
  g_free (undo->modified);
  g_free (undo);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SaveUndo, save_undo_free)

static SaveUndo *
begin_save (WdArticle *article)
{
  SaveUndo *undo = g_new0 (SaveUndo, 1);
  g_autofree char *now = _wd_now_iso8601 ();

  undo->revision = wd_article_get_revision (article);
  undo->modified = g_strdup (wd_article_get_modified (article));

  wd_article_set_revision (article, undo->revision + 1);
  wd_article_set_modified (article, now);

  return undo;
}

static void
rollback_save (WdArticle *article,
               SaveUndo  *undo)
{
  wd_article_set_revision (article, undo->revision);
  wd_article_set_modified (article, undo->modified);
}

gboolean
wd_native_format_save (WdArticle     *article,
                       GFile         *file,
                       GCancellable  *cancellable,
                       GError       **error)
{
  g_autoptr(SaveUndo) undo = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *name = NULL;
  gconstpointer data;
  gsize len;

  g_return_val_if_fail (WD_IS_ARTICLE (article), FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);

  undo = begin_save (article);
  bytes = wd_native_format_serialize (article);
  data = g_bytes_get_data (bytes, &len);

  if (!g_file_replace_contents (file, data, len, NULL, FALSE, G_FILE_CREATE_NONE,
                                NULL, cancellable, &local_error))
    {
      name = display_name_of (file);
      rollback_save (article, undo);
      g_set_error (error, local_error->domain, local_error->code,
                   _("%s: could not save: %s"), name, local_error->message);
      return FALSE;
    }

  return TRUE;
}

static void
save_replace_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) local_error = NULL;

  if (!g_file_replace_contents_finish (G_FILE (object), result, NULL, &local_error))
    {
      g_autofree char *name = display_name_of (G_FILE (object));

      rollback_save (g_task_get_source_object (task), g_task_get_task_data (task));
      g_task_return_new_error (task, local_error->domain, local_error->code,
                               _("%s: could not save: %s"), name, local_error->message);
      return;
    }

  g_task_return_boolean (task, TRUE);
}

void
wd_native_format_save_async (WdArticle           *article,
                             GFile               *file,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GBytes) bytes = NULL;

  g_return_if_fail (WD_IS_ARTICLE (article));
  g_return_if_fail (G_IS_FILE (file));

  task = g_task_new (article, cancellable, callback, user_data);
  g_task_set_source_tag (task, wd_native_format_save_async);
  g_task_set_task_data (task, begin_save (article), (GDestroyNotify) save_undo_free);

  bytes = wd_native_format_serialize (article);
  g_file_replace_contents_bytes_async (file, bytes, NULL, FALSE, G_FILE_CREATE_NONE,
                                       cancellable, save_replace_cb, g_steal_pointer (&task));
}

gboolean
wd_native_format_save_finish (WdArticle     *article,
                              GAsyncResult  *result,
                              GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, article), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == wd_native_format_save_async, FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

static void
load_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  GError *error = NULL;
  WdArticle *article = wd_native_format_load (task_data, cancellable, &error);

  if (article == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, article, g_object_unref);
}

void
wd_native_format_load_async (GFile               *file,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (G_IS_FILE (file));

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, wd_native_format_load_async);
  g_task_set_task_data (task, g_object_ref (file), g_object_unref);
  g_task_run_in_thread (task, load_thread);
}

WdArticle *
wd_native_format_load_finish (GAsyncResult  *result,
                              GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

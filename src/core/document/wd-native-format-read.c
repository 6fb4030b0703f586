#define G_LOG_DOMAIN "wd-native-format"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "wd-article-private.h"
#include "wd-enums.h"
#include "wd-error.h"
#include "wd-history-private.h"
#include "wd-json-reader-private.h"
#include "wd-native-format.h"
#include "wd-native-format-private.h"
#include "wd-publication.h"
#include "wd-source-private.h"
#include "wd-url.h"
#include "wd-util-private.h"

/* "authors": the names one by one, when the page gave several. Only while
 * they are what "author" says: a version that knows only "author" keeps
 * "authors" as it found it when a new check changes "author". */
static gboolean
read_authors (WdReader      *r,
              JsonObject    *object,
              const char    *path,
              WdCheckResult *check)
{
  g_autoptr(GPtrArray) names = g_ptr_array_new ();
  g_autofree char *joined = NULL;
  JsonArray *array;

  if (!_wd_read_array (r, object, path, "authors", &array))
    return FALSE;
  if (array == NULL)
    return TRUE;

  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      g_autofree char *item_path = g_strdup_printf ("%s.authors[%u]", path, i);
      const char *name;

      if (!_wd_read_string_node (r, json_array_get_element (array, i), item_path, &name))
        return FALSE;
      g_ptr_array_add (names, (gpointer) name);
    }
  g_ptr_array_add (names, NULL);

  {
    g_autoptr(WdCheckResult) probe = wd_check_result_new (WD_CHECK_STATUS_UNCHECKED);

    /* Compared as the model keeps them (cleaned, joined). */
    wd_check_result_set_authors (probe, (const char * const *) names->pdata);
    if (g_strcmp0 (wd_check_result_get_author (probe), wd_check_result_get_author (check)) == 0)
      wd_check_result_set_authors (check, (const char * const *) names->pdata);
  }

  return TRUE;
}

static WdCheckResult *
read_check (WdReader   *r,
            JsonObject *object,
            const char *path)
{
  g_autoptr(WdCheckResult) check = NULL;
  const char * const *fields = wd_check_result_text_fields ();
  int status;
  gint64 http_status, redirects, elapsed_ms;

  if (!_wd_read_enum (r, object, path, "status", WD_TYPE_CHECK_STATUS,
                      WD_CHECK_STATUS_UNCHECKED, &status) ||
      !_wd_read_int (r, object, path, "http_status", 0, 999, &http_status) ||
      !_wd_read_int (r, object, path, "redirects", 0, G_MAXUINT, &redirects) ||
      !_wd_read_int (r, object, path, "elapsed_ms", 0, G_MAXINT64, &elapsed_ms))
    return NULL;

  check = wd_check_result_new (status);
  wd_check_result_set_http_status (check, http_status);
  wd_check_result_set_redirects (check, redirects);
  wd_check_result_set_elapsed_ms (check, elapsed_ms);

  for (guint i = 0; fields[i] != NULL; i++)
    {
      const char *name = _wd_native_check_text_members[i];
      const char *value;

      if (!_wd_read_string (r, object, path, name, FALSE, &value))
        return NULL;
      if (g_str_equal (fields[i], "checked-at") && value != NULL && !_wd_is_iso8601 (value))
        {
          g_autofree char *full = g_strdup_printf ("%s.%s", path, name);

          _wd_reader_error (r, WD_ERROR_FIELD, full,
                            _("“%s” is not an ISO 8601 date and time with a time zone"), value);
          return NULL;
        }
      wd_check_result_set_text (check, fields[i], value);
    }

  if (!read_authors (r, object, path, check))
    return NULL;

  return g_steal_pointer (&check);
}

static WdSource *
read_source (WdReader   *r,
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
      _wd_reader_error (r, WD_ERROR_FIELD, path, _("expected an object, found %s"),
                        _wd_reader_node_type_name (node));
      return NULL;
    }
  object = json_node_get_object (node);

  if (!_wd_read_string (r, object, path, "id", TRUE, &id) ||
      !_wd_read_string (r, object, path, "url", TRUE, &raw_url) ||
      !_wd_read_string (r, object, path, "label", FALSE, &label) ||
      !_wd_read_enum (r, object, path, "kind", WD_TYPE_SOURCE_KIND, WD_SOURCE_KIND_OTHER, &kind) ||
      !_wd_read_date (r, object, path, "attached_at", &attached_at) ||
      !_wd_read_string (r, object, path, "note", FALSE, &note) ||
      !_wd_read_object (r, object, path, "check", &check_object) ||
      !_wd_read_object (r, object, path, "baseline", &baseline_object))
    return NULL;

  url = wd_url_normalize (raw_url, &url_error);
  if (url == NULL)
    {
      _wd_reader_error (r, WD_ERROR_FIELD, url_path, "%s", url_error->message);
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

      if (!_wd_reader_collect_extras (r, check_path, check_object, _wd_native_check_other_members, _wd_native_check_text_members,
                                      &check_extras))
        return NULL;
      wd_source_set_check (source, check);
      _wd_source_set_check_extras (source, check_extras);
    }

  if (baseline_object != NULL)
    {
      const char *title, *sha;

      if (!_wd_read_string (r, baseline_object, baseline_path, "title", FALSE, &title) ||
          !_wd_read_string (r, baseline_object, baseline_path, "content_sha256", FALSE, &sha))
        return NULL;
      wd_source_set_baseline (source, title, sha);
    }

  if (!_wd_reader_collect_extras (r, path, object, _wd_native_source_members, NULL, &extras))
    return NULL;
  _wd_source_set_extras (source, extras);

  return g_steal_pointer (&source);
}

static gboolean
read_keywords (WdReader   *r,
               JsonObject *object,
               WdArticle  *article)
{
  g_autoptr(GPtrArray) keywords = g_ptr_array_new ();
  JsonArray *array;

  if (!_wd_read_array (r, object, "article", "keywords", &array))
    return FALSE;

  for (guint i = 0; array != NULL && i < json_array_get_length (array); i++)
    {
      g_autofree char *path = g_strdup_printf ("article.keywords[%u]", i);
      const char *keyword;

      if (!_wd_read_string_node (r, json_array_get_element (array, i), path, &keyword))
        return FALSE;
      g_ptr_array_add (keywords, (gpointer) keyword);
    }

  g_ptr_array_add (keywords, NULL);
  wd_article_set_keywords (article, (const char * const *) keywords->pdata);

  return TRUE;
}

static gboolean
read_publications (WdReader   *r,
                   JsonObject *object,
                   WdArticle  *article)
{
  JsonArray *array;

  if (!_wd_read_array (r, object, "article", "published", &array))
    return FALSE;

  for (guint i = 0; array != NULL && i < json_array_get_length (array); i++)
    {
      g_autofree char *path = g_strdup_printf ("article.published[%u]", i);
      g_autoptr(WdPublication) publication = NULL;
      JsonNode *node = json_array_get_element (array, i);
      JsonObject *item;
      const char *endpoint, *remote_id, *url, *at;

      if (!JSON_NODE_HOLDS_OBJECT (node))
        return _wd_reader_error (r, WD_ERROR_FIELD, path, _("expected an object, found %s"),
                                 _wd_reader_node_type_name (node));
      item = json_node_get_object (node);

      if (!_wd_read_string (r, item, path, "endpoint", TRUE, &endpoint) ||
          !_wd_read_string (r, item, path, "remote_id", TRUE, &remote_id) ||
          !_wd_read_string (r, item, path, "url", FALSE, &url) ||
          !_wd_read_date (r, item, path, "at", &at))
        return FALSE;

      if (wd_article_find_publication (article, endpoint) != NULL)
        return _wd_reader_error (r, WD_ERROR_FIELD, path,
                                 _("a second record for the endpoint %s"), endpoint);

      /* A record is replaced whole at the next publish, so members a newer
       * version added to it are not kept. */
      publication = wd_publication_new (endpoint, remote_id, url, at);
      wd_article_set_publication (article, publication);
    }

  return TRUE;
}

static WdArticle *
read_article (WdReader   *r,
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

  if (!_wd_read_string (r, object, "article", "id", TRUE, &id))
    return NULL;
  _wd_article_set_id (article, id);

  for (guint i = 0; i < G_N_ELEMENTS (texts); i++)
    {
      if (!_wd_read_string (r, object, "article", texts[i].member, FALSE, &text))
        return NULL;
      g_object_set (article, texts[i].property, text, NULL);
    }

  if (!_wd_read_enum (r, object, "article", "status", WD_TYPE_ARTICLE_STATUS,
                      WD_ARTICLE_STATUS_DRAFT, &status))
    return NULL;
  wd_article_set_status (article, status);

  if (!_wd_read_date (r, object, "article", "created", &text))
    return NULL;
  if (text != NULL)
    wd_article_set_created (article, text);

  if (!_wd_read_date (r, object, "article", "modified", &text))
    return NULL;
  if (text != NULL)
    wd_article_set_modified (article, text);

  if (!_wd_read_int (r, object, "article", "revision", 0, G_MAXUINT, &revision))
    return NULL;
  wd_article_set_revision (article, revision);

  if (!read_keywords (r, object, article))
    return NULL;

  if (!_wd_read_array (r, object, "article", "sources", &sources))
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
          _wd_reader_error (r, WD_ERROR_FIELD, path, "%s", local_error->message);
          return NULL;
        }
    }

  if (!read_publications (r, object, article))
    return NULL;

  if (!_wd_reader_collect_extras (r, "article", object, _wd_native_article_members, NULL, &extras))
    return NULL;
  _wd_article_set_extras (article, extras);

  return g_steal_pointer (&article);
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
  WdReader r = { display_name != NULL ? display_name : "<data>", error };
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

  if (!_wd_reader_prescan (&r, data, len))
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

  if (!_wd_read_string (&r, document, "(document)", "format", FALSE, &format))
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
  if (!_wd_read_int (&r, document, "(document)", "version", 1, G_MAXINT64, &version))
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

  if (!_wd_read_object (&r, document, "(document)", "article", &article_object))
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

  if (!_wd_reader_collect_extras (&r, "(document)", document, _wd_native_root_members, NULL, &root_extras))
    return NULL;
  /* Never fails: a damaged history is a warning, the article opens. */
  _wd_history_read (wd_article_get_history (article), article,
                    json_object_get_member (document, "history"), r.name);
  _wd_article_set_root_extras (article, root_extras);

  return g_steal_pointer (&article);
}

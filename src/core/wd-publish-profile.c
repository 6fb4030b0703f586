#define G_LOG_DOMAIN "wd-publish-profile"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>
#include <string.h>

#include "wd-export.h"
#include "wd-markdown-private.h"
#include "wd-publish-profile-private.h"

#define WORDPRESS_POSTS "/wp-json/wp/v2/posts"
#define MAX_MESSAGE_CHARS 300
#define REDACTED "********"

char *
_wd_publish_request_url (WdPublishProfile  profile,
                         const char       *endpoint,
                         const char       *remote_id)
{
  g_autofree char *escaped = remote_id != NULL ? g_uri_escape_string (remote_id, NULL, FALSE) : NULL;
  const char *base_path = "";

  /* A WordPress endpoint is the site; the REST route is ours to add. */
  if (profile == WD_PUBLISH_PROFILE_WORDPRESS && !g_str_has_suffix (endpoint, WORDPRESS_POSTS))
    base_path = WORDPRESS_POSTS;

  if (escaped == NULL)
    return g_strconcat (endpoint, base_path, NULL);

  return g_strconcat (endpoint, base_path, "/", escaped, NULL);
}

const char *
_wd_publish_request_method (WdPublishProfile profile,
                            gboolean         update)
{
  /* WordPress's REST API updates with POST (PUT works too, but not
   * through every proxy); the generic protocol uses PUT. */
  if (update && profile != WD_PUBLISH_PROFILE_WORDPRESS)
    return "PUT";
  return "POST";
}

const char *
_wd_publish_content_type (WdPublishProfile profile)
{
  if (profile == WD_PUBLISH_PROFILE_JSONLD)
    return "application/ld+json";
  return "application/json";
}

static const char *
wordpress_status (WdArticleStatus status)
{
  switch (status)
    {
    case WD_ARTICLE_STATUS_PUBLISHED:
      return "publish";
    case WD_ARTICLE_STATUS_IN_REVIEW:
    case WD_ARTICLE_STATUS_READY:
      return "pending";
    case WD_ARTICLE_STATUS_DRAFT:
    default:
      return "draft";
    }
}

static GBytes *
wordpress_payload (WdArticle *article)
{
  g_autoptr(WdRenderedBody) body = _wd_rendered_body_new (article, TRUE);
  g_autoptr(JsonBuilder) builder = json_builder_new_immutable ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;
  const char *standfirst = wd_article_get_standfirst (article);
  gsize len;
  char *data;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "title");
  json_builder_add_string_value (builder, wd_article_get_headline (article));
  json_builder_set_member_name (builder, "content");
  json_builder_add_string_value (builder, body->html);
  json_builder_set_member_name (builder, "excerpt");
  json_builder_add_string_value (builder, standfirst != NULL ? standfirst : "");
  json_builder_set_member_name (builder, "status");
  json_builder_add_string_value (builder, wordpress_status (wd_article_get_status (article)));
  /* Kept with the post once the site registers the meta key (issue 10). */
  json_builder_set_member_name (builder, "meta");
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "wiredesk_article_id");
  json_builder_add_string_value (builder, wd_article_get_id (article));
  json_builder_end_object (builder);
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  json_generator_set_root (generator, root);
  data = json_generator_to_data (generator, &len);

  return g_bytes_new_take (data, len);
}

GBytes *
_wd_publish_payload (WdPublishProfile   profile,
                     WdArticle         *article,
                     GError           **error)
{
  if (!wd_export_check (article, NULL, error))
    return NULL;

  switch (profile)
    {
    case WD_PUBLISH_PROFILE_JSONLD:
      return wd_export_serialize (article, WD_EXPORT_FORMAT_JSONLD, error);
    case WD_PUBLISH_PROFILE_WORDPRESS:
      return wordpress_payload (article);
    case WD_PUBLISH_PROFILE_NINJS:
    default:
      return wd_export_serialize (article, WD_EXPORT_FORMAT_NINJS, error);
    }
}

char *
_wd_publish_authorization (WdPublishProfile  profile,
                           const char       *credential)
{
  g_autofree char *encoded = NULL;

  if (profile != WD_PUBLISH_PROFILE_WORDPRESS)
    return g_strconcat ("Bearer ", credential, NULL);

  encoded = g_base64_encode ((const guchar *) credential, strlen (credential));
  return g_strconcat ("Basic ", encoded, NULL);
}

static JsonObject *
parse_object (GBytes *body)
{
  g_autoptr(JsonParser) parser = json_parser_new_immutable ();
  gsize len;
  const char *data;
  JsonNode *root;

  if (body == NULL)
    return NULL;

  data = g_bytes_get_data (body, &len);
  if (len == 0 || !g_utf8_validate_len (data, len, NULL) ||
      !json_parser_load_from_data (parser, data, len, NULL))
    return NULL;

  root = json_parser_get_root (parser);
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    return NULL;

  return json_object_ref (json_node_get_object (root));
}

/* A string, or an integer as text; NULL otherwise. */
static char *
member_text (JsonObject *object,
             const char *member)
{
  JsonNode *node = json_object_get_member (object, member);

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node))
    return NULL;

  switch (json_node_get_value_type (node))
    {
    case G_TYPE_STRING:
      return *json_node_get_string (node) != '\0' ? g_strdup (json_node_get_string (node)) : NULL;
    case G_TYPE_INT64:
      return g_strdup_printf ("%" G_GINT64_FORMAT, json_node_get_int (node));
    default:
      return NULL;
    }
}

static char *
id_from_location (const char *location,
                  const char *request_url)
{
  g_autoptr(GUri) base = g_uri_parse (request_url, G_URI_FLAGS_NONE, NULL);
  g_autoptr(GUri) uri = NULL;
  const char *path, *slash;

  if (base == NULL || location == NULL)
    return NULL;

  uri = g_uri_parse_relative (base, location, G_URI_FLAGS_NONE, NULL);
  if (uri == NULL)
    return NULL;

  path = g_uri_get_path (uri);
  slash = strrchr (path, '/');
  if (slash == NULL || slash[1] == '\0')
    return NULL;

  return g_uri_unescape_string (slash + 1, NULL);
}

gboolean
_wd_publish_parse_answer (WdPublishProfile    profile,
                          GBytes             *body,
                          SoupMessageHeaders *headers,
                          const char         *request_url,
                          char              **remote_id,
                          char              **url,
                          GError            **error)
{
  g_autoptr(JsonObject) object = parse_object (body);
  g_autofree char *id = NULL;
  g_autofree char *link = NULL;

  if (object != NULL)
    {
      id = member_text (object, "id");
      link = member_text (object, profile == WD_PUBLISH_PROFILE_WORDPRESS ? "link" : "url");
      if (link == NULL)
        link = member_text (object, profile == WD_PUBLISH_PROFILE_WORDPRESS ? "url" : "link");
    }

  if (id == NULL)
    id = id_from_location (soup_message_headers_get_one (headers, "Location"), request_url);

  if (id == NULL)
    {
      g_set_error (error, WD_PUBLISH_ERROR, WD_PUBLISH_ERROR_RESPONSE,
                   _("the CMS accepted the article but did not say under which id "
                     "(no “id” in its answer, no Location header)"));
      return FALSE;
    }

  *remote_id = g_steal_pointer (&id);
  *url = g_steal_pointer (&link);
  return TRUE;
}

static char *
clean_message (const char *text)
{
  GString *out = g_string_new (NULL);
  const char *p = text;

  for (guint chars = 0; *p != '\0' && chars < MAX_MESSAGE_CHARS; p = g_utf8_next_char (p), chars++)
    {
      gunichar ch = g_utf8_get_char (p);

      if (ch == '\n' || ch == '\r' || ch == '\t')
        g_string_append_c (out, ' ');
      else if (!g_unichar_iscntrl (ch))
        g_string_append_unichar (out, ch);
    }

  g_strstrip (out->str);
  g_string_set_size (out, strlen (out->str));
  if (out->len == 0)
    return g_string_free (out, TRUE);

  if (*p != '\0')
    g_string_append (out, "…");

  return g_string_free (out, FALSE);
}

char *
_wd_publish_answer_message (GBytes *body)
{
  g_autoptr(JsonObject) object = parse_object (body);
  static const char * const members[] = { "message", "error", "detail", "title", NULL };
  g_autofree char *first_line = NULL;
  const char *data;
  gsize len;

  if (object != NULL)
    {
      for (guint i = 0; members[i] != NULL; i++)
        {
          g_autofree char *text = member_text (object, members[i]);
          JsonNode *node = json_object_get_member (object, members[i]);

          /* {"error": {"message": "…"}} */
          if (text == NULL && node != NULL && JSON_NODE_HOLDS_OBJECT (node))
            text = member_text (json_node_get_object (node), "message");
          if (text != NULL)
            return clean_message (text);
        }
      return NULL;
    }

  if (body == NULL)
    return NULL;

  data = g_bytes_get_data (body, &len);
  if (len == 0 || !g_utf8_validate_len (data, len, NULL))
    return NULL;

  /* Plain text (or an HTML error page: its first line says little, but
   * says it). The bytes are not NUL-terminated. */
  first_line = g_strndup (data, len);
  first_line[strcspn (first_line, "\n")] = '\0';
  return clean_message (first_line);
}

static void
replace_all (GString    *text,
             const char *secret)
{
  /* Too short a part would blank ordinary words. */
  if (secret == NULL || strlen (secret) < 4)
    return;
  g_string_replace (text, secret, REDACTED, 0);
}

char *
_wd_publish_redact (const char *text,
                    const char *credential)
{
  GString *out;
  g_autofree char *encoded = NULL;
  const char *colon;

  if (text == NULL)
    return NULL;

  out = g_string_new (text);
  if (credential == NULL || *credential == '\0')
    return g_string_free (out, FALSE);

  encoded = g_base64_encode ((const guchar *) credential, strlen (credential));
  replace_all (out, credential);
  replace_all (out, encoded);

  colon = strchr (credential, ':');
  if (colon != NULL)
    replace_all (out, colon + 1);

  return g_string_free (out, FALSE);
}

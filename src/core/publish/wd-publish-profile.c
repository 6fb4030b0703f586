#define G_LOG_DOMAIN "wd-publish-profile"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>
#include <string.h>

#include "wd-export.h"
#include "wd-json-reader-private.h"
#include "wd-publish-profile-private.h"
#include "wd-publisher-private.h"
#include "wd-url.h"

#define MAX_MESSAGE_CHARS 300
#define REDACTED "********"

static const char * const profile_names[WD_PUBLISH_N_PROFILES] = {
  [WD_PUBLISH_PROFILE_NINJS] = "ninjs",
  [WD_PUBLISH_PROFILE_JSONLD] = "jsonld",
  [WD_PUBLISH_PROFILE_WORDPRESS] = "wordpress",
};

gboolean
wd_publish_profile_from_name (const char       *name,
                              WdPublishProfile *profile)
{
  g_return_val_if_fail (name != NULL, FALSE);

  for (guint i = 0; i < WD_PUBLISH_N_PROFILES; i++)
    if (g_str_equal (profile_names[i], name))
      {
        if (profile != NULL)
          *profile = i;
        return TRUE;
      }

  return FALSE;
}

const char *
wd_publish_profile_get_name (WdPublishProfile profile)
{
  g_return_val_if_fail (profile < WD_PUBLISH_N_PROFILES, NULL);
  return profile_names[profile];
}

/* "rest_route=/…", WordPress's address for its REST API on sites
 * without pretty permalinks: the one query an endpoint may have. */
static char *
rest_route_of (const char *query)
{
  g_autofree char *route = NULL;
  gsize len;

  if (!g_str_has_prefix (query, "rest_route=") || strchr (query, '&') != NULL)
    return NULL;

  route = g_uri_unescape_string (query + strlen ("rest_route="), NULL);
  if (route == NULL || route[0] != '/')
    return NULL;

  len = strlen (route);
  while (len > 1 && route[len - 1] == '/')
    route[--len] = '\0';

  return g_steal_pointer (&route);
}

char *
wd_publish_normalize_endpoint (const char  *text,
                               GError     **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autoptr(GUri) uri = NULL;
  g_autofree char *normalized = NULL;
  g_autofree char *route = NULL;
  const char *query;
  gsize len;

  g_return_val_if_fail (text != NULL, NULL);

  normalized = wd_url_has_credentials (text) ? NULL : wd_url_normalize (text, &local_error);
  if (normalized == NULL && local_error == NULL)
    {
      /* Not quoted: the address holds a password. */
      g_set_error_literal (error, WD_PUBLISH_ERROR, WD_PUBLISH_ERROR_INVALID_ENDPOINT,
                           _("not a usable endpoint: the address holds a user name or password; "
                             "give the plain address (credentials go in the keyring)"));
      return NULL;
    }
  if (normalized == NULL)
    {
      g_set_error (error, WD_PUBLISH_ERROR, WD_PUBLISH_ERROR_INVALID_ENDPOINT,
                   _("not a usable endpoint: %s"), local_error->message);
      return NULL;
    }

  uri = g_uri_parse (normalized, G_URI_FLAGS_ENCODED, NULL);
  query = uri != NULL ? g_uri_get_query (uri) : NULL;
  if (query != NULL)
    route = rest_route_of (query);

  if (uri == NULL || (query != NULL && route == NULL) || g_uri_get_fragment (uri) != NULL ||
      g_uri_get_userinfo (uri) != NULL)
    {
      g_set_error (error, WD_PUBLISH_ERROR, WD_PUBLISH_ERROR_INVALID_ENDPOINT,
                   _("not a usable endpoint: %s has a fragment, a user name or a query "
                     "(other than WordPress’s “?rest_route=/”); give the plain address "
                     "(credentials go in the keyring)"), text);
      return NULL;
    }

  if (route != NULL)
    {
      /* "https://site/?rest_route=/wp/v2/posts/": the address as it is,
       * the route without trailing slashes. */
      g_autofree char *escaped = g_uri_escape_string (route, "/", FALSE);

      *strchr (normalized, '?') = '\0';
      return g_strconcat (normalized, "?rest_route=", escaped, NULL);
    }

  len = strlen (normalized);
  while (len > 0 && normalized[len - 1] == '/')
    normalized[--len] = '\0';

  return g_steal_pointer (&normalized);
}

static const WdPublishProfileInfo profiles[WD_PUBLISH_N_PROFILES] = {
  [WD_PUBLISH_PROFILE_NINJS] = {
    .content_type = "application/json",
    .new_data = _wd_generic_new,
    .free_data = (GDestroyNotify) _wd_generic_free,
    .start = _wd_generic_start,
  },
  [WD_PUBLISH_PROFILE_JSONLD] = {
    .content_type = "application/ld+json",
    .new_data = _wd_generic_new,
    .free_data = (GDestroyNotify) _wd_generic_free,
    .start = _wd_generic_start,
  },
  [WD_PUBLISH_PROFILE_WORDPRESS] = {
    .content_type = "application/json",
    .basic_auth = TRUE,
    /* Without pretty permalinks /wp-json/… redirects to ?rest_route=. */
    .handles_redirects = TRUE,
    .plain_http_hint = N_("over plain http, WordPress takes application passwords only "
                          "on sites set up for local development: use the https address"),
    .new_data = _wd_wordpress_new,
    .free_data = (GDestroyNotify) _wd_wordpress_free,
    .start = _wd_wordpress_start,
  },
};

const WdPublishProfileInfo *
_wd_publish_profile_info (WdPublishProfile profile)
{
  g_return_val_if_fail (profile < WD_PUBLISH_N_PROFILES, NULL);
  return &profiles[profile];
}

const char *
_wd_publish_content_type (WdPublishProfile profile)
{
  return profiles[profile].content_type;
}

char *
_wd_publish_authorization (WdPublishProfile  profile,
                           const char       *credential)
{
  g_autofree char *encoded = NULL;

  if (!profiles[profile].basic_auth)
    return g_strconcat ("Bearer ", credential, NULL);

  encoded = g_base64_encode ((const guchar *) credential, strlen (credential));
  return g_strconcat ("Basic ", encoded, NULL);
}

JsonNode *
_wd_publish_parse_json (GBytes *body)
{
  g_autoptr(JsonParser) parser = json_parser_new_immutable ();
  gsize len;
  const char *data;
  JsonNode *root;
  gsize offset;

  if (body == NULL)
    return NULL;

  /* The same guard as documents and JSON-LD: json-glib 1.6 would keep the
   * last of "{…}{…}" and leak the rest, and recurses without a limit. */
  data = g_bytes_get_data (body, &len);
  if (len == 0 || !g_utf8_validate_len (data, len, NULL) ||
      _wd_json_scan_shape (data, len, 64, &offset) != WD_JSON_SHAPE_OK ||
      !json_parser_load_from_data (parser, data, len, NULL))
    return NULL;

  root = json_parser_get_root (parser);
  return root != NULL ? json_node_ref (root) : NULL;
}

static JsonObject *
parse_object (GBytes *body)
{
  g_autoptr(JsonNode) root = _wd_publish_parse_json (body);

  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    return NULL;

  return json_object_ref (json_node_get_object (root));
}

char *
_wd_publish_member_text (JsonObject *object,
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

/* The CMS's id and public URL from a 2xx answer; FALSE (and @error) when
 * there is no id. */
static gboolean
parse_answer (GBytes             *body,
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
      id = _wd_publish_member_text (object, "id");
      link = _wd_publish_member_text (object, "url");
      if (link == NULL)
        link = _wd_publish_member_text (object, "link");
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
          g_autofree char *text = _wd_publish_member_text (object, members[i]);
          JsonNode *node = json_object_get_member (object, members[i]);

          /* {"error": {"message": "…"}} */
          if (text == NULL && node != NULL && JSON_NODE_HOLDS_OBJECT (node))
            text = _wd_publish_member_text (json_node_get_object (node), "message");
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

/* A shorter part would blank ordinary words. */
#define MIN_SECRET_CHARS 4
/* A secret cut short at the end of a message (messages are cut at
 * MAX_MESSAGE_CHARS) still gives away this much of it. */
#define MIN_CUT_CHARS 6

static void
add_form (GPtrArray  *forms,
          const char *form)
{
  if (form != NULL && strlen (form) >= MIN_SECRET_CHARS)
    g_ptr_array_add (forms, g_ascii_strdown (form, -1));
}

/* Every spelling of @secret a CMS might echo: as it is, Base64, percent-
 * encoded, JSON-escaped ("\/"). Compared without regard to ASCII case. */
static void
add_forms_of (GPtrArray  *forms,
              const char *secret)
{
  g_autofree char *encoded = NULL;
  g_autofree char *escaped = NULL;
  g_autoptr(GString) json = NULL;

  if (secret == NULL || strlen (secret) < MIN_SECRET_CHARS)
    return;

  encoded = g_base64_encode ((const guchar *) secret, strlen (secret));
  escaped = g_uri_escape_string (secret, NULL, FALSE);
  json = g_string_new (secret);
  g_string_replace (json, "\\", "\\\\", 0);
  g_string_replace (json, "/", "\\/", 0);
  g_string_replace (json, "\"", "\\\"", 0);

  add_form (forms, secret);
  add_form (forms, encoded);
  add_form (forms, escaped);
  add_form (forms, json->str);
  /* Base64 without its padding, as URL-safe encoders write it. */
  g_strdelimit (encoded, "=", '\0');
  add_form (forms, encoded);
}

static GPtrArray *
secret_forms (const char *credential)
{
  GPtrArray *forms = g_ptr_array_new_with_free_func (g_free);
  const char *colon;

  if (credential == NULL)
    return forms;

  add_forms_of (forms, credential);
  /* "user:password": the password alone is the secret part. */
  colon = strchr (credential, ':');
  if (colon != NULL)
    add_forms_of (forms, colon + 1);

  return forms;
}

/* Marks in @hidden the bytes of @lower (@text lower-cased) that spell a
 * form, or end with the start of one. */
static void
mark_secrets (const char *lower,
              GPtrArray  *forms,
              gboolean   *hidden)
{
  gsize len = strlen (lower);
  gsize end = len;

  for (guint i = 0; i < forms->len; i++)
    {
      const char *form = g_ptr_array_index (forms, i);
      gsize form_len = strlen (form);

      for (const char *hit = strstr (lower, form); hit != NULL; hit = strstr (hit + 1, form))
        for (gsize k = 0; k < form_len; k++)
          hidden[hit - lower + k] = TRUE;
    }

  /* The tail of a message cut short: "…token-abc12…". */
  if (g_str_has_suffix (lower, "…"))
    end -= strlen ("…");
  for (guint i = 0; i < forms->len; i++)
    {
      const char *form = g_ptr_array_index (forms, i);

      for (gsize k = MIN (strlen (form) - 1, end); k >= MIN_CUT_CHARS; k--)
        if (strncmp (lower + end - k, form, k) == 0)
          {
            for (gsize j = end - k; j < end; j++)
              hidden[j] = TRUE;
            break;
          }
    }
}

char *
_wd_publish_redact (const char *text,
                    const char *credential)
{
  g_autoptr(GPtrArray) forms = NULL;
  g_autofree char *lower = NULL;
  g_autofree gboolean *hidden = NULL;
  GString *out;
  gsize len;

  if (text == NULL)
    return NULL;

  forms = secret_forms (credential);
  if (forms->len == 0)
    return g_strdup (text);

  lower = g_ascii_strdown (text, -1);
  len = strlen (text);
  hidden = g_new0 (gboolean, len + 1);
  mark_secrets (lower, forms, hidden);

  out = g_string_sized_new (len);
  for (gsize i = 0; i < len; i++)
    {
      if (!hidden[i])
        g_string_append_c (out, text[i]);
      else if (i == 0 || !hidden[i - 1])
        g_string_append (out, REDACTED);
    }

  return g_string_free (out, FALSE);
}

gboolean
_wd_publish_mentions_secret (const char *text,
                             const char *credential)
{
  g_autofree char *redacted = _wd_publish_redact (text, credential);

  return g_strcmp0 (redacted, text) != 0;
}

/* ----------------------------------------------- the generic JSON endpoint */

struct _WdGeneric
{
  GBytes   *payload;
  char     *remote_id;    /* the item being updated; NULL when creating */
  gboolean  recreating;
};

gpointer
_wd_generic_new (WdPublishProfile   profile,
                 WdArticle         *article,
                 const char        *endpoint,
                 GError           **error)
{
  WdExportFormat format = profile == WD_PUBLISH_PROFILE_JSONLD ? WD_EXPORT_FORMAT_JSONLD
                                                               : WD_EXPORT_FORMAT_NINJS;
  g_autoptr(GBytes) payload = wd_export_serialize (article, format, error);
  WdGeneric *generic;

  if (payload == NULL)
    return NULL;

  generic = g_new0 (WdGeneric, 1);
  generic->payload = g_steal_pointer (&payload);
  return generic;
}

void
_wd_generic_free (WdGeneric *generic)
{
  g_clear_pointer (&generic->payload, g_bytes_unref);
  g_free (generic->remote_id);
  g_free (generic);
}

static void send_generic (GTask *task);

static void
generic_succeed (GTask *task)
{
  WdGeneric *generic = _wd_publish_get_profile_data (task);
  g_autoptr(GBytes) answer = _wd_publish_dup_answer (task);
  g_autoptr(GError) error = NULL;
  g_autofree char *remote_id = NULL;
  g_autofree char *url = NULL;
  WdPublishOutcome outcome;

  if (!parse_answer (answer, _wd_publish_get_headers (task), _wd_publish_get_request_url (task),
                     &remote_id, &url, &error))
    {
      if (generic->remote_id == NULL)
        {
          _wd_publish_fail (task, WD_PUBLISH_ERROR_RESPONSE, error->message);
          return;
        }
      /* An update that answered without the id: it is the one we sent to. */
      remote_id = g_strdup (generic->remote_id);
    }

  if (url == NULL && generic->remote_id != NULL && g_strcmp0 (remote_id, generic->remote_id) == 0)
    url = g_strdup (_wd_publish_get_known_url (task));

  if (generic->remote_id != NULL)
    outcome = WD_PUBLISH_OUTCOME_UPDATED;
  else if (generic->recreating)
    outcome = WD_PUBLISH_OUTCOME_RECREATED;
  else if (_wd_publish_get_status (task) == SOUP_STATUS_OK)
    outcome = WD_PUBLISH_OUTCOME_UPDATED;   /* the CMS knew the article id */
  else
    outcome = WD_PUBLISH_OUTCOME_CREATED;

  _wd_publish_done (task, remote_id, url, outcome);
}

static void
on_generic_answer (GTask *task)
{
  WdGeneric *generic = _wd_publish_get_profile_data (task);
  guint status = _wd_publish_get_status (task);
  const char *phrase = soup_status_get_phrase (status);
  g_autofree char *base = NULL;
  g_autofree char *message = NULL;

  if (SOUP_STATUS_IS_SUCCESSFUL (status))
    {
      generic_succeed (task);
      return;
    }

  if (status == SOUP_STATUS_NOT_FOUND && generic->remote_id != NULL)
    {
      /* The CMS no longer has the item: create it again, as a new one. */
      g_debug ("%s no longer has item %s; creating it again",
               _wd_publish_get_endpoint (task), generic->remote_id);
      g_clear_pointer (&generic->remote_id, g_free);
      generic->recreating = TRUE;
      send_generic (task);
      return;
    }

  if (status == SOUP_STATUS_NOT_FOUND)
    {
      base = g_strdup_printf (_("nothing answers at %s (HTTP 404 Not Found); is the endpoint right?"),
                              _wd_publish_get_request_url (task));
      message = _wd_publish_with_answer_message (task, base);
      _wd_publish_fail (task, WD_PUBLISH_ERROR_NOT_FOUND, message);
      return;
    }

  base = g_strdup_printf (_("%s refused the article (HTTP %u %s)"), _wd_publish_get_request_url (task),
                          status, phrase != NULL ? phrase : "");
  message = _wd_publish_with_answer_message (task, base);
  _wd_publish_fail (task, WD_PUBLISH_ERROR_REJECTED, message);
}

/* POST to the endpoint, or PUT to endpoint/<id> when updating. */
static void
send_generic (GTask *task)
{
  WdGeneric *generic = _wd_publish_get_profile_data (task);
  const char *endpoint = _wd_publish_get_endpoint (task);
  g_autofree char *escaped = NULL;
  g_autofree char *url = NULL;

  if (generic->remote_id == NULL)
    {
      _wd_publish_send (task, "POST", endpoint, generic->payload, on_generic_answer);
      return;
    }

  escaped = g_uri_escape_string (generic->remote_id, NULL, FALSE);
  url = g_strconcat (endpoint, "/", escaped, NULL);
  _wd_publish_send (task, "PUT", url, generic->payload, on_generic_answer);
}

void
_wd_generic_start (GTask *task)
{
  WdGeneric *generic = _wd_publish_get_profile_data (task);

  generic->remote_id = g_strdup (_wd_publish_get_known_id (task));
  send_generic (task);
}

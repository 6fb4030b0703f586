#include "config.h"

#include <json-glib/json-glib.h>
#include <string.h>

#include "wd-test-cms.h"
#include "wd-test-server.h"

#define ITEMS "/api/items"
#define POSTS "/wp-json/wp/v2/posts"
#define ME "/wp-json/wp/v2/users/me"

struct _WdTestCms
{
  WdTestServer *http;
  char         *base;
  char         *token;

  GMutex        lock;

  /* Under the lock. */
  GPtrArray    *requests;     /* WdTestCmsRequest */
  GHashTable   *items;        /* id → GBytes */
  GHashTable   *by_article;   /* article id → item id */
  guint         next_id;
  guint         fail_count;
  guint         fail_status;
  char         *fail_body;
  char         *retry_after;
  gboolean      hang;
};

void
wd_test_cms_request_free (WdTestCmsRequest *request)
{
  g_free (request->method);
  g_free (request->path);
  g_free (request->content_type);
  g_free (request->authorization);
  g_free (request->article_id);
  g_clear_pointer (&request->body, g_bytes_unref);
  g_free (request);
}

static void
respond (SoupServerMessage *msg,
         guint              status,
         const char        *json)
{
  soup_server_message_set_status (msg, status, NULL);
  if (json != NULL)
    soup_server_message_set_response (msg, "application/json", SOUP_MEMORY_COPY, json, strlen (json));
}

static gboolean
authorized (WdTestCms  *cms,
            const char *authorization,
            gboolean    wordpress)
{
  g_autofree char *expected = NULL;

  if (wordpress)
    {
      g_autofree char *encoded = g_base64_encode ((const guchar *) cms->token, strlen (cms->token));

      expected = g_strconcat ("Basic ", encoded, NULL);
    }
  else
    expected = g_strconcat ("Bearer ", cms->token, NULL);

  return g_strcmp0 (authorization, expected) == 0;
}

/* Stores the body under @id; returns the answer for it. */
static char *
store_item (WdTestCms  *cms,
            const char *id,
            const char *article_id,
            GBytes     *body,
            gboolean    wordpress)
{
  g_hash_table_insert (cms->items, g_strdup (id), g_bytes_ref (body));
  if (article_id != NULL)
    g_hash_table_insert (cms->by_article, g_strdup (article_id), g_strdup (id));

  if (wordpress)
    return g_strdup_printf ("{\"id\": %s, \"link\": \"%s/?p=%s\", \"status\": \"draft\"}",
                            id, cms->base, id);
  return g_strdup_printf ("{\"id\": \"%s\", \"url\": \"%s/news/%s\"}", id, cms->base, id);
}

static void
handle (WdTestCms         *cms,
        SoupServerMessage *msg,
        WdTestCmsRequest  *request)
{
  gboolean wordpress = g_str_has_prefix (request->path, POSTS) || g_str_equal (request->path, ME);
  const char *prefix = wordpress ? POSTS : ITEMS;
  const char *rest;
  g_autofree char *answer = NULL;

  if (!g_str_has_prefix (request->path, ITEMS) && !wordpress)
    {
      respond (msg, 404, "{\"message\": \"no route here\"}");
      return;
    }

  if (!authorized (cms, request->authorization, wordpress))
    {
      respond (msg, 401, wordpress
               ? "{\"code\": \"incorrect_password\", \"message\": \"The provided password is an invalid application password.\", \"data\": {\"status\": 401}}"
               : "{\"message\": \"bad token\"}");
      return;
    }

  if (g_str_equal (request->path, ME))
    {
      respond (msg, 200, "{\"id\": 2}");
      return;
    }

  rest = request->path + strlen (prefix);

  /* WordPress's look-ups before a write: no post carries the article id
   * (no meta field on this stand-in); a post by id is there or 404s. */
  if (wordpress && g_str_equal (request->method, "GET"))
    {
      if (*rest == '\0')
        respond (msg, 200, "[]");
      else if (rest[0] == '/' && g_hash_table_contains (cms->items, rest + 1))
        {
          answer = g_strdup_printf ("{\"id\": %s, \"link\": \"%s/?p=%s\", \"status\": \"draft\", \"meta\": []}",
                                    rest + 1, cms->base, rest + 1);
          respond (msg, 200, answer);
        }
      else
        respond (msg, 404, "{\"code\": \"rest_post_invalid_id\", \"message\": \"Invalid post ID.\", \"data\": {\"status\": 404}}");
      return;
    }

  if (*rest == '\0' && g_str_equal (request->method, "POST"))
    {
      const char *known = request->article_id != NULL
        ? g_hash_table_lookup (cms->by_article, request->article_id) : NULL;

      if (known != NULL && g_hash_table_contains (cms->items, known))
        {
          g_autofree char *id = g_strdup (known);

          answer = store_item (cms, id, request->article_id, request->body, wordpress);
          respond (msg, 200, answer);
        }
      else
        {
          g_autofree char *id = g_strdup_printf (wordpress ? "%u" : "item-%u", ++cms->next_id);
          g_autofree char *location = g_strdup_printf ("%s%s/%s", cms->base, prefix, id);

          answer = store_item (cms, id, request->article_id, request->body, wordpress);
          respond (msg, 201, answer);
          soup_message_headers_replace (soup_server_message_get_response_headers (msg),
                                        "Location", location);
        }
      return;
    }

  if (rest[0] == '/' && g_str_equal (request->method, wordpress ? "POST" : "PUT"))
    {
      const char *id = rest + 1;

      if (!g_hash_table_contains (cms->items, id))
        {
          respond (msg, 404, wordpress
                   ? "{\"code\": \"rest_post_invalid_id\", \"message\": \"Invalid post ID.\", \"data\": {\"status\": 404}}"
                   : "{\"message\": \"no such item\"}");
          return;
        }
      answer = store_item (cms, id, request->article_id, request->body, wordpress);
      respond (msg, 200, answer);
      return;
    }

  respond (msg, 405, "{\"message\": \"method not allowed\"}");
}

static void
server_callback (SoupServer        *server,
                 SoupServerMessage *msg,
                 const char        *path,
                 GHashTable        *query,
                 gpointer           user_data)
{
  WdTestCms *cms = user_data;
  SoupMessageHeaders *headers = soup_server_message_get_request_headers (msg);
  SoupMessageBody *body = soup_server_message_get_request_body (msg);
  g_autoptr(GBytes) bytes = soup_message_body_flatten (body);
  WdTestCmsRequest *request = g_new0 (WdTestCmsRequest, 1);

  request->method = g_strdup (soup_server_message_get_method (msg));
  request->path = g_strdup (path);
  request->content_type = g_strdup (soup_message_headers_get_one (headers, "Content-Type"));
  request->authorization = g_strdup (soup_message_headers_get_one (headers, "Authorization"));
  request->article_id = g_strdup (soup_message_headers_get_one (headers, "X-Wiredesk-Article-Id"));
  request->body = g_bytes_ref (bytes);

  g_mutex_lock (&cms->lock);
  g_ptr_array_add (cms->requests, request);

  if (cms->hang)
    soup_server_message_pause (msg);
  else if (cms->fail_count > 0)
    {
      cms->fail_count--;
      respond (msg, cms->fail_status, cms->fail_body);
      if (cms->retry_after != NULL)
        soup_message_headers_replace (soup_server_message_get_response_headers (msg),
                                      "Retry-After", cms->retry_after);
    }
  else
    handle (cms, msg, request);

  g_mutex_unlock (&cms->lock);
}

WdTestCms *
wd_test_cms_new (const char *token)
{
  WdTestCms *cms = g_new0 (WdTestCms, 1);

  cms->token = g_strdup (token);
  cms->requests = g_ptr_array_new_with_free_func ((GDestroyNotify) wd_test_cms_request_free);
  cms->items = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) g_bytes_unref);
  cms->by_article = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_mutex_init (&cms->lock);

  cms->http = wd_test_server_new (NULL, NULL, server_callback, cms);
  cms->base = wd_test_server_url (cms->http, "");

  return cms;
}

void
wd_test_cms_free (WdTestCms *cms)
{
  g_clear_pointer (&cms->http, wd_test_server_free);
  g_ptr_array_unref (cms->requests);
  g_hash_table_unref (cms->items);
  g_hash_table_unref (cms->by_article);
  g_mutex_clear (&cms->lock);
  g_free (cms->base);
  g_free (cms->token);
  g_free (cms->fail_body);
  g_free (cms->retry_after);
  g_free (cms);
}

char *
wd_test_cms_url (WdTestCms  *cms,
                 const char *path)
{
  return g_strconcat (cms->base, path, NULL);
}

void
wd_test_cms_fail_next (WdTestCms  *cms,
                       guint       count,
                       guint       status,
                       const char *body)
{
  g_mutex_lock (&cms->lock);
  cms->fail_count = count;
  cms->fail_status = status;
  g_free (cms->fail_body);
  cms->fail_body = g_strdup (body);
  g_mutex_unlock (&cms->lock);
}

void
wd_test_cms_set_retry_after (WdTestCms  *cms,
                             const char *value)
{
  g_mutex_lock (&cms->lock);
  g_free (cms->retry_after);
  cms->retry_after = g_strdup (value);
  g_mutex_unlock (&cms->lock);
}

void
wd_test_cms_set_hang (WdTestCms *cms,
                      gboolean   hang)
{
  g_mutex_lock (&cms->lock);
  cms->hang = hang;
  g_mutex_unlock (&cms->lock);
}

guint
wd_test_cms_n_requests (WdTestCms *cms)
{
  guint n;

  g_mutex_lock (&cms->lock);
  n = cms->requests->len;
  g_mutex_unlock (&cms->lock);

  return n;
}

WdTestCmsRequest *
wd_test_cms_request (WdTestCms *cms,
                     guint      index)
{
  WdTestCmsRequest *copy = g_new0 (WdTestCmsRequest, 1);
  WdTestCmsRequest *request;

  g_mutex_lock (&cms->lock);
  g_assert_cmpuint (index, <, cms->requests->len);
  request = g_ptr_array_index (cms->requests, index);
  copy->method = g_strdup (request->method);
  copy->path = g_strdup (request->path);
  copy->content_type = g_strdup (request->content_type);
  copy->authorization = g_strdup (request->authorization);
  copy->article_id = g_strdup (request->article_id);
  copy->body = g_bytes_ref (request->body);
  g_mutex_unlock (&cms->lock);

  return copy;
}

guint
wd_test_cms_n_items (WdTestCms *cms)
{
  guint n;

  g_mutex_lock (&cms->lock);
  n = g_hash_table_size (cms->items);
  g_mutex_unlock (&cms->lock);

  return n;
}

GBytes *
wd_test_cms_item (WdTestCms  *cms,
                  const char *id)
{
  GBytes *body;

  g_mutex_lock (&cms->lock);
  body = g_hash_table_lookup (cms->items, id);
  if (body != NULL)
    g_bytes_ref (body);
  g_mutex_unlock (&cms->lock);

  return body;
}

void
wd_test_cms_delete_item (WdTestCms  *cms,
                         const char *id)
{
  g_mutex_lock (&cms->lock);
  g_hash_table_remove (cms->items, id);
  g_mutex_unlock (&cms->lock);
}

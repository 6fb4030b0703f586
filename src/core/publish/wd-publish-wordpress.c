/* wd-publish-wordpress.c: publishing to a WordPress site through its REST
 * API (wp/v2), authenticated with an application password.
 *
 * The endpoint is the site's address ("https://news.example"), its REST root
 * ("…/wp-json", "…/wp-json/wp/v2/posts") or the same with WordPress's query
 * form ("https://news.example/?rest_route=/"). Pretty addresses are tried
 * first; when the site does not answer them as WordPress (plain
 * permalinks: a redirect, or the home page comes back), the publish goes
 * on at "?rest_route=", which every WordPress serves.
 *
 * One publish:
 *  0. the credential is tried (GET users/me), so that a wrong one is a 401;
 *  1. the post the document recorded for this site, if any, is fetched
 *     (GET posts/ID): gone (404), in the trash or carrying another
 *     article's id, it does not count and a new post is made (the outcome
 *     says so);
 *  2. otherwise the post carrying the article id is looked up (GET
 *     posts?wiredesk_article_id=…; needs the mu-plugin in tests/cms, which
 *     registers that meta field: without it nothing is found);
 *  3. keywords become terms: a keyword naming one of the site's categories
 *     files the post there, every other one becomes a tag, created when the
 *     site has none of that name;
 *  4. the post is created or updated (POST posts, POST posts/ID) with the
 *     title, the HTML body (citations as footnotes), the excerpt (the
 *     standfirst), the status (draft stays a draft, in review and ready
 *     become pending, published is published), the tags (and categories
 *     when a keyword named one) and the article id as meta field.
 * The desk note, public by nature, is appended to the content as
 * <aside class="wiredesk-desk-note">, so that it is kept with the post on
 * any WordPress, plugin or not. What the post says is made in
 * wd-publish-wordpress-post.c; this file is the conversation with the site.
 */
#define G_LOG_DOMAIN "wd-publish-wordpress"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>
#include <libsoup/soup.h>
#include <string.h>

#include "wd-json-writer.h"
#include "wd-publish-profile-private.h"
#include "wd-publisher-private.h"

#define REST_ROOT "/wp-json"
#define POSTS "/wp/v2/posts"
#define POST_FIELDS "_fields=id,status,link,meta"
#define CATEGORIES_PER_PAGE 100
#define MAX_CATEGORY_PAGES 20

typedef void (*Step) (GTask *task);

struct _WdWordpress
{
  /* Where the REST API is: pretty_root + route, or
   * query_base?rest_route=query_prefix + route. */
  char       *pretty_root;
  char       *query_base;
  char       *query_prefix;
  gboolean    use_query;
  gboolean    confirmed;     /* WordPress has answered at the root in use */

  JsonObject *post;          /* what is sent, but for the terms */
  GStrv       keywords;

  Step        step;          /* the step in progress, to run again at the other root */
  char       *target_id;     /* the post to update; NULL: create one */
  gboolean    gone;          /* the document's post is no longer on the site */
  GHashTable *categories;    /* casefolded name → id (as text) */
  guint       category_page;
  guint       next_keyword;
  GPtrArray  *tag_ids;       /* char *, as WordPress gave them */
  GPtrArray  *category_ids;
};

/* ------------------------------------------------------------- the state */

/* @endpoint is normalised (wd_publish_normalize_endpoint()). */
static void
set_roots (WdWordpress *wp,
           const char  *endpoint)
{
  const char *query = strstr (endpoint, "?rest_route=");
  g_autofree char *site = NULL;

  if (query != NULL)
    {
      g_autofree char *route = g_uri_unescape_string (query + strlen ("?rest_route="), NULL);
      gsize len = strlen (route);

      if (g_str_has_suffix (route, POSTS))
        len -= strlen (POSTS);
      while (len > 0 && route[len - 1] == '/')
        len--;

      wp->query_base = g_strndup (endpoint, query - endpoint);
      wp->query_prefix = g_strndup (route, len);
      wp->use_query = TRUE;
      return;
    }

  if (g_str_has_suffix (endpoint, REST_ROOT POSTS))
    site = g_strndup (endpoint, strlen (endpoint) - strlen (REST_ROOT POSTS));
  else if (g_str_has_suffix (endpoint, REST_ROOT))
    site = g_strndup (endpoint, strlen (endpoint) - strlen (REST_ROOT));
  else
    site = g_strdup (endpoint);

  wp->pretty_root = g_strconcat (site, REST_ROOT, NULL);
  wp->query_base = g_strconcat (site, "/", NULL);
  wp->query_prefix = g_strdup ("");
}

gpointer
_wd_wordpress_new (WdPublishProfile   profile,
                   WdArticle         *article,
                   const char        *endpoint,
                   GError           **error)
{
  WdWordpress *wp = g_new0 (WdWordpress, 1);

  set_roots (wp, endpoint);
  wp->post = _wd_wordpress_post_object (article);
  wp->keywords = g_strdupv ((char **) wd_article_get_keywords (article));
  wp->categories = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  wp->tag_ids = g_ptr_array_new_with_free_func (g_free);
  wp->category_ids = g_ptr_array_new_with_free_func (g_free);

  return wp;
}

void
_wd_wordpress_free (WdWordpress *wp)
{
  g_free (wp->pretty_root);
  g_free (wp->query_base);
  g_free (wp->query_prefix);
  g_clear_pointer (&wp->post, json_object_unref);
  g_strfreev (wp->keywords);
  g_free (wp->target_id);
  g_clear_pointer (&wp->categories, g_hash_table_unref);
  g_clear_pointer (&wp->tag_ids, g_ptr_array_unref);
  g_clear_pointer (&wp->category_ids, g_ptr_array_unref);
  g_free (wp);
}

/* ----------------------------------------------------------- the requests */

/* @route ("/wp/v2/posts/7") at the root in use, with @params (escaped). */
static char *
route_url (WdWordpress *wp,
           const char  *route,
           const char  *params)
{
  g_autofree char *full = NULL;
  g_autofree char *escaped = NULL;

  if (!wp->use_query)
    return g_strconcat (wp->pretty_root, route, params != NULL ? "?" : NULL, params, NULL);

  full = g_strconcat (wp->query_prefix, route, NULL);
  escaped = g_uri_escape_string (full, "/", FALSE);
  return g_strconcat (wp->query_base, "?rest_route=", escaped, params != NULL ? "&" : NULL, params, NULL);
}

static void
send (GTask               *task,
      const char          *method,
      const char          *route,
      const char          *params,
      JsonObject          *body,
      WdPublishAnswerFunc  on_answer)
{
  WdWordpress *wp = _wd_publish_get_profile_data (task);
  g_autofree char *url = route_url (wp, route, params);
  g_autoptr(GBytes) bytes = NULL;

  if (body != NULL)
    {
      g_autoptr(JsonNode) root = json_node_init_object (json_node_alloc (), body);
      char *data = wd_json_node_to_line (root);

      bytes = g_bytes_new_take (data, strlen (data));
    }

  _wd_publish_send (task, method, url, bytes, on_answer);
}

static void
run (GTask *task,
     Step   step)
{
  WdWordpress *wp = _wd_publish_get_profile_data (task);

  wp->step = step;
  step (task);
}

static const char *
error_code (JsonNode *root)
{
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    return NULL;
  return json_object_get_string_member_with_default (json_node_get_object (root), "code", NULL);
}

/* What WordPress's REST API answers: JSON, and on errors an object with a
 * "code". A home page, a 404 page or another CMS's error is not. */
static gboolean
is_rest_answer (guint     status,
                JsonNode *root)
{
  if (root == NULL)
    return FALSE;
  if (SOUP_STATUS_IS_SUCCESSFUL (status))
    return JSON_NODE_HOLDS_OBJECT (root) || JSON_NODE_HOLDS_ARRAY (root);
  return error_code (root) != NULL;
}

/* The answer's JSON when WordPress's REST API gave it. Otherwise the step
 * runs again at "?rest_route=" (the first time), or the publish fails:
 * NULL either way. */
static JsonNode *
rest_answer (GTask *task)
{
  WdWordpress *wp = _wd_publish_get_profile_data (task);
  g_autoptr(GBytes) answer = _wd_publish_dup_answer (task);
  g_autoptr(JsonNode) root = _wd_publish_parse_json (answer);
  guint status = _wd_publish_get_status (task);
  g_autofree char *root_url = NULL;
  g_autofree char *message = NULL;

  if (is_rest_answer (status, root))
    {
      wp->confirmed = TRUE;
      return g_steal_pointer (&root);
    }

  if (!wp->confirmed && !wp->use_query)
    {
      g_debug ("%s is not WordPress's REST API (HTTP %u); trying %s?rest_route=",
               _wd_publish_get_request_url (task), status, wp->query_base);
      wp->use_query = TRUE;
      wp->step (task);
      return NULL;
    }

  if (SOUP_STATUS_IS_REDIRECTION (status))
    {
      _wd_publish_fail_redirect (task);
      return NULL;
    }

  root_url = wp->use_query ? g_strconcat (wp->query_base, "?rest_route=", wp->query_prefix, "/", NULL)
                           : g_strconcat (wp->pretty_root, "/", NULL);
  message = g_strdup_printf (_("%s does not answer as a WordPress site: no REST API at %s (HTTP %u); "
                               "is it the site’s address, with the REST API turned on?"),
                             _wd_publish_get_endpoint (task), root_url, status);
  _wd_publish_fail (task, WD_PUBLISH_ERROR_NOT_FOUND, message);
  return NULL;
}

/* An answer the flow has no use for, with what WordPress said. */
static void
fail_unexpected (GTask *task)
{
  guint status = _wd_publish_get_status (task);
  const char *phrase = soup_status_get_phrase (status);
  const char *url = _wd_publish_get_request_url (task);
  g_autofree char *base = NULL;
  g_autofree char *message = NULL;

  if (status == SOUP_STATUS_NOT_FOUND)
    {
      base = g_strdup_printf (_("nothing answers at %s (HTTP 404 Not Found); is the endpoint right?"), url);
      message = _wd_publish_with_answer_message (task, base);
      _wd_publish_fail (task, WD_PUBLISH_ERROR_NOT_FOUND, message);
      return;
    }

  base = g_strdup_printf (_("%s refused the article (HTTP %u %s)"), url, status, phrase != NULL ? phrase : "");
  message = _wd_publish_with_answer_message (task, base);
  _wd_publish_fail (task, WD_PUBLISH_ERROR_REJECTED, message);
}

/* rest_answer(), and a 2xx list, or the publish fails. */
static JsonNode *
rest_list (GTask *task)
{
  g_autoptr(JsonNode) root = rest_answer (task);

  if (root == NULL)
    return NULL;

  if (!SOUP_STATUS_IS_SUCCESSFUL (_wd_publish_get_status (task)) || !JSON_NODE_HOLDS_ARRAY (root))
    {
      fail_unexpected (task);
      return NULL;
    }

  return g_steal_pointer (&root);
}

/* Whether @post (a posts answer with "meta") can be the article's: not in
 * the trash, and not carrying another article's id. A site without the
 * meta field says nothing either way. */
static gboolean
is_ours (JsonObject *post,
         const char *article_id)
{
  JsonNode *meta = json_object_get_member (post, "meta");
  const char *id = NULL;

  if (g_strcmp0 (json_object_get_string_member_with_default (post, "status", NULL), "trash") == 0)
    return FALSE;

  if (meta != NULL && JSON_NODE_HOLDS_OBJECT (meta))
    id = json_object_get_string_member_with_default (json_node_get_object (meta), WD_WORDPRESS_META_KEY, NULL);

  return id == NULL || *id == '\0' || g_str_equal (id, article_id);
}

static gboolean
carries_id (JsonObject *post,
            const char *article_id)
{
  JsonNode *meta = json_object_get_member (post, "meta");

  return meta != NULL && JSON_NODE_HOLDS_OBJECT (meta) &&
         g_strcmp0 (json_object_get_string_member_with_default (json_node_get_object (meta), WD_WORDPRESS_META_KEY, NULL),
                    article_id) == 0;
}

/* ---------------------------------------------------------------- the steps */

static void lookup (GTask *task);
static void list_categories (GTask *task);
static void next_term (GTask *task);
static void write_post (GTask *task);

static void
terms (GTask *task)
{
  WdWordpress *wp = _wd_publish_get_profile_data (task);

  if (wp->keywords == NULL || wp->keywords[0] == NULL)
    {
      run (task, write_post);
      return;
    }

  wp->category_page = 1;
  run (task, list_categories);
}

static void
on_known (GTask *task)
{
  WdWordpress *wp = _wd_publish_get_profile_data (task);
  g_autoptr(JsonNode) root = rest_answer (task);
  guint status = _wd_publish_get_status (task);

  if (root == NULL)
    return;

  if (SOUP_STATUS_IS_SUCCESSFUL (status) && JSON_NODE_HOLDS_OBJECT (root) &&
      is_ours (json_node_get_object (root), _wd_publish_get_article_id (task)))
    {
      wp->target_id = g_strdup (_wd_publish_get_known_id (task));
      terms (task);
      return;
    }

  if (!SOUP_STATUS_IS_SUCCESSFUL (status) &&
      g_strcmp0 (error_code (root), "rest_post_invalid_id") != 0)
    {
      fail_unexpected (task);
      return;
    }

  g_debug ("post %s is no longer the article's on %s", _wd_publish_get_known_id (task),
           _wd_publish_get_endpoint (task));
  wp->gone = TRUE;
  run (task, lookup);
}

/* The post the document recorded, if it is still there and still ours. */
static void
check_known (GTask *task)
{
  g_autofree char *escaped = g_uri_escape_string (_wd_publish_get_known_id (task), NULL, FALSE);
  g_autofree char *route = g_strconcat (POSTS "/", escaped, NULL);

  send (task, "GET", route, "context=edit&" POST_FIELDS, NULL, on_known);
}

static void
on_lookup (GTask *task)
{
  WdWordpress *wp = _wd_publish_get_profile_data (task);
  g_autoptr(JsonNode) root = rest_list (task);
  JsonArray *posts;

  if (root == NULL)
    return;

  /* A site without the mu-plugin ignores the filter and lists every post:
   * only one that carries the id counts. */
  posts = json_node_get_array (root);
  for (guint i = 0; i < json_array_get_length (posts) && wp->target_id == NULL; i++)
    {
      JsonNode *node = json_array_get_element (posts, i);

      if (JSON_NODE_HOLDS_OBJECT (node) &&
          carries_id (json_node_get_object (node), _wd_publish_get_article_id (task)) &&
          is_ours (json_node_get_object (node), _wd_publish_get_article_id (task)))
        wp->target_id = _wd_publish_member_text (json_node_get_object (node), "id");
    }

  terms (task);
}

static void
lookup (GTask *task)
{
  g_autofree char *escaped = g_uri_escape_string (_wd_publish_get_article_id (task), NULL, FALSE);
  g_autofree char *params = g_strconcat (WD_WORDPRESS_META_KEY "=", escaped,
                                         "&status=any&context=edit&per_page=10&" POST_FIELDS, NULL);

  send (task, "GET", POSTS, params, NULL, on_lookup);
}

/* "News &amp; Politics" and "news & politics" are the same name. */
static char *
name_key (const char *name)
{
  g_autoptr(GString) text = g_string_new (name);
  g_autofree char *stripped = NULL;

  g_string_replace (text, "&amp;", "&", 0);
  stripped = g_strstrip (g_strdup (text->str));
  return g_utf8_casefold (stripped, -1);
}

static void
on_categories (GTask *task)
{
  WdWordpress *wp = _wd_publish_get_profile_data (task);
  g_autoptr(JsonNode) root = rest_list (task);
  const char *total;
  guint64 pages = 1;
  JsonArray *list;

  if (root == NULL)
    return;

  list = json_node_get_array (root);
  for (guint i = 0; i < json_array_get_length (list); i++)
    {
      JsonNode *node = json_array_get_element (list, i);
      char *id, *name;

      if (!JSON_NODE_HOLDS_OBJECT (node))
        continue;
      id = _wd_publish_member_text (json_node_get_object (node), "id");
      name = _wd_publish_member_text (json_node_get_object (node), "name");
      if (id != NULL && name != NULL)
        g_hash_table_insert (wp->categories, name_key (name), g_steal_pointer (&id));
      g_free (id);
      g_free (name);
    }

  total = soup_message_headers_get_one (_wd_publish_get_headers (task), "X-WP-TotalPages");
  if (total != NULL)
    g_ascii_string_to_unsigned (total, 10, 1, G_MAXUINT, &pages, NULL);

  if (wp->category_page < pages && wp->category_page < MAX_CATEGORY_PAGES)
    {
      wp->category_page++;
      list_categories (task);
    }
  else
    run (task, next_term);
}

static void
list_categories (GTask *task)
{
  WdWordpress *wp = _wd_publish_get_profile_data (task);
  g_autofree char *params = g_strdup_printf ("per_page=%u&page=%u&_fields=id,name",
                                             CATEGORIES_PER_PAGE, wp->category_page);

  send (task, "GET", "/wp/v2/categories", params, NULL, on_categories);
}

static void
add_id (GPtrArray *ids,
        char      *id)
{
  if (id == NULL || g_ptr_array_find_with_equal_func (ids, id, g_str_equal, NULL))
    g_free (id);
  else
    g_ptr_array_add (ids, id);
}

static void
on_tag (GTask *task)
{
  WdWordpress *wp = _wd_publish_get_profile_data (task);
  g_autoptr(JsonNode) root = rest_answer (task);
  JsonObject *object;
  JsonNode *data;

  if (root == NULL)
    return;

  if (!JSON_NODE_HOLDS_OBJECT (root))
    {
      fail_unexpected (task);
      return;
    }
  object = json_node_get_object (root);

  if (SOUP_STATUS_IS_SUCCESSFUL (_wd_publish_get_status (task)))
    add_id (wp->tag_ids, _wd_publish_member_text (object, "id"));
  else if (g_strcmp0 (error_code (root), "term_exists") == 0 &&
           (data = json_object_get_member (object, "data")) != NULL && JSON_NODE_HOLDS_OBJECT (data))
    add_id (wp->tag_ids, _wd_publish_member_text (json_node_get_object (data), "term_id"));
  else
    {
      fail_unexpected (task);
      return;
    }

  wp->next_keyword++;
  run (task, next_term);
}

/* The next keyword: a category the site has, or a tag (made, or found by
 * WordPress's "term_exists" answer). */
static void
next_term (GTask *task)
{
  WdWordpress *wp = _wd_publish_get_profile_data (task);
  g_autoptr(JsonObject) body = NULL;

  for (; wp->keywords[wp->next_keyword] != NULL; wp->next_keyword++)
    {
      const char *keyword = wp->keywords[wp->next_keyword];
      g_autofree char *key = name_key (keyword);
      const char *category = g_hash_table_lookup (wp->categories, key);

      if (*key == '\0')
        continue;

      if (category != NULL)
        {
          add_id (wp->category_ids, g_strdup (category));
          continue;
        }

      body = json_object_new ();
      json_object_set_string_member (body, "name", keyword);
      send (task, "POST", "/wp/v2/tags", "_fields=id", body, on_tag);
      return;
    }

  run (task, write_post);
}

static void
on_written (GTask *task)
{
  WdWordpress *wp = _wd_publish_get_profile_data (task);
  g_autoptr(JsonNode) root = rest_answer (task);
  g_autofree char *id = NULL;
  g_autofree char *link = NULL;
  WdPublishOutcome outcome;

  if (root == NULL)
    return;

  if (!SOUP_STATUS_IS_SUCCESSFUL (_wd_publish_get_status (task)))
    {
      if (wp->target_id != NULL && g_strcmp0 (error_code (root), "rest_post_invalid_id") == 0)
        {
          /* Deleted between the look and the write. */
          g_clear_pointer (&wp->target_id, g_free);
          wp->gone = TRUE;
          run (task, write_post);
          return;
        }
      fail_unexpected (task);
      return;
    }

  if (JSON_NODE_HOLDS_OBJECT (root))
    {
      id = _wd_publish_member_text (json_node_get_object (root), "id");
      link = _wd_publish_member_text (json_node_get_object (root), "link");
    }

  if (id == NULL)
    {
      _wd_publish_fail (task, WD_PUBLISH_ERROR_RESPONSE,
                        _("the CMS accepted the article but did not say under which id "
                          "(no “id” in its answer, no Location header)"));
      return;
    }

  if (wp->target_id != NULL)
    outcome = WD_PUBLISH_OUTCOME_UPDATED;
  else if (wp->gone)
    outcome = WD_PUBLISH_OUTCOME_RECREATED;
  else
    outcome = WD_PUBLISH_OUTCOME_CREATED;

  _wd_publish_done (task, id, link, outcome);
}

static JsonArray *
id_array (GPtrArray *ids)
{
  JsonArray *array = json_array_new ();

  for (guint i = 0; i < ids->len; i++)
    {
      gint64 number;

      if (g_ascii_string_to_signed (g_ptr_array_index (ids, i), 10, 1, G_MAXINT64, &number, NULL))
        json_array_add_int_element (array, number);
    }

  return array;
}

static void
write_post (GTask *task)
{
  WdWordpress *wp = _wd_publish_get_profile_data (task);
  g_autoptr(JsonObject) body = json_object_new ();
  g_autoptr(GList) members = json_object_get_members (wp->post);
  g_autofree char *route = NULL;

  for (GList *l = members; l != NULL; l = l->next)
    json_object_set_member (body, l->data, json_node_copy (json_object_get_member (wp->post, l->data)));

  /* Tags follow the keywords; categories change only when a keyword
   * names one (the site's sections are the site's). */
  json_object_set_array_member (body, "tags", id_array (wp->tag_ids));
  if (wp->category_ids->len > 0)
    json_object_set_array_member (body, "categories", id_array (wp->category_ids));

  if (wp->target_id != NULL)
    {
      g_autofree char *escaped = g_uri_escape_string (wp->target_id, NULL, FALSE);

      route = g_strconcat (POSTS "/", escaped, NULL);
    }

  send (task, "POST", route != NULL ? route : POSTS, "_fields=id,link,status", body, on_written);
}

static void
on_editor (GTask *task)
{
  g_autoptr(JsonNode) root = rest_answer (task);

  if (root == NULL)
    return;

  if (!SOUP_STATUS_IS_SUCCESSFUL (_wd_publish_get_status (task)))
    {
      fail_unexpected (task);
      return;
    }

  run (task, _wd_publish_get_known_id (task) != NULL ? check_known : lookup);
}

/* Who the credential is: a wrong application password makes WordPress
 * take the request as anonymous, and the look-ups that follow would fail
 * with a 400 about their parameters; asked for this, it answers 401. */
static void
editor (GTask *task)
{
  send (task, "GET", "/wp/v2/users/me", "context=edit&_fields=id", NULL, on_editor);
}

void
_wd_wordpress_start (GTask *task)
{
  run (task, editor);
}

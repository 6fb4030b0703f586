/* Publishing to a CMS: a stand-in SoupServer on 127.0.0.1 plays the CMS. */
#include "config.h"

#include <json-glib/json-glib.h>
#include <string.h>

#include "wd-publish-profile-private.h"
#include "wd-test-publish.h"
#include "wd-test-util.h"
#include "wiredesk-core.h"

#define TOKEN "tok-Sup3rSecret-7f3a"
#define WP_CREDENTIAL "editor:abcd EFGH ijkl MNOP"

typedef WdTestCmsFixture Fixture;

static WdArticle *
make_article (void)
{
  WdArticle *article = wd_article_new ();
  g_autoptr(GError) error = NULL;

  wd_article_set_headline (article, "Night ferries halted");
  wd_article_set_standfirst (article, "Two vessels out of service.");
  wd_article_set_body (article, "Ferries *stopped* tonight.\n\n## Next\n\nRepairs.");
  wd_article_set_desk_note (article, "From the port's statement.");
  wd_article_set_ed_note (article, "Embargo until noon.");
  wd_article_add_source_url (article, "https://port.example/statement", &error);
  g_assert_no_error (error);

  return article;
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  wd_test_cms_fixture_set_up (f, data != NULL ? data : TOKEN, data != NULL ? "" : "/api/items",
                              make_article ());
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  wd_test_cms_fixture_tear_down (f);
}

static WdPublication *
publish_full (Fixture           *f,
              WdPublishProfile   profile,
              const char        *credential,
              GCancellable      *cancellable,
              WdPublishOutcome  *outcome,
              GError           **error)
{
  return wd_test_publish (f->publisher, f->article, f->endpoint, profile, credential,
                          cancellable, outcome, error);
}

static WdPublication *
publish (Fixture           *f,
         WdPublishOutcome  *outcome,
         GError           **error)
{
  return publish_full (f, WD_PUBLISH_PROFILE_NINJS, TOKEN, NULL, outcome, error);
}

static JsonObject *
parse_body (GBytes    *body,
            JsonNode **root)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;

  json_parser_load_from_data (parser, g_bytes_get_data (body, NULL), g_bytes_get_size (body), &error);
  g_assert_no_error (error);
  *root = json_node_copy (json_parser_get_root (parser));
  return json_node_get_object (*root);
}

static void
assert_no_secret (const char *text,
                  const char *secret)
{
  g_autofree char *encoded = g_base64_encode ((const guchar *) secret, strlen (secret));

  g_assert_null (strstr (text, secret));
  g_assert_null (strstr (text, encoded));
}

/* ------------------------------------------------------------ the API */

static void
test_create (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(WdPublication) publication = NULL;
  g_autoptr(WdTestCmsRequest) request = NULL;
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *schema = g_test_build_filename (G_TEST_DIST, "schemas", "ninjs", "ninjs-schema_3.1.json", NULL);
  g_autofree char *item_url = wd_test_cms_url (f->cms, "/news/item-1");
  g_autofree char *uri = g_strconcat ("urn:uuid:", wd_article_get_id (f->article), NULL);
  WdPublishOutcome outcome = -1;
  JsonObject *sent;

  publication = publish (f, &outcome, &error);
  g_assert_no_error (error);
  g_assert_cmpint (outcome, ==, WD_PUBLISH_OUTCOME_CREATED);
  g_assert_cmpstr (wd_publication_get_remote_id (publication), ==, "item-1");
  g_assert_cmpstr (wd_publication_get_url (publication), ==, item_url);
  g_assert_cmpstr (wd_publication_get_endpoint (publication), ==, f->endpoint);
  g_assert_true (wd_test_is_iso8601 (wd_publication_get_at (publication)));
  /* Recorded in the document. */
  g_assert_true (wd_article_find_publication (f->article, f->endpoint) == publication);

  g_assert_cmpuint (wd_test_cms_n_requests (f->cms), ==, 1);
  request = wd_test_cms_request (f->cms, 0);
  g_assert_cmpstr (request->method, ==, "POST");
  g_assert_cmpstr (request->path, ==, "/api/items");
  g_assert_cmpstr (request->content_type, ==, "application/json");
  g_assert_cmpstr (request->authorization, ==, "Bearer " TOKEN);
  g_assert_cmpstr (request->article_id, ==, wd_article_get_id (f->article));

  /* The payload is the ninjs export, carrying the article id. */
  sent = parse_body (request->body, &root);
  g_assert_cmpstr (json_object_get_string_member (sent, "uri"), ==, uri);
  g_assert_cmpstr (json_object_get_string_member (sent, "edNote"), ==, "Embargo until noon.");
  wd_test_assert_valid (schema, request->body, "the payload the CMS received");
}

static void
test_republish_updates (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(WdPublication) first = NULL;
  g_autoptr(WdPublication) second = NULL;
  g_autoptr(WdTestCmsRequest) request = NULL;
  g_autoptr(GBytes) stored = NULL;
  g_autoptr(JsonNode) root = NULL;
  WdPublishOutcome outcome;
  JsonObject *item;

  first = publish (f, &outcome, &error);
  g_assert_no_error (error);

  wd_article_set_headline (f->article, "Night ferries back on Monday");
  second = publish (f, &outcome, &error);
  g_assert_no_error (error);
  g_assert_cmpint (outcome, ==, WD_PUBLISH_OUTCOME_UPDATED);
  g_assert_cmpstr (wd_publication_get_remote_id (second), ==, "item-1");
  g_assert_cmpstr (wd_publication_get_url (second), ==, wd_publication_get_url (first));

  request = wd_test_cms_request (f->cms, 1);
  g_assert_cmpstr (request->method, ==, "PUT");
  g_assert_cmpstr (request->path, ==, "/api/items/item-1");

  /* One item, with the edit. */
  g_assert_cmpuint (wd_test_cms_n_items (f->cms), ==, 1);
  stored = wd_test_cms_item (f->cms, "item-1");
  item = parse_body (stored, &root);
  g_assert_nonnull (strstr (json_object_get_string_member (
                      json_array_get_object_element (json_object_get_array_member (item, "headlines"), 0),
                      "value"), "back on Monday"));
  /* The id the CMS gave is in the export now. */
  g_assert_cmpstr (json_object_get_string_member (
                     json_array_get_object_element (json_object_get_array_member (item, "altIds"), 0),
                     "value"), ==, "item-1");
  g_assert_cmpuint (g_list_model_get_n_items (wd_article_get_publications (f->article)), ==, 1);
}

/* The document lost its record (an older copy), the CMS still knows the
 * article id: no duplicate. */
static void
test_cms_knows_article (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(WdPublication) first = NULL;
  g_autoptr(WdPublication) second = NULL;
  g_autoptr(WdArticle) copy = NULL;
  g_autoptr(GBytes) bytes = wd_native_format_serialize (f->article);
  WdPublishOutcome outcome;

  copy = wd_native_format_parse (bytes, "copy.wiredesk", &error);
  g_assert_no_error (error);

  first = publish (f, &outcome, &error);
  g_assert_no_error (error);

  g_set_object (&f->article, copy);
  second = publish (f, &outcome, &error);
  g_assert_no_error (error);
  g_assert_cmpint (outcome, ==, WD_PUBLISH_OUTCOME_UPDATED);
  g_assert_cmpstr (wd_publication_get_remote_id (second), ==, wd_publication_get_remote_id (first));
  g_assert_cmpuint (wd_test_cms_n_items (f->cms), ==, 1);
}

static void
test_deleted_recreates (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(WdPublication) first = NULL;
  g_autoptr(WdPublication) second = NULL;
  WdPublishOutcome outcome;

  first = publish (f, &outcome, &error);
  g_assert_no_error (error);
  wd_test_cms_delete_item (f->cms, "item-1");

  second = publish (f, &outcome, &error);
  g_assert_no_error (error);
  g_assert_cmpint (outcome, ==, WD_PUBLISH_OUTCOME_RECREATED);
  g_assert_cmpstr (wd_publication_get_remote_id (second), ==, "item-2");
  g_assert_cmpuint (wd_test_cms_n_requests (f->cms), ==, 3);  /* POST, PUT 404, POST */
  g_assert_cmpstr (wd_publication_get_remote_id (wd_article_find_publication (f->article, f->endpoint)),
                   ==, "item-2");
}

static void
test_retries_5xx (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(WdPublication) publication = NULL;
  WdPublishOutcome outcome;

  wd_test_cms_fail_next (f->cms, 2, 503, "{\"message\": \"busy\"}");
  publication = publish (f, &outcome, &error);
  g_assert_no_error (error);
  g_assert_cmpint (outcome, ==, WD_PUBLISH_OUTCOME_CREATED);
  g_assert_cmpuint (wd_test_cms_n_requests (f->cms), ==, 3);
  g_assert_cmpuint (wd_test_cms_n_items (f->cms), ==, 1);
}

/* 429 is retried too, after the wait the CMS asks for. */
static void
test_retry_after (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(WdPublication) publication = NULL;
  gint64 start = g_get_monotonic_time ();

  wd_test_cms_fail_next (f->cms, 1, 429, "{\"message\": \"slow down\"}");
  wd_test_cms_set_retry_after (f->cms, "1");
  publication = publish (f, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (g_get_monotonic_time () - start, >=, 900 * 1000);
  g_assert_cmpuint (wd_test_cms_n_requests (f->cms), ==, 2);
}

/* An answer past the 1 MiB cap is not read to the end. */
static void
test_answer_too_large (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(WdPublication) publication = NULL;
  g_autoptr(GString) huge = g_string_new ("{\"id\": \"x\", \"padding\": \"");

  for (guint i = 0; i < 2 * 1024 * 1024 / 64; i++)
    g_string_append (huge, "0123456789012345678901234567890123456789012345678901234567890123");
  g_string_append (huge, "\"}");

  wd_test_cms_fail_next (f->cms, 1, 201, huge->str);
  publication = publish (f, NULL, &error);
  g_assert_error (error, WD_PUBLISH_ERROR, WD_PUBLISH_ERROR_RESPONSE);
  g_assert_nonnull (strstr (error->message, "larger than 1024 KiB"));
  g_assert_null (wd_article_find_publication (f->article, f->endpoint));
}

static void
test_5xx_gives_up (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(WdPublication) publication = NULL;

  wd_test_cms_fail_next (f->cms, 10, 500, "{\"error\": {\"message\": \"database on fire\"}}");
  publication = publish (f, NULL, &error);
  g_assert_null (publication);
  g_assert_error (error, WD_PUBLISH_ERROR, WD_PUBLISH_ERROR_SERVER);
  g_assert_nonnull (strstr (error->message, "HTTP 500"));
  g_assert_nonnull (strstr (error->message, "database on fire"));
  g_assert_nonnull (strstr (error->message, "3 attempts"));
  /* Bounded: exactly max-attempts requests, and nothing recorded. */
  g_assert_cmpuint (wd_test_cms_n_requests (f->cms), ==, 3);
  g_assert_null (wd_article_find_publication (f->article, f->endpoint));
}

static void
test_unauthorized (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(WdPublication) publication = NULL;

  publication = publish_full (f, WD_PUBLISH_PROFILE_NINJS, "wrong-token-123", NULL, NULL, &error);
  g_assert_null (publication);
  g_assert_error (error, WD_PUBLISH_ERROR, WD_PUBLISH_ERROR_UNAUTHORIZED);
  g_assert_nonnull (strstr (error->message, "HTTP 401"));
  g_assert_nonnull (strstr (error->message, "bad token"));
  assert_no_secret (error->message, "wrong-token-123");
  /* 4xx is final: no retry. */
  g_assert_cmpuint (wd_test_cms_n_requests (f->cms), ==, 1);
}

static void
test_not_found (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(WdPublication) publication = NULL;

  g_free (f->endpoint);
  f->endpoint = wd_test_cms_url (f->cms, "/api/wrong");
  publication = publish (f, NULL, &error);
  g_assert_error (error, WD_PUBLISH_ERROR, WD_PUBLISH_ERROR_NOT_FOUND);
  g_assert_nonnull (strstr (error->message, "/api/wrong"));
  g_assert_cmpuint (wd_test_cms_n_requests (f->cms), ==, 1);
}

static void
test_rejected_message (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(WdPublication) publication = NULL;

  wd_test_cms_fail_next (f->cms, 1, 422,
                         "{\"message\": \"headline too long for the front page\\n(max 60)\"}");
  publication = publish (f, NULL, &error);
  g_assert_error (error, WD_PUBLISH_ERROR, WD_PUBLISH_ERROR_REJECTED);
  g_assert_nonnull (strstr (error->message, "HTTP 422"));
  g_assert_nonnull (strstr (error->message, "headline too long for the front page (max 60)"));
  g_assert_cmpuint (wd_test_cms_n_requests (f->cms), ==, 1);
}

/* A CMS that echoes the credential in its error does not get it shown. */
static void
test_redacts_secret (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(WdPublication) publication = NULL;

  wd_test_cms_fail_next (f->cms, 1, 400, "{\"message\": \"token " TOKEN " is not allowed here\"}");
  publication = publish (f, NULL, &error);
  g_assert_error (error, WD_PUBLISH_ERROR, WD_PUBLISH_ERROR_REJECTED);
  assert_no_secret (error->message, TOKEN);
  g_assert_nonnull (strstr (error->message, "token ******** is not allowed"));
}

/* Every form of a "user:password" credential a CMS is known to echo back
 * is blanked; what is not the credential stays. */
static void
test_redact_forms (void)
{
  static const char credential[] = "desk-editor:Kq7v XbR2 pLm9 Zt4w";
  g_autofree char *encoded = g_base64_encode ((const guchar *) credential, strlen (credential));
  g_autofree char *basic = g_strdup_printf ("invalid header Authorization: Basic %s (rejected)", encoded);
  struct { const char *text; const char *expect; } cases[] = {
    /* raw */
    { "bad login desk-editor:Kq7v XbR2 pLm9 Zt4w here", "bad login ******** here" },
    /* the password part alone */
    { "password 'Kq7v XbR2 pLm9 Zt4w' expired", "password '********' expired" },
    /* base64, as in a Basic Authorization header */
    { basic, "invalid header Authorization: Basic ******** (rejected)" },
    /* the user name is not a secret */
    { "user desk-editor is locked", "user desk-editor is locked" },
    /* twice */
    { "Kq7v XbR2 pLm9 Zt4w/Kq7v XbR2 pLm9 Zt4w", "********/********" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *out = _wd_publish_redact (cases[i].text, credential);

      g_test_message ("case %u: %s", i, cases[i].text);
      g_assert_cmpstr (out, ==, cases[i].expect);
    }

  /* A password part under four characters would blank ordinary words. */
  {
    g_autofree char *out = _wd_publish_redact ("the cms said no", "editor:the");

    g_assert_cmpstr (out, ==, "the cms said no");
  }
  /* No credential: nothing to hide. */
  {
    g_autofree char *out = _wd_publish_redact ("plain", NULL);

    g_assert_cmpstr (out, ==, "plain");
  }
}

static void
test_connection_refused (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(WdPublication) publication = NULL;

  g_free (f->endpoint);
  f->endpoint = g_strdup_printf ("http://127.0.0.1:%u/api/items", wd_test_closed_port ());
  publication = publish (f, NULL, &error);
  g_assert_error (error, WD_PUBLISH_ERROR, WD_PUBLISH_ERROR_NETWORK);
  g_assert_nonnull (strstr (error->message, "could not reach"));
  g_assert_nonnull (strstr (error->message, "3 attempts"));
}

static void
test_timeout (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(WdPublication) publication = NULL;
  gint64 start = g_get_monotonic_time ();

  wd_test_cms_set_hang (f->cms, TRUE);
  wd_publisher_set_timeout (f->publisher, 1);
  wd_publisher_set_max_attempts (f->publisher, 1);
  publication = publish (f, NULL, &error);
  g_assert_error (error, WD_PUBLISH_ERROR, WD_PUBLISH_ERROR_NETWORK);
  g_assert_cmpint (g_get_monotonic_time () - start, <, 4 * G_USEC_PER_SEC);
}

static gboolean
cancel_later (gpointer data)
{
  g_cancellable_cancel (data);
  return G_SOURCE_REMOVE;
}

static void
test_cancel (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(WdPublication) publication = NULL;
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  gint64 start = g_get_monotonic_time ();

  /* While the request hangs. */
  wd_test_cms_set_hang (f->cms, TRUE);
  g_timeout_add (100, cancel_later, cancellable);
  publication = publish_full (f, WD_PUBLISH_PROFILE_NINJS, TOKEN, cancellable, NULL, &error);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_cmpint (g_get_monotonic_time () - start, <, 2 * G_USEC_PER_SEC);
  g_assert_null (wd_article_find_publication (f->article, f->endpoint));
}

typedef struct
{
  WdTestCms    *cms;
  GCancellable *cancellable;
  gint64        cancelled_at;
} CancelAfterFirst;

/* Cancels once the CMS has answered the first request (with a 503): the
 * publisher is then waiting to retry. */
static gboolean
cancel_after_first (gpointer data)
{
  CancelAfterFirst *c = data;

  if (wd_test_cms_n_requests (c->cms) == 0)
    return G_SOURCE_CONTINUE;
  c->cancelled_at = g_get_monotonic_time ();
  g_cancellable_cancel (c->cancellable);
  return G_SOURCE_REMOVE;
}

static void
test_cancel_during_backoff (Fixture       *f,
                            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(WdPublication) publication = NULL;
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  CancelAfterFirst c = { f->cms, cancellable, 0 };

  wd_test_cms_fail_next (f->cms, 5, 503, NULL);
  wd_publisher_set_retry_delay (f->publisher, 10000);
  g_timeout_add (10, cancel_after_first, &c);
  publication = publish_full (f, WD_PUBLISH_PROFILE_NINJS, TOKEN, cancellable, NULL, &error);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  /* at once, not after the 10 s back-off */
  g_assert_cmpint (c.cancelled_at, >, 0);
  g_assert_cmpint (g_get_monotonic_time () - c.cancelled_at, <, 2 * G_USEC_PER_SEC);
  g_assert_cmpuint (wd_test_cms_n_requests (f->cms), ==, 1);
}

static void
test_refuses_incomplete (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(WdPublication) publication = NULL;

  wd_article_set_body (f->article, NULL);
  publication = publish (f, NULL, &error);
  g_assert_error (error, WD_ERROR, WD_ERROR_INCOMPLETE);
  g_assert_cmpuint (wd_test_cms_n_requests (f->cms), ==, 0);
}

static void
test_jsonld (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(WdPublication) publication = NULL;
  g_autoptr(WdTestCmsRequest) request = NULL;
  g_autofree char *schema = g_test_build_filename (G_TEST_DIST, "schemas", "newsarticle-jsonld.schema.json", NULL);

  publication = publish_full (f, WD_PUBLISH_PROFILE_JSONLD, TOKEN, NULL, NULL, &error);
  g_assert_no_error (error);
  request = wd_test_cms_request (f->cms, 0);
  g_assert_cmpstr (request->content_type, ==, "application/ld+json");
  g_assert_nonnull (g_strstr_len (g_bytes_get_data (request->body, NULL), g_bytes_get_size (request->body),
                                  wd_article_get_id (f->article)));
  /* The editor's note is internal: not in the public JSON-LD. */
  g_assert_null (g_strstr_len (g_bytes_get_data (request->body, NULL), g_bytes_get_size (request->body),
                               "Embargo"));
  wd_test_assert_valid (schema, request->body, "the JSON-LD the CMS received");
}

static void
test_wordpress (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(WdPublication) first = NULL;
  g_autoptr(WdPublication) second = NULL;
  g_autoptr(WdTestCmsRequest) request = NULL;
  g_autoptr(WdTestCmsRequest) update = NULL;
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *basic = NULL;
  g_autofree char *link = wd_test_cms_url (f->cms, "/?p=1");
  WdPublishOutcome outcome;
  JsonObject *sent;

  first = publish_full (f, WD_PUBLISH_PROFILE_WORDPRESS, WP_CREDENTIAL, NULL, &outcome, &error);
  g_assert_no_error (error);
  g_assert_cmpint (outcome, ==, WD_PUBLISH_OUTCOME_CREATED);
  g_assert_cmpstr (wd_publication_get_remote_id (first), ==, "1");
  g_assert_cmpstr (wd_publication_get_url (first), ==, link);

  /* Who am I, a look-up by article id (GETs), then the post. */
  g_assert_cmpuint (wd_test_cms_n_requests (f->cms), ==, 3);
  request = wd_test_cms_request (f->cms, 2);
  g_assert_cmpstr (request->method, ==, "POST");
  g_assert_cmpstr (request->path, ==, "/wp-json/wp/v2/posts");
  basic = g_base64_encode ((const guchar *) WP_CREDENTIAL, strlen (WP_CREDENTIAL));
  g_assert_true (g_str_has_prefix (request->authorization, "Basic "));
  g_assert_cmpstr (request->authorization + 6, ==, basic);

  sent = parse_body (request->body, &root);
  g_assert_cmpstr (json_object_get_string_member (sent, "title"), ==, "Night ferries halted");
  g_assert_nonnull (strstr (json_object_get_string_member (sent, "content"), "<em>stopped</em>"));
  g_assert_nonnull (strstr (json_object_get_string_member (sent, "content"), "<h2>Next</h2>"));
  g_assert_cmpstr (json_object_get_string_member (sent, "excerpt"), ==, "Two vessels out of service.");
  g_assert_cmpstr (json_object_get_string_member (sent, "status"), ==, "draft");
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (sent, "meta"),
                                                  "wiredesk_article_id"), ==,
                   wd_article_get_id (f->article));

  wd_article_set_status (f->article, WD_ARTICLE_STATUS_PUBLISHED);
  second = publish_full (f, WD_PUBLISH_PROFILE_WORDPRESS, WP_CREDENTIAL, NULL, &outcome, &error);
  g_assert_no_error (error);
  g_assert_cmpint (outcome, ==, WD_PUBLISH_OUTCOME_UPDATED);
  /* Who am I, the recorded post (GETs), then the update. */
  g_assert_cmpuint (wd_test_cms_n_requests (f->cms), ==, 6);
  update = wd_test_cms_request (f->cms, 5);
  g_assert_cmpstr (update->method, ==, "POST");
  g_assert_cmpstr (update->path, ==, "/wp-json/wp/v2/posts/1");
  g_clear_pointer (&root, json_node_unref);
  sent = parse_body (update->body, &root);
  g_assert_cmpstr (json_object_get_string_member (sent, "status"), ==, "publish");
  g_assert_cmpuint (wd_test_cms_n_items (f->cms), ==, 1);

  /* Wrong application password: the site's 401, no secret in the message. */
  {
    g_autoptr(GError) auth_error = NULL;
    g_autoptr(WdPublication) none = NULL;

    none = publish_full (f, WD_PUBLISH_PROFILE_WORDPRESS, "editor:wrong pass word", NULL, NULL, &auth_error);
    g_assert_error (auth_error, WD_PUBLISH_ERROR, WD_PUBLISH_ERROR_UNAUTHORIZED);
    g_assert_nonnull (strstr (auth_error->message, "invalid application password"));
    assert_no_secret (auth_error->message, "editor:wrong pass word");
  }
}

static void
test_endpoint_normalized (void)
{
  static const struct { const char *in; const char *out; } cases[] = {
    { "HTTPS://CMS.Example:443/api/items/", "https://cms.example/api/items" },
    { "http://127.0.0.1:8080/", "http://127.0.0.1:8080" },
    { "http://127.0.0.1:8080", "http://127.0.0.1:8080" },
    { "ftp://cms.example/", NULL },
    { "https://cms.example/api?key=1", NULL },
    /* WordPress's own query form is the one query an endpoint may have. */
    { "http://127.0.0.1:8080/?rest_route=/", "http://127.0.0.1:8080/?rest_route=/" },
    { "https://News.example/?rest_route=/wp/v2/posts/", "https://news.example/?rest_route=/wp/v2/posts" },
    { "https://news.example/index.php?rest_route=%2Fwp%2Fv2%2F", "https://news.example/index.php?rest_route=/wp/v2" },
    { "https://news.example/?rest_route=/&page=2", NULL },
    { "https://news.example/?rest_route=wp/v2", NULL },
    { "https://news.example/?p=12", NULL },
    { "https://user:pw@cms.example/api", NULL },
    { "cms.example", NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *normalized = wd_publish_normalize_endpoint (cases[i].in, &error);

      g_assert_cmpstr (normalized, ==, cases[i].out);
      if (cases[i].out == NULL)
        g_assert_error (error, WD_PUBLISH_ERROR, WD_PUBLISH_ERROR_INVALID_ENDPOINT);
    }
}

/* ------------------------------------------------------------- the CLI */

static char *
write_document (const char *dir,
                WdArticle  *article)
{
  g_autofree char *path = g_build_filename (dir, "story.wiredesk", NULL);
  g_autoptr(GBytes) bytes = wd_native_format_serialize (article);
  g_autoptr(GError) error = NULL;

  g_file_set_contents (path, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes), &error);
  g_assert_no_error (error);
  return g_steal_pointer (&path);
}

static char *
read_text (const char *path)
{
  char *text = NULL;

  g_assert_true (g_file_get_contents (path, &text, NULL, NULL));
  return text;
}

/* No keyring in tests: a session bus address where nothing listens. */
static void
no_keyring (void)
{
  g_setenv ("DBUS_SESSION_BUS_ADDRESS", "unix:path=/nonexistent/wiredesk-test-bus", TRUE);
}

static void
test_cli_env_token (Fixture       *f,
                    gconstpointer  data)
{
  g_autofree char *dir = wd_test_make_tmpdir ();
  g_autofree char *path = write_document (dir, f->article);
  const char *args[] = { "publish", path, "--endpoint", f->endpoint, NULL };

  no_keyring ();
  g_setenv ("WIREDESK_PUBLISH_TOKEN", TOKEN, TRUE);

  for (guint round = 0; round < 2; round++)
    {
      g_autofree char *out = NULL, *err = NULL, *saved = NULL;
      g_autoptr(WdArticle) reloaded = NULL;
      g_autoptr(GFile) file = g_file_new_for_path (path);
      g_autoptr(GError) error = NULL;
      WdPublication *publication;

      g_assert_cmpint (wd_test_run_wiredesk (args, NULL, &out, &err), ==, 0);
      g_assert_nonnull (strstr (out, round == 0 ? "Created item item-1" : "Updated item item-1"));
      g_assert_nonnull (strstr (out, "/news/item-1"));
      /* Warnings about the unchecked source still show. */
      g_assert_nonnull (strstr (err, "has never been checked"));

      saved = read_text (path);
      assert_no_secret (out, TOKEN);
      assert_no_secret (err, TOKEN);
      assert_no_secret (saved, TOKEN);

      reloaded = wd_native_format_load (file, NULL, &error);
      g_assert_no_error (error);
      publication = wd_article_find_publication (reloaded, f->endpoint);
      g_assert_nonnull (publication);
      g_assert_cmpstr (wd_publication_get_remote_id (publication), ==, "item-1");
    }

  g_assert_cmpuint (wd_test_cms_n_items (f->cms), ==, 1);
  g_assert_cmpuint (wd_test_cms_n_requests (f->cms), ==, 2);

  g_unsetenv ("WIREDESK_PUBLISH_TOKEN");
  wd_test_rmdir_r (dir);
}

static void
test_cli_errors (Fixture       *f,
                 gconstpointer  data)
{
  g_autofree char *dir = wd_test_make_tmpdir ();
  g_autofree char *path = write_document (dir, f->article);
  g_autofree char *before = read_text (path);
  g_autofree char *refused = g_strdup_printf ("http://127.0.0.1:%u/api/items", wd_test_closed_port ());

  no_keyring ();

  /* No credential anywhere: a usage error that says what to do. */
  {
    g_autofree char *out = NULL, *err = NULL;
    const char *args[] = { "publish", path, "--endpoint", f->endpoint, NULL };

    g_unsetenv ("WIREDESK_PUBLISH_TOKEN");
    g_assert_cmpint (wd_test_run_wiredesk (args, NULL, &out, &err), ==, 2);
    g_assert_nonnull (strstr (err, "no keyring is available"));
    g_assert_nonnull (strstr (err, "WIREDESK_PUBLISH_TOKEN"));
    g_assert_cmpuint (wd_test_cms_n_requests (f->cms), ==, 0);
  }

  g_setenv ("WIREDESK_PUBLISH_TOKEN", "not-the-token-42", TRUE);
  {
    g_autofree char *out = NULL, *err = NULL;
    const char *args[] = { "publish", path, "--endpoint", f->endpoint, NULL };

    g_assert_cmpint (wd_test_run_wiredesk (args, NULL, &out, &err), ==, 1);
    g_assert_nonnull (strstr (err, "not published"));
    g_assert_nonnull (strstr (err, "HTTP 401"));
    g_assert_nonnull (strstr (err, "--login"));
    assert_no_secret (err, "not-the-token-42");
  }
  {
    g_autofree char *out = NULL, *err = NULL;
    const char *args[] = { "publish", path, "--endpoint", refused, "--attempts", "2", NULL };

    g_assert_cmpint (wd_test_run_wiredesk (args, NULL, &out, &err), ==, 1);
    g_assert_nonnull (strstr (err, "could not reach"));
    g_assert_nonnull (strstr (err, "2 attempts"));
  }
  g_setenv ("WIREDESK_PUBLISH_TOKEN", TOKEN, TRUE);
  {
    g_autofree char *out = NULL, *err = NULL;
    const char *args[] = { "publish", path, "--endpoint", f->endpoint, "--attempts", "1", NULL };

    wd_test_cms_fail_next (f->cms, 1, 502, "<html>Bad gateway</html>");
    g_assert_cmpint (wd_test_run_wiredesk (args, NULL, &out, &err), ==, 1);
    g_assert_nonnull (strstr (err, "HTTP 502"));
  }
  {
    g_autofree char *out = NULL, *err = NULL;
    const char *args[] = { "publish", path, "--endpoint", f->endpoint, "--strict", NULL };

    g_assert_cmpint (wd_test_run_wiredesk (args, NULL, &out, &err), ==, 1);
    g_assert_nonnull (strstr (err, "nothing written"));
  }
  {
    g_autofree char *out = NULL, *err = NULL;
    const char *args[] = { "publish", path, "--endpoint", "ftp://x.example/", NULL };

    g_assert_cmpint (wd_test_run_wiredesk (args, NULL, &out, &err), ==, 2);
    g_assert_nonnull (strstr (err, "not a usable endpoint"));
  }

  /* Nothing of that was recorded in the document. */
  {
    g_autofree char *after = read_text (path);

    g_assert_cmpstr (before, ==, after);
  }

  g_unsetenv ("WIREDESK_PUBLISH_TOKEN");
  wd_test_rmdir_r (dir);
}

static void
test_cli_refuses (Fixture       *f,
                  gconstpointer  data)
{
  g_autofree char *dir = wd_test_make_tmpdir ();
  g_autofree char *path = NULL;
  g_autofree char *text_path = g_build_filename (dir, "story.txt", NULL);
  g_autofree char *out = NULL, *err = NULL;

  g_setenv ("WIREDESK_PUBLISH_TOKEN", TOKEN, TRUE);
  wd_article_set_headline (f->article, NULL);
  path = write_document (dir, f->article);

  {
    const char *args[] = { "publish", path, "--endpoint", f->endpoint, NULL };

    g_assert_cmpint (wd_test_run_wiredesk (args, NULL, &out, &err), ==, 2);
    g_assert_nonnull (strstr (err, "no headline"));
  }
  {
    const char *args[] = { "publish", text_path, "--endpoint", f->endpoint, NULL };

    g_clear_pointer (&out, g_free);
    g_clear_pointer (&err, g_free);
    g_assert_true (g_file_set_contents (text_path, "Headline\n\nBody.\n", -1, NULL));
    g_assert_cmpint (wd_test_run_wiredesk (args, NULL, &out, &err), ==, 2);
    g_assert_nonnull (strstr (err, "import the text first"));
  }
  {
    const char *args[] = { "publish", path, "--endpoint", f->endpoint, "--format", "rss", NULL };

    g_clear_pointer (&out, g_free);
    g_clear_pointer (&err, g_free);
    g_assert_cmpint (wd_test_run_wiredesk (args, NULL, &out, &err), ==, 2);
    g_assert_nonnull (strstr (err, "unknown format “rss”"));
  }

  g_assert_cmpuint (wd_test_cms_n_requests (f->cms), ==, 0);
  g_unsetenv ("WIREDESK_PUBLISH_TOKEN");
  wd_test_rmdir_r (dir);
}

/* --login without a keyring: a clear message, and the secret never echoed. */
static void
test_cli_login_no_keyring (void)
{
  g_autofree char *out = NULL, *err = NULL;
  const char *args[] = { "publish", "--login", "https://cms.example/api/", NULL };
  const char *empty_args[] = { "publish", "--login", "https://cms.example/api/", NULL };

  no_keyring ();
  g_assert_cmpint (wd_test_run_wiredesk (args, TOKEN "\n", &out, &err), ==, 2);
  g_assert_nonnull (strstr (err, "no keyring is available"));
  g_assert_nonnull (strstr (err, "WIREDESK_PUBLISH_TOKEN"));
  assert_no_secret (out, TOKEN);
  assert_no_secret (err, TOKEN);

  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (wd_test_run_wiredesk (empty_args, "", &out, &err), ==, 2);
  g_assert_nonnull (strstr (err, "no credential given"));
}

/* The same through the API. */
static void
on_stored (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  g_assert_false (wd_credentials_store_finish (result, &error));
  g_assert_error (error, WD_PUBLISH_ERROR, WD_PUBLISH_ERROR_NO_KEYRING);
  g_main_loop_quit (user_data);
}

static void
test_credentials_no_keyring (void)
{
  g_autoptr(GMainLoop) loop = g_main_loop_new (NULL, FALSE);

  if (!g_test_subprocess ())
    {
      /* GDBus keeps the first session bus it finds: use a fresh process. */
      g_test_trap_subprocess (NULL, 20 * G_USEC_PER_SEC, G_TEST_SUBPROCESS_DEFAULT);
      g_test_trap_assert_passed ();
      return;
    }

  no_keyring ();
  g_unsetenv ("WIREDESK_PUBLISH_TOKEN");
  wd_credentials_store_async ("https://cms.example/api", "s3cret", NULL, on_stored, loop);
  g_main_loop_run (loop);
}

static void
on_looked_up (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *secret = wd_credentials_lookup_finish (result, &error);

  g_assert_no_error (error);
  g_assert_cmpstr (secret, ==, "from-the-environment");
  g_main_loop_quit (user_data);
}

static void
test_credentials_env_wins (void)
{
  g_autoptr(GMainLoop) loop = g_main_loop_new (NULL, FALSE);

  no_keyring ();
  g_setenv ("WIREDESK_PUBLISH_TOKEN", "from-the-environment", TRUE);
  wd_credentials_lookup_async ("https://cms.example/api", NULL, on_looked_up, loop);
  g_main_loop_run (loop);
  g_unsetenv ("WIREDESK_PUBLISH_TOKEN");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  g_test_add_func ("/publish/errors/redact-forms", test_redact_forms);
  ADD ("/publish/ninjs/create", test_create);
  ADD ("/publish/ninjs/republish-updates", test_republish_updates);
  ADD ("/publish/ninjs/cms-knows-article", test_cms_knows_article);
  ADD ("/publish/ninjs/deleted-recreates", test_deleted_recreates);
  ADD ("/publish/errors/5xx-then-success", test_retries_5xx);
  ADD ("/publish/errors/5xx-gives-up", test_5xx_gives_up);
  ADD ("/publish/errors/429-retry-after", test_retry_after);
  ADD ("/publish/errors/answer-too-large", test_answer_too_large);
  ADD ("/publish/errors/401", test_unauthorized);
  ADD ("/publish/errors/404", test_not_found);
  ADD ("/publish/errors/422-message", test_rejected_message);
  ADD ("/publish/errors/redacts-secret", test_redacts_secret);
  ADD ("/publish/errors/connection-refused", test_connection_refused);
  ADD ("/publish/errors/timeout", test_timeout);
  ADD ("/publish/cancel/while-waiting-for-answer", test_cancel);
  ADD ("/publish/cancel/during-backoff", test_cancel_during_backoff);
  ADD ("/publish/refuses-incomplete", test_refuses_incomplete);
  ADD ("/publish/jsonld", test_jsonld);
  g_test_add ("/publish/wordpress", Fixture, WP_CREDENTIAL, fixture_set_up, test_wordpress,
              fixture_tear_down);
  g_test_add_func ("/publish/endpoint/normalized", test_endpoint_normalized);
  ADD ("/publish/cli/env-token", test_cli_env_token);
  ADD ("/publish/cli/errors", test_cli_errors);
  ADD ("/publish/cli/refuses", test_cli_refuses);
  g_test_add_func ("/publish/cli/login-no-keyring", test_cli_login_no_keyring);
  g_test_add_func ("/publish/credentials/no-keyring", test_credentials_no_keyring);
  g_test_add_func ("/publish/credentials/env-wins", test_credentials_env_wins);

#undef ADD

  return g_test_run ();
}

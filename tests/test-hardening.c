/* Issue 15: the checker against a web server that attacks it — a crashing
 * Digest challenge, stacked content codings, broken chunked bodies, an
 * endless 100 Continue, lying meta refreshes, redirects into the
 * editor's own network. Each test fails on the code before the fix. */
#include "config.h"

#include <glib/gstdio.h>
#include <gnutls/gnutls.h>
#include <gnutls/x509.h>
#include <json-glib/json-glib.h>
#include <signal.h>
#include <string.h>
#include <sys/resource.h>
#include <unistd.h>

#include "wd-checker-fixture.h"
#include "wd-publish-profile-private.h"
#include "wd-test-publish.h"
#include "wd-test-resolver.h"
#include "wd-test-server.h"
#include "wd-tls-private.h"
#include "wd-test-util.h"

/* ------------------------------------------------------- item 1: no auth */

/* A server on port 80 of some 127.x address, answering every connection
 * with @raw: libsoup's Digest code crashes only for the default port. */
typedef struct
{
  GSocket      *socket;
  GThread      *thread;
  GCancellable *cancellable;
  const char   *raw;
  char         *url;
} Port80;

static gpointer
port80_serve (gpointer data)
{
  Port80 *server = data;

  for (;;)
    {
      g_autoptr(GSocket) client = g_socket_accept (server->socket, server->cancellable, NULL);
      char buffer[4096];

      if (client == NULL)
        return NULL;
      /* The request fits in one read; then the answer, then goodbye. */
      g_socket_set_timeout (client, 5);
      g_socket_receive (client, buffer, sizeof buffer, NULL, NULL);
      g_socket_send (client, server->raw, strlen (server->raw), NULL, NULL);
      g_socket_close (client, NULL);
    }
}

static Port80 *
port80_start (const char *raw)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GInetAddress) address = NULL;
  g_autoptr(GSocketAddress) socket_address = NULL;
  g_autofree char *ip = g_strdup_printf ("127.%d.%d.%d", g_random_int_range (1, 255),
                                         g_random_int_range (0, 255), g_random_int_range (1, 255));
  Port80 *server = g_new0 (Port80, 1);

  address = g_inet_address_new_from_string (ip);
  socket_address = g_inet_socket_address_new (address, 80);
  server->socket = g_socket_new (G_SOCKET_FAMILY_IPV4, G_SOCKET_TYPE_STREAM,
                                 G_SOCKET_PROTOCOL_TCP, &error);
  g_assert_no_error (error);
  if (!g_socket_bind (server->socket, socket_address, TRUE, &error) ||
      !g_socket_listen (server->socket, &error))
    {
      g_test_skip_printf ("cannot listen on %s port 80 (%s): the crash needs the default port",
                          ip, error->message);
      g_object_unref (server->socket);
      g_free (server);
      return NULL;
    }

  server->raw = raw;
  server->cancellable = g_cancellable_new ();
  server->url = g_strdup_printf ("http://%s/article", ip);
  server->thread = g_thread_new ("port-80", port80_serve, server);
  return server;
}

static void
port80_stop (Port80 *server)
{
  g_cancellable_cancel (server->cancellable);
  g_thread_join (server->thread);
  g_socket_close (server->socket, NULL);
  g_object_unref (server->socket);
  g_object_unref (server->cancellable);
  g_free (server->url);
  g_free (server);
}

#define DIGEST_CRASH \
  "HTTP/1.1 401 Unauthorized\r\n" \
  "WWW-Authenticate: Digest realm=\"r\", nonce=\"n\", qop=\"auth\", domain=\"http:/x\"\r\n" \
  "Content-Length: 0\r\nConnection: close\r\n\r\n"

static void
test_digest_crash_port_80 (void)
{
  g_autoptr(WdChecker) checker = wd_checker_new ();
  g_autoptr(WdCheckResult) result = NULL;
  Port80 *server = port80_start (DIGEST_CRASH);

  if (server == NULL)
    return;

  /* Before the fix: SIGSEGV in soup_auth_get_protection_space(). */
  result = check_url (checker, server->url);
  assert_status (result, WD_CHECK_STATUS_BLOCKED);
  g_assert_cmpuint (wd_check_result_get_http_status (result), ==, 401);
  port80_stop (server);
}

static void
test_digest_challenge (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(WdCheckResult) result = check_path (f, "/raw/digest-401");

  /* libsoup's auth manager would parse the challenge (and crash on it):
   * the checker has none, so a 401 is just a page it may not see. */
  assert_status (result, WD_CHECK_STATUS_BLOCKED);
  g_assert_cmpuint (wd_check_result_get_http_status (result), ==, 401);
}

/* A finished article the exports and the publisher accept. */
static WdArticle *
make_article (void)
{
  WdArticle *article = wd_article_new ();
  g_autoptr(GError) error = NULL;

  wd_article_set_headline (article, "Night ferries halted");
  wd_article_set_standfirst (article, "Two vessels out of service.");
  wd_article_set_body (article, "Ferries stopped tonight.");
  wd_article_add_source_url (article, "https://port.example/statement", &error);
  g_assert_no_error (error);
  return article;
}

static WdPublication *
publish_to (WdPublisher       *publisher,
            WdArticle         *article,
            const char        *endpoint,
            WdPublishProfile   profile,
            const char        *credential,
            GError           **error)
{
  return wd_test_publish (publisher, article, endpoint, profile, credential, NULL, NULL, error);
}

static void
test_publish_digest_crash_port_80 (void)
{
  g_autoptr(WdPublisher) publisher = wd_publisher_new ();
  g_autoptr(WdArticle) article = make_article ();
  g_autoptr(WdPublication) publication = NULL;
  g_autoptr(GError) error = NULL;
  Port80 *server = port80_start (DIGEST_CRASH);

  if (server == NULL)
    return;

  wd_publisher_set_max_attempts (publisher, 1);
  publication = publish_to (publisher, article, server->url, WD_PUBLISH_PROFILE_NINJS,
                            "secret-token-1234", &error);
  g_assert_error (error, WD_PUBLISH_ERROR, WD_PUBLISH_ERROR_UNAUTHORIZED);
  g_assert_null (publication);
  port80_stop (server);
}

/* ------------------------------------ item 2: no script through exports */

#define SCRIPT "</script><script>alert(1)</script><!--"

static void
assert_inert (const char *what,
              GBytes     *bytes)
{
  gsize len;
  const char *data = g_bytes_get_data (bytes, &len);
  g_autofree char *text = g_strndup (data, len);

  g_test_message ("%s", what);
  /* Nothing an HTML parser would act on inside <script type=…json>. */
  g_assert_null (strchr (text, '<'));
  g_assert_null (strchr (text, '>'));
  g_assert_null (strchr (text, '&'));
  g_assert_null (strstr (text, "\xe2\x80\xa8"));
  g_assert_null (strstr (text, "\xe2\x80\xa9"));
  g_assert_null (strchr (text, '\x1b'));
  g_assert_null (strchr (text, '\x07'));
}

static void
test_exports_inert (void)
{
  static const WdExportFormat formats[] = {
    WD_EXPORT_FORMAT_NATIVE, WD_EXPORT_FORMAT_NINJS, WD_EXPORT_FORMAT_NINJS2,
    WD_EXPORT_FORMAT_JSONLD, WD_EXPORT_FORMAT_PROV,
  };
  g_autoptr(WdArticle) article = make_article ();
  g_autoptr(WdCheckResult) check = wd_check_result_new (WD_CHECK_STATUS_OK);
  WdSource *source = wd_article_get_source (article, 0);

  wd_article_set_headline (article, "Ferries " SCRIPT " & more\xe2\x80\xa8line");
  wd_article_set_body (article, "Body " SCRIPT "\xe2\x80\xa9 end.");
  /* What a hostile source page said about itself, stored by check --write. */
  wd_check_result_set_text (check, "title", "Page " SCRIPT "\x1b]0;owned\x07");
  wd_check_result_set_text (check, "site-name", "Site\x1b" "[2J" SCRIPT);
  wd_check_result_set_text (check, "author", "A\xe2\x80\xa8" "B\x07");
  wd_source_set_check (source, check);

  /* Kept, without the control characters. */
  g_assert_cmpstr (wd_check_result_get_title (check), ==, "Page " SCRIPT "]0;owned");
  g_assert_cmpstr (wd_check_result_get_author (check), ==, "A B");

  for (guint i = 0; i < G_N_ELEMENTS (formats); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GBytes) bytes = wd_export_serialize (article, formats[i], &error);
      g_autoptr(JsonParser) parser = json_parser_new ();
      g_autofree char *what = g_strdup_printf ("format %u", formats[i]);

      g_assert_no_error (error);
      assert_inert (what, bytes);
      /* Still the same text once read as JSON. */
      json_parser_load_from_data (parser, g_bytes_get_data (bytes, NULL),
                                  g_bytes_get_size (bytes), &error);
      g_assert_no_error (error);
    }
}

static void
test_cli_table_clean (Fixture       *f,
                      gconstpointer  data)
{
  g_autofree char *url = wd_hostile_server_url (f->server, "/raw/location-escapes");
  const char *args[] = { "check", url, NULL };
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;

  wd_test_run_wiredesk (args, NULL, &out, &err);
  g_test_message ("%s", out);
  g_assert_nonnull (strstr (out, "ftp://evil.example/"));
  g_assert_null (strchr (out, '\x1b'));
  g_assert_null (strchr (out, '\x07'));
  g_assert_null (strchr (err, '\x1b'));
}

static void
test_cli_write_then_export (Fixture       *f,
                            gconstpointer  data)
{
  g_autofree char *dir = wd_test_make_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "a.wiredesk", NULL);
  g_autofree char *url = wd_hostile_server_url (f->server, "/raw/hostile-meta");
  g_autoptr(WdArticle) article = wd_article_new ();
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  const char *check_args[] = { "check", "--write", path, NULL };
  const char *export_args[] = { "export", path, "--format", "jsonld", NULL };
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autofree char *exported = NULL;
  g_autoptr(GBytes) bytes = NULL;

  wd_article_set_headline (article, "Ferries");
  wd_article_set_body (article, "Stopped.");
  wd_article_add_source_url (article, url, &error);
  g_assert_no_error (error);
  g_assert_true (wd_native_format_save (article, file, NULL, &error));
  g_assert_no_error (error);

  wd_test_run_wiredesk (check_args, NULL, &out, &err);
  g_assert_null (strchr (out, '\x1b'));
  g_assert_cmpint (wd_test_run_wiredesk (export_args, NULL, &exported, NULL), ==, 0);
  g_assert_nonnull (strstr (exported, "Headline \\u003c/script\\u003e"));
  bytes = g_bytes_new (exported, strlen (exported));
  assert_inert ("jsonld after check --write", bytes);
  wd_test_rmdir_r (dir);
}

/* ------------------------------------------ item 3: export -o is atomic */

static void
limit_file_size (gpointer data)
{
  struct rlimit limit = { 512, 512 };

  /* Ignored, SIGXFSZ would kill the process; then write() fails. */
  signal (SIGXFSZ, SIG_IGN);
  setrlimit (RLIMIT_FSIZE, &limit);
}

static void
test_export_output_atomic (void)
{
  g_autofree char *dir = wd_test_make_tmpdir ();
  g_autofree char *doc = g_build_filename (dir, "a.wiredesk", NULL);
  g_autofree char *out = g_build_filename (dir, "a.ninjs.json", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (doc);
  g_autoptr(WdArticle) article = make_article ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) body = g_string_new (NULL);
  const char *argv[] = { g_getenv ("WD_BINARY"), "export", doc, "--format", "ninjs", "-o", out, NULL };
  g_autofree char *err = NULL;
  g_autofree char *after = NULL;
  g_autoptr(GDir) listing = NULL;
  const char *entry;
  int status = 0;

  for (guint i = 0; i < 200; i++)
    g_string_append (body, "A body longer than the limit. ");
  wd_article_set_body (article, body->str);
  g_assert_true (wd_native_format_save (article, file, NULL, &error));
  g_assert_true (g_file_set_contents (out, "the previous export\n", -1, &error));

  g_spawn_sync (dir, (char **) argv, NULL, G_SPAWN_STDOUT_TO_DEV_NULL, limit_file_size, NULL,
                NULL, &err, &status, &error);
  g_assert_no_error (error);
  g_test_message ("%s", err);
  g_assert_false (g_spawn_check_wait_status (status, NULL));
  g_assert_nonnull (strstr (err, "could not save"));
  g_assert_nonnull (strstr (err, "not changed"));

  g_assert_true (g_file_get_contents (out, &after, NULL, NULL));
  g_assert_cmpstr (after, ==, "the previous export\n");
  listing = g_dir_open (dir, 0, NULL);
  while ((entry = g_dir_read_name (listing)) != NULL)
    g_assert_false (g_str_has_prefix (entry, "."));
  wd_test_rmdir_r (dir);
}

/* ------------------------------------------ item 6: passwords in URLs */

static void
test_userinfo_stripped (void)
{
  g_autoptr(WdArticle) article = wd_article_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *url = wd_url_normalize ("https://desk:hunter2@Example.COM/story", &error);
  WdSource *source;

  g_assert_no_error (error);
  g_assert_cmpstr (url, ==, "https://example.com/story");
  g_assert_true (wd_url_has_credentials ("see https://desk:hunter2@example.com/x and more"));
  g_assert_true (wd_url_has_credentials ("http://token@example.com"));
  g_assert_false (wd_url_has_credentials ("https://example.com/@handle"));
  g_assert_false (wd_url_has_credentials ("https://example.com/?mail=a@b.c"));

  source = wd_article_add_source_url (article, "http://desk:hunter2@example.com/a", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (wd_source_get_url (source), ==, "http://example.com/a");
}

static void
test_userinfo_never_sent (Fixture       *f,
                          gconstpointer  data)
{
  g_autofree char *url = g_strdup_printf ("http://desk:hunter2@127.0.0.1:%u/raw/basic-401",
                                          wd_hostile_server_get_port (f->server));
  g_autoptr(WdCheckResult) result = check_url (f->checker, url);
  const char *args[] = { "check", url, NULL };
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;

  /* libsoup's auth manager answered the 401 with Basic desk:hunter2. */
  assert_status (result, WD_CHECK_STATUS_BLOCKED);
  g_assert_cmpuint (wd_check_result_get_http_status (result), ==, 401);

  wd_test_run_wiredesk (args, NULL, &out, &err);
  g_assert_null (strstr (out, "hunter2"));
  g_assert_null (strstr (err, "hunter2"));
  g_assert_nonnull (strstr (err, "password"));
  g_assert_nonnull (strstr (out, "blocked"));
}

/* ---------------------------------------- item 9: special files, IPv6 */

static void
test_import_special_files (void)
{
  g_autofree char *dir = wd_test_make_tmpdir ();
  g_autofree char *link = g_build_filename (dir, "synthesis.txt", NULL);
  const char *paths[] = { "/dev/zero", link };

  g_assert_cmpint (symlink ("/dev/zero", link), ==, 0);
  for (guint i = 0; i < G_N_ELEMENTS (paths); i++)
    {
      const char *args[] = { "import", paths[i], NULL };
      g_autofree char *err = NULL;
      gint64 start = g_get_monotonic_time ();

      /* It used to read 4 GB before giving up. */
      g_assert_cmpint (wd_test_run_wiredesk (args, NULL, NULL, &err), ==, 2);
      g_assert_nonnull (strstr (err, "not a regular file"));
      g_assert_cmpint (g_get_monotonic_time () - start, <, 5 * G_USEC_PER_SEC);
    }
  wd_test_rmdir_r (dir);
}

static void
test_import_ipv6_and_port_0 (void)
{
  g_autofree char *dir = wd_test_make_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "synthesis.md", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GPtrArray) warnings = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(WdArticle) article = NULL;

  g_assert_true (g_file_set_contents (path,
                                      "# Ferries halted\n\nThe ferries stopped.\n\n## Sources\n\n"
                                      "- Harbour camera: http://[2001:db8::7]:8080/cam/1\n"
                                      "- Broken: http://example.com:0/x\n", -1, NULL));
  article = wd_import_file (file, WD_IMPORT_FORMAT_AUTO, &warnings, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (wd_article_get_n_sources (article), ==, 1);
  g_assert_cmpstr (wd_source_get_url (wd_article_get_source (article, 0)), ==,
                   "http://[2001:db8::7]:8080/cam/1");
  g_assert_cmpuint (warnings->len, ==, 1);
  g_assert_nonnull (strstr (g_ptr_array_index (warnings, 0), "port 0"));
  wd_test_rmdir_r (dir);
}

/* ------------------------------------------ item 7: the token never leaks */

#define TOKEN "Tok/en+Secret=42abcdef"

/* Debug messages of this process, as G_MESSAGES_DEBUG=all would print. */
static GString *debug_log;

static GLogWriterOutput
capture_debug (GLogLevelFlags   level,
               const GLogField *fields,
               gsize            n_fields,
               gpointer         data)
{
  for (gsize i = 0; i < n_fields; i++)
    if (g_str_equal (fields[i].key, "MESSAGE") && (level & G_LOG_LEVEL_DEBUG))
      {
        g_string_append (debug_log, fields[i].value);
        g_string_append_c (debug_log, '\n');
      }

  if (level & G_LOG_LEVEL_DEBUG)
    return G_LOG_WRITER_HANDLED;
  return g_log_writer_default (level, fields, n_fields, data);
}

static void
assert_no_token (const char *text,
                 const char *token)
{
  g_autofree char *lower = g_ascii_strdown (token, -1);
  g_autofree char *encoded = g_base64_encode ((const guchar *) token, strlen (token));
  g_autofree char *escaped = g_uri_escape_string (token, NULL, FALSE);
  g_autofree char *start = g_ascii_strdown (token, 8);
  g_autofree char *lower_text = g_ascii_strdown (text, -1);

  g_test_message ("%s", text);
  g_assert_null (strstr (lower_text, lower));
  g_assert_null (strstr (text, encoded));
  g_assert_null (strstr (text, escaped));
  g_assert_null (strstr (lower_text, start));
}

static void
test_redact_forms (void)
{
  static const char *answers[] = {
    "bad token tok/en+secret=42abcdef",                          /* lower-cased */
    "bad token Tok%2Fen%2BSecret%3D42abcdef",                     /* percent-encoded */
    "bad token Tok\\/en+Secret=42abcdef",                          /* JSON-escaped */
    "bad header Basic VG9rL2VuK1NlY3JldD00MmFiY2RlZg==",          /* Base64 */
    "a long message cut at its limit … Tok/en+Sec…",             /* cut short */
  };

  for (guint i = 0; i < G_N_ELEMENTS (answers); i++)
    {
      g_autofree char *redacted = _wd_publish_redact (answers[i], TOKEN);

      assert_no_token (redacted, TOKEN);
      g_assert_nonnull (strstr (redacted, "********"));
    }

  /* user:password: the password alone, in any spelling. */
  {
    g_autofree char *redacted = _wd_publish_redact ("wrong password S3cretPassw0rd for desk",
                                                    "desk:s3cretpassw0rd");

    g_assert_cmpstr (redacted, ==, "wrong password ******** for desk");
  }
}

typedef WdTestCmsFixture Cms;

static void
cms_set_up (Cms           *c,
            gconstpointer  data)
{
  wd_test_cms_fixture_set_up (c, TOKEN, "/api/items", make_article ());
}

static void
cms_tear_down (Cms           *c,
               gconstpointer  data)
{
  wd_test_cms_fixture_tear_down (c);
}

static void
test_retry_debug_redacted (Cms           *c,
                           gconstpointer  data)
{
  g_autoptr(WdPublication) publication = NULL;
  g_autoptr(GError) error = NULL;

  g_string_truncate (debug_log, 0);
  wd_test_cms_fail_next (c->cms, 2, 503, "{\"message\": \"token " TOKEN " overloaded\"}");
  publication = publish_to (c->publisher, c->article, c->endpoint, WD_PUBLISH_PROFILE_NINJS,
                            TOKEN, &error);
  g_assert_no_error (error);
  /* The retries were logged, without the token. */
  g_assert_nonnull (strstr (debug_log->str, "attempt 1 failed"));
  assert_no_token (debug_log->str, TOKEN);
}

static void
test_cut_message_redacted (Cms           *c,
                           gconstpointer  data)
{
  g_autoptr(GString) answer = g_string_new ("{\"message\": \"");
  g_autoptr(WdPublication) publication = NULL;
  g_autoptr(GError) error = NULL;

  /* The token straddles the 300-character cut. */
  while (answer->len < strlen ("{\"message\": \"") + 290)
    g_string_append_c (answer, 'x');
  g_string_append (answer, " " TOKEN "\"}");
  wd_test_cms_fail_next (c->cms, 1, 400, answer->str);
  publication = publish_to (c->publisher, c->article, c->endpoint, WD_PUBLISH_PROFILE_NINJS,
                            TOKEN, &error);
  g_assert_error (error, WD_PUBLISH_ERROR, WD_PUBLISH_ERROR_REJECTED);
  assert_no_token (error->message, TOKEN);
}

static void
test_token_as_id_not_stored (Cms           *c,
                             gconstpointer  data)
{
  g_autoptr(WdPublication) publication = NULL;
  g_autoptr(GError) error = NULL;

  wd_test_cms_fail_next (c->cms, 1, 201, "{\"id\": \"" TOKEN "\"}");
  publication = publish_to (c->publisher, c->article, c->endpoint, WD_PUBLISH_PROFILE_NINJS,
                            TOKEN, &error);
  g_assert_error (error, WD_PUBLISH_ERROR, WD_PUBLISH_ERROR_RESPONSE);
  assert_no_token (error->message, TOKEN);
  g_assert_null (publication);
  g_assert_null (wd_article_find_publication (c->article, c->endpoint));
}

static void
test_plain_http_refused (Cms           *c,
                         gconstpointer  data)
{
  g_autoptr(WdPublication) publication = NULL;
  g_autoptr(GError) error = NULL;

  publication = publish_to (c->publisher, c->article, "http://cms.example/api/items",
                            WD_PUBLISH_PROFILE_NINJS, TOKEN, &error);
  g_assert_error (error, WD_PUBLISH_ERROR, WD_PUBLISH_ERROR_INVALID_ENDPOINT);
  g_assert_nonnull (strstr (error->message, "https"));
  /* Loopback is development: allowed (the fake CMS is on 127.0.0.1). */
  g_clear_error (&error);
  publication = publish_to (c->publisher, c->article, c->endpoint, WD_PUBLISH_PROFILE_NINJS,
                            TOKEN, &error);
  g_assert_no_error (error);
  g_assert_nonnull (publication);
}

/* ---------------------------------------------- item 5: stacked codings */

static void
test_two_codings (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(WdCheckResult) one = check_path (f, "/raw/codings/1");
  g_autoptr(WdCheckResult) two = check_path (f, "/raw/codings/2");

  assert_status (one, WD_CHECK_STATUS_OK);
  g_assert_cmpstr (wd_check_result_get_title (one), ==, "Stacked codings");
  assert_status (two, WD_CHECK_STATUS_OK);
  g_assert_cmpstr (wd_check_result_get_title (two), ==, "Stacked codings");
}

static void
test_coding_bomb (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(WdCheckResult) three = check_path (f, "/raw/codings/3");
  /* One 65 KB header naming gzip 13 000 times, over a body gzipped once. */
  g_autoptr(WdCheckResult) bomb = check_path (f, "/raw/codings/1/13000");
  guint64 peak = peak_rss_kib ();

  assert_status (three, WD_CHECK_STATUS_SERVER_ERROR);
  assert_detail_mentions (three, "3");
  assert_status (bomb, WD_CHECK_STATUS_SERVER_ERROR);
  assert_detail_mentions (bomb, "13000");
  g_assert_null (wd_check_result_get_title (bomb));
  g_assert_cmpuint (peak, <, PEAK_RSS_LIMIT_KIB);
}

/* --------------------------------------------- item 8: chunked nonsense */

static void
test_malformed_chunks (Fixture       *f,
                       gconstpointer  data)
{
  static const char * const paths[] = {
    "/raw/chunked-zz", "/raw/chunked-negative", "/raw/chunked-huge",
  };

  for (guint i = 0; i < G_N_ELEMENTS (paths); i++)
    {
      g_autoptr(WdCheckResult) result = check_path (f, paths[i]);

      g_test_message ("%s: %s", paths[i], wd_check_result_get_detail (result));
      assert_status (result, WD_CHECK_STATUS_SERVER_ERROR);
      assert_detail_mentions (result, "chunk");
    }
}

static void
test_honest_chunks (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(WdCheckResult) empty = check_path (f, "/raw/chunked-empty");
  g_autoptr(WdCheckResult) trailer = check_path (f, "/raw/chunked-trailer");
  g_autoptr(WdCheckResult) kept = check_path (f, "/raw/chunked-empty-kept");
  g_autoptr(WdCheckResult) kept_again = check_path (f, "/raw/chunked-empty-kept?again");
  g_autoptr(WdCheckResult) after = check_path (f, "/ok");

  /* An empty page in chunks that end properly is an empty page: not a
   * broken one (the check used to say so of every empty chunked 2xx). */
  assert_status (empty, WD_CHECK_STATUS_OK);
  g_assert_cmpuint (wd_check_result_get_http_status (empty), ==, 200);
  /* A chunk extension and a trailer are allowed. */
  assert_status (trailer, WD_CHECK_STATUS_OK);
  g_assert_cmpstr (wd_check_result_get_title (trailer), ==, "Chunks");
  /* On a kept-alive connection too, and the next check is not upset. */
  assert_status (kept, WD_CHECK_STATUS_OK);
  assert_status (kept_again, WD_CHECK_STATUS_OK);
  assert_status (after, WD_CHECK_STATUS_OK);
}

static void
test_broken_chunks_exact (Fixture       *f,
                          gconstpointer  data)
{
  static const struct { const char *path; const char *detail; } cases[] = {
    { "/raw/chunked-truncated", "ends before its last chunk" },
    { "/raw/chunked-overlong", "a chunk longer than its size" },
    { "/raw/chunked-zz-later", "a chunk size that is not a number" },
    { "/raw/gzip-chunked-truncated", "ends before its last chunk" },
    { "/raw/gzip-chunked-overlong", "a chunk longer than its size" },
    { "/raw/gzip-chunked-zz", "a chunk size that is not a number" },
  };

  /* libsoup 3.2 read the second and third as short pages ("ok", title and
   * all). Under gzip the chunks are checked as exactly (libsoup
   * de-chunked those: no word of which chunk, or "Invalid compressed
   * data" for the overlong one). */
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(WdCheckResult) result = check_path (f, cases[i].path);

      g_test_message ("%s: %s", cases[i].path, wd_check_result_get_detail (result));
      assert_status (result, WD_CHECK_STATUS_SERVER_ERROR);
      assert_detail_mentions (result, "malformed response: the page’s chunked encoding is broken");
      assert_detail_mentions (result, cases[i].detail);
    }
}

/* -------------------------------------------- item 4: the deadline holds */

/* @path checked with a deadline of @timeout seconds; @elapsed: how long
 * the verdict took, in seconds. */
static WdCheckResult *
check_timed (Fixture    *f,
             const char *path,
             double      timeout,
             double     *elapsed)
{
  WdCheckResult *result;
  gint64 start;

  wd_checker_set_timeout (f->checker, timeout);
  start = g_get_monotonic_time ();
  result = check_path (f, path);
  *elapsed = (g_get_monotonic_time () - start) / (double) G_USEC_PER_SEC;
  return result;
}

static void
test_chunks_kept_open_and_gzip (Fixture       *f,
                                gconstpointer  data)
{
  static const struct { const char *path; const char *title; } cases[] = {
    { "/raw/chunked-kept-open", "Chunks" },
    { "/raw/gzip-chunked-kept-open", "Gzip in chunks" },
    { "/raw/gzip-chunked-trailer", "Gzip in chunks" },
  };

  /* The last chunk and the end in one read, and then nothing on a
   * connection kept open: the page is whole. The stream under the decoder
   * read on for a byte after the end, which never comes (a timeout at the
   * deadline). A gzipped page in chunks, the web's commonest body, is
   * de-chunked by the checker and then decoded; with an extension and a
   * trailer too. */
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      double elapsed;
      g_autoptr(WdCheckResult) result = check_timed (f, cases[i].path, 5.0, &elapsed);

      g_test_message ("%s after %.2f s: %s", cases[i].path, elapsed, wd_check_result_get_detail (result));
      assert_status (result, WD_CHECK_STATUS_OK);
      g_assert_cmpstr (wd_check_result_get_title (result), ==, cases[i].title);
    }
}

static void
test_slow_page_parse (Fixture       *f,
                      gconstpointer  data)
{
  double elapsed;
  g_autoptr(WdCheckResult) result = check_timed (f, "/raw/attribute-flood", 2.0, &elapsed);

  /* Read in time (a parser without the quadratic case), or a timeout at
   * the deadline: never the 13 s libxml2 2.9 takes over it. */
  g_test_message ("%s after %.2f s: %s",
                  wd_enum_to_nick (WD_TYPE_CHECK_STATUS, wd_check_result_get_status (result)),
                  elapsed, wd_check_result_get_detail (result));
  g_assert_cmpfloat (elapsed, <, 3.5);
  /* (In a sanitizer build even sending the page can take the 2 s.) */
  if (wd_check_result_get_status (result) != WD_CHECK_STATUS_OK)
    assert_status (result, WD_CHECK_STATUS_TIMEOUT);
}

static void
test_continue_flood (Fixture       *f,
                     gconstpointer  data)
{
  double elapsed;
  /* libsoup reads interim answers back to back without going back to the
   * main loop, where the deadline and Ctrl+C wait: it once went on for
   * minutes. */
  g_autoptr(WdCheckResult) result = check_timed (f, "/raw/continue-flood", 1.0, &elapsed);

  g_test_message ("verdict after %.2f s: %s", elapsed, wd_check_result_get_detail (result));
  assert_status (result, WD_CHECK_STATUS_SERVER_ERROR);
  assert_detail_mentions (result, "1xx");
  g_assert_cmpfloat (elapsed, <, 3.0);
}

/* ----------------------------------------------------- item 8: refresh */

static void
test_meta_refresh (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(WdCheckResult) front = check_path (f, "/raw/refresh-front");
  g_autoptr(WdCheckResult) missing = check_path (f, "/raw/refresh-missing");
  g_autoptr(WdCheckResult) self = check_path (f, "/raw/refresh-self");
  g_autoptr(WdCheckResult) script = check_path (f, "/raw/refresh-script");
  g_autoptr(WdCheckResult) moved = check_path (f, "/raw/refresh-ok");
  g_autoptr(WdCheckResult) later = check_path (f, "/raw/refresh-later");

  /* A refresh of a few seconds is a redirect, within the same budget. */
  assert_status (front, WD_CHECK_STATUS_SOFT_NOT_FOUND);
  assert_detail_mentions (front, "front page");
  assert_status (missing, WD_CHECK_STATUS_NOT_FOUND);
  g_assert_cmpuint (wd_check_result_get_redirects (missing), ==, 1);
  assert_status (self, WD_CHECK_STATUS_REDIRECT_ERROR);
  assert_detail_mentions (self, "reloads itself");
  assert_status (script, WD_CHECK_STATUS_REDIRECT_ERROR);
  assert_detail_mentions (script, "javascript:");
  assert_status (moved, WD_CHECK_STATUS_REDIRECTED);
  g_assert_cmpuint (wd_check_result_get_redirects (moved), ==, 1);
  assert_final_url (f, moved, "/ok");
  g_assert_cmpstr (wd_check_result_get_title (moved), ==, "A plain page");
  /* Ten minutes: a page that updates itself, not a redirect. */
  assert_status (later, WD_CHECK_STATUS_OK);
}

static void
test_title_is_not_proof (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(WdCheckResult) movie = check_path (f, "/raw/movie");
  g_autoptr(WdCheckResult) error_code = check_path (f, "/not-found-title");

  /* This site answers a random path with 404: it does not hide missing
   * pages, so a film called "Not Found" is a page. */
  assert_status (movie, WD_CHECK_STATUS_OK);
  g_assert_cmpstr (wd_check_result_get_title (movie), ==, "Not Found: the movie");
  /* "404 – Page not found" in a title still is proof. */
  assert_status (error_code, WD_CHECK_STATUS_SOFT_NOT_FOUND);
}

/* ------------------------------------- redirects into the own network */

static void
test_redirect_into_own_network (Fixture       *f,
                                gconstpointer  data)
{
  /* A public-looking name in front of the test server. */
  static const char * const names[] = { "news.example", "rebind.example", NULL };
  g_autoptr(GResolver) previous = g_resolver_get_default ();
  g_autoptr(GResolver) resolver = wd_test_resolver_new (names);
  guint port = wd_hostile_server_get_port (f->server);
  g_autofree char *plain = g_strdup_printf ("http://news.example:%u/ok", port);
  g_autofree char *by_address = g_strdup_printf ("http://news.example:%u/raw/to-loopback", port);
  g_autofree char *by_name = g_strdup_printf ("http://news.example:%u/raw/to-rebind", port);
  g_autoptr(WdCheckResult) ok = NULL;
  g_autoptr(WdCheckResult) address = NULL;
  g_autoptr(WdCheckResult) name = NULL;
  g_autoptr(WdCheckResult) local = NULL;

  g_resolver_set_default (resolver);
  ok = check_url (f->checker, plain);
  address = check_url (f->checker, by_address);
  name = check_url (f->checker, by_name);
  /* Asked for by the editor, a loopback address is followed anywhere. */
  local = check_path (f, "/raw/to-rebind");
  g_resolver_set_default (previous);

  assert_status (ok, WD_CHECK_STATUS_OK);
  assert_status (address, WD_CHECK_STATUS_BLOCKED);
  assert_detail_mentions (address, "127.0.0.1");
  g_assert_cmpuint (wd_check_result_get_http_status (address), ==, 302);
  assert_status (name, WD_CHECK_STATUS_BLOCKED);
  assert_detail_mentions (name, "127.0.0.1");
  assert_status (local, WD_CHECK_STATUS_REDIRECTED);
  /* Never asked: */
  g_assert_cmpuint (wd_hostile_server_hits (f->server, "/ok"), ==, 2);
}

static void
test_tls_says_which (Fixture       *f,
                     gconstpointer  data)
{
  guint port = wd_hostile_server_get_https_port (f->server);
  g_autofree char *url = g_strdup_printf ("https://127.0.0.1:%u/ok", port);
  g_autoptr(WdCheckResult) result = NULL;

  if (port == 0)
    {
      g_test_skip ("no TLS backend");
      return;
    }

  /* Not just "Unacceptable TLS certificate": which check failed. (A
   * sanitizer build needs seconds for the handshake.) */
  wd_checker_set_timeout (f->checker, 60.0);
  result = check_url (f->checker, url);
  assert_status (result, WD_CHECK_STATUS_UNREACHABLE);
  assert_detail_mentions (result, "not signed by a trusted authority");
}

/* ------------------------------------------- item 8: weak server keys */

/* A certificate authority of the test's own, made at run time with
 * GnuTLS, and two servers on 127.0.0.1 with certificates it signed: one
 * with a 1024-bit RSA key, one with 2048 bits. GnuTLS's verification
 * accepts both. */
typedef struct
{
  char         *dir;
  char         *ca_file;
  WdTestServer *weak;
  WdTestServer *strong;
  gint          weak_hits;
  gint          strong_hits;
} TlsFixture;

static gnutls_x509_privkey_t
make_rsa_key (unsigned int bits)
{
  gnutls_x509_privkey_t key;

  g_assert_cmpint (gnutls_x509_privkey_init (&key), ==, 0);
  g_assert_cmpint (gnutls_x509_privkey_generate (key, GNUTLS_PK_RSA, bits, 0), ==, 0);
  return key;
}

/* Signed by @issuer with @issuer_key; self-signed when @issuer is NULL
 * (then a CA). */
static gnutls_x509_crt_t
make_certificate (gnutls_x509_privkey_t  key,
                  const char            *name,
                  gnutls_x509_crt_t      issuer,
                  gnutls_x509_privkey_t  issuer_key,
                  guint                  serial)
{
  static const guint8 loopback[] = { 127, 0, 0, 1 };
  gnutls_x509_crt_t crt;
  guint8 key_id[64];
  size_t key_id_size = sizeof key_id;
  guint8 serial_bytes[] = { 0x01, serial };
  time_t now = time (NULL);

  g_assert_cmpint (gnutls_x509_crt_init (&crt), ==, 0);
  g_assert_cmpint (gnutls_x509_crt_set_version (crt, 3), ==, 0);
  g_assert_cmpint (gnutls_x509_crt_set_serial (crt, serial_bytes, sizeof serial_bytes), ==, 0);
  g_assert_cmpint (gnutls_x509_crt_set_activation_time (crt, now - 3600), ==, 0);
  g_assert_cmpint (gnutls_x509_crt_set_expiration_time (crt, now + 86400), ==, 0);
  g_assert_cmpint (gnutls_x509_crt_set_dn_by_oid (crt, GNUTLS_OID_X520_COMMON_NAME, 0,
                                                  name, strlen (name)), ==, 0);
  g_assert_cmpint (gnutls_x509_crt_set_key (crt, key), ==, 0);
  g_assert_cmpint (gnutls_x509_crt_get_key_id (crt, 0, key_id, &key_id_size), ==, 0);
  g_assert_cmpint (gnutls_x509_crt_set_subject_key_id (crt, key_id, key_id_size), ==, 0);

  if (issuer == NULL)
    {
      g_assert_cmpint (gnutls_x509_crt_set_basic_constraints (crt, 1, -1), ==, 0);
      g_assert_cmpint (gnutls_x509_crt_set_key_usage (crt, GNUTLS_KEY_KEY_CERT_SIGN |
                                                           GNUTLS_KEY_CRL_SIGN), ==, 0);
      g_assert_cmpint (gnutls_x509_crt_sign2 (crt, crt, key, GNUTLS_DIG_SHA256, 0), ==, 0);
      return crt;
    }

  g_assert_cmpint (gnutls_x509_crt_set_basic_constraints (crt, 0, -1), ==, 0);
  g_assert_cmpint (gnutls_x509_crt_set_key_usage (crt, GNUTLS_KEY_DIGITAL_SIGNATURE |
                                                       GNUTLS_KEY_KEY_ENCIPHERMENT), ==, 0);
  g_assert_cmpint (gnutls_x509_crt_set_key_purpose_oid (crt, GNUTLS_KP_TLS_WWW_SERVER, 0), ==, 0);
  g_assert_cmpint (gnutls_x509_crt_set_subject_alt_name (crt, GNUTLS_SAN_IPADDRESS, loopback,
                                                         sizeof loopback, GNUTLS_FSAN_SET), ==, 0);
  key_id_size = sizeof key_id;
  g_assert_cmpint (gnutls_x509_crt_get_subject_key_id (issuer, key_id, &key_id_size, NULL), ==, 0);
  g_assert_cmpint (gnutls_x509_crt_set_authority_key_id (crt, key_id, key_id_size), ==, 0);
  g_assert_cmpint (gnutls_x509_crt_sign2 (crt, issuer, issuer_key, GNUTLS_DIG_SHA256, 0), ==, 0);
  return crt;
}

static void
append_pem (GString  *pem,
            int     (*export) (void *, gnutls_x509_crt_fmt_t, gnutls_datum_t *),
            void     *object)
{
  gnutls_datum_t datum = { NULL, 0 };

  g_assert_cmpint (export (object, GNUTLS_X509_FMT_PEM, &datum), ==, 0);
  g_string_append_len (pem, (const char *) datum.data, datum.size);
  gnutls_free (datum.data);
}

/* Writes @dir/@file: a certificate for 127.0.0.1 with a @bits RSA key,
 * and the key. */
static char *
write_server_pem (const char            *dir,
                  const char            *file,
                  unsigned int           bits,
                  gnutls_x509_crt_t      ca,
                  gnutls_x509_privkey_t  ca_key,
                  guint                  serial)
{
  gnutls_x509_privkey_t key = make_rsa_key (bits);
  gnutls_x509_crt_t crt = make_certificate (key, "127.0.0.1", ca, ca_key, serial);
  g_autoptr(GString) pem = g_string_new (NULL);
  g_autoptr(GError) error = NULL;
  char *path = g_build_filename (dir, file, NULL);

  append_pem (pem, (gpointer) gnutls_x509_crt_export2, crt);
  append_pem (pem, (gpointer) gnutls_x509_privkey_export2, key);
  g_file_set_contents (path, pem->str, pem->len, &error);
  g_assert_no_error (error);
  gnutls_x509_crt_deinit (crt);
  gnutls_x509_privkey_deinit (key);
  return path;
}

static void
tls_serve (SoupServer        *server,
           SoupServerMessage *msg,
           const char        *path,
           GHashTable        *query,
           gpointer           data)
{
  static const char page[] = "<html><head><title>Harbour notice</title></head>"
                             "<body><p>Ferries run again.</p></body></html>";

  g_atomic_int_inc ((gint *) data);
  if (!g_str_equal (path, "/notice"))
    {
      soup_server_message_set_status (msg, SOUP_STATUS_NOT_FOUND, NULL);
      return;
    }
  soup_server_message_set_status (msg, SOUP_STATUS_OK, NULL);
  soup_server_message_set_response (msg, "text/html", SOUP_MEMORY_STATIC, page, strlen (page));
}

static void
tls_set_up (TlsFixture    *t,
            gconstpointer  data)
{
  gnutls_x509_privkey_t ca_key = make_rsa_key (2048);
  gnutls_x509_crt_t ca = make_certificate (ca_key, "Wiredesk test authority", NULL, NULL, 1);
  g_autofree char *weak_pem = NULL;
  g_autofree char *strong_pem = NULL;
  g_autoptr(GString) pem = g_string_new (NULL);
  g_autoptr(GTlsDatabase) database = NULL;
  g_autoptr(GError) error = NULL;

  t->dir = g_dir_make_tmp ("wd-tls-XXXXXX", &error);
  g_assert_no_error (error);
  t->ca_file = g_build_filename (t->dir, "ca.pem", NULL);
  append_pem (pem, (gpointer) gnutls_x509_crt_export2, ca);
  g_file_set_contents (t->ca_file, pem->str, pem->len, &error);
  g_assert_no_error (error);

  weak_pem = write_server_pem (t->dir, "weak.pem", 1024, ca, ca_key, 2);
  strong_pem = write_server_pem (t->dir, "strong.pem", 2048, ca, ca_key, 3);
  gnutls_x509_crt_deinit (ca);
  gnutls_x509_privkey_deinit (ca_key);

  t->weak = wd_test_server_new ("weak/1.0", weak_pem, tls_serve, &t->weak_hits);
  t->strong = wd_test_server_new ("strong/1.0", strong_pem, tls_serve, &t->strong_hits);

  database = g_tls_file_database_new (t->ca_file, &error);
  g_assert_no_error (error);
  _wd_tls_set_test_database (database);
}

static void
tls_tear_down (TlsFixture    *t,
               gconstpointer  data)
{
  _wd_tls_set_test_database (NULL);
  g_clear_pointer (&t->weak, wd_test_server_free);
  g_clear_pointer (&t->strong, wd_test_server_free);
  for (const char *const *name = (const char *const[]) { "ca.pem", "weak.pem", "strong.pem", NULL };
       *name != NULL; name++)
    {
      g_autofree char *path = g_build_filename (t->dir, *name, NULL);

      g_unlink (path);
    }
  g_rmdir (t->dir);
  g_free (t->dir);
  g_free (t->ca_file);
}

static char *
https_url (WdTestServer *server,
           const char   *path)
{
  return g_strdup_printf ("https://127.0.0.1:%u%s", wd_test_server_get_https_port (server), path);
}

static void
test_weak_key_check (TlsFixture    *t,
                     gconstpointer  data)
{
  g_autoptr(WdChecker) checker = wd_checker_new ();
  g_autofree char *weak_url = https_url (t->weak, "/notice");
  g_autofree char *strong_url = https_url (t->strong, "/notice");
  g_autoptr(WdCheckResult) weak = NULL;
  g_autoptr(WdCheckResult) strong = NULL;

  /* A sanitizer build needs seconds for a handshake. */
  wd_checker_set_timeout (checker, 60.0);
  strong = check_url (checker, strong_url);
  g_test_message ("2048 bits: %s", wd_check_result_get_detail (strong));
  assert_status (strong, WD_CHECK_STATUS_OK);
  g_assert_cmpstr (wd_check_result_get_title (strong), ==, "Harbour notice");
  g_assert_cmpint (g_atomic_int_get (&t->strong_hits), >, 0);

  weak = check_url (checker, weak_url);
  g_test_message ("1024 bits: %s", wd_check_result_get_detail (weak));
  assert_status (weak, WD_CHECK_STATUS_UNREACHABLE);
  assert_detail_mentions (weak, "the server’s RSA key is 1024 bits; at least 2048 are required");
  /* Refused at the handshake: the request never went out. */
  g_assert_cmpint (g_atomic_int_get (&t->weak_hits), ==, 0);
}

static void
test_weak_key_publish (TlsFixture    *t,
                       gconstpointer  data)
{
  g_autoptr(WdPublisher) publisher = wd_publisher_new ();
  g_autoptr(WdArticle) article = make_article ();
  g_autofree char *weak_url = https_url (t->weak, "/api/items");
  g_autoptr(WdPublication) publication = NULL;
  g_autoptr(GError) error = NULL;

  wd_publisher_set_timeout (publisher, 60);
  wd_publisher_set_max_attempts (publisher, 3);
  wd_publisher_set_retry_delay (publisher, 10);
  publication = publish_to (publisher, article, weak_url, WD_PUBLISH_PROFILE_NINJS, TOKEN, &error);
  g_assert_error (error, WD_PUBLISH_ERROR, WD_PUBLISH_ERROR_NETWORK);
  g_assert_null (publication);
  g_assert_nonnull (strstr (error->message, "the server’s RSA key is 1024 bits; at least 2048 are required"));
  /* Neither the token nor the article reached that server, and it was
   * asked once: a key does not get longer on a second attempt. */
  g_assert_null (strstr (error->message, "attempts"));
  g_assert_cmpint (g_atomic_int_get (&t->weak_hits), ==, 0);
}

static void
test_untrusted_publish_says_which (TlsFixture    *t,
                                   gconstpointer  data)
{
  g_autoptr(WdPublisher) publisher = NULL;
  g_autoptr(WdArticle) article = make_article ();
  g_autofree char *url = https_url (t->strong, "/api/items");
  g_autoptr(WdPublication) publication = NULL;
  g_autoptr(GError) error = NULL;

  /* The system's authorities do not know the test's. */
  _wd_tls_set_test_database (NULL);
  publisher = wd_publisher_new ();
  wd_publisher_set_timeout (publisher, 60);
  publication = publish_to (publisher, article, url, WD_PUBLISH_PROFILE_NINJS, TOKEN, &error);
  g_assert_error (error, WD_PUBLISH_ERROR, WD_PUBLISH_ERROR_NETWORK);
  g_assert_nonnull (strstr (error->message, "TLS failure: the certificate is not signed by a trusted authority"));
  g_assert_cmpint (g_atomic_int_get (&t->strong_hits), ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  debug_log = g_string_new (NULL);
  /* The app's g_debug() goes through GLib's default handler to the log
   * writer, on every GLib. Inside a test, g_test_init() of newer GLib (2.84
   * on Debian 13) replaces that handler with one that prints the message as
   * a TAP comment and never calls the writer (2.74's passed it on): put the
   * app's path back, so the capture sees what G_MESSAGES_DEBUG=all shows a
   * user. */
  g_log_set_default_handler (g_log_default_handler, NULL);
  g_log_set_writer_func (capture_debug, NULL, NULL);
  g_log_set_debug_enabled (TRUE);

#define ADD(path, func) \
  g_test_add ("/hardening/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("auth/digest-challenge", test_digest_challenge);
  g_test_add_func ("/hardening/auth/digest-crash-port-80", test_digest_crash_port_80);
  g_test_add_func ("/hardening/auth/publish-digest-crash-port-80", test_publish_digest_crash_port_80);
  g_test_add_func ("/hardening/exports/inert", test_exports_inert);
  ADD ("exports/cli-table-clean", test_cli_table_clean);
  ADD ("exports/check-write-then-export", test_cli_write_then_export);
  g_test_add_func ("/hardening/save/export-output-atomic", test_export_output_atomic);
  g_test_add_func ("/hardening/userinfo/stripped", test_userinfo_stripped);
  ADD ("userinfo/never-sent", test_userinfo_never_sent);
  g_test_add_func ("/hardening/import/special-files", test_import_special_files);
  g_test_add_func ("/hardening/import/ipv6-port-0", test_import_ipv6_and_port_0);
  g_test_add_func ("/hardening/token/redact-forms", test_redact_forms);
  g_test_add ("/hardening/token/retry-debug", Cms, NULL, cms_set_up, test_retry_debug_redacted, cms_tear_down);
  g_test_add ("/hardening/token/cut-message", Cms, NULL, cms_set_up, test_cut_message_redacted, cms_tear_down);
  g_test_add ("/hardening/token/as-item-id", Cms, NULL, cms_set_up, test_token_as_id_not_stored, cms_tear_down);
  g_test_add ("/hardening/token/plain-http", Cms, NULL, cms_set_up, test_plain_http_refused, cms_tear_down);
  ADD ("refresh/followed", test_meta_refresh);
  ADD ("soft-404/title-is-not-proof", test_title_is_not_proof);
  ADD ("redirect/into-own-network", test_redirect_into_own_network);
  ADD ("tls/says-which", test_tls_says_which);
  g_test_add ("/hardening/tls/weak-key-check", TlsFixture, NULL, tls_set_up, test_weak_key_check, tls_tear_down);
  g_test_add ("/hardening/tls/weak-key-publish", TlsFixture, NULL, tls_set_up, test_weak_key_publish, tls_tear_down);
  g_test_add ("/hardening/tls/publish-says-which", TlsFixture, NULL, tls_set_up, test_untrusted_publish_says_which, tls_tear_down);
  ADD ("codings/two", test_two_codings);
  ADD ("codings/bomb", test_coding_bomb);
  ADD ("chunked/malformed", test_malformed_chunks);
  ADD ("chunked/honest", test_honest_chunks);
  ADD ("chunked/broken-exact", test_broken_chunks_exact);
  ADD ("chunked/kept-open-and-gzip", test_chunks_kept_open_and_gzip);
  ADD ("deadline/continue-flood", test_continue_flood);
  ADD ("deadline/slow-parse", test_slow_page_parse);

  return g_test_run ();
}

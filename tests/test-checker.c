/* The link checker against a hostile local web server. */
#include "config.h"

#include <gio/gio.h>
#include <json-glib/json-glib.h>
#include <string.h>

#include "wd-hostile-server.h"
#include "wd-test-util.h"
#include "wiredesk-core.h"

typedef struct
{
  WdHostileServer *server;
  WdChecker       *checker;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  f->server = wd_hostile_server_new (WD_HOSTILE_SITE_NORMAL);
  f->checker = wd_checker_new ();
  /* Generous: only the deadline tests wait for it. */
  wd_checker_set_timeout (f->checker, 10.0);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_clear_object (&f->checker);
  g_clear_pointer (&f->server, wd_hostile_server_free);
}

static void
on_ready (GObject      *object,
          GAsyncResult *result,
          gpointer      data)
{
  *(GAsyncResult **) data = g_object_ref (result);
}

static void
wait_for (GAsyncResult **result)
{
  while (*result == NULL)
    g_main_context_iteration (NULL, TRUE);
}

static WdCheckResult *
check_url (WdChecker  *checker,
           const char *url)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  WdCheckResult *check;

  wd_checker_check_url_async (checker, url, NULL, on_ready, &result);
  wait_for (&result);
  check = wd_checker_check_url_finish (checker, result, &error);
  g_assert_no_error (error);
  g_assert_nonnull (check);

  return check;
}

static WdCheckResult *
check_path (Fixture    *f,
            const char *path)
{
  g_autofree char *url = wd_hostile_server_url (f->server, path);

  return check_url (f->checker, url);
}

#define assert_status(result, expected) \
  g_assert_cmpstr (wd_enum_to_nick (WD_TYPE_CHECK_STATUS, wd_check_result_get_status (result)), ==, \
                   wd_enum_to_nick (WD_TYPE_CHECK_STATUS, (expected)))

static void
assert_final_url (Fixture       *f,
                  WdCheckResult *result,
                  const char    *path)
{
  g_autofree char *url = wd_hostile_server_url (f->server, path);

  g_assert_cmpstr (wd_check_result_get_final_url (result), ==, url);
}

static void
assert_detail_mentions (WdCheckResult *result,
                        const char    *text)
{
  const char *detail = wd_check_result_get_detail (result);

  if (detail == NULL || strstr (detail, text) == NULL)
    g_error ("detail “%s” does not mention “%s”", detail ? detail : "(null)", text);
}

/* The bound on memory, whatever the server does. AddressSanitizer's
 * shadow memory and quarantine alone take more than that. */
#ifdef __SANITIZE_ADDRESS__
#define PEAK_RSS_LIMIT_KIB (400 * 1024)
#else
#define PEAK_RSS_LIMIT_KIB (100 * 1024)
#endif

static guint64
peak_rss_kib (void)
{
  g_autofree char *status = NULL;
  const char *line;

  if (!g_file_get_contents ("/proc/self/status", &status, NULL, NULL))
    return 0;
  line = strstr (status, "VmHWM:");
  return line != NULL ? g_ascii_strtoull (line + strlen ("VmHWM:"), NULL, 10) : 0;
}

/* ------------------------------------------------------------- verdicts */

static void
test_ok (Fixture       *f,
         gconstpointer  data)
{
  g_autoptr(WdCheckResult) result = check_path (f, "/ok");
  g_autofree char *agent = wd_hostile_server_dup_user_agent (f->server);
  g_autofree char *sha = g_compute_checksum_for_string (G_CHECKSUM_SHA256,
                                                        "A plain page Nothing strange happens here. "
                                                        "It is a page.", -1);

  assert_status (result, WD_CHECK_STATUS_OK);
  g_assert_cmpuint (wd_check_result_get_http_status (result), ==, 200);
  g_assert_cmpuint (wd_check_result_get_redirects (result), ==, 0);
  assert_final_url (f, result, "/ok");
  g_assert_cmpstr (wd_check_result_get_title (result), ==, "A plain page");
  g_assert_cmpstr (wd_check_result_get_language (result), ==, "en");
  g_assert_cmpstr (wd_check_result_get_content_sha256 (result), ==, sha);
  g_assert_null (wd_check_result_get_detail (result));
  g_assert_nonnull (g_date_time_new_from_iso8601 (wd_check_result_get_checked_at (result), NULL));
  g_assert_cmpint (wd_check_result_get_elapsed_ms (result), <, 3000);

  g_assert_cmpstr (agent, ==, "Wiredesk/" PACKAGE_VERSION);
  g_assert_cmpuint (wd_hostile_server_hits (f->server, "/ok"), ==, 1);
  /* One soft-404 probe, answered 404 by this honest site. */
  g_assert_cmpuint (wd_hostile_server_unknown_hits (f->server), ==, 1);
}

static void
test_redirect_short (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(WdCheckResult) result = check_path (f, "/redirect/3");

  assert_status (result, WD_CHECK_STATUS_REDIRECTED);
  g_assert_cmpuint (wd_check_result_get_http_status (result), ==, 200);
  g_assert_cmpuint (wd_check_result_get_redirects (result), ==, 3);
  assert_final_url (f, result, "/ok");
  g_assert_cmpstr (wd_check_result_get_title (result), ==, "A plain page");
}

static void
test_redirect_limit (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(WdCheckResult) ten = check_path (f, "/redirect/10");
  g_autoptr(WdCheckResult) eleven = check_path (f, "/redirect/11");

  assert_status (ten, WD_CHECK_STATUS_REDIRECTED);
  g_assert_cmpuint (wd_check_result_get_redirects (ten), ==, 10);

  assert_status (eleven, WD_CHECK_STATUS_REDIRECT_ERROR);
  g_assert_cmpuint (wd_check_result_get_redirects (eleven), ==, 10);
  g_assert_cmpuint (wd_check_result_get_http_status (eleven), ==, 302);
  assert_final_url (f, eleven, "/redirect/1");
  assert_detail_mentions (eleven, "10");
  g_assert_cmpuint (wd_hostile_server_hits (f->server, "/ok"), ==, 1);
}

static void
test_redirect_loop (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(WdCheckResult) result = check_path (f, "/loop-a");

  assert_status (result, WD_CHECK_STATUS_REDIRECT_ERROR);
  g_assert_cmpuint (wd_check_result_get_redirects (result), ==, 1);
  assert_detail_mentions (result, "loop");
  g_assert_cmpuint (wd_hostile_server_hits (f->server, "/loop-a"), ==, 1);
  g_assert_cmpuint (wd_hostile_server_hits (f->server, "/loop-b"), ==, 1);
}

static void
test_redirect_unusable (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(WdCheckResult) ftp = check_path (f, "/redirect-ftp");
  g_autoptr(WdCheckResult) nowhere = check_path (f, "/redirect-no-location");

  assert_status (ftp, WD_CHECK_STATUS_REDIRECT_ERROR);
  assert_detail_mentions (ftp, "ftp://files.example.com/pub/file");
  assert_status (nowhere, WD_CHECK_STATUS_REDIRECT_ERROR);
  assert_detail_mentions (nowhere, "Location");
}

static void
test_redirect_cookie (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(WdCheckResult) result = check_path (f, "/cookie-bounce");

  /* Back to the same address, but with a cookie: not a loop. */
  assert_status (result, WD_CHECK_STATUS_REDIRECTED);
  g_assert_cmpuint (wd_check_result_get_redirects (result), ==, 1);
  g_assert_cmpstr (wd_check_result_get_title (result), ==, "Cookies work");
}

static void
test_not_found (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(WdCheckResult) missing = check_path (f, "/status/404");
  g_autoptr(WdCheckResult) gone = check_path (f, "/status/410");
  g_autoptr(WdCheckResult) unknown = check_path (f, "/no/such/page");

  assert_status (missing, WD_CHECK_STATUS_NOT_FOUND);
  g_assert_cmpuint (wd_check_result_get_http_status (missing), ==, 404);
  assert_status (gone, WD_CHECK_STATUS_NOT_FOUND);
  g_assert_cmpuint (wd_check_result_get_http_status (gone), ==, 410);
  assert_status (unknown, WD_CHECK_STATUS_NOT_FOUND);
  /* Error pages are not read: no title from them. */
  g_assert_null (wd_check_result_get_title (missing));
}

static void
test_blocked (Fixture       *f,
              gconstpointer  data)
{
  static const guint codes[] = { 401, 403, 451, 400 };

  for (guint i = 0; i < G_N_ELEMENTS (codes); i++)
    {
      g_autofree char *path = g_strdup_printf ("/status/%u", codes[i]);
      g_autoptr(WdCheckResult) result = check_path (f, path);

      assert_status (result, WD_CHECK_STATUS_BLOCKED);
      g_assert_cmpuint (wd_check_result_get_http_status (result), ==, codes[i]);
    }
}

static void
test_server_error (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(WdCheckResult) unavailable = check_path (f, "/status/503");
  g_autoptr(WdCheckResult) flaky = check_path (f, "/flaky-503");

  assert_status (unavailable, WD_CHECK_STATUS_SERVER_ERROR);
  g_assert_cmpuint (wd_check_result_get_http_status (unavailable), ==, 503);
  g_assert_cmpuint (wd_hostile_server_hits (f->server, "/status/503"), ==, 2);

  assert_status (flaky, WD_CHECK_STATUS_OK);
  g_assert_cmpstr (wd_check_result_get_title (flaky), ==, "Back up");
  g_assert_cmpuint (wd_hostile_server_hits (f->server, "/flaky-503"), ==, 2);
}

static void
test_rate_limited (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(WdCheckResult) once = check_path (f, "/rate-once");
  g_autoptr(WdCheckResult) always = check_path (f, "/rate-always");
  g_autoptr(WdCheckResult) long_wait = check_path (f, "/rate-long");

  /* Retry-After: 1 honoured, then the page. */
  assert_status (once, WD_CHECK_STATUS_OK);
  g_assert_cmpstr (wd_check_result_get_title (once), ==, "Patience rewarded");
  g_assert_cmpuint (wd_hostile_server_hits (f->server, "/rate-once"), ==, 2);
  g_assert_cmpint (wd_check_result_get_elapsed_ms (once), >=, 1000);

  /* At most two retries. */
  assert_status (always, WD_CHECK_STATUS_RATE_LIMITED);
  g_assert_cmpuint (wd_check_result_get_http_status (always), ==, 429);
  g_assert_cmpuint (wd_hostile_server_hits (f->server, "/rate-always"), ==, 3);

  /* An hour is not waited for. */
  assert_status (long_wait, WD_CHECK_STATUS_RATE_LIMITED);
  g_assert_cmpuint (wd_hostile_server_hits (f->server, "/rate-long"), ==, 1);
  assert_detail_mentions (long_wait, "3600");
  g_assert_cmpint (wd_check_result_get_elapsed_ms (long_wait), <, 1000);
}

static void
test_head_refused (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(WdCheckResult) result = check_path (f, "/head-405");

  assert_status (result, WD_CHECK_STATUS_OK);
  g_assert_cmpstr (wd_check_result_get_title (result), ==, "GET only");
  g_assert_cmpuint (wd_hostile_server_method_hits (f->server, "HEAD"), ==, 0);
}

static void
test_non_html (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(WdCheckResult) result = check_path (f, "/pdf");

  assert_status (result, WD_CHECK_STATUS_OK);
  g_assert_null (wd_check_result_get_title (result));
  g_assert_null (wd_check_result_get_content_sha256 (result));
  /* Not a page that could be an error page: no probe. */
  g_assert_cmpuint (wd_hostile_server_unknown_hits (f->server), ==, 0);
}

/* ------------------------------------------------------------- soft 404 */

static void
test_soft_404_site (void)
{
  g_autoptr(WdHostileServer) server = wd_hostile_server_new (WD_HOSTILE_SITE_SOFT_404);
  g_autoptr(WdChecker) checker = wd_checker_new ();
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GPtrArray) results = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *real = wd_hostile_server_url (server, "/real-article");
  g_autofree char *missing = wd_hostile_server_url (server, "/news/2024/harbour-story");
  g_autofree char *other = wd_hostile_server_url (server, "/about/staff");
  g_autofree char *front = wd_hostile_server_url (server, "/");
  const char *urls[] = { real, missing, other, front, NULL };

  wd_checker_check_urls_async (checker, urls, NULL, on_ready, &result);
  wait_for (&result);
  results = wd_checker_check_urls_finish (checker, result, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (results->len, ==, 4);

  assert_status (results->pdata[0], WD_CHECK_STATUS_OK);
  g_assert_cmpstr (wd_check_result_get_title (results->pdata[0]), ==,
                   "Council approves new harbour wall");
  assert_status (results->pdata[1], WD_CHECK_STATUS_SOFT_NOT_FOUND);
  g_assert_cmpuint (wd_check_result_get_http_status (results->pdata[1]), ==, 200);
  assert_detail_mentions (results->pdata[1], "does not exist");
  assert_status (results->pdata[2], WD_CHECK_STATUS_SOFT_NOT_FOUND);
  /* The front page is the front page, whatever the site does. */
  assert_status (results->pdata[3], WD_CHECK_STATUS_OK);

  /* Two missing pages asked for, and one probe for the host. */
  g_assert_cmpuint (wd_hostile_server_unknown_hits (server), ==, 3);
}

static void
test_soft_404_title (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(WdCheckResult) result = check_path (f, "/not-found-title");

  assert_status (result, WD_CHECK_STATUS_SOFT_NOT_FOUND);
  g_assert_cmpuint (wd_check_result_get_http_status (result), ==, 200);
  assert_detail_mentions (result, "Page not found");
}

static void
test_soft_404_front_page (Fixture       *f,
                          gconstpointer  data)
{
  g_autoptr(WdCheckResult) result = check_path (f, "/redirect-home");

  assert_status (result, WD_CHECK_STATUS_SOFT_NOT_FOUND);
  g_assert_cmpuint (wd_check_result_get_redirects (result), ==, 1);
  assert_final_url (f, result, "/");
  assert_detail_mentions (result, "front page");
}

/* ------------------------------------------------------------- stalling */

/* The verdict must come at the deadline (1 s here), not before, not long after. */
static void
assert_times_out (Fixture    *f,
                  const char *path,
                  guint       http_status,
                  const char *detail)
{
  g_autoptr(WdCheckResult) result = NULL;

  wd_checker_set_timeout (f->checker, 1.0);
  result = check_path (f, path);

  assert_status (result, WD_CHECK_STATUS_TIMEOUT);
  g_assert_cmpuint (wd_check_result_get_http_status (result), ==, http_status);
  g_assert_cmpint (wd_check_result_get_elapsed_ms (result), >=, 900);
  g_assert_cmpint (wd_check_result_get_elapsed_ms (result), <, 1800);
  assert_detail_mentions (result, detail);
}

static void
test_timeout_headers (Fixture       *f,
                      gconstpointer  data)
{
  assert_times_out (f, "/never", 0, "no answer within 1 s");
}

static void
test_timeout_drip (Fixture       *f,
                   gconstpointer  data)
{
  assert_times_out (f, "/drip", 200, "still arriving after 1 s");
}

/* A body that would go on for 2 GiB (decoded) is read up to the cap and
 * the connection dropped: quickly, and without memory to match. */
static void
assert_cut_at_cap (Fixture    *f,
                   const char *path,
                   const char *title)
{
  g_autoptr(WdCheckResult) result = check_path (f, path);

  g_test_message ("%s: %" G_GUINT64_FORMAT " bytes offered, %" G_GINT64_FORMAT " ms, peak RSS %"
                  G_GUINT64_FORMAT " KiB", path, wd_hostile_server_bytes_sent (f->server, path),
                  wd_check_result_get_elapsed_ms (result), peak_rss_kib ());
  assert_status (result, WD_CHECK_STATUS_OK);
  g_assert_cmpstr (wd_check_result_get_title (result), ==, title);
  /* What the server got to write before the checker hung up (decoded
   * bytes for the gzip bomb): socket buffers, not gigabytes. */
  g_assert_cmpuint (wd_hostile_server_bytes_sent (f->server, path), <, 32 * 1024 * 1024);
  g_assert_cmpint (wd_check_result_get_elapsed_ms (result), <, 2000);
  g_assert_cmpuint (peak_rss_kib (), <, PEAK_RSS_LIMIT_KIB);
}

static void
test_huge_body (Fixture       *f,
                gconstpointer  data)
{
  assert_cut_at_cap (f, "/huge", "Huge page");
}

static void
test_gzip_bomb (Fixture       *f,
                gconstpointer  data)
{
  assert_cut_at_cap (f, "/gzip-bomb", "Bomb");
}

static void
test_many_dense_pages (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(GPtrArray) urls = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GPtrArray) results = NULL;
  g_autoptr(GError) error = NULL;

  /* Sixteen megabytes of markup at once, read without building trees. */
  for (guint i = 0; i < 16; i++)
    {
      g_autofree char *path = g_strdup_printf ("/wide?%u", i);
      g_ptr_array_add (urls, wd_hostile_server_url (f->server, path));
    }
  g_ptr_array_add (urls, NULL);

  wd_checker_set_max_per_host (f->checker, 16);
  wd_checker_check_urls_async (f->checker, (const char * const *) urls->pdata, NULL,
                               on_ready, &result);
  wait_for (&result);
  results = wd_checker_check_urls_finish (f->checker, result, &error);
  g_assert_no_error (error);

  for (guint i = 0; i < results->len; i++)
    {
      assert_status (results->pdata[i], WD_CHECK_STATUS_OK);
      g_assert_cmpstr (wd_check_result_get_title (results->pdata[i]), ==, "Wide");
    }
  g_test_message ("peak RSS %" G_GUINT64_FORMAT " KiB", peak_rss_kib ());
  g_assert_cmpuint (peak_rss_kib (), <, PEAK_RSS_LIMIT_KIB);
}

/* ---------------------------------------------------------- malformed */

static void
test_malformed (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(WdCheckResult) bad_gzip = check_path (f, "/bad-gzip");
  g_autoptr(WdCheckResult) garbage = check_path (f, "/garbage");
  g_autoptr(WdCheckResult) empty = check_path (f, "/empty-reply");

  assert_status (bad_gzip, WD_CHECK_STATUS_SERVER_ERROR);
  g_assert_cmpuint (wd_check_result_get_http_status (bad_gzip), ==, 200);
  assert_detail_mentions (bad_gzip, "decoded");

  assert_status (garbage, WD_CHECK_STATUS_SERVER_ERROR);
  g_assert_cmpuint (wd_check_result_get_http_status (garbage), ==, 0);
  assert_detail_mentions (garbage, "malformed");

  assert_status (empty, WD_CHECK_STATUS_SERVER_ERROR);
  assert_detail_mentions (empty, "malformed");
}

/* -------------------------------------------------------- unreachable */

static void
test_reset (Fixture       *f,
            gconstpointer  data)
{
  g_autoptr(WdCheckResult) result = check_path (f, "/reset");

  assert_status (result, WD_CHECK_STATUS_UNREACHABLE);
  g_assert_cmpuint (wd_check_result_get_http_status (result), ==, 0);
  assert_detail_mentions (result, "reset");
}

static void
test_refused (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(GSocket) socket = g_socket_new (G_SOCKET_FAMILY_IPV4, G_SOCKET_TYPE_STREAM,
                                            G_SOCKET_PROTOCOL_TCP, NULL);
  g_autoptr(GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr(GSocketAddress) any = g_inet_socket_address_new (loopback, 0);
  g_autoptr(GSocketAddress) bound = NULL;
  g_autoptr(WdCheckResult) result = NULL;
  g_autofree char *url = NULL;

  /* A port that was free a moment ago, and is closed now. */
  g_assert_true (g_socket_bind (socket, any, TRUE, NULL));
  bound = g_socket_get_local_address (socket, NULL);
  url = g_strdup_printf ("http://127.0.0.1:%u/page",
                         g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (bound)));
  g_socket_close (socket, NULL);

  result = check_url (f->checker, url);
  assert_status (result, WD_CHECK_STATUS_UNREACHABLE);
  assert_detail_mentions (result, "refused");
}

static void
test_connect_timeout (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(GSocket) listener = g_socket_new (G_SOCKET_FAMILY_IPV4, G_SOCKET_TYPE_STREAM,
                                              G_SOCKET_PROTOCOL_TCP, NULL);
  g_autoptr(GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr(GSocketAddress) any = g_inet_socket_address_new (loopback, 0);
  g_autoptr(GSocketAddress) bound = NULL;
  g_autoptr(GPtrArray) fillers = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(WdCheckResult) result = NULL;
  g_autofree char *url = NULL;

  /* A host that never completes a connection: a listener that accepts
   * nothing, its backlog already full, drops further SYNs. */
  g_socket_set_listen_backlog (listener, 0);
  g_assert_true (g_socket_bind (listener, any, TRUE, NULL));
  g_assert_true (g_socket_listen (listener, NULL));
  bound = g_socket_get_local_address (listener, NULL);
  for (guint i = 0; i < 4; i++)
    {
      GSocket *filler = g_socket_new (G_SOCKET_FAMILY_IPV4, G_SOCKET_TYPE_STREAM,
                                      G_SOCKET_PROTOCOL_TCP, NULL);
      g_socket_set_blocking (filler, FALSE);
      g_socket_connect (filler, bound, NULL, NULL);
      g_ptr_array_add (fillers, filler);
    }
  g_usleep (100 * 1000);

  url = g_strdup_printf ("http://127.0.0.1:%u/page",
                         g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (bound)));
  wd_checker_set_timeout (f->checker, 1.0);
  result = check_url (f->checker, url);

  /* Half the deadline to connect, then given up as unreachable. */
  assert_status (result, WD_CHECK_STATUS_UNREACHABLE);
  assert_detail_mentions (result, "could not connect within 0.5 s");
  g_assert_cmpint (wd_check_result_get_elapsed_ms (result), >=, 450);
  g_assert_cmpint (wd_check_result_get_elapsed_ms (result), <, 1000);
}

static void
test_tls_failure (Fixture       *f,
                  gconstpointer  data)
{
  g_autofree char *url = NULL;
  g_autoptr(WdCheckResult) result = NULL;

  if (wd_hostile_server_get_https_port (f->server) == 0)
    {
      g_test_skip ("no TLS backend");
      return;
    }

  /* A certificate nobody vouches for is refused, not waved through. */
  url = g_strdup_printf ("https://127.0.0.1:%u/ok", wd_hostile_server_get_https_port (f->server));
  result = check_url (f->checker, url);

  assert_status (result, WD_CHECK_STATUS_UNREACHABLE);
  g_assert_cmpuint (wd_check_result_get_http_status (result), ==, 0);
  assert_detail_mentions (result, "TLS");
  g_assert_cmpuint (wd_hostile_server_hits (f->server, "/ok"), ==, 0);
}

/* A resolver that knows no names, so that no test asks a real DNS. */
typedef struct { GResolver parent_instance; } TestResolver;
typedef struct { GResolverClass parent_class; } TestResolverClass;
static GType test_resolver_get_type (void);
G_DEFINE_TYPE (TestResolver, test_resolver, G_TYPE_RESOLVER)

static GList *
test_resolver_lookup_by_name (GResolver     *resolver,
                              const char    *hostname,
                              GCancellable  *cancellable,
                              GError       **error)
{
  g_set_error (error, G_RESOLVER_ERROR, G_RESOLVER_ERROR_NOT_FOUND,
               "No such host “%s”", hostname);
  return NULL;
}

static void
test_resolver_lookup_by_name_async (GResolver           *resolver,
                                    const char          *hostname,
                                    GCancellable        *cancellable,
                                    GAsyncReadyCallback  callback,
                                    gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (resolver, cancellable, callback, user_data);

  g_task_return_new_error (task, G_RESOLVER_ERROR, G_RESOLVER_ERROR_NOT_FOUND,
                           "No such host “%s”", hostname);
}

static void
test_resolver_lookup_by_name_with_flags_async (GResolver                *resolver,
                                               const char               *hostname,
                                               GResolverNameLookupFlags  flags,
                                               GCancellable             *cancellable,
                                               GAsyncReadyCallback       callback,
                                               gpointer                  user_data)
{
  test_resolver_lookup_by_name_async (resolver, hostname, cancellable, callback, user_data);
}

static GList *
test_resolver_lookup_by_name_finish (GResolver     *resolver,
                                     GAsyncResult  *result,
                                     GError       **error)
{
  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
test_resolver_class_init (TestResolverClass *klass)
{
  GResolverClass *resolver_class = G_RESOLVER_CLASS (klass);

  resolver_class->lookup_by_name = test_resolver_lookup_by_name;
  resolver_class->lookup_by_name_async = test_resolver_lookup_by_name_async;
  resolver_class->lookup_by_name_finish = test_resolver_lookup_by_name_finish;
  resolver_class->lookup_by_name_with_flags_async = test_resolver_lookup_by_name_with_flags_async;
  resolver_class->lookup_by_name_with_flags_finish = test_resolver_lookup_by_name_finish;
}

static void
test_resolver_init (TestResolver *self)
{
}

static void
test_dns_failure (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(GResolver) previous = g_resolver_get_default ();
  g_autoptr(GResolver) resolver = g_object_new (test_resolver_get_type (), NULL);
  g_autoptr(WdCheckResult) result = NULL;

  g_resolver_set_default (resolver);
  result = check_url (f->checker, "http://no-such-host.invalid/story");
  g_resolver_set_default (previous);

  assert_status (result, WD_CHECK_STATUS_UNREACHABLE);
  assert_detail_mentions (result, "DNS");
}

static void
test_invalid (Fixture       *f,
              gconstpointer  data)
{
  static const char * const inputs[] = { "ftp://example.com/file", "not a url", "", NULL };
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GPtrArray) results = NULL;
  g_autoptr(GError) error = NULL;

  wd_checker_check_urls_async (f->checker, inputs, NULL, on_ready, &result);
  wait_for (&result);
  results = wd_checker_check_urls_finish (f->checker, result, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (results->len, ==, 3);

  for (guint i = 0; i < results->len; i++)
    {
      assert_status (results->pdata[i], WD_CHECK_STATUS_INVALID);
      g_assert_cmpuint (wd_check_result_get_http_status (results->pdata[i]), ==, 0);
      g_assert_nonnull (wd_check_result_get_detail (results->pdata[i]));
      g_assert_null (wd_check_result_get_final_url (results->pdata[i]));
    }
  assert_detail_mentions (results->pdata[0], "only http and https");
}

/* ----------------------------------------------------------- metadata */

static void
test_charsets (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(WdCheckResult) latin1 = check_path (f, "/latin1");
  g_autoptr(WdCheckResult) latin1_meta = check_path (f, "/latin1-meta");
  g_autoptr(WdCheckResult) broken = check_path (f, "/broken-utf8");
  g_autoptr(WdCheckResult) spaced = check_path (f, "/whitespace-title");
  g_autoptr(WdCheckResult) long_title = check_path (f, "/long-title");
  const char *title = wd_check_result_get_title (long_title);

  g_assert_cmpstr (wd_check_result_get_title (latin1), ==, "Café crème brûlée");
  g_assert_cmpstr (wd_check_result_get_title (latin1_meta), ==, "Naïve été");
  g_assert_true (g_utf8_validate (wd_check_result_get_title (broken), -1, NULL));
  g_assert_cmpstr (wd_check_result_get_title (broken), ==,
                   "Bad \xef\xbf\xbd\xef\xbf\xbd bytes \xef\xbf\xbd here");
  g_assert_cmpstr (wd_check_result_get_title (spaced), ==, "Lots of space");

  g_assert_cmpint (g_utf8_strlen (title, -1), ==, WD_HTML_META_TEXT_MAX);
  g_assert_true (g_str_has_prefix (title, "word word "));
  g_assert_true (g_str_has_suffix (title, "…"));
}

static void
test_metadata (Fixture       *f,
               gconstpointer  data)
{
  /* Each page states its metadata one way; the preferred source wins.
   * A canonical starting with "/" is on the test server. */
  static const struct {
    const char *path, *title, *site_name, *author, *published, *canonical, *language;
  } pages[] = {
    { "/meta-og", "Le titre Open Graph", "Le Journal Test", "Camille Martin",
      "2024-05-01T10:00:00+02:00", "/canonical/og?x=1", "fr-FR" },
    { "/meta-twitter", "The Twitter title", "Tweet Site", NULL,
      "2023-02-03T04:05:06Z", "https://www.example.org/canonical/tw", "en-GB" },
    { "/meta-citation", "On the Survival of Links", NULL, "Ada Lovelace, Alan Turing",
      "2021-03-04", NULL, "en" },
    { "/meta-jsonld", "Ferries halted after survey", "Harbour Herald", "Jo Smith, Sam Lee",
      "2022-07-08T09:10:11Z", NULL, NULL },
    { "/meta-plain", "Only a title", NULL, "Desk Writer", "2020-01-02", NULL, "de" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (pages); i++)
    {
      g_autoptr(WdCheckResult) result = check_path (f, pages[i].path);
      g_autofree char *canonical = NULL;

      if (pages[i].canonical != NULL && pages[i].canonical[0] == '/')
        canonical = wd_hostile_server_url (f->server, pages[i].canonical);
      else
        canonical = g_strdup (pages[i].canonical);

      g_test_message ("%s", pages[i].path);
      assert_status (result, WD_CHECK_STATUS_OK);
      g_assert_cmpstr (wd_check_result_get_title (result), ==, pages[i].title);
      g_assert_cmpstr (wd_check_result_get_site_name (result), ==, pages[i].site_name);
      g_assert_cmpstr (wd_check_result_get_author (result), ==, pages[i].author);
      g_assert_cmpstr (wd_check_result_get_published (result), ==, pages[i].published);
      g_assert_cmpstr (wd_check_result_get_canonical (result), ==, canonical);
      g_assert_cmpstr (wd_check_result_get_language (result), ==, pages[i].language);
    }
}

static void
test_fingerprint (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(WdCheckResult) a = check_path (f, "/text-a");
  g_autoptr(WdCheckResult) b = check_path (f, "/text-b");
  g_autoptr(WdCheckResult) c = check_path (f, "/text-c");
  g_autofree char *expected = g_compute_checksum_for_string (G_CHECKSUM_SHA256,
                                                             "Hello brave new world.", -1);

  /* Markup, scripts, styles and spacing do not count; words do. */
  g_assert_cmpstr (wd_check_result_get_content_sha256 (a), ==, expected);
  g_assert_cmpstr (wd_check_result_get_content_sha256 (b), ==, expected);
  g_assert_cmpstr (wd_check_result_get_content_sha256 (c), !=, expected);
}

static void
test_normalize_date (void)
{
  static const struct { const char *in; const char *out; } cases[] = {
    { "2024-05-01T10:00:00+02:00", "2024-05-01T10:00:00+02:00" },
    { "2024-05-01T08:00:00.000Z", "2024-05-01T08:00:00Z" },
    { " 2024-05-01 10:00:00+0000 ", "2024-05-01T10:00:00Z" },
    { "2024-05-01T10:00:00", "2024-05-01T10:00:00" },
    { "2021/03/04", "2021-03-04" },
    { "2021", "2021" },
    { "2021-02", "2021-02" },
    { "Tue, 07 Nov 2023 08:00:00 GMT", "2023-11-07T08:00:00Z" },
    { "2021-02-30", NULL },
    { "yesterday", NULL },
    { "", NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *out = wd_html_meta_normalize_date (cases[i].in);
      g_assert_cmpstr (out, ==, cases[i].out);
    }
}

/* ---------------------------------------------------- runs and limits */

static void
test_same_url_once (Fixture       *f,
                    gconstpointer  data)
{
  g_autofree char *ok = wd_hostile_server_url (f->server, "/ok");
  g_autofree char *ok_spelled = wd_hostile_server_url (f->server, "/ok  ");
  g_autofree char *missing = wd_hostile_server_url (f->server, "/status/404");
  const char *urls[] = { ok, missing, ok, ok_spelled, NULL };
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GPtrArray) results = NULL;
  g_autoptr(GError) error = NULL;

  wd_checker_check_urls_async (f->checker, urls, NULL, on_ready, &result);
  wait_for (&result);
  results = wd_checker_check_urls_finish (f->checker, result, &error);
  g_assert_no_error (error);

  g_assert_cmpuint (results->len, ==, 4);
  assert_status (results->pdata[0], WD_CHECK_STATUS_OK);
  assert_status (results->pdata[1], WD_CHECK_STATUS_NOT_FOUND);
  g_assert_true (results->pdata[2] == results->pdata[0]);
  g_assert_true (results->pdata[3] == results->pdata[0]);
  g_assert_cmpuint (wd_hostile_server_hits (f->server, "/ok"), ==, 1);
}

static guint64
time_slow_run (Fixture *f,
               guint    n)
{
  g_autoptr(GPtrArray) urls = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GPtrArray) results = NULL;
  g_autoptr(GError) error = NULL;
  gint64 start = g_get_monotonic_time ();

  for (guint i = 0; i < n; i++)
    {
      g_autofree char *path = g_strdup_printf ("/slow/%u", i);
      g_ptr_array_add (urls, wd_hostile_server_url (f->server, path));
    }
  g_ptr_array_add (urls, NULL);

  wd_checker_check_urls_async (f->checker, (const char * const *) urls->pdata, NULL,
                               on_ready, &result);
  wait_for (&result);
  results = wd_checker_check_urls_finish (f->checker, result, &error);
  g_assert_no_error (error);

  for (guint i = 0; i < n; i++)
    assert_status (results->pdata[i], WD_CHECK_STATUS_OK);

  return (g_get_monotonic_time () - start) / 1000;
}

static void
test_per_host_limit (Fixture       *f,
                     gconstpointer  data)
{
  guint64 elapsed_ms;

  /* 12 pages of 300 ms on one host, 4 at a time: about 3 rounds. */
  elapsed_ms = time_slow_run (f, 12);
  g_assert_cmpuint (wd_hostile_server_max_in_flight (f->server), ==, WD_CHECKER_DEFAULT_PER_HOST);
  g_assert_cmpuint (elapsed_ms, >=, 3 * WD_HOSTILE_SLOW_MS);

  /* The global limit, when lower, wins. */
  wd_hostile_server_reset (f->server);
  wd_checker_set_max_concurrency (f->checker, 2);
  time_slow_run (f, 6);
  g_assert_cmpuint (wd_hostile_server_max_in_flight (f->server), ==, 2);
}

static void
cancel_now (gpointer data)
{
  g_cancellable_cancel (data);
}

static void
count_result (WdChecker     *checker,
              const char    *url,
              WdSource      *source,
              WdCheckResult *result,
              guint         *count)
{
  (*count)++;
}

static void
test_cancel (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(WdArticle) article = wd_article_new ();
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  guint results = 0;
  gint64 cancelled_at;

  for (guint i = 0; i < 10; i++)
    {
      g_autofree char *path = g_strdup_printf ("/never?%u", i);
      g_autofree char *url = wd_hostile_server_url (f->server, path);

      g_assert_nonnull (wd_article_add_source_url (article, url, NULL));
    }

  wd_checker_set_timeout (f->checker, 30.0);
  g_signal_connect (f->checker, "result", G_CALLBACK (count_result), &results);
  g_timeout_add_once (300, cancel_now, cancellable);
  wd_checker_check_article_async (f->checker, article, cancellable, on_ready, &result);

  while (!g_cancellable_is_cancelled (cancellable))
    g_main_context_iteration (NULL, TRUE);
  cancelled_at = g_get_monotonic_time ();
  wait_for (&result);

  g_assert_false (wd_checker_check_article_finish (f->checker, result, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_cmpint (g_get_monotonic_time () - cancelled_at, <, 500 * 1000);
  g_assert_cmpuint (results, ==, 0);
  for (guint i = 0; i < wd_article_get_n_sources (article); i++)
    g_assert_null (wd_source_get_check (wd_article_get_source (article, i)));
}

static void
check_article (WdChecker *checker,
               WdArticle *article)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  wd_checker_check_article_async (checker, article, NULL, on_ready, &result);
  wait_for (&result);
  g_assert_true (wd_checker_check_article_finish (checker, result, &error));
  g_assert_no_error (error);
}

static void
on_source_result (WdChecker     *checker,
                  const char    *url,
                  WdSource      *source,
                  WdCheckResult *result,
                  GPtrArray     *seen)
{
  /* Stored before the row is told. */
  g_assert_true (wd_source_get_check (source) == result);
  g_assert_cmpstr (wd_source_get_url (source), ==, url);
  g_ptr_array_add (seen, source);
}

static void
test_article_results (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(WdArticle) article = wd_article_new ();
  g_autoptr(GPtrArray) seen = g_ptr_array_new ();
  g_autofree char *changing = wd_hostile_server_url (f->server, "/changing");
  g_autofree char *missing = wd_hostile_server_url (f->server, "/status/404");
  WdSource *living, *gone;
  g_autofree char *first_sha = NULL;
  const char *checked_at;

  living = wd_article_add_source_url (article, changing, NULL);
  gone = wd_article_add_source_url (article, missing, NULL);
  g_signal_connect (f->checker, "result", G_CALLBACK (on_source_result), seen);

  wd_hostile_server_set_version (f->server, 1);
  check_article (f->checker, article);

  g_assert_cmpuint (seen->len, ==, 2);
  assert_status (wd_source_get_check (living), WD_CHECK_STATUS_OK);
  assert_status (wd_source_get_check (gone), WD_CHECK_STATUS_NOT_FOUND);
  checked_at = wd_check_result_get_checked_at (wd_source_get_check (gone));
  g_assert_true (g_date_time_new_from_iso8601 (checked_at, NULL) != NULL);

  /* The first successful check is the baseline; a 404 sets none. */
  first_sha = g_strdup (wd_check_result_get_content_sha256 (wd_source_get_check (living)));
  g_assert_cmpstr (wd_source_get_baseline_title (living), ==, "A living page");
  g_assert_cmpstr (wd_source_get_baseline_sha256 (living), ==, first_sha);
  g_assert_null (wd_source_get_baseline_sha256 (gone));

  /* The page changes: the check shows it, the baseline stays. */
  wd_hostile_server_set_version (f->server, 2);
  check_article (f->checker, article);
  g_assert_cmpuint (seen->len, ==, 4);
  g_assert_cmpstr (wd_check_result_get_content_sha256 (wd_source_get_check (living)), !=, first_sha);
  g_assert_cmpstr (wd_source_get_baseline_sha256 (living), ==, first_sha);
}

/* ---------------------------------------------------------------- CLI */

static void
assert_json_line (const char *line,
                  const char *url,
                  const char *status,
                  int         http_status)
{
  static const char * const keys[] = {
    "url", "status", "http_status", "final_url", "redirects", "title", "site_name",
    "author", "published", "canonical", "language", "content_sha256", "elapsed_ms",
    "detail", NULL
  };
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  JsonObject *object;

  json_parser_load_from_data (parser, line, -1, &error);
  g_assert_no_error (error);
  object = json_node_get_object (json_parser_get_root (parser));

  for (guint i = 0; keys[i] != NULL; i++)
    g_assert_true (json_object_has_member (object, keys[i]));
  g_assert_cmpuint (json_object_get_size (object), ==, g_strv_length ((char **) keys));

  g_assert_cmpstr (json_object_get_string_member (object, "url"), ==, url);
  g_assert_cmpstr (json_object_get_string_member (object, "status"), ==, status);
  if (http_status == 0)
    g_assert_true (json_object_get_null_member (object, "http_status"));
  else
    g_assert_cmpint (json_object_get_int_member (object, "http_status"), ==, http_status);
}

static void
test_cli_urls (Fixture       *f,
               gconstpointer  data)
{
  g_autofree char *ok = wd_hostile_server_url (f->server, "/ok");
  g_autofree char *missing = wd_hostile_server_url (f->server, "/status/404");
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_auto(GStrv) lines = NULL;
  const char *json_args[] = { "check", "--json", "--timeout", "10", "--concurrency", "2",
                              "--per-host", "1", missing, ok, "nope", NULL };
  const char *table_args[] = { "check", ok, NULL };
  int status;

  status = wd_test_run_wiredesk (json_args, NULL, &out, &err);
  g_assert_cmpint (status, ==, 1);
  g_assert_cmpstr (err, ==, "");
  lines = g_strsplit (g_strchomp (out), "\n", -1);
  g_assert_cmpuint (g_strv_length (lines), ==, 3);
  assert_json_line (lines[0], missing, "not-found", 404);
  assert_json_line (lines[1], ok, "ok", 200);
  assert_json_line (lines[2], "nope", "invalid", 0);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  status = wd_test_run_wiredesk (table_args, NULL, &out, &err);
  g_assert_cmpint (status, ==, 0);
  /* Not a terminal: no colour, no progress line. */
  g_assert_null (strstr (out, "\033["));
  g_assert_cmpstr (err, ==, "");
  g_assert_nonnull (strstr (out, ok));
  g_assert_nonnull (strstr (out, "A plain page"));
  g_assert_true (g_regex_match_simple ("^ok +200 ", strstr (out, "\nok") + 1, G_REGEX_MULTILINE, 0));
  g_assert_nonnull (strstr (out, "1 URL checked: 1 ok"));
}

static void
test_cli_usage (void)
{
  static const char * const cases[][6] = {
    { "check", NULL },
    { "check", "--concurrency", "0", "https://example.com/", NULL },
    { "check", "--timeout", "-1", "https://example.com/", NULL },
    { "check", "--write", "https://example.com/", NULL },
    { "check", "--bogus", NULL },
    { "check", "missing-file.wiredesk", NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *out = NULL;
      g_autofree char *err = NULL;

      g_assert_cmpint (wd_test_run_wiredesk (cases[i], NULL, &out, &err), ==, 2);
      g_assert_cmpstr (out, ==, "");
      g_assert_cmpstr (err, !=, "");
    }
}

static void
test_cli_write (Fixture       *f,
                gconstpointer  data)
{
  g_autofree char *dir = wd_test_make_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "story.wiredesk", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(WdArticle) article = wd_article_new ();
  g_autoptr(WdArticle) reloaded = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *ok = wd_hostile_server_url (f->server, "/meta-og");
  g_autofree char *missing = wd_hostile_server_url (f->server, "/status/410");
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_auto(GStrv) lines = NULL;
  const char *args[] = { "check", "--json", "--write", path, NULL };
  WdSource *source;

  wd_article_set_headline (article, "Checked on the command line");
  g_assert_nonnull (wd_article_add_source_url (article, ok, NULL));
  g_assert_nonnull (wd_article_add_source_url (article, missing, NULL));
  g_assert_true (wd_native_format_save (article, file, NULL, &error));
  g_assert_no_error (error);

  g_assert_cmpint (wd_test_run_wiredesk (args, NULL, &out, &err), ==, 1);
  lines = g_strsplit (g_strchomp (out), "\n", -1);
  g_assert_cmpuint (g_strv_length (lines), ==, 2);
  assert_json_line (lines[0], ok, "ok", 200);
  assert_json_line (lines[1], missing, "not-found", 410);

  reloaded = wd_native_format_load (file, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (wd_article_get_headline (reloaded), ==, "Checked on the command line");

  source = wd_article_find_source (reloaded, ok);
  assert_status (wd_source_get_check (source), WD_CHECK_STATUS_OK);
  g_assert_cmpstr (wd_check_result_get_title (wd_source_get_check (source)), ==, "Le titre Open Graph");
  g_assert_cmpstr (wd_check_result_get_published (wd_source_get_check (source)), ==,
                   "2024-05-01T10:00:00+02:00");
  g_assert_nonnull (wd_check_result_get_checked_at (wd_source_get_check (source)));
  g_assert_cmpstr (wd_source_get_baseline_title (source), ==, "Le titre Open Graph");

  source = wd_article_find_source (reloaded, missing);
  assert_status (wd_source_get_check (source), WD_CHECK_STATUS_NOT_FOUND);
  g_assert_cmpuint (wd_check_result_get_http_status (wd_source_get_check (source)), ==, 410);
  g_assert_null (wd_source_get_baseline_title (source));

  wd_test_rmdir_r (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add ("/checker/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("ok", test_ok);
  ADD ("redirect/short", test_redirect_short);
  ADD ("redirect/limit", test_redirect_limit);
  ADD ("redirect/loop", test_redirect_loop);
  ADD ("redirect/unusable", test_redirect_unusable);
  ADD ("redirect/cookie", test_redirect_cookie);
  ADD ("status/not-found", test_not_found);
  ADD ("status/blocked", test_blocked);
  ADD ("status/server-error", test_server_error);
  ADD ("status/rate-limited", test_rate_limited);
  ADD ("status/head-refused", test_head_refused);
  ADD ("status/non-html", test_non_html);
  g_test_add_func ("/checker/soft-404/site", test_soft_404_site);
  ADD ("soft-404/title", test_soft_404_title);
  ADD ("soft-404/front-page", test_soft_404_front_page);
  ADD ("hostile/headers-never-come", test_timeout_headers);
  ADD ("hostile/body-drips", test_timeout_drip);
  ADD ("hostile/huge-body", test_huge_body);
  ADD ("hostile/gzip-bomb", test_gzip_bomb);
  ADD ("hostile/dense-markup", test_many_dense_pages);
  ADD ("hostile/malformed", test_malformed);
  ADD ("unreachable/reset", test_reset);
  ADD ("unreachable/refused", test_refused);
  ADD ("unreachable/connect-timeout", test_connect_timeout);
  ADD ("unreachable/tls", test_tls_failure);
  ADD ("unreachable/dns", test_dns_failure);
  ADD ("invalid", test_invalid);
  ADD ("meta/charsets", test_charsets);
  ADD ("meta/sources", test_metadata);
  ADD ("meta/fingerprint", test_fingerprint);
  g_test_add_func ("/checker/meta/dates", test_normalize_date);
  ADD ("run/same-url-once", test_same_url_once);
  ADD ("run/per-host-limit", test_per_host_limit);
  ADD ("run/cancel", test_cancel);
  ADD ("run/article", test_article_results);
  ADD ("cli/urls", test_cli_urls);
  g_test_add_func ("/checker/cli/usage", test_cli_usage);
  ADD ("cli/write", test_cli_write);

  return g_test_run ();
}

/* The link checker's verdicts and metadata, against a hostile local web
 * server: every case of the hostile web. */
#include "config.h"

#include <string.h>

#include "wd-checker-fixture.h"
#include "wd-test-resolver.h"
#include "wd-test-util.h"

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
  g_assert_true (wd_test_is_iso8601 (wd_check_result_get_checked_at (result)));
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
  g_autoptr(GPtrArray) results = NULL;
  g_autofree char *real = wd_hostile_server_url (server, "/real-article");
  g_autofree char *missing = wd_hostile_server_url (server, "/news/2024/harbour-story");
  g_autofree char *other = wd_hostile_server_url (server, "/about/staff");
  g_autofree char *front = wd_hostile_server_url (server, "/");
  const char *urls[] = { real, missing, other, front, NULL };

  results = check_urls (checker, urls);
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

/* A site whose every page has the site's name as its title: the error
 * page shares the title with the real articles, which are still real. */
static void
test_soft_404_shared_title (void)
{
  g_autoptr(WdHostileServer) server = wd_hostile_server_new (WD_HOSTILE_SITE_SOFT_404);
  g_autoptr(WdChecker) checker = wd_checker_new ();
  g_autoptr(GPtrArray) results = NULL;
  g_autofree char *real = wd_hostile_server_url (server, "/titled-like-all");
  g_autofree char *missing = wd_hostile_server_url (server, "/news/2026/pilots");
  const char *urls[] = { real, missing, NULL };

  results = check_urls (checker, urls);
  assert_status (results->pdata[0], WD_CHECK_STATUS_OK);
  g_assert_cmpstr (wd_check_result_get_title (results->pdata[0]), ==, "Example News");
  assert_status (results->pdata[1], WD_CHECK_STATUS_SOFT_NOT_FOUND);
}

/* The error page says so in its heading only, or in German or French:
 * proof on a site that hides missing pages (its random path answers 200);
 * on a site that answers a random path with 404 such words are a page's
 * own (issue 15: the probe decides, not the title alone). */
static void
test_soft_404_heading_and_languages (Fixture       *f,
                                     gconstpointer  data)
{
  static const struct { const char *path; const char *says; } missing[] = {
    { "/not-found-heading", "Page not found" },
    { "/nicht-gefunden", "Seite nicht gefunden" },
    { "/introuvable", "Page introuvable" },
  };
  g_autoptr(WdHostileServer) hiding = wd_hostile_server_new (WD_HOSTILE_SITE_SOFT_404);

  for (guint i = 0; i < G_N_ELEMENTS (missing); i++)
    {
      g_autoptr(WdChecker) checker = wd_checker_new ();
      g_autofree char *url = wd_hostile_server_url (hiding, missing[i].path);
      const char *urls[] = { url, NULL };
      g_autoptr(GPtrArray) results = check_urls (checker, urls);
      WdCheckResult *result = results->pdata[0];

      g_test_message ("%s", missing[i].path);
      assert_status (result, WD_CHECK_STATUS_SOFT_NOT_FOUND);
      g_assert_cmpuint (wd_check_result_get_http_status (result), ==, 200);
      assert_detail_mentions (result, missing[i].says);
    }

  /* The same heading where the site's random path is an honest 404. */
  {
    g_autoptr(WdCheckResult) result = check_path (f, "/not-found-heading");

    assert_status (result, WD_CHECK_STATUS_OK);
  }

  /* Words about missing pages in the text are not a verdict. */
  {
    g_autoptr(WdCheckResult) result = check_path (f, "/about-missing-pages");

    assert_status (result, WD_CHECK_STATUS_OK);
  }
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
  g_autoptr(GPtrArray) results = NULL;

  /* Sixteen megabytes of markup at once, read without building trees. */
  results = check_pages (f, "/wide", 16, 16);

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
  /* A port that was free a moment ago, and is closed now. */
  g_autofree char *url = g_strdup_printf ("http://127.0.0.1:%u/page", wd_test_closed_port ());
  g_autoptr(WdCheckResult) result = check_url (f->checker, url);

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

  /* glib-networking is in build-aux/deps.txt: no TLS is a broken setup. */
  g_assert_cmpuint (wd_hostile_server_get_https_port (f->server), !=, 0);

  /* A certificate nobody vouches for is refused, not waved through. */
  url = g_strdup_printf ("https://127.0.0.1:%u/ok", wd_hostile_server_get_https_port (f->server));
  result = check_url (f->checker, url);

  assert_status (result, WD_CHECK_STATUS_UNREACHABLE);
  g_assert_cmpuint (wd_check_result_get_http_status (result), ==, 0);
  assert_detail_mentions (result, "TLS");
  g_assert_cmpuint (wd_hostile_server_hits (f->server, "/ok"), ==, 0);
}

static void
test_dns_failure (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(GResolver) previous = g_resolver_get_default ();
  /* Knows no names, so that no test asks a real DNS. */
  g_autoptr(GResolver) resolver = wd_test_resolver_new (NULL);
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
  g_autoptr(GPtrArray) results = NULL;

  results = check_urls (f->checker, inputs);
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

  /* Several authors reach the result as a list. */
  {
    g_autoptr(WdCheckResult) result = check_path (f, "/meta-jsonld");
    const char * const two[] = { "Jo Smith", "Sam Lee", NULL };

    g_assert_cmpstrv (wd_check_result_get_authors (result), two);
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
    /* Found by fuzz-html-meta: years before 1000 keep four digits. */
    { "Tue, 15 Nov 0997 08:12:31 GMT", "0997-11-15T08:12:31Z" },
    { "0997-11-15T08:12:31-05:30", "0997-11-15T08:12:31-05:30" },
    { "0042-01-02T03:04:05", "0042-01-02T03:04:05" },
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

/* Found by fuzz-html-meta: a JSON-LD block holding more than one value
 * ("1{…}", "{…}{…}") is not read (json-glib would take the last one and
 * leak the others); a well-formed block still is. */
static void
test_json_ld_one_value (void)
{
  static const struct { const char *block; const char *title; } cases[] = {
    { "{\"@type\":\"NewsArticle\",\"headline\":\"From JSON-LD\"}", "From JSON-LD" },
    { "  [{\"headline\":\"From JSON-LD\"}]  ", "From JSON-LD" },
    { "1{\"@type\":\"NewsArticle\",\"headline\":\"Smuggled\"}", "From the title" },
    { "{\"headline\":\"First\"}{\"headline\":\"Second\"}", "From the title" },
    { "\"x\"{\"headline\":\"Smuggled\"}", "From the title" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *page = g_strdup_printf ("<html><head><title>From the title</title>"
                                               "<script type=\"application/ld+json\">%s</script>"
                                               "</head><body>Text.</body></html>", cases[i].block);
      g_autoptr(WdHtmlMeta) meta = wd_html_meta_parse ((const guint8 *) page, strlen (page),
                                                       "text/html", NULL, NULL);

      g_assert_cmpstr (meta->title, ==, cases[i].title);
    }
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
  g_test_add_func ("/checker/soft-404/shared-title", test_soft_404_shared_title);
  ADD ("soft-404/heading-and-languages", test_soft_404_heading_and_languages);
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
  g_test_add_func ("/checker/meta/json-ld-one-value", test_json_ld_one_value);

  return g_test_run ();
}

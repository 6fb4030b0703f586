#define G_LOG_DOMAIN "wd-fetch"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "wd-fetch-state-private.h"

/* Where a fetch may go next: redirects (counted, loops caught, never from
 * a public address into this computer's own network), a site's cookies
 * for the rest of the check, and retries of a 429 or a 5xx. */

/* Cookies a site may set during one check, and their size. */
#define MAX_COOKIES 16
#define MAX_COOKIE_BYTES 4096

gboolean
_wd_fetch_address_is_private (GInetAddress *address)
{
  const guint8 *bytes = g_inet_address_to_bytes (address);

  if (g_inet_address_get_is_loopback (address) || g_inet_address_get_is_link_local (address) ||
      g_inet_address_get_is_site_local (address) || g_inet_address_get_is_any (address) ||
      g_inet_address_get_is_multicast (address))
    return TRUE;

  if (g_inet_address_get_family (address) != G_SOCKET_FAMILY_IPV6)
    return bytes[0] == 0 || (bytes[0] == 100 && (bytes[1] & 0xc0) == 64);  /* 0/8, 100.64/10 */

  /* Unique local fc00::/7, and IPv4 addresses in IPv6 clothing. */
  if ((bytes[0] & 0xfe) == 0xfc)
    return TRUE;
  if (memcmp (bytes, "\0\0\0\0\0\0\0\0\0\0\xff\xff", 12) == 0)
    {
      g_autoptr(GInetAddress) v4 = g_inet_address_new_from_bytes (bytes + 12, G_SOCKET_FAMILY_IPV4);

      return _wd_fetch_address_is_private (v4);
    }
  return FALSE;
}

gboolean
_wd_fetch_host_is_private (const char *host)
{
  g_autoptr(GInetAddress) address = NULL;
  g_autofree char *lower = NULL;

  if (host == NULL)
    return FALSE;

  address = g_inet_address_new_from_string (host);
  if (address != NULL)
    return _wd_fetch_address_is_private (address);

  lower = g_ascii_strdown (host, -1);
  g_strchomp (lower);
  if (g_str_has_suffix (lower, "."))
    lower[strlen (lower) - 1] = '\0';
  return g_str_equal (lower, "localhost") || g_str_has_suffix (lower, ".localhost");
}

static char *
private_redirect_detail (const char *where)
{
  return g_strdup_printf (_("a public page redirects into this computer’s own network (%s): "
                            "not followed"), where);
}

/* A redirect from a public address may not lead the checker into the
 * editor's own network, whatever name it uses to get there. */
void
_wd_fetch_check_connected_address (Fetch     *f,
                                   GIOStream *connection)
{
  g_autoptr(GSocketAddress) remote = NULL;
  g_autofree char *text = NULL;
  GInetAddress *address;

  if (f->private_origin || f->response->redirects == 0 || !G_IS_SOCKET_CONNECTION (connection))
    return;

  remote = g_socket_connection_get_remote_address (G_SOCKET_CONNECTION (connection), NULL);
  if (!G_IS_INET_SOCKET_ADDRESS (remote))
    return;

  address = g_inet_socket_address_get_address (G_INET_SOCKET_ADDRESS (remote));
  if (!_wd_fetch_address_is_private (address))
    return;

  text = g_inet_address_to_string (address);
  _wd_fetch_abort (f, WD_CHECK_STATUS_BLOCKED, private_redirect_detail (text));
}

/* ------------------------------------------------------- retries, redirects */

static gboolean
on_wait_done (gpointer data)
{
  GTask *task = data;
  Fetch *f = g_task_get_task_data (task);

  _wd_fetch_clear_source (&f->wait_source);
  if (!g_cancellable_is_cancelled (f->cancellable))
    _wd_fetch_start_request (task);
  else if (g_cancellable_is_cancelled (f->parent))
    _wd_fetch_finish_task (task);
  else
    _wd_fetch_fail_timeout (task);

  return G_SOURCE_REMOVE;
}

/* Waits @delay_ms, or less when cancelled, then asks again. */
static void
retry_after (GTask *task,
             guint  delay_ms)
{
  Fetch *f = g_task_get_task_data (task);
  GSource *cancel_source = g_cancellable_source_new (f->cancellable);

  _wd_fetch_keep_hop_body (f);
  _wd_fetch_close_stream (f);
  f->phase = PHASE_WAIT;
  f->wait_source = g_timeout_source_new (delay_ms);
  /* The timeout's callback also runs when the child source does. */
  g_source_add_child_source (f->wait_source, cancel_source);
  g_source_unref (cancel_source);
  g_source_set_callback (f->wait_source, on_wait_done, task, NULL);
  g_source_set_static_name (f->wait_source, "[wiredesk] retry wait");
  g_source_attach (f->wait_source, f->context);
}

static gboolean
fits_before_deadline (Fetch *f,
                      guint  delay_ms)
{
  /* Leave time for the retried request itself. */
  return g_get_monotonic_time () + (gint64) delay_ms * 1000 + G_USEC_PER_SEC / 4 < f->deadline;
}

/* Retry-After in seconds ("120" or an HTTP date); -1 when absent or bad. */
static gint64
parse_retry_after (SoupMessage *msg)
{
  const char *value = soup_message_headers_get_one (soup_message_get_response_headers (msg),
                                                    "Retry-After");
  g_autoptr(GDateTime) date = NULL;
  g_autoptr(GDateTime) now = NULL;
  char *end = NULL;
  guint64 seconds;

  if (value == NULL)
    return -1;

  while (g_ascii_isspace (*value))
    value++;

  if (g_ascii_isdigit (*value))
    {
      seconds = g_ascii_strtoull (value, &end, 10);
      while (end != NULL && g_ascii_isspace (*end))
        end++;
      if (end == NULL || *end != '\0')
        return -1;
      return (gint64) MIN (seconds, (guint64) G_MAXINT32);
    }

  date = soup_date_time_new_from_http_string (value);
  if (date == NULL)
    return -1;

  now = g_date_time_new_now_utc ();
  return MAX (0, g_date_time_difference (date, now) / G_USEC_PER_SEC);
}

/* TRUE when a retry was arranged for this 429 or 5xx. */
gboolean
_wd_fetch_maybe_retry (GTask *task,
                       guint  status)
{
  Fetch *f = g_task_get_task_data (task);

  if (status == WD_HTTP_TOO_MANY_REQUESTS)
    {
      gint64 seconds = parse_retry_after (f->msg);

      if (seconds < 0)
        seconds = 1;

      if (seconds > WD_FETCH_MAX_RETRY_WAIT_S)
        {
          g_autofree char *wait = g_strdup_printf ("%" G_GINT64_FORMAT, seconds);

          g_free (f->response->detail);
          f->response->detail = g_strdup_printf (_("the server asks to wait %s s"), wait);
          return FALSE;
        }

      if (f->rate_retries >= WD_FETCH_MAX_RATE_RETRIES ||
          !fits_before_deadline (f, seconds * 1000))
        return FALSE;

      f->rate_retries++;
      retry_after (task, seconds * 1000);
      return TRUE;
    }

  if (SOUP_STATUS_IS_SERVER_ERROR (status) && f->server_retries == 0 &&
      fits_before_deadline (f, WD_FETCH_SERVER_RETRY_MS))
    {
      f->server_retries++;
      retry_after (task, WD_FETCH_SERVER_RETRY_MS);
      return TRUE;
    }

  return FALSE;
}

gboolean
_wd_fetch_is_redirect (guint status)
{
  return status == SOUP_STATUS_MOVED_PERMANENTLY || status == SOUP_STATUS_FOUND ||
         status == SOUP_STATUS_SEE_OTHER || status == SOUP_STATUS_TEMPORARY_REDIRECT ||
         status == SOUP_STATUS_PERMANENT_REDIRECT || status == SOUP_STATUS_MULTIPLE_CHOICES;
}

char *
_wd_fetch_uri_key (GUri *uri)
{
  return g_uri_to_string_partial (uri, G_URI_HIDE_FRAGMENT);
}

/* Some sites set a cookie and send the browser round once. libsoup's
 * cookie parser has known holes (CVE-2025-4945, CVE-2025-11021, unfixed in
 * Debian 12), so there is no cookie jar: the name=value pairs a site sets
 * during one check go back to it for the rest of that check, nothing more.
 * TRUE when a new one came. */
static gboolean
keep_cookies (Fetch              *f,
              SoupMessageHeaders *headers)
{
  SoupMessageHeadersIter iter;
  const char *name, *value;
  gboolean added = FALSE;

  soup_message_headers_iter_init (&iter, headers);
  while (soup_message_headers_iter_next (&iter, &name, &value))
    {
      g_autofree char *pair = NULL;
      const char *eq;
      gsize len = strcspn (value, ";");

      if (g_ascii_strcasecmp (name, "Set-Cookie") != 0 || len == 0 || len > MAX_COOKIE_BYTES ||
          f->cookies->len >= MAX_COOKIES)
        continue;

      pair = g_strstrip (g_strndup (value, len));
      eq = strchr (pair, '=');
      if (eq == NULL || eq == pair || pair[strcspn (pair, " \t\",\\")] != '\0' ||
          !g_str_is_ascii (pair))
        continue;

      if (g_ptr_array_find_with_equal_func (f->cookies, pair, g_str_equal, NULL))
        continue;
      g_ptr_array_add (f->cookies, g_steal_pointer (&pair));
      added = TRUE;
    }

  return added;
}

void
_wd_fetch_follow_redirect (GTask *task)
{
  Fetch *f = g_task_get_task_data (task);
  SoupMessageHeaders *headers = soup_message_get_response_headers (f->msg);
  const char *location = soup_message_headers_get_one (headers, "Location");
  g_autoptr(GUri) next = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *key = NULL;
  const char *scheme;
  gboolean new_cookie;

  _wd_fetch_keep_hop_body (f);
  _wd_fetch_close_stream (f);
  new_cookie = keep_cookies (f, headers);

  if (location == NULL || *location == '\0')
    {
      _wd_fetch_fail (task, WD_CHECK_STATUS_REDIRECT_ERROR, g_strdup (_("a redirect without a Location")));
      return;
    }

  next = g_uri_parse_relative (f->uri, location, SOUP_HTTP_URI_FLAGS, &error);
  scheme = next != NULL ? g_uri_get_scheme (next) : NULL;
  if (next == NULL || scheme == NULL ||
      (g_ascii_strcasecmp (scheme, "http") != 0 && g_ascii_strcasecmp (scheme, "https") != 0) ||
      g_uri_get_host (next) == NULL || *g_uri_get_host (next) == '\0')
    {
      _wd_fetch_fail (task, WD_CHECK_STATUS_REDIRECT_ERROR,
                      g_strdup_printf (_("a redirect to an unusable address: %s"), location));
      return;
    }

  if (!f->private_origin && _wd_fetch_host_is_private (g_uri_get_host (next)))
    {
      _wd_fetch_fail (task, WD_CHECK_STATUS_BLOCKED, private_redirect_detail (g_uri_get_host (next)));
      return;
    }

  if (f->response->redirects >= WD_FETCH_MAX_REDIRECTS)
    {
      _wd_fetch_fail (task, WD_CHECK_STATUS_REDIRECT_ERROR,
                      g_strdup_printf (_("more than %d redirects"), WD_FETCH_MAX_REDIRECTS));
      return;
    }

  /* Coming back to an address is a loop, unless the server has just set a
   * cookie: some sites bounce once to test that cookies work. */
  key = _wd_fetch_uri_key (next);
  if (g_hash_table_contains (f->visited, key) && !new_cookie)
    {
      _wd_fetch_fail (task, WD_CHECK_STATUS_REDIRECT_ERROR,
                      g_strdup_printf (_("a redirect loop back to %s"), key));
      return;
    }

  g_hash_table_add (f->visited, g_steal_pointer (&key));
  f->response->redirects++;
  g_uri_unref (f->uri);
  f->uri = g_steal_pointer (&next);
  _wd_fetch_start_request (task);
}

#define G_LOG_DOMAIN "wd-fetch"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <stdlib.h>
#include <string.h>

#include "wd-fetch-private.h"
#include "wd-tee-converter-private.h"

#define READ_CHUNK (64 * 1024)

/* Codings a page may stack ("gzip, gzip"): each decoder costs memory
 * whether or not the body uses it, and libsoup 3.2 builds one per name
 * (13 000 names in one header took 900 MB). */
#define MAX_CODINGS 2
/* Interim answers (100 Continue…) before the real one: libsoup reads them
 * back to back without returning to the main loop. */
#define MAX_INFORMATIONAL 8
/* Cookies a site may set during one check, and their size. */
#define MAX_COOKIES 16
#define MAX_COOKIE_BYTES 4096

typedef enum
{
  PHASE_HEADERS,
  PHASE_BODY,
  PHASE_WAIT,
} Phase;

typedef struct
{
  SoupSession     *session;
  WdFetchResponse *response;
  GUri            *uri;
  SoupMessage     *msg;
  GInputStream    *stream;
  GByteArray      *body;
  GHashTable      *visited;
  GCancellable    *cancellable;   /* ours: the deadline and the caller cancel it */
  GCancellable    *parent;
  gulong           parent_handler;
  GSource         *deadline_source;
  GSource         *connect_source;  /* while resolving, connecting, handshaking */
  GSource         *wait_source;
  GMainContext    *context;
  gint64           deadline;
  double           timeout_s;
  GPtrArray       *cookies;        /* "name=value" the site set during this check */
  guint            informational;  /* 1xx answers to the request under way */
  WdCheckStatus    abort_status;   /* why we cancelled, when it was us */
  char            *abort_detail;
  gboolean         chunked;        /* the body comes in chunks */
  gboolean         private_origin; /* the URL asked for names this machine or its network */
  guint            rate_retries;
  guint            server_retries;
  Phase            phase;
  gboolean         timed_out;
  gboolean         connect_timed_out;
  gsize            reading_at;     /* body bytes before the read under way */
  gboolean         capture;        /* keep bodies as received (wd-fetch-private.h) */
  gboolean         capture_only;   /* the body under way is read for the capture alone */
  WdTeeConverter  *tee;            /* the coded body, before the decoders */
  const char      *cut;            /* why the body stopped early (WARC-Truncated) */
} Fetch;

static void start_request (GTask *task);

void
_wd_fetch_response_free (WdFetchResponse *response)
{
  if (response == NULL)
    return;

  g_free (response->url);
  g_free (response->final_url);
  g_free (response->media_type);
  g_free (response->charset);
  g_clear_pointer (&response->body, g_bytes_unref);
  g_free (response->detail);
  g_clear_pointer (&response->exchanges, g_ptr_array_unref);
  g_free (response);
}

static void
exchange_free (WdFetchExchange *exchange)
{
  g_free (exchange->url);
  g_free (exchange->request_head);
  g_free (exchange->response_head);
  g_free (exchange->date);
  g_clear_pointer (&exchange->body, g_bytes_unref);
  g_free (exchange);
}

static void
append_headers (GString            *head,
                SoupMessageHeaders *headers)
{
  SoupMessageHeadersIter iter;
  const char *name, *value;

  soup_message_headers_iter_init (&iter, headers);
  while (soup_message_headers_iter_next (&iter, &name, &value))
    g_string_append_printf (head, "%s: %s\r\n", name, value);
  g_string_append (head, "\r\n");
}

/* What went on the wire for the evidence capture (wd-fetch-private.h). */
static void
record_exchange (Fetch *f)
{
  WdFetchExchange *exchange = g_new0 (WdFetchExchange, 1);
  SoupMessageHeaders *request = soup_message_get_request_headers (f->msg);
  const char *version = soup_message_get_http_version (f->msg) == SOUP_HTTP_1_0 ? "1.0" : "1.1";
  const char *query = g_uri_get_query (f->uri);
  const char *path = g_uri_get_path (f->uri);
  const char *reason = soup_message_get_reason_phrase (f->msg);
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  GString *head;

  exchange->url = g_uri_to_string_partial (f->uri, G_URI_HIDE_FRAGMENT);
  exchange->date = g_date_time_format (now, "%Y-%m-%dT%H:%M:%SZ");

  head = g_string_new (NULL);
  g_string_append_printf (head, "GET %s%s%s HTTP/%s\r\n", *path != '\0' ? path : "/",
                          query != NULL ? "?" : "", query != NULL ? query : "", version);
  if (soup_message_headers_get_one (request, "Host") == NULL)
    g_string_append_printf (head, "Host: %s\r\n", g_uri_get_host (f->uri));
  append_headers (head, request);
  exchange->request_head = g_string_free (head, FALSE);

  head = g_string_new (NULL);
  g_string_append_printf (head, "HTTP/%s %u %s\r\n", version, soup_message_get_status (f->msg),
                          reason != NULL ? reason : "");
  append_headers (head, soup_message_get_response_headers (f->msg));
  exchange->response_head = g_string_free (head, FALSE);

  if (f->response->exchanges == NULL)
    f->response->exchanges = g_ptr_array_new_with_free_func ((GDestroyNotify) exchange_free);
  g_ptr_array_add (f->response->exchanges, exchange);
}

static void
close_stream (Fetch *f)
{
  /* An unfinished body is not drained: libsoup drops the connection. */
  if (f->stream != NULL)
    g_input_stream_close_async (f->stream, G_PRIORITY_DEFAULT, NULL, NULL, NULL);
  g_clear_object (&f->stream);
}

static void
clear_source (GSource **source)
{
  if (*source != NULL)
    {
      g_source_destroy (*source);
      g_clear_pointer (source, g_source_unref);
    }
}

/* A message can outlive the fetch inside libsoup: it must not call back. */
static void
clear_message (Fetch *f)
{
  if (f->msg != NULL)
    g_signal_handlers_disconnect_by_data (f->msg, f);
  g_clear_object (&f->msg);
}

static void
fetch_free (Fetch *f)
{
  close_stream (f);
  clear_source (&f->deadline_source);
  clear_source (&f->connect_source);
  clear_source (&f->wait_source);
  if (f->parent_handler != 0)
    g_cancellable_disconnect (f->parent, f->parent_handler);
  g_clear_object (&f->parent);
  g_clear_object (&f->cancellable);
  g_clear_object (&f->session);
  clear_message (f);
  g_clear_pointer (&f->uri, g_uri_unref);
  g_clear_pointer (&f->body, g_byte_array_unref);
  g_clear_object (&f->tee);
  g_clear_pointer (&f->visited, g_hash_table_unref);
  g_clear_pointer (&f->cookies, g_ptr_array_unref);
  g_free (f->abort_detail);
  g_clear_pointer (&f->response, _wd_fetch_response_free);
  g_clear_pointer (&f->context, g_main_context_unref);
  g_free (f);
}

static char *
seconds_text (double seconds)
{
  char buffer[G_ASCII_DTOSTR_BUF_SIZE];

  return g_strdup (g_ascii_formatd (buffer, sizeof buffer, "%.3g", seconds));
}

/* Reaching the server (DNS, TCP, TLS) gets half the deadline, at most
 * ten seconds: a host that does not answer is unreachable, not slow. */
static double
connect_timeout_s (Fetch *f)
{
  return MIN (f->timeout_s / 2, 10.0);
}

static WdFetchExchange *
last_exchange (Fetch *f)
{
  GPtrArray *exchanges = f->response->exchanges;

  return exchanges != NULL && exchanges->len > 0 ? g_ptr_array_index (exchanges, exchanges->len - 1)
                                                 : NULL;
}

/* The capture's copy of the last answer's body, as received: what went
 * through the tee when the body was decoded, else @body itself. */
static void
keep_for_capture (Fetch  *f,
                  GBytes *body)
{
  WdFetchExchange *last = last_exchange (f);
  gboolean overflow = FALSE;

  if (!f->capture || last == NULL || last->body != NULL)
    return;

  if (f->tee != NULL)
    last->body = _wd_tee_converter_get_bytes (f->tee, &overflow);
  else if (body != NULL)
    last->body = g_bytes_ref (body);
  else
    return;
  last->truncated = overflow ? "length" : f->cut;
}

static void
finish (GTask *task)
{
  Fetch *f = g_task_get_task_data (task);
  g_autoptr(GBytes) body = NULL;

  close_stream (f);
  clear_source (&f->deadline_source);
  clear_source (&f->connect_source);
  clear_source (&f->wait_source);

  if (f->body != NULL)
    body = g_byte_array_free_to_bytes (g_steal_pointer (&f->body));
  keep_for_capture (f, body);
  /* A body read for the capture alone, or cut short by a failure, is no page. */
  if (body != NULL && !f->capture_only && f->response->failure == WD_CHECK_STATUS_UNCHECKED)
    f->response->body = g_steal_pointer (&body);

  if (g_cancellable_is_cancelled (f->parent))
    g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_CANCELLED, _("The check was cancelled"));
  else
    g_task_return_pointer (task, g_steal_pointer (&f->response),
                           (GDestroyNotify) _wd_fetch_response_free);
  g_object_unref (task);
}

static void
fail (GTask         *task,
      WdCheckStatus  status,
      char          *detail)
{
  Fetch *f = g_task_get_task_data (task);

  f->response->failure = status;
  g_free (f->response->detail);
  f->response->detail = detail;
  if (!f->capture)
    g_clear_pointer (&f->body, g_byte_array_unref);
  finish (task);
}

static void
fail_timeout (GTask *task)
{
  Fetch *f = g_task_get_task_data (task);
  g_autofree char *seconds = seconds_text (f->timeout_s);

  if (f->phase == PHASE_BODY)
    fail (task, WD_CHECK_STATUS_TIMEOUT,
          g_strdup_printf (_("the page was still arriving after %s s"), seconds));
  else
    fail (task, WD_CHECK_STATUS_TIMEOUT,
          g_strdup_printf (_("no answer within %s s"), seconds));
}

/* What a failed exchange means for the editor. */
static void
fail_with_error (GTask        *task,
                 const GError *error)
{
  Fetch *f = g_task_get_task_data (task);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) ||
      g_error_matches (error, G_IO_ERROR, G_IO_ERROR_TIMED_OUT))
    {
      g_autofree char *seconds = seconds_text (connect_timeout_s (f));

      if (g_cancellable_is_cancelled (f->parent))
        finish (task);
      else if (f->abort_status != WD_CHECK_STATUS_UNCHECKED)
        fail (task, f->abort_status, g_steal_pointer (&f->abort_detail));
      else if (f->connect_timed_out)
        fail (task, WD_CHECK_STATUS_UNREACHABLE,
              g_strdup_printf (_("could not connect within %s s"), seconds));
      else
        fail_timeout (task);
    }
  else if (error->domain == G_RESOLVER_ERROR)
    fail (task, WD_CHECK_STATUS_UNREACHABLE,
          g_strdup_printf (_("DNS lookup failed: %s"), error->message));
  else if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CONNECTION_REFUSED))
    fail (task, WD_CHECK_STATUS_UNREACHABLE, g_strdup (_("connection refused")));
  else if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CONNECTION_CLOSED) ||
           g_error_matches (error, G_IO_ERROR, G_IO_ERROR_BROKEN_PIPE))
    fail (task, WD_CHECK_STATUS_UNREACHABLE, g_strdup (_("connection reset by the server")));
  else if (error->domain == G_TLS_ERROR)
    fail (task, WD_CHECK_STATUS_UNREACHABLE, _wd_fetch_describe_tls_error (f->msg, error));
  else if (error->domain == SOUP_SESSION_ERROR ||
           g_error_matches (error, G_IO_ERROR, G_IO_ERROR_PARTIAL_INPUT))
    fail (task, WD_CHECK_STATUS_SERVER_ERROR,
          g_strdup_printf (_("malformed response: %s"), error->message));
  else
    fail (task, WD_CHECK_STATUS_UNREACHABLE, g_strdup (error->message));
}

/* Stops the exchange under way with a verdict of ours. libsoup lets a
 * signal handler cancel the message it is reading. */
static void
abort_with (Fetch         *f,
            WdCheckStatus  status,
            char          *detail)
{
  if (f->abort_status == WD_CHECK_STATUS_UNCHECKED)
    {
      f->abort_status = status;
      f->abort_detail = detail;
    }
  else
    g_free (detail);
  g_cancellable_cancel (f->cancellable);
}

/* libsoup reads interim answers in a loop of its own: neither the deadline
 * nor Ctrl+C (both main-loop sources) can run meanwhile, so the count and
 * the clock are checked here. */
static void
on_got_informational (SoupMessage *msg,
                      gpointer     data)
{
  Fetch *f = data;

  f->informational++;
  if (g_get_monotonic_time () >= f->deadline)
    {
      g_autofree char *seconds = seconds_text (f->timeout_s);

      abort_with (f, WD_CHECK_STATUS_TIMEOUT,
                  g_strdup_printf (_("no answer within %s s"), seconds));
    }
  else if (f->informational > MAX_INFORMATIONAL)
    abort_with (f, WD_CHECK_STATUS_SERVER_ERROR,
                g_strdup_printf (_("malformed response: more than %d interim (1xx) answers "
                                   "before the page"), MAX_INFORMATIONAL));
}

char *
_wd_fetch_describe_tls_error (SoupMessage  *msg,
                              const GError *error)
{
  static const struct { GTlsCertificateFlags flag; const char *what; } reasons[] = {
    { G_TLS_CERTIFICATE_EXPIRED, N_("the certificate has expired") },
    { G_TLS_CERTIFICATE_NOT_ACTIVATED, N_("the certificate is not valid yet") },
    { G_TLS_CERTIFICATE_BAD_IDENTITY, N_("the certificate is for another host") },
    { G_TLS_CERTIFICATE_UNKNOWN_CA, N_("the certificate is not signed by a trusted authority") },
    { G_TLS_CERTIFICATE_REVOKED, N_("the certificate has been revoked") },
    { G_TLS_CERTIFICATE_INSECURE, N_("the certificate uses a weak key or algorithm") },
  };
  GTlsCertificateFlags flags = msg != NULL ? soup_message_get_tls_peer_certificate_errors (msg) : 0;
  g_autoptr(GString) text = g_string_new (NULL);

  for (guint i = 0; i < G_N_ELEMENTS (reasons); i++)
    if (flags & reasons[i].flag)
      g_string_append_printf (text, "%s%s", text->len > 0 ? "; " : "", _(reasons[i].what));

  if (text->len == 0)
    return g_strdup_printf (_("TLS failure: %s"), error->message);

  return g_strdup_printf (_("TLS failure: %s"), text->str);
}

static gboolean
on_deadline (gpointer data)
{
  Fetch *f = data;

  f->timed_out = TRUE;
  g_clear_pointer (&f->deadline_source, g_source_unref);
  g_cancellable_cancel (f->cancellable);

  return G_SOURCE_REMOVE;
}

static gboolean
on_connect_timeout (gpointer data)
{
  Fetch *f = data;

  f->connect_timed_out = TRUE;
  g_clear_pointer (&f->connect_source, g_source_unref);
  g_cancellable_cancel (f->cancellable);

  return G_SOURCE_REMOVE;
}

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
static void
check_connected_address (Fetch     *f,
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
  abort_with (f, WD_CHECK_STATUS_BLOCKED, private_redirect_detail (text));
}

/* Only a new connection reports these: a kept-alive one goes unwatched. */
static void
on_network_event (SoupMessage        *msg,
                  GSocketClientEvent  event,
                  GIOStream          *connection,
                  gpointer            data)
{
  Fetch *f = data;

  if (event == G_SOCKET_CLIENT_CONNECTED)
    check_connected_address (f, connection);

  if (event == G_SOCKET_CLIENT_RESOLVING && f->connect_source == NULL)
    {
      f->connect_source = g_timeout_source_new ((guint) (connect_timeout_s (f) * 1000));
      g_source_set_callback (f->connect_source, on_connect_timeout, f, NULL);
      g_source_set_static_name (f->connect_source, "[wiredesk] connect timeout");
      g_source_attach (f->connect_source, f->context);
    }
  else if (event == G_SOCKET_CLIENT_COMPLETE)
    clear_source (&f->connect_source);
}

static void
on_parent_cancelled (GCancellable *parent,
                     gpointer      data)
{
  g_cancellable_cancel (G_CANCELLABLE (data));
}

/* ------------------------------------------------------------- the body */

static void read_more (GTask *task);

static void
fail_chunked (GTask *task)
{
  fail (task, WD_CHECK_STATUS_SERVER_ERROR,
        g_strdup (_("malformed response: the page’s chunked encoding is broken "
                    "(chunk sizes that are not numbers, or chunks that never come)")));
}

/* The WARC-Truncated reason for a body that stopped with @error. */
static const char *
cut_reason (const GError *error)
{
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) ||
      g_error_matches (error, G_IO_ERROR, G_IO_ERROR_TIMED_OUT))
    return "time";
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_PARTIAL_INPUT) ||
      g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CONNECTION_CLOSED))
    return "disconnect";
  return "unspecified";
}

static void
on_read (GObject      *object,
         GAsyncResult *result,
         gpointer      data)
{
  g_autoptr(GError) error = NULL;
  GTask *task = data;
  Fetch *f = g_task_get_task_data (task);
  gssize have = f->reading_at;
  gssize n = g_input_stream_read_finish (G_INPUT_STREAM (object), result, &error);

  if (n < 0)
    {
      g_byte_array_set_size (f->body, have);
      f->cut = cut_reason (error);

      /* Read for the capture alone: it ends here, the verdict is the status's. */
      if (f->capture_only)
        finish (task);
      /* A server that stops early still showed us its page; but chunks
       * that end early mean their sizes were nonsense. */
      else if ((g_error_matches (error, G_IO_ERROR, G_IO_ERROR_PARTIAL_INPUT) ||
           g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CONNECTION_CLOSED)) && f->chunked)
        fail_chunked (task);
      else if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_PARTIAL_INPUT) ||
               g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CONNECTION_CLOSED))
        finish (task);
      else if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) ||
               g_error_matches (error, G_IO_ERROR, G_IO_ERROR_TIMED_OUT))
        fail_with_error (task, error);
      else
        fail (task, WD_CHECK_STATUS_SERVER_ERROR,
              g_strdup_printf (_("the body could not be decoded: %s"), error->message));
      return;
    }

  g_byte_array_set_size (f->body, have + n);

  /* libsoup 3.2 reads a chunk size of "zz" as 0, the end: a page in
   * chunks that holds nothing is that, or worse. */
  if (n == 0 && f->body->len == 0 && f->chunked && !f->capture_only)
    fail_chunked (task);
  else if (n == 0)
    finish (task);
  else if (f->body->len >= WD_FETCH_MAX_BODY)
    {
      f->response->truncated = !f->capture_only;
      f->cut = "length";
      finish (task);
    }
  else
    read_more (task);
}

static void
read_more (GTask *task)
{
  Fetch *f = g_task_get_task_data (task);
  gsize have = f->body->len;
  gsize want = MIN (READ_CHUNK, WD_FETCH_MAX_BODY - have);

  /* Room for the read, never past the cap: the array stays within 1 MiB. */
  f->reading_at = have;
  g_byte_array_set_size (f->body, have + want);
  g_input_stream_read_async (f->stream, f->body->data + have, want,
                             G_PRIORITY_DEFAULT, f->cancellable, on_read, task);
}

/* The capture keeps what of a redirect's or retried answer's body came
 * with its head, without waiting for more: that answer's body is not worth
 * a second of the deadline. */
static void
keep_hop_body (Fetch *f)
{
  WdFetchExchange *last = last_exchange (f);
  g_autoptr(GByteArray) body = NULL;
  gboolean ended = FALSE;
  guint8 chunk[4096];

  if (!f->capture || last == NULL || !G_IS_POLLABLE_INPUT_STREAM (f->stream) ||
      !g_pollable_input_stream_can_poll (G_POLLABLE_INPUT_STREAM (f->stream)))
    return;

  body = g_byte_array_new ();
  while (body->len < WD_FETCH_MAX_HOP_BODY)
    {
      gssize n = g_pollable_input_stream_read_nonblocking (G_POLLABLE_INPUT_STREAM (f->stream), chunk,
                                                           MIN (sizeof chunk,
                                                                WD_FETCH_MAX_HOP_BODY - body->len),
                                                           NULL, NULL);
      if (n <= 0)
        {
          ended = n == 0;
          break;
        }
      g_byte_array_append (body, chunk, n);
    }

  last->body = g_byte_array_free_to_bytes (g_steal_pointer (&body));
  last->truncated = ended ? NULL : g_bytes_get_size (last->body) >= WD_FETCH_MAX_HOP_BODY ? "length" : "time";
}

/* The capture reads the last answer's body as received, when the check
 * itself has no use for it (an error page, a PDF…). */
static void
read_for_capture (GTask *task)
{
  Fetch *f = g_task_get_task_data (task);

  if (!f->capture)
    {
      finish (task);
      return;
    }
  f->capture_only = TRUE;
  f->phase = PHASE_BODY;
  f->body = g_byte_array_sized_new (READ_CHUNK);
  read_more (task);
}

static gboolean
wants_body (const char *media_type)
{
  return media_type == NULL || g_str_has_prefix (media_type, "text/") ||
         strstr (media_type, "html") != NULL;
}

/* ------------------------------------------------------- retries, redirects */

static gboolean
on_wait_done (gpointer data)
{
  GTask *task = data;
  Fetch *f = g_task_get_task_data (task);

  clear_source (&f->wait_source);
  if (!g_cancellable_is_cancelled (f->cancellable))
    start_request (task);
  else if (g_cancellable_is_cancelled (f->parent))
    finish (task);
  else
    fail_timeout (task);

  return G_SOURCE_REMOVE;
}

/* Waits @delay_ms, or less when cancelled, then asks again. */
static void
retry_after (GTask *task,
             guint  delay_ms)
{
  Fetch *f = g_task_get_task_data (task);
  GSource *cancel_source = g_cancellable_source_new (f->cancellable);

  keep_hop_body (f);
  close_stream (f);
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
static gboolean
maybe_retry (GTask *task,
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

static gboolean
is_redirect (guint status)
{
  return status == SOUP_STATUS_MOVED_PERMANENTLY || status == SOUP_STATUS_FOUND ||
         status == SOUP_STATUS_SEE_OTHER || status == SOUP_STATUS_TEMPORARY_REDIRECT ||
         status == SOUP_STATUS_PERMANENT_REDIRECT || status == SOUP_STATUS_MULTIPLE_CHOICES;
}

static char *
uri_key (GUri *uri)
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

static void
follow_redirect (GTask *task)
{
  Fetch *f = g_task_get_task_data (task);
  SoupMessageHeaders *headers = soup_message_get_response_headers (f->msg);
  const char *location = soup_message_headers_get_one (headers, "Location");
  g_autoptr(GUri) next = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *key = NULL;
  const char *scheme;
  gboolean new_cookie;

  keep_hop_body (f);
  close_stream (f);
  new_cookie = keep_cookies (f, headers);

  if (location == NULL || *location == '\0')
    {
      fail (task, WD_CHECK_STATUS_REDIRECT_ERROR, g_strdup (_("a redirect without a Location")));
      return;
    }

  next = g_uri_parse_relative (f->uri, location, SOUP_HTTP_URI_FLAGS, &error);
  scheme = next != NULL ? g_uri_get_scheme (next) : NULL;
  if (next == NULL || scheme == NULL ||
      (g_ascii_strcasecmp (scheme, "http") != 0 && g_ascii_strcasecmp (scheme, "https") != 0) ||
      g_uri_get_host (next) == NULL || *g_uri_get_host (next) == '\0')
    {
      fail (task, WD_CHECK_STATUS_REDIRECT_ERROR,
            g_strdup_printf (_("a redirect to an unusable address: %s"), location));
      return;
    }

  if (!f->private_origin && _wd_fetch_host_is_private (g_uri_get_host (next)))
    {
      fail (task, WD_CHECK_STATUS_BLOCKED, private_redirect_detail (g_uri_get_host (next)));
      return;
    }

  if (f->response->redirects >= WD_FETCH_MAX_REDIRECTS)
    {
      fail (task, WD_CHECK_STATUS_REDIRECT_ERROR,
            g_strdup_printf (_("more than %d redirects"), WD_FETCH_MAX_REDIRECTS));
      return;
    }

  /* Coming back to an address is a loop, unless the server has just set a
   * cookie: some sites bounce once to test that cookies work. */
  key = uri_key (next);
  if (g_hash_table_contains (f->visited, key) && !new_cookie)
    {
      fail (task, WD_CHECK_STATUS_REDIRECT_ERROR,
            g_strdup_printf (_("a redirect loop back to %s"), key));
      return;
    }

  g_hash_table_add (f->visited, g_steal_pointer (&key));
  f->response->redirects++;
  g_uri_unref (f->uri);
  f->uri = g_steal_pointer (&next);
  start_request (task);
}

/* ------------------------------------------------------------ requests */

/* The Content-Encoding's codings, outermost last, "identity" left out;
 * NULL (and @detail) when they cannot or may not be decoded. */
static GPtrArray *
parse_codings (SoupMessageHeaders  *headers,
               char               **detail)
{
  g_autoptr(GPtrArray) codings = g_ptr_array_new_with_free_func (g_free);
  const char *value = soup_message_headers_get_list (headers, "Content-Encoding");
  g_auto(GStrv) names = NULL;
  guint n_named = 0;

  if (value == NULL)
    return g_steal_pointer (&codings);

  names = g_strsplit (value, ",", -1);
  for (guint i = 0; names[i] != NULL; i++)
    {
      char *name = g_strstrip (names[i]);

      if (*name == '\0' || g_ascii_strcasecmp (name, "identity") == 0)
        continue;
      n_named++;
      if (g_ascii_strcasecmp (name, "gzip") != 0 && g_ascii_strcasecmp (name, "x-gzip") != 0 &&
          g_ascii_strcasecmp (name, "deflate") != 0)
        {
          g_autofree char *shown = g_utf8_make_valid (name, MIN (strlen (name), 40));

          *detail = g_strdup_printf (_("the page is encoded as “%s”, which Wiredesk did not ask for"),
                                     g_strcanon (shown, G_CSET_a_2_z G_CSET_A_2_Z G_CSET_DIGITS "-_.", '?'));
          return NULL;
        }
      if (codings->len < MAX_CODINGS)
        g_ptr_array_add (codings, g_ascii_strdown (name, -1));
    }

  if (n_named > MAX_CODINGS)
    {
      *detail = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                              "the page is encoded %u time over; at most %d are decoded",
                                              "the page is encoded %u times over; at most %d are decoded",
                                              n_named),
                                 n_named, MAX_CODINGS);
      return NULL;
    }

  return g_steal_pointer (&codings);
}

/* Wraps f->stream in a decoder per coding, the last applied undone first. */
static gboolean
decode_body (Fetch  *f,
             char  **detail)
{
  g_autoptr(GPtrArray) codings = parse_codings (soup_message_get_response_headers (f->msg), detail);

  if (codings == NULL)
    return FALSE;

  if (f->capture && codings->len > 0)
    {
      GInputStream *teed;

      f->tee = _wd_tee_converter_new (WD_FETCH_MAX_BODY);
      teed = g_converter_input_stream_new (f->stream, G_CONVERTER (f->tee));
      g_object_unref (f->stream);
      f->stream = teed;
    }

  for (guint i = codings->len; i > 0; i--)
    {
      const char *name = g_ptr_array_index (codings, i - 1);
      g_autoptr(GConverter) decoder =
        G_CONVERTER (g_zlib_decompressor_new (g_str_equal (name, "deflate") ? G_ZLIB_COMPRESSOR_FORMAT_ZLIB
                                                                            : G_ZLIB_COMPRESSOR_FORMAT_GZIP));
      GInputStream *decoded = g_converter_input_stream_new (f->stream, decoder);

      g_object_unref (f->stream);
      f->stream = decoded;
    }

  return TRUE;
}

static void
on_sent (GObject      *object,
         GAsyncResult *result,
         gpointer      data)
{
  g_autoptr(GError) error = NULL;
  GTask *task = data;
  Fetch *f = g_task_get_task_data (task);
  g_autoptr(GHashTable) params = NULL;
  g_autofree char *detail = NULL;
  const char *media_type;
  guint status;

  f->stream = soup_session_send_finish (SOUP_SESSION (object), result, &error);
  if (f->stream == NULL)
    {
      fail_with_error (task, error);
      return;
    }

  status = soup_message_get_status (f->msg);
  f->response->http_status = status;
  record_exchange (f);

  if (status < 100 || status > 599)
    {
      fail (task, WD_CHECK_STATUS_SERVER_ERROR,
            g_strdup_printf (_("malformed response: status %u"), status));
      return;
    }

  if (is_redirect (status))
    {
      follow_redirect (task);
      return;
    }

  if (maybe_retry (task, status))
    return;

  media_type = soup_message_headers_get_content_type (soup_message_get_response_headers (f->msg),
                                                      &params);
  g_free (f->response->media_type);
  f->response->media_type = media_type != NULL ? g_ascii_strdown (media_type, -1) : NULL;
  g_free (f->response->charset);
  f->response->charset = g_strdup (params != NULL ? g_hash_table_lookup (params, "charset") : NULL);

  if (!SOUP_STATUS_IS_SUCCESSFUL (status) || !wants_body (f->response->media_type))
    {
      read_for_capture (task);
      return;
    }

  if (!decode_body (f, &detail))
    {
      f->response->failure = WD_CHECK_STATUS_SERVER_ERROR;
      g_free (f->response->detail);
      f->response->detail = g_steal_pointer (&detail);
      read_for_capture (task);
      return;
    }

  f->chunked = soup_message_headers_get_encoding (soup_message_get_response_headers (f->msg)) ==
               SOUP_ENCODING_CHUNKED;
  f->phase = PHASE_BODY;
  f->body = g_byte_array_sized_new (READ_CHUNK);
  read_more (task);
}

static void
start_request (GTask *task)
{
  Fetch *f = g_task_get_task_data (task);
  SoupMessageHeaders *headers;

  clear_message (f);
  f->msg = soup_message_new_from_uri (SOUP_METHOD_GET, f->uri);
  soup_message_add_flags (f->msg, SOUP_MESSAGE_NO_REDIRECT);
  g_signal_connect (f->msg, "network-event", G_CALLBACK (on_network_event), f);
  g_signal_connect (f->msg, "got-informational", G_CALLBACK (on_got_informational), f);
  f->informational = 0;

  headers = soup_message_get_request_headers (f->msg);
  soup_message_headers_replace (headers, "Accept",
                                "text/html,application/xhtml+xml;q=0.9,*/*;q=0.8");
  /* Decoded here, at most MAX_CODINGS deep (see decode_body). */
  soup_message_headers_replace (headers, "Accept-Encoding", "gzip, deflate");
  if (f->cookies->len > 0)
    {
      g_autofree char *cookie = NULL;

      g_ptr_array_add (f->cookies, NULL);
      cookie = g_strjoinv ("; ", (char **) f->cookies->pdata);
      g_ptr_array_remove_index (f->cookies, f->cookies->len - 1);
      soup_message_headers_replace (headers, "Cookie", cookie);
    }

  g_free (f->response->final_url);
  f->response->final_url = g_uri_to_string (f->uri);
  f->response->http_status = 0;

  f->phase = PHASE_HEADERS;
  soup_session_send_async (f->session, f->msg, G_PRIORITY_DEFAULT, f->cancellable,
                           on_sent, task);
}

void
_wd_fetch_async (SoupSession         *session,
                 const char          *url,
                 const char          *origin_url,
                 guint                redirects,
                 gint64               deadline,
                 double               timeout_s,
                 gboolean             capture,
                 GCancellable        *cancellable,
                 GAsyncReadyCallback  callback,
                 gpointer             user_data)
{
  g_autoptr(GError) error = NULL;
  GTask *task;
  Fetch *f;
  gint64 remaining_ms;

  g_return_if_fail (SOUP_IS_SESSION (session));
  g_return_if_fail (url != NULL);

  f = g_new0 (Fetch, 1);
  f->session = g_object_ref (session);
  f->response = g_new0 (WdFetchResponse, 1);
  f->response->url = g_strdup (url);
  f->response->redirects = redirects;
  f->visited = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  f->cookies = g_ptr_array_new_with_free_func (g_free);
  f->cancellable = g_cancellable_new ();
  f->parent = cancellable != NULL ? g_object_ref (cancellable) : g_cancellable_new ();
  f->context = g_main_context_ref_thread_default ();
  f->deadline = deadline;
  f->timeout_s = timeout_s;
  f->capture = capture;

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, _wd_fetch_async);
  g_task_set_task_data (task, f, (GDestroyNotify) fetch_free);

  f->parent_handler = g_cancellable_connect (f->parent, G_CALLBACK (on_parent_cancelled),
                                             g_object_ref (f->cancellable), g_object_unref);

  f->uri = g_uri_parse (url, SOUP_HTTP_URI_FLAGS, &error);
  if (f->uri == NULL)
    {
      fail (task, WD_CHECK_STATUS_INVALID, g_strdup (error->message));
      return;
    }
  g_hash_table_add (f->visited, uri_key (f->uri));
  if (origin_url == NULL)
    f->private_origin = _wd_fetch_host_is_private (g_uri_get_host (f->uri));
  else
    {
      g_autoptr(GUri) origin = g_uri_parse (origin_url, SOUP_HTTP_URI_FLAGS, NULL);

      f->private_origin = origin != NULL && _wd_fetch_host_is_private (g_uri_get_host (origin));
    }

  remaining_ms = MAX (0, (deadline - g_get_monotonic_time ()) / 1000);
  f->deadline_source = g_timeout_source_new (remaining_ms);
  g_source_set_callback (f->deadline_source, on_deadline, f, NULL);
  g_source_set_static_name (f->deadline_source, "[wiredesk] check deadline");
  g_source_attach (f->deadline_source, f->context);

  start_request (task);
}

WdFetchResponse *
_wd_fetch_finish (GAsyncResult  *result,
                  GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == _wd_fetch_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

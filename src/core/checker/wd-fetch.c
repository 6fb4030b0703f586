#define G_LOG_DOMAIN "wd-fetch"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "wd-fetch-state-private.h"
#include "wd-tee-converter-private.h"
#include "wd-tls-private.h"

/* One fetch's life: the request, its deadline and the ways it ends. The
 * redirect and retry rules are in wd-fetch-redirect.c, the body (codings,
 * chunks, the cap) in wd-fetch-body.c, the TLS policy in ../wd-tls.c. */

/* Interim answers (100 Continue…) before the real one: libsoup reads them
 * back to back without returning to the main loop. */
#define MAX_INFORMATIONAL 8

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
  /* The response says its own version: a request sent as HTTP/1.1 may get
   * an HTTP/1.0 answer, and the request record must say what was sent. */
  const char *version = soup_message_get_http_version (f->msg) == SOUP_HTTP_1_0 ? "1.0" : "1.1";
  const char *sent = f->sent_version == SOUP_HTTP_1_0 ? "1.0" : "1.1";
  const char *query = g_uri_get_query (f->uri);
  const char *path = g_uri_get_path (f->uri);
  const char *reason = soup_message_get_reason_phrase (f->msg);
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  GString *head;

  exchange->url = g_uri_to_string_partial (f->uri, G_URI_HIDE_FRAGMENT);
  /* Microseconds (WARC/1.1 allows a fraction): two checks within one
   * second are still told apart, the later one is the latest capture. */
  exchange->date = g_date_time_format (now, "%Y-%m-%dT%H:%M:%S.%fZ");

  head = g_string_new (NULL);
  g_string_append_printf (head, "GET %s%s%s HTTP/%s\r\n", *path != '\0' ? path : "/",
                          query != NULL ? "?" : "", query != NULL ? query : "", sent);
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

void
_wd_fetch_close_stream (Fetch *f)
{
  /* An unfinished body is not drained: libsoup drops the connection. */
  if (f->stream != NULL)
    g_input_stream_close_async (f->stream, G_PRIORITY_DEFAULT, NULL, NULL, NULL);
  g_clear_object (&f->stream);
  if (f->soup_stream != NULL)
    g_input_stream_close_async (f->soup_stream, G_PRIORITY_DEFAULT, NULL, NULL, NULL);
  g_clear_object (&f->soup_stream);
  g_clear_object (&f->chunk_decoder);
}

void
_wd_fetch_clear_source (GSource **source)
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
  _wd_fetch_close_stream (f);
  _wd_fetch_clear_source (&f->deadline_source);
  _wd_fetch_clear_source (&f->connect_source);
  _wd_fetch_clear_source (&f->wait_source);
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

char *
_wd_fetch_seconds_text (double seconds)
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
    last->body = _wd_tee_converter_get_bytes (WD_TEE_CONVERTER (f->tee), &overflow);
  else if (body != NULL)
    last->body = g_bytes_ref (body);
  else
    return;
  last->truncated = overflow ? "length" : f->cut;
}

/* Keeps what of a redirect's or retried answer's body came with its head,
 * without waiting for more: that answer's body is not worth a second of
 * the deadline. */
void
_wd_fetch_keep_hop_body (Fetch *f)
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

void
_wd_fetch_finish_task (GTask *task)
{
  Fetch *f = g_task_get_task_data (task);
  g_autoptr(GBytes) body = NULL;

  _wd_fetch_close_stream (f);
  _wd_fetch_clear_source (&f->deadline_source);
  _wd_fetch_clear_source (&f->connect_source);
  _wd_fetch_clear_source (&f->wait_source);

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

void
_wd_fetch_fail (GTask         *task,
                WdCheckStatus  status,
                char          *detail)
{
  Fetch *f = g_task_get_task_data (task);

  f->response->failure = status;
  g_free (f->response->detail);
  f->response->detail = detail;
  if (!f->capture)
    g_clear_pointer (&f->body, g_byte_array_unref);
  _wd_fetch_finish_task (task);
}

void
_wd_fetch_fail_timeout (GTask *task)
{
  Fetch *f = g_task_get_task_data (task);
  g_autofree char *seconds = _wd_fetch_seconds_text (f->timeout_s);

  if (f->phase == PHASE_BODY)
    _wd_fetch_fail (task, WD_CHECK_STATUS_TIMEOUT,
                    g_strdup_printf (_("the page was still arriving after %s s"), seconds));
  else
    _wd_fetch_fail (task, WD_CHECK_STATUS_TIMEOUT,
                    g_strdup_printf (_("no answer within %s s"), seconds));
}

/* What a failed exchange means for the editor. */
void
_wd_fetch_fail_with_error (GTask        *task,
                           const GError *error)
{
  Fetch *f = g_task_get_task_data (task);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) ||
      g_error_matches (error, G_IO_ERROR, G_IO_ERROR_TIMED_OUT))
    {
      g_autofree char *seconds = _wd_fetch_seconds_text (connect_timeout_s (f));

      if (g_cancellable_is_cancelled (f->parent))
        _wd_fetch_finish_task (task);
      else if (f->abort_status != WD_CHECK_STATUS_UNCHECKED)
        _wd_fetch_fail (task, f->abort_status, g_steal_pointer (&f->abort_detail));
      else if (f->connect_timed_out)
        _wd_fetch_fail (task, WD_CHECK_STATUS_UNREACHABLE,
                        g_strdup_printf (_("could not connect within %s s"), seconds));
      else
        _wd_fetch_fail_timeout (task);
    }
  else if (error->domain == G_RESOLVER_ERROR)
    _wd_fetch_fail (task, WD_CHECK_STATUS_UNREACHABLE,
                    g_strdup_printf (_("DNS lookup failed: %s"), error->message));
  else if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CONNECTION_REFUSED))
    _wd_fetch_fail (task, WD_CHECK_STATUS_UNREACHABLE, g_strdup (_("connection refused")));
  else if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CONNECTION_CLOSED) ||
           g_error_matches (error, G_IO_ERROR, G_IO_ERROR_BROKEN_PIPE))
    _wd_fetch_fail (task, WD_CHECK_STATUS_UNREACHABLE, g_strdup (_("connection reset by the server")));
  else if (error->domain == G_TLS_ERROR)
    _wd_fetch_fail (task, WD_CHECK_STATUS_UNREACHABLE, _wd_tls_describe_error (f->msg, error));
  else if (error->domain == SOUP_SESSION_ERROR ||
           g_error_matches (error, G_IO_ERROR, G_IO_ERROR_PARTIAL_INPUT))
    _wd_fetch_fail (task, WD_CHECK_STATUS_SERVER_ERROR,
                    g_strdup_printf (_("malformed response: %s"), error->message));
  else
    _wd_fetch_fail (task, WD_CHECK_STATUS_UNREACHABLE, g_strdup (error->message));
}

/* Stops the exchange under way with a verdict of ours. libsoup lets a
 * signal handler cancel the message it is reading. */
void
_wd_fetch_abort (Fetch         *f,
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
      g_autofree char *seconds = _wd_fetch_seconds_text (f->timeout_s);

      _wd_fetch_abort (f, WD_CHECK_STATUS_TIMEOUT,
                       g_strdup_printf (_("no answer within %s s"), seconds));
    }
  else if (f->informational > MAX_INFORMATIONAL)
    _wd_fetch_abort (f, WD_CHECK_STATUS_SERVER_ERROR,
                     g_strdup_printf (_("malformed response: more than %d interim (1xx) answers "
                                        "before the page"), MAX_INFORMATIONAL));
}

/* libsoup writes the request line with the message's version of that
 * moment; the answer may change it afterwards. */
static void
on_wrote_headers (SoupMessage *msg,
                  gpointer     data)
{
  Fetch *f = data;

  f->sent_version = soup_message_get_http_version (msg);
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

/* Only a new connection reports these: a kept-alive one goes unwatched. */
static void
on_network_event (SoupMessage        *msg,
                  GSocketClientEvent  event,
                  GIOStream          *connection,
                  gpointer            data)
{
  Fetch *f = data;

  if (event == G_SOCKET_CLIENT_CONNECTED)
    _wd_fetch_check_connected_address (f, connection);

  if (event == G_SOCKET_CLIENT_RESOLVING && f->connect_source == NULL)
    {
      f->connect_source = g_timeout_source_new ((guint) (connect_timeout_s (f) * 1000));
      g_source_set_callback (f->connect_source, on_connect_timeout, f, NULL);
      g_source_set_static_name (f->connect_source, "[wiredesk] connect timeout");
      g_source_attach (f->connect_source, f->context);
    }
  else if (event == G_SOCKET_CLIENT_COMPLETE)
    _wd_fetch_clear_source (&f->connect_source);
}

/* GnuTLS accepted the certificate; its key may still be too weak. This
 * runs before the request is written, on new and reused connections. */
static void
on_peer_certificate (SoupMessage *msg,
                     GParamSpec  *pspec,
                     gpointer     data)
{
  char *detail = _wd_tls_check_message (msg);

  if (detail != NULL)
    _wd_fetch_abort (data, WD_CHECK_STATUS_UNREACHABLE, detail);
}

static void
on_parent_cancelled (GCancellable *parent,
                     gpointer      data)
{
  g_cancellable_cancel (G_CANCELLABLE (data));
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
  const char *media_type;
  guint status;

  f->stream = soup_session_send_finish (SOUP_SESSION (object), result, &error);
  if (f->stream == NULL)
    {
      _wd_fetch_fail_with_error (task, error);
      return;
    }

  status = soup_message_get_status (f->msg);
  f->response->http_status = status;
  record_exchange (f);

  if (status < 100 || status > 599)
    {
      _wd_fetch_fail (task, WD_CHECK_STATUS_SERVER_ERROR,
                      g_strdup_printf (_("malformed response: status %u"), status));
      return;
    }

  if (_wd_fetch_is_redirect (status))
    {
      _wd_fetch_follow_redirect (task);
      return;
    }

  if (_wd_fetch_maybe_retry (task, status))
    return;

  media_type = soup_message_headers_get_content_type (soup_message_get_response_headers (f->msg),
                                                      &params);
  g_free (f->response->media_type);
  f->response->media_type = media_type != NULL ? g_ascii_strdown (media_type, -1) : NULL;
  g_free (f->response->charset);
  f->response->charset = g_strdup (params != NULL ? g_hash_table_lookup (params, "charset") : NULL);

  if (!SOUP_STATUS_IS_SUCCESSFUL (status) || !_wd_fetch_wants_body (f->response->media_type))
    {
      _wd_fetch_read_for_capture (task);
      return;
    }

  _wd_fetch_read_body (task);
}

void
_wd_fetch_start_request (GTask *task)
{
  Fetch *f = g_task_get_task_data (task);
  SoupMessageHeaders *headers;

  clear_message (f);
  f->msg = soup_message_new_from_uri (SOUP_METHOD_GET, f->uri);
  soup_message_add_flags (f->msg, SOUP_MESSAGE_NO_REDIRECT);
  g_signal_connect (f->msg, "network-event", G_CALLBACK (on_network_event), f);
  g_signal_connect (f->msg, "got-informational", G_CALLBACK (on_got_informational), f);
  g_signal_connect (f->msg, "wrote-headers", G_CALLBACK (on_wrote_headers), f);
  f->sent_version = soup_message_get_http_version (f->msg);
  g_signal_connect (f->msg, "notify::tls-peer-certificate", G_CALLBACK (on_peer_certificate), f);
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
      _wd_fetch_fail (task, WD_CHECK_STATUS_INVALID, g_strdup (error->message));
      return;
    }
  g_hash_table_add (f->visited, _wd_fetch_uri_key (f->uri));
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

  _wd_fetch_start_request (task);
}

WdFetchResponse *
_wd_fetch_finish (GAsyncResult  *result,
                  GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == _wd_fetch_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

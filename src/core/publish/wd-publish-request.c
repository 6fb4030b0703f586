#define G_LOG_DOMAIN "wd-publish-request"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <libsoup/soup.h>
#include <string.h>

#include "wd-publish-profile-private.h"
#include "wd-publish-request-private.h"
#include "wd-tls-private.h"
#include "wd-util-private.h"

/* The request engine: sends the request in p->method, p->request_url,
 * p->body with the headers every profile sends, reads the answer up to
 * MAX_ANSWER_BYTES, retries network failures, 5xx and 429 with backoff
 * (honouring a bounded Retry-After), turns 401/403 and (unless the profile
 * reads them) redirects into final errors, and hands every other answer to
 * the profile's WdPublishAnswerFunc. */

#define MAX_ANSWER_BYTES (1024 * 1024)
#define READ_CHUNK 16384

static void send_request (GTask *task);

void
_wd_publish_request_clear (Publish *p)
{
  if (p->wait_source != NULL)
    {
      g_source_destroy (p->wait_source);
      g_clear_pointer (&p->wait_source, g_source_unref);
    }
  if (p->cancel_source != NULL)
    {
      g_source_destroy (p->cancel_source);
      g_clear_pointer (&p->cancel_source, g_source_unref);
    }
}

char *
_wd_publish_with_answer_message (GTask      *task,
                                 const char *base)
{
  Publish *p = g_task_get_task_data (task);
  g_autoptr(GBytes) answer = NULL;
  g_autofree char *message = NULL;

  if (p->answer == NULL || p->answer->len == 0)
    return g_strdup (base);

  answer = g_bytes_new (p->answer->data, p->answer->len);
  message = _wd_publish_answer_message (answer);
  if (message == NULL)
    return g_strdup (base);

  return g_strdup_printf ("%s: %s", base, message);
}

static gboolean
on_wait_over (gpointer user_data)
{
  GTask *task = user_data;
  Publish *p = g_task_get_task_data (task);

  _wd_publish_request_clear (p);
  send_request (task);  /* keeps the task's reference */

  return G_SOURCE_REMOVE;
}

static gboolean
on_wait_cancelled (GCancellable *cancellable,
                   gpointer      user_data)
{
  GTask *task = user_data;
  Publish *p = g_task_get_task_data (task);

  _wd_publish_request_clear (p);
  g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_CANCELLED, _("Publishing was cancelled"));
  g_object_unref (task);

  return G_SOURCE_REMOVE;
}

/* Retries after a backoff, or fails with @code and @what once the
 * attempts are spent. @retry_after_ms: what the CMS asked for, or 0. */
static void
retry_or_fail (GTask      *task,
               int         code,
               const char *what,
               guint       retry_after_ms)
{
  Publish *p = g_task_get_task_data (task);
  guint delay;

  if (p->attempt >= p->max_attempts)
    {
      g_autofree char *message = NULL;

      if (p->max_attempts == 1)
        message = g_strdup (what);
      else
        message = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s (%u attempt)", "%s (%u attempts)",
                                                p->max_attempts),
                                   what, p->max_attempts);
      _wd_publish_fail (task, code, message);
      return;
    }

  delay = p->retry_delay << MIN (p->attempt - 1, 10);
  if (retry_after_ms > delay)
    delay = retry_after_ms;
  delay = MIN (delay, MAX_RETRY_WAIT_MS);

  /* G_MESSAGES_DEBUG=all output is pasted into bug reports, and the
   * dialog shows the reason: both only ever see the redacted text. */
  {
    g_autofree char *redacted = _wd_publish_redact (what, p->credential);

    g_debug ("attempt %u failed (%s); next in %u ms", p->attempt, redacted, delay);
    _wd_publisher_emit_retrying (g_task_get_source_object (task), p->attempt, p->max_attempts,
                                 delay, redacted);
  }

  /* The task's reference passes to whichever source fires first. */
  p->wait_source = g_timeout_source_new (delay);
  g_source_set_callback (p->wait_source, on_wait_over, task, NULL);
  g_source_attach (p->wait_source, g_task_get_context (task));

  if (g_task_get_cancellable (task) != NULL)
    {
      p->cancel_source = g_cancellable_source_new (g_task_get_cancellable (task));
      g_source_set_callback (p->cancel_source, G_SOURCE_FUNC (on_wait_cancelled), task, NULL);
      g_source_attach (p->cancel_source, g_task_get_context (task));
    }
}

static guint
retry_after_ms (SoupMessage *message)
{
  const char *value = soup_message_headers_get_one (soup_message_get_response_headers (message),
                                                    "Retry-After");
  guint64 seconds;

  if (value == NULL || !g_ascii_string_to_unsigned (value, 10, 0, MAX_RETRY_WAIT_MS / 1000,
                                                    &seconds, NULL))
    return 0;

  return (guint) seconds * 1000;
}

void
_wd_publish_fail_redirect (GTask *task)
{
  Publish *p = g_task_get_task_data (task);
  guint status = soup_message_get_status (p->message);
  const char *location = soup_message_headers_get_one (soup_message_get_response_headers (p->message),
                                                       "Location");
  g_autofree char *message =
    g_strdup_printf (_("%s redirects to %s (HTTP %u); publish to that address instead"),
                     p->request_url, location != NULL ? location : "?", status);

  _wd_publish_fail (task, WD_PUBLISH_ERROR_REJECTED, message);
}

/* What holds for any answer of any profile: retries, refused credentials,
 * redirects (but WordPress's: on a site without pretty permalinks,
 * /wp-json/… redirects, and the REST API is at ?rest_route=). The rest is
 * the profile's. */
static void
handle_answer (GTask *task)
{
  Publish *p = g_task_get_task_data (task);
  guint status = soup_message_get_status (p->message);
  const char *phrase = soup_status_get_phrase (status);
  g_autofree char *base = NULL;
  g_autofree char *message = NULL;

  if (phrase == NULL)
    phrase = "";

  if (status == 429 /* Too Many Requests */ || SOUP_STATUS_IS_SERVER_ERROR (status))
    {
      base = g_strdup_printf (_("%s failed (HTTP %u %s)"), p->request_url, status, phrase);
      message = _wd_publish_with_answer_message (task, base);
      retry_or_fail (task, WD_PUBLISH_ERROR_SERVER, message, retry_after_ms (p->message));
    }
  else if (status == SOUP_STATUS_UNAUTHORIZED || status == SOUP_STATUS_FORBIDDEN)
    {
      base = g_strdup_printf (_("%s refused the credentials (HTTP %u %s)"),
                              p->request_url, status, phrase);
      message = _wd_publish_with_answer_message (task, base);
      const char *hint = _wd_publish_profile_info (p->profile)->plain_http_hint;

      if (hint != NULL && g_str_has_prefix (p->endpoint, "http:"))
        {
          g_autofree char *hinted = NULL;

          if (g_str_has_suffix (message, "."))
            message[strlen (message) - 1] = '\0';
          hinted = g_strdup_printf ("%s (%s)", message, _(hint));
          g_free (message);
          message = g_steal_pointer (&hinted);
        }
      _wd_publish_fail (task, WD_PUBLISH_ERROR_UNAUTHORIZED, message);
    }
  else if (SOUP_STATUS_IS_REDIRECTION (status) && !_wd_publish_profile_info (p->profile)->handles_redirects)
    _wd_publish_fail_redirect (task);
  else
    p->on_answer (task);
}

/* ------------------------------------------------- one attempt's TLS guard */

/* Each attempt has a cancellable of its own, child of the task's, so that
 * a certificate refused after GnuTLS's verification stops the request
 * before it is written (the Authorization header with it), without
 * cancelling the caller's cancellable. It lives as long as the message. */
typedef struct
{
  GCancellable *cancellable;
  GCancellable *parent;
  gulong        parent_handler;
  char         *tls_refusal;   /* why the certificate was refused */
} Attempt;

static void
attempt_free (Attempt *attempt)
{
  if (attempt->parent_handler != 0)
    g_cancellable_disconnect (attempt->parent, attempt->parent_handler);
  g_clear_object (&attempt->parent);
  g_clear_object (&attempt->cancellable);
  g_free (attempt->tls_refusal);
  g_free (attempt);
}

static void
on_parent_cancelled (GCancellable *parent,
                     gpointer      data)
{
  g_cancellable_cancel (G_CANCELLABLE (data));
}

static Attempt *
get_attempt (Publish *p)
{
  return g_object_get_data (G_OBJECT (p->message), "wd-publish-attempt");
}

static GCancellable *
attach_attempt (GTask       *task,
                SoupMessage *message)
{
  Attempt *attempt = g_new0 (Attempt, 1);
  GCancellable *parent = g_task_get_cancellable (task);

  attempt->cancellable = g_cancellable_new ();
  if (parent != NULL)
    {
      attempt->parent = g_object_ref (parent);
      attempt->parent_handler = g_cancellable_connect (parent, G_CALLBACK (on_parent_cancelled),
                                                       g_object_ref (attempt->cancellable),
                                                       g_object_unref);
    }
  g_object_set_data_full (G_OBJECT (message), "wd-publish-attempt", attempt,
                          (GDestroyNotify) attempt_free);
  return attempt->cancellable;
}

/* libsoup sets the peer certificate before it writes the request. */
static void
on_peer_certificate (SoupMessage *message,
                     GParamSpec  *pspec,
                     gpointer     data)
{
  Attempt *attempt = data;
  char *refusal = _wd_tls_check_message (message);

  if (refusal == NULL || attempt->tls_refusal != NULL)
    {
      g_free (refusal);
      return;
    }
  attempt->tls_refusal = refusal;
  g_cancellable_cancel (attempt->cancellable);
}

/* --------------------------------------------------------------- the answer */

static void read_more (GTask *task);

static void
on_read (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  GTask *task = user_data;
  Publish *p = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) chunk = g_input_stream_read_bytes_finish (G_INPUT_STREAM (object), result, &error);

  if (chunk == NULL)
    {
      g_autofree char *what = NULL;

      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          g_task_return_error (task, g_steal_pointer (&error));
          g_object_unref (task);
          return;
        }

      what = g_strdup_printf (_("the answer from %s broke off: %s"), p->request_url, error->message);
      retry_or_fail (task, WD_PUBLISH_ERROR_NETWORK, what, 0);
      return;
    }

  if (g_bytes_get_size (chunk) == 0)
    {
      g_input_stream_close_async (p->stream, G_PRIORITY_DEFAULT, NULL, NULL, NULL);
      handle_answer (task);
      return;
    }

  if (p->answer->len + g_bytes_get_size (chunk) > MAX_ANSWER_BYTES)
    {
      g_autofree char *message =
        g_strdup_printf (_("the answer from %s is larger than %d KiB; not a CMS answer"),
                         p->request_url, MAX_ANSWER_BYTES / 1024);

      g_input_stream_close_async (p->stream, G_PRIORITY_DEFAULT, NULL, NULL, NULL);
      _wd_publish_fail (task, WD_PUBLISH_ERROR_RESPONSE, message);
      return;
    }

  g_byte_array_append (p->answer, g_bytes_get_data (chunk, NULL), g_bytes_get_size (chunk));
  read_more (task);
}

static void
read_more (GTask *task)
{
  Publish *p = g_task_get_task_data (task);

  g_input_stream_read_bytes_async (p->stream, READ_CHUNK, G_PRIORITY_DEFAULT,
                                   get_attempt (p)->cancellable, on_read, task);
}

static void
on_sent (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  GTask *task = user_data;
  Publish *p = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;

  p->stream = soup_session_send_finish (SOUP_SESSION (object), result, &error);
  if (p->stream == NULL)
    {
      const char *refusal = get_attempt (p)->tls_refusal;
      g_autofree char *what = NULL;

      if (refusal != NULL)
        {
          /* Nothing was sent; another attempt would meet the same key. */
          what = g_strdup_printf (_("could not reach %s: %s"), p->request_url, refusal);
          _wd_publish_fail (task, WD_PUBLISH_ERROR_NETWORK, what);
          return;
        }

      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          g_task_return_error (task, g_steal_pointer (&error));
          g_object_unref (task);
          return;
        }

      if (error->domain == G_TLS_ERROR)
        {
          /* Which check failed; retrying would not change the certificate. */
          g_autofree char *tls = _wd_tls_describe_error (p->message, error);

          what = g_strdup_printf (_("could not reach %s: %s"), p->request_url, tls);
          _wd_publish_fail (task, WD_PUBLISH_ERROR_NETWORK, what);
          return;
        }

      what = g_strdup_printf (_("could not reach %s: %s"), p->request_url, error->message);
      retry_or_fail (task, WD_PUBLISH_ERROR_NETWORK, what, 0);
      return;
    }

  read_more (task);
}

/* One attempt of the request in p->method, p->request_url, p->body. */
static void
send_request (GTask *task)
{
  Publish *p = g_task_get_task_data (task);
  WdPublisher *self = g_task_get_source_object (task);
  g_autofree char *authorization = _wd_publish_authorization (p->profile, p->credential);
  g_autofree char *revision = g_strdup_printf ("%u", wd_article_get_revision (p->article));
  SoupMessageHeaders *headers;
  GCancellable *cancellable;

  p->attempt++;
  g_clear_object (&p->message);
  g_clear_object (&p->stream);
  g_clear_pointer (&p->answer, g_byte_array_unref);
  p->answer = g_byte_array_new ();

  p->message = soup_message_new (p->method, p->request_url);
  g_assert (p->message != NULL);  /* made from the normalised endpoint */

  soup_message_add_flags (p->message, SOUP_MESSAGE_NO_REDIRECT);
  cancellable = attach_attempt (task, p->message);
  g_signal_connect (p->message, "notify::tls-peer-certificate", G_CALLBACK (on_peer_certificate),
                    get_attempt (p));
  if (p->body != NULL)
    soup_message_set_request_body_from_bytes (p->message, _wd_publish_content_type (p->profile), p->body);

  headers = soup_message_get_request_headers (p->message);
  soup_message_headers_replace (headers, "Accept", "application/json");
  soup_message_headers_replace (headers, "Authorization", authorization);
  soup_message_headers_replace (headers, "X-Wiredesk-Article-Id", p->article_id);
  soup_message_headers_replace (headers, "X-Wiredesk-Revision", revision);

  g_debug ("%s %s (attempt %u of %u)", p->method, p->request_url, p->attempt, p->max_attempts);

  soup_session_send_async (_wd_publisher_get_session (self), p->message, G_PRIORITY_DEFAULT,
                           cancellable, on_sent, task);
}

void
_wd_publish_send (GTask               *task,
                  const char          *method,
                  const char          *url,
                  GBytes              *body,
                  WdPublishAnswerFunc  on_answer)
{
  Publish *p = g_task_get_task_data (task);

  g_assert (g_uri_is_valid (url, G_URI_FLAGS_ENCODED, NULL));

  _wd_set_str (&p->method, method);
  _wd_set_str (&p->request_url, url);
  g_clear_pointer (&p->body, g_bytes_unref);
  p->body = body != NULL ? g_bytes_ref (body) : NULL;
  p->on_answer = on_answer;
  p->attempt = 0;

  send_request (task);
}

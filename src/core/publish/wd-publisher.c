#define G_LOG_DOMAIN "wd-publisher"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <libsoup/soup.h>
#include <string.h>

#include "wd-credentials.h"
#include "wd-export.h"
#include "wd-publish-profile-private.h"
#include "wd-publish-request-private.h"
#include "wd-publisher-private.h"
#include "wd-url.h"
#include "wd-util-private.h"


G_DEFINE_QUARK (wd-publish-error-quark, wd_publish_error)

struct _WdPublisher
{
  GObject      parent_instance;

  SoupSession *session;
  guint        timeout;
  guint        max_attempts;
  guint        retry_delay;
};

G_DEFINE_FINAL_TYPE (WdPublisher, wd_publisher, G_TYPE_OBJECT)

enum {
  RETRYING,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

enum {
  PROP_0,
  PROP_TIMEOUT,
  PROP_MAX_ATTEMPTS,
  PROP_RETRY_DELAY,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* ------------------------------------------------------------- one publish */

static void
publish_free (Publish *p)
{
  _wd_publish_request_clear (p);
  g_clear_object (&p->article);
  g_free (p->endpoint);
  wd_credentials_free_secret (p->credential);
  g_free (p->article_id);
  g_free (p->known_id);
  g_free (p->known_url);
  if (p->profile_data_free != NULL)
    g_clear_pointer (&p->profile_data, p->profile_data_free);
  g_free (p->method);
  g_free (p->request_url);
  g_clear_pointer (&p->body, g_bytes_unref);
  g_clear_object (&p->message);
  g_clear_object (&p->stream);
  g_clear_pointer (&p->answer, g_byte_array_unref);
  g_free (p);
}

/* Every error message of a publish passes here. */
void
_wd_publish_fail (GTask          *task,
                  WdPublishError  code,
                  const char     *message)
{
  Publish *p = g_task_get_task_data (task);
  g_autofree char *redacted = _wd_publish_redact (message, p->credential);

  g_task_return_new_error (task, WD_PUBLISH_ERROR, code, "%s", redacted);
  g_object_unref (task);
}

void
_wd_publish_done (GTask            *task,
                  const char       *remote_id,
                  const char       *url,
                  WdPublishOutcome  outcome)
{
  Publish *p = g_task_get_task_data (task);
  g_autofree char *now = _wd_now_iso8601 ();
  g_autoptr(WdPublication) publication = NULL;

  /* A CMS that echoes the credential as the item's id or address would
   * have it written into the document (and every later export). */
  if (_wd_publish_mentions_secret (remote_id, p->credential) ||
      _wd_publish_mentions_secret (url, p->credential))
    {
      _wd_publish_fail (task, WD_PUBLISH_ERROR_RESPONSE,
                        _("the CMS took the article but answered with the credential as its id "
                          "or address; Wiredesk did not store that answer: check the item in "
                          "the CMS and change the credential"));
      return;
    }

  publication = wd_publication_new (p->endpoint, remote_id, url, now);
  p->outcome = outcome;
  wd_article_set_publication (p->article, publication);

  g_task_return_pointer (task, g_steal_pointer (&publication), g_object_unref);
  g_object_unref (task);
}

guint
_wd_publish_get_status (GTask *task)
{
  Publish *p = g_task_get_task_data (task);

  return soup_message_get_status (p->message);
}

GBytes *
_wd_publish_dup_answer (GTask *task)
{
  Publish *p = g_task_get_task_data (task);

  return g_bytes_new (p->answer->data, p->answer->len);
}

SoupMessageHeaders *
_wd_publish_get_headers (GTask *task)
{
  Publish *p = g_task_get_task_data (task);

  return soup_message_get_response_headers (p->message);
}

const char *
_wd_publish_get_request_url (GTask *task)
{
  return ((Publish *) g_task_get_task_data (task))->request_url;
}

const char *
_wd_publish_get_endpoint (GTask *task)
{
  return ((Publish *) g_task_get_task_data (task))->endpoint;
}

const char *
_wd_publish_get_article_id (GTask *task)
{
  return ((Publish *) g_task_get_task_data (task))->article_id;
}

const char *
_wd_publish_get_known_id (GTask *task)
{
  return ((Publish *) g_task_get_task_data (task))->known_id;
}

const char *
_wd_publish_get_known_url (GTask *task)
{
  return ((Publish *) g_task_get_task_data (task))->known_url;
}

gpointer
_wd_publish_get_profile_data (GTask *task)
{
  return ((Publish *) g_task_get_task_data (task))->profile_data;
}

/* The credential travels in a header anyone on the way can read over
 * plain http: only this computer (a development CMS) may have it so. */
static gboolean
refuse_plain_http (const char  *endpoint,
                   GError     **error)
{
  g_autoptr(GUri) uri = g_uri_parse (endpoint, G_URI_FLAGS_ENCODED, NULL);
  g_autoptr(GInetAddress) address = NULL;
  const char *host;

  if (uri == NULL || g_ascii_strcasecmp (g_uri_get_scheme (uri), "http") != 0)
    return TRUE;

  host = g_uri_get_host (uri);
  address = g_inet_address_new_from_string (host);
  if ((address != NULL && g_inet_address_get_is_loopback (address)) ||
      g_ascii_strcasecmp (host, "localhost") == 0)
    return TRUE;

  g_set_error (error, WD_PUBLISH_ERROR, WD_PUBLISH_ERROR_INVALID_ENDPOINT,
               _("will not send the CMS credential over plain http to %s: anyone on the network "
                 "could read it; use the https address (plain http is allowed only for this "
                 "computer, for development)"), host);
  return FALSE;
}

void
wd_publisher_publish_async (WdPublisher         *self,
                            WdArticle           *article,
                            const char          *endpoint,
                            WdPublishProfile     profile,
                            const char          *credential,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *normalized = NULL;
  const WdPublishProfileInfo *info;
  WdPublication *known;
  Publish *p;

  g_return_if_fail (WD_IS_PUBLISHER (self));
  g_return_if_fail (WD_IS_ARTICLE (article));
  g_return_if_fail (endpoint != NULL);
  g_return_if_fail (profile < WD_PUBLISH_N_PROFILES);
  g_return_if_fail (credential != NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, wd_publisher_publish_async);

  p = g_new0 (Publish, 1);
  p->credential = g_strdup (credential);
  g_task_set_task_data (task, p, (GDestroyNotify) publish_free);

  normalized = wd_publish_normalize_endpoint (endpoint, &error);
  if (normalized == NULL || !refuse_plain_http (normalized, &error) ||
      !wd_export_check (article, NULL, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  info = _wd_publish_profile_info (profile);
  p->profile_data = info->new_data (profile, article, normalized, &error);
  p->profile_data_free = info->free_data;
  if (p->profile_data == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  p->article = g_object_ref (article);
  p->endpoint = g_steal_pointer (&normalized);
  p->profile = profile;
  p->article_id = g_strdup (wd_article_get_id (article));
  p->max_attempts = self->max_attempts;
  p->retry_delay = self->retry_delay;

  known = wd_article_find_publication (article, p->endpoint);
  if (known != NULL)
    {
      p->known_id = g_strdup (wd_publication_get_remote_id (known));
      p->known_url = g_strdup (wd_publication_get_url (known));
    }

  info->start (g_steal_pointer (&task));
}

WdPublication *
wd_publisher_publish_finish (WdPublisher       *self,
                             GAsyncResult      *result,
                             WdPublishOutcome  *outcome,
                             GError           **error)
{
  WdPublication *publication;

  g_return_val_if_fail (WD_IS_PUBLISHER (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == wd_publisher_publish_async, NULL);

  publication = g_task_propagate_pointer (G_TASK (result), error);
  if (publication != NULL && outcome != NULL)
    *outcome = ((Publish *) g_task_get_task_data (G_TASK (result)))->outcome;

  return publication;
}

/* -------------------------------------------------------------- the object */

static void
wd_publisher_dispose (GObject *object)
{
  WdPublisher *self = (WdPublisher *)object;

  g_clear_object (&self->session);

  G_OBJECT_CLASS (wd_publisher_parent_class)->dispose (object);
}

static void
wd_publisher_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  WdPublisher *self = WD_PUBLISHER (object);

  switch (prop_id)
    {
    case PROP_TIMEOUT:
      g_value_set_uint (value, self->timeout);
      break;
    case PROP_MAX_ATTEMPTS:
      g_value_set_uint (value, self->max_attempts);
      break;
    case PROP_RETRY_DELAY:
      g_value_set_uint (value, self->retry_delay);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
wd_publisher_set_property (GObject      *object,
                           guint         prop_id,
                           const GValue *value,
                           GParamSpec   *pspec)
{
  WdPublisher *self = WD_PUBLISHER (object);

  switch (prop_id)
    {
    case PROP_TIMEOUT:
      wd_publisher_set_timeout (self, g_value_get_uint (value));
      break;
    case PROP_MAX_ATTEMPTS:
      wd_publisher_set_max_attempts (self, g_value_get_uint (value));
      break;
    case PROP_RETRY_DELAY:
      wd_publisher_set_retry_delay (self, g_value_get_uint (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

void
_wd_publisher_emit_retrying (WdPublisher *self,
                             guint        attempt,
                             guint        max_attempts,
                             guint        delay_ms,
                             const char  *reason)
{
  g_signal_emit (self, signals[RETRYING], 0, attempt, max_attempts, delay_ms, reason);
}

static void
wd_publisher_class_init (WdPublisherClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  const GParamFlags rw = G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->dispose = wd_publisher_dispose;
  object_class->get_property = wd_publisher_get_property;
  object_class->set_property = wd_publisher_set_property;

  properties[PROP_TIMEOUT] =
    g_param_spec_uint ("timeout", NULL, NULL,
                       WD_PUBLISHER_MIN_TIMEOUT, WD_PUBLISHER_MAX_TIMEOUT, WD_PUBLISHER_DEFAULT_TIMEOUT, rw);
  properties[PROP_MAX_ATTEMPTS] =
    g_param_spec_uint ("max-attempts", NULL, NULL,
                       WD_PUBLISHER_MIN_ATTEMPTS, WD_PUBLISHER_MAX_ATTEMPTS, WD_PUBLISHER_DEFAULT_MAX_ATTEMPTS, rw);
  properties[PROP_RETRY_DELAY] = g_param_spec_uint ("retry-delay", NULL, NULL, 1, MAX_RETRY_WAIT_MS, 1000, rw);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * WdPublisher::retrying:
   * @attempt: the attempt that failed (1-based)
   * @max_attempts: how many there will be at most
   * @delay_ms: the wait before the next one
   * @what: why it failed, for people
   *
   * Emitted, in the publish's main context, when an attempt failed and
   * another follows after @delay_ms.
   */
  signals[RETRYING] =
    g_signal_new ("retrying",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 4, G_TYPE_UINT, G_TYPE_UINT, G_TYPE_UINT, G_TYPE_STRING);
}

static void
wd_publisher_init (WdPublisher *self)
{
  g_autofree char *user_agent = g_strdup_printf ("Wiredesk/%s", PACKAGE_VERSION);

  self->timeout = WD_PUBLISHER_DEFAULT_TIMEOUT;
  self->max_attempts = WD_PUBLISHER_DEFAULT_MAX_ATTEMPTS;
  self->retry_delay = 1000;
  self->session = soup_session_new_with_options ("user-agent", user_agent,
                                                 "timeout", self->timeout,
                                                 "idle-timeout", self->timeout,
                                                 NULL);
  /* The credential goes in our own Authorization header; a 401 is an
   * error to report, never a challenge to answer. */
  _wd_session_harden (self->session);
}

SoupSession *
_wd_publisher_get_session (WdPublisher *self)
{
  return self->session;
}

WdPublisher *
wd_publisher_new (void)
{
  return g_object_new (WD_TYPE_PUBLISHER, NULL);
}

guint
wd_publisher_get_timeout (WdPublisher *self)
{
  g_return_val_if_fail (WD_IS_PUBLISHER (self), 0);
  return self->timeout;
}

void
wd_publisher_set_timeout (WdPublisher *self,
                          guint        timeout)
{
  g_return_if_fail (WD_IS_PUBLISHER (self));
  g_return_if_fail (timeout >= WD_PUBLISHER_MIN_TIMEOUT && timeout <= WD_PUBLISHER_MAX_TIMEOUT);

  if (self->timeout == timeout)
    return;

  self->timeout = timeout;
  soup_session_set_timeout (self->session, timeout);
  soup_session_set_idle_timeout (self->session, timeout);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TIMEOUT]);
}

guint
wd_publisher_get_max_attempts (WdPublisher *self)
{
  g_return_val_if_fail (WD_IS_PUBLISHER (self), 0);
  return self->max_attempts;
}

void
wd_publisher_set_max_attempts (WdPublisher *self,
                               guint        max_attempts)
{
  g_return_if_fail (WD_IS_PUBLISHER (self));
  g_return_if_fail (max_attempts >= WD_PUBLISHER_MIN_ATTEMPTS && max_attempts <= WD_PUBLISHER_MAX_ATTEMPTS);

  if (self->max_attempts == max_attempts)
    return;

  self->max_attempts = max_attempts;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MAX_ATTEMPTS]);
}

guint
wd_publisher_get_retry_delay (WdPublisher *self)
{
  g_return_val_if_fail (WD_IS_PUBLISHER (self), 0);
  return self->retry_delay;
}

void
wd_publisher_set_retry_delay (WdPublisher *self,
                              guint        retry_delay)
{
  g_return_if_fail (WD_IS_PUBLISHER (self));
  g_return_if_fail (retry_delay >= 1 && retry_delay <= MAX_RETRY_WAIT_MS);

  if (self->retry_delay == retry_delay)
    return;

  self->retry_delay = retry_delay;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RETRY_DELAY]);
}

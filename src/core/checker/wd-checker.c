#define G_LOG_DOMAIN "wd-checker"

#include "config.h"

#include <libxml/parser.h>

#include "wd-checker-private.h"
#include "wd-util-private.h"

/* Idle kept-alive connections go after this many seconds. */
#define IDLE_TIMEOUT_S 10

struct _WdChecker
{
  GObject       parent_instance;

  guint         max_concurrency;
  guint         max_per_host;
  double        timeout;

  SoupSession  *session;
  GMainContext *context;
  GSource      *schedule_source;
  GQueue        pending;          /* WdCheckJob waiting for a slot */
  guint         n_active;
  GHashTable   *active_per_host;  /* host key → count (GUINT_TO_POINTER) */

  WdCheckerCaptureFunc capture_func;   /* the evidence recorder's */
  gpointer             capture_data;
  GDestroyNotify       capture_destroy;
};

G_DEFINE_FINAL_TYPE (WdChecker, wd_checker, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_MAX_CONCURRENCY,
  PROP_MAX_PER_HOST,
  PROP_TIMEOUT,
  N_PROPS
};

enum {
  RESULT,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

/* --------------------------------------------------------------- GObject */

static void
wd_checker_dispose (GObject *object)
{
  WdChecker *self = (WdChecker *)object;

  _wd_checker_set_capture_func (self, NULL, NULL, NULL);

  if (self->schedule_source != NULL)
    {
      g_source_destroy (self->schedule_source);
      g_clear_pointer (&self->schedule_source, g_source_unref);
    }
  g_clear_object (&self->session);

  G_OBJECT_CLASS (wd_checker_parent_class)->dispose (object);
}

static void
wd_checker_finalize (GObject *object)
{
  WdChecker *self = (WdChecker *)object;

  /* Every run holds the checker, so nothing can be queued any more. */
  g_assert (g_queue_is_empty (&self->pending));

  g_clear_pointer (&self->active_per_host, g_hash_table_unref);
  g_clear_pointer (&self->context, g_main_context_unref);

  G_OBJECT_CLASS (wd_checker_parent_class)->finalize (object);
}

static void
wd_checker_get_property (GObject    *object,
                         guint       prop_id,
                         GValue     *value,
                         GParamSpec *pspec)
{
  WdChecker *self = WD_CHECKER (object);

  switch (prop_id)
    {
    case PROP_MAX_CONCURRENCY:
      g_value_set_uint (value, self->max_concurrency);
      break;
    case PROP_MAX_PER_HOST:
      g_value_set_uint (value, self->max_per_host);
      break;
    case PROP_TIMEOUT:
      g_value_set_double (value, self->timeout);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
wd_checker_set_property (GObject      *object,
                         guint         prop_id,
                         const GValue *value,
                         GParamSpec   *pspec)
{
  WdChecker *self = WD_CHECKER (object);

  switch (prop_id)
    {
    case PROP_MAX_CONCURRENCY:
      wd_checker_set_max_concurrency (self, g_value_get_uint (value));
      break;
    case PROP_MAX_PER_HOST:
      wd_checker_set_max_per_host (self, g_value_get_uint (value));
      break;
    case PROP_TIMEOUT:
      wd_checker_set_timeout (self, g_value_get_double (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
wd_checker_class_init (WdCheckerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  const GParamFlags flags = G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->dispose = wd_checker_dispose;
  object_class->finalize = wd_checker_finalize;
  object_class->get_property = wd_checker_get_property;
  object_class->set_property = wd_checker_set_property;

  properties[PROP_MAX_CONCURRENCY] =
    g_param_spec_uint ("max-concurrency", NULL, NULL,
                       WD_CHECKER_MIN_CONCURRENCY, WD_CHECKER_MAX_CONCURRENCY,
                       WD_CHECKER_DEFAULT_CONCURRENCY, flags);
  properties[PROP_MAX_PER_HOST] =
    g_param_spec_uint ("max-per-host", NULL, NULL,
                       WD_CHECKER_MIN_PER_HOST, WD_CHECKER_MAX_PER_HOST,
                       WD_CHECKER_DEFAULT_PER_HOST, flags);
  properties[PROP_TIMEOUT] =
    g_param_spec_double ("timeout", NULL, NULL,
                         WD_CHECKER_MIN_TIMEOUT, WD_CHECKER_MAX_TIMEOUT,
                         WD_CHECKER_DEFAULT_TIMEOUT, flags);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * WdChecker::result:
   * @url: the URL as it was given (or the source's URL)
   * @source: (nullable): the source the result was stored in
   * @result: the verdict
   *
   * Emitted for every URL or source of a run as soon as its verdict is
   * known (and, for a source, stored in it).
   */
  signals[RESULT] =
    g_signal_new ("result", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 3, G_TYPE_STRING, WD_TYPE_SOURCE, WD_TYPE_CHECK_RESULT);

  /* libxml2 must be initialised once, on the main thread, before pages
   * are parsed on worker threads. */
  xmlInitParser ();
}

static void
wd_checker_init (WdChecker *self)
{
  self->max_concurrency = WD_CHECKER_DEFAULT_CONCURRENCY;
  self->max_per_host = WD_CHECKER_DEFAULT_PER_HOST;
  self->timeout = WD_CHECKER_DEFAULT_TIMEOUT;
  self->active_per_host = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_queue_init (&self->pending);
}

WdChecker *
wd_checker_new (void)
{
  return g_object_new (WD_TYPE_CHECKER, NULL);
}

guint
wd_checker_get_max_concurrency (WdChecker *self)
{
  g_return_val_if_fail (WD_IS_CHECKER (self), 0);
  return self->max_concurrency;
}

/* The session's connection limits are fixed when it is made: a new one
 * is made for the next check. Running checks keep the session they have. */
static void
set_limit (WdChecker  *self,
           guint      *limit,
           guint       value,
           GParamSpec *pspec)
{
  if (*limit == value)
    return;

  *limit = value;
  g_clear_object (&self->session);
  g_object_notify_by_pspec (G_OBJECT (self), pspec);
  if (self->context != NULL)
    _wd_checker_schedule (self);
}

void
wd_checker_set_max_concurrency (WdChecker *self,
                                guint      max_concurrency)
{
  g_return_if_fail (WD_IS_CHECKER (self));
  g_return_if_fail (max_concurrency >= WD_CHECKER_MIN_CONCURRENCY &&
                    max_concurrency <= WD_CHECKER_MAX_CONCURRENCY);

  set_limit (self, &self->max_concurrency, max_concurrency, properties[PROP_MAX_CONCURRENCY]);
}

guint
wd_checker_get_max_per_host (WdChecker *self)
{
  g_return_val_if_fail (WD_IS_CHECKER (self), 0);
  return self->max_per_host;
}

void
wd_checker_set_max_per_host (WdChecker *self,
                             guint      max_per_host)
{
  g_return_if_fail (WD_IS_CHECKER (self));
  g_return_if_fail (max_per_host >= WD_CHECKER_MIN_PER_HOST && max_per_host <= WD_CHECKER_MAX_PER_HOST);

  set_limit (self, &self->max_per_host, max_per_host, properties[PROP_MAX_PER_HOST]);
}

double
wd_checker_get_timeout (WdChecker *self)
{
  g_return_val_if_fail (WD_IS_CHECKER (self), 0.0);
  return self->timeout;
}

void
wd_checker_set_timeout (WdChecker *self,
                        double     timeout)
{
  g_return_if_fail (WD_IS_CHECKER (self));
  g_return_if_fail (timeout >= WD_CHECKER_MIN_TIMEOUT && timeout <= WD_CHECKER_MAX_TIMEOUT);

  if (self->timeout == timeout)
    return;

  self->timeout = timeout;
  g_clear_object (&self->session);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TIMEOUT]);
}

/* ------------------------------------------------------------ scheduling */

static SoupSession *
ensure_session (WdChecker *self)
{
  guint io_timeout;

  if (self->session != NULL)
    return self->session;

  /* libsoup's I/O timeout also bounds the wait for the headers: let the
   * deadline decide that. Connecting has its own, shorter timeout (see
   * wd-fetch.c). */
  io_timeout = (guint) self->timeout;
  if (io_timeout < self->timeout)
    io_timeout++;
  self->session = soup_session_new_with_options ("max-conns", self->max_concurrency,
                                                 "max-conns-per-host", self->max_per_host,
                                                 "timeout", io_timeout,
                                                 "idle-timeout", IDLE_TIMEOUT_S,
                                                 "user-agent", "Wiredesk/" PACKAGE_VERSION,
                                                 NULL);
  /* A 401 is a verdict, not a challenge; bodies are decoded by
   * wd-fetch.c; a check's cookies live in the check (see keep_cookies). */
  _wd_session_harden (self->session);

  return self->session;
}

static guint
active_on_host (WdChecker  *self,
                const char *host_key)
{
  return GPOINTER_TO_UINT (g_hash_table_lookup (self->active_per_host, host_key));
}

static void
set_active_on_host (WdChecker  *self,
                    const char *host_key,
                    guint       count)
{
  if (count == 0)
    g_hash_table_remove (self->active_per_host, host_key);
  else
    g_hash_table_insert (self->active_per_host, g_strdup (host_key), GUINT_TO_POINTER (count));
}

/* Starts queued jobs, oldest first, while the limits allow. */
static gboolean
schedule (gpointer data)
{
  WdChecker *self = data;
  GList *link = self->pending.head;

  g_clear_pointer (&self->schedule_source, g_source_unref);

  while (link != NULL && self->n_active < self->max_concurrency)
    {
      GList *next = link->next;
      WdCheckJob *job = link->data;

      if (job->url == NULL || active_on_host (self, job->host_key) < self->max_per_host)
        {
          g_queue_delete_link (&self->pending, link);
          if (job->url != NULL)
            {
              job->running = TRUE;
              self->n_active++;
              set_active_on_host (self, job->host_key, active_on_host (self, job->host_key) + 1);
            }
          _wd_check_job_start (job, ensure_session (self));
        }

      link = next;
    }

  return G_SOURCE_REMOVE;
}

void
_wd_checker_schedule (WdChecker *self)
{
  if (self->schedule_source != NULL)
    return;

  self->schedule_source = g_idle_source_new ();
  g_source_set_priority (self->schedule_source, G_PRIORITY_DEFAULT);
  g_source_set_callback (self->schedule_source, schedule, self, NULL);
  g_source_set_static_name (self->schedule_source, "[wiredesk] checker schedule");
  g_source_attach (self->schedule_source, self->context);
}

/* ---------------------------------------------- what runs ask of the checker */

char *
_wd_check_host_key (const char *url)
{
  g_autoptr(GUri) uri = g_uri_parse (url, SOUP_HTTP_URI_FLAGS, NULL);

  if (uri == NULL || g_uri_get_host (uri) == NULL)
    return g_strdup (url);

  return g_strdup_printf ("%s:%d", g_uri_get_host (uri), g_uri_get_port (uri));
}

void
_wd_check_job_release (WdCheckJob *job)
{
  WdChecker *self = job->run->checker;

  if (!job->running)
    return;

  job->running = FALSE;
  self->n_active--;
  set_active_on_host (self, job->host_key, active_on_host (self, job->host_key) - 1);
  _wd_checker_schedule (self);
}

void
_wd_checker_attach_to_thread (WdChecker *self)
{
  /* A checker lives on one thread: the one that first used it. */
  if (self->context == NULL)
    self->context = g_main_context_ref_thread_default ();
}

GMainContext *
_wd_checker_get_context (WdChecker *self)
{
  return self->context;
}

void
_wd_checker_queue_job (WdChecker  *self,
                       WdCheckJob *job,
                       gboolean    first)
{
  if (first)
    g_queue_push_head (&self->pending, job);
  else
    g_queue_push_tail (&self->pending, job);
}

GPtrArray *
_wd_checker_unqueue_run (WdChecker  *self,
                         WdCheckRun *run)
{
  GPtrArray *queued = g_ptr_array_new ();

  for (GList *link = self->pending.head; link != NULL; link = link->next)
    if (((WdCheckJob *) link->data)->run == run)
      g_ptr_array_add (queued, link->data);

  for (guint i = 0; i < queued->len; i++)
    g_queue_remove (&self->pending, g_ptr_array_index (queued, i));

  return queued;
}

void
_wd_checker_emit_result (WdChecker     *self,
                         const char    *input,
                         WdSource      *source,
                         WdCheckResult *result)
{
  g_signal_emit (self, signals[RESULT], 0, input, source, result);
}

/* ------------------------------------------------------------ capture */

void
_wd_checker_set_capture_func (WdChecker            *self,
                              WdCheckerCaptureFunc  func,
                              gpointer              data,
                              GDestroyNotify        destroy)
{
  if (self->capture_destroy != NULL)
    self->capture_destroy (self->capture_data);
  self->capture_func = func;
  self->capture_data = data;
  self->capture_destroy = destroy;
}

gboolean
_wd_checker_captures (WdChecker *self)
{
  return self->capture_func != NULL;
}

void
_wd_check_job_capture (WdCheckJob    *job,
                       const char    *text,
                       WdCheckResult *result)
{
  WdChecker *self = job->run->checker;
  WdSource *source = NULL;

  if (self->capture_func == NULL || job->response == NULL ||
      job->response->exchanges == NULL || g_cancellable_is_cancelled (job->run->cancellable))
    return;

  /* Sources of one URL share its capture: the first names it. */
  for (guint i = 0; i < job->items->len && source == NULL; i++)
    {
      guint at = g_array_index (job->items, guint, i);

      source = ((WdCheckItem *) g_ptr_array_index (job->run->items, at))->source;
    }

  self->capture_func (self, source, job->url, job->response, text, result, self->capture_data);
}

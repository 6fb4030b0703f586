#define G_LOG_DOMAIN "wd-checker"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <libxml/parser.h>

#include "wd-checker-private.h"
#include "wd-url.h"
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

static void schedule_soon (WdChecker *self);

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
    schedule_soon (self);
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

static void
schedule_soon (WdChecker *self)
{
  if (self->schedule_source != NULL)
    return;

  self->schedule_source = g_idle_source_new ();
  g_source_set_priority (self->schedule_source, G_PRIORITY_DEFAULT);
  g_source_set_callback (self->schedule_source, schedule, self, NULL);
  g_source_set_static_name (self->schedule_source, "[wiredesk] checker schedule");
  g_source_attach (self->schedule_source, self->context);
}

/* ------------------------------------------------------------------ runs */

static void
item_free (WdCheckItem *item)
{
  g_free (item->input);
  g_clear_object (&item->source);
  g_clear_object (&item->result);
  g_free (item);
}

static void
run_free (WdCheckRun *run)
{
  g_clear_pointer (&run->items, g_ptr_array_unref);
  g_clear_pointer (&run->jobs, g_ptr_array_unref);
  g_clear_pointer (&run->probe_jobs, g_ptr_array_unref);
  g_clear_pointer (&run->probes, g_hash_table_unref);
  g_clear_object (&run->cancellable);
  g_free (run);
}

static WdCheckRun *
run_new (WdChecker           *self,
         GCancellable        *cancellable,
         GAsyncReadyCallback  callback,
         gpointer             user_data,
         gpointer             source_tag)
{
  WdCheckRun *run = g_new0 (WdCheckRun, 1);

  run->checker = self;
  run->task = g_task_new (self, cancellable, callback, user_data);
  run->cancellable = cancellable != NULL ? g_object_ref (cancellable) : g_cancellable_new ();
  run->items = g_ptr_array_new_with_free_func ((GDestroyNotify) item_free);
  run->jobs = g_ptr_array_new_with_free_func ((GDestroyNotify) _wd_check_job_free);
  run->probe_jobs = g_ptr_array_new_with_free_func ((GDestroyNotify) _wd_check_job_free);
  run->probes = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                       (GDestroyNotify) _wd_host_probe_free);

  g_task_set_source_tag (run->task, source_tag);
  g_task_set_task_data (run->task, run, (GDestroyNotify) run_free);

  /* A checker lives on one thread: the one that first used it. */
  if (self->context == NULL)
    self->context = g_main_context_ref_thread_default ();

  return run;
}

char *
_wd_check_host_key (const char *url)
{
  g_autoptr(GUri) uri = g_uri_parse (url, SOUP_HTTP_URI_FLAGS, NULL);

  if (uri == NULL || g_uri_get_host (uri) == NULL)
    return g_strdup (url);

  return g_strdup_printf ("%s:%d", g_uri_get_host (uri), g_uri_get_port (uri));
}

static void
run_add (WdCheckRun *run,
         GHashTable *jobs_by_key,
         const char *input,
         WdSource   *source)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *url = wd_url_normalize (input, &error);
  const char *key = url != NULL ? url : input;
  WdCheckItem *item = g_new0 (WdCheckItem, 1);
  WdCheckJob *job = g_hash_table_lookup (jobs_by_key, key);
  guint position = run->items->len;

  if (job == NULL)
    {
      job = g_new0 (WdCheckJob, 1);
      job->run = run;
      job->timeout = run->checker->timeout;
      job->items = g_array_new (FALSE, FALSE, sizeof (guint));
      if (url != NULL)
        {
          job->host_key = _wd_check_host_key (url);
          job->url = g_strdup (url);
        }
      else
        job->invalid_detail = g_strdup (error->message);

      g_ptr_array_add (run->jobs, job);
      g_hash_table_insert (jobs_by_key, g_strdup (key), job);
    }

  item->input = g_strdup (input);
  item->source = source != NULL ? g_object_ref (source) : NULL;
  item->job = job;
  g_ptr_array_add (run->items, item);
  g_array_append_val (job->items, position);
}

static void
run_finish (WdCheckRun *run)
{
  GTask *task = run->task;

  if (run->cancel_source != NULL)
    {
      g_source_destroy (run->cancel_source);
      g_clear_pointer (&run->cancel_source, g_source_unref);
    }

  if (g_cancellable_is_cancelled (run->cancellable))
    g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_CANCELLED, _("The check was cancelled"));
  else
    {
      GPtrArray *results = g_ptr_array_new_with_free_func (g_object_unref);

      for (guint i = 0; i < run->items->len; i++)
        {
          WdCheckItem *item = g_ptr_array_index (run->items, i);
          g_ptr_array_add (results, item->result != NULL
                                      ? g_object_ref (item->result)
                                      : wd_check_result_new (WD_CHECK_STATUS_UNCHECKED));
        }
      g_task_return_pointer (task, results, (GDestroyNotify) g_ptr_array_unref);
    }

  g_object_unref (task);
}

static gboolean
on_run_cancelled (GCancellable *cancellable,
                  gpointer      data)
{
  WdCheckRun *run = data;
  g_autoptr(WdChecker) self = g_object_ref (run->checker);
  g_autoptr(GTask) task = g_object_ref (run->task);
  g_autoptr(GPtrArray) queued = g_ptr_array_new ();

  /* Jobs still queued end now; running ones end as their I/O is cancelled.
   * (Ending the last one finishes the run: the task keeps it alive here.) */
  for (GList *link = self->pending.head; link != NULL; link = link->next)
    if (((WdCheckJob *) link->data)->run == run)
      g_ptr_array_add (queued, link->data);

  for (guint i = 0; i < queued->len; i++)
    {
      WdCheckJob *job = g_ptr_array_index (queued, i);

      g_queue_remove (&self->pending, job);
      if (job->probe_for != NULL)
        _wd_host_probe_cancel (job->probe_for);
      else
        _wd_check_run_job_done (job, NULL);
    }

  return G_SOURCE_REMOVE;
}

static void
run_start (WdCheckRun *run)
{
  WdChecker *self = run->checker;

  if (run->jobs->len == 0)
    {
      run_finish (run);
      return;
    }

  run->n_unfinished = run->jobs->len;
  for (guint i = 0; i < run->jobs->len; i++)
    g_queue_push_tail (&self->pending, g_ptr_array_index (run->jobs, i));

  /* Dispatched here even when cancelled from another thread. */
  run->cancel_source = g_cancellable_source_new (run->cancellable);
  g_source_set_callback (run->cancel_source, G_SOURCE_FUNC (on_run_cancelled), run, NULL);
  g_source_set_static_name (run->cancel_source, "[wiredesk] check cancelled");
  g_source_attach (run->cancel_source, self->context);

  schedule_soon (self);
}

static void
store_in_source (WdSource      *source,
                 WdCheckResult *result)
{
  WdCheckStatus status = wd_check_result_get_status (result);

  wd_source_set_check (source, result);

  /* The page as the editor first saw it: set once, never moved. */
  if (wd_check_status_is_good (status) &&
      wd_source_get_baseline_title (source) == NULL &&
      wd_source_get_baseline_sha256 (source) == NULL)
    wd_source_set_baseline (source,
                            wd_check_result_get_title (result),
                            wd_check_result_get_content_sha256 (result));
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
  schedule_soon (self);
}

void
_wd_check_run_queue_probe (WdCheckRun *run,
                           WdCheckJob *probe_job)
{
  g_ptr_array_add (run->probe_jobs, probe_job);
  g_queue_push_head (&run->checker->pending, probe_job);
  schedule_soon (run->checker);
}

void
_wd_check_run_job_done (WdCheckJob    *job,
                        WdCheckResult *result)
{
  WdCheckRun *run = job->run;
  g_autoptr(WdChecker) self = g_object_ref (run->checker);

  _wd_check_job_release (job);

  if (result != NULL && !g_cancellable_is_cancelled (run->cancellable))
    {
      for (guint i = 0; i < job->items->len; i++)
        {
          WdCheckItem *item = g_ptr_array_index (run->items, g_array_index (job->items, guint, i));

          g_set_object (&item->result, result);
          if (item->source != NULL)
            store_in_source (item->source, result);
          g_signal_emit (self, signals[RESULT], 0, item->input, item->source, result);
        }
    }

  g_assert (run->n_unfinished > 0);
  if (--run->n_unfinished == 0)
    run_finish (run);
}

/* ------------------------------------------------------------ public API */

void
wd_checker_check_urls_async (WdChecker           *self,
                             const char * const  *urls,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  g_autoptr(GHashTable) jobs_by_key = NULL;
  WdCheckRun *run;

  g_return_if_fail (WD_IS_CHECKER (self));
  g_return_if_fail (urls != NULL);
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  run = run_new (self, cancellable, callback, user_data, wd_checker_check_urls_async);
  jobs_by_key = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  for (guint i = 0; urls[i] != NULL; i++)
    run_add (run, jobs_by_key, urls[i], NULL);

  run_start (run);
}

GPtrArray *
wd_checker_check_urls_finish (WdChecker     *self,
                              GAsyncResult  *result,
                              GError       **error)
{
  g_return_val_if_fail (WD_IS_CHECKER (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == wd_checker_check_urls_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

void
wd_checker_check_url_async (WdChecker           *self,
                            const char          *url,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  g_autoptr(GHashTable) jobs_by_key = NULL;
  WdCheckRun *run;

  g_return_if_fail (WD_IS_CHECKER (self));
  g_return_if_fail (url != NULL);
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  run = run_new (self, cancellable, callback, user_data, wd_checker_check_url_async);
  jobs_by_key = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  run_add (run, jobs_by_key, url, NULL);
  run_start (run);
}

WdCheckResult *
wd_checker_check_url_finish (WdChecker     *self,
                             GAsyncResult  *result,
                             GError       **error)
{
  g_autoptr(GPtrArray) results = NULL;

  g_return_val_if_fail (WD_IS_CHECKER (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == wd_checker_check_url_async, NULL);

  results = g_task_propagate_pointer (G_TASK (result), error);
  if (results == NULL)
    return NULL;

  return g_object_ref (g_ptr_array_index (results, 0));
}

static void
check_sources (WdChecker           *self,
               GListModel          *sources,
               GCancellable        *cancellable,
               GAsyncReadyCallback  callback,
               gpointer             user_data,
               gpointer             source_tag)
{
  g_autoptr(GHashTable) jobs_by_key = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  WdCheckRun *run = run_new (self, cancellable, callback, user_data, source_tag);
  guint n = g_list_model_get_n_items (sources);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(WdSource) source = g_list_model_get_item (sources, i);

      if (WD_IS_SOURCE (source) && wd_source_get_url (source) != NULL)
        run_add (run, jobs_by_key, wd_source_get_url (source), source);
    }

  run_start (run);
}

static gboolean
check_sources_finish (WdChecker     *self,
                      GAsyncResult  *result,
                      GError       **error)
{
  g_autoptr(GPtrArray) results = g_task_propagate_pointer (G_TASK (result), error);

  return results != NULL;
}

void
wd_checker_check_sources_async (WdChecker           *self,
                                GListModel          *sources,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  g_return_if_fail (WD_IS_CHECKER (self));
  g_return_if_fail (G_IS_LIST_MODEL (sources));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  check_sources (self, sources, cancellable, callback, user_data,
                 wd_checker_check_sources_async);
}

gboolean
wd_checker_check_sources_finish (WdChecker     *self,
                                 GAsyncResult  *result,
                                 GError       **error)
{
  g_return_val_if_fail (WD_IS_CHECKER (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == wd_checker_check_sources_async,
                        FALSE);

  return check_sources_finish (self, result, error);
}

void
wd_checker_check_article_async (WdChecker           *self,
                                WdArticle           *article,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  g_return_if_fail (WD_IS_CHECKER (self));
  g_return_if_fail (WD_IS_ARTICLE (article));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  check_sources (self, wd_article_get_sources (article), cancellable, callback, user_data,
                 wd_checker_check_article_async);
}

gboolean
wd_checker_check_article_finish (WdChecker     *self,
                                 GAsyncResult  *result,
                                 GError       **error)
{
  g_return_val_if_fail (WD_IS_CHECKER (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == wd_checker_check_article_async,
                        FALSE);

  return check_sources_finish (self, result, error);
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

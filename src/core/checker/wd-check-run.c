/* wd-check-run.c: one run of the checker — the URLs or sources one
 * check_*_async call asks for, a job per distinct URL, the results handed
 * back in order and stored in the sources. The checker (wd-checker.c)
 * gives the jobs their slots; wd-check-job.c turns a job into a verdict. */
#define G_LOG_DOMAIN "wd-checker"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "wd-checker-private.h"
#include "wd-url.h"

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

  _wd_checker_attach_to_thread (self);

  return run;
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
      job->timeout = wd_checker_get_timeout (run->checker);
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
  /* Jobs still queued end now; running ones end as their I/O is cancelled.
   * (Ending the last one finishes the run: the task keeps it alive here.) */
  g_autoptr(GPtrArray) queued = _wd_checker_unqueue_run (self, run);

  for (guint i = 0; i < queued->len; i++)
    {
      WdCheckJob *job = g_ptr_array_index (queued, i);

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
    _wd_checker_queue_job (self, g_ptr_array_index (run->jobs, i), FALSE);

  /* Dispatched here even when cancelled from another thread. */
  run->cancel_source = g_cancellable_source_new (run->cancellable);
  g_source_set_callback (run->cancel_source, G_SOURCE_FUNC (on_run_cancelled), run, NULL);
  g_source_set_static_name (run->cancel_source, "[wiredesk] check cancelled");
  g_source_attach (run->cancel_source, _wd_checker_get_context (self));

  _wd_checker_schedule (self);
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
_wd_check_run_queue_probe (WdCheckRun *run,
                           WdCheckJob *probe_job)
{
  g_ptr_array_add (run->probe_jobs, probe_job);
  _wd_checker_queue_job (run->checker, probe_job, TRUE);
  _wd_checker_schedule (run->checker);
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
          _wd_checker_emit_result (self, item->input, item->source, result);
        }
    }

  g_assert (run->n_unfinished > 0);
  if (--run->n_unfinished == 0)
    run_finish (run);
}

/* ------------------------------------------------------------ public API */

static void
check_urls (WdChecker           *self,
            const char * const  *urls,
            GCancellable        *cancellable,
            GAsyncReadyCallback  callback,
            gpointer             user_data,
            gpointer             source_tag)
{
  g_autoptr(GHashTable) jobs_by_key = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  WdCheckRun *run = run_new (self, cancellable, callback, user_data, source_tag);

  for (guint i = 0; urls[i] != NULL; i++)
    run_add (run, jobs_by_key, urls[i], NULL);

  run_start (run);
}

void
wd_checker_check_urls_async (WdChecker           *self,
                             const char * const  *urls,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  g_return_if_fail (WD_IS_CHECKER (self));
  g_return_if_fail (urls != NULL);
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  check_urls (self, urls, cancellable, callback, user_data, wd_checker_check_urls_async);
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
  const char * const urls[] = { url, NULL };

  g_return_if_fail (WD_IS_CHECKER (self));
  g_return_if_fail (url != NULL);
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  check_urls (self, urls, cancellable, callback, user_data, wd_checker_check_url_async);
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


#define G_LOG_DOMAIN "wd-check-runner"

#include "config.h"

#include <glib/gi18n.h>

#include "wd-check-runner.h"

#include "wd-checker.h"

typedef struct
{
  WdChecker          *checker;
  GHashTable         *wanted;      /* WdSource → itself */
  WdCheckVerdictFunc  verdict;
  gpointer            verdict_data;
  gulong              handler;
  GCancellable       *cancellable;
  gulong              cancelled_handler;
  gboolean            returned;
  WdEvidenceRecorder *recorder;    /* NULL when the document has no file */
  char               *evidence_problem;
} Run;

static void
run_free (Run *run)
{
  g_clear_signal_handler (&run->handler, run->checker);
  g_clear_object (&run->recorder);
  g_free (run->evidence_problem);
  g_clear_object (&run->checker);
  if (run->cancellable != NULL)
    g_cancellable_disconnect (run->cancellable, run->cancelled_handler);
  g_clear_object (&run->cancellable);
  g_hash_table_unref (run->wanted);
  g_free (run);
}

/* Cancel answers at once; the checker winds down in the background. */
static void
on_cancelled (GCancellable *cancellable,
              gpointer      user_data)
{
  GTask *task = user_data;
  Run *run = g_task_get_task_data (task);

  if (run->returned)
    return;

  run->returned = TRUE;
  g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_CANCELLED, _("The check was cancelled"));
}

static void
on_result (WdChecker     *checker,
           const char    *url,
           WdSource      *source,
           WdCheckResult *result,
           gpointer       user_data)
{
  GTask *task = user_data;
  Run *run = g_task_get_task_data (task);

  /* Nothing more once cancelled: the caller has moved on. */
  if (run->returned)
    return;

  if (source != NULL && g_hash_table_contains (run->wanted, source))
    run->verdict (source, result, run->verdict_data);
}

/* The evidence package written: the check is done. A package that could
 * not be written never fails the check: the window reports it. */
static void
evidence_saved_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  Run *run = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;

  if (!wd_evidence_recorder_save_finish (WD_EVIDENCE_RECORDER (object), result, &error))
    run->evidence_problem = g_strdup (error->message);
  else if (wd_evidence_recorder_get_warning (run->recorder) != NULL)
    run->evidence_problem = g_strdup (wd_evidence_recorder_get_warning (run->recorder));

  if (!run->returned)
    {
      run->returned = TRUE;
      g_task_return_boolean (task, TRUE);
    }
}

static void
check_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  Run *run = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;

  g_clear_signal_handler (&run->handler, run->checker);

  if (run->returned)
    {
      /* Already answered "cancelled"; collect the checker's result. */
      wd_checker_check_sources_finish (WD_CHECKER (object), result, NULL);
      return;
    }

  if (!wd_checker_check_sources_finish (WD_CHECKER (object), result, &error))
    {
      run->returned = TRUE;
      g_task_return_error (task, g_steal_pointer (&error));
    }
  else if (run->recorder != NULL)
    wd_evidence_recorder_save_async (run->recorder, NULL, evidence_saved_cb, g_steal_pointer (&task));
  else
    {
      run->returned = TRUE;
      g_task_return_boolean (task, TRUE);
    }
}

void
_wd_check_runner_run_async (GPtrArray           *sources,
                            guint                timeout_seconds,
                            guint                concurrency,
                            const char          *package_path,
                            guint64              evidence_limit,
                            GCancellable        *cancellable,
                            WdCheckVerdictFunc   verdict,
                            gpointer             verdict_data,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (NULL, cancellable, callback, user_data);
  g_autoptr(GListStore) store = g_list_store_new (WD_TYPE_SOURCE);
  Run *run = g_new0 (Run, 1);

  g_task_set_source_tag (task, _wd_check_runner_run_async);

  run->checker = wd_checker_new ();
  run->wanted = g_hash_table_new_full (NULL, NULL, g_object_unref, NULL);
  run->verdict = verdict;
  run->verdict_data = verdict_data;
  g_task_set_task_data (task, run, (GDestroyNotify) run_free);

  wd_checker_set_timeout (run->checker, MAX (timeout_seconds, 1));
  wd_checker_set_max_concurrency (run->checker, MAX (concurrency, 1));
  if (package_path != NULL)
    {
      run->recorder = wd_evidence_recorder_new (package_path, run->checker);
      if (evidence_limit > 0)
        wd_evidence_recorder_set_limit (run->recorder, evidence_limit);
    }

  for (guint i = 0; i < sources->len; i++)
    {
      WdSource *source = g_ptr_array_index (sources, i);

      g_list_store_append (store, source);
      g_hash_table_add (run->wanted, g_object_ref (source));
    }

  run->handler = g_signal_connect (run->checker, "result", G_CALLBACK (on_result), task);
  if (cancellable != NULL)
    {
      run->cancellable = g_object_ref (cancellable);
      run->cancelled_handler = g_cancellable_connect (cancellable, G_CALLBACK (on_cancelled), task, NULL);
    }
  wd_checker_check_sources_async (run->checker, G_LIST_MODEL (store), cancellable,
                                  check_cb, g_object_ref (task));
}


gboolean
_wd_check_runner_run_finish (GAsyncResult  *result,
                             GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

const char *
_wd_check_runner_get_evidence_problem (GAsyncResult *result)
{
  Run *run;

  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);

  run = g_task_get_task_data (G_TASK (result));
  return run->evidence_problem;
}

#define G_LOG_DOMAIN "wd-check-runner"

#include "config.h"

#include <glib/gi18n.h>

#include "wd-check-runner.h"

gboolean
_wd_check_runner_available (void)
{
  return FALSE;
}

void
_wd_check_runner_run_async (GPtrArray           *sources,
                            guint                timeout_seconds,
                            guint                concurrency,
                            GCancellable        *cancellable,
                            WdCheckVerdictFunc   verdict,
                            gpointer             verdict_data,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (NULL, cancellable, callback, user_data);

  g_task_set_source_tag (task, _wd_check_runner_run_async);
  g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                           _("This build of Wiredesk has no link checker"));
}

gboolean
_wd_check_runner_run_finish (GAsyncResult  *result,
                             GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/* wd-check-runner.h: the one place where the editor reaches the link
 * checker. The window hands it the sources to check; it calls back once
 * per verdict, on the main thread, as each arrives. */
#pragma once

#include <gio/gio.h>

#include "wiredesk-core.h"

G_BEGIN_DECLS

typedef void (*WdCheckVerdictFunc) (WdSource      *source,
                                    WdCheckResult *result,
                                    gpointer       user_data);

/* FALSE when this build has no checker. */

/* Checks @sources (WdSource) with at most @concurrency requests at once,
 * each limited to @timeout_seconds. Captures go to @package_path (NULL:
 * none) until it would pass @evidence_limit bytes (0: the default). Each verdict is stored in its source
 * (wd_source_set_check(), and the baseline on a first success), then
 * @verdict runs. Cancelling stops at once: the task then returns
 * G_IO_ERROR_CANCELLED and no more verdicts arrive. */
void     _wd_check_runner_run_async   (GPtrArray           *sources,
                                       guint                timeout_seconds,
                                       guint                concurrency,
                                       const char          *package_path,
                                       guint64              evidence_limit,
                                       GCancellable        *cancellable,
                                       WdCheckVerdictFunc   verdict,
                                       gpointer             verdict_data,
                                       GAsyncReadyCallback  callback,
                                       gpointer             user_data);
gboolean _wd_check_runner_run_finish  (GAsyncResult        *result,
                                       GError             **error);
/* Why the pages were not added to the evidence package (@package_path,
 * when not NULL, receives a capture of every page checked), or NULL. */
const char *_wd_check_runner_get_evidence_problem (GAsyncResult *result);

G_END_DECLS

/* wd-checker-private.h: one run of the checker and the jobs in it.
 *
 * A run is one call of a check_*_async function: its items (the URLs or
 * sources asked for, in order), its jobs (one per distinct URL), and the
 * soft-404 probes of the hosts it met. wd-checker.c gives jobs their
 * slots, wd-check-run.c makes the jobs and hands out the results,
 * wd-check-job.c turns one job into a verdict.
 *
 * A job holds one of the limited slots (global and per host) while its
 * request is on the wire and its page is read; waiting for its host's
 * probe takes none. A probe is a job of its own, queued first. */
#pragma once

#include <libsoup/soup.h>

#include "wd-checker.h"
#include "wd-fetch-private.h"
#include "wd-html-meta.h"
#include "wd-soft404-private.h"

G_BEGIN_DECLS

typedef struct _WdCheckRun WdCheckRun;

typedef struct
{
  WdCheckRun      *run;
  char            *url;             /* normalised; NULL when invalid */
  char            *invalid_detail;
  char            *host_key;        /* what the per-host limit counts */
  GArray          *items;           /* guint: positions in run->items */
  gint64           started;
  gint64           deadline;
  double           timeout;
  WdFetchResponse *response;
  WdHtmlMeta      *meta;
  struct _WdHostProbe *probe_for;   /* set for the probe of a host */
  SoupSession     *session;         /* the one it was started on */
  char            *says_missing;    /* a title that reads "not found": the probe decides */
  GPtrArray       *carried;         /* WdFetchExchange of pages whose refresh led here */
  gboolean         running;         /* holds a slot */
} WdCheckJob;

typedef struct
{
  char          *input;            /* the URL as given */
  WdSource      *source;           /* NULL when checking bare URLs */
  WdCheckJob    *job;
  WdCheckResult *result;
} WdCheckItem;

/* The soft-404 probe of one host, shared by the run's jobs on it. */
typedef struct _WdHostProbe
{
  WdSoft404Probe *probe;           /* NULL until answered */
  GPtrArray      *waiters;         /* WdCheckJob */
  gboolean        done;
} WdHostProbe;

struct _WdCheckRun
{
  WdChecker    *checker;
  GTask        *task;
  GCancellable *cancellable;
  GSource      *cancel_source;
  GPtrArray    *items;             /* WdCheckItem */
  GPtrArray    *jobs;              /* WdCheckJob */
  GPtrArray    *probe_jobs;        /* WdCheckJob */
  GHashTable   *probes;            /* origin → WdHostProbe */
  guint         n_unfinished;      /* jobs without a verdict */
};

/* wd-check-job.c: fetches and judges @job on @session, then calls
 * _wd_check_run_job_done(). A probe job answers its host's waiters. */
void  _wd_check_job_start      (WdCheckJob    *job,
                                SoupSession   *session);
void  _wd_check_job_free       (WdCheckJob    *job);
void  _wd_host_probe_free      (WdHostProbe   *host_probe);
/* Ends @host_probe without an answer: its waiters end as cancelled. */
void  _wd_host_probe_cancel    (WdHostProbe   *host_probe);

/* wd-checker.c: the slots (global and per host) and the queue of jobs
 * waiting for one. */
/* "host:port", what the per-host limit counts. */
char *_wd_check_host_key       (const char    *url);
/* Frees @job's slot once its request is done. */
void  _wd_check_job_release    (WdCheckJob    *job);
/* Binds the checker to the calling thread's main context on first use. */
void          _wd_checker_attach_to_thread (WdChecker     *self);
GMainContext *_wd_checker_get_context      (WdChecker     *self);
/* Queues @job for a slot: @first ahead of every other (a probe). */
void          _wd_checker_queue_job        (WdChecker     *self,
                                            WdCheckJob    *job,
                                            gboolean       first);
/* Starts queued jobs, oldest first, from an idle as the limits allow. */
void          _wd_checker_schedule         (WdChecker     *self);
/* Takes @run's jobs that still wait for a slot off the queue, in order. */
GPtrArray    *_wd_checker_unqueue_run      (WdChecker     *self,
                                            WdCheckRun    *run);
/* Emits WdChecker::result. */
void          _wd_checker_emit_result      (WdChecker     *self,
                                            const char    *input,
                                            WdSource      *source,
                                            WdCheckResult *result);

/* wd-check-run.c */
/* Queues a probe job ahead of the pages. */
void  _wd_check_run_queue_probe (WdCheckRun   *run,
                                 WdCheckJob   *probe_job);
/* @result is NULL when the job was cancelled. */
void  _wd_check_run_job_done   (WdCheckJob    *job,
                                WdCheckResult *result);

/* The evidence capture (src/core/evidence/): called once per concluded
 * job that got a response, on the checker's thread, before the result is
 * stored or emitted, so it may add to @result. @text is the page's visible
 * text or NULL; @response->body is still there. */
typedef void (*WdCheckerCaptureFunc) (WdChecker       *checker,
                                      WdSource        *source,
                                      const char      *url,
                                      WdFetchResponse *response,
                                      const char      *text,
                                      WdCheckResult   *result,
                                      gpointer         data);

void     _wd_checker_set_capture_func (WdChecker            *self,
                                       WdCheckerCaptureFunc  func,
                                       gpointer              data,
                                       GDestroyNotify        destroy);
gboolean _wd_checker_captures         (WdChecker            *self);
/* wd-checker.c: hands @job's exchange to the capture func, if any. */
void     _wd_check_job_capture        (WdCheckJob           *job,
                                       const char           *text,
                                       WdCheckResult        *result);

G_END_DECLS

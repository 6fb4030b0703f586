/* wd-checker-private.h: one run of the checker and the jobs in it.
 *
 * A run is one call of a check_*_async function: its items (the URLs or
 * sources asked for, in order), its jobs (one per distinct URL), and the
 * soft-404 probes of the hosts it met. wd-checker.c schedules jobs and
 * hands out results; wd-check-job.c turns one job into a verdict. */
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
  gboolean         running;
} WdCheckJob;

typedef struct
{
  char          *input;            /* the URL as given */
  WdSource      *source;           /* NULL when checking bare URLs */
  WdCheckJob    *job;
  WdCheckResult *result;
} WdCheckItem;

/* The soft-404 probe of one host, shared by the run's jobs on it. */
typedef struct
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
  GHashTable   *probes;            /* origin → WdHostProbe */
  guint         n_unfinished;      /* jobs without a verdict */
  gboolean      writes_sources;
};

/* wd-check-job.c: fetches and judges @job on @session, then calls
 * _wd_check_run_job_done(). */
void  _wd_check_job_start     (WdCheckJob    *job,
                               SoupSession   *session);
void  _wd_check_job_free      (WdCheckJob    *job);
void  _wd_host_probe_free     (WdHostProbe   *host_probe);

/* wd-checker.c: @result is NULL when the job was cancelled. */
void  _wd_check_run_job_done  (WdCheckJob    *job,
                               WdCheckResult *result);

G_END_DECLS

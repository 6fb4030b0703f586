#define G_LOG_DOMAIN "wd-check-job"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "wd-checker-private.h"
#include "wd-util-private.h"

/* ------------------------------------------------------------ parsing */

typedef struct
{
  GBytes *body;
  char   *media_type;
  char   *charset;
  char   *base_url;
  struct _ParseWait *wait;   /* told when a worker takes it; may be NULL */
} ParseData;

static void parse_wait_started (struct _ParseWait *wait);

static void
parse_data_free (ParseData *data)
{
  g_clear_pointer (&data->body, g_bytes_unref);
  g_free (data->media_type);
  g_free (data->charset);
  g_free (data->base_url);
  g_free (data);
}

/* Reading a page takes memory in proportion to it: at most this many
 * are read at once, whatever the concurrency of the fetches. */
#define MAX_PARALLEL_PARSES 2

static void
parse_in_pool (gpointer data,
               gpointer user_data)
{
  g_autoptr(GTask) task = data;
  ParseData *parse = g_task_get_task_data (task);
  gsize len = 0;
  const guint8 *bytes;

  if (g_task_return_error_if_cancelled (task))
    return;

  if (parse->wait != NULL)
    parse_wait_started (parse->wait);
  bytes = g_bytes_get_data (parse->body, &len);
  g_task_return_pointer (task,
                         wd_html_meta_parse (bytes, len, parse->media_type,
                                             parse->charset, parse->base_url),
                         (GDestroyNotify) wd_html_meta_free);
}

static GThreadPool *
parse_pool (void)
{
  static GThreadPool *pool;

  if (g_once_init_enter (&pool))
    g_once_init_leave (&pool, g_thread_pool_new (parse_in_pool, NULL, MAX_PARALLEL_PARSES,
                                                 FALSE, NULL));
  return pool;
}

/* Off the main thread: a megabyte of HTML takes a while. */
static void
parse_async (WdFetchResponse     *response,
             struct _ParseWait   *wait,
             GCancellable        *cancellable,
             GAsyncReadyCallback  callback,
             gpointer             user_data)
{
  GTask *task = g_task_new (NULL, cancellable, callback, user_data);
  ParseData *data = g_new0 (ParseData, 1);

  data->wait = wait;
  data->body = g_bytes_ref (response->body);
  data->media_type = g_strdup (response->media_type);
  data->charset = g_strdup (response->charset);
  data->base_url = g_strdup (response->final_url);

  g_task_set_source_tag (task, parse_async);
  g_task_set_task_data (task, data, (GDestroyNotify) parse_data_free);
  g_thread_pool_push (parse_pool (), task, NULL);
}

static WdHtmlMeta *
parse_finish (GAsyncResult  *result,
              GError       **error)
{
  return g_task_propagate_pointer (G_TASK (result), error);
}

/* ------------------------------------------------------------- verdicts */

static void
conclude (WdCheckJob    *job,
          WdCheckStatus  status,
          const char    *detail)
{
  g_autoptr(WdCheckResult) result = wd_check_result_new (status);
  g_autofree char *now = _wd_now_iso8601 ();
  WdFetchResponse *response = job->response;
  WdHtmlMeta *meta = job->meta;

  wd_check_result_set_text (result, "checked-at", now);
  wd_check_result_set_text (result, "detail", detail);

  if (job->started > 0)
    wd_check_result_set_elapsed_ms (result, (g_get_monotonic_time () - job->started) / 1000);

  if (response != NULL)
    {
      wd_check_result_set_http_status (result, response->http_status);
      wd_check_result_set_redirects (result, response->redirects);
      wd_check_result_set_text (result, "final-url", response->final_url);
    }

  if (meta != NULL)
    {
      wd_check_result_set_text (result, "title", meta->title);
      wd_check_result_set_text (result, "site-name", meta->site_name);
      wd_check_result_set_authors (result, (const char * const *) meta->authors);
      wd_check_result_set_text (result, "published", meta->published);
      wd_check_result_set_text (result, "canonical", meta->canonical);
      wd_check_result_set_text (result, "language", meta->language);
      wd_check_result_set_text (result, "content-sha256", meta->content_sha256);
    }

  _wd_check_job_capture (job, meta != NULL ? meta->text : NULL, result);

  /* A long run keeps its jobs: not what they read. */
  g_clear_pointer (&job->meta, wd_html_meta_free);
  if (response != NULL)
    g_clear_pointer (&response->body, g_bytes_unref);
  _wd_check_run_job_done (job, result);
}

static WdCheckStatus
page_status (WdCheckJob *job)
{
  return job->response->redirects > 0 ? WD_CHECK_STATUS_REDIRECTED : WD_CHECK_STATUS_OK;
}

static void
conclude_after_probe (WdCheckJob        *job,
                      const WdHostProbe *host_probe)
{
  WdFetchResponse *response = job->response;

  if (_wd_soft404_matches_probe (host_probe->probe, response->redirects,
                                 response->final_url, job->meta))
    conclude (job, WD_CHECK_STATUS_SOFT_NOT_FOUND,
              _("the site answers an address that does not exist with the same page"));
  else if (job->says_missing != NULL &&
           (host_probe->probe == NULL || host_probe->probe->answered_ok))
    {
      /* The words, and a site that hides its missing pages (or would not
       * say): believed. A site that answers 404 honestly would have
       * answered 404 here too. */
      g_autofree char *detail = g_strdup_printf (_("the page says it is missing: “%s”"),
                                                 job->says_missing);
      conclude (job, WD_CHECK_STATUS_SOFT_NOT_FOUND, detail);
    }
  else
    conclude (job, page_status (job), NULL);
}

static void
host_probe_done (WdHostProbe    *host_probe,
                 WdSoft404Probe *probe,
                 gboolean        cancelled)
{
  g_autoptr(GPtrArray) waiters = g_steal_pointer (&host_probe->waiters);

  host_probe->done = TRUE;
  host_probe->probe = probe;
  host_probe->waiters = g_ptr_array_new ();

  for (guint i = 0; i < waiters->len; i++)
    {
      WdCheckJob *job = g_ptr_array_index (waiters, i);

      if (cancelled)
        _wd_check_run_job_done (job, NULL);
      else
        conclude_after_probe (job, host_probe);
    }
}

static void
on_probe_parsed (GObject      *object,
                 GAsyncResult *result,
                 gpointer      data)
{
  WdHostProbe *host_probe = data;
  WdSoft404Probe *probe = host_probe->probe;
  g_autoptr(GError) error = NULL;

  host_probe->probe = NULL;
  probe->meta = parse_finish (result, &error);
  host_probe_done (host_probe, probe, probe->meta == NULL);
}

static void
on_probe_fetched (GObject      *object,
                  GAsyncResult *result,
                  gpointer      data)
{
  WdCheckJob *probe_job = data;
  WdHostProbe *host_probe = probe_job->probe_for;
  g_autoptr(WdFetchResponse) response = _wd_fetch_finish (result, NULL);
  WdSoft404Probe *probe;

  _wd_check_job_release (probe_job);

  if (response == NULL)
    {
      host_probe_done (host_probe, NULL, TRUE);
      return;
    }

  probe = g_new0 (WdSoft404Probe, 1);
  probe->answered_ok = response->failure == WD_CHECK_STATUS_UNCHECKED &&
                       SOUP_STATUS_IS_SUCCESSFUL (response->http_status);
  probe->redirects = response->redirects;
  probe->final_url = g_strdup (response->final_url);

  if (probe->answered_ok && response->body != NULL)
    {
      /* Parked here while the text is read. */
      host_probe->probe = probe;
      parse_async (response, NULL, probe_job->run->cancellable, on_probe_parsed, host_probe);
      return;
    }

  host_probe_done (host_probe, probe, FALSE);
}

static void
start_probe (WdCheckJob  *probe_job,
             SoupSession *session)
{
  gint64 now = g_get_monotonic_time ();
  double floor_s = MIN (probe_job->timeout, 1.0);

  /* Due when the page that asked for it is, unless that leaves no time. */
  probe_job->started = now;
  probe_job->deadline = MAX (probe_job->deadline, now + (gint64) (floor_s * G_USEC_PER_SEC));
  _wd_fetch_async (session, probe_job->url, NULL, 0, probe_job->deadline, probe_job->timeout,
                   FALSE, probe_job->run->cancellable, on_probe_fetched, probe_job);
}

void
_wd_host_probe_cancel (WdHostProbe *host_probe)
{
  host_probe_done (host_probe, NULL, TRUE);
}

/* Compares the page with what its host answers for a missing path:
 * asked once per host and run, shared by all the run's pages there. */
static void
probe_host (WdCheckJob *job)
{
  WdCheckRun *run = job->run;
  g_autofree char *origin = _wd_soft404_origin (job->response->final_url);
  WdHostProbe *host_probe;
  WdCheckJob *probe_job;

  if (origin == NULL)
    {
      conclude (job, page_status (job), NULL);
      return;
    }

  host_probe = g_hash_table_lookup (run->probes, origin);
  if (host_probe != NULL && host_probe->done)
    {
      conclude_after_probe (job, host_probe);
      return;
    }

  if (host_probe != NULL)
    {
      g_ptr_array_add (host_probe->waiters, job);
      return;
    }

  host_probe = g_new0 (WdHostProbe, 1);
  host_probe->waiters = g_ptr_array_new ();
  g_ptr_array_add (host_probe->waiters, job);
  g_hash_table_insert (run->probes, g_steal_pointer (&origin), host_probe);

  probe_job = g_new0 (WdCheckJob, 1);
  probe_job->run = run;
  probe_job->url = _wd_soft404_probe_url (job->response->final_url);
  probe_job->host_key = _wd_check_host_key (probe_job->url);
  probe_job->timeout = job->timeout;
  probe_job->deadline = job->deadline;
  probe_job->probe_for = host_probe;
  _wd_check_run_queue_probe (run, probe_job);
}

static void
judge_page (WdCheckJob *job)
{
  WdFetchResponse *response = job->response;
  WdHtmlMeta *meta = job->meta;
  const char *says_missing = NULL;

  /* Read: waiting for the host's probe takes no slot. */
  _wd_check_job_release (job);

  if (meta != NULL && _wd_soft404_says_missing (meta->title))
    says_missing = meta->title;
  else if (meta != NULL && _wd_soft404_says_missing (meta->heading))
    says_missing = meta->heading;

  /* "Not Found: the movie": only words, weighed against the probe. */
  if (says_missing != NULL && !_wd_soft404_says_error_code (says_missing) &&
      meta->is_html && !_wd_soft404_is_front_page (job->url))
    {
      job->says_missing = g_strdup (says_missing);
      probe_host (job);
    }
  else if (says_missing != NULL)
    {
      g_autofree char *detail = g_strdup_printf (_("the page says it is missing: “%s”"),
                                                 says_missing);
      conclude (job, WD_CHECK_STATUS_SOFT_NOT_FOUND, detail);
    }
  else if (response->redirects > 0 &&
           _wd_soft404_is_front_page_redirect (job->url, response->final_url))
    conclude (job, WD_CHECK_STATUS_SOFT_NOT_FOUND,
              _("the address now leads to the site’s front page"));
  else if (meta == NULL || !meta->is_html || _wd_soft404_is_front_page (job->url))
    /* A front page cannot be a missing page, nor a PDF an error page. */
    conclude (job, page_status (job), NULL);
  else
    probe_host (job);
}

static void on_fetched (GObject      *object,
                        GAsyncResult *result,
                        gpointer      data);

/* A refresh sooner than this is a redirect; a later one, a page that
 * updates itself. */
#define MAX_REFRESH_DELAY_S 5

/* "0; url=/next", "3;URL='x'", "0": the delay, and the address (NULL for
 * the page itself). FALSE when it is no refresh at all. */
static gboolean
parse_refresh (const char  *content,
               double      *delay,
               char       **target)
{
  const char *p = content;
  char *end = NULL;
  g_autofree char *url = NULL;
  gsize len;

  while (g_ascii_isspace (*p))
    p++;
  *delay = g_ascii_strtod (p, &end);
  if (end == p || *delay < 0)
    return FALSE;
  p = end;
  while (g_ascii_isspace (*p) || *p == ';' || *p == ',')
    p++;
  if (g_ascii_strncasecmp (p, "url", 3) == 0)
    {
      const char *q = p + 3;

      while (g_ascii_isspace (*q))
        q++;
      if (*q == '=')
        {
          p = q + 1;
          while (g_ascii_isspace (*p))
            p++;
        }
    }

  url = g_strdup (p);
  len = strlen (url);
  while (len > 0 && g_ascii_isspace (url[len - 1]))
    url[--len] = '\0';
  if (len >= 2 && (url[0] == '\'' || url[0] == '"') && url[len - 1] == url[0])
    {
      url[len - 1] = '\0';
      memmove (url, url + 1, len - 1);
    }

  *target = *url != '\0' ? g_steal_pointer (&url) : NULL;
  return TRUE;
}

/* TRUE when the page's <meta http-equiv="refresh"> decided the job: it
 * is concluded, or its target is being fetched in its place (within the
 * redirect budget, on the same slot). */
static void
refetch (WdCheckJob *job,
         const char *url)
{
  guint redirects = job->response->redirects + 1;

  g_clear_pointer (&job->meta, wd_html_meta_free);
  /* The refreshing page is a hop of the capture, like a redirect. */
  if (job->response->exchanges != NULL)
    {
      if (job->carried == NULL)
        job->carried = g_steal_pointer (&job->response->exchanges);
      else
        g_ptr_array_extend_and_steal (job->carried, g_steal_pointer (&job->response->exchanges));
    }
  g_clear_pointer (&job->response, _wd_fetch_response_free);
  _wd_fetch_async (job->session, url, job->url, redirects, job->deadline, job->timeout,
                   _wd_checker_captures (job->run->checker), job->run->cancellable, on_fetched, job);
}

static gboolean
follow_refresh (WdCheckJob *job)
{
  WdFetchResponse *response = job->response;
  g_autofree char *target = NULL;
  g_autofree char *next = NULL;
  g_autofree char *scheme = NULL;
  g_autofree char *detail = NULL;
  double delay;

  if (job->meta->refresh == NULL || !parse_refresh (job->meta->refresh, &delay, &target) ||
      delay > MAX_REFRESH_DELAY_S)
    return FALSE;

  if (target != NULL)
    next = g_uri_resolve_relative (response->final_url, target, G_URI_FLAGS_ENCODED, NULL);
  scheme = next != NULL ? g_uri_parse_scheme (next) : NULL;

  if (target == NULL || g_strcmp0 (next, response->final_url) == 0)
    detail = g_strdup (_("the page reloads itself at once, over and over, instead of showing itself"));
  else if (scheme == NULL || (g_ascii_strcasecmp (scheme, "http") != 0 &&
                              g_ascii_strcasecmp (scheme, "https") != 0))
    detail = g_strdup_printf (_("the page sends the browser to a %s: address instead of showing itself"),
                              scheme != NULL ? scheme : "?");
  else if (response->redirects >= WD_FETCH_MAX_REDIRECTS)
    detail = g_strdup_printf (_("more than %d redirects"), WD_FETCH_MAX_REDIRECTS);
  else if (g_strcmp0 (next, job->url) == 0)
    detail = g_strdup_printf (_("a redirect loop back to %s"), next);
  else
    {
      /* On the same slot, against the same deadline. */
      refetch (job, next);
      return TRUE;
    }

  _wd_check_job_release (job);
  conclude (job, WD_CHECK_STATUS_REDIRECT_ERROR, detail);
  return TRUE;
}

/* A page being read against the job's deadline: whichever comes first
 * decides; the other finds job NULL. */
typedef struct _ParseWait
{
  WdCheckJob *job;
  GSource    *timer;
  GMutex      lock;
  gint64      started_at;  /* when a worker began reading it; 0 while queued */
} ParseWait;

static void
parse_wait_started (ParseWait *wait)
{
  g_mutex_lock (&wait->lock);
  wait->started_at = g_get_monotonic_time ();
  g_mutex_unlock (&wait->lock);
}

static void on_page_parsed_in_time (WdCheckJob   *job,
                                    GAsyncResult *result);

static void
parse_wait_free (ParseWait *wait)
{
  if (wait->timer != NULL)
    {
      g_source_destroy (wait->timer);
      g_source_unref (wait->timer);
    }
  g_mutex_clear (&wait->lock);
  g_free (wait);
}

static void arm_parse_timer (ParseWait *wait,
                             gint64     ms);

static gboolean
on_parse_deadline (gpointer data)
{
  ParseWait *wait = data;
  WdCheckJob *job = wait->job;
  g_autofree char *seconds = NULL;
  g_autofree char *detail = NULL;
  gint64 started_at, limit;

  g_clear_pointer (&wait->timer, g_source_unref);

  g_mutex_lock (&wait->lock);
  started_at = wait->started_at;
  g_mutex_unlock (&wait->lock);

  /* Queued behind other pages (at most MAX_PARALLEL_PARSES are read at
   * once) is not this page's fault: the reading itself gets the deadline,
   * or a whole timeout from when it began, whichever is later. */
  limit = started_at == 0 ? G_MAXINT64
                          : MAX (job->deadline, started_at + (gint64) (job->timeout * G_USEC_PER_SEC));
  if (g_get_monotonic_time () < limit)
    {
      arm_parse_timer (wait, started_at == 0 ? (gint64) (job->timeout * 1000)
                                             : (limit - g_get_monotonic_time ()) / 1000 + 1);
      return G_SOURCE_REMOVE;
    }

  wait->job = NULL;
  seconds = g_strdup_printf ("%.3g", job->timeout);
  detail = g_strdup_printf (_("the page could not be read within %s s"), seconds);
  /* The reading goes on in its thread; its result will be dropped. */
  g_clear_pointer (&job->response->body, g_bytes_unref);
  _wd_check_job_release (job);
  conclude (job, WD_CHECK_STATUS_TIMEOUT, detail);
  return G_SOURCE_REMOVE;
}

static void
on_page_parsed (GObject      *object,
                GAsyncResult *result,
                gpointer      data)
{
  ParseWait *wait = data;

  if (wait->job != NULL)
    on_page_parsed_in_time (wait->job, result);
  else
    {
      g_autoptr(WdHtmlMeta) late = parse_finish (result, NULL);
    }
  parse_wait_free (wait);
}

/* Reading a page counts against the deadline too: libxml2 can take
 * seconds over a crafted one. */
static void
arm_parse_timer (ParseWait *wait,
                 gint64     ms)
{
  wait->timer = g_timeout_source_new ((guint) CLAMP (ms, 0, G_MAXUINT));
  g_source_set_callback (wait->timer, on_parse_deadline, wait, NULL);
  g_source_set_static_name (wait->timer, "[wiredesk] parse deadline");
  g_source_attach (wait->timer, g_main_context_get_thread_default ());
}

static void
parse_page (WdCheckJob *job)
{
  ParseWait *wait = g_new0 (ParseWait, 1);

  wait->job = job;
  g_mutex_init (&wait->lock);
  arm_parse_timer (wait, (job->deadline - g_get_monotonic_time ()) / 1000);
  parse_async (job->response, wait, job->run->cancellable, on_page_parsed, wait);
}

static void
on_page_parsed_in_time (WdCheckJob   *job,
                        GAsyncResult *result)
{
  g_autoptr(GError) error = NULL;

  job->meta = parse_finish (result, &error);
  /* Read: the evidence capture has its own reference (the exchange's). */
  g_clear_pointer (&job->response->body, g_bytes_unref);
  if (job->meta == NULL)
    _wd_check_run_job_done (job, NULL);
  else if (!follow_refresh (job))
    judge_page (job);
}

static void
on_fetched (GObject      *object,
            GAsyncResult *result,
            gpointer      data)
{
  WdCheckJob *job = data;
  WdFetchResponse *response;
  guint status;

  /* The job keeps its slot until the page is read: so at most as many
   * bodies as slots are held at once, however fast the network. */
  job->response = response = _wd_fetch_finish (result, NULL);
  if (response == NULL)
    {
      _wd_check_run_job_done (job, NULL);
      return;
    }

  status = response->http_status;
  if (job->carried != NULL)
    {
      if (response->exchanges != NULL)
        g_ptr_array_extend_and_steal (job->carried, g_steal_pointer (&response->exchanges));
      response->exchanges = g_steal_pointer (&job->carried);
    }

  if (response->failure != WD_CHECK_STATUS_UNCHECKED)
    conclude (job, response->failure, response->detail);
  else if (SOUP_STATUS_IS_SUCCESSFUL (status) && response->body != NULL)
    parse_page (job);
  else if (SOUP_STATUS_IS_SUCCESSFUL (status))
    judge_page (job);
  else if (status == SOUP_STATUS_NOT_FOUND || status == SOUP_STATUS_GONE)
    conclude (job, WD_CHECK_STATUS_NOT_FOUND, NULL);
  else if (status == WD_HTTP_TOO_MANY_REQUESTS)
    conclude (job, WD_CHECK_STATUS_RATE_LIMITED, response->detail);
  else if (SOUP_STATUS_IS_SERVER_ERROR (status))
    conclude (job, WD_CHECK_STATUS_SERVER_ERROR, NULL);
  else if (SOUP_STATUS_IS_CLIENT_ERROR (status))
    conclude (job, WD_CHECK_STATUS_BLOCKED, NULL);
  else
    {
      g_autofree char *detail = g_strdup_printf (_("unexpected HTTP status %u"), status);
      conclude (job, WD_CHECK_STATUS_SERVER_ERROR, detail);
    }
}

static gboolean
conclude_invalid (gpointer data)
{
  WdCheckJob *job = data;

  conclude (job, WD_CHECK_STATUS_INVALID, job->invalid_detail);
  return G_SOURCE_REMOVE;
}

void
_wd_check_job_start (WdCheckJob  *job,
                     SoupSession *session)
{
  if (job->probe_for != NULL)
    {
      start_probe (job, session);
      return;
    }

  if (job->url == NULL)
    {
      /* Never fetched; answered from the main loop like the others. */
      GSource *idle = g_idle_source_new ();

      g_source_set_callback (idle, conclude_invalid, job, NULL);
      g_source_set_static_name (idle, "[wiredesk] invalid URL");
      g_source_attach (idle, g_main_context_get_thread_default ());
      g_source_unref (idle);
      return;
    }

  job->started = g_get_monotonic_time ();
  job->deadline = job->started + (gint64) (job->timeout * G_USEC_PER_SEC);
  g_set_object (&job->session, session);
  _wd_fetch_async (session, job->url, NULL, 0, job->deadline, job->timeout,
                   _wd_checker_captures (job->run->checker), job->run->cancellable, on_fetched, job);
}

void
_wd_check_job_free (WdCheckJob *job)
{
  if (job == NULL)
    return;

  g_free (job->url);
  g_free (job->invalid_detail);
  g_free (job->host_key);
  g_free (job->says_missing);
  g_clear_object (&job->session);
  g_clear_pointer (&job->items, g_array_unref);
  g_clear_pointer (&job->carried, g_ptr_array_unref);
  g_clear_pointer (&job->response, _wd_fetch_response_free);
  g_clear_pointer (&job->meta, wd_html_meta_free);
  g_free (job);
}

void
_wd_host_probe_free (WdHostProbe *host_probe)
{
  if (host_probe == NULL)
    return;

  g_clear_pointer (&host_probe->probe, _wd_soft404_probe_free);
  g_clear_pointer (&host_probe->waiters, g_ptr_array_unref);
  g_free (host_probe);
}

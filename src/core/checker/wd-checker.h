/* src/core/checker/ — the link checker: wd-checker (the checker and its slots), wd-check-run
 *   (one batch asked for), wd-check-job (one URL), wd-fetch (one bounded GET; with
 *   wd-fetch-redirect, wd-fetch-body, wd-chunked), wd-soft404 (error pages served as 200).
 *   wd-checker-private.h is the folder's interface to evidence/.
 */
/* wd-checker.h: checks that source URLs still lead where the article says.
 *
 * Every URL gets a verdict (see WdCheckStatus), the page's metadata and a
 * fingerprint of its text. Checks run concurrently within a global and a
 * per-host limit; each URL has a deadline; cancelling stops everything at
 * once. The "result" signal reports each verdict as it arrives. */
#pragma once

#include <gio/gio.h>

#include "wd-article.h"
#include "wd-check-result.h"
#include "wd-source.h"

G_BEGIN_DECLS

#define WD_TYPE_CHECKER (wd_checker_get_type ())

G_DECLARE_FINAL_TYPE (WdChecker, wd_checker, WD, CHECKER, GObject)

/* The limits, defined here only: the properties' defaults and ranges,
 * which the setters enforce and the CLI's options take. */
#define WD_CHECKER_DEFAULT_CONCURRENCY 16
#define WD_CHECKER_MIN_CONCURRENCY     1
#define WD_CHECKER_MAX_CONCURRENCY     256
#define WD_CHECKER_DEFAULT_PER_HOST    4
#define WD_CHECKER_MIN_PER_HOST        1
#define WD_CHECKER_MAX_PER_HOST        64
#define WD_CHECKER_DEFAULT_TIMEOUT     15.0   /* seconds */
#define WD_CHECKER_MIN_TIMEOUT         0.1
#define WD_CHECKER_MAX_TIMEOUT         3600.0

WdChecker     *wd_checker_new                   (void);

/* How many URLs are fetched at once, in all and per host (host and port). */
guint          wd_checker_get_max_concurrency   (WdChecker           *self);
void           wd_checker_set_max_concurrency   (WdChecker           *self,
                                                 guint                max_concurrency);
guint          wd_checker_get_max_per_host      (WdChecker           *self);
void           wd_checker_set_max_per_host      (WdChecker           *self,
                                                 guint                max_per_host);
/* Seconds one URL may take, redirects and retries included. */
double         wd_checker_get_timeout           (WdChecker           *self);
void           wd_checker_set_timeout           (WdChecker           *self,
                                                 double               timeout);

/* Checks @urls (as typed: they are normalised first; one that is not an
 * http(s) URL gets the verdict "invalid"). A URL given twice is fetched
 * once. The results come back in the order of @urls. */
void           wd_checker_check_urls_async      (WdChecker           *self,
                                                 const char * const  *urls,
                                                 GCancellable        *cancellable,
                                                 GAsyncReadyCallback  callback,
                                                 gpointer             user_data);
/* Returns: (transfer container) (element-type WdCheckResult): one per URL. */
GPtrArray     *wd_checker_check_urls_finish     (WdChecker           *self,
                                                 GAsyncResult        *result,
                                                 GError             **error);

void           wd_checker_check_url_async       (WdChecker           *self,
                                                 const char          *url,
                                                 GCancellable        *cancellable,
                                                 GAsyncReadyCallback  callback,
                                                 gpointer             user_data);
WdCheckResult *wd_checker_check_url_finish      (WdChecker           *self,
                                                 GAsyncResult        *result,
                                                 GError             **error);

/* Checks a list of WdSource and stores each verdict in its source as it
 * arrives (wd_source_set_check()); the first successful check of a source
 * also becomes its baseline (wd_source_set_baseline()). When cancelled,
 * sources not yet checked keep their previous result. */
void           wd_checker_check_sources_async   (WdChecker           *self,
                                                 GListModel          *sources,
                                                 GCancellable        *cancellable,
                                                 GAsyncReadyCallback  callback,
                                                 gpointer             user_data);
gboolean       wd_checker_check_sources_finish  (WdChecker           *self,
                                                 GAsyncResult        *result,
                                                 GError             **error);

/* The same for all the sources of @article. */
void           wd_checker_check_article_async   (WdChecker           *self,
                                                 WdArticle           *article,
                                                 GCancellable        *cancellable,
                                                 GAsyncReadyCallback  callback,
                                                 gpointer             user_data);
gboolean       wd_checker_check_article_finish  (WdChecker           *self,
                                                 GAsyncResult        *result,
                                                 GError             **error);

G_END_DECLS

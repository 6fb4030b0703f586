/* src/core/audit/ — the provenance audit: wd-audit, wd-audit-checks, wd-finding, wd-dates.
 */
/* wd-audit.h: how well an article rests on its sources.
 *
 * A WdAudit holds the audit's settings and the findings of its last run
 * as a GListModel of WdFinding that stays the same object from run to
 * run: a view binds to it once, and each run changes only the findings
 * that differ (one items-changed). The counts by severity are properties,
 * for a summary badge.
 *
 * Running is cheap enough to repeat as the editor types (see
 * docs/BENCHMARKS.md): wd_audit_run() works on the calling thread;
 * wd_audit_run_async() copies what it needs from the article on the
 * calling thread and does the work in a GTask thread. The findings, the
 * codes and their severities are described in docs/AUDIT.md.
 */
#pragma once

#include <gio/gio.h>

#include "wd-article.h"
#include "wd-finding.h"
#include "wd-quotes.h"

G_BEGIN_DECLS

/* The limits, defined here only: the properties' defaults and ranges,
 * which the setters enforce and the CLI's options take. */
#define WD_AUDIT_DEFAULT_STALE_DAYS       30
#define WD_AUDIT_MIN_STALE_DAYS           1
#define WD_AUDIT_MAX_STALE_DAYS           3650
#define WD_AUDIT_DEFAULT_MIN_INDEPENDENT  3
#define WD_AUDIT_MIN_MIN_INDEPENDENT      1
#define WD_AUDIT_MAX_MIN_INDEPENDENT      100
/* A "first" date conflicts with earlier dates at most this far before it. */
#define WD_AUDIT_DATE_WINDOW_DAYS         31

#define WD_TYPE_AUDIT (wd_audit_get_type ())

G_DECLARE_FINAL_TYPE (WdAudit, wd_audit, WD, AUDIT, GObject)

WdAudit     *wd_audit_new                         (void);

/* A check older than this many days is stale (stale-check). */
guint        wd_audit_get_stale_days              (WdAudit              *self);
void         wd_audit_set_stale_days              (WdAudit              *self,
                                                   guint                 days);
/* Fewer registrable domains than this is weak sourcing. */
guint        wd_audit_get_min_independent_sources (WdAudit              *self);
void         wd_audit_set_min_independent_sources (WdAudit              *self,
                                                   guint                 n);
/* The time checks' age is measured against; NULL (the default) means the
 * current time of each run. */
GDateTime   *wd_audit_get_now                     (WdAudit              *self);
void         wd_audit_set_now                     (WdAudit              *self,
                                                   GDateTime            *now);

/* The sources' captured texts (wd_quote_texts_from_package()) the
 * article's quotations are checked against; NULL (the default) leaves
 * quotations unchecked. Applies from the next run. */
WdQuoteTexts *wd_audit_get_quote_texts            (WdAudit              *self);
void         wd_audit_set_quote_texts             (WdAudit              *self,
                                                   WdQuoteTexts         *texts);

/* The findings of the last run: article-wide first, then by source in
 * the article's order, then by position in the body. */
GListModel  *wd_audit_get_findings                (WdAudit              *self);
guint        wd_audit_get_n_errors                (WdAudit              *self);
guint        wd_audit_get_n_warnings              (WdAudit              *self);
guint        wd_audit_get_n_infos                 (WdAudit              *self);
/* "2 errors, 3 warnings, 1 note", or "No problems found". */
char        *wd_audit_dup_summary                 (WdAudit              *self);
/* The most serious finding first, in short: "No wire or official
 * source · 26 more" (its message up to a colon), or "No problems
 * found". */
char        *wd_audit_dup_headline                (WdAudit              *self);

/* Audits @article now and returns the findings (transfer none: the same
 * model as wd_audit_get_findings()). */
GListModel  *wd_audit_run                         (WdAudit              *self,
                                                   WdArticle            *article);

/* The same in a worker thread. _finish() publishes the findings to the
 * model and the counts; a run overtaken by a later one (or cancelled)
 * publishes nothing and fails with G_IO_ERROR_CANCELLED. */
void         wd_audit_run_async                   (WdAudit              *self,
                                                   WdArticle            *article,
                                                   GCancellable         *cancellable,
                                                   GAsyncReadyCallback   callback,
                                                   gpointer              user_data);
gboolean     wd_audit_run_finish                  (WdAudit              *self,
                                                   GAsyncResult         *result,
                                                   GError              **error);

G_END_DECLS

/* wd-audit-private.h: the audit's work on a copy of the article, so that
 * it can run in a thread while the editor goes on changing the article. */
#pragma once

#include "wd-audit.h"
#include "wd-quotes.h"

G_BEGIN_DECLS

typedef struct
{
  char          *id;
  char          *name;             /* label, else title, else URL */
  char          *url;
  WdSourceKind   kind;
  gboolean       checked;
  WdCheckStatus  status;
  guint          http_status;
  char          *final_url;
  char          *canonical;
  char          *checked_at;
  char          *published;
  char          *content_sha256;
  char          *baseline_sha256;
} WdAuditSource;

typedef struct
{
  char       *body;
  char       *dateline;
  char       *created;
  GArray     *sources;             /* of WdAuditSource */
  GDateTime  *now;
  guint       stale_days;
  guint       min_independent;
  guint       generation;          /* which run this is, for async */
  WdQuoteTexts *quote_texts;       /* the sources' captured texts, or NULL */
} WdAuditInput;

WdAuditInput *_wd_audit_input_new     (WdArticle    *article,
                                       GDateTime    *now,
                                       guint         stale_days,
                                       guint         min_independent);
void          _wd_audit_input_free    (WdAuditInput *input);

/* The findings (GPtrArray of WdFinding) in the model's order. */
GPtrArray    *_wd_audit_compute       (WdAuditInput *input);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (WdAuditInput, _wd_audit_input_free)

G_END_DECLS

/* wd-finding.h: one thing the provenance audit found about an article.
 *
 * A finding has a stable code (the nick of WdFindingCode, e.g.
 * "uncited-paragraph": part of the CLI's JSON contract, never renamed), a
 * severity, a translated message, and what it points at: a source (by its
 * stable id), a range of the body (paragraph index and byte offsets), or
 * the article as a whole. A finding's words never change once the audit
 * made it; its place can: WdAudit's model keeps a finding a later audit
 * finds again elsewhere (text typed before it moved it) and moves it, with
 * notify::paragraph, ::start and ::end.
 */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

typedef enum
{
  WD_FINDING_SEVERITY_INFO,
  WD_FINDING_SEVERITY_WARNING,
  WD_FINDING_SEVERITY_ERROR,
} WdFindingSeverity;

/* The nicks are the stable codes: see docs/AUDIT.md. */
typedef enum
{
  WD_FINDING_CODE_UNCHECKED,
  WD_FINDING_CODE_STALE_CHECK,
  WD_FINDING_CODE_BROKEN_SOURCE,
  WD_FINDING_CODE_MOVED_SOURCE,
  WD_FINDING_CODE_CONTENT_CHANGED,
  WD_FINDING_CODE_UNCITED_PARAGRAPH,
  WD_FINDING_CODE_UNUSED_SOURCE,
  WD_FINDING_CODE_DUPLICATE_SOURCE,
  WD_FINDING_CODE_FEW_INDEPENDENT_SOURCES,
  WD_FINDING_CODE_NO_PRIMARY_SOURCE,
  WD_FINDING_CODE_DATE_CONFLICT,
  WD_FINDING_CODE_UNKNOWN_CITATION,
  /* Quotations checked against the evidence package (wd-quotes.h). */
  WD_FINDING_CODE_QUOTE_NOT_FOUND,
  WD_FINDING_CODE_QUOTE_ALTERED,
  WD_FINDING_CODE_QUOTE_IN_OTHER_SOURCE,
  WD_FINDING_CODE_QUOTE_REMOVED,
  WD_FINDING_CODE_QUOTE_UNVERIFIABLE,
} WdFindingCode;

#define WD_TYPE_FINDING (wd_finding_get_type ())

G_DECLARE_FINAL_TYPE (WdFinding, wd_finding, WD, FINDING, GObject)

WdFinding          *wd_finding_new                (WdFindingCode      code,
                                                   WdFindingSeverity  severity,
                                                   const char        *message);

WdFindingCode       wd_finding_get_code           (WdFinding         *self);
/* "uncited-paragraph", "few-independent-sources", … */
const char         *wd_finding_get_code_nick      (WdFinding         *self);
WdFindingSeverity   wd_finding_get_severity       (WdFinding         *self);
const char         *wd_finding_get_message        (WdFinding         *self);

/* The source the finding is about, or NULL. */
const char         *wd_finding_get_source_id      (WdFinding         *self);
/* duplicate-source: the earlier source this one duplicates. */
const char         *wd_finding_get_related_source_id (WdFinding      *self);
/* The 0-based index of the body paragraph (headings are not paragraphs),
 * or -1 when the finding is not about a paragraph. */
int                 wd_finding_get_paragraph      (WdFinding         *self);
/* The byte range of the body the finding points at (a paragraph, a
 * citation, a date). FALSE when it points at none. */
gboolean            wd_finding_get_range          (WdFinding         *self,
                                                   gsize             *start,
                                                   gsize             *end);
/* The same range in characters of the body (Unicode code points, what
 * GtkTextBuffer's offsets count), so a view needs no walk of the text.
 * FALSE when it points at none. */
gboolean            wd_finding_get_char_range     (WdFinding         *self,
                                                   gsize             *start,
                                                   gsize             *end);
/* moved-source: the URL that should replace the attached one. */
const char         *wd_finding_get_replacement    (WdFinding         *self);
/* Details for tools, e.g. the registrable domains counted by
 * few-independent-sources. Never NULL. */
const char * const *wd_finding_get_items          (WdFinding         *self);

/* Same code, severity, message and target. */
gboolean            wd_finding_equal              (WdFinding         *a,
                                                   WdFinding         *b);

G_END_DECLS

/* wd-quotes.h: the article's quotations, checked against what its sources said.
 *
 * A quotation is text between matching quotation marks ("…", “…”, „…“,
 * ‚…‘, «…», ‹…›) of at least WD_QUOTE_MIN_WORDS words, in a paragraph
 * that cites sources; shorter ones are scare quotes. "…" or "..." inside
 * marks an omission: the parts must appear in that order.
 *
 * Each is looked for in the visible text of the cited sources' latest
 * live capture: exactly; then normalised (Unicode NFKC, case, quotation
 * marks, dashes and punctuation, white space and line breaks, soft
 * hyphens, words hyphenated across a line, tags); then as a near match
 * (at least WD_QUOTE_NEAR_SHARE of its words, in order; with omissions
 * each part at least half of its own), never when a negation ("not",
 * "nicht", "pas", "never", …) differs between the two.
 */
#pragma once

#include <glib-object.h>

#include "wd-article.h"
#include "wd-evidence.h"

G_BEGIN_DECLS

#define WD_QUOTE_MIN_WORDS   4
/* The share of a quotation's words a near match must have, in order. */
#define WD_QUOTE_NEAR_SHARE  0.75

typedef enum
{
  WD_QUOTE_VERDICT_VERIFIED,
  WD_QUOTE_VERDICT_ALTERED,          /* a near match: source_text has the source's words */
  WD_QUOTE_VERDICT_NOT_FOUND,
  WD_QUOTE_VERDICT_IN_OTHER_SOURCE,  /* in a source the paragraph does not cite */
  WD_QUOTE_VERDICT_REMOVED,          /* in the baseline, gone from the latest capture */
  WD_QUOTE_VERDICT_UNVERIFIABLE,     /* no cited source has a live capture */
} WdQuoteVerdict;

typedef struct
{
  guint           paragraph;     /* 0-based, as wd_citations_scan() counts */
  gsize           start;         /* the quotation's text in the body, marks excluded */
  gsize           end;
  char           *text;          /* that text, citation markers removed */
  WdQuoteVerdict  verdict;
  char           *source;        /* the source it was found in (or not) */
  char           *source_text;   /* the source's own words: altered, in-other-source; removed: what
                                  * the latest capture says instead, when near */
  char           *problem;       /* unverifiable: why @source's capture cannot be read, or NULL */
} WdQuote;

void       wd_quote_free         (WdQuote *quote);

/* The sources' captured texts, prepared once for many checks (the audit
 * reruns as the editor types). Immutable once built: usable from any
 * thread. */
typedef struct _WdQuoteTexts WdQuoteTexts;

WdQuoteTexts *wd_quote_texts_new    (void);
WdQuoteTexts *wd_quote_texts_ref    (WdQuoteTexts *texts);
void          wd_quote_texts_unref  (WdQuoteTexts *texts);
/* @latest: the visible text of the source's latest live capture, @baseline
 * that of its first one (either may be NULL). */
void          wd_quote_texts_add    (WdQuoteTexts *texts,
                                     const char   *source_id,
                                     const char   *latest,
                                     const char   *baseline);
/* @source_id's capture could not be read (@source_id NULL: the whole
 * package): its quotations are unverifiable, saying @problem. */
void          wd_quote_texts_add_unreadable (WdQuoteTexts *texts,
                                             const char   *source_id,
                                             const char   *problem);
/* (element-type utf8) (transfer none): every record that could not be
 * read, one message each naming the package and the record. */
GPtrArray    *wd_quote_texts_get_problems   (WdQuoteTexts *texts);
/* (element-type utf8) (transfer none): the ids of the sources those
 * records belong to (latest or baseline capture), each once, in order. */
GPtrArray    *wd_quote_texts_get_damaged_sources (WdQuoteTexts *texts);
/* The texts of @article's sources in @package (missing ones are left out).
 * A page with no visible text is an empty text. A record that cannot be
 * read (damaged, over the size limit) is no failure: that source alone
 * is unreadable (wd_quote_texts_add_unreadable()), the others are read. */
WdQuoteTexts *wd_quote_texts_from_package (WdEvidencePackage *package,
                                           WdArticle         *article,
                                           GError           **error);
/* The same for the sources @ids (NULL-terminated): usable in a thread. */
WdQuoteTexts *wd_quote_texts_from_package_ids (WdEvidencePackage   *package,
                                               const char * const  *ids,
                                               GError             **error);

/* The quotations of @body (GPtrArray of WdQuote, verdicts not set). */
GPtrArray *wd_quotes_scan        (const char    *body);
/* Scans @body and gives each quotation its verdict. @source_ids are all the
 * article's sources, in order (for in-other-source). */
GPtrArray *wd_quotes_check       (const char          *body,
                                  const char * const  *source_ids,
                                  WdQuoteTexts        *texts);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (WdQuote, wd_quote_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (WdQuoteTexts, wd_quote_texts_unref)

G_END_DECLS

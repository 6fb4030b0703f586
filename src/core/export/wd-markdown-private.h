/* wd-markdown-private.h: the article body (Markdown) rendered for export.
 *
 * Parsed with cmark in its safe mode: raw HTML in the body is dropped and
 * links with dangerous schemes (javascript:, vbscript:, file:, most data:)
 * lose their target.
 *
 * Citations: a marker "[^SOURCE-ID]" that the citation scanner finds
 * (wd-citations.h), where SOURCE-ID is the id of one of the article's
 * sources, becomes a numbered reference ("[1]", numbered by
 * wd_citations_number(): order of first citation, a source cited twice
 * keeps its number). The HTML ends with a list of the cited sources
 * (<section class="citations">, items with id="citation-N", linked from the
 * markers); the plain text ends with "[N] Title <URL>" lines. A marker that
 * names no source is left as written and reported. What the scanner does
 * not take for a citation (markers in code, escaped ones, malformed ids)
 * is text.
 */
#pragma once

#include "wd-article.h"

G_BEGIN_DECLS

typedef struct
{
  char      *html;        /* UTF-8 HTML fragment; "" for an empty body or without @with_html */
  char      *text;        /* plain text, paragraphs separated by a blank line */
  GPtrArray *cited;       /* WdSource (borrowed from the article), in footnote order */
  GPtrArray *unknown_ids; /* char *, markers naming no source, first-seen order, unique */
  guint      word_count;  /* words of the running text, without the source list */
  guint      char_count;  /* characters of the running text, without the source list */
} WdRenderedBody;

WdRenderedBody *_wd_rendered_body_new  (WdArticle      *article,
                                        gboolean        with_html);
void            _wd_rendered_body_free (WdRenderedBody *body);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (WdRenderedBody, _wd_rendered_body_free)

/* Internal to the renderer: the parsed document, citations resolved into
 * CMARK_NODE_CUSTOM_INLINE nodes whose user data is the citation number. */
typedef struct cmark_node cmark_node;
char           *_wd_markdown_render_text (cmark_node *document);

G_END_DECLS

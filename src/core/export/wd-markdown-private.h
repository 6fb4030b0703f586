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

/* The body as blocks of markup, for the editor's preview (see
 * wd-markdown-blocks.c). */
typedef enum
{
  WD_BODY_BLOCK_PARAGRAPH,
  WD_BODY_BLOCK_HEADING,
  WD_BODY_BLOCK_CODE,
  WD_BODY_BLOCK_RULE,
  WD_BODY_BLOCK_SOURCE,   /* an entry of the source list, after the body */
} WdBodyBlockKind;

typedef struct
{
  WdBodyBlockKind kind;
  guint  level;        /* a heading's level (1-6), a source's number */
  guint  quote_depth;  /* block quotes around the block */
  guint  list_depth;   /* lists around it */
  char  *marker;       /* "•" or "3." on the first block of a list item, "[2]"
                        * on a source; NULL otherwise */
  char  *markup;       /* GMarkup a label shows: the text escaped, <i> <b> <tt>
                        * <sup> and <a href> (http, https, mailto, and
                        * "#citation-N" on citations) */
} WdBodyBlock;

void            _wd_body_block_free  (WdBodyBlock       *block);
gboolean        _wd_body_block_equal (const WdBodyBlock *a,
                                      const WdBodyBlock *b);

typedef struct
{
  char      *html;        /* UTF-8 HTML fragment; "" for an empty body or without @with_html */
  char      *text;        /* plain text, paragraphs separated by a blank line */
  GPtrArray *cited;       /* WdSource (borrowed from the article), in footnote order */
  GPtrArray *unknown_ids; /* char *, markers naming no source, first-seen order, unique */
  guint      word_count;  /* words of the running text, without the source list */
  guint      char_count;  /* characters of the running text, without the source list */
  GPtrArray *blocks;      /* WdBodyBlock, the body then its source list; NULL
                           * unless from _wd_rendered_body_new_blocks() */
} WdRenderedBody;

WdRenderedBody *_wd_rendered_body_new  (WdArticle      *article,
                                        gboolean        with_html);
/* The text and the blocks, no HTML: what the preview shows. */
WdRenderedBody *_wd_rendered_body_new_blocks (WdArticle *article);
void            _wd_rendered_body_free (WdRenderedBody *body);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (WdRenderedBody, _wd_rendered_body_free)

/* Internal to the renderer: the parsed document, citations resolved into
 * CMARK_NODE_CUSTOM_INLINE nodes whose user data is the citation number. */
typedef struct cmark_node cmark_node;
char           *_wd_markdown_render_text (cmark_node *document);
GPtrArray      *_wd_markdown_render_blocks (cmark_node *document);
void            _wd_markdown_append_source_blocks (GPtrArray *blocks,
                                                   GPtrArray *cited);
/* How many lists hold @node. */
guint           _wd_markdown_list_depth  (cmark_node *node);
/* @node's literal without its trailing newlines, @len bytes of it; NULL
 * (and 0) for a node without one. */
const char     *_wd_markdown_literal     (cmark_node *node,
                                          gsize      *len);
/* "3." or "3)" for an item of an ordered list, @bullet otherwise. */
char           *_wd_markdown_item_marker (cmark_node *item,
                                          const char *bullet);
/* The site name a check found for @source, NULL without one. */
char           *_wd_source_dup_publisher (WdSource   *source);

G_END_DECLS

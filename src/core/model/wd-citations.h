/* wd-citations.h: citations of sources in the Markdown body.
 *
 * Syntax. A citation is a Markdown footnote reference whose label is the
 * cited source's stable id (WdSource:id):
 *
 *     Karpathy joined Anthropic on 19 May 2026.[^3f2a…-uuid]
 *     Two sources back this up.[^src-a][^src-b]
 *
 * - The id never changes when the source is relabelled, reordered or its
 *   URL fixed, and it is saved in the .wiredesk file, so citations survive
 *   editing, saving and re-import.
 * - Several sources cited at one point are adjacent markers.
 * - The body holds only the markers; exports generate the numbered
 *   footnote list (wd_citations_to_footnotes()). A line starting with
 *   "[^id]:" is a footnote definition, not a citation.
 * - Markers inside `code spans` or fenced ``` blocks, and escaped ones
 *   ("\[^x]"), are text, not citations.
 * - An id is 1 to WD_CITATION_MAX_ID bytes without white space, control
 *   characters, "[" or "]" (as the exports read them).
 *
 * Paragraphs. The body's paragraphs are its blocks separated by blank
 * lines, except "#" headings (a heading line is never part of a
 * paragraph) and thematic breaks ("---"). A fenced code block is one
 * paragraph even when it holds blank lines. Offsets are in bytes of the
 * UTF-8 body.
 */
#pragma once

#include "wd-article.h"

G_BEGIN_DECLS

/* The same limit as the exports' marker parser (wd-markdown-html.c). */
#define WD_CITATION_MAX_ID 200

typedef struct
{
  gsize  start;           /* first byte of the paragraph's text */
  gsize  end;             /* end of its last line, before the newline */
  guint  index;           /* 0-based, in body order */
  guint  n_citations;     /* markers inside, whatever they cite */
} WdParagraph;

typedef struct
{
  gsize  start;           /* the whole marker "[^id]" */
  gsize  end;
  char  *source_id;
  guint  paragraph;       /* index of its paragraph, G_MAXUINT in a heading */
} WdCitation;

/* Splits @body into paragraphs (GArray of WdParagraph) and finds its
 * citations (GArray of WdCitation, in body order; the array frees the
 * ids). Either out argument may be NULL. A NULL body has neither. */
void        wd_citations_scan              (const char     *body,
                                            GArray        **paragraphs,
                                            GArray        **citations);

/* TRUE when @id can be written as a citation marker. */
gboolean    wd_citations_id_is_valid       (const char     *id);

/* "[^id]" */
char       *wd_citations_format_marker     (const char     *source_id);

/* Where a citation asked for at @offset goes: @offset itself, or the end
 * of the run of markers @offset falls in or directly precedes, so a new
 * marker never splits another. FALSE where a marker would be text, not a
 * citation, or would change the text around it: inside a code span, a
 * fenced block or its fence lines, a footnote definition line, a run of
 * backticks, after a backslash, or where it would start a footnote
 * definition ("[^id]:"). @offset
 * must be on a character boundary. */
gboolean    wd_citations_insertion_point   (const char     *body,
                                            gsize           offset,
                                            gsize          *point);

/* A copy of @body with a citation of @source_id at the insertion point
 * for @offset; *marker_start (nullable) receives where the marker begins.
 * When that run of markers already cites the source, the body comes back
 * unchanged and *marker_start points at the existing marker. NULL where
 * no citation can go (see wd_citations_insertion_point()). */
char       *wd_citations_insert            (const char     *body,
                                            gsize           offset,
                                            const char     *source_id,
                                            gsize          *marker_start);

/* How many times @body cites @source_id. */
guint       wd_citations_count_source      (const char     *body,
                                            const char     *source_id);

/* A copy of @body without the citations of @source_id (a space left
 * dangling before punctuation or the line end goes too), none left even
 * where removing one turns code into text; *n_removed (nullable)
 * receives how many were removed. */
char       *wd_citations_remove_source     (const char     *body,
                                            const char     *source_id,
                                            guint          *n_removed);

/* The paragraphs (GArray of WdParagraph) that cite nothing. When
 * @known_ids (a set of source ids) is given, a paragraph citing only ids
 * outside it counts as uncited. */
GArray     *wd_citations_uncited_paragraphs (const char    *body,
                                            GHashTable     *known_ids);

/* For exports: @body with each citation of one of @article's sources
 * replaced by a footnote reference numbered in order of first citation
 * ("[^1]"), followed by the footnote list ("[^1]: Label, <url>").
 * Citations of unknown ids are left as they are. */
char       *wd_citations_to_footnotes      (const char     *body,
                                            WdArticle      *article);

G_END_DECLS

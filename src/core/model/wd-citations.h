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
 *   footnote list, numbered by wd_citations_number() wherever numbers
 *   show (the editor's chips, the HTML and text renderings, Markdown
 *   footnotes). A line starting with
 *   "[^id]:" is a footnote definition, not a citation.
 * - Markers inside `code spans` or fenced ``` blocks, and escaped ones
 *   ("\[^x]"), are text, not citations.
 * - An id is 1 to WD_CITATION_MAX_ID bytes without white space, control
 *   characters, "[" or "]"; a longer or otherwise malformed "[^…]" is text.
 *
 * This file is the only reader of markers: the audit, the editor, the
 * import and every export take what wd_citations_scan() finds.
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
  guint  number;          /* its footnote number once wd_citations_number()
                           * ran, 0 for an id outside the known ones */
} WdCitation;

/* Splits @body into paragraphs (GArray of WdParagraph) and finds its
 * citations (GArray of WdCitation, in body order; the array frees the
 * ids). Either out argument may be NULL. A NULL body has neither. */
void        wd_citations_scan              (const char     *body,
                                            GArray        **paragraphs,
                                            GArray        **citations);

/* Numbers @citations (from wd_citations_scan()) as every rendering
 * numbers footnotes: in body order, each id of @known_ids (a set of
 * source ids; NULL: every id) gets the next number, from 1, at its first
 * citation and keeps it when cited again; a citation of any other id gets
 * 0. Sets each citation's number and returns the numbered ids in
 * footnote order (strings owned by the array). @unknown_ids (nullable)
 * receives the other ids, in order of first citation, each once. */
GPtrArray  *wd_citations_number            (GArray         *citations,
                                            GHashTable     *known_ids,
                                            GPtrArray     **unknown_ids);

/* The ids of @article's sources: a set (keys owned by the table) for
 * wd_citations_number() and wd_citations_uncited_paragraphs(). */
GHashTable *wd_citations_dup_known_ids     (WdArticle      *article);

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
/* The same for a body already scanned (wd_citations_scan()). */
GArray     *wd_citations_find_uncited      (GArray         *paragraphs,
                                            GArray         *citations,
                                            GHashTable     *known_ids);

/* For exports: @body with each citation of one of @article's sources
 * replaced by its footnote reference ("[^1]", see wd_citations_number()),
 * followed by the footnote list ("[^1]: Label, <url>"). Citations of
 * unknown ids are left as they are. */
char       *wd_citations_to_footnotes      (const char     *body,
                                            WdArticle      *article);

G_END_DECLS

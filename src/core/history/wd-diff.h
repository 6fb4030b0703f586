/* src/core/history/ — the article's own history: wd-diff (word diff), wd-revision (one saved
 *   state) and wd-revision-text (its text), wd-history (the revisions of a document, rebuilding,
 *   restore, corrections), stored as differences (wd-history-changes) in its "history" member
 *   (wd-history-format reads and writes it); wd-revision-diff compares two revisions.
 *   wd-history-private.h is the folder's interface to document/.
 */
/* wd-diff.h: a word diff of two texts, for display and for storing revisions
 * as differences. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef enum
{
  WD_DIFF_EQUAL,   /* in both texts */
  WD_DIFF_DELETE,  /* only in the first (old) text */
  WD_DIFF_INSERT,  /* only in the second (new) text */
} WdDiffOp;

/* One run of the diff. a_start is the offset in the old text (EQUAL,
 * DELETE), b_start in the new one (EQUAL, INSERT); len is in bytes. */
typedef struct
{
  WdDiffOp op;
  gsize    a_start;
  gsize    b_start;
  gsize    len;
} WdDiffSegment;

/* The differences between @a and @b (UTF-8, NULL as ""), at the
 * granularity of words, spaces and punctuation marks: paragraphs are
 * matched first, then the words of the paragraphs that changed. Always a
 * correct edit script; on very different texts a coarse one (the time
 * spent is bounded). Segments never split a UTF-8 character.
 * Returns: (element-type WdDiffSegment): the segments in order. */
GArray  *wd_diff_words        (const char *a,
                               const char *b);

/* How many words (runs of letters and digits) the segments insert into
 * and delete from the text. */
void     wd_diff_count_words  (const char *a,
                               const char *b,
                               GArray     *segments,
                               guint      *added,
                               guint      *removed);

/* The number of words of @text. */
guint    wd_diff_word_count   (const char *text);

/* A readable rendering: "[-removed-]{+added+}", the unchanged stretches
 * longer than @context words on each side shortened to " … " (0 keeps
 * everything). */
char    *wd_diff_render_plain (const char *a,
                               const char *b,
                               GArray     *segments,
                               guint       context);

/* @text (@len bytes) with its middle shortened to " … " when it has more
 * than 2 × @context + 1 words: the first @context words kept when
 * @keep_head, the last when @keep_tail. */
char    *wd_diff_shorten      (const char *text,
                               gsize       len,
                               guint       context,
                               gboolean    keep_head,
                               gboolean    keep_tail);

G_END_DECLS

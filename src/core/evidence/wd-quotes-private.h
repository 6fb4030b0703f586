/* wd-quotes-private.h: what the files of the quotation check share.
 *
 * wd-quote-words.c turns a text into normalised words (and indexes a
 * source's), wd-quote-match.c finds a quotation's words in a source's
 * (exact, then near), wd-quote-scan.c finds the quotations in the body,
 * wd-quotes.c keeps the sources' texts and gives each quotation its
 * verdict. */
#pragma once

#include <string.h>

#include "wd-quotes.h"

G_BEGIN_DECLS

typedef struct
{
  guint32 hash;
  guint   word;        /* offset of the normalised word in the pool */
  guint   len : 31;
  guint   negation : 1;
  guint   kind;        /* indexed sources: one number per distinct hash, < n_kinds */
  guint   block;       /* paragraphs before it: a blank line ("\n\n",
                        * between a page's blocks) ends one; a match
                        * never spans two */
  gsize   start;       /* the word in the original text */
  gsize   end;
} WdQuoteToken;

typedef struct
{
  const char *text;    /* borrowed: the original */
  GString    *pool;    /* normalised words, NUL-separated */
  GArray     *tokens;  /* WdQuoteToken */
  GArray     *index;   /* WdQuoteOccurrence, sorted by word then position; sources only */
  guint       n_kinds; /* distinct word hashes in the index */
  GArray     *block_ends;  /* guint: the first token after each paragraph but the last */
} WdQuoteWords;

typedef struct
{
  guint32 hash;
  guint   pos;
} WdQuoteOccurrence;

#define TOKEN(w, i) (&g_array_index ((w)->tokens, WdQuoteToken, (i)))

typedef enum
{
  WD_QUOTE_MATCH_NONE,
  WD_QUOTE_MATCH_NEAR,
  WD_QUOTE_MATCH_EXACT,   /* the same words, normalised */
} WdQuoteMatchKind;

/* wd-quote-words.c */
void     _wd_quote_words_init        (WdQuoteWords       *w,
                                      const char         *text,
                                      gsize               len);
/* Where each word of a source is, for searching it many times. */
void     _wd_quote_words_index       (WdQuoteWords       *w);
/* The token after the last one of paragraph @block. */
static inline guint
_wd_quote_block_end (const WdQuoteWords *w,
                     guint               block)
{
  return block < w->block_ends->len ? g_array_index (w->block_ends, guint, block) : w->tokens->len;
}
void     _wd_quote_words_clear       (WdQuoteWords       *w);
/* The occurrences of words hashing to @hash at @from or later. */
const WdQuoteOccurrence *
         _wd_quote_words_occurrences (const WdQuoteWords *w,
                                      guint32             hash,
                                      guint               from,
                                      guint              *n);

static inline gboolean
_wd_quote_same_word (const WdQuoteWords *a,
                     const WdQuoteToken *x,
                     const WdQuoteWords *b,
                     const WdQuoteToken *y)
{
  return x->hash == y->hash && x->len == y->len &&
         memcmp (a->pool->str + x->word, b->pool->str + y->word, x->len) == 0;
}

/* wd-quote-match.c */
/* Each part between omission marks, as a range of the quotation's words. */
GArray           *_wd_quote_split_parts (const char         *text,
                                         WdQuoteWords       *q);
/* The quotation in one text: every part, in order. */
WdQuoteMatchKind  _wd_quote_match_text  (const WdQuoteWords *s,
                                         WdQuoteWords       *q,
                                         GArray             *parts,
                                         guint              *first,
                                         guint              *last);
/* The source's words from token @first to @last, as written. */
char             *_wd_quote_span_text   (const WdQuoteWords *s,
                                         guint               first,
                                         guint               last);

G_END_DECLS

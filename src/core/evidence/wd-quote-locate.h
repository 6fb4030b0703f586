/* wd-quote-locate.h: where a quotation stands in a source's captured text,
 * to show it there. wd-quotes.h decides whether the text has it; this
 * finds the words again, for highlighting. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct
{
  gsize start;   /* bytes of the captured text */
  gsize end;
} WdQuoteRange;

/* The byte ranges of @text holding @quote: one per part of it ("…" or
 * "..." marks an omission), in order. The words are compared as letters
 * and digits, normalised (NFKC) and case-folded, so that punctuation,
 * quotation marks, line breaks and soft hyphens between them do not
 * matter. NULL when a part is not there after the one before.
 * Returns: (element-type WdQuoteRange) (nullable) */
GArray *wd_quote_locate (const char *text,
                         const char *quote);

G_END_DECLS

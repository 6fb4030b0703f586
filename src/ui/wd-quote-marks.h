/* wd-quote-marks.h: the body's quotations that the audit found a problem
 * with (not in the cited sources, in other words, gone from the latest
 * capture, from a source the paragraph does not cite), underlined like a
 * spelling error in a colour of their own, the finding on hover. */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define WD_TYPE_QUOTE_MARKS (wd_quote_marks_get_type ())

G_DECLARE_FINAL_TYPE (WdQuoteMarks, wd_quote_marks, WD, QUOTE_MARKS, GObject)

/* Marks go into @view's buffer (tag "wd-quote-problem"). */
WdQuoteMarks *wd_quote_marks_new            (GtkTextView       *view);
/* Marks the quotations of @findings (a GListModel of WdFinding, from an
 * audit of the buffer's text as it is now) and drops the others. */
void          wd_quote_marks_update         (WdQuoteMarks      *self,
                                             GListModel        *findings);
/* What the mark at @iter says ("Quotation not found: …"), or NULL. */
char         *wd_quote_marks_dup_tooltip_at (WdQuoteMarks      *self,
                                             const GtkTextIter *iter);
guint         wd_quote_marks_get_n_marks    (WdQuoteMarks      *self);

G_END_DECLS

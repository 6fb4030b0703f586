/* wd-text-scroll.h: scrolls a text view to a mark once GTK has laid the
 * view's text out — for a text just put into a view, where
 * gtk_text_view_scroll_to_mark() alone can leave the view at the top
 * (wd-text-scroll.c says why). */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

typedef struct _WdTextScroll WdTextScroll;

/* A scroller for @view, which must outlive it: its owner frees it in
 * its dispose. */
WdTextScroll *wd_text_scroll_new     (GtkTextView  *view);
void          wd_text_scroll_free    (WdTextScroll *self);

/* Scrolls @mark of the view's buffer to @yalign of the view's height
 * (0.0 the top, 1.0 the bottom) once the view has a height and all its
 * text is laid out; a later call replaces an earlier one not done yet. */
void          wd_text_scroll_to_mark (WdTextScroll *self,
                                      GtkTextMark  *mark,
                                      double        yalign);
/* The same, scrolling only as far as needed to bring @mark inside the
 * view, @within_margin (a fraction of its size) off its edges: a match
 * found, say. */
void          wd_text_scroll_into_view (WdTextScroll *self,
                                        GtkTextMark  *mark,
                                        double        within_margin);
/* Drops the scroll asked for, if not done yet (the text it was for is
 * going). */
void          wd_text_scroll_cancel  (WdTextScroll *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (WdTextScroll, wd_text_scroll_free)

G_END_DECLS

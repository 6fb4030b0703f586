/* wd-search-bar.h: find and replace over a GtkSourceView, on its search
 * context — the match count ("3 of 12"), case and whole-word toggles,
 * replace one or all (one undo step). Escape closes it. */
#pragma once

#include <gtksourceview/gtksource.h>

#include "wd-text-scroll.h"

G_BEGIN_DECLS

#define WD_TYPE_SEARCH_BAR (wd_search_bar_get_type ())

G_DECLARE_FINAL_TYPE (WdSearchBar, wd_search_bar, WD, SEARCH_BAR, GtkWidget)

/* The text view searched and its scroller, which its owner keeps while
 * the bar lives: a match found is scrolled into sight through it. */
void      wd_search_bar_set_view      (WdSearchBar   *self,
                                       GtkSourceView *view,
                                       WdTextScroll  *scroll);
/* Shows the bar (with the replace row when @replace), the selection as
 * what to find, and focuses the find entry. */
void      wd_search_bar_open          (WdSearchBar   *self,
                                       gboolean       replace);
/* Hides it, drops the highlighting, and gives the focus back to the view. */
void      wd_search_bar_close         (WdSearchBar   *self);
gboolean  wd_search_bar_is_open       (WdSearchBar   *self);
/* Selects the next (previous) match, wrapping around. */
void      wd_search_bar_move          (WdSearchBar   *self,
                                       gboolean       forward);
/* Replaces every match, as one undo step; returns how many. */
guint     wd_search_bar_replace_all   (WdSearchBar   *self);
GtkSourceSearchContext *wd_search_bar_get_context (WdSearchBar *self);

G_END_DECLS

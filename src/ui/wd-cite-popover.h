/* wd-cite-popover.h: "Cite Source…" — a searchable list of the article's
 * sources; choosing one emits "source-chosen" with its id and closes. */
#pragma once

#include <gtk/gtk.h>

#include "wiredesk-core.h"

G_BEGIN_DECLS

#define WD_TYPE_CITE_POPOVER (wd_cite_popover_get_type ())

G_DECLARE_FINAL_TYPE (WdCitePopover, wd_cite_popover, WD, CITE_POPOVER, GtkPopover)

GtkWidget *wd_cite_popover_new         (void);
void       wd_cite_popover_set_article (WdCitePopover *self,
                                        WdArticle     *article);
/* Empties the search, selects the first source, focuses the search. */
void       wd_cite_popover_reset       (WdCitePopover *self);

G_END_DECLS

#pragma once

#include <adwaita.h>

#include "wd-source-dialog.h"
#include "wiredesk-core.h"

G_BEGIN_DECLS

#define WD_TYPE_SOURCES_PANE (wd_sources_pane_get_type ())

G_DECLARE_FINAL_TYPE (WdSourcesPane, wd_sources_pane, WD, SOURCES_PANE, GtkBox)

WdArticle *wd_sources_pane_get_article  (WdSourcesPane *self);
void       wd_sources_pane_set_article  (WdSourcesPane *self,
                                         WdArticle     *article);

/* Adds a source for every URL in @text (one per line, or embedded in
 * prose); reports rejected lines and duplicates in a toast. Returns the
 * number of sources added. */
guint      wd_sources_pane_add_text     (WdSourcesPane *self,
                                         const char    *text);
void       wd_sources_pane_focus_entry  (WdSourcesPane *self);

/* Marks a row as being checked (spinner + "Checking…"). */
void       wd_sources_pane_set_checking (WdSourcesPane *self,
                                         WdSource      *source,
                                         gboolean       checking);

/* Scrolls to the row of @source and focuses it. */
void       wd_sources_pane_reveal_source (WdSourcesPane *self,
                                          WdSource      *source);

/* The row showing @source, or NULL. */
GtkWidget *wd_sources_pane_get_row      (WdSourcesPane *self,
                                         WdSource      *source);

/* Opens the details of @source (with its captures, when the pane is in a
 * WdWindow). Returns: (transfer none) the dialog, shown. */
WdSourceDialog *wd_sources_pane_show_details (WdSourcesPane *self,
                                              WdSource      *source);
/* The evidence package changed (a check ended): the details open list
 * their captures again. */
void       wd_sources_pane_reload_details (WdSourcesPane *self);

G_END_DECLS

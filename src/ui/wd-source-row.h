#pragma once

#include <gtk/gtk.h>

#include "wiredesk-core.h"

G_BEGIN_DECLS

#define WD_TYPE_SOURCE_ROW (wd_source_row_get_type ())

G_DECLARE_FINAL_TYPE (WdSourceRow, wd_source_row, WD, SOURCE_ROW, GtkListBoxRow)

GtkWidget *wd_source_row_new          (WdSource    *source);
WdSource  *wd_source_row_get_source   (WdSourceRow *self);
gboolean   wd_source_row_get_checking (WdSourceRow *self);
void       wd_source_row_set_checking (WdSourceRow *self,
                                       gboolean     checking);
/* The word the badge shows now ("OK", "Not found", "Checking…"). */
const char *wd_source_row_get_badge_text (WdSourceRow *self);

G_END_DECLS

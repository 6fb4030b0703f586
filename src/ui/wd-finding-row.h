/* wd-finding-row.h: how the audit panel's list shows one finding of the
 * provenance audit — severity icon, word and colour, the message, and a button for
 * the fix when the finding offers one. */
#pragma once

#include <gtk/gtk.h>

#include "wiredesk-core.h"

G_BEGIN_DECLS

#define WD_TYPE_FINDING_ROW (wd_finding_row_get_type ())

G_DECLARE_FINAL_TYPE (WdFindingRow, wd_finding_row, WD, FINDING_ROW, GtkBox)

GtkWidget *wd_finding_row_new         (void);
WdFinding *wd_finding_row_get_finding (WdFindingRow *self);
void       wd_finding_row_set_finding (WdFindingRow *self,
                                       WdFinding    *finding);
/* The fix's button, or NULL when the finding offers no fix. */
GtkWidget *wd_finding_row_get_fix     (WdFindingRow *self);

G_END_DECLS

/* wd-audit-panel.h: the findings of a WdAudit, one row each; activating
 * a row asks (signal "finding-activated") to show what it points at. */
#pragma once

#include <gtk/gtk.h>

#include "wiredesk-core.h"

G_BEGIN_DECLS

#define WD_TYPE_AUDIT_PANEL (wd_audit_panel_get_type ())

G_DECLARE_FINAL_TYPE (WdAuditPanel, wd_audit_panel, WD, AUDIT_PANEL, GtkBox)

WdAudit   *wd_audit_panel_get_audit (WdAuditPanel *self);
void       wd_audit_panel_set_audit (WdAuditPanel *self,
                                     WdAudit      *audit);

G_END_DECLS

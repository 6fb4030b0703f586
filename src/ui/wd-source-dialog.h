#pragma once

#include <adwaita.h>

#include "wiredesk-core.h"

G_BEGIN_DECLS

#define WD_TYPE_SOURCE_DIALOG (wd_source_dialog_get_type ())

G_DECLARE_FINAL_TYPE (WdSourceDialog, wd_source_dialog, WD, SOURCE_DIALOG, AdwWindow)

/* Every stored field of @source: label, kind and note editable, the last
 * check's metadata and the checker's detail read-only. */
GtkWindow *wd_source_dialog_new (GtkWindow *parent,
                                 WdSource  *source);

G_END_DECLS

#pragma once

#include <adwaita.h>

#include "wiredesk-core.h"

G_BEGIN_DECLS

#define WD_TYPE_APPLICATION (wd_application_get_type ())

G_DECLARE_FINAL_TYPE (WdApplication, wd_application, WD, APPLICATION, AdwApplication)

WdApplication *wd_application_new               (void);

/* NULL when the settings schema is not installed (nothing is remembered). */
GSettings     *wd_application_get_settings      (WdApplication *self);
WdDraftStore  *wd_application_get_draft_store   (WdApplication *self);

/* Shows @file: the window that already has it, else @hint when nobody
 * has typed in it, else a new window. */
void           wd_application_open_file         (WdApplication *self,
                                                 GFile         *file,
                                                 gpointer       hint);

/* Drafts an earlier session left (WdDraftInfo), offered once at start. */
GPtrArray     *wd_application_get_orphans       (WdApplication *self);
/* Reopens every orphaned draft in a window; returns how many. */
guint          wd_application_recover_orphans   (WdApplication *self,
                                                 GtkWindow     *parent);

G_END_DECLS

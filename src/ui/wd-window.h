#pragma once

#include <adwaita.h>

#include "wd-application.h"
#include "wiredesk-core.h"

G_BEGIN_DECLS

#define WD_TYPE_WINDOW (wd_window_get_type ())

G_DECLARE_FINAL_TYPE (WdWindow, wd_window, WD, WINDOW, AdwApplicationWindow)

WdWindow   *wd_window_new           (WdApplication *application);

/* Opens @file in this window: a .wiredesk document, or a plain-text or
 * Markdown file imported as a new, unsaved article. */
void        wd_window_load_file     (WdWindow      *self,
                                     GFile         *file);

/* Shows a draft left by an earlier session, unsaved, with its file. */
gboolean    wd_window_recover_draft (WdWindow          *self,
                                     const WdDraftInfo *info,
                                     GBytes            *contents,
                                     GError           **error);

/* What Export… does once a file and a format are chosen: writes the
 * article in @format, or tells (toast) why it cannot. */
void        wd_window_export        (WdWindow       *self,
                                     GFile          *file,
                                     WdExportFormat  format);

WdArticle  *wd_window_get_article   (WdWindow      *self);
GFile      *wd_window_get_file      (WdWindow      *self);
gboolean    wd_window_get_modified  (WdWindow      *self);
/* TRUE for a window nobody has typed into: a new file can open in it. */
gboolean    wd_window_is_pristine   (WdWindow      *self);
/* TRUE while a load or save is under way. */
gboolean    wd_window_get_busy      (WdWindow      *self);
const char *wd_window_get_draft_id  (WdWindow      *self);
/* The document's evidence package: beside its file, or in the draft
 * store for a document not saved yet; NULL without either. */
char       *wd_window_dup_evidence_path (WdWindow  *self);

G_END_DECLS

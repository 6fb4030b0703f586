/* wd-publish-dialog.h: sending the article to a CMS from the editor. */
#pragma once

#include <adwaita.h>

#include "wiredesk-core.h"

G_BEGIN_DECLS

#define WD_TYPE_PUBLISH_DIALOG (wd_publish_dialog_get_type ())

G_DECLARE_FINAL_TYPE (WdPublishDialog, wd_publish_dialog, WD, PUBLISH_DIALOG, AdwWindow)

/* A dialog over @parent publishing @article; @settings (nullable) keeps
 * the last endpoint and format. It emits "published" with the outcome
 * (a WdPublishOutcome) and the publication, then closes. */
WdPublishDialog *wd_publish_dialog_new (GtkWindow *parent,
                                        WdArticle *article,
                                        GSettings *settings);

G_END_DECLS

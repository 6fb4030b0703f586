#pragma once

#include <adwaita.h>

#include "wd-application.h"
#include "wiredesk-core.h"

G_BEGIN_DECLS

#define WD_TYPE_WINDOW (wd_window_get_type ())

G_DECLARE_FINAL_TYPE (WdWindow, wd_window, WD, WINDOW, AdwApplicationWindow)

WdWindow  *wd_window_new         (WdApplication *application);
void       wd_window_load_file   (WdWindow      *self,
                                  GFile         *file);
WdArticle *wd_window_get_article (WdWindow      *self);

G_END_DECLS

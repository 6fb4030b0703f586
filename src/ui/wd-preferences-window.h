#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define WD_TYPE_PREFERENCES_WINDOW (wd_preferences_window_get_type ())

G_DECLARE_FINAL_TYPE (WdPreferencesWindow, wd_preferences_window, WD, PREFERENCES_WINDOW, AdwPreferencesWindow)

GtkWindow *wd_preferences_window_new (GtkWindow *parent,
                                      GSettings *settings);

G_END_DECLS

#define G_LOG_DOMAIN "wd-preferences-window"

#include "config.h"

#include <glib/gi18n.h>

#include "wd-preferences-window.h"

struct _WdPreferencesWindow
{
  AdwPreferencesWindow  parent_instance;

  AdwEntryRow          *editor_name;
  AdwEntryRow          *default_language;
  GtkSpinButton        *check_timeout;
  GtkSpinButton        *check_concurrency;
  GtkSpinButton        *evidence_limit;
  GtkSpinButton        *audit_min_sources;
  GtkSpinButton        *audit_stale_days;
  GtkSpinButton        *headline_length;
  GtkSwitch            *spell_check;
};

G_DEFINE_FINAL_TYPE (WdPreferencesWindow, wd_preferences_window, ADW_TYPE_PREFERENCES_WINDOW)

static void
wd_preferences_window_class_init (WdPreferencesWindowClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/wiredesk/Wiredesk/ui/wd-preferences-window.ui");
  gtk_widget_class_bind_template_child (widget_class, WdPreferencesWindow, editor_name);
  gtk_widget_class_bind_template_child (widget_class, WdPreferencesWindow, default_language);
  gtk_widget_class_bind_template_child (widget_class, WdPreferencesWindow, check_timeout);
  gtk_widget_class_bind_template_child (widget_class, WdPreferencesWindow, check_concurrency);
  gtk_widget_class_bind_template_child (widget_class, WdPreferencesWindow, evidence_limit);
  gtk_widget_class_bind_template_child (widget_class, WdPreferencesWindow, audit_min_sources);
  gtk_widget_class_bind_template_child (widget_class, WdPreferencesWindow, audit_stale_days);
  gtk_widget_class_bind_template_child (widget_class, WdPreferencesWindow, headline_length);
  gtk_widget_class_bind_template_child (widget_class, WdPreferencesWindow, spell_check);
}

static void
wd_preferences_window_init (WdPreferencesWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWindow *
wd_preferences_window_new (GtkWindow *parent,
                           GSettings *settings)
{
  WdPreferencesWindow *self;

  g_return_val_if_fail (G_IS_SETTINGS (settings), NULL);

  self = g_object_new (WD_TYPE_PREFERENCES_WINDOW, "transient-for", parent, NULL);

  /* Bound, not copied: every change is stored as it is made. */
  g_settings_bind (settings, "editor-name", self->editor_name, "text", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (settings, "default-language", self->default_language, "text", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (settings, "check-timeout", self->check_timeout, "value", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (settings, "check-concurrency", self->check_concurrency, "value", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (settings, "evidence-limit-mb", self->evidence_limit, "value", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (settings, "audit-min-sources", self->audit_min_sources, "value", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (settings, "audit-stale-days", self->audit_stale_days, "value", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (settings, "headline-length", self->headline_length, "value", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (settings, "spell-check", self->spell_check, "active", G_SETTINGS_BIND_DEFAULT);

  return GTK_WINDOW (self);
}

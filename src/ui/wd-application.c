#define G_LOG_DOMAIN "wd-application"

#include "config.h"

#include <glib/gi18n.h>

#include "wd-application.h"
#include "wd-preferences-window.h"
#include "wd-ui-util.h"
#include "wd-window.h"

#define SCHEMA_ID "io.github.wiredesk.Wiredesk"

struct _WdApplication
{
  AdwApplication  parent_instance;

  GSettings      *settings;
  WdDraftStore   *draft_store;
  GPtrArray      *orphans;
  gboolean        previous_was_clean;
  gboolean        recovery_offered;
  guint           inhibit_cookie;
};

G_DEFINE_FINAL_TYPE (WdApplication, wd_application, ADW_TYPE_APPLICATION)

/* Installed schemas first; an uninstalled build finds its own. */
static GSettings *
create_settings (void)
{
  GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
  g_autoptr(GSettingsSchema) schema = NULL;

  if (source != NULL)
    schema = g_settings_schema_source_lookup (source, SCHEMA_ID, TRUE);

#ifdef WD_BUILD_SCHEMA_DIR
  if (schema == NULL)
    {
      g_autoptr(GSettingsSchemaSource) build = NULL;

      build = g_settings_schema_source_new_from_directory (WD_BUILD_SCHEMA_DIR, source, FALSE, NULL);
      if (build != NULL)
        schema = g_settings_schema_source_lookup (build, SCHEMA_ID, TRUE);
    }
#endif

  if (schema == NULL)
    {
      g_message ("The settings schema %s is not installed; settings will not be kept", SCHEMA_ID);
      return NULL;
    }

  return g_settings_new_full (schema, NULL, NULL);
}

GSettings *
wd_application_get_settings (WdApplication *self)
{
  g_return_val_if_fail (WD_IS_APPLICATION (self), NULL);
  return self->settings;
}

WdDraftStore *
wd_application_get_draft_store (WdApplication *self)
{
  g_return_val_if_fail (WD_IS_APPLICATION (self), NULL);
  return self->draft_store;
}

GPtrArray *
wd_application_get_orphans (WdApplication *self)
{
  g_return_val_if_fail (WD_IS_APPLICATION (self), NULL);
  return self->orphans;
}

/* ------------------------------------------------------------- documents */

static void
update_inhibit (WdApplication *self)
{
  gboolean unsaved = FALSE;

  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (self)); l != NULL; l = l->next)
    if (WD_IS_WINDOW (l->data) && wd_window_get_modified (l->data))
      unsaved = TRUE;

  if (unsaved && self->inhibit_cookie == 0)
    self->inhibit_cookie = gtk_application_inhibit (GTK_APPLICATION (self), NULL,
                                                    GTK_APPLICATION_INHIBIT_LOGOUT,
                                                    _("There are unsaved changes"));
  else if (!unsaved && self->inhibit_cookie != 0)
    {
      gtk_application_uninhibit (GTK_APPLICATION (self), self->inhibit_cookie);
      self->inhibit_cookie = 0;
    }
}

static WdWindow *
create_window (WdApplication *self)
{
  WdWindow *window = wd_window_new (self);

  g_signal_connect_object (window, "notify::modified", G_CALLBACK (update_inhibit),
                           self, G_CONNECT_SWAPPED);
  return window;
}

/* The window open on @file, or NULL. */
static WdWindow *
find_window_for_file (WdApplication *self,
                      GFile         *file)
{
  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (self)); l != NULL; l = l->next)
    if (WD_IS_WINDOW (l->data) && wd_window_get_file (l->data) != NULL &&
        g_file_equal (wd_window_get_file (l->data), file))
      return l->data;

  return NULL;
}

void
wd_application_open_file (WdApplication *self,
                          GFile         *file,
                          gpointer       hint)
{
  WdWindow *window = NULL;

  g_return_if_fail (WD_IS_APPLICATION (self));
  g_return_if_fail (G_IS_FILE (file));

  if ((window = find_window_for_file (self, file)) != NULL)
    {
      gtk_window_present (GTK_WINDOW (window));
      return;
    }

  if (WD_IS_WINDOW (hint) && wd_window_is_pristine (hint))
    window = hint;
  else
    window = create_window (self);

  wd_window_load_file (window, file);
  gtk_window_present (GTK_WINDOW (window));
}

guint
wd_application_recover_orphans (WdApplication *self,
                                GtkWindow     *parent)
{
  guint recovered = 0;

  g_return_val_if_fail (WD_IS_APPLICATION (self), 0);

  if (self->orphans == NULL)
    return 0;

  for (guint i = 0; i < self->orphans->len; i++)
    {
      WdDraftInfo *info = g_ptr_array_index (self->orphans, i);
      g_autoptr(GBytes) bytes = NULL;
      g_autoptr(GError) error = NULL;
      g_autoptr(GFile) file = NULL;
      WdWindow *window = NULL;

      bytes = wd_draft_store_load (self->draft_store, info->id, &error);
      if (bytes == NULL)
        {
          g_message ("Could not read the draft %s: %s", info->id, error->message);
          continue;
        }

      /* The file is open already (the draft's changes are newer than
       * it): into that window, unless it has changes of its own. */
      if (info->file_uri != NULL)
        {
          file = g_file_new_for_uri (info->file_uri);
          window = find_window_for_file (self, file);
          if (window != NULL && (wd_window_get_modified (window) || wd_window_get_busy (window)))
            window = NULL;
        }
      if (window == NULL && WD_IS_WINDOW (parent) && wd_window_is_pristine (WD_WINDOW (parent)))
        window = WD_WINDOW (parent);
      if (window == NULL)
        window = create_window (self);

      if (!wd_window_recover_draft (window, info, bytes, &error))
        {
          g_message ("Could not recover the draft %s: %s", info->id, error->message);
          if (window != WD_WINDOW (parent) && wd_window_get_file (window) == NULL)
            gtk_window_destroy (GTK_WINDOW (window));
          continue;
        }

      gtk_window_present (GTK_WINDOW (window));
      recovered++;
    }

  g_clear_pointer (&self->orphans, g_ptr_array_unref);
  return recovered;
}

static void
recovery_response (AdwMessageDialog *dialog,
                   const char       *response,
                   WdApplication    *self)
{
  GtkWindow *parent = gtk_window_get_transient_for (GTK_WINDOW (dialog));

  if (g_str_equal (response, "recover"))
    wd_application_recover_orphans (self, parent);
  else if (g_str_equal (response, "discard") && self->orphans != NULL)
    {
      for (guint i = 0; i < self->orphans->len; i++)
        wd_draft_store_remove (self->draft_store, ((WdDraftInfo *) g_ptr_array_index (self->orphans, i))->id);
      g_clear_pointer (&self->orphans, g_ptr_array_unref);
    }
  /* "later": the drafts stay, and are offered again next time. */
}

static void
offer_recovery (WdApplication *self,
                GtkWindow     *parent)
{
  g_autoptr(GString) body = g_string_new (NULL);
  guint n;

  if (self->recovery_offered || self->orphans == NULL || self->orphans->len == 0)
    return;

  self->recovery_offered = TRUE;
  n = self->orphans->len;

  if (!self->previous_was_clean)
    g_string_append_printf (body, ngettext ("Wiredesk did not close properly last time. "
                                            "%u document had changes that were not saved:",
                                            "Wiredesk did not close properly last time. "
                                            "%u documents had changes that were not saved:", n), n);
  else
    g_string_append_printf (body, ngettext ("%u document has changes that were not saved:",
                                            "%u documents have changes that were not saved:", n), n);

  for (guint i = 0; i < n; i++)
    {
      WdDraftInfo *info = g_ptr_array_index (self->orphans, i);
      const char *title = info->title != NULL && *info->title ? info->title : _("Untitled Article");

      g_string_append_printf (body, "\n• %s", title);
    }

  _wd_ask (parent, _("Recover Unsaved Changes?"), body->str,
           "later", _("_Not Now"),
           "discard", _("_Discard"),
           "recover", _("_Recover"), TRUE,
           G_CALLBACK (recovery_response), self);
}

/* ---------------------------------------------------------------- vfuncs */

static void
wd_application_activate (GApplication *app)
{
  WdApplication *self = WD_APPLICATION (app);
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (app));

  if (window == NULL)
    window = GTK_WINDOW (create_window (self));

  gtk_window_present (window);
  offer_recovery (self, window);
}

static void
wd_application_open (GApplication  *app,
                     GFile        **files,
                     int            n_files,
                     const char    *hint)
{
  WdApplication *self = WD_APPLICATION (app);
  GtkWindow *first = NULL;

  for (int i = 0; i < n_files; i++)
    {
      wd_application_open_file (self, files[i], gtk_application_get_active_window (GTK_APPLICATION (app)));
      if (first == NULL)
        first = gtk_application_get_active_window (GTK_APPLICATION (app));
    }

  if (first != NULL)
    offer_recovery (self, first);
}

static void
new_activated (GSimpleAction *action,
               GVariant      *parameter,
               gpointer       user_data)
{
  gtk_window_present (GTK_WINDOW (create_window (user_data)));
}

static void
open_recent_activated (GSimpleAction *action,
                       GVariant      *parameter,
                       gpointer       user_data)
{
  WdApplication *self = user_data;
  g_autoptr(GFile) file = g_file_new_for_uri (g_variant_get_string (parameter, NULL));

  wd_application_open_file (self, file, gtk_application_get_active_window (GTK_APPLICATION (self)));
}

static void
quit_activated (GSimpleAction *action,
                GVariant      *parameter,
                gpointer       user_data)
{
  g_autoptr(GList) windows = g_list_copy (gtk_application_get_windows (GTK_APPLICATION (user_data)));

  /* Each window asks about its own unsaved changes; the application ends
   * when the last one has closed. */
  for (GList *l = windows; l != NULL; l = l->next)
    gtk_window_close (l->data);
}

static void
preferences_activated (GSimpleAction *action,
                       GVariant      *parameter,
                       gpointer       user_data)
{
  WdApplication *self = user_data;
  GtkWindow *parent = gtk_application_get_active_window (GTK_APPLICATION (self));

  if (self->settings == NULL)
    return;

  gtk_window_present (wd_preferences_window_new (parent, self->settings));
}

static void
about_activated (GSimpleAction *action,
                 GVariant      *parameter,
                 gpointer       user_data)
{
  GtkWindow *parent = gtk_application_get_active_window (GTK_APPLICATION (user_data));
  static const char *developers[] = { "The Wiredesk contributors", NULL };
  GtkWidget *about;

  about = g_object_new (ADW_TYPE_ABOUT_WINDOW,
                        "transient-for", parent,
                        "modal", TRUE,
                        "application-name", _("Wiredesk"),
                        "application-icon", APP_ID,
                        "developer-name", _("The Wiredesk contributors"),
                        "developers", developers,
                        "version", PACKAGE_VERSION,
                        "comments", _("Write news syntheses on public sources, check the sources and publish."),
                        "license-type", GTK_LICENSE_GPL_3_0,
                        "translator-credits", _("translator-credits"),
                        NULL);
  gtk_window_present (GTK_WINDOW (about));
}

static void
wd_application_startup (GApplication *app)
{
  WdApplication *self = WD_APPLICATION (app);
  static const GActionEntry entries[] = {
    { "new", new_activated },
    { "open-recent", open_recent_activated, "s" },
    { "quit", quit_activated },
    { "preferences", preferences_activated },
    { "about", about_activated },
  };
  static const struct { const char *action; const char *accels[3]; } accels[] = {
    { "app.new", { "<Control>n", NULL } },
    { "app.quit", { "<Control>q", NULL } },
    { "app.preferences", { "<Control>comma", NULL } },
    { "win.open", { "<Control>o", NULL } },
    { "win.save", { "<Control>s", NULL } },
    { "win.save-as", { "<Control><Shift>s", NULL } },
    { "win.close", { "<Control>w", NULL } },
    { "win.add-source", { "<Control>l", NULL } },
    { "win.check-sources", { "<Control>r", NULL } },
    { "win.cite", { "<Control>k", NULL } },
    { "win.toggle-side", { "F9", NULL } },
    { "win.show-history", { "<Control><Shift>h", NULL } },
  };
  g_autoptr(GError) error = NULL;

  G_APPLICATION_CLASS (wd_application_parent_class)->startup (app);

  g_action_map_add_action_entries (G_ACTION_MAP (app), entries, G_N_ELEMENTS (entries), app);
  for (guint i = 0; i < G_N_ELEMENTS (accels); i++)
    gtk_application_set_accels_for_action (GTK_APPLICATION (app), accels[i].action, accels[i].accels);

  self->settings = create_settings ();
  g_simple_action_set_enabled (G_SIMPLE_ACTION (g_action_map_lookup_action (G_ACTION_MAP (app), "preferences")),
                               self->settings != NULL);

  self->draft_store = wd_draft_store_new (NULL);
  if (!wd_draft_store_begin_session (self->draft_store, &self->orphans, &self->previous_was_clean, &error))
    g_message ("Drafts are off for this session: %s", error->message);
}

static void
wd_application_shutdown (GApplication *app)
{
  WdApplication *self = WD_APPLICATION (app);
  g_autoptr(GError) error = NULL;

  /* A clean quit: what is still listed will be offered next time. */
  if (self->draft_store != NULL && !wd_draft_store_end_session (self->draft_store, &error))
    g_message ("Could not close the draft session: %s", error->message);

  G_APPLICATION_CLASS (wd_application_parent_class)->shutdown (app);
}

static void
wd_application_dispose (GObject *object)
{
  WdApplication *self = (WdApplication *)object;

  g_clear_object (&self->settings);
  g_clear_object (&self->draft_store);
  g_clear_pointer (&self->orphans, g_ptr_array_unref);

  G_OBJECT_CLASS (wd_application_parent_class)->dispose (object);
}

static void
wd_application_class_init (WdApplicationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  object_class->dispose = wd_application_dispose;
  app_class->activate = wd_application_activate;
  app_class->open = wd_application_open;
  app_class->startup = wd_application_startup;
  app_class->shutdown = wd_application_shutdown;
}

static void
wd_application_init (WdApplication *self)
{
}

WdApplication *
wd_application_new (void)
{
  return g_object_new (WD_TYPE_APPLICATION,
                       "application-id", APP_ID,
                       "flags", G_APPLICATION_HANDLES_OPEN,
                       "resource-base-path", "/io/github/wiredesk/Wiredesk",
                       NULL);
}

#define G_LOG_DOMAIN "wd-application"

#include "config.h"

#include <glib/gi18n.h>

#include "wd-application.h"
#include "wd-window.h"
#include "wiredesk-core.h"

struct _WdApplication
{
  AdwApplication parent_instance;
};

G_DEFINE_FINAL_TYPE (WdApplication, wd_application, ADW_TYPE_APPLICATION)

static void
wd_application_activate (GApplication *app)
{
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (app));

  if (window == NULL)
    window = GTK_WINDOW (wd_window_new (WD_APPLICATION (app)));

  gtk_window_present (window);
}

static void
wd_application_open (GApplication  *app,
                     GFile        **files,
                     int            n_files,
                     const char    *hint)
{
  for (int i = 0; i < n_files; i++)
    {
      WdWindow *window = wd_window_new (WD_APPLICATION (app));

      wd_window_load_file (window, files[i]);
      gtk_window_present (GTK_WINDOW (window));
    }
}

static void
quit_activated (GSimpleAction *action,
                GVariant      *parameter,
                gpointer       user_data)
{
  g_application_quit (G_APPLICATION (user_data));
}

static void
wd_application_startup (GApplication *app)
{
  static const GActionEntry entries[] = {
    { "quit", quit_activated },
  };
  static const char *quit_accels[] = { "<Control>q", NULL };

  G_APPLICATION_CLASS (wd_application_parent_class)->startup (app);

  g_action_map_add_action_entries (G_ACTION_MAP (app), entries, G_N_ELEMENTS (entries), app);
  gtk_application_set_accels_for_action (GTK_APPLICATION (app), "app.quit", quit_accels);
}

static void
wd_application_class_init (WdApplicationClass *klass)
{
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  app_class->activate = wd_application_activate;
  app_class->open = wd_application_open;
  app_class->startup = wd_application_startup;
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

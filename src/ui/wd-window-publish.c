/* wd-window-publish.c: Publish… — the dialog asks, the core publishes,
 * the window tells the outcome. */
#define G_LOG_DOMAIN "wd-window-publish"

#include "config.h"

#include <glib/gi18n.h>

#include "wd-publish-dialog.h"
#include "wd-window-private.h"

static void
on_published (WdWindow        *self,
              int              outcome,
              WdPublication   *publication,
              WdPublishDialog *dialog)
{
  g_autofree char *host = wd_url_dup_host (wd_publication_get_endpoint (publication));
  g_autofree char *message = NULL;

  switch ((WdPublishOutcome) outcome)
    {
    case WD_PUBLISH_OUTCOME_UPDATED:
      message = g_strdup_printf (_("Updated on %s"), host);
      break;
    case WD_PUBLISH_OUTCOME_RECREATED:
      message = g_strdup_printf (_("Published again on %s: the site had lost the earlier copy"), host);
      break;
    case WD_PUBLISH_OUTCOME_CREATED:
    default:
      message = g_strdup_printf (_("Published on %s"), host);
      break;
    }

  _wd_window_toast (self, message);
}

static void
open_publish_dialog (WdWindow *self)
{
  WdPublishDialog *dialog;

  dialog = wd_publish_dialog_new (GTK_WINDOW (self), self->article, self->settings);
  g_signal_connect_object (dialog, "published", G_CALLBACK (on_published), self, G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
publish_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  WdWindow *self = WD_WINDOW (widget);

  /* What was typed last goes out, not what the model had 200 ms ago;
   * with audit errors, the editor is asked first. */
  _wd_window_sync_body (self);
  _wd_window_audit_first (self, _("Publish With Audit Errors?"), _("_Publish Anyway"),
                          open_publish_dialog);
}

void
_wd_window_class_init_publish (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "win.publish", NULL, publish_action);
}

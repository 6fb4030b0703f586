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
publish_action (GSimpleAction *action,
                GVariant      *parameter,
                gpointer       user_data)
{
  WdWindow *self = user_data;
  WdPublishDialog *dialog;

  /* What was typed last goes out, not what the model had 200 ms ago. */
  _wd_window_sync_body (self);

  dialog = wd_publish_dialog_new (GTK_WINDOW (self), self->article, self->settings);
  g_signal_connect_object (dialog, "published", G_CALLBACK (on_published), self, G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
}

const GActionEntry _wd_window_publish_actions[] = {
  { "publish", publish_action },
};

const gsize _wd_window_n_publish_actions = G_N_ELEMENTS (_wd_window_publish_actions);

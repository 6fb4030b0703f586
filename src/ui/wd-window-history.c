/* wd-window-history.c: the window's side of the History window —
 * opening it, restoring a revision (one step to undo), keeping the
 * document marked changed when a correction is marked. */
#define G_LOG_DOMAIN "wd-window-history"

#include "config.h"

#include <glib/gi18n.h>

#include "wd-history-window.h"
#include "wd-ui-util.h"
#include "wd-window-private.h"

#define UNDO_KEY "wd-restore-undo"
#define HISTORY_WINDOW_KEY "wd-history-window"

/* The body lives in the buffer: put the article's back. */
static void
body_from_article (WdWindow *self)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (self->body));
  const char *body = wd_article_get_body (self->article);

  gtk_text_buffer_set_text (buffer, body != NULL ? body : "", -1);
  _wd_window_sync_body (self);
}

static void
on_restore (WdWindow        *self,
            guint            number,
            WdHistoryWindow *window)
{
  WdHistory *history = wd_article_get_history (self->article);
  g_autoptr(GError) error = NULL;
  WdRevisionText *before;
  AdwToast *toast;
  g_autofree char *title = NULL;

  _wd_window_sync_body (self);
  before = wd_revision_text_new_from_article (self->article);

  if (!wd_history_restore (history, self->article, number, &error))
    {
      wd_revision_text_unref (before);
      _wd_window_toast (self, error->message);
      return;
    }
  body_from_article (self);
  g_object_set_data_full (G_OBJECT (self), UNDO_KEY, before, (GDestroyNotify) wd_revision_text_unref);

  /* TRANSLATORS: toast after restoring; the save makes it a new revision */
  title = g_strdup_printf (_("Revision %u restored"), number);
  toast = _wd_toast_new (title);
  adw_toast_set_button_label (toast, _("_Undo"));
  adw_toast_set_action_name (toast, "win.undo-restore");
  adw_toast_set_priority (toast, ADW_TOAST_PRIORITY_HIGH);
  adw_toast_overlay_add_toast (self->toasts, toast);
}

static void
undo_restore_activated (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  WdWindow *self = WD_WINDOW (widget);
  WdRevisionText *before = g_object_steal_data (G_OBJECT (self), UNDO_KEY);

  if (before == NULL || self->article == NULL)
    return;
  wd_history_apply_text (wd_article_get_history (self->article), self->article, before, 0);
  body_from_article (self);
  wd_revision_text_unref (before);
}

/* Marking a correction is a change to save. */
static void
on_correction_marked (WdHistoryWindow *window)
{
  WdWindow *self = g_object_get_data (G_OBJECT (window), "wd-owner");

  if (self != NULL && self->article != NULL &&
      wd_history_get_pending_correction (wd_article_get_history (self->article)) != NULL)
    _wd_window_mark_changed (self);
}

static void
on_history_window_destroy (WdWindow *self)
{
  g_object_set_data (G_OBJECT (self), HISTORY_WINDOW_KEY, NULL);
}

static void
show_history_activated (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  WdWindow *self = WD_WINDOW (widget);
  WdHistoryWindow *window = g_object_get_data (G_OBJECT (self), HISTORY_WINDOW_KEY);

  if (window != NULL && g_object_get_data (G_OBJECT (window), "wd-article") == self->article)
    {
      gtk_window_present (GTK_WINDOW (window));
      return;
    }
  if (window != NULL)
    gtk_window_destroy (GTK_WINDOW (window));

  window = wd_history_window_new (GTK_WINDOW (self), self->article);
  g_object_set_data (G_OBJECT (window), "wd-article", self->article);
  g_signal_connect_object (window, "restore", G_CALLBACK (on_restore), self, G_CONNECT_SWAPPED);
  g_object_set_data (G_OBJECT (window), "wd-owner", self);
  g_signal_connect_object (wd_article_get_history (self->article), "notify::pending-correction",
                           G_CALLBACK (on_correction_marked), window, G_CONNECT_SWAPPED);
  /* Forget it once closed (the window is destroyed on close). */
  g_object_set_data (G_OBJECT (self), HISTORY_WINDOW_KEY, window);
  g_signal_connect_object (window, "destroy", G_CALLBACK (on_history_window_destroy), self,
                           G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (window));
}

void
_wd_window_history_loaded (WdWindow *self)
{
  const char *warning = wd_history_get_warning (wd_article_get_history (self->article));

  g_object_set_data (G_OBJECT (self), UNDO_KEY, NULL);
  if (warning != NULL)
    _wd_window_show_info (self, warning);
}

void
_wd_window_class_init_history (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "win.show-history", NULL, show_history_activated);
  gtk_widget_class_install_action (widget_class, "win.undo-restore", NULL, undo_restore_activated);
}

/* wd-window-search.c: find and replace in the body (Ctrl+F, Ctrl+H,
 * F3 / Shift+F3); the bar itself is wd-search-bar.c. */
#define G_LOG_DOMAIN "wd-window-search"

#include "config.h"

#include "wd-window-private.h"

static void
find_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  WdWindow *self = WD_WINDOW (widget);

  _wd_window_uncover_body (self);
  wd_search_bar_open (self->search_bar, g_str_equal (action_name, "win.find-replace"));
}

static void
find_next_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  WdWindow *self = WD_WINDOW (widget);

  if (!wd_search_bar_is_open (self->search_bar))
    wd_search_bar_open (self->search_bar, FALSE);
  wd_search_bar_move (self->search_bar, g_str_equal (action_name, "win.find-next"));
}

void
_wd_window_init_search (WdWindow *self)
{
  wd_search_bar_set_view (self->search_bar, GTK_SOURCE_VIEW (self->body), self->body_scroll);
}

void
_wd_window_class_init_search (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "win.find", NULL, find_action);
  gtk_widget_class_install_action (widget_class, "win.find-replace", NULL, find_action);
  gtk_widget_class_install_action (widget_class, "win.find-next", NULL, find_next_action);
  gtk_widget_class_install_action (widget_class, "win.find-previous", NULL, find_next_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_f, GDK_CONTROL_MASK, "win.find", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_h, GDK_CONTROL_MASK, "win.find-replace", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F3, 0, "win.find-next", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F3, GDK_SHIFT_MASK, "win.find-previous", NULL);
}

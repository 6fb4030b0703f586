/* wd-window-preview.c: the Preview page of the side pane. Built the first
 * time it is chosen, never at start-up; the page itself follows the
 * article (wd-preview-page.c). */
#define G_LOG_DOMAIN "wd-window-preview"

#include "config.h"

#include "wd-preview-page.h"
#include "wd-window-private.h"

static void
on_side_page_changed (WdWindow *self)
{
  GtkWidget *page;

  if (g_strcmp0 (adw_view_stack_get_visible_child_name (self->side_stack), "preview") != 0 ||
      adw_bin_get_child (self->preview_bin) != NULL)
    return;

  /* The body as typed, not as last throttled into the article. */
  _wd_window_sync_body (self);
  page = wd_preview_page_new ();
  wd_preview_page_set_article (WD_PREVIEW_PAGE (page), self->article);
  adw_bin_set_child (self->preview_bin, page);
}

void
_wd_window_preview_set_article (WdWindow *self)
{
  GtkWidget *page = adw_bin_get_child (self->preview_bin);

  if (page != NULL)
    wd_preview_page_set_article (WD_PREVIEW_PAGE (page), self->article);
}

void
_wd_window_init_preview (WdWindow *self)
{
  g_signal_connect_object (self->side_stack, "notify::visible-child-name",
                           G_CALLBACK (on_side_page_changed), self, G_CONNECT_SWAPPED);
}

void
_wd_window_class_init_preview (GtkWidgetClass *widget_class)
{
  gtk_widget_class_bind_template_child (widget_class, WdWindow, preview_bin);
}

#define G_LOG_DOMAIN "wd-window"

#include "config.h"

#include <glib/gi18n.h>

#include "wd-window.h"

struct _WdWindow
{
  AdwApplicationWindow  parent_instance;

  WdArticle            *article;
  GCancellable         *cancellable;

  AdwWindowTitle       *title;
  GtkLabel             *headline;
  GtkTextView          *body;
  GtkListBox           *sources;
  AdwToastOverlay      *toasts;
};

G_DEFINE_FINAL_TYPE (WdWindow, wd_window, ADW_TYPE_APPLICATION_WINDOW)

static GtkWidget *
create_source_row (gpointer item,
                   gpointer user_data)
{
  WdSource *source = item;
  g_autofree char *name = wd_source_dup_display_name (source);
  GtkWidget *row = adw_action_row_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), name);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), wd_source_get_url (source));
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);

  return row;
}

static void
wd_window_set_article (WdWindow  *self,
                       WdArticle *article)
{
  const char *headline;

  g_set_object (&self->article, article);

  headline = wd_article_get_headline (article);
  gtk_label_set_text (self->headline, headline ? headline : _("Untitled article"));
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->body),
                            wd_article_get_body (article) ? wd_article_get_body (article) : "", -1);
  gtk_list_box_bind_model (self->sources, wd_article_get_sources (article),
                           create_source_row, NULL, NULL);
}

static void
load_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(WdWindow) self = user_data;
  g_autoptr(WdArticle) article = NULL;
  g_autoptr(GError) error = NULL;

  article = wd_native_format_load_finish (result, &error);
  if (article == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        adw_toast_overlay_add_toast (self->toasts, adw_toast_new (error->message));
      return;
    }

  wd_window_set_article (self, article);
}

void
wd_window_load_file (WdWindow *self,
                     GFile    *file)
{
  g_autofree char *basename = NULL;

  g_return_if_fail (WD_IS_WINDOW (self));
  g_return_if_fail (G_IS_FILE (file));

  basename = g_file_get_basename (file);
  adw_window_title_set_subtitle (self->title, basename);

  wd_native_format_load_async (file, self->cancellable, load_cb, g_object_ref (self));
}

WdArticle *
wd_window_get_article (WdWindow *self)
{
  g_return_val_if_fail (WD_IS_WINDOW (self), NULL);
  return self->article;
}

static void
wd_window_dispose (GObject *object)
{
  WdWindow *self = (WdWindow *)object;

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->article);

  gtk_widget_dispose_template (GTK_WIDGET (self), WD_TYPE_WINDOW);

  G_OBJECT_CLASS (wd_window_parent_class)->dispose (object);
}

static void
wd_window_class_init (WdWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = wd_window_dispose;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/wiredesk/Wiredesk/ui/wd-window.ui");
  gtk_widget_class_bind_template_child (widget_class, WdWindow, title);
  gtk_widget_class_bind_template_child (widget_class, WdWindow, headline);
  gtk_widget_class_bind_template_child (widget_class, WdWindow, body);
  gtk_widget_class_bind_template_child (widget_class, WdWindow, sources);
  gtk_widget_class_bind_template_child (widget_class, WdWindow, toasts);
}

static void
wd_window_init (WdWindow *self)
{
  g_autoptr(WdArticle) article = wd_article_new ();

  gtk_widget_init_template (GTK_WIDGET (self));

  self->cancellable = g_cancellable_new ();
  wd_window_set_article (self, article);
}

WdWindow *
wd_window_new (WdApplication *application)
{
  return g_object_new (WD_TYPE_WINDOW, "application", application, NULL);
}

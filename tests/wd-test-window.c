#include "config.h"

#include "wd-test-util.h"
#include "wd-test-window.h"
#include "wd-window-private.h"

gboolean
wd_test_wait_until (WdTestCondition condition,
                    gpointer        data,
                    guint           timeout_ms)
{
  gint64 deadline = g_get_monotonic_time () + timeout_ms * 1000;

  while (!condition (data))
    {
      if (g_get_monotonic_time () > deadline)
        return FALSE;
      g_main_context_iteration (NULL, FALSE);
      g_usleep (1000);
    }

  return TRUE;
}

void
wd_test_spin (guint ms)
{
  gint64 end = g_get_monotonic_time () + ms * 1000;

  while (g_get_monotonic_time () < end)
    {
      g_main_context_iteration (NULL, FALSE);
      g_usleep (1000);
    }
}

gpointer
wd_test_find_child (GtkWidget  *widget,
                    GType       type,
                    const char *css_class)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (widget, type) &&
      (css_class == NULL || gtk_widget_has_css_class (widget, css_class)))
    return widget;

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      gpointer found = wd_test_find_child (child, type, css_class);

      if (found != NULL)
        return found;
    }

  return NULL;
}

GtkWidget *
wd_test_find_toast (GtkWidget  *widget,
                    const char *text)
{
  GType type = g_type_from_name ("AdwToastWidget");

  if (type != 0 && G_TYPE_CHECK_INSTANCE_TYPE (widget, type))
    {
      GtkLabel *label = wd_test_find_child (widget, GTK_TYPE_LABEL, NULL);

      return label != NULL && g_str_equal (gtk_label_get_text (label), text) ? widget : NULL;
    }
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = wd_test_find_toast (child, text);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* The first actionable widget under @widget bound to @action. */
static GtkWidget *
find_actionable (GtkWidget  *widget,
                 const char *action)
{
  if (GTK_IS_ACTIONABLE (widget) &&
      g_strcmp0 (gtk_actionable_get_action_name (GTK_ACTIONABLE (widget)), action) == 0)
    return widget;

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_actionable (child, action);

      if (found != NULL)
        return found;
    }

  return NULL;
}

gboolean
wd_test_action_enabled (GtkWidget  *widget,
                        const char *action)
{
  GtkWidget *actionable = find_actionable (widget, action);

  g_assert_nonnull (actionable);
  return gtk_widget_get_sensitive (actionable);
}

AdwMessageDialog *
wd_test_find_dialog (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) w = g_list_model_get_item (toplevels, i);

      if (ADW_IS_MESSAGE_DIALOG (w) && gtk_widget_get_visible (GTK_WIDGET (w)))
        return ADW_MESSAGE_DIALOG (w);
    }

  return NULL;
}

void
wd_test_respond (AdwMessageDialog *dialog,
                 const char       *response)
{
  g_assert_nonnull (dialog);
  g_assert_true (adw_message_dialog_has_response (dialog, response));

  adw_message_dialog_response (dialog, response);
  gtk_window_close (GTK_WINDOW (dialog));
}

gboolean
wd_test_dialog_shown (gpointer unused)
{
  return wd_test_find_dialog () != NULL;
}

char *
wd_test_buffer_text (GtkTextBuffer *buffer)
{
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  return gtk_text_buffer_get_text (buffer, &start, &end, TRUE);
}

gboolean
wd_test_cursor_in_sight (gpointer view)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (view);
  GdkRectangle visible, at;
  GtkTextIter iter;

  gtk_text_buffer_get_iter_at_mark (buffer, &iter, gtk_text_buffer_get_insert (buffer));
  gtk_text_view_get_visible_rect (view, &visible);
  gtk_text_view_get_iter_location (view, &iter, &at);
  return visible.height > 0 && visible.y > 0 &&
         at.y >= visible.y && at.y + at.height <= visible.y + visible.height;
}

static gboolean
count_frame (GtkWidget     *widget,
             GdkFrameClock *clock,
             gpointer       user_data)
{
  (*(guint *) user_data)++;
  return G_SOURCE_CONTINUE;
}

static gboolean
set_flag (gpointer data)
{
  *(gboolean *) data = TRUE;
  return G_SOURCE_REMOVE;
}

static gboolean
flag_set (gpointer data)
{
  return *(gboolean *) data;
}

void
wd_test_wait_laid_out (GtkTextView *view,
                       guint        frames)
{
  gboolean laid_out = FALSE;
  guint drawn = 0, tick;

  g_idle_add_full (G_PRIORITY_LOW, set_flag, &laid_out, NULL);
  g_assert_true (wd_test_wait_until (flag_set, &laid_out, 30000));
  tick = gtk_widget_add_tick_callback (GTK_WIDGET (view), count_frame, &drawn, NULL);
  while (drawn < frames)
    g_main_context_iteration (NULL, TRUE);
  gtk_widget_remove_tick_callback (GTK_WIDGET (view), tick);
}

typedef struct
{
  GtkWidget *view;
  int        width;
} WidthWait;

static gboolean
width_changed (gpointer data)
{
  WidthWait *wait = data;

  return gtk_widget_get_width (wait->view) != wait->width;
}

void
wd_test_rewrap (GtkWindow   *window,
                GtkTextView *view,
                int          width)
{
  WidthWait wait = { GTK_WIDGET (view), gtk_widget_get_width (GTK_WIDGET (view)) };
  int old_width, height;

  gtk_window_get_default_size (window, &old_width, &height);
  if (old_width == width)
    return;
  gtk_window_set_default_size (window, width, height);
  g_assert_true (wd_test_wait_until (width_changed, &wait, 10000));
}

gboolean
wd_test_have_display (WdApplication *app)
{
  if (app == NULL)
    {
      g_test_skip ("No display");
      return FALSE;
    }

  return TRUE;
}

gboolean
wd_test_window_idle (gpointer window)
{
  return !wd_window_get_busy (window);
}

void
wd_test_destroy_window (gpointer window)
{
  gtk_window_destroy (GTK_WINDOW (window));
  wd_test_spin (20);
}

WdApplication *
wd_test_application (void)
{
  WdApplication *app;

  if (!gtk_init_check ())
    return NULL;

  app = wd_application_new ();
  g_application_set_flags (G_APPLICATION (app), G_APPLICATION_NON_UNIQUE);
  g_assert_true (g_application_register (G_APPLICATION (app), NULL, NULL));
  /* Keep it alive between windows, as a running application is. */
  g_application_hold (G_APPLICATION (app));

  return app;
}

char *
wd_test_ui_init (int             *argc,
                 char          ***argv,
                 WdApplication  **app)
{
  char *data_home = wd_test_make_tmpdir ();

  g_setenv ("XDG_DATA_HOME", data_home, TRUE);
  g_test_init (argc, argv, NULL);
  *app = wd_test_application ();

  return data_home;
}

int
wd_test_ui_finish (int              status,
                   WdApplication  **app,
                   char            *data_home)
{
  g_clear_object (app);
  wd_test_rmdir_r (data_home);
  g_free (data_home);

  return status;
}

WdWindow *
wd_test_window_with (WdApplication *app,
                     WdArticle     *article)
{
  WdWindow *window = wd_window_new (app);

  _wd_window_set_document (window, article, NULL, NULL);
  gtk_window_present (GTK_WINDOW (window));
  wd_test_spin (50);

  return window;
}

gpointer
wd_test_find_window (GType type)
{
  GListModel *toplevels = gtk_window_get_toplevels ();  /* owned by GTK */

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) window = g_list_model_get_item (toplevels, i);

      if (G_TYPE_CHECK_INSTANCE_TYPE (window, type))
        return window;
    }

  return NULL;
}

gint64
wd_test_type_keys (GtkTextBuffer *buffer,
                   int            offset,
                   const char    *key,
                   guint          n,
                   gboolean       with_drawing)
{
  gint64 start = g_get_monotonic_time ();
  GtkTextIter iter;

  g_return_val_if_fail (n > 0, 0);

  for (guint i = 0; i < n; i++)
    {
      gtk_text_buffer_get_iter_at_offset (buffer, &iter, offset + (int) i);
      gtk_text_buffer_insert_interactive (buffer, &iter, key, 1, TRUE);
      while (with_drawing && g_main_context_pending (NULL))
        g_main_context_iteration (NULL, FALSE);
    }
  return (g_get_monotonic_time () - start) / n;
}

void
wd_test_save_png (GtkWidget  *widget,
                  const char *name)
{
  const char *dir = g_getenv ("WD_SCREENSHOT_DIR");
  g_autoptr(GdkPaintable) paintable = NULL;
  g_autoptr(GtkSnapshot) snapshot = NULL;
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  g_autofree char *path = NULL;
  int width = 0, height = 0;

  if (dir == NULL)
    return;

  /* Until it has been laid out and draws something (a window just
   * shown, or in a transition, may not yet). */
  wd_test_spin (300);
  for (guint i = 0; i < 50 && node == NULL; i++)
    {
      width = gtk_widget_get_width (widget);
      height = gtk_widget_get_height (widget);
      paintable = gtk_widget_paintable_new (widget);
      snapshot = gtk_snapshot_new ();
      gdk_paintable_snapshot (paintable, GDK_SNAPSHOT (snapshot), width, height);
      node = gtk_snapshot_free_to_node (g_steal_pointer (&snapshot));
      g_clear_object (&paintable);
      if (node == NULL)
        wd_test_spin (100);
    }
  g_assert_nonnull (node);
  texture = gsk_renderer_render_texture (gtk_native_get_renderer (GTK_NATIVE (widget)), node,
                                         &GRAPHENE_RECT_INIT (0, 0, width, height));
  path = g_build_filename (dir, name, NULL);
  g_assert_true (gdk_texture_save_to_png (texture, path));
}

/* Tab in the editor, with real key presses (xdotool under Xvfb), as GNOME
 * Text Editor does it for a text body: Tab indents the body and Shift+Tab
 * takes it back, Ctrl+Tab leaves the body; in the desk note (a
 * single-purpose field) Tab moves on. */
#include "config.h"

#include <gdk/x11/gdkx.h>
#include <gtksourceview/gtksource.h>
#include <string.h>

#include "wd-test-util.h"
#include "wd-test-window.h"
#include "wd-window-private.h"

static WdApplication *app;

/* Presses @keys ("Tab", "shift+Tab", "ctrl+Tab") in @window. */
static void
press (WdWindow   *window,
       const char *keys)
{
  g_autofree char *xid = g_strdup_printf ("%lu", (gulong) gdk_x11_surface_get_xid (gtk_native_get_surface (GTK_NATIVE (window))));
  const char *focus[] = { "xdotool", "windowfocus", "--sync", xid, NULL };
  const char *key[] = { "xdotool", "key", "--clearmodifiers", "--window", xid, keys, NULL };
  g_autoptr(GError) error = NULL;
  int status;

  g_assert_true (g_spawn_sync (NULL, (char **) focus, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, NULL, NULL, &status, &error));
  g_assert_no_error (error);
  g_assert_true (g_spawn_sync (NULL, (char **) key, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, NULL, NULL, &status, &error));
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
}

typedef struct
{
  GtkTextBuffer *buffer;
  const char    *text;
} BufferWait;

static gboolean
buffer_says (gpointer data)
{
  BufferWait *wait = data;
  g_autofree char *text = wd_test_buffer_text (wait->buffer);

  return g_str_equal (text, wait->text);
}

static gboolean
focus_left (gpointer widget)
{
  GtkWidget *focus = gtk_root_get_focus (gtk_widget_get_root (widget));

  return focus != NULL && focus != widget && !gtk_widget_is_ancestor (focus, widget);
}

static gboolean
has_focus (gpointer widget)
{
  return gtk_widget_has_focus (widget);
}

static WdWindow *
window_with_body (const char *body)
{
  g_autoptr(WdArticle) article = wd_article_new ();
  WdWindow *window = wd_window_new (app);

  wd_article_set_headline (article, "Night ferries halted");
  wd_article_set_body (article, body);
  wd_article_set_desk_note (article, "Check the figures.");
  _wd_window_set_document (window, article, NULL, NULL);
  gtk_window_present (GTK_WINDOW (window));
  wd_test_spin (100);

  return window;
}

static gboolean
can_press (void)
{
  g_autofree char *xdotool = g_find_program_in_path ("xdotool");

  if (!wd_test_have_display (app))
    return FALSE;
  /* The UI tests run under Xvfb, and xdotool is a test dependency. */
  g_assert_true (GDK_IS_X11_DISPLAY (gdk_display_get_default ()));
  g_assert_nonnull (xdotool);
  return TRUE;
}

/* The body: Tab indents, Shift+Tab unindents, Ctrl+Tab leaves it alone. */
static void
test_tab_body (void)
{
  const char *body = "Night ferries were suspended.\n\n- Day crossings continue.\n- Repairs take weeks.";
  GtkTextBuffer *buffer;
  GtkTextIter iter;
  BufferWait wait;
  WdWindow *window;

  if (!can_press ())
    return;

  window = window_with_body (body);
  buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (window->body));
  gtk_widget_grab_focus (GTK_WIDGET (window->body));
  g_assert_true (wd_test_wait_until (has_focus, window->body, 5000));

  /* At the start of the second item: nested under the first. */
  gtk_text_buffer_get_iter_at_line (buffer, &iter, 3);
  gtk_text_buffer_place_cursor (buffer, &iter);
  press (window, "Tab");
  wait = (BufferWait) { buffer, "Night ferries were suspended.\n\n- Day crossings continue.\n\t- Repairs take weeks." };
  g_assert_true (wd_test_wait_until (buffer_says, &wait, 5000));
  g_assert_true (gtk_widget_has_focus (GTK_WIDGET (window->body)));

  press (window, "shift+Tab");
  wait.text = body;
  g_assert_true (wd_test_wait_until (buffer_says, &wait, 5000));
  g_assert_true (gtk_widget_has_focus (GTK_WIDGET (window->body)));

  /* Ctrl+Tab: out of the body, the text untouched. */
  press (window, "ctrl+Tab");
  g_assert_true (wd_test_wait_until (focus_left, window->body, 5000));
  g_assert_true (buffer_says (&wait));

  wd_test_destroy_window (window);
}

/* The single-purpose fields, desk note and headline: Tab moves on,
 * nothing typed. */
static void
test_tab_fields (void)
{
  GtkTextBuffer *buffer;
  BufferWait wait;
  WdWindow *window;

  if (!can_press ())
    return;

  window = window_with_body ("Night ferries were suspended.");
  adw_flap_set_reveal_flap (window->flap, TRUE);
  adw_view_stack_set_visible_child_name (window->side_stack, "details");
  wd_test_spin (100);
  buffer = gtk_text_view_get_buffer (window->desk_note);
  gtk_widget_grab_focus (GTK_WIDGET (window->desk_note));
  g_assert_true (wd_test_wait_until (has_focus, window->desk_note, 5000));

  press (window, "Tab");
  g_assert_true (wd_test_wait_until (focus_left, window->desk_note, 5000));
  wait = (BufferWait) { buffer, "Check the figures." };
  g_assert_true (buffer_says (&wait));

  buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (window->headline));
  gtk_widget_grab_focus (GTK_WIDGET (window->headline));
  g_assert_true (wd_test_wait_until (has_focus, window->headline, 5000));
  press (window, "Tab");
  g_assert_true (wd_test_wait_until (focus_left, window->headline, 5000));
  wait = (BufferWait) { buffer, "Night ferries halted" };
  g_assert_true (buffer_says (&wait));

  wd_test_destroy_window (window);
}

int
main (int   argc,
      char *argv[])
{
  /* xdotool speaks X11. */
  gdk_set_allowed_backends ("x11");
  char *data_home = wd_test_ui_init (&argc, &argv, &app);

  g_test_add_func ("/tab/body", test_tab_body);
  g_test_add_func ("/tab/fields", test_tab_fields);

  return wd_test_ui_finish (g_test_run (), &app, data_home);
}

/* Scrolling a text view to a mark in a text just set (wd-text-scroll.c):
 * a long text in paragraphs, the mark in its last one, far below the
 * first screen. The scroll is asked for where a plain
 * gtk_text_view_scroll_to_mark() leaves the view at its top: in a frame
 * after the view laid out its first screen, and before the view has a
 * height at all. Either way the mark must come into sight and stay
 * there once every line is laid out. A later scroll replaces an earlier
 * one; a cancelled one does nothing. */
#include "config.h"

#include "wd-text-scroll.h"
#include "wd-test-util.h"
#include "wd-test-window.h"

static WdApplication *app;

#define LAST_WORDS "every passenger reached the shore safely before midnight"

typedef struct
{
  GtkWindow     *window;
  GtkTextView   *view;
  GtkTextMark   *mark;
  WdTextScroll  *scroll;
  guint          frames;   /* drawn since the text was set */
} Fixture;

static char *
long_text (void)
{
  GString *text = g_string_new (NULL);

  for (guint i = 1; i <= 200; i++)
    g_string_append_printf (text, "Entry %u of the harbour log: the quay was quiet and the tugs stayed in "
                            "their berths all afternoon.\n\n", i);
  g_string_append (text, "The coastguard confirmed that " LAST_WORDS ".");
  return g_string_free (text, FALSE);
}

static gboolean
count_frame (GtkWidget     *widget,
             GdkFrameClock *clock,
             gpointer       user_data)
{
  Fixture *fixture = user_data;

  fixture->frames++;
  return G_SOURCE_CONTINUE;
}

/* A window as the capture view has it: a wrapping, read-only text view
 * in a scrolled window; the text set, the mark at the last paragraph. */
static void
fixture_set_up (Fixture *fixture)
{
  GtkWidget *scrolled = gtk_scrolled_window_new ();
  g_autofree char *text = long_text ();
  GtkTextBuffer *buffer;
  GtkTextIter at;

  fixture->window = GTK_WINDOW (gtk_window_new ());
  gtk_window_set_default_size (fixture->window, 600, 500);
  fixture->view = GTK_TEXT_VIEW (gtk_text_view_new ());
  gtk_text_view_set_editable (fixture->view, FALSE);
  gtk_text_view_set_wrap_mode (fixture->view, GTK_WRAP_WORD_CHAR);
  gtk_text_view_set_pixels_below_lines (fixture->view, 4);
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scrolled), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), GTK_WIDGET (fixture->view));
  gtk_window_set_child (fixture->window, scrolled);

  buffer = gtk_text_view_get_buffer (fixture->view);
  gtk_text_buffer_set_text (buffer, text, -1);
  gtk_text_buffer_get_end_iter (buffer, &at);
  g_assert_true (gtk_text_iter_backward_search (&at, LAST_WORDS, 0, &at, NULL, NULL));
  fixture->mark = gtk_text_buffer_create_mark (buffer, NULL, &at, TRUE);
  fixture->scroll = wd_text_scroll_new (fixture->view);
  gtk_widget_add_tick_callback (GTK_WIDGET (fixture->view), count_frame, fixture, NULL);
}

static void
fixture_tear_down (Fixture *fixture)
{
  g_clear_pointer (&fixture->scroll, wd_text_scroll_free);
  gtk_window_destroy (fixture->window);
}

/* The mark's line is on screen, the view scrolled down to it. */
static gboolean
mark_in_sight (gpointer data)
{
  Fixture *fixture = data;
  GtkTextIter iter;
  GdkRectangle visible, at;

  gtk_text_buffer_get_iter_at_mark (gtk_text_view_get_buffer (fixture->view), &iter, fixture->mark);
  gtk_text_view_get_visible_rect (fixture->view, &visible);
  gtk_text_view_get_iter_location (fixture->view, &iter, &at);
  return visible.height > 0 && visible.y > 0 &&
         at.y >= visible.y && at.y + at.height <= visible.y + visible.height;
}

static gboolean
has_drawn (gpointer data)
{
  Fixture *fixture = data;

  return gtk_widget_get_height (GTK_WIDGET (fixture->view)) > 0 && fixture->frames >= 2;
}

static gboolean
idle_ran (gpointer data)
{
  return *(gboolean *) data;
}

static gboolean
set_flag (gpointer data)
{
  *(gboolean *) data = TRUE;
  return G_SOURCE_REMOVE;
}

/* Until the view has laid out all its text (an idle below
 * GTK_TEXT_VIEW_PRIORITY_VALIDATE has run) and drawn @frames more
 * frames. */
static void
wait_laid_out (Fixture *fixture,
               guint    frames)
{
  gboolean laid_out = FALSE;

  g_idle_add_full (G_PRIORITY_LOW, set_flag, &laid_out, NULL);
  g_assert_true (wd_test_wait_until (idle_ran, &laid_out, 10000));
  frames += fixture->frames;
  while (fixture->frames < frames)
    g_main_context_iteration (NULL, TRUE);
}

/* In sight, and still there once the view has laid out all its text. */
static void
assert_scrolled_and_staying (Fixture *fixture)
{
  g_assert_true (wd_test_wait_until (mark_in_sight, fixture, 10000));
  wait_laid_out (fixture, 3);
  g_assert_true (mark_in_sight (fixture));
}

/* The view shown, its first screen laid out and drawn, then the scroll
 * asked for: a plain scroll_to_mark() here waits for a layout pass that
 * never comes. */
static void
test_after_first_layout (void)
{
  Fixture fixture = { 0 };

  if (!wd_test_have_display (app))
    return;

  fixture_set_up (&fixture);
  gtk_window_present (fixture.window);
  g_assert_true (wd_test_wait_until (has_drawn, &fixture, 10000));
  g_assert_false (mark_in_sight (&fixture));

  wd_text_scroll_to_mark (fixture.scroll, fixture.mark, 0.3);
  assert_scrolled_and_staying (&fixture);

  fixture_tear_down (&fixture);
}

/* The scroll asked for with the text, before the window is shown: the
 * view has no height yet. */
static void
test_before_height (void)
{
  Fixture fixture = { 0 };

  if (!wd_test_have_display (app))
    return;

  fixture_set_up (&fixture);
  wd_text_scroll_to_mark (fixture.scroll, fixture.mark, 0.3);
  gtk_window_present (fixture.window);
  assert_scrolled_and_staying (&fixture);

  fixture_tear_down (&fixture);
}

/* A second scroll asked for before the first is done replaces it: the
 * view ends at the top, where the second mark is. */
static void
test_replaced (void)
{
  Fixture fixture = { 0 };
  GtkTextIter start;
  GtkTextMark *top;
  GdkRectangle visible;

  if (!wd_test_have_display (app))
    return;

  fixture_set_up (&fixture);
  gtk_text_buffer_get_start_iter (gtk_text_view_get_buffer (fixture.view), &start);
  top = gtk_text_buffer_create_mark (gtk_text_view_get_buffer (fixture.view), NULL, &start, TRUE);
  gtk_window_present (fixture.window);
  wd_text_scroll_to_mark (fixture.scroll, fixture.mark, 0.3);
  wd_text_scroll_to_mark (fixture.scroll, top, 0.0);
  g_assert_true (wd_test_wait_until (has_drawn, &fixture, 10000));
  /* Longer than the scroll's animation (200 ms) would take. */
  wait_laid_out (&fixture, 15);
  gtk_text_view_get_visible_rect (fixture.view, &visible);
  g_assert_cmpint (visible.y, <=, 0);
  g_assert_false (mark_in_sight (&fixture));

  fixture_tear_down (&fixture);
}

/* A scroll cancelled before it is done (the text it was for replaced)
 * leaves the view where it was. */
static void
test_cancelled (void)
{
  Fixture fixture = { 0 };
  GdkRectangle visible;

  if (!wd_test_have_display (app))
    return;

  fixture_set_up (&fixture);
  gtk_window_present (fixture.window);
  wd_text_scroll_to_mark (fixture.scroll, fixture.mark, 0.3);
  wd_text_scroll_cancel (fixture.scroll);
  g_assert_true (wd_test_wait_until (has_drawn, &fixture, 10000));
  wait_laid_out (&fixture, 15);
  gtk_text_view_get_visible_rect (fixture.view, &visible);
  g_assert_cmpint (visible.y, <=, 0);

  fixture_tear_down (&fixture);
}

int
main (int   argc,
      char *argv[])
{
  char *data_home = wd_test_ui_init (&argc, &argv, &app);

  g_test_add_func ("/text-scroll/after-first-layout", test_after_first_layout);
  g_test_add_func ("/text-scroll/before-height", test_before_height);
  g_test_add_func ("/text-scroll/replaced", test_replaced);
  g_test_add_func ("/text-scroll/cancelled", test_cancelled);

  return wd_test_ui_finish (g_test_run (), &app, data_home);
}

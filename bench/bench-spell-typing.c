/* bench-spell-typing: typing in a 1 MB body with spell-checking on against
 * off, in the editor window, side by side in one run (rounds alternate
 * which goes first). A keystroke is timed from the insertion until the main
 * loop has nothing left to do: layout, drawing and the spell-checker's idle
 * work included, so what the checker costs per key is in the figure.
 *
 *   xvfb-run -a -s '-screen 0 1280x800x24' dbus-run-session -- \
 *     build/bench/bench-spell-typing [ROUNDS] [KEYS]
 *
 * Needs a display (GTK); GSETTINGS_SCHEMA_DIR=build/data
 * GSETTINGS_BACKEND=memory. Nothing is written: the personal word list is
 * not touched (no word is added). */
#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "wd-spell-checker.h"
#include "wd-window-private.h"

#define BODY_BYTES (1024 * 1024)

/* ~1 MB of paragraphs, one misspelling in about every fortieth word, a
 * URL and a citation now and then: what the checker meets in an article. */
static char *
make_body (void)
{
  static const char * const sentences[] = {
    "The harbour authority said the crossings would stay suspended for now. ",
    "Engineers found cracks in two hulls, and the night ferrys stopped at once. ",
    "A spokesman for the operator confirmed it on https://example.org/ferries/notice today. ",
    "Passengers were told to use the day boats until the inspection is finished.[^wire] ",
    "The union said its members had raised the issue with the NTSB in March. ",
  };
  GString *body = g_string_sized_new (BODY_BYTES + 1024);
  guint n = 0;

  while (body->len < BODY_BYTES)
    {
      g_string_append (body, sentences[n % G_N_ELEMENTS (sentences)]);
      if (++n % 7 == 0)
        g_string_append (body, "\n\n");
    }

  return g_string_free (body, FALSE);
}

static int
compare (const void *a,
         const void *b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return x < y ? -1 : x > y;
}

static void
settle (void)
{
  while (g_main_context_pending (NULL))
    g_main_context_iteration (NULL, FALSE);
}

static void
spin (guint ms)
{
  gint64 end = g_get_monotonic_time () + ms * 1000;

  while (g_get_monotonic_time () < end)
    g_main_context_iteration (NULL, FALSE);
}

static double
cpu_ms (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_PROCESS_CPUTIME_ID, &ts);
  return ts.tv_sec * 1000.0 + ts.tv_nsec / 1e6;
}

/* Types @keys characters of prose at the cursor, as an editor writes: a
 * paragraph break every few sentences, one typo ("ferrys") in about
 * every 90 characters. Returns wall-clock and CPU ms per keystroke. */
static void
type_keys (GtkTextView   *view,
           guint          keys,
           double        *wall,
           double        *cpu)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (view);
  static const char text[] =
    "The night ferrys stay in port while engineers inspect the hulls. "
    "Day crossings continue, the operator said on Friday. "
    "Passengers were told to check the timetable before they travel.\n\n";
  gint64 start = g_get_monotonic_time ();
  double cpu_start = cpu_ms ();

  for (guint i = 0; i < keys; i++)
    {
      gtk_text_buffer_insert_interactive_at_cursor (buffer, &text[i % (sizeof text - 1)], 1, TRUE);
      /* as the view does for a key typed */
      gtk_text_view_scroll_mark_onscreen (view, gtk_text_buffer_get_insert (buffer));
      settle ();
    }

  *wall = (g_get_monotonic_time () - start) / 1000.0 / keys;
  *cpu = (cpu_ms () - cpu_start) / keys;
}

/* Whether the cursor is in the visible part of @view. */
static gboolean
cursor_shown (GtkTextView *view)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (view);
  GdkRectangle visible, cursor;
  GtkTextIter iter;

  gtk_text_buffer_get_iter_at_mark (buffer, &iter, gtk_text_buffer_get_insert (buffer));
  gtk_text_view_get_visible_rect (view, &visible);
  gtk_text_view_get_iter_location (view, &iter, &cursor);

  return visible.height > 0 && cursor.y >= visible.y && cursor.y < visible.y + visible.height;
}

static void
show_cursor (GtkTextView *view)
{
  GtkTextMark *insert = gtk_text_buffer_get_insert (gtk_text_view_get_buffer (view));

  for (guint i = 0; i < 150 && !cursor_shown (view); i++)
    {
      gtk_text_view_scroll_to_mark (view, insert, 0.0, TRUE, 0.0, 0.5);
      spin (200);
    }
  if (!cursor_shown (view))
    g_error ("the cursor could not be scrolled into view");
}

static guint
count_flagged (GtkTextBuffer *buffer)
{
  GtkTextTag *tag = gtk_text_tag_table_lookup (gtk_text_buffer_get_tag_table (buffer), WD_SPELL_ERROR_TAG);
  GtkTextIter iter;
  guint n = 0;

  gtk_text_buffer_get_start_iter (buffer, &iter);
  while (gtk_text_iter_forward_to_tag_toggle (&iter, tag))
    if (gtk_text_iter_starts_tag (&iter, tag))
      n++;

  return n;
}

int
main (int   argc,
      char *argv[])
{
  guint rounds = argc > 1 ? (guint) atoi (argv[1]) : 5;
  guint keys = argc > 2 ? (guint) atoi (argv[2]) : 300;
  g_autofree char *body = make_body ();
  g_autofree double *on = NULL;
  g_autofree double *off = NULL;
  g_autofree double *on_cpu = NULL;
  g_autofree double *off_cpu = NULL;
  g_autofree double *pair = NULL;
  g_autofree double *pair_cpu = NULL;
  g_autoptr(WdArticle) article = NULL;
  GtkTextBuffer *buffer;
  WdApplication *app;
  GSettings *settings;
  WdWindow *window;
  GtkTextIter iter;

  if (!gtk_init_check ())
    {
      g_printerr ("bench-spell-typing needs a display (run it under xvfb-run)\n");
      return 1;
    }
  if (rounds == 0 || keys == 0)
    {
      g_printerr ("usage: bench-spell-typing [ROUNDS] [KEYS]\n");
      return 1;
    }
  on = g_new0 (double, rounds);
  off = g_new0 (double, rounds);
  on_cpu = g_new0 (double, rounds);
  off_cpu = g_new0 (double, rounds);
  pair = g_new0 (double, rounds);
  pair_cpu = g_new0 (double, rounds);

  app = wd_application_new ();
  g_application_set_flags (G_APPLICATION (app), G_APPLICATION_NON_UNIQUE);
  g_application_register (G_APPLICATION (app), NULL, NULL);
  g_application_hold (G_APPLICATION (app));
  settings = wd_application_get_settings (app);

  article = wd_article_new ();
  wd_article_set_language (article, "en");
  wd_article_set_headline (article, "Night ferries halted");
  wd_article_set_body (article, body);
  window = wd_window_new (app);
  _wd_window_set_document (window, article, NULL, NULL);
  gtk_window_set_default_size (GTK_WINDOW (window), 1100, 720);
  gtk_window_present (GTK_WINDOW (window));
  spin (500);

  /* The cursor in the middle, on screen. */
  buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (window->body));
  gtk_text_buffer_get_iter_at_offset (buffer, &iter, gtk_text_buffer_get_char_count (buffer) / 2);
  gtk_text_iter_forward_to_line_end (&iter);
  gtk_text_buffer_place_cursor (buffer, &iter);
  gtk_widget_grab_focus (GTK_WIDGET (window->body));
  show_cursor (GTK_TEXT_VIEW (window->body));

  g_print ("body: %zu bytes, dictionary %s, %u keystrokes per round, %u rounds\n",
           strlen (body), wd_speller_get_dictionary (_wd_window_get_speller (window)), keys, rounds);

  for (guint r = 0; r < rounds; r++)
    for (guint k = 0; k < 2; k++)
      {
        gboolean spell = (k == 0) == (r % 2 == 0);

        g_settings_set_boolean (settings, "spell-check", spell);
        show_cursor (GTK_TEXT_VIEW (window->body));
        spin (300);
        settle ();
        if (spell)
          type_keys (GTK_TEXT_VIEW (window->body), keys, &on[r], &on_cpu[r]);
        else
          type_keys (GTK_TEXT_VIEW (window->body), keys, &off[r], &off_cpu[r]);
        g_print ("round %u: spell-check %s: %.3f ms/key wall, %.3f ms/key CPU (%u words underlined)\n",
                 r + 1, spell ? "on " : "off", spell ? on[r] : off[r], spell ? on_cpu[r] : off_cpu[r],
                 count_flagged (buffer));
      }

  /* Each round's on against its off, typed one after the other: the load
   * of the machine changes less between the two than across the run. */
  for (guint r = 0; r < rounds; r++)
    {
      pair[r] = on[r] / off[r];
      pair_cpu[r] = on_cpu[r] / off_cpu[r];
    }
  qsort (pair, rounds, sizeof (double), compare);
  qsort (pair_cpu, rounds, sizeof (double), compare);
  qsort (on, rounds, sizeof (double), compare);
  qsort (off, rounds, sizeof (double), compare);
  qsort (on_cpu, rounds, sizeof (double), compare);
  qsort (off_cpu, rounds, sizeof (double), compare);
  g_print ("median per keystroke, wall: off %.3f ms, on %.3f ms, ratio %.2f\n",
           off[rounds / 2], on[rounds / 2], on[rounds / 2] / off[rounds / 2]);
  g_print ("median per keystroke, CPU:  off %.3f ms, on %.3f ms, ratio %.2f\n",
           off_cpu[rounds / 2], on_cpu[rounds / 2], on_cpu[rounds / 2] / off_cpu[rounds / 2]);
  g_print ("median of the rounds' ratios (on against the off next to it): wall %.2f, CPU %.2f\n",
           pair[rounds / 2], pair_cpu[rounds / 2]);
  /* the quietest round of each: the least disturbed by other processes */
  g_print ("best round per keystroke, wall: off %.3f ms, on %.3f ms, ratio %.2f\n",
           off[0], on[0], on[0] / off[0]);
  g_print ("best round per keystroke, CPU:  off %.3f ms, on %.3f ms, ratio %.2f\n",
           off_cpu[0], on_cpu[0], on_cpu[0] / off_cpu[0]);

  gtk_text_buffer_set_modified (buffer, FALSE);
  wd_window_get_article (window);
  gtk_window_destroy (GTK_WINDOW (window));
  spin (100);
  g_application_release (G_APPLICATION (app));
  g_object_unref (app);

  return 0;
}

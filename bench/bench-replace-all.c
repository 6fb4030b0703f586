/* bench-replace-all: Replace All of 10 000 matches in a 1 MB body, in the
 * editor window (its find bar, with the window's own buffer handlers,
 * chips and all) against GtkSourceView's search context on a bare buffer,
 * side by side in one run. Also the one undo step that takes it back.
 *
 *   xvfb-run -a dbus-run-session -- build/bench/bench-replace-all [RUNS]
 *
 * Needs a display (GTK); GSETTINGS_SCHEMA_DIR=build/data. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "wd-bench-doc.h"
#include "wd-search-bar.h"
#include "wd-window-private.h"

#define BODY_BYTES (1024 * 1024)
#define MATCHES 10000

/* ~1 MB of paragraphs holding MATCHES times "ferries". */
static char *
make_body (void)
{
  GString *body = g_string_sized_new (BODY_BYTES + 1024);
  const char *filler = "The harbour authority said the crossings would stay suspended for now. ";
  guint n = 0;

  while (body->len < BODY_BYTES)
    {
      g_string_append (body, filler);
      if (n < MATCHES)
        {
          g_string_append (body, "Night ferries stopped. ");
          n++;
        }
      if (body->len % 7 == 0)
        g_string_append (body, "\n\n");
    }
  g_assert_cmpuint (n, ==, MATCHES);

  return g_string_free (body, FALSE);
}

static int
compare (const void *a,
         const void *b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return x < y ? -1 : x > y;
}

/* GtkSourceView alone: a buffer, a context, replace all. */
static double
bare_replace_all (const char *body,
                  double     *undo_ms)
{
  g_autoptr(GtkSourceBuffer) buffer = gtk_source_buffer_new (NULL);
  g_autoptr(GtkSourceSearchSettings) settings = gtk_source_search_settings_new ();
  g_autoptr(GtkSourceSearchContext) context = NULL;
  gint64 start;
  guint n;
  double ms;

  gtk_text_buffer_set_text (GTK_TEXT_BUFFER (buffer), body, -1);
  gtk_source_search_settings_set_search_text (settings, "ferries");
  context = gtk_source_search_context_new (buffer, settings);

  while (gtk_source_search_context_get_occurrences_count (context) < 0)
    g_main_context_iteration (NULL, TRUE);

  start = g_get_monotonic_time ();
  gtk_text_buffer_begin_user_action (GTK_TEXT_BUFFER (buffer));
  n = gtk_source_search_context_replace_all (context, "boats", -1, NULL);
  gtk_text_buffer_end_user_action (GTK_TEXT_BUFFER (buffer));
  ms = (g_get_monotonic_time () - start) / 1000.0;
  g_assert_cmpuint (n, ==, MATCHES);

  start = g_get_monotonic_time ();
  gtk_text_buffer_undo (GTK_TEXT_BUFFER (buffer));
  *undo_ms = (g_get_monotonic_time () - start) / 1000.0;

  return ms;
}

static double
window_replace_all (WdApplication *app,
                    const char    *body,
                    double        *undo_ms)
{
  g_autoptr(WdArticle) article = wd_article_new ();
  GtkTextBuffer *buffer;
  g_autofree char *after = NULL;
  WdSearchBar *bar;
  WdWindow *window;
  GtkTextIter s, e;
  gint64 start;
  guint n;
  double ms;

  wd_article_set_headline (article, "Ferries");
  wd_article_set_body (article, body);
  window = wd_window_new (app);
  _wd_window_set_document (window, article, NULL, NULL);
  gtk_window_present (GTK_WINDOW (window));
  wd_bench_spin (300);

  bar = window->search_bar;
  buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (window->body));
  gtk_text_buffer_get_start_iter (buffer, &s);
  e = s;
  gtk_text_buffer_select_range (buffer, &s, &e);
  wd_search_bar_open (bar, TRUE);
  gtk_source_search_settings_set_search_text (gtk_source_search_context_get_settings (wd_search_bar_get_context (bar)),
                                              "ferries");
  {
    /* The replace row's entry: the only GtkEntry in the bar. */
    GtkWidget *w = GTK_WIDGET (bar);
    GtkWidget *entry = NULL;
    GPtrArray *stack = g_ptr_array_new ();

    g_ptr_array_add (stack, w);
    while (stack->len > 0 && entry == NULL)
      {
        GtkWidget *c = g_ptr_array_steal_index (stack, stack->len - 1);

        if (GTK_IS_ENTRY (c))
          entry = c;
        for (GtkWidget *k = gtk_widget_get_first_child (c); k; k = gtk_widget_get_next_sibling (k))
          g_ptr_array_add (stack, k);
      }
    g_ptr_array_unref (stack);
    gtk_editable_set_text (GTK_EDITABLE (entry), "boats");
  }

  /* As the editor sees it before pressing Replace All: the count shown
   * (the context has scanned the buffer in idle). */
  {
    gint64 deadline = g_get_monotonic_time () + 60 * G_USEC_PER_SEC;

    while (gtk_source_search_context_get_occurrences_count (wd_search_bar_get_context (bar)) < 0 &&
           g_get_monotonic_time () < deadline)
      g_main_context_iteration (NULL, TRUE);
  }

  start = g_get_monotonic_time ();
  n = wd_search_bar_replace_all (bar);
  ms = (g_get_monotonic_time () - start) / 1000.0;
  g_assert_cmpuint (n, ==, MATCHES);

  start = g_get_monotonic_time ();
  gtk_text_buffer_undo (buffer);
  *undo_ms = (g_get_monotonic_time () - start) / 1000.0;
  gtk_text_buffer_get_bounds (buffer, &s, &e);
  after = gtk_text_buffer_get_text (buffer, &s, &e, TRUE);
  g_assert_cmpstr (after, ==, body);   /* one undo step took all of it back */

  gtk_text_buffer_set_modified (buffer, FALSE);
  wd_window_get_article (window);
  gtk_window_destroy (GTK_WINDOW (window));
  wd_bench_spin (100);

  return ms;
}

int
main (int   argc,
      char *argv[])
{
  guint runs = argc > 1 ? (guint) atoi (argv[1]) : 5;
  g_autofree char *body = make_body ();
  g_autofree double *bare = g_new0 (double, runs);
  g_autofree double *win = g_new0 (double, runs);
  g_autofree double *bare_undo = g_new0 (double, runs);
  g_autofree double *win_undo = g_new0 (double, runs);
  WdApplication *app;

  if (!gtk_init_check ())
    {
      g_printerr ("bench-replace-all needs a display (run it under xvfb-run)\n");
      return 77;
    }

  app = wd_application_new ();
  g_application_set_flags (G_APPLICATION (app), G_APPLICATION_NON_UNIQUE);
  g_application_register (G_APPLICATION (app), NULL, NULL);
  g_application_hold (G_APPLICATION (app));

  /* Side by side: one of each per round. */
  for (guint i = 0; i < runs; i++)
    {
      bare[i] = bare_replace_all (body, &bare_undo[i]);
      win[i] = window_replace_all (app, body, &win_undo[i]);
    }

  qsort (bare, runs, sizeof (double), compare);
  qsort (win, runs, sizeof (double), compare);
  qsort (bare_undo, runs, sizeof (double), compare);
  qsort (win_undo, runs, sizeof (double), compare);

  g_print ("body %u bytes, %u matches, %u runs (medians)\n", (guint) strlen (body), MATCHES, runs);
  g_print ("replace all: editor %.1f ms, bare GtkSourceView %.1f ms, ratio %.2f\n",
           win[runs / 2], bare[runs / 2], win[runs / 2] / bare[runs / 2]);
  g_print ("undo (one step): editor %.1f ms, bare GtkSourceView %.1f ms\n",
           win_undo[runs / 2], bare_undo[runs / 2]);

  g_object_unref (app);
  return 0;
}

/* bench-preview: the Preview page on a large article — its first
 * rendering (the page built), and the update after one keystroke in the
 * body while it is shown (what typing costs with the preview open: one
 * rendering every 250 ms at most) — each as the time to the rendering and
 * the longest single main-loop iteration around it (a stall typing would
 * feel), beside the export's own rendering of the same body to HTML.
 *
 *   xvfb-run -a dbus-run-session -- build/bench/bench-preview [PARAGRAPHS] [RUNS]
 *
 * A rendering counts once the list is full: a long article goes into it
 * a step per frame. Before against after: run this binary and one built
 * from an earlier commit in turns (docs/BENCHMARKS.md).
 *
 * Needs a display (GTK); GSETTINGS_SCHEMA_DIR=build/data. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "wd-bench-doc.h"
#include "wd-markdown-private.h"
#include "wd-preview-page.h"
#include "wd-window-private.h"

static gboolean
mark_idle (gpointer data)
{
  *(gboolean *) data = TRUE;
  return G_SOURCE_REMOVE;
}

/* Until the main loop has nothing more urgent than low-priority idles:
 * the editor's text laid out, the audit and the chips done. */
static void
settle (void)
{
  gboolean idle = FALSE;

  g_idle_add_full (G_PRIORITY_LOW, mark_idle, &idle, NULL);
  while (!idle)
    g_main_context_iteration (NULL, TRUE);
}

/* Runs the loop until @page has rendered past @renders and 300 ms more
 * (its layout and drawing); the time to the rendering, and the longest
 * single main-loop iteration meanwhile (what typing would wait for). */
static double
wait_render (WdPreviewPage *page,
             guint          renders,
             gint64         start,
             double        *longest)
{
  gint64 rendered = 0, end = 0;

  *longest = 0;
  while (rendered == 0 || g_get_monotonic_time () < end)
    {
      gint64 before = g_get_monotonic_time ();

      g_main_context_iteration (NULL, rendered == 0);
      *longest = MAX (*longest, (g_get_monotonic_time () - before) / 1000.0);
      if (rendered == 0 && wd_preview_page_get_renders (page) > renders)
        {
          rendered = g_get_monotonic_time ();
          end = rendered + 300 * 1000;
        }
    }

  return (rendered - start) / 1000.0;
}

int
main (int   argc,
      char *argv[])
{
  WdBenchDocOptions options = { argc > 1 ? (guint) atoi (argv[1]) : 1300, 40, TRUE };
  guint runs = argc > 2 ? (guint) atoi (argv[2]) : 5;
  g_autofree double *first = g_new0 (double, runs);
  g_autofree double *update = g_new0 (double, runs);
  g_autofree double *html = g_new0 (double, runs);
  g_autofree double *first_stall = g_new0 (double, runs);
  g_autofree double *update_stall = g_new0 (double, runs);
  g_autoptr(WdArticle) article = NULL;
  WdApplication *app;
  gsize body_len;

  if (!gtk_init_check ())
    {
      g_printerr ("bench-preview needs a display (run it under xvfb-run)\n");
      return 77;
    }

  app = wd_application_new ();
  g_application_set_flags (G_APPLICATION (app), G_APPLICATION_NON_UNIQUE);
  g_application_register (G_APPLICATION (app), NULL, NULL);
  g_application_hold (G_APPLICATION (app));
  article = wd_bench_doc_new (&options);
  body_len = strlen (wd_article_get_body (article));

  for (guint i = 0; i < runs; i++)
    {
      WdWindow *window = wd_window_new (app);
      GtkTextBuffer *buffer;
      WdPreviewPage *page;
      GtkTextIter middle;
      gint64 start;
      guint renders;

      /* The export's rendering of the same body, for scale. */
      start = g_get_monotonic_time ();
      {
        g_autoptr(WdRenderedBody) body = _wd_rendered_body_new (article, TRUE);
      }
      html[i] = (g_get_monotonic_time () - start) / 1000.0;

      _wd_window_set_document (window, article, NULL, NULL);
      gtk_window_set_default_size (GTK_WINDOW (window), 1280, 800);
      gtk_window_present (GTK_WINDOW (window));
      adw_flap_set_reveal_flap (window->flap, TRUE);
      wd_bench_spin (300);
      settle ();

      /* First show: the page built and rendered. */
      start = g_get_monotonic_time ();
      adw_view_stack_set_visible_child_name (window->side_stack, "preview");
      page = WD_PREVIEW_PAGE (adw_bin_get_child (window->preview_bin));
      first[i] = wait_render (page, 0, start, &first_stall[i]);
      settle ();

      /* One keystroke in the middle of the body: from the key to the
       * page updated, less the two deliberate delays (the body's 200 ms
       * throttle into the article, the preview's 250 ms). */
      buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (window->body));
      gtk_text_buffer_get_iter_at_offset (buffer, &middle, gtk_text_buffer_get_char_count (buffer) / 2);
      renders = wd_preview_page_get_renders (page);
      gtk_text_buffer_insert (buffer, &middle, "x", 1);
      start = g_get_monotonic_time ();
      _wd_window_sync_body (window);
      update[i] = wait_render (page, renders, start, &update_stall[i]) - 250.0;

      gtk_text_buffer_set_modified (buffer, FALSE);
      _wd_window_set_saved (window, window->change_serial);
      gtk_window_destroy (GTK_WINDOW (window));
      wd_bench_spin (100);
    }

  g_print ("body %" G_GSIZE_FORMAT " bytes, %u paragraphs, %u runs (medians)\n",
           body_len, options.paragraphs, runs);
  g_print ("preview first shown: %.1f ms to the full list, longest main-loop stall %.1f ms\n",
           wd_bench_median (first, runs), wd_bench_median (first_stall, runs));
  g_print ("update after one keystroke: %.1f ms to the rendering (less the 250 ms delay), "
           "longest stall %.1f ms\n",
           wd_bench_median (update, runs), wd_bench_median (update_stall, runs));
  g_print ("export's HTML rendering of the body: %.1f ms\n", wd_bench_median (html, runs));

  g_object_unref (app);
  return 0;
}

/* bench-check-frames: the editor window's frame times while it checks
 * sources on a hostile server, against the same window idle, in one run.
 *
 *   xvfb-run -a -s '-screen 0 1280x800x24' dbus-run-session -- \
 *     env GSETTINGS_SCHEMA_DIR=build/data GSETTINGS_BACKEND=memory GSK_RENDERER=cairo \
 *     GDK_DEBUG=gl-disable build/bench/bench-check-frames [COPIES] [TIMEOUT_S] [PATH,…]
 *
 * The window shows a document whose sources are COPIES (default 4) of each
 * hostile page of tests/' hostile server: a body that drips one byte at a
 * time, a megabyte of response headers, an endless run of "100 Continue",
 * a megabyte of attributes on one tag, a 2 GiB body, a gzip bomb, a coding
 * header 13 000 deep, a server that never answers, and a plain page (or
 * only the comma-separated PATHs given, to see what one page costs). A
 * tick callback keeps the frame clock running; each frame's time (from
 * GdkFrameClock's timings) is recorded, and a letter is typed into the
 * body every 100 ms, as an editor writing while the check runs would.
 * Phases, in order: idle (5 s), "Check sources" until it has finished,
 * idle again (5 s). For each: frames, median / 95th percentile / 99th /
 * longest interval between frames, frames later than 50 ms, and the
 * main thread's own CPU time between two frames (median, 99th, most):
 * on a loaded machine the intervals also hold time spent waiting for a
 * core, the CPU time only what the main loop itself did. */
#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "wd-hostile-server.h"
#include "wd-sources-pane.h"
#include "wd-test-window.h"
#include "wd-window-private.h"

#define IDLE_MS 5000
#define TYPE_EVERY_MS 100
#define LATE_MS 50.0

static const char * const hostile_paths[] = {
  "/drip", "/raw/huge-headers", "/raw/continue-flood", "/raw/attribute-flood",
  "/huge", "/gzip-bomb", "/raw/codings/1/13000", "/never", "/ok", NULL,
};

typedef struct
{
  GArray  *intervals;   /* double, ms between frames */
  GArray  *cpu;         /* double, ms of main-thread CPU time between frames */
  gint64   last;        /* frame time of the previous frame, µs */
  gint64   last_cpu;    /* main-thread CPU time then, µs */
  gboolean recording;
} Frames;

/* CPU time of the calling thread: what the main loop itself spent,
 * whatever else the (shared) machine was doing. */
static gint64
thread_cpu_us (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_THREAD_CPUTIME_ID, &ts);
  return (gint64) ts.tv_sec * G_USEC_PER_SEC + ts.tv_nsec / 1000;
}

static gboolean
on_tick (GtkWidget     *widget,
         GdkFrameClock *clock,
         gpointer       data)
{
  Frames *frames = data;
  GdkFrameTimings *timings = gdk_frame_clock_get_current_timings (clock);
  gint64 now = timings != NULL ? gdk_frame_timings_get_frame_time (timings)
                               : gdk_frame_clock_get_frame_time (clock);
  gint64 cpu = thread_cpu_us ();

  if (frames->recording && frames->last != 0)
    {
      double ms = (now - frames->last) / 1000.0;
      double cpu_ms = (cpu - frames->last_cpu) / 1000.0;

      g_array_append_val (frames->intervals, ms);
      g_array_append_val (frames->cpu, cpu_ms);
    }
  frames->last = now;
  frames->last_cpu = cpu;

  return G_SOURCE_CONTINUE;
}

static gboolean
type_letter (gpointer data)
{
  GtkTextBuffer *buffer = data;
  GtkTextIter end;

  gtk_text_buffer_get_end_iter (buffer, &end);
  gtk_text_buffer_begin_user_action (buffer);
  gtk_text_buffer_insert (buffer, &end, "x", 1);
  gtk_text_buffer_end_user_action (buffer);

  return G_SOURCE_CONTINUE;
}

static int
compare (const void *a,
         const void *b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return x < y ? -1 : x > y;
}

static double
percentile (GArray *sorted,
            double  p)
{
  guint i = (guint) (p * (sorted->len - 1) + 0.5);

  return sorted->len > 0 ? g_array_index (sorted, double, MIN (i, sorted->len - 1)) : 0;
}

static void
report (const char *phase,
        Frames     *frames,
        double      seconds)
{
  GArray *sorted = frames->intervals;
  GArray *cpu = frames->cpu;
  guint late = 0;

  g_array_sort (sorted, compare);
  g_array_sort (cpu, compare);
  for (guint i = 0; i < sorted->len; i++)
    if (g_array_index (sorted, double, i) > LATE_MS)
      late++;

  g_print ("| %s | %.1f s | %u | %.1f | %.1f | %.1f | %.1f | %u | %.1f | %.1f | %.1f |\n",
           phase, seconds, sorted->len,
           percentile (sorted, 0.5), percentile (sorted, 0.95), percentile (sorted, 0.99),
           percentile (sorted, 1.0), late,
           percentile (cpu, 0.5), percentile (cpu, 0.99), percentile (cpu, 1.0));
  g_array_set_size (frames->intervals, 0);
  g_array_set_size (frames->cpu, 0);
}

/* "Check sources" is offered again: the check has finished. */
static gboolean
check_finished (gpointer window)
{
  return wd_test_action_enabled (window, "win.check-sources");
}

typedef struct
{
  GMainLoop       *loop;
  WdTestCondition  until;
  gpointer         data;
  gboolean         met;
} Wait;

static gboolean
on_time_up (gpointer data)
{
  g_main_loop_quit (((Wait *) data)->loop);
  return G_SOURCE_REMOVE;
}

static gboolean
on_poll (gpointer data)
{
  Wait *wait = data;

  if (!wait->until (wait->data))
    return G_SOURCE_CONTINUE;
  wait->met = TRUE;
  g_main_loop_quit (wait->loop);
  return G_SOURCE_REMOVE;
}

/* Records frames for @ms, or until @until holds (then at most @ms). A
 * real main loop runs meanwhile, as in the application (the tests'
 * wd_test_spin() sleeps between iterations, which starves the frame
 * clock of a busy loop). */
static double
record (Frames          *frames,
        guint            ms,
        WdTestCondition  until,
        gpointer         data)
{
  gint64 start = g_get_monotonic_time ();
  Wait wait = { g_main_loop_new (NULL, FALSE), until, data, FALSE };
  guint time_up = g_timeout_add (ms, on_time_up, &wait);
  guint poll = until != NULL ? g_timeout_add (10, on_poll, &wait) : 0;

  /* The first interval runs from the start of the phase. */
  frames->recording = TRUE;
  frames->last = start;
  frames->last_cpu = thread_cpu_us ();
  g_main_loop_run (wait.loop);
  frames->recording = FALSE;

  /* A frame that never came before the end counts too. */
  {
    double tail_ms = (g_get_monotonic_time () - frames->last) / 1000.0;
    double cpu_ms = (thread_cpu_us () - frames->last_cpu) / 1000.0;

    g_array_append_val (frames->intervals, tail_ms);
    g_array_append_val (frames->cpu, cpu_ms);
  }

  if (wait.met)
    g_source_remove (time_up);       /* the poll removed itself */
  else if (poll != 0)
    {
      g_source_remove (poll);        /* time was up first */
      g_printerr ("bench-check-frames: the check had not finished after %u ms\n", ms);
    }
  g_main_loop_unref (wait.loop);

  return (g_get_monotonic_time () - start) / (double) G_USEC_PER_SEC;
}

int
main (int   argc,
      char *argv[])
{
  guint copies = argc > 1 ? (guint) atoi (argv[1]) : 4;
  guint timeout_s = argc > 2 ? (guint) atoi (argv[2]) : 5;
  g_auto(GStrv) paths = argc > 3 ? g_strsplit (argv[3], ",", -1) : g_strdupv ((char **) hostile_paths);
  GSettings *settings;
  g_autoptr(GString) text = g_string_new (NULL);
  g_autoptr(WdApplication) app = NULL;
  WdHostileServer *server;
  Frames frames = { 0 };
  WdSourcesPane *pane;
  GtkTextBuffer *buffer;
  WdWindow *window;
  guint typing;
  double seconds;

  /* The hostile server finds its TLS certificate through GLib's test
   * paths; a data folder keeps drafts out of the user's. */
  g_setenv ("G_TEST_SRCDIR", WD_TESTS_SOURCE_DIR, FALSE);
  g_setenv ("XDG_DATA_HOME", g_get_tmp_dir (), FALSE);
  g_test_init (&argc, &argv, NULL);

  if (copies == 0 || timeout_s == 0)
    {
      g_printerr ("usage: bench-check-frames [COPIES] [TIMEOUT_S]\n");
      return 2;
    }

  app = wd_test_application ();
  if (app == NULL)
    {
      g_printerr ("bench-check-frames: no display (run it under xvfb-run)\n");
      return 1;
    }

  settings = wd_application_get_settings (app);
  if (settings == NULL)
    {
      g_printerr ("bench-check-frames: no settings schema (set GSETTINGS_SCHEMA_DIR=build/data)\n");
      return 1;
    }
  g_settings_set_uint (settings, "check-timeout", timeout_s);

  server = wd_hostile_server_new (WD_HOSTILE_SITE_NORMAL);
  for (guint copy = 0; copy < copies; copy++)
    for (guint i = 0; paths[i] != NULL; i++)
      {
        g_autofree char *url = wd_hostile_server_url (server, paths[i]);

        /* Distinct addresses: one check each. */
        g_string_append_printf (text, "%s%sc=%u\n", url, strchr (url, '?') ? "&" : "?", copy);
      }

  window = wd_window_new (app);
  gtk_window_set_default_size (GTK_WINDOW (window), 1200, 760);
  gtk_window_present (GTK_WINDOW (window));
  pane = wd_test_find_child (GTK_WIDGET (window), WD_TYPE_SOURCES_PANE, NULL);
  g_assert_cmpuint (wd_sources_pane_add_text (pane, text->str), ==, copies * g_strv_length (paths));
  buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (window->body));
  wd_test_spin (500);

  frames.intervals = g_array_new (FALSE, FALSE, sizeof (double));
  frames.cpu = g_array_new (FALSE, FALSE, sizeof (double));
  gtk_widget_add_tick_callback (GTK_WIDGET (window), on_tick, &frames, NULL);
  typing = g_timeout_add (TYPE_EVERY_MS, type_letter, buffer);

  g_print ("%u sources (%u of each hostile page), check timeout %u s\n\n",
           copies * g_strv_length (paths), copies, timeout_s);
  g_print ("| phase | length | frames | median ms | p95 ms | p99 ms | longest ms | > %.0f ms "
           "| main-thread CPU per frame: median ms | p99 ms | most ms |\n", LATE_MS);
  g_print ("|---|---|---|---|---|---|---|---|---|---|---|\n");

  seconds = record (&frames, IDLE_MS, NULL, NULL);
  report ("idle", &frames, seconds);

  gtk_widget_activate_action_variant (GTK_WIDGET (window), "win.check-sources", NULL);
  g_assert_true (wd_test_action_enabled (GTK_WIDGET (window), "win.cancel-check"));
  seconds = record (&frames, 600 * 1000, check_finished, window);
  report ("checking hostile sources", &frames, seconds);

  seconds = record (&frames, IDLE_MS, NULL, NULL);
  report ("idle again", &frames, seconds);

  g_source_remove (typing);
  gtk_text_buffer_set_modified (buffer, FALSE);
  wd_test_destroy_window (window);
  wd_hostile_server_free (server);
  g_array_unref (frames.intervals);
  g_array_unref (frames.cpu);

  return 0;
}

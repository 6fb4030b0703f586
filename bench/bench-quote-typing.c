/* bench-quote-typing: typing in a 1 MB article with its evidence package
 * beside it (the audit checks ~200 quotations against 50 sources'
 * captures as the editor types) against the same article without one (no
 * quotation check: what a window without a package runs), in one editor
 * window, side by side in one run (rounds alternate which goes first).
 *
 * Keys are typed in bursts with pauses longer than the audit's delay, so
 * audits run and their results are applied (quotation underlines in the
 * body, the findings list) both between and during bursts. A keystroke is
 * timed from the insertion until the main loop is idle; separately, what
 * every main-loop iteration in which an audit's result was applied
 * dispatched is timed (wall and the main thread's CPU), and each until
 * the window's next frame: the stall the editor sees when an audit ends.
 * The audit that follows switching the package on or off (all its
 * findings new, as when a package is read) is not in the typing.
 *
 *   xvfb-run -a -s '-screen 0 1280x800x24' dbus-run-session -- \
 *     build/bench/bench-quote-typing [ROUNDS] [KEYS]
 *
 * Needs a display (GTK); GSETTINGS_SCHEMA_DIR=build/data
 * GSETTINGS_BACKEND=memory. The sources are served on 127.0.0.1 by the
 * tests' server and checked once with capture at start-up, into a
 * temporary directory that is removed at the end. */
#include "config.h"

#include <glib/gstdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "wd-bench-doc.h"
#include "wd-test-server.h"
#include "wd-test-window.h"
#include "wd-window-private.h"

#define N_SOURCES    50
#define N_QUOTES     200
#define BODY_BYTES   (1024 * 1024)
#define SOURCE_WORDS 3000
#define BURST        50     /* keys typed without a pause */
#define PAUSE_MS     800    /* > the audit's 250 ms delay plus the check */

/* ----------------------------------------------------- the served sources */

static GHashTable *pages;   /* "/src-NN" → HTML; read-only once serving */

static void
serve (SoupServer        *server,
       SoupServerMessage *msg,
       const char        *path,
       GHashTable        *query,
       gpointer           user_data)
{
  const char *page = g_hash_table_lookup (pages, path);

  if (page == NULL)
    {
      soup_server_message_set_status (msg, 404, NULL);
      return;
    }
  soup_server_message_set_status (msg, 200, NULL);
  soup_server_message_set_response (msg, "text/html; charset=utf-8", SOUP_MEMORY_STATIC, page, strlen (page));
}

/* bench-quotes' article: 50 sources of 3000 words, here served as pages
 * (a paragraph every ten sentences); a 1 MB body of paragraphs citing
 * one each, 200 quotations cut from the cited source. */
static WdArticle *
make_article (WdTestServer *server)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (17);
  g_autoptr(GPtrArray) texts = wd_bench_quote_sources (rand, N_SOURCES, SOURCE_WORDS);
  g_autoptr(GStrvBuilder) ids = g_strv_builder_new ();
  g_auto(GStrv) id_list = NULL;
  g_autofree char *body = NULL;
  WdArticle *article = wd_article_new ();
  guint quotes;

  wd_article_set_language (article, "en");
  wd_article_set_headline (article, "Harbour budget");
  for (guint s = 0; s < N_SOURCES; s++)
    {
      g_autofree char *path = g_strdup_printf ("/src-%02u", s);
      g_autofree char *url = wd_test_server_url (server, path);
      g_auto(GStrv) sentences = g_strsplit (g_ptr_array_index (texts, s), ". ", -1);
      GString *html = g_string_new ("<!doctype html><html lang=\"en\"><head><title>Source</title></head><body><p>");
      g_autoptr(GError) error = NULL;
      WdSource *source;

      for (guint i = 0; sentences[i] != NULL; i++)
        g_string_append_printf (html, "%s%s", sentences[i],
                                sentences[i + 1] == NULL ? "" : i % 10 == 9 ? ".</p><p>" : ". ");
      g_string_append (html, "</p></body></html>");
      g_hash_table_insert (pages, g_steal_pointer (&path), g_string_free (html, FALSE));
      source = wd_article_add_source_url (article, url, &error);
      g_assert_no_error (error);
      g_strv_builder_add (ids, wd_source_get_id (source));
    }
  id_list = g_strv_builder_end (ids);
  body = wd_bench_quote_body (rand, texts, (const char * const *) id_list, BODY_BYTES, N_QUOTES, &quotes);
  wd_article_set_body (article, body);
  g_print ("article: %zu bytes, %u quotations\n", strlen (body), quotes);

  return article;
}

static void
on_ready (GObject      *object,
          GAsyncResult *result,
          gpointer      data)
{
  *(GAsyncResult **) data = g_object_ref (result);
}

/* Checks the sources with capture and saves the document beside its
 * package, as the editor leaves them after Check Sources. */
static void
check_and_save (WdArticle  *article,
                const char *document)
{
  g_autofree char *package = wd_evidence_package_path_for (document);
  g_autoptr(WdChecker) checker = wd_checker_new ();
  g_autoptr(WdEvidenceRecorder) recorder = wd_evidence_recorder_new (package, checker);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GFile) file = g_file_new_for_path (document);
  g_autoptr(GError) error = NULL;

  wd_checker_check_article_async (checker, article, NULL, on_ready, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);
  if (!wd_checker_check_article_finish (checker, result, &error) ||
      !wd_evidence_recorder_save (recorder, &error) ||
      !wd_native_format_save (article, file, NULL, &error))
    g_error ("making the package: %s", error->message);
  for (guint i = 0; i < wd_article_get_n_sources (article); i++)
    if (wd_source_get_check_status (wd_article_get_source (article, i)) != WD_CHECK_STATUS_OK)
      g_error ("source %u was not checked ok", i);
}

/* ------------------------------------------------------------- measuring */

typedef struct
{
  WdWindow *window;
  GArray   *apply_wall;      /* ms, per audit applied: its dispatch */
  GArray   *apply_cpu;       /* ms of the main thread's CPU in it */
  double    longest_frame;   /* ms: the longest from an audit applied to the next frame */
  gboolean  until_frame;     /* an audit applied, its frame not painted yet */
} Stalls;

static void
on_after_paint (GdkFrameClock *clock,
                Stalls        *stalls)
{
  stalls->until_frame = FALSE;
}

static gint64 main_cpu_us (void);

/* One main-loop iteration, as g_main_context_iteration() runs it, but
 * timing only what is dispatched (@cpu_ms: the main thread's CPU time in
 * it): the wait in poll() for the audit's worker is idle time, not a
 * stall (timing the whole iteration counted the worker's run, the
 * quotation check's 30-100 ms, as one). */
static double
dispatch_once (gboolean  may_block,
               double   *cpu_ms)
{
  static GPollFD *fds;
  static int n_fds;
  GMainContext *context = g_main_context_default ();
  int priority, timeout, n;
  gint64 start, cpu_start;

  if (!g_main_context_acquire (context))
    g_error ("the main context belongs to another thread");
  g_main_context_prepare (context, &priority);
  while ((n = g_main_context_query (context, priority, &timeout, fds, n_fds)) > n_fds)
    {
      n_fds = n;
      fds = g_renew (GPollFD, fds, n_fds);
    }
  g_poll (fds, n, may_block ? timeout : 0);
  start = g_get_monotonic_time ();
  cpu_start = main_cpu_us ();
  if (g_main_context_check (context, priority, fds, n))
    g_main_context_dispatch (context);
  g_main_context_release (context);
  *cpu_ms = (main_cpu_us () - cpu_start) / 1000.0;
  return (g_get_monotonic_time () - start) / 1000.0;
}

/* One main-loop iteration; when it applied an audit's result (the
 * worker's result: underlines, findings list, badge), its dispatch is
 * timed, and so is each until the window paints its next frame (what GTK
 * lays out again for changed underlines is paid there). */
static void
iterate (Stalls   *stalls,
         gboolean  may_block)
{
  gboolean running = stalls->window->audit_running;
  double cpu;
  double ms = dispatch_once (may_block, &cpu);

  if (running && !stalls->window->audit_running)
    {
      g_array_append_val (stalls->apply_wall, ms);
      g_array_append_val (stalls->apply_cpu, cpu);
      stalls->until_frame = TRUE;
    }
  if (stalls->until_frame || (running && !stalls->window->audit_running))
    stalls->longest_frame = MAX (stalls->longest_frame, ms);
}

static void
stalls_reset (Stalls *stalls)
{
  g_array_set_size (stalls->apply_wall, 0);
  g_array_set_size (stalls->apply_cpu, 0);
  stalls->longest_frame = 0;
}

/* The @p-th percentile of @values (sorts them). */
static double
percentile (GArray *values,
            double  p)
{
  double *v = (double *) values->data;
  guint n = values->len;

  if (n == 0)
    return 0;
  wd_bench_median (v, n);   /* sorts */
  return v[MIN (n - 1, (guint) (p / 100.0 * n))];
}

static gboolean
wake (gpointer data)
{
  *(gboolean *) data = TRUE;
  return G_SOURCE_REMOVE;
}

/* Lets the main loop run for @ms, blocking while it has nothing to do. */
static void
pause_ms (Stalls *stalls,
          guint   ms)
{
  gboolean done = FALSE;

  g_timeout_add (ms, wake, &done);
  while (!done)
    iterate (stalls, TRUE);
}

/* CPU time of the main thread (the audit's worker is not counted: it
 * is not in a keystroke's latency), in microseconds. */
static gint64
main_cpu_us (void)
{
  struct timespec now;

  clock_gettime (CLOCK_THREAD_CPUTIME_ID, &now);
  return (gint64) now.tv_sec * G_USEC_PER_SEC + now.tv_nsec / 1000;
}

/* Types @keys characters at the cursor in bursts, pausing between them.
 * Returns the median keystroke's wall and CPU ms (a key until the loop is
 * idle; pauses not counted), the median CPU ms of the keys typed while no
 * audit ran in the worker (on 2 cores a running worker slows the main
 * thread's own work: the audit with quotations runs longer, so more keys
 * share the machine with it), and the slowest keystroke. */
static void
type_keys (Stalls *stalls,
           guint   keys,
           double *wall,
           double *cpu,
           double *quiet_cpu,
           double *slowest)
{
  GtkTextView *view = GTK_TEXT_VIEW (stalls->window->body);
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (view);
  static const char text[] =
    "The council said the harbour plan would go to a vote next week. "
    "Officials warned that prices could rise before the budget is agreed.\n\n";
  g_autofree double *walls = g_new0 (double, keys);
  g_autofree double *cpus = g_new0 (double, keys);
  g_autofree double *quiet = g_new0 (double, keys);
  guint n_quiet = 0;

  for (guint i = 0; i < keys; i++)
    {
      gint64 start = g_get_monotonic_time ();
      gint64 cpu_start = main_cpu_us ();
      gboolean worker = stalls->window->audit_running;

      gtk_text_buffer_insert_interactive_at_cursor (buffer, &text[i % (sizeof text - 1)], 1, TRUE);
      /* as the view does for a key typed */
      gtk_text_view_scroll_mark_onscreen (view, gtk_text_buffer_get_insert (buffer));
      while (g_main_context_pending (NULL))
        iterate (stalls, FALSE);
      walls[i] = (g_get_monotonic_time () - start) / 1000.0;
      cpus[i] = (main_cpu_us () - cpu_start) / 1000.0;
      if (!worker && !stalls->window->audit_running)
        quiet[n_quiet++] = cpus[i];

      if ((i + 1) % BURST == 0)
        pause_ms (stalls, PAUSE_MS);
    }
  pause_ms (stalls, PAUSE_MS);

  *wall = wd_bench_median (walls, keys);
  *cpu = wd_bench_median (cpus, keys);
  *slowest = walls[keys - 1];
  *quiet_cpu = wd_bench_median (quiet, n_quiet);
}

static guint
count_quote_findings (WdWindow *window)
{
  GListModel *findings = wd_audit_get_findings (window->audit);
  guint n = 0;

  for (guint i = 0; i < g_list_model_get_n_items (findings); i++)
    {
      g_autoptr(WdFinding) f = g_list_model_get_item (findings, i);

      if (g_str_has_prefix (wd_finding_get_code_nick (f), "quote-"))
        n++;
    }
  return n;
}

static gboolean
texts_loaded (gpointer window)
{
  return wd_audit_get_quote_texts (((WdWindow *) window)->audit) != NULL &&
         !wd_window_get_busy (window);
}

/* The view scrolled to the middle of the body and the cursor put on
 * screen there, once the view has laid the text out that far. */
static void
cursor_to_middle (GtkTextView *view)
{
  GtkAdjustment *adjustment = gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (view));

  for (guint i = 0; i < 20; i++)
    {
      gtk_adjustment_set_value (adjustment, gtk_adjustment_get_upper (adjustment) / 2);
      wd_test_spin (200);
    }
  gtk_text_view_place_cursor_onscreen (view);
  gtk_widget_grab_focus (GTK_WIDGET (view));
  wd_test_spin (200);
}

int
main (int   argc,
      char *argv[])
{
  guint rounds = argc > 1 ? (guint) atoi (argv[1]) : 5;
  guint keys = argc > 2 ? (guint) atoi (argv[2]) : 300;
  g_autoptr(WdArticle) article = NULL;
  g_autoptr(WdQuoteTexts) quote_texts = NULL;
  g_autoptr(GFile) file = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *document = NULL;
  g_autofree char *package = NULL;
  g_autoptr(WdEvidencePackage) opened = NULL;
  g_autofree double *with = NULL, *without = NULL, *with_cpu = NULL, *without_cpu = NULL;
  g_autofree double *with_quiet = NULL, *without_quiet = NULL;
  double slowest[2] = { 0, 0 }, frame[2] = { 0, 0 };
  GArray *apply_wall[2], *apply_cpu[2];   /* none, evidence */
  WdTestServer *server;
  GtkTextBuffer *buffer;
  WdApplication *app;
  WdWindow *window;
  Stalls stalls = { NULL, g_array_new (FALSE, FALSE, sizeof (double)),
                    g_array_new (FALSE, FALSE, sizeof (double)), 0, FALSE };

  if (!gtk_init_check ())
    {
      g_printerr ("bench-quote-typing needs a display (run it under xvfb-run)\n");
      return 1;
    }
  if (rounds == 0 || keys == 0)
    {
      g_printerr ("usage: bench-quote-typing [ROUNDS] [KEYS]\n");
      return 1;
    }
  for (guint e = 0; e < 2; e++)
    {
      apply_wall[e] = g_array_new (FALSE, FALSE, sizeof (double));
      apply_cpu[e] = g_array_new (FALSE, FALSE, sizeof (double));
    }
  with = g_new0 (double, rounds);
  without = g_new0 (double, rounds);
  with_cpu = g_new0 (double, rounds);
  without_cpu = g_new0 (double, rounds);
  with_quiet = g_new0 (double, rounds);
  without_quiet = g_new0 (double, rounds);

  pages = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  server = wd_test_server_new (NULL, NULL, serve, NULL);
  article = make_article (server);
  dir = g_dir_make_tmp ("bench-quote-typing-XXXXXX", NULL);
  document = g_build_filename (dir, "harbour.wiredesk", NULL);
  package = wd_evidence_package_path_for (document);
  check_and_save (article, document);
  wd_test_server_free (server);
  opened = wd_evidence_package_open (package, NULL);
  if (opened == NULL)
    g_error ("the package was not written");

  app = wd_application_new ();
  g_application_set_flags (G_APPLICATION (app), G_APPLICATION_NON_UNIQUE);
  g_application_register (G_APPLICATION (app), NULL, NULL);
  g_application_hold (G_APPLICATION (app));
  /* typing only: the spell-checker's cost is bench-spell-typing's */
  g_settings_set_boolean (wd_application_get_settings (app), "spell-check", FALSE);

  window = wd_window_new (app);
  stalls.window = window;
  gtk_window_set_default_size (GTK_WINDOW (window), 1100, 720);
  gtk_window_present (GTK_WINDOW (window));
  g_signal_connect (gtk_widget_get_frame_clock (GTK_WIDGET (window)), "after-paint",
                    G_CALLBACK (on_after_paint), &stalls);
  file = g_file_new_for_path (document);
  wd_window_load_file (window, file);
  if (!wd_test_wait_until (texts_loaded, window, 60000))
    g_error ("the evidence package was not read");
  quote_texts = wd_quote_texts_ref (wd_audit_get_quote_texts (window->audit));

  buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (window->body));
  cursor_to_middle (GTK_TEXT_VIEW (window->body));

  g_print ("body: %d chars, %u sources, package %s (%" G_GUINT64_FORMAT " bytes), "
           "%u keystrokes per round in bursts of %u with %u ms pauses, %u rounds\n",
           gtk_text_buffer_get_char_count (buffer), wd_article_get_n_sources (article), package,
           wd_evidence_package_get_size (opened),
           keys, BURST, PAUSE_MS, rounds);

  /* Warm-up, not counted: the first keys after loading pay for laying
   * out and for the first audits of the whole body. */
  {
    double ignored[4];

    type_keys (&stalls, BURST, &ignored[0], &ignored[1], &ignored[2], &ignored[3]);
  }

  for (guint r = 0; r < rounds; r++)
    for (guint k = 0; k < 2; k++)
      {
        gboolean evidence = (k == 0) == (r % 2 == 0);
        double *wall = evidence ? &with[r] : &without[r];
        double *cpu = evidence ? &with_cpu[r] : &without_cpu[r];
        double *quiet = evidence ? &with_quiet[r] : &without_quiet[r];
        double slow;

        /* What _wd_window_load_evidence() leaves the audit with, with
         * the package and without one; that audit (its findings all new,
         * as when a package is read) is applied before the typing. */
        wd_audit_set_quote_texts (window->audit, evidence ? quote_texts : NULL);
        _wd_window_schedule_audit (window, TRUE);
        gtk_text_view_scroll_mark_onscreen (GTK_TEXT_VIEW (window->body), gtk_text_buffer_get_insert (buffer));
        pause_ms (&stalls, PAUSE_MS);
        stalls_reset (&stalls);
        type_keys (&stalls, keys, wall, cpu, quiet, &slow);
        slowest[evidence] = MAX (slowest[evidence], slow);
        frame[evidence] = MAX (frame[evidence], stalls.longest_frame);
        g_array_append_vals (apply_wall[evidence], stalls.apply_wall->data, stalls.apply_wall->len);
        g_array_append_vals (apply_cpu[evidence], stalls.apply_cpu->data, stalls.apply_cpu->len);
        g_print ("round %u: %-8s %.3f ms/key wall, %.3f ms/key main-thread CPU (medians; %.3f with no audit "
                 "running), slowest key %.1f ms, %u audits applied (longest %.1f ms wall, %.1f ms CPU; %.1f ms until its frame), "
                 "%u quotation findings\n",
                 r + 1, evidence ? "evidence" : "none", *wall, *cpu, *quiet, slow, stalls.apply_wall->len,
                 percentile (stalls.apply_wall, 100), percentile (stalls.apply_cpu, 100),
                 stalls.longest_frame, count_quote_findings (window));
      }

  {
    double w0 = wd_bench_median (without, rounds), w1 = wd_bench_median (with, rounds);
    double c0 = wd_bench_median (without_cpu, rounds), c1 = wd_bench_median (with_cpu, rounds);
    double q0 = wd_bench_median (without_quiet, rounds), q1 = wd_bench_median (with_quiet, rounds);

    g_print ("median of the rounds' median keystroke, wall: without %.3f ms, with evidence %.3f ms, ratio %.2f\n",
             w0, w1, w1 / w0);
    g_print ("median of the rounds' median keystroke, main-thread CPU: without %.3f ms, with evidence %.3f ms, "
             "ratio %.2f\n", c0, c1, c1 / c0);
    g_print ("the same, keys typed while no audit ran: without %.3f ms, with evidence %.3f ms, ratio %.2f\n",
             q0, q1, q1 / q0);
  }
  g_print ("slowest keystroke: without %.1f ms, with evidence %.1f ms\n", slowest[0], slowest[1]);
  for (guint e = 0; e < 2; e++)
    g_print ("applying an audit, %-8s (%u): median %.1f ms wall / %.1f ms CPU, 95th percentile %.1f / %.1f, "
             "longest %.1f / %.1f; longest until its frame %.1f ms wall\n",
             e ? "evidence" : "none", apply_wall[e]->len,
             percentile (apply_wall[e], 50), percentile (apply_cpu[e], 50),
             percentile (apply_wall[e], 95), percentile (apply_cpu[e], 95),
             percentile (apply_wall[e], 100), percentile (apply_cpu[e], 100), frame[e]);

  gtk_text_buffer_set_modified (buffer, FALSE);
  wd_window_get_article (window);
  gtk_window_destroy (GTK_WINDOW (window));
  wd_test_spin (100);
  g_application_release (G_APPLICATION (app));
  g_object_unref (app);
  g_unlink (package);
  g_unlink (document);
  g_rmdir (dir);
  g_hash_table_unref (pages);
  g_array_unref (stalls.apply_wall);
  g_array_unref (stalls.apply_cpu);
  for (guint e = 0; e < 2; e++)
    {
      g_array_unref (apply_wall[e]);
      g_array_unref (apply_cpu[e]);
    }

  return 0;
}

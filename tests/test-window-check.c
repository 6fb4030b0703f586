/* "Check sources" in the window, against a local server only. */
#include "config.h"

#include <libsoup/soup.h>
#include <string.h>

#include "wd-source-row.h"
#include "wd-sources-pane.h"
#include "wd-test-util.h"
#include "wd-test-window.h"
#include "wd-window.h"

static WdApplication *app;
static char *data_home;

/* ------------------------------------------------------------ the server */

typedef struct
{
  GThread      *thread;
  GMainContext *context;
  GMainLoop    *loop;
  SoupServer   *server;
  GMutex        mutex;
  GCond         cond;
  char         *base;
} Server;

static Server server;

static gboolean
finish_slow (gpointer data)
{
  SoupServerMessage *msg = data;

  soup_server_message_unpause (msg);
  return G_SOURCE_REMOVE;
}

static void
handle (SoupServer        *soup_server,
        SoupServerMessage *msg,
        const char        *path,
        GHashTable        *query,
        gpointer           user_data)
{
  static const char page[] =
    "<!doctype html><html lang=\"en\"><head><title>Ferries halted</title>"
    "<meta property=\"og:site_name\" content=\"Port Ellery Press\"></head>"
    "<body><p>Night ferries are suspended while the hulls are inspected.</p></body></html>";

  if (g_str_equal (path, "/ok"))
    {
      soup_server_message_set_status (msg, 200, NULL);
      soup_server_message_set_response (msg, "text/html; charset=utf-8", SOUP_MEMORY_STATIC,
                                        page, strlen (page));
    }
  else if (g_str_equal (path, "/slow"))
    {
      /* Answers long after any test has given up on it. */
      soup_server_message_pause (msg);
      soup_server_message_set_status (msg, 200, NULL);
      soup_server_message_set_response (msg, "text/html", SOUP_MEMORY_STATIC, page, strlen (page));
      {
        GSource *source = g_timeout_source_new_seconds (30);

        g_source_set_callback (source, finish_slow, msg, NULL);
        g_source_attach (source, server.context);
        g_source_unref (source);
      }
    }
  else
    soup_server_message_set_status (msg, 404, NULL);
}

static gpointer
server_thread (gpointer data)
{
  g_autoptr(GError) error = NULL;
  GSList *uris;

  g_main_context_push_thread_default (server.context);

  server.server = soup_server_new (NULL, NULL);
  soup_server_add_handler (server.server, NULL, handle, NULL, NULL);
  if (!soup_server_listen_local (server.server, 0, SOUP_SERVER_LISTEN_IPV4_ONLY, &error))
    g_error ("Could not listen: %s", error->message);

  uris = soup_server_get_uris (server.server);
  g_mutex_lock (&server.mutex);
  server.base = g_uri_to_string (uris->data);
  g_cond_signal (&server.cond);
  g_mutex_unlock (&server.mutex);
  g_slist_free_full (uris, (GDestroyNotify) g_uri_unref);

  g_main_loop_run (server.loop);

  g_clear_object (&server.server);
  g_main_context_pop_thread_default (server.context);
  return NULL;
}

static void
server_start (void)
{
  g_mutex_init (&server.mutex);
  g_cond_init (&server.cond);
  server.context = g_main_context_new ();
  server.loop = g_main_loop_new (server.context, FALSE);

  g_mutex_lock (&server.mutex);
  server.thread = g_thread_new ("server", server_thread, NULL);
  while (server.base == NULL)
    g_cond_wait (&server.cond, &server.mutex);
  g_mutex_unlock (&server.mutex);
}

static char *
url (const char *path)
{
  /* base ends with "/" */
  return g_strconcat (server.base, path + 1, NULL);
}

/* ---------------------------------------------------------------- helpers */

static const char *
badge (WdWindow *window,
       WdSource *source)
{
  WdSourcesPane *pane = wd_test_find_child (GTK_WIDGET (window), WD_TYPE_SOURCES_PANE, NULL);
  GtkWidget *row = wd_sources_pane_get_row (pane, source);

  return row ? wd_source_row_get_badge_text (WD_SOURCE_ROW (row)) : NULL;
}

static gboolean
check_idle (gpointer data)
{
  return wd_test_action_enabled (data, "win.check-sources");
}

static gboolean
check_running (gpointer data)
{
  return wd_test_action_enabled (data, "win.cancel-check");
}

static WdWindow *
window_with (const char * const *paths,
             WdSource          **sources)
{
  WdWindow *window = wd_window_new (app);
  WdSourcesPane *pane = wd_test_find_child (GTK_WIDGET (window), WD_TYPE_SOURCES_PANE, NULL);
  g_autoptr(GString) text = g_string_new (NULL);

  gtk_window_present (GTK_WINDOW (window));
  for (guint i = 0; paths[i] != NULL; i++)
    {
      g_autofree char *u = url (paths[i]);

      g_string_append_printf (text, "%s\n", u);
    }
  g_assert_cmpuint (wd_sources_pane_add_text (pane, text->str), ==, g_strv_length ((char **) paths));

  for (guint i = 0; paths[i] != NULL; i++)
    sources[i] = wd_article_get_source (wd_window_get_article (window), i);

  return window;
}

/* ------------------------------------------------------------------ tests */

static void
test_check_verdicts (void)
{
  static const char * const paths[] = { "/ok", "/gone", NULL };
  WdSource *sources[2];
  WdWindow *window;
  GtkLabel *progress;
  GtkStack *stack;

  if (app == NULL)
    {
      g_test_skip ("No display");
      return;
    }

  window = window_with (paths, sources);
  g_assert_cmpstr (badge (window, sources[0]), ==, "Unchecked");

  gtk_widget_activate_action_variant (GTK_WIDGET (window), "win.check-sources", NULL);
  /* Each row says so while its check runs. */
  g_assert_true (check_running (window));
  g_assert_cmpstr (badge (window, sources[0]), ==, "Checking…");

  g_assert_true (wd_test_wait_until (check_idle, window, 10000));

  /* Each row shows its verdict in words; the metadata reached the model. */
  g_assert_cmpstr (badge (window, sources[0]), ==, "OK");
  g_assert_cmpstr (badge (window, sources[1]), ==, "Not found");
  g_assert_cmpint (wd_source_get_check_status (sources[0]), ==, WD_CHECK_STATUS_OK);
  g_assert_cmpstr (wd_check_result_get_title (wd_source_get_check (sources[0])), ==, "Ferries halted");
  g_assert_cmpint (wd_source_get_check_status (sources[1]), ==, WD_CHECK_STATUS_NOT_FOUND);

  /* The header counted them: "n of m". */
  stack = wd_test_find_child (GTK_WIDGET (window), GTK_TYPE_STACK, NULL);
  progress = wd_test_find_child (gtk_stack_get_child_by_name (stack, "running"), GTK_TYPE_LABEL, NULL);
  g_assert_cmpstr (gtk_label_get_text (progress), ==, "2 of 2");
  g_assert_cmpstr (gtk_stack_get_visible_child_name (stack), ==, "idle");
  g_assert_true (wd_window_get_modified (window));

  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_check_cancel (void)
{
  static const char * const paths[] = { "/ok", "/slow", NULL };
  WdSource *sources[2];
  WdWindow *window;
  gint64 start;

  if (app == NULL)
    {
      g_test_skip ("No display");
      return;
    }

  window = window_with (paths, sources);

  gtk_widget_activate_action_variant (GTK_WIDGET (window), "win.check-sources", NULL);
  g_assert_true (check_running (window));

  /* The quick one lands; the slow one is still running. */
  start = g_get_monotonic_time ();
  while (wd_source_get_check (sources[0]) == NULL && g_get_monotonic_time () - start < 5 * G_USEC_PER_SEC)
    g_main_context_iteration (NULL, FALSE);
  g_assert_nonnull (wd_source_get_check (sources[0]));
  g_assert_cmpstr (badge (window, sources[1]), ==, "Checking…");

  /* Cancel stops at once: the button is back, the slow row says what it
   * said before, and its old (absent) result is untouched. */
  start = g_get_monotonic_time ();
  gtk_widget_activate_action_variant (GTK_WIDGET (window), "win.cancel-check", NULL);
  g_assert_true (check_idle (window));
  g_assert_cmpint (g_get_monotonic_time () - start, <, 100 * 1000);
  g_assert_cmpstr (badge (window, sources[1]), ==, "Unchecked");
  g_assert_null (wd_source_get_check (sources[1]));

  /* Nothing arrives later either. */
  start = g_get_monotonic_time ();
  while (g_get_monotonic_time () - start < 300 * 1000)
    g_main_context_iteration (NULL, FALSE);
  g_assert_null (wd_source_get_check (sources[1]));
  g_assert_true (check_idle (window));

  gtk_window_destroy (GTK_WINDOW (window));
}

int
main (int   argc,
      char *argv[])
{
  int ret;

  data_home = wd_test_make_tmpdir ();
  g_setenv ("XDG_DATA_HOME", data_home, TRUE);

  g_test_init (&argc, &argv, NULL);

  if (gtk_init_check ())
    {
      server_start ();
      app = wd_test_application ();
    }

  g_test_add_func ("/window-check/verdicts", test_check_verdicts);
  g_test_add_func ("/window-check/cancel", test_check_cancel);

  ret = g_test_run ();

  g_clear_object (&app);
  wd_test_rmdir_r (data_home);
  g_free (data_home);

  return ret;
}

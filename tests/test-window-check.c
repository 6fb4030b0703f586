/* "Check sources" in the window, against a local server only. */
#include "config.h"

#include <libsoup/soup.h>
#include <string.h>

#include "wd-preferences-window.h"
#include "wd-source-dialog.h"
#include "wd-source-row.h"
#include "wd-sources-pane.h"
#include "wd-test-server.h"
#include "wd-test-util.h"
#include "wd-test-window.h"
#include "wd-window.h"

static WdApplication *app;
static char *data_home;

/* ------------------------------------------------------------ the server */

static WdTestServer *server;
static GPtrArray *held;      /* paused /slow messages; server thread only */
static GString *big_page;    /* /big/…: 400 kB of words that hardly compress */
static gint slow_finished;   /* /slow requests the server saw end */

static const char page[] =
  "<!doctype html><html lang=\"en\"><head><title>Ferries halted</title>"
  "<meta property=\"og:site_name\" content=\"Port Ellery Press\"></head>"
  "<body><p>Night ferries are suspended while the hulls are inspected.</p></body></html>";

static void
on_slow_finished (SoupServerMessage *msg)
{
  g_ptr_array_remove (held, msg);
  g_atomic_int_inc (&slow_finished);
}

static void
handle (SoupServer        *soup_server,
        SoupServerMessage *msg,
        const char        *path,
        GHashTable        *query,
        gpointer           user_data)
{
  if (g_str_equal (path, "/ok"))
    {
      soup_server_message_set_status (msg, 200, NULL);
      soup_server_message_set_response (msg, "text/html; charset=utf-8", SOUP_MEMORY_STATIC,
                                        page, strlen (page));
    }
  else if (g_str_has_prefix (path, "/big/"))
    {
      soup_server_message_set_status (msg, 200, NULL);
      soup_server_message_set_response (msg, "text/html; charset=utf-8", SOUP_MEMORY_STATIC,
                                        big_page->str, big_page->len);
    }
  else if (g_str_equal (path, "/slow"))
    {
      /* Held until the test releases it. */
      g_signal_connect (msg, "finished", G_CALLBACK (on_slow_finished), NULL);
      g_ptr_array_add (held, msg);
      soup_server_message_pause (msg);
    }
  else
    soup_server_message_set_status (msg, 404, NULL);
}

/* Paragraphs of made-up words up to @size bytes: body and text of two
 * such pages pass 1 MB even compressed, of one they do not. */
static void
append_random_text (GString *html,
                    gsize    size)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (17);

  while (html->len < size)
    {
      g_string_append (html, "<p>");
      for (guint w = 0; w < 40; w++)
        {
          for (int n = g_rand_int_range (rand, 3, 10); n > 0; n--)
            g_string_append_c (html, 'a' + g_rand_int_range (rand, 0, 26));
          g_string_append_c (html, w < 39 ? ' ' : '.');
        }
      g_string_append (html, "</p>");
    }
}

/* On the server thread: answer every held /slow request now. */
static gboolean
release_held (gpointer data)
{
  while (held->len > 0)
    {
      SoupServerMessage *msg = g_ptr_array_steal_index (held, 0);

      soup_server_message_set_status (msg, 200, NULL);
      soup_server_message_set_response (msg, "text/html; charset=utf-8", SOUP_MEMORY_STATIC,
                                        page, strlen (page));
      soup_server_message_unpause (msg);
    }
  return G_SOURCE_REMOVE;
}

static char *
url (const char *path)
{
  return wd_test_server_url (server, path);
}

static gboolean
slow_request_ended (gpointer data)
{
  return g_atomic_int_get (&slow_finished) > GPOINTER_TO_INT (data);
}

static gboolean
has_check (gpointer data)
{
  return wd_source_get_check (data) != NULL;
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

/* The package of @window's document, which has no file: under its draft. */
static gboolean
draft_package_has_two (gpointer data)
{
  g_autofree char *name = g_strconcat (wd_window_get_draft_id (data), ".wacz", NULL);
  g_autofree char *path = g_build_filename (data_home, "wiredesk", "drafts", name, NULL);
  g_autoptr(WdEvidencePackage) package = wd_evidence_package_open (path, NULL);

  return package != NULL && wd_evidence_package_get_captures (package)->len == 2;
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

  /* Never saved, the document still keeps what the pages said (the
   * missing one's page too), in the draft store under its draft. */
  g_assert_true (wd_test_wait_until (draft_package_has_two, window, 10000));

  gtk_window_destroy (GTK_WINDOW (window));
}

/* The spin button of the Preferences row titled @title. */
static GtkSpinButton *
preference_spin (GtkWidget  *widget,
                 const char *title)
{
  if (ADW_IS_PREFERENCES_ROW (widget) &&
      g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (widget)), title) == 0)
    return wd_test_find_child (widget, GTK_TYPE_SPIN_BUTTON, NULL);

  for (GtkWidget *c = gtk_widget_get_first_child (widget); c != NULL; c = gtk_widget_get_next_sibling (c))
    {
      GtkSpinButton *found = preference_spin (c, title);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static gboolean has_label_text (GtkWidget  *widget,
                                const char *text);

static gboolean
shows_limit_warning (gpointer window)
{
  /* "1.0 MB", with the space GLib puts there */
  g_autofree char *size = g_format_size (1000 * 1000);
  g_autofree char *text = g_strdup_printf ("The evidence package reached its limit of %s: "
                                           "later captures were not kept.", size);

  return has_label_text (window, text);
}

/* The draft package of @window (its document has no file). */
static char *
draft_package_path (WdWindow *window)
{
  g_autofree char *name = g_strconcat (wd_window_get_draft_id (window), ".wacz", NULL);

  return g_build_filename (data_home, "wiredesk", "drafts", name, NULL);
}

static gboolean
draft_package_has_one (gpointer data)
{
  g_autofree char *path = draft_package_path (data);
  g_autoptr(WdEvidencePackage) package = wd_evidence_package_open (path, NULL);

  return package != NULL && wd_evidence_package_get_captures (package)->len == 1;
}

/* Preferences → Evidence Limit per Article at 1 MB: of two 400 kB pages
 * one is captured, the other is not, the window says why, both checks
 * still land, and the package stays under the limit. */
static void
test_check_evidence_limit (void)
{
  static const char * const paths[] = { "/big/a", "/big/b", NULL };
  GSettings *settings;
  GtkSpinButton *spin;
  GtkWidget *prefs;
  WdSource *sources[2];
  WdWindow *window;
  g_autofree char *package = NULL;
  g_autoptr(GFileInfo) info = NULL;
  g_autoptr(GFile) file = NULL;

  if (!wd_test_have_display (app))
    return;

  settings = wd_application_get_settings (app);
  window = window_with (paths, sources);

  prefs = GTK_WIDGET (wd_preferences_window_new (GTK_WINDOW (window), settings));
  spin = preference_spin (prefs, "Evidence Limit per Article");
  g_assert_nonnull (spin);
  g_assert_cmpfloat (gtk_spin_button_get_value (spin), ==, 200);
  gtk_spin_button_set_value (spin, 1);
  g_assert_cmpuint (g_settings_get_uint (settings, "evidence-limit-mb"), ==, 1);
  if (g_getenv ("WD_SCREENSHOT_DIR") != NULL)
    {
      /* Tall enough for Source Checks, light and dark (looked at). */
      gtk_window_set_default_size (GTK_WINDOW (prefs), 560, 860);
      gtk_window_present (GTK_WINDOW (prefs));
      wd_test_save_png (prefs, "preferences-evidence-limit-light.png");
      adw_style_manager_set_color_scheme (adw_style_manager_get_default (), ADW_COLOR_SCHEME_FORCE_DARK);
      wd_test_save_png (prefs, "preferences-evidence-limit-dark.png");
      adw_style_manager_set_color_scheme (adw_style_manager_get_default (), ADW_COLOR_SCHEME_DEFAULT);
    }
  gtk_window_destroy (GTK_WINDOW (prefs));

  gtk_widget_activate_action_variant (GTK_WIDGET (window), "win.check-sources", NULL);
  g_assert_true (wd_test_wait_until (check_idle, window, 20000));
  g_assert_cmpint (wd_source_get_check_status (sources[0]), ==, WD_CHECK_STATUS_OK);
  g_assert_cmpint (wd_source_get_check_status (sources[1]), ==, WD_CHECK_STATUS_OK);
  g_assert_true (wd_test_wait_until (shows_limit_warning, window, 10000));

  g_assert_true (wd_test_wait_until (draft_package_has_one, window, 10000));
  package = draft_package_path (window);
  file = g_file_new_for_path (package);
  info = g_file_query_info (file, G_FILE_ATTRIBUTE_STANDARD_SIZE, G_FILE_QUERY_INFO_NONE, NULL, NULL);
  g_assert_nonnull (info);
  g_assert_cmpint (g_file_info_get_size (info), >, 0);
  g_assert_cmpint (g_file_info_get_size (info), <=, 1000 * 1000);

  g_settings_reset (settings, "evidence-limit-mb");
  wd_test_destroy_window (window);
}

static void
test_check_cancel (void)
{
  static const char * const paths[] = { "/ok", "/slow", NULL };
  WdSource *sources[2];
  WdWindow *window;
  gint64 start;
  int ended_before = g_atomic_int_get (&slow_finished);

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

  /* Nothing arrives later either: the server answers the held request
   * now; had the check gone on, its result would land within moments. */
  g_main_context_invoke (wd_test_server_get_context (server), release_held, NULL);
  g_assert_true (wd_test_wait_until (slow_request_ended, GINT_TO_POINTER (ended_before), 10000));
  g_assert_false (wd_test_wait_until (has_check, sources[1], 1500));
  g_assert_cmpstr (badge (window, sources[1]), ==, "Unchecked");
  g_assert_true (check_idle (window));

  gtk_window_destroy (GTK_WINDOW (window));
}

static gboolean
has_label_text (GtkWidget  *widget,
                const char *text)
{
  if (GTK_IS_LABEL (widget) && g_strcmp0 (gtk_label_get_text (GTK_LABEL (widget)), text) == 0)
    return TRUE;
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c != NULL; c = gtk_widget_get_next_sibling (c))
    if (has_label_text (c, text))
      return TRUE;
  return FALSE;
}

static gboolean
dialog_shown (gpointer unused)
{
  GtkWidget *dialog = wd_test_find_window (WD_TYPE_SOURCE_DIALOG);

  return dialog != NULL && gtk_widget_get_mapped (dialog);
}

static void
on_clipboard_text (GObject      *clipboard,
                   GAsyncResult *result,
                   gpointer      data)
{
  *(char **) data = gdk_clipboard_read_text_finish (GDK_CLIPBOARD (clipboard), result, NULL);
}

static gboolean
text_arrived (gpointer data)
{
  return *(char **) data != NULL;
}

static gboolean
shows_byline (gpointer pane)
{
  return has_label_text (pane, "By Ann Lee, Bob Ray");
}

/* The details of @source, as activating its row opens them. */
static GtkWidget *
open_details (WdSourcesPane *pane,
              WdSource      *source)
{
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (pane), "source.details", "s",
                                             wd_source_get_id (source)));
  g_assert_true (wd_test_wait_until (dialog_shown, NULL, 3000));
  return wd_test_find_window (WD_TYPE_SOURCE_DIALOG);
}

/* A checked source's details (its row activated): what the check found,
 * and the label edited there is the source's. Copy URL puts the address
 * on the clipboard. */
static void
test_source_details_and_copy (void)
{
  static const char * const paths[] = { "/ok", NULL };
  WdSource *sources[1];
  WdWindow *window;
  WdSourcesPane *pane;
  GtkWidget *dialog;
  AdwEntryRow *label;
  g_autofree char *copied = NULL;

  if (app == NULL)
    {
      g_test_skip ("No display");
      return;
    }

  window = window_with (paths, sources);
  pane = wd_test_find_child (GTK_WIDGET (window), WD_TYPE_SOURCES_PANE, NULL);
  gtk_widget_activate_action (GTK_WIDGET (window), "win.check-sources", NULL);
  g_assert_true (wd_test_wait_until (check_idle, window, 10000));
  g_assert_cmpint (wd_source_get_check_status (sources[0]), ==, WD_CHECK_STATUS_OK);

  dialog = open_details (pane, sources[0]);
  g_assert_true (has_label_text (dialog, "Ferries halted"));
  g_assert_true (has_label_text (dialog, "Port Ellery Press"));

  label = wd_test_find_child (dialog, ADW_TYPE_ENTRY_ROW, NULL);
  gtk_editable_set_text (GTK_EDITABLE (label), "Port Ellery Press report");
  g_assert_cmpstr (wd_source_get_label (sources[0]), ==, "Port Ellery Press report");
  gtk_window_destroy (GTK_WINDOW (dialog));

  /* Several authors: one row, "Authors", the names joined for reading. */
  {
    g_autoptr(WdCheckResult) check = wd_check_result_copy (wd_source_get_check (sources[0]));
    const char * const two[] = { "Ann Lee", "Bob Ray", NULL };

    g_assert_false (has_label_text (GTK_WIDGET (pane), "By Ann Lee, Bob Ray"));
    wd_check_result_set_authors (check, two);
    wd_source_set_check (sources[0], check);
  }
  /* the row names them under the site */
  g_assert_true (wd_test_wait_until (shows_byline, pane, 3000));
  dialog = open_details (pane, sources[0]);
  g_assert_true (has_label_text (dialog, "Authors"));
  g_assert_true (has_label_text (dialog, "Ann Lee, Bob Ray"));
  g_assert_false (has_label_text (dialog, "Author"));
  gtk_window_destroy (GTK_WINDOW (dialog));

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (pane), "source.copy", "s",
                                             wd_source_get_id (sources[0])));
  gdk_clipboard_read_text_async (gtk_widget_get_clipboard (GTK_WIDGET (pane)), NULL,
                                 on_clipboard_text, &copied);
  g_assert_true (wd_test_wait_until (text_arrived, &copied, 3000));
  g_assert_cmpstr (copied, ==, wd_source_get_url (sources[0]));

  gtk_window_destroy (GTK_WINDOW (window));
}

/* Checking one source (its row's menu) checks that one only. */
static void
test_check_one (void)
{
  static const char * const paths[] = { "/ok", "/gone", NULL };
  WdSource *sources[2];
  WdWindow *window;

  if (app == NULL)
    {
      g_test_skip ("No display");
      return;
    }

  window = window_with (paths, sources);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.check-source", "s",
                                             wd_source_get_id (sources[1])));
  g_assert_true (wd_test_wait_until (has_check, sources[1], 10000));
  g_assert_true (wd_test_wait_until (check_idle, window, 10000));

  g_assert_cmpint (wd_source_get_check_status (sources[1]), ==, WD_CHECK_STATUS_NOT_FOUND);
  g_assert_cmpstr (badge (window, sources[1]), ==, "Not found");
  g_assert_null (wd_source_get_check (sources[0]));
  g_assert_cmpstr (badge (window, sources[0]), ==, "Unchecked");
  g_assert_true (wd_window_get_modified (window));

  /* an id the article does not have checks nothing */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.check-source", "s", "no-such-id"));
  g_assert_true (check_idle (window));
  g_assert_null (wd_source_get_check (sources[0]));

  gtk_window_destroy (GTK_WINDOW (window));
}

int
main (int   argc,
      char *argv[])
{
  int ret;

  data_home = wd_test_ui_init (&argc, &argv, &app);
  if (app != NULL)
    {
      held = g_ptr_array_new ();
      big_page = g_string_new ("<!doctype html><html lang=\"en\"><head><title>Inspection report</title></head><body>");
      append_random_text (big_page, 400 * 1000);
      g_string_append (big_page, "</body></html>");
      server = wd_test_server_new (NULL, NULL, handle, NULL);
    }

  g_test_add_func ("/window-check/verdicts", test_check_verdicts);
  g_test_add_func ("/window-check/cancel", test_check_cancel);
  g_test_add_func ("/window-check/evidence-limit", test_check_evidence_limit);
  g_test_add_func ("/window-check/one-source", test_check_one);
  g_test_add_func ("/window-check/source-details-and-copy", test_source_details_and_copy);

  ret = g_test_run ();

  g_clear_pointer (&server, wd_test_server_free);
  g_clear_pointer (&held, g_ptr_array_unref);
  if (big_page != NULL)
    g_string_free (big_page, TRUE);

  return wd_test_ui_finish (ret, &app, data_home);
}

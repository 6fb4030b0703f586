/* The evidence in the editor (issue 17): a source's captures listed in its
 * details, one capture's text with the article's quotations marked, the
 * word diff between its baseline and latest capture, and a damaged
 * package said plainly. The pages come from a local server whose story
 * changes between two checks. With WD_SCREENSHOT_DIR set, it also saves
 * what it shows, light and dark, wide and narrow. */
#include "config.h"

#include <gdk/x11/gdkx.h>
#include <libsoup/soup.h>
#include <string.h>

#include "wd-finding-row.h"
#include "wd-source-dialog.h"
#include "wd-sources-pane.h"
#include "wd-test-server.h"
#include "wd-test-util.h"
#include "wd-test-window.h"
#include "wd-window-private.h"

static WdApplication *app;
static WdTestServer *server;
static gint version = 1;     /* which story the server serves */

/* While closed, the server holds its answers back (a check in flight). */
static GMutex gate_lock;
static GCond gate_cond;
static gboolean gate_closed;

static const char story_1[] =
  "<!doctype html><html lang=\"en\"><head><title>Ferries halted</title></head><body>"
  "<p>The harbour master said the ferries will not sail before the inspection ends.</p>"
  "<p>Engineers found cracks in two hulls during a routine survey.</p>"
  "<p>The minister promised a full report by Friday evening.</p></body></html>";

static const char story_2[] =
  "<!doctype html><html lang=\"en\"><head><title>Ferries halted</title></head><body>"
  "<p>The harbour master said the ferries will not sail before the inspection ends.</p>"
  "<p>Engineers found fatigue cracks in three hulls during a routine survey.</p></body></html>";

/* A long page whose last paragraph says what the article quotes, far
 * below the first screen (made in main(), before the server starts). */
static char *long_page;

static char *
make_long_page (void)
{
  GString *html = g_string_new ("<!doctype html><html lang=\"en\"><head><title>Harbour log</title></head><body>");

  for (guint i = 1; i <= 150; i++)
    g_string_append_printf (html, "<p>Entry %u of the harbour log: the quay was quiet and the tugs stayed "
                            "in their berths all afternoon.</p>", i);
  g_string_append (html, "<p>The coastguard confirmed that every passenger reached the shore safely "
                         "before midnight.</p></body></html>");
  return g_string_free (html, FALSE);
}

static void
set_gate (gboolean closed)
{
  g_mutex_lock (&gate_lock);
  gate_closed = closed;
  g_cond_broadcast (&gate_cond);
  g_mutex_unlock (&gate_lock);
}

static void
handle (SoupServer        *soup_server,
        SoupServerMessage *msg,
        const char        *path,
        GHashTable        *query,
        gpointer           user_data)
{
  const char *page = g_atomic_int_get (&version) == 1 ? story_1 : story_2;

  g_mutex_lock (&gate_lock);
  while (gate_closed)
    g_cond_wait (&gate_cond, &gate_lock);
  g_mutex_unlock (&gate_lock);

  if (g_str_equal (path, "/gone.bin"))
    {
      soup_server_message_set_status (msg, 404, NULL);
      soup_server_message_set_response (msg, "application/octet-stream", SOUP_MEMORY_STATIC, "\x89PNG\r\n", 6);
      return;
    }
  if (g_str_equal (path, "/long"))
    page = long_page;
  else if (!g_str_equal (path, "/story"))
    {
      soup_server_message_set_status (msg, 404, NULL);
      soup_server_message_set_response (msg, "text/html", SOUP_MEMORY_STATIC, "<p>No such page</p>", 18);
      return;
    }
  soup_server_message_set_status (msg, 200, NULL);
  soup_server_message_set_response (msg, "text/html; charset=utf-8", SOUP_MEMORY_STATIC, page, strlen (page));
}

/* ---------------------------------------------------------------- helpers */

/* An article quoting the story four ways: word for word; with a word
 * changed; a sentence the second version drops; words it never had. */
static GFile *
make_document (const char  *dir,
               char       **source_id)
{
  g_autofree char *path = g_build_filename (dir, "ferry.wiredesk", NULL);
  g_autofree char *url = wd_test_server_url (server, "/story");
  g_autoptr(WdArticle) article = wd_article_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *body = NULL;
  GFile *file = g_file_new_for_path (path);
  WdSource *source;
  const char *id;

  wd_article_set_headline (article, "Night ferries halted");
  source = wd_article_add_source_url (article, url, &error);
  g_assert_no_error (error);
  id = wd_source_get_id (source);
  body = g_strdup_printf ("The harbour master said “the ferries will not sail before the inspection ends”.[^%s]\n\n"
                          "Engineers reported “fatigue cracks in two hulls during a routine survey”.[^%s]\n\n"
                          "The minister “promised a full report by Friday evening”, the port said.[^%s]\n\n"
                          "A sailor said “the weather was fine all week long”.[^%s]\n",
                          id, id, id, id);
  wd_article_set_body (article, body);
  g_assert_true (wd_native_format_save (article, file, NULL, &error));
  g_assert_no_error (error);
  *source_id = g_strdup (id);

  return file;
}

/* A window on the document, loaded. */
static WdWindow *
open_document (GFile *file,
               int    width,
               int    height)
{
  WdWindow *window = wd_window_new (app);

  gtk_window_set_default_size (GTK_WINDOW (window), width, height);
  gtk_window_present (GTK_WINDOW (window));
  wd_window_load_file (window, file);
  g_assert_true (wd_test_wait_until (wd_test_window_idle, window, 10000));
  return window;
}

static gboolean
check_idle (gpointer data)
{
  return wd_test_action_enabled (data, "win.check-sources");
}

/* Checks the sources; each must have answered (a capture of a live page). */
static void
check_sources (WdWindow *window)
{
  WdArticle *article = wd_window_get_article (window);

  gtk_widget_activate_action (GTK_WIDGET (window), "win.check-sources", NULL);
  g_assert_true (wd_test_wait_until (check_idle, window, 20000));
  for (guint i = 0; i < wd_article_get_n_sources (article); i++)
    {
      WdSource *source = wd_article_get_source (article, i);

      if (g_str_has_suffix (wd_source_get_url (source), "/story"))
        g_assert_cmpint (wd_source_get_check_status (source), ==, WD_CHECK_STATUS_OK);
    }
}

static gboolean
dialog_ready (gpointer data)
{
  WdSourceDialog *dialog = wd_test_find_window (WD_TYPE_SOURCE_DIALOG);

  return dialog != NULL && !wd_source_dialog_get_busy (dialog);
}

static gboolean
capture_ready (gpointer data)
{
  return !wd_capture_view_get_busy (data);
}

/* STEM-light.png and STEM-dark.png (with WD_SCREENSHOT_DIR). */
static void
save_light_dark (GtkWidget  *widget,
                 const char *stem)
{
  g_autofree char *light = g_strdup_printf ("%s-light.png", stem);
  g_autofree char *dark = g_strdup_printf ("%s-dark.png", stem);

  wd_test_save_png (widget, light);
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (), ADW_COLOR_SCHEME_FORCE_DARK);
  wd_test_save_png (widget, dark);
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (), ADW_COLOR_SCHEME_DEFAULT);
}

static gboolean
unmapped (gpointer widget)
{
  return !gtk_widget_get_mapped (widget);
}

static WdSourceDialog *
open_details (WdWindow   *window,
              const char *source_id)
{
  WdSourcesPane *pane = wd_test_find_child (GTK_WIDGET (window), WD_TYPE_SOURCES_PANE, NULL);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (pane), "source.details", "s", source_id));
  g_assert_true (wd_test_wait_until (dialog_ready, NULL, 10000));
  return wd_test_find_window (WD_TYPE_SOURCE_DIALOG);
}

/* The rows of the Captures group, in order. */
static GPtrArray *
capture_rows (WdSourceDialog *dialog)
{
  GPtrArray *rows = g_ptr_array_new ();
  GtkWidget *group = NULL;
  GtkWidget *w;

  for (w = wd_test_find_child (GTK_WIDGET (dialog), ADW_TYPE_PREFERENCES_GROUP, NULL); w != NULL; )
    {
      if (g_strcmp0 (adw_preferences_group_get_title (ADW_PREFERENCES_GROUP (w)), "Captures") == 0)
        {
          group = w;
          break;
        }
      /* the groups are siblings inside the page's box */
      w = gtk_widget_get_next_sibling (w);
    }
  g_assert_nonnull (group);

  {
    GtkListBox *list = wd_test_find_child (group, GTK_TYPE_LIST_BOX, NULL);

    for (GtkWidget *row = gtk_widget_get_first_child (GTK_WIDGET (list)); row != NULL;
         row = gtk_widget_get_next_sibling (row))
      if (ADW_IS_ACTION_ROW (row))
        g_ptr_array_add (rows, row);
  }
  return rows;
}

static gboolean
row_has_label (GtkWidget  *row,
               const char *text)
{
  for (GtkWidget *w = gtk_widget_get_first_child (row); w != NULL; w = gtk_widget_get_next_sibling (w))
    {
      if (GTK_IS_LABEL (w) && gtk_widget_get_visible (w) &&
          g_strcmp0 (gtk_label_get_text (GTK_LABEL (w)), text) == 0)
        return TRUE;
      if (row_has_label (w, text))
        return TRUE;
    }
  return FALSE;
}

/* The texts the tag named @name covers in @view's buffer, joined by "|". */
static char *
tagged (GtkTextView *view,
        const char  *name)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (view);
  GtkTextTag *tag = gtk_text_tag_table_lookup (gtk_text_buffer_get_tag_table (buffer), name);
  g_autoptr(GString) out = g_string_new (NULL);
  GtkTextIter iter;

  g_assert_nonnull (tag);
  gtk_text_buffer_get_start_iter (buffer, &iter);
  while (gtk_text_iter_starts_tag (&iter, tag) || gtk_text_iter_forward_to_tag_toggle (&iter, tag))
    {
      GtkTextIter end = iter;
      g_autofree char *text = NULL;

      if (!gtk_text_iter_starts_tag (&iter, tag))
        continue;
      gtk_text_iter_forward_to_tag_toggle (&end, tag);
      text = gtk_text_iter_get_text (&iter, &end);
      g_string_append_printf (out, "%s%s", out->len ? "|" : "", text);
      iter = end;
      if (gtk_text_iter_is_end (&iter))
        break;
    }
  return g_string_free (g_steal_pointer (&out), FALSE);
}

/* ------------------------------------------------------------------ tests */

static void
test_captures (void)
{
  g_autofree char *dir = wd_test_make_tmpdir ();
  g_autofree char *source_id = NULL;
  g_autoptr(GFile) file = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  g_autofree char *found = NULL;
  g_autofree char *changed = NULL;
  g_autofree char *added = NULL;
  g_autofree char *removed = NULL;
  g_autofree char *package = NULL;
  WdSourceDialog *dialog;
  WdCaptureView *view;
  WdWindow *window;
  GtkWidget *missing;

  if (!wd_test_have_display (app))
    return;

  file = make_document (dir, &source_id);
  package = g_build_filename (dir, "ferry.wacz", NULL);
  window = open_document (file, 1280, 800);

  /* Not checked yet: no package, and the dialog says so. */
  dialog = open_details (window, source_id);
  rows = capture_rows (dialog);
  g_assert_cmpuint (rows->len, ==, 1);
  g_assert_cmpstr (adw_preferences_row_get_title (g_ptr_array_index (rows, 0)), ==, "No captures yet");
  g_clear_pointer (&rows, g_ptr_array_unref);
  gtk_window_destroy (GTK_WINDOW (dialog));

  /* Two checks, the story rewritten in between. */
  g_atomic_int_set (&version, 1);
  check_sources (window);
  g_assert_true (g_file_test (package, G_FILE_TEST_EXISTS));
  g_atomic_int_set (&version, 2);
  check_sources (window);

  dialog = open_details (window, source_id);
  gtk_window_set_default_size (GTK_WINDOW (dialog), 640, 760);
  rows = capture_rows (dialog);
  g_assert_cmpuint (rows->len, ==, 2);
  /* The latest first; the first one is the baseline, and says so. */
  g_assert_false (row_has_label (g_ptr_array_index (rows, 0), "Baseline"));
  g_assert_true (row_has_label (g_ptr_array_index (rows, 1), "Baseline"));
  for (guint i = 0; i < rows->len; i++)
    {
      const char *subtitle = adw_action_row_get_subtitle (g_ptr_array_index (rows, i));

      /* Reached with Tab, opened with Enter. */
      g_assert_true (gtk_list_box_row_get_activatable (g_ptr_array_index (rows, i)));
      g_assert_true (gtk_widget_get_focusable (g_ptr_array_index (rows, i)));

      g_assert_true (g_str_has_prefix (subtitle, "OK (200) · "));
      g_assert_nonnull (strstr (subtitle, " · sha256 "));
      g_assert_true (g_str_has_suffix (subtitle, "…"));
    }
  g_assert_nonnull (strstr (adw_preferences_group_get_description (
                              ADW_PREFERENCES_GROUP (gtk_widget_get_ancestor (g_ptr_array_index (rows, 0),
                                                                              ADW_TYPE_PREFERENCES_GROUP))),
                            "Evidence package ferry.wacz: "));
  gtk_widget_grab_focus (g_ptr_array_index (rows, 0));
  save_light_dark (GTK_WIDGET (dialog), "evidence-captures");

  /* The latest capture: one quotation as it is, one in other words, two
   * missing (dropped by the rewrite; never there). */
  view = wd_source_dialog_get_capture_view (dialog);
  g_signal_emit_by_name (g_ptr_array_index (rows, 0), "activated");
  g_assert_true (wd_test_wait_until (capture_ready, view, 10000));
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (view)));
  g_assert_true (wd_test_wait_until (unmapped, wd_test_find_child (GTK_WIDGET (dialog),
                                                                   ADW_TYPE_PREFERENCES_PAGE, NULL), 5000));
  g_assert_cmpstr (wd_capture_view_get_summary (view), ==,
                   "Quotations from this source: 1 found, 1 with other words, 2 missing.");
  found = tagged (wd_capture_view_get_text_view (view), "wd-capture-quote-found");
  changed = tagged (wd_capture_view_get_text_view (view), "wd-capture-quote-changed");
  g_assert_cmpstr (found, ==, "the ferries will not sail before the inspection ends");
  g_assert_cmpstr (changed, ==, "fatigue cracks in three hulls during a routine survey");
  missing = wd_test_find_child (GTK_WIDGET (view), GTK_TYPE_LABEL, "error");
  g_assert_nonnull (missing);
  g_assert_true (gtk_widget_get_visible (missing));
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (missing)), ==,
                   "⚠ Not in this capture: “promised a full report by Friday evening”\n"
                   "⚠ Not in this capture: “the weather was fine all week long”");
  wd_test_save_png (GTK_WIDGET (dialog), "evidence-capture-wide-light.png");

  /* What changed between the baseline and it. */
  wd_capture_view_set_page (view, "changes");
  added = tagged (wd_capture_view_get_diff_view (view), "wd-diff-added");
  removed = tagged (wd_capture_view_get_diff_view (view), "wd-diff-removed");
  g_assert_nonnull (strstr (added, "fatigue"));
  g_assert_nonnull (strstr (added, "three"));
  g_assert_nonnull (strstr (removed, "two"));
  g_assert_nonnull (strstr (removed, "The minister promised a full report by Friday evening"));
  g_assert_null (strstr (removed, "harbour"));
  /* The quoted passages that changed come first, then the whole page. */
  {
    g_autofree char *diff = wd_test_buffer_text (gtk_text_view_get_buffer (wd_capture_view_get_diff_view (view)));

    g_assert_true (g_str_has_prefix (diff, "Quoted passages that changed\n"
                                           "… found fatigue cracks in twothree hulls during a routine survey …\n"
                                           "… promised a full report by Friday evening …\n"
                                           "\nThe whole page\n"));
  }
  wd_test_save_png (GTK_WIDGET (dialog), "evidence-changes-light.png");
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (), ADW_COLOR_SCHEME_FORCE_DARK);
  wd_test_save_png (GTK_WIDGET (dialog), "evidence-changes-dark.png");
  wd_capture_view_set_page (view, "text");
  wd_test_save_png (GTK_WIDGET (dialog), "evidence-capture-wide-dark.png");
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (), ADW_COLOR_SCHEME_DEFAULT);

  /* Escape goes back to the list; the baseline has the dropped sentence. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "source.back", NULL));
  g_assert_true (wd_test_wait_until (unmapped, view, 5000));
  g_signal_emit_by_name (g_ptr_array_index (rows, 1), "activated");
  g_assert_true (wd_test_wait_until (capture_ready, view, 10000));
  g_clear_pointer (&found, g_free);
  found = tagged (wd_capture_view_get_text_view (view), "wd-capture-quote-found");
  g_assert_cmpstr (found, ==, "the ferries will not sail before the inspection ends|"
                              "promised a full report by Friday evening");
  g_assert_cmpstr (wd_capture_view_get_summary (view), ==,
                   "Quotations from this source: 2 found, 1 with other words, 1 missing.");
  gtk_window_destroy (GTK_WINDOW (dialog));

  /* Narrow: the same dialog on a phone-sized screen. */
  if (g_getenv ("WD_SCREENSHOT_DIR") != NULL)
    {
      WdArticle *article = wd_window_get_article (window);
      const char *ids[] = { source_id, NULL };
      g_autoptr(GPtrArray) narrow_rows = NULL;

      dialog = WD_SOURCE_DIALOG (wd_source_dialog_new (GTK_WINDOW (window), wd_article_get_source (article, 0)));
      gtk_window_set_default_size (GTK_WINDOW (dialog), 360, 640);
      wd_source_dialog_set_evidence (dialog, package, wd_article_get_body (article), ids);
      gtk_window_present (GTK_WINDOW (dialog));
      g_assert_true (wd_test_wait_until (dialog_ready, NULL, 10000));
      narrow_rows = capture_rows (dialog);
      view = wd_source_dialog_get_capture_view (dialog);
      g_signal_emit_by_name (g_ptr_array_index (narrow_rows, 0), "activated");
      g_assert_true (wd_test_wait_until (capture_ready, view, 10000));
      g_assert_true (wd_test_wait_until (unmapped, wd_test_find_child (GTK_WIDGET (dialog),
                                                                       ADW_TYPE_PREFERENCES_PAGE, NULL), 5000));
      save_light_dark (GTK_WIDGET (dialog), "evidence-capture-narrow");
      gtk_window_destroy (GTK_WINDOW (dialog));
    }
  wd_test_destroy_window (window);
  wd_test_rmdir_r (dir);
}

static gboolean
marks_are (gpointer data)
{
  WdWindow *window = data;
  guint n = GPOINTER_TO_UINT (g_object_get_data (data, "wd-want-marks"));

  return wd_quote_marks_get_n_marks (window->quote_marks) == n;
}

static void
wait_for_marks (WdWindow *window,
                guint     n)
{
  g_object_set_data (G_OBJECT (window), "wd-want-marks", GUINT_TO_POINTER (n));
  g_assert_true (wd_test_wait_until (marks_are, window, 10000));
}

static char *
tooltip_at (WdWindow   *window,
            const char *words)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (window->body));
  g_autofree char *text = wd_test_buffer_text (buffer);
  const char *at = strstr (text, words);
  GtkTextIter iter;

  g_assert_nonnull (at);
  gtk_text_buffer_get_iter_at_offset (buffer, &iter, (int) g_utf8_pointer_to_offset (text, at) + 2);
  return wd_quote_marks_dup_tooltip_at (window->quote_marks, &iter);
}

/* In the body, after a check: the quotations with a problem underlined,
 * the verdict on hover; the one found word for word not. An edit that
 * makes a quotation right takes its mark away (the audit reruns). */
static void
test_body_underline (void)
{
  g_autofree char *dir = wd_test_make_tmpdir ();
  g_autofree char *source_id = NULL;
  g_autofree char *marked = NULL;
  g_autofree char *tip = NULL;
  g_autoptr(GFile) file = NULL;
  GtkTextBuffer *buffer;
  GtkTextIter start, end;
  WdWindow *window;
  int at;

  if (!wd_test_have_display (app))
    return;

  file = make_document (dir, &source_id);
  window = open_document (file, 1280, 800);
  buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (window->body));
  g_assert_cmpuint (wd_quote_marks_get_n_marks (window->quote_marks), ==, 0);

  g_atomic_int_set (&version, 1);
  check_sources (window);
  g_atomic_int_set (&version, 2);
  check_sources (window);

  wait_for_marks (window, 3);
  marked = tagged (GTK_TEXT_VIEW (window->body), "wd-quote-problem");
  g_assert_cmpstr (marked, ==, "fatigue cracks in two hulls during a routine survey|"
                               "promised a full report by Friday evening|"
                               "the weather was fine all week long");

  tip = tooltip_at (window, "the weather was fine");
  g_assert_true (g_str_has_prefix (tip, "Quotation not found in its sources\n"));
  g_clear_pointer (&tip, g_free);
  tip = tooltip_at (window, "fatigue cracks");
  g_assert_true (g_str_has_prefix (tip, "Quotation differs from its source\n"));
  g_assert_nonnull (strstr (tip, "fatigue cracks in three hulls during a routine survey"));
  g_clear_pointer (&tip, g_free);
  tip = tooltip_at (window, "promised a full");
  g_assert_true (g_str_has_prefix (tip, "Quotation removed from its source since the baseline\n"));
  g_clear_pointer (&tip, g_free);
  g_assert_null (tooltip_at (window, "the ferries will not"));

  gtk_widget_activate_action (GTK_WIDGET (window), "win.show-audit", NULL);
  save_light_dark (GTK_WIDGET (window), "evidence-body-wide");

  /* The editor puts the source's word in: typed, as a user would. */
  {
    g_autofree char *text = wd_test_buffer_text (buffer);

    at = (int) g_utf8_pointer_to_offset (text, strstr (text, "two hulls"));
  }
  gtk_text_buffer_get_iter_at_offset (buffer, &start, at);
  gtk_text_buffer_get_iter_at_offset (buffer, &end, at + 3);
  gtk_text_buffer_begin_user_action (buffer);
  gtk_text_buffer_delete_interactive (buffer, &start, &end, TRUE);
  gtk_text_buffer_insert_interactive (buffer, &start, "three", -1, TRUE);
  gtk_text_buffer_end_user_action (buffer);

  wait_for_marks (window, 2);
  g_clear_pointer (&marked, g_free);
  marked = tagged (GTK_TEXT_VIEW (window->body), "wd-quote-problem");
  g_assert_cmpstr (marked, ==, "promised a full report by Friday evening|"
                               "the weather was fine all week long");
  wd_test_destroy_window (window);

  /* Opened again (the edit not saved): the package beside it marks the
   * same three at once, without a check. */
  window = open_document (file, 420, 760);
  wait_for_marks (window, 3);
  adw_flap_set_reveal_flap (window->flap, FALSE);
  save_light_dark (GTK_WIDGET (window), "evidence-body-narrow");

  wd_test_destroy_window (window);
  wd_test_rmdir_r (dir);
}

/* ------------------------------------------------- from a finding to the source */

static WdFinding *
item_finding (GtkWidget *item)
{
  WdFindingRow *row = wd_test_find_child (item, WD_TYPE_FINDING_ROW, NULL);

  return row != NULL ? wd_finding_row_get_finding (row) : NULL;
}

typedef struct
{
  WdWindow      *window;
  WdFindingCode  code;
  GtkWidget     *item;
} FindingWait;

/* The audit page's list item of the first finding with the code asked,
 * once the list has built it. */
static gboolean
finding_shown (gpointer data)
{
  FindingWait *wait = data;
  GtkListView *list = wd_test_find_child (GTK_WIDGET (wait->window->audit_panel), GTK_TYPE_LIST_VIEW, NULL);

  for (GtkWidget *item = gtk_widget_get_first_child (GTK_WIDGET (list)); item != NULL;
       item = gtk_widget_get_next_sibling (item))
    if (item_finding (item) != NULL && wd_finding_get_code (item_finding (item)) == wait->code)
      {
        wait->item = item;
        return TRUE;
      }
  return FALSE;
}

static gboolean
dialog_shows_capture (gpointer data)
{
  WdSourceDialog *dialog = wd_test_find_window (WD_TYPE_SOURCE_DIALOG);

  /* The list's page gone: the slide to the capture is over. */
  return dialog != NULL && !wd_source_dialog_get_busy (dialog) &&
         gtk_widget_get_mapped (GTK_WIDGET (wd_source_dialog_get_capture_view (dialog))) &&
         unmapped (wd_test_find_child (GTK_WIDGET (dialog), ADW_TYPE_PREFERENCES_PAGE, NULL)) &&
         capture_ready (wd_source_dialog_get_capture_view (dialog));
}

/* Chooses the finding with @code on the Audit page: its row gets the
 * focus and Enter is pressed (xdotool, a real key press under Xvfb). */
static void
press_enter_on_finding (WdWindow      *window,
                        WdFindingCode  code)
{
  FindingWait wait = { window, code, NULL };
  g_autofree char *xid = NULL;
  const char *focus[] = { "xdotool", "windowfocus", "--sync", NULL, NULL };
  const char *key[] = { "xdotool", "key", "--window", NULL, "Return", NULL };
  g_autoptr(GError) error = NULL;
  int status;

  gtk_widget_activate_action (GTK_WIDGET (window), "win.show-audit", NULL);
  g_assert_true (wd_test_wait_until (finding_shown, &wait, 10000));
  /* The row says what choosing it does (a tooltip given on query, see
   * _wd_widget_set_tooltip: its text is kept on the widget). */
  g_assert_cmpstr (g_object_get_data (G_OBJECT (wd_test_find_child (wait.item, WD_TYPE_FINDING_ROW, NULL)),
                                      "wd-tooltip"), ==,
                   "Choose it to select the quotation and see the source’s wording");
  gtk_widget_grab_focus (wait.item);
  g_assert_true (gtk_widget_has_focus (wait.item));

  g_assert_true (GDK_IS_X11_DISPLAY (gdk_display_get_default ()));
  xid = g_strdup_printf ("%lu", (gulong) gdk_x11_surface_get_xid (gtk_native_get_surface (GTK_NATIVE (window))));
  focus[3] = key[3] = xid;
  g_assert_true (g_spawn_sync (NULL, (char **) focus, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, NULL, NULL,
                               &status, &error));
  g_assert_no_error (error);
  g_assert_true (g_spawn_sync (NULL, (char **) key, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, NULL, NULL,
                               &status, &error));
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
}

/* Chooses the finding with @code (as a click on its row does). */
static void
choose_finding (WdWindow      *window,
                WdFindingCode  code)
{
  FindingWait wait = { window, code, NULL };
  GtkListView *list = wd_test_find_child (GTK_WIDGET (window->audit_panel), GTK_TYPE_LIST_VIEW, NULL);
  GListModel *model = G_LIST_MODEL (gtk_list_view_get_model (list));

  gtk_widget_activate_action (GTK_WIDGET (window), "win.show-audit", NULL);
  g_assert_true (wd_test_wait_until (finding_shown, &wait, 10000));
  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(WdFinding) finding = g_list_model_get_item (model, i);

      if (wd_finding_get_code (finding) == code)
        {
          g_signal_emit_by_name (list, "activate", i);
          return;
        }
    }
  g_assert_not_reached ();
}

static gboolean
no_dialog (gpointer data)
{
  return wd_test_find_window (WD_TYPE_SOURCE_DIALOG) == NULL;
}

/* The source dialog a finding opened, its capture shown. */
static WdSourceDialog *
wait_for_capture (void)
{
  g_assert_true (wd_test_wait_until (dialog_shows_capture, NULL, 10000));
  return wd_test_find_window (WD_TYPE_SOURCE_DIALOG);
}

typedef void (*ChooseFinding) (WdWindow      *window,
                               WdFindingCode  code);

/* Chooses the finding with @code by @choose (press_enter_on_finding or
 * choose_finding) and waits for the source dialog it opens to show the
 * capture, where the text marked as the chosen quotation must be
 * @chosen ("": none is). */
static WdSourceDialog *
show_finding (WdWindow      *window,
              WdFindingCode  code,
              ChooseFinding  choose,
              const char    *chosen)
{
  WdSourceDialog *dialog;
  g_autofree char *marked = NULL;

  choose (window, code);
  dialog = wait_for_capture ();
  marked = tagged (wd_capture_view_get_text_view (wd_source_dialog_get_capture_view (dialog)),
                   "wd-capture-quote-chosen");
  g_assert_cmpstr (marked, ==, chosen);
  return dialog;
}

/* Closes the source dialog a finding opened: the next finding opens a
 * new one. */
static void
close_dialog (WdSourceDialog *dialog)
{
  gtk_window_destroy (GTK_WINDOW (dialog));
  g_assert_true (wd_test_wait_until (no_dialog, NULL, 5000));
}

static char *
body_selection (WdWindow *window)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (window->body));
  GtkTextIter start, end;

  if (!gtk_text_buffer_get_selection_bounds (buffer, &start, &end))
    return NULL;
  return gtk_text_iter_get_text (&start, &end);
}

/* Choosing a quotation's finding shows the source's wording: the capture
 * its verdict was made on, the quotation highlighted there and said
 * above it; the one in other words with the source's words, the one
 * removed since in the baseline, the one not found in the latest. */
static void
test_finding_shows_source (void)
{
  g_autofree char *dir = wd_test_make_tmpdir ();
  g_autofree char *source_id = NULL;
  g_autofree char *selected = NULL;
  g_autoptr(GFile) file = NULL;
  WdSourceDialog *dialog;
  WdCaptureView *view;
  WdWindow *window;

  if (!wd_test_have_display (app))
    return;

  file = make_document (dir, &source_id);
  window = open_document (file, 1280, 800);
  g_atomic_int_set (&version, 1);
  check_sources (window);
  g_atomic_int_set (&version, 2);
  check_sources (window);
  wait_for_marks (window, 3);

  /* In other words: Enter on its row shows the latest capture, where the
   * source's own words are highlighted; the body selects the quotation. */
  dialog = show_finding (window, WD_FINDING_CODE_QUOTE_ALTERED, press_enter_on_finding,
                         "fatigue cracks in three hulls during a routine survey");
  view = wd_source_dialog_get_capture_view (dialog);
  selected = body_selection (window);
  g_assert_cmpstr (selected, ==, "fatigue cracks in two hulls during a routine survey");
  g_assert_cmpstr (wd_capture_view_get_chosen_note (view), ==,
                   "The quotation you chose is highlighted below: "
                   "“fatigue cracks in two hulls during a routine survey”");
  /* The latest capture: the baseline's sentence about the minister is gone. */
  g_assert_cmpstr (wd_capture_view_get_summary (view), ==,
                   "Quotations from this source: 1 found, 1 with other words, 2 missing.");
  /* The keyboard is in the text, at the quotation. */
  g_assert_true (gtk_widget_has_focus (GTK_WIDGET (wd_capture_view_get_text_view (view))));
  save_light_dark (GTK_WIDGET (dialog), "evidence-finding-wide");
  gtk_window_set_default_size (GTK_WINDOW (dialog), 360, 640);
  save_light_dark (GTK_WIDGET (dialog), "evidence-finding-narrow");
  close_dialog (dialog);

  /* Removed since: the baseline, which still says it. */
  dialog = show_finding (window, WD_FINDING_CODE_QUOTE_REMOVED, choose_finding,
                         "promised a full report by Friday evening");
  g_assert_cmpstr (wd_capture_view_get_summary (wd_source_dialog_get_capture_view (dialog)), ==,
                   "Quotations from this source: 2 found, 1 with other words, 1 missing.");
  close_dialog (dialog);

  /* Not found: the latest capture, which says it is not there. */
  dialog = show_finding (window, WD_FINDING_CODE_QUOTE_NOT_FOUND, choose_finding, "");
  g_assert_cmpstr (wd_capture_view_get_chosen_note (wd_source_dialog_get_capture_view (dialog)), ==,
                   "⚠ The quotation you chose is not in this capture: “the weather was fine all week long”");
  close_dialog (dialog);

  wd_test_destroy_window (window);
  wd_test_rmdir_r (dir);
}

/* Where the chosen quotation starts is on screen, the text scrolled. */
static gboolean
chosen_in_sight (gpointer data)
{
  GtkTextView *text_view = wd_capture_view_get_text_view (data);
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (text_view);
  GtkTextMark *mark = gtk_text_buffer_get_mark (buffer, "wd-chosen");
  GdkRectangle visible, at;
  GtkTextIter iter;

  gtk_text_buffer_get_iter_at_mark (buffer, &iter, mark);
  gtk_text_view_get_visible_rect (text_view, &visible);
  gtk_text_view_get_iter_location (text_view, &iter, &at);
  return visible.height > 0 && visible.y > 0 &&
         at.y >= visible.y && at.y + at.height <= visible.y + visible.height;
}

/* A quotation from a source its paragraph does not cite: its finding
 * opens that source, and the quotation, far down a long page, is
 * scrolled into sight. */
static void
test_finding_other_source (void)
{
  g_autofree char *dir = wd_test_make_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "coast.wiredesk", NULL);
  g_autofree char *story_url = wd_test_server_url (server, "/story");
  g_autofree char *long_url = wd_test_server_url (server, "/long");
  g_autofree char *body = NULL;
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(WdArticle) article = wd_article_new ();
  g_autoptr(GError) error = NULL;
  WdSource *story, *log;
  WdSourceDialog *dialog;
  WdCaptureView *view;
  WdWindow *window;

  if (!wd_test_have_display (app))
    return;

  wd_article_set_headline (article, "Ferries halted");
  story = wd_article_add_source_url (article, story_url, &error);
  g_assert_no_error (error);
  log = wd_article_add_source_url (article, long_url, &error);
  g_assert_no_error (error);
  body = g_strdup_printf ("The harbour master said “the ferries will not sail before the inspection ends”.[^%s]\n\n"
                          "Officials said “every passenger reached the shore safely before midnight”.[^%s]\n\n"
                          "The log was kept all day.[^%s]\n",
                          wd_source_get_id (story), wd_source_get_id (story), wd_source_get_id (log));
  wd_article_set_body (article, body);
  g_assert_true (wd_native_format_save (article, file, NULL, &error));
  g_assert_no_error (error);

  g_atomic_int_set (&version, 1);
  window = open_document (file, 1280, 800);
  check_sources (window);
  wait_for_marks (window, 1);

  /* Marked in the source it is in: the harbour log, not the story cited. */
  dialog = show_finding (window, WD_FINDING_CODE_QUOTE_IN_OTHER_SOURCE, choose_finding,
                         "every passenger reached the shore safely before midnight");
  view = wd_source_dialog_get_capture_view (dialog);
  g_assert_cmpstr (adw_window_title_get_subtitle (wd_test_find_child (GTK_WIDGET (dialog), ADW_TYPE_WINDOW_TITLE, NULL)),
                   !=, NULL);
  g_assert_cmpstr (wd_capture_view_get_summary (view), ==, "No paragraph that cites this source quotes it.");
  g_assert_true (g_str_has_prefix (wd_capture_view_get_chosen_note (view),
                                   "The quotation you chose is highlighted below: "));
  {
    g_autofree char *text = wd_test_buffer_text (gtk_text_view_get_buffer (wd_capture_view_get_text_view (view)));

    g_assert_true (g_str_has_prefix (text, "Entry 1 of the harbour log"));
  }
  g_assert_true (wd_test_wait_until (chosen_in_sight, view, 10000));
  save_light_dark (GTK_WIDGET (dialog), "evidence-finding-scrolled");

  close_dialog (dialog);
  wd_test_destroy_window (window);
  wd_test_rmdir_r (dir);
}

static gboolean
rows_are (gpointer data)
{
  WdSourceDialog *dialog = data;
  g_autoptr(GPtrArray) rows = capture_rows (dialog);

  return !wd_source_dialog_get_busy (dialog) &&
         rows->len == GPOINTER_TO_UINT (g_object_get_data (data, "wd-want-rows"));
}

/* A quotation that cannot be checked: its source's latest capture (an
 * error page, not the source's text) is shown; a source never captured
 * says so in its Captures list. */
static void
test_finding_unverifiable (void)
{
  g_autofree char *dir = wd_test_make_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "gone.wiredesk", NULL);
  g_autofree char *story_url = wd_test_server_url (server, "/story");
  g_autofree char *gone_url = wd_test_server_url (server, "/gone");
  g_autofree char *never_url = wd_test_server_url (server, "/never");
  g_autofree char *body = NULL;
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(WdArticle) article = wd_article_new ();
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GError) error = NULL;
  WdSource *story, *gone, *never;
  WdSourceDialog *dialog;
  WdWindow *window;

  if (!wd_test_have_display (app))
    return;

  wd_article_set_headline (article, "Gone");
  story = wd_article_add_source_url (article, story_url, &error);
  gone = wd_article_add_source_url (article, gone_url, &error);
  never = wd_article_add_source_url (article, never_url, &error);
  g_assert_no_error (error);
  body = g_strdup_printf ("The page said “the ferries will sail again next week”.[^%s]\n\n"
                          "The harbour master said “the ferries will not sail before the inspection ends”.[^%s]\n",
                          wd_source_get_id (gone), wd_source_get_id (story));
  wd_article_set_body (article, body);
  g_assert_true (wd_native_format_save (article, file, NULL, &error));
  g_assert_no_error (error);

  window = open_document (file, 1280, 800);
  /* Two of the three checked: the third never is. */
  gtk_widget_activate_action (GTK_WIDGET (window), "win.check-source", "s", wd_source_get_id (story));
  g_assert_true (wd_test_wait_until (check_idle, window, 20000));
  gtk_widget_activate_action (GTK_WIDGET (window), "win.check-source", "s", wd_source_get_id (gone));
  g_assert_true (wd_test_wait_until (check_idle, window, 20000));

  /* The 404 page's details, at its one capture: the quotation is not in
   * it (or it has no text at all, when the page kept none). */
  dialog = show_finding (window, WD_FINDING_CODE_QUOTE_UNVERIFIABLE, choose_finding, "");
  rows = capture_rows (dialog);
  g_assert_cmpuint (rows->len, ==, 1);
  g_assert_true (g_str_has_prefix (adw_action_row_get_subtitle (g_ptr_array_index (rows, 0)), "Not found (404) · "));
  g_clear_pointer (&rows, g_ptr_array_unref);
  {
    WdCaptureView *view = wd_source_dialog_get_capture_view (dialog);
    const char *note = wd_capture_view_get_chosen_note (view);

    if (note != NULL)
      g_assert_cmpstr (note, ==, "⚠ The quotation you chose is not in this capture: "
                                 "“the ferries will sail again next week”");
    else
      g_assert_true (g_str_has_prefix (wd_capture_view_get_summary (view), "This capture has no visible text"));
  }
  close_dialog (dialog);

  /* Cited from the source never checked, it has nothing to show it in:
   * the first paragraph cites it in place of the 404 page. */
  {
    GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (window->body));
    g_autofree char *old_marker = wd_citations_format_marker (wd_source_get_id (gone));
    g_autofree char *new_marker = wd_citations_format_marker (wd_source_get_id (never));
    g_autofree char *text = wd_test_buffer_text (buffer);
    int at = (int) g_utf8_pointer_to_offset (text, strstr (text, old_marker));
    GtkTextIter start, end;

    gtk_text_buffer_get_iter_at_offset (buffer, &start, at);
    gtk_text_buffer_get_iter_at_offset (buffer, &end, at + (int) g_utf8_strlen (old_marker, -1));
    gtk_text_buffer_begin_user_action (buffer);
    gtk_text_buffer_delete_interactive (buffer, &start, &end, TRUE);
    gtk_text_buffer_insert_interactive (buffer, &start, new_marker, -1, TRUE);
    gtk_text_buffer_end_user_action (buffer);
  }
  choose_finding (window, WD_FINDING_CODE_QUOTE_UNVERIFIABLE);
  g_assert_true (wd_test_wait_until (dialog_ready, NULL, 10000));
  dialog = wd_test_find_window (WD_TYPE_SOURCE_DIALOG);
  g_object_set_data (G_OBJECT (dialog), "wd-want-rows", GUINT_TO_POINTER (2));
  g_assert_true (wd_test_wait_until (rows_are, dialog, 10000));
  rows = capture_rows (dialog);
  g_assert_cmpstr (adw_preferences_row_get_title (g_ptr_array_index (rows, 0)), ==,
                   "No captures of this source yet");
  g_assert_cmpstr (adw_preferences_row_get_title (g_ptr_array_index (rows, 1)), ==,
                   "No capture of this source to show the quotation in");
  g_assert_true (g_str_has_prefix (adw_action_row_get_subtitle (g_ptr_array_index (rows, 1)),
                                   "“the ferries will sail again next week”: "));
  g_assert_cmpstr (gtk_stack_get_visible_child_name (wd_test_find_child (GTK_WIDGET (dialog), GTK_TYPE_STACK, NULL)),
                   ==, "details");

  gtk_window_destroy (GTK_WINDOW (dialog));
  wd_test_destroy_window (window);
  wd_test_rmdir_r (dir);
}

/* A document never saved keeps its captures in the draft store: a
 * finding opens them there too (not "the document is not saved"). */
static void
test_finding_in_draft (void)
{
  g_autofree char *url = wd_test_server_url (server, "/story");
  g_autofree char *body = NULL;
  WdSourcesPane *pane;
  WdSourceDialog *dialog;
  WdWindow *window;
  WdSource *source;

  if (!wd_test_have_display (app))
    return;

  window = wd_window_new (app);
  gtk_window_set_default_size (GTK_WINDOW (window), 1280, 800);
  gtk_window_present (GTK_WINDOW (window));
  pane = wd_test_find_child (GTK_WIDGET (window), WD_TYPE_SOURCES_PANE, NULL);
  g_assert_cmpuint (wd_sources_pane_add_text (pane, url), ==, 1);
  source = wd_article_get_source (wd_window_get_article (window), 0);
  body = g_strdup_printf ("Engineers reported “fatigue cracks in two hulls during a routine survey”.[^%s]\n",
                          wd_source_get_id (source));
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (GTK_TEXT_VIEW (window->body)), body, -1);

  g_atomic_int_set (&version, 1);
  check_sources (window);
  g_assert_null (wd_window_get_file (window));
  wait_for_marks (window, 1);

  dialog = show_finding (window, WD_FINDING_CODE_QUOTE_ALTERED, choose_finding,
                         "found cracks in two hulls during a routine survey");

  close_dialog (dialog);
  wd_test_destroy_window (window);
}

/* A check that ends while the source's details are open: its capture
 * joins the list there, the latest first, without opening them again.
 * The server holds the page back until the dialog has listed the one
 * capture before. */
static void
test_captures_refresh (void)
{
  g_autofree char *dir = wd_test_make_tmpdir ();
  g_autofree char *source_id = NULL;
  g_autoptr(GFile) file = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  WdSourceDialog *dialog;
  WdWindow *window;

  if (!wd_test_have_display (app))
    return;

  file = make_document (dir, &source_id);
  window = open_document (file, 1280, 800);
  g_atomic_int_set (&version, 1);
  check_sources (window);

  set_gate (TRUE);
  g_atomic_int_set (&version, 2);
  gtk_widget_activate_action (GTK_WIDGET (window), "win.check-sources", NULL);
  dialog = open_details (window, source_id);
  rows = capture_rows (dialog);
  g_assert_cmpuint (rows->len, ==, 1);
  g_assert_true (row_has_label (g_ptr_array_index (rows, 0), "Baseline"));
  g_clear_pointer (&rows, g_ptr_array_unref);
  g_assert_false (check_idle (window));

  set_gate (FALSE);
  g_assert_true (wd_test_wait_until (check_idle, window, 20000));
  g_object_set_data (G_OBJECT (dialog), "wd-want-rows", GUINT_TO_POINTER (2));
  g_assert_true (wd_test_wait_until (rows_are, dialog, 10000));
  rows = capture_rows (dialog);
  g_assert_false (row_has_label (g_ptr_array_index (rows, 0), "Baseline"));
  g_assert_true (row_has_label (g_ptr_array_index (rows, 1), "Baseline"));
  g_assert_cmpstr (adw_preferences_row_get_title (g_ptr_array_index (rows, 0)), >=,
                   adw_preferences_row_get_title (g_ptr_array_index (rows, 1)));

  gtk_window_destroy (GTK_WINDOW (dialog));
  wd_test_destroy_window (window);
  wd_test_rmdir_r (dir);
}

/* ------------------------------------------------------------ load order */

typedef struct
{
  guint    hold;       /* the serial of the load to hold back */
  gboolean held;       /* it is waiting in its worker */
  gboolean released;
  gboolean finished;   /* its task is gone: its result was handled */
  GMutex   lock;
  GCond    cond;
} Hold;

static void
held_task_gone (gpointer  data,
                GObject  *task)
{
  Hold *hold = data;

  g_mutex_lock (&hold->lock);
  hold->finished = TRUE;
  g_mutex_unlock (&hold->lock);
}

static void
hold_load (GTask    *task,
           guint     serial,
           gpointer  user_data)
{
  Hold *hold = user_data;

  if (serial != hold->hold)
    return;
  g_object_weak_ref (G_OBJECT (task), held_task_gone, hold);
  g_mutex_lock (&hold->lock);
  hold->held = TRUE;
  while (!hold->released)
    g_cond_wait (&hold->cond, &hold->lock);
  g_mutex_unlock (&hold->lock);
}

static gboolean
hold_is (gpointer data)
{
  Hold *hold = data;
  gboolean done;

  g_mutex_lock (&hold->lock);
  done = hold->released ? hold->finished : hold->held;
  g_mutex_unlock (&hold->lock);
  return done;
}

static gboolean
audit_settled (gpointer data)
{
  WdWindow *window = data;

  return window->audit_source == 0 && !window->audit_running && !window->audit_pending &&
         window->audited_serial == window->body_serial;
}

static gboolean
has_finding (WdWindow      *window,
             WdFindingCode  code)
{
  GListModel *findings = wd_audit_get_findings (window->audit);

  for (guint i = 0; i < g_list_model_get_n_items (findings); i++)
    {
      g_autoptr(WdFinding) finding = g_list_model_get_item (findings, i);

      if (wd_finding_get_code (finding) == code)
        return TRUE;
    }
  return FALSE;
}

/* Newer evidence loads supersede older ones: a load of the package as it
 * was (one capture) that ends after the load of the package a second
 * check wrote never puts the older texts back. The hook holds the first
 * load in its worker until the second one is in. */
static void
test_load_order (void)
{
  g_autofree char *dir = wd_test_make_tmpdir ();
  g_autofree char *source_id = NULL;
  g_autoptr(GFile) file = NULL;
  Hold hold = { 0, };
  WdWindow *window;

  if (!wd_test_have_display (app))
    return;

  g_mutex_init (&hold.lock);
  g_cond_init (&hold.cond);
  file = make_document (dir, &source_id);
  window = open_document (file, 1280, 800);
  g_atomic_int_set (&version, 1);
  check_sources (window);
  /* One capture: in other words, and not found. */
  wait_for_marks (window, 2);
  g_assert_false (has_finding (window, WD_FINDING_CODE_QUOTE_REMOVED));

  /* A load of that package, held once it has read it. */
  hold.hold = window->evidence_serial + 1;
  _wd_window_set_evidence_load_hook (hold_load, &hold);
  _wd_window_load_evidence (window);
  g_assert_true (wd_test_wait_until (hold_is, &hold, 10000));

  /* A second check (the story rewritten) and its load, which ends first. */
  g_atomic_int_set (&version, 2);
  check_sources (window);
  wait_for_marks (window, 3);
  g_assert_true (has_finding (window, WD_FINDING_CODE_QUOTE_REMOVED));

  /* The older load ends now; once it is handled, the findings are still
   * those of the newer package. */
  g_mutex_lock (&hold.lock);
  hold.released = TRUE;
  g_cond_broadcast (&hold.cond);
  g_mutex_unlock (&hold.lock);
  g_assert_true (wd_test_wait_until (hold_is, &hold, 10000));
  _wd_window_set_evidence_load_hook (NULL, NULL);
  g_assert_true (wd_test_wait_until (audit_settled, window, 10000));
  g_assert_cmpuint (wd_quote_marks_get_n_marks (window->quote_marks), ==, 3);
  g_assert_true (has_finding (window, WD_FINDING_CODE_QUOTE_REMOVED));

  wd_test_destroy_window (window);
  wd_test_rmdir_r (dir);
  g_mutex_clear (&hold.lock);
  g_cond_clear (&hold.cond);
}

static gboolean
file_is_json (gpointer data)
{
  g_autoptr(JsonParser) parser = json_parser_new ();

  return json_parser_load_from_file (parser, data, NULL) && json_parser_get_root (parser) != NULL;
}

/* The "capture:…" entities of a PROV-JSON document, in order. */
static GStrv
capture_entities (JsonNode *root)
{
  JsonObject *entities = json_object_get_object_member (json_node_get_object (root), "entity");
  g_autoptr(GList) names = json_object_get_members (entities);
  g_autoptr(GStrvBuilder) found = g_strv_builder_new ();

  for (GList *l = names; l != NULL; l = l->next)
    if (g_str_has_prefix (l->data, "capture:"))
      {
        JsonObject *entity = json_object_get_object_member (entities, l->data);
        g_autoptr(JsonNode) node = json_node_alloc ();
        g_autofree char *text = NULL;

        /* The name and all it says (verdict, status, baseline, latest). */
        json_node_init_object (node, entity);
        text = json_to_string (node, FALSE);
        g_strv_builder_add (found, l->data);
        g_strv_builder_add (found, text);
      }
  return g_strv_builder_end (found);
}

/* File ▸ Export as provenance lists every capture of the package, as the
 * core (and so `wiredesk export --format prov`) does for the saved
 * document: two checks, two capture entities, the same ones. */
static void
test_prov_export (void)
{
  g_autofree char *dir = wd_test_make_tmpdir ();
  g_autofree char *source_id = NULL;
  g_autofree char *package_path = NULL;
  g_autofree char *out_path = NULL;
  g_autoptr(GFile) file = NULL;
  g_autoptr(GFile) out = NULL;
  g_autoptr(WdArticle) saved = NULL;
  g_autoptr(WdEvidencePackage) package = NULL;
  g_autoptr(GBytes) core = NULL;
  g_autoptr(JsonParser) window_parser = json_parser_new ();
  g_autoptr(JsonParser) core_parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) from_window = NULL;
  g_auto(GStrv) from_core = NULL;
  WdWindow *window;

  if (!wd_test_have_display (app))
    return;

  file = make_document (dir, &source_id);
  package_path = g_build_filename (dir, "ferry.wacz", NULL);
  out_path = g_build_filename (dir, "ferry.prov.json", NULL);
  out = g_file_new_for_path (out_path);
  window = open_document (file, 1280, 800);
  g_atomic_int_set (&version, 1);
  check_sources (window);
  g_atomic_int_set (&version, 2);
  check_sources (window);

  wd_window_export (window, out, WD_EXPORT_FORMAT_PROV);
  g_assert_true (wd_test_wait_until (file_is_json, out_path, 10000));
  g_assert_true (json_parser_load_from_file (window_parser, out_path, &error));
  g_assert_no_error (error);

  saved = wd_native_format_load (file, NULL, &error);
  g_assert_no_error (error);
  package = wd_evidence_package_open (package_path, &error);
  g_assert_no_error (error);
  core = wd_export_prov_with_evidence (saved, package);
  g_assert_true (json_parser_load_from_data (core_parser, g_bytes_get_data (core, NULL),
                                             g_bytes_get_size (core), &error));
  g_assert_no_error (error);

  from_window = capture_entities (json_parser_get_root (window_parser));
  from_core = capture_entities (json_parser_get_root (core_parser));
  g_assert_cmpuint (g_strv_length (from_window), ==, 2 * 2);
  g_assert_cmpstrv (from_window, from_core);

  wd_test_destroy_window (window);
  wd_test_rmdir_r (dir);
}

/* A page that answers 404: its capture is listed with its verdict, and
 * the view shows the error page's text (what the reader saw); an answer
 * whose body is no text has none, which the view says. */
static void
check_error_page (const char *route,
                  const char *expected_text)
{
  g_autofree char *dir = wd_test_make_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "gone.wiredesk", NULL);
  g_autofree char *url = wd_test_server_url (server, route);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(WdArticle) article = wd_article_new ();
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GError) error = NULL;
  WdSourceDialog *dialog;
  WdCaptureView *view;
  WdWindow *window;
  WdSource *source;

  if (!wd_test_have_display (app))
    return;

  wd_article_set_headline (article, "Gone");
  source = wd_article_add_source_url (article, url, &error);
  g_assert_no_error (error);
  g_assert_true (wd_native_format_save (article, file, NULL, &error));

  window = open_document (file, 1280, 800);
  check_sources (window);
  dialog = open_details (window, wd_source_get_id (source));
  rows = capture_rows (dialog);
  g_assert_cmpuint (rows->len, ==, 1);
  g_assert_true (g_str_has_prefix (adw_action_row_get_subtitle (g_ptr_array_index (rows, 0)), "Not found (404) · "));
  g_assert_false (row_has_label (g_ptr_array_index (rows, 0), "Baseline"));

  view = wd_source_dialog_get_capture_view (dialog);
  g_signal_emit_by_name (g_ptr_array_index (rows, 0), "activated");
  g_assert_true (wd_test_wait_until (capture_ready, view, 10000));
  if (expected_text != NULL)
    {
      GtkTextBuffer *buffer = gtk_text_view_get_buffer (wd_capture_view_get_text_view (view));
      GtkTextIter start, end;
      g_autofree char *shown = NULL;

      gtk_text_buffer_get_bounds (buffer, &start, &end);
      shown = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
      g_assert_nonnull (strstr (shown, expected_text));
      g_assert_null (strstr (shown, "<p>"));
      g_assert_null (strstr (wd_capture_view_get_summary (view), "no visible text"));
    }
  else
    g_assert_true (g_str_has_prefix (wd_capture_view_get_summary (view), "This capture has no visible text"));

  gtk_window_destroy (GTK_WINDOW (dialog));
  wd_test_destroy_window (window);
  wd_test_rmdir_r (dir);
}

static void
test_error_page (void)
{
  check_error_page ("/gone", "No such page");
}

static void
test_error_not_text (void)
{
  check_error_page ("/gone.bin", NULL);
}

/* A damaged package: the dialog says it, the document stays open. */
static void
test_damaged_package (void)
{
  g_autofree char *dir = wd_test_make_tmpdir ();
  g_autofree char *source_id = NULL;
  g_autofree char *package = NULL;
  g_autoptr(GFile) file = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  WdSourceDialog *dialog;
  WdWindow *window;
  AdwActionRow *row;

  if (!wd_test_have_display (app))
    return;

  file = make_document (dir, &source_id);
  package = g_build_filename (dir, "ferry.wacz", NULL);
  g_assert_true (g_file_set_contents (package, "PK\x03\x04 not really a zip", -1, NULL));

  window = open_document (file, 1280, 800);

  dialog = open_details (window, source_id);
  rows = capture_rows (dialog);
  g_assert_cmpuint (rows->len, ==, 1);
  row = g_ptr_array_index (rows, 0);
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)), ==,
                   "The evidence package cannot be read");
  g_assert_true (g_str_has_prefix (adw_action_row_get_subtitle (row), "ferry.wacz: "));
  g_assert_nonnull (wd_test_find_child (GTK_WIDGET (row), GTK_TYPE_IMAGE, "error"));
  g_assert_cmpstr (wd_article_get_headline (wd_window_get_article (window)), ==, "Night ferries halted");

  gtk_window_destroy (GTK_WINDOW (dialog));
  wd_test_destroy_window (window);
  wd_test_rmdir_r (dir);
}

/* ------------------------------------------------------- a damaged record */

/* Flips a byte inside the text record of @source_id's latest capture in
 * @package: the WARC files are stored in the zip, so the record's gzip
 * member is in the file as it is, after its member's local header. */
static void
damage_latest_text (const char *package,
                    const char *source_id)
{
  g_autoptr(WdEvidencePackage) opened = wd_evidence_package_open (package, NULL);
  WdCapture *capture = wd_evidence_package_latest (opened, source_id);
  g_autofree char *bytes = NULL;
  gsize len = 0, name_len = strlen (capture->warc);

  g_assert_true (g_file_get_contents (package, &bytes, &len, NULL));
  g_assert_cmpuint (capture->text_length, >, 40);
  for (gsize at = 0; at + 30 + name_len < len; at++)
    {
      const guchar *h = (const guchar *) bytes + at;
      gsize data;

      if (memcmp (h, "PK\x03\x04", 4) != 0 || (gsize) (h[26] | h[27] << 8) != name_len ||
          memcmp (h + 30, capture->warc, name_len) != 0)
        continue;
      data = at + 30 + name_len + (gsize) (h[28] | h[29] << 8);
      bytes[data + capture->text_offset + 30] ^= 0x55;
      g_assert_true (g_file_set_contents (package, bytes, len, NULL));
      return;
    }
  g_assert_not_reached ();
}

static const char damaged_said[] = "1 damaged evidence record, from “Ferries halted”";

static gboolean
damage_said (gpointer window)
{
  return wd_test_find_toast (window, damaged_said) != NULL;
}

static gboolean
damage_not_said (gpointer window)
{
  return wd_test_find_toast (window, damaged_said) == NULL;
}

static gboolean
check_not_said (gpointer window)
{
  return wd_test_find_toast (window, "Checked 1 source: all fine") == NULL;
}

/* A damaged record in the package is said in a toast, once per load of
 * the package (not at every audit), with how many and whose. */
static void
test_damaged_record_toast (void)
{
  g_autofree char *dir = wd_test_make_tmpdir ();
  g_autofree char *source_id = NULL;
  g_autofree char *package = NULL;
  g_autoptr(GFile) file = NULL;
  GtkTextBuffer *buffer;
  GtkTextIter end;
  WdWindow *window;

  if (!wd_test_have_display (app))
    return;

  file = make_document (dir, &source_id);
  package = g_build_filename (dir, "ferry.wacz", NULL);
  window = open_document (file, 1280, 800);
  check_sources (window);
  /* The texts are in: the quotation the page never had is found out. */
  g_assert_true (wd_test_wait_until (audit_settled, window, 20000));
  g_assert_true (has_finding (window, WD_FINDING_CODE_QUOTE_NOT_FOUND));
  g_assert_true (damage_not_said (window));

  damage_latest_text (package, source_id);
  _wd_window_load_evidence (window);
  g_assert_true (wd_test_wait_until (damage_said, window, 20000));
  g_assert_true (wd_test_wait_until (audit_settled, window, 20000));
  g_assert_true (has_finding (window, WD_FINDING_CODE_QUOTE_UNVERIFIABLE));
  /* The check's own toast has made way. */
  g_assert_true (wd_test_wait_until (check_not_said, window, 20000));
  save_light_dark (GTK_WIDGET (window), "evidence-damaged-record-toast");

  /* Gone, it does not come back as the audit reruns. */
  g_signal_emit_by_name (wd_test_find_child (wd_test_find_toast (GTK_WIDGET (window), damaged_said),
                                             GTK_TYPE_BUTTON, "circular"), "clicked");
  g_assert_true (wd_test_wait_until (damage_not_said, window, 10000));
  buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (window->body));
  gtk_text_buffer_get_end_iter (buffer, &end);
  gtk_text_buffer_insert_interactive (buffer, &end, "\nThe port stayed calm.\n", -1, TRUE);
  g_assert_true (wd_test_wait_until (audit_settled, window, 20000));
  g_assert_true (has_finding (window, WD_FINDING_CODE_QUOTE_UNVERIFIABLE));
  g_assert_true (damage_not_said (window));

  /* The next load of the package says it again. */
  _wd_window_load_evidence (window);
  g_assert_true (wd_test_wait_until (damage_said, window, 20000));

  wd_test_destroy_window (window);
  wd_test_rmdir_r (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *data_home = wd_test_make_tmpdir ();
  int ret;

  g_setenv ("XDG_DATA_HOME", data_home, TRUE);
  g_test_init (&argc, &argv, NULL);

  long_page = make_long_page ();
  if (gtk_init_check ())
    {
      server = wd_test_server_new (NULL, NULL, handle, NULL);
      app = wd_test_application ();
    }

  g_test_add_func ("/window-evidence/captures", test_captures);
  g_test_add_func ("/window-evidence/damaged-package", test_damaged_package);
  g_test_add_func ("/window-evidence/error-page", test_error_page);
  g_test_add_func ("/window-evidence/error-not-text", test_error_not_text);
  g_test_add_func ("/window-evidence/body-underline", test_body_underline);
  g_test_add_func ("/window-evidence/prov-export", test_prov_export);
  g_test_add_func ("/window-evidence/finding-shows-source", test_finding_shows_source);
  g_test_add_func ("/window-evidence/finding-other-source", test_finding_other_source);
  g_test_add_func ("/window-evidence/finding-unverifiable", test_finding_unverifiable);
  g_test_add_func ("/window-evidence/finding-in-draft", test_finding_in_draft);
  g_test_add_func ("/window-evidence/captures-refresh", test_captures_refresh);
  g_test_add_func ("/window-evidence/load-order", test_load_order);
  g_test_add_func ("/window-evidence/damaged-record-toast", test_damaged_record_toast);

  ret = g_test_run ();
  g_clear_object (&app);
  g_clear_pointer (&server, wd_test_server_free);
  g_free (long_page);
  wd_test_rmdir_r (data_home);
  return ret;
}

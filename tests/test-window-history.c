/* The History window: revisions listed, a word diff computed off the main
 * thread, restoring (and undoing it), marking a correction. With
 * WD_SCREENSHOT_DIR set, it also saves what it shows, light and dark. */
#include "config.h"

#include <string.h>

#include <gtksourceview/gtksource.h>

#include "wd-history-window.h"
#include "wd-test-util.h"
#include "wd-test-window.h"
#include "wd-window.h"

static WdApplication *app;

static void
save_with (WdArticle  *article,
           GFile      *file)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (wd_native_format_save (article, file, NULL, &error));
  g_assert_no_error (error);
}

/* Three revisions: filed, published with an edit, corrected. */
static GFile *
make_document (const char *dir)
{
  g_autofree char *path = g_build_filename (dir, "ferry.wiredesk", NULL);
  GFile *file = g_file_new_for_path (path);
  g_autoptr(WdArticle) article = wd_article_new ();
  g_autoptr(WdPublication) publication = NULL;
  WdSource *source;

  wd_article_set_headline (article, "Ferry service to resume after strike");
  wd_article_set_standfirst (article, "Crossings restart on Monday.");
  wd_article_set_byline (article, "Desk");
  wd_article_set_body (article, "The ferry operator said crossings would restart on Monday.\n\n"
                                "Unions said the agreement was fair and would hold.");
  g_assert_nonnull (wd_article_add_source_url (article, "https://wire.example/ferry", NULL));
  source = wd_article_add_source_url (article, "https://union.example/statement", NULL);
  wd_source_set_label (source, "Union statement");
  save_with (article, file);

  wd_article_set_headline (article, "Ferry crossings resume on Monday");
  wd_article_set_body (article, "The ferry operator confirmed crossings would restart on Monday.\n\n"
                                "Unions said the agreement was fair and would hold.");
  wd_source_set_label (source, "Statement by the dockers' union");
  g_assert_nonnull (wd_article_add_source_url (article, "https://port.example/notice", NULL));
  publication = wd_publication_new ("https://news.example/wp-json", "118",
                                    "https://news.example/?p=118", "2026-12-05T09:00:00Z");
  wd_article_set_publication (article, publication);
  save_with (article, file);

  wd_article_set_body (article, "The ferry operator confirmed crossings would restart on Tuesday.\n\n"
                                "Unions said the agreement was fair and would hold.");
  g_assert_true (wd_history_mark_correction (wd_article_get_history (article), article,
                                             "An earlier version gave Monday as the restart day.", NULL));
  save_with (article, file);

  return file;
}

static gboolean
not_busy (gpointer data)
{
  return !wd_history_window_get_busy (data);
}

static char *
diff_text (WdHistoryWindow *window)
{
  GtkTextView *view = wd_test_find_child (GTK_WIDGET (window), GTK_TYPE_TEXT_VIEW, NULL);

  return wd_test_buffer_text (gtk_text_view_get_buffer (view));
}

static void
test_history_window (void)
{
  g_autofree char *dir = wd_test_make_tmpdir ();
  g_autoptr(GFile) file = make_document (dir);
  g_autofree char *text = NULL;
  g_autofree char *body = NULL;
  WdHistoryWindow *history_window;
  AdwMessageDialog *dialog;
  WdWindow *window;
  WdArticle *article;
  GtkTextView *body_view;

  if (app == NULL)
    {
      g_test_skip ("no display");
      return;
    }

  window = wd_window_new (app);
  gtk_window_set_default_size (GTK_WINDOW (window), 1100, 720);
  gtk_window_present (GTK_WINDOW (window));
  wd_window_load_file (window, file);
  g_assert_true (wd_test_wait_until (wd_test_window_idle, window, 5000));
  article = wd_window_get_article (window);

  gtk_widget_activate_action (GTK_WIDGET (window), "win.show-history", NULL);
  history_window = wd_test_find_window (WD_TYPE_HISTORY_WINDOW);
  g_assert_nonnull (history_window);
  g_assert_true (gtk_window_get_transient_for (GTK_WINDOW (history_window)) == GTK_WINDOW (window));

  /* It opens on the newest revision against the one before. */
  g_assert_true (wd_test_wait_until (not_busy, history_window, 5000));
  text = diff_text (history_window);
  g_assert_nonnull (strstr (text, "Body"));
  g_assert_nonnull (strstr (text, "Monday"));
  g_assert_nonnull (strstr (text, "Tuesday"));
  g_assert_null (strstr (text, "Headline"));
  g_clear_pointer (&text, g_free);
  wd_test_save_png (GTK_WIDGET (history_window), "history-light.png");

  /* The first against the last: every field that changed, and the sources. */
  wd_history_window_compare (history_window, 1, 3);
  g_assert_true (wd_test_wait_until (not_busy, history_window, 5000));
  text = diff_text (history_window);
  g_assert_nonnull (strstr (text, "Headline"));
  g_assert_nonnull (strstr (text, "Added: https://port.example/notice"));
  g_assert_nonnull (strstr (text, "Relabelled https://union.example/statement"));
  g_clear_pointer (&text, g_free);

  adw_style_manager_set_color_scheme (adw_style_manager_get_default (), ADW_COLOR_SCHEME_FORCE_DARK);
  wd_test_save_png (GTK_WIDGET (history_window), "history-dark.png");
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (), ADW_COLOR_SCHEME_DEFAULT);

  /* Restore the first: the text comes back, the document is changed, and
   * one Undo takes it all back. */
  g_assert_false (wd_window_get_modified (window));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (history_window), "history.restore", NULL));
  g_assert_cmpstr (wd_article_get_headline (article), ==, "Ferry crossings resume on Monday");
  wd_history_window_compare (history_window, 0, 1);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (history_window), "history.restore", NULL));
  g_assert_cmpstr (wd_article_get_headline (article), ==, "Ferry service to resume after strike");
  g_assert_cmpuint (wd_article_get_n_sources (article), ==, 2);
  body_view = wd_test_find_child (GTK_WIDGET (window), GTK_SOURCE_TYPE_VIEW, NULL);
  body = wd_test_buffer_text (gtk_text_view_get_buffer (body_view));
  g_assert_true (g_str_has_prefix (body, "The ferry operator said crossings would restart on Monday."));
  g_clear_pointer (&body, g_free);
  g_assert_true (wd_window_get_modified (window));

  gtk_widget_activate_action (GTK_WIDGET (window), "win.undo-restore", NULL);
  g_assert_cmpstr (wd_article_get_headline (article), ==, "Ferry crossings resume on Monday");
  g_assert_cmpuint (wd_article_get_n_sources (article), ==, 3);
  body = wd_test_buffer_text (gtk_text_view_get_buffer (body_view));
  g_assert_nonnull (strstr (body, "restart on Tuesday."));

  /* A correction: asked for in a dialog, pending until the save. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (history_window), "history.mark-correction", NULL));
  dialog = wd_test_find_dialog ();
  g_assert_nonnull (dialog);
  gtk_editable_set_text (GTK_EDITABLE (adw_message_dialog_get_extra_child (dialog)),
                         "The operator confirmed, it did not only say, that crossings restart.");
  wd_test_save_png (GTK_WIDGET (dialog), "correction-dialog-light.png");
  wd_test_respond (dialog, "mark");
  g_assert_cmpstr (wd_history_get_pending_correction (wd_article_get_history (article)), ==,
                   "The operator confirmed, it did not only say, that crossings restart.");
  wd_test_save_png (GTK_WIDGET (history_window), "history-correction-light.png");
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (), ADW_COLOR_SCHEME_FORCE_DARK);
  wd_test_save_png (GTK_WIDGET (history_window), "history-correction-dark.png");
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (), ADW_COLOR_SCHEME_DEFAULT);

  gtk_window_destroy (GTK_WINDOW (history_window));
  wd_test_destroy_window (window);
  wd_test_rmdir_r (dir);
}

/* A document whose history is damaged opens, and the window says why. */
static void
test_damaged_history (void)
{
  g_autofree char *dir = wd_test_make_tmpdir ();
  g_autoptr(GFile) file = make_document (dir);
  g_autofree char *contents = NULL;
  g_autofree char *damaged = NULL;
  GtkInfoBar *info_bar;
  GtkLabel *label;
  WdWindow *window;
  char *at;

  if (app == NULL)
    {
      g_test_skip ("no display");
      return;
    }

  g_assert_true (g_file_load_contents (file, NULL, &contents, NULL, NULL, NULL));
  at = strstr (contents, "\"head_check\" : \"");
  g_assert_nonnull (at);
  damaged = g_strdup_printf ("%.*s\"head_check\" : 42, \"was\" : \"%s", (int) (at - contents), contents,
                             at + strlen ("\"head_check\" : \""));
  g_assert_true (g_file_replace_contents (file, damaged, strlen (damaged), NULL, FALSE,
                                          G_FILE_CREATE_NONE, NULL, NULL, NULL));

  window = wd_window_new (app);
  gtk_window_present (GTK_WINDOW (window));
  wd_window_load_file (window, file);
  g_assert_true (wd_test_wait_until (wd_test_window_idle, window, 5000));
  g_assert_cmpstr (wd_article_get_headline (wd_window_get_article (window)), ==,
                   "Ferry crossings resume on Monday");

  info_bar = wd_test_find_child (GTK_WIDGET (window), GTK_TYPE_INFO_BAR, NULL);
  g_assert_true (gtk_info_bar_get_revealed (info_bar));
  label = wd_test_find_child (GTK_WIDGET (info_bar), GTK_TYPE_LABEL, NULL);
  g_assert_nonnull (strstr (gtk_label_get_text (label), "history.head_check"));
  g_assert_nonnull (strstr (gtk_label_get_text (label), "the article opened"));

  wd_test_destroy_window (window);
  wd_test_rmdir_r (dir);
}

int
main (int   argc,
      char *argv[])
{
  char *data_home = wd_test_ui_init (&argc, &argv, &app);

  g_test_add_func ("/window/history", test_history_window);
  g_test_add_func ("/window/history/damaged", test_damaged_history);

  return wd_test_ui_finish (g_test_run (), &app, data_home);
}

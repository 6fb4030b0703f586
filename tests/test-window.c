/* The editor window, driven through its real widgets and actions. */
#include "config.h"

#include <errno.h>
#include <glib/gstdio.h>
#include <gtksourceview/gtksource.h>
#include <json-glib/json-glib.h>
#include <string.h>

#include "wd-preferences-window.h"
#include "wd-source-row.h"
#include "wd-sources-pane.h"
#include "wd-title-view.h"
#include "wd-test-util.h"
#include "wd-test-window.h"
#include "wd-window.h"

static WdApplication *app;
static char *data_home;

/* ---------------------------------------------------------------- helpers */

static gboolean
window_saved (gpointer data)
{
  return !wd_window_get_busy (data) && !wd_window_get_modified (data);
}

static WdSourcesPane *
get_pane (WdWindow *window)
{
  return wd_test_find_child (GTK_WIDGET (window), WD_TYPE_SOURCES_PANE, NULL);
}

static GtkTextBuffer *
get_body (WdWindow *window)
{
  GtkTextView *view = wd_test_find_child (GTK_WIDGET (window), GTK_SOURCE_TYPE_VIEW, NULL);

  return gtk_text_view_get_buffer (view);
}

static guint
count_rows (WdWindow *window)
{
  GtkListBox *list = wd_test_find_child (GTK_WIDGET (get_pane (window)), GTK_TYPE_LIST_BOX, NULL);
  guint n = 0;

  while (gtk_list_box_get_row_at_index (list, n) != NULL)
    n++;

  return n;
}

static const char *
window_title (WdWindow *window)
{
  return gtk_window_get_title (GTK_WINDOW (window));
}

static char *
copy_sample (void)
{
  g_autofree char *sample = g_build_filename (g_getenv ("WD_SOURCE_ROOT"), "data", "sample",
                                              "sample.wiredesk", NULL);
  g_autofree char *dir = wd_test_make_tmpdir ();
  char *copy = g_build_filename (dir, "sample.wiredesk", NULL);
  g_autofree char *contents = NULL;
  gsize len;

  g_assert_true (g_file_get_contents (sample, &contents, &len, NULL));
  g_assert_true (g_file_set_contents (copy, contents, len, NULL));

  return copy;
}

static WdWindow *
open_copy (char **path_out)
{
  g_autofree char *path = copy_sample ();
  g_autoptr(GFile) file = g_file_new_for_path (path);
  WdWindow *window = wd_window_new (app);

  gtk_window_present (GTK_WINDOW (window));
  wd_window_load_file (window, file);
  g_assert_true (wd_test_wait_until (wd_test_window_idle, window, 5000));

  if (path_out != NULL)
    *path_out = g_steal_pointer (&path);

  return window;
}

/* ------------------------------------------------------------------ tests */

static void
test_window_open_sample (void)
{
  g_autofree char *path = NULL;
  g_autofree char *body = NULL;
  WdWindow *window;
  WdArticle *article;
  g_autofree char *shown = NULL;
  WdTitleView *headline;

  if (!wd_test_have_display (app))
    return;

  window = open_copy (&path);
  article = wd_window_get_article (window);

  /* What the file says is what the fields show. */
  headline = wd_test_find_child (GTK_WIDGET (window), WD_TYPE_TITLE_VIEW, "headline-entry");
  g_assert_nonnull (wd_article_get_headline (article));
  shown = wd_title_view_dup_text (headline);
  g_assert_cmpstr (shown, ==, wd_article_get_headline (article));
  body = wd_test_buffer_text (get_body (window));
  g_assert_cmpstr (body, ==, wd_article_get_body (article));
  g_assert_true (g_str_has_prefix (window_title (window), wd_article_get_headline (article)));
  g_assert_false (wd_window_get_modified (window));

  /* One row per source, each saying it was never checked. */
  g_assert_cmpuint (wd_article_get_n_sources (article), >, 0);
  g_assert_cmpuint (count_rows (window), ==, wd_article_get_n_sources (article));
  for (guint i = 0; i < wd_article_get_n_sources (article); i++)
    {
      GtkWidget *row = wd_sources_pane_get_row (get_pane (window), wd_article_get_source (article, i));

      g_assert_cmpstr (wd_source_row_get_badge_text (WD_SOURCE_ROW (row)), ==, "Unchecked");
    }

  wd_test_destroy_window (window);
}

static gboolean
body_ends_with_two_more (gpointer article)
{
  return g_str_has_suffix (wd_article_get_body (article), "\n\nTwo more");
}

static void
test_window_edit (void)
{
  WdWindow *window;
  WdArticle *article;
  WdTitleView *headline;
  GtkTextBuffer *buffer;
  GtkLabel *word_count = NULL;
  GtkTextIter end;
  g_autofree char *before = NULL;
  g_autofree char *words_before = NULL;

  if (!wd_test_have_display (app))
    return;

  window = open_copy (NULL);
  article = wd_window_get_article (window);
  headline = wd_test_find_child (GTK_WIDGET (window), WD_TYPE_TITLE_VIEW, "headline-entry");
  buffer = get_body (window);

  /* The headline field writes through to the document and marks it dirty. */
  wd_title_view_set_text (headline, "Night ferries halted");
  g_assert_cmpstr (wd_article_get_headline (article), ==, "Night ferries halted");
  g_assert_true (wd_window_get_modified (window));
  g_assert_true (g_str_has_prefix (window_title (window), "• Night ferries halted"));

  /* The body reaches the document, and the word count follows. */
  for (GtkWidget *w = GTK_WIDGET (wd_test_find_child (GTK_WIDGET (window), GTK_TYPE_LABEL, "numeric")); w; w = NULL)
    word_count = GTK_LABEL (w);
  g_assert_nonnull (word_count);
  words_before = g_strdup (gtk_label_get_text (word_count));
  before = wd_test_buffer_text (buffer);

  gtk_text_buffer_get_end_iter (buffer, &end);
  gtk_text_buffer_insert_interactive (buffer, &end, "\n\nTwo more", -1, TRUE);
  /* the body reaches the document after a short pause in typing */
  g_assert_true (wd_test_wait_until (body_ends_with_two_more, article, 5000));
  {
    guint n_before = 0, n_after = 0;

    g_assert_cmpint (sscanf (words_before, "%u", &n_before), ==, 1);
    g_assert_cmpint (sscanf (gtk_label_get_text (word_count), "%u", &n_after), ==, 1);
    g_assert_cmpuint (n_after, ==, n_before + 2);
  }

  /* Undo in the body takes the typing back, and the document follows. */
  g_assert_true (gtk_text_buffer_get_can_undo (buffer));
  gtk_text_buffer_undo (buffer);
  {
    g_autofree char *after_undo = wd_test_buffer_text (buffer);

    g_assert_cmpstr (after_undo, ==, before);
  }
  g_assert_cmpstr (wd_window_get_article (window) == article ? wd_article_get_body (article) : NULL, ==, before);

  wd_test_destroy_window (window);
}

static gboolean
has_n_sources (gpointer data)
{
  WdWindow *window = data;
  guint wanted = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (window), "wanted"));

  return wd_article_get_n_sources (wd_window_get_article (window)) == wanted;
}

static void
test_window_paste_sources (void)
{
  WdWindow *window;
  WdArticle *article;
  WdSourcesPane *pane;
  GtkEditable *entry;
  guint n;

  if (!wd_test_have_display (app))
    return;

  window = open_copy (NULL);
  article = wd_window_get_article (window);
  pane = get_pane (window);
  n = wd_article_get_n_sources (article);

  /* Many lines from the clipboard: each URL becomes a source; the
   * already-attached one and the junk line do not. */
  gdk_clipboard_set_text (gtk_widget_get_clipboard (GTK_WIDGET (window)),
                          "https://example.com/one\n"
                          "not a link at all\n"
                          "Agency: https://example.org/two.\n"
                          "https://t.me/kesselfish/4417\n");
  g_object_set_data (G_OBJECT (window), "wanted", GUINT_TO_POINTER (n + 2));
  gtk_widget_activate_action (GTK_WIDGET (pane), "sources.paste", NULL);
  g_assert_true (wd_test_wait_until (has_n_sources, window, 3000));

  g_assert_nonnull (wd_article_find_source (article, "https://example.com/one"));
  g_assert_nonnull (wd_article_find_source (article, "https://example.org/two"));
  g_assert_cmpuint (count_rows (window), ==, n + 2);
  g_assert_true (wd_window_get_modified (window));

  /* Typed into the field and confirmed with Enter. */
  entry = wd_test_find_child (GTK_WIDGET (pane), GTK_TYPE_ENTRY, NULL);
  gtk_editable_set_text (entry, "https://example.net/three");
  g_signal_emit_by_name (entry, "activate");
  g_assert_nonnull (wd_article_find_source (article, "https://example.net/three"));
  g_assert_cmpstr (gtk_editable_get_text (entry), ==, "");

  /* Nothing usable: the text stays, marked, to be fixed. */
  gtk_editable_set_text (entry, "ftp://example.net/x");
  g_signal_emit_by_name (entry, "activate");
  g_assert_cmpuint (wd_article_get_n_sources (article), ==, n + 3);
  g_assert_cmpstr (gtk_editable_get_text (entry), ==, "ftp://example.net/x");
  g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (entry), "error"));

  wd_test_destroy_window (window);
}

static gboolean
removal_said (gpointer window)
{
  return wd_test_find_toast (window, "Removed “Q&A <live>”") != NULL;
}

static void
test_window_remove_undo (void)
{
  WdWindow *window;
  WdArticle *article;
  WdSourcesPane *pane;
  g_autoptr(WdSource) second = NULL;
  g_autofree char *id = NULL;
  guint n;

  if (!wd_test_have_display (app))
    return;

  window = open_copy (NULL);
  article = wd_window_get_article (window);
  pane = get_pane (window);
  n = wd_article_get_n_sources (article);
  g_assert_cmpuint (n, >=, 3);

  second = g_object_ref (wd_article_get_source (article, 1));
  id = g_strdup (wd_source_get_id (second));
  /* Its name in the toast reads as written, "&" and "<" included. */
  wd_source_set_label (second, "Q&A <live>");

  gtk_widget_activate_action (GTK_WIDGET (pane), "source.remove", "s", id);
  g_assert_cmpuint (wd_article_get_n_sources (article), ==, n - 1);
  g_assert_null (wd_article_find_source_by_id (article, id));
  g_assert_null (wd_sources_pane_get_row (pane, second));
  g_assert_true (wd_test_wait_until (removal_said, window, 5000));

  /* The toast's Undo puts it back where it was, row included. */
  gtk_widget_activate_action_variant (GTK_WIDGET (window), "win.undo-remove-source", g_variant_new_string (id));
  g_assert_cmpuint (wd_article_get_n_sources (article), ==, n);
  g_assert_true (wd_article_get_source (article, 1) == second);
  g_assert_nonnull (wd_sources_pane_get_row (pane, second));

  /* A second Undo does nothing. */
  gtk_widget_activate_action_variant (GTK_WIDGET (window), "win.undo-remove-source", g_variant_new_string (id));
  g_assert_cmpuint (wd_article_get_n_sources (article), ==, n);

  wd_test_destroy_window (window);
}

static gboolean
menu_has_target (GMenuModel *model,
                 const char *uri)
{
  for (int i = 0; i < g_menu_model_get_n_items (model); i++)
    {
      g_autoptr(GVariant) target = g_menu_model_get_item_attribute_value (model, i, "target", G_VARIANT_TYPE_STRING);
      g_autoptr(GMenuLinkIter) links = g_menu_model_iterate_item_links (model, i);
      GMenuModel *linked;

      if (target != NULL && g_str_equal (g_variant_get_string (target, NULL), uri))
        return TRUE;

      while (g_menu_link_iter_get_next (links, NULL, &linked))
        {
          gboolean found = menu_has_target (linked, uri);

          g_object_unref (linked);
          if (found)
            return TRUE;
        }
    }

  return FALSE;
}

static gboolean
in_recent_menu (gpointer data)
{
  WdWindow *window = data;
  GtkMenuButton *button = wd_test_find_child (GTK_WIDGET (window), GTK_TYPE_MENU_BUTTON, NULL);
  g_autofree char *uri = g_file_get_uri (wd_window_get_file (window));

  /* The header bar's primary menu comes first in the widget tree. */
  g_assert_true (gtk_menu_button_get_primary (button));

  return menu_has_target (gtk_menu_button_get_menu_model (button), uri);
}

/* The member @name of @object's array @array at @index, as a string. */
static const char *
item_string (JsonObject *object,
             const char *array,
             guint       index,
             const char *name)
{
  JsonArray *items = json_object_get_array_member (object, array);

  g_assert_nonnull (items);
  g_assert_cmpuint (index, <, json_array_get_length (items));
  return json_object_get_string_member (json_array_get_object_element (items, index), name);
}

static JsonNode *
load_json (const char *path)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;

  json_parser_load_from_file (parser, path, &error);
  g_assert_no_error (error);
  g_assert_nonnull (json_parser_get_root (parser));
  return json_node_copy (json_parser_get_root (parser));
}

/* The file is there and holds a whole JSON document (a new file is
 * written in place, so it exists before it is complete). */
static gboolean
file_is_json (gpointer data)
{
  g_autoptr(JsonParser) parser = json_parser_new ();

  return json_parser_load_from_file (parser, g_file_peek_path (data), NULL) &&
         json_parser_get_root (parser) != NULL;
}

/* Export… writes ninjs carrying what the document file says (read here
 * with json-glib, not through the app), and refuses an article without a
 * headline instead of writing a file. */
static void
test_window_export (void)
{
  g_autofree char *path = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *uri = NULL;
  g_autoptr(GFile) ninjs = NULL;
  g_autoptr(GFile) refused = NULL;
  g_autoptr(GFile) after = NULL;
  g_autoptr(JsonNode) document = NULL;
  g_autoptr(JsonNode) exported = NULL;
  JsonObject *doc, *out;
  JsonArray *sources;
  WdWindow *window;

  if (!wd_test_have_display (app))
    return;

  window = open_copy (&path);
  document = load_json (path);
  doc = json_object_get_object_member (json_node_get_object (document), "article");
  dir = wd_test_make_tmpdir ();
  ninjs = g_file_new_build_filename (dir, "a.ninjs.json", NULL);
  refused = g_file_new_build_filename (dir, "b.ninjs.json", NULL);
  after = g_file_new_build_filename (dir, "c.jsonld", NULL);

  wd_window_export (window, ninjs, WD_EXPORT_FORMAT_NINJS);
  g_assert_true (wd_test_wait_until (file_is_json, ninjs, 5000));
  exported = load_json (g_file_peek_path (ninjs));
  out = json_node_get_object (exported);

  uri = g_strconcat ("urn:uuid:", json_object_get_string_member (doc, "id"), NULL);
  g_assert_cmpstr (json_object_get_string_member (out, "uri"), ==, uri);
  g_assert_cmpstr (item_string (out, "headlines", 0, "role"), ==, "main");
  g_assert_cmpstr (item_string (out, "headlines", 0, "value"), ==, json_object_get_string_member (doc, "headline"));
  g_assert_cmpstr (item_string (out, "headlines", 1, "role"), ==, "subhead");
  g_assert_cmpstr (item_string (out, "headlines", 1, "value"), ==, json_object_get_string_member (doc, "standfirst"));
  g_assert_cmpstr (item_string (out, "descriptions", 0, "value"), ==, json_object_get_string_member (doc, "desk_note"));
  g_assert_cmpstr (json_object_get_string_member (out, "by"), ==, json_object_get_string_member (doc, "byline"));
  sources = json_object_get_array_member (doc, "sources");
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (out, "infoSources")), ==,
                    json_array_get_length (sources));
  for (guint i = 0; i < json_array_get_length (sources); i++)
    g_assert_cmpstr (item_string (out, "infoSources", i, "uri"), ==,
                     json_object_get_string_member (json_array_get_object_element (sources, i), "url"));
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (out, "standard"), "name"), ==, "ninjs");

  /* No headline: refused before anything is written. A later export
   * lands; the refused one never does. */
  wd_article_set_headline (wd_window_get_article (window), "");
  wd_window_export (window, refused, WD_EXPORT_FORMAT_JSONLD);
  g_assert_false (g_file_query_exists (refused, NULL));
  wd_article_set_headline (wd_window_get_article (window), "Night ferries halted");
  wd_window_export (window, after, WD_EXPORT_FORMAT_JSONLD);
  g_assert_true (wd_test_wait_until (file_is_json, after, 5000));
  g_assert_false (g_file_query_exists (refused, NULL));

  wd_test_destroy_window (window);
  wd_test_rmdir_r (dir);
}

static gboolean
export_failure_said (gpointer data)
{
  gpointer *window_and_text = data;

  return wd_test_find_toast (window_and_text[0], window_and_text[1]) != NULL;
}

/* An export that fails says so with the file's name as it is: a toast's
 * title is markup, and "&" or "<" in a name (or in the error) must show
 * as written, not as an empty or cut toast (nor a GTK warning). */
static void
test_window_export_failure_toast (void)
{
  g_autofree char *dir = NULL;
  g_autofree char *said = NULL;
  g_autoptr(GFile) file = NULL;
  gpointer window_and_text[2];
  WdWindow *window;

  if (!wd_test_have_display (app))
    return;

  window = open_copy (NULL);
  dir = wd_test_make_tmpdir ();
  /* The folder is not there: the write fails. */
  file = g_file_new_build_filename (dir, "gone", "R&D <draft> & more.json", NULL);
  said = g_strdup_printf ("Could not export to “R&D <draft> & more.json”: R&D <draft> & more.json: "
                          "could not save (creating a temporary file): %s; "
                          "the file on disk was not changed", g_strerror (ENOENT));

  wd_window_export (window, file, WD_EXPORT_FORMAT_NINJS);
  window_and_text[0] = window;
  window_and_text[1] = said;
  g_assert_true (wd_test_wait_until (export_failure_said, window_and_text, 5000));
  g_assert_false (g_file_query_exists (file, NULL));
  wd_test_save_png (GTK_WIDGET (window), "export-failure-toast.png");

  wd_test_destroy_window (window);
  wd_test_rmdir_r (dir);
}

/* A new window starts from the editor's settings: byline and language. */
static void
test_window_settings_defaults (void)
{
  GSettings *settings;
  WdWindow *window;

  if (!wd_test_have_display (app))
    return;

  settings = wd_application_get_settings (app);
  g_settings_set_string (settings, "editor-name", "Night Desk");
  g_settings_set_string (settings, "default-language", "de");

  window = wd_window_new (app);
  g_assert_cmpstr (wd_article_get_byline (wd_window_get_article (window)), ==, "Night Desk");
  g_assert_cmpstr (wd_article_get_language (wd_window_get_article (window)), ==, "de");
  g_assert_false (wd_window_get_modified (window));

  g_settings_reset (settings, "editor-name");
  g_settings_reset (settings, "default-language");
  wd_test_destroy_window (window);
}

/* The visible file chooser (GtkFileChooserNative falls back to a dialog
 * without a portal), or NULL. */
static GtkWidget *
visible_chooser (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) w = g_list_model_get_item (toplevels, i);

      if (GTK_IS_FILE_CHOOSER (w) && gtk_widget_get_mapped (GTK_WIDGET (w)))
        return GTK_WIDGET (w);
    }
  return NULL;
}

/* The chooser selects a file once its folder has loaded. */
static gboolean
chooser_has_file (gpointer data)
{
  g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (data));

  return file != NULL;
}

static gboolean
chooser_in_folder (gpointer data)
{
  g_autoptr(GFile) folder = gtk_file_chooser_get_current_folder (GTK_FILE_CHOOSER (data));
  g_autoptr(GFile) wanted = g_object_get_data (G_OBJECT (data), "wd-test-folder") ?
                            g_object_ref (g_object_get_data (G_OBJECT (data), "wd-test-folder")) : NULL;

  return folder != NULL && wanted != NULL && g_file_equal (folder, wanted);
}

static gboolean
chooser_shown (gpointer unused)
{
  return visible_chooser () != NULL;
}

static GtkWidget *
find_path_bar (GtkWidget *widget)
{
  if (g_str_equal (G_OBJECT_TYPE_NAME (widget), "GtkPathBar"))
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_path_bar (child);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static gboolean
has_toggle_button (GtkWidget *widget)
{
  if (GTK_IS_TOGGLE_BUTTON (widget))
    return TRUE;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (has_toggle_button (child))
      return TRUE;
  return FALSE;
}

/* The chooser shows the folder it opened in: its path bar has its buttons
 * (or it opened on no folder, as in Recent). A person sees that before
 * choosing another folder; changing it sooner cancels the path bar's
 * reading, and GTK 4.10 to 4.18 then log a critical (their path bar removes
 * buttons it never added). */
static gboolean
has_label (GtkWidget  *widget,
           const char *text)
{
  if (GTK_IS_LABEL (widget) && g_strcmp0 (gtk_label_get_text (GTK_LABEL (widget)), text) == 0)
    return TRUE;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (has_label (child, text))
      return TRUE;
  return FALSE;
}

/* The path bar shows the chooser's "wd-test-folder" (its reading is done:
 * answering sooner cancels it, see below). */
static gboolean
chooser_shows_folder (gpointer data)
{
  GFile *wanted = g_object_get_data (G_OBJECT (data), "wd-test-folder");
  g_autofree char *name = g_file_get_basename (wanted);
  GtkWidget *path_bar = find_path_bar (GTK_WIDGET (data));

  return path_bar == NULL || has_label (path_bar, name);
}

static gboolean
chooser_settled (gpointer data)
{
  g_autoptr(GFile) folder = gtk_file_chooser_get_current_folder (GTK_FILE_CHOOSER (data));
  GtkWidget *path_bar = find_path_bar (GTK_WIDGET (data));

  return folder == NULL || path_bar == NULL || has_toggle_button (path_bar);
}

static gboolean
headline_is (gpointer data)
{
  GList *windows = gtk_application_get_windows (GTK_APPLICATION (app));

  for (GList *l = windows; l != NULL; l = l->next)
    if (WD_IS_WINDOW (l->data) &&
        g_strcmp0 (wd_article_get_headline (wd_window_get_article (l->data)), data) == 0)
      return TRUE;
  return FALSE;
}

static WdWindow *
window_with_headline (const char *headline)
{
  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (app)); l != NULL; l = l->next)
    if (WD_IS_WINDOW (l->data) &&
        g_strcmp0 (wd_article_get_headline (wd_window_get_article (l->data)), headline) == 0)
      return l->data;
  return NULL;
}

static gboolean
saved_to (gpointer data)
{
  WdWindow *window = data;
  GFile *file = wd_window_get_file (window);

  return file != NULL && !wd_window_get_modified (window) && wd_test_window_idle (window);
}

typedef struct
{
  WdWindow *window;
  GFile    *file;
} SavedAs;

static gboolean
saved_as (gpointer data)
{
  SavedAs *wait = data;
  GFile *file = wd_window_get_file (wait->window);

  return file != NULL && g_file_equal (file, wait->file) && saved_to (wait->window);
}

static const char evidence_bytes[] = "PK evidence bytes that must travel unchanged";

static gboolean
holds_evidence_bytes (gpointer path)
{
  g_autofree char *contents = NULL;
  gsize len = 0;

  return g_file_get_contents (path, &contents, &len, NULL) && len == sizeof evidence_bytes &&
         memcmp (contents, evidence_bytes, len) == 0;
}

/* Save As… @name in @dir through the file chooser, as a person would. */
static void
save_as_through_chooser (WdWindow   *window,
                         const char *dir,
                         const char *name)
{
  g_autoptr(GFile) folder = g_file_new_for_path (dir);
  g_autoptr(GFile) target = g_file_get_child (folder, name);
  g_autofree char *inner = g_build_filename (dir, "inner", NULL);
  g_autofree char *cwd = NULL;
  GtkWidget *chooser;

  /* GTK 4.8's fallback for GtkFileChooserNative (no portal here) puts
   * the name the dialog holds beside the working directory, not in the
   * folder shown: work in a folder inside the test's while saving, so
   * that nothing lands outside it. */
  cwd = g_get_current_dir ();
  g_assert_cmpint (g_mkdir (inner, 0700), ==, 0);
  g_assert_cmpint (g_chdir (inner), ==, 0);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.save-as", NULL));
  g_assert_true (wd_test_wait_until (chooser_shown, NULL, 5000));
  chooser = visible_chooser ();
  g_assert_true (wd_test_wait_until (chooser_settled, chooser, 5000));
  g_object_set_data_full (G_OBJECT (chooser), "wd-test-folder", g_object_ref (folder), g_object_unref);
  /* A saved document's chooser opens in its folder already. */
  if (!wd_test_wait_until (chooser_in_folder, chooser, 200))
    g_assert_true (gtk_file_chooser_set_current_folder (GTK_FILE_CHOOSER (chooser), folder, NULL));
  g_assert_true (wd_test_wait_until (chooser_in_folder, chooser, 5000));
  g_assert_true (wd_test_wait_until (chooser_shows_folder, chooser, 5000));
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), name);
  g_assert_true (wd_test_wait_until (chooser_has_file, chooser, 5000));
  {
    g_autoptr(GFile) chosen = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));

    /* never anywhere but the test's folder */
    g_assert_true (g_file_equal (chosen, target));
  }
  gtk_dialog_response (GTK_DIALOG (chooser), GTK_RESPONSE_ACCEPT);

  {
    SavedAs wait = { window, target };

    g_assert_true (wd_test_wait_until (saved_as, &wait, 10000));
  }
  g_assert_cmpint (g_chdir (cwd), ==, 0);
  g_rmdir (inner);
}

/* File ▸ Import… a text synthesis, then Save As…: both through the file
 * chooser, as a person would. The import is a new, unsaved document; the
 * saved file loads back as the same article. */
static void
test_window_import_save_as (void)
{
  static const char headline[] = "Harbour Pilots Walk Out at Kestrel Bay, Stranding Forty Ships in the Roads";
  g_autofree char *article_path = wd_test_data_path (WD_TEST_ARTICLE);
  g_autoptr(GFile) article_file = g_file_new_for_path (article_path);
  g_autofree char *dir = wd_test_make_tmpdir ();
  g_autoptr(GFile) folder = g_file_new_for_path (dir);
  g_autofree char *draft_package = NULL;
  g_autofree char *new_package = NULL;
  g_autoptr(WdArticle) reloaded = NULL;
  g_autoptr(GError) error = NULL;
  WdWindow *window, *imported;
  GtkWidget *chooser;

  if (!wd_test_have_display (app))
    return;

  window = wd_window_new (app);
  gtk_window_present (GTK_WINDOW (window));

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.import", NULL));
  g_assert_true (wd_test_wait_until (chooser_shown, NULL, 5000));
  chooser = visible_chooser ();
  g_assert_true (wd_test_wait_until (chooser_settled, chooser, 5000));
  g_object_set_data_full (G_OBJECT (chooser), "wd-test-folder", g_file_get_parent (article_file), g_object_unref);
  g_assert_true (gtk_file_chooser_set_file (GTK_FILE_CHOOSER (chooser), article_file, NULL));
  g_assert_true (wd_test_wait_until (chooser_has_file, chooser, 5000));
  g_assert_true (wd_test_wait_until (chooser_shows_folder, chooser, 5000));
  gtk_dialog_response (GTK_DIALOG (chooser), GTK_RESPONSE_ACCEPT);

  g_assert_true (wd_test_wait_until (headline_is, (gpointer) headline, 10000));
  imported = window_with_headline (headline);
  g_assert_true (wd_test_wait_until (wd_test_window_idle, imported, 5000));
  g_assert_null (wd_window_get_file (imported));
  g_assert_true (wd_window_get_modified (imported));
  g_assert_cmpuint (wd_article_get_n_sources (wd_window_get_article (imported)), ==, 8);

  /* What a check of the unsaved document captured, kept under its draft. */
  {
    g_autofree char *name = g_strconcat (wd_window_get_draft_id (imported), ".wacz", NULL);

    draft_package = g_build_filename (data_home, "wiredesk", "drafts", name, NULL);
    g_autofree char *drafts = g_path_get_dirname (draft_package);

    g_assert_cmpint (g_mkdir_with_parents (drafts, 0700), ==, 0);
    g_assert_true (g_file_set_contents (draft_package, evidence_bytes, sizeof evidence_bytes, NULL));
  }

  save_as_through_chooser (imported, dir, "pilots.wiredesk");
  g_assert_true (g_file_has_prefix (wd_window_get_file (imported), folder));
  /* Saved, the document takes it along: moved out of the draft store. */
  new_package = g_build_filename (dir, "pilots.wacz", NULL);
  g_assert_true (wd_test_wait_until (holds_evidence_bytes, new_package, 5000));
  g_assert_false (g_file_test (draft_package, G_FILE_TEST_EXISTS));
  {
    g_autofree char *base = g_file_get_basename (wd_window_get_file (imported));

    g_assert_cmpstr (base, ==, "pilots.wiredesk");
  }
  reloaded = wd_native_format_load (wd_window_get_file (imported), NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (wd_article_get_headline (reloaded), ==, headline);
  g_assert_cmpuint (wd_article_get_n_sources (reloaded), ==, 8);

  if (imported != window)
    wd_test_destroy_window (imported);
  wd_test_destroy_window (window);
  wd_test_rmdir_r (dir);
}

/* Save As takes the document's evidence package along, byte for byte; the
 * old document keeps its own. A package left at the new name by a document
 * that is gone is replaced, never paired with this document. */
static void
test_window_save_as_evidence (void)
{
  g_autofree char *path = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *package = NULL;
  g_autofree char *new_package = NULL;
  WdWindow *window;

  if (!wd_test_have_display (app))
    return;

  window = open_copy (&path);
  dir = g_path_get_dirname (path);
  package = wd_evidence_package_path_for (path);
  g_assert_true (g_file_set_contents (package, evidence_bytes, sizeof evidence_bytes, NULL));
  new_package = g_build_filename (dir, "renamed.wacz", NULL);
  g_assert_true (g_file_set_contents (new_package, "another document's", -1, NULL));

  save_as_through_chooser (window, dir, "renamed.wiredesk");
  g_assert_true (wd_test_wait_until (holds_evidence_bytes, new_package, 5000));
  g_assert_true (holds_evidence_bytes (package));

  wd_test_destroy_window (window);
  wd_test_rmdir_r (dir);
}

static gboolean
preferences_shown (gpointer unused)
{
  GtkWidget *prefs = wd_test_find_window (WD_TYPE_PREFERENCES_WINDOW);

  return prefs != NULL && gtk_widget_get_mapped (prefs);
}

static void
collect_spin_buttons (GtkWidget *widget,
                      GPtrArray *found)
{
  if (GTK_IS_SPIN_BUTTON (widget))
    g_ptr_array_add (found, widget);
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c != NULL; c = gtk_widget_get_next_sibling (c))
    collect_spin_buttons (c, found);
}

/* Preferences (Ctrl+,) shows the settings as they are and changes them as
 * the editor types: a new article takes the new byline. */
static void
test_window_preferences (void)
{
  GSettings *settings;
  WdWindow *window, *next;
  GtkWidget *prefs;
  AdwEntryRow *name;
  g_autoptr(GPtrArray) spins = g_ptr_array_new ();
  g_auto(GStrv) accels = NULL;

  if (!wd_test_have_display (app))
    return;

  settings = wd_application_get_settings (app);
  g_settings_set_uint (settings, "check-timeout", 17);
  window = wd_window_new (app);
  gtk_window_present (GTK_WINDOW (window));

  accels = gtk_application_get_accels_for_action (GTK_APPLICATION (app), "app.preferences");
  g_assert_true (g_strv_contains ((const char * const *) accels, "<Control>comma"));
  g_action_group_activate_action (G_ACTION_GROUP (app), "preferences", NULL);
  g_assert_true (wd_test_wait_until (preferences_shown, NULL, 3000));
  prefs = wd_test_find_window (WD_TYPE_PREFERENCES_WINDOW);
  g_assert_true (gtk_window_get_transient_for (GTK_WINDOW (prefs)) == GTK_WINDOW (window));

  /* the six numbers, in the window's order: headline length, timeout,
   * concurrency, evidence limit (MB), minimum sources, stale days; the
   * timeout shows the setting */
  collect_spin_buttons (prefs, spins);
  g_assert_cmpuint (spins->len, ==, 6);
  g_assert_cmpint (gtk_spin_button_get_value_as_int (spins->pdata[1]), ==, 17);
  g_assert_cmpint (gtk_spin_button_get_value_as_int (spins->pdata[3]), ==, 200);
  gtk_spin_button_set_value (spins->pdata[4], 2);
  g_assert_cmpuint (g_settings_get_uint (settings, "audit-min-sources"), ==, 2);

  name = wd_test_find_child (prefs, ADW_TYPE_ENTRY_ROW, NULL);
  g_assert_nonnull (name);
  gtk_editable_set_text (GTK_EDITABLE (name), "Harbour Desk");
  {
    g_autofree char *stored = g_settings_get_string (settings, "editor-name");

    g_assert_cmpstr (stored, ==, "Harbour Desk");
  }

  gtk_window_destroy (GTK_WINDOW (prefs));
  next = wd_window_new (app);
  g_assert_cmpstr (wd_article_get_byline (wd_window_get_article (next)), ==, "Harbour Desk");

  g_settings_reset (settings, "editor-name");
  g_settings_reset (settings, "check-timeout");
  g_settings_reset (settings, "audit-min-sources");
  wd_test_destroy_window (next);
  wd_test_destroy_window (window);
}

static void
test_window_save_reload (void)
{
  g_autofree char *path = NULL;
  g_autoptr(GFile) file = NULL;
  WdWindow *window, *again;
  WdArticle *article;
  guint revision;

  if (!wd_test_have_display (app))
    return;

  window = open_copy (&path);
  file = g_file_new_for_path (path);
  article = wd_window_get_article (window);
  revision = wd_article_get_revision (article);

  wd_article_set_headline (article, "Saved headline");
  wd_sources_pane_add_text (get_pane (window), "https://example.com/saved");
  g_assert_true (wd_window_get_modified (window));

  gtk_widget_activate_action_variant (GTK_WIDGET (window), "win.save", NULL);
  g_assert_true (wd_test_wait_until (window_saved, window, 5000));
  g_assert_false (g_str_has_prefix (window_title (window), "•"));

  /* Reopened in another window, the file has what was typed. */
  again = wd_window_new (app);
  wd_window_load_file (again, file);
  g_assert_true (wd_test_wait_until (wd_test_window_idle, again, 5000));
  g_assert_cmpstr (wd_article_get_headline (wd_window_get_article (again)), ==, "Saved headline");
  g_assert_nonnull (wd_article_find_source (wd_window_get_article (again), "https://example.com/saved"));
  g_assert_cmpuint (wd_article_get_revision (wd_window_get_article (again)), ==, revision + 1);

  /* The saved document is offered under "Open Recent". */
  g_assert_true (wd_test_wait_until (in_recent_menu, window, 3000));

  wd_test_destroy_window (again);
  wd_test_destroy_window (window);
}

static void
test_window_external_change (void)
{
  g_autofree char *path = NULL;
  g_autofree char *on_disk = NULL;
  WdWindow *window;
  AdwMessageDialog *dialog;

  if (!wd_test_have_display (app))
    return;

  window = open_copy (&path);
  wd_test_spin (50);   /* the etag query after the load */

  /* Another program rewrites the file (a different mtime). */
  g_usleep (20000);
  g_assert_true (g_file_set_contents (path, "{\"changed\": \"elsewhere\"}\n", -1, NULL));

  wd_article_set_headline (wd_window_get_article (window), "Mine");
  gtk_widget_activate_action_variant (GTK_WIDGET (window), "win.save", NULL);
  g_assert_true (wd_test_wait_until (wd_test_dialog_shown, NULL, 3000));

  /* Nothing was overwritten while the question is open. */
  g_assert_true (g_file_get_contents (path, &on_disk, NULL, NULL));
  g_assert_nonnull (strstr (on_disk, "elsewhere"));
  g_clear_pointer (&on_disk, g_free);

  dialog = wd_test_find_dialog ();
  adw_message_dialog_response (dialog, "overwrite");
  g_assert_true (wd_test_wait_until (window_saved, window, 5000));
  g_assert_true (g_file_get_contents (path, &on_disk, NULL, NULL));
  g_assert_nonnull (strstr (on_disk, "\"Mine\""));

  wd_test_destroy_window (window);
}

static gboolean
window_gone (gpointer data)
{
  return *(gpointer *) data == NULL;
}

static void
test_window_close_unsaved (void)
{
  WdWindow *window;

  if (!wd_test_have_display (app))
    return;

  window = open_copy (NULL);
  g_object_add_weak_pointer (G_OBJECT (window), (gpointer *) &window);
  wd_article_set_standfirst (wd_window_get_article (window), "Unsaved words");

  /* Closing asks; Cancel keeps the window and the words. */
  gtk_window_close (GTK_WINDOW (window));
  g_assert_true (wd_test_wait_until (wd_test_dialog_shown, NULL, 2000));
  g_assert_nonnull (window);
  adw_message_dialog_response (wd_test_find_dialog (), "cancel");
  wd_test_spin (20);
  g_assert_nonnull (window);
  g_assert_cmpstr (wd_article_get_standfirst (wd_window_get_article (window)), ==, "Unsaved words");

  /* Discard closes it. */
  gtk_window_close (GTK_WINDOW (window));
  g_assert_true (wd_test_wait_until (wd_test_dialog_shown, NULL, 2000));
  adw_message_dialog_response (wd_test_find_dialog (), "discard");
  g_assert_true (wd_test_wait_until (window_gone, &window, 2000));
}

typedef struct
{
  WdWindow *window;
  char     *path;
} DraftWait;

static gboolean
draft_written (gpointer data)
{
  DraftWait *wait = data;
  const char *id = wd_window_get_draft_id (wait->window);
  g_autofree char *name = NULL;

  if (id == NULL)
    return FALSE;

  name = g_strconcat (id, ".wiredesk", NULL);
  g_free (wait->path);
  wait->path = g_build_filename (data_home, "wiredesk", "drafts", name, NULL);

  return g_file_test (wait->path, G_FILE_TEST_EXISTS);
}

static void
test_window_draft_recovery (void)
{
  DraftWait wait = { NULL, NULL };
  g_autoptr(WdDraftStore) next_start = NULL;
  g_autoptr(GPtrArray) orphans = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autofree char *drafts = g_build_filename (data_home, "wiredesk", "drafts", NULL);
  g_autofree char *body = NULL;
  gboolean was_clean = TRUE;
  WdDraftInfo *info = NULL;
  WdWindow *recovered;
  gint64 typed;

  if (!wd_test_have_display (app))
    return;

  /* A new article, typed into and never saved. */
  wait.window = wd_window_new (app);
  gtk_window_present (GTK_WINDOW (wait.window));
  wd_title_view_set_text (wd_test_find_child (GTK_WIDGET (wait.window), WD_TYPE_TITLE_VIEW, "headline-entry"),
                         "Unsaved scoop");
  gtk_text_buffer_set_text (get_body (wait.window), "Every word of this must survive.", -1);
  typed = g_get_monotonic_time ();

  /* The draft is on disk within two seconds of the last edit. */
  g_assert_true (wd_test_wait_until (draft_written, &wait, 2000));
  g_test_message ("draft written %.0f ms after the edit", (g_get_monotonic_time () - typed) / 1000.0);

  /* "Crash" once the index names the draft (a crash between the two
   * writes still offers the draft, without its title: see the store's
   * tests); nothing is closed, and the next start reads the same folder. */
  wd_draft_store_flush (wd_application_get_draft_store (app));
  next_start = wd_draft_store_new (drafts);
  g_assert_true (wd_draft_store_begin_session (next_start, &orphans, &was_clean, &error));
  g_assert_no_error (error);
  g_assert_false (was_clean);
  for (guint i = 0; i < orphans->len; i++)
    if (g_str_equal (((WdDraftInfo *) g_ptr_array_index (orphans, i))->id, wd_window_get_draft_id (wait.window)))
      info = g_ptr_array_index (orphans, i);
  g_assert_nonnull (info);
  g_assert_cmpstr (info->title, ==, "Unsaved scoop");

  bytes = wd_draft_store_load (next_start, info->id, &error);
  g_assert_no_error (error);

  /* Recovered into a window: the words are back, and still unsaved. */
  recovered = wd_window_new (app);
  g_assert_true (wd_window_recover_draft (recovered, info, bytes, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (wd_article_get_headline (wd_window_get_article (recovered)), ==, "Unsaved scoop");
  body = wd_test_buffer_text (get_body (recovered));
  g_assert_cmpstr (body, ==, "Every word of this must survive.");
  g_assert_true (wd_window_get_modified (recovered));
  g_assert_null (wd_window_get_file (recovered));

  wd_test_destroy_window (recovered);
  wd_test_destroy_window (wait.window);
  g_free (wait.path);
}

static void
test_window_clean_close_removes_draft (void)
{
  DraftWait wait = { NULL, NULL };
  g_autofree char *path = NULL;

  if (!wd_test_have_display (app))
    return;

  wait.window = open_copy (&path);
  g_object_add_weak_pointer (G_OBJECT (wait.window), (gpointer *) &wait.window);
  wd_article_set_dateline (wd_window_get_article (wait.window), "KESSEL");
  g_assert_true (wd_test_wait_until (draft_written, &wait, 2000));

  /* Saved, then closed: no draft is left to offer. */
  gtk_widget_activate_action_variant (GTK_WIDGET (wait.window), "win.save", NULL);
  g_assert_true (wd_test_wait_until (window_saved, wait.window, 5000));
  gtk_window_close (GTK_WINDOW (wait.window));
  g_assert_true (wd_test_wait_until (window_gone, &wait.window, 2000));
  wd_draft_store_flush (wd_application_get_draft_store (app));
  g_assert_false (g_file_test (wait.path, G_FILE_TEST_EXISTS));
  g_free (wait.path);
}

typedef struct
{
  WdArticle *article;
  gsize      length;
} BodyLength;

static gboolean
body_has_length (gpointer data)
{
  BodyLength *b = data;

  return strlen (wd_article_get_body (b->article)) == b->length;
}

static WdWindow *
window_with_body (const char *text,
                  gsize       len)
{
  WdWindow *window = wd_window_new (app);
  BodyLength wait;

  gtk_window_present (GTK_WINDOW (window));
  gtk_text_buffer_set_text (get_body (window), text, len);
  wait.article = wd_window_get_article (window);
  wait.length = len;
  g_assert_true (wd_test_wait_until (body_has_length, &wait, 10000));
  return window;
}

/* Typing in the middle of a 1 MB body costs about what it costs in a
 * short one: nothing copies or scans the whole text per keystroke. The
 * bound is a ratio to a 4 KB body measured side by side, so that a
 * loaded machine slows both alike; a whole-text scan per key would be
 * hundreds of times slower. */
static void
test_window_large_body (void)
{
  WdWindow *window, *small;
  GString *big = g_string_sized_new (1100 * 1024);
  gint64 big_cost, small_cost;
  GtkTextIter iter;
  const guint keystrokes = 200;
  BodyLength wait;

  if (!wd_test_have_display (app))
    return;

  /* Paragraphs of prose, as an article has (one 1 MB line would measure
   * Pango's line layout, not the editor). */
  while (big->len < 1024 * 1024)
    {
      for (guint i = 0; i < 8; i++)
        g_string_append (big, "The night ferries stay in port while engineers inspect the hulls. ");
      g_string_append (big, "\n\n");
    }

  small = window_with_body (big->str, 4096);
  window = window_with_body (big->str, big->len);

  /* the editor's handlers alone */
  small_cost = wd_test_type_keys (get_body (small), 2000, "x", keystrokes, FALSE);
  big_cost = wd_test_type_keys (get_body (window), 500000, "x", keystrokes, FALSE);
  g_test_message ("%u keystrokes, handlers only: %.3f ms each in 1 MB, %.3f ms in 4 KB",
                  keystrokes, big_cost / 1000.0, small_cost / 1000.0);
  g_assert_cmpint (big_cost, <, 4 * small_cost + 1000);

  /* with layout and drawing */
  small_cost = wd_test_type_keys (get_body (small), 2200, "y", keystrokes, TRUE);
  big_cost = wd_test_type_keys (get_body (window), 600000, "y", keystrokes, TRUE);
  g_test_message ("%u keystrokes with layout and drawing: %.2f ms each in 1 MB, %.2f ms in 4 KB",
                  keystrokes, big_cost / 1000.0, small_cost / 1000.0);
  g_assert_cmpint (big_cost, <, 10 * small_cost + 20000);

  /* A keystroke does not reach the document at once; the throttled sync
   * brings it there shortly after. */
  wait.article = wd_window_get_article (window);
  wait.length = big->len + 2 * keystrokes;
  g_assert_true (wd_test_wait_until (body_has_length, &wait, 10000));
  gtk_text_buffer_get_iter_at_offset (get_body (window), &iter, 700000);
  gtk_text_buffer_insert_interactive (get_body (window), &iter, "z", 1, TRUE);
  g_assert_cmpuint (strlen (wd_article_get_body (wd_sources_pane_get_article (get_pane (window)))), ==,
                    big->len + 2 * keystrokes);
  wait.length = big->len + 2 * keystrokes + 1;
  g_assert_true (wd_test_wait_until (body_has_length, &wait, 10000));

  g_string_free (big, TRUE);
  wd_test_destroy_window (small);
  wd_test_destroy_window (window);
}

static void
test_window_narrow (void)
{
  WdWindow *window;
  AdwFlap *flap;

  if (!wd_test_have_display (app))
    return;

  window = wd_window_new (app);
  gtk_window_set_default_size (GTK_WINDOW (window), 400, 600);
  gtk_window_present (GTK_WINDOW (window));
  wd_test_spin (300);

  /* Narrow, the sources pane folds over the text instead of squeezing it. */
  flap = wd_test_find_child (GTK_WIDGET (window), ADW_TYPE_FLAP, NULL);
  g_assert_true (adw_flap_get_folded (flap));
  gtk_widget_activate_action_variant (GTK_WIDGET (window), "win.add-source", NULL);
  g_assert_true (adw_flap_get_reveal_flap (flap));

  wd_test_destroy_window (window);
}

int
main (int   argc,
      char *argv[])
{
  data_home = wd_test_ui_init (&argc, &argv, &app);

  g_test_add_func ("/window/open-sample", test_window_open_sample);
  g_test_add_func ("/window/edit", test_window_edit);
  g_test_add_func ("/window/export", test_window_export);
  g_test_add_func ("/window/export-failure-toast", test_window_export_failure_toast);
  g_test_add_func ("/window/settings-defaults", test_window_settings_defaults);
  g_test_add_func ("/window/preferences", test_window_preferences);
  g_test_add_func ("/window/import-save-as", test_window_import_save_as);
  g_test_add_func ("/window/save-as-evidence", test_window_save_as_evidence);
  g_test_add_func ("/window/paste-sources", test_window_paste_sources);
  g_test_add_func ("/window/remove-undo", test_window_remove_undo);
  g_test_add_func ("/window/save-reload", test_window_save_reload);
  g_test_add_func ("/window/external-change", test_window_external_change);
  g_test_add_func ("/window/close-unsaved", test_window_close_unsaved);
  g_test_add_func ("/window/draft-recovery", test_window_draft_recovery);
  g_test_add_func ("/window/clean-close-removes-draft", test_window_clean_close_removes_draft);
  g_test_add_func ("/window/narrow", test_window_narrow);
  g_test_add_func ("/window/large-body", test_window_large_body);

  return wd_test_ui_finish (g_test_run (), &app, data_home);
}

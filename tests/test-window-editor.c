/* The editor's rough edges (issue 18), driven through the real window:
 * export writes the format chosen, sources are told apart, chips show
 * their source's health, recovery, the badge, focus and undo. */
#include "config.h"

#include <gtksourceview/gtksource.h>
#include <string.h>

#include "wd-body-view.h"
#include "wd-search-bar.h"
#include "wd-source-row.h"
#include "wd-title-view.h"
#include "wd-sources-pane.h"
#include "wd-test-util.h"
#include "wd-test-window.h"
#include "wd-window-private.h"

static WdApplication *app;

/* ---------------------------------------------------------------- helpers */

static WdArticle *
make_article (void)
{
  static const char * const urls[] = {
    "https://t.me/producthunt/123456",
    "https://t.me/AngelList/789012",
    "https://en.wikipedia.org/wiki/Andrej_Karpathy",
  };
  WdArticle *article = wd_article_new ();

  wd_article_set_headline (article, "Night ferries halted after cracks found in two hulls of the fleet");
  wd_article_set_body (article, "Night ferries were suspended.\n\nDay crossings continue.");
  for (guint i = 0; i < G_N_ELEMENTS (urls); i++)
    g_assert_nonnull (wd_article_add_source_url (article, urls[i], NULL));

  return article;
}

/* The search bar's Replace entry: the entry after the search entry. */
static GtkEditable *
replace_entry (WdSearchBar *bar)
{
  GtkEditable *with = wd_test_find_child (GTK_WIDGET (bar), GTK_TYPE_ENTRY, NULL);

  while (GTK_IS_SEARCH_ENTRY (with) || !GTK_IS_ENTRY (with))
    with = GTK_EDITABLE (gtk_widget_get_next_sibling (GTK_WIDGET (with)));
  return with;
}

static gboolean
chooser_shown (gpointer unused)
{
  return wd_test_find_window (GTK_TYPE_FILE_CHOOSER_DIALOG) != NULL;
}

static gboolean
file_exists (gpointer file)
{
  return g_file_query_exists (file, NULL);
}

/* ------------------------------------------------------------------ tests */

/* Defect 1: picking JSON-LD and keeping the suggested ninjs name writes
 * JSON-LD, under a name that says so. */
static void
test_export_format_decides (void)
{
  g_autoptr(WdArticle) article = make_article ();
  g_autofree char *dir = NULL;
  g_autofree char *written = NULL;
  g_autofree char *name = NULL;
  g_autoptr(GFile) folder = NULL;
  g_autoptr(GFile) jsonld = NULL;
  g_autoptr(GFile) ninjs = NULL;
  g_autoptr(GBytes) expected = NULL;
  GtkFileChooser *chooser;
  GListModel *filters;
  WdWindow *window;
  gsize len;

  if (!wd_test_have_display (app))
    return;

  window = wd_test_window_with (app, article);
  dir = wd_test_make_tmpdir ();
  folder = g_file_new_for_path (dir);

  gtk_widget_activate_action_variant (GTK_WIDGET (window), "win.export", NULL);
  /* The audit asks first about its errors (unchecked sources). */
  if (wd_test_wait_until (wd_test_dialog_shown, NULL, 2000))
    wd_test_respond (wd_test_find_dialog (), "continue");
  g_assert_true (wd_test_wait_until (chooser_shown, NULL, 5000));
  chooser = wd_test_find_window (GTK_TYPE_FILE_CHOOSER_DIALOG);

  /* Suggested from the headline, cut between words, as the first format. */
  name = gtk_file_chooser_get_current_name (chooser);
  g_assert_cmpstr (name, ==, "Night ferries halted after cracks found in two hulls of the.ninjs.json");

  filters = gtk_file_chooser_get_filters (chooser);
  for (guint i = 0; i < g_list_model_get_n_items (filters); i++)
    {
      g_autoptr(GtkFileFilter) filter = g_list_model_get_item (filters, i);

      if (g_str_has_prefix (gtk_file_filter_get_name (filter), "schema.org"))
        gtk_file_chooser_set_filter (chooser, filter);
    }
  g_object_unref (filters);
  g_assert_true (gtk_file_chooser_set_current_folder (chooser, folder, NULL));
  gtk_file_chooser_set_current_name (chooser, "story.ninjs.json");
  gtk_dialog_response (GTK_DIALOG (chooser), GTK_RESPONSE_ACCEPT);

  jsonld = g_file_get_child (folder, "story.jsonld");
  ninjs = g_file_get_child (folder, "story.ninjs.json");
  g_assert_true (wd_test_wait_until (file_exists, jsonld, 5000));
  wd_test_spin (100);
  g_assert_false (g_file_query_exists (ninjs, NULL));

  expected = wd_export_serialize (wd_window_get_article (window), WD_EXPORT_FORMAT_JSONLD, NULL);
  g_assert_true (g_file_load_contents (jsonld, NULL, &written, &len, NULL, NULL));
  g_assert_cmpmem (written, len, g_bytes_get_data (expected, NULL), g_bytes_get_size (expected));

  wd_test_destroy_window (window);
  wd_test_rmdir_r (dir);
}

static void
test_export_names (void)
{
  static const struct { const char *name; WdExportFormat format; const char *fixed; } cases[] = {
    { "story.ninjs.json", WD_EXPORT_FORMAT_JSONLD, "story.jsonld" },
    { "story.jsonld", WD_EXPORT_FORMAT_NINJS2, "story.ninjs2.json" },
    { "story.json", WD_EXPORT_FORMAT_NINJS, "story.ninjs.json" },
    { "story", WD_EXPORT_FORMAT_NATIVE, "story.wiredesk" },
    { ".jsonld", WD_EXPORT_FORMAT_NINJS, ".jsonld.ninjs.json" },
  };
  static const struct { const char *headline; const char *stem; } stems[] = {
    { "Ferries halted", "Ferries halted" },
    { "OpenAI Researchers Leave for Anthropic as Pre-Training Team Reshuffles Again",
      "OpenAI Researchers Leave for Anthropic as Pre-Training Team" },
    { "a/b: c\\d", "a-b- c-d" },
    { "Averyveryveryveryverylongwordthatgoeson and on", "Averyveryveryveryv" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *fixed = _wd_export_name_for_format (cases[i].name, cases[i].format);

      g_assert_cmpstr (fixed, ==, cases[i].fixed);
    }

  for (guint i = 0; i < G_N_ELEMENTS (stems); i++)
    {
      g_autofree char *stem = _wd_headline_file_stem (stems[i].headline, i == 3 ? 18 : 60);

      g_assert_cmpstr (stem, ==, stems[i].stem);
    }
}

/* The window's size is the settings': a new window takes it, resizing
 * one sets it, and other open windows keep theirs. */
static void
test_window_size_setting (void)
{
  GSettings *settings;
  WdWindow *first, *second;
  int width, height;

  if (!wd_test_have_display (app))
    return;

  settings = wd_application_get_settings (app);
  g_settings_set_int (settings, "window-width", 900);
  g_settings_set_int (settings, "window-height", 640);

  first = wd_window_new (app);
  gtk_window_get_default_size (GTK_WINDOW (first), &width, &height);
  g_assert_cmpint (width, ==, 900);
  g_assert_cmpint (height, ==, 640);

  second = wd_window_new (app);
  gtk_window_set_default_size (GTK_WINDOW (second), 1000, 700);
  g_assert_cmpint (g_settings_get_int (settings, "window-width"), ==, 1000);
  g_assert_cmpint (g_settings_get_int (settings, "window-height"), ==, 700);
  gtk_window_get_default_size (GTK_WINDOW (first), &width, &height);
  g_assert_cmpint (width, ==, 900);

  wd_test_destroy_window (first);
  wd_test_destroy_window (second);
  g_settings_reset (settings, "window-width");
  g_settings_reset (settings, "window-height");
}

/* Defect 3: unchecked sources are told apart in the pane. */
static void
test_source_labels (void)
{
  g_autoptr(WdArticle) article = make_article ();
  static const char * const expected[] = {
    "t.me/producthunt/123456", "t.me/AngelList/789012", "Wikipedia: Andrej Karpathy",
  };
  WdSourcesPane *pane;
  GtkListBox *list;
  WdWindow *window;

  if (!wd_test_have_display (app))
    return;

  window = wd_test_window_with (app, article);
  pane = wd_test_find_child (GTK_WIDGET (window), WD_TYPE_SOURCES_PANE, NULL);
  list = wd_test_find_child (GTK_WIDGET (pane), GTK_TYPE_LIST_BOX, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    {
      GtkListBoxRow *row = gtk_list_box_get_row_at_index (list, i);
      GtkLabel *title;

      g_assert_nonnull (row);
      title = wd_test_find_child (GTK_WIDGET (row), GTK_TYPE_LABEL, NULL);
      g_assert_cmpstr (gtk_label_get_text (title), ==, expected[i]);
    }

  wd_test_destroy_window (window);
}

typedef struct
{
  WdWindow   *window;
  const char *id;
  WdChipHealth health;
} ChipWait;

static gboolean
chip_has_health (gpointer data)
{
  ChipWait *wait = data;
  WdBodyView *view = wd_test_find_child (GTK_WIDGET (wait->window), WD_TYPE_BODY_VIEW, NULL);

  return wd_body_view_get_number (view, wait->id) > 0 &&
         wd_body_view_get_health (view, wait->id) == wait->health;
}

static void
set_verdict (WdSource      *source,
             WdCheckStatus  status)
{
  g_autoptr(WdCheckResult) check = wd_check_result_new (status);

  wd_check_result_set_text (check, "checked-at", "2026-11-23T12:00:00Z");
  wd_source_set_check (source, check);
}

/* Defect 4: a chip citing a gone source does not look like one citing a
 * sound one; the tooltip says the verdict. */
static void
test_chip_health (void)
{
  g_autoptr(WdArticle) article = make_article ();
  g_autofree char *body = NULL;
  g_autofree char *tooltip = NULL;
  WdSource *gone, *fine, *unchecked;
  ChipWait wait;
  WdWindow *window;

  if (!wd_test_have_display (app))
    return;

  gone = wd_article_get_source (article, 0);
  fine = wd_article_get_source (article, 1);
  unchecked = wd_article_get_source (article, 2);
  set_verdict (gone, WD_CHECK_STATUS_NOT_FOUND);
  set_verdict (fine, WD_CHECK_STATUS_OK);
  body = g_strdup_printf ("Night ferries were suspended.[^%s][^%s]\n\nDay crossings continue.[^%s]",
                          wd_source_get_id (gone), wd_source_get_id (fine), wd_source_get_id (unchecked));
  wd_article_set_body (article, body);

  window = wd_test_window_with (app, article);
  wait = (ChipWait) { window, wd_source_get_id (gone), WD_CHIP_HEALTH_ERROR };
  g_assert_true (wd_test_wait_until (chip_has_health, &wait, 5000));
  wait = (ChipWait) { window, wd_source_get_id (fine), WD_CHIP_HEALTH_OK };
  g_assert_true (chip_has_health (&wait));
  wait = (ChipWait) { window, wd_source_get_id (unchecked), WD_CHIP_HEALTH_UNCHECKED };
  g_assert_true (chip_has_health (&wait));

  tooltip = _wd_window_dup_citation_tooltip (window, wd_source_get_id (gone));
  g_assert_nonnull (strstr (tooltip, "Not found — "));

  /* A new check's verdict reaches the chip without an edit. */
  set_verdict (gone, WD_CHECK_STATUS_SOFT_NOT_FOUND);
  wait = (ChipWait) { window, wd_source_get_id (gone), WD_CHIP_HEALTH_WARNING };
  g_assert_true (wd_test_wait_until (chip_has_health, &wait, 5000));

  wd_test_destroy_window (window);
}

static gboolean
has_focus (gpointer widget)
{
  return gtk_widget_has_focus (widget) ||
         gtk_widget_is_ancestor (gtk_root_get_focus (gtk_widget_get_root (widget)), widget);
}

/* Sends a key press to @widget's surface as the keyboard would. */
static void
press_key (GtkWidget *widget,
           guint      keyval)
{
  GtkEventController *controller = NULL;
  GListModel *controllers = gtk_widget_observe_controllers (widget);
  gboolean handled = FALSE;

  for (guint i = 0; i < g_list_model_get_n_items (controllers) && !handled; i++)
    {
      g_autoptr(GObject) c = g_list_model_get_item (controllers, i);

      if (GTK_IS_EVENT_CONTROLLER_KEY (c))
        {
          controller = GTK_EVENT_CONTROLLER (c);
          g_signal_emit_by_name (controller, "key-pressed", keyval, 0, 0, &handled);
        }
    }
  g_object_unref (controllers);
  g_assert_true (handled);
}

/* Laid out at least as tall as its "wd-test-min-height" (1 without). */
static gboolean
has_height (gpointer data)
{
  int wanted = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (data), "wd-test-min-height"));

  return gtk_widget_get_height (GTK_WIDGET (data)) >= MAX (wanted, 1);
}

/* Headline and standfirst wrap and grow, Enter moves on, line breaks
 * pasted become spaces, and past the desk's length the count shows. */
static void
test_headline_wraps (void)
{
  g_autoptr(WdArticle) article = make_article ();
  const char *long_headline = "OpenAI Researchers Leave for Anthropic as the Pre-Training Team Reshuffles "
                              "Again After a Year of Departures";
  g_autofree char *text = NULL;
  WdTitleView *headline, *standfirst;
  GtkLabel *count;
  GSettings *settings;
  WdWindow *window;
  int one_line, wrapped;

  if (!wd_test_have_display (app))
    return;

  settings = wd_application_get_settings (app);
  wd_article_set_headline (article, "Short");
  window = wd_test_window_with (app, article);
  gtk_window_set_default_size (GTK_WINDOW (window), 900, 700);
  headline = wd_test_find_child (GTK_WIDGET (window), WD_TYPE_TITLE_VIEW, "headline-entry");
  standfirst = wd_test_find_child (GTK_WIDGET (window), WD_TYPE_TITLE_VIEW, "standfirst-entry");
  count = wd_test_find_child (GTK_WIDGET (window), GTK_TYPE_LABEL, "warning");
  g_assert_true (wd_test_wait_until (has_height, headline, 5000));
  one_line = gtk_widget_get_height (GTK_WIDGET (headline));
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (count)));

  /* Long: all of it shows, on more lines (once laid out again: under
   * load that takes longer than any fixed wait). */
  wd_article_set_headline (article, long_headline);
  g_object_set_data (G_OBJECT (headline), "wd-test-min-height", GINT_TO_POINTER (one_line * 3 / 2));
  wd_test_wait_until (has_height, headline, 5000);
  wrapped = gtk_widget_get_height (GTK_WIDGET (headline));
  g_test_message ("headline height: %d px on one line, %d px wrapped", one_line, wrapped);
  g_assert_cmpint (wrapped, >=, one_line * 3 / 2);
  text = wd_title_view_dup_text (headline);
  g_assert_cmpstr (text, ==, long_headline);

  /* Past 90 characters (the default), the count shows; a longer limit
   * hides it. */
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (count)));
  g_assert_cmpstr (gtk_label_get_text (count), ==, "107 / 90");
  g_settings_set_uint (settings, "headline-length", 120);
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (count)));
  g_settings_reset (settings, "headline-length");

  /* A pasted line break is a space; the document never gets one. */
  gtk_text_buffer_insert_at_cursor (gtk_text_view_get_buffer (GTK_TEXT_VIEW (standfirst)), "Two\nlines", -1);
  g_assert_cmpstr (wd_article_get_standfirst (wd_window_get_article (window)), ==, "Two lines");

  /* Enter moves on: headline → standfirst → body. */
  gtk_widget_grab_focus (GTK_WIDGET (headline));
  press_key (GTK_WIDGET (headline), GDK_KEY_Return);
  g_assert_true (has_focus (standfirst));
  press_key (GTK_WIDGET (standfirst), GDK_KEY_KP_Enter);
  g_assert_true (has_focus (wd_test_find_child (GTK_WIDGET (window), GTK_SOURCE_TYPE_VIEW, NULL)));
  g_clear_pointer (&text, g_free);
  text = wd_title_view_dup_text (headline);
  g_assert_null (strchr (text, '\n'));

  wd_test_destroy_window (window);
}

/* Tab in the desk note moves focus instead of typing a tab. */
static void
test_desk_note_tab (void)
{
  g_autoptr(WdArticle) article = make_article ();
  GtkTextView *note;
  WdWindow *window;

  if (!wd_test_have_display (app))
    return;

  window = wd_test_window_with (app, article);
  note = wd_test_find_child (GTK_WIDGET (window), GTK_TYPE_TEXT_VIEW, "desk-note");
  g_assert_nonnull (note);
  g_assert_false (gtk_text_view_get_accepts_tab (note));

  wd_test_destroy_window (window);
}

/* Adding sources can be undone; a source cited meanwhile stays. */
static void
test_undo_add_sources (void)
{
  g_autoptr(WdArticle) article = make_article ();
  g_autofree char *body = NULL;
  const char *ids[3] = { NULL, NULL, NULL };
  WdSourcesPane *pane;
  WdWindow *window;
  guint before;

  if (!wd_test_have_display (app))
    return;

  window = wd_test_window_with (app, article);
  pane = wd_test_find_child (GTK_WIDGET (window), WD_TYPE_SOURCES_PANE, NULL);
  before = wd_article_get_n_sources (article);
  g_assert_cmpuint (wd_sources_pane_add_text (pane, "https://www.reuters.com/a\nhttps://apnews.com/b\n"), ==, 2);
  ids[0] = wd_source_get_id (wd_article_get_source (article, before));
  ids[1] = wd_source_get_id (wd_article_get_source (article, before + 1));

  /* The second is cited before Undo. */
  body = g_strdup_printf ("Night ferries were suspended.[^%s]", ids[1]);
  wd_article_set_body (article, body);
  gtk_widget_activate_action_variant (GTK_WIDGET (window), "win.undo-add-sources",
                                      g_variant_new_strv (ids, -1));
  g_assert_cmpuint (wd_article_get_n_sources (article), ==, before + 1);
  g_assert_null (wd_article_find_source (article, "https://www.reuters.com/a"));
  g_assert_nonnull (wd_article_find_source (article, "https://apnews.com/b"));

  wd_test_destroy_window (window);
}

/* A dialog's list reads down its left edge, not centred. */
static void
test_dialog_list_aligned (void)
{
  g_autoptr(WdArticle) article = make_article ();
  AdwMessageDialog *dialog;
  GtkLabel *list;
  WdWindow *window;

  if (!wd_test_have_display (app))
    return;

  wd_article_set_body (article, "Night ferries were suspended.[^nobody]\n\nDay crossings continue.[^nothing]");
  window = wd_test_window_with (app, article);
  gtk_widget_activate_action_variant (GTK_WIDGET (window), "win.export", NULL);
  g_assert_true (wd_test_wait_until (wd_test_dialog_shown, NULL, 2000));
  dialog = wd_test_find_dialog ();
  g_assert_null (strstr (adw_message_dialog_get_body (dialog), "•"));
  list = GTK_LABEL (adw_message_dialog_get_extra_child (dialog));
  g_assert_nonnull (list);
  g_assert_true (g_str_has_prefix (gtk_label_get_text (list), "• "));
  g_assert_cmpfloat (gtk_label_get_xalign (list), ==, 0.0);
  wd_test_respond (dialog, "cancel");

  wd_test_destroy_window (window);
}

typedef struct
{
  GtkLabel   *label;
  const char *text;
} LabelWait;

static gboolean
label_says (gpointer data)
{
  LabelWait *wait = data;

  return g_strcmp0 (gtk_label_get_text (wait->label), wait->text) == 0;
}

/* Find and replace: the count, moving through matches, case and word
 * toggles, replace one, replace all as one undo step, Escape. */
static void
test_find_replace (void)
{
  g_autoptr(WdArticle) article = make_article ();
  g_autofree char *replaced = NULL;
  g_autofree char *undone = NULL;
  const char *body = "Ferries stopped. The ferries' owner said ferries would run. Ferryman waits.";
  WdSearchBar *bar;
  GtkTextBuffer *buffer;
  GtkEditable *find, *with;
  GtkToggleButton *case_button, *word_button = NULL;
  LabelWait wait;
  GtkLabel *count;
  WdWindow *window;

  if (!wd_test_have_display (app))
    return;

  wd_article_set_body (article, body);
  window = wd_test_window_with (app, article);
  bar = wd_test_find_child (GTK_WIDGET (window), WD_TYPE_SEARCH_BAR, NULL);
  buffer = gtk_text_view_get_buffer (wd_test_find_child (GTK_WIDGET (window), GTK_SOURCE_TYPE_VIEW, NULL));
  g_assert_false (wd_search_bar_is_open (bar));

  gtk_widget_activate_action_variant (GTK_WIDGET (window), "win.find", NULL);
  g_assert_true (wd_search_bar_is_open (bar));
  find = wd_test_find_child (GTK_WIDGET (bar), GTK_TYPE_SEARCH_ENTRY, NULL);
  count = wd_test_find_child (GTK_WIDGET (bar), GTK_TYPE_LABEL, "search-count");
  g_assert_true (gtk_widget_has_focus (GTK_WIDGET (find)) ||
                 gtk_widget_is_ancestor (gtk_root_get_focus (GTK_ROOT (window)), GTK_WIDGET (find)));

  /* Case-insensitive by default: three, the first selected. */
  gtk_editable_set_text (find, "ferries");
  wait = (LabelWait) { count, "1 of 3" };
  g_assert_true (wd_test_wait_until (label_says, &wait, 5000));
  gtk_widget_activate_action_variant (GTK_WIDGET (window), "win.find-next", NULL);
  wait.text = "2 of 3";
  g_assert_true (wd_test_wait_until (label_says, &wait, 5000));
  gtk_widget_activate_action_variant (GTK_WIDGET (window), "win.find-previous", NULL);
  wait.text = "1 of 3";
  g_assert_true (wd_test_wait_until (label_says, &wait, 5000));

  /* Match case: two; whole words: "ferr" finds none. */
  case_button = wd_test_find_child (GTK_WIDGET (bar), GTK_TYPE_TOGGLE_BUTTON, NULL);
  gtk_toggle_button_set_active (case_button, TRUE);
  wait.text = "2 matches";
  if (!wd_test_wait_until (label_says, &wait, 5000))
    {
      wait.text = "1 of 2";
      g_assert_true (wd_test_wait_until (label_says, &wait, 5000));
    }
  gtk_toggle_button_set_active (case_button, FALSE);
  for (GtkWidget *w = gtk_widget_get_next_sibling (GTK_WIDGET (case_button)); w; w = NULL)
    word_button = GTK_TOGGLE_BUTTON (w);
  gtk_toggle_button_set_active (word_button, TRUE);
  gtk_editable_set_text (find, "ferr");
  wait.text = "No matches";
  g_assert_true (wd_test_wait_until (label_says, &wait, 5000));
  gtk_toggle_button_set_active (word_button, FALSE);
  gtk_editable_set_text (find, "ferries");
  wait.text = "1 of 3";
  g_assert_true (wd_test_wait_until (label_says, &wait, 5000));

  /* Replace all: one step to undo. */
  gtk_widget_activate_action_variant (GTK_WIDGET (window), "win.find-replace", NULL);
  with = replace_entry (bar);
  gtk_editable_set_text (with, "boats");
  g_assert_cmpuint (wd_search_bar_replace_all (bar), ==, 3);
  replaced = wd_test_buffer_text (buffer);
  g_assert_cmpstr (replaced, ==, "boats stopped. The boats' owner said boats would run. Ferryman waits.");
  gtk_text_buffer_undo (buffer);
  undone = wd_test_buffer_text (buffer);
  g_assert_cmpstr (undone, ==, body);

  /* Escape closes and gives the text back its focus. */
  gtk_widget_activate_action (GTK_WIDGET (bar), "search.close", NULL);
  g_assert_false (wd_search_bar_is_open (bar));

  wd_test_destroy_window (window);
}

/* The match @text of the search bar's count, selected in @view, which
 * shows it and stays there once every line is laid out. */
static void
check_match_shown (WdSearchBar *bar,
                   GtkTextView *view,
                   const char  *count,
                   const char  *expected)
{
  LabelWait wait = { wd_test_find_child (GTK_WIDGET (bar), GTK_TYPE_LABEL, "search-count"), count };
  g_autofree char *selected = NULL;
  GtkTextIter start, end;

  g_assert_true (wd_test_wait_until (label_says, &wait, 30000));
  g_assert_true (gtk_text_buffer_get_selection_bounds (gtk_text_view_get_buffer (view), &start, &end));
  selected = gtk_text_iter_get_text (&start, &end);
  g_assert_cmpstr (selected, ==, expected);
  g_assert_true (wd_test_wait_until (wd_test_cursor_in_sight, view, 10000));
  wd_test_wait_laid_out (view, 3);
  g_assert_true (wd_test_cursor_in_sight (view));
}

/* A long body (2000 paragraphs) just shown: a word of its last paragraph
 * found at once; then, right after the window's width changed and every
 * line is being laid out again, the last match of a phrase found going
 * back from the first. Each time the match shows. */
static void
test_find_far_down (void)
{
  g_autoptr(WdArticle) article = make_article ();
  g_autoptr(GString) body = g_string_new (NULL);
  GtkTextView *view;
  GtkEditable *find;
  WdSearchBar *bar;
  LabelWait wait;
  WdWindow *window;

  if (!wd_test_have_display (app))
    return;

  for (guint i = 1; i <= 2000; i++)
    g_string_append_printf (body, "Note %u from the harbour log: the quay was quiet and the tugs stayed "
                            "in their berths all afternoon while the inspectors went from hull to hull.\n\n", i);
  g_string_append (body, "The last ferry left after midnight with every berth taken.");
  wd_article_set_body (article, body->str);
  window = wd_window_new (app);
  _wd_window_set_document (window, article, NULL, NULL);
  gtk_window_present (GTK_WINDOW (window));
  view = wd_test_find_child (GTK_WIDGET (window), GTK_SOURCE_TYPE_VIEW, NULL);
  bar = wd_test_find_child (GTK_WIDGET (window), WD_TYPE_SEARCH_BAR, NULL);

  gtk_widget_activate_action_variant (GTK_WIDGET (window), "win.find", NULL);
  find = wd_test_find_child (GTK_WIDGET (bar), GTK_TYPE_SEARCH_ENTRY, NULL);
  gtk_editable_set_text (find, "midnight");
  check_match_shown (bar, view, "1 of 1", "midnight");
  wd_test_save_png (GTK_WIDGET (window), "find-far-down.png");

  /* Typed: the first match, at the top; back from it: the last. */
  gtk_editable_set_text (find, "harbour log");
  wait = (LabelWait) { wd_test_find_child (GTK_WIDGET (bar), GTK_TYPE_LABEL, "search-count"), "1 of 2000" };
  g_assert_true (wd_test_wait_until (label_says, &wait, 30000));
  wd_test_rewrap (GTK_WINDOW (window), view, gtk_widget_get_width (GTK_WIDGET (window)) > 900 ? 680 : 980);
  gtk_widget_activate_action_variant (GTK_WIDGET (window), "win.find-previous", NULL);
  check_match_shown (bar, view, "2000 of 2000", "harbour log");

  wd_test_destroy_window (window);
  /* The next windows open as wide as before. */
  g_settings_reset (wd_application_get_settings (app), "window-width");
}

static gboolean
context_counted (gpointer bar)
{
  return gtk_source_search_context_get_occurrences_count (wd_search_bar_get_context (bar)) >= 0;
}

/* Replace All past multi-byte characters: case folded beyond ASCII, whole
 * words bounded by letters with accents, the text around kept byte for
 * byte, one undo step. */
static void
test_replace_all_unicode (void)
{
  g_autoptr(WdArticle) article = make_article ();
  g_autofree char *replaced = NULL;
  g_autofree char *undone = NULL;
  const char *body = "Ärger über Fähren: ÜBER die Fähren, überall. Ça über‑quert «über».";
  GtkSourceSearchSettings *settings;
  WdSearchBar *bar;
  GtkTextBuffer *buffer;
  GtkEditable *with;
  WdWindow *window;

  if (!wd_test_have_display (app))
    return;

  wd_article_set_body (article, body);
  window = wd_test_window_with (app, article);
  bar = wd_test_find_child (GTK_WIDGET (window), WD_TYPE_SEARCH_BAR, NULL);
  buffer = gtk_text_view_get_buffer (wd_test_find_child (GTK_WIDGET (window), GTK_SOURCE_TYPE_VIEW, NULL));

  gtk_widget_activate_action_variant (GTK_WIDGET (window), "win.find-replace", NULL);
  settings = gtk_source_search_context_get_settings (wd_search_bar_get_context (bar));
  gtk_source_search_settings_set_search_text (settings, "über");
  gtk_source_search_settings_set_at_word_boundaries (settings, TRUE);
  g_assert_true (wd_test_wait_until (context_counted, bar, 5000));
  with = replace_entry (bar);
  gtk_editable_set_text (with, "on");

  g_assert_cmpuint (wd_search_bar_replace_all (bar), ==, 4);
  replaced = wd_test_buffer_text (buffer);
  g_assert_cmpstr (replaced, ==, "Ärger on Fähren: on die Fähren, überall. Ça on‑quert «on».");
  gtk_text_buffer_undo (buffer);
  undone = wd_test_buffer_text (buffer);
  g_assert_cmpstr (undone, ==, body);

  gtk_widget_activate_action (GTK_WIDGET (bar), "search.close", NULL);
  wd_test_destroy_window (window);
}

static gboolean
draft_saved (gpointer data)
{
  return *(gboolean *) data;
}

static void
draft_save_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      data)
{
  g_assert_true (wd_draft_store_save_finish (WD_DRAFT_STORE (object), result, NULL));
  *(gboolean *) data = TRUE;
}

static guint
count_windows (void)
{
  return g_list_length (gtk_application_get_windows (GTK_APPLICATION (app)));
}

/* Defect 5: a draft of a file open in a clean window is recovered into
 * that window, not into a second one beside it. */
static void
test_recover_into_open_window (void)
{
  g_autoptr(WdArticle) article = make_article ();
  g_autoptr(WdArticle) edited = make_article ();
  g_autoptr(GBytes) saved = NULL;
  g_autoptr(GBytes) draft = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;
  g_autofree char *uri = NULL;
  g_autofree char *id = g_uuid_string_random ();
  g_autoptr(GFile) file = NULL;
  WdDraftInfo info = { 0 };
  GPtrArray *orphans;
  WdWindow *window;
  gboolean done = FALSE;
  guint windows;

  if (!wd_test_have_display (app))
    return;

  orphans = wd_application_get_orphans (app);
  g_assert_nonnull (orphans);

  dir = wd_test_make_tmpdir ();
  path = g_build_filename (dir, "ferries.wiredesk", NULL);
  file = g_file_new_for_path (path);
  uri = g_file_get_uri (file);
  saved = wd_native_format_serialize (article);
  g_assert_true (g_file_set_contents (path, g_bytes_get_data (saved, NULL), g_bytes_get_size (saved), NULL));

  /* What the crashed session had typed into that file's document. */
  wd_article_set_headline (edited, "Night ferries halted: the draft's words");
  draft = wd_native_format_serialize (edited);
  wd_draft_store_save_async (wd_application_get_draft_store (app), id, draft, uri, NULL,
                             "Night ferries halted: the draft's words", NULL, draft_save_cb, &done);
  g_assert_true (wd_test_wait_until (draft_saved, &done, 5000));
  info.id = id;
  info.file_uri = uri;
  info.title = (char *) "Night ferries halted: the draft's words";
  g_ptr_array_add (orphans, wd_draft_info_copy (&info));

  /* Started with the file: a clean window on it, then the offer. */
  wd_application_open_file (app, file, NULL);
  window = wd_test_find_window (WD_TYPE_WINDOW);
  g_assert_nonnull (window);
  g_assert_true (wd_test_wait_until (wd_test_window_idle, window, 5000));
  windows = count_windows ();

  g_assert_cmpuint (wd_application_recover_orphans (app, GTK_WINDOW (window)), ==, 1);
  g_assert_cmpuint (count_windows (), ==, windows);
  g_assert_cmpstr (wd_article_get_headline (wd_window_get_article (window)), ==,
                   "Night ferries halted: the draft's words");
  g_assert_true (wd_window_get_modified (window));
  g_assert_true (g_file_equal (wd_window_get_file (window), file));

  wd_test_destroy_window (window);
  wd_test_rmdir_r (dir);
}

int
main (int   argc,
      char *argv[])
{
  char *data_home = wd_test_ui_init (&argc, &argv, &app);

  g_test_add_func ("/editor/export/format-decides", test_export_format_decides);
  g_test_add_func ("/editor/export/names", test_export_names);
  g_test_add_func ("/editor/window-size-setting", test_window_size_setting);
  g_test_add_func ("/editor/source-labels", test_source_labels);
  g_test_add_func ("/editor/chip-health", test_chip_health);
  g_test_add_func ("/editor/headline-wraps", test_headline_wraps);
  g_test_add_func ("/editor/desk-note-tab", test_desk_note_tab);
  g_test_add_func ("/editor/undo-add-sources", test_undo_add_sources);
  g_test_add_func ("/editor/dialog-list-aligned", test_dialog_list_aligned);
  g_test_add_func ("/editor/find-replace", test_find_replace);
  g_test_add_func ("/editor/find-far-down", test_find_far_down);
  g_test_add_func ("/editor/replace-all-unicode", test_replace_all_unicode);
  g_test_add_func ("/editor/recover-into-open-window", test_recover_into_open_window);

  return wd_test_ui_finish (g_test_run (), &app, data_home);
}

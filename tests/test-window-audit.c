/* The provenance audit in the editor window: the header's badge, the
 * Audit page, citing sources, removing a cited source and asking before
 * export. Driven through the real widgets and actions. */
#include "config.h"

#include <gtksourceview/gtksource.h>
#include <string.h>

#include "wd-audit-panel.h"
#include "wd-body-view.h"
#include "wd-cite-popover.h"
#include "wd-finding-row.h"
#include "wd-sources-pane.h"
#include "wd-test-util.h"
#include "wd-test-window.h"
#include "wd-window.h"

static WdApplication *app;
static char *tmpdir;

static const char body_text[] =
  "Night ferries were suspended on 3 November 2026 after cracks were found.\n"
  "\n"
  "Day crossings continue on the two unaffected ships.\n"
  "\n"
  "## What comes next\n"
  "\n"
  "A repair estimate is due within two weeks.";

/* ---------------------------------------------------------------- helpers */

/* An article with three unchecked sources and the body above, with
 * @extra appended as a last paragraph when given. */
static WdArticle *
make_article (const char *extra)
{
  static const char * const urls[] = {
    "https://press.port-ellery.example/statement",
    "https://www.reuters.com/world/port-ellery-ferries",
    "https://t.me/kesselfish/4417",
  };
  WdArticle *article = wd_article_new ();
  g_autofree char *body = extra ? g_strconcat (body_text, "\n\n", extra, NULL) : g_strdup (body_text);

  wd_article_set_headline (article, "Night ferries halted");
  wd_article_set_dateline (article, "PORT ELLERY, 3 November 2026");
  wd_article_set_body (article, body);
  for (guint i = 0; i < G_N_ELEMENTS (urls); i++)
    g_assert_nonnull (wd_article_add_source_url (article, urls[i], NULL));
  wd_source_set_label (wd_article_get_source (article, 0), "Harbour authority statement");
  wd_source_set_label (wd_article_get_source (article, 1), "Wire report");

  return article;
}

static GtkLabel *
badge_label (WdWindow *window)
{
  GtkWidget *badge = wd_test_find_child (GTK_WIDGET (window), GTK_TYPE_BUTTON, "audit-badge");

  g_assert_nonnull (badge);
  return wd_test_find_child (badge, GTK_TYPE_LABEL, NULL);
}

/* What the badge must say for the window's document as it is now: the
 * most serious finding of a fresh audit, as the core puts it. */
static char *
expected_badge (WdWindow *window)
{
  g_autoptr(WdAudit) audit = wd_audit_new ();
  g_autofree char *summary = NULL;

  wd_audit_run (audit, wd_window_get_article (window));
  summary = wd_audit_dup_headline (audit);

  return g_steal_pointer (&summary);
}

static gboolean
badge_current (gpointer data)
{
  g_autofree char *expected = expected_badge (data);

  return g_str_equal (gtk_label_get_text (badge_label (data)), expected);
}

/* Opens @article from a file, as a person would. */
static WdWindow *
load_article (WdArticle *article)
{
  g_autoptr(GBytes) bytes = wd_native_format_serialize (article);
  g_autofree char *name = g_strdup_printf ("article-%u.wiredesk", g_random_int ());
  g_autofree char *path = g_build_filename (tmpdir, name, NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  WdWindow *window = wd_window_new (app);

  g_assert_true (g_file_set_contents (path, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes), NULL));
  gtk_window_present (GTK_WINDOW (window));
  wd_window_load_file (window, file);
  g_assert_true (wd_test_wait_until (wd_test_window_idle, window, 5000));

  return window;
}

/* The same, and waits for its audit. */
static WdWindow *
open_article (WdArticle *article)
{
  WdWindow *window = load_article (article);

  g_assert_true (wd_test_wait_until (badge_current, window, 3000));
  return window;
}

static GtkTextView *
get_view (WdWindow *window)
{
  return wd_test_find_child (GTK_WIDGET (window), GTK_SOURCE_TYPE_VIEW, NULL);
}

static GtkTextBuffer *
get_body (WdWindow *window)
{
  return gtk_text_view_get_buffer (get_view (window));
}

static WdSourcesPane *
get_pane (WdWindow *window)
{
  return wd_test_find_child (GTK_WIDGET (window), WD_TYPE_SOURCES_PANE, NULL);
}

/* Puts the cursor right after the first @needle in the body. */
static void
cursor_after (WdWindow   *window,
              const char *needle)
{
  GtkTextBuffer *buffer = get_body (window);
  g_autofree char *text = wd_test_buffer_text (buffer);
  const char *at = strstr (text, needle);
  GtkTextIter iter;

  g_assert_nonnull (at);
  gtk_text_buffer_get_iter_at_offset (buffer, &iter,
                                      g_utf8_pointer_to_offset (text, at + strlen (needle)));
  gtk_text_buffer_place_cursor (buffer, &iter);
}

static char *
marker_of (WdArticle *article,
           guint      position)
{
  return wd_citations_format_marker (wd_source_get_id (wd_article_get_source (article, position)));
}

/* The position in the audit page's list of the first finding with @code
 * (and @paragraph, unless -1). */
static guint
find_finding (GtkListView   *list,
              WdFindingCode  code,
              int            paragraph)
{
  GListModel *model = G_LIST_MODEL (gtk_list_view_get_model (list));

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(WdFinding) finding = g_list_model_get_item (model, i);

      if (wd_finding_get_code (finding) == code &&
          (paragraph < 0 || wd_finding_get_paragraph (finding) == paragraph))
        return i;
    }

  g_assert_not_reached ();
  return 0;
}

static GtkListView *
show_audit_page (WdWindow *window)
{
  WdAuditPanel *panel = wd_test_find_child (GTK_WIDGET (window), WD_TYPE_AUDIT_PANEL, NULL);

  gtk_widget_activate_action_variant (GTK_WIDGET (window), "win.show-audit", NULL);
  wd_test_spin (100);
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (panel)));

  return wd_test_find_child (GTK_WIDGET (panel), GTK_TYPE_LIST_VIEW, NULL);
}

/* ------------------------------------------------------------------ tests */

/* The badge says what the core says, and follows the text: a citation
 * typed into an uncited paragraph changes it without any other step. */
static void
test_badge_follows_citations (void)
{
  g_autoptr(WdArticle) article = NULL;
  g_autofree char *before = NULL;
  g_autofree char *marker = NULL;
  GtkTextBuffer *buffer;
  GtkWidget *badge;
  WdWindow *window;
  GtkTextIter end;

  if (!wd_test_have_display (app))
    return;

  article = make_article (NULL);
  window = open_article (article);
  before = g_strdup (gtk_label_get_text (badge_label (window)));
  /* The most serious finding leads, and how many more follow. */
  g_test_message ("badge: %s", before);
  g_assert_true (g_str_has_prefix (before, "“Harbour authority statement” has not been checked yet · "));
  g_assert_true (g_str_has_suffix (before, " more"));

  /* Icon and words, and a tooltip with the counts: never colour alone. */
  badge = wd_test_find_child (GTK_WIDGET (window), GTK_TYPE_BUTTON, "audit-badge");
  g_assert_true (gtk_widget_has_css_class (badge, "warning"));
  g_assert_nonnull (gtk_widget_get_tooltip_text (badge));
  g_assert_true (g_str_has_prefix (gtk_widget_get_tooltip_text (badge), "Provenance: "));
  g_assert_nonnull (strstr (gtk_widget_get_tooltip_text (badge), "warning"));

  /* Typed, not synced by hand: the throttled audit catches up. */
  buffer = get_body (window);
  marker = marker_of (wd_window_get_article (window), 1);
  cursor_after (window, "cracks were found.");
  gtk_text_buffer_get_iter_at_mark (buffer, &end, gtk_text_buffer_get_insert (buffer));
  gtk_text_buffer_insert_interactive (buffer, &end, marker, -1, TRUE);

  g_assert_true (wd_test_wait_until (badge_current, window, 3000));
  g_assert_cmpstr (gtk_label_get_text (badge_label (window)), !=, before);

  /* A citation of no source is an error, and the badge turns red. */
  gtk_text_buffer_get_end_iter (buffer, &end);
  gtk_text_buffer_insert_interactive (buffer, &end, "[^no-such-source]", -1, TRUE);
  g_assert_true (wd_test_wait_until (badge_current, window, 3000));
  g_assert_true (g_str_has_prefix (gtk_label_get_text (badge_label (window)),
                                   "The citation [^no-such-source] names no source of this article"));
  g_assert_nonnull (strstr (gtk_widget_get_tooltip_text (badge), "1 error"));
  g_assert_true (gtk_widget_has_css_class (badge, "error"));
  g_assert_false (gtk_widget_has_css_class (badge, "warning"));

  wd_test_destroy_window (window);
}

static void
check_selection_is (WdWindow   *window,
                    const char *expected)
{
  GtkTextIter start, end;
  g_autofree char *selected = NULL;

  g_assert_true (gtk_text_buffer_get_selection_bounds (get_body (window), &start, &end));
  selected = gtk_text_iter_get_text (&start, &end);
  g_assert_cmpstr (selected, ==, expected);
}

/* Activating a finding shows what it points at: a paragraph is selected
 * in the body, a source's row gets the focus on the Sources page. */
static void
test_activate_finding (void)
{
  g_autoptr(WdArticle) article = NULL;
  g_autoptr(GArray) paragraphs = NULL;
  g_autofree char *paragraph = NULL;
  const WdParagraph *p;
  AdwViewStack *stack;
  GtkListView *list;
  GtkWidget *focus;
  WdWindow *window;

  if (!wd_test_have_display (app))
    return;

  article = make_article ("Passengers were told on 2 November 2026.");
  window = open_article (article);
  list = show_audit_page (window);
  stack = wd_test_find_child (GTK_WIDGET (window), ADW_TYPE_VIEW_STACK, NULL);
  g_assert_cmpstr (adw_view_stack_get_visible_child_name (stack), ==, "audit");

  /* The second paragraph cites nothing: its finding selects it. */
  wd_citations_scan (wd_article_get_body (wd_window_get_article (window)), &paragraphs, NULL);
  p = &g_array_index (paragraphs, WdParagraph, 1);
  paragraph = g_strndup (wd_article_get_body (wd_window_get_article (window)) + p->start, p->end - p->start);
  g_assert_cmpstr (paragraph, ==, "Day crossings continue on the two unaffected ships.");

  g_signal_emit_by_name (list, "activate", find_finding (list, WD_FINDING_CODE_UNCITED_PARAGRAPH, 1));
  check_selection_is (window, paragraph);
  g_assert_true (gtk_root_get_focus (GTK_ROOT (window)) == GTK_WIDGET (get_view (window)));

  /* After an edit before it, the next audit's range still selects it. */
  cursor_after (window, "after cracks");
  gtk_text_buffer_insert_at_cursor (get_body (window), " in two hulls", -1);
  g_assert_true (wd_test_wait_until (badge_current, window, 3000));
  g_signal_emit_by_name (list, "activate", find_finding (list, WD_FINDING_CODE_UNCITED_PARAGRAPH, 1));
  check_selection_is (window, paragraph);

  /* A source never checked: its row on the Sources page. */
  g_signal_emit_by_name (list, "activate", find_finding (list, WD_FINDING_CODE_UNCHECKED, -1));
  g_assert_cmpstr (adw_view_stack_get_visible_child_name (stack), ==, "sources");
  focus = gtk_root_get_focus (GTK_ROOT (window));
  g_assert_true (focus == wd_sources_pane_get_row (get_pane (window),
                                                   wd_article_get_source (wd_window_get_article (window), 0)));

  wd_test_destroy_window (window);
}

/* The paragraph of the last finding with @code in the audit page's list
 * (-1: none yet). */
static int
last_paragraph (GtkListView   *list,
                WdFindingCode  code)
{
  GListModel *model = G_LIST_MODEL (gtk_list_view_get_model (list));
  int last = -1;

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(WdFinding) finding = g_list_model_get_item (model, i);

      if (wd_finding_get_code (finding) == code)
        last = MAX (last, wd_finding_get_paragraph (finding));
    }
  return last;
}

#define FAR_DOWN_PARAGRAPHS 6000

static gboolean
far_down_audited (gpointer list)
{
  /* After the body's own paragraphs, the added ones and the last. */
  return last_paragraph (list, WD_FINDING_CODE_UNCITED_PARAGRAPH) > FAR_DOWN_PARAGRAPHS;
}

/* The finding in paragraph @paragraph chosen: that paragraph is selected
 * in the body, which has the focus and shows it, and the view stays there
 * once every line is laid out. */
static void
choose_far_finding (WdWindow    *window,
                    GtkListView *list,
                    int          paragraph,
                    const char  *expected)
{
  g_signal_emit_by_name (list, "activate", find_finding (list, WD_FINDING_CODE_UNCITED_PARAGRAPH, paragraph));
  check_selection_is (window, expected);
  g_assert_true (gtk_root_get_focus (GTK_ROOT (window)) == GTK_WIDGET (get_view (window)));
  g_assert_true (wd_test_wait_until (wd_test_cursor_in_sight, get_view (window), 10000));
  wd_test_wait_laid_out (get_view (window), 3);
  g_assert_true (wd_test_cursor_in_sight (get_view (window)));
}

/* A 1 MB body in paragraphs: its findings chosen as soon as the audit
 * has them, the last one, then — right after the window's width changed
 * and every line is being laid out again — one half way up. A plain
 * gtk_text_view_scroll_to_mark() leaves the view where it was in the
 * second case. */
static void
test_finding_far_down (void)
{
  g_autoptr(GString) extra = g_string_new (NULL);
  g_autoptr(WdArticle) article = NULL;
  g_autofree char *middle = NULL;
  const char *last = "The last ferry left the quay after midnight with every berth taken.";
  GtkListView *list;
  WdWindow *window;

  if (!wd_test_have_display (app))
    return;

  for (guint i = 1; i <= FAR_DOWN_PARAGRAPHS; i++)
    g_string_append_printf (extra, "Note %u from the harbour log: the quay was quiet and the tugs stayed "
                            "in their berths all afternoon while the inspectors went from hull to hull.\n\n", i);
  g_string_append (extra, last);
  article = make_article (extra->str);
  window = load_article (article);
  /* Wide: the side pane beside the text in both widths below. */
  wd_test_rewrap (GTK_WINDOW (window), get_view (window), 980);
  list = show_audit_page (window);
  g_assert_true (wd_test_wait_until (far_down_audited, list, 30000));

  choose_far_finding (window, list, last_paragraph (list, WD_FINDING_CODE_UNCITED_PARAGRAPH), last);
  wd_test_save_png (GTK_WIDGET (window), "audit-finding-far-down.png");

  /* Paragraph 3000 (from 0) is note 2998: the body's own three come first. */
  middle = g_strdup_printf ("Note %u from the harbour log: the quay was quiet and the tugs stayed in their "
                            "berths all afternoon while the inspectors went from hull to hull.",
                            FAR_DOWN_PARAGRAPHS / 2 - 2);
  wd_test_rewrap (GTK_WINDOW (window), get_view (window), 680);
  choose_far_finding (window, list, FAR_DOWN_PARAGRAPHS / 2, middle);
  wd_test_save_png (GTK_WIDGET (window), "audit-finding-rewrapped.png");

  wd_test_destroy_window (window);
  /* The next windows open as wide as before. */
  g_settings_reset (wd_application_get_settings (app), "window-width");
}

static gboolean
popover_shown (gpointer data)
{
  return gtk_widget_get_mapped (data);
}

static gboolean
popover_hidden (gpointer data)
{
  return !gtk_widget_get_visible (data);
}

static guint
count_list_rows (GtkListBox *list)
{
  guint n = 0;

  while (gtk_list_box_get_row_at_index (list, n) != NULL)
    n++;

  return n;
}

typedef struct
{
  GtkListBox *list;
  guint       rows;
} RowWait;

static gboolean
has_rows (gpointer data)
{
  RowWait *wait = data;

  return count_list_rows (wait->list) == wait->rows;
}

/* Ctrl+K: a searchable list of the sources; Enter cites the match at the
 * cursor, through the core's helper, and the marker shows as a chip. */
static void
test_cite_source (void)
{
  g_autoptr(WdArticle) article = NULL;
  g_autofree char *marker = NULL;
  g_autofree char *expected = NULL;
  g_autofree char *text = NULL;
  g_autofree char *again = NULL;
  g_auto(GStrv) accels = NULL;
  GtkTextTag *chip;
  GtkTextIter iter;
  GtkWidget *popover;
  GtkEditable *search;
  RowWait wait;
  WdWindow *window;

  if (!wd_test_have_display (app))
    return;

  accels = gtk_application_get_accels_for_action (GTK_APPLICATION (app), "win.cite");
  g_assert_true (g_strv_contains ((const char * const *) accels, "<Control>k"));

  article = make_article (NULL);
  window = open_article (article);
  marker = marker_of (wd_window_get_article (window), 1);
  cursor_after (window, "two unaffected ships.");

  gtk_widget_activate_action_variant (GTK_WIDGET (window), "win.cite", NULL);
  popover = wd_test_find_child (GTK_WIDGET (window), WD_TYPE_CITE_POPOVER, NULL);
  g_assert_nonnull (popover);
  g_assert_true (wd_test_wait_until (popover_shown, popover, 2000));

  /* Every source at first; the search narrows them to the wire report. */
  wait.list = wd_test_find_child (popover, GTK_TYPE_LIST_BOX, NULL);
  wait.rows = 3;
  g_assert_true (wd_test_wait_until (has_rows, &wait, 2000));
  search = wd_test_find_child (popover, GTK_TYPE_SEARCH_ENTRY, NULL);
  gtk_editable_set_text (search, "REUTERS");
  wait.rows = 1;
  g_assert_true (wd_test_wait_until (has_rows, &wait, 2000));
  gtk_editable_set_text (search, "nothing like it");
  wait.rows = 0;
  g_assert_true (wd_test_wait_until (has_rows, &wait, 2000));
  gtk_editable_set_text (search, "wire");
  wait.rows = 1;
  g_assert_true (wd_test_wait_until (has_rows, &wait, 2000));

  g_signal_emit_by_name (search, "activate");
  g_assert_true (wd_test_wait_until (popover_hidden, popover, 2000));

  text = wd_test_buffer_text (get_body (window));
  expected = g_strconcat ("two unaffected ships.", marker, "\n", NULL);
  g_assert_nonnull (strstr (text, expected));

  /* The same source again at the same place: nothing doubles. */
  cursor_after (window, "two unaffected ships.");
  gtk_widget_activate_action_variant (GTK_WIDGET (window), "win.cite-source",
                                  g_variant_new_string (wd_source_get_id (wd_article_get_source (wd_window_get_article (window), 1))));
  again = wd_test_buffer_text (get_body (window));
  g_assert_cmpstr (again, ==, text);

  /* Once audited, the marker is a chip: numbered 1 (the first source
   * cited), the source's id folded away while the cursor is elsewhere… */
  g_assert_true (wd_test_wait_until (badge_current, window, 3000));
  wd_test_spin (100);
  chip = gtk_text_tag_table_lookup (gtk_text_buffer_get_tag_table (get_body (window)), "wd-citation");
  g_assert_nonnull (chip);
  gtk_text_buffer_get_iter_at_offset (get_body (window), &iter,
                                      g_utf8_pointer_to_offset (text, strstr (text, marker) + 3));
  g_assert_true (gtk_text_iter_has_tag (&iter, chip));
  g_assert_cmpuint (wd_body_view_get_number (WD_BODY_VIEW (get_view (window)), wd_source_get_id (wd_article_get_source (wd_window_get_article (window), 1))), ==, 1);
  g_assert_cmpuint (wd_body_view_get_number (WD_BODY_VIEW (get_view (window)), wd_source_get_id (wd_article_get_source (wd_window_get_article (window), 0))), ==, 0);
  g_assert_true (wd_body_view_is_folded_at (WD_BODY_VIEW (get_view (window)), &iter));

  /* …and shown as its text, to be edited, with the cursor in it. */
  gtk_text_buffer_place_cursor (get_body (window), &iter);
  g_assert_false (wd_body_view_is_folded_at (WD_BODY_VIEW (get_view (window)), &iter));
  cursor_after (window, "Night ferries");
  gtk_text_buffer_get_iter_at_offset (get_body (window), &iter,
                                      g_utf8_pointer_to_offset (text, strstr (text, marker) + 3));
  g_assert_true (wd_body_view_is_folded_at (WD_BODY_VIEW (get_view (window)), &iter));

  /* No sources: Ctrl+K explains instead of showing an empty list. */
  for (guint n = wd_article_get_n_sources (wd_window_get_article (window)); n > 0; n--)
    wd_article_remove_source (wd_window_get_article (window), wd_article_get_source (wd_window_get_article (window), 0));
  gtk_widget_activate_action_variant (GTK_WIDGET (window), "win.cite", NULL);
  wd_test_spin (100);
  g_assert_false (gtk_widget_get_visible (popover));

  wd_test_destroy_window (window);
}

/* Removing a cited source asks: its citations go too (Undo brings back
 * both), or stay and point nowhere. */
static void
test_remove_cited_source (void)
{
  g_autoptr(WdArticle) article = NULL;
  g_autoptr(WdSource) wire = NULL;
  g_autofree char *id = NULL;
  g_autofree char *marker = NULL;
  g_autofree char *extra = NULL;
  g_autofree char *original = NULL;
  g_autofree char *trimmed = NULL;
  g_autofree char *after = NULL;
  g_autofree char *restored = NULL;
  WdArticle *doc;
  WdWindow *window;

  if (!wd_test_have_display (app))
    return;

  article = make_article (NULL);
  id = g_strdup (wd_source_get_id (wd_article_get_source (article, 1)));
  marker = wd_citations_format_marker (id);
  /* Cited twice, once next to another citation. */
  extra = g_strdup_printf ("Crews confirmed it.%s [^%s] Later, more.%s",
                           marker, wd_source_get_id (wd_article_get_source (article, 0)), marker);
  wd_article_set_body (article, extra);
  window = open_article (article);
  doc = wd_window_get_article (window);
  wire = g_object_ref (wd_article_find_source_by_id (doc, id));
  original = wd_test_buffer_text (get_body (window));

  /* Remove, and the citations too. */
  gtk_widget_activate_action (GTK_WIDGET (get_pane (window)), "source.remove", "s", id);
  g_assert_true (wd_test_wait_until (wd_test_dialog_shown, NULL, 2000));
  g_assert_nonnull (wd_article_find_source_by_id (doc, id));
  wd_test_respond (wd_test_find_dialog (), "remove-citations");

  g_assert_null (wd_article_find_source_by_id (doc, id));
  trimmed = wd_citations_remove_source (original, id, NULL);
  after = wd_test_buffer_text (get_body (window));
  g_assert_cmpstr (after, ==, trimmed);
  g_assert_null (strstr (after, marker));

  /* Undo: the source where it was, every citation back in place. */
  gtk_widget_activate_action_variant (GTK_WIDGET (window), "win.undo-remove-source", g_variant_new_string (id));
  g_assert_true (wd_article_get_source (doc, 1) == wire);
  restored = wd_test_buffer_text (get_body (window));
  g_assert_cmpstr (restored, ==, original);
  g_assert_true (wd_test_wait_until (badge_current, window, 3000));

  /* Keep the citations: they stay, and the audit has an error. */
  g_clear_pointer (&after, g_free);
  gtk_widget_activate_action (GTK_WIDGET (get_pane (window)), "source.remove", "s", id);
  g_assert_true (wd_test_wait_until (wd_test_dialog_shown, NULL, 2000));
  wd_test_respond (wd_test_find_dialog (), "keep");
  g_assert_null (wd_article_find_source_by_id (doc, id));
  after = wd_test_buffer_text (get_body (window));
  g_assert_cmpstr (after, ==, original);
  g_assert_true (wd_test_wait_until (badge_current, window, 3000));
  g_assert_nonnull (strstr (gtk_widget_get_tooltip_text (wd_test_find_child (GTK_WIDGET (window), GTK_TYPE_BUTTON,
                                                                              "audit-badge")), "error"));
  gtk_widget_activate_action_variant (GTK_WIDGET (window), "win.undo-remove-source", g_variant_new_string (id));
  g_assert_true (wd_article_get_source (doc, 1) == wire);

  /* Cancel keeps everything. */
  gtk_widget_activate_action (GTK_WIDGET (get_pane (window)), "source.remove", "s", id);
  g_assert_true (wd_test_wait_until (wd_test_dialog_shown, NULL, 2000));
  wd_test_respond (wd_test_find_dialog (), "cancel");
  g_assert_true (wd_article_get_source (doc, 1) == wire);

  wd_test_destroy_window (window);
}

static GtkWidget *
find_file_chooser (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) w = g_list_model_get_item (toplevels, i);

      if (GTK_IS_FILE_CHOOSER (w) && gtk_widget_get_visible (GTK_WIDGET (w)))
        return GTK_WIDGET (w);
    }

  return NULL;
}

static gboolean
chooser_shown (gpointer unused)
{
  return find_file_chooser () != NULL;
}

static gboolean
nothing_shown (gpointer unused)
{
  return find_file_chooser () == NULL && wd_test_find_dialog () == NULL;
}

static void
close_file_chooser (void)
{
  gtk_dialog_response (GTK_DIALOG (find_file_chooser ()), GTK_RESPONSE_CANCEL);
  g_assert_true (wd_test_wait_until (nothing_shown, NULL, 2000));
}

/* Export… with errors in the audit lists them and asks first. */
static void
test_export_asks (void)
{
  g_autoptr(WdArticle) article = NULL;
  const char *body;
  AdwMessageDialog *dialog;
  AdwViewStack *stack;
  WdWindow *window;

  if (!wd_test_have_display (app))
    return;

  article = make_article ("Nobody knows where this comes from.[^gone-source]");
  window = open_article (article);
  stack = wd_test_find_child (GTK_WIDGET (window), ADW_TYPE_VIEW_STACK, NULL);

  /* Cancel: no file chooser, nothing written. */
  gtk_widget_activate_action_variant (GTK_WIDGET (window), "win.export", NULL);
  g_assert_true (wd_test_wait_until (wd_test_dialog_shown, NULL, 2000));
  dialog = wd_test_find_dialog ();
  body = adw_message_dialog_get_body (dialog);
  g_assert_nonnull (strstr (body, "1 error"));
  /* The errors are listed under it, aligned to the start. */
  g_assert_nonnull (strstr (gtk_label_get_text (GTK_LABEL (adw_message_dialog_get_extra_child (dialog))),
                            "gone-source"));
  g_assert_true (adw_message_dialog_has_response (dialog, "continue"));
  wd_test_respond (dialog, "cancel");
  g_assert_true (wd_test_wait_until (nothing_shown, NULL, 2000));
  wd_test_spin (200);
  g_assert_null (find_file_chooser ());

  /* Show Findings: the Audit page, no export. */
  gtk_widget_activate_action_variant (GTK_WIDGET (window), "win.export", NULL);
  g_assert_true (wd_test_wait_until (wd_test_dialog_shown, NULL, 2000));
  wd_test_respond (wd_test_find_dialog (), "review");
  g_assert_cmpstr (adw_view_stack_get_visible_child_name (stack), ==, "audit");
  g_assert_true (wd_test_wait_until (nothing_shown, NULL, 2000));

  /* Export Anyway: on to the file chooser. */
  gtk_widget_activate_action_variant (GTK_WIDGET (window), "win.export", NULL);
  g_assert_true (wd_test_wait_until (wd_test_dialog_shown, NULL, 2000));
  wd_test_respond (wd_test_find_dialog (), "continue");
  g_assert_true (wd_test_wait_until (chooser_shown, NULL, 3000));
  close_file_chooser ();

  /* Without errors, no question: straight to the file chooser. */
  {
    GtkTextBuffer *buffer = get_body (window);
    g_autofree char *text = wd_test_buffer_text (buffer);
    g_autofree char *fixed = wd_citations_remove_source (text, "gone-source", NULL);

    gtk_text_buffer_set_text (buffer, fixed, -1);
  }
  gtk_widget_activate_action_variant (GTK_WIDGET (window), "win.export", NULL);
  g_assert_true (wd_test_wait_until (chooser_shown, NULL, 3000));
  g_assert_null (wd_test_find_dialog ());
  close_file_chooser ();

  wd_test_destroy_window (window);
}

/* A moved source: the finding's button attaches the new address, the
 * toast's Undo the old one. */
static void
test_moved_source_fix (void)
{
  static const char moved[] = "https://www.reuters.com/world/europe/port-ellery-ferries-2026-11-03/";
  g_autoptr(WdArticle) article = NULL;
  g_autoptr(WdCheckResult) check = wd_check_result_new (WD_CHECK_STATUS_REDIRECTED);
  g_autofree char *old = NULL;
  GtkListView *list;
  GtkWidget *fix = NULL;
  WdSource *wire;
  WdWindow *window;

  if (!wd_test_have_display (app))
    return;

  article = make_article (NULL);
  wire = wd_article_get_source (article, 1);
  old = g_strdup (wd_source_get_url (wire));
  wd_check_result_set_http_status (check, 200);
  wd_check_result_set_redirects (check, 1);
  wd_check_result_set_text (check, "final-url", moved);
  wd_check_result_set_text (check, "canonical", moved);
  wd_check_result_set_text (check, "checked-at", "2026-11-03T19:00:00Z");
  wd_source_set_check (wire, check);

  window = open_article (article);
  wire = wd_article_get_source (wd_window_get_article (window), 1);
  list = show_audit_page (window);
  find_finding (list, WD_FINDING_CODE_MOVED_SOURCE, -1);

  /* The row with the fix shows its button. */
  for (GtkWidget *w = gtk_widget_get_first_child (GTK_WIDGET (list)); w && fix == NULL; w = gtk_widget_get_next_sibling (w))
    {
      WdFindingRow *row = wd_test_find_child (w, WD_TYPE_FINDING_ROW, NULL);

      if (row != NULL && wd_finding_row_get_finding (row) != NULL &&
          wd_finding_get_code (wd_finding_row_get_finding (row)) == WD_FINDING_CODE_MOVED_SOURCE)
        fix = wd_finding_row_get_fix (row);
    }
  g_assert_nonnull (fix);

  g_signal_emit_by_name (fix, "clicked");
  g_assert_cmpstr (wd_source_get_url (wire), ==, moved);
  g_assert_true (wd_window_get_modified (window));
  g_assert_true (wd_test_wait_until (badge_current, window, 3000));

  gtk_widget_activate_action_variant (GTK_WIDGET (window), "win.use-replacement",
                                  g_variant_new ("(ss)", wd_source_get_id (wire), old));
  g_assert_cmpstr (wd_source_get_url (wire), ==, old);

  wd_test_destroy_window (window);
}

static gboolean
weak_ref_cleared (gpointer data)
{
  g_autoptr(GObject) object = g_weak_ref_get (data);

  return object == NULL;
}

static gboolean
no_windows (gpointer data)
{
  return gtk_application_get_windows (GTK_APPLICATION (data)) == NULL;
}

/* Closing a window with an audit and a citation scan under way: their
 * results land on a window that is gone, and nothing breaks: the window
 * is really gone (no late result keeps it alive), and the next window's
 * audit still reports. */
static void
test_close_while_auditing (void)
{
  g_autoptr(WdArticle) article = NULL;
  WdWindow *window;
  GtkTextIter end;

  if (!wd_test_have_display (app))
    return;

  article = make_article (NULL);
  for (guint i = 0; i < 5; i++)
    {
      GWeakRef gone;

      window = open_article (article);
      g_weak_ref_init (&gone, window);
      gtk_text_buffer_get_end_iter (get_body (window), &end);
      gtk_text_buffer_insert_interactive (get_body (window), &end, " More words.", -1, TRUE);
      /* The audit starts with the window's next idle… */
      gtk_widget_activate_action_variant (GTK_WIDGET (window), "win.show-audit", NULL);
      wd_test_spin (i * 60);
      /* …and the window goes while it runs (or before it starts). */
      gtk_window_destroy (GTK_WINDOW (window));
      g_assert_true (wd_test_wait_until (no_windows, app, 3000));
      g_assert_true (wd_test_wait_until (weak_ref_cleared, &gone, 5000));
      g_weak_ref_clear (&gone);
    }

  /* The audit machinery still works after all that. */
  window = open_article (article);
  g_assert_true (wd_test_wait_until (badge_current, window, 3000));
  wd_test_destroy_window (window);
}

static gboolean
has_chips (gpointer data)
{
  GtkTextBuffer *buffer = get_body (data);
  GtkTextTag *chip = gtk_text_tag_table_lookup (gtk_text_buffer_get_tag_table (buffer), "wd-citation");
  GtkTextIter end;

  /* The last paragraph's citation is tagged: the whole body was scanned. */
  gtk_text_buffer_get_end_iter (buffer, &end);
  gtk_text_iter_backward_chars (&end, 3);
  return gtk_text_iter_has_tag (&end, chip);
}

/* Typing in a 1 MB body with a citation in every paragraph: the audit,
 * the citation scan and the chips keep up without slowing the keys. */
static void
test_large_cited_body (void)
{
  g_autoptr(WdArticle) article = NULL;
  g_autoptr(GString) big = g_string_sized_new (1100 * 1024);
  GtkTextBuffer *buffer;
  WdWindow *window;
  gint64 start, elapsed, small_elapsed;
  const guint keystrokes = 200;
  guint paragraphs = 0;

  if (!wd_test_have_display (app))
    return;

  article = make_article (NULL);
  while (big->len < 1024 * 1024)
    {
      g_autofree char *m = marker_of (article, paragraphs++ % 3);

      for (guint i = 0; i < 8; i++)
        g_string_append (big, "The night ferries stay in port while engineers inspect the hulls. ");
      g_string_append_printf (big, "%s\n\n", m);
    }
  g_string_truncate (big, big->len - 2);
  wd_article_set_body (article, big->str);

  {
    g_autoptr(GBytes) bytes = wd_native_format_serialize (article);
    g_autofree char *path = g_build_filename (tmpdir, "large.wiredesk", NULL);
    g_autoptr(GFile) file = g_file_new_for_path (path);

    g_assert_true (g_file_set_contents (path, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes), NULL));
    window = wd_window_new (app);
    gtk_window_present (GTK_WINDOW (window));
    start = g_get_monotonic_time ();
    wd_window_load_file (window, file);
    g_assert_true (wd_test_wait_until (has_chips, window, 60000));
    g_test_message ("loaded, and every citation a chip, %.0f ms after the load began",
                    (g_get_monotonic_time () - start) / 1000.0);
  }
  buffer = get_body (window);

  elapsed = wd_test_type_keys (buffer, 600000, "y", keystrokes, TRUE);

  /* The same typing in a 4 KB body, side by side: a loaded machine slows
   * both alike; a whole-body rescan per key would not. */
  {
    g_autoptr(WdArticle) short_article = make_article (NULL);
    g_autofree char *short_body = g_strndup (big->str, 4096);
    WdWindow *small;
    GtkTextBuffer *small_buffer;

    wd_article_set_body (short_article, short_body);
    small = open_article (short_article);
    small_buffer = get_body (small);
    small_elapsed = wd_test_type_keys (small_buffer, 2000, "y", keystrokes, TRUE);
    wd_test_destroy_window (small);
  }

  g_test_message ("%u keystrokes in a 1 MB body with %u citations: %.2f ms each (with layout, drawing, "
                  "audits and chips); %.2f ms in 4 KB", keystrokes, paragraphs,
                  elapsed / 1000.0, small_elapsed / 1000.0);
  g_assert_cmpint (elapsed, <, 10 * small_elapsed + 20 * 1000);

  /* The audit caught up with the typing. */
  g_assert_true (wd_test_wait_until (badge_current, window, 5000));

  wd_test_destroy_window (window);
}

int
main (int   argc,
      char *argv[])
{
  char *data_home = wd_test_ui_init (&argc, &argv, &app);
  int ret;

  tmpdir = wd_test_make_tmpdir ();

  g_test_add_func ("/window-audit/badge-follows-citations", test_badge_follows_citations);
  g_test_add_func ("/window-audit/activate-finding", test_activate_finding);
  g_test_add_func ("/window-audit/finding-far-down", test_finding_far_down);
  g_test_add_func ("/window-audit/cite-source", test_cite_source);
  g_test_add_func ("/window-audit/remove-cited-source", test_remove_cited_source);
  g_test_add_func ("/window-audit/export-asks", test_export_asks);
  g_test_add_func ("/window-audit/moved-source-fix", test_moved_source_fix);
  g_test_add_func ("/window-audit/close-while-auditing", test_close_while_auditing);
  g_test_add_func ("/window-audit/large-cited-body", test_large_cited_body);

  ret = g_test_run ();

  wd_test_rmdir_r (tmpdir);
  g_free (tmpdir);

  return wd_test_ui_finish (ret, &app, data_home);
}

/* The Preview page (issue 18), driven through the real window: not built
 * at start-up, the body with citations numbered in body order, the source
 * list in that order, text from pages shown as written (never as markup),
 * following edits while shown and not while hidden. */
#include "config.h"

#include <gtksourceview/gtksource.h>
#include <string.h>

#include "wd-preview-block.h"
#include "wd-preview-page.h"
#include "wd-test-util.h"
#include "wd-test-window.h"
#include "wd-window-private.h"

static WdApplication *app;

/* ---------------------------------------------------------------- helpers */

typedef struct
{
  WdArticle *article;
  WdSource  *wire;       /* cited second */
  WdSource  *page;       /* cited first; its page title holds markup */
} Story;

static void
story_init (Story *story)
{
  g_autoptr(WdCheckResult) check = wd_check_result_new (WD_CHECK_STATUS_OK);
  g_autofree char *body = NULL;

  story->article = wd_article_new ();
  wd_article_set_headline (story->article, "Night ferries <i>halted</i>");
  wd_article_set_standfirst (story->article, "Two of four vessels are out of service.");
  wd_article_set_byline (story->article, "Ann Lee");
  wd_article_set_dateline (story->article, "PORT ELLERY");
  story->wire = wd_article_add_source_url (story->article, "https://wire.example/ferries", NULL);
  wd_source_set_label (story->wire, "Wire report");
  story->page = wd_article_add_source_url (story->article, "https://harbour.example/notice", NULL);
  /* A title as a hostile page might send it. */
  wd_check_result_set_text (check, "title", "Harbour <b>notice</b> & <span foreground=\"red\">alert</span>");
  wd_source_set_check (story->page, check);

  body = g_strdup_printf ("Crossings stopped.[^%s] The wire confirmed it.[^%s]\n\n"
                          "## Next\n\n"
                          "- Repairs take *two* weeks.[^%s]\n",
                          wd_source_get_id (story->page), wd_source_get_id (story->wire),
                          wd_source_get_id (story->page));
  wd_article_set_body (story->article, body);
}

static void
story_clear (Story *story)
{
  g_clear_object (&story->article);
}

static WdPreviewPage *
preview_of (WdWindow *window)
{
  return wd_test_find_child (GTK_WIDGET (window), WD_TYPE_PREVIEW_PAGE, NULL);
}

typedef struct
{
  WdPreviewPage *page;
  guint          renders;
} RenderWait;

static gboolean
rendered_past (gpointer data)
{
  RenderWait *wait = data;

  return wd_preview_page_get_renders (wait->page) > wait->renders;
}

static WdPreviewPage *
show_preview (WdWindow *window)
{
  RenderWait wait = { NULL, 0 };

  adw_flap_set_reveal_flap (window->flap, TRUE);
  adw_view_stack_set_visible_child_name (window->side_stack, "preview");
  wait.page = preview_of (window);
  g_assert_nonnull (wait.page);
  g_assert_true (wd_test_wait_until (rendered_past, &wait, 10000));

  return wait.page;
}

/* The texts of the visible labels under @widget, in order, one a line. */
static void
collect_text (GtkWidget *widget,
              GString   *out)
{
  if (!gtk_widget_get_visible (widget))
    return;
  if (GTK_IS_LABEL (widget))
    {
      g_string_append (out, gtk_label_get_text (GTK_LABEL (widget)));
      g_string_append_c (out, '\n');
    }
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
    collect_text (child, out);
}

static char *
page_text (WdPreviewPage *page)
{
  GString *out = g_string_new (NULL);

  collect_text (GTK_WIDGET (page), out);
  return g_string_free (out, FALSE);
}

typedef struct
{
  WdPreviewPage *page;
  const char    *text;
} TextWait;

static gboolean
page_shows (gpointer data)
{
  TextWait *wait = data;
  g_autofree char *text = page_text (wait->page);

  return strstr (text, wait->text) != NULL;
}

/* ------------------------------------------------------------------ tests */

/* Start-up builds no preview: the page exists once it is chosen. */
static void
test_preview_lazy (void)
{
  Story story;
  WdWindow *window;

  if (!wd_test_have_display (app))
    return;

  story_init (&story);
  window = wd_test_window_with (app, story.article);
  adw_flap_set_reveal_flap (window->flap, TRUE);
  wd_test_spin (200);
  g_assert_null (preview_of (window));
  g_assert_null (adw_bin_get_child (window->preview_bin));

  /* Other pages do not build it either. */
  adw_view_stack_set_visible_child_name (window->side_stack, "details");
  adw_view_stack_set_visible_child_name (window->side_stack, "audit");
  g_assert_null (preview_of (window));

  show_preview (window);
  g_assert_nonnull (preview_of (window));
  g_assert_true (wd_preview_page_get_article (preview_of (window)) == story.article);

  wd_test_destroy_window (window);
  story_clear (&story);
}

/* The article as published: the header, citations numbered in the order
 * the body cites them, the source list in that order, the names as
 * written. */
static void
test_preview_content (void)
{
  g_autofree char *text = NULL;
  WdPreviewPage *page;
  const char *first, *second, *list, *one, *two;
  Story story;
  WdWindow *window;

  if (!wd_test_have_display (app))
    return;

  story_init (&story);
  window = wd_test_window_with (app, story.article);
  page = show_preview (window);
  text = page_text (page);
  g_test_message ("%s", text);

  /* The header as plain text: the headline's "<i>" is shown, not applied. */
  g_assert_nonnull (strstr (text, "Night ferries <i>halted</i>\n"));
  g_assert_nonnull (strstr (text, "Two of four vessels are out of service.\n"));
  g_assert_nonnull (strstr (text, "Ann Lee · PORT ELLERY\n"));

  /* The page cited first is [1], the wire [2]; [1] again in the list item;
   * the markers never show. */
  g_assert_nonnull (strstr (text, "Crossings stopped.[1] The wire confirmed it.[2]\n"));
  g_assert_nonnull (strstr (text, "Next\n"));
  g_assert_nonnull (strstr (text, "•\nRepairs take two weeks.[1]\n"));
  g_assert_null (strstr (text, "[^"));

  /* The source list after the body, in citation order, the page's title
   * with its markup shown as text. */
  first = strstr (text, "Crossings stopped.");
  second = strstr (text, "Repairs take");
  list = strstr (text, "Sources\n");
  g_assert_nonnull (list);
  g_assert_true (first < second && second < list);
  one = strstr (list, "[1]\nHarbour <b>notice</b> & <span foreground=\"red\">alert</span>\n");
  two = strstr (list, "[2]\nWire report\n");
  g_assert_nonnull (one);
  g_assert_nonnull (two);
  g_assert_true (one < two);

  wd_test_destroy_window (window);
  story_clear (&story);
}

/* Shown, the page follows the body as it is typed and the header as it
 * is edited; hidden, it does not render until shown again. */
static void
test_preview_follows_edits (void)
{
  GtkTextBuffer *buffer;
  GtkTextIter end;
  WdPreviewPage *page;
  RenderWait rendered;
  TextWait wait;
  Story story;
  WdWindow *window;
  guint renders;

  if (!wd_test_have_display (app))
    return;

  story_init (&story);
  window = wd_test_window_with (app, story.article);
  page = show_preview (window);

  buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (window->body));
  gtk_text_buffer_get_end_iter (buffer, &end);
  gtk_text_buffer_insert (buffer, &end, "\nA *new* paragraph.\n", -1);
  wait = (TextWait) { page, "A new paragraph.\n" };
  g_assert_true (wd_test_wait_until (page_shows, &wait, 10000));

  wd_article_set_headline (story.article, "Ferries back in service");
  wait.text = "Ferries back in service\n";
  g_assert_true (wd_test_wait_until (page_shows, &wait, 10000));

  /* Hidden: edits wait. */
  adw_view_stack_set_visible_child_name (window->side_stack, "sources");
  wd_test_spin (100);
  renders = wd_preview_page_get_renders (page);
  wd_article_set_standfirst (story.article, "All four vessels sail again.");
  wd_test_spin (800);
  g_assert_cmpuint (wd_preview_page_get_renders (page), ==, renders);

  /* Shown again: up to date. */
  adw_view_stack_set_visible_child_name (window->side_stack, "preview");
  rendered = (RenderWait) { page, renders };
  g_assert_true (wd_test_wait_until (rendered_past, &rendered, 10000));
  wait.text = "All four vessels sail again.\n";
  g_assert_true (page_shows (&wait));

  wd_test_destroy_window (window);
  story_clear (&story);
}

/* The list's items; the preview's list view is its only one. */
static GListModel *
items_of (WdPreviewPage *page)
{
  GtkListView *list = wd_test_find_child (GTK_WIDGET (page), GTK_TYPE_LIST_VIEW, NULL);

  g_assert_nonnull (list);
  return G_LIST_MODEL (gtk_list_view_get_model (list));
}

static gboolean
filling (gpointer data)
{
  WdPreviewPage *page = data;

  return g_list_model_get_n_items (items_of (page)) > 0;
}

/* @n paragraphs citing one source, in order, and nothing twice: the
 * header (caption, @headline, rule), the body, "Sources", the source. */
static void
assert_long_article (WdPreviewPage *page,
                     const char    *headline,
                     guint          n)
{
  GListModel *items = items_of (page);
  g_autoptr(WdPreviewBlock) title = g_list_model_get_item (items, 1);
  g_autoptr(WdPreviewBlock) last = NULL;

  g_assert_cmpuint (g_list_model_get_n_items (items), ==, 3 + n + 2);
  g_assert_cmpstr (wd_preview_block_get_block (title)->markup, ==, headline);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(WdPreviewBlock) item = g_list_model_get_item (items, 3 + i);
      g_autofree char *expected = g_strdup_printf ("Paragraph %u.", i);

      g_assert_true (g_str_has_prefix (wd_preview_block_get_block (item)->markup, expected));
    }
  last = g_list_model_get_item (items, 3 + n + 1);
  g_assert_cmpint (wd_preview_block_get_block (last)->kind, ==, WD_BODY_BLOCK_SOURCE);
}

/* A long article goes into the list a step per frame (no frame waits for
 * the ~200 rows GTK builds); all of it, once, in order; an edit while it
 * fills starts over from what is in, and only a full list counts as
 * rendered. */
static void
test_preview_long_article (void)
{
  g_autoptr(WdArticle) article = wd_article_new ();
  g_autoptr(GString) body = g_string_new (NULL);
  WdPreviewPage *page;
  RenderWait rendered;
  WdSource *source;
  WdWindow *window;
  const guint n = 1200;

  if (!wd_test_have_display (app))
    return;

  wd_article_set_headline (article, "Harbour log");
  source = wd_article_add_source_url (article, "https://wire.example/log", NULL);
  for (guint i = 0; i < n; i++)
    g_string_append_printf (body, "Paragraph %u. The harbour master wrote it down.[^%s]\n\n",
                            i, wd_source_get_id (source));
  wd_article_set_body (article, body->str);
  window = wd_test_window_with (app, article);

  adw_flap_set_reveal_flap (window->flap, TRUE);
  adw_view_stack_set_visible_child_name (window->side_stack, "preview");
  page = preview_of (window);
  g_assert_nonnull (page);
  g_assert_true (wd_test_wait_until (filling, page, 10000));
  g_assert_cmpuint (wd_preview_page_get_renders (page), ==, 0);
  g_assert_cmpuint (g_list_model_get_n_items (items_of (page)), <, 3 + n + 2);

  /* Edited before the list is full. */
  wd_article_set_headline (article, "Harbour log, revised");
  rendered = (RenderWait) { page, 0 };
  g_assert_true (wd_test_wait_until (rendered_past, &rendered, 20000));
  assert_long_article (page, "Harbour log, revised", n);
  /* The first filling never finished: it was overtaken. */
  g_assert_cmpuint (wd_preview_page_get_renders (page), ==, 1);

  wd_test_destroy_window (window);
}

int
main (int   argc,
      char *argv[])
{
  char *data_home = wd_test_ui_init (&argc, &argv, &app);

  g_test_add_func ("/preview/lazy", test_preview_lazy);
  g_test_add_func ("/preview/content", test_preview_content);
  g_test_add_func ("/preview/follows-edits", test_preview_follows_edits);
  g_test_add_func ("/preview/long-article", test_preview_long_article);

  return wd_test_ui_finish (g_test_run (), &app, data_home);
}

/* Spell-checking in the editor window (issue 18): underlines, what is
 * skipped, the context menu's suggestions, Add to Dictionary and Ignore,
 * the document's language and its override, the switch. The hunspell
 * dictionaries for English, German and French are dependencies
 * (build-aux/deps.txt): without them this fails, it does not skip. */
#include "config.h"

#include <string.h>

#include "wd-preferences-window.h"
#include "wd-spell-checker.h"
#include "wd-test-util.h"
#include "wd-test-window.h"
#include "wd-window-private.h"

static WdApplication *app;
static char *home;

/* ---------------------------------------------------------------- helpers */

static GtkTextView *
view_of (WdWindow *window,
         guint     i)
{
  GtkTextView *views[] = {
    GTK_TEXT_VIEW (window->headline), GTK_TEXT_VIEW (window->standfirst),
    GTK_TEXT_VIEW (window->body), window->desk_note,
  };

  g_assert (i < G_N_ELEMENTS (views));
  return views[i];
}

static GtkTextBuffer *
body_of (WdWindow *window)
{
  return gtk_text_view_get_buffer (GTK_TEXT_VIEW (window->body));
}

static gboolean
checked (gpointer data)
{
  WdWindow *window = data;

  for (guint i = 0; i < 4; i++)
    if (wd_spell_checker_is_busy (wd_spell_checker_get (view_of (window, i))))
      return FALSE;
  return TRUE;
}

static void
wait_checked (WdWindow *window)
{
  g_assert_true (wd_test_wait_until (checked, window, 10000));
}

/* The @n-th (from 0) occurrence of @word in @buffer. */
static void
find_word (GtkTextBuffer *buffer,
           const char    *word,
           guint          n,
           GtkTextIter   *start,
           GtkTextIter   *end)
{
  GtkTextIter from;

  gtk_text_buffer_get_start_iter (buffer, &from);
  for (guint i = 0; i <= n; i++)
    {
      if (!gtk_text_iter_forward_search (&from, word, GTK_TEXT_SEARCH_TEXT_ONLY, start, end, NULL))
        g_error ("“%s” is not in the text", word);
      from = *end;
    }
}

/* Whether the @n-th @word in @buffer is underlined as misspelled, all of it. */
static gboolean
flagged_nth (GtkTextBuffer *buffer,
             const char    *word,
             guint          n)
{
  GtkTextTag *tag = gtk_text_tag_table_lookup (gtk_text_buffer_get_tag_table (buffer), WD_SPELL_ERROR_TAG);
  GtkTextIter start, end;

  g_assert_nonnull (tag);
  find_word (buffer, word, n, &start, &end);
  for (GtkTextIter i = start; gtk_text_iter_compare (&i, &end) < 0; gtk_text_iter_forward_char (&i))
    if (!gtk_text_iter_has_tag (&i, tag))
      return FALSE;
  return TRUE;
}

static gboolean
flagged (GtkTextBuffer *buffer,
         const char    *word)
{
  return flagged_nth (buffer, word, 0);
}

static WdWindow *
window_with (WdArticle *article)
{
  WdWindow *window = wd_window_new (app);

  _wd_window_set_document (window, article, NULL, NULL);
  gtk_window_present (GTK_WINDOW (window));
  wait_checked (window);

  return window;
}

static WdArticle *
make_article (const char *language,
              const char *body)
{
  WdArticle *article = wd_article_new ();
  WdSource *source = wd_article_add_source_url (article, "https://t.me/kesselfish/4417", NULL);

  wd_source_set_label (source, "Kesselfish channel");
  wd_article_set_language (article, language);
  wd_article_set_body (article, body);

  return article;
}

static char *
menu_labels (GMenuModel *model)
{
  GString *out = g_string_new (NULL);

  for (int i = 0; i < g_menu_model_get_n_items (model); i++)
    {
      g_autoptr(GMenuModel) section = g_menu_model_get_item_link (model, i, G_MENU_LINK_SECTION);
      g_autofree char *label = NULL;

      if (section != NULL)
        {
          g_autofree char *inner = menu_labels (section);

          g_string_append_printf (out, "[%s]", inner);
        }
      else if (g_menu_model_get_item_attribute (model, i, G_MENU_ATTRIBUTE_LABEL, "s", &label))
        g_string_append_printf (out, "%s%s", out->len > 0 && out->str[out->len - 1] != '[' ? "|" : "", label);
    }

  return g_string_free (out, FALSE);
}

/* ------------------------------------------------------------------ tests */

/* A misspelled word is underlined in all four texts; addresses, capitals,
 * code, citation markers and the sources' names are not. */
static void
test_spell_underlines (void)
{
  g_autoptr(WdArticle) article =
    make_article ("en", "Night ferrys stopped, the NTSB said. See https://ferrys.example/recieved "
                        "or desk@ferrys.example.[^x] Run `ferrys --now` today.\n\n"
                        "Kesselfish confirmed it; Varnholt did not.");
  WdWindow *window;

  if (!wd_test_have_display (app))
    return;

  wd_article_set_headline (article, "Ferrys halted");
  wd_article_set_standfirst (article, "The crossings stop untill Friday");
  wd_article_set_desk_note (article, "Chek the hulls");
  window = window_with (article);

  g_assert_true (flagged (body_of (window), "ferrys"));
  g_assert_false (flagged (body_of (window), "Night"));
  g_assert_false (flagged (body_of (window), "NTSB"));
  g_assert_false (flagged_nth (body_of (window), "ferrys", 1));   /* in the URL */
  g_assert_false (flagged (body_of (window), "recieved"));        /* in the URL */
  g_assert_false (flagged_nth (body_of (window), "ferrys", 2));   /* e-mail */
  g_assert_false (flagged_nth (body_of (window), "ferrys", 3));   /* code span */
  g_assert_false (flagged (body_of (window), "Kesselfish"));      /* a source's name */
  g_assert_true (flagged (body_of (window), "Varnholt"));         /* nobody's */

  g_assert_true (flagged (gtk_text_view_get_buffer (view_of (window, 0)), "Ferrys"));
  g_assert_true (flagged (gtk_text_view_get_buffer (view_of (window, 1)), "untill"));
  g_assert_false (flagged (gtk_text_view_get_buffer (view_of (window, 1)), "Friday"));
  g_assert_true (flagged (gtk_text_view_get_buffer (view_of (window, 3)), "Chek"));

  /* an edit: the word is checked again */
  {
    GtkTextIter start, end;

    find_word (body_of (window), "ferrys", 0, &start, &end);
    gtk_text_buffer_delete (body_of (window), &start, &end);
    gtk_text_buffer_insert (body_of (window), &start, "ferries", -1);
    wait_checked (window);
    g_assert_false (flagged (body_of (window), "ferries"));
  }

  wd_test_destroy_window (window);
}

/* The word being typed is not underlined until it is finished. */
static void
test_spell_typing (void)
{
  g_autoptr(WdArticle) article = make_article ("en", "Night ");
  GtkTextBuffer *buffer;
  GtkTextIter end;
  WdWindow *window;

  if (!wd_test_have_display (app))
    return;

  window = window_with (article);
  buffer = body_of (window);
  gtk_text_buffer_get_end_iter (buffer, &end);
  gtk_text_buffer_place_cursor (buffer, &end);

  for (const char *p = "ferrys"; *p; p++)
    {
      gtk_text_buffer_insert_interactive_at_cursor (buffer, p, 1, TRUE);
      wait_checked (window);
    }
  g_assert_false (flagged (buffer, "ferrys"));
  gtk_text_buffer_insert_interactive_at_cursor (buffer, " ", 1, TRUE);
  wait_checked (window);
  g_assert_true (flagged (buffer, "ferrys"));

  /* leaving the word with the cursor flags it too */
  gtk_text_buffer_insert_interactive_at_cursor (buffer, "stoped", -1, TRUE);
  for (const char *p = "x"; *p; p++)
    gtk_text_buffer_insert_interactive_at_cursor (buffer, p, 1, TRUE);
  wait_checked (window);
  g_assert_false (flagged (buffer, "stopedx"));
  gtk_text_buffer_get_start_iter (buffer, &end);
  gtk_text_buffer_place_cursor (buffer, &end);
  wait_checked (window);
  g_assert_true (flagged (buffer, "stopedx"));

  wd_test_destroy_window (window);
}

/* Right-click on a misspelled word: its suggestions; choosing one
 * replaces the word, and one Undo brings it back. */
static void
test_spell_suggestion (void)
{
  g_autoptr(WdArticle) article = make_article ("en", "The crews recieved the order.");
  g_autofree char *word = NULL;
  g_autofree char *labels = NULL;
  g_autofree char *text = NULL;
  GtkTextIter start, end;
  WdSpellChecker *checker;
  GtkTextBuffer *buffer;
  WdWindow *window;

  if (!wd_test_have_display (app))
    return;

  window = window_with (article);
  buffer = body_of (window);
  checker = wd_spell_checker_get (GTK_TEXT_VIEW (window->body));
  g_assert_true (flagged (buffer, "recieved"));

  /* a word spelled right: no suggestions, no Add or Ignore */
  find_word (buffer, "crews", 0, &start, &end);
  g_assert_null (wd_spell_checker_prepare_menu (checker, &start));
  labels = menu_labels (wd_spell_checker_get_menu (checker));
  g_assert_null (strstr (labels, "Add to Dictionary"));
  g_clear_pointer (&labels, g_free);

  find_word (buffer, "recieved", 0, &start, &end);
  gtk_text_iter_forward_chars (&start, 3);
  word = wd_spell_checker_prepare_menu (checker, &start);
  g_assert_cmpstr (word, ==, "recieved");
  labels = menu_labels (wd_spell_checker_get_menu (checker));
  g_assert_true (g_str_has_prefix (labels, "[received|"));
  g_assert_nonnull (strstr (labels, "[_Add to Dictionary|_Ignore]"));
  g_assert_nonnull (strstr (labels, "_Check Spelling"));

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window->body), "spell.replace", "s", "received"));
  text = wd_test_buffer_text (buffer);
  g_assert_cmpstr (text, ==, "The crews received the order.");
  wait_checked (window);
  g_assert_false (flagged (buffer, "received"));

  g_assert_true (gtk_text_buffer_get_can_undo (buffer));
  gtk_text_buffer_undo (buffer);
  g_clear_pointer (&text, g_free);
  text = wd_test_buffer_text (buffer);
  g_assert_cmpstr (text, ==, "The crews recieved the order.");
  gtk_text_buffer_undo (buffer);
  g_clear_pointer (&text, g_free);
  text = wd_test_buffer_text (buffer);
  g_assert_cmpstr (text, ==, "The crews recieved the order.");   /* nothing older: loading is not undone */

  wd_test_destroy_window (window);
}

/* Add to Dictionary: enchant's personal word list (under the temporary
 * XDG_CONFIG_HOME), for every document. Ignore: this document only. */
static void
test_spell_add_and_ignore (void)
{
  g_autoptr(WdArticle) article = make_article ("en", "Varnholt met Quillbrook at the pier.");
  g_autoptr(WdArticle) other_article = make_article ("en-US", "Varnholt met Quillbrook again.");
  g_autofree char *path = g_build_filename (home, "config", "enchant", "en_US.dic", NULL);
  g_autofree char *contents = NULL;
  GtkTextIter start, end;
  WdSpellChecker *checker;
  WdWindow *window, *other;

  if (!wd_test_have_display (app))
    return;

  window = window_with (article);
  checker = wd_spell_checker_get (GTK_TEXT_VIEW (window->body));
  g_assert_true (flagged (body_of (window), "Varnholt"));
  g_assert_true (flagged (body_of (window), "Quillbrook"));

  find_word (body_of (window), "Varnholt", 0, &start, &end);
  g_free (wd_spell_checker_prepare_menu (checker, &end));   /* just after the word */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window->body), "spell.add", NULL));
  wait_checked (window);
  g_assert_false (flagged (body_of (window), "Varnholt"));
  g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
  g_assert_nonnull (strstr (contents, "Varnholt\n"));

  find_word (body_of (window), "Quillbrook", 0, &start, &end);
  g_free (wd_spell_checker_prepare_menu (checker, &start));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window->body), "spell.ignore", NULL));
  wait_checked (window);
  g_assert_false (flagged (body_of (window), "Quillbrook"));

  other = window_with (other_article);
  g_assert_false (flagged (body_of (other), "Varnholt"));
  g_assert_true (flagged (body_of (other), "Quillbrook"));

  wd_test_destroy_window (other);
  wd_test_destroy_window (window);
}

static gboolean
flagged_word (gpointer data)
{
  gpointer *args = data;

  return flagged (body_of (args[0]), args[1]) == GPOINTER_TO_INT (args[2]);
}

static void
wait_flagged (WdWindow   *window,
              const char *word,
              gboolean    yes)
{
  gpointer args[] = { window, (gpointer) word, GINT_TO_POINTER (yes) };

  g_assert_true (wd_test_wait_until (flagged_word, args, 10000));
  wait_checked (window);
}

/* A long body: only what is shown is checked; scrolling checks the rest. */
static void
test_spell_visible_only (void)
{
  GString *body = g_string_new ("Night ferrys stopped.\n\n");
  g_autoptr(WdArticle) article = NULL;
  GtkTextIter end;
  WdWindow *window;

  if (!wd_test_have_display (app))
    return;

  for (guint i = 0; i < 3000; i++)
    g_string_append (body, "The crossings stay suspended while engineers inspect the hulls.\n\n");
  g_string_append (body, "Last line with a tipo.");
  article = make_article ("en", body->str);
  g_string_free (body, TRUE);

  window = window_with (article);
  g_assert_true (flagged (body_of (window), "ferrys"));
  g_assert_false (flagged (body_of (window), "tipo"));

  gtk_text_buffer_get_end_iter (body_of (window), &end);
  gtk_text_view_scroll_to_iter (GTK_TEXT_VIEW (window->body), &end, 0.0, FALSE, 0.0, 0.0);
  wait_flagged (window, "tipo", TRUE);

  wd_test_destroy_window (window);
}

/* The article's language chooses the dictionary; the menu's choice
 * overrides it for this document (kept in the settings by its id). */
static void
test_spell_language (void)
{
  g_autoptr(WdArticle) article =
    make_article ("en", "Die Fähre fährt nicht. The ferry stopped. La traversée est annulée.");
  g_autoptr(GSettings) settings = NULL;
  g_autoptr(GVariant) map = NULL;
  const char *chosen = NULL;
  WdWindow *window;

  if (!wd_test_have_display (app))
    return;

  settings = g_object_ref (wd_application_get_settings (app));
  window = window_with (article);
  g_assert_true (flagged (body_of (window), "Fähre"));
  g_assert_false (flagged (body_of (window), "ferry"));

  /* typed in Details: applied once the typing stops */
  gtk_editable_set_text (GTK_EDITABLE (window->language), "de-DE");
  wait_flagged (window, "ferry", TRUE);
  g_assert_false (flagged (body_of (window), "Fähre"));
  g_assert_cmpstr (wd_speller_get_dictionary (_wd_window_get_speller (window)), ==, "de_DE");

  /* the override: French for this document, the article stays German */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window->body), "spelling.language", "s", "fr_FR"));
  wait_flagged (window, "Fähre", TRUE);
  g_assert_false (flagged (body_of (window), "traversée"));
  g_assert_cmpstr (wd_article_get_language (article), ==, "de-DE");
  map = g_settings_get_value (settings, "spell-languages");
  g_assert_true (g_variant_lookup (map, wd_article_get_id (article), "&s", &chosen));
  g_assert_cmpstr (chosen, ==, "fr_FR");

  /* the article's language again */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window->body), "spelling.language", "s", ""));
  wait_flagged (window, "Fähre", FALSE);
  g_assert_true (flagged (body_of (window), "traversée"));
  g_clear_pointer (&map, g_variant_unref);
  map = g_settings_get_value (settings, "spell-languages");
  g_assert_false (g_variant_lookup (map, wd_article_get_id (article), "&s", &chosen));

  wd_test_destroy_window (window);
}

/* No dictionary for the language: no underlines, and the window says so. */
static void
test_spell_no_dictionary (void)
{
  g_autoptr(WdArticle) article = make_article ("sw", "Feri za usiku zimesimamishwa ferrys.");
  WdWindow *window;

  if (!wd_test_have_display (app))
    return;

  window = window_with (article);
  g_assert_null (wd_speller_get_dictionary (_wd_window_get_speller (window)));
  g_assert_false (flagged (body_of (window), "ferrys"));
  g_assert_true (gtk_info_bar_get_revealed (window->info_bar));
  g_assert_nonnull (strstr (gtk_label_get_text (window->info_label), "No spelling dictionary"));
  g_assert_nonnull (strstr (gtk_label_get_text (window->info_label), "“sw”"));

  /* a language with one: the note goes */
  gtk_editable_set_text (GTK_EDITABLE (window->language), "en");
  wait_flagged (window, "ferrys", TRUE);
  g_assert_false (gtk_info_bar_get_revealed (window->info_bar));

  wd_test_destroy_window (window);
}

/* Check Spelling off: no underlines anywhere; on again: back. */
static void
test_spell_switch (void)
{
  g_autoptr(WdArticle) article = make_article ("en", "Night ferrys stopped.");
  GSettings *settings;
  GtkWidget *prefs;
  GtkSwitch *toggle;
  WdWindow *window;

  if (!wd_test_have_display (app))
    return;

  settings = wd_application_get_settings (app);
  window = window_with (article);
  g_assert_true (flagged (body_of (window), "ferrys"));

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window->body), "spelling.enabled", NULL));
  g_assert_false (g_settings_get_boolean (settings, "spell-check"));
  g_assert_false (flagged (body_of (window), "ferrys"));
  gtk_text_buffer_insert_at_cursor (body_of (window), "Chek ", -1);
  wait_checked (window);
  g_assert_false (flagged (body_of (window), "Chek"));

  /* on again from Preferences → Writing → Check Spelling */
  prefs = GTK_WIDGET (wd_preferences_window_new (GTK_WINDOW (window), settings));
  toggle = wd_test_find_child (prefs, GTK_TYPE_SWITCH, NULL);
  g_assert_false (gtk_switch_get_active (toggle));
  gtk_switch_set_active (toggle, TRUE);
  g_assert_true (g_settings_get_boolean (settings, "spell-check"));
  wait_checked (window);
  g_assert_true (flagged (body_of (window), "ferrys"));
  g_assert_true (flagged (body_of (window), "Chek"));
  gtk_window_destroy (GTK_WINDOW (prefs));

  wd_test_destroy_window (window);
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *data_home = NULL;
  g_autofree char *config = NULL;
  int ret;

  /* Nothing real is touched: enchant's personal word list goes here. */
  home = wd_test_make_tmpdir ();
  data_home = g_build_filename (home, "data", NULL);
  config = g_build_filename (home, "config", NULL);
  g_setenv ("HOME", home, TRUE);
  g_setenv ("XDG_DATA_HOME", data_home, TRUE);
  g_setenv ("XDG_CONFIG_HOME", config, TRUE);
  g_unsetenv ("ENCHANT_CONFIG_DIR");

  g_test_init (&argc, &argv, NULL);

  app = wd_test_application ();

  g_test_add_func ("/spell-window/underlines", test_spell_underlines);
  g_test_add_func ("/spell-window/typing", test_spell_typing);
  g_test_add_func ("/spell-window/visible-only", test_spell_visible_only);
  g_test_add_func ("/spell-window/suggestion", test_spell_suggestion);
  g_test_add_func ("/spell-window/add-and-ignore", test_spell_add_and_ignore);
  g_test_add_func ("/spell-window/language", test_spell_language);
  g_test_add_func ("/spell-window/no-dictionary", test_spell_no_dictionary);
  g_test_add_func ("/spell-window/switch", test_spell_switch);

  ret = g_test_run ();

  g_clear_object (&app);
  wd_test_rmdir_r (home);
  g_free (home);

  return ret;
}

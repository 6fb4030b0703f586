/* What spell-checking looks at: the words of a text worth checking. */
#include "config.h"

#include <string.h>

#include "wiredesk-core.h"
#include "wd-spell-words.h"
#include "wd-speller.h"
#include "wd-test-util.h"

/* The words found in @text, joined by "|". */
static char *
words_of (const char *text,
          GHashTable *known)
{
  g_autoptr(GArray) words = wd_spell_words (text, 0, strlen (text), known);
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < words->len; i++)
    {
      const WdSpellWord *w = &g_array_index (words, WdSpellWord, i);

      if (i > 0)
        g_string_append_c (out, '|');
      g_string_append_len (out, text + w->start, w->end - w->start);
    }

  return g_string_free (out, FALSE);
}

static void
test_spell_words (void)
{
  static const struct { const char *text, *words; } cases[] = {
    { "Night ferrys stopped.", "Night|ferrys|stopped" },
    /* apostrophes inside words, quotes around them */
    { "The crew's 'own' l’homme don't", "The|crew's|own|l’homme|don't" },
    /* hyphens split */
    { "bus-and-boat", "bus|and|boat" },
    /* addresses are not words */
    { "See https://t.me/kesselfish/4417 or www.example.com now", "See|or|now" },
    { "Write to desk@port-ellery.example today", "Write|to|today" },
    { "A [link](https://news.example/a-b) here", "A|link|here" },
    /* citation markers, glued or not */
    { "Ferries stopped.[^3f2a9c04-source][^other] Then", "Ferries|stopped|Then" },
    /* code spans and fenced blocks */
    { "Run `wiredesk chekc` now", "Run|now" },
    { "Before\n```\nmispeled code\n```\nAfter", "Before|After" },
    /* capitals and digits */
    { "NATO and the MV Sella carried 1800 people on 3G", "and|the|Sella|carried|people|on" },
    { "Köln über Straße", "Köln|über|Straße" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *words = words_of (cases[i].text, NULL);

      g_assert_cmpstr (words, ==, cases[i].words);
    }
}

/* A part of a long text: whole words at its edges, and a fence opened
 * before it still counts. */
static void
test_spell_region (void)
{
  const char *text = "Alpha beta\n```\ncode here\nmore code\n```\ngamma delta";
  const char *inside = strstr (text, "more");
  g_autoptr(GArray) in_code = wd_spell_words (text, inside - text, inside - text + 4, NULL);
  const char *mid = strstr (text, "eta");
  g_autoptr(GArray) cut = wd_spell_words (text, mid - text, mid - text + 1, NULL);

  g_assert_cmpuint (in_code->len, ==, 0);
  /* the line of "beta": both its words, whole */
  g_assert_cmpuint (cut->len, ==, 2);
  g_assert_cmpuint (g_array_index (cut, WdSpellWord, 1).start, ==, (gsize) (strstr (text, "beta") - text));
  g_assert_cmpuint (g_array_index (cut, WdSpellWord, 1).end, ==, (gsize) (strstr (text, "beta") - text + 4));
}

/* The words an edit at [@from, @to) of @text touches, joined by "|". */
static char *
touched (const char *text,
         const char *from,
         const char *to)
{
  const char *start = strstr (text, from);
  const char *end = to != NULL ? strstr (text, to) : start;
  g_autoptr(GArray) words = wd_spell_words_touching (text, start - text, end - text, NULL);
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < words->len; i++)
    {
      const WdSpellWord *w = &g_array_index (words, WdSpellWord, i);

      g_string_append_printf (out, "%s%.*s", i > 0 ? "|" : "", (int) (w->end - w->start), text + w->start);
    }

  return g_string_free (out, FALSE);
}

/* What an edit looks at again: the words it touches, whole, with the
 * context of their line (code spans, links, citation markers) still
 * counted, and nothing of the rest of the paragraph. */
static void
test_spell_touching (void)
{
  const char *text = "One twoo three `four fiv` six [lnk](https://x.example/sevn) eigt.[^c] nine\nTen";
  static const struct { const char *from, *to, *words; } cases[] = {
    { "hree", "ee ", "three" },          /* inside a word: the whole word */
    { " three", NULL, "twoo" },          /* where a word ends */
    { "twoo three", " `", "twoo|three" },
    { "iv`", NULL, "" },                 /* in a code span */
    { "ix ", NULL, "six" },              /* after the span */
    { "nk]", NULL, "lnk" },              /* a link's words, */
    { "evn", NULL, "" },                 /* not its address */
    { "gt.", NULL, "eigt" },
    { "c] ", NULL, "" },                 /* a citation marker */
    { "\nTen", NULL, "nine" },           /* one line, not the next */
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *words = touched (text, cases[i].from, cases[i].to);

      g_assert_cmpstr (words, ==, cases[i].words);
    }
}

/* Names from the sources' titles and sites are known, in any case. */
static void
test_spell_known (void)
{
  g_autoptr(WdArticle) article = wd_article_new ();
  g_autoptr(WdCheckResult) check = wd_check_result_new (WD_CHECK_STATUS_OK);
  g_autoptr(GHashTable) known = NULL;
  g_autofree char *words = NULL;
  WdSource *source;

  source = wd_article_add_source_url (article, "https://t.me/kesselfish/4417", NULL);
  wd_source_set_label (source, "Kesselfish channel");
  wd_check_result_set_text (check, "title", "Corrigan and Sella out of service");
  wd_check_result_set_text (check, "site-name", "Ellery Times");
  wd_source_set_check (wd_article_add_source_url (article, "https://ellerytimes.example/a", NULL), check);

  known = wd_spell_known_words (article);
  words = words_of ("Kesselfish said the Corrigan and corrigan stay at Ellery; Karpathy left", known);
  g_assert_cmpstr (words, ==, "said|the|stay|at|Karpathy|left");
}

/* BCP 47 tags find the dictionary that serves them, or none. */
static void
test_spell_pick (void)
{
  static const char * const available[] = { "de_AT", "de_DE", "en_AU", "en_GB", "en_US", "fr", "fr_CA", "pt_BR", NULL };
  static const struct { const char *language, *dictionary; } cases[] = {
    { "en-GB", "en_GB" },
    { "en_gb", "en_GB" },
    { "en", "en_US" },            /* the language's main country */
    { "en-NZ", "en_US" },
    { "de", "de_DE" },
    { "de-AT", "de_AT" },
    { "de-CH", "de_DE" },
    { "fr-CA", "fr_CA" },
    { "fr-BE", "fr" },            /* the language alone */
    { "pt", "pt_BR" },            /* any dictionary of the language */
    { "sr-Latn-RS", NULL },
    { "zh-Hant-TW", NULL },
    { "sw", NULL },
    { "", NULL },
    { "x", NULL },
    { "e1-US", NULL },
    { "../../etc", NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *tag = wd_spell_pick_dictionary (cases[i].language, available);

      g_assert_cmpstr (tag, ==, cases[i].dictionary);
    }
  g_assert_null (wd_spell_pick_dictionary (NULL, available));
  g_assert_null (wd_spell_pick_dictionary ("en", NULL));
}

/* The dictionaries are dependencies (build-aux/deps.txt): English, German
 * and French must be there, or the spell-checking is not tested. */
static void
test_spell_dictionaries (void)
{
  g_auto(GStrv) tags = wd_spell_list_dictionaries ();
  static const char * const wanted[] = { "en_US", "de_DE", "fr_FR" };

  for (guint i = 0; i < G_N_ELEMENTS (wanted); i++)
    if (!g_strv_contains ((const char * const *) tags, wanted[i]))
      g_error ("no %s dictionary: install hunspell-en-us, hunspell-de-de and hunspell-fr "
               "(build-aux/deps.txt)", wanted[i]);
}

static void
test_spell_speller (void)
{
  g_autoptr(WdSpeller) speller = wd_speller_new ("en-US");
  g_auto(GStrv) suggestions = NULL;

  g_assert_cmpstr (wd_speller_get_dictionary (speller), ==, "en_US");
  g_assert_true (wd_speller_check (speller, "ferries", -1));
  g_assert_false (wd_speller_check (speller, "ferrys", -1));
  g_assert_true (wd_speller_check (speller, "ferries stopped", 7));
  g_assert_true (wd_speller_check (speller, "don't", -1));
  suggestions = wd_speller_suggest (speller, "recieved", 5);
  g_assert_cmpstr (suggestions[0], ==, "received");
  g_assert_cmpuint (g_strv_length (suggestions), <=, 5);

  /* German: "Fähre" is right there, not in English */
  wd_speller_set_language (speller, "de");
  g_assert_cmpstr (wd_speller_get_dictionary (speller), ==, "de_DE");
  g_assert_true (wd_speller_check (speller, "Fähre", -1));
  g_assert_false (wd_speller_check (speller, "ferries", -1));
  wd_speller_set_language (speller, "fr-FR");
  g_assert_true (wd_speller_check (speller, "traversée", -1));
  g_assert_false (wd_speller_check (speller, "Fähre", -1));
}

static void
count_changes (guint *n)
{
  (*n)++;
}

/* Ignore lasts for the speller (the document); Add to Dictionary writes
 * the personal word list under XDG_CONFIG_HOME, which main() made a
 * temporary directory. */
static void
test_spell_personal (void)
{
  g_autoptr(WdSpeller) speller = wd_speller_new ("en");
  g_autoptr(WdSpeller) other = wd_speller_new ("en-US");
  g_autoptr(WdSpeller) none = wd_speller_new ("sw");
  g_autofree char *path = g_build_filename (g_get_user_config_dir (), "enchant", "en_US.dic", NULL);
  g_autofree char *contents = NULL;
  g_auto(GStrv) nothing = NULL;
  guint changes = 0;

  g_signal_connect_swapped (speller, "changed", G_CALLBACK (count_changes), &changes);

  g_assert_false (wd_speller_check (speller, "Quillbrook", -1));
  wd_speller_ignore (speller, "Quillbrook");
  g_assert_true (wd_speller_check (speller, "Quillbrook", -1));
  g_assert_false (wd_speller_check (other, "Quillbrook", -1));
  g_assert_cmpuint (changes, ==, 1);

  g_assert_false (wd_speller_check (speller, "Varnholt", -1));
  wd_speller_add_to_dictionary (speller, "Varnholt");
  g_assert_true (wd_speller_check (speller, "Varnholt", -1));
  g_assert_true (wd_speller_check (other, "Varnholt", -1));
  g_assert_cmpuint (changes, ==, 2);
  g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
  g_assert_nonnull (strstr (contents, "Varnholt"));

  /* No dictionary for the language: every word passes, nothing suggested. */
  g_assert_null (wd_speller_get_dictionary (none));
  g_assert_true (wd_speller_check (none, "ferrys", -1));
  nothing = wd_speller_suggest (none, "ferrys", 5);
  g_assert_cmpuint (g_strv_length (nothing), ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *home = wd_test_make_tmpdir ();
  g_autofree char *config = g_build_filename (home, "config", NULL);
  int ret;

  /* Nothing real is touched: enchant's personal word lists go here. */
  g_setenv ("HOME", home, TRUE);
  g_setenv ("XDG_CONFIG_HOME", config, TRUE);
  g_unsetenv ("ENCHANT_CONFIG_DIR");

  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/spell/words", test_spell_words);
  g_test_add_func ("/spell/region", test_spell_region);
  g_test_add_func ("/spell/touching", test_spell_touching);
  g_test_add_func ("/spell/known", test_spell_known);
  g_test_add_func ("/spell/pick-dictionary", test_spell_pick);
  g_test_add_func ("/spell/dictionaries", test_spell_dictionaries);
  g_test_add_func ("/spell/speller", test_spell_speller);
  g_test_add_func ("/spell/personal", test_spell_personal);

  ret = g_test_run ();
  wd_test_rmdir_r (home);

  return ret;
}

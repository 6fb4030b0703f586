/* What spell-checking looks at: the words of a text worth checking. */
#include "config.h"

#include <string.h>

#include "wiredesk-core.h"
#include "wd-spell-words.h"

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

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/spell/words", test_spell_words);
  g_test_add_func ("/spell/region", test_spell_region);
  g_test_add_func ("/spell/known", test_spell_known);

  return g_test_run ();
}

/* Import of plain-text and Markdown syntheses. */
#include "config.h"

#include <string.h>

#include "wiredesk-core.h"
#include "wd-test-util.h"

/* The "## " headings of a body, in order. */
static GStrv
body_headings (WdArticle *article)
{
  g_auto(GStrv) lines = g_strsplit (wd_article_get_body (article), "\n", -1);
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  for (guint i = 0; lines[i] != NULL; i++)
    if (g_str_has_prefix (lines[i], "## "))
      g_strv_builder_add (builder, lines[i] + 3);

  return g_strv_builder_end (builder);
}

static void
assert_source (WdArticle    *article,
               guint         i,
               const char   *url,
               WdSourceKind  kind)
{
  WdSource *source = wd_article_get_source (article, i);

  g_assert_nonnull (source);
  g_assert_cmpstr (wd_source_get_url (source), ==, url);
  g_assert_cmpint (wd_source_get_kind (source), ==, kind);
}

/* The project's own article: eight sources of six kinds in three list
 * forms (bare, Markdown link, "Label — URL", <autolink>), four sections,
 * a desk note. Expectations are the article's text as written. */
static void
test_import_own_article (void)
{
  g_autofree char *path = wd_test_data_path (WD_TEST_ARTICLE);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) warnings = NULL;
  g_autoptr(WdArticle) article = NULL;
  g_auto(GStrv) headings = NULL;
  const char *expected_headings[] = {
    "How the Dispute Began",
    "What Is Stuck and Who Pays",
    "The Government Steps In",
    "What Comes Next",
    NULL
  };
  const char *body;

  article = wd_import_file (file, WD_IMPORT_FORMAT_AUTO, &warnings, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (warnings->len, ==, 0);

  g_assert_cmpstr (wd_article_get_headline (article), ==,
                   "Harbour Pilots Walk Out at Kestrel Bay, Stranding Forty Ships in the Roads");

  headings = body_headings (article);
  g_assert_cmpstrv (headings, expected_headings);

  body = wd_article_get_body (article);
  g_assert_true (g_str_has_prefix (body, "Kestrel Bay's harbour pilots stopped guiding ships"));
  g_assert_null (strstr (body, "Harbour Pilots Walk Out"));
  g_assert_null (strstr (body, "Desk note"));
  g_assert_null (strstr (body, "Wire provenance"));
  g_assert_null (strstr (body, "https://"));
  g_assert_null (strstr (body, "draws on the following"));
  /* paragraphs stay apart, a heading is a block of its own */
  g_assert_nonnull (strstr (body, "without one aboard.\n\n## How the Dispute Began\n\nThe quarrel"));
  g_assert_nonnull (strstr (body, "broke down.\n\nThe walkout is the first"));
  g_assert_true (g_str_has_suffix (body, "the first meeting under the mediator."));

  g_assert_cmpstr (wd_article_get_desk_note (article), ==,
                   "Wires framed this as a freight story. This synthesis leads with the safety "
                   "argument, since both near misses are on the record, and keeps the cost figure "
                   "attributed to freight agents because no source gives its own estimate.");

  g_assert_cmpuint (wd_article_get_n_sources (article), ==, 8);
  assert_source (article, 0, "https://www.reuters.com/world/europe/kestrel-bay-harbour-pilots-strike-2026-03-04/",
                 WD_SOURCE_KIND_WIRE);
  assert_source (article, 1, "https://www.kestrelbayport.co.uk/newsroom/2026/pilotage-update",
                 WD_SOURCE_KIND_OFFICIAL);
  g_assert_cmpstr (wd_source_get_label (wd_article_get_source (article, 1)), ==, "Port authority newsroom update");
  assert_source (article, 2, "https://www.gov.uk/government/news/kestrel-bay-pilotage-mediator",
                 WD_SOURCE_KIND_OFFICIAL);
  g_assert_cmpstr (wd_source_get_label (wd_article_get_source (article, 2)), ==, "Department for Transport statement");
  assert_source (article, 3, "https://mastodon.social/@kestrelpilots/112093847561234567", WD_SOURCE_KIND_SOCIAL);
  assert_source (article, 4, "https://bsky.app/profile/kestrel-dockers.bsky.social/post/3kmxq2abc7d2s",
                 WD_SOURCE_KIND_SOCIAL);
  g_assert_null (wd_source_get_label (wd_article_get_source (article, 4)));
  assert_source (article, 5, "https://www.theguardian.com/business/2026/mar/04/kestrel-bay-port-pilots-strike",
                 WD_SOURCE_KIND_NEWS);
  assert_source (article, 6, "https://en.wikipedia.org/wiki/Maritime_pilot", WD_SOURCE_KIND_REFERENCE);
  assert_source (article, 7, "https://shipping-notes.example.org/2026/03/kestrel-bay-anchorage",
                 WD_SOURCE_KIND_OTHER);
}

/* The thin article: "Sources:" as the list title, five posts. */
static void
test_import_thin_article (void)
{
  g_autofree char *path = wd_test_data_path (WD_TEST_ARTICLE_THIN);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) warnings = NULL;
  g_autoptr(WdArticle) article = NULL;

  article = wd_import_file (file, WD_IMPORT_FORMAT_AUTO, &warnings, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (warnings->len, ==, 0);
  g_assert_cmpuint (wd_article_get_n_sources (article), ==, 5);
  assert_source (article, 0, "https://t.me/skerryferries/4411", WD_SOURCE_KIND_SOCIAL);
  assert_source (article, 4, "https://en.wikipedia.org/wiki/Ferry", WD_SOURCE_KIND_REFERENCE);
  g_assert_null (strstr (wd_article_get_body (article), "Sources"));
  g_assert_true (g_str_has_prefix (wd_article_get_desk_note (article), "Every source so far"));
}

/* The team's shared example, when it sits beside the checkout. */
static void
test_import_shared_example (gconstpointer data)
{
  const char *path = data;
  g_autoptr(GFile) file = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) warnings = NULL;
  g_autoptr(WdArticle) article = NULL;
  g_auto(GStrv) headings = NULL;
  g_autofree char *text = NULL;
  g_autofree char *first_line = NULL;
  const char *expected_headings[] = {
    "Pre-Training as Strategic Territory",
    "What OpenAI Loses and Does Not Lose",
    "The Consolidation of a Specific AI Worldview",
    "Stakes and the Uncertain Horizon",
    NULL
  };
  const char *body;

  /* What the file itself says, so the test does not restate its text. */
  g_assert_true (g_file_get_contents (path, &text, NULL, NULL));
  first_line = g_strndup (text, strcspn (text, "\r\n"));

  file = g_file_new_for_path (path);
  article = wd_import_file (file, WD_IMPORT_FORMAT_AUTO, &warnings, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (warnings->len, ==, 0);

  g_assert_cmpstr (wd_article_get_headline (article), ==, first_line);

  headings = body_headings (article);
  g_assert_cmpstrv (headings, expected_headings);

  body = wd_article_get_body (article);
  /* The body starts with the first paragraph, not with the headline... */
  g_assert_false (g_str_has_prefix (body, first_line));
  g_assert_true (g_str_has_prefix (body, "Andrej Karpathy, a name"));
  /* ...holds neither the desk note nor the source list... */
  g_assert_null (strstr (body, "Desk note"));
  g_assert_null (strstr (body, "Wire provenance"));
  g_assert_null (strstr (body, "https://"));
  g_assert_null (strstr (body, "draws on the following"));
  /* ...and keeps paragraphs apart. */
  g_assert_nonnull (strstr (body, "victory lap. It was a structural signal.\n\n## Pre-Training"));
  g_assert_true (g_str_has_suffix (body, "takes time to read."));

  g_assert_true (g_str_has_prefix (wd_article_get_desk_note (article), "The wire services carried"));
  g_assert_true (g_str_has_suffix (wd_article_get_desk_note (article), "production detail."));

  g_assert_cmpuint (wd_article_get_n_sources (article), ==, 6);
  assert_source (article, 0, "https://t.me/producthunt/123456", WD_SOURCE_KIND_SOCIAL);
  assert_source (article, 1, "https://t.me/AngelList/789012", WD_SOURCE_KIND_SOCIAL);
  assert_source (article, 2, "https://t.me/techcrunch/345678", WD_SOURCE_KIND_SOCIAL);
  assert_source (article, 3, "https://en.wikipedia.org/wiki/Andrej_Karpathy", WD_SOURCE_KIND_REFERENCE);
  assert_source (article, 4, "https://en.wikipedia.org/wiki/Anthropic", WD_SOURCE_KIND_REFERENCE);
  assert_source (article, 5, "https://en.wikipedia.org/wiki/OpenAI", WD_SOURCE_KIND_REFERENCE);
}

/* The own article rewritten with CRLF, CR, a BOM, or blank lines between
 * paragraphs imports to the same article. */
static void
test_import_example_variants (void)
{
  g_autofree char *path = wd_test_data_path (WD_TEST_ARTICLE);
  g_autofree char *text = NULL;
  g_autoptr(WdArticle) reference = NULL;
  g_autoptr(GError) error = NULL;
  const char *variants[] = { "crlf", "bom", "blank-lines", "cr" };

  g_assert_true (g_file_get_contents (path, &text, NULL, NULL));
  reference = wd_import_text (text, -1, WD_IMPORT_FORMAT_TEXT, "ref.txt", NULL, &error);
  g_assert_no_error (error);

  for (guint v = 0; v < G_N_ELEMENTS (variants); v++)
    {
      g_auto(GStrv) lines = g_strsplit (text, "\n", -1);
      g_autofree char *variant = NULL;
      g_autoptr(WdArticle) article = NULL;

      if (g_str_equal (variants[v], "crlf"))
        variant = g_strjoinv ("\r\n", lines);
      else if (g_str_equal (variants[v], "cr"))
        variant = g_strjoinv ("\r", lines);
      else if (g_str_equal (variants[v], "blank-lines"))
        variant = g_strjoinv ("\n\n", lines);
      else
        variant = g_strconcat ("\xEF\xBB\xBF", text, NULL);

      g_test_message ("variant %s", variants[v]);
      article = wd_import_text (variant, -1, WD_IMPORT_FORMAT_AUTO, variants[v], NULL, &error);
      g_assert_no_error (error);
      g_assert_cmpstr (wd_article_get_headline (article), ==, wd_article_get_headline (reference));
      g_assert_cmpstr (wd_article_get_body (article), ==, wd_article_get_body (reference));
      g_assert_cmpstr (wd_article_get_desk_note (article), ==, wd_article_get_desk_note (reference));
      g_assert_cmpuint (wd_article_get_n_sources (article), ==, 8);
      g_assert_cmpstr (wd_source_get_label (wd_article_get_source (article, 2)), ==,
                       "Department for Transport statement");
    }
}

static void
test_import_question_headings (void)
{
  const char *text =
    "Who Runs the Night Ferries Now?\n"
    "The harbour authority halted night crossings on Tuesday after a survey found cracks.\n"
    "Why Were the Ships Taken Out?\n"
    "Engineers flagged hairline cracks near the propeller shafts of two vessels.\n"
    "What Happens Next?\n"
    "A repair estimate is expected within two weeks, the authority said.\n";
  const char *expected[] = { "Why Were the Ships Taken Out?", "What Happens Next?", NULL };
  g_autoptr(GError) error = NULL;
  g_autoptr(WdArticle) article = wd_import_text (text, -1, WD_IMPORT_FORMAT_TEXT, "q.txt", NULL, &error);
  g_auto(GStrv) headings = NULL;

  g_assert_no_error (error);
  g_assert_cmpstr (wd_article_get_headline (article), ==, "Who Runs the Night Ferries Now?");
  headings = body_headings (article);
  g_assert_cmpstrv (headings, expected);
  g_assert_cmpuint (wd_article_get_n_sources (article), ==, 0);
  g_assert_null (wd_article_get_desk_note (article));
}

static void
test_import_no_provenance_hard_wrapped (void)
{
  const char *text =
    "Ferries Halted\n"
    "\n"
    "Night crossings were suspended after a sonar survey\n"
    "found cracks in two hulls.\n"
    "\n"
    "What the survey found\n"
    "\n"
    "Hairline cracks near the propeller shafts, the authority said.\n"
    "\n"
    "- first point\n"
    "- second point\n";
  g_autoptr(GError) error = NULL;
  g_autoptr(WdArticle) article = wd_import_text (text, -1, WD_IMPORT_FORMAT_TEXT, "w.txt", NULL, &error);

  g_assert_no_error (error);
  g_assert_cmpstr (wd_article_get_body (article), ==,
                   "Night crossings were suspended after a sonar survey found cracks in two hulls.\n\n"
                   "## What the survey found\n\n"
                   "Hairline cracks near the propeller shafts, the authority said.\n\n"
                   "- first point\n- second point");
}

static void
test_import_markdown (void)
{
  const char *text =
    "# Ferries Halted After Sonar Finds Cracks\n"
    "\n"
    "Night crossings were *suspended* on Tuesday.\n"
    "A second line of the same paragraph.\n"
    "\n"
    "## What the survey found\n"
    "\n"
    "Cracks near the [shafts](https://example.com/shafts).\n"
    "\n"
    "**Desk note:** Made-up event.\n"
    "\n"
    "## Sources\n"
    "\n"
    "- [Authority statement](https://press.port.example/s/1)\n"
    "- <https://www.reuters.com/world/x>\n"
    "- https://t.me/kessel/4417\n"
    "- not a link at all\n"
    "- [Duplicate](https://t.me/kessel/4417)\n";
  const char *expected[] = { "What the survey found", NULL };
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) warnings = NULL;
  g_autoptr(WdArticle) article = wd_import_text (text, -1, WD_IMPORT_FORMAT_AUTO, "m.md", &warnings, &error);
  g_auto(GStrv) headings = NULL;

  g_assert_no_error (error);
  g_assert_cmpstr (wd_article_get_headline (article), ==, "Ferries Halted After Sonar Finds Cracks");
  headings = body_headings (article);
  g_assert_cmpstrv (headings, expected);
  g_assert_true (g_str_has_prefix (wd_article_get_body (article),
                                   "Night crossings were *suspended* on Tuesday.\nA second line"));
  g_assert_nonnull (strstr (wd_article_get_body (article), "[shafts](https://example.com/shafts)"));
  g_assert_cmpstr (wd_article_get_desk_note (article), ==, "Made-up event.");

  g_assert_cmpuint (wd_article_get_n_sources (article), ==, 3);
  assert_source (article, 0, "https://press.port.example/s/1", WD_SOURCE_KIND_OFFICIAL);
  g_assert_cmpstr (wd_source_get_label (wd_article_get_source (article, 0)), ==, "Authority statement");
  assert_source (article, 1, "https://www.reuters.com/world/x", WD_SOURCE_KIND_WIRE);
  g_assert_null (wd_source_get_label (wd_article_get_source (article, 1)));
  assert_source (article, 2, "https://t.me/kessel/4417", WD_SOURCE_KIND_SOCIAL);

  /* The two unusable items are reported with their line numbers. */
  g_assert_cmpuint (warnings->len, ==, 2);
  g_assert_true (g_str_has_prefix (g_ptr_array_index (warnings, 0), "m.md:17: "));
  g_assert_true (g_str_has_prefix (g_ptr_array_index (warnings, 1), "m.md:18: "));
  g_assert_nonnull (strstr (g_ptr_array_index (warnings, 1), "already has"));
}

static void
test_import_bad_input (void)
{
  g_autoptr(GError) error = NULL;

  g_assert_null (wd_import_text ("", -1, WD_IMPORT_FORMAT_AUTO, "e.txt", NULL, &error));
  g_assert_error (error, WD_ERROR, WD_ERROR_IMPORT);
  g_assert_nonnull (strstr (error->message, "e.txt"));
  g_assert_nonnull (strstr (error->message, "empty"));
  g_clear_error (&error);

  g_assert_null (wd_import_text ("\xEF\xBB\xBF\r\n \r\n", -1, WD_IMPORT_FORMAT_AUTO, "e.txt", NULL, &error));
  g_assert_error (error, WD_ERROR, WD_ERROR_IMPORT);
  g_clear_error (&error);

  g_assert_null (wd_import_text ("Headline\nFine line\nBad \xC3\x28 line\n", -1,
                                 WD_IMPORT_FORMAT_AUTO, "latin1.txt", NULL, &error));
  g_assert_error (error, WD_ERROR, WD_ERROR_IMPORT);
  g_assert_nonnull (strstr (error->message, "latin1.txt:3:"));
  g_assert_nonnull (strstr (error->message, "UTF-8"));
  g_clear_error (&error);

  g_assert_null (wd_import_text ("Head\0line", 9, WD_IMPORT_FORMAT_AUTO, "nul.txt", NULL, &error));
  g_assert_error (error, WD_ERROR, WD_ERROR_IMPORT);
}

static WdArticle *
import_text (const char  *text,
             GPtrArray  **warnings)
{
  g_autoptr(GError) error = NULL;
  WdArticle *article = wd_import_text (text, -1, WD_IMPORT_FORMAT_TEXT, "edge.txt", warnings, &error);

  g_assert_no_error (error);
  return article;
}

/* A heading is a line of at most 100 characters and 14 words: one more
 * of either and it is a paragraph. */
static void
test_import_heading_limits (void)
{
  g_autoptr(GString) chars100 = g_string_new ("H");
  g_autofree char *chars101 = NULL;
  const char *words14 = "One Two Three Four Five Six Seven Eight Nine Ten Eleven Twelve Thirteen Fourteen";
  g_autofree char *words15 = g_strconcat (words14, " Fifteen", NULL);
  const char *para = "The pilots met the mediator on Friday and agreed to talk again next week.";
  struct { const char *line; gboolean heading; } cases[4];

  while (chars100->len < 100)
    g_string_append_c (chars100, 'a');
  chars101 = g_strconcat (chars100->str, "b", NULL);
  cases[0].line = chars100->str; cases[0].heading = TRUE;
  cases[1].line = chars101; cases[1].heading = FALSE;
  cases[2].line = words14; cases[2].heading = TRUE;
  cases[3].line = words15; cases[3].heading = FALSE;

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *text = g_strdup_printf ("Headline\n%s\n%s\n%s\n", para, cases[i].line, para);
      g_autoptr(WdArticle) article = import_text (text, NULL);
      g_autofree char *as_heading = g_strconcat ("\n\n## ", cases[i].line, "\n\n", NULL);

      g_test_message ("%u chars: %s", (guint) g_utf8_strlen (cases[i].line, -1), cases[i].line);
      g_assert_cmpint (strstr (wd_article_get_body (article), as_heading) != NULL, ==, cases[i].heading);
    }
}

/* The source list's title in its other spellings; URLs at the end of a
 * sentence; an item with no URL is a warning that names the line. */
static void
test_import_source_list_edges (void)
{
  static const char * const titles[] = { "Sources", "Sources:", "References", "Wire sources", "PROVENANCE" };

  for (guint i = 0; i < G_N_ELEMENTS (titles); i++)
    {
      g_autofree char *text = g_strdup_printf ("Ferries stop\nThe night ferry is suspended.\n%s\n"
                                               "- https://www.reuters.com/a\n", titles[i]);
      g_autoptr(WdArticle) article = import_text (text, NULL);

      g_test_message ("%s", titles[i]);
      g_assert_cmpuint (wd_article_get_n_sources (article), ==, 1);
      g_assert_null (strstr (wd_article_get_body (article), titles[i]));
    }

  {
    g_autoptr(GPtrArray) warnings = NULL;
    g_autoptr(WdArticle) article = import_text (
      "Ferries stop\nThe night ferry is suspended.\nSources\n"
      "- See https://www.reuters.com/world/ferries.\n"
      "- The operator, https://skerry.example/news/fire;\n"
      "- the coastguard's statement\n"
      "- (https://www.gov.uk/coastguard/ferry)\n", &warnings);

    g_assert_cmpuint (wd_article_get_n_sources (article), ==, 3);
    g_assert_cmpstr (wd_source_get_url (wd_article_get_source (article, 0)), ==, "https://www.reuters.com/world/ferries");
    g_assert_cmpstr (wd_source_get_url (wd_article_get_source (article, 1)), ==, "https://skerry.example/news/fire");
    g_assert_cmpstr (wd_source_get_url (wd_article_get_source (article, 2)), ==, "https://www.gov.uk/coastguard/ferry");
    g_assert_cmpuint (warnings->len, ==, 1);
    g_assert_cmpstr (warnings->pdata[0], ==, "edge.txt:6: no http(s) URL in this item of the source list");
  }
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *shared = wd_test_shared_file ("examples/synthesis-karpathy-anthropic.txt");

  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/import/own-article", test_import_own_article);
  g_test_add_func ("/import/thin-article", test_import_thin_article);
  if (shared != NULL)
    g_test_add_data_func ("/import/shared-example", shared, test_import_shared_example);
  g_test_add_func ("/import/example-variants", test_import_example_variants);
  g_test_add_func ("/import/question-headings", test_import_question_headings);
  g_test_add_func ("/import/hard-wrapped", test_import_no_provenance_hard_wrapped);
  g_test_add_func ("/import/markdown", test_import_markdown);
  g_test_add_func ("/import/bad-input", test_import_bad_input);
  g_test_add_func ("/import/heading-limits", test_import_heading_limits);
  g_test_add_func ("/import/source-list-edges", test_import_source_list_edges);

  return g_test_run ();
}

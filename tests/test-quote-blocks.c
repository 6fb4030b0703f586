/* Quotations against a page's paragraphs (issue 17): a line break inside
 * a paragraph is white space, the end of a block is not — words spliced
 * from a heading and the paragraph under it are no quotation. The pages
 * go through the page reader, as a capture's text does. */
#include "config.h"

#include <string.h>

#include "wd-html-meta.h"
#include "wiredesk-core.h"

static const char *source_ids[] = { "f", NULL };

static const char page[] =
  "<html><body><nav><a href=/>Home</a> <a href=/news>News</a></nav><article>"
  "<h1>Ferry operator under pressure</h1>"
  "<h2>Unions demand a clear timetable now</h2>"
  "<p>The union's statement was short and came at noon.</p>"
  "<p>Engineers found that the hull<br>would hold until the spring, and the\n"
  "night crossings would resume in March.</p>"
  "<ul><li>Night services suspended until further notice</li><li>Day services run as planned</li></ul>"
  "<table><tr><td>Passengers affected every week</td><td>about eighteen hundred</td></tr></table>"
  "</article></body></html>";

static WdQuote *
check_against (const char *text,
               const char *quotation)
{
  g_autoptr(WdQuoteTexts) texts = wd_quote_texts_new ();
  g_autofree char *body = g_strdup_printf ("The source says \xe2\x80\x9c%s\xe2\x80\x9d.[^f]", quotation);
  g_autoptr(GPtrArray) quotes = NULL;

  wd_quote_texts_add (texts, "f", text, NULL);
  quotes = wd_quotes_check (body, source_ids, texts);
  g_assert_cmpuint (quotes->len, ==, 1);
  return g_steal_pointer (&g_ptr_array_index (quotes, 0));
}

static const char *
verdict_nick (const WdQuote *q)
{
  return wd_enum_to_nick (WD_TYPE_QUOTE_VERDICT, q->verdict);
}

typedef struct
{
  const char *quotation;
  const char *verdict;
} Case;

static void
test_blocks (void)
{
  static const Case cases[] = {
    /* Inside one block. */
    { "Unions demand a clear timetable now", "verified" },
    { "The union's statement was short and came at noon", "verified" },
    /* Across a <br> and a line break in the markup: one paragraph. */
    { "the hull would hold until the spring", "verified" },
    { "and the night crossings would resume in March", "verified" },
    { "Night services suspended until further notice", "verified" },
    /* Spliced across blocks: a heading and the paragraph under it, two
     * headings, two list items, two table cells, the menu and the headline. */
    { "Unions demand a clear timetable now The union's statement was short", "not-found" },
    { "Ferry operator under pressure Unions demand a clear timetable", "not-found" },
    { "until further notice Day services run as planned", "not-found" },
    { "Passengers affected every week about eighteen hundred", "not-found" },
    { "Home News Ferry operator under pressure", "not-found" },
    /* A near match stays in its paragraph too. */
    { "Unions demand a clear timetable soon", "altered" },
    { "clear timetable now The union's statement was very short", "not-found" },
  };
  g_autoptr(WdHtmlMeta) meta = wd_html_meta_parse ((const guint8 *) page, sizeof page - 1,
                                                   "text/html", NULL, "https://ferry.example/");

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(WdQuote) q = check_against (meta->text, cases[i].quotation);

      g_test_message ("%s", cases[i].quotation);
      g_assert_cmpstr (verdict_nick (q), ==, cases[i].verdict);
    }
}

/* The source's words shown for a near match are its paragraph's, never
 * the first word of the next block. */
static void
test_near_stays_in_block (void)
{
  g_autoptr(WdQuote) q = check_against ("Intro.\n\nThe unions demand a clear timetable\n\nNow the ferries",
                                        "unions demand a clear timetable now");

  g_assert_cmpstr (verdict_nick (q), ==, "altered");
  g_assert_cmpstr (q->source_text, ==, "unions demand a clear timetable");
}

/* A word hyphenated at a line's end is one word, not one split by a
 * paragraph's end. */
static void
test_hyphen_not_across_blocks (void)
{
  g_autoptr(WdQuote) soft = check_against ("The budget of the gov-\nernment is final this year.",
                                           "the budget of the government is final");
  g_autoptr(WdQuote) hard = check_against ("The budget of the gov-\n\nernment is final this year.",
                                           "the budget of the government is final");

  g_assert_cmpstr (verdict_nick (soft), ==, "verified");
  g_assert_cmpstr (verdict_nick (hard), ==, "not-found");
}

/* Captures made before pages kept their blocks hold one line: their
 * verdicts stay what they were. */
static void
test_one_line_capture (void)
{
  g_autoptr(WdQuote) q = check_against ("Ferry operator under pressure Unions demand a clear timetable now "
                                        "The union's statement was short and came at noon.",
                                        "Unions demand a clear timetable now The union's statement was short");

  g_assert_cmpstr (verdict_nick (q), ==, "verified");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/quote-blocks/page", test_blocks);
  g_test_add_func ("/quote-blocks/near-stays-in-block", test_near_stays_in_block);
  g_test_add_func ("/quote-blocks/hyphen", test_hyphen_not_across_blocks);
  g_test_add_func ("/quote-blocks/one-line-capture", test_one_line_capture);

  return g_test_run ();
}

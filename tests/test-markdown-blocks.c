/* The body as blocks of markup for the editor's preview: the same
 * citation numbers as the exports, the source list in that order, every
 * text from the document escaped, only safe links. */
#include "config.h"

#include <string.h>

#include "wd-markdown-private.h"
#include "wiredesk-core.h"

static const WdBodyBlock *
block (WdRenderedBody *body,
       guint           i)
{
  g_assert_cmpuint (i, <, body->blocks->len);
  return g_ptr_array_index (body->blocks, i);
}

static void
test_blocks_citations (void)
{
  g_autoptr(WdArticle) article = wd_article_new ();
  g_autoptr(WdRenderedBody) body = NULL;
  g_autoptr(WdRenderedBody) exported = NULL;
  g_autofree char *text = NULL;
  WdSource *a, *b;

  a = wd_article_add_source_url (article, "https://example.org/a", NULL);
  b = wd_article_add_source_url (article, "https://example.org/b", NULL);
  wd_source_set_label (a, "Harbour <b>authority</b> & co");
  wd_source_set_label (b, "Wire report");
  /* B is cited first: it is [1]; A cited twice keeps [2]; an unknown id
   * stays as written. */
  text = g_strdup_printf ("Ferries stopped.[^%s] Crews said so.[^%s][^%s]\n\nAgain[^%s], and [^nobody].",
                          wd_source_get_id (b), wd_source_get_id (a), wd_source_get_id (b),
                          wd_source_get_id (a));
  wd_article_set_body (article, text);

  body = _wd_rendered_body_new_blocks (article);
  g_assert_cmpstr (body->html, ==, "");
  g_assert_cmpuint (body->blocks->len, ==, 4);
  g_assert_cmpint (block (body, 0)->kind, ==, WD_BODY_BLOCK_PARAGRAPH);
  g_assert_cmpstr (block (body, 0)->markup, ==,
                   "Ferries stopped.<sup><a href=\"#citation-1\">[1]</a></sup> Crews said so."
                   "<sup><a href=\"#citation-2\">[2]</a></sup><sup><a href=\"#citation-1\">[1]</a></sup>");
  g_assert_cmpstr (block (body, 1)->markup, ==,
                   "Again<sup><a href=\"#citation-2\">[2]</a></sup>, and [^nobody].");

  /* The source list, in footnote order, names escaped. */
  g_assert_cmpint (block (body, 2)->kind, ==, WD_BODY_BLOCK_SOURCE);
  g_assert_cmpuint (block (body, 2)->level, ==, 1);
  g_assert_cmpstr (block (body, 2)->marker, ==, "[1]");
  g_assert_cmpstr (block (body, 2)->markup, ==, "<a href=\"https://example.org/b\">Wire report</a>");
  g_assert_cmpstr (block (body, 3)->marker, ==, "[2]");
  g_assert_cmpstr (block (body, 3)->markup, ==,
                   "<a href=\"https://example.org/a\">Harbour &lt;b&gt;authority&lt;/b&gt; &amp; co</a>");

  /* The same numbers as the export's text. */
  exported = _wd_rendered_body_new (article, FALSE);
  g_assert_nonnull (strstr (exported->text, "[1] Wire report <https://example.org/b>"));
  g_assert_cmpstr (exported->text, ==, body->text);
}

static void
test_blocks_structure (void)
{
  g_autoptr(WdArticle) article = wd_article_new ();
  g_autoptr(WdRenderedBody) body = NULL;

  wd_article_set_body (article,
                       "## Crossings <script>x</script>\n"
                       "\n"
                       "*Night* **ferries** `code` [site](https://example.org/?a=1&b=\"2\") "
                       "[bad](javascript:alert(1)) ![a photo](https://example.org/p.png)\n"
                       "\n"
                       "> Quoted\n"
                       "> > twice\n"
                       "\n"
                       "1. one\n"
                       "2. two\n"
                       "   - inner\n"
                       "\n"
                       "<div>raw</div>\n"
                       "\n"
                       "---\n"
                       "\n"
                       "```\n<i>a</i>\n```\n");
  body = _wd_rendered_body_new_blocks (article);

  g_assert_cmpuint (body->blocks->len, ==, 9);
  g_assert_cmpint (block (body, 0)->kind, ==, WD_BODY_BLOCK_HEADING);
  g_assert_cmpuint (block (body, 0)->level, ==, 2);
  g_assert_cmpstr (block (body, 0)->markup, ==, "Crossings x");   /* raw HTML tags omitted */
  g_assert_cmpstr (block (body, 1)->markup, ==,
                   "<i>Night</i> <b>ferries</b> <tt>code</tt> "
                   "<a href=\"https://example.org/?a=1&amp;b=&quot;2&quot;\">site</a> bad <i>a photo</i>");
  g_assert_cmpuint (block (body, 2)->quote_depth, ==, 1);
  g_assert_cmpstr (block (body, 2)->markup, ==, "Quoted");
  g_assert_cmpuint (block (body, 3)->quote_depth, ==, 2);
  g_assert_cmpstr (block (body, 4)->marker, ==, "1.");
  g_assert_cmpuint (block (body, 4)->list_depth, ==, 1);
  g_assert_cmpstr (block (body, 5)->marker, ==, "2.");
  g_assert_cmpstr (block (body, 6)->marker, ==, "•");
  g_assert_cmpuint (block (body, 6)->list_depth, ==, 2);
  g_assert_cmpstr (block (body, 6)->markup, ==, "inner");
  g_assert_cmpint (block (body, 7)->kind, ==, WD_BODY_BLOCK_RULE);
  g_assert_cmpint (block (body, 8)->kind, ==, WD_BODY_BLOCK_CODE);
  g_assert_cmpstr (block (body, 8)->markup, ==, "&lt;i&gt;a&lt;/i&gt;");

  /* Every block's markup is markup a label can take. */
  for (guint i = 0; i < body->blocks->len; i++)
    {
      g_autoptr(GMarkupParseContext) context = NULL;
      g_autofree char *wrapped = g_strdup_printf ("<markup>%s</markup>", block (body, i)->markup);
      GMarkupParser parser = { 0 };

      context = g_markup_parse_context_new (&parser, 0, NULL, NULL);
      g_assert_true (g_markup_parse_context_parse (context, wrapped, -1, NULL));
      g_assert_true (g_markup_parse_context_end_parse (context, NULL));
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/markdown-blocks/citations", test_blocks_citations);
  g_test_add_func ("/markdown-blocks/structure", test_blocks_structure);

  return g_test_run ();
}

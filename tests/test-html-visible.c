/* The text a reader sees (issue 17: quotations are checked against it,
 * the editor shows it): what hidden elements hold is not in it, its
 * blocks are paragraphs, hostile markup stays bounded, and the page's
 * fingerprint does not move with it. */
#include "config.h"

#include <string.h>

#include "wd-html-meta.h"

static WdHtmlMeta *
read_page (const char *html)
{
  return wd_html_meta_parse ((const guint8 *) html, strlen (html), "text/html", NULL,
                             "https://news.example/story.html");
}

static void
assert_has (const WdHtmlMeta *meta,
            const char       *words,
            gboolean          present)
{
  if ((strstr (meta->text, words) != NULL) != present)
    g_error ("“%s” %s the text a reader sees: “%s”", words,
             present ? "is missing from" : "is in", meta->text);
}

/* @pattern with "%s" replaced by @words. */
static char *
fill (const char *pattern,
      const char *words)
{
  g_auto(GStrv) parts = g_strsplit (pattern, "%s", -1);

  return g_strjoinv (words, parts);
}

typedef struct
{
  const char *html;     /* "%s" is the hidden words */
  const char *why;
} HiddenCase;

/* Each way a page's own markup hides an element. */
static const HiddenCase hidden_cases[] = {
  { "<p hidden>%s</p>", "the hidden attribute" },
  { "<p hidden=hidden>%s</p>", "hidden=hidden" },
  { "<p HIDDEN=''>%s</p>", "the hidden attribute in capitals" },
  { "<div aria-hidden='true'><p>%s</p></div>", "aria-hidden=true" },
  { "<span aria-hidden=' TRUE '>%s</span>", "aria-hidden, spaced and in capitals" },
  { "<p style='display:none'>%s</p>", "display:none" },
  { "<p style='color: red; DISPLAY : None !important'>%s</p>", "display: none, spaced and important" },
  { "<p style='display: block; display: none'>%s</p>", "the later declaration" },
  { "<p style='display:none !important; display:block'>%s</p>", "an important declaration" },
  { "<p style='display:/* a comment; */none'>%s</p>", "a comment in the value" },
  { "<p style=\"background:url('a;b.png'); display:none\">%s</p>", "a ';' inside url()" },
  { "<p style='color:red;display:none'>%s</p>", "no spaces" },
  { "<p style='display:none'>%s", "an element the page never closes" },
  { "<p style='visibility:hidden'>%s</p>", "visibility:hidden" },
  { "<p style='visibility:collapse'>%s</p>", "visibility:collapse" },
  { "<div style='visibility:hidden'><p style='visibility:inherit'>%s</p></div>", "inherited visibility" },
  { "<div style='display:none'><p style='display:block; visibility:visible'>%s</p></div>",
    "display:none, whatever is inside" },
  { "<template><p>%s</p></template>", "a template" },
  { "<noscript><p>%s</p></noscript>", "noscript (what readers with scripts on never see)" },
  { "<dialog><p>%s</p></dialog>", "a closed dialog" },
  { "<datalist><option>%s</option></datalist>", "a datalist" },
  { "<form><input type=hidden name=token value='%s'></form>", "a hidden input" },
  { "<div hidden><div><div><span>%s</span></div></div></div>", "a hidden ancestor" },
};

static void
test_hidden (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (hidden_cases); i++)
    {
      g_autofree char *hidden = fill (hidden_cases[i].html, "the minister resigned in disgrace");
      g_autofree char *page = g_strdup_printf ("<html><body><h1>Ferry news</h1>"
                                               "<p>Before it.</p>%s<p>After it.</p></body></html>",
                                               hidden);
      g_autoptr(WdHtmlMeta) meta = read_page (page);

      g_test_message ("%s", hidden_cases[i].why);
      assert_has (meta, "minister", FALSE);
      assert_has (meta, "Ferry news", TRUE);
      assert_has (meta, "Before it.", TRUE);
      if (strstr (hidden_cases[i].html, "</") != NULL)
        assert_has (meta, "After it.", TRUE);
    }
}

/* What looks hidden and is not: the words stay. */
static const char * const shown_cases[] = {
  "<p hidden='until-found'>%s</p>",                  /* the browser's Find shows it */
  "<p aria-hidden='false'>%s</p>",
  "<p style='display:block'>%s</p>",
  "<p style='display: nonesuch'>%s</p>",
  "<p style='content: \"display:none\"'>%s</p>",       /* a string, no declaration */
  "<p style='--display:none'>%s</p>",                /* a custom property */
  "<div style='visibility:hidden'><p style='visibility:visible'>%s</p></div>",
  "<details><summary>More</summary><p>%s</p></details>",
  "<dialog open><p>%s</p></dialog>",
  "<p class='hidden'>%s</p>",                        /* stylesheets are not read */
  "<p data-hidden='true'>%s</p>",
};

static void
test_shown (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (shown_cases); i++)
    {
      g_autofree char *shown = fill (shown_cases[i], "the harbour will close for good");
      g_autofree char *page = g_strdup_printf ("<html><body><p>Before it.</p>%s</body></html>", shown);
      g_autoptr(WdHtmlMeta) meta = read_page (page);

      g_test_message ("%s", shown);
      assert_has (meta, "the harbour will close for good", TRUE);
    }
}

/* The fingerprint is what it was before hidden elements were left out of
 * the text: a page with hidden parts keeps its content-sha256, so a
 * document's sources do not all look "changed" on their next check. */
static void
test_fingerprint_kept (void)
{
  g_autoptr(WdHtmlMeta) meta = read_page ("<html><head><title>T</title></head><body>"
                                          "<h1>Ferry news</h1><p hidden>Secret words.</p>"
                                          "<ul><li>One</li><li>Two</li></ul>"
                                          "<p style='display:none'>More</p><p>Last<br>line.</p>"
                                          "</body></html>");
  g_autofree char *expected = g_compute_checksum_for_string (G_CHECKSUM_SHA256,
                                                             "Ferry news Secret words. One Two More "
                                                             "Last line.", -1);

  g_assert_cmpstr (meta->content_sha256, ==, expected);
  g_assert_cmpuint (meta->text_length, ==, strlen ("Ferry news Secret words. One Two More Last line."));
  assert_has (meta, "Secret", FALSE);
  assert_has (meta, "More", FALSE);
}

/* Blocks are paragraphs apart by a blank line, a <br> ends a line, inline
 * elements and line breaks in the markup are inside a line. */
static void
test_blocks (void)
{
  g_autoptr(WdHtmlMeta) meta = read_page (
    "<html><head><title>Tab</title></head><body>\n"
    "  <nav><ul>\n    <li><a href=/>Home</a></li>\n    <li><a href=/news>News</a></li>\n  </ul></nav>\n"
    "  <article>\n    <h1>Ferry operator under pressure</h1>\n"
    "    <h2>Unions demand a clear timetable now</h2>\n"
    "    <p>The union&#39;s statement was\n       short: the <b>night</b> cros<i>sings</i> stop.<br>\n"
    "       It came at noon.</p>\n"
    "    <figure><img src=a.jpg alt='A ship'><figcaption>The MV Corrigan at dawn</figcaption></figure>\n"
    "    <table><tr><th>Route</th><th>Passengers</th></tr><tr><td>North</td><td>1 800</td></tr></table>\n"
    "    <p>One<br><br>Two<br> <br>Three</p><div><div><p>Deep</p></div></div>Loose text\n"
    "    <pre>line one\n  line two\n\nline four</pre>\n"
    "    <p>A <button>Share</button> button and an image<img src=b.png>here.</p>\n"
    "  </article>\n</body></html>");

  g_assert_cmpstr (meta->text, ==,
                   "Home\n\nNews\n\n"
                   "Ferry operator under pressure\n\n"
                   "Unions demand a clear timetable now\n\n"
                   "The union's statement was short: the night crossings stop.\nIt came at noon.\n\n"
                   "The MV Corrigan at dawn\n\n"
                   "Route\n\nPassengers\n\nNorth\n\n1 800\n\n"
                   "One\n\nTwo\n\nThree\n\nDeep\n\nLoose text\n\n"
                   "line one\nline two\n\nline four\n\n"
                   "A Share button and an image here.");
}

/* A plain-text page keeps its lines and paragraphs too. */
static void
test_plain_text (void)
{
  static const char text[] = "Statement\r\n\r\nThe ferries   will run\nas planned.\n \t\nEnd.\n";
  g_autoptr(WdHtmlMeta) meta = wd_html_meta_parse ((const guint8 *) text, sizeof text - 1,
                                                   "text/plain", NULL, NULL);
  g_autofree char *expected = g_compute_checksum_for_string (G_CHECKSUM_SHA256,
                                                             "Statement The ferries will run as planned. End.",
                                                             -1);

  g_assert_cmpstr (meta->text, ==, "Statement\n\nThe ferries will run\nas planned.\n\nEnd.");
  g_assert_cmpstr (meta->content_sha256, ==, expected);
}

/* Hostile markup: a style attribute of megabytes, nesting past the
 * reader's stack with a hidden element down there, thousands of hidden
 * elements. Still right; a hang is meson's timeout (no timing here). */
static void
test_hostile (void)
{
  g_autoptr(GString) page = g_string_new ("<html><body><p>Start.</p><p style='");
  g_autoptr(WdHtmlMeta) meta = NULL;

  for (guint i = 0; i < 200000; i++)
    g_string_append (page, "color:red;/*x*/(");
  g_string_append (page, "'>Unclosed bracket, still shown.</p><p style='");
  for (guint i = 0; i < 100000; i++)
    g_string_append (page, "margin:0;");
  g_string_append (page, "display:none'>Hidden after a long style.</p>");
  for (guint i = 0; i < 3000; i++)
    g_string_append (page, "<div>");
  g_string_append (page, "<p hidden>Hidden deep down.</p><p>Shown deep down.</p>");
  for (guint i = 0; i < 3000; i++)
    g_string_append (page, "</div>");
  for (guint i = 0; i < 20000; i++)
    g_string_append (page, "<span hidden>x</span>");
  g_string_append (page, "<p>End.</p></body></html>");

  meta = wd_html_meta_parse ((const guint8 *) page->str, page->len, "text/html", NULL, NULL);
  assert_has (meta, "Start.", TRUE);
  assert_has (meta, "Hidden", FALSE);
  assert_has (meta, "Unclosed bracket, still shown.", TRUE);
  assert_has (meta, "Shown deep down.", TRUE);
  assert_has (meta, "End.", TRUE);
  assert_has (meta, " x", FALSE);
}

/* 900 000 empty blocks and line breaks: one paragraph break, not megabytes. */
static void
test_hostile_breaks (void)
{
  g_autoptr(GString) page = g_string_new ("<html><body><p>Start.</p>");
  g_autoptr(WdHtmlMeta) meta = NULL;

  for (guint i = 0; i < 300000; i++)
    g_string_append (page, "<p></p><br>\n<div> </div>");
  g_string_append (page, "<p>End.</p></body></html>");

  meta = wd_html_meta_parse ((const guint8 *) page->str, page->len, "text/html", NULL, NULL);
  g_assert_cmpstr (meta->text, ==, "Start.\n\nEnd.");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/html-visible/hidden", test_hidden);
  g_test_add_func ("/html-visible/shown", test_shown);
  g_test_add_func ("/html-visible/fingerprint-kept", test_fingerprint_kept);
  g_test_add_func ("/html-visible/blocks", test_blocks);
  g_test_add_func ("/html-visible/plain-text", test_plain_text);
  g_test_add_func ("/html-visible/hostile", test_hostile);
  g_test_add_func ("/html-visible/hostile/breaks", test_hostile_breaks);

  return g_test_run ();
}

/* Citations in the body: finding them, paragraphs, inserting, removing,
 * footnotes for export, surviving a Markdown round trip, and the audit,
 * the editor's chips and every export reading the same markers. */
#include "config.h"

#include <json-glib/json-glib.h>
#include <string.h>

#include "wd-source-private.h"
#include "wiredesk-core.h"

static char *
slice (const char *body,
       gsize       start,
       gsize       end)
{
  return g_strndup (body + start, end - start);
}

static void
test_citations_scan (void)
{
  const char *body =
    "## Heading with a citation[^h]\n"
    "\n"
    "First paragraph[^a] cites two[^b][^a].\n"
    "It goes on on a second line.\n"
    "\n"
    "\n"
    "Code `[^not]` and an escaped \\[^not] are text.\n"
    "\n"
    "```\n"
    "[^fenced]\n"
    "\n"
    "still the fence\n"
    "```\n"
    "\n"
    "---\n"
    "[^def]: a footnote definition, not a citation\n"
    "\n"
    "Trailing ids with spaces [^bad id] or empty [^] are no citations.[^c]";
  g_autoptr(GArray) paragraphs = NULL;
  g_autoptr(GArray) citations = NULL;
  const char *expected_ids[] = { "h", "a", "b", "a", "c" };
  const guint expected_paragraphs[] = { G_MAXUINT, 0, 0, 0, 4 };
  g_autofree char *first = NULL;
  g_autofree char *fence = NULL;

  wd_citations_scan (body, &paragraphs, &citations);

  /* the heading is no paragraph; the fence with its blank line is one */
  g_assert_cmpuint (paragraphs->len, ==, 5);
  first = slice (body, g_array_index (paragraphs, WdParagraph, 0).start,
                 g_array_index (paragraphs, WdParagraph, 0).end);
  g_assert_cmpstr (first, ==, "First paragraph[^a] cites two[^b][^a].\nIt goes on on a second line.");
  g_assert_cmpuint (g_array_index (paragraphs, WdParagraph, 0).n_citations, ==, 3);
  g_assert_cmpuint (g_array_index (paragraphs, WdParagraph, 1).n_citations, ==, 0);
  fence = slice (body, g_array_index (paragraphs, WdParagraph, 2).start,
                 g_array_index (paragraphs, WdParagraph, 2).end);
  g_assert_cmpstr (fence, ==, "```\n[^fenced]\n\nstill the fence\n```");
  g_assert_cmpuint (g_array_index (paragraphs, WdParagraph, 3).index, ==, 3);

  g_assert_cmpuint (citations->len, ==, G_N_ELEMENTS (expected_ids));
  for (guint i = 0; i < citations->len; i++)
    {
      const WdCitation *c = &g_array_index (citations, WdCitation, i);
      g_autofree char *marker = slice (body, c->start, c->end);
      g_autofree char *expected = g_strdup_printf ("[^%s]", expected_ids[i]);

      g_assert_cmpstr (c->source_id, ==, expected_ids[i]);
      g_assert_cmpstr (marker, ==, expected);
      g_assert_cmpuint (c->paragraph, ==, expected_paragraphs[i]);
    }

  /* NULL and empty bodies have neither */
  g_clear_pointer (&paragraphs, g_array_unref);
  g_clear_pointer (&citations, g_array_unref);
  wd_citations_scan (NULL, &paragraphs, &citations);
  g_assert_cmpuint (paragraphs->len + citations->len, ==, 0);
}

static void
test_citations_ids (void)
{
  g_autofree char *long_id = g_strnfill (WD_CITATION_MAX_ID + 1, 'x');
  g_autofree char *marker = wd_citations_format_marker ("3f2a-uuid");

  g_assert_cmpstr (marker, ==, "[^3f2a-uuid]");
  g_assert_true (wd_citations_id_is_valid ("sample-source-1"));
  g_assert_true (wd_citations_id_is_valid ("é"));
  g_assert_false (wd_citations_id_is_valid (""));
  g_assert_false (wd_citations_id_is_valid ("a b"));
  g_assert_false (wd_citations_id_is_valid ("a]"));
  g_assert_false (wd_citations_id_is_valid ("a[b"));
  g_assert_false (wd_citations_id_is_valid ("a\tb"));
  g_assert_false (wd_citations_id_is_valid (long_id));
  long_id[WD_CITATION_MAX_ID] = '\0';
  g_assert_true (wd_citations_id_is_valid (long_id));
}

static void
test_citations_insert (void)
{
  const char *body = "Ferries stopped.[^a] Buses run.";
  g_autofree char *plain = NULL;
  g_autofree char *inside = NULL;
  g_autofree char *again = NULL;
  gsize at = 0;

  /* at a plain offset */
  plain = wd_citations_insert (body, strlen ("Ferries stopped.[^a] Buses run."), "b", &at);
  g_assert_cmpstr (plain, ==, "Ferries stopped.[^a] Buses run.[^b]");
  g_assert_cmpuint (at, ==, strlen (body));

  /* inside or just before a marker: after the run, never splitting it */
  inside = wd_citations_insert (body, strlen ("Ferries stopped.[^"), "b", &at);
  g_assert_cmpstr (inside, ==, "Ferries stopped.[^a][^b] Buses run.");
  g_assert_cmpuint (at, ==, strlen ("Ferries stopped.[^a]"));
  g_assert_true (wd_citations_insertion_point (body, strlen ("Ferries stopped."), &at));
  g_assert_cmpuint (at, ==, strlen ("Ferries stopped.[^a]"));
  g_assert_true (wd_citations_insertion_point (body, 3, &at));
  g_assert_cmpuint (at, ==, 3);

  /* the run already cites the source: unchanged */
  again = wd_citations_insert (inside, strlen ("Ferries stopped."), "a", &at);
  g_assert_cmpstr (again, ==, inside);
  g_assert_cmpuint (at, ==, strlen ("Ferries stopped."));

  /* nowhere a marker would be text, or would change the text around it */
  {
    const char *code = "Use `grep` here.\n\n```\nfenced\n```\n\nAn \\escape and `` ` `` ticks.";
    const char *refused[] = { "Use `gr", "Use `grep` here.\n\n``", "Use `grep` here.\n\n```\nfen",
                              "Use `grep` here.\n\n```\nfenced\n```", "Use `grep` here.\n\n```\nfenced\n```\n\nAn \\",
                              "Use `grep` here.\n\n```\nfenced\n```\n\nAn \\escape and `" };
    const char *accepted[] = { "Use ", "Use `grep`", "Use `grep` here.\n", "Use `grep` here.\n\n```\nfenced\n```\n" };

    for (guint i = 0; i < G_N_ELEMENTS (refused); i++)
      {
        g_test_message ("refused after “%s”", refused[i]);
        g_assert_false (wd_citations_insertion_point (code, strlen (refused[i]), NULL));
        g_assert_null (wd_citations_insert (code, strlen (refused[i]), "a", NULL));
      }
    g_assert_false (wd_citations_insertion_point ("  : a colon", 2, NULL));
    g_assert_true (wd_citations_insertion_point ("x : a colon", 2, NULL));
    g_assert_false (wd_citations_insertion_point ("Text.\n\n[^x]: a definition", 20, NULL));
    for (guint i = 0; i < G_N_ELEMENTS (accepted); i++)
      {
        g_autofree char *with = wd_citations_insert (code, strlen (accepted[i]), "a", NULL);

        g_test_message ("accepted after “%s”", accepted[i]);
        g_assert_nonnull (with);
        g_assert_cmpuint (wd_citations_count_source (with, "a"), ==, 1);
      }
  }

  g_assert_cmpuint (wd_citations_count_source (inside, "a"), ==, 1);
  g_assert_cmpuint (wd_citations_count_source (inside, "b"), ==, 1);
  g_assert_cmpuint (wd_citations_count_source (inside, "c"), ==, 0);
}

static void
test_citations_remove (void)
{
  const char *body =
    "One [^x]. Two[^x][^y] three [^x] four.\n\n"
    "Five [^y][^x]\n\n"
    "`[^x]` stays, so does [^xy].";
  g_autofree char *removed = NULL;
  g_autofree char *none = NULL;
  guint n = 0;

  removed = wd_citations_remove_source (body, "x", &n);
  g_assert_cmpuint (n, ==, 4);
  g_assert_cmpstr (removed, ==,
                   "One. Two[^y] three four.\n\n"
                   "Five [^y]\n\n"
                   "`[^x]` stays, so does [^xy].");
  g_assert_cmpuint (wd_citations_count_source (removed, "x"), ==, 0);

  /* removing the marker between two backticks joins them into a run
   * that pairs differently: the code span becomes text with a citation,
   * which goes too */
  {
    g_autofree char *joined = wd_citations_remove_source ("a `[^x]` b `` [^x] ``[^x]` c", "x", &n);

    g_assert_cmpuint (wd_citations_count_source (joined, "x"), ==, 0);
    g_assert_cmpuint (n, ==, 2);
    g_assert_cmpstr (joined, ==, "a `[^x]` b `` ``` c");
  }

  none = wd_citations_remove_source (body, "z", &n);
  g_assert_cmpuint (n, ==, 0);
  g_assert_cmpstr (none, ==, body);
}

static void
test_citations_uncited (void)
{
  const char *body =
    "# Title\n\n"
    "Cited.[^known]\n\n"
    "Not cited at all.\n\n"
    "Cites only a removed source.[^gone]";
  g_autoptr(GHashTable) known = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GArray) any = NULL;
  g_autoptr(GArray) strict = NULL;

  g_hash_table_add (known, (gpointer) "known");

  any = wd_citations_uncited_paragraphs (body, NULL);
  g_assert_cmpuint (any->len, ==, 1);
  g_assert_cmpuint (g_array_index (any, WdParagraph, 0).index, ==, 1);

  strict = wd_citations_uncited_paragraphs (body, known);
  g_assert_cmpuint (strict->len, ==, 2);
  g_assert_cmpuint (g_array_index (strict, WdParagraph, 0).index, ==, 1);
  g_assert_cmpuint (g_array_index (strict, WdParagraph, 1).index, ==, 2);
}

static WdArticle *
two_source_article (const char *body)
{
  WdArticle *article = wd_article_new ();
  g_autoptr(GError) error = NULL;
  WdSource *wire = wd_article_add_source_url (article, "https://www.reuters.com/world/ferries", &error);
  WdSource *plant = wd_article_add_source_url (article, "https://t.me/kesselfish/4417", &error);
  g_autofree char *text = NULL;

  g_assert_no_error (error);
  wd_source_set_label (wire, "Wire report");
  text = g_strdup (body);
  /* "{w}" and "{p}" stand for the sources' generated ids */
  {
    g_auto(GStrv) a = g_strsplit (text, "{w}", -1);
    g_autofree char *b = g_strjoinv (wd_source_get_id (wire), a);
    g_auto(GStrv) c = g_strsplit (b, "{p}", -1);

    g_free (text);
    text = g_strjoinv (wd_source_get_id (plant), c);
  }
  wd_article_set_headline (article, "Ferries halted");
  wd_article_set_body (article, text);

  return article;
}

static void
test_citations_footnotes (void)
{
  g_autoptr(WdArticle) article =
    two_source_article ("Shuttle runs.[^{p}]\n\nFerries stopped.[^{w}][^{p}] Unknown.[^nobody]\n");
  g_autofree char *rendered = wd_citations_to_footnotes (wd_article_get_body (article), article);

  /* numbered by first citation; unknown ids left alone */
  g_assert_cmpstr (rendered, ==,
                   "Shuttle runs.[^1]\n\nFerries stopped.[^2][^1] Unknown.[^nobody]\n"
                   "\n"
                   "[^1]: t.me/kesselfish/4417, <https://t.me/kesselfish/4417>\n"
                   "[^2]: Wire report, <https://www.reuters.com/world/ferries>\n");
}

/* Citations survive saving and reloading, and a Markdown export with
 * footnotes imports back to the same citations. */
static void
test_citations_round_trip (void)
{
  g_autoptr(WdArticle) article =
    two_source_article ("Ferries stopped.[^{w}]\n\nThe plant runs a shuttle.[^{p}][^{w}]");
  g_autoptr(WdArticle) reloaded = NULL;
  g_autoptr(WdArticle) reimported = NULL;
  g_autoptr(GBytes) bytes = wd_native_format_serialize (article);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) warnings = NULL;
  g_autofree char *footnoted = wd_citations_to_footnotes (wd_article_get_body (article), article);
  g_autofree char *markdown = g_strconcat ("# Ferries halted\n\n", footnoted, NULL);
  g_autoptr(GArray) uncited = NULL;
  WdSource *first;

  /* relabel and reorder: ids do not change, so neither do citations */
  wd_source_set_label (wd_article_get_source (article, 1), "Plant channel");
  reloaded = wd_native_format_parse (bytes, "doc", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (wd_citations_count_source (wd_article_get_body (reloaded),
                                               wd_source_get_id (wd_article_get_source (reloaded, 0))), ==, 2);

  reimported = wd_import_text (markdown, -1, WD_IMPORT_FORMAT_MARKDOWN, "x.md", &warnings, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (warnings->len, ==, 0);
  g_assert_cmpuint (wd_article_get_n_sources (reimported), ==, 2);
  g_assert_null (strstr (wd_article_get_body (reimported), "]:"));

  first = wd_article_find_source (reimported, "https://www.reuters.com/world/ferries");
  g_assert_nonnull (first);
  g_assert_cmpstr (wd_source_get_label (first), ==, "Wire report");
  g_assert_cmpuint (wd_citations_count_source (wd_article_get_body (reimported),
                                               wd_source_get_id (first)), ==, 2);

  uncited = wd_citations_uncited_paragraphs (wd_article_get_body (reimported), NULL);
  g_assert_cmpuint (uncited->len, ==, 0);
}

/* Hostile text stays cheap: one 2 MB line of ever longer backtick runs
 * (each without a closer), and markers that never close. */
static void
test_citations_pathological (void)
{
  g_autoptr(GString) line = g_string_new (NULL);
  g_autoptr(GArray) paragraphs = NULL;
  g_autoptr(GArray) citations = NULL;
  gint64 start;

  for (guint run = 1; line->len < 2000000; run++)
    {
      for (guint k = 0; k < run; k++)
        g_string_append_c (line, '`');
      g_string_append (line, " x [^");
    }
  g_string_append (line, "[^ok]");

  start = g_get_monotonic_time ();
  wd_citations_scan (line->str, &paragraphs, &citations);
  g_test_message ("scan: %.1f ms", (g_get_monotonic_time () - start) / 1000.0);
  g_assert_cmpint (g_get_monotonic_time () - start, <, 2 * G_USEC_PER_SEC);
  g_assert_cmpuint (paragraphs->len, ==, 1);
}

/* ------------------------------------------------------------ agreement */

static JsonObject *
parse_export (WdArticle      *article,
              WdExportFormat  format,
              JsonParser     *parser)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = wd_export_serialize (article, format, &error);

  g_assert_no_error (error);
  json_parser_load_from_data (parser, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes), &error);
  g_assert_no_error (error);
  return json_node_get_object (json_parser_get_root (parser));
}

/* The numbers of the references in @text, in order: "[N]" in plain text,
 * the citation markup in HTML. */
static char *
references (const char *text,
            gboolean    html)
{
  g_autoptr(GRegex) regex = g_regex_new (html ? "<sup class=\"citation\"><a href=\"#citation-([0-9]+)\">"
                                              : "\\[([0-9]+)\\]", 0, 0, NULL);
  g_autoptr(GMatchInfo) match = NULL;
  GString *out = g_string_new (NULL);

  g_regex_match (regex, text, 0, &match);
  while (g_match_info_matches (match))
    {
      g_autofree char *number = g_match_info_fetch (match, 1);

      g_string_append_printf (out, "%s%s", out->len > 0 ? " " : "", number);
      g_match_info_next (match, NULL);
    }

  return g_string_free (out, FALSE);
}

static const char *
body_of_type (JsonObject *ninjs,
              const char *content_type)
{
  JsonArray *bodies = json_object_get_array_member (ninjs, "bodies");

  for (guint i = 0; i < json_array_get_length (bodies); i++)
    {
      JsonObject *item = json_array_get_object_element (bodies, i);

      if (g_str_equal (json_object_get_string_member (item, "contentType"), content_type))
        return json_object_get_string_member (item, "value");
    }
  g_assert_not_reached ();
}

/* One body with every kind of tricky marker: the audit, the chips' core
 * (scan and numbering) and every export say the same about what it cites
 * and with which numbers. */
static void
test_citations_agreement (void)
{
  g_autoptr(WdArticle) article = wd_article_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *id200 = g_strnfill (WD_CITATION_MAX_ID, 'k');
  g_autofree char *id201 = g_strnfill (WD_CITATION_MAX_ID + 1, 'k');
  g_autofree char *body = NULL;
  g_autofree char *footnoted = NULL;
  g_autofree char *qname200 = NULL;
  g_autoptr(GArray) citations = NULL;
  g_autoptr(GHashTable) known = NULL;
  g_autoptr(GPtrArray) order = NULL;
  g_autoptr(GPtrArray) unknown = NULL;
  g_autoptr(GPtrArray) warnings = NULL;
  g_autoptr(WdAudit) audit = wd_audit_new ();
  g_autoptr(JsonParser) ninjs_parser = json_parser_new ();
  g_autoptr(JsonParser) jsonld_parser = json_parser_new ();
  g_autoptr(JsonParser) prov_parser = json_parser_new ();
  g_autofree char *html_refs = NULL;
  g_autofree char *text_refs = NULL;
  const char *html, *text;
  JsonObject *ninjs, *jsonld, *prov, *derived;
  JsonArray *cited;
  GListModel *findings;
  gsize nobody_at;
  guint n_unknown = 0, n_unused = 0, n_cite_warnings = 0;
  GString *uncited = g_string_new (NULL);
  g_autofree char *uncited_text = NULL;
  const struct { const char *id; const char *url; } sources[] = {
    { "wire", "https://www.reuters.com/world/ferries" },
    { "plant", "https://t.me/kesselfish/4417" },
    { "ctl\001id", "https://example.org/control" },   /* no marker can name it */
    { id200, "https://example.org/long" },
  };
  struct { const char *qname; gint64 count; } expected_prov[3] = {
    { "source:wire", 3 }, { "source:plant", 3 }, { NULL, 1 },
  };
  const guint expected_numbers[] = { 1, 2, 1, 3, 0, 2, 1, 2 };

  for (guint i = 0; i < G_N_ELEMENTS (sources); i++)
    {
      WdSource *source = wd_article_add_source_url (article, sources[i].url, &error);

      g_assert_no_error (error);
      _wd_source_set_id (source, sources[i].id);
    }
  qname200 = g_strconcat ("source:", id200, NULL);
  expected_prov[2].qname = qname200;

  body = g_strconcat ("Ferries stopped.[^wire][^plant] Again.[^wire]\n\n"
                      "A control byte [^ctl\001id] is text.\n\n"
                      "Too long [^", id201, "] is text, the longest id is not.[^", id200, "]\n\n"
                      "Code `[^plant]` and an escaped \\[^plant] are text.\n\n"
                      "```\n[^wire]\n```\n\n"
                      "Unknown.[^nobody] No link either: [^plant](https://example.org/x)\n\n"
                      /* emphasis closes before a marker; private-use text that
                       * looks like the renderer's placeholder stays text */
                      "Ends _in emphasis_[^wire] {\xee\x80\x80" "0\xee\x80\x80} {[^plant]}\n",
                      NULL);
  wd_article_set_headline (article, "Ferries halted");
  wd_article_set_body (article, body);
  nobody_at = strstr (body, "[^nobody]") - body;

  /* the chips: scanned and numbered in the core */
  wd_citations_scan (body, NULL, &citations);
  known = wd_citations_dup_known_ids (article);
  order = wd_citations_number (citations, known, &unknown);
  g_assert_cmpuint (citations->len, ==, G_N_ELEMENTS (expected_numbers));
  for (guint i = 0; i < citations->len; i++)
    g_assert_cmpuint (g_array_index (citations, WdCitation, i).number, ==, expected_numbers[i]);
  g_assert_cmpuint (g_array_index (citations, WdCitation, 4).start, ==, nobody_at);
  g_assert_cmpuint (order->len, ==, 3);
  g_assert_cmpstr (g_ptr_array_index (order, 0), ==, "wire");
  g_assert_cmpstr (g_ptr_array_index (order, 1), ==, "plant");
  g_assert_cmpstr (g_ptr_array_index (order, 2), ==, id200);
  g_assert_cmpuint (unknown->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (unknown, 0), ==, "nobody");

  /* the audit: the one unknown id at its place, the unciteable source
   * unused, the paragraphs without a known citation uncited */
  findings = wd_audit_run (audit, article);
  for (guint i = 0; i < g_list_model_get_n_items (findings); i++)
    {
      g_autoptr(WdFinding) finding = g_list_model_get_item (findings, i);
      gsize start = 0, end = 0;

      switch (wd_finding_get_code (finding))
        {
        case WD_FINDING_CODE_UNKNOWN_CITATION:
          n_unknown++;
          g_assert_true (wd_finding_get_range (finding, &start, &end));
          g_assert_cmpuint (start, ==, nobody_at);
          g_assert_cmpuint (end, ==, nobody_at + strlen ("[^nobody]"));
          break;
        case WD_FINDING_CODE_UNUSED_SOURCE:
          n_unused++;
          g_assert_cmpstr (wd_finding_get_source_id (finding), ==, "ctl\001id");
          break;
        case WD_FINDING_CODE_UNCITED_PARAGRAPH:
          g_string_append_printf (uncited, "%d ", wd_finding_get_paragraph (finding));
          break;
        default:
          break;
        }
    }
  g_assert_cmpuint (n_unknown, ==, 1);
  g_assert_cmpuint (n_unused, ==, 1);
  uncited_text = g_string_free (uncited, FALSE);
  g_assert_cmpstr (uncited_text, ==, "1 3 4 ");

  /* export warnings: the unknown id, nothing else */
  g_assert_true (wd_export_check (article, &warnings, &error));
  g_assert_no_error (error);
  for (guint i = 0; i < warnings->len; i++)
    if (strstr (g_ptr_array_index (warnings, i), "cites [^") != NULL)
      {
        n_cite_warnings++;
        g_assert_nonnull (strstr (g_ptr_array_index (warnings, i), "[^nobody]"));
      }
  g_assert_cmpuint (n_cite_warnings, ==, 1);

  /* ninjs: the HTML and text renderings number the same references */
  ninjs = parse_export (article, WD_EXPORT_FORMAT_NINJS, ninjs_parser);
  html = body_of_type (ninjs, "text/html");
  text = body_of_type (ninjs, "text/plain");
  html_refs = references (html, TRUE);
  text_refs = references (text, FALSE);
  g_assert_cmpstr (html_refs, ==, "1 2 1 3 2 1 2");
  /* the running text, then the list of the cited sources */
  g_assert_cmpstr (text_refs, ==, "1 2 1 3 2 1 2 1 2 3");
  g_assert_nonnull (strstr (html, "<em>in emphasis</em><sup class=\"citation\"><a href=\"#citation-1\">"));
  g_assert_nonnull (strstr (html, " {\xee\x80\x80" "0\xee\x80\x80} {<sup class=\"citation\"><a href=\"#citation-2\">[2]</a></sup>}"));
  g_assert_nonnull (strstr (html, "<li id=\"citation-3\"><a href=\"https://example.org/long\">"));
  g_assert_null (strstr (html, "<li id=\"citation-4\""));
  g_assert_nonnull (strstr (html, "<code>[^plant]</code>"));
  g_assert_nonnull (strstr (html, "escaped [^plant] are text"));
  g_assert_nonnull (strstr (html, "Unknown.[^nobody]"));
  g_assert_nonnull (strstr (html, "[2]</a></sup>(https://example.org/x)"));
  g_assert_nonnull (strstr (html, "<code>[^wire]\n</code>"));
  g_assert_nonnull (strstr (text, "[^ctl\001id]"));
  g_assert_nonnull (strstr (text, id201));

  /* JSON-LD: the cited sources in footnote order */
  jsonld = parse_export (article, WD_EXPORT_FORMAT_JSONLD, jsonld_parser);
  cited = json_object_get_array_member (jsonld, "citation");
  g_assert_cmpuint (json_array_get_length (cited), ==, 3);
  for (guint i = 0; i < 3; i++)
    g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (cited, i), "url"), ==,
                     wd_source_get_url (wd_article_find_source_by_id (article, g_ptr_array_index (order, i))));

  /* PROV: derived from the cited sources, as often as cited */
  prov = parse_export (article, WD_EXPORT_FORMAT_PROV, prov_parser);
  derived = json_object_get_object_member (prov, "wasDerivedFrom");
  g_assert_cmpuint (json_object_get_size (derived), ==, 3);
  for (guint i = 0; i < 3; i++)
    {
      g_autofree char *name = g_strdup_printf ("_:derived%u", i + 1);
      JsonObject *relation = json_object_get_object_member (derived, name);

      g_assert_cmpstr (json_object_get_string_member (relation, "prov:usedEntity"), ==, expected_prov[i].qname);
      g_assert_cmpint (json_object_get_int_member (relation, "wd:citations"), ==, expected_prov[i].count);
    }

  /* Markdown footnotes */
  footnoted = wd_citations_to_footnotes (body, article);
  g_assert_nonnull (strstr (footnoted, "Ferries stopped.[^1][^2] Again.[^1]"));
  g_assert_nonnull (strstr (footnoted, "the longest id is not.[^3]"));
  g_assert_nonnull (strstr (footnoted, "Unknown.[^nobody] No link either: [^2](https://example.org/x)"));
  g_assert_nonnull (strstr (footnoted, "\n[^3]: example.org/long, <https://example.org/long>\n"));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/citations/scan", test_citations_scan);
  g_test_add_func ("/citations/ids", test_citations_ids);
  g_test_add_func ("/citations/insert", test_citations_insert);
  g_test_add_func ("/citations/remove", test_citations_remove);
  g_test_add_func ("/citations/uncited", test_citations_uncited);
  g_test_add_func ("/citations/footnotes", test_citations_footnotes);
  g_test_add_func ("/citations/round-trip", test_citations_round_trip);
  g_test_add_func ("/citations/pathological", test_citations_pathological);
  g_test_add_func ("/citations/agreement", test_citations_agreement);

  return g_test_run ();
}

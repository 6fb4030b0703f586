/* Export: ninjs 3.1 / 2.2, JSON-LD and native; validated against the
 * official schemas; determinism, refusals, warnings, the CLI. */
#include "config.h"

#include <json-glib/json-glib.h>
#include <string.h>

#include "wd-source-private.h"
#include "wd-export-prov.h"
#include "wd-test-export.h"
#include "wd-test-util.h"
#include "wiredesk-core.h"

/* ------------------------------------------------------------ fixtures */

static WdSource *
add_source (WdArticle     *article,
            const char    *id,
            const char    *url,
            const char    *label,
            WdCheckStatus  status)
{
  g_autoptr(WdSource) source = wd_source_new (url);
  g_autoptr(GError) error = NULL;

  _wd_source_set_id (source, id);
  wd_source_set_label (source, label);
  if (status != WD_CHECK_STATUS_UNCHECKED)
    {
      g_autoptr(WdCheckResult) check = wd_check_result_new (status);

      wd_check_result_set_http_status (check, status == WD_CHECK_STATUS_OK ? 200 : 404);
      wd_check_result_set_text (check, "title", "Checked title");
      wd_check_result_set_text (check, "site-name", "The Daily Example");
      wd_check_result_set_text (check, "author", "A. Reporter");
      wd_check_result_set_text (check, "published", "2026-05-19T08:00:00+01:00");
      wd_source_set_check (source, check);
    }

  g_assert_true (wd_article_insert_source (article, G_MAXUINT, source, &error));
  g_assert_no_error (error);
  return source;
}

/* An article with every field set, two checked sources, a citation of
 * each, one unknown citation marker and one CMS publication. */
static WdArticle *
make_full_article (void)
{
  WdArticle *article = wd_article_new ();
  const char *keywords[] = { "ports", "", "safety", NULL };
  g_autoptr(WdPublication) publication =
    wd_publication_new ("https://cms.example/api/items", "cms-42",
                        "https://news.example/2026/ferries", "2026-05-21T09:00:00Z");

  wd_article_set_headline (article, "Night ferries halted");
  wd_article_set_standfirst (article, "Two vessels out of service.");
  wd_article_set_byline (article, "Ada Editor");
  wd_article_set_dateline (article, "GROSSETO, Italy, 9 July 2026");
  wd_article_set_language (article, "it");
  wd_article_set_status (article, WD_ARTICLE_STATUS_READY);
  wd_article_set_created (article, "2026-05-20T10:00:00+02:00");
  wd_article_set_modified (article, "2026-05-20T12:30:00Z");
  wd_article_set_revision (article, 7);
  wd_article_set_keywords (article, keywords);
  wd_article_set_desk_note (article, "Built on the port's statement.");
  wd_article_set_ed_note (article, "Do not run before the minister speaks.");
  wd_article_set_body (article,
                       "Ferries *stopped* tonight [^s-wire], said the [port](https://port.example/) "
                       "[^s-off].\n\n"
                       "## What next\n\n"
                       "- repairs [^s-wire]\n"
                       "- charter\n\n"
                       "Quote `[^s-off]` stays code; [^nobody] is unknown.\n");

  add_source (article, "s-off", "https://port.example/statement?a=1&b=2", "Port statement",
              WD_CHECK_STATUS_OK);
  {
    WdSource *wire = add_source (article, "s-wire", "https://wire.example/story", "Wire story",
                                 WD_CHECK_STATUS_NOT_FOUND);
    const char * const two[] = { "A. Reporter", "Bea Wire", NULL };

    /* The wire story names two authors; one of them wrote the other too. */
    wd_check_result_set_authors (wd_source_get_check (wire), two);
  }
  wd_article_set_publication (article, publication);

  return article;
}

/* IPTC's schemas, carried in tests/schemas/ninjs/ (see SOURCE.txt there). */
static char *
ninjs_schema (const char *version)
{
  g_autofree char *name = g_strdup_printf ("ninjs-schema_%s.json", version);

  return g_test_build_filename (G_TEST_DIST, "schemas", "ninjs", name, NULL);
}

static char *
jsonld_schema (void)
{
  return g_test_build_filename (G_TEST_DIST, "schemas", "newsarticle-jsonld.schema.json", NULL);
}

/* ------------------------------------------------------------- mapping */

static void
test_ninjs_mapping (void)
{
  g_autoptr(WdArticle) article = make_full_article ();
  g_autoptr(JsonNode) root = NULL;
  JsonObject *o = export_object (article, WD_EXPORT_FORMAT_NINJS, &root);
  JsonObject *item;
  g_autofree char *uri = g_strconcat ("urn:uuid:", wd_article_get_id (article), NULL);
  const char *text, *html;

  g_assert_cmpstr (json_object_get_string_member (o, "uri"), ==, uri);
  g_assert_cmpstr (json_object_get_string_member (o, "type"), ==, "text");
  g_assert_cmpstr (json_object_get_string_member (o, "version"), ==, "7");
  /* Times are RFC 3339 in UTC. */
  g_assert_cmpstr (json_object_get_string_member (o, "firstCreated"), ==, "2026-05-20T08:00:00Z");
  g_assert_cmpstr (json_object_get_string_member (o, "versionCreated"), ==, "2026-05-20T12:30:00Z");
  g_assert_cmpstr (json_object_get_string_member (o, "pubStatus"), ==, "usable");
  g_assert_cmpstr (json_object_get_string_member (o, "edNote"), ==, "Do not run before the minister speaks.");
  g_assert_cmpstr (json_object_get_string_member (o, "language"), ==, "it");
  g_assert_cmpstr (json_object_get_string_member (o, "by"), ==, "Ada Editor");
  g_assert_cmpstr (json_object_get_string_member (o, "located"), ==, "GROSSETO, Italy");

  item = array_object (o, "descriptions", 0);
  g_assert_cmpstr (json_object_get_string_member (item, "role"), ==, "backstory");
  g_assert_cmpstr (json_object_get_string_member (item, "value"), ==, "Built on the port's statement.");

  item = array_object (o, "headlines", 0);
  g_assert_cmpstr (json_object_get_string_member (item, "role"), ==, "main");
  g_assert_cmpstr (json_object_get_string_member (item, "value"), ==, "Night ferries halted");
  item = array_object (o, "headlines", 1);
  g_assert_cmpstr (json_object_get_string_member (item, "role"), ==, "subhead");
  g_assert_cmpstr (json_object_get_string_member (item, "value"), ==, "Two vessels out of service.");

  item = array_object (o, "bodies", 0);
  g_assert_cmpstr (json_object_get_string_member (item, "role"), ==, "main");
  g_assert_cmpstr (json_object_get_string_member (item, "contentType"), ==, "text/plain");
  text = json_object_get_string_member (item, "value");
  /* Markup gone, citations numbered by first use, the list kept. */
  g_assert_true (g_str_has_prefix (text, "Ferries stopped tonight [1], said the port [2].\n\nWhat next\n\n- repairs [1]\n- charter"));
  g_assert_nonnull (strstr (text, "Quote [^s-off] stays code; [^nobody] is unknown."));
  g_assert_true (g_str_has_suffix (text, "\n\n[1] Wire story <https://wire.example/story>\n"
                                         "[2] Port statement <https://port.example/statement?a=1&b=2>"));
  g_assert_cmpint (json_object_get_int_member (item, "wordCount"), >, 10);

  item = array_object (o, "bodies", 1);
  g_assert_cmpstr (json_object_get_string_member (item, "role"), ==, "richtext");
  g_assert_cmpstr (json_object_get_string_member (item, "contentType"), ==, "text/html");
  html = json_object_get_string_member (item, "value");
  g_assert_nonnull (strstr (html, "<em>stopped</em>"));
  g_assert_nonnull (strstr (html, "<h2>What next</h2>"));
  g_assert_nonnull (strstr (html, "<li>repairs <sup class=\"citation\"><a href=\"#citation-1\">[1]</a></sup></li>"));
  g_assert_nonnull (strstr (html, "<a href=\"https://port.example/\">port</a>"));
  g_assert_nonnull (strstr (html, "<code>[^s-off]</code>"));
  g_assert_nonnull (strstr (html, "<li id=\"citation-2\"><a href=\"https://port.example/statement?a=1&amp;b=2\">Port statement</a>, The Daily Example</li>"));

  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (o, "subjects")), ==, 2);
  g_assert_cmpstr (json_object_get_string_member (array_object (o, "subjects", 1), "name"), ==, "safety");

  /* Each source, then each of its authors not named before: a party that
   * provided information. */
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (o, "infoSources")), ==, 4);
  item = array_object (o, "infoSources", 0);
  g_assert_cmpstr (json_object_get_string_member (item, "name"), ==, "Port statement");
  g_assert_cmpstr (json_object_get_string_member (item, "uri"), ==, "https://port.example/statement?a=1&b=2");
  g_assert_cmpstr (json_object_get_string_member (item, "role"), ==,
                   "http://cv.iptc.org/newscodes/contentprodpartyrole/contentSource");
  item = array_object (o, "infoSources", 1);
  g_assert_cmpstr (json_object_get_string_member (item, "name"), ==, "A. Reporter");
  g_assert_cmpstr (json_object_get_string_member (item, "role"), ==,
                   "http://cv.iptc.org/newscodes/contentprodpartyrole/originfo");
  g_assert_false (json_object_has_member (item, "uri"));
  g_assert_cmpstr (json_object_get_string_member (array_object (o, "infoSources", 2), "name"), ==, "Wire story");
  g_assert_cmpstr (json_object_get_string_member (array_object (o, "infoSources", 3), "name"), ==, "Bea Wire");

  item = array_object (o, "altIds", 0);
  g_assert_cmpstr (json_object_get_string_member (item, "role"), ==, "https://cms.example/api/items");
  g_assert_cmpstr (json_object_get_string_member (item, "value"), ==, "cms-42");

  item = json_object_get_object_member (o, "standard");
  g_assert_cmpstr (json_object_get_string_member (item, "name"), ==, "ninjs");
  g_assert_cmpstr (json_object_get_string_member (item, "version"), ==, "3.1");
}

static void
assert_lower_case_keys (JsonNode *node)
{
  if (JSON_NODE_HOLDS_OBJECT (node))
    {
      JsonObjectIter iter;
      const char *name;
      JsonNode *child;

      json_object_iter_init (&iter, json_node_get_object (node));
      while (json_object_iter_next (&iter, &name, &child))
        {
          g_autofree char *lower = g_ascii_strdown (name, -1);

          g_assert_cmpstr (name, ==, lower);
          assert_lower_case_keys (child);
        }
    }
  else if (JSON_NODE_HOLDS_ARRAY (node))
    {
      JsonArray *array = json_node_get_array (node);

      for (guint i = 0; i < json_array_get_length (array); i++)
        assert_lower_case_keys (json_array_get_element (array, i));
    }
}

static void
test_ninjs2_names (void)
{
  g_autoptr(WdArticle) article = make_full_article ();
  g_autoptr(JsonNode) root = NULL;
  JsonObject *o = export_object (article, WD_EXPORT_FORMAT_NINJS2, &root);

  assert_lower_case_keys (root);
  g_assert_cmpstr (json_object_get_string_member (o, "versioncreated"), ==, "2026-05-20T12:30:00Z");
  g_assert_cmpstr (json_object_get_string_member (o, "pubstatus"), ==, "usable");
  g_assert_cmpstr (json_object_get_string_member (o, "ednote"), ==, "Do not run before the minister speaks.");
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (o, "infosources")), ==, 4);
  g_assert_cmpstr (json_object_get_string_member (array_object (o, "altids", 0), "value"), ==, "cms-42");
  g_assert_cmpstr (json_object_get_string_member (array_object (o, "bodies", 1), "contenttype"), ==, "text/html");
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (o, "standard"), "version"), ==, "2.2");
}

static void
test_pub_status (void)
{
  static const struct { WdArticleStatus status; const char *expected; } cases[] = {
    { WD_ARTICLE_STATUS_DRAFT, "withheld" },
    { WD_ARTICLE_STATUS_IN_REVIEW, "withheld" },
    { WD_ARTICLE_STATUS_READY, "usable" },
    { WD_ARTICLE_STATUS_PUBLISHED, "usable" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(WdArticle) article = make_full_article ();
      g_autoptr(JsonNode) root = NULL;
      JsonObject *o;

      wd_article_set_status (article, cases[i].status);
      o = export_object (article, WD_EXPORT_FORMAT_NINJS, &root);
      g_assert_cmpstr (json_object_get_string_member (o, "pubStatus"), ==, cases[i].expected);
    }
}

static void
test_jsonld_mapping (void)
{
  g_autoptr(WdArticle) article = make_full_article ();
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GBytes) bytes = NULL;
  JsonObject *o = export_object (article, WD_EXPORT_FORMAT_JSONLD, &root);
  JsonObject *item;
  JsonArray *citations;

  g_assert_cmpstr (json_object_get_string_member (o, "@context"), ==, "https://schema.org");
  g_assert_cmpstr (json_object_get_string_member (o, "@type"), ==, "NewsArticle");
  g_assert_cmpstr (json_object_get_string_member (o, "headline"), ==, "Night ferries halted");
  g_assert_cmpstr (json_object_get_string_member (o, "alternativeHeadline"), ==, "Two vessels out of service.");
  g_assert_true (g_str_has_prefix (json_object_get_string_member (o, "articleBody"), "Ferries stopped tonight [1]"));
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (o, "author"), "name"), ==, "Ada Editor");
  g_assert_cmpstr (json_object_get_string_member (o, "dateCreated"), ==, "2026-05-20T08:00:00Z");
  g_assert_cmpstr (json_object_get_string_member (o, "dateModified"), ==, "2026-05-20T12:30:00Z");
  /* Published when the CMS said so. */
  g_assert_cmpstr (json_object_get_string_member (o, "datePublished"), ==, "2026-05-21T09:00:00Z");
  g_assert_cmpstr (json_object_get_string_member (o, "url"), ==, "https://news.example/2026/ferries");
  g_assert_cmpstr (json_object_get_string_member (o, "inLanguage"), ==, "it");
  g_assert_cmpstr (json_object_get_string_member (o, "backstory"), ==, "Built on the port's statement.");
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (o, "keywords")), ==, 2);

  item = array_object (o, "identifier", 0);
  g_assert_cmpstr (json_object_get_string_member (item, "value"), ==, wd_article_get_id (article));
  item = array_object (o, "identifier", 1);
  g_assert_cmpstr (json_object_get_string_member (item, "value"), ==, "cms-42");

  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (o, "isBasedOn")), ==, 2);
  item = array_object (o, "isBasedOn", 0);
  g_assert_cmpstr (json_object_get_string_member (item, "headline"), ==, "Checked title");
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (item, "publisher"), "name"),
                   ==, "The Daily Example");
  g_assert_cmpstr (json_object_get_string_member (item, "datePublished"), ==, "2026-05-19T07:00:00Z");

  /* Cited sources, in footnote order: the wire story first. */
  citations = json_object_get_array_member (o, "citation");
  g_assert_cmpuint (json_array_get_length (citations), ==, 2);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (citations, 0), "url"),
                   ==, "https://wire.example/story");
  /* One Person per author: a list for the wire story's two, one object
   * for the statement's one. */
  {
    JsonArray *people = json_object_get_array_member (json_array_get_object_element (citations, 0), "author");
    JsonObject *one = json_object_get_object_member (json_array_get_object_element (citations, 1), "author");

    g_assert_nonnull (people);
    g_assert_cmpuint (json_array_get_length (people), ==, 2);
    g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (people, 0), "@type"), ==, "Person");
    g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (people, 0), "name"), ==, "A. Reporter");
    g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (people, 1), "name"), ==, "Bea Wire");
    g_assert_cmpstr (json_object_get_string_member (one, "name"), ==, "A. Reporter");
  }

  /* The editor's note is internal: never in the public JSON-LD. */
  bytes = wd_export_serialize (article, WD_EXPORT_FORMAT_JSONLD, NULL);
  g_assert_null (g_strstr_len (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes), "minister"));
}

/* Without a publication record, an unpublished article has no datePublished. */
static void
test_jsonld_unpublished (void)
{
  g_autoptr(WdArticle) article = wd_article_new ();
  g_autoptr(JsonNode) root = NULL;
  JsonObject *o;

  wd_article_set_headline (article, "H");
  wd_article_set_body (article, "B");
  o = export_object (article, WD_EXPORT_FORMAT_JSONLD, &root);
  g_assert_false (json_object_has_member (o, "datePublished"));
  g_assert_false (json_object_has_member (o, "isBasedOn"));
  g_assert_false (json_object_has_member (o, "citation"));
  g_assert_false (json_object_has_member (o, "author"));

  wd_article_set_status (article, WD_ARTICLE_STATUS_PUBLISHED);
  g_clear_pointer (&root, json_node_unref);
  o = export_object (article, WD_EXPORT_FORMAT_JSONLD, &root);
  g_assert_cmpstr (json_object_get_string_member (o, "datePublished"), ==,
                   json_object_get_string_member (o, "dateModified"));
}

/* ---------------------------------------------------------- the bodies */

static void
test_html_safe (void)
{
  g_autoptr(WdArticle) article = wd_article_new ();
  g_autoptr(JsonNode) root = NULL;
  JsonObject *o;
  const char *html, *text;

  wd_article_set_headline (article, "H");
  wd_article_set_body (article,
                       "<script>alert('x')</script>\n\n"
                       "Hi <b onclick=\"steal()\">there</b> [click](javascript:alert(1)) "
                       "![img](data:text/html;base64,AAAA) & < >\n\n"
                       "[^<img src=x onerror=y>]");
  o = export_object (article, WD_EXPORT_FORMAT_NINJS, &root);
  html = json_object_get_string_member (array_object (o, "bodies", 1), "value");
  text = json_object_get_string_member (array_object (o, "bodies", 0), "value");

  g_assert_null (strstr (html, "<script"));
  g_assert_null (strstr (html, "onclick"));
  g_assert_null (strstr (html, "javascript:"));
  g_assert_null (strstr (html, "data:text/html"));
  g_assert_null (strstr (html, "<img src=x"));
  g_assert_nonnull (strstr (html, "&amp; &lt; &gt;"));
  g_assert_null (strstr (text, "<script"));
  g_assert_nonnull (strstr (text, "Hi there click img & < >"));
}

static void
test_html_ordered_list (void)
{
  g_autoptr(WdArticle) article = wd_article_new ();
  g_autoptr(JsonNode) root = NULL;
  JsonObject *o;

  wd_article_set_headline (article, "H");
  wd_article_set_body (article, "Intro:\n\n3. three\n4. four\n   - nested\n\n> quoted\n> on two lines\n\nEnd  \nhard break");
  o = export_object (article, WD_EXPORT_FORMAT_NINJS, &root);
  g_assert_cmpstr (json_object_get_string_member (array_object (o, "bodies", 0), "value"), ==,
                   "Intro:\n\n3. three\n4. four\n  - nested\n\nquoted on two lines\n\nEnd\nhard break");
  g_assert_nonnull (strstr (json_object_get_string_member (array_object (o, "bodies", 1), "value"),
                            "<ol start=\"3\">"));
}

/* ------------------------------------------------ determinism, refusals */

static void
test_deterministic (void)
{
  g_autofree char *sample = g_build_filename (g_getenv ("WD_SOURCE_ROOT"), "data", "sample",
                                              "sample.wiredesk", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (sample);

  for (guint f = 0; f < WD_EXPORT_N_FORMATS; f++)
    {
      g_autoptr(WdArticle) a = wd_native_format_load (file, NULL, NULL);
      g_autoptr(WdArticle) b = wd_native_format_load (file, NULL, NULL);
      g_autoptr(WdArticle) full = make_full_article ();
      g_autoptr(GBytes) first = NULL, second = NULL, third = NULL, fourth = NULL;
      const char *data;
      gsize len;

      g_assert_nonnull (a);
      first = wd_export_serialize (a, f, NULL);
      second = wd_export_serialize (b, f, NULL);
      g_assert_true (g_bytes_equal (first, second));

      third = wd_export_serialize (full, f, NULL);
      fourth = wd_export_serialize (full, f, NULL);
      g_assert_true (g_bytes_equal (third, fourth));

      /* UTF-8, one final newline, nothing after the JSON. */
      data = g_bytes_get_data (first, &len);
      g_assert_true (g_utf8_validate_len (data, len, NULL));
      g_assert_cmpint (data[len - 1], ==, '\n');
      g_assert_cmpint (data[len - 2], ==, '}');
      g_assert_null (memchr (data, '\0', len));
    }
}

static void
test_refuse_incomplete (void)
{
  static const struct { const char *headline; const char *body; const char *message; } cases[] = {
    { NULL, "Body", "no headline" },
    { " \t\n", "Body", "no headline" },
    { "Headline", NULL, "no body" },
    { "Headline", "\n\n  ", "no body" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    for (guint f = 0; f < WD_EXPORT_N_FORMATS; f++)
      {
        g_autoptr(WdArticle) article = wd_article_new ();
        g_autoptr(GError) error = NULL;
        g_autoptr(GBytes) bytes = NULL;

        wd_article_set_headline (article, cases[i].headline);
        wd_article_set_body (article, cases[i].body);
        bytes = wd_export_serialize (article, f, &error);
        g_assert_null (bytes);
        g_assert_error (error, WD_ERROR, WD_ERROR_INCOMPLETE);
        g_assert_nonnull (strstr (error->message, cases[i].message));

        g_clear_error (&error);
        g_assert_false (wd_export_check (article, NULL, &error));
        g_assert_error (error, WD_ERROR, WD_ERROR_INCOMPLETE);
      }
}

static gboolean
has_warning (GPtrArray  *warnings,
             const char *a,
             const char *b)
{
  for (guint i = 0; i < warnings->len; i++)
    {
      const char *w = g_ptr_array_index (warnings, i);

      if (strstr (w, a) != NULL && (b == NULL || strstr (w, b) != NULL))
        return TRUE;
    }
  return FALSE;
}

static void
test_warnings (void)
{
  g_autoptr(WdArticle) article = wd_article_new ();
  g_autoptr(GPtrArray) warnings = NULL;
  g_autoptr(GError) error = NULL;

  wd_article_set_headline (article, "H");
  wd_article_set_body (article, "Text [^ok] [^ghost].");

  g_assert_true (wd_export_check (article, &warnings, &error));
  g_assert_no_error (error);
  g_assert_true (has_warning (warnings, "no sources", NULL));
  g_clear_pointer (&warnings, g_ptr_array_unref);

  add_source (article, "ok", "https://ok.example/", "Fine", WD_CHECK_STATUS_OK);
  add_source (article, "new", "https://new.example/", "Fresh", WD_CHECK_STATUS_UNCHECKED);
  add_source (article, "gone", "https://gone.example/", "Gone", WD_CHECK_STATUS_NOT_FOUND);
  add_source (article, "wall", "https://wall.example/", "Walled", WD_CHECK_STATUS_BLOCKED);

  g_assert_true (wd_export_check (article, &warnings, &error));
  g_assert_cmpuint (warnings->len, ==, 4);
  g_assert_false (has_warning (warnings, "Fine", NULL));
  g_assert_true (has_warning (warnings, "Fresh", "never been checked"));
  g_assert_true (has_warning (warnings, "Gone", "not-found, HTTP 404"));
  g_assert_true (has_warning (warnings, "Walled", "could not be verified"));
  g_assert_true (has_warning (warnings, "[^ghost]", "no source has that id"));
}

static void
test_located (void)
{
  static const struct { const char *dateline; const char *located; } cases[] = {
    { "PORT ELLERY, 3 November 2026", "PORT ELLERY" },
    { "GROSSETO, Italy", "GROSSETO, Italy" },
    { "Paris, Nov. 3, 2026", "Paris" },
    { "  Kyiv ,  ", "Kyiv" },
    { "2026-11-03", NULL },
    { "", NULL },
    { NULL, NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(WdArticle) article = wd_article_new ();
      g_autoptr(JsonNode) root = NULL;
      JsonObject *o;

      wd_article_set_headline (article, "H");
      wd_article_set_body (article, "B");
      wd_article_set_dateline (article, cases[i].dateline);
      o = export_object (article, WD_EXPORT_FORMAT_NINJS, &root);
      if (cases[i].located == NULL)
        g_assert_false (json_object_has_member (o, "located"));
      else
        g_assert_cmpstr (json_object_get_string_member (o, "located"), ==, cases[i].located);
    }
}

/* A made-up article with many non-ASCII texts and URLs. */
static WdArticle *
make_unicode_article (void)
{
  WdArticle *article = wd_article_new ();
  const char *keywords[] = { "東京", "Ελλάδα", "🚢", NULL };

  wd_article_set_headline (article, "Fähren in Köln 🚢 — «نعم» 東京");
  wd_article_set_standfirst (article, "Zürich\u2028Genève");
  wd_article_set_body (article, "Ünïcödé **fett** [^ü] \"quotes\" \\ back\tslash \x01 end");
  wd_article_set_keywords (article, keywords);
  wd_article_set_language (article, "de");
  add_source (article, "ü", "https://de.wikipedia.org/wiki/Köln", NULL, WD_CHECK_STATUS_UNCHECKED);
  add_source (article, "b", "https://example.com/a%20b/\"q\"", "Quote", WD_CHECK_STATUS_UNCHECKED);

  return article;
}

static void
test_unicode (void)
{
  g_autoptr(WdArticle) article = make_unicode_article ();
  g_autoptr(GBytes) bytes = wd_export_serialize (article, WD_EXPORT_FORMAT_NINJS, NULL);
  g_autoptr(JsonNode) root = NULL;
  JsonObject *o = export_object (article, WD_EXPORT_FORMAT_NINJS, &root);

  /* Written as UTF-8, not escaped. */
  g_assert_nonnull (g_strstr_len (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes), "Köln 🚢"));
  g_assert_cmpstr (json_object_get_string_member (array_object (o, "headlines", 0), "value"), ==,
                   "Fähren in Köln 🚢 — «نعم» 東京");
  /* IRIs are percent-encoded into URIs; existing escapes kept. */
  g_assert_cmpstr (json_object_get_string_member (array_object (o, "infoSources", 0), "uri"), ==,
                   "https://de.wikipedia.org/wiki/K%C3%B6ln");
  g_assert_cmpstr (json_object_get_string_member (array_object (o, "infoSources", 1), "uri"), ==,
                   "https://example.com/a%20b/%22q%22");
  g_assert_true (g_str_has_prefix (json_object_get_string_member (array_object (o, "bodies", 0), "value"),
                                   "Ünïcödé fett [1]"));
}

/* --------------------------------------------------- schema validation */

static void
validate_all_formats (WdArticle  *article,
                      const char *what)
{
  g_autofree char *ninjs3 = ninjs_schema ("3.1");
  g_autofree char *ninjs2 = ninjs_schema ("2.2");
  g_autofree char *jsonld = jsonld_schema ();
  g_autoptr(GBytes) b3 = NULL, b2 = NULL, bld = NULL;
  g_autoptr(GError) error = NULL;

  b3 = wd_export_serialize (article, WD_EXPORT_FORMAT_NINJS, &error);
  g_assert_no_error (error);
  b2 = wd_export_serialize (article, WD_EXPORT_FORMAT_NINJS2, &error);
  g_assert_no_error (error);
  bld = wd_export_serialize (article, WD_EXPORT_FORMAT_JSONLD, &error);
  g_assert_no_error (error);

  wd_test_assert_valid (ninjs3, b3, what);
  wd_test_assert_valid (ninjs2, b2, what);
  wd_test_assert_valid (jsonld, bld, what);
}

static void
test_validate_sample (void)
{
  g_autofree char *sample = g_build_filename (g_getenv ("WD_SOURCE_ROOT"), "data", "sample",
                                              "sample.wiredesk", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (sample);
  g_autoptr(GError) error = NULL;
  g_autoptr(WdArticle) article = wd_native_format_load (file, NULL, &error);

  g_assert_no_error (error);
  validate_all_formats (article, "the bundled sample");
}

static void
test_validate_synthesis (void)
{
  g_autofree char *path = wd_test_data_path (WD_TEST_ARTICLE);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  g_autoptr(WdArticle) article = NULL;
  g_autoptr(JsonNode) root = NULL;
  JsonObject *o;

  article = wd_import_file (file, WD_IMPORT_FORMAT_AUTO, NULL, NULL, &error);
  g_assert_no_error (error);
  validate_all_formats (article, "the imported test synthesis");

  /* What the file says is what the export carries. */
  o = export_object (article, WD_EXPORT_FORMAT_NINJS, &root);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (o, "infoSources")), ==, 8);
  g_assert_cmpstr (json_object_get_string_member (array_object (o, "infoSources", 2), "uri"), ==,
                   "https://www.gov.uk/government/news/kestrel-bay-pilotage-mediator");
  g_assert_cmpstr (json_object_get_string_member (array_object (o, "infoSources", 2), "name"), ==,
                   "Department for Transport statement");
  g_assert_cmpstr (json_object_get_string_member (array_object (o, "headlines", 0), "value"), ==,
                   "Harbour Pilots Walk Out at Kestrel Bay, Stranding Forty Ships in the Roads");
  g_assert_true (g_str_has_prefix (json_object_get_string_member (array_object (o, "descriptions", 0), "value"),
                                   "Wires framed this as a freight story."));
  g_assert_nonnull (strstr (json_object_get_string_member (array_object (o, "bodies", 1), "value"),
                            "<h2>The Government Steps In</h2>"));

  /* JSON-LD names each source's kind in schema.org's words: an agency's
   * or a paper's story, a post, a reference page, anything else. */
  {
    static const char * const types[] = {
      "NewsArticle", "CreativeWork", "CreativeWork", "SocialMediaPosting", "SocialMediaPosting",
      "NewsArticle", "WebPage", "CreativeWork",
    };
    g_autoptr(JsonNode) ld_root = NULL;
    JsonObject *ld = export_object (article, WD_EXPORT_FORMAT_JSONLD, &ld_root);

    g_assert_cmpuint (json_array_get_length (json_object_get_array_member (ld, "isBasedOn")), ==, 8);
    for (guint i = 0; i < G_N_ELEMENTS (types); i++)
      {
        JsonObject *item = array_object (ld, "isBasedOn", i);

        g_assert_cmpstr (json_object_get_string_member (item, "url"), ==,
                         json_object_get_string_member (array_object (o, "infoSources", i), "uri"));
        g_assert_cmpstr (json_object_get_string_member (item, "@type"), ==, types[i]);
      }
  }
}

static void
test_validate_minimal (void)
{
  g_autoptr(WdArticle) article = wd_article_new ();
  g_autoptr(JsonNode) root = NULL;
  JsonObject *o;

  /* Every optional field empty. */
  wd_article_set_headline (article, "Only a headline");
  wd_article_set_body (article, "And a body.");
  wd_article_set_language (article, NULL);
  wd_article_set_created (article, NULL);
  wd_article_set_modified (article, NULL);
  validate_all_formats (article, "a minimal article");

  o = export_object (article, WD_EXPORT_FORMAT_NINJS, &root);
  for (guint i = 0; i < 8; i++)
    {
      static const char * const absent[] = { "edNote", "descriptions", "subjects", "infoSources",
                                              "by", "located", "altIds", "firstCreated" };

      g_assert_false (json_object_has_member (o, absent[i]));
    }
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (o, "headlines")), ==, 1);
}

static void
test_validate_full_and_unicode (void)
{
  g_autoptr(WdArticle) full = make_full_article ();
  g_autoptr(WdArticle) unicode = make_unicode_article ();

  validate_all_formats (full, "an article with every field and citations");
  validate_all_formats (unicode, "an article in many scripts");
}

static void
test_validate_many_sources (void)
{
  g_autoptr(WdArticle) article = wd_article_new ();
  g_autoptr(GString) body = g_string_new ("Many sources.");
  g_autoptr(JsonNode) root = NULL;
  JsonObject *o;

  wd_article_set_headline (article, "Two thousand sources");
  for (guint i = 0; i < 2000; i++)
    {
      g_autofree char *id = g_strdup_printf ("src-%u", i);
      g_autofree char *url = g_strdup_printf ("https://source%u.example/item/%u", i % 50, i);

      add_source (article, id, url, NULL, i % 3 == 0 ? WD_CHECK_STATUS_OK : WD_CHECK_STATUS_UNCHECKED);
      if (i % 100 == 0)
        g_string_append_printf (body, " Claim [^%s].", id);
    }
  wd_article_set_body (article, body->str);

  validate_all_formats (article, "an article with 2000 sources");

  o = export_object (article, WD_EXPORT_FORMAT_NINJS, &root);
  /* every source, and the one author their checks name (once) */
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (o, "infoSources")), ==, 2001);
  g_assert_nonnull (strstr (json_object_get_string_member (array_object (o, "bodies", 1), "value"),
                            "<li id=\"citation-20\">"));
}

/* The validator is real: it rejects what the schema forbids. */
static void
test_validator_rejects (void)
{
  g_autofree char *ninjs3 = ninjs_schema ("3.1");
  g_autofree char *ninjs2 = ninjs_schema ("2.2");
  g_autoptr(WdArticle) article = make_full_article ();
  g_autoptr(GBytes) good = NULL;
  static const struct { const char *from; const char *to; const char *expect; } breakages[] = {
    { "\"type\" : \"text\"", "\"type\" : \"text\", \"wiredesk\" : 1", "wiredesk" },
    { "\"pubStatus\" : \"usable\"", "\"pubStatus\" : \"maybe\"", "maybe" },
    { "\"version\" : \"7\"", "\"version\" : 7", "7" },
    { "\"role\" : \"backstory\"", "\"rolle\" : \"backstory\"", "rolle" },
    { "\"versionCreated\" : \"2026-05-20T12:30:00Z\"", "\"versionCreated\" : \"20 May 2026\"", "20 May 2026" },
    { "\"uri\" : \"https://wire.example/story\"", "\"uri\" : \"wire story\"", "wire story" },
  };

  good = wd_export_serialize (article, WD_EXPORT_FORMAT_NINJS, NULL);
  wd_test_assert_valid (ninjs3, good, "the unbroken document");

  /* A 3.1 document is not a 2.2 one (camelCase names). */
  {
    g_autofree char *report = NULL;

    g_assert_cmpint (wd_test_validate_json (ninjs2, good, &report), ==, 1);
    g_assert_nonnull (strstr (report, "versionCreated"));
  }

  for (guint i = 0; i < G_N_ELEMENTS (breakages); i++)
    {
      g_autofree char *text = g_strndup (g_bytes_get_data (good, NULL), g_bytes_get_size (good));
      g_autofree char *report = NULL;
      g_autoptr(GString) broken = g_string_new (text);
      g_autoptr(GBytes) bytes = NULL;

      g_assert_cmpuint (g_string_replace (broken, breakages[i].from, breakages[i].to, 1), ==, 1);
      bytes = g_bytes_new (broken->str, broken->len);
      g_assert_cmpint (wd_test_validate_json (ninjs3, bytes, &report), ==, 1);
      g_assert_nonnull (strstr (report, breakages[i].expect));
    }
}

/* ------------------------------------------------- native: the ed note */

static void
test_native_ed_note (void)
{
  g_autoptr(WdArticle) article = make_full_article ();
  g_autoptr(GBytes) bytes = wd_native_format_serialize (article);
  g_autoptr(GBytes) again = NULL;
  g_autoptr(WdArticle) loaded = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = g_strndup (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
  const char *desk = strstr (text, "\"desk_note\"");
  const char *ed = strstr (text, "\"ed_note\"");
  WdPublication *publication;

  /* Stored right after the desk note. */
  g_assert_nonnull (desk);
  g_assert_nonnull (ed);
  g_assert_true (ed > desk);
  g_assert_null (memchr (desk, '}', ed - desk));
  g_assert_cmpuint (g_strstr_len (desk, ed - desk, "\n") - desk, ==,
                    strchr (desk, '\n') - desk);
  g_assert_true (g_str_has_prefix (strchr (desk, '\n'), "\n    \"ed_note\" : \"Do not run"));

  loaded = wd_native_format_parse (bytes, "t.wiredesk", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (wd_article_get_ed_note (loaded), ==, "Do not run before the minister speaks.");
  publication = wd_article_find_publication (loaded, "https://cms.example/api/items");
  g_assert_nonnull (publication);
  g_assert_cmpstr (wd_publication_get_remote_id (publication), ==, "cms-42");
  g_assert_cmpstr (wd_publication_get_url (publication), ==, "https://news.example/2026/ferries");
  g_assert_cmpstr (wd_publication_get_at (publication), ==, "2026-05-21T09:00:00Z");

  again = wd_native_format_serialize (loaded);
  g_assert_true (g_bytes_equal (bytes, again));

  /* A document without the member loads with no note. */
  {
    g_autoptr(WdArticle) blank = wd_article_new ();
    g_autoptr(GBytes) plain = NULL;
    g_autoptr(WdArticle) back = NULL;

    plain = wd_native_format_serialize (blank);
    g_assert_null (g_strstr_len (g_bytes_get_data (plain, NULL), g_bytes_get_size (plain), "\"published\""));
    back = wd_native_format_parse (plain, "b.wiredesk", &error);
    g_assert_no_error (error);
    g_assert_null (wd_article_get_ed_note (back));
  }
}

static void
test_native_published_errors (void)
{
  static const char * const bad[] = {
    "[{\"endpoint\": \"https://a.example/\"}]",
    "[{\"endpoint\": \"https://a.example/\", \"remote_id\": \"1\", \"at\": \"yesterday\"}]",
    "[{\"endpoint\": \"e\", \"remote_id\": \"1\"}, {\"endpoint\": \"e\", \"remote_id\": \"2\"}]",
    "[3]",
    "{}",
  };

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autofree char *doc =
        g_strdup_printf ("{\"format\": \"wiredesk\", \"version\": 1, \"article\": "
                         "{\"id\": \"x\", \"published\": %s}}", bad[i]);
      g_autoptr(GBytes) bytes = g_bytes_new (doc, strlen (doc));
      g_autoptr(GError) error = NULL;
      g_autoptr(WdArticle) article = wd_native_format_parse (bytes, "p.wiredesk", &error);

      g_assert_null (article);
      g_assert_error (error, WD_ERROR, WD_ERROR_FIELD);
      g_assert_nonnull (strstr (error->message, "article.published"));
    }
}

/* ------------------------------------------------------------- the CLI */

static char *
write_article (const char *dir,
               const char *name,
               WdArticle  *article)
{
  g_autofree char *path = g_build_filename (dir, name, NULL);
  g_autoptr(GBytes) bytes = wd_native_format_serialize (article);
  g_autoptr(GError) error = NULL;

  g_file_set_contents (path, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes), &error);
  g_assert_no_error (error);
  return g_steal_pointer (&path);
}

static void
test_cli_formats (void)
{
  g_autofree char *dir = wd_test_make_tmpdir ();
  g_autoptr(WdArticle) article = make_full_article ();
  g_autofree char *path = write_article (dir, "story.wiredesk", article);

  for (guint f = 0; f < WD_EXPORT_N_FORMATS; f++)
    {
      const char *name = wd_export_format_get_name (f);
      g_autofree char *out_path = g_build_filename (dir, name, NULL);
      g_autofree char *out = NULL, *err = NULL, *written = NULL;
      g_autoptr(GBytes) expected = wd_export_serialize (article, f, NULL);
      const char *to_stdout[] = { "export", path, "--format", name, NULL };
      const char *to_file[] = { "export", path, "-f", name, "-o", out_path, NULL };
      gsize len;

      g_assert_cmpint (wd_test_run_wiredesk (to_stdout, NULL, &out, &err), ==, 0);
      g_assert_cmpmem (out, strlen (out), g_bytes_get_data (expected, NULL), g_bytes_get_size (expected));
      /* Warnings (a broken source, an unknown citation) on stderr only. */
      g_assert_nonnull (strstr (err, "warning: source “Wire story”"));
      g_assert_nonnull (strstr (err, "[^nobody]"));

      g_clear_pointer (&out, g_free);
      g_clear_pointer (&err, g_free);
      g_assert_cmpint (wd_test_run_wiredesk (to_file, NULL, &out, &err), ==, 0);
      g_assert_cmpstr (out, ==, "");
      g_assert_true (g_file_get_contents (out_path, &written, &len, NULL));
      g_assert_cmpmem (written, len, g_bytes_get_data (expected, NULL), g_bytes_get_size (expected));
    }

  wd_test_rmdir_r (dir);
}

static void
test_cli_all (void)
{
  g_autofree char *dir = wd_test_make_tmpdir ();
  g_autoptr(WdArticle) article = make_full_article ();
  g_autofree char *path = write_article (dir, "story.wiredesk", article);
  g_autofree char *outdir = g_build_filename (dir, "out", "nested", NULL);
  g_autofree char *out = NULL, *err = NULL;
  const char *args[] = { "export", path, "--all", outdir, NULL };
  const char *same_dir[] = { "export", path, "--all", dir, NULL };
  const char *bad[] = { "export", path, "--all", outdir, "--format", "ninjs", NULL };

  g_assert_cmpint (wd_test_run_wiredesk (args, NULL, &out, &err), ==, 0);
  for (guint f = 0; f < WD_EXPORT_N_FORMATS; f++)
    {
      g_autofree char *name = g_strconcat ("story", wd_export_format_get_extension (f), NULL);
      g_autofree char *file = g_build_filename (outdir, name, NULL);
      g_autofree char *written = NULL;
      g_autoptr(GBytes) expected = wd_export_serialize (article, f, NULL);
      gsize len;

      g_assert_true (g_file_get_contents (file, &written, &len, NULL));
      g_assert_cmpmem (written, len, g_bytes_get_data (expected, NULL), g_bytes_get_size (expected));
    }

  /* --all includes the provenance, the same as `audit --prov` writes. */
  {
    g_autofree char *prov_path = g_build_filename (outdir, "story.prov.json", NULL);
    g_autofree char *prov = NULL;
    g_autoptr(GBytes) expected = wd_export_prov (article);
    gsize len;

    g_assert_true (g_file_get_contents (prov_path, &prov, &len, NULL));
    g_assert_cmpmem (prov, len, g_bytes_get_data (expected, NULL), g_bytes_get_size (expected));
    g_assert_nonnull (strstr (prov, "\"wasDerivedFrom\""));
  }

  /* Never over the document itself. */
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (wd_test_run_wiredesk (same_dir, NULL, &out, &err), ==, 2);
  g_assert_nonnull (strstr (err, "over the document itself"));

  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (wd_test_run_wiredesk (bad, NULL, &out, &err), ==, 2);
  g_assert_nonnull (strstr (err, "--all"));

  wd_test_rmdir_r (dir);
}

static void
test_cli_refusals (void)
{
  g_autofree char *dir = wd_test_make_tmpdir ();
  g_autoptr(WdArticle) no_headline = wd_article_new ();
  g_autoptr(WdArticle) no_body = wd_article_new ();
  g_autofree char *p1 = NULL, *p2 = NULL, *out_path = g_build_filename (dir, "out.json", NULL);

  wd_article_set_body (no_headline, "Body only.");
  wd_article_set_headline (no_body, "Headline only");
  p1 = write_article (dir, "nh.wiredesk", no_headline);
  p2 = write_article (dir, "nb.wiredesk", no_body);

  {
    g_autofree char *out = NULL, *err = NULL;
    const char *args[] = { "export", p1, "--format", "ninjs", "-o", out_path, NULL };

    g_assert_cmpint (wd_test_run_wiredesk (args, NULL, &out, &err), ==, 2);
    g_assert_true (g_str_has_prefix (err, p1));
    g_assert_nonnull (strstr (err, "no headline"));
    g_assert_false (g_file_test (out_path, G_FILE_TEST_EXISTS));
  }
  {
    g_autofree char *out = NULL, *err = NULL;
    const char *args[] = { "export", p2, "--all", dir, NULL };

    g_assert_cmpint (wd_test_run_wiredesk (args, NULL, &out, &err), ==, 2);
    g_assert_nonnull (strstr (err, "no body"));
  }
  {
    g_autofree char *out = NULL, *err = NULL;
    const char *args[] = { "export", p2, "--format", "rss", NULL };

    g_assert_cmpint (wd_test_run_wiredesk (args, NULL, &out, &err), ==, 2);
    g_assert_nonnull (strstr (err, "unknown format “rss”"));
  }
  {
    g_autofree char *out = NULL, *err = NULL;
    const char *args[] = { "export", p2, NULL };

    g_assert_cmpint (wd_test_run_wiredesk (args, NULL, &out, &err), ==, 2);
    g_assert_nonnull (strstr (err, "--format or --all is required"));
  }

  wd_test_rmdir_r (dir);
}

static void
test_cli_strict (void)
{
  g_autofree char *dir = wd_test_make_tmpdir ();
  g_autoptr(WdArticle) clean = wd_article_new ();
  g_autoptr(WdArticle) dirty = wd_article_new ();
  g_autofree char *clean_path = NULL, *dirty_path = NULL;
  g_autofree char *out_path = g_build_filename (dir, "out.json", NULL);

  wd_article_set_headline (clean, "Clean");
  wd_article_set_body (clean, "Checked [^a].");
  add_source (clean, "a", "https://a.example/", "A", WD_CHECK_STATUS_OK);
  wd_article_set_headline (dirty, "Dirty");
  wd_article_set_body (dirty, "Unchecked.");
  add_source (dirty, "b", "https://b.example/", "B", WD_CHECK_STATUS_UNCHECKED);
  clean_path = write_article (dir, "clean.wiredesk", clean);
  dirty_path = write_article (dir, "dirty.wiredesk", dirty);

  {
    g_autofree char *out = NULL, *err = NULL;
    const char *args[] = { "export", dirty_path, "--format", "ninjs", "--strict", "-o", out_path, NULL };

    g_assert_cmpint (wd_test_run_wiredesk (args, NULL, &out, &err), ==, 1);
    g_assert_nonnull (strstr (err, "error: source “B”"));
    g_assert_nonnull (strstr (err, "nothing written"));
    g_assert_false (g_file_test (out_path, G_FILE_TEST_EXISTS));
  }
  {
    g_autofree char *out = NULL, *err = NULL;
    const char *args[] = { "export", dirty_path, "--format", "ninjs", "-o", out_path, NULL };

    g_assert_cmpint (wd_test_run_wiredesk (args, NULL, &out, &err), ==, 0);
    g_assert_nonnull (strstr (err, "warning: source “B”"));
    g_assert_true (g_file_test (out_path, G_FILE_TEST_EXISTS));
  }
  {
    g_autofree char *out = NULL, *err = NULL;
    const char *args[] = { "export", clean_path, "--format", "jsonld", "--strict", NULL };

    g_assert_cmpint (wd_test_run_wiredesk (args, NULL, &out, &err), ==, 0);
    g_assert_cmpstr (err, ==, "");
    g_assert_nonnull (strstr (out, "\"NewsArticle\""));
  }

  wd_test_rmdir_r (dir);
}

/* Import a text synthesis and export it in one step. */
static void
test_cli_from_text (void)
{
  g_autofree char *path = wd_test_data_path (WD_TEST_ARTICLE);
  g_autofree char *out = NULL, *err = NULL;
  g_autofree char *schema = ninjs_schema ("3.1");
  g_autoptr(GBytes) bytes = NULL;
  const char *args[] = { "export", path, "--format", "ninjs", NULL };

  g_assert_cmpint (wd_test_run_wiredesk (args, NULL, &out, &err), ==, 0);
  g_assert_nonnull (strstr (err, "has never been checked"));
  bytes = g_bytes_new (out, strlen (out));
  wd_test_assert_valid (schema, bytes, "the CLI's ninjs export of the test synthesis");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/export/ninjs/mapping", test_ninjs_mapping);
  g_test_add_func ("/export/ninjs2/names", test_ninjs2_names);
  g_test_add_func ("/export/ninjs/pub-status", test_pub_status);
  g_test_add_func ("/export/jsonld/mapping", test_jsonld_mapping);
  g_test_add_func ("/export/jsonld/unpublished", test_jsonld_unpublished);
  g_test_add_func ("/export/body/safe-html", test_html_safe);
  g_test_add_func ("/export/body/lists-and-quotes", test_html_ordered_list);
  g_test_add_func ("/export/deterministic", test_deterministic);
  g_test_add_func ("/export/refuse/incomplete", test_refuse_incomplete);
  g_test_add_func ("/export/warnings", test_warnings);
  g_test_add_func ("/export/located", test_located);
  g_test_add_func ("/export/unicode", test_unicode);
  g_test_add_func ("/export/validate/sample", test_validate_sample);
  g_test_add_func ("/export/validate/synthesis", test_validate_synthesis);
  g_test_add_func ("/export/validate/minimal", test_validate_minimal);
  g_test_add_func ("/export/validate/full-and-unicode", test_validate_full_and_unicode);
  g_test_add_func ("/export/validate/2000-sources", test_validate_many_sources);
  g_test_add_func ("/export/validate/rejects-invalid", test_validator_rejects);
  g_test_add_func ("/native-format/ed-note/round-trip", test_native_ed_note);
  g_test_add_func ("/native-format/published/errors", test_native_published_errors);
  g_test_add_func ("/export/cli/formats", test_cli_formats);
  g_test_add_func ("/export/cli/all", test_cli_all);
  g_test_add_func ("/export/cli/refusals", test_cli_refusals);
  g_test_add_func ("/export/cli/strict", test_cli_strict);
  g_test_add_func ("/export/cli/from-text", test_cli_from_text);

  return g_test_run ();
}

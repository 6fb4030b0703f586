/* Publishing to a real WordPress.
 *
 * tests/cms/wordpress-site starts one throwaway site for the whole suite
 * from Debian's packages (wordpress, mariadb-server, php-cli, php-mysql):
 * MariaDB on a private socket, php -S on 127.0.0.1, an editor with an
 * application password, the Wiredesk mu-plugin. Without those packages
 * every test is skipped, naming what is missing; a site that does not
 * start fails them. What the tests read back, they read through the REST
 * API, as any client of the site would.
 */
#include "config.h"

#include <json-glib/json-glib.h>
#include <glib/gstdio.h>
#include <libsoup/soup.h>
#include <string.h>

#include "wd-test-publish.h"
#include "wd-test-util.h"
#include "wd-test-wordpress.h"
#include "wiredesk-core.h"

#define SECTION "Business"

/* The suite's site, and what the tests keep beside it. */
static WdTestWordpress *site;
static char *documents;    /* RUN/documents: gone with the site, even after a crash */
static guint n_documents;
static GString *outputs;   /* everything the CLI printed, for the leak check */

static const char *
raw_member (JsonObject *post,
            const char *member)
{
  return json_object_get_string_member (json_object_get_object_member (post, member), "raw");
}

static GStrv
sorted (const char * const *strings)
{
  return wd_test_sort_strv (g_strdupv ((char **) strings));
}

/* ------------------------------------------------------------ documents */

static char *
document_path (void)
{
  g_autofree char *name = g_strdup_printf ("story-%u.wiredesk", ++n_documents);

  return g_build_filename (documents, name, NULL);
}

static WdArticle *
load (const char *path)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  WdArticle *article = wd_native_format_load (file, NULL, &error);

  g_assert_no_error (error);
  return article;
}

static void
save (WdArticle  *article,
      const char *path)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;

  wd_native_format_save (article, file, NULL, &error);
  g_assert_no_error (error);
}

/* The project's test synthesis imported with the CLI into a new document,
 * then given what an editor adds before publishing: a standfirst, an
 * editor's note (internal), keywords (one naming the site's section), two
 * citations. */
static char *
imported_synthesis (void)
{
  g_autofree char *example = wd_test_data_path (WD_TEST_ARTICLE);
  g_autofree char *path = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autoptr(WdArticle) article = NULL;
  g_auto(GStrv) paragraphs = NULL;
  g_autofree char *body = NULL;
  static const char * const keywords[] = { "Ports", "Industrial action", "Shipping",
                                           "business", NULL };

  path = document_path ();
  g_assert_cmpint (wd_test_run_wiredesk ((const char *[]) { "import", example, "-o", path, NULL },
                                         NULL, &out, &err), ==, 0);

  article = load (path);
  g_assert_cmpuint (wd_article_get_n_sources (article), ==, 8);
  wd_article_set_standfirst (article, "Forty ships wait outside Kestrel Bay as its pilots stop work over night shifts.");
  wd_article_set_ed_note (article, "Internal: embargo until the desk meeting.");
  wd_article_set_keywords (article, keywords);

  /* Cite the third source in the first paragraph, the fourth in the second. */
  paragraphs = g_strsplit (wd_article_get_body (article), "\n\n", -1);
  g_assert_cmpuint (g_strv_length (paragraphs), >, 2);
  for (guint i = 0; i < 2; i++)
    {
      WdSource *source = wd_article_get_source (article, i + 2);
      char *cited = g_strdup_printf ("%s [^%s]", paragraphs[i], wd_source_get_id (source));

      g_free (paragraphs[i]);
      paragraphs[i] = cited;
    }
  body = g_strjoinv ("\n\n", paragraphs);
  wd_article_set_body (article, body);

  save (article, path);
  return g_steal_pointer (&path);
}

/* ------------------------------------------------------------ publishing */

/* `wiredesk publish PATH --endpoint ENDPOINT --format wordpress`, the
 * credential in its environment, every debug message on. */
static int
cli_publish (const char  *path,
             const char  *endpoint,
             const char  *credential,
             char       **out,
             char       **err)
{
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GSubprocess) proc = NULL;
  g_autoptr(GError) error = NULL;
  const char *argv[] = { g_getenv ("WD_BINARY"), "publish", path, "--endpoint", endpoint,
                         "--format", "wordpress", "--attempts", "2", "--timeout", "20", NULL };

  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_PIPE);
  g_subprocess_launcher_setenv (launcher, "WIREDESK_PUBLISH_TOKEN", credential, TRUE);
  g_subprocess_launcher_setenv (launcher, "G_MESSAGES_DEBUG", "all", TRUE);
  g_subprocess_launcher_unsetenv (launcher, "DISPLAY");
  g_subprocess_launcher_unsetenv (launcher, "WAYLAND_DISPLAY");

  proc = g_subprocess_launcher_spawnv (launcher, argv, &error);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8 (proc, NULL, NULL, out, err, &error);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_get_if_exited (proc));

  g_string_append (outputs, *out);
  g_string_append (outputs, *err);
  if (g_subprocess_get_exit_status (proc) != 0)
    g_test_message ("wiredesk publish exited with %d:\n%s", g_subprocess_get_exit_status (proc), *err);

  return g_subprocess_get_exit_status (proc);
}

/* Whether a line of @text starts with @prefix (debug messages go to
 * standard output too). */
static gboolean
has_line (const char *text,
          const char *prefix)
{
  g_auto(GStrv) lines = g_strsplit (text, "\n", -1);

  for (guint i = 0; lines[i] != NULL; i++)
    if (g_str_has_prefix (lines[i], prefix))
      return TRUE;
  return FALSE;
}

static WdPublication *
publish (WdArticle         *article,
         const char        *endpoint,
         const char        *credential,
         WdPublishOutcome  *outcome,
         GError           **error)
{
  g_autoptr(WdPublisher) publisher = wd_publisher_new ();

  wd_publisher_set_timeout (publisher, 20);
  wd_publisher_set_max_attempts (publisher, 2);
  wd_publisher_set_retry_delay (publisher, 50);

  return wd_test_publish (publisher, article, endpoint, WD_PUBLISH_PROFILE_WORDPRESS, credential,
                          NULL, outcome, error);
}

/* The document at @path published with the CLI, which said a line
 * starting with @said (all it said in @out, when not NULL); the document
 * as the CLI saved it. */
static WdArticle *
publish_document (const char  *path,
                  const char  *said,
                  char       **out)
{
  g_autofree char *printed = NULL;
  g_autofree char *err = NULL;

  g_assert_cmpint (cli_publish (path, site->url, site->credential, &printed, &err), ==, 0);
  g_assert_true (has_line (printed, said));
  if (out != NULL)
    *out = g_steal_pointer (&printed);

  return load (path);
}

static const char *
published_id (WdArticle *article)
{
  WdPublication *publication = wd_article_find_publication (article, site->url);

  g_assert_nonnull (publication);
  return wd_publication_get_remote_id (publication);
}

/* ---------------------------------------------------------------- tests */

/* php -S listens on 127.0.0.1 and nowhere else; MariaDB on no TCP port. */
static void
test_listens_locally (void)
{
  g_autoptr(GPtrArray) php_addresses = NULL;
  g_autoptr(GPtrArray) mariadb_addresses = NULL;
  g_autofree char *expected = NULL;

  if (!wd_test_wordpress_ready (site))
    return;

  php_addresses = wd_test_wordpress_listening (site, "php.pid");
  mariadb_addresses = wd_test_wordpress_listening (site, "mariadbd.pid");

  expected = g_strdup_printf ("0100007F:%04X", (guint) g_ascii_strtoull (strrchr (site->url, ':') + 1, NULL, 10));
  g_assert_cmpuint (php_addresses->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (php_addresses, 0), ==, expected);
  g_assert_cmpuint (mariadb_addresses->len, ==, 0);
}

/* The body as the export renders it for a CMS: ninjs's richtext. */
static char *
exported_html (WdArticle *article)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) ninjs = wd_export_serialize (article, WD_EXPORT_FORMAT_NINJS, &error);
  g_autoptr(JsonNode) root = NULL;
  JsonArray *bodies;

  g_assert_no_error (error);
  root = json_from_string (g_bytes_get_data (ninjs, NULL), &error);
  g_assert_no_error (error);

  bodies = json_object_get_array_member (json_node_get_object (root), "bodies");
  for (guint i = 0; i < json_array_get_length (bodies); i++)
    {
      JsonObject *body = json_array_get_object_element (bodies, i);

      if (g_strcmp0 (json_object_get_string_member (body, "role"), "richtext") == 0)
        return g_strdup (json_object_get_string_member (body, "value"));
    }

  g_assert_not_reached ();
}

/* The imported synthesis, published as a draft with the CLI, read back. */
static void
test_publish_draft (void)
{
  g_autofree char *path = NULL;
  g_autofree char *out = NULL;
  g_autofree char *said = NULL;
  g_autofree char *html = NULL;
  g_autofree char *expected_content = NULL;
  g_autoptr(WdArticle) article = NULL;
  g_autoptr(JsonNode) root = NULL;
  g_auto(GStrv) tags = NULL;
  g_auto(GStrv) expected_tags = NULL;
  WdPublication *publication;
  const char *note, *content;
  JsonObject *post;
  JsonArray *categories;
  gint64 section;

  if (!wd_test_wordpress_ready (site))
    return;
  path = imported_synthesis ();

  section = wd_test_wordpress_category (site, SECTION);
  article = publish_document (path, "Created item ", &out);

  /* The post's id and link are in the document, and were said. */
  publication = wd_article_find_publication (article, site->url);
  g_assert_nonnull (publication);
  said = g_strdup_printf ("Created item %s at %s — %s", wd_publication_get_remote_id (publication),
                          site->url, wd_publication_get_url (publication));
  g_assert_true (has_line (out, said));

  post = wd_test_wordpress_get_post (site, wd_publication_get_remote_id (publication), &root);
  g_assert_cmpstr (json_object_get_string_member (post, "link"), ==, wd_publication_get_url (publication));
  g_assert_cmpstr (json_object_get_string_member (post, "status"), ==, "draft");
  g_assert_cmpstr (raw_member (post, "title"), ==, wd_article_get_headline (article));
  g_assert_cmpstr (raw_member (post, "excerpt"), ==, wd_article_get_standfirst (article));
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (post, "meta"),
                                                  "wiredesk_article_id"), ==, wd_article_get_id (article));

  /* The body as the export renders it (citations as footnotes), then the
   * desk note: stored as sent, nothing filtered out. */
  html = exported_html (article);
  note = wd_article_get_desk_note (article);
  g_assert_null (strpbrk (note, "&<>\n"));  /* one paragraph, nothing to escape */
  expected_content = g_strdup_printf ("%s<aside class=\"wiredesk-desk-note\">\n<p>%s</p>\n</aside>\n",
                                      html, note);
  content = raw_member (post, "content");
  g_assert_cmpstr (content, ==, expected_content);
  g_assert_nonnull (strstr (content, "<h2>How the Dispute Began</h2>"));
  g_assert_nonnull (strstr (content, "<a href=\"#citation-2\">[2]</a>"));
  for (guint i = 2; i < 4; i++)
    g_assert_nonnull (strstr (content, wd_source_get_url (wd_article_get_source (article, i))));
  /* The editor's note is the desk's, never the site's. */
  g_assert_null (strstr (content, wd_article_get_ed_note (article)));

  /* Keywords: the one naming the site's section files the post there,
   * the others are tags, made for the occasion. */
  categories = json_object_get_array_member (post, "categories");
  g_assert_cmpuint (json_array_get_length (categories), ==, 1);
  g_assert_cmpint (json_array_get_int_element (categories, 0), ==, section);
  tags = wd_test_wordpress_term_names (site, "tags", json_object_get_array_member (post, "tags"));
  expected_tags = sorted ((const char *[]) { "Ports", "Industrial action", "Shipping", NULL });
  g_assert_cmpstrv (tags, expected_tags);

  g_assert_cmpuint (wd_test_wordpress_count_posts (site, wd_article_get_id (article)), ==, 1);
}

/* Publishing again after an edit updates the same post, with the record in
 * the document and, once it is lost, by the article id alone. */
static void
test_publish_again (void)
{
  g_autofree char *path = NULL;
  g_autofree char *first_id = NULL;
  g_autofree char *body = NULL;
  g_autoptr(WdArticle) article = NULL;
  g_autoptr(WdArticle) forgetful = NULL;
  g_autoptr(WdPublication) publication = NULL;
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) tags = NULL;
  g_auto(GStrv) expected_tags = NULL;
  static const char * const keywords[] = { "Ports", "Mediation", NULL };
  WdPublishOutcome outcome;
  JsonObject *post;

  if (!wd_test_wordpress_ready (site))
    return;
  path = imported_synthesis ();

  /* The same article, saved elsewhere before it was ever published. */
  forgetful = load (path);

  article = publish_document (path, "Created item ", NULL);
  first_id = g_strdup (published_id (article));

  wd_article_set_headline (article, "Kestrel Bay pilots and port authority agree to meet a mediator");
  body = g_strconcat (wd_article_get_body (article), "\n\nAn added closing paragraph.", NULL);
  wd_article_set_body (article, body);
  wd_article_set_keywords (article, keywords);
  wd_article_set_status (article, WD_ARTICLE_STATUS_IN_REVIEW);
  save (article, path);
  g_clear_object (&article);

  article = publish_document (path, "Updated item ", NULL);
  g_assert_cmpstr (published_id (article), ==, first_id);
  g_assert_cmpuint (wd_test_wordpress_count_posts (site, wd_article_get_id (article)), ==, 1);

  post = wd_test_wordpress_get_post (site, first_id, &root);
  g_assert_cmpstr (raw_member (post, "title"), ==, wd_article_get_headline (article));
  g_assert_nonnull (strstr (raw_member (post, "content"), "<p>An added closing paragraph.</p>"));
  g_assert_cmpstr (json_object_get_string_member (post, "status"), ==, "pending");
  tags = wd_test_wordpress_term_names (site, "tags", json_object_get_array_member (post, "tags"));
  expected_tags = sorted (keywords);
  g_assert_cmpstrv (tags, expected_tags);

  /* The copy without the record (an older save, another desk): the
   * article id finds the post. */
  g_assert_null (wd_article_find_publication (forgetful, site->url));
  wd_article_set_body (forgetful, "Rewritten from the other desk.");
  publication = publish (forgetful, site->url, site->credential, &outcome, &error);
  g_assert_no_error (error);
  g_assert_cmpint (outcome, ==, WD_PUBLISH_OUTCOME_UPDATED);
  g_assert_cmpstr (wd_publication_get_remote_id (publication), ==, first_id);
  g_assert_cmpuint (wd_test_wordpress_count_posts (site, wd_article_get_id (article)), ==, 1);
}

/* A correction marked after publishing goes out with the next publish,
 * appended to the post after the desk note, with its date. */
static void
test_publish_correction (void)
{
  g_autofree char *path = NULL;
  g_autofree char *body = NULL;
  g_autofree char *expected = NULL;
  g_autoptr(WdArticle) article = NULL;
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) corrections = NULL;
  WdCorrection *correction;
  const char *content, *aside;
  JsonObject *post;

  if (!wd_test_wordpress_ready (site) || (path = imported_synthesis ()) == NULL)
    return;

  article = publish_document (path, "Created item ", NULL);
  body = g_strconcat (wd_article_get_body (article), "\n\nThe hire was in March, not April.", NULL);
  wd_article_set_body (article, body);
  g_assert_true (wd_history_mark_correction (wd_article_get_history (article), article,
                                             "An earlier version said April & <not> March.", &error));
  g_assert_no_error (error);
  save (article, path);
  g_clear_object (&article);

  article = publish_document (path, "Updated item ", NULL);
  corrections = wd_history_list_corrections (wd_article_get_history (article), NULL);
  g_assert_cmpuint (corrections->len, ==, 1);
  correction = g_ptr_array_index (corrections, 0);

  post = wd_test_wordpress_get_post (site, published_id (article), &root);
  content = raw_member (post, "content");
  expected = g_strdup_printf ("<aside class=\"wiredesk-corrections\">\n<p class=\"wiredesk-correction\">"
                              "<time datetime=\"%s\">%.10s</time> An earlier version said April &amp; "
                              "&lt;not&gt; March.</p>\n</aside>\n", correction->at, correction->at);
  aside = strstr (content, "<aside class=\"wiredesk-corrections\">");
  g_assert_nonnull (aside);
  g_assert_cmpstr (aside, ==, expected);
  /* After the desk note, which is still there. */
  g_assert_nonnull (strstr (content, "<aside class=\"wiredesk-desk-note\">"));
  g_assert_true (strstr (content, "<aside class=\"wiredesk-desk-note\">") < aside);
  g_assert_nonnull (strstr (content, "<p>The hire was in March, not April.</p>"));
}

/* A post deleted on the site (for good, or into the trash) is made again,
 * and the editor is told. */
static void
test_deleted_on_site (void)
{
  g_autofree char *path = NULL;
  g_autofree char *out = NULL;
  g_autofree char *first_id = NULL;
  g_autoptr(WdArticle) article = NULL;
  g_autoptr(WdPublication) publication = NULL;
  g_autoptr(GError) error = NULL;
  WdPublishOutcome outcome;

  if (!wd_test_wordpress_ready (site))
    return;
  path = imported_synthesis ();

  article = publish_document (path, "Created item ", NULL);
  first_id = g_strdup (published_id (article));
  wd_test_wordpress_delete_post (site, first_id, TRUE);
  g_clear_object (&article);

  article = publish_document (path, "Created item ", &out);
  g_assert_nonnull (strstr (out, "again"));
  g_assert_cmpstr (published_id (article), !=, first_id);
  g_assert_cmpuint (wd_test_wordpress_count_posts (site, wd_article_get_id (article)), ==, 1);

  /* Into the trash: the same. */
  wd_test_wordpress_delete_post (site, published_id (article), FALSE);
  publication = publish (article, site->url, site->credential, &outcome, &error);
  g_assert_no_error (error);
  g_assert_cmpint (outcome, ==, WD_PUBLISH_OUTCOME_RECREATED);
  g_assert_cmpuint (wd_test_wordpress_count_posts (site, wd_article_get_id (article)), ==, 1);
}

/* The site's other addresses: ?rest_route= given, and the REST root. */
static void
test_endpoint_forms (void)
{
  g_autofree char *path = NULL;
  g_autofree char *query_form = NULL;
  g_autofree char *recorded = NULL;
  g_autofree char *rest_root = NULL;
  g_autoptr(WdArticle) article = NULL;
  g_autoptr(WdPublication) first = NULL;
  g_autoptr(WdPublication) second = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) root = NULL;
  WdPublishOutcome outcome;

  if (!wd_test_wordpress_ready (site))
    return;
  path = imported_synthesis ();

  article = load (path);
  query_form = g_strconcat (site->url, "/?rest_route=/wp/v2/posts/", NULL);
  first = publish (article, query_form, site->credential, &outcome, &error);
  g_assert_no_error (error);
  g_assert_cmpint (outcome, ==, WD_PUBLISH_OUTCOME_CREATED);
  /* Recorded under the normalised form. */
  recorded = g_strconcat (site->url, "/?rest_route=/wp/v2/posts", NULL);
  g_assert_cmpstr (wd_publication_get_endpoint (first), ==, recorded);
  wd_test_wordpress_get_post (site, wd_publication_get_remote_id (first), &root);

  /* "…/wp-json" on a site with plain permalinks: the REST API is found at
   * ?rest_route=, and the article id finds the same post. */
  rest_root = g_strconcat (site->url, "/wp-json/", NULL);
  second = publish (article, rest_root, site->credential, &outcome, &error);
  g_assert_no_error (error);
  g_assert_cmpint (outcome, ==, WD_PUBLISH_OUTCOME_UPDATED);
  g_assert_cmpstr (wd_publication_get_remote_id (second), ==, wd_publication_get_remote_id (first));
}

static void
test_wrong_password (void)
{
  g_autofree char *path = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autofree char *wrong = NULL;
  g_autoptr(WdArticle) article = NULL;
  g_autoptr(WdPublication) publication = NULL;
  g_autoptr(GError) error = NULL;
  const char *colon;

  if (!wd_test_wordpress_ready (site))
    return;
  path = imported_synthesis ();

  /* The right user, another password of the same shape. */
  colon = strchr (site->credential, ':');
  wrong = g_strdup (site->credential);
  for (char *p = wrong + (colon - site->credential) + 1; *p != '\0'; p++)
    *p = *p == 'x' ? 'y' : 'x';

  article = load (path);
  publication = publish (article, site->url, wrong, NULL, &error);
  g_assert_null (publication);
  g_assert_error (error, WD_PUBLISH_ERROR, WD_PUBLISH_ERROR_UNAUTHORIZED);
  g_assert_nonnull (strstr (error->message, "HTTP 401"));
  g_assert_null (strstr (error->message, colon + 1));
  g_assert_null (wd_article_find_publication (article, site->url));

  /* The CLI says what to do about it, and records nothing. */
  g_assert_cmpint (cli_publish (path, site->url, wrong, &out, &err), ==, 1);
  g_assert_nonnull (strstr (err, "--login"));
  g_assert_nonnull (strstr (err, "application-password"));
  g_assert_null (strstr (out, colon + 1));
  g_assert_null (strstr (err, colon + 1));
  g_clear_object (&article);
  article = load (path);
  g_assert_null (wd_article_find_publication (article, site->url));
}

/* Not WordPress: a site whose every address is an HTML page. */
static void
on_static_page (SoupServer        *server,
                SoupServerMessage *msg,
                const char        *path,
                GHashTable        *query,
                gpointer           user_data)
{
  static const char page[] = "<!doctype html><title>Newsroom</title><p>Welcome.</p>";

  soup_server_message_set_status (msg, 200, NULL);
  soup_server_message_set_response (msg, "text/html", SOUP_MEMORY_STATIC, page, strlen (page));
}

static void
test_not_wordpress (void)
{
  g_autoptr(SoupServer) server = soup_server_new (NULL, NULL);
  g_autoptr(WdArticle) article = wd_article_new ();
  g_autoptr(WdPublication) publication = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *endpoint = NULL;
  GSList *uris;

  /* No WordPress needed: the point is that there is none. */
  soup_server_add_handler (server, NULL, on_static_page, NULL, NULL);
  soup_server_listen_local (server, 0, SOUP_SERVER_LISTEN_IPV4_ONLY, &error);
  g_assert_no_error (error);
  uris = soup_server_get_uris (server);
  endpoint = g_strdup_printf ("http://127.0.0.1:%d", g_uri_get_port (uris->data));
  g_slist_free_full (uris, (GDestroyNotify) g_uri_unref);

  wd_article_set_headline (article, "Night ferries halted");
  wd_article_set_body (article, "Both vessels are out of service.");
  publication = publish (article, endpoint, "editor:abcd efgh ijkl mnop", NULL, &error);
  g_assert_null (publication);
  g_assert_error (error, WD_PUBLISH_ERROR, WD_PUBLISH_ERROR_NOT_FOUND);
  g_assert_nonnull (strstr (error->message, "?rest_route="));
  g_assert_null (wd_article_find_publication (article, endpoint));
}

/* The site down: the network error, after the retries; back up, publishing
 * works again. */
static void
test_site_down (void)
{
  g_autofree char *path = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autoptr(WdArticle) article = NULL;
  g_autoptr(WdPublication) publication = NULL;
  g_autoptr(GError) error = NULL;
  WdPublishOutcome outcome;

  if (!wd_test_wordpress_ready (site))
    return;
  path = imported_synthesis ();

  g_assert_cmpint (wd_test_wordpress_command (site, "web-stop"), ==, 0);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  article = load (path);
  publication = publish (article, site->url, site->credential, NULL, &error);
  g_assert_null (publication);
  g_assert_error (error, WD_PUBLISH_ERROR, WD_PUBLISH_ERROR_NETWORK);

  g_assert_cmpint (cli_publish (path, site->url, site->credential, &out, &err), ==, 1);
  g_assert_nonnull (strstr (err, "could not reach"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  g_assert_cmpint (wd_test_wordpress_command (site, "web-start"), ==, 0);
  g_clear_error (&error);
  publication = publish (article, site->url, site->credential, &outcome, &error);
  g_assert_no_error (error);
  g_assert_cmpint (outcome, ==, WD_PUBLISH_OUTCOME_CREATED);
}

static gboolean
holds (const char *data,
       gsize       len,
       const char *secret)
{
  return memmem (data, len, secret, strlen (secret)) != NULL;
}

/* Whether any file under @dir (but the site's own credential file) holds
 * one of @secrets; names the first in @where. */
static gboolean
tree_holds (const char  *dir,
            const char **secrets,
            char       **where)
{
  g_autoptr(GDir) listing = g_dir_open (dir, 0, NULL);
  const char *name;

  while (listing != NULL && (name = g_dir_read_name (listing)) != NULL)
    {
      g_autofree char *child = g_build_filename (dir, name, NULL);
      g_autofree char *data = NULL;
      gsize len;

      if (g_file_test (child, G_FILE_TEST_IS_SYMLINK))
        continue;
      if (g_file_test (child, G_FILE_TEST_IS_DIR))
        {
          if (tree_holds (child, secrets, where))
            return TRUE;
          continue;
        }
      if (g_str_equal (name, "credential") || !g_file_get_contents (child, &data, &len, NULL))
        continue;
      for (guint i = 0; secrets[i] != NULL; i++)
        if (holds (data, len, secrets[i]))
          {
            *where = g_steal_pointer (&child);
            return TRUE;
          }
    }

  return FALSE;
}

/* Nothing the CLI printed (debug messages included), no document and no
 * file of the site (logs, database) holds the application password. The
 * test publishes on its own (a success, a wrong password, the site down),
 * so it checks something when run alone; run after the others it checks
 * what they printed too. */
static void
test_credential_never_leaks (void)
{
  g_autofree char *encoded = NULL;
  g_autofree char *where = NULL;
  g_autofree char *path = NULL;
  g_autofree char *wrong = NULL;
  const char *password;

  if (!wd_test_wordpress_ready (site))
    return;

  path = imported_synthesis ();
  {
    g_autofree char *out = NULL, *err = NULL;

    g_assert_cmpint (cli_publish (path, site->url, site->credential, &out, &err), ==, 0);
    g_assert_nonnull (strstr (out, "Created item "));
  }
  /* a wrong password of the same user: the 401 path's messages */
  wrong = g_strconcat (site->credential, "x", NULL);
  {
    g_autofree char *out = NULL, *err = NULL;

    g_assert_cmpint (cli_publish (path, site->url, wrong, &out, &err), ==, 1);
  }

  g_assert_cmpuint (outputs->len, >, 0);
  password = strchr (site->credential, ':') + 1;
  encoded = g_base64_encode ((const guchar *) site->credential, strlen (site->credential));

  {
    g_autofree char *escaped = g_uri_escape_string (password, NULL, FALSE);
    const char *secrets[] = { password, encoded, escaped, NULL };

    for (guint i = 0; secrets[i] != NULL; i++)
      g_assert_false (holds (outputs->str, outputs->len, secrets[i]));
    /* The documents are in the run directory. */
    g_assert_false (tree_holds (site->run_dir, secrets, &where));
    g_assert_null (where);
  }
}

int
main (int    argc,
      char **argv)
{
  int status;

  g_test_init (&argc, &argv, NULL);

  /* The credential comes from the environment only: no keyring here. */
  g_setenv ("DBUS_SESSION_BUS_ADDRESS", "unix:path=/nonexistent/wiredesk-test-bus", TRUE);

  g_test_add_func ("/wordpress/site/listens-locally", test_listens_locally);
  g_test_add_func ("/wordpress/publish/draft", test_publish_draft);
  g_test_add_func ("/wordpress/publish/again", test_publish_again);
  g_test_add_func ("/wordpress/publish/correction", test_publish_correction);
  g_test_add_func ("/wordpress/publish/deleted-on-site", test_deleted_on_site);
  g_test_add_func ("/wordpress/publish/endpoint-forms", test_endpoint_forms);
  g_test_add_func ("/wordpress/error/wrong-password", test_wrong_password);
  g_test_add_func ("/wordpress/error/not-wordpress", test_not_wordpress);
  g_test_add_func ("/wordpress/error/site-down", test_site_down);
  g_test_add_func ("/wordpress/secret/never-leaks", test_credential_never_leaks);

  outputs = g_string_new (NULL);
  site = wd_test_wordpress_start ();
  if (site->url != NULL)
    {
      /* Inside the run directory: the watcher removes it even after a crash. */
      documents = g_build_filename (site->run_dir, "documents", NULL);
      g_assert_cmpint (g_mkdir (documents, 0700), ==, 0);
    }

  status = g_test_run ();

  wd_test_wordpress_stop (site);
  g_free (documents);
  g_string_free (outputs, TRUE);

  return status;
}

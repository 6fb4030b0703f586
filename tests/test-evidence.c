/* The evidence package: captures of a local site's pages as WARC records
 * in a WACZ beside the document, checked with our reader, with libzip and
 * the test's own digests, and (--warcio) with the independent warcio. */
#include "config.h"

#include <libsoup/soup.h>
#include <string.h>
#include <zip.h>
#include <zlib.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>

#include "wiredesk-core.h"
#include "wd-test-util.h"
#include "wd-evidence-private.h"
#include "wd-warc-private.h"

/* ------------------------------------------------------------ the site */

typedef struct
{
  SoupServer   *server;
  GMainContext *context;
  GMainLoop    *loop;
  GThread      *thread;
  GMutex        lock;
  GCond         ready;
  guint         port;
  guint         version;   /* what /changing says; 0 = gone (404) */
  GPtrArray    *kept_open; /* connections left open after a whole answer (site thread) */
} Site;

static GBytes *
gzip_bytes (const char *text)
{
  z_stream z = { 0, };
  guint8 out[8192];

  deflateInit2 (&z, 6, Z_DEFLATED, 16 + MAX_WBITS, 8, Z_DEFAULT_STRATEGY);
  z.next_in = (Bytef *) text;
  z.avail_in = strlen (text);
  z.next_out = out;
  z.avail_out = sizeof out;
  g_assert_cmpint (deflate (&z, Z_FINISH), ==, Z_STREAM_END);
  deflateEnd (&z);
  return g_bytes_new (out, sizeof out - z.avail_out);
}

static void
serve (SoupServer        *server,
       SoupServerMessage *msg,
       const char        *path,
       GHashTable        *query,
       gpointer           data)
{
  Site *site = data;
  SoupMessageHeaders *headers = soup_server_message_get_response_headers (msg);

  if (g_str_equal (path, "/story"))
    {
      const char *page = "<html><head><title>Council vote</title></head><body><h1>Council vote</h1>"
                         "<p>The mayor said \xe2\x80\x9cwe will not raise taxes this year\xe2\x80\x9d after the vote.</p>"
                         "</body></html>";
      soup_server_message_set_status (msg, 200, NULL);
      soup_server_message_set_response (msg, "text/html; charset=utf-8", SOUP_MEMORY_STATIC,
                                        page, strlen (page));
    }
  else if (g_str_equal (path, "/moved"))
    {
      soup_server_message_set_redirect (msg, 302, "/story");
    }
  else if (g_str_equal (path, "/latin1"))
    {
      /* "Zürich" in ISO-8859-1. */
      const char *page = "<html><body><p>Z\xfcrich approved the plan.</p></body></html>";
      soup_server_message_set_status (msg, 200, NULL);
      soup_server_message_set_response (msg, "text/html; charset=iso-8859-1", SOUP_MEMORY_STATIC,
                                        page, strlen (page));
    }
  else if (g_str_equal (path, "/gzip"))
    {
      g_autoptr(GBytes) body = gzip_bytes ("<html><body><p>Compressed words arrive intact.</p></body></html>");
      soup_message_headers_replace (headers, "Content-Encoding", "gzip");
      soup_server_message_set_status (msg, 200, NULL);
      soup_server_message_set_response (msg, "text/html", SOUP_MEMORY_COPY,
                                        g_bytes_get_data (body, NULL), g_bytes_get_size (body));
    }
  else if (g_str_equal (path, "/changing"))
    {
      guint version;
      g_autofree char *page = NULL;

      g_mutex_lock (&site->lock);
      version = site->version;
      g_mutex_unlock (&site->lock);

      if (version == 0)
        {
          soup_server_message_set_status (msg, 404, NULL);
          return;
        }
      page = g_strdup_printf ("<html><head><title>Edition %u</title></head><body>"
                              "<p>The minister said the budget is final in edition %u.</p></body></html>",
                              version, version);
      soup_server_message_set_status (msg, 200, NULL);
      soup_server_message_set_response (msg, "text/html", SOUP_MEMORY_COPY, page, strlen (page));
    }
  else if (g_str_equal (path, "/http10"))
    {
      const char *page = "<html><head><title>Old server</title></head><body><p>Answered in HTTP/1.0.</p></body></html>";

      /* An old server: whatever came, it answers HTTP/1.0 (as Python's http.server does). */
      soup_server_message_set_http_version (msg, SOUP_HTTP_1_0);
      soup_server_message_set_status (msg, 200, NULL);
      soup_server_message_set_response (msg, "text/html", SOUP_MEMORY_STATIC, page, strlen (page));
    }
  else if (g_str_equal (path, "/huge"))
    {
      gsize len = 3 * 1024 * 1024 / 2;
      char *page = g_malloc (len);

      memset (page, 'a', len);
      memcpy (page, "<html><body><h1>Huge</h1><p>", 28);
      soup_server_message_set_status (msg, 200, NULL);
      soup_server_message_set_response (msg, "text/html", SOUP_MEMORY_TAKE, page, len);
    }
  else if (g_str_equal (path, "/gone"))
    {
      const char *page = "<html><body><p>This story has been removed by the publisher.</p></body></html>";
      soup_server_message_set_status (msg, 404, NULL);
      soup_server_message_set_response (msg, "text/html", SOUP_MEMORY_STATIC, page, strlen (page));
    }
  else if (g_str_equal (path, "/broken"))
    {
      const char *page = "<html><body><p>Something went wrong on our side.</p></body></html>";
      soup_server_message_set_status (msg, 500, NULL);
      soup_server_message_set_response (msg, "text/html", SOUP_MEMORY_STATIC, page, strlen (page));
    }
  else if (g_str_equal (path, "/doc.pdf"))
    {
      soup_server_message_set_status (msg, 200, NULL);
      soup_server_message_set_response (msg, "application/pdf", SOUP_MEMORY_STATIC,
                                        "%PDF-1.4 a report", 17);
    }
  else if (g_str_equal (path, "/gzip-chunked"))
    {
      g_autoptr(GBytes) body = gzip_bytes ("<html><body><p>Chunks of compressed words.</p></body></html>");
      SoupMessageBody *out = soup_server_message_get_response_body (msg);
      gsize half = g_bytes_get_size (body) / 2;

      soup_message_headers_set_encoding (headers, SOUP_ENCODING_CHUNKED);
      soup_message_headers_replace (headers, "Content-Encoding", "gzip");
      soup_message_headers_set_content_type (headers, "text/html", NULL);
      soup_server_message_set_status (msg, 200, NULL);
      soup_message_body_append (out, SOUP_MEMORY_COPY, g_bytes_get_data (body, NULL), half);
      soup_message_body_append (out, SOUP_MEMORY_COPY, (const char *) g_bytes_get_data (body, NULL) + half,
                                g_bytes_get_size (body) - half);
      soup_message_body_complete (out);
    }
  else if (g_str_equal (path, "/gzip-chunked-kept-open"))
    {
      /* The same in three chunks, the last with the body's end, written at
       * once on a connection that then stays open. */
      g_autoptr(GBytes) body = gzip_bytes ("<html><body><p>Chunks of compressed words.</p></body></html>");
      const char *bytes = g_bytes_get_data (body, NULL);
      gsize len = g_bytes_get_size (body);
      g_autoptr(GString) raw = g_string_new ("HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n"
                                             "Content-Encoding: gzip\r\nTransfer-Encoding: chunked\r\n\r\n");
      GIOStream *stream;

      for (gsize at = 0, n; at < len; at += n)
        {
          n = MIN (len - at, len / 3 + 1);
          g_string_append_printf (raw, "%zx\r\n", n);
          g_string_append_len (raw, bytes + at, n);
          g_string_append (raw, "\r\n");
        }
      g_string_append (raw, "0\r\n\r\n");
      stream = soup_server_message_steal_connection (msg);
      g_output_stream_write_all (g_io_stream_get_output_stream (stream), raw->str, raw->len, NULL, NULL, NULL);
      g_ptr_array_add (site->kept_open, stream);
    }
  else if (g_str_equal (path, "/refresh"))
    {
      const char *page = "<html><head><meta http-equiv=\"refresh\" content=\"0; url=/story\">"
                         "<title>Moving</title></head><body><p>This page moves on.</p></body></html>";
      soup_server_message_set_status (msg, 200, NULL);
      soup_server_message_set_response (msg, "text/html", SOUP_MEMORY_STATIC, page, strlen (page));
    }
  else if (g_str_equal (path, "/stall-404"))
    {
      /* The head and a first chunk, then nothing until the test ends. */
      soup_message_headers_set_encoding (headers, SOUP_ENCODING_CHUNKED);
      soup_message_headers_set_content_type (headers, "text/html", NULL);
      soup_server_message_set_status (msg, 404, NULL);
      soup_message_body_append (soup_server_message_get_response_body (msg), SOUP_MEMORY_STATIC,
                                "<html><body><p>partial", 22);
    }
  else if (g_str_equal (path, "/script-only"))
    {
      /* An app page: nothing to read until a script runs. */
      const char *page = "<html><head><title>App</title></head><body><div id=\"root\"></div>"
                         "<script>document.getElementById('root').textContent = 'hello';</script>"
                         "</body></html>";
      soup_server_message_set_status (msg, 200, NULL);
      soup_server_message_set_response (msg, "text/html", SOUP_MEMORY_STATIC, page, strlen (page));
    }
  else if (g_str_equal (path, "/hop"))
    {
      /* Head and body in one write, as servers send a short redirect. */
      const char *raw = "HTTP/1.1 301 Moved Permanently\r\nLocation: /story\r\n"
                        "Content-Type: text/html\r\nContent-Length: 31\r\nConnection: close\r\n\r\n"
                        "<a href=\"/story\">Moved here</a>";
      g_autoptr(GIOStream) stream = soup_server_message_steal_connection (msg);

      g_output_stream_write_all (g_io_stream_get_output_stream (stream), raw, strlen (raw), NULL, NULL, NULL);
      g_io_stream_close (stream, NULL, NULL);
    }
  else
    soup_server_message_set_status (msg, 404, NULL);
}

static gpointer
site_thread (gpointer data)
{
  Site *site = data;
  g_autoptr(GError) error = NULL;
  GSList *uris;

  g_main_context_push_thread_default (site->context);
  site->kept_open = g_ptr_array_new_with_free_func (g_object_unref);
  site->server = soup_server_new (NULL, NULL);
  soup_server_add_handler (site->server, NULL, serve, site, NULL);
  g_assert_true (soup_server_listen_local (site->server, 0, SOUP_SERVER_LISTEN_IPV4_ONLY, &error));
  g_assert_no_error (error);
  uris = soup_server_get_uris (site->server);

  g_mutex_lock (&site->lock);
  site->port = g_uri_get_port (uris->data);
  g_cond_signal (&site->ready);
  g_mutex_unlock (&site->lock);
  g_slist_free_full (uris, (GDestroyNotify) g_uri_unref);

  g_main_loop_run (site->loop);
  soup_server_disconnect (site->server);
  g_clear_object (&site->server);
  for (guint i = 0; i < site->kept_open->len; i++)
    g_io_stream_close (g_ptr_array_index (site->kept_open, i), NULL, NULL);
  g_clear_pointer (&site->kept_open, g_ptr_array_unref);
  g_main_context_pop_thread_default (site->context);
  return NULL;
}

static Site *
site_new (void)
{
  Site *site = g_new0 (Site, 1);

  g_mutex_init (&site->lock);
  g_cond_init (&site->ready);
  site->version = 1;
  site->context = g_main_context_new ();
  site->loop = g_main_loop_new (site->context, FALSE);
  g_mutex_lock (&site->lock);
  site->thread = g_thread_new ("evidence-site", site_thread, site);
  while (site->port == 0)
    g_cond_wait (&site->ready, &site->lock);
  g_mutex_unlock (&site->lock);
  return site;
}

static gboolean
site_quit (gpointer data)
{
  g_main_loop_quit (data);
  return G_SOURCE_REMOVE;
}

static void
site_free (Site *site)
{
  g_autoptr(GSource) quit = g_idle_source_new ();

  /* Through the site's own context: a g_main_loop_quit() from here can come
   * before the thread enters g_main_loop_run(), which then runs forever (a
   * test that never asks the site anything ends that fast). */
  g_source_set_callback (quit, site_quit, site->loop, NULL);
  g_source_attach (quit, site->context);
  g_thread_join (site->thread);
  g_main_loop_unref (site->loop);
  g_main_context_unref (site->context);
  g_mutex_clear (&site->lock);
  g_cond_clear (&site->ready);
  g_free (site);
}

static void
site_set_version (Site  *site,
                  guint  version)
{
  g_mutex_lock (&site->lock);
  site->version = version;
  g_mutex_unlock (&site->lock);
}

static char *
site_url (Site       *site,
          const char *path)
{
  return g_strdup_printf ("http://127.0.0.1:%u%s", site->port, path);
}

/* ------------------------------------------------------------- helpers */

typedef struct
{
  Site      *site;
  char      *dir;
  char      *document;
  char      *package;
  WdArticle *article;
} Fixture;

static const char *paths[] = { "/story", "/moved", "/latin1", "/gzip", "/changing", NULL };

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  f->site = site_new ();
  f->dir = g_dir_make_tmp ("wd-evidence-XXXXXX", NULL);
  f->document = g_build_filename (f->dir, "story.wiredesk", NULL);
  f->package = g_build_filename (f->dir, "story.wacz", NULL);
  f->article = wd_article_new ();
  wd_article_set_headline (f->article, "Council vote");
  for (guint i = 0; paths[i] != NULL; i++)
    {
      g_autofree char *url = site_url (f->site, paths[i]);
      g_autoptr(GError) error = NULL;

      g_assert_nonnull (wd_article_add_source_url (f->article, url, &error));
      g_assert_no_error (error);
    }
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GDir) dir = g_dir_open (f->dir, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (f->dir, name, NULL);
      g_remove (path);
    }
  g_rmdir (f->dir);
  g_clear_object (&f->article);
  g_free (f->dir);
  g_free (f->document);
  g_free (f->package);
  site_free (f->site);
}

static void
on_ready (GObject      *object,
          GAsyncResult *result,
          gpointer      data)
{
  *(GAsyncResult **) data = g_object_ref (result);
}

static void
check_article (WdChecker *checker,
               WdArticle *article)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  wd_checker_check_article_async (checker, article, NULL, on_ready, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_assert_true (wd_checker_check_article_finish (checker, result, &error));
  g_assert_no_error (error);
}

/* Checks the article's sources with capture and saves the package. */
static WdEvidenceRecorder *
check_and_capture (Fixture *f,
                   guint64  limit)
{
  g_autoptr(WdChecker) checker = wd_checker_new ();
  g_autoptr(WdEvidenceRecorder) recorder = wd_evidence_recorder_new (f->package, checker);
  g_autoptr(GError) error = NULL;

  if (limit > 0)
    wd_evidence_recorder_set_limit (recorder, limit);
  check_article (checker, f->article);

  g_assert_true (wd_evidence_recorder_save (recorder, &error));
  g_assert_no_error (error);
  return g_steal_pointer (&recorder);
}

static WdSource *
source_at (Fixture    *f,
           const char *path)
{
  for (guint i = 0; paths[i] != NULL; i++)
    if (g_str_equal (paths[i], path))
      return wd_article_get_source (f->article, i);
  g_assert_not_reached ();
}

static GBytes *
zip_member (const char *package,
            const char *name,
            gboolean   *stored)
{
  int code = 0;
  zip_t *zip = zip_open (package, ZIP_RDONLY, &code);
  zip_stat_t st;
  zip_file_t *file;
  guint8 *data;

  g_assert_nonnull (zip);
  zip_stat_init (&st);
  g_assert_cmpint (zip_stat (zip, name, 0, &st), ==, 0);
  if (stored != NULL)
    *stored = st.comp_method == ZIP_CM_STORE;
  data = g_malloc (st.size + 1);
  file = zip_fopen (zip, name, 0);
  g_assert_nonnull (file);
  g_assert_cmpint (zip_fread (file, data, st.size), ==, (zip_int64_t) st.size);
  zip_fclose (file);
  zip_discard (zip);
  return g_bytes_new_take (data, st.size);
}

/* Every file datapackage.json lists, hashed here, not by the package code. */
static guint
assert_datapackage_digests (const char *package)
{
  g_autoptr(GBytes) datapackage = zip_member (package, "datapackage.json", NULL);
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonArray *resources;
  guint n;

  g_assert_true (json_parser_load_from_data (parser, g_bytes_get_data (datapackage, NULL),
                                             g_bytes_get_size (datapackage), NULL));
  resources = json_object_get_array_member (json_node_get_object (json_parser_get_root (parser)),
                                            "resources");
  n = json_array_get_length (resources);
  for (guint i = 0; i < n; i++)
    {
      JsonObject *r = json_array_get_object_element (resources, i);
      const char *path = json_object_get_string_member (r, "path");
      gboolean stored = FALSE;
      g_autoptr(GBytes) member = zip_member (package, path, &stored);
      g_autofree char *hex = g_compute_checksum_for_bytes (G_CHECKSUM_SHA256, member);
      g_autofree char *hash = g_strconcat ("sha256:", hex, NULL);

      g_assert_cmpstr (json_object_get_string_member (r, "hash"), ==, hash);
      g_assert_cmpint (json_object_get_int_member (r, "bytes"), ==, g_bytes_get_size (member));
      if (g_str_has_prefix (path, "archive/"))
        g_assert_true (stored);
    }
  return n;
}

/* ---------------------------------------------------------------- tests */

static void
test_capture_pages (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(WdEvidenceRecorder) recorder = check_and_capture (f, 0);
  g_autoptr(WdEvidencePackage) package = NULL;
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(GError) error = NULL;
  WdCapture *story, *moved, *latin1, *gzip;
  g_autofree char *text = NULL;
  g_autoptr(GBytes) body = NULL;

  g_assert_null (wd_evidence_recorder_get_warning (recorder));
  package = wd_evidence_package_open (f->package, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (wd_evidence_package_get_captures (package)->len, ==, 5);

  /* Each source's result names its capture, which the package holds. */
  story = wd_evidence_package_latest (package, wd_source_get_id (source_at (f, "/story")));
  g_assert_nonnull (story);
  g_assert_cmpstr (story->record_id, ==,
                   wd_check_result_get_text (wd_source_get_check (source_at (f, "/story")), "capture-id"));
  g_assert_cmpstr (story->payload_digest, ==,
                   wd_check_result_get_text (wd_source_get_check (source_at (f, "/story")), "capture-digest"));
  g_assert_cmpuint (story->http_status, ==, 200);
  text = wd_evidence_package_read_text (package, story, &error);
  g_assert_no_error (error);
  g_assert_nonnull (strstr (text, "we will not raise taxes this year"));
  g_clear_pointer (&text, g_free);

  /* The redirect: the capture is of the page it led to. */
  moved = wd_evidence_package_latest (package, wd_source_get_id (source_at (f, "/moved")));
  g_assert_nonnull (moved);
  g_assert_cmpstr (moved->verdict, ==, "redirected");
  g_assert_true (g_str_has_suffix (moved->final_url, "/story"));

  /* The charset is read for the text; the body stays as sent. */
  latin1 = wd_evidence_package_latest (package, wd_source_get_id (source_at (f, "/latin1")));
  text = wd_evidence_package_read_text (package, latin1, &error);
  g_assert_nonnull (strstr (text, "Z\xc3\xbcrich approved"));
  g_clear_pointer (&text, g_free);
  body = wd_evidence_package_read_body (package, latin1, &error);
  g_assert_no_error (error);
  g_assert_nonnull (g_strstr_len (g_bytes_get_data (body, NULL), g_bytes_get_size (body), "Z\xfcrich"));
  g_clear_pointer (&body, g_bytes_unref);

  /* A gzip body is kept as sent (see as-received) and reads back decoded. */
  gzip = wd_evidence_package_latest (package, wd_source_get_id (source_at (f, "/gzip")));
  body = wd_evidence_package_read_body (package, gzip, &error);
  g_assert_nonnull (g_strstr_len (g_bytes_get_data (body, NULL), g_bytes_get_size (body),
                                  "Compressed words arrive intact."));

  g_assert_true (wd_evidence_package_verify (package, &problems, &error));
  g_assert_cmpuint (problems->len, ==, 0);
  g_assert_cmpuint (assert_datapackage_digests (f->package), ==, 3);
}

/* A record's block is bytes, not a string: it has no NUL after it. */
static gboolean
block_starts (GBytes     *block,
              const char *prefix)
{
  gsize len = 0;
  const char *data = g_bytes_get_data (block, &len);

  return len >= strlen (prefix) && memcmp (data, prefix, strlen (prefix)) == 0;
}

/* The request record says the version that was sent (HTTP/1.1), the
 * response record the one that came back (HTTP/1.0). */
static void
test_http_versions (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(WdArticle) article = wd_article_new ();
  g_autofree char *url = site_url (f->site, "/http10");
  g_autoptr(WdEvidenceRecorder) recorder = NULL;
  g_autoptr(WdEvidencePackage) package = NULL;
  g_autoptr(GBytes) warc = NULL;
  g_autoptr(GPtrArray) records = NULL;
  guint seen = 0;

  g_set_object (&f->article, article);
  g_assert_nonnull (wd_article_add_source_url (article, url, NULL));
  recorder = check_and_capture (f, 0);
  package = wd_evidence_package_open (f->package, NULL);
  warc = zip_member (f->package, ((WdCapture *) g_ptr_array_index (wd_evidence_package_get_captures (package), 0))->warc,
                     NULL);
  records = _wd_warc_read_all (g_bytes_get_data (warc, NULL), g_bytes_get_size (warc), NULL);
  for (guint i = 0; i < records->len; i++)
    {
      WdWarcParsed *r = g_ptr_array_index (records, i);
      const char *type = g_hash_table_lookup (r->headers, "warc-type");

      if (g_str_equal (type, "request"))
        {
          g_assert_true (block_starts (r->block, "GET /http10 HTTP/1.1\r\n"));
          seen |= 1;
        }
      else if (g_str_equal (type, "response"))
        {
          g_assert_true (block_starts (r->block, "HTTP/1.0 200 "));
          seen |= 2;
        }
    }
  g_assert_cmpuint (seen, ==, 3);
}

static void
test_warc_records (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(WdEvidenceRecorder) recorder = check_and_capture (f, 0);
  g_autoptr(WdEvidencePackage) package = wd_evidence_package_open (f->package, NULL);
  WdCapture *moved = wd_evidence_package_latest (package, wd_source_get_id (source_at (f, "/moved")));
  g_autoptr(GBytes) warc = zip_member (f->package, moved->warc, NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) records = _wd_warc_read_all (g_bytes_get_data (warc, NULL),
                                                    g_bytes_get_size (warc), &error);
  guint n_response = 0, n_request = 0, n_conversion = 0, n_warcinfo = 0, n_hops = 0;
  GHashTable *first;

  g_assert_no_error (error);
  first = ((WdWarcParsed *) g_ptr_array_index (records, 0))->headers;
  g_assert_cmpstr (g_hash_table_lookup (first, "warc-type"), ==, "warcinfo");

  for (guint i = 0; i < records->len; i++)
    {
      WdWarcParsed *r = g_ptr_array_index (records, i);
      const char *type = g_hash_table_lookup (r->headers, "warc-type");

      g_assert_true (g_str_has_prefix (g_hash_table_lookup (r->headers, "warc-record-id"), "<urn:uuid:"));
      g_assert_nonnull (g_hash_table_lookup (r->headers, "warc-date"));
      g_assert_true (g_str_has_prefix (g_hash_table_lookup (r->headers, "warc-block-digest"), "sha256:"));
      if (g_str_equal (type, "warcinfo"))
        n_warcinfo++;
      else if (g_str_equal (type, "request"))
        {
          n_request++;
          g_assert_nonnull (g_hash_table_lookup (r->headers, "warc-concurrent-to"));
          g_assert_true (block_starts (r->block, "GET /"));
        }
      else if (g_str_equal (type, "response"))
        {
          n_response++;
          g_assert_true (g_str_has_prefix (g_hash_table_lookup (r->headers, "warc-payload-digest"), "sha256:"));
          g_assert_true (block_starts (r->block, "HTTP/1.1 "));
          if (block_starts (r->block, "HTTP/1.1 302"))
            n_hops++;
        }
      else if (g_str_equal (type, "conversion"))
        {
          n_conversion++;
          g_assert_nonnull (g_hash_table_lookup (r->headers, "warc-refers-to"));
        }
    }

  /* The index has a line per response record, each with its own URL and
   * status: the hop's 302 under /moved, the page it led to under /story. */
  {
    g_autoptr(GBytes) index = zip_member (f->package, "indexes/index.cdxj", NULL);
    g_autofree char *text = g_strndup (g_bytes_get_data (index, NULL), g_bytes_get_size (index));
    g_auto(GStrv) lines = g_strsplit (text, "\n", -1);
    g_autofree char *hop_line = NULL;
    g_autofree char *final_line = NULL;
    WdCapture *hop;

    for (guint i = 0; lines[i] != NULL; i++)
      {
        if (strstr (lines[i], "\"hopOf\":") != NULL)
          {
            g_assert_null (hop_line);
            hop_line = g_strdup (lines[i]);
          }
        if (strstr (lines[i], moved->record_id) != NULL && strstr (lines[i], "\"hopOf\":") == NULL)
          final_line = g_strdup (lines[i]);
      }
    g_assert_nonnull (hop_line);
    g_assert_true (g_str_has_prefix (hop_line, "1,0,0,127:"));
    g_assert_nonnull (strstr (hop_line, ")/moved "));
    g_assert_nonnull (strstr (hop_line, "\"status\":\"302\""));
    g_assert_nonnull (strstr (hop_line, moved->record_id));
    g_assert_nonnull (final_line);
    g_assert_nonnull (strstr (final_line, ")/story "));
    g_assert_nonnull (strstr (final_line, "\"status\":\"200\""));
    g_assert_true (g_str_has_suffix (moved->url, "/moved"));

    /* The hop is no capture of its own, but its record can be found. */
    g_assert_cmpuint (wd_evidence_package_get_captures (package)->len, ==, 5);
    for (guint i = 0; i < records->len; i++)
      {
        WdWarcParsed *r = g_ptr_array_index (records, i);
        const char *id = g_hash_table_lookup (r->headers, "warc-record-id");

        if (!block_starts (r->block, "HTTP/1.1 302"))
          continue;
        g_assert_nonnull (strstr (hop_line, id));
        hop = wd_evidence_package_find (package, id);
        g_assert_nonnull (hop);
        g_assert_cmpstr (hop->hop_of, ==, moved->record_id);
        g_assert_cmpuint (hop->http_status, ==, 302);
        g_assert_true (g_str_has_suffix (hop->url, "/moved"));
      }
  }

  g_assert_cmpuint (n_warcinfo, ==, 1);
  /* Five pages, one of them a redirect hop more. */
  g_assert_cmpuint (n_response, ==, 6);
  g_assert_cmpuint (n_request, ==, 6);
  g_assert_cmpuint (n_hops, ==, 1);
  g_assert_cmpuint (n_conversion, ==, 5);
}

static void
test_append_only (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(WdEvidenceRecorder) first = check_and_capture (f, 0);
  g_autoptr(WdEvidenceRecorder) second = NULL;
  g_autoptr(WdEvidenceRecorder) third = NULL;
  g_autoptr(WdEvidencePackage) package = wd_evidence_package_open (f->package, NULL);
  const char *id = wd_source_get_id (source_at (f, "/changing"));
  g_autofree char *first_warc = g_strdup (wd_evidence_package_latest (package, id)->warc);
  g_autoptr(GBytes) before = zip_member (f->package, first_warc, NULL);
  g_autoptr(GBytes) after = NULL;
  g_autofree char *text = NULL;
  WdCapture *baseline, *latest;
  GPtrArray *captures;
  WdCapture *gone = NULL;

  g_clear_object (&package);

  /* The page changes, then vanishes: each check adds, none rewrites. */
  site_set_version (f->site, 2);
  second = check_and_capture (f, 0);
  site_set_version (f->site, 0);
  third = check_and_capture (f, 0);

  after = zip_member (f->package, first_warc, NULL);
  g_assert_true (g_bytes_equal (before, after));

  package = wd_evidence_package_open (f->package, NULL);
  captures = wd_evidence_package_get_captures (package);
  g_assert_cmpuint (captures->len, ==, 15);
  baseline = wd_evidence_package_baseline (package, id);
  latest = wd_evidence_package_latest (package, id);
  text = wd_evidence_package_read_text (package, baseline, NULL);
  g_assert_nonnull (strstr (text, "in edition 1"));
  g_clear_pointer (&text, g_free);
  text = wd_evidence_package_read_text (package, latest, NULL);
  g_assert_nonnull (strstr (text, "in edition 2"));

  /* The vanished page is kept as evidence, but it is not the source's text. */
  for (guint i = 0; i < captures->len; i++)
    {
      WdCapture *c = g_ptr_array_index (captures, i);
      if (g_strcmp0 (c->source, id) == 0)
        gone = c;
    }
  g_assert_nonnull (gone);
  g_assert_cmpstr (gone->verdict, ==, "not-found");
  g_assert_cmpuint (gone->http_status, ==, 404);
  g_assert_false (wd_capture_is_live (gone));
  g_assert_true (wd_evidence_package_verify (package, NULL, NULL));
  g_assert_cmpuint (assert_datapackage_digests (f->package), ==, 5);
}

/* Replaces the package's index with @edit's version of it (the datapackage
 * digest is not updated: opening does not verify). */
static void
edit_index (const char *package,
            char     *(*edit) (const char *index))
{
  g_autoptr(GBytes) index = zip_member (package, "indexes/index.cdxj", NULL);
  g_autofree char *text = g_strndup (g_bytes_get_data (index, NULL), g_bytes_get_size (index));
  g_autofree char *edited = edit (text);
  int code = 0;
  zip_t *zip = zip_open (package, 0, &code);
  zip_source_t *src = zip_source_buffer (zip, edited, strlen (edited), 0);

  g_assert_nonnull (src);
  g_assert_cmpint (zip_file_add (zip, "indexes/index.cdxj", src, ZIP_FL_OVERWRITE), >=, 0);
  g_assert_cmpint (zip_close (zip), ==, 0);
}

/* A package from before fractional times: every capture in one second,
 * and the index lines in the opposite of the order they were made. */
static char *
same_second_reversed (const char *index)
{
  g_autoptr(GRegex) at = g_regex_new ("\"capturedAt\":\"[^\"]*\"", 0, 0, NULL);
  g_autofree char *whole = g_regex_replace_literal (at, index, -1, 0,
                                                    "\"capturedAt\":\"2026-12-05T10:52:31Z\"", 0, NULL);
  g_auto(GStrv) lines = g_strsplit (whole, "\n", -1);
  GString *out = g_string_new (NULL);

  for (guint i = g_strv_length (lines); i > 0; i--)
    if (*lines[i - 1] != '\0')
      g_string_append_printf (out, "%s\n", lines[i - 1]);
  return g_string_free (out, FALSE);
}

/* Two checks within one second, the page changed between them: the later
 * capture is the latest, the earlier the baseline. */
static void
test_same_second (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(WdEvidenceRecorder) first = check_and_capture (f, 0);
  g_autoptr(WdEvidenceRecorder) second = NULL;
  g_autoptr(WdEvidencePackage) package = NULL;
  const char *id = wd_source_get_id (source_at (f, "/changing"));
  g_autofree char *text = NULL;
  WdCapture *baseline, *latest;
  g_autofree char *baseline_id = NULL;
  g_autofree char *latest_id = NULL;

  site_set_version (f->site, 2);
  second = check_and_capture (f, 0);

  package = wd_evidence_package_open (f->package, NULL);
  baseline = wd_evidence_package_baseline (package, id);
  latest = wd_evidence_package_latest (package, id);
  /* WARC-Date and the index to the microsecond. */
  g_assert_true (g_regex_match_simple ("^\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{6}Z$",
                                       latest->captured_at, 0, 0));
  g_assert_cmpstr (baseline->captured_at, <, latest->captured_at);
  text = wd_evidence_package_read_text (package, latest, NULL);
  g_assert_nonnull (strstr (text, "in edition 2"));
  g_clear_pointer (&text, g_free);
  text = wd_evidence_package_read_text (package, baseline, NULL);
  g_assert_nonnull (strstr (text, "in edition 1"));
  baseline_id = g_strdup (baseline->record_id);
  latest_id = g_strdup (latest->record_id);
  g_clear_object (&package);

  /* Whole seconds only (an older package): the order they were appended. */
  edit_index (f->package, same_second_reversed);
  package = wd_evidence_package_open (f->package, NULL);
  g_assert_cmpstr (wd_evidence_package_latest (package, id)->captured_at, ==, "2026-12-05T10:52:31Z");
  g_assert_cmpstr (wd_evidence_package_baseline (package, id)->record_id, ==, baseline_id);
  g_assert_cmpstr (wd_evidence_package_latest (package, id)->record_id, ==, latest_id);
}

/* Several writers save the same package at once (two windows, a window
 * and `check --write`): each one's captures are kept. */
typedef struct
{
  GMutex   lock;
  GCond    go;
  gboolean started;
} Gate;

typedef struct
{
  Gate               *gate;
  WdEvidenceRecorder *recorder;
} Writer;

static gpointer
save_at_gate (gpointer data)
{
  Writer *w = data;
  GError *error = NULL;

  g_mutex_lock (&w->gate->lock);
  while (!w->gate->started)
    g_cond_wait (&w->gate->go, &w->gate->lock);
  g_mutex_unlock (&w->gate->lock);

  if (!wd_evidence_recorder_save (w->recorder, &error))
    return error;
  return NULL;
}

static void
test_concurrent_saves (Fixture       *f,
                       gconstpointer  data)
{
  enum { N_WRITERS = 6 };
  g_autoptr(WdEvidenceRecorder) first = check_and_capture (f, 0);
  WdChecker *checkers[N_WRITERS];
  Writer writers[N_WRITERS];
  GThread *threads[N_WRITERS];
  Gate gate = { 0, };
  g_autoptr(WdEvidencePackage) package = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GHashTable) ids = g_hash_table_new (g_str_hash, g_str_equal);
  GPtrArray *captures;
  g_autoptr(GDir) dir = NULL;
  const char *name;

  g_mutex_init (&gate.lock);
  g_cond_init (&gate.go);
  /* Each writer checks on its own, then all save together. */
  for (guint i = 0; i < N_WRITERS; i++)
    {
      checkers[i] = wd_checker_new ();
      writers[i].gate = &gate;
      writers[i].recorder = wd_evidence_recorder_new (f->package, checkers[i]);
      check_article (checkers[i], f->article);
      g_assert_cmpuint (wd_evidence_recorder_get_n_captures (writers[i].recorder), ==, 5);
      threads[i] = g_thread_new ("writer", save_at_gate, &writers[i]);
    }
  g_mutex_lock (&gate.lock);
  gate.started = TRUE;
  g_cond_broadcast (&gate.go);
  g_mutex_unlock (&gate.lock);
  for (guint i = 0; i < N_WRITERS; i++)
    {
      GError *failed = g_thread_join (threads[i]);

      g_assert_no_error (failed);
      g_object_unref (writers[i].recorder);
      g_object_unref (checkers[i]);
    }
  g_mutex_clear (&gate.lock);
  g_cond_clear (&gate.go);

  package = wd_evidence_package_open (f->package, &error);
  g_assert_no_error (error);
  captures = wd_evidence_package_get_captures (package);
  g_assert_cmpuint (captures->len, ==, 5 * (N_WRITERS + 1));
  for (guint i = 0; i < captures->len; i++)
    g_hash_table_add (ids, ((WdCapture *) g_ptr_array_index (captures, i))->record_id);
  g_assert_cmpuint (g_hash_table_size (ids), ==, captures->len);
  g_assert_true (wd_evidence_package_verify (package, NULL, NULL));
  /* One WARC file per save, and no lock file left behind. */
  g_assert_cmpuint (assert_datapackage_digests (f->package), ==, N_WRITERS + 1 + 2);
  dir = g_dir_open (f->dir, 0, NULL);
  while ((name = g_dir_read_name (dir)) != NULL)
    g_assert_true (g_str_equal (name, "story.wacz"));
}

static void
test_truncated (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(WdArticle) article = wd_article_new ();
  g_autofree char *url = site_url (f->site, "/huge");
  g_autoptr(WdEvidenceRecorder) recorder = NULL;
  g_autoptr(WdEvidencePackage) package = NULL;
  g_autoptr(GBytes) warc = NULL;
  g_autoptr(GPtrArray) records = NULL;
  WdCapture *capture;

  g_set_object (&f->article, article);
  g_assert_nonnull (wd_article_add_source_url (article, url, NULL));
  recorder = check_and_capture (f, 0);
  package = wd_evidence_package_open (f->package, NULL);
  capture = g_ptr_array_index (wd_evidence_package_get_captures (package), 0);
  g_assert_true (capture->truncated);
  g_assert_cmpuint (capture->size, ==, 1024 * 1024);

  warc = zip_member (f->package, capture->warc, NULL);
  records = _wd_warc_read_all (g_bytes_get_data (warc, NULL), g_bytes_get_size (warc), NULL);
  for (guint i = 0; i < records->len; i++)
    {
      WdWarcParsed *r = g_ptr_array_index (records, i);
      if (g_str_equal (g_hash_table_lookup (r->headers, "warc-type"), "response"))
        g_assert_cmpstr (g_hash_table_lookup (r->headers, "warc-truncated"), ==, "length");
    }
}

/* The source's last capture, whatever its verdict. */
static WdCapture *
capture_of (WdEvidencePackage *package,
            WdArticle         *article,
            guint              index)
{
  const char *id = wd_source_get_id (wd_article_get_source (article, index));
  GPtrArray *captures = wd_evidence_package_get_captures (package);

  for (guint i = captures->len; i > 0; i--)
    {
      WdCapture *c = g_ptr_array_index (captures, i - 1);

      if (g_strcmp0 (c->source, id) == 0)
        return c;
    }
  g_assert_not_reached ();
}

/* The response records of @capture's WARC file whose target ends with @path. */
static GPtrArray *
responses_for (Fixture         *f,
               const WdCapture *capture,
               const char      *path)
{
  g_autoptr(GBytes) warc = zip_member (f->package, capture->warc, NULL);
  g_autoptr(GPtrArray) records = _wd_warc_read_all (g_bytes_get_data (warc, NULL),
                                                    g_bytes_get_size (warc), NULL);
  GPtrArray *found = g_ptr_array_new_with_free_func ((GDestroyNotify) _wd_warc_parsed_free);

  g_assert_nonnull (records);
  for (guint i = 0; i < records->len; i++)
    {
      WdWarcParsed *r = g_ptr_array_index (records, i);
      const char *target = g_hash_table_lookup (r->headers, "warc-target-uri");

      if (g_str_equal (g_hash_table_lookup (r->headers, "warc-type"), "response") &&
          g_str_has_suffix (target, path))
        g_ptr_array_add (found, g_steal_pointer (&records->pdata[i]));
    }
  return found;
}

static gboolean
bytes_contain (GBytes     *bytes,
               const char *text)
{
  return bytes != NULL &&
         g_strstr_len (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes), text) != NULL;
}

/* Bodies are kept as the server sent them: gzip stays gzip with its
 * Content-Encoding; chunks are joined and Transfer-Encoding goes. */
static void
test_as_received (Fixture       *f,
                  gconstpointer  data)
{
  static const char *gz_paths[] = { "/gzip", "/gzip-chunked", "/gzip-chunked-kept-open" };
  static const char *pages[] = { "<html><body><p>Compressed words arrive intact.</p></body></html>",
                                 "<html><body><p>Chunks of compressed words.</p></body></html>",
                                 "<html><body><p>Chunks of compressed words.</p></body></html>" };
  g_autoptr(WdArticle) article = wd_article_new ();
  g_autoptr(WdEvidenceRecorder) recorder = NULL;
  g_autoptr(WdEvidencePackage) package = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (gz_paths); i++)
    {
      g_autofree char *url = site_url (f->site, gz_paths[i]);
      g_assert_nonnull (wd_article_add_source_url (article, url, NULL));
    }
  g_set_object (&f->article, article);
  recorder = check_and_capture (f, 0);
  package = wd_evidence_package_open (f->package, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (gz_paths); i++)
    {
      WdCapture *c = capture_of (package, article, i);
      g_autoptr(GBytes) sent = gzip_bytes (pages[i]);
      g_autoptr(GBytes) payload = wd_evidence_package_read_payload (package, c, NULL);
      g_autoptr(GBytes) body = wd_evidence_package_read_body (package, c, NULL);
      g_autoptr(GPtrArray) records = responses_for (f, c, gz_paths[i]);
      g_autofree char *hex = g_compute_checksum_for_bytes (G_CHECKSUM_SHA256, sent);
      g_autofree char *digest = g_strconcat ("sha256:", hex, NULL);
      g_autofree char *length = g_strdup_printf ("\r\nContent-Length: %" G_GSIZE_FORMAT "\r\n",
                                                 g_bytes_get_size (sent));
      g_autofree char *text = wd_evidence_package_read_text (package, c, NULL);
      GBytes *block = ((WdWarcParsed *) records->pdata[0])->block;
      gsize head_len = _wd_warc_http_payload_offset (block);
      g_autofree char *head = g_strndup (g_bytes_get_data (block, NULL), head_len);

      g_assert_cmpstr (c->verdict, ==, "ok");
      /* The payload is the gzip the server sent, digested as such. */
      g_assert_true (g_bytes_equal (payload, sent));
      g_assert_cmpstr (c->payload_digest, ==, digest);
      g_assert_cmpstr (g_hash_table_lookup (((WdWarcParsed *) records->pdata[0])->headers, "warc-payload-digest"),
                       ==, digest);
      g_assert_nonnull (strstr (head, "\r\nContent-Encoding: gzip\r\n"));
      g_assert_null (strstr (head, "Transfer-Encoding"));
      g_assert_null (strstr (head, "X-Archive-Orig"));
      g_assert_nonnull (strstr (head, length));
      /* The reader undoes the coding; the text record holds what was read. */
      g_assert_cmpmem (g_bytes_get_data (body, NULL), g_bytes_get_size (body), pages[i], strlen (pages[i]));
      g_assert_nonnull (strstr (text, i == 0 ? "Compressed words arrive intact." : "Chunks of compressed words."));
    }
  g_assert_true (wd_evidence_package_verify (package, NULL, NULL));
}

static const char *error_paths[] = { "/gone", "/broken", "/hop", "/doc.pdf", "/stall-404", "/refresh", NULL };

/* Every answer with a body keeps it, error pages included, and the
 * verdicts are those of a check without capture. */
static void
test_error_bodies (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(WdArticle) article = wd_article_new ();
  g_autoptr(WdChecker) checker = wd_checker_new ();
  g_autoptr(WdEvidenceRecorder) recorder = NULL;
  g_autoptr(WdEvidencePackage) package = NULL;
  g_autoptr(GPtrArray) verdicts = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) records = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) body = NULL;
  g_autofree char *text = NULL;
  WdCapture *c;
  guint n = g_strv_length ((char **) error_paths);

  for (guint i = 0; i < n; i++)
    {
      g_autofree char *url = site_url (f->site, error_paths[i]);
      g_assert_nonnull (wd_article_add_source_url (article, url, NULL));
    }
  g_object_set (checker, "timeout", 1.5, NULL);

  check_article (checker, article);
  for (guint i = 0; i < n; i++)
    g_ptr_array_add (verdicts, g_strdup (wd_enum_to_nick (WD_TYPE_CHECK_STATUS,
                                                          wd_check_result_get_status (wd_source_get_check (wd_article_get_source (article, i))))));

  recorder = wd_evidence_recorder_new (f->package, checker);
  check_article (checker, article);
  g_assert_true (wd_evidence_recorder_save (recorder, &error));
  g_assert_no_error (error);
  for (guint i = 0; i < n; i++)
    g_assert_cmpstr (wd_enum_to_nick (WD_TYPE_CHECK_STATUS,
                                      wd_check_result_get_status (wd_source_get_check (wd_article_get_source (article, i)))),
                     ==, g_ptr_array_index (verdicts, i));

  package = wd_evidence_package_open (f->package, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (wd_evidence_package_get_captures (package)->len, ==, n);

  /* A 404's page, whole. */
  c = capture_of (package, article, 0);
  g_assert_cmpuint (c->http_status, ==, 404);
  g_assert_cmpstr (c->verdict, ==, "not-found");
  g_assert_false (c->truncated);
  g_assert_false (wd_capture_is_live (c));
  body = wd_evidence_package_read_body (package, c, &error);
  g_assert_no_error (error);
  g_assert_true (bytes_contain (body, "removed by the publisher"));
  g_clear_pointer (&body, g_bytes_unref);
  /* Its text too, extracted as a page's is, for reading and comparing. */
  text = wd_evidence_package_read_text (package, c, &error);
  g_assert_no_error (error);
  g_assert_nonnull (strstr (text, "removed by the publisher"));
  g_assert_null (strstr (text, "<"));
  g_clear_pointer (&text, g_free);

  /* A server error, asked twice: the answer that decided is kept whole. */
  c = capture_of (package, article, 1);
  g_assert_cmpuint (c->http_status, ==, 500);
  g_assert_cmpstr (c->verdict, ==, "server-error");
  body = wd_evidence_package_read_body (package, c, &error);
  g_assert_true (bytes_contain (body, "went wrong on our side"));
  g_clear_pointer (&body, g_bytes_unref);
  text = wd_evidence_package_read_text (package, c, &error);
  g_assert_nonnull (strstr (text, "went wrong on our side"));
  g_clear_pointer (&text, g_free);
  records = responses_for (f, c, "/broken");
  g_assert_cmpuint (records->len, ==, 2);
  g_clear_pointer (&records, g_ptr_array_unref);

  /* A redirect's own body, in its hop's record. */
  c = capture_of (package, article, 2);
  g_assert_cmpstr (c->verdict, ==, "redirected");
  records = responses_for (f, c, "/hop");
  g_assert_cmpuint (records->len, ==, 1);
  g_assert_true (bytes_contain (((WdWarcParsed *) records->pdata[0])->block, "\r\n\r\n<a href=\"/story\">Moved here</a>"));
  g_assert_null (g_hash_table_lookup (((WdWarcParsed *) records->pdata[0])->headers, "warc-truncated"));
  g_clear_pointer (&records, g_ptr_array_unref);

  /* A PDF is no page to read, but it is kept. */
  c = capture_of (package, article, 3);
  g_assert_cmpstr (c->verdict, ==, "ok");
  g_assert_cmpuint (c->size, ==, 17);
  body = wd_evidence_package_read_body (package, c, &error);
  g_assert_true (bytes_contain (body, "%PDF-1.4 a report"));
  g_clear_pointer (&body, g_bytes_unref);
  /* No text to extract from it. */
  g_assert_null (wd_evidence_package_read_text (package, c, &error));
  g_assert_no_error (error);

  /* An error page that stalls: still a 404, its start kept, marked cut. */
  c = capture_of (package, article, 4);
  g_assert_cmpstr (c->verdict, ==, "not-found");
  g_assert_true (c->truncated);
  body = wd_evidence_package_read_body (package, c, &error);
  g_assert_true (bytes_contain (body, "<p>partial"));
  text = wd_evidence_package_read_text (package, c, &error);
  g_assert_nonnull (strstr (text, "partial"));
  g_clear_pointer (&text, g_free);
  records = responses_for (f, c, "/stall-404");
  g_assert_cmpstr (g_hash_table_lookup (((WdWarcParsed *) records->pdata[0])->headers, "warc-truncated"), ==, "time");
  g_clear_pointer (&records, g_ptr_array_unref);

  /* A page whose refresh leads on is a hop too, body and all. */
  c = capture_of (package, article, 5);
  g_assert_cmpstr (c->verdict, ==, "redirected");
  g_assert_true (g_str_has_suffix (c->final_url, "/story"));
  records = responses_for (f, c, "/refresh");
  g_assert_cmpuint (records->len, ==, 1);
  g_assert_true (bytes_contain (((WdWarcParsed *) records->pdata[0])->block, "This page moves on."));

  g_assert_true (wd_evidence_package_verify (package, NULL, NULL));
}

static void
test_limit (Fixture       *f,
            gconstpointer  data)
{
  g_autoptr(WdEvidenceRecorder) recorder = check_and_capture (f, 8000);
  g_autoptr(WdEvidencePackage) package = NULL;
  guint with_capture = 0;
  GStatBuf st;

  /* Checking went on; capturing stopped with a warning. */
  g_assert_nonnull (wd_evidence_recorder_get_warning (recorder));
  for (guint i = 0; paths[i] != NULL; i++)
    {
      WdCheckResult *result = wd_source_get_check (source_at (f, paths[i]));
      g_assert_nonnull (result);
      if (wd_check_result_get_text (result, "capture-id") != NULL)
        with_capture++;
    }
  g_assert_cmpuint (with_capture, >, 0);
  g_assert_cmpuint (with_capture, <, 5);
  package = wd_evidence_package_open (f->package, NULL);
  g_assert_cmpuint (wd_evidence_package_get_captures (package)->len, ==, with_capture);
  /* The limit is the package's size on disk, said in decimal units. */
  g_assert_cmpint (g_stat (f->package, &st), ==, 0);
  g_assert_cmpint (st.st_size, <=, 8000);
  g_assert_nonnull (strstr (wd_evidence_recorder_get_warning (recorder), "limit of 8.0\u00a0kB"));
}

/* The limit counts the records as written (gzip members), and only a
 * capture still being written at its size before compression: three
 * checks keeping 1 MiB each of a page that compresses well fit in 3 MB (before compression they take 2 MiB each). */
static void
test_limit_compressed (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(WdArticle) article = wd_article_new ();
  g_autofree char *url = site_url (f->site, "/huge");
  g_autoptr(WdChecker) checker = wd_checker_new ();
  g_autoptr(WdEvidenceRecorder) recorder = wd_evidence_recorder_new (f->package, checker);
  g_autoptr(WdEvidencePackage) package = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *default_limit = g_format_size (WD_EVIDENCE_DEFAULT_LIMIT);
  GStatBuf st;
  guint64 bytes = 0;

  g_assert_nonnull (wd_article_add_source_url (article, url, NULL));
  wd_evidence_recorder_set_limit (recorder, 3000 * 1000);
  for (guint i = 0; i < 3; i++)
    {
      check_article (checker, article);
      g_assert_null (wd_evidence_recorder_get_warning (recorder));
      if (i == 1)
        g_assert_true (wd_evidence_recorder_save (recorder, &error));
    }
  g_assert_true (wd_evidence_recorder_save (recorder, &error));
  g_assert_no_error (error);
  package = wd_evidence_package_open (f->package, NULL);
  g_assert_cmpuint (wd_evidence_package_get_captures (package)->len, ==, 3);
  g_assert_cmpuint (((WdCapture *) g_ptr_array_index (wd_evidence_package_get_captures (package), 0))->size,
                    ==, 1024 * 1024);
  g_assert_cmpint (g_stat (f->package, &st), ==, 0);
  g_assert_cmpint (st.st_size, <=, 3000 * 1000);

  /* 200 MB, decimal, as the issue and the warning say it. */
  g_assert_cmpstr (default_limit, ==, "200.0\u00a0MB");
  g_assert_true (wd_evidence_parse_limit ("200", &bytes));
  g_assert_cmpuint (bytes, ==, WD_EVIDENCE_DEFAULT_LIMIT);
  g_assert_true (wd_evidence_parse_limit ("1.5 GB", &bytes));
  g_assert_cmpuint (bytes, ==, 1500 * 1000 * 1000);
  g_assert_true (wd_evidence_parse_limit ("800kB", &bytes));
  g_assert_cmpuint (bytes, ==, 800 * 1000);
  g_assert_false (wd_evidence_parse_limit ("lots", &bytes));
  g_assert_false (wd_evidence_parse_limit ("0", &bytes));
  g_assert_false (wd_evidence_parse_limit ("-5MB", &bytes));
  g_assert_false (wd_evidence_parse_limit ("5 parsecs", &bytes));
}

static void
write_file (const char *path,
            const void *data,
            gsize       len)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (g_file_set_contents (path, data, len, &error));
  g_assert_no_error (error);
}

static void
test_hostile_packages (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(WdEvidencePackage) package = NULL;
  g_autoptr(WdChecker) checker = wd_checker_new ();
  g_autoptr(WdEvidenceRecorder) recorder = NULL;
  int code = 0;
  zip_t *zip;
  const char *newer = "{\"profile\": \"data-package\", \"wacz_version\": \"1.1.1\", \"wiredesk\": 9, \"resources\": []}";

  /* Missing: a plain not-found. */
  package = wd_evidence_package_open (f->package, &error);
  g_assert_null (package);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
  g_clear_error (&error);

  /* Not a zip at all. */
  write_file (f->package, "PK\x03\x04 this is not really a zip", 30);
  package = wd_evidence_package_open (f->package, &error);
  g_assert_null (package);
  g_assert_error (error, WD_ERROR, WD_ERROR_FORMAT);
  g_clear_error (&error);

  /* A package from a newer Wiredesk. */
  g_remove (f->package);
  zip = zip_open (f->package, ZIP_CREATE, &code);
  zip_file_add (zip, "datapackage.json", zip_source_buffer (zip, newer, strlen (newer), 0), 0);
  zip_file_add (zip, "indexes/index.cdxj", zip_source_buffer (zip, "", 0, 0), 0);
  g_assert_cmpint (zip_close (zip), ==, 0);
  package = wd_evidence_package_open (f->package, &error);
  g_assert_null (package);
  g_assert_error (error, WD_ERROR, WD_ERROR_NEWER_VERSION);
  g_assert_nonnull (strstr (error->message, "newer Wiredesk"));
  g_clear_error (&error);

  recorder = wd_evidence_recorder_new (f->package, checker);
  g_assert_true (wd_evidence_recorder_save (recorder, &error)); /* nothing to add */
}

/* A save never overwrites a package it cannot read. */
static void
test_damaged_package_kept (Fixture       *f,
                           gconstpointer  data)
{
  g_autoptr(WdChecker) checker = wd_checker_new ();
  g_autoptr(WdEvidenceRecorder) recorder = wd_evidence_recorder_new (f->package, checker);
  g_autoptr(GError) error = NULL;
  g_autofree char *after = NULL;
  gsize after_len = 0;
  const char junk[] = "PK\x05\x06 damaged central directory";

  write_file (f->package, junk, sizeof junk);
  check_article (checker, f->article);

  g_assert_false (wd_evidence_recorder_save (recorder, &error));
  g_assert_nonnull (error);
  g_assert_nonnull (strstr (error->message, "were not added"));
  g_file_get_contents (f->package, &after, &after_len, NULL);
  g_assert_cmpmem (junk, sizeof junk, after, after_len);
}

static void
test_huge_record (void)
{
  /* A gzip member that inflates past the record limit: refused, not read. */
  gsize len = WD_WARC_MAX_RECORD + 1024;
  g_autofree char *zeros = g_malloc0 (len);
  g_autoptr(GByteArray) out = g_byte_array_new ();
  g_autoptr(GError) error = NULL;
  z_stream z = { 0, };
  guint8 buffer[65536];
  int ret;

  memcpy (zeros, "WARC/1.1\r\n", 10);
  deflateInit2 (&z, 9, Z_DEFLATED, 16 + MAX_WBITS, 8, Z_DEFAULT_STRATEGY);
  z.next_in = (Bytef *) zeros;
  z.avail_in = len;
  do
    {
      z.next_out = buffer;
      z.avail_out = sizeof buffer;
      ret = deflate (&z, Z_FINISH);
      g_byte_array_append (out, buffer, sizeof buffer - z.avail_out);
    }
  while (ret != Z_STREAM_END);
  deflateEnd (&z);

  g_assert_null (_wd_warc_read_all (out->data, out->len, &error));
  g_assert_error (error, WD_ERROR, WD_ERROR_TOO_LARGE);
  g_clear_error (&error);

  /* Cut short, and not gzip at all. */
  g_assert_null (_wd_warc_read_all (out->data, out->len / 2, &error));
  g_assert_error (error, WD_ERROR, WD_ERROR_FORMAT);
  g_clear_error (&error);
  g_assert_null (_wd_warc_read_all ((const guint8 *) "WARC/1.1\r\n", 10, &error));
  g_assert_error (error, WD_ERROR, WD_ERROR_FORMAT);
}

static void
test_package_path (void)
{
  g_autofree char *a = wd_evidence_package_path_for ("/tmp/story.wiredesk");
  g_autofree char *b = wd_evidence_package_path_for ("/tmp/v1.0/story");

  g_assert_cmpstr (a, ==, "/tmp/story.wacz");
  g_assert_cmpstr (b, ==, "/tmp/v1.0/story.wacz");
}

static char *
run_ok (const char * const *args,
        int                 expected)
{
  g_autofree char *err = NULL;
  char *out = NULL;
  int status = wd_test_run_wiredesk (args, NULL, &out, &err);

  if (status != expected)
    g_error ("wiredesk %s exited %d, not %d: %s", args[0], status, expected, err);
  return out;
}

/* `check --evidence-limit`: a size in decimal units, refused when it is
 * not one; the warning says the limit as it was given. */
static void
test_cli_limit (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GFile) file = g_file_new_for_path (f->document);
  g_autofree char *err = NULL;
  g_autofree char *out = NULL;
  g_autoptr(WdEvidencePackage) package = NULL;
  GStatBuf st;

  g_assert_true (wd_native_format_save (f->article, file, NULL, NULL));
  g_assert_cmpint (wd_test_run_wiredesk ((const char *[]) { "check", "--write", "--evidence-limit", "lots",
                                                            f->document, NULL }, NULL, &out, &err), ==, 2);
  g_assert_nonnull (strstr (err, "--evidence-limit"));
  g_assert_nonnull (strstr (err, "“lots” is not a size"));
  g_clear_pointer (&err, g_free);
  g_clear_pointer (&out, g_free);

  /* Room for some of the five pages, not all: the check goes on. */
  g_assert_cmpint (wd_test_run_wiredesk ((const char *[]) { "check", "--write", "--evidence-limit", "8kB",
                                                            f->document, NULL }, NULL, &out, &err), ==, 0);
  g_assert_nonnull (strstr (err, "limit of 8.0\u00a0kB"));
  package = wd_evidence_package_open (f->package, NULL);
  g_assert_nonnull (package);
  g_assert_cmpuint (wd_evidence_package_get_captures (package)->len, <, 5);
  g_assert_cmpint (g_stat (f->package, &st), ==, 0);
  g_assert_cmpint (st.st_size, <=, 8000);
}

static JsonObject *parse_line (const char *line);

/* `check --json --write` says the capture each result records; `evidence
 * --extract` takes any record the index names (a redirect hop, a text
 * record); options that would do nothing are usage errors. */
static void
test_cli_records (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(GFile) file = g_file_new_for_path (f->document);
  g_autoptr(WdArticle) saved = NULL;
  g_autoptr(WdEvidencePackage) package = NULL;
  g_autoptr(GBytes) warc = NULL;
  g_autoptr(GPtrArray) records = NULL;
  g_autofree char *out = NULL;
  g_autofree char *extracted = g_build_filename (f->dir, "out.txt", NULL);
  g_autofree char *contents = NULL;
  g_auto(GStrv) lines = NULL;
  WdCapture *story;
  const char *hop_id = NULL;

  g_assert_true (wd_native_format_save (f->article, file, NULL, NULL));
  out = run_ok ((const char *[]) { "check", "--json", "--write", f->document, NULL }, 0);
  lines = g_strsplit (g_strstrip (out), "\n", -1);
  g_assert_cmpuint (g_strv_length (lines), ==, 5);
  saved = wd_native_format_load (file, NULL, NULL);
  package = wd_evidence_package_open (f->package, NULL);
  for (guint i = 0; i < 5; i++)
    {
      g_autoptr(JsonObject) line = parse_line (lines[i]);
      WdCheckResult *result = wd_source_get_check (wd_article_get_source (saved, i));
      const char *id = json_object_get_string_member (line, "capture_id");
      WdCapture *c = wd_evidence_package_find (package, id);

      g_assert_cmpstr (id, ==, wd_check_result_get_text (result, "capture-id"));
      g_assert_cmpstr (json_object_get_string_member (line, "capture_digest"), ==,
                       wd_check_result_get_text (result, "capture-digest"));
      g_assert_nonnull (c);
      g_assert_cmpstr (c->payload_digest, ==, json_object_get_string_member (line, "capture_digest"));
    }
  g_clear_pointer (&out, g_free);

  /* The page's text, from its conversion record. */
  story = wd_evidence_package_latest (package, wd_source_get_id (wd_article_get_source (saved, 0)));
  g_assert_nonnull (story->text_record_id);
  g_free (run_ok ((const char *[]) { "evidence", "--extract", story->text_record_id, "-o", extracted,
                                     f->document, NULL }, 0));
  g_assert_true (g_file_get_contents (extracted, &contents, NULL, NULL));
  g_assert_nonnull (strstr (contents, "we will not raise taxes this year"));
  g_assert_null (strstr (contents, "<p>"));
  g_clear_pointer (&contents, g_free);

  /* The redirect hop's own response (its id without the angle brackets). */
  warc = zip_member (f->package, story->warc, NULL);
  records = _wd_warc_read_all (g_bytes_get_data (warc, NULL), g_bytes_get_size (warc), NULL);
  for (guint i = 0; i < records->len; i++)
    {
      WdWarcParsed *r = g_ptr_array_index (records, i);

      if (block_starts (r->block, "HTTP/1.1 302"))
        hop_id = g_hash_table_lookup (r->headers, "warc-record-id");
    }
  g_assert_nonnull (hop_id);
  {
    g_autofree char *bare = g_strndup (hop_id + 1, strlen (hop_id) - 2);

    g_free (run_ok ((const char *[]) { "evidence", "--extract", bare, "--raw", "-o", extracted,
                                       f->document, NULL }, 0));
    g_assert_true (g_file_test (extracted, G_FILE_TEST_EXISTS));
  }

  /* Options that would do nothing. */
  g_free (run_ok ((const char *[]) { "evidence", "-o", extracted, f->document, NULL }, 2));
  g_free (run_ok ((const char *[]) { "evidence", "--raw", f->document, NULL }, 2));
  g_free (run_ok ((const char *[]) { "evidence", "--verify", "--json", f->document, NULL }, 2));
  g_free (run_ok ((const char *[]) { "evidence", "--verify", "--raw", f->document, NULL }, 2));
  g_free (run_ok ((const char *[]) { "evidence", "--verify", f->document, NULL }, 0));
}

static JsonObject *
parse_line (const char *line)
{
  g_autoptr(JsonParser) parser = json_parser_new ();

  g_assert_true (json_parser_load_from_data (parser, line, -1, NULL));
  return json_object_ref (json_node_get_object (json_parser_get_root (parser)));
}

/* wiredesk CMD ARGS…: its exit status, with its output and errors. */
static int
run_cli (const char * const *args,
         char              **out,
         char              **err)
{
  return wd_test_run_wiredesk (args, NULL, out, err);
}

/* The verdict of each line of `quotes --json`, space-separated. */
static char *
verdicts_of (const char *out)
{
  g_auto(GStrv) lines = g_strsplit (out, "\n", -1);
  g_autoptr(GString) verdicts = g_string_new (NULL);

  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_autoptr(JsonObject) q = NULL;

      if (*lines[i] == '\0')
        continue;
      q = parse_line (lines[i]);
      g_string_append_printf (verdicts, "%s%s", verdicts->len > 0 ? " " : "",
                              json_object_get_string_member (q, "verdict"));
    }
  return g_string_free (g_steal_pointer (&verdicts), FALSE);
}

static void
save_document (Fixture    *f,
               const char *body)
{
  g_autoptr(GFile) file = g_file_new_for_path (f->document);
  g_autoptr(GError) error = NULL;

  wd_article_set_body (f->article, body);
  g_assert_true (wd_native_format_save (f->article, file, NULL, &error));
  g_assert_no_error (error);
}

/* check --write captures; quotes and evidence read what it kept. */
static void
test_cli (Fixture       *f,
          gconstpointer  data)
{
  const char *story = wd_source_get_id (source_at (f, "/story"));
  const char *latin1 = wd_source_get_id (source_at (f, "/latin1"));
  const char *gzip = wd_source_get_id (source_at (f, "/gzip"));
  const char *changing = wd_source_get_id (source_at (f, "/changing"));
  g_autofree char *body = g_strdup_printf (
    "The mayor promised \"we will not raise taxes this year\".[^%s]\n\n"
    "She said \"we will raise taxes this year\".[^%s]\n\n"
    "The council said \"Z\xc3\xbcrich approved the plan\".[^%s]\n\n"
    "He said \"the budget is final in edition 1\".[^%s]\n",
    story, story, gzip, changing);
  g_autoptr(GFile) file = g_file_new_for_path (f->document);
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL;
  g_auto(GStrv) lines = NULL;
  g_autofree char *extracted = g_build_filename (f->dir, "body.html", NULL);
  g_autofree char *extracted_text = NULL;
  guint n_gzip;
  g_autoptr(JsonObject) capture = NULL;
  g_autoptr(WdArticle) saved = NULL;
  const char *record_id;

  save_document (f, body);

  /* The first check: the baseline. The page then changes. */
  g_free (run_ok ((const char *[]) { "check", "--write", f->document, NULL }, 0));
  site_set_version (f->site, 2);
  g_free (run_ok ((const char *[]) { "check", "--write", f->document, NULL }, 0));

  /* The document records each source's capture. */
  saved = wd_native_format_load (file, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (wd_check_result_get_text (wd_source_get_check (wd_article_get_source (saved, 0)),
                                              "capture-id"));

  out = run_ok ((const char *[]) { "quotes", "--json", f->document, NULL }, 1);
  lines = g_strsplit (g_strstrip (out), "\n", -1);
  g_assert_cmpuint (g_strv_length (lines), ==, 4);
  {
    const char *expected[][3] = {
      { "verified", story, NULL },
      { "not-found", story, NULL },
      { "in-other-source", latin1, "Z\xc3\xbcrich approved the plan" },
      /* Quoted from the first edition, rewritten since: removed, with
       * what it says now. */
      { "removed", changing, "the budget is final in edition 2" },
    };

    for (guint i = 0; i < 4; i++)
      {
        g_autoptr(JsonObject) q = parse_line (lines[i]);

        g_assert_cmpint (json_object_get_int_member (q, "paragraph"), ==, i);
        g_assert_cmpstr (json_object_get_string_member (q, "verdict"), ==, expected[i][0]);
        g_assert_cmpstr (json_object_get_string_member (q, "source"), ==, expected[i][1]);
        if (expected[i][2] != NULL)
          g_assert_cmpstr (json_object_get_string_member (q, "source_text"), ==, expected[i][2]);
        else
          g_assert_true (json_object_get_null_member (q, "source_text"));
      }
  }
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&lines, g_strfreev);

  /* In text, the verdict says what happened, with the new wording. */
  out = run_ok ((const char *[]) { "quotes", f->document, NULL }, 1);
  g_assert_nonnull (strstr (out, "removed from the source: \xe2\x80\x9cthe budget is final in edition 1\xe2\x80\x9d"));
  g_assert_nonnull (strstr (out, "it now says: \xe2\x80\x9cthe budget is final in edition 2\xe2\x80\x9d"));
  g_clear_pointer (&out, g_free);

  /* The audit finds the same, with the quotation and the source's words. */
  out = run_ok ((const char *[]) { "audit", "--json", f->document, NULL }, 1);
  {
    guint seen = 0;

    lines = g_strsplit (g_strstrip (out), "\n", -1);
    for (guint i = 0; lines[i] != NULL; i++)
      {
        g_autoptr(JsonObject) finding = parse_line (lines[i]);
        const char *code = json_object_get_string_member (finding, "code");
        JsonArray *items = json_object_has_member (finding, "items") ?
                           json_object_get_array_member (finding, "items") : NULL;

        if (g_str_equal (code, "quote-not-found"))
          {
            g_assert_cmpstr (json_object_get_string_member (finding, "severity"), ==, "error");
            g_assert_cmpstr (json_array_get_string_element (items, 0), ==, "we will raise taxes this year");
            seen |= 1;
          }
        else if (g_str_equal (code, "quote-removed"))
          {
            g_assert_cmpstr (json_object_get_string_member (finding, "severity"), ==, "warning");
            g_assert_cmpstr (json_array_get_string_element (items, 1), ==, "the budget is final in edition 2");
            g_assert_cmpint (json_object_get_int_member (finding, "paragraph"), ==, 3);
            seen |= 2;
          }
        else if (g_str_equal (code, "quote-in-other-source"))
          {
            g_assert_cmpstr (json_object_get_string_member (finding, "source"), ==, latin1);
            seen |= 4;
          }
      }
    g_assert_cmpuint (seen, ==, 7);
  }
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&lines, g_strfreev);

  out = run_ok ((const char *[]) { "evidence", "--json", f->document, NULL }, 0);
  lines = g_strsplit (g_strstrip (out), "\n", -1);
  g_assert_cmpuint (g_strv_length (lines), ==, 10);
  capture = parse_line (lines[0]);
  g_assert_cmpstr (json_object_get_string_member (capture, "package"), ==, f->package);
  g_assert_true (g_str_has_prefix (json_object_get_string_member (capture, "payload_digest"), "sha256:"));
  g_assert_true (json_object_has_member (capture, "captured_at"));
  g_assert_true (json_object_has_member (capture, "http_status"));
  g_assert_true (json_object_has_member (capture, "url"));
  g_assert_true (json_object_has_member (capture, "source"));
  record_id = json_object_get_string_member (capture, "record_id");

  g_free (run_ok ((const char *[]) { "evidence", "--verify", f->document, NULL }, 0));
  g_free (run_ok ((const char *[]) { "evidence", "--extract", record_id, "-o", extracted, f->document, NULL }, 0));
  g_assert_true (g_file_get_contents (extracted, &extracted_text, NULL, NULL));
  g_assert_nonnull (strstr (extracted_text, "<html>"));
  g_free (run_ok ((const char *[]) { "evidence", "--extract", "<urn:uuid:nothing>", f->document, NULL }, 2));

  /* The gzip page: decoded by default, as received with --raw. */
  n_gzip = 0;
  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_autoptr(JsonObject) line = parse_line (lines[i]);
      const char *id = json_object_get_string_member (line, "record_id");
      g_autofree char *raw = NULL;
      g_autofree char *decoded = NULL;
      gsize raw_len = 0;

      if (!g_str_has_suffix (json_object_get_string_member (line, "url"), "/gzip"))
        continue;
      g_free (run_ok ((const char *[]) { "evidence", "--extract", id, "-o", extracted, f->document, NULL }, 0));
      g_assert_true (g_file_get_contents (extracted, &decoded, NULL, NULL));
      g_assert_nonnull (strstr (decoded, "Compressed words arrive intact."));
      g_free (run_ok ((const char *[]) { "evidence", "--extract", id, "--raw", "-o", extracted, f->document, NULL }, 0));
      g_assert_true (g_file_get_contents (extracted, &raw, &raw_len, NULL));
      g_assert_cmpuint (raw_len, >, 2);
      g_assert_cmpint ((guint8) raw[0], ==, 0x1f);
      g_assert_cmpint ((guint8) raw[1], ==, 0x8b);
      g_assert_null (g_strstr_len (raw, raw_len, "Compressed words"));
      n_gzip++;
    }
  g_assert_cmpuint (n_gzip, ==, 2);

  /* One byte changed inside a stored WARC file: --verify says so. */
  {
    g_autofree char *bytes = NULL;
    gsize len = 0;
    char *hit;

    g_assert_true (g_file_get_contents (f->package, &bytes, &len, NULL));
    hit = NULL;
    /* The stored gzip members follow their local header: flip a byte of
     * the first one, well inside the archive member. */
    for (gsize i = 0; i + 3 < len && hit == NULL; i++)
      if ((guchar) bytes[i] == 0x1f && (guchar) bytes[i + 1] == 0x8b && bytes[i + 2] == 8)
        hit = bytes + i + 40;
    g_assert_nonnull (hit);
    *hit ^= 0x55;
    write_file (f->package, bytes, len);
  }
  g_free (run_ok ((const char *[]) { "evidence", "--verify", f->document, NULL }, 1));
}

/* A page with no visible text (made by its scripts) is a capture of an
 * empty text: the other quotations are checked, nothing crashes. */
static void
test_quotes_page_without_text (Fixture       *f,
                               gconstpointer  data)
{
  g_autofree char *url = site_url (f->site, "/script-only");
  WdSource *app = wd_article_add_source_url (f->article, url, NULL);
  const char *story = wd_source_get_id (source_at (f, "/story"));
  g_autofree char *body = g_strdup_printf (
    "The mayor promised \"we will not raise taxes this year\".[^%s]\n\n"
    "The app said \"hello to all our readers today\".[^%s]\n",
    story, wd_source_get_id (app));
  g_autoptr(WdEvidenceRecorder) recorder = NULL;
  g_autoptr(WdEvidencePackage) package = NULL;
  g_autoptr(WdQuoteTexts) texts = NULL;
    g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autofree char *verdicts = NULL;
  g_autofree char *text = NULL;
  WdCapture *capture;

  save_document (f, body);
  recorder = check_and_capture (f, 0);
  package = wd_evidence_package_open (f->package, &error);
  g_assert_no_error (error);
  capture = wd_evidence_package_latest (package, wd_source_get_id (app));
  g_assert_nonnull (capture);
  text = wd_evidence_package_read_text (package, capture, &error);
  g_assert_no_error (error);
  g_assert_true (text == NULL || *text == '\0' || strstr (text, "hello") == NULL);

  texts = wd_quote_texts_from_package (package, f->article, &error);
  g_assert_no_error (error);
  g_assert_nonnull (texts);
  g_assert_cmpuint (wd_quote_texts_get_problems (texts)->len, ==, 0);

  /* The command line: no crash, the story's quotation is verified, the
   * app's is not on its (empty) page. */
  g_assert_cmpint (run_cli ((const char *[]) { "quotes", "--json", f->document, NULL }, &out, &err), ==, 1);
  verdicts = verdicts_of (out);
  g_assert_cmpstr (verdicts, ==, "verified not-found");
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (run_cli ((const char *[]) { "audit", f->document, NULL }, &out, &err), ==, 1);
  g_assert_nonnull (strstr (out, "quote-not-found"));
}

/* `quotes` in text: a quotation wrapped over two lines reads as one
 * line; a control character from the document cannot reach the terminal. */
static void
test_quotes_text_output (Fixture       *f,
                         gconstpointer  data)
{
  const char *story = wd_source_get_id (source_at (f, "/story"));
  g_autofree char *body = g_strdup_printf (
    "The mayor promised \"we will not raise\ntaxes this year\".[^%s]\n\n"
    "Then \"we will \x1b[2J always raise taxes\".[^%s]\n",
    story, story);
  g_autoptr(WdEvidenceRecorder) recorder = NULL;
  g_autofree char *out = NULL;

  save_document (f, body);
  recorder = check_and_capture (f, 0);
  out = run_ok ((const char *[]) { "quotes", f->document, NULL }, 1);
  g_assert_nonnull (strstr (out, "verified: \xe2\x80\x9cwe will not raise taxes this year\xe2\x80\x9d"));
  g_assert_null (strchr (out, '\x1b'));
  g_assert_nonnull (strstr (out, "we will ?[2J always raise taxes"));
}

/* Flips a byte inside the gzip member of @capture's text record. */
static void
damage_text_record (Fixture         *f,
                    const WdCapture *capture)
{
  g_autoptr(GBytes) warc = zip_member (f->package, capture->warc, NULL);
  g_autofree char *bytes = NULL;
  gsize len = 0;
  const char *at;

  g_assert_cmpuint (capture->text_length, >, 40);
  g_assert_true (g_file_get_contents (f->package, &bytes, &len, NULL));
  /* Stored, not compressed: the member's bytes are in the zip as they are. */
  at = memmem (bytes, len, g_bytes_get_data (warc, NULL), g_bytes_get_size (warc));
  g_assert_nonnull (at);
  bytes[(at - bytes) + capture->text_offset + 30] ^= 0x55;
  write_file (f->package, bytes, len);
}

/* One damaged record costs its own source alone: the other sources'
 * quotations are still checked, and the damage is said. */
static void
test_quotes_damaged_record (Fixture       *f,
                            gconstpointer  data)
{
  const char *story = wd_source_get_id (source_at (f, "/story"));
  const char *gzip = wd_source_get_id (source_at (f, "/gzip"));
  g_autofree char *body = g_strdup_printf (
    "The mayor promised \"we will not raise taxes this year\".[^%s]\n\n"
    "The page said \"Compressed words arrive intact\".[^%s]\n\n"
    "It also said \"nothing of the kind was ever written\".[^%s]\n",
    story, gzip, gzip);
  g_autoptr(WdEvidenceRecorder) recorder = NULL;
  g_autoptr(WdEvidencePackage) package = NULL;
  g_autoptr(WdQuoteTexts) texts = NULL;
  g_autoptr(GPtrArray) quotes = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autofree char *verdicts = NULL;
  g_autofree char *record_id = NULL;
  GPtrArray *problems;
  WdQuote *q;

  save_document (f, body);
  recorder = check_and_capture (f, 0);
  package = wd_evidence_package_open (f->package, &error);
  g_assert_no_error (error);
  record_id = g_strdup (wd_evidence_package_latest (package, story)->record_id);
  damage_text_record (f, wd_evidence_package_latest (package, story));
  g_clear_object (&package);

  package = wd_evidence_package_open (f->package, &error);
  g_assert_no_error (error);
  texts = wd_quote_texts_from_package (package, f->article, &error);
  g_assert_no_error (error);
  g_assert_nonnull (texts);
  problems = wd_quote_texts_get_problems (texts);
  g_assert_cmpuint (problems->len, ==, 1);
  g_assert_nonnull (strstr (g_ptr_array_index (problems, 0), f->package));
  g_assert_nonnull (strstr (g_ptr_array_index (problems, 0), record_id));
  /* Whose it is, for the editor's notice. */
  g_assert_cmpuint (wd_quote_texts_get_damaged_sources (texts)->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (wd_quote_texts_get_damaged_sources (texts), 0), ==, story);

  quotes = wd_quotes_check (body, (const char *[]) { story, gzip, NULL }, texts);
  g_assert_cmpuint (quotes->len, ==, 3);
  q = g_ptr_array_index (quotes, 0);
  g_assert_cmpint (q->verdict, ==, WD_QUOTE_VERDICT_UNVERIFIABLE);
  g_assert_cmpstr (q->source, ==, story);
  g_assert_nonnull (strstr (q->problem, record_id));
  g_assert_cmpint (((WdQuote *) g_ptr_array_index (quotes, 1))->verdict, ==, WD_QUOTE_VERDICT_VERIFIED);
  g_assert_cmpint (((WdQuote *) g_ptr_array_index (quotes, 2))->verdict, ==, WD_QUOTE_VERDICT_NOT_FOUND);

  /* The command line says which record, checks the rest, exits 2. */
  g_assert_cmpint (run_cli ((const char *[]) { "quotes", "--json", f->document, NULL }, &out, &err), ==, 2);
  g_assert_nonnull (strstr (err, record_id));
  verdicts = verdicts_of (out);
  g_assert_cmpstr (verdicts, ==, "unverifiable verified not-found");
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (run_cli ((const char *[]) { "audit", f->document, NULL }, &out, &err), ==, 2);
  g_assert_nonnull (strstr (err, record_id));
  g_assert_nonnull (strstr (out, "quote-not-found"));
  g_assert_nonnull (strstr (out, "quote-unverifiable"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  /* A package that cannot be opened at all: every quotation says why. */
  write_file (f->package, "PK\x03\x04 this is not really a zip", 30);
  g_assert_cmpint (run_cli ((const char *[]) { "quotes", "--json", f->document, NULL }, &out, &err), ==, 2);
  g_assert_nonnull (strstr (err, f->package));
  g_clear_pointer (&verdicts, g_free);
  verdicts = verdicts_of (out);
  g_assert_cmpstr (verdicts, ==, "unverifiable unverifiable unverifiable");
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (run_cli ((const char *[]) { "audit", f->document, NULL }, &out, &err), ==, 2);
  g_assert_nonnull (strstr (out, "quote-unverifiable"));
}

/* The entities of a PROV-JSON document typed wd:WarcCapture, by name. */
static GHashTable *
prov_captures (JsonObject *prov)
{
  JsonObject *entities = json_object_get_object_member (prov, "entity");
  GHashTable *found = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GList) names = json_object_get_members (entities);

  for (GList *l = names; l != NULL; l = l->next)
    {
      JsonObject *e = json_object_get_object_member (entities, l->data);
      JsonObject *type = json_object_get_object_member (e, "prov:type");

      if (g_str_equal (json_object_get_string_member (type, "$"), "wd:WarcCapture"))
        g_hash_table_insert (found, l->data, e);
    }
  return found;
}

static gboolean
prov_flag (JsonObject *entity,
           const char *name)
{
  return g_str_equal (json_object_get_string_member (json_object_get_object_member (entity, name), "$"), "true");
}

/* "<urn:uuid:X>" → "capture:X" */
static char *
capture_name (const char *record_id)
{
  g_autofree char *uuid = g_strndup (record_id + strlen ("<urn:uuid:"),
                                     strlen (record_id) - strlen ("<urn:uuid:") - 1);

  return g_strconcat ("capture:", uuid, NULL);
}

/* PROV lists every capture of each source; export --all takes the
 * package along. */
static void
test_cli_prov_and_export (Fixture       *f,
                          gconstpointer  data)
{
  const char *changing = wd_source_get_id (source_at (f, "/changing"));
  g_autofree char *body = g_strdup_printf ("He said \"the budget is final in edition 1\".[^%s]\n", changing);
  g_autoptr(GFile) file = g_file_new_for_path (f->document);
  g_autofree char *prov_path = g_build_filename (f->dir, "story.prov.json", NULL);
  g_autofree char *outdir = g_build_filename (f->dir, "out", NULL);
  g_autofree char *exported = g_build_filename (outdir, "story.wiredesk", NULL);
  g_autofree char *exported_package = g_build_filename (outdir, "story.wacz", NULL);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GHashTable) captures = NULL;
  g_autoptr(WdEvidencePackage) package = NULL;
  g_autofree char *first = NULL;
  g_autofree char *second = NULL;
  g_autofree char *original = NULL;
  g_autofree char *copy = NULL;
  gsize original_len = 0, copy_len = 0;
  JsonObject *root, *derived;
  GPtrArray *all;
  guint n_derived = 0;
  g_autoptr(GList) relations = NULL;

  wd_article_set_body (f->article, body);
  g_assert_true (wd_native_format_save (f->article, file, NULL, NULL));
  g_free (run_ok ((const char *[]) { "check", "--write", f->document, NULL }, 0));
  site_set_version (f->site, 2);
  g_free (run_ok ((const char *[]) { "check", "--write", f->document, NULL }, 0));

  package = wd_evidence_package_open (f->package, NULL);
  all = wd_evidence_package_get_captures (package);
  g_assert_cmpuint (all->len, ==, 10);
  for (guint i = 0; i < all->len; i++)
    {
      WdCapture *c = g_ptr_array_index (all, i);

      if (g_strcmp0 (c->source, changing) == 0 && first == NULL)
        first = capture_name (c->record_id);
      else if (g_strcmp0 (c->source, changing) == 0)
        second = capture_name (c->record_id);
    }
  g_assert_nonnull (second);

  g_free (run_ok ((const char *[]) { "export", "--format", "prov", "-o", prov_path, f->document, NULL }, 0));
  g_assert_true (json_parser_load_from_file (parser, prov_path, NULL));
  root = json_node_get_object (json_parser_get_root (parser));
  captures = prov_captures (root);
  /* Every capture, not only the last check's. */
  g_assert_cmpuint (g_hash_table_size (captures), ==, all->len);
  g_assert_true (prov_flag (g_hash_table_lookup (captures, first), "wd:baseline"));
  g_assert_false (prov_flag (g_hash_table_lookup (captures, first), "wd:latest"));
  g_assert_false (prov_flag (g_hash_table_lookup (captures, second), "wd:baseline"));
  g_assert_true (prov_flag (g_hash_table_lookup (captures, second), "wd:latest"));
  /* The article rests on both of the cited source's captures. */
  derived = json_object_get_object_member (root, "wasDerivedFrom");
  relations = json_object_get_values (derived);
  for (GList *l = relations; l != NULL; l = l->next)
    {
      const char *used = json_object_get_string_member (json_node_get_object (l->data), "prov:usedEntity");

      n_derived += g_str_equal (used, first) || g_str_equal (used, second);
    }
  g_assert_cmpuint (n_derived, ==, 2);

  /* export --all: the package goes along, whole, and still verifies. */
  g_free (run_ok ((const char *[]) { "export", "--all", outdir, f->document, NULL }, 0));
  g_assert_true (g_file_get_contents (f->package, &original, &original_len, NULL));
  g_assert_true (g_file_get_contents (exported_package, &copy, &copy_len, NULL));
  g_assert_cmpmem (original, original_len, copy, copy_len);
  g_free (run_ok ((const char *[]) { "evidence", "--verify", exported, NULL }, 0));
  {
    g_autofree char *exported_prov = g_build_filename (outdir, "story.prov.json", NULL);
    g_autoptr(JsonParser) again = json_parser_new ();
    g_autoptr(GHashTable) listed = NULL;

    g_assert_true (json_parser_load_from_file (again, exported_prov, NULL));
    listed = prov_captures (json_node_get_object (json_parser_get_root (again)));
    g_assert_cmpuint (g_hash_table_size (listed), ==, all->len);
  }
  wd_test_rmdir_r (outdir);
}

/* ------------------------------------------------- warcio, independently */

/* ---------------------------------------- text records of an older Wiredesk */

/* @text as the page reader before blocks wrote it: one line. */
static char *
one_line (const char *text,
          gsize       len)
{
  g_autofree char *copy = g_strndup (text, len);
  g_auto(GStrv) words = g_strsplit_set (copy, " \n", -1);
  GString *out = g_string_new (NULL);

  for (guint i = 0; words[i] != NULL; i++)
    if (*words[i] != '\0')
      g_string_append_printf (out, "%s%s", out->len > 0 ? " " : "", words[i]);
  return g_string_free (out, FALSE);
}

/* @parsed, a conversion record, as an older Wiredesk wrote it: its text
 * one line, and no text version. */
static void
add_old_conversion (GByteArray   *out,
                    WdWarcParsed *parsed)
{
  g_autoptr(WdWarcWriter) writer = _wd_warc_writer_new ();
  gsize len = 0;
  const char *data = g_bytes_get_data (parsed->block, &len);
  char *text = one_line (data, len);
  g_autoptr(GBytes) block = g_bytes_new_take (text, strlen (text));
  const char *headers[] = { "WARC-Warcinfo-ID", g_hash_table_lookup (parsed->headers, "warc-warcinfo-id"),
                            "WARC-Refers-To", g_hash_table_lookup (parsed->headers, "warc-refers-to"),
                            NULL };
  WdWarcRecord record = { 0, };

  record.type = "conversion";
  record.record_id = g_hash_table_lookup (parsed->headers, "warc-record-id");
  record.date = g_hash_table_lookup (parsed->headers, "warc-date");
  record.target_uri = g_hash_table_lookup (parsed->headers, "warc-target-uri");
  record.content_type = g_hash_table_lookup (parsed->headers, "content-type");
  record.block = block;
  record.headers = headers;
  _wd_warc_writer_add (writer, &record, NULL, NULL);
  g_byte_array_append (out, writer->data->data, writer->data->len);
}

/* "archive/x.warc.gz@1234" */
static char *
place_key (const char *warc,
           guint64     offset)
{
  return g_strdup_printf ("%s@%" G_GUINT64_FORMAT, warc, offset);
}

/* The record that was at @offset/@length: where it is now. */
static void
move_record (GHashTable *moved,
             const char *warc,
             guint64    *offset,
             guint64    *length)
{
  g_autofree char *key = place_key (warc, *offset);
  guint64 *now = g_hash_table_lookup (moved, key);

  g_assert_nonnull (now);
  *offset = now[0];
  *length = now[1];
}

static void
put_zip_member (zip_t       *zip,
                const char  *name,
                GBytes      *bytes,
                zip_int32_t  method)
{
  zip_source_t *src = zip_source_buffer (zip, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes), 0);
  zip_int64_t old = zip_name_locate (zip, name, 0);
  zip_int64_t index;

  /* Deleted, then added: libzip 1.11 (Debian 13) wrote an entry added
   * with ZIP_FL_OVERWRITE deflated although zip_set_file_compression()
   * asked to store it. */
  if (old >= 0)
    g_assert_cmpint (zip_delete (zip, (zip_uint64_t) old), ==, 0);
  index = zip_file_add (zip, name, src, 0);
  g_assert_cmpint (index, >=, 0);
  zip_set_file_compression (zip, index, method, 0);
}

/* How Wiredesk stores a member: its WARCs as they are, as WACZ says. */
static zip_int32_t
wacz_method (const char *name)
{
  return g_str_has_prefix (name, "archive/") ? ZIP_CM_STORE : ZIP_CM_DEFLATE;
}

/* Turns @package into one an older Wiredesk wrote: every text record
 * rewritten as it wrote them (one line, no text version), the index and
 * datapackage.json following the records. */
static void
make_old_text_records (const char *package)
{
  g_autoptr(GBytes) datapackage = zip_member (package, "datapackage.json", NULL);
  g_autoptr(GBytes) index = zip_member (package, "indexes/index.cdxj", NULL);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GHashTable) moved = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_autoptr(GHashTable) members = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                                         (GDestroyNotify) g_bytes_unref);
  g_autofree char *index_text = g_strndup (g_bytes_get_data (index, NULL), g_bytes_get_size (index));
  g_auto(GStrv) lines = g_strsplit (index_text, "\n", -1);
  g_autoptr(GString) new_index = g_string_new (NULL);
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  JsonArray *resources;
  guint n_rewritten = 0;
  int code = 0;
  zip_t *zip;

  g_assert_true (json_parser_load_from_data (parser, g_bytes_get_data (datapackage, NULL),
                                             g_bytes_get_size (datapackage), NULL));
  resources = json_object_get_array_member (json_node_get_object (json_parser_get_root (parser)),
                                            "resources");
  for (guint i = 0; i < json_array_get_length (resources); i++)
    {
      const char *path = json_object_get_string_member (json_array_get_object_element (resources, i), "path");
      g_autoptr(GBytes) warc = NULL;
      g_autoptr(GPtrArray) records = NULL;
      g_autoptr(GError) error = NULL;
      GByteArray *out;
      const guint8 *data;

      if (!g_str_has_prefix (path, "archive/"))
        continue;
      warc = zip_member (package, path, NULL);
      data = g_bytes_get_data (warc, NULL);
      records = _wd_warc_read_all (data, g_bytes_get_size (warc), &error);
      g_assert_no_error (error);
      out = g_byte_array_new ();
      for (guint r = 0; r < records->len; r++)
        {
          WdWarcParsed *parsed = g_ptr_array_index (records, r);
          guint64 *now = g_new (guint64, 2);

          now[0] = out->len;
          if (g_strcmp0 (g_hash_table_lookup (parsed->headers, "warc-type"), "conversion") == 0)
            {
              g_assert_cmpstr (g_hash_table_lookup (parsed->headers, "warc-wiredesk-text-version"), ==, "2");
              add_old_conversion (out, parsed);
              n_rewritten++;
            }
          else
            g_byte_array_append (out, data + parsed->offset, parsed->length);
          now[1] = out->len - now[0];
          g_hash_table_insert (moved, place_key (path, parsed->offset), now);
        }
      g_hash_table_insert (members, g_strdup (path), g_byte_array_free_to_bytes (out));
    }
  g_assert_cmpuint (n_rewritten, >, 0);

  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_autoptr(WdCapture) c = NULL;
      g_autofree char *line = NULL;

      if (*lines[i] == '\0')
        continue;
      c = _wd_capture_from_cdxj (lines[i], NULL);
      g_assert_nonnull (c);
      move_record (moved, c->warc, &c->offset, &c->length);
      if (c->text_length > 0)
        move_record (moved, c->warc, &c->text_offset, &c->text_length);
      line = _wd_capture_to_cdxj (c);
      g_string_append_printf (new_index, "%s\n", line);
    }
  g_hash_table_insert (members, g_strdup ("indexes/index.cdxj"),
                       g_bytes_new (new_index->str, new_index->len));

  for (guint i = 0; i < json_array_get_length (resources); i++)
    {
      JsonObject *r = json_array_get_object_element (resources, i);
      GBytes *member = g_hash_table_lookup (members, json_object_get_string_member (r, "path"));
      g_autofree char *hex = NULL;
      g_autofree char *hash = NULL;

      if (member == NULL)
        continue;
      hex = g_compute_checksum_for_bytes (G_CHECKSUM_SHA256, member);
      hash = g_strconcat ("sha256:", hex, NULL);
      json_object_set_string_member (r, "hash", hash);
      json_object_set_int_member (r, "bytes", g_bytes_get_size (member));
    }
  json_generator_set_root (generator, json_parser_get_root (parser));
  {
    gsize len = 0;
    char *json = json_generator_to_data (generator, &len);

    g_hash_table_insert (members, g_strdup ("datapackage.json"), g_bytes_new_take (json, len));
  }

  zip = zip_open (package, 0, &code);
  g_assert_nonnull (zip);
  {
    GHashTableIter iter;
    gpointer name, bytes;

    g_hash_table_iter_init (&iter, members);
    while (g_hash_table_iter_next (&iter, &name, &bytes))
      put_zip_member (zip, name, bytes, wacz_method (name));
  }
  g_assert_cmpint (zip_close (zip), ==, 0);
}

static char *
file_digest (const char *path)
{
  g_autofree char *bytes = NULL;
  gsize len = 0;

  g_assert_true (g_file_get_contents (path, &bytes, &len, NULL));
  return g_compute_checksum_for_data (G_CHECKSUM_SHA256, (const guchar *) bytes, len);
}

/* WACZ stores its WARCs uncompressed, but a zip tool may deflate them:
 * such a package still reads (a record is read up to where it starts;
 * libzip 1.10 and later refuse every read on a handle whose seek
 * failed). */
static void
test_deflated_archive (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(WdEvidenceRecorder) recorder = check_and_capture (f, 0);
  g_autoptr(WdEvidencePackage) before = NULL;
  g_autoptr(WdEvidencePackage) after = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *expected = NULL;
  g_autofree char *text = NULL;
  const char *story = wd_source_get_id (source_at (f, "/story"));
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  gboolean stored = TRUE;
  int code = 0;
  zip_t *zip;

  before = wd_evidence_package_open (f->package, &error);
  g_assert_no_error (error);
  expected = wd_evidence_package_read_text (before, wd_evidence_package_latest (before, story), &error);
  g_assert_no_error (error);
  g_assert_nonnull (expected);

  zip = zip_open (f->package, 0, &code);
  g_assert_nonnull (zip);
  for (zip_int64_t i = 0; i < zip_get_num_entries (zip, 0); i++)
    if (g_str_has_prefix (zip_get_name (zip, (zip_uint64_t) i, 0), "archive/"))
      g_ptr_array_add (names, g_strdup (zip_get_name (zip, (zip_uint64_t) i, 0)));
  g_assert_cmpint (zip_close (zip), ==, 0);
  g_assert_cmpuint (names->len, >, 0);
  {
    g_autoptr(GPtrArray) members = g_ptr_array_new_with_free_func ((GDestroyNotify) g_bytes_unref);

    for (guint i = 0; i < names->len; i++)
      g_ptr_array_add (members, zip_member (f->package, names->pdata[i], NULL));
    zip = zip_open (f->package, 0, &code);
    for (guint i = 0; i < names->len; i++)
      put_zip_member (zip, names->pdata[i], members->pdata[i], ZIP_CM_DEFLATE);
    g_assert_cmpint (zip_close (zip), ==, 0);
  }
  g_bytes_unref (zip_member (f->package, names->pdata[0], &stored));
  g_assert_false (stored);

  after = wd_evidence_package_open (f->package, &error);
  g_assert_no_error (error);
  text = wd_evidence_package_read_text (after, wd_evidence_package_latest (after, story), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (text, ==, expected);
}

/* A capture made by an older Wiredesk, whose text record is one line,
 * reads as today's: its text comes again from its body. After a re-check
 * of the unchanged page, a quotation spliced across two of the page's
 * blocks is not "removed" (it was never the page's words), the two
 * captures' texts are the same, and the package still verifies. */
static void
test_old_text_records (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(WdEvidenceRecorder) first = NULL;
  g_autoptr(WdEvidenceRecorder) second = NULL;
  g_autoptr(WdEvidencePackage) package = NULL;
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(GArray) segments = NULL;
  g_autoptr(GError) error = NULL;
  const char *story = wd_source_get_id (source_at (f, "/story"));
  g_autofree char *body = g_strdup_printf ("The paper ran \"Council vote The mayor said\" over it.[^%s]\n\n"
                                           "The mayor promised \"we will not raise taxes this year\".[^%s]\n",
                                           story, story);
  g_autofree char *stored = NULL;
  g_autofree char *baseline_text = NULL;
  g_autofree char *latest_text = NULL;
  g_autofree char *text = NULL;
  g_autofree char *out = NULL;
  g_autofree char *verdicts = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autofree char *huge = site_url (f->site, "/huge");
  WdCapture *baseline, *latest;
  guint added = 1, removed = 1;

  g_assert_nonnull (wd_article_add_source_url (f->article, huge, NULL));
  first = check_and_capture (f, 0);
  make_old_text_records (f->package);
  package = wd_evidence_package_open (f->package, &error);
  g_assert_no_error (error);
  baseline = wd_evidence_package_baseline (package, story);
  stored = wd_evidence_package_read_stored_text (package, baseline, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (stored, ==, "Council vote The mayor said \xe2\x80\x9cwe will not raise taxes this year\xe2\x80\x9d "
                               "after the vote.");
  /* Read again from the body, as today's reader reads it: its blocks,
   * the charset of a latin1 page and a gzip body's words. */
  text = wd_evidence_package_read_text (package, baseline, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (text, ==, "Council vote\n\nThe mayor said \xe2\x80\x9cwe will not raise taxes this year\xe2\x80\x9d "
                             "after the vote.");
  g_clear_pointer (&text, g_free);
  text = wd_evidence_package_read_text (package, wd_evidence_package_baseline (
                                          package, wd_source_get_id (source_at (f, "/latin1"))), &error);
  g_assert_cmpstr (text, ==, "Z\xc3\xbcrich approved the plan.");
  g_clear_pointer (&text, g_free);
  text = wd_evidence_package_read_text (package, wd_evidence_package_baseline (
                                          package, wd_source_get_id (source_at (f, "/gzip"))), &error);
  g_assert_cmpstr (text, ==, "Compressed words arrive intact.");
  g_clear_pointer (&text, g_free);
  /* A body cut short (WARC-Truncated) keeps the text stored with it. */
  baseline = wd_evidence_package_baseline (package, wd_source_get_id (wd_article_find_source (f->article, huge)));
  g_assert_true (baseline->truncated);
  g_clear_pointer (&stored, g_free);
  stored = wd_evidence_package_read_stored_text (package, baseline, &error);
  text = wd_evidence_package_read_text (package, baseline, &error);
  g_assert_no_error (error);
  g_assert_true (g_str_has_prefix (stored, "Huge aaaa"));
  g_assert_cmpstr (text, ==, stored);
  g_clear_object (&package);

  /* Today's Wiredesk checks the unchanged page again. */
  second = check_and_capture (f, 0);
  save_document (f, body);
  before = file_digest (f->package);
  out = run_ok ((const char *[]) { "quotes", "--json", f->document, NULL }, 1);
  verdicts = verdicts_of (out);
  g_assert_cmpstr (verdicts, ==, "not-found verified");

  /* What Changed: nothing, not even white space. */
  package = wd_evidence_package_open (f->package, &error);
  g_assert_no_error (error);
  baseline = wd_evidence_package_baseline (package, story);
  latest = wd_evidence_package_latest (package, story);
  g_assert_cmpstr (baseline->record_id, !=, latest->record_id);
  baseline_text = wd_evidence_package_read_text (package, baseline, &error);
  latest_text = wd_evidence_package_read_text (package, latest, &error);
  g_assert_no_error (error);
  segments = wd_diff_words (baseline_text, latest_text);
  for (guint i = 0; i < segments->len; i++)
    g_assert_cmpint (g_array_index (segments, WdDiffSegment, i).op, ==, WD_DIFF_EQUAL);
  wd_diff_count_words (baseline_text, latest_text, segments, &added, &removed);
  g_assert_cmpuint (added + removed, ==, 0);

  /* Read, never rewritten: the old record is as it was, the package verifies. */
  g_clear_pointer (&stored, g_free);
  stored = wd_evidence_package_read_stored_text (package, baseline, &error);
  g_assert_null (strchr (stored, '\n'));
  g_assert_true (wd_evidence_package_verify (package, &problems, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (problems->len, ==, 0);
  assert_datapackage_digests (f->package);
  g_clear_object (&package);
  after = file_digest (f->package);
  g_assert_cmpstr (before, ==, after);
  g_free (run_ok ((const char *[]) { "evidence", "--verify", f->document, NULL }, 0));
}

static int
run_warcio (void)
{
  const char *cli = g_getenv ("WD_WARCIO");
  const char *script = g_getenv ("WD_WARCIO_CHECK");
  g_autofree char *node = g_find_program_in_path ("node");
  Fixture f = { 0, };
  g_autoptr(WdEvidenceRecorder) recorder = NULL;
  g_autofree char *argv_line = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  int status = 0;

  if (node == NULL || cli == NULL || !g_file_test (cli, G_FILE_TEST_EXISTS) || script == NULL)
    {
      g_print ("SKIP: warcio is not installed (build-aux/dev npm installs it)\n");
      return 77;
    }

  fixture_set_up (&f, NULL);
  recorder = check_and_capture (&f, 0);
  /* The first captures as an older Wiredesk wrote their text. */
  make_old_text_records (f.package);
  site_set_version (f.site, 2);
  g_clear_object (&recorder);
  recorder = check_and_capture (&f, 0);

  /* Error pages, a redirect's body, a PDF, gzip in chunks, a stalled body. */
  {
    g_autoptr(WdArticle) more = wd_article_new ();
    g_autoptr(WdChecker) checker = wd_checker_new ();
    g_autofree char *chunked = site_url (f.site, "/gzip-chunked");

    for (guint i = 0; error_paths[i] != NULL; i++)
      {
        g_autofree char *url = site_url (f.site, error_paths[i]);
        wd_article_add_source_url (more, url, NULL);
      }
    wd_article_add_source_url (more, chunked, NULL);
    g_object_set (checker, "timeout", 1.5, NULL);
    g_clear_object (&recorder);
    recorder = wd_evidence_recorder_new (f.package, checker);
    check_article (checker, more);
    if (!wd_evidence_recorder_save (recorder, &error))
      {
        g_printerr ("cannot save the package: %s\n", error->message);
        return 1;
      }
  }

  {
    const char *argv[] = { node, script, cli, f.package, NULL };

    if (!g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, &out, &err,
                       &status, &error))
      {
        g_printerr ("cannot run node: %s\n", error->message);
        return 1;
      }
  }
  g_print ("%s", out);
  g_printerr ("%s", err);
  g_clear_object (&recorder);
  fixture_tear_down (&f, NULL);
  return g_spawn_check_wait_status (status, NULL) ? 0 : 1;
}

int
main (int   argc,
      char *argv[])
{
  if (argc > 1 && g_str_equal (argv[1], "--warcio"))
    return run_warcio ();

  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/evidence/package-path", test_package_path);
  g_test_add_func ("/evidence/hostile/huge-record", test_huge_record);
  g_test_add ("/evidence/capture/pages", Fixture, NULL, fixture_set_up, test_capture_pages, fixture_tear_down);
  g_test_add ("/evidence/capture/warc-records", Fixture, NULL, fixture_set_up, test_warc_records, fixture_tear_down);
  g_test_add ("/evidence/capture/append-only", Fixture, NULL, fixture_set_up, test_append_only, fixture_tear_down);
  g_test_add ("/evidence/capture/concurrent-saves", Fixture, NULL, fixture_set_up, test_concurrent_saves, fixture_tear_down);
  g_test_add ("/evidence/capture/same-second", Fixture, NULL, fixture_set_up, test_same_second, fixture_tear_down);
  g_test_add ("/evidence/capture/http-versions", Fixture, NULL, fixture_set_up, test_http_versions, fixture_tear_down);
  g_test_add ("/evidence/capture/truncated", Fixture, NULL, fixture_set_up, test_truncated, fixture_tear_down);
  g_test_add ("/evidence/capture/as-received", Fixture, NULL, fixture_set_up, test_as_received, fixture_tear_down);
  g_test_add ("/evidence/capture/error-bodies", Fixture, NULL, fixture_set_up, test_error_bodies, fixture_tear_down);
  g_test_add ("/evidence/capture/limit", Fixture, NULL, fixture_set_up, test_limit, fixture_tear_down);
  g_test_add ("/evidence/capture/limit-compressed", Fixture, NULL, fixture_set_up, test_limit_compressed, fixture_tear_down);
  g_test_add ("/evidence/cli/prov-and-export", Fixture, NULL, fixture_set_up, test_cli_prov_and_export, fixture_tear_down);
  g_test_add ("/evidence/cli", Fixture, NULL, fixture_set_up, test_cli, fixture_tear_down);
  g_test_add ("/evidence/quotes/page-without-text", Fixture, NULL, fixture_set_up,
              test_quotes_page_without_text, fixture_tear_down);
  g_test_add ("/evidence/quotes/text-output", Fixture, NULL, fixture_set_up,
              test_quotes_text_output, fixture_tear_down);
  g_test_add ("/evidence/quotes/damaged-record", Fixture, NULL, fixture_set_up,
              test_quotes_damaged_record, fixture_tear_down);
  g_test_add ("/evidence/cli/limit", Fixture, NULL, fixture_set_up, test_cli_limit, fixture_tear_down);
  g_test_add ("/evidence/cli/records", Fixture, NULL, fixture_set_up, test_cli_records, fixture_tear_down);
  g_test_add ("/evidence/hostile/packages", Fixture, NULL, fixture_set_up, test_hostile_packages, fixture_tear_down);
  g_test_add ("/evidence/hostile/damaged-kept", Fixture, NULL, fixture_set_up, test_damaged_package_kept, fixture_tear_down);
  g_test_add ("/evidence/package/deflated-archive", Fixture, NULL, fixture_set_up,
              test_deflated_archive, fixture_tear_down);
  g_test_add ("/evidence/quotes/old-text-records", Fixture, NULL, fixture_set_up,
              test_old_text_records, fixture_tear_down);

  return g_test_run ();
}

/* The hostile server's pages: every way a web server can mislead or
 * stall a link checker. Runs on the server thread. */
#include "config.h"

#include <gio/gio.h>
#include <string.h>
#include <sys/socket.h>

#include "wd-hostile-server-private.h"

#define STREAM_CHUNK (64 * 1024)
#define HUGE_LENGTH (G_GUINT64_CONSTANT (2) << 30)
#define DRIP_INTERVAL_MS 200

/* ------------------------------------------------------------- answers */

static char *
page (const char *title,
      const char *text)
{
  return g_strdup_printf ("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
                          "<title>%s</title></head>\n<body><h1>%s</h1>\n<p>%s</p></body></html>\n",
                          title, title, text);
}

static void
answer (SoupServerMessage *msg,
        guint              status,
        const char        *content_type,
        const char        *body)
{
  soup_server_message_set_status (msg, status, NULL);
  soup_server_message_set_response (msg, content_type, SOUP_MEMORY_COPY, body, strlen (body));
}

static void
answer_page (SoupServerMessage *msg,
             guint              status,
             const char        *title,
             const char        *text)
{
  g_autofree char *html = page (title, text);

  answer (msg, status, "text/html; charset=utf-8", html);
}

static void
redirect (SoupServerMessage *msg,
          guint              status,
          const char        *location)
{
  soup_server_message_set_status (msg, status, NULL);
  if (location != NULL)
    soup_message_headers_replace (soup_server_message_get_response_headers (msg),
                                  "Location", location);
}

static const char meta_og[] =
  "<!DOCTYPE html><html lang=\"fr-FR\"><head>"
  "<title>Plain title that loses</title>"
  "<meta property=\"og:title\" content=\"  Le titre   Open Graph \">"
  "<meta property=\"og:site_name\" content=\"Le Journal Test\">"
  "<meta property=\"article:author\" content=\"Camille Martin\">"
  "<meta property=\"article:published_time\" content=\"2024-05-01T10:00:00+02:00\">"
  "<link rel=\"canonical\" href=\"/canonical/og?x=1\">"
  "</head><body><p>Bonjour.</p></body></html>";

static const char meta_twitter[] =
  "<html lang=\"en_GB\"><head><title>Loses too</title>"
  "<meta name=\"twitter:title\" content=\"The Twitter title\">"
  "<meta name=\"application-name\" content=\"Tweet Site\">"
  "<meta property=\"og:url\" content=\"https://www.example.org/canonical/tw\">"
  "</head><body><time datetime=\"2023-02-03T04:05:06Z\">3 Feb</time></body></html>";

static const char meta_citation[] =
  "<html lang=\"en\"><head><title>Journal page</title>"
  "<meta name=\"citation_title\" content=\"On the Survival of Links\">"
  "<meta name=\"citation_author\" content=\"Ada Lovelace\">"
  "<meta name=\"citation_author\" content=\"Alan Turing\">"
  "<meta name=\"citation_publication_date\" content=\"2021/03/04\">"
  "</head><body><p>Abstract.</p></body></html>";

static const char meta_json_ld[] =
  "<html><head><title>Loses to the headline</title>"
  "<script type=\"application/ld+json\">{\"@context\":\"https://schema.org\",\"@graph\":["
  "{\"@type\":\"WebSite\",\"name\":\"Not this\"},"
  "{\"@type\":\"NewsArticle\",\"headline\":\"Ferries halted after survey\","
  "\"publisher\":{\"@type\":\"Organization\",\"name\":\"Harbour Herald\"},"
  "\"author\":[{\"@type\":\"Person\",\"name\":\"Jo Smith\"},{\"name\":\"Sam Lee\"}],"
  "\"datePublished\":\"2022-07-08 09:10:11Z\"}]}</script>"
  "<script type=\"application/ld+json\">[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[</script>"
  "</head><body><p>Story.</p></body></html>";

static const char meta_plain[] =
  "<html><head><title>Only a title</title><meta name=\"author\" content=\"Desk Writer\">"
  "<meta http-equiv=\"Content-Language\" content=\"de, en\">"
  "</head><body><p>Dated <time datetime=\"2020-01-02\">2 January</time>.</p></body></html>";

/* The same visible text as text_b, in other markup. */
static const char text_a[] =
  "<html><head><title>T</title><style>p { color: red }</style></head>"
  "<body><p>Hello   <b>brave</b>\n new world.</p><script>var hidden = 1;</script></body></html>";
static const char text_b[] =
  "<html><head><title>T</title></head><body>\n\n  <div>Hello brave new  world.</div>"
  "<noscript>enable scripts</noscript></body></html>";
static const char text_c[] =
  "<html><head><title>T</title></head><body><p>Goodbye cruel world.</p></body></html>";

/* ------------------------------------------------------------ streaming */

typedef struct
{
  WdHostileServer *self;
  char            *path;
  guint64          sent;          /* decoded body bytes */
  guint64          limit;
  GConverter      *compressor;    /* for the gzip bomb */
  GSource         *timer;
} Stream;

static void
stream_free (Stream *stream)
{
  if (stream->timer != NULL)
    {
      g_source_destroy (stream->timer);
      g_source_unref (stream->timer);
    }
  g_clear_object (&stream->compressor);
  g_free (stream->path);
  g_free (stream);
}

static void
append_compressed (SoupServerMessage *msg,
                   Stream            *stream,
                   const char        *data,
                   gsize              len,
                   gboolean           last)
{
  SoupMessageBody *body = soup_server_message_get_response_body (msg);
  g_autofree char *out = g_malloc (len + 1024);
  gsize read_total = 0, written_total = 0;

  do
    {
      gsize bytes_read = 0, bytes_written = 0;
      GConverterResult res =
        g_converter_convert (stream->compressor, data + read_total, len - read_total,
                             out + written_total, len + 1024 - written_total,
                             last ? G_CONVERTER_INPUT_AT_END : G_CONVERTER_FLUSH,
                             &bytes_read, &bytes_written, NULL);

      g_assert (res != G_CONVERTER_ERROR);
      read_total += bytes_read;
      written_total += bytes_written;
      if (res == G_CONVERTER_FLUSHED || res == G_CONVERTER_FINISHED)
        break;
    }
  while (TRUE);

  soup_message_body_append (body, SOUP_MEMORY_COPY, out, written_total);
}

static void
write_next (SoupServerMessage *msg,
            Stream            *stream)
{
  static char filler[STREAM_CHUNK];
  SoupMessageBody *body = soup_server_message_get_response_body (msg);
  gsize n = (gsize) MIN ((guint64) STREAM_CHUNK, stream->limit - stream->sent);

  if (filler[0] == '\0')
    for (gsize i = 0; i < sizeof filler; i++)
      filler[i] = (i % 64 == 63) ? '\n' : "filler "[i % 7];

  if (n == 0)
    {
      soup_message_body_complete (body);
      return;
    }

  if (stream->compressor != NULL)
    append_compressed (msg, stream, filler, n, stream->sent + n == stream->limit);
  else
    soup_message_body_append (body, SOUP_MEMORY_STATIC, filler, n);

  stream->sent += n;
  _wd_hostile_add_bytes_sent (stream->self, stream->path, n);
}

static Stream *
start_stream (WdHostileServer   *self,
              SoupServerMessage *msg,
              const char        *path,
              const char        *head,
              guint64            limit,
              gboolean           gzip)
{
  SoupMessageHeaders *headers = soup_server_message_get_response_headers (msg);
  SoupMessageBody *body = soup_server_message_get_response_body (msg);
  Stream *stream = g_new0 (Stream, 1);

  stream->self = self;
  stream->path = g_strdup (path);
  stream->limit = limit;
  g_object_set_data_full (G_OBJECT (msg), "stream", stream, (GDestroyNotify) stream_free);

  /* Written chunks are dropped, not kept for the whole response. */
  soup_message_body_set_accumulate (body, FALSE);
  soup_server_message_set_status (msg, SOUP_STATUS_OK, NULL);
  soup_message_headers_set_content_type (headers, "text/html", NULL);

  if (gzip)
    {
      soup_message_headers_set_encoding (headers, SOUP_ENCODING_CHUNKED);
      soup_message_headers_replace (headers, "Content-Encoding", "gzip");
      stream->compressor = G_CONVERTER (g_zlib_compressor_new (G_ZLIB_COMPRESSOR_FORMAT_GZIP, 9));
      append_compressed (msg, stream, head, strlen (head), FALSE);
    }
  else
    {
      /* A Content-Length the checker must not believe. */
      soup_message_headers_set_content_length (headers, strlen (head) + limit);
      soup_message_body_append (body, SOUP_MEMORY_COPY, head, strlen (head));
    }

  _wd_hostile_add_bytes_sent (self, path, strlen (head));
  return stream;
}

static gboolean
drip_one (gpointer data)
{
  SoupServerMessage *msg = data;
  Stream *stream = g_object_get_data (G_OBJECT (msg), "stream");

  g_clear_pointer (&stream->timer, g_source_unref);
  soup_message_body_append (soup_server_message_get_response_body (msg),
                            SOUP_MEMORY_STATIC, "x", 1);
  stream->sent++;
  soup_server_message_unpause (msg);
  return G_SOURCE_REMOVE;
}

static void
on_drip_chunk_written (SoupServerMessage *msg,
                       Stream            *stream)
{
  /* The server pauses itself when the body runs dry. */
  stream->timer = g_timeout_source_new (DRIP_INTERVAL_MS);
  g_source_set_callback (stream->timer, drip_one, msg, NULL);
  g_source_attach (stream->timer, wd_test_server_get_context (stream->self->http));
}

/* Answers after @delay_ms with the page already set on @msg. */
static gboolean
unpause_later (gpointer data)
{
  soup_server_message_unpause (data);
  return G_SOURCE_REMOVE;
}

static void
answer_later (WdHostileServer   *self,
              SoupServerMessage *msg,
              guint              delay_ms)
{
  GSource *source = g_timeout_source_new (delay_ms);

  soup_server_message_pause (msg);
  g_source_set_callback (source, unpause_later, g_object_ref (msg), g_object_unref);
  g_source_attach (source, wd_test_server_get_context (self->http));
  g_source_unref (source);
}

static void
hang_up (SoupServerMessage *msg,
         const char        *raw,
         gboolean           reset)
{
  GSocket *socket = soup_server_message_get_socket (msg);
  g_autoptr(GIOStream) stream = NULL;

  if (reset)
    {
      struct linger linger = { 1, 0 };

      /* Closing with a zero linger sends RST instead of FIN. */
      setsockopt (g_socket_get_fd (socket), SOL_SOCKET, SO_LINGER, &linger, sizeof linger);
    }

  stream = soup_server_message_steal_connection (msg);
  if (raw != NULL)
    g_output_stream_write_all (g_io_stream_get_output_stream (stream), raw, strlen (raw),
                               NULL, NULL, NULL);
  g_io_stream_close (stream, NULL, NULL);
}

/* ------------------------------------------------------------- routing */

static gboolean handle_fixed (WdHostileServer   *self,
                              SoupServerMessage *msg,
                              const char        *path);

gboolean
_wd_hostile_handle_soft_404_site (WdHostileServer   *self,
                      SoupServerMessage *msg,
                      const char        *path)
{
  g_autofree char *text = NULL;

  if (g_str_equal (path, "/"))
    answer_page (msg, 200, "Example News", "Front page: the latest headlines.");
  else if (g_str_equal (path, "/real-article"))
    answer_page (msg, 200, "Council approves new harbour wall",
                 "The council voted on Tuesday to fund a two-kilometre sea wall, "
                 "ending a decade of debate over flood defences in the old port.");
  else if (handle_fixed (self, msg, path))
    ;  /* the error pages of every kind, served with 200 here too */
  else if (g_str_equal (path, "/titled-like-all"))
    /* Every page of some sites has the site's name as its title. */
    answer_page (msg, 200, "Example News",
                 "Harbour pilots at Kestrel Bay stopped guiding ships into port on "
                 "Wednesday, leaving forty vessels at anchor outside the breakwater "
                 "while their association and the port authority argue over night "
                 "shifts and rest periods.");
  else
    {
      /* The same page for everything else, quoting the address asked for. */
      text = g_strdup_printf ("Sorry, we looked everywhere for %s but there is nothing here. "
                              "Browse our latest headlines, sport, weather and opinion "
                              "from across the region instead.", path);
      answer_page (msg, 200, "Example News", text);
      return FALSE;
    }
  return TRUE;
}

static void
handle_status (SoupServerMessage *msg,
               const char        *path)
{
  guint status = (guint) g_ascii_strtoull (path + strlen ("/status/"), NULL, 10);
  g_autofree char *title = g_strdup_printf ("Status %u", status);

  answer_page (msg, status, title, "An answer with this status.");
}

static void
handle_redirect_chain (SoupServerMessage *msg,
                       const char        *path)
{
  guint n = (guint) g_ascii_strtoull (path + strlen ("/redirect/"), NULL, 10);
  g_autofree char *next = n > 1 ? g_strdup_printf ("/redirect/%u", n - 1) : g_strdup ("/ok");

  redirect (msg, SOUP_STATUS_FOUND, next);
}

static gboolean
handle_streams (WdHostileServer   *self,
                SoupServerMessage *msg,
                const char        *path)
{
  static const char huge_head[] = "<html><head><title>Huge page</title></head><body><p>";
  static const char bomb_head[] = "<html><head><title>Bomb</title></head><body><p>";
  static const char drip_head[] = "<html><head><title>Drip</title></head><body><p>";
  Stream *stream;

  if (g_str_equal (path, "/huge"))
    {
      stream = start_stream (self, msg, path, huge_head, HUGE_LENGTH, FALSE);
      g_signal_connect (msg, "wrote-chunk", G_CALLBACK (write_next), stream);
    }
  else if (g_str_equal (path, "/gzip-bomb"))
    {
      stream = start_stream (self, msg, path, bomb_head, HUGE_LENGTH, TRUE);
      g_signal_connect (msg, "wrote-chunk", G_CALLBACK (write_next), stream);
    }
  else if (g_str_equal (path, "/drip"))
    {
      stream = start_stream (self, msg, path, drip_head, 0, FALSE);
      soup_message_headers_set_encoding (soup_server_message_get_response_headers (msg),
                                         SOUP_ENCODING_CHUNKED);
      g_signal_connect (msg, "wrote-chunk", G_CALLBACK (on_drip_chunk_written), stream);
    }
  else if (g_str_equal (path, "/never"))
    soup_server_message_pause (msg);
  else
    return FALSE;

  return TRUE;
}

static gboolean
handle_special (WdHostileServer   *self,
                SoupServerMessage *msg,
                const char        *path,
                guint              hits)
{
  SoupMessageHeaders *request_headers = soup_server_message_get_request_headers (msg);
  SoupMessageHeaders *response_headers = soup_server_message_get_response_headers (msg);

  if (g_str_equal (path, "/rate-once") || g_str_equal (path, "/rate-always") ||
      g_str_equal (path, "/rate-long"))
    {
      if (g_str_equal (path, "/rate-once") && hits > 1)
        answer_page (msg, 200, "Patience rewarded", "You waited.");
      else
        {
          answer_page (msg, 429, "Too many requests", "Slow down.");
          soup_message_headers_replace (response_headers, "Retry-After",
                                        g_str_equal (path, "/rate-once") ? "1" :
                                        g_str_equal (path, "/rate-long") ? "3600" : "0");
        }
    }
  else if (g_str_equal (path, "/flaky-503"))
    {
      if (hits > 1)
        answer_page (msg, 200, "Back up", "Better now.");
      else
        answer_page (msg, 503, "Unavailable", "Try again.");
    }
  else if (g_str_equal (path, "/head-405"))
    {
      if (g_str_equal (soup_server_message_get_method (msg), "HEAD"))
        answer_page (msg, 405, "No HEAD here", "Use GET.");
      else
        answer_page (msg, 200, "GET only", "This server refuses HEAD.");
    }
  else if (g_str_equal (path, "/cookie-bounce"))
    {
      const char *cookie = soup_message_headers_get_one (request_headers, "Cookie");

      if (cookie != NULL && strstr (cookie, "seen=1") != NULL)
        answer_page (msg, 200, "Cookies work", "Welcome back.");
      else
        {
          soup_message_headers_append (response_headers, "Set-Cookie", "seen=1; Path=/");
          redirect (msg, SOUP_STATUS_FOUND, "/cookie-bounce");
        }
    }
  else if (g_str_equal (path, "/changing"))
    {
      g_autofree char *text = NULL;

      g_mutex_lock (&self->lock);
      text = g_strdup_printf ("Edition number %u of a page that keeps changing.", self->version);
      g_mutex_unlock (&self->lock);
      answer_page (msg, 200, "A living page", text);
    }
  else if (g_str_has_prefix (path, "/slow/"))
    {
      answer_page (msg, 200, "Slow but fine", path);
      answer_later (self, msg, WD_HOSTILE_SLOW_MS);
    }
  else if (g_str_equal (path, "/wide"))
    {
      /* 2 MiB of tiny elements: a document tree of it would be huge. */
      if (self->wide_page == NULL)
        {
          GString *html = g_string_new ("<html><head><title>Wide</title></head><body>");

          while (html->len < 2 * 1024 * 1024)
            g_string_append (html, "<i>x</i>");
          self->wide_page = g_string_free_to_bytes (html);
        }
      soup_server_message_set_status (msg, 200, NULL);
      soup_message_headers_set_content_type (soup_server_message_get_response_headers (msg),
                                             "text/html", NULL);
      soup_message_body_append_bytes (soup_server_message_get_response_body (msg), self->wide_page);
    }
  else if (g_str_equal (path, "/reset"))
    hang_up (msg, NULL, TRUE);
  else if (g_str_equal (path, "/empty-reply"))
    hang_up (msg, NULL, FALSE);
  else if (g_str_equal (path, "/garbage"))
    hang_up (msg, "HTTP/1.1 two hundred OK\r\nthis is: not http\r\n\r\n", FALSE);
  else
    return handle_streams (self, msg, path);

  return TRUE;
}

static gboolean
append_rest (gpointer data)
{
  SoupServerMessage *msg = data;
  GBytes *rest = g_object_get_data (G_OBJECT (msg), "rest");
  SoupMessageBody *body = soup_server_message_get_response_body (msg);

  soup_message_body_append_bytes (body, rest);
  soup_message_body_complete (body);
  soup_server_message_unpause (msg);
  return G_SOURCE_REMOVE;
}

/* A gzip body whose checksum is wrong, sent in two parts so that the
 * failure comes after decoding has begun. (libsoup passes a body that
 * fails from its first byte through undecoded, as not gzip at all.) */
static void
answer_corrupt_gzip (WdHostileServer   *self,
                     SoupServerMessage *msg)
{
  g_autofree char *html = page ("Corrupt", "This body fails its checksum.");
  g_autoptr(GConverter) compressor =
    G_CONVERTER (g_zlib_compressor_new (G_ZLIB_COMPRESSOR_FORMAT_GZIP, 9));
  SoupMessageHeaders *headers = soup_server_message_get_response_headers (msg);
  SoupMessageBody *body = soup_server_message_get_response_body (msg);
  char out[4096];
  gsize bytes_read = 0, bytes_written = 0, half;
  GSource *source;
  GConverterResult res;

  res = g_converter_convert (compressor, html, strlen (html), out, sizeof out,
                             G_CONVERTER_INPUT_AT_END, &bytes_read, &bytes_written, NULL);
  g_assert_cmpint (res, ==, G_CONVERTER_FINISHED);
  /* The trailer is CRC-32 then length: spoil the CRC. */
  out[bytes_written - 8] ^= 0x5a;
  half = bytes_written / 2;

  soup_server_message_set_status (msg, 200, NULL);
  soup_message_headers_set_content_type (headers, "text/html", NULL);
  soup_message_headers_set_encoding (headers, SOUP_ENCODING_CHUNKED);
  soup_message_headers_replace (headers, "Content-Encoding", "gzip");
  soup_message_body_append (body, SOUP_MEMORY_COPY, out, half);
  g_object_set_data_full (G_OBJECT (msg), "rest", g_bytes_new (out + half, bytes_written - half),
                          (GDestroyNotify) g_bytes_unref);

  source = g_timeout_source_new (100);
  g_source_set_callback (source, append_rest, g_object_ref (msg), g_object_unref);
  g_source_attach (source, wd_test_server_get_context (self->http));
  g_source_unref (source);
}

static gboolean
handle_fixed (WdHostileServer   *self,
              SoupServerMessage *msg,
              const char        *path)
{
  static const struct { const char *path; const char *content_type; const char *body; } pages[] = {
    { "/meta-og", "text/html", meta_og },
    { "/meta-twitter", "text/html; charset=utf-8", meta_twitter },
    { "/meta-citation", "text/html", meta_citation },
    { "/meta-jsonld", "text/html", meta_json_ld },
    { "/meta-plain", "text/html", meta_plain },
    { "/text-a", "text/html", text_a },
    { "/text-b", "text/html", text_b },
    { "/text-c", "text/html", text_c },
    { "/latin1", "text/html; charset=ISO-8859-1",
      "<html><head><title>Caf\xe9 cr\xe8me br\xfbl\xe9\x65</title></head><body>x</body></html>" },
    { "/latin1-meta", "text/html",
      "<html><head><meta charset=\"iso-8859-1\"><title>Na\xefve \xe9t\xe9</title></head></html>" },
    { "/broken-utf8", "text/html; charset=utf-8",
      "<html><head><title>Bad \xff\xfe bytes \xc3 here</title></head><body>x</body></html>" },
    { "/whitespace-title", "text/html",
      "<title>\n   Lots \t\n of\xc2\xa0  space   </title>" },
    { "/not-found-title", "text/html",
      "<html><head><title>404 \xe2\x80\x93 Page not found</title></head><body>Sorry.</body></html>" },
    /* The title is the site's; only the heading says it. */
    { "/not-found-heading", "text/html",
      "<html><head><title>Harbour Gazette</title></head>"
      "<body><h1>Page not found</h1><p>Try the search box above.</p></body></html>" },
    { "/nicht-gefunden", "text/html; charset=utf-8",
      "<html lang=\"de\"><head><title>Seite nicht gefunden \xe2\x80\x93 Hafenblatt</title></head>"
      "<body><p>Leider.</p></body></html>" },
    { "/introuvable", "text/html; charset=utf-8",
      "<html lang=\"fr\"><head><title>Le Courrier du Port</title></head>"
      "<body><h1>Page introuvable</h1><p>D\xc3\xa9sol\xc3\xa9.</p></body></html>" },
    /* An article about missing pages is not a missing page. */
    { "/about-missing-pages", "text/html",
      "<html><head><title>Why links rot</title></head><body><h1>Why links rot</h1>"
      "<p>Readers often meet a page not found where a source used to be.</p></body></html>" },
    { "/bad-gzip", NULL, NULL },
    { "/pdf", "application/pdf", "%PDF-1.4 not really" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (pages); i++)
    {
      if (!g_str_equal (path, pages[i].path))
        continue;

      if (pages[i].body == NULL)
        answer_corrupt_gzip (self, msg);
      else
        answer (msg, 200, pages[i].content_type, pages[i].body);
      return TRUE;
    }

  return FALSE;
}

gboolean
_wd_hostile_handle_normal_site (WdHostileServer   *self,
                    SoupServerMessage *msg,
                    const char        *path,
                    guint              hits)
{
  if (g_str_equal (path, "/"))
    answer_page (msg, 200, "Hostile test site", "The front page.");
  else if (g_str_equal (path, "/ok"))
    answer_page (msg, 200, "A plain page", "Nothing strange happens here. It is a page.");
  else if (g_str_equal (path, "/long-title"))
    {
      g_autoptr(GString) title = g_string_new (NULL);

      for (guint i = 0; i < 200; i++)
        g_string_append (title, "word ");
      answer_page (msg, 200, title->str, "Long.");
    }
  else if (g_str_has_prefix (path, "/redirect/"))
    handle_redirect_chain (msg, path);
  else if (g_str_equal (path, "/loop-a"))
    redirect (msg, SOUP_STATUS_MOVED_PERMANENTLY, "/loop-b");
  else if (g_str_equal (path, "/loop-b"))
    redirect (msg, SOUP_STATUS_MOVED_PERMANENTLY, "/loop-a");
  else if (g_str_equal (path, "/redirect-ftp"))
    redirect (msg, SOUP_STATUS_FOUND, "ftp://files.example.com/pub/file");
  else if (g_str_equal (path, "/redirect-no-location"))
    redirect (msg, SOUP_STATUS_FOUND, NULL);
  else if (g_str_equal (path, "/redirect-home"))
    redirect (msg, SOUP_STATUS_MOVED_PERMANENTLY, "/");
  else if (g_str_has_prefix (path, "/status/"))
    handle_status (msg, path);
  else if (!handle_special (self, msg, path, hits) && !handle_fixed (self, msg, path) &&
           !_wd_hostile_handle_raw (self, msg, path))
    {
      answer_page (msg, 404, "Not Found", "No such page.");
      return FALSE;
    }

  return TRUE;
}

/* The hostile server's raw answers: bytes no well-behaved HTTP library
 * would write, sent straight down the stolen connection — a Digest
 * challenge that crashes libsoup 3.2's auth code, content codings stacked
 * thousands deep, malformed chunked bodies, an endless run of
 * "100 Continue", a megabyte of headers. And a few pages that lie with meta refresh. Runs on the
 * server thread. */
#include "config.h"

#include <gio/gio.h>
#include <string.h>

#include "wd-hostile-server-private.h"

#define FLOOD_CHUNK (16 * 1024)

static void
write_raw (SoupServerMessage *msg,
           const char        *raw,
           gsize              len)
{
  g_autoptr(GIOStream) stream = soup_server_message_steal_connection (msg);

  g_output_stream_write_all (g_io_stream_get_output_stream (stream), raw, len, NULL, NULL, NULL);
  g_io_stream_close (stream, NULL, NULL);
}

static void
write_raw_text (SoupServerMessage *msg,
                const char        *raw)
{
  write_raw (msg, raw, strlen (raw));
}

/* Like write_raw(), but the connection stays open after the answer, as a
 * kept-alive server's does: nothing more comes until the next request.
 * The server closes it when it stops. */
static void
write_raw_kept_open (WdHostileServer   *self,
                     SoupServerMessage *msg,
                     const char        *raw,
                     gsize              len)
{
  GIOStream *stream = soup_server_message_steal_connection (msg);

  g_output_stream_write_all (g_io_stream_get_output_stream (stream), raw, len, NULL, NULL, NULL);
  g_mutex_lock (&self->lock);
  g_ptr_array_add (self->kept_open, stream);
  g_mutex_unlock (&self->lock);
}

/* "gzip" applied @n times over @text. */
static GBytes *
gzip_n_times (const char *text,
              guint       n)
{
  g_autoptr(GBytes) data = g_bytes_new (text, strlen (text));

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GConverter) compressor =
        G_CONVERTER (g_zlib_compressor_new (G_ZLIB_COMPRESSOR_FORMAT_GZIP, 9));
      g_autoptr(GInputStream) in = g_memory_input_stream_new_from_bytes (data);
      g_autoptr(GInputStream) converted = g_converter_input_stream_new (in, compressor);
      g_autoptr(GOutputStream) out = g_memory_output_stream_new_resizable ();

      g_output_stream_splice (out, converted, G_OUTPUT_STREAM_SPLICE_CLOSE_TARGET, NULL, NULL);
      g_bytes_unref (data);
      data = g_memory_output_stream_steal_as_bytes (G_MEMORY_OUTPUT_STREAM (out));
    }

  return g_steal_pointer (&data);
}

/* /raw/codings/N[/L]: a page gzipped N times, said so in one
 * Content-Encoding header; with L, the header claims L codings. */
static void
answer_codings (SoupServerMessage *msg,
                const char        *spec)
{
  static const char html[] = "<html><head><title>Stacked codings</title></head>"
                             "<body><p>Decoded at last.</p></body></html>";
  char *end = NULL;
  guint n = (guint) g_ascii_strtoull (spec, &end, 10);
  guint claimed = *end == '/' ? (guint) g_ascii_strtoull (end + 1, NULL, 10) : n;
  g_autoptr(GBytes) body = gzip_n_times (html, MIN (n, 3));
  g_autoptr(GString) raw = g_string_new ("HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n"
                                         "Connection: close\r\nContent-Encoding: ");

  for (guint i = 0; i < claimed; i++)
    g_string_append (raw, i == 0 ? "gzip" : ",gzip");
  g_string_append_printf (raw, "\r\nContent-Length: %" G_GSIZE_FORMAT "\r\n\r\n",
                          g_bytes_get_size (body));
  g_string_append_len (raw, g_bytes_get_data (body, NULL), g_bytes_get_size (body));
  write_raw (msg, raw->str, raw->len);
}

/* /raw/gzip-chunked-VARIANT: a gzipped page in two chunks, all in one
 * write (the last chunk with the body's end, as servers send it).
 * "kept-open": honest, and the connection stays open; "trailer": with a
 * chunk extension and a trailer; "zz": the second chunk's size is not a
 * number; "truncated": the connection closes inside the second chunk;
 * "overlong": the first chunk is longer than its size. */
static gboolean
answer_gzip_chunked (WdHostileServer   *self,
                     SoupServerMessage *msg,
                     const char        *variant)
{
  static const char html[] = "<html><head><title>Gzip in chunks</title></head>"
                             "<body><p>Decoded, and joined first.</p></body></html>";
  g_autoptr(GBytes) body = gzip_n_times (html, 1);
  const char *data = g_bytes_get_data (body, NULL);
  gsize len = g_bytes_get_size (body);
  gsize half = len / 2;
  gboolean kept = g_str_equal (variant, "kept-open");
  g_autoptr(GString) raw = g_string_new ("HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n"
                                         "Content-Encoding: gzip\r\nTransfer-Encoding: chunked\r\n");

  if (!kept && !g_str_equal (variant, "trailer") && !g_str_equal (variant, "zz") &&
      !g_str_equal (variant, "truncated") && !g_str_equal (variant, "overlong"))
    return FALSE;

  if (!kept)
    g_string_append (raw, "Connection: close\r\n");
  g_string_append_printf (raw, "\r\n%zx\r\n", g_str_equal (variant, "overlong") ? half - 2 : half);
  g_string_append_len (raw, data, half);
  if (g_str_equal (variant, "zz"))
    g_string_append (raw, "\r\nzz\r\n");
  else
    g_string_append_printf (raw, g_str_equal (variant, "trailer") ? "\r\n%zx;part=2\r\n" : "\r\n%zx\r\n",
                            len - half);
  if (g_str_equal (variant, "truncated"))
    g_string_append_len (raw, data + half, (len - half) / 2);
  else
    {
      g_string_append_len (raw, data + half, len - half);
      g_string_append (raw, g_str_equal (variant, "trailer") ? "\r\n0\r\nX-Checksum: 1\r\n\r\n"
                                                               : "\r\n0\r\n\r\n");
    }

  if (kept)
    write_raw_kept_open (self, msg, raw->str, raw->len);
  else
    write_raw (msg, raw->str, raw->len);
  return TRUE;
}

/* ------------------------------------------------- endless 100 Continue */

typedef struct
{
  GIOStream *stream;
  char      *buffer;
  gsize      len;      /* whole lines only */
} Flood;

static void
flood_free (Flood *flood)
{
  g_io_stream_close (flood->stream, NULL, NULL);
  g_object_unref (flood->stream);
  g_free (flood->buffer);
  g_free (flood);
}

static void
on_flood_written (GObject      *object,
                  GAsyncResult *result,
                  gpointer      data)
{
  Flood *flood = data;

  /* Until the client hangs up. */
  if (!g_output_stream_write_all_finish (G_OUTPUT_STREAM (object), result, NULL, NULL))
    {
      flood_free (flood);
      return;
    }

  g_output_stream_write_all_async (G_OUTPUT_STREAM (object), flood->buffer, flood->len,
                                   G_PRIORITY_DEFAULT, NULL, on_flood_written, flood);
}

static void
answer_continue_flood (SoupServerMessage *msg)
{
  static const char line[] = "HTTP/1.1 100 Continue\r\n\r\n";
  Flood *flood = g_new0 (Flood, 1);

  flood->len = FLOOD_CHUNK - FLOOD_CHUNK % (sizeof line - 1);
  flood->buffer = g_malloc (flood->len);
  for (gsize i = 0; i < flood->len; i++)
    flood->buffer[i] = line[i % (sizeof line - 1)];
  flood->stream = soup_server_message_steal_connection (msg);
  g_output_stream_write_all_async (g_io_stream_get_output_stream (flood->stream), flood->buffer,
                                   flood->len, G_PRIORITY_DEFAULT, NULL, on_flood_written, flood);
}

/* ---------------------------------------------------------- meta refresh */

static void
answer_html (SoupServerMessage *msg,
             const char        *html)
{
  soup_server_message_set_status (msg, 200, NULL);
  soup_server_message_set_response (msg, "text/html; charset=utf-8", SOUP_MEMORY_COPY,
                                    html, strlen (html));
}

static void
answer_refresh (SoupServerMessage *msg,
                const char        *content)
{
  g_autofree char *html =
    g_strdup_printf ("<html><head><title>Moving</title>"
                     "<meta http-equiv=\"refresh\" content=\"%s\"></head>"
                     "<body><p>This page has moved somewhere else entirely.</p></body></html>",
                     content);

  answer_html (msg, html);
}

gboolean
_wd_hostile_handle_raw (WdHostileServer   *self,
                        SoupServerMessage *msg,
                        const char        *path)
{
  static const struct { const char *path; const char *raw; } raws[] = {
    /* CVE-2025-4476: soup_auth_get_protection_space() on this domain. */
    { "/raw/digest-401",
      "HTTP/1.1 401 Unauthorized\r\n"
      "WWW-Authenticate: Digest realm=\"r\", nonce=\"n\", qop=\"auth\", domain=\"http:/x\"\r\n"
      "Content-Type: text/html\r\nContent-Length: 0\r\nConnection: close\r\n\r\n" },
    { "/raw/chunked-zz",
      "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nTransfer-Encoding: chunked\r\n"
      "Connection: close\r\n\r\nzz\r\n<title>Never</title>\r\n0\r\n\r\n" },
    { "/raw/chunked-negative",
      "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nTransfer-Encoding: chunked\r\n"
      "Connection: close\r\n\r\n-5\r\n<title>Never</title>\r\n0\r\n\r\n" },
    { "/raw/chunked-huge",
      "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nTransfer-Encoding: chunked\r\n"
      "Connection: close\r\n\r\n11111111111111111111111111111111111111111\r\n"
      "<title>Never</title>\r\n0\r\n\r\n" },
    /* Chunked bodies that are fine: empty, and with an extension and a
     * trailer. */
    { "/raw/chunked-empty",
      "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nTransfer-Encoding: chunked\r\n"
      "Connection: close\r\n\r\n0\r\n\r\n" },
    { "/raw/chunked-trailer",
      "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nTransfer-Encoding: chunked\r\n"
      "Connection: close\r\n\r\n15;name=value\r\n<title>Chunks</title>\r\n"
      "0\r\nX-Checksum: 1\r\n\r\n" },
    /* And not: it stops inside a chunk; a chunk longer than its size
     * (libsoup reads the rest, "XX", as the last chunk); garbage where a
     * size should follow the first chunk. */
    { "/raw/chunked-truncated",
      "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nTransfer-Encoding: chunked\r\n"
      "Connection: close\r\n\r\n40\r\n<title>Cut</title>" },
    { "/raw/chunked-overlong",
      "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nTransfer-Encoding: chunked\r\n"
      "Connection: close\r\n\r\n15\r\n<title>Chunks</title>XX\r\n0\r\n\r\n" },
    { "/raw/chunked-zz-later",
      "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nTransfer-Encoding: chunked\r\n"
      "Connection: close\r\n\r\n15\r\n<title>Chunks</title>\r\nzz\r\n<p>lost</p>\r\n0\r\n\r\n" },
    { "/raw/location-escapes",
      "HTTP/1.1 302 Found\r\nLocation: ftp://evil.example/\x1b]2;pwned\x07\x1b[2J\r\n"
      "Content-Length: 0\r\nConnection: close\r\n\r\n" },
  };

  if (g_str_equal (path, "/raw/basic-401"))
    {
      SoupMessageHeaders *request = soup_server_message_get_request_headers (msg);

      /* Whoever sends credentials here gets a page that says so. */
      if (soup_message_headers_get_one (request, "Authorization") != NULL)
        answer_html (msg, "<html><head><title>Credentials received</title></head>"
                          "<body><p>The password went over the wire.</p></body></html>");
      else
        {
          answer_html (msg, "<html><head><title>Log in</title></head><body></body></html>");
          soup_server_message_set_status (msg, 401, NULL);
          soup_message_headers_replace (soup_server_message_get_response_headers (msg),
                                        "WWW-Authenticate", "Basic realm=\"newsroom\"");
        }
    }
  else if (g_str_equal (path, "/raw/to-loopback") || g_str_equal (path, "/raw/to-rebind"))
    {
      /* Into this machine: by its address, or by a name that resolves to it. */
      g_autofree char *location =
        g_strdup_printf ("http://%s:%u/ok",
                         g_str_equal (path, "/raw/to-loopback") ? "127.0.0.1" : "rebind.example",
                         wd_test_server_get_port (self->http));

      soup_server_message_set_status (msg, 302, NULL);
      soup_message_headers_replace (soup_server_message_get_response_headers (msg),
                                    "Location", location);
    }
  else if (g_str_equal (path, "/raw/attribute-flood"))
    {
      /* One tag with a megabyte of attributes: libxml2 2.9's HTML parser
       * checks each new attribute against all the earlier ones. */
      g_autoptr(GString) html = g_string_new ("<html><head><title>Attributes</title></head><body><p");

      for (guint i = 0; html->len < 1024 * 1024 - 64; i++)
        g_string_append_printf (html, " a%u=x", i);
      g_string_append (html, ">text</p></body></html>");
      answer_html (msg, html->str);
    }
  else if (g_str_equal (path, "/raw/chunked-empty-kept"))
    {
      /* An empty chunked page on a kept-alive connection: "0" CRLF CRLF. */
      SoupMessageHeaders *headers = soup_server_message_get_response_headers (msg);

      soup_server_message_set_status (msg, 200, NULL);
      soup_message_headers_set_content_type (headers, "text/html", NULL);
      soup_message_headers_set_encoding (headers, SOUP_ENCODING_CHUNKED);
      soup_message_body_complete (soup_server_message_get_response_body (msg));
    }
  else if (g_str_equal (path, "/raw/chunked-kept-open"))
    {
      /* A page in chunks whose end comes with its last chunk, on a
       * connection that stays open. */
      static const char raw[] = "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n"
                                "Transfer-Encoding: chunked\r\n\r\n"
                                "15\r\n<title>Chunks</title>\r\n0\r\n\r\n";

      write_raw_kept_open (self, msg, raw, sizeof raw - 1);
    }
  else if (g_str_has_prefix (path, "/raw/gzip-chunked-"))
    return answer_gzip_chunked (self, msg, path + strlen ("/raw/gzip-chunked-"));
  else if (g_str_equal (path, "/raw/huge-headers"))
    {
      /* About a megabyte of response headers before a small page. */
      static const char html[] = "<html><head><title>Heavy head</title></head>"
                                 "<body><p>Small body.</p></body></html>";
      g_autoptr(GString) raw = g_string_new ("HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n"
                                             "Connection: close\r\n");

      for (guint i = 0; raw->len < 1024 * 1024; i++)
        g_string_append_printf (raw, "X-Padding-%u: %0200u\r\n", i, i);
      g_string_append_printf (raw, "Content-Length: %" G_GSIZE_FORMAT "\r\n\r\n%s",
                              strlen (html), html);
      write_raw (msg, raw->str, raw->len);
    }
  else if (g_str_has_prefix (path, "/raw/codings/"))
    answer_codings (msg, path + strlen ("/raw/codings/"));
  else if (g_str_equal (path, "/raw/continue-flood"))
    answer_continue_flood (msg);
  else if (g_str_equal (path, "/raw/refresh-front"))
    answer_refresh (msg, "0;url=/");
  else if (g_str_equal (path, "/raw/refresh-missing"))
    answer_refresh (msg, "0; URL='/no/such/page'");
  else if (g_str_equal (path, "/raw/refresh-self"))
    answer_refresh (msg, "0");
  else if (g_str_equal (path, "/raw/refresh-script"))
    answer_refresh (msg, "1;url=javascript:alert(1)");
  else if (g_str_equal (path, "/raw/refresh-ok"))
    answer_refresh (msg, "2; url=/ok");
  else if (g_str_equal (path, "/raw/refresh-later"))
    answer_refresh (msg, "600; url=/");
  else if (g_str_equal (path, "/raw/movie"))
    answer_html (msg, "<html><head><title>Not Found: the movie</title></head><body>"
                      "<h1>Not Found: the movie</h1><p>A thriller about a lost parcel, "
                      "in cinemas from Friday.</p></body></html>");
  else if (g_str_equal (path, "/raw/hostile-meta"))
    answer_html (msg, "<html><head><title>Headline &lt;/script&gt;&lt;script&gt;alert(1)"
                      "&lt;/script&gt;\x1b[31m red</title>"
                      "<meta property=\"og:site_name\" content=\"Site&#7;&#27;]0;x&#7;\">"
                      "<meta name=\"author\" content=\"A&#x2028;B\"></head>"
                      "<body><p>Hostile metadata.</p></body></html>");
  else
    {
      for (guint i = 0; i < G_N_ELEMENTS (raws); i++)
        if (g_str_equal (path, raws[i].path))
          {
            write_raw_text (msg, raws[i].raw);
            return TRUE;
          }
      return FALSE;
    }

  return TRUE;
}

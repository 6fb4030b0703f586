#define G_LOG_DOMAIN "wd-fetch"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "wd-chunked-private.h"
#include "wd-fetch-state-private.h"
#include "wd-tee-converter-private.h"

/* A page's body: which bodies are read, their content codings (decoded
 * here, at most MAX_CODINGS deep), chunks (wd-chunked.c), and reading up
 * to WD_FETCH_MAX_BODY. */

#define READ_CHUNK (64 * 1024)

/* Codings a page may stack ("gzip, gzip"): each decoder costs memory
 * whether or not the body uses it, and libsoup 3.2 builds one per name
 * (13 000 names in one header took 900 MB). */
#define MAX_CODINGS 2

/* ------------------------------------------------------------- the body */

static void read_more (GTask *task);

static void
fail_chunked (GTask *task)
{
  _wd_fetch_fail (task, WD_CHECK_STATUS_SERVER_ERROR,
                  g_strdup (_("malformed response: the page’s chunked encoding is broken "
                              "(chunk sizes that are not numbers, or chunks that never come)")));
}

/* The WARC-Truncated reason for a body that stopped with @error. */
static const char *
cut_reason (const GError *error)
{
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) ||
      g_error_matches (error, G_IO_ERROR, G_IO_ERROR_TIMED_OUT))
    return "time";
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_PARTIAL_INPUT) ||
      g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CONNECTION_CLOSED))
    return "disconnect";
  return "unspecified";
}

static void
on_read (GObject      *object,
         GAsyncResult *result,
         gpointer      data)
{
  g_autoptr(GError) error = NULL;
  GTask *task = data;
  Fetch *f = g_task_get_task_data (task);
  gssize have = f->reading_at;
  gssize n = g_input_stream_read_finish (G_INPUT_STREAM (object), result, &error);

  if (n < 0)
    {
      g_byte_array_set_size (f->body, have);
      f->cut = cut_reason (error);

      /* Read for the capture alone: it ends here, the verdict is the status's. */
      if (f->capture_only)
        _wd_fetch_finish_task (task);
      /* A server that stops early still showed us its page; but chunks
       * that end early mean their sizes were nonsense. */
      else if (f->chunk_decoder != NULL && _wd_chunk_decoder_is_broken (f->chunk_decoder))
        _wd_fetch_fail (task, WD_CHECK_STATUS_SERVER_ERROR,
                        g_strdup_printf (_("malformed response: %s"), error->message));
      else if ((g_error_matches (error, G_IO_ERROR, G_IO_ERROR_PARTIAL_INPUT) ||
                g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CONNECTION_CLOSED)) && f->chunked)
        fail_chunked (task);
      else if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_PARTIAL_INPUT) ||
               g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CONNECTION_CLOSED))
        _wd_fetch_finish_task (task);
      else if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) ||
               g_error_matches (error, G_IO_ERROR, G_IO_ERROR_TIMED_OUT))
        _wd_fetch_fail_with_error (task, error);
      else
        _wd_fetch_fail (task, WD_CHECK_STATUS_SERVER_ERROR,
                        g_strdup_printf (_("the body could not be decoded: %s"), error->message));
      return;
    }

  g_byte_array_set_size (f->body, have + n);

  /* libsoup 3.2 reads a chunk size of "zz" as 0, the end: a page in
   * chunks that holds nothing is that, or worse. */
  if (n == 0 && f->body->len == 0 && f->chunked && !f->capture_only)
    fail_chunked (task);
  else if (n == 0)
    _wd_fetch_finish_task (task);
  else if (f->body->len >= WD_FETCH_MAX_BODY)
    {
      f->response->truncated = !f->capture_only;
      f->cut = "length";
      _wd_fetch_finish_task (task);
    }
  else
    read_more (task);
}

static void
read_more (GTask *task)
{
  Fetch *f = g_task_get_task_data (task);
  gsize have = f->body->len;
  gsize want = MIN (READ_CHUNK, WD_FETCH_MAX_BODY - have);

  /* Room for the read, never past the cap: the array stays within 1 MiB. */
  f->reading_at = have;
  g_byte_array_set_size (f->body, have + want);
  g_input_stream_read_async (f->stream, f->body->data + have, want,
                             G_PRIORITY_DEFAULT, f->cancellable, on_read, task);
}

gboolean
_wd_fetch_wants_body (const char *media_type)
{
  return media_type == NULL || g_str_has_prefix (media_type, "text/") ||
         strstr (media_type, "html") != NULL;
}

/* The Content-Encoding's codings, outermost last, "identity" left out;
 * NULL (and @detail) when they cannot or may not be decoded. */
static GPtrArray *
parse_codings (SoupMessageHeaders  *headers,
               char               **detail)
{
  g_autoptr(GPtrArray) codings = g_ptr_array_new_with_free_func (g_free);
  const char *value = soup_message_headers_get_list (headers, "Content-Encoding");
  g_auto(GStrv) names = NULL;
  guint n_named = 0;

  if (value == NULL)
    return g_steal_pointer (&codings);

  names = g_strsplit (value, ",", -1);
  for (guint i = 0; names[i] != NULL; i++)
    {
      char *name = g_strstrip (names[i]);

      if (*name == '\0' || g_ascii_strcasecmp (name, "identity") == 0)
        continue;
      n_named++;
      if (g_ascii_strcasecmp (name, "gzip") != 0 && g_ascii_strcasecmp (name, "x-gzip") != 0 &&
          g_ascii_strcasecmp (name, "deflate") != 0)
        {
          g_autofree char *shown = g_utf8_make_valid (name, MIN (strlen (name), 40));

          *detail = g_strdup_printf (_("the page is encoded as “%s”, which Wiredesk did not ask for"),
                                     g_strcanon (shown, G_CSET_a_2_z G_CSET_A_2_Z G_CSET_DIGITS "-_.", '?'));
          return NULL;
        }
      if (codings->len < MAX_CODINGS)
        g_ptr_array_add (codings, g_ascii_strdown (name, -1));
    }

  if (n_named > MAX_CODINGS)
    {
      *detail = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                              "the page is encoded %u time over; at most %d are decoded",
                                              "the page is encoded %u times over; at most %d are decoded",
                                              n_named),
                                 n_named, MAX_CODINGS);
      return NULL;
    }

  return g_steal_pointer (&codings);
}

/* Wraps f->stream in a decoder per coding, the last applied undone first. */
static gboolean
decode_body (Fetch  *f,
             char  **detail)
{
  g_autoptr(GPtrArray) codings = parse_codings (soup_message_get_response_headers (f->msg), detail);

  if (codings == NULL)
    return FALSE;

  /* The capture keeps the body as sent (after de-chunking, before decoding). */
  if (f->capture && codings->len > 0)
    {
      GInputStream *teed;

      f->tee = G_OBJECT (_wd_tee_converter_new (WD_FETCH_MAX_BODY));
      teed = g_converter_input_stream_new (f->stream, G_CONVERTER (f->tee));
      g_object_unref (f->stream);
      f->stream = teed;
    }

  for (guint i = codings->len; i > 0; i--)
    {
      const char *name = g_ptr_array_index (codings, i - 1);
      g_autoptr(GConverter) decoder =
        G_CONVERTER (g_zlib_decompressor_new (g_str_equal (name, "deflate") ? G_ZLIB_COMPRESSOR_FORMAT_ZLIB
                                                                            : G_ZLIB_COMPRESSOR_FORMAT_GZIP));
      GInputStream *decoded = g_converter_input_stream_new (f->stream, decoder);

      g_object_unref (f->stream);
      f->stream = decoded;
    }

  return TRUE;
}

/* A chunked body is read from the connection's bytes and de-chunked by
 * wd-chunked.c, which knows an honest empty page ("0" CRLF CRLF) from a
 * chunk size libsoup 3.2 misreads as 0 ("zz"); a content coding's decoder
 * (and the capture's tee) reads what it joined. With an unexpected layout
 * of libsoup's streams, libsoup decodes and f->chunked says so. */
static void
read_chunks_ourselves (Fetch *f)
{
  GInputStream *raw = _wd_chunked_raw_stream (f->stream);

  if (raw == NULL)
    {
      f->chunked = TRUE;
      return;
    }

  f->chunk_decoder = _wd_chunk_decoder_new ();
  f->soup_stream = g_steal_pointer (&f->stream);
  f->stream = g_converter_input_stream_new (raw, f->chunk_decoder);
  /* The connection is libsoup's to close (with its own stream). */
  g_filter_input_stream_set_close_base_stream (G_FILTER_INPUT_STREAM (f->stream), FALSE);
}

void
_wd_fetch_read_body (GTask *task)
{
  Fetch *f = g_task_get_task_data (task);
  g_autofree char *detail = NULL;

  if (soup_message_headers_get_encoding (soup_message_get_response_headers (f->msg)) ==
      SOUP_ENCODING_CHUNKED)
    read_chunks_ourselves (f);

  if (!decode_body (f, &detail))
    {
      f->response->failure = WD_CHECK_STATUS_SERVER_ERROR;
      g_free (f->response->detail);
      f->response->detail = g_steal_pointer (&detail);
      _wd_fetch_read_for_capture (task);
      return;
    }

  f->phase = PHASE_BODY;
  f->body = g_byte_array_sized_new (READ_CHUNK);
  read_more (task);
}

void
_wd_fetch_read_for_capture (GTask *task)
{
  Fetch *f = g_task_get_task_data (task);

  if (!f->capture)
    {
      _wd_fetch_finish_task (task);
      return;
    }
  f->capture_only = TRUE;
  f->phase = PHASE_BODY;
  f->body = g_byte_array_sized_new (READ_CHUNK);
  read_more (task);
}

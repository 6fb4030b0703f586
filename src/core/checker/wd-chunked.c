#define G_LOG_DOMAIN "wd-chunked"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "wd-chunked-private.h"

/* Bounds on what only a hostile server sends: a size line ("1a2b;ext=…")
 * and the trailers after the last chunk. */
#define MAX_SIZE_LINE  256
#define MAX_TRAILERS   (8 * 1024)
/* 15 hex digits: sizes up to 2^60, far past any cap of the checker. */
#define MAX_SIZE_DIGITS 15

typedef enum
{
  STATE_SIZE,        /* the hex digits of a chunk size */
  STATE_SIZE_REST,   /* extensions up to the line's end */
  STATE_DATA,        /* @remaining bytes of data */
  STATE_DATA_CR,     /* the CR (or LF) after the data */
  STATE_DATA_LF,     /* the LF after that CR */
  STATE_TRAILER,     /* trailer lines, until an empty one */
  STATE_DONE,
} State;

struct _WdChunkDecoder
{
  GObject  parent_instance;

  State    state;
  guint64  remaining;
  guint    digits;
  gsize    line_length;     /* of the size line or of the trailer line under way */
  gsize    trailer_bytes;
  gboolean broken;          /* it said the framing is wrong */
};

static void wd_chunk_decoder_converter_init (GConverterIface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (WdChunkDecoder, wd_chunk_decoder, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_CONVERTER,
                                                      wd_chunk_decoder_converter_init))

static gboolean
broken (WdChunkDecoder  *self,
        GError         **error,
        const char      *why)
{
  self->broken = TRUE;
  g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
               /* TRANSLATORS: %s says what is wrong, e.g. "a chunk size that is not a number" */
               _("the page’s chunked encoding is broken (%s)"), why);
  return FALSE;
}

/* TRUE if @c, a byte of framing, is the body's last: the LF of the empty
 * line after the trailers. */
static gboolean
ends_body (WdChunkDecoder *self,
           guchar          c)
{
  return self->state == STATE_TRAILER && c == '\n' && self->line_length == 0;
}

/* One byte of framing (not data); FALSE and @error when it is wrong. */
static gboolean
frame_byte (WdChunkDecoder  *self,
            guchar           c,
            GError         **error)
{
  switch (self->state)
    {
    case STATE_SIZE:
      if (g_ascii_isxdigit (c))
        {
          if (++self->digits > MAX_SIZE_DIGITS)
            return broken (self, error, _("a chunk size too large"));
          self->remaining = self->remaining * 16 + (guint64) g_ascii_xdigit_value (c);
          self->line_length++;
          return TRUE;
        }
      if (self->digits == 0)
        return broken (self, error, _("a chunk size that is not a number"));
      self->state = STATE_SIZE_REST;
      G_GNUC_FALLTHROUGH;

    case STATE_SIZE_REST:
      if (c == '\n')
        {
          self->state = self->remaining > 0 ? STATE_DATA : STATE_TRAILER;
          self->line_length = 0;
          self->digits = 0;
          return TRUE;
        }
      /* Right after the digits: white space, ";extension" or the CR. */
      if (self->line_length == self->digits && c != ' ' && c != '\t' && c != ';' && c != '\r')
        return broken (self, error, _("a chunk size that is not a number"));
      if (++self->line_length > MAX_SIZE_LINE)
        return broken (self, error, _("a chunk size line that does not end"));
      return TRUE;

    case STATE_DATA_CR:
      if (c == '\n')
        {
          self->state = STATE_SIZE;
          return TRUE;
        }
      if (c != '\r')
        return broken (self, error, _("a chunk longer than its size"));
      self->state = STATE_DATA_LF;
      return TRUE;

    case STATE_DATA_LF:
      if (c != '\n')
        return broken (self, error, _("a chunk longer than its size"));
      self->state = STATE_SIZE;
      return TRUE;

    case STATE_TRAILER:
      if (++self->trailer_bytes > MAX_TRAILERS)
        return broken (self, error, _("endless trailers after the last chunk"));
      if (ends_body (self, c))
        self->state = STATE_DONE;
      else if (c == '\n')
        self->line_length = 0;
      else if (c != '\r' || self->line_length > 0)
        self->line_length++;
      return TRUE;

    case STATE_DATA:
    case STATE_DONE:
    default:
      g_assert_not_reached ();
    }
}

static GConverterResult
wd_chunk_decoder_convert (GConverter       *converter,
                          const void       *inbuf,
                          gsize             inbuf_size,
                          void             *outbuf,
                          gsize             outbuf_size,
                          GConverterFlags   flags,
                          gsize            *bytes_read,
                          gsize            *bytes_written,
                          GError          **error)
{
  WdChunkDecoder *self = WD_CHUNK_DECODER (converter);
  const guchar *in = inbuf;
  guchar *out = outbuf;
  gsize i = 0, o = 0;

  while (i < inbuf_size && self->state != STATE_DONE)
    {
      if (self->state == STATE_DATA)
        {
          gsize n = MIN (inbuf_size - i, outbuf_size - o);

          n = (gsize) MIN ((guint64) n, self->remaining);
          if (n == 0)
            break;  /* the output is full */
          memcpy (out + o, in + i, n);
          i += n;
          o += n;
          self->remaining -= n;
          if (self->remaining == 0)
            self->state = STATE_DATA_CR;
          continue;
        }

      /* A call that wrote data does not also finish: the body's last
       * byte is left for the next call, which finishes with nothing
       * written. GConverterInputStream, once its converter has finished
       * with output, reads its base stream again before it says the end;
       * on a kept-alive connection no byte comes after the body, and a
       * read that waits for one stalls until the deadline. */
      if (o > 0 && ends_body (self, in[i]))
        break;

      if (!frame_byte (self, in[i], error))
        {
          if (i == 0 && o == 0)
            return G_CONVERTER_ERROR;
          /* What came before goes out first; the next call fails on
           * the same byte. */
          g_clear_error (error);
          self->broken = FALSE;
          break;
        }
      i++;
    }

  *bytes_read = i;
  *bytes_written = o;

  if (self->state == STATE_DONE)
    return G_CONVERTER_FINISHED;

  if (i == 0 && o == 0)
    {
      if (inbuf_size > 0)
        g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NO_SPACE, "no room");
      else if (flags & G_CONVERTER_INPUT_AT_END)
        {
          self->broken = TRUE;
          g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_PARTIAL_INPUT,
                               _("the page’s chunked encoding is broken (it ends before its last chunk)"));
        }
      else
        g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_PARTIAL_INPUT, "more input");
      return G_CONVERTER_ERROR;
    }

  return G_CONVERTER_CONVERTED;
}

static void
wd_chunk_decoder_reset (GConverter *converter)
{
  WdChunkDecoder *self = WD_CHUNK_DECODER (converter);

  self->state = STATE_SIZE;
  self->remaining = 0;
  self->digits = 0;
  self->line_length = 0;
  self->trailer_bytes = 0;
  self->broken = FALSE;
}

static void
wd_chunk_decoder_converter_init (GConverterIface *iface)
{
  iface->convert = wd_chunk_decoder_convert;
  iface->reset = wd_chunk_decoder_reset;
}

static void
wd_chunk_decoder_class_init (WdChunkDecoderClass *klass)
{
}

static void
wd_chunk_decoder_init (WdChunkDecoder *self)
{
}

GConverter *
_wd_chunk_decoder_new (void)
{
  return g_object_new (WD_TYPE_CHUNK_DECODER, NULL);
}

gboolean
_wd_chunk_decoder_is_broken (GConverter *decoder)
{
  return WD_CHUNK_DECODER (decoder)->broken;
}

GInputStream *
_wd_chunked_raw_stream (GInputStream *stream)
{
  GInputStream *body;

  /* SoupClientInputStream → SoupBodyInputStream (decodes chunks) →
   * SoupFilterInputStream (the connection's bytes, buffered). */
  if (!G_IS_FILTER_INPUT_STREAM (stream))
    return NULL;
  body = g_filter_input_stream_get_base_stream (G_FILTER_INPUT_STREAM (stream));
  if (!G_IS_FILTER_INPUT_STREAM (body) || !g_str_equal (G_OBJECT_TYPE_NAME (body), "SoupBodyInputStream"))
    return NULL;
  return g_filter_input_stream_get_base_stream (G_FILTER_INPUT_STREAM (body));
}

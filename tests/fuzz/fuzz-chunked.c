/* Fuzz harness: the checker's chunked decoder (src/core/checker/wd-chunked.c),
 * which reads a hostile server's raw bytes. Whatever the bytes: the same
 * outcome and output whether they come at once or a few at a time into a
 * small output buffer; never more output than input; never the end in a
 * call that wrote output; and any payload, framed by an encoder written
 * here, decodes back to itself. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "wd-chunked-private.h"

/* abort(), not g_error(): libFuzzer saves the input on SIGABRT. */
#define FUZZ_FAIL(...) (fprintf (stderr, __VA_ARGS__), fputc (10, stderr), abort ())

int LLVMFuzzerTestOneInput (const guint8 *data, size_t size);

typedef enum { DONE, BROKEN, SHORT } Outcome;

/* Feeds @size bytes @step at a time, into an output buffer of @room. */
static Outcome
decode (const guint8 *data,
        gsize         size,
        gsize         step,
        gsize         room,
        GByteArray   *out)
{
  g_autoptr(GConverter) decoder = _wd_chunk_decoder_new ();
  guint8 buffer[64];
  gsize at = 0;

  g_assert (room <= sizeof buffer);
  for (guint guard = 0; guard < 4 * size + 64; guard++)
    {
      gsize end = MIN (size, at + step);
      gsize bytes_read = 0, bytes_written = 0;
      g_autoptr(GError) error = NULL;
      GConverterResult result;

      result = g_converter_convert (decoder, data + at, end - at, buffer, room,
                                    end == size ? G_CONVERTER_INPUT_AT_END : G_CONVERTER_NO_FLAGS,
                                    &bytes_read, &bytes_written, &error);
      if (bytes_read > end - at || bytes_written > room)
        FUZZ_FAIL ("read %zu of %zu, wrote %zu into %zu", bytes_read, end - at, bytes_written, room);
      g_byte_array_append (out, buffer, bytes_written);
      at += bytes_read;

      /* GConverterInputStream reads on after a finish that wrote (a
       * kept-alive connection then stalls): the end comes alone. */
      if (result == G_CONVERTER_FINISHED && bytes_written > 0)
        FUZZ_FAIL ("finished in a call that wrote %zu bytes", bytes_written);
      if (result == G_CONVERTER_FINISHED)
        return DONE;
      if (result == G_CONVERTER_ERROR)
        {
          if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA))
            return BROKEN;
          if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_PARTIAL_INPUT) && end == size)
            return _wd_chunk_decoder_is_broken (decoder) ? SHORT : (FUZZ_FAIL ("partial, not broken"), SHORT);
          if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_PARTIAL_INPUT) &&
              !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_NO_SPACE))
            FUZZ_FAIL ("unexpected error: %s", error->message);
          if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_NO_SPACE))
            FUZZ_FAIL ("no space with %zu bytes of room", room);
          /* More input wanted: the next step brings it. */
        }
    }

  FUZZ_FAIL ("no progress");
  return BROKEN;
}

/* Frames @payload in chunks whose sizes come from @sizes. */
static GByteArray *
encode (const guint8 *payload,
        gsize         size,
        const guint8 *sizes,
        gsize         n_sizes)
{
  GByteArray *framed = g_byte_array_new ();
  gsize at = 0;

  for (guint i = 0; at < size; i++)
    {
      gsize n = MIN (size - at, (gsize) (n_sizes > 0 ? sizes[i % n_sizes] % 40 + 1 : 7));
      char line[32];

      g_snprintf (line, sizeof line, i % 2 ? "%zX;x=y\r\n" : "%zx\r\n", n);
      g_byte_array_append (framed, (const guint8 *) line, strlen (line));
      g_byte_array_append (framed, payload + at, n);
      g_byte_array_append (framed, (const guint8 *) "\r\n", 2);
      at += n;
    }
  g_byte_array_append (framed, (const guint8 *) "0\r\nX-T: 1\r\n\r\n", 14);
  return framed;
}

int
LLVMFuzzerTestOneInput (const guint8 *data,
                        size_t        size)
{
  g_autoptr(GByteArray) whole = g_byte_array_new ();
  g_autoptr(GByteArray) pieces = g_byte_array_new ();
  g_autoptr(GByteArray) framed = NULL;
  g_autoptr(GByteArray) back = g_byte_array_new ();
  gsize step, room;
  Outcome a, b;

  if (size == 0 || size > 16384)
    return 0;

  step = data[0] % 13 + 1;
  room = data[0] % 61 + 3;
  a = decode (data, size, size, 64, whole);
  b = decode (data, size, step, room, pieces);
  if (a != b || whole->len != pieces->len ||
      (whole->len > 0 && memcmp (whole->data, pieces->data, whole->len) != 0))
    FUZZ_FAIL ("at once: outcome %d, %u bytes; %zu at a time into %zu: outcome %d, %u bytes",
               a, whole->len, step, room, b, pieces->len);
  if (whole->len > size)
    FUZZ_FAIL ("%u bytes out of %zu in", whole->len, size);

  framed = encode (data, size, data, MIN (size, 8));
  if (decode (framed->data, framed->len, step, room, back) != DONE ||
      back->len != size || memcmp (back->data, data, size) != 0)
    FUZZ_FAIL ("a well-framed payload of %zu bytes did not come back", size);

  return 0;
}

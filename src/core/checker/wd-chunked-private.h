/* wd-chunked-private.h: HTTP/1.1 chunked transfer coding, decoded by the
 * checker itself.
 *
 * libsoup 3.2 reads a chunk size with strtoul(): "zz" is 0 (the end, so a
 * page of garbage reads as an honest empty one), "-5" and 41 digits are
 * ULONG_MAX. The checker reads a chunked body's raw bytes through this
 * GConverter instead, which tells the two apart: a body that ends with a
 * proper zero-size chunk (and its trailers) is complete, however short;
 * a size that is not hexadecimal, too large, a chunk not followed by CRLF
 * is G_IO_ERROR_INVALID_DATA; bytes that stop before the last chunk are
 * G_IO_ERROR_PARTIAL_INPUT. */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define WD_TYPE_CHUNK_DECODER (wd_chunk_decoder_get_type ())
G_DECLARE_FINAL_TYPE (WdChunkDecoder, wd_chunk_decoder, WD, CHUNK_DECODER, GObject)

GConverter   *_wd_chunk_decoder_new       (void);
/* TRUE once @decoder has failed with an error of its own (not one of the
 * stream it reads). */
gboolean      _wd_chunk_decoder_is_broken (GConverter   *decoder);

/* The raw bytes under libsoup's body stream @stream (as returned by
 * soup_session_send), or NULL when its streams are not laid out as
 * libsoup 3's HTTP/1.1 client lays them out. */
GInputStream *_wd_chunked_raw_stream      (GInputStream *stream);

G_END_DECLS

#define G_LOG_DOMAIN "wd-warc"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>
#include <zlib.h>

#include "wd-error.h"
#include "wd-warc-private.h"

#define CHUNK (64 * 1024)

WdWarcWriter *
_wd_warc_writer_new (void)
{
  WdWarcWriter *writer = g_new0 (WdWarcWriter, 1);

  writer->data = g_byte_array_new ();
  return writer;
}

void
_wd_warc_writer_free (WdWarcWriter *writer)
{
  if (writer == NULL)
    return;
  g_clear_pointer (&writer->data, g_byte_array_unref);
  g_free (writer);
}

char *
_wd_warc_new_record_id (void)
{
  g_autofree char *uuid = g_uuid_string_random ();

  return g_strdup_printf ("<urn:uuid:%s>", uuid);
}

char *
_wd_warc_digest (const guint8 *data,
                 gsize         len)
{
  g_autofree char *hex = g_compute_checksum_for_data (G_CHECKSUM_SHA256, data, len);

  return g_strconcat ("sha256:", hex, NULL);
}

/* Appends @len bytes as one gzip member. */
static void
gzip_member (GByteArray   *out,
             const guint8 *data,
             gsize         len)
{
  z_stream z = { 0, };
  guint8 buffer[CHUNK];
  int ret;

  /* 16 + MAX_WBITS: a gzip header and trailer around the deflate data. */
  ret = deflateInit2 (&z, 6, Z_DEFLATED, 16 + MAX_WBITS, 8, Z_DEFAULT_STRATEGY);
  g_assert (ret == Z_OK);

  z.next_in = (Bytef *) data;
  z.avail_in = 0;
  do
    {
      /* zlib counts in uInt: feed large blocks in pieces. */
      if (z.avail_in == 0 && len > 0)
        {
          uInt step = (uInt) MIN (len, (gsize) G_MAXUINT32 / 2);
          z.avail_in = step;
          len -= step;
        }
      z.next_out = buffer;
      z.avail_out = sizeof buffer;
      ret = deflate (&z, len == 0 ? Z_FINISH : Z_NO_FLUSH);
      g_assert (ret != Z_STREAM_ERROR);
      g_byte_array_append (out, buffer, sizeof buffer - z.avail_out);
    }
  while (ret != Z_STREAM_END);

  deflateEnd (&z);
}

static void
add_header (GString    *head,
            const char *name,
            const char *value)
{
  /* Values come from the web: no line break may end the header early. */
  g_string_append (head, name);
  g_string_append (head, ": ");
  for (const char *p = value; *p != '\0'; p++)
    g_string_append_c (head, (*p == '\r' || *p == '\n') ? ' ' : *p);
  g_string_append (head, "\r\n");
}

void
_wd_warc_writer_add (WdWarcWriter       *writer,
                     const WdWarcRecord *record,
                     gsize              *offset,
                     gsize              *length)
{
  g_autoptr(GString) head = g_string_new ("WARC/1.1\r\n");
  gsize block_len = 0;
  const guint8 *block = g_bytes_get_data (record->block, &block_len);
  g_autofree char *block_digest = _wd_warc_digest (block, block_len);
  g_autofree char *content_length = g_strdup_printf ("%" G_GSIZE_FORMAT, block_len);
  g_autoptr(GByteArray) whole = NULL;
  gsize start = writer->data->len;

  add_header (head, "WARC-Type", record->type);
  add_header (head, "WARC-Record-ID", record->record_id);
  add_header (head, "WARC-Date", record->date);
  if (record->target_uri != NULL)
    add_header (head, "WARC-Target-URI", record->target_uri);
  for (const char * const *h = record->headers; h != NULL && h[0] != NULL; h += 2)
    add_header (head, h[0], h[1]);
  add_header (head, "WARC-Block-Digest", block_digest);
  if (record->has_payload)
    {
      g_autofree char *payload_digest =
        _wd_warc_digest (block + record->payload_offset, block_len - record->payload_offset);
      add_header (head, "WARC-Payload-Digest", payload_digest);
    }
  if (record->truncated != NULL)
    add_header (head, "WARC-Truncated", record->truncated);
  add_header (head, "Content-Type", record->content_type);
  add_header (head, "Content-Length", content_length);
  g_string_append (head, "\r\n");

  whole = g_byte_array_sized_new (head->len + block_len + 4);
  g_byte_array_append (whole, (const guint8 *) head->str, head->len);
  g_byte_array_append (whole, block, block_len);
  g_byte_array_append (whole, (const guint8 *) "\r\n\r\n", 4);
  gzip_member (writer->data, whole->data, whole->len);

  if (offset != NULL)
    *offset = start;
  if (length != NULL)
    *length = writer->data->len - start;
}

/* ---------------------------------------------------------------- reading */

void
_wd_warc_parsed_free (WdWarcParsed *parsed)
{
  if (parsed == NULL)
    return;
  g_clear_pointer (&parsed->headers, g_hash_table_unref);
  g_clear_pointer (&parsed->block, g_bytes_unref);
  g_free (parsed);
}

/* Inflates the gzip member at @offset; *used receives its compressed
 * length. NULL with an error on damage or past WD_WARC_MAX_RECORD. */
static GByteArray *
gunzip_member (const guint8  *data,
               gsize          len,
               gsize          offset,
               gsize         *used,
               GError       **error)
{
  g_autoptr(GByteArray) out = g_byte_array_new ();
  z_stream z = { 0, };
  guint8 buffer[CHUNK];
  g_autofree char *at = g_strdup_printf ("%" G_GSIZE_FORMAT, offset);
  int ret;

  if (inflateInit2 (&z, 16 + MAX_WBITS) != Z_OK)
    {
      g_set_error (error, WD_ERROR, WD_ERROR_FORMAT, _("cannot start decompressing"));
      return NULL;
    }

  z.next_in = (Bytef *) data + offset;
  z.avail_in = (uInt) MIN (len - offset, (gsize) G_MAXUINT32);
  do
    {
      z.next_out = buffer;
      z.avail_out = sizeof buffer;
      ret = inflate (&z, Z_NO_FLUSH);
      if (ret != Z_OK && ret != Z_STREAM_END)
        {
          inflateEnd (&z);
          g_set_error (error, WD_ERROR, WD_ERROR_FORMAT,
                       _("the record at byte %s is not valid gzip data"), at);
          return NULL;
        }
      g_byte_array_append (out, buffer, sizeof buffer - z.avail_out);
      if (out->len > WD_WARC_MAX_RECORD)
        {
          inflateEnd (&z);
          g_set_error (error, WD_ERROR, WD_ERROR_TOO_LARGE,
                       _("the record at byte %s is larger than %d MiB"),
                       at, WD_WARC_MAX_RECORD / (1024 * 1024));
          return NULL;
        }
      if (ret != Z_STREAM_END && z.avail_in == 0 && z.avail_out != 0)
        {
          inflateEnd (&z);
          g_set_error (error, WD_ERROR, WD_ERROR_FORMAT,
                       _("the record at byte %s is cut short"), at);
          return NULL;
        }
    }
  while (ret != Z_STREAM_END);

  *used = (gsize) ((const guint8 *) z.next_in - (data + offset));
  inflateEnd (&z);
  return g_steal_pointer (&out);
}

static gboolean
check_digest (WdWarcParsed  *parsed,
              const char    *name,
              const guint8  *data,
              gsize          len,
              GError       **error)
{
  const char *want = g_hash_table_lookup (parsed->headers, name);
  g_autofree char *have = NULL;

  /* Only sha256 is ours to check; other algorithms are left alone. */
  if (want == NULL || !g_str_has_prefix (want, "sha256:"))
    return TRUE;

  have = _wd_warc_digest (data, len);
  if (g_ascii_strcasecmp (have, want) != 0)
    {
      g_set_error (error, WD_ERROR, WD_ERROR_FORMAT,
                   _("record %s: %s does not match its content"),
                   (const char *) g_hash_table_lookup (parsed->headers, "warc-record-id"), name);
      return FALSE;
    }
  return TRUE;
}

gsize
_wd_warc_http_payload_offset (GBytes *block)
{
  gsize len = 0;
  const char *data = g_bytes_get_data (block, &len);
  const char *end = g_strstr_len (data, MIN (len, (gsize) WD_WARC_MAX_HEADERS), "\r\n\r\n");

  return end != NULL ? (gsize) (end - data) + 4 : len;
}

static WdWarcParsed *
parse_record (GByteArray  *raw,
              gsize        offset,
              GError     **error)
{
  g_autoptr(WdWarcParsed) parsed = g_new0 (WdWarcParsed, 1);
  const char *text = (const char *) raw->data;
  const char *head_end = g_strstr_len (text, MIN (raw->len, (gsize) WD_WARC_MAX_HEADERS), "\r\n\r\n");
  g_autofree char *head = NULL;
  g_autofree char *at = g_strdup_printf ("%" G_GSIZE_FORMAT, offset);
  g_auto(GStrv) lines = NULL;
  const char *length_text;
  guint64 block_len;
  gsize block_start;
  char *end = NULL;

  if (raw->len < 9 || memcmp (text, "WARC/1.", 7) != 0 || head_end == NULL)
    {
      g_set_error (error, WD_ERROR, WD_ERROR_FORMAT,
                   _("the record at byte %s is not a WARC record"), at);
      return NULL;
    }

  head = g_strndup (text, head_end - text);
  lines = g_strsplit (head, "\r\n", -1);
  parsed->headers = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  for (guint i = 1; lines[i] != NULL; i++)
    {
      char *colon = strchr (lines[i], ':');

      if (colon == NULL)
        continue;
      *colon = '\0';
      g_hash_table_replace (parsed->headers, g_ascii_strdown (g_strstrip (lines[i]), -1),
                            g_strdup (g_strstrip (colon + 1)));
    }

  length_text = g_hash_table_lookup (parsed->headers, "content-length");
  block_start = (head_end - text) + 4;
  block_len = length_text != NULL ? g_ascii_strtoull (length_text, &end, 10) : G_MAXUINT64;
  if (length_text == NULL || end == length_text || *end != '\0' ||
      block_len > raw->len - block_start ||
      g_hash_table_lookup (parsed->headers, "warc-type") == NULL ||
      g_hash_table_lookup (parsed->headers, "warc-record-id") == NULL)
    {
      g_set_error (error, WD_ERROR, WD_ERROR_FORMAT,
                   _("the record at byte %s has a missing or wrong Content-Length, type or id"),
                   at);
      return NULL;
    }

  parsed->block = g_bytes_new (raw->data + block_start, block_len);
  parsed->offset = offset;

  if (!check_digest (parsed, "warc-block-digest", raw->data + block_start, block_len, error))
    return NULL;

  if (g_hash_table_contains (parsed->headers, "warc-payload-digest"))
    {
      gsize payload = _wd_warc_http_payload_offset (parsed->block);

      if (!check_digest (parsed, "warc-payload-digest", raw->data + block_start + payload,
                         block_len - payload, error))
        return NULL;
    }

  return g_steal_pointer (&parsed);
}

WdWarcParsed *
_wd_warc_read_member (const guint8  *data,
                      gsize          len,
                      gsize          offset,
                      GError       **error)
{
  g_autoptr(GByteArray) raw = NULL;
  WdWarcParsed *parsed;
  gsize used = 0;

  if (offset >= len)
    {
      g_autofree char *at = g_strdup_printf ("%" G_GSIZE_FORMAT, offset);

      g_set_error (error, WD_ERROR, WD_ERROR_FORMAT, _("no record at byte %s"), at);
      return NULL;
    }

  raw = gunzip_member (data, len, offset, &used, error);
  if (raw == NULL)
    return NULL;

  parsed = parse_record (raw, offset, error);
  if (parsed != NULL)
    parsed->length = used;
  return parsed;
}

GPtrArray *
_wd_warc_read_all (const guint8  *data,
                   gsize          len,
                   GError       **error)
{
  g_autoptr(GPtrArray) records = g_ptr_array_new_with_free_func ((GDestroyNotify) _wd_warc_parsed_free);
  gsize offset = 0;

  while (offset < len)
    {
      WdWarcParsed *parsed = _wd_warc_read_member (data, len, offset, error);

      if (parsed == NULL)
        return NULL;
      g_ptr_array_add (records, parsed);
      offset += parsed->length;
    }

  return g_steal_pointer (&records);
}

/* --------------------------------------------- HTTP payloads, decoded */

/* The value of header @name in an HTTP head, or NULL. */
static char *
http_header (const char *head,
             gsize       len,
             const char *name)
{
  g_autofree char *text = g_strndup (head, len);
  g_auto(GStrv) lines = g_strsplit (text, "\r\n", -1);
  gsize name_len = strlen (name);
  GString *value = NULL;

  for (guint i = 1; lines[i] != NULL; i++)
    if (g_ascii_strncasecmp (lines[i], name, name_len) == 0 && lines[i][name_len] == ':')
      {
        if (value == NULL)
          value = g_string_new (NULL);
        else
          g_string_append_c (value, ',');
        g_string_append (value, lines[i] + name_len + 1);
      }
  return value != NULL ? g_string_free (value, FALSE) : NULL;
}

/* Undoes one coding of @in into a new array of at most @max bytes. Input
 * that stops early (a truncated capture) gives what it held. */
static GByteArray *
inflate_coding (const GByteArray  *in,
                gboolean           zlib_format,
                gsize              max,
                GError           **error)
{
  g_autoptr(GByteArray) out = g_byte_array_new ();
  z_stream z = { 0, };
  guint8 buffer[CHUNK];
  gboolean ended_one = FALSE;
  int ret = Z_OK;

  if (inflateInit2 (&z, zlib_format ? MAX_WBITS : 16 + MAX_WBITS) != Z_OK)
    {
      g_set_error_literal (error, WD_ERROR, WD_ERROR_FORMAT, _("the body could not be decoded"));
      return NULL;
    }
  z.next_in = (Bytef *) in->data;
  z.avail_in = in->len;

  while (z.avail_in > 0)
    {
      z.next_out = buffer;
      z.avail_out = sizeof buffer;
      ret = inflate (&z, Z_NO_FLUSH);
      g_byte_array_append (out, buffer, sizeof buffer - z.avail_out);
      if (out->len > max)
        {
          g_autofree char *size = g_format_size (max);

          inflateEnd (&z);
          g_set_error (error, WD_ERROR, WD_ERROR_TOO_LARGE, _("the body decodes to more than %s"), size);
          return NULL;
        }
      /* gzip members may follow one another. */
      if (ret == Z_STREAM_END && z.avail_in > 0 && !zlib_format)
        {
          ended_one = TRUE;
          ret = inflateReset (&z);
        }
      else if (ret == Z_STREAM_END)
        break;
      /* No progress (input cut short), or bytes after a whole member. */
      if ((ret == Z_BUF_ERROR && z.avail_out > 0) || (ret == Z_DATA_ERROR && ended_one))
        break;
      if (ret != Z_OK && ret != Z_BUF_ERROR)
        {
          inflateEnd (&z);
          g_set_error (error, WD_ERROR, WD_ERROR_FORMAT, _("the body could not be decoded: %s"),
                       z.msg != NULL ? z.msg : "zlib");
          return NULL;
        }
    }
  inflateEnd (&z);
  return g_steal_pointer (&out);
}

GBytes *
_wd_warc_http_body (GBytes  *block,
                    gsize    max,
                    GError **error)
{
  gsize len = 0;
  const char *data = g_bytes_get_data (block, &len);
  gsize payload = _wd_warc_http_payload_offset (block);
  g_autofree char *codings_text = http_header (data, payload, "content-encoding");
  g_auto(GStrv) codings = NULL;
  g_autoptr(GByteArray) body = NULL;

  if (codings_text == NULL)
    return g_bytes_new_from_bytes (block, payload, len - payload);

  body = g_byte_array_sized_new (len - payload);
  g_byte_array_append (body, (const guint8 *) data + payload, len - payload);
  codings = g_strsplit (codings_text, ",", -1);
  /* The last coding applied is undone first. */
  for (guint i = g_strv_length (codings); i > 0; i--)
    {
      char *name = g_strstrip (codings[i - 1]);
      GByteArray *decoded;

      if (*name == '\0' || g_ascii_strcasecmp (name, "identity") == 0)
        continue;
      if (g_ascii_strcasecmp (name, "gzip") != 0 && g_ascii_strcasecmp (name, "x-gzip") != 0 &&
          g_ascii_strcasecmp (name, "deflate") != 0)
        {
          g_autofree char *shown = g_utf8_make_valid (name, MIN (strlen (name), 40));

          g_set_error (error, WD_ERROR, WD_ERROR_FORMAT,
                       _("the body is encoded as “%s”, which Wiredesk cannot decode"),
                       g_strcanon (shown, G_CSET_a_2_z G_CSET_A_2_Z G_CSET_DIGITS "-_.", '?'));
          return NULL;
        }
      decoded = inflate_coding (body, g_ascii_strcasecmp (name, "deflate") == 0, max, error);
      if (decoded == NULL)
        return NULL;
      g_byte_array_unref (body);
      body = decoded;
    }
  return g_byte_array_free_to_bytes (g_steal_pointer (&body));
}

/* wd-warc-private.h: WARC/1.1 records (ISO 28500), written and read.
 *
 * Each record is its own gzip member, so a record can be found by the
 * byte offset and length of its member (what index.cdxj stores) and read
 * alone. Digests are "sha256:" followed by lower-case hex. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Records larger than this (headers and block, uncompressed) are refused
 * by the reader: a capture holds at most the checker's 1 MiB body. */
#define WD_WARC_MAX_RECORD  (8 * 1024 * 1024)
/* A header line longer than this ends the reading as damaged. */
#define WD_WARC_MAX_HEADERS (64 * 1024)

typedef struct
{
  GByteArray *data;           /* the gzip members written so far */
} WdWarcWriter;

/* One record to write. @headers holds extra "Name", "value" pairs. */
typedef struct
{
  const char  *type;          /* "warcinfo", "request", "response", … */
  const char  *record_id;     /* "<urn:uuid:…>" */
  const char  *date;          /* ISO 8601 UTC, seconds */
  const char  *target_uri;    /* NULL for warcinfo */
  const char  *content_type;
  GBytes      *block;
  gsize        payload_offset; /* where the payload starts in @block */
  gboolean     has_payload;   /* write WARC-Payload-Digest */
  const char  *truncated;     /* WARC-Truncated value or NULL */
  const char * const *headers;
} WdWarcRecord;

WdWarcWriter *_wd_warc_writer_new        (void);
void          _wd_warc_writer_free       (WdWarcWriter        *writer);
/* Appends @record as one gzip member; *offset and *length receive where
 * the member lies in the writer's data. */
void          _wd_warc_writer_add        (WdWarcWriter        *writer,
                                          const WdWarcRecord  *record,
                                          gsize               *offset,
                                          gsize               *length);

/* "<urn:uuid:…>" */
char         *_wd_warc_new_record_id     (void);
/* "sha256:…" of @len bytes at @data */
char         *_wd_warc_digest            (const guint8        *data,
                                          gsize                len);

/* A record as read back. */
typedef struct
{
  GHashTable *headers;        /* lower-case name → value */
  GBytes     *block;
  gsize       offset;         /* of its gzip member in the file */
  gsize       length;
} WdWarcParsed;

void          _wd_warc_parsed_free       (WdWarcParsed        *parsed);

/* Reads every record of a .warc.gz (a series of gzip members), checking
 * the WARC version line, the Content-Length and the two sha256 digests
 * when present. Returns: (element-type WdWarcParsed), or NULL with
 * WD_ERROR_INVALID_DATA saying what is wrong and where. */
GPtrArray    *_wd_warc_read_all          (const guint8        *data,
                                          gsize                len,
                                          GError             **error);
/* Reads the one record whose gzip member is at @offset. */
WdWarcParsed *_wd_warc_read_member       (const guint8        *data,
                                          gsize                len,
                                          gsize                offset,
                                          GError             **error);
/* Where an HTTP message's body starts in @block (after the blank line),
 * or the block's length when there is none. */
gsize         _wd_warc_http_payload_offset (GBytes            *block);

/* The body of the HTTP message in @block with its content coding (gzip,
 * deflate, stacked) undone, at most @max bytes; a body cut short gives
 * what it held. An unknown coding is WD_ERROR_FORMAT. */
GBytes       *_wd_warc_http_body         (GBytes              *block,
                                          gsize                max,
                                          GError             **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (WdWarcWriter, _wd_warc_writer_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (WdWarcParsed, _wd_warc_parsed_free)

G_END_DECLS

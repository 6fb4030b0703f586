#define G_LOG_DOMAIN "wd-evidence-recorder"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "wd-checker-private.h"
#include "wd-enums.h"
#include "wd-evidence-recorder-private.h"
#include "wd-source.h"

/* Room counted for a record's WARC header beside its block, and for a
 * capture's lines in index.cdxj and pages.jsonl, before the record is
 * compressed; once written, its gzip member counts as it is. */
#define RECORD_OVERHEAD 768
#define INDEX_ROOM      1024

G_DEFINE_FINAL_TYPE (WdEvidenceRecorder, wd_evidence_recorder, G_TYPE_OBJECT)

/* What the worker needs of one check, copied on the checker's thread. */
typedef struct
{
  guint64    need;         /* counted in reserved until written */
  WdCapture *capture;
  GPtrArray *exchanges;    /* WdFetchExchange with their bodies, taken from the response */
  char      *text;
  char      *charset;      /* set ("" for none) when the worker extracts the text */
} Pending;

static void
pending_free (Pending *p)
{
  wd_capture_free (p->capture);
  g_clear_pointer (&p->exchanges, g_ptr_array_unref);
  g_free (p->text);
  g_free (p->charset);
  g_free (p);
}

/* ------------------------------------------------------------- records */

/* The response head as received, for the body as kept. The body is the
 * entity as sent (its content coding, gzip or other, kept with its
 * Content-Encoding, as WARC wants the payload) without its transfer
 * coding: the chunks are joined, so Transfer-Encoding goes, and a whole
 * body that came in chunks gets the Content-Length it has now. */
static GString *
stored_head (const WdFetchExchange *e)
{
  g_auto(GStrv) lines = g_strsplit (e->response_head, "\r\n", -1);
  GString *out = g_string_new (NULL);
  gboolean dropped = FALSE, has_length = FALSE;

  for (guint i = 0; lines[i] != NULL; i++)
    {
      const char *line = lines[i];

      if (*line == '\0')
        continue;
      if (i > 0 && g_ascii_strncasecmp (line, "transfer-encoding:", 18) == 0)
        {
          dropped = TRUE;
          continue;
        }
      if (i > 0 && g_ascii_strncasecmp (line, "content-length:", 15) == 0)
        has_length = TRUE;
      g_string_append (out, line);
      g_string_append (out, "\r\n");
    }
  if (dropped && !has_length && e->body != NULL && e->truncated == NULL)
    g_string_append_printf (out, "Content-Length: %" G_GSIZE_FORMAT "\r\n", g_bytes_get_size (e->body));
  g_string_append (out, "\r\n");
  return out;
}

/* A head-only record of an answer that announced a body: not all of it. */
static const char *
truncation (const WdFetchExchange *e)
{
  if (e->body != NULL)
    return e->truncated;
  return strstr (e->response_head, "\r\nContent-Length: 0\r\n") != NULL ? NULL : "unspecified";
}

/* A response record's block: the head as stored, the body as kept. */
static GBytes *
response_block (const WdFetchExchange *e)
{
  GString *block = stored_head (e);

  if (e->body != NULL)
    g_string_append_len (block, g_bytes_get_data (e->body, NULL), g_bytes_get_size (e->body));
  return g_string_free_to_bytes (block);
}

/* The text of a page the checker did not read (an error page): the same
 * extraction as the checker's, over the body decoded up to the size the
 * checker reads. Nothing when the body is not text. */
static void
extract_text (Pending *p)
{
  WdFetchExchange *last = g_ptr_array_index (p->exchanges, p->exchanges->len - 1);
  g_autoptr(GBytes) block = response_block (last);
  g_autoptr(GBytes) body = _wd_warc_http_body (block, WD_FETCH_MAX_BODY, NULL);
  g_autoptr(WdHtmlMeta) meta = NULL;
  gsize len = 0;
  const guint8 *data;

  if (body == NULL)
    return;
  data = g_bytes_get_data (body, &len);
  meta = wd_html_meta_parse (data, len, p->capture->mime, *p->charset != '\0' ? p->charset : NULL,
                             last->url);
  if (meta->is_html && meta->text != NULL && *meta->text != '\0')
    p->text = g_steal_pointer (&meta->text);
}

/* "HTTP/1.1 301 Moved…" → 301 */
static guint
head_status (const char *head)
{
  const char *space = strchr (head, ' ');

  return space != NULL ? (guint) MIN (g_ascii_strtoull (space + 1, NULL, 10), 999) : 0;
}

/* The media type of a response head ("text/html"), or NULL. */
static char *
head_media_type (const char *head)
{
  g_auto(GStrv) lines = g_strsplit (head, "\r\n", -1);

  for (guint i = 1; lines[i] != NULL; i++)
    if (g_ascii_strncasecmp (lines[i], "content-type:", 13) == 0)
      {
        g_autofree char *value = g_strstrip (g_strdup (lines[i] + 13));
        char *semicolon = strchr (value, ';');

        if (semicolon != NULL)
          *semicolon = '\0';
        g_strstrip (value);
        return *value != '\0' ? g_ascii_strdown (value, -1) : NULL;
      }
  return NULL;
}

/* The index entry of a redirect hop's response record. */
static WdCapture *
hop_entry (const WdCapture       *capture,
           const WdFetchExchange *e,
           const char            *record_id,
           const char            *warc,
           gsize                  offset,
           gsize                  length)
{
  WdCapture *hop = g_new0 (WdCapture, 1);
  gsize size = e->body != NULL ? g_bytes_get_size (e->body) : 0;

  hop->source = g_strdup (capture->source);
  hop->url = g_strdup (e->url);
  hop->captured_at = g_strdup (e->date);
  hop->http_status = head_status (e->response_head);
  hop->record_id = g_strdup (record_id);
  hop->payload_digest = _wd_warc_digest (e->body != NULL ? g_bytes_get_data (e->body, NULL) : NULL, size);
  hop->mime = head_media_type (e->response_head);
  hop->size = size;
  hop->truncated = truncation (e) != NULL;
  hop->warc = g_strdup (warc);
  hop->offset = offset;
  hop->length = length;
  hop->hop_of = g_strdup (capture->record_id);
  return hop;
}

static void
write_capture (WdEvidenceRecorder *self,
               Pending            *p)
{
  WdWarcWriter *writer = self->writer;
  WdCapture *c = p->capture;
  g_autofree char *response_id = NULL;

  for (guint i = 0; i < p->exchanges->len; i++)
    {
      WdFetchExchange *e = g_ptr_array_index (p->exchanges, i);
      gboolean last = i + 1 == p->exchanges->len;
      g_autoptr(GBytes) request = g_bytes_new_static (e->request_head, strlen (e->request_head));
      g_autoptr(GBytes) response = NULL;
      g_autofree char *request_id = _wd_warc_new_record_id ();
      g_autofree char *hop_id = last ? g_strdup (c->record_id) : _wd_warc_new_record_id ();
      const char *hop_headers[] = { "WARC-Warcinfo-ID", self->warcinfo_id, NULL, NULL, NULL };
      const char *request_headers[] = { "WARC-Warcinfo-ID", self->warcinfo_id,
                                        "WARC-Concurrent-To", hop_id, NULL };
      WdWarcRecord record = { 0, };
      gsize offset = 0, length = 0;

      if (last && c->source != NULL)
        {
          hop_headers[2] = "WARC-Wiredesk-Source";
          hop_headers[3] = c->source;
        }

      response = response_block (e);

      record.type = "response";
      record.record_id = hop_id;
      record.date = e->date;
      record.target_uri = e->url;
      record.content_type = "application/http;msgtype=response";
      record.block = response;
      record.payload_offset = _wd_warc_http_payload_offset (response);
      record.has_payload = TRUE;
      record.truncated = truncation (e);
      record.headers = hop_headers;
      _wd_warc_writer_add (writer, &record, &offset, &length);
      if (last)
        {
          c->offset = offset;
          c->length = length;
          response_id = g_strdup (hop_id);
        }
      else
        g_ptr_array_add (self->hops, hop_entry (c, e, hop_id, self->warc_name, offset, length));

      memset (&record, 0, sizeof record);
      record.type = "request";
      record.record_id = request_id;
      record.date = e->date;
      record.target_uri = e->url;
      record.content_type = "application/http;msgtype=request";
      record.block = request;
      record.headers = request_headers;
      _wd_warc_writer_add (writer, &record, NULL, NULL);
    }

  if (p->text != NULL && response_id != NULL)
    {
      g_autoptr(GBytes) text = g_bytes_new_static (p->text, strlen (p->text));
      g_autofree char *id = _wd_warc_new_record_id ();
      const char *headers[] = { "WARC-Warcinfo-ID", self->warcinfo_id,
                                "WARC-Refers-To", response_id,
                                WD_EVIDENCE_TEXT_HEADER, WD_EVIDENCE_TEXT_VERSION_STRING, NULL };
      WdWarcRecord record = { 0, };

      record.type = "conversion";
      record.record_id = id;
      record.date = c->captured_at;
      record.target_uri = c->final_url;
      record.content_type = "text/plain; charset=utf-8";
      record.block = text;
      record.headers = headers;
      _wd_warc_writer_add (writer, &record, &c->text_offset, &c->text_length);
      c->text_record_id = g_strdup (id);
    }
}

static void
write_in_pool (gpointer data,
               gpointer user_data)
{
  WdEvidenceRecorder *self = user_data;
  Pending *p = data;

  /* Outside the lock: parsing a page takes a while. */
  if (p->charset != NULL)
    extract_text (p);

  g_mutex_lock (&self->lock);
  write_capture (self, p);
  self->reserved -= p->need;
  g_ptr_array_add (self->captures, g_steal_pointer (&p->capture));
  if (--self->n_pending == 0)
    g_cond_broadcast (&self->idle);
  g_mutex_unlock (&self->lock);

  pending_free (p);
}

void
_wd_evidence_recorder_wait_idle (WdEvidenceRecorder *self)
{
  g_mutex_lock (&self->lock);
  while (self->n_pending > 0)
    g_cond_wait (&self->idle, &self->lock);
  g_mutex_unlock (&self->lock);
}

static void
on_capture (WdChecker       *checker,
            WdSource        *source,
            const char      *url,
            WdFetchResponse *response,
            const char      *text,
            WdCheckResult   *result,
            gpointer         data)
{
  WdEvidenceRecorder *self = data;
  WdFetchExchange *last = g_ptr_array_index (response->exchanges, response->exchanges->len - 1);
  gsize body_len = last->body != NULL ? g_bytes_get_size (last->body) : 0;
  /* At most what its records take before compression. */
  guint64 need = (text != NULL ? strlen (text) : 0) + RECORD_OVERHEAD * (2 * response->exchanges->len + 1);
  guint64 counted;
  Pending *p;
  WdCapture *c;

  if (self->warning != NULL)
    return;

  for (guint i = 0; i < response->exchanges->len; i++)
    {
      WdFetchExchange *e = g_ptr_array_index (response->exchanges, i);

      need += strlen (e->request_head) + strlen (e->response_head) +
              (e->body != NULL ? g_bytes_get_size (e->body) : 0);
    }
  /* An error page's text is extracted by the worker: room for it. */
  if (text == NULL)
    need += body_len;

  /* The package on disk, the records written since (compressed), the
   * ones still being written at their most, and this one. */
  g_mutex_lock (&self->lock);
  counted = self->package_size + self->writer->data->len + self->reserved + self->index_room +
            need + INDEX_ROOM;
  if (counted > self->limit)
    {
      g_autofree char *limit = g_format_size (self->limit);

      g_mutex_unlock (&self->lock);
      self->warning = g_strdup_printf (_("The evidence package reached its limit of %s: "
                                         "later captures were not kept."), limit);
      return;
    }
  self->reserved += need;
  self->index_room += INDEX_ROOM;
  g_mutex_unlock (&self->lock);

  p = g_new0 (Pending, 1);
  p->need = need;
  p->capture = c = g_new0 (WdCapture, 1);
  c->source = source != NULL ? g_strdup (wd_source_get_id (source)) : NULL;
  c->url = g_strdup (url);
  c->final_url = g_strdup (last->url);
  c->captured_at = g_strdup (last->date);
  c->http_status = response->http_status;
  c->verdict = g_strdup (wd_enum_to_nick (WD_TYPE_CHECK_STATUS,
                                          wd_check_result_get_status (result)));
  c->record_id = _wd_warc_new_record_id ();
  c->mime = g_strdup (response->media_type);
  c->size = body_len;
  c->truncated = last->truncated != NULL;
  c->payload_digest = _wd_warc_digest (last->body != NULL ? g_bytes_get_data (last->body, NULL) : NULL,
                                       body_len);
  c->warc = g_strdup (self->warc_name);

  /* The response is done with them: the worker takes them over. */
  p->exchanges = g_steal_pointer (&response->exchanges);
  p->text = g_strdup (text);
  if (text == NULL && last->body != NULL)
    p->charset = g_strdup (response->charset != NULL ? response->charset : "");

  wd_check_result_set_text (result, "capture-id", c->record_id);
  wd_check_result_set_text (result, "capture-digest", c->payload_digest);

  g_mutex_lock (&self->lock);
  self->n_pending++;
  g_mutex_unlock (&self->lock);
  g_thread_pool_push (self->pool, p, NULL);
}

/* --------------------------------------------------------------- GObject */

static void
wd_evidence_recorder_dispose (GObject *object)
{
  WdEvidenceRecorder *self = (WdEvidenceRecorder *) object;
  g_autoptr(WdChecker) checker = g_weak_ref_get (&self->checker);

  if (checker != NULL)
    _wd_checker_set_capture_func (checker, NULL, NULL, NULL);
  g_weak_ref_set (&self->checker, NULL);

  G_OBJECT_CLASS (wd_evidence_recorder_parent_class)->dispose (object);
}

static void
wd_evidence_recorder_finalize (GObject *object)
{
  WdEvidenceRecorder *self = (WdEvidenceRecorder *) object;

  /* Waits for the records under way. */
  g_thread_pool_free (self->pool, FALSE, TRUE);
  g_weak_ref_clear (&self->checker);
  _wd_warc_writer_free (self->writer);
  g_ptr_array_unref (self->captures);
  g_ptr_array_unref (self->hops);
  g_mutex_clear (&self->lock);
  g_cond_clear (&self->idle);
  g_free (self->package_path);
  g_free (self->warc_name);
  g_free (self->warcinfo_id);
  g_free (self->warning);

  G_OBJECT_CLASS (wd_evidence_recorder_parent_class)->finalize (object);
}

static void
wd_evidence_recorder_class_init (WdEvidenceRecorderClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = wd_evidence_recorder_dispose;
  object_class->finalize = wd_evidence_recorder_finalize;
}

static void
wd_evidence_recorder_init (WdEvidenceRecorder *self)
{
  g_mutex_init (&self->lock);
  g_cond_init (&self->idle);
  g_weak_ref_init (&self->checker, NULL);
  self->limit = WD_EVIDENCE_DEFAULT_LIMIT;
  self->writer = _wd_warc_writer_new ();
  self->captures = g_ptr_array_new_with_free_func ((GDestroyNotify) wd_capture_free);
  self->hops = g_ptr_array_new_with_free_func ((GDestroyNotify) wd_capture_free);
  self->pool = g_thread_pool_new (write_in_pool, self, 1, FALSE, NULL);
}

void
_wd_evidence_recorder_start_warc (WdEvidenceRecorder *self)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autofree char *stamp = g_date_time_format (now, "%Y%m%d%H%M%S");
  g_autofree char *date = g_date_time_format (now, "%Y-%m-%dT%H:%M:%SZ");
  g_autofree char *random = g_uuid_string_random ();
  g_autofree char *fields = g_strdup_printf ("software: Wiredesk %s\r\n"
                                             "format: WARC File Format 1.1\r\n"
                                             "conformsTo: http://iipc.github.io/warc-specifications/specifications/warc-format/warc-1.1/\r\n",
                                             PACKAGE_VERSION);
  g_autoptr(GBytes) block = g_bytes_new (fields, strlen (fields));
  const char *headers[] = { "WARC-Filename", NULL, NULL };
  WdWarcRecord record = { 0, };

  random[8] = '\0';
  g_free (self->warc_name);
  self->warc_name = g_strdup_printf ("archive/wiredesk-%s-%s.warc.gz", stamp, random);
  g_free (self->warcinfo_id);
  self->warcinfo_id = _wd_warc_new_record_id ();
  headers[1] = self->warc_name + strlen ("archive/");

  record.type = "warcinfo";
  record.record_id = self->warcinfo_id;
  record.date = date;
  record.content_type = "application/warc-fields";
  record.block = block;
  record.headers = headers;
  _wd_warc_writer_add (self->writer, &record, NULL, NULL);
}

WdEvidenceRecorder *
wd_evidence_recorder_new (const char *package_path,
                          WdChecker  *checker)
{
  WdEvidenceRecorder *self;

  g_return_val_if_fail (package_path != NULL, NULL);
  g_return_val_if_fail (WD_IS_CHECKER (checker), NULL);

  self = g_object_new (WD_TYPE_EVIDENCE_RECORDER, NULL);
  self->package_path = g_strdup (package_path);
  _wd_evidence_recorder_start_warc (self);
  self->package_size = _wd_evidence_file_size (package_path);

  g_weak_ref_set (&self->checker, checker);
  _wd_checker_set_capture_func (checker, on_capture, self, NULL);
  return self;
}

void
wd_evidence_recorder_set_limit (WdEvidenceRecorder *self,
                                guint64             bytes)
{
  g_return_if_fail (WD_IS_EVIDENCE_RECORDER (self));
  self->limit = bytes;
}

guint
wd_evidence_recorder_get_n_captures (WdEvidenceRecorder *self)
{
  guint n;

  g_return_val_if_fail (WD_IS_EVIDENCE_RECORDER (self), 0);

  _wd_evidence_recorder_wait_idle (self);
  g_mutex_lock (&self->lock);
  n = self->captures->len;
  g_mutex_unlock (&self->lock);
  return n;
}

const char *
wd_evidence_recorder_get_warning (WdEvidenceRecorder *self)
{
  g_return_val_if_fail (WD_IS_EVIDENCE_RECORDER (self), NULL);
  return self->warning;
}

#define G_LOG_DOMAIN "wd-evidence-recorder"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include "wd-checker-private.h"
#include "wd-enums.h"
#include "wd-error.h"
#include "wd-evidence-private.h"
#include "wd-json-writer.h"
#include "wd-source.h"
#include "wd-warc-private.h"

/* How long a save waits for another writer of the same package. */
#define LOCK_TIMEOUT_USEC (60 * G_USEC_PER_SEC)

/* Room counted for a record's WARC header beside its block, and for a
 * capture's lines in index.cdxj and pages.jsonl, before the record is
 * compressed; once written, its gzip member counts as it is. */
#define RECORD_OVERHEAD 768
#define INDEX_ROOM      1024

struct _WdEvidenceRecorder
{
  GObject       parent_instance;

  char         *package_path;
  char         *warc_name;        /* archive/wiredesk-….warc.gz */
  char         *warcinfo_id;
  GWeakRef      checker;
  guint64       limit;
  guint64       package_size;     /* on disk, when recording began or last saved */
  guint64       reserved;         /* captures not yet written: their most */
  guint64       index_room;       /* index lines of the captures so far */
  char         *warning;

  GThreadPool  *pool;             /* one thread: records in arrival order */
  GMutex        lock;
  GCond         idle;
  guint         n_pending;
  WdWarcWriter *writer;           /* under lock */
  GPtrArray    *captures;         /* WdCapture, under lock */
  GPtrArray    *hops;             /* WdCapture of redirect hops, under lock */
};

G_DEFINE_FINAL_TYPE (WdEvidenceRecorder, wd_evidence_recorder, G_TYPE_OBJECT)

static void start_warc (WdEvidenceRecorder *self);

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

static void
wait_idle (WdEvidenceRecorder *self)
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

/* ---------------------------------------------------------------- saving */

static guint64
file_size (const char *path)
{
  GStatBuf st;

  return g_stat (path, &st) == 0 ? (guint64) st.st_size : 0;
}


static void
add_resource (WdJsonWriter *w,
              const char   *path,
              const char   *hash,
              guint64       bytes)
{
  const char *name = strrchr (path, '/');

  wd_json_writer_begin_object (w);
  wd_json_writer_member (w, "name");
  wd_json_writer_string (w, name != NULL ? name + 1 : path);
  wd_json_writer_member (w, "path");
  wd_json_writer_string (w, path);
  wd_json_writer_member (w, "hash");
  wd_json_writer_string (w, hash);
  wd_json_writer_member (w, "bytes");
  wd_json_writer_int (w, (gint64) bytes);
  wd_json_writer_end_object (w);
}

static gboolean
put_member (zip_t       *zip,
            const char  *name,
            GBytes      *bytes,
            gboolean     archive,
            GError     **error)
{
  gsize len = 0;
  const void *data = g_bytes_get_data (bytes, &len);
  zip_source_t *src = zip_source_buffer (zip, data, len, 0);
  zip_int64_t index;

  if (src == NULL ||
      (index = zip_file_add (zip, name, src,
                             (archive ? 0 : ZIP_FL_OVERWRITE) | ZIP_FL_ENC_UTF_8)) < 0)
    {
      if (src != NULL)
        zip_source_free (src);
      g_set_error (error, WD_ERROR, WD_ERROR_FORMAT, _("cannot add %s to the package: %s"),
                   name, zip_strerror (zip));
      return FALSE;
    }
  /* WACZ: the WARC files are stored, so a reader can seek to a record;
   * an existing one is never replaced (zip_file_add() refuses). */
  zip_set_file_compression (zip, index, archive ? ZIP_CM_STORE : ZIP_CM_DEFLATE, 0);
  return TRUE;
}

/* The old package's warc files and their digests, from its datapackage. */
static gboolean
old_resources (zip_t       *zip,
               const char  *path,
               GPtrArray   *lines,
               GString     *pages,
               char       **created,
               GPtrArray   *warcs,
               GError     **error)
{
  g_autoptr(GBytes) datapackage = _wd_zip_read (zip, WD_EVIDENCE_DATAPACKAGE, WD_EVIDENCE_MAX_INDEX, error);
  g_autoptr(GBytes) index = NULL;
  g_autoptr(GBytes) old_pages = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonObject *root;
  JsonArray *resources;
  g_auto(GStrv) split = NULL;

  if (datapackage == NULL || !_wd_evidence_check_version (datapackage, path, error))
    return FALSE;
  if (!json_parser_load_from_data (parser, g_bytes_get_data (datapackage, NULL), -1, NULL))
    return FALSE;
  root = json_node_get_object (json_parser_get_root (parser));
  *created = g_strdup (json_object_get_string_member_with_default (root, "created", NULL));
  resources = json_object_get_array_member (root, "resources");
  for (guint i = 0; resources != NULL && i < json_array_get_length (resources); i++)
    {
      JsonObject *r = json_array_get_object_element (resources, i);
      const char *p = r != NULL ? json_object_get_string_member_with_default (r, "path", NULL) : NULL;

      if (p != NULL && g_str_has_prefix (p, "archive/"))
        g_ptr_array_add (warcs, json_object_ref (r));
    }

  index = _wd_zip_read (zip, WD_EVIDENCE_INDEX, WD_EVIDENCE_MAX_INDEX, error);
  if (index == NULL)
    return FALSE;
  split = g_strsplit (g_bytes_get_data (index, NULL), "\n", -1);
  for (guint i = 0; split[i] != NULL; i++)
    if (*split[i] != '\0')
      g_ptr_array_add (lines, g_strdup (split[i]));

  old_pages = _wd_zip_read (zip, WD_EVIDENCE_PAGES, WD_EVIDENCE_MAX_INDEX, NULL);
  if (old_pages != NULL)
    {
      g_auto(GStrv) page_lines = g_strsplit (g_bytes_get_data (old_pages, NULL), "\n", -1);

      /* The header line is written anew. */
      for (guint i = 1; page_lines[i] != NULL; i++)
        if (*page_lines[i] != '\0')
          g_string_append_printf (pages, "%s\n", page_lines[i]);
    }
  return TRUE;
}

static char *
page_line (const WdCapture *c)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autoptr(JsonGenerator) g = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *id = g_compute_checksum_for_string (G_CHECKSUM_MD5, c->record_id, -1);

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "id");
  json_builder_add_string_value (b, id);
  json_builder_set_member_name (b, "url");
  json_builder_add_string_value (b, c->final_url);
  json_builder_set_member_name (b, "ts");
  json_builder_add_string_value (b, c->captured_at);
  json_builder_end_object (b);
  root = json_builder_get_root (b);
  json_generator_set_root (g, root);
  return json_generator_to_data (g, NULL);
}

static int
compare_lines (gconstpointer a,
               gconstpointer b)
{
  return strcmp (*(char * const *) a, *(char * const *) b);
}

static GBytes *
string_bytes (GString *s)
{
  return g_bytes_new (s->str, s->len);
}

/* ---------------------------------------------------------------- locking */

/* Two writers of one package (a window and `check --write`, two windows,
 * two commands) each read it, add their WARC file and rename a new one
 * over it: without a lock the second rename drops the first's captures.
 * The lock is flock() on a hidden file beside the package, held from the
 * read to the rename, so the second writer reads the first's result.
 * flock() locks belong to the open file, so threads exclude each other
 * too. The holder unlinks the file before closing it; a writer that
 * waited on an unlinked file finds a different (or no) file at the path
 * and tries again. A crashed holder leaves the file, unlocked. */
static char *
lock_path_for (const char *package_path)
{
  g_autofree char *dir = g_path_get_dirname (package_path);
  g_autofree char *base = g_path_get_basename (package_path);
  g_autofree char *name = g_strdup_printf (".%s.lock", base);

  return g_build_filename (dir, name, NULL);
}

static int
lock_package (const char  *path,
              GError     **error)
{
  gint64 deadline = g_get_monotonic_time () + LOCK_TIMEOUT_USEC;

  for (;;)
    {
      struct stat held, named;
      int fd = g_open (path, O_RDWR | O_CREAT | O_CLOEXEC, 0644);
      int saved;

      if (fd < 0)
        {
          saved = errno;
          g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved),
                       _("The evidence package cannot be locked for writing (%s): %s"),
                       path, g_strerror (saved));
          return -1;
        }
      while (flock (fd, LOCK_EX | LOCK_NB) != 0)
        {
          saved = errno;
          if ((saved != EWOULDBLOCK && saved != EINTR) || g_get_monotonic_time () > deadline)
            {
              close (fd);
              if (saved == EWOULDBLOCK)
                g_set_error (error, G_IO_ERROR, G_IO_ERROR_BUSY,
                             _("The evidence package is being written by another Wiredesk; "
                               "the new captures were not added (%s is still locked)"), path);
              else
                g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved),
                             _("The evidence package cannot be locked for writing (%s): %s"),
                             path, g_strerror (saved));
              return -1;
            }
          g_usleep (5000);
        }
      /* Still the file at the path, not one its holder unlinked? */
      if (fstat (fd, &held) == 0 && g_stat (path, &named) == 0 &&
          held.st_dev == named.st_dev && held.st_ino == named.st_ino)
        return fd;
      close (fd);
    }
}

static void
unlock_package (const char *path,
                int         fd)
{
  g_unlink (path);
  close (fd);
}

static gboolean save_locked (WdEvidenceRecorder  *self,
                             GError             **error);

gboolean
wd_evidence_recorder_save (WdEvidenceRecorder  *self,
                           GError             **error)
{
  g_autofree char *lock_path = NULL;
  gboolean saved;
  int fd;

  g_return_val_if_fail (WD_IS_EVIDENCE_RECORDER (self), FALSE);

  wait_idle (self);
  g_mutex_lock (&self->lock);
  saved = self->captures->len == 0;
  g_mutex_unlock (&self->lock);
  if (saved)
    return TRUE;

  lock_path = lock_path_for (self->package_path);
  fd = lock_package (lock_path, error);
  if (fd < 0)
    return FALSE;
  saved = save_locked (self, error);
  unlock_package (lock_path, fd);
  return saved;
}

/* Under the package's lock: reads it, adds the WARC file, writes it. */
static gboolean
save_locked (WdEvidenceRecorder  *self,
             GError             **error)
{
  g_autoptr(GPtrArray) lines = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) warcs = g_ptr_array_new_with_free_func ((GDestroyNotify) json_object_unref);
  g_autoptr(GString) pages = g_string_new (NULL);
  g_autoptr(GString) index = g_string_new (NULL);
  g_autoptr(GString) all_pages = g_string_new ("{\"format\": \"json-pages-1.0\", \"id\": \"pages\", \"title\": \"All Pages\"}\n");
  g_autoptr(GBytes) warc = NULL;
  g_autoptr(GBytes) index_bytes = NULL;
  g_autoptr(GBytes) pages_bytes = NULL;
  g_autoptr(GBytes) datapackage = NULL;
  g_autofree char *created = NULL;
  g_autofree char *now = NULL;
  g_autofree char *warc_digest = NULL;
  g_autofree char *index_digest = NULL;
  g_autofree char *pages_digest = NULL;
  g_autofree char *title = NULL;
  g_autoptr(GDateTime) dt = g_date_time_new_now_utc ();
  g_autoptr(GError) local = NULL;
  WdJsonWriter *w;
  zip_t *zip;

  g_mutex_lock (&self->lock);
  if (self->captures->len == 0)
    {
      g_mutex_unlock (&self->lock);
      return TRUE;
    }
  warc = g_bytes_new (self->writer->data->data, self->writer->data->len);
  for (guint i = 0; i < self->captures->len; i++)
    {
      WdCapture *c = g_ptr_array_index (self->captures, i);
      g_autofree char *page = page_line (c);

      g_ptr_array_add (lines, _wd_capture_to_cdxj (c));
      g_string_append_printf (pages, "%s\n", page);
    }
  for (guint i = 0; i < self->hops->len; i++)
    g_ptr_array_add (lines, _wd_capture_to_cdxj (g_ptr_array_index (self->hops, i)));
  g_mutex_unlock (&self->lock);

  zip = _wd_zip_open (self->package_path, ZIP_CHECKCONS, &local);
  if (zip == NULL && g_error_matches (local, G_IO_ERROR, G_IO_ERROR_NOT_FOUND))
    {
      g_clear_error (&local);
      zip = _wd_zip_open (self->package_path, ZIP_CREATE | ZIP_EXCL, &local);
    }
  else if (zip != NULL)
    {
      g_autoptr(GPtrArray) old_lines = g_ptr_array_new_with_free_func (g_free);
      g_autoptr(GString) old_pages = g_string_new (NULL);

      if (!old_resources (zip, self->package_path, old_lines, old_pages, &created, warcs, &local))
        {
          zip_discard (zip);
          g_set_error (error, local != NULL ? local->domain : WD_ERROR,
                       local != NULL ? local->code : WD_ERROR_FORMAT,
                       _("The new captures were not added to %s: %s"), self->package_path,
                       local != NULL ? local->message : _("its datapackage.json is damaged"));
          return FALSE;
        }
      g_ptr_array_extend_and_steal (old_lines, g_steal_pointer (&lines));
      lines = g_steal_pointer (&old_lines);
      g_string_prepend (pages, old_pages->str);
    }
  if (zip == NULL)
    {
      g_set_error (error, local->domain, local->code,
                   _("The new captures were not added to the evidence package: %s"), local->message);
      return FALSE;
    }

  g_ptr_array_sort (lines, compare_lines);
  for (guint i = 0; i < lines->len; i++)
    g_string_append_printf (index, "%s\n", (char *) g_ptr_array_index (lines, i));
  g_string_append (all_pages, pages->str);
  index_bytes = string_bytes (index);
  pages_bytes = string_bytes (all_pages);

  warc_digest = _wd_warc_digest (g_bytes_get_data (warc, NULL), g_bytes_get_size (warc));
  index_digest = _wd_warc_digest (g_bytes_get_data (index_bytes, NULL), g_bytes_get_size (index_bytes));
  pages_digest = _wd_warc_digest (g_bytes_get_data (pages_bytes, NULL), g_bytes_get_size (pages_bytes));
  now = g_date_time_format (dt, "%Y-%m-%dT%H:%M:%SZ");
  title = g_path_get_basename (self->package_path);

  w = wd_json_writer_new ();
  wd_json_writer_begin_object (w);
  wd_json_writer_member (w, "profile");
  wd_json_writer_string (w, "data-package");
  wd_json_writer_member (w, "wacz_version");
  wd_json_writer_string (w, "1.1.1");
  wd_json_writer_member (w, "title");
  wd_json_writer_string (w, title);
  wd_json_writer_member (w, "created");
  wd_json_writer_string (w, created != NULL ? created : now);
  wd_json_writer_member (w, "modified");
  wd_json_writer_string (w, now);
  wd_json_writer_member (w, "software");
  wd_json_writer_string (w, "Wiredesk " PACKAGE_VERSION);
  wd_json_writer_member (w, "wiredesk");
  wd_json_writer_int (w, WD_EVIDENCE_FORMAT_VERSION);
  wd_json_writer_member (w, "resources");
  wd_json_writer_begin_array (w);
  for (guint i = 0; i < warcs->len; i++)
    {
      JsonObject *r = g_ptr_array_index (warcs, i);

      add_resource (w, json_object_get_string_member_with_default (r, "path", ""),
                    json_object_get_string_member_with_default (r, "hash", ""),
                    (guint64) MAX (0, json_object_get_int_member_with_default (r, "bytes", 0)));
    }
  add_resource (w, self->warc_name, warc_digest, g_bytes_get_size (warc));
  add_resource (w, WD_EVIDENCE_INDEX, index_digest, g_bytes_get_size (index_bytes));
  add_resource (w, WD_EVIDENCE_PAGES, pages_digest, g_bytes_get_size (pages_bytes));
  wd_json_writer_end_array (w);
  wd_json_writer_end_object (w);
  datapackage = wd_json_writer_free_to_bytes (w);

  /* Old members are not touched: libzip copies them as they are, writes
   * the whole to a temporary file beside the package and renames it. */
  if (!put_member (zip, self->warc_name, warc, TRUE, error) ||
      !put_member (zip, WD_EVIDENCE_INDEX, index_bytes, FALSE, error) ||
      !put_member (zip, WD_EVIDENCE_PAGES, pages_bytes, FALSE, error) ||
      !put_member (zip, WD_EVIDENCE_DATAPACKAGE, datapackage, FALSE, error))
    {
      zip_discard (zip);
      return FALSE;
    }

  if (zip_close (zip) != 0)
    {
      g_set_error (error, WD_ERROR, WD_ERROR_FORMAT, _("%s could not be written: %s"),
                   self->package_path, zip_strerror (zip));
      zip_discard (zip);
      return FALSE;
    }

  /* Saved: later captures of this recorder go to a WARC file of their own. */
  g_mutex_lock (&self->lock);
  g_ptr_array_set_size (self->captures, 0);
  g_ptr_array_set_size (self->hops, 0);
  g_byte_array_set_size (self->writer->data, 0);
  start_warc (self);
  self->package_size = file_size (self->package_path);
  self->index_room = 0;
  g_mutex_unlock (&self->lock);
  return TRUE;
}

static void
save_in_thread (GTask        *task,
                gpointer      source_object,
                gpointer      task_data,
                GCancellable *cancellable)
{
  GError *error = NULL;

  if (wd_evidence_recorder_save (source_object, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

void
wd_evidence_recorder_save_async (WdEvidenceRecorder  *self,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (WD_IS_EVIDENCE_RECORDER (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, wd_evidence_recorder_save_async);
  g_task_run_in_thread (task, save_in_thread);
}

gboolean
wd_evidence_recorder_save_finish (WdEvidenceRecorder  *self,
                                  GAsyncResult        *result,
                                  GError             **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
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

static void
start_warc (WdEvidenceRecorder *self)
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
  start_warc (self);
  self->package_size = file_size (package_path);

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

gboolean
wd_evidence_parse_limit (const char *text,
                         guint64    *bytes)
{
  static const struct { const char *unit; double factor; } units[] = {
    { "", 1e6 }, { "b", 1 }, { "kb", 1e3 }, { "k", 1e3 }, { "mb", 1e6 }, { "m", 1e6 },
    { "gb", 1e9 }, { "g", 1e9 },
  };
  g_autofree char *rest = NULL;
  g_autofree char *unit = NULL;
  char *end = NULL;
  double value;

  g_return_val_if_fail (text != NULL, FALSE);
  g_return_val_if_fail (bytes != NULL, FALSE);

  value = g_ascii_strtod (text, &end);
  if (end == text || !(value > 0) || value > 1e15)
    return FALSE;
  rest = g_strstrip (g_strdup (end));
  unit = g_ascii_strdown (rest, -1);
  for (guint i = 0; i < G_N_ELEMENTS (units); i++)
    if (g_str_equal (unit, units[i].unit))
      {
        *bytes = (guint64) (value * units[i].factor);
        return *bytes > 0;
      }
  return FALSE;
}

guint
wd_evidence_recorder_get_n_captures (WdEvidenceRecorder *self)
{
  guint n;

  g_return_val_if_fail (WD_IS_EVIDENCE_RECORDER (self), 0);

  wait_idle (self);
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

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

#include "wd-error.h"
#include "wd-evidence-recorder-private.h"
#include "wd-json-writer.h"

/* How long a save waits for another writer of the same package. */
#define LOCK_TIMEOUT_USEC (60 * G_USEC_PER_SEC)

/* ---------------------------------------------------------------- saving */

guint64
_wd_evidence_file_size (const char *path)
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

  _wd_evidence_recorder_wait_idle (self);
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
  _wd_evidence_recorder_start_warc (self);
  self->package_size = _wd_evidence_file_size (self->package_path);
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


#define G_LOG_DOMAIN "wd-draft-store"

#include "config.h"

#include <errno.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <string.h>

#include "wd-atomic-file.h"
#include "wd-draft-store.h"
#include "wd-error.h"
#include "wd-util-private.h"

#define INDEX_NAME "session.ini"
#define DRAFT_SUFFIX ".wiredesk"
#define PACKAGE_SUFFIX ".wacz"
#define SESSION_GROUP "session"
#define DRAFT_GROUP_PREFIX "draft "

typedef struct
{
  WdDraftInfo info;
  gboolean    orphan;
} Entry;

typedef enum
{
  JOB_SAVE,     /* the draft file, then the index */
  JOB_REMOVE,   /* delete the draft file and its evidence package, then the index */
  JOB_INDEX,    /* the index only */
} JobKind;

typedef struct
{
  JobKind  kind;
  char    *draft_path;
  char    *package_path;  /* JOB_REMOVE */
  GBytes  *contents;
  char    *index_data;
  GTask   *task;
} Job;

struct _WdDraftStore
{
  GObject      parent_instance;

  char        *directory;
  char        *index_path;
  GHashTable  *entries;      /* id → Entry, main thread only */

  GThreadPool *worker;       /* one thread: jobs run in order */
  GMutex       mutex;
  GCond        idle_cond;
  guint        pending;      /* jobs queued or running, under mutex */
};

G_DEFINE_FINAL_TYPE (WdDraftStore, wd_draft_store, G_TYPE_OBJECT)
G_DEFINE_BOXED_TYPE (WdDraftInfo, wd_draft_info, wd_draft_info_copy, wd_draft_info_free)

enum {
  PROP_0,
  PROP_DIRECTORY,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* ------------------------------------------------------------ WdDraftInfo */

WdDraftInfo *
wd_draft_info_copy (const WdDraftInfo *info)
{
  WdDraftInfo *copy;

  g_return_val_if_fail (info != NULL, NULL);

  copy = g_new0 (WdDraftInfo, 1);
  copy->id = g_strdup (info->id);
  copy->file_uri = g_strdup (info->file_uri);
  copy->etag = g_strdup (info->etag);
  copy->title = g_strdup (info->title);
  copy->saved_at = g_strdup (info->saved_at);

  return copy;
}

static void
draft_info_clear (WdDraftInfo *info)
{
  g_clear_pointer (&info->id, g_free);
  g_clear_pointer (&info->file_uri, g_free);
  g_clear_pointer (&info->etag, g_free);
  g_clear_pointer (&info->title, g_free);
  g_clear_pointer (&info->saved_at, g_free);
}

void
wd_draft_info_free (WdDraftInfo *info)
{
  if (info == NULL)
    return;

  draft_info_clear (info);
  g_free (info);
}

static void
entry_free (Entry *entry)
{
  draft_info_clear (&entry->info);
  g_free (entry);
}

/* Ids become file names: only what g_uuid_string_random() produces. */
static gboolean
is_valid_id (const char *id)
{
  if (id == NULL || *id == '\0' || strlen (id) > 64)
    return FALSE;

  for (const char *p = id; *p; p++)
    if (!g_ascii_isalnum (*p) && *p != '-')
      return FALSE;

  return TRUE;
}

static char *
draft_path (WdDraftStore *self,
            const char   *id)
{
  g_autofree char *name = g_strconcat (id, DRAFT_SUFFIX, NULL);

  return g_build_filename (self->directory, name, NULL);
}

/* ------------------------------------------------------------------ index */

static char *
index_to_data (WdDraftStore *self,
               gboolean      shutdown)
{
  g_autoptr(GKeyFile) key_file = g_key_file_new ();
  g_autoptr(GList) ids = g_hash_table_get_keys (self->entries);

  g_key_file_set_boolean (key_file, SESSION_GROUP, "shutdown", shutdown);

  ids = g_list_sort (ids, (GCompareFunc) g_strcmp0);
  for (const GList *l = ids; l != NULL; l = l->next)
    {
      Entry *entry = g_hash_table_lookup (self->entries, l->data);
      g_autofree char *group = g_strconcat (DRAFT_GROUP_PREFIX, entry->info.id, NULL);

#define SET_IF(key, value) \
      if ((value) != NULL) g_key_file_set_string (key_file, group, key, value)
      SET_IF ("file", entry->info.file_uri);
      SET_IF ("etag", entry->info.etag);
      SET_IF ("title", entry->info.title);
      SET_IF ("saved", entry->info.saved_at);
#undef SET_IF
      g_key_file_set_boolean (key_file, group, "orphan", entry->orphan);
    }

  return g_key_file_to_data (key_file, NULL, NULL);
}

/* @len: -1 when @data is a string. */
static gboolean
write_durably (const char  *path,
               const char  *data,
               gssize       len,
               GError     **error)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GBytes) bytes = g_bytes_new_static (data, len < 0 ? strlen (data) : (gsize) len);

  return wd_atomic_file_write (file, bytes, 0600, NULL, error);
}

/* ----------------------------------------------------------------- worker */

static void
job_free (Job *job)
{
  g_free (job->draft_path);
  g_free (job->package_path);
  g_clear_pointer (&job->contents, g_bytes_unref);
  g_free (job->index_data);
  g_clear_object (&job->task);
  g_free (job);
}

static void
run_job (gpointer data,
         gpointer user_data)
{
  Job *job = data;
  WdDraftStore *self = user_data;
  g_autoptr(GError) error = NULL;
  gboolean ok = TRUE;

  if (job->kind == JOB_SAVE)
    {
      gsize len;
      const char *bytes = g_bytes_get_data (job->contents, &len);

      ok = write_durably (job->draft_path, bytes, len, &error);
    }
  else if (job->kind == JOB_REMOVE)
    {
      if (g_unlink (job->draft_path) != 0 && errno != ENOENT)
        g_message ("Could not delete the draft %s: %s", job->draft_path, g_strerror (errno));
      if (job->package_path != NULL && g_unlink (job->package_path) != 0 && errno != ENOENT)
        g_message ("Could not delete the draft's evidence %s: %s", job->package_path, g_strerror (errno));
    }

  /* The index only ever names drafts that are complete on disk. */
  if (ok)
    ok = write_durably (self->index_path, job->index_data, -1, &error);

  if (job->task != NULL)
    {
      if (ok)
        g_task_return_boolean (job->task, TRUE);
      else
        g_task_return_error (job->task, g_steal_pointer (&error));
    }
  else if (!ok)
    g_message ("Could not write the draft index: %s", error->message);

  job_free (job);

  g_mutex_lock (&self->mutex);
  if (--self->pending == 0)
    g_cond_broadcast (&self->idle_cond);
  g_mutex_unlock (&self->mutex);
}

static void
queue_job (WdDraftStore *self,
           JobKind       kind,
           const char   *id,
           GBytes       *contents,
           GTask        *task)
{
  Job *job = g_new0 (Job, 1);
  g_autoptr(GError) error = NULL;

  job->kind = kind;
  job->draft_path = id != NULL ? draft_path (self, id) : NULL;
  if (kind == JOB_REMOVE)
    job->package_path = wd_draft_store_dup_package_path (self, id);
  job->contents = contents != NULL ? g_bytes_ref (contents) : NULL;
  job->index_data = index_to_data (self, FALSE);
  job->task = task != NULL ? g_object_ref (task) : NULL;

  g_mutex_lock (&self->mutex);
  self->pending++;
  g_mutex_unlock (&self->mutex);

  if (!g_thread_pool_push (self->worker, job, &error))
    g_error ("Could not queue a draft write: %s", error->message);
}

void
wd_draft_store_flush (WdDraftStore *self)
{
  g_return_if_fail (WD_IS_DRAFT_STORE (self));

  g_mutex_lock (&self->mutex);
  while (self->pending > 0)
    g_cond_wait (&self->idle_cond, &self->mutex);
  g_mutex_unlock (&self->mutex);
}

/* ---------------------------------------------------------------- GObject */

static void
wd_draft_store_constructed (GObject *object)
{
  WdDraftStore *self = (WdDraftStore *)object;

  G_OBJECT_CLASS (wd_draft_store_parent_class)->constructed (object);

  if (self->directory == NULL)
    self->directory = g_build_filename (g_get_user_data_dir (), "wiredesk", "drafts", NULL);

  self->index_path = g_build_filename (self->directory, INDEX_NAME, NULL);
}

static void
wd_draft_store_finalize (GObject *object)
{
  WdDraftStore *self = (WdDraftStore *)object;

  /* Jobs hold no reference to the store: wait for them here. */
  g_thread_pool_free (self->worker, FALSE, TRUE);
  g_mutex_clear (&self->mutex);
  g_cond_clear (&self->idle_cond);
  g_hash_table_unref (self->entries);
  g_free (self->directory);
  g_free (self->index_path);

  G_OBJECT_CLASS (wd_draft_store_parent_class)->finalize (object);
}

static void
wd_draft_store_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  WdDraftStore *self = WD_DRAFT_STORE (object);

  switch (prop_id)
    {
    case PROP_DIRECTORY:
      g_value_set_string (value, self->directory);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
wd_draft_store_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  WdDraftStore *self = WD_DRAFT_STORE (object);

  switch (prop_id)
    {
    case PROP_DIRECTORY:
      self->directory = g_value_dup_string (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
wd_draft_store_class_init (WdDraftStoreClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->constructed = wd_draft_store_constructed;
  object_class->finalize = wd_draft_store_finalize;
  object_class->get_property = wd_draft_store_get_property;
  object_class->set_property = wd_draft_store_set_property;

  properties[PROP_DIRECTORY] =
    g_param_spec_string ("directory", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
wd_draft_store_init (WdDraftStore *self)
{
  self->entries = g_hash_table_new_full (g_str_hash, g_str_equal, NULL,
                                         (GDestroyNotify) entry_free);
  g_mutex_init (&self->mutex);
  g_cond_init (&self->idle_cond);
  self->worker = g_thread_pool_new (run_job, self, 1, FALSE, NULL);
}

WdDraftStore *
wd_draft_store_new (const char *directory)
{
  return g_object_new (WD_TYPE_DRAFT_STORE, "directory", directory, NULL);
}

const char *
wd_draft_store_get_directory (WdDraftStore *self)
{
  g_return_val_if_fail (WD_IS_DRAFT_STORE (self), NULL);
  return self->directory;
}

/* ---------------------------------------------------------------- session */

static Entry *
ensure_entry (WdDraftStore *self,
              const char   *id)
{
  Entry *entry = g_hash_table_lookup (self->entries, id);

  if (entry == NULL)
    {
      entry = g_new0 (Entry, 1);
      entry->info.id = g_strdup (id);
      g_hash_table_insert (self->entries, entry->info.id, entry);
    }

  return entry;
}

static void
read_index (WdDraftStore *self,
            gboolean     *was_clean)
{
  g_autoptr(GKeyFile) key_file = g_key_file_new ();
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) groups = NULL;

  *was_clean = TRUE;

  if (!g_key_file_load_from_file (key_file, self->index_path, G_KEY_FILE_NONE, &error))
    {
      if (!g_error_matches (error, G_FILE_ERROR, G_FILE_ERROR_NOENT))
        {
          /* An index cut short by a crash: the draft files still count. */
          g_message ("Ignoring the draft index %s: %s", self->index_path, error->message);
          *was_clean = FALSE;
        }
      return;
    }

  if (!g_key_file_get_boolean (key_file, SESSION_GROUP, "shutdown", NULL))
    *was_clean = FALSE;

  groups = g_key_file_get_groups (key_file, NULL);
  for (guint i = 0; groups[i] != NULL; i++)
    {
      const char *id;
      Entry *entry;

      if (!g_str_has_prefix (groups[i], DRAFT_GROUP_PREFIX))
        continue;

      id = groups[i] + strlen (DRAFT_GROUP_PREFIX);
      if (!is_valid_id (id))
        continue;

      entry = ensure_entry (self, id);
      entry->orphan = TRUE;
      entry->info.file_uri = g_key_file_get_string (key_file, groups[i], "file", NULL);
      entry->info.etag = g_key_file_get_string (key_file, groups[i], "etag", NULL);
      entry->info.title = g_key_file_get_string (key_file, groups[i], "title", NULL);
      entry->info.saved_at = g_key_file_get_string (key_file, groups[i], "saved", NULL);
    }
}

/* Draft files the index never named (a crash between the two writes). */
static void
scan_directory (WdDraftStore *self)
{
  g_autoptr(GDir) dir = g_dir_open (self->directory, 0, NULL);
  const char *name;

  if (dir == NULL)
    return;

  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *id = NULL;

      if (!g_str_has_suffix (name, DRAFT_SUFFIX))
        continue;

      id = g_strndup (name, strlen (name) - strlen (DRAFT_SUFFIX));
      if (is_valid_id (id) && !g_hash_table_contains (self->entries, id))
        ensure_entry (self, id)->orphan = TRUE;
    }
}

static gboolean
ensure_directory (WdDraftStore  *self,
                  GError       **error)
{
  if (g_mkdir_with_parents (self->directory, 0700) != 0)
    {
      int saved_errno = errno;

      g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved_errno),
                   _("Could not create the drafts folder %s: %s"),
                   self->directory, g_strerror (saved_errno));
      return FALSE;
    }

  return TRUE;
}

static gint
compare_saved_at (gconstpointer a,
                  gconstpointer b)
{
  const WdDraftInfo *ia = *(WdDraftInfo * const *) a;
  const WdDraftInfo *ib = *(WdDraftInfo * const *) b;

  return g_strcmp0 (ia->saved_at, ib->saved_at);
}

gboolean
wd_draft_store_begin_session (WdDraftStore  *self,
                              GPtrArray    **orphans,
                              gboolean      *was_clean,
                              GError       **error)
{
  g_autoptr(GPtrArray) found = g_ptr_array_new_with_free_func ((GDestroyNotify) wd_draft_info_free);
  GHashTableIter iter;
  Entry *entry;
  gboolean clean;

  g_return_val_if_fail (WD_IS_DRAFT_STORE (self), FALSE);

  wd_draft_store_flush (self);

  if (!ensure_directory (self, error))
    return FALSE;

  g_hash_table_remove_all (self->entries);
  read_index (self, &clean);
  scan_directory (self);

  g_hash_table_iter_init (&iter, self->entries);
  while (g_hash_table_iter_next (&iter, NULL, (gpointer *) &entry))
    {
      g_autofree char *path = draft_path (self, entry->info.id);

      /* An entry whose file is gone has nothing left to offer. */
      if (!g_file_test (path, G_FILE_TEST_IS_REGULAR))
        g_hash_table_iter_remove (&iter);
      else
        g_ptr_array_add (found, wd_draft_info_copy (&entry->info));
    }

  g_ptr_array_sort (found, compare_saved_at);

  /* shutdown=false, written by the worker: nothing waits on the disk at
   * start-up. (Were it lost, the draft files would still be found.) */
  queue_job (self, JOB_INDEX, NULL, NULL, NULL);

  if (was_clean != NULL)
    *was_clean = clean;
  if (orphans != NULL)
    *orphans = g_steal_pointer (&found);

  return TRUE;
}

gboolean
wd_draft_store_end_session (WdDraftStore  *self,
                            GError       **error)
{
  g_autofree char *data = NULL;

  g_return_val_if_fail (WD_IS_DRAFT_STORE (self), FALSE);

  wd_draft_store_flush (self);

  if (!ensure_directory (self, error))
    return FALSE;

  data = index_to_data (self, TRUE);
  return write_durably (self->index_path, data, -1, error);
}

/* ----------------------------------------------------------------- drafts */

void
wd_draft_store_save_async (WdDraftStore        *self,
                           const char          *id,
                           GBytes              *contents,
                           const char          *file_uri,
                           const char          *etag,
                           const char          *title,
                           GCancellable        *cancellable,
                           GAsyncReadyCallback  callback,
                           gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  Entry *entry;

  g_return_if_fail (WD_IS_DRAFT_STORE (self));
  g_return_if_fail (contents != NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, wd_draft_store_save_async);

  if (!is_valid_id (id))
    {
      g_task_return_new_error (task, WD_ERROR, WD_ERROR_FIELD,
                               _("“%s” cannot name a draft"), id ? id : "");
      return;
    }

  entry = ensure_entry (self, id);
  entry->orphan = FALSE;
  _wd_set_str (&entry->info.file_uri, file_uri);
  _wd_set_str (&entry->info.etag, etag);
  _wd_set_str (&entry->info.title, title);
  g_free (entry->info.saved_at);
  entry->info.saved_at = _wd_now_iso8601 ();

  queue_job (self, JOB_SAVE, id, contents, task);
}

gboolean
wd_draft_store_save_finish (WdDraftStore  *self,
                            GAsyncResult  *result,
                            GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == wd_draft_store_save_async, FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

void
wd_draft_store_remove (WdDraftStore *self,
                       const char   *id)
{
  g_return_if_fail (WD_IS_DRAFT_STORE (self));

  if (!is_valid_id (id))
    return;

  g_hash_table_remove (self->entries, id);
  queue_job (self, JOB_REMOVE, id, NULL, NULL);
}

char *
wd_draft_store_dup_package_path (WdDraftStore *self,
                                 const char   *id)
{
  g_autofree char *name = NULL;

  g_return_val_if_fail (WD_IS_DRAFT_STORE (self), NULL);

  if (!is_valid_id (id))
    return NULL;
  name = g_strconcat (id, PACKAGE_SUFFIX, NULL);
  return g_build_filename (self->directory, name, NULL);
}

void
wd_draft_store_adopt (WdDraftStore *self,
                      const char   *id)
{
  Entry *entry;

  g_return_if_fail (WD_IS_DRAFT_STORE (self));

  if (!is_valid_id (id) || (entry = g_hash_table_lookup (self->entries, id)) == NULL)
    return;

  entry->orphan = FALSE;
  queue_job (self, JOB_INDEX, NULL, NULL, NULL);
}

GBytes *
wd_draft_store_load (WdDraftStore  *self,
                     const char    *id,
                     GError       **error)
{
  g_autofree char *path = NULL;
  char *data = NULL;
  gsize len;

  g_return_val_if_fail (WD_IS_DRAFT_STORE (self), NULL);

  if (!is_valid_id (id))
    {
      g_set_error (error, WD_ERROR, WD_ERROR_FIELD,
                   _("“%s” cannot name a draft"), id ? id : "");
      return NULL;
    }

  wd_draft_store_flush (self);

  path = draft_path (self, id);
  if (!g_file_get_contents (path, &data, &len, error))
    return NULL;

  return g_bytes_new_take (data, len);
}

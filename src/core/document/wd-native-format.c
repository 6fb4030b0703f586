#define G_LOG_DOMAIN "wd-native-format"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "wd-article-private.h"
#include "wd-atomic-file.h"
#include "wd-error.h"
#include "wd-history-private.h"
#include "wd-native-format.h"
#include "wd-util-private.h"


static char *
display_name_of (GFile *file)
{
  char *path = g_file_get_path (file);

  return path != NULL ? path : g_file_get_uri (file);
}

WdArticle *
wd_native_format_load (GFile         *file,
                       GCancellable  *cancellable,
                       GError       **error)
{
  g_autofree char *name = NULL;
  g_autoptr(GFileInfo) info = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) local_error = NULL;

  g_return_val_if_fail (G_IS_FILE (file), NULL);

  name = display_name_of (file);

  info = g_file_query_info (file, G_FILE_ATTRIBUTE_STANDARD_SIZE "," G_FILE_ATTRIBUTE_STANDARD_TYPE,
                            G_FILE_QUERY_INFO_NONE, cancellable, &local_error);
  if (info == NULL)
    {
      g_set_error (error, local_error->domain, local_error->code, "%s", local_error->message);
      return NULL;
    }

  if (g_file_info_get_file_type (info) == G_FILE_TYPE_DIRECTORY)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_IS_DIRECTORY,
                   _("%s: is a folder, not a document"), name);
      return NULL;
    }

  /* A device or a pipe has no size to check: it could go on forever. */
  if (g_file_info_get_file_type (info) != G_FILE_TYPE_REGULAR)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_REGULAR_FILE,
                   _("%s: not a regular file, not a document"), name);
      return NULL;
    }

  if (g_file_info_get_size (info) > WD_NATIVE_FORMAT_MAX_SIZE)
    {
      g_set_error (error, WD_ERROR, WD_ERROR_TOO_LARGE,
                   _("%s: the file is larger than %d MB; it is not a Wiredesk document"),
                   name, WD_NATIVE_FORMAT_MAX_SIZE / (1024 * 1024));
      return NULL;
    }

  bytes = g_file_load_bytes (file, cancellable, NULL, &local_error);
  if (bytes == NULL)
    {
      g_set_error (error, local_error->domain, local_error->code, "%s", local_error->message);
      return NULL;
    }

  /* What a save that was killed left beside it. */
  wd_atomic_file_clean_stale (file);

  return wd_native_format_parse (bytes, name, error);
}

/* Bumps revision and modified; returns what to restore if the save fails. */
typedef struct
{
  guint  revision;
  char  *modified;
} SaveUndo;

static void
save_undo_free (SaveUndo *undo)
{
  g_free (undo->modified);
  g_free (undo);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SaveUndo, save_undo_free)

static SaveUndo *
begin_save (WdArticle *article)
{
  SaveUndo *undo = g_new0 (SaveUndo, 1);
  g_autofree char *now = _wd_now_iso8601 ();

  undo->revision = wd_article_get_revision (article);
  undo->modified = g_strdup (wd_article_get_modified (article));

  wd_article_set_revision (article, undo->revision + 1);
  wd_article_set_modified (article, now);
  _wd_history_record (wd_article_get_history (article), article);

  return undo;
}

static void
rollback_save (WdArticle *article,
               SaveUndo  *undo)
{
  _wd_history_unrecord (wd_article_get_history (article));
  wd_article_set_revision (article, undo->revision);
  wd_article_set_modified (article, undo->modified);
}

gboolean
wd_native_format_save (WdArticle     *article,
                       GFile         *file,
                       GCancellable  *cancellable,
                       GError       **error)
{
  g_autoptr(SaveUndo) undo = NULL;
  g_autoptr(GBytes) bytes = NULL;

  g_return_val_if_fail (WD_IS_ARTICLE (article), FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);

  undo = begin_save (article);
  bytes = wd_native_format_serialize (article);

  if (!wd_atomic_file_write (file, bytes, WD_ATOMIC_FILE_KEEP_MODE, cancellable, error))
    {
      rollback_save (article, undo);
      return FALSE;
    }

  return TRUE;
}

static void
save_replace_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;

  if (!wd_atomic_file_write_finish (result, &error))
    {
      rollback_save (g_task_get_source_object (task), g_task_get_task_data (task));
      g_task_return_error (task, error);
      return;
    }

  g_task_return_boolean (task, TRUE);
}

void
wd_native_format_save_async (WdArticle           *article,
                             GFile               *file,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GBytes) bytes = NULL;

  g_return_if_fail (WD_IS_ARTICLE (article));
  g_return_if_fail (G_IS_FILE (file));

  task = g_task_new (article, cancellable, callback, user_data);
  g_task_set_source_tag (task, wd_native_format_save_async);
  g_task_set_task_data (task, begin_save (article), (GDestroyNotify) save_undo_free);

  bytes = wd_native_format_serialize (article);
  wd_atomic_file_write_async (file, bytes, WD_ATOMIC_FILE_KEEP_MODE, cancellable,
                              save_replace_cb, g_steal_pointer (&task));
}

gboolean
wd_native_format_save_finish (WdArticle     *article,
                              GAsyncResult  *result,
                              GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, article), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == wd_native_format_save_async, FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

static void
load_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  GError *error = NULL;
  WdArticle *article = wd_native_format_load (task_data, cancellable, &error);

  if (article == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, article, g_object_unref);
}

void
wd_native_format_load_async (GFile               *file,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (G_IS_FILE (file));

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, wd_native_format_load_async);
  g_task_set_task_data (task, g_object_ref (file), g_object_unref);
  g_task_run_in_thread (task, load_thread);
}

WdArticle *
wd_native_format_load_finish (GAsyncResult  *result,
                              GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

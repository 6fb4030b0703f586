#define G_LOG_DOMAIN "wd-atomic-file"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include "wd-atomic-file.h"

#define TEMP_INFIX ".saving-"

/* ".NAME.saving-" */
static char *
temp_prefix (const char *basename)
{
  return g_strconcat (".", basename, TEMP_INFIX, NULL);
}

static gboolean
is_temp_of (const char *entry,
            const char *prefix)
{
  const char *rest;

  if (!g_str_has_prefix (entry, prefix))
    return FALSE;

  /* Exactly mkstemp's six characters. */
  rest = entry + strlen (prefix);
  return strlen (rest) == 6;
}

static guint
clean_stale_path (const char *path)
{
  g_autofree char *dir_name = g_path_get_dirname (path);
  g_autofree char *basename = g_path_get_basename (path);
  g_autofree char *prefix = temp_prefix (basename);
  g_autoptr(GDir) dir = g_dir_open (dir_name, 0, NULL);
  const char *entry;
  guint removed = 0;

  if (dir == NULL)
    return 0;

  while ((entry = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *stale = NULL;

      int fd;

      if (!is_temp_of (entry, prefix))
        continue;
      stale = g_build_filename (dir_name, entry, NULL);
      /* A save under way (another window, another `wiredesk` command)
       * holds a lock on its temporary file until the rename: not stale. */
      fd = g_open (stale, O_RDONLY | O_CLOEXEC | O_NOFOLLOW, 0);
      if (fd >= 0 && flock (fd, LOCK_EX | LOCK_NB) != 0)
        {
          close (fd);
          continue;
        }
      if (g_unlink (stale) == 0)
        removed++;
      if (fd >= 0)
        close (fd);
    }

  return removed;
}

guint
wd_atomic_file_clean_stale (GFile *file)
{
  g_autofree char *path = NULL;

  g_return_val_if_fail (G_IS_FILE (file), 0);

  path = g_file_get_path (file);
  return path != NULL ? clean_stale_path (path) : 0;
}

/* What went wrong, in the editor's words. */
static void
set_write_error (GError     **error,
                 const char  *path,
                 int          saved_errno,
                 const char  *doing)
{
  g_autofree char *name = g_filename_display_basename (path);
  const char *why;

  switch (saved_errno)
    {
    case ENOSPC:
    case EDQUOT:
      why = _("the disk is full");
      break;
    case EFBIG:
      why = _("the file is larger than this system allows");
      break;
    case EACCES:
    case EPERM:
      why = _("permission denied");
      break;
    case EROFS:
      why = _("the disk is read-only");
      break;
    default:
      why = g_strerror (saved_errno);
    }

  /* TRANSLATORS: "a.wiredesk: could not save (writing): the disk is full;
   * the file on disk was not changed" */
  g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
               _("%s: could not save (%s): %s; the file on disk was not changed"),
               name, doing, why);
}

static gboolean
write_all (int           fd,
           const guint8 *data,
           gsize         len)
{
  while (len > 0)
    {
      gssize n = write (fd, data, MIN (len, (gsize) G_MAXSSIZE));

      if (n < 0 && errno == EINTR)
        continue;
      if (n < 0)
        return FALSE;
      if (n == 0)
        {
          errno = ENOSPC;
          return FALSE;
        }
      data += n;
      len -= n;
    }
  return TRUE;
}

/* The file a symbolic link points at is the one to replace: the link
 * stays a link. */
static char *
resolve_target (const char *path)
{
  char *resolved = realpath (path, NULL);
  char *copy = g_strdup (resolved != NULL ? resolved : path);

  free (resolved);
  return copy;
}

static gboolean
write_path (const char    *requested,
            GBytes        *bytes,
            int            mode,
            GCancellable  *cancellable,
            GError       **error)
{
  g_autofree char *path = resolve_target (requested);
  g_autofree char *dir_name = g_path_get_dirname (path);
  g_autofree char *basename = g_path_get_basename (path);
  g_autofree char *prefix = temp_prefix (basename);
  g_autofree char *temp = g_strconcat (dir_name, G_DIR_SEPARATOR_S, prefix, "XXXXXX", NULL);
  gsize len = 0;
  const guint8 *data = g_bytes_get_data (bytes, &len);
  struct stat old;
  gboolean exists = stat (path, &old) == 0;
  const char *doing;
  int saved_errno;
  int lock_fd = -1;
  int fd;

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return FALSE;

  if (exists && !S_ISREG (old.st_mode))
    {
      g_autofree char *name = g_filename_display_basename (path);

      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_REGULAR_FILE,
                   _("%s: could not save: not a regular file"), name);
      return FALSE;
    }

  clean_stale_path (path);

  /* Locked until renamed, so that another writer or reader of the same
   * document does not take it for a crashed save's leftover. A cleaner
   * that locked it first unlinks it: then make another. The lock belongs
   * to the open file, which the duplicate keeps open after close(). */
  for (guint attempt = 0;; attempt++)
    {
      struct stat held, named;

      fd = g_mkstemp_full (temp, O_WRONLY | O_CLOEXEC, 0600);
      if (fd < 0)
        {
          set_write_error (error, path, errno, _("creating a temporary file"));
          return FALSE;
        }
      if (flock (fd, LOCK_EX) != 0)
        break;
      if ((fstat (fd, &held) == 0 && g_stat (temp, &named) == 0 &&
           held.st_dev == named.st_dev && held.st_ino == named.st_ino) || attempt == 10)
        {
          lock_fd = dup (fd);
          break;
        }
      close (fd);
      memcpy (temp + strlen (temp) - 6, "XXXXXX", 6);
    }

  if (mode == WD_ATOMIC_FILE_KEEP_MODE)
    {
      if (exists)
        {
          mode = old.st_mode & 07777;
          /* Keep owner and group when allowed; the group alone otherwise
           * (a shared folder). Never a reason to write in place. */
          if (fchown (fd, old.st_uid, old.st_gid) != 0 && fchown (fd, (uid_t) -1, old.st_gid) != 0)
            g_debug ("%s: the new file keeps its own owner", path);
        }
      else
        {
          mode_t mask = umask (0);

          umask (mask);
          mode = 0666 & ~mask;
        }
    }

  doing = _("writing");
  if (fchmod (fd, (mode_t) mode) != 0 || !write_all (fd, data, len))
    goto failed;

  doing = _("flushing to disk");
  if (fsync (fd) != 0)
    goto failed;

  if (close (fd) != 0)
    {
      fd = -1;
      goto failed;
    }
  fd = -1;

  if (g_cancellable_is_cancelled (cancellable))
    {
      g_unlink (temp);
      if (lock_fd >= 0)
        close (lock_fd);
      return !g_cancellable_set_error_if_cancelled (cancellable, error);
    }

  doing = _("replacing the old file");
  if (g_rename (temp, path) != 0)
    goto failed;
  if (lock_fd >= 0)
    close (lock_fd);

  /* The rename itself reaches the disk with its directory. */
  {
    int dir_fd = open (dir_name, O_RDONLY | O_DIRECTORY | O_CLOEXEC);

    if (dir_fd >= 0)
      {
        fsync (dir_fd);
        close (dir_fd);
      }
  }
  return TRUE;

failed:
  saved_errno = errno;
  if (fd >= 0)
    close (fd);
  g_unlink (temp);
  if (lock_fd >= 0)
    close (lock_fd);
  set_write_error (error, path, saved_errno, doing);
  return FALSE;
}

gboolean
wd_atomic_file_write (GFile         *file,
                      GBytes        *bytes,
                      int            mode,
                      GCancellable  *cancellable,
                      GError       **error)
{
  g_autofree char *path = NULL;
  gsize len = 0;
  gconstpointer data;

  g_return_val_if_fail (G_IS_FILE (file), FALSE);
  g_return_val_if_fail (bytes != NULL, FALSE);

  path = g_file_get_path (file);
  if (path != NULL)
    return write_path (path, bytes, mode, cancellable, error);

  /* Not a local file (GVfs): the backend's own replace is all there is. */
  data = g_bytes_get_data (bytes, &len);
  return g_file_replace_contents (file, data, len, NULL, FALSE, G_FILE_CREATE_NONE, NULL,
                                  cancellable, error);
}

typedef struct
{
  GBytes *bytes;
  int     mode;
} WriteData;

static void
write_data_free (WriteData *data)
{
  g_bytes_unref (data->bytes);
  g_free (data);
}

static void
write_thread (GTask        *task,
              gpointer      source_object,
              gpointer      task_data,
              GCancellable *cancellable)
{
  WriteData *data = task_data;
  GError *error = NULL;

  if (wd_atomic_file_write (G_FILE (source_object), data->bytes, data->mode, cancellable, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

void
wd_atomic_file_write_async (GFile               *file,
                            GBytes              *bytes,
                            int                  mode,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  WriteData *data;

  g_return_if_fail (G_IS_FILE (file));
  g_return_if_fail (bytes != NULL);

  data = g_new0 (WriteData, 1);
  data->bytes = g_bytes_ref (bytes);
  data->mode = mode;

  task = g_task_new (file, cancellable, callback, user_data);
  g_task_set_source_tag (task, wd_atomic_file_write_async);
  g_task_set_task_data (task, data, (GDestroyNotify) write_data_free);
  /* Saves of one file must not overtake each other. */
  g_task_set_return_on_cancel (task, FALSE);
  g_task_run_in_thread (task, write_thread);
}

gboolean
wd_atomic_file_write_finish (GAsyncResult  *result,
                             GError       **error)
{
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == wd_atomic_file_write_async, FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

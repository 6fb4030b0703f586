#include "config.h"

#include <glib/gstdio.h>

#include "wd-test-util.h"

char *
wd_test_data_path (const char *name)
{
  char *path = g_test_build_filename (G_TEST_DIST, "data", name, NULL);

  /* The project's own test data always ships with it: a missing file is
   * a broken checkout, not a reason to skip. */
  if (!g_file_test (path, G_FILE_TEST_IS_REGULAR))
    g_error ("%s is missing from the source tree", path);
  return path;
}

char *
wd_test_shared_file (const char *relative)
{
  const char *dir = g_getenv ("WD_SHARED_DIR");
  g_autofree char *path = NULL;

  if (dir == NULL)
    dir = "../shared";

  path = g_build_filename (dir, relative, NULL);
  if (!g_file_test (path, G_FILE_TEST_IS_REGULAR))
    return NULL;

  return g_steal_pointer (&path);
}

char *
wd_test_make_tmpdir (void)
{
  g_autoptr(GError) error = NULL;
  char *dir = g_dir_make_tmp ("wiredesk-test-XXXXXX", &error);

  g_assert_no_error (error);
  return dir;
}

void
wd_test_rmdir_r (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  if (dir == NULL)
    {
      g_remove (path);
      return;
    }

  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      if (g_file_test (child, G_FILE_TEST_IS_DIR) && !g_file_test (child, G_FILE_TEST_IS_SYMLINK))
        wd_test_rmdir_r (child);
      else
        g_remove (child);
    }

  g_rmdir (path);
}

guint
wd_test_closed_port (void)
{
  g_autoptr(GSocket) socket = g_socket_new (G_SOCKET_FAMILY_IPV4, G_SOCKET_TYPE_STREAM,
                                            G_SOCKET_PROTOCOL_TCP, NULL);
  g_autoptr(GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr(GSocketAddress) any = g_inet_socket_address_new (loopback, 0);
  g_autoptr(GSocketAddress) bound = NULL;
  g_autoptr(GError) error = NULL;

  g_socket_bind (socket, any, FALSE, &error);
  g_assert_no_error (error);
  bound = g_socket_get_local_address (socket, &error);
  g_assert_no_error (error);
  g_socket_close (socket, NULL);   /* nothing listens there now */

  return g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (bound));
}

gboolean
wd_test_is_iso8601 (const char *text)
{
  g_autoptr(GDateTime) parsed = text != NULL ? g_date_time_new_from_iso8601 (text, NULL) : NULL;

  return parsed != NULL;
}

int
wd_test_run_wiredesk (const char * const *args,
                      const char         *stdin_text,
                      char              **out,
                      char              **err)
{
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GSubprocess) proc = NULL;
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  const char *binary = g_getenv ("WD_BINARY");

  g_assert_nonnull (binary);
  g_ptr_array_add (argv, (gpointer) binary);
  for (guint i = 0; args[i] != NULL; i++)
    g_ptr_array_add (argv, (gpointer) args[i]);
  g_ptr_array_add (argv, NULL);

  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDIN_PIPE |
                                        G_SUBPROCESS_FLAGS_STDOUT_PIPE |
                                        G_SUBPROCESS_FLAGS_STDERR_PIPE);
  /* Headless commands must not need a display. */
  g_subprocess_launcher_unsetenv (launcher, "DISPLAY");
  g_subprocess_launcher_unsetenv (launcher, "WAYLAND_DISPLAY");

  proc = g_subprocess_launcher_spawnv (launcher, (const char * const *) argv->pdata, &error);
  g_assert_no_error (error);

  g_subprocess_communicate_utf8 (proc, stdin_text, NULL, out, err, &error);
  g_assert_no_error (error);

  /* A crash (or a sanitizer's abort): show what it said. */
  if (!g_subprocess_get_if_exited (proc))
    g_test_message ("wiredesk %s died; its standard error:\n%s", args[0], *err);
  g_assert_true (g_subprocess_get_if_exited (proc));
  return g_subprocess_get_exit_status (proc);
}

int
wd_test_validate_json (const char  *schema_path,
                       GBytes      *document,
                       char       **report)
{
  g_autoptr(GSubprocess) proc = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *script = g_test_build_filename (G_TEST_DIST, "validate-json.py", NULL);
  g_autofree char *out = NULL;
  const char *python = g_getenv ("WD_PYTHON");

  if (python == NULL)
    python = "python3";

  proc = g_subprocess_new (G_SUBPROCESS_FLAGS_STDIN_PIPE | G_SUBPROCESS_FLAGS_STDOUT_PIPE |
                           G_SUBPROCESS_FLAGS_STDERR_MERGE, &error,
                           python, script, schema_path, "-", NULL);
  if (proc == NULL && g_error_matches (error, G_SPAWN_ERROR, G_SPAWN_ERROR_NOENT))
    return 77;
  g_assert_no_error (error);
  {
    g_autofree char *text = g_strndup (g_bytes_get_data (document, NULL), g_bytes_get_size (document));

    g_subprocess_communicate_utf8 (proc, text, NULL, &out, NULL, &error);
  }
  g_assert_no_error (error);
  g_assert_true (g_subprocess_get_if_exited (proc));

  if (report != NULL)
    *report = g_steal_pointer (&out);

  return g_subprocess_get_exit_status (proc);
}

gboolean
wd_test_assert_valid (const char *schema_path,
                      GBytes     *document,
                      const char *what)
{
  g_autofree char *report = NULL;
  int status = wd_test_validate_json (schema_path, document, &report);

  /* A dependency (build-aux/deps.txt), not a reason to test less. */
  if (status == 77)
    g_error ("python3-jsonschema (draft 2020-12) is not installed: it is in build-aux/deps.txt");

  if (status != 0)
    g_error ("%s does not validate against %s:\n%s", what, schema_path, report);

  return TRUE;
}

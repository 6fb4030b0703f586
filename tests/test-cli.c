/* The headless CLI: commands, output, errors and exit codes. */
#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "wiredesk-core.h"
#include "wd-test-util.h"

static void
test_cli_help_version (void)
{
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;

  g_assert_cmpint (wd_test_run_wiredesk ((const char *[]) { "--version", NULL }, NULL, &out, &err), ==, 0);
  g_assert_cmpstr (out, ==, "wiredesk " PACKAGE_VERSION "\n");
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  g_assert_cmpint (wd_test_run_wiredesk ((const char *[]) { "--help", NULL }, NULL, &out, &err), ==, 0);
  g_assert_nonnull (strstr (out, "wiredesk import"));
  g_assert_nonnull (strstr (out, "wiredesk export"));
  g_assert_nonnull (strstr (out, "Exit status"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  g_assert_cmpint (wd_test_run_wiredesk ((const char *[]) { "import", "--help", NULL }, NULL, &out, &err), ==, 0);
  g_assert_nonnull (strstr (out, "--output"));
}

static void
test_cli_import_export (void)
{
  g_autofree char *example = wd_test_data_path (WD_TEST_ARTICLE);
  g_autofree char *dir = NULL;
  g_autofree char *doc = NULL;
  g_autofree char *exported = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autofree char *saved = NULL;
  g_autofree char *exported_text = NULL;
  g_autoptr(GFile) file = NULL;
  g_autoptr(WdArticle) article = NULL;
  g_autoptr(GError) error = NULL;

  dir = wd_test_make_tmpdir ();
  doc = g_build_filename (dir, "k.wiredesk", NULL);
  exported = g_build_filename (dir, "k-export.wiredesk", NULL);

  /* stdout when no -o */
  g_assert_cmpint (wd_test_run_wiredesk ((const char *[]) { "import", example, NULL }, NULL, &out, &err), ==, 0);
  g_assert_true (g_str_has_prefix (out, "{\n  \"format\" : \"wiredesk\""));
  g_assert_cmpstr (err, ==, "");
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  g_assert_cmpint (wd_test_run_wiredesk ((const char *[]) { "import", example, "-o", doc, NULL }, NULL, &out, &err), ==, 0);
  g_assert_cmpstr (out, ==, "");
  file = g_file_new_for_path (doc);
  article = wd_native_format_load (file, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (wd_article_get_n_sources (article), ==, 8);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  /* export --format native writes the document itself, byte for byte */
  g_assert_cmpint (wd_test_run_wiredesk ((const char *[]) { "export", doc, "--format", "native", "-o", exported, NULL },
                                         NULL, &out, &err), ==, 0);
  g_assert_true (g_file_get_contents (doc, &saved, NULL, NULL));
  g_assert_true (g_file_get_contents (exported, &exported_text, NULL, NULL));
  g_assert_cmpstr (saved, ==, exported_text);

  wd_test_rmdir_r (dir);
}

static void
test_cli_errors (void)
{
  g_autofree char *dir = wd_test_make_tmpdir ();
  g_autofree char *bad = g_build_filename (dir, "bad.wiredesk", NULL);
  g_autofree char *md = g_build_filename (dir, "list.md", NULL);
  struct {
    const char *args[6];
    int         status;
    const char *says;
  } cases[] = {
    { { "import", NULL }, 2, "exactly one FILE" },
    { { "import", "/nonexistent/x.txt", NULL }, 2, "/nonexistent/x.txt" },
    { { "import", "--bogus", NULL }, 2, "--bogus" },
    { { "import", md, "--from", "rtf", NULL }, 2, "rtf" },
    { { "export", bad, NULL }, 2, "--format or --all is required" },
    { { "export", bad, "--format", "docx", NULL }, 2, "docx" },
    { { "export", bad, "--format", "native", NULL }, 2, "bad.wiredesk: article.headline: expected a string" },
    { { "import", md, NULL }, 1, "list.md:6: " },
  };

  g_assert_true (g_file_set_contents (bad, "{\"format\":\"wiredesk\",\"version\":1,\"article\":{\"id\":\"x\",\"headline\":[]}}", -1, NULL));
  g_assert_true (g_file_set_contents (md, "# Title\n\nBody.\n\n## Sources\n- ftp://example.com/file\n", -1, NULL));

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *out = NULL;
      g_autofree char *err = NULL;
      int status = wd_test_run_wiredesk (cases[i].args, NULL, &out, &err);

      g_test_message ("wiredesk %s … → %d: %s", cases[i].args[0], status, err);
      g_assert_cmpint (status, ==, cases[i].status);
      g_assert_nonnull (strstr (err, cases[i].says));
    }

  wd_test_rmdir_r (dir);
}

/* A mistyped command is not taken for a document to open: "not a wiredesk
 * command", the list, exit 2. A word naming a file here still opens it. */
static void
test_cli_unknown_command (void)
{
  g_autofree char *dir = wd_test_make_tmpdir ();
  g_autofree char *cwd = g_get_current_dir ();
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;

  g_assert_cmpint (g_chdir (dir), ==, 0);

  g_assert_cmpint (wd_test_run_wiredesk ((const char *[]) { "frobnicate", NULL }, NULL, &out, &err), ==, 2);
  g_assert_nonnull (strstr (err, "“frobnicate” is not a wiredesk command"));
  g_assert_nonnull (strstr (err, "wiredesk import"));
  g_assert_nonnull (strstr (err, "wiredesk publish"));
  g_assert_cmpstr (out, ==, "");
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  /* The file exists: it goes to the editor (which, without a display in
   * this test, cannot start; what matters is that it was not refused). */
  g_assert_true (g_file_set_contents ("frobnicate", "", -1, NULL));
  wd_test_run_wiredesk ((const char *[]) { "frobnicate", NULL }, NULL, &out, &err);
  g_assert_null (strstr (err, "not a wiredesk command"));

  g_assert_cmpint (g_chdir (cwd), ==, 0);
  wd_test_rmdir_r (dir);
}

/* A file given by a relative name is named once in an error, not as
 * "bad.wiredesk: /home/…/bad.wiredesk: …". */
static void
test_cli_relative_name (void)
{
  g_autofree char *dir = wd_test_make_tmpdir ();
  g_autofree char *bad = g_build_filename (dir, "bad.wiredesk", NULL);
  g_autofree char *md = g_build_filename (dir, "latin1.md", NULL);
  static const char * const commands[][5] = {
    { "export", "bad.wiredesk", "--format", "native", NULL },
    { "import", "latin1.md", NULL },
  };

  g_assert_true (g_file_set_contents (bad, "[1, 2]", -1, NULL));
  g_assert_true (g_file_set_contents (md, "Titre\nCaf\xe9\n", -1, NULL));

  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    {
      g_autoptr(GSubprocessLauncher) launcher =
        g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_SILENCE | G_SUBPROCESS_FLAGS_STDERR_PIPE);
      g_autoptr(GSubprocess) proc = NULL;
      g_autoptr(GError) error = NULL;
      g_autofree char *err = NULL;
      g_autofree char *argv0 = g_strdup (g_getenv ("WD_BINARY"));
      const char *argv[6] = { argv0, };
      const char *name = commands[i][1];
      const char *second;

      for (guint j = 0; commands[i][j] != NULL; j++)
        argv[j + 1] = commands[i][j];
      g_subprocess_launcher_set_cwd (launcher, dir);
      proc = g_subprocess_launcher_spawnv (launcher, argv, &error);
      g_assert_no_error (error);
      g_subprocess_communicate_utf8 (proc, NULL, NULL, NULL, &err, &error);
      g_assert_no_error (error);

      g_test_message ("wiredesk %s %s → %s", commands[i][0], name, err);
      g_assert_cmpint (g_subprocess_get_exit_status (proc), ==, 2);
      second = strstr (err, name);
      g_assert_nonnull (second);
      g_assert_null (strstr (second + 1, name));
    }

  wd_test_rmdir_r (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/cli/help-version", test_cli_help_version);
  g_test_add_func ("/cli/import-export", test_cli_import_export);
  g_test_add_func ("/cli/errors", test_cli_errors);
  g_test_add_func ("/cli/errors/relative-name", test_cli_relative_name);
  g_test_add_func ("/cli/errors/unknown-command", test_cli_unknown_command);

  return g_test_run ();
}

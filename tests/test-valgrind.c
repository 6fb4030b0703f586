/* Leaks (issue 8): the real wiredesk binary under valgrind's memcheck,
 * checking every page of the hostile test server, checking and writing a
 * document, importing and exporting, and refusing bad input. No run may
 * lose a block for good ("definitely lost") or touch memory it must not.
 * Skips when valgrind is not installed. */
#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "wiredesk-core.h"
#include "wd-hostile-server.h"
#include "wd-test-util.h"

static char *tmpdir;

typedef struct
{
  int      status;         /* wiredesk's exit status */
  guint64  definitely;     /* bytes */
  guint64  indirectly;
  guint64  possibly;
  guint64  reachable;
  guint    errors;         /* memcheck errors, leaks of the above kind included */
} Report;

/* "   definitely lost: 1,234 bytes in 5 blocks" → 1234 */
static guint64
leak_bytes (const char *log,
            const char *kind)
{
  g_autofree char *label = g_strconcat (kind, ": ", NULL);
  const char *at = strstr (log, label);
  g_autoptr(GString) digits = g_string_new (NULL);

  if (at == NULL)
    return 0;

  for (at += strlen (label); *at != '\0' && *at != ' '; at++)
    if (g_ascii_isdigit (*at))
      g_string_append_c (digits, *at);

  return g_ascii_strtoull (digits->str, NULL, 10);
}

/* "--suppressions=…/valgrind-3.21.supp" when this valgrind accepts the
 * error kinds it names, else NULL (see that file). Asked once. */
static const char *
newer_suppressions (void)
{
  static char *arg;
  static gboolean asked;

  if (!asked)
    {
      g_autofree char *supp = g_test_build_filename (G_TEST_DIST, "valgrind-3.21.supp", NULL);
      char *probe = g_strconcat ("--suppressions=", supp, NULL);
      const char *argv[] = { "valgrind", "--error-exitcode=99", probe, "true", NULL };
      int status = -1;

      asked = TRUE;
      if (g_spawn_sync (NULL, (char **) argv, NULL,
                        G_SPAWN_SEARCH_PATH | G_SPAWN_STDOUT_TO_DEV_NULL | G_SPAWN_STDERR_TO_DEV_NULL,
                        NULL, NULL, NULL, NULL, &status, NULL) &&
          g_spawn_check_wait_status (status, NULL))
        arg = probe;
      else
        g_free (probe);
    }
  return arg;
}

static void
run_valgrind (const char * const *args,
              Report             *report)
{
  g_autoptr(GSubprocessLauncher) launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_SILENCE |
                                                                       G_SUBPROCESS_FLAGS_STDERR_SILENCE);
  g_autoptr(GSubprocess) proc = NULL;
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *log_path = g_build_filename (tmpdir, "valgrind.log", NULL);
  g_autofree char *log_arg = g_strconcat ("--log-file=", log_path, NULL);
  g_autofree char *supp = g_test_build_filename (G_TEST_DIST, "valgrind.supp", NULL);
  g_autofree char *supp_arg = g_strconcat ("--suppressions=", supp, NULL);
  g_autofree char *log = NULL;
  const char *errors;

  g_ptr_array_add (argv, (gpointer) "valgrind");
  g_ptr_array_add (argv, (gpointer) "--leak-check=full");
  g_ptr_array_add (argv, (gpointer) "--show-leak-kinds=definite");
  g_ptr_array_add (argv, (gpointer) "--errors-for-leak-kinds=definite");
  g_ptr_array_add (argv, (gpointer) "--num-callers=30");
  g_ptr_array_add (argv, (gpointer) "--error-exitcode=99");
  g_ptr_array_add (argv, (gpointer) supp_arg);
  if (newer_suppressions () != NULL)
    g_ptr_array_add (argv, (gpointer) newer_suppressions ());
  g_ptr_array_add (argv, (gpointer) log_arg);
  g_ptr_array_add (argv, (gpointer) g_getenv ("WD_BINARY"));
  for (guint i = 0; args[i] != NULL; i++)
    g_ptr_array_add (argv, (gpointer) args[i]);
  g_ptr_array_add (argv, NULL);

  /* Plain malloc for every allocation, freed memory zeroed: what memcheck
   * needs to see GLib's allocations as they are. No display: headless. */
  g_subprocess_launcher_setenv (launcher, "G_SLICE", "always-malloc", TRUE);
  g_subprocess_launcher_setenv (launcher, "G_DEBUG", "gc-friendly", TRUE);
  g_subprocess_launcher_unsetenv (launcher, "DISPLAY");
  g_subprocess_launcher_unsetenv (launcher, "WAYLAND_DISPLAY");
  g_subprocess_launcher_set_cwd (launcher, tmpdir);

  proc = g_subprocess_launcher_spawnv (launcher, (const char * const *) argv->pdata, &error);
  g_assert_no_error (error);
  g_subprocess_wait (proc, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_get_if_exited (proc));

  g_assert_true (g_file_get_contents (log_path, &log, NULL, NULL));
  memset (report, 0, sizeof *report);
  report->status = g_subprocess_get_exit_status (proc);
  report->definitely = leak_bytes (log, "definitely lost");
  report->indirectly = leak_bytes (log, "indirectly lost");
  report->possibly = leak_bytes (log, "possibly lost");
  report->reachable = leak_bytes (log, "still reachable");
  errors = strstr (log, "ERROR SUMMARY: ");
  g_assert_nonnull (errors);
  report->errors = (guint) g_ascii_strtoull (errors + strlen ("ERROR SUMMARY: "), NULL, 10);

  g_test_message ("wiredesk %s: exit %d; definitely lost %" G_GUINT64_FORMAT " B, indirectly %"
                  G_GUINT64_FORMAT " B, possibly %" G_GUINT64_FORMAT " B, still reachable %"
                  G_GUINT64_FORMAT " B; %u errors",
                  args[0], report->status, report->definitely, report->indirectly,
                  report->possibly, report->reachable, report->errors);

  if (report->errors > 0 || report->definitely > 0 || report->status == 99)
    {
      g_test_message ("%s", log);
      g_test_fail ();
    }
}

static void
assert_clean (const char * const *args,
              int                 expected_status)
{
  Report report;

  run_valgrind (args, &report);
  g_assert_cmpint (report.status, ==, expected_status);
  g_assert_cmpuint (report.errors, ==, 0);
  g_assert_cmpuint (report.definitely, ==, 0);
}

static gboolean
have_valgrind (void)
{
  g_autofree char *path = g_find_program_in_path ("valgrind");

  if (path == NULL)
    g_test_skip ("valgrind is not installed");
  return path != NULL;
}

/* Every kind of answer the checker meets: pages with metadata, redirects
 * and loops, errors, floods, stalls, resets, garbage, soft 404s. */
static const char * const hostile_paths[] = {
  "/ok", "/long-title", "/redirect/3", "/loop-a", "/redirect-ftp", "/redirect-no-location",
  "/status/404", "/status/410", "/status/500", "/status/999", "/huge", "/gzip-bomb",
  "/bad-gzip", "/drip", "/never", "/rate-once", "/rate-long", "/flaky-503", "/head-405",
  "/cookie-bounce", "/wide", "/reset", "/empty-reply", "/garbage", "/meta-og",
  "/meta-jsonld", "/meta-citation", "/latin1", "/latin1-meta", "/broken-utf8",
  "/not-found-title", "/pdf",
};

static void
test_check_urls (void)
{
  g_autoptr(WdHostileServer) server = NULL;
  g_autoptr(WdHostileServer) soft = NULL;
  g_autoptr(GPtrArray) args = g_ptr_array_new_with_free_func (g_free);

  if (!have_valgrind ())
    return;

  server = wd_hostile_server_new (WD_HOSTILE_SITE_NORMAL);
  soft = wd_hostile_server_new (WD_HOSTILE_SITE_SOFT_404);

  /* Memcheck runs code about 30 times slower: a generous deadline, which
   * the stalling pages still reach. */
  g_ptr_array_add (args, g_strdup ("check"));
  g_ptr_array_add (args, g_strdup ("--json"));
  g_ptr_array_add (args, g_strdup ("--timeout=8"));
  for (guint i = 0; i < G_N_ELEMENTS (hostile_paths); i++)
    g_ptr_array_add (args, wd_hostile_server_url (server, hostile_paths[i]));
  g_ptr_array_add (args, wd_hostile_server_url (soft, "/2024/05/some-story"));
  g_ptr_array_add (args, wd_hostile_server_url (soft, "/real-article"));
  if (wd_hostile_server_get_https_port (server) != 0)
    g_ptr_array_add (args, g_strdup_printf ("https://127.0.0.1:%u/ok",
                                            wd_hostile_server_get_https_port (server)));
  /* Nobody listens on port 9 (discard) here: refused. */
  g_ptr_array_add (args, g_strdup ("http://127.0.0.1:9/refused"));
  g_ptr_array_add (args, NULL);

  /* Problems found: exit status 1. */
  assert_clean ((const char * const *) args->pdata, 1);
}

static void
test_check_document (void)
{
  g_autoptr(WdHostileServer) server = NULL;
  g_autoptr(WdArticle) article = wd_article_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (tmpdir, "checked.wiredesk", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(WdArticle) written = NULL;
  static const char * const paths[] = { "/ok", "/meta-og", "/redirect/2", "/status/404", "/reset" };

  if (!have_valgrind ())
    return;

  server = wd_hostile_server_new (WD_HOSTILE_SITE_NORMAL);
  wd_article_set_headline (article, "Checked under memcheck");
  wd_article_set_body (article, "Sources below.");
  for (guint i = 0; i < G_N_ELEMENTS (paths); i++)
    {
      g_autofree char *url = wd_hostile_server_url (server, paths[i]);

      g_assert_nonnull (wd_article_add_source_url (article, url, &error));
    }
  g_assert_true (wd_native_format_save (article, file, NULL, &error));
  g_assert_no_error (error);

  assert_clean ((const char *[]) { "check", "--timeout=8", "--write", path, NULL }, 1);

  /* The results were written into the document. */
  written = wd_native_format_load (file, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (wd_source_get_check (wd_article_get_source (written, 0)));
}

static void
test_import_export (void)
{
  g_autofree char *md = g_build_filename (tmpdir, "story.md", NULL);
  g_autofree char *doc = g_build_filename (tmpdir, "story.wiredesk", NULL);
  g_autofree char *out = g_build_filename (tmpdir, "exports", NULL);
  static const char text[] =
    "# Ferries resume after the storm\n\n"
    "The harbour authority *lifted* the ban at dawn [^1], after divers checked the hulls.\n\n"
    "> \"We are confident,\" a spokesperson said.\n\n"
    "- first item\n- second <b>item</b>\n\n"
    "Sources:\n"
    "https://wire.example/ferries/1\n"
    "https://social.example/@harbour/123\n"
    "not a url\n";

  if (!have_valgrind ())
    return;

  g_assert_true (g_file_set_contents (md, text, -1, NULL));
  g_assert_cmpint (g_mkdir (out, 0700), ==, 0);

  assert_clean ((const char *[]) { "import", md, "-o", doc, NULL }, 0);
  g_assert_true (g_file_test (doc, G_FILE_TEST_IS_REGULAR));
  assert_clean ((const char *[]) { "export", doc, "--all", out, NULL }, 0);
  assert_clean ((const char *[]) { "export", doc, "--format", "ninjs", "-o",
                                   "story.ninjs.json", NULL }, 0);
}

static void
test_bad_input (void)
{
  g_autofree char *binary = g_build_filename (tmpdir, "binary.md", NULL);
  g_autofree char *torn = g_build_filename (tmpdir, "torn.wiredesk", NULL);
  static const char torn_text[] = "{\"format\": \"wiredesk\", \"version\": 1, \"article\": {\"headl";

  if (!have_valgrind ())
    return;

  g_assert_true (g_file_set_contents (binary, "\xff\xfe\x00\x01 not text \xc3", 14, NULL));
  g_assert_true (g_file_set_contents (torn, torn_text, -1, NULL));

  /* Each is refused with a message and exit status 2, nothing leaked
   * (a URL that is not one is a problem found: status 1). */
  assert_clean ((const char *[]) { "import", binary, NULL }, 2);
  assert_clean ((const char *[]) { "export", torn, "--format", "ninjs", NULL }, 2);
  assert_clean ((const char *[]) { "check", torn, NULL }, 2);
  assert_clean ((const char *[]) { "check", "not a url at all", "ftp://files.example/x", NULL }, 1);
  assert_clean ((const char *[]) { "export", "/nonexistent/file.wiredesk", "--format", "jsonld", NULL }, 2);
  assert_clean ((const char *[]) { "check", "--concurrency=-4", "https://a.example/", NULL }, 2);
}

int
main (int   argc,
      char *argv[])
{
  int ret;

  g_test_init (&argc, &argv, NULL);
  tmpdir = wd_test_make_tmpdir ();

  g_test_add_func ("/valgrind/check/urls", test_check_urls);
  g_test_add_func ("/valgrind/check/document", test_check_document);
  g_test_add_func ("/valgrind/import-export", test_import_export);
  g_test_add_func ("/valgrind/bad-input", test_bad_input);

  ret = g_test_run ();

  wd_test_rmdir_r (tmpdir);
  g_free (tmpdir);
  return ret;
}

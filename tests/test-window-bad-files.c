/* The editor opening files it cannot use: each is refused with a
 * specific message in the window's info bar, and whatever the window
 * showed before stays as it was. */
#include "config.h"

#include <glib/gstdio.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "wd-test-window.h"
#include "wd-test-util.h"
#include "wd-window.h"

static WdApplication *app;
static char *dir;
static char *drafts;

static gboolean
window_idle (gpointer window)
{
  return !wd_window_get_busy (window);
}

static gboolean
wait_idle (WdWindow *window,
           guint     timeout_ms)
{
  if (!wd_test_wait_until (window_idle, window, timeout_ms))
    return FALSE;
  /* Let the info bar's reveal run. */
  while (g_main_context_iteration (NULL, FALSE))
    ;
  return TRUE;
}

/* The info bar's text, or NULL when it is hidden. */
static const char *
info_text (WdWindow *window)
{
  GtkInfoBar *bar = wd_test_find_child (GTK_WIDGET (window), GTK_TYPE_INFO_BAR, NULL);

  g_assert_nonnull (bar);
  if (!gtk_info_bar_get_revealed (bar))
    return NULL;

  return gtk_label_get_text (wd_test_find_child (GTK_WIDGET (bar), GTK_TYPE_LABEL, NULL));
}

static char *
write_file (const char *name,
            const char *contents,
            gssize      len)
{
  char *path = g_build_filename (dir, name, NULL);

  g_assert_true (g_file_set_contents (path, contents, len, NULL));
  return path;
}

typedef struct
{
  const char *name;
  const char *contents;   /* NULL: see the test */
  gssize      len;
  const char *says[2];
} BadFile;

static const BadFile bad_files[] = {
  { "truncated.wiredesk", "{\"format\":\"wiredesk\",\"version\":1,\n\"article\":{\"id\":\"a\",", -1,
    { "truncated.wiredesk:2:", "Parse error" } },
  { "newer.wiredesk", "{\"format\":\"wiredesk\",\"version\":7,\"article\":{\"id\":\"a\"}}", -1,
    { "version 7", "update Wiredesk" } },
  { "ninjs.wiredesk", "{\"format\":\"ninjs\",\"version\":1,\"article\":{}}", -1,
    { "not a Wiredesk document", "“ninjs”" } },
  { "empty.wiredesk", "", 0, { "the file is empty", NULL } },
  { "binary.wiredesk", "\x89PNG\r\n\x1a\n\0\0\0\rIHDR", 16, { "binary.wiredesk:1:", "not valid UTF-8" } },
  { "latin1.md", "Titre\nCaf\xe9 cr\xe8me\n", -1, { "latin1.md:2:", "UTF-8" } },
  { "blank.txt", "\n  \n", -1, { "blank.txt", "empty" } },
  { "huge.wiredesk", NULL, 0, { "larger than 256 MB", NULL } },
  { "folder.wiredesk", NULL, 0, { "is a folder", NULL } },
  { "missing.wiredesk", NULL, 0, { "No such file", NULL } },
};

static void
test_refused (void)
{
  g_autofree char *good = NULL;
  g_autoptr(WdArticle) article = wd_article_new ();
  g_autoptr(GFile) good_file = NULL;
  g_autoptr(GError) error = NULL;
  WdWindow *window;

  if (app == NULL)
    {
      g_test_skip ("No display");
      return;
    }

  /* The window holds a document when the bad files come. */
  good = g_build_filename (dir, "good.wiredesk", NULL);
  good_file = g_file_new_for_path (good);
  wd_article_set_headline (article, "The document that stays");
  wd_article_set_body (article, "Unharmed.");
  g_assert_true (wd_native_format_save (article, good_file, NULL, &error));
  g_assert_no_error (error);

  window = wd_window_new (app);
  gtk_window_present (GTK_WINDOW (window));
  wd_window_load_file (window, good_file);
  g_assert_true (wait_idle (window, 5000));
  g_assert_null (info_text (window));

  for (guint i = 0; i < G_N_ELEMENTS (bad_files); i++)
    {
      const BadFile *bad = &bad_files[i];
      g_autofree char *path = NULL;
      g_autoptr(GFile) file = NULL;
      const char *text;

      if (bad->contents != NULL)
        path = write_file (bad->name, bad->contents, bad->len);
      else
        path = g_build_filename (dir, bad->name, NULL);

      if (g_str_equal (bad->name, "huge.wiredesk"))
        {
          /* 300 MB that take no room: the size alone refuses it. */
          FILE *f = g_fopen (path, "w");

          g_assert_cmpint (ftruncate (fileno (f), 300 * 1024 * 1024), ==, 0);
          fclose (f);
        }
      else if (g_str_equal (bad->name, "folder.wiredesk"))
        g_assert_cmpint (g_mkdir (path, 0700), ==, 0);

      file = g_file_new_for_path (path);
      wd_window_load_file (window, file);
      g_assert_true (wait_idle (window, 5000));

      text = info_text (window);
      g_test_message ("%s: “%s”", bad->name, text);
      g_assert_nonnull (text);
      for (guint j = 0; j < G_N_ELEMENTS (bad->says) && bad->says[j] != NULL; j++)
        if (strstr (text, bad->says[j]) == NULL)
          g_error ("%s: “%s” does not mention “%s”", bad->name, text, bad->says[j]);

      /* The document shown before is still there, as it was. */
      g_assert_cmpstr (wd_article_get_headline (wd_window_get_article (window)), ==,
                       "The document that stays");
      g_assert_true (g_file_equal (wd_window_get_file (window), good_file));
      g_assert_false (wd_window_get_modified (window));
    }

  gtk_window_destroy (GTK_WINDOW (window));
}

static gboolean
info_hidden (gpointer window)
{
  return info_text (window) == NULL;
}

static gboolean
info_revealed (gpointer window)
{
  return info_text (window) != NULL;
}

/* The drafts folder cannot be written (here: a file stands in its way,
 * which stops root too): the editor says that unsaved changes are not
 * safe, and says nothing once drafts are written again. */
static void
test_drafts_unwritable (void)
{
  WdWindow *window;
  const char *text;

  if (app == NULL)
    {
      g_test_skip ("No display");
      return;
    }

  window = wd_window_new (app);
  gtk_window_present (GTK_WINDOW (window));
  wd_article_set_headline (wd_window_get_article (window), "Typed with nowhere to keep it");

  g_assert_true (wd_test_wait_until (info_revealed, window, 5000));
  text = info_text (window);
  g_test_message ("%s", text);
  g_assert_nonnull (strstr (text, "Unsaved changes cannot be kept safe"));
  g_assert_true (wd_window_get_modified (window));

  g_assert_cmpint (g_remove (drafts), ==, 0);
  g_assert_cmpint (g_mkdir (drafts, 0700), ==, 0);
  wd_article_set_headline (wd_window_get_article (window), "Safe again");
  g_assert_true (wd_test_wait_until (info_hidden, window, 5000));

  /* Close without asking: the test decided. */
  gtk_window_destroy (GTK_WINDOW (window));
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *data_home = NULL;
  g_autofree char *parent = NULL;
  int ret;

  data_home = wd_test_make_tmpdir ();
  g_setenv ("XDG_DATA_HOME", data_home, TRUE);
  /* A file where the drafts folder goes (see test_drafts_unwritable). */
  drafts = g_build_filename (data_home, "wiredesk", "drafts", NULL);
  parent = g_path_get_dirname (drafts);
  g_assert_cmpint (g_mkdir (parent, 0700), ==, 0);
  g_assert_true (g_file_set_contents (drafts, "not a folder", -1, NULL));

  g_test_init (&argc, &argv, NULL);
  dir = wd_test_make_tmpdir ();

  app = wd_test_application ();

  g_test_add_func ("/window/bad-files/refused", test_refused);
  g_test_add_func ("/window/bad-files/drafts-unwritable", test_drafts_unwritable);

  ret = g_test_run ();

  g_clear_object (&app);
  wd_test_rmdir_r (dir);
  wd_test_rmdir_r (data_home);
  g_free (dir);
  g_free (drafts);

  return ret;
}

/* Crash-safe editing, end to end: the real wiredesk process on a private
 * session bus, edited and saved through its window with the keyboard
 * (xdotool), told to quit through its exported application actions
 * (org.gtk.Actions), or killed with SIGKILL. Needs a display (build-aux/dev test runs the suite
 * under Xvfb); skips without one. */
#include "config.h"

#include <glib/gstdio.h>
#include <gtk/gtk.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "wiredesk-core.h"
#include "wd-test-util.h"

/* ASan builds start slowly on a loaded machine. */
#define START_TIMEOUT_MS 60000
#define STEP_TIMEOUT_MS 15000

static GDBusConnection *bus;
static char *app_path;

typedef struct
{
  char        *home;      /* XDG_DATA_HOME etc. of every start */
  char        *document;
  GSubprocess *proc;
} Desk;

/* ---------------------------------------------------------------- helpers */

typedef gboolean (*Condition) (Desk *desk, gpointer data);

/* Polls @condition; fails the test at once if wiredesk died meanwhile. */
static gboolean
wait_until (Desk      *desk,
            Condition  condition,
            gpointer   data,
            guint      timeout_ms)
{
  gint64 deadline = g_get_monotonic_time () + (gint64) timeout_ms * 1000;

  while (!condition (desk, data))
    {
      if (desk->proc != NULL && g_subprocess_get_identifier (desk->proc) == NULL)
        g_error ("wiredesk exited early (status %d)", g_subprocess_get_status (desk->proc));
      if (g_get_monotonic_time () > deadline)
        return FALSE;
      g_usleep (10 * 1000);
    }

  return TRUE;
}

static void
desk_start (Desk       *desk,
            const char *document)
{
  g_autoptr(GSubprocessLauncher) launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_NONE);
  g_autoptr(GError) error = NULL;
  const char *binary = g_getenv ("WD_BINARY");
  static const char * const dirs[] = { "XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_CACHE_HOME",
                                       "XDG_STATE_HOME" };

  g_assert_nonnull (binary);
  g_assert_null (desk->proc);

  for (guint i = 0; i < G_N_ELEMENTS (dirs); i++)
    {
      g_autofree char *dir = g_build_filename (desk->home, dirs[i], NULL);

      g_subprocess_launcher_setenv (launcher, dirs[i], dir, TRUE);
    }
  /* Its messages go to the test log, never into the TAP stream. */
  g_subprocess_launcher_take_stdout_fd (launcher, dup (STDERR_FILENO));

  desk->proc = g_subprocess_launcher_spawn (launcher, &error, binary, document, NULL);
  g_assert_no_error (error);
}

/* SIGKILL: no handler, no clean-up, no flushing of anything. */
static void
desk_kill (Desk *desk)
{
  g_autoptr(GError) error = NULL;

  g_subprocess_send_signal (desk->proc, SIGKILL);
  g_subprocess_wait (desk->proc, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_get_if_signaled (desk->proc));
  g_assert_cmpint (g_subprocess_get_term_sig (desk->proc), ==, SIGKILL);
  g_clear_object (&desk->proc);
}

static gboolean
name_released (Desk     *desk,
               gpointer  data)
{
  g_autoptr(GVariant) reply = NULL;
  gboolean owned = TRUE;

  reply = g_dbus_connection_call_sync (bus, "org.freedesktop.DBus", "/org/freedesktop/DBus",
                                       "org.freedesktop.DBus", "NameHasOwner",
                                       g_variant_new ("(s)", APP_ID), G_VARIANT_TYPE ("(b)"),
                                       G_DBUS_CALL_FLAGS_NONE, 2000, NULL, NULL);
  if (reply != NULL)
    g_variant_get (reply, "(b)", &owned);

  return !owned;
}

static void
desk_clear (Desk *desk)
{
  if (desk->proc != NULL)
    desk_kill (desk);
  /* The next start must be the primary instance, not a remote one. */
  g_assert_true (wait_until (desk, name_released, NULL, STEP_TIMEOUT_MS));
  wd_test_rmdir_r (desk->home);
  g_clear_pointer (&desk->home, g_free);
  g_clear_pointer (&desk->document, g_free);
}

static GVariant *
call_actions (const char  *path,
              const char  *method,
              GVariant    *parameters,
              GError     **error)
{
  return g_dbus_connection_call_sync (bus, APP_ID, path, "org.gtk.Actions", method, parameters,
                                      NULL, G_DBUS_CALL_FLAGS_NO_AUTO_START, 5000, NULL, error);
}

static void
activate (const char *path,
          const char *action)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GVariant) reply = NULL;

  /* The reply comes once the action's handler has run. */
  reply = call_actions (path, "Activate", g_variant_new ("(s@ava{sv})", action,
                                                         g_variant_new_array (G_VARIANT_TYPE_VARIANT, NULL, 0),
                                                         NULL),
                        &error);
  g_assert_no_error (error);
}

/* Runs xdotool; its standard output, or NULL when it failed. */
static char *
xdotool (const char *first,
         ...)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GSubprocess) proc = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL;
  va_list args;

  g_ptr_array_add (argv, (gpointer) "xdotool");
  va_start (args, first);
  for (const char *arg = first; arg != NULL; arg = va_arg (args, const char *))
    g_ptr_array_add (argv, (gpointer) arg);
  va_end (args);
  g_ptr_array_add (argv, NULL);

  proc = g_subprocess_newv ((const char * const *) argv->pdata,
                            G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_SILENCE, &error);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8 (proc, NULL, NULL, &out, NULL, &error);
  g_assert_no_error (error);

  return g_subprocess_get_successful (proc) ? g_steal_pointer (&out) : NULL;
}

typedef struct
{
  const char *title;
  char       *window;   /* the X window id found */
} WindowQuery;

/* A visible window of wiredesk's whose title is exactly @query->title. */
static gboolean
window_shown (Desk     *desk,
              gpointer  data)
{
  WindowQuery *query = data;
  const char *pid = g_subprocess_get_identifier (desk->proc);
  g_autofree char *ids = pid != NULL ? xdotool ("search", "--onlyvisible", "--pid", pid, NULL) : NULL;
  g_auto(GStrv) lines = NULL;

  if (ids == NULL)
    return FALSE;

  lines = g_strsplit (g_strstrip (ids), "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_autofree char *name = xdotool ("getwindowname", lines[i], NULL);

      if (name != NULL && g_str_equal (g_strchomp (name), query->title))
        {
          g_free (query->window);
          query->window = g_strdup (lines[i]);
          return TRUE;
        }
    }

  return FALSE;
}

static char *
find_window (Desk       *desk,
             const char *title,
             guint       timeout_ms)
{
  WindowQuery query = { title, NULL };

  if (!wait_until (desk, window_shown, &query, timeout_ms))
    g_error ("no window titled “%s” within %u ms", title, timeout_ms);

  return query.window;
}

static void
type_into (const char *window,
           const char *keys,
           const char *text)
{
  g_autofree char *focus = xdotool ("windowfocus", "--sync", window, NULL);
  g_autofree char *key = xdotool ("key", "--clearmodifiers", keys, NULL);

  g_assert_nonnull (focus);
  g_assert_nonnull (key);
  if (text != NULL)
    {
      g_autofree char *typed = xdotool ("type", "--delay", "5", text, NULL);
      g_autofree char *enter = xdotool ("key", "Return", NULL);

      g_assert_nonnull (typed);
      g_assert_nonnull (enter);
    }
}

static WdArticle *
load_path (const char  *path,
           GError     **error)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);

  return wd_native_format_load (file, NULL, error);
}

static gboolean
article_has_source (WdArticle  *article,
                    const char *url)
{
  for (guint i = 0; i < wd_article_get_n_sources (article); i++)
    if (g_str_equal (wd_source_get_url (wd_article_get_source (article, i)), url))
      return TRUE;
  return FALSE;
}

static char *
drafts_dir (Desk *desk)
{
  return g_build_filename (desk->home, "XDG_DATA_HOME", "wiredesk", "drafts", NULL);
}

/* ------------------------------------------------- draft, kill, recover */

#define HEADLINE "Harbour reopens after the storm"
#define FIRST_URL "https://wire.example/harbour/first"
#define TYPED_URL "https://wire.example/harbour/typed-after-open"

typedef struct
{
  const char *url;
  char       *id;
} DraftQuery;

/* A draft holding @query->url, complete, and named by the index. */
static gboolean
draft_holds (Desk     *desk,
             gpointer  data)
{
  DraftQuery *query = data;
  g_autofree char *dir = drafts_dir (desk);
  g_autofree char *index_path = g_build_filename (dir, "session.ini", NULL);
  g_autoptr(GKeyFile) index = g_key_file_new ();
  g_autoptr(GDir) listing = g_dir_open (dir, 0, NULL);
  const char *name;

  if (listing == NULL || !g_key_file_load_from_file (index, index_path, G_KEY_FILE_NONE, NULL))
    return FALSE;

  while ((name = g_dir_read_name (listing)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);
      g_autofree char *id = NULL;
      g_autofree char *group = NULL;
      g_autoptr(WdArticle) draft = NULL;

      if (!g_str_has_suffix (name, WD_NATIVE_FORMAT_EXTENSION))
        continue;
      id = g_strndup (name, strlen (name) - strlen (WD_NATIVE_FORMAT_EXTENSION));
      group = g_strconcat ("draft ", id, NULL);
      draft = load_path (path, NULL);

      if (draft != NULL && article_has_source (draft, query->url) &&
          g_key_file_has_group (index, group))
        {
          query->id = g_steal_pointer (&id);
          return TRUE;
        }
    }

  return FALSE;
}

static gboolean
document_holds (Desk     *desk,
                gpointer  data)
{
  g_autoptr(WdArticle) article = load_path (desk->document, NULL);

  return article != NULL && article_has_source (article, data);
}

static gboolean
no_drafts_left (Desk     *desk,
                gpointer  data)
{
  g_autofree char *dir = drafts_dir (desk);
  g_autoptr(GDir) listing = g_dir_open (dir, 0, NULL);
  const char *name;

  while (listing != NULL && (name = g_dir_read_name (listing)) != NULL)
    if (g_str_has_suffix (name, WD_NATIVE_FORMAT_EXTENSION))
      return FALSE;

  return TRUE;
}

static gboolean
have_tools (gboolean need_xdotool)
{
  g_autofree char *xdotool_path = g_find_program_in_path ("xdotool");

  if (g_getenv ("DISPLAY") == NULL || bus == NULL)
    {
      g_test_skip ("No display or no private session bus");
      return FALSE;
    }
  if (need_xdotool && xdotool_path == NULL)
    {
      g_test_skip ("xdotool is not installed");
      return FALSE;
    }

  return TRUE;
}

static void
desk_init (Desk *desk)
{
  g_autoptr(WdArticle) article = wd_article_new ();
  g_autoptr(GFile) file = NULL;
  g_autoptr(GError) error = NULL;

  desk->home = wd_test_make_tmpdir ();
  desk->document = g_build_filename (desk->home, "harbour.wiredesk", NULL);
  file = g_file_new_for_path (desk->document);

  wd_article_set_headline (article, HEADLINE);
  wd_article_set_body (article, "The port reopened at dawn, two days after the storm.");
  g_assert_nonnull (wd_article_add_source_url (article, FIRST_URL, &error));
  g_assert_true (wd_native_format_save (article, file, NULL, &error));
  g_assert_no_error (error);
}

static void
test_kill_recover (void)
{
  Desk desk = { 0, };
  DraftQuery draft = { TYPED_URL, NULL };
  g_autofree char *original = NULL;
  g_autofree char *on_disk = NULL;
  g_autofree char *window = NULL;
  g_autofree char *dialog = NULL;
  g_autofree char *recovered = NULL;
  g_autofree char *index_path = NULL;
  g_autoptr(GKeyFile) index = g_key_file_new ();
  g_autoptr(WdArticle) saved = NULL;
  g_autoptr(GError) error = NULL;
  gint64 typed;

  if (!have_tools (TRUE))
    return;

  desk_init (&desk);
  g_assert_true (g_file_get_contents (desk.document, &original, NULL, NULL));

  /* Open the document and add a source with the keyboard, as an editor
   * does: Ctrl+L, the address, Enter. */
  /* The window shows the headline once the document is loaded. (The
   * window's actions are the widget class's, which GApplication does not
   * put on D-Bus: the test uses the keyboard, as the editor does.) */
  desk_start (&desk, desk.document);
  window = find_window (&desk, HEADLINE, START_TIMEOUT_MS);
  type_into (window, "ctrl+l", TYPED_URL);
  typed = g_get_monotonic_time ();

  /* The draft holds the edit within seconds; the document does not. */
  g_assert_true (wait_until (&desk, draft_holds, &draft, STEP_TIMEOUT_MS));
  g_test_message ("draft with the edit on disk %.0f ms after typing",
                  (g_get_monotonic_time () - typed) / 1000.0);
  g_assert_true (find_window (&desk, "• " HEADLINE, STEP_TIMEOUT_MS) != NULL);

  desk_kill (&desk);
  g_assert_true (g_file_get_contents (desk.document, &on_disk, NULL, NULL));
  g_assert_cmpstr (on_disk, ==, original);
  g_assert_true (wait_until (&desk, name_released, NULL, STEP_TIMEOUT_MS));

  /* The next start offers the edit back... */
  desk_start (&desk, NULL);
  dialog = find_window (&desk, "Recover Unsaved Changes?", START_TIMEOUT_MS);

  /* ...and Recover (the default response) puts it in a window, unsaved. */
  type_into (dialog, "Return", NULL);
  recovered = find_window (&desk, "• " HEADLINE, STEP_TIMEOUT_MS);

  /* Saving it writes the edit into the document it came from, and the
   * draft is no longer needed. */
  /* The key can reach the window before it takes input (the recovery
   * dialog is still going, slower under ASan): ask again until the save
   * lands; a second save of the same text is harmless. */
  for (guint attempt = 0; attempt < 5; attempt++)
    {
      type_into (recovered, "ctrl+s", NULL);
      if (wait_until (&desk, document_holds, (gpointer) TYPED_URL, STEP_TIMEOUT_MS / 5))
        break;
    }
  g_assert_true (wait_until (&desk, document_holds, (gpointer) TYPED_URL, 1));
  saved = load_path (desk.document, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (wd_article_get_headline (saved), ==, HEADLINE);
  g_assert_cmpuint (wd_article_get_n_sources (saved), ==, 2);
  g_assert_true (article_has_source (saved, FIRST_URL));
  g_assert_true (wait_until (&desk, no_drafts_left, NULL, STEP_TIMEOUT_MS));

  /* A clean quit records a clean shutdown. */
  activate (app_path, "quit");
  g_subprocess_wait (desk.proc, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_get_if_exited (desk.proc));
  g_assert_cmpint (g_subprocess_get_exit_status (desk.proc), ==, 0);
  g_clear_object (&desk.proc);

  index_path = g_build_filename (desk.home, "XDG_DATA_HOME", "wiredesk", "drafts", "session.ini", NULL);
  g_assert_true (g_key_file_load_from_file (index, index_path, G_KEY_FILE_NONE, NULL));
  g_assert_true (g_key_file_get_boolean (index, "session", "shutdown", NULL));

  g_free (draft.id);
  desk_clear (&desk);
}

/* ------------------------------------------------------- kill mid-save */

typedef struct
{
  GBytes *before;
  guint   revision;
  char   *body;
  guint   n_sources;
} Version;

static void
version_clear (Version *v)
{
  g_clear_pointer (&v->before, g_bytes_unref);
  g_clear_pointer (&v->body, g_free);
}

static void
version_read (Version    *v,
              const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(WdArticle) article = NULL;
  char *data;
  gsize len;

  version_clear (v);
  g_assert_true (g_file_get_contents (path, &data, &len, NULL));
  v->before = g_bytes_new_take (data, len);
  article = wd_native_format_parse (v->before, "before", &error);
  g_assert_no_error (error);
  v->revision = wd_article_get_revision (article);
  v->body = g_strdup (wd_article_get_body (article));
  v->n_sources = wd_article_get_n_sources (article);
}

/* What is on disk now: exactly the old bytes, or a whole new save of the
 * same document (the next revision, the same words). Anything else is a
 * torn or mixed file. */
static gboolean
judge (const Version *old,
       const char    *path)
{
  g_autoptr(GBytes) now = NULL;
  g_autoptr(WdArticle) article = NULL;
  g_autoptr(GError) error = NULL;
  char *data;
  gsize len;

  g_assert_true (g_file_get_contents (path, &data, &len, NULL));
  now = g_bytes_new_take (data, len);
  if (g_bytes_equal (now, old->before))
    return FALSE;

  article = wd_native_format_parse (now, "after", &error);
  if (article == NULL)
    g_error ("the document is neither the old nor a new save (%zu bytes, was %zu): %s",
             len, g_bytes_get_size (old->before), error->message);
  g_assert_cmpuint (wd_article_get_revision (article), ==, old->revision + 1);
  g_assert_cmpuint (wd_article_get_n_sources (article), ==, old->n_sources);
  g_assert_true (g_str_equal (wd_article_get_body (article), old->body));

  return TRUE;
}

static ino_t
inode_of (const char *path)
{
  GStatBuf st;

  return g_stat (path, &st) == 0 ? st.st_ino : 0;
}

static gboolean
replaced (Desk     *desk,
          gpointer  data)
{
  return inode_of (desk->document) != *(ino_t *) data;
}

static void
make_large_document (Desk *desk)
{
  g_autoptr(WdArticle) article = wd_article_new ();
  g_autoptr(GString) body = g_string_new (NULL);
  g_autoptr(GFile) file = g_file_new_for_path (desk->document);
  g_autoptr(GError) error = NULL;

  wd_article_set_headline (article, "A long inquiry");
  /* About 3 MB of text in numbered paragraphs: a save of it is not
   * instantaneous, and any splice of two versions would show. */
  for (guint i = 0; body->len < 3 * 1024 * 1024; i++)
    g_string_append_printf (body, "Paragraph %u. The inquiry heard from witnesses about the "
                            "night of the storm, the state of the hull and the warnings "
                            "that went unheeded; each statement was recorded in full.\n\n", i);
  wd_article_set_body (article, body->str);
  for (guint i = 0; i < 100; i++)
    {
      g_autofree char *url = g_strdup_printf ("https://wire.example/inquiry/%u", i);

      g_assert_nonnull (wd_article_add_source_url (article, url, &error));
    }

  g_assert_true (wd_native_format_save (article, file, NULL, &error));
  g_assert_no_error (error);
}

static guint
n_rounds (void)
{
  const char *env = g_getenv ("WD_CRASH_SAVE_ROUNDS");

  return env != NULL && atoi (env) > 4 ? (guint) atoi (env) : 12;
}

/* Wiredesk writes a replacement beside the document as
 * .NAME.saving-XXXXXX and renames it over the document when complete. */
static guint
count_temporaries (const char *dir)
{
  g_autoptr(GDir) listing = g_dir_open (dir, 0, NULL);
  const char *name;
  guint n = 0;

  while (listing != NULL && (name = g_dir_read_name (listing)) != NULL)
    if (g_str_has_prefix (name, ".") && strstr (name, ".saving-") != NULL)
      n++;

  return n;
}

/* Asks for a save and kills wiredesk while the replacement is being
 * written (or as soon as the save is seen to be over, if it was quicker
 * than the polling). */
static void
kill_while_writing (Desk       *desk,
                    const char *window,
                    guint       temporaries)
{
  ino_t inode = inode_of (desk->document);
  g_autofree char *dir = g_path_get_dirname (desk->document);
  gint64 deadline = g_get_monotonic_time () + (gint64) STEP_TIMEOUT_MS * 1000;

  type_into (window, "ctrl+s", NULL);
  while (count_temporaries (dir) == temporaries && inode_of (desk->document) == inode)
    {
      if (g_get_monotonic_time () > deadline)
        g_error ("the save never started");
      g_usleep (100);
    }
  g_usleep ((gulong) g_test_rand_int_range (0, 3000));
  desk_kill (desk);
}

static void
test_kill_mid_save (void)
{
  Desk desk = { 0, };
  Version old = { 0, };
  g_autofree char *first = NULL;   /* the X window */
  guint rounds = n_rounds ();
  guint n_old = 0, n_new = 0, interrupted = 0;
  double save_ms = 0;

  if (!have_tools (FALSE))
    return;

  desk.home = wd_test_make_tmpdir ();
  desk.document = g_build_filename (desk.home, "inquiry.wiredesk", NULL);
  make_large_document (&desk);

  for (guint round = 0; round < rounds; round++)
    {
      ino_t inode = inode_of (desk.document);
      guint temporaries;
      g_autofree char *when = NULL;
      gboolean is_new;

      version_read (&old, desk.document);
      desk_start (&desk, desk.document);
      g_free (first);
      first = find_window (&desk, "A long inquiry", START_TIMEOUT_MS);
      /* Opening the document removed what earlier kills left. */
      temporaries = count_temporaries (desk.home);
      g_assert_cmpuint (temporaries, ==, 0);

      if (round == 0)
        {
          /* How long a whole save takes, from the request to the rename. */
          gint64 start = g_get_monotonic_time ();

          type_into (first, "ctrl+s", NULL);
          g_assert_true (wait_until (&desk, replaced, &inode, STEP_TIMEOUT_MS));
          save_ms = (g_get_monotonic_time () - start) / 1000.0;
          g_test_message ("a save of %zu bytes takes %.1f ms", g_bytes_get_size (old.before), save_ms);
          desk_kill (&desk);
          when = g_strdup ("after the save");
        }
      else if (round % 2 == 1 && round != rounds - 1)
        {
          kill_while_writing (&desk, first, temporaries);
          when = g_strdup ("while the replacement was being written");
        }
      else
        {
          /* At once, well after the save should be over, and anywhere in
           * between. */
          double delay_ms = round == 2 ? 0 :
                            round == rounds - 1 ? 3 * save_ms :
                            g_test_rand_double_range (0, 1.5 * save_ms);

          type_into (first, "ctrl+s", NULL);
          g_usleep ((gulong) (delay_ms * 1000));
          desk_kill (&desk);
          when = g_strdup_printf ("%.1f ms after asking to save", delay_ms);
        }

      g_assert_true (wait_until (&desk, name_released, NULL, STEP_TIMEOUT_MS));

      is_new = judge (&old, desk.document);
      if (is_new)
        n_new++;
      else
        n_old++;
      /* A temporary file left behind: the kill cut a write short. */
      if (count_temporaries (desk.home) > temporaries)
        interrupted++;
      g_test_message ("round %u: killed %s: the %s document on disk", round, when,
                      is_new ? "new" : "old");
    }

  g_test_message ("%u rounds: the old document %u times, the new one %u times, never a mix; "
                  "%u kills cut a write short", rounds, n_old, n_new, interrupted);
  /* The kills fell before, during and after the writing. */
  g_assert_cmpuint (n_old, >, 0);
  g_assert_cmpuint (n_new, >, 1);
  g_assert_cmpuint (interrupted, >, 0);

  version_clear (&old);
  desk_clear (&desk);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GTestDBus) daemon = NULL;
  g_autofree char *display = g_strdup (g_getenv ("DISPLAY"));
  g_autofree char *xauthority = g_strdup (g_getenv ("XAUTHORITY"));
  int ret;

  g_test_init (&argc, &argv, NULL);

  /* A bus of this test's own: the editor it starts can never meet one
   * running in the developer's session. (GTestDBus unsets DISPLAY.) The
   * test holds a connection to the display all along: an X server with no
   * client left resets, and a start at that moment finds no display. */
  if (display != NULL)
    {
      daemon = g_test_dbus_new (G_TEST_DBUS_NONE);
      g_test_dbus_up (daemon);
      g_setenv ("DISPLAY", display, TRUE);
      if (xauthority != NULL)
        g_setenv ("XAUTHORITY", xauthority, TRUE);
      if (gtk_init_check ())
        bus = g_bus_get_sync (G_BUS_TYPE_SESSION, NULL, NULL);
    }

  app_path = g_strconcat ("/", APP_ID, NULL);
  g_strdelimit (app_path, ".", '/');

  g_test_add_func ("/crash-safety/kill-recover", test_kill_recover);
  g_test_add_func ("/crash-safety/kill-mid-save", test_kill_mid_save);

  ret = g_test_run ();

  g_clear_object (&bus);
  if (daemon != NULL)
    g_test_dbus_down (daemon);
  g_free (app_path);

  return ret;
}

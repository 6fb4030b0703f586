/* Drafts: what survives a crash, what a clean quit leaves. */
#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "wd-test-util.h"
#include "wiredesk-core.h"

typedef struct
{
  char *dir;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autofree char *tmp = wd_test_make_tmpdir ();

  /* A folder that does not exist yet, as on a first start. */
  f->dir = g_build_filename (tmp, "wiredesk", "drafts", NULL);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_autofree char *top = g_path_get_dirname (f->dir);
  g_autofree char *tmp = g_path_get_dirname (top);

  wd_test_rmdir_r (tmp);
  g_free (f->dir);
}

static void
save_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  GError **error = user_data;

  if (!wd_draft_store_save_finish (WD_DRAFT_STORE (object), result, error))
    g_assert_nonnull (*error);
  else
    *error = (GError *) 0x1;   /* done, no error */
}

static gboolean
save_and_wait (WdDraftStore *store,
               const char   *id,
               const char   *text,
               const char   *file_uri,
               const char   *title,
               GError      **error)
{
  g_autoptr(GBytes) bytes = g_bytes_new (text, strlen (text));
  GError *result = NULL;

  wd_draft_store_save_async (store, id, bytes, file_uri, "etag-1", title, NULL, save_cb, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);

  if (result == (GError *) 0x1)
    return TRUE;

  g_propagate_error (error, result);
  return FALSE;
}

static WdDraftInfo *
find_info (GPtrArray  *infos,
           const char *id)
{
  for (guint i = 0; i < infos->len; i++)
    {
      WdDraftInfo *info = g_ptr_array_index (infos, i);

      if (g_str_equal (info->id, id))
        return info;
    }

  return NULL;
}

static void
test_draft_first_start (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(WdDraftStore) store = wd_draft_store_new (f->dir);
  g_autoptr(GPtrArray) orphans = NULL;
  g_autoptr(GError) error = NULL;
  gboolean was_clean = FALSE;

  g_assert_true (wd_draft_store_begin_session (store, &orphans, &was_clean, &error));
  g_assert_no_error (error);
  g_assert_true (was_clean);
  g_assert_cmpuint (orphans->len, ==, 0);
  g_assert_true (g_file_test (f->dir, G_FILE_TEST_IS_DIR));
}

static void
test_draft_crash_recovery (Fixture       *f,
                           gconstpointer  data)
{
  g_autofree char *a = g_uuid_string_random ();
  g_autofree char *b = g_uuid_string_random ();
  g_autoptr(GPtrArray) orphans = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = NULL;
  gboolean was_clean = TRUE;
  WdDraftInfo *info;

  {
    g_autoptr(WdDraftStore) store = wd_draft_store_new (f->dir);

    g_assert_true (wd_draft_store_begin_session (store, NULL, NULL, &error));
    g_assert_true (save_and_wait (store, a, "first version", NULL, "Untitled", &error));
    g_assert_true (save_and_wait (store, a, "second version", NULL, "Ferries halted", &error));
    g_assert_true (save_and_wait (store, b, "other", "file:///tmp/b.wiredesk", "B", &error));
    g_assert_no_error (error);
    /* No end_session: the process "crashes" here. */
  }

  {
    g_autoptr(WdDraftStore) store = wd_draft_store_new (f->dir);

    g_assert_true (wd_draft_store_begin_session (store, &orphans, &was_clean, &error));
    g_assert_no_error (error);
    g_assert_false (was_clean);
    g_assert_cmpuint (orphans->len, ==, 2);

    info = find_info (orphans, a);
    g_assert_nonnull (info);
    g_assert_cmpstr (info->title, ==, "Ferries halted");
    g_assert_null (info->file_uri);
    g_assert_nonnull (info->saved_at);
    info = find_info (orphans, b);
    g_assert_cmpstr (info->file_uri, ==, "file:///tmp/b.wiredesk");
    g_assert_cmpstr (info->etag, ==, "etag-1");

    /* The newest write of a draft is the one kept. */
    bytes = wd_draft_store_load (store, a, &error);
    g_assert_no_error (error);
    g_assert_cmpmem (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes), "second version", 14);

    /* One is recovered (adopted, then saved and closed), one ignored. */
    wd_draft_store_adopt (store, a);
    wd_draft_store_remove (store, a);
    g_assert_true (wd_draft_store_end_session (store, &error));
    g_assert_no_error (error);
  }

  g_clear_pointer (&orphans, g_ptr_array_unref);

  {
    g_autoptr(WdDraftStore) store = wd_draft_store_new (f->dir);
    g_autofree char *path_a = g_strconcat (f->dir, "/", a, ".wiredesk", NULL);

    /* A clean quit, but the ignored draft is still offered. */
    g_assert_true (wd_draft_store_begin_session (store, &orphans, &was_clean, &error));
    g_assert_true (was_clean);
    g_assert_cmpuint (orphans->len, ==, 1);
    g_assert_cmpstr (((WdDraftInfo *) g_ptr_array_index (orphans, 0))->id, ==, b);
    g_assert_false (g_file_test (path_a, G_FILE_TEST_EXISTS));
  }
}

/* A document without a file keeps its evidence package in the store,
 * under the draft's id; removing the draft removes it, and a package that
 * was taken out first (Save As) is not touched. */
static void
test_draft_package (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(WdDraftStore) store = wd_draft_store_new (f->dir);
  g_autoptr(GPtrArray) orphans = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *a = g_uuid_string_random ();
  g_autofree char *b = g_uuid_string_random ();
  g_autofree char *package_a = NULL;
  g_autofree char *package_b = NULL;
  g_autofree char *taken = NULL;
  g_autofree char *expected = NULL;
  gboolean was_clean;

  g_assert_true (wd_draft_store_begin_session (store, &orphans, &was_clean, &error));
  package_a = wd_draft_store_dup_package_path (store, a);
  expected = g_strconcat (f->dir, "/", a, ".wacz", NULL);
  g_assert_cmpstr (package_a, ==, expected);
  g_assert_null (wd_draft_store_dup_package_path (store, "../escape"));

  g_assert_true (save_and_wait (store, a, "unsaved", NULL, "A", &error));
  g_assert_true (save_and_wait (store, b, "unsaved too", NULL, "B", &error));
  g_assert_true (g_file_set_contents (package_a, "evidence", -1, NULL));
  package_b = wd_draft_store_dup_package_path (store, b);
  taken = g_strconcat (package_b, ".handover", NULL);
  g_assert_true (g_file_set_contents (taken, "evidence", -1, NULL));

  wd_draft_store_remove (store, a);
  wd_draft_store_remove (store, b);
  wd_draft_store_flush (store);
  g_assert_false (g_file_test (package_a, G_FILE_TEST_EXISTS));
  g_assert_true (g_file_test (taken, G_FILE_TEST_EXISTS));
}

static void
test_draft_stray_and_missing (Fixture       *f,
                              gconstpointer  data)
{
  g_autofree char *stray_id = g_uuid_string_random ();
  g_autofree char *stray = NULL;
  g_autofree char *gone = g_uuid_string_random ();
  g_autofree char *gone_path = NULL;
  g_autofree char *index = NULL;
  g_autoptr(GPtrArray) orphans = NULL;
  g_autoptr(GError) error = NULL;
  gboolean was_clean = TRUE;

  {
    g_autoptr(WdDraftStore) store = wd_draft_store_new (f->dir);

    g_assert_true (wd_draft_store_begin_session (store, NULL, NULL, &error));
    g_assert_true (save_and_wait (store, gone, "x", NULL, "Gone", &error));
  }

  /* A draft file the index never named, and an index entry whose draft
   * file went away. */
  stray = g_strconcat (f->dir, "/", stray_id, ".wiredesk", NULL);
  g_assert_true (g_file_set_contents (stray, "{}", -1, &error));
  gone_path = g_strconcat (f->dir, "/", gone, ".wiredesk", NULL);
  g_assert_cmpint (g_unlink (gone_path), ==, 0);
  /* Files that are not drafts are left alone. */
  index = g_build_filename (f->dir, "notes.txt", NULL);
  g_assert_true (g_file_set_contents (index, "x", -1, &error));

  {
    g_autoptr(WdDraftStore) store = wd_draft_store_new (f->dir);

    g_assert_true (wd_draft_store_begin_session (store, &orphans, &was_clean, &error));
    g_assert_false (was_clean);
    g_assert_cmpuint (orphans->len, ==, 1);
    g_assert_cmpstr (((WdDraftInfo *) g_ptr_array_index (orphans, 0))->id, ==, stray_id);
  }
}

static void
test_draft_corrupt_index (Fixture       *f,
                          gconstpointer  data)
{
  g_autofree char *id = g_uuid_string_random ();
  g_autofree char *index = g_build_filename (f->dir, "session.ini", NULL);
  g_autoptr(GPtrArray) orphans = NULL;
  g_autoptr(GError) error = NULL;
  gboolean was_clean = TRUE;

  {
    g_autoptr(WdDraftStore) store = wd_draft_store_new (f->dir);

    g_assert_true (wd_draft_store_begin_session (store, NULL, NULL, &error));
    g_assert_true (save_and_wait (store, id, "kept", NULL, "T", &error));
  }

  g_assert_true (g_file_set_contents (index, "[session\nshutdown=tr\x01ue", -1, &error));

  {
    g_autoptr(WdDraftStore) store = wd_draft_store_new (f->dir);

    g_assert_true (wd_draft_store_begin_session (store, &orphans, &was_clean, &error));
    g_assert_no_error (error);
    g_assert_false (was_clean);
    g_assert_cmpuint (orphans->len, ==, 1);
  }
}

static void
test_draft_bad_ids (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(WdDraftStore) store = wd_draft_store_new (f->dir);
  g_autoptr(GError) error = NULL;
  g_autofree char *outside = NULL;
  g_autofree char *index = g_build_filename (f->dir, "session.ini", NULL);
  g_autoptr(GPtrArray) orphans = NULL;

  g_assert_true (wd_draft_store_begin_session (store, NULL, NULL, &error));

  g_assert_false (save_and_wait (store, "../escape", "x", NULL, NULL, &error));
  g_assert_error (error, WD_ERROR, WD_ERROR_FIELD);
  g_clear_error (&error);
  outside = g_build_filename (f->dir, "..", "escape.wiredesk", NULL);
  g_assert_false (g_file_test (outside, G_FILE_TEST_EXISTS));

  g_assert_null (wd_draft_store_load (store, "a/b", &error));
  g_assert_error (error, WD_ERROR, WD_ERROR_FIELD);
  g_clear_error (&error);

  /* An index naming a path outside the folder is not followed. */
  g_assert_true (g_file_set_contents (index, "[session]\nshutdown=false\n[draft ../../etc/passwd]\ntitle=x\n", -1, &error));
  g_clear_object (&store);
  store = wd_draft_store_new (f->dir);
  g_assert_true (wd_draft_store_begin_session (store, &orphans, NULL, &error));
  g_assert_cmpuint (orphans->len, ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/draft-store/first-start", test_draft_first_start);
  ADD ("/draft-store/crash-recovery", test_draft_crash_recovery);
  ADD ("/draft-store/stray-and-missing", test_draft_stray_and_missing);
  ADD ("/draft-store/package", test_draft_package);
  ADD ("/draft-store/corrupt-index", test_draft_corrupt_index);
  ADD ("/draft-store/bad-ids", test_draft_bad_ids);
#undef ADD

  return g_test_run ();
}

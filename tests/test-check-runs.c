/* Runs of the link checker: limits, deduplication, cancellation,
 * results stored in articles, and the "wiredesk check" command. */
#include "config.h"

#include <json-glib/json-glib.h>
#include <string.h>

#include "wd-checker-fixture.h"
#include "wd-test-util.h"

/* ---------------------------------------------------- runs and limits */

static void
test_same_url_once (Fixture       *f,
                    gconstpointer  data)
{
  g_autofree char *ok = wd_hostile_server_url (f->server, "/ok");
  g_autofree char *ok_spelled = wd_hostile_server_url (f->server, "/ok  ");
  g_autofree char *missing = wd_hostile_server_url (f->server, "/status/404");
  const char *urls[] = { ok, missing, ok, ok_spelled, NULL };
  g_autoptr(GPtrArray) results = NULL;

  results = check_urls (f->checker, urls);

  g_assert_cmpuint (results->len, ==, 4);
  assert_status (results->pdata[0], WD_CHECK_STATUS_OK);
  assert_status (results->pdata[1], WD_CHECK_STATUS_NOT_FOUND);
  g_assert_true (results->pdata[2] == results->pdata[0]);
  g_assert_true (results->pdata[3] == results->pdata[0]);
  g_assert_cmpuint (wd_hostile_server_hits (f->server, "/ok"), ==, 1);
}

static guint64
time_slow_run (Fixture *f,
               guint    n)
{
  g_autoptr(GPtrArray) urls = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) results = NULL;
  gint64 start = g_get_monotonic_time ();

  for (guint i = 0; i < n; i++)
    {
      g_autofree char *path = g_strdup_printf ("/slow/%u", i);
      g_ptr_array_add (urls, wd_hostile_server_url (f->server, path));
    }
  g_ptr_array_add (urls, NULL);

  results = check_urls (f->checker, (const char * const *) urls->pdata);

  for (guint i = 0; i < n; i++)
    assert_status (results->pdata[i], WD_CHECK_STATUS_OK);

  return (g_get_monotonic_time () - start) / 1000;
}

static void
test_per_host_limit (Fixture       *f,
                     gconstpointer  data)
{
  guint64 elapsed_ms;

  /* 12 pages of 300 ms on one host, 4 at a time: about 3 rounds. */
  elapsed_ms = time_slow_run (f, 12);
  g_assert_cmpuint (wd_hostile_server_max_in_flight (f->server), ==, WD_CHECKER_DEFAULT_PER_HOST);
  g_assert_cmpuint (elapsed_ms, >=, 3 * WD_HOSTILE_SLOW_MS);

  /* The global limit, when lower, wins. */
  wd_hostile_server_reset (f->server);
  wd_checker_set_max_concurrency (f->checker, 2);
  time_slow_run (f, 6);
  g_assert_cmpuint (wd_hostile_server_max_in_flight (f->server), ==, 2);
}

static void
test_long_run_memory (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(GPtrArray) results = NULL;

  /* 32 pages that each offer 2 GiB, 16 at a time: a run keeps no more
   * than a megabyte per slot, and nothing of what it has read. */
  results = check_pages (f, "/huge", 32, 16);

  for (guint i = 0; i < results->len; i++)
    assert_status (results->pdata[i], WD_CHECK_STATUS_OK);
  g_test_message ("peak RSS %" G_GUINT64_FORMAT " KiB", peak_rss_kib ());
  g_assert_cmpuint (peak_rss_kib (), <, PEAK_RSS_LIMIT_KIB);
}

static void
cancel_now (gpointer data)
{
  g_cancellable_cancel (data);
}

static void
count_result (WdChecker     *checker,
              const char    *url,
              WdSource      *source,
              WdCheckResult *result,
              guint         *count)
{
  (*count)++;
}

static void
test_cancel (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(WdArticle) article = wd_article_new ();
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  guint results = 0;
  gint64 cancelled_at;

  for (guint i = 0; i < 10; i++)
    {
      g_autofree char *path = g_strdup_printf ("/never?%u", i);
      g_autofree char *url = wd_hostile_server_url (f->server, path);

      g_assert_nonnull (wd_article_add_source_url (article, url, NULL));
    }

  wd_checker_set_timeout (f->checker, 30.0);
  g_signal_connect (f->checker, "result", G_CALLBACK (count_result), &results);
  g_timeout_add_once (300, cancel_now, cancellable);
  wd_checker_check_article_async (f->checker, article, cancellable, on_ready, &result);

  while (!g_cancellable_is_cancelled (cancellable))
    g_main_context_iteration (NULL, TRUE);
  cancelled_at = g_get_monotonic_time ();
  wait_for (&result);

  g_assert_false (wd_checker_check_article_finish (f->checker, result, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_cmpint (g_get_monotonic_time () - cancelled_at, <, 500 * 1000);
  g_assert_cmpuint (results, ==, 0);
  for (guint i = 0; i < wd_article_get_n_sources (article); i++)
    g_assert_null (wd_source_get_check (wd_article_get_source (article, i)));
}

static void
check_article (WdChecker *checker,
               WdArticle *article)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  wd_checker_check_article_async (checker, article, NULL, on_ready, &result);
  wait_for (&result);
  g_assert_true (wd_checker_check_article_finish (checker, result, &error));
  g_assert_no_error (error);
}

static void
on_source_result (WdChecker     *checker,
                  const char    *url,
                  WdSource      *source,
                  WdCheckResult *result,
                  GPtrArray     *seen)
{
  /* Stored before the row is told. */
  g_assert_true (wd_source_get_check (source) == result);
  g_assert_cmpstr (wd_source_get_url (source), ==, url);
  g_ptr_array_add (seen, source);
}

static void
test_article_results (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(WdArticle) article = wd_article_new ();
  g_autoptr(GPtrArray) seen = g_ptr_array_new ();
  g_autofree char *changing = wd_hostile_server_url (f->server, "/changing");
  g_autofree char *missing = wd_hostile_server_url (f->server, "/status/404");
  WdSource *living, *gone;
  g_autofree char *first_sha = NULL;
  const char *checked_at;

  living = wd_article_add_source_url (article, changing, NULL);
  gone = wd_article_add_source_url (article, missing, NULL);
  g_signal_connect (f->checker, "result", G_CALLBACK (on_source_result), seen);

  wd_hostile_server_set_version (f->server, 1);
  check_article (f->checker, article);

  g_assert_cmpuint (seen->len, ==, 2);
  assert_status (wd_source_get_check (living), WD_CHECK_STATUS_OK);
  assert_status (wd_source_get_check (gone), WD_CHECK_STATUS_NOT_FOUND);
  checked_at = wd_check_result_get_checked_at (wd_source_get_check (gone));
  g_assert_true (wd_test_is_iso8601 (checked_at));

  /* The first successful check is the baseline; a 404 sets none. */
  first_sha = g_strdup (wd_check_result_get_content_sha256 (wd_source_get_check (living)));
  g_assert_cmpstr (wd_source_get_baseline_title (living), ==, "A living page");
  g_assert_cmpstr (wd_source_get_baseline_sha256 (living), ==, first_sha);
  g_assert_null (wd_source_get_baseline_sha256 (gone));

  /* The page changes: the check shows it, the baseline stays. */
  wd_hostile_server_set_version (f->server, 2);
  check_article (f->checker, article);
  g_assert_cmpuint (seen->len, ==, 4);
  g_assert_cmpstr (wd_check_result_get_content_sha256 (wd_source_get_check (living)), !=, first_sha);
  g_assert_cmpstr (wd_source_get_baseline_sha256 (living), ==, first_sha);
}

/* ---------------------------------------------------------------- CLI */

static void
assert_json_line (const char *line,
                  const char *url,
                  const char *status,
                  int         http_status)
{
  static const char * const keys[] = {
    "url", "status", "http_status", "final_url", "redirects", "title", "site_name",
    "author", "authors", "published", "canonical", "language", "content_sha256", "elapsed_ms",
    "detail", NULL
  };
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  JsonObject *object;

  json_parser_load_from_data (parser, line, -1, &error);
  g_assert_no_error (error);
  object = json_node_get_object (json_parser_get_root (parser));

  for (guint i = 0; keys[i] != NULL; i++)
    g_assert_true (json_object_has_member (object, keys[i]));
  /* check --write also says the capture the document records. */
  if (json_object_has_member (object, "capture_id"))
    {
      g_assert_true (json_object_has_member (object, "capture_digest"));
      g_assert_cmpuint (json_object_get_size (object), ==, g_strv_length ((char **) keys) + 2);
    }
  else
    g_assert_cmpuint (json_object_get_size (object), ==, g_strv_length ((char **) keys));

  g_assert_cmpstr (json_object_get_string_member (object, "url"), ==, url);
  g_assert_cmpstr (json_object_get_string_member (object, "status"), ==, status);
  if (http_status == 0)
    g_assert_true (json_object_get_null_member (object, "http_status"));
  else
    g_assert_cmpint (json_object_get_int_member (object, "http_status"), ==, http_status);
}

static void
test_cli_urls (Fixture       *f,
               gconstpointer  data)
{
  g_autofree char *ok = wd_hostile_server_url (f->server, "/ok");
  g_autofree char *missing = wd_hostile_server_url (f->server, "/status/404");
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_auto(GStrv) lines = NULL;
  const char *json_args[] = { "check", "--json", "--timeout", "10", "--concurrency", "2",
                              "--per-host", "1", missing, ok, "nope", NULL };
  const char *table_args[] = { "check", ok, NULL };
  int status;

  status = wd_test_run_wiredesk (json_args, NULL, &out, &err);
  g_assert_cmpint (status, ==, 1);
  g_assert_cmpstr (err, ==, "");
  lines = g_strsplit (g_strchomp (out), "\n", -1);
  g_assert_cmpuint (g_strv_length (lines), ==, 3);
  assert_json_line (lines[0], missing, "not-found", 404);
  assert_json_line (lines[1], ok, "ok", 200);
  assert_json_line (lines[2], "nope", "invalid", 0);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  status = wd_test_run_wiredesk (table_args, NULL, &out, &err);
  g_assert_cmpint (status, ==, 0);
  /* Not a terminal: no colour, no progress line. */
  g_assert_null (strstr (out, "\033["));
  g_assert_cmpstr (err, ==, "");
  g_assert_nonnull (strstr (out, ok));
  g_assert_nonnull (strstr (out, "A plain page"));
  g_assert_true (g_regex_match_simple ("^ok +200 ", strstr (out, "\nok") + 1, G_REGEX_MULTILINE, 0));
  g_assert_nonnull (strstr (out, "1 URL checked: 1 ok"));
}

/* check --json lists the authors one by one ("author" is them joined). */
static void
test_cli_authors (Fixture       *f,
                  gconstpointer  data)
{
  g_autofree char *two = wd_hostile_server_url (f->server, "/meta-jsonld");
  g_autofree char *none = wd_hostile_server_url (f->server, "/ok");
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_auto(GStrv) lines = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonObject *object;
  JsonArray *authors;

  g_assert_cmpint (wd_test_run_wiredesk ((const char *[]) { "check", "--json", two, none, NULL }, NULL, &out, &err),
                   ==, 0);
  lines = g_strsplit (g_strchomp (out), "\n", -1);
  g_assert_cmpuint (g_strv_length (lines), ==, 2);

  g_assert_true (json_parser_load_from_data (parser, lines[0], -1, NULL));
  object = json_node_get_object (json_parser_get_root (parser));
  authors = json_object_get_array_member (object, "authors");
  g_assert_cmpuint (json_array_get_length (authors), ==, 2);
  g_assert_cmpstr (json_array_get_string_element (authors, 0), ==, "Jo Smith");
  g_assert_cmpstr (json_array_get_string_element (authors, 1), ==, "Sam Lee");
  g_assert_cmpstr (json_object_get_string_member (object, "author"), ==, "Jo Smith, Sam Lee");

  g_assert_true (json_parser_load_from_data (parser, lines[1], -1, NULL));
  object = json_node_get_object (json_parser_get_root (parser));
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (object, "authors")), ==, 0);
  g_assert_true (json_object_get_null_member (object, "author"));
}

static void
test_cli_usage (void)
{
  static const char * const cases[][6] = {
    { "check", NULL },
    { "check", "--concurrency", "0", "https://example.com/", NULL },
    { "check", "--timeout", "-1", "https://example.com/", NULL },
    /* not a number is in no range (it used to slip past the check) */
    { "check", "--timeout", "nan", "https://example.com/", NULL },
    { "check", "--per-host", "65", "https://example.com/", NULL },
    { "check", "--write", "https://example.com/", NULL },
    { "check", "--bogus", NULL },
    { "check", "missing-file.wiredesk", NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *out = NULL;
      g_autofree char *err = NULL;

      g_assert_cmpint (wd_test_run_wiredesk (cases[i], NULL, &out, &err), ==, 2);
      g_assert_cmpstr (out, ==, "");
      g_assert_cmpstr (err, !=, "");
      /* a limit out of range is named, with the range the checker takes */
      if (cases[i][1] != NULL && g_str_has_prefix (cases[i][1], "--") && cases[i][2] != NULL &&
          strstr (cases[i][2], "://") == NULL)
        {
          g_autofree char *expected = g_strdup_printf ("wiredesk check: %s must be between", cases[i][1]);

          g_assert_nonnull (strstr (err, expected));
        }
    }
}

static void
test_cli_write (Fixture       *f,
                gconstpointer  data)
{
  g_autofree char *dir = wd_test_make_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "story.wiredesk", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(WdArticle) article = wd_article_new ();
  g_autoptr(WdArticle) reloaded = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *ok = wd_hostile_server_url (f->server, "/meta-og");
  g_autofree char *missing = wd_hostile_server_url (f->server, "/status/410");
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_auto(GStrv) lines = NULL;
  const char *args[] = { "check", "--json", "--write", path, NULL };
  WdSource *source;

  wd_article_set_headline (article, "Checked on the command line");
  g_assert_nonnull (wd_article_add_source_url (article, ok, NULL));
  g_assert_nonnull (wd_article_add_source_url (article, missing, NULL));
  g_assert_true (wd_native_format_save (article, file, NULL, &error));
  g_assert_no_error (error);

  g_assert_cmpint (wd_test_run_wiredesk (args, NULL, &out, &err), ==, 1);
  lines = g_strsplit (g_strchomp (out), "\n", -1);
  g_assert_cmpuint (g_strv_length (lines), ==, 2);
  assert_json_line (lines[0], ok, "ok", 200);
  assert_json_line (lines[1], missing, "not-found", 410);
  for (guint i = 0; i < 2; i++)
    {
      g_autoptr(JsonParser) parser = json_parser_new ();
      JsonObject *object;

      g_assert_true (json_parser_load_from_data (parser, lines[i], -1, NULL));
      object = json_node_get_object (json_parser_get_root (parser));
      g_assert_true (g_str_has_prefix (json_object_get_string_member (object, "capture_id"), "<urn:uuid:"));
      g_assert_true (g_str_has_prefix (json_object_get_string_member (object, "capture_digest"), "sha256:"));
    }

  reloaded = wd_native_format_load (file, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (wd_article_get_headline (reloaded), ==, "Checked on the command line");

  source = wd_article_find_source (reloaded, ok);
  assert_status (wd_source_get_check (source), WD_CHECK_STATUS_OK);
  g_assert_cmpstr (wd_check_result_get_title (wd_source_get_check (source)), ==, "Le titre Open Graph");
  g_assert_cmpstr (wd_check_result_get_published (wd_source_get_check (source)), ==,
                   "2024-05-01T10:00:00+02:00");
  g_assert_nonnull (wd_check_result_get_checked_at (wd_source_get_check (source)));
  g_assert_cmpstr (wd_source_get_baseline_title (source), ==, "Le titre Open Graph");

  source = wd_article_find_source (reloaded, missing);
  assert_status (wd_source_get_check (source), WD_CHECK_STATUS_NOT_FOUND);
  g_assert_cmpuint (wd_check_result_get_http_status (wd_source_get_check (source)), ==, 410);
  g_assert_null (wd_source_get_baseline_title (source));

  wd_test_rmdir_r (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add ("/checker/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("run/same-url-once", test_same_url_once);
  ADD ("run/per-host-limit", test_per_host_limit);
  ADD ("run/memory", test_long_run_memory);
  ADD ("run/cancel", test_cancel);
  ADD ("run/article", test_article_results);
  ADD ("cli/urls", test_cli_urls);
  ADD ("cli/authors", test_cli_authors);
  g_test_add_func ("/checker/cli/usage", test_cli_usage);
  ADD ("cli/write", test_cli_write);

  return g_test_run ();
}

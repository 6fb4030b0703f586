/* `wiredesk audit`: output, JSON lines, PROV, exit codes. */
#include "config.h"

#include <json-glib/json-glib.h>
#include <string.h>

#include "wiredesk-core.h"
#include "wd-test-util.h"

/* A document whose one source is gone: an error. */
static char *
write_broken_document (const char *dir)
{
  g_autoptr(WdArticle) article = wd_article_new ();
  g_autoptr(WdCheckResult) check = wd_check_result_new (WD_CHECK_STATUS_NOT_FOUND);
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *body = NULL;
  char *path = g_build_filename (dir, "broken.wiredesk", NULL);
  WdSource *source;

  source = wd_article_add_source_url (article, "https://www.reuters.com/gone", &error);
  g_assert_no_error (error);
  wd_check_result_set_http_status (check, 404);
  wd_check_result_set_text (check, "checked-at", "2026-11-23T12:00:00Z");
  wd_source_set_check (source, check);
  wd_article_set_headline (article, "Gone");
  body = g_strdup_printf ("A claim.[^%s]", wd_source_get_id (source));
  wd_article_set_body (article, body);

  bytes = wd_native_format_serialize (article);
  g_assert_true (g_file_set_contents (path, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes), NULL));
  return path;
}

static void
test_cli_audit_text (void)
{
  g_autofree char *thin = wd_test_data_path (WD_TEST_ARTICLE_THIN);
  g_autofree char *full = wd_test_data_path (WD_TEST_ARTICLE);
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;

  /* warnings only: exit 0 */
  g_assert_cmpint (wd_test_run_wiredesk ((const char *[]) { "audit", thin, NULL }, NULL, &out, &err), ==, 0);
  g_assert_cmpstr (err, ==, "");
  g_assert_nonnull (strstr (out, "warning [few-independent-sources] 5 sources, from 2 independent domains (t.me, wikipedia.org)"));
  g_assert_nonnull (strstr (out, "[no-primary-source]"));
  g_assert_null (strstr (out, "[date-conflict]"));
  g_assert_nonnull (strstr (out, "synthesis-ferry-social.txt: warning [uncited-paragraph] Paragraph 1 cites no source"));
  /* a summary line closes the report: 4 paragraphs + 5 unused + 2 = 11
   * warnings, 5 unchecked notes */
  g_assert_true (g_str_has_suffix (out, ": 11 warnings, 5 notes\n"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  g_assert_cmpint (wd_test_run_wiredesk ((const char *[]) { "audit", full, NULL }, NULL, &out, &err), ==, 0);
  g_assert_null (strstr (out, "[few-independent-sources]"));
  g_assert_null (strstr (out, "[no-primary-source]"));
  g_assert_nonnull (strstr (out, "warning [date-conflict] The text says this first happened on 3 March 2026"));
  /* 8 paragraphs + 8 unused + 1 conflict; 8 unchecked */
  g_assert_true (g_str_has_suffix (out, ": 17 warnings, 8 notes\n"));
}

static void
test_cli_audit_json (void)
{
  g_autofree char *example = wd_test_data_path (WD_TEST_ARTICLE);
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_auto(GStrv) lines = NULL;
  guint n_paragraph = 0, n_source = 0, n_lines = 0;
  gboolean saw_conflict = FALSE;

  g_assert_cmpint (wd_test_run_wiredesk ((const char *[]) { "audit", "--json", example, NULL }, NULL, &out, &err), ==, 0);
  lines = g_strsplit (out, "\n", -1);

  for (guint i = 0; lines[i] != NULL && lines[i][0] != '\0'; i++)
    {
      g_autoptr(JsonParser) parser = json_parser_new ();
      g_autoptr(GError) error = NULL;
      JsonObject *o;
      const char *code;

      json_parser_load_from_data (parser, lines[i], -1, &error);
      g_assert_no_error (error);
      o = json_node_get_object (json_parser_get_root (parser));
      code = json_object_get_string_member (o, "code");
      n_lines++;

      g_assert_nonnull (json_object_get_string_member (o, "message"));
      g_assert_true (g_strv_contains ((const char *[]) { "error", "warning", "info", NULL },
                                      json_object_get_string_member (o, "severity")));
      if (g_str_equal (code, "uncited-paragraph"))
        {
          /* paragraph indexes count from 0, in order */
          g_assert_cmpint (json_object_get_int_member (o, "paragraph"), ==, n_paragraph);
          g_assert_true (json_object_has_member (o, "start") && json_object_has_member (o, "end"));
          n_paragraph++;
        }
      if (g_str_equal (code, "unchecked") || g_str_equal (code, "unused-source"))
        {
          g_assert_true (json_object_has_member (o, "source"));
          n_source++;
        }
      if (g_str_equal (code, "date-conflict"))
        {
          JsonArray *items = json_object_get_array_member (o, "items");

          g_assert_cmpstr (json_array_get_string_element (items, 0), ==, "2026-03-03");
          g_assert_cmpstr (json_array_get_string_element (items, 1), ==, "2026-03-02");
          saw_conflict = TRUE;
        }
    }

  g_assert_cmpuint (n_paragraph, ==, 8);
  g_assert_cmpuint (n_source, ==, 16);
  g_assert_true (saw_conflict);
  /* nothing but findings: no summary line in JSON mode */
  g_assert_cmpuint (n_lines, ==, g_strv_length (lines) - 1);
}

static void
test_cli_audit_errors_exit (void)
{
  g_autofree char *dir = wd_test_make_tmpdir ();
  g_autofree char *doc = write_broken_document (dir);
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;

  g_assert_cmpint (wd_test_run_wiredesk ((const char *[]) { "audit", doc, NULL }, NULL, &out, &err), ==, 1);
  g_assert_nonnull (strstr (out, "error [broken-source]"));
  g_assert_nonnull (strstr (out, "HTTP 404"));
  /* the dead source, and an article resting on nothing */
  g_assert_nonnull (strstr (out, ": 2 errors"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  g_assert_cmpint (wd_test_run_wiredesk ((const char *[]) { "audit", "--json", doc, NULL }, NULL, &out, &err), ==, 1);
  g_assert_nonnull (strstr (out, "\"code\":\"broken-source\",\"severity\":\"error\""));

  wd_test_rmdir_r (dir);
}

static void
test_cli_audit_prov (void)
{
  g_autofree char *dir = wd_test_make_tmpdir ();
  g_autofree char *doc = write_broken_document (dir);
  g_autofree char *prov = g_build_filename (dir, "prov.json", NULL);
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autofree char *written = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  JsonObject *root;

  /* an export: exit 0 even though the audit has errors */
  g_assert_cmpint (wd_test_run_wiredesk ((const char *[]) { "audit", "--prov", doc, "-o", prov, NULL },
                                         NULL, &out, &err), ==, 0);
  g_assert_cmpstr (out, ==, "");
  g_assert_true (g_file_get_contents (prov, &written, NULL, NULL));
  json_parser_load_from_data (parser, written, -1, &error);
  g_assert_no_error (error);
  root = json_node_get_object (json_parser_get_root (parser));
  g_assert_cmpuint (json_object_get_size (json_object_get_object_member (root, "entity")), ==, 2);
  g_assert_cmpuint (json_object_get_size (json_object_get_object_member (root, "activity")), ==, 1);
  g_assert_cmpuint (json_object_get_size (json_object_get_object_member (root, "wasDerivedFrom")), ==, 1);

  wd_test_rmdir_r (dir);
}

static void
test_cli_audit_usage (void)
{
  g_autofree char *dir = wd_test_make_tmpdir ();
  g_autofree char *doc = write_broken_document (dir);
  g_autofree char *garbage = g_build_filename (dir, "garbage.wiredesk", NULL);
  struct {
    const char *args[6];
    const char *says;
  } cases[] = {
    { { "audit", NULL }, "exactly one FILE" },
    { { "audit", doc, doc, NULL }, "exactly one FILE" },
    { { "audit", "--bogus", doc, NULL }, "--bogus" },
    { { "audit", "--json", "--prov", doc, NULL }, "cannot be used together" },
    { { "audit", "--stale-days", "0", doc, NULL }, "--stale-days" },
    { { "audit", "--min-sources", "1000", doc, NULL }, "--min-sources" },
    { { "audit", "/nonexistent/article.wiredesk", NULL }, "/nonexistent/article.wiredesk" },
    { { "audit", garbage, NULL }, "garbage.wiredesk" },
  };

  g_assert_true (g_file_set_contents (garbage, "{ not json", -1, NULL));

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *out = NULL;
      g_autofree char *err = NULL;
      int status = wd_test_run_wiredesk (cases[i].args, NULL, &out, &err);

      g_test_message ("case %u → %d: %s", i, status, err);
      g_assert_cmpint (status, ==, 2);
      g_assert_nonnull (strstr (err, cases[i].says));
      g_assert_cmpstr (out, ==, "");
    }

  wd_test_rmdir_r (dir);
}

static void
test_cli_audit_options (void)
{
  g_autofree char *example = wd_test_data_path (WD_TEST_ARTICLE_THIN);
  g_autofree char *dir = wd_test_make_tmpdir ();
  g_autofree char *doc = write_broken_document (dir);
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;

  /* a document whose only source is dead rests on nothing */
  g_assert_cmpint (wd_test_run_wiredesk ((const char *[]) { "audit", doc, NULL }, NULL, &out, &err), ==, 1);
  g_assert_nonnull (strstr (out, "error [few-independent-sources] The article’s only source is gone"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  g_assert_cmpint (wd_test_run_wiredesk ((const char *[]) { "audit", "--help", NULL }, NULL, &out, &err), ==, 0);
  g_assert_nonnull (strstr (out, "--stale-days"));
  g_assert_nonnull (strstr (out, "--prov"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  /* two independent domains are enough when two are all that is asked */
  g_assert_cmpint (wd_test_run_wiredesk ((const char *[]) { "audit", "--min-sources", "2", example, NULL },
                                         NULL, &out, &err), ==, 0);
  g_assert_null (strstr (out, "few-independent-sources"));
  g_assert_nonnull (strstr (out, "no-primary-source"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  /* ...and three are not */
  g_assert_cmpint (wd_test_run_wiredesk ((const char *[]) { "audit", "--min-sources", "3", example, NULL },
                                         NULL, &out, &err), ==, 0);
  g_assert_nonnull (strstr (out, "few-independent-sources"));

  wd_test_rmdir_r (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/cli-audit/text", test_cli_audit_text);
  g_test_add_func ("/cli-audit/json", test_cli_audit_json);
  g_test_add_func ("/cli-audit/errors-exit", test_cli_audit_errors_exit);
  g_test_add_func ("/cli-audit/prov", test_cli_audit_prov);
  g_test_add_func ("/cli-audit/usage", test_cli_audit_usage);
  g_test_add_func ("/cli-audit/options", test_cli_audit_options);

  return g_test_run ();
}

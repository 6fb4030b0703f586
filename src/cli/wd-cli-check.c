#define G_LOG_DOMAIN "wd-cli-check"

#include "config.h"

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "wd-cli-private.h"
#include "wd-json-writer.h"

typedef struct
{
  char          *url;
  WdSource      *source;
  WdCheckResult *result;
} Row;

typedef struct
{
  WdChecker    *checker;
  GCancellable *cancellable;
  GPtrArray    *rows;       /* Row, in input order */
  GHashTable   *pending;    /* url → GQueue of Row waiting for a result */
  guint         n_done;
  guint         n_printed;  /* JSON lines written so far, in order */
  gboolean      json;
  gboolean      capture;    /* --write with evidence: lines wait for the package */
  gboolean      progress;
  GAsyncResult *result;     /* the run's, once it ended */
} Check;

static void
row_free (Row *row)
{
  g_free (row->url);
  g_clear_object (&row->source);
  g_clear_object (&row->result);
  g_free (row);
}

static void
add_row (Check      *check,
         const char *url,
         WdSource   *source)
{
  Row *row = g_new0 (Row, 1);
  GQueue *queue = g_hash_table_lookup (check->pending, url);

  row->url = g_strdup (url);
  row->source = source != NULL ? g_object_ref (source) : NULL;
  g_ptr_array_add (check->rows, row);

  if (queue == NULL)
    {
      queue = g_queue_new ();
      g_hash_table_insert (check->pending, g_strdup (url), queue);
    }
  g_queue_push_tail (queue, row);
}

/* ------------------------------------------------------------ printing */

static void
add_text_member (JsonBuilder *builder,
                 const char  *member,
                 const char  *value)
{
  json_builder_set_member_name (builder, member);
  if (value != NULL)
    json_builder_add_string_value (builder, value);
  else
    json_builder_add_null_value (builder);
}

static char *
json_line (Row     *row,
           gboolean capture)
{
  static const struct { const char *member; const char *property; } texts[] = {
    { "title", "title" }, { "site_name", "site-name" }, { "author", "author" },
    { "published", "published" }, { "canonical", "canonical" }, { "language", "language" },
    { "content_sha256", "content-sha256" },
  };
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;
  WdCheckResult *result = row->result;
  guint http_status = wd_check_result_get_http_status (result);

  json_builder_begin_object (builder);
  add_text_member (builder, "url", row->url);
  add_text_member (builder, "status",
                   wd_enum_to_nick (WD_TYPE_CHECK_STATUS, wd_check_result_get_status (result)));
  json_builder_set_member_name (builder, "http_status");
  if (http_status != 0)
    json_builder_add_int_value (builder, http_status);
  else
    json_builder_add_null_value (builder);
  add_text_member (builder, "final_url", wd_check_result_get_final_url (result));
  json_builder_set_member_name (builder, "redirects");
  json_builder_add_int_value (builder, wd_check_result_get_redirects (result));
  for (guint i = 0; i < G_N_ELEMENTS (texts); i++)
    add_text_member (builder, texts[i].member, wd_check_result_get_text (result, texts[i].property));
  /* The names one by one ("author" is them joined, for reading). */
  json_builder_set_member_name (builder, "authors");
  json_builder_begin_array (builder);
  for (const char * const *a = wd_check_result_get_authors (result); a != NULL && *a != NULL; a++)
    json_builder_add_string_value (builder, *a);
  json_builder_end_array (builder);
  json_builder_set_member_name (builder, "elapsed_ms");
  json_builder_add_int_value (builder, wd_check_result_get_elapsed_ms (result));
  add_text_member (builder, "detail", wd_check_result_get_detail (result));
  /* What the document records of the capture (null when none was kept). */
  if (capture)
    {
      add_text_member (builder, "capture_id", wd_check_result_get_text (result, "capture-id"));
      add_text_member (builder, "capture_digest", wd_check_result_get_text (result, "capture-digest"));
    }
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  return wd_json_node_to_line (root);
}

static void
clear_progress (Check *check)
{
  if (check->progress)
    fputs ("\r\033[K", stderr);
}

static void
show_progress (Check *check)
{
  if (!check->progress)
    return;

  fputs ("\r\033[K", stderr);
  fprintf (stderr, _("Checking… %u of %u"), check->n_done, check->rows->len);
  fflush (stderr);
}

/* JSON lines go out as soon as every line before them is known. */
static void
print_ready_lines (Check *check)
{
  gboolean printed = FALSE;

  while (check->n_printed < check->rows->len)
    {
      Row *row = g_ptr_array_index (check->rows, check->n_printed);
      g_autofree char *line = NULL;

      if (row->result == NULL)
        break;

      if (!printed)
        clear_progress (check);
      printed = TRUE;

      line = json_line (row, check->capture);
      printf ("%s\n", line);
      check->n_printed++;
    }

  if (printed)
    fflush (stdout);
}

static const char *
status_colour (WdCheckStatus status)
{
  switch (status)
    {
    case WD_CHECK_STATUS_OK:
      return "\033[32m";
    case WD_CHECK_STATUS_REDIRECTED:
      return "\033[36m";
    case WD_CHECK_STATUS_TIMEOUT:
    case WD_CHECK_STATUS_RATE_LIMITED:
      return "\033[33m";
    default:
      return "\033[1;31m";
    }
}

/* What to say after the URL: where it went, what it is, or what failed. */
static char *
row_note (WdCheckResult *result)
{
  WdCheckStatus status = wd_check_result_get_status (result);
  const char *detail = wd_check_result_get_detail (result);
  const char *title = wd_check_result_get_title (result);
  g_autofree char *note = NULL;

  if (status == WD_CHECK_STATUS_REDIRECTED)
    note = g_strdup_printf ("→ %s", wd_check_result_get_final_url (result));
  else if (detail != NULL)
    note = g_strdup_printf ("(%s)", detail);
  else if (title != NULL)
    note = g_strdup_printf ("“%s”", title);
  else
    return g_strdup ("");

  /* Straight to a terminal: no ESC or BEL from a page or a header. */
  return wd_text_clean_untrusted (note);
}

static void
print_table (Check *check)
{
  gboolean colour = isatty (STDOUT_FILENO) && g_getenv ("NO_COLOR") == NULL;
  const char *status_header = _("STATUS");
  const char *http_header = _("HTTP");
  const char *time_header = _("TIME");
  int status_width = g_utf8_strlen (status_header, -1);
  int http_width = MAX (3, g_utf8_strlen (http_header, -1));
  int time_width = MAX (6, g_utf8_strlen (time_header, -1));

  for (guint i = 0; i < check->rows->len; i++)
    {
      Row *row = g_ptr_array_index (check->rows, i);
      const char *nick = wd_enum_to_nick (WD_TYPE_CHECK_STATUS,
                                          wd_check_result_get_status (row->result));
      status_width = MAX (status_width, (int) strlen (nick));
    }

  /* Pad by characters, not bytes: the headers may be translated. */
  printf ("%s%*s  %s%*s  %s%*s  %s\n",
          status_header, status_width - (int) g_utf8_strlen (status_header, -1), "",
          http_header, http_width - (int) g_utf8_strlen (http_header, -1), "",
          time_header, time_width - (int) g_utf8_strlen (time_header, -1), "",
          _("URL"));

  for (guint i = 0; i < check->rows->len; i++)
    {
      Row *row = g_ptr_array_index (check->rows, i);
      WdCheckStatus status = wd_check_result_get_status (row->result);
      const char *nick = wd_enum_to_nick (WD_TYPE_CHECK_STATUS, status);
      guint http_status = wd_check_result_get_http_status (row->result);
      g_autofree char *http = http_status != 0 ? g_strdup_printf ("%u", http_status) : g_strdup ("-");
      g_autofree char *seconds = g_strdup_printf ("%.1f s",
                                                  wd_check_result_get_elapsed_ms (row->result) / 1000.0);
      g_autofree char *note = row_note (row->result);
      g_autofree char *url = wd_text_clean_untrusted (row->url);

      printf ("%s%-*s%s  %-*s  %*s  %s%s%s\n",
              colour ? status_colour (status) : "", status_width, nick, colour ? "\033[0m" : "",
              http_width, http, time_width, seconds, url, *note != '\0' ? "  " : "", note);
    }
}

static void
print_summary (Check *check)
{
  guint counts[WD_CHECK_STATUS_INVALID + 1] = { 0, };
  g_autoptr(GPtrArray) parts = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *joined = NULL;

  for (guint i = 0; i < check->rows->len; i++)
    counts[wd_check_result_get_status (((Row *) g_ptr_array_index (check->rows, i))->result)]++;

  for (guint status = 0; status < G_N_ELEMENTS (counts); status++)
    if (counts[status] > 0)
      g_ptr_array_add (parts, g_strdup_printf ("%u %s", counts[status],
                                               wd_enum_to_nick (WD_TYPE_CHECK_STATUS, status)));
  g_ptr_array_add (parts, NULL);
  joined = g_strjoinv (", ", (char **) parts->pdata);

  putchar ('\n');
  printf (ngettext ("%u URL checked", "%u URLs checked", check->rows->len), check->rows->len);
  printf (": %s\n", joined);
}

/* ------------------------------------------------------------- running */

static void
on_result (WdChecker     *checker,
           const char    *url,
           WdSource      *source,
           WdCheckResult *result,
           Check         *check)
{
  GQueue *queue = g_hash_table_lookup (check->pending, url);
  Row *row = queue != NULL ? g_queue_pop_head (queue) : NULL;

  g_return_if_fail (row != NULL);

  row->result = g_object_ref (result);
  check->n_done++;

  /* Captured, a line waits until the package is saved: it then says the
   * capture the document records. */
  if (check->json && !check->capture)
    print_ready_lines (check);
  show_progress (check);
}

static gboolean
parse_limits (WdChecker *checker,
              double     timeout,
              int        concurrency,
              int        per_host)
{
  if (!_wd_cli_check_range ("check", "--timeout", timeout,
                            WD_CHECKER_MIN_TIMEOUT, WD_CHECKER_MAX_TIMEOUT, TRUE) ||
      !_wd_cli_check_range ("check", "--concurrency", concurrency,
                            WD_CHECKER_MIN_CONCURRENCY, WD_CHECKER_MAX_CONCURRENCY, FALSE) ||
      !_wd_cli_check_range ("check", "--per-host", per_host,
                            WD_CHECKER_MIN_PER_HOST, WD_CHECKER_MAX_PER_HOST, FALSE))
    return FALSE;

  wd_checker_set_timeout (checker, timeout);
  wd_checker_set_max_concurrency (checker, concurrency);
  wd_checker_set_max_per_host (checker, per_host);
  return TRUE;
}

static gboolean
is_document_argument (GStrv args)
{
  return g_strv_length (args) == 1 && strstr (args[0], "://") == NULL &&
         (g_str_has_suffix (args[0], WD_NATIVE_FORMAT_EXTENSION) ||
          g_file_test (args[0], G_FILE_TEST_EXISTS));
}

int
wd_cli_check (int    argc,
              char **argv)
{
  g_auto(GStrv) args = NULL;
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(WdArticle) article = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GHashTable) pending = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(WdChecker) checker = wd_checker_new ();
  g_autoptr(WdEvidenceRecorder) recorder = NULL;
  gboolean json = FALSE, write = FALSE, no_evidence = FALSE, all_fine = TRUE;
  g_autofree char *evidence_limit = NULL;
  guint64 limit = WD_EVIDENCE_DEFAULT_LIMIT;
  double timeout = WD_CHECKER_DEFAULT_TIMEOUT;
  int concurrency = WD_CHECKER_DEFAULT_CONCURRENCY;
  int per_host = WD_CHECKER_DEFAULT_PER_HOST;
  Check check = { 0, };
  g_autofree char *timeout_help =
    g_strdup_printf (_("Seconds each URL may take (default %g)"), WD_CHECKER_DEFAULT_TIMEOUT);
  g_autofree char *concurrency_help =
    g_strdup_printf (_("URLs checked at once (default %d)"), WD_CHECKER_DEFAULT_CONCURRENCY);
  g_autofree char *per_host_help =
    g_strdup_printf (_("URLs checked at once on one host (default %d)"), WD_CHECKER_DEFAULT_PER_HOST);
  const GOptionEntry entries[] = {
    { "json", 0, 0, G_OPTION_ARG_NONE, &json,
      N_("Print one JSON object per URL and line, in input order"), NULL },
    { "write", 0, 0, G_OPTION_ARG_NONE, &write,
      N_("Store the results in the document (with a .wiredesk file)"), NULL },
    { "no-evidence", 0, 0, G_OPTION_ARG_NONE, &no_evidence,
      N_("With --write: do not add the pages to the evidence package"), NULL },
    { "evidence-limit", 0, 0, G_OPTION_ARG_STRING, &evidence_limit,
      N_("With --write: stop capturing before the evidence package passes SIZE on disk "
         "(\"500MB\", \"1GB\"; default 200MB)"), N_("SIZE") },
    { "timeout", 0, 0, G_OPTION_ARG_DOUBLE, &timeout, timeout_help, N_("S") },
    { "concurrency", 0, 0, G_OPTION_ARG_INT, &concurrency, concurrency_help, N_("N") },
    { "per-host", 0, 0, G_OPTION_ARG_INT, &per_host, per_host_help, N_("N") },
    { G_OPTION_REMAINING, 0, 0, G_OPTION_ARG_STRING_ARRAY, &args, NULL, NULL },
    { NULL }
  };

  context = g_option_context_new (_("URL… | FILE.wiredesk — check that sources are still there"));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!_wd_cli_parse_options (context, &argc, &argv, "check"))
    return WD_EXIT_USAGE;
  if (evidence_limit != NULL && !wd_evidence_parse_limit (evidence_limit, &limit))
    {
      g_autofree char *message =
        g_strdup_printf (_("--evidence-limit: “%s” is not a size (a number with kB, MB or GB; "
                           "megabytes without a unit)"), evidence_limit);
      _wd_cli_complain ("check", message);
      return WD_EXIT_USAGE;
    }

  if (args == NULL || args[0] == NULL)
    {
      _wd_cli_complain ("check", _("expected URLs or one document to check"));
      return WD_EXIT_USAGE;
    }

  if (!parse_limits (checker, timeout, concurrency, per_host))
    return WD_EXIT_USAGE;

  pending = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) g_queue_free);
  rows = g_ptr_array_new_with_free_func ((GDestroyNotify) row_free);
  check.checker = checker;
  check.cancellable = cancellable;
  check.rows = rows;
  check.pending = pending;
  check.json = json;
  check.progress = isatty (STDERR_FILENO);

  if (is_document_argument (args))
    {
      if (write && !g_str_has_suffix (args[0], WD_NATIVE_FORMAT_EXTENSION))
        {
          _wd_cli_complain ("check", _("--write stores results in a .wiredesk document only"));
          return WD_EXIT_USAGE;
        }

      article = _wd_cli_load_article (args[0], &error);
      if (article == NULL)
        {
          _wd_cli_print_error (args[0], error);
          return WD_EXIT_USAGE;
        }

      for (guint i = 0; i < wd_article_get_n_sources (article); i++)
        {
          WdSource *source = wd_article_get_source (article, i);
          add_row (&check, wd_source_get_url (source), source);
        }
    }
  else if (write)
    {
      _wd_cli_complain ("check", _("--write needs a .wiredesk document, not URLs"));
      return WD_EXIT_USAGE;
    }
  else
    {
      for (guint i = 0; args[i] != NULL; i++)
        {
          g_autofree char *clean = wd_url_has_credentials (args[i]) ? wd_url_normalize (args[i], NULL)
                                                                     : NULL;

          /* Not even in the table: the password stays out of the output. */
          if (clean != NULL)
            _wd_cli_complain ("check", _("the user name and password in an address were "
                                         "removed; Wiredesk never stores or sends them"));
          add_row (&check, clean != NULL ? clean : args[i], NULL);
        }
    }

  /* --write keeps what each source said: the evidence package. */
  if (write && !no_evidence)
    {
      g_autofree char *package = wd_evidence_package_path_for (args[0]);
      recorder = wd_evidence_recorder_new (package, checker);
      wd_evidence_recorder_set_limit (recorder, limit);
      check.capture = TRUE;
    }

  g_signal_connect (checker, "result", G_CALLBACK (on_result), &check);

  if (article != NULL)
    wd_checker_check_article_async (checker, article, cancellable, _wd_cli_keep_result, &check.result);
  else
    {
      g_autoptr(GPtrArray) urls = g_ptr_array_new ();

      for (guint i = 0; i < rows->len; i++)
        g_ptr_array_add (urls, ((Row *) g_ptr_array_index (rows, i))->url);
      g_ptr_array_add (urls, NULL);
      wd_checker_check_urls_async (checker, (const char * const *) urls->pdata, cancellable,
                                   _wd_cli_keep_result, &check.result);
    }

  show_progress (&check);
  _wd_cli_wait (&check.result, cancellable);
  clear_progress (&check);

  if (g_cancellable_is_cancelled (cancellable))
    {
      g_clear_object (&check.result);
      _wd_cli_complain ("check", _("interrupted; nothing was written"));
      return WD_EXIT_PROBLEMS;
    }
  g_clear_object (&check.result);

  if (!json)
    {
      print_table (&check);
      print_summary (&check);
    }

  for (guint i = 0; i < rows->len; i++)
    all_fine &= wd_check_status_is_good (wd_check_result_get_status (((Row *) g_ptr_array_index (rows, i))->result));

  if (write)
    {
      g_autoptr(GFile) file = g_file_new_for_commandline_arg (args[0]);

      /* A capture that cannot be kept never fails the check or the save:
       * the package first, so the ids the document records exist. */
      if (recorder != NULL && !wd_evidence_recorder_save (recorder, &error))
        {
          _wd_cli_complain ("check", error->message);
          g_clear_error (&error);
          for (guint i = 0; i < wd_article_get_n_sources (article); i++)
            {
              WdCheckResult *result = wd_source_get_check (wd_article_get_source (article, i));

              if (result != NULL)
                {
                  wd_check_result_set_text (result, "capture-id", NULL);
                  wd_check_result_set_text (result, "capture-digest", NULL);
                }
            }
        }
      if (recorder != NULL && wd_evidence_recorder_get_warning (recorder) != NULL)
        _wd_cli_complain ("check", wd_evidence_recorder_get_warning (recorder));

      if (check.json && check.capture)
        print_ready_lines (&check);

      if (!wd_native_format_save (article, file, NULL, &error))
        {
          _wd_cli_print_error (args[0], error);
          return WD_EXIT_USAGE;
        }
    }

  return all_fine ? WD_EXIT_OK : WD_EXIT_PROBLEMS;
}

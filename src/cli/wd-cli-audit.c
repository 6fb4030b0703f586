#define G_LOG_DOMAIN "wd-cli-audit"

#include "config.h"

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>
#include <stdio.h>

#include "wd-cli-private.h"
#include "wd-json-writer.h"

static const char *
severity_label (WdFindingSeverity severity)
{
  switch (severity)
    {
    case WD_FINDING_SEVERITY_ERROR:
      return _("error");
    case WD_FINDING_SEVERITY_WARNING:
      return _("warning");
    case WD_FINDING_SEVERITY_INFO:
    default:
      return _("note");
    }
}

/* One finding as one line of JSON. */
static void
append_json (GString   *out,
             WdFinding *finding)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *line = NULL;
  const char * const *items = wd_finding_get_items (finding);
  gsize start, end;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "code");
  json_builder_add_string_value (builder, wd_finding_get_code_nick (finding));
  json_builder_set_member_name (builder, "severity");
  json_builder_add_string_value (builder, wd_enum_to_nick (WD_TYPE_FINDING_SEVERITY,
                                                           wd_finding_get_severity (finding)));
  json_builder_set_member_name (builder, "message");
  json_builder_add_string_value (builder, wd_finding_get_message (finding));

  if (wd_finding_get_source_id (finding) != NULL)
    {
      json_builder_set_member_name (builder, "source");
      json_builder_add_string_value (builder, wd_finding_get_source_id (finding));
    }
  if (wd_finding_get_related_source_id (finding) != NULL)
    {
      json_builder_set_member_name (builder, "duplicate_of");
      json_builder_add_string_value (builder, wd_finding_get_related_source_id (finding));
    }
  if (wd_finding_get_paragraph (finding) >= 0)
    {
      json_builder_set_member_name (builder, "paragraph");
      json_builder_add_int_value (builder, wd_finding_get_paragraph (finding));
    }
  if (wd_finding_get_range (finding, &start, &end))
    {
      json_builder_set_member_name (builder, "start");
      json_builder_add_int_value (builder, (gint64) start);
      json_builder_set_member_name (builder, "end");
      json_builder_add_int_value (builder, (gint64) end);
    }
  if (wd_finding_get_replacement (finding) != NULL)
    {
      json_builder_set_member_name (builder, "replacement");
      json_builder_add_string_value (builder, wd_finding_get_replacement (finding));
    }
  if (items[0] != NULL)
    {
      json_builder_set_member_name (builder, "items");
      json_builder_begin_array (builder);
      for (guint i = 0; items[i] != NULL; i++)
        json_builder_add_string_value (builder, items[i]);
      json_builder_end_array (builder);
    }
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  line = wd_json_node_to_line (root);
  g_string_append (out, line);
  g_string_append_c (out, '\n');
}

static GBytes *
format_findings (WdAudit    *audit,
                 const char *file,
                 gboolean    json)
{
  GListModel *findings = wd_audit_get_findings (audit);
  guint n = g_list_model_get_n_items (findings);
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(WdFinding) finding = g_list_model_get_item (findings, i);

      if (json)
        append_json (out, finding);
      else
        g_string_append_printf (out, "%s: %s [%s] %s\n", file,
                                severity_label (wd_finding_get_severity (finding)),
                                wd_finding_get_code_nick (finding),
                                wd_finding_get_message (finding));
    }

  if (!json)
    {
      g_autofree char *summary = wd_audit_dup_summary (audit);

      g_string_append_printf (out, "%s: %s\n", file, summary);
    }

  return g_string_free_to_bytes (out);
}

int
wd_cli_audit (int    argc,
              char **argv)
{
  g_autofree char *output = NULL;
  g_auto(GStrv) files = NULL;
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(WdArticle) article = NULL;
  g_autoptr(WdAudit) audit = NULL;
  g_autoptr(WdQuoteTexts) texts = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  gboolean json = FALSE;
  gboolean prov = FALSE;
  gboolean damaged = FALSE;
  int stale_days = WD_AUDIT_DEFAULT_STALE_DAYS;
  int min_sources = WD_AUDIT_DEFAULT_MIN_INDEPENDENT;
  g_autofree char *stale_help =
    g_strdup_printf (_("A check older than DAYS is stale (default: %d)"), WD_AUDIT_DEFAULT_STALE_DAYS);
  g_autofree char *min_sources_help =
    g_strdup_printf (_("Fewer independent sources than N is weak sourcing (default: %d)"),
                     WD_AUDIT_DEFAULT_MIN_INDEPENDENT);
  const GOptionEntry entries[] = {
    { "json", 0, 0, G_OPTION_ARG_NONE, &json,
      N_("One JSON object per finding and line"), NULL },
    { "prov", 0, 0, G_OPTION_ARG_NONE, &prov,
      N_("Write the article’s provenance as W3C PROV-JSON instead"), NULL },
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output,
      N_("Write to OUT (default: standard output)"), N_("OUT") },
    { "stale-days", 0, 0, G_OPTION_ARG_INT, &stale_days, stale_help, N_("DAYS") },
    { "min-sources", 0, 0, G_OPTION_ARG_INT, &min_sources, min_sources_help, N_("N") },
    { G_OPTION_REMAINING, 0, 0, G_OPTION_ARG_FILENAME_ARRAY, &files, NULL, N_("FILE") },
    { NULL }
  };

  context = g_option_context_new (_("FILE.wiredesk|FILE.txt|FILE.md — audit how an article is sourced"));
  g_option_context_set_summary (context,
                                _("Exit status: 0 no errors (warnings and notes allowed), "
                                  "1 errors found, 2 usage or input error."));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!_wd_cli_parse_options (context, &argc, &argv, "audit"))
    return WD_EXIT_USAGE;

  if (files == NULL || g_strv_length (files) != 1)
    {
      _wd_cli_complain ("audit", _("expected exactly one FILE to audit"));
      return WD_EXIT_USAGE;
    }

  if (json && prov)
    {
      _wd_cli_complain ("audit", _("--json and --prov cannot be used together"));
      return WD_EXIT_USAGE;
    }

  if (!_wd_cli_check_range ("audit", "--stale-days", stale_days,
                            WD_AUDIT_MIN_STALE_DAYS, WD_AUDIT_MAX_STALE_DAYS, FALSE) ||
      !_wd_cli_check_range ("audit", "--min-sources", min_sources,
                            WD_AUDIT_MIN_MIN_INDEPENDENT, WD_AUDIT_MAX_MIN_INDEPENDENT, FALSE))
    return WD_EXIT_USAGE;

  article = _wd_cli_load_article (files[0], &error);
  if (article == NULL)
    {
      _wd_cli_print_error (files[0], error);
      return WD_EXIT_USAGE;
    }

  if (prov)
    {
      g_autoptr(WdEvidencePackage) package = _wd_cli_open_evidence (files[0]);

      bytes = wd_export_prov_with_evidence (article, package);
      if (!_wd_cli_write_output (bytes, output, &error))
        {
          _wd_cli_print_error (NULL, error);
          return WD_EXIT_USAGE;
        }
      return WD_EXIT_OK;
    }

  audit = wd_audit_new ();
  /* The quotations are checked when the document has an evidence package. */
  texts = _wd_cli_load_quote_texts ("audit", files[0], article, FALSE, &damaged);
  wd_audit_set_quote_texts (audit, texts);
  wd_audit_set_stale_days (audit, (guint) stale_days);
  wd_audit_set_min_independent_sources (audit, (guint) min_sources);
  wd_audit_run (audit, article);

  bytes = format_findings (audit, files[0], json);
  if (!_wd_cli_write_output (bytes, output, &error))
    {
      _wd_cli_print_error (NULL, error);
      return WD_EXIT_USAGE;
    }

  /* An evidence record that could not be read: the audit is incomplete. */
  if (damaged)
    return WD_EXIT_USAGE;
  return wd_audit_get_n_errors (audit) > 0 ? WD_EXIT_PROBLEMS : WD_EXIT_OK;
}

#define G_LOG_DOMAIN "wd-cli-evidence"

#include "config.h"

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>
#include <stdio.h>
#include <string.h>

#include "wd-cli-private.h"

/* The package beside @document; NULL with the error printed. */
static WdEvidencePackage *
open_package (const char *document,
              GError    **error)
{
  g_autofree char *path = wd_evidence_package_path_for (document);

  return wd_evidence_package_open (path, error);
}

static char *
json_line (JsonBuilder *builder)
{
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = json_builder_get_root (builder);

  json_generator_set_root (generator, root);
  return json_generator_to_data (generator, NULL);
}

static void
add_text (JsonBuilder *builder,
          const char  *name,
          const char  *value)
{
  json_builder_set_member_name (builder, name);
  if (value != NULL)
    json_builder_add_string_value (builder, value);
  else
    json_builder_add_null_value (builder);
}

/* Text from a page or a package, for a terminal: a line break or a tab
 * (a hard-wrapped quotation) becomes a space, other control characters
 * (an escape sequence could rewrite the screen) "?". */
static char *
printable (const char *text)
{
  GString *out;

  if (text == NULL)
    return g_strdup ("");
  out = g_string_sized_new (strlen (text));
  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char_validated (p, -1);

      if (c == (gunichar) -1 || c == (gunichar) -2)
        {
          g_string_append_c (out, '?');
          p++;
          if (*p == '\0')
            break;
          continue;
        }
      if (c == '\r' && p[1] == '\n')
        continue;
      if (c == '\n' || c == '\r' || c == '\t')
        g_string_append_c (out, ' ');
      else if (g_unichar_iscntrl (c))
        g_string_append_c (out, '?');
      else
        g_string_append_unichar (out, c);
    }
  return g_string_free (out, FALSE);
}

/* ------------------------------------------------------------- quotes */

WdQuoteTexts *
_wd_cli_load_quote_texts (const char *command,
                          const char *document,
                          WdArticle  *article,
                          gboolean    complain_if_missing,
                          gboolean   *damaged)
{
  g_autoptr(WdEvidencePackage) package = NULL;
  g_autoptr(GError) error = NULL;
  WdQuoteTexts *texts = NULL;
  GPtrArray *problems;

  /* A missing or damaged package is said, never fatal. */
  *damaged = FALSE;
  package = open_package (document, &error);
  if (package != NULL)
    texts = wd_quote_texts_from_package (package, article, &error);
  else if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND))
    {
      if (complain_if_missing)
        _wd_cli_complain (command, _("no evidence package yet: `wiredesk check --write` makes one"));
      return NULL;
    }
  if (texts == NULL)
    {
      /* Nothing in it can be read: every quotation says why. */
      g_autofree char *path = wd_evidence_package_path_for (document);
      g_autofree char *problem = g_str_has_prefix (error->message, path)
                                 ? g_strdup (error->message)
                                 : g_strdup_printf ("%s: %s", path, error->message);

      texts = wd_quote_texts_new ();
      wd_quote_texts_add_unreadable (texts, NULL, problem);
    }

  problems = wd_quote_texts_get_problems (texts);
  for (guint i = 0; i < problems->len; i++)
    fprintf (stderr, "%s\n", (const char *) g_ptr_array_index (problems, i));
  *damaged = problems->len > 0;
  return texts;
}

WdEvidencePackage *
_wd_cli_open_evidence (const char *document)
{
  g_autoptr(GError) error = NULL;
  WdEvidencePackage *package = open_package (document, &error);

  if (package == NULL && !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND))
    _wd_cli_print_error (document, error);
  return package;
}

/* A source as the editor sees it (label, page title or address), for
 * the text output; JSON keeps the id. */
static char *
source_display_name (WdArticle  *article,
                     const char *id)
{
  for (guint i = 0; id != NULL && i < wd_article_get_n_sources (article); i++)
    {
      WdSource *source = wd_article_get_source (article, i);

      if (g_str_equal (wd_source_get_id (source), id))
        return wd_source_dup_display_name (source);
    }
  return g_strdup (id);
}

static const char *
verdict_label (WdQuoteVerdict verdict)
{
  switch (verdict)
    {
    case WD_QUOTE_VERDICT_VERIFIED:
      return _("verified");
    case WD_QUOTE_VERDICT_ALTERED:
      return _("altered");
    case WD_QUOTE_VERDICT_NOT_FOUND:
      return _("not found");
    case WD_QUOTE_VERDICT_IN_OTHER_SOURCE:
      return _("in another source");
    case WD_QUOTE_VERDICT_REMOVED:
      return _("removed from the source");
    case WD_QUOTE_VERDICT_UNVERIFIABLE:
    default:
      return _("unverifiable");
    }
}

int
wd_cli_quotes (int    argc,
               char **argv)
{
  g_auto(GStrv) args = NULL;
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(WdArticle) article = NULL;
  g_autoptr(WdQuoteTexts) texts = NULL;
  g_autoptr(GPtrArray) quotes = NULL;
  g_autoptr(GPtrArray) ids = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) out = g_string_new (NULL);
  gboolean json = FALSE, problems = FALSE, damaged = FALSE;
  const GOptionEntry entries[] = {
    { "json", 0, 0, G_OPTION_ARG_NONE, &json,
      N_("Print one JSON object per quotation and line"), NULL },
    { G_OPTION_REMAINING, 0, 0, G_OPTION_ARG_STRING_ARRAY, &args, NULL, NULL },
    { NULL }
  };

  context = g_option_context_new (_("FILE.wiredesk — check the article’s quotations against its sources"));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!_wd_cli_parse_options (context, &argc, &argv, "quotes"))
    return WD_EXIT_USAGE;
  if (args == NULL || args[0] == NULL || args[1] != NULL)
    {
      _wd_cli_complain ("quotes", _("expected one document"));
      return WD_EXIT_USAGE;
    }

  article = _wd_cli_load_article (args[0], &error);
  if (article == NULL)
    {
      _wd_cli_print_error (args[0], error);
      return WD_EXIT_USAGE;
    }

  /* Without a package every quotation is unverifiable. */
  texts = _wd_cli_load_quote_texts ("quotes", args[0], article, TRUE, &damaged);
  if (texts == NULL)
    texts = wd_quote_texts_new ();

  for (guint i = 0; i < wd_article_get_n_sources (article); i++)
    g_ptr_array_add (ids, (gpointer) wd_source_get_id (wd_article_get_source (article, i)));
  g_ptr_array_add (ids, NULL);

  quotes = wd_quotes_check (wd_article_get_body (article), (const char * const *) ids->pdata, texts);
  for (guint i = 0; i < quotes->len; i++)
    {
      WdQuote *q = g_ptr_array_index (quotes, i);
      gboolean shows_source = q->verdict == WD_QUOTE_VERDICT_ALTERED ||
                              q->verdict == WD_QUOTE_VERDICT_IN_OTHER_SOURCE ||
                              q->verdict == WD_QUOTE_VERDICT_REMOVED;

      problems |= q->verdict != WD_QUOTE_VERDICT_VERIFIED &&
                  q->verdict != WD_QUOTE_VERDICT_UNVERIFIABLE;

      if (json)
        {
          g_autoptr(JsonBuilder) builder = json_builder_new ();
          g_autofree char *line = NULL;

          json_builder_begin_object (builder);
          json_builder_set_member_name (builder, "paragraph");
          json_builder_add_int_value (builder, q->paragraph);
          add_text (builder, "quote", q->text);
          add_text (builder, "verdict", wd_enum_to_nick (WD_TYPE_QUOTE_VERDICT, q->verdict));
          add_text (builder, "source", q->source);
          add_text (builder, "source_text", shows_source ? q->source_text : NULL);
          json_builder_end_object (builder);
          line = json_line (builder);
          g_string_append_printf (out, "%s\n", line);
        }
      else
        {
          g_autofree char *text = printable (q->text);
          g_autofree char *name = source_display_name (article, q->source);
          g_autofree char *source = printable (name);
          g_autofree char *source_text = printable (q->source_text);

          g_string_append_printf (out, _("%s: paragraph %u: %s: “%s”"), args[0], q->paragraph + 1,
                                  verdict_label (q->verdict), text);
          if (q->source != NULL && q->verdict != WD_QUOTE_VERDICT_NOT_FOUND)
            g_string_append_printf (out, _(" (source “%s”)"), source);
          if (q->verdict == WD_QUOTE_VERDICT_REMOVED && q->source_text != NULL)
            g_string_append_printf (out, _(" — it now says: “%s”"), source_text);
          else if (shows_source && q->source_text != NULL)
            g_string_append_printf (out, _(" — the source says: “%s”"), source_text);
          g_string_append_c (out, '\n');
        }
    }

  fputs (out->str, stdout);
  /* A record that could not be read leaves the check incomplete. */
  if (damaged)
    return WD_EXIT_USAGE;
  return problems ? WD_EXIT_PROBLEMS : WD_EXIT_OK;
}

/* ----------------------------------------------------------- evidence */

int
wd_cli_evidence (int    argc,
                 char **argv)
{
  g_auto(GStrv) args = NULL;
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(WdEvidencePackage) package = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) out = g_string_new (NULL);
  g_autofree char *extract = NULL;
  g_autofree char *output = NULL;
  gboolean json = FALSE, verify = FALSE, raw = FALSE;
  GPtrArray *captures;
  const GOptionEntry entries[] = {
    { "json", 0, 0, G_OPTION_ARG_NONE, &json,
      N_("Print one JSON object per capture and line"), NULL },
    { "verify", 0, 0, G_OPTION_ARG_NONE, &verify,
      N_("Recompute every digest; exit 1 on a mismatch"), NULL },
    { "extract", 0, 0, G_OPTION_ARG_STRING, &extract,
      N_("Write the body of one capture or redirect hop, or the text of a text record"), N_("RECORD-ID") },
    { "raw", 0, 0, G_OPTION_ARG_NONE, &raw,
      N_("With --extract: the body as received (gzip stays gzip)"), NULL },
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output,
      N_("Write to FILE instead of standard output"), N_("FILE") },
    { G_OPTION_REMAINING, 0, 0, G_OPTION_ARG_STRING_ARRAY, &args, NULL, NULL },
    { NULL }
  };

  context = g_option_context_new (_("FILE.wiredesk — list, verify or extract what the sources said"));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!_wd_cli_parse_options (context, &argc, &argv, "evidence"))
    return WD_EXIT_USAGE;
  if (args == NULL || args[0] == NULL || args[1] != NULL)
    {
      _wd_cli_complain ("evidence", _("expected one document"));
      return WD_EXIT_USAGE;
    }
  /* Options that would do nothing are mistakes, said before any work. */
  if (extract == NULL && (output != NULL || raw))
    {
      _wd_cli_complain ("evidence", output != NULL ? _("-o needs --extract RECORD-ID: the list and "
                                                        "--verify print to standard output")
                                                   : _("--raw needs --extract RECORD-ID"));
      return WD_EXIT_USAGE;
    }
  if ((extract != NULL ? 1 : 0) + (verify ? 1 : 0) + (json ? 1 : 0) > 1)
    {
      _wd_cli_complain ("evidence", _("--extract, --verify and --json go one at a time"));
      return WD_EXIT_USAGE;
    }

  package = open_package (args[0], &error);
  if (package == NULL)
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND))
        _wd_cli_complain ("evidence", _("no evidence package yet: `wiredesk check --write` makes one"));
      else
        _wd_cli_print_error (args[0], error);
      return WD_EXIT_USAGE;
    }
  captures = wd_evidence_package_get_captures (package);

  if (extract != NULL)
    {
      WdCapture *capture = wd_evidence_package_find (package, extract);
      g_autoptr(GBytes) body = NULL;

      if (capture == NULL)
        {
          g_autofree char *message = g_strdup_printf (_("no record with the id %s in the index "
                                                        "(a capture, a redirect hop or a text record)"),
                                                      extract);
          _wd_cli_complain ("evidence", message);
          return WD_EXIT_USAGE;
        }
      /* A conversion record holds the page's visible text: as written. */
      if (wd_capture_is_text_record (capture, extract))
        {
          char *text = wd_evidence_package_read_stored_text (package, capture, &error);

          body = text != NULL ? g_bytes_new_take (text, strlen (text)) : NULL;
        }
      else
        body = raw ? wd_evidence_package_read_payload (package, capture, &error)
                   : wd_evidence_package_read_body (package, capture, &error);
      if (body == NULL)
        {
          _wd_cli_print_error (wd_evidence_package_get_path (package), error);
          return WD_EXIT_PROBLEMS;
        }
      /* The output's own error names the output, not the package. */
      if (!_wd_cli_write_output (body, output, &error))
        {
          _wd_cli_complain ("evidence", error->message);
          return WD_EXIT_PROBLEMS;
        }
      return WD_EXIT_OK;
    }

  if (verify)
    {
      g_autoptr(GPtrArray) problems = NULL;

      if (!wd_evidence_package_verify (package, &problems, &error) && problems == NULL)
        {
          _wd_cli_print_error (wd_evidence_package_get_path (package), error);
          return WD_EXIT_PROBLEMS;
        }
      for (guint i = 0; i < problems->len; i++)
        g_printerr ("%s: %s\n", wd_evidence_package_get_path (package),
                    (char *) g_ptr_array_index (problems, i));
      if (problems->len > 0)
        return WD_EXIT_PROBLEMS;
      printf (ngettext ("%s: %u capture, every digest matches\n",
                        "%s: %u captures, every digest matches\n", captures->len),
              wd_evidence_package_get_path (package), captures->len);
      return WD_EXIT_OK;
    }

  for (guint i = 0; i < captures->len; i++)
    {
      WdCapture *c = g_ptr_array_index (captures, i);

      if (json)
        {
          g_autoptr(JsonBuilder) builder = json_builder_new ();
          g_autofree char *line = NULL;

          json_builder_begin_object (builder);
          add_text (builder, "source", c->source);
          add_text (builder, "url", c->url);
          add_text (builder, "captured_at", c->captured_at);
          json_builder_set_member_name (builder, "http_status");
          json_builder_add_int_value (builder, c->http_status);
          add_text (builder, "record_id", c->record_id);
          add_text (builder, "payload_digest", c->payload_digest);
          add_text (builder, "package", wd_evidence_package_get_path (package));
          json_builder_end_object (builder);
          line = json_line (builder);
          g_string_append_printf (out, "%s\n", line);
        }
      else
        {
          g_autofree char *size = g_format_size (c->size);
          g_autofree char *at = printable (c->captured_at);
          g_autofree char *verdict = printable (c->verdict);
          g_autofree char *id = printable (c->record_id);
          g_autofree char *url = printable (c->url);

          g_string_append_printf (out, "%s  %3u  %-14s  %9s  %s  %s\n", at, c->http_status,
                                  verdict, size, id, url);
        }
    }

  if (!json)
    {
      g_autofree char *size = g_format_size (wd_evidence_package_get_size (package));

      g_string_append_printf (out, ngettext ("%s: %u capture, %s\n", "%s: %u captures, %s\n",
                                             captures->len),
                              wd_evidence_package_get_path (package), captures->len, size);
    }
  fputs (out->str, stdout);
  return WD_EXIT_OK;
}

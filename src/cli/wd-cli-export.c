#define G_LOG_DOMAIN "wd-cli-export"

#include "config.h"

#include <glib/gi18n.h>
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "wd-cli-private.h"

/* "dir/story.wiredesk" → "story" */
static char *
file_stem (const char *path)
{
  static const char * const extensions[] = { WD_NATIVE_FORMAT_EXTENSION, ".txt", ".md", ".markdown" };
  char *base = g_path_get_basename (path);

  for (guint i = 0; i < G_N_ELEMENTS (extensions); i++)
    if (g_str_has_suffix (base, extensions[i]) && !g_str_equal (base, extensions[i]))
      {
        base[strlen (base) - strlen (extensions[i])] = '\0';
        break;
      }

  return base;
}

/* The provenance lists every capture of the package beside the document. */
static GBytes *
serialize (WdArticle       *article,
           WdExportFormat   format,
           const char      *input,
           GError         **error)
{
  g_autoptr(WdEvidencePackage) package = NULL;

  if (format != WD_EXPORT_FORMAT_PROV)
    return wd_export_serialize (article, format, error);
  if (!wd_export_check (article, NULL, error))
    return NULL;
  package = _wd_cli_open_evidence (input);
  return wd_export_prov_with_evidence (article, package);
}

static gboolean
export_one (WdArticle       *article,
            WdExportFormat   format,
            const char      *input,
            const char      *output)
{
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;

  if (output != NULL)
    {
      g_autoptr(GFile) in_file = g_file_new_for_commandline_arg (input);
      g_autoptr(GFile) out_file = g_file_new_for_commandline_arg (output);

      if (g_file_equal (in_file, out_file))
        {
          fprintf (stderr, "%s: ", input);
          fprintf (stderr, _("refusing to write the export over the document itself"));
          fputc ('\n', stderr);
          return FALSE;
        }
    }

  bytes = serialize (article, format, input, &error);
  if (bytes == NULL)
    {
      _wd_cli_print_error (input, error);
      return FALSE;
    }

  if (!_wd_cli_write_output (bytes, output, &error))
    {
      _wd_cli_print_error (NULL, error);
      return FALSE;
    }

  return TRUE;
}

/* The exported document takes its evidence package along: DIR/stem.wacz
 * beside DIR/stem.wiredesk, a byte-for-byte copy (replacing an older
 * export's). Without a package, an older export's is left alone, said. */
static gboolean
copy_evidence (const char *input,
               const char *directory,
               const char *stem)
{
  g_autofree char *from_path = wd_evidence_package_path_for (input);
  g_autofree char *name = g_strconcat (stem, WD_NATIVE_FORMAT_EXTENSION, NULL);
  g_autofree char *document = g_build_filename (directory, name, NULL);
  g_autofree char *to_path = wd_evidence_package_path_for (document);
  g_autoptr(GFile) from = g_file_new_for_path (from_path);
  g_autoptr(GFile) to = g_file_new_for_path (to_path);
  g_autoptr(GError) error = NULL;

  if (!g_file_query_exists (from, NULL))
    {
      if (g_file_query_exists (to, NULL))
        {
          fprintf (stderr, _("%s: warning: %s is from an earlier export; this document has no evidence package"),
                   input, to_path);
          fputc ('\n', stderr);
        }
      return TRUE;
    }

  if (!g_file_copy (from, to, G_FILE_COPY_OVERWRITE, NULL, NULL, NULL, &error))
    {
      _wd_cli_print_error (to_path, error);
      return FALSE;
    }
  return TRUE;
}

static gboolean
export_all (WdArticle  *article,
            const char *input,
            const char *directory)
{
  g_autofree char *stem = file_stem (input);

  if (g_mkdir_with_parents (directory, 0777) != 0)
    {
      int saved_errno = errno;

      fprintf (stderr, "%s: %s\n", directory, g_strerror (saved_errno));
      return FALSE;
    }

  for (guint i = 0; i < WD_EXPORT_N_FORMATS; i++)
    {
      g_autofree char *name = g_strconcat (stem, wd_export_format_get_extension (i), NULL);
      g_autofree char *path = g_build_filename (directory, name, NULL);

      if (!export_one (article, i, input, path))
        return FALSE;
    }

  return copy_evidence (input, directory, stem);
}

/* Prints the warnings; returns FALSE when --strict makes them fatal. */
gboolean
_wd_cli_report_export_warnings (const char *input,
                                GPtrArray  *warnings,
                                gboolean    strict)
{
  for (guint i = 0; warnings != NULL && i < warnings->len; i++)
    {
      const char *what = g_ptr_array_index (warnings, i);

      if (strict)
        fprintf (stderr, _("%s: error: %s"), input, what);
      else
        fprintf (stderr, _("%s: warning: %s"), input, what);
      fputc ('\n', stderr);
    }

  if (strict && warnings != NULL && warnings->len > 0)
    {
      fprintf (stderr, _("%s: nothing written: --strict turns the warnings above into errors"),
               input);
      fputc ('\n', stderr);
      return FALSE;
    }

  return TRUE;
}

int
wd_cli_export (int    argc,
               char **argv)
{
  g_autofree char *output = NULL;
  g_autofree char *format_name = NULL;
  g_autofree char *all = NULL;
  g_autofree char *format_help = NULL;
  g_auto(GStrv) files = NULL;
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GPtrArray) warnings = NULL;
  g_autoptr(WdArticle) article = NULL;
  g_autoptr(GError) error = NULL;
  gboolean strict = FALSE;
  WdExportFormat format = WD_EXPORT_FORMAT_NATIVE;
  GOptionEntry entries[] = {
    { "format", 'f', 0, G_OPTION_ARG_STRING, &format_name, NULL, N_("FORMAT") },
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output,
      N_("Write to OUT (default: standard output)"), N_("OUT") },
    { "all", 0, 0, G_OPTION_ARG_FILENAME, &all,
      N_("Write every format into DIR, named after FILE"), N_("DIR") },
    { "strict", 0, 0, G_OPTION_ARG_NONE, &strict,
      N_("Treat warnings (unchecked or broken sources, unknown citations) as errors"), NULL },
    { G_OPTION_REMAINING, 0, 0, G_OPTION_ARG_FILENAME_ARRAY, &files, NULL, NULL },
    { NULL }
  };

  format_help = g_strdup_printf (_("Export format: %s"), wd_export_format_list_names ());
  entries[0].description = format_help;

  context = g_option_context_new (_("FILE — export a document for a CMS"));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!_wd_cli_parse_options (context, &argc, &argv, "export"))
    return WD_EXIT_USAGE;

  if (files == NULL || g_strv_length (files) != 1)
    {
      _wd_cli_complain ("export", _("expected exactly one FILE to export"));
      return WD_EXIT_USAGE;
    }

  if (all != NULL && (format_name != NULL || output != NULL))
    {
      _wd_cli_complain ("export", _("--all writes every format: it does not go with --format or --output"));
      return WD_EXIT_USAGE;
    }

  if (all == NULL && format_name == NULL)
    {
      g_autofree char *problem = g_strdup_printf (_("--format or --all is required (formats: %s)"),
                                                  wd_export_format_list_names ());

      _wd_cli_complain ("export", problem);
      return WD_EXIT_USAGE;
    }

  if (format_name != NULL && !wd_export_format_from_name (format_name, &format))
    {
      g_autofree char *problem = g_strdup_printf (_("unknown format “%s” (available: %s)"), format_name,
                                                  wd_export_format_list_names ());

      _wd_cli_complain ("export", problem);
      return WD_EXIT_USAGE;
    }

  article = _wd_cli_load_article (files[0], &error);
  if (article == NULL)
    {
      _wd_cli_print_error (files[0], error);
      return WD_EXIT_USAGE;
    }

  if (!wd_export_check (article, &warnings, &error))
    {
      _wd_cli_print_error (files[0], error);
      return WD_EXIT_USAGE;
    }

  if (!_wd_cli_report_export_warnings (files[0], warnings, strict))
    return WD_EXIT_PROBLEMS;

  if (all != NULL)
    return export_all (article, files[0], all) ? WD_EXIT_OK : WD_EXIT_USAGE;

  return export_one (article, format, files[0], output) ? WD_EXIT_OK : WD_EXIT_USAGE;
}

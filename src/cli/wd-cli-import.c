#define G_LOG_DOMAIN "wd-cli-import"

#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>

#include "wd-cli-private.h"

int
wd_cli_import (int    argc,
               char **argv)
{
  g_autofree char *output = NULL;
  g_autofree char *format_name = NULL;
  g_auto(GStrv) files = NULL;
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GPtrArray) warnings = NULL;
  g_autoptr(WdArticle) article = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) file = NULL;
  WdImportFormat format = WD_IMPORT_FORMAT_AUTO;
  const GOptionEntry entries[] = {
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output,
      N_("Write the document to OUT (default: standard output)"), N_("OUT") },
    { "from", 0, 0, G_OPTION_ARG_STRING, &format_name,
      N_("Read the input as “text” or “markdown” (default: by extension)"), N_("FORMAT") },
    { G_OPTION_REMAINING, 0, 0, G_OPTION_ARG_FILENAME_ARRAY, &files, NULL, NULL },
    { NULL }
  };

  context = g_option_context_new (_("FILE.txt|FILE.md — import a synthesis"));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!_wd_cli_parse_options (context, &argc, &argv, "import"))
    return WD_EXIT_USAGE;

  if (files == NULL || g_strv_length (files) != 1)
    {
      _wd_cli_complain ("import", _("expected exactly one FILE to import"));
      return WD_EXIT_USAGE;
    }

  if (format_name != NULL)
    {
      if (g_str_equal (format_name, "text"))
        format = WD_IMPORT_FORMAT_TEXT;
      else if (g_str_equal (format_name, "markdown"))
        format = WD_IMPORT_FORMAT_MARKDOWN;
      else
        {
          g_autofree char *problem =
            g_strdup_printf (_("unknown input format “%s” (expected text or markdown)"), format_name);

          _wd_cli_complain ("import", problem);
          return WD_EXIT_USAGE;
        }
    }

  file = g_file_new_for_commandline_arg (files[0]);
  article = wd_import_file (file, format, &warnings, NULL, &error);
  if (article == NULL)
    {
      _wd_cli_print_error (files[0], error);
      return WD_EXIT_USAGE;
    }

  bytes = wd_native_format_serialize (article);
  if (!_wd_cli_write_output (bytes, output, &error))
    {
      _wd_cli_print_error (NULL, error);
      return WD_EXIT_USAGE;
    }

  for (guint i = 0; warnings != NULL && i < warnings->len; i++)
    fprintf (stderr, "%s\n", (const char *) g_ptr_array_index (warnings, i));

  return warnings != NULL && warnings->len > 0 ? WD_EXIT_PROBLEMS : WD_EXIT_OK;
}

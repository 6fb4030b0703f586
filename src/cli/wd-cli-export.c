#define G_LOG_DOMAIN "wd-cli-export"

#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>

#include "wd-cli-private.h"

int
wd_cli_export (int    argc,
               char **argv)
{
  g_autofree char *output = NULL;
  g_autofree char *format = NULL;
  g_auto(GStrv) files = NULL;
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(WdArticle) article = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  const GOptionEntry entries[] = {
    { "format", 'f', 0, G_OPTION_ARG_STRING, &format,
      N_("Export format: native"), N_("FORMAT") },
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output,
      N_("Write to OUT (default: standard output)"), N_("OUT") },
    { G_OPTION_REMAINING, 0, 0, G_OPTION_ARG_FILENAME_ARRAY, &files, NULL, NULL },
    { NULL }
  };

  context = g_option_context_new (_("FILE.wiredesk — export a document"));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!_wd_cli_parse_options (context, &argc, &argv, "export"))
    return WD_EXIT_USAGE;

  if (files == NULL || g_strv_length (files) != 1)
    {
      fprintf (stderr, "wiredesk export: %s\n", _("expected exactly one FILE to export"));
      return WD_EXIT_USAGE;
    }

  if (format == NULL)
    {
      fprintf (stderr, "wiredesk export: %s\n", _("--format is required (available: native)"));
      return WD_EXIT_USAGE;
    }

  if (!g_str_equal (format, "native"))
    {
      fprintf (stderr, "wiredesk export: ");
      fprintf (stderr, _("unknown format “%s” (available: native)"), format);
      fputc ('\n', stderr);
      return WD_EXIT_USAGE;
    }

  article = _wd_cli_load_article (files[0], &error);
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

  return WD_EXIT_OK;
}

#define G_LOG_DOMAIN "wd-cli"

#include "config.h"

#include <glib/gi18n.h>
#include <glib-unix.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "wd-cli.h"
#include "wd-cli-private.h"

static const WdCliCommand commands[] = {
  { "check", N_("[--json] [--timeout S] [--concurrency N] [--per-host N] URL…|FILE.wiredesk [--write]"),
    N_("Check that source URLs still lead to their pages"), wd_cli_check },
  { "import", N_("FILE.txt|FILE.md [-o OUT.wiredesk]"),
    N_("Turn a plain-text or Markdown synthesis into a document"), wd_cli_import },
  { "export", N_("FILE --format native|ninjs|ninjs2|jsonld|prov [-o OUT] | --all DIR [--strict]"),
    N_("Write a document in an export format"), wd_cli_export },
  { "audit", N_("FILE.wiredesk|FILE.txt|FILE.md [--json] [--prov] [-o OUT]"),
    N_("Report how well an article is sourced (provenance audit)"), wd_cli_audit },
  { "publish", N_("FILE.wiredesk --endpoint URL [--format ninjs|jsonld|wordpress] | --login URL"),
    N_("Send a document to a CMS, or store a CMS credential in the keyring"), wd_cli_publish },
  { "history", N_("FILE.wiredesk [--json] | --diff A B | --restore N -o OUT"),
    N_("List the revisions of a document, compare two, or restore one"), wd_cli_history },
  { "quotes", N_("FILE.wiredesk [--json]"),
    N_("Check the article’s quotations against what its sources said"), wd_cli_quotes },
  { "evidence", N_("FILE.wiredesk [--json] | --verify | --extract RECORD-ID [-o FILE]"),
    N_("List, verify or extract the captures of the article’s sources"), wd_cli_evidence },
};

static const WdCliCommand *
find_command (const char *name)
{
  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    if (g_str_equal (commands[i].name, name))
      return &commands[i];
  return NULL;
}

/* "frobnicate": a bare lower-case word (letters, digits, hyphens) that
 * names no file here is a mistyped command, not a document to create. */
static gboolean
is_unknown_word (const char *arg)
{
  if (!g_ascii_islower (arg[0]))
    return FALSE;
  for (const char *p = arg; *p != '\0'; p++)
    if (!g_ascii_islower (*p) && !g_ascii_isdigit (*p) && *p != '-')
      return FALSE;
  return find_command (arg) == NULL && !g_file_test (arg, G_FILE_TEST_EXISTS);
}

gboolean
wd_cli_wants (int    argc,
              char **argv)
{
  if (argc < 2)
    return FALSE;

  return find_command (argv[1]) != NULL || is_unknown_word (argv[1]) ||
         g_str_equal (argv[1], "help") ||
         g_str_equal (argv[1], "--help") || g_str_equal (argv[1], "-h") ||
         g_str_equal (argv[1], "--version");
}

static void
print_help (FILE *out)
{
  fprintf (out, "%s\n", _("Usage:"));
  fprintf (out, "  wiredesk %s\n    %s\n", _("[FILE…]"), _("Open the editor on the given documents"));
  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    fprintf (out, "  wiredesk %s %s\n    %s\n",
             commands[i].name, _(commands[i].parameters), _(commands[i].summary));
  fprintf (out, "  wiredesk --version\n\n");
  fprintf (out, "%s\n", _("Run “wiredesk COMMAND --help” for the options of a command."));
  fprintf (out, "%s\n", _("Exit status: 0 success, 1 problems found, 2 usage or input error."));
}

int
wd_cli_run (int    argc,
            char **argv)
{
  const WdCliCommand *command;

  g_return_val_if_fail (argc >= 2, WD_EXIT_USAGE);

  if (g_str_equal (argv[1], "--version"))
    {
      printf ("wiredesk %s\n", PACKAGE_VERSION);
      return WD_EXIT_OK;
    }

  if (g_str_equal (argv[1], "--help") || g_str_equal (argv[1], "-h") ||
      g_str_equal (argv[1], "help"))
    {
      print_help (stdout);
      return WD_EXIT_OK;
    }

  command = find_command (argv[1]);
  if (command == NULL)
    {
      /* TRANSLATORS: %s is the word typed after "wiredesk" */
      fprintf (stderr, _("wiredesk: “%s” is not a wiredesk command."), argv[1]);
      fputs ("\n\n", stderr);
      print_help (stderr);
      return WD_EXIT_USAGE;
    }

  /* "Usage: wiredesk import [OPTION…]" in the command's --help */
  {
    g_autofree char *prgname = g_strdup_printf ("wiredesk %s", command->name);
    g_set_prgname (prgname);
  }

  return command->run (argc - 1, argv + 1);
}

gboolean
_wd_cli_parse_options (GOptionContext  *context,
                       int             *argc,
                       char          ***argv,
                       const char      *command)
{
  g_autoptr(GError) error = NULL;

  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);

  if (!g_option_context_parse (context, argc, argv, &error))
    {
      _wd_cli_complain (command, error->message);
      fprintf (stderr, _("Run “wiredesk %s --help” for the options."), command);
      fputc ('\n', stderr);
      return FALSE;
    }

  return TRUE;
}

/* TRUE when @message already starts with @file, as given or as the
 * absolute path the loaders name it by ("notes.md" → "/home/…/notes.md"). */
static gboolean
names_file (const char *message,
            const char *file)
{
  g_autoptr(GFile) location = NULL;
  g_autofree char *path = NULL;

  if (g_str_has_prefix (message, file))
    return TRUE;

  location = g_file_new_for_commandline_arg (file);
  path = g_file_get_path (location);
  return path != NULL && g_str_has_prefix (message, path);
}

void
_wd_cli_complain (const char *command,
                  const char *message)
{
  g_autofree char *who = g_strdup_printf ("wiredesk %s", command);

  /* TRANSLATORS: "wiredesk COMMAND: what went wrong" on the terminal */
  fprintf (stderr, _("%s: %s"), who, message);
  fputc ('\n', stderr);
}

gboolean
_wd_cli_check_range (const char *command,
                     const char *option,
                     double      value,
                     double      min,
                     double      max,
                     gboolean    seconds)
{
  g_autofree char *problem = NULL;

  if (value >= min && value <= max)
    return TRUE;

  /* TRANSLATORS: "--timeout must be between 0.1 and 3600 seconds" */
  problem = seconds ? g_strdup_printf (_("%s must be between %g and %g seconds"), option, min, max)
  /* TRANSLATORS: "--concurrency must be between 1 and 256" */
                    : g_strdup_printf (_("%s must be between %g and %g"), option, min, max);
  _wd_cli_complain (command, problem);
  return FALSE;
}

void
_wd_cli_keep_result (GObject      *object,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  GAsyncResult **kept = user_data;

  *kept = g_object_ref (result);
}

static gboolean
on_interrupt (gpointer user_data)
{
  g_cancellable_cancel (user_data);
  return G_SOURCE_CONTINUE;
}

GAsyncResult *
_wd_cli_wait (GAsyncResult **result,
              GCancellable  *cancellable)
{
  guint sigint = g_unix_signal_add (SIGINT, on_interrupt, cancellable);

  while (*result == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_source_remove (sigint);

  return *result;
}

void
_wd_cli_print_error (const char   *file,
                     const GError *error)
{
  if (file != NULL && !names_file (error->message, file))
    fprintf (stderr, "%s: %s\n", file, error->message);
  else
    fprintf (stderr, "%s\n", error->message);
}

gboolean
_wd_cli_write_output (GBytes      *bytes,
                      const char  *output,
                      GError     **error)
{
  gsize len;
  const char *data = g_bytes_get_data (bytes, &len);

  if (output == NULL || g_str_equal (output, "-"))
    {
      if (fwrite (data, 1, len, stdout) != len || fflush (stdout) != 0)
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                       _("could not write to standard output"));
          return FALSE;
        }
      return TRUE;
    }
  else
    {
      g_autoptr(GFile) file = g_file_new_for_commandline_arg (output);

      return wd_atomic_file_write (file, bytes, WD_ATOMIC_FILE_KEEP_MODE, NULL, error);
    }
}

WdArticle *
_wd_cli_load_article (const char  *path,
                      GError     **error)
{
  g_autoptr(GFile) file = g_file_new_for_commandline_arg (path);
  WdArticle *article;
  const char *warning;

  if (g_str_has_suffix (path, ".txt") || g_str_has_suffix (path, ".md") ||
      g_str_has_suffix (path, ".markdown"))
    return wd_import_file (file, WD_IMPORT_FORMAT_AUTO, NULL, NULL, error);

  article = wd_native_format_load (file, NULL, error);
  warning = article != NULL ? wd_history_get_warning (wd_article_get_history (article)) : NULL;
  if (warning != NULL)
    {
      /* TRANSLATORS: a problem with the document's history; the command goes on */
      fprintf (stderr, _("warning: %s"), warning);
      fputc ('\n', stderr);
    }
  return article;
}

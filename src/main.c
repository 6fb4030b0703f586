/* main.c: one binary. A subcommand runs headless (no display, GTK never
 * initialised); anything else opens the editor. */
#define G_LOG_DOMAIN "wiredesk"

#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>

#include "wd-cli.h"
#include "wd-application.h"

int
main (int   argc,
      char *argv[])
{
  g_autoptr(WdApplication) app = NULL;
  const char *localedir;

  /* WIREDESK_LOCALEDIR lets an uninstalled or DESTDIR-installed binary find
   * its catalogues (`meson devenv` sets it to the build tree's po/). */
  localedir = g_getenv ("WIREDESK_LOCALEDIR");
  if (localedir == NULL || *localedir == '\0')
    localedir = LOCALEDIR;

  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, localedir);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  if (wd_cli_wants (argc, argv))
    return wd_cli_run (argc, argv);

  app = wd_application_new ();
  return g_application_run (G_APPLICATION (app), argc, argv);
}

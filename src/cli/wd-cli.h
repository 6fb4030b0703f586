/* wd-cli.h: the headless half of the wiredesk binary. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* TRUE when argv asks for a subcommand, --help or --version. */
gboolean wd_cli_wants (int    argc,
                       char **argv);

/* Runs it. Exit status: 0 success, 1 problems found, 2 usage or input error. */
int      wd_cli_run   (int    argc,
                       char **argv);

G_END_DECLS

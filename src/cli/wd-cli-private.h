#pragma once

#include <gio/gio.h>

#include "wiredesk-core.h"

G_BEGIN_DECLS

enum {
  WD_EXIT_OK = 0,
  WD_EXIT_PROBLEMS = 1,
  WD_EXIT_USAGE = 2,
};

typedef int (*WdCliCommandFunc) (int argc, char **argv);

typedef struct
{
  const char       *name;
  const char       *parameters; /* for --help, e.g. "FILE [-o OUT]" */
  const char       *summary;    /* translatable, marked with N_() */
  WdCliCommandFunc  run;
} WdCliCommand;

int  wd_cli_import  (int argc, char **argv);
int  wd_cli_check   (int argc, char **argv);
int  wd_cli_export  (int argc, char **argv);
int  wd_cli_audit   (int argc, char **argv);
int  wd_cli_publish (int argc, char **argv);
/* wd-cli-evidence.c */
int  wd_cli_quotes   (int argc, char **argv);
int  wd_cli_evidence (int argc, char **argv);
/* The captured texts of @article's sources from the package beside
 * @document, or NULL (a damaged package is reported on stderr; a missing
 * one too when @complain_if_missing). */
WdQuoteTexts *_wd_cli_load_quote_texts (const char *command,
                                        const char *document,
                                        WdArticle  *article,
                                        gboolean    complain_if_missing);

/* Parses options of a subcommand; on failure prints "wiredesk CMD: …" and
 * returns FALSE (exit with WD_EXIT_USAGE). */
gboolean _wd_cli_parse_options (GOptionContext  *context,
                                int             *argc,
                                char          ***argv,
                                const char      *command);

/* "wiredesk COMMAND: message" on stderr, for usage errors. */
void     _wd_cli_complain      (const char      *command,
                                const char      *message);

/* "FILE: message" on stderr (the message may already start with FILE). */
void     _wd_cli_print_error   (const char      *file,
                                const GError    *error);

/* Writes @bytes to @output (atomically) or, when NULL or "-", to stdout. */
gboolean _wd_cli_write_output  (GBytes          *bytes,
                                const char      *output,
                                GError         **error);

/* Prints export warnings ("FILE: warning: …"); with @strict prints them
 * as errors and returns FALSE. */
gboolean _wd_cli_report_export_warnings (const char *input,
                                         GPtrArray  *warnings,
                                         gboolean    strict);

/* Loads a .wiredesk document, or imports a .txt/.md one. */
WdArticle *_wd_cli_load_article (const char     *path,
                                 GError        **error);

G_END_DECLS

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
int  wd_cli_history (int argc, char **argv);
/* wd-cli-evidence.c */
int  wd_cli_quotes   (int argc, char **argv);
int  wd_cli_evidence (int argc, char **argv);
/* The captured texts of @article's sources from the package beside
 * @document, or NULL when there is none (said when @complain_if_missing).
 * A package or record that cannot be read is said on stderr, sets
 * @damaged, and makes the quotations it holds unverifiable. */
WdQuoteTexts *_wd_cli_load_quote_texts (const char *command,
                                        const char *document,
                                        WdArticle  *article,
                                        gboolean    complain_if_missing,
                                        gboolean   *damaged);
/* The package beside @document, or NULL: missing is normal, damaged is
 * reported on stderr (never fatal). */
WdEvidencePackage *_wd_cli_open_evidence (const char *document);

/* Parses options of a subcommand; on failure prints "wiredesk CMD: …" and
 * returns FALSE (exit with WD_EXIT_USAGE). */
gboolean _wd_cli_parse_options (GOptionContext  *context,
                                int             *argc,
                                char          ***argv,
                                const char      *command);

/* "wiredesk COMMAND: message" on stderr, for usage errors. */
void     _wd_cli_complain      (const char      *command,
                                const char      *message);

/* TRUE when @value is in [@min, @max]; else complains "wiredesk COMMAND:
 * OPTION must be between MIN and MAX [seconds]" and returns FALSE (a NaN
 * is in no range). */
gboolean _wd_cli_check_range   (const char      *command,
                                const char      *option,
                                double           value,
                                double           min,
                                double           max,
                                gboolean         seconds);

/* Waiting for one asynchronous operation: pass _wd_cli_keep_result as its
 * callback and &result (a GAsyncResult *, NULL before) as its user data,
 * then _wd_cli_wait(): it runs the default main context until the result
 * is in and returns it (still owned by @result). Meanwhile Ctrl+C cancels
 * @cancellable, as often as it is pressed. */
void          _wd_cli_keep_result (GObject       *object,
                                   GAsyncResult  *result,
                                   gpointer       user_data);
GAsyncResult *_wd_cli_wait        (GAsyncResult **result,
                                   GCancellable  *cancellable);

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

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* The project's own test articles, in tests/data/. */
#define WD_TEST_ARTICLE       "synthesis-harbour-pilots.txt"   /* 8 sources of 6 kinds */
#define WD_TEST_ARTICLE_THIN  "synthesis-ferry-social.txt"     /* social posts only */

/* Path of a file in tests/data/ (aborts when missing: it ships with the tree). */
char  *wd_test_data_path     (const char *name);

/* Path of a file of the team's reference shelf (../shared, or
 * $WD_SHARED_DIR), or NULL when it is not there. Only for extra cases,
 * registered when the file exists: a fresh clone has no such shelf. */
char  *wd_test_shared_file   (const char *relative);

/* A fresh temporary directory, removed by wd_test_rmdir_r(). */
char  *wd_test_make_tmpdir   (void);
void   wd_test_rmdir_r       (const char *path);

/* A port of 127.0.0.1 that was free a moment ago: nothing listens there
 * (a connection to it is refused). */
guint  wd_test_closed_port   (void);

/* TRUE when @text is an ISO 8601 date and time with a zone. */
gboolean wd_test_is_iso8601  (const char *text);

/* Runs the built wiredesk binary; returns its exit status. */
int    wd_test_run_wiredesk  (const char * const *args,
                              const char         *stdin_text,
                              char              **out,
                              char              **err);

G_END_DECLS

G_BEGIN_DECLS

/* Validates @document against the JSON Schema at @schema_path with
 * tests/validate-json.py (python3-jsonschema, draft 2020-12, format checks).
 * Returns the script's exit status (0 valid, 1 invalid, 77 no validator);
 * @report (nullable) receives what it printed. */
int    wd_test_validate_json (const char  *schema_path,
                              GBytes      *document,
                              char       **report);

/* Like wd_test_validate_json(), but fails the test on an invalid document
 * and skips it (returning FALSE) when no validator is installed. */
gboolean wd_test_assert_valid (const char *schema_path,
                               GBytes     *document,
                               const char *what);

G_END_DECLS

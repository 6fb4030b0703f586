#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* Path of a file in ../shared/ (NULL, and the test skipped, when absent). */
char  *wd_test_shared_path   (const char *relative);

/* A fresh temporary directory, removed by wd_test_rmdir_r(). */
char  *wd_test_make_tmpdir   (void);
void   wd_test_rmdir_r       (const char *path);

/* Runs the built wiredesk binary; returns its exit status. */
int    wd_test_run_wiredesk  (const char * const *args,
                              const char         *stdin_text,
                              char              **out,
                              char              **err);

G_END_DECLS

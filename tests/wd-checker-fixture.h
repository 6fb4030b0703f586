/* wd-checker-fixture.h: what the checker's test suites share: a hostile
 * server and a checker per test, and ways to wait for verdicts. */
#pragma once

#include <gio/gio.h>

#include "wd-hostile-server.h"
#include "wiredesk-core.h"

G_BEGIN_DECLS

typedef struct
{
  WdHostileServer *server;
  WdChecker       *checker;
} Fixture;

void           fixture_set_up          (Fixture        *f,
                                        gconstpointer   data);
void           fixture_tear_down       (Fixture        *f,
                                        gconstpointer   data);

/* A GAsyncReadyCallback that stores a reference to the result in
 * *(GAsyncResult **) data; wait_for() iterates until it is there. */
void           on_ready                (GObject        *object,
                                        GAsyncResult   *result,
                                        gpointer        data);
void           wait_for                (GAsyncResult  **result);

WdCheckResult *check_url               (WdChecker      *checker,
                                        const char     *url);
WdCheckResult *check_path              (Fixture        *f,
                                        const char     *path);
/* @urls: NULL-terminated. Returns one result per URL, in order. */
GPtrArray     *check_urls              (WdChecker      *checker,
                                        const char * const *urls);
/* Checks @n pages of the hostile server in one run (@path?0, @path?1, …),
 * @per_host at a time. Returns one result per page, in order. */
GPtrArray     *check_pages             (Fixture        *f,
                                        const char     *path,
                                        guint           n,
                                        guint           per_host);

#define assert_status(result, expected) \
  g_assert_cmpstr (wd_enum_to_nick (WD_TYPE_CHECK_STATUS, wd_check_result_get_status (result)), ==, \
                   wd_enum_to_nick (WD_TYPE_CHECK_STATUS, (expected)))

void           assert_final_url        (Fixture        *f,
                                        WdCheckResult  *result,
                                        const char     *path);
void           assert_detail_mentions  (WdCheckResult  *result,
                                        const char     *text);

/* The bound on memory, whatever the server does. AddressSanitizer's
 * shadow memory and quarantine alone take more than that. */
#ifdef __SANITIZE_ADDRESS__
#define PEAK_RSS_LIMIT_KIB (400 * 1024)
#else
#define PEAK_RSS_LIMIT_KIB (100 * 1024)
#endif

/* VmHWM: the most memory this process has held so far. */
guint64        peak_rss_kib            (void);

G_END_DECLS

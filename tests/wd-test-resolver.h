/* wd-test-resolver.h: a GResolver for the test suites, so that no test
 * asks a real DNS. */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define WD_TYPE_TEST_RESOLVER (wd_test_resolver_get_type ())
G_DECLARE_FINAL_TYPE (WdTestResolver, wd_test_resolver, WD, TEST_RESOLVER, GResolver)

/* Resolves each of @loopback_names (NULL-terminated, nullable) to
 * 127.0.0.1, unless only IPv6 is asked for, and no other name: every
 * other lookup fails with G_RESOLVER_ERROR_NOT_FOUND. Install it with
 * g_resolver_set_default() and put the previous default back after. */
GResolver *wd_test_resolver_new (const char * const *loopback_names);

G_END_DECLS

/* wd-test-server.h: the one threaded SoupServer of the test suites.
 *
 * A SoupServer on 127.0.0.1 (an ephemeral port; HTTPS too when asked),
 * running its own GMainContext in its own thread, so that a test may
 * block or spin its own loop while the server answers. The hostile
 * server, the test CMS and the window's check tests are built on it. */
#pragma once

#include <libsoup/soup.h>

G_BEGIN_DECLS

typedef struct _WdTestServer WdTestServer;

/* Starts a server whose every path goes to @callback (run on the server
 * thread, with @user_data). @server_header (nullable) is its Server:
 * header; with @tls_pem (nullable: a file holding a certificate and its
 * key) it listens on a second port for HTTPS. Returns once it listens. */
WdTestServer *wd_test_server_new            (const char         *server_header,
                                             const char         *tls_pem,
                                             SoupServerCallback  callback,
                                             gpointer            user_data);
/* Stops the thread, closing every connection. */
void          wd_test_server_free           (WdTestServer       *self);

/* The server thread's context: attach timers for paused messages here. */
GMainContext *wd_test_server_get_context    (WdTestServer       *self);
guint         wd_test_server_get_port       (WdTestServer       *self);
/* 0 when not asked for HTTPS. */
guint         wd_test_server_get_https_port (WdTestServer       *self);
/* "http://127.0.0.1:PORT" + @path (which starts with "/"). */
char         *wd_test_server_url            (WdTestServer       *self,
                                             const char         *path);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (WdTestServer, wd_test_server_free)

G_END_DECLS

/* wd-hostile-server-private.h: the hostile server's state, shared by its
 * thread and counters (wd-hostile-server.c) and its pages
 * (wd-hostile-routes.c). */
#pragma once

#include <libsoup/soup.h>

#include "wd-hostile-server.h"
#include "wd-test-server.h"

G_BEGIN_DECLS

struct _WdHostileServer
{
  WdHostileSite  site;
  WdTestServer  *http;          /* HTTP and HTTPS (a self-signed certificate) */

  GMutex         lock;
  GHashTable    *hits;          /* path → count */
  GHashTable    *method_hits;   /* method → count */
  GHashTable    *bytes_sent;    /* path → guint64 * */
  guint          unknown_hits;
  guint          in_flight;
  guint          max_in_flight;
  char          *user_agent;
  guint          version;
  GBytes        *wide_page;     /* made once, on the server thread */
  GPtrArray     *kept_open;     /* connections left open after a whole answer */
};

void     _wd_hostile_add_bytes_sent       (WdHostileServer   *self,
                                           const char        *path,
                                           guint64            n);

/* Answer @msg for @path (asked @hits times so far); FALSE when the site
 * has no such page. Both run on the server thread. */
gboolean _wd_hostile_handle_normal_site   (WdHostileServer   *self,
                                           SoupServerMessage *msg,
                                           const char        *path,
                                           guint              hits);
gboolean _wd_hostile_handle_soft_404_site (WdHostileServer   *self,
                                           SoupServerMessage *msg,
                                           const char        *path);
/* wd-hostile-raw.c: the /raw/… pages; FALSE for other paths. */
gboolean _wd_hostile_handle_raw           (WdHostileServer   *self,
                                           SoupServerMessage *msg,
                                           const char        *path);

G_END_DECLS

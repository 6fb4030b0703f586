/* wd-hostile-server.h: a local web server that lies, stalls and floods,
 * for the link checker's tests. It runs on its own thread and main
 * context, on 127.0.0.1 and a free port. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct _WdHostileServer WdHostileServer;

typedef enum
{
  /* Honest about missing pages (404) and serving every case below. */
  WD_HOSTILE_SITE_NORMAL,
  /* Answers 200 with a generic page for every path but "/" and
   * "/real-article": a soft-404 site. */
  WD_HOSTILE_SITE_SOFT_404,
} WdHostileSite;

/* The time /slow/… and /changing take to answer. */
#define WD_HOSTILE_SLOW_MS 300

WdHostileServer *wd_hostile_server_new              (WdHostileSite    site);
void             wd_hostile_server_free             (WdHostileServer *server);

/* "http://127.0.0.1:PORT" + @path */
char            *wd_hostile_server_url              (WdHostileServer *server,
                                                     const char      *path);
guint            wd_hostile_server_get_port         (WdHostileServer *server);
/* The port of its HTTPS side, whose certificate is self-signed (0 when
 * GLib has no TLS backend). */
guint            wd_hostile_server_get_https_port   (WdHostileServer *server);

/* Forgets what was counted so far. */
void             wd_hostile_server_reset            (WdHostileServer *server);

/* Requests for @path (without query), of any method. */
guint            wd_hostile_server_hits             (WdHostileServer *server,
                                                     const char      *path);
/* Requests with @method ("GET", "HEAD"). */
guint            wd_hostile_server_method_hits      (WdHostileServer *server,
                                                     const char      *method);
/* Requests for paths the site does not have. */
guint            wd_hostile_server_unknown_hits     (WdHostileServer *server);
/* Most requests being answered at the same time: with HTTP/1.1 each
 * takes one connection, so this is the most connections in use at once. */
guint            wd_hostile_server_max_in_flight    (WdHostileServer *server);
/* Body bytes written for @path (before compression, for the gzip bomb). */
guint64          wd_hostile_server_bytes_sent       (WdHostileServer *server,
                                                     const char      *path);
/* The User-Agent of the last request. */
char            *wd_hostile_server_dup_user_agent   (WdHostileServer *server);

/* What /changing says: a new version is a new text. */
void             wd_hostile_server_set_version      (WdHostileServer *server,
                                                     guint            version);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (WdHostileServer, wd_hostile_server_free)

G_END_DECLS

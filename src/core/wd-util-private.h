/* wd-util-private.h: small helpers shared inside the core library. */
#pragma once

#include <glib.h>
#include <libsoup/soup.h>

G_BEGIN_DECLS

/* Replace *str_pointer with a copy of new_str; TRUE when it changed.
 * (g_set_str arrived in GLib 2.76; Debian 12 has 2.74.) */
gboolean _wd_set_str            (char       **str_pointer,
                                 const char  *new_str);

/* "2026-11-24T21:18:26Z": the one timestamp form the model stores. */
char    *_wd_now_iso8601        (void);
char    *_wd_date_time_to_iso8601 (GDateTime *dt);

/* TRUE when text parses as an ISO 8601 date-time with a time zone. */
gboolean _wd_is_iso8601         (const char  *text);

/* Takes out of @session what neither the checker nor the publisher uses,
 * so that no libsoup version can reach that code with a hostile server's
 * input: the authentication manager (CVE-2025-4476: a Digest challenge
 * crashes libsoup 3.2.3; and it would send a URL's user:password as Basic
 * auth on any 401) and the content decoder (one decoder per named coding,
 * unbounded). There is never a cookie jar (CVE-2025-4945, CVE-2025-11021).
 * Returns @session. */
SoupSession *_wd_session_harden (SoupSession *session);

G_END_DECLS

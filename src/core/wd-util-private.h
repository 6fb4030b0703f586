/* wd-util-private.h: small helpers shared inside the core library. */
#pragma once

#include <glib.h>

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

G_END_DECLS

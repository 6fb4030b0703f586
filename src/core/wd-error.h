/* wd-error.h: the error domain of the core library. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define WD_ERROR (wd_error_quark ())

typedef enum
{
  WD_ERROR_INVALID_URL,      /* not an absolute http(s) URL */
  WD_ERROR_DUPLICATE_SOURCE, /* the article already has this URL */
  WD_ERROR_PARSE,            /* not JSON, not UTF-8, nested too deeply */
  WD_ERROR_FORMAT,           /* JSON, but not a .wiredesk document */
  WD_ERROR_FIELD,            /* a member has the wrong type or value */
  WD_ERROR_NEWER_VERSION,    /* written by a newer Wiredesk */
  WD_ERROR_IMPORT,           /* a text that cannot be imported */
  WD_ERROR_TOO_LARGE,        /* input over a size limit */
  WD_ERROR_INCOMPLETE,       /* not ready for export: no headline or no body */
} WdError;

GQuark wd_error_quark (void);

G_END_DECLS

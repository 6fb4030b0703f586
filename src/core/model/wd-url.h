/* wd-url.h: which URLs can be sources, in which canonical spelling, and
 * what kind of source a URL probably is. */
#pragma once

#include <glib.h>

#include "wd-types.h"

G_BEGIN_DECLS

/* Accepts what an editor pastes: surrounding whitespace and <angle
 * brackets> are stripped; the scheme must be http or https and a host is
 * required; scheme and host are lower-cased, an IDN host is converted to
 * its ASCII (punycode) form, a default port is dropped, a user name and
 * password are dropped, and an empty path becomes "/". Returns NULL and sets WD_ERROR_INVALID_URL otherwise. */
char         *wd_url_normalize     (const char  *text,
                                    GError     **error);

/* TRUE when @text (a URL, or pasted text with URLs in it) carries a user
 * name or password ("https://user:pass@host/"). wd_url_normalize() drops
 * them; callers use this to tell the editor it did. Port 0 is refused. */
gboolean      wd_url_has_credentials (const char *text);

/* A first guess of the kind from the host (and for official press pages,
 * the path). The editor can always override it. */
WdSourceKind  wd_url_suggest_kind  (const char  *url);

/* The host of @url, or NULL. */
char         *wd_url_dup_host      (const char  *url);

/* The registrable domain of @url's host by the public-suffix list
 * ("en.wikipedia.org" → "wikipedia.org", "news.bbc.co.uk" → "bbc.co.uk"):
 * what counts as one independent source. An IP address, a single-label
 * host or a host under an unknown suffix is its own domain. NULL when
 * @url has no host. */
char         *wd_url_dup_registrable_domain (const char *url);

G_END_DECLS

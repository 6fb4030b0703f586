/* wd-publication.h: where an article was published, as the CMS told us. */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define WD_TYPE_PUBLICATION (wd_publication_get_type ())

G_DECLARE_FINAL_TYPE (WdPublication, wd_publication, WD, PUBLICATION, GObject)

/* Immutable once made: a newer publish replaces the record as a whole.
 * @endpoint and @remote_id are required; @url and @at may be NULL. */
WdPublication *wd_publication_new           (const char    *endpoint,
                                             const char    *remote_id,
                                             const char    *url,
                                             const char    *at);

const char    *wd_publication_get_endpoint  (WdPublication *self);
const char    *wd_publication_get_remote_id (WdPublication *self);
const char    *wd_publication_get_url       (WdPublication *self);
const char    *wd_publication_get_at        (WdPublication *self);

G_END_DECLS

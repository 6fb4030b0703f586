#pragma once

#include <json-glib/json-glib.h>

#include "wd-source.h"

G_BEGIN_DECLS

/* Members of the source and of its check that this version does not know,
 * kept so that a newer Wiredesk's data survives being saved by this one. */
JsonObject *_wd_source_get_extras       (WdSource   *self);
void        _wd_source_set_extras       (WdSource   *self,
                                         JsonObject *extras);
JsonObject *_wd_source_get_check_extras (WdSource   *self);
void        _wd_source_set_check_extras (WdSource   *self,
                                         JsonObject *extras);
void        _wd_source_set_id           (WdSource   *self,
                                         const char *id);

G_END_DECLS

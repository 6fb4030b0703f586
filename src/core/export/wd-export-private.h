/* wd-export-private.h: the writers wd-export.c dispatches to. The values
 * they share (dates, URIs, ids) are in wd-export-values-private.h. */
#pragma once

#include <json-glib/json-glib.h>

#include "wd-export.h"
#include "wd-markdown-private.h"

G_BEGIN_DECLS

JsonNode *_wd_export_ninjs           (WdArticle      *article,
                                      WdRenderedBody *body,
                                      gboolean        version2);
JsonNode *_wd_export_jsonld          (WdArticle      *article,
                                      WdRenderedBody *body);

G_END_DECLS

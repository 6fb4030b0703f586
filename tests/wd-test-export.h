/* wd-test-export.h: what the export and history suites share to look
 * into an export. Short names, like the checker fixture's: they read as
 * part of each assertion. */
#pragma once

#include <json-glib/json-glib.h>

#include "wiredesk-core.h"

G_BEGIN_DECLS

/* @article exported as @format and parsed (the test fails when either
 * fails); *@root_out holds the document, to free with json_node_unref(). */
JsonObject *export_object (WdArticle      *article,
                           WdExportFormat  format,
                           JsonNode      **root_out);
/* The object at @index of the array @member of @object. */
JsonObject *array_object  (JsonObject     *object,
                           const char     *member,
                           guint           index);

G_END_DECLS

/* src/core/json/ — bounded JSON: wd-json-reader (a shape check before json-glib; used by
 *   document/, page/ and publish/) and wd-json-writer (our own writer).
 */
/* wd-json-reader-private.h: reading JSON documents with errors a person can act on.
 *
 * Every error names the file and either the line and column (syntax) or
 * the path of the member ("article.sources[2].url: expected a string"). */
#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

typedef struct
{
  const char  *name;   /* the file, for messages */
  GError     **error;
} WdReader;

/* Sets WD_ERROR @code "NAME: PATH: message"; returns FALSE. */
G_GNUC_PRINTF (4, 5)
gboolean _wd_reader_error (WdReader *r, int code, const char *path, const char *format, ...);
/* "a string", "an array", … for "expected X, found Y" messages */
const char *_wd_reader_node_type_name (JsonNode *node);
gboolean _wd_reader_collect_extras (WdReader *r, const char *path, JsonObject *object, const char * const *known, const char * const *known_too, JsonObject **out);
/* A string element (of an array); checks the type and UTF-8. */
gboolean _wd_read_string_node (WdReader *r, JsonNode *node, const char *path, const char **out);
gboolean _wd_read_string (WdReader *r, JsonObject *object, const char *path, const char *member, gboolean required, const char **out);
gboolean _wd_read_int (WdReader *r, JsonObject *object, const char *path, const char *member, gint64 min, gint64 max, gint64 *out);
gboolean _wd_read_date (WdReader *r, JsonObject *object, const char *path, const char *member, const char **out);
gboolean _wd_read_enum (WdReader *r, JsonObject *object, const char *path, const char *member, GType type, int fallback, int *out);
gboolean _wd_read_object (WdReader *r, JsonObject *object, const char *path, const char *member, JsonObject **out);
gboolean _wd_read_array (WdReader *r, JsonObject *object, const char *path, const char *member, JsonArray **out);
/* Refuses what json-glib would mishandle: invalid UTF-8 (1.6 accepts it),
 * deep nesting (1.6 recurses without a limit), more than one value
 * ("{…}{…}": 1.6 keeps the last without an error and leaks the others) and
 * escapes JSON does not have ("\222": 1.6 makes bytes that are not UTF-8 of
 * it, 1.10 text). */
gboolean _wd_reader_prescan (WdReader *r, const char *data, gsize len);

typedef enum
{
  WD_JSON_SHAPE_OK,
  WD_JSON_SHAPE_TOO_DEEP,   /* objects and arrays nested deeper than allowed */
  WD_JSON_SHAPE_TRAILING,   /* a second value after the first */
  WD_JSON_SHAPE_BAD_ESCAPE, /* "\222", a lone UTF-16 surrogate: not a JSON escape */
} WdJsonShape;

/* The same checks on text already known to be UTF-8, without a message:
 * *offset receives where the problem starts. */
WdJsonShape _wd_json_scan_shape (const char *data, gsize len, guint max_nesting, gsize *offset);

G_END_DECLS

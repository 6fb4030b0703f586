/* wd-json-writer.h: a streaming, pretty-printing JSON writer.
 *
 * Saving a document through a JsonNode tree allocates a second copy of
 * the whole document; writing straight into a GString does not (see
 * docs/BENCHMARKS.md). The layout matches json-glib's pretty printer with
 * an indent of 2, so members copied through json-glib look the same. */
#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

typedef struct _WdJsonWriter WdJsonWriter;

/* Every string is escaped so that the JSON is safe inside an HTML
 * <script> element: < > & U+2028 U+2029 as \u003c \u003e \u0026 \u2028
 * \u2029. All JSON Wiredesk writes goes through here. */
WdJsonWriter *wd_json_writer_new          (void);
/* One line without spaces, for JSON Lines output. */
WdJsonWriter *wd_json_writer_new_compact  (void);
/* Returns the text (with a final newline) and frees the writer. */
GBytes       *wd_json_writer_free_to_bytes (WdJsonWriter *writer);
/* Returns the text (no final newline) and frees the writer. */
char         *wd_json_writer_free_to_line (WdJsonWriter *writer);

/* @node pretty-printed with a final newline / on one line. */
GBytes       *wd_json_node_to_bytes       (JsonNode     *node);
char         *wd_json_node_to_line        (JsonNode     *node);

void wd_json_writer_begin_object  (WdJsonWriter *writer);
void wd_json_writer_end_object    (WdJsonWriter *writer);
void wd_json_writer_begin_array   (WdJsonWriter *writer);
void wd_json_writer_end_array     (WdJsonWriter *writer);

/* Inside an object, each value is preceded by its member name. */
void wd_json_writer_member        (WdJsonWriter *writer,
                                   const char   *name);

void wd_json_writer_string        (WdJsonWriter *writer,
                                   const char   *value);
/* NULL is written as "" */
void wd_json_writer_text          (WdJsonWriter *writer,
                                   const char   *value);
/* NULL is written as null */
void wd_json_writer_nullable      (WdJsonWriter *writer,
                                   const char   *value);
void wd_json_writer_int           (WdJsonWriter *writer,
                                   gint64        value);
void wd_json_writer_null          (WdJsonWriter *writer);
void wd_json_writer_node          (WdJsonWriter *writer,
                                   JsonNode     *node);
/* Every member of @object, as name and value, in its order. */
void wd_json_writer_members_of    (WdJsonWriter *writer,
                                   JsonObject   *object);

G_END_DECLS

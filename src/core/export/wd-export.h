/* src/core/export/ — exports: wd-export (the dispatcher), wd-export-ninjs, wd-export-jsonld,
 *   wd-export-prov, the values the writers share (wd-export-values), and the
 *   Markdown renderers wd-markdown-html / -text.
 */
/* wd-export.h: the article in the formats a CMS or an agency takes in.
 *
 * Every export is deterministic (the same document gives the same bytes:
 * nothing depends on the clock, the locale or hash order), UTF-8 JSON,
 * pretty-printed, ending in one newline.
 */
#pragma once

#include <gio/gio.h>

#include "wd-article.h"

G_BEGIN_DECLS

/* The nicks ("native", "ninjs", "ninjs2", "jsonld", "prov") are the CLI's names. */
typedef enum
{
  WD_EXPORT_FORMAT_NATIVE,  /* the .wiredesk document itself */
  WD_EXPORT_FORMAT_NINJS,   /* IPTC ninjs 3.1 */
  WD_EXPORT_FORMAT_NINJS2,  /* IPTC ninjs 2.2 (lower-case member names) */
  WD_EXPORT_FORMAT_JSONLD,  /* schema.org NewsArticle as JSON-LD */
  WD_EXPORT_FORMAT_PROV,    /* the article's provenance as W3C PROV-JSON */
} WdExportFormat;

#define WD_EXPORT_N_FORMATS 5

/* "ninjs" → WD_EXPORT_FORMAT_NINJS; FALSE for an unknown name. */
gboolean    wd_export_format_from_name      (const char      *name,
                                             WdExportFormat  *format);
const char *wd_export_format_get_name       (WdExportFormat   format);
/* The file name ending for --all: ".wiredesk", ".ninjs.json", … */
const char *wd_export_format_get_extension  (WdExportFormat   format);
/* "application/json", "application/ld+json", … */
const char *wd_export_format_get_media_type (WdExportFormat   format);
/* "native, ninjs, ninjs2, jsonld", for messages. */
const char *wd_export_format_list_names     (void);

/* What stands in the way of an export. Returns FALSE and sets @error
 * (WD_ERROR_INCOMPLETE) when the article has no headline or no body.
 * Otherwise fills @warnings (nullable; a GPtrArray of translated strings)
 * with what the editor should know and may choose to fix first: sources
 * never checked, sources whose last check failed or could not verify them,
 * citation markers naming no source, no source at all. */
gboolean    wd_export_check                 (WdArticle       *article,
                                             GPtrArray      **warnings,
                                             GError         **error);

/* The article in @format. Refuses what wd_export_check() refuses;
 * warnings do not stop it. */
GBytes     *wd_export_serialize             (WdArticle       *article,
                                             WdExportFormat   format,
                                             GError         **error);

G_END_DECLS

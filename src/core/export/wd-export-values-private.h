/* wd-export-values-private.h: the values the export writers share (the
 * article's URN, dates, URIs, places), in wd-export-values.c. */
#pragma once

#include <json-glib/json-glib.h>

#include "wd-article.h"

G_BEGIN_DECLS

/* TRUE when @text is set and not empty. */
gboolean  _wd_export_has_text        (const char     *text);
/* TRUE when @text is NULL or only white space. */
gboolean  _wd_export_is_blank        (const char     *text);
/* "urn:uuid:…" for a UUID id, else "urn:wiredesk:article:<escaped id>". */
char     *_wd_export_article_urn     (WdArticle      *article);
/* An RFC 3339 UTC time ("2026-11-03T18:40:00Z"), or NULL when @text is
 * NULL or not an ISO 8601 time with a zone. */
char     *_wd_export_date            (const char     *text);
/* @url with what RFC 3986 does not allow (non-ASCII, spaces, "<>" …)
 * percent-encoded, so that IRIs pass a "uri" format check. */
char     *_wd_export_uri             (const char     *url);
/* The place of a dateline: "PORT ELLERY, 3 November 2026" → "PORT ELLERY";
 * trailing comma-separated parts holding a digit are the date. NULL when
 * nothing is left. */
/* The article's corrections (WdCorrection, oldest first, a pending one
 * dated by the last save), their times as RFC 3339 UTC. */
GPtrArray *_wd_export_corrections    (WdArticle      *article);
char     *_wd_export_located         (const char     *dateline);
/* A text member only when the text is set. */
void      _wd_export_set_text        (JsonObject     *object,
                                      const char     *member,
                                      const char     *value);

G_END_DECLS

/* wd-evidence-package-private.h: what the files of the package share.
 *
 * wd-evidence-package.c opens a package and reads its index, captures and
 * records; wd-evidence-package-verify.c recomputes every digest
 * (`evidence --verify`); wd-evidence-text.c reads a capture's text. */
#pragma once

#include <json-glib/json-glib.h>

#include "wd-evidence-private.h"
#include "wd-warc-private.h"

G_BEGIN_DECLS

struct _WdEvidencePackage
{
  GObject    parent_instance;

  char      *path;
  guint64    size;
  zip_t     *zip;
  GPtrArray *captures;   /* WdCapture */
  GPtrArray *hops;       /* WdCapture: redirect hops' responses */
};

/* wd-evidence-package.c */
/* One JSON object of at most a line, with the shape checks; NULL when
 * it is not one. */
JsonObject   *_wd_evidence_parse_object        (const char         *text,
                                                gsize               len,
                                                guint               max_nesting);
/* A string member of @object, or NULL. */
const char   *_wd_evidence_get_text            (JsonObject         *object,
                                                const char         *name);
/* The record in the gzip member at @offset of the WARC file @warc. */
WdWarcParsed *_wd_evidence_package_read_record (WdEvidencePackage  *self,
                                                const char         *warc,
                                                guint64             offset,
                                                guint64             length,
                                                GError            **error);

G_END_DECLS

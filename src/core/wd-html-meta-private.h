/* wd-html-meta-private.h: the JSON-LD reader behind wd-html-meta. */
#pragma once

#include <glib.h>

#include "wd-html-meta.h"

G_BEGIN_DECLS

/* A page with more JSON-LD blocks than this has the rest ignored. */
#define WD_JSON_LD_MAX_BLOCKS 16

/* What schema.org markup says about the article (first block wins). */
typedef struct
{
  char *headline;
  char *publisher;
  char *author;
  char *date_published;
} WdJsonLd;

/* Reads one <script type="application/ld+json"> block into the fields
 * still unset. Oversized, too deeply nested or broken JSON is skipped. */
void _wd_json_ld_read  (WdJsonLd   *json_ld,
                        const char *text);
void _wd_json_ld_clear (WdJsonLd   *json_ld);

G_END_DECLS

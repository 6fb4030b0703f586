/* wd-html-meta-private.h: the readers behind wd-html-meta: the HTML
 * reader that collects what a page states, and its JSON-LD reader. */
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

/* What a page states, raw: the first of each, uncleaned. */
typedef struct
{
  char       *lang;             /* <html lang> */
  char       *title;            /* <title> */
  char       *heading;          /* the first <h1> */
  char       *time_datetime;    /* the first <time datetime> */
  char       *link_canonical;   /* <link rel=canonical href> */
  GHashTable *metas;            /* lower-case name/property/http-equiv → first content */
  GPtrArray  *citation_authors; /* every citation_author */
  WdJsonLd    json_ld;
  GString    *text;             /* the visible text, white space not yet collapsed */
} WdHtmlFacts;

/* Reads UTF-8 HTML as a stream of events, keeping no document tree, so
 * that memory stays proportional to the text whatever the markup. */
void _wd_html_facts_read  (WdHtmlFacts *facts,
                           const char  *html,
                           gsize        len);
void _wd_html_facts_clear (WdHtmlFacts *facts);

G_END_DECLS

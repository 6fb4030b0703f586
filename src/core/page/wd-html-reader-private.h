/* wd-html-reader-private.h: what the two files of the HTML reader share —
 * the reader's state while libxml2 walks a page (the open elements, the
 * captures under way) and the steps each file offers the other.
 * wd-html-reader.c: the walk itself, the visible text and the captures;
 * wd-html-markup.c: what an element's attributes state (microdata, bylines
 * and dates in classes, links to authors' pages). The rest of the core
 * sees only wd-html-meta-private.h. */
#pragma once

#include <libxml/HTMLparser.h>

#include "wd-html-meta-private.h"

G_BEGIN_DECLS

/* A byline, a name or a date in the markup is not read past this. */
#define MAX_SHORT_CAPTURE 512
/* Captures open at once (a byline inside an author inside …). */
#define MAX_CAPTURES 8

typedef enum
{
  SCOPE_NONE,
  SCOPE_OTHER,      /* an itemscope of no interest */
  SCOPE_AUTHOR,     /* itemprop=author itemscope */
  SCOPE_PUBLISHER,  /* itemprop=publisher itemscope */
} Scope;

typedef struct
{
  char    *name;
  Scope    scope;
  gboolean named;   /* a SCOPE_AUTHOR that held an itemprop=name */
  gboolean logo;    /* its class or id says "logo" */
  gboolean aside;   /* an <aside> or <nav> */
} Element;

typedef enum
{
  CAPTURE_RULE,
  CAPTURE_HEADING,
  CAPTURE_JSON_LD,
  CAPTURE_AUTHOR_SCOPE,  /* the text of an itemprop=author itemscope */
} CaptureKind;

typedef struct
{
  CaptureKind kind;
  WdPageRule  rule;
  guint       depth;    /* the stack length when it began */
  gsize       max;
  gsize       at;       /* where it began in the visible text */
  gboolean    discard;
  GString    *text;
} Capture;

typedef struct
{
  WdHtmlFacts *facts;
  GArray      *stack;          /* of Element */
  guint        overflow;       /* open elements not on the stack */
  guint        in_head;
  guint        in_opaque;      /* inside elements whose text is not visible */
  Capture      captures[MAX_CAPTURES];
  guint        n_captures;
  guint        class_captures[WD_N_RULES];
  WdHtmlMetas  metas;
  gsize        heading_at;     /* where the <h1> being read began */
  guint        in_logo;        /* inside elements whose class or id says "logo" */
  guint        in_aside;       /* inside <aside> or <nav>: not the page's byline */
  gsize        byline_end[WD_N_RULES];  /* where the last byline of a rule ended, +1 */
} Reader;

/* wd-html-reader.c */
/* The value of attribute @name ("" when it has none), or NULL. */
const char *_wd_html_attr (const xmlChar **atts,
                           const char     *name);
void      _wd_html_reader_start_capture (Reader      *r,
                                         CaptureKind  kind,
                                         WdPageRule   rule,
                                         gsize        max);
/* Once per element and rule (a class byline), a few times a page. */
void      _wd_html_reader_start_class_capture (Reader     *r,
                                               WdPageRule  rule);
gboolean  _wd_html_reader_capturing     (Reader      *r,
                                         CaptureKind  kind);

/* wd-html-markup.c */
gboolean  _wd_html_has_token  (const char     *list,
                               const char     *token,
                               gboolean        part);
/* The scope the element (just pushed) opens. */
Scope     _wd_html_read_microdata (Reader         *r,
                                   const char     *name,
                                   const xmlChar **atts);
/* Bylines and dates in the visible markup, outside <head>. */
void      _wd_html_read_markup (Reader         *r,
                                const char     *name,
                                const xmlChar **atts);

G_END_DECLS

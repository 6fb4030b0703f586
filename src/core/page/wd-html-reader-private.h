/* wd-html-reader-private.h: what the two files of the HTML reader share —
 * the reader's state while libxml2 walks a page (the open elements, the
 * captures under way) and the steps each file offers the other.
 * wd-html-reader.c: the walk itself, the visible text and the captures;
 * wd-html-markup.c: what an element's attributes state (microdata, bylines
 * and dates in classes, links to authors' pages); wd-html-visible.c: the
 * text a reader sees (no hidden elements). The rest of the core sees only
 * wd-html-meta-private.h. */
#pragma once

#include <libxml/HTMLparser.h>

#include "wd-html-meta-private.h"

G_BEGIN_DECLS

/* A byline, a name or a date in the markup is not read past this. */
#define MAX_SHORT_CAPTURE 512
/* Captures open at once (a byline inside an author inside …). */
#define MAX_CAPTURES 8
/* Text beyond this is not collected (bodies are capped anyway). */
#define WD_HTML_MAX_TEXT_BYTES (4 * 1024 * 1024)

typedef enum
{
  SCOPE_NONE,
  SCOPE_OTHER,      /* an itemscope of no interest */
  SCOPE_AUTHOR,     /* itemprop=author itemscope */
  SCOPE_PUBLISHER,  /* itemprop=publisher itemscope */
} Scope;

/* What an element is to the page's text (the fingerprint's). */
typedef enum
{
  TEXT_BLOCK,       /* a line of its own */
  TEXT_INLINE,      /* inside a line */
  TEXT_OPAQUE,      /* no visible text inside: <script>, <svg>, <title> … */
  TEXT_HEAD,
} TextRole;

typedef struct
{
  /* Static for an HTML element (_wd_html_element_name), else a copy
   * (owns_name): no allocation for nearly every element of a page. */
  const char *name;
  Scope    scope;
  gboolean named;   /* a SCOPE_AUTHOR that held an itemprop=name */
  gboolean logo;    /* its class or id says "logo" */
  gboolean aside;   /* an <aside> or <nav> */
  guint    owns_name : 1;
  guint    role : 2;  /* TextRole, found once */
  /* wd-html-visible.c */
  guint    hides : 1;          /* its content is hidden from the reader */
  guint    was_invisible : 1;  /* the visibility before it */
  guint    pre : 1;            /* a <pre>: its line breaks are kept */
  guint    breaks : 2;         /* the break it makes before and after it */
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
  /* wd-html-visible.c */
  guint        in_hidden;      /* inside elements hidden from the reader */
  guint        overflow_hidden; /* the untracked element that hides (its overflow), or 0 */
  gboolean     invisible;      /* inside visibility: hidden */
  guint        in_pre;
} Reader;

/* wd-html-reader.c */
/* Whether @name is one of @names (NULL-terminated), in any case. */
gboolean  _wd_html_name_in (const char         *name,
                            const char * const *names);
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

/* wd-html-visible.c: the text a reader sees, in facts->visible. Open and
 * close are called with the element not on the stack and outside the
 * reader's other counters (in_head, in_opaque) it changes. */
void      _wd_html_visible_open  (Reader         *r,
                                  Element        *element,
                                  const char     *name,
                                  const xmlChar **atts);
void      _wd_html_visible_close (Reader         *r,
                                  const Element  *element);
/* Elements nested past the stack (r->overflow counts them, this one too). */
void      _wd_html_visible_open_untracked  (Reader         *r,
                                            const char     *name,
                                            const xmlChar **atts);
void      _wd_html_visible_close_untracked (Reader         *r,
                                            const char     *name);
void      _wd_html_visible_text  (Reader         *r,
                                  const char     *chars,
                                  gsize           len);
/* The static copy of @name when it is an HTML element's (in lower case,
 * as libxml2 gives it), or NULL. */
const char *_wd_html_element_name (const char *name);

G_END_DECLS

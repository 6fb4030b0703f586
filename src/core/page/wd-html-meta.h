/* src/core/page/ — the streaming page reader: wd-html-meta (its face), wd-html-reader
 *   (what the markup states; wd-html-markup what microdata and bylines, dates and
 *   author links in the markup say, wd-html-visible the text a reader sees,
 *   wd-page-metas its <meta> statements, wd-html-bound
 *   the tag bound before libxml2), wd-json-ld, wd-charset, and the ranked rules that make the
 *   fields of it: wd-page-rules, with wd-page-names (bylines) and wd-page-dates.
 */
/* wd-html-meta.h: what a fetched page says about itself — title, site,
 * author, dates, canonical address, language —, the text a reader sees,
 * and a fingerprint of its text to notice later changes and error pages. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Titles and other short fields are cut to this many characters. */
#define WD_HTML_META_TEXT_MAX 300

typedef struct
{
  char    *title;
  char    *site_name;
  char    *author;          /* the authors, ", " between them */
  char   **authors;         /* the same, one name each */
  char    *published;       /* ISO 8601 */
  char    *canonical;       /* absolute http(s) URL */
  char    *language;        /* a BCP 47 tag as the page wrote it */
  char    *heading;         /* the first <h1> */
  /* The fingerprint: of the page's text outside <head>, <script> and the
   * like, hidden elements included, white space collapsed, NFC. */
  char    *content_sha256;  /* of that text, hex */
  gsize    text_length;     /* characters of that text */
  GArray  *sketch;          /* guint32, sorted: the smallest hashes of its words */
  char    *text;            /* the text a reader sees: no hidden elements;
                             * NFC, white space collapsed; "\n\n" between
                             * blocks (paragraphs, headings, list items,
                             * cells), "\n" for a line break (<br>) */
  char    *refresh;         /* <meta http-equiv="refresh" content>, as written */
  gboolean is_html;
  /* The rule that gave each field (a static name such as "json-ld-author"),
   * so that a wrong value points at one rule; NULL when the field is unset.
   * G_MESSAGES_DEBUG=wd-page-rules logs them too. */
  const char *title_rule;
  const char *site_rule;
  const char *author_rule;
  const char *published_rule;
  const char *language_rule;
} WdHtmlMeta;

/* Reads a page (at most what the checker fetched of it). @media_type and
 * @header_charset come from the Content-Type header (NULL when absent);
 * relative addresses are resolved against @base_url. Documents that are
 * neither HTML nor plain text give a meta with no fields set. Runs
 * without a network and never fails: broken input gives fewer fields. */
WdHtmlMeta *wd_html_meta_parse           (const guint8     *data,
                                          gsize             len,
                                          const char       *media_type,
                                          const char       *header_charset,
                                          const char       *base_url);
void        wd_html_meta_free            (WdHtmlMeta       *meta);

/* An estimate of the Jaccard similarity of the two texts' sets of words,
 * from 0 (nothing shared) to 1 (the same words). */
double      wd_html_meta_similarity      (const WdHtmlMeta *a,
                                          const WdHtmlMeta *b);

/* A date as pages write it ("2024-05-01T10:00:00+02:00", "2024/05/01",
 * an HTTP date, …) in ISO 8601, or NULL when it is not a date. */
char       *wd_html_meta_normalize_date  (const char       *text);

/* @text with runs of white space and control characters collapsed to one
 * space, trimmed, in Unicode NFC, and cut (with "…") to @max_chars;
 * NULL when nothing is left. */
char       *wd_html_meta_clean_text      (const char       *text,
                                          gsize             max_chars);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (WdHtmlMeta, wd_html_meta_free)

G_END_DECLS

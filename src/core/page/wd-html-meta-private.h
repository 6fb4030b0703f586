/* wd-html-meta-private.h: the readers behind wd-html-meta: the HTML
 * reader that collects what a page states, each statement under the name
 * of the rule that found it, its JSON-LD reader, and the ranked rules
 * that turn the statements into the page's fields (wd-page-rules.c). */
#pragma once

#include <glib.h>

#include "wd-html-meta.h"

G_BEGIN_DECLS

/* A page with more JSON-LD blocks than this has the rest ignored. */
#define WD_JSON_LD_MAX_BLOCKS 16
/* A rule keeps at most this many statements (several authors). */
#define WD_PAGE_RULE_MAX_VALUES 8

/* The rules, in rank order within each field: the first one of a field
 * that gives a clean value wins. Their names are in wd-page-rules.c. */
typedef enum
{
  /* title */
  WD_RULE_OG_TITLE,
  WD_RULE_TWITTER_TITLE,
  WD_RULE_CITATION_TITLE,
  WD_RULE_JSON_LD_HEADLINE,
  WD_RULE_DC_TITLE,
  WD_RULE_TITLE_ELEMENT,
  WD_RULE_MICRODATA_HEADLINE,
  /* site name */
  WD_RULE_JSON_LD_PUBLISHER,
  WD_RULE_OG_SITE_NAME,
  WD_RULE_MICRODATA_PUBLISHER,
  WD_RULE_JSON_LD_WEBSITE,
  WD_RULE_DC_PUBLISHER,
  WD_RULE_META_PUBLISHER,
  WD_RULE_CITATION_PUBLISHER,
  WD_RULE_APPLICATION_NAME,
  WD_RULE_TITLE_SUFFIX,
  WD_RULE_LOGO_ALT,
  /* author */
  WD_RULE_JSON_LD_AUTHOR,
  WD_RULE_JSON_LD_CREATOR,
  WD_RULE_MICRODATA_AUTHOR,
  WD_RULE_META_AUTHOR,
  WD_RULE_ARTICLE_AUTHOR,
  WD_RULE_CITATION_AUTHOR,
  WD_RULE_DC_CREATOR,
  WD_RULE_META_BYLINE,
  WD_RULE_PARSELY_PAGE,
  WD_RULE_TWITTER_LABEL_AUTHOR,
  WD_RULE_REL_AUTHOR,
  WD_RULE_BYLINE_CLASS,
  WD_RULE_AUTHOR_CLASS,
  WD_RULE_AUTHOR_LINK,
  WD_RULE_BY_LINE_TEXT,
  /* publication date */
  WD_RULE_JSON_LD_DATE_PUBLISHED,
  WD_RULE_MICRODATA_DATE_PUBLISHED,
  WD_RULE_ARTICLE_PUBLISHED_TIME,
  WD_RULE_CITATION_DATE,
  WD_RULE_DC_DATE,
  WD_RULE_META_DATE,
  WD_RULE_TIME_PUBDATE,
  WD_RULE_DATE_CLASS,
  WD_RULE_TIME_ELEMENT,
  WD_RULE_DATE_NEAR_HEADLINE,
  WD_RULE_URL_DATE,
  WD_RULE_DATE_IN_TEXT,
  WD_RULE_MODIFIED_DATE,
  /* language */
  WD_RULE_HTML_LANG,
  WD_RULE_CONTENT_LANGUAGE,
  WD_RULE_OG_LOCALE,
  WD_RULE_JSON_LD_LANGUAGE,
  WD_RULE_MICRODATA_LANGUAGE,
  WD_RULE_DC_LANGUAGE,
  /* canonical address */
  WD_RULE_LINK_CANONICAL,
  WD_RULE_OG_URL,
  WD_N_RULES
} WdPageRule;

typedef enum
{
  WD_PAGE_TITLE,
  WD_PAGE_SITE,
  WD_PAGE_AUTHOR,
  WD_PAGE_DATE,
  WD_PAGE_LANGUAGE,
  WD_PAGE_CANONICAL,
  WD_PAGE_N_FIELDS
} WdPageField;

/* An <h1>: its text, and where it is in the visible text. */
#define WD_HTML_MAX_HEADINGS 4
typedef struct
{
  char  *text;
  gsize  at;
  gsize  end;
} WdHtmlHeading;

/* A JSON-LD author given as {"@id": …} that its own block does not name
 * (another block may). */
#define WD_JSON_LD_MAX_IDS 64
typedef struct
{
  WdPageRule  rule;
  char       *id;
} WdJsonLdRef;

/* What a page states, raw and uncleaned, by rule. */
typedef struct
{
  GPtrArray    *values[WD_N_RULES]; /* of char*, NULL until the rule finds something */
  char         *heading;            /* the first <h1> */
  char         *refresh;            /* the first <meta http-equiv="refresh"> content */
  WdHtmlHeading headings[WD_HTML_MAX_HEADINGS];  /* the first ones */
  guint         n_headings;
  guint         n_json_ld;
  GHashTable   *ld_names;           /* JSON-LD "@id" → "name", of every block, or NULL */
  GArray       *ld_refs;            /* of WdJsonLdRef, or NULL */
  GString      *text;               /* the text outside <head> and opaque elements, hidden
                                     * ones too; '\n' between blocks: the fingerprint's */
  GString      *visible;            /* the text a reader sees; "\n\n" between blocks,
                                     * '\n' for <br> (wd-html-visible.c) */
} WdHtmlFacts;

/* Adds a statement found by @rule (nothing when @value is NULL or empty,
 * or the rule has enough). */
void  _wd_html_facts_add   (WdHtmlFacts *facts,
                            WdPageRule   rule,
                            const char  *value);
/* The first statement of @rule, or NULL. */
const char *_wd_html_facts_first (const WdHtmlFacts *facts,
                                  WdPageRule         rule);

/* Reads one <script type="application/ld+json"> block (a CDATA section or
 * comment around it is fine) into the facts. Oversized, too deeply nested
 * or broken JSON is skipped. */
void _wd_json_ld_read  (WdHtmlFacts *facts,
                        const char  *text);
/* Names the authors that one block gave as "@id" and another named,
 * once every block is read. */
void _wd_json_ld_resolve (WdHtmlFacts *facts);

/* Reads UTF-8 HTML as a stream of events, keeping no document tree, so
 * that memory stays proportional to the text whatever the markup. */
void _wd_html_facts_read  (WdHtmlFacts *facts,
                           const char  *html,
                           gsize        len);
void _wd_html_facts_clear (WdHtmlFacts *facts);

/* The <meta> statements of a page (wd-page-metas.c). */
#define WD_HTML_MAX_TWITTER_LABELS 4
typedef struct
{
  WdHtmlFacts *facts;
  guint        n_metas;
  /* "twitter:label1" … "twitter:label4" and their "twitter:dataN" */
  char        *twitter_labels[WD_HTML_MAX_TWITTER_LABELS];
  char        *twitter_data[WD_HTML_MAX_TWITTER_LABELS];
} WdHtmlMetas;

/* One <meta> with a name, property or http-equiv of @key. */
void _wd_html_metas_read   (WdHtmlMetas *metas,
                            const char  *key,
                            const char  *content);
/* The statements that needed the whole <head> (a label and its value). */
void _wd_html_metas_finish (WdHtmlMetas *metas);
void _wd_html_metas_clear  (WdHtmlMetas *metas);

/* @html with every tag cut to WD_HTML_MAX_ATTRIBUTES attributes (libxml2
 * compares each attribute of a tag with all the others before it), or
 * NULL when no tag has more. */
#define WD_HTML_MAX_ATTRIBUTES 64
char *_wd_html_bound_tags (const char *html,
                           gsize       len,
                           gsize      *out_len);

/* The ranked rules: fills @meta's fields and the name of the rule behind
 * each. */
void _wd_page_rules_apply (WdHtmlMeta  *meta,
                           WdHtmlFacts *facts,
                           const char  *base_url);
const char *_wd_page_rule_name (WdPageRule rule);

/* Between the blocks of a byline read from the markup ("Ann Lee<br>Staff
 * writer"): the names parser reads them apart; white space elsewhere. */
#define WD_BYLINE_BREAK '\x1e'

/* The names in a byline ("By Ann Lee and Bob Ray, Staff Writers"; in
 * wd-page-names.c): no
 * "By", job titles, e-mail addresses, handles or profile addresses.
 * Appends them to @names (of char*), skipping ones it already has. */
void  _wd_page_names_from_byline (const char *text,
                                  GPtrArray  *names);

/* The first date written in running text ("5. November 2023",
 * "Nov 5, 2023", "05.11.2023", "2023-11-05 10:00"), normalised; NULL
 * when there is none (wd-page-dates.c). */
char *_wd_page_date_in_text   (const char *text,
                               gsize       len);
/* A date given as a value: ISO 8601, an HTTP date, or one as written. */
char *_wd_page_date_normalize (const char *value);
/* /2023/11/05/, /2023-11-05-…, /20231105/ in an address's path. */
char *_wd_page_date_in_url    (const char *url);

G_END_DECLS

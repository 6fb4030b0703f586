/* src/core/model/ — the article and what hangs off it: wd-article, wd-source, wd-publication,
 *   wd-check-result, wd-citations (citation markers), wd-url and wd-url-list (URL rules).
 */
/* wd-article.h: a synthesis — the text an editor writes and the sources
 * it rests on. */
#pragma once

#include <gio/gio.h>

#include "wd-publication.h"
#include "wd-source.h"
#include "wd-types.h"

G_BEGIN_DECLS

#define WD_TYPE_ARTICLE (wd_article_get_type ())

G_DECLARE_FINAL_TYPE (WdArticle, wd_article, WD, ARTICLE, GObject)

typedef struct _WdHistory WdHistory;

WdArticle          *wd_article_new                (void);

const char         *wd_article_get_id             (WdArticle     *self);
const char         *wd_article_get_headline       (WdArticle     *self);
void                wd_article_set_headline       (WdArticle     *self,
                                                   const char    *headline);
const char         *wd_article_get_standfirst     (WdArticle     *self);
void                wd_article_set_standfirst     (WdArticle     *self,
                                                   const char    *standfirst);
const char         *wd_article_get_byline         (WdArticle     *self);
void                wd_article_set_byline         (WdArticle     *self,
                                                   const char    *byline);
const char         *wd_article_get_dateline       (WdArticle     *self);
void                wd_article_set_dateline       (WdArticle     *self,
                                                   const char    *dateline);
const char         *wd_article_get_language       (WdArticle     *self);
void                wd_article_set_language       (WdArticle     *self,
                                                   const char    *language);
const char         *wd_article_get_body           (WdArticle     *self);
void                wd_article_set_body           (WdArticle     *self,
                                                   const char    *body);
const char         *wd_article_get_desk_note      (WdArticle     *self);
void                wd_article_set_desk_note      (WdArticle     *self,
                                                   const char    *desk_note);
/* The editor's note: for the newsroom, never published. */
const char         *wd_article_get_ed_note        (WdArticle     *self);
void                wd_article_set_ed_note        (WdArticle     *self,
                                                   const char    *ed_note);
const char * const *wd_article_get_keywords       (WdArticle     *self);
void                wd_article_set_keywords       (WdArticle     *self,
                                                   const char * const *keywords);
WdArticleStatus     wd_article_get_status         (WdArticle     *self);
void                wd_article_set_status         (WdArticle     *self,
                                                   WdArticleStatus status);
const char         *wd_article_get_created        (WdArticle     *self);
void                wd_article_set_created        (WdArticle     *self,
                                                   const char    *created);
const char         *wd_article_get_modified       (WdArticle     *self);
void                wd_article_set_modified       (WdArticle     *self,
                                                   const char    *modified);
guint               wd_article_get_revision       (WdArticle     *self);
void                wd_article_set_revision       (WdArticle     *self,
                                                   guint          revision);

/* The sources, a GListModel of WdSource, in the editor's order. */
GListModel         *wd_article_get_sources        (WdArticle     *self);
guint               wd_article_get_n_sources      (WdArticle     *self);
WdSource           *wd_article_get_source         (WdArticle     *self,
                                                   guint          position);
WdSource           *wd_article_find_source        (WdArticle     *self,
                                                   const char    *url);
WdSource           *wd_article_find_source_by_id  (WdArticle     *self,
                                                   const char    *id);

/* Normalises @text (wd_url_normalize()) and appends a new source for it.
 * Refuses (WD_ERROR_DUPLICATE_SOURCE) a URL the article already has.
 * Returns: (transfer none): the new source. */
WdSource           *wd_article_add_source_url     (WdArticle     *self,
                                                   const char    *text,
                                                   GError       **error);
/* Inserts an existing source (position G_MAXUINT appends), e.g. to undo a
 * removal. Refuses a duplicate URL or id. */
gboolean            wd_article_insert_source      (WdArticle     *self,
                                                   guint          position,
                                                   WdSource      *source,
                                                   GError       **error);
/* Returns the position the source had, or -1 if it was not there. */
int                 wd_article_remove_source      (WdArticle     *self,
                                                   WdSource      *source);

/* Where the article was published: a GListModel of WdPublication, at most
 * one per endpoint. Setting a record for a known endpoint replaces it. */
GListModel         *wd_article_get_publications   (WdArticle     *self);
WdPublication      *wd_article_find_publication   (WdArticle     *self,
                                                   const char    *endpoint);
void                wd_article_set_publication    (WdArticle     *self,
                                                   WdPublication *publication);

/* The article's revisions (wd-history.h); every save adds one. */
WdHistory          *wd_article_get_history        (WdArticle     *self);

G_END_DECLS

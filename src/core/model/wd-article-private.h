#pragma once

#include <json-glib/json-glib.h>

#include "wd-article.h"

G_BEGIN_DECLS

/* Unknown members of the document root and of the article object. */
JsonObject *_wd_article_get_root_extras    (WdArticle  *self);
void        _wd_article_set_root_extras    (WdArticle  *self,
                                            JsonObject *extras);
JsonObject *_wd_article_get_extras         (WdArticle  *self);
void        _wd_article_set_extras         (WdArticle  *self,
                                            JsonObject *extras);
void        _wd_article_set_id             (WdArticle  *self,
                                            const char *id);

G_END_DECLS

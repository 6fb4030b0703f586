/* wd-preview-page.h: the article as it will be published — headline,
 * standfirst, byline and dateline, the body with numbered citations, the
 * source list — rendered into labels from the exports' own renderer
 * (export/wd-markdown-blocks.c). Follows the article while it is on
 * screen, a moment after each change. */
#pragma once

#include <adwaita.h>

#include "wiredesk-core.h"

G_BEGIN_DECLS

#define WD_TYPE_PREVIEW_PAGE (wd_preview_page_get_type ())
G_DECLARE_FINAL_TYPE (WdPreviewPage, wd_preview_page, WD, PREVIEW_PAGE, GtkWidget)

GtkWidget *wd_preview_page_new         (void);
WdArticle *wd_preview_page_get_article (WdPreviewPage *self);
void       wd_preview_page_set_article (WdPreviewPage *self,
                                        WdArticle     *article);
/* How many times the page was rendered (for tests: an update has landed). */
guint      wd_preview_page_get_renders (WdPreviewPage *self);

G_END_DECLS

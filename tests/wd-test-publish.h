/* wd-test-publish.h: what the publish test suites share — publishing and
 * waiting for the outcome, and the fixture of a stand-in CMS
 * (wd-test-cms.h) with a publisher set up for it. */
#pragma once

#include "wd-test-cms.h"
#include "wiredesk-core.h"

G_BEGIN_DECLS

/* Publishes @article with @publisher, iterating the main context until
 * it is done; the publication, or NULL and @error. */
WdPublication *wd_test_publish (WdPublisher        *publisher,
                                WdArticle          *article,
                                const char         *endpoint,
                                WdPublishProfile    profile,
                                const char         *credential,
                                GCancellable       *cancellable,
                                WdPublishOutcome   *outcome,
                                GError            **error);

typedef struct
{
  WdTestCms   *cms;
  WdPublisher *publisher;    /* 5 s timeout, 3 attempts 10 ms apart */
  WdArticle   *article;
  char        *endpoint;     /* the CMS's URL + the path asked for */
} WdTestCmsFixture;

/* A CMS accepting @token, a publisher for it, @article (taken) to send
 * and the endpoint at @path. */
void           wd_test_cms_fixture_set_up    (WdTestCmsFixture *f,
                                              const char       *token,
                                              const char       *path,
                                              WdArticle        *article);
void           wd_test_cms_fixture_tear_down (WdTestCmsFixture *f);

G_END_DECLS

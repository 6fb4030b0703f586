/* The publish suites' shared steps: publish and wait, the CMS fixture. */
#include "config.h"

#include "wd-test-publish.h"

static void
on_published (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  *(GAsyncResult **) user_data = g_object_ref (result);
}

WdPublication *
wd_test_publish (WdPublisher        *publisher,
                 WdArticle          *article,
                 const char         *endpoint,
                 WdPublishProfile    profile,
                 const char         *credential,
                 GCancellable       *cancellable,
                 WdPublishOutcome   *outcome,
                 GError            **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  wd_publisher_publish_async (publisher, article, endpoint, profile, credential, cancellable,
                              on_published, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);

  return wd_publisher_publish_finish (publisher, result, outcome, error);
}

void
wd_test_cms_fixture_set_up (WdTestCmsFixture *f,
                            const char       *token,
                            const char       *path,
                            WdArticle        *article)
{
  f->cms = wd_test_cms_new (token);
  f->publisher = wd_publisher_new ();
  wd_publisher_set_timeout (f->publisher, 5);
  wd_publisher_set_max_attempts (f->publisher, 3);
  wd_publisher_set_retry_delay (f->publisher, 10);
  f->article = article;
  f->endpoint = wd_test_cms_url (f->cms, path);
}

void
wd_test_cms_fixture_tear_down (WdTestCmsFixture *f)
{
  g_clear_object (&f->article);
  g_clear_object (&f->publisher);
  wd_test_cms_free (f->cms);
  g_free (f->endpoint);
}

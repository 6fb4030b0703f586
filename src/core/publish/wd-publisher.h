/* src/core/publish/ — publishing to a CMS: wd-publisher (the request engine),
 *   wd-publish-profile and wd-publish-wordpress (the CMS profiles; the post
 *   WordPress is sent: wd-publish-wordpress-post), wd-credentials.
 */
/* wd-publisher.h: sending an article to a CMS over HTTP.
 *
 * Profiles (what is sent where):
 *   ninjs, jsonld  a generic JSON endpoint E. A first publish POSTs the
 *                  export to E; the CMS answers 2xx with {"id": …, "url": …}
 *                  (or a Location header). A re-publish PUTs to E/<id>.
 *                  Authorization: Bearer <credential>.
 *   wordpress      a WordPress site E (its address, its REST root …/wp-json,
 *                  or …/?rest_route=/) through the REST API: POST
 *                  wp/v2/posts with title, content (HTML, the desk note
 *                  appended), excerpt (the standfirst), status, tags and
 *                  categories from the keywords, meta "wiredesk_article_id";
 *                  a re-publish POSTs to …/posts/<id>. Authorization: Basic
 *                  with the credential "user:application-password". The
 *                  steps (credential check, finding the post again, terms)
 *                  are in wd-publish-wordpress.c.
 *
 * Idempotency: every request carries the article id (header
 * X-Wiredesk-Article-Id, and in the payload: ninjs uri, JSON-LD identifier,
 * WordPress meta "wiredesk_article_id"). The id the CMS gave back is stored
 * in the article (wd_article_set_publication()), so publishing again updates
 * the same item; when the CMS no longer has it (404 on the update; for
 * WordPress also a post in the trash), it is created again and the outcome
 * says so. A CMS that already knows the article id may answer a POST with
 * the existing item; a WordPress site with the mu-plugin in tests/cms finds
 * the post by the article id when the document has no record of it.
 *
 * Failures: network errors, 5xx and 429 are retried with exponential
 * backoff (bounded by "max-attempts"; a Retry-After of up to 30 s is
 * honoured). Other 4xx are final and carry the CMS's own message.
 * Redirects are not followed (WordPress: a redirect of /wp-json/ sends the
 * publish to ?rest_route=, as on a site without pretty permalinks). Answers are read up to 1 MiB. The credential
 * never appears in an error message, even when the CMS echoes it.
 */
#pragma once

#include <gio/gio.h>

#include "wd-article.h"

G_BEGIN_DECLS

typedef enum
{
  WD_PUBLISH_PROFILE_NINJS,
  WD_PUBLISH_PROFILE_JSONLD,
  WD_PUBLISH_PROFILE_WORDPRESS,
} WdPublishProfile;

#define WD_PUBLISH_N_PROFILES 3

typedef enum
{
  WD_PUBLISH_OUTCOME_CREATED,    /* a new item on the CMS */
  WD_PUBLISH_OUTCOME_UPDATED,    /* the item the CMS already had */
  WD_PUBLISH_OUTCOME_RECREATED,  /* the CMS had lost the item: created anew */
} WdPublishOutcome;

#define WD_PUBLISH_ERROR (wd_publish_error_quark ())

typedef enum
{
  WD_PUBLISH_ERROR_INVALID_ENDPOINT, /* not an http(s) URL */
  WD_PUBLISH_ERROR_NO_CREDENTIAL,    /* nothing in the environment or the keyring */
  WD_PUBLISH_ERROR_NO_KEYRING,       /* no Secret Service to ask */
  WD_PUBLISH_ERROR_UNAUTHORIZED,     /* 401, 403 */
  WD_PUBLISH_ERROR_NOT_FOUND,        /* 404 on the endpoint */
  WD_PUBLISH_ERROR_REJECTED,         /* another 4xx, or a redirect */
  WD_PUBLISH_ERROR_SERVER,           /* 5xx after every attempt */
  WD_PUBLISH_ERROR_NETWORK,          /* unreachable or timed out after every attempt */
  WD_PUBLISH_ERROR_RESPONSE,         /* a 2xx answer without a usable id */
} WdPublishError;

GQuark      wd_publish_error_quark           (void);

gboolean    wd_publish_profile_from_name     (const char        *name,
                                              WdPublishProfile  *profile);
const char *wd_publish_profile_get_name      (WdPublishProfile   profile);

/* "https://CMS.example:443/api/items/" → "https://cms.example/api/items":
 * the form publications and keyring entries are keyed by. */
char       *wd_publish_normalize_endpoint    (const char        *text,
                                              GError           **error);

/* The publisher's limits: the properties' ranges, the setters' checks and
 * the command line's options all use these. */
#define WD_PUBLISHER_DEFAULT_TIMEOUT       30   /* seconds */
#define WD_PUBLISHER_MIN_TIMEOUT           1
#define WD_PUBLISHER_MAX_TIMEOUT           600
#define WD_PUBLISHER_DEFAULT_MAX_ATTEMPTS  4
#define WD_PUBLISHER_MIN_ATTEMPTS          1
#define WD_PUBLISHER_MAX_ATTEMPTS          10

#define WD_TYPE_PUBLISHER (wd_publisher_get_type ())

G_DECLARE_FINAL_TYPE (WdPublisher, wd_publisher, WD, PUBLISHER, GObject)

WdPublisher   *wd_publisher_new              (void);

/* Seconds a request may take (connect, send, answer), 1 to 600; default 30. */
guint          wd_publisher_get_timeout      (WdPublisher       *self);
void           wd_publisher_set_timeout      (WdPublisher       *self,
                                              guint              timeout);
/* Attempts per request, 1 to 10; default 4. */
guint          wd_publisher_get_max_attempts (WdPublisher       *self);
void           wd_publisher_set_max_attempts (WdPublisher       *self,
                                              guint              max_attempts);
/* The first backoff delay in milliseconds, doubled each retry; default 1000. */
guint          wd_publisher_get_retry_delay  (WdPublisher       *self);
void           wd_publisher_set_retry_delay  (WdPublisher       *self,
                                              guint              retry_delay);

/* Publishes @article to @endpoint. The payload is made at the call (on the
 * calling thread), so later edits do not change what is sent. On success
 * the article gets the CMS's id and URL as its publication for @endpoint
 * (in the main context of the call, before the callback). Refuses an
 * article wd_export_check() refuses. @credential is used for this call
 * only and wiped from memory afterwards. */
void           wd_publisher_publish_async    (WdPublisher         *self,
                                              WdArticle           *article,
                                              const char          *endpoint,
                                              WdPublishProfile     profile,
                                              const char          *credential,
                                              GCancellable        *cancellable,
                                              GAsyncReadyCallback  callback,
                                              gpointer             user_data);
/* Returns: (transfer full): the publication stored in the article. */
WdPublication *wd_publisher_publish_finish   (WdPublisher       *self,
                                              GAsyncResult      *result,
                                              WdPublishOutcome  *outcome,
                                              GError           **error);

G_END_DECLS

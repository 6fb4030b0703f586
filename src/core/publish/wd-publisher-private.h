/* wd-publisher-private.h: one publish, split between the HTTP side and the
 * profile that decides what to ask next.
 *
 * wd-publisher.c runs the task (checks, the profile's row, the outcome);
 * wd-publish-request.c sends (every request carries the Authorization,
 * Accept and X-Wiredesk-* headers), retries network failures, 5xx and 429
 * with backoff, reads the answer up to 1 MiB, and turns 401/403 and
 * redirects (unless the profile's row says it reads them) into final
 * errors. Every other answer goes to the profile's WdPublishAnswerFunc: the
 * generic flow in wd-publish-profile.c, the WordPress flow in
 * wd-publish-wordpress.c. What differs between profiles is one row of
 * WdPublishProfileInfo each.
 *
 * The functions taking a task are called on the task's main context. A
 * profile ends the publish with _wd_publish_done() or _wd_publish_fail();
 * both give up the task's reference the flow holds.
 */
#pragma once

#include <libsoup/soup.h>

#include "wd-publisher.h"

G_BEGIN_DECLS

typedef void (*WdPublishAnswerFunc) (GTask *task);

/* What differs between profiles, in one row each (wd-publish-profile.c):
 * wd-publisher.c and wd-publish-request.c look here, never at the enum. */
typedef struct
{
  const char     *content_type;
  gboolean        basic_auth;         /* "Basic <base64 user:password>", else "Bearer TOKEN" */
  gboolean        handles_redirects;  /* its flow reads 3xx answers itself */
  const char     *plain_http_hint;    /* said after a 401/403 over plain http, or NULL */
  /* What to send, taken from @article now (later edits do not count). */
  gpointer      (*new_data)  (WdPublishProfile   profile,
                              WdArticle         *article,
                              const char        *endpoint,
                              GError           **error);
  GDestroyNotify  free_data;
  /* Runs the publish; the task's profile data is what new_data made. */
  void          (*start)     (GTask             *task);
} WdPublishProfileInfo;

const WdPublishProfileInfo *_wd_publish_profile_info (WdPublishProfile profile);

/* A new request (its attempts counted afresh); @body may be NULL. */
void                _wd_publish_send              (GTask               *task,
                                                   const char          *method,
                                                   const char          *url,
                                                   GBytes              *body,
                                                   WdPublishAnswerFunc  on_answer);

/* The answer being handled. */
guint               _wd_publish_get_status        (GTask               *task);
GBytes             *_wd_publish_dup_answer        (GTask               *task);
SoupMessageHeaders *_wd_publish_get_headers       (GTask               *task);
const char         *_wd_publish_get_request_url   (GTask               *task);

/* What is published, where, and what the document knew of it. */
const char         *_wd_publish_get_endpoint      (GTask               *task);
const char         *_wd_publish_get_article_id    (GTask               *task);
const char         *_wd_publish_get_known_id      (GTask               *task);
const char         *_wd_publish_get_known_url     (GTask               *task);
gpointer            _wd_publish_get_profile_data  (GTask               *task);

/* @base, or "@base: <what the answer says>". */
char               *_wd_publish_with_answer_message (GTask             *task,
                                                   const char          *base);

/* Ends the publish: records the publication in the article and returns it. */
void                _wd_publish_done              (GTask               *task,
                                                   const char          *remote_id,
                                                   const char          *url,
                                                   WdPublishOutcome     outcome);
/* Ends the publish: "URL redirects to LOCATION; publish there". */
void                _wd_publish_fail_redirect     (GTask               *task);
/* Ends the publish with @message (the credential taken out of it). */
void                _wd_publish_fail              (GTask               *task,
                                                   WdPublishError       code,
                                                   const char          *message);

/* The generic flow (wd-publish-profile.c): POST the ninjs or JSON-LD
 * export, PUT it to endpoint/<id> when the document knows the id. */
typedef struct _WdGeneric WdGeneric;

gpointer            _wd_generic_new               (WdPublishProfile     profile,
                                                   WdArticle           *article,
                                                   const char          *endpoint,
                                                   GError             **error);
void                _wd_generic_free              (WdGeneric           *generic);
/* Runs the publish; the task's profile data is a WdGeneric. */
void                _wd_generic_start             (GTask               *task);

/* The WordPress flow (wd-publish-wordpress.c). */
typedef struct _WdWordpress WdWordpress;

gpointer            _wd_wordpress_new             (WdPublishProfile     profile,
                                                   WdArticle           *article,
                                                   const char          *endpoint,
                                                   GError             **error);
void                _wd_wordpress_free            (WdWordpress         *wordpress);
/* Runs the publish; the task's profile data is a WdWordpress. */
void                _wd_wordpress_start           (GTask               *task);

/* WdPublisher::retrying, for the request engine; @reason redacted. */
void      _wd_publisher_emit_retrying (WdPublisher *self,
                                       guint        attempt,
                                       guint        max_attempts,
                                       guint        delay_ms,
                                       const char  *reason);

G_END_DECLS

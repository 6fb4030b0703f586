/* wd-publish-request-private.h: one publish's state, shared by the
 * publisher (wd-publisher.c: the task, its article and credential, the
 * profile) and the request engine (wd-publish-request.c: one request at a
 * time, its attempts, backoff and answer). */
#pragma once

#include <libsoup/soup.h>

#include "wd-publisher-private.h"

G_BEGIN_DECLS

/* The longest wait between attempts (also the retry-delay property's top). */
#define MAX_RETRY_WAIT_MS 30000

typedef struct
{
  WdArticle           *article;
  char                *endpoint;
  WdPublishProfile     profile;
  char                *credential;
  char                *article_id;
  char                *known_id;     /* what the document recorded for the endpoint */
  char                *known_url;
  guint                max_attempts;
  guint                retry_delay;

  gpointer             profile_data;
  GDestroyNotify       profile_data_free;

  /* The request in flight. */
  char                *method;
  char                *request_url;
  GBytes              *body;
  WdPublishAnswerFunc  on_answer;
  guint                attempt;
  SoupMessage         *message;
  GInputStream        *stream;
  GByteArray          *answer;
  GSource             *wait_source;
  GSource             *cancel_source;

  WdPublishOutcome     outcome;
} Publish;

/* wd-publisher.c */
SoupSession *_wd_publisher_get_session   (WdPublisher *self);

/* wd-publish-request.c */
/* Stops a retry wait (when the publish ends early). */
void         _wd_publish_request_clear   (Publish     *p);

G_END_DECLS

/* wd-publish-profile-private.h: what each publish profile sends, where, and
 * how it reads the answer. The HTTP side (retries, timeouts) is in
 * wd-publisher.c. */
#pragma once

#include <libsoup/soup.h>

#include "wd-publisher.h"

G_BEGIN_DECLS

/* Where to send: creating when @remote_id is NULL, else updating it. */
char       *_wd_publish_request_url     (WdPublishProfile   profile,
                                         const char        *endpoint,
                                         const char        *remote_id);
const char *_wd_publish_request_method  (WdPublishProfile   profile,
                                         gboolean           update);
const char *_wd_publish_content_type    (WdPublishProfile   profile);
GBytes     *_wd_publish_payload         (WdPublishProfile   profile,
                                         WdArticle         *article,
                                         GError           **error);
/* The Authorization header value. */
char       *_wd_publish_authorization   (WdPublishProfile   profile,
                                         const char        *credential);

/* The CMS's id and public URL from a 2xx answer; FALSE (and @error,
 * WD_PUBLISH_ERROR_RESPONSE) when there is no id. */
gboolean    _wd_publish_parse_answer    (WdPublishProfile    profile,
                                         GBytes             *body,
                                         SoupMessageHeaders *headers,
                                         const char         *request_url,
                                         char              **remote_id,
                                         char              **url,
                                         GError            **error);

/* A short human message from an error answer (JSON "message", "error",
 * "detail", "title", or the first line of text), at most 300 characters,
 * control characters removed; NULL when there is none. */
char       *_wd_publish_answer_message  (GBytes             *body);

/* @text with @credential (and its parts around ':', and its Base64 form)
 * replaced by "********". */
char       *_wd_publish_redact          (const char         *text,
                                         const char         *credential);

G_END_DECLS

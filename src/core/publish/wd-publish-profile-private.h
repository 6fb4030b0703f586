/* wd-publish-profile-private.h: what the publish profiles share — the
 * Authorization header, reading a CMS's answers, keeping the credential out
 * of every message. The flows themselves: wd-publish-profile.c (the generic
 * JSON endpoint) and wd-publish-wordpress.c (with its post,
 * wd-publish-wordpress-post.c). */
#pragma once

#include <json-glib/json-glib.h>

#include "wd-publisher.h"

G_BEGIN_DECLS

const char *_wd_publish_content_type    (WdPublishProfile   profile);
/* The Authorization header value. */
char       *_wd_publish_authorization   (WdPublishProfile   profile,
                                         const char        *credential);

/* The JSON in @body (UTF-8), or NULL when it is not JSON. */
JsonNode   *_wd_publish_parse_json      (GBytes            *body);
/* A member that is a non-empty string, or an integer as text; else NULL. */
char       *_wd_publish_member_text     (JsonObject        *object,
                                         const char        *member);

/* A short human message from an error answer (JSON "message", "error",
 * "detail", "title", or the first line of text), at most 300 characters,
 * control characters removed; NULL when there is none. */
char       *_wd_publish_answer_message  (GBytes            *body);

/* @text with @credential replaced by "********": also the password part
 * of "user:password", their Base64, percent-encoded and JSON-escaped
 * forms, in any ASCII case, and a start of one that ends a cut message. */
char       *_wd_publish_redact          (const char        *text,
                                         const char        *credential);
/* TRUE when @text holds any form of @credential that _wd_publish_redact()
 * would hide: such a text is never stored. */
gboolean    _wd_publish_mentions_secret (const char        *text,
                                         const char        *credential);

/* WordPress: the meta field that carries the article id (registered by
 * the mu-plugin in tests/cms), and the post that is sent, but for its
 * terms. */
#define WD_WORDPRESS_META_KEY "wiredesk_article_id"
JsonObject *_wd_wordpress_post_object   (WdArticle         *article);

G_END_DECLS

/* wd-test-cms.h: a stand-in CMS for publish tests — a SoupServer on
 * 127.0.0.1 in its own thread and main context.
 *
 * Generic API (ninjs, jsonld): POST /api/items creates an item (201, {"id",
 * "url"}, Location) or, when the X-Wiredesk-Article-Id is already known,
 * answers 200 with that item; PUT /api/items/ID updates (200) or 404s.
 * Authorization must be "Bearer TOKEN", else 401 {"message": …}.
 * WordPress: POST /wp-json/wp/v2/posts (201 {"id": N, "link"}), POST
 * /wp-json/wp/v2/posts/N (200, or 404 rest_post_invalid_id), GET
 * /wp-json/wp/v2/posts ([]), GET …/posts/N (the post or 404) and GET
 * /wp-json/wp/v2/users/me; Basic auth with
 * the same TOKEN ("user:password"). Anything else: 404.
 */
#pragma once

#include <gio/gio.h>
#include <libsoup/soup.h>

G_BEGIN_DECLS

typedef struct _WdTestCms WdTestCms;

typedef struct
{
  char   *method;
  char   *path;
  char   *content_type;
  char   *authorization;
  char   *article_id;
  GBytes *body;
} WdTestCmsRequest;

WdTestCms *wd_test_cms_new            (const char *token);
void       wd_test_cms_free           (WdTestCms  *cms);

/* "http://127.0.0.1:PORT" + @path */
char      *wd_test_cms_url            (WdTestCms  *cms,
                                       const char *path);

/* The next @count requests get @status with @body (JSON), whatever they are. */
void       wd_test_cms_fail_next      (WdTestCms  *cms,
                                       guint       count,
                                       guint       status,
                                       const char *body);
/* Scripted failures carry this Retry-After header (NULL: none). */
void       wd_test_cms_set_retry_after (WdTestCms  *cms,
                                        const char *value);
/* Requests are held unanswered (to time out or be cancelled). */
void       wd_test_cms_set_hang       (WdTestCms  *cms,
                                       gboolean    hang);

guint             wd_test_cms_n_requests (WdTestCms *cms);
/* A copy of request @index; free with wd_test_cms_request_free(). */
WdTestCmsRequest *wd_test_cms_request    (WdTestCms *cms,
                                          guint      index);
void              wd_test_cms_request_free (WdTestCmsRequest *request);

guint      wd_test_cms_n_items        (WdTestCms  *cms);
/* The last body stored for item @id, or NULL. */
GBytes    *wd_test_cms_item           (WdTestCms  *cms,
                                       const char *id);
void       wd_test_cms_delete_item    (WdTestCms  *cms,
                                       const char *id);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (WdTestCmsRequest, wd_test_cms_request_free)

G_END_DECLS

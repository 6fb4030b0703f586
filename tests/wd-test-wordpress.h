/* wd-test-wordpress.h: the throwaway WordPress a test suite publishes to,
 * started by tests/cms/wordpress-site (Debian's wordpress, mariadb-server,
 * php-cli, php-mysql), and its REST API as the site's editor.
 *
 * One site per suite: wd_test_wordpress_start() before g_test_run(),
 * wd_test_wordpress_stop() after. Without the packages every test that
 * asks wd_test_wordpress_ready() is skipped, naming what is missing; a site
 * that did not start fails it. A test process that dies leaves nothing
 * running: the script's watcher stops the site and removes its directory.
 */
#pragma once

#include <json-glib/json-glib.h>
#include <libsoup/soup.h>

G_BEGIN_DECLS

typedef struct
{
  char        *url;            /* http://127.0.0.1:PORT, plain permalinks */
  char        *credential;     /* "editor:<application password>" */
  char        *run_dir;        /* all of the site; gone after stop */
  double       setup_seconds;

  /* private */
  char        *script;
  char        *skip_reason;
  char        *failure;
  SoupSession *session;
} WdTestWordpress;

WdTestWordpress *wd_test_wordpress_start       (void);
void             wd_test_wordpress_stop        (WdTestWordpress  *site);
/* FALSE, the test skipped or failed, when there is no site. */
gboolean         wd_test_wordpress_ready       (WdTestWordpress  *site);

/* tests/cms/wordpress-site @command RUN ("web-stop", "web-start"). */
int              wd_test_wordpress_command     (WdTestWordpress  *site,
                                                const char       *command);

/* @method @route ("/wp/v2/posts/7") with @params (escaped) and a @json
 * body, as the editor; the answer's JSON. */
JsonNode        *wd_test_wordpress_rest        (WdTestWordpress  *site,
                                                const char       *method,
                                                const char       *route,
                                                const char       *params,
                                                const char       *json,
                                                guint            *status);
/* Post @id in the edit context (raw title, content, excerpt). */
JsonObject      *wd_test_wordpress_get_post    (WdTestWordpress  *site,
                                                const char       *id,
                                                JsonNode        **root);
/* Deletes post @id: into the trash, or for good. */
void             wd_test_wordpress_delete_post (WdTestWordpress  *site,
                                                const char       *id,
                                                gboolean          force);
/* The posts carrying the Wiredesk @article_id, in any status but the trash. */
guint            wd_test_wordpress_count_posts (WdTestWordpress  *site,
                                                const char       *article_id);
/* The names of the terms @ids of @taxonomy ("tags", "categories"), sorted. */
GStrv            wd_test_wordpress_term_names  (WdTestWordpress  *site,
                                                const char       *taxonomy,
                                                JsonArray        *ids);
/* The id of category @name, made when missing (as a site's editors set up
 * their sections). */
gint64           wd_test_wordpress_category    (WdTestWordpress  *site,
                                                const char       *name);

/* The local addresses ("0100007F:5DC0") of the TCP sockets listening in
 * the site's process named by @pid_file ("php.pid", "mariadbd.pid"). */
GPtrArray       *wd_test_wordpress_listening   (WdTestWordpress  *site,
                                                const char       *pid_file);

/* Sorts @strings in place; returns them. */
GStrv            wd_test_sort_strv             (GStrv             strings);

G_END_DECLS

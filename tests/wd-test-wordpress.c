#include "config.h"

#include <string.h>
#include <unistd.h>

#include "wd-test-util.h"
#include "wd-test-wordpress.h"

/* ------------------------------------------------------------- the site */

static int
run_script (WdTestWordpress    *site,
            const char * const *args,
            char              **out,
            char              **err)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GSubprocess) proc = NULL;
  g_autoptr(GError) error = NULL;

  g_ptr_array_add (argv, site->script);
  for (guint i = 0; args[i] != NULL; i++)
    g_ptr_array_add (argv, (gpointer) args[i]);
  g_ptr_array_add (argv, NULL);

  proc = g_subprocess_newv ((const char * const *) argv->pdata,
                            G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_PIPE, &error);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8 (proc, NULL, NULL, out, err, &error);
  g_assert_no_error (error);

  return g_subprocess_get_if_exited (proc) ? g_subprocess_get_exit_status (proc) : -1;
}

WdTestWordpress *
wd_test_wordpress_start (void)
{
  WdTestWordpress *site = g_new0 (WdTestWordpress, 1);
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autofree char *pid = g_strdup_printf ("%d", (int) getpid ());
  g_autofree char *credential_path = NULL;
  g_autoptr(GError) error = NULL;
  gint64 start;
  int status;

  site->script = g_build_filename (g_getenv ("WD_SOURCE_ROOT"), "tests", "cms", "wordpress-site", NULL);
  site->session = soup_session_new_with_options ("timeout", 20, NULL);

  status = run_script (site, (const char *[]) { "check", NULL }, &out, &err);
  if (status == 77)
    {
      site->skip_reason = g_strdup_printf ("no WordPress to publish to: %s", g_strstrip (err));
      return site;
    }
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  site->run_dir = g_dir_make_tmp ("wd-wordpress-XXXXXX", &error);
  g_assert_no_error (error);

  start = g_get_monotonic_time ();
  status = run_script (site, (const char *[]) { "start", site->run_dir, "--watch", pid, NULL }, &out, &err);
  site->setup_seconds = (g_get_monotonic_time () - start) / (double) G_USEC_PER_SEC;
  g_test_message ("WordPress set up in %.2f s", site->setup_seconds);
  if (status != 0)
    {
      site->failure = g_strdup_printf ("tests/cms/wordpress-site start exited with %d:\n%s", status, err);
      return site;
    }

  site->url = g_strdup (g_strstrip (out));
  credential_path = g_build_filename (site->run_dir, "credential", NULL);
  g_file_get_contents (credential_path, &site->credential, NULL, &error);
  g_assert_no_error (error);
  g_strstrip (site->credential);

  return site;
}

void
wd_test_wordpress_stop (WdTestWordpress *site)
{
  if (site->url != NULL)
    {
      g_autofree char *out = NULL;
      g_autofree char *err = NULL;

      if (run_script (site, (const char *[]) { "stop", site->run_dir, NULL }, &out, &err) != 0)
        g_printerr ("# stopping the site: %s\n", err);
    }
  else if (site->run_dir != NULL)
    wd_test_rmdir_r (site->run_dir);   /* did not start: the script removed what it made */

  g_clear_object (&site->session);
  g_free (site->script);
  g_free (site->run_dir);
  g_free (site->url);
  g_free (site->credential);
  g_free (site->skip_reason);
  g_free (site->failure);
  g_free (site);
}

gboolean
wd_test_wordpress_ready (WdTestWordpress *site)
{
  if (site->skip_reason != NULL)
    {
      g_test_skip (site->skip_reason);
      return FALSE;
    }
  if (site->failure != NULL)
    {
      g_test_fail_printf ("the WordPress site did not start: %s", site->failure);
      return FALSE;
    }
  return TRUE;
}

int
wd_test_wordpress_command (WdTestWordpress *site,
                           const char      *command)
{
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  int status = run_script (site, (const char *[]) { command, site->run_dir, NULL }, &out, &err);

  if (status != 0)
    g_test_message ("wordpress-site %s: %s", command, err);
  return status;
}

/* ----------------------------------------------------------- the REST API */

JsonNode *
wd_test_wordpress_rest (WdTestWordpress *site,
                        const char      *method,
                        const char      *route,
                        const char      *params,
                        const char      *json,
                        guint           *status)
{
  g_autofree char *url = g_strconcat (site->url, "/?rest_route=", route, params != NULL ? "&" : NULL,
                                      params, NULL);
  g_autofree char *encoded = g_base64_encode ((const guchar *) site->credential, strlen (site->credential));
  g_autofree char *authorization = g_strconcat ("Basic ", encoded, NULL);
  g_autoptr(SoupMessage) message = soup_message_new (method, url);
  g_autoptr(GBytes) body = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;

  g_assert_nonnull (message);
  soup_message_headers_replace (soup_message_get_request_headers (message), "Authorization", authorization);
  if (json != NULL)
    {
      g_autoptr(GBytes) request = g_bytes_new (json, strlen (json));

      soup_message_set_request_body_from_bytes (message, "application/json", request);
    }

  body = soup_session_send_and_read (site->session, message, NULL, &error);
  g_assert_no_error (error);
  if (status != NULL)
    *status = soup_message_get_status (message);

  json_parser_load_from_data (parser, g_bytes_get_data (body, NULL), g_bytes_get_size (body), &error);
  g_assert_no_error (error);
  return json_node_copy (json_parser_get_root (parser));
}

JsonObject *
wd_test_wordpress_get_post (WdTestWordpress  *site,
                            const char       *id,
                            JsonNode        **root)
{
  g_autofree char *route = g_strconcat ("/wp/v2/posts/", id, NULL);
  guint status;

  *root = wd_test_wordpress_rest (site, "GET", route, "context=edit", NULL, &status);
  g_assert_cmpuint (status, ==, 200);
  return json_node_get_object (*root);
}

void
wd_test_wordpress_delete_post (WdTestWordpress *site,
                               const char      *id,
                               gboolean         force)
{
  g_autofree char *route = g_strconcat ("/wp/v2/posts/", id, NULL);
  g_autoptr(JsonNode) answer = NULL;
  guint status;

  answer = wd_test_wordpress_rest (site, "DELETE", route, force ? "force=true" : NULL, NULL, &status);
  g_assert_cmpuint (status, ==, 200);
}

guint
wd_test_wordpress_count_posts (WdTestWordpress *site,
                               const char      *article_id)
{
  g_autofree char *params = g_strdup_printf ("wiredesk_article_id=%s&status=any&context=edit", article_id);
  g_autoptr(JsonNode) root = wd_test_wordpress_rest (site, "GET", "/wp/v2/posts", params, NULL, NULL);

  return json_array_get_length (json_node_get_array (root));
}

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return g_strcmp0 (*(char * const *) a, *(char * const *) b);
}

GStrv
wd_test_sort_strv (GStrv strings)
{
  qsort (strings, g_strv_length (strings), sizeof (char *), compare_strings);
  return strings;
}

GStrv
wd_test_wordpress_term_names (WdTestWordpress *site,
                              const char      *taxonomy,
                              JsonArray       *ids)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_autoptr(GString) include = g_string_new ("_fields=name&per_page=100&include=");
  g_autofree char *route = g_strconcat ("/wp/v2/", taxonomy, NULL);
  g_autoptr(JsonNode) root = NULL;
  JsonArray *terms;

  if (json_array_get_length (ids) == 0)
    return g_new0 (char *, 1);

  for (guint i = 0; i < json_array_get_length (ids); i++)
    g_string_append_printf (include, "%s%" G_GINT64_FORMAT, i > 0 ? "," : "",
                            json_array_get_int_element (ids, i));

  root = wd_test_wordpress_rest (site, "GET", route, include->str, NULL, NULL);
  terms = json_node_get_array (root);
  for (guint i = 0; i < json_array_get_length (terms); i++)
    g_strv_builder_add (builder, json_object_get_string_member (json_array_get_object_element (terms, i),
                                                                "name"));

  return wd_test_sort_strv (g_strv_builder_end (builder));
}

gint64
wd_test_wordpress_category (WdTestWordpress *site,
                            const char      *name)
{
  g_autofree char *json = g_strdup_printf ("{\"name\": \"%s\"}", name);
  g_autoptr(JsonNode) root = NULL;
  JsonObject *object;
  guint status;

  root = wd_test_wordpress_rest (site, "POST", "/wp/v2/categories", NULL, json, &status);
  object = json_node_get_object (root);
  if (status == 201)
    return json_object_get_int_member (object, "id");

  g_assert_cmpstr (json_object_get_string_member (object, "code"), ==, "term_exists");
  return json_object_get_int_member (json_object_get_object_member (object, "data"), "term_id");
}

/* ------------------------------------------------------- what listens */

/* The inodes of the sockets the process in RUN/@pid_file holds. */
static GHashTable *
socket_inodes (WdTestWordpress *site,
               const char      *pid_file)
{
  g_autofree char *path = g_build_filename (site->run_dir, pid_file, NULL);
  g_autofree char *pid = NULL;
  g_autofree char *fd_dir = NULL;
  g_autoptr(GDir) dir = NULL;
  GHashTable *inodes = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  const char *name;

  g_assert_true (g_file_get_contents (path, &pid, NULL, NULL));
  fd_dir = g_build_filename ("/proc", g_strstrip (pid), "fd", NULL);
  dir = g_dir_open (fd_dir, 0, NULL);
  g_assert_nonnull (dir);

  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *link = g_build_filename (fd_dir, name, NULL);
      g_autofree char *target = g_file_read_link (link, NULL);

      if (target != NULL && g_str_has_prefix (target, "socket:[") && g_str_has_suffix (target, "]"))
        g_hash_table_add (inodes, g_strndup (target + 8, strlen (target) - 9));
    }

  return inodes;
}

GPtrArray *
wd_test_wordpress_listening (WdTestWordpress *site,
                             const char      *pid_file)
{
  g_autoptr(GHashTable) inodes = socket_inodes (site, pid_file);
  GPtrArray *addresses = g_ptr_array_new_with_free_func (g_free);

  for (guint t = 0; t < 2; t++)
    {
      g_autofree char *table = NULL;
      g_auto(GStrv) lines = NULL;

      if (!g_file_get_contents (t == 0 ? "/proc/net/tcp" : "/proc/net/tcp6", &table, NULL, NULL))
        continue;
      lines = g_strsplit (table, "\n", -1);
      for (guint i = 1; lines[i] != NULL; i++)
        {
          g_auto(GStrv) fields = g_regex_split_simple ("\\s+", g_strstrip (lines[i]), 0, 0);

          /* sl local rem st tx:rx tr:when retrnsmt uid timeout inode */
          if (g_strv_length (fields) > 9 && g_str_equal (fields[3], "0A") &&
              g_hash_table_contains (inodes, fields[9]))
            g_ptr_array_add (addresses, g_strdup (fields[1]));
        }
    }

  return addresses;
}

/* What the checker's test suites share. */
#include "config.h"

#include <string.h>

#include "wd-checker-fixture.h"

void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  f->server = wd_hostile_server_new (WD_HOSTILE_SITE_NORMAL);
  f->checker = wd_checker_new ();
  /* Generous: only the deadline tests wait for it. */
  wd_checker_set_timeout (f->checker, 10.0);
}

void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_clear_object (&f->checker);
  g_clear_pointer (&f->server, wd_hostile_server_free);
}

void
on_ready (GObject      *object,
          GAsyncResult *result,
          gpointer      data)
{
  *(GAsyncResult **) data = g_object_ref (result);
}

void
wait_for (GAsyncResult **result)
{
  while (*result == NULL)
    g_main_context_iteration (NULL, TRUE);
}

WdCheckResult *
check_url (WdChecker  *checker,
           const char *url)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  WdCheckResult *check;

  wd_checker_check_url_async (checker, url, NULL, on_ready, &result);
  wait_for (&result);
  check = wd_checker_check_url_finish (checker, result, &error);
  g_assert_no_error (error);
  g_assert_nonnull (check);

  return check;
}

WdCheckResult *
check_path (Fixture    *f,
            const char *path)
{
  g_autofree char *url = wd_hostile_server_url (f->server, path);

  return check_url (f->checker, url);
}

GPtrArray *
check_urls (WdChecker          *checker,
            const char * const *urls)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  GPtrArray *results;

  wd_checker_check_urls_async (checker, urls, NULL, on_ready, &result);
  wait_for (&result);
  results = wd_checker_check_urls_finish (checker, result, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (results->len, ==, g_strv_length ((char **) urls));

  return results;
}

GPtrArray *
check_pages (Fixture    *f,
             const char *path,
             guint       n,
             guint       per_host)
{
  g_autoptr(GPtrArray) urls = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; i < n; i++)
    {
      g_autofree char *numbered = g_strdup_printf ("%s?%u", path, i);
      g_ptr_array_add (urls, wd_hostile_server_url (f->server, numbered));
    }
  g_ptr_array_add (urls, NULL);

  wd_checker_set_max_per_host (f->checker, per_host);
  return check_urls (f->checker, (const char * const *) urls->pdata);
}

void
assert_final_url (Fixture       *f,
                  WdCheckResult *result,
                  const char    *path)
{
  g_autofree char *url = wd_hostile_server_url (f->server, path);

  g_assert_cmpstr (wd_check_result_get_final_url (result), ==, url);
}

void
assert_detail_mentions (WdCheckResult *result,
                        const char    *text)
{
  const char *detail = wd_check_result_get_detail (result);

  if (detail == NULL || strstr (detail, text) == NULL)
    g_error ("detail “%s” does not mention “%s”", detail ? detail : "(null)", text);
}

guint64
peak_rss_kib (void)
{
  g_autofree char *status = NULL;
  const char *line;

  if (!g_file_get_contents ("/proc/self/status", &status, NULL, NULL))
    return 0;
  line = strstr (status, "VmHWM:");
  return line != NULL ? g_ascii_strtoull (line + strlen ("VmHWM:"), NULL, 10) : 0;
}

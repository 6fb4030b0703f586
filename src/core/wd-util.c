#define G_LOG_DOMAIN "wd-util"

#include "config.h"

#include "wd-util-private.h"
#include "wd-tls-private.h"

gboolean
_wd_set_str (char       **str_pointer,
             const char  *new_str)
{
  char *copy;

  if (*str_pointer == new_str || g_strcmp0 (*str_pointer, new_str) == 0)
    return FALSE;

  copy = g_strdup (new_str);
  g_free (*str_pointer);
  *str_pointer = copy;

  return TRUE;
}

char *
_wd_date_time_to_iso8601 (GDateTime *dt)
{
  g_autoptr(GDateTime) utc = g_date_time_to_utc (dt);

  return g_date_time_format (utc, "%Y-%m-%dT%H:%M:%SZ");
}

char *
_wd_now_iso8601 (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();

  return _wd_date_time_to_iso8601 (now);
}

gboolean
_wd_is_iso8601 (const char *text)
{
  g_autoptr(GDateTime) dt = NULL;

  if (text == NULL)
    return FALSE;

  dt = g_date_time_new_from_iso8601 (text, NULL);
  return dt != NULL;
}

SoupSession *
_wd_session_harden (SoupSession *session)
{
  soup_session_remove_feature_by_type (session, SOUP_TYPE_AUTH_MANAGER);
  soup_session_remove_feature_by_type (session, SOUP_TYPE_CONTENT_DECODER);
  soup_session_remove_feature_by_type (session, SOUP_TYPE_COOKIE_JAR);
  soup_session_remove_feature_by_type (session, SOUP_TYPE_CONTENT_SNIFFER);
  g_assert (!soup_session_has_feature (session, SOUP_TYPE_AUTH_MANAGER));
  _wd_tls_apply_test_database (session);

  return session;
}

#define G_LOG_DOMAIN "wd-export-values"

#include "config.h"

#include <string.h>

#include "wd-export-values-private.h"
#include "wd-history.h"
#include "wd-util-private.h"

gboolean
_wd_export_has_text (const char *text)
{
  return text != NULL && *text != '\0';
}

gboolean
_wd_export_is_blank (const char *text)
{
  if (text == NULL)
    return TRUE;

  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    if (!g_unichar_isspace (g_utf8_get_char (p)))
      return FALSE;

  return TRUE;
}

void
_wd_export_set_text (JsonObject *object,
                     const char *member,
                     const char *value)
{
  if (_wd_export_has_text (value))
    json_object_set_string_member (object, member, value);
}

char *
_wd_export_article_urn (WdArticle *article)
{
  const char *id = wd_article_get_id (article);
  g_autofree char *escaped = NULL;

  if (g_uuid_string_is_valid (id))
    {
      g_autofree char *lower = g_ascii_strdown (id, -1);

      return g_strconcat ("urn:uuid:", lower, NULL);
    }

  escaped = g_uri_escape_string (id, NULL, FALSE);
  return g_strconcat ("urn:wiredesk:article:", escaped, NULL);
}

char *
_wd_export_date (const char *text)
{
  g_autoptr(GDateTime) dt = NULL;

  if (text == NULL)
    return NULL;

  dt = g_date_time_new_from_iso8601 (text, NULL);
  if (dt == NULL)
    return NULL;

  return _wd_date_time_to_iso8601 (dt);
}

char *
_wd_export_uri (const char *url)
{
  static const char allowed[] = "-._~:/?#[]@!$&'()*+,;=";
  GString *out = g_string_sized_new (strlen (url));

  for (const guchar *p = (const guchar *) url; *p != '\0'; p++)
    {
      if (g_ascii_isalnum (*p) || strchr (allowed, *p) != NULL)
        g_string_append_c (out, *p);
      else if (*p == '%' && g_ascii_isxdigit (p[1]) && g_ascii_isxdigit (p[2]))
        g_string_append_c (out, '%');
      else
        g_string_append_printf (out, "%%%02X", *p);
    }

  return g_string_free (out, FALSE);
}

char *
_wd_export_located (const char *dateline)
{
  g_auto(GStrv) parts = NULL;
  g_autoptr(GString) place = NULL;
  guint n;

  if (dateline == NULL)
    return NULL;

  parts = g_strsplit (dateline, ",", -1);
  n = g_strv_length (parts);

  /* Drop the date from the end: "3 November 2026", "Nov. 3", "2026-11-03". */
  while (n > 0)
    {
      const char *part = parts[n - 1];
      gboolean has_digit = FALSE;

      for (const char *p = part; *p != '\0'; p++)
        has_digit |= g_ascii_isdigit (*p);
      if (!has_digit && !_wd_export_is_blank (part))
        break;
      n--;
    }

  place = g_string_new (NULL);
  for (guint i = 0; i < n; i++)
    {
      g_autofree char *part = g_strstrip (g_strdup (parts[i]));

      if (*part == '\0')
        continue;
      if (place->len > 0)
        g_string_append (place, ", ");
      g_string_append (place, part);
    }

  if (place->len == 0)
    return NULL;

  return g_string_free (g_steal_pointer (&place), FALSE);
}

GPtrArray *
_wd_export_corrections (WdArticle *article)
{
  GPtrArray *list = wd_history_list_corrections (wd_article_get_history (article),
                                                 wd_article_get_modified (article));

  for (guint i = 0; i < list->len; i++)
    {
      WdCorrection *correction = g_ptr_array_index (list, i);
      char *date = _wd_export_date (correction->at);

      g_free (correction->at);
      correction->at = date;
    }
  return list;
}

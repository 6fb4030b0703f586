#define G_LOG_DOMAIN "wd-export"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "wd-enums.h"
#include "wd-error.h"
#include "wd-export-private.h"
#include "wd-export-prov.h"
#include "wd-history.h"
#include "wd-native-format.h"
#include "wd-util-private.h"

static const struct
{
  const char *name;
  const char *extension;
  const char *media_type;
} formats[WD_EXPORT_N_FORMATS] = {
  [WD_EXPORT_FORMAT_NATIVE] = { "native", WD_NATIVE_FORMAT_EXTENSION, WD_NATIVE_FORMAT_MIME_TYPE },
  [WD_EXPORT_FORMAT_NINJS] = { "ninjs", ".ninjs.json", "application/json" },
  [WD_EXPORT_FORMAT_NINJS2] = { "ninjs2", ".ninjs2.json", "application/json" },
  [WD_EXPORT_FORMAT_JSONLD] = { "jsonld", ".jsonld", "application/ld+json" },
  [WD_EXPORT_FORMAT_PROV] = { "prov", ".prov.json", "application/json" },
};

gboolean
wd_export_format_from_name (const char     *name,
                            WdExportFormat *format)
{
  g_return_val_if_fail (name != NULL, FALSE);

  for (guint i = 0; i < WD_EXPORT_N_FORMATS; i++)
    if (g_str_equal (formats[i].name, name))
      {
        if (format != NULL)
          *format = i;
        return TRUE;
      }

  return FALSE;
}

const char *
wd_export_format_get_name (WdExportFormat format)
{
  g_return_val_if_fail (format < WD_EXPORT_N_FORMATS, NULL);
  return formats[format].name;
}

const char *
wd_export_format_get_extension (WdExportFormat format)
{
  g_return_val_if_fail (format < WD_EXPORT_N_FORMATS, NULL);
  return formats[format].extension;
}

const char *
wd_export_format_get_media_type (WdExportFormat format)
{
  g_return_val_if_fail (format < WD_EXPORT_N_FORMATS, NULL);
  return formats[format].media_type;
}

const char *
wd_export_format_list_names (void)
{
  return "native, ninjs, ninjs2, jsonld, prov";
}

/* ------------------------------------------------------------- checking */

static gboolean
is_blank (const char *text)
{
  if (text == NULL)
    return TRUE;

  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    if (!g_unichar_isspace (g_utf8_get_char (p)))
      return FALSE;

  return TRUE;
}

static char *
describe_check (WdCheckResult *check)
{
  const char *nick = wd_enum_to_nick (WD_TYPE_CHECK_STATUS, wd_check_result_get_status (check));
  guint http_status = wd_check_result_get_http_status (check);
  const char *detail = wd_check_result_get_detail (check);
  GString *out = g_string_new (nick);

  if (http_status != 0)
    g_string_append_printf (out, ", HTTP %u", http_status);
  if (detail != NULL)
    g_string_append_printf (out, ", %s", detail);

  return g_string_free (out, FALSE);
}

static void
check_source (WdSource  *source,
              GPtrArray *warnings)
{
  g_autofree char *name = wd_source_dup_display_name (source);
  WdCheckResult *check = wd_source_get_check (source);
  g_autofree char *what = NULL;

  switch (wd_source_get_check_status (source))
    {
    case WD_CHECK_STATUS_OK:
    case WD_CHECK_STATUS_REDIRECTED:
      return;

    case WD_CHECK_STATUS_UNCHECKED:
      g_ptr_array_add (warnings,
                       g_strdup_printf (_("source “%s” (%s) has never been checked"),
                                        name, wd_source_get_url (source)));
      return;

    case WD_CHECK_STATUS_BLOCKED:
    case WD_CHECK_STATUS_RATE_LIMITED:
      what = describe_check (check);
      g_ptr_array_add (warnings,
                       g_strdup_printf (_("source “%s” (%s) could not be verified at its last check (%s)"),
                                        name, wd_source_get_url (source), what));
      return;

    case WD_CHECK_STATUS_REDIRECT_ERROR:
    case WD_CHECK_STATUS_NOT_FOUND:
    case WD_CHECK_STATUS_SOFT_NOT_FOUND:
    case WD_CHECK_STATUS_SERVER_ERROR:
    case WD_CHECK_STATUS_TIMEOUT:
    case WD_CHECK_STATUS_UNREACHABLE:
    case WD_CHECK_STATUS_INVALID:
    default:
      what = describe_check (check);
      g_ptr_array_add (warnings,
                       g_strdup_printf (_("source “%s” (%s) is broken: its last check found %s"),
                                        name, wd_source_get_url (source), what));
      return;
    }
}

static gboolean
check_complete (WdArticle  *article,
                GError    **error)
{
  if (is_blank (wd_article_get_headline (article)))
    {
      g_set_error_literal (error, WD_ERROR, WD_ERROR_INCOMPLETE,
                           _("the article has no headline; write one before exporting"));
      return FALSE;
    }

  if (is_blank (wd_article_get_body (article)))
    {
      g_set_error_literal (error, WD_ERROR, WD_ERROR_INCOMPLETE,
                           _("the article has no body text; write it before exporting"));
      return FALSE;
    }

  return TRUE;
}

gboolean
wd_export_check (WdArticle  *article,
                 GPtrArray **warnings,
                 GError    **error)
{
  g_autoptr(GPtrArray) found = NULL;
  g_autoptr(WdRenderedBody) body = NULL;
  guint n_sources;

  g_return_val_if_fail (WD_IS_ARTICLE (article), FALSE);

  if (warnings != NULL)
    *warnings = NULL;

  if (!check_complete (article, error))
    return FALSE;

  if (warnings == NULL)
    return TRUE;

  found = g_ptr_array_new_with_free_func (g_free);
  n_sources = wd_article_get_n_sources (article);

  if (n_sources == 0)
    g_ptr_array_add (found, g_strdup (_("the article has no sources")));

  for (guint i = 0; i < n_sources; i++)
    check_source (wd_article_get_source (article, i), found);

  body = _wd_rendered_body_new (article, FALSE);
  for (guint i = 0; i < body->unknown_ids->len; i++)
    g_ptr_array_add (found,
                     g_strdup_printf (_("the body cites [^%s], but no source has that id"),
                                      (const char *) g_ptr_array_index (body->unknown_ids, i)));

  *warnings = g_steal_pointer (&found);
  return TRUE;
}

/* ------------------------------------------------------------ exporting */

static GBytes *
generate (JsonNode *root)
{
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  GString *out = g_string_new (NULL);

  json_generator_set_pretty (generator, TRUE);
  json_generator_set_indent (generator, 2);
  json_generator_set_root (generator, root);
  json_generator_to_gstring (generator, out);
  g_string_append_c (out, '\n');

  return g_string_free_to_bytes (out);
}

GBytes *
wd_export_serialize (WdArticle       *article,
                     WdExportFormat   format,
                     GError         **error)
{
  g_autoptr(WdRenderedBody) body = NULL;
  g_autoptr(JsonNode) root = NULL;

  g_return_val_if_fail (WD_IS_ARTICLE (article), NULL);
  g_return_val_if_fail (format < WD_EXPORT_N_FORMATS, NULL);

  if (!check_complete (article, error))
    return NULL;

  if (format == WD_EXPORT_FORMAT_NATIVE)
    return wd_native_format_serialize (article);

  if (format == WD_EXPORT_FORMAT_PROV)
    return wd_export_prov (article);

  body = _wd_rendered_body_new (article, format != WD_EXPORT_FORMAT_JSONLD);

  if (format == WD_EXPORT_FORMAT_JSONLD)
    root = _wd_export_jsonld (article, body);
  else
    root = _wd_export_ninjs (article, body, format == WD_EXPORT_FORMAT_NINJS2);

  return generate (root);
}

/* -------------------------------------------------------------- helpers */

void
_wd_export_set_text (JsonObject *object,
                     const char *member,
                     const char *value)
{
  if (value != NULL && *value != '\0')
    json_object_set_string_member (object, member, value);
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
      if (!has_digit && !is_blank (part))
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

#define G_LOG_DOMAIN "wd-export"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "wd-enums.h"
#include "wd-error.h"
#include "wd-export-private.h"
#include "wd-export-values-private.h"
#include "wd-export-prov.h"
#include "wd-json-writer.h"
#include "wd-native-format.h"

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
  if (_wd_export_is_blank (wd_article_get_headline (article)))
    {
      g_set_error_literal (error, WD_ERROR, WD_ERROR_INCOMPLETE,
                           _("the article has no headline; write one before exporting"));
      return FALSE;
    }

  if (_wd_export_is_blank (wd_article_get_body (article)))
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

/* Through the JSON writer: a CMS embeds JSON-LD in a <script> element. */
static GBytes *
generate (JsonNode *root)
{
  return wd_json_node_to_bytes (root);
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

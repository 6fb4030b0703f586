#define G_LOG_DOMAIN "wd-evidence-text"

#include "config.h"

#include <libsoup/soup.h>
#include <string.h>

#include "wd-checker-private.h"
#include "wd-evidence-package-private.h"

/* The text a conversion record holds, as valid UTF-8. */
static char *
stored_text (WdWarcParsed *record)
{
  gsize len = 0;
  const char *data = g_bytes_get_data (record->block, &len);

  if (!g_utf8_validate (data, len, NULL))
    return g_utf8_make_valid (data, len);
  return g_strndup (data, len);
}

/* Which reader wrote @record's text: 1 for one without the header (the
 * one-line text of Wiredesk before blocks), 0 for a value not understood. */
static guint
text_version (WdWarcParsed *record)
{
  /* WD_EVIDENCE_TEXT_HEADER, as the reader keeps names: in lower case. */
  const char *value = g_hash_table_lookup (record->headers, "warc-wiredesk-text-version");
  guint64 version = 0;

  if (value == NULL)
    return 1;
  if (!g_ascii_string_to_unsigned (value, 10, 1, G_MAXUINT, &version, NULL))
    return 0;
  return (guint) version;
}

/* The media type and charset of the HTTP head in @block, as the checker
 * reads them from the answer. */
static void
content_type (GBytes  *block,
              char   **media_type,
              char   **charset)
{
  gsize len = 0;
  const char *data = g_bytes_get_data (block, &len);
  g_autofree char *head = g_strndup (data, _wd_warc_http_payload_offset (block));
  g_autoptr(SoupMessageHeaders) headers = soup_message_headers_new (SOUP_MESSAGE_HEADERS_RESPONSE);
  g_autoptr(GHashTable) params = NULL;
  const char *type;

  if (!soup_headers_parse_response (head, strlen (head), headers, NULL, NULL, NULL))
    return;
  type = soup_message_headers_get_content_type (headers, &params);
  *media_type = type != NULL ? g_ascii_strdown (type, -1) : NULL;
  *charset = params != NULL ? g_strdup (g_hash_table_lookup (params, "charset")) : NULL;
}

/* The text today's reader gives the capture's body, when the body is
 * whole and a page it reads (HTML or plain text); NULL otherwise, the
 * stored text then standing. */
static char *
derive_text (WdEvidencePackage *self,
             const WdCapture   *capture)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(WdWarcParsed) response = NULL;
  g_autoptr(GBytes) body = NULL;
  g_autoptr(WdHtmlMeta) meta = NULL;
  g_autofree char *media_type = NULL;
  g_autofree char *charset = NULL;
  gsize len = 0;
  const guint8 *data;

  if (capture->truncated)
    return NULL;
  response = _wd_evidence_package_read_record (self, capture->warc, capture->offset,
                                               capture->length, &error);
  if (response == NULL || g_hash_table_contains (response->headers, "warc-truncated"))
    {
      g_debug ("%s: the text of %s is kept as stored: %s", wd_evidence_package_get_path (self),
               capture->record_id, error != NULL ? error->message : "its body is not whole");
      return NULL;
    }
  body = _wd_warc_http_body (response->block, WD_FETCH_MAX_BODY, &error);
  if (body == NULL)
    {
      g_debug ("%s: the text of %s is kept as stored: %s", wd_evidence_package_get_path (self),
               capture->record_id, error->message);
      return NULL;
    }
  content_type (response->block, &media_type, &charset);
  data = g_bytes_get_data (body, &len);
  meta = wd_html_meta_parse (data, len, media_type != NULL ? media_type : capture->mime, charset,
                             capture->final_url);
  return g_steal_pointer (&meta->text);
}

/* The capture's conversion record, or NULL (without an error when it has none). */
static WdWarcParsed *
text_record (WdEvidencePackage  *self,
             const WdCapture    *capture,
             GError            **error)
{
  if (capture->text_length == 0)
    return NULL;
  return _wd_evidence_package_read_record (self, capture->warc, capture->text_offset,
                                           capture->text_length, error);
}

char *
wd_evidence_package_read_text (WdEvidencePackage  *self,
                               const WdCapture    *capture,
                               GError            **error)
{
  g_autoptr(WdWarcParsed) record = NULL;
  guint version;
  char *text = NULL;

  g_return_val_if_fail (WD_IS_EVIDENCE_PACKAGE (self), NULL);
  g_return_val_if_fail (capture != NULL, NULL);

  record = text_record (self, capture, error);
  if (record == NULL)
    return NULL;
  /* An older reader's text is read again by today's; a newer reader's
   * (or a version not understood) stands as it is. */
  version = text_version (record);
  if (version < WD_EVIDENCE_TEXT_VERSION && version > 0)
    text = derive_text (self, capture);
  return text != NULL ? text : stored_text (record);
}

char *
wd_evidence_package_read_stored_text (WdEvidencePackage  *self,
                                      const WdCapture    *capture,
                                      GError            **error)
{
  g_autoptr(WdWarcParsed) record = NULL;

  g_return_val_if_fail (WD_IS_EVIDENCE_PACKAGE (self), NULL);
  g_return_val_if_fail (capture != NULL, NULL);

  record = text_record (self, capture, error);
  return record != NULL ? stored_text (record) : NULL;
}

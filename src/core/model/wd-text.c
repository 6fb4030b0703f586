#define G_LOG_DOMAIN "wd-text"

#include "config.h"

#include <string.h>

#include "wd-text.h"

static gboolean
is_bidi_control (gunichar ch)
{
  return (ch >= 0x202a && ch <= 0x202e) || (ch >= 0x2066 && ch <= 0x2069);
}

char *
wd_text_clean_untrusted (const char *text)
{
  g_autofree char *valid = NULL;
  GString *out;

  if (text == NULL)
    return NULL;

  valid = g_utf8_make_valid (text, -1);
  out = g_string_sized_new (strlen (valid));

  for (const char *p = valid; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar ch = g_utf8_get_char (p);

      if (ch == '\t' || ch == '\n' || ch == '\r' || ch == 0x2028 || ch == 0x2029)
        g_string_append_c (out, ' ');
      else if (ch < 0x20 || (ch >= 0x7f && ch <= 0x9f) || is_bidi_control (ch))
        continue;
      else
        g_string_append_unichar (out, ch);
    }

  return g_string_free (out, FALSE);
}

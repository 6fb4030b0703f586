#define G_LOG_DOMAIN "wd-html-bound"

#include "config.h"

#include <string.h>

#include "wd-html-meta-private.h"

/* Tags cut to WD_HTML_MAX_ATTRIBUTES attributes before libxml2 reads them. */

/* Skips past @end (case-insensitively, starting with '<') from @p, or to @limit. */
static const char *
skip_past (const char *p,
           const char *limit,
           const char *end)
{
  gsize end_len = strlen (end);

  g_assert (end[0] == '<' || end[0] == '-');
  while (p + end_len <= limit)
    {
      p = memchr (p, end[0], limit - p);
      if (p == NULL || p + end_len > limit)
        return limit;
      if (g_ascii_strncasecmp (p, end, end_len) == 0)
        return p + end_len;
      p++;
    }
  return limit;
}

/* Finds the end of the tag at @tag (its '>', or @limit), and where its
 * attribute number WD_HTML_MAX_ATTRIBUTES + 1 begins (or NULL). A quote
 * opens a value only right after '=', as HTML tokenizes it, so a stray
 * quote on a real page does not swallow what follows. */
static const char *
scan_tag (const char  *tag,
          const char  *limit,
          const char **cut)
{
  guint n_attributes = 0;
  gboolean in_word = FALSE;       /* in an attribute's name or value */
  gboolean in_value = FALSE;      /* in an unquoted value */
  gboolean after_equals = FALSE;  /* a value may begin */
  char quote = 0;
  const char *p;

  *cut = NULL;
  for (p = tag + 1; p < limit; p++)
    {
      char c = *p;

      if (quote != 0)
        {
          if (c == quote)
            quote = 0, in_word = FALSE;
          continue;
        }
      if (c == '>')
        break;

      if (g_ascii_isspace (c))
        {
          if (!after_equals)
            in_word = in_value = FALSE;
        }
      else if (after_equals)
        {
          after_equals = FALSE;
          in_word = TRUE;
          if (c == '"' || c == '\'')
            quote = c;
          else
            in_value = TRUE;
        }
      else if (in_value)
        continue;
      else if (c == '=')
        after_equals = in_word = TRUE;
      else if (c == '/')
        in_word = FALSE;
      else if (!in_word)
        {
          in_word = TRUE;
          if (++n_attributes > WD_HTML_MAX_ATTRIBUTES && *cut == NULL)
            *cut = p;
        }
    }

  return p;
}

char *
_wd_html_bound_tags (const char *html,
                     gsize       len,
                     gsize      *out_len)
{
  const char *limit = html + len;
  const char *p = html;
  const char *copied = html;
  GString *out = NULL;

  while (p < limit)
    {
      const char *tag;
      const char *cut;
      const char *raw_end = NULL;

      p = memchr (p, '<', limit - p);
      if (p == NULL)
        break;

      if (limit - p >= 4 && memcmp (p, "<!--", 4) == 0)
        {
          p = skip_past (p + 4, limit, "-->");
          continue;
        }
      if (p + 1 >= limit || !g_ascii_isalpha (p[1]))
        {
          p++;
          continue;
        }

      tag = p;
      if (limit - p > 7 && g_ascii_strncasecmp (p, "<script", 7) == 0)
        raw_end = "</script";
      else if (limit - p > 6 && g_ascii_strncasecmp (p, "<style", 6) == 0)
        raw_end = "</style";

      p = scan_tag (tag, limit, &cut);
      if (cut != NULL)
        {
          /* Keep the tag up to there, drop the rest of its attributes. */
          if (out == NULL)
            out = g_string_sized_new (len);
          g_string_append_len (out, copied, cut - copied);
          copied = p;
        }

      if (p < limit)
        p++;
      if (raw_end != NULL)
        {
          const char *close = skip_past (p, limit, raw_end);
          p = close < limit ? close - strlen (raw_end) : limit;
        }
    }

  if (out == NULL)
    return NULL;

  g_string_append_len (out, copied, limit - copied);
  *out_len = out->len;
  return g_string_free (out, FALSE);
}

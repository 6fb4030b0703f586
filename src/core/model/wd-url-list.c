#define G_LOG_DOMAIN "wd-url-list"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "wd-url-list.h"
#include "wd-url.h"

/* A pasted line is shown back to the user in a rejection: keep it short. */
#define MAX_QUOTED_CHARS 80

static gboolean
contains_url (GPtrArray  *urls,
              const char *url)
{
  for (guint i = 0; i < urls->len; i++)
    if (g_str_equal (g_ptr_array_index (urls, i), url))
      return TRUE;

  return FALSE;
}

/* Characters that end a URL embedded in prose or Markdown. */
static gboolean
ends_url (gunichar c)
{
  return g_unichar_isspace (c) || c == '<' || c == '>' || c == '"' || c == '`' ||
         c == ')' || c == ']' || c == 0x201D /* ” */ || c == 0x00BB /* » */;
}

static const char *
find_scheme (const char *start,
             const char *p)
{
  for (; *p; p++)
    if ((g_ascii_strncasecmp (p, "http://", 7) == 0 ||
         g_ascii_strncasecmp (p, "https://", 8) == 0) &&
        (p == start || !g_ascii_isalnum (p[-1])))
      return p;

  return NULL;
}

/* The URLs written inside a line of prose; sentence punctuation that
 * follows a URL ("see https://x.example/a.") is not part of it. */
static guint
extract_embedded (const char *line,
                  GPtrArray  *urls)
{
  const char *p = line;
  guint added = 0;

  while ((p = find_scheme (line, p)) != NULL)
    {
      const char *end = p;
      g_autofree char *candidate = NULL;
      g_autofree char *url = NULL;
      gsize len;

      while (*end && !ends_url (g_utf8_get_char_validated (end, -1)))
        end = g_utf8_next_char (end);

      len = end - p;
      while (len > 0 && strchr (".,;:!?'", p[len - 1]) != NULL)
        len--;

      candidate = g_strndup (p, len);
      url = wd_url_normalize (candidate, NULL);
      if (url != NULL && !contains_url (urls, url))
        {
          g_ptr_array_add (urls, g_steal_pointer (&url));
          added++;
        }
      else if (url != NULL)
        added++;   /* a repeat still counts as found on this line */

      p = end;
    }

  return added;
}

guint
wd_url_list_parse (const char *text,
                   GPtrArray  *urls,
                   GPtrArray  *rejected)
{
  g_auto(GStrv) lines = NULL;
  guint before;

  g_return_val_if_fail (text != NULL, 0);
  g_return_val_if_fail (urls != NULL, 0);
  g_return_val_if_fail (rejected != NULL, 0);

  before = urls->len;

  if (!g_utf8_validate (text, -1, NULL))
    {
      g_ptr_array_add (rejected, g_strdup (_("The text is not valid UTF-8")));
      return 0;
    }

  lines = g_regex_split_simple ("\r\n|\r|\n", text, 0, 0);

  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_autofree char *line = g_strstrip (g_strdup (lines[i]));
      g_autoptr(GError) error = NULL;
      g_autofree char *url = NULL;

      if (*line == '\0')
        continue;

      url = wd_url_normalize (line, &error);
      if (url != NULL)
        {
          if (!contains_url (urls, url))
            g_ptr_array_add (urls, g_steal_pointer (&url));
          continue;
        }

      if (extract_embedded (line, urls) > 0)
        continue;

      /* The URL checker's message quotes the line; a long line is quoted
       * short instead. */
      if (g_utf8_strlen (line, -1) <= MAX_QUOTED_CHARS)
        /* TRANSLATORS: a rejected pasted line: "3: <why it is not a URL>" */
        g_ptr_array_add (rejected, g_strdup_printf (_("%u: %s"), i + 1, error->message));
      else
        {
          g_autofree char *head = g_utf8_substring (line, 0, MAX_QUOTED_CHARS - 1);

          g_ptr_array_add (rejected, g_strdup_printf (_("%u: “%s…” is not a URL"), i + 1, head));
        }
    }

  return urls->len - before;
}

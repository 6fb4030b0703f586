#define G_LOG_DOMAIN "wd-spell-words"

#include "config.h"

#include <string.h>

#include "wd-spell-words.h"

static gboolean
is_fence (const char *line,
          const char *end)
{
  return end - line >= 3 && (strncmp (line, "```", 3) == 0 || strncmp (line, "~~~", 3) == 0);
}

/* Whether @pos lies inside a fenced code block: the fences before it. */
static gboolean
in_fence_at (const char *text,
             const char *line)
{
  gboolean inside = is_fence (text, line) && text != line;
  const char *p = text;

  while ((p = strstr (p, "\n")) != NULL && p < line)
    {
      p++;
      if (p < line && is_fence (p, line))
        inside = !inside;
    }

  return inside;
}

gboolean
wd_spell_is_word_char (gunichar c)
{
  return g_unichar_isalnum (c) || g_unichar_ismark (c) || c == '\'' || c == 0x2019;
}

static gboolean
is_apostrophe (gunichar c)
{
  return c == '\'' || c == 0x2019;
}

static gboolean
is_known (GHashTable *known,
          const char *word,
          gsize       len)
{
  g_autofree char *copy = NULL;
  g_autofree char *lower = NULL;

  if (known == NULL || g_hash_table_size (known) == 0)
    return FALSE;

  copy = g_strndup (word, len);
  if (g_hash_table_contains (known, copy))
    return TRUE;
  lower = g_utf8_strdown (copy, -1);
  return g_hash_table_contains (known, lower);
}

/* Adds the word [w0, w1) unless it has digits, is in capitals, or known. */
static void
consider (GArray      *words,
          const char  *text,
          const char  *w0,
          const char  *w1,
          GHashTable  *known)
{
  gboolean digit = FALSE, lower = FALSE;
  guint letters = 0;

  /* Quotes around a word are not part of it. */
  while (w0 < w1 && is_apostrophe (g_utf8_get_char (w0)))
    w0 = g_utf8_next_char (w0);
  while (w1 > w0 && is_apostrophe (g_utf8_get_char (g_utf8_prev_char (w1))))
    w1 = g_utf8_prev_char (w1);
  if (w0 >= w1)
    return;

  for (const char *p = w0; p < w1; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      digit |= g_unichar_isdigit (c);
      lower |= g_unichar_islower (c);
      letters += g_unichar_isalpha (c);
    }

  if (digit || letters == 0 || (!lower && letters >= 2) || is_known (known, w0, w1 - w0))
    return;

  g_array_append_val (words, ((WdSpellWord) { w0 - text, w1 - text }));
}

static gboolean
starts_with (const char *t0,
             const char *t1,
             const char *prefix)
{
  gsize n = strlen (prefix);

  return (gsize) (t1 - t0) >= n && memcmp (t0, prefix, n) == 0;
}

/* A whitespace-delimited token [t0, t1) that is an address, not words. */
static gboolean
is_address (const char *t0,
            const char *t1)
{
  const char *at;

  if (memmem (t0, t1 - t0, "://", 3) != NULL || starts_with (t0, t1, "www.") ||
      starts_with (t0, t1, "(http") || starts_with (t0, t1, "<http") ||
      starts_with (t0, t1, "mailto:"))
    return TRUE;

  at = memchr (t0, '@', t1 - t0);
  return at != NULL && at != t0 && memchr (at, '.', t1 - at) != NULL;
}

/* The words of the lines of [@start, @end); with @touching, only those
 * that touch it (the rest of the lines is read for the context only). */
static GArray *
collect_words (const char *text,
               gsize       start,
               gsize       end,
               GHashTable *known,
               gboolean    touching)
{
  GArray *words = g_array_new (FALSE, FALSE, sizeof (WdSpellWord));
  const char *stop, *p, *line;
  gboolean in_fence, in_code = FALSE;
  gsize len;

  g_return_val_if_fail (text != NULL, words);

  len = strlen (text);
  start = MIN (start, len);
  end = MIN (MAX (start, end), len);

  /* From the start of @start's line to the end of @end's. */
  line = text + start;
  while (line > text && line[-1] != '\n')
    line--;
  stop = strchr (text + end, '\n');
  if (stop == NULL)
    stop = text + len;

  in_fence = in_fence_at (text, line);
  p = line;

  while (p < stop)
    {
      gunichar c;

      if (p == line)
        {
          const char *eol = strchr (p, '\n');

          if (eol == NULL)
            eol = text + len;
          in_code = FALSE;
          if (is_fence (p, eol) || in_fence)
            {
              if (is_fence (p, eol))
                in_fence = !in_fence;
              p = line = eol < text + len ? eol + 1 : eol;
              continue;
            }
        }

      c = g_utf8_get_char (p);

      if (c == '\n')
        {
          p = line = p + 1;
          continue;
        }
      if (c == '`')
        {
          in_code = !in_code;
          p++;
          continue;
        }
      if (in_code || g_unichar_isspace (c))
        {
          p = g_utf8_next_char (p);
          continue;
        }
      if (c == '[' && p[1] == '^')
        {
          const char *close = p + 2;

          while (close < stop && *close != ']' && *close != '\n')
            close++;
          p = *close == ']' ? close + 1 : close;
          continue;
        }

      /* A token: up to whitespace, a backtick or a citation marker. */
      {
        const char *t0 = p, *t1 = p, *w0 = NULL;

        while (t1 < text + len && !g_unichar_isspace (g_utf8_get_char (t1)) && *t1 != '`' &&
               !(t1[0] == '[' && t1[1] == '^'))
          t1 = g_utf8_next_char (t1);

        const char *scan_end = t1;
        const char *link;

        if (touching && (t1 < text + start || t0 > text + end))
          {
            p = t1;
            continue;
          }

        /* "[words](address)": the words, not the address. */
        link = memmem (t0, t1 - t0, "](", 2);
        if (link != NULL)
          scan_end = link;

        if (link != NULL || !is_address (t0, t1))
          for (const char *q = t0; q <= scan_end; q = q < scan_end ? g_utf8_next_char (q) : q + 1)
            {
              gboolean inside = q < scan_end && wd_spell_is_word_char (g_utf8_get_char (q));

              if (inside && w0 == NULL)
                w0 = q;
              else if (!inside && w0 != NULL)
                {
                  if (!touching || (q >= text + start && w0 <= text + end))
                    consider (words, text, w0, q, known);
                  w0 = NULL;
                }
            }

        p = t1;
      }
    }

  return words;
}

GArray *
wd_spell_words (const char *text,
                gsize       start,
                gsize       end,
                GHashTable *known)
{
  return collect_words (text, start, end, known, FALSE);
}

GArray *
wd_spell_words_touching (const char *text,
                         gsize       start,
                         gsize       end,
                         GHashTable *known)
{
  return collect_words (text, start, end, known, TRUE);
}

static void
add_words (GHashTable *known,
           const char *text)
{
  g_autoptr(GArray) words = NULL;

  if (text == NULL)
    return;

  words = wd_spell_words (text, 0, strlen (text), NULL);
  for (guint i = 0; i < words->len; i++)
    {
      const WdSpellWord *w = &g_array_index (words, WdSpellWord, i);
      char *word = g_strndup (text + w->start, w->end - w->start);

      g_hash_table_add (known, g_utf8_strdown (word, -1));
      g_hash_table_add (known, word);
    }
}

GHashTable *
wd_spell_known_words (WdArticle *article)
{
  GHashTable *known = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  g_return_val_if_fail (WD_IS_ARTICLE (article), known);

  for (guint i = 0; i < wd_article_get_n_sources (article); i++)
    {
      WdSource *source = wd_article_get_source (article, i);
      WdCheckResult *check = wd_source_get_check (source);

      add_words (known, wd_source_get_label (source));
      if (check != NULL)
        {
          add_words (known, wd_check_result_get_title (check));
          add_words (known, wd_check_result_get_site_name (check));
        }
    }

  return known;
}

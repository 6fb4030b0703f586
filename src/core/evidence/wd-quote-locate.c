/* wd-quote-locate.c: a quotation's words found again in a captured text. */
#define G_LOG_DOMAIN "wd-quote-locate"

#include "config.h"

#include <string.h>

#include "wd-quote-locate.h"

typedef struct
{
  guint  hash;
  char  *key;     /* NFKC, case-folded */
  gsize  start;
  gsize  end;
  guint  cut : 1; /* an omission mark stands before this word */
} Word;

static void
word_clear (Word *w)
{
  g_free (w->key);
}

static gboolean
in_word (gunichar c)
{
  return g_unichar_isalnum (c) || g_unichar_ismark (c);
}

/* Soft hyphens and zero-width characters never split a word. */
static gboolean
invisible (gunichar c)
{
  return c == 0x00ad || c == 0x200b || c == 0x200c || c == 0x200d || c == 0x2060 || c == 0xfeff;
}

static void
add_word (GArray     *words,
          GString    *key,
          gsize       start,
          gsize       end,
          gboolean    cut)
{
  g_autofree char *nfkc = g_utf8_normalize (key->str, key->len, G_NORMALIZE_NFKC);
  Word w = { 0, };

  w.key = g_utf8_casefold (nfkc != NULL ? nfkc : key->str, -1);
  w.hash = g_str_hash (w.key);
  w.start = start;
  w.end = end;
  w.cut = cut;
  g_array_append_val (words, w);
  g_string_truncate (key, 0);
}

/* The words of @text, and where an omission ("…", "...") comes before one. */
static GArray *
split_words (const char *text)
{
  GArray *words = g_array_new (FALSE, FALSE, sizeof (Word));
  g_autoptr(GString) key = g_string_new (NULL);
  const char *p = text;
  gsize start = 0, end = 0;
  guint dots = 0;
  gboolean cut = FALSE;

  g_array_set_clear_func (words, (GDestroyNotify) word_clear);

  while (*p != '\0')
    {
      gunichar c = g_utf8_get_char_validated (p, -1);
      const char *next;

      if (c == (gunichar) -1 || c == (gunichar) -2)
        {
          p++;
          continue;
        }
      next = g_utf8_next_char (p);

      if (in_word (c))
        {
          if (key->len == 0)
            start = p - text;
          g_string_append_len (key, p, next - p);
          end = next - text;
          dots = 0;
        }
      else if (!invisible (c))
        {
          if (key->len > 0)
            {
              add_word (words, key, start, end, cut);
              cut = FALSE;
            }
          dots = c == '.' ? dots + 1 : 0;
          if (c == 0x2026 || dots == 3)
            cut = TRUE;
        }
      p = next;
    }
  if (key->len > 0)
    add_word (words, key, start, end, cut);

  return words;
}

static gboolean
same (const Word *a,
      const Word *b)
{
  return a->hash == b->hash && strcmp (a->key, b->key) == 0;
}

/* The first place from @from on where the words @q[first, last) follow
 * each other in @s, or G_MAXUINT. */
static guint
find_run (GArray *s,
          guint   from,
          GArray *q,
          guint   first,
          guint   last)
{
  guint n = last - first;

  for (guint i = from; i + n <= s->len; i++)
    {
      guint k = 0;

      while (k < n && same (&g_array_index (s, Word, i + k), &g_array_index (q, Word, first + k)))
        k++;
      if (k == n)
        return i;
    }
  return G_MAXUINT;
}

GArray *
wd_quote_locate (const char *text,
                 const char *quote)
{
  g_autoptr(GArray) ranges = g_array_new (FALSE, FALSE, sizeof (WdQuoteRange));
  g_autoptr(GArray) s = NULL;
  g_autoptr(GArray) q = NULL;
  const char *exact;
  guint from = 0;

  g_return_val_if_fail (text != NULL, NULL);
  g_return_val_if_fail (quote != NULL, NULL);

  q = split_words (quote);
  if (q->len == 0)
    return NULL;

  /* The quotation as it is, when it has no omission. */
  exact = strstr (text, quote);
  if (exact != NULL && strstr (quote, "\u2026") == NULL && strstr (quote, "...") == NULL)
    {
      WdQuoteRange r = { exact - text, exact - text + strlen (quote) };

      g_array_append_val (ranges, r);
      return g_steal_pointer (&ranges);
    }

  s = split_words (text);
  for (guint first = 0; first < q->len;)
    {
      guint last = first + 1;
      guint at;
      WdQuoteRange r;

      while (last < q->len && !g_array_index (q, Word, last).cut)
        last++;
      if ((at = find_run (s, from, q, first, last)) == G_MAXUINT)
        return NULL;

      r.start = g_array_index (s, Word, at).start;
      r.end = g_array_index (s, Word, at + (last - first) - 1).end;
      g_array_append_val (ranges, r);
      from = at + (last - first);
      first = last;
    }

  return g_steal_pointer (&ranges);
}

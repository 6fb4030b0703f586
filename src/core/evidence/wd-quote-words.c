#define G_LOG_DOMAIN "wd-quotes"

#include "config.h"

#include <string.h>

#include "wd-quotes-private.h"

static const char * const negations[] = {
  /* en */ "not", "no", "never", "none", "nobody", "nothing", "neither", "nor", "cannot",
  /* de */ "nicht", "kein", "keine", "keinen", "keinem", "keiner", "keines", "nie", "niemals", "nichts",
  /* fr */ "ne", "n", "pas", "jamais", "aucun", "aucune", "rien", "non",
  NULL
};

static gboolean
is_negation (const char *word,
             gsize       len)
{
  /* "didn't", "won't", "isn't" */
  if (len > 3 && memcmp (word + len - 3, "n't", 3) == 0)
    return TRUE;
  for (guint i = 0; negations[i] != NULL; i++)
    if (strlen (negations[i]) == len && memcmp (negations[i], word, len) == 0)
      return TRUE;
  return FALSE;
}

/* Characters that are no part of the text: soft hyphen, zero-width ones. */
static gboolean
is_invisible (gunichar c)
{
  return c == 0x00AD || c == 0x200B || c == 0x200C || c == 0x200D || c == 0x2060 || c == 0xFEFF;
}

static gboolean
is_apostrophe (gunichar c)
{
  return c == '\'' || c == 0x2019 || c == 0x02BC;
}

static gboolean
is_dash (gunichar c)
{
  return c == '-' || (c >= 0x2010 && c <= 0x2015) || c == 0x2212;
}

/* Skips "<tag …>" at @p, returning what follows, or @p when it is no tag. */
static const char *
skip_tag (const char *p,
          const char *end)
{
  const char *q;

  if (*p != '<' || p + 1 >= end || !(g_ascii_isalpha (p[1]) || p[1] == '/'))
    return p;
  for (q = p + 1; q < end && q - p < 256; q++)
    {
      if (*q == '>')
        return q + 1;
      if (*q == '<' || *q == '\n')
        break;
    }
  return p;
}

static void
add_word (WdQuoteWords *w,
          GString      *word,
          gsize         start,
          gsize         end,
          guint         block)
{
  WdQuoteToken t = { 0, };
  g_autofree char *folded = NULL;
  const char *norm = word->str;
  gsize len = word->len;
  gboolean ascii = TRUE;

  for (gsize i = 0; i < word->len; i++)
    if ((guchar) word->str[i] >= 0x80)
      ascii = FALSE;

  if (ascii)
    {
      for (gsize i = 0; i < word->len; i++)
        word->str[i] = g_ascii_tolower (word->str[i]);
    }
  else
    {
      g_autofree char *nfkc = g_utf8_normalize (word->str, word->len, G_NORMALIZE_NFKC);

      folded = nfkc != NULL ? g_utf8_casefold (nfkc, -1) : g_strndup (word->str, word->len);
      norm = folded;
      len = strlen (folded);
    }

  t.word = w->pool->len;
  t.len = len;
  t.start = start;
  t.end = end;
  t.block = block;
  t.negation = is_negation (norm, len);
  /* FNV-1a */
  t.hash = 2166136261u;
  for (gsize i = 0; i < len; i++)
    t.hash = (t.hash ^ (guchar) norm[i]) * 16777619u;

  g_string_append_len (w->pool, norm, len);
  g_string_append_c (w->pool, '\0');
  g_array_append_val (w->tokens, t);
}

/* Splits @text into normalised words, keeping where each one was and
 * which paragraph it is in: a line break is white space, two with only
 * white space between them (a blank line) end a paragraph. */
void
_wd_quote_words_init (WdQuoteWords *w,
                      const char   *text,
                      gsize         len)
{
  const char *p = text;
  const char *end = text + len;
  g_autoptr(GString) word = g_string_new (NULL);
  gsize word_start = 0, word_end = 0;
  guint newlines = 0, block = 0, word_block = 0;

  w->text = text;
  w->pool = g_string_sized_new (len + 16);
  w->tokens = g_array_sized_new (FALSE, FALSE, sizeof (WdQuoteToken), len / 6 + 4);
  w->block_ends = g_array_new (FALSE, FALSE, sizeof (guint));

  while (p < end)
    {
      const char *after_tag = skip_tag (p, end);
      gunichar c;
      const char *next;

      if (after_tag != p)
        {
          /* A tag inside a word ("im<b>port</b>ant") does not split it. */
          p = after_tag;
          continue;
        }

      c = g_utf8_get_char_validated (p, end - p);
      if (c == (gunichar) -1 || c == (gunichar) -2)
        {
          p++;
          continue;
        }
      next = g_utf8_next_char (p);

      if (c == '\n')
        newlines++;
      else if (newlines > 0 && !is_invisible (c) && !g_unichar_isspace (c))
        {
          if (newlines >= 2)
            {
              /* (A line break has ended the word before.) */
              guint next_block = w->tokens->len;

              g_array_append_val (w->block_ends, next_block);
              block++;
            }
          newlines = 0;
        }

      if (is_invisible (c))
        ;
      else if (g_unichar_isalnum (c) || g_unichar_ismark (c))
        {
          if (word->len == 0)
            {
              word_start = p - text;
              word_block = block;
            }
          g_string_append_len (word, p, next - p);
          word_end = next - text;
        }
      else if (is_apostrophe (c) && word->len > 0 && next < end &&
               g_unichar_isalpha (g_utf8_get_char_validated (next, end - next)))
        {
          /* "don’t" and "don't" alike; "l’État" stays two words in French:
           * the letter after an elided article starts the next one. */
          if ((word->len == 1 && strchr ("ldjmnstcLDJMNSTC", word->str[0]) != NULL) ||
              (word->len == 2 && g_ascii_strncasecmp (word->str, "qu", 2) == 0))
            {
              add_word (w, word, word_start, word_end, word_block);
              g_string_truncate (word, 0);
            }
          else
            g_string_append_c (word, '\'');
        }
      else if (is_dash (c) && word->len > 0)
        {
          /* "gov-\nernment", "gov- ernment": a word hyphenated at a line end. */
          const char *q = next;
          gboolean spaced = FALSE;
          guint lines = 0;

          while (q < end && (*q == ' ' || *q == '\n' || *q == '\r' || *q == '\t'))
            {
              spaced = TRUE;
              lines += *q == '\n';
              q++;
            }
          /* Not across a paragraph's end. */
          if (spaced && lines < 2 && q < end && g_unichar_islower (g_utf8_get_char_validated (q, end - q)))
            {
              p = q;
              continue;
            }
          add_word (w, word, word_start, word_end, word_block);
          g_string_truncate (word, 0);
        }
      else if (word->len > 0)
        {
          add_word (w, word, word_start, word_end, word_block);
          g_string_truncate (word, 0);
        }
      p = next;
    }

  if (word->len > 0)
    add_word (w, word, word_start, word_end, word_block);
}

static int
compare_occurrences (const void *a,
                     const void *b)
{
  const WdQuoteOccurrence *x = a, *y = b;

  if (x->hash != y->hash)
    return x->hash < y->hash ? -1 : 1;
  return x->pos < y->pos ? -1 : x->pos > y->pos;
}

/* Where each word of a source is, for searching it many times. */
void
_wd_quote_words_index (WdQuoteWords *w)
{
  w->index = g_array_sized_new (FALSE, FALSE, sizeof (WdQuoteOccurrence), w->tokens->len);
  for (guint i = 0; i < w->tokens->len; i++)
    {
      WdQuoteOccurrence o = { g_array_index (w->tokens, WdQuoteToken, i).hash, i };
      g_array_append_val (w->index, o);
    }
  g_array_sort (w->index, compare_occurrences);

  /* Each distinct word numbered, so that "is this word one of the
   * quotation's?" is one bit to test (wd-quote-match.c). */
  w->n_kinds = 0;
  for (guint i = 0; i < w->index->len; i++)
    {
      const WdQuoteOccurrence *o = &g_array_index (w->index, WdQuoteOccurrence, i);

      if (i > 0 && o->hash != g_array_index (w->index, WdQuoteOccurrence, i - 1).hash)
        w->n_kinds++;
      TOKEN (w, o->pos)->kind = w->n_kinds;
    }
  if (w->index->len > 0)
    w->n_kinds++;
}

/* The occurrences of words hashing to @hash at @from or later. */
const WdQuoteOccurrence *
_wd_quote_words_occurrences (const WdQuoteWords *w,
                             guint32             hash,
                             guint               from,
                             guint              *n)
{
  const WdQuoteOccurrence *all = (const WdQuoteOccurrence *) w->index->data;
  guint lo = 0, hi = w->index->len, end;

  /* The first (hash, pos) not below (hash, from). */
  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;

      if (all[mid].hash < hash || (all[mid].hash == hash && all[mid].pos < from))
        lo = mid + 1;
      else
        hi = mid;
    }
  for (end = lo; end < w->index->len && all[end].hash == hash; end++)
    ;
  *n = end - lo;
  return all + lo;
}

void
_wd_quote_words_clear (WdQuoteWords *w)
{
  g_clear_pointer (&w->index, g_array_unref);
  if (w->pool != NULL)
    g_string_free (w->pool, TRUE);
  g_clear_pointer (&w->tokens, g_array_unref);
  g_clear_pointer (&w->block_ends, g_array_unref);
}

#define G_LOG_DOMAIN "wd-quotes"

#include "config.h"

#include <string.h>

#include "wd-citations.h"
#include "wd-quotes-private.h"

/* A quotation longer than this many words is not a quotation but a
 * paragraph in marks gone wrong (an unclosed "): not checked. */
#define MAX_QUOTE_WORDS 400

void
wd_quote_free (WdQuote *quote)
{
  if (quote == NULL)
    return;
  g_free (quote->text);
  g_free (quote->source);
  g_free (quote->source_text);
  g_free (quote->problem);
  g_free (quote);
}

static const struct { gunichar open, close; } marks[] = {
  { 0x201C, 0x201D },   /* “…” */
  { 0x201E, 0x201C },   /* „…“ */
  { 0x201E, 0x201D },   /* „…” */
  { 0x201A, 0x2018 },   /* ‚…‘ */
  { 0x00AB, 0x00BB },   /* «…» */
  { 0x00BB, 0x00AB },   /* »…« */
  { 0x2039, 0x203A },   /* ‹…› */
  { '"', '"' },
};

/* The closing mark for an opening one at @p, searched before @end. */
static const char *
find_close (const char  *p,
            const char  *end,
            gunichar     open,
            const char **close_end)
{
  for (guint m = 0; m < G_N_ELEMENTS (marks); m++)
    {
      const char *q;

      if (marks[m].open != open)
        continue;
      for (q = g_utf8_next_char (p); q < end; q = g_utf8_next_char (q))
        {
          gunichar c = g_utf8_get_char (q);

          if (c == marks[m].close)
            {
              *close_end = g_utf8_next_char (q);
              return q;
            }
        }
    }
  return NULL;
}

static gboolean
is_open_mark (gunichar c)
{
  for (guint m = 0; m < G_N_ELEMENTS (marks); m++)
    if (marks[m].open == c)
      return TRUE;
  return FALSE;
}

/* The quotation's text: markers "[^id]" taken out, Markdown emphasis too. */
static char *
clean_quote (const char *start,
             const char *end)
{
  GString *out = g_string_sized_new (end - start);

  for (const char *p = start; p < end; p++)
    {
      if (p[0] == '[' && p + 1 < end && p[1] == '^')
        {
          const char *close = memchr (p, ']', end - p);
          if (close != NULL)
            {
              p = close;
              continue;
            }
        }
      if (*p == '*' || *p == '_')
        continue;
      g_string_append_c (out, *p);
    }
  return g_strstrip (g_string_free (out, FALSE));
}

static guint
count_words (const char *text)
{
  WdQuoteWords w = { 0, };
  guint n;

  _wd_quote_words_init (&w, text, strlen (text));
  n = w.tokens->len;
  _wd_quote_words_clear (&w);
  return n;
}

GPtrArray *
wd_quotes_scan (const char *body)
{
  g_autoptr(GPtrArray) quotes = g_ptr_array_new_with_free_func ((GDestroyNotify) wd_quote_free);
  g_autoptr(GArray) paragraphs = NULL;

  if (body == NULL || !g_utf8_validate (body, -1, NULL))
    return g_steal_pointer (&quotes);

  wd_citations_scan (body, &paragraphs, NULL);
  for (guint i = 0; i < paragraphs->len; i++)
    {
      const WdParagraph *para = &g_array_index (paragraphs, WdParagraph, i);
      const char *end = body + para->end;
      const char *p = body + para->start;
      /* Marks with no closing one in the rest of the paragraph: a later
       * one of the same kind has none either (no quadratic search). */
      gunichar unclosed[G_N_ELEMENTS (marks)] = { 0, };
      guint n_unclosed = 0;

      if (para->n_citations == 0)
        continue;

      while (p < end)
        {
          gunichar c;
          const char *close, *close_end = NULL;

          /* Most of a body is plain ASCII, and its only mark is '"'. */
          if ((guchar) *p < 0x80 && *p != '"')
            {
              p++;
              continue;
            }
          c = g_utf8_get_char (p);

          gboolean known_unclosed = FALSE;

          for (guint u = 0; u < n_unclosed; u++)
            known_unclosed |= unclosed[u] == c;

          /* A straight " opens only after a space or an opening bracket. */
          if (known_unclosed || !is_open_mark (c) ||
              (c == '"' && p > body + para->start && !g_ascii_isspace (p[-1]) &&
               strchr ("([{-", p[-1]) == NULL))
            {
              p = g_utf8_next_char (p);
              continue;
            }

          close = find_close (p, end, c, &close_end);
          if (close == NULL)
            {
              if (n_unclosed < G_N_ELEMENTS (unclosed))
                unclosed[n_unclosed++] = c;
              p = g_utf8_next_char (p);
              continue;
            }

          {
            const char *text_start = g_utf8_next_char (p);
            g_autofree char *text = clean_quote (text_start, close);
            guint n = count_words (text);

            if (n >= WD_QUOTE_MIN_WORDS && n <= MAX_QUOTE_WORDS)
              {
                WdQuote *quote = g_new0 (WdQuote, 1);

                quote->paragraph = para->index;
                quote->start = text_start - body;
                quote->end = close - body;
                quote->text = g_steal_pointer (&text);
                quote->verdict = WD_QUOTE_VERDICT_NOT_FOUND;
                g_ptr_array_add (quotes, quote);
              }
          }
          p = close_end;
        }
    }

  return g_steal_pointer (&quotes);
}

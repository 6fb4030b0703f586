#define G_LOG_DOMAIN "wd-quotes"

#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "wd-quotes-private.h"

/* A near match may spread over this many more words than the quotation. */
#define NEAR_SLACK(n) ((n) / 4 + 2)
/* Comparisons one near-match search may make: a hostile page of one word
 * repeated must not stall the audit. */
#define NEAR_BUDGET 20000000

typedef struct
{
  WdQuoteMatchKind kind;
  guint     first;   /* source tokens matched */
  guint     last;
} Match;

/* @q[qs, qe) found word for word in @s from @from on. */
static gboolean
find_exact (const WdQuoteWords *s,
            guint               from,
            const WdQuoteWords *q,
            guint               qs,
            guint               qe,
            Match              *m)
{
  guint n = qe - qs;
  guint ns = s->tokens->len;
  const WdQuoteOccurrence *at;
  guint n_at = 0;

  if (n == 0 || n > ns)
    return FALSE;

  at = _wd_quote_words_occurrences (s, TOKEN (q, qs)->hash, from, &n_at);
  for (guint o = 0; o < n_at && at[o].pos + n <= ns; o++)
    {
      guint i = at[o].pos;
      guint k = 0;

      while (k < n && _wd_quote_same_word (s, TOKEN (s, i + k), q, TOKEN (q, qs + k)))
        k++;
      /* Words of two paragraphs (a heading and the text under it) are no
       * quotation. */
      if (k == n && TOKEN (s, i)->block == TOKEN (s, i + n - 1)->block)
        {
          m->kind = WD_QUOTE_MATCH_EXACT;
          m->first = i;
          m->last = i + n - 1;
          return TRUE;
        }
    }
  return FALSE;
}

/* The longest common subsequence of q[qs, qe) and s[ss, se): its length,
 * and the first and last source word in it. */
static guint
lcs (const WdQuoteWords *s,
     guint               ss,
     guint               se,
     const WdQuoteWords *q,
     guint               qs,
     guint               qe,
     guint              *first,
     guint              *last,
     gboolean           *negation_differs)
{
  guint q_first = qs, q_last = qs;
  guint n = qe - qs, m = se - ss;
  g_autofree guint *table = g_new0 (guint, (gsize) (n + 1) * (m + 1));
  guint i, j, q_neg = 0, s_neg = 0;

#define T(a, b) table[(gsize) (a) * (m + 1) + (b)]
  for (i = 1; i <= n; i++)
    for (j = 1; j <= m; j++)
      {
        if (_wd_quote_same_word (q, TOKEN (q, qs + i - 1), s, TOKEN (s, ss + j - 1)))
          T (i, j) = T (i - 1, j - 1) + 1;
        else
          T (i, j) = MAX (T (i - 1, j), T (i, j - 1));
      }

  /* Walk back for the span of source words matched. */
  *first = G_MAXUINT;
  *last = 0;
  i = n;
  j = m;
  while (i > 0 && j > 0)
    {
      if (_wd_quote_same_word (q, TOKEN (q, qs + i - 1), s, TOKEN (s, ss + j - 1)))
        {
          if (*first == G_MAXUINT)
            {
              *last = ss + j - 1;
              q_last = qs + i - 1;
            }
          *first = ss + j - 1;
          q_first = qs + i - 1;
          i--;
          j--;
        }
      else if (T (i - 1, j) >= T (i, j - 1))
        i--;
      else
        j--;
    }
  i = T (n, m);
#undef T

  /* The source's words for the whole quotation: a changed first or last
   * word is part of what the editor must see. */
  if (*first != G_MAXUINT)
    {
      *first -= MIN (q_first - qs, *first - ss);
      *last += MIN (qe - 1 - q_last, se - 1 - *last);
    }

  /* "did" and "did not" are no near match of each other. */
  if (*first != G_MAXUINT)
    {
      for (j = qs; j < qe; j++)
        q_neg += TOKEN (q, j)->negation;
      for (j = *first; j <= *last; j++)
        s_neg += TOKEN (s, j)->negation;
    }
  *negation_differs = q_neg != s_neg;

  return i;
}

static int
compare_uints (gconstpointer a,
               gconstpointer b)
{
  guint x = *(const guint *) a, y = *(const guint *) b;

  return x < y ? -1 : x > y;
}

static int
compare_hashes (const void *a,
                const void *b)
{
  guint32 x = *(const guint32 *) a, y = *(const guint32 *) b;

  return x < y ? -1 : x > y;
}

/* The best window of @s from @from on holding most of q[qs, qe) in order. */
static gboolean
find_near (const WdQuoteWords *s,
           guint               from,
           const WdQuoteWords *q,
           guint               qs,
           guint               qe,
           Match              *m)
{
  guint n = qe - qs;
  guint ns = s->tokens->len;
  guint need = (guint) (n * WD_QUOTE_NEAR_SHARE + 0.999);
  guint best = 0;
  guint anchors = MIN (n, 3);
  guint64 spent = 0;
  guint64 sketch = 0;
  g_autofree guint32 *wanted = NULL;
  g_autoptr(GArray) starts = NULL;

  if (n < 2 || from >= ns)
    return FALSE;

  wanted = g_new (guint32, n);
  for (guint k = 0; k < n; k++)
    {
      wanted[k] = TOKEN (q, qs + k)->hash;
      /* A one-word-per-bit sketch rules most words out before the search. */
      sketch |= G_GUINT64_CONSTANT (1) << (wanted[k] & 63);
    }
  qsort (wanted, n, sizeof (guint32), compare_hashes);

  /* A window starts where one of the first words of the quotation is. */
  starts = g_array_new (FALSE, FALSE, sizeof (guint));
  for (guint k = 0; k < anchors; k++)
    {
      guint n_at = 0;
      const WdQuoteOccurrence *at = _wd_quote_words_occurrences (s, TOKEN (q, qs + k)->hash, from + k, &n_at);

      for (guint o = 0; o < n_at; o++)
        {
          guint start = at[o].pos - k;

          /* The window starts in the anchor's paragraph. */
          while (k > 0 && TOKEN (s, start)->block != TOKEN (s, at[o].pos)->block)
            start++;
          g_array_append_val (starts, start);
        }
    }
  g_array_sort (starts, (GCompareFunc) compare_uints);

  for (guint c = 0; c < starts->len && spent < NEAR_BUDGET; c++)
    {
      guint start = g_array_index (starts, guint, c);
      /* The window ends with its paragraph at the latest. */
      guint end = MIN (MIN (ns, start + n + NEAR_SLACK (n)),
                       _wd_quote_block_end (s, TOKEN (s, start)->block));
      guint first = 0, last = 0, got, hits = 0;
      gboolean negation_differs = FALSE;

      if (c > 0 && start == g_array_index (starts, guint, c - 1))
        continue;

      /* Fewer words of the quotation in the window than a match needs: no LCS. */
      for (guint i = start; i < end; i++)
        {
          guint32 h = TOKEN (s, i)->hash;

          hits += (sketch & (G_GUINT64_CONSTANT (1) << (h & 63))) != 0 &&
                  bsearch (&h, wanted, n, sizeof (guint32), compare_hashes) != NULL;
        }
      if (hits < need)
        continue;

      spent += (guint64) n * (end - start);
      got = lcs (s, start, end, q, qs, qe, &first, &last, &negation_differs);
      if (got >= need && got > best && !negation_differs &&
          last - first + 1 <= n + NEAR_SLACK (n))
        {
          best = got;
          m->kind = got == n && last - first + 1 == n ? WD_QUOTE_MATCH_EXACT : WD_QUOTE_MATCH_NEAR;
          m->first = first;
          m->last = last;
        }
    }

  return best > 0;
}

/* Each part between omission marks, as a range of the quotation's words. */
GArray *
_wd_quote_split_parts (const char   *text,
                       WdQuoteWords *q)
{
  GArray *parts = g_array_new (FALSE, FALSE, sizeof (guint) * 2);
  guint from = 0;

  for (guint i = 0; i <= q->tokens->len; i++)
    {
      gboolean cut = i == q->tokens->len;

      if (!cut && i > from)
        {
          /* An ellipsis between this word and the one before? */
          const char *gap = text + TOKEN (q, i - 1)->end;
          const char *next = text + TOKEN (q, i)->start;
          g_autofree char *between = g_strndup (gap, next - gap);

          cut = strstr (between, "\u2026") != NULL || strstr (between, "...") != NULL;
        }
      if (cut && i > from)
        {
          guint range[2] = { from, i };
          g_array_append_vals (parts, range, 1);
          from = i;
        }
    }
  return parts;
}

/* The quotation in one text: every part, in order. */
WdQuoteMatchKind
_wd_quote_match_text (const WdQuoteWords *s,
                      WdQuoteWords       *q,
                      GArray             *parts,
                      guint              *first,
                      guint              *last)
{
  WdQuoteMatchKind kind = WD_QUOTE_MATCH_EXACT;
  guint from = 0;

  for (guint p = 0; p < parts->len; p++)
    {
      guint *range = &g_array_index (parts, guint, p * 2);
      Match m = { 0, };

      if (!find_exact (s, from, q, range[0], range[1], &m) &&
          !find_near (s, from, q, range[0], range[1], &m))
        return WD_QUOTE_MATCH_NONE;
      if (m.kind == WD_QUOTE_MATCH_NEAR)
        kind = WD_QUOTE_MATCH_NEAR;
      if (p == 0)
        *first = m.first;
      *last = m.last;
      from = m.last + 1;
    }
  return kind;
}

char *
_wd_quote_span_text (const WdQuoteWords *s,
                     guint               first,
                     guint               last)
{
  gsize start = TOKEN (s, first)->start;
  gsize end = TOKEN (s, last)->end;

  return g_strndup (s->text + start, end - start);
}

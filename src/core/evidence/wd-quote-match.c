#define G_LOG_DOMAIN "wd-quotes"

#include "config.h"

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
  guint     words;   /* the quotation's words among them */
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
          m->words = n;
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

/* The words of @n a near match needs: @share of them, rounded up. */
static guint
words_needed (guint  n,
              double share)
{
  return (guint) (n * share + 0.999);
}

/* The best window of @s from @from on holding at least @share of
 * q[qs, qe) in order. */
static gboolean
find_near (const WdQuoteWords *s,
           guint               from,
           const WdQuoteWords *q,
           guint               qs,
           guint               qe,
           double              share,
           Match              *m)
{
  guint n = qe - qs;
  guint ns = s->tokens->len;
  guint need = MAX (words_needed (n, share), 1);
  guint best = 0;
  guint anchors = MIN (n, 3);
  guint present = 0;
  guint64 spent = 0;
  guint64 small[64];
  g_autofree guint64 *large = NULL;
  guint64 *wanted = small;
  gsize n_wanted = (s->n_kinds + 63) / 64;
  const WdQuoteOccurrence *at[3];
  guint n_at[3] = { 0, };

  if (n < 2 || from >= ns)
    return FALSE;

  /* The source's words that are the quotation's, one bit each. */
  if (n_wanted > G_N_ELEMENTS (small))
    wanted = large = g_new0 (guint64, n_wanted);
  else
    memset (small, 0, n_wanted * sizeof (guint64));
  for (guint k = 0; k < n; k++)
    {
      guint n_places = 0;
      const WdQuoteOccurrence *places = _wd_quote_words_occurrences (s, TOKEN (q, qs + k)->hash, 0, &n_places);

      if (n_places > 0)
        {
          guint kind = TOKEN (s, places[0].pos)->kind;

          present += (wanted[kind / 64] & (G_GUINT64_CONSTANT (1) << (kind % 64))) == 0;
          wanted[kind / 64] |= G_GUINT64_CONSTANT (1) << (kind % 64);
        }
    }
  /* None of its words anywhere in the source. */
  if (present == 0)
    return FALSE;

  /* A window starts where one of the first words of the quotation is:
   * each word's places are in order, so merged they are too. */
  for (guint k = 0; k < anchors; k++)
    at[k] = _wd_quote_words_occurrences (s, TOKEN (q, qs + k)->hash, from + k, &n_at[k]);

  while (spent < NEAR_BUDGET)
    {
      guint start = G_MAXUINT, anchor = 0, end;
      guint first = 0, last = 0, got, hits = 0;
      gboolean negation_differs = FALSE;

      for (guint k = 0; k < anchors; k++)
        if (n_at[k] > 0 && at[k]->pos - k < start)
          {
            start = at[k]->pos - k;
            anchor = at[k]->pos;
          }
      if (start == G_MAXUINT)
        break;
      for (guint k = 0; k < anchors; k++)
        while (n_at[k] > 0 && at[k]->pos - k == start)
          at[k]++, n_at[k]--;
      /* The window starts in the anchor's paragraph and ends with it at
       * the latest: words of two paragraphs are no quotation. */
      while (start < anchor && TOKEN (s, start)->block != TOKEN (s, anchor)->block)
        start++;
      end = MIN (MIN (ns, start + n + NEAR_SLACK (n)), _wd_quote_block_end (s, TOKEN (s, start)->block));

      /* Fewer words of the quotation in the window than a match needs: no
       * LCS. Given up as soon as the rest of the window cannot make it. */
      for (guint i = start; i < end && hits + (end - i) >= need; i++)
        {
          guint kind = TOKEN (s, i)->kind;

          hits += (wanted[kind / 64] >> (kind % 64)) & 1;
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
          m->words = got;
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
  guint words = 0, matched = 0;

  for (guint p = 0; p < parts->len; p++)
    {
      guint *range = &g_array_index (parts, guint, p * 2);
      Match m = { 0, };

      /* Between omissions a part may be a few words only, one of them
       * changed ("day services will … the rest of the fleet"): alone it
       * is too short for a near match, so it needs half its words, and
       * the whole quotation the usual share (below). */
      if (!find_exact (s, from, q, range[0], range[1], &m) &&
          !find_near (s, from, q, range[0], range[1], WD_QUOTE_NEAR_SHARE, &m) &&
          (parts->len == 1 || !find_near (s, from, q, range[0], range[1], 0.5, &m)))
        return WD_QUOTE_MATCH_NONE;
      if (m.kind == WD_QUOTE_MATCH_NEAR)
        kind = WD_QUOTE_MATCH_NEAR;
      words += range[1] - range[0];
      matched += m.words;
      if (p == 0)
        *first = m.first;
      *last = m.last;
      from = m.last + 1;
    }
  if (kind == WD_QUOTE_MATCH_NEAR && matched < words_needed (words, WD_QUOTE_NEAR_SHARE))
    return WD_QUOTE_MATCH_NONE;
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

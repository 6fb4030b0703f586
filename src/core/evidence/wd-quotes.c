#define G_LOG_DOMAIN "wd-quotes"

#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "wd-citations.h"
#include "wd-quotes.h"
#include "wd-source.h"

/* A quotation longer than this many words is not a quotation but a
 * paragraph in marks gone wrong (an unclosed "): not checked. */
#define MAX_QUOTE_WORDS 400
/* A near match may spread over this many more words than the quotation. */
#define NEAR_SLACK(n) ((n) / 4 + 2)
/* Comparisons one near-match search may make: a hostile page of one word
 * repeated must not stall the audit. */
#define NEAR_BUDGET 20000000

/* ---------------------------------------------------------------- words */

typedef struct
{
  guint32 hash;
  guint   word;        /* offset of the normalised word in the pool */
  guint   len;
  guint   negation : 1;
  gsize   start;       /* the word in the original text */
  gsize   end;
} Token;

typedef struct
{
  const char *text;    /* borrowed: the original */
  GString    *pool;    /* normalised words, NUL-separated */
  GArray     *tokens;  /* Token */
  GArray     *index;   /* Occurrence, sorted by word then position; sources only */
} Words;

typedef struct
{
  guint32 hash;
  guint   pos;
} Occurrence;

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
add_word (Words      *w,
          GString    *word,
          gsize       start,
          gsize       end)
{
  Token t = { 0, };
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
  t.negation = is_negation (norm, len);
  /* FNV-1a */
  t.hash = 2166136261u;
  for (gsize i = 0; i < len; i++)
    t.hash = (t.hash ^ (guchar) norm[i]) * 16777619u;

  g_string_append_len (w->pool, norm, len);
  g_string_append_c (w->pool, '\0');
  g_array_append_val (w->tokens, t);
}

/* Splits @text into normalised words, keeping where each one was. */
static void
words_init (Words      *w,
            const char *text,
            gsize       len)
{
  const char *p = text;
  const char *end = text + len;
  g_autoptr(GString) word = g_string_new (NULL);
  gsize word_start = 0, word_end = 0;

  w->text = text;
  w->pool = g_string_sized_new (len + 16);
  w->tokens = g_array_sized_new (FALSE, FALSE, sizeof (Token), len / 6 + 4);

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

      if (is_invisible (c))
        ;
      else if (g_unichar_isalnum (c) || g_unichar_ismark (c))
        {
          if (word->len == 0)
            word_start = p - text;
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
              add_word (w, word, word_start, word_end);
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

          while (q < end && (*q == ' ' || *q == '\n' || *q == '\r' || *q == '\t'))
            {
              spaced = TRUE;
              q++;
            }
          if (spaced && q < end && g_unichar_islower (g_utf8_get_char_validated (q, end - q)))
            {
              p = q;
              continue;
            }
          add_word (w, word, word_start, word_end);
          g_string_truncate (word, 0);
        }
      else if (word->len > 0)
        {
          add_word (w, word, word_start, word_end);
          g_string_truncate (word, 0);
        }
      p = next;
    }

  if (word->len > 0)
    add_word (w, word, word_start, word_end);
}

static int
compare_occurrences (const void *a,
                     const void *b)
{
  const Occurrence *x = a, *y = b;

  if (x->hash != y->hash)
    return x->hash < y->hash ? -1 : 1;
  return x->pos < y->pos ? -1 : x->pos > y->pos;
}

/* Where each word of a source is, for searching it many times. */
static void
words_index (Words *w)
{
  w->index = g_array_sized_new (FALSE, FALSE, sizeof (Occurrence), w->tokens->len);
  for (guint i = 0; i < w->tokens->len; i++)
    {
      Occurrence o = { g_array_index (w->tokens, Token, i).hash, i };
      g_array_append_val (w->index, o);
    }
  g_array_sort (w->index, compare_occurrences);
}

/* The occurrences of words hashing to @hash at @from or later. */
static const Occurrence *
occurrences (const Words *w,
             guint32      hash,
             guint        from,
             guint       *n)
{
  const Occurrence *all = (const Occurrence *) w->index->data;
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

static void
words_clear (Words *w)
{
  g_clear_pointer (&w->index, g_array_unref);
  if (w->pool != NULL)
    g_string_free (w->pool, TRUE);
  g_clear_pointer (&w->tokens, g_array_unref);
}

static gboolean
same_word (const Words *a,
           const Token *x,
           const Words *b,
           const Token *y)
{
  return x->hash == y->hash && x->len == y->len &&
         memcmp (a->pool->str + x->word, b->pool->str + y->word, x->len) == 0;
}

#define TOKEN(w, i) (&g_array_index ((w)->tokens, Token, (i)))

/* ----------------------------------------------------------- matching */

typedef enum
{
  MATCH_NONE,
  MATCH_NEAR,
  MATCH_EXACT,   /* the same words, normalised */
} MatchKind;

typedef struct
{
  MatchKind kind;
  guint     first;   /* source tokens matched */
  guint     last;
} Match;

/* @q[qs, qe) found word for word in @s from @from on. */
static gboolean
find_exact (const Words *s,
            guint        from,
            const Words *q,
            guint        qs,
            guint        qe,
            Match       *m)
{
  guint n = qe - qs;
  guint ns = s->tokens->len;
  const Occurrence *at;
  guint n_at = 0;

  if (n == 0 || n > ns)
    return FALSE;

  at = occurrences (s, TOKEN (q, qs)->hash, from, &n_at);
  for (guint o = 0; o < n_at && at[o].pos + n <= ns; o++)
    {
      guint i = at[o].pos;
      guint k = 0;

      while (k < n && same_word (s, TOKEN (s, i + k), q, TOKEN (q, qs + k)))
        k++;
      if (k == n)
        {
          m->kind = MATCH_EXACT;
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
lcs (const Words *s,
     guint        ss,
     guint        se,
     const Words *q,
     guint        qs,
     guint        qe,
     guint       *first,
     guint       *last,
     gboolean    *negation_differs)
{
  guint q_first = qs, q_last = qs;
  guint n = qe - qs, m = se - ss;
  g_autofree guint *table = g_new0 (guint, (gsize) (n + 1) * (m + 1));
  guint i, j, q_neg = 0, s_neg = 0;

#define T(a, b) table[(gsize) (a) * (m + 1) + (b)]
  for (i = 1; i <= n; i++)
    for (j = 1; j <= m; j++)
      {
        if (same_word (q, TOKEN (q, qs + i - 1), s, TOKEN (s, ss + j - 1)))
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
      if (same_word (q, TOKEN (q, qs + i - 1), s, TOKEN (s, ss + j - 1)))
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
find_near (const Words *s,
           guint        from,
           const Words *q,
           guint        qs,
           guint        qe,
           Match       *m)
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
      const Occurrence *at = occurrences (s, TOKEN (q, qs + k)->hash, from + k, &n_at);

      for (guint o = 0; o < n_at; o++)
        {
          guint start = at[o].pos - k;
          g_array_append_val (starts, start);
        }
    }
  g_array_sort (starts, (GCompareFunc) compare_uints);

  for (guint c = 0; c < starts->len && spent < NEAR_BUDGET; c++)
    {
      guint start = g_array_index (starts, guint, c);
      guint end = MIN (ns, start + n + NEAR_SLACK (n));
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
          m->kind = got == n && last - first + 1 == n ? MATCH_EXACT : MATCH_NEAR;
          m->first = first;
          m->last = last;
        }
    }

  return best > 0;
}

/* ------------------------------------------------------------ quotations */

void
wd_quote_free (WdQuote *quote)
{
  if (quote == NULL)
    return;
  g_free (quote->text);
  g_free (quote->source);
  g_free (quote->source_text);
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
find_close (const char *p,
            const char *end,
            gunichar    open,
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
  Words w = { 0, };
  guint n;

  words_init (&w, text, strlen (text));
  n = w.tokens->len;
  words_clear (&w);
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
          gunichar c = g_utf8_get_char (p);
          const char *close, *close_end = NULL;

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

/* ----------------------------------------------------------------- texts */

typedef struct
{
  char  *latest_text;
  char  *baseline_text;
  Words  latest;
  Words  baseline;
  gboolean has_latest;
  gboolean has_baseline;
} SourceText;

struct _WdQuoteTexts
{
  gatomicrefcount  ref;
  GHashTable      *by_id;   /* source id → SourceText */
};

static void
source_text_free (SourceText *t)
{
  words_clear (&t->latest);
  words_clear (&t->baseline);
  g_free (t->latest_text);
  g_free (t->baseline_text);
  g_free (t);
}

WdQuoteTexts *
wd_quote_texts_new (void)
{
  WdQuoteTexts *texts = g_new0 (WdQuoteTexts, 1);

  g_atomic_ref_count_init (&texts->ref);
  texts->by_id = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                        (GDestroyNotify) source_text_free);
  return texts;
}

WdQuoteTexts *
wd_quote_texts_ref (WdQuoteTexts *texts)
{
  g_return_val_if_fail (texts != NULL, NULL);
  g_atomic_ref_count_inc (&texts->ref);
  return texts;
}

void
wd_quote_texts_unref (WdQuoteTexts *texts)
{
  if (texts != NULL && g_atomic_ref_count_dec (&texts->ref))
    {
      g_hash_table_unref (texts->by_id);
      g_free (texts);
    }
}

void
wd_quote_texts_add (WdQuoteTexts *texts,
                    const char   *source_id,
                    const char   *latest,
                    const char   *baseline)
{
  SourceText *t;

  g_return_if_fail (texts != NULL);
  g_return_if_fail (source_id != NULL);

  t = g_new0 (SourceText, 1);
  if (latest != NULL)
    {
      t->latest_text = g_utf8_make_valid (latest, -1);
      words_init (&t->latest, t->latest_text, strlen (t->latest_text));
      words_index (&t->latest);
      t->has_latest = TRUE;
    }
  if (baseline != NULL && g_strcmp0 (baseline, latest) != 0)
    {
      t->baseline_text = g_utf8_make_valid (baseline, -1);
      words_init (&t->baseline, t->baseline_text, strlen (t->baseline_text));
      words_index (&t->baseline);
      t->has_baseline = TRUE;
    }
  g_hash_table_replace (texts->by_id, g_strdup (source_id), t);
}

WdQuoteTexts *
wd_quote_texts_from_package (WdEvidencePackage  *package,
                             WdArticle          *article,
                             GError            **error)
{
  g_autoptr(GPtrArray) ids = g_ptr_array_new ();

  g_return_val_if_fail (WD_IS_EVIDENCE_PACKAGE (package), NULL);
  g_return_val_if_fail (WD_IS_ARTICLE (article), NULL);

  for (guint i = 0; i < wd_article_get_n_sources (article); i++)
    g_ptr_array_add (ids, (gpointer) wd_source_get_id (wd_article_get_source (article, i)));
  g_ptr_array_add (ids, NULL);
  return wd_quote_texts_from_package_ids (package, (const char * const *) ids->pdata, error);
}

WdQuoteTexts *
wd_quote_texts_from_package_ids (WdEvidencePackage   *package,
                                 const char * const  *ids,
                                 GError             **error)
{
  g_autoptr(WdQuoteTexts) texts = wd_quote_texts_new ();

  g_return_val_if_fail (WD_IS_EVIDENCE_PACKAGE (package), NULL);

  for (guint i = 0; ids != NULL && ids[i] != NULL; i++)
    {
      const char *id = ids[i];
      WdCapture *latest = wd_evidence_package_latest (package, id);
      WdCapture *baseline = wd_evidence_package_baseline (package, id);
      g_autofree char *latest_text = NULL;
      g_autofree char *baseline_text = NULL;

      if (latest == NULL)
        continue;
      latest_text = wd_evidence_package_read_text (package, latest, error);
      if (latest_text == NULL)
        return NULL;
      if (baseline != latest)
        {
          baseline_text = wd_evidence_package_read_text (package, baseline, error);
          if (baseline_text == NULL)
            return NULL;
        }
      wd_quote_texts_add (texts, id, latest_text, baseline_text);
    }

  return g_steal_pointer (&texts);
}

/* ---------------------------------------------------------------- check */

/* Each part between omission marks, as a range of the quotation's words. */
static GArray *
split_parts (const char *text,
             Words      *q)
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
static MatchKind
match_text (const Words *s,
            Words       *q,
            GArray      *parts,
            guint       *first,
            guint       *last)
{
  MatchKind kind = MATCH_EXACT;
  guint from = 0;

  for (guint p = 0; p < parts->len; p++)
    {
      guint *range = &g_array_index (parts, guint, p * 2);
      Match m = { 0, };

      if (!find_exact (s, from, q, range[0], range[1], &m) &&
          !find_near (s, from, q, range[0], range[1], &m))
        return MATCH_NONE;
      if (m.kind == MATCH_NEAR)
        kind = MATCH_NEAR;
      if (p == 0)
        *first = m.first;
      *last = m.last;
      from = m.last + 1;
    }
  return kind;
}

static char *
span_text (const Words *s,
           guint        first,
           guint        last)
{
  gsize start = TOKEN (s, first)->start;
  gsize end = TOKEN (s, last)->end;

  return g_strndup (s->text + start, end - start);
}

/* Looks for @quote in the texts of @ids: the best match, and where. */
static MatchKind
search (WdQuoteTexts        *texts,
        const char * const  *ids,
        guint                n_ids,
        gboolean             baseline,
        WdQuote             *quote,
        Words               *q,
        GArray              *parts,
        const char         **found_in,
        char               **found_text)
{
  MatchKind best = MATCH_NONE;

  for (guint i = 0; i < n_ids && best != MATCH_EXACT; i++)
    {
      SourceText *t = g_hash_table_lookup (texts->by_id, ids[i]);
      const Words *s;
      guint first = 0, last = 0;
      MatchKind kind;

      if (t == NULL || !(baseline ? t->has_baseline : t->has_latest))
        continue;
      s = baseline ? &t->baseline : &t->latest;

      /* The fast way first: the quotation as it is. */
      if (parts->len == 1 && strstr (baseline ? t->baseline_text : t->latest_text, quote->text) != NULL)
        kind = MATCH_EXACT, first = last = G_MAXUINT;
      else
        kind = match_text (s, q, parts, &first, &last);

      if (kind > best)
        {
          best = kind;
          *found_in = ids[i];
          g_clear_pointer (found_text, g_free);
          if (first != G_MAXUINT)
            *found_text = span_text (s, first, last);
          else
            *found_text = g_strdup (quote->text);
        }
    }
  return best;
}

static void
judge (WdQuote             *quote,
       const char          *body,
       GPtrArray           *cited,
       const char * const  *all_ids,
       WdQuoteTexts        *texts)
{
  Words q = { 0, };
  g_autoptr(GArray) parts = NULL;
  g_autoptr(GPtrArray) others = g_ptr_array_new ();
  g_autofree char *found_text = NULL;
  const char *found_in = NULL;
  gboolean any_live = FALSE;
  MatchKind kind;

  for (guint i = 0; i < cited->len; i++)
    {
      SourceText *t = g_hash_table_lookup (texts->by_id, g_ptr_array_index (cited, i));
      any_live |= t != NULL && t->has_latest;
    }
  if (!any_live)
    {
      quote->verdict = WD_QUOTE_VERDICT_UNVERIFIABLE;
      return;
    }

  words_init (&q, quote->text, strlen (quote->text));
  parts = split_parts (quote->text, &q);

  kind = search (texts, (const char * const *) cited->pdata, cited->len, FALSE,
                 quote, &q, parts, &found_in, &found_text);
  if (kind == MATCH_EXACT)
    quote->verdict = WD_QUOTE_VERDICT_VERIFIED;
  else if (kind == MATCH_NEAR)
    quote->verdict = WD_QUOTE_VERDICT_ALTERED;
  else if (search (texts, (const char * const *) cited->pdata, cited->len, TRUE,
                   quote, &q, parts, &found_in, &found_text) != MATCH_NONE)
    quote->verdict = WD_QUOTE_VERDICT_REMOVED;
  else
    {
      for (guint i = 0; all_ids != NULL && all_ids[i] != NULL; i++)
        if (!g_ptr_array_find_with_equal_func (cited, all_ids[i], g_str_equal, NULL))
          g_ptr_array_add (others, (gpointer) all_ids[i]);

      if (search (texts, (const char * const *) others->pdata, others->len, FALSE,
                  quote, &q, parts, &found_in, &found_text) != MATCH_NONE)
        quote->verdict = WD_QUOTE_VERDICT_IN_OTHER_SOURCE;
      else
        {
          quote->verdict = WD_QUOTE_VERDICT_NOT_FOUND;
          found_in = cited->len > 0 ? g_ptr_array_index (cited, 0) : NULL;
          g_clear_pointer (&found_text, g_free);
        }
    }

  quote->source = g_strdup (found_in);
  if (quote->verdict != WD_QUOTE_VERDICT_VERIFIED)
    quote->source_text = g_steal_pointer (&found_text);
  words_clear (&q);
}

GPtrArray *
wd_quotes_check (const char          *body,
                 const char * const  *source_ids,
                 WdQuoteTexts        *texts)
{
  g_autoptr(GPtrArray) quotes = wd_quotes_scan (body);
  g_autoptr(GArray) citations = NULL;

  g_return_val_if_fail (texts != NULL, NULL);

  if (quotes->len == 0)
    return g_steal_pointer (&quotes);

  wd_citations_scan (body, NULL, &citations);
  for (guint i = 0; i < quotes->len; i++)
    {
      WdQuote *quote = g_ptr_array_index (quotes, i);
      g_autoptr(GPtrArray) cited = g_ptr_array_new ();

      for (guint j = 0; j < citations->len; j++)
        {
          const WdCitation *c = &g_array_index (citations, WdCitation, j);

          if (c->paragraph == quote->paragraph &&
              !g_ptr_array_find_with_equal_func (cited, c->source_id, g_str_equal, NULL))
            g_ptr_array_add (cited, c->source_id);
        }
      judge (quote, body, cited, source_ids, texts);
    }

  return g_steal_pointer (&quotes);
}

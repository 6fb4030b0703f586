#define G_LOG_DOMAIN "wd-diff"

#include "config.h"

#include <string.h>

#include "wd-diff.h"

/* The work Myers' algorithm may do on one stretch: (n + m) × d steps. Past
 * it the stretch is reported as replaced whole, which is still a correct
 * edit script. */
#define WORK_BUDGET 60000000
#define MAX_EDITS 3000

/* Tokens: runs of word bytes (ASCII letters and digits, '_', and every
 * byte of a multi-byte UTF-8 character, so a token never splits one), runs
 * of spaces and tabs, and single other bytes (punctuation, '\n'). */
static inline gboolean
is_word_byte (guchar c)
{
  return g_ascii_isalnum (c) || c == '_' || c >= 0x80;
}

static inline int
byte_class (guchar c)
{
  if (is_word_byte (c))
    return 1;
  if (c == ' ' || c == '\t' || c == '\r')
    return 2;
  return 3;
}

static gsize
token_end (const char *s,
           gsize       pos,
           gsize       end)
{
  int cls = byte_class (s[pos]);
  gsize i = pos + 1;

  if (cls == 3)
    return i;
  while (i < end && byte_class (s[i]) == cls)
    i++;
  return i;
}

static gboolean
is_boundary (const char *s,
             gsize       len,
             gsize       pos)
{
  int cls;

  if (pos == 0 || pos >= len)
    return TRUE;
  cls = byte_class (s[pos - 1]);
  return cls == 3 || cls != byte_class (s[pos]);
}

typedef struct
{
  const char *p;
  guint32     len;
  guint32     id;
} Tok;

static guint
tok_hash (gconstpointer key)
{
  const Tok *t = key;
  guint32 h = 2166136261u;

  for (guint32 i = 0; i < t->len; i++)
    h = (h ^ (guchar) t->p[i]) * 16777619u;
  return h;
}

static gboolean
tok_equal (gconstpointer x,
           gconstpointer y)
{
  const Tok *a = x, *b = y;

  return a->len == b->len && memcmp (a->p, b->p, a->len) == 0;
}

/* Splits text[start, end) into words (lines == FALSE) or lines. */
static GArray *
tokenize (const char *text,
          gsize       start,
          gsize       end,
          gboolean    lines)
{
  GArray *toks = g_array_new (FALSE, FALSE, sizeof (Tok));

  for (gsize pos = start; pos < end;)
    {
      gsize next;
      Tok t;

      if (lines)
        {
          const char *nl = memchr (text + pos, '\n', end - pos);
          next = nl != NULL ? (gsize) (nl - text) + 1 : end;
        }
      else
        next = token_end (text, pos, end);

      t.p = text + pos;
      t.len = next - pos;
      t.id = 0;
      g_array_append_val (toks, t);
      pos = next;
    }

  return toks;
}

static void
intern (GHashTable *ids,
        GArray     *toks)
{
  for (guint i = 0; i < toks->len; i++)
    {
      Tok *t = &g_array_index (toks, Tok, i);
      Tok *known = g_hash_table_lookup (ids, t);

      if (known == NULL)
        {
          t->id = g_hash_table_size (ids) + 1;
          g_hash_table_add (ids, t);
        }
      else
        t->id = known->id;
    }
}

typedef struct
{
  WdDiffOp op;
  gint32   ai, bi, n;  /* in tokens */
} Edit;

static void
push_edit (GArray  *edits,
           WdDiffOp op,
           gint32   ai,
           gint32   bi,
           gint32   n)
{
  Edit e = { op, ai, bi, n };

  if (n > 0)
    g_array_append_val (edits, e);
}

/* Myers' O((n + m) d) greedy algorithm, with the furthest points of every
 * round kept for the way back. Appends the edits in order; FALSE (and
 * nothing appended) when more than @max_d edits are needed. */
static gboolean
myers (const Tok *a,
       gint32     n,
       const Tok *b,
       gint32     m,
       gint32     max_d,
       GArray    *out)
{
  g_autoptr(GPtrArray) trace = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GArray) edits = NULL;
  gint32 limit = MIN (n + m, max_d);
  gint32 *v;
  gint32 x = 0, y = 0, d;
  gboolean found = FALSE;

  for (d = 0; d <= limit && !found; d++)
    {
      gint32 *prev = d > 0 ? g_ptr_array_index (trace, d - 1) : NULL;

      v = g_new (gint32, 2 * d + 1);
      for (gint32 k = -d; k <= d; k += 2)
        {
          /* prev is indexed k + (d - 1) */
          if (d == 0)
            x = 0;
          else if (k == -d || (k != d && prev[k - 1 + d - 1] < prev[k + 1 + d - 1]))
            x = prev[k + 1 + d - 1];
          else
            x = prev[k - 1 + d - 1] + 1;
          y = x - k;
          while (x < n && y < m && a[x].id == b[y].id)
            {
              x++;
              y++;
            }
          v[k + d] = x;
          if (x >= n && y >= m)
            {
              found = TRUE;
              break;
            }
        }
      g_ptr_array_add (trace, v);
    }

  if (!found)
    return FALSE;

  /* Back from (n, m) to (0, 0), collecting edits in reverse. */
  edits = g_array_new (FALSE, FALSE, sizeof (Edit));
  x = n;
  y = m;
  for (d = trace->len - 1; d > 0; d--)
    {
      gint32 *prev = g_ptr_array_index (trace, d - 1);
      gint32 k = x - y, prev_k, prev_x, prev_y, mid_x, mid_y;

      if (k == -d || (k != d && prev[k - 1 + d - 1] < prev[k + 1 + d - 1]))
        prev_k = k + 1;
      else
        prev_k = k - 1;
      prev_x = prev[prev_k + d - 1];
      prev_y = prev_x - prev_k;
      mid_x = prev_k == k + 1 ? prev_x : prev_x + 1;
      mid_y = mid_x - k;

      push_edit (edits, WD_DIFF_EQUAL, mid_x, mid_y, x - mid_x);
      if (prev_k == k + 1)
        push_edit (edits, WD_DIFF_INSERT, prev_x, prev_y, 1);
      else
        push_edit (edits, WD_DIFF_DELETE, prev_x, prev_y, 1);
      x = prev_x;
      y = prev_y;
    }
  push_edit (edits, WD_DIFF_EQUAL, 0, 0, x);

  for (guint i = edits->len; i > 0; i--)
    g_array_append_val (out, g_array_index (edits, Edit, i - 1));

  return TRUE;
}

static gint32 budget_for (gsize n, gsize m);

static void
shift_edits (GArray *out,
             guint   from,
             gint32  da,
             gint32  db)
{
  for (guint i = from; i < out->len; i++)
    {
      Edit *e = &g_array_index (out, Edit, i);

      e->ai += da;
      e->bi += db;
    }
}

typedef struct
{
  guint  count_a, count_b;
  gint32 pos_a, pos_b;
} Occurrence;

/* Lines a[a0, a1) → b[b0, b1): Myers when the stretch is small enough,
 * otherwise the lines found once on each side (patience diff's anchors,
 * the longest run of them in the same order) split it into stretches that
 * are diffed in turn. Appends edits with absolute indices. */
static void
diff_lines (const Tok *a,
            gint32     a0,
            gint32     a1,
            const Tok *b,
            gint32     b0,
            gint32     b1,
            guint      depth,
            GArray    *out)
{
  g_autoptr(GHashTable) seen = NULL;
  g_autoptr(GArray) pairs = NULL;
  g_autofree gint32 *tails = NULL;
  g_autofree gint32 *prev = NULL;
  g_autofree Occurrence *occ = NULL;
  guint before;
  gint32 n_tails = 0, pa, pb;

  while (a0 < a1 && b0 < b1 && a[a0].id == b[b0].id)
    {
      push_edit (out, WD_DIFF_EQUAL, a0, b0, 1);
      a0++;
      b0++;
    }
  {
    gint32 tail = 0;

    while (a1 - tail > a0 && b1 - tail > b0 && a[a1 - tail - 1].id == b[b1 - tail - 1].id)
      tail++;
    a1 -= tail;
    b1 -= tail;

    if (a0 == a1 || b0 == b1)
      {
        push_edit (out, WD_DIFF_DELETE, a0, b0, a1 - a0);
        push_edit (out, WD_DIFF_INSERT, a1, b0, b1 - b0);
      }
    else if ((before = out->len, myers (a + a0, a1 - a0, b + b0, b1 - b0,
                                        budget_for (a1 - a0, b1 - b0), out)))
      shift_edits (out, before, a0, b0);
    else if (depth >= 8)
      {
        push_edit (out, WD_DIFF_DELETE, a0, b0, a1 - a0);
        push_edit (out, WD_DIFF_INSERT, a1, b0, b1 - b0);
      }
    else
      {
        /* Lines once in each side, in a's order. */
        seen = g_hash_table_new (NULL, NULL);
        occ = g_new0 (Occurrence, (a1 - a0) + (b1 - b0) + 1);
        for (gint32 i = a0; i < a1; i++)
          {
            gpointer slot = g_hash_table_lookup (seen, GUINT_TO_POINTER (a[i].id));
            Occurrence *o;

            if (slot == NULL)
              {
                slot = GINT_TO_POINTER (g_hash_table_size (seen) + 1);
                g_hash_table_insert (seen, GUINT_TO_POINTER (a[i].id), slot);
              }
            o = &occ[GPOINTER_TO_INT (slot) - 1];
            o->count_a++;
            o->pos_a = i;
          }
        for (gint32 j = b0; j < b1; j++)
          {
            gpointer slot = g_hash_table_lookup (seen, GUINT_TO_POINTER (b[j].id));

            if (slot != NULL)
              {
                Occurrence *o = &occ[GPOINTER_TO_INT (slot) - 1];
                o->count_b++;
                o->pos_b = j;
              }
          }
        pairs = g_array_new (FALSE, FALSE, sizeof (gint32) * 2);
        for (gint32 i = a0; i < a1; i++)
          {
            Occurrence *o = &occ[GPOINTER_TO_INT (g_hash_table_lookup (seen, GUINT_TO_POINTER (a[i].id))) - 1];

            if (o->count_a == 1 && o->count_b == 1)
              {
                gint32 pair[2] = { i, o->pos_b };
                g_array_append_vals (pairs, pair, 1);
              }
          }

        /* The longest run of anchors increasing in b (patience sorting). */
        tails = g_new (gint32, pairs->len + 1);
        prev = g_new (gint32, pairs->len + 1);
        for (guint k = 0; k < pairs->len; k++)
          {
            gint32 bk = ((gint32 *) pairs->data)[2 * k + 1];
            gint32 lo = 0, hi = n_tails;

            while (lo < hi)
              {
                gint32 mid = (lo + hi) / 2;

                if (((gint32 *) pairs->data)[2 * tails[mid] + 1] < bk)
                  lo = mid + 1;
                else
                  hi = mid;
              }
            prev[k] = lo > 0 ? tails[lo - 1] : -1;
            tails[lo] = k;
            if (lo == n_tails)
              n_tails++;
          }

        if (n_tails == 0)
          {
            push_edit (out, WD_DIFF_DELETE, a0, b0, a1 - a0);
            push_edit (out, WD_DIFF_INSERT, a1, b0, b1 - b0);
          }
        else
          {
            g_autofree gint32 *chosen = g_new (gint32, n_tails);

            for (gint32 k = tails[n_tails - 1], c = n_tails - 1; k >= 0; k = prev[k], c--)
              chosen[c] = k;

            pa = a0;
            pb = b0;
            for (gint32 c = 0; c < n_tails; c++)
              {
                gint32 ai = ((gint32 *) pairs->data)[2 * chosen[c]];
                gint32 bi = ((gint32 *) pairs->data)[2 * chosen[c] + 1];

                diff_lines (a, pa, ai, b, pb, bi, depth + 1, out);
                push_edit (out, WD_DIFF_EQUAL, ai, bi, 1);
                pa = ai + 1;
                pb = bi + 1;
              }
            diff_lines (a, pa, a1, b, pb, b1, depth + 1, out);
          }
      }

    for (gint32 k = 0; k < tail; k++)
      push_edit (out, WD_DIFF_EQUAL, a1 + k, b1 + k, 1);
  }
}

static gint32
budget_for (gsize n,
            gsize m)
{
  gsize d = WORK_BUDGET / (n + m + 1);

  return (gint32) CLAMP (d, 8, MAX_EDITS);
}

static void
push_segment (GArray  *segments,
              WdDiffOp op,
              gsize    a_start,
              gsize    b_start,
              gsize    len)
{
  WdDiffSegment seg = { op, a_start, b_start, len };

  if (len == 0)
    return;

  if (segments->len > 0)
    {
      WdDiffSegment *last = &g_array_index (segments, WdDiffSegment, segments->len - 1);

      if (last->op == op)
        {
          last->len += len;
          return;
        }
    }
  g_array_append_val (segments, seg);
}

/* Token edits → byte segments. */
static void
emit_edits (GArray     *segments,
            GArray     *edits,
            const Tok  *a_toks,
            const Tok  *b_toks,
            const char *a,
            const char *b)
{
  for (guint i = 0; i < edits->len; i++)
    {
      const Edit *e = &g_array_index (edits, Edit, i);
      gsize len = 0;

      if (e->op == WD_DIFF_INSERT)
        {
          for (gint32 j = 0; j < e->n; j++)
            len += b_toks[e->bi + j].len;
        }
      else
        {
          for (gint32 j = 0; j < e->n; j++)
            len += a_toks[e->ai + j].len;
        }

      push_segment (segments, e->op,
                    e->op == WD_DIFF_INSERT ? 0 : (gsize) (a_toks[e->ai].p - a),
                    e->op == WD_DIFF_DELETE ? 0 : (gsize) (b_toks[e->bi].p - b),
                    len);
    }
}

/* A replaced stretch a[as, ae) → b[bs, be): its words, diffed. */
static void
diff_stretch_words (GArray     *segments,
                    const char *a,
                    gsize       as,
                    gsize       ae,
                    const char *b,
                    gsize       bs,
                    gsize       be)
{
  g_autoptr(GArray) at = tokenize (a, as, ae, FALSE);
  g_autoptr(GArray) bt = tokenize (b, bs, be, FALSE);
  g_autoptr(GHashTable) ids = g_hash_table_new (tok_hash, tok_equal);
  g_autoptr(GArray) edits = g_array_new (FALSE, FALSE, sizeof (Edit));

  intern (ids, at);
  intern (ids, bt);

  if (at->len == 0 || bt->len == 0 ||
      !myers ((Tok *) at->data, at->len, (Tok *) bt->data, bt->len,
              budget_for (at->len, bt->len), edits))
    {
      push_segment (segments, WD_DIFF_DELETE, as, 0, ae - as);
      push_segment (segments, WD_DIFF_INSERT, 0, bs, be - bs);
      return;
    }

  emit_edits (segments, edits, (Tok *) at->data, (Tok *) bt->data, a, b);
}

GArray *
wd_diff_words (const char *a,
               const char *b)
{
  GArray *segments = g_array_new (FALSE, FALSE, sizeof (WdDiffSegment));
  g_autoptr(GArray) al = NULL;
  g_autoptr(GArray) bl = NULL;
  g_autoptr(GHashTable) ids = NULL;
  g_autoptr(GArray) edits = NULL;
  gsize alen, blen, p = 0, s = 0;
  gsize i, ai_byte, bi_byte;

  a = a != NULL ? a : "";
  b = b != NULL ? b : "";
  alen = strlen (a);
  blen = strlen (b);

  /* The common beginning and end, on token boundaries: most edits are
   * small, and this makes them cost a comparison of the bytes. */
  while (p < alen && p < blen && a[p] == b[p])
    p++;
  while (p > 0 && !(is_boundary (a, alen, p) && is_boundary (b, blen, p)))
    p--;
  while (s < alen - p && s < blen - p && a[alen - 1 - s] == b[blen - 1 - s])
    s++;
  while (s > 0 && !(is_boundary (a, alen, alen - s) && is_boundary (b, blen, blen - s)))
    s--;

  push_segment (segments, WD_DIFF_EQUAL, 0, 0, p);

  if (p == alen - s || p == blen - s)
    {
      push_segment (segments, WD_DIFF_DELETE, p, 0, alen - s - p);
      push_segment (segments, WD_DIFF_INSERT, 0, p, blen - s - p);
      push_segment (segments, WD_DIFF_EQUAL, alen - s, blen - s, s);
      return segments;
    }

  /* Paragraphs (lines) first, then the words of the lines that differ. */
  al = tokenize (a, p, alen - s, TRUE);
  bl = tokenize (b, p, blen - s, TRUE);
  ids = g_hash_table_new (tok_hash, tok_equal);
  intern (ids, al);
  intern (ids, bl);
  edits = g_array_new (FALSE, FALSE, sizeof (Edit));

  if (al->len + bl->len <= 2)
    {
      diff_stretch_words (segments, a, p, alen - s, b, p, blen - s);
      push_segment (segments, WD_DIFF_EQUAL, alen - s, blen - s, s);
      return segments;
    }

  diff_lines ((Tok *) al->data, 0, al->len, (Tok *) bl->data, 0, bl->len, 0, edits);

  ai_byte = p;
  bi_byte = p;
  for (i = 0; i < edits->len;)
    {
      const Edit *e = &g_array_index (edits, Edit, i);
      gsize a_end = ai_byte, b_end = bi_byte;

      if (e->op == WD_DIFF_EQUAL)
        {
          gsize len = 0;

          for (gint32 j = 0; j < e->n; j++)
            len += g_array_index (al, Tok, e->ai + j).len;
          push_segment (segments, WD_DIFF_EQUAL, ai_byte, bi_byte, len);
          ai_byte += len;
          bi_byte += len;
          i++;
          continue;
        }

      /* A run of deleted and inserted lines: diff its words. */
      for (; i < edits->len; i++)
        {
          e = &g_array_index (edits, Edit, i);
          if (e->op == WD_DIFF_EQUAL)
            break;
          for (gint32 j = 0; j < e->n; j++)
            {
              if (e->op == WD_DIFF_DELETE)
                a_end += g_array_index (al, Tok, e->ai + j).len;
              else
                b_end += g_array_index (bl, Tok, e->bi + j).len;
            }
        }
      diff_stretch_words (segments, a, ai_byte, a_end, b, bi_byte, b_end);
      ai_byte = a_end;
      bi_byte = b_end;
    }

  push_segment (segments, WD_DIFF_EQUAL, alen - s, blen - s, s);
  return segments;
}

static guint
count_words_in (const char *text,
                gsize       start,
                gsize       len)
{
  guint n = 0;

  for (gsize pos = start; pos < start + len;)
    {
      gsize next = token_end (text, pos, start + len);

      if (is_word_byte (text[pos]))
        n++;
      pos = next;
    }
  return n;
}

guint
wd_diff_word_count (const char *text)
{
  return text != NULL ? count_words_in (text, 0, strlen (text)) : 0;
}

void
wd_diff_count_words (const char *a,
                     const char *b,
                     GArray     *segments,
                     guint      *added,
                     guint      *removed)
{
  guint add = 0, del = 0;

  for (guint i = 0; i < segments->len; i++)
    {
      const WdDiffSegment *seg = &g_array_index (segments, WdDiffSegment, i);

      if (seg->op == WD_DIFF_INSERT)
        add += count_words_in (b, seg->b_start, seg->len);
      else if (seg->op == WD_DIFF_DELETE)
        del += count_words_in (a, seg->a_start, seg->len);
    }

  if (added != NULL)
    *added = add;
  if (removed != NULL)
    *removed = del;
}

/* The offset after the first @n words of text[start, end) (and the
 * spaces that follow them), or the offset before the last @n words. */
static gsize
skip_words (const char *text,
            gsize       start,
            gsize       end,
            guint       n,
            gboolean    from_end)
{
  guint seen = 0;

  if (!from_end)
    {
      gsize pos = start;

      while (pos < end && seen < n)
        {
          if (is_word_byte (text[pos]))
            seen++;
          pos = token_end (text, pos, end);
        }
      return pos;
    }
  else
    {
      gsize pos = end;

      while (pos > start && seen < n)
        {
          gsize tok = pos - 1;

          while (tok > start && byte_class (text[tok - 1]) == byte_class (text[pos - 1]) &&
                 byte_class (text[pos - 1]) != 3)
            tok--;
          if (is_word_byte (text[tok]))
            seen++;
          pos = tok;
        }
      return pos;
    }
}

char *
wd_diff_shorten (const char *text,
                 gsize       len,
                 guint       context,
                 gboolean    keep_head,
                 gboolean    keep_tail)
{
  GString *out;
  gsize head, tail;

  if (context == 0 || count_words_in (text, 0, len) <= 2 * context + 1)
    return g_strndup (text, len);

  head = keep_head ? skip_words (text, 0, len, context, FALSE) : 0;
  tail = keep_tail ? skip_words (text, 0, len, context, TRUE) : len;
  out = g_string_new_len (text, head);
  g_string_append (out, " … ");
  g_string_append_len (out, text + tail, len - tail);
  return g_string_free (out, FALSE);
}

char *
wd_diff_render_plain (const char *a,
                      const char *b,
                      GArray     *segments,
                      guint       context)
{
  GString *out = g_string_new (NULL);

  a = a != NULL ? a : "";
  b = b != NULL ? b : "";

  for (guint i = 0; i < segments->len; i++)
    {
      const WdDiffSegment *seg = &g_array_index (segments, WdDiffSegment, i);

      switch (seg->op)
        {
        case WD_DIFF_DELETE:
          g_string_append (out, "[-");
          g_string_append_len (out, a + seg->a_start, seg->len);
          g_string_append (out, "-]");
          break;
        case WD_DIFF_INSERT:
          g_string_append (out, "{+");
          g_string_append_len (out, b + seg->b_start, seg->len);
          g_string_append (out, "+}");
          break;
        case WD_DIFF_EQUAL:
        default:
          {
            g_autofree char *kept = wd_diff_shorten (a + seg->a_start, seg->len, context,
                                                     i > 0, i + 1 < segments->len);
            g_string_append (out, kept);
          }
          break;
        }
    }

  return g_string_free (out, FALSE);
}

#define G_LOG_DOMAIN "wd-diff"

#include "config.h"

#include <string.h>

#include "wd-diff.h"

/* The work Myers' algorithm may do on one stretch: (n + m) × d steps. Past
 * it the stretch is reported as replaced whole, which is still a correct
 * edit script. */
#define WORK_BUDGET 20000000
#define MAX_EDITS 1000

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

  if (al->len + bl->len <= 2 ||
      !myers ((Tok *) al->data, al->len, (Tok *) bl->data, bl->len,
              budget_for (al->len, bl->len), edits))
    {
      diff_stretch_words (segments, a, p, alen - s, b, p, blen - s);
      push_segment (segments, WD_DIFF_EQUAL, alen - s, blen - s, s);
      return segments;
    }

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
      gsize start = seg->a_start, end = seg->a_start + seg->len;

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
          if (context > 0 && count_words_in (a, start, seg->len) > 2 * context + 1)
            {
              gsize head = i > 0 ? skip_words (a, start, end, context, FALSE) : start;
              gsize tail = i + 1 < segments->len ? skip_words (a, start, end, context, TRUE) : end;

              g_string_append_len (out, a + start, head - start);
              g_string_append (out, " … ");
              g_string_append_len (out, a + tail, end - tail);
            }
          else
            g_string_append_len (out, a + start, seg->len);
          break;
        }
    }

  return g_string_free (out, FALSE);
}

#define G_LOG_DOMAIN "wd-citations"

#include "config.h"

#include <string.h>

#include "wd-citations.h"

typedef struct
{
  const char  *body;
  gsize        len;
  GArray      *paragraphs;
  GArray      *citations;
  GArray      *code;          /* CodeRange, only when asked for */
  gboolean     in_paragraph;
  WdParagraph  current;
  guint        n_paragraphs;
} Scan;

/* Where a marker would be text: a code span [start, end), or a fenced
 * block from its opening fence line to its closing one or a footnote
 * definition line, both ends included. */
typedef struct
{
  gsize     start;
  gsize     end;
  gboolean  fence;
} CodeRange;

static void
add_code (Scan     *scan,
          gsize     start,
          gsize     end,
          gboolean  fence)
{
  CodeRange range = { start, end, fence };

  if (scan->code != NULL)
    g_array_append_val (scan->code, range);
}

static void
clear_citation (gpointer data)
{
  WdCitation *citation = data;

  g_free (citation->source_id);
}

static GArray *
citation_array_new (void)
{
  GArray *array = g_array_new (FALSE, FALSE, sizeof (WdCitation));

  g_array_set_clear_func (array, clear_citation);
  return array;
}

static inline gboolean
is_id_byte (guchar c)
{
  return c > 0x20 && c != 0x7f && c != '[' && c != ']';
}

gboolean
wd_citations_id_is_valid (const char *id)
{
  gsize n = 0;

  if (id == NULL || *id == '\0' || !g_utf8_validate (id, -1, NULL))
    return FALSE;

  for (; id[n] != '\0'; n++)
    if (!is_id_byte ((guchar) id[n]))
      return FALSE;

  return n <= WD_CITATION_MAX_ID;
}

char *
wd_citations_format_marker (const char *source_id)
{
  g_return_val_if_fail (wd_citations_id_is_valid (source_id), NULL);

  return g_strconcat ("[^", source_id, "]", NULL);
}

/* ------------------------------------------------------------ line kinds */

static gsize
skip_indent (const char *s,
             gsize       from,
             gsize       to)
{
  gsize i = from;

  while (i < to && i - from < 3 && s[i] == ' ')
    i++;
  return i;
}

static gboolean
is_blank (const char *s,
          gsize       from,
          gsize       to)
{
  for (gsize i = from; i < to; i++)
    if (s[i] != ' ' && s[i] != '\t' && s[i] != '\r')
      return FALSE;
  return TRUE;
}

static gboolean
is_heading (const char *s,
            gsize       from,
            gsize       to)
{
  gsize i = skip_indent (s, from, to);
  gsize level = 0;

  while (i + level < to && s[i + level] == '#')
    level++;

  return level >= 1 && level <= 6 &&
         (i + level == to || s[i + level] == ' ' || s[i + level] == '\t' || s[i + level] == '\r');
}

static gboolean
is_thematic_break (const char *s,
                   gsize       from,
                   gsize       to)
{
  gsize i = skip_indent (s, from, to);
  char mark = i < to ? s[i] : '\0';
  guint count = 0;

  if (mark != '-' && mark != '*' && mark != '_')
    return FALSE;

  for (; i < to; i++)
    {
      if (s[i] == mark)
        count++;
      else if (s[i] != ' ' && s[i] != '\t' && s[i] != '\r')
        return FALSE;
    }

  return count >= 3;
}

/* The fence character and length of a ``` or ~~~ line, else 0. */
static gsize
fence_length (const char *s,
              gsize       from,
              gsize       to,
              char       *fence_char)
{
  gsize i = skip_indent (s, from, to);
  gsize n = 0;

  if (i >= to || (s[i] != '`' && s[i] != '~'))
    return 0;

  while (i + n < to && s[i + n] == s[i])
    n++;
  if (n < 3)
    return 0;

  *fence_char = s[i];
  return n;
}

/* ------------------------------------------------------------- scanning */

static void
add_citation (Scan  *scan,
              gsize  start,
              gsize  id_start,
              gsize  id_end,
              guint  paragraph)
{
  WdCitation citation = {
    start, id_end + 1, g_strndup (scan->body + id_start, id_end - id_start), paragraph, 0
  };

  g_array_append_val (scan->citations, citation);
}

/* Finds the markers in one line of text, outside code spans. */
static guint
scan_line_citations (Scan  *scan,
                     gsize  from,
                     gsize  to,
                     guint  paragraph)
{
  const char *s = scan->body;
  gsize line_text = skip_indent (s, from, to);
  gboolean no_closer[33] = { FALSE };
  guint found = 0;
  gsize i = from;

  while (i < to)
    {
      char c;

      /* Jump to the next character that matters: the body is one
       * NUL-terminated string and the line ends at a newline. */
      i += strcspn (s + i, "[`\\\n");
      if (i >= to)
        break;
      c = s[i];

      if (c == '\\')
        {
          i += 2;
          continue;
        }

      if (c == '`')
        {
          gsize run = 0;
          gsize j = to;

          while (i + run < to && s[i + run] == '`')
            run++;

          /* The span ends at the next run of exactly as many backticks.
           * Once a length found no closer up to the line's end, no later
           * run of that length will: not looking again keeps a line of
           * ever longer runs linear. Very long runs are just text. */
          if (run < G_N_ELEMENTS (no_closer) && !no_closer[run])
            {
              for (j = i + run; j < to; )
                {
                  gsize close = 0;

                  if (s[j] != '`')
                    {
                      j++;
                      continue;
                    }
                  while (j + close < to && s[j + close] == '`')
                    close++;
                  if (close == run)
                    break;
                  j += close;
                }
              if (j >= to)
                no_closer[run] = TRUE;
            }

          if (j < to)
            add_code (scan, i, j + run, FALSE);
          i = j < to ? j + run : i + run;
          continue;
        }

      if (c == '[' && i + 1 < to && s[i + 1] == '^')
        {
          gsize j = i + 2;

          while (j < to && j - (i + 2) <= WD_CITATION_MAX_ID && is_id_byte ((guchar) s[j]))
            j++;

          if (j < to && s[j] == ']' && j > i + 2 && j - (i + 2) <= WD_CITATION_MAX_ID)
            {
              /* "[^id]: …" at the start of a line defines a footnote:
               * the whole line is its text. */
              if (i == line_text && j + 1 < to && s[j + 1] == ':')
                {
                  add_code (scan, from, to, TRUE);
                  return found;
                }

              if (scan->citations != NULL)
                add_citation (scan, i, i + 2, j, paragraph);
              found++;
              i = j + 1;
              continue;
            }
        }

      i++;
    }

  return found;
}

static void
close_paragraph (Scan *scan)
{
  if (!scan->in_paragraph)
    return;

  if (scan->paragraphs != NULL)
    g_array_append_val (scan->paragraphs, scan->current);
  scan->in_paragraph = FALSE;
  scan->n_paragraphs++;
}

static void
extend_paragraph (Scan  *scan,
                  gsize  from,
                  gsize  to)
{
  if (!scan->in_paragraph)
    {
      scan->in_paragraph = TRUE;
      scan->current.start = skip_indent (scan->body, from, to);
      scan->current.index = scan->n_paragraphs;
      scan->current.n_citations = 0;
    }

  while (to > from && scan->body[to - 1] == '\r')
    to--;
  scan->current.end = to;
}

static void
scan_body (const char *body,
           GArray     *paragraphs,
           GArray     *citations,
           GArray     *code)
{
  Scan scan = { body, body != NULL ? strlen (body) : 0, paragraphs, citations, code, FALSE, { 0 }, 0 };
  gboolean in_fence = FALSE;
  char fence_char = 0;
  gsize fence_len = 0;
  gsize fence_start = 0;
  gsize p = 0;

  while (p < scan.len)
    {
      const char *nl = memchr (body + p, '\n', scan.len - p);
      gsize eol = nl != NULL ? (gsize) (nl - body) : scan.len;
      char c = 0;
      gsize n;

      if (in_fence)
        {
          extend_paragraph (&scan, p, eol);
          n = fence_length (body, p, eol, &c);
          if (n >= fence_len && c == fence_char &&
              is_blank (body, skip_indent (body, p, eol) + n, eol))
            {
              in_fence = FALSE;
              add_code (&scan, fence_start, eol, TRUE);
            }
        }
      else if ((n = fence_length (body, p, eol, &c)) > 0)
        {
          extend_paragraph (&scan, p, eol);
          in_fence = TRUE;
          fence_char = c;
          fence_len = n;
          fence_start = p;
        }
      else if (is_blank (body, p, eol) || is_thematic_break (body, p, eol))
        close_paragraph (&scan);
      else if (is_heading (body, p, eol))
        {
          close_paragraph (&scan);
          scan_line_citations (&scan, p, eol, G_MAXUINT);
        }
      else
        {
          extend_paragraph (&scan, p, eol);
          scan.current.n_citations += scan_line_citations (&scan, p, eol, scan.current.index);
        }

      p = eol + 1;
    }

  if (in_fence)
    add_code (&scan, fence_start, scan.len, TRUE);
  close_paragraph (&scan);
}

void
wd_citations_scan (const char  *body,
                   GArray     **paragraphs,
                   GArray     **citations)
{
  if (paragraphs != NULL)
    *paragraphs = g_array_new (FALSE, FALSE, sizeof (WdParagraph));
  if (citations != NULL)
    *citations = citation_array_new ();

  scan_body (body,
             paragraphs != NULL ? *paragraphs : NULL,
             citations != NULL ? *citations : NULL,
             NULL);
}

/* ------------------------------------------------------------- editing */

/* The index of the first citation ending after @offset, or citations->len. */
static guint
citation_at_or_after (GArray *citations,
                      gsize   offset)
{
  guint lo = 0, hi = citations->len;

  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;

      if (g_array_index (citations, WdCitation, mid).end <= offset)
        lo = mid + 1;
      else
        hi = mid;
    }

  return lo;
}

/* The run of adjacent markers that @offset falls in or directly precedes:
 * [*first, *last], FALSE when there is none. */
static gboolean
find_run (GArray *citations,
          gsize   offset,
          guint  *first,
          guint  *last)
{
  guint i = citation_at_or_after (citations, offset);

  if (i >= citations->len || g_array_index (citations, WdCitation, i).start > offset)
    return FALSE;

  *first = i;
  while (*first > 0 &&
         g_array_index (citations, WdCitation, *first - 1).end ==
         g_array_index (citations, WdCitation, *first).start)
    (*first)--;

  *last = i;
  while (*last + 1 < citations->len &&
         g_array_index (citations, WdCitation, *last).end ==
         g_array_index (citations, WdCitation, *last + 1).start)
    (*last)++;

  return TRUE;
}

/* Where a marker for @offset goes (see wd_citations_insertion_point()),
 * and the run of markers there, if any. */
static gboolean
find_insertion (const char *body,
                gsize       offset,
                GArray     *citations,
                gsize      *point,
                guint      *first,
                guint      *last)
{
  g_autoptr(GArray) code = g_array_new (FALSE, FALSE, sizeof (CodeRange));
  guint backslashes = 0;

  scan_body (body, NULL, citations, code);

  for (guint i = 0; i < code->len; i++)
    {
      const CodeRange *r = &g_array_index (code, CodeRange, i);

      if (r->fence ? (r->start <= offset && offset <= r->end)
                   : (r->start < offset && offset < r->end))
        return FALSE;
    }

  /* Inside a run of backticks, or escaped by a backslash. */
  if (offset > 0 && body[offset - 1] == '`' && body[offset] == '`')
    return FALSE;
  while (backslashes < offset && body[offset - 1 - backslashes] == '\\')
    backslashes++;
  if (backslashes % 2 == 1)
    return FALSE;

  *point = offset;
  if (find_run (citations, offset, first, last))
    *point = g_array_index (citations, WdCitation, *last).end;
  else
    *first = *last = G_MAXUINT;

  /* "[^id]:" at the start of a line would define a footnote. */
  if (body[*point] == ':')
    {
      gsize line = *point;

      while (line > 0 && body[line - 1] != '\n')
        line--;
      if (skip_indent (body, line, *point) == *point)
        return FALSE;
    }

  return TRUE;
}

gboolean
wd_citations_insertion_point (const char *body,
                              gsize       offset,
                              gsize      *point)
{
  g_autoptr(GArray) citations = citation_array_new ();
  guint first, last;
  gsize at;

  g_return_val_if_fail (body != NULL, FALSE);
  g_return_val_if_fail (offset <= strlen (body), FALSE);
  g_return_val_if_fail (((guchar) body[offset] & 0xc0) != 0x80, FALSE);

  if (!find_insertion (body, offset, citations, &at, &first, &last))
    return FALSE;

  if (point != NULL)
    *point = at;
  return TRUE;
}

char *
wd_citations_insert (const char *body,
                     gsize       offset,
                     const char *source_id,
                     gsize      *marker_start)
{
  g_autoptr(GArray) citations = citation_array_new ();
  g_autofree char *marker = NULL;
  GString *out;
  guint first, last;
  gsize at;

  g_return_val_if_fail (body != NULL, NULL);
  g_return_val_if_fail (offset <= strlen (body), NULL);
  g_return_val_if_fail (wd_citations_id_is_valid (source_id), NULL);
  /* not inside a UTF-8 sequence */
  g_return_val_if_fail (((guchar) body[offset] & 0xc0) != 0x80, NULL);

  if (!find_insertion (body, offset, citations, &at, &first, &last))
    return NULL;

  for (guint i = first; first != G_MAXUINT && i <= last; i++)
    {
      const WdCitation *c = &g_array_index (citations, WdCitation, i);

      if (g_str_equal (c->source_id, source_id))
        {
          if (marker_start != NULL)
            *marker_start = c->start;
          return g_strdup (body);
        }
    }

  marker = wd_citations_format_marker (source_id);
  out = g_string_sized_new (strlen (body) + strlen (marker) + 1);
  g_string_append_len (out, body, at);
  g_string_append (out, marker);
  g_string_append (out, body + at);

  if (marker_start != NULL)
    *marker_start = at;
  return g_string_free (out, FALSE);
}

guint
wd_citations_count_source (const char *body,
                           const char *source_id)
{
  g_autoptr(GArray) citations = NULL;
  guint n = 0;

  g_return_val_if_fail (source_id != NULL, 0);

  wd_citations_scan (body, NULL, &citations);
  for (guint i = 0; i < citations->len; i++)
    n += g_str_equal (g_array_index (citations, WdCitation, i).source_id, source_id);

  return n;
}

/* One pass: the markers of @source_id the scan sees now. */
static char *
remove_once (const char *body,
             const char *source_id,
             guint      *removed)
{
  g_autoptr(GArray) citations = NULL;
  GString *out;
  gsize copied = 0;

  wd_citations_scan (body, NULL, &citations);
  out = g_string_sized_new (strlen (body));
  *removed = 0;

  for (guint i = 0; i < citations->len; i++)
    {
      const WdCitation *c = &g_array_index (citations, WdCitation, i);
      char after = body[c->end];
      gsize keep_until = c->start;

      if (!g_str_equal (c->source_id, source_id))
        continue;

      /* "word [^x]." → "word.", "word [^x] more" → "word more" */
      if (c->start > copied && body[c->start - 1] == ' ' &&
          (after == '\0' || strchr (" \n\r.,;:!?)", after) != NULL))
        keep_until--;

      g_string_append_len (out, body + copied, keep_until - copied);
      copied = c->end;
      (*removed)++;
    }

  g_string_append (out, body + copied);
  return g_string_free (out, FALSE);
}

char *
wd_citations_remove_source (const char *body,
                            const char *source_id,
                            guint      *n_removed)
{
  char *out;
  guint removed, total = 0;

  g_return_val_if_fail (body != NULL, NULL);
  g_return_val_if_fail (source_id != NULL, NULL);

  out = remove_once (body, source_id, &removed);
  total += removed;

  /* Removing "[^x]" from "`[^x]`" joins two backtick runs, which can
   * turn text that was code into text with citations: go on until none
   * is left. Each pass removes at least one marker. */
  while (removed > 0 && wd_citations_count_source (out, source_id) > 0)
    {
      char *again = remove_once (out, source_id, &removed);

      g_free (out);
      out = again;
      total += removed;
    }

  if (n_removed != NULL)
    *n_removed = total;
  return out;
}

GArray *
wd_citations_uncited_paragraphs (const char *body,
                                 GHashTable *known_ids)
{
  g_autoptr(GArray) paragraphs = NULL;
  g_autoptr(GArray) citations = NULL;

  wd_citations_scan (body, &paragraphs, &citations);
  return wd_citations_find_uncited (paragraphs, citations, known_ids);
}

GArray *
wd_citations_find_uncited (GArray     *paragraphs,
                           GArray     *citations,
                           GHashTable *known_ids)
{
  g_autofree gboolean *cited = NULL;
  GArray *uncited = g_array_new (FALSE, FALSE, sizeof (WdParagraph));

  g_return_val_if_fail (paragraphs != NULL && citations != NULL, uncited);

  cited = g_new0 (gboolean, paragraphs->len + 1);

  for (guint i = 0; i < citations->len; i++)
    {
      const WdCitation *c = &g_array_index (citations, WdCitation, i);

      if (c->paragraph == G_MAXUINT)
        continue;
      if (known_ids == NULL || g_hash_table_contains (known_ids, c->source_id))
        cited[c->paragraph] = TRUE;
    }

  for (guint i = 0; i < paragraphs->len; i++)
    if (!cited[i])
      g_array_append_val (uncited, g_array_index (paragraphs, WdParagraph, i));

  return uncited;
}

/* ------------------------------------------------------------ numbering */

GPtrArray *
wd_citations_number (GArray      *citations,
                     GHashTable  *known_ids,
                     GPtrArray  **unknown_ids)
{
  g_autoptr(GHashTable) numbers = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GHashTable) unknown_seen = NULL;
  GPtrArray *order = g_ptr_array_new_with_free_func (g_free);

  g_return_val_if_fail (citations != NULL, order);

  if (unknown_ids != NULL)
    {
      *unknown_ids = g_ptr_array_new_with_free_func (g_free);
      unknown_seen = g_hash_table_new (g_str_hash, g_str_equal);
    }

  for (guint i = 0; i < citations->len; i++)
    {
      WdCitation *c = &g_array_index (citations, WdCitation, i);

      if (known_ids != NULL && !g_hash_table_contains (known_ids, c->source_id))
        {
          c->number = 0;
          if (unknown_seen != NULL && g_hash_table_add (unknown_seen, c->source_id))
            g_ptr_array_add (*unknown_ids, g_strdup (c->source_id));
          continue;
        }

      c->number = GPOINTER_TO_UINT (g_hash_table_lookup (numbers, c->source_id));
      if (c->number == 0)
        {
          g_ptr_array_add (order, g_strdup (c->source_id));
          c->number = order->len;
          g_hash_table_insert (numbers, c->source_id, GUINT_TO_POINTER (c->number));
        }
    }

  return order;
}

GHashTable *
wd_citations_dup_known_ids (WdArticle *article)
{
  GHashTable *ids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  guint n;

  g_return_val_if_fail (WD_IS_ARTICLE (article), ids);

  n = wd_article_get_n_sources (article);
  for (guint i = 0; i < n; i++)
    g_hash_table_add (ids, g_strdup (wd_source_get_id (wd_article_get_source (article, i))));

  return ids;
}

char *
wd_citations_to_footnotes (const char *body,
                           WdArticle  *article)
{
  g_autoptr(GArray) citations = NULL;
  g_autoptr(GHashTable) known = NULL;
  g_autoptr(GPtrArray) order = NULL;
  GString *out;
  gsize copied = 0;

  g_return_val_if_fail (WD_IS_ARTICLE (article), NULL);

  if (body == NULL)
    return g_strdup ("");

  wd_citations_scan (body, NULL, &citations);
  known = wd_citations_dup_known_ids (article);
  order = wd_citations_number (citations, known, NULL);
  out = g_string_sized_new (strlen (body) + 64 * citations->len);

  for (guint i = 0; i < citations->len; i++)
    {
      const WdCitation *c = &g_array_index (citations, WdCitation, i);

      if (c->number == 0)
        continue;

      g_string_append_len (out, body + copied, c->start - copied);
      g_string_append_printf (out, "[^%u]", c->number);
      copied = c->end;
    }
  g_string_append (out, body + copied);

  if (order->len > 0)
    {
      while (out->len > 0 && out->str[out->len - 1] == '\n')
        g_string_truncate (out, out->len - 1);
      g_string_append (out, "\n");
    }

  for (guint i = 0; i < order->len; i++)
    {
      WdSource *source = wd_article_find_source_by_id (article, g_ptr_array_index (order, i));
      g_autofree char *name = wd_source_dup_display_name (source);

      g_string_append_printf (out, "%s[^%u]: %s, <%s>\n", i == 0 ? "\n" : "",
                              i + 1, name, wd_source_get_url (source));
    }

  return g_string_free (out, FALSE);
}

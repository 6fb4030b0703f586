#define G_LOG_DOMAIN "wd-quotes"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "wd-citations.h"
#include "wd-quotes-private.h"
#include "wd-source.h"

typedef struct
{
  char  *latest_text;
  char  *baseline_text;
  WdQuoteWords  latest;
  WdQuoteWords  baseline;
  gboolean has_latest;
  gboolean has_baseline;
  char    *problem;         /* why its capture cannot be read, or NULL */
} SourceText;

struct _WdQuoteTexts
{
  gatomicrefcount  ref;
  GHashTable      *by_id;     /* source id → SourceText */
  GPtrArray       *problems;  /* every record that could not be read */
  GPtrArray       *damaged;   /* the ids of their sources, each once */
  char            *problem;   /* the whole package cannot be read, or NULL */
};

static void
source_text_free (SourceText *t)
{
  _wd_quote_words_clear (&t->latest);
  _wd_quote_words_clear (&t->baseline);
  g_free (t->latest_text);
  g_free (t->baseline_text);
  g_free (t->problem);
  g_free (t);
}

WdQuoteTexts *
wd_quote_texts_new (void)
{
  WdQuoteTexts *texts = g_new0 (WdQuoteTexts, 1);

  g_atomic_ref_count_init (&texts->ref);
  texts->by_id = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                        (GDestroyNotify) source_text_free);
  texts->problems = g_ptr_array_new_with_free_func (g_free);
  texts->damaged = g_ptr_array_new_with_free_func (g_free);
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
      g_ptr_array_unref (texts->problems);
      g_ptr_array_unref (texts->damaged);
      g_free (texts->problem);
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
      _wd_quote_words_init (&t->latest, t->latest_text, strlen (t->latest_text));
      _wd_quote_words_index (&t->latest);
      t->has_latest = TRUE;
    }
  if (baseline != NULL && g_strcmp0 (baseline, latest) != 0)
    {
      t->baseline_text = g_utf8_make_valid (baseline, -1);
      _wd_quote_words_init (&t->baseline, t->baseline_text, strlen (t->baseline_text));
      _wd_quote_words_index (&t->baseline);
      t->has_baseline = TRUE;
    }
  g_hash_table_replace (texts->by_id, g_strdup (source_id), t);
}

/* @problem, a record of @source_id (or of no source) that cannot be read. */
static void
add_problem (WdQuoteTexts *texts,
             const char   *source_id,
             char         *problem)
{
  g_ptr_array_add (texts->problems, problem);
  if (source_id != NULL && !g_ptr_array_find_with_equal_func (texts->damaged, source_id, g_str_equal, NULL))
    g_ptr_array_add (texts->damaged, g_strdup (source_id));
}

void
wd_quote_texts_add_unreadable (WdQuoteTexts *texts,
                               const char   *source_id,
                               const char   *problem)
{
  SourceText *t;

  g_return_if_fail (texts != NULL);
  g_return_if_fail (problem != NULL);

  add_problem (texts, source_id, g_strdup (problem));
  if (source_id == NULL)
    {
      g_free (texts->problem);
      texts->problem = g_strdup (problem);
      return;
    }
  t = g_new0 (SourceText, 1);
  t->problem = g_strdup (problem);
  g_hash_table_replace (texts->by_id, g_strdup (source_id), t);
}

GPtrArray *
wd_quote_texts_get_problems (WdQuoteTexts *texts)
{
  g_return_val_if_fail (texts != NULL, NULL);
  return texts->problems;
}

GPtrArray *
wd_quote_texts_get_damaged_sources (WdQuoteTexts *texts)
{
  g_return_val_if_fail (texts != NULL, NULL);
  return texts->damaged;
}

WdQuoteTexts *
wd_quote_texts_from_package (WdEvidencePackage *package,
                             WdArticle         *article,
                             GError           **error)
{
  g_autoptr(GPtrArray) ids = g_ptr_array_new ();

  g_return_val_if_fail (WD_IS_EVIDENCE_PACKAGE (package), NULL);
  g_return_val_if_fail (WD_IS_ARTICLE (article), NULL);

  for (guint i = 0; i < wd_article_get_n_sources (article); i++)
    g_ptr_array_add (ids, (gpointer) wd_source_get_id (wd_article_get_source (article, i)));
  g_ptr_array_add (ids, NULL);
  return wd_quote_texts_from_package_ids (package, (const char * const *) ids->pdata, error);
}

/* The capture's visible text: "" for a page with none (a page made by
 * scripts); NULL with @problem set when its record cannot be read. */
static char *
read_text (WdEvidencePackage  *package,
           const WdCapture    *capture,
           char              **problem)
{
  g_autoptr(GError) error = NULL;
  char *text = wd_evidence_package_read_text (package, capture, &error);

  if (text != NULL)
    return text;
  if (error == NULL)
    return g_strdup ("");
  *problem = g_strdup_printf (_("%s: the text of the capture %s (%s) cannot be read: %s"),
                              wd_evidence_package_get_path (package), capture->record_id,
                              capture->url, error->message);
  return NULL;
}

WdQuoteTexts *
wd_quote_texts_from_package_ids (WdEvidencePackage  *package,
                                 const char * const *ids,
                                 GError            **error)
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
      g_autofree char *problem = NULL;

      if (latest == NULL)
        continue;
      /* One damaged record costs its source alone. */
      latest_text = read_text (package, latest, &problem);
      if (latest_text == NULL)
        {
          wd_quote_texts_add_unreadable (texts, id, problem);
          continue;
        }
      if (baseline != latest)
        {
          /* Without its baseline the source is still checked against
           * its latest capture; the damage is still reported. */
          baseline_text = read_text (package, baseline, &problem);
          if (baseline_text == NULL)
            add_problem (texts, id, g_steal_pointer (&problem));
        }
      wd_quote_texts_add (texts, id, latest_text, baseline_text);
    }

  return g_steal_pointer (&texts);
}

/* ---------------------------------------------------------------- check */

/* The best match of a quotation in some texts: how, where, the words. */
typedef struct
{
  WdQuoteMatchKind  kind;
  const char       *in;     /* the source id */
  char             *text;   /* the source's words, as written */
} Found;

/* Looks for @quote in the texts of @ids (their latest or baseline). */
static void
search (WdQuoteTexts       *texts,
        const char * const *ids,
        guint               n_ids,
        gboolean            baseline,
        WdQuote            *quote,
        WdQuoteWords       *q,
        GArray             *parts,
        Found              *found)
{
  found->kind = WD_QUOTE_MATCH_NONE;
  for (guint i = 0; i < n_ids && found->kind != WD_QUOTE_MATCH_EXACT; i++)
    {
      SourceText *t = g_hash_table_lookup (texts->by_id, ids[i]);
      const WdQuoteWords *s;
      guint first = 0, last = 0;
      WdQuoteMatchKind kind;

      if (t == NULL || !(baseline ? t->has_baseline : t->has_latest))
        continue;
      s = baseline ? &t->baseline : &t->latest;

      /* The fast way first: the quotation as it is. */
      if (parts->len == 1 && strstr (baseline ? t->baseline_text : t->latest_text, quote->text) != NULL)
        kind = WD_QUOTE_MATCH_EXACT, first = last = G_MAXUINT;
      else
        kind = _wd_quote_match_text (s, q, parts, &first, &last);

      if (kind > found->kind)
        {
          found->kind = kind;
          found->in = ids[i];
          g_free (found->text);
          if (first != G_MAXUINT)
            found->text = _wd_quote_span_text (s, first, last);
          else
            found->text = g_strdup (quote->text);
        }
    }
}

/* The first source of @cited with no text to search (never checked, only
 * error pages, or a capture that cannot be read: @problem says why). */
static const char *
unsearched_source (WdQuoteTexts  *texts,
                   GPtrArray     *cited,
                   const char   **problem,
                   gboolean      *any_live)
{
  const char *found = NULL;

  *problem = NULL;
  *any_live = FALSE;
  for (guint i = 0; i < cited->len; i++)
    {
      const char *id = g_ptr_array_index (cited, i);
      SourceText *t = g_hash_table_lookup (texts->by_id, id);
      const char *why = t != NULL ? t->problem : texts->problem;

      if (t != NULL && t->has_latest)
        *any_live = TRUE;
      else if (found == NULL || (why != NULL && *problem == NULL))
        {
          /* A source that cannot be read is the one worth naming. */
          found = id;
          *problem = why;
        }
    }
  return found;
}

static void
judge (WdQuote            *quote,
       const char         *body,
       GPtrArray          *cited,
       const char * const *all_ids,
       WdQuoteTexts       *texts)
{
  WdQuoteWords q = { 0, };
  g_autoptr(GArray) parts = NULL;
  g_autoptr(GPtrArray) others = g_ptr_array_new ();
  Found latest = { 0, }, first = { 0, }, other = { 0, };
  const char *problem = NULL;
  const char *unsearched;
  gboolean any_live = FALSE;

  unsearched = unsearched_source (texts, cited, &problem, &any_live);
  if (!any_live)
    {
      /* Nothing to search: named only when its capture is unreadable. */
      quote->verdict = WD_QUOTE_VERDICT_UNVERIFIABLE;
      quote->source = problem != NULL ? g_strdup (unsearched) : NULL;
      quote->problem = g_strdup (problem);
      return;
    }

  _wd_quote_words_init (&q, quote->text, strlen (quote->text));
  parts = _wd_quote_split_parts (quote->text, &q);

  search (texts, (const char * const *) cited->pdata, cited->len, FALSE, quote, &q, parts, &latest);
  if (latest.kind != WD_QUOTE_MATCH_EXACT)
    search (texts, (const char * const *) cited->pdata, cited->len, TRUE, quote, &q, parts, &first);

  if (latest.kind == WD_QUOTE_MATCH_EXACT)
    {
      quote->verdict = WD_QUOTE_VERDICT_VERIFIED;
      quote->source = g_strdup (latest.in);
    }
  else if (first.kind == WD_QUOTE_MATCH_EXACT ||
           (first.kind == WD_QUOTE_MATCH_NEAR && latest.kind == WD_QUOTE_MATCH_NONE))
    {
      /* What the editor quoted was there: the source changed since, which
       * is no misquotation. Its new words, when it has near ones. */
      quote->verdict = WD_QUOTE_VERDICT_REMOVED;
      quote->source = g_strdup (first.in);
      if (latest.kind == WD_QUOTE_MATCH_NEAR && g_strcmp0 (latest.in, first.in) == 0)
        quote->source_text = g_steal_pointer (&latest.text);
    }
  else if (latest.kind == WD_QUOTE_MATCH_NEAR)
    {
      quote->verdict = WD_QUOTE_VERDICT_ALTERED;
      quote->source = g_strdup (latest.in);
      quote->source_text = g_steal_pointer (&latest.text);
    }
  else if (unsearched != NULL)
    {
      /* Not in the cited sources that have a text: it may be in the one
       * that has none yet (not checked, or unreadable). No error until
       * that can be known. */
      quote->verdict = WD_QUOTE_VERDICT_UNVERIFIABLE;
      quote->source = g_strdup (unsearched);
      quote->problem = g_strdup (problem);
    }
  else
    {
      for (guint i = 0; all_ids != NULL && all_ids[i] != NULL; i++)
        if (!g_ptr_array_find_with_equal_func (cited, all_ids[i], g_str_equal, NULL))
          g_ptr_array_add (others, (gpointer) all_ids[i]);

      search (texts, (const char * const *) others->pdata, others->len, FALSE, quote, &q, parts, &other);
      if (other.kind != WD_QUOTE_MATCH_NONE)
        {
          quote->verdict = WD_QUOTE_VERDICT_IN_OTHER_SOURCE;
          quote->source = g_strdup (other.in);
          quote->source_text = g_steal_pointer (&other.text);
        }
      else
        {
          quote->verdict = WD_QUOTE_VERDICT_NOT_FOUND;
          quote->source = g_strdup (cited->len > 0 ? g_ptr_array_index (cited, 0) : NULL);
        }
    }

  g_free (latest.text);
  g_free (first.text);
  g_free (other.text);
  _wd_quote_words_clear (&q);
}

GPtrArray *
wd_quotes_check (const char         *body,
                 const char * const *source_ids,
                 WdQuoteTexts       *texts)
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

#define G_LOG_DOMAIN "wd-quotes"

#include "config.h"

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
} SourceText;

struct _WdQuoteTexts
{
  gatomicrefcount  ref;
  GHashTable      *by_id;   /* source id → SourceText */
};

static void
source_text_free (SourceText *t)
{
  _wd_quote_words_clear (&t->latest);
  _wd_quote_words_clear (&t->baseline);
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

/* The capture's visible text, "" when it has none. */
static char *
read_text (WdEvidencePackage  *package,
           const WdCapture    *capture,
           GError            **error)
{
  g_autoptr(GError) local = NULL;
  char *text = wd_evidence_package_read_text (package, capture, &local);

  if (text == NULL && local == NULL)
    return g_strdup ("");
  if (local != NULL)
    g_propagate_error (error, g_steal_pointer (&local));
  return text;
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

      if (latest == NULL)
        continue;
      /* A page with no visible text (made by its scripts) is a capture
       * of an empty text, not a failure. */
      latest_text = read_text (package, latest, error);
      if (latest_text == NULL)
        return NULL;
      if (baseline != latest)
        {
          baseline_text = read_text (package, baseline, error);
          if (baseline_text == NULL)
            return NULL;
        }
      wd_quote_texts_add (texts, id, latest_text, baseline_text);
    }

  return g_steal_pointer (&texts);
}

/* ---------------------------------------------------------------- check */

/* Looks for @quote in the texts of @ids: the best match, and where. */
static WdQuoteMatchKind
search (WdQuoteTexts       *texts,
        const char * const *ids,
        guint               n_ids,
        gboolean            baseline,
        WdQuote            *quote,
        WdQuoteWords       *q,
        GArray             *parts,
        const char        **found_in,
        char              **found_text)
{
  WdQuoteMatchKind best = WD_QUOTE_MATCH_NONE;

  for (guint i = 0; i < n_ids && best != WD_QUOTE_MATCH_EXACT; i++)
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

      if (kind > best)
        {
          best = kind;
          *found_in = ids[i];
          g_clear_pointer (found_text, g_free);
          if (first != G_MAXUINT)
            *found_text = _wd_quote_span_text (s, first, last);
          else
            *found_text = g_strdup (quote->text);
        }
    }
  return best;
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
  g_autofree char *found_text = NULL;
  const char *found_in = NULL;
  gboolean any_live = FALSE;
  WdQuoteMatchKind kind;

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

  _wd_quote_words_init (&q, quote->text, strlen (quote->text));
  parts = _wd_quote_split_parts (quote->text, &q);

  kind = search (texts, (const char * const *) cited->pdata, cited->len, FALSE,
                 quote, &q, parts, &found_in, &found_text);
  if (kind == WD_QUOTE_MATCH_EXACT)
    quote->verdict = WD_QUOTE_VERDICT_VERIFIED;
  else if (kind == WD_QUOTE_MATCH_NEAR)
    quote->verdict = WD_QUOTE_VERDICT_ALTERED;
  else if (search (texts, (const char * const *) cited->pdata, cited->len, TRUE,
                   quote, &q, parts, &found_in, &found_text) != WD_QUOTE_MATCH_NONE)
    quote->verdict = WD_QUOTE_VERDICT_REMOVED;
  else
    {
      for (guint i = 0; all_ids != NULL && all_ids[i] != NULL; i++)
        if (!g_ptr_array_find_with_equal_func (cited, all_ids[i], g_str_equal, NULL))
          g_ptr_array_add (others, (gpointer) all_ids[i]);

      if (search (texts, (const char * const *) others->pdata, others->len, FALSE,
                  quote, &q, parts, &found_in, &found_text) != WD_QUOTE_MATCH_NONE)
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

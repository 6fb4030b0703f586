/* Fuzz harness: citations, the date timeline and the audit of an article
 * whose body is the input. Every range a finding, a citation, a paragraph
 * or a date gives lies inside the body, in order; removing and inserting
 * citations does what it says; the PROV export is JSON. */
#include "config.h"

#include <json-glib/json-glib.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "wiredesk-core.h"
#include "wd-source-private.h"

/* abort(), not g_error(): libFuzzer saves the input on SIGABRT. */
#define FUZZ_FAIL(...) (fprintf (stderr, __VA_ARGS__), fputc (10, stderr), abort ())

int LLVMFuzzerTestOneInput (const guint8 *data, size_t size);

static WdArticle *
make_article (const char *body)
{
  static const char * const urls[] = {
    "https://www.reuters.com/a", "https://t.me/x/1", "https://en.wikipedia.org/wiki/X",
  };
  static const char * const ids[] = { "a", "b", "c" };
  WdArticle *article = wd_article_new ();

  wd_article_set_headline (article, "Fuzzed");
  wd_article_set_dateline (article, "PARIS, 20 May 2026");
  wd_article_set_body (article, body);

  for (guint i = 0; i < G_N_ELEMENTS (urls); i++)
    {
      g_autoptr(WdSource) source = wd_source_new (urls[i]);
      g_autoptr(WdCheckResult) check = wd_check_result_new (i == 0 ? WD_CHECK_STATUS_REDIRECTED
                                                                   : WD_CHECK_STATUS_OK);

      _wd_source_set_id (source, ids[i]);
      wd_check_result_set_text (check, "checked-at", "2026-05-20T10:00:00Z");
      wd_check_result_set_text (check, "final-url", urls[(i + 1) % G_N_ELEMENTS (urls)]);
      wd_check_result_set_text (check, "published", i == 2 ? "May 21, 2026" : "2026-05-19");
      wd_source_set_check (source, check);
      wd_article_insert_source (article, G_MAXUINT, source, NULL);
    }

  return article;
}

static void
check_scan (const char *body)
{
  g_autoptr(GArray) paragraphs = NULL;
  g_autoptr(GArray) citations = NULL;
  g_autoptr(GArray) dates = NULL;
  g_autoptr(GArray) conflicts = NULL;
  gsize len = strlen (body);
  gsize last = 0;

  wd_citations_scan (body, &paragraphs, &citations);

  for (guint i = 0; i < paragraphs->len; i++)
    {
      const WdParagraph *p = &g_array_index (paragraphs, WdParagraph, i);

      if (p->start > p->end || p->end > len || (i > 0 && p->start <= last) || p->index != i)
        FUZZ_FAIL ("paragraph %u out of place: %zu-%zu", i, p->start, p->end);
      last = p->end;
    }

  last = 0;
  for (guint i = 0; i < citations->len; i++)
    {
      const WdCitation *c = &g_array_index (citations, WdCitation, i);
      g_autofree char *marker = NULL;

      if (c->start < last || c->end > len || c->end - c->start != strlen (c->source_id) + 3)
        FUZZ_FAIL ("citation %u out of place", i);
      marker = wd_citations_format_marker (c->source_id);
      if (strncmp (body + c->start, marker, c->end - c->start) != 0)
        FUZZ_FAIL ("citation %u is not its marker", i);
      if (c->paragraph != G_MAXUINT &&
          (c->paragraph >= paragraphs->len ||
           c->start < g_array_index (paragraphs, WdParagraph, c->paragraph).start ||
           c->end > g_array_index (paragraphs, WdParagraph, c->paragraph).end))
        FUZZ_FAIL ("citation %u outside its paragraph", i);
      last = c->end;
    }

  dates = wd_dates_scan (body, -1, 2026);
  last = 0;
  for (guint i = 0; i < dates->len; i++)
    {
      const WdDateMention *m = &g_array_index (dates, WdDateMention, i);

      if (m->start < last || m->start >= m->end || m->end > len || m->sentence > m->start ||
          (m->day != 0 && !g_date_valid_dmy (m->day, m->month, m->year)))
        FUZZ_FAIL ("date %u out of place or invalid", i);
      last = m->end;
    }
  conflicts = wd_dates_find_conflicts (dates, 31);
  for (guint i = 0; i < conflicts->len; i++)
    {
      const WdDateConflict *c = &g_array_index (conflicts, WdDateConflict, i);

      if (c->claim >= dates->len || c->earlier >= dates->len ||
          wd_date_mention_julian (&g_array_index (dates, WdDateMention, c->earlier)) >=
          wd_date_mention_julian (&g_array_index (dates, WdDateMention, c->claim)))
        FUZZ_FAIL ("conflict %u is no conflict", i);
    }
}

static void
check_editing (const char *body)
{
  gsize len = strlen (body);
  gsize at = len / 2;
  guint before = wd_citations_count_source (body, "c");
  guint removed = 0;
  g_autofree char *without = wd_citations_remove_source (body, "a", &removed);
  g_autofree char *with = NULL;
  gsize marker = 0;
  guint after;

  if (removed < wd_citations_count_source (body, "a") || wd_citations_count_source (without, "a") != 0)
    FUZZ_FAIL ("removing the citations of a source left some");

  while (at > 0 && ((guchar) body[at] & 0xc0) == 0x80)
    at--;
  with = wd_citations_insert (body, at, "c", &marker);
  if (with == NULL)
    return;     /* code, a fence line, a backtick run, an escape: refused */
  after = wd_citations_count_source (with, "c");
  if (strncmp (with + marker, "[^c]", 4) != 0 ||
      (strlen (with) == len ? after != before : after != before + 1))
    FUZZ_FAIL ("inserting a citation at %zu did not cite the source there", at);
}

int
LLVMFuzzerTestOneInput (const guint8 *data,
                        size_t        size)
{
  g_autofree char *body = NULL;
  g_autoptr(WdArticle) article = NULL;
  g_autoptr(WdAudit) audit = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_utc (2026, 5, 25, 12, 0, 0);
  g_autoptr(GBytes) prov = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autofree char *footnotes = NULL;
  GListModel *findings;
  gsize len;

  /* The model holds UTF-8 text without NULs, as every loader ensures. */
  if (!g_utf8_validate_len ((const char *) data, size, NULL) || memchr (data, 0, size) != NULL)
    return 0;

  body = g_strndup ((const char *) data, size);
  len = strlen (body);
  check_scan (body);
  check_editing (body);

  article = make_article (body);
  audit = wd_audit_new ();
  wd_audit_set_now (audit, now);
  findings = wd_audit_run (audit, article);

  for (guint i = 0; i < g_list_model_get_n_items (findings); i++)
    {
      g_autoptr(WdFinding) f = g_list_model_get_item (findings, i);
      gsize start, end;

      if (wd_finding_get_range (f, &start, &end) && (start > end || end > len))
        FUZZ_FAIL ("%s points outside the body", wd_finding_get_code_nick (f));
      if (!g_utf8_validate (wd_finding_get_message (f), -1, NULL))
        FUZZ_FAIL ("%s message is not UTF-8", wd_finding_get_code_nick (f));
    }

  footnotes = wd_citations_to_footnotes (body, article);
  if (!g_utf8_validate (footnotes, -1, NULL))
    FUZZ_FAIL ("footnotes are not UTF-8");

  prov = wd_export_prov (article);
  if (!json_parser_load_from_data (parser, g_bytes_get_data (prov, NULL), g_bytes_get_size (prov), NULL))
    FUZZ_FAIL ("PROV is not JSON");

  return 0;
}

/* wd-bench-doc.h: large generated articles shared by the benchmarks. */
#pragma once

#include "wiredesk-core.h"

G_BEGIN_DECLS

typedef struct
{
  guint     paragraphs;   /* body paragraphs, a "## " heading every 50 */
  guint     sources;      /* each with a full check result */
  /* Also what the audit looks at: citations in most paragraphs (every
   * 20th uncited), dates and a few "first reported" claims, unchecked
   * (every 10th) and dead (every 50th) sources. */
  gboolean  provenance;
} WdBenchDocOptions;

WdArticle *wd_bench_doc_new      (const WdBenchDocOptions *options);

/* Saves @article as a .wiredesk file and says how large it is. */
void       wd_bench_doc_write    (WdArticle               *article,
                                  const char              *path);

/* The median of @values (sorted in place). */
double     wd_bench_median       (double                  *values,
                                  guint                    n);

/* The quotation benchmarks' sources: @n texts of @words words from a
 * small vocabulary, a full stop every 17 words (transfer full). */
GPtrArray *wd_bench_quote_sources (GRand                  *rand,
                                   guint                   n,
                                   guint                   words);
/* A body of about @bytes: paragraphs of filler each citing one of the
 * sources (its id in @ids, a NULL-terminated list as long as @sources),
 * every few with a ten-word quotation cut from it (one in five with a
 * word added, one in ten invented), at most @quotes of them. */
char      *wd_bench_quote_body    (GRand                  *rand,
                                   GPtrArray              *sources,
                                   const char * const     *ids,
                                   gsize                   bytes,
                                   guint                   quotes,
                                   guint                  *written);

/* Runs the default main context for @ms milliseconds. */
void       wd_bench_spin         (guint                    ms);

G_END_DECLS

/* bench-html-visible: the page reader (wd_html_meta_parse) on the hostile
 * markup of tests/test-html-visible.c, each part alone, at 1×, 2× and 4×
 * its size in the same run: the time of 4× over the time of 1× says
 * whether a part costs its length (≈4) or more (≈16 when quadratic).
 *
 *   bench-html-visible [ROUNDS] [SCALE] [PART]
 *
 * SCALE divides the test's sizes (default 1: the test's own page is the
 * 1× of "all"); under AddressSanitizer, where a quadratic part takes
 * minutes, `bench-html-visible 3 8` runs the same shapes at an eighth.
 * PART runs one part only (its first word: comments, declarations,
 * nesting, hidden, empty, title, all). Rounds are interleaved (1×, 2×, 4×, 1×, …) and
 * medians are printed.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "wd-bench-doc.h"
#include "wd-html-meta.h"

typedef struct
{
  const char *name;
  const char *what;
  void      (*build) (GString *page, guint n);
  guint       n;     /* repetitions at 1×, scale 1 */
} Part;

/* A style attribute of "color:red;/\*x*\/(" repeated: a comment and an
 * unclosed bracket each time (3.2 MB at 1×). */
static void
build_comments (GString *page,
                guint    n)
{
  g_string_append (page, "<p style='");
  for (guint i = 0; i < n; i++)
    g_string_append (page, "color:red;/*x*/(");
  g_string_append (page, "'>Unclosed bracket, still shown.</p>");
}

/* A style attribute of many declarations, the last one hiding (0.9 MB). */
static void
build_declarations (GString *page,
                    guint    n)
{
  g_string_append (page, "<p style='");
  for (guint i = 0; i < n; i++)
    g_string_append (page, "margin:0;");
  g_string_append (page, "display:none'>Hidden after a long style.</p>");
}

/* Elements nested past the reader's stack. */
static void
build_nesting (GString *page,
               guint    n)
{
  for (guint i = 0; i < n; i++)
    g_string_append (page, "<div>");
  g_string_append (page, "<p hidden>Hidden deep down.</p><p>Shown deep down.</p>");
  for (guint i = 0; i < n; i++)
    g_string_append (page, "</div>");
}

static void
build_spans (GString *page,
             guint    n)
{
  for (guint i = 0; i < n; i++)
    g_string_append (page, "<span hidden>x</span>");
}

/* Empty blocks and line breaks (tests/test-html-visible.c's
 * hostile/breaks): three elements a repetition, nothing else. */
static void
build_empty_blocks (GString *page,
                    guint    n)
{
  for (guint i = 0; i < n; i++)
    g_string_append (page, "<p></p><br>\n<div> </div>");
}

/* A title of many parts ("a | a | …"): the site's name is looked for
 * after its separators (wd-page-rules.c). */
static void
build_title (GString *page,
             guint    n)
{
  g_string_append (page, "<title>");
  for (guint i = 0; i < n; i++)
    g_string_append (page, "a | ");
  g_string_append (page, "Site</title>");
}

/* The test's page: every part above but the empty blocks and the title. */
static void
build_all (GString *page,
           guint    n)
{
  build_comments (page, n);
  build_declarations (page, n / 2);
  build_nesting (page, n * 3 / 200);
  build_spans (page, n / 10);
}

static const Part parts[] = {
  { "comments", "style: \"color:red;/*x*/(\" × n", build_comments, 200000 },
  { "declarations", "style: \"margin:0;\" × n", build_declarations, 100000 },
  { "nesting", "<div> nested n deep", build_nesting, 3000 },
  { "hidden spans", "<span hidden>x</span> × n", build_spans, 20000 },
  { "empty blocks", "\"<p></p><br>\\n<div> </div>\" × n", build_empty_blocks, 300000 },
  { "title", "a title of n parts apart by bars", build_title, 16000 },
  { "all", "the test's hostile page", build_all, 200000 },
};

static GString *
make_page (const Part *part,
           guint       n)
{
  GString *page = g_string_new ("<html><body><p>Start.</p>");

  part->build (page, n);
  g_string_append (page, "<p>End.</p></body></html>");
  return page;
}

static double
time_read (const GString *page)
{
  gint64 start = g_get_monotonic_time ();
  WdHtmlMeta *meta = wd_html_meta_parse ((const guint8 *) page->str, page->len, "text/html",
                                         NULL, NULL);
  double ms = (g_get_monotonic_time () - start) / 1000.0;

  /* Not "End.": the reader keeps the first 4 MB of a text, and 4× the
   * empty blocks are past that in the fingerprint's text. */
  if (meta->text == NULL || !g_str_has_prefix (meta->text, "Start."))
    g_error ("the page was not read");
  wd_html_meta_free (meta);
  return ms;
}

int
main (int   argc,
      char *argv[])
{
  guint rounds = argc > 1 ? (guint) atoi (argv[1]) : 5;
  guint scale = argc > 2 ? (guint) atoi (argv[2]) : 1;
  const char *only = argc > 3 ? argv[3] : NULL;

  if (rounds == 0 || scale == 0)
    {
      fprintf (stderr, "usage: bench-html-visible [ROUNDS] [SCALE] [PART]\n");
      return 2;
    }

  printf ("| part | n at 1× | size at 1× | 1× (ms) | 2× (ms) | 4× (ms) | 4× ÷ 1× |\n");
  printf ("|---|---|---|---|---|---|---|\n");
  for (guint p = 0; p < G_N_ELEMENTS (parts); p++)
    {
      const Part *part = &parts[p];
      guint n = MAX (part->n / scale, 1);
      GString *pages[3];
      g_autofree double *times = g_new (double, 3 * rounds);
      double median[3];

      if (only != NULL && !g_str_has_prefix (part->name, only))
        continue;
      for (guint k = 0; k < 3; k++)
        pages[k] = make_page (part, n << k);
      for (guint r = 0; r < rounds; r++)
        for (guint k = 0; k < 3; k++)
          times[k * rounds + r] = time_read (pages[k]);
      for (guint k = 0; k < 3; k++)
        median[k] = wd_bench_median (times + k * rounds, rounds);

      printf ("| %s (%s) | %u | %.2f MB | %.1f | %.1f | %.1f | %.1f |\n", part->name, part->what,
              n, pages[0]->len / 1e6, median[0], median[1], median[2], median[2] / median[0]);
      fflush (stdout);
      for (guint k = 0; k < 3; k++)
        g_string_free (pages[k], TRUE);
    }
  return 0;
}

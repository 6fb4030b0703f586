/* The provenance audit: every finding on a document made to show it, and
 * its absence on one that does not; the shared example; the model. */
#include "config.h"

#include <string.h>

#include "wiredesk-core.h"
#include "wd-source-private.h"
#include "wd-test-util.h"

#define NOW "2026-11-24T12:00:00Z"

/* ------------------------------------------------------------- helpers */

static WdSource *
add_source (WdArticle    *article,
            const char   *id,
            const char   *url,
            WdSourceKind  kind)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(WdSource) source = NULL;
  g_autofree char *normalized = wd_url_normalize (url, &error);

  g_assert_no_error (error);
  source = wd_source_new (normalized);
  _wd_source_set_id (source, id);
  wd_source_set_kind (source, kind);
  g_assert_true (wd_article_insert_source (article, G_MAXUINT, source, &error));
  g_assert_no_error (error);

  return source;
}

/* A check like the checker stores: replaced as a whole. */
static void
set_check (WdSource      *source,
           WdCheckStatus  status,
           guint          http_status,
           const char    *checked_at,
           const char    *final_url,
           const char    *canonical)
{
  g_autoptr(WdCheckResult) check = wd_check_result_new (status);

  wd_check_result_set_http_status (check, http_status);
  wd_check_result_set_text (check, "checked-at", checked_at);
  wd_check_result_set_text (check, "final-url", final_url);
  wd_check_result_set_text (check, "canonical", canonical);
  wd_check_result_set_text (check, "content-sha256", "aaaa");
  wd_source_set_check (source, check);
}

static void
set_check_text (WdSource   *source,
                const char *field,
                const char *value)
{
  g_autoptr(WdCheckResult) check = wd_check_result_copy (wd_source_get_check (source));

  wd_check_result_set_text (check, field, value);
  wd_source_set_check (source, check);
}

/* Three independent sources, one of them wire, all checked yesterday,
 * every paragraph cited: nothing to find. */
static WdArticle *
clean_article (void)
{
  WdArticle *article = wd_article_new ();
  const char *urls[] = {
    "https://www.reuters.com/world/ferries-2026",
    "https://www.bbc.co.uk/news/ferries",
    "https://t.me/kesselfish/4417",
  };
  const WdSourceKind kinds[] = { WD_SOURCE_KIND_WIRE, WD_SOURCE_KIND_NEWS, WD_SOURCE_KIND_SOCIAL };

  wd_article_set_headline (article, "Night ferries halted");
  wd_article_set_dateline (article, "PORT ELLERY, 3 November 2026");
  wd_article_set_byline (article, "Ada Desk");
  wd_article_set_body (article,
                       "## What happened\n\n"
                       "Night ferries stopped on 3 November 2026.[^s0][^s1]\n\n"
                       "A shuttle runs through the day.[^s2]");

  for (guint i = 0; i < G_N_ELEMENTS (urls); i++)
    {
      g_autofree char *id = g_strdup_printf ("s%u", i);
      WdSource *source = add_source (article, id, urls[i], kinds[i]);

      set_check (source, WD_CHECK_STATUS_OK, 200, "2026-11-23T12:00:00Z", urls[i], NULL);
      wd_source_set_baseline (source, "A title", "aaaa");
    }

  return article;
}

static WdAudit *
new_audit (void)
{
  WdAudit *audit = wd_audit_new ();
  g_autoptr(GDateTime) now = g_date_time_new_from_iso8601 (NOW, NULL);

  wd_audit_set_now (audit, now);
  return audit;
}

static guint
count_code (GListModel *findings,
            const char *code)
{
  guint n = 0;

  for (guint i = 0; i < g_list_model_get_n_items (findings); i++)
    {
      g_autoptr(WdFinding) f = g_list_model_get_item (findings, i);

      n += g_str_equal (wd_finding_get_code_nick (f), code);
    }

  return n;
}

/* The first finding with @code (about @source_id, when given). */
static WdFinding *
find (GListModel *findings,
      const char *code,
      const char *source_id)
{
  for (guint i = 0; i < g_list_model_get_n_items (findings); i++)
    {
      g_autoptr(WdFinding) f = g_list_model_get_item (findings, i);

      if (g_str_equal (wd_finding_get_code_nick (f), code) &&
          (source_id == NULL || g_strcmp0 (wd_finding_get_source_id (f), source_id) == 0))
        return f;   /* the model keeps it alive */
    }

  return NULL;
}

static char *
range_text (WdArticle *article,
            WdFinding *finding)
{
  gsize start, end;

  g_assert_true (wd_finding_get_range (finding, &start, &end));
  return g_strndup (wd_article_get_body (article) + start, end - start);
}

static void
dump (GListModel *findings)
{
  for (guint i = 0; i < g_list_model_get_n_items (findings); i++)
    {
      g_autoptr(WdFinding) f = g_list_model_get_item (findings, i);

      g_test_message ("  %s: %s", wd_finding_get_code_nick (f), wd_finding_get_message (f));
    }
}

/* --------------------------------------------------------------- tests */

static void
test_audit_clean (void)
{
  g_autoptr(WdArticle) article = clean_article ();
  g_autoptr(WdAudit) audit = new_audit ();
  g_autofree char *summary = NULL;
  GListModel *findings = wd_audit_run (audit, article);

  dump (findings);
  g_assert_true (findings == wd_audit_get_findings (audit));
  g_assert_cmpuint (g_list_model_get_n_items (findings), ==, 0);
  g_assert_cmpuint (wd_audit_get_n_errors (audit) + wd_audit_get_n_warnings (audit) +
                    wd_audit_get_n_infos (audit), ==, 0);
  summary = wd_audit_dup_summary (audit);
  g_assert_cmpstr (summary, ==, "No problems found");
}

static void
test_audit_unchecked (void)
{
  g_autoptr(WdArticle) article = clean_article ();
  g_autoptr(WdAudit) audit = new_audit ();
  GListModel *findings;
  WdFinding *f;

  add_source (article, "s3", "https://apnews.com/article/ferries", WD_SOURCE_KIND_WIRE);
  wd_article_set_body (article, "Ferries stopped.[^s0][^s1][^s2][^s3]");
  findings = wd_audit_run (audit, article);

  g_assert_cmpuint (count_code (findings, "unchecked"), ==, 1);
  f = find (findings, "unchecked", "s3");
  g_assert_nonnull (f);
  g_assert_cmpint (wd_finding_get_severity (f), ==, WD_FINDING_SEVERITY_WARNING);
  g_assert_cmpint (wd_finding_get_paragraph (f), ==, -1);
  g_assert_false (wd_finding_get_range (f, NULL, NULL));
  g_assert_nonnull (strstr (wd_finding_get_message (f), "https://apnews.com/article/ferries"));
  /* an unchecked source is not also stale */
  g_assert_cmpuint (count_code (findings, "stale-check"), ==, 0);
}

static void
test_audit_stale (void)
{
  g_autoptr(WdArticle) article = clean_article ();
  g_autoptr(WdAudit) audit = new_audit ();
  WdSource *s0 = wd_article_get_source (article, 0);
  GListModel *findings;
  WdFinding *f;

  set_check_text (s0, "checked-at", "2026-10-15T12:00:00Z");   /* 40 days before NOW */
  findings = wd_audit_run (audit, article);
  g_assert_cmpuint (count_code (findings, "stale-check"), ==, 1);
  f = find (findings, "stale-check", "s0");
  g_assert_nonnull (f);
  g_assert_cmpint (wd_finding_get_severity (f), ==, WD_FINDING_SEVERITY_INFO);
  g_assert_nonnull (strstr (wd_finding_get_message (f), "40 days"));

  /* the setting */
  wd_audit_set_stale_days (audit, 45);
  findings = wd_audit_run (audit, article);
  g_assert_cmpuint (count_code (findings, "stale-check"), ==, 0);
  wd_audit_set_stale_days (audit, 10);
  set_check_text (s0, "checked-at", "2026-11-04T12:00:00Z");   /* 20 days */
  findings = wd_audit_run (audit, article);
  g_assert_cmpuint (count_code (findings, "stale-check"), ==, 1);

  /* the edge: exactly the setting's number of days is not stale yet,
   * a day more is */
  wd_audit_set_stale_days (audit, 20);
  findings = wd_audit_run (audit, article);
  g_assert_cmpuint (count_code (findings, "stale-check"), ==, 0);
  wd_audit_set_stale_days (audit, 19);
  findings = wd_audit_run (audit, article);
  g_assert_cmpuint (count_code (findings, "stale-check"), ==, 1);

  /* a check time that cannot be read is reported, not ignored */
  set_check_text (s0, "checked-at", NULL);
  findings = wd_audit_run (audit, article);
  g_assert_nonnull (find (findings, "stale-check", "s0"));
}

static void
test_audit_broken (void)
{
  g_autoptr(WdArticle) article = clean_article ();
  g_autoptr(WdAudit) audit = new_audit ();
  WdSource *s0 = wd_article_get_source (article, 0);
  WdSource *s1 = wd_article_get_source (article, 1);
  GListModel *findings;
  WdFinding *f;

  set_check (s0, WD_CHECK_STATUS_NOT_FOUND, 404, "2026-11-23T12:00:00Z", NULL, NULL);
  set_check (s1, WD_CHECK_STATUS_TIMEOUT, 0, "2026-11-23T12:00:00Z", NULL, NULL);
  findings = wd_audit_run (audit, article);
  dump (findings);

  f = find (findings, "broken-source", "s0");
  g_assert_nonnull (f);
  g_assert_cmpint (wd_finding_get_severity (f), ==, WD_FINDING_SEVERITY_ERROR);
  g_assert_nonnull (strstr (wd_finding_get_message (f), "HTTP 404"));
  /* a slow site may be back tomorrow: a warning */
  f = find (findings, "broken-source", "s1");
  g_assert_nonnull (f);
  g_assert_cmpint (wd_finding_get_severity (f), ==, WD_FINDING_SEVERITY_WARNING);
  g_assert_null (find (findings, "broken-source", "s2"));
  g_assert_cmpuint (wd_audit_get_n_errors (audit), ==, 1);

  /* a dead page supports nothing: the wire source no longer counts */
  g_assert_nonnull (find (findings, "few-independent-sources", NULL));
  g_assert_nonnull (find (findings, "no-primary-source", NULL));

  /* a page that says it is missing, served as 200 OK, is as dead as a
   * 404: an error, and it supports nothing */
  set_check (s0, WD_CHECK_STATUS_SOFT_NOT_FOUND, 200, "2026-11-23T12:00:00Z", NULL, NULL);
  findings = wd_audit_run (audit, article);
  f = find (findings, "broken-source", "s0");
  g_assert_nonnull (f);
  g_assert_cmpint (wd_finding_get_severity (f), ==, WD_FINDING_SEVERITY_ERROR);
  g_assert_nonnull (find (findings, "no-primary-source", NULL));

  /* redirected is as good as ok */
  set_check (s0, WD_CHECK_STATUS_REDIRECTED, 200, "2026-11-23T12:00:00Z",
             "https://www.reuters.com/world/ferries-2026", NULL);
  findings = wd_audit_run (audit, article);
  g_assert_null (find (findings, "broken-source", "s0"));
}

static void
test_audit_moved (void)
{
  g_autoptr(WdArticle) article = clean_article ();
  g_autoptr(WdAudit) audit = new_audit ();
  WdSource *s1 = wd_article_get_source (article, 1);
  WdSource *s2 = wd_article_get_source (article, 2);
  GListModel *findings;
  WdFinding *f;

  /* the canonical URL wins over the final one, and is normalised */
  set_check (s1, WD_CHECK_STATUS_REDIRECTED, 200, "2026-11-23T12:00:00Z",
             "https://www.bbc.com/news/ferries-123?at=rss", "https://WWW.BBC.com/news/ferries-123");
  /* without a canonical, the final URL */
  set_check (s2, WD_CHECK_STATUS_REDIRECTED, 200, "2026-11-23T12:00:00Z",
             "https://t.me/s/kesselfish/4417", NULL);
  findings = wd_audit_run (audit, article);

  f = find (findings, "moved-source", "s1");
  g_assert_nonnull (f);
  g_assert_cmpint (wd_finding_get_severity (f), ==, WD_FINDING_SEVERITY_WARNING);
  g_assert_cmpstr (wd_finding_get_replacement (f), ==, "https://www.bbc.com/news/ferries-123");
  f = find (findings, "moved-source", "s2");
  g_assert_nonnull (f);
  g_assert_cmpstr (wd_finding_get_replacement (f), ==, "https://t.me/s/kesselfish/4417");

  /* applying the fix makes the finding go */
  wd_source_set_url (s1, "https://www.bbc.com/news/ferries-123");
  /* a redirect back to the same page (only the fragment differs) is no move */
  set_check (s2, WD_CHECK_STATUS_REDIRECTED, 200, "2026-11-23T12:00:00Z",
             "https://T.ME/kesselfish/4417#top", NULL);
  findings = wd_audit_run (audit, article);
  g_assert_cmpuint (count_code (findings, "moved-source"), ==, 0);

  /* a page that answers ok is not moved, whatever its canonical says */
  set_check (s2, WD_CHECK_STATUS_OK, 200, "2026-11-23T12:00:00Z",
             "https://t.me/kesselfish/4417", "https://t.me/kesselfish/other");
  findings = wd_audit_run (audit, article);
  g_assert_cmpuint (count_code (findings, "moved-source"), ==, 0);
}

static void
test_audit_content_changed (void)
{
  g_autoptr(WdArticle) article = clean_article ();
  g_autoptr(WdAudit) audit = new_audit ();
  WdSource *s2 = wd_article_get_source (article, 2);
  GListModel *findings;
  WdFinding *f;

  set_check_text (s2, "content-sha256", "bbbb");
  findings = wd_audit_run (audit, article);
  g_assert_cmpuint (count_code (findings, "content-changed"), ==, 1);
  f = find (findings, "content-changed", "s2");
  g_assert_nonnull (f);
  g_assert_cmpint (wd_finding_get_severity (f), ==, WD_FINDING_SEVERITY_WARNING);

  /* the same page, whatever the case of its hash */
  set_check_text (s2, "content-sha256", "AAAA");
  findings = wd_audit_run (audit, article);
  g_assert_cmpuint (count_code (findings, "content-changed"), ==, 0);

  /* no baseline yet: nothing to compare with */
  set_check_text (s2, "content-sha256", "bbbb");
  wd_source_set_baseline (s2, NULL, NULL);
  findings = wd_audit_run (audit, article);
  g_assert_cmpuint (count_code (findings, "content-changed"), ==, 0);
}

static void
test_audit_uncited_paragraph (void)
{
  g_autoptr(WdArticle) article = clean_article ();
  g_autoptr(WdAudit) audit = new_audit ();
  g_autofree char *body = g_strconcat (wd_article_get_body (article),
                                       "\n\n## A heading is no paragraph\n\nAn uncited claim.", NULL);
  g_autofree char *text = NULL;
  GListModel *findings;
  WdFinding *f;

  wd_article_set_body (article, body);
  findings = wd_audit_run (audit, article);

  g_assert_cmpuint (count_code (findings, "uncited-paragraph"), ==, 1);
  f = find (findings, "uncited-paragraph", NULL);
  g_assert_cmpint (wd_finding_get_severity (f), ==, WD_FINDING_SEVERITY_WARNING);
  g_assert_cmpint (wd_finding_get_paragraph (f), ==, 2);
  g_assert_null (wd_finding_get_source_id (f));
  text = range_text (article, f);
  g_assert_cmpstr (text, ==, "An uncited claim.");
  g_assert_nonnull (strstr (wd_finding_get_message (f), "Paragraph 3"));
  g_assert_nonnull (strstr (wd_finding_get_message (f), "An uncited claim."));
}

static void
test_audit_unused_source (void)
{
  g_autoptr(WdArticle) article = clean_article ();
  g_autoptr(WdAudit) audit = new_audit ();
  WdSource *extra = add_source (article, "s3", "https://apnews.com/article/x", WD_SOURCE_KIND_WIRE);
  GListModel *findings;
  WdFinding *f;

  set_check (extra, WD_CHECK_STATUS_OK, 200, "2026-11-23T12:00:00Z", NULL, NULL);
  findings = wd_audit_run (audit, article);
  g_assert_cmpuint (count_code (findings, "unused-source"), ==, 1);
  f = find (findings, "unused-source", "s3");
  g_assert_nonnull (f);
  g_assert_cmpint (wd_finding_get_severity (f), ==, WD_FINDING_SEVERITY_INFO);

  /* cited in a heading still counts as used */
  wd_article_set_body (article, "## Agencies[^s3]\n\nText.[^s0][^s1][^s2]");
  findings = wd_audit_run (audit, article);
  g_assert_cmpuint (count_code (findings, "unused-source"), ==, 0);
}

static void
test_audit_duplicate (void)
{
  g_autoptr(WdArticle) article = clean_article ();
  g_autoptr(WdAudit) audit = new_audit ();
  WdSource *tracked = add_source (article, "s3", "https://www.reuters.com/world/ferries-2026?utm_source=x",
                                  WD_SOURCE_KIND_WIRE);
  WdSource *amp = add_source (article, "s4", "https://amp.bbc.co.uk/news/ferries", WD_SOURCE_KIND_NEWS);
  GListModel *findings;
  WdFinding *f;

  wd_article_set_body (article, "Text.[^s0][^s1][^s2][^s3][^s4]");
  /* its redirects end on s0's page */
  set_check (tracked, WD_CHECK_STATUS_REDIRECTED, 200, "2026-11-23T12:00:00Z",
             "https://www.reuters.com/world/ferries-2026", "https://www.reuters.com/world/ferries-2026");
  /* its canonical is s1's page */
  set_check (amp, WD_CHECK_STATUS_OK, 200, "2026-11-23T12:00:00Z",
             "https://amp.bbc.co.uk/news/ferries", "https://www.bbc.co.uk/news/ferries");
  findings = wd_audit_run (audit, article);

  g_assert_cmpuint (count_code (findings, "duplicate-source"), ==, 2);
  f = find (findings, "duplicate-source", "s3");
  g_assert_nonnull (f);
  g_assert_cmpstr (wd_finding_get_related_source_id (f), ==, "s0");
  g_assert_cmpint (wd_finding_get_severity (f), ==, WD_FINDING_SEVERITY_WARNING);
  f = find (findings, "duplicate-source", "s4");
  g_assert_nonnull (f);
  g_assert_cmpstr (wd_finding_get_related_source_id (f), ==, "s1");
  /* the first of a pair is not the duplicate */
  g_assert_null (find (findings, "duplicate-source", "s0"));

  /* different pages on one site are not duplicates */
  set_check (amp, WD_CHECK_STATUS_OK, 200, "2026-11-23T12:00:00Z",
             "https://amp.bbc.co.uk/news/ferries", "https://www.bbc.co.uk/news/ferries-live");
  findings = wd_audit_run (audit, article);
  g_assert_null (find (findings, "duplicate-source", "s4"));
}

static void
test_audit_independence (void)
{
  g_autoptr(WdArticle) article = wd_article_new ();
  g_autoptr(WdAudit) audit = new_audit ();
  const char * const expected[] = { "t.me", "wikipedia.org", NULL };
  const char * const *items;
  GListModel *findings;
  WdFinding *f;

  /* no source at all: an error */
  wd_article_set_body (article, "A claim.");
  findings = wd_audit_run (audit, article);
  f = find (findings, "few-independent-sources", NULL);
  g_assert_nonnull (f);
  g_assert_cmpint (wd_finding_get_severity (f), ==, WD_FINDING_SEVERITY_ERROR);

  /* four posts, two platforms */
  add_source (article, "a", "https://en.wikipedia.org/wiki/A", WD_SOURCE_KIND_REFERENCE);
  add_source (article, "b", "https://de.wikipedia.org/wiki/B", WD_SOURCE_KIND_REFERENCE);
  add_source (article, "c", "https://t.me/one/1", WD_SOURCE_KIND_SOCIAL);
  add_source (article, "d", "https://t.me/two/2", WD_SOURCE_KIND_SOCIAL);
  findings = wd_audit_run (audit, article);
  f = find (findings, "few-independent-sources", NULL);
  g_assert_nonnull (f);
  g_assert_cmpint (wd_finding_get_severity (f), ==, WD_FINDING_SEVERITY_WARNING);
  items = wd_finding_get_items (f);
  g_assert_true (g_strv_equal (items, expected));
  g_assert_nonnull (strstr (wd_finding_get_message (f), "4 sources"));
  g_assert_null (wd_finding_get_source_id (f));

  /* the setting */
  wd_audit_set_min_independent_sources (audit, 2);
  findings = wd_audit_run (audit, article);
  g_assert_null (find (findings, "few-independent-sources", NULL));
  wd_audit_set_min_independent_sources (audit, 3);

  /* hosts the public-suffix list cannot place are their own domain */
  add_source (article, "e", "http://127.0.0.1:8080/statement", WD_SOURCE_KIND_OTHER);
  add_source (article, "f", "http://localhost/x", WD_SOURCE_KIND_OTHER);
  add_source (article, "g", "https://press.ferries.unknowntld/a", WD_SOURCE_KIND_OTHER);
  add_source (article, "h", "https://www.ferries.unknowntld/b", WD_SOURCE_KIND_OTHER);
  add_source (article, "i", "http://[::1]/v6", WD_SOURCE_KIND_OTHER);
  findings = wd_audit_run (audit, article);
  g_assert_null (find (findings, "few-independent-sources", NULL));

  {
    const struct { const char *url, *domain; } domains[] = {
      { "https://news.bbc.co.uk/a", "bbc.co.uk" },
      { "https://en.wikipedia.org/wiki/X", "wikipedia.org" },
      { "https://t.me/x", "t.me" },
      { "http://127.0.0.1:8080/", "127.0.0.1" },
      { "http://localhost/", "localhost" },
      { "https://press.ferries.unknowntld/", "ferries.unknowntld" },
      { "https://user.github.io/", "user.github.io" },
      { "https://example.com./", "example.com" },
    };

    for (guint i = 0; i < G_N_ELEMENTS (domains); i++)
      {
        g_autofree char *domain = wd_url_dup_registrable_domain (domains[i].url);

        g_assert_cmpstr (domain, ==, domains[i].domain);
      }
    g_assert_null (wd_url_dup_registrable_domain ("not a url"));
  }
}

static void
test_audit_primary (void)
{
  g_autoptr(WdArticle) article = clean_article ();
  g_autoptr(WdAudit) audit = new_audit ();
  WdSource *s0 = wd_article_get_source (article, 0);
  GListModel *findings;
  WdFinding *f;

  wd_source_set_kind (s0, WD_SOURCE_KIND_NEWS);
  findings = wd_audit_run (audit, article);
  f = find (findings, "no-primary-source", NULL);
  g_assert_nonnull (f);
  g_assert_cmpint (wd_finding_get_severity (f), ==, WD_FINDING_SEVERITY_WARNING);

  wd_source_set_kind (s0, WD_SOURCE_KIND_OFFICIAL);
  findings = wd_audit_run (audit, article);
  g_assert_null (find (findings, "no-primary-source", NULL));
}

static void
test_audit_published_after (void)
{
  g_autoptr(WdArticle) article = clean_article ();
  g_autoptr(WdAudit) audit = new_audit ();
  WdSource *s1 = wd_article_get_source (article, 1);
  GListModel *findings;
  WdFinding *f;

  /* the article is dated 3 November 2026 */
  set_check_text (s1, "published", "2026-11-05T08:00:00Z");
  findings = wd_audit_run (audit, article);
  f = find (findings, "date-conflict", "s1");
  g_assert_nonnull (f);
  g_assert_cmpint (wd_finding_get_severity (f), ==, WD_FINDING_SEVERITY_ERROR);
  g_assert_nonnull (strstr (wd_finding_get_message (f), "2026-11-05"));

  /* written out, as some pages do */
  set_check_text (s1, "published", "November 4, 2026");
  findings = wd_audit_run (audit, article);
  g_assert_nonnull (find (findings, "date-conflict", "s1"));

  /* late on the 3rd in its own time zone is still the 3rd */
  set_check_text (s1, "published", "2026-11-03T23:30:00-05:00");
  findings = wd_audit_run (audit, article);
  g_assert_cmpuint (count_code (findings, "date-conflict"), ==, 0);

  /* without a dated dateline there is nothing to compare with */
  set_check_text (s1, "published", "2026-11-05T08:00:00Z");
  wd_article_set_dateline (article, "PORT ELLERY");
  findings = wd_audit_run (audit, article);
  g_assert_cmpuint (count_code (findings, "date-conflict"), ==, 0);
}

static void
test_audit_timeline_conflict (void)
{
  g_autoptr(WdArticle) article = clean_article ();
  g_autoptr(WdAudit) audit = new_audit ();
  const char * const expected[] = { "2026-05-20", "2026-05-19", NULL };
  g_autofree char *text = NULL;
  GListModel *findings;
  WdFinding *f;

  wd_article_set_body (article,
                       "On 19 May 2026, TechCrunch confirmed the hire.[^s0]\n\n"
                       "The news, first circulated on 20 May 2026, landed quietly.[^s1][^s2]");
  findings = wd_audit_run (audit, article);
  g_assert_cmpuint (count_code (findings, "date-conflict"), ==, 1);
  f = find (findings, "date-conflict", NULL);
  g_assert_cmpint (wd_finding_get_severity (f), ==, WD_FINDING_SEVERITY_WARNING);
  g_assert_null (wd_finding_get_source_id (f));
  g_assert_cmpint (wd_finding_get_paragraph (f), ==, 1);
  text = range_text (article, f);
  g_assert_cmpstr (text, ==, "20 May 2026");
  g_assert_true (g_strv_equal (wd_finding_get_items (f), expected));
  g_assert_nonnull (strstr (wd_finding_get_message (f), "19 May 2026"));

  /* in the right order, nothing to say */
  wd_article_set_body (article,
                       "On 21 May 2026, TechCrunch confirmed the hire.[^s0]\n\n"
                       "The news, first circulated on 20 May 2026, landed quietly.[^s1][^s2]");
  findings = wd_audit_run (audit, article);
  g_assert_cmpuint (count_code (findings, "date-conflict"), ==, 0);
}

static void
test_audit_unknown_citation (void)
{
  g_autoptr(WdArticle) article = clean_article ();
  g_autoptr(WdAudit) audit = new_audit ();
  g_autofree char *text = NULL;
  GListModel *findings;
  WdFinding *f;

  wd_article_set_body (article, "Cited.[^s0][^s1][^s2]\n\nCites a removed source.[^gone]");
  findings = wd_audit_run (audit, article);
  f = find (findings, "unknown-citation", NULL);
  g_assert_nonnull (f);
  g_assert_cmpint (wd_finding_get_severity (f), ==, WD_FINDING_SEVERITY_ERROR);
  text = range_text (article, f);
  g_assert_cmpstr (text, ==, "[^gone]");
  g_assert_cmpint (wd_finding_get_paragraph (f), ==, 1);
  /* and that paragraph rests on nothing */
  f = find (findings, "uncited-paragraph", NULL);
  g_assert_nonnull (f);
  g_assert_cmpint (wd_finding_get_paragraph (f), ==, 1);

  /* body findings come in text order (the paragraph starts before the
   * citation in it), after the sources' */
  {
    g_autoptr(WdFinding) first = g_list_model_get_item (findings, 0);
    g_autoptr(WdFinding) second = g_list_model_get_item (findings, 1);

    g_assert_cmpuint (g_list_model_get_n_items (findings), ==, 2);
    g_assert_cmpstr (wd_finding_get_code_nick (first), ==, "uncited-paragraph");
    g_assert_cmpstr (wd_finding_get_code_nick (second), ==, "unknown-citation");
  }

  wd_article_set_body (article, "Cited.[^s0][^s1][^s2]");
  findings = wd_audit_run (audit, article);
  g_assert_cmpuint (count_code (findings, "unknown-citation"), ==, 0);
}

/* The own article: eight sources from eight domains, wire and official
 * among them, nothing cited, and a "first" announcement (3 March) a day
 * after the ballot result it mentions two paragraphs up (2 March). */
static void
test_audit_own_article (void)
{
  g_autofree char *path = wd_test_data_path (WD_TEST_ARTICLE);
  const char * const dates[] = { "2026-03-03", "2026-03-02", NULL };
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(WdArticle) article = NULL;
  g_autoptr(WdAudit) audit = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *conflict_text = NULL;
  GListModel *findings;
  WdFinding *f;

  article = wd_import_file (file, WD_IMPORT_FORMAT_AUTO, NULL, NULL, &error);
  g_assert_no_error (error);
  audit = new_audit ();
  findings = wd_audit_run (audit, article);
  dump (findings);

  g_assert_null (find (findings, "few-independent-sources", NULL));
  g_assert_null (find (findings, "no-primary-source", NULL));
  /* eight paragraphs (headings are not paragraphs), none cited */
  g_assert_cmpuint (count_code (findings, "uncited-paragraph"), ==, 8);
  g_assert_cmpuint (count_code (findings, "unused-source"), ==, 8);
  g_assert_cmpuint (count_code (findings, "unchecked"), ==, 8);

  /* 4 March (not a "first") and 5 March (later) make no conflict */
  g_assert_cmpuint (count_code (findings, "date-conflict"), ==, 1);
  f = find (findings, "date-conflict", NULL);
  conflict_text = range_text (article, f);
  g_assert_cmpstr (conflict_text, ==, "3 March 2026");
  g_assert_true (g_strv_equal (wd_finding_get_items (f), dates));
  g_assert_cmpstr (wd_finding_get_message (f), ==,
                   "The text says this first happened on 3 March 2026, but paragraph 1 "
                   "already gives an earlier date, 2 March 2026");
  g_assert_cmpuint (wd_audit_get_n_errors (audit), ==, 0);
}

/* The thin article: five posts on two platforms, no agency, no office. */
static void
test_audit_thin_article (void)
{
  g_autofree char *path = wd_test_data_path (WD_TEST_ARTICLE_THIN);
  const char * const domains[] = { "t.me", "wikipedia.org", NULL };
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(WdArticle) article = NULL;
  g_autoptr(WdAudit) audit = NULL;
  g_autoptr(GError) error = NULL;
  GListModel *findings;
  WdFinding *f;

  article = wd_import_file (file, WD_IMPORT_FORMAT_AUTO, NULL, NULL, &error);
  g_assert_no_error (error);
  audit = new_audit ();
  findings = wd_audit_run (audit, article);

  f = find (findings, "few-independent-sources", NULL);
  g_assert_nonnull (f);
  g_assert_true (g_strv_equal (wd_finding_get_items (f), domains));
  g_assert_nonnull (strstr (wd_finding_get_message (f), "5 sources"));
  g_assert_nonnull (strstr (wd_finding_get_message (f), "2 independent domains"));
  g_assert_nonnull (find (findings, "no-primary-source", NULL));
  g_assert_cmpuint (count_code (findings, "uncited-paragraph"), ==, 4);
  g_assert_cmpuint (count_code (findings, "date-conflict"), ==, 0);
  g_assert_cmpuint (wd_audit_get_n_errors (audit), ==, 0);
}

/* The shared example: six posts on two platforms, no agency, nothing
 * cited, and a "first" that comes a day after the confirmation. */
static void
test_audit_shared_example (gconstpointer data)
{
  const char *path = data;
  const char * const domains[] = { "t.me", "wikipedia.org", NULL };
  const char * const dates[] = { "2026-05-20", "2026-05-19", NULL };
  g_autoptr(GFile) file = NULL;
  g_autoptr(WdArticle) article = NULL;
  g_autoptr(WdAudit) audit = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) paragraphs = NULL;
  g_autofree char *conflict_text = NULL;
  GListModel *findings;
  WdFinding *f;

  file = g_file_new_for_path (path);
  article = wd_import_file (file, WD_IMPORT_FORMAT_AUTO, NULL, NULL, &error);
  g_assert_no_error (error);
  audit = new_audit ();
  findings = wd_audit_run (audit, article);
  dump (findings);

  f = find (findings, "few-independent-sources", NULL);
  g_assert_nonnull (f);
  g_assert_true (g_strv_equal (wd_finding_get_items (f), domains));
  g_assert_nonnull (strstr (wd_finding_get_message (f), "6 sources"));
  g_assert_nonnull (strstr (wd_finding_get_message (f), "2 independent domains"));

  g_assert_nonnull (find (findings, "no-primary-source", NULL));

  wd_citations_scan (wd_article_get_body (article), &paragraphs, NULL);
  g_assert_cmpuint (paragraphs->len, >, 10);
  g_assert_cmpuint (count_code (findings, "uncited-paragraph"), ==, paragraphs->len);
  g_assert_cmpuint (count_code (findings, "unused-source"), ==, 6);
  g_assert_cmpuint (count_code (findings, "unchecked"), ==, 6);

  g_assert_cmpuint (count_code (findings, "date-conflict"), ==, 1);
  f = find (findings, "date-conflict", NULL);
  conflict_text = range_text (article, f);
  g_assert_cmpstr (conflict_text, ==, "20 May 2026");
  g_assert_true (g_strv_equal (wd_finding_get_items (f), dates));
  g_assert_nonnull (strstr (wd_finding_get_message (f), "19 May 2026"));

  /* warnings, but nothing that is an error */
  g_assert_cmpuint (wd_audit_get_n_errors (audit), ==, 0);
}

static void
on_items_changed (GListModel *model,
                  guint       position,
                  guint       removed,
                  guint       added,
                  guint      *calls)
{
  calls[0]++;
  calls[1] = position;
  calls[2] = removed;
  calls[3] = added;
}

static void
on_notify (GObject    *object,
           GParamSpec *pspec,
           guint      *count)
{
  (*count)++;
}

/* The model stays the same object and changes only where findings do. */
static void
test_audit_model_updates (void)
{
  g_autoptr(WdArticle) article = clean_article ();
  g_autoptr(WdAudit) audit = new_audit ();
  GListModel *findings = wd_audit_get_findings (audit);
  guint calls[4] = { 0 };
  guint warnings_notified = 0;
  g_autofree char *body = NULL;
  g_autofree char *summary = NULL;

  g_signal_connect (findings, "items-changed", G_CALLBACK (on_items_changed), calls);
  g_signal_connect (audit, "notify::n-warnings", G_CALLBACK (on_notify), &warnings_notified);

  wd_audit_run (audit, article);
  g_assert_cmpuint (calls[0], ==, 0);

  body = g_strconcat (wd_article_get_body (article), "\n\nOne more claim.", NULL);
  wd_article_set_body (article, body);
  wd_audit_run (audit, article);
  g_assert_cmpuint (calls[0], ==, 1);
  g_assert_cmpuint (calls[2], ==, 0);
  g_assert_cmpuint (calls[3], ==, 1);
  g_assert_cmpuint (wd_audit_get_n_warnings (audit), ==, 1);
  g_assert_cmpuint (warnings_notified, ==, 1);

  /* the same again: no signal, no notification */
  wd_audit_run (audit, article);
  g_assert_cmpuint (calls[0], ==, 1);
  g_assert_cmpuint (warnings_notified, ==, 1);

  set_check (wd_article_get_source (article, 0), WD_CHECK_STATUS_NOT_FOUND, 404,
             "2026-11-23T12:00:00Z", NULL, NULL);
  wd_audit_run (audit, article);
  summary = wd_audit_dup_summary (audit);
  g_assert_cmpstr (summary, ==, "1 error, 3 warnings");
}

/* The model's item @i, owned by the model. */
static WdFinding *
item_at (GListModel *model,
         guint       i)
{
  g_autoptr(WdFinding) item = g_list_model_get_item (model, i);

  return item;
}

/* Typing before a finding moves it: the model keeps the same object (a
 * view keeps its row: rebuilding the rows of every finding after the
 * cursor at each audit stalled typing), tells where it went, in bytes and
 * in characters; a finding the edit fixes goes, the others stay. */
static void
test_audit_model_moves_findings (void)
{
  g_autoptr(WdArticle) article = clean_article ();
  g_autoptr(WdAudit) audit = new_audit ();
  GListModel *findings = wd_audit_get_findings (audit);
  g_autofree char *body = g_strconcat (wd_article_get_body (article),
                                       "\n\nA first uncited claim.\n\nA second uncited claim.", NULL);
  g_autofree char *typed = NULL;
  g_autofree char *fixed = NULL;
  g_autofree char *text = NULL;
  const char *inserted = "über — ";
  guint calls[4] = { 0 };
  guint moves = 0;
  WdFinding *second;
  gsize start = 0, end = 0, char_start = 0, char_end = 0, moved_start, moved_end;
  guint n;

  wd_article_set_body (article, body);
  wd_audit_run (audit, article);
  n = g_list_model_get_n_items (findings);
  g_assert_cmpuint (count_code (findings, "uncited-paragraph"), ==, 2);
  second = item_at (findings, n - 1);
  g_assert_true (wd_finding_get_range (second, &start, &end));
  g_assert_true (wd_finding_get_char_range (second, &char_start, &char_end));
  /* The same range, counted in characters (all ASCII so far). */
  g_assert_cmpuint (char_start, ==, start);
  g_assert_cmpuint (char_end, ==, end);

  g_signal_connect (findings, "items-changed", G_CALLBACK (on_items_changed), calls);
  g_signal_connect (second, "notify::start", G_CALLBACK (on_notify), &moves);

  /* Typed in the first paragraph, before both. */
  {
    const char *at = strstr (body, "stopped");
    GString *edited = g_string_new_len (body, at - body);

    g_string_append (edited, inserted);
    g_string_append (edited, at);
    typed = g_string_free (edited, FALSE);
  }
  wd_article_set_body (article, typed);
  wd_audit_run (audit, article);

  g_assert_cmpuint (calls[0], ==, 0);
  g_assert_true (item_at (findings, n - 1) == second);
  g_assert_cmpuint (moves, ==, 1);
  g_assert_true (wd_finding_get_range (second, &moved_start, &moved_end));
  g_assert_cmpuint (moved_start, ==, start + strlen (inserted));
  g_assert_cmpuint (moved_end, ==, end + strlen (inserted));
  g_assert_true (wd_finding_get_char_range (second, &char_start, &char_end));
  g_assert_cmpuint (char_start, ==, start + g_utf8_strlen (inserted, -1));
  g_assert_cmpuint (char_end - char_start, ==, end - start);
  g_assert_cmpuint (char_start, ==, g_utf8_pointer_to_offset (typed, typed + moved_start));
  text = range_text (article, second);
  g_assert_cmpstr (text, ==, "A second uncited claim.");

  /* The first paragraph gets its citation: only its finding goes. */
  {
    const char *at = strstr (typed, "A first uncited claim.") + strlen ("A first uncited claim.");
    GString *edited = g_string_new_len (typed, at - typed);

    g_string_append (edited, "[^s0]");
    g_string_append (edited, at);
    fixed = g_string_free (edited, FALSE);
  }
  wd_article_set_body (article, fixed);
  wd_audit_run (audit, article);

  g_assert_cmpuint (calls[0], ==, 1);
  g_assert_cmpuint (calls[1], ==, n - 2);
  g_assert_cmpuint (calls[2], ==, 1);
  g_assert_cmpuint (calls[3], ==, 0);
  g_assert_true (item_at (findings, n - 2) == second);
  g_assert_cmpuint (moves, ==, 2);
}

typedef struct
{
  GMainLoop *loop;
  guint     *pending;
  gboolean   ok;
  GError    *error;
} RunSlot;

static void
on_run_done (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  RunSlot *slot = user_data;

  slot->ok = wd_audit_run_finish (WD_AUDIT (object), result, &slot->error);
  if (--(*slot->pending) == 0)
    g_main_loop_quit (slot->loop);
}

static void
test_audit_async (void)
{
  g_autoptr(WdArticle) article = clean_article ();
  g_autoptr(WdAudit) audit = new_audit ();
  g_autoptr(GMainLoop) loop = g_main_loop_new (NULL, FALSE);
  guint pending = 2;
  RunSlot first = { loop, &pending }, second = { loop, &pending };
  g_autofree char *body = g_strconcat (wd_article_get_body (article), "\n\nUncited.", NULL);

  /* the first run is overtaken by the second, whichever ends first */
  wd_audit_run_async (audit, article, NULL, on_run_done, &first);
  wd_article_set_body (article, body);
  wd_audit_run_async (audit, article, NULL, on_run_done, &second);
  g_main_loop_run (loop);

  g_assert_false (first.ok);
  g_assert_error (first.error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_true (second.ok);
  g_assert_no_error (second.error);
  g_clear_error (&first.error);

  /* the copy taken at the call, with the later body */
  g_assert_cmpuint (count_code (wd_audit_get_findings (audit), "uncited-paragraph"), ==, 1);
}

/* A new, empty article: no body, no sources, no dates. */
static void
test_audit_empty (void)
{
  g_autoptr(WdArticle) article = wd_article_new ();
  g_autoptr(WdAudit) audit = new_audit ();
  GListModel *findings = wd_audit_run (audit, article);
  g_autoptr(WdFinding) only = NULL;

  g_assert_cmpuint (g_list_model_get_n_items (findings), ==, 1);
  only = g_list_model_get_item (findings, 0);
  g_assert_cmpstr (wd_finding_get_code_nick (only), ==, "few-independent-sources");
  g_assert_cmpstr (wd_finding_get_message (only), ==, "The article has no sources");
  g_assert_cmpuint (wd_audit_get_n_errors (audit), ==, 1);
}

static void
test_audit_options (void)
{
  g_autoptr(WdAudit) audit = wd_audit_new ();
  g_autoptr(GDateTime) now = g_date_time_new_from_iso8601 (NOW, NULL);
  g_autoptr(GDateTime) same = g_date_time_new_from_iso8601 (NOW, NULL);
  guint notified = 0;

  g_assert_cmpuint (wd_audit_get_stale_days (audit), ==, 30);
  g_assert_cmpuint (wd_audit_get_min_independent_sources (audit), ==, 3);
  g_assert_null (wd_audit_get_now (audit));

  g_signal_connect (audit, "notify::now", G_CALLBACK (on_notify), &notified);
  wd_audit_set_now (audit, now);
  wd_audit_set_now (audit, same);
  g_assert_cmpuint (notified, ==, 1);
  wd_audit_set_now (audit, NULL);
  g_assert_cmpuint (notified, ==, 2);
}

/* The badge's words: the most serious finding, in short, then how many
 * more; a clean article says so. */
static void
test_audit_headline (void)
{
  g_autoptr(WdArticle) article = clean_article ();
  g_autoptr(WdAudit) audit = new_audit ();
  g_autofree char *clean = NULL;
  g_autofree char *social = NULL;
  g_autofree char *broken = NULL;

  wd_audit_run (audit, article);
  clean = wd_audit_dup_headline (audit);
  g_assert_cmpstr (clean, ==, "No problems found");

  /* No wire source left: the warning's head, before its explanation. */
  wd_source_set_kind (wd_article_get_source (article, 0), WD_SOURCE_KIND_SOCIAL);
  wd_source_set_kind (wd_article_get_source (article, 1), WD_SOURCE_KIND_SOCIAL);
  wd_audit_run (audit, article);
  social = wd_audit_dup_headline (audit);
  g_assert_cmpstr (social, ==, "No wire or official source");

  /* An error outranks it, and the rest are counted. */
  set_check (wd_article_get_source (article, 2), WD_CHECK_STATUS_NOT_FOUND, 404, "2026-11-23T12:00:00Z",
             "https://t.me/kesselfish/4417", NULL);
  wd_audit_run (audit, article);
  broken = wd_audit_dup_headline (audit);
  g_assert_true (g_str_has_prefix (broken, "“https://t.me/kesselfish/4417”: the page is gone (HTTP 404)"));
  g_assert_true (g_str_has_suffix (broken, " · 2 more"));
}

/* ------------------------------------------------------------ quotations */

/* The audit of clean_article() with @body, its source s1 labelled, the
 * quotations checked against @texts. */
static WdAudit *
run_quote_audit (const char   *body,
                 WdQuoteTexts *texts)
{
  g_autoptr(WdArticle) article = clean_article ();
  WdAudit *audit = new_audit ();

  wd_source_set_label (wd_article_get_source (article, 1), "BBC ferry report");
  wd_article_set_body (article, body);
  wd_audit_set_quote_texts (audit, texts);
  wd_audit_run (audit, article);
  return audit;
}

/* A quotation from a source the paragraph does not cite: the finding
 * names that source as the editor knows it, not by its id. */
static void
test_audit_quote_in_other_source (void)
{
  g_autoptr(WdQuoteTexts) texts = wd_quote_texts_new ();
  g_autoptr(WdAudit) audit = NULL;
  WdFinding *finding;

  wd_quote_texts_add (texts, "s0", "Night ferries stopped.", NULL);
  wd_quote_texts_add (texts, "s1", "A shuttle runs every hour through the day, the operator said.", NULL);
  wd_quote_texts_add (texts, "s2", "The shuttle is a bus.", NULL);
  audit = run_quote_audit ("Night ferries stopped on 3 November 2026.[^s0][^s1]\n\n"
                           "The shuttle \"runs every hour through the day\".[^s2]", texts);

  finding = find (wd_audit_get_findings (audit), "quote-in-other-source", "s1");
  g_assert_nonnull (finding);
  g_assert_nonnull (strstr (wd_finding_get_message (finding), "“BBC ferry report”"));
}

/* A cited source with no capture yet: a quotation not in the others is
 * a note naming that source, not a quote-not-found error. */
static void
test_audit_quote_source_not_captured (void)
{
  g_autoptr(WdQuoteTexts) texts = wd_quote_texts_new ();
  g_autoptr(WdAudit) audit = NULL;
  WdFinding *finding;

  wd_quote_texts_add (texts, "s0", "Night ferries stopped.", NULL);
  audit = run_quote_audit ("Night ferries stopped on 3 November 2026.[^s0][^s1]\n\n"
                           "The shuttle \"runs every hour through the day\".[^s0][^s1]", texts);

  g_assert_cmpuint (count_code (wd_audit_get_findings (audit), "quote-not-found"), ==, 0);
  finding = find (wd_audit_get_findings (audit), "quote-unverifiable", "s1");
  g_assert_nonnull (finding);
  g_assert_cmpint (wd_finding_get_severity (finding), ==, WD_FINDING_SEVERITY_INFO);
  g_assert_nonnull (strstr (wd_finding_get_message (finding), "“BBC ferry report” has no capture"));
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *shared = wd_test_shared_file ("examples/synthesis-karpathy-anthropic.txt");

  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/audit/clean", test_audit_clean);
  g_test_add_func ("/audit/headline", test_audit_headline);
  g_test_add_func ("/audit/unchecked", test_audit_unchecked);
  g_test_add_func ("/audit/stale-check", test_audit_stale);
  g_test_add_func ("/audit/broken-source", test_audit_broken);
  g_test_add_func ("/audit/moved-source", test_audit_moved);
  g_test_add_func ("/audit/content-changed", test_audit_content_changed);
  g_test_add_func ("/audit/uncited-paragraph", test_audit_uncited_paragraph);
  g_test_add_func ("/audit/unused-source", test_audit_unused_source);
  g_test_add_func ("/audit/duplicate-source", test_audit_duplicate);
  g_test_add_func ("/audit/few-independent-sources", test_audit_independence);
  g_test_add_func ("/audit/no-primary-source", test_audit_primary);
  g_test_add_func ("/audit/date-conflict/published", test_audit_published_after);
  g_test_add_func ("/audit/date-conflict/timeline", test_audit_timeline_conflict);
  g_test_add_func ("/audit/unknown-citation", test_audit_unknown_citation);
  g_test_add_func ("/audit/own-article", test_audit_own_article);
  g_test_add_func ("/audit/thin-article", test_audit_thin_article);
  if (shared != NULL)
    g_test_add_data_func ("/audit/shared-example", shared, test_audit_shared_example);
  g_test_add_func ("/audit/model-updates", test_audit_model_updates);
  g_test_add_func ("/audit/model-moves-findings", test_audit_model_moves_findings);
  g_test_add_func ("/audit/async", test_audit_async);
  g_test_add_func ("/audit/empty", test_audit_empty);
  g_test_add_func ("/audit/options", test_audit_options);
  g_test_add_func ("/audit/quote-in-other-source", test_audit_quote_in_other_source);
  g_test_add_func ("/audit/quote-source-not-captured", test_audit_quote_source_not_captured);

  return g_test_run ();
}

/* The article model: properties, notifications, the source list. */
#include "config.h"

#include <string.h>

#include "wiredesk-core.h"

static void
count_notify (GObject    *object,
              GParamSpec *pspec,
              gpointer    user_data)
{
  (*(guint *) user_data)++;
}

static void
count_changed (WdArticle *article,
               gpointer   user_data)
{
  (*(guint *) user_data)++;
}

static void
test_article_defaults (void)
{
  g_autoptr(WdArticle) a = wd_article_new ();
  g_autoptr(WdArticle) b = wd_article_new ();
  g_autoptr(GDateTime) created = NULL;

  g_assert_true (g_uuid_string_is_valid (wd_article_get_id (a)));
  g_assert_cmpstr (wd_article_get_id (a), !=, wd_article_get_id (b));
  g_assert_cmpint (wd_article_get_status (a), ==, WD_ARTICLE_STATUS_DRAFT);
  g_assert_cmpuint (wd_article_get_revision (a), ==, 0);
  g_assert_cmpstr (wd_article_get_language (a), ==, "en");
  g_assert_cmpuint (g_strv_length ((char **) wd_article_get_keywords (a)), ==, 0);
  g_assert_cmpuint (wd_article_get_n_sources (a), ==, 0);

  created = g_date_time_new_from_iso8601 (wd_article_get_created (a), NULL);
  g_assert_nonnull (created);
  g_assert_true (g_str_has_suffix (wd_article_get_created (a), "Z"));
}

static void
test_article_notify (void)
{
  g_autoptr(WdArticle) article = wd_article_new ();
  const char *kw[] = { "ai", "people", NULL };
  guint headline_notes = 0, any_notes = 0, changed = 0;
  g_autofree char *headline = NULL;
  WdArticleStatus status;

  g_signal_connect (article, "notify::headline", G_CALLBACK (count_notify), &headline_notes);
  g_signal_connect (article, "notify", G_CALLBACK (count_notify), &any_notes);
  g_signal_connect (article, "changed", G_CALLBACK (count_changed), &changed);

  wd_article_set_headline (article, "One");
  g_assert_cmpuint (headline_notes, ==, 1);
  wd_article_set_headline (article, "One");   /* no change, no notify */
  g_assert_cmpuint (headline_notes, ==, 1);
  g_object_set (article, "headline", "Two", NULL);
  g_assert_cmpuint (headline_notes, ==, 2);
  g_object_get (article, "headline", &headline, NULL);
  g_assert_cmpstr (headline, ==, "Two");

  wd_article_set_status (article, WD_ARTICLE_STATUS_IN_REVIEW);
  g_object_get (article, "status", &status, NULL);
  g_assert_cmpint (status, ==, WD_ARTICLE_STATUS_IN_REVIEW);
  g_assert_cmpstr (wd_enum_to_nick (WD_TYPE_ARTICLE_STATUS, status), ==, "in-review");

  wd_article_set_keywords (article, kw);
  wd_article_set_keywords (article, kw);
  g_assert_cmpstrv (wd_article_get_keywords (article), kw);

  wd_article_set_body (article, "## Heading\n\nText.");
  wd_article_set_desk_note (article, "Note");

  g_assert_cmpuint (any_notes, ==, 6);
  g_assert_cmpuint (changed, ==, 6);
}

static void
test_article_sources (void)
{
  g_autoptr(WdArticle) article = wd_article_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(WdSource) kept = NULL;
  WdSource *a, *b, *dup;
  guint changed = 0;
  int position;

  g_signal_connect (article, "changed", G_CALLBACK (count_changed), &changed);

  a = wd_article_add_source_url (article, "  <https://T.ME/channel/1>  ", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (wd_source_get_url (a), ==, "https://t.me/channel/1");
  g_assert_cmpint (wd_source_get_kind (a), ==, WD_SOURCE_KIND_SOCIAL);
  g_assert_true (g_uuid_string_is_valid (wd_source_get_id (a)));
  g_assert_nonnull (wd_source_get_attached_at (a));
  g_assert_cmpint (wd_source_get_check_status (a), ==, WD_CHECK_STATUS_UNCHECKED);

  b = wd_article_add_source_url (article, "https://en.wikipedia.org/wiki/Ferry", &error);
  g_assert_no_error (error);
  g_assert_cmpint (wd_source_get_kind (b), ==, WD_SOURCE_KIND_REFERENCE);
  g_assert_cmpuint (changed, ==, 2);

  /* The same URL in another spelling is refused with a clear message. */
  dup = wd_article_add_source_url (article, "HTTPS://t.me:443/channel/1", &error);
  g_assert_null (dup);
  g_assert_error (error, WD_ERROR, WD_ERROR_DUPLICATE_SOURCE);
  g_assert_nonnull (strstr (error->message, "https://t.me/channel/1"));
  g_clear_error (&error);
  g_assert_cmpuint (wd_article_get_n_sources (article), ==, 2);

  g_assert_null (wd_article_add_source_url (article, "ftp://example.com/x", &error));
  g_assert_error (error, WD_ERROR, WD_ERROR_INVALID_URL);
  g_clear_error (&error);

  /* Editing a source changes the document. */
  wd_source_set_kind (a, WD_SOURCE_KIND_WIRE);
  g_assert_cmpuint (changed, ==, 3);

  /* Removal gives the position back, and re-inserting there undoes it. */
  kept = g_object_ref (a);
  position = wd_article_remove_source (article, a);
  g_assert_cmpint (position, ==, 0);
  g_assert_cmpuint (wd_article_get_n_sources (article), ==, 1);
  g_assert_cmpint (wd_article_remove_source (article, kept), ==, -1);
  changed = 0;
  wd_source_set_note (kept, "detached: no longer part of the document");
  g_assert_cmpuint (changed, ==, 0);

  g_assert_true (wd_article_insert_source (article, position, kept, &error));
  g_assert_no_error (error);
  g_assert_true (wd_article_get_source (article, 0) == kept);
  g_assert_true (wd_article_find_source_by_id (article, wd_source_get_id (kept)) == kept);
  g_assert_true (wd_article_find_source (article, "https://en.wikipedia.org/wiki/Ferry") == b);
}

/* Unchecked sources are told apart by what identifies their page. */
static void
test_source_display_name (void)
{
  static const struct { const char *url, *name; } cases[] = {
    { "https://t.me/producthunt/123456", "t.me/producthunt/123456" },
    { "https://t.me/techcrunch/345678/", "t.me/techcrunch/345678" },
    { "https://en.wikipedia.org/wiki/Andrej_Karpathy", "Wikipedia: Andrej Karpathy" },
    { "https://de.wikipedia.org/wiki/K%C3%B6ln", "Wikipedia: Köln" },
    { "https://www.reuters.com/", "reuters.com" },
    { "https://example.com/a%0Ab", "example.com/ab" },
    { "https://news.example/2026/11/03/a-very-long-slug-that-goes-on-and-on-about-ferries-and-more",
      "news.example/…lug-that-goes-on-and-on-about-ferries-and-more" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(WdSource) source = wd_source_new (cases[i].url);
      g_autofree char *name = wd_source_dup_display_name (source);

      g_assert_cmpstr (name, ==, cases[i].name);
    }
}

/* A check's authors are a list; "author" is them joined, for display. */
static void
test_check_authors (void)
{
  g_autoptr(WdCheckResult) result = wd_check_result_new (WD_CHECK_STATUS_OK);
  g_autoptr(WdCheckResult) copy = NULL;
  const char * const names[] = { "Ann Lee", "", "Bob\x01 Ray\xff", NULL };
  const char * const other[] = { "Ann Lee", "Cy Oh", NULL };
  guint author_notes = 0, authors_notes = 0;

  g_signal_connect (result, "notify::author", G_CALLBACK (count_notify), &author_notes);
  g_signal_connect (result, "notify::authors", G_CALLBACK (count_notify), &authors_notes);

  /* cleaned as every page text; empty names left out */
  wd_check_result_set_authors (result, names);
  g_assert_cmpuint (g_strv_length ((char **) wd_check_result_get_authors (result)), ==, 2);
  g_assert_cmpstr (wd_check_result_get_authors (result)[0], ==, "Ann Lee");
  g_assert_true (g_utf8_validate (wd_check_result_get_authors (result)[1], -1, NULL));
  g_assert_null (strchr (wd_check_result_get_authors (result)[1], '\x01'));
  g_assert_true (g_str_has_prefix (wd_check_result_get_author (result), "Ann Lee, Bob"));
  g_assert_cmpuint (author_notes, ==, 1);
  g_assert_cmpuint (authors_notes, ==, 1);

  /* the same list again changes nothing */
  wd_check_result_set_authors (result, (const char * const *) wd_check_result_get_authors (result));
  g_assert_cmpuint (authors_notes, ==, 1);

  copy = wd_check_result_copy (result);
  g_assert_true (wd_check_result_equal (result, copy));
  wd_check_result_set_authors (copy, other);
  g_assert_false (wd_check_result_equal (result, copy));
  g_assert_cmpstr (wd_check_result_get_author (copy), ==, "Ann Lee, Cy Oh");

  /* "author" as text is one name, commas and all */
  wd_check_result_set_text (copy, "author", "Lee, Ann");
  g_assert_cmpuint (g_strv_length ((char **) wd_check_result_get_authors (copy)), ==, 1);
  g_assert_cmpstr (wd_check_result_get_authors (copy)[0], ==, "Lee, Ann");

  wd_check_result_set_authors (copy, NULL);
  g_assert_null (wd_check_result_get_authors (copy));
  g_assert_null (wd_check_result_get_author (copy));
}

static void
test_source_check (void)
{
  g_autoptr(WdSource) source = wd_source_new ("https://example.com/a");
  g_autoptr(WdCheckResult) result = wd_check_result_new (WD_CHECK_STATUS_REDIRECTED);
  g_autoptr(WdCheckResult) copy = NULL;
  g_autofree char *name = NULL;
  guint status_notes = 0;

  g_signal_connect (source, "notify::check-status", G_CALLBACK (count_notify), &status_notes);

  name = wd_source_dup_display_name (source);
  g_assert_cmpstr (name, ==, "example.com/a");
  g_clear_pointer (&name, g_free);

  wd_check_result_set_http_status (result, 200);
  wd_check_result_set_redirects (result, 2);
  wd_check_result_set_text (result, "final-url", "https://example.com/b");
  wd_check_result_set_text (result, "title", "A page");
  wd_check_result_set_text (result, "detail", "");
  g_assert_null (wd_check_result_get_detail (result));
  /* a page's broken bytes never reach the document as they are */
  wd_check_result_set_text (result, "site-name", "Caf\xe9 \xff News");
  g_assert_true (g_utf8_validate (wd_check_result_get_site_name (result), -1, NULL));
  g_assert_true (g_str_has_prefix (wd_check_result_get_site_name (result), "Caf"));

  copy = wd_check_result_copy (result);
  g_assert_true (wd_check_result_equal (result, copy));
  wd_check_result_set_text (copy, "title", "Another");
  g_assert_false (wd_check_result_equal (result, copy));

  wd_source_set_check (source, result);
  g_assert_cmpuint (status_notes, ==, 1);
  g_assert_cmpint (wd_source_get_check_status (source), ==, WD_CHECK_STATUS_REDIRECTED);
  name = wd_source_dup_display_name (source);
  g_assert_cmpstr (name, ==, "A page");

  wd_source_set_check (source, NULL);
  g_assert_cmpuint (status_notes, ==, 2);
  g_assert_cmpint (wd_source_get_check_status (source), ==, WD_CHECK_STATUS_UNCHECKED);
  g_clear_pointer (&name, g_free);

  /* an error page's title never names the source */
  wd_check_result_set_status (result, WD_CHECK_STATUS_SOFT_NOT_FOUND);
  wd_check_result_set_text (result, "title", "Page not found");
  wd_source_set_check (source, result);
  name = wd_source_dup_display_name (source);
  g_assert_cmpstr (name, ==, "example.com/a");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/article/defaults", test_article_defaults);
  g_test_add_func ("/article/notify", test_article_notify);
  g_test_add_func ("/article/sources", test_article_sources);
  g_test_add_func ("/source/check", test_source_check);
  g_test_add_func ("/source/check/authors", test_check_authors);
  g_test_add_func ("/source/display-name", test_source_display_name);

  return g_test_run ();
}

/* The soft-404 rules one by one, on pages made here: what reads as an
 * error page, which redirects lead home, when a page is the probe's. */
#include "config.h"

#include <string.h>

#include "wd-soft404-private.h"
#include "wiredesk-core.h"

static WdHtmlMeta *
meta_of (const char *title,
         const char *text)
{
  g_autofree char *html = g_strdup_printf ("<!doctype html><html><head><title>%s</title></head>"
                                           "<body><p>%s</p></body></html>", title, text);

  return wd_html_meta_parse ((const guint8 *) html, strlen (html), "text/html", "utf-8",
                             "https://gazette.example/x");
}

static WdSoft404Probe *
probe_of (const char *title,
          const char *text,
          guint       redirects,
          const char *final_url)
{
  WdSoft404Probe *probe = g_new0 (WdSoft404Probe, 1);

  probe->answered_ok = TRUE;
  probe->redirects = redirects;
  probe->final_url = g_strdup (final_url);
  probe->meta = meta_of (title, text);
  return probe;
}

static void
test_says_missing (void)
{
  static const char * const missing[] = {
    "404", "Error 404", "404 – Not Found", "HTTP 410 Gone", "Page not found",
    "The page you requested does not exist", "Not found", "Sorry, this story is no longer available",
    "Seite nicht gefunden", "Fehler 404: Seite nicht gefunden", "Page introuvable",
    "Erreur 404 - page non trouvée", "Página no encontrada", "Pagina non trovata",
  };
  static const char * const not_missing[] = {
    "Harbour pilots walk out", "The 404 bus route returns", "Found: the ferry's lost bell",
    "Kestrel Bay News", "Four hundred and four days at sea", "",
  };

  for (guint i = 0; i < G_N_ELEMENTS (missing); i++)
    {
      g_test_message ("missing: %s", missing[i]);
      g_assert_true (_wd_soft404_says_missing (missing[i]));
    }
  for (guint i = 0; i < G_N_ELEMENTS (not_missing); i++)
    {
      g_test_message ("not missing: %s", not_missing[i]);
      g_assert_false (_wd_soft404_says_missing (not_missing[i]));
    }
  g_assert_false (_wd_soft404_says_missing (NULL));
}

static void
test_front_page (void)
{
  g_assert_true (_wd_soft404_is_front_page ("https://gazette.example/"));
  g_assert_true (_wd_soft404_is_front_page ("https://gazette.example"));
  g_assert_false (_wd_soft404_is_front_page ("https://gazette.example/?p=123"));
  g_assert_false (_wd_soft404_is_front_page ("https://gazette.example/news/pilots"));
}

static void
test_front_page_redirect (void)
{
  /* a deep link sent home on the same site, with or without www */
  g_assert_true (_wd_soft404_is_front_page_redirect ("https://gazette.example/news/pilots",
                                                     "https://gazette.example/"));
  g_assert_true (_wd_soft404_is_front_page_redirect ("https://www.gazette.example/news/pilots",
                                                     "https://gazette.example/"));
  /* across subdomains of one site */
  g_assert_true (_wd_soft404_is_front_page_redirect ("https://news.gazette.co.uk/2026/pilots",
                                                     "https://www.gazette.co.uk/"));
  g_assert_true (_wd_soft404_is_front_page_redirect ("https://gazette.co.uk/2026/pilots",
                                                     "https://m.gazette.co.uk/"));
  /* another site's front page is another site (a link shortener, a syndication) */
  g_assert_false (_wd_soft404_is_front_page_redirect ("https://gazette.example/news/pilots",
                                                      "https://courier.example/"));
  g_assert_false (_wd_soft404_is_front_page_redirect ("https://a.co.uk/story", "https://b.co.uk/"));
  /* home to home, and a deep link to a deep link, are not the sign */
  g_assert_false (_wd_soft404_is_front_page_redirect ("https://gazette.example/",
                                                      "https://www.gazette.example/"));
  g_assert_false (_wd_soft404_is_front_page_redirect ("https://gazette.example/a",
                                                      "https://gazette.example/b"));
  /* a query makes it a page, not home */
  g_assert_false (_wd_soft404_is_front_page_redirect ("https://gazette.example/a",
                                                      "https://gazette.example/?p=1"));
}

static const char error_text[] =
  "Sorry, we looked everywhere but there is nothing here. Browse our latest headlines, "
  "sport, weather and opinion from across the region instead.";
static const char article_text[] =
  "Harbour pilots at Kestrel Bay stopped guiding ships into port on Wednesday, leaving "
  "forty vessels at anchor outside the breakwater while their association argues over shifts.";

static void
test_matches_probe (void)
{
  g_autoptr(WdSoft404Probe) probe = probe_of ("Kestrel Gazette", error_text, 0, "https://gazette.example/zz");
  g_autoptr(WdHtmlMeta) same = meta_of ("Kestrel Gazette", error_text);
  g_autoptr(WdHtmlMeta) shared_title = meta_of ("Kestrel Gazette", article_text);
  g_autoptr(WdHtmlMeta) other_title = meta_of ("Nothing here", error_text);
  g_autofree char *doubled = g_strconcat (error_text, " ", error_text, " ", error_text, NULL);
  g_autoptr(WdHtmlMeta) longer = meta_of ("Pilots strike", doubled);
  g_autoptr(WdHtmlMeta) article = meta_of ("Pilots strike", article_text);

  /* the very page */
  g_assert_true (_wd_soft404_matches_probe (probe, 0, "https://gazette.example/a", same));
  /* the site's name as every title: a real article is not the error page */
  g_assert_false (_wd_soft404_matches_probe (probe, 0, "https://gazette.example/a", shared_title));
  /* another title, the same text and length */
  g_assert_true (_wd_soft404_matches_probe (probe, 0, "https://gazette.example/a", other_title));
  /* the same words, three times as long: another page */
  g_assert_false (_wd_soft404_matches_probe (probe, 0, "https://gazette.example/a", longer));
  g_assert_false (_wd_soft404_matches_probe (probe, 0, "https://gazette.example/a", article));
  /* no probe, or a probe the site answered with an error */
  g_assert_false (_wd_soft404_matches_probe (NULL, 0, "https://gazette.example/a", same));
  probe->answered_ok = FALSE;
  g_assert_false (_wd_soft404_matches_probe (probe, 0, "https://gazette.example/a", same));
}

/* Both sent on to the same page: the probe and the page end in one place. */
static void
test_matches_probe_same_destination (void)
{
  g_autoptr(WdSoft404Probe) probe = probe_of ("Search", error_text, 1, "https://gazette.example/search");
  g_autoptr(WdHtmlMeta) article = meta_of ("Pilots strike", article_text);

  g_assert_true (_wd_soft404_matches_probe (probe, 2, "https://gazette.example/search", article));
  g_assert_false (_wd_soft404_matches_probe (probe, 0, "https://gazette.example/search", article));
  g_assert_false (_wd_soft404_matches_probe (probe, 1, "https://gazette.example/other", article));
}

/* Pages with no text at all (an image, a video player) and the same
 * fingerprint: the fingerprint decides. */
static void
test_matches_probe_same_fingerprint (void)
{
  g_autoptr(WdSoft404Probe) probe = probe_of ("Gazette", "", 0, "https://gazette.example/zz");
  g_autoptr(WdHtmlMeta) empty = meta_of ("Video: pilots at the quay", "");

  g_assert_nonnull (empty->content_sha256);
  g_assert_cmpstr (empty->content_sha256, ==, probe->meta->content_sha256);
  g_assert_true (_wd_soft404_matches_probe (probe, 0, "https://gazette.example/v", empty));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/soft404/says-missing", test_says_missing);
  g_test_add_func ("/soft404/front-page", test_front_page);
  g_test_add_func ("/soft404/front-page-redirect", test_front_page_redirect);
  g_test_add_func ("/soft404/matches-probe", test_matches_probe);
  g_test_add_func ("/soft404/matches-probe/same-destination", test_matches_probe_same_destination);
  g_test_add_func ("/soft404/matches-probe/same-fingerprint", test_matches_probe_same_fingerprint);

  return g_test_run ();
}

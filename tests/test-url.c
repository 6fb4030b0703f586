/* Which URLs can be sources, how they are spelled, what kind they suggest. */
#include "config.h"

#include <string.h>

#include "wiredesk-core.h"

static void
test_url_normalize (void)
{
  static const struct { const char *in; const char *out; } cases[] = {
    { "https://example.com/a?b=c#d", "https://example.com/a?b=c#d" },
    { "  https://Example.COM/Path  ", "https://example.com/Path" },
    { "<https://example.com/x>", "https://example.com/x" },
    { "\t< http://example.com >\n", "http://example.com/" },
    { "HTTP://EXAMPLE.com:80/", "http://example.com/" },
    { "https://example.com:443/a", "https://example.com/a" },
    { "https://example.com:8443/a", "https://example.com:8443/a" },
    { "https://bücher.example/köln", "https://xn--bcher-kva.example/k%C3%B6ln" },
    { "https://BÜCHER.example/", "https://xn--bcher-kva.example/" },
    { "https://example.com/a%20b", "https://example.com/a%20b" },
    { "https://t.me/AngelList/789012", "https://t.me/AngelList/789012" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *url = wd_url_normalize (cases[i].in, &error);

      g_assert_no_error (error);
      g_assert_cmpstr (url, ==, cases[i].out);
    }
}

static void
test_url_refused (void)
{
  static const struct { const char *in; const char *says; } cases[] = {
    { "", "empty" },
    { "   ", "empty" },
    { "<>", "empty" },
    { "example.com/page", "absolute" },
    { "/wiki/Anthropic", "absolute" },
    { "ftp://example.com/file", "only http and https" },
    { "javascript:alert(1)", "only http and https" },
    { "mailto:desk@example.com", "only http and https" },
    { "https://", "host" },
    { "https:///path", "host" },
    { "https://exa mple.com/", "space" },
    { "https://example.com/a b", "space" },
    { "http://%0dd/", "host" },
    { "http://%3ad/", "" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *url = wd_url_normalize (cases[i].in, &error);

      g_assert_null (url);
      g_assert_error (error, WD_ERROR, WD_ERROR_INVALID_URL);
      if (strstr (error->message, cases[i].says) == NULL)
        g_error ("“%s” refused with “%s”, expected it to mention “%s”",
                 cases[i].in, error->message, cases[i].says);
    }
}

static void
test_url_kind (void)
{
  static const struct { const char *url; WdSourceKind kind; } cases[] = {
    { "https://t.me/producthunt/123456", WD_SOURCE_KIND_SOCIAL },
    { "https://x.com/someone/status/1", WD_SOURCE_KIND_SOCIAL },
    { "https://twitter.com/someone", WD_SOURCE_KIND_SOCIAL },
    { "https://bsky.app/profile/a.bsky.social", WD_SOURCE_KIND_SOCIAL },
    { "https://mastodon.social/@someone/1", WD_SOURCE_KIND_SOCIAL },
    { "https://mastodon.example.org/@a/1", WD_SOURCE_KIND_SOCIAL },
    { "https://www.facebook.com/page", WD_SOURCE_KIND_SOCIAL },
    { "https://www.instagram.com/p/x", WD_SOURCE_KIND_SOCIAL },
    { "https://www.youtube.com/watch?v=x", WD_SOURCE_KIND_SOCIAL },
    { "https://en.wikipedia.org/wiki/Anthropic", WD_SOURCE_KIND_REFERENCE },
    { "https://www.wikidata.org/wiki/Q1", WD_SOURCE_KIND_REFERENCE },
    { "https://www.reuters.com/world/x", WD_SOURCE_KIND_WIRE },
    { "https://apnews.com/article/x", WD_SOURCE_KIND_WIRE },
    { "https://www.afp.com/en/x", WD_SOURCE_KIND_WIRE },
    { "https://www.dpa.com/en/x", WD_SOURCE_KIND_WIRE },
    { "https://www.bloomberg.com/news/x", WD_SOURCE_KIND_WIRE },
    { "https://www.whitehouse.gov/briefing-room/", WD_SOURCE_KIND_OFFICIAL },
    { "https://www.gov.uk/government/news/x", WD_SOURCE_KIND_OFFICIAL },
    { "https://www.economie.gouv.fr/x", WD_SOURCE_KIND_OFFICIAL },
    { "https://www.canada.gc.ca/en/news", WD_SOURCE_KIND_OFFICIAL },
    { "https://commission.europa.eu/news/x", WD_SOURCE_KIND_OFFICIAL },
    { "https://press.example.com/release", WD_SOURCE_KIND_OFFICIAL },
    { "https://www.example.com/newsroom/2026/x", WD_SOURCE_KIND_OFFICIAL },
    { "https://techcrunch.com/2026/05/19/x", WD_SOURCE_KIND_NEWS },
    { "https://www.ellerytimes.example/x", WD_SOURCE_KIND_NEWS },
    { "https://blog.example.com/post", WD_SOURCE_KIND_OTHER },
    /* a look-alike is not the real domain */
    { "https://notreuters.com/x", WD_SOURCE_KIND_OTHER },
    { "https://t.me.example.com/x", WD_SOURCE_KIND_OTHER },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      WdSourceKind kind = wd_url_suggest_kind (cases[i].url);

      if (kind != cases[i].kind)
        g_error ("%s: suggested %s, expected %s", cases[i].url,
                 wd_enum_to_nick (WD_TYPE_SOURCE_KIND, kind),
                 wd_enum_to_nick (WD_TYPE_SOURCE_KIND, cases[i].kind));
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/url/normalize", test_url_normalize);
  g_test_add_func ("/url/refused", test_url_refused);
  g_test_add_func ("/url/kind", test_url_kind);

  return g_test_run ();
}

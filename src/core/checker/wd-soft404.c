#define G_LOG_DOMAIN "wd-soft404"

#include "config.h"

#include <libsoup/soup.h>
#include <string.h>

#include "wd-soft404-private.h"

/* Similarity of word sets above which two pages are "the same page". */
#define SAME_TITLE_SIMILARITY 0.7
#define SAME_TEXT_SIMILARITY  0.9

void
_wd_soft404_probe_free (WdSoft404Probe *probe)
{
  if (probe == NULL)
    return;

  g_free (probe->final_url);
  g_clear_pointer (&probe->meta, wd_html_meta_free);
  g_free (probe);
}

static GUri *
parse_http (const char *url)
{
  GUri *uri;

  if (url == NULL)
    return NULL;

  uri = g_uri_parse (url, SOUP_HTTP_URI_FLAGS, NULL);
  if (uri != NULL && (g_uri_get_host (uri) == NULL || *g_uri_get_host (uri) == '\0'))
    g_clear_pointer (&uri, g_uri_unref);

  return uri;
}

static int
effective_port (GUri *uri)
{
  if (g_uri_get_port (uri) > 0)
    return g_uri_get_port (uri);
  return g_ascii_strcasecmp (g_uri_get_scheme (uri), "https") == 0 ? 443 : 80;
}

char *
_wd_soft404_origin (const char *url)
{
  g_autoptr(GUri) uri = parse_http (url);
  g_autofree char *scheme = NULL;
  g_autofree char *host = NULL;

  if (uri == NULL)
    return NULL;

  scheme = g_ascii_strdown (g_uri_get_scheme (uri), -1);
  host = g_ascii_strdown (g_uri_get_host (uri), -1);
  return g_strdup_printf ("%s://%s:%d", scheme, host, effective_port (uri));
}

char *
_wd_soft404_probe_url (const char *url)
{
  static const char alphabet[] = "abcdefghijklmnopqrstuvwxyz0123456789";
  g_autoptr(GUri) uri = parse_http (url);
  g_autoptr(GUri) probe = NULL;
  char path[32];

  if (uri == NULL)
    return NULL;

  /* 30 random characters: about 155 bits, so no site has this path. */
  path[0] = '/';
  for (guint i = 1; i < 31; i++)
    path[i] = alphabet[g_random_int_range (0, sizeof alphabet - 1)];
  path[31] = '\0';

  probe = g_uri_build (SOUP_HTTP_URI_FLAGS, g_uri_get_scheme (uri), NULL,
                       g_uri_get_host (uri), g_uri_get_port (uri), path, NULL, NULL);
  return g_uri_to_string (probe);
}

static gboolean
path_is_front (const char *path)
{
  static GRegex *regex;

  /* No G_REGEX_OPTIMIZE: its JIT is compiled at the first match without a
   * lock, and checks run on several threads (see wd-charset.c). */
  if (g_once_init_enter (&regex))
    {
      GRegex *r = g_regex_new ("^/?((index|default|home)(\\.[a-z]+)?|[a-z]{2}([-_][a-z]{2})?/)?$",
                               G_REGEX_CASELESS, 0, NULL);
      g_once_init_leave (&regex, r);
    }

  return g_regex_match (regex, path != NULL ? path : "", 0, NULL);
}

gboolean
_wd_soft404_is_front_page (const char *url)
{
  g_autoptr(GUri) uri = parse_http (url);
  const char *query;

  if (uri == NULL)
    return FALSE;

  query = g_uri_get_query (uri);
  return path_is_front (g_uri_get_path (uri)) && (query == NULL || *query == '\0');
}

static gboolean
matches (GRegex    **regex,
         const char *pattern,
         const char *text)
{
  /* No G_REGEX_OPTIMIZE: PCRE2's JIT code reads past the subject (valgrind
   * reports it), and a page's title is matched once. */
  if (g_once_init_enter (regex))
    g_once_init_leave (regex, g_regex_new (pattern, G_REGEX_CASELESS, 0, NULL));

  return text != NULL && g_regex_match (*regex, text, 0, NULL);
}

gboolean
_wd_soft404_says_error_code (const char *text)
{
  static GRegex *regex;

  /* "404", "Error 404", "404 – Not Found", "HTTP 410 Gone" */
  return matches (&regex,
                  "^\\W*(error|http)?\\W*(404|410)\\b"
                  "|\\b(404|410)\\W+(error|not found|page not found|gone|page)\\b"
                  "|\\b(error|http)\\W+(404|410)\\b",
                  text);
}

gboolean
_wd_soft404_says_missing (const char *text)
{
  static GRegex *regex;

  if (_wd_soft404_says_error_code (text))
    return TRUE;

  /* "Page not found", "The page you requested does not exist" */
  return matches (&regex,
                  "\\b(page|file|document|article|resource|content|url|story|post)\\b.{0,40}?"
                  "\\b(was |is |has been )?(not found|cannot be found|can.t be found|could not be found"
                  "|couldn.t be found|does not exist|doesn.t exist|no longer exists|no longer available)"
                  "|^\\W*(not found|page missing|nothing found)\\b"
                  /* German, French, Spanish, Italian, Dutch, Portuguese */
                  "|nicht gefunden|introuvable|page non trouvée|no encontrad[ao]|non trovat[ao]"
                  "|niet gevonden|não encontrad[ao]",
                  text);
}

/* The host without a leading "www.". */
static const char *
site_host (GUri *uri)
{
  const char *host = g_uri_get_host (uri);

  return g_ascii_strncasecmp (host, "www.", 4) == 0 ? host + 4 : host;
}

static gboolean
same_site (GUri *a,
           GUri *b)
{
  const char *base_a, *base_b;

  if (g_ascii_strcasecmp (site_host (a), site_host (b)) == 0)
    return TRUE;

  /* news.example.co.uk and example.co.uk; returns pointers into its
   * argument (nothing to free), NULL for IP addresses. */
  base_a = soup_tld_get_base_domain (g_uri_get_host (a), NULL);
  base_b = soup_tld_get_base_domain (g_uri_get_host (b), NULL);
  return base_a != NULL && base_b != NULL && g_ascii_strcasecmp (base_a, base_b) == 0;
}

gboolean
_wd_soft404_is_front_page_redirect (const char *url,
                                    const char *final_url)
{
  g_autoptr(GUri) from = parse_http (url);
  g_autoptr(GUri) to = parse_http (final_url);

  if (from == NULL || to == NULL)
    return FALSE;

  return !_wd_soft404_is_front_page (url) && _wd_soft404_is_front_page (final_url) &&
         same_site (from, to);
}

static gboolean
same_title (const char *a,
            const char *b)
{
  g_autofree char *folded_a = NULL;
  g_autofree char *folded_b = NULL;

  if (a == NULL || b == NULL)
    return FALSE;

  folded_a = g_utf8_casefold (a, -1);
  folded_b = g_utf8_casefold (b, -1);
  return g_str_equal (folded_a, folded_b);
}

gboolean
_wd_soft404_matches_probe (const WdSoft404Probe *probe,
                           guint                 redirects,
                           const char           *final_url,
                           const WdHtmlMeta     *meta)
{
  double similarity;
  gsize shorter, longer;

  if (probe == NULL || !probe->answered_ok || probe->meta == NULL || meta == NULL)
    return FALSE;

  /* Both sent on to the same page (a generic error page, say). */
  if (redirects > 0 && probe->redirects > 0 && g_strcmp0 (probe->final_url, final_url) == 0)
    return TRUE;

  if (meta->content_sha256 != NULL &&
      g_strcmp0 (meta->content_sha256, probe->meta->content_sha256) == 0)
    return TRUE;

  similarity = wd_html_meta_similarity (meta, probe->meta);

  if (same_title (meta->title, probe->meta->title) && similarity >= SAME_TITLE_SIMILARITY)
    return TRUE;

  shorter = MIN (meta->text_length, probe->meta->text_length);
  longer = MAX (meta->text_length, probe->meta->text_length);
  return similarity >= SAME_TEXT_SIMILARITY && shorter * 4 >= longer * 3;
}

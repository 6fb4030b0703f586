#define G_LOG_DOMAIN "wd-url"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <libsoup/soup.h>
#include <string.h>

#include "wd-error.h"
#include "wd-url.h"

static char *
strip_decorations (const char *text)
{
  g_autofree char *s = g_strstrip (g_strdup (text));
  gsize len = strlen (s);

  /* "<https://…>" as mail clients and Markdown autolinks write it. */
  if (len >= 2 && s[0] == '<' && s[len - 1] == '>')
    {
      s[len - 1] = '\0';
      return g_strstrip (g_strdup (s + 1));
    }

  return g_steal_pointer (&s);
}

/* After IDN conversion a host name is letters, digits, '-', '_' and '.',
 * or an IPv6 literal (hex digits, ':' and '.'). Anything else — a
 * percent-decoded control character, a space — is not a host. */
static gboolean
is_valid_host (const char *host)
{
  if (*host == '\0')
    return FALSE;

  /* ':' only in an IPv6 literal, never from a decoded "%3a" */
  if (strchr (host, ':') != NULL)
    return g_hostname_is_ip_address (host);

  for (const char *p = host; *p != '\0'; p++)
    if (!g_ascii_isalnum (*p) && strchr ("-_.:", *p) == NULL)
      return FALSE;

  return TRUE;
}

char *
wd_url_normalize (const char  *text,
                  GError     **error)
{
  g_autofree char *stripped = NULL;
  g_autofree char *scheme = NULL;
  g_autofree char *host_lower = NULL;
  g_autofree char *host_ascii = NULL;
  g_autoptr(GUri) uri = NULL;
  g_autoptr(GError) local_error = NULL;
  const char *path;
  int port;

  g_return_val_if_fail (text != NULL, NULL);

  stripped = strip_decorations (text);

  if (*stripped == '\0')
    {
      g_set_error_literal (error, WD_ERROR, WD_ERROR_INVALID_URL,
                           _("The URL is empty"));
      return NULL;
    }

  for (const char *p = stripped; *p; p++)
    if (g_ascii_isspace (*p) || (guchar) *p < 0x20)
      {
        g_set_error (error, WD_ERROR, WD_ERROR_INVALID_URL,
                     _("“%s” is not a URL: it contains a space or control character"),
                     stripped);
        return NULL;
      }

  scheme = g_uri_parse_scheme (stripped);
  if (scheme == NULL)
    {
      g_set_error (error, WD_ERROR, WD_ERROR_INVALID_URL,
                   _("“%s” is not an absolute URL (expected http:// or https://)"),
                   stripped);
      return NULL;
    }

  if (g_ascii_strcasecmp (scheme, "http") != 0 &&
      g_ascii_strcasecmp (scheme, "https") != 0)
    {
      g_set_error (error, WD_ERROR, WD_ERROR_INVALID_URL,
                   _("“%s” is a %s URL; only http and https URLs can be sources"),
                   stripped, scheme);
      return NULL;
    }

  uri = g_uri_parse (stripped, G_URI_FLAGS_ENCODED | G_URI_FLAGS_NON_DNS, &local_error);
  if (uri == NULL)
    {
      g_set_error (error, WD_ERROR, WD_ERROR_INVALID_URL,
                   _("“%s” is not a valid URL: %s"), stripped, local_error->message);
      return NULL;
    }

  if (g_uri_get_host (uri) == NULL || *g_uri_get_host (uri) == '\0')
    {
      g_set_error (error, WD_ERROR, WD_ERROR_INVALID_URL,
                   _("“%s” has no host name"), stripped);
      return NULL;
    }

  /* In encoded mode an IDN host arrives percent-encoded. */
  {
    g_autofree char *host = g_uri_unescape_string (g_uri_get_host (uri), NULL);

    if (host == NULL || !g_utf8_validate (host, -1, NULL))
      {
        g_set_error (error, WD_ERROR, WD_ERROR_INVALID_URL,
                     _("“%s” has an invalid host name"), stripped);
        return NULL;
      }
    host_lower = g_utf8_strdown (host, -1);
  }
  host_ascii = g_hostname_to_ascii (host_lower);
  if (host_ascii == NULL || !is_valid_host (host_ascii))
    {
      g_set_error (error, WD_ERROR, WD_ERROR_INVALID_URL,
                   _("“%s” has an invalid host name"), stripped);
      return NULL;
    }
  /* g_hostname_to_ascii keeps case of ASCII labels it did not touch. */
  {
    char *lower = g_ascii_strdown (host_ascii, -1);
    g_free (host_ascii);
    host_ascii = lower;
  }

  g_free (scheme);
  scheme = g_ascii_strdown (g_uri_get_scheme (uri), -1);

  port = g_uri_get_port (uri);
  if (port == 0)
    {
      g_set_error (error, WD_ERROR, WD_ERROR_INVALID_URL,
                   _("“%s” names port 0, which no server listens on"), stripped);
      return NULL;
    }
  if ((port == 80 && g_str_equal (scheme, "http")) ||
      (port == 443 && g_str_equal (scheme, "https")))
    port = -1;

  path = g_uri_get_path (uri);
  if (path == NULL || *path == '\0')
    path = "/";

  /* A user name and password never go further: not into the document,
   * an export, the CMS, nor a request (see wd_url_has_credentials). */
  return g_uri_join (G_URI_FLAGS_ENCODED | G_URI_FLAGS_NON_DNS,
                     scheme,
                     NULL,
                     host_ascii,
                     port,
                     path,
                     g_uri_get_query (uri),
                     g_uri_get_fragment (uri));
}

gboolean
wd_url_has_credentials (const char *text)
{
  const char *p;

  g_return_val_if_fail (text != NULL, FALSE);

  /* Any "scheme://…@" before the path: works on a single URL and on a
   * block of pasted text alike. */
  for (p = strstr (text, "://"); p != NULL; p = strstr (p, "://"))
    {
      for (p += 3; *p != '\0' && strchr ("/?#", *p) == NULL && !g_ascii_isspace (*p); p++)
        if (*p == '@')
          return TRUE;
    }

  return FALSE;
}

char *
wd_url_dup_host (const char *url)
{
  g_autoptr(GUri) uri = NULL;

  if (url == NULL)
    return NULL;

  uri = g_uri_parse (url, G_URI_FLAGS_ENCODED | G_URI_FLAGS_NON_DNS, NULL);
  if (uri == NULL || g_uri_get_host (uri) == NULL)
    return NULL;

  return g_ascii_strdown (g_uri_get_host (uri), -1);
}

char *
wd_url_dup_registrable_domain (const char *url)
{
  g_autofree char *host = wd_url_dup_host (url);
  g_autoptr(GError) error = NULL;
  const char *base;
  gsize len;

  if (host == NULL || *host == '\0')
    return NULL;

  /* "example.com." is "example.com" */
  len = strlen (host);
  while (len > 1 && host[len - 1] == '.')
    host[--len] = '\0';

  if (g_hostname_is_ip_address (host) || host[0] == '[')
    return g_steal_pointer (&host);

  /* A pointer into host, not a copy: never free it. */
  base = soup_tld_get_base_domain (host, &error);
  if (base != NULL)
    return g_strdup (base);

  /* Under a suffix the list does not know ("press.ferries.example"), the
   * last label is taken for the suffix, as the list's default rule says. */
  if (g_error_matches (error, SOUP_TLD_ERROR, SOUP_TLD_ERROR_NO_BASE_DOMAIN))
    {
      const char *last_dot = strrchr (host, '.');
      const char *p = last_dot;

      while (p != NULL && p > host && p[-1] != '.')
        p--;
      if (last_dot != NULL && p != NULL && p != last_dot)
        return g_strdup (p);
    }

  /* An IP address, a single label, a bare public suffix: the host. */
  return g_steal_pointer (&host);
}

/* TRUE when host is domain or one of its subdomains. */
static gboolean
host_is (const char *host,
         const char *domain)
{
  gsize hl = strlen (host);
  gsize dl = strlen (domain);

  if (hl == dl)
    return g_str_equal (host, domain);

  return hl > dl && host[hl - dl - 1] == '.' && g_str_equal (host + hl - dl, domain);
}

static gboolean
host_in (const char         *host,
         const char * const *domains)
{
  for (guint i = 0; domains[i] != NULL; i++)
    if (host_is (host, domains[i]))
      return TRUE;
  return FALSE;
}

static const char * const social_domains[] = {
  "t.me", "telegram.me", "telegram.org", "x.com", "twitter.com", "bsky.app",
  "facebook.com", "fb.com", "fb.watch", "instagram.com", "youtube.com",
  "youtu.be", "tiktok.com", "threads.net", "linkedin.com", "reddit.com",
  "vk.com", "weibo.com", "mastodon.social", "mastodon.online", "mas.to",
  "fosstodon.org", "hachyderm.io", "infosec.exchange", "mstdn.social",
  "techhub.social", "universeodon.com", NULL
};

static const char * const reference_domains[] = {
  "wikipedia.org", "wikidata.org", "wikimedia.org", "wikinews.org",
  "britannica.com", "archive.org", NULL
};

static const char * const wire_domains[] = {
  "reuters.com", "apnews.com", "ap.org", "afp.com", "dpa.com",
  "dpa-international.com", "bloomberg.com", "ansa.it", "efe.com",
  "kyodonews.net", "upi.com", "aa.com.tr", "xinhuanet.com", "tass.com",
  "prnewswire.com", "businesswire.com", "globenewswire.com", NULL
};

static const char * const official_suffixes[] = {
  "gov", "gouv.fr", "gc.ca", "europa.eu", "mil", "un.org", "who.int",
  "int", "admin.ch", "bund.de", "service.gov.uk", NULL
};

static const char * const news_domains[] = {
  "techcrunch.com", "bbc.co.uk", "bbc.com", "nytimes.com", "theguardian.com",
  "washingtonpost.com", "wsj.com", "ft.com", "cnn.com", "lemonde.fr",
  "spiegel.de", "theverge.com", "wired.com", "arstechnica.com",
  "aljazeera.com", "economist.com", "politico.com", "axios.com", NULL
};

static gboolean
is_official_host (const char *host)
{
  g_auto(GStrv) labels = g_strsplit (host, ".", -1);
  guint n = g_strv_length (labels);

  if (host_in (host, official_suffixes))
    return TRUE;

  /* gov.uk, gov.au, gouv.qc.ca, …: a "gov"/"gouv" label before the TLD. */
  for (guint i = 0; i + 1 < n; i++)
    if (g_str_equal (labels[i], "gov") || g_str_equal (labels[i], "gouv"))
      return i + 3 >= n;

  return FALSE;
}

static gboolean
is_press_page (const char *host,
               const char *path)
{
  static const char * const prefixes[] = {
    "/press", "/newsroom", "/media-centre", "/media-center", "/pressroom", NULL
  };

  if (g_str_has_prefix (host, "press.") || g_str_has_prefix (host, "newsroom.") ||
      g_str_has_prefix (host, "presse."))
    return TRUE;

  for (guint i = 0; path != NULL && prefixes[i] != NULL; i++)
    if (g_str_has_prefix (path, prefixes[i]))
      return TRUE;

  return FALSE;
}

WdSourceKind
wd_url_suggest_kind (const char *url)
{
  g_autoptr(GUri) uri = NULL;
  g_autofree char *host = NULL;

  if (url == NULL)
    return WD_SOURCE_KIND_OTHER;

  uri = g_uri_parse (url, G_URI_FLAGS_ENCODED | G_URI_FLAGS_NON_DNS, NULL);
  if (uri == NULL || g_uri_get_host (uri) == NULL)
    return WD_SOURCE_KIND_OTHER;

  host = g_ascii_strdown (g_uri_get_host (uri), -1);
  if (g_str_has_prefix (host, "www."))
    memmove (host, host + 4, strlen (host + 4) + 1);

  if (host_in (host, social_domains) ||
      g_str_has_prefix (host, "mastodon.") || g_str_has_prefix (host, "mstdn.") ||
      g_str_has_suffix (host, ".social"))
    return WD_SOURCE_KIND_SOCIAL;

  if (host_in (host, reference_domains))
    return WD_SOURCE_KIND_REFERENCE;

  if (host_in (host, wire_domains))
    return WD_SOURCE_KIND_WIRE;

  if (is_official_host (host) || is_press_page (host, g_uri_get_path (uri)))
    return WD_SOURCE_KIND_OFFICIAL;

  if (host_in (host, news_domains) || strstr (host, "news") != NULL ||
      strstr (host, "times") != NULL || strstr (host, "herald") != NULL)
    return WD_SOURCE_KIND_NEWS;

  return WD_SOURCE_KIND_OTHER;
}

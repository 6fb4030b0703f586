/* wd-soft404-private.h: recognising error pages served as 200 OK
 * ("soft 404s", after Bar-Yossef et al., "Sic transit gloria telae").
 *
 * Three signs: the page's title or heading says it is missing; a deep
 * link was redirected to the site's front page; or the page looks like
 * what the site answers for an address that certainly does not exist
 * (the probe: one random path per host and run). */
#pragma once

#include <glib.h>

#include "wd-html-meta.h"

G_BEGIN_DECLS

/* What the site answered for a random, missing path. */
typedef struct
{
  gboolean    answered_ok;   /* a 2xx page, after redirects */
  guint       redirects;
  char       *final_url;
  WdHtmlMeta *meta;
} WdSoft404Probe;

void      _wd_soft404_probe_free            (WdSoft404Probe   *probe);

/* "https://example.com:443": what one probe stands for. NULL if no URL. */
char     *_wd_soft404_origin                (const char       *url);

/* A path on @url's host that no site has: a fresh random one per call. */
char     *_wd_soft404_probe_url             (const char       *url);

/* TRUE when @url is a site's front page ("/", "/index.html", "/en/"). */
gboolean  _wd_soft404_is_front_page         (const char       *url);

/* TRUE when the text reads like an error page's title ("404 Not Found",
 * "Page not found", "Seite nicht gefunden", …). Only a status code in it
 * ("404", "Error 410") is proof enough alone: a film may be called "Not
 * Found", so the words are weighed against the host's probe. */
gboolean  _wd_soft404_says_missing          (const char       *text);
gboolean  _wd_soft404_says_error_code       (const char       *text);

/* TRUE when a deep link @url ended at the front page of the same site. */
gboolean  _wd_soft404_is_front_page_redirect (const char      *url,
                                              const char      *final_url);

/* TRUE when the page (after @redirects, at @final_url) is what the site
 * answers for a missing path. */
gboolean  _wd_soft404_matches_probe         (const WdSoft404Probe *probe,
                                             guint             redirects,
                                             const char       *final_url,
                                             const WdHtmlMeta *meta);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (WdSoft404Probe, _wd_soft404_probe_free)

G_END_DECLS

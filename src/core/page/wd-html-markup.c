#define G_LOG_DOMAIN "wd-html-markup"

#include "config.h"

#include <string.h>

#include "wd-html-reader-private.h"

/* What an element's own attributes state about the page, as the reader
 * (wd-html-reader.c) meets it: microdata (itemprop=author, publisher,
 * datePublished … inside their itemscopes) and the visible markup that
 * names a byline or a date — <time>, rel=author, classes such as
 * "byline" or "post-date", links to an author's page. Asides and menus
 * name other stories' authors and are left out. Each finding either
 * becomes a statement at once or starts a capture of the element's text. */

/* ---------------------------------------------------------------- tokens */

/* Whether the white-space separated @list holds @token; with @part, a
 * token with a word starting with it is enough ("post-byline" and
 * "postByline" for "byline", not "candidate" for "date"). @token is lower
 * case. */
gboolean
_wd_html_has_token (const char *list,
                    const char *token,
                    gboolean    part)
{
  gsize token_len = strlen (token);
  const char *p = list;

  if (list == NULL)
    return FALSE;

  /* A part starts a token or a word in it: "post-date", "entryDate", not "candidate". */
  if (part)
    {
      for (p = strchr (list, token[0]); p != NULL; p = strchr (p + 1, token[0]))
        if (g_ascii_strncasecmp (p, token, token_len) == 0 &&
            (p == list || strchr (" \t\n\r\f-_", p[-1]) != NULL))
          return TRUE;
      for (p = strchr (list, g_ascii_toupper (token[0])); p != NULL;
           p = strchr (p + 1, g_ascii_toupper (token[0])))
        if (g_ascii_strncasecmp (p, token, token_len) == 0)
          return TRUE;
      return FALSE;
    }

  while (*p != '\0')
    {
      gsize len;

      while (g_ascii_isspace (*p))
        p++;
      len = strcspn (p, " \t\n\r\f");
      if (len == 0)
        break;
      if (len == token_len && g_ascii_strncasecmp (p, token, len) == 0)
        return TRUE;
      p += len;
    }

  return FALSE;
}

/* ------------------------------------------------------------ microdata */

static Element *
innermost_scope (Reader *r)
{
  for (guint i = r->stack->len; i > 0 && i + 64 > r->stack->len; i--)
    {
      Element *e = &g_array_index (r->stack, Element, i - 1);

      if (e->scope != SCOPE_NONE)
        return e;
    }
  return NULL;
}

/* An itemprop's value: from an attribute when the element has one, else
 * its text. */
static void
take_property (Reader         *r,
               const char     *name,
               const xmlChar **atts,
               WdPageRule      rule)
{
  const char *value = _wd_html_attr (atts, "content");

  if (value == NULL && (g_str_equal (name, "time") || g_str_equal (name, "ins") ||
                        g_str_equal (name, "del")))
    value = _wd_html_attr (atts, "datetime");
  if (value == NULL && g_str_equal (name, "meta"))
    return;

  if (value != NULL)
    _wd_html_facts_add (r->facts, rule, value);
  else
    _wd_html_reader_start_capture (r, CAPTURE_RULE, rule, MAX_SHORT_CAPTURE);
}

Scope
_wd_html_read_microdata (Reader         *r,
                         const char     *name,
                         const xmlChar **atts)
{
  const char *itemprop = _wd_html_attr (atts, "itemprop");
  gboolean itemscope = _wd_html_attr (atts, "itemscope") != NULL;

  if (itemprop == NULL)
    return itemscope ? SCOPE_OTHER : SCOPE_NONE;

  if (_wd_html_has_token (itemprop, "author", FALSE) || _wd_html_has_token (itemprop, "creator", FALSE))
    {
      if (itemscope)
        {
          /* Its text is the name unless an itemprop=name says it. */
          _wd_html_reader_start_capture (r, CAPTURE_AUTHOR_SCOPE, 0, MAX_SHORT_CAPTURE);
          return SCOPE_AUTHOR;
        }
      take_property (r, name, atts, WD_RULE_MICRODATA_AUTHOR);
    }
  else if (_wd_html_has_token (itemprop, "publisher", FALSE))
    {
      if (itemscope)
        return SCOPE_PUBLISHER;
      take_property (r, name, atts, WD_RULE_MICRODATA_PUBLISHER);
    }
  else if (_wd_html_has_token (itemprop, "name", FALSE))
    {
      Element *scope = innermost_scope (r);

      if (scope != NULL && scope->scope == SCOPE_AUTHOR)
        {
          scope->named = TRUE;
          take_property (r, name, atts, WD_RULE_MICRODATA_AUTHOR);
        }
      else if (scope != NULL && scope->scope == SCOPE_PUBLISHER)
        take_property (r, name, atts, WD_RULE_MICRODATA_PUBLISHER);
    }
  else if (_wd_html_has_token (itemprop, "datePublished", FALSE) ||
           _wd_html_has_token (itemprop, "dateCreated", FALSE))
    take_property (r, name, atts, WD_RULE_MICRODATA_DATE_PUBLISHED);
  else if (_wd_html_has_token (itemprop, "dateModified", FALSE))
    take_property (r, name, atts, WD_RULE_MODIFIED_DATE);
  else if (_wd_html_has_token (itemprop, "inLanguage", FALSE))
    take_property (r, name, atts, WD_RULE_MICRODATA_LANGUAGE);
  else if (_wd_html_has_token (itemprop, "headline", FALSE) && !_wd_html_reader_capturing (r, CAPTURE_HEADING))
    take_property (r, name, atts, WD_RULE_MICRODATA_HEADLINE);

  return itemscope ? SCOPE_OTHER : SCOPE_NONE;
}

/* --------------------------------------------------------- visible markup */

static gboolean
is_date_class (const char *class)
{
  return (_wd_html_has_token (class, "date", TRUE) || _wd_html_has_token (class, "publish", TRUE) ||
          _wd_html_has_token (class, "posted", TRUE) || _wd_html_has_token (class, "timestamp", TRUE)) &&
         !_wd_html_has_token (class, "update", TRUE) && !_wd_html_has_token (class, "modified", TRUE) &&
         !_wd_html_has_token (class, "dateline", TRUE);
}

static gboolean
is_not_byline_class (const char *class)
{
  return _wd_html_has_token (class, "comment", TRUE) || _wd_html_has_token (class, "bio", TRUE) ||
         _wd_html_has_token (class, "avatar", TRUE) || _wd_html_has_token (class, "authorship", TRUE);
}

/* A link to an author's page: "/author/ann-lee/", "/autoren/jana-roth",
 * "https://news.example/staff/bob-ray.html" — a folder that names authors,
 * then the author's own part. */
static gboolean
is_author_page (const char *href)
{
  static const char * const folders[] = {
    "author", "authors", "autor", "autoren", "auteur", "auteurs", "autore", "autori",
    "autores", "journalist", "journalists", "journalisten", "reporter", "reporters",
    "staff", "contributor", "contributors", "writer", "writers", "columnist",
    "columnists", "redaktion", NULL
  };
  const char *path;
  g_auto(GStrv) parts = NULL;

  if (href == NULL || strlen (href) > 512)
    return FALSE;

  /* Past the scheme and host; up to the query. */
  path = strstr (href, "://");
  path = path != NULL ? strchr (path + 3, '/') : href;
  if (path == NULL)
    return FALSE;
  parts = g_strsplit (path, "/", 16);

  for (guint i = 0; parts[i] != NULL; i++)
    {
      const char *next = parts[i + 1];

      /* The author's part names them: not "2012-06", not empty. */
      if (next == NULL || !(g_ascii_isalpha (*next) || *next == '@'))
        continue;
      for (guint j = 0; folders[j] != NULL; j++)
        if (g_ascii_strcasecmp (parts[i], folders[j]) == 0)
          return TRUE;
    }
  return FALSE;
}

void
_wd_html_read_markup (Reader         *r,
                      const char     *name,
                      const xmlChar **atts)
{
  const char *class = _wd_html_attr (atts, "class");

  if (g_str_equal (name, "time"))
    {
      const char *datetime = _wd_html_attr (atts, "datetime");
      gboolean pubdate = _wd_html_attr (atts, "pubdate") != NULL ||
                         _wd_html_has_token (class, "publish", TRUE) || _wd_html_has_token (class, "entry-date", TRUE);
      WdPageRule rule = pubdate ? WD_RULE_TIME_PUBDATE : WD_RULE_TIME_ELEMENT;

      if (_wd_html_has_token (class, "update", TRUE) || _wd_html_has_token (class, "modified", TRUE))
        rule = WD_RULE_MODIFIED_DATE;

      if (datetime != NULL)
        _wd_html_facts_add (r->facts, rule, datetime);
      else
        _wd_html_reader_start_class_capture (r, rule);
      return;
    }

  /* Asides and menus name other stories' authors, and authors' pages. */
  if (r->in_aside > 0)
    {
      if (class != NULL && is_date_class (class))
        _wd_html_reader_start_class_capture (r, WD_RULE_DATE_CLASS);
      return;
    }

  if (g_str_equal (name, "a") && _wd_html_has_token (_wd_html_attr (atts, "rel"), "author", FALSE))
    {
      _wd_html_reader_start_class_capture (r, WD_RULE_REL_AUTHOR);
      return;
    }
  if (g_str_equal (name, "a") && (class == NULL || !is_not_byline_class (class)) &&
      is_author_page (_wd_html_attr (atts, "href")))
    _wd_html_reader_start_class_capture (r, WD_RULE_AUTHOR_LINK);

  if (class == NULL || is_not_byline_class (class))
    return;

  if (_wd_html_has_token (class, "byline", TRUE))
    _wd_html_reader_start_class_capture (r, WD_RULE_BYLINE_CLASS);
  else if (_wd_html_has_token (class, "author", TRUE))
    _wd_html_reader_start_class_capture (r, WD_RULE_AUTHOR_CLASS);
  else if (is_date_class (class))
    _wd_html_reader_start_class_capture (r, WD_RULE_DATE_CLASS);
}

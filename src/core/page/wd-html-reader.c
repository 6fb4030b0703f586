#define G_LOG_DOMAIN "wd-html-reader"

#include "config.h"

#include <string.h>

#include "wd-html-reader-private.h"

/* The HTML reader: libxml2's SAX walk over a page (its tags bounded
 * first, wd-html-bound.c) collecting what the page states into
 * WdHtmlFacts — <html lang>, <meta> (wd-page-metas.c), the canonical link,
 * the <title>, the <h1> headings, JSON-LD blocks (wd-json-ld.c), the logo's
 * text, the page's text and the text a reader sees (wd-html-visible.c) — with captures of an element's text for the
 * statements the markup makes (wd-html-markup.c). */

/* A <title>, <h1> or JSON-LD block is not read past this. */
#define MAX_CAPTURE_BYTES (256 * 1024)
/* Elements nested deeper than this are not tracked one by one. */
#define MAX_STACK 1024
/* Elements read for a class-named byline or date, per rule. */
#define MAX_CLASS_CAPTURES 6
/* Visible characters (not counting white space) between two bylines of
 * one rule that name several people ("<a rel=author>Ann Lee</a> and <a
 * rel=author>Bob Ray</a>"); one further away is another story's (a list of
 * related stories) or a guest's. */
#define MAX_BYLINE_GAP 20

/* Elements whose content is not visible text. */
static const char * const opaque_elements[] = {
  "script", "style", "noscript", "template", "svg", "math", "iframe",
  "object", "select", "title", "textarea", NULL
};

/* Elements that do not separate words. */
static const char * const inline_elements[] = {
  "a", "abbr", "b", "bdi", "bdo", "cite", "code", "data", "dfn", "em",
  "font", "i", "kbd", "label", "mark", "q", "s", "samp", "small", "span",
  "strong", "sub", "sup", "time", "u", "var", NULL
};


/* ------------------------------------------------------------ the facts */

void
_wd_html_facts_add (WdHtmlFacts *facts,
                    WdPageRule   rule,
                    const char  *value)
{
  GPtrArray *values;

  g_return_if_fail (rule < WD_N_RULES);

  if (value == NULL || *value == '\0')
    return;

  if (facts->values[rule] == NULL)
    facts->values[rule] = g_ptr_array_new_with_free_func (g_free);
  values = facts->values[rule];

  if (values->len < WD_PAGE_RULE_MAX_VALUES)
    g_ptr_array_add (values, g_strndup (value, strnlen (value, MAX_CAPTURE_BYTES)));
}

const char *
_wd_html_facts_first (const WdHtmlFacts *facts,
                      WdPageRule         rule)
{
  g_return_val_if_fail (rule < WD_N_RULES, NULL);

  if (facts->values[rule] == NULL || facts->values[rule]->len == 0)
    return NULL;
  return g_ptr_array_index (facts->values[rule], 0);
}

/* -------------------------------------------------------------- helpers */

gboolean
_wd_html_name_in (const char         *name,
                  const char * const *names)
{
  for (guint i = 0; names[i] != NULL; i++)
    if (g_ascii_strcasecmp (name, names[i]) == 0)
      return TRUE;
  return FALSE;
}

const char *
_wd_html_attr (const xmlChar **atts,
               const char     *name)
{
  for (guint i = 0; atts != NULL && atts[i] != NULL; i += 2)
    if (g_ascii_strcasecmp ((const char *) atts[i], name) == 0)
      return atts[i + 1] != NULL ? (const char *) atts[i + 1] : "";
  return NULL;
}

static void
read_meta (Reader         *r,
           const xmlChar **atts)
{
  const char *content = _wd_html_attr (atts, "content");
  const char *property = _wd_html_attr (atts, "property");
  const char *name = _wd_html_attr (atts, "name");

  if (content == NULL)
    return;

  _wd_html_metas_read (&r->metas, property, content);
  if (name != NULL && (property == NULL || g_ascii_strcasecmp (name, property) != 0))
    _wd_html_metas_read (&r->metas, name, content);
  _wd_html_metas_read (&r->metas, _wd_html_attr (atts, "http-equiv"), content);
}

/* ------------------------------------------------------------- captures */

void
_wd_html_reader_start_capture (Reader      *r,
                               CaptureKind  kind,
                               WdPageRule   rule,
                               gsize        max)
{
  Capture *c;

  if (r->n_captures >= MAX_CAPTURES)
    return;

  c = &r->captures[r->n_captures++];
  c->kind = kind;
  c->rule = rule;
  c->depth = r->stack->len;
  c->max = max;
  c->at = r->facts->text->len;
  c->discard = FALSE;
  if (c->text == NULL)
    c->text = g_string_new (NULL);
  else
    g_string_truncate (c->text, 0);
}

/* Once per element and rule (a class byline), at most MAX_CLASS_CAPTURES. */
void
_wd_html_reader_start_class_capture (Reader     *r,
                                     WdPageRule  rule)
{
  if (r->class_captures[rule] >= MAX_CLASS_CAPTURES)
    return;
  r->class_captures[rule]++;
  _wd_html_reader_start_capture (r, CAPTURE_RULE, rule, MAX_SHORT_CAPTURE);
}

gboolean
_wd_html_reader_capturing (Reader      *r,
                           CaptureKind  kind)
{
  for (guint i = 0; i < r->n_captures; i++)
    if (r->captures[i].kind == kind)
      return TRUE;
  return FALSE;
}

/* Characters other than white space in @text from @start to @end. */
static gsize
visible_between (GString *text,
                 gsize    start,
                 gsize    end)
{
  gsize n = 0;

  for (gsize i = start; i < end && i < text->len && n <= MAX_BYLINE_GAP; i++)
    n += !g_ascii_isspace (text->str[i]);
  return n;
}

/* Rules whose several statements name several people only when they sit
 * side by side. */
static gboolean
is_grouped_byline (WdPageRule rule)
{
  return rule == WD_RULE_REL_AUTHOR || rule == WD_RULE_AUTHOR_LINK;
}

/* Captures whose text is a byline: the lines of their blocks stay apart
 * ("Ann Lee<br>Staff writer"). */
static gboolean
is_author_capture (const Capture *c)
{
  return c->kind == CAPTURE_AUTHOR_SCOPE ||
         (c->kind == CAPTURE_RULE &&
          (c->rule == WD_RULE_MICRODATA_AUTHOR || c->rule == WD_RULE_REL_AUTHOR ||
           c->rule == WD_RULE_BYLINE_CLASS || c->rule == WD_RULE_AUTHOR_CLASS ||
           c->rule == WD_RULE_AUTHOR_LINK));
}

static void
end_capture (Reader  *r,
             Capture *c)
{
  WdHtmlFacts *facts = r->facts;

  if (c->discard)
    return;

  switch (c->kind)
    {
    case CAPTURE_HEADING:
      if (facts->heading == NULL)
        facts->heading = g_strdup (c->text->str);
      if (facts->n_headings < WD_HTML_MAX_HEADINGS)
        {
          WdHtmlHeading *heading = &facts->headings[facts->n_headings++];

          heading->text = g_strndup (c->text->str, MIN (c->text->len, MAX_SHORT_CAPTURE));
          heading->at = r->heading_at;
          heading->end = facts->text->len;
        }
      break;
    case CAPTURE_JSON_LD:
      _wd_json_ld_read (facts, c->text->str);
      break;
    case CAPTURE_AUTHOR_SCOPE:
      _wd_html_facts_add (facts, WD_RULE_MICRODATA_AUTHOR, c->text->str);
      break;
    case CAPTURE_RULE:
    default:
      if (is_grouped_byline (c->rule))
        {
          /* Several people named in one byline, not the bylines of a list
           * of other stories further down. */
          if (r->byline_end[c->rule] != 0 &&
              visible_between (facts->text, r->byline_end[c->rule] - 1, c->at) > MAX_BYLINE_GAP)
            break;
          r->byline_end[c->rule] = facts->text->len + 1;
        }
      _wd_html_facts_add (facts, c->rule, c->text->str);
      break;
    }
}

/* Ends the captures of elements deeper than the stack now is. */
static void
end_captures (Reader *r)
{
  while (r->n_captures > 0 && r->captures[r->n_captures - 1].depth > r->stack->len)
    {
      Capture *c = &r->captures[--r->n_captures];

      end_capture (r, c);
    }
}

static void
append_to_captures (Reader     *r,
                    const char *text,
                    gsize       len)
{
  for (guint i = 0; i < r->n_captures; i++)
    {
      Capture *c = &r->captures[i];

      if (c->text->len < c->max)
        g_string_append_len (c->text, text, MIN (len, c->max - c->text->len));
    }
}

/* Between blocks: a space, a line break in a byline. */
static void
break_captures (Reader *r)
{
  for (guint i = 0; i < r->n_captures; i++)
    {
      Capture *c = &r->captures[i];

      if (c->text->len < c->max)
        g_string_append_c (c->text, is_author_capture (c) ? WD_BYLINE_BREAK : ' ');
    }
}

/* --------------------------------------------------------------- events */

/* Found when the element opens and kept for its end: a list lookup less
 * for each element. */
static TextRole
text_role (const char *name)
{
  if (g_str_equal (name, "head"))
    return TEXT_HEAD;
  if (_wd_html_name_in (name, opaque_elements))
    return TEXT_OPAQUE;
  if (_wd_html_name_in (name, inline_elements))
    return TEXT_INLINE;
  return TEXT_BLOCK;
}

static void
on_start_element (void           *data,
                  const xmlChar  *xname,
                  const xmlChar **atts)
{
  Reader *r = data;
  WdHtmlFacts *facts = r->facts;
  const char *name = (const char *) xname;
  Element element = { NULL, SCOPE_NONE, FALSE, FALSE, FALSE, 0, 0, 0, 0, 0, 0 };

  if (g_str_equal (name, "html"))
    {
      _wd_html_facts_add (facts, WD_RULE_HTML_LANG, _wd_html_attr (atts, "lang"));
      _wd_html_facts_add (facts, WD_RULE_HTML_LANG, _wd_html_attr (atts, "xml:lang"));
    }
  else if (g_str_equal (name, "meta"))
    read_meta (r, atts);
  else if (g_str_equal (name, "link") && _wd_html_has_token (_wd_html_attr (atts, "rel"), "canonical", FALSE))
    _wd_html_facts_add (facts, WD_RULE_LINK_CANONICAL, _wd_html_attr (atts, "href"));

  if (r->stack->len >= MAX_STACK)
    {
      r->overflow++;
      _wd_html_visible_open_untracked (r, name, atts);
      return;
    }

  element.name = _wd_html_element_name (name);
  if (element.name == NULL)
    {
      element.name = g_strdup (name);
      element.owns_name = TRUE;
    }
  element.role = text_role (name);
  if (r->in_head == 0 && (_wd_html_has_token (_wd_html_attr (atts, "class"), "logo", TRUE) ||
                          _wd_html_has_token (_wd_html_attr (atts, "id"), "logo", TRUE)))
    {
      element.logo = TRUE;
      r->in_logo++;
    }
  if (g_str_equal (name, "aside") || g_str_equal (name, "nav"))
    {
      element.aside = TRUE;
      r->in_aside++;
    }
  _wd_html_visible_open (r, &element, name, atts);
  g_array_append_val (r->stack, element);

  /* The site's logo: the text in place of its image. */
  if (g_str_equal (name, "img") && r->in_logo > 0)
    _wd_html_facts_add (facts, WD_RULE_LOGO_ALT, _wd_html_attr (atts, "alt"));
  if (r->in_opaque == 0)
    {
      Scope scope = _wd_html_read_microdata (r, name, atts);
      g_array_index (r->stack, Element, r->stack->len - 1).scope = scope;
    }

  if (element.role == TEXT_HEAD)
    r->in_head++;
  else if (element.role == TEXT_OPAQUE)
    r->in_opaque++;
  else if (element.role == TEXT_BLOCK && facts->text->len > 0)
    {
      g_string_append_c (facts->text, '\n');
      break_captures (r);
    }

  if (g_str_equal (name, "title"))
    {
      if (_wd_html_facts_first (facts, WD_RULE_TITLE_ELEMENT) == NULL)
        _wd_html_reader_start_capture (r, CAPTURE_RULE, WD_RULE_TITLE_ELEMENT, MAX_CAPTURE_BYTES);
    }
  else if (g_str_equal (name, "h1"))
    {
      if (facts->n_headings < WD_HTML_MAX_HEADINGS && !_wd_html_reader_capturing (r, CAPTURE_HEADING))
        {
          r->heading_at = facts->text->len;
          _wd_html_reader_start_capture (r, CAPTURE_HEADING, 0, MAX_CAPTURE_BYTES);
        }
    }
  else if (g_str_equal (name, "script"))
    {
      const char *type = _wd_html_attr (atts, "type");

      if (type != NULL && g_ascii_strncasecmp (type, "application/ld+json", 19) == 0 &&
          facts->n_json_ld++ < WD_JSON_LD_MAX_BLOCKS)
        _wd_html_reader_start_capture (r, CAPTURE_JSON_LD, 0, MAX_CAPTURE_BYTES);
    }
  else if (r->in_head == 0 && r->in_opaque == 0)
    _wd_html_read_markup (r, name, atts);
}

/* Leaves the innermost open element. */
static void
pop_element (Reader *r)
{
  Element element = g_array_index (r->stack, Element, r->stack->len - 1);

  g_array_set_size (r->stack, r->stack->len - 1);
  if (element.logo)
    r->in_logo--;
  if (element.aside)
    r->in_aside--;

  /* An author scope's whole text is not its name when it had one. */
  if (element.scope == SCOPE_AUTHOR && element.named)
    for (guint i = 0; i < r->n_captures; i++)
      if (r->captures[i].kind == CAPTURE_AUTHOR_SCOPE && r->captures[i].depth == r->stack->len + 1)
        r->captures[i].discard = TRUE;

  end_captures (r);

  if (element.role == TEXT_HEAD)
    r->in_head--;
  else if (element.role == TEXT_OPAQUE)
    r->in_opaque--;
  else if (element.role == TEXT_BLOCK && r->facts->text->len > 0)
    {
      g_string_append_c (r->facts->text, '\n');
      break_captures (r);
    }
  _wd_html_visible_close (r, &element);

  if (element.owns_name)
    g_free ((char *) element.name);
}

static void
on_end_element (void          *data,
                const xmlChar *xname)
{
  Reader *r = data;
  const char *name = (const char *) xname;
  guint open;

  if (r->overflow > 0)
    {
      _wd_html_visible_close_untracked (r, name);
      r->overflow--;
      return;
    }

  /* Close up to the matching element; ignore a stray end tag. */
  for (open = r->stack->len; open > 0; open--)
    if (g_str_equal (g_array_index (r->stack, Element, open - 1).name, name))
      break;

  while (open > 0 && r->stack->len >= open)
    pop_element (r);
}

static void
on_characters (void          *data,
               const xmlChar *text,
               int            len)
{
  Reader *r = data;
  GString *all = r->facts->text;

  append_to_captures (r, (const char *) text, len);

  if (r->in_head == 0 && r->in_opaque == 0 && all->len < WD_HTML_MAX_TEXT_BYTES)
    g_string_append_len (all, (const char *) text, MIN ((gsize) len, WD_HTML_MAX_TEXT_BYTES));
  _wd_html_visible_text (r, (const char *) text, len);
}

/* ----------------------------------------------------------------- read */

void
_wd_html_facts_read (WdHtmlFacts *facts,
                     const char  *html,
                     gsize        len)
{
  htmlSAXHandler sax = { 0, };
  htmlParserCtxtPtr ctxt;
  Reader r = { 0, };
  g_autofree char *bounded = NULL;
  gsize bounded_len = 0;

  g_return_if_fail (facts != NULL);
  g_return_if_fail (html != NULL || len == 0);

  facts->text = g_string_new (NULL);
  facts->visible = g_string_new (NULL);

  bounded = _wd_html_bound_tags (html, len, &bounded_len);
  if (bounded != NULL)
    {
      html = bounded;
      len = bounded_len;
    }

  r.facts = facts;
  r.metas.facts = facts;
  r.stack = g_array_new (FALSE, FALSE, sizeof (Element));

  sax.startElement = on_start_element;
  sax.endElement = on_end_element;
  sax.characters = on_characters;
  sax.ignorableWhitespace = on_characters;
  sax.cdataBlock = on_characters;

  /* The text is UTF-8 already: a <meta charset> must not switch it. */
  ctxt = htmlCreatePushParserCtxt (&sax, &r, NULL, 0, NULL, XML_CHAR_ENCODING_UTF8);
  htmlCtxtUseOptions (ctxt, HTML_PARSE_RECOVER | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING |
                            HTML_PARSE_NONET | HTML_PARSE_IGNORE_ENC);
  htmlParseChunk (ctxt, html, (int) MIN (len, G_MAXINT), 1);

  /* Whatever is still open ends with the document. */
  while (r.stack->len > 0)
    pop_element (&r);
  end_captures (&r);
  _wd_html_metas_finish (&r.metas);
  _wd_json_ld_resolve (facts);

  if (ctxt->myDoc != NULL)
    xmlFreeDoc (ctxt->myDoc);
  htmlFreeParserCtxt (ctxt);
  g_array_unref (r.stack);
  for (guint i = 0; i < MAX_CAPTURES; i++)
    if (r.captures[i].text != NULL)
      g_string_free (r.captures[i].text, TRUE);
  _wd_html_metas_clear (&r.metas);
}

void
_wd_html_facts_clear (WdHtmlFacts *facts)
{
  for (guint i = 0; i < WD_N_RULES; i++)
    g_clear_pointer (&facts->values[i], g_ptr_array_unref);
  g_clear_pointer (&facts->heading, g_free);
  g_clear_pointer (&facts->refresh, g_free);
  g_clear_pointer (&facts->ld_names, g_hash_table_unref);
  for (guint i = 0; facts->ld_refs != NULL && i < facts->ld_refs->len; i++)
    g_free (g_array_index (facts->ld_refs, WdJsonLdRef, i).id);
  g_clear_pointer (&facts->ld_refs, g_array_unref);
  for (guint i = 0; i < facts->n_headings; i++)
    g_clear_pointer (&facts->headings[i].text, g_free);
  facts->n_headings = 0;
  if (facts->text != NULL)
    g_string_free (g_steal_pointer (&facts->text), TRUE);
  if (facts->visible != NULL)
    g_string_free (g_steal_pointer (&facts->visible), TRUE);
}

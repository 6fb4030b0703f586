#define G_LOG_DOMAIN "wd-html-reader"

#include "config.h"

#include <libxml/HTMLparser.h>
#include <string.h>

#include "wd-html-meta-private.h"

/* Visible text beyond this is not collected (bodies are capped anyway). */
#define MAX_TEXT_BYTES (4 * 1024 * 1024)
/* A <title>, <h1> or JSON-LD block is not read past this. */
#define MAX_CAPTURE_BYTES (256 * 1024)
/* Elements nested deeper than this are not tracked one by one. */
#define MAX_STACK 1024

typedef enum
{
  CAPTURE_NONE,
  CAPTURE_TITLE,
  CAPTURE_HEADING,
  CAPTURE_JSON_LD,
} Capture;

typedef struct
{
  WdHtmlFacts *facts;
  GPtrArray   *stack;          /* open element names */
  guint        overflow;       /* open elements not on the stack */
  guint        in_head;
  guint        in_opaque;      /* inside elements whose text is not visible */
  Capture      capture;
  guint        capture_depth;  /* the stack length when the capture began */
  GString     *captured;
  guint        n_json_ld;
} Reader;

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

static gboolean
name_in (const char         *name,
         const char * const *names)
{
  for (guint i = 0; names[i] != NULL; i++)
    if (g_ascii_strcasecmp (name, names[i]) == 0)
      return TRUE;
  return FALSE;
}

static const char *
attr (const xmlChar **atts,
      const char     *name)
{
  for (guint i = 0; atts != NULL && atts[i] != NULL; i += 2)
    if (g_ascii_strcasecmp ((const char *) atts[i], name) == 0)
      return atts[i + 1] != NULL ? (const char *) atts[i + 1] : "";
  return NULL;
}

static void
take_first (char       **slot,
            const char  *value)
{
  if (*slot == NULL && value != NULL && *value != '\0')
    *slot = g_strdup (value);
}

static gboolean
has_token (const char *list,
           const char *token)
{
  g_auto(GStrv) tokens = NULL;

  if (list == NULL)
    return FALSE;

  tokens = g_strsplit_set (list, " \t\n\r\f", -1);
  for (guint i = 0; tokens[i] != NULL; i++)
    if (g_ascii_strcasecmp (tokens[i], token) == 0)
      return TRUE;
  return FALSE;
}

static void
read_meta (WdHtmlFacts    *facts,
           const xmlChar **atts)
{
  const char *key = attr (atts, "property");
  const char *content = attr (atts, "content");
  g_autofree char *lower = NULL;

  if (key == NULL)
    key = attr (atts, "name");
  if (key == NULL)
    key = attr (atts, "http-equiv");
  if (key == NULL || content == NULL)
    return;

  lower = g_ascii_strdown (key, -1);
  g_strstrip (lower);

  if (g_str_equal (lower, "citation_author"))
    {
      if (facts->citation_authors->len < 20)
        g_ptr_array_add (facts->citation_authors, g_strdup (content));
    }
  else if (!g_hash_table_contains (facts->metas, lower) && g_hash_table_size (facts->metas) < 512)
    g_hash_table_insert (facts->metas, g_steal_pointer (&lower), g_strdup (content));
}

static void
start_capture (Reader  *r,
               Capture  capture)
{
  r->capture = capture;
  r->capture_depth = r->stack->len;
  g_string_truncate (r->captured, 0);
}

static void
end_capture (Reader *r)
{
  WdHtmlFacts *facts = r->facts;

  switch (r->capture)
    {
    case CAPTURE_TITLE:
      take_first (&facts->title, r->captured->str);
      break;
    case CAPTURE_HEADING:
      take_first (&facts->heading, r->captured->str);
      break;
    case CAPTURE_JSON_LD:
      _wd_json_ld_read (&facts->json_ld, r->captured->str);
      break;
    case CAPTURE_NONE:
    default:
      break;
    }

  r->capture = CAPTURE_NONE;
}

static void
on_start_element (void           *data,
                  const xmlChar  *xname,
                  const xmlChar **atts)
{
  Reader *r = data;
  WdHtmlFacts *facts = r->facts;
  const char *name = (const char *) xname;

  if (g_str_equal (name, "html"))
    take_first (&facts->lang, attr (atts, "lang"));
  else if (g_str_equal (name, "meta"))
    read_meta (facts, atts);
  else if (g_str_equal (name, "time"))
    take_first (&facts->time_datetime, attr (atts, "datetime"));
  else if (g_str_equal (name, "link") && has_token (attr (atts, "rel"), "canonical"))
    take_first (&facts->link_canonical, attr (atts, "href"));

  if (r->stack->len >= MAX_STACK)
    {
      r->overflow++;
      return;
    }
  g_ptr_array_add (r->stack, g_strdup (name));

  if (r->capture == CAPTURE_NONE)
    {
      const char *type = attr (atts, "type");

      if (g_str_equal (name, "title") && facts->title == NULL)
        start_capture (r, CAPTURE_TITLE);
      else if (g_str_equal (name, "h1") && facts->heading == NULL)
        start_capture (r, CAPTURE_HEADING);
      else if (g_str_equal (name, "script") && type != NULL &&
               g_ascii_strncasecmp (type, "application/ld+json", 19) == 0 &&
               r->n_json_ld++ < WD_JSON_LD_MAX_BLOCKS)
        start_capture (r, CAPTURE_JSON_LD);
    }

  if (g_str_equal (name, "head"))
    r->in_head++;
  else if (name_in (name, opaque_elements))
    r->in_opaque++;
  else if (!name_in (name, inline_elements) && facts->text->len > 0)
    g_string_append_c (facts->text, ' ');
}

/* Leaves the innermost open element. */
static void
pop_element (Reader *r)
{
  g_autofree char *name = g_ptr_array_steal_index (r->stack, r->stack->len - 1);

  if (r->capture != CAPTURE_NONE && r->stack->len < r->capture_depth)
    end_capture (r);

  if (g_str_equal (name, "head"))
    r->in_head--;
  else if (name_in (name, opaque_elements))
    r->in_opaque--;
  else if (!name_in (name, inline_elements) && r->facts->text->len > 0)
    g_string_append_c (r->facts->text, ' ');
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
      r->overflow--;
      return;
    }

  /* Close up to the matching element; ignore a stray end tag. */
  for (open = r->stack->len; open > 0; open--)
    if (g_str_equal (g_ptr_array_index (r->stack, open - 1), name))
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
  GString *visible = r->facts->text;

  if (r->capture != CAPTURE_NONE && r->captured->len < MAX_CAPTURE_BYTES)
    g_string_append_len (r->captured, (const char *) text, MIN (len, MAX_CAPTURE_BYTES));

  if (r->in_head == 0 && r->in_opaque == 0 && visible->len < MAX_TEXT_BYTES)
    g_string_append_len (visible, (const char *) text, MIN ((gsize) len, MAX_TEXT_BYTES));
}

void
_wd_html_facts_read (WdHtmlFacts *facts,
                     const char  *html,
                     gsize        len)
{
  htmlSAXHandler sax = { 0, };
  htmlParserCtxtPtr ctxt;
  Reader r = { 0, };

  g_return_if_fail (facts != NULL);
  g_return_if_fail (html != NULL || len == 0);

  facts->metas = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  facts->citation_authors = g_ptr_array_new_with_free_func (g_free);
  facts->text = g_string_new (NULL);

  r.facts = facts;
  r.stack = g_ptr_array_new_with_free_func (g_free);
  r.captured = g_string_new (NULL);

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
  if (r.capture != CAPTURE_NONE)
    end_capture (&r);

  if (ctxt->myDoc != NULL)
    xmlFreeDoc (ctxt->myDoc);
  htmlFreeParserCtxt (ctxt);
  g_ptr_array_unref (r.stack);
  g_string_free (r.captured, TRUE);
}

void
_wd_html_facts_clear (WdHtmlFacts *facts)
{
  g_clear_pointer (&facts->lang, g_free);
  g_clear_pointer (&facts->title, g_free);
  g_clear_pointer (&facts->heading, g_free);
  g_clear_pointer (&facts->time_datetime, g_free);
  g_clear_pointer (&facts->link_canonical, g_free);
  g_clear_pointer (&facts->metas, g_hash_table_unref);
  g_clear_pointer (&facts->citation_authors, g_ptr_array_unref);
  _wd_json_ld_clear (&facts->json_ld);
  if (facts->text != NULL)
    g_string_free (g_steal_pointer (&facts->text), TRUE);
}

#define G_LOG_DOMAIN "wd-html-visible"

#include "config.h"

#include <string.h>

#include "wd-html-reader-private.h"

/* The text a reader of the page sees, as the reader (wd-html-reader.c)
 * walks it: what elements hidden by their own markup hold is left out —
 * the hidden attribute, aria-hidden="true", an inline style of
 * display:none or visibility:hidden, a closed <dialog>, <datalist> (the
 * reader's opaque elements — <script>, <template>, <noscript> … — are out
 * already). Stylesheets are not read: a class that hides is not seen.
 * Blocks — paragraphs, headings, list items, table cells — are apart by
 * a blank line, a <br> ends a line, as a browser lays them out; a
 * quotation is not matched across a blank line (wd-quote-words.c).
 *
 * This text is what quotations are checked against and what the editor
 * shows as a capture's text. The page's fingerprint (content-sha256, its
 * word sketch) stays over the reader's other text, which keeps hidden
 * elements, so that no page's fingerprint moves with this reading. */

/* --------------------------------------------------------- inline style */

typedef enum
{
  VISIBILITY_INHERIT,
  VISIBILITY_HIDDEN,
  VISIBILITY_VISIBLE,
} Visibility;

typedef struct
{
  gboolean   display_none;
  gboolean   display_important;
  Visibility visibility;
  gboolean   visibility_important;
} Style;

/* @s[0, len) without white space around it. */
static void
trim (const char **s,
      gsize       *len)
{
  while (*len > 0 && g_ascii_isspace (**s))
    (*s)++, (*len)--;
  while (*len > 0 && g_ascii_isspace ((*s)[*len - 1]))
    (*len)--;
}

static gboolean
equals (const char *s,
        gsize       len,
        const char *word)
{
  return strlen (word) == len && g_ascii_strncasecmp (s, word, len) == 0;
}

/* One declaration "name: value [!important]"; a later one wins, unless an
 * earlier one was important and it is not, as in CSS. */
static void
read_declaration (Style      *style,
                  const char *decl,
                  gsize       len)
{
  const char *colon = memchr (decl, ':', len);
  const char *name = decl, *value, *bang;
  gsize name_len, value_len;
  gboolean important = FALSE;

  if (colon == NULL)
    return;
  name_len = colon - decl;
  value = colon + 1;
  value_len = len - name_len - 1;
  trim (&name, &name_len);

  bang = memchr (value, '!', value_len);
  if (bang != NULL)
    {
      const char *flag = bang + 1;
      gsize flag_len = value_len - (bang + 1 - value);

      trim (&flag, &flag_len);
      important = equals (flag, flag_len, "important");
      value_len = bang - value;
    }
  trim (&value, &value_len);

  if (equals (name, name_len, "display"))
    {
      if (!style->display_important || important)
        {
          style->display_none = equals (value, value_len, "none");
          style->display_important |= important;
        }
    }
  else if (equals (name, name_len, "visibility"))
    {
      if (!style->visibility_important || important)
        {
          if (equals (value, value_len, "hidden") || equals (value, value_len, "collapse"))
            style->visibility = VISIBILITY_HIDDEN;
          else if (equals (value, value_len, "visible"))
            style->visibility = VISIBILITY_VISIBLE;
          else
            style->visibility = VISIBILITY_INHERIT;
          style->visibility_important |= important;
        }
    }
}

/* A style attribute's display and visibility, read tolerantly: comments,
 * quoted strings and brackets (a ';' inside url(…) ends nothing), stray
 * characters and an unfinished declaration at the end. One pass, nothing
 * allocated: a huge attribute costs its length, once. */
static Style
read_style (const char *css)
{
  Style style = { FALSE, FALSE, VISIBILITY_INHERIT, FALSE };
  g_autoptr(GString) decl = NULL;
  const char *p = css;
  char quote = 0;
  guint depth = 0;

  if (css == NULL)
    return style;

  /* Declarations are copied without their comments: "display: none" with
   * a comment between the colon and the value still hides. */
  decl = g_string_sized_new (64);
  while (*p != '\0')
    {
      if (p[0] == '/' && p[1] == '*')
        {
          /* Not strstr: AddressSanitizer's strstr measures the whole rest
           * of the string at each call, which made 200 000 comments in a
           * 3 MB attribute quadratic there (docs/BENCHMARKS.md). */
          p += 2;
          while (*p != '\0' && !(p[0] == '*' && p[1] == '/'))
            p++;
          if (*p != '\0')
            p += 2;
          continue;
        }
      if (quote != 0)
        {
          if (*p == '\\' && p[1] != '\0')
            p++;
          else if (*p == quote)
            quote = 0;
        }
      else if (*p == '"' || *p == '\'')
        quote = *p;
      else if (*p == '(')
        depth++;
      else if (*p == ')' && depth > 0)
        depth--;
      else if (*p == ';' && depth == 0)
        {
          read_declaration (&style, decl->str, decl->len);
          g_string_truncate (decl, 0);
          p++;
          continue;
        }
      /* Only a display or visibility declaration matters: a long one is
       * neither, and is not kept. */
      if (decl->len < 64)
        g_string_append_c (decl, *p);
      p++;
    }
  read_declaration (&style, decl->str, decl->len);

  return style;
}

/* ------------------------------------------------------------- elements */

static gboolean
is_true (const char *value)
{
  gsize len = value != NULL ? strlen (value) : 0;

  trim (&value, &len);
  return equals (value, len, "true");
}

/* Whether the element @name with @atts shows nothing of its content to a
 * reader, and the visibility its style sets for it and what is inside. */
static gboolean
hides (const char      *name,
       const xmlChar  **atts,
       Visibility      *visibility)
{
  const char *hidden = _wd_html_attr (atts, "hidden");
  Style style = read_style (_wd_html_attr (atts, "style"));

  *visibility = style.visibility;

  /* hidden="until-found" is content the browser's Find shows, as in a
   * closed <details>: the reader can see it. */
  if (hidden != NULL)
    {
      gsize len = strlen (hidden);

      trim (&hidden, &len);
      if (!equals (hidden, len, "until-found"))
        return TRUE;
    }
  if (is_true (_wd_html_attr (atts, "aria-hidden")) || style.display_none)
    return TRUE;
  if (g_ascii_strcasecmp (name, "dialog") == 0 && _wd_html_attr (atts, "open") == NULL)
    return TRUE;
  return g_ascii_strcasecmp (name, "datalist") == 0;
}

/* What an element does to the lines of the text around it. */
typedef enum
{
  BREAK_NONE,       /* inside a line: "im<b>port</b>ant" */
  BREAK_SPACE,      /* a word apart: an image, a button */
  BREAK_LINE,       /* <br> */
  BREAK_PARAGRAPH,  /* a block: a paragraph, a heading, a list item, a cell */
} Break;

/* Elements that do not separate words, and ones that show nothing. */
static const char * const inline_elements[] = {
  "a", "abbr", "acronym", "b", "bdi", "bdo", "big", "cite", "code", "data", "del", "dfn",
  "em", "font", "i", "ins", "kbd", "label", "mark", "nobr", "q", "ruby", "rb", "s", "samp",
  "small", "span", "strike", "strong", "sub", "sup", "time", "tt", "u", "var", "wbr",
  "head", "title", "script", "style", "template", "noscript", NULL
};

/* Elements that are blocks of their own. */
static const char * const block_elements[] = {
  "address", "article", "aside", "blockquote", "body", "caption", "center", "dd",
  "details", "dialog", "dir", "div", "dl", "dt", "fieldset", "figcaption", "figure",
  "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hgroup", "hr", "html",
  "legend", "li", "listing", "main", "menu", "nav", "ol", "p", "plaintext", "pre",
  "search", "section", "summary", "table", "tbody", "td", "tfoot", "th", "thead", "tr",
  "ul", "xmp", NULL
};

/* Other elements common on pages: a word apart, as any element not listed
 * (they are here for _wd_html_element_name). */
static const char * const other_elements[] = {
  "area", "audio", "base", "button", "canvas", "col", "colgroup", "embed", "iframe", "img",
  "input", "link", "map", "math", "meta", "meter", "object", "optgroup", "option", "output",
  "param", "picture", "progress", "select", "source", "svg", "textarea", "track", "video", NULL
};

/* Every element of a page is looked up twice: by a hash, not a list. */
static GHashTable *
breaks_table (void)
{
  static GHashTable *table;

  if (g_once_init_enter (&table))
    {
      GHashTable *t = g_hash_table_new (g_str_hash, g_str_equal);

      for (guint i = 0; inline_elements[i] != NULL; i++)
        g_hash_table_insert (t, (gpointer) inline_elements[i], GUINT_TO_POINTER (BREAK_NONE + 1));
      for (guint i = 0; block_elements[i] != NULL; i++)
        g_hash_table_insert (t, (gpointer) block_elements[i], GUINT_TO_POINTER (BREAK_PARAGRAPH + 1));
      for (guint i = 0; other_elements[i] != NULL; i++)
        g_hash_table_insert (t, (gpointer) other_elements[i], GUINT_TO_POINTER (BREAK_SPACE + 1));
      g_hash_table_insert (t, (gpointer) "br", GUINT_TO_POINTER (BREAK_LINE + 1));
      g_once_init_leave (&table, t);
    }
  return table;
}

const char *
_wd_html_element_name (const char *name)
{
  gpointer known;

  if (g_hash_table_lookup_extended (breaks_table (), name, &known, NULL))
    return known;
  return NULL;
}

/* The break an element makes where it starts. */
static Break
break_of (const char *name)
{
  char lower[16];
  gsize len = strlen (name);
  Break kind;

  /* libxml2 gives HTML names in lower case; any other is no HTML element. */
  if (len >= sizeof lower)
    return BREAK_SPACE;
  for (gsize i = 0; i <= len; i++)
    lower[i] = g_ascii_tolower (name[i]);
  kind = GPOINTER_TO_UINT (g_hash_table_lookup (breaks_table (), lower));
  if (kind == 0)
    return BREAK_SPACE;
  return kind - 1;
}

/* The break it makes where it ends: a <br> is one line break, though
 * libxml2 ends it too. */
static Break
end_break (Break start)
{
  return start == BREAK_LINE ? BREAK_NONE : start;
}

/* ----------------------------------------------------------- the text */

/* Whether the elements open now show their boxes (their text, unless
 * their visibility is hidden). */
static gboolean
shows_boxes (const Reader *r)
{
  return r->in_head == 0 && r->in_opaque == 0 && r->in_hidden == 0 && r->overflow_hidden == 0;
}

static void
add_break (Reader *r,
           Break   kind)
{
  GString *text = r->facts->visible;

  if (kind == BREAK_NONE || text->len == 0 || text->len >= WD_HTML_MAX_TEXT_BYTES)
    return;

  /* Breaks pile up into the largest (the collapsing in wd-html-meta.c
   * makes "\n \n" a paragraph break); not past one paragraph break. */
  if (text->len >= 2 && text->str[text->len - 1] == '\n' && text->str[text->len - 2] == '\n')
    return;
  if (kind == BREAK_SPACE)
    g_string_append_c (text, ' ');
  else
    g_string_append (text, kind == BREAK_PARAGRAPH ? "\n\n" : "\n");
}

void
_wd_html_visible_open (Reader          *r,
                       Element         *element,
                       const char      *name,
                       const xmlChar  **atts)
{
  Visibility visibility;
  Break kind = break_of (name);

  element->hides = hides (name, atts, &visibility);
  element->was_invisible = r->invisible;
  element->pre = g_ascii_strcasecmp (name, "pre") == 0 && !element->hides;
  element->breaks = end_break (kind);

  if (shows_boxes (r) && !element->hides)
    add_break (r, kind);

  if (element->hides)
    r->in_hidden++;
  if (visibility != VISIBILITY_INHERIT)
    r->invisible = visibility == VISIBILITY_HIDDEN;
  if (element->pre)
    r->in_pre++;
}

void
_wd_html_visible_close (Reader        *r,
                        const Element *element)
{
  if (element->hides)
    r->in_hidden--;
  r->invisible = element->was_invisible;
  if (element->pre)
    r->in_pre--;

  if (shows_boxes (r) && !element->hides)
    add_break (r, element->breaks);
}

/* Elements nested past the reader's stack are not tracked one by one:
 * the first of them that hides hides all that is inside it, whatever a
 * deeper one's style says. */
void
_wd_html_visible_open_untracked (Reader          *r,
                                 const char      *name,
                                 const xmlChar  **atts)
{
  Visibility visibility;

  if (r->overflow_hidden == 0 && (hides (name, atts, &visibility) || visibility == VISIBILITY_HIDDEN))
    r->overflow_hidden = r->overflow;
  else if (shows_boxes (r))
    add_break (r, break_of (name));
}

void
_wd_html_visible_close_untracked (Reader     *r,
                                  const char *name)
{
  if (r->overflow_hidden == r->overflow)
    r->overflow_hidden = 0;
  else if (shows_boxes (r))
    add_break (r, end_break (break_of (name)));
}

void
_wd_html_visible_text (Reader     *r,
                       const char *chars,
                       gsize       len)
{
  GString *text = r->facts->visible;
  gsize from = text->len;

  if (!shows_boxes (r) || r->invisible || text->len >= WD_HTML_MAX_TEXT_BYTES)
    return;

  g_string_append_len (text, chars, MIN (len, WD_HTML_MAX_TEXT_BYTES));

  /* A line break in the markup is white space; only the element breaks
   * above, and those inside a <pre>, end a line. */
  for (gsize i = from; i < text->len; i++)
    if ((guchar) text->str[i] < 0x20 && !(text->str[i] == '\n' && r->in_pre > 0))
      text->str[i] = ' ';
}

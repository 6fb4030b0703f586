#define G_LOG_DOMAIN "wd-markdown-html"

#include "config.h"

#include <cmark.h>
#include <string.h>

#include "wd-citations.h"
#include "wd-markdown-private.h"

/* Citations. Which markers cite what is the citation scanner's word
 * (wd-citations.h), as for the audit and the editor: before cmark parses
 * the body, each marker citing a source becomes a token "{SnS}" (n its
 * index among the scanned citations, S a private-use character the body
 * does not hold), which no Markdown rule touches and which, like the
 * marker, begins and ends with punctuation. Tokens in text become
 * numbered references; a token that lands anywhere else (code the scanner
 * does not know as code, a link target) is put back as written. */
typedef struct
{
  GArray  *citations;     /* WdCitation, numbered */
  const char *body;
  char     sentinel[8];   /* S, UTF-8 */
  gsize    sentinel_len;
} Tokens;

static void
append_escaped (GString    *out,
                const char *text)
{
  g_autofree char *escaped = g_markup_escape_text (text, -1);

  g_string_append (out, escaped);
}

static gboolean
is_private_use (gunichar c)
{
  return (c >= 0xe000 && c <= 0xf8ff) || (c >= 0xf0000 && c <= 0xffffd) ||
         (c >= 0x100000 && c <= 0x10fffd);
}

/* A private-use character @text does not hold; 0 when it holds them all. */
static gunichar
pick_sentinel (const char *text)
{
  g_autoptr(GHashTable) used = g_hash_table_new (NULL, NULL);
  static const gunichar ranges[][2] = {
    { 0xe000, 0xf8ff }, { 0xf0000, 0xffffd }, { 0x100000, 0x10fffd },
  };

  /* Only lead bytes from 0xee on start a private-use character. */
  for (const char *p = text; *p != '\0'; p++)
    if ((guchar) *p >= 0xee)
      {
        gunichar c = g_utf8_get_char (p);

        if (is_private_use (c))
          g_hash_table_add (used, GUINT_TO_POINTER (c));
      }

  for (guint r = 0; r < G_N_ELEMENTS (ranges); r++)
    for (gunichar c = ranges[r][0]; c <= ranges[r][1]; c++)
      if (!g_hash_table_contains (used, GUINT_TO_POINTER (c)))
        return c;

  return 0;
}

/* @body with the tokens in place of the markers that cite a source. */
static char *
insert_tokens (Tokens *t)
{
  GString *out = g_string_sized_new (strlen (t->body) + 16 * t->citations->len);
  gsize copied = 0;

  for (guint i = 0; i < t->citations->len; i++)
    {
      const WdCitation *c = &g_array_index (t->citations, WdCitation, i);

      if (c->number == 0)
        continue;

      g_string_append_len (out, t->body + copied, c->start - copied);
      g_string_append_c (out, '{');
      g_string_append_len (out, t->sentinel, t->sentinel_len);
      g_string_append_printf (out, "%u", i);
      g_string_append_len (out, t->sentinel, t->sentinel_len);
      g_string_append_c (out, '}');
      copied = c->end;
    }
  g_string_append (out, t->body + copied);

  return g_string_free (out, FALSE);
}

/* The next token in @text from @from: [*start, *end) and the citation it
 * stands for. */
static const WdCitation *
next_token (Tokens     *t,
            const char *text,
            const char *from,
            const char **start,
            const char **end)
{
  const char *p = from;

  while ((p = strstr (p, t->sentinel)) != NULL)
    {
      const char *digits = p + t->sentinel_len;
      char *after = NULL;
      guint64 index = g_ascii_strtoull (digits, &after, 10);

      if (p > text && p[-1] == '{' && after > digits && index < t->citations->len &&
          strncmp (after, t->sentinel, t->sentinel_len) == 0 && after[t->sentinel_len] == '}')
        {
          *start = p - 1;
          *end = after + t->sentinel_len + 1;
          return &g_array_index (t->citations, WdCitation, index);
        }
      p = digits;
    }

  return NULL;
}

/* @text with every token put back as the marker it stands for; NULL when
 * it holds none. */
static char *
restore_tokens (Tokens     *t,
                const char *text)
{
  const char *pending = text, *start, *end;
  const WdCitation *c;
  GString *out = NULL;

  if (text == NULL)
    return NULL;

  while ((c = next_token (t, text, pending, &start, &end)) != NULL)
    {
      if (out == NULL)
        out = g_string_new (NULL);
      g_string_append_len (out, pending, start - pending);
      g_string_append_len (out, t->body + c->start, c->end - c->start);
      pending = end;
    }

  if (out == NULL)
    return NULL;
  g_string_append (out, pending);
  return g_string_free (out, FALSE);
}

static cmark_node *
make_citation_node (guint number)
{
  cmark_node *node = cmark_node_new (CMARK_NODE_CUSTOM_INLINE);
  g_autofree char *markup = NULL;

  /* Only numbers go into this markup: nothing from the document. */
  markup = g_strdup_printf ("<sup class=\"citation\"><a href=\"#citation-%u\">[%u]</a></sup>",
                            number, number);
  cmark_node_set_on_enter (node, markup);
  cmark_node_set_on_exit (node, "");
  cmark_node_set_user_data (node, GUINT_TO_POINTER (number));

  return node;
}

static cmark_node *
make_text_node (const char *text,
                gsize       len)
{
  cmark_node *node = cmark_node_new (CMARK_NODE_TEXT);
  g_autofree char *copy = g_strndup (text, len);

  cmark_node_set_literal (node, copy);
  return node;
}

/* Splits one text node around its tokens. */
static void
resolve_text_node (Tokens     *t,
                   cmark_node *node)
{
  g_autofree char *literal = g_strdup (cmark_node_get_literal (node));
  const char *pending = literal, *start, *end;
  const WdCitation *c;

  while ((c = next_token (t, literal, pending, &start, &end)) != NULL)
    {
      if (start > pending)
        cmark_node_insert_before (node, make_text_node (pending, start - pending));
      cmark_node_insert_before (node, make_citation_node (c->number));
      pending = end;
    }

  if (pending == literal)
    return;

  if (*pending != '\0')
    cmark_node_insert_before (node, make_text_node (pending, strlen (pending)));
  cmark_node_free (node);
}

/* Tokens outside text: written back as the markers they stand for. */
static void
restore_node (Tokens     *t,
              cmark_node *node)
{
  g_autofree char *literal = NULL;
  g_autofree char *url = NULL;
  g_autofree char *title = NULL;

  switch ((int) cmark_node_get_type (node))
    {
    case CMARK_NODE_CODE:
    case CMARK_NODE_CODE_BLOCK:
    case CMARK_NODE_HTML_BLOCK:
    case CMARK_NODE_HTML_INLINE:
      if ((literal = restore_tokens (t, cmark_node_get_literal (node))) != NULL)
        cmark_node_set_literal (node, literal);
      break;

    case CMARK_NODE_LINK:
    case CMARK_NODE_IMAGE:
      if ((url = restore_tokens (t, cmark_node_get_url (node))) != NULL)
        cmark_node_set_url (node, url);
      if ((title = restore_tokens (t, cmark_node_get_title (node))) != NULL)
        cmark_node_set_title (node, title);
      break;

    default:
      break;
    }
}

static void
resolve_citations (Tokens     *t,
                   cmark_node *document)
{
  g_autoptr(GPtrArray) texts = g_ptr_array_new ();
  cmark_iter *iter = cmark_iter_new (document);
  cmark_event_type event;

  /* Collect first: the tree must not change under the iterator. */
  while ((event = cmark_iter_next (iter)) != CMARK_EVENT_DONE)
    {
      cmark_node *node = cmark_iter_get_node (iter);

      if (event != CMARK_EVENT_ENTER)
        continue;
      if (cmark_node_get_type (node) == CMARK_NODE_TEXT)
        {
          if (strstr (cmark_node_get_literal (node), t->sentinel) != NULL)
            g_ptr_array_add (texts, node);
        }
      else
        restore_node (t, node);
    }
  cmark_iter_free (iter);

  for (guint i = 0; i < texts->len; i++)
    resolve_text_node (t, g_ptr_array_index (texts, i));
}

char *
_wd_source_dup_publisher (WdSource *source)
{
  WdCheckResult *check = wd_source_get_check (source);

  if (check == NULL || wd_check_result_get_site_name (check) == NULL)
    return NULL;
  return g_strdup (wd_check_result_get_site_name (check));
}

static void
append_html_citations (GString   *html,
                       GPtrArray *cited)
{
  if (cited->len == 0)
    return;

  g_string_append (html, "<section class=\"citations\">\n<ol>\n");
  for (guint i = 0; i < cited->len; i++)
    {
      WdSource *source = g_ptr_array_index (cited, i);
      g_autofree char *name = wd_source_dup_display_name (source);
      g_autofree char *publisher = _wd_source_dup_publisher (source);

      g_string_append_printf (html, "<li id=\"citation-%u\"><a href=\"", i + 1);
      append_escaped (html, wd_source_get_url (source));
      g_string_append (html, "\">");
      append_escaped (html, name);
      g_string_append (html, "</a>");
      if (publisher != NULL && g_strcmp0 (publisher, name) != 0)
        {
          g_string_append (html, ", ");
          append_escaped (html, publisher);
        }
      g_string_append (html, "</li>\n");
    }
  g_string_append (html, "</ol>\n</section>\n");
}

static void
append_text_citations (GString   *text,
                       GPtrArray *cited)
{
  if (cited->len == 0)
    return;

  if (text->len > 0)
    g_string_append (text, "\n\n");
  for (guint i = 0; i < cited->len; i++)
    {
      WdSource *source = g_ptr_array_index (cited, i);
      g_autofree char *name = wd_source_dup_display_name (source);

      g_string_append_printf (text, "%s[%u] %s <%s>", i ? "\n" : "", i + 1,
                              name, wd_source_get_url (source));
    }
}

/* Words (runs of non-space) and characters, in one pass; ASCII, nearly all
 * of a body, takes the fast road. */
static void
count_text (const char *text,
            guint      *words,
            guint      *chars)
{
  gboolean in_word = FALSE;

  *words = *chars = 0;

  for (const guchar *p = (const guchar *) text; *p != '\0'; )
    {
      gboolean space;

      if (*p < 0x80)
        {
          space = g_ascii_isspace (*p);
          p++;
        }
      else
        {
          space = g_unichar_isspace (g_utf8_get_char ((const char *) p));
          p = (const guchar *) g_utf8_next_char (p);
        }

      (*chars)++;
      if (!space && !in_word)
        (*words)++;
      in_word = !space;
    }
}

static WdRenderedBody *
render (WdArticle *article,
        gboolean   with_html,
        gboolean   with_blocks)
{
  g_autoptr(WdRenderedBody) body = g_new0 (WdRenderedBody, 1);
  g_autoptr(GArray) citations = NULL;
  g_autoptr(GHashTable) known = NULL;
  g_autoptr(GPtrArray) order = NULL;
  g_autofree char *markdown = NULL;
  const char *text_body;
  cmark_node *document;
  char *rendered;
  g_autofree char *plain = NULL;
  GString *html, *text;
  Tokens t = { 0 };
  gunichar sentinel;

  g_return_val_if_fail (WD_IS_ARTICLE (article), NULL);

  text_body = wd_article_get_body (article);
  if (text_body == NULL)
    text_body = "";

  wd_citations_scan (text_body, NULL, &citations);
  known = wd_citations_dup_known_ids (article);
  order = wd_citations_number (citations, known, &body->unknown_ids);

  body->cited = g_ptr_array_new ();
  for (guint i = 0; i < order->len; i++)
    g_ptr_array_add (body->cited,
                     wd_article_find_source_by_id (article, g_ptr_array_index (order, i)));

  /* Nothing to number: the body goes to cmark as it is. Without a free
   * private-use character (a body made of all 137 000 of them), the
   * references are left as written. */
  sentinel = order->len > 0 ? pick_sentinel (text_body) : 0;
  t = (Tokens) { citations, text_body, { 0 }, 0 };
  if (sentinel != 0)
    {
      t.sentinel_len = g_unichar_to_utf8 (sentinel, t.sentinel);
      markdown = insert_tokens (&t);
    }
  else
    markdown = g_strdup (text_body);

  /* CMARK_OPT_DEFAULT is the safe mode since cmark 0.29; the model holds
   * valid UTF-8, but the check costs little and guards the renderer. */
  document = cmark_parse_document (markdown, strlen (markdown),
                                   CMARK_OPT_DEFAULT | CMARK_OPT_VALIDATE_UTF8);
  cmark_consolidate_text_nodes (document);
  if (sentinel != 0)
    resolve_citations (&t, document);

  if (with_html)
    {
      rendered = cmark_render_html (document, CMARK_OPT_DEFAULT);
      html = g_string_new (rendered);
      free (rendered);
    }
  else
    html = g_string_new (NULL);

  if (with_blocks)
    body->blocks = _wd_markdown_render_blocks (document);
  plain = _wd_markdown_render_text (document);
  text = g_string_new (plain);
  cmark_node_free (document);

  count_text (text->str, &body->word_count, &body->char_count);

  if (with_html)
    append_html_citations (html, body->cited);
  if (with_blocks)
    _wd_markdown_append_source_blocks (body->blocks, body->cited);
  append_text_citations (text, body->cited);

  body->html = g_string_free (html, FALSE);
  body->text = g_string_free (text, FALSE);

  return g_steal_pointer (&body);
}

WdRenderedBody *
_wd_rendered_body_new (WdArticle *article,
                       gboolean   with_html)
{
  return render (article, with_html, FALSE);
}

WdRenderedBody *
_wd_rendered_body_new_blocks (WdArticle *article)
{
  g_return_val_if_fail (WD_IS_ARTICLE (article), NULL);
  return render (article, FALSE, TRUE);
}

void
_wd_rendered_body_free (WdRenderedBody *body)
{
  if (body == NULL)
    return;

  g_free (body->html);
  g_free (body->text);
  g_clear_pointer (&body->cited, g_ptr_array_unref);
  g_clear_pointer (&body->unknown_ids, g_ptr_array_unref);
  g_clear_pointer (&body->blocks, g_ptr_array_unref);
  g_free (body);
}

#define G_LOG_DOMAIN "wd-markdown-html"

#include "config.h"

#include <cmark.h>
#include <string.h>

#include "wd-markdown-private.h"

/* Longest source id a marker may carry; longer "[^…]" runs are plain text. */
#define MAX_MARKER_ID 200

typedef struct
{
  WdArticle  *article;
  GPtrArray  *cited;        /* WdSource, footnote order */
  GHashTable *numbers;      /* source id → number (1-based) */
  GPtrArray  *unknown_ids;
  GHashTable *unknown_seen;
} Citations;

static void
append_escaped (GString    *out,
                const char *text)
{
  g_autofree char *escaped = g_markup_escape_text (text, -1);

  g_string_append (out, escaped);
}

/* The number of the source with @id, assigning the next one on first use;
 * 0 when the article has no such source. */
static guint
citation_number (Citations  *c,
                 const char *id)
{
  WdSource *source;
  guint number;

  number = GPOINTER_TO_UINT (g_hash_table_lookup (c->numbers, id));
  if (number != 0)
    return number;

  source = wd_article_find_source_by_id (c->article, id);
  if (source == NULL)
    {
      if (!g_hash_table_contains (c->unknown_seen, id))
        {
          char *copy = g_strdup (id);

          g_hash_table_add (c->unknown_seen, copy);
          g_ptr_array_add (c->unknown_ids, g_strdup (id));
        }
      return 0;
    }

  g_ptr_array_add (c->cited, source);
  number = c->cited->len;
  g_hash_table_insert (c->numbers, g_strdup (id), GUINT_TO_POINTER (number));

  return number;
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

/* Splits one text node around the markers that name a source. */
static void
resolve_text_node (Citations  *c,
                   cmark_node *node)
{
  g_autofree char *literal = g_strdup (cmark_node_get_literal (node));
  const char *p = literal;
  const char *pending = literal;  /* start of text not yet emitted */
  gboolean changed = FALSE;

  while ((p = strstr (p, "[^")) != NULL)
    {
      const char *id_start = p + 2;
      const char *end = id_start;
      g_autofree char *id = NULL;
      guint number;

      while (*end != '\0' && *end != ']' && *end != '[' && !g_ascii_isspace (*end) &&
             end - id_start <= MAX_MARKER_ID)
        end++;

      if (*end != ']' || end == id_start || end - id_start > MAX_MARKER_ID)
        {
          p = id_start;
          continue;
        }

      id = g_strndup (id_start, end - id_start);
      number = citation_number (c, id);
      if (number == 0)
        {
          p = end + 1;
          continue;
        }

      if (p > pending)
        cmark_node_insert_before (node, make_text_node (pending, p - pending));
      cmark_node_insert_before (node, make_citation_node (number));
      pending = p = end + 1;
      changed = TRUE;
    }

  if (!changed)
    return;

  if (*pending != '\0')
    cmark_node_insert_before (node, make_text_node (pending, strlen (pending)));
  cmark_node_free (node);
}

static void
resolve_citations (Citations  *c,
                   cmark_node *document)
{
  g_autoptr(GPtrArray) texts = g_ptr_array_new ();
  cmark_iter *iter = cmark_iter_new (document);
  cmark_event_type event;

  /* Collect first: the tree must not change under the iterator. */
  while ((event = cmark_iter_next (iter)) != CMARK_EVENT_DONE)
    {
      cmark_node *node = cmark_iter_get_node (iter);

      if (event == CMARK_EVENT_ENTER && cmark_node_get_type (node) == CMARK_NODE_TEXT &&
          strstr (cmark_node_get_literal (node), "[^") != NULL)
        g_ptr_array_add (texts, node);
    }
  cmark_iter_free (iter);

  for (guint i = 0; i < texts->len; i++)
    resolve_text_node (c, g_ptr_array_index (texts, i));
}

static char *
source_publisher (WdSource *source)
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
      g_autofree char *publisher = source_publisher (source);

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

WdRenderedBody *
_wd_rendered_body_new (WdArticle *article,
                       gboolean   with_html)
{
  g_autoptr(WdRenderedBody) body = g_new0 (WdRenderedBody, 1);
  g_autoptr(GHashTable) numbers = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GHashTable) unknown_seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  const char *markdown;
  cmark_node *document;
  char *rendered;
  g_autofree char *plain = NULL;
  GString *html, *text;
  Citations c;

  g_return_val_if_fail (WD_IS_ARTICLE (article), NULL);

  body->cited = g_ptr_array_new ();
  body->unknown_ids = g_ptr_array_new_with_free_func (g_free);

  c = (Citations) { article, body->cited, numbers, body->unknown_ids, unknown_seen };

  markdown = wd_article_get_body (article);
  if (markdown == NULL)
    markdown = "";

  /* CMARK_OPT_DEFAULT is the safe mode since cmark 0.29; the model holds
   * valid UTF-8, but the check costs little and guards the renderer. */
  document = cmark_parse_document (markdown, strlen (markdown),
                                   CMARK_OPT_DEFAULT | CMARK_OPT_VALIDATE_UTF8);
  cmark_consolidate_text_nodes (document);
  resolve_citations (&c, document);

  if (with_html)
    {
      rendered = cmark_render_html (document, CMARK_OPT_DEFAULT);
      html = g_string_new (rendered);
      free (rendered);
    }
  else
    html = g_string_new (NULL);

  plain = _wd_markdown_render_text (document);
  text = g_string_new (plain);
  cmark_node_free (document);

  count_text (text->str, &body->word_count, &body->char_count);

  if (with_html)
    append_html_citations (html, body->cited);
  append_text_citations (text, body->cited);

  body->html = g_string_free (html, FALSE);
  body->text = g_string_free (text, FALSE);

  return g_steal_pointer (&body);
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
  g_free (body);
}

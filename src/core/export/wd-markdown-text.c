#define G_LOG_DOMAIN "wd-markdown-text"

#include "config.h"

#include <cmark.h>
#include <string.h>

#include "wd-markdown-private.h"

/* Plain text from the parsed body: what a CMS shows where it cannot take
 * HTML. Markup is dropped, list items keep their "- " or "N. ", headings and
 * paragraphs are separated by a blank line, soft line breaks become spaces,
 * raw HTML is omitted (as in the safe HTML), citations read "[N]". */

guint
_wd_markdown_list_depth (cmark_node *node)
{
  guint depth = 0;

  for (cmark_node *p = cmark_node_parent (node); p != NULL; p = cmark_node_parent (p))
    if (cmark_node_get_type (p) == CMARK_NODE_LIST)
      depth++;

  return depth;
}

char *
_wd_markdown_item_marker (cmark_node *item,
                          const char *bullet)
{
  cmark_node *list = cmark_node_parent (item);
  int index = 0;

  if (cmark_node_get_list_type (list) != CMARK_ORDERED_LIST)
    return g_strdup (bullet);

  for (cmark_node *p = cmark_node_previous (item); p != NULL; p = cmark_node_previous (p))
    index++;
  return g_strdup_printf ("%d%c", cmark_node_get_list_start (list) + index,
                          cmark_node_get_list_delim (list) == CMARK_PAREN_DELIM ? ')' : '.');
}

const char *
_wd_markdown_literal (cmark_node *node,
                      gsize      *len)
{
  const char *literal = cmark_node_get_literal (node);

  *len = 0;
  if (literal == NULL)
    return NULL;

  *len = strlen (literal);
  while (*len > 0 && literal[*len - 1] == '\n')
    (*len)--;
  return literal;
}

static void
begin_block (GString    *out,
             cmark_node *node)
{
  cmark_node *parent = cmark_node_parent (node);
  gboolean in_item = parent != NULL && cmark_node_get_type (parent) == CMARK_NODE_ITEM;

  /* The first block of an item follows its "- " directly. */
  if (in_item && cmark_node_previous (node) == NULL)
    return;

  if (out->len > 0)
    {
      gboolean is_item = cmark_node_get_type (node) == CMARK_NODE_ITEM;
      cmark_node *list_parent = is_item ? cmark_node_parent (parent) : NULL;
      gboolean tight = in_item ||
                       (is_item && cmark_node_previous (node) != NULL) ||
                       (list_parent != NULL && cmark_node_get_type (list_parent) == CMARK_NODE_ITEM);

      /* Blocks apart by a blank line; items and what is inside them by one newline. */
      g_string_append (out, tight ? "\n" : "\n\n");
    }

  if (cmark_node_get_type (node) == CMARK_NODE_ITEM)
    {
      guint depth = _wd_markdown_list_depth (node);
      g_autofree char *marker = _wd_markdown_item_marker (node, "-");

      for (guint i = 1; i < depth; i++)
        g_string_append (out, "  ");
      g_string_append_printf (out, "%s ", marker);
    }
}

static void
append_literal (GString    *out,
                cmark_node *node)
{
  gsize len;
  const char *literal = _wd_markdown_literal (node, &len);

  if (literal != NULL)
    g_string_append_len (out, literal, len);
}

char *
_wd_markdown_render_text (cmark_node *document)
{
  GString *out = g_string_new (NULL);
  cmark_iter *iter = cmark_iter_new (document);
  cmark_event_type event;

  while ((event = cmark_iter_next (iter)) != CMARK_EVENT_DONE)
    {
      cmark_node *node = cmark_iter_get_node (iter);

      if (event != CMARK_EVENT_ENTER)
        continue;

      switch (cmark_node_get_type (node))
        {
        case CMARK_NODE_PARAGRAPH:
        case CMARK_NODE_HEADING:
        case CMARK_NODE_ITEM:
          begin_block (out, node);
          break;
        case CMARK_NODE_CODE_BLOCK:
          begin_block (out, node);
          append_literal (out, node);
          break;
        case CMARK_NODE_TEXT:
        case CMARK_NODE_CODE:
          append_literal (out, node);
          break;
        case CMARK_NODE_SOFTBREAK:
          g_string_append_c (out, ' ');
          break;
        case CMARK_NODE_LINEBREAK:
          g_string_append_c (out, '\n');
          break;
        case CMARK_NODE_CUSTOM_INLINE:
          g_string_append_printf (out, "[%u]", GPOINTER_TO_UINT (cmark_node_get_user_data (node)));
          break;
        case CMARK_NODE_NONE:
        case CMARK_NODE_DOCUMENT:
        case CMARK_NODE_BLOCK_QUOTE:
        case CMARK_NODE_LIST:
        case CMARK_NODE_HTML_BLOCK:
        case CMARK_NODE_CUSTOM_BLOCK:
        case CMARK_NODE_THEMATIC_BREAK:
        case CMARK_NODE_HTML_INLINE:
        case CMARK_NODE_EMPH:
        case CMARK_NODE_STRONG:
        case CMARK_NODE_LINK:
        case CMARK_NODE_IMAGE:
        default:
          break;
        }
    }

  cmark_iter_free (iter);

  while (out->len > 0 && g_ascii_isspace (out->str[out->len - 1]))
    g_string_truncate (out, out->len - 1);

  return g_string_free (out, FALSE);
}

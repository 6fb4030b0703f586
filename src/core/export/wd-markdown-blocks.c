#define G_LOG_DOMAIN "wd-markdown-blocks"

#include "config.h"

#include <cmark.h>
#include <string.h>

#include "wd-markdown-private.h"

/* The parsed body as blocks of markup, for the editor's preview: what the
 * HTML says, in the markup a label shows (GMarkup: <i>, <b>, <tt>, <sup>,
 * <a href>). Every text from the body and its links is escaped; links keep
 * their target only for http, https and mailto (cmark's safe mode drops the
 * rest from the HTML, but not from the tree); raw HTML is omitted, as in
 * the safe HTML; images are their description. Citations are the
 * renderer's numbered nodes, linked to "#citation-N". The source list
 * follows, one block per cited source. */

static gboolean
is_safe_url (const char *url)
{
  static const char * const schemes[] = { "http:", "https:", "mailto:" };

  if (url == NULL)
    return FALSE;
  for (guint i = 0; i < G_N_ELEMENTS (schemes); i++)
    if (g_ascii_strncasecmp (url, schemes[i], strlen (schemes[i])) == 0)
      return TRUE;
  return FALSE;
}

static void
append_escaped (GString    *out,
                const char *text,
                gssize      len)
{
  g_autofree char *escaped = g_markup_escape_text (text, len);

  g_string_append (out, escaped);
}

static void
append_link_start (GString    *out,
                   const char *url)
{
  g_string_append (out, "<a href=\"");
  append_escaped (out, url, -1);
  g_string_append (out, "\">");
}

static WdBodyBlock *
block_new (WdBodyBlockKind kind,
           cmark_node     *node)
{
  WdBodyBlock *block = g_new0 (WdBodyBlock, 1);
  cmark_node *parent = cmark_node_parent (node);

  block->kind = kind;
  for (cmark_node *p = parent; p != NULL; p = cmark_node_parent (p))
    if (cmark_node_get_type (p) == CMARK_NODE_BLOCK_QUOTE)
      block->quote_depth++;
  block->list_depth = _wd_markdown_list_depth (node);

  /* The first block of an item carries the item's "•" or "3.". */
  if (parent != NULL && cmark_node_get_type (parent) == CMARK_NODE_ITEM &&
      cmark_node_previous (node) == NULL)
    block->marker = _wd_markdown_item_marker (parent, "•");

  return block;
}

void
_wd_body_block_free (WdBodyBlock *block)
{
  if (block == NULL)
    return;
  g_free (block->marker);
  g_free (block->markup);
  g_free (block);
}

gboolean
_wd_body_block_equal (const WdBodyBlock *a,
                      const WdBodyBlock *b)
{
  return a->kind == b->kind && a->level == b->level && a->quote_depth == b->quote_depth &&
         a->list_depth == b->list_depth && g_strcmp0 (a->marker, b->marker) == 0 &&
         g_strcmp0 (a->markup, b->markup) == 0;
}

/* Inline content: markup appended to @out until the block is left. */
static void
inline_enter (GString    *out,
              cmark_node *node)
{
  switch ((int) cmark_node_get_type (node))
    {
    case CMARK_NODE_TEXT:
      append_escaped (out, cmark_node_get_literal (node), -1);
      break;
    case CMARK_NODE_CODE:
      g_string_append (out, "<tt>");
      append_escaped (out, cmark_node_get_literal (node), -1);
      g_string_append (out, "</tt>");
      break;
    case CMARK_NODE_SOFTBREAK:
      g_string_append_c (out, ' ');
      break;
    case CMARK_NODE_LINEBREAK:
      g_string_append_c (out, '\n');
      break;
    case CMARK_NODE_EMPH:
      g_string_append (out, "<i>");
      break;
    case CMARK_NODE_STRONG:
      g_string_append (out, "<b>");
      break;
    case CMARK_NODE_LINK:
      if (is_safe_url (cmark_node_get_url (node)))
        append_link_start (out, cmark_node_get_url (node));
      break;
    case CMARK_NODE_IMAGE:
      g_string_append (out, "<i>");
      break;
    case CMARK_NODE_CUSTOM_INLINE:
      {
        guint number = GPOINTER_TO_UINT (cmark_node_get_user_data (node));

        g_string_append_printf (out, "<sup><a href=\"#citation-%u\">[%u]</a></sup>", number, number);
      }
      break;
    default:   /* raw HTML: omitted */
      break;
    }
}

static void
inline_exit (GString    *out,
             cmark_node *node)
{
  switch ((int) cmark_node_get_type (node))
    {
    case CMARK_NODE_EMPH:
    case CMARK_NODE_IMAGE:
      g_string_append (out, "</i>");
      break;
    case CMARK_NODE_STRONG:
      g_string_append (out, "</b>");
      break;
    case CMARK_NODE_LINK:
      if (is_safe_url (cmark_node_get_url (node)))
        g_string_append (out, "</a>");
      break;
    default:
      break;
    }
}

GPtrArray *
_wd_markdown_render_blocks (cmark_node *document)
{
  GPtrArray *blocks = g_ptr_array_new_with_free_func ((GDestroyNotify) _wd_body_block_free);
  cmark_iter *iter = cmark_iter_new (document);
  cmark_event_type event;
  WdBodyBlock *current = NULL;
  GString *markup = g_string_new (NULL);

  while ((event = cmark_iter_next (iter)) != CMARK_EVENT_DONE)
    {
      cmark_node *node = cmark_iter_get_node (iter);
      cmark_node_type type = cmark_node_get_type (node);

      if (type == CMARK_NODE_PARAGRAPH || type == CMARK_NODE_HEADING)
        {
          if (event == CMARK_EVENT_ENTER)
            {
              current = block_new (type == CMARK_NODE_HEADING ? WD_BODY_BLOCK_HEADING
                                                              : WD_BODY_BLOCK_PARAGRAPH, node);
              if (type == CMARK_NODE_HEADING)
                current->level = (guint) cmark_node_get_heading_level (node);
              g_string_truncate (markup, 0);
            }
          else if (current != NULL)
            {
              current->markup = g_strdup (markup->str);
              g_ptr_array_add (blocks, g_steal_pointer (&current));
            }
        }
      else if (type == CMARK_NODE_CODE_BLOCK || type == CMARK_NODE_THEMATIC_BREAK)
        {
          WdBodyBlock *block = block_new (type == CMARK_NODE_CODE_BLOCK ? WD_BODY_BLOCK_CODE
                                                                         : WD_BODY_BLOCK_RULE, node);
          const char *literal = NULL;
          gsize len = 0;

          /* A code block's text without its last newline. */
          g_string_truncate (markup, 0);
          if (type == CMARK_NODE_CODE_BLOCK && (literal = _wd_markdown_literal (node, &len)) != NULL)
            append_escaped (markup, literal, len);
          block->markup = g_strdup (markup->str);
          g_ptr_array_add (blocks, block);
        }
      else if (current != NULL)
        {
          if (event == CMARK_EVENT_ENTER)
            inline_enter (markup, node);
          else
            inline_exit (markup, node);
        }
    }

  cmark_iter_free (iter);
  g_string_free (markup, TRUE);

  return blocks;
}

/* One source of the list: its name linked to it, its publisher after. */
static WdBodyBlock *
source_block (WdSource *source,
              guint     number)
{
  WdBodyBlock *block = g_new0 (WdBodyBlock, 1);
  g_autofree char *name = wd_source_dup_display_name (source);
  g_autofree char *publisher = _wd_source_dup_publisher (source);
  const char *url = wd_source_get_url (source);
  GString *out = g_string_new (NULL);

  block->kind = WD_BODY_BLOCK_SOURCE;
  block->level = number;
  block->marker = g_strdup_printf ("[%u]", number);

  if (is_safe_url (url))
    append_link_start (out, url);
  append_escaped (out, name, -1);
  if (is_safe_url (url))
    g_string_append (out, "</a>");
  if (publisher != NULL && g_strcmp0 (publisher, name) != 0)
    {
      g_string_append (out, ", ");
      append_escaped (out, publisher, -1);
    }
  block->markup = g_string_free (out, FALSE);

  return block;
}

void
_wd_markdown_append_source_blocks (GPtrArray *blocks,
                                   GPtrArray *cited)
{
  for (guint i = 0; i < cited->len; i++)
    g_ptr_array_add (blocks, source_block (g_ptr_array_index (cited, i), i + 1));
}

/* wd-preview-page.c: the article as published (see the header). */
#define G_LOG_DOMAIN "wd-preview-page"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "wd-preview-block.h"
#include "wd-preview-page.h"

/* A change shows this long after the last one of a burst (typing). */
#define UPDATE_DELAY_MS 250

/* The narrowest a block of text wraps to, in characters; the side pane
 * is wider than this even three quotation levels deep. */
#define MIN_WIDTH_CHARS 20

/* Items put in the list per frame while it fills: GTK 4.8 builds and
 * measures a row for each of the first ~200 at once; in steps, no frame
 * waits for more than a few dozen. */
#define FILL_STEP 24

struct _WdPreviewPage
{
  GtkWidget          parent_instance;

  WdArticle         *article;
  guint              update_source;
  guint              stale : 1;      /* changed while off screen */
  guint              renders;

  GListStore        *blocks;         /* WdPreviewBlock: the header, the body, the sources */
  GPtrArray         *pending;        /* items still to go in, a step per frame */
  guint              pending_next;   /* the first of them not yet in */
  guint              pending_end;    /* past the last of them */
  guint              pending_at;     /* where the next goes in the list */
  guint              fill_tick;

  GtkScrolledWindow *scroller;
  GtkListView       *list;
};

G_DEFINE_FINAL_TYPE (WdPreviewPage, wd_preview_page, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_ARTICLE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* ------------------------------------------------------------------ rows */

/* A citation's link: the list scrolled to its source. */
static void
scroll_to_source (WdPreviewPage *self,
                  guint          number)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->blocks));

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(WdPreviewBlock) item = g_list_model_get_item (G_LIST_MODEL (self->blocks), i);
      const WdBodyBlock *block = wd_preview_block_get_block (item);

      if (block->kind == WD_BODY_BLOCK_SOURCE && block->level == number)
        {
          gtk_widget_activate_action (GTK_WIDGET (self->list), "list.scroll-to-item", "u", i);
          return;
        }
    }
}

/* Citations link inside the page; other links open as links do. */
static gboolean
on_activate_link (WdPreviewPage *self,
                  const char    *uri)
{
  guint64 number;

  if (!g_str_has_prefix (uri, "#citation-"))
    return FALSE;
  if (g_ascii_string_to_unsigned (uri + strlen ("#citation-"), 10, 1, G_MAXUINT, &number, NULL))
    scroll_to_source (self, (guint) number);
  return TRUE;
}

static const char *
role_class (WdPreviewRole      role,
            const WdBodyBlock *block)
{
  switch (role)
    {
    case WD_PREVIEW_ROLE_HEADLINE:
      return "title-2";
    case WD_PREVIEW_ROLE_STANDFIRST:
      return "title-4";
    case WD_PREVIEW_ROLE_CREDIT:
      return "dim-label";
    case WD_PREVIEW_ROLE_CAPTION:
      return "caption-heading";
    case WD_PREVIEW_ROLE_SOURCES:
      return "heading";
    case WD_PREVIEW_ROLE_BODY:
    default:
      break;
    }

  if (block->kind == WD_BODY_BLOCK_HEADING)
    return block->level <= 1 ? "title-2" : block->level == 2 ? "title-3" :
           block->level == 3 ? "title-4" : "heading";
  if (block->kind == WD_BODY_BLOCK_CODE)
    return "monospace";
  return NULL;
}

static GtkLabel *
text_label (WdPreviewPage     *self,
            WdPreviewRole      role,
            const WdBodyBlock *block)
{
  GtkLabel *label = GTK_LABEL (gtk_label_new (NULL));
  const char *css_class = role_class (role, block);

  gtk_label_set_wrap (label, TRUE);
  gtk_label_set_wrap_mode (label, block->kind == WD_BODY_BLOCK_CODE ? PANGO_WRAP_CHAR : PANGO_WRAP_WORD_CHAR);
  gtk_label_set_xalign (label, 0);
  /* A floor under the wrapped width. GTK measures each row's narrowest
   * width, and a paragraph wrapped a character to a line takes Pango
   * quadratic time to break: on a long article the ~200 rows GTK 4.8
   * builds at once froze the window for over a second. */
  gtk_label_set_width_chars (label, css_class != NULL && g_str_has_prefix (css_class, "title") ? MIN_WIDTH_CHARS / 2
                                                                                           : MIN_WIDTH_CHARS);
  gtk_label_set_selectable (label, TRUE);
  gtk_widget_set_hexpand (GTK_WIDGET (label), TRUE);
  /* Only the renderer's markup, in which all text is escaped. */
  gtk_label_set_markup (label, block->markup);
  g_signal_connect_object (label, "activate-link", G_CALLBACK (on_activate_link), self, G_CONNECT_SWAPPED);
  if (css_class != NULL)
    gtk_widget_add_css_class (GTK_WIDGET (label), css_class);
  if (role == WD_PREVIEW_ROLE_CAPTION)
    gtk_widget_add_css_class (GTK_WIDGET (label), "dim-label");

  return label;
}

/* The widgets for one item. */
static GtkWidget *
make_row (WdPreviewPage  *self,
          WdPreviewBlock *item)
{
  const WdBodyBlock *block = wd_preview_block_get_block (item);
  WdPreviewRole role = wd_preview_block_get_role (item);
  GtkWidget *row, *content;
  GtkLabel *label = NULL;

  if (block->kind == WD_BODY_BLOCK_RULE)
    {
      content = gtk_separator_new (GTK_ORIENTATION_HORIZONTAL);
      gtk_widget_set_margin_top (content, 6);
      gtk_widget_set_margin_bottom (content, 6);
    }
  else if (block->kind == WD_BODY_BLOCK_CODE)
    {
      label = text_label (self, role, block);
      content = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
      gtk_widget_add_css_class (content, "card");
      gtk_widget_set_margin_start (GTK_WIDGET (label), 12);
      gtk_widget_set_margin_end (GTK_WIDGET (label), 12);
      gtk_widget_set_margin_top (GTK_WIDGET (label), 8);
      gtk_widget_set_margin_bottom (GTK_WIDGET (label), 8);
      gtk_box_append (GTK_BOX (content), GTK_WIDGET (label));
    }
  else
    content = GTK_WIDGET (label = text_label (self, role, block));

  /* List items and sources: the marker in a column of its own. */
  if (block->list_depth > 0 || block->kind == WD_BODY_BLOCK_SOURCE)
    {
      GtkWidget *marker = gtk_label_new (block->marker);
      GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);

      gtk_label_set_xalign (GTK_LABEL (marker), 1);
      gtk_label_set_width_chars (GTK_LABEL (marker), block->kind == WD_BODY_BLOCK_SOURCE ? 4 : 3);
      gtk_widget_set_valign (marker, GTK_ALIGN_START);
      gtk_widget_add_css_class (marker, "numeric");
      if (block->kind == WD_BODY_BLOCK_SOURCE)
        gtk_widget_add_css_class (marker, "dim-label");
      gtk_widget_set_margin_start (box, 18 * (block->list_depth > 0 ? (int) block->list_depth - 1 : 0));
      gtk_box_append (GTK_BOX (box), marker);
      gtk_box_append (GTK_BOX (box), content);
      content = box;
    }

  /* Quotations: a rule down the side per level. */
  row = content;
  if (block->quote_depth > 0)
    {
      row = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
      for (guint i = 0; i < block->quote_depth; i++)
        gtk_box_append (GTK_BOX (row), gtk_separator_new (GTK_ORIENTATION_VERTICAL));
      gtk_box_append (GTK_BOX (row), content);
      if (label != NULL)
        gtk_widget_add_css_class (GTK_WIDGET (label), "dim-label");
    }

  /* Space between blocks, more above headings and the source list. */
  gtk_widget_set_margin_start (row, 18 + gtk_widget_get_margin_start (row));
  gtk_widget_set_margin_end (row, 18);
  gtk_widget_set_margin_top (row, role == WD_PREVIEW_ROLE_SOURCES || block->kind == WD_BODY_BLOCK_HEADING ? 14 :
                                  block->kind == WD_BODY_BLOCK_SOURCE || block->list_depth > 0 ? 3 : 6);
  gtk_widget_set_margin_bottom (row, role == WD_PREVIEW_ROLE_CREDIT ? 6 : 3);

  return row;
}

static void
setup_row (WdPreviewPage *self,
           GtkListItem   *list_item)
{
  gtk_list_item_set_activatable (list_item, FALSE);
  gtk_list_item_set_selectable (list_item, FALSE);
  gtk_list_item_set_child (list_item, adw_bin_new ());
}

static void
bind_row (WdPreviewPage *self,
          GtkListItem   *list_item)
{
  adw_bin_set_child (ADW_BIN (gtk_list_item_get_child (list_item)),
                     make_row (self, gtk_list_item_get_item (list_item)));
}

static void
unbind_row (WdPreviewPage *self,
            GtkListItem   *list_item)
{
  adw_bin_set_child (ADW_BIN (gtk_list_item_get_child (list_item)), NULL);
}

/* ---------------------------------------------------------------- render */

static void
stop_fill (WdPreviewPage *self)
{
  if (self->fill_tick != 0)
    gtk_widget_remove_tick_callback (GTK_WIDGET (self), self->fill_tick);
  self->fill_tick = 0;
  g_clear_pointer (&self->pending, g_ptr_array_unref);
}

/* One step of the pending items into the list; the rendering counts as
 * done with the last. */
static gboolean
fill_step (GtkWidget     *widget,
           GdkFrameClock *clock,
           gpointer       data)
{
  WdPreviewPage *self = WD_PREVIEW_PAGE (widget);
  guint n = MIN (FILL_STEP, self->pending_end - self->pending_next);

  g_list_store_splice (self->blocks, self->pending_at, 0, self->pending->pdata + self->pending_next, n);
  self->pending_at += n;
  self->pending_next += n;
  if (self->pending_next < self->pending_end)
    return G_SOURCE_CONTINUE;

  self->fill_tick = 0;
  g_clear_pointer (&self->pending, g_ptr_array_unref);
  self->renders++;
  return G_SOURCE_REMOVE;
}

/* Puts @items (taken) in the list, replacing only the run between the
 * items that did not change at either end: typing in one paragraph
 * replaces one row. A long run (the first showing of a long article)
 * goes in a step per frame. */
static void
show_items (WdPreviewPage *self,
            GPtrArray     *items)
{
  GListModel *model = G_LIST_MODEL (self->blocks);
  guint n_old = g_list_model_get_n_items (model);
  guint head = 0, tail = 0, n_new;

  /* A fill still going: the part already in is compared like the rest. */
  stop_fill (self);

  while (head < n_old && head < items->len)
    {
      g_autoptr(WdPreviewBlock) old = g_list_model_get_item (model, head);

      if (!wd_preview_block_equal (old, g_ptr_array_index (items, head)))
        break;
      head++;
    }
  while (tail < n_old - head && tail < items->len - head)
    {
      g_autoptr(WdPreviewBlock) old = g_list_model_get_item (model, n_old - 1 - tail);

      if (!wd_preview_block_equal (old, g_ptr_array_index (items, items->len - 1 - tail)))
        break;
      tail++;
    }

  n_new = items->len - head - tail;
  g_list_store_splice (self->blocks, head, n_old - head - tail, items->pdata + head, MIN (n_new, FILL_STEP));
  if (n_new <= FILL_STEP)
    {
      self->renders++;
      return;
    }

  self->pending = g_ptr_array_ref (items);
  self->pending_next = head + FILL_STEP;
  self->pending_end = items->len - tail;   /* the unchanged tail is in already */
  self->pending_at = head + FILL_STEP;
  self->fill_tick = gtk_widget_add_tick_callback (GTK_WIDGET (self), fill_step, NULL, NULL);
}

static void
render (WdPreviewPage *self)
{
  g_autoptr(WdRenderedBody) body = NULL;
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (g_object_unref);
  g_autofree char *credit = NULL;
  const char *headline, *standfirst, *byline, *dateline;
  gboolean sources = FALSE;
  gint64 start = g_get_monotonic_time ();

  if (self->article == NULL)
    return;

  headline = wd_article_get_headline (self->article);
  standfirst = wd_article_get_standfirst (self->article);
  byline = wd_article_get_byline (self->article);
  dateline = wd_article_get_dateline (self->article);

  /* The header: plain text, escaped into markup. */
  g_ptr_array_add (items, wd_preview_block_new_text (WD_PREVIEW_ROLE_CAPTION, _("As published")));
  g_ptr_array_add (items, wd_preview_block_new_text (WD_PREVIEW_ROLE_HEADLINE,
                                                     headline != NULL && *headline != '\0' ? headline
                                                                                           : _("Untitled")));
  if (standfirst != NULL && *standfirst != '\0')
    g_ptr_array_add (items, wd_preview_block_new_text (WD_PREVIEW_ROLE_STANDFIRST, standfirst));
  if (byline != NULL && *byline != '\0' && dateline != NULL && *dateline != '\0')
    /* TRANSLATORS: byline and dateline in the preview: "Ann Lee · Harbour City" */
    credit = g_strdup_printf (_("%s · %s"), byline, dateline);
  else if (byline != NULL && *byline != '\0')
    credit = g_strdup (byline);
  else if (dateline != NULL && *dateline != '\0')
    credit = g_strdup (dateline);
  if (credit != NULL)
    g_ptr_array_add (items, wd_preview_block_new_text (WD_PREVIEW_ROLE_CREDIT, credit));
  {
    WdBodyBlock *rule = g_new0 (WdBodyBlock, 1);

    rule->kind = WD_BODY_BLOCK_RULE;
    g_ptr_array_add (items, wd_preview_block_new (WD_PREVIEW_ROLE_CREDIT, rule));
  }

  /* The body, then the source list under its heading. */
  body = _wd_rendered_body_new_blocks (self->article);
  for (guint i = 0; i < body->blocks->len; i++)
    {
      WdBodyBlock *block = g_ptr_array_index (body->blocks, i);

      if (block->kind == WD_BODY_BLOCK_SOURCE && !sources)
        {
          g_ptr_array_add (items, wd_preview_block_new_text (WD_PREVIEW_ROLE_SOURCES, _("Sources")));
          sources = TRUE;
        }
      g_ptr_array_add (items, wd_preview_block_new (WD_PREVIEW_ROLE_BODY, block));
    }
  /* The blocks now belong to the items. */
  g_ptr_array_set_free_func (body->blocks, NULL);

  show_items (self, items);
  g_debug ("rendered %u items in %.1f ms", items->len, (g_get_monotonic_time () - start) / 1000.0);
}

static gboolean
update_cb (gpointer data)
{
  WdPreviewPage *self = data;

  self->update_source = 0;
  render (self);
  return G_SOURCE_REMOVE;
}

/* Shown: a moment after the last change of a burst; hidden: when next shown. */
static void
on_article_changed (WdPreviewPage *self)
{
  if (!gtk_widget_get_mapped (GTK_WIDGET (self)))
    {
      self->stale = TRUE;
      return;
    }

  g_clear_handle_id (&self->update_source, g_source_remove);
  self->update_source = g_timeout_add_full (G_PRIORITY_LOW, UPDATE_DELAY_MS, update_cb, self, NULL);
}

static void
wd_preview_page_map (GtkWidget *widget)
{
  WdPreviewPage *self = WD_PREVIEW_PAGE (widget);

  GTK_WIDGET_CLASS (wd_preview_page_parent_class)->map (widget);

  if (self->stale && self->update_source == 0)
    self->update_source = g_idle_add_full (G_PRIORITY_LOW, update_cb, self, NULL);
  self->stale = FALSE;
}

/* ---------------------------------------------------------------- public */

GtkWidget *
wd_preview_page_new (void)
{
  return g_object_new (WD_TYPE_PREVIEW_PAGE, NULL);
}

WdArticle *
wd_preview_page_get_article (WdPreviewPage *self)
{
  g_return_val_if_fail (WD_IS_PREVIEW_PAGE (self), NULL);
  return self->article;
}

void
wd_preview_page_set_article (WdPreviewPage *self,
                             WdArticle     *article)
{
  g_return_if_fail (WD_IS_PREVIEW_PAGE (self));
  g_return_if_fail (article == NULL || WD_IS_ARTICLE (article));

  if (self->article == article)
    return;

  if (self->article != NULL)
    g_signal_handlers_disconnect_by_func (self->article, on_article_changed, self);
  g_set_object (&self->article, article);
  if (article != NULL)
    g_signal_connect_object (article, "changed", G_CALLBACK (on_article_changed), self, G_CONNECT_SWAPPED);

  /* A new document shows at once, without the typing delay. */
  g_clear_handle_id (&self->update_source, g_source_remove);
  self->stale = TRUE;
  if (gtk_widget_get_mapped (GTK_WIDGET (self)))
    {
      self->stale = FALSE;
      self->update_source = g_idle_add_full (G_PRIORITY_LOW, update_cb, self, NULL);
    }

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ARTICLE]);
}

guint
wd_preview_page_get_renders (WdPreviewPage *self)
{
  g_return_val_if_fail (WD_IS_PREVIEW_PAGE (self), 0);
  return self->renders;
}

/* --------------------------------------------------------------- GObject */

static void
wd_preview_page_dispose (GObject *object)
{
  WdPreviewPage *self = (WdPreviewPage *)object;

  g_clear_handle_id (&self->update_source, g_source_remove);
  stop_fill (self);
  if (self->article != NULL)
    g_signal_handlers_disconnect_by_func (self->article, on_article_changed, self);
  g_clear_object (&self->article);

  gtk_widget_dispose_template (GTK_WIDGET (self), WD_TYPE_PREVIEW_PAGE);

  G_OBJECT_CLASS (wd_preview_page_parent_class)->dispose (object);
}

static void
wd_preview_page_finalize (GObject *object)
{
  WdPreviewPage *self = (WdPreviewPage *)object;

  g_clear_object (&self->blocks);

  G_OBJECT_CLASS (wd_preview_page_parent_class)->finalize (object);
}

static void
wd_preview_page_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  WdPreviewPage *self = WD_PREVIEW_PAGE (object);

  switch (prop_id)
    {
    case PROP_ARTICLE:
      g_value_set_object (value, self->article);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
wd_preview_page_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  WdPreviewPage *self = WD_PREVIEW_PAGE (object);

  switch (prop_id)
    {
    case PROP_ARTICLE:
      wd_preview_page_set_article (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
wd_preview_page_class_init (WdPreviewPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = wd_preview_page_dispose;
  object_class->finalize = wd_preview_page_finalize;
  object_class->get_property = wd_preview_page_get_property;
  object_class->set_property = wd_preview_page_set_property;
  widget_class->map = wd_preview_page_map;

  properties[PROP_ARTICLE] =
    g_param_spec_object ("article", NULL, NULL, WD_TYPE_ARTICLE,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/wiredesk/Wiredesk/ui/wd-preview-page.ui");
  gtk_widget_class_bind_template_child (widget_class, WdPreviewPage, scroller);
  gtk_widget_class_bind_template_child (widget_class, WdPreviewPage, list);
}

static void
wd_preview_page_init (WdPreviewPage *self)
{
  g_autoptr(GtkListItemFactory) factory = gtk_signal_list_item_factory_new ();
  g_autoptr(GtkNoSelection) selection = NULL;

  gtk_widget_init_template (GTK_WIDGET (self));

  self->blocks = g_list_store_new (WD_TYPE_PREVIEW_BLOCK);
  g_signal_connect_object (factory, "setup", G_CALLBACK (setup_row), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (factory, "bind", G_CALLBACK (bind_row), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (factory, "unbind", G_CALLBACK (unbind_row), self, G_CONNECT_SWAPPED);
  gtk_list_view_set_factory (self->list, factory);
  selection = gtk_no_selection_new (G_LIST_MODEL (g_object_ref (self->blocks)));
  gtk_list_view_set_model (self->list, GTK_SELECTION_MODEL (selection));
}

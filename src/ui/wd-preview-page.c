/* wd-preview-page.c: the article as published (see the header). */
#define G_LOG_DOMAIN "wd-preview-page"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "wd-markdown-private.h"
#include "wd-preview-page.h"

/* A change shows this long after the last one of a burst (typing). */
#define UPDATE_DELAY_MS 250

struct _WdPreviewPage
{
  GtkWidget          parent_instance;

  WdArticle         *article;
  guint              update_source;
  guint              stale : 1;      /* changed while off screen */
  guint              renders;

  /* What the boxes show: WdBodyBlock (owned) and its row (the box's). */
  GPtrArray         *body_blocks;
  GPtrArray         *body_rows;
  GPtrArray         *source_blocks;
  GPtrArray         *source_rows;

  GtkScrolledWindow *scroller;
  GtkLabel          *headline;
  GtkLabel          *standfirst;
  GtkLabel          *byline;
  GtkBox            *body_box;
  GtkLabel          *sources_heading;
  GtkBox            *sources_box;
};

G_DEFINE_FINAL_TYPE (WdPreviewPage, wd_preview_page, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_ARTICLE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* ------------------------------------------------------------------ rows */

static void scroll_to_source (WdPreviewPage *self,
                              guint          number);

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

static GtkLabel *
text_label (WdPreviewPage     *self,
            const WdBodyBlock *block)
{
  GtkLabel *label = GTK_LABEL (gtk_label_new (NULL));

  gtk_label_set_wrap (label, TRUE);
  gtk_label_set_wrap_mode (label, PANGO_WRAP_WORD_CHAR);
  gtk_label_set_xalign (label, 0);
  gtk_label_set_selectable (label, TRUE);
  gtk_widget_set_hexpand (GTK_WIDGET (label), TRUE);
  /* Only the renderer's markup, in which all text is escaped. */
  gtk_label_set_markup (label, block->markup);
  g_signal_connect_object (label, "activate-link", G_CALLBACK (on_activate_link), self, G_CONNECT_SWAPPED);

  switch (block->kind)
    {
    case WD_BODY_BLOCK_HEADING:
      gtk_widget_add_css_class (GTK_WIDGET (label),
                                block->level <= 1 ? "title-2" : block->level == 2 ? "title-3" :
                                block->level == 3 ? "title-4" : "heading");
      break;
    case WD_BODY_BLOCK_CODE:
      gtk_widget_add_css_class (GTK_WIDGET (label), "monospace");
      gtk_label_set_wrap_mode (label, PANGO_WRAP_CHAR);
      break;
    default:
      break;
    }

  return label;
}

/* The widget for one block; its label, if any, as "label" data. */
static GtkWidget *
make_row (WdPreviewPage     *self,
          const WdBodyBlock *block)
{
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
      label = text_label (self, block);
      content = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
      gtk_widget_add_css_class (content, "card");
      gtk_widget_set_margin_start (GTK_WIDGET (label), 12);
      gtk_widget_set_margin_end (GTK_WIDGET (label), 12);
      gtk_widget_set_margin_top (GTK_WIDGET (label), 8);
      gtk_widget_set_margin_bottom (GTK_WIDGET (label), 8);
      gtk_box_append (GTK_BOX (content), GTK_WIDGET (label));
    }
  else
    content = GTK_WIDGET (label = text_label (self, block));

  /* List items and sources: the marker in a column of its own. */
  if (block->list_depth > 0 || block->kind == WD_BODY_BLOCK_SOURCE)
    {
      GtkWidget *marker = gtk_label_new (block->marker);
      GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);

      gtk_label_set_xalign (GTK_LABEL (marker), 1);
      gtk_label_set_yalign (GTK_LABEL (marker), 0);
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

  g_object_set_data (G_OBJECT (row), "label", label);
  return row;
}

static gboolean
same_shape (const WdBodyBlock *a,
            const WdBodyBlock *b)
{
  return a->kind == b->kind && a->level == b->level && a->quote_depth == b->quote_depth &&
         a->list_depth == b->list_depth && g_strcmp0 (a->marker, b->marker) == 0;
}

/* Puts @blocks (taken) in @box, keeping the rows whose block did not
 * change and relabelling those whose text alone did: typing in one
 * paragraph touches one label. */
static void
sync_rows (WdPreviewPage *self,
           GtkBox        *box,
           GPtrArray     *shown,
           GPtrArray     *rows,
           GPtrArray     *blocks)
{
  guint i;

  for (i = 0; i < blocks->len; i++)
    {
      WdBodyBlock *block = g_ptr_array_index (blocks, i);
      GtkWidget *row = i < rows->len ? g_ptr_array_index (rows, i) : NULL;

      if (row != NULL)
        {
          WdBodyBlock *old = g_ptr_array_index (shown, i);

          if (_wd_body_block_equal (old, block))
            continue;
          if (same_shape (old, block) && g_object_get_data (G_OBJECT (row), "label") != NULL)
            {
              gtk_label_set_markup (g_object_get_data (G_OBJECT (row), "label"), block->markup);
              continue;
            }
          gtk_box_remove (box, row);
        }

      row = make_row (self, block);
      gtk_box_insert_child_after (box, row, i > 0 ? g_ptr_array_index (rows, i - 1) : NULL);
      if (i < rows->len)
        g_ptr_array_index (rows, i) = row;
      else
        g_ptr_array_add (rows, row);
    }

  for (guint k = i; k < rows->len; k++)
    gtk_box_remove (box, g_ptr_array_index (rows, k));
  g_ptr_array_set_size (rows, blocks->len);

  /* The blocks shown are now these (moved from @blocks). */
  g_ptr_array_set_size (shown, 0);
  for (i = 0; i < blocks->len; i++)
    g_ptr_array_add (shown, g_ptr_array_index (blocks, i));
  g_ptr_array_set_free_func (blocks, NULL);
  g_ptr_array_set_size (blocks, 0);
}

static void
scroll_to_source (WdPreviewPage *self,
                  guint          number)
{
  GtkAdjustment *adjustment = gtk_scrolled_window_get_vadjustment (self->scroller);
  GtkWidget *row, *child;
  double x, y;

  if (number == 0 || number > self->source_rows->len)
    return;
  row = g_ptr_array_index (self->source_rows, number - 1);
  child = gtk_scrolled_window_get_child (self->scroller);
  if (gtk_widget_translate_coordinates (row, child, 0, 0, &x, &y))
    gtk_adjustment_set_value (adjustment, y - 12);
}

/* ---------------------------------------------------------------- render */

static void
set_text (GtkLabel   *label,
          const char *text)
{
  /* Plain text, never markup. */
  gtk_label_set_text (label, text != NULL ? text : "");
  gtk_widget_set_visible (GTK_WIDGET (label), text != NULL && *text != '\0');
}

static void
render (WdPreviewPage *self)
{
  g_autoptr(WdRenderedBody) body = NULL;
  g_autoptr(GPtrArray) main_blocks = g_ptr_array_new_with_free_func ((GDestroyNotify) _wd_body_block_free);
  g_autoptr(GPtrArray) source_blocks = g_ptr_array_new_with_free_func ((GDestroyNotify) _wd_body_block_free);
  g_autofree char *credit = NULL;
  const char *byline, *dateline;

  if (self->article == NULL)
    return;

  set_text (self->headline, wd_article_get_headline (self->article));
  if (!gtk_widget_get_visible (GTK_WIDGET (self->headline)))
    {
      gtk_label_set_text (self->headline, _("Untitled"));
      gtk_widget_set_visible (GTK_WIDGET (self->headline), TRUE);
    }
  set_text (self->standfirst, wd_article_get_standfirst (self->article));

  byline = wd_article_get_byline (self->article);
  dateline = wd_article_get_dateline (self->article);
  if (byline != NULL && *byline != '\0' && dateline != NULL && *dateline != '\0')
    /* TRANSLATORS: byline and dateline in the preview: "Ann Lee · Harbour City" */
    credit = g_strdup_printf (_("%s · %s"), byline, dateline);
  else if (byline != NULL && *byline != '\0')
    credit = g_strdup (byline);
  else if (dateline != NULL)
    credit = g_strdup (dateline);
  set_text (self->byline, credit);

  body = _wd_rendered_body_new_blocks (self->article);
  for (guint i = 0; i < body->blocks->len; i++)
    {
      WdBodyBlock *block = g_ptr_array_index (body->blocks, i);

      g_ptr_array_add (block->kind == WD_BODY_BLOCK_SOURCE ? source_blocks : main_blocks, block);
    }
  /* The blocks moved into the two arrays. */
  g_ptr_array_set_free_func (body->blocks, NULL);

  sync_rows (self, self->body_box, self->body_blocks, self->body_rows, main_blocks);
  sync_rows (self, self->sources_box, self->source_blocks, self->source_rows, source_blocks);
  gtk_widget_set_visible (GTK_WIDGET (self->sources_heading), self->source_rows->len > 0);

  self->renders++;
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

  g_ptr_array_unref (self->body_blocks);
  g_ptr_array_unref (self->body_rows);
  g_ptr_array_unref (self->source_blocks);
  g_ptr_array_unref (self->source_rows);

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
  gtk_widget_class_bind_template_child (widget_class, WdPreviewPage, headline);
  gtk_widget_class_bind_template_child (widget_class, WdPreviewPage, standfirst);
  gtk_widget_class_bind_template_child (widget_class, WdPreviewPage, byline);
  gtk_widget_class_bind_template_child (widget_class, WdPreviewPage, body_box);
  gtk_widget_class_bind_template_child (widget_class, WdPreviewPage, sources_heading);
  gtk_widget_class_bind_template_child (widget_class, WdPreviewPage, sources_box);
}

static void
wd_preview_page_init (WdPreviewPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->body_blocks = g_ptr_array_new_with_free_func ((GDestroyNotify) _wd_body_block_free);
  self->body_rows = g_ptr_array_new ();
  self->source_blocks = g_ptr_array_new_with_free_func ((GDestroyNotify) _wd_body_block_free);
  self->source_rows = g_ptr_array_new ();
}

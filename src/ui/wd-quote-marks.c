/* wd-quote-marks.c: problem quotations underlined in the body. */
#define G_LOG_DOMAIN "wd-quote-marks"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include <adwaita.h>

#include "wiredesk-core.h"
#include "wd-quote-marks.h"
#include "wd-ui-util.h"

#define TAG_NAME "wd-quote-problem"

typedef struct
{
  GtkTextMark *start;
  GtkTextMark *end;
  char        *tooltip;
} Mark;

struct _WdQuoteMarks
{
  GObject      parent_instance;

  GtkTextView *view;      /* weak */
  GtkTextTag  *tag;
  GArray      *marks;     /* Mark */
};

G_DEFINE_FINAL_TYPE (WdQuoteMarks, wd_quote_marks, G_TYPE_OBJECT)

static const char *
verdict_label (WdFindingCode code)
{
  switch (code)
    {
    case WD_FINDING_CODE_QUOTE_NOT_FOUND:
      return _("Quotation not found in its sources");
    case WD_FINDING_CODE_QUOTE_ALTERED:
      return _("Quotation differs from its source");
    case WD_FINDING_CODE_QUOTE_IN_OTHER_SOURCE:
      return _("Quotation from a source this paragraph does not cite");
    case WD_FINDING_CODE_QUOTE_REMOVED:
      return _("Quotation removed from its source since the baseline");
    default:
      return NULL;
    }
}

/* Drops one mark and its underline (only where it is: a body may be
 * large, and GTK lays out again all of a range a tag leaves). */
static void
drop_mark (WdQuoteMarks *self,
           Mark         *mark)
{
  /* The mark's own buffer: NULL once it is gone with the view. */
  GtkTextBuffer *buffer = gtk_text_mark_get_buffer (mark->start);

  if (buffer != NULL)
    {
      GtkTextIter start, end;

      gtk_text_buffer_get_iter_at_mark (buffer, &start, mark->start);
      gtk_text_buffer_get_iter_at_mark (buffer, &end, mark->end);
      gtk_text_buffer_remove_tag (buffer, self->tag, &start, &end);
      gtk_text_buffer_delete_mark (buffer, mark->start);
      gtk_text_buffer_delete_mark (buffer, mark->end);
    }
  g_object_unref (mark->start);
  g_object_unref (mark->end);
  g_free (mark->tooltip);
}

static void
clear_marks (WdQuoteMarks *self)
{
  for (guint i = 0; i < self->marks->len; i++)
    drop_mark (self, &g_array_index (self->marks, Mark, i));
  g_array_set_size (self->marks, 0);
}

/* An underline wanted by the latest audit, in characters of the body. */
typedef struct
{
  int   start;
  int   end;
  char *tooltip;
  gboolean kept;    /* an existing mark already underlines it */
} Wanted;

static void
wanted_clear (Wanted *w)
{
  g_free (w->tooltip);
}

void
wd_quote_marks_update (WdQuoteMarks *self,
                       GListModel   *findings)
{
  g_autoptr(GPtrArray) quotes = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GArray) wanted = NULL;
  g_autoptr(GArray) kept = NULL;
  g_autoptr(GArray) removed = NULL;
  GtkTextBuffer *buffer;
  GtkTextIter start, end;
  int n_chars;

  g_return_if_fail (WD_IS_QUOTE_MARKS (self));
  g_return_if_fail (G_IS_LIST_MODEL (findings));

  if (self->view == NULL)
    return;

  for (guint i = 0; i < g_list_model_get_n_items (findings); i++)
    {
      g_autoptr(WdFinding) finding = g_list_model_get_item (findings, i);

      if (verdict_label (wd_finding_get_code (finding)) != NULL)
        g_ptr_array_add (quotes, g_steal_pointer (&finding));
    }

  /* Nothing marked, nothing to mark: the usual case costs no walk of
   * the text. */
  if (quotes->len == 0 && self->marks->len == 0)
    return;

  buffer = gtk_text_view_get_buffer (self->view);
  if (quotes->len == 0)
    {
      clear_marks (self);
      return;
    }

  /* The audit hands the ranges in characters too: no copy or walk of
   * the (maybe 1 MB) text here. */
  n_chars = gtk_text_buffer_get_char_count (buffer);
  wanted = g_array_new (FALSE, TRUE, sizeof (Wanted));
  g_array_set_clear_func (wanted, (GDestroyNotify) wanted_clear);
  for (guint i = 0; i < quotes->len; i++)
    {
      WdFinding *finding = g_ptr_array_index (quotes, i);
      Wanted w = { 0, };
      gsize from, to;

      if (!wd_finding_get_char_range (finding, &from, &to) || to <= from)
        continue;
      w.start = (int) MIN (from, (gsize) n_chars);
      w.end = (int) MIN (to, (gsize) n_chars);
      w.tooltip = g_strdup_printf ("%s\n%s", verdict_label (wd_finding_get_code (finding)),
                                   wd_finding_get_message (finding));
      g_array_append_val (wanted, w);
    }

  /* Typing moves the marks with the text, so after an edit most of them
   * still stand where the new audit wants them: those are kept (a new
   * tooltip at most), and the tag is touched only where an underline
   * comes or goes. Retagging them all made GTK lay out every quotation's
   * paragraph again after each audit (bench-quote-typing). */
  kept = g_array_new (FALSE, FALSE, sizeof (Mark));
  removed = g_array_new (FALSE, FALSE, sizeof (int) * 2);
  for (guint i = 0; i < self->marks->len; i++)
    {
      Mark *mark = &g_array_index (self->marks, Mark, i);
      GtkTextIter at;
      int from, to;
      Wanted *same = NULL;

      gtk_text_buffer_get_iter_at_mark (buffer, &at, mark->start);
      from = gtk_text_iter_get_offset (&at);
      gtk_text_buffer_get_iter_at_mark (buffer, &at, mark->end);
      to = gtk_text_iter_get_offset (&at);
      for (guint k = 0; k < wanted->len && same == NULL; k++)
        {
          Wanted *w = &g_array_index (wanted, Wanted, k);

          if (!w->kept && w->start == from && w->end == to)
            same = w;
        }
      if (same != NULL)
        {
          same->kept = TRUE;
          g_free (mark->tooltip);
          mark->tooltip = g_steal_pointer (&same->tooltip);
          g_array_append_val (kept, *mark);
        }
      else
        {
          int range[2] = { from, to };

          g_array_append_vals (removed, range, 1);
          drop_mark (self, mark);
        }
    }
  g_array_set_size (self->marks, 0);
  g_array_append_vals (self->marks, kept->data, kept->len);

  /* A dropped underline that overlapped a kept one took part of it. */
  for (guint i = 0; i < self->marks->len && removed->len > 0; i++)
    {
      Mark *mark = &g_array_index (self->marks, Mark, i);

      gtk_text_buffer_get_iter_at_mark (buffer, &start, mark->start);
      gtk_text_buffer_get_iter_at_mark (buffer, &end, mark->end);
      for (guint k = 0; k < removed->len; k++)
        {
          int *range = &g_array_index (removed, int, k * 2);

          if (range[0] < gtk_text_iter_get_offset (&end) && gtk_text_iter_get_offset (&start) < range[1])
            {
              gtk_text_buffer_apply_tag (buffer, self->tag, &start, &end);
              break;
            }
        }
    }

  for (guint k = 0; k < wanted->len; k++)
    {
      Wanted *w = &g_array_index (wanted, Wanted, k);
      Mark mark;

      if (w->kept)
        continue;
      gtk_text_buffer_get_iter_at_offset (buffer, &start, w->start);
      gtk_text_buffer_get_iter_at_offset (buffer, &end, w->end);
      gtk_text_buffer_apply_tag (buffer, self->tag, &start, &end);
      mark.start = g_object_ref (gtk_text_buffer_create_mark (buffer, NULL, &start, TRUE));
      mark.end = g_object_ref (gtk_text_buffer_create_mark (buffer, NULL, &end, FALSE));
      mark.tooltip = g_steal_pointer (&w->tooltip);
      g_array_append_val (self->marks, mark);
    }
}

char *
wd_quote_marks_dup_tooltip_at (WdQuoteMarks      *self,
                               const GtkTextIter *iter)
{
  GtkTextBuffer *buffer;

  g_return_val_if_fail (WD_IS_QUOTE_MARKS (self), NULL);

  if (self->view == NULL || !gtk_text_iter_has_tag (iter, self->tag))
    return NULL;

  buffer = gtk_text_view_get_buffer (self->view);
  for (guint i = 0; i < self->marks->len; i++)
    {
      const Mark *mark = &g_array_index (self->marks, Mark, i);
      GtkTextIter start, end;

      gtk_text_buffer_get_iter_at_mark (buffer, &start, mark->start);
      gtk_text_buffer_get_iter_at_mark (buffer, &end, mark->end);
      if (gtk_text_iter_compare (&start, iter) <= 0 && gtk_text_iter_compare (iter, &end) < 0)
        return g_strdup (mark->tooltip);
    }
  return NULL;
}

guint
wd_quote_marks_get_n_marks (WdQuoteMarks *self)
{
  g_return_val_if_fail (WD_IS_QUOTE_MARKS (self), 0);
  return self->marks->len;
}

static gboolean
on_query_tooltip (WdQuoteMarks *self,
                  int           x,
                  int           y,
                  gboolean      keyboard_mode,
                  GtkTooltip   *tooltip,
                  GtkWidget    *widget)
{
  g_autofree char *text = NULL;
  GtkTextIter iter;

  if (!_wd_text_view_tooltip_iter (GTK_TEXT_VIEW (widget), x, y, keyboard_mode, &iter))
    return FALSE;
  if ((text = wd_quote_marks_dup_tooltip_at (self, &iter)) == NULL)
    return FALSE;
  gtk_tooltip_set_text (tooltip, text);
  return TRUE;
}

/* Adwaita's purple: apart from the spelling underline and the error red
 * of unknown citations, readable on the light and the dark view. */
static void
update_colour (WdQuoteMarks *self)
{
  gboolean dark = adw_style_manager_get_dark (adw_style_manager_get_default ());
  GdkRGBA colour, tint;

  gdk_rgba_parse (&colour, dark ? "#dc8add" : "#813d9c");
  gdk_rgba_parse (&tint, dark ? "rgba(220,138,221,0.14)" : "rgba(145,65,172,0.09)");
  g_object_set (self->tag, "underline-rgba", &colour, "background-rgba", &tint, NULL);
  if (self->view != NULL)
    gtk_widget_queue_draw (GTK_WIDGET (self->view));
}

static void
wd_quote_marks_dispose (GObject *object)
{
  WdQuoteMarks *self = (WdQuoteMarks *)object;

  if (self->view != NULL)
    {
      clear_marks (self);
      g_object_remove_weak_pointer (G_OBJECT (self->view), (gpointer *) &self->view);
      self->view = NULL;
    }

  G_OBJECT_CLASS (wd_quote_marks_parent_class)->dispose (object);
}

static void
wd_quote_marks_finalize (GObject *object)
{
  WdQuoteMarks *self = (WdQuoteMarks *)object;

  clear_marks (self);
  g_array_unref (self->marks);
  g_clear_object (&self->tag);

  G_OBJECT_CLASS (wd_quote_marks_parent_class)->finalize (object);
}

static void
wd_quote_marks_class_init (WdQuoteMarksClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = wd_quote_marks_dispose;
  object_class->finalize = wd_quote_marks_finalize;
}

static void
wd_quote_marks_init (WdQuoteMarks *self)
{
  self->marks = g_array_new (FALSE, FALSE, sizeof (Mark));
}

WdQuoteMarks *
wd_quote_marks_new (GtkTextView *view)
{
  WdQuoteMarks *self;

  g_return_val_if_fail (GTK_IS_TEXT_VIEW (view), NULL);

  self = g_object_new (WD_TYPE_QUOTE_MARKS, NULL);
  self->view = view;
  g_object_add_weak_pointer (G_OBJECT (view), (gpointer *) &self->view);
  self->tag = g_object_ref (gtk_text_buffer_create_tag (gtk_text_view_get_buffer (view), TAG_NAME,
                                                        "underline", PANGO_UNDERLINE_ERROR, NULL));

  gtk_widget_set_has_tooltip (GTK_WIDGET (view), TRUE);
  g_signal_connect_object (view, "query-tooltip", G_CALLBACK (on_query_tooltip), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (adw_style_manager_get_default (), "notify::dark",
                           G_CALLBACK (update_colour), self, G_CONNECT_SWAPPED);
  update_colour (self);

  return self;
}

/* wd-text-scroll.c: scrolling a text view to a mark once its text is
 * laid out.
 *
 * Why gtk_text_view_scroll_to_mark() alone is not enough just after
 * gtk_text_buffer_set_text() (GTK 4.8 and 4.18 alike):
 *
 * - The text view lays its lines out ("validates" them) in idles: a
 *   first pass for the lines on screen (before the next resize, and at
 *   the end of size_allocate), then the rest, 2000 pixels an idle, at
 *   GTK_TEXT_VIEW_PRIORITY_VALIDATE.
 * - scroll_to_mark() scrolls at once only when every line is laid out.
 *   Otherwise it keeps the scroll for the next *first* pass, and nothing
 *   else runs it: asked for once that pass is over (the view has its
 *   height, only its first screen laid out), it waits for the next
 *   change to the text — which, in a read-only view, never comes. A text
 *   in one line was laid out whole in the first pass, so the scroll went
 *   at once; a page in paragraphs (150 of them, 8 300 pixels) is not,
 *   and the view stayed at its top.
 * - Asked for before the view has its height, the first pass does run
 *   it, but against a view 0 pixels high; and the scroll is animated,
 *   so the lines above being measured while it runs (each moves the
 *   view to keep its top line in place) cut it short.
 *
 * So the scroll is asked for once the view has a height (a frame where
 * it has one) and its layout idles are over: GLib dispatches an idle of
 * lower priority than GTK_TEXT_VIEW_PRIORITY_VALIDATE only when no
 * layout idle is pending, that is when every line is laid out. There
 * scroll_to_mark() scrolls at once, and nothing moves the view under
 * its animation. */
#define G_LOG_DOMAIN "wd-text-scroll"

#include "config.h"

#include "wd-text-scroll.h"

/* Below GTK_TEXT_VIEW_PRIORITY_VALIDATE (higher numbers run later). */
#define SCROLL_PRIORITY G_PRIORITY_DEFAULT_IDLE

G_STATIC_ASSERT (SCROLL_PRIORITY > GTK_TEXT_VIEW_PRIORITY_VALIDATE);

struct _WdTextScroll
{
  GtkTextView *view;
  GtkTextMark *mark;      /* where to scroll to; NULL: nothing pending */
  double       within_margin;
  gboolean     use_align;
  double       yalign;
  guint        tick_id;   /* waits for a frame where the view has a height */
  guint        idle_id;   /* then for the view's layout idles to be over */
};

WdTextScroll *
wd_text_scroll_new (GtkTextView *view)
{
  WdTextScroll *self;

  g_return_val_if_fail (GTK_IS_TEXT_VIEW (view), NULL);

  self = g_new0 (WdTextScroll, 1);
  self->view = view;
  return self;
}

void
wd_text_scroll_cancel (WdTextScroll *self)
{
  g_return_if_fail (self != NULL);

  if (self->tick_id != 0)
    gtk_widget_remove_tick_callback (GTK_WIDGET (self->view), self->tick_id);
  self->tick_id = 0;
  g_clear_handle_id (&self->idle_id, g_source_remove);
  g_clear_object (&self->mark);
}

void
wd_text_scroll_free (WdTextScroll *self)
{
  if (self == NULL)
    return;
  wd_text_scroll_cancel (self);
  g_free (self);
}

static gboolean
scroll_now (gpointer user_data)
{
  WdTextScroll *self = user_data;

  self->idle_id = 0;
  if (gtk_widget_get_mapped (GTK_WIDGET (self->view)) && !gtk_text_mark_get_deleted (self->mark))
    gtk_text_view_scroll_to_mark (self->view, self->mark, self->within_margin, self->use_align,
                                  0.0, self->yalign);
  g_clear_object (&self->mark);
  return G_SOURCE_REMOVE;
}

static gboolean
wait_for_height (GtkWidget     *widget,
                 GdkFrameClock *clock,
                 gpointer       user_data)
{
  WdTextScroll *self = user_data;

  if (gtk_widget_get_height (widget) == 0)
    return G_SOURCE_CONTINUE;

  self->tick_id = 0;
  self->idle_id = g_idle_add_full (SCROLL_PRIORITY, scroll_now, self, NULL);
  g_source_set_static_name (g_main_context_find_source_by_id (NULL, self->idle_id), "[wiredesk] text scroll");
  return G_SOURCE_REMOVE;
}

static void
scroll_later (WdTextScroll *self,
              GtkTextMark  *mark,
              double        within_margin,
              gboolean      use_align,
              double        yalign)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (GTK_IS_TEXT_MARK (mark));
  g_return_if_fail (gtk_text_mark_get_buffer (mark) == gtk_text_view_get_buffer (self->view));

  wd_text_scroll_cancel (self);
  self->mark = g_object_ref (mark);
  self->within_margin = within_margin;
  self->use_align = use_align;
  self->yalign = yalign;
  self->tick_id = gtk_widget_add_tick_callback (GTK_WIDGET (self->view), wait_for_height, self, NULL);
}

void
wd_text_scroll_to_mark (WdTextScroll *self,
                        GtkTextMark  *mark,
                        double        yalign)
{
  g_return_if_fail (yalign >= 0.0 && yalign <= 1.0);

  scroll_later (self, mark, 0.0, TRUE, yalign);
}

void
wd_text_scroll_into_view (WdTextScroll *self,
                          GtkTextMark  *mark,
                          double        within_margin)
{
  g_return_if_fail (within_margin >= 0.0 && within_margin < 0.5);

  scroll_later (self, mark, within_margin, FALSE, 0.0);
}

/* wd-window-body.c: the body text as the window's parts use it — its
 * text, byte offsets ↔ buffer positions, selecting a range and keeping
 * the side pane off it. Used by the audit, citations, sources and find. */
#define G_LOG_DOMAIN "wd-window-body"

#include "config.h"

#include <string.h>

#include "wd-window-private.h"

char *
_wd_window_dup_body_text (WdWindow *self)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (self->body));
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  return gtk_text_buffer_get_text (buffer, &start, &end, TRUE);
}

void
_wd_window_iter_at_byte (WdWindow    *self,
                         const char  *text,
                         gsize        byte,
                         GtkTextIter *iter)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (self->body));
  gsize len = strlen (text);

  /* A range from an audit of a slightly older text: stay inside, and on
   * a character. */
  byte = MIN (byte, len);
  while (byte > 0 && ((guchar) text[byte] & 0xc0) == 0x80)
    byte--;

  gtk_text_buffer_get_iter_at_offset (buffer, iter, (int) g_utf8_pointer_to_offset (text, text + byte));
}

/* Narrow, the side pane covers the text: out of the way. */
void
_wd_window_uncover_body (WdWindow *self)
{
  if (adw_flap_get_folded (self->flap))
    adw_flap_set_reveal_flap (self->flap, FALSE);
}

void
_wd_window_select_body_range (WdWindow *self,
                              gsize     start,
                              gsize     end)
{
  GtkTextView *view = GTK_TEXT_VIEW (self->body);
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (view);
  GtkTextIter from, to;

  gtk_text_buffer_get_iter_at_offset (buffer, &from, (int) MIN (start, (gsize) G_MAXINT));
  gtk_text_buffer_get_iter_at_offset (buffer, &to, (int) MIN (MAX (start, end), (gsize) G_MAXINT));

  _wd_window_uncover_body (self);
  gtk_text_buffer_select_range (buffer, &from, &to);
  /* Not gtk_text_view_scroll_to_mark() at once: with lines still to lay
   * out (a long body just opened or rewrapped) it can leave the view
   * where it was; wd-text-scroll.c says why. */
  wd_text_scroll_to_mark (self->body_scroll, gtk_text_buffer_get_insert (buffer), 0.3);
  gtk_widget_grab_focus (GTK_WIDGET (self->body));
}

/* wd-window-cite.c: citing sources in the body. "Cite Source…" (Ctrl+K)
 * puts a marker "[^source-id]" at the cursor through the core's helper
 * (wd_citations_insert: never inside code, never splitting a run of
 * markers, never twice in one run). The markers are found in a worker on
 * the audit's throttle, never per keystroke, and handed to the body view,
 * which shows them as numbered chips (wd-body-view.h); hovering one names
 * the source. */
#define G_LOG_DOMAIN "wd-window-cite"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "wd-body-view.h"
#include "wd-check-status.h"
#include "wd-ui-util.h"
#include "wd-window-private.h"

typedef struct
{
  char       *body;
  GHashTable *known;      /* id of each of the article's sources → WdChipHealth */
  guint64     serial;     /* the body's, when copied */
  GArray     *chips;      /* out: WdChip */
  GHashTable *numbers;    /* out: id → footnote number */
} Scan;

static void
scan_free (Scan *scan)
{
  g_free (scan->body);
  g_clear_pointer (&scan->known, g_hash_table_unref);
  g_clear_pointer (&scan->chips, g_array_unref);
  g_clear_pointer (&scan->numbers, g_hash_table_unref);
  g_free (scan);
}

/* ------------------------------------------------------------ chips (tags) */

/* The chip's colour and mark: the verdict's own style, in four. */
static WdChipHealth
chip_health (WdCheckStatus status)
{
  const char *css = _wd_check_status_style (status)->css_class;

  if (g_str_equal (css, "error"))
    return WD_CHIP_HEALTH_ERROR;
  if (g_str_equal (css, "warning"))
    return WD_CHIP_HEALTH_WARNING;
  if (status == WD_CHECK_STATUS_UNCHECKED)
    return WD_CHIP_HEALTH_UNCHECKED;
  return WD_CHIP_HEALTH_OK;
}

static void
scan_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  Scan *scan = task_data;
  g_autoptr(GArray) citations = NULL;
  g_autoptr(GPtrArray) order = NULL;
  gsize byte = 0;
  guint chars = 0;

  /* Numbered as the exports number their footnotes. */
  wd_citations_scan (scan->body, NULL, &citations);
  order = wd_citations_number (citations, scan->known, NULL);
  scan->chips = g_array_sized_new (FALSE, FALSE, sizeof (WdChip), citations->len);
  scan->numbers = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  for (guint i = 0; i < order->len; i++)
    g_hash_table_insert (scan->numbers, g_strdup (g_ptr_array_index (order, i)), GUINT_TO_POINTER (i + 1));

  for (guint i = 0; i < citations->len; i++)
    {
      const WdCitation *c = &g_array_index (citations, WdCitation, i);
      WdChip chip;

      chars += g_utf8_strlen (scan->body + byte, c->start - byte);
      chip.start = chars;
      chars += g_utf8_strlen (scan->body + c->start, c->end - c->start);
      chip.end = chars;
      chip.number = c->number;
      byte = c->end;

      chip.health = GPOINTER_TO_UINT (g_hash_table_lookup (scan->known, c->source_id));
      g_array_append_val (scan->chips, chip);
    }

  g_task_return_boolean (task, TRUE);
}

static void
scan_done (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  WdWindow *self = WD_WINDOW (object);
  Scan *scan = g_task_get_task_data (G_TASK (result));

  if (!g_task_propagate_boolean (G_TASK (result), NULL) || _wd_window_closing (self))
    return;

  /* Typed into meanwhile: the next run (already on its way) tags. */
  if (scan->serial != self->body_serial)
    return;

  wd_body_view_set_chips (WD_BODY_VIEW (self->body), scan->chips, g_steal_pointer (&scan->numbers),
                          g_steal_pointer (&scan->known));
}

void
_wd_window_refresh_citations (WdWindow *self)
{
  g_autoptr(GTask) task = NULL;
  Scan *scan;

  if (self->article == NULL)
    return;

  scan = g_new0 (Scan, 1);
  /* The audit synced the body a moment ago: the document's copy is the
   * buffer's text, and much cheaper to copy than the buffer. */
  _wd_window_sync_body (self);
  scan->body = g_strdup (wd_article_get_body (self->article) ? wd_article_get_body (self->article) : "");
  scan->serial = self->body_serial;
  scan->known = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  for (guint i = 0; i < wd_article_get_n_sources (self->article); i++)
    {
      WdSource *source = wd_article_get_source (self->article, i);

      g_hash_table_insert (scan->known, g_strdup (wd_source_get_id (source)),
                           GUINT_TO_POINTER (chip_health (wd_source_get_check_status (source))));
    }

  task = g_task_new (self, self->cancellable, scan_done, NULL);
  g_task_set_source_tag (task, _wd_window_refresh_citations);
  g_task_set_task_data (task, scan, (GDestroyNotify) scan_free);
  g_task_run_in_thread (task, scan_thread);
}

/* ---------------------------------------------------------------- tooltip */

char *
_wd_window_dup_citation_tooltip (WdWindow   *self,
                                 const char *id)
{
  WdSource *source = self->article != NULL ? wd_article_find_source_by_id (self->article, id) : NULL;
  g_autofree char *name = NULL;
  g_autofree char *head = NULL;
  g_autofree char *verdict = NULL;
  WdCheckStatus status;
  guint number;

  if (source == NULL)
    return g_markup_printf_escaped (_("<b>No such source</b>\nThis cites “%s”, which is not a source of the article."),
                                    id);

  name = wd_source_dup_display_name (source);
  number = wd_body_view_get_number (WD_BODY_VIEW (self->body), id);
  if (number > 0)
    /* TRANSLATORS: tooltip of a citation in the text: number, source name, URL */
    head = g_markup_printf_escaped (_("<b>Footnote %u</b> · %s\n<small>%s</small>"),
                                    number, name, wd_source_get_url (source));
  else
    head = g_markup_printf_escaped ("<b>%s</b>\n<small>%s</small>", name, wd_source_get_url (source));

  /* The verdict the chip's colour and mark stand for, in words. */
  status = wd_source_get_check_status (source);
  verdict = g_markup_printf_escaped ("%s — %s", _wd_check_status_label (status),
                                     _wd_check_status_description (status));
  return g_strconcat (head, "\n", verdict, NULL);
}

static gboolean
on_query_tooltip (WdWindow   *self,
                  int         x,
                  int         y,
                  gboolean    keyboard_mode,
                  GtkTooltip *tooltip,
                  GtkWidget  *view)
{
  g_autofree char *id = NULL;
  g_autofree char *markup = NULL;
  GtkTextIter iter;

  if (!_wd_text_view_tooltip_iter (GTK_TEXT_VIEW (view), x, y, keyboard_mode, &iter))
    return FALSE;

  if ((id = wd_body_view_dup_citation_at (WD_BODY_VIEW (view), &iter)) == NULL || self->article == NULL)
    return FALSE;

  markup = _wd_window_dup_citation_tooltip (self, id);
  gtk_tooltip_set_markup (tooltip, markup);
  return TRUE;
}

/* ------------------------------------------------------------------- cite */

static void
cite_source (WdWindow   *self,
             const char *id)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (self->body));
  g_autofree char *text = NULL;
  g_autofree char *cited = NULL;
  g_autofree char *marker = NULL;
  GtkTextIter cursor, at;
  gsize offset, marker_start = 0;

  if (self->article == NULL || wd_article_find_source_by_id (self->article, id) == NULL)
    return;

  if (!wd_citations_id_is_valid (id))
    {
      _wd_window_toast (self, _("This source’s id cannot be written as a citation"));
      return;
    }

  text = _wd_window_dup_body_text (self);
  gtk_text_buffer_get_iter_at_mark (buffer, &cursor, gtk_text_buffer_get_insert (buffer));
  offset = g_utf8_offset_to_pointer (text, gtk_text_iter_get_offset (&cursor)) - text;

  cited = wd_citations_insert (text, offset, id, &marker_start);
  if (cited == NULL)
    {
      _wd_window_toast (self, _("A citation cannot go here: the cursor is in code or on a footnote line"));
      return;
    }

  marker = wd_citations_format_marker (id);
  _wd_window_iter_at_byte (self, text, marker_start, &at);

  if (strlen (cited) == strlen (text))
    {
      /* That run of markers cites the source already: go after it. */
      gtk_text_iter_forward_chars (&at, g_utf8_strlen (marker, -1));
      gtk_text_buffer_place_cursor (buffer, &at);
      _wd_window_toast (self, _("Already cited here"));
    }
  else
    {
      /* The helper adds the marker and nothing else: the same edit in
       * the buffer keeps the cursor, the undo history and the tags. */
      g_assert (strlen (cited) == strlen (text) + strlen (marker));
      gtk_text_buffer_begin_user_action (buffer);
      gtk_text_buffer_insert (buffer, &at, marker, -1);
      gtk_text_buffer_end_user_action (buffer);
      gtk_text_buffer_place_cursor (buffer, &at);
    }

  gtk_text_view_scroll_mark_onscreen (GTK_TEXT_VIEW (self->body), gtk_text_buffer_get_insert (buffer));
  gtk_widget_grab_focus (GTK_WIDGET (self->body));
}

static void
cite_source_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  cite_source (WD_WINDOW (widget), g_variant_get_string (parameter, NULL));
}

static void
on_source_chosen (WdWindow   *self,
                  const char *id)
{
  cite_source (self, id);
}

static void
cite_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  WdWindow *self = WD_WINDOW (widget);
  GtkTextView *view = GTK_TEXT_VIEW (self->body);
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (view);
  GdkRectangle rect;
  GtkTextIter cursor;

  if (self->article == NULL || wd_article_get_n_sources (self->article) == 0)
    {
      _wd_window_toast (self, _("Add a source first (Ctrl+L), then cite it"));
      return;
    }

  _wd_window_uncover_body (self);

  /* Point at the cursor, where the citation will go. */
  gtk_text_buffer_get_iter_at_mark (buffer, &cursor, gtk_text_buffer_get_insert (buffer));
  gtk_text_view_get_iter_location (view, &cursor, &rect);
  gtk_text_view_buffer_to_window_coords (view, GTK_TEXT_WINDOW_WIDGET, rect.x, rect.y, &rect.x, &rect.y);
  rect.width = MAX (rect.width, 1);
  gtk_popover_set_pointing_to (GTK_POPOVER (self->cite_popover), &rect);

  wd_cite_popover_set_article (self->cite_popover, self->article);
  gtk_popover_popup (GTK_POPOVER (self->cite_popover));
  wd_cite_popover_reset (self->cite_popover);
}

/* ------------------------------------------------------------------ setup */

void
_wd_window_init_citations (WdWindow *self)
{
  gtk_widget_set_has_tooltip (GTK_WIDGET (self->body), TRUE);
  g_signal_connect_object (self->body, "query-tooltip", G_CALLBACK (on_query_tooltip), self, G_CONNECT_SWAPPED);

  self->cite_popover = WD_CITE_POPOVER (wd_cite_popover_new ());
  gtk_widget_set_parent (GTK_WIDGET (self->cite_popover), GTK_WIDGET (self->body));
  g_signal_connect_object (self->cite_popover, "source-chosen", G_CALLBACK (on_source_chosen),
                           self, G_CONNECT_SWAPPED);
}

void
_wd_window_dispose_citations (WdWindow *self)
{
  if (self->cite_popover != NULL)
    {
      gtk_widget_unparent (GTK_WIDGET (self->cite_popover));
      self->cite_popover = NULL;
    }
}

void
_wd_window_class_init_cite (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "win.cite", NULL, cite_action);
  gtk_widget_class_install_action (widget_class, "win.cite-source", "s", cite_source_action);
}

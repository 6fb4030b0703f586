/* wd-capture-view.c: one capture of a source — the widget, reading the
 * capture in a worker, and its text with the article's quotations
 * marked. What Changed is wd-capture-view-diff.c; the scroll to the
 * chosen quotation, wd-text-scroll.c. */
#define G_LOG_DOMAIN "wd-capture-view"

#include "config.h"

#include <glib/gi18n.h>

#include "wd-capture-view-private.h"
#include "wd-quote-locate.h"
#include "wd-text-scroll.h"
#include "wd-ui-util.h"

typedef enum
{
  MARK_FOUND,
  MARK_CHANGED,
} MarkKind;

static const char * const mark_tags[] = { "wd-capture-quote-found", "wd-capture-quote-changed" };

/* The quotation chosen in the audit (wd_capture_view_set_chosen), over
 * the marks above: created after them, so its colour wins. */
#define CHOSEN_TAG "wd-capture-quote-chosen"

typedef struct
{
  MarkKind kind;
  int      start;     /* characters of the captured text */
  int      end;
  char    *tooltip;
} Mark;

struct _WdCaptureView
{
  GtkBox        parent_instance;

  GCancellable *cancellable;   /* of the load under way */
  GArray       *marks;         /* Mark, of the text shown */
  char         *summary;
  char         *chosen_quote;  /* wd_capture_view_set_chosen() */
  char         *chosen_words;
  char         *chosen_note;
  GtkTextMark  *chosen_mark;   /* where the chosen quotation starts */
  WdTextScroll *scroll;        /* to it, once the text is laid out */

  GtkStack     *stack;
  GtkLabel     *summary_label;
  GtkLabel     *missing_label;
  GtkLabel     *chosen_label;
  GtkLabel     *legend_label;
  GtkTextView  *text_view;
  GtkLabel     *diff_label;
  GtkTextView  *diff_view;
  GtkSpinner   *spinner;
};

G_DEFINE_FINAL_TYPE (WdCaptureView, wd_capture_view, GTK_TYPE_BOX)

static void
mark_clear (Mark *mark)
{
  g_free (mark->tooltip);
}

/* -------------------------------------------------------------- the worker */

typedef struct
{
  char      *package_path;
  char      *source_id;
  char      *record_id;
  char      *baseline_id;
  char      *latest_id;
  char      *body;
  GStrv      source_ids;
  char      *chosen_quote;  /* the quotation chosen in the audit, or NULL */
  char      *chosen_words;  /* the source's words for it, or NULL */

  /* What it found */
  char      *text;          /* the capture's visible text, valid UTF-8; NULL: none */
  char      *problem;       /* why nothing can be shown */
  GArray    *marks;         /* Mark */
  GPtrArray *missing;       /* the quotations not in this capture */
  guint      n_found;
  guint      n_changed;
  int        chosen_start;  /* characters of text; -1: not in it */
  int        chosen_end;
  WdCaptureDiff *diff;      /* What Changed */
} Load;

static void
load_free (Load *load)
{
  g_free (load->package_path);
  g_free (load->source_id);
  g_free (load->record_id);
  g_free (load->baseline_id);
  g_free (load->latest_id);
  g_free (load->body);
  g_strfreev (load->source_ids);
  g_free (load->chosen_quote);
  g_free (load->chosen_words);
  g_free (load->text);
  g_free (load->problem);
  g_clear_pointer (&load->marks, g_array_unref);
  g_clear_pointer (&load->missing, g_ptr_array_unref);
  g_clear_pointer (&load->diff, _wd_capture_diff_free);
  g_free (load);
}

char *
_wd_capture_read_text (WdEvidencePackage  *package,
                       const char         *id,
                       GError            **error)
{
  WdCapture *capture = id != NULL ? wd_evidence_package_find (package, id) : NULL;
  g_autofree char *text = NULL;

  if (capture == NULL)
    return NULL;
  text = wd_evidence_package_read_text (package, capture, error);
  return text != NULL ? g_utf8_make_valid (text, -1) : NULL;
}

static void
add_mark (Load         *load,
          MarkKind      kind,
          GArray       *ranges,
          const char   *tooltip)
{
  for (guint i = 0; i < ranges->len; i++)
    {
      const WdQuoteRange *r = &g_array_index (ranges, WdQuoteRange, i);
      Mark mark = { kind, 0, 0, g_strdup (tooltip) };

      mark.start = (int) g_utf8_pointer_to_offset (load->text, load->text + r->start);
      mark.end = (int) g_utf8_pointer_to_offset (load->text, load->text + r->end);
      g_array_append_val (load->marks, mark);
    }
}

GPtrArray *
_wd_capture_quotes_against (const char         *body,
                            const char         *source_id,
                            const char * const *source_ids,
                            const char         *text)
{
  g_autoptr(WdQuoteTexts) texts = wd_quote_texts_new ();
  g_autoptr(GPtrArray) quotes = NULL;
  g_autoptr(GArray) citations = NULL;
  g_autoptr(GHashTable) citing = g_hash_table_new (NULL, NULL);   /* paragraphs citing the source */
  GPtrArray *mine = g_ptr_array_new_with_free_func ((GDestroyNotify) wd_quote_free);

  wd_citations_scan (body, NULL, &citations);
  for (guint i = 0; i < citations->len; i++)
    {
      const WdCitation *c = &g_array_index (citations, WdCitation, i);

      if (g_strcmp0 (c->source_id, source_id) == 0)
        g_hash_table_add (citing, GUINT_TO_POINTER (c->paragraph + 1));
    }

  wd_quote_texts_add (texts, source_id, text, NULL);
  quotes = wd_quotes_check (body, source_ids, texts);
  for (guint i = 0; i < quotes->len; i++)
    {
      WdQuote *q = g_ptr_array_index (quotes, i);

      if (g_hash_table_contains (citing, GUINT_TO_POINTER (q->paragraph + 1)))
        g_ptr_array_add (mine, g_ptr_array_steal_index (quotes, i--));
    }
  return mine;
}

GArray *
_wd_capture_quote_locate (WdQuote    *q,
                          const char *text)
{
  if (q->verdict == WD_QUOTE_VERDICT_VERIFIED)
    return wd_quote_locate (text, q->text);
  if (q->verdict == WD_QUOTE_VERDICT_ALTERED && q->source_text != NULL)
    return wd_quote_locate (text, q->source_text);
  return NULL;
}

/* Each quotation, looked for in this capture alone: the core's matcher
 * decides, wd_quote_locate() finds the words to mark. */
static void
mark_quotations (Load *load)
{
  g_autoptr(GPtrArray) quotes = _wd_capture_quotes_against (load->body, load->source_id,
                                                            (const char * const *) load->source_ids, load->text);

  for (guint i = 0; i < quotes->len; i++)
    {
      WdQuote *q = g_ptr_array_index (quotes, i);
      g_autoptr(GArray) ranges = _wd_capture_quote_locate (q, load->text);

      if (ranges != NULL && q->verdict == WD_QUOTE_VERDICT_VERIFIED)
        {
          add_mark (load, MARK_FOUND, ranges, _("Quoted in the article: found in this capture"));
          load->n_found++;
        }
      else if (ranges != NULL)
        {
          g_autofree char *tooltip = g_strdup_printf (_("Quoted in the article with other words. "
                                                        "The article says: “%s”"), q->text);

          add_mark (load, MARK_CHANGED, ranges, tooltip);
          load->n_changed++;
        }
      else
        g_ptr_array_add (load->missing, g_strdup (q->text));
    }
}

/* Where the chosen quotation stands in this capture: the source's own
 * words for it when the audit found some (altered, in another source),
 * else the article's. */
static void
find_chosen (Load *load)
{
  g_autoptr(GArray) ranges = NULL;

  load->chosen_start = load->chosen_end = -1;
  if (load->chosen_quote == NULL || load->text == NULL)
    return;
  if (load->chosen_words != NULL)
    ranges = wd_quote_locate (load->text, load->chosen_words);
  if (ranges == NULL)
    ranges = wd_quote_locate (load->text, load->chosen_quote);
  if (ranges == NULL)
    return;

  load->chosen_start = (int) g_utf8_pointer_to_offset (load->text,
                                                       load->text + g_array_index (ranges, WdQuoteRange, 0).start);
  load->chosen_end = (int) g_utf8_pointer_to_offset (load->text,
                                                     load->text + g_array_index (ranges, WdQuoteRange,
                                                                                 ranges->len - 1).end);
}

static void
load_in_thread (GTask        *task,
                gpointer      source_object,
                gpointer      task_data,
                GCancellable *cancellable)
{
  Load *load = task_data;
  g_autoptr(WdEvidencePackage) package = NULL;
  g_autoptr(GError) error = NULL;

  load->marks = g_array_new (FALSE, FALSE, sizeof (Mark));
  g_array_set_clear_func (load->marks, (GDestroyNotify) mark_clear);
  load->missing = g_ptr_array_new_with_free_func (g_free);

  package = wd_evidence_package_open (load->package_path, &error);
  if (package == NULL)
    {
      load->problem = g_strdup_printf (_("The evidence package cannot be read: %s"), error->message);
      g_task_return_boolean (task, TRUE);
      return;
    }

  if (wd_evidence_package_find (package, load->record_id) == NULL)
    load->problem = g_strdup (_("This capture is no longer in the evidence package."));
  else if ((load->text = _wd_capture_read_text (package, load->record_id, &error)) == NULL)
    load->problem = error != NULL
      ? g_strdup_printf (_("The captured text cannot be read: %s"), error->message)
      : g_strdup (_("This capture has no visible text: the server’s answer was not a page "
                    "(its status line and headers are kept as evidence)."));
  else if (load->body != NULL)
    mark_quotations (load);
  find_chosen (load);

  if (!g_task_return_error_if_cancelled (task))
    {
      load->diff = _wd_capture_diff_new (package, load->record_id, load->baseline_id, load->latest_id,
                                         load->body, load->source_id, (const char * const *) load->source_ids);
      g_task_return_boolean (task, TRUE);
    }
}

/* ------------------------------------------------------------- showing */

static void
clear_missing (WdCaptureView *self)
{
  gtk_label_set_text (self->missing_label, "");
  gtk_widget_set_visible (GTK_WIDGET (self->missing_label), FALSE);
}

/* The quotations not in this capture, a line each; the sign says it
 * without the colour. */
static void
show_missing (WdCaptureView *self,
              GPtrArray     *missing)
{
  g_autoptr(GString) text = g_string_new (NULL);

  for (guint i = 0; i < missing->len; i++)
    {
      g_autofree char *line = g_strdup_printf (_("⚠ Not in this capture: “%s”"),
                                               (const char *) g_ptr_array_index (missing, i));

      g_string_append_printf (text, "%s%s", i > 0 ? "\n" : "", line);
    }
  gtk_label_set_text (self->missing_label, text->str);
  gtk_widget_set_visible (GTK_WIDGET (self->missing_label), missing->len > 0);
}

static void
set_summary (WdCaptureView *self,
             char          *summary)
{
  g_free (self->summary);
  self->summary = summary;
  gtk_label_set_text (self->summary_label, summary);
}

/* The quotation chosen in the audit: said above the text, highlighted in
 * it, the cursor put on it and scrolled into sight. */
static void
show_chosen (WdCaptureView *self,
             Load          *load)
{
  GtkTextBuffer *text = gtk_text_view_get_buffer (self->text_view);
  GtkTextIter start, end;
  g_autofree char *note = NULL;

  g_clear_pointer (&self->chosen_note, g_free);
  gtk_widget_remove_css_class (GTK_WIDGET (self->chosen_label), "warning");
  if (load->chosen_quote == NULL || load->problem != NULL)
    {
      gtk_widget_set_visible (GTK_WIDGET (self->chosen_label), FALSE);
      return;
    }

  if (load->chosen_start < 0)
    {
      /* TRANSLATORS: above a capture's text, the quotation chosen in the audit */
      note = g_strdup_printf (_("⚠ The quotation you chose is not in this capture: “%s”"), load->chosen_quote);
      gtk_widget_add_css_class (GTK_WIDGET (self->chosen_label), "warning");
    }
  else
    {
      note = g_strdup_printf (_("The quotation you chose is highlighted below: “%s”"), load->chosen_quote);

      gtk_text_buffer_get_iter_at_offset (text, &start, load->chosen_start);
      gtk_text_buffer_get_iter_at_offset (text, &end, load->chosen_end);
      gtk_text_buffer_apply_tag_by_name (text, CHOSEN_TAG, &start, &end);
      gtk_text_buffer_place_cursor (text, &start);
      gtk_text_buffer_move_mark (text, self->chosen_mark, &start);
      wd_text_scroll_to_mark (self->scroll, self->chosen_mark, 0.3);
    }

  gtk_label_set_text (self->chosen_label, note);
  gtk_widget_set_visible (GTK_WIDGET (self->chosen_label), TRUE);
  self->chosen_note = g_steal_pointer (&note);
  gtk_stack_set_visible_child_name (self->stack, "text");
}

static void
show_load (WdCaptureView *self,
           Load          *load)
{
  GtkTextBuffer *text = gtk_text_view_get_buffer (self->text_view);
  guint n_missing = load->missing->len;

  clear_missing (self);
  if (load->problem != NULL)
    {
      gtk_text_buffer_set_text (text, "", 0);
      set_summary (self, g_strdup (load->problem));
      gtk_widget_add_css_class (GTK_WIDGET (self->summary_label), "error");
    }
  else
    {
      gtk_widget_remove_css_class (GTK_WIDGET (self->summary_label), "error");
      gtk_text_buffer_set_text (text, load->text, -1);
      if (load->n_found + load->n_changed + n_missing == 0)
        set_summary (self, g_strdup (_("No paragraph that cites this source quotes it.")));
      else
        /* TRANSLATORS: the quotations of the article that cite a source, in one capture of it */
        set_summary (self, g_strdup_printf (_("Quotations from this source: %u found, %u with other words, "
                                              "%u missing."),
                                            load->n_found, load->n_changed, n_missing));
      show_missing (self, load->missing);
    }

  g_array_set_size (self->marks, 0);
  for (guint i = 0; load->marks != NULL && i < load->marks->len; i++)
    {
      Mark *mark = &g_array_index (load->marks, Mark, i);
      GtkTextIter start, end;

      gtk_text_buffer_get_iter_at_offset (text, &start, mark->start);
      gtk_text_buffer_get_iter_at_offset (text, &end, mark->end);
      gtk_text_buffer_apply_tag_by_name (text, mark_tags[mark->kind], &start, &end);
      g_array_append_val (self->marks, *mark);
      mark->tooltip = NULL;   /* moved */
    }

  show_chosen (self, load);
  _wd_capture_diff_show (load->diff, gtk_text_view_get_buffer (self->diff_view), self->diff_label);
}

static void
load_done (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  WdCaptureView *self = WD_CAPTURE_VIEW (object);
  Load *load = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    return;   /* cancelled: a newer load or the view going */

  g_clear_object (&self->cancellable);
  gtk_spinner_stop (self->spinner);
  gtk_widget_set_visible (GTK_WIDGET (self->spinner), FALSE);
  show_load (self, load);
}

void
wd_capture_view_load (WdCaptureView      *self,
                      const char         *package_path,
                      const char         *source_id,
                      const char         *record_id,
                      const char         *baseline_id,
                      const char         *latest_id,
                      const char         *body,
                      const char * const *source_ids)
{
  g_autoptr(GTask) task = NULL;
  Load *load;

  g_return_if_fail (WD_IS_CAPTURE_VIEW (self));
  g_return_if_fail (package_path != NULL && source_id != NULL && record_id != NULL);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();

  load = g_new0 (Load, 1);
  load->package_path = g_strdup (package_path);
  load->source_id = g_strdup (source_id);
  load->record_id = g_strdup (record_id);
  load->baseline_id = g_strdup (baseline_id);
  load->latest_id = g_strdup (latest_id);
  load->body = g_strdup (body);
  load->source_ids = g_strdupv ((char **) source_ids);
  load->chosen_quote = g_strdup (self->chosen_quote);
  load->chosen_words = g_strdup (self->chosen_words);
  load->chosen_start = load->chosen_end = -1;

  gtk_widget_set_visible (GTK_WIDGET (self->chosen_label), FALSE);
  wd_text_scroll_cancel (self->scroll);
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->text_view), "", 0);
  _wd_capture_diff_show (NULL, gtk_text_view_get_buffer (self->diff_view), self->diff_label);
  clear_missing (self);
  set_summary (self, g_strdup (_("Reading the capture…")));
  gtk_widget_set_visible (GTK_WIDGET (self->spinner), TRUE);
  gtk_spinner_start (self->spinner);

  task = g_task_new (self, self->cancellable, load_done, NULL);
  g_task_set_source_tag (task, wd_capture_view_load);
  g_task_set_task_data (task, load, (GDestroyNotify) load_free);
  g_task_run_in_thread (task, load_in_thread);
}

void
wd_capture_view_set_chosen (WdCaptureView *self,
                            const char    *quote,
                            const char    *source_words)
{
  g_return_if_fail (WD_IS_CAPTURE_VIEW (self));

  g_free (self->chosen_quote);
  self->chosen_quote = g_strdup (quote);
  g_free (self->chosen_words);
  self->chosen_words = quote != NULL ? g_strdup (source_words) : NULL;
}

const char *
wd_capture_view_get_chosen_note (WdCaptureView *self)
{
  g_return_val_if_fail (WD_IS_CAPTURE_VIEW (self), NULL);
  return self->chosen_note;
}

gboolean
wd_capture_view_get_busy (WdCaptureView *self)
{
  g_return_val_if_fail (WD_IS_CAPTURE_VIEW (self), FALSE);
  return self->cancellable != NULL;
}

const char *
wd_capture_view_get_summary (WdCaptureView *self)
{
  g_return_val_if_fail (WD_IS_CAPTURE_VIEW (self), NULL);
  return self->summary;
}

void
wd_capture_view_set_page (WdCaptureView *self,
                          const char    *name)
{
  g_return_if_fail (WD_IS_CAPTURE_VIEW (self));
  gtk_stack_set_visible_child_name (self->stack, name);
}

GtkTextView *
wd_capture_view_get_text_view (WdCaptureView *self)
{
  g_return_val_if_fail (WD_IS_CAPTURE_VIEW (self), NULL);
  return self->text_view;
}

GtkTextView *
wd_capture_view_get_diff_view (WdCaptureView *self)
{
  g_return_val_if_fail (WD_IS_CAPTURE_VIEW (self), NULL);
  return self->diff_view;
}

/* ------------------------------------------------------------ tooltips */

static gboolean
on_text_query_tooltip (WdCaptureView *self,
                       int            x,
                       int            y,
                       gboolean       keyboard_mode,
                       GtkTooltip    *tooltip)
{
  GtkTextIter iter;
  int offset;

  if (!_wd_text_view_tooltip_iter (self->text_view, x, y, keyboard_mode, &iter))
    return FALSE;

  offset = gtk_text_iter_get_offset (&iter);
  if (self->chosen_note != NULL &&
      gtk_text_iter_has_tag (&iter, gtk_text_tag_table_lookup (gtk_text_buffer_get_tag_table (
                                                                 gtk_text_view_get_buffer (self->text_view)),
                                                               CHOSEN_TAG)))
    {
      gtk_tooltip_set_text (tooltip, self->chosen_note);
      return TRUE;
    }
  for (guint i = 0; i < self->marks->len; i++)
    {
      const Mark *mark = &g_array_index (self->marks, Mark, i);

      if (offset >= mark->start && offset < mark->end)
        {
          gtk_tooltip_set_text (tooltip, mark->tooltip);
          return TRUE;
        }
    }
  return FALSE;
}

/* ------------------------------------------------------------- colours */

static void
update_colours (WdCaptureView *self)
{
  gboolean dark = adw_style_manager_get_dark (adw_style_manager_get_default ());
  GtkTextTagTable *text = gtk_text_buffer_get_tag_table (gtk_text_view_get_buffer (self->text_view));
  GtkTextTagTable *diff = gtk_text_buffer_get_tag_table (gtk_text_view_get_buffer (self->diff_view));
  /* Adwaita's green, yellow and red, tinted so that the text stays
   * readable on the light and the dark view. */
  const char *green = dark ? "rgba(38,162,105,0.40)" : "rgba(46,194,126,0.28)";
  const char *green_line = dark ? "#8ff0a4" : "#1f7a4d";
  const char *yellow = dark ? "rgba(205,147,9,0.40)" : "rgba(245,194,17,0.40)";
  const char *yellow_line = dark ? "#f8e45c" : "#9c6e03";
  const char *red = dark ? "rgba(255,123,99,0.30)" : "rgba(224,27,36,0.18)";
  /* The accent for the chosen quotation: it stands out of the others. */
  const char *blue = dark ? "rgba(120,174,237,0.45)" : "rgba(53,132,228,0.30)";
  GdkRGBA bg, line;
  g_autofree char *legend = NULL;

  gdk_rgba_parse (&bg, green);
  gdk_rgba_parse (&line, green_line);
  g_object_set (gtk_text_tag_table_lookup (text, mark_tags[MARK_FOUND]),
                "background-rgba", &bg, "underline-rgba", &line, NULL);
  g_object_set (gtk_text_tag_table_lookup (diff, WD_CAPTURE_DIFF_ADDED_TAG),
                "background-rgba", &bg, "underline-rgba", &line, NULL);
  gdk_rgba_parse (&bg, yellow);
  gdk_rgba_parse (&line, yellow_line);
  g_object_set (gtk_text_tag_table_lookup (text, mark_tags[MARK_CHANGED]),
                "background-rgba", &bg, "underline-rgba", &line, NULL);
  gdk_rgba_parse (&bg, red);
  g_object_set (gtk_text_tag_table_lookup (diff, WD_CAPTURE_DIFF_REMOVED_TAG), "background-rgba", &bg, NULL);
  gdk_rgba_parse (&bg, blue);
  g_object_set (gtk_text_tag_table_lookup (text, CHOSEN_TAG), "background-rgba", &bg, NULL);

  /* The legend shows each style with its word: colour is not alone. */
  legend = g_markup_printf_escaped ("<span underline=\"single\" underline_color=\"%s\" bgcolor=\"%s\">%s</span>"
                                    "   <span underline=\"double\" underline_color=\"%s\" bgcolor=\"%s\">%s</span>",
                                    green_line, dark ? "#1f5c3e" : "#c0ecd4", _("Quotation found"),
                                    yellow_line, dark ? "#6b5207" : "#fbe7a1", _("Quotation in other words"));
  gtk_label_set_markup (self->legend_label, legend);
}

/* ------------------------------------------------------------- GObject */

static void
wd_capture_view_dispose (GObject *object)
{
  WdCaptureView *self = (WdCaptureView *)object;

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->scroll, wd_text_scroll_free);
  gtk_widget_dispose_template (GTK_WIDGET (self), WD_TYPE_CAPTURE_VIEW);

  G_OBJECT_CLASS (wd_capture_view_parent_class)->dispose (object);
}

static void
wd_capture_view_finalize (GObject *object)
{
  WdCaptureView *self = (WdCaptureView *)object;

  g_clear_pointer (&self->marks, g_array_unref);
  g_free (self->summary);
  g_free (self->chosen_quote);
  g_free (self->chosen_words);
  g_free (self->chosen_note);

  G_OBJECT_CLASS (wd_capture_view_parent_class)->finalize (object);
}

static void
wd_capture_view_class_init (WdCaptureViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = wd_capture_view_dispose;
  object_class->finalize = wd_capture_view_finalize;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/wiredesk/Wiredesk/ui/wd-capture-view.ui");
  gtk_widget_class_bind_template_child (widget_class, WdCaptureView, stack);
  gtk_widget_class_bind_template_child (widget_class, WdCaptureView, summary_label);
  gtk_widget_class_bind_template_child (widget_class, WdCaptureView, missing_label);
  gtk_widget_class_bind_template_child (widget_class, WdCaptureView, chosen_label);
  gtk_widget_class_bind_template_child (widget_class, WdCaptureView, legend_label);
  gtk_widget_class_bind_template_child (widget_class, WdCaptureView, text_view);
  gtk_widget_class_bind_template_child (widget_class, WdCaptureView, diff_label);
  gtk_widget_class_bind_template_child (widget_class, WdCaptureView, diff_view);
  gtk_widget_class_bind_template_child (widget_class, WdCaptureView, spinner);
  gtk_widget_class_bind_template_callback (widget_class, on_text_query_tooltip);
  gtk_widget_class_bind_template_callback_full (widget_class, "on_diff_query_tooltip",
                                                G_CALLBACK (_wd_capture_diff_query_tooltip));
}

static void
wd_capture_view_init (WdCaptureView *self)
{
  GtkTextBuffer *text;

  gtk_widget_init_template (GTK_WIDGET (self));

  self->marks = g_array_new (FALSE, FALSE, sizeof (Mark));
  g_array_set_clear_func (self->marks, (GDestroyNotify) mark_clear);

  text = gtk_text_view_get_buffer (self->text_view);
  gtk_text_buffer_create_tag (text, mark_tags[MARK_FOUND], "underline", PANGO_UNDERLINE_SINGLE, NULL);
  gtk_text_buffer_create_tag (text, mark_tags[MARK_CHANGED], "underline", PANGO_UNDERLINE_DOUBLE, NULL);
  gtk_text_buffer_create_tag (text, CHOSEN_TAG, "weight", PANGO_WEIGHT_BOLD, NULL);
  {
    GtkTextIter start;

    gtk_text_buffer_get_start_iter (text, &start);
    self->chosen_mark = gtk_text_buffer_create_mark (text, "wd-chosen", &start, TRUE);
  }
  self->scroll = wd_text_scroll_new (self->text_view);
  _wd_capture_diff_add_tags (gtk_text_view_get_buffer (self->diff_view));

  g_signal_connect_object (adw_style_manager_get_default (), "notify::dark",
                           G_CALLBACK (update_colours), self, G_CONNECT_SWAPPED);
  update_colours (self);
}

GtkWidget *
wd_capture_view_new (void)
{
  return g_object_new (WD_TYPE_CAPTURE_VIEW, NULL);
}

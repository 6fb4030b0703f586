#define G_LOG_DOMAIN "wd-ui-util"

#include "config.h"

#include <string.h>

#include <gtk/gtk.h>

#include "wd-diff.h"
#include "wd-ui-util.h"

gboolean
_wd_bind_null_to_empty (GBinding     *binding,
                        const GValue *from,
                        GValue       *to,
                        gpointer      user_data)
{
  const char *s = g_value_get_string (from);

  g_value_set_string (to, s != NULL ? s : "");
  return TRUE;
}

gboolean
_wd_bind_enum_to_index (GBinding     *binding,
                        const GValue *from,
                        GValue       *to,
                        gpointer      user_data)
{
  g_value_set_uint (to, (guint) g_value_get_enum (from));
  return TRUE;
}

gboolean
_wd_bind_index_to_enum (GBinding     *binding,
                        const GValue *from,
                        GValue       *to,
                        gpointer      user_data)
{
  guint index = g_value_get_uint (from);
  g_autoptr(GEnumClass) klass = g_type_class_ref (G_VALUE_TYPE (to));

  if (index == GTK_INVALID_LIST_POSITION || g_enum_get_value (klass, (int) index) == NULL)
    return FALSE;

  g_value_set_enum (to, (int) index);
  return TRUE;
}

gboolean
_wd_bind_strv_to_text (GBinding     *binding,
                       const GValue *from,
                       GValue       *to,
                       gpointer      user_data)
{
  const char * const *strv = g_value_get_boxed (from);

  g_value_take_string (to, strv != NULL ? g_strjoinv (", ", (char **) strv) : g_strdup (""));
  return TRUE;
}

gboolean
_wd_bind_text_to_strv (GBinding     *binding,
                       const GValue *from,
                       GValue       *to,
                       gpointer      user_data)
{
  const char *text = g_value_get_string (from);
  g_auto(GStrv) parts = g_strsplit (text != NULL ? text : "", ",", -1);
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  for (guint i = 0; parts[i] != NULL; i++)
    {
      char *word = g_strstrip (parts[i]);

      if (*word != '\0')
        g_strv_builder_add (builder, word);
    }

  g_value_take_boxed (to, g_strv_builder_end (builder));
  return TRUE;
}

static gboolean
on_query_tooltip (GtkWidget  *widget,
                  int         x,
                  int         y,
                  gboolean    keyboard,
                  GtkTooltip *tooltip,
                  gpointer    data)
{
  const char *text = g_object_get_data (G_OBJECT (widget), "wd-tooltip");

  if (text == NULL)
    return FALSE;
  gtk_tooltip_set_text (tooltip, text);
  return TRUE;
}

void
_wd_widget_set_tooltip (GtkWidget  *widget,
                        const char *text)
{
  GObject *object = G_OBJECT (widget);

  if (text != NULL && *text == '\0')
    text = NULL;
  if (g_strcmp0 (g_object_get_data (object, "wd-tooltip"), text) == 0)
    return;

  if (g_object_get_data (object, "wd-tooltip-connected") == NULL)
    {
      g_signal_connect (widget, "query-tooltip", G_CALLBACK (on_query_tooltip), NULL);
      g_object_set_data (object, "wd-tooltip-connected", GINT_TO_POINTER (TRUE));
    }
  g_object_set_data_full (object, "wd-tooltip", g_strdup (text), g_free);
  /* Asked for when the pointer rests on the widget; no pointer query now. */
  gtk_widget_set_has_tooltip (widget, text != NULL);
  /* What the tooltip would have told a screen reader. */
  if (text != NULL)
    gtk_accessible_update_property (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, text, -1);
  else
    gtk_accessible_reset_property (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION);
}

/* AdwMessageDialog shows a heading in one of two labels: a large one-line
 * label when it fits the dialog's width, a smaller wrapping one otherwise.
 * To choose, it measures the one-line label for the width it is offered,
 * yet reports the smaller label's minimum (about one word) as its own, so
 * GtkWindow offers it that narrow width while sizing the dialog: GTK 4.18
 * reports it ("Trying to measure GtkLabel … for width of 100, but it needs
 * at least 216"; 4.8 says nothing) and the window tests stop on it. Its
 * minimum cannot be corrected from outside (the labels are private and
 * the dialog's paddings change with the parent's size), so the dialog has
 * no heading label: the heading leads the body, set large and bold in the
 * body's markup, and is the window's title (what screen readers and window
 * lists name). Same look on libadwaita 1.2 and 1.7, no warning on either. */
AdwToast *
_wd_toast_new (const char *text)
{
  g_autofree char *markup = g_markup_escape_text (text, -1);

  return adw_toast_new (markup);
}

AdwMessageDialog *
_wd_message_dialog_new (GtkWindow  *parent,
                        const char *heading,
                        const char *body)
{
  AdwMessageDialog *dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (parent, NULL, NULL));
  g_autofree char *markup = NULL;

  if (body != NULL && *body != '\0')
    markup = g_markup_printf_escaped ("<span size=\"x-large\" weight=\"bold\">%s</span>\n\n%s",
                                      heading, body);
  else
    markup = g_markup_printf_escaped ("<span size=\"x-large\" weight=\"bold\">%s</span>", heading);
  adw_message_dialog_set_body_use_markup (dialog, TRUE);
  adw_message_dialog_set_body (dialog, markup);
  gtk_window_set_title (GTK_WINDOW (dialog), heading);
  return dialog;
}

AdwMessageDialog *
_wd_ask (GtkWindow  *parent,
         const char *heading,
         const char *body,
         const char *close_id,
         const char *close_label,
         const char *destructive_id,
         const char *destructive_label,
         const char *default_id,
         const char *default_label,
         gboolean    suggested,
         GCallback   callback,
         gpointer    object)
{
  AdwMessageDialog *dialog;
  const char *list = body != NULL ? strstr (body, "\n• ") : NULL;
  g_autofree char *intro = NULL;

  /* A list ("\n• …" lines) reads down its left edge, not centred as
   * the dialog's body is: below it, aligned to the start. */
  if (list != NULL)
    {
      GtkWidget *label = gtk_label_new (list + 1);

      intro = g_strndup (body, list - body);
      dialog = _wd_message_dialog_new (parent, heading, intro);
      gtk_label_set_xalign (GTK_LABEL (label), 0);
      gtk_label_set_wrap (GTK_LABEL (label), TRUE);
      gtk_label_set_max_width_chars (GTK_LABEL (label), 50);
      gtk_widget_add_css_class (label, "wd-dialog-list");
      adw_message_dialog_set_extra_child (dialog, label);
    }
  else
    dialog = _wd_message_dialog_new (parent, heading, body);

  adw_message_dialog_add_responses (dialog,
                                    close_id, close_label,
                                    destructive_id, destructive_label,
                                    default_id, default_label,
                                    NULL);
  adw_message_dialog_set_response_appearance (dialog, destructive_id, ADW_RESPONSE_DESTRUCTIVE);
  if (suggested)
    adw_message_dialog_set_response_appearance (dialog, default_id, ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (dialog, default_id);
  adw_message_dialog_set_close_response (dialog, close_id);
  g_signal_connect_object (dialog, "response", callback, object, 0);
  gtk_window_present (GTK_WINDOW (dialog));

  return dialog;
}

void
_wd_text_buffer_append (GtkTextBuffer *buffer,
                        const char    *text,
                        gssize         len,
                        const char    *tag)
{
  GtkTextIter end;

  gtk_text_buffer_get_end_iter (buffer, &end);
  if (tag != NULL)
    gtk_text_buffer_insert_with_tags_by_name (buffer, &end, text, len, tag, NULL);
  else
    gtk_text_buffer_insert (buffer, &end, text, len);
}

void
_wd_text_buffer_append_diff (GtkTextBuffer *buffer,
                             const char    *old_text,
                             const char    *new_text,
                             GArray        *segments,
                             guint          context,
                             const char    *removed_tag,
                             const char    *added_tag)
{
  for (guint i = 0; i < segments->len; i++)
    {
      const WdDiffSegment *seg = &g_array_index (segments, WdDiffSegment, i);

      if (seg->op == WD_DIFF_DELETE)
        _wd_text_buffer_append (buffer, old_text + seg->a_start, seg->len, removed_tag);
      else if (seg->op == WD_DIFF_INSERT)
        _wd_text_buffer_append (buffer, new_text + seg->b_start, seg->len, added_tag);
      else if (context == 0)
        _wd_text_buffer_append (buffer, old_text + seg->a_start, seg->len, NULL);
      else
        {
          g_autofree char *kept = wd_diff_shorten (old_text + seg->a_start, seg->len, context,
                                                   i > 0, i + 1 < segments->len);

          _wd_text_buffer_append (buffer, kept, -1, NULL);
        }
    }
}

gboolean
_wd_text_view_tooltip_iter (GtkTextView *view,
                            int          x,
                            int          y,
                            gboolean     keyboard_mode,
                            GtkTextIter *iter)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (view);
  int bx, by;

  if (keyboard_mode)
    {
      gtk_text_buffer_get_iter_at_mark (buffer, iter, gtk_text_buffer_get_insert (buffer));
      return TRUE;
    }
  gtk_text_view_window_to_buffer_coords (view, GTK_TEXT_WINDOW_WIDGET, x, y, &bx, &by);
  return gtk_text_view_get_iter_at_location (view, iter, bx, by);
}

#define G_LOG_DOMAIN "wd-sources-pane"

#include "config.h"

#include <glib/gi18n.h>

#include "wd-check-status.h"
#include "wd-source-dialog.h"
#include "wd-source-row.h"
#include "wd-sources-pane.h"
#include "wd-ui-util.h"
#include "wd-window.h"

struct _WdSourcesPane
{
  GtkBox      parent_instance;

  WdArticle  *article;
  GHashTable *checking;       /* source ids with a check running */
  GtkWindow  *details;        /* the source dialog open, weak */

  GtkEntry   *add_entry;
  GtkLabel   *summary_label;
  GtkListBox *list;
};

G_DEFINE_FINAL_TYPE (WdSourcesPane, wd_sources_pane, GTK_TYPE_BOX)

enum {
  PROP_0,
  PROP_ARTICLE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
unref_lines (gpointer  data,
             GClosure *closure)
{
  g_ptr_array_unref (data);
}

static void
show_toast (WdSourcesPane *self,
            AdwToast      *toast)
{
  GtkWidget *overlay = gtk_widget_get_ancestor (GTK_WIDGET (self), ADW_TYPE_TOAST_OVERLAY);

  if (overlay != NULL)
    adw_toast_overlay_add_toast (ADW_TOAST_OVERLAY (overlay), toast);
  else
    g_object_unref (g_object_ref_sink (toast));
}

static void
update_summary (WdSourcesPane *self)
{
  guint n, counts[WD_CHECK_STATUS_INVALID + 1] = { 0 };
  g_autoptr(GString) text = g_string_new (NULL);

  if (self->article == NULL)
    return;

  n = wd_article_get_n_sources (self->article);
  for (guint i = 0; i < n; i++)
    {
      WdCheckStatus status = wd_source_get_check_status (wd_article_get_source (self->article, i));

      if ((guint) status < G_N_ELEMENTS (counts))
        counts[status]++;
    }

  g_string_append_printf (text, ngettext ("%u source", "%u sources", n), n);
  for (guint s = 0; s < G_N_ELEMENTS (counts); s++)
    if (counts[s] > 0 && counts[s] != n)
      /* TRANSLATORS: appended to "4 sources": " · 2 OK" */
      g_string_append_printf (text, _(" · %u %s"), counts[s], _wd_check_status_label (s));
    else if (counts[s] > 0)
      g_string_append_printf (text, _(" · all %s"), _wd_check_status_label (s));

  /* Wrapped between the phrases only, never in one ("1 /Soft 404"). */
  {
    g_auto(GStrv) parts = g_strsplit (text->str, " · ", -1);
    g_autofree char *joined = NULL;

    for (guint i = 0; parts[i] != NULL; i++)
      {
        g_auto(GStrv) words = g_strsplit (parts[i], " ", -1);

        g_free (parts[i]);
        parts[i] = g_strjoinv ("\u00a0", words);
      }
    joined = g_strjoinv (" · ", parts);
    gtk_label_set_text (self->summary_label, joined);
  }
}

static GtkWidget *
create_row (gpointer item,
            gpointer user_data)
{
  WdSourcesPane *self = user_data;
  GtkWidget *row = wd_source_row_new (item);

  if (g_hash_table_contains (self->checking, wd_source_get_id (item)))
    wd_source_row_set_checking (WD_SOURCE_ROW (row), TRUE);

  return row;
}

/* ----------------------------------------------------------------- adding */

static void
on_rejected_details (AdwToast  *toast,
                     GPtrArray *lines)
{
  GtkWidget *window = g_object_get_data (G_OBJECT (toast), "wd-window");
  g_autofree char *body = NULL;
  AdwMessageDialog *dialog;

  g_ptr_array_add (lines, NULL);
  body = g_strjoinv ("\n", (char **) lines->pdata);
  g_ptr_array_remove_index (lines, lines->len - 1);

  dialog = _wd_message_dialog_new (GTK_WINDOW (window), _("Lines Not Added"), body);
  adw_message_dialog_add_response (dialog, "close", _("_Close"));
  gtk_window_present (GTK_WINDOW (dialog));
}

guint
wd_sources_pane_add_text (WdSourcesPane *self,
                          const char    *text)
{
  g_autoptr(GPtrArray) urls = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) rejected = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GStrvBuilder) ids = g_strv_builder_new ();
  g_auto(GStrv) added_ids = NULL;
  g_autofree char *message = NULL;
  guint added = 0, duplicates = 0;
  AdwToast *toast;

  g_return_val_if_fail (WD_IS_SOURCES_PANE (self), 0);
  g_return_val_if_fail (text != NULL, 0);

  if (self->article == NULL)
    return 0;

  wd_url_list_parse (text, urls, rejected);

  for (guint i = 0; i < urls->len; i++)
    {
      g_autoptr(GError) error = NULL;
      WdSource *source = wd_article_add_source_url (self->article, g_ptr_array_index (urls, i), &error);

      if (source != NULL)
        {
          g_strv_builder_add (ids, wd_source_get_id (source));
          added++;
        }
      else if (g_error_matches (error, WD_ERROR, WD_ERROR_DUPLICATE_SOURCE))
        duplicates++;
      else
        g_ptr_array_add (rejected, g_strdup (error->message));
    }

  if (urls->len == 0 && rejected->len == 0)
    return 0;

  if (rejected->len == 0 && duplicates == 0)
    message = g_strdup_printf (ngettext ("Added %u source", "Added %u sources", added), added);
  else if (rejected->len == 0)
    message = g_strdup_printf (ngettext ("Added %u source; %u already attached",
                                         "Added %u sources; %u already attached", added),
                               added, duplicates);
  else if (rejected->len == 1 && added == 0 && duplicates == 0)
    message = g_strdup (g_ptr_array_index (rejected, 0));
  else
    /* TRANSLATORS: "Added 3 sources; 2 lines are not URLs" — the
     * plural follows the second number */
    message = g_strdup_printf (ngettext ("Added %u of the pasted sources; %u line is not a URL",
                                         "Added %u of the pasted sources; %u lines are not URLs",
                                         rejected->len),
                               added, rejected->len);

  if (added > 0 && wd_url_has_credentials (text))
    {
      g_autofree char *told = g_strdup_printf ("%s — %s", message,
                                               _("user names and passwords in the addresses were "
                                                 "removed; Wiredesk never stores or sends them"));

      g_free (message);
      message = g_steal_pointer (&told);
    }

  toast = _wd_toast_new (message);
  adw_toast_set_priority (toast, ADW_TOAST_PRIORITY_HIGH);
  if (rejected->len > 0 && !(rejected->len == 1 && added == 0 && duplicates == 0))
    {
      adw_toast_set_button_label (toast, _("_Details"));
      g_object_set_data (G_OBJECT (toast), "wd-window", gtk_widget_get_root (GTK_WIDGET (self)));
      g_signal_connect_data (toast, "button-clicked", G_CALLBACK (on_rejected_details),
                             g_ptr_array_ref (rejected), unref_lines, 0);
    }
  else if (added > 0)
    {
      /* Undone by the window, which knows the text as typed. */
      added_ids = g_strv_builder_end (ids);
      adw_toast_set_button_label (toast, _("_Undo"));
      adw_toast_set_action_name (toast, "win.undo-add-sources");
      adw_toast_set_action_target_value (toast, g_variant_new_strv ((const char * const *) added_ids, -1));
    }
  adw_toast_set_timeout (toast, rejected->len > 0 ? 8 : 3);
  show_toast (self, toast);

  return added;
}

static void
add_from_entry (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  WdSourcesPane *self = WD_SOURCES_PANE (widget);
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->add_entry));

  if (*text == '\0')
    {
      gtk_widget_grab_focus (GTK_WIDGET (self->add_entry));
      return;
    }

  /* Keep what was typed when none of it could be used, so it can be fixed. */
  if (wd_sources_pane_add_text (self, text) > 0)
    {
      gtk_editable_set_text (GTK_EDITABLE (self->add_entry), "");
      gtk_widget_remove_css_class (GTK_WIDGET (self->add_entry), "error");
    }
  else
    gtk_widget_add_css_class (GTK_WIDGET (self->add_entry), "error");
}

static void
on_entry_activate (WdSourcesPane *self)
{
  add_from_entry (GTK_WIDGET (self), "sources.add", NULL);
}

static void
on_entry_changed (WdSourcesPane *self)
{
  gtk_widget_remove_css_class (GTK_WIDGET (self->add_entry), "error");
}

static void
paste_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(WdSourcesPane) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = gdk_clipboard_read_text_finish (GDK_CLIPBOARD (object), result, &error);

  if (text == NULL)
    {
      show_toast (self, _wd_toast_new (_("The clipboard holds no text to add")));
      return;
    }

  wd_sources_pane_add_text (self, text);
}

static void
paste_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  GdkClipboard *clipboard = gtk_widget_get_clipboard (widget);

  gdk_clipboard_read_text_async (clipboard, NULL, paste_cb, g_object_ref (widget));
}

static gboolean
on_drop (GtkDropTarget *target,
         const GValue  *value,
         double         x,
         double         y,
         WdSourcesPane *self)
{
  if (G_VALUE_HOLDS (value, GDK_TYPE_FILE_LIST))
    {
      g_autoptr(GString) text = g_string_new (NULL);

      for (GSList *l = g_value_get_boxed (value); l != NULL; l = l->next)
        {
          g_autofree char *uri = g_file_get_uri (l->data);

          g_string_append_printf (text, "%s\n", uri);
        }

      wd_sources_pane_add_text (self, text->str);
      return TRUE;
    }

  if (G_VALUE_HOLDS (value, G_TYPE_STRING) && g_value_get_string (value) != NULL)
    {
      wd_sources_pane_add_text (self, g_value_get_string (value));
      return TRUE;
    }

  return FALSE;
}

/* --------------------------------------------------------- source actions */

static WdSource *
source_for (WdSourcesPane *self,
            GVariant      *parameter)
{
  if (self->article == NULL)
    return NULL;

  return wd_article_find_source_by_id (self->article, g_variant_get_string (parameter, NULL));
}

/* The captures of the window's document (a draft's too), with its body's
 * quotations. */
static void
show_evidence (WdSourceDialog *dialog,
               WdWindow       *window)
{
  WdArticle *article = wd_window_get_article (window);
  g_autofree char *package = wd_window_dup_evidence_path (window);
  g_autoptr(GStrvBuilder) ids = g_strv_builder_new ();
  g_auto(GStrv) source_ids = NULL;

  if (article == NULL)
    return;
  for (guint i = 0; i < wd_article_get_n_sources (article); i++)
    g_strv_builder_add (ids, wd_source_get_id (wd_article_get_source (article, i)));
  source_ids = g_strv_builder_end (ids);
  wd_source_dialog_set_evidence (dialog, package, wd_article_get_body (article),
                                 (const char * const *) source_ids);
}

static void
source_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  WdSourcesPane *self = WD_SOURCES_PANE (widget);
  WdSource *source = source_for (self, parameter);
  GtkRoot *root = gtk_widget_get_root (widget);

  if (source == NULL)
    return;

  if (g_str_equal (action_name, "source.open"))
    gtk_show_uri (GTK_WINDOW (root), wd_source_get_url (source), GDK_CURRENT_TIME);
  else if (g_str_equal (action_name, "source.copy"))
    {
      gdk_clipboard_set_text (gtk_widget_get_clipboard (widget), wd_source_get_url (source));
      show_toast (self, _wd_toast_new (_("URL copied")));
    }
  else if (g_str_equal (action_name, "source.check"))
    gtk_widget_activate_action_variant (widget, "win.check-source", parameter);
  else if (g_str_equal (action_name, "source.details"))
    wd_sources_pane_show_details (self, source);
  else if (g_str_equal (action_name, "source.remove"))
    /* The window asks first when the text cites the source, and keeps
     * what the toast's Undo needs. */
    gtk_widget_activate_action_variant (widget, "win.remove-source", parameter);
}

static void
on_row_activated (WdSourcesPane *self,
                  GtkListBoxRow *row)
{
  WdSource *source = wd_source_row_get_source (WD_SOURCE_ROW (row));
  g_autoptr(GVariant) id = g_variant_ref_sink (g_variant_new_string (wd_source_get_id (source)));

  gtk_widget_activate_action_variant (GTK_WIDGET (self), "source.details", id);
}

WdSourceDialog *
wd_sources_pane_show_details (WdSourcesPane *self,
                              WdSource      *source)
{
  GtkRoot *root;
  GtkWindow *dialog;

  g_return_val_if_fail (WD_IS_SOURCES_PANE (self), NULL);
  g_return_val_if_fail (WD_IS_SOURCE (source), NULL);

  root = gtk_widget_get_root (GTK_WIDGET (self));
  dialog = wd_source_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, source);
  if (WD_IS_WINDOW (root))
    show_evidence (WD_SOURCE_DIALOG (dialog), WD_WINDOW (root));
  g_set_weak_pointer (&self->details, dialog);
  gtk_window_present (dialog);
  return WD_SOURCE_DIALOG (dialog);
}

void
wd_sources_pane_reload_details (WdSourcesPane *self)
{
  g_return_if_fail (WD_IS_SOURCES_PANE (self));

  if (self->details != NULL)
    wd_source_dialog_reload_captures (WD_SOURCE_DIALOG (self->details));
}

/* ---------------------------------------------------------------- GObject */

static void
wd_sources_pane_dispose (GObject *object)
{
  WdSourcesPane *self = (WdSourcesPane *)object;

  if (self->list != NULL)
    gtk_list_box_bind_model (self->list, NULL, NULL, NULL, NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), WD_TYPE_SOURCES_PANE);
  g_clear_object (&self->article);
  g_clear_weak_pointer (&self->details);

  G_OBJECT_CLASS (wd_sources_pane_parent_class)->dispose (object);
}

static void
wd_sources_pane_finalize (GObject *object)
{
  WdSourcesPane *self = (WdSourcesPane *)object;

  g_hash_table_unref (self->checking);

  G_OBJECT_CLASS (wd_sources_pane_parent_class)->finalize (object);
}

static void
wd_sources_pane_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  WdSourcesPane *self = WD_SOURCES_PANE (object);

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
wd_sources_pane_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  WdSourcesPane *self = WD_SOURCES_PANE (object);

  switch (prop_id)
    {
    case PROP_ARTICLE:
      wd_sources_pane_set_article (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
wd_sources_pane_class_init (WdSourcesPaneClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  static const char * const per_source[] = {
    "source.check", "source.open", "source.copy", "source.details", "source.remove",
  };

  object_class->dispose = wd_sources_pane_dispose;
  object_class->finalize = wd_sources_pane_finalize;
  object_class->get_property = wd_sources_pane_get_property;
  object_class->set_property = wd_sources_pane_set_property;

  properties[PROP_ARTICLE] =
    g_param_spec_object ("article", NULL, NULL, WD_TYPE_ARTICLE,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/wiredesk/Wiredesk/ui/wd-sources-pane.ui");
  gtk_widget_class_bind_template_child (widget_class, WdSourcesPane, add_entry);
  gtk_widget_class_bind_template_child (widget_class, WdSourcesPane, summary_label);
  gtk_widget_class_bind_template_child (widget_class, WdSourcesPane, list);
  gtk_widget_class_bind_template_callback (widget_class, on_row_activated);

  gtk_widget_class_install_action (widget_class, "sources.add", NULL, add_from_entry);
  gtk_widget_class_install_action (widget_class, "sources.paste", NULL, paste_action);
  for (guint i = 0; i < G_N_ELEMENTS (per_source); i++)
    gtk_widget_class_install_action (widget_class, per_source[i], "s", source_action);
}

static void
wd_sources_pane_init (WdSourcesPane *self)
{
  GtkDropTarget *target;
  GType types[] = { GDK_TYPE_FILE_LIST, G_TYPE_STRING };

  self->checking = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  gtk_widget_init_template (GTK_WIDGET (self));

  g_signal_connect_object (self->add_entry, "activate",
                           G_CALLBACK (on_entry_activate), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->add_entry, "changed",
                           G_CALLBACK (on_entry_changed), self, G_CONNECT_SWAPPED);

  target = gtk_drop_target_new (G_TYPE_INVALID, GDK_ACTION_COPY);
  gtk_drop_target_set_gtypes (target, types, G_N_ELEMENTS (types));
  g_signal_connect_object (target, "drop", G_CALLBACK (on_drop), self, 0);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (target));
}

WdArticle *
wd_sources_pane_get_article (WdSourcesPane *self)
{
  g_return_val_if_fail (WD_IS_SOURCES_PANE (self), NULL);
  return self->article;
}

void
wd_sources_pane_set_article (WdSourcesPane *self,
                             WdArticle     *article)
{
  g_return_if_fail (WD_IS_SOURCES_PANE (self));
  g_return_if_fail (!article || WD_IS_ARTICLE (article));

  if (self->article != NULL)
    g_signal_handlers_disconnect_by_func (self->article, update_summary, self);

  if (!g_set_object (&self->article, article))
    return;

  g_hash_table_remove_all (self->checking);
  gtk_list_box_bind_model (self->list,
                           article ? wd_article_get_sources (article) : NULL,
                           create_row, self, NULL);

  if (article != NULL)
    {
      g_signal_connect_object (article, "changed", G_CALLBACK (update_summary), self, G_CONNECT_SWAPPED);
      update_summary (self);
    }

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ARTICLE]);
}

void
wd_sources_pane_focus_entry (WdSourcesPane *self)
{
  g_return_if_fail (WD_IS_SOURCES_PANE (self));
  gtk_widget_grab_focus (GTK_WIDGET (self->add_entry));
}

void
wd_sources_pane_reveal_source (WdSourcesPane *self,
                               WdSource      *source)
{
  GtkWidget *row;

  g_return_if_fail (WD_IS_SOURCES_PANE (self));
  g_return_if_fail (WD_IS_SOURCE (source));

  /* Selected and focused: focus scrolls the list to the row; Enter
   * then opens its details. */
  if ((row = wd_sources_pane_get_row (self, source)) != NULL)
    {
      gtk_list_box_select_row (self->list, GTK_LIST_BOX_ROW (row));
      gtk_widget_grab_focus (row);
    }
}

GtkWidget *
wd_sources_pane_get_row (WdSourcesPane *self,
                         WdSource      *source)
{
  GtkListBoxRow *row;

  g_return_val_if_fail (WD_IS_SOURCES_PANE (self), NULL);

  for (int i = 0; (row = gtk_list_box_get_row_at_index (self->list, i)) != NULL; i++)
    if (wd_source_row_get_source (WD_SOURCE_ROW (row)) == source)
      return GTK_WIDGET (row);

  return NULL;
}

void
wd_sources_pane_set_checking (WdSourcesPane *self,
                              WdSource      *source,
                              gboolean       checking)
{
  GtkWidget *row;

  g_return_if_fail (WD_IS_SOURCES_PANE (self));
  g_return_if_fail (WD_IS_SOURCE (source));

  if (checking)
    g_hash_table_add (self->checking, g_strdup (wd_source_get_id (source)));
  else
    g_hash_table_remove (self->checking, wd_source_get_id (source));

  if ((row = wd_sources_pane_get_row (self, source)) != NULL)
    wd_source_row_set_checking (WD_SOURCE_ROW (row), checking);
}

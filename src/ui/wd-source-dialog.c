#define G_LOG_DOMAIN "wd-source-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "wd-ui-util.h"
#include "wd-check-status.h"
#include "wd-source-dialog.h"

struct _WdSourceDialog
{
  AdwWindow             parent_instance;

  WdSource             *source;
  GPtrArray            *dynamic_rows;   /* rows rebuilt when the check changes */

  AdwWindowTitle       *window_title;
  AdwActionRow         *url_row;
  AdwEntryRow          *label_row;
  AdwComboRow          *kind_row;
  AdwEntryRow          *note_row;
  AdwActionRow         *attached_row;
  AdwPreferencesGroup  *check_group;
  AdwPreferencesGroup  *baseline_group;
};

G_DEFINE_FINAL_TYPE (WdSourceDialog, wd_source_dialog, ADW_TYPE_WINDOW)

/* Labels for the checker's text fields, by property name. */
static const struct { const char *property; const char *label; } text_labels[] = {
  { "final-url", N_("Final URL") },
  { "checked-at", N_("Checked at") },
  { "title", N_("Page title") },
  { "site-name", N_("Site") },
  { "author", N_("Author") },
  { "published", N_("Published") },
  { "canonical", N_("Canonical URL") },
  { "language", N_("Language") },
  { "content-sha256", N_("Content SHA-256") },
  { "detail", N_("Checker’s detail") },
  { "capture-id", N_("Capture record") },
  { "capture-digest", N_("Capture digest") },
};

static const char *
label_for (const char *property)
{
  for (guint i = 0; i < G_N_ELEMENTS (text_labels); i++)
    if (g_str_equal (text_labels[i].property, property))
      return _(text_labels[i].label);

  return property;
}

static void
add_row (WdSourceDialog      *self,
         AdwPreferencesGroup *group,
         const char          *title,
         const char          *value)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *label = gtk_label_new (value != NULL && *value ? value : _("None"));

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);

  /* The value can be selected and copied (subtitle-selectable is 1.3). */
  gtk_label_set_selectable (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_xalign (GTK_LABEL (label), 1.0);
  gtk_label_set_justify (GTK_LABEL (label), GTK_JUSTIFY_RIGHT);
  gtk_label_set_max_width_chars (GTK_LABEL (label), 36);
  gtk_widget_set_hexpand (label, TRUE);
  if (value == NULL || *value == '\0')
    gtk_widget_add_css_class (label, "dim-label");
  gtk_accessible_update_relation (GTK_ACCESSIBLE (label),
                                  GTK_ACCESSIBLE_RELATION_LABELLED_BY, row, NULL, -1);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), label);
  adw_preferences_group_add (group, row);

  g_ptr_array_add (self->dynamic_rows, row);
}

static void
rebuild_check (WdSourceDialog *self)
{
  WdCheckResult *check = wd_source_get_check (self->source);
  WdCheckStatus status = wd_source_get_check_status (self->source);

  for (guint i = 0; i < self->dynamic_rows->len; i++)
    {
      GtkWidget *row = g_ptr_array_index (self->dynamic_rows, i);
      GtkWidget *group = gtk_widget_get_ancestor (row, ADW_TYPE_PREFERENCES_GROUP);

      adw_preferences_group_remove (ADW_PREFERENCES_GROUP (group), row);
    }
  g_ptr_array_set_size (self->dynamic_rows, 0);

  {
    g_autofree char *verdict = g_strdup_printf ("%s — %s", _wd_check_status_label (status),
                                                _wd_check_status_description (status));

    add_row (self, self->check_group, _("Verdict"), verdict);
  }

  if (check != NULL)
    {
      g_autofree char *http = NULL;
      g_autofree char *redirects = g_strdup_printf ("%u", wd_check_result_get_redirects (check));
      g_autofree char *elapsed = g_strdup_printf (_("%.2f s"), wd_check_result_get_elapsed_ms (check) / 1000.0);

      if (wd_check_result_get_http_status (check) != 0)
        http = g_strdup_printf ("%u", wd_check_result_get_http_status (check));

      add_row (self, self->check_group, _("HTTP status"), http);
      add_row (self, self->check_group, _("Redirects"), redirects);
      add_row (self, self->check_group, _("Time taken"), elapsed);

      for (const char * const *f = wd_check_result_text_fields (); *f; f++)
        {
          const char *value = wd_check_result_get_text (check, *f);
          g_autofree char *shown = NULL;

          const char * const *authors = wd_check_result_get_authors (check);
          const char *label = label_for (*f);

          if (g_str_equal (*f, "checked-at"))
            shown = _wd_format_timestamp (value);
          /* Several authors are shown joined ("Ann Lee, Bob Ray"). */
          if (g_str_equal (*f, "author") && authors != NULL && authors[0] != NULL && authors[1] != NULL)
            label = _("Authors");

          add_row (self, self->check_group, label, shown ? shown : value);
        }
    }

  add_row (self, self->baseline_group, _("Title"), wd_source_get_baseline_title (self->source));
  add_row (self, self->baseline_group, _("Content SHA-256"), wd_source_get_baseline_sha256 (self->source));
}

static void
update_static (WdSourceDialog *self)
{
  g_autofree char *name = wd_source_dup_display_name (self->source);
  g_autofree char *attached = _wd_format_timestamp (wd_source_get_attached_at (self->source));

  adw_window_title_set_subtitle (self->window_title, name);
  adw_action_row_set_subtitle (self->url_row, wd_source_get_url (self->source));
  adw_action_row_set_subtitle (self->attached_row, attached ? attached : "");
}

static void
on_source_notify (WdSourceDialog *self,
                  GParamSpec     *pspec)
{
  const char *name = g_param_spec_get_name (pspec);

  update_static (self);
  if (g_str_equal (name, "check") || g_str_has_prefix (name, "baseline"))
    rebuild_check (self);
}

static void
on_copy_clicked (WdSourceDialog *self)
{
  gdk_clipboard_set_text (gtk_widget_get_clipboard (GTK_WIDGET (self)),
                          wd_source_get_url (self->source));
}

static void
wd_source_dialog_dispose (GObject *object)
{
  WdSourceDialog *self = (WdSourceDialog *)object;

  gtk_widget_dispose_template (GTK_WIDGET (self), WD_TYPE_SOURCE_DIALOG);
  g_clear_object (&self->source);
  g_clear_pointer (&self->dynamic_rows, g_ptr_array_unref);

  G_OBJECT_CLASS (wd_source_dialog_parent_class)->dispose (object);
}

static void
wd_source_dialog_class_init (WdSourceDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = wd_source_dialog_dispose;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/wiredesk/Wiredesk/ui/wd-source-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, WdSourceDialog, window_title);
  gtk_widget_class_bind_template_child (widget_class, WdSourceDialog, url_row);
  gtk_widget_class_bind_template_child (widget_class, WdSourceDialog, label_row);
  gtk_widget_class_bind_template_child (widget_class, WdSourceDialog, kind_row);
  gtk_widget_class_bind_template_child (widget_class, WdSourceDialog, note_row);
  gtk_widget_class_bind_template_child (widget_class, WdSourceDialog, attached_row);
  gtk_widget_class_bind_template_child (widget_class, WdSourceDialog, check_group);
  gtk_widget_class_bind_template_child (widget_class, WdSourceDialog, baseline_group);
  gtk_widget_class_bind_template_callback (widget_class, on_copy_clicked);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
wd_source_dialog_init (WdSourceDialog *self)
{
  g_autoptr(GListModel) kinds = _wd_source_kind_model ();

  gtk_widget_init_template (GTK_WIDGET (self));

  self->dynamic_rows = g_ptr_array_new ();
  adw_combo_row_set_model (self->kind_row, kinds);
}

GtkWindow *
wd_source_dialog_new (GtkWindow *parent,
                      WdSource  *source)
{
  WdSourceDialog *self;

  g_return_val_if_fail (WD_IS_SOURCE (source), NULL);

  self = g_object_new (WD_TYPE_SOURCE_DIALOG, "transient-for", parent, NULL);
  self->source = g_object_ref (source);

  g_object_bind_property_full (source, "label", self->label_row, "text",
                               G_BINDING_BIDIRECTIONAL | G_BINDING_SYNC_CREATE,
                               _wd_bind_null_to_empty, NULL, NULL, NULL);
  g_object_bind_property_full (source, "note", self->note_row, "text",
                               G_BINDING_BIDIRECTIONAL | G_BINDING_SYNC_CREATE,
                               _wd_bind_null_to_empty, NULL, NULL, NULL);
  g_object_bind_property_full (source, "kind", self->kind_row, "selected",
                               G_BINDING_BIDIRECTIONAL | G_BINDING_SYNC_CREATE,
                               _wd_bind_enum_to_index, _wd_bind_index_to_enum, NULL, NULL);

  g_signal_connect_object (source, "notify", G_CALLBACK (on_source_notify), self, G_CONNECT_SWAPPED);
  update_static (self);
  rebuild_check (self);

  return GTK_WINDOW (self);
}

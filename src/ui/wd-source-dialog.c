#define G_LOG_DOMAIN "wd-source-dialog"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "wd-capture-view.h"
#include "wd-ui-util.h"
#include "wd-check-status.h"
#include "wd-source-dialog.h"

/* A capture of the source, as the list shows it. */
typedef struct
{
  char          *record_id;
  char          *captured_at;
  WdCheckStatus  status;
  guint          http_status;
  guint64        size;
  char          *digest;
  gboolean       truncated;
  gboolean       baseline;
} CaptureInfo;

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
  AdwPreferencesGroup  *captures_group;
  GtkStack             *pages;
  GtkWidget            *back_button;
  WdCaptureView        *capture_view;

  /* The evidence package (wd_source_dialog_set_evidence) */
  char                 *package_path;
  char                 *body;
  GStrv                 source_ids;
  char                 *baseline_id;
  char                 *latest_id;
  GPtrArray            *capture_rows;
  GCancellable         *cancellable;

  /* wd_source_dialog_show_quotation(), until the captures are listed */
  gboolean              chosen_pending;
  WdSourceDialogCapture chosen_capture;
  char                 *chosen_quote;
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


/* ------------------------------------------------------------ captures */

static void
capture_info_free (CaptureInfo *info)
{
  g_free (info->record_id);
  g_free (info->captured_at);
  g_free (info->digest);
  g_free (info);
}

typedef struct
{
  char      *path;
  char      *source_id;
  guint64    size;
  GPtrArray *captures;     /* CaptureInfo, in the order captured */
  char      *baseline_id;
  char      *latest_id;
} ListLoad;

static void
list_load_free (ListLoad *load)
{
  g_free (load->path);
  g_free (load->source_id);
  g_clear_pointer (&load->captures, g_ptr_array_unref);
  g_free (load->baseline_id);
  g_free (load->latest_id);
  g_free (load);
}

static WdCheckStatus
status_from_nick (const char *nick)
{
  g_autoptr(GEnumClass) klass = g_type_class_ref (WD_TYPE_CHECK_STATUS);
  GEnumValue *value = nick != NULL ? g_enum_get_value_by_nick (klass, nick) : NULL;

  return value != NULL ? (WdCheckStatus) value->value : WD_CHECK_STATUS_UNCHECKED;
}

static void
list_in_thread (GTask        *task,
                gpointer      source_object,
                gpointer      task_data,
                GCancellable *cancellable)
{
  ListLoad *load = task_data;
  g_autoptr(WdEvidencePackage) package = NULL;
  GError *error = NULL;
  GPtrArray *all;
  WdCapture *baseline, *latest;

  if ((package = wd_evidence_package_open (load->path, &error)) == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  load->size = wd_evidence_package_get_size (package);
  baseline = wd_evidence_package_baseline (package, load->source_id);
  latest = wd_evidence_package_latest (package, load->source_id);
  load->baseline_id = baseline != NULL ? g_strdup (baseline->record_id) : NULL;
  load->latest_id = latest != NULL ? g_strdup (latest->record_id) : NULL;
  load->captures = g_ptr_array_new_with_free_func ((GDestroyNotify) capture_info_free);

  all = wd_evidence_package_get_captures (package);
  for (guint i = 0; i < all->len; i++)
    {
      WdCapture *c = g_ptr_array_index (all, i);
      CaptureInfo *info;

      if (g_strcmp0 (c->source, load->source_id) != 0 || c->record_id == NULL)
        continue;
      info = g_new0 (CaptureInfo, 1);
      info->record_id = g_strdup (c->record_id);
      info->captured_at = g_strdup (c->captured_at);
      info->status = status_from_nick (c->verdict);
      info->http_status = c->http_status;
      info->size = c->size;
      info->digest = g_strdup (c->payload_digest);
      info->truncated = c->truncated;
      info->baseline = c == baseline;
      g_ptr_array_add (load->captures, info);
    }
  g_task_return_boolean (task, TRUE);
}

static void
clear_capture_rows (WdSourceDialog *self)
{
  for (guint i = 0; i < self->capture_rows->len; i++)
    adw_preferences_group_remove (self->captures_group, g_ptr_array_index (self->capture_rows, i));
  g_ptr_array_set_size (self->capture_rows, 0);
}

static void
add_message_row (WdSourceDialog *self,
                 const char     *icon_name,
                 const char     *title,
                 const char     *subtitle,
                 gboolean        error)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *icon = gtk_image_new_from_icon_name (icon_name);

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle != NULL ? subtitle : "");
  if (error)
    gtk_widget_add_css_class (icon, "error");
  adw_action_row_add_prefix (ADW_ACTION_ROW (row), icon);
  adw_preferences_group_add (self->captures_group, row);
  g_ptr_array_add (self->capture_rows, row);
}

/* "abcdef12…" of "sha256:abcdef12…". */
static char *
short_digest (const char *digest)
{
  const char *hex;

  if (digest == NULL)
    return g_strdup ("—");
  hex = strchr (digest, ':') != NULL ? strchr (digest, ':') + 1 : digest;
  return g_strdup_printf ("%.12s…", hex);
}

/* Shows the capture of @row (its title: when it was made). */
static void
on_capture_activated (WdSourceDialog *self,
                      AdwActionRow   *row)
{
  const char *record_id = g_object_get_data (G_OBJECT (row), "wd-record-id");
  g_autofree char *subtitle = NULL;

  if (record_id == NULL || self->package_path == NULL)
    return;

  subtitle = g_strdup_printf (_("Capture of %s"), adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)));
  adw_window_title_set_subtitle (self->window_title, subtitle);
  wd_capture_view_load (self->capture_view, self->package_path, wd_source_get_id (self->source),
                        record_id, self->baseline_id, self->latest_id, self->body,
                        (const char * const *) self->source_ids);
  gtk_stack_set_visible_child_name (self->pages, "capture");
  gtk_widget_set_visible (self->back_button, TRUE);
  gtk_widget_grab_focus (GTK_WIDGET (wd_capture_view_get_text_view (self->capture_view)));
}

/* The row of capture @record_id, or NULL. */
static AdwActionRow *
capture_row (WdSourceDialog *self,
             const char     *record_id)
{
  for (guint i = 0; record_id != NULL && i < self->capture_rows->len; i++)
    {
      AdwActionRow *row = g_ptr_array_index (self->capture_rows, i);

      if (g_strcmp0 (g_object_get_data (G_OBJECT (row), "wd-record-id"), record_id) == 0)
        return row;
    }
  return NULL;
}

/* The capture whose row has the focus, or NULL. */
static char *
dup_focused_capture (WdSourceDialog *self)
{
  for (guint i = 0; i < self->capture_rows->len; i++)
    {
      GtkWidget *row = g_ptr_array_index (self->capture_rows, i);

      if (gtk_widget_has_focus (row))
        return g_strdup (g_object_get_data (G_OBJECT (row), "wd-record-id"));
    }
  return NULL;
}

/* The quotation chosen in the audit, once the captures are known: shown
 * in the capture asked for, or said why it cannot be. */
static void
show_chosen (WdSourceDialog *self)
{
  AdwActionRow *row = NULL;
  g_autofree char *subtitle = NULL;

  if (!self->chosen_pending)
    return;
  self->chosen_pending = FALSE;

  if (self->chosen_capture == WD_SOURCE_DIALOG_CAPTURE_BASELINE)
    row = capture_row (self, self->baseline_id);
  else if ((row = capture_row (self, self->latest_id)) == NULL && self->capture_rows->len > 0)
    {
      /* No live page: the latest capture of any kind (an error page, whose
       * text is not the source's), when there is one; the rows are latest
       * first. */
      AdwActionRow *first = g_ptr_array_index (self->capture_rows, 0);

      if (g_object_get_data (G_OBJECT (first), "wd-record-id") != NULL)
        row = first;
    }

  if (row != NULL)
    {
      on_capture_activated (self, row);
      return;
    }

  /* TRANSLATORS: in a source's details, when a quotation chosen in the
   * audit has no capture of the source to be shown in */
  subtitle = g_strdup_printf (_("“%s”: Check Sources keeps what this source’s page says, "
                                "and the quotation is shown in it here."), self->chosen_quote);
  add_message_row (self, "dialog-warning-symbolic", _("No capture of this source to show the quotation in"),
                   subtitle, FALSE);
}

static void
add_capture_row (WdSourceDialog    *self,
                 const CaptureInfo *info)
{
  GtkWidget *row = adw_action_row_new ();
  g_autofree char *when = _wd_format_timestamp (info->captured_at);
  g_autofree char *size = g_format_size (info->size);
  g_autofree char *digest = short_digest (info->digest);
  g_autofree char *subtitle = NULL;
  g_autofree char *verdict = NULL;
  g_autofree char *a11y = NULL;
  const WdCheckStatusStyle *style = _wd_check_status_style (info->status);
  GtkWidget *icon = gtk_image_new_from_icon_name (style->icon_name);

  if (info->http_status != 0)
    verdict = g_strdup_printf ("%s (%u)", _wd_check_status_label (info->status), info->http_status);
  else
    verdict = g_strdup (_wd_check_status_label (info->status));
  /* TRANSLATORS: a capture's line: verdict · size kept · digest, e.g. "OK (200) · 12.3 kB · sha256 1a2b3c…" */
  subtitle = g_strdup_printf (info->truncated ? _("%s · %s (cut) · sha256 %s") : _("%s · %s · sha256 %s"),
                              verdict, size, digest);

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), when != NULL ? when : info->captured_at);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  gtk_widget_add_css_class (icon, style->css_class);
  gtk_widget_set_tooltip_text (icon, _wd_check_status_label (info->status));
  adw_action_row_add_prefix (ADW_ACTION_ROW (row), icon);
  gtk_widget_set_tooltip_text (row, info->digest);

  if (info->baseline)
    {
      GtkWidget *label = gtk_label_new (_("Baseline"));

      gtk_widget_add_css_class (label, "accent");
      gtk_widget_add_css_class (label, "caption-heading");
      gtk_widget_set_valign (label, GTK_ALIGN_CENTER);
      gtk_widget_set_tooltip_text (label, _("The source’s first capture of a live page: later ones are compared with it"));
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), label);
    }
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), gtk_image_new_from_icon_name ("go-next-symbolic"));
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
  g_object_set_data_full (G_OBJECT (row), "wd-record-id", g_strdup (info->record_id), g_free);
  g_signal_connect_object (row, "activated", G_CALLBACK (on_capture_activated), self, G_CONNECT_SWAPPED);

  a11y = g_strdup_printf ("%s, %s%s", when != NULL ? when : info->captured_at, subtitle,
                          info->baseline ? _(", baseline") : "");
  gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_LABEL, a11y, -1);

  adw_preferences_group_add (self->captures_group, row);
  g_ptr_array_add (self->capture_rows, row);
}

static void
list_done (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  WdSourceDialog *self = WD_SOURCE_DIALOG (object);
  ListLoad *load = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;
  g_autofree char *size = NULL;
  g_autofree char *name = NULL;
  g_autofree char *description = NULL;
  g_autofree char *focused = NULL;
  AdwActionRow *row;

  if (!g_task_propagate_boolean (G_TASK (result), &error) &&
      g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  g_clear_object (&self->cancellable);
  focused = dup_focused_capture (self);
  clear_capture_rows (self);
  name = g_path_get_basename (load->path);

  if (error != NULL && g_error_matches (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND))
    {
      adw_preferences_group_set_description (self->captures_group, NULL);
      add_message_row (self, "document-open-recent-symbolic", _("No captures yet"),
                       _("Check Sources keeps what each page said, in an evidence package beside the document."),
                       FALSE);
      show_chosen (self);
      return;
    }
  if (error != NULL)
    {
      g_autofree char *subtitle = g_strdup_printf (_("%s: %s. The document is not affected; "
                                                     "new checks do not write into it."),
                                                   name, error->message);

      adw_preferences_group_set_description (self->captures_group, NULL);
      add_message_row (self, "dialog-error-symbolic", _("The evidence package cannot be read"),
                       subtitle, TRUE);
      show_chosen (self);
      return;
    }

  g_free (self->baseline_id);
  self->baseline_id = g_steal_pointer (&load->baseline_id);
  g_free (self->latest_id);
  self->latest_id = g_steal_pointer (&load->latest_id);

  size = g_format_size (load->size);
  /* TRANSLATORS: "Evidence package story.wacz: 1.2 MB" */
  description = g_strdup_printf (_("Evidence package %s: %s"), name, size);
  adw_preferences_group_set_description (self->captures_group, description);

  if (load->captures->len == 0)
    add_message_row (self, "document-open-recent-symbolic", _("No captures of this source yet"),
                     _("The next check of this source keeps what the page says."), FALSE);
  /* The latest first. */
  for (guint i = load->captures->len; i > 0; i--)
    add_capture_row (self, g_ptr_array_index (load->captures, i - 1));

  /* Listed again (a check added a capture): the focus stays on its row. */
  if ((row = capture_row (self, focused)) != NULL)
    gtk_widget_grab_focus (GTK_WIDGET (row));
  show_chosen (self);
}

static void
reload_captures (WdSourceDialog *self)
{
  g_autoptr(GTask) task = NULL;
  ListLoad *load;

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);

  if (self->package_path == NULL)
    {
      clear_capture_rows (self);
      add_message_row (self, "document-save-symbolic", _("No captures: the document is not saved"),
                       _("Captures are kept beside the saved document. Save it, then check the sources."),
                       FALSE);
      show_chosen (self);
      return;
    }

  /* The rows shown stay until the new list replaces them. */

  self->cancellable = g_cancellable_new ();
  load = g_new0 (ListLoad, 1);
  load->path = g_strdup (self->package_path);
  load->source_id = g_strdup (wd_source_get_id (self->source));
  task = g_task_new (self, self->cancellable, list_done, NULL);
  g_task_set_source_tag (task, reload_captures);
  g_task_set_task_data (task, load, (GDestroyNotify) list_load_free);
  g_task_run_in_thread (task, list_in_thread);
}

void
wd_source_dialog_set_evidence (WdSourceDialog     *self,
                               const char         *package_path,
                               const char         *body,
                               const char * const *source_ids)
{
  g_return_if_fail (WD_IS_SOURCE_DIALOG (self));

  g_free (self->package_path);
  self->package_path = g_strdup (package_path);
  g_free (self->body);
  self->body = g_strdup (body);
  g_strfreev (self->source_ids);
  self->source_ids = g_strdupv ((char **) source_ids);
  gtk_widget_set_visible (GTK_WIDGET (self->captures_group), TRUE);
  reload_captures (self);
}

void
wd_source_dialog_reload_captures (WdSourceDialog *self)
{
  g_return_if_fail (WD_IS_SOURCE_DIALOG (self));

  /* Not before the evidence is known. */
  if (gtk_widget_get_visible (GTK_WIDGET (self->captures_group)))
    reload_captures (self);
}

void
wd_source_dialog_show_quotation (WdSourceDialog        *self,
                                 WdSourceDialogCapture  capture,
                                 const char            *quote,
                                 const char            *source_words)
{
  g_return_if_fail (WD_IS_SOURCE_DIALOG (self));
  g_return_if_fail (quote != NULL);

  wd_capture_view_set_chosen (self->capture_view, quote, source_words);
  g_free (self->chosen_quote);
  self->chosen_quote = g_strdup (quote);
  self->chosen_capture = capture;
  self->chosen_pending = TRUE;
  if (!wd_source_dialog_get_busy (self) && gtk_widget_get_visible (GTK_WIDGET (self->captures_group)))
    show_chosen (self);
}

gboolean
wd_source_dialog_get_busy (WdSourceDialog *self)
{
  g_return_val_if_fail (WD_IS_SOURCE_DIALOG (self), FALSE);
  return self->cancellable != NULL;
}

WdCaptureView *
wd_source_dialog_get_capture_view (WdSourceDialog *self)
{
  g_return_val_if_fail (WD_IS_SOURCE_DIALOG (self), NULL);
  return self->capture_view;
}

static void
show_details (WdSourceDialog *self)
{
  g_autofree char *name = wd_source_dup_display_name (self->source);

  gtk_stack_set_visible_child_name (self->pages, "details");
  gtk_widget_set_visible (self->back_button, FALSE);
  adw_window_title_set_subtitle (self->window_title, name);
}

static void
back_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  show_details (WD_SOURCE_DIALOG (widget));
}

/* Escape: from a capture back to the source, from the source closed. */
static gboolean
on_escape (GtkWidget *widget,
           GVariant  *args,
           gpointer   user_data)
{
  WdSourceDialog *self = WD_SOURCE_DIALOG (widget);

  if (g_strcmp0 (gtk_stack_get_visible_child_name (self->pages), "capture") == 0)
    show_details (self);
  else
    gtk_window_close (GTK_WINDOW (self));
  return TRUE;
}

static void
wd_source_dialog_dispose (GObject *object)
{
  WdSourceDialog *self = (WdSourceDialog *)object;

  gtk_widget_dispose_template (GTK_WIDGET (self), WD_TYPE_SOURCE_DIALOG);
  g_clear_object (&self->source);
  g_clear_pointer (&self->dynamic_rows, g_ptr_array_unref);
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->capture_rows, g_ptr_array_unref);
  g_clear_pointer (&self->package_path, g_free);
  g_clear_pointer (&self->body, g_free);
  g_clear_pointer (&self->source_ids, g_strfreev);
  g_clear_pointer (&self->baseline_id, g_free);
  g_clear_pointer (&self->latest_id, g_free);
  g_clear_pointer (&self->chosen_quote, g_free);

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
  gtk_widget_class_bind_template_child (widget_class, WdSourceDialog, captures_group);
  gtk_widget_class_bind_template_child (widget_class, WdSourceDialog, pages);
  gtk_widget_class_bind_template_child (widget_class, WdSourceDialog, back_button);
  gtk_widget_class_bind_template_child (widget_class, WdSourceDialog, capture_view);
  gtk_widget_class_bind_template_callback (widget_class, on_copy_clicked);

  gtk_widget_class_install_action (widget_class, "source.back", NULL, back_action);
  gtk_widget_class_add_binding (widget_class, GDK_KEY_Escape, 0, on_escape, NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Left, GDK_ALT_MASK, "source.back", NULL);
}

static void
wd_source_dialog_init (WdSourceDialog *self)
{
  g_autoptr(GListModel) kinds = _wd_source_kind_model ();

  g_type_ensure (WD_TYPE_CAPTURE_VIEW);
  gtk_widget_init_template (GTK_WIDGET (self));

  self->dynamic_rows = g_ptr_array_new ();
  self->capture_rows = g_ptr_array_new ();
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
  /* Shown once the evidence is known (wd_source_dialog_set_evidence). */
  gtk_widget_set_visible (GTK_WIDGET (self->captures_group), FALSE);

  return GTK_WINDOW (self);
}

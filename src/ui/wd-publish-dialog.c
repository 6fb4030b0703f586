/* wd-publish-dialog.c: endpoint, format and (optional) credential, then
 * the core publisher does the work. The dialog only asks and reports. */
#define G_LOG_DOMAIN "wd-publish-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "wd-publish-dialog.h"

struct _WdPublishDialog
{
  AdwWindow             parent_instance;

  WdArticle            *article;
  GSettings            *settings;
  WdPublisher          *publisher;
  GCancellable         *cancellable;   /* non-NULL while publishing */
  char                 *endpoint;      /* normalised, of the running publish */

  AdwEntryRow          *endpoint_row;
  AdwComboRow          *profile_row;
  AdwPasswordEntryRow  *credential_row;
  AdwPreferencesGroup  *target_group;
  GtkSpinner           *spinner;
  GtkInfoBar           *banner;
  GtkLabel             *status_label;
  GtkWidget            *error_row;     /* the field the shown error is about */
};

G_DEFINE_FINAL_TYPE (WdPublishDialog, wd_publish_dialog, ADW_TYPE_WINDOW)

enum {
  PUBLISHED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* The combo's rows, in the order of the template's string list. */
static const WdPublishProfile profiles[] = {
  WD_PUBLISH_PROFILE_NINJS,
  WD_PUBLISH_PROFILE_JSONLD,
  WD_PUBLISH_PROFILE_WORDPRESS,
};

static void
set_running (WdPublishDialog *self,
             gboolean         running)
{
  gtk_widget_set_sensitive (GTK_WIDGET (self->target_group), !running);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "publish.publish", !running);
  gtk_spinner_set_spinning (self->spinner, running);
  gtk_widget_set_visible (GTK_WIDGET (self->spinner), running);
}

/* At the top, where it is seen without scrolling; @row, when given, is
 * the field it concerns: marked, focused, and unmarked once edited. */
static void
show_message (WdPublishDialog *self,
              GtkMessageType   type,
              const char      *message,
              GtkWidget       *row)
{
  if (self->error_row != NULL)
    gtk_widget_remove_css_class (self->error_row, "error");
  self->error_row = row;

  if (message != NULL)
    gtk_label_set_text (self->status_label, message);
  gtk_info_bar_set_message_type (self->banner, type);
  gtk_info_bar_set_revealed (self->banner, message != NULL);

  if (row != NULL)
    {
      gtk_widget_add_css_class (row, "error");
      gtk_widget_grab_focus (row);
    }
}

static void
show_status (WdPublishDialog *self,
             const char      *message)
{
  show_message (self, GTK_MESSAGE_ERROR, message, NULL);
}

/* Typed into the field an error was about: the error is stale. */
static void
on_row_changed (WdPublishDialog *self,
                GtkEditable     *row)
{
  if (self->error_row == GTK_WIDGET (row))
    show_message (self, GTK_MESSAGE_ERROR, NULL, NULL);
}

static void
on_retrying (WdPublishDialog *self,
             guint            attempt,
             guint            max_attempts,
             guint            delay_ms,
             const char      *what)
{
  g_autofree char *message = NULL;
  guint seconds = MAX ((delay_ms + 500) / 1000, 1);

  /* TRANSLATORS: while publishing: why an attempt failed, then
   * "attempt 1 of 4, trying again in 2 s" */
  message = g_strdup_printf (ngettext ("%s — attempt %u of %u, trying again in %u second. Cancel stops.",
                                       "%s — attempt %u of %u, trying again in %u seconds. Cancel stops.",
                                       seconds),
                             what, attempt, max_attempts, seconds);
  show_message (self, GTK_MESSAGE_WARNING, message, NULL);
}

/* The field an error is about, if one is. */
static GtkWidget *
row_for_error (WdPublishDialog *self,
               const GError    *error)
{
  if (error->domain != WD_PUBLISH_ERROR)
    return NULL;

  switch ((WdPublishError) error->code)
    {
    case WD_PUBLISH_ERROR_INVALID_ENDPOINT:
    case WD_PUBLISH_ERROR_NOT_FOUND:
    case WD_PUBLISH_ERROR_NETWORK:
      return GTK_WIDGET (self->endpoint_row);
    case WD_PUBLISH_ERROR_NO_CREDENTIAL:
    case WD_PUBLISH_ERROR_NO_KEYRING:
    case WD_PUBLISH_ERROR_UNAUTHORIZED:
      return GTK_WIDGET (self->credential_row);
    case WD_PUBLISH_ERROR_REJECTED:
    case WD_PUBLISH_ERROR_SERVER:
    case WD_PUBLISH_ERROR_RESPONSE:
    default:
      return NULL;
    }
}

static void
finish_run (WdPublishDialog *self)
{
  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->endpoint, g_free);
  set_running (self, FALSE);
}

static void
publish_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(WdPublishDialog) self = user_data;
  g_autoptr(WdPublication) publication = NULL;
  g_autoptr(GError) error = NULL;
  WdPublishOutcome outcome = WD_PUBLISH_OUTCOME_CREATED;

  publication = wd_publisher_publish_finish (WD_PUBLISHER (object), result, &outcome, &error);
  finish_run (self);

  if (publication == NULL)
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        show_message (self, GTK_MESSAGE_INFO, _("Publishing stopped."),
                      NULL);
      else
        show_message (self, GTK_MESSAGE_ERROR, error->message, row_for_error (self, error));
      return;
    }

  g_signal_emit (self, signals[PUBLISHED], 0, (int) outcome, publication);
  gtk_window_close (GTK_WINDOW (self));
}

static void
start_publish (WdPublishDialog *self,
               const char      *credential)
{
  guint selected = adw_combo_row_get_selected (self->profile_row);

  wd_publisher_publish_async (self->publisher, self->article, self->endpoint,
                              profiles[MIN (selected, G_N_ELEMENTS (profiles) - 1)],
                              credential, self->cancellable,
                              publish_cb, g_object_ref (self));
}

static void
lookup_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(WdPublishDialog) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *credential = wd_credentials_lookup_finish (result, &error);

  if (credential == NULL)
    {
      gboolean cancelled = g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);

      g_autofree char *message = NULL;

      /* Not the keyring's own words (a D-Bus error): what to do. */
      g_debug ("No credential from the keyring: %s", error->message);
      message = g_strdup_printf (_("No saved credential for this site: enter it in the Credential field, "
                                   "or save one with “wiredesk publish --login %s”."), self->endpoint);
      finish_run (self);
      if (!cancelled)
        show_message (self, GTK_MESSAGE_ERROR, message, GTK_WIDGET (self->credential_row));
      return;
    }

  start_publish (self, credential);
  /* the publisher has its own copy; ours goes now */
  g_clear_pointer (&credential, wd_credentials_free_secret);
}

static void
publish_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  WdPublishDialog *self = WD_PUBLISH_DIALOG (widget);
  const char *typed = gtk_editable_get_text (GTK_EDITABLE (self->endpoint_row));
  const char *credential = gtk_editable_get_text (GTK_EDITABLE (self->credential_row));
  g_autoptr(GError) error = NULL;
  g_autofree char *endpoint = NULL;

  if (self->cancellable != NULL)
    return;

  endpoint = wd_publish_normalize_endpoint (typed, &error);
  if (endpoint == NULL)
    {
      show_message (self, GTK_MESSAGE_ERROR, error->message, GTK_WIDGET (self->endpoint_row));
      return;
    }

  show_status (self, NULL);

  if (self->settings != NULL)
    {
      guint selected = adw_combo_row_get_selected (self->profile_row);

      g_settings_set_string (self->settings, "publish-endpoint", typed);
      g_settings_set_string (self->settings, "publish-format",
                             wd_publish_profile_get_name (profiles[MIN (selected, G_N_ELEMENTS (profiles) - 1)]));
    }

  self->endpoint = g_steal_pointer (&endpoint);
  self->cancellable = g_cancellable_new ();
  set_running (self, TRUE);

  if (credential != NULL && *credential != '\0')
    start_publish (self, credential);
  else
    wd_credentials_lookup_async (self->endpoint, self->cancellable, lookup_cb, g_object_ref (self));
}

static void
cancel_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  WdPublishDialog *self = WD_PUBLISH_DIALOG (widget);

  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  else
    gtk_window_close (GTK_WINDOW (self));
}

static void
wd_publish_dialog_dispose (GObject *object)
{
  WdPublishDialog *self = (WdPublishDialog *)object;

  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->publisher);
  g_clear_object (&self->settings);
  g_clear_object (&self->article);
  g_clear_pointer (&self->endpoint, g_free);

  gtk_widget_dispose_template (GTK_WIDGET (self), WD_TYPE_PUBLISH_DIALOG);

  G_OBJECT_CLASS (wd_publish_dialog_parent_class)->dispose (object);
}

static void
wd_publish_dialog_class_init (WdPublishDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = wd_publish_dialog_dispose;

  /**
   * WdPublishDialog::published:
   * @outcome: a WdPublishOutcome
   * @publication: what the CMS gave back, already stored in the article
   */
  signals[PUBLISHED] =
    g_signal_new ("published",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 2, G_TYPE_INT, WD_TYPE_PUBLICATION);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/wiredesk/Wiredesk/ui/wd-publish-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, WdPublishDialog, endpoint_row);
  gtk_widget_class_bind_template_child (widget_class, WdPublishDialog, profile_row);
  gtk_widget_class_bind_template_child (widget_class, WdPublishDialog, credential_row);
  gtk_widget_class_bind_template_child (widget_class, WdPublishDialog, target_group);
  gtk_widget_class_bind_template_child (widget_class, WdPublishDialog, spinner);
  gtk_widget_class_bind_template_child (widget_class, WdPublishDialog, banner);
  gtk_widget_class_bind_template_child (widget_class, WdPublishDialog, status_label);

  gtk_widget_class_install_action (widget_class, "publish.publish", NULL, publish_action);
  gtk_widget_class_install_action (widget_class, "publish.cancel", NULL, cancel_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "publish.cancel", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Return, GDK_CONTROL_MASK, "publish.publish", NULL);
}

static void
wd_publish_dialog_init (WdPublishDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->publisher = wd_publisher_new ();
  g_signal_connect_object (self->publisher, "retrying", G_CALLBACK (on_retrying), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->endpoint_row, "changed", G_CALLBACK (on_row_changed), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->credential_row, "changed", G_CALLBACK (on_row_changed), self, G_CONNECT_SWAPPED);
  set_running (self, FALSE);
}

WdPublishDialog *
wd_publish_dialog_new (GtkWindow *parent,
                       WdArticle *article,
                       GSettings *settings)
{
  WdPublishDialog *self;

  g_return_val_if_fail (GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (WD_IS_ARTICLE (article), NULL);
  g_return_val_if_fail (settings == NULL || G_IS_SETTINGS (settings), NULL);

  self = g_object_new (WD_TYPE_PUBLISH_DIALOG, "transient-for", parent, NULL);
  self->article = g_object_ref (article);

  if (settings != NULL)
    {
      g_autofree char *endpoint = g_settings_get_string (settings, "publish-endpoint");
      g_autofree char *format = g_settings_get_string (settings, "publish-format");
      WdPublishProfile profile;

      self->settings = g_object_ref (settings);
      gtk_editable_set_text (GTK_EDITABLE (self->endpoint_row), endpoint);
      if (wd_publish_profile_from_name (format, &profile))
        for (guint i = 0; i < G_N_ELEMENTS (profiles); i++)
          if (profiles[i] == profile)
            adw_combo_row_set_selected (self->profile_row, i);
    }

  return self;
}

/* wd-history-window.c: the History window. The list is the article's
 * WdHistory; the diff is computed in a worker (wd_history_diff_async). */
#define G_LOG_DOMAIN "wd-history-window"

#include "config.h"

#include <glib/gi18n.h>

#include "wd-history-window.h"
#include "wd-ui-util.h"

/* Unchanged stretches longer than this many words on each side of a
 * change are shortened, so that a long body shows what changed. */
#define DIFF_CONTEXT_WORDS 24

struct _WdHistoryWindow
{
  AdwWindow       parent_instance;

  WdArticle      *article;
  WdHistory      *history;
  GCancellable   *cancellable;   /* of the diff under way */
  GtkStringList  *from_numbers;  /* "Revision N" labels of the dropdown */
  GArray         *from_values;   /* guint: N, in the same order */
  guint           to;
  guint           updating_from : 1;

  GtkListBox     *list;
  GtkDropDown    *from_dropdown;
  GtkSpinner     *spinner;
  GtkLabel       *summary_label;
  GtkTextView    *diff_view;
  GtkRevealer    *pending_revealer;
  GtkLabel       *pending_label;
};

G_DEFINE_FINAL_TYPE (WdHistoryWindow, wd_history_window, ADW_TYPE_WINDOW)

enum {
  PROP_0,
  PROP_BUSY,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  RESTORE,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static char *
format_time (const char *iso)
{
  g_autoptr(GDateTime) utc = iso != NULL ? g_date_time_new_from_iso8601 (iso, NULL) : NULL;
  g_autoptr(GDateTime) local = NULL;

  if (utc == NULL)
    return g_strdup (iso != NULL ? iso : "");
  local = g_date_time_to_local (utc);
  /* TRANSLATORS: a revision's time, g_date_time_format() */
  return g_date_time_format (local, _("%-d %b %Y, %H:%M"));
}

static char *
revision_subtitle (WdRevision *revision)
{
  GPtrArray *pubs = wd_revision_get_publications (revision);
  g_autoptr(GPtrArray) parts = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *time = format_time (wd_revision_get_saved_at (revision));

  g_ptr_array_add (parts, g_steal_pointer (&time));
  /* TRANSLATORS: words added and removed by a revision */
  g_ptr_array_add (parts, g_strdup_printf (_("+%u −%u words"), wd_revision_get_words_added (revision),
                                           wd_revision_get_words_removed (revision)));
  for (guint i = 0; i < pubs->len; i++)
    {
      WdPublication *p = g_ptr_array_index (pubs, i);
      g_autoptr(GUri) uri = g_uri_parse (wd_publication_get_endpoint (p), G_URI_FLAGS_NONE, NULL);
      const char *host = uri != NULL && g_uri_get_host (uri) != NULL ? g_uri_get_host (uri)
                                                                     : wd_publication_get_endpoint (p);

      /* TRANSLATORS: a revision's mark: "published to news.example" */
      g_ptr_array_add (parts, g_strdup_printf (_("published to %s"), host));
    }
  if (wd_revision_get_restored_from (revision) != 0)
    g_ptr_array_add (parts, g_strdup_printf (_("restored from %u"), wd_revision_get_restored_from (revision)));
  if (!wd_revision_get_rebuildable (revision))
    g_ptr_array_add (parts, g_strdup (_("text not kept")));
  if (wd_revision_get_correction (revision) != NULL)
    g_ptr_array_add (parts, g_strdup_printf (_("Correction: %s"), wd_revision_get_correction (revision)));
  g_ptr_array_add (parts, NULL);

  return g_strjoinv (" · ", (char **) parts->pdata);
}

static GtkWidget *
create_row (gpointer item,
            gpointer user_data)
{
  WdRevision *revision = item;
  AdwActionRow *row = ADW_ACTION_ROW (adw_action_row_new ());
  g_autofree char *title = g_strdup_printf (_("Revision %u"), wd_revision_get_number (revision));
  g_autofree char *subtitle = revision_subtitle (revision);
  const char *correction = wd_revision_get_correction (revision);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (row, subtitle);
  adw_action_row_set_subtitle_lines (row, 3);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);

  if (correction != NULL)
    {
      GtkWidget *image = gtk_image_new_from_icon_name ("document-edit-symbolic");
      g_autofree char *tip = g_strdup_printf (_("Correction: %s"), correction);

      gtk_widget_set_tooltip_text (image, tip);
      gtk_widget_add_css_class (image, "warning");
      adw_action_row_add_suffix (row, image);
      gtk_widget_set_tooltip_text (GTK_WIDGET (row), tip);
    }
  if (wd_revision_get_publications (revision)->len > 0)
    {
      GtkWidget *image = gtk_image_new_from_icon_name ("send-to-symbolic");

      gtk_widget_set_tooltip_text (image, _("Published"));
      gtk_widget_add_css_class (image, "success");
      adw_action_row_add_suffix (row, image);
    }

  return GTK_WIDGET (row);
}

static WdRevision *
revision_at (WdHistoryWindow *self,
             int              index)
{
  if (index < 0)
    return NULL;
  return g_list_model_get_item (G_LIST_MODEL (self->history), index);
}

static void
set_busy (WdHistoryWindow *self,
          gboolean         busy)
{
  gtk_spinner_set_spinning (self->spinner, busy);
  gtk_widget_set_visible (GTK_WIDGET (self->spinner), busy);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);
}

gboolean
wd_history_window_get_busy (WdHistoryWindow *self)
{
  g_return_val_if_fail (WD_IS_HISTORY_WINDOW (self), FALSE);
  return self->cancellable != NULL;
}

static void
render_field (GtkTextBuffer *buffer,
              WdFieldDiff   *fd)
{
  const char *label = fd->field < 0 ? _("Keywords") : wd_revision_field_label (fd->field);

  _wd_text_buffer_append (buffer, label, -1, "heading");
  _wd_text_buffer_append (buffer, "\n", -1, NULL);

  _wd_text_buffer_append_diff (buffer, fd->old_text, fd->new_text, fd->segments, DIFF_CONTEXT_WORDS,
                               "removed", "added");
  _wd_text_buffer_append (buffer, "\n\n", -1, NULL);
}

static void
render_diff (WdHistoryWindow *self,
             WdRevisionDiff  *diff)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->diff_view);
  g_autofree char *summary = NULL;

  gtk_text_buffer_set_text (buffer, "", 0);

  /* TRANSLATORS: "Revision 3 → 5: +12 −4 words" */
  summary = g_strdup_printf (_("Revision %u → %u: +%u −%u words"), diff->from, diff->to,
                             diff->words_added, diff->words_removed);
  gtk_label_set_text (self->summary_label, summary);

  if (diff->fields->len == 0 && diff->sources->len == 0)
    _wd_text_buffer_append (buffer, _("The two revisions have the same text and sources."), -1, "note");

  for (guint i = 0; i < diff->fields->len; i++)
    render_field (buffer, g_ptr_array_index (diff->fields, i));

  if (diff->sources->len > 0)
    {
      _wd_text_buffer_append (buffer, _("Sources"), -1, "heading");
      _wd_text_buffer_append (buffer, "\n", -1, NULL);
    }
  for (guint i = 0; i < diff->sources->len; i++)
    {
      WdSourceChange *change = g_ptr_array_index (diff->sources, i);
      g_autofree char *line = NULL;

      switch (change->kind)
        {
        case WD_SOURCE_CHANGE_ADDED:
          line = g_strdup_printf (_("Added: %s"), change->url);
          _wd_text_buffer_append (buffer, line, -1, "added");
          break;
        case WD_SOURCE_CHANGE_REMOVED:
          line = g_strdup_printf (_("Removed: %s"), change->url);
          _wd_text_buffer_append (buffer, line, -1, "removed");
          break;
        case WD_SOURCE_CHANGE_RELABELLED:
          line = g_strdup_printf (_("Relabelled %s: “%s” → “%s”"), change->url,
                                  change->old_value, change->new_value);
          _wd_text_buffer_append (buffer, line, -1, NULL);
          break;
        case WD_SOURCE_CHANGE_MOVED:
        default:
          line = g_strdup_printf (_("URL changed: %s → %s"), change->old_value, change->new_value);
          _wd_text_buffer_append (buffer, line, -1, NULL);
          break;
        }
      _wd_text_buffer_append (buffer, "\n", -1, NULL);
    }
}

static void
diff_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(WdHistoryWindow) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(WdRevisionDiff) diff = wd_history_diff_finish (WD_HISTORY (object), result, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  g_clear_object (&self->cancellable);
  set_busy (self, FALSE);

  if (diff == NULL)
    {
      GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->diff_view);

      gtk_label_set_text (self->summary_label, "");
      gtk_text_buffer_set_text (buffer, "", 0);
      _wd_text_buffer_append (buffer, error->message, -1, "note");
      return;
    }
  render_diff (self, diff);
}

static void
start_diff (WdHistoryWindow *self,
            guint            from,
            guint            to)
{
  if (self->cancellable != NULL)
    {
      g_cancellable_cancel (self->cancellable);
      g_clear_object (&self->cancellable);
    }

  self->cancellable = g_cancellable_new ();
  set_busy (self, TRUE);
  gtk_label_set_text (self->summary_label, _("Comparing…"));
  wd_history_diff_async (self->history, from, to, self->cancellable, diff_cb, g_object_ref (self));
}

static void
update_actions (WdHistoryWindow *self)
{
  WdRevision *revision = self->to != 0 ? wd_history_find (self->history, self->to) : NULL;
  gboolean published = g_list_model_get_n_items (wd_article_get_publications (self->article)) > 0;
  const char *pending = wd_history_get_pending_correction (self->history);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "history.restore",
                                 revision != NULL && wd_revision_get_rebuildable (revision));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "history.mark-correction", published);

  if (pending != NULL)
    {
      g_autofree char *text = g_strdup_printf (_("The next save records a correction: %s"), pending);

      gtk_label_set_text (self->pending_label, text);
    }
  gtk_revealer_set_reveal_child (self->pending_revealer, pending != NULL);
}

/* The "Compare with" choices: every revision older than the selected one. */
static void
fill_from (WdHistoryWindow *self,
           guint            to,
           guint            from)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->history));
  guint select = GTK_INVALID_LIST_POSITION, count = 0;

  self->updating_from = TRUE;
  gtk_string_list_splice (self->from_numbers, 0,
                          g_list_model_get_n_items (G_LIST_MODEL (self->from_numbers)), NULL);
  g_array_set_size (self->from_values, 0);
  for (guint i = n; i > 0; i--)
    {
      g_autoptr(WdRevision) revision = g_list_model_get_item (G_LIST_MODEL (self->history), i - 1);
      guint number = wd_revision_get_number (revision);
      g_autofree char *label = NULL;

      if (number >= to)
        continue;
      label = g_strdup_printf (_("Revision %u"), number);
      gtk_string_list_append (self->from_numbers, label);
      g_array_append_val (self->from_values, number);
      if (number == from || (from == 0 && select == GTK_INVALID_LIST_POSITION))
        select = count;
      count++;
    }
  gtk_drop_down_set_selected (self->from_dropdown, select);
  gtk_widget_set_sensitive (GTK_WIDGET (self->from_dropdown), count > 0);
  self->updating_from = FALSE;
}

static guint
selected_from (WdHistoryWindow *self)
{
  guint position = gtk_drop_down_get_selected (self->from_dropdown);

  if (position == GTK_INVALID_LIST_POSITION || position >= self->from_values->len)
    return 0;
  return g_array_index (self->from_values, guint, position);
}

static void
compare_selected (WdHistoryWindow *self)
{
  guint from = selected_from (self);

  update_actions (self);
  if (self->to == 0)
    return;
  if (from == 0)
    {
      GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->diff_view);
      g_autofree char *summary = g_strdup_printf (_("Revision %u is the first"), self->to);

      gtk_label_set_text (self->summary_label, summary);
      gtk_text_buffer_set_text (buffer, "", 0);
      _wd_text_buffer_append (buffer, _("Choose a later revision to see what changed."), -1, "note");
      return;
    }
  start_diff (self, from, self->to);
}

static void
on_row_selected (WdHistoryWindow *self,
                 GtkListBoxRow   *row)
{
  g_autoptr(WdRevision) revision = NULL;

  if (row == NULL)
    return;
  revision = revision_at (self, gtk_list_box_row_get_index (row));
  if (revision == NULL)
    return;
  self->to = wd_revision_get_number (revision);
  fill_from (self, self->to, 0);
  compare_selected (self);
}

static void
on_from_changed (WdHistoryWindow *self)
{
  if (!self->updating_from)
    compare_selected (self);
}

void
wd_history_window_compare (WdHistoryWindow *self,
                           guint            from,
                           guint            to)
{
  guint n;

  g_return_if_fail (WD_IS_HISTORY_WINDOW (self));

  n = g_list_model_get_n_items (G_LIST_MODEL (self->history));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(WdRevision) revision = g_list_model_get_item (G_LIST_MODEL (self->history), i);

      if (wd_revision_get_number (revision) == to)
        {
          self->to = to;
          self->updating_from = TRUE;
          gtk_list_box_select_row (self->list, gtk_list_box_get_row_at_index (self->list, i));
          self->updating_from = FALSE;
          fill_from (self, to, from);
          compare_selected (self);
          return;
        }
    }
}

static void
restore_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  WdHistoryWindow *self = WD_HISTORY_WINDOW (widget);

  if (self->to != 0)
    g_signal_emit (self, signals[RESTORE], 0, self->to);
}

static void
correction_response (AdwMessageDialog *dialog,
                     const char       *response,
                     WdHistoryWindow  *self)
{
  GtkEditable *entry = GTK_EDITABLE (adw_message_dialog_get_extra_child (dialog));
  g_autoptr(GError) error = NULL;

  if (!g_str_equal (response, "mark"))
    return;
  if (!wd_history_mark_correction (self->history, self->article, gtk_editable_get_text (entry), &error))
    {
      GtkWidget *message = adw_message_dialog_new (GTK_WINDOW (self), _("Correction Not Marked"),
                                                   error->message);

      adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (message), "close", _("_Close"));
      gtk_window_present (GTK_WINDOW (message));
    }
  update_actions (self);
}

static void
correction_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  WdHistoryWindow *self = WD_HISTORY_WINDOW (widget);
  GtkWidget *dialog, *entry;
  const char *pending = wd_history_get_pending_correction (self->history);

  dialog = adw_message_dialog_new (GTK_WINDOW (self), _("Mark as Correction"),
                                   _("Readers see this note with the date of the next save, in the "
                                     "exports and on the published page. Say briefly what was wrong."));
  entry = gtk_entry_new ();
  gtk_entry_set_max_length (GTK_ENTRY (entry), WD_CORRECTION_MAX_CHARS);
  gtk_entry_set_activates_default (GTK_ENTRY (entry), TRUE);
  gtk_entry_set_placeholder_text (GTK_ENTRY (entry), _("An earlier version gave the wrong date."));
  gtk_editable_set_text (GTK_EDITABLE (entry), pending != NULL ? pending : "");
  gtk_accessible_update_property (GTK_ACCESSIBLE (entry), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Correction note"), -1);
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), entry);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "mark", _("_Mark Correction"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "mark",
                                              ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "mark");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_signal_connect_object (dialog, "response", G_CALLBACK (correction_response), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
  gtk_widget_grab_focus (entry);
}

static void
on_history_changed (WdHistoryWindow *self)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->history));

  /* A save added a revision: show it against the one before. */
  if (n > 0)
    {
      g_autoptr(WdRevision) latest = g_list_model_get_item (G_LIST_MODEL (self->history), n - 1);
      wd_history_window_compare (self, 0, wd_revision_get_number (latest));
    }
}

static void
wd_history_window_dispose (GObject *object)
{
  WdHistoryWindow *self = WD_HISTORY_WINDOW (object);

  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->history);
  g_clear_object (&self->article);
  g_clear_object (&self->from_numbers);
  g_clear_pointer (&self->from_values, g_array_unref);

  G_OBJECT_CLASS (wd_history_window_parent_class)->dispose (object);
}

static void
wd_history_window_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  WdHistoryWindow *self = WD_HISTORY_WINDOW (object);

  switch (prop_id)
    {
    case PROP_BUSY:
      g_value_set_boolean (value, wd_history_window_get_busy (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
wd_history_window_class_init (WdHistoryWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = wd_history_window_dispose;
  object_class->get_property = wd_history_window_get_property;

  properties[PROP_BUSY] = g_param_spec_boolean ("busy", NULL, NULL, FALSE,
                                                G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[RESTORE] = g_signal_new ("restore", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                   0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_UINT);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/wiredesk/Wiredesk/ui/wd-history-window.ui");
  gtk_widget_class_bind_template_child (widget_class, WdHistoryWindow, list);
  gtk_widget_class_bind_template_child (widget_class, WdHistoryWindow, from_dropdown);
  gtk_widget_class_bind_template_child (widget_class, WdHistoryWindow, spinner);
  gtk_widget_class_bind_template_child (widget_class, WdHistoryWindow, summary_label);
  gtk_widget_class_bind_template_child (widget_class, WdHistoryWindow, diff_view);
  gtk_widget_class_bind_template_child (widget_class, WdHistoryWindow, pending_revealer);
  gtk_widget_class_bind_template_child (widget_class, WdHistoryWindow, pending_label);

  gtk_widget_class_install_action (widget_class, "history.restore", NULL, restore_action);
  gtk_widget_class_install_action (widget_class, "history.mark-correction", NULL, correction_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_w, GDK_CONTROL_MASK, "window.close", NULL);
}

static void
wd_history_window_init (WdHistoryWindow *self)
{
  GtkTextBuffer *buffer;

  gtk_widget_init_template (GTK_WIDGET (self));

  self->from_numbers = gtk_string_list_new (NULL);
  self->from_values = g_array_new (FALSE, FALSE, sizeof (guint));
  gtk_drop_down_set_model (self->from_dropdown, G_LIST_MODEL (self->from_numbers));
  g_signal_connect_object (self->from_dropdown, "notify::selected", G_CALLBACK (on_from_changed),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->list, "row-selected", G_CALLBACK (on_row_selected),
                           self, G_CONNECT_SWAPPED);

  buffer = gtk_text_view_get_buffer (self->diff_view);
  gtk_text_buffer_create_tag (buffer, "heading", "weight", PANGO_WEIGHT_BOLD,
                              "scale", 1.1, "pixels-below-lines", 6, NULL);
  gtk_text_buffer_create_tag (buffer, "added", "background", "rgba(46,194,126,0.30)",
                              "underline", PANGO_UNDERLINE_SINGLE, NULL);
  gtk_text_buffer_create_tag (buffer, "removed", "background", "rgba(237,51,59,0.25)",
                              "strikethrough", TRUE, NULL);
  gtk_text_buffer_create_tag (buffer, "note", "style", PANGO_STYLE_ITALIC, NULL);
}

WdHistoryWindow *
wd_history_window_new (GtkWindow *parent,
                       WdArticle *article)
{
  WdHistoryWindow *self;
  guint n;

  g_return_val_if_fail (WD_IS_ARTICLE (article), NULL);

  self = g_object_new (WD_TYPE_HISTORY_WINDOW, "transient-for", parent, NULL);
  self->article = g_object_ref (article);
  self->history = g_object_ref (wd_article_get_history (article));

  gtk_list_box_bind_model (self->list, G_LIST_MODEL (self->history), create_row, self, NULL);
  g_signal_connect_object (self->history, "items-changed", G_CALLBACK (on_history_changed),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->history, "notify::pending-correction", G_CALLBACK (update_actions),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (wd_article_get_publications (article), "items-changed",
                           G_CALLBACK (update_actions), self, G_CONNECT_SWAPPED);

  n = g_list_model_get_n_items (G_LIST_MODEL (self->history));
  if (n > 0)
    {
      g_autoptr(WdRevision) latest = g_list_model_get_item (G_LIST_MODEL (self->history), n - 1);
      wd_history_window_compare (self, 0, wd_revision_get_number (latest));
    }
  else
    {
      GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->diff_view);

      _wd_text_buffer_append (buffer, _("No revisions yet: every save keeps one."), -1, "note");
    }
  update_actions (self);

  return self;
}

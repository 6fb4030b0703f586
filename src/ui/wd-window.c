/* wd-window.c: the editor window itself — the document it shows (put in
 * place, bound to the fields, recovered from a draft), the dirty state and
 * the title, the public API, the header's narrow layout and the GObject
 * plumbing. Every other concern lives in a wd-window-*.c of its own, all
 * sharing wd-window-private.h; the writing surface is wd-window-editor.c. */
#define G_LOG_DOMAIN "wd-window"

#include "config.h"

#include <glib/gi18n.h>

#include "wd-body-view.h"
#include "wd-check-status.h"
#include "wd-ui-util.h"
#include "wd-window-private.h"

/* Narrower than this, the header's audit badge shows its icon only. */
#define AUDIT_WORDS_MIN_WIDTH 1000

G_DEFINE_FINAL_TYPE (WdWindow, wd_window, ADW_TYPE_APPLICATION_WINDOW)

enum {
  PROP_0,
  PROP_MODIFIED,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* ---------------------------------------------------------------- helpers */

void
_wd_window_toast (WdWindow   *self,
                  const char *message)
{
  adw_toast_overlay_add_toast (self->toasts, _wd_toast_new (message));
}

void
_wd_window_show_info (WdWindow   *self,
                      const char *message)
{
  if (message != NULL)
    gtk_label_set_text (self->info_label, message);
  gtk_info_bar_set_revealed (self->info_bar, message != NULL);
}

static void
on_info_bar_response (WdWindow *self,
                      int       response)
{
  gtk_info_bar_set_revealed (self->info_bar, FALSE);
}

WdDraftStore *
_wd_window_get_draft_store (WdWindow *self)
{
  GtkApplication *app = gtk_window_get_application (GTK_WINDOW (self));

  if (!WD_IS_APPLICATION (app))
    return NULL;

  return wd_application_get_draft_store (WD_APPLICATION (app));
}

/* ------------------------------------------------------------ dirty state */

gboolean
wd_window_get_modified (WdWindow *self)
{
  g_return_val_if_fail (WD_IS_WINDOW (self), FALSE);
  return self->change_serial != self->saved_serial;
}

void
_wd_window_update_title (WdWindow *self)
{
  const char *headline = self->article ? wd_article_get_headline (self->article) : NULL;
  g_autofree char *title = NULL;
  g_autofree char *subtitle = NULL;
  gboolean modified = wd_window_get_modified (self);

  if (headline == NULL || *headline == '\0')
    headline = _("Untitled Article");

  /* The dirty marker: a bullet before the title, as GNOME editors do. */
  title = modified ? g_strdup_printf ("• %s", headline) : g_strdup (headline);
  adw_window_title_set_title (self->title, title);
  gtk_window_set_title (GTK_WINDOW (self), title);

  if (self->file != NULL)
    {
      g_autofree char *name = g_file_get_basename (self->file);

      subtitle = modified ? g_strdup_printf (_("%s — unsaved changes"), name) : g_strdup (name);
    }
  else
    subtitle = g_strdup (_("Not saved yet"));

  adw_window_title_set_subtitle (self->title, subtitle);
  gtk_widget_set_tooltip_text (self->save_button,
                               modified ? _("Save changes (Ctrl+S)") : _("Save (Ctrl+S)"));
  if (modified)
    gtk_widget_add_css_class (self->save_button, "suggested-action");
  else
    gtk_widget_remove_css_class (self->save_button, "suggested-action");
}

static void
modified_changed (WdWindow *self,
                  gboolean  was_modified)
{
  _wd_window_update_title (self);
  if (was_modified != wd_window_get_modified (self))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MODIFIED]);
}

void
_wd_window_mark_changed (WdWindow *self)
{
  gboolean was_modified = wd_window_get_modified (self);

  self->change_serial++;
  modified_changed (self, was_modified);
  _wd_window_schedule_draft (self);
}

void
_wd_window_set_saved (WdWindow *self,
                      guint64   serial)
{
  gboolean was_modified = wd_window_get_modified (self);

  self->saved_serial = serial;
  modified_changed (self, was_modified);
}

static void
on_article_changed (WdWindow *self)
{
  _wd_window_update_check_actions (self);
  _wd_window_schedule_audit (self, FALSE);

  /* Loading and the body's own sync are not new edits. */
  if (self->loading || self->syncing_body)
    return;

  _wd_window_mark_changed (self);
}

static void
on_headline_changed (WdWindow *self)
{
  _wd_window_update_title (self);
  _wd_window_update_headline_count (self);
}

/* --------------------------------------------------------------- document */

static void
bind (WdWindow      *self,
      const char    *property,
      gpointer       target,
      const char    *target_property,
      GBindingTransformFunc to,
      GBindingTransformFunc from)
{
  GBinding *binding = g_object_bind_property_full (self->article, property, target, target_property,
                                                   G_BINDING_BIDIRECTIONAL | G_BINDING_SYNC_CREATE,
                                                   to, from, NULL, NULL);

  g_ptr_array_add (self->bindings, g_object_ref (binding));
}

static void
unbind_all (WdWindow *self)
{
  for (guint i = 0; i < self->bindings->len; i++)
    g_binding_unbind (g_ptr_array_index (self->bindings, i));
  g_ptr_array_set_size (self->bindings, 0);
}

void
_wd_window_set_document (WdWindow   *self,
                         WdArticle  *article,
                         GFile      *file,
                         const char *etag)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (self->body));
  const char *body;

  g_assert (WD_IS_ARTICLE (article));

  self->loading = TRUE;

  g_clear_handle_id (&self->sync_source, g_source_remove);
  self->body_stale = FALSE;
  _wd_window_cancel_check (self);
  _wd_window_clear_removals (self);

  if (self->article != NULL)
    {
      unbind_all (self);
      g_signal_handlers_disconnect_by_data (self->article, self);
    }

  g_set_object (&self->article, article);
  g_set_object (&self->file, file);
  g_free (self->etag);
  self->etag = g_strdup (etag);

  bind (self, "headline", self->headline, "text", _wd_bind_null_to_empty, NULL);
  bind (self, "standfirst", self->standfirst, "text", _wd_bind_null_to_empty, NULL);
  bind (self, "byline", self->byline, "text", _wd_bind_null_to_empty, NULL);
  bind (self, "dateline", self->dateline, "text", _wd_bind_null_to_empty, NULL);
  bind (self, "language", self->language, "text", _wd_bind_null_to_empty, NULL);
  bind (self, "status", self->status, "selected", _wd_bind_enum_to_index, _wd_bind_index_to_enum);
  bind (self, "keywords", self->keywords, "text", _wd_bind_strv_to_text, _wd_bind_text_to_strv);
  /* From the first keyword, not scrolled to the last. */
  gtk_editable_set_position (GTK_EDITABLE (self->keywords), 0);
  bind (self, "desk-note", gtk_text_view_get_buffer (self->desk_note), "text",
        _wd_bind_null_to_empty, NULL);

  /* The body is loaded once, without an undo step to go back to empty. */
  body = wd_article_get_body (article);
  gtk_text_buffer_begin_irreversible_action (buffer);
  gtk_text_buffer_set_text (buffer, body != NULL ? body : "", -1);
  gtk_text_buffer_end_irreversible_action (buffer);
  {
    GtkTextIter start;

    gtk_text_buffer_get_start_iter (buffer, &start);
    gtk_text_buffer_place_cursor (buffer, &start);
  }
  _wd_window_update_word_count (self, body);

  wd_sources_pane_set_article (self->sources_pane, article);
  wd_cite_popover_set_article (self->cite_popover, article);
  _wd_window_preview_set_article (self);

  g_signal_connect_object (article, "changed", G_CALLBACK (on_article_changed), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (article, "notify::headline", G_CALLBACK (on_headline_changed), self, G_CONNECT_SWAPPED);

  self->loading = FALSE;

  _wd_window_update_headline_count (self);
  _wd_window_set_saved (self, self->change_serial);
  _wd_window_update_check_actions (self);
  _wd_window_schedule_audit (self, TRUE);
  _wd_window_history_loaded (self);
  _wd_window_load_evidence (self);
  _wd_window_spell_document (self);
}

void
_wd_window_set_busy (WdWindow *self,
                     gboolean  busy)
{
  static const char * const actions[] = {
    "win.save", "win.save-as", "win.open", "win.import", "win.export", "win.publish",
  };

  self->busy = !!busy;

  for (guint i = 0; i < G_N_ELEMENTS (actions); i++)
    gtk_widget_action_set_enabled (GTK_WIDGET (self), actions[i], !busy);
}

/* ----------------------------------------------------------------- public */

WdArticle *
wd_window_get_article (WdWindow *self)
{
  g_return_val_if_fail (WD_IS_WINDOW (self), NULL);

  _wd_window_sync_body (self);
  return self->article;
}

GFile *
wd_window_get_file (WdWindow *self)
{
  g_return_val_if_fail (WD_IS_WINDOW (self), NULL);
  return self->file;
}

gboolean
wd_window_get_busy (WdWindow *self)
{
  g_return_val_if_fail (WD_IS_WINDOW (self), FALSE);
  return self->busy;
}

const char *
wd_window_get_draft_id (WdWindow *self)
{
  g_return_val_if_fail (WD_IS_WINDOW (self), NULL);
  return self->draft_id;
}

gboolean
wd_window_is_pristine (WdWindow *self)
{
  g_return_val_if_fail (WD_IS_WINDOW (self), FALSE);

  return self->file == NULL && !self->busy && self->change_serial == 0 && self->draft_id == NULL;
}

gboolean
wd_window_recover_draft (WdWindow          *self,
                         const WdDraftInfo *info,
                         GBytes            *contents,
                         GError           **error)
{
  g_autoptr(WdArticle) article = NULL;
  g_autoptr(GFile) file = NULL;
  WdDraftStore *store;

  g_return_val_if_fail (WD_IS_WINDOW (self), FALSE);
  g_return_val_if_fail (info != NULL, FALSE);

  article = wd_native_format_parse (contents, info->title ? info->title : info->id, error);
  if (article == NULL)
    return FALSE;

  if (info->file_uri != NULL)
    file = g_file_new_for_uri (info->file_uri);

  _wd_window_set_document (self, article, file, info->etag);

  /* The draft is this window's now, and its changes are not saved. */
  g_free (self->draft_id);
  self->draft_id = g_strdup (info->id);
  if ((store = _wd_window_get_draft_store (self)) != NULL)
    wd_draft_store_adopt (store, info->id);
  /* A document without a file finds its evidence under the draft's id. */
  if (file == NULL)
    _wd_window_load_evidence (self);

  _wd_window_mark_changed (self);
  _wd_window_toast (self, _("Recovered unsaved changes"));

  return TRUE;
}

/* The flap folds while it is being allocated: change the header after. */
static gboolean
update_check_label (gpointer data)
{
  WdWindow *self = data;
  int width, height;

  self->fold_idle = 0;
  gtk_window_get_default_size (GTK_WINDOW (self), &width, &height);
  gtk_widget_set_visible (self->check_label, !adw_flap_get_folded (self->flap));
  /* The audit's words need a wide window: the header's least width must
   * let the window narrow enough for the flap to fold. */
  gtk_widget_set_visible (GTK_WIDGET (self->audit_label),
                          !adw_flap_get_folded (self->flap) &&
                          width >= AUDIT_WORDS_MIN_WIDTH);

  return G_SOURCE_REMOVE;
}

static void
on_folded_changed (WdWindow *self)
{
  if (self->fold_idle == 0)
    self->fold_idle = g_idle_add (update_check_label, self);
}

/* ---------------------------------------------------------------- actions */

static void
toggle_side (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  WdWindow *self = WD_WINDOW (widget);

  gtk_toggle_button_set_active (self->side_toggle, !gtk_toggle_button_get_active (self->side_toggle));
}

static void
add_source (GtkWidget  *widget,
            const char *action_name,
            GVariant   *parameter)
{
  WdWindow *self = WD_WINDOW (widget);

  gtk_toggle_button_set_active (self->side_toggle, TRUE);
  adw_view_stack_set_visible_child_name (self->side_stack, "sources");
  wd_sources_pane_focus_entry (self->sources_pane);
}


/* ---------------------------------------------------------------- GObject */

static gboolean
wd_window_close_request (GtkWindow *window)
{
  WdWindow *self = WD_WINDOW (window);

  _wd_window_sync_body (self);

  if (wd_window_get_modified (self) && !self->close_confirmed)
    {
      _wd_window_confirm_close (self);
      return TRUE;
    }

  _wd_window_cancel_check (self);
  _wd_window_discard_draft (self);
  g_cancellable_cancel (self->cancellable);

  return GTK_WINDOW_CLASS (wd_window_parent_class)->close_request (window);
}

static void
wd_window_dispose (GObject *object)
{
  WdWindow *self = (WdWindow *)object;

  g_cancellable_cancel (self->cancellable);
  _wd_window_cancel_check (self);
  g_clear_handle_id (&self->sync_source, g_source_remove);
  g_clear_handle_id (&self->draft_source, g_source_remove);
  g_clear_handle_id (&self->fold_idle, g_source_remove);
  g_clear_handle_id (&self->audit_source, g_source_remove);
  _wd_window_dispose_citations (self);
  g_clear_pointer (&self->body_scroll, wd_text_scroll_free);

  if (self->article != NULL)
    {
      unbind_all (self);
      g_signal_handlers_disconnect_by_data (self->article, self);
    }

  gtk_widget_dispose_template (GTK_WIDGET (self), WD_TYPE_WINDOW);
  _wd_window_dispose_spell (self);

  g_clear_object (&self->cancellable);
  g_clear_object (&self->article);
  g_clear_object (&self->file);
  g_clear_object (&self->settings);
  g_clear_object (&self->chooser);
  g_clear_object (&self->audit);
  g_clear_object (&self->quote_marks);
  g_clear_pointer (&self->removals, g_hash_table_unref);

  G_OBJECT_CLASS (wd_window_parent_class)->dispose (object);
}

static void
wd_window_finalize (GObject *object)
{
  WdWindow *self = (WdWindow *)object;

  g_ptr_array_unref (self->bindings);
  g_free (self->etag);
  g_free (self->draft_id);

  G_OBJECT_CLASS (wd_window_parent_class)->finalize (object);
}

static void
wd_window_get_property (GObject    *object,
                        guint       prop_id,
                        GValue     *value,
                        GParamSpec *pspec)
{
  WdWindow *self = WD_WINDOW (object);

  switch (prop_id)
    {
    case PROP_MODIFIED:
      g_value_set_boolean (value, wd_window_get_modified (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

/* A new, empty article with the editor's defaults from the settings. */
static void
start_new_document (WdWindow *self)
{
  g_autoptr(WdArticle) article = wd_article_new ();

  if (self->settings != NULL)
    {
      g_autofree char *byline = g_settings_get_string (self->settings, "editor-name");
      g_autofree char *language = g_settings_get_string (self->settings, "default-language");

      if (*byline != '\0')
        wd_article_set_byline (article, byline);
      if (*language != '\0')
        wd_article_set_language (article, language);
    }

  _wd_window_set_document (self, article, NULL, NULL);
}

static void
wd_window_constructed (GObject *object)
{
  WdWindow *self = (WdWindow *)object;

  G_OBJECT_CLASS (wd_window_parent_class)->constructed (object);

  /* Never without a document; wd_window_new() applies the settings,
   * which need the application (set only after constructed()). */
  start_new_document (self);
}

static void
wd_window_class_init (WdWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->constructed = wd_window_constructed;
  object_class->dispose = wd_window_dispose;
  object_class->finalize = wd_window_finalize;
  object_class->get_property = wd_window_get_property;
  window_class->close_request = wd_window_close_request;

  properties[PROP_MODIFIED] =
    g_param_spec_boolean ("modified", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (WD_TYPE_BODY_VIEW);
  g_type_ensure (WD_TYPE_TITLE_VIEW);
  g_type_ensure (WD_TYPE_SEARCH_BAR);
  g_type_ensure (WD_TYPE_SOURCES_PANE);
  g_type_ensure (WD_TYPE_AUDIT_PANEL);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/wiredesk/Wiredesk/ui/wd-window.ui");
  gtk_widget_class_bind_template_child (widget_class, WdWindow, toasts);
  gtk_widget_class_bind_template_child (widget_class, WdWindow, title);
  gtk_widget_class_bind_template_child (widget_class, WdWindow, save_button);
  gtk_widget_class_bind_template_child (widget_class, WdWindow, menu_button);
  gtk_widget_class_bind_template_child (widget_class, WdWindow, recent_menu);
  gtk_widget_class_bind_template_child (widget_class, WdWindow, side_toggle);
  gtk_widget_class_bind_template_child (widget_class, WdWindow, check_stack);
  gtk_widget_class_bind_template_child (widget_class, WdWindow, audit_button);
  gtk_widget_class_bind_template_child (widget_class, WdWindow, audit_icon);
  gtk_widget_class_bind_template_child (widget_class, WdWindow, audit_label);
  gtk_widget_class_bind_template_child (widget_class, WdWindow, audit_panel);
  gtk_widget_class_bind_template_child (widget_class, WdWindow, check_label);
  gtk_widget_class_bind_template_child (widget_class, WdWindow, check_spinner);
  gtk_widget_class_bind_template_child (widget_class, WdWindow, check_progress_label);
  gtk_widget_class_bind_template_child (widget_class, WdWindow, info_bar);
  gtk_widget_class_bind_template_child (widget_class, WdWindow, info_label);
  gtk_widget_class_bind_template_child (widget_class, WdWindow, flap);
  gtk_widget_class_bind_template_child (widget_class, WdWindow, side_stack);
  gtk_widget_class_bind_template_child (widget_class, WdWindow, sources_pane);
  gtk_widget_class_bind_template_child (widget_class, WdWindow, headline);
  gtk_widget_class_bind_template_child (widget_class, WdWindow, headline_count);
  gtk_widget_class_bind_template_child (widget_class, WdWindow, standfirst);
  gtk_widget_class_bind_template_child (widget_class, WdWindow, body_separator);
  gtk_widget_class_bind_template_child (widget_class, WdWindow, body_scroller);
  gtk_widget_class_bind_template_child (widget_class, WdWindow, search_bar);
  gtk_widget_class_bind_template_child (widget_class, WdWindow, body);
  gtk_widget_class_bind_template_child (widget_class, WdWindow, word_count);
  gtk_widget_class_bind_template_child (widget_class, WdWindow, byline);
  gtk_widget_class_bind_template_child (widget_class, WdWindow, dateline);
  gtk_widget_class_bind_template_child (widget_class, WdWindow, language);
  gtk_widget_class_bind_template_child (widget_class, WdWindow, status);
  gtk_widget_class_bind_template_child (widget_class, WdWindow, keywords);
  gtk_widget_class_bind_template_child (widget_class, WdWindow, desk_note);
  gtk_widget_class_bind_template_callback (widget_class, on_info_bar_response);

  gtk_widget_class_install_action (widget_class, "win.toggle-side", NULL, toggle_side);
  gtk_widget_class_install_action (widget_class, "win.add-source", NULL, add_source);
  _wd_window_class_init_editor (widget_class);
  _wd_window_class_init_files (widget_class);
  _wd_window_class_init_export (widget_class);
  _wd_window_class_init_check (widget_class);
  _wd_window_class_init_publish (widget_class);
  _wd_window_class_init_audit (widget_class);
  _wd_window_class_init_cite (widget_class);
  _wd_window_class_init_sources (widget_class);
  _wd_window_class_init_search (widget_class);
  _wd_window_class_init_history (widget_class);
  _wd_window_class_init_preview (widget_class);
}

static void
wd_window_init (WdWindow *self)
{
  g_autoptr(GListModel) statuses = _wd_article_status_model ();

  gtk_widget_init_template (GTK_WIDGET (self));
  self->body_scroll = wd_text_scroll_new (GTK_TEXT_VIEW (self->body));

  self->bindings = g_ptr_array_new_with_free_func (g_object_unref);
  self->cancellable = g_cancellable_new ();


  adw_combo_row_set_model (self->status, statuses);

  g_signal_connect_object (gtk_recent_manager_get_default (), "changed",
                           G_CALLBACK (_wd_window_update_recent), self, G_CONNECT_SWAPPED);
  _wd_window_update_recent (self);

  _wd_window_init_removals (self);
  _wd_window_init_citations (self);
  _wd_window_init_audit (self);
  _wd_window_init_search (self);
  _wd_window_init_spell (self);
  _wd_window_init_preview (self);

  _wd_window_init_editor (self);

  g_object_bind_property (self->side_toggle, "active", self->flap, "reveal-flap",
                          G_BINDING_BIDIRECTIONAL | G_BINDING_SYNC_CREATE);
  /* Narrow: the header keeps the icon, the tooltip keeps the words. */
  g_signal_connect_object (self, "notify::default-width", G_CALLBACK (on_folded_changed),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->flap, "notify::folded", G_CALLBACK (on_folded_changed),
                           self, G_CONNECT_SWAPPED);
}

WdWindow *
wd_window_new (WdApplication *application)
{
  WdWindow *self = g_object_new (WD_TYPE_WINDOW, "application", application, NULL);

  if (application != NULL && wd_application_get_settings (application) != NULL)
    {
      self->settings = g_object_ref (wd_application_get_settings (application));
      _wd_window_bind_audit_settings (self);
      _wd_window_bind_spell_settings (self);
      g_signal_connect_object (self->settings, "changed::headline-length",
                               G_CALLBACK (_wd_window_update_headline_count), self, G_CONNECT_SWAPPED);

      /* A new window takes the size last set; resizing one sets it, but
       * does not resize the other windows. */
      g_settings_bind (self->settings, "window-width", self, "default-width",
                       G_SETTINGS_BIND_DEFAULT | G_SETTINGS_BIND_GET_NO_CHANGES);
      g_settings_bind (self->settings, "window-height", self, "default-height",
                       G_SETTINGS_BIND_DEFAULT | G_SETTINGS_BIND_GET_NO_CHANGES);
      g_settings_bind (self->settings, "window-maximized", self, "maximized",
                       G_SETTINGS_BIND_DEFAULT | G_SETTINGS_BIND_GET_NO_CHANGES);

      start_new_document (self);
    }

  return self;
}

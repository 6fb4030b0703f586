#define G_LOG_DOMAIN "wd-cite-popover"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>
#include <string.h>

#include "wd-check-status.h"
#include "wd-cite-popover.h"

struct _WdCitePopover
{
  GtkPopover          parent_instance;

  GtkFilterListModel *filtered;
  GtkCustomFilter    *filter;
  char               *needle;      /* case-folded search text, or NULL */

  GtkSearchEntry     *search_entry;
  GtkListBox         *list;
  GtkLabel           *placeholder;
};

G_DEFINE_FINAL_TYPE (WdCitePopover, wd_cite_popover, GTK_TYPE_POPOVER)

enum {
  SOURCE_CHOSEN,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static gboolean
contains_folded (const char *haystack,
                 const char *needle)
{
  g_autofree char *folded = NULL;

  if (haystack == NULL)
    return FALSE;

  folded = g_utf8_casefold (haystack, -1);
  return strstr (folded, needle) != NULL;
}

static gboolean
match_source (gpointer item,
              gpointer user_data)
{
  WdCitePopover *self = user_data;
  WdSource *source = item;
  g_autofree char *name = NULL;

  if (self->needle == NULL)
    return TRUE;

  name = wd_source_dup_display_name (source);
  return contains_folded (name, self->needle) ||
         contains_folded (wd_source_get_url (source), self->needle) ||
         contains_folded (wd_source_get_label (source), self->needle);
}

static GtkWidget *
create_row (gpointer item,
            gpointer user_data)
{
  WdSource *source = item;
  g_autofree char *name = wd_source_dup_display_name (source);
  g_autofree char *host = wd_url_dup_host (wd_source_get_url (source));
  g_autofree char *subtitle = NULL;
  GtkWidget *row = adw_action_row_new ();

  /* TRANSLATORS: "site · kind", e.g. "reuters.com · Wire" */
  subtitle = g_strdup_printf (_("%s · %s"), host != NULL ? host : wd_source_get_url (source),
                              _wd_source_kind_label (wd_source_get_kind (source)));

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), name);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  adw_action_row_set_title_lines (ADW_ACTION_ROW (row), 1);
  adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 1);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
  gtk_widget_set_tooltip_text (row, wd_source_get_url (source));
  g_object_set_data_full (G_OBJECT (row), "wd-source", g_object_ref (source), g_object_unref);

  return row;
}

static void
select_first (WdCitePopover *self)
{
  GtkListBoxRow *first = gtk_list_box_get_row_at_index (self->list, 0);

  gtk_list_box_select_row (self->list, first);
}

static void
on_search_changed (WdCitePopover *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->search_entry));
  g_autofree char *stripped = g_strstrip (g_strdup (text));

  g_clear_pointer (&self->needle, g_free);
  if (*stripped != '\0')
    self->needle = g_utf8_casefold (stripped, -1);

  gtk_filter_changed (GTK_FILTER (self->filter), GTK_FILTER_CHANGE_DIFFERENT);
  select_first (self);
}

static void
choose (WdCitePopover *self,
        GtkListBoxRow *row)
{
  WdSource *source = g_object_get_data (G_OBJECT (row), "wd-source");
  g_autofree char *id = g_strdup (wd_source_get_id (source));

  gtk_popover_popdown (GTK_POPOVER (self));
  g_signal_emit (self, signals[SOURCE_CHOSEN], 0, id);
}

static void
on_row_activated (WdCitePopover *self,
                  GtkListBoxRow *row)
{
  choose (self, row);
}

/* Enter in the search cites the selected match (the first one). */
static void
on_search_activate (WdCitePopover *self)
{
  GtkListBoxRow *row = gtk_list_box_get_selected_row (self->list);

  if (row == NULL)
    row = gtk_list_box_get_row_at_index (self->list, 0);
  if (row != NULL)
    choose (self, row);
}

static void
on_stop_search (WdCitePopover *self)
{
  gtk_popover_popdown (GTK_POPOVER (self));
}

/* Down from the search goes into the list. */
static gboolean
on_search_key (WdCitePopover         *self,
               guint                  keyval,
               guint                  keycode,
               GdkModifierType        state,
               GtkEventControllerKey *controller)
{
  GtkListBoxRow *row;

  if (keyval != GDK_KEY_Down && keyval != GDK_KEY_KP_Down)
    return FALSE;

  row = gtk_list_box_get_selected_row (self->list);
  if (row == NULL)
    row = gtk_list_box_get_row_at_index (self->list, 0);
  if (row == NULL)
    return FALSE;

  gtk_widget_grab_focus (GTK_WIDGET (row));
  return TRUE;
}

static void
on_items_changed (WdCitePopover *self)
{
  GListModel *all = gtk_filter_list_model_get_model (self->filtered);
  guint n_all = all != NULL ? g_list_model_get_n_items (all) : 0;

  gtk_label_set_text (self->placeholder,
                      n_all == 0 ? _("This article has no sources yet. Add them in the Sources pane (Ctrl+L).")
                                 : _("No source matches the search."));
}

static void
wd_cite_popover_dispose (GObject *object)
{
  WdCitePopover *self = (WdCitePopover *)object;

  if (self->list != NULL)
    gtk_list_box_bind_model (self->list, NULL, NULL, NULL, NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), WD_TYPE_CITE_POPOVER);
  g_clear_object (&self->filtered);
  g_clear_object (&self->filter);

  G_OBJECT_CLASS (wd_cite_popover_parent_class)->dispose (object);
}

static void
wd_cite_popover_finalize (GObject *object)
{
  WdCitePopover *self = (WdCitePopover *)object;

  g_free (self->needle);

  G_OBJECT_CLASS (wd_cite_popover_parent_class)->finalize (object);
}

static void
wd_cite_popover_class_init (WdCitePopoverClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = wd_cite_popover_dispose;
  object_class->finalize = wd_cite_popover_finalize;

  /**
   * WdCitePopover::source-chosen:
   * @source_id: the id of the source to cite
   */
  signals[SOURCE_CHOSEN] =
    g_signal_new ("source-chosen",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_STRING);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/wiredesk/Wiredesk/ui/wd-cite-popover.ui");
  gtk_widget_class_bind_template_child (widget_class, WdCitePopover, search_entry);
  gtk_widget_class_bind_template_child (widget_class, WdCitePopover, list);
  gtk_widget_class_bind_template_child (widget_class, WdCitePopover, placeholder);
  gtk_widget_class_bind_template_callback (widget_class, on_search_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_search_activate);
  gtk_widget_class_bind_template_callback (widget_class, on_stop_search);
  gtk_widget_class_bind_template_callback (widget_class, on_row_activated);
}

static void
wd_cite_popover_init (WdCitePopover *self)
{
  GtkEventController *keys;

  gtk_widget_init_template (GTK_WIDGET (self));

  self->filter = gtk_custom_filter_new (match_source, self, NULL);
  self->filtered = gtk_filter_list_model_new (NULL, g_object_ref (GTK_FILTER (self->filter)));
  g_signal_connect_object (self->filtered, "items-changed", G_CALLBACK (on_items_changed),
                           self, G_CONNECT_SWAPPED);
  gtk_list_box_bind_model (self->list, G_LIST_MODEL (self->filtered), create_row, self, NULL);
  on_items_changed (self);

  keys = gtk_event_controller_key_new ();
  g_signal_connect_object (keys, "key-pressed", G_CALLBACK (on_search_key), self, G_CONNECT_SWAPPED);
  gtk_widget_add_controller (GTK_WIDGET (self->search_entry), keys);
}

GtkWidget *
wd_cite_popover_new (void)
{
  return g_object_new (WD_TYPE_CITE_POPOVER, NULL);
}

void
wd_cite_popover_set_article (WdCitePopover *self,
                             WdArticle     *article)
{
  g_return_if_fail (WD_IS_CITE_POPOVER (self));
  g_return_if_fail (!article || WD_IS_ARTICLE (article));

  gtk_filter_list_model_set_model (self->filtered, article ? wd_article_get_sources (article) : NULL);
  on_items_changed (self);
}

void
wd_cite_popover_reset (WdCitePopover *self)
{
  g_return_if_fail (WD_IS_CITE_POPOVER (self));

  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
  on_search_changed (self);
  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
}

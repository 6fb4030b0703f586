#define G_LOG_DOMAIN "wd-source-row"

#include "config.h"

#include <glib/gi18n.h>

#include "wd-check-status.h"
#include "wd-source-row.h"
#include "wd-ui-util.h"

struct _WdSourceRow
{
  GtkListBoxRow  parent_instance;

  WdSource      *source;
  gboolean       checking;

  GtkLabel      *title_label;
  GtkLabel      *site_label;
  GtkLabel      *author_label;
  GtkWidget     *badge;
  GtkSpinner    *spinner;
  GtkImage      *badge_icon;
  GtkLabel      *badge_label;
  GtkLabel      *checked_label;
  GtkMenuButton *menu_button;
};

G_DEFINE_FINAL_TYPE (WdSourceRow, wd_source_row, GTK_TYPE_LIST_BOX_ROW)

enum {
  PROP_0,
  PROP_SOURCE,
  PROP_CHECKING,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static GMenuModel *
build_menu (WdSource *source)
{
  static const struct { const char *label; const char *action; } items[][3] = {
    { { N_("_Check Again"), "source.check" },
      { N_("_Open in Browser"), "source.open" },
      { N_("_Copy URL"), "source.copy" } },
    { { N_("_Details and Editing…"), "source.details" },
      { N_("_Remove"), "source.remove" },
      { NULL, NULL } },
  };
  g_autoptr(GMenu) menu = g_menu_new ();
  GVariant *target = g_variant_new_string (wd_source_get_id (source));

  g_variant_ref_sink (target);

  for (guint s = 0; s < G_N_ELEMENTS (items); s++)
    {
      g_autoptr(GMenu) section = g_menu_new ();

      for (guint i = 0; i < G_N_ELEMENTS (items[s]) && items[s][i].label != NULL; i++)
        {
          g_autoptr(GMenuItem) item = g_menu_item_new (_(items[s][i].label), NULL);

          g_menu_item_set_action_and_target_value (item, items[s][i].action, target);
          g_menu_append_item (section, item);
        }

      g_menu_append_section (menu, NULL, G_MENU_MODEL (section));
    }

  g_variant_unref (target);

  return G_MENU_MODEL (g_steal_pointer (&menu));
}

static void
update (WdSourceRow *self)
{
  WdCheckResult *check = wd_source_get_check (self->source);
  WdCheckStatus status = wd_source_get_check_status (self->source);
  const WdCheckStatusStyle *style = _wd_check_status_style (status);
  g_autofree char *name = wd_source_dup_display_name (self->source);
  g_autofree char *host = wd_url_dup_host (wd_source_get_url (self->source));
  g_autofree char *site_line = NULL;
  g_autofree char *checked = NULL;
  g_autofree char *a11y = NULL;
  const char *site = NULL;
  const char *author;
  const char *badge_text;

  gtk_label_set_text (self->title_label, name);

  if (check != NULL)
    site = wd_check_result_get_site_name (check);
  if (site == NULL)
    site = host != NULL ? host : wd_source_get_url (self->source);

  /* TRANSLATORS: "site · kind", e.g. "Reuters · Wire" */
  site_line = g_strdup_printf (_("%s · %s"), site, _wd_source_kind_label (wd_source_get_kind (self->source)));
  gtk_label_set_text (self->site_label, site_line);

  /* Who the page says wrote it, the names joined; in full in the tooltip. */
  author = check != NULL ? wd_check_result_get_author (check) : NULL;
  if (author != NULL)
    {
      /* TRANSLATORS: the authors a source's page names, e.g. "By Ann Lee, Bob Ray" */
      g_autofree char *byline = g_strdup_printf (_("By %s"), author);

      gtk_label_set_text (self->author_label, byline);
      gtk_widget_set_tooltip_text (GTK_WIDGET (self->author_label), author);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->author_label), author != NULL);

  for (const char * const *c = _wd_check_status_css_classes (); *c; c++)
    gtk_widget_remove_css_class (self->badge, *c);

  gtk_widget_set_visible (GTK_WIDGET (self->spinner), self->checking);
  gtk_spinner_set_spinning (self->spinner, self->checking);
  gtk_widget_set_visible (GTK_WIDGET (self->badge_icon), !self->checking);

  if (self->checking)
    {
      badge_text = _("Checking…");
      gtk_widget_add_css_class (self->badge, "dim-label");
    }
  else
    {
      badge_text = _wd_check_status_label (status);
      gtk_widget_add_css_class (self->badge, style->css_class);
      gtk_image_set_from_icon_name (self->badge_icon, style->icon_name);
    }

  gtk_label_set_text (self->badge_label, badge_text);
  _wd_widget_set_tooltip (self->badge, _wd_check_status_description (status));

  if (check != NULL && (checked = _wd_format_timestamp_short (wd_check_result_get_checked_at (check))) != NULL)
    {
      g_autofree char *text = g_strdup_printf (_("Checked %s"), checked);

      gtk_label_set_text (self->checked_label, text);
    }
  else
    gtk_label_set_text (self->checked_label, "");

  /* TRANSLATORS: what a screen reader says for a source row:
   * "name, site · kind, status" */
  a11y = g_strdup_printf (_("%s, %s, %s"), name, site_line, badge_text);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, a11y,
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, wd_source_get_url (self->source),
                                  -1);
  _wd_widget_set_tooltip (GTK_WIDGET (self->title_label), wd_source_get_url (self->source));
}

static void
wd_source_row_constructed (GObject *object)
{
  WdSourceRow *self = (WdSourceRow *)object;
  g_autoptr(GMenuModel) menu = NULL;

  G_OBJECT_CLASS (wd_source_row_parent_class)->constructed (object);

  g_assert (WD_IS_SOURCE (self->source));

  menu = build_menu (self->source);
  gtk_menu_button_set_menu_model (self->menu_button, menu);

  g_signal_connect_object (self->source, "notify", G_CALLBACK (update), self, G_CONNECT_SWAPPED);
  update (self);
}

static void
wd_source_row_dispose (GObject *object)
{
  WdSourceRow *self = (WdSourceRow *)object;

  gtk_widget_dispose_template (GTK_WIDGET (self), WD_TYPE_SOURCE_ROW);
  g_clear_object (&self->source);

  G_OBJECT_CLASS (wd_source_row_parent_class)->dispose (object);
}

static void
wd_source_row_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  WdSourceRow *self = WD_SOURCE_ROW (object);

  switch (prop_id)
    {
    case PROP_SOURCE:
      g_value_set_object (value, self->source);
      break;
    case PROP_CHECKING:
      g_value_set_boolean (value, self->checking);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
wd_source_row_set_property (GObject      *object,
                            guint         prop_id,
                            const GValue *value,
                            GParamSpec   *pspec)
{
  WdSourceRow *self = WD_SOURCE_ROW (object);

  switch (prop_id)
    {
    case PROP_SOURCE:
      self->source = g_value_dup_object (value);
      break;
    case PROP_CHECKING:
      wd_source_row_set_checking (self, g_value_get_boolean (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
wd_source_row_class_init (WdSourceRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = wd_source_row_constructed;
  object_class->dispose = wd_source_row_dispose;
  object_class->get_property = wd_source_row_get_property;
  object_class->set_property = wd_source_row_set_property;

  properties[PROP_SOURCE] =
    g_param_spec_object ("source", NULL, NULL, WD_TYPE_SOURCE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_CHECKING] =
    g_param_spec_boolean ("checking", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/wiredesk/Wiredesk/ui/wd-source-row.ui");
  gtk_widget_class_bind_template_child (widget_class, WdSourceRow, title_label);
  gtk_widget_class_bind_template_child (widget_class, WdSourceRow, site_label);
  gtk_widget_class_bind_template_child (widget_class, WdSourceRow, author_label);
  gtk_widget_class_bind_template_child (widget_class, WdSourceRow, badge);
  gtk_widget_class_bind_template_child (widget_class, WdSourceRow, spinner);
  gtk_widget_class_bind_template_child (widget_class, WdSourceRow, badge_icon);
  gtk_widget_class_bind_template_child (widget_class, WdSourceRow, badge_label);
  gtk_widget_class_bind_template_child (widget_class, WdSourceRow, checked_label);
  gtk_widget_class_bind_template_child (widget_class, WdSourceRow, menu_button);
}

static void
wd_source_row_init (WdSourceRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
wd_source_row_new (WdSource *source)
{
  g_return_val_if_fail (WD_IS_SOURCE (source), NULL);

  return g_object_new (WD_TYPE_SOURCE_ROW, "source", source, NULL);
}

WdSource *
wd_source_row_get_source (WdSourceRow *self)
{
  g_return_val_if_fail (WD_IS_SOURCE_ROW (self), NULL);
  return self->source;
}

gboolean
wd_source_row_get_checking (WdSourceRow *self)
{
  g_return_val_if_fail (WD_IS_SOURCE_ROW (self), FALSE);
  return self->checking;
}

void
wd_source_row_set_checking (WdSourceRow *self,
                            gboolean     checking)
{
  g_return_if_fail (WD_IS_SOURCE_ROW (self));

  checking = !!checking;
  if (self->checking == checking)
    return;

  self->checking = checking;
  update (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CHECKING]);
}

const char *
wd_source_row_get_badge_text (WdSourceRow *self)
{
  g_return_val_if_fail (WD_IS_SOURCE_ROW (self), NULL);
  return gtk_label_get_text (self->badge_label);
}

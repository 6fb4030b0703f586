#define G_LOG_DOMAIN "wd-finding-row"

#include "config.h"

#include <glib/gi18n.h>

#include "wd-check-status.h"
#include "wd-finding-row.h"
#include "wd-ui-util.h"

struct _WdFindingRow
{
  GtkBox         parent_instance;

  WdFinding     *finding;

  GtkImage      *icon;
  GtkLabel      *message_label;
  GtkLabel      *severity_label;
  GtkButton     *fix_button;
};

G_DEFINE_FINAL_TYPE (WdFindingRow, wd_finding_row, GTK_TYPE_BOX)

enum {
  PROP_0,
  PROP_FINDING,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
update (WdFindingRow *self)
{
  const WdCheckStatusStyle *style;
  WdFindingSeverity severity;
  const char *replacement;

  for (const char * const *c = _wd_check_status_css_classes (); *c; c++)
    {
      gtk_widget_remove_css_class (GTK_WIDGET (self->icon), *c);
      gtk_widget_remove_css_class (GTK_WIDGET (self->severity_label), *c);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->fix_button), FALSE);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (self->fix_button), NULL);
  /* Tooltips set only when they change, answered on query: setting one
   * the plain way makes GTK ask the X server for the pointer, and an audit
   * rebinds every row in sight (bench-quote-typing). A quotation's finding
   * opens its source's capture (wd-window-audit.c). */
  _wd_widget_set_tooltip (GTK_WIDGET (self),
                          self->finding != NULL && g_str_has_prefix (wd_finding_get_code_nick (self->finding), "quote-")
                          ? _("Choose it to select the quotation and see the source’s wording") : NULL);

  if (self->finding == NULL)
    return;

  severity = wd_finding_get_severity (self->finding);
  style = _wd_finding_severity_style (severity);

  /* Icon, word and colour: the colour never says it alone. */
  gtk_image_set_from_icon_name (self->icon, style->icon_name);
  gtk_widget_add_css_class (GTK_WIDGET (self->icon), style->css_class);
  _wd_widget_set_tooltip (GTK_WIDGET (self->icon), _(style->description));
  gtk_label_set_text (self->severity_label, _wd_finding_severity_label (severity));
  gtk_widget_add_css_class (GTK_WIDGET (self->severity_label), style->css_class);
  gtk_label_set_text (self->message_label, wd_finding_get_message (self->finding));

  replacement = wd_finding_get_replacement (self->finding);
  if (replacement != NULL && wd_finding_get_source_id (self->finding) != NULL)
    {
      /* TRANSLATORS: tooltip of the fix button of a moved source */
      g_autofree char *tooltip = g_strdup_printf (_("Attach %s instead"), replacement);

      gtk_actionable_set_action_target (GTK_ACTIONABLE (self->fix_button), "(ss)",
                                        wd_finding_get_source_id (self->finding), replacement);
      gtk_actionable_set_action_name (GTK_ACTIONABLE (self->fix_button), "win.use-replacement");
      _wd_widget_set_tooltip (GTK_WIDGET (self->fix_button), tooltip);
      gtk_widget_set_visible (GTK_WIDGET (self->fix_button), TRUE);
    }

  /* What a screen reader says: the message, then its severity. */
  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, wd_finding_get_message (self->finding),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, _wd_finding_severity_label (severity),
                                  -1);
}

static void
wd_finding_row_dispose (GObject *object)
{
  WdFindingRow *self = (WdFindingRow *)object;

  gtk_widget_dispose_template (GTK_WIDGET (self), WD_TYPE_FINDING_ROW);
  g_clear_object (&self->finding);

  G_OBJECT_CLASS (wd_finding_row_parent_class)->dispose (object);
}

static void
wd_finding_row_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  WdFindingRow *self = WD_FINDING_ROW (object);

  switch (prop_id)
    {
    case PROP_FINDING:
      g_value_set_object (value, self->finding);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
wd_finding_row_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  WdFindingRow *self = WD_FINDING_ROW (object);

  switch (prop_id)
    {
    case PROP_FINDING:
      wd_finding_row_set_finding (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
wd_finding_row_class_init (WdFindingRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = wd_finding_row_dispose;
  object_class->get_property = wd_finding_row_get_property;
  object_class->set_property = wd_finding_row_set_property;

  properties[PROP_FINDING] =
    g_param_spec_object ("finding", NULL, NULL, WD_TYPE_FINDING,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/wiredesk/Wiredesk/ui/wd-finding-row.ui");
  gtk_widget_class_bind_template_child (widget_class, WdFindingRow, icon);
  gtk_widget_class_bind_template_child (widget_class, WdFindingRow, message_label);
  gtk_widget_class_bind_template_child (widget_class, WdFindingRow, severity_label);
  gtk_widget_class_bind_template_child (widget_class, WdFindingRow, fix_button);
}

static void
wd_finding_row_init (WdFindingRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
wd_finding_row_new (void)
{
  return g_object_new (WD_TYPE_FINDING_ROW, NULL);
}

void
wd_finding_row_set_finding (WdFindingRow *self,
                            WdFinding    *finding)
{
  g_return_if_fail (WD_IS_FINDING_ROW (self));
  g_return_if_fail (!finding || WD_IS_FINDING (finding));

  if (!g_set_object (&self->finding, finding))
    return;

  update (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FINDING]);
}

WdFinding *
wd_finding_row_get_finding (WdFindingRow *self)
{
  g_return_val_if_fail (WD_IS_FINDING_ROW (self), NULL);
  return self->finding;
}

GtkWidget *
wd_finding_row_get_fix (WdFindingRow *self)
{
  g_return_val_if_fail (WD_IS_FINDING_ROW (self), NULL);

  return gtk_widget_get_visible (GTK_WIDGET (self->fix_button)) ? GTK_WIDGET (self->fix_button) : NULL;
}

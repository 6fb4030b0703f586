#define G_LOG_DOMAIN "wd-audit-panel"

#include "config.h"

#include <glib/gi18n.h>

#include "wd-audit-panel.h"
#include "wd-finding-row.h"

struct _WdAuditPanel
{
  GtkBox      parent_instance;

  WdAudit    *audit;

  GtkSortListModel *sorted;
  GtkNoSelection   *selection;

  GtkLabel    *summary_label;
  GtkStack    *stack;
  GtkListView *list;
};

G_DEFINE_FINAL_TYPE (WdAuditPanel, wd_audit_panel, GTK_TYPE_BOX)

enum {
  PROP_0,
  PROP_AUDIT,
  N_PROPS
};

enum {
  FINDING_ACTIVATED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

/* Errors first, then warnings, then notes; the audit's order within. */
static int
by_severity (gconstpointer a,
             gconstpointer b,
             gpointer      user_data)
{
  return (int) wd_finding_get_severity ((WdFinding *) b) - (int) wd_finding_get_severity ((WdFinding *) a);
}

static void
setup_row (GtkListItemFactory *factory,
           GtkListItem        *item)
{
  gtk_list_item_set_child (item, wd_finding_row_new ());
}

static void
bind_row (GtkListItemFactory *factory,
          GtkListItem        *item)
{
  wd_finding_row_set_finding (WD_FINDING_ROW (gtk_list_item_get_child (item)), gtk_list_item_get_item (item));
}

static void
unbind_row (GtkListItemFactory *factory,
            GtkListItem        *item)
{
  wd_finding_row_set_finding (WD_FINDING_ROW (gtk_list_item_get_child (item)), NULL);
}

static void
update_summary (WdAuditPanel *self)
{
  g_autofree char *summary = wd_audit_dup_summary (self->audit);
  g_autofree char *text = NULL;
  guint n = g_list_model_get_n_items (wd_audit_get_findings (self->audit));

  if (n == 0)
    text = g_strdup (summary);
  else
    /* TRANSLATORS: above the findings: "9 warnings, 5 notes. Choose one
     * to go to what it is about." */
    text = g_strdup_printf (_("%s. Choose one to go to what it is about."), summary);

  gtk_label_set_text (self->summary_label, text);
  gtk_stack_set_visible_child_name (self->stack, n > 0 ? "findings" : "empty");
}

static void
on_activate (WdAuditPanel *self,
             guint         position)
{
  g_autoptr(WdFinding) finding = NULL;

  if (self->audit == NULL)
    return;

  finding = g_list_model_get_item (G_LIST_MODEL (self->sorted), position);
  if (finding != NULL)
    g_signal_emit (self, signals[FINDING_ACTIVATED], 0, finding);
}

static void
wd_audit_panel_dispose (GObject *object)
{
  WdAuditPanel *self = (WdAuditPanel *)object;

  gtk_widget_dispose_template (GTK_WIDGET (self), WD_TYPE_AUDIT_PANEL);
  g_clear_object (&self->selection);
  g_clear_object (&self->sorted);
  g_clear_object (&self->audit);

  G_OBJECT_CLASS (wd_audit_panel_parent_class)->dispose (object);
}

static void
wd_audit_panel_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  WdAuditPanel *self = WD_AUDIT_PANEL (object);

  switch (prop_id)
    {
    case PROP_AUDIT:
      g_value_set_object (value, self->audit);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
wd_audit_panel_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  WdAuditPanel *self = WD_AUDIT_PANEL (object);

  switch (prop_id)
    {
    case PROP_AUDIT:
      wd_audit_panel_set_audit (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
wd_audit_panel_class_init (WdAuditPanelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = wd_audit_panel_dispose;
  object_class->get_property = wd_audit_panel_get_property;
  object_class->set_property = wd_audit_panel_set_property;

  properties[PROP_AUDIT] =
    g_param_spec_object ("audit", NULL, NULL, WD_TYPE_AUDIT,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * WdAuditPanel::finding-activated:
   * @finding: the WdFinding of the row
   *
   * A row was activated: show what the finding points at.
   */
  signals[FINDING_ACTIVATED] =
    g_signal_new ("finding-activated",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, WD_TYPE_FINDING);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/wiredesk/Wiredesk/ui/wd-audit-panel.ui");
  gtk_widget_class_bind_template_child (widget_class, WdAuditPanel, summary_label);
  gtk_widget_class_bind_template_child (widget_class, WdAuditPanel, stack);
  gtk_widget_class_bind_template_child (widget_class, WdAuditPanel, list);
  gtk_widget_class_bind_template_callback (widget_class, on_activate);
}

static void
wd_audit_panel_init (WdAuditPanel *self)
{
  g_autoptr(GtkListItemFactory) factory = gtk_signal_list_item_factory_new ();

  gtk_widget_init_template (GTK_WIDGET (self));

  g_signal_connect (factory, "setup", G_CALLBACK (setup_row), NULL);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_row), NULL);
  g_signal_connect (factory, "unbind", G_CALLBACK (unbind_row), NULL);
  gtk_list_view_set_factory (self->list, factory);

  self->sorted = gtk_sort_list_model_new (NULL, GTK_SORTER (gtk_custom_sorter_new (by_severity, NULL, NULL)));
  self->selection = gtk_no_selection_new (g_object_ref (G_LIST_MODEL (self->sorted)));
  gtk_list_view_set_model (self->list, GTK_SELECTION_MODEL (self->selection));
  gtk_stack_set_visible_child_name (self->stack, "empty");
}

WdAudit *
wd_audit_panel_get_audit (WdAuditPanel *self)
{
  g_return_val_if_fail (WD_IS_AUDIT_PANEL (self), NULL);
  return self->audit;
}

void
wd_audit_panel_set_audit (WdAuditPanel *self,
                          WdAudit      *audit)
{
  g_return_if_fail (WD_IS_AUDIT_PANEL (self));
  g_return_if_fail (!audit || WD_IS_AUDIT (audit));

  if (self->audit != NULL)
    g_signal_handlers_disconnect_by_func (self->audit, update_summary, self);

  if (!g_set_object (&self->audit, audit))
    return;

  gtk_sort_list_model_set_model (self->sorted, audit ? wd_audit_get_findings (audit) : NULL);
  if (audit != NULL)
    {
      /* The counts notify after the model changed: one update per run. */
      g_signal_connect_object (audit, "notify::n-errors", G_CALLBACK (update_summary), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (audit, "notify::n-warnings", G_CALLBACK (update_summary), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (audit, "notify::n-infos", G_CALLBACK (update_summary), self, G_CONNECT_SWAPPED);
      update_summary (self);
    }

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_AUDIT]);
}

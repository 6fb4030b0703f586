/* wd-window-audit.c: the provenance audit in the editor — rerun in a
 * worker as the editor types (throttled: the first change arms a timer,
 * steady typing still gets audits), summed up in the header's badge,
 * listed in the side pane's Audit page, and asked about before export. */
#define G_LOG_DOMAIN "wd-window-audit"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "wd-check-status.h"
#include "wd-ui-util.h"
#include "wd-window-private.h"

/* How long after a change of the document the audit runs, at the latest.
 * The body itself reaches the document on its own throttle (wd-window.c). */
#define AUDIT_DELAY_MS 250

/* The export question lists at most this many errors. */
#define MAX_LISTED 8

/* ----------------------------------------------------------------- badge */

static void
update_badge (WdWindow *self)
{
  guint errors = wd_audit_get_n_errors (self->audit);
  guint warnings = wd_audit_get_n_warnings (self->audit);
  g_autofree char *headline = NULL;
  g_autofree char *summary = NULL;
  g_autofree char *text = NULL;
  g_autofree char *tooltip = NULL;
  g_autofree char *a11y = NULL;
  const WdCheckStatusStyle *style;
  AdwViewStackPage *page;

  for (const char * const *c = _wd_check_status_css_classes (); *c; c++)
    gtk_widget_remove_css_class (self->audit_button, *c);

  page = adw_view_stack_get_page (self->side_stack, GTK_WIDGET (self->audit_panel));

  if (!self->audited)
    {
      gtk_image_set_from_icon_name (self->audit_icon, "content-loading-symbolic");
      gtk_widget_add_css_class (self->audit_button, "dim-label");
      gtk_label_set_text (self->audit_label, _("Provenance"));
      gtk_widget_set_tooltip_text (self->audit_button, _("Auditing the sourcing…"));
      return;
    }

  /* The words lead with the most serious finding; the tooltip and the
   * accessible name add the counts. */
  headline = wd_audit_dup_headline (self->audit);
  summary = wd_audit_dup_summary (self->audit);
  /* TRANSLATORS: the audit badge's tooltip: "Provenance: 2 errors, 3 warnings" */
  text = g_strdup_printf (_("Provenance: %s"), summary);

  if (errors > 0)
    style = _wd_finding_severity_style (WD_FINDING_SEVERITY_ERROR);
  else if (warnings > 0)
    style = _wd_finding_severity_style (WD_FINDING_SEVERITY_WARNING);
  else
    style = _wd_check_status_style (WD_CHECK_STATUS_OK);

  gtk_image_set_from_icon_name (self->audit_icon, style->icon_name);
  gtk_widget_add_css_class (self->audit_button, style->css_class);
  gtk_label_set_text (self->audit_label, headline);

  if (errors > 0)
    tooltip = g_strdup_printf (_("%s. Export asks first while there are errors. Show the findings."), text);
  else
    tooltip = g_strdup_printf (_("%s. Show the findings."), text);
  a11y = g_strdup_printf ("%s: %s", text, headline);
  gtk_widget_set_tooltip_text (self->audit_button, tooltip);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->audit_button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, a11y, -1);

  adw_view_stack_page_set_needs_attention (page, errors > 0);
  adw_view_stack_page_set_badge_number (page, errors + warnings);
}

/* ------------------------------------------------------------------- runs */

/* The quotations the findings are about, underlined; only when the text
 * is still the one audited (else the next audit, already due, marks). */
static void
update_quote_marks (WdWindow *self)
{
  if (self->audited_serial == self->body_serial)
    wd_quote_marks_update (self->quote_marks, wd_audit_get_findings (self->audit));
}

static void start_audit (WdWindow *self);

static void
audit_done (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(WdWindow) self = user_data;
  g_autoptr(GError) error = NULL;
  gboolean published;

  self->audit_running = FALSE;
  published = wd_audit_run_finish (WD_AUDIT (object), result, &error);

  if (_wd_window_closing (self))
    return;

  if (!published && !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    g_warning ("The audit failed: %s", error->message);

  if (published)
    {
      self->audited_serial = self->running_serial;
      update_quote_marks (self);
    }

  if (published && !self->audited)
    {
      self->audited = TRUE;
      update_badge (self);
    }

  if (self->audit_pending)
    {
      self->audit_pending = FALSE;
      _wd_window_schedule_audit (self, FALSE);
    }
}

static void
start_audit (WdWindow *self)
{
  if (self->article == NULL || _wd_window_closing (self))
    return;

  /* One run at a time: a change meanwhile runs again once it is done. */
  if (self->audit_running)
    {
      self->audit_pending = TRUE;
      return;
    }

  _wd_window_sync_body (self);
  self->audit_running = TRUE;
  self->running_serial = self->body_serial;
  wd_audit_run_async (self->audit, self->article, self->cancellable, audit_done, g_object_ref (self));
  _wd_window_refresh_citations (self);
}

static gboolean
audit_timeout (gpointer user_data)
{
  WdWindow *self = user_data;

  self->audit_source = 0;
  start_audit (self);

  return G_SOURCE_REMOVE;
}

void
_wd_window_schedule_audit (WdWindow *self,
                           gboolean  now)
{
  if (now)
    {
      g_clear_handle_id (&self->audit_source, g_source_remove);
      self->audit_source = g_idle_add (audit_timeout, self);
    }
  else if (self->audit_source == 0)
    self->audit_source = g_timeout_add (AUDIT_DELAY_MS, audit_timeout, self);
}

/* ------------------------------------------------------- showing findings */

/* Audits now; unless @always, only when the text changed since the
 * findings were made (their ranges would be off). */
static GListModel *
audit_now (WdWindow *self,
           gboolean  always)
{
  GListModel *findings = wd_audit_get_findings (self->audit);

  if (!always && self->audited && self->audited_serial == self->body_serial)
    return findings;

  _wd_window_sync_body (self);
  findings = wd_audit_run (self->audit, self->article);
  self->audited_serial = self->body_serial;
  update_quote_marks (self);
  if (!self->audited)
    {
      self->audited = TRUE;
      update_badge (self);
    }

  return findings;
}

/* The finding of the current audit that is @finding's: the same one, or
 * the one about the same thing in a text edited since. */
static WdFinding *
current_finding (WdWindow  *self,
                 WdFinding *finding)
{
  GListModel *findings = audit_now (self, FALSE);
  WdFinding *found = NULL;

  for (guint i = 0; i < g_list_model_get_n_items (findings) && found == NULL; i++)
    {
      g_autoptr(WdFinding) f = g_list_model_get_item (findings, i);

      if (f == finding || wd_finding_equal (f, finding))
        found = g_steal_pointer (&f);
    }

  for (guint i = 0; i < g_list_model_get_n_items (findings) && found == NULL; i++)
    {
      g_autoptr(WdFinding) f = g_list_model_get_item (findings, i);

      if (wd_finding_get_code (f) == wd_finding_get_code (finding) &&
          wd_finding_get_paragraph (f) == wd_finding_get_paragraph (finding) &&
          g_strcmp0 (wd_finding_get_source_id (f), wd_finding_get_source_id (finding)) == 0)
        found = g_steal_pointer (&f);
    }

  return found;
}

/* The source a quotation's finding is about: the one it names, else
 * (unverifiable) the first attached source its paragraph cites. */
static WdSource *
quotation_source (WdWindow  *self,
                  WdFinding *finding)
{
  const char *source_id = wd_finding_get_source_id (finding);
  g_autoptr(GArray) citations = NULL;

  if (source_id != NULL)
    return wd_article_find_source_by_id (self->article, source_id);

  wd_citations_scan (wd_article_get_body (self->article), NULL, &citations);
  for (guint i = 0; i < citations->len; i++)
    {
      const WdCitation *c = &g_array_index (citations, WdCitation, i);
      WdSource *source;

      if ((int) c->paragraph == wd_finding_get_paragraph (finding) &&
          (source = wd_article_find_source_by_id (self->article, c->source_id)) != NULL)
        return source;
    }
  return NULL;
}

/* A quotation's finding shows the source's wording: the capture the
 * verdict was made on (the baseline for one removed since), the
 * quotation highlighted in it. */
static void
show_quotation_source (WdWindow  *self,
                       WdFinding *finding)
{
  const char * const *items = wd_finding_get_items (finding);
  WdSourceDialogCapture capture = WD_SOURCE_DIALOG_CAPTURE_LATEST;
  WdSourceDialog *dialog;
  WdSource *source;

  if (items[0] == NULL)
    return;
  if ((source = quotation_source (self, finding)) == NULL)
    {
      _wd_window_toast (self, _("The quotation’s paragraph cites no attached source: "
                                "there is no capture to show it in"));
      return;
    }

  /* The items: the quotation, then the source's words when there are some.
   * Removed: the quotation stands word for word in the baseline, and the
   * words given are what the latest capture says instead. */
  if (wd_finding_get_code (finding) == WD_FINDING_CODE_QUOTE_REMOVED)
    capture = WD_SOURCE_DIALOG_CAPTURE_BASELINE;
  dialog = wd_sources_pane_show_details (self->sources_pane, source);
  wd_source_dialog_show_quotation (dialog, capture, items[0],
                                   capture == WD_SOURCE_DIALOG_CAPTURE_BASELINE ? NULL : items[1]);
}

static void
on_finding_activated (WdWindow  *self,
                      WdFinding *activated)
{
  g_autoptr(WdFinding) finding = current_finding (self, activated);
  const char *source_id;
  WdSource *source = NULL;
  gsize start, end;

  /* Gone with the edits that fixed it. */
  if (finding == NULL)
    return;

  source_id = wd_finding_get_source_id (finding);

  if (wd_finding_get_char_range (finding, &start, &end))
    {
      _wd_window_select_body_range (self, start, end);
      /* quote-not-found, quote-altered, …: the stable codes. */
      if (g_str_has_prefix (wd_finding_get_code_nick (finding), "quote-"))
        show_quotation_source (self, finding);
      return;
    }

  if (source_id != NULL && self->article != NULL)
    source = wd_article_find_source_by_id (self->article, source_id);

  /* A source's finding shows its row; one about the whole article the
   * sources it counted. */
  adw_view_stack_set_visible_child_name (self->side_stack, "sources");
  if (source != NULL)
    wd_sources_pane_reveal_source (self->sources_pane, source);
}

static void
show_audit (WdWindow *self)
{
  adw_flap_set_reveal_flap (self->flap, TRUE);
  adw_view_stack_set_visible_child_name (self->side_stack, "audit");
}

static void
show_audit_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  show_audit (WD_WINDOW (widget));
}

/* ----------------------------------------------------- asking before export */

typedef struct
{
  WdWindowContinuation next;
} Pending;

static void
audit_first_response (AdwMessageDialog *dialog,
                      const char       *response,
                      WdWindow         *self)
{
  Pending *pending = g_object_get_data (G_OBJECT (dialog), "wd-pending");

  if (g_str_equal (response, "continue"))
    pending->next (self);
  else if (g_str_equal (response, "review"))
    show_audit (self);
}

void
_wd_window_audit_first (WdWindow             *self,
                        const char           *heading,
                        const char           *go_label,
                        WdWindowContinuation  next)
{
  GListModel *findings;
  g_autoptr(GString) body = g_string_new (NULL);
  AdwMessageDialog *dialog;
  Pending *pending;
  guint errors, listed = 0;

  /* Cheap enough to run here (docs/BENCHMARKS.md), and the badge and the
   * panel then say the same as the question. */
  findings = audit_now (self, TRUE);

  errors = wd_audit_get_n_errors (self->audit);
  if (errors == 0)
    {
      next (self);
      return;
    }

  g_string_append_printf (body, ngettext ("The provenance audit found %u error:",
                                          "The provenance audit found %u errors:", errors), errors);
  for (guint i = 0; i < g_list_model_get_n_items (findings) && listed < MAX_LISTED; i++)
    {
      g_autoptr(WdFinding) finding = g_list_model_get_item (findings, i);

      if (wd_finding_get_severity (finding) != WD_FINDING_SEVERITY_ERROR)
        continue;
      g_string_append_printf (body, "\n• %s", wd_finding_get_message (finding));
      listed++;
    }
  if (errors > listed)
    g_string_append_printf (body, ngettext ("\n…and %u more.", "\n…and %u more.", errors - listed),
                            errors - listed);

  dialog = _wd_ask (GTK_WINDOW (self), heading, body->str,
                    "cancel", _("_Cancel"),
                    "continue", go_label,
                    "review", _("_Show Findings"), TRUE,
                    G_CALLBACK (audit_first_response), self);
  pending = g_new0 (Pending, 1);
  pending->next = next;
  g_object_set_data_full (G_OBJECT (dialog), "wd-pending", pending, g_free);
}

/* ------------------------------------------------------------------ setup */

static void
on_setting_changed (WdWindow *self)
{
  _wd_window_schedule_audit (self, TRUE);
}

/* The settings, once the window has its application's. */
void
_wd_window_bind_audit_settings (WdWindow *self)
{
  if (self->settings == NULL)
    return;

  g_settings_bind (self->settings, "audit-stale-days", self->audit, "stale-days", G_SETTINGS_BIND_GET);
  g_settings_bind (self->settings, "audit-min-sources", self->audit, "min-independent-sources",
                   G_SETTINGS_BIND_GET);
  g_signal_connect_object (self->audit, "notify::stale-days", G_CALLBACK (on_setting_changed),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->audit, "notify::min-independent-sources", G_CALLBACK (on_setting_changed),
                           self, G_CONNECT_SWAPPED);
}

void
_wd_window_init_audit (WdWindow *self)
{
  self->audit = wd_audit_new ();
  self->quote_marks = wd_quote_marks_new (GTK_TEXT_VIEW (self->body));
  wd_audit_panel_set_audit (self->audit_panel, self->audit);

  g_signal_connect_object (self->audit_panel, "finding-activated",
                           G_CALLBACK (on_finding_activated), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->audit, "notify::n-errors", G_CALLBACK (update_badge), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->audit, "notify::n-warnings", G_CALLBACK (update_badge), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->audit, "notify::n-infos", G_CALLBACK (update_badge), self, G_CONNECT_SWAPPED);
  update_badge (self);
}

void
_wd_window_class_init_audit (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "win.show-audit", NULL, show_audit_action);
}

/* wd-window-check.c: "Check sources" — every verdict lands in its row as
 * it arrives; the header shows "n of m" and Cancel stops at once. */
#define G_LOG_DOMAIN "wd-window-check"

#include "config.h"

#include <glib/gi18n.h>

#include "wd-check-runner.h"
#include "wd-ui-util.h"
#include "wd-window-private.h"

typedef struct
{
  WdWindow  *self;
  GPtrArray *sources;
} CheckRun;

static void
check_run_free (CheckRun *run)
{
  g_clear_object (&run->self);
  g_clear_pointer (&run->sources, g_ptr_array_unref);
  g_free (run);
}

static void
update_progress (WdWindow *self)
{
  g_autofree char *text = NULL;

  /* TRANSLATORS: check progress in the header bar: "3 of 12" */
  text = g_strdup_printf (_("%u of %u"), self->check_done, self->check_total);
  gtk_label_set_text (self->check_progress_label, text);
}

void
_wd_window_update_check_actions (WdWindow *self)
{
  gboolean running = self->check_cancellable != NULL;
  gboolean any = self->article != NULL && wd_article_get_n_sources (self->article) > 0;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.check-sources", any && !running);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.check-source", !running);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.cancel-check", running);

  gtk_stack_set_visible_child_name (self->check_stack, running ? "running" : "idle");
  gtk_spinner_set_spinning (self->check_spinner, running);
}

static void
on_verdict (WdSource      *source,
            WdCheckResult *result,
            gpointer       user_data)
{
  CheckRun *run = user_data;
  WdWindow *self = run->self;

  /* The runner stored the result in the source: the row shows it and
   * the document is dirty already. */
  wd_sources_pane_set_checking (self->sources_pane, source, FALSE);
  self->check_done++;
  update_progress (self);
}

static void
check_done_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  CheckRun *run = user_data;
  WdWindow *self = run->self;
  g_autoptr(GError) error = NULL;

  if (!_wd_check_runner_run_finish (result, &error) &&
      !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    _wd_window_toast (self, error->message);
  else if (error == NULL)
    {
      /* What the sources said now: the quotations are checked against it. */
      if (_wd_check_runner_get_evidence_problem (result) != NULL)
        {
          /* Ahead of the toasts waiting: pages are no longer kept. */
          AdwToast *toast = _wd_toast_new (_wd_check_runner_get_evidence_problem (result));

          adw_toast_set_priority (toast, ADW_TOAST_PRIORITY_HIGH);
          adw_toast_overlay_add_toast (self->toasts, toast);
        }
      _wd_window_load_evidence (self);
    }

  for (guint i = 0; i < run->sources->len; i++)
    wd_sources_pane_set_checking (self->sources_pane, g_ptr_array_index (run->sources, i), FALSE);

  /* A run cancelled and replaced must not clear its successor's state. */
  if (self->check_cancellable != NULL && g_object_get_data (G_OBJECT (self->check_cancellable), "run") == run)
    {
      g_autofree char *message = NULL;
      guint attention = 0;

      for (guint i = 0; i < run->sources->len; i++)
        if (!wd_check_status_is_good (wd_source_get_check_status (g_ptr_array_index (run->sources, i))))
          attention++;

      g_clear_object (&self->check_cancellable);
      if (attention == 0)
        message = g_strdup_printf (ngettext ("Checked %u source: all fine", "Checked %u sources: all fine",
                                             self->check_done), self->check_done);
      else
        /* TRANSLATORS: "Checked 5 sources; 2 need attention": the plural
         * follows the second number */
        message = g_strdup_printf (ngettext ("Checked %u sources; %u needs attention",
                                             "Checked %u sources; %u need attention", attention),
                                   self->check_done, attention);
      if (error == NULL)
        _wd_window_toast (self, message);
      _wd_window_update_check_actions (self);
    }

  check_run_free (run);
}

static void
start_check (WdWindow  *self,
             GPtrArray *sources)
{
  CheckRun *run;
  g_autofree char *package = NULL;
  guint timeout = 15, concurrency = 6;
  guint64 evidence_limit = 0;

  if (self->check_cancellable != NULL || sources->len == 0)
    return;

  run = g_new0 (CheckRun, 1);
  run->self = g_object_ref (self);
  run->sources = g_ptr_array_ref (sources);

  self->check_cancellable = g_cancellable_new ();
  g_object_set_data (G_OBJECT (self->check_cancellable), "run", run);
  self->check_done = 0;
  self->check_total = sources->len;

  for (guint i = 0; i < sources->len; i++)
    wd_sources_pane_set_checking (self->sources_pane, g_ptr_array_index (sources, i), TRUE);

  if (self->settings != NULL)
    {
      timeout = g_settings_get_uint (self->settings, "check-timeout");
      concurrency = g_settings_get_uint (self->settings, "check-concurrency");
      /* Megabytes, decimal, as the command line counts them. */
      evidence_limit = (guint64) g_settings_get_uint (self->settings, "evidence-limit-mb") * 1000 * 1000;
    }

  update_progress (self);
  _wd_window_update_check_actions (self);

  package = _wd_window_dup_evidence_path (self);
  _wd_check_runner_run_async (sources, timeout, concurrency, package, evidence_limit,
                              self->check_cancellable,
                              on_verdict, run, check_done_cb, run);
}

void
_wd_window_cancel_check (WdWindow *self)
{
  if (self->check_cancellable == NULL)
    return;

  g_cancellable_cancel (self->check_cancellable);
  g_clear_object (&self->check_cancellable);

  if (self->article != NULL)
    for (guint i = 0; i < wd_article_get_n_sources (self->article); i++)
      wd_sources_pane_set_checking (self->sources_pane, wd_article_get_source (self->article, i), FALSE);

  if (self->check_stack != NULL)
    _wd_window_update_check_actions (self);
}

static void
check_sources_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  WdWindow *self = WD_WINDOW (widget);
  g_autoptr(GPtrArray) sources = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; i < wd_article_get_n_sources (self->article); i++)
    g_ptr_array_add (sources, g_object_ref (wd_article_get_source (self->article, i)));

  start_check (self, sources);
}

static void
check_source_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  WdWindow *self = WD_WINDOW (widget);
  WdSource *source = wd_article_find_source_by_id (self->article, g_variant_get_string (parameter, NULL));
  g_autoptr(GPtrArray) sources = g_ptr_array_new_with_free_func (g_object_unref);

  if (source == NULL)
    return;

  g_ptr_array_add (sources, g_object_ref (source));
  start_check (self, sources);
}

static void
cancel_check_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  WdWindow *self = WD_WINDOW (widget);

  _wd_window_cancel_check (self);
  _wd_window_toast (self, _("Check cancelled"));
}

void
_wd_window_class_init_check (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "win.check-sources", NULL, check_sources_action);
  gtk_widget_class_install_action (widget_class, "win.check-source", "s", check_source_action);
  gtk_widget_class_install_action (widget_class, "win.cancel-check", NULL, cancel_check_action);
}

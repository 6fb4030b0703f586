#define G_LOG_DOMAIN "wd-audit"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "wd-audit-private.h"
#include "wd-finding-private.h"

struct _WdAudit
{
  GObject      parent_instance;

  guint        stale_days;
  guint        min_independent;
  GDateTime   *now;
  WdQuoteTexts *quote_texts;

  GListStore  *findings;
  guint        counts[WD_FINDING_SEVERITY_ERROR + 1];
  guint        generation;
};

G_DEFINE_FINAL_TYPE (WdAudit, wd_audit, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_STALE_DAYS,
  PROP_MIN_INDEPENDENT_SOURCES,
  PROP_NOW,
  PROP_FINDINGS,
  PROP_N_ERRORS,
  PROP_N_WARNINGS,
  PROP_N_INFOS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* ------------------------------------------------------------- snapshot */

static void
clear_source (gpointer data)
{
  WdAuditSource *s = data;

  g_free (s->id);
  g_free (s->name);
  g_free (s->url);
  g_free (s->final_url);
  g_free (s->canonical);
  g_free (s->checked_at);
  g_free (s->published);
  g_free (s->content_sha256);
  g_free (s->baseline_sha256);
}

WdAuditInput *
_wd_audit_input_new (WdArticle *article,
                     GDateTime *now,
                     guint      stale_days,
                     guint      min_independent)
{
  WdAuditInput *input = g_new0 (WdAuditInput, 1);
  guint n = wd_article_get_n_sources (article);

  input->body = g_strdup (wd_article_get_body (article));
  input->dateline = g_strdup (wd_article_get_dateline (article));
  input->created = g_strdup (wd_article_get_created (article));
  input->now = now != NULL ? g_date_time_ref (now) : g_date_time_new_now_utc ();
  input->stale_days = stale_days;
  input->min_independent = min_independent;
  input->sources = g_array_sized_new (FALSE, TRUE, sizeof (WdAuditSource), n);
  g_array_set_clear_func (input->sources, clear_source);

  for (guint i = 0; i < n; i++)
    {
      WdSource *source = wd_article_get_source (article, i);
      WdCheckResult *check = wd_source_get_check (source);
      WdAuditSource s = { 0 };

      s.id = g_strdup (wd_source_get_id (source));
      /* Messages name a source by its label or title, else by its whole
       * URL: three posts on t.me are not told apart by their host. */
      if (wd_source_get_label (source) != NULL && *wd_source_get_label (source) != '\0')
        s.name = g_strdup (wd_source_get_label (source));
      else if (check != NULL && wd_check_result_get_title (check) != NULL)
        s.name = g_strdup (wd_check_result_get_title (check));
      else
        s.name = g_strdup (wd_source_get_url (source));
      s.url = g_strdup (wd_source_get_url (source));
      s.kind = wd_source_get_kind (source);
      s.status = wd_source_get_check_status (source);
      s.checked = check != NULL && s.status != WD_CHECK_STATUS_UNCHECKED;
      s.baseline_sha256 = g_strdup (wd_source_get_baseline_sha256 (source));
      if (check != NULL)
        {
          s.http_status = wd_check_result_get_http_status (check);
          s.final_url = g_strdup (wd_check_result_get_final_url (check));
          s.canonical = g_strdup (wd_check_result_get_canonical (check));
          s.checked_at = g_strdup (wd_check_result_get_checked_at (check));
          s.published = g_strdup (wd_check_result_get_published (check));
          s.content_sha256 = g_strdup (wd_check_result_get_content_sha256 (check));
        }
      g_array_append_val (input->sources, s);
    }

  return input;
}

void
_wd_audit_input_free (WdAuditInput *input)
{
  if (input == NULL)
    return;

  g_free (input->body);
  g_free (input->dateline);
  g_free (input->created);
  g_clear_pointer (&input->sources, g_array_unref);
  g_clear_pointer (&input->now, g_date_time_unref);
  g_clear_pointer (&input->quote_texts, wd_quote_texts_unref);
  g_free (input);
}

/* -------------------------------------------------------------- GObject */

static void
wd_audit_dispose (GObject *object)
{
  WdAudit *self = (WdAudit *)object;

  g_clear_object (&self->findings);
  g_clear_pointer (&self->now, g_date_time_unref);
  g_clear_pointer (&self->quote_texts, wd_quote_texts_unref);

  G_OBJECT_CLASS (wd_audit_parent_class)->dispose (object);
}

static void
wd_audit_get_property (GObject    *object,
                       guint       prop_id,
                       GValue     *value,
                       GParamSpec *pspec)
{
  WdAudit *self = WD_AUDIT (object);

  switch (prop_id)
    {
    case PROP_STALE_DAYS:
      g_value_set_uint (value, self->stale_days);
      break;
    case PROP_MIN_INDEPENDENT_SOURCES:
      g_value_set_uint (value, self->min_independent);
      break;
    case PROP_NOW:
      g_value_set_boxed (value, self->now);
      break;
    case PROP_FINDINGS:
      g_value_set_object (value, self->findings);
      break;
    case PROP_N_ERRORS:
      g_value_set_uint (value, self->counts[WD_FINDING_SEVERITY_ERROR]);
      break;
    case PROP_N_WARNINGS:
      g_value_set_uint (value, self->counts[WD_FINDING_SEVERITY_WARNING]);
      break;
    case PROP_N_INFOS:
      g_value_set_uint (value, self->counts[WD_FINDING_SEVERITY_INFO]);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
wd_audit_set_property (GObject      *object,
                       guint         prop_id,
                       const GValue *value,
                       GParamSpec   *pspec)
{
  WdAudit *self = WD_AUDIT (object);

  switch (prop_id)
    {
    case PROP_STALE_DAYS:
      wd_audit_set_stale_days (self, g_value_get_uint (value));
      break;
    case PROP_MIN_INDEPENDENT_SOURCES:
      wd_audit_set_min_independent_sources (self, g_value_get_uint (value));
      break;
    case PROP_NOW:
      wd_audit_set_now (self, g_value_get_boxed (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
wd_audit_class_init (WdAuditClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  const GParamFlags rw = G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;
  const GParamFlags ro = G_PARAM_READABLE | G_PARAM_STATIC_STRINGS;

  object_class->dispose = wd_audit_dispose;
  object_class->get_property = wd_audit_get_property;
  object_class->set_property = wd_audit_set_property;

  properties[PROP_STALE_DAYS] =
    g_param_spec_uint ("stale-days", NULL, NULL,
                       WD_AUDIT_MIN_STALE_DAYS, WD_AUDIT_MAX_STALE_DAYS,
                       WD_AUDIT_DEFAULT_STALE_DAYS, rw);
  properties[PROP_MIN_INDEPENDENT_SOURCES] =
    g_param_spec_uint ("min-independent-sources", NULL, NULL,
                       WD_AUDIT_MIN_MIN_INDEPENDENT, WD_AUDIT_MAX_MIN_INDEPENDENT,
                       WD_AUDIT_DEFAULT_MIN_INDEPENDENT, rw);
  properties[PROP_NOW] = g_param_spec_boxed ("now", NULL, NULL, G_TYPE_DATE_TIME, rw);
  properties[PROP_FINDINGS] =
    g_param_spec_object ("findings", NULL, NULL, G_TYPE_LIST_MODEL, ro);
  properties[PROP_N_ERRORS] = g_param_spec_uint ("n-errors", NULL, NULL, 0, G_MAXUINT, 0, ro);
  properties[PROP_N_WARNINGS] = g_param_spec_uint ("n-warnings", NULL, NULL, 0, G_MAXUINT, 0, ro);
  properties[PROP_N_INFOS] = g_param_spec_uint ("n-infos", NULL, NULL, 0, G_MAXUINT, 0, ro);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
wd_audit_init (WdAudit *self)
{
  self->stale_days = WD_AUDIT_DEFAULT_STALE_DAYS;
  self->min_independent = WD_AUDIT_DEFAULT_MIN_INDEPENDENT;
  self->findings = g_list_store_new (WD_TYPE_FINDING);
}

WdAudit *
wd_audit_new (void)
{
  return g_object_new (WD_TYPE_AUDIT, NULL);
}

guint
wd_audit_get_stale_days (WdAudit *self)
{
  g_return_val_if_fail (WD_IS_AUDIT (self), 0);
  return self->stale_days;
}

void
wd_audit_set_stale_days (WdAudit *self,
                         guint    days)
{
  g_return_if_fail (WD_IS_AUDIT (self));
  g_return_if_fail (days >= WD_AUDIT_MIN_STALE_DAYS && days <= WD_AUDIT_MAX_STALE_DAYS);

  if (self->stale_days != days)
    {
      self->stale_days = days;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STALE_DAYS]);
    }
}

guint
wd_audit_get_min_independent_sources (WdAudit *self)
{
  g_return_val_if_fail (WD_IS_AUDIT (self), 0);
  return self->min_independent;
}

void
wd_audit_set_min_independent_sources (WdAudit *self,
                                      guint    n)
{
  g_return_if_fail (WD_IS_AUDIT (self));
  g_return_if_fail (n >= WD_AUDIT_MIN_MIN_INDEPENDENT && n <= WD_AUDIT_MAX_MIN_INDEPENDENT);

  if (self->min_independent != n)
    {
      self->min_independent = n;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MIN_INDEPENDENT_SOURCES]);
    }
}

GDateTime *
wd_audit_get_now (WdAudit *self)
{
  g_return_val_if_fail (WD_IS_AUDIT (self), NULL);
  return self->now;
}

void
wd_audit_set_now (WdAudit   *self,
                  GDateTime *now)
{
  g_return_if_fail (WD_IS_AUDIT (self));

  if (self->now == now || (self->now != NULL && now != NULL && g_date_time_equal (self->now, now)))
    return;

  g_clear_pointer (&self->now, g_date_time_unref);
  if (now != NULL)
    self->now = g_date_time_ref (now);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_NOW]);
}

GListModel *
wd_audit_get_findings (WdAudit *self)
{
  g_return_val_if_fail (WD_IS_AUDIT (self), NULL);
  return G_LIST_MODEL (self->findings);
}

guint
wd_audit_get_n_errors (WdAudit *self)
{
  g_return_val_if_fail (WD_IS_AUDIT (self), 0);
  return self->counts[WD_FINDING_SEVERITY_ERROR];
}

guint
wd_audit_get_n_warnings (WdAudit *self)
{
  g_return_val_if_fail (WD_IS_AUDIT (self), 0);
  return self->counts[WD_FINDING_SEVERITY_WARNING];
}

guint
wd_audit_get_n_infos (WdAudit *self)
{
  g_return_val_if_fail (WD_IS_AUDIT (self), 0);
  return self->counts[WD_FINDING_SEVERITY_INFO];
}

char *
wd_audit_dup_summary (WdAudit *self)
{
  g_autoptr(GPtrArray) parts = g_ptr_array_new_with_free_func (g_free);
  guint errors, warnings, infos;

  g_return_val_if_fail (WD_IS_AUDIT (self), NULL);

  errors = self->counts[WD_FINDING_SEVERITY_ERROR];
  warnings = self->counts[WD_FINDING_SEVERITY_WARNING];
  infos = self->counts[WD_FINDING_SEVERITY_INFO];

  if (errors + warnings + infos == 0)
    return g_strdup (_("No problems found"));

  if (errors > 0)
    g_ptr_array_add (parts, g_strdup_printf (ngettext ("%u error", "%u errors", errors), errors));
  if (warnings > 0)
    g_ptr_array_add (parts, g_strdup_printf (ngettext ("%u warning", "%u warnings", warnings), warnings));
  if (infos > 0)
    g_ptr_array_add (parts, g_strdup_printf (ngettext ("%u note", "%u notes", infos), infos));
  g_ptr_array_add (parts, NULL);

  /* Translators: the separator between "2 errors", "3 warnings", … */
  return g_strjoinv (_(", "), (char **) parts->pdata);
}

char *
wd_audit_dup_headline (WdAudit *self)
{
  GListModel *model;
  g_autoptr(WdFinding) worst = NULL;
  g_autofree char *lead = NULL;
  const char *message, *colon;
  guint n;

  g_return_val_if_fail (WD_IS_AUDIT (self), NULL);

  model = G_LIST_MODEL (self->findings);
  n = g_list_model_get_n_items (model);
  if (n == 0)
    return g_strdup (_("No problems found"));

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(WdFinding) f = g_list_model_get_item (model, i);

      if (worst == NULL || wd_finding_get_severity (f) > wd_finding_get_severity (worst))
        g_set_object (&worst, f);
    }

  /* "No wire or official source: nothing here comes from…" → its head. */
  message = wd_finding_get_message (worst);
  colon = strstr (message, ": ");
  /* Not after a quoted name ("“t.me/x”: the page is gone"): the name
   * alone says nothing. */
  if (colon != NULL && colon - message >= 8 &&
      !(colon - message >= 3 && strncmp (colon - 3, "”", 3) == 0))
    lead = g_strndup (message, colon - message);
  else
    lead = g_strdup (message);

  if (n == 1)
    return g_steal_pointer (&lead);

  /* TRANSLATORS: the audit badge: the most serious finding, then how
   * many others: "No wire or official source · 26 more" */
  return g_strdup_printf (ngettext ("%s · %u more", "%s · %u more", n - 1), lead, n - 1);
}

/* ------------------------------------------------------------- publish */

/* Replaces the model's findings with @findings, changing only the span
 * between the common beginning and end, then updates the counts.
 *
 * A finding the new audit makes again, only elsewhere, stays the model's
 * object and moves: typing shifts every finding after the cursor, and a
 * new object for each would rebuild each one's row in the Audit page
 * (bench-quote-typing: 60 quotation findings, tens of milliseconds per
 * audit on the main loop). */
static void
publish (WdAudit   *self,
         GPtrArray *findings)
{
  GListModel *model = G_LIST_MODEL (self->findings);
  guint n_old = g_list_model_get_n_items (model);
  guint n_new = findings->len;
  guint common = MIN (n_old, n_new);
  guint prefix = 0, suffix = 0;
  guint counts[G_N_ELEMENTS (self->counts)] = { 0 };

  while (prefix < common)
    {
      g_autoptr(WdFinding) old = g_list_model_get_item (model, prefix);

      if (!_wd_finding_same_but_place (old, g_ptr_array_index (findings, prefix)))
        break;
      prefix++;
    }

  while (suffix < common - prefix)
    {
      g_autoptr(WdFinding) old = g_list_model_get_item (model, n_old - 1 - suffix);

      if (!_wd_finding_same_but_place (old, g_ptr_array_index (findings, n_new - 1 - suffix)))
        break;
      suffix++;
    }

  for (guint i = 0; i < prefix + suffix; i++)
    {
      guint at_new = i < prefix ? i : n_new - (prefix + suffix) + i;
      guint at_old = i < prefix ? i : n_old - (prefix + suffix) + i;
      g_autoptr(WdFinding) old = g_list_model_get_item (model, at_old);

      _wd_finding_take_place (old, g_ptr_array_index (findings, at_new));
    }

  if (prefix + suffix < MAX (n_old, n_new))
    g_list_store_splice (self->findings, prefix, n_old - prefix - suffix,
                         findings->pdata + prefix, n_new - prefix - suffix);

  for (guint i = 0; i < n_new; i++)
    counts[wd_finding_get_severity (g_ptr_array_index (findings, i))]++;

  g_object_freeze_notify (G_OBJECT (self));
  if (counts[WD_FINDING_SEVERITY_ERROR] != self->counts[WD_FINDING_SEVERITY_ERROR])
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_ERRORS]);
  if (counts[WD_FINDING_SEVERITY_WARNING] != self->counts[WD_FINDING_SEVERITY_WARNING])
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_WARNINGS]);
  if (counts[WD_FINDING_SEVERITY_INFO] != self->counts[WD_FINDING_SEVERITY_INFO])
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_INFOS]);
  memcpy (self->counts, counts, sizeof counts);
  g_object_thaw_notify (G_OBJECT (self));
}

GListModel *
wd_audit_run (WdAudit   *self,
              WdArticle *article)
{
  g_autoptr(WdAuditInput) input = NULL;
  g_autoptr(GPtrArray) findings = NULL;

  g_return_val_if_fail (WD_IS_AUDIT (self), NULL);
  g_return_val_if_fail (WD_IS_ARTICLE (article), NULL);

  /* Overtakes any run still in a thread. */
  self->generation++;

  input = _wd_audit_input_new (article, self->now, self->stale_days, self->min_independent);
  if (self->quote_texts != NULL)
    input->quote_texts = wd_quote_texts_ref (self->quote_texts);
  findings = _wd_audit_compute (input);
  publish (self, findings);

  return G_LIST_MODEL (self->findings);
}

static void
run_thread (GTask        *task,
            gpointer      source_object,
            gpointer      task_data,
            GCancellable *cancellable)
{
  WdAuditInput *input = task_data;

  if (g_task_return_error_if_cancelled (task))
    return;

  g_task_return_pointer (task, _wd_audit_compute (input), (GDestroyNotify) g_ptr_array_unref);
}

void
wd_audit_run_async (WdAudit             *self,
                    WdArticle           *article,
                    GCancellable        *cancellable,
                    GAsyncReadyCallback  callback,
                    gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  WdAuditInput *input;

  g_return_if_fail (WD_IS_AUDIT (self));
  g_return_if_fail (WD_IS_ARTICLE (article));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  input = _wd_audit_input_new (article, self->now, self->stale_days, self->min_independent);
  if (self->quote_texts != NULL)
    input->quote_texts = wd_quote_texts_ref (self->quote_texts);
  input->generation = ++self->generation;

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, wd_audit_run_async);
  g_task_set_task_data (task, input, (GDestroyNotify) _wd_audit_input_free);
  g_task_run_in_thread (task, run_thread);
}

gboolean
wd_audit_run_finish (WdAudit       *self,
                     GAsyncResult  *result,
                     GError       **error)
{
  g_autoptr(GPtrArray) findings = NULL;
  WdAuditInput *input;

  g_return_val_if_fail (WD_IS_AUDIT (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == wd_audit_run_async, FALSE);

  findings = g_task_propagate_pointer (G_TASK (result), error);
  if (findings == NULL)
    return FALSE;

  input = g_task_get_task_data (G_TASK (result));
  if (input->generation != self->generation)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_CANCELLED,
                           _("A later audit replaced this one"));
      return FALSE;
    }

  publish (self, findings);
  return TRUE;
}

WdQuoteTexts *
wd_audit_get_quote_texts (WdAudit *self)
{
  g_return_val_if_fail (WD_IS_AUDIT (self), NULL);
  return self->quote_texts;
}

void
wd_audit_set_quote_texts (WdAudit      *self,
                          WdQuoteTexts *texts)
{
  g_return_if_fail (WD_IS_AUDIT (self));

  if (texts != NULL)
    wd_quote_texts_ref (texts);
  g_clear_pointer (&self->quote_texts, wd_quote_texts_unref);
  self->quote_texts = texts;
}

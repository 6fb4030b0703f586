#define G_LOG_DOMAIN "wd-check-status"

#include "config.h"

#include <glib/gi18n.h>

#include "wd-check-status.h"

/* @value when it is an index into a table of @n entries, else @fallback:
 * a value from a newer document never reads past a table. */
static guint
table_index (guint value,
             guint n,
             guint fallback)
{
  return value < n ? value : fallback;
}

static const WdCheckStatusStyle styles[] = {
  [WD_CHECK_STATUS_UNCHECKED] = {
    "content-loading-symbolic", "dim-label", N_("Unchecked"),
    N_("This source has not been checked yet.") },
  [WD_CHECK_STATUS_OK] = {
    "emblem-ok-symbolic", "success", N_("OK"),
    N_("The page answered and looks like the page that was attached.") },
  [WD_CHECK_STATUS_REDIRECTED] = {
    "mail-forward-symbolic", "accent", N_("Redirected"),
    N_("The address now leads to another page, which answered.") },
  [WD_CHECK_STATUS_REDIRECT_ERROR] = {
    "dialog-error-symbolic", "error", N_("Redirect error"),
    N_("The redirects loop, go on too long or lead nowhere valid.") },
  [WD_CHECK_STATUS_NOT_FOUND] = {
    "dialog-error-symbolic", "error", N_("Not found"),
    N_("The server says the page does not exist (404 or 410).") },
  [WD_CHECK_STATUS_SOFT_NOT_FOUND] = {
    "dialog-warning-symbolic", "warning", N_("Soft 404"),
    N_("The server answered, but the page says it is gone or was never there.") },
  [WD_CHECK_STATUS_BLOCKED] = {
    "changes-prevent-symbolic", "warning", N_("Blocked"),
    N_("The site refused the check (401, 403, or a bot wall).") },
  [WD_CHECK_STATUS_RATE_LIMITED] = {
    "appointment-soon-symbolic", "warning", N_("Rate limited"),
    N_("The site asked to slow down (429); try again later.") },
  [WD_CHECK_STATUS_SERVER_ERROR] = {
    "dialog-error-symbolic", "error", N_("Server error"),
    N_("The server failed to answer (5xx).") },
  [WD_CHECK_STATUS_TIMEOUT] = {
    "alarm-symbolic", "warning", N_("Timed out"),
    N_("The server did not answer in time.") },
  [WD_CHECK_STATUS_UNREACHABLE] = {
    "network-offline-symbolic", "error", N_("Unreachable"),
    N_("The host could not be reached (DNS, connection or TLS failure).") },
  [WD_CHECK_STATUS_INVALID] = {
    "action-unavailable-symbolic", "error", N_("Invalid"),
    N_("The address cannot be checked.") },
};

const WdCheckStatusStyle *
_wd_check_status_style (WdCheckStatus status)
{
  return &styles[table_index (status, G_N_ELEMENTS (styles), WD_CHECK_STATUS_INVALID)];
}

const char *
_wd_check_status_label (WdCheckStatus status)
{
  return _(_wd_check_status_style (status)->label);
}

const char *
_wd_check_status_description (WdCheckStatus status)
{
  return _(_wd_check_status_style (status)->description);
}

const char * const *
_wd_check_status_css_classes (void)
{
  static const char * const classes[] = {
    "success", "warning", "error", "accent", "dim-label", NULL
  };

  return classes;
}

static const WdCheckStatusStyle severity_styles[] = {
  [WD_FINDING_SEVERITY_INFO] = {
    "dialog-information-symbolic", "accent", NC_("finding severity", "Note"),
    N_("Worth knowing; nothing needs doing.") },
  [WD_FINDING_SEVERITY_WARNING] = {
    "dialog-warning-symbolic", "warning", NC_("finding severity", "Warning"),
    N_("Sourcing to look at before publishing.") },
  [WD_FINDING_SEVERITY_ERROR] = {
    "dialog-error-symbolic", "error", NC_("finding severity", "Error"),
    N_("Something is wrong: export and publish ask first.") },
};

const WdCheckStatusStyle *
_wd_finding_severity_style (WdFindingSeverity severity)
{
  return &severity_styles[table_index (severity, G_N_ELEMENTS (severity_styles), WD_FINDING_SEVERITY_ERROR)];
}

const char *
_wd_finding_severity_label (WdFindingSeverity severity)
{
  return g_dpgettext2 (NULL, "finding severity", _wd_finding_severity_style (severity)->label);
}

static const char * const kind_labels[] = {
  [WD_SOURCE_KIND_WIRE] = N_("Wire"),
  [WD_SOURCE_KIND_SOCIAL] = N_("Social"),
  [WD_SOURCE_KIND_REFERENCE] = N_("Reference"),
  [WD_SOURCE_KIND_OFFICIAL] = N_("Official"),
  [WD_SOURCE_KIND_NEWS] = N_("News"),
  [WD_SOURCE_KIND_OTHER] = N_("Other"),
};

static const char * const article_status_labels[] = {
  [WD_ARTICLE_STATUS_DRAFT] = N_("Draft"),
  [WD_ARTICLE_STATUS_IN_REVIEW] = N_("In review"),
  [WD_ARTICLE_STATUS_READY] = N_("Ready"),
  [WD_ARTICLE_STATUS_PUBLISHED] = N_("Published"),
};

const char *
_wd_source_kind_label (WdSourceKind kind)
{
  return _(kind_labels[table_index (kind, G_N_ELEMENTS (kind_labels), WD_SOURCE_KIND_OTHER)]);
}

const char *
_wd_article_status_label (WdArticleStatus status)
{
  return _(article_status_labels[table_index (status, G_N_ELEMENTS (article_status_labels),
                                              WD_ARTICLE_STATUS_DRAFT)]);
}

static GListModel *
translated_list (const char * const *labels,
                 guint               n)
{
  GtkStringList *list = gtk_string_list_new (NULL);

  for (guint i = 0; i < n; i++)
    gtk_string_list_append (list, _(labels[i]));

  return G_LIST_MODEL (list);
}

GListModel *
_wd_source_kind_model (void)
{
  return translated_list (kind_labels, G_N_ELEMENTS (kind_labels));
}

GListModel *
_wd_article_status_model (void)
{
  return translated_list (article_status_labels, G_N_ELEMENTS (article_status_labels));
}

char *
_wd_format_timestamp (const char *iso8601)
{
  g_autoptr(GDateTime) utc = NULL;
  g_autoptr(GDateTime) local = NULL;

  if (iso8601 == NULL || *iso8601 == '\0')
    return NULL;

  utc = g_date_time_new_from_iso8601 (iso8601, NULL);
  if (utc == NULL)
    return g_strdup (iso8601);

  local = g_date_time_to_local (utc);
  /* TRANSLATORS: a date and time, see g_date_time_format() */
  return g_date_time_format (local, _("%-d %b %Y, %H:%M"));
}

char *
_wd_format_timestamp_short (const char *iso8601)
{
  g_autoptr(GDateTime) utc = NULL;
  g_autoptr(GDateTime) local = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();

  if (iso8601 == NULL || *iso8601 == '\0')
    return NULL;

  utc = g_date_time_new_from_iso8601 (iso8601, NULL);
  if (utc == NULL)
    return g_strdup (iso8601);

  local = g_date_time_to_local (utc);
  if (g_date_time_get_year (local) == g_date_time_get_year (now) &&
      g_date_time_get_day_of_year (local) == g_date_time_get_day_of_year (now))
    /* TRANSLATORS: a time today, see g_date_time_format() */
    return g_date_time_format (local, _("%H:%M"));
  if (g_date_time_get_year (local) == g_date_time_get_year (now))
    /* TRANSLATORS: a day this year, see g_date_time_format() */
    return g_date_time_format (local, _("%-d %b"));

  /* TRANSLATORS: a day in another year, see g_date_time_format() */
  return g_date_time_format (local, _("%-d %b %Y"));
}

/* wd-check-status.h: how the editor shows a checker verdict — an icon, a
 * colour class and a word, so that colour never carries meaning alone. */
#pragma once

#include <gtk/gtk.h>

#include "wiredesk-core.h"

G_BEGIN_DECLS

typedef struct
{
  const char *icon_name;
  const char *css_class;    /* "success", "warning", "error", "accent", "dim-label" */
  const char *label;        /* untranslated (N_()); use _wd_check_status_label() or
                             * _wd_finding_severity_label() (context "finding severity") */
  const char *description;  /* untranslated (N_()) */
} WdCheckStatusStyle;

const WdCheckStatusStyle *_wd_check_status_style       (WdCheckStatus  status);
const char               *_wd_check_status_label       (WdCheckStatus  status);
const char               *_wd_check_status_description (WdCheckStatus  status);
const char * const       *_wd_check_status_css_classes (void);

/* How the audit's findings show their severity: the same three parts. */
const WdCheckStatusStyle *_wd_finding_severity_style   (WdFindingSeverity severity);
const char               *_wd_finding_severity_label   (WdFindingSeverity severity);

const char               *_wd_source_kind_label        (WdSourceKind   kind);
/* A GtkStringList of the kinds' labels, in enum order. */
GListModel               *_wd_source_kind_model        (void);
const char               *_wd_article_status_label     (WdArticleStatus status);
GListModel               *_wd_article_status_model     (void);

/* "3 Nov 2026, 19:05" in local time from an ISO 8601 stamp, or NULL. */
char                     *_wd_format_timestamp         (const char    *iso8601);
/* "19:05" today, "3 Nov" this year, "3 Nov 2025" before. */
char                     *_wd_format_timestamp_short   (const char    *iso8601);

G_END_DECLS

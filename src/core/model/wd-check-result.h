/* wd-check-result.h: what one check of one URL found. */
#pragma once

#include <glib-object.h>

#include "wd-types.h"

G_BEGIN_DECLS

#define WD_TYPE_CHECK_RESULT (wd_check_result_get_type ())

G_DECLARE_FINAL_TYPE (WdCheckResult, wd_check_result, WD, CHECK_RESULT, GObject)

/* TRUE for the verdicts that found the page (OK, or at the end of its
 * redirects): the one rule for "this source is fine". */
gboolean       wd_check_status_is_good            (WdCheckStatus  status);

WdCheckResult *wd_check_result_new                (WdCheckStatus  status);
WdCheckResult *wd_check_result_copy               (WdCheckResult *self);
gboolean       wd_check_result_equal              (WdCheckResult *a,
                                                   WdCheckResult *b);

WdCheckStatus  wd_check_result_get_status         (WdCheckResult *self);
void           wd_check_result_set_status         (WdCheckResult *self,
                                                   WdCheckStatus  status);
guint          wd_check_result_get_http_status    (WdCheckResult *self);
void           wd_check_result_set_http_status    (WdCheckResult *self,
                                                   guint          http_status);
guint          wd_check_result_get_redirects      (WdCheckResult *self);
void           wd_check_result_set_redirects      (WdCheckResult *self,
                                                   guint          redirects);
gint64         wd_check_result_get_elapsed_ms     (WdCheckResult *self);
void           wd_check_result_set_elapsed_ms     (WdCheckResult *self,
                                                   gint64         elapsed_ms);

/* The text fields, by the name of their property. */
const char    *wd_check_result_get_final_url      (WdCheckResult *self);
const char    *wd_check_result_get_checked_at     (WdCheckResult *self);
const char    *wd_check_result_get_title          (WdCheckResult *self);
const char    *wd_check_result_get_site_name      (WdCheckResult *self);
/* The authors joined with ", ", for display; the names one by one are
 * wd_check_result_get_authors(). */
const char    *wd_check_result_get_author         (WdCheckResult *self);
const char    *wd_check_result_get_published      (WdCheckResult *self);
const char    *wd_check_result_get_canonical      (WdCheckResult *self);
const char    *wd_check_result_get_language       (WdCheckResult *self);
const char    *wd_check_result_get_content_sha256 (WdCheckResult *self);
const char    *wd_check_result_get_detail         (WdCheckResult *self);

/* The page's authors, one name each (NULL-terminated), or NULL. Setting
 * them sets the "author" text too; setting the "author" text makes it the
 * one name. */
const char * const *wd_check_result_get_authors   (WdCheckResult      *self);
void           wd_check_result_set_authors        (WdCheckResult      *self,
                                                   const char * const *authors);

/* Set a text field ("final-url", "title", …); NULL or "" clears it. */
void           wd_check_result_set_text           (WdCheckResult *self,
                                                   const char    *property,
                                                   const char    *value);
const char    *wd_check_result_get_text           (WdCheckResult *self,
                                                   const char    *property);

/* The names of the text properties, NULL-terminated, in file order. */
const char * const *wd_check_result_text_fields   (void);

G_END_DECLS

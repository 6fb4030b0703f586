/* wd-source.h: one URL an article rests on, and what its last check found. */
#pragma once

#include <glib-object.h>

#include "wd-check-result.h"
#include "wd-types.h"

G_BEGIN_DECLS

#define WD_TYPE_SOURCE (wd_source_get_type ())

G_DECLARE_FINAL_TYPE (WdSource, wd_source, WD, SOURCE, GObject)

/* @url must already be normalised (see wd_url_normalize()); the kind is
 * suggested from it and a fresh id and attached_at are assigned. */
WdSource      *wd_source_new                 (const char    *url);

const char    *wd_source_get_id              (WdSource      *self);
const char    *wd_source_get_url             (WdSource      *self);
void           wd_source_set_url             (WdSource      *self,
                                              const char    *url);
const char    *wd_source_get_label           (WdSource      *self);
void           wd_source_set_label           (WdSource      *self,
                                              const char    *label);
WdSourceKind   wd_source_get_kind            (WdSource      *self);
void           wd_source_set_kind            (WdSource      *self,
                                              WdSourceKind   kind);
const char    *wd_source_get_attached_at     (WdSource      *self);
void           wd_source_set_attached_at     (WdSource      *self,
                                              const char    *attached_at);
const char    *wd_source_get_note            (WdSource      *self);
void           wd_source_set_note            (WdSource      *self,
                                              const char    *note);

/* The last check's result, or NULL when never checked. A result is
 * replaced as a whole, never changed in place once set. */
WdCheckResult *wd_source_get_check           (WdSource      *self);
void           wd_source_set_check           (WdSource      *self,
                                              WdCheckResult *check);
WdCheckStatus  wd_source_get_check_status    (WdSource      *self);

/* What the page said the first time it was checked successfully. */
const char    *wd_source_get_baseline_title  (WdSource      *self);
const char    *wd_source_get_baseline_sha256 (WdSource      *self);
void           wd_source_set_baseline        (WdSource      *self,
                                              const char    *title,
                                              const char    *content_sha256);

/* A short name for lists: the label, else the checked title, else the host. */
char          *wd_source_dup_display_name    (WdSource      *self);

G_END_DECLS

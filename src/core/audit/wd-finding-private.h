/* wd-finding-private.h: how the audit fills in a finding before handing
 * it out, and moves it when a later audit finds it elsewhere. */
#pragma once

#include "wd-finding.h"

G_BEGIN_DECLS

void _wd_finding_set_source      (WdFinding          *self,
                                  const char         *source_id,
                                  const char         *related_source_id);
void _wd_finding_set_range       (WdFinding          *self,
                                  int                 paragraph,
                                  gsize               start,
                                  gsize               end);
void _wd_finding_set_char_range  (WdFinding          *self,
                                  gsize               start,
                                  gsize               end);
void _wd_finding_set_replacement (WdFinding          *self,
                                  const char         *url);
void _wd_finding_set_items       (WdFinding          *self,
                                  const char * const *items);

/* Same code, severity, message and target, wherever it is. */
gboolean _wd_finding_same_but_place (WdFinding       *a,
                                     WdFinding       *b);
/* Moves @self to @other's place; TRUE when that changed anything. */
gboolean _wd_finding_take_place     (WdFinding       *self,
                                     WdFinding       *other);
/* Fills in the character ranges of @findings from their byte ranges of
 * @body: one walk of the body when they come in text order. */
void     _wd_findings_set_char_ranges (GPtrArray     *findings,
                                       const char    *body);

G_END_DECLS

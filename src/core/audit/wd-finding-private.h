/* wd-finding-private.h: how the audit fills in a finding before handing
 * it out (findings are immutable afterwards). */
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
void _wd_finding_set_replacement (WdFinding          *self,
                                  const char         *url);
void _wd_finding_set_items       (WdFinding          *self,
                                  const char * const *items);

G_END_DECLS

/* wd-spell-screenshots.h: the spell-check menu's screenshots, taken by
 * wd-screenshots. */
#pragma once

#include "wd-application.h"

G_BEGIN_DECLS

/* Writes OUTDIR/spell-menu-{wide,narrow}-{light,dark}.png. */
void wd_spell_screenshots (WdApplication *app,
                           const char    *outdir,
                           gboolean       dark,
                           gboolean       narrow);

G_END_DECLS

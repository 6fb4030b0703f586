/* wd-tee-converter-private.h: passes bytes through unchanged and keeps a
 * copy of the first @max of them.
 *
 * The fetch puts one between the network and its content decoders when
 * the evidence capture is on, so the capture can store the body as the
 * server sent it (gzip and all) while the checker reads it decoded. */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define WD_TYPE_TEE_CONVERTER (_wd_tee_converter_get_type ())
G_DECLARE_FINAL_TYPE (WdTeeConverter, _wd_tee_converter, WD, TEE_CONVERTER, GObject)

WdTeeConverter *_wd_tee_converter_new       (gsize           max);
/* What went through, at most @max bytes; *@overflow tells whether more
 * did. The copy stays with the converter. */
GBytes         *_wd_tee_converter_get_bytes (WdTeeConverter *self,
                                             gboolean       *overflow);

G_END_DECLS

#pragma once

#include <adwaita.h>

#include "wd-capture-view.h"
#include "wiredesk-core.h"

G_BEGIN_DECLS

#define WD_TYPE_SOURCE_DIALOG (wd_source_dialog_get_type ())

G_DECLARE_FINAL_TYPE (WdSourceDialog, wd_source_dialog, WD, SOURCE_DIALOG, AdwWindow)

/* Every stored field of @source: label, kind and note editable, the last
 * check's metadata and the checker's detail read-only. */
GtkWindow *wd_source_dialog_new (GtkWindow *parent,
                                 WdSource  *source);

/* The evidence package of the source's document (@package_path NULL: the
 * document has no file yet), the article's @body and all its
 * @source_ids: the dialog lists the source's captures, read in a worker;
 * choosing one shows it with the body's quotations marked. */
void       wd_source_dialog_set_evidence (WdSourceDialog     *self,
                                          const char         *package_path,
                                          const char         *body,
                                          const char * const *source_ids);
/* Lists the captures again (a check of the source added one). */
void       wd_source_dialog_reload_captures (WdSourceDialog  *self);

typedef enum
{
  WD_SOURCE_DIALOG_CAPTURE_LATEST,     /* the latest live capture, else the latest one */
  WD_SOURCE_DIALOG_CAPTURE_BASELINE,   /* the first live capture */
} WdSourceDialogCapture;

/* Shows the source's wording of a quotation chosen in the audit: the
 * @capture asked for, once listed, with @quote (the article's words;
 * @source_words, nullable, the source's own) highlighted and scrolled to;
 * without such a capture, the Captures list says so. */
void       wd_source_dialog_show_quotation (WdSourceDialog        *self,
                                            WdSourceDialogCapture  capture,
                                            const char            *quote,
                                            const char            *source_words);
/* TRUE while the list of captures is being read. */
gboolean   wd_source_dialog_get_busy     (WdSourceDialog     *self);
WdCaptureView *wd_source_dialog_get_capture_view (WdSourceDialog *self);

G_END_DECLS

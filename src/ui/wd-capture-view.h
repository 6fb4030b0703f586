/* wd-capture-view.h: one capture of a source, as the editor reads it —
 * its visible text with the article's quotations from that source
 * marked (found, changed; the missing ones listed above), and "What
 * Changed": a word diff between the source's baseline and its latest
 * capture. Everything is read and compared in a worker. */
#pragma once

#include <adwaita.h>

#include "wiredesk-core.h"

G_BEGIN_DECLS

#define WD_TYPE_CAPTURE_VIEW (wd_capture_view_get_type ())

G_DECLARE_FINAL_TYPE (WdCaptureView, wd_capture_view, WD, CAPTURE_VIEW, GtkBox)

GtkWidget  *wd_capture_view_new          (void);

/* Shows the capture @record_id of the source @source_id in the package at
 * @package_path. The quotations are those of @body (the article's text;
 * @source_ids all its sources) in paragraphs that cite the source;
 * @baseline_id and @latest_id (nullable) are the source's first and
 * latest live captures, for the diff. */
void        wd_capture_view_load         (WdCaptureView      *self,
                                          const char         *package_path,
                                          const char         *source_id,
                                          const char         *record_id,
                                          const char         *baseline_id,
                                          const char         *latest_id,
                                          const char         *body,
                                          const char * const *source_ids);
/* The quotation chosen in the audit (@quote, the article's words; NULL:
 * none) for the loads from now on: highlighted in the capture's text
 * where @source_words (nullable: the source's own wording of it) or else
 * @quote is found, the cursor put on it and scrolled into sight, and
 * said above the text, found or not. */
void        wd_capture_view_set_chosen   (WdCaptureView      *self,
                                          const char         *quote,
                                          const char         *source_words);
/* What the view says about the chosen quotation, or NULL (none, or no
 * text to look in). */
const char *wd_capture_view_get_chosen_note (WdCaptureView   *self);
/* TRUE while a capture is being read. */
gboolean    wd_capture_view_get_busy     (WdCaptureView      *self);
/* What the view says above the text ("2 quotations from this source: …"). */
const char *wd_capture_view_get_summary  (WdCaptureView      *self);
/* "text" (the captured text) or "changes" (the diff). */
void        wd_capture_view_set_page     (WdCaptureView      *self,
                                          const char         *name);
GtkTextView *wd_capture_view_get_text_view (WdCaptureView    *self);
GtkTextView *wd_capture_view_get_diff_view (WdCaptureView    *self);

G_END_DECLS

/* wd-capture-view-private.h: what the files of the capture view share —
 * wd-capture-view.c (the widget, reading a capture, its text with the
 * article's quotations marked) and wd-capture-view-diff.c (What
 * Changed, the word diff between the source's baseline and a later
 * capture). The scroll to the chosen quotation is wd-text-scroll.c. */
#pragma once

#include "wd-capture-view.h"

G_BEGIN_DECLS

/* ---------------------------------------- wd-capture-view.c, for the diff */

/* The visible text of capture @id of @package, valid UTF-8; NULL when
 * there is no such capture or it has no text (@error set when it cannot
 * be read). Any thread. */
char          *_wd_capture_read_text         (WdEvidencePackage  *package,
                                              const char         *id,
                                              GError            **error);
/* The quotations of the article @body (@source_ids all its sources) in
 * the paragraphs that cite @source_id, each checked against @text alone
 * by the core's matcher. Any thread. */
GPtrArray     *_wd_capture_quotes_against    (const char         *body,
                                              const char         *source_id,
                                              const char * const *source_ids,
                                              const char         *text);
/* Where quotation @q stands in @text (WdQuoteRange: the words it was
 * found as), or NULL. */
GArray        *_wd_capture_quote_locate      (WdQuote            *q,
                                              const char         *text);

/* ------------------------------------------- wd-capture-view-diff.c */

#define WD_CAPTURE_DIFF_ADDED_TAG   "wd-diff-added"
#define WD_CAPTURE_DIFF_REMOVED_TAG "wd-diff-removed"

typedef struct _WdCaptureDiff WdCaptureDiff;

/* In the load's worker: the baseline @baseline_id against the capture
 * shown, @record_id (the baseline itself against the latest,
 * @latest_id), with the passages of the baseline the article quotes
 * (see _wd_capture_quotes_against; @body NULL: none) to show first.
 * Never NULL: when there is nothing to compare, its note says why. */
WdCaptureDiff *_wd_capture_diff_new          (WdEvidencePackage  *package,
                                              const char         *record_id,
                                              const char         *baseline_id,
                                              const char         *latest_id,
                                              const char         *body,
                                              const char         *source_id,
                                              const char * const *source_ids);
void           _wd_capture_diff_free         (WdCaptureDiff      *diff);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (WdCaptureDiff, _wd_capture_diff_free)

/* The tags of What Changed, made once in @buffer (their colours are the
 * view's, see update_colours). */
void           _wd_capture_diff_add_tags     (GtkTextBuffer      *buffer);
/* Puts @diff into @buffer (replacing what it held) and its note into
 * @note; @diff NULL (no load yet) empties both. */
void           _wd_capture_diff_show         (WdCaptureDiff      *diff,
                                              GtkTextBuffer      *buffer,
                                              GtkLabel           *note);
/* The diff view's "query-tooltip" (the template's on_diff_query_tooltip). */
gboolean       _wd_capture_diff_query_tooltip (WdCaptureView     *self,
                                               int                x,
                                               int                y,
                                               gboolean           keyboard_mode,
                                               GtkTooltip        *tooltip);

G_END_DECLS

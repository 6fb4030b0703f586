/* wd-history-window.h: the revisions of an article, a word diff of two of
 * them, restoring one, marking a correction. */
#pragma once

#include <adwaita.h>

#include "wiredesk-core.h"

G_BEGIN_DECLS

#define WD_TYPE_HISTORY_WINDOW (wd_history_window_get_type ())

G_DECLARE_FINAL_TYPE (WdHistoryWindow, wd_history_window, WD, HISTORY_WINDOW, AdwWindow)

/* Emits "restore" (guint number) when the editor asks for a revision's
 * text back; the window that owns the article does it. */
WdHistoryWindow *wd_history_window_new            (GtkWindow       *parent,
                                                   WdArticle       *article);
/* Selects a revision and compares it with @from (0: the one before). */
void             wd_history_window_compare        (WdHistoryWindow *self,
                                                   guint            from,
                                                   guint            to);
/* TRUE while a diff is being computed. */
gboolean         wd_history_window_get_busy       (WdHistoryWindow *self);

G_END_DECLS

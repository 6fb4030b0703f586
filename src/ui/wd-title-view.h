/* wd-title-view.h: a one-paragraph text field that wraps and grows with
 * its text — the headline and the standfirst. Enter moves on (the
 * "activate" signal) instead of breaking the line; line breaks and tabs
 * typed or pasted become spaces. */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define WD_TYPE_TITLE_VIEW (wd_title_view_get_type ())

G_DECLARE_FINAL_TYPE (WdTitleView, wd_title_view, WD, TITLE_VIEW, GtkTextView)

GtkWidget  *wd_title_view_new              (void);
/* The text, never NULL (a new string). */
char       *wd_title_view_dup_text         (WdTitleView *self);
void        wd_title_view_set_text         (WdTitleView *self,
                                            const char  *text);
/* Its length in characters. */
guint       wd_title_view_get_length       (WdTitleView *self);
void        wd_title_view_set_placeholder  (WdTitleView *self,
                                            const char  *placeholder);

G_END_DECLS

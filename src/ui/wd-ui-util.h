/* wd-ui-util.h: small helpers shared by the editor's views. */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

/* string → string: NULL becomes "" (entries refuse NULL text). */
gboolean _wd_bind_null_to_empty  (GBinding     *binding,
                                  const GValue *from,
                                  GValue       *to,
                                  gpointer      user_data);
/* enum ↔ the position in a list of its values in enum order. */
gboolean _wd_bind_enum_to_index  (GBinding     *binding,
                                  const GValue *from,
                                  GValue       *to,
                                  gpointer      user_data);
gboolean _wd_bind_index_to_enum  (GBinding     *binding,
                                  const GValue *from,
                                  GValue       *to,
                                  gpointer      user_data);
/* strv ↔ "a, b, c" */
gboolean _wd_bind_strv_to_text   (GBinding     *binding,
                                  const GValue *from,
                                  GValue       *to,
                                  gpointer      user_data);
gboolean _wd_bind_text_to_strv   (GBinding     *binding,
                                  const GValue *from,
                                  GValue       *to,
                                  gpointer      user_data);

/* A tooltip for @widget, given to GTK only when it asks ("query-tooltip")
 * and to screen readers as the description. gtk_widget_set_tooltip_text ()
 * on a visible widget makes GTK 4 ask the X server where the pointer is
 * (two round trips): rows rebound as the audit reruns during a check made
 * thousands of those, each blocking the main loop (bench-check-frames).
 * gtk_widget_get_tooltip_text () does not see these tooltips. */
void     _wd_widget_set_tooltip  (GtkWidget    *widget,
                                  const char   *text);

/* A toast saying @text as given. A toast's title is Pango markup
 * (libadwaita 1.2 always, later ones by default), so plain text with
 * "&", "<" or ">" (a file name, a server's error, a page's title) would
 * show broken: every toast of plain text is made here, escaped once. */
AdwToast *_wd_toast_new          (const char   *text);

/* adw_message_dialog_new () whose heading measures right on GTK 4.18 too
 * (see wd-ui-util.c). */
AdwMessageDialog *_wd_message_dialog_new (GtkWindow  *parent,
                                          const char *heading,
                                          const char *body);

/* A question with three answers: @close_id (Escape), a destructive one,
 * and @default_id (Enter; shown as suggested when @suggested). The
 * "response" signal goes to @callback on @object. */
AdwMessageDialog *_wd_ask (GtkWindow  *parent,
                           const char *heading,
                           const char *body,
                           const char *close_id,
                           const char *close_label,
                           const char *destructive_id,
                           const char *destructive_label,
                           const char *default_id,
                           const char *default_label,
                           gboolean    suggested,
                           GCallback   callback,
                           gpointer    object);

/* The place a tooltip of @view is about: under the pointer at (@x, @y),
 * or the cursor in @keyboard_mode. FALSE over no text. */
gboolean _wd_text_view_tooltip_iter (GtkTextView *view,
                                     int          x,
                                     int          y,
                                     gboolean     keyboard_mode,
                                     GtkTextIter *iter);
/* Appends @text (@len bytes, -1: up to its NUL) to @buffer, with the tag
 * named @tag (NULL: none). */
void     _wd_text_buffer_append  (GtkTextBuffer *buffer,
                                  const char    *text,
                                  gssize         len,
                                  const char    *tag);
/* Appends the word diff @segments (WdDiffSegment) of @old_text → @new_text:
 * deletions tagged @removed_tag, insertions @added_tag, unchanged
 * stretches of more than @context words on a side shortened to " … "
 * (0 keeps them whole). */
void     _wd_text_buffer_append_diff (GtkTextBuffer *buffer,
                                      const char    *old_text,
                                      const char    *new_text,
                                      GArray        *segments,
                                      guint          context,
                                      const char    *removed_tag,
                                      const char    *added_tag);

G_END_DECLS

/* wd-test-window.h: what the widget tests share — waiting on the main
 * loop, finding widgets and dialogs, the application they run in. */
#pragma once

#include <adwaita.h>

#include "wd-application.h"
#include "wd-window.h"

G_BEGIN_DECLS

typedef gboolean (*WdTestCondition) (gpointer data);

/* Iterates the main loop until @condition holds; FALSE after @timeout_ms. */
gboolean          wd_test_wait_until    (WdTestCondition  condition,
                                         gpointer         data,
                                         guint            timeout_ms);
/* Iterates the main loop for @ms. */
void              wd_test_spin          (guint            ms);

/* The first widget under @widget (itself included, depth first) of @type
 * with @css_class (NULL: any). */
gpointer          wd_test_find_child    (GtkWidget       *widget,
                                         GType            type,
                                         const char      *css_class);
/* The toast under @widget whose label reads @text (as shown: markup
 * rendered), or NULL. */
GtkWidget        *wd_test_find_toast    (GtkWidget       *widget,
                                         const char      *text);
/* Whether @action ("win.save") is enabled, as the control under @widget
 * bound to it shows (insensitive when not). */
gboolean          wd_test_action_enabled (GtkWidget      *widget,
                                         const char      *action);
/* The first toplevel window of @type, or NULL. */
gpointer          wd_test_find_window   (GType            type);
/* The visible AdwMessageDialog, or NULL. */
AdwMessageDialog *wd_test_find_dialog   (void);
/* Answers @dialog as its button would: the response, then closing. */
void              wd_test_respond       (AdwMessageDialog *dialog,
                                         const char       *response);
/* TRUE while a message dialog shows (a WdTestCondition). */
gboolean          wd_test_dialog_shown  (gpointer         unused);

char             *wd_test_buffer_text   (GtkTextBuffer   *buffer);
/* TRUE when @view (a GtkTextView) is scrolled down from its top and
 * shows the line of its cursor (a WdTestCondition). */
gboolean          wd_test_cursor_in_sight (gpointer       view);
/* Iterates the main loop until @view has laid out all its text (an idle
 * below GTK_TEXT_VIEW_PRIORITY_VALIDATE has run), then until it has
 * drawn @frames more frames. */
void              wd_test_wait_laid_out (GtkTextView     *view,
                                         guint            frames);
/* Makes @window @width pixels wide and, unless it was, waits until
 * @view has its new width: every line of it is to be laid out again. */
void              wd_test_rewrap        (GtkWindow       *window,
                                         GtkTextView     *view,
                                         int              width);
/* With WD_SCREENSHOT_DIR set, draws @widget into DIR/@name (PNG) after
 * letting it settle; nothing otherwise. */
void              wd_test_save_png      (GtkWidget       *widget,
                                         const char      *name);
/* Types @key @n times from @offset on, as interactive edits, running the
 * main loop after each when @with_drawing (layout, drawing, throttled
 * work); returns the microseconds per keystroke. */
gint64            wd_test_type_keys     (GtkTextBuffer   *buffer,
                                         int              offset,
                                         const char      *key,
                                         guint            n,
                                         gboolean         with_drawing);

/* FALSE, and the test skipped, when there is no @app (no display). */
gboolean          wd_test_have_display  (WdApplication   *app);
/* TRUE when the window has no load or save under way (a WdTestCondition). */
gboolean          wd_test_window_idle   (gpointer         window);
/* Closes the window without asking (the test decided) and lets it go. */
void              wd_test_destroy_window (gpointer        window);

/* The application the windows belong to, registered and held; NULL (the
 * tests skip) without a display. */
WdApplication    *wd_test_application   (void);

/* The start of a widget test program, before its tests are added:
 * XDG_DATA_HOME in a fresh folder of this run's own (set before GLib
 * caches it: drafts and evidence go there), g_test_init() and
 * wd_test_application() in @app. Returns the folder. */
char             *wd_test_ui_init       (int             *argc,
                                         char          ***argv,
                                         WdApplication  **app);
/* The end of one: drops @app, removes and frees @data_home; returns
 * @status (g_test_run()'s). */
int               wd_test_ui_finish     (int              status,
                                         WdApplication  **app,
                                         char            *data_home);

/* A new window of @app showing @article (never saved), presented and
 * given a moment to lay out. */
WdWindow         *wd_test_window_with   (WdApplication   *app,
                                         WdArticle       *article);

G_END_DECLS

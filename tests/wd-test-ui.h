/* wd-test-ui.h: driving real widgets from widget tests. */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

typedef gboolean (*WdTestCondition) (gpointer data);

/* Runs the main context until @condition holds; FALSE after @timeout_ms. */
gboolean  wd_test_wait_until  (WdTestCondition  condition,
                               gpointer         data,
                               guint            timeout_ms);
/* Runs the main context for @ms. */
void      wd_test_spin        (guint            ms);
/* The first widget of @type (and @css_class, nullable) in @widget's tree. */
gpointer  wd_test_find_child  (GtkWidget       *widget,
                               GType            type,
                               const char      *css_class);
/* The first toplevel window of @type, or NULL. */
gpointer  wd_test_find_window (GType            type);

G_END_DECLS

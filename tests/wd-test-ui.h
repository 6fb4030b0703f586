/* wd-test-ui.h: what the widget tests share. */
#pragma once

#include "wd-application.h"

G_BEGIN_DECLS

/* Runs the main context until @condition holds; FALSE after @timeout_ms. */
typedef gboolean (*WdTestCondition) (gpointer data);
gboolean       wd_test_wait_until  (WdTestCondition  condition,
                                    gpointer         data,
                                    guint            timeout_ms);

/* The first widget of @type in @widget's tree (depth first), or NULL. */
gpointer       wd_test_find_widget (GtkWidget *widget,
                                    GType      type);

/* An application as a running one is (registered, held, not unique so
 * that tests never meet another instance), or NULL without a display. */
WdApplication *wd_test_app_new     (void);

G_END_DECLS

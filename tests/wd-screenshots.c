/* wd-screenshots: renders the editor's states for data/screenshots/ — the
 * find bar, a long headline wrapped, citation chips by source health and
 * the publish dialog's errors, the spell-check menu, the Preview page — light and
 * dark, wide and narrow. GTK draws each window into a PNG itself (no screen grabber
 * needed).
 *
 *   xvfb-run -a dbus-run-session -- build/tests/wd-screenshots OUTDIR [editor|preview|shortcuts]
 *
 * with GSETTINGS_SCHEMA_DIR=build/data GSETTINGS_BACKEND=memory
 * GSK_RENDERER=cairo WD_SOURCE_ROOT=. */
#include "config.h"

#include <string.h>

#include "wd-preview-page.h"
#include "wd-publish-dialog.h"
#include "wd-search-bar.h"
#include "wd-spell-screenshots.h"
#include "wd-test-window.h"
#include "wd-window-private.h"

static const char *outdir;

static void
save (GtkWidget  *widget,
      const char *name)
{
  g_autoptr(GdkPaintable) paintable = gtk_widget_paintable_new (widget);
  g_autofree char *path = g_build_filename (outdir, name, NULL);
  g_autoptr(GdkTexture) texture = NULL;
  GtkSnapshot *snapshot = gtk_snapshot_new ();
  GskRenderNode *node;
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);

  gdk_paintable_snapshot (paintable, snapshot, width, height);
  node = gtk_snapshot_free_to_node (snapshot);
  texture = gsk_renderer_render_texture (gtk_native_get_renderer (GTK_NATIVE (widget)), node,
                                         &GRAPHENE_RECT_INIT (0, 0, width, height));
  gsk_render_node_unref (node);
  g_assert_true (gdk_texture_save_to_png (texture, path));
  g_print ("%s (%d×%d)\n", path, width, height);
}

static WdWindow *
open_sample (WdApplication *app,
             int            width,
             int            height)
{
  g_autofree char *sample = g_build_filename (g_getenv ("WD_SOURCE_ROOT"), "data", "sample",
                                              "sample.wiredesk", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (sample);
  WdWindow *window = wd_window_new (app);

  gtk_window_set_default_size (GTK_WINDOW (window), width, height);
  gtk_window_present (GTK_WINDOW (window));
  wd_window_load_file (window, file);
  g_assert_true (wd_test_wait_until (wd_test_window_idle, window, 10000));
  wd_test_spin (600);

  return window;
}

/* The sample with verdicts for its sources: one gone, one soft 404, the
 * rest fine, a long headline. */
static void
dress (WdWindow *window)
{
  WdArticle *article = wd_window_get_article (window);
  static const WdCheckStatus verdicts[] = {
    WD_CHECK_STATUS_OK, WD_CHECK_STATUS_NOT_FOUND, WD_CHECK_STATUS_OK,
    WD_CHECK_STATUS_SOFT_NOT_FOUND, WD_CHECK_STATUS_OK,
  };

  for (guint i = 0; i < wd_article_get_n_sources (article) && i < G_N_ELEMENTS (verdicts); i++)
    {
      g_autoptr(WdCheckResult) check = wd_check_result_new (verdicts[i]);

      wd_check_result_set_text (check, "checked-at", "2026-11-24T09:00:00Z");
      wd_source_set_check (wd_article_get_source (article, i), check);
    }
  wd_article_set_headline (article, "Harbour Authority Halts Night Ferries to the Kessel Islands After a "
                                    "Routine Sonar Survey Finds Fatigue Cracks in Two Hulls");
  wd_test_spin (800);
}

static void
shoot (WdApplication *app,
       gboolean       dark,
       gboolean       narrow)
{
  const char *scheme = dark ? "dark" : "light";
  const char *size = narrow ? "narrow" : "wide";
  g_autofree char *find = g_strdup_printf ("editor-find-%s-%s.png", size, scheme);
  g_autofree char *publish = g_strdup_printf ("publish-errors-%s.png", scheme);
  WdPublishDialog *dialog;
  GtkWidget *row;
  WdWindow *window;

  adw_style_manager_set_color_scheme (adw_style_manager_get_default (),
                                      dark ? ADW_COLOR_SCHEME_FORCE_DARK : ADW_COLOR_SCHEME_FORCE_LIGHT);
  window = open_sample (app, narrow ? 420 : 1280, narrow ? 760 : 800);
  dress (window);
  if (narrow)
    adw_flap_set_reveal_flap (window->flap, FALSE);

  /* Find and replace, with a long headline wrapped above it. */
  gtk_widget_activate_action_variant (GTK_WIDGET (window), "win.find-replace", NULL);
  gtk_editable_set_text (GTK_EDITABLE (wd_test_find_child (GTK_WIDGET (window->search_bar),
                                                           GTK_TYPE_SEARCH_ENTRY, NULL)), "ferries");
  gtk_editable_set_text (GTK_EDITABLE (wd_test_find_child (GTK_WIDGET (window->search_bar),
                                                           GTK_TYPE_ENTRY, NULL)), "ferry services");
  wd_test_spin (1500);
  save (GTK_WIDGET (window), find);

  /* Publishing with nothing to publish with: the errors, at the top
   * (the dialog has one size). */
  if (narrow)
    {
      wd_test_destroy_window (window);
      return;
    }
  g_settings_set_string (wd_application_get_settings (app), "publish-endpoint", "https://cms.example/api/items");
  g_unsetenv ("WIREDESK_PUBLISH_TOKEN");
  gtk_widget_activate_action_variant (GTK_WIDGET (window), "win.publish", NULL);
  if (wd_test_wait_until (wd_test_dialog_shown, NULL, 2000))
    wd_test_respond (wd_test_find_dialog (), "continue");
  dialog = wd_test_find_window (WD_TYPE_PUBLISH_DIALOG);
  gtk_widget_activate_action (GTK_WIDGET (dialog), "publish.publish", NULL);
  row = wd_test_find_child (GTK_WIDGET (dialog), ADW_TYPE_PASSWORD_ENTRY_ROW, NULL);
  wd_test_spin (2500);
  g_assert_true (gtk_widget_has_css_class (row, "error"));
  save (GTK_WIDGET (dialog), publish);
  gtk_window_destroy (GTK_WINDOW (dialog));

  wd_test_destroy_window (window);
}

static gboolean
preview_rendered (gpointer window)
{
  WdWindow *self = window;
  GtkWidget *page = adw_bin_get_child (self->preview_bin);

  return page != NULL && wd_preview_page_get_renders (WD_PREVIEW_PAGE (page)) > 0;
}

/* The Preview page: the sample as published, with a list, a quotation
 * and a source whose page title holds markup (shown as written). */
static void
shoot_preview (WdApplication *app,
               gboolean       dark,
               gboolean       narrow)
{
  g_autofree char *name = g_strdup_printf ("preview-%s-%s.png", narrow ? "narrow" : "wide",
                                           dark ? "dark" : "light");
  g_autofree char *body = NULL;
  WdArticle *article;
  WdWindow *window;

  adw_style_manager_set_color_scheme (adw_style_manager_get_default (),
                                      dark ? ADW_COLOR_SCHEME_FORCE_DARK : ADW_COLOR_SCHEME_FORCE_LIGHT);
  window = open_sample (app, narrow ? 420 : 1280, narrow ? 760 : 800);
  dress (window);
  article = wd_window_get_article (window);
  wd_source_set_label (wd_article_get_source (article, 0), "Port <b>Ellery</b> Harbour Authority notice");
  /* Cited out of list order: the numbers follow the body. */
  body = g_strdup_printf ("%s[^%s]\n\n> *\"We will not sail a hull we cannot vouch for,\"* the harbour "
                          "master said.[^%s]\n\nWhat changes for passengers:\n\n1. Night crossings stop.[^%s]\n"
                          "2. Day crossings run on **two** ships.\n",
                          wd_article_get_body (article),
                          wd_source_get_id (wd_article_get_source (article, 2)),
                          wd_source_get_id (wd_article_get_source (article, 0)),
                          wd_source_get_id (wd_article_get_source (article, 2)));
  wd_article_set_body (article, body);
  /* The editor shows the document again, so its buffer holds the new body. */
  _wd_window_set_document (window, article, NULL, NULL);
  adw_flap_set_reveal_flap (window->flap, TRUE);
  adw_view_stack_set_visible_child_name (window->side_stack, "preview");
  g_assert_true (wd_test_wait_until (preview_rendered, window, 10000));
  wd_test_spin (1000);
  /* Wide from the top (headline), narrow from the end (source list). */
  if (narrow)
    {
      GtkScrolledWindow *scroller = wd_test_find_child (adw_bin_get_child (window->preview_bin),
                                                        GTK_TYPE_SCROLLED_WINDOW, NULL);
      GtkAdjustment *adjustment = gtk_scrolled_window_get_vadjustment (scroller);

      gtk_adjustment_set_value (adjustment, gtk_adjustment_get_upper (adjustment));
      wd_test_spin (500);
    }
  save (GTK_WIDGET (window), name);

  wd_test_destroy_window (window);
}

/* The keyboard shortcuts window (Ctrl+?), its first page. */
static void
shoot_shortcuts (void)
{
  g_autoptr(GtkBuilder) builder = NULL;
  GtkWindow *window;

  adw_style_manager_set_color_scheme (adw_style_manager_get_default (), ADW_COLOR_SCHEME_FORCE_LIGHT);
  builder = gtk_builder_new_from_resource ("/io/github/wiredesk/Wiredesk/gtk/help-overlay.ui");
  window = GTK_WINDOW (gtk_builder_get_object (builder, "help_overlay"));
  gtk_window_present (window);
  wd_test_spin (1500);
  save (GTK_WIDGET (window), "shortcuts-light.png");
  gtk_window_destroy (window);
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *data_home = g_dir_make_tmp ("wd-shots-XXXXXX", NULL);
  WdApplication *app;

  g_setenv ("XDG_DATA_HOME", data_home, TRUE);
  outdir = argc > 1 ? argv[1] : ".";
  app = wd_test_application ();
  if (app == NULL)
    {
      g_printerr ("wd-screenshots needs a display\n");
      return 77;
    }

  if (argc < 3 || g_str_equal (argv[2], "shortcuts"))
    shoot_shortcuts ();

  /* A second argument names one set: "editor", "preview" or "shortcuts". */
  for (int dark = 0; dark < 2; dark++)
    for (int narrow = 0; narrow < 2; narrow++)
      {
        if (argc < 3 || g_str_equal (argv[2], "editor"))
          {
            shoot (app, dark, narrow);
            wd_spell_screenshots (app, outdir, dark, narrow);
          }
        if (argc < 3 || g_str_equal (argv[2], "preview"))
          shoot_preview (app, dark, narrow);
      }

  g_object_unref (app);
  return 0;
}

/* wd-spell-screenshots.c: for wd-screenshots, the spell-check menu open
 * on a misspelled word in the body, light and dark, wide and narrow. GTK
 * draws the window and, over it at its place, the menu (a popover: a
 * surface of its own, which a screen grab under Xvfb would show on black,
 * there being no compositor).
 * The window is 940 px high, for the whole menu below the word: the
 * screen must be higher (xvfb-run's default 1280×1024 is). */
#include "config.h"

#include <string.h>

#include "wd-spell-checker.h"
#include "wd-spell-screenshots.h"
#include "wd-test-window.h"
#include "wd-window-private.h"

static WdArticle *
make_article (void)
{
  WdArticle *article = wd_article_new ();
  WdSource *source = wd_article_add_source_url (article, "https://t.me/kesselfish/4417", NULL);

  wd_source_set_label (source, "Kesselfish channel");
  wd_article_set_language (article, "en");
  wd_article_set_headline (article, "Night ferries halted after cracks found in two hulls");
  wd_article_set_standfirst (article, "The operator says day crossings continue while engineers inspect the fleet");
  wd_article_set_body (article,
                       "Night ferries were suspended on Friday and passengers will be recieved on the "
                       "morning sailings at no extra cost, according to a notice on https://ferries.example/notice.\n\n"
                       "Engineers found cracks in the hulls of two vessels, the operator said.\n\n"
                       "Kesselfish, the channel that first reported the damage, posted photographs of the "
                       "MV Sella in dry dock. The NTSB has not commented.");
  wd_article_set_desk_note (article, "Check the timetable with the operator before publishing.");

  return article;
}

/* The window with its open popover drawn over it, into @name. */
static void
save (GtkWidget  *window,
      GtkWidget  *popover,
      const char *outdir,
      const char *name)
{
  g_autoptr(GdkPaintable) paintable = gtk_widget_paintable_new (window);
  g_autoptr(GdkPaintable) menu = gtk_widget_paintable_new (popover);
  g_autofree char *path = g_build_filename (outdir, name, NULL);
  g_autoptr(GdkTexture) texture = NULL;
  GtkSnapshot *snapshot = gtk_snapshot_new ();
  GdkSurface *surface = gtk_native_get_surface (GTK_NATIVE (popover));
  GskRenderNode *node;
  int width = gtk_widget_get_width (window);
  int height = gtk_widget_get_height (window);
  double wx, wy;

  /* the popup's place is relative to the window's surface, which
   * includes the window's shadow margin */
  gtk_native_get_surface_transform (GTK_NATIVE (window), &wx, &wy);
  gdk_paintable_snapshot (paintable, snapshot, width, height);
  gtk_snapshot_save (snapshot);
  gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT (gdk_popup_get_position_x (GDK_POPUP (surface)) - wx,
                                                          gdk_popup_get_position_y (GDK_POPUP (surface)) - wy));
  gdk_paintable_snapshot (menu, snapshot, gdk_surface_get_width (surface), gdk_surface_get_height (surface));
  gtk_snapshot_restore (snapshot);
  node = gtk_snapshot_free_to_node (snapshot);
  texture = gsk_renderer_render_texture (gtk_native_get_renderer (GTK_NATIVE (window)), node,
                                         &GRAPHENE_RECT_INIT (0, 0, width, height));
  gsk_render_node_unref (node);
  g_assert_true (gdk_texture_save_to_png (texture, path));
  g_print ("%s (%d×%d)\n", path, width, height);
}

void
wd_spell_screenshots (WdApplication *app,
                      const char    *outdir,
                      gboolean       dark,
                      gboolean       narrow)
{
  g_autoptr(WdArticle) article = make_article ();
  g_autofree char *name = g_strdup_printf ("spell-menu-%s-%s.png", narrow ? "narrow" : "wide",
                                           dark ? "dark" : "light");
  g_autofree char *word = NULL;
  int width = narrow ? 420 : 1280, height = 940;   /* the whole menu, below the word */
  GtkTextBuffer *buffer;
  GtkWidget *popover;
  GtkTextIter start, end, from;
  WdWindow *window;

  adw_style_manager_set_color_scheme (adw_style_manager_get_default (),
                                      dark ? ADW_COLOR_SCHEME_FORCE_DARK : ADW_COLOR_SCHEME_FORCE_LIGHT);
  window = wd_window_new (app);
  gtk_window_set_default_size (GTK_WINDOW (window), width, height);
  _wd_window_set_document (window, article, NULL, NULL);
  gtk_window_present (GTK_WINDOW (window));
  if (narrow)
    adw_flap_set_reveal_flap (window->flap, FALSE);
  wd_test_spin (1500);

  /* The menu on "recieved", as a right-click there opens it. */
  buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (window->body));
  gtk_text_buffer_get_start_iter (buffer, &from);
  g_assert_true (gtk_text_iter_forward_search (&from, "recieved", 0, &start, &end, NULL));
  gtk_text_iter_forward_chars (&start, 2);
  gtk_text_buffer_place_cursor (buffer, &start);
  gtk_widget_grab_focus (GTK_WIDGET (window->body));
  wd_test_spin (300);
  word = wd_spell_checker_prepare_menu (wd_spell_checker_get (GTK_TEXT_VIEW (window->body)), &start);
  g_assert_cmpstr (word, ==, "recieved");
  gtk_widget_activate_action (GTK_WIDGET (window->body), "menu.popup", NULL);
  wd_test_spin (1500);

  popover = wd_test_find_child (GTK_WIDGET (window->body), GTK_TYPE_POPOVER_MENU, NULL);
  g_assert_nonnull (popover);
  g_assert_true (gtk_widget_get_mapped (popover));
  save (GTK_WIDGET (window), popover, outdir, name);
  gtk_popover_popdown (GTK_POPOVER (popover));

  wd_test_destroy_window (window);
}

/* test-window-i18n.c: the editor starts in German in a German locale.
 *
 * The application is started the way a user starts it (activate), then every
 * text its windows show is collected: labels, window titles, tooltips,
 * placeholders and menu items. The test needs at least one German translation
 * among them and no English string that the German catalogue translates: a
 * label that is not marked for translation, or marked in a file missing from
 * po/POTFILES, shows up here as English.
 *
 * It does not know the window's layout, so it keeps working while the window
 * changes; the catalogue is read from the build tree's compiled de .mo.
 *
 * The locale is de_DE.UTF-8, what a German user has (package locales-all):
 * LANGUAGE=de alone is not enough, glibc 2.39 and later ignore it in the
 * C.UTF-8 locale the other tests run in. */
#define G_LOG_DOMAIN "test-window-i18n"

#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <locale.h>
#include <string.h>

#include "wd-application.h"
#include "wd-test-util.h"

#define MO_MAGIC         0x950412deU
#define MO_MAGIC_SWAPPED 0xde120495U

static gboolean german_locale;   /* setlocale () found de_DE.UTF-8 */

static guint32
read32 (const char *data,
        gsize       len,
        guint32     offset,
        gboolean    swapped)
{
  guint32 value;

  g_assert_cmpuint ((guint64) offset + 4, <=, len);
  memcpy (&value, data + offset, 4);
  return swapped ? GUINT32_SWAP_LE_BE (value) : value;
}

/* msgstr → msgid of every entry whose translation differs from its msgid. */
static GHashTable *
load_catalogue (const char *path)
{
  g_autofree char *data = NULL;
  g_autoptr(GError) error = NULL;
  GHashTable *translations = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  gboolean swapped;
  guint32 n, originals, targets;
  gsize len;

  g_file_get_contents (path, &data, &len, &error);
  g_assert_no_error (error);

#define READ32(off) read32 (data, len, (off), swapped)
  swapped = FALSE;
  if (READ32 (0) == MO_MAGIC_SWAPPED)
    swapped = TRUE;
  g_assert_cmphex (READ32 (0), ==, MO_MAGIC);

  n = READ32 (8);
  originals = READ32 (12);
  targets = READ32 (16);

  for (guint32 i = 0; i < n; i++)
    {
      guint32 id_len = READ32 (originals + 8 * i);
      guint32 id_off = READ32 (originals + 8 * i + 4);
      guint32 str_len = READ32 (targets + 8 * i);
      guint32 str_off = READ32 (targets + 8 * i + 4);

      g_assert_cmpuint ((guint64) id_off + id_len, <, len);
      g_assert_cmpuint ((guint64) str_off + str_len, <, len);

      /* The header has an empty msgid; strcmp stops at the first plural form. */
      if (id_len == 0 || strcmp (data + id_off, data + str_off) == 0)
        continue;
      g_hash_table_insert (translations, g_strdup (data + str_off), g_strdup (data + id_off));
    }
#undef READ32

  return translations;
}

static void
add_text (GPtrArray  *texts,
          const char *text)
{
  if (text != NULL && *text != '\0')
    g_ptr_array_add (texts, g_strdup (text));
}

static void
collect_menu (GMenuModel *model,
              GPtrArray  *texts)
{
  for (int i = 0; i < g_menu_model_get_n_items (model); i++)
    {
      g_autofree char *label = NULL;
      g_autoptr(GMenuLinkIter) links = g_menu_model_iterate_item_links (model, i);

      if (g_menu_model_get_item_attribute (model, i, G_MENU_ATTRIBUTE_LABEL, "s", &label))
        add_text (texts, label);

      while (g_menu_link_iter_next (links))
        {
          g_autoptr(GMenuModel) child = g_menu_link_iter_get_value (links);
          collect_menu (child, texts);
        }
    }
}

static void
collect_widget (GtkWidget *widget,
                GPtrArray *texts)
{
  const char *tooltip = gtk_widget_get_tooltip_text (widget);

  add_text (texts, tooltip);

  if (GTK_IS_LABEL (widget))
    {
      add_text (texts, gtk_label_get_label (GTK_LABEL (widget)));
      add_text (texts, gtk_label_get_text (GTK_LABEL (widget)));
    }
  if (GTK_IS_WINDOW (widget))
    add_text (texts, gtk_window_get_title (GTK_WINDOW (widget)));
  if (GTK_IS_MENU_BUTTON (widget) && gtk_menu_button_get_menu_model (GTK_MENU_BUTTON (widget)))
    collect_menu (gtk_menu_button_get_menu_model (GTK_MENU_BUTTON (widget)), texts);
  if (g_object_class_find_property (G_OBJECT_GET_CLASS (widget), "placeholder-text"))
    {
      g_autofree char *placeholder = NULL;

      g_object_get (widget, "placeholder-text", &placeholder, NULL);
      add_text (texts, placeholder);
    }

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect_widget (child, texts);
}

static void
test_window_german (void)
{
  g_autoptr(WdApplication) app = NULL;
  g_autoptr(GHashTable) german = NULL;
  g_autoptr(GPtrArray) texts = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GString) leaked = g_string_new (NULL);
  g_autoptr(GString) found = g_string_new (NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *mo = NULL;
  GList *windows;

  if (!gtk_init_check ())
    {
      g_test_skip ("no display");
      return;
    }
  if (!german_locale)
    {
      g_test_fail_printf ("the de_DE.UTF-8 locale is not installed (`locale -a`; Debian: locales-all)");
      return;
    }

  mo = g_build_filename (WD_TEST_LOCALEDIR, "de", "LC_MESSAGES", GETTEXT_PACKAGE ".mo", NULL);
  german = load_catalogue (mo);
  g_assert_cmpuint (g_hash_table_size (german), >, 0);

  app = wd_application_new ();
  g_application_set_flags (G_APPLICATION (app),
                           g_application_get_flags (G_APPLICATION (app)) | G_APPLICATION_NON_UNIQUE);
  g_application_register (G_APPLICATION (app), NULL, &error);
  g_assert_no_error (error);
  g_application_activate (G_APPLICATION (app));
  while (g_main_context_iteration (NULL, FALSE))
    ;

  windows = gtk_application_get_windows (GTK_APPLICATION (app));
  g_assert_nonnull (windows);
  for (GList *l = windows; l != NULL; l = l->next)
    collect_widget (GTK_WIDGET (l->data), texts);

  for (guint i = 0; i < texts->len; i++)
    {
      const char *text = g_ptr_array_index (texts, i);

      if (g_hash_table_contains (german, text))
        g_string_append_printf (found, "\n  “%s”", text);
      else if (g_strcmp0 (g_dgettext (GETTEXT_PACKAGE, text), text) != 0)
        g_string_append_printf (leaked, "\n  “%s” (German: “%s”)",
                                text, g_dgettext (GETTEXT_PACKAGE, text));
    }

  g_test_message ("%u texts in the window, German ones:%s", texts->len, found->str);
  if (leaked->len > 0)
    g_test_fail_printf ("English text in the German window:%s", leaked->str);
  if (found->len == 0)
    g_test_fail_printf ("no German text among the window's %u texts", texts->len);

  while ((windows = gtk_application_get_windows (GTK_APPLICATION (app))) != NULL)
    gtk_window_destroy (GTK_WINDOW (windows->data));
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *home = NULL;
  int status;

  /* What a German user has; the application never sees the test's own home. */
  g_setenv ("LC_ALL", "de_DE.UTF-8", TRUE);
  g_setenv ("LANGUAGE", "de", TRUE);
  home = wd_test_make_tmpdir ();
  for (guint i = 0; i < 4; i++)
    {
      static const char *vars[] = { "XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_CACHE_HOME", "XDG_STATE_HOME" };
      g_autofree char *dir = g_build_filename (home, vars[i], NULL);

      g_mkdir_with_parents (dir, 0700);
      g_setenv (vars[i], dir, TRUE);
    }

  german_locale = setlocale (LC_ALL, "") != NULL;
  bindtextdomain (GETTEXT_PACKAGE, WD_TEST_LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/i18n/window/german", test_window_german);
  status = g_test_run ();

  wd_test_rmdir_r (home);
  return status;
}

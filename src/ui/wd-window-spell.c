/* wd-window-spell.c: spell-checking in the window — one WdSpeller for
 * the document, a WdSpellChecker on the headline, standfirst, body and
 * desk note, and the "spelling" actions of their context menus:
 *
 *   spelling.enabled   (b)  Check Spelling, the `spell-check` setting
 *   spelling.language  (s)  the dictionary: "" follows the article's
 *                           language; a dictionary ("de_AT") overrides it
 *                           for this document
 *
 * The override is kept in the `spell-languages` setting, by the article's
 * id: it follows the document on this computer, and neither changes the
 * article (its `language` stays what the exports say) nor travels with
 * the file. */
#define G_LOG_DOMAIN "wd-window-spell"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "wd-spell-checker.h"
#include "wd-spell-words.h"
#include "wd-window-private.h"

/* A language typed into Details is applied once the typing stops. */
#define LANGUAGE_DELAY_MS 600
/* Sources' names are looked at again this long after the article changed. */
#define KNOWN_DELAY_MS 500

typedef struct _WdWindowSpell WdWindowSpell;

struct _WdWindowSpell
{
  WdSpeller          *speller;
  GSimpleActionGroup *actions;
  GMenu              *section;
  GHashTable         *known;
  guint               language_source;
  guint               known_source;
  char               *note;           /* the info bar's text while it is ours */
};

static GtkTextView *
spell_views (WdWindow *self,
             guint     i)
{
  GtkTextView *views[] = {
    GTK_TEXT_VIEW (self->headline), GTK_TEXT_VIEW (self->standfirst),
    GTK_TEXT_VIEW (self->body), self->desk_note,
  };

  return i < G_N_ELEMENTS (views) ? views[i] : NULL;
}

static gboolean
spell_enabled (WdWindow *self)
{
  GAction *action = g_action_map_lookup_action (G_ACTION_MAP (self->spell->actions), "enabled");
  g_autoptr(GVariant) state = g_action_get_state (action);

  return g_variant_get_boolean (state);
}

/* The dictionary chosen for this document, "" when it follows the article. */
static char *
dup_override (WdWindow *self)
{
  g_autoptr(GVariant) map = NULL;
  const char *id = self->article != NULL ? wd_article_get_id (self->article) : NULL;
  const char *tag = NULL;

  if (self->settings == NULL || id == NULL)
    {
      GAction *action = g_action_map_lookup_action (G_ACTION_MAP (self->spell->actions), "language");
      g_autoptr(GVariant) state = g_action_get_state (action);

      return g_variant_dup_string (state, NULL);
    }

  map = g_settings_get_value (self->settings, "spell-languages");
  if (!g_variant_lookup (map, id, "&s", &tag))
    tag = "";

  return g_strdup (tag);
}

/* A language name for a dictionary: "German (de_AT)". */
static char *
dictionary_label (const char *tag)
{
  static const struct { const char *code; const char *name; } names[] = {
    { "ca", N_("Catalan") }, { "cs", N_("Czech") }, { "da", N_("Danish") },
    { "de", N_("German") }, { "el", N_("Greek") }, { "en", N_("English") },
    { "es", N_("Spanish") }, { "fi", N_("Finnish") }, { "fr", N_("French") },
    { "it", N_("Italian") }, { "nb", N_("Norwegian Bokmål") }, { "nl", N_("Dutch") },
    { "pl", N_("Polish") }, { "pt", N_("Portuguese") }, { "ru", N_("Russian") },
    { "sv", N_("Swedish") }, { "tr", N_("Turkish") }, { "uk", N_("Ukrainian") },
  };
  g_autofree char *code = g_strndup (tag, strcspn (tag, "_-"));

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    if (g_str_equal (code, names[i].code))
      /* TRANSLATORS: a spelling dictionary: "German (de_AT)" */
      return g_strdup_printf (_("%s (%s)"), _(names[i].name), tag);

  return g_strdup (tag);
}

static void
show_note (WdWindow   *self,
           const char *note)
{
  WdWindowSpell *spell = self->spell;

  if (note != NULL)
    {
      _wd_window_show_info (self, note);
      g_free (spell->note);
      spell->note = g_strdup (note);
    }
  else if (spell->note != NULL)
    {
      /* only our own note goes: another may have replaced it */
      if (g_strcmp0 (gtk_label_get_text (self->info_label), spell->note) == 0)
        _wd_window_show_info (self, NULL);
      g_clear_pointer (&spell->note, g_free);
    }
}

/* The speller takes the override, else the article's language; without a
 * dictionary for it, the window says so once and nothing is underlined. */
static void
apply_language (WdWindow *self)
{
  WdWindowSpell *spell = self->spell;
  g_autofree char *override = spell != NULL ? dup_override (self) : NULL;
  const char *language = override != NULL && *override != '\0' ? override
                         : self->article != NULL ? wd_article_get_language (self->article) : NULL;
  GAction *action;

  if (spell == NULL)
    return;

  action = g_action_map_lookup_action (G_ACTION_MAP (spell->actions), "language");
  g_clear_handle_id (&spell->language_source, g_source_remove);
  g_simple_action_set_state (G_SIMPLE_ACTION (action), g_variant_new_string (override));
  wd_speller_set_language (spell->speller, language);

  if (spell_enabled (self) && wd_speller_get_dictionary (spell->speller) == NULL)
    {
      g_autofree char *note = NULL;

      if (language == NULL || *language == '\0')
        note = g_strdup (_("The article has no language: spelling is not checked. Set it in Details."));
      else
        /* TRANSLATORS: %s is a language code such as "sw" or "pt-BR" */
        note = g_strdup_printf (_("No spelling dictionary for the language “%s”: spelling is not checked. "
                                  "Install a hunspell dictionary for it, or choose another language in the "
                                  "text’s menu."), language);
      show_note (self, note);
    }
  else
    show_note (self, NULL);
}

static gboolean
apply_language_later (gpointer data)
{
  WdWindow *self = data;

  self->spell->language_source = 0;
  apply_language (self);

  return G_SOURCE_REMOVE;
}

static void
on_language_changed (WdWindow *self)
{
  g_clear_handle_id (&self->spell->language_source, g_source_remove);
  self->spell->language_source = g_timeout_add (LANGUAGE_DELAY_MS, apply_language_later, self);
}

static gboolean
same_words (GHashTable *a,
            GHashTable *b)
{
  GHashTableIter iter;
  gpointer key;

  if (a == NULL || b == NULL || g_hash_table_size (a) != g_hash_table_size (b))
    return FALSE;

  g_hash_table_iter_init (&iter, a);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    if (!g_hash_table_contains (b, key))
      return FALSE;

  return TRUE;
}

/* The names the sources make known; the views look again when they changed. */
static void
update_known (WdWindow *self)
{
  WdWindowSpell *spell = self->spell;
  g_autoptr(GHashTable) known = NULL;

  g_clear_handle_id (&spell->known_source, g_source_remove);
  if (self->article == NULL)
    return;

  known = wd_spell_known_words (self->article);
  if (same_words (known, spell->known))
    return;

  g_clear_pointer (&spell->known, g_hash_table_unref);
  spell->known = g_hash_table_ref (known);
  for (guint i = 0; spell_views (self, i) != NULL; i++)
    wd_spell_checker_set_known (wd_spell_checker_get (spell_views (self, i)), known);
}

static gboolean
update_known_later (gpointer data)
{
  WdWindow *self = data;

  self->spell->known_source = 0;
  update_known (self);

  return G_SOURCE_REMOVE;
}

static void
on_article_changed (WdWindow *self)
{
  if (self->spell->known_source == 0)
    self->spell->known_source = g_timeout_add (KNOWN_DELAY_MS, update_known_later, self);
}

void
_wd_window_spell_document (WdWindow *self)
{
  g_assert (self->spell != NULL);

  g_signal_connect_object (self->article, "notify::language", G_CALLBACK (on_language_changed),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->article, "changed", G_CALLBACK (on_article_changed),
                           self, G_CONNECT_SWAPPED);
  apply_language (self);
  update_known (self);
}

/* ----------------------------------------------------------------- actions */

static void
set_enabled (WdWindow *self,
             gboolean  enabled)
{
  GAction *action = g_action_map_lookup_action (G_ACTION_MAP (self->spell->actions), "enabled");

  g_simple_action_set_state (G_SIMPLE_ACTION (action), g_variant_new_boolean (enabled));
  for (guint i = 0; spell_views (self, i) != NULL; i++)
    wd_spell_checker_set_enabled (wd_spell_checker_get (spell_views (self, i)), enabled);
  apply_language (self);
}

static void
change_enabled (GSimpleAction *action,
                GVariant      *value,
                gpointer       data)
{
  WdWindow *self = data;

  if (self->settings != NULL)
    g_settings_set_boolean (self->settings, "spell-check", g_variant_get_boolean (value));
  else
    set_enabled (self, g_variant_get_boolean (value));
}

static void
on_spell_check_setting (WdWindow *self)
{
  if (self->spell == NULL)
    return;
  set_enabled (self, g_settings_get_boolean (self->settings, "spell-check"));
}

static void
change_language (GSimpleAction *action,
                 GVariant      *value,
                 gpointer       data)
{
  WdWindow *self = data;
  const char *tag = g_variant_get_string (value, NULL);
  const char *id = self->article != NULL ? wd_article_get_id (self->article) : NULL;

  g_simple_action_set_state (action, value);

  if (self->settings != NULL && id != NULL)
    {
      g_autoptr(GVariant) map = g_settings_get_value (self->settings, "spell-languages");
      GVariantBuilder builder;
      GVariantIter iter;
      const char *key, *chosen;

      g_variant_builder_init (&builder, G_VARIANT_TYPE ("a{ss}"));
      g_variant_iter_init (&iter, map);
      while (g_variant_iter_next (&iter, "{&s&s}", &key, &chosen))
        if (!g_str_equal (key, id))
          g_variant_builder_add (&builder, "{ss}", key, chosen);
      if (*tag != '\0')
        g_variant_builder_add (&builder, "{ss}", id, tag);
      g_settings_set_value (self->settings, "spell-languages", g_variant_builder_end (&builder));
    }

  apply_language (self);
}

static GMenu *
build_section (void)
{
  GMenu *section = g_menu_new ();
  g_autoptr(GMenu) languages = g_menu_new ();
  g_auto(GStrv) tags = wd_spell_list_dictionaries ();
  g_autoptr(GMenuItem) follow = g_menu_item_new (_("Article’s Language"), NULL);

  g_menu_item_set_action_and_target (follow, "spelling.language", "s", "");
  g_menu_append_item (languages, follow);
  for (guint i = 0; tags[i] != NULL; i++)
    {
      g_autofree char *label = dictionary_label (tags[i]);
      g_autoptr(GMenuItem) item = g_menu_item_new (label, NULL);

      g_menu_item_set_action_and_target (item, "spelling.language", "s", tags[i]);
      g_menu_append_item (languages, item);
    }

  g_menu_append (section, _("_Check Spelling"), "spelling.enabled");
  g_menu_append_submenu (section, _("Spelling _Language"), G_MENU_MODEL (languages));

  return section;
}

void
_wd_window_init_spell (WdWindow *self)
{
  const GActionEntry entries[] = {
    { "enabled", NULL, NULL, "true", change_enabled },
    { "language", NULL, "s", "''", change_language },
  };
  WdWindowSpell *spell = g_new0 (WdWindowSpell, 1);

  self->spell = spell;
  spell->speller = wd_speller_new (NULL);
  spell->actions = g_simple_action_group_new ();
  g_action_map_add_action_entries (G_ACTION_MAP (spell->actions), entries, G_N_ELEMENTS (entries), self);
  gtk_widget_insert_action_group (GTK_WIDGET (self), "spelling", G_ACTION_GROUP (spell->actions));
  spell->section = build_section ();

  for (guint i = 0; spell_views (self, i) != NULL; i++)
    {
      WdSpellChecker *checker = wd_spell_checker_attach (spell_views (self, i), spell->speller);

      wd_spell_checker_set_menu_section (checker, G_MENU_MODEL (spell->section));
    }
}

void
_wd_window_bind_spell_settings (WdWindow *self)
{
  g_assert (self->settings != NULL);

  g_signal_connect_object (self->settings, "changed::spell-check", G_CALLBACK (on_spell_check_setting),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->settings, "changed::spell-languages", G_CALLBACK (apply_language),
                           self, G_CONNECT_SWAPPED);
  on_spell_check_setting (self);
}

WdSpeller *
_wd_window_get_speller (WdWindow *self)
{
  return self->spell != NULL ? self->spell->speller : NULL;
}

void
_wd_window_dispose_spell (WdWindow *self)
{
  WdWindowSpell *spell = self->spell;

  if (spell == NULL)
    return;

  g_clear_handle_id (&spell->language_source, g_source_remove);
  g_clear_handle_id (&spell->known_source, g_source_remove);
  g_clear_object (&spell->speller);
  g_clear_object (&spell->actions);
  g_clear_object (&spell->section);
  g_clear_pointer (&spell->known, g_hash_table_unref);
  g_free (spell->note);
  g_clear_pointer (&self->spell, g_free);
}

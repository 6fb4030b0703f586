#define G_LOG_DOMAIN "wd-spell-checker-menu"

#include "config.h"

#include <glib/gi18n.h>

#include "wd-spell-checker-private.h"

#define MAX_SUGGESTIONS 5

static gboolean
word_at (WdSpellChecker    *self,
         const GtkTextIter *iter,
         GtkTextIter       *start,
         GtkTextIter       *end)
{
  *start = *end = *iter;

  if (!gtk_text_iter_has_tag (start, self->tag))
    {
      /* just after a flagged word counts as on it */
      if (gtk_text_iter_is_start (start) || !gtk_text_iter_ends_tag (start, self->tag))
        return FALSE;
      gtk_text_iter_backward_char (start);
      *end = *start;
    }
  if (!gtk_text_iter_starts_tag (start, self->tag))
    gtk_text_iter_backward_to_tag_toggle (start, self->tag);
  gtk_text_iter_forward_to_tag_toggle (end, self->tag);

  return TRUE;
}

static void
set_word_actions_enabled (WdSpellChecker *self,
                          gboolean        enabled)
{
  static const char * const names[] = { "replace", "add", "ignore" };

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    g_simple_action_set_enabled (G_SIMPLE_ACTION (g_action_map_lookup_action (G_ACTION_MAP (self->actions),
                                                                              names[i])),
                                 enabled);
}

char *
wd_spell_checker_prepare_menu (WdSpellChecker    *self,
                               const GtkTextIter *iter)
{
  g_auto(GStrv) suggestions = NULL;
  g_autofree char *word = NULL;
  GtkTextIter start, end;

  g_return_val_if_fail (WD_IS_SPELL_CHECKER (self), NULL);

  g_menu_remove_all (self->suggestions);
  g_menu_remove_all (self->word_actions);

  if (!self->enabled || !word_at (self, iter, &start, &end))
    {
      set_word_actions_enabled (self, FALSE);
      return NULL;
    }

  gtk_text_buffer_move_mark (self->buffer, self->word_start, &start);
  gtk_text_buffer_move_mark (self->buffer, self->word_end, &end);
  word = gtk_text_buffer_get_text (self->buffer, &start, &end, FALSE);

  suggestions = wd_speller_suggest (self->speller, word, MAX_SUGGESTIONS);
  for (guint i = 0; suggestions[i] != NULL; i++)
    {
      g_autoptr(GMenuItem) item = g_menu_item_new (suggestions[i], NULL);

      g_menu_item_set_action_and_target (item, "spell.replace", "s", suggestions[i]);
      g_menu_append_item (self->suggestions, item);
    }
  if (suggestions[0] == NULL)
    /* an item without an action: shown, not choosable */
    g_menu_append (self->suggestions, _("No Suggestions"), "spell.none");

  g_menu_append (self->word_actions, _("_Add to Dictionary"), "spell.add");
  g_menu_append (self->word_actions, _("_Ignore"), "spell.ignore");
  set_word_actions_enabled (self, TRUE);

  return g_steal_pointer (&word);
}

static void
on_click (WdSpellChecker *self,
          int             n_press,
          double          x,
          double          y,
          GtkGestureClick *gesture)
{
  GtkTextIter iter;
  int bx, by;

  gtk_text_view_window_to_buffer_coords (self->view, GTK_TEXT_WINDOW_WIDGET, x, y, &bx, &by);
  gtk_text_view_get_iter_at_location (self->view, &iter, bx, by);
  g_free (wd_spell_checker_prepare_menu (self, &iter));
}

/* Shift+F10 or Menu: the word at the cursor. Not handled here, so the
 * view opens its menu next. */
static gboolean
on_menu_key (GtkWidget *widget,
             GVariant  *args,
             gpointer   data)
{
  WdSpellChecker *self = data;
  GtkTextIter iter;

  gtk_text_buffer_get_iter_at_mark (self->buffer, &iter, gtk_text_buffer_get_insert (self->buffer));
  g_free (wd_spell_checker_prepare_menu (self, &iter));

  return FALSE;
}

static void
replace_word (GSimpleAction *action,
              GVariant      *parameter,
              gpointer       data)
{
  WdSpellChecker *self = data;
  const char *replacement = g_variant_get_string (parameter, NULL);
  GtkTextIter start, end;

  gtk_text_buffer_get_iter_at_mark (self->buffer, &start, self->word_start);
  gtk_text_buffer_get_iter_at_mark (self->buffer, &end, self->word_end);
  if (gtk_text_iter_equal (&start, &end))
    return;

  /* one edit, one undo step */
  gtk_text_buffer_begin_user_action (self->buffer);
  gtk_text_buffer_delete (self->buffer, &start, &end);
  gtk_text_buffer_insert (self->buffer, &start, replacement, -1);
  gtk_text_buffer_end_user_action (self->buffer);
  gtk_text_buffer_place_cursor (self->buffer, &start);
}

static char *
dup_menu_word (WdSpellChecker *self)
{
  GtkTextIter start, end;

  gtk_text_buffer_get_iter_at_mark (self->buffer, &start, self->word_start);
  gtk_text_buffer_get_iter_at_mark (self->buffer, &end, self->word_end);

  return gtk_text_buffer_get_text (self->buffer, &start, &end, FALSE);
}

/* "Add to Dictionary" (every document) or "Ignore" (this one). */
static void
learn_word (GSimpleAction *action,
            GVariant      *parameter,
            gpointer       data)
{
  WdSpellChecker *self = data;
  g_autofree char *word = dup_menu_word (self);

  if (g_str_equal (g_action_get_name (G_ACTION (action)), "add"))
    wd_speller_add_to_dictionary (self->speller, word);
  else
    wd_speller_ignore (self->speller, word);
}

void
wd_spell_checker_set_menu_section (WdSpellChecker *self,
                                   GMenuModel     *section)
{
  g_return_if_fail (WD_IS_SPELL_CHECKER (self));

  while (g_menu_model_get_n_items (G_MENU_MODEL (self->menu)) > 2)
    g_menu_remove (self->menu, 2);
  if (section != NULL)
    g_menu_append_section (self->menu, NULL, section);
}

GMenuModel *
wd_spell_checker_get_menu (WdSpellChecker *self)
{
  g_return_val_if_fail (WD_IS_SPELL_CHECKER (self), NULL);

  return G_MENU_MODEL (self->menu);
}

void
_wd_spell_checker_init_menu (WdSpellChecker *self)
{
  static const GActionEntry entries[] = {
    { "replace", replace_word, "s" },
    { "add", learn_word },
    { "ignore", learn_word },
  };
  GtkEventController *controller;
  GtkGesture *click;
  GtkTextIter start;

  self->menu = g_menu_new ();
  self->suggestions = g_menu_new ();
  self->word_actions = g_menu_new ();
  g_menu_append_section (self->menu, NULL, G_MENU_MODEL (self->suggestions));
  g_menu_append_section (self->menu, NULL, G_MENU_MODEL (self->word_actions));

  gtk_text_buffer_get_start_iter (self->buffer, &start);
  self->word_start = gtk_text_buffer_create_mark (self->buffer, NULL, &start, TRUE);
  self->word_end = gtk_text_buffer_create_mark (self->buffer, NULL, &start, FALSE);

  /* Before the view's own handler, which opens the menu. */
  click = gtk_gesture_click_new ();
  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (click), GDK_BUTTON_SECONDARY);
  gtk_event_controller_set_propagation_phase (GTK_EVENT_CONTROLLER (click), GTK_PHASE_CAPTURE);
  g_signal_connect_object (click, "pressed", G_CALLBACK (on_click), self, G_CONNECT_SWAPPED);
  gtk_widget_add_controller (GTK_WIDGET (self->view), GTK_EVENT_CONTROLLER (click));

  controller = gtk_shortcut_controller_new ();
  gtk_event_controller_set_propagation_phase (controller, GTK_PHASE_CAPTURE);
  gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (controller),
                                        gtk_shortcut_new (gtk_alternative_trigger_new (
                                                            gtk_keyval_trigger_new (GDK_KEY_F10, GDK_SHIFT_MASK),
                                                            gtk_keyval_trigger_new (GDK_KEY_Menu, 0)),
                                                          gtk_callback_action_new (on_menu_key, self, NULL)));
  gtk_widget_add_controller (GTK_WIDGET (self->view), controller);

  self->actions = g_simple_action_group_new ();
  g_action_map_add_action_entries (G_ACTION_MAP (self->actions), entries, G_N_ELEMENTS (entries), self);
  set_word_actions_enabled (self, FALSE);
  gtk_widget_insert_action_group (GTK_WIDGET (self->view), "spell", G_ACTION_GROUP (self->actions));
  gtk_text_view_set_extra_menu (self->view, G_MENU_MODEL (self->menu));
}

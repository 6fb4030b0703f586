/* wd-spell-checker.h: spell-checking while typing in one GtkTextView.
 *
 * Misspelled words get the "wd-spell-error" tag (an error underline).
 * Checking never blocks typing: an edit queues its words, scrolling queues
 * what comes into view, and an idle handler checks the queued text that is
 * visible, a little at a time; text out of view waits until it is scrolled
 * to. The word being typed is not flagged until it is finished. Which
 * words to look at is the core's (wd_spell_words: URLs, e-mails, citation
 * markers, code and ALL CAPS skipped, the sources' names known); the
 * dictionary is the document's WdSpeller.
 *
 * Right-click (or Shift+F10) on a flagged word puts its suggestions, "Add
 * to Dictionary" and "Ignore" at the end of the view's context menu; a
 * replacement is one undo step. The checker lives as long as its view. */
#pragma once

#include <gtk/gtk.h>

#include "wd-speller.h"

G_BEGIN_DECLS

#define WD_TYPE_SPELL_CHECKER (wd_spell_checker_get_type ())

G_DECLARE_FINAL_TYPE (WdSpellChecker, wd_spell_checker, WD, SPELL_CHECKER, GObject)

/* The name of the tag that marks misspelled words in the view's buffer. */
#define WD_SPELL_ERROR_TAG "wd-spell-error"

/* Attaches a checker to @view (it keeps it) and returns it (unowned). */
WdSpellChecker *wd_spell_checker_attach        (GtkTextView     *view,
                                                WdSpeller       *speller);
/* The checker attached to @view, or NULL. */
WdSpellChecker *wd_spell_checker_get           (GtkTextView     *view);

void            wd_spell_checker_set_enabled   (WdSpellChecker  *self,
                                                gboolean         enabled);
gboolean        wd_spell_checker_get_enabled   (WdSpellChecker  *self);
/* Words never flagged (as wd_spell_known_words() makes; nullable). */
void            wd_spell_checker_set_known     (WdSpellChecker  *self,
                                                GHashTable      *known);
/* A section appended to the spelling part of the context menu (the
 * document's language and the on/off switch). */
void            wd_spell_checker_set_menu_section (WdSpellChecker *self,
                                                GMenuModel      *section);
/* Checks the whole visible text again. */
void            wd_spell_checker_recheck       (WdSpellChecker  *self);
/* TRUE while queued text waits to be checked (tests wait on it). */
gboolean        wd_spell_checker_is_busy       (WdSpellChecker  *self);
/* Prepares the context menu for the word at @iter, as a right-click
 * there does; returns the word when it is flagged (the menu then offers
 * its suggestions), else NULL. */
char           *wd_spell_checker_prepare_menu  (WdSpellChecker    *self,
                                                const GtkTextIter *iter);
/* The context menu's spelling part (for tests and screenshots). */
GMenuModel     *wd_spell_checker_get_menu      (WdSpellChecker  *self);

G_END_DECLS

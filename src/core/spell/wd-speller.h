/* wd-speller.h: a document's spelling dictionary, through enchant-2.
 *
 * One WdSpeller per open document: it holds the dictionary of the
 * document's language (hunspell through enchant), the words ignored in
 * this session of the document, and adds words to the user's personal
 * word list (enchant's, shared by every document and every application
 * that uses enchant). Without a dictionary for the language it knows
 * every word: nothing is flagged. Main thread only (enchant's broker is
 * not thread-safe). No GTK. */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define WD_TYPE_SPELLER (wd_speller_get_type ())

G_DECLARE_FINAL_TYPE (WdSpeller, wd_speller, WD, SPELLER, GObject)

/* @language: a BCP 47 tag ("en-GB", "de", "fr-CA") or NULL. */
WdSpeller   *wd_speller_new                (const char  *language);
const char  *wd_speller_get_language       (WdSpeller   *self);
void         wd_speller_set_language       (WdSpeller   *self,
                                            const char  *language);
/* The enchant dictionary in use ("en_US"), NULL when the language has none. */
const char  *wd_speller_get_dictionary     (WdSpeller   *self);

/* TRUE when @word (@len bytes, -1: NUL-terminated) is spelled right, is
 * ignored, or there is no dictionary. */
gboolean     wd_speller_check              (WdSpeller   *self,
                                            const char  *word,
                                            gssize       len);
/* At most @max suggestions for @word, best first (empty without a dictionary). */
char       **wd_speller_suggest            (WdSpeller   *self,
                                            const char  *word,
                                            guint        max);
/* Adds @word to the user's personal word list (for every document). */
void         wd_speller_add_to_dictionary  (WdSpeller   *self,
                                            const char  *word);
/* Ignores @word in this document until it is closed. */
void         wd_speller_ignore             (WdSpeller   *self,
                                            const char  *word);

/* The enchant dictionaries installed ("de_DE", "en_US", …), sorted. */
char       **wd_spell_list_dictionaries    (void);
/* The dictionary of @available that serves @language (BCP 47): its
 * language and region ("en-GB" → "en_GB"), else the language alone, else
 * the language's main country ("de" → "de_DE", "en" → "en_US"), else
 * any dictionary of the language. NULL when none does. */
char        *wd_spell_pick_dictionary      (const char          *language,
                                            const char * const  *available);

G_END_DECLS

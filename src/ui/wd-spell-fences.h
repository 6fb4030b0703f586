/* wd-spell-fences.h: where the fenced code blocks (```, ~~~) of a text
 * buffer are, for the spell-checker to read a visible part of a long body
 * with the right context without reading all that comes before it. The
 * fence lines are kept as marks (edits move them) and found again, in one
 * pass, only after an edit that may have made or unmade one. */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

typedef struct _WdSpellFences WdSpellFences;

WdSpellFences *wd_spell_fences_new            (GtkTextBuffer     *buffer);
void           wd_spell_fences_free           (WdSpellFences     *self);

/* The buffer's edits, as its "insert-text" (before, after) and
 * "delete-range" (before) signals see them. */
void           wd_spell_fences_insert_before  (WdSpellFences     *self,
                                               const GtkTextIter *location);
void           wd_spell_fences_inserted       (WdSpellFences     *self,
                                               const GtkTextIter *start,
                                               const GtkTextIter *end,
                                               const char        *text,
                                               int                len);
void           wd_spell_fences_delete_before  (WdSpellFences     *self,
                                               const GtkTextIter *start,
                                               const GtkTextIter *end);

/* Moves @line_start (the start of a line) back to the fence that opened
 * the code block it is in, if it is in one: the text from there on is
 * what the core needs to see the block. */
void           wd_spell_fences_context_start  (WdSpellFences     *self,
                                               GtkTextIter       *line_start);

G_END_DECLS

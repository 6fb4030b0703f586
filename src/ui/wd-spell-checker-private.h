/* wd-spell-checker-private.h: what the spell-checker's files share. */
#pragma once

#include "wd-spell-checker.h"
#include "wd-spell-fences.h"

G_BEGIN_DECLS

struct _WdSpellChecker
{
  GObject        parent_instance;

  GtkTextView   *view;         /* unowned: it owns us */
  GtkTextBuffer *buffer;
  GtkTextTag    *tag;
  WdSpeller     *speller;
  GHashTable    *known;
  GtkAdjustment *vadjustment;

  /* What waits to be checked: one range, kept by marks through edits
   * (they stay in the buffer; the range is there while @pending). */
  gboolean       pending;
  GtkTextMark   *pending_start;
  GtkTextMark   *pending_end;
  guint          idle;
  /* What has been checked since the last recheck: scrolling queues only
   * what comes into view beyond it (GtkTextView's layout of a long text
   * changes the adjustment many times a second). */
  GtkTextMark   *seen_start;
  GtkTextMark   *seen_end;

  WdSpellFences *fences;

  /* The word being typed is not flagged until the cursor leaves it. */
  gboolean       typing;
  GtkTextMark   *skipped;      /* the word held back, or NULL */

  /* The context menu */
  GMenu         *menu;
  GMenu         *suggestions;
  GMenu         *word_actions;
  GtkTextMark   *word_start;
  GtkTextMark   *word_end;
  GSimpleActionGroup *actions;

  gboolean       enabled;
};

/* wd-spell-checker-menu.c: the context menu's spelling part. */
void _wd_spell_checker_init_menu (WdSpellChecker *self);

G_END_DECLS

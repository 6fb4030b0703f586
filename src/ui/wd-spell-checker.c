#define G_LOG_DOMAIN "wd-spell-checker"

#include "config.h"

#include <string.h>

#include "wd-spell-checker-private.h"
#include "wd-spell-words.h"

/* Characters checked at most per step of the idle handler, and the time a
 * run of steps may take before it gives the main loop back. */
#define CHUNK_CHARS 2000
#define STEP_BUDGET_US 2000
/* Lines above and below the visible ones that are checked too. */
#define MARGIN_LINES 2


G_DEFINE_FINAL_TYPE (WdSpellChecker, wd_spell_checker, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ENABLED,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void schedule (WdSpellChecker *self);

/* ---------------------------------------------------------------- checking */

static gboolean
has_pending (WdSpellChecker *self)
{
  return self->pending;
}

/* (The marks stay in the buffer: moving them is cheaper than making and
 * deleting two marks at every keystroke.) */
static void
clear_pending (WdSpellChecker *self)
{
  self->pending = FALSE;
}

static void
queue_range (WdSpellChecker    *self,
             const GtkTextIter *start,
             const GtkTextIter *end)
{
  if (!self->enabled || wd_speller_get_dictionary (self->speller) == NULL)
    return;

  if (!has_pending (self))
    {
      gtk_text_buffer_move_mark (self->buffer, self->pending_start, start);
      gtk_text_buffer_move_mark (self->buffer, self->pending_end, end);
      self->pending = TRUE;
    }
  else
    {
      GtkTextIter a, b;

      gtk_text_buffer_get_iter_at_mark (self->buffer, &a, self->pending_start);
      gtk_text_buffer_get_iter_at_mark (self->buffer, &b, self->pending_end);
      if (gtk_text_iter_compare (start, &a) < 0)
        gtk_text_buffer_move_mark (self->buffer, self->pending_start, start);
      if (gtk_text_iter_compare (end, &b) > 0)
        gtk_text_buffer_move_mark (self->buffer, self->pending_end, end);
    }

  schedule (self);
}

static void
queue_all (WdSpellChecker *self)
{
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (self->buffer, &start, &end);
  queue_range (self, &start, &end);
}

static void
forget_seen (WdSpellChecker *self)
{
  if (self->seen_start != NULL)
    {
      gtk_text_buffer_delete_mark (self->buffer, self->seen_start);
      gtk_text_buffer_delete_mark (self->buffer, self->seen_end);
    }
  self->seen_start = self->seen_end = NULL;
}

/* [@start, @end) has been checked: the seen range grows by it when they
 * touch, else it is replaced. */
static void
add_seen (WdSpellChecker    *self,
          const GtkTextIter *start,
          const GtkTextIter *end)
{
  GtkTextIter a, b;

  if (self->seen_start == NULL)
    {
      self->seen_start = gtk_text_buffer_create_mark (self->buffer, NULL, start, TRUE);
      self->seen_end = gtk_text_buffer_create_mark (self->buffer, NULL, end, FALSE);
      return;
    }

  gtk_text_buffer_get_iter_at_mark (self->buffer, &a, self->seen_start);
  gtk_text_buffer_get_iter_at_mark (self->buffer, &b, self->seen_end);
  if (gtk_text_iter_compare (start, &b) > 0 || gtk_text_iter_compare (end, &a) < 0)
    {
      gtk_text_buffer_move_mark (self->buffer, self->seen_start, start);
      gtk_text_buffer_move_mark (self->buffer, self->seen_end, end);
      return;
    }
  if (gtk_text_iter_compare (start, &a) < 0)
    gtk_text_buffer_move_mark (self->buffer, self->seen_start, start);
  if (gtk_text_iter_compare (end, &b) > 0)
    gtk_text_buffer_move_mark (self->buffer, self->seen_end, end);
}

/* The lines shown (and a margin), as iters; FALSE when the view has no
 * size yet and its text is too long to check blindly. */
static gboolean
get_visible (WdSpellChecker *self,
             GtkTextIter    *start,
             GtkTextIter    *end)
{
  GdkRectangle rect;

  gtk_text_view_get_visible_rect (self->view, &rect);
  if (rect.height <= 0 || !gtk_widget_get_mapped (GTK_WIDGET (self->view)))
    {
      gtk_text_buffer_get_bounds (self->buffer, start, end);
      return gtk_text_buffer_get_char_count (self->buffer) < 20000;
    }

  gtk_text_view_get_line_at_y (self->view, start, rect.y, NULL);
  gtk_text_view_get_line_at_y (self->view, end, rect.y + rect.height, NULL);
  gtk_text_iter_backward_lines (start, MARGIN_LINES);
  gtk_text_iter_forward_lines (end, MARGIN_LINES);
  if (!gtk_text_iter_ends_line (end))
    gtk_text_iter_forward_to_line_end (end);
  return TRUE;
}

static void
remove_skipped (WdSpellChecker *self)
{
  if (self->skipped != NULL)
    gtk_text_buffer_delete_mark (self->buffer, self->skipped);
  self->skipped = NULL;
}

/* The word being typed starts at @word: it is held back until the cursor
 * leaves it. */
static void
hold_word (WdSpellChecker    *self,
           const GtkTextIter *word)
{
  GtkTextIter at;

  if (self->skipped == NULL)
    {
      self->skipped = gtk_text_buffer_create_mark (self->buffer, NULL, word, TRUE);
      return;
    }
  /* (as a rule it is there already: the word's start does not move while
   * it is typed) */
  gtk_text_buffer_get_iter_at_mark (self->buffer, &at, self->skipped);
  if (!gtk_text_iter_equal (&at, word))
    gtk_text_buffer_move_mark (self->buffer, self->skipped, word);
}

/* Checks the words that overlap [@start, @end): their lines are read for
 * the context (code spans, links), only those words are looked up. */
static void
check_range (WdSpellChecker *self,
             GtkTextIter    *start,
             GtkTextIter    *end)
{
  g_autofree char *text = NULL;
  g_autoptr(GArray) words = NULL;
  GtkTextIter from, to, insert, clear_start, clear_end;
  g_autoptr(GArray) wanted = g_array_new (FALSE, FALSE, sizeof (int));   /* start, end, … */
  g_autoptr(GArray) present = g_array_new (FALSE, FALSE, sizeof (int));
  int from_offset, start_offset, end_offset, insert_offset, clear_from, clear_to;
  gsize start_byte, end_byte;
  const char *p;
  int offset;

  from = *start;
  gtk_text_iter_set_line_offset (&from, 0);
  wd_spell_fences_context_start (self->fences, &from);
  to = *end;
  if (!gtk_text_iter_ends_line (&to))
    gtk_text_iter_forward_to_line_end (&to);

  text = gtk_text_buffer_get_slice (self->buffer, &from, &to, TRUE);
  from_offset = gtk_text_iter_get_offset (&from);
  start_offset = gtk_text_iter_get_offset (start);
  end_offset = gtk_text_iter_get_offset (end);
  start_byte = g_utf8_offset_to_pointer (text, start_offset - from_offset) - text;
  end_byte = g_utf8_offset_to_pointer (text + start_byte, end_offset - start_offset) - text;
  words = wd_spell_words_touching (text, start_byte, end_byte, self->known);

  gtk_text_buffer_get_iter_at_mark (self->buffer, &insert, gtk_text_buffer_get_insert (self->buffer));
  insert_offset = gtk_text_iter_get_offset (&insert);

  /* The words that overlap the range: which of them should be flagged. */
  clear_from = start_offset;
  clear_to = end_offset;
  p = text;
  offset = from_offset;
  for (guint i = 0; i < words->len; i++)
    {
      const WdSpellWord *w = &g_array_index (words, WdSpellWord, i);
      int w_start, w_end;

      offset += g_utf8_pointer_to_offset (p, text + w->start);
      w_start = offset;
      w_end = w_start + g_utf8_pointer_to_offset (text + w->start, text + w->end);
      offset = w_end;
      p = text + w->end;

      if (w_end < start_offset || w_start > end_offset)
        continue;
      clear_from = MIN (clear_from, w_start);
      clear_to = MAX (clear_to, w_end);

      if (wd_speller_check (self->speller, text + w->start, w->end - w->start))
        continue;

      /* still being typed: flagged once the cursor leaves it */
      if (self->typing && insert_offset == w_end)
        {
          GtkTextIter at;

          gtk_text_buffer_get_iter_at_offset (self->buffer, &at, w_start);
          hold_word (self, &at);
          continue;
        }
      g_array_append_val (wanted, w_start);
      g_array_append_val (wanted, w_end);
    }

  /* The flags there now. Changing a tag lays the paragraph out and draws
   * it again: only when something changed. */
  gtk_text_buffer_get_iter_at_offset (self->buffer, &clear_start, clear_from);
  gtk_text_buffer_get_iter_at_offset (self->buffer, &clear_end, clear_to);
  {
    GtkTextIter iter = clear_start;
    gboolean inside = gtk_text_iter_has_tag (&iter, self->tag);

    if (inside)
      g_array_append_val (present, clear_from);
    while (gtk_text_iter_forward_to_tag_toggle (&iter, self->tag) &&
           gtk_text_iter_compare (&iter, &clear_end) < 0)
      {
        int at = gtk_text_iter_get_offset (&iter);

        g_array_append_val (present, at);
        inside = !inside;
      }
    if (inside)
      g_array_append_val (present, clear_to);
  }

  if (present->len == wanted->len &&
      (wanted->len == 0 || memcmp (present->data, wanted->data, wanted->len * sizeof (int)) == 0))
    return;

  gtk_text_buffer_remove_tag (self->buffer, self->tag, &clear_start, &clear_end);
  for (guint i = 0; i + 1 < wanted->len; i += 2)
    {
      GtkTextIter a, b;

      gtk_text_buffer_get_iter_at_offset (self->buffer, &a, g_array_index (wanted, int, i));
      gtk_text_buffer_get_iter_at_offset (self->buffer, &b, g_array_index (wanted, int, i + 1));
      gtk_text_buffer_apply_tag (self->buffer, self->tag, &a, &b);
    }
}

static gboolean
check_step (gpointer data)
{
  WdSpellChecker *self = data;
  gint64 deadline = g_get_monotonic_time () + STEP_BUDGET_US;

  while (has_pending (self))
    {
      GtkTextIter start, end, vis_start, vis_end, chunk_end;
      gboolean done;

      if (!get_visible (self, &vis_start, &vis_end))
        {
          clear_pending (self);
          break;
        }

      gtk_text_buffer_get_iter_at_mark (self->buffer, &start, self->pending_start);
      gtk_text_buffer_get_iter_at_mark (self->buffer, &end, self->pending_end);
      if (gtk_text_iter_compare (&start, &vis_start) < 0)
        start = vis_start;
      if (gtk_text_iter_compare (&end, &vis_end) > 0)
        end = vis_end;
      if (gtk_text_iter_compare (&start, &end) > 0)
        {
          /* what is left is out of view: checked when scrolled to */
          clear_pending (self);
          break;
        }

      chunk_end = start;
      gtk_text_iter_forward_chars (&chunk_end, CHUNK_CHARS);
      if (gtk_text_iter_compare (&chunk_end, &end) >= 0)
        chunk_end = end;
      else if (gtk_text_iter_inside_word (&chunk_end) && !gtk_text_iter_starts_word (&chunk_end))
        gtk_text_iter_forward_word_end (&chunk_end);

      done = gtk_text_iter_compare (&chunk_end, &end) >= 0;
      if (!done)
        gtk_text_buffer_move_mark (self->buffer, self->pending_start, &chunk_end);
      add_seen (self, &start, &chunk_end);
      /* (tagging invalidates the iters) */
      check_range (self, &start, &chunk_end);
      if (done)
        clear_pending (self);

      if (g_get_monotonic_time () >= deadline)
        break;
    }

  if (has_pending (self))
    return G_SOURCE_CONTINUE;

  self->idle = 0;
  return G_SOURCE_REMOVE;
}

static void
schedule (WdSpellChecker *self)
{
  if (self->idle == 0)
    self->idle = g_idle_add_full (G_PRIORITY_DEFAULT_IDLE, check_step, self, NULL);
}

/* ------------------------------------------------------------------ edits */

static void
on_insert_before (WdSpellChecker *self,
                  GtkTextIter    *location,
                  const char     *text,
                  int             len)
{
  wd_spell_fences_insert_before (self->fences, location);

  /* one letter typed at the cursor: a word being written */
  self->typing = g_utf8_strlen (text, len) == 1 &&
                 g_unichar_isalpha (g_utf8_get_char (text)) &&
                 gtk_text_buffer_get_has_selection (self->buffer) == FALSE;
}

/* A letter typed at the cursor, at the end of a word ([@start, @end) is
 * the letter): that word is being typed, so it is held back whatever its
 * spelling, and nothing else changed. Unless part of it is underlined
 * (the underline goes while it is typed: a check does that), there is
 * nothing to check: no idle, no reading of the paragraph, no dictionary
 * lookup for a word not finished. Returns whether it was so. */
static gboolean
typed_into_word (WdSpellChecker    *self,
                 const GtkTextIter *start,
                 const GtkTextIter *end)
{
  GtkTextIter insert, word = *start, toggle;

  if (!self->typing || !self->enabled || wd_speller_get_dictionary (self->speller) == NULL)
    return FALSE;

  gtk_text_buffer_get_iter_at_mark (self->buffer, &insert, gtk_text_buffer_get_insert (self->buffer));
  if (!gtk_text_iter_equal (&insert, end) || wd_spell_is_word_char (gtk_text_iter_get_char (end)))
    return FALSE;

  /* the word's start, not far back: a long run of letters is left to a check */
  for (guint n = 0; ; n++)
    {
      GtkTextIter before = word;

      if (!gtk_text_iter_backward_char (&before) || !wd_spell_is_word_char (gtk_text_iter_get_char (&before)))
        break;
      if (n == 100)
        return FALSE;
      word = before;
    }

  toggle = word;
  if (gtk_text_iter_has_tag (&word, self->tag) ||
      (gtk_text_iter_forward_to_tag_toggle (&toggle, self->tag) && gtk_text_iter_compare (&toggle, end) < 0))
    return FALSE;

  hold_word (self, &word);
  return TRUE;
}

static void
on_insert_after (WdSpellChecker *self,
                 GtkTextIter    *location,
                 const char     *text,
                 int             len)
{
  GtkTextIter start = *location;

  gtk_text_iter_backward_chars (&start, g_utf8_strlen (text, len));
  wd_spell_fences_inserted (self->fences, &start, location, text, len);

  if (!typed_into_word (self, &start, location))
    queue_range (self, &start, location);
}

static void
on_delete_before (WdSpellChecker *self,
                  GtkTextIter    *start,
                  GtkTextIter    *end)
{
  wd_spell_fences_delete_before (self->fences, start, end);
  self->typing = FALSE;
}

static void
on_delete_after (WdSpellChecker *self,
                 GtkTextIter    *start,
                 GtkTextIter    *end)
{
  queue_range (self, start, end);
}

/* The cursor moved: the word held back while typed is due. */
static void
on_mark_set (WdSpellChecker *self,
             GtkTextIter    *location,
             GtkTextMark    *mark)
{
  GtkTextIter start, end;

  if (mark != gtk_text_buffer_get_insert (self->buffer) || self->skipped == NULL)
    return;

  self->typing = FALSE;
  gtk_text_buffer_get_iter_at_mark (self->buffer, &start, self->skipped);
  end = start;
  gtk_text_iter_forward_word_end (&end);
  remove_skipped (self);
  queue_range (self, &start, &end);
}

static void
on_scrolled (WdSpellChecker *self)
{
  GtkTextIter start, end, a, b;

  if (!self->enabled || !get_visible (self, &start, &end))
    return;
  if (self->seen_start == NULL)
    {
      queue_range (self, &start, &end);
      return;
    }

  gtk_text_buffer_get_iter_at_mark (self->buffer, &a, self->seen_start);
  gtk_text_buffer_get_iter_at_mark (self->buffer, &b, self->seen_end);
  if (gtk_text_iter_compare (&end, &a) < 0 || gtk_text_iter_compare (&start, &b) > 0)
    queue_range (self, &start, &end);
  else
    {
      if (gtk_text_iter_compare (&start, &a) < 0)
        queue_range (self, &start, &a);
      if (gtk_text_iter_compare (&end, &b) > 0)
        queue_range (self, &b, &end);
    }
}

static void
watch_adjustment (WdSpellChecker *self)
{
  GtkAdjustment *adjustment = gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (self->view));

  if (adjustment == self->vadjustment)
    return;
  if (self->vadjustment != NULL)
    g_signal_handlers_disconnect_by_data (self->vadjustment, self);
  g_set_object (&self->vadjustment, adjustment);
  if (adjustment != NULL)
    {
      g_signal_connect_object (adjustment, "value-changed", G_CALLBACK (on_scrolled), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (adjustment, "changed", G_CALLBACK (on_scrolled), self, G_CONNECT_SWAPPED);
    }
}

/* ------------------------------------------------------------------ public */

/* Takes the underlines off [@start, @end), only where there are some:
 * removing a tag that changes the look of the text makes GTK lay out
 * again all the text it is removed from, underlined or not; over a long
 * body that is a relayout of all of it. */
static void
remove_flags (WdSpellChecker    *self,
              const GtkTextIter *start,
              const GtkTextIter *end)
{
  g_autoptr(GArray) spans = g_array_new (FALSE, FALSE, sizeof (int));
  GtkTextIter iter = *start;
  int stop = gtk_text_iter_get_offset (end);

  if (gtk_text_iter_has_tag (&iter, self->tag))
    {
      int at = gtk_text_iter_get_offset (&iter);

      g_array_append_val (spans, at);
    }
  while (gtk_text_iter_forward_to_tag_toggle (&iter, self->tag) && gtk_text_iter_get_offset (&iter) < stop)
    {
      int at = gtk_text_iter_get_offset (&iter);

      g_array_append_val (spans, at);
    }
  if (spans->len % 2 == 1)
    g_array_append_val (spans, stop);

  /* (a tag change invalidates iters: by offsets) */
  for (guint i = 0; i + 1 < spans->len; i += 2)
    {
      GtkTextIter a, b;

      gtk_text_buffer_get_iter_at_offset (self->buffer, &a, g_array_index (spans, int, i));
      gtk_text_buffer_get_iter_at_offset (self->buffer, &b, g_array_index (spans, int, i + 1));
      gtk_text_buffer_remove_tag (self->buffer, self->tag, &a, &b);
    }
}

void
wd_spell_checker_recheck (WdSpellChecker *self)
{
  g_return_if_fail (WD_IS_SPELL_CHECKER (self));

  forget_seen (self);
  if (!self->enabled || wd_speller_get_dictionary (self->speller) == NULL)
    {
      GtkTextIter start, end;

      clear_pending (self);
      remove_skipped (self);
      gtk_text_buffer_get_bounds (self->buffer, &start, &end);
      remove_flags (self, &start, &end);
      return;
    }

  /* flags out of view may be stale: they go, and come back when seen */
  {
    GtkTextIter start, end, vis_start, vis_end;

    gtk_text_buffer_get_bounds (self->buffer, &start, &end);
    if (get_visible (self, &vis_start, &vis_end))
      {
        int shown = gtk_text_iter_get_offset (&vis_start);

        /* the end first: the offsets before it stay good */
        remove_flags (self, &vis_end, &end);
        gtk_text_buffer_get_start_iter (self->buffer, &start);
        gtk_text_buffer_get_iter_at_offset (self->buffer, &vis_start, shown);
        remove_flags (self, &start, &vis_start);
      }
  }
  queue_all (self);
}

void
wd_spell_checker_set_enabled (WdSpellChecker *self,
                              gboolean        enabled)
{
  g_return_if_fail (WD_IS_SPELL_CHECKER (self));

  enabled = !!enabled;
  if (self->enabled == enabled)
    return;

  self->enabled = enabled;
  wd_spell_checker_recheck (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ENABLED]);
}

gboolean
wd_spell_checker_get_enabled (WdSpellChecker *self)
{
  g_return_val_if_fail (WD_IS_SPELL_CHECKER (self), FALSE);

  return self->enabled;
}

void
wd_spell_checker_set_known (WdSpellChecker *self,
                            GHashTable     *known)
{
  g_return_if_fail (WD_IS_SPELL_CHECKER (self));

  if (known == self->known)
    return;
  g_clear_pointer (&self->known, g_hash_table_unref);
  if (known != NULL)
    self->known = g_hash_table_ref (known);
  wd_spell_checker_recheck (self);
}

gboolean
wd_spell_checker_is_busy (WdSpellChecker *self)
{
  g_return_val_if_fail (WD_IS_SPELL_CHECKER (self), FALSE);

  return self->pending;
}

WdSpellChecker *
wd_spell_checker_get (GtkTextView *view)
{
  g_return_val_if_fail (GTK_IS_TEXT_VIEW (view), NULL);

  return g_object_get_data (G_OBJECT (view), "wd-spell-checker");
}

/* The view is going: nothing runs for it any more. */
static void
on_view_destroy (WdSpellChecker *self)
{
  g_clear_handle_id (&self->idle, g_source_remove);
  if (self->vadjustment != NULL)
    g_signal_handlers_disconnect_by_data (self->vadjustment, self);
  g_clear_object (&self->vadjustment);
  if (self->speller != NULL)
    g_signal_handlers_disconnect_by_data (self->speller, self);
  if (self->buffer != NULL)
    g_signal_handlers_disconnect_by_data (self->buffer, self);
  self->enabled = FALSE;
}

WdSpellChecker *
wd_spell_checker_attach (GtkTextView *view,
                         WdSpeller   *speller)
{
  WdSpellChecker *self;

  g_return_val_if_fail (GTK_IS_TEXT_VIEW (view), NULL);
  g_return_val_if_fail (WD_IS_SPELLER (speller), NULL);
  g_return_val_if_fail (wd_spell_checker_get (view) == NULL, NULL);

  self = g_object_new (WD_TYPE_SPELL_CHECKER, NULL);
  self->view = view;
  self->buffer = g_object_ref (gtk_text_view_get_buffer (view));
  self->speller = g_object_ref (speller);
  self->fences = wd_spell_fences_new (self->buffer);
  g_object_set_data_full (G_OBJECT (view), "wd-spell-checker", self, g_object_unref);

  self->tag = gtk_text_buffer_create_tag (self->buffer, WD_SPELL_ERROR_TAG,
                                          "underline", PANGO_UNDERLINE_ERROR,
                                          NULL);
  {
    GtkTextIter start;

    gtk_text_buffer_get_start_iter (self->buffer, &start);
    self->pending_start = gtk_text_buffer_create_mark (self->buffer, NULL, &start, TRUE);
    self->pending_end = gtk_text_buffer_create_mark (self->buffer, NULL, &start, FALSE);
  }

  g_signal_connect_object (self->buffer, "insert-text", G_CALLBACK (on_insert_before), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->buffer, "insert-text", G_CALLBACK (on_insert_after), self,
                           G_CONNECT_SWAPPED | G_CONNECT_AFTER);
  g_signal_connect_object (self->buffer, "delete-range", G_CALLBACK (on_delete_before), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->buffer, "delete-range", G_CALLBACK (on_delete_after), self,
                           G_CONNECT_SWAPPED | G_CONNECT_AFTER);
  g_signal_connect_object (self->buffer, "mark-set", G_CALLBACK (on_mark_set), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (speller, "changed", G_CALLBACK (wd_spell_checker_recheck), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (view, "notify::vadjustment", G_CALLBACK (watch_adjustment), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (view, "map", G_CALLBACK (on_scrolled), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (view, "destroy", G_CALLBACK (on_view_destroy), self, G_CONNECT_SWAPPED);
  watch_adjustment (self);

  _wd_spell_checker_init_menu (self);

  self->enabled = TRUE;
  queue_all (self);

  return self;
}

/* ------------------------------------------------------------------ object */

static void
wd_spell_checker_finalize (GObject *object)
{
  WdSpellChecker *self = (WdSpellChecker *)object;

  g_clear_handle_id (&self->idle, g_source_remove);
  g_clear_object (&self->vadjustment);
  g_clear_object (&self->speller);
  g_clear_pointer (&self->known, g_hash_table_unref);
  g_clear_object (&self->menu);
  g_clear_object (&self->suggestions);
  g_clear_object (&self->word_actions);
  g_clear_object (&self->actions);
  g_clear_pointer (&self->fences, wd_spell_fences_free);
  if (self->pending_start != NULL && !gtk_text_mark_get_deleted (self->pending_start))
    {
      gtk_text_buffer_delete_mark (self->buffer, self->pending_start);
      gtk_text_buffer_delete_mark (self->buffer, self->pending_end);
    }
  g_clear_object (&self->buffer);

  G_OBJECT_CLASS (wd_spell_checker_parent_class)->finalize (object);
}

static void
wd_spell_checker_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  WdSpellChecker *self = WD_SPELL_CHECKER (object);

  switch (prop_id)
    {
    case PROP_ENABLED:
      g_value_set_boolean (value, self->enabled);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
wd_spell_checker_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  WdSpellChecker *self = WD_SPELL_CHECKER (object);

  switch (prop_id)
    {
    case PROP_ENABLED:
      wd_spell_checker_set_enabled (self, g_value_get_boolean (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
wd_spell_checker_class_init (WdSpellCheckerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = wd_spell_checker_finalize;
  object_class->get_property = wd_spell_checker_get_property;
  object_class->set_property = wd_spell_checker_set_property;

  properties[PROP_ENABLED] =
    g_param_spec_boolean ("enabled", NULL, NULL, TRUE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
wd_spell_checker_init (WdSpellChecker *self)
{
}

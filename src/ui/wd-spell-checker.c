#define G_LOG_DOMAIN "wd-spell-checker"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "wd-spell-checker.h"
#include "wd-spell-words.h"

/* Characters checked at most per step of the idle handler, and the time a
 * run of steps may take before it gives the main loop back. */
#define CHUNK_CHARS 2000
#define STEP_BUDGET_US 2000
/* Lines above and below the visible ones that are checked too. */
#define MARGIN_LINES 2
#define MAX_SUGGESTIONS 5

struct _WdSpellChecker
{
  GObject        parent_instance;

  GtkTextView   *view;         /* unowned: it owns us */
  GtkTextBuffer *buffer;
  GtkTextTag    *tag;
  WdSpeller     *speller;
  GHashTable    *known;
  GtkAdjustment *vadjustment;

  /* What waits to be checked: one range, kept by marks through edits. */
  GtkTextMark   *pending_start;
  GtkTextMark   *pending_end;
  guint          idle;
  /* What has been checked since the last recheck: scrolling queues only
   * what comes into view beyond it (GtkTextView's layout of a long text
   * changes the adjustment many times a second). */
  GtkTextMark   *seen_start;
  GtkTextMark   *seen_end;

  /* Lines that open or close a fenced code block, by marks at their
   * starts; rebuilt when an edit may have made or unmade one. */
  GPtrArray     *fences;
  gboolean       fences_stale;

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

G_DEFINE_FINAL_TYPE (WdSpellChecker, wd_spell_checker, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ENABLED,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void schedule (WdSpellChecker *self);

/* ------------------------------------------------------------------ fences */

static gboolean
line_is_fence (const GtkTextIter *line_start)
{
  GtkTextIter iter = *line_start;
  gunichar c = gtk_text_iter_get_char (&iter);

  if (c != '`' && c != '~')
    return FALSE;
  for (guint i = 1; i < 3; i++)
    if (!gtk_text_iter_forward_char (&iter) || gtk_text_iter_get_char (&iter) != c)
      return FALSE;
  return TRUE;
}

/* Whether any line from @start's to @end's starts with a fence character:
 * an edit there may open or close a code block. */
static gboolean
touches_fence (const GtkTextIter *start,
               const GtkTextIter *end)
{
  GtkTextIter iter = *start;

  gtk_text_iter_set_line_offset (&iter, 0);
  do
    {
      gunichar c = gtk_text_iter_get_char (&iter);

      if (c == '`' || c == '~')
        return TRUE;
    }
  while (gtk_text_iter_forward_line (&iter) && gtk_text_iter_compare (&iter, end) <= 0);

  return FALSE;
}

static void
clear_fences (WdSpellChecker *self)
{
  for (guint i = 0; i < self->fences->len; i++)
    gtk_text_buffer_delete_mark (self->buffer, g_ptr_array_index (self->fences, i));
  g_ptr_array_set_size (self->fences, 0);
}

static void
rebuild_fences (WdSpellChecker *self)
{
  g_autofree char *text = NULL;
  GtkTextIter start, end;
  const char *p;
  int line = 0;

  clear_fences (self);
  self->fences_stale = FALSE;

  gtk_text_buffer_get_bounds (self->buffer, &start, &end);
  text = gtk_text_buffer_get_slice (self->buffer, &start, &end, TRUE);

  for (p = text; p != NULL && *p != '\0'; line++)
    {
      if ((p[0] == '`' || p[0] == '~') && p[1] == p[0] && p[2] == p[0])
        {
          GtkTextIter at;

          gtk_text_buffer_get_iter_at_line (self->buffer, &at, line);
          g_ptr_array_add (self->fences, gtk_text_buffer_create_mark (self->buffer, NULL, &at, TRUE));
        }
      p = strchr (p, '\n');
      if (p != NULL)
        p++;
    }
}

/* Where text must start for the core to see the code blocks right at
 * @line_start: there, or at the fence that opened the block it is in. */
static void
context_start (WdSpellChecker *self,
               GtkTextIter    *line_start)
{
  GtkTextIter last_fence;
  guint before = 0;

  if (self->fences_stale)
    rebuild_fences (self);

  for (guint i = 0; i < self->fences->len; i++)
    {
      GtkTextIter at;

      gtk_text_buffer_get_iter_at_mark (self->buffer, &at, g_ptr_array_index (self->fences, i));
      if (gtk_text_iter_compare (&at, line_start) >= 0)
        break;
      before++;
      last_fence = at;
    }

  if (before % 2 == 1)
    *line_start = last_fence;
}

/* ---------------------------------------------------------------- checking */

static gboolean
has_pending (WdSpellChecker *self)
{
  return self->pending_start != NULL;
}

static void
clear_pending (WdSpellChecker *self)
{
  if (self->pending_start != NULL)
    {
      gtk_text_buffer_delete_mark (self->buffer, self->pending_start);
      gtk_text_buffer_delete_mark (self->buffer, self->pending_end);
    }
  self->pending_start = self->pending_end = NULL;
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
      self->pending_start = gtk_text_buffer_create_mark (self->buffer, NULL, start, TRUE);
      self->pending_end = gtk_text_buffer_create_mark (self->buffer, NULL, end, FALSE);
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
  context_start (self, &from);
  to = *end;
  if (!gtk_text_iter_ends_line (&to))
    gtk_text_iter_forward_to_line_end (&to);

  text = gtk_text_buffer_get_slice (self->buffer, &from, &to, TRUE);
  from_offset = gtk_text_iter_get_offset (&from);
  start_offset = gtk_text_iter_get_offset (start);
  end_offset = gtk_text_iter_get_offset (end);
  start_byte = g_utf8_offset_to_pointer (text, start_offset - from_offset) - text;
  end_byte = g_utf8_offset_to_pointer (text + start_byte, end_offset - start_offset) - text;
  words = wd_spell_words (text, start_byte, end_byte, self->known);

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
          remove_skipped (self);
          self->skipped = gtk_text_buffer_create_mark (self->buffer, NULL, &at, TRUE);
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
  GtkTextIter line = *location;

  gtk_text_iter_set_line_offset (&line, 0);
  if (!self->fences_stale && line_is_fence (&line))
    self->fences_stale = TRUE;

  /* one letter typed at the cursor: a word being written */
  self->typing = g_utf8_strlen (text, len) == 1 &&
                 g_unichar_isalpha (g_utf8_get_char (text)) &&
                 gtk_text_buffer_get_has_selection (self->buffer) == FALSE;
}

static void
on_insert_after (WdSpellChecker *self,
                 GtkTextIter    *location,
                 const char     *text,
                 int             len)
{
  GtkTextIter start = *location;

  gtk_text_iter_backward_chars (&start, g_utf8_strlen (text, len));
  if (!self->fences_stale && memchr (text, '\n', len) != NULL && touches_fence (&start, location))
    self->fences_stale = TRUE;
  if (!self->fences_stale && (memchr (text, '`', len) != NULL || memchr (text, '~', len) != NULL))
    self->fences_stale = touches_fence (&start, location);

  queue_range (self, &start, location);
}

static void
on_delete_before (WdSpellChecker *self,
                  GtkTextIter    *start,
                  GtkTextIter    *end)
{
  if (!self->fences_stale && touches_fence (start, end))
    self->fences_stale = TRUE;
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

/* -------------------------------------------------------------------- menu */

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

static void
add_word (GSimpleAction *action,
          GVariant      *parameter,
          gpointer       data)
{
  WdSpellChecker *self = data;
  g_autofree char *word = dup_menu_word (self);

  wd_speller_add_to_dictionary (self->speller, word);
}

static void
ignore_word (GSimpleAction *action,
             GVariant      *parameter,
             gpointer       data)
{
  WdSpellChecker *self = data;
  g_autofree char *word = dup_menu_word (self);

  wd_speller_ignore (self->speller, word);
}

/* ------------------------------------------------------------------ public */

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
      gtk_text_buffer_remove_tag (self->buffer, self->tag, &start, &end);
      return;
    }

  /* flags out of view may be stale: they go, and come back when seen */
  {
    GtkTextIter start, end, vis_start, vis_end;

    gtk_text_buffer_get_bounds (self->buffer, &start, &end);
    if (get_visible (self, &vis_start, &vis_end))
      {
        gtk_text_buffer_remove_tag (self->buffer, self->tag, &start, &vis_start);
        gtk_text_buffer_remove_tag (self->buffer, self->tag, &vis_end, &end);
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

gboolean
wd_spell_checker_is_busy (WdSpellChecker *self)
{
  g_return_val_if_fail (WD_IS_SPELL_CHECKER (self), FALSE);

  return has_pending (self);
}

GMenuModel *
wd_spell_checker_get_menu (WdSpellChecker *self)
{
  g_return_val_if_fail (WD_IS_SPELL_CHECKER (self), NULL);

  return G_MENU_MODEL (self->menu);
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
  static const GActionEntry entries[] = {
    { "replace", replace_word, "s" },
    { "add", add_word },
    { "ignore", ignore_word },
  };
  WdSpellChecker *self;
  GtkEventController *controller;
  GtkGesture *click;
  GtkTextIter start;

  g_return_val_if_fail (GTK_IS_TEXT_VIEW (view), NULL);
  g_return_val_if_fail (WD_IS_SPELLER (speller), NULL);
  g_return_val_if_fail (wd_spell_checker_get (view) == NULL, NULL);

  self = g_object_new (WD_TYPE_SPELL_CHECKER, NULL);
  self->view = view;
  self->buffer = g_object_ref (gtk_text_view_get_buffer (view));
  self->speller = g_object_ref (speller);
  g_object_set_data_full (G_OBJECT (view), "wd-spell-checker", self, g_object_unref);

  self->tag = gtk_text_buffer_create_tag (self->buffer, WD_SPELL_ERROR_TAG,
                                          "underline", PANGO_UNDERLINE_ERROR,
                                          NULL);
  gtk_text_buffer_get_start_iter (self->buffer, &start);
  self->word_start = gtk_text_buffer_create_mark (self->buffer, NULL, &start, TRUE);
  self->word_end = gtk_text_buffer_create_mark (self->buffer, NULL, &start, FALSE);

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

  /* Before the view's own handler, which opens the menu. */
  click = gtk_gesture_click_new ();
  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (click), GDK_BUTTON_SECONDARY);
  gtk_event_controller_set_propagation_phase (GTK_EVENT_CONTROLLER (click), GTK_PHASE_CAPTURE);
  g_signal_connect_object (click, "pressed", G_CALLBACK (on_click), self, G_CONNECT_SWAPPED);
  gtk_widget_add_controller (GTK_WIDGET (view), GTK_EVENT_CONTROLLER (click));

  controller = gtk_shortcut_controller_new ();
  gtk_event_controller_set_propagation_phase (controller, GTK_PHASE_CAPTURE);
  gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (controller),
                                        gtk_shortcut_new (gtk_alternative_trigger_new (
                                                            gtk_keyval_trigger_new (GDK_KEY_F10, GDK_SHIFT_MASK),
                                                            gtk_keyval_trigger_new (GDK_KEY_Menu, 0)),
                                                          gtk_callback_action_new (on_menu_key, self, NULL)));
  gtk_widget_add_controller (GTK_WIDGET (view), controller);

  self->actions = g_simple_action_group_new ();
  g_action_map_add_action_entries (G_ACTION_MAP (self->actions), entries, G_N_ELEMENTS (entries), self);
  set_word_actions_enabled (self, FALSE);
  gtk_widget_insert_action_group (GTK_WIDGET (view), "spell", G_ACTION_GROUP (self->actions));
  gtk_text_view_set_extra_menu (view, G_MENU_MODEL (self->menu));

  self->enabled = TRUE;
  self->fences_stale = TRUE;
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
  g_ptr_array_unref (self->fences);
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
  self->fences = g_ptr_array_new ();
  self->menu = g_menu_new ();
  self->suggestions = g_menu_new ();
  self->word_actions = g_menu_new ();
  g_menu_append_section (self->menu, NULL, G_MENU_MODEL (self->suggestions));
  g_menu_append_section (self->menu, NULL, G_MENU_MODEL (self->word_actions));
}

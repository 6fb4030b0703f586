/* wd-search-bar.c: find and replace (see the header). */
#define G_LOG_DOMAIN "wd-search-bar"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "wd-search-bar.h"

struct _WdSearchBar
{
  GtkWidget               parent_instance;

  GtkSourceView          *view;
  WdTextScroll           *scroll;          /* the view's, its owner's */
  GtkSourceSearchSettings *settings;
  GtkSourceSearchContext *context;
  GCancellable           *cancellable;     /* of the move under way */

  GtkRevealer            *revealer;
  GtkSearchEntry         *search_entry;
  GtkLabel               *count_label;
  GtkToggleButton        *case_button;
  GtkToggleButton        *word_button;
  GtkToggleButton        *replace_toggle;
  GtkRevealer            *replace_revealer;
  GtkEntry               *replace_entry;
};

G_DEFINE_FINAL_TYPE (WdSearchBar, wd_search_bar, GTK_TYPE_WIDGET)

static GtkTextBuffer *
get_buffer (WdSearchBar *self)
{
  return gtk_text_view_get_buffer (GTK_TEXT_VIEW (self->view));
}

/* "3 of 12", "12 matches", "No matches". */
static void
update_count (WdSearchBar *self)
{
  g_autofree char *text = NULL;
  GtkTextIter start, end;
  int count, position;

  if (self->context == NULL || gtk_source_search_settings_get_search_text (self->settings) == NULL)
    {
      gtk_label_set_text (self->count_label, "");
      gtk_widget_remove_css_class (GTK_WIDGET (self->search_entry), "error");
      return;
    }

  count = gtk_source_search_context_get_occurrences_count (self->context);
  if (count < 0)
    {
      gtk_label_set_text (self->count_label, "…");
      return;
    }

  gtk_text_buffer_get_selection_bounds (get_buffer (self), &start, &end);
  position = gtk_source_search_context_get_occurrence_position (self->context, &start, &end);

  if (count == 0)
    text = g_strdup (_("No matches"));
  else if (position > 0)
    /* TRANSLATORS: check progress in the header bar: "3 of 12" */
    text = g_strdup_printf (_("%u of %u"), (guint) position, (guint) count);
  else
    text = g_strdup_printf (ngettext ("%u match", "%u matches", count), (guint) count);

  gtk_label_set_text (self->count_label, text);
  if (count == 0)
    gtk_widget_add_css_class (GTK_WIDGET (self->search_entry), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->search_entry), "error");
}

static void
select_match (WdSearchBar *self,
              GtkTextIter *start,
              GtkTextIter *end)
{
  GtkTextBuffer *buffer = get_buffer (self);

  gtk_text_buffer_select_range (buffer, start, end);
  /* Through the scroller: right after the text was loaded or rewrapped,
   * a plain scroll_to_mark() can leave the view where it was. */
  wd_text_scroll_into_view (self->scroll, gtk_text_buffer_get_insert (buffer), 0.1);
  update_count (self);
}

typedef struct
{
  WdSearchBar *self;
  gboolean     forward;
} Move;

static void
move_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  Move *move = user_data;
  g_autoptr(WdSearchBar) self = move->self;
  GtkTextIter start, end;
  gboolean found, wrapped;

  if (move->forward)
    found = gtk_source_search_context_forward_finish (GTK_SOURCE_SEARCH_CONTEXT (object), result,
                                                      &start, &end, &wrapped, NULL);
  else
    found = gtk_source_search_context_backward_finish (GTK_SOURCE_SEARCH_CONTEXT (object), result,
                                                       &start, &end, &wrapped, NULL);
  g_free (move);

  if (found && self->context == GTK_SOURCE_SEARCH_CONTEXT (object))
    select_match (self, &start, &end);
}

/* From the selection: forward from its end (or, typing, its start). */
static void
move_from (WdSearchBar *self,
           gboolean     forward,
           gboolean     from_start)
{
  GtkTextIter start, end;
  Move *move;

  if (self->context == NULL || gtk_source_search_settings_get_search_text (self->settings) == NULL)
    return;

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();

  gtk_text_buffer_get_selection_bounds (get_buffer (self), &start, &end);
  move = g_new0 (Move, 1);
  move->self = g_object_ref (self);
  move->forward = forward;

  if (forward)
    gtk_source_search_context_forward_async (self->context, from_start ? &start : &end,
                                             self->cancellable, move_cb, move);
  else
    gtk_source_search_context_backward_async (self->context, &start, self->cancellable, move_cb, move);
}

void
wd_search_bar_move (WdSearchBar *self,
                    gboolean     forward)
{
  g_return_if_fail (WD_IS_SEARCH_BAR (self));
  move_from (self, forward, FALSE);
}

static void
on_search_changed (WdSearchBar *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->search_entry));

  gtk_source_search_settings_set_search_text (self->settings, *text != '\0' ? text : NULL);
  /* Typing finds from where the match was: the match grows in place. */
  move_from (self, TRUE, TRUE);
  update_count (self);
}

static void
on_search_activate (WdSearchBar *self)
{
  move_from (self, TRUE, FALSE);
}

static void
on_next_match (WdSearchBar *self)
{
  move_from (self, TRUE, FALSE);
}

static void
on_previous_match (WdSearchBar *self)
{
  move_from (self, FALSE, FALSE);
}

static void
on_stop_search (WdSearchBar *self)
{
  wd_search_bar_close (self);
}

/* Replaces the selected match, then goes to the next. */
static void
replace_one (WdSearchBar *self)
{
  const char *with = gtk_editable_get_text (GTK_EDITABLE (self->replace_entry));
  g_autoptr(GError) error = NULL;
  GtkTextIter start, end;

  if (self->context == NULL)
    return;

  gtk_text_buffer_get_selection_bounds (get_buffer (self), &start, &end);
  if (gtk_source_search_context_get_occurrence_position (self->context, &start, &end) > 0 &&
      !gtk_source_search_context_replace (self->context, &start, &end, with, -1, &error))
    g_warning ("Could not replace: %s", error->message);

  move_from (self, TRUE, FALSE);
}

static void
on_replace_activate (WdSearchBar *self)
{
  replace_one (self);
}

static void ensure_context (WdSearchBar *self);

typedef struct
{
  int   start;   /* character offsets */
  int   end;
  gsize start_byte;   /* the same, in bytes into the text */
  gsize end_byte;
} Match;

/* Every match, in order, as the search context finds them. */
static GArray *
collect_matches (WdSearchBar *self)
{
  GArray *matches = g_array_new (FALSE, FALSE, sizeof (Match));
  GtkTextIter iter, match_start, match_end;
  gboolean wrapped = FALSE;

  gtk_text_buffer_get_start_iter (get_buffer (self), &iter);
  while (gtk_source_search_context_forward (self->context, &iter, &match_start, &match_end, &wrapped) && !wrapped)
    {
      Match m = { gtk_text_iter_get_offset (&match_start), gtk_text_iter_get_offset (&match_end), 0, 0 };

      if (matches->len > 0 && m.start < g_array_index (matches, Match, matches->len - 1).end)
        break;
      g_array_append_val (matches, m);
      iter = match_end;
      if (m.start == m.end && !gtk_text_iter_forward_char (&iter))
        break;
    }

  return matches;
}

/* Byte positions for the context's matches, in one walk of the text. */
static void
locate_matches (GArray     *matches,
                const char *text)
{
  const char *p = text;
  int at = 0;

  for (guint i = 0; i < matches->len; i++)
    {
      Match *m = &g_array_index (matches, Match, i);

      p = g_utf8_offset_to_pointer (p, m->start - at);
      m->start_byte = p - text;
      p = g_utf8_offset_to_pointer (p, m->end - m->start);
      m->end_byte = p - text;
      at = m->end;
    }
}

static gboolean
is_word_char (gunichar c)
{
  return g_unichar_isalnum (c) || c == '_' || g_unichar_ismark (c);
}

/* The character at P and the one after it; ASCII without decoding (most of
 * a body is ASCII, and this runs over every character of it). */
static inline gunichar
char_at (const char  *p,
         const char **next)
{
  if ((guchar) *p < 0x80)
    {
      *next = p + 1;
      return (guchar) *p;
    }
  *next = g_utf8_next_char (p);
  return g_utf8_get_char (p);
}

static inline gunichar
fold (gunichar c,
      gboolean case_sensitive)
{
  if (case_sensitive)
    return c;
  return c < 0x80 ? (gunichar) g_ascii_tolower ((char) c) : g_unichar_tolower (c);
}

/* The same matches found in the text itself, one pass: the search
 * context's own search asks the buffer for every match (a quarter of a
 * second for ten thousand). Plain text, as the bar searches: case folded
 * per character unless "Match case"; whole words bounded by non-word
 * characters. */
static GArray *
find_matches_in_text (const char *text,
                      const char *needle,
                      gboolean    case_sensitive,
                      gboolean    whole_words)
{
  GArray *matches = g_array_new (FALSE, FALSE, sizeof (Match));
  g_autofree gunichar *want = g_utf8_to_ucs4_fast (needle, -1, NULL);
  glong n_want = 0;
  gunichar prev = 0;
  int offset = 0;
  const char *p, *next;

  while (want[n_want] != 0)
    {
      want[n_want] = fold (want[n_want], case_sensitive);
      n_want++;
    }
  if (n_want == 0)
    return matches;

  for (p = text; *p; p = next, offset++)
    {
      gunichar c = char_at (p, &next);
      const char *q = p;
      glong i = 0;

      if (fold (c, case_sensitive) == want[0])
        {
          const char *r;

          for (i = 0; i < n_want && *q; i++, q = r)
            if (fold (char_at (q, &r), case_sensitive) != want[i])
              break;
        }

      if (i == n_want &&
          (!whole_words || ((prev == 0 || !is_word_char (prev)) && (*q == '\0' || !is_word_char (g_utf8_get_char (q))))))
        {
          Match m = { offset, offset + (int) n_want, p - text, q - text };

          g_array_append_val (matches, m);
          /* Past the match: matches never overlap. */
          offset += (int) n_want - 1;
          prev = g_utf8_get_char (g_utf8_prev_char (q));
          next = q;
          continue;
        }

      prev = c;
    }

  return matches;
}

/* The matches, found fast in TEXT when that agrees with the context (its
 * count, once it has scanned), else by the context itself. */
static GArray *
find_matches (WdSearchBar *self,
              const char  *text)
{
  GArray *matches;
  int count;

  matches = find_matches_in_text (text, gtk_source_search_settings_get_search_text (self->settings),
                                  gtk_source_search_settings_get_case_sensitive (self->settings),
                                  gtk_source_search_settings_get_at_word_boundaries (self->settings));

  count = gtk_source_search_context_get_occurrences_count (self->context);
  if (count >= 0 && (guint) count != matches->len)
    {
      g_debug ("the text has %u matches, the context %d: asking the context", matches->len, count);
      g_array_unref (matches);
      matches = collect_matches (self);
      locate_matches (matches, text);
    }

  return matches;
}

/* One edit for all of them: the span from the first match to the last is
 * rebuilt in memory, in one pass over the text, and put in its place.
 * Ten thousand replacements one by one are ten thousand edits for the
 * buffer, its undo history and every handler on it (seconds in a 1 MB
 * body: docs/BENCHMARKS.md); this is one delete and one insert, and one
 * undo step. */
guint
wd_search_bar_replace_all (WdSearchBar *self)
{
  g_autoptr(GArray) matches = NULL;
  g_autoptr(GString) rebuilt = NULL;
  g_autofree char *text = NULL;
  GtkTextBuffer *buffer;
  GtkTextIter from, to;
  const char *with;
  gsize copied;

  g_return_val_if_fail (WD_IS_SEARCH_BAR (self), 0);

  if (self->context == NULL || gtk_source_search_settings_get_search_text (self->settings) == NULL)
    return 0;

  buffer = get_buffer (self);
  gtk_text_buffer_get_bounds (buffer, &from, &to);
  text = gtk_text_buffer_get_text (buffer, &from, &to, TRUE);
  matches = find_matches (self, text);
  if (matches->len == 0)
    return 0;

  with = gtk_editable_get_text (GTK_EDITABLE (self->replace_entry));
  rebuilt = g_string_sized_new (g_array_index (matches, Match, matches->len - 1).end_byte -
                                g_array_index (matches, Match, 0).start_byte +
                                matches->len * strlen (with));
  copied = g_array_index (matches, Match, 0).start_byte;
  for (guint i = 0; i < matches->len; i++)
    {
      const Match *m = &g_array_index (matches, Match, i);

      g_string_append_len (rebuilt, text + copied, m->start_byte - copied);
      g_string_append (rebuilt, with);
      copied = m->end_byte;
    }
  gtk_text_buffer_get_iter_at_offset (buffer, &from, g_array_index (matches, Match, 0).start);
  gtk_text_buffer_get_iter_at_offset (buffer, &to, g_array_index (matches, Match, matches->len - 1).end);

  /* Without a context watching the edit: it would rescan for it, and a
   * new one scans the new text once, in idle. */
  g_signal_handlers_disconnect_by_func (buffer, update_count, self);
  g_clear_object (&self->context);

  gtk_text_buffer_begin_user_action (buffer);
  gtk_text_buffer_delete (buffer, &from, &to);
  gtk_text_buffer_insert (buffer, &from, rebuilt->str, rebuilt->len);
  gtk_text_buffer_end_user_action (buffer);
  gtk_text_buffer_place_cursor (buffer, &from);
  ensure_context (self);

  update_count (self);
  return matches->len;
}

static void
replace_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  replace_one (WD_SEARCH_BAR (widget));
}

static void
replace_all_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  wd_search_bar_replace_all (WD_SEARCH_BAR (widget));
}

static void
next_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  wd_search_bar_move (WD_SEARCH_BAR (widget), TRUE);
}

static void
previous_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  wd_search_bar_move (WD_SEARCH_BAR (widget), FALSE);
}

static void
close_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  wd_search_bar_close (WD_SEARCH_BAR (widget));
}

/* ----------------------------------------------------------------- public */

void
wd_search_bar_set_view (WdSearchBar   *self,
                        GtkSourceView *view,
                        WdTextScroll  *scroll)
{
  g_return_if_fail (WD_IS_SEARCH_BAR (self));
  g_return_if_fail (GTK_SOURCE_IS_VIEW (view));
  g_return_if_fail (scroll != NULL);

  self->view = view;
  self->scroll = scroll;
}

/* The context lives while the bar is open: closed, nothing scans the
 * buffer as it is typed into. */
static void
ensure_context (WdSearchBar *self)
{
  if (self->context != NULL)
    return;

  self->context = gtk_source_search_context_new (GTK_SOURCE_BUFFER (get_buffer (self)), self->settings);
  gtk_source_search_context_set_highlight (self->context, TRUE);
  g_signal_connect_object (self->context, "notify::occurrences-count", G_CALLBACK (update_count),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (get_buffer (self), "mark-set", G_CALLBACK (update_count),
                           self, G_CONNECT_SWAPPED);
}

void
wd_search_bar_open (WdSearchBar *self,
                    gboolean     replace)
{
  GtkTextBuffer *buffer;
  GtkTextIter start, end;

  g_return_if_fail (WD_IS_SEARCH_BAR (self));
  g_return_if_fail (self->view != NULL);

  buffer = get_buffer (self);
  ensure_context (self);

  /* A selection on one line is what to find. */
  if (gtk_text_buffer_get_selection_bounds (buffer, &start, &end) &&
      gtk_text_iter_get_line (&start) == gtk_text_iter_get_line (&end))
    {
      g_autofree char *selected = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);

      gtk_editable_set_text (GTK_EDITABLE (self->search_entry), selected);
      /* Now, not after the entry's typing delay. */
      gtk_source_search_settings_set_search_text (self->settings, *selected != '\0' ? selected : NULL);
    }

  gtk_toggle_button_set_active (self->replace_toggle, replace || gtk_toggle_button_get_active (self->replace_toggle));
  gtk_revealer_set_reveal_child (self->revealer, TRUE);
  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
  gtk_editable_select_region (GTK_EDITABLE (self->search_entry), 0, -1);
  update_count (self);
}

void
wd_search_bar_close (WdSearchBar *self)
{
  g_return_if_fail (WD_IS_SEARCH_BAR (self));

  g_cancellable_cancel (self->cancellable);
  gtk_revealer_set_reveal_child (self->revealer, FALSE);
  if (self->context != NULL)
    {
      g_signal_handlers_disconnect_by_func (get_buffer (self), update_count, self);
      g_clear_object (&self->context);
    }
  if (self->view != NULL)
    gtk_widget_grab_focus (GTK_WIDGET (self->view));
}

gboolean
wd_search_bar_is_open (WdSearchBar *self)
{
  g_return_val_if_fail (WD_IS_SEARCH_BAR (self), FALSE);
  return gtk_revealer_get_reveal_child (self->revealer);
}

GtkSourceSearchContext *
wd_search_bar_get_context (WdSearchBar *self)
{
  g_return_val_if_fail (WD_IS_SEARCH_BAR (self), NULL);
  return self->context;
}

/* ---------------------------------------------------------------- GObject */

static void
wd_search_bar_dispose (GObject *object)
{
  WdSearchBar *self = (WdSearchBar *)object;

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  if (self->context != NULL && self->view != NULL)
    g_signal_handlers_disconnect_by_func (get_buffer (self), update_count, self);
  g_clear_object (&self->context);
  g_clear_object (&self->settings);
  self->view = NULL;
  self->scroll = NULL;

  gtk_widget_dispose_template (GTK_WIDGET (self), WD_TYPE_SEARCH_BAR);

  G_OBJECT_CLASS (wd_search_bar_parent_class)->dispose (object);
}

static void
wd_search_bar_class_init (WdSearchBarClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = wd_search_bar_dispose;

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/wiredesk/Wiredesk/ui/wd-search-bar.ui");
  gtk_widget_class_bind_template_child (widget_class, WdSearchBar, revealer);
  gtk_widget_class_bind_template_child (widget_class, WdSearchBar, search_entry);
  gtk_widget_class_bind_template_child (widget_class, WdSearchBar, count_label);
  gtk_widget_class_bind_template_child (widget_class, WdSearchBar, case_button);
  gtk_widget_class_bind_template_child (widget_class, WdSearchBar, word_button);
  gtk_widget_class_bind_template_child (widget_class, WdSearchBar, replace_toggle);
  gtk_widget_class_bind_template_child (widget_class, WdSearchBar, replace_revealer);
  gtk_widget_class_bind_template_child (widget_class, WdSearchBar, replace_entry);
  gtk_widget_class_bind_template_callback (widget_class, on_search_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_search_activate);
  gtk_widget_class_bind_template_callback (widget_class, on_next_match);
  gtk_widget_class_bind_template_callback (widget_class, on_previous_match);
  gtk_widget_class_bind_template_callback (widget_class, on_stop_search);
  gtk_widget_class_bind_template_callback (widget_class, on_replace_activate);

  gtk_widget_class_install_action (widget_class, "search.next", NULL, next_action);
  gtk_widget_class_install_action (widget_class, "search.previous", NULL, previous_action);
  gtk_widget_class_install_action (widget_class, "search.replace", NULL, replace_action);
  gtk_widget_class_install_action (widget_class, "search.replace-all", NULL, replace_all_action);
  gtk_widget_class_install_action (widget_class, "search.close", NULL, close_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "search.close", NULL);
}

static void
wd_search_bar_init (WdSearchBar *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->settings = gtk_source_search_settings_new ();
  gtk_source_search_settings_set_wrap_around (self->settings, TRUE);

  g_object_bind_property (self->case_button, "active", self->settings, "case-sensitive", G_BINDING_SYNC_CREATE);
  g_object_bind_property (self->word_button, "active", self->settings, "at-word-boundaries", G_BINDING_SYNC_CREATE);
  g_object_bind_property (self->replace_toggle, "active", self->replace_revealer, "reveal-child",
                          G_BINDING_SYNC_CREATE);
}

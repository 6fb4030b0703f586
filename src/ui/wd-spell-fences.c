#define G_LOG_DOMAIN "wd-spell-fences"

#include "config.h"

#include <string.h>

#include "wd-spell-fences.h"

struct _WdSpellFences
{
  GtkTextBuffer *buffer;
  GPtrArray     *marks;    /* at the starts of the fence lines, in order */
  gboolean       stale;    /* an edit may have made or unmade one */
};

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
clear_fences (WdSpellFences *self)
{
  for (guint i = 0; i < self->marks->len; i++)
    gtk_text_buffer_delete_mark (self->buffer, g_ptr_array_index (self->marks, i));
  g_ptr_array_set_size (self->marks, 0);
}

static void
rebuild_fences (WdSpellFences *self)
{
  g_autofree char *text = NULL;
  GtkTextIter start, end;
  const char *p;
  int line = 0;

  clear_fences (self);
  self->stale = FALSE;

  gtk_text_buffer_get_bounds (self->buffer, &start, &end);
  text = gtk_text_buffer_get_slice (self->buffer, &start, &end, TRUE);

  for (p = text; p != NULL && *p != '\0'; line++)
    {
      if ((p[0] == '`' || p[0] == '~') && p[1] == p[0] && p[2] == p[0])
        {
          GtkTextIter at;

          gtk_text_buffer_get_iter_at_line (self->buffer, &at, line);
          g_ptr_array_add (self->marks, gtk_text_buffer_create_mark (self->buffer, NULL, &at, TRUE));
        }
      p = strchr (p, '\n');
      if (p != NULL)
        p++;
    }
}

/* Where text must start for the core to see the code blocks right at
 * @line_start: there, or at the fence that opened the block it is in. */
void
wd_spell_fences_context_start (WdSpellFences *self,
                               GtkTextIter   *line_start)
{
  GtkTextIter last_fence;
  guint before = 0;

  if (self->stale)
    rebuild_fences (self);

  for (guint i = 0; i < self->marks->len; i++)
    {
      GtkTextIter at;

      gtk_text_buffer_get_iter_at_mark (self->buffer, &at, g_ptr_array_index (self->marks, i));
      if (gtk_text_iter_compare (&at, line_start) >= 0)
        break;
      before++;
      last_fence = at;
    }

  if (before % 2 == 1)
    *line_start = last_fence;
}

WdSpellFences *
wd_spell_fences_new (GtkTextBuffer *buffer)
{
  WdSpellFences *self = g_new0 (WdSpellFences, 1);

  self->buffer = g_object_ref (buffer);
  self->marks = g_ptr_array_new ();
  self->stale = TRUE;

  return self;
}

void
wd_spell_fences_free (WdSpellFences *self)
{
  clear_fences (self);
  g_ptr_array_unref (self->marks);
  g_object_unref (self->buffer);
  g_free (self);
}

void
wd_spell_fences_insert_before (WdSpellFences     *self,
                               const GtkTextIter *location)
{
  GtkTextIter line = *location;

  gtk_text_iter_set_line_offset (&line, 0);
  if (!self->stale && line_is_fence (&line))
    self->stale = TRUE;
}

void
wd_spell_fences_inserted (WdSpellFences     *self,
                          const GtkTextIter *start,
                          const GtkTextIter *end,
                          const char        *text,
                          int                len)
{
  if (!self->stale && memchr (text, '\n', len) != NULL && touches_fence (start, end))
    self->stale = TRUE;
  if (!self->stale && (memchr (text, '`', len) != NULL || memchr (text, '~', len) != NULL))
    self->stale = touches_fence (start, end);
}

void
wd_spell_fences_delete_before (WdSpellFences     *self,
                               const GtkTextIter *start,
                               const GtkTextIter *end)
{
  if (!self->stale && touches_fence (start, end))
    self->stale = TRUE;
}

#define G_LOG_DOMAIN "wd-body-view"

#include "config.h"

#include <string.h>

#include "wd-body-view.h"

/* Chips with 1, 2 or 3+ digits reserve room for that many, and one
 * more for a mark ("!", "?"). */
#define N_PADS 4
#define MAX_DIGITS 3

struct _WdBodyView
{
  GtkSourceView  parent_instance;

  GHashTable    *numbers;          /* id → footnote number */
  GHashTable    *health;           /* id → WdChipHealth */
  GtkTextTag    *known_tag;        /* every marker citing a source */
  GtkTextTag    *unknown_tag;      /* markers citing none */
  GtkTextTag    *pad_tags[N_PADS]; /* the "[" of a folded marker */
  GtkTextTag    *fold_tag;         /* the rest of a folded marker */
  GtkTextMark   *open_start;       /* the marker shown as text (cursor in it) */
  GtkTextMark   *open_end;
  GdkRGBA        chip_bg[WD_CHIP_HEALTH_ERROR + 1];
  GdkRGBA        chip_fg[WD_CHIP_HEALTH_ERROR + 1];
};

G_DEFINE_FINAL_TYPE (WdBodyView, wd_body_view, GTK_SOURCE_TYPE_VIEW)

typedef struct
{
  guint start;
  guint end;
} Run;

static guint
n_digits (guint number)
{
  guint n = 1;

  while (number >= 10 && n < MAX_DIGITS)
    {
      number /= 10;
      n++;
    }

  return n;
}

static const char *
health_mark (WdChipHealth health)
{
  switch (health)
    {
    case WD_CHIP_HEALTH_ERROR:
      return "!";
    case WD_CHIP_HEALTH_WARNING:
      return "?";
    case WD_CHIP_HEALTH_OK:
    case WD_CHIP_HEALTH_UNCHECKED:
    default:
      return "";
    }
}

WdChipHealth
wd_body_view_get_health (WdBodyView *self,
                         const char *source_id)
{
  g_return_val_if_fail (WD_IS_BODY_VIEW (self), WD_CHIP_HEALTH_OK);

  if (self->health == NULL || source_id == NULL)
    return WD_CHIP_HEALTH_OK;

  return GPOINTER_TO_UINT (g_hash_table_lookup (self->health, source_id));
}

/* Which room the chip of @id takes: its digits and its mark. */
static guint
pad_index (WdBodyView *self,
           const char *id,
           guint       number)
{
  return n_digits (number) + (*health_mark (wd_body_view_get_health (self, id)) ? 1 : 0) - 1;
}

/* ------------------------------------------------------------- markers */

/* The marker around @iter inside a run of @tag: adjacent markers make
 * one run, so it is the "[^" before @iter and the "]" after it (an id
 * holds neither "[" nor "]"). */
static gboolean
marker_bounds (GtkTextTag        *tag,
               const GtkTextIter *iter,
               GtkTextIter       *start,
               GtkTextIter       *end)
{
  GtkTextIter run_start = *iter, run_end = *iter, at;
  g_autofree char *run = NULL;
  const char *here, *open = NULL, *close;

  if (!gtk_text_iter_has_tag (iter, tag))
    return FALSE;

  if (!gtk_text_iter_starts_tag (&run_start, tag))
    gtk_text_iter_backward_to_tag_toggle (&run_start, tag);
  gtk_text_iter_forward_to_tag_toggle (&run_end, tag);

  run = gtk_text_iter_get_text (&run_start, &run_end);
  here = g_utf8_offset_to_pointer (run, gtk_text_iter_get_offset (iter) - gtk_text_iter_get_offset (&run_start));

  for (const char *p = run; p <= here && *p; p++)
    if (p[0] == '[' && p[1] == '^')
      open = p;
  if (open == NULL || (close = strchr (open, ']')) == NULL)
    return FALSE;

  at = run_start;
  gtk_text_iter_forward_chars (&at, g_utf8_pointer_to_offset (run, open));
  *start = at;
  at = run_start;
  gtk_text_iter_forward_chars (&at, g_utf8_pointer_to_offset (run, close + 1));
  *end = at;

  return TRUE;
}

static char *
marker_id (const GtkTextIter *start,
           const GtkTextIter *end)
{
  g_autofree char *marker = gtk_text_iter_get_text (start, end);
  gsize len = strlen (marker);

  if (len < 4 || !g_str_has_prefix (marker, "[^") || marker[len - 1] != ']')
    return NULL;

  return g_strndup (marker + 2, len - 3);
}

char *
wd_body_view_dup_citation_at (WdBodyView        *self,
                              const GtkTextIter *iter)
{
  GtkTextIter start, end;

  g_return_val_if_fail (WD_IS_BODY_VIEW (self), NULL);

  if (!marker_bounds (self->known_tag, iter, &start, &end) &&
      !marker_bounds (self->unknown_tag, iter, &start, &end))
    return NULL;

  return marker_id (&start, &end);
}

guint
wd_body_view_get_number (WdBodyView *self,
                         const char *source_id)
{
  g_return_val_if_fail (WD_IS_BODY_VIEW (self), 0);

  if (self->numbers == NULL || source_id == NULL)
    return 0;

  return GPOINTER_TO_UINT (g_hash_table_lookup (self->numbers, source_id));
}

gboolean
wd_body_view_is_folded_at (WdBodyView        *self,
                           const GtkTextIter *iter)
{
  g_return_val_if_fail (WD_IS_BODY_VIEW (self), FALSE);

  return gtk_text_iter_has_tag (iter, self->fold_tag);
}

/* ------------------------------------------------------------- folding */

static void
fold (WdBodyView  *self,
      GtkTextIter *start,
      GtkTextIter *end,
      gboolean     folded)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (self));
  g_autofree char *id = marker_id (start, end);
  guint number = wd_body_view_get_number (self, id);
  GtkTextIter after_open = *start;

  gtk_text_iter_forward_char (&after_open);

  for (guint i = 0; i < N_PADS; i++)
    gtk_text_buffer_remove_tag (buffer, self->pad_tags[i], start, end);
  gtk_text_buffer_remove_tag (buffer, self->fold_tag, start, end);

  if (folded && number > 0)
    {
      gtk_text_buffer_apply_tag (buffer, self->pad_tags[pad_index (self, id, number)], start, &after_open);
      gtk_text_buffer_apply_tag (buffer, self->fold_tag, &after_open, end);
    }
}

/* The marker with the cursor strictly inside shows as text; the one it
 * left folds again. */
static void
update_open_marker (WdBodyView *self)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (self));
  GtkTextIter cursor, start, end, old_start, old_end;
  gboolean inside;

  gtk_text_buffer_get_iter_at_mark (buffer, &cursor, gtk_text_buffer_get_insert (buffer));
  inside = marker_bounds (self->known_tag, &cursor, &start, &end) &&
           !gtk_text_iter_equal (&cursor, &start);

  if (self->open_start != NULL)
    {
      gtk_text_buffer_get_iter_at_mark (buffer, &old_start, self->open_start);
      gtk_text_buffer_get_iter_at_mark (buffer, &old_end, self->open_end);

      if (inside && gtk_text_iter_equal (&old_start, &start) && gtk_text_iter_equal (&old_end, &end))
        return;

      if (gtk_text_iter_has_tag (&old_start, self->known_tag))
        fold (self, &old_start, &old_end, TRUE);
      gtk_text_buffer_delete_mark (buffer, self->open_start);
      gtk_text_buffer_delete_mark (buffer, self->open_end);
      self->open_start = self->open_end = NULL;
    }

  if (!inside)
    return;

  fold (self, &start, &end, FALSE);
  self->open_start = gtk_text_buffer_create_mark (buffer, NULL, &start, TRUE);
  self->open_end = gtk_text_buffer_create_mark (buffer, NULL, &end, FALSE);
}

/* ------------------------------------------------------------- tagging */

/* The runs @tag covers now. Walking the tag's toggles costs a step per
 * run, not per character. */
static GArray *
tagged_runs (GtkTextBuffer *buffer,
             GtkTextTag    *tag)
{
  GArray *runs = g_array_new (FALSE, FALSE, sizeof (Run));
  GtkTextIter iter;
  Run run = { 0, 0 };

  gtk_text_buffer_get_start_iter (buffer, &iter);
  if (!gtk_text_iter_starts_tag (&iter, tag) && !gtk_text_iter_forward_to_tag_toggle (&iter, tag))
    return runs;

  /* From outside the tag, toggles alternate: on, off, on, … */
  do
    {
      run.start = gtk_text_iter_get_offset (&iter);
      gtk_text_iter_forward_to_tag_toggle (&iter, tag);
      run.end = gtk_text_iter_get_offset (&iter);
      g_array_append_val (runs, run);
    }
  while (!gtk_text_iter_is_end (&iter) && gtk_text_iter_forward_to_tag_toggle (&iter, tag));

  return runs;
}

static void
add_run (GArray *runs,
         guint   start,
         guint   end)
{
  Run run = { start, end };

  /* Adjacent ranges are one run of a tag, as the buffer keeps them. */
  if (runs->len > 0 && g_array_index (runs, Run, runs->len - 1).end == start)
    g_array_index (runs, Run, runs->len - 1).end = end;
  else if (end > start)
    g_array_append_val (runs, run);
}

static gboolean
has_run (GArray    *runs,
         const Run *run)
{
  guint lo = 0, hi = runs->len;

  while (lo < hi)
    {
      guint mid = (lo + hi) / 2;
      const Run *r = &g_array_index (runs, Run, mid);

      if (r->start == run->start)
        return r->end == run->end;
      if (r->start < run->start)
        lo = mid + 1;
      else
        hi = mid;
    }

  return FALSE;
}

/* Changes only what differs: retagging a whole buffer would make the
 * view lay out all of its text again. */
static void
retag (GtkTextBuffer *buffer,
       GtkTextTag    *tag,
       GArray        *wanted)
{
  g_autoptr(GArray) now = tagged_runs (buffer, tag);
  GtkTextIter start, end;

  for (guint i = 0; i < now->len; i++)
    {
      const Run *run = &g_array_index (now, Run, i);

      if (has_run (wanted, run))
        continue;
      gtk_text_buffer_get_iter_at_offset (buffer, &start, run->start);
      gtk_text_buffer_get_iter_at_offset (buffer, &end, run->end);
      gtk_text_buffer_remove_tag (buffer, tag, &start, &end);
    }

  for (guint i = 0; i < wanted->len; i++)
    {
      const Run *run = &g_array_index (wanted, Run, i);

      if (has_run (now, run))
        continue;
      gtk_text_buffer_get_iter_at_offset (buffer, &start, run->start);
      gtk_text_buffer_get_iter_at_offset (buffer, &end, run->end);
      gtk_text_buffer_apply_tag (buffer, tag, &start, &end);
    }
}

void
wd_body_view_set_chips (WdBodyView *self,
                        GArray     *chips,
                        GHashTable *numbers,
                        GHashTable *health)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (self));
  g_autoptr(GArray) known = g_array_new (FALSE, FALSE, sizeof (Run));
  g_autoptr(GArray) unknown = g_array_new (FALSE, FALSE, sizeof (Run));
  g_autoptr(GArray) folds = g_array_new (FALSE, FALSE, sizeof (Run));
  GArray *pads[N_PADS];
  GtkTextIter cursor;
  guint at;

  g_return_if_fail (WD_IS_BODY_VIEW (self));
  g_return_if_fail (chips != NULL);

  g_clear_pointer (&self->numbers, g_hash_table_unref);
  self->numbers = numbers;
  g_clear_pointer (&self->health, g_hash_table_unref);
  self->health = health;

  /* The marker with the cursor in it stays text. */
  gtk_text_buffer_get_iter_at_mark (buffer, &cursor, gtk_text_buffer_get_insert (buffer));
  at = gtk_text_iter_get_offset (&cursor);

  for (guint i = 0; i < N_PADS; i++)
    pads[i] = g_array_new (FALSE, FALSE, sizeof (Run));

  for (guint i = 0; i < chips->len; i++)
    {
      const WdChip *chip = &g_array_index (chips, WdChip, i);

      if (chip->number == 0)
        {
          add_run (unknown, chip->start, chip->end);
          continue;
        }

      add_run (known, chip->start, chip->end);
      if (at > chip->start && at < chip->end)
        continue;
      add_run (pads[n_digits (chip->number) + (*health_mark (chip->health) ? 1 : 0) - 1],
               chip->start, chip->start + 1);
      add_run (folds, chip->start + 1, chip->end);
    }

  /* Folding tags last: they only ever sit on known markers. */
  retag (buffer, self->known_tag, known);
  retag (buffer, self->unknown_tag, unknown);
  for (guint i = 0; i < N_PADS; i++)
    {
      retag (buffer, self->pad_tags[i], pads[i]);
      g_array_unref (pads[i]);
    }
  retag (buffer, self->fold_tag, folds);

  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/* ------------------------------------------------------------- drawing */

static void
draw_chip (WdBodyView  *self,
           GtkSnapshot *snapshot,
           GtkTextIter *open)
{
  GtkTextIter start = *open, end;
  g_autofree char *id = NULL;
  g_autofree char *label = NULL;
  g_autoptr(PangoLayout) layout = NULL;
  GdkRectangle rect;
  GskRoundedRect pill;
  int width, height;
  guint number;
  WdChipHealth health;

  /* The fold runs from after the "[" to after the "]". */
  end = start;
  gtk_text_iter_forward_char (&end);
  gtk_text_iter_forward_to_tag_toggle (&end, self->fold_tag);
  id = marker_id (&start, &end);
  if ((number = wd_body_view_get_number (self, id)) == 0)
    return;

  health = wd_body_view_get_health (self, id);
  label = g_strdup_printf ("%u%s", number, health_mark (health));
  layout = gtk_widget_create_pango_layout (GTK_WIDGET (self), label);
  {
    PangoAttrList *attrs = pango_attr_list_new ();

    pango_attr_list_insert (attrs, pango_attr_scale_new (0.75));
    pango_attr_list_insert (attrs, pango_attr_weight_new (PANGO_WEIGHT_BOLD));
    pango_layout_set_attributes (layout, attrs);
    pango_attr_list_unref (attrs);
  }
  pango_layout_get_pixel_size (layout, &width, &height);

  gtk_text_view_get_iter_location (GTK_TEXT_VIEW (self), &start, &rect);

  /* A pill on the text's middle, in the room the "[" keeps. */
  gsk_rounded_rect_init_from_rect (&pill,
                                   &GRAPHENE_RECT_INIT (rect.x + 1,
                                                        rect.y + (rect.height - height) / 2.0 - 1,
                                                        MAX (rect.width - 2, width + 8),
                                                        height + 2),
                                   (height + 2) / 2.0);
  gtk_snapshot_push_rounded_clip (snapshot, &pill);
  gtk_snapshot_append_color (snapshot, &self->chip_bg[health], &pill.bounds);
  gtk_snapshot_pop (snapshot);

  gtk_snapshot_save (snapshot);
  gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT (pill.bounds.origin.x + (pill.bounds.size.width - width) / 2.0,
                                                          pill.bounds.origin.y + 1));
  gtk_snapshot_append_layout (snapshot, layout, &self->chip_fg[health]);
  gtk_snapshot_restore (snapshot);
}

static void
wd_body_view_snapshot_layer (GtkTextView      *text_view,
                             GtkTextViewLayer  layer,
                             GtkSnapshot      *snapshot)
{
  WdBodyView *self = WD_BODY_VIEW (text_view);
  GdkRectangle visible;
  GtkTextIter iter, last;

  GTK_TEXT_VIEW_CLASS (wd_body_view_parent_class)->snapshot_layer (text_view, layer, snapshot);

  if (layer != GTK_TEXT_VIEW_LAYER_ABOVE_TEXT || self->numbers == NULL)
    return;

  /* Only the chips in sight. */
  gtk_text_view_get_visible_rect (text_view, &visible);
  gtk_text_view_get_line_at_y (text_view, &iter, visible.y, NULL);
  gtk_text_view_get_line_at_y (text_view, &last, visible.y + visible.height, NULL);
  gtk_text_iter_forward_to_line_end (&last);

  for (guint i = 0; i < N_PADS; i++)
    {
      GtkTextIter at = iter;

      if (!gtk_text_iter_starts_tag (&at, self->pad_tags[i]))
        gtk_text_iter_forward_to_tag_toggle (&at, self->pad_tags[i]);

      while (gtk_text_iter_compare (&at, &last) <= 0 && !gtk_text_iter_is_end (&at))
        {
          if (gtk_text_iter_starts_tag (&at, self->pad_tags[i]))
            draw_chip (self, snapshot, &at);
          if (!gtk_text_iter_forward_to_tag_toggle (&at, self->pad_tags[i]))
            break;
        }
    }
}

/* -------------------------------------------------------------- styling */

void
wd_body_view_set_dark (WdBodyView *self,
                       gboolean    dark)
{
  const GdkRGBA hidden = { 1, 1, 1, 0.004 };
  GdkRGBA fg, bg, error_fg, error_bg, page;

  g_return_if_fail (WD_IS_BODY_VIEW (self));

  /* Adwaita's accent and error colours, light and dark. */
  gdk_rgba_parse (&fg, dark ? "#78aeed" : "#1a5fb4");
  gdk_rgba_parse (&bg, dark ? "rgba(120,174,237,0.20)" : "rgba(53,132,228,0.14)");
  gdk_rgba_parse (&error_fg, dark ? "#ff7b63" : "#c01c28");
  gdk_rgba_parse (&error_bg, dark ? "rgba(255,123,99,0.18)" : "rgba(224,27,36,0.12)");
  /* Chips in Adwaita's palette: accent, grey, yellow (dark text), red. */
  gdk_rgba_parse (&self->chip_bg[WD_CHIP_HEALTH_OK], "#3584e4");
  gdk_rgba_parse (&self->chip_bg[WD_CHIP_HEALTH_UNCHECKED], dark ? "#77767b" : "#9a9996");
  gdk_rgba_parse (&self->chip_bg[WD_CHIP_HEALTH_WARNING], dark ? "#cd9309" : "#f5c211");
  gdk_rgba_parse (&self->chip_bg[WD_CHIP_HEALTH_ERROR], dark ? "#c01c28" : "#e01b24");
  for (guint i = 0; i < G_N_ELEMENTS (self->chip_fg); i++)
    gdk_rgba_parse (&self->chip_fg[i], i == WD_CHIP_HEALTH_WARNING ? "#000000" : "#ffffff");

  g_object_set (self->known_tag, "foreground-rgba", &fg, "background-rgba", &bg, NULL);
  /* Next to invisible, under the chip. (Fully transparent text is drawn
   * black by GTK 4.8's text renderer in places.) */
  gdk_rgba_parse (&page, dark ? "#1e1e1e" : "#ffffff");   /* Adwaita's view background */
  for (guint i = 0; i < N_PADS; i++)
    g_object_set (self->pad_tags[i], "foreground-rgba", &hidden, "background-rgba", &page, NULL);
  g_object_set (self->fold_tag, "foreground-rgba", &hidden, "background-rgba", &page, NULL);
  g_object_set (self->unknown_tag, "foreground-rgba", &error_fg, "background-rgba", &error_bg, NULL);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
create_tags (WdBodyView *self)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (self));
  g_autoptr(PangoLayout) layout = NULL;
  int digit_width, pad;

  /* As text: smaller, bold, tinted. */
  self->known_tag = gtk_text_buffer_create_tag (buffer, "wd-citation",
                                                "scale", 0.8, "weight", 600, NULL);
  self->unknown_tag = gtk_text_buffer_create_tag (buffer, "wd-unknown-citation",
                                                  "scale", 0.8, "weight", 600,
                                                  "underline", PANGO_UNDERLINE_ERROR, NULL);

  /* As a chip: the "[" is widened into the chip's room, the rest takes
   * next to no room; neither is painted (the chip is drawn over). */
  layout = gtk_widget_create_pango_layout (GTK_WIDGET (self), "0");
  pango_layout_get_pixel_size (layout, &digit_width, NULL);

  for (guint i = 0; i < N_PADS; i++)
    {
      g_autofree char *name = g_strdup_printf ("wd-citation-chip-%u", i + 1);

      pad = (int) ((i + 1) * digit_width * 0.8) + 10;
      self->pad_tags[i] = gtk_text_buffer_create_tag (buffer, name,
                                                      "letter-spacing", pad * PANGO_SCALE,
                                                      NULL);
    }
  self->fold_tag = gtk_text_buffer_create_tag (buffer, "wd-citation-folded",
                                               "scale", 0.02,
                                               NULL);
}

/* ------------------------------------------------------------- GObject */

static void
wd_body_view_dispose (GObject *object)
{
  WdBodyView *self = (WdBodyView *)object;

  g_clear_pointer (&self->numbers, g_hash_table_unref);
  g_clear_pointer (&self->health, g_hash_table_unref);

  G_OBJECT_CLASS (wd_body_view_parent_class)->dispose (object);
}

static void
wd_body_view_class_init (WdBodyViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkTextViewClass *text_view_class = GTK_TEXT_VIEW_CLASS (klass);

  object_class->dispose = wd_body_view_dispose;
  text_view_class->snapshot_layer = wd_body_view_snapshot_layer;
}

static void
wd_body_view_init (WdBodyView *self)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (self));

  create_tags (self);
  wd_body_view_set_dark (self, FALSE);

  g_signal_connect_object (buffer, "notify::cursor-position", G_CALLBACK (update_open_marker),
                           self, G_CONNECT_SWAPPED);
}

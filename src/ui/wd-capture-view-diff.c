/* wd-capture-view-diff.c: What Changed — the word diff between a
 * source's baseline capture and a later one, the passages the article
 * quotes that changed first, then the whole page. Compared in the
 * capture view's worker, shown in its diff view. */
#define G_LOG_DOMAIN "wd-capture-view"

#include "config.h"

#include <glib/gi18n.h>

#include "wd-capture-view-private.h"
#include "wd-diff.h"
#include "wd-quote-locate.h"
#include "wd-ui-util.h"

/* Unchanged stretches of the diff longer than this many words on a side
 * are shortened, so that the changes stand out in a long page. */
#define DIFF_CONTEXT_WORDS 30

#define HEADING_TAG "wd-diff-heading"

struct _WdCaptureDiff
{
  char   *old_text;   /* baseline → later capture; NULL: nothing compared */
  char   *new_text;
  GArray *segments;   /* WdDiffSegment */
  GArray *passages;   /* WdQuoteRange: the quoted passages in old_text */
  char   *note;       /* what the diff shows, or why there is none */
};

/* ------------------------------------------------------------ comparing */

/* The passages of the baseline's text the article quotes (first part to
 * last), for What Changed to show first. */
static GArray *
cited_passages (const char         *body,
                const char         *source_id,
                const char * const *source_ids,
                const char         *old_text)
{
  g_autoptr(GPtrArray) quotes = _wd_capture_quotes_against (body, source_id, source_ids, old_text);
  GArray *passages = g_array_new (FALSE, FALSE, sizeof (WdQuoteRange));

  for (guint i = 0; i < quotes->len; i++)
    {
      g_autoptr(GArray) ranges = _wd_capture_quote_locate (g_ptr_array_index (quotes, i), old_text);
      WdQuoteRange whole;

      if (ranges == NULL)
        continue;
      whole.start = g_array_index (ranges, WdQuoteRange, 0).start;
      whole.end = g_array_index (ranges, WdQuoteRange, ranges->len - 1).end;
      g_array_append_val (passages, whole);
    }
  return passages;
}

WdCaptureDiff *
_wd_capture_diff_new (WdEvidencePackage  *package,
                      const char         *record_id,
                      const char         *baseline_id,
                      const char         *latest_id,
                      const char         *body,
                      const char         *source_id,
                      const char * const *source_ids)
{
  WdCaptureDiff *diff = g_new0 (WdCaptureDiff, 1);
  g_autoptr(GError) error = NULL;
  const char *old_id, *new_id;
  g_autofree char *old_text = NULL;
  g_autofree char *new_text = NULL;
  guint added = 0, removed = 0;

  /* The baseline against the capture shown; the baseline itself against
   * the latest. */
  old_id = baseline_id;
  new_id = g_strcmp0 (record_id, baseline_id) == 0 ? latest_id : record_id;

  if (old_id == NULL)
    {
      diff->note = g_strdup (_("This source has no capture of a live page to compare with."));
      return diff;
    }
  if (new_id == NULL || g_str_equal (old_id, new_id))
    {
      diff->note = g_strdup (_("Only one capture of this page so far: nothing to compare yet."));
      return diff;
    }

  old_text = _wd_capture_read_text (package, old_id, &error);
  if (error == NULL)
    new_text = _wd_capture_read_text (package, new_id, &error);
  if (error != NULL)
    {
      diff->note = g_strdup_printf (_("The captures cannot be compared: %s"), error->message);
      return diff;
    }
  if (old_text == NULL || new_text == NULL)
    {
      diff->note = g_strdup (_("One of the two captures has no text: it was not a page."));
      return diff;
    }

  diff->segments = wd_diff_words (old_text, new_text);
  wd_diff_count_words (old_text, new_text, diff->segments, &added, &removed);
  if (body != NULL)
    diff->passages = cited_passages (body, source_id, source_ids, old_text);
  if (added == 0 && removed == 0)
    diff->note = g_strdup (_("The page’s text is the same as in the baseline."));
  else
    /* TRANSLATORS: the word diff of a source's captures */
    diff->note = g_strdup_printf (_("From the baseline to the later capture: %u words added, %u removed."),
                                  added, removed);
  diff->old_text = g_steal_pointer (&old_text);
  diff->new_text = g_steal_pointer (&new_text);
  return diff;
}

void
_wd_capture_diff_free (WdCaptureDiff *diff)
{
  if (diff == NULL)
    return;
  g_free (diff->old_text);
  g_free (diff->new_text);
  g_clear_pointer (&diff->segments, g_array_unref);
  g_clear_pointer (&diff->passages, g_array_unref);
  g_free (diff->note);
  g_free (diff);
}

/* ---------------------------------------------------------------- showing */

void
_wd_capture_diff_add_tags (GtkTextBuffer *buffer)
{
  gtk_text_buffer_create_tag (buffer, WD_CAPTURE_DIFF_ADDED_TAG, "underline", PANGO_UNDERLINE_SINGLE, NULL);
  gtk_text_buffer_create_tag (buffer, WD_CAPTURE_DIFF_REMOVED_TAG, "strikethrough", TRUE, NULL);
  gtk_text_buffer_create_tag (buffer, HEADING_TAG, "weight", PANGO_WEIGHT_BOLD, "pixels-below-lines", 6, NULL);
}

/* The diff of one passage [@from, @to) of the old text: the segments
 * that touch it, cut to it. FALSE (nothing appended) when it did not
 * change. */
static gboolean
append_passage_diff (GtkTextBuffer *buffer,
                     WdCaptureDiff *diff,
                     gsize          from,
                     gsize          to)
{
  g_autoptr(GArray) cut = g_array_new (FALSE, FALSE, sizeof (WdDiffSegment));
  gboolean changed = FALSE;
  gsize a = 0;

  for (guint i = 0; i < diff->segments->len; i++)
    {
      WdDiffSegment seg = g_array_index (diff->segments, WdDiffSegment, i);

      if (seg.op == WD_DIFF_INSERT)
        {
          if (a >= from && a <= to)
            {
              g_array_append_val (cut, seg);
              changed = TRUE;
            }
          continue;
        }

      a = seg.a_start + seg.len;
      if (seg.a_start >= to || a <= from)
        continue;
      /* Cut to the passage: old-text offsets only (EQUAL and DELETE are
       * rendered from the old text). */
      {
        gsize start = MAX (seg.a_start, from);
        gsize end = MIN (a, to);

        seg.b_start += start - seg.a_start;
        seg.a_start = start;
        seg.len = end - start;
      }
      changed |= seg.op == WD_DIFF_DELETE;
      g_array_append_val (cut, seg);
    }

  if (changed)
    {
      _wd_text_buffer_append (buffer, "… ", -1, NULL);
      _wd_text_buffer_append_diff (buffer, diff->old_text, diff->new_text, cut, 0,
                                   WD_CAPTURE_DIFF_REMOVED_TAG, WD_CAPTURE_DIFF_ADDED_TAG);
      _wd_text_buffer_append (buffer, " …\n", -1, NULL);
    }
  return changed;
}

/* Quoted passages that changed first, then the whole page. */
static void
show_diff (GtkTextBuffer *buffer,
           WdCaptureDiff *diff)
{
  gboolean any = FALSE;

  if (diff->passages != NULL && diff->passages->len > 0)
    {
      _wd_text_buffer_append (buffer, _("Quoted passages that changed"), -1, HEADING_TAG);
      _wd_text_buffer_append (buffer, "\n", -1, NULL);
    }
  for (guint i = 0; diff->passages != NULL && i < diff->passages->len; i++)
    {
      const WdQuoteRange *r = &g_array_index (diff->passages, WdQuoteRange, i);

      any |= append_passage_diff (buffer, diff, r->start, r->end);
    }
  if (any)
    {
      _wd_text_buffer_append (buffer, "\n", -1, NULL);
      _wd_text_buffer_append (buffer, _("The whole page"), -1, HEADING_TAG);
      _wd_text_buffer_append (buffer, "\n", -1, NULL);
    }
  else
    gtk_text_buffer_set_text (buffer, "", 0);
  _wd_text_buffer_append_diff (buffer, diff->old_text, diff->new_text, diff->segments,
                               DIFF_CONTEXT_WORDS, WD_CAPTURE_DIFF_REMOVED_TAG, WD_CAPTURE_DIFF_ADDED_TAG);
}

void
_wd_capture_diff_show (WdCaptureDiff *diff,
                       GtkTextBuffer *buffer,
                       GtkLabel      *note)
{
  gtk_text_buffer_set_text (buffer, "", 0);
  gtk_label_set_text (note, diff != NULL && diff->note != NULL ? diff->note : "");
  if (diff != NULL && diff->segments != NULL)
    show_diff (buffer, diff);
}

gboolean
_wd_capture_diff_query_tooltip (WdCaptureView *self,
                                int            x,
                                int            y,
                                gboolean       keyboard_mode,
                                GtkTooltip    *tooltip)
{
  GtkTextView *diff_view = wd_capture_view_get_diff_view (self);
  GtkTextTagTable *table = gtk_text_buffer_get_tag_table (gtk_text_view_get_buffer (diff_view));
  GtkTextIter iter;

  if (!_wd_text_view_tooltip_iter (diff_view, x, y, keyboard_mode, &iter))
    return FALSE;

  if (gtk_text_iter_has_tag (&iter, gtk_text_tag_table_lookup (table, WD_CAPTURE_DIFF_ADDED_TAG)))
    gtk_tooltip_set_text (tooltip, _("Added since the baseline"));
  else if (gtk_text_iter_has_tag (&iter, gtk_text_tag_table_lookup (table, WD_CAPTURE_DIFF_REMOVED_TAG)))
    gtk_tooltip_set_text (tooltip, _("Gone since the baseline"));
  else
    return FALSE;
  return TRUE;
}

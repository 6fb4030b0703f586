/* wd-window-sources.c: removing a source (Undo in a toast; when the text
 * cites it, a question first: its citations go too, or stay and point
 * nowhere) and the audit's fix for a moved source. */
#define G_LOG_DOMAIN "wd-window-sources"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "wd-ui-util.h"
#include "wd-window-private.h"

/* A citation taken out of the body: where it was (a mark, which follows
 * later edits) and its text. */
typedef struct
{
  GtkTextMark *mark;
  char        *text;
} Cut;

/* Characters [start, end) of the body. */
typedef struct
{
  guint start;
  guint end;
} Run;

/* A removed source, kept for the "Undo" of its toast. */
typedef struct
{
  WdArticle     *article;
  WdSource      *source;
  guint          position;
  GtkTextBuffer *buffer;
  GArray        *cuts;      /* Cut, in body order */
} Removal;

static void
clear_cut (gpointer data)
{
  Cut *cut = data;

  if (!gtk_text_mark_get_deleted (cut->mark))
    gtk_text_buffer_delete_mark (gtk_text_mark_get_buffer (cut->mark), cut->mark);
  g_object_unref (cut->mark);
  g_free (cut->text);
}

static void
removal_free (Removal *removal)
{
  g_clear_pointer (&removal->cuts, g_array_unref);
  g_clear_object (&removal->buffer);
  g_clear_object (&removal->article);
  g_clear_object (&removal->source);
  g_free (removal);
}

void
_wd_window_init_removals (WdWindow *self)
{
  self->removals = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) removal_free);
}

void
_wd_window_clear_removals (WdWindow *self)
{
  if (self->removals != NULL)
    g_hash_table_remove_all (self->removals);
}

/* Takes @source's citations out of the buffer as one undoable edit. The
 * core decides what goes (wd_citations_remove_source(): the markers, and
 * a space they leave dangling); the buffer loses exactly those
 * characters, found by walking the text and its trimmed copy side by
 * side: the copy only lacks characters, so the first match is right. */
static GArray *
cut_citations (WdWindow *self,
               WdSource *source)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (self->body));
  g_autofree char *text = _wd_window_dup_body_text (self);
  g_autofree char *trimmed = NULL;
  g_autoptr(GArray) runs = g_array_new (FALSE, FALSE, sizeof (Run));
  GArray *cuts;
  const char *o, *t;
  guint offset = 0, removed = 0;

  trimmed = wd_citations_remove_source (text, wd_source_get_id (source), &removed);
  if (removed == 0)
    return NULL;

  for (o = text, t = trimmed; *o; o = g_utf8_next_char (o), offset++)
    {
      if (*t && g_utf8_get_char (o) == g_utf8_get_char (t))
        {
          t = g_utf8_next_char (t);
          continue;
        }

      /* Extend the run this character ends, or start one. */
      if (runs->len > 0 && g_array_index (runs, Run, runs->len - 1).end == offset)
        g_array_index (runs, Run, runs->len - 1).end = offset + 1;
      else
        {
          Run run = { offset, offset + 1 };

          g_array_append_val (runs, run);
        }
    }

  /* The core only ever deletes (its contract, fuzzed); should that change,
   * the removal is still done, as one edit the body's own Undo reverts. */
  if (*t != '\0')
    {
      g_debug ("Citation removal is not a pure deletion; replacing the text");
      gtk_text_buffer_begin_user_action (buffer);
      gtk_text_buffer_set_text (buffer, trimmed, -1);
      gtk_text_buffer_end_user_action (buffer);
      return NULL;
    }

  cuts = g_array_sized_new (FALSE, TRUE, sizeof (Cut), runs->len);
  g_array_set_clear_func (cuts, clear_cut);
  g_array_set_size (cuts, runs->len);

  /* Last first: the offsets before a cut stay valid. */
  gtk_text_buffer_begin_user_action (buffer);
  for (guint i = runs->len; i-- > 0;)
    {
      Cut *cut = &g_array_index (cuts, Cut, i);
      GtkTextIter start, end;

      gtk_text_buffer_get_iter_at_offset (buffer, &start, g_array_index (runs, Run, i).start);
      gtk_text_buffer_get_iter_at_offset (buffer, &end, g_array_index (runs, Run, i).end);
      cut->text = gtk_text_buffer_get_text (buffer, &start, &end, TRUE);
      gtk_text_buffer_delete (buffer, &start, &end);
      cut->mark = g_object_ref (gtk_text_buffer_create_mark (buffer, NULL, &start, TRUE));
    }
  gtk_text_buffer_end_user_action (buffer);

  return cuts;
}

static void
restore_citations (GArray *cuts)
{
  GtkTextBuffer *buffer;

  if (cuts == NULL || cuts->len == 0)
    return;

  buffer = gtk_text_mark_get_buffer (g_array_index (cuts, Cut, 0).mark);
  if (buffer == NULL)
    return;

  gtk_text_buffer_begin_user_action (buffer);
  for (guint i = 0; i < cuts->len; i++)
    {
      Cut *cut = &g_array_index (cuts, Cut, i);
      GtkTextIter at;

      gtk_text_buffer_get_iter_at_mark (buffer, &at, cut->mark);
      gtk_text_buffer_insert (buffer, &at, cut->text, -1);
    }
  gtk_text_buffer_end_user_action (buffer);
}

static void
remove_source (WdWindow *self,
               WdSource *source,
               gboolean  with_citations)
{
  Removal *removal = g_new0 (Removal, 1);
  g_autofree char *name = wd_source_dup_display_name (source);
  g_autofree char *title = NULL;
  AdwToast *toast;
  int position;

  removal->article = g_object_ref (self->article);
  removal->source = g_object_ref (source);
  removal->buffer = g_object_ref (gtk_text_view_get_buffer (GTK_TEXT_VIEW (self->body)));
  if (with_citations)
    removal->cuts = cut_citations (self, source);

  position = wd_article_remove_source (self->article, source);
  g_assert (position >= 0);
  removal->position = position;

  if (removal->cuts != NULL)
    title = g_strdup_printf (ngettext ("Removed “%s” and %u citation", "Removed “%s” and %u citations",
                                       removal->cuts->len),
                             name, removal->cuts->len);
  else
    title = g_strdup_printf (_("Removed “%s”"), name);

  g_hash_table_replace (self->removals, g_strdup (wd_source_get_id (source)), removal);

  toast = _wd_toast_new (title);
  adw_toast_set_button_label (toast, _("_Undo"));
  adw_toast_set_action_name (toast, "win.undo-remove-source");
  adw_toast_set_action_target_value (toast, g_variant_new_string (wd_source_get_id (source)));
  adw_toast_set_priority (toast, ADW_TOAST_PRIORITY_HIGH);
  adw_toast_overlay_add_toast (self->toasts, toast);
}

static void
cited_response (AdwMessageDialog *dialog,
                const char       *response,
                WdWindow         *self)
{
  const char *id = g_object_get_data (G_OBJECT (dialog), "wd-source-id");
  WdSource *source = self->article ? wd_article_find_source_by_id (self->article, id) : NULL;

  /* Only if the source is still there (the document may have changed). */
  if (source == NULL || g_str_equal (response, "cancel"))
    return;

  remove_source (self, source, g_str_equal (response, "remove-citations"));
}

static void
remove_source_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  WdWindow *self = WD_WINDOW (widget);
  const char *id = g_variant_get_string (parameter, NULL);
  WdSource *source = self->article ? wd_article_find_source_by_id (self->article, id) : NULL;
  g_autofree char *name = NULL;
  g_autofree char *body = NULL;
  AdwMessageDialog *dialog;
  guint cited;

  if (source == NULL)
    return;

  _wd_window_sync_body (self);
  cited = wd_citations_count_source (wd_article_get_body (self->article), id);
  if (cited == 0)
    {
      remove_source (self, source, FALSE);
      return;
    }

  name = wd_source_dup_display_name (source);
  body = g_strdup_printf (ngettext ("The text cites “%s” %u time. A citation of a removed source points "
                                    "nowhere, and the audit counts it as an error.",
                                    "The text cites “%s” %u times. A citation of a removed source points "
                                    "nowhere, and the audit counts it as an error.", cited),
                          name, cited);
  dialog = _wd_ask (GTK_WINDOW (self), _("Remove a Cited Source?"), body,
                    "cancel", _("_Cancel"),
                    "keep", _("_Keep Citations"),
                    "remove-citations", _("Remove _Citations Too"), TRUE,
                    G_CALLBACK (cited_response), self);
  g_object_set_data_full (G_OBJECT (dialog), "wd-source-id", g_strdup (id), g_free);
}

static void
undo_remove_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  WdWindow *self = WD_WINDOW (widget);
  const char *id = g_variant_get_string (parameter, NULL);
  Removal *removal = g_hash_table_lookup (self->removals, id);
  g_autoptr(GError) error = NULL;

  /* Only into the document it was removed from, and only once. */
  if (removal == NULL || removal->article != self->article)
    return;

  if (!wd_article_insert_source (removal->article, removal->position, removal->source, &error))
    {
      g_autofree char *message = g_strdup_printf (_("Could not restore the source: %s"), error->message);

      _wd_window_toast (self, message);
    }
  else
    restore_citations (removal->cuts);

  g_hash_table_remove (self->removals, id);
}

/* ---------------------------------------------------------------- the fix */

static void
use_replacement_action (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  WdWindow *self = WD_WINDOW (widget);
  const char *id, *url;
  g_autofree char *old = NULL;
  g_autofree char *title = NULL;
  WdSource *source, *other;
  AdwToast *toast;

  g_variant_get (parameter, "(&s&s)", &id, &url);
  if (self->article == NULL || (source = wd_article_find_source_by_id (self->article, id)) == NULL ||
      g_str_equal (wd_source_get_url (source), url))
    return;

  other = wd_article_find_source (self->article, url);
  if (other != NULL && other != source)
    {
      _wd_window_toast (self, _("Another source already has that address"));
      return;
    }

  old = g_strdup (wd_source_get_url (source));
  wd_source_set_url (source, url);

  title = g_strdup_printf (_("Now attached: %s"), url);
  toast = _wd_toast_new (title);
  adw_toast_set_button_label (toast, _("_Undo"));
  adw_toast_set_action_name (toast, "win.use-replacement");
  adw_toast_set_action_target (toast, "(ss)", id, old);
  adw_toast_overlay_add_toast (self->toasts, toast);
}

/* Undo of adding sources: each one goes again, unless the text cites it
 * by now (taking it would leave citations of nothing). */
static void
undo_add_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  WdWindow *self = WD_WINDOW (widget);
  g_autofree const char **ids = g_variant_get_strv (parameter, NULL);
  guint removed = 0, kept = 0;

  if (self->article == NULL)
    return;

  _wd_window_sync_body (self);
  for (guint i = 0; ids[i] != NULL; i++)
    {
      WdSource *source = wd_article_find_source_by_id (self->article, ids[i]);

      if (source == NULL)
        continue;
      if (wd_citations_count_source (wd_article_get_body (self->article), ids[i]) > 0)
        kept++;
      else if (wd_article_remove_source (self->article, source) >= 0)
        removed++;
    }

  if (kept > 0)
    {
      g_autofree char *message = g_strdup_printf (ngettext ("Kept %u source the text cites now",
                                                            "Kept %u sources the text cites now", kept),
                                                  kept);

      _wd_window_toast (self, message);
    }
}

void
_wd_window_class_init_sources (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "win.undo-add-sources", "as", undo_add_action);
  gtk_widget_class_install_action (widget_class, "win.remove-source", "s", remove_source_action);
  gtk_widget_class_install_action (widget_class, "win.undo-remove-source", "s", undo_remove_action);
  gtk_widget_class_install_action (widget_class, "win.use-replacement", "(ss)", use_replacement_action);
}

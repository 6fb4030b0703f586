/* wd-window-drafts.c: never lose a word. The first change after a save
 * arms a timer (throttle, not debounce: steady typing is still saved);
 * when it fires the document is snapshot on the main thread and written
 * by the draft store's worker. */
#define G_LOG_DOMAIN "wd-window-drafts"

#include "config.h"

#include <glib/gi18n.h>

#include "wd-window-private.h"

/* How long after a change its draft is written, at the latest. */
#define DRAFT_DELAY_MS 1000

static void write_draft (WdWindow *self);

static void
draft_saved_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(WdWindow) self = user_data;
  g_autoptr(GError) error = NULL;
  GApplication *app = G_APPLICATION (gtk_window_get_application (GTK_WINDOW (self)));

  self->draft_saving = FALSE;
  if (app != NULL)
    g_application_release (app);

  if (!wd_draft_store_save_finish (WD_DRAFT_STORE (object), result, &error))
    {
      g_autofree char *message =
        g_strdup_printf (_("Unsaved changes cannot be kept safe: %s"), error->message);

      self->drafts_failing = TRUE;
      _wd_window_show_info (self, message);
    }
  else if (self->drafts_failing)
    {
      self->drafts_failing = FALSE;
      _wd_window_show_info (self, NULL);
    }

  if (self->draft_pending)
    {
      self->draft_pending = FALSE;
      _wd_window_schedule_draft (self);
    }
}

static void
write_draft (WdWindow *self)
{
  WdDraftStore *store = _wd_window_get_draft_store (self);
  GApplication *app = G_APPLICATION (gtk_window_get_application (GTK_WINDOW (self)));
  g_autoptr(GBytes) bytes = NULL;
  g_autofree char *uri = NULL;

  if (store == NULL || !wd_window_get_modified (self) || self->article == NULL)
    return;

  _wd_window_sync_body (self);
  bytes = wd_native_format_serialize (self->article);

  if (self->draft_id == NULL)
    self->draft_id = g_uuid_string_random ();
  if (self->file != NULL)
    uri = g_file_get_uri (self->file);

  self->draft_saving = TRUE;
  /* Keep the application alive until the draft is on disk. */
  g_application_hold (app);
  wd_draft_store_save_async (store, self->draft_id, bytes, uri, self->etag,
                             wd_article_get_headline (self->article),
                             NULL, draft_saved_cb, g_object_ref (self));
}

static gboolean
draft_timeout (gpointer user_data)
{
  WdWindow *self = user_data;

  self->draft_source = 0;
  write_draft (self);

  return G_SOURCE_REMOVE;
}

void
_wd_window_schedule_draft (WdWindow *self)
{
  if (self->draft_saving)
    {
      self->draft_pending = TRUE;
      return;
    }

  if (self->draft_source == 0 && _wd_window_get_draft_store (self) != NULL)
    self->draft_source = g_timeout_add (DRAFT_DELAY_MS, draft_timeout, self);
}

void
_wd_window_discard_draft (WdWindow *self)
{
  WdDraftStore *store = _wd_window_get_draft_store (self);

  g_clear_handle_id (&self->draft_source, g_source_remove);
  self->draft_pending = FALSE;

  if (store != NULL && self->draft_id != NULL)
    wd_draft_store_remove (store, self->draft_id);

  g_clear_pointer (&self->draft_id, g_free);
}

/* wd-window-evidence.c: the evidence package beside the window's document.
 *
 * Its captured texts go to the audit, which checks the article's
 * quotations against them; a document saved under a new name takes its
 * package along. A missing package is normal (never checked, or never
 * saved); a damaged one is said once, and never stops the document. */
#define G_LOG_DOMAIN "wd-window-evidence"

#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "wd-window-private.h"

/* Beside the document's file; for a document without one, in the draft
 * store, under the draft's id (which it gets now if it has none yet). */
char *
_wd_window_dup_evidence_path (WdWindow *self)
{
  g_autofree char *path = NULL;
  WdDraftStore *store;

  if (self->file != NULL)
    {
      path = g_file_get_path (self->file);
      return path != NULL ? wd_evidence_package_path_for (path) : NULL;
    }

  if ((store = _wd_window_get_draft_store (self)) == NULL)
    return NULL;
  if (self->draft_id == NULL)
    self->draft_id = g_uuid_string_random ();
  return wd_draft_store_dup_package_path (store, self->draft_id);
}

char *
wd_window_dup_evidence_path (WdWindow *self)
{
  g_return_val_if_fail (WD_IS_WINDOW (self), NULL);
  return _wd_window_dup_evidence_path (self);
}

typedef struct
{
  char  *path;
  GStrv  ids;
  guint  serial;   /* of the evidence load; 0 for the package alone */
} Load;

/* Tests only: _wd_window_set_evidence_load_hook(). */
typedef struct
{
  WdEvidenceLoadHook hook;
  gpointer           user_data;
} LoadHook;

static LoadHook *load_hook;   /* atomic */

void
_wd_window_set_evidence_load_hook (WdEvidenceLoadHook hook,
                                   gpointer           user_data)
{
  LoadHook *old, *new = NULL;

  if (hook != NULL)
    {
      new = g_new0 (LoadHook, 1);
      new->hook = hook;
      new->user_data = user_data;
    }
  old = g_atomic_pointer_exchange (&load_hook, new);
  /* Set and cleared by a test while no load runs. */
  g_free (old);
}

static void
load_free (Load *load)
{
  g_free (load->path);
  g_strfreev (load->ids);
  g_free (load);
}

/* A damaged package is said once; a missing one is normal. */
static void
say_unreadable (WdWindow     *self,
                const GError *error)
{
  g_autofree char *message = NULL;

  if (error == NULL || g_error_matches (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND) ||
      g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  message = g_strdup_printf (_("The evidence package cannot be read: %s"), error->message);
  _wd_window_toast (self, message);
}

/* At most this much of a source's name in the notice. */
#define NAME_MAX_CHARS 32

/* Records of the package that cannot be read: said once per load (not
 * per audit), with how many and whose; the audit's quote-unverifiable
 * findings say which record and why. */
static void
say_damaged (WdWindow     *self,
             WdQuoteTexts *texts)
{
  GPtrArray *ids;
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *message = NULL;
  guint n;

  if (texts == NULL || (n = wd_quote_texts_get_problems (texts)->len) == 0)
    return;
  ids = wd_quote_texts_get_damaged_sources (texts);
  for (guint i = 0; i < ids->len; i++)
    {
      WdSource *source = self->article != NULL
        ? wd_article_find_source_by_id (self->article, g_ptr_array_index (ids, i)) : NULL;
      g_autofree char *name = source != NULL ? wd_source_dup_display_name (source) : NULL;

      if (name == NULL)
        continue;
      if (g_utf8_strlen (name, -1) > NAME_MAX_CHARS)
        {
          g_autofree char *start = g_utf8_substring (name, 0, NAME_MAX_CHARS - 1);

          g_free (name);
          name = g_strconcat (start, "…", NULL);
        }
      g_ptr_array_add (names, g_steal_pointer (&name));
    }

  if (names->len == 0)
    message = g_strdup_printf (ngettext ("%u damaged evidence record",
                                         "%u damaged evidence records", n), n);
  else if (names->len == 1)
    /* TRANSLATORS: %s is the name of a source */
    message = g_strdup_printf (ngettext ("%u damaged evidence record, from “%s”",
                                         "%u damaged evidence records, from “%s”", n),
                               n, (const char *) g_ptr_array_index (names, 0));
  else
    /* TRANSLATORS: %u damaged records (always more than one), %s the
     * name of a source, the second %u how many other sources */
    message = g_strdup_printf (ngettext ("%u damaged evidence records, from “%s” and %u other source",
                                         "%u damaged evidence records, from “%s” and %u other sources",
                                         names->len - 1),
                               n, (const char *) g_ptr_array_index (names, 0), names->len - 1);
  _wd_window_toast (self, message);
}

static void
load_in_thread (GTask        *task,
                gpointer      source_object,
                gpointer      task_data,
                GCancellable *cancellable)
{
  Load *load = task_data;
  g_autoptr(WdEvidencePackage) package = NULL;
  WdQuoteTexts *texts = NULL;
  GError *error = NULL;

  package = wd_evidence_package_open (load->path, &error);
  if (load->ids == NULL && package != NULL)
    {
      g_task_return_pointer (task, g_steal_pointer (&package), g_object_unref);
      return;
    }
  if (package != NULL)
    texts = wd_quote_texts_from_package_ids (package, (const char * const *) load->ids, &error);
  if (load->serial != 0)
    {
      LoadHook *hook = g_atomic_pointer_get (&load_hook);

      if (hook != NULL)
        hook->hook (task, load->serial, hook->user_data);
    }
  if (texts != NULL)
    g_task_return_pointer (task, texts, (GDestroyNotify) wd_quote_texts_unref);
  else
    g_task_return_error (task, error);
}

/* The package itself, opened in a thread (for the provenance export). */
void
_wd_window_open_evidence_async (WdWindow            *self,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (self, self->cancellable, callback, user_data);
  Load *load = g_new0 (Load, 1);

  load->path = _wd_window_dup_evidence_path (self);
  g_task_set_source_tag (task, _wd_window_open_evidence_async);
  g_task_set_task_data (task, load, (GDestroyNotify) load_free);
  if (load->path == NULL)
    g_task_return_pointer (task, NULL, NULL);
  else
    g_task_run_in_thread (task, load_in_thread);
}

/* NULL without a package; a damaged one is said, and NULL too. */
WdEvidencePackage *
_wd_window_open_evidence_finish (WdWindow      *self,
                                 GAsyncResult  *result,
                                 GError       **error)
{
  GError *local = NULL;
  WdEvidencePackage *package = g_task_propagate_pointer (G_TASK (result), &local);

  say_unreadable (self, local);
  if (local != NULL)
    g_propagate_error (error, local);
  return package;
}

static void
load_done (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  WdWindow *self = WD_WINDOW (object);
  Load *load = g_task_get_task_data (G_TASK (result));
  g_autoptr(WdQuoteTexts) texts = NULL;
  g_autoptr(GError) error = NULL;

  texts = g_task_propagate_pointer (G_TASK (result), &error);
  /* A later load (after a later check) was asked for: its texts count,
   * whichever thread ends last. Closed windows take nothing. */
  if (load->serial != self->evidence_serial || _wd_window_closing (self))
    return;
  say_unreadable (self, error);
  say_damaged (self, texts);

  /* Without texts the quotations are simply not checked. */
  wd_audit_set_quote_texts (self->audit, texts);
  _wd_window_schedule_audit (self, TRUE);
}

void
_wd_window_load_evidence (WdWindow *self)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GStrvBuilder) ids = g_strv_builder_new ();
  Load *load;
  char *path = _wd_window_dup_evidence_path (self);

  /* Supersedes any load still running. */
  self->evidence_serial++;
  /* The package changed (a check ended, another document): an open
   * source dialog lists its captures again. */
  wd_sources_pane_reload_details (self->sources_pane);
  if (path == NULL || self->article == NULL)
    {
      g_free (path);
      wd_audit_set_quote_texts (self->audit, NULL);
      return;
    }

  /* The ids now, on this thread: the article is not shared with threads. */
  for (guint i = 0; i < wd_article_get_n_sources (self->article); i++)
    g_strv_builder_add (ids, wd_source_get_id (wd_article_get_source (self->article, i)));

  load = g_new0 (Load, 1);
  load->path = path;
  load->ids = g_strv_builder_end (ids);
  load->serial = self->evidence_serial;
  task = g_task_new (self, NULL, load_done, NULL);
  g_task_set_source_tag (task, _wd_window_load_evidence);
  g_task_set_task_data (task, load, (GDestroyNotify) load_free);
  g_task_run_in_thread (task, load_in_thread);
}

static void
follow_done (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(WdWindow) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *name = NULL;
  g_autofree char *message = NULL;

  if (g_file_copy_finish (G_FILE (object), result, &error))
    {
      /* Read again: the quotations may have been checked before it came. */
      _wd_window_load_evidence (self);
      return;
    }

  name = g_file_get_basename (G_FILE (object));
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND))
    return;
  message = g_strdup_printf (_("The evidence package %s was not copied: %s"), name, error->message);
  _wd_window_toast (self, message);
}

static void
move_done (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(WdWindow) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;

  if (g_file_move_finish (G_FILE (object), result, &error))
    {
      _wd_window_load_evidence (self);
      return;
    }
  /* The package stays in the drafts folder under its handover name. */
  message = g_strdup_printf (_("The evidence package was not moved beside the document: %s"),
                             error->message);
  _wd_window_toast (self, message);
}

/* Save As, called before the window takes @new_file. The package goes
 * along: copied from beside the old file (which keeps its own), or moved
 * out of the draft store for a document that had no file. */
void
_wd_window_evidence_follow (WdWindow *self,
                            GFile    *new_file)
{
  g_autofree char *old_package = _wd_window_dup_evidence_path (self);
  g_autofree char *new_path = new_file != NULL ? g_file_get_path (new_file) : NULL;
  g_autofree char *new_package = NULL;
  g_autoptr(GFile) from = NULL;
  g_autoptr(GFile) to = NULL;

  if (old_package == NULL || new_path == NULL)
    return;
  new_package = wd_evidence_package_path_for (new_path);
  if (g_str_equal (old_package, new_package) || !g_file_test (old_package, G_FILE_TEST_EXISTS))
    return;
  to = g_file_new_for_path (new_package);

  if (self->file == NULL)
    {
      /* Renamed at once, so that removing the draft cannot take it. */
      g_autofree char *handover = g_strconcat (old_package, ".handover", NULL);

      if (g_rename (old_package, handover) != 0)
        return;
      from = g_file_new_for_path (handover);
      g_file_move_async (from, to, G_FILE_COPY_OVERWRITE, G_PRIORITY_DEFAULT, NULL, NULL, NULL,
                         move_done, g_object_ref (self));
      return;
    }

  from = g_file_new_for_path (old_package);
  /* A package already at the new name belongs to the document the person
   * chose to replace (or to none): it is replaced too, as the document is,
   * so the renamed document is never paired with another's evidence. */
  g_file_copy_async (from, to, G_FILE_COPY_OVERWRITE, G_PRIORITY_DEFAULT, NULL, NULL, NULL,
                     follow_done, g_object_ref (self));
}

/* wd-revision-diff.c: comparing two revisions — a word diff of every text
 * field that changed and the sources added, removed, moved or relabelled —
 * on the calling thread or in a worker. */
#define G_LOG_DOMAIN "wd-revision-diff"

#include "config.h"

#include "wd-history-private.h"

static void
field_diff_free (gpointer data)
{
  WdFieldDiff *diff = data;

  g_free (diff->old_text);
  g_free (diff->new_text);
  g_array_unref (diff->segments);
  g_free (diff);
}

static void
source_change_free (gpointer data)
{
  WdSourceChange *change = data;

  g_free (change->url);
  g_free (change->old_value);
  g_free (change->new_value);
  g_free (change);
}

void
wd_revision_diff_free (WdRevisionDiff *diff)
{
  if (diff == NULL)
    return;
  g_ptr_array_unref (diff->fields);
  g_ptr_array_unref (diff->sources);
  g_free (diff);
}

static void
add_field_diff (WdRevisionDiff *diff,
                int             field,
                const char     *old_text,
                const char     *new_text)
{
  WdFieldDiff *fd;
  guint added, removed;

  if (g_strcmp0 (old_text, new_text) == 0)
    return;

  fd = g_new0 (WdFieldDiff, 1);
  fd->field = field;
  fd->old_text = g_strdup (old_text);
  fd->new_text = g_strdup (new_text);
  fd->segments = wd_diff_words (old_text, new_text);
  wd_diff_count_words (old_text, new_text, fd->segments, &added, &removed);
  diff->words_added += added;
  diff->words_removed += removed;
  g_ptr_array_add (diff->fields, fd);
}

static void
add_source_change (WdRevisionDiff     *diff,
                   WdSourceChangeKind  kind,
                   const char         *url,
                   const char         *old_value,
                   const char         *new_value)
{
  WdSourceChange *change = g_new0 (WdSourceChange, 1);

  change->kind = kind;
  change->url = g_strdup (url);
  change->old_value = g_strdup (old_value);
  change->new_value = g_strdup (new_value);
  g_ptr_array_add (diff->sources, change);
}

static WdRevisionDiff *
diff_texts (guint           from,
            guint           to,
            WdRevisionText *a,
            WdRevisionText *b)
{
  WdRevisionDiff *diff = g_new0 (WdRevisionDiff, 1);
  g_autoptr(GHashTable) a_ids = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GHashTable) b_ids = g_hash_table_new (g_str_hash, g_str_equal);
  g_autofree char *a_keywords = g_strjoinv (", ", a->keywords);
  g_autofree char *b_keywords = g_strjoinv (", ", b->keywords);

  diff->from = from;
  diff->to = to;
  diff->fields = g_ptr_array_new_with_free_func (field_diff_free);
  diff->sources = g_ptr_array_new_with_free_func (source_change_free);

  for (guint i = 0; i < WD_REVISION_N_TEXTS; i++)
    add_field_diff (diff, i, a->texts[i], b->texts[i]);
  add_field_diff (diff, -1, a_keywords, b_keywords);

  for (guint i = 0; i < a->sources->len; i++)
    {
      WdRevisionSource *s = g_ptr_array_index (a->sources, i);
      g_hash_table_insert (a_ids, s->id, s);
    }
  for (guint i = 0; i < b->sources->len; i++)
    {
      WdRevisionSource *s = g_ptr_array_index (b->sources, i);
      WdRevisionSource *old = g_hash_table_lookup (a_ids, s->id);

      g_hash_table_insert (b_ids, s->id, s);
      if (old == NULL)
        add_source_change (diff, WD_SOURCE_CHANGE_ADDED, s->url, NULL, s->label);
      else
        {
          if (g_strcmp0 (old->url, s->url) != 0)
            add_source_change (diff, WD_SOURCE_CHANGE_MOVED, s->url, old->url, s->url);
          if (g_strcmp0 (old->label, s->label) != 0)
            add_source_change (diff, WD_SOURCE_CHANGE_RELABELLED, s->url, old->label, s->label);
        }
    }
  for (guint i = 0; i < a->sources->len; i++)
    {
      WdRevisionSource *s = g_ptr_array_index (a->sources, i);

      if (!g_hash_table_contains (b_ids, s->id))
        add_source_change (diff, WD_SOURCE_CHANGE_REMOVED, s->url, s->label, NULL);
    }

  return diff;
}

typedef struct
{
  WdHistoryChain *chain;
  guint  from;
  guint  to;
} DiffJob;

static void
diff_job_free (DiffJob *job)
{
  g_clear_pointer (&job->chain, _wd_history_chain_free);
  g_free (job);
}

static WdRevisionDiff *
run_diff (DiffJob  *job,
          GError  **error)
{
  g_autoptr(WdRevisionText) a = _wd_history_chain_rebuild (job->chain, job->from, error);
  g_autoptr(WdRevisionText) b = NULL;

  if (a == NULL)
    return NULL;
  b = _wd_history_chain_rebuild (job->chain, job->to, error);
  if (b == NULL)
    return NULL;
  return diff_texts (job->from, job->to, a, b);
}

WdRevisionDiff *
wd_history_diff (WdHistory  *self,
                 guint       from,
                 guint       to,
                 GError    **error)
{
  DiffJob job = { NULL, from, to };
  WdRevisionDiff *diff;

  g_return_val_if_fail (WD_IS_HISTORY (self), NULL);

  job.chain = _wd_history_chain_new (self);
  diff = run_diff (&job, error);
  _wd_history_chain_free (job.chain);
  return diff;
}

static void
diff_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  GError *error = NULL;
  WdRevisionDiff *diff = run_diff (task_data, &error);

  if (diff == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, diff, (GDestroyNotify) wd_revision_diff_free);
}

void
wd_history_diff_async (WdHistory           *self,
                       guint                from,
                       guint                to,
                       GCancellable        *cancellable,
                       GAsyncReadyCallback  callback,
                       gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  DiffJob *job;

  g_return_if_fail (WD_IS_HISTORY (self));

  job = g_new0 (DiffJob, 1);
  job->chain = _wd_history_chain_new (self);
  job->from = from;
  job->to = to;

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, wd_history_diff_async);
  g_task_set_task_data (task, job, (GDestroyNotify) diff_job_free);
  g_task_run_in_thread (task, diff_thread);
}

WdRevisionDiff *
wd_history_diff_finish (WdHistory     *self,
                        GAsyncResult  *result,
                        GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == wd_history_diff_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

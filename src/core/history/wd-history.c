#define G_LOG_DOMAIN "wd-history"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "wd-article-private.h"
#include "wd-error.h"
#include "wd-history-private.h"
#include "wd-source-private.h"

struct _WdHistory
{
  GObject         parent_instance;

  GPtrArray      *revisions;   /* WdRevision, oldest first */
  WdRevisionText *head;        /* the text of the newest revision */
  char           *head_check;
  GHashTable     *seen;        /* publications already attributed: "endpoint\nat" */
  char           *pending_correction;
  guint           pending_restored_from;
  char           *warning;
  /* Made up on loading a document that had no history (or a damaged one):
   * not written until the first save. */
  gboolean        implicit;

  /* What _wd_history_unrecord() puts back. */
  WdRevisionText *undo_head;
  char           *undo_head_check;
  gboolean        can_undo;
};

static void list_model_iface_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (WdHistory, wd_history, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, list_model_iface_init))

enum {
  PROP_0,
  PROP_PENDING_CORRECTION,
  PROP_N_ITEMS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static GType
get_item_type (GListModel *model)
{
  return WD_TYPE_REVISION;
}

static guint
get_n_items (GListModel *model)
{
  return WD_HISTORY (model)->revisions->len;
}

static gpointer
get_item (GListModel *model,
          guint       position)
{
  WdHistory *self = WD_HISTORY (model);

  if (position >= self->revisions->len)
    return NULL;
  return g_object_ref (g_ptr_array_index (self->revisions, position));
}

static void
list_model_iface_init (GListModelInterface *iface)
{
  iface->get_item_type = get_item_type;
  iface->get_n_items = get_n_items;
  iface->get_item = get_item;
}

static void
wd_history_finalize (GObject *object)
{
  WdHistory *self = WD_HISTORY (object);

  g_ptr_array_unref (self->revisions);
  g_clear_pointer (&self->head, wd_revision_text_unref);
  g_clear_pointer (&self->undo_head, wd_revision_text_unref);
  g_free (self->head_check);
  g_free (self->undo_head_check);
  g_hash_table_unref (self->seen);
  g_free (self->pending_correction);
  g_free (self->warning);

  G_OBJECT_CLASS (wd_history_parent_class)->finalize (object);
}

static void
wd_history_get_property (GObject    *object,
                         guint       prop_id,
                         GValue     *value,
                         GParamSpec *pspec)
{
  WdHistory *self = WD_HISTORY (object);

  switch (prop_id)
    {
    case PROP_PENDING_CORRECTION:
      g_value_set_string (value, self->pending_correction);
      break;
    case PROP_N_ITEMS:
      g_value_set_uint (value, self->revisions->len);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
wd_history_class_init (WdHistoryClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags flags = G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->finalize = wd_history_finalize;
  object_class->get_property = wd_history_get_property;

  properties[PROP_PENDING_CORRECTION] =
    g_param_spec_string ("pending-correction", NULL, NULL, NULL, flags);
  properties[PROP_N_ITEMS] = g_param_spec_uint ("n-items", NULL, NULL, 0, G_MAXUINT, 0, flags);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
wd_history_init (WdHistory *self)
{
  self->revisions = g_ptr_array_new_with_free_func (g_object_unref);
  self->seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
}

WdHistory *
wd_history_new (void)
{
  return g_object_new (WD_TYPE_HISTORY, NULL);
}

static char *
publication_key (WdPublication *publication)
{
  return g_strdup_printf ("%s\n%s", wd_publication_get_endpoint (publication),
                          wd_publication_get_at (publication) != NULL ? wd_publication_get_at (publication) : "");
}

static void
set_pending_correction (WdHistory  *self,
                        const char *note)
{
  if (g_strcmp0 (self->pending_correction, note) == 0)
    return;
  g_free (self->pending_correction);
  self->pending_correction = g_strdup (note);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PENDING_CORRECTION]);
}

static void
replace_revisions (WdHistory *self,
                   GPtrArray *revisions)
{
  guint removed = self->revisions->len;

  g_ptr_array_unref (self->revisions);
  self->revisions = g_ptr_array_ref (revisions);
  g_hash_table_remove_all (self->seen);
  for (guint i = 0; i < revisions->len; i++)
    {
      GPtrArray *pubs = wd_revision_get_publications (g_ptr_array_index (revisions, i));

      for (guint j = 0; j < pubs->len; j++)
        g_hash_table_add (self->seen, publication_key (g_ptr_array_index (pubs, j)));
    }
  g_list_model_items_changed (G_LIST_MODEL (self), 0, removed, revisions->len);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_ITEMS]);
}

void
_wd_history_set_state (WdHistory      *self,
                       GPtrArray      *revisions,
                       WdRevisionText *head,
                       const char     *pending_correction,
                       guint           pending_restored_from,
                       char           *warning)
{
  g_clear_pointer (&self->head, wd_revision_text_unref);
  g_clear_pointer (&self->head_check, g_free);
  if (head != NULL)
    {
      self->head = wd_revision_text_ref (head);
      self->head_check = _wd_revision_text_check (head);
    }
  g_free (self->warning);
  self->warning = warning;
  self->pending_restored_from = pending_restored_from;
  self->can_undo = FALSE;
  self->implicit = FALSE;
  set_pending_correction (self, pending_correction);
  replace_revisions (self, revisions);
}

WdRevisionText *
_wd_history_get_head (WdHistory *self)
{
  return self->head;
}

const char *
_wd_history_get_head_check (WdHistory *self)
{
  return self->head_check;
}

void
_wd_history_set_implicit (WdHistory *self,
                          gboolean   implicit)
{
  self->implicit = implicit;
}

gboolean
_wd_history_get_implicit (WdHistory *self)
{
  return self->implicit;
}

const char *
wd_history_get_warning (WdHistory *self)
{
  g_return_val_if_fail (WD_IS_HISTORY (self), NULL);
  return self->warning;
}

WdRevision *
wd_history_find (WdHistory *self,
                 guint      number)
{
  g_return_val_if_fail (WD_IS_HISTORY (self), NULL);

  for (guint i = self->revisions->len; i > 0; i--)
    {
      WdRevision *revision = g_ptr_array_index (self->revisions, i - 1);

      if (wd_revision_get_number (revision) == number)
        return revision;
    }
  return NULL;
}

WdRevision *
wd_history_get_latest (WdHistory *self)
{
  g_return_val_if_fail (WD_IS_HISTORY (self), NULL);

  if (self->revisions->len == 0)
    return NULL;
  return g_ptr_array_index (self->revisions, self->revisions->len - 1);
}

void
_wd_history_record (WdHistory *self,
                    WdArticle *article)
{
  g_autoptr(WdRevisionText) text = _wd_revision_text_from_article (article);
  g_autoptr(WdRevision) revision = NULL;
  WdRevision *latest = wd_history_get_latest (self);
  GListModel *publications = wd_article_get_publications (article);
  guint added = 0, removed = 0;

  if (latest != NULL && self->head != NULL)
    {
      g_autoptr(WdChanges) changes = _wd_changes_compute (text, self->head, &added, &removed);

      _wd_revision_set_changes (latest, changes);
    }
  else
    {
      for (guint i = 0; i < WD_REVISION_N_TEXTS; i++)
        added += wd_diff_word_count (text->texts[i]);
    }

  revision = _wd_revision_new (wd_article_get_revision (article), wd_article_get_modified (article),
                               added, removed, self->pending_correction, self->pending_restored_from);

  for (guint i = 0; i < g_list_model_get_n_items (publications); i++)
    {
      g_autoptr(WdPublication) publication = g_list_model_get_item (publications, i);
      g_autofree char *key = publication_key (publication);

      if (!g_hash_table_contains (self->seen, key))
        {
          _wd_revision_add_publication (revision, publication);
          g_hash_table_add (self->seen, g_steal_pointer (&key));
        }
    }

  g_clear_pointer (&self->undo_head, wd_revision_text_unref);
  g_clear_pointer (&self->undo_head_check, g_free);
  self->undo_head = g_steal_pointer (&self->head);
  self->undo_head_check = g_steal_pointer (&self->head_check);
  self->can_undo = TRUE;

  self->head = g_steal_pointer (&text);
  self->head_check = _wd_revision_text_check (self->head);
  self->implicit = FALSE;
  self->pending_restored_from = 0;

  g_ptr_array_add (self->revisions, g_steal_pointer (&revision));
  g_list_model_items_changed (G_LIST_MODEL (self), self->revisions->len - 1, 0, 1);

  if (self->revisions->len > WD_HISTORY_MAX_REVISIONS)
    {
      guint extra = self->revisions->len - WD_HISTORY_MAX_REVISIONS;

      g_ptr_array_remove_range (self->revisions, 0, extra);
      g_list_model_items_changed (G_LIST_MODEL (self), 0, extra, 0);
    }

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_ITEMS]);
  /* The correction goes with this revision; the next one starts clean. */
  if (self->pending_correction != NULL)
    {
      g_clear_pointer (&self->pending_correction, g_free);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PENDING_CORRECTION]);
    }
}

void
_wd_history_unrecord (WdHistory *self)
{
  g_autoptr(WdRevision) revision = NULL;
  WdRevision *latest;
  GPtrArray *pubs;

  if (!self->can_undo || self->revisions->len == 0)
    return;

  revision = g_object_ref (g_ptr_array_index (self->revisions, self->revisions->len - 1));
  g_ptr_array_remove_index (self->revisions, self->revisions->len - 1);
  g_list_model_items_changed (G_LIST_MODEL (self), self->revisions->len, 1, 0);

  pubs = wd_revision_get_publications (revision);
  for (guint i = 0; i < pubs->len; i++)
    {
      g_autofree char *key = publication_key (g_ptr_array_index (pubs, i));

      g_hash_table_remove (self->seen, key);
    }

  latest = wd_history_get_latest (self);
  if (latest != NULL)
    _wd_revision_set_changes (latest, NULL);

  g_clear_pointer (&self->head, wd_revision_text_unref);
  g_clear_pointer (&self->head_check, g_free);
  self->head = g_steal_pointer (&self->undo_head);
  self->head_check = g_steal_pointer (&self->undo_head_check);
  self->pending_restored_from = wd_revision_get_restored_from (revision);
  self->can_undo = FALSE;
  set_pending_correction (self, wd_revision_get_correction (revision));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_ITEMS]);
}

/* ------------------------------------------------------------ rebuilding */

/* What rebuilding needs, taken on the calling thread: the head and, from
 * the newest down, the changes of each older revision. */
struct _WdHistoryChain
{
  WdRevisionText *head;
  GPtrArray      *changes;  /* WdChanges or NULL (a gap); [0] rebuilds the one before the newest */
  GArray         *numbers;  /* guint: numbers[i] is the revision changes[i - 1] rebuilds; [0] the newest */
};

void
_wd_history_chain_free (WdHistoryChain *chain)
{
  g_clear_pointer (&chain->head, wd_revision_text_unref);
  g_ptr_array_unref (chain->changes);
  g_array_unref (chain->numbers);
  g_free (chain);
}

WdHistoryChain *
_wd_history_chain_new (WdHistory *self)
{
  WdHistoryChain *chain = g_new0 (WdHistoryChain, 1);

  chain->head = self->head != NULL ? wd_revision_text_ref (self->head) : NULL;
  chain->changes = g_ptr_array_new_with_free_func ((GDestroyNotify) _wd_changes_unref);
  chain->numbers = g_array_new (FALSE, FALSE, sizeof (guint));

  for (guint i = self->revisions->len; i > 0; i--)
    {
      WdRevision *revision = g_ptr_array_index (self->revisions, i - 1);
      guint number = wd_revision_get_number (revision);
      WdChanges *changes = _wd_revision_get_changes (revision);

      g_array_append_val (chain->numbers, number);
      if (i < self->revisions->len)
        g_ptr_array_add (chain->changes, changes != NULL ? _wd_changes_ref (changes) : NULL);
    }

  return chain;
}

WdRevisionText *
_wd_history_chain_rebuild (WdHistoryChain  *chain,
                           guint            number,
                           GError         **error)
{
  g_autoptr(WdRevisionText) text = NULL;
  g_autofree char *what = g_strdup_printf ("%u", number);

  if (chain->head == NULL || chain->numbers->len == 0)
    {
      g_set_error (error, WD_ERROR, WD_ERROR_FIELD, _("history: there is no revision %s"), what);
      return NULL;
    }

  text = wd_revision_text_ref (chain->head);
  for (guint i = 0; i < chain->numbers->len; i++)
    {
      WdChanges *changes;
      WdRevisionText *older;

      if (g_array_index (chain->numbers, guint, i) == number)
        return g_steal_pointer (&text);
      if (i >= chain->changes->len)
        break;

      changes = g_ptr_array_index (chain->changes, i);
      if (changes == NULL)
        {
          g_set_error (error, WD_ERROR, WD_ERROR_FIELD,
                       _("history: revision %s cannot be rebuilt: the article was changed without "
                         "its history after it (by an older Wiredesk or another program)"), what);
          return NULL;
        }
      older = _wd_changes_apply (changes, text, error);
      if (older == NULL)
        return NULL;
      wd_revision_text_unref (text);
      text = older;
    }

  g_set_error (error, WD_ERROR, WD_ERROR_FIELD, _("history: there is no revision %s"), what);
  return NULL;
}

WdRevisionText *
wd_history_dup_text (WdHistory  *self,
                     guint       number,
                     GError    **error)
{
  g_autoptr(WdHistoryChain) chain = NULL;

  g_return_val_if_fail (WD_IS_HISTORY (self), NULL);

  chain = _wd_history_chain_new (self);
  return _wd_history_chain_rebuild (chain, number, error);
}

void
wd_history_apply_text (WdHistory      *self,
                       WdArticle      *article,
                       WdRevisionText *text,
                       guint           restored_from)
{
  g_autoptr(GPtrArray) sources = NULL;
  static const char * const properties_of[WD_REVISION_N_TEXTS] = {
    "headline", "standfirst", "byline", "body", "desk-note",
  };

  g_return_if_fail (WD_IS_HISTORY (self));
  g_return_if_fail (WD_IS_ARTICLE (article));
  g_return_if_fail (text != NULL);

  /* The sources of the revision, reusing those the article still has. */
  sources = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; i < text->sources->len; i++)
    {
      WdRevisionSource *rs = g_ptr_array_index (text->sources, i);
      WdSource *source = wd_article_find_source_by_id (article, rs->id);

      if (source != NULL)
        g_object_ref (source);
      else
        {
          source = wd_source_new (rs->url);
          _wd_source_set_id (source, rs->id);
        }
      wd_source_set_url (source, rs->url);
      wd_source_set_label (source, rs->label);
      g_ptr_array_add (sources, source);
    }

  g_object_freeze_notify (G_OBJECT (article));
  for (guint i = 0; i < WD_REVISION_N_TEXTS; i++)
    g_object_set (article, properties_of[i], text->texts[i], NULL);
  wd_article_set_keywords (article, (const char * const *) text->keywords);

  while (wd_article_get_n_sources (article) > 0)
    wd_article_remove_source (article, wd_article_get_source (article, 0));
  for (guint i = 0; i < sources->len; i++)
    {
      g_autoptr(GError) local_error = NULL;

      /* Two sources of one revision never share a URL; a damaged history
       * might, and then the second is left out. */
      if (!wd_article_insert_source (article, G_MAXUINT, g_ptr_array_index (sources, i), &local_error))
        g_debug ("restore: %s", local_error->message);
    }
  g_object_thaw_notify (G_OBJECT (article));

  self->pending_restored_from = restored_from;
}

WdRevisionText *
wd_revision_text_new_from_article (WdArticle *article)
{
  g_return_val_if_fail (WD_IS_ARTICLE (article), NULL);

  return _wd_revision_text_from_article (article);
}

gboolean
wd_history_restore (WdHistory  *self,
                    WdArticle  *article,
                    guint       number,
                    GError    **error)
{
  g_autoptr(WdRevisionText) text = NULL;

  g_return_val_if_fail (WD_IS_HISTORY (self), FALSE);
  g_return_val_if_fail (WD_IS_ARTICLE (article), FALSE);

  text = wd_history_dup_text (self, number, error);
  if (text == NULL)
    return FALSE;

  wd_history_apply_text (self, article, text, number);
  return TRUE;
}

guint
wd_history_get_pending_restored_from (WdHistory *self)
{
  g_return_val_if_fail (WD_IS_HISTORY (self), 0);
  return self->pending_restored_from;
}

gboolean
wd_history_mark_correction (WdHistory   *self,
                            WdArticle   *article,
                            const char  *note,
                            GError     **error)
{
  g_autofree char *clean = NULL;

  g_return_val_if_fail (WD_IS_HISTORY (self), FALSE);
  g_return_val_if_fail (WD_IS_ARTICLE (article), FALSE);

  clean = g_strstrip (g_strdup (note != NULL ? note : ""));
  if (*clean == '\0')
    {
      set_pending_correction (self, NULL);
      return TRUE;
    }

  if (g_list_model_get_n_items (wd_article_get_publications (article)) == 0)
    {
      g_set_error (error, WD_ERROR, WD_ERROR_FIELD,
                   _("only a published article can be corrected; this one was not published"));
      return FALSE;
    }
  if (!g_utf8_validate (clean, -1, NULL) || g_utf8_strlen (clean, -1) > WD_CORRECTION_MAX_CHARS)
    {
      g_set_error (error, WD_ERROR, WD_ERROR_TOO_LARGE,
                   _("a correction note is at most %d characters"), WD_CORRECTION_MAX_CHARS);
      return FALSE;
    }

  set_pending_correction (self, clean);
  return TRUE;
}

const char *
wd_history_get_pending_correction (WdHistory *self)
{
  g_return_val_if_fail (WD_IS_HISTORY (self), NULL);
  return self->pending_correction;
}

GPtrArray *
wd_history_list_corrections (WdHistory  *self,
                             const char *pending_at)
{
  GPtrArray *list = g_ptr_array_new_with_free_func ((GDestroyNotify) wd_correction_free);

  g_return_val_if_fail (WD_IS_HISTORY (self), list);

  for (guint i = 0; i < self->revisions->len; i++)
    {
      WdRevision *revision = g_ptr_array_index (self->revisions, i);
      WdCorrection *correction;

      if (wd_revision_get_correction (revision) == NULL)
        continue;
      correction = g_new0 (WdCorrection, 1);
      correction->note = g_strdup (wd_revision_get_correction (revision));
      correction->at = g_strdup (wd_revision_get_saved_at (revision));
      g_ptr_array_add (list, correction);
    }

  if (self->pending_correction != NULL)
    {
      WdCorrection *correction = g_new0 (WdCorrection, 1);

      correction->note = g_strdup (self->pending_correction);
      correction->at = g_strdup (pending_at);
      g_ptr_array_add (list, correction);
    }

  return list;
}

/* wd-history-format.c: the document's "history" member, written and read
 * (the changes are computed in wd-history-changes.c, the texts made in
 * wd-revision-text.c). */
#define G_LOG_DOMAIN "wd-history"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "wd-error.h"
#include "wd-history-private.h"
#include "wd-json-reader-private.h"
#include "wd-native-format.h"
#include "wd-util-private.h"

/* Bounds on what a history member may hold (a hostile document). */
#define MAX_PUBLICATIONS 100
#define MAX_SOURCES 100000
#define MAX_KEYWORDS 10000

/* ----------------------------------------------------------- writing */

static void
write_sources (WdJsonWriter *w,
               GPtrArray    *sources)
{
  wd_json_writer_begin_array (w);
  for (guint i = 0; i < sources->len; i++)
    {
      WdRevisionSource *s = g_ptr_array_index (sources, i);

      wd_json_writer_begin_object (w);
      wd_json_writer_member (w, "id");
      wd_json_writer_string (w, s->id);
      wd_json_writer_member (w, "url");
      wd_json_writer_string (w, s->url);
      wd_json_writer_member (w, "label");
      wd_json_writer_string (w, s->label);
      wd_json_writer_end_object (w);
    }
  wd_json_writer_end_array (w);
}

static void
write_changes (WdJsonWriter *w,
               WdChanges    *changes)
{
  if (changes == NULL)
    {
      wd_json_writer_null (w);
      return;
    }

  wd_json_writer_begin_object (w);
  for (guint i = 0; i < WD_REVISION_N_TEXTS; i++)
    {
      g_autoptr(JsonNode) node = NULL;

      if (changes->texts[i] == NULL)
        continue;
      node = json_node_init_array (json_node_alloc (), changes->texts[i]);
      wd_json_writer_member (w, wd_revision_field_member (i));
      wd_json_writer_node (w, node);
    }
  if (changes->keywords != NULL)
    {
      wd_json_writer_member (w, "keywords");
      wd_json_writer_begin_array (w);
      for (guint i = 0; changes->keywords[i] != NULL; i++)
        wd_json_writer_string (w, changes->keywords[i]);
      wd_json_writer_end_array (w);
    }
  if (changes->sources != NULL)
    {
      wd_json_writer_member (w, "sources");
      write_sources (w, changes->sources);
    }
  wd_json_writer_end_object (w);
}

void
_wd_history_write (WdHistory    *self,
                   WdArticle    *article,
                   WdJsonWriter *w)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self));
  WdRevisionText *head = _wd_history_get_head (self);
  const char *pending = wd_history_get_pending_correction (self);
  guint restored_from = wd_history_get_pending_restored_from (self);

  if (n == 0 || head == NULL ||
      (_wd_history_get_implicit (self) && pending == NULL && restored_from == 0))
    return;

  wd_json_writer_member (w, "history");
  wd_json_writer_begin_object (w);
  wd_json_writer_member (w, "head_check");
  wd_json_writer_string (w, _wd_history_get_head_check (self));

  if (pending != NULL || restored_from != 0)
    {
      wd_json_writer_member (w, "pending");
      wd_json_writer_begin_object (w);
      wd_json_writer_member (w, "correction");
      wd_json_writer_nullable (w, pending);
      wd_json_writer_member (w, "restored_from");
      wd_json_writer_int (w, restored_from);
      wd_json_writer_end_object (w);
    }

  wd_json_writer_member (w, "revisions");
  wd_json_writer_begin_array (w);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(WdRevision) revision = g_list_model_get_item (G_LIST_MODEL (self), i);

      wd_json_writer_begin_object (w);
      wd_revision_write_members (revision, w);
      wd_json_writer_member (w, "changes");
      if (i + 1 < n)
        write_changes (w, _wd_revision_get_changes (revision));
      else
        {
          /* The newest: from the article as written now (unsaved edits in
           * a draft) back to the text that was saved. */
          WdRevisionText view = { { NULL } };
          g_autoptr(WdChanges) changes = NULL;

          _wd_revision_text_view_article (&view, article);
          changes = _wd_changes_compute (&view, head, NULL, NULL);
          _wd_revision_text_clear_view (&view);
          write_changes (w, changes);
        }
      wd_json_writer_end_object (w);
    }
  wd_json_writer_end_array (w);
  wd_json_writer_end_object (w);
}

/* ----------------------------------------------------------- reading */

static gboolean
read_ops (WdReader    *r,
          JsonNode    *node,
          const char  *path,
          JsonArray  **out)
{
  JsonArray *ops;

  if (!JSON_NODE_HOLDS_ARRAY (node))
    return _wd_reader_error (r, WD_ERROR_FIELD, path, _("expected an array, found %s"),
                             _wd_reader_node_type_name (node));
  ops = json_node_get_array (node);
  for (guint i = 0; i < json_array_get_length (ops); i++)
    {
      JsonNode *op = json_array_get_element (ops, i);
      GType type = JSON_NODE_HOLDS_VALUE (op) ? json_node_get_value_type (op) : G_TYPE_INVALID;

      if (type == G_TYPE_STRING)
        continue;
      if (type != G_TYPE_INT64 || json_node_get_int (op) == 0 ||
          json_node_get_int (op) > WD_NATIVE_FORMAT_MAX_SIZE ||
          json_node_get_int (op) < -WD_NATIVE_FORMAT_MAX_SIZE)
        {
          g_autofree char *at = g_strdup_printf ("%s[%u]", path, i);
          return _wd_reader_error (r, WD_ERROR_FIELD, at,
                                   _("expected a string or a non-zero whole number"));
        }
    }

  *out = json_array_ref (ops);
  return TRUE;
}

static gboolean
read_string_array (WdReader    *r,
                   JsonObject  *object,
                   const char  *path,
                   const char  *member,
                   guint        max,
                   char      ***out)
{
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (g_free);
  JsonArray *array;

  if (!_wd_read_array (r, object, path, member, &array))
    return FALSE;
  if (array == NULL)
    return TRUE;
  if (json_array_get_length (array) > max)
    {
      g_autofree char *at = g_strdup_printf ("%s.%s", path, member);
      return _wd_reader_error (r, WD_ERROR_TOO_LARGE, at, _("more than %u items"), max);
    }
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      g_autofree char *at = g_strdup_printf ("%s.%s[%u]", path, member, i);
      const char *value;

      if (!_wd_read_string_node (r, json_array_get_element (array, i), at, &value))
        return FALSE;
      g_ptr_array_add (items, g_strdup (value));
    }
  g_ptr_array_add (items, NULL);
  *out = (char **) g_ptr_array_steal (items, NULL);
  return TRUE;
}

static gboolean
read_sources (WdReader    *r,
              JsonObject  *object,
              const char  *path,
              GPtrArray  **out)
{
  g_autoptr(GPtrArray) sources = NULL;
  JsonArray *array;

  if (!_wd_read_array (r, object, path, "sources", &array))
    return FALSE;
  if (array == NULL)
    return TRUE;
  if (json_array_get_length (array) > MAX_SOURCES)
    {
      g_autofree char *at = g_strdup_printf ("%s.sources", path);
      return _wd_reader_error (r, WD_ERROR_TOO_LARGE, at, _("more than %u items"), MAX_SOURCES);
    }

  sources = g_ptr_array_new_with_free_func (_wd_revision_source_free);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      g_autofree char *at = g_strdup_printf ("%s.sources[%u]", path, i);
      JsonNode *node = json_array_get_element (array, i);
      const char *id, *url, *label;

      if (!JSON_NODE_HOLDS_OBJECT (node))
        return _wd_reader_error (r, WD_ERROR_FIELD, at, _("expected an object, found %s"),
                                 _wd_reader_node_type_name (node));
      if (!_wd_read_string (r, json_node_get_object (node), at, "id", TRUE, &id) ||
          !_wd_read_string (r, json_node_get_object (node), at, "url", TRUE, &url) ||
          !_wd_read_string (r, json_node_get_object (node), at, "label", FALSE, &label))
        return FALSE;
      g_ptr_array_add (sources, _wd_revision_source_new (id, url, label));
    }

  *out = g_steal_pointer (&sources);
  return TRUE;
}

static gboolean
read_changes (WdReader    *r,
              JsonObject  *object,
              const char  *path,
              WdChanges  **out)
{
  g_autoptr(WdChanges) changes = NULL;
  g_autofree char *at = g_strdup_printf ("%s.changes", path);
  JsonNode *node = json_object_get_member (object, "changes");
  JsonObject *members;

  *out = NULL;
  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return TRUE;
  if (!JSON_NODE_HOLDS_OBJECT (node))
    return _wd_reader_error (r, WD_ERROR_FIELD, at, _("expected an object, found %s"),
                             _wd_reader_node_type_name (node));
  members = json_node_get_object (node);

  changes = _wd_changes_new ();
  for (guint i = 0; i < WD_REVISION_N_TEXTS; i++)
    {
      const char *member = wd_revision_field_member (i);
      JsonNode *ops = json_object_get_member (members, member);
      g_autofree char *ops_path = g_strdup_printf ("%s.%s", at, member);

      if (ops != NULL && !read_ops (r, ops, ops_path, &changes->texts[i]))
        return FALSE;
    }
  if (!read_string_array (r, members, at, "keywords", MAX_KEYWORDS, &changes->keywords) ||
      !read_sources (r, members, at, &changes->sources))
    return FALSE;

  *out = g_steal_pointer (&changes);
  return TRUE;
}

static WdRevision *
read_revision (WdReader   *r,
               JsonNode   *node,
               const char *path,
               WdChanges **changes)
{
  g_autoptr(WdRevision) revision = NULL;
  JsonObject *object;
  JsonArray *published;
  const char *saved_at, *correction;
  gint64 number, added, removed, restored_from;

  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      _wd_reader_error (r, WD_ERROR_FIELD, path, _("expected an object, found %s"),
                        _wd_reader_node_type_name (node));
      return NULL;
    }
  object = json_node_get_object (node);

  if (!_wd_read_int (r, object, path, "revision", 0, G_MAXUINT, &number) ||
      !_wd_read_date (r, object, path, "saved_at", &saved_at) ||
      !_wd_read_int (r, object, path, "words_added", 0, G_MAXUINT, &added) ||
      !_wd_read_int (r, object, path, "words_removed", 0, G_MAXUINT, &removed) ||
      !_wd_read_string (r, object, path, "correction", FALSE, &correction) ||
      !_wd_read_int (r, object, path, "restored_from", 0, G_MAXUINT, &restored_from) ||
      !_wd_read_array (r, object, path, "published", &published))
    return NULL;

  if (correction != NULL && g_utf8_strlen (correction, -1) > WD_CORRECTION_MAX_CHARS)
    {
      g_autofree char *at = g_strdup_printf ("%s.correction", path);
      _wd_reader_error (r, WD_ERROR_TOO_LARGE, at, _("a correction note is at most %d characters"),
                        WD_CORRECTION_MAX_CHARS);
      return NULL;
    }

  revision = _wd_revision_new (number, saved_at, added, removed, correction, restored_from);

  if (published != NULL && json_array_get_length (published) > MAX_PUBLICATIONS)
    {
      g_autofree char *at = g_strdup_printf ("%s.published", path);
      _wd_reader_error (r, WD_ERROR_TOO_LARGE, at, _("more than %u items"), MAX_PUBLICATIONS);
      return NULL;
    }
  for (guint i = 0; published != NULL && i < json_array_get_length (published); i++)
    {
      g_autofree char *at = g_strdup_printf ("%s.published[%u]", path, i);
      g_autoptr(WdPublication) publication = NULL;
      JsonNode *item = json_array_get_element (published, i);
      const char *endpoint, *remote_id, *when;

      if (!JSON_NODE_HOLDS_OBJECT (item))
        {
          _wd_reader_error (r, WD_ERROR_FIELD, at, _("expected an object, found %s"),
                            _wd_reader_node_type_name (item));
          return NULL;
        }
      if (!_wd_read_string (r, json_node_get_object (item), at, "endpoint", TRUE, &endpoint) ||
          !_wd_read_string (r, json_node_get_object (item), at, "remote_id", TRUE, &remote_id) ||
          !_wd_read_date (r, json_node_get_object (item), at, "at", &when))
        return NULL;
      publication = wd_publication_new (endpoint, remote_id, NULL, when);
      _wd_revision_add_publication (revision, publication);
    }

  if (!read_changes (r, object, path, changes))
    return NULL;

  return g_steal_pointer (&revision);
}

static GPtrArray *
read_history (WdReader   *r,
              JsonNode   *node,
              char      **head_check,
              char      **pending_correction,
              guint      *pending_restored_from,
              GPtrArray  *changes_out)
{
  g_autoptr(GPtrArray) revisions = g_ptr_array_new_with_free_func (g_object_unref);
  JsonObject *object, *pending;
  JsonArray *array;
  const char *check;

  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      _wd_reader_error (r, WD_ERROR_FIELD, "history", _("expected an object, found %s"),
                        _wd_reader_node_type_name (node));
      return NULL;
    }
  object = json_node_get_object (node);

  if (!_wd_read_string (r, object, "history", "head_check", TRUE, &check) ||
      !_wd_read_object (r, object, "history", "pending", &pending) ||
      !_wd_read_array (r, object, "history", "revisions", &array))
    return NULL;
  if (array == NULL || json_array_get_length (array) == 0)
    {
      _wd_reader_error (r, WD_ERROR_FIELD, "history.revisions", _("the member is missing or empty"));
      return NULL;
    }
  if (json_array_get_length (array) > WD_HISTORY_MAX_REVISIONS)
    {
      _wd_reader_error (r, WD_ERROR_TOO_LARGE, "history.revisions", _("more than %u items"),
                        WD_HISTORY_MAX_REVISIONS);
      return NULL;
    }

  if (pending != NULL)
    {
      const char *note;
      gint64 from;

      if (!_wd_read_string (r, pending, "history.pending", "correction", FALSE, &note) ||
          !_wd_read_int (r, pending, "history.pending", "restored_from", 0, G_MAXUINT, &from))
        return NULL;
      if (note != NULL && g_utf8_strlen (note, -1) <= WD_CORRECTION_MAX_CHARS)
        *pending_correction = g_strdup (note);
      *pending_restored_from = from;
    }

  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      g_autofree char *path = g_strdup_printf ("history.revisions[%u]", i);
      WdChanges *changes = NULL;
      WdRevision *revision = read_revision (r, json_array_get_element (array, i), path, &changes);

      if (revision == NULL)
        return NULL;
      g_ptr_array_add (changes_out, changes);
      if (revisions->len > 0 &&
          wd_revision_get_number (revision) <=
          wd_revision_get_number (g_ptr_array_index (revisions, revisions->len - 1)))
        {
          g_object_unref (revision);
          _wd_reader_error (r, WD_ERROR_FIELD, path,
                            _("revision numbers must go up"));
          return NULL;
        }
      g_ptr_array_add (revisions, revision);
    }

  *head_check = g_strdup (check);
  return g_steal_pointer (&revisions);
}

static GPtrArray *
history_of_one (WdArticle      *article,
                WdRevisionText *text)
{
  GPtrArray *revisions = g_ptr_array_new_with_free_func (g_object_unref);
  GListModel *publications = wd_article_get_publications (article);
  const char *saved_at = wd_article_get_modified (article);
  WdRevision *revision;
  guint words = 0;

  for (guint i = 0; i < WD_REVISION_N_TEXTS; i++)
    words += wd_diff_word_count (text->texts[i]);

  revision = _wd_revision_new (wd_article_get_revision (article),
                               saved_at != NULL ? saved_at : wd_article_get_created (article),
                               words, 0, NULL, 0);
  for (guint i = 0; i < g_list_model_get_n_items (publications); i++)
    {
      g_autoptr(WdPublication) publication = g_list_model_get_item (publications, i);
      _wd_revision_add_publication (revision, publication);
    }
  g_ptr_array_add (revisions, revision);
  return revisions;
}

void
_wd_history_read (WdHistory  *self,
                  WdArticle  *article,
                  JsonNode   *node,
                  const char *display_name)
{
  g_autoptr(WdRevisionText) current = _wd_revision_text_from_article (article);
  g_autoptr(GPtrArray) revisions = NULL;
  g_autoptr(GPtrArray) changes = g_ptr_array_new_with_free_func ((GDestroyNotify) _wd_changes_unref);
  g_autoptr(GError) error = NULL;
  g_autoptr(WdRevisionText) head = NULL;
  g_autofree char *head_check = NULL;
  g_autofree char *pending = NULL;
  g_autofree char *check = NULL;
  guint restored_from = 0;
  WdReader r = { display_name != NULL ? display_name : "<data>", &error };
  WdChanges *head_changes;
  WdRevision *latest;
  guint n;

  if (node == NULL)
    {
      revisions = history_of_one (article, current);
      _wd_history_set_state (self, revisions, current, NULL, 0, NULL);
      _wd_history_set_implicit (self, TRUE);
      return;
    }

  revisions = read_history (&r, node, &head_check, &pending, &restored_from, changes);
  if (revisions == NULL)
    {
      /* TRANSLATORS: the error names the file and the member */
      char *warning = g_strdup_printf (_("%s; the article opened, its history starts again "
                                         "from this revision"), error->message);

      g_ptr_array_set_size (changes, 0);
      revisions = history_of_one (article, current);
      _wd_history_set_state (self, revisions, current, NULL, 0, warning);
      _wd_history_set_implicit (self, TRUE);
      return;
    }

  for (guint i = 0; i < revisions->len; i++)
    _wd_revision_set_changes (g_ptr_array_index (revisions, i), g_ptr_array_index (changes, i));

  /* The newest revision's text: the article, unless it carries edits made
   * after the save (a draft). */
  n = revisions->len;
  latest = g_ptr_array_index (revisions, n - 1);
  head_changes = _wd_revision_get_changes (latest);
  if (head_changes != NULL && _wd_changes_is_empty (head_changes))
    head = wd_revision_text_ref (current);  /* saved as it is: no second copy */
  else if (head_changes != NULL)
    head = _wd_changes_apply (head_changes, current, NULL);
  if (head != NULL)
    check = _wd_revision_text_check (head);
  _wd_revision_set_changes (latest, NULL);

  if (check == NULL || !g_str_equal (check, head_check))
    {
      /* Changed without its history: what was there stays listed, the
       * article as it is now becomes a new revision. */
      g_autofree char *number = g_strdup_printf ("%u", wd_revision_get_number (latest));
      guint next = MAX (wd_article_get_revision (article), wd_revision_get_number (latest) + 1);
      WdRevision *revision;
      char *warning;

      warning = g_strdup_printf (_("%s: history: the article was changed after revision %s without "
                                   "its history (by an older Wiredesk or another program); earlier "
                                   "revisions are listed but cannot be shown or restored"),
                                 r.name, number);
      if (next > wd_article_get_revision (article))
        wd_article_set_revision (article, next);
      revision = _wd_revision_new (next, wd_article_get_modified (article), 0, 0, NULL, 0);
      g_ptr_array_add (revisions, revision);
      g_clear_pointer (&head, wd_revision_text_unref);
      head = wd_revision_text_ref (current);
      g_clear_pointer (&pending, g_free);
      restored_from = 0;
      _wd_history_set_state (self, revisions, head, NULL, 0, warning);
    }
  else
    _wd_history_set_state (self, revisions, head, pending, restored_from, NULL);

  /* A revision is rebuildable while no gap lies between it and the newest. */
  {
    gboolean ok = TRUE;

    for (guint i = revisions->len; i > 0; i--)
      {
        WdRevision *revision = g_ptr_array_index (revisions, i - 1);

        if (i < revisions->len && _wd_revision_get_changes (revision) == NULL)
          ok = FALSE;
        _wd_revision_set_rebuildable (revision, ok);
      }
  }
}

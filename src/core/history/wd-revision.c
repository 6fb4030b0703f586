#define G_LOG_DOMAIN "wd-revision"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "wd-history-private.h"
#include "wd-revision.h"

struct _WdRevision
{
  GObject    parent_instance;

  guint      number;
  char      *saved_at;
  guint      words_added;
  guint      words_removed;
  char      *correction;
  guint      restored_from;
  gboolean   rebuildable;
  GPtrArray *publications;
  WdChanges *changes;
};

G_DEFINE_FINAL_TYPE (WdRevision, wd_revision, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_NUMBER,
  PROP_SAVED_AT,
  PROP_WORDS_ADDED,
  PROP_WORDS_REMOVED,
  PROP_CORRECTION,
  PROP_RESTORED_FROM,
  PROP_REBUILDABLE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static const char * const field_members[WD_REVISION_N_TEXTS] = {
  "headline", "standfirst", "byline", "body", "desk_note",
};

const char *
wd_revision_field_member (WdRevisionField field)
{
  g_return_val_if_fail (field < WD_REVISION_N_TEXTS, NULL);

  return field_members[field];
}

const char *
wd_revision_field_label (WdRevisionField field)
{
  g_return_val_if_fail (field < WD_REVISION_N_TEXTS, NULL);

  switch (field)
    {
    case WD_REVISION_HEADLINE:
      return _("Headline");
    case WD_REVISION_STANDFIRST:
      return _("Standfirst");
    case WD_REVISION_BYLINE:
      return _("Byline");
    case WD_REVISION_BODY:
      return _("Body");
    case WD_REVISION_DESK_NOTE:
    case WD_REVISION_N_TEXTS:
    default:
      return _("Desk note");
    }
}

void
wd_correction_free (WdCorrection *correction)
{
  if (correction == NULL)
    return;
  g_free (correction->note);
  g_free (correction->at);
  g_free (correction);
}

static void
wd_revision_finalize (GObject *object)
{
  WdRevision *self = WD_REVISION (object);

  g_free (self->saved_at);
  g_free (self->correction);
  g_ptr_array_unref (self->publications);
  g_clear_pointer (&self->changes, _wd_changes_unref);

  G_OBJECT_CLASS (wd_revision_parent_class)->finalize (object);
}

static void
wd_revision_get_property (GObject    *object,
                          guint       prop_id,
                          GValue     *value,
                          GParamSpec *pspec)
{
  WdRevision *self = WD_REVISION (object);

  switch (prop_id)
    {
    case PROP_NUMBER:
      g_value_set_uint (value, self->number);
      break;
    case PROP_SAVED_AT:
      g_value_set_string (value, self->saved_at);
      break;
    case PROP_WORDS_ADDED:
      g_value_set_uint (value, self->words_added);
      break;
    case PROP_WORDS_REMOVED:
      g_value_set_uint (value, self->words_removed);
      break;
    case PROP_CORRECTION:
      g_value_set_string (value, self->correction);
      break;
    case PROP_RESTORED_FROM:
      g_value_set_uint (value, self->restored_from);
      break;
    case PROP_REBUILDABLE:
      g_value_set_boolean (value, self->rebuildable);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
wd_revision_class_init (WdRevisionClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags flags = G_PARAM_READABLE | G_PARAM_STATIC_STRINGS;

  object_class->finalize = wd_revision_finalize;
  object_class->get_property = wd_revision_get_property;

  properties[PROP_NUMBER] = g_param_spec_uint ("number", NULL, NULL, 0, G_MAXUINT, 0, flags);
  properties[PROP_SAVED_AT] = g_param_spec_string ("saved-at", NULL, NULL, NULL, flags);
  properties[PROP_WORDS_ADDED] = g_param_spec_uint ("words-added", NULL, NULL, 0, G_MAXUINT, 0, flags);
  properties[PROP_WORDS_REMOVED] = g_param_spec_uint ("words-removed", NULL, NULL, 0, G_MAXUINT, 0, flags);
  properties[PROP_CORRECTION] = g_param_spec_string ("correction", NULL, NULL, NULL, flags);
  properties[PROP_RESTORED_FROM] = g_param_spec_uint ("restored-from", NULL, NULL, 0, G_MAXUINT, 0, flags);
  properties[PROP_REBUILDABLE] = g_param_spec_boolean ("rebuildable", NULL, NULL, TRUE, flags);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
wd_revision_init (WdRevision *self)
{
  self->rebuildable = TRUE;
  self->publications = g_ptr_array_new_with_free_func (g_object_unref);
}

WdRevision *
_wd_revision_new (guint       number,
                  const char *saved_at,
                  guint       words_added,
                  guint       words_removed,
                  const char *correction,
                  guint       restored_from)
{
  WdRevision *self = g_object_new (WD_TYPE_REVISION, NULL);

  self->number = number;
  self->saved_at = g_strdup (saved_at);
  self->words_added = words_added;
  self->words_removed = words_removed;
  self->correction = g_strdup (correction);
  self->restored_from = restored_from;
  return self;
}

guint
wd_revision_get_number (WdRevision *self)
{
  g_return_val_if_fail (WD_IS_REVISION (self), 0);
  return self->number;
}

const char *
wd_revision_get_saved_at (WdRevision *self)
{
  g_return_val_if_fail (WD_IS_REVISION (self), NULL);
  return self->saved_at;
}

guint
wd_revision_get_words_added (WdRevision *self)
{
  g_return_val_if_fail (WD_IS_REVISION (self), 0);
  return self->words_added;
}

guint
wd_revision_get_words_removed (WdRevision *self)
{
  g_return_val_if_fail (WD_IS_REVISION (self), 0);
  return self->words_removed;
}

const char *
wd_revision_get_correction (WdRevision *self)
{
  g_return_val_if_fail (WD_IS_REVISION (self), NULL);
  return self->correction;
}

guint
wd_revision_get_restored_from (WdRevision *self)
{
  g_return_val_if_fail (WD_IS_REVISION (self), 0);
  return self->restored_from;
}

gboolean
wd_revision_get_rebuildable (WdRevision *self)
{
  g_return_val_if_fail (WD_IS_REVISION (self), FALSE);
  return self->rebuildable;
}

GPtrArray *
wd_revision_get_publications (WdRevision *self)
{
  g_return_val_if_fail (WD_IS_REVISION (self), NULL);
  return self->publications;
}

void
wd_revision_write_members (WdRevision   *self,
                           WdJsonWriter *w)
{
  g_return_if_fail (WD_IS_REVISION (self));
  g_return_if_fail (w != NULL);

  wd_json_writer_member (w, "revision");
  wd_json_writer_int (w, self->number);
  wd_json_writer_member (w, "saved_at");
  wd_json_writer_nullable (w, self->saved_at);
  wd_json_writer_member (w, "words_added");
  wd_json_writer_int (w, self->words_added);
  wd_json_writer_member (w, "words_removed");
  wd_json_writer_int (w, self->words_removed);
  wd_json_writer_member (w, "published");
  wd_json_writer_begin_array (w);
  for (guint i = 0; i < self->publications->len; i++)
    {
      WdPublication *p = g_ptr_array_index (self->publications, i);

      wd_json_writer_begin_object (w);
      wd_json_writer_member (w, "endpoint");
      wd_json_writer_string (w, wd_publication_get_endpoint (p));
      wd_json_writer_member (w, "remote_id");
      wd_json_writer_string (w, wd_publication_get_remote_id (p));
      wd_json_writer_member (w, "at");
      wd_json_writer_nullable (w, wd_publication_get_at (p));
      wd_json_writer_end_object (w);
    }
  wd_json_writer_end_array (w);
  wd_json_writer_member (w, "correction");
  wd_json_writer_nullable (w, self->correction);
  if (self->restored_from != 0)
    {
      wd_json_writer_member (w, "restored_from");
      wd_json_writer_int (w, self->restored_from);
    }
}

void
_wd_revision_add_publication (WdRevision    *self,
                              WdPublication *publication)
{
  g_ptr_array_add (self->publications, g_object_ref (publication));
}

WdChanges *
_wd_revision_get_changes (WdRevision *self)
{
  return self->changes;
}

void
_wd_revision_set_changes (WdRevision *self,
                          WdChanges  *changes)
{
  if (changes != NULL)
    _wd_changes_ref (changes);
  g_clear_pointer (&self->changes, _wd_changes_unref);
  self->changes = changes;
}

void
_wd_revision_set_rebuildable (WdRevision *self,
                              gboolean    rebuildable)
{
  if (self->rebuildable != rebuildable)
    {
      self->rebuildable = rebuildable;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_REBUILDABLE]);
    }
}

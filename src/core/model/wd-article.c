#define G_LOG_DOMAIN "wd-article"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "wd-article-private.h"
#include "wd-enums.h"
#include "wd-error.h"
#include "wd-history.h"
#include "wd-url.h"
#include "wd-util-private.h"

struct _WdArticle
{
  GObject          parent_instance;

  char            *id;
  char            *headline;
  char            *standfirst;
  char            *byline;
  char            *dateline;
  char            *language;
  char            *body;
  char            *desk_note;
  char            *ed_note;
  char           **keywords;
  WdArticleStatus  status;
  char            *created;
  char            *modified;
  guint            revision;
  GListStore      *sources;
  GListStore      *publications;
  /* url → source and id → source, for O(1) duplicate checks; rebuilt on
   * the next lookup after a source changed its url. */
  GHashTable      *by_url;
  GHashTable      *by_id;
  gboolean         index_stale;

  JsonObject      *root_extras;
  JsonObject      *extras;
  WdHistory       *history;
};

G_DEFINE_FINAL_TYPE (WdArticle, wd_article, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_HEADLINE,
  PROP_STANDFIRST,
  PROP_BYLINE,
  PROP_DATELINE,
  PROP_LANGUAGE,
  PROP_BODY,
  PROP_DESK_NOTE,
  PROP_ED_NOTE,
  PROP_KEYWORDS,
  PROP_STATUS,
  PROP_CREATED,
  PROP_MODIFIED,
  PROP_REVISION,
  PROP_SOURCES,
  N_PROPS
};

enum {
  CHANGED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

/* Every property that belongs to the document; editing one makes it dirty. */
static void
wd_article_notify (GObject    *object,
                   GParamSpec *pspec)
{
  g_signal_emit (object, signals[CHANGED], 0);

  if (G_OBJECT_CLASS (wd_article_parent_class)->notify)
    G_OBJECT_CLASS (wd_article_parent_class)->notify (object, pspec);
}

static void
on_source_notify (WdArticle  *self,
                  GParamSpec *pspec,
                  WdSource   *source)
{
  if (g_str_equal (pspec->name, "url") || g_str_equal (pspec->name, "id"))
    self->index_stale = TRUE;

  g_signal_emit (self, signals[CHANGED], 0);
}

static void
ensure_index (WdArticle *self)
{
  guint n;

  if (!self->index_stale)
    return;

  g_hash_table_remove_all (self->by_url);
  g_hash_table_remove_all (self->by_id);

  n = g_list_model_get_n_items (G_LIST_MODEL (self->sources));
  for (guint i = 0; i < n; i++)
    {
      WdSource *source = wd_article_get_source (self, i);

      g_hash_table_insert (self->by_url, g_strdup (wd_source_get_url (source)), source);
      g_hash_table_insert (self->by_id, g_strdup (wd_source_get_id (source)), source);
    }

  self->index_stale = FALSE;
}

static void
on_sources_items_changed (WdArticle  *self,
                          guint       position,
                          guint       removed,
                          guint       added,
                          GListModel *model)
{
  g_signal_emit (self, signals[CHANGED], 0);
}

static void
wd_article_dispose (GObject *object)
{
  WdArticle *self = (WdArticle *)object;

  g_clear_object (&self->sources);
  g_clear_object (&self->publications);
  g_clear_pointer (&self->by_url, g_hash_table_unref);
  g_clear_pointer (&self->by_id, g_hash_table_unref);
  g_clear_pointer (&self->root_extras, json_object_unref);
  g_clear_pointer (&self->extras, json_object_unref);
  g_clear_object (&self->history);

  G_OBJECT_CLASS (wd_article_parent_class)->dispose (object);
}

static void
wd_article_finalize (GObject *object)
{
  WdArticle *self = (WdArticle *)object;

  g_free (self->id);
  g_free (self->headline);
  g_free (self->standfirst);
  g_free (self->byline);
  g_free (self->dateline);
  g_free (self->language);
  g_free (self->body);
  g_free (self->desk_note);
  g_free (self->ed_note);
  g_strfreev (self->keywords);
  g_free (self->created);
  g_free (self->modified);

  G_OBJECT_CLASS (wd_article_parent_class)->finalize (object);
}

static void
wd_article_get_property (GObject    *object,
                         guint       prop_id,
                         GValue     *value,
                         GParamSpec *pspec)
{
  WdArticle *self = WD_ARTICLE (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_string (value, self->id);
      break;
    case PROP_HEADLINE:
      g_value_set_string (value, self->headline);
      break;
    case PROP_STANDFIRST:
      g_value_set_string (value, self->standfirst);
      break;
    case PROP_BYLINE:
      g_value_set_string (value, self->byline);
      break;
    case PROP_DATELINE:
      g_value_set_string (value, self->dateline);
      break;
    case PROP_LANGUAGE:
      g_value_set_string (value, self->language);
      break;
    case PROP_BODY:
      g_value_set_string (value, self->body);
      break;
    case PROP_DESK_NOTE:
      g_value_set_string (value, self->desk_note);
      break;
    case PROP_ED_NOTE:
      g_value_set_string (value, self->ed_note);
      break;
    case PROP_KEYWORDS:
      g_value_set_boxed (value, self->keywords);
      break;
    case PROP_STATUS:
      g_value_set_enum (value, self->status);
      break;
    case PROP_CREATED:
      g_value_set_string (value, self->created);
      break;
    case PROP_MODIFIED:
      g_value_set_string (value, self->modified);
      break;
    case PROP_REVISION:
      g_value_set_uint (value, self->revision);
      break;
    case PROP_SOURCES:
      g_value_set_object (value, self->sources);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
wd_article_set_property (GObject      *object,
                         guint         prop_id,
                         const GValue *value,
                         GParamSpec   *pspec)
{
  WdArticle *self = WD_ARTICLE (object);

  switch (prop_id)
    {
    case PROP_HEADLINE:
      wd_article_set_headline (self, g_value_get_string (value));
      break;
    case PROP_STANDFIRST:
      wd_article_set_standfirst (self, g_value_get_string (value));
      break;
    case PROP_BYLINE:
      wd_article_set_byline (self, g_value_get_string (value));
      break;
    case PROP_DATELINE:
      wd_article_set_dateline (self, g_value_get_string (value));
      break;
    case PROP_LANGUAGE:
      wd_article_set_language (self, g_value_get_string (value));
      break;
    case PROP_BODY:
      wd_article_set_body (self, g_value_get_string (value));
      break;
    case PROP_DESK_NOTE:
      wd_article_set_desk_note (self, g_value_get_string (value));
      break;
    case PROP_ED_NOTE:
      wd_article_set_ed_note (self, g_value_get_string (value));
      break;
    case PROP_KEYWORDS:
      wd_article_set_keywords (self, g_value_get_boxed (value));
      break;
    case PROP_STATUS:
      wd_article_set_status (self, g_value_get_enum (value));
      break;
    case PROP_CREATED:
      wd_article_set_created (self, g_value_get_string (value));
      break;
    case PROP_MODIFIED:
      wd_article_set_modified (self, g_value_get_string (value));
      break;
    case PROP_REVISION:
      wd_article_set_revision (self, g_value_get_uint (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
wd_article_class_init (WdArticleClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  const GParamFlags rw = G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;
  const GParamFlags ro = G_PARAM_READABLE | G_PARAM_STATIC_STRINGS;

  object_class->dispose = wd_article_dispose;
  object_class->finalize = wd_article_finalize;
  object_class->get_property = wd_article_get_property;
  object_class->set_property = wd_article_set_property;
  object_class->notify = wd_article_notify;

  properties[PROP_ID] = g_param_spec_string ("id", NULL, NULL, NULL, ro);
  properties[PROP_HEADLINE] = g_param_spec_string ("headline", NULL, NULL, NULL, rw);
  properties[PROP_STANDFIRST] = g_param_spec_string ("standfirst", NULL, NULL, NULL, rw);
  properties[PROP_BYLINE] = g_param_spec_string ("byline", NULL, NULL, NULL, rw);
  properties[PROP_DATELINE] = g_param_spec_string ("dateline", NULL, NULL, NULL, rw);
  properties[PROP_LANGUAGE] = g_param_spec_string ("language", NULL, NULL, "en", rw);
  properties[PROP_BODY] = g_param_spec_string ("body", NULL, NULL, NULL, rw);
  properties[PROP_DESK_NOTE] = g_param_spec_string ("desk-note", NULL, NULL, NULL, rw);
  /* Internal to the newsroom, never published (exported only as ninjs edNote). */
  properties[PROP_ED_NOTE] = g_param_spec_string ("ed-note", NULL, NULL, NULL, rw);
  properties[PROP_KEYWORDS] = g_param_spec_boxed ("keywords", NULL, NULL, G_TYPE_STRV, rw);
  properties[PROP_STATUS] =
    g_param_spec_enum ("status", NULL, NULL,
                       WD_TYPE_ARTICLE_STATUS, WD_ARTICLE_STATUS_DRAFT, rw);
  properties[PROP_CREATED] = g_param_spec_string ("created", NULL, NULL, NULL, rw);
  properties[PROP_MODIFIED] = g_param_spec_string ("modified", NULL, NULL, NULL, rw);
  properties[PROP_REVISION] = g_param_spec_uint ("revision", NULL, NULL, 0, G_MAXUINT, 0, rw);
  properties[PROP_SOURCES] =
    g_param_spec_object ("sources", NULL, NULL, G_TYPE_LIST_MODEL, ro);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * WdArticle::changed:
   * Emitted after anything stored in the document changed: a property, the
   * list of sources, or a property of one of them. Drives dirty state and
   * draft saving.
   */
  signals[CHANGED] =
    g_signal_new ("changed",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);
}

static void
wd_article_init (WdArticle *self)
{
  self->id = g_uuid_string_random ();
  self->language = g_strdup ("en");
  self->keywords = g_new0 (char *, 1);
  self->status = WD_ARTICLE_STATUS_DRAFT;
  self->created = _wd_now_iso8601 ();
  self->modified = g_strdup (self->created);
  self->sources = g_list_store_new (WD_TYPE_SOURCE);
  self->by_url = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->by_id = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  self->publications = g_list_store_new (WD_TYPE_PUBLICATION);
  self->history = wd_history_new ();

  g_signal_connect_object (self->sources, "items-changed",
                           G_CALLBACK (on_sources_items_changed), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->publications, "items-changed",
                           G_CALLBACK (on_sources_items_changed), self,
                           G_CONNECT_SWAPPED);
}

WdArticle *
wd_article_new (void)
{
  return g_object_new (WD_TYPE_ARTICLE, NULL);
}

const char *
wd_article_get_id (WdArticle *self)
{
  g_return_val_if_fail (WD_IS_ARTICLE (self), NULL);
  return self->id;
}

void
_wd_article_set_id (WdArticle  *self,
                    const char *id)
{
  g_return_if_fail (WD_IS_ARTICLE (self));
  g_return_if_fail (id != NULL && *id != '\0');

  if (_wd_set_str (&self->id, id))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ID]);
}

#define STRING_ACCESSORS(name, PROP)                                      \
  const char *                                                            \
  wd_article_get_##name (WdArticle *self)                                 \
  {                                                                       \
    g_return_val_if_fail (WD_IS_ARTICLE (self), NULL);                    \
    return self->name;                                                    \
  }                                                                       \
                                                                          \
  void                                                                    \
  wd_article_set_##name (WdArticle  *self,                                \
                         const char *value)                               \
  {                                                                       \
    g_return_if_fail (WD_IS_ARTICLE (self));                              \
    if (_wd_set_str (&self->name, value))                                 \
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP]);       \
  }

STRING_ACCESSORS (headline, PROP_HEADLINE)
STRING_ACCESSORS (standfirst, PROP_STANDFIRST)
STRING_ACCESSORS (byline, PROP_BYLINE)
STRING_ACCESSORS (dateline, PROP_DATELINE)
STRING_ACCESSORS (language, PROP_LANGUAGE)
STRING_ACCESSORS (body, PROP_BODY)
STRING_ACCESSORS (desk_note, PROP_DESK_NOTE)
STRING_ACCESSORS (ed_note, PROP_ED_NOTE)
STRING_ACCESSORS (created, PROP_CREATED)
STRING_ACCESSORS (modified, PROP_MODIFIED)

#undef STRING_ACCESSORS

const char * const *
wd_article_get_keywords (WdArticle *self)
{
  g_return_val_if_fail (WD_IS_ARTICLE (self), NULL);
  return (const char * const *) self->keywords;
}

void
wd_article_set_keywords (WdArticle          *self,
                         const char * const *keywords)
{
  static const char * const empty[] = { NULL };

  g_return_if_fail (WD_IS_ARTICLE (self));

  if (keywords == NULL)
    keywords = empty;

  if (g_strv_equal ((const char * const *) self->keywords, keywords))
    return;

  g_strfreev (self->keywords);
  self->keywords = g_strdupv ((char **) keywords);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_KEYWORDS]);
}

WdArticleStatus
wd_article_get_status (WdArticle *self)
{
  g_return_val_if_fail (WD_IS_ARTICLE (self), WD_ARTICLE_STATUS_DRAFT);
  return self->status;
}

void
wd_article_set_status (WdArticle       *self,
                       WdArticleStatus  status)
{
  g_return_if_fail (WD_IS_ARTICLE (self));
  g_return_if_fail (status <= WD_ARTICLE_STATUS_PUBLISHED);

  if (self->status != status)
    {
      self->status = status;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATUS]);
    }
}

guint
wd_article_get_revision (WdArticle *self)
{
  g_return_val_if_fail (WD_IS_ARTICLE (self), 0);
  return self->revision;
}

void
wd_article_set_revision (WdArticle *self,
                         guint      revision)
{
  g_return_if_fail (WD_IS_ARTICLE (self));

  if (self->revision != revision)
    {
      self->revision = revision;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_REVISION]);
    }
}

GListModel *
wd_article_get_sources (WdArticle *self)
{
  g_return_val_if_fail (WD_IS_ARTICLE (self), NULL);
  return G_LIST_MODEL (self->sources);
}

guint
wd_article_get_n_sources (WdArticle *self)
{
  g_return_val_if_fail (WD_IS_ARTICLE (self), 0);
  return g_list_model_get_n_items (G_LIST_MODEL (self->sources));
}

/* Returns: (transfer none) */
WdSource *
wd_article_get_source (WdArticle *self,
                       guint      position)
{
  WdSource *source;

  g_return_val_if_fail (WD_IS_ARTICLE (self), NULL);

  /* The store keeps its own reference: hand out a borrowed one. */
  source = g_list_model_get_item (G_LIST_MODEL (self->sources), position);
  if (source != NULL)
    g_object_unref (source);
  return source;
}

WdSource *
wd_article_find_source (WdArticle  *self,
                        const char *url)
{
  g_return_val_if_fail (WD_IS_ARTICLE (self), NULL);
  g_return_val_if_fail (url != NULL, NULL);

  ensure_index (self);
  return g_hash_table_lookup (self->by_url, url);
}

WdSource *
wd_article_find_source_by_id (WdArticle  *self,
                              const char *id)
{
  g_return_val_if_fail (WD_IS_ARTICLE (self), NULL);
  g_return_val_if_fail (id != NULL, NULL);

  ensure_index (self);
  return g_hash_table_lookup (self->by_id, id);
}

gboolean
wd_article_insert_source (WdArticle  *self,
                          guint       position,
                          WdSource   *source,
                          GError    **error)
{
  guint n;

  g_return_val_if_fail (WD_IS_ARTICLE (self), FALSE);
  g_return_val_if_fail (WD_IS_SOURCE (source), FALSE);

  if (wd_article_find_source (self, wd_source_get_url (source)) != NULL)
    {
      g_set_error (error, WD_ERROR, WD_ERROR_DUPLICATE_SOURCE,
                   _("The article already has the source %s"),
                   wd_source_get_url (source));
      return FALSE;
    }

  if (wd_article_find_source_by_id (self, wd_source_get_id (source)) != NULL)
    {
      g_set_error (error, WD_ERROR, WD_ERROR_DUPLICATE_SOURCE,
                   _("The article already has a source with the id %s"),
                   wd_source_get_id (source));
      return FALSE;
    }

  g_signal_connect_object (source, "notify",
                           G_CALLBACK (on_source_notify), self,
                           G_CONNECT_SWAPPED);

  g_hash_table_insert (self->by_url, g_strdup (wd_source_get_url (source)), source);
  g_hash_table_insert (self->by_id, g_strdup (wd_source_get_id (source)), source);

  n = wd_article_get_n_sources (self);
  g_list_store_insert (self->sources, MIN (position, n), source);

  return TRUE;
}

WdSource *
wd_article_add_source_url (WdArticle   *self,
                           const char  *text,
                           GError     **error)
{
  g_autofree char *url = NULL;
  g_autoptr(WdSource) source = NULL;

  g_return_val_if_fail (WD_IS_ARTICLE (self), NULL);
  g_return_val_if_fail (text != NULL, NULL);

  url = wd_url_normalize (text, error);
  if (url == NULL)
    return NULL;

  source = wd_source_new (url);
  if (!wd_article_insert_source (self, G_MAXUINT, source, error))
    return NULL;

  return source;
}

int
wd_article_remove_source (WdArticle *self,
                          WdSource  *source)
{
  guint position;

  g_return_val_if_fail (WD_IS_ARTICLE (self), -1);
  g_return_val_if_fail (WD_IS_SOURCE (source), -1);

  if (!g_list_store_find (self->sources, source, &position))
    return -1;

  g_signal_handlers_disconnect_by_func (source, on_source_notify, self);
  g_hash_table_remove (self->by_url, wd_source_get_url (source));
  g_hash_table_remove (self->by_id, wd_source_get_id (source));
  g_list_store_remove (self->sources, position);

  return (int) position;
}

GListModel *
wd_article_get_publications (WdArticle *self)
{
  g_return_val_if_fail (WD_IS_ARTICLE (self), NULL);
  return G_LIST_MODEL (self->publications);
}

static gboolean
find_publication (WdArticle  *self,
                  const char *endpoint,
                  guint      *position)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->publications));

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(WdPublication) publication =
        g_list_model_get_item (G_LIST_MODEL (self->publications), i);

      if (g_strcmp0 (wd_publication_get_endpoint (publication), endpoint) == 0)
        {
          *position = i;
          return TRUE;
        }
    }

  return FALSE;
}

WdPublication *
wd_article_find_publication (WdArticle  *self,
                             const char *endpoint)
{
  g_autoptr(WdPublication) publication = NULL;
  guint position;

  g_return_val_if_fail (WD_IS_ARTICLE (self), NULL);
  g_return_val_if_fail (endpoint != NULL, NULL);

  if (!find_publication (self, endpoint, &position))
    return NULL;

  /* The store keeps its own reference: hand out a borrowed one. */
  publication = g_list_model_get_item (G_LIST_MODEL (self->publications), position);
  return publication;
}

void
wd_article_set_publication (WdArticle     *self,
                            WdPublication *publication)
{
  guint position;

  g_return_if_fail (WD_IS_ARTICLE (self));
  g_return_if_fail (WD_IS_PUBLICATION (publication));

  if (find_publication (self, wd_publication_get_endpoint (publication), &position))
    g_list_store_splice (self->publications, position, 1, (gpointer *) &publication, 1);
  else
    g_list_store_append (self->publications, publication);
}

JsonObject *
_wd_article_get_root_extras (WdArticle *self)
{
  return self->root_extras;
}

void
_wd_article_set_root_extras (WdArticle  *self,
                             JsonObject *extras)
{
  if (extras != NULL)
    json_object_ref (extras);
  g_clear_pointer (&self->root_extras, json_object_unref);
  self->root_extras = extras;
}

JsonObject *
_wd_article_get_extras (WdArticle *self)
{
  return self->extras;
}

void
_wd_article_set_extras (WdArticle  *self,
                        JsonObject *extras)
{
  if (extras != NULL)
    json_object_ref (extras);
  g_clear_pointer (&self->extras, json_object_unref);
  self->extras = extras;
}

WdHistory *
wd_article_get_history (WdArticle *self)
{
  g_return_val_if_fail (WD_IS_ARTICLE (self), NULL);

  return self->history;
}

#define G_LOG_DOMAIN "wd-publication"

#include "config.h"

#include "wd-publication.h"

struct _WdPublication
{
  GObject  parent_instance;

  char    *endpoint;
  char    *remote_id;
  char    *url;
  char    *at;
};

G_DEFINE_FINAL_TYPE (WdPublication, wd_publication, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ENDPOINT,
  PROP_REMOTE_ID,
  PROP_URL,
  PROP_AT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
wd_publication_finalize (GObject *object)
{
  WdPublication *self = (WdPublication *)object;

  g_free (self->endpoint);
  g_free (self->remote_id);
  g_free (self->url);
  g_free (self->at);

  G_OBJECT_CLASS (wd_publication_parent_class)->finalize (object);
}

static char **
field_for (WdPublication *self,
           guint          prop_id)
{
  switch (prop_id)
    {
    case PROP_ENDPOINT:
      return &self->endpoint;
    case PROP_REMOTE_ID:
      return &self->remote_id;
    case PROP_URL:
      return &self->url;
    case PROP_AT:
      return &self->at;
    default:
      return NULL;
    }
}

static void
wd_publication_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  char **field = field_for (WD_PUBLICATION (object), prop_id);

  if (field == NULL)
    G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
  else
    g_value_set_string (value, *field);
}

static void
wd_publication_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  char **field = field_for (WD_PUBLICATION (object), prop_id);
  const char *text = g_value_get_string (value);

  if (field == NULL)
    {
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
      return;
    }

  /* Construct-only: set once. "" means absent, like everywhere in the model. */
  g_assert (*field == NULL);
  *field = text != NULL && *text != '\0' ? g_strdup (text) : NULL;
}

static void
wd_publication_class_init (WdPublicationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  const GParamFlags flags = G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS;

  object_class->finalize = wd_publication_finalize;
  object_class->get_property = wd_publication_get_property;
  object_class->set_property = wd_publication_set_property;

  properties[PROP_ENDPOINT] = g_param_spec_string ("endpoint", NULL, NULL, NULL, flags);
  properties[PROP_REMOTE_ID] = g_param_spec_string ("remote-id", NULL, NULL, NULL, flags);
  properties[PROP_URL] = g_param_spec_string ("url", NULL, NULL, NULL, flags);
  properties[PROP_AT] = g_param_spec_string ("at", NULL, NULL, NULL, flags);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
wd_publication_init (WdPublication *self)
{
}

WdPublication *
wd_publication_new (const char *endpoint,
                    const char *remote_id,
                    const char *url,
                    const char *at)
{
  g_return_val_if_fail (endpoint != NULL && *endpoint != '\0', NULL);
  g_return_val_if_fail (remote_id != NULL && *remote_id != '\0', NULL);

  return g_object_new (WD_TYPE_PUBLICATION,
                       "endpoint", endpoint,
                       "remote-id", remote_id,
                       "url", url,
                       "at", at,
                       NULL);
}

const char *
wd_publication_get_endpoint (WdPublication *self)
{
  g_return_val_if_fail (WD_IS_PUBLICATION (self), NULL);
  return self->endpoint;
}

const char *
wd_publication_get_remote_id (WdPublication *self)
{
  g_return_val_if_fail (WD_IS_PUBLICATION (self), NULL);
  return self->remote_id;
}

const char *
wd_publication_get_url (WdPublication *self)
{
  g_return_val_if_fail (WD_IS_PUBLICATION (self), NULL);
  return self->url;
}

const char *
wd_publication_get_at (WdPublication *self)
{
  g_return_val_if_fail (WD_IS_PUBLICATION (self), NULL);
  return self->at;
}

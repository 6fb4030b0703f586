#define G_LOG_DOMAIN "wd-check-result"

#include "config.h"

#include "wd-check-result.h"
#include "wd-text.h"
#include "wd-enums.h"
#include "wd-util-private.h"

enum {
  PROP_0,
  PROP_STATUS,
  PROP_HTTP_STATUS,
  PROP_REDIRECTS,
  PROP_ELAPSED_MS,
  PROP_AUTHORS,
  PROP_FIRST_TEXT,
  /* text properties follow, one per entry of text_fields */
  N_PROPS = PROP_FIRST_TEXT + 12
};

struct _WdCheckResult
{
  GObject        parent_instance;

  WdCheckStatus  status;
  guint          http_status;
  guint          redirects;
  gint64         elapsed_ms;
  char          *text[N_PROPS - PROP_FIRST_TEXT];
  /* The page's authors, one name each; the "author" text is them joined
   * with ", " for display. NULL when there are none. */
  char         **authors;
};

G_DEFINE_FINAL_TYPE (WdCheckResult, wd_check_result, G_TYPE_OBJECT)

#define AUTHOR_INDEX 4

/* Property names double as the order of the text members in a file. */
static const char * const text_fields[] = {
  "final-url", "checked-at", "title", "site-name", "author",
  "published", "canonical", "language", "content-sha256", "detail",
  /* The WARC record of the response in the evidence package, its payload digest. */
  "capture-id", "capture-digest",
  NULL
};

static GParamSpec *properties[N_PROPS];

const char * const *
wd_check_result_text_fields (void)
{
  return text_fields;
}

static int
text_index (const char *property)
{
  for (guint i = 0; text_fields[i] != NULL; i++)
    if (g_str_equal (text_fields[i], property))
      return (int) i;
  return -1;
}

static void
wd_check_result_finalize (GObject *object)
{
  WdCheckResult *self = (WdCheckResult *)object;

  for (guint i = 0; i < G_N_ELEMENTS (self->text); i++)
    g_free (self->text[i]);
  g_strfreev (self->authors);

  G_OBJECT_CLASS (wd_check_result_parent_class)->finalize (object);
}

static void
wd_check_result_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  WdCheckResult *self = WD_CHECK_RESULT (object);

  switch (prop_id)
    {
    case PROP_STATUS:
      g_value_set_enum (value, self->status);
      break;
    case PROP_HTTP_STATUS:
      g_value_set_uint (value, self->http_status);
      break;
    case PROP_REDIRECTS:
      g_value_set_uint (value, self->redirects);
      break;
    case PROP_ELAPSED_MS:
      g_value_set_int64 (value, self->elapsed_ms);
      break;
    case PROP_AUTHORS:
      g_value_set_boxed (value, self->authors);
      break;
    default:
      if (prop_id >= PROP_FIRST_TEXT && prop_id < N_PROPS)
        g_value_set_string (value, self->text[prop_id - PROP_FIRST_TEXT]);
      else
        G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
wd_check_result_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  WdCheckResult *self = WD_CHECK_RESULT (object);

  switch (prop_id)
    {
    case PROP_STATUS:
      wd_check_result_set_status (self, g_value_get_enum (value));
      break;
    case PROP_HTTP_STATUS:
      wd_check_result_set_http_status (self, g_value_get_uint (value));
      break;
    case PROP_REDIRECTS:
      wd_check_result_set_redirects (self, g_value_get_uint (value));
      break;
    case PROP_ELAPSED_MS:
      wd_check_result_set_elapsed_ms (self, g_value_get_int64 (value));
      break;
    case PROP_AUTHORS:
      wd_check_result_set_authors (self, g_value_get_boxed (value));
      break;
    default:
      if (prop_id >= PROP_FIRST_TEXT && prop_id < N_PROPS)
        wd_check_result_set_text (self, pspec->name, g_value_get_string (value));
      else
        G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
wd_check_result_class_init (WdCheckResultClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  const GParamFlags flags = G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->finalize = wd_check_result_finalize;
  object_class->get_property = wd_check_result_get_property;
  object_class->set_property = wd_check_result_set_property;

  properties[PROP_STATUS] =
    g_param_spec_enum ("status", NULL, NULL,
                       WD_TYPE_CHECK_STATUS, WD_CHECK_STATUS_UNCHECKED, flags);
  properties[PROP_HTTP_STATUS] =
    g_param_spec_uint ("http-status", NULL, NULL, 0, 999, 0, flags);
  properties[PROP_REDIRECTS] =
    g_param_spec_uint ("redirects", NULL, NULL, 0, G_MAXUINT, 0, flags);
  properties[PROP_ELAPSED_MS] =
    g_param_spec_int64 ("elapsed-ms", NULL, NULL, 0, G_MAXINT64, 0, flags);
  properties[PROP_AUTHORS] =
    g_param_spec_boxed ("authors", NULL, NULL, G_TYPE_STRV, flags);

  G_STATIC_ASSERT (G_N_ELEMENTS (text_fields) - 1 == N_PROPS - PROP_FIRST_TEXT);
  g_assert (text_index ("author") == AUTHOR_INDEX);
  for (guint i = 0; text_fields[i] != NULL; i++)
    properties[PROP_FIRST_TEXT + i] =
      g_param_spec_string (text_fields[i], NULL, NULL, NULL, flags);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
wd_check_result_init (WdCheckResult *self)
{
}

gboolean
wd_check_status_is_good (WdCheckStatus status)
{
  return status == WD_CHECK_STATUS_OK || status == WD_CHECK_STATUS_REDIRECTED;
}

WdCheckResult *
wd_check_result_new (WdCheckStatus status)
{
  return g_object_new (WD_TYPE_CHECK_RESULT, "status", status, NULL);
}

WdCheckResult *
wd_check_result_copy (WdCheckResult *self)
{
  WdCheckResult *copy;

  g_return_val_if_fail (WD_IS_CHECK_RESULT (self), NULL);

  copy = wd_check_result_new (self->status);
  copy->http_status = self->http_status;
  copy->redirects = self->redirects;
  copy->elapsed_ms = self->elapsed_ms;
  for (guint i = 0; i < G_N_ELEMENTS (self->text); i++)
    copy->text[i] = g_strdup (self->text[i]);
  copy->authors = g_strdupv (self->authors);

  return copy;
}

static gboolean
strv_equal (char **a,
            char **b)
{
  if (a == NULL || b == NULL)
    return a == b;
  return g_strv_equal ((const char * const *) a, (const char * const *) b);
}

gboolean
wd_check_result_equal (WdCheckResult *a,
                       WdCheckResult *b)
{
  if (a == b)
    return TRUE;
  if (a == NULL || b == NULL)
    return FALSE;

  if (a->status != b->status ||
      a->http_status != b->http_status ||
      a->redirects != b->redirects ||
      a->elapsed_ms != b->elapsed_ms)
    return FALSE;

  for (guint i = 0; i < G_N_ELEMENTS (a->text); i++)
    if (g_strcmp0 (a->text[i], b->text[i]) != 0)
      return FALSE;

  return strv_equal (a->authors, b->authors);
}

WdCheckStatus
wd_check_result_get_status (WdCheckResult *self)
{
  g_return_val_if_fail (WD_IS_CHECK_RESULT (self), WD_CHECK_STATUS_UNCHECKED);
  return self->status;
}

void
wd_check_result_set_status (WdCheckResult *self,
                            WdCheckStatus  status)
{
  g_return_if_fail (WD_IS_CHECK_RESULT (self));

  if (self->status != status)
    {
      self->status = status;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATUS]);
    }
}

guint
wd_check_result_get_http_status (WdCheckResult *self)
{
  g_return_val_if_fail (WD_IS_CHECK_RESULT (self), 0);
  return self->http_status;
}

void
wd_check_result_set_http_status (WdCheckResult *self,
                                 guint          http_status)
{
  g_return_if_fail (WD_IS_CHECK_RESULT (self));

  if (self->http_status != http_status)
    {
      self->http_status = http_status;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_HTTP_STATUS]);
    }
}

guint
wd_check_result_get_redirects (WdCheckResult *self)
{
  g_return_val_if_fail (WD_IS_CHECK_RESULT (self), 0);
  return self->redirects;
}

void
wd_check_result_set_redirects (WdCheckResult *self,
                               guint          redirects)
{
  g_return_if_fail (WD_IS_CHECK_RESULT (self));

  if (self->redirects != redirects)
    {
      self->redirects = redirects;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_REDIRECTS]);
    }
}

gint64
wd_check_result_get_elapsed_ms (WdCheckResult *self)
{
  g_return_val_if_fail (WD_IS_CHECK_RESULT (self), 0);
  return self->elapsed_ms;
}

void
wd_check_result_set_elapsed_ms (WdCheckResult *self,
                                gint64         elapsed_ms)
{
  g_return_if_fail (WD_IS_CHECK_RESULT (self));
  g_return_if_fail (elapsed_ms >= 0);

  if (self->elapsed_ms != elapsed_ms)
    {
      self->elapsed_ms = elapsed_ms;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ELAPSED_MS]);
    }
}

void
wd_check_result_set_text (WdCheckResult *self,
                          const char    *property,
                          const char    *value)
{
  g_autofree char *clean = NULL;
  int i;

  g_return_if_fail (WD_IS_CHECK_RESULT (self));
  g_return_if_fail (property != NULL);

  i = text_index (property);
  g_return_if_fail (i >= 0);

  /* What a web page says reaches the document through here (from the
   * checker, or from a document written elsewhere): whatever the page's
   * bytes, the model only ever holds valid UTF-8 without control
   * characters, so no export, table or label can carry them. */
  clean = wd_text_clean_untrusted (value);
  if (clean != NULL && clean[0] == '\0')
    g_clear_pointer (&clean, g_free);

  /* One author given as text (a document of an older version) is one
   * name: "Lee, Ann" cannot be told from two. */
  if (i == AUTHOR_INDEX)
    {
      const char * const one[] = { clean, NULL };

      wd_check_result_set_authors (self, clean != NULL ? one : NULL);
      return;
    }

  if (_wd_set_str (&self->text[i], clean))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FIRST_TEXT + i]);
}

const char * const *
wd_check_result_get_authors (WdCheckResult *self)
{
  g_return_val_if_fail (WD_IS_CHECK_RESULT (self), NULL);
  return (const char * const *) self->authors;
}

void
wd_check_result_set_authors (WdCheckResult      *self,
                             const char * const *authors)
{
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  g_auto(GStrv) list = NULL;
  g_autofree char *joined = NULL;

  g_return_if_fail (WD_IS_CHECK_RESULT (self));

  /* Each name is untrusted page text, kept clean as the other fields. */
  for (guint i = 0; authors != NULL && authors[i] != NULL; i++)
    {
      char *clean = wd_text_clean_untrusted (authors[i]);

      if (clean != NULL && clean[0] != '\0')
        g_ptr_array_add (names, clean);
      else
        g_free (clean);
    }

  if (names->len > 0)
    {
      g_ptr_array_add (names, NULL);
      list = (char **) g_ptr_array_free (g_steal_pointer (&names), FALSE);
      joined = g_strjoinv (", ", list);
    }

  if (strv_equal (self->authors, list))
    return;

  g_strfreev (self->authors);
  self->authors = g_steal_pointer (&list);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_AUTHORS]);
  if (_wd_set_str (&self->text[AUTHOR_INDEX], joined))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FIRST_TEXT + AUTHOR_INDEX]);
}

const char *
wd_check_result_get_text (WdCheckResult *self,
                          const char    *property)
{
  int i;

  g_return_val_if_fail (WD_IS_CHECK_RESULT (self), NULL);
  g_return_val_if_fail (property != NULL, NULL);

  i = text_index (property);
  g_return_val_if_fail (i >= 0, NULL);

  return self->text[i];
}

#define TEXT_GETTER(name, index)                             \
  const char *                                               \
  wd_check_result_get_##name (WdCheckResult *self)           \
  {                                                          \
    g_return_val_if_fail (WD_IS_CHECK_RESULT (self), NULL);  \
    return self->text[index];                                \
  }

TEXT_GETTER (final_url, 0)
TEXT_GETTER (checked_at, 1)
TEXT_GETTER (title, 2)
TEXT_GETTER (site_name, 3)
TEXT_GETTER (author, AUTHOR_INDEX)
TEXT_GETTER (published, 5)
TEXT_GETTER (canonical, 6)
TEXT_GETTER (language, 7)
TEXT_GETTER (content_sha256, 8)
TEXT_GETTER (detail, 9)

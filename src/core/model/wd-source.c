#define G_LOG_DOMAIN "wd-source"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "wd-enums.h"
#include "wd-source-private.h"
#include "wd-text.h"
#include "wd-url.h"
#include "wd-util-private.h"

struct _WdSource
{
  GObject        parent_instance;

  char          *id;
  char          *url;
  char          *label;
  WdSourceKind   kind;
  char          *attached_at;
  char          *note;
  WdCheckResult *check;
  char          *baseline_title;
  char          *baseline_sha256;

  JsonObject    *extras;
  JsonObject    *check_extras;
};

G_DEFINE_FINAL_TYPE (WdSource, wd_source, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_URL,
  PROP_LABEL,
  PROP_KIND,
  PROP_ATTACHED_AT,
  PROP_NOTE,
  PROP_CHECK,
  PROP_CHECK_STATUS,
  PROP_BASELINE_TITLE,
  PROP_BASELINE_SHA256,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
wd_source_dispose (GObject *object)
{
  WdSource *self = (WdSource *)object;

  g_clear_object (&self->check);
  g_clear_pointer (&self->extras, json_object_unref);
  g_clear_pointer (&self->check_extras, json_object_unref);

  G_OBJECT_CLASS (wd_source_parent_class)->dispose (object);
}

static void
wd_source_finalize (GObject *object)
{
  WdSource *self = (WdSource *)object;

  g_free (self->id);
  g_free (self->url);
  g_free (self->label);
  g_free (self->attached_at);
  g_free (self->note);
  g_free (self->baseline_title);
  g_free (self->baseline_sha256);

  G_OBJECT_CLASS (wd_source_parent_class)->finalize (object);
}

static void
wd_source_get_property (GObject    *object,
                        guint       prop_id,
                        GValue     *value,
                        GParamSpec *pspec)
{
  WdSource *self = WD_SOURCE (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_string (value, self->id);
      break;
    case PROP_URL:
      g_value_set_string (value, self->url);
      break;
    case PROP_LABEL:
      g_value_set_string (value, self->label);
      break;
    case PROP_KIND:
      g_value_set_enum (value, self->kind);
      break;
    case PROP_ATTACHED_AT:
      g_value_set_string (value, self->attached_at);
      break;
    case PROP_NOTE:
      g_value_set_string (value, self->note);
      break;
    case PROP_CHECK:
      g_value_set_object (value, self->check);
      break;
    case PROP_CHECK_STATUS:
      g_value_set_enum (value, wd_source_get_check_status (self));
      break;
    case PROP_BASELINE_TITLE:
      g_value_set_string (value, self->baseline_title);
      break;
    case PROP_BASELINE_SHA256:
      g_value_set_string (value, self->baseline_sha256);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
wd_source_set_property (GObject      *object,
                        guint         prop_id,
                        const GValue *value,
                        GParamSpec   *pspec)
{
  WdSource *self = WD_SOURCE (object);

  switch (prop_id)
    {
    case PROP_URL:
      wd_source_set_url (self, g_value_get_string (value));
      break;
    case PROP_LABEL:
      wd_source_set_label (self, g_value_get_string (value));
      break;
    case PROP_KIND:
      wd_source_set_kind (self, g_value_get_enum (value));
      break;
    case PROP_ATTACHED_AT:
      wd_source_set_attached_at (self, g_value_get_string (value));
      break;
    case PROP_NOTE:
      wd_source_set_note (self, g_value_get_string (value));
      break;
    case PROP_CHECK:
      wd_source_set_check (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
wd_source_class_init (WdSourceClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  const GParamFlags rw = G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;
  const GParamFlags ro = G_PARAM_READABLE | G_PARAM_STATIC_STRINGS;

  object_class->dispose = wd_source_dispose;
  object_class->finalize = wd_source_finalize;
  object_class->get_property = wd_source_get_property;
  object_class->set_property = wd_source_set_property;

  properties[PROP_ID] = g_param_spec_string ("id", NULL, NULL, NULL, ro);
  properties[PROP_URL] = g_param_spec_string ("url", NULL, NULL, NULL, rw);
  properties[PROP_LABEL] = g_param_spec_string ("label", NULL, NULL, NULL, rw);
  properties[PROP_KIND] =
    g_param_spec_enum ("kind", NULL, NULL,
                       WD_TYPE_SOURCE_KIND, WD_SOURCE_KIND_OTHER, rw);
  properties[PROP_ATTACHED_AT] = g_param_spec_string ("attached-at", NULL, NULL, NULL, rw);
  properties[PROP_NOTE] = g_param_spec_string ("note", NULL, NULL, NULL, rw);
  properties[PROP_CHECK] =
    g_param_spec_object ("check", NULL, NULL, WD_TYPE_CHECK_RESULT, rw);
  properties[PROP_CHECK_STATUS] =
    g_param_spec_enum ("check-status", NULL, NULL,
                       WD_TYPE_CHECK_STATUS, WD_CHECK_STATUS_UNCHECKED, ro);
  properties[PROP_BASELINE_TITLE] = g_param_spec_string ("baseline-title", NULL, NULL, NULL, ro);
  properties[PROP_BASELINE_SHA256] = g_param_spec_string ("baseline-sha256", NULL, NULL, NULL, ro);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
wd_source_init (WdSource *self)
{
  self->id = g_uuid_string_random ();
  self->kind = WD_SOURCE_KIND_OTHER;
  self->attached_at = _wd_now_iso8601 ();
}

WdSource *
wd_source_new (const char *url)
{
  WdSource *self;

  g_return_val_if_fail (url != NULL, NULL);

  self = g_object_new (WD_TYPE_SOURCE, "url", url, NULL);
  self->kind = wd_url_suggest_kind (url);

  return self;
}

const char *
wd_source_get_id (WdSource *self)
{
  g_return_val_if_fail (WD_IS_SOURCE (self), NULL);
  return self->id;
}

void
_wd_source_set_id (WdSource   *self,
                   const char *id)
{
  g_return_if_fail (WD_IS_SOURCE (self));
  g_return_if_fail (id != NULL && *id != '\0');

  if (_wd_set_str (&self->id, id))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ID]);
}

const char *
wd_source_get_url (WdSource *self)
{
  g_return_val_if_fail (WD_IS_SOURCE (self), NULL);
  return self->url;
}

void
wd_source_set_url (WdSource   *self,
                   const char *url)
{
  g_return_if_fail (WD_IS_SOURCE (self));

  if (_wd_set_str (&self->url, url))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_URL]);
}

const char *
wd_source_get_label (WdSource *self)
{
  g_return_val_if_fail (WD_IS_SOURCE (self), NULL);
  return self->label;
}

void
wd_source_set_label (WdSource   *self,
                     const char *label)
{
  g_return_if_fail (WD_IS_SOURCE (self));

  if (_wd_set_str (&self->label, label))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LABEL]);
}

WdSourceKind
wd_source_get_kind (WdSource *self)
{
  g_return_val_if_fail (WD_IS_SOURCE (self), WD_SOURCE_KIND_OTHER);
  return self->kind;
}

void
wd_source_set_kind (WdSource     *self,
                    WdSourceKind  kind)
{
  g_return_if_fail (WD_IS_SOURCE (self));
  g_return_if_fail (kind <= WD_SOURCE_KIND_OTHER);

  if (self->kind != kind)
    {
      self->kind = kind;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_KIND]);
    }
}

const char *
wd_source_get_attached_at (WdSource *self)
{
  g_return_val_if_fail (WD_IS_SOURCE (self), NULL);
  return self->attached_at;
}

void
wd_source_set_attached_at (WdSource   *self,
                           const char *attached_at)
{
  g_return_if_fail (WD_IS_SOURCE (self));

  if (_wd_set_str (&self->attached_at, attached_at))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ATTACHED_AT]);
}

const char *
wd_source_get_note (WdSource *self)
{
  g_return_val_if_fail (WD_IS_SOURCE (self), NULL);
  return self->note;
}

void
wd_source_set_note (WdSource   *self,
                    const char *note)
{
  g_return_if_fail (WD_IS_SOURCE (self));

  if (_wd_set_str (&self->note, note))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_NOTE]);
}

WdCheckResult *
wd_source_get_check (WdSource *self)
{
  g_return_val_if_fail (WD_IS_SOURCE (self), NULL);
  return self->check;
}

void
wd_source_set_check (WdSource      *self,
                     WdCheckResult *check)
{
  WdCheckStatus old_status;

  g_return_if_fail (WD_IS_SOURCE (self));
  g_return_if_fail (check == NULL || WD_IS_CHECK_RESULT (check));

  if (self->check == check)
    return;

  old_status = wd_source_get_check_status (self);
  g_set_object (&self->check, check);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CHECK]);

  if (old_status != wd_source_get_check_status (self))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CHECK_STATUS]);
}

WdCheckStatus
wd_source_get_check_status (WdSource *self)
{
  g_return_val_if_fail (WD_IS_SOURCE (self), WD_CHECK_STATUS_UNCHECKED);

  return self->check != NULL ? wd_check_result_get_status (self->check)
                             : WD_CHECK_STATUS_UNCHECKED;
}

const char *
wd_source_get_baseline_title (WdSource *self)
{
  g_return_val_if_fail (WD_IS_SOURCE (self), NULL);
  return self->baseline_title;
}

const char *
wd_source_get_baseline_sha256 (WdSource *self)
{
  g_return_val_if_fail (WD_IS_SOURCE (self), NULL);
  return self->baseline_sha256;
}

void
wd_source_set_baseline (WdSource   *self,
                        const char *title,
                        const char *content_sha256)
{
  g_return_if_fail (WD_IS_SOURCE (self));

  if (_wd_set_str (&self->baseline_title, title))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BASELINE_TITLE]);
  if (_wd_set_str (&self->baseline_sha256, content_sha256))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BASELINE_SHA256]);
}

/* How long a name made from a URL may grow, in characters. */
#define URL_NAME_MAX 60

/* A path segment or title as people read it: percent-decoded when that
 * gives UTF-8, "_" as space, no control characters (text from a URL is
 * untrusted). */
static char *
readable (const char *escaped,
          gboolean    underscores)
{
  g_autofree char *text = g_uri_unescape_string (escaped, NULL);
  GString *out = g_string_new (NULL);

  if (text == NULL || !g_utf8_validate (text, -1, NULL))
    _wd_set_str (&text, escaped);

  for (const char *p = text; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (underscores && c == '_')
        c = ' ';
      if (!g_unichar_iscntrl (c))
        g_string_append_unichar (out, c);
    }

  return g_string_free (out, FALSE);
}

/* "Wikipedia: Andrej Karpathy" for an article of any Wikipedia. */
static char *
wikipedia_name (const char *host,
                const char *path)
{
  g_autofree char *title = NULL;

  if (!(g_str_equal (host, "wikipedia.org") || g_str_has_suffix (host, ".wikipedia.org")) ||
      !g_str_has_prefix (path, "/wiki/") || path[6] == '\0')
    return NULL;

  title = readable (path + 6, TRUE);
  /* TRANSLATORS: how a Wikipedia article is named before it is checked */
  return g_strdup_printf (_("Wikipedia: %s"), title);
}

/* What identifies the page of @url: "t.me/producthunt/123456" (host
 * without "www.", path without the final slash), shortened in the
 * middle of the path when long. */
static char *
name_from_url (const char *url)
{
  g_autoptr(GUri) uri = g_uri_parse (url, G_URI_FLAGS_ENCODED, NULL);
  const char *host, *path;
  g_autofree char *readable_path = NULL;
  g_autofree char *name = NULL;
  char *wiki;
  glong len;

  if (uri == NULL || (host = g_uri_get_host (uri)) == NULL || *host == '\0')
    return g_strdup (url);

  path = g_uri_get_path (uri);
  if ((wiki = wikipedia_name (host, path)) != NULL)
    return wiki;

  if (g_str_has_prefix (host, "www."))
    host += 4;

  readable_path = readable (path, FALSE);
  len = strlen (readable_path);
  while (len > 0 && readable_path[len - 1] == '/')
    readable_path[--len] = '\0';

  name = g_strconcat (host, readable_path, NULL);
  len = g_utf8_strlen (name, -1);
  if (len > URL_NAME_MAX)
    {
      /* Keep the host and the path's end, which tell pages apart. */
      glong head = g_utf8_strlen (host, -1) + 1;
      glong tail = MAX (URL_NAME_MAX - head - 1, 8);
      g_autofree char *start = g_utf8_substring (name, 0, head);
      g_autofree char *end = g_utf8_substring (name, len - tail, len);

      return g_strconcat (start, "…", end, NULL);
    }

  return g_steal_pointer (&name);
}

char *
wd_source_dup_display_name (WdSource *self)
{
  const char *title;

  g_return_val_if_fail (WD_IS_SOURCE (self), NULL);

  /* A document from elsewhere may say anything: shown clean. */
  if (self->label != NULL && *self->label != '\0')
    return wd_text_clean_untrusted (self->label);

  /* A page's own title, unless the check found an error page: "Page
   * not found" names nothing. */
  if (self->check != NULL && (title = wd_check_result_get_title (self->check)) != NULL &&
      wd_check_status_is_good (wd_check_result_get_status (self->check)))
    return wd_text_clean_untrusted (title);

  {
    g_autofree char *name = name_from_url (self->url);

    return wd_text_clean_untrusted (name);
  }
}

JsonObject *
_wd_source_get_extras (WdSource *self)
{
  return self->extras;
}

void
_wd_source_set_extras (WdSource   *self,
                       JsonObject *extras)
{
  if (extras != NULL)
    json_object_ref (extras);
  g_clear_pointer (&self->extras, json_object_unref);
  self->extras = extras;
}

JsonObject *
_wd_source_get_check_extras (WdSource *self)
{
  return self->check_extras;
}

void
_wd_source_set_check_extras (WdSource   *self,
                             JsonObject *extras)
{
  if (extras != NULL)
    json_object_ref (extras);
  g_clear_pointer (&self->check_extras, json_object_unref);
  self->check_extras = extras;
}

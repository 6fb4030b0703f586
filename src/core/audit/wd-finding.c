#define G_LOG_DOMAIN "wd-finding"

#include "config.h"

#include <string.h>

#include "wd-enums.h"
#include "wd-finding-private.h"
#include "wd-types.h"

struct _WdFinding
{
  GObject            parent_instance;

  WdFindingCode      code;
  WdFindingSeverity  severity;
  char              *message;
  char              *source_id;
  char              *related_source_id;
  int                paragraph;
  gint64             start;
  gint64             end;
  gint64             char_start;
  gint64             char_end;
  char              *replacement;
  char             **items;
};

G_DEFINE_FINAL_TYPE (WdFinding, wd_finding, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_CODE,
  PROP_SEVERITY,
  PROP_MESSAGE,
  PROP_SOURCE_ID,
  PROP_RELATED_SOURCE_ID,
  PROP_PARAGRAPH,
  PROP_START,
  PROP_END,
  PROP_REPLACEMENT,
  PROP_ITEMS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
wd_finding_finalize (GObject *object)
{
  WdFinding *self = (WdFinding *)object;

  g_free (self->message);
  g_free (self->source_id);
  g_free (self->related_source_id);
  g_free (self->replacement);
  g_strfreev (self->items);

  G_OBJECT_CLASS (wd_finding_parent_class)->finalize (object);
}

static void
wd_finding_get_property (GObject    *object,
                         guint       prop_id,
                         GValue     *value,
                         GParamSpec *pspec)
{
  WdFinding *self = WD_FINDING (object);

  switch (prop_id)
    {
    case PROP_CODE:
      g_value_set_enum (value, self->code);
      break;
    case PROP_SEVERITY:
      g_value_set_enum (value, self->severity);
      break;
    case PROP_MESSAGE:
      g_value_set_string (value, self->message);
      break;
    case PROP_SOURCE_ID:
      g_value_set_string (value, self->source_id);
      break;
    case PROP_RELATED_SOURCE_ID:
      g_value_set_string (value, self->related_source_id);
      break;
    case PROP_PARAGRAPH:
      g_value_set_int (value, self->paragraph);
      break;
    case PROP_START:
      g_value_set_int64 (value, self->start);
      break;
    case PROP_END:
      g_value_set_int64 (value, self->end);
      break;
    case PROP_REPLACEMENT:
      g_value_set_string (value, self->replacement);
      break;
    case PROP_ITEMS:
      g_value_set_boxed (value, self->items);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
wd_finding_class_init (WdFindingClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  const GParamFlags ro = G_PARAM_READABLE | G_PARAM_STATIC_STRINGS;

  object_class->finalize = wd_finding_finalize;
  object_class->get_property = wd_finding_get_property;

  properties[PROP_CODE] =
    g_param_spec_enum ("code", NULL, NULL,
                       WD_TYPE_FINDING_CODE, WD_FINDING_CODE_UNCHECKED, ro);
  properties[PROP_SEVERITY] =
    g_param_spec_enum ("severity", NULL, NULL,
                       WD_TYPE_FINDING_SEVERITY, WD_FINDING_SEVERITY_INFO, ro);
  properties[PROP_MESSAGE] = g_param_spec_string ("message", NULL, NULL, NULL, ro);
  properties[PROP_SOURCE_ID] = g_param_spec_string ("source-id", NULL, NULL, NULL, ro);
  properties[PROP_RELATED_SOURCE_ID] =
    g_param_spec_string ("related-source-id", NULL, NULL, NULL, ro);
  properties[PROP_PARAGRAPH] = g_param_spec_int ("paragraph", NULL, NULL, -1, G_MAXINT, -1, ro);
  properties[PROP_START] = g_param_spec_int64 ("start", NULL, NULL, -1, G_MAXINT64, -1, ro);
  properties[PROP_END] = g_param_spec_int64 ("end", NULL, NULL, -1, G_MAXINT64, -1, ro);
  properties[PROP_REPLACEMENT] = g_param_spec_string ("replacement", NULL, NULL, NULL, ro);
  properties[PROP_ITEMS] = g_param_spec_boxed ("items", NULL, NULL, G_TYPE_STRV, ro);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
wd_finding_init (WdFinding *self)
{
  self->paragraph = -1;
  self->start = -1;
  self->end = -1;
  self->char_start = -1;
  self->char_end = -1;
  self->items = g_new0 (char *, 1);
}

WdFinding *
wd_finding_new (WdFindingCode      code,
                WdFindingSeverity  severity,
                const char        *message)
{
  WdFinding *self;

  g_return_val_if_fail (code <= WD_FINDING_CODE_QUOTE_UNVERIFIABLE, NULL);
  g_return_val_if_fail (severity <= WD_FINDING_SEVERITY_ERROR, NULL);
  g_return_val_if_fail (message != NULL, NULL);

  self = g_object_new (WD_TYPE_FINDING, NULL);
  self->code = code;
  self->severity = severity;
  self->message = g_strdup (message);

  return self;
}

WdFindingCode
wd_finding_get_code (WdFinding *self)
{
  g_return_val_if_fail (WD_IS_FINDING (self), 0);
  return self->code;
}

const char *
wd_finding_get_code_nick (WdFinding *self)
{
  g_return_val_if_fail (WD_IS_FINDING (self), NULL);
  return wd_enum_to_nick (WD_TYPE_FINDING_CODE, self->code);
}

WdFindingSeverity
wd_finding_get_severity (WdFinding *self)
{
  g_return_val_if_fail (WD_IS_FINDING (self), 0);
  return self->severity;
}

const char *
wd_finding_get_message (WdFinding *self)
{
  g_return_val_if_fail (WD_IS_FINDING (self), NULL);
  return self->message;
}

const char *
wd_finding_get_source_id (WdFinding *self)
{
  g_return_val_if_fail (WD_IS_FINDING (self), NULL);
  return self->source_id;
}

const char *
wd_finding_get_related_source_id (WdFinding *self)
{
  g_return_val_if_fail (WD_IS_FINDING (self), NULL);
  return self->related_source_id;
}

int
wd_finding_get_paragraph (WdFinding *self)
{
  g_return_val_if_fail (WD_IS_FINDING (self), -1);
  return self->paragraph;
}

/* A range's ends out, if it has one (@from < 0: none). */
static gboolean
range_out (gint64  from,
           gint64  to,
           gsize  *start,
           gsize  *end)
{
  if (from < 0)
    return FALSE;

  if (start != NULL)
    *start = (gsize) from;
  if (end != NULL)
    *end = (gsize) to;
  return TRUE;
}

gboolean
wd_finding_get_range (WdFinding *self,
                      gsize     *start,
                      gsize     *end)
{
  g_return_val_if_fail (WD_IS_FINDING (self), FALSE);
  return range_out (self->start, self->end, start, end);
}

const char *
wd_finding_get_replacement (WdFinding *self)
{
  g_return_val_if_fail (WD_IS_FINDING (self), NULL);
  return self->replacement;
}

const char * const *
wd_finding_get_items (WdFinding *self)
{
  g_return_val_if_fail (WD_IS_FINDING (self), NULL);
  return (const char * const *) self->items;
}

gboolean
wd_finding_get_char_range (WdFinding *self,
                           gsize     *start,
                           gsize     *end)
{
  g_return_val_if_fail (WD_IS_FINDING (self), FALSE);
  return range_out (self->char_start, self->char_end, start, end);
}

static gboolean
same_place (WdFinding *a,
            WdFinding *b)
{
  return a->paragraph == b->paragraph &&
         a->start == b->start &&
         a->end == b->end &&
         a->char_start == b->char_start &&
         a->char_end == b->char_end;
}

gboolean
wd_finding_equal (WdFinding *a,
                  WdFinding *b)
{
  g_return_val_if_fail (WD_IS_FINDING (a), FALSE);
  g_return_val_if_fail (WD_IS_FINDING (b), FALSE);

  return same_place (a, b) && _wd_finding_same_but_place (a, b);
}

gboolean
_wd_finding_same_but_place (WdFinding *a,
                            WdFinding *b)
{
  g_return_val_if_fail (WD_IS_FINDING (a), FALSE);
  g_return_val_if_fail (WD_IS_FINDING (b), FALSE);

  return a->code == b->code &&
         a->severity == b->severity &&
         (a->start < 0) == (b->start < 0) &&
         g_strcmp0 (a->message, b->message) == 0 &&
         g_strcmp0 (a->source_id, b->source_id) == 0 &&
         g_strcmp0 (a->related_source_id, b->related_source_id) == 0 &&
         g_strcmp0 (a->replacement, b->replacement) == 0 &&
         g_strv_equal ((const char * const *) a->items, (const char * const *) b->items);
}

void
_wd_finding_set_source (WdFinding  *self,
                        const char *source_id,
                        const char *related_source_id)
{
  g_return_if_fail (WD_IS_FINDING (self));

  g_free (self->source_id);
  self->source_id = g_strdup (source_id);
  g_free (self->related_source_id);
  self->related_source_id = g_strdup (related_source_id);
}

void
_wd_finding_set_range (WdFinding *self,
                       int        paragraph,
                       gsize      start,
                       gsize      end)
{
  g_return_if_fail (WD_IS_FINDING (self));
  g_return_if_fail (start <= end);

  self->paragraph = paragraph;
  self->start = (gint64) start;
  self->end = (gint64) end;
}

void
_wd_finding_set_char_range (WdFinding *self,
                            gsize      start,
                            gsize      end)
{
  g_return_if_fail (WD_IS_FINDING (self));
  g_return_if_fail (start <= end);

  self->char_start = (gint64) start;
  self->char_end = (gint64) end;
}

gboolean
_wd_finding_take_place (WdFinding *self,
                        WdFinding *other)
{
  g_return_val_if_fail (WD_IS_FINDING (self), FALSE);
  g_return_val_if_fail (WD_IS_FINDING (other), FALSE);

  if (same_place (self, other))
    return FALSE;

  g_object_freeze_notify (G_OBJECT (self));
  if (self->paragraph != other->paragraph)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PARAGRAPH]);
  if (self->start != other->start)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_START]);
  if (self->end != other->end)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_END]);
  self->paragraph = other->paragraph;
  self->start = other->start;
  self->end = other->end;
  self->char_start = other->char_start;
  self->char_end = other->char_end;
  g_object_thaw_notify (G_OBJECT (self));
  return TRUE;
}

/* Byte @offset of @body (length @len), on a character's first byte, in
 * characters; @walk_byte/@walk_chars is where the last call got to. */
static gsize
chars_at (const char *body,
          gsize       len,
          gsize       offset,
          gsize      *walk_byte,
          gsize      *walk_chars)
{
  offset = MIN (offset, len);
  while (offset > 0 && ((guchar) body[offset] & 0xc0) == 0x80)
    offset--;
  if (offset < *walk_byte)
    *walk_byte = *walk_chars = 0;
  *walk_chars += (gsize) g_utf8_pointer_to_offset (body + *walk_byte, body + offset);
  *walk_byte = offset;
  return *walk_chars;
}

void
_wd_findings_set_char_ranges (GPtrArray  *findings,
                              const char *body)
{
  gsize len = body != NULL ? strlen (body) : 0;
  gsize walk_byte = 0, walk_chars = 0;

  for (guint i = 0; i < findings->len; i++)
    {
      WdFinding *finding = g_ptr_array_index (findings, i);
      gsize start, end;

      if (finding->start < 0 || body == NULL)
        continue;
      start = chars_at (body, len, (gsize) finding->start, &walk_byte, &walk_chars);
      end = chars_at (body, len, (gsize) finding->end, &walk_byte, &walk_chars);
      _wd_finding_set_char_range (finding, start, end);
    }
}

void
_wd_finding_set_replacement (WdFinding  *self,
                             const char *url)
{
  g_return_if_fail (WD_IS_FINDING (self));

  g_free (self->replacement);
  self->replacement = g_strdup (url);
}

void
_wd_finding_set_items (WdFinding          *self,
                       const char * const *items)
{
  g_return_if_fail (WD_IS_FINDING (self));

  g_strfreev (self->items);
  self->items = items != NULL ? g_strdupv ((char **) items) : g_new0 (char *, 1);
}

#define G_LOG_DOMAIN "wd-types"

#include "config.h"

#include "wd-error.h"
#include "wd-types.h"

G_DEFINE_QUARK (wd-error-quark, wd_error)

/**
 * wd_enum_to_nick:
 * Returns: (transfer none) (nullable): the nick of @value, as written in files.
 */
const char *
wd_enum_to_nick (GType enum_type,
                 int   value)
{
  g_autoptr(GEnumClass) klass = g_type_class_ref (enum_type);
  GEnumValue *ev = g_enum_get_value (klass, value);

  return ev != NULL ? ev->value_nick : NULL;
}

gboolean
wd_enum_from_nick (GType       enum_type,
                   const char *nick,
                   int        *value)
{
  g_autoptr(GEnumClass) klass = NULL;
  GEnumValue *ev;

  g_return_val_if_fail (value != NULL, FALSE);

  if (nick == NULL)
    return FALSE;

  klass = g_type_class_ref (enum_type);
  ev = g_enum_get_value_by_nick (klass, nick);
  if (ev == NULL)
    return FALSE;

  *value = ev->value;
  return TRUE;
}

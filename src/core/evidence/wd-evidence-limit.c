#define G_LOG_DOMAIN "wd-evidence-recorder"

#include "config.h"

#include "wd-evidence.h"

/* The package's size limit as a user writes it (`check --evidence-limit`). */
gboolean
wd_evidence_parse_limit (const char *text,
                         guint64    *bytes)
{
  static const struct { const char *unit; double factor; } units[] = {
    { "", 1e6 }, { "b", 1 }, { "kb", 1e3 }, { "k", 1e3 }, { "mb", 1e6 }, { "m", 1e6 },
    { "gb", 1e9 }, { "g", 1e9 },
  };
  g_autofree char *rest = NULL;
  g_autofree char *unit = NULL;
  char *end = NULL;
  double value;

  g_return_val_if_fail (text != NULL, FALSE);
  g_return_val_if_fail (bytes != NULL, FALSE);

  value = g_ascii_strtod (text, &end);
  if (end == text || !(value > 0) || value > 1e15)
    return FALSE;
  rest = g_strstrip (g_strdup (end));
  unit = g_ascii_strdown (rest, -1);
  for (guint i = 0; i < G_N_ELEMENTS (units); i++)
    if (g_str_equal (unit, units[i].unit))
      {
        *bytes = (guint64) (value * units[i].factor);
        return *bytes > 0;
      }
  return FALSE;
}


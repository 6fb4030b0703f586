/* wd-history-changes.c: the differences a revision is stored as — how to
 * rebuild an older text from a newer one — computed with the word diff
 * and applied with every bound a hostile document needs. */
#define G_LOG_DOMAIN "wd-history-changes"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "wd-diff.h"
#include "wd-error.h"
#include "wd-history-private.h"
#include "wd-native-format.h"

WdChanges *
_wd_changes_new (void)
{
  return g_atomic_rc_box_new0 (WdChanges);
}

WdChanges *
_wd_changes_ref (WdChanges *changes)
{
  return g_atomic_rc_box_acquire (changes);
}

static void
changes_clear (gpointer data)
{
  WdChanges *changes = data;

  for (guint i = 0; i < WD_REVISION_N_TEXTS; i++)
    g_clear_pointer (&changes->texts[i], json_array_unref);
  g_strfreev (changes->keywords);
  g_clear_pointer (&changes->sources, g_ptr_array_unref);
}

void
_wd_changes_unref (WdChanges *changes)
{
  if (changes != NULL)
    g_atomic_rc_box_release_full (changes, changes_clear);
}

static void
add_op (JsonArray  *ops,
        gint64      count,
        const char *text,
        gsize       len)
{
  guint n = json_array_get_length (ops);
  JsonNode *last = n > 0 ? json_array_get_element (ops, n - 1) : NULL;

  if (text == NULL && count == 0)
    return;

  if (text != NULL)
    {
      g_autofree char *copy = g_strndup (text, len);

      if (last != NULL && JSON_NODE_HOLDS_VALUE (last) && json_node_get_value_type (last) == G_TYPE_STRING)
        {
          g_autofree char *joined = g_strconcat (json_node_get_string (last), copy, NULL);
          json_node_set_string (last, joined);
        }
      else
        json_array_add_string_element (ops, copy);
      return;
    }

  if (last != NULL && JSON_NODE_HOLDS_VALUE (last) && json_node_get_value_type (last) == G_TYPE_INT64 &&
      (json_node_get_int (last) > 0) == (count > 0))
    json_node_set_int (last, json_node_get_int (last) + count);
  else
    json_array_add_int_element (ops, count);
}

/* Operations rebuilding @older from @newer. */
static JsonArray *
text_ops (const char *newer,
          const char *older,
          guint      *added,
          guint      *removed)
{
  g_autoptr(GArray) segments = wd_diff_words (older, newer);
  JsonArray *ops = json_array_new ();
  guint a = 0, r = 0;

  wd_diff_count_words (older, newer, segments, &a, &r);
  *added += a;
  *removed += r;

  for (guint i = 0; i < segments->len; i++)
    {
      const WdDiffSegment *seg = &g_array_index (segments, WdDiffSegment, i);

      switch (seg->op)
        {
        case WD_DIFF_EQUAL:
          add_op (ops, (gint64) seg->len, NULL, 0);
          break;
        case WD_DIFF_INSERT:
          add_op (ops, -(gint64) seg->len, NULL, 0);
          break;
        case WD_DIFF_DELETE:
        default:
          add_op (ops, 0, older + seg->a_start, seg->len);
          break;
        }
    }

  return ops;
}

static gboolean
keywords_equal (char **a,
                char **b)
{
  guint i;

  for (i = 0; a[i] != NULL && b[i] != NULL; i++)
    if (!g_str_equal (a[i], b[i]))
      return FALSE;
  return a[i] == NULL && b[i] == NULL;
}

static gboolean
sources_equal (GPtrArray *a,
               GPtrArray *b)
{
  if (a->len != b->len)
    return FALSE;
  for (guint i = 0; i < a->len; i++)
    {
      WdRevisionSource *x = g_ptr_array_index (a, i), *y = g_ptr_array_index (b, i);

      if (!g_str_equal (x->id, y->id) || !g_str_equal (x->url, y->url) ||
          !g_str_equal (x->label, y->label))
        return FALSE;
    }
  return TRUE;
}

gboolean
_wd_changes_is_empty (WdChanges *changes)
{
  for (guint i = 0; i < WD_REVISION_N_TEXTS; i++)
    if (changes->texts[i] != NULL)
      return FALSE;
  return changes->keywords == NULL && changes->sources == NULL;
}

WdChanges *
_wd_changes_compute (WdRevisionText *newer,
                     WdRevisionText *older,
                     guint          *added,
                     guint          *removed)
{
  WdChanges *changes = _wd_changes_new ();
  guint a = 0, r = 0;

  for (guint i = 0; i < WD_REVISION_N_TEXTS; i++)
    if (!g_str_equal (newer->texts[i], older->texts[i]))
      changes->texts[i] = text_ops (newer->texts[i], older->texts[i], &a, &r);

  if (!keywords_equal (newer->keywords, older->keywords))
    changes->keywords = g_strdupv (older->keywords);

  if (!sources_equal (newer->sources, older->sources))
    changes->sources = _wd_revision_sources_copy (older->sources);

  if (added != NULL)
    *added = a;
  if (removed != NULL)
    *removed = r;
  return changes;
}

static char *
apply_ops (JsonArray   *ops,
           const char  *newer,
           const char  *field,
           GError     **error)
{
  gsize len = strlen (newer), pos = 0;
  guint n = json_array_get_length (ops);
  g_autoptr(GString) out = g_string_sized_new (len);

  for (guint i = 0; i < n; i++)
    {
      JsonNode *op = json_array_get_element (ops, i);

      if (json_node_get_value_type (op) == G_TYPE_STRING)
        g_string_append (out, json_node_get_string (op));
      else
        {
          gint64 count = json_node_get_int (op);
          gsize abs = count < 0 ? (gsize) -count : (gsize) count;

          if (abs > len - pos)
            {
              g_set_error (error, WD_ERROR, WD_ERROR_FIELD,
                           _("history: the changes of %s go past its end"), field);
              return NULL;
            }
          if (count > 0)
            g_string_append_len (out, newer + pos, abs);
          pos += abs;
        }

      if (out->len > WD_NATIVE_FORMAT_MAX_SIZE)
        {
          g_set_error (error, WD_ERROR, WD_ERROR_TOO_LARGE,
                       _("history: the changes of %s make it larger than a document can be"), field);
          return NULL;
        }
    }

  if (pos != len || !g_utf8_validate_len (out->str, out->len, NULL) ||
      memchr (out->str, '\0', out->len) != NULL)
    {
      g_set_error (error, WD_ERROR, WD_ERROR_FIELD,
                   _("history: the changes of %s do not fit the text they apply to"), field);
      return NULL;
    }

  return g_string_free (g_steal_pointer (&out), FALSE);
}

WdRevisionText *
_wd_changes_apply (WdChanges       *changes,
                   WdRevisionText  *newer,
                   GError         **error)
{
  g_autoptr(WdRevisionText) older = _wd_revision_text_new ();

  for (guint i = 0; i < WD_REVISION_N_TEXTS; i++)
    {
      if (changes->texts[i] == NULL)
        older->texts[i] = g_strdup (newer->texts[i]);
      else if ((older->texts[i] = apply_ops (changes->texts[i], newer->texts[i],
                                             wd_revision_field_member (i), error)) == NULL)
        return NULL;
    }

  older->keywords = g_strdupv (changes->keywords != NULL ? changes->keywords : newer->keywords);
  g_ptr_array_unref (older->sources);
  older->sources = _wd_revision_sources_copy (changes->sources != NULL ? changes->sources : newer->sources);

  return g_steal_pointer (&older);
}

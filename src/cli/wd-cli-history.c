#define G_LOG_DOMAIN "wd-cli-history"

#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>
#include <stdlib.h>

#include "wd-cli-private.h"

/* Text from the document on a terminal: control characters (escape
 * sequences, line breaks) shown as U+FFFD / a space. */
static char *
printable (const char *text)
{
  GString *out = g_string_new (NULL);

  for (const char *p = text != NULL ? text : ""; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (c == '\n' || c == '\t')
        g_string_append_c (out, ' ');
      else if (g_unichar_iscntrl (c))
        g_string_append_unichar (out, 0xFFFD);
      else
        g_string_append_unichar (out, c);
    }
  return g_string_free (out, FALSE);
}

static void
print_json (WdRevision *revision)
{
  WdJsonWriter *writer = wd_json_writer_new_compact ();
  g_autofree char *line = NULL;

  wd_json_writer_begin_object (writer);
  wd_revision_write_members (revision, writer);
  wd_json_writer_end_object (writer);
  line = wd_json_writer_free_to_line (writer);
  printf ("%s\n", line);
}

static void
print_line (WdRevision *revision)
{
  GPtrArray *pubs = wd_revision_get_publications (revision);
  g_autofree char *saved_at = printable (wd_revision_get_saved_at (revision));
  GString *line = g_string_new (NULL);

  g_string_append_printf (line, "%u  %s  +%u -%u", wd_revision_get_number (revision), saved_at,
                          wd_revision_get_words_added (revision),
                          wd_revision_get_words_removed (revision));
  for (guint i = 0; i < pubs->len; i++)
    {
      WdPublication *p = g_ptr_array_index (pubs, i);
      g_autofree char *endpoint = printable (wd_publication_get_endpoint (p));
      g_autofree char *id = printable (wd_publication_get_remote_id (p));

      g_string_append (line, "  ");
      /* TRANSLATORS: "published to https://cms.example (42)" */
      g_string_append_printf (line, _("published to %s (%s)"), endpoint, id);
    }
  if (wd_revision_get_restored_from (revision) != 0)
    {
      g_string_append (line, "  ");
      g_string_append_printf (line, _("restored from %u"), wd_revision_get_restored_from (revision));
    }
  if (wd_revision_get_correction (revision) != NULL)
    {
      g_autofree char *note = printable (wd_revision_get_correction (revision));

      g_string_append (line, "  ");
      g_string_append_printf (line, _("Correction: %s"), note);
    }
  if (!wd_revision_get_rebuildable (revision))
    {
      g_string_append (line, "  ");
      g_string_append (line, _("text not kept"));
    }

  printf ("%s\n", line->str);
  g_string_free (line, TRUE);
}

static const char *
source_change_label (WdSourceChangeKind kind)
{
  switch (kind)
    {
    case WD_SOURCE_CHANGE_ADDED:
      return _("added");
    case WD_SOURCE_CHANGE_REMOVED:
      return _("removed");
    case WD_SOURCE_CHANGE_RELABELLED:
      return _("relabelled");
    case WD_SOURCE_CHANGE_MOVED:
    default:
      return _("URL changed");
    }
}

static int
print_diff (const char *input,
            WdHistory  *history,
            guint       from,
            guint       to)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(WdRevisionDiff) diff = wd_history_diff (history, from, to, &error);

  if (diff == NULL)
    {
      _wd_cli_print_error (input, error);
      return WD_EXIT_USAGE;
    }

  printf (_("Revision %u → %u: +%u −%u words"), from, to, diff->words_added, diff->words_removed);
  printf ("\n");
  if (diff->fields->len == 0 && diff->sources->len == 0)
    printf ("%s\n", _("No changes."));

  for (guint i = 0; i < diff->fields->len; i++)
    {
      WdFieldDiff *fd = g_ptr_array_index (diff->fields, i);
      g_autofree char *text = wd_diff_render_plain (fd->old_text, fd->new_text, fd->segments, 8);
      const char *label = fd->field < 0 ? _("Keywords") : wd_revision_field_label (fd->field);

      printf ("\n== %s ==\n%s\n", label, text);
    }

  if (diff->sources->len > 0)
    printf ("\n== %s ==\n", _("Sources"));
  for (guint i = 0; i < diff->sources->len; i++)
    {
      WdSourceChange *change = g_ptr_array_index (diff->sources, i);
      g_autofree char *url = printable (change->url);
      g_autofree char *old_value = printable (change->old_value);
      g_autofree char *new_value = printable (change->new_value);

      switch (change->kind)
        {
        case WD_SOURCE_CHANGE_RELABELLED:
        case WD_SOURCE_CHANGE_MOVED:
          printf ("%s %s: “%s” → “%s”\n", source_change_label (change->kind), url, old_value, new_value);
          break;
        case WD_SOURCE_CHANGE_ADDED:
        case WD_SOURCE_CHANGE_REMOVED:
        default:
          printf ("%s %s\n", source_change_label (change->kind), url);
          break;
        }
    }

  return WD_EXIT_OK;
}

static int
restore (const char *input,
         WdArticle  *article,
         guint       number,
         const char *output)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) in_file = g_file_new_for_commandline_arg (input);
  g_autoptr(GFile) out_file = g_file_new_for_commandline_arg (output);

  if (!wd_history_restore (wd_article_get_history (article), article, number, &error))
    {
      _wd_cli_print_error (input, error);
      return WD_EXIT_USAGE;
    }
  /* A save: the restored text becomes the newest revision, the history stays. */
  if (!wd_native_format_save (article, out_file, NULL, &error))
    {
      _wd_cli_print_error (output, error);
      return WD_EXIT_USAGE;
    }
  if (g_file_equal (in_file, out_file))
    fprintf (stderr, _("%s: revision %u restored as revision %u"), input, number,
             wd_article_get_revision (article));
  else
    fprintf (stderr, _("%s: revision %u written as revision %u"), output, number,
             wd_article_get_revision (article));
  fputc ('\n', stderr);
  return WD_EXIT_OK;
}

static gboolean
parse_number (const char *text,
              guint      *out)
{
  guint64 value;

  if (!g_ascii_string_to_unsigned (text, 10, 0, G_MAXUINT, &value, NULL))
    return FALSE;
  *out = value;
  return TRUE;
}

int
wd_cli_history (int    argc,
                char **argv)
{
  gboolean json = FALSE, diff = FALSE;
  int restore_number = -1;
  g_autofree char *output = NULL;
  g_auto(GStrv) rest = NULL;
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(WdArticle) article = NULL;
  g_autoptr(GError) error = NULL;
  WdHistory *history;
  GOptionEntry entries[] = {
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("One JSON object per revision and line"), NULL },
    { "diff", 0, 0, G_OPTION_ARG_NONE, &diff, N_("Show the word diff between revisions A and B"), NULL },
    { "restore", 0, 0, G_OPTION_ARG_INT, &restore_number, N_("Write the document as it was at revision N"), N_("N") },
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output, N_("Where --restore writes the document"), N_("OUT") },
    { G_OPTION_REMAINING, 0, 0, G_OPTION_ARG_FILENAME_ARRAY, &rest, NULL, N_("ARTICLE [A B]") },
    { NULL }
  };

  context = g_option_context_new (NULL);
  g_option_context_set_summary (context, _("List the revisions of a document, compare two, or restore one."));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!_wd_cli_parse_options (context, &argc, &argv, "history"))
    return WD_EXIT_USAGE;

  if (rest == NULL || rest[0] == NULL ||
      (diff && g_strv_length (rest) != 3) || (!diff && g_strv_length (rest) != 1) ||
      (diff && (json || restore_number >= 0)) || (restore_number >= 0 && output == NULL) ||
      (output != NULL && restore_number < 0))
    {
      _wd_cli_complain ("history", _("usage: wiredesk history ARTICLE [--json] | --diff A B | --restore N -o OUT"));
      return WD_EXIT_USAGE;
    }

  article = _wd_cli_load_article (rest[0], &error);
  if (article == NULL)
    {
      _wd_cli_print_error (rest[0], error);
      return WD_EXIT_USAGE;
    }
  history = wd_article_get_history (article);

  if (diff)
    {
      guint a, b;

      if (!parse_number (rest[1], &a) || !parse_number (rest[2], &b))
        {
          _wd_cli_complain ("history", _("--diff takes two revision numbers"));
          return WD_EXIT_USAGE;
        }
      return print_diff (rest[0], history, a, b);
    }

  if (restore_number >= 0)
    return restore (rest[0], article, restore_number, output);

  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (history)); i++)
    {
      g_autoptr(WdRevision) revision = g_list_model_get_item (G_LIST_MODEL (history), i);

      if (json)
        print_json (revision);
      else
        print_line (revision);
    }

  return WD_EXIT_OK;
}

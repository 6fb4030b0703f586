/* wd-window-files.c: opening, importing, saving, exporting and closing. */
#define G_LOG_DOMAIN "wd-window-files"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "wd-ui-util.h"
#include "wd-window-private.h"

static const char * const import_suffixes[] = { ".txt", ".text", ".md", ".markdown", NULL };

static gboolean
is_import_file (GFile *file)
{
  g_autofree char *name = g_file_get_basename (file);
  g_autofree char *lower = g_ascii_strdown (name, -1);

  for (guint i = 0; import_suffixes[i] != NULL; i++)
    if (g_str_has_suffix (lower, import_suffixes[i]))
      return TRUE;

  return FALSE;
}

static void
add_native_filters (GtkFileChooser *chooser,
                    gboolean        with_all)
{
  g_autoptr(GtkFileFilter) native = gtk_file_filter_new ();

  gtk_file_filter_set_name (native, _("Wiredesk Documents"));
  gtk_file_filter_add_pattern (native, "*" WD_NATIVE_FORMAT_EXTENSION);
  gtk_file_filter_add_mime_type (native, WD_NATIVE_FORMAT_MIME_TYPE);
  gtk_file_chooser_add_filter (chooser, native);

  if (with_all)
    {
      g_autoptr(GtkFileFilter) all = gtk_file_filter_new ();

      gtk_file_filter_set_name (all, _("All Files"));
      gtk_file_filter_add_pattern (all, "*");
      gtk_file_chooser_add_filter (chooser, all);
    }
}

static void
remember_recent (GFile *file)
{
  g_autofree char *uri = g_file_get_uri (file);
  GtkRecentData data = {
    .mime_type = (char *) WD_NATIVE_FORMAT_MIME_TYPE,
    .app_name = (char *) "Wiredesk",
    .app_exec = (char *) "wiredesk %u",
  };

  gtk_recent_manager_add_full (gtk_recent_manager_get_default (), uri, &data);
}

#define MAX_RECENT 8

static int
compare_recent (gconstpointer a,
                gconstpointer b)
{
  GtkRecentInfo *ra = *(GtkRecentInfo **) a;
  GtkRecentInfo *rb = *(GtkRecentInfo **) b;
  GDateTime *ma = gtk_recent_info_get_modified (ra);   /* transfer none */
  GDateTime *mb = gtk_recent_info_get_modified (rb);

  return -g_date_time_compare (ma, mb);
}

/* "Open Recent": the last documents, newest first. */
void
_wd_window_update_recent (WdWindow *self)
{
  GList *items = gtk_recent_manager_get_items (gtk_recent_manager_get_default ());
  g_autoptr(GPtrArray) ours = g_ptr_array_new_with_free_func ((GDestroyNotify) gtk_recent_info_unref);

  for (GList *l = items; l != NULL; l = l->next)
    {
      GtkRecentInfo *info = l->data;

      if (g_str_has_suffix (gtk_recent_info_get_uri (info), WD_NATIVE_FORMAT_EXTENSION) &&
          gtk_recent_info_is_local (info) && gtk_recent_info_exists (info))
        g_ptr_array_add (ours, gtk_recent_info_ref (info));
    }
  g_list_free_full (items, (GDestroyNotify) gtk_recent_info_unref);

  g_ptr_array_sort (ours, compare_recent);
  g_menu_remove_all (self->recent_menu);

  for (guint i = 0; i < MIN (ours->len, MAX_RECENT); i++)
    {
      GtkRecentInfo *info = g_ptr_array_index (ours, i);
      g_autoptr(GMenuItem) item = g_menu_item_new (gtk_recent_info_get_display_name (info), NULL);

      g_menu_item_set_action_and_target_value (item, "app.open-recent",
                                               g_variant_new_string (gtk_recent_info_get_uri (info)));
      g_menu_append_item (self->recent_menu, item);
    }

  if (ours->len == 0)
    {
      g_autoptr(GMenuItem) item = g_menu_item_new (_("No Recent Documents"), "app.none");

      g_menu_append_item (self->recent_menu, item);
    }
}

/* ------------------------------------------------------------------- etag */

static void
query_etag_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(WdWindow) self = user_data;
  g_autoptr(GFileInfo) info = g_file_query_info_finish (G_FILE (object), result, NULL);

  /* Only if the window still shows that file. */
  if (info != NULL && self->file != NULL && g_file_equal (self->file, G_FILE (object)))
    {
      g_free (self->etag);
      self->etag = g_strdup (g_file_info_get_etag (info));
    }
}

void
_wd_window_query_etag (WdWindow *self)
{
  if (self->file == NULL)
    return;

  g_file_query_info_async (self->file, G_FILE_ATTRIBUTE_ETAG_VALUE, G_FILE_QUERY_INFO_NONE,
                           G_PRIORITY_DEFAULT, self->cancellable, query_etag_cb, g_object_ref (self));
}

/* ------------------------------------------------------------------- load */

static void
load_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(GPtrArray) pair = user_data;   /* { window, file } */
  WdWindow *self = g_ptr_array_index (pair, 0);
  GFile *file = g_ptr_array_index (pair, 1);
  g_autoptr(WdArticle) article = NULL;
  g_autoptr(GError) error = NULL;

  if (_wd_window_closing (self))
    return;

  _wd_window_set_busy (self, FALSE);

  article = wd_native_format_load_finish (result, &error);
  if (article == NULL)
    {
      _wd_window_show_info (self, error->message);
      return;
    }

  _wd_window_set_document (self, article, file, NULL);
  _wd_window_query_etag (self);
  remember_recent (file);
}

typedef struct
{
  GFile     *file;
  WdArticle *article;
  GPtrArray *warnings;
} ImportData;

static void
import_data_free (ImportData *data)
{
  g_clear_object (&data->file);
  g_clear_object (&data->article);
  g_clear_pointer (&data->warnings, g_ptr_array_unref);
  g_free (data);
}

static void
import_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  ImportData *data = task_data;
  GError *error = NULL;

  data->article = wd_import_file (data->file, WD_IMPORT_FORMAT_AUTO, &data->warnings, cancellable, &error);
  if (data->article == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
}

static void
import_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  WdWindow *self = WD_WINDOW (object);
  ImportData *data = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;

  if (_wd_window_closing (self))
    return;

  _wd_window_set_busy (self, FALSE);

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      _wd_window_show_info (self, error->message);
      return;
    }

  /* An import is a new document: nothing is saved until Save As. */
  _wd_window_set_document (self, data->article, NULL, NULL);
  _wd_window_mark_changed (self);

  if (data->warnings != NULL && data->warnings->len > 0)
    {
      g_autofree char *message =
        g_strdup_printf (ngettext ("Imported; %u line of the source list was not a usable URL",
                                   "Imported; %u lines of the source list were not usable URLs",
                                   data->warnings->len),
                         data->warnings->len);
      g_ptr_array_add (data->warnings, NULL);
      {
        g_autofree char *all = g_strjoinv ("\n", (char **) data->warnings->pdata);

        _wd_window_show_info (self, all);
      }
      _wd_window_toast (self, message);
    }
}

void
wd_window_load_file (WdWindow *self,
                     GFile    *file)
{
  g_return_if_fail (WD_IS_WINDOW (self));
  g_return_if_fail (G_IS_FILE (file));

  _wd_window_show_info (self, NULL);
  _wd_window_set_busy (self, TRUE);

  if (is_import_file (file))
    {
      g_autoptr(GTask) task = g_task_new (self, self->cancellable, import_cb, NULL);
      ImportData *data = g_new0 (ImportData, 1);

      data->file = g_object_ref (file);
      g_task_set_source_tag (task, wd_window_load_file);
      g_task_set_task_data (task, data, (GDestroyNotify) import_data_free);
      g_task_run_in_thread (task, import_thread);
      return;
    }

  {
    GPtrArray *pair = g_ptr_array_new_with_free_func (g_object_unref);

    g_ptr_array_add (pair, g_object_ref (self));
    g_ptr_array_add (pair, g_object_ref (file));
    wd_native_format_load_async (file, self->cancellable, load_cb, pair);
  }
}

static void
open_response (GtkNativeDialog *chooser,
               int              response,
               WdWindow        *self)
{
  g_autoptr(GFile) file = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));

  if (file != NULL)
    {
      GtkApplication *app = gtk_window_get_application (GTK_WINDOW (self));

      if (WD_IS_APPLICATION (app))
        wd_application_open_file (WD_APPLICATION (app), file, self);
      else
        wd_window_load_file (self, file);
    }
}

/* Shows @chooser (taking it) for @self, modal, answering in @response.
 *
 * The window keeps the chooser it showed last, until it shows the next one
 * or closes, rather than dropping it in its own "response": without a portal
 * the chooser is GTK's own dialog, and GTK 4.18's path bar crashes when that
 * dialog is destroyed while it still reads the folder just shown (its
 * cancelled query then removes buttons from the box it already disposed).
 * An Import or Save clicked right after choosing a folder does that. By the
 * next chooser, the hidden one is long idle. */
static void
show_chooser (WdWindow             *self,
              GtkFileChooserNative *chooser,
              GCallback             response)
{
  g_clear_object (&self->chooser);
  self->chooser = chooser;

  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  g_signal_connect_object (chooser, "response", response, self, G_CONNECT_DEFAULT);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static void
choose_file (WdWindow   *self,
             const char *title,
             gboolean    import,
             GCallback   response)
{
  GtkFileChooserNative *chooser;

  chooser = gtk_file_chooser_native_new (title, GTK_WINDOW (self), GTK_FILE_CHOOSER_ACTION_OPEN,
                                         import ? _("_Import") : _("_Open"), _("_Cancel"));
  if (import)
    {
      g_autoptr(GtkFileFilter) text = gtk_file_filter_new ();

      gtk_file_filter_set_name (text, _("Plain Text and Markdown"));
      for (guint i = 0; import_suffixes[i] != NULL; i++)
        {
          g_autofree char *pattern = g_strconcat ("*", import_suffixes[i], NULL);

          gtk_file_filter_add_pattern (text, pattern);
        }
      gtk_file_filter_add_mime_type (text, "text/plain");
      gtk_file_filter_add_mime_type (text, "text/markdown");
      gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), text);
    }
  else
    add_native_filters (GTK_FILE_CHOOSER (chooser), TRUE);

  show_chooser (self, chooser, response);
}

static void
open_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  choose_file (WD_WINDOW (widget), _("Open Document"), FALSE, G_CALLBACK (open_response));
}

static void
import_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  choose_file (WD_WINDOW (widget), _("Import Text or Markdown"), TRUE, G_CALLBACK (open_response));
}

/* ------------------------------------------------------------------- save */

static void save_as_action (GtkWidget  *widget,
                            const char *action_name,
                            GVariant   *parameter);

typedef struct
{
  WdWindow *self;
  GFile    *file;
  guint64   serial;
} SaveData;

static void
save_data_free (SaveData *data)
{
  g_clear_object (&data->self);
  g_clear_object (&data->file);
  g_free (data);
}

static void
save_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  SaveData *data = user_data;
  WdWindow *self = data->self;
  g_autoptr(GError) error = NULL;

  _wd_window_set_busy (self, FALSE);

  if (!wd_native_format_save_finish (WD_ARTICLE (object), result, &error))
    {
      self->close_after_save = FALSE;
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        _wd_window_show_info (self, error->message);
      save_data_free (data);
      return;
    }

  _wd_window_show_info (self, NULL);
  _wd_window_evidence_follow (self, data->file);
  g_set_object (&self->file, data->file);
  g_clear_pointer (&self->etag, g_free);
  _wd_window_set_saved (self, data->serial);
  _wd_window_query_etag (self);
  remember_recent (data->file);

  if (!wd_window_get_modified (self))
    _wd_window_discard_draft (self);

  if (self->close_after_save)
    {
      self->close_after_save = FALSE;
      self->close_confirmed = TRUE;
      gtk_window_close (GTK_WINDOW (self));
    }

  save_data_free (data);
}

static void
save_to (WdWindow *self,
         GFile    *file)
{
  SaveData *data = g_new0 (SaveData, 1);

  _wd_window_sync_body (self);
  _wd_window_set_busy (self, TRUE);

  data->self = g_object_ref (self);
  data->file = g_object_ref (file);

  /* Not self->cancellable: a save that was started finishes even when the
   * window closes meanwhile. */
  wd_native_format_save_async (self->article, file, NULL, save_cb, data);

  /* After the call: it bumped the revision, which is part of this save. */
  data->serial = self->change_serial;
}

static void
overwrite_response (AdwMessageDialog *dialog,
                    const char       *response,
                    WdWindow         *self)
{
  if (g_str_equal (response, "overwrite"))
    save_to (self, self->file);
  else if (g_str_equal (response, "save-as"))
    save_as_action (GTK_WIDGET (self), NULL, NULL);
  else
    self->close_after_save = FALSE;
}

static void
check_etag_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(WdWindow) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GFileInfo) info = g_file_query_info_finish (G_FILE (object), result, &error);
  const char *etag = info != NULL ? g_file_info_get_etag (info) : NULL;
  g_autofree char *name = NULL;
  g_autofree char *body = NULL;

  _wd_window_set_busy (self, FALSE);

  /* Gone, never known, or unchanged: nothing of anyone else's to lose. */
  if (info == NULL || self->etag == NULL || etag == NULL || g_str_equal (etag, self->etag))
    {
      save_to (self, G_FILE (object));
      return;
    }

  name = g_file_get_basename (G_FILE (object));
  body = g_strdup_printf (_("Another program changed “%s” after it was opened here. "
                            "Saving replaces those changes with this window’s version."), name);
  _wd_ask (GTK_WINDOW (self), _("File Changed on Disk"), body,
           "cancel", _("_Cancel"),
           "overwrite", _("_Replace"),
           "save-as", _("Save _As…"), FALSE,
           G_CALLBACK (overwrite_response), self);
}

static void
save_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  WdWindow *self = WD_WINDOW (widget);

  if (self->busy)
    return;

  if (self->file == NULL)
    {
      save_as_action (GTK_WIDGET (self), NULL, NULL);
      return;
    }

  /* Look at the file first: another program may have changed it. */
  _wd_window_set_busy (self, TRUE);
  g_file_query_info_async (self->file, G_FILE_ATTRIBUTE_ETAG_VALUE, G_FILE_QUERY_INFO_NONE,
                           G_PRIORITY_DEFAULT, NULL, check_etag_cb, g_object_ref (self));
}

/* How long a file name made from a headline may grow, in characters. */
#define FILE_STEM_MAX 60

char *
_wd_headline_file_stem (const char *headline,
                        guint       max_chars)
{
  GString *stem = g_string_new (NULL);
  const char *p = headline;
  gsize cut = 0;   /* the stem's length at the last word end */
  guint n = 0;

  for (; *p != '\0' && n < max_chars; p = g_utf8_next_char (p), n++)
    {
      gunichar c = g_utf8_get_char (p);

      if (c == '/' || c == '\\' || c == ':')
        c = '-';
      else if (g_unichar_iscntrl (c))
        c = ' ';
      if (g_unichar_isspace (c) && stem->len > 0 && !g_unichar_isspace (g_utf8_get_char (g_utf8_prev_char (stem->str + stem->len))))
        cut = stem->len;
      g_string_append_unichar (stem, c);
    }

  /* Cut short in a word: end at the word before, unless that leaves
   * little of the headline. */
  if (*p != '\0' && !g_unichar_isspace (g_utf8_get_char (p)) && cut > stem->len / 2)
    g_string_truncate (stem, cut);

  return g_strstrip (g_string_free (stem, FALSE));
}

static char *
suggested_name (WdWindow *self)
{
  const char *headline = wd_article_get_headline (self->article);
  g_autofree char *base = NULL;

  if (self->file != NULL)
    return g_file_get_basename (self->file);

  if (headline == NULL || *headline == '\0')
    headline = _("Untitled Article");

  /* A file name from the headline: no slashes, not too long, cut
   * between words. */
  base = _wd_headline_file_stem (headline, FILE_STEM_MAX);

  return g_strconcat (g_strstrip (base), WD_NATIVE_FORMAT_EXTENSION, NULL);
}

static GFile *
with_extension (GFile *file)
{
  g_autofree char *name = g_file_get_basename (file);
  g_autoptr(GFile) parent = NULL;
  g_autofree char *fixed = NULL;

  if (g_str_has_suffix (name, WD_NATIVE_FORMAT_EXTENSION) || (parent = g_file_get_parent (file)) == NULL)
    return g_object_ref (file);

  fixed = g_strconcat (name, WD_NATIVE_FORMAT_EXTENSION, NULL);
  return g_file_get_child (parent, fixed);
}

static void
save_as_response (GtkNativeDialog *chooser,
                  int              response,
                  WdWindow        *self)
{
  g_autoptr(GFile) chosen = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    chosen = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));

  if (chosen != NULL)
    {
      g_autoptr(GFile) file = with_extension (chosen);

      save_to (self, file);
    }
  else
    self->close_after_save = FALSE;
}

static void
save_as_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  WdWindow *self = WD_WINDOW (widget);
  GtkFileChooserNative *chooser;
  g_autofree char *name = suggested_name (self);

  if (self->busy)
    return;

  chooser = gtk_file_chooser_native_new (_("Save Document As"), GTK_WINDOW (self),
                                         GTK_FILE_CHOOSER_ACTION_SAVE, _("_Save"), _("_Cancel"));
  add_native_filters (GTK_FILE_CHOOSER (chooser), FALSE);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), name);
  if (self->file != NULL)
    {
      g_autoptr(GFile) folder = g_file_get_parent (self->file);

      if (folder != NULL)
        gtk_file_chooser_set_current_folder (GTK_FILE_CHOOSER (chooser), folder, NULL);
    }

  show_chooser (self, chooser, G_CALLBACK (save_as_response));
}

/* ----------------------------------------------------------------- export */

/* What Export… offers, in the order of the chooser's filters: the CMS
 * formats first, the document itself last. The core does the work
 * (wd_export_serialize); this table only names the formats for people. */
static const struct {
  WdExportFormat  format;
  const char     *label;
} export_formats[] = {
  { WD_EXPORT_FORMAT_NINJS, N_("IPTC ninjs 3.1 (JSON for news systems)") },
  { WD_EXPORT_FORMAT_NINJS2, N_("IPTC ninjs 2.2 (JSON for older news systems)") },
  { WD_EXPORT_FORMAT_JSONLD, N_("schema.org NewsArticle (JSON-LD)") },
  { WD_EXPORT_FORMAT_PROV, N_("Provenance (W3C PROV-JSON)") },
  { WD_EXPORT_FORMAT_NATIVE, N_("Wiredesk Document (copy)") },
};

/* The format the person picked in the chooser: the filter decides, not
 * what the name ends with. Without a filter (a chooser that has none),
 * the name's extension, else the first format offered. */
static WdExportFormat
export_format_for (GtkFileChooser *chooser,
                   GFile          *file)
{
  g_autofree char *name = g_file_get_basename (file);
  GtkFileFilter *filter = gtk_file_chooser_get_filter (chooser);

  for (guint i = 0; i < G_N_ELEMENTS (export_formats) && filter != NULL; i++)
    if (g_strcmp0 (gtk_file_filter_get_name (filter), _(export_formats[i].label)) == 0)
      return export_formats[i].format;

  for (guint i = 0; i < G_N_ELEMENTS (export_formats); i++)
    if (g_str_has_suffix (name, wd_export_format_get_extension (export_formats[i].format)))
      return export_formats[i].format;

  return export_formats[0].format;
}

/* @name with @format's extension in place of any export format's (or
 * ".json"): "Story.ninjs.json" as JSON-LD is "Story.jsonld". */
char *
_wd_export_name_for_format (const char     *name,
                            WdExportFormat  format)
{
  g_autofree char *stem = g_strdup (name);
  gsize longest = 0;

  for (guint i = 0; i < G_N_ELEMENTS (export_formats); i++)
    {
      const char *ext = wd_export_format_get_extension (export_formats[i].format);

      if (g_str_has_suffix (stem, ext) && strlen (ext) > longest)
        longest = strlen (ext);
    }
  if (longest == 0 && g_str_has_suffix (stem, ".json"))
    longest = strlen (".json");
  /* Never down to nothing: ".jsonld" alone stays a name. */
  if (longest < strlen (stem))
    stem[strlen (stem) - longest] = '\0';

  return g_strconcat (stem, wd_export_format_get_extension (format), NULL);
}

static void
export_write_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(WdWindow) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *name = g_file_get_basename (G_FILE (object));
  g_autofree char *message = NULL;

  if (!wd_atomic_file_write_finish (result, &error))
    message = g_strdup_printf (_("Could not export to “%s”: %s"), name, error->message);
  else
    message = g_strdup_printf (_("Exported to “%s”"), name);

  _wd_window_toast (self, message);
}

static void choose_export_file (WdWindow *self);

static void
replace_response (AdwMessageDialog *dialog,
                  const char       *response,
                  WdWindow         *self)
{
  GFile *file = g_object_get_data (G_OBJECT (dialog), "wd-file");
  WdExportFormat format = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (dialog), "wd-format"));

  if (g_str_equal (response, "replace"))
    wd_window_export (self, file, format);
  else if (g_str_equal (response, "rename"))
    choose_export_file (self);
}

static void
export_response (GtkNativeDialog *chooser,
                 int              response,
                 WdWindow        *self)
{
  g_autoptr(GFile) chosen = NULL;
  g_autoptr(GFile) parent = NULL;
  g_autoptr(GFile) file = NULL;
  g_autofree char *name = NULL;
  g_autofree char *fixed = NULL;
  WdExportFormat format;

  if (response == GTK_RESPONSE_ACCEPT)
    chosen = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));

  if (chosen == NULL || (parent = g_file_get_parent (chosen)) == NULL)
    return;

  /* The format chosen decides; the name follows it. */
  format = export_format_for (GTK_FILE_CHOOSER (chooser), chosen);
  name = g_file_get_basename (chosen);
  fixed = _wd_export_name_for_format (name, format);
  file = g_file_get_child (parent, fixed);

  /* The chooser asked about the name typed, not this one. */
  if (!g_str_equal (name, fixed) && g_file_query_exists (file, NULL))
    {
      g_autofree char *body = g_strdup_printf (_("A file named “%s” already exists. Replacing it overwrites its contents."),
                                               fixed);
      AdwMessageDialog *dialog = _wd_ask (GTK_WINDOW (self), _("Replace File?"), body,
                                          "cancel", _("_Cancel"),
                                          "replace", _("_Replace"),
                                          "rename", _("_Choose Another Name"), TRUE,
                                          G_CALLBACK (replace_response), self);

      g_object_set_data_full (G_OBJECT (dialog), "wd-file", g_steal_pointer (&file), g_object_unref);
      g_object_set_data (G_OBJECT (dialog), "wd-format", GUINT_TO_POINTER (format));
      return;
    }

  wd_window_export (self, file, format);
}

/* The provenance lists every capture of the document's evidence
 * package, as `wiredesk export --format prov` does: the package is opened
 * in a thread, the article serialized here (it is not shared with threads). */
static void
prov_opened (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  WdWindow *self = WD_WINDOW (object);
  g_autoptr(GFile) file = user_data;
  g_autoptr(WdEvidencePackage) package = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;

  /* A damaged package is said; the provenance then names no capture. */
  package = _wd_window_open_evidence_finish (self, result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  _wd_window_sync_body (self);
  bytes = wd_export_prov_with_evidence (self->article, package);
  wd_atomic_file_write_async (file, bytes, WD_ATOMIC_FILE_KEEP_MODE, self->cancellable,
                              export_write_cb, g_object_ref (self));
}

static void
export_prov (WdWindow *self,
             GFile    *file)
{
  g_autoptr(GError) error = NULL;

  if (!wd_export_check (self->article, NULL, &error))
    {
      _wd_window_toast (self, error->message);
      return;
    }
  _wd_window_open_evidence_async (self, prov_opened, g_object_ref (file));
}

void
wd_window_export (WdWindow       *self,
                  GFile          *file,
                  WdExportFormat  format)
{
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;

  g_return_if_fail (WD_IS_WINDOW (self));
  g_return_if_fail (G_IS_FILE (file));

  _wd_window_sync_body (self);
  if (format == WD_EXPORT_FORMAT_PROV)
    {
      export_prov (self, file);
      return;
    }
  bytes = wd_export_serialize (self->article, format, &error);
  if (bytes == NULL)
    {
      _wd_window_toast (self, error->message);
      return;
    }

  wd_atomic_file_write_async (file, bytes, WD_ATOMIC_FILE_KEEP_MODE, self->cancellable,
                              export_write_cb, g_object_ref (self));
}

static void
choose_export_file (WdWindow *self)
{
  GtkFileChooserNative *chooser;
  g_autofree char *document = suggested_name (self);
  g_autofree char *name = NULL;

  /* "Headline.wiredesk" → "Headline.ninjs.json", the first format offered */
  if (g_str_has_suffix (document, WD_NATIVE_FORMAT_EXTENSION))
    document[strlen (document) - strlen (WD_NATIVE_FORMAT_EXTENSION)] = '\0';
  name = g_strconcat (document, wd_export_format_get_extension (export_formats[0].format), NULL);

  chooser = gtk_file_chooser_native_new (_("Export"), GTK_WINDOW (self),
                                         GTK_FILE_CHOOSER_ACTION_SAVE, _("_Export"), _("_Cancel"));
  for (guint i = 0; i < G_N_ELEMENTS (export_formats); i++)
    {
      g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();
      g_autofree char *pattern = g_strconcat ("*", wd_export_format_get_extension (export_formats[i].format), NULL);

      gtk_file_filter_set_name (filter, _(export_formats[i].label));
      gtk_file_filter_add_pattern (filter, pattern);
      gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);
    }
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), name);

  show_chooser (self, chooser, G_CALLBACK (export_response));
}

/* The audit first: with errors, the editor sees them and decides. */
static void
export_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  _wd_window_audit_first (WD_WINDOW (widget), _("Export With Audit Errors?"), _("_Export Anyway"),
                          choose_export_file);
}

/* ------------------------------------------------------------------ close */

static gboolean
close_idle (gpointer data)
{
  gtk_window_close (GTK_WINDOW (data));
  return G_SOURCE_REMOVE;
}

static void
close_response (AdwMessageDialog *dialog,
                const char       *response,
                WdWindow         *self)
{
  if (g_str_equal (response, "discard"))
    {
      /* After the dialog is done with its parent. */
      self->close_confirmed = TRUE;
      g_idle_add_full (G_PRIORITY_DEFAULT, close_idle, g_object_ref (self), g_object_unref);
    }
  else if (g_str_equal (response, "save"))
    {
      self->close_after_save = TRUE;
      save_action (GTK_WIDGET (self), NULL, NULL);
    }
}

void
_wd_window_confirm_close (WdWindow *self)
{
  const char *headline = wd_article_get_headline (self->article);
  g_autofree char *body = NULL;

  if (headline == NULL || *headline == '\0')
    headline = _("Untitled Article");

  gtk_window_present (GTK_WINDOW (self));

  body = g_strdup_printf (_("“%s” has changes that are not saved. "
                            "Changes which are not saved will be permanently lost."), headline);
  _wd_ask (GTK_WINDOW (self), _("Save Changes?"), body,
           "cancel", _("_Cancel"),
           "discard", _("_Discard"),
           "save", _("_Save"), TRUE,
           G_CALLBACK (close_response), self);
}

static void
close_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  gtk_window_close (GTK_WINDOW (WD_WINDOW (widget)));
}

void
_wd_window_class_init_files (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "win.open", NULL, open_action);
  gtk_widget_class_install_action (widget_class, "win.import", NULL, import_action);
  gtk_widget_class_install_action (widget_class, "win.save", NULL, save_action);
  gtk_widget_class_install_action (widget_class, "win.save-as", NULL, save_as_action);
  gtk_widget_class_install_action (widget_class, "win.export", NULL, export_action);
  gtk_widget_class_install_action (widget_class, "win.close", NULL, close_action);
}

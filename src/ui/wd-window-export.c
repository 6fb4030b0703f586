/* wd-window-export.c: Export…, the article in another format. */
#define G_LOG_DOMAIN "wd-window-export"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "wd-ui-util.h"
#include "wd-window-private.h"

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
  g_autofree char *document = _wd_window_suggested_name (self);
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

  _wd_window_show_chooser (self, chooser, G_CALLBACK (export_response));
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

void
_wd_window_class_init_export (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "win.export", NULL, export_action);
}

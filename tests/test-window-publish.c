/* Publish… from the editor against a stand-in CMS on 127.0.0.1. */
#include "config.h"

#include <string.h>

#include "wd-publish-dialog.h"
#include "wd-test-cms.h"
#include "wd-test-window.h"
#include "wd-test-util.h"
#include "wd-window.h"

#define TOKEN "s3cret-token"

static WdApplication *app;

static gboolean
dialog_gone (gpointer data)
{
  return wd_test_find_window (WD_TYPE_PUBLISH_DIALOG) == NULL;
}

static WdPublishDialog *
open_dialog (WdWindow *window)
{
  WdPublishDialog *dialog;

  gtk_widget_activate_action_variant (GTK_WIDGET (window), "win.publish", NULL);
  dialog = wd_test_find_window (WD_TYPE_PUBLISH_DIALOG);
  g_assert_nonnull (dialog);
  g_assert_true (gtk_window_get_transient_for (GTK_WINDOW (dialog)) == GTK_WINDOW (window));

  return dialog;
}

static void
collect_labels (GtkWidget *widget,
                GString   *out)
{
  if (GTK_IS_LABEL (widget) && gtk_widget_get_visible (widget) &&
      gtk_label_get_selectable (GTK_LABEL (widget)))
    g_string_append (out, gtk_label_get_text (GTK_LABEL (widget)));

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect_labels (child, out);
}

static char *
dialog_status (WdPublishDialog *dialog)
{
  GString *out = g_string_new (NULL);

  collect_labels (GTK_WIDGET (dialog), out);
  return g_string_free (out, FALSE);
}

static gboolean
has_status (gpointer data)
{
  g_autofree char *text = dialog_status (data);

  return *text != '\0';
}

static void
test_publish_create_update_fail (void)
{
  WdTestCms *cms;
  g_autofree char *endpoint = NULL;
  g_autofree char *sample = g_build_filename (g_getenv ("WD_SOURCE_ROOT"), "data", "sample",
                                              "sample.wiredesk", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (sample);
  g_autofree char *status = NULL;
  GSettings *settings;
  WdPublishDialog *dialog;
  WdWindow *window;
  WdArticle *article;
  WdPublication *publication;

  /* Not gtk_init_check () again: after a first failure GTK 4.8 says yes. */
  if (app == NULL)
    {
      g_test_skip ("no display");
      return;
    }

  cms = wd_test_cms_new (TOKEN);
  endpoint = wd_test_cms_url (cms, "/api/items");

  window = wd_window_new (app);
  gtk_window_present (GTK_WINDOW (window));
  wd_window_load_file (window, file);
  g_assert_true (wd_test_wait_until (wd_test_window_idle, window, 5000));
  article = wd_window_get_article (window);

  /* The dialog starts from the last endpoint and format. */
  settings = wd_application_get_settings (app);
  g_settings_set_string (settings, "publish-endpoint", endpoint);
  g_settings_set_string (settings, "publish-format", "ninjs");

  /* 1. A wrong credential: the dialog stays, says why, sends nothing more. */
  g_setenv ("WIREDESK_PUBLISH_TOKEN", "wrong", TRUE);
  dialog = open_dialog (window);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "publish.publish", NULL));
  g_assert_true (wd_test_wait_until (has_status, dialog, 10000));
  status = dialog_status (dialog);
  g_test_message ("status: %s", status);
  g_assert_nonnull (strstr (status, "401"));
  g_assert_null (strstr (status, "wrong"));            /* the credential is never shown */
  g_assert_nonnull (wd_test_find_window (WD_TYPE_PUBLISH_DIALOG));
  g_assert_null (wd_article_find_publication (article, endpoint));
  gtk_window_close (GTK_WINDOW (dialog));
  g_assert_true (wd_test_wait_until (dialog_gone, NULL, 2000));

  /* 2. The right one: created, stored in the article, the dialog closes. */
  g_setenv ("WIREDESK_PUBLISH_TOKEN", TOKEN, TRUE);
  dialog = open_dialog (window);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "publish.publish", NULL));
  g_assert_true (wd_test_wait_until (dialog_gone, NULL, 10000));
  publication = wd_article_find_publication (article, endpoint);
  g_assert_nonnull (publication);
  g_assert_cmpuint (wd_test_cms_n_items (cms), ==, 1);
  g_assert_true (wd_window_get_modified (window));      /* the CMS id is in the document now */

  /* 3. Again after an edit: the same item is updated, not duplicated. */
  wd_article_set_headline (article, "Updated headline for the CMS");
  dialog = open_dialog (window);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (wd_test_find_child (GTK_WIDGET (dialog), ADW_TYPE_ENTRY_ROW, NULL))),
                   ==, endpoint);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "publish.publish", NULL));
  g_assert_true (wd_test_wait_until (dialog_gone, NULL, 10000));
  g_assert_cmpuint (wd_test_cms_n_items (cms), ==, 1);
  {
    g_autoptr(GBytes) item = wd_test_cms_item (cms, wd_publication_get_remote_id (wd_article_find_publication (article, endpoint)));

    g_assert_nonnull (item);
    g_assert_nonnull (g_strstr_len (g_bytes_get_data (item, NULL), g_bytes_get_size (item),
                                    "Updated headline for the CMS"));
  }

  /* 4. With audit errors (a citation of no source), Publish asks first;
   * going on opens the dialog, and closing it sends nothing. */
  {
    guint requests = wd_test_cms_n_requests (cms);
    g_autofree char *body = g_strconcat (wd_article_get_body (article), " [^no-such-source]", NULL);

    wd_article_set_body (article, body);
    gtk_widget_activate_action_variant (GTK_WIDGET (window), "win.publish", NULL);
    g_assert_true (wd_test_wait_until (wd_test_dialog_shown, NULL, 5000));
    g_assert_null (wd_test_find_window (WD_TYPE_PUBLISH_DIALOG));
    wd_test_respond (wd_test_find_dialog (), "continue");
    dialog = wd_test_find_window (WD_TYPE_PUBLISH_DIALOG);
    g_assert_nonnull (dialog);
    gtk_window_close (GTK_WINDOW (dialog));
    g_assert_true (wd_test_wait_until (dialog_gone, NULL, 2000));
    g_assert_cmpuint (wd_test_cms_n_requests (cms), ==, requests);
  }

  g_unsetenv ("WIREDESK_PUBLISH_TOKEN");
  gtk_window_destroy (GTK_WINDOW (window));
  wd_test_cms_free (cms);
}

static GtkLabel *
banner_label (WdPublishDialog *dialog)
{
  GtkInfoBar *banner = wd_test_find_child (GTK_WIDGET (dialog), GTK_TYPE_INFO_BAR, NULL);

  g_assert_nonnull (banner);
  if (!gtk_info_bar_get_revealed (banner))
    return NULL;
  return wd_test_find_child (GTK_WIDGET (banner), GTK_TYPE_LABEL, NULL);
}

typedef struct
{
  WdPublishDialog *dialog;
  const char      *text;
} BannerWait;

static gboolean
banner_says (gpointer data)
{
  BannerWait *wait = data;
  GtkLabel *label = banner_label (wait->dialog);

  return label != NULL && strstr (gtk_label_get_text (label), wait->text) != NULL;
}

static GtkWidget *
row_titled (WdPublishDialog *dialog,
            GType            type)
{
  GtkWidget *row = wd_test_find_child (GTK_WIDGET (dialog), type, NULL);

  g_assert_nonnull (row);
  return row;
}

/* Defect 2: what is needed, said plainly, at the top and on the field it
 * concerns; gone once that field is edited; retries said, cancellable. */
static void
test_publish_errors (void)
{
  GSettings *settings;
  WdPublishDialog *dialog;
  WdWindow *window;
  GtkWidget *endpoint_row, *credential_row;
  BannerWait wait;

  if (app == NULL)
    {
      g_test_skip ("no display");
      return;
    }

  g_unsetenv ("WIREDESK_PUBLISH_TOKEN");
  settings = wd_application_get_settings (app);
  g_settings_set_string (settings, "publish-endpoint", "");
  window = wd_window_new (app);
  wd_article_set_headline (wd_window_get_article (window), "Ferries");
  wd_article_set_body (wd_window_get_article (window), "Night ferries halted.");
  gtk_window_present (GTK_WINDOW (window));

  gtk_widget_activate_action_variant (GTK_WIDGET (window), "win.publish", NULL);
  if (wd_test_wait_until (wd_test_dialog_shown, NULL, 2000))
    wd_test_respond (wd_test_find_dialog (), "continue");
  dialog = wd_test_find_window (WD_TYPE_PUBLISH_DIALOG);
  g_assert_nonnull (dialog);
  endpoint_row = row_titled (dialog, ADW_TYPE_ENTRY_ROW);
  credential_row = row_titled (dialog, ADW_TYPE_PASSWORD_ENTRY_ROW);

  /* No address: said on the address, and gone once one is typed. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "publish.publish", NULL));
  g_assert_nonnull (banner_label (dialog));
  g_assert_true (gtk_widget_has_css_class (endpoint_row, "error"));
  gtk_editable_set_text (GTK_EDITABLE (endpoint_row), "http://127.0.0.1:1/api/items");
  g_assert_null (banner_label (dialog));
  g_assert_false (gtk_widget_has_css_class (endpoint_row, "error"));

  /* No credential typed and none saved (no keyring here): what to do,
   * not a D-Bus error. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "publish.publish", NULL));
  wait = (BannerWait) { dialog, "No saved credential for this site: enter it in the Credential field" };
  g_assert_true (wd_test_wait_until (banner_says, &wait, 10000));
  g_assert_null (strstr (gtk_label_get_text (banner_label (dialog)), "DBus"));
  g_assert_nonnull (strstr (gtk_label_get_text (banner_label (dialog)),
                            "“wiredesk publish --login http://127.0.0.1:1/api/items”"));
  g_assert_true (gtk_widget_has_css_class (credential_row, "error"));

  /* Nobody answers there: the retries are said, and Cancel stops them. */
  gtk_editable_set_text (GTK_EDITABLE (credential_row), "a-token");
  g_assert_false (gtk_widget_has_css_class (credential_row, "error"));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "publish.publish", NULL));
  wait = (BannerWait) { dialog, "attempt 1 of 4, trying again in" };
  g_assert_true (wd_test_wait_until (banner_says, &wait, 10000));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "publish.cancel", NULL));
  wait = (BannerWait) { dialog, "Publishing stopped" };
  g_assert_true (wd_test_wait_until (banner_says, &wait, 5000));
  g_assert_nonnull (wd_test_find_window (WD_TYPE_PUBLISH_DIALOG));
  g_assert_null (strstr (gtk_label_get_text (banner_label (dialog)), "a-token"));

  gtk_window_close (GTK_WINDOW (dialog));
  g_assert_true (wd_test_wait_until (dialog_gone, NULL, 2000));
  wd_test_destroy_window (window);
}

int
main (int   argc,
      char *argv[])
{
  char *data_home = wd_test_ui_init (&argc, &argv, &app);

  g_test_add_func ("/window/publish/create-update-fail", test_publish_create_update_fail);
  g_test_add_func ("/window/publish/errors", test_publish_errors);

  return wd_test_ui_finish (g_test_run (), &app, data_home);
}

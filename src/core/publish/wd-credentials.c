#define G_LOG_DOMAIN "wd-credentials"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <libsecret/secret.h>
#include <string.h>

#include "wd-credentials.h"
#include "wd-publisher.h"

static const SecretSchema *
endpoint_schema (void)
{
  static const SecretSchema schema = {
    "io.github.wiredesk.Wiredesk.Publish", SECRET_SCHEMA_NONE,
    {
      { "endpoint", SECRET_SCHEMA_ATTRIBUTE_STRING },
      { NULL, 0 },
    }
  };

  return &schema;
}

/* libsecret's errors when there is no Secret Service (no session bus, no
 * keyring daemon) are D-Bus jargon: say what it means and what to do. */
static GError *
keyring_error (const GError *error)
{
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return g_error_copy (error);

  return g_error_new (WD_PUBLISH_ERROR, WD_PUBLISH_ERROR_NO_KEYRING,
                      _("no keyring is available (%s); set %s instead"),
                      error->message, WD_PUBLISH_TOKEN_ENV);
}

static void
on_lookup (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;
  char *secret = secret_password_lookup_finish (result, &error);

  if (error != NULL)
    g_task_return_error (task, keyring_error (error));
  else if (secret == NULL)
    g_task_return_new_error (task, WD_PUBLISH_ERROR, WD_PUBLISH_ERROR_NO_CREDENTIAL,
                             _("no credential for %s: store one with “wiredesk publish --login %s” "
                               "or set %s"),
                             (const char *) g_task_get_task_data (task),
                             (const char *) g_task_get_task_data (task),
                             WD_PUBLISH_TOKEN_ENV);
  else
    {
      char *copy = g_strdup (secret);

      secret_password_free (secret);
      g_task_return_pointer (task, copy, g_free);
    }
}

void
wd_credentials_lookup_async (const char          *endpoint,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  const char *token;

  g_return_if_fail (endpoint != NULL);

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, wd_credentials_lookup_async);
  g_task_set_task_data (task, g_strdup (endpoint), g_free);

  token = g_getenv (WD_PUBLISH_TOKEN_ENV);
  if (token != NULL && *token != '\0')
    {
      g_task_return_pointer (task, g_strdup (token), g_free);
      return;
    }

  secret_password_lookup (endpoint_schema (), cancellable, on_lookup, g_steal_pointer (&task),
                          "endpoint", endpoint,
                          NULL);
}

char *
wd_credentials_lookup_finish (GAsyncResult  *result,
                              GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == wd_credentials_lookup_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
on_store (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;

  if (!secret_password_store_finish (result, &error))
    g_task_return_error (task, keyring_error (error));
  else
    g_task_return_boolean (task, TRUE);
}

void
wd_credentials_store_async (const char          *endpoint,
                            const char          *secret,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autofree char *label = NULL;

  g_return_if_fail (endpoint != NULL);
  g_return_if_fail (secret != NULL);

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, wd_credentials_store_async);

  /* Shown by Seahorse and other keyring managers. */
  label = g_strdup_printf (_("Wiredesk publishing to %s"), endpoint);
  secret_password_store (endpoint_schema (), SECRET_COLLECTION_DEFAULT, label, secret,
                         cancellable, on_store, g_steal_pointer (&task),
                         "endpoint", endpoint,
                         NULL);
}

gboolean
wd_credentials_store_finish (GAsyncResult  *result,
                             GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == wd_credentials_store_async, FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

void
wd_credentials_wipe (gpointer data,
                     gsize    size)
{
  g_return_if_fail (data != NULL || size == 0);

  for (volatile char *p = data; size > 0; p++, size--)
    *p = '\0';
}

void
wd_credentials_free_secret (char *secret)
{
  if (secret == NULL)
    return;

  wd_credentials_wipe (secret, strlen (secret));
  g_free (secret);
}

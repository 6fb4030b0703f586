/* wd-credentials.h: the secret a CMS endpoint wants, from the environment
 * (for pipelines) or the system keyring (libsecret's Secret Service).
 * Never from the document, the settings or the command line. */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* Pipelines set this; it wins over the keyring and keeps it unasked. */
#define WD_PUBLISH_TOKEN_ENV "WIREDESK_PUBLISH_TOKEN"

/* The credential for @endpoint (normalised, see
 * wd_publish_normalize_endpoint()): $WIREDESK_PUBLISH_TOKEN when set and
 * not empty, else the keyring's entry. Errors (WD_PUBLISH_ERROR):
 * NO_CREDENTIAL when neither has one, NO_KEYRING when there is no keyring
 * to ask. */
void      wd_credentials_lookup_async  (const char          *endpoint,
                                        GCancellable        *cancellable,
                                        GAsyncReadyCallback  callback,
                                        gpointer             user_data);
char     *wd_credentials_lookup_finish (GAsyncResult        *result,
                                        GError             **error);

/* Stores @secret for @endpoint in the default keyring collection,
 * replacing an older one. NO_KEYRING when there is no keyring. */
void      wd_credentials_store_async   (const char          *endpoint,
                                        const char          *secret,
                                        GCancellable        *cancellable,
                                        GAsyncReadyCallback  callback,
                                        gpointer             user_data);
gboolean  wd_credentials_store_finish  (GAsyncResult        *result,
                                        GError             **error);

/* Overwrites the @size bytes at @data with zeros, stores the compiler may
 * not drop, so that a secret does not linger in memory given back. */
void      wd_credentials_wipe          (gpointer             data,
                                        gsize                size);
/* Wipes the string @secret (nullable) up to its end, then frees it. */
void      wd_credentials_free_secret   (char                *secret);

G_END_DECLS

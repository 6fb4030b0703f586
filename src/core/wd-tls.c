#define G_LOG_DOMAIN "wd-tls"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <gnutls/gnutls.h>
#include <gnutls/x509.h>

#include "wd-tls-private.h"

char *
_wd_tls_weak_key_detail (GTlsCertificate *certificate)
{
  g_autoptr(GByteArray) der = NULL;
  gnutls_x509_crt_t crt = NULL;
  gnutls_datum_t datum;
  unsigned int bits = 0;
  int algorithm;
  const char *name;

  g_return_val_if_fail (G_IS_TLS_CERTIFICATE (certificate), NULL);

  g_object_get (certificate, "certificate", &der, NULL);
  if (der == NULL || der->len == 0 || gnutls_x509_crt_init (&crt) < 0)
    return NULL;

  datum.data = der->data;
  datum.size = der->len;
  algorithm = gnutls_x509_crt_import (crt, &datum, GNUTLS_X509_FMT_DER) < 0
              ? GNUTLS_E_INVALID_REQUEST
              : gnutls_x509_crt_get_pk_algorithm (crt, &bits);
  gnutls_x509_crt_deinit (crt);

  switch (algorithm)
    {
    case GNUTLS_PK_RSA:
    case GNUTLS_PK_RSA_PSS:
      name = "RSA";
      break;
    case GNUTLS_PK_DSA:
      name = "DSA";
      break;
    default:
      /* Elliptic curves are judged by GnuTLS; an unreadable certificate
       * has already failed its verification. */
      return NULL;
    }

  if (bits >= WD_TLS_MIN_KEY_BITS)
    return NULL;

  /* TRANSLATORS: the first %s is a key algorithm (RSA, DSA). */
  return g_strdup_printf (_("TLS failure: the server’s %s key is %u bits; at least %d are required"),
                          name, bits, WD_TLS_MIN_KEY_BITS);
}

char *
_wd_tls_check_message (SoupMessage *msg)
{
  GTlsCertificate *certificate = soup_message_get_tls_peer_certificate (msg);

  return certificate != NULL ? _wd_tls_weak_key_detail (certificate) : NULL;
}

char *
_wd_tls_describe_error (SoupMessage  *msg,
                        const GError *error)
{
  static const struct { GTlsCertificateFlags flag; const char *what; } reasons[] = {
    { G_TLS_CERTIFICATE_EXPIRED, N_("the certificate has expired") },
    { G_TLS_CERTIFICATE_NOT_ACTIVATED, N_("the certificate is not valid yet") },
    { G_TLS_CERTIFICATE_BAD_IDENTITY, N_("the certificate is for another host") },
    { G_TLS_CERTIFICATE_UNKNOWN_CA, N_("the certificate is not signed by a trusted authority") },
    { G_TLS_CERTIFICATE_REVOKED, N_("the certificate has been revoked") },
    { G_TLS_CERTIFICATE_INSECURE, N_("the certificate uses a weak key or algorithm") },
  };
  GTlsCertificateFlags flags = msg != NULL ? soup_message_get_tls_peer_certificate_errors (msg) : 0;
  g_autoptr(GString) text = g_string_new (NULL);

  for (guint i = 0; i < G_N_ELEMENTS (reasons); i++)
    if (flags & reasons[i].flag)
      g_string_append_printf (text, "%s%s", text->len > 0 ? "; " : "", _(reasons[i].what));

  if (text->len == 0)
    return g_strdup_printf (_("TLS failure: %s"), error->message);

  return g_strdup_printf (_("TLS failure: %s"), text->str);
}

static GTlsDatabase *test_database;

void
_wd_tls_set_test_database (GTlsDatabase *database)
{
  g_set_object (&test_database, database);
}

void
_wd_tls_apply_test_database (SoupSession *session)
{
  if (test_database != NULL)
    soup_session_set_tls_database (session, test_database);
}

/* wd-tls-private.h: what the checker and the publisher ask of a server's
 * TLS certificate beyond GnuTLS's own verification, and how they say why
 * a certificate was refused.
 *
 * GnuTLS's default verification profile still accepts 1024-bit RSA keys;
 * a process-wide priority string would change every other default too, so
 * the key size is read from the peer certificate itself, on each message,
 * before the request goes out (wd-tls.c). */
#pragma once

#include <libsoup/soup.h>

G_BEGIN_DECLS

/* RSA and DSA keys shorter than this are refused. */
#define WD_TLS_MIN_KEY_BITS 2048

/* Why @certificate (the server's, as received) is refused although it
 * passed verification: "the server's RSA key is 1024 bits; at least 2048
 * are required". NULL when it is acceptable or is not X.509. */
char *_wd_tls_weak_key_detail   (GTlsCertificate      *certificate);

/* The same for the certificate @msg's connection presented; NULL when
 * there is none yet (plain http, or before the handshake). Call it from
 * "notify::tls-peer-certificate" of @msg, which libsoup emits before the
 * request is written, for new and reused connections alike. */
char *_wd_tls_check_message     (SoupMessage          *msg);

/* Which certificate check failed ("the certificate has expired; …"),
 * from @msg's peer certificate errors; @error's own text when no flag
 * says. Starts with "TLS failure: ". */
char *_wd_tls_describe_error    (SoupMessage          *msg,
                                 const GError         *error);

/* Tests only: sessions made hardened after this (see _wd_session_harden)
 * trust @database instead of the system's authorities; NULL restores
 * the default. */
void  _wd_tls_set_test_database (GTlsDatabase         *database);
/* Applies the test database, if any, to @session. */
void  _wd_tls_apply_test_database (SoupSession        *session);

G_END_DECLS

/* The one threaded SoupServer of the test suites: see wd-test-server.h. */
#include "config.h"

#include "wd-test-server.h"

struct _WdTestServer
{
  GThread            *thread;
  GMainContext       *context;
  GMainLoop          *loop;
  char               *server_header;
  char               *tls_pem;
  SoupServerCallback  callback;
  gpointer            user_data;

  GMutex              lock;
  GCond               ready;
  gboolean            listening;
  guint               port;
  guint               https_port;

  /* Only touched on the server thread. */
  GHashTable         *unsettled;
  GPtrArray          *dropped;
};

/* libsoup (3.2 to 3.6) runs a TLS handshake without holding a reference
 * to its connection. When the test ends while a handshake is still going
 * (a client that refused the certificate, say), soup_server_disconnect()
 * drops the connection and the handshake's callback later runs on freed
 * memory: a "SOUP_IS_SERVER_CONNECTION" critical that aborts the suite.
 * A connection's first message holds the connection, so keep each message
 * until its connection is up or its request finished, and keep those the
 * shutdown disconnects until the server's context has run dry. */
static void
message_settled (SoupServerMessage *msg,
                 WdTestServer      *self)
{
  g_signal_handlers_disconnect_by_data (msg, self);
  g_hash_table_remove (self->unsettled, msg);
}

static void
message_disconnected (SoupServerMessage *msg,
                      WdTestServer      *self)
{
  g_signal_handlers_disconnect_by_data (msg, self);
  if (g_hash_table_steal (self->unsettled, msg))
    g_ptr_array_add (self->dropped, msg);
}

static void
forget_message (gpointer key,
                gpointer value,
                gpointer self)
{
  g_signal_handlers_disconnect_by_data (key, self);
}

static void
request_started (SoupServer        *server,
                 SoupServerMessage *msg,
                 WdTestServer      *self)
{
  if (!g_hash_table_add (self->unsettled, g_object_ref (msg)))
    return;
  g_signal_connect (msg, "connected", G_CALLBACK (message_settled), self);
  g_signal_connect (msg, "finished", G_CALLBACK (message_settled), self);
  g_signal_connect (msg, "disconnected", G_CALLBACK (message_disconnected), self);
}

static void
listen_https (WdTestServer *self,
              SoupServer   *server)
{
  g_autoptr(GTlsCertificate) certificate = NULL;
  g_autoptr(GError) error = NULL;

  certificate = g_tls_certificate_new_from_file (self->tls_pem, &error);
  g_assert_no_error (error);
  g_object_set (server, "tls-certificate", certificate, NULL);
  soup_server_listen_local (server, 0, SOUP_SERVER_LISTEN_IPV4_ONLY | SOUP_SERVER_LISTEN_HTTPS, &error);
  g_assert_no_error (error);
}

static gpointer
server_thread (gpointer data)
{
  WdTestServer *self = data;
  g_autoptr(SoupServer) server = NULL;
  g_autoptr(GError) error = NULL;
  GSList *uris;

  g_main_context_push_thread_default (self->context);

  self->unsettled = g_hash_table_new_full (NULL, NULL, g_object_unref, NULL);
  self->dropped = g_ptr_array_new_with_free_func (g_object_unref);
  server = soup_server_new ("server-header", self->server_header, NULL);
  g_signal_connect (server, "request-started", G_CALLBACK (request_started), self);
  soup_server_add_handler (server, NULL, self->callback, self->user_data, NULL);
  soup_server_listen_local (server, 0, SOUP_SERVER_LISTEN_IPV4_ONLY, &error);
  g_assert_no_error (error);
  if (self->tls_pem != NULL)
    listen_https (self, server);

  uris = soup_server_get_uris (server);
  g_assert_nonnull (uris);

  g_mutex_lock (&self->lock);
  for (GSList *l = uris; l != NULL; l = l->next)
    {
      if (g_str_equal (g_uri_get_scheme (l->data), "https"))
        self->https_port = g_uri_get_port (l->data);
      else
        self->port = g_uri_get_port (l->data);
    }
  self->listening = TRUE;
  g_cond_signal (&self->ready);
  g_mutex_unlock (&self->lock);
  g_slist_free_full (uris, (GDestroyNotify) g_uri_unref);

  g_main_loop_run (self->loop);

  soup_server_disconnect (server);
  g_clear_object (&server);
  /* Let the sources of closed connections go before the context does. */
  while (g_main_context_iteration (self->context, FALSE))
    ;
  g_hash_table_foreach (self->unsettled, forget_message, self);
  g_clear_pointer (&self->unsettled, g_hash_table_unref);
  g_clear_pointer (&self->dropped, g_ptr_array_unref);
  while (g_main_context_iteration (self->context, FALSE))
    ;

  g_main_context_pop_thread_default (self->context);
  return NULL;
}

WdTestServer *
wd_test_server_new (const char         *server_header,
                    const char         *tls_pem,
                    SoupServerCallback  callback,
                    gpointer            user_data)
{
  WdTestServer *self = g_new0 (WdTestServer, 1);

  g_return_val_if_fail (callback != NULL, NULL);

  self->server_header = g_strdup (server_header);
  self->tls_pem = g_strdup (tls_pem);
  self->callback = callback;
  self->user_data = user_data;
  self->context = g_main_context_new ();
  self->loop = g_main_loop_new (self->context, FALSE);
  g_mutex_init (&self->lock);
  g_cond_init (&self->ready);

  self->thread = g_thread_new ("test-server", server_thread, self);

  g_mutex_lock (&self->lock);
  while (!self->listening)
    g_cond_wait (&self->ready, &self->lock);
  g_mutex_unlock (&self->lock);

  return self;
}

static gboolean
quit_loop (gpointer data)
{
  g_main_loop_quit (data);
  return G_SOURCE_REMOVE;
}

void
wd_test_server_free (WdTestServer *self)
{
  if (self == NULL)
    return;

  g_main_context_invoke (self->context, quit_loop, self->loop);
  g_thread_join (self->thread);

  g_main_loop_unref (self->loop);
  g_main_context_unref (self->context);
  g_mutex_clear (&self->lock);
  g_cond_clear (&self->ready);
  g_free (self->server_header);
  g_free (self->tls_pem);
  g_free (self);
}

GMainContext *
wd_test_server_get_context (WdTestServer *self)
{
  return self->context;
}

guint
wd_test_server_get_port (WdTestServer *self)
{
  return self->port;
}

guint
wd_test_server_get_https_port (WdTestServer *self)
{
  return self->https_port;
}

char *
wd_test_server_url (WdTestServer *self,
                    const char   *path)
{
  return g_strdup_printf ("http://127.0.0.1:%u%s", self->port, path);
}

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
};

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

  server = soup_server_new ("server-header", self->server_header, NULL);
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

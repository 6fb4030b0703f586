/* A web server that misbehaves in every way the checker must survive:
 * its thread, what it counts, and its API. The pages are in
 * wd-hostile-routes.c. */
#include "config.h"

#include <gio/gio.h>

#include "wd-hostile-server-private.h"

/* ------------------------------------------------------------ counting */

static void
count_increment (GHashTable *table,
                 const char *key)
{
  guint n = GPOINTER_TO_UINT (g_hash_table_lookup (table, key));

  g_hash_table_insert (table, g_strdup (key), GUINT_TO_POINTER (n + 1));
}

void
_wd_hostile_add_bytes_sent (WdHostileServer *self,
                            const char      *path,
                            guint64          n)
{
  guint64 *total;

  g_mutex_lock (&self->lock);
  total = g_hash_table_lookup (self->bytes_sent, path);
  if (total == NULL)
    {
      total = g_new0 (guint64, 1);
      g_hash_table_insert (self->bytes_sent, g_strdup (path), total);
    }
  *total += n;
  g_mutex_unlock (&self->lock);
}

static guint
hits_of (WdHostileServer *self,
         const char      *path)
{
  guint n;

  g_mutex_lock (&self->lock);
  n = GPOINTER_TO_UINT (g_hash_table_lookup (self->hits, path));
  g_mutex_unlock (&self->lock);
  return n;
}

static void
on_finished (SoupServerMessage *msg,
             WdHostileServer   *self)
{
  g_mutex_lock (&self->lock);
  self->in_flight--;
  g_mutex_unlock (&self->lock);
}

static void
server_callback (SoupServer        *server,
                 SoupServerMessage *msg,
                 const char        *path,
                 GHashTable        *query,
                 gpointer           data)
{
  WdHostileServer *self = data;
  const char *agent = soup_message_headers_get_one (soup_server_message_get_request_headers (msg),
                                                    "User-Agent");
  gboolean known;
  guint hits;

  g_mutex_lock (&self->lock);
  count_increment (self->hits, path);
  count_increment (self->method_hits, soup_server_message_get_method (msg));
  hits = GPOINTER_TO_UINT (g_hash_table_lookup (self->hits, path));
  g_free (self->user_agent);
  self->user_agent = g_strdup (agent);
  self->in_flight++;
  self->max_in_flight = MAX (self->max_in_flight, self->in_flight);
  g_mutex_unlock (&self->lock);

  g_signal_connect (msg, "finished", G_CALLBACK (on_finished), self);

  if (self->site == WD_HOSTILE_SITE_SOFT_404)
    known = _wd_hostile_handle_soft_404_site (self, msg, path);
  else
    known = _wd_hostile_handle_normal_site (self, msg, path, hits);

  if (!known)
    {
      g_mutex_lock (&self->lock);
      self->unknown_hits++;
      g_mutex_unlock (&self->lock);
    }
}

/* ---------------------------------------------------------------- life */

WdHostileServer *
wd_hostile_server_new (WdHostileSite site)
{
  WdHostileServer *self = g_new0 (WdHostileServer, 1);
  /* Also HTTPS, with a self-signed certificate no client trusts. */
  g_autofree char *pem = g_test_build_filename (G_TEST_DIST, "data", "self-signed.pem", NULL);

  self->site = site;
  self->hits = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->method_hits = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->bytes_sent = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  self->kept_open = g_ptr_array_new_with_free_func (g_object_unref);
  g_mutex_init (&self->lock);

  self->http = wd_test_server_new ("hostile/1.0", pem, server_callback, self);
  return self;
}

void
wd_hostile_server_free (WdHostileServer *self)
{
  if (self == NULL)
    return;

  g_clear_pointer (&self->http, wd_test_server_free);
  for (guint i = 0; i < self->kept_open->len; i++)
    g_io_stream_close (g_ptr_array_index (self->kept_open, i), NULL, NULL);
  g_ptr_array_unref (self->kept_open);
  g_hash_table_unref (self->hits);
  g_hash_table_unref (self->method_hits);
  g_hash_table_unref (self->bytes_sent);
  g_free (self->user_agent);
  g_clear_pointer (&self->wide_page, g_bytes_unref);
  g_mutex_clear (&self->lock);
  g_free (self);
}

char *
wd_hostile_server_url (WdHostileServer *self,
                       const char      *path)
{
  return wd_test_server_url (self->http, path);
}

guint
wd_hostile_server_get_port (WdHostileServer *self)
{
  return wd_test_server_get_port (self->http);
}

guint
wd_hostile_server_get_https_port (WdHostileServer *self)
{
  return wd_test_server_get_https_port (self->http);
}

void
wd_hostile_server_reset (WdHostileServer *self)
{
  g_mutex_lock (&self->lock);
  g_hash_table_remove_all (self->hits);
  g_hash_table_remove_all (self->method_hits);
  g_hash_table_remove_all (self->bytes_sent);
  self->unknown_hits = 0;
  self->max_in_flight = self->in_flight;
  g_mutex_unlock (&self->lock);
}

guint
wd_hostile_server_hits (WdHostileServer *self,
                        const char      *path)
{
  return hits_of (self, path);
}

guint
wd_hostile_server_method_hits (WdHostileServer *self,
                               const char      *method)
{
  guint n;

  g_mutex_lock (&self->lock);
  n = GPOINTER_TO_UINT (g_hash_table_lookup (self->method_hits, method));
  g_mutex_unlock (&self->lock);
  return n;
}

guint
wd_hostile_server_unknown_hits (WdHostileServer *self)
{
  guint n;

  g_mutex_lock (&self->lock);
  n = self->unknown_hits;
  g_mutex_unlock (&self->lock);
  return n;
}

guint
wd_hostile_server_max_in_flight (WdHostileServer *self)
{
  guint n;

  g_mutex_lock (&self->lock);
  n = self->max_in_flight;
  g_mutex_unlock (&self->lock);
  return n;
}

guint64
wd_hostile_server_bytes_sent (WdHostileServer *self,
                              const char      *path)
{
  guint64 *total;
  guint64 n;

  g_mutex_lock (&self->lock);
  total = g_hash_table_lookup (self->bytes_sent, path);
  n = total != NULL ? *total : 0;
  g_mutex_unlock (&self->lock);
  return n;
}

char *
wd_hostile_server_dup_user_agent (WdHostileServer *self)
{
  char *agent;

  g_mutex_lock (&self->lock);
  agent = g_strdup (self->user_agent);
  g_mutex_unlock (&self->lock);
  return agent;
}

void
wd_hostile_server_set_version (WdHostileServer *self,
                               guint            version)
{
  g_mutex_lock (&self->lock);
  self->version = version;
  g_mutex_unlock (&self->lock);
}

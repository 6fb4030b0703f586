/* bench-server: a loopback web server for the link checker benchmark.
 *
 * Listens on 127.0.0.1 to 127.0.0.16 (one port for all) and answers
 * every request after 100 ms: /page/N with a small HTML page, anything
 * else with 404. Prints the port on stdout once listening, then serves
 * until killed.
 *
 *   bench-server [--port PORT] [--delay-ms MS] [--hosts N]
 */
#include "config.h"

#include <libsoup/soup.h>
#include <stdio.h>
#include <string.h>

static guint delay_ms = 100;

static gboolean
answer_now (gpointer data)
{
  soup_server_message_unpause (data);
  return G_SOURCE_REMOVE;
}

static void
on_request (SoupServer        *server,
            SoupServerMessage *msg,
            const char        *path,
            GHashTable        *query,
            gpointer           data)
{
  g_autofree char *html = NULL;

  if (g_str_has_prefix (path, "/page/"))
    {
      html = g_strdup_printf ("<!DOCTYPE html><html lang=\"en\"><head><title>Page %s</title></head>"
                              "<body><h1>Page %s</h1><p>A page served for the benchmark.</p>"
                              "</body></html>", path + 6, path + 6);
      soup_server_message_set_status (msg, SOUP_STATUS_OK, NULL);
    }
  else
    {
      html = g_strdup ("<html><head><title>Not Found</title></head><body>No such page.</body></html>");
      soup_server_message_set_status (msg, SOUP_STATUS_NOT_FOUND, NULL);
    }

  soup_server_message_set_response (msg, "text/html; charset=utf-8", SOUP_MEMORY_COPY,
                                    html, strlen (html));
  soup_server_message_pause (msg);
  g_timeout_add_full (G_PRIORITY_DEFAULT, delay_ms, answer_now, g_object_ref (msg), g_object_unref);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GOptionContext) context = g_option_context_new ("— serve pages after a delay");
  g_autoptr(SoupServer) server = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GMainLoop) loop = NULL;
  int port = 0;
  int hosts = 16;
  int delay = 100;
  const GOptionEntry entries[] = {
    { "port", 0, 0, G_OPTION_ARG_INT, &port, "Port to listen on (default: any free one)", "PORT" },
    { "delay-ms", 0, 0, G_OPTION_ARG_INT, &delay, "Milliseconds before each answer (100)", "MS" },
    { "hosts", 0, 0, G_OPTION_ARG_INT, &hosts, "Loopback addresses 127.0.0.1… to use (16)", "N" },
    { NULL }
  };

  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error) ||
      hosts < 1 || hosts > 254 || delay < 0 || port < 0 || port > 65535)
    {
      fprintf (stderr, "bench-server: %s\n", error != NULL ? error->message : "bad option value");
      return 2;
    }
  delay_ms = delay;

  server = soup_server_new ("server-header", "bench-server", NULL);
  soup_server_add_handler (server, NULL, on_request, NULL, NULL);

  for (int i = 1; i <= hosts; i++)
    {
      g_autofree char *ip = g_strdup_printf ("127.0.0.%d", i);
      g_autoptr(GSocketAddress) address = g_inet_socket_address_new_from_string (ip, port);

      if (!soup_server_listen (server, address, 0, &error))
        {
          fprintf (stderr, "bench-server: %s: %s\n", ip, error->message);
          return 1;
        }

      /* The first address picks a free port; the others take the same. */
      if (port == 0)
        {
          GSList *uris = soup_server_get_uris (server);

          port = g_uri_get_port (uris->data);
          g_slist_free_full (uris, (GDestroyNotify) g_uri_unref);
        }
    }

  printf ("%d\n", port);
  fflush (stdout);

  loop = g_main_loop_new (NULL, FALSE);
  g_main_loop_run (loop);
  return 0;
}

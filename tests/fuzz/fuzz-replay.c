/* Runs a fuzz harness over files without libFuzzer: the seed corpus and
 * every past finding become a regression test in the ordinary suite. */
#include "config.h"

#include <gio/gio.h>
#include <stdio.h>

int LLVMFuzzerTestOneInput (const guint8 *data, size_t size);

static guint
replay_dir (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;
  guint n = 0;

  if (dir == NULL)
    return 0;

  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *file = g_build_filename (path, name, NULL);
      g_autofree char *data = NULL;
      gsize len;

      if (name[0] == '.' || !g_file_get_contents (file, &data, &len, NULL))
        continue;
      LLVMFuzzerTestOneInput ((const guint8 *) data, len);
      n++;
    }

  return n;
}

int
main (int   argc,
      char *argv[])
{
  guint n = 0;

  for (int i = 1; i < argc; i++)
    n += replay_dir (argv[i]);

  printf ("1..1\nok 1 replayed %u inputs\n", n);
  return n > 0 ? 0 : 1;
}

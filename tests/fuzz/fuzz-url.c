/* Fuzz harness: URL normalisation. A normalised URL normalises to itself,
 * and the kind suggestion never fails on it. */
#include "config.h"

#include <string.h>

#include <stdio.h>
#include <stdlib.h>

#include "wiredesk-core.h"

/* abort(), not g_error(): libFuzzer saves the input on SIGABRT. */
#define FUZZ_FAIL(...) (fprintf (stderr, __VA_ARGS__), fputc (10, stderr), abort ())

int LLVMFuzzerTestOneInput (const guint8 *data, size_t size);

int
LLVMFuzzerTestOneInput (const guint8 *data,
                        size_t        size)
{
  g_autofree char *text = NULL;
  g_autofree char *url = NULL;
  g_autofree char *again = NULL;
  g_autoptr(GError) error = NULL;

  if (size > 4096 || memchr (data, '\0', size) != NULL || !g_utf8_validate ((const char *) data, size, NULL))
    return 0;

  text = g_strndup ((const char *) data, size);
  url = wd_url_normalize (text, &error);
  if (url == NULL)
    {
      g_assert (error != NULL);
      return 0;
    }

  again = wd_url_normalize (url, &error);
  if (again == NULL)
    FUZZ_FAIL ("“%s” normalised to “%s”, which is refused: %s", text, url, error->message);
  if (strcmp (url, again) != 0)
    FUZZ_FAIL ("not idempotent: “%s” → “%s” → “%s”", text, url, again);

  (void) wd_url_suggest_kind (url);
  g_free (wd_url_dup_host (url));

  return 0;
}

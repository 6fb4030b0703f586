/* Fuzz harness: the .wiredesk loader. Whatever the bytes, parsing either
 * fails with an error or gives an article whose saved form loads again
 * and saves to the same bytes. */
#include "config.h"

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
  g_autoptr(GBytes) bytes = g_bytes_new_static (data, size);
  g_autoptr(GError) error = NULL;
  g_autoptr(WdArticle) article = wd_native_format_parse (bytes, "fuzz", &error);
  g_autoptr(GBytes) saved = NULL;
  g_autoptr(WdArticle) again = NULL;
  g_autoptr(GBytes) resaved = NULL;

  if (article == NULL)
    {
      g_assert (error != NULL && error->message != NULL);
      return 0;
    }

  saved = wd_native_format_serialize (article);
  again = wd_native_format_parse (saved, "fuzz-saved", &error);
  if (again == NULL)
    FUZZ_FAIL ("a saved document does not load: %s", error->message);

  resaved = wd_native_format_serialize (again);
  g_assert (g_bytes_equal (saved, resaved));

  return 0;
}

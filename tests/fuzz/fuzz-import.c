/* Fuzz harness: the plain-text and Markdown importer. Whatever the text,
 * import fails with an error or gives an article that saves and loads. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>

#include "wiredesk-core.h"

/* abort(), not g_error(): libFuzzer saves the input on SIGABRT. */
#define FUZZ_FAIL(...) (fprintf (stderr, __VA_ARGS__), fputc (10, stderr), abort ())

int LLVMFuzzerTestOneInput (const guint8 *data, size_t size);

static void
import_as (const guint8   *data,
           size_t          size,
           WdImportFormat  format)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) warnings = NULL;
  g_autoptr(WdArticle) article = wd_import_text ((const char *) data, size, format, "fuzz",
                                                 &warnings, &error);
  g_autoptr(GBytes) saved = NULL;
  g_autoptr(WdArticle) again = NULL;

  if (article == NULL)
    {
      g_assert (error != NULL);
      return;
    }

  g_assert (warnings != NULL);
  saved = wd_native_format_serialize (article);
  again = wd_native_format_parse (saved, "fuzz-saved", &error);
  if (again == NULL)
    FUZZ_FAIL ("an imported article does not load back: %s", error->message);
  g_assert (wd_article_get_n_sources (again) == wd_article_get_n_sources (article));
}

int
LLVMFuzzerTestOneInput (const guint8 *data,
                        size_t        size)
{
  import_as (data, size, WD_IMPORT_FORMAT_TEXT);
  import_as (data, size, WD_IMPORT_FORMAT_MARKDOWN);
  return 0;
}

/* wd-import.h: turning a plain-text or Markdown synthesis into an article. */
#pragma once

#include <gio/gio.h>

#include "wd-article.h"

G_BEGIN_DECLS

typedef enum
{
  WD_IMPORT_FORMAT_AUTO,     /* by file extension, else by content */
  WD_IMPORT_FORMAT_TEXT,
  WD_IMPORT_FORMAT_MARKDOWN,
} WdImportFormat;

/* Texts larger than this are refused: a synthesis is a few pages. */
#define WD_IMPORT_MAX_SIZE (64 * 1024 * 1024)

/* Plain text: the first line is the headline; short lines without final
 * punctuation that introduce a paragraph are section headings; a paragraph
 * "Desk note: …" is the desk note; a "Wire provenance" (or "Sources")
 * heading starts the source list, whose "- URL" lines become sources.
 * Markdown: "# headline", "## sections", and a "## Wire provenance" or
 * "## Sources" list of links.
 *
 * A BOM and CR/CRLF line ends are accepted. Lines of the source list that
 * are not usable URLs are not fatal: each adds a message to @warnings
 * (nullable, a GPtrArray of strings, "name:LINE: …"). */
WdArticle *wd_import_text (const char      *text,
                           gssize           length,
                           WdImportFormat   format,
                           const char      *display_name,
                           GPtrArray      **warnings,
                           GError         **error);

WdArticle *wd_import_file (GFile           *file,
                           WdImportFormat   format,
                           GPtrArray      **warnings,
                           GCancellable    *cancellable,
                           GError         **error);

G_END_DECLS

/* wd-evidence-private.h: what the package's reader (wd-evidence-package*.c)
 * and its writer (the recorder) share. */
#pragma once

#include <zip.h>

#include "wd-evidence.h"

G_BEGIN_DECLS

/* A zip member bigger than this is refused as hostile. */
#define WD_EVIDENCE_MAX_MEMBER  ((guint64) 1024 * 1024 * 1024)
/* The JSON and index members are read whole: at most this. */
#define WD_EVIDENCE_MAX_INDEX   ((guint64) 64 * 1024 * 1024)

#define WD_EVIDENCE_DATAPACKAGE "datapackage.json"
#define WD_EVIDENCE_INDEX       "indexes/index.cdxj"
#define WD_EVIDENCE_PAGES       "pages/pages.jsonl"

/* One index.cdxj line ("surt timestamp {json}") for @capture. */
char      *_wd_capture_to_cdxj       (const WdCapture *capture);
/* NULL with an error for a line that is not one of ours. */
WdCapture *_wd_capture_from_cdxj     (const char      *line,
                                      GError         **error);

/* The member @name of @zip, at most @max bytes; a missing one is
 * G_IO_ERROR_NOT_FOUND. */
GBytes    *_wd_zip_read              (zip_t           *zip,
                                      const char      *name,
                                      guint64          max,
                                      GError         **error);
/* Opens @path read-only with a consistency check; errors in WD_ERROR. */
zip_t     *_wd_zip_open              (const char      *path,
                                      int              flags,
                                      GError         **error);

/* Checks datapackage.json's "wiredesk" layout version. */
gboolean   _wd_evidence_check_version (GBytes         *datapackage,
                                       const char     *path,
                                       GError        **error);

/* ------------------------------------------------ the text records (wd-evidence-text.c)
 *
 * A conversion record says which page reader wrote its text: the header
 * WD_EVIDENCE_TEXT_HEADER with WD_EVIDENCE_TEXT_VERSION. Version 2 keeps
 * the page's blocks (a blank line between paragraphs, headings, list
 * items, cells; a line break for <br>). A record without the header was
 * written by an older Wiredesk, whose text is one line: it is read again
 * from the capture's response record by today's reader, never rewritten. */
#define WD_EVIDENCE_TEXT_HEADER         "WARC-Wiredesk-Text-Version"
#define WD_EVIDENCE_TEXT_VERSION        2
#define WD_EVIDENCE_TEXT_VERSION_STRING "2"


G_END_DECLS

/* src/core/evidence/ — what each source said, kept as a web archive: wd-warc (WARC/1.1
 *   records), wd-evidence-package (the WACZ beside the document, read) and
 *   wd-evidence-package-verify (its digests recomputed), wd-evidence-recorder
 *   (captures during a check) and wd-evidence-package-write (the recorder adding them to the
 *   package), wd-evidence-limit (the package's size limit as a user writes it),
 *   wd-evidence-text (a capture's text; an older Wiredesk's read again by today's page reader),
 *   wd-quotes (the article's quotations checked against them).
 */
/* wd-evidence.h: the evidence package of an article.
 *
 * Every check that gets an answer from a source's server is captured as
 * WARC/1.1 records (request, response with the body as received, error
 * pages included, each redirect hop, and a "conversion" record with the
 * page's visible text).
 * The captures of one article make one WACZ package beside its document
 * ("story.wiredesk" → "story.wacz"): archive/NAME.warc.gz stored in the zip,
 * indexes/index.cdxj, pages/pages.jsonl, datapackage.json with the sha256
 * of every file. Packages only grow: a later check adds a WARC file and
 * rewrites the indexes, never an earlier capture. A source's first capture
 * of a live page (ok or redirected) is its baseline.
 */
#pragma once

#include <gio/gio.h>

#include "wd-checker.h"

G_BEGIN_DECLS

/* Capturing stops, with a warning, before a package passes this size on
 * disk (decimal: 200 MB, as g_format_size() shows it). */
#define WD_EVIDENCE_DEFAULT_LIMIT   ((guint64) 200 * 1000 * 1000)
/* The layout this Wiredesk writes ("wiredesk" in datapackage.json). */
#define WD_EVIDENCE_FORMAT_VERSION  1

typedef struct
{
  char   *source;          /* the source's id, or NULL */
  char   *url;             /* the URL checked */
  char   *final_url;       /* after redirects */
  char   *captured_at;     /* ISO 8601 UTC */
  guint   http_status;
  char   *verdict;         /* the check's verdict, as in the document */
  char   *record_id;       /* "<urn:uuid:…>" of the final response record */
  char   *payload_digest;  /* "sha256:…" of the body kept, as received */
  char   *mime;
  guint64 size;            /* body bytes kept, as received */
  gboolean truncated;      /* the body kept is not whole (cap, deadline, hangup) */
  char   *warc;            /* the archive/… member holding it */
  guint64 offset;          /* its response record's gzip member */
  guint64 length;
  guint64 text_offset;     /* its conversion record; length 0 when none */
  guint64 text_length;
  char   *text_record_id;  /* that record's id (NULL in older packages) */
  char   *hop_of;          /* a redirect hop's response: the record_id of the
                            * capture it led to; NULL for a capture */
} WdCapture;

void        wd_capture_free                  (WdCapture *capture);
/* TRUE when the capture is the source's own text: a live page (ok or
 * redirected) with extracted text. Error pages are evidence, not text. */
gboolean    wd_capture_is_live               (const WdCapture *capture);

/* "dir/story.wiredesk" → "dir/story.wacz" */
char       *wd_evidence_package_path_for     (const char *document_path);

#define WD_TYPE_EVIDENCE_PACKAGE (wd_evidence_package_get_type ())
G_DECLARE_FINAL_TYPE (WdEvidencePackage, wd_evidence_package, WD, EVIDENCE_PACKAGE, GObject)

/* Opens and checks the package's layout and index (not the digests: see
 * verify). A missing file is G_IO_ERROR_NOT_FOUND; a damaged one
 * WD_ERROR_FORMAT; one from a newer Wiredesk WD_ERROR_NEWER_VERSION. */
WdEvidencePackage *wd_evidence_package_open  (const char         *path,
                                              GError            **error);
const char *wd_evidence_package_get_path     (WdEvidencePackage  *self);
guint64     wd_evidence_package_get_size     (WdEvidencePackage  *self);
/* (element-type WdCapture) (transfer none): in the order captured. */
GPtrArray  *wd_evidence_package_get_captures (WdEvidencePackage  *self);
/* The capture, or the redirect hop's response, whose record is
 * @record_id, with or without its angle brackets; also the capture whose
 * conversion (text) record it is: see wd_capture_is_text_record(). */
WdCapture  *wd_evidence_package_find         (WdEvidencePackage  *self,
                                              const char         *record_id);
/* TRUE when @record_id names @capture's conversion record. */
gboolean    wd_capture_is_text_record        (const WdCapture    *capture,
                                              const char         *record_id);
/* The source's baseline: its first live capture; its latest live one. */
WdCapture  *wd_evidence_package_baseline     (WdEvidencePackage  *self,
                                              const char         *source_id);
WdCapture  *wd_evidence_package_latest       (WdEvidencePackage  *self,
                                              const char         *source_id);
/* The body of a capture, decoded: its content coding (gzip…) undone. The
 * record keeps it as the server sent it; a body cut short decodes to what
 * it held. An unknown coding is WD_ERROR_FORMAT. */
GBytes     *wd_evidence_package_read_body    (WdEvidencePackage  *self,
                                              const WdCapture    *capture,
                                              GError            **error);
/* The body bytes as the record keeps them (its WARC payload: as received,
 * content coding kept, transfer coding removed). */
GBytes     *wd_evidence_package_read_payload (WdEvidencePackage  *self,
                                              const WdCapture    *capture,
                                              GError            **error);
/* The visible text of a capture as today's Wiredesk reads it; NULL
 * without an error when it has none. A text record written by an older
 * Wiredesk (one line, no blocks) is read again from the capture's body
 * when that is whole and a page; the record is not rewritten. */
char       *wd_evidence_package_read_text    (WdEvidencePackage  *self,
                                              const WdCapture    *capture,
                                              GError            **error);
/* The text the capture's conversion record holds, as it was written. */
char       *wd_evidence_package_read_stored_text (WdEvidencePackage  *self,
                                                  const WdCapture    *capture,
                                                  GError            **error);
/* Recomputes every digest: the files' in datapackage.json and every
 * record's block and payload digests. Each mismatch is one line in
 * @problems (transfer full, element-type utf8). TRUE when none. */
gboolean    wd_evidence_package_verify       (WdEvidencePackage  *self,
                                              GPtrArray         **problems,
                                              GError            **error);

#define WD_TYPE_EVIDENCE_RECORDER (wd_evidence_recorder_get_type ())
G_DECLARE_FINAL_TYPE (WdEvidenceRecorder, wd_evidence_recorder, WD, EVIDENCE_RECORDER, GObject)

/* Records what @checker fetches, to add to the package at @package_path. */
WdEvidenceRecorder *wd_evidence_recorder_new (const char         *package_path,
                                              WdChecker          *checker);
/* The package's size limit on disk, in bytes: the records as written
 * (gzip members) count, with room for the index lines. */
void        wd_evidence_recorder_set_limit   (WdEvidenceRecorder *self,
                                              guint64             bytes);
/* "500MB", "1.5 GB", "800kB", "200" (megabytes): decimal units, as
 * g_format_size() writes them. FALSE for anything else, or 0. */
gboolean    wd_evidence_parse_limit          (const char         *text,
                                              guint64            *bytes);
guint       wd_evidence_recorder_get_n_captures (WdEvidenceRecorder *self);
/* Why capturing stopped (the size limit), or NULL. */
const char *wd_evidence_recorder_get_warning (WdEvidenceRecorder *self);
/* Adds the captures to the package (created when missing), atomically.
 * Never touches a package it cannot read (damaged, newer). Blocking:
 * use the async form on the main thread. */
gboolean    wd_evidence_recorder_save        (WdEvidenceRecorder *self,
                                              GError            **error);
void        wd_evidence_recorder_save_async  (WdEvidenceRecorder *self,
                                              GCancellable       *cancellable,
                                              GAsyncReadyCallback callback,
                                              gpointer            user_data);
gboolean    wd_evidence_recorder_save_finish (WdEvidenceRecorder *self,
                                              GAsyncResult       *result,
                                              GError            **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (WdCapture, wd_capture_free)

G_END_DECLS

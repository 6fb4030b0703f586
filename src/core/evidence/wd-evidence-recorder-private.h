/* wd-evidence-recorder-private.h: what the files of the recorder share.
 *
 * wd-evidence-recorder.c turns each check's HTTP exchanges into WARC
 * records on its worker thread; wd-evidence-package-write.c adds them to
 * the package on disk (under its lock, merged with what is there, renamed
 * into place). */
#pragma once

#include "wd-evidence-private.h"
#include "wd-warc-private.h"

G_BEGIN_DECLS

struct _WdEvidenceRecorder
{
  GObject       parent_instance;

  char         *package_path;
  char         *warc_name;        /* archive/wiredesk-….warc.gz */
  char         *warcinfo_id;
  GWeakRef      checker;
  guint64       limit;
  guint64       package_size;     /* on disk, when recording began or last saved */
  guint64       reserved;         /* captures not yet written: their most */
  guint64       index_room;       /* index lines of the captures so far */
  char         *warning;

  GThreadPool  *pool;             /* one thread: records in arrival order */
  GMutex        lock;
  GCond         idle;
  guint         n_pending;
  WdWarcWriter *writer;           /* under lock */
  GPtrArray    *captures;         /* WdCapture, under lock */
  GPtrArray    *hops;             /* WdCapture of redirect hops, under lock */
};

/* wd-evidence-recorder.c */
/* Starts a new WARC file: its name and its warcinfo record. */
void     _wd_evidence_recorder_start_warc (WdEvidenceRecorder *self);
/* Waits until the worker has written every capture handed to it. */
void     _wd_evidence_recorder_wait_idle  (WdEvidenceRecorder *self);

/* wd-evidence-package-write.c */
/* The size of the file at @path; 0 when there is none. */
guint64  _wd_evidence_file_size           (const char         *path);

G_END_DECLS

/* wd-fetch-state-private.h: what the files of one fetch share — its
 * state and the steps each file offers the others. wd-fetch.c: the
 * request, its deadline and endings; wd-fetch-redirect.c: redirects,
 * cookies, retries, the own-network rule; wd-fetch-body.c: reading and
 * decoding the body. The rest of the core sees only wd-fetch-private.h. */
#pragma once

#include "wd-fetch-private.h"

G_BEGIN_DECLS

typedef enum
{
  PHASE_HEADERS,
  PHASE_BODY,
  PHASE_WAIT,
} Phase;

typedef struct
{
  SoupSession     *session;
  WdFetchResponse *response;
  GUri            *uri;
  SoupMessage     *msg;
  GInputStream    *stream;
  GInputStream    *soup_stream;    /* libsoup's, when f->stream reads under it */
  GConverter      *chunk_decoder;  /* ours, then (wd-chunked.c) */
  GByteArray      *body;
  GHashTable      *visited;
  GCancellable    *cancellable;   /* ours: the deadline and the caller cancel it */
  GCancellable    *parent;
  gulong           parent_handler;
  GSource         *deadline_source;
  GSource         *connect_source;  /* while resolving, connecting, handshaking */
  GSource         *wait_source;
  GMainContext    *context;
  gint64           deadline;
  double           timeout_s;
  GPtrArray       *cookies;        /* "name=value" the site set during this check */
  guint            informational;  /* 1xx answers to the request under way */
  SoupHTTPVersion  sent_version;   /* of the request line, as libsoup wrote it */
  WdCheckStatus    abort_status;   /* why we cancelled, when it was us */
  char            *abort_detail;
  gboolean         chunked;        /* in chunks that libsoup decodes (see on_sent) */
  gboolean         private_origin; /* the URL asked for names this machine or its network */
  guint            rate_retries;
  guint            server_retries;
  Phase            phase;
  gboolean         timed_out;
  gboolean         connect_timed_out;
  gsize            reading_at;     /* body bytes before the read under way */
  gboolean         capture;        /* keep bodies as received (wd-fetch-private.h) */
  gboolean         capture_only;   /* the body under way is read for the capture alone */
  GObject         *tee;            /* WdTeeConverter: the coded body, before the decoders */
  const char      *cut;            /* why the body stopped early (WARC-Truncated) */
} Fetch;

/* wd-fetch.c */
void     _wd_fetch_start_request   (GTask          *task);
/* Returns the response (or the caller's cancellation) and drops @task. */
void     _wd_fetch_finish_task     (GTask          *task);
/* Ends with verdict @status and @detail (taken). */
void     _wd_fetch_fail            (GTask          *task,
                                    WdCheckStatus   status,
                                    char           *detail);
void     _wd_fetch_fail_timeout    (GTask          *task);
/* What a failed exchange means for the editor. */
void     _wd_fetch_fail_with_error (GTask          *task,
                                    const GError   *error);
/* Stops the exchange under way with a verdict of ours (@detail taken). */
void     _wd_fetch_abort           (Fetch          *f,
                                    WdCheckStatus   status,
                                    char           *detail);
void     _wd_fetch_close_stream    (Fetch          *f);
void     _wd_fetch_clear_source    (GSource       **source);
char    *_wd_fetch_seconds_text    (double          seconds);

/* wd-fetch-redirect.c */
gboolean _wd_fetch_is_redirect     (guint           status);
void     _wd_fetch_follow_redirect (GTask          *task);
/* TRUE when a retry was arranged for this 429 or 5xx. */
gboolean _wd_fetch_maybe_retry     (GTask          *task,
                                    guint           status);
char    *_wd_fetch_uri_key         (GUri           *uri);
/* A redirect from a public address that connected into this computer's
 * own network is stopped (blocked). */
void     _wd_fetch_check_connected_address (Fetch     *f,
                                            GIOStream *connection);

/* wd-fetch-body.c */
/* Whether a body of @media_type is read at all. */
gboolean _wd_fetch_wants_body      (const char     *media_type);
/* Reads f->stream's body (decoded, capped), then finishes @task. */
void     _wd_fetch_read_body       (GTask          *task);
/* The evidence capture reads the last answer's body as received, when the
 * check itself has no use for it (an error page, a PDF…); without the
 * capture, finishes @task. */
void     _wd_fetch_read_for_capture (GTask         *task);
/* Keeps what of a redirect's or retried answer's body came with its head. */
void     _wd_fetch_keep_hop_body   (Fetch          *f);

G_END_DECLS

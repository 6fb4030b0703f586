/* wd-fetch-private.h: one careful GET of one URL, for the link checker.
 *
 * Follows redirects itself (counting hops, catching loops), honours a
 * bounded Retry-After on 429, retries a 5xx once, reads at most
 * WD_FETCH_MAX_BODY decoded bytes of a 2xx text body and then closes the
 * connection, and gives up at an absolute deadline. With @capture (the
 * evidence package) it also keeps every answer's body as received, for
 * the capture only: what came with a redirect's or a retried answer's
 * head, and the final answer's body whatever its status and type, read
 * within the same cap and deadline without changing the verdict. What goes wrong on the
 * wire comes back as a verdict in the response, not as an error: the only
 * error is G_IO_ERROR_CANCELLED when the caller's cancellable fires. */
#pragma once

#include <libsoup/soup.h>

#include "wd-types.h"

G_BEGIN_DECLS

#define WD_FETCH_MAX_BODY          (1024 * 1024)
#define WD_FETCH_MAX_REDIRECTS     10
#define WD_FETCH_MAX_RATE_RETRIES  2
#define WD_FETCH_MAX_RETRY_WAIT_S  10
#define WD_FETCH_SERVER_RETRY_MS   500
/* Of a redirect's or retried answer's body, the capture keeps at most this. */
#define WD_FETCH_MAX_HOP_BODY      (64 * 1024)

/* libsoup 3.2's SoupStatus has no name for it. */
#define WD_HTTP_TOO_MANY_REQUESTS  429

/* One request and the head of the response it got (a redirect hop, a
 * retried answer, the final response), for the evidence capture. */
typedef struct
{
  char          *url;
  char          *request_head;  /* request line and headers, CRLF, blank line */
  char          *response_head; /* status line and headers as received, ditto */
  char          *date;          /* ISO 8601 UTC, when the response came */
  GBytes        *body;          /* capture only: as received (content coding
                                 * kept, transfer coding removed); NULL when
                                 * none was read */
  const char    *truncated;     /* capture only: WARC-Truncated reason, or NULL */
} WdFetchExchange;

typedef struct
{
  char          *url;          /* as asked for */
  char          *final_url;    /* the last URL requested */
  guint          redirects;    /* redirects followed */
  guint          http_status;  /* of the last response; 0 when none came */
  char          *media_type;   /* lower case, without parameters */
  char          *charset;      /* the Content-Type's charset parameter */
  GBytes        *body;         /* decoded, at most WD_FETCH_MAX_BODY; NULL when not read */
  gboolean       truncated;    /* the body went on past the cap */
  WdCheckStatus  failure;      /* UNCHECKED when a response came; else the verdict */
  char          *detail;       /* why, for a failure or an unhonoured 429 */
  GPtrArray     *exchanges;    /* WdFetchExchange, in order */
} WdFetchResponse;

/* @origin_url: the address the editor asked for, when @url is where a
 * page sent the checker (NULL: @url itself); @redirects: hops so far. */
void             _wd_fetch_async          (SoupSession         *session,
                                           const char          *url,
                                           const char          *origin_url,
                                           guint                redirects,
                                           gint64               deadline,
                                           double               timeout_s,
                                           gboolean             capture,
                                           GCancellable        *cancellable,
                                           GAsyncReadyCallback  callback,
                                           gpointer             user_data);
WdFetchResponse *_wd_fetch_finish         (GAsyncResult        *result,
                                           GError             **error);

void             _wd_fetch_response_free  (WdFetchResponse     *response);

/* Loopback, link-local, private (RFC 1918, unique local), unspecified. */
gboolean         _wd_fetch_address_is_private (GInetAddress    *address);
/* @host (from a URL) is such an address, or "localhost". */
gboolean         _wd_fetch_host_is_private    (const char      *host);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (WdFetchResponse, _wd_fetch_response_free)

G_END_DECLS

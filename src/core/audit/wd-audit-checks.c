/* wd-audit-checks.c: the findings themselves, computed from a copy of
 * the article (WdAuditInput) so that this can run in any thread. */
#define G_LOG_DOMAIN "wd-audit"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "wd-audit-private.h"
#include "wd-citations.h"
#include "wd-dates.h"
#include "wd-finding-private.h"
#include "wd-url.h"

/* How much of a paragraph a message quotes. */
#define SNIPPET_BYTES 60

typedef struct
{
  WdAuditInput  *input;
  GPtrArray     *article_findings;
  GPtrArray     *source_findings;
  GPtrArray     *body_findings;
  GHashTable    *known_ids;        /* source id → itself */
  GHashTable    *cited_ids;        /* source id → itself */
  GArray        *paragraphs;
  GArray        *citations;
  GDate          article_date;
  gboolean       has_article_date;
} Audit;

static WdFinding *
add (GPtrArray         *list,
     WdFindingCode      code,
     WdFindingSeverity  severity,
     char              *message)          /* (transfer full) */
{
  WdFinding *finding = wd_finding_new (code, severity, message);

  g_free (message);
  g_ptr_array_add (list, finding);
  return finding;
}

static WdFinding *
add_for_source (Audit               *audit,
                const WdAuditSource *source,
                WdFindingCode        code,
                WdFindingSeverity    severity,
                char                *message)
{
  WdFinding *finding = add (audit->source_findings, code, severity, message);

  _wd_finding_set_source (finding, source->id, NULL);
  return finding;
}

/* The start of @text[start, end), cut at a word, for quoting. */
static char *
snippet (const char *text,
         gsize       start,
         gsize       end)
{
  gsize cut = end;

  if (end - start <= SNIPPET_BYTES)
    return g_strndup (text + start, end - start);

  cut = start + SNIPPET_BYTES;
  while (cut > start && ((guchar) text[cut] & 0xc0) == 0x80)
    cut--;
  for (gsize i = cut; i > start + SNIPPET_BYTES / 2; i--)
    if (text[i] == ' ')
      {
        cut = i;
        break;
      }

  return g_strdup_printf ("%.*s…", (int) (cut - start), text + start);
}

/* A URL as a key for "the same page": scheme and host lower-cased, the
 * fragment dropped. Cheap, because it runs for every source on every
 * keystroke. */
static char *
page_key (const char *url)
{
  const char *authority = strstr (url, "://");
  const char *hash = strchr (url, '#');
  gsize len = hash != NULL ? (gsize) (hash - url) : strlen (url);
  char *key = g_strndup (url, len);

  if (authority != NULL && (gsize) (authority - url) < len)
    {
      char *p = key;
      char *path;

      authority = key + (authority - url) + 3;
      path = strchr (authority, '/');
      for (; *p != '\0' && (path == NULL || p < path); p++)
        *p = g_ascii_tolower (*p);
      if (path == NULL)
        {
          char *with_slash = g_strconcat (key, "/", NULL);

          g_free (key);
          key = with_slash;
        }
    }

  return key;
}

/* The verdicts that say the page is not there, as opposed to the site
 * being busy, slow or unwilling right now. */
static gboolean
status_is_dead (WdCheckStatus status)
{
  return status == WD_CHECK_STATUS_NOT_FOUND ||
         status == WD_CHECK_STATUS_SOFT_NOT_FOUND ||
         status == WD_CHECK_STATUS_REDIRECT_ERROR ||
         status == WD_CHECK_STATUS_INVALID;
}

static const char *
describe_status (WdCheckStatus status)
{
  switch (status)
    {
    case WD_CHECK_STATUS_REDIRECT_ERROR:
      return _("its redirects lead nowhere (a loop, too many, or an invalid address)");
    case WD_CHECK_STATUS_NOT_FOUND:
      return _("the page is gone");
    case WD_CHECK_STATUS_SOFT_NOT_FOUND:
      return _("the page now says it cannot be found");
    case WD_CHECK_STATUS_BLOCKED:
      return _("the site refused the check");
    case WD_CHECK_STATUS_RATE_LIMITED:
      return _("the site asked to be checked less often");
    case WD_CHECK_STATUS_SERVER_ERROR:
      return _("the site answered with a server error");
    case WD_CHECK_STATUS_TIMEOUT:
      return _("the site did not answer in time");
    case WD_CHECK_STATUS_UNREACHABLE:
      return _("the site could not be reached");
    case WD_CHECK_STATUS_INVALID:
      return _("the answer was not a usable page");
    case WD_CHECK_STATUS_UNCHECKED:
    case WD_CHECK_STATUS_OK:
    case WD_CHECK_STATUS_REDIRECTED:
    default:
      return _("the last check failed");
    }
}

/* A page's published time ("2026-05-19T08:00:00+02:00", "2026-05-19",
 * "May 19, 2026") as a calendar date, in the page's own time zone. */
static gboolean
parse_published (const char *text,
                 GDate      *date)
{
  g_autoptr(GDateTime) dt = NULL;

  if (text == NULL || *text == '\0')
    return FALSE;

  dt = g_date_time_new_from_iso8601 (text, NULL);
  if (dt != NULL)
    {
      int y, m, d;

      g_date_time_get_ymd (dt, &y, &m, &d);
      g_date_clear (date, 1);
      g_date_set_dmy (date, d, m, y);
      return TRUE;
    }

  return wd_dates_parse (text, date);
}

static char *
format_date (const GDate *date)
{
  return g_strdup_printf ("%04u-%02u-%02u", g_date_get_year (date),
                          g_date_get_month (date), g_date_get_day (date));
}

/* ------------------------------------------------------------- sources */

static void
check_freshness (Audit               *audit,
                 const WdAuditSource *s)
{
  g_autoptr(GDateTime) checked = NULL;
  GTimeSpan age;
  guint days;

  if (!s->checked)
    {
      add_for_source (audit, s, WD_FINDING_CODE_UNCHECKED, WD_FINDING_SEVERITY_WARNING,
                      g_strdup_printf (_("“%s” has not been checked yet"), s->name));
      return;
    }

  if (s->checked_at != NULL)
    checked = g_date_time_new_from_iso8601 (s->checked_at, NULL);

  if (checked == NULL)
    {
      add_for_source (audit, s, WD_FINDING_CODE_STALE_CHECK, WD_FINDING_SEVERITY_INFO,
                      g_strdup_printf (_("“%s”: the time of its last check is unknown"), s->name));
      return;
    }

  age = g_date_time_difference (audit->input->now, checked);
  days = age > 0 ? (guint) MIN (age / G_TIME_SPAN_DAY, G_MAXUINT) : 0;
  if (days > audit->input->stale_days)
    add_for_source (audit, s, WD_FINDING_CODE_STALE_CHECK, WD_FINDING_SEVERITY_INFO,
                    g_strdup_printf (ngettext ("“%s” was last checked %u day ago",
                                               "“%s” was last checked %u days ago", days),
                                     s->name, days));
}

static void
check_verdict (Audit               *audit,
               const WdAuditSource *s)
{
  if (!s->checked || wd_check_status_is_good (s->status))
    return;

  add_for_source (audit, s, WD_FINDING_CODE_BROKEN_SOURCE,
                  status_is_dead (s->status) ? WD_FINDING_SEVERITY_ERROR : WD_FINDING_SEVERITY_WARNING,
                  s->http_status != 0
                    ? g_strdup_printf (_("“%s”: %s (HTTP %u)"), s->name,
                                       describe_status (s->status), s->http_status)
                    : g_strdup_printf (_("“%s”: %s"), s->name, describe_status (s->status)));
}

static void
check_moved (Audit               *audit,
             const WdAuditSource *s)
{
  g_autofree char *replacement = NULL;
  g_autofree char *old_key = NULL;
  g_autofree char *new_key = NULL;
  WdFinding *finding;

  if (!s->checked || s->status != WD_CHECK_STATUS_REDIRECTED)
    return;

  /* The page's own canonical address first, else where the redirects
   * ended; either must be a usable source URL. */
  if (s->canonical != NULL)
    replacement = wd_url_normalize (s->canonical, NULL);
  if (replacement == NULL && s->final_url != NULL)
    replacement = wd_url_normalize (s->final_url, NULL);
  if (replacement == NULL)
    return;

  old_key = page_key (s->url);
  new_key = page_key (replacement);
  if (g_str_equal (old_key, new_key))
    return;

  finding = add_for_source (audit, s, WD_FINDING_CODE_MOVED_SOURCE, WD_FINDING_SEVERITY_WARNING,
                            g_strdup_printf (_("“%s” has moved to %s: attach that address instead"),
                                             s->name, replacement));
  _wd_finding_set_replacement (finding, replacement);
}

static void
check_content (Audit               *audit,
               const WdAuditSource *s)
{
  if (!s->checked || !wd_check_status_is_good (s->status) ||
      s->baseline_sha256 == NULL || s->content_sha256 == NULL ||
      g_ascii_strcasecmp (s->baseline_sha256, s->content_sha256) == 0)
    return;

  add_for_source (audit, s, WD_FINDING_CODE_CONTENT_CHANGED, WD_FINDING_SEVERITY_WARNING,
                  g_strdup_printf (_("“%s” has changed since it was first checked: "
                                     "make sure it still says what the article uses"), s->name));
}

static void
check_published (Audit               *audit,
                 const WdAuditSource *s)
{
  g_autofree char *published = NULL;
  g_autofree char *dated = NULL;
  GDate date;

  if (!audit->has_article_date || !parse_published (s->published, &date) ||
      g_date_compare (&date, &audit->article_date) <= 0)
    return;

  published = format_date (&date);
  dated = format_date (&audit->article_date);
  add_for_source (audit, s, WD_FINDING_CODE_DATE_CONFLICT, WD_FINDING_SEVERITY_ERROR,
                  g_strdup_printf (_("“%s” was published on %s, after the article’s date (%s)"),
                                   s->name, published, dated));
}

/* duplicate-source: the same page by its URL, final URL or canonical. */
static void
check_duplicate (Audit               *audit,
                 const WdAuditSource *s,
                 guint                index,
                 GHashTable          *pages)
{
  const char *urls[] = { s->url, s->final_url, s->canonical };
  const WdAuditSource *original = NULL;

  for (guint k = 0; k < G_N_ELEMENTS (urls); k++)
    {
      g_autofree char *key = NULL;
      gpointer value;

      if (urls[k] == NULL || *urls[k] == '\0')
        continue;

      key = page_key (urls[k]);
      if (g_hash_table_lookup_extended (pages, key, NULL, &value))
        {
          guint other = GPOINTER_TO_UINT (value);

          if (other != index && original == NULL)
            original = &g_array_index (audit->input->sources, WdAuditSource, other);
        }
      else
        g_hash_table_insert (pages, g_steal_pointer (&key), GUINT_TO_POINTER (index));
    }

  if (original != NULL)
    {
      WdFinding *finding =
        add_for_source (audit, s, WD_FINDING_CODE_DUPLICATE_SOURCE, WD_FINDING_SEVERITY_WARNING,
                        g_strdup_printf (_("“%s” is the same page as “%s”"), s->name, original->name));

      _wd_finding_set_source (finding, s->id, original->id);
    }
}

static void
check_sources (Audit *audit)
{
  GArray *sources = audit->input->sources;
  g_autoptr(GHashTable) pages = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  for (guint i = 0; i < sources->len; i++)
    {
      const WdAuditSource *s = &g_array_index (sources, WdAuditSource, i);

      check_freshness (audit, s);
      check_verdict (audit, s);
      check_moved (audit, s);
      check_content (audit, s);
      check_published (audit, s);
      check_duplicate (audit, s, i, pages);

      if (!g_hash_table_contains (audit->cited_ids, s->id))
        add_for_source (audit, s, WD_FINDING_CODE_UNUSED_SOURCE, WD_FINDING_SEVERITY_INFO,
                        g_strdup_printf (_("“%s” is not cited anywhere in the text"), s->name));
    }
}

/* ------------------------------------------------------------- article */

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

static void
check_independence (Audit *audit)
{
  GArray *sources = audit->input->sources;
  g_autoptr(GHashTable) domains = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GPtrArray) sorted = g_ptr_array_new ();
  g_autofree char *list = NULL;
  gboolean has_primary = FALSE;
  guint counted = 0;
  WdFinding *finding;

  if (sources->len == 0)
    {
      add (audit->article_findings, WD_FINDING_CODE_FEW_INDEPENDENT_SOURCES,
           WD_FINDING_SEVERITY_ERROR, g_strdup (_("The article has no sources")));
      return;
    }

  for (guint i = 0; i < sources->len; i++)
    {
      const WdAuditSource *s = &g_array_index (sources, WdAuditSource, i);
      const char *url = s->url;
      char *domain;

      /* A dead page supports nothing. */
      if (s->checked && status_is_dead (s->status))
        continue;

      if (s->checked && wd_check_status_is_good (s->status) && s->final_url != NULL)
        url = s->final_url;

      domain = wd_url_dup_registrable_domain (url);
      if (domain == NULL)
        domain = g_strdup (url);
      g_hash_table_add (domains, domain);
      counted++;

      has_primary |= s->kind == WD_SOURCE_KIND_WIRE || s->kind == WD_SOURCE_KIND_OFFICIAL;
    }

  if (!has_primary)
    add (audit->article_findings, WD_FINDING_CODE_NO_PRIMARY_SOURCE, WD_FINDING_SEVERITY_WARNING,
         g_strdup (_("No wire or official source: nothing here comes from a news agency "
                     "or from the people concerned")));

  if (counted == 0)
    {
      add (audit->article_findings, WD_FINDING_CODE_FEW_INDEPENDENT_SOURCES,
           WD_FINDING_SEVERITY_ERROR,
           g_strdup_printf (ngettext ("The article’s only source is gone",
                                      "All %u of the article’s sources are gone", sources->len),
                            sources->len));
      return;
    }

  if (g_hash_table_size (domains) >= audit->input->min_independent)
    return;

  {
    GHashTableIter iter;
    gpointer key;

    g_hash_table_iter_init (&iter, domains);
    while (g_hash_table_iter_next (&iter, &key, NULL))
      g_ptr_array_add (sorted, key);
  }
  g_ptr_array_sort (sorted, compare_strings);
  g_ptr_array_add (sorted, NULL);
  list = g_strjoinv (", ", (char **) sorted->pdata);

  finding = add (audit->article_findings, WD_FINDING_CODE_FEW_INDEPENDENT_SOURCES,
                 WD_FINDING_SEVERITY_WARNING,
                 g_strdup_printf (ngettext ("%u source, from %u independent domain (%s): "
                                            "at least %u independent sources are wanted",
                                            "%u sources, from %u independent domains (%s): "
                                            "at least %u independent sources are wanted",
                                            counted),
                                  counted, g_hash_table_size (domains), list,
                                  audit->input->min_independent));
  _wd_finding_set_items (finding, (const char * const *) sorted->pdata);
}

/* ---------------------------------------------------------------- body */

/* The paragraph holding byte @offset, or -1. */
static int
paragraph_at (GArray *paragraphs,
              gsize   offset)
{
  guint lo = 0, hi = paragraphs->len;

  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;
      const WdParagraph *p = &g_array_index (paragraphs, WdParagraph, mid);

      if (p->end < offset)
        lo = mid + 1;
      else
        hi = mid;
    }

  if (lo < paragraphs->len && g_array_index (paragraphs, WdParagraph, lo).start <= offset)
    return (int) lo;
  return -1;
}

static void
check_citations (Audit *audit)
{
  const char *body = audit->input->body;
  g_autoptr(GArray) uncited = NULL;

  for (guint i = 0; i < audit->citations->len; i++)
    {
      const WdCitation *c = &g_array_index (audit->citations, WdCitation, i);

      if (g_hash_table_contains (audit->known_ids, c->source_id))
        g_hash_table_add (audit->cited_ids, c->source_id);
      else
        {
          WdFinding *finding =
            add (audit->body_findings, WD_FINDING_CODE_UNKNOWN_CITATION, WD_FINDING_SEVERITY_ERROR,
                 g_strdup_printf (_("The citation [^%s] names no source of this article"),
                                  c->source_id));

          _wd_finding_set_range (finding, c->paragraph == G_MAXUINT ? -1 : (int) c->paragraph,
                                 c->start, c->end);
        }
    }

  uncited = wd_citations_find_uncited (audit->paragraphs, audit->citations, audit->known_ids);
  for (guint i = 0; i < uncited->len; i++)
    {
      const WdParagraph *p = &g_array_index (uncited, WdParagraph, i);
      g_autofree char *quote = snippet (body, p->start, p->end);
      WdFinding *finding;

      finding = add (audit->body_findings, WD_FINDING_CODE_UNCITED_PARAGRAPH,
                     WD_FINDING_SEVERITY_WARNING,
                     g_strdup_printf (_("Paragraph %u cites no source: “%s”"), p->index + 1, quote));
      _wd_finding_set_range (finding, (int) p->index, p->start, p->end);
    }
}

static guint
default_year (Audit *audit)
{
  g_autoptr(GDateTime) created = NULL;

  if (audit->has_article_date)
    return g_date_get_year (&audit->article_date);

  if (audit->input->created != NULL)
    created = g_date_time_new_from_iso8601 (audit->input->created, NULL);
  if (created != NULL)
    return g_date_time_get_year (created);

  return g_date_time_get_year (audit->input->now);
}

static void
check_timeline (Audit *audit)
{
  const char *body = audit->input->body;
  g_autoptr(GArray) mentions = wd_dates_scan (body, -1, default_year (audit));
  g_autoptr(GArray) conflicts = wd_dates_find_conflicts (mentions, WD_AUDIT_DATE_WINDOW_DAYS);

  for (guint i = 0; i < conflicts->len; i++)
    {
      const WdDateConflict *c = &g_array_index (conflicts, WdDateConflict, i);
      const WdDateMention *claim = &g_array_index (mentions, WdDateMention, c->claim);
      const WdDateMention *earlier = &g_array_index (mentions, WdDateMention, c->earlier);
      g_autofree char *claim_text = g_strndup (body + claim->start, claim->end - claim->start);
      g_autofree char *earlier_text = g_strndup (body + earlier->start, earlier->end - earlier->start);
      char claim_iso[11], earlier_iso[11];
      const char *items[] = { claim_iso, earlier_iso, NULL };
      int paragraph = paragraph_at (audit->paragraphs, claim->start);
      int earlier_paragraph = paragraph_at (audit->paragraphs, earlier->start);
      WdFinding *finding;

      g_snprintf (claim_iso, sizeof claim_iso, "%04u-%02u-%02u", claim->year, claim->month, claim->day);
      g_snprintf (earlier_iso, sizeof earlier_iso, "%04u-%02u-%02u",
                  earlier->year, earlier->month, earlier->day);

      finding = add (audit->body_findings, WD_FINDING_CODE_DATE_CONFLICT, WD_FINDING_SEVERITY_WARNING,
                     earlier_paragraph >= 0
                       ? g_strdup_printf (_("The text says this first happened on %s, but paragraph %d "
                                            "already gives an earlier date, %s"),
                                          claim_text, earlier_paragraph + 1, earlier_text)
                       : g_strdup_printf (_("The text says this first happened on %s, but it "
                                            "already gives an earlier date, %s"),
                                          claim_text, earlier_text));
      _wd_finding_set_range (finding, paragraph, claim->start, claim->end);
      _wd_finding_set_items (finding, items);
    }
}

static int
compare_by_position (gconstpointer a,
                     gconstpointer b)
{
  WdFinding *x = *(WdFinding * const *) a;
  WdFinding *y = *(WdFinding * const *) b;
  gsize xs = 0, ys = 0;

  wd_finding_get_range (x, &xs, NULL);
  wd_finding_get_range (y, &ys, NULL);
  if (xs != ys)
    return xs < ys ? -1 : 1;
  return (int) wd_finding_get_code (x) - (int) wd_finding_get_code (y);
}

/* ------------------------------------------------------------ quotations */

/* A source as the messages name it: its label or title, else its URL. */
static const char *
source_name (Audit      *audit,
             const char *id)
{
  for (guint i = 0; id != NULL && i < audit->input->sources->len; i++)
    {
      const WdAuditSource *s = &g_array_index (audit->input->sources, WdAuditSource, i);

      if (g_str_equal (s->id, id))
        return s->name;
    }
  return id;
}

static void
check_quotations (Audit *audit)
{
  WdAuditInput *input = audit->input;
  g_autoptr(GPtrArray) ids = g_ptr_array_new ();
  g_autoptr(GPtrArray) quotes = NULL;

  if (input->quote_texts == NULL)
    return;

  for (guint i = 0; i < input->sources->len; i++)
    g_ptr_array_add (ids, g_array_index (input->sources, WdAuditSource, i).id);
  g_ptr_array_add (ids, NULL);

  quotes = wd_quotes_check (input->body, (const char * const *) ids->pdata, input->quote_texts);
  for (guint i = 0; i < quotes->len; i++)
    {
      WdQuote *q = g_ptr_array_index (quotes, i);
      const char *items[] = { q->text, q->source_text, NULL };
      WdFindingCode code;
      WdFindingSeverity severity;
      char *message;
      WdFinding *finding;

      switch (q->verdict)
        {
        case WD_QUOTE_VERDICT_NOT_FOUND:
          code = WD_FINDING_CODE_QUOTE_NOT_FOUND;
          severity = WD_FINDING_SEVERITY_ERROR;
          message = g_strdup_printf (_("The quotation “%s” is not in the sources this paragraph cites"),
                                     q->text);
          break;
        case WD_QUOTE_VERDICT_ALTERED:
          code = WD_FINDING_CODE_QUOTE_ALTERED;
          severity = WD_FINDING_SEVERITY_WARNING;
          message = g_strdup_printf (_("The quotation “%s” differs from its source, which says “%s”"),
                                     q->text, q->source_text);
          break;
        case WD_QUOTE_VERDICT_IN_OTHER_SOURCE:
          code = WD_FINDING_CODE_QUOTE_IN_OTHER_SOURCE;
          severity = WD_FINDING_SEVERITY_WARNING;
          message = g_strdup_printf (_("The quotation “%s” comes from “%s”, a source this paragraph does not cite"),
                                     q->text, source_name (audit, q->source));
          break;
        case WD_QUOTE_VERDICT_REMOVED:
          code = WD_FINDING_CODE_QUOTE_REMOVED;
          severity = WD_FINDING_SEVERITY_WARNING;
          if (q->source_text != NULL)
            message = g_strdup_printf (_("The quotation “%s” was in the first capture of its source, "
                                         "which now says “%s”"), q->text, q->source_text);
          else
            message = g_strdup_printf (_("The quotation “%s” was in the first capture of its source but is gone from the latest"),
                                       q->text);
          break;
        case WD_QUOTE_VERDICT_UNVERIFIABLE:
          code = WD_FINDING_CODE_QUOTE_UNVERIFIABLE;
          severity = WD_FINDING_SEVERITY_INFO;
          if (q->problem != NULL)
            message = g_strdup_printf (_("The quotation “%s” cannot be checked: %s"), q->text, q->problem);
          else if (q->source != NULL)
            message = g_strdup_printf (_("The quotation “%s” cannot be checked yet: it is not in the other "
                                         "sources this paragraph cites, and “%s” has no capture of a live page"),
                                       q->text, source_name (audit, q->source));
          else
            message = g_strdup_printf (_("The quotation “%s” cannot be checked: no source it cites has a capture of a live page"),
                                       q->text);
          break;
        case WD_QUOTE_VERDICT_VERIFIED:
        default:
          continue;
        }

      finding = add (audit->body_findings, code, severity, message);
      _wd_finding_set_range (finding, (int) q->paragraph, q->start, q->end);
      if (q->source != NULL)
        _wd_finding_set_source (finding, q->source, NULL);
      /* The quotation, then the source's own words when there are some. */
      _wd_finding_set_items (finding, items);
    }
}

/* -------------------------------------------------------------- entry */

GPtrArray *
_wd_audit_compute (WdAuditInput *input)
{
  Audit audit = { input };
  GPtrArray *findings;

  audit.article_findings = g_ptr_array_new_with_free_func (g_object_unref);
  audit.source_findings = g_ptr_array_new_with_free_func (g_object_unref);
  audit.body_findings = g_ptr_array_new_with_free_func (g_object_unref);
  audit.known_ids = g_hash_table_new (g_str_hash, g_str_equal);
  audit.cited_ids = g_hash_table_new (g_str_hash, g_str_equal);
  g_date_clear (&audit.article_date, 1);
  audit.has_article_date = wd_dates_parse (input->dateline, &audit.article_date);

  for (guint i = 0; i < input->sources->len; i++)
    g_hash_table_add (audit.known_ids, g_array_index (input->sources, WdAuditSource, i).id);

  wd_citations_scan (input->body, &audit.paragraphs, &audit.citations);

  check_independence (&audit);
  check_citations (&audit);
  check_sources (&audit);
  check_timeline (&audit);
  check_quotations (&audit);
  g_ptr_array_sort (audit.body_findings, compare_by_position);

  findings = audit.article_findings;
  g_ptr_array_extend_and_steal (findings, audit.source_findings);
  g_ptr_array_extend_and_steal (findings, audit.body_findings);
  _wd_findings_set_char_ranges (findings, input->body);

  g_hash_table_unref (audit.known_ids);
  g_hash_table_unref (audit.cited_ids);
  g_array_unref (audit.paragraphs);
  g_array_unref (audit.citations);

  return findings;
}

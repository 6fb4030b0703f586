#define G_LOG_DOMAIN "wd-export-prov"

#include "config.h"

#include <string.h>

#include "wd-citations.h"
#include "wd-enums.h"
#include "wd-export-prov.h"
#include "wd-json-writer.h"
#include "wd-util-private.h"

/* The local part of a qualified name: letters, digits, "-", "_", "."
 * as they are, anything else percent-encoded. */
static char *
local_name (const char *id)
{
  GString *out = g_string_sized_new (strlen (id));

  for (const char *p = id; *p != '\0'; p++)
    {
      guchar c = (guchar) *p;

      if (g_ascii_isalnum (c) || c == '-' || c == '_' || c == '.')
        g_string_append_c (out, (char) c);
      else
        g_string_append_printf (out, "%%%02X", c);
    }

  return g_string_free (out, FALSE);
}

static char *
qualified (const char *prefix,
           const char *id)
{
  g_autofree char *local = local_name (id);

  return g_strconcat (prefix, ":", local, NULL);
}

/* A typed literal: { "$" : value, "type" : type }. */
static void
typed (WdJsonWriter *w,
       const char   *member,
       const char   *value,
       const char   *type)
{
  wd_json_writer_member (w, member);
  wd_json_writer_begin_object (w);
  wd_json_writer_member (w, "$");
  wd_json_writer_string (w, value);
  wd_json_writer_member (w, "type");
  wd_json_writer_string (w, type);
  wd_json_writer_end_object (w);
}

static void
string_member (WdJsonWriter *w,
               const char   *member,
               const char   *value)
{
  if (value == NULL || *value == '\0')
    return;

  wd_json_writer_member (w, member);
  wd_json_writer_string (w, value);
}

/* PROV's own times (prov:startTime, prov:time) are plain strings; other
 * attributes carry their type. Times that do not parse are left out. */
static void
time_member (WdJsonWriter *w,
             const char   *member,
             const char   *value)
{
  if (!_wd_is_iso8601 (value))
    return;

  if (g_str_has_prefix (member, "prov:"))
    string_member (w, member, value);
  else
    typed (w, member, value, "xsd:dateTime");
}

/* One relation: "_:<kind><n>" : { first : a, second : b [, time] }. */
static void
relation (WdJsonWriter *w,
          const char   *kind,
          guint         n,
          const char   *first_role,
          const char   *first,
          const char   *second_role,
          const char   *second)
{
  g_autofree char *id = g_strdup_printf ("_:%s%u", kind, n);

  wd_json_writer_member (w, id);
  wd_json_writer_begin_object (w);
  wd_json_writer_member (w, first_role);
  wd_json_writer_string (w, first);
  wd_json_writer_member (w, second_role);
  wd_json_writer_string (w, second);
}

static void
write_prefixes (WdJsonWriter *w,
                const char   *article_id)
{
  g_autofree char *local = local_name (article_id);
  g_autofree char *base = g_strconcat ("urn:wiredesk:article:", local, ":", NULL);
  g_autofree char *sources = g_strconcat (base, "source:", NULL);
  g_autofree char *checks = g_strconcat (base, "check:", NULL);
  g_autofree char *agents = g_strconcat (base, "agent:", NULL);

  wd_json_writer_member (w, "prefix");
  wd_json_writer_begin_object (w);
  string_member (w, "wd", WD_PROV_NAMESPACE);
  string_member (w, "xsd", "http://www.w3.org/2001/XMLSchema#");
  string_member (w, "article", "urn:wiredesk:article:");
  string_member (w, "source", sources);
  string_member (w, "check", checks);
  string_member (w, "agent", agents);
  /* A capture's name is its WARC record id: <urn:uuid:…>. */
  string_member (w, "capture", "urn:uuid:");
  wd_json_writer_end_object (w);
}

/* "capture:…" for a WARC record id "<urn:uuid:…>", or NULL. */
static char *
capture_qname (const char *id)
{
  g_autofree char *uuid = NULL;

  if (id == NULL || !g_str_has_prefix (id, "<urn:uuid:") || !g_str_has_suffix (id, ">"))
    return NULL;
  uuid = g_strndup (id + strlen ("<urn:uuid:"), strlen (id) - strlen ("<urn:uuid:") - 1);
  return qualified ("capture", uuid);
}

/* One capture of a source, as an entity. */
typedef struct
{
  char       *qname;
  const char *record_id;
  const char *digest;
  const char *captured_at;
  const char *final_url;
  const char *verdict;
  guint       http_status;
  gboolean    marked;       /* from the package: baseline and latest are said */
  gboolean    baseline;
  gboolean    latest;
} CaptureRef;

static void
capture_ref_free (CaptureRef *ref)
{
  g_free (ref->qname);
  g_free (ref);
}

/* The captures of @source: with @package, every one it holds, in the
 * order captured; without, the one the source's last check recorded. */
static GPtrArray *
source_captures (WdSource          *source,
                 WdEvidencePackage *package)
{
  GPtrArray *refs = g_ptr_array_new_with_free_func ((GDestroyNotify) capture_ref_free);
  WdCheckResult *check = wd_source_get_check (source);
  const char *id = wd_source_get_id (source);

  if (package != NULL)
    {
      GPtrArray *captures = wd_evidence_package_get_captures (package);
      WdCapture *baseline = wd_evidence_package_baseline (package, id);

      for (guint i = 0; i < captures->len; i++)
        {
          WdCapture *c = g_ptr_array_index (captures, i);
          g_autofree char *qname = NULL;
          CaptureRef *ref;

          if (g_strcmp0 (c->source, id) != 0 || (qname = capture_qname (c->record_id)) == NULL)
            continue;
          ref = g_new0 (CaptureRef, 1);
          ref->qname = g_steal_pointer (&qname);
          ref->record_id = c->record_id;
          ref->digest = c->payload_digest;
          ref->captured_at = c->captured_at;
          ref->final_url = c->final_url;
          ref->verdict = c->verdict;
          ref->http_status = c->http_status;
          ref->marked = TRUE;
          ref->baseline = c == baseline;
          g_ptr_array_add (refs, ref);
        }
      if (refs->len > 0)
        ((CaptureRef *) g_ptr_array_index (refs, refs->len - 1))->latest = TRUE;
      return refs;
    }

  if (check != NULL)
    {
      g_autofree char *qname = capture_qname (wd_check_result_get_text (check, "capture-id"));
      CaptureRef *ref;

      if (qname == NULL)
        return refs;
      ref = g_new0 (CaptureRef, 1);
      ref->record_id = wd_check_result_get_text (check, "capture-id");
      ref->qname = g_steal_pointer (&qname);
      ref->digest = wd_check_result_get_text (check, "capture-digest");
      ref->captured_at = wd_check_result_get_checked_at (check);
      ref->final_url = wd_check_result_get_final_url (check);
      g_ptr_array_add (refs, ref);
    }
  return refs;
}

static void
boolean_member (WdJsonWriter *w,
                const char   *member,
                gboolean      value)
{
  typed (w, member, value ? "true" : "false", "xsd:boolean");
}

/* What the source said at one moment (the WACZ beside the document). */
static void
write_capture_entities (WdJsonWriter *w,
                        GPtrArray    *refs)
{
  for (guint i = 0; i < refs->len; i++)
    {
      CaptureRef *ref = g_ptr_array_index (refs, i);

      wd_json_writer_member (w, ref->qname);
      wd_json_writer_begin_object (w);
      typed (w, "prov:type", "wd:WarcCapture", "prov:QUALIFIED_NAME");
      string_member (w, "wd:warcRecordId", ref->record_id);
      string_member (w, "wd:payloadDigest", ref->digest);
      time_member (w, "wd:capturedAt", ref->captured_at);
      string_member (w, "wd:finalUrl", ref->final_url);
      string_member (w, "wd:verdict", ref->verdict);
      if (ref->http_status > 0)
        {
          wd_json_writer_member (w, "wd:httpStatus");
          wd_json_writer_int (w, ref->http_status);
        }
      if (ref->marked)
        {
          boolean_member (w, "wd:baseline", ref->baseline);
          boolean_member (w, "wd:latest", ref->latest);
        }
      wd_json_writer_end_object (w);
    }
}

static void
write_entities (WdJsonWriter *w,
                WdArticle    *article,
                GPtrArray    *captures,
                const char   *article_qname)
{
  guint n = wd_article_get_n_sources (article);

  wd_json_writer_member (w, "entity");
  wd_json_writer_begin_object (w);

  wd_json_writer_member (w, article_qname);
  wd_json_writer_begin_object (w);
  typed (w, "prov:type", "wd:Article", "prov:QUALIFIED_NAME");
  string_member (w, "prov:label", wd_article_get_headline (article));
  string_member (w, "wd:status", wd_enum_to_nick (WD_TYPE_ARTICLE_STATUS, wd_article_get_status (article)));
  wd_json_writer_member (w, "wd:revision");
  wd_json_writer_int (w, wd_article_get_revision (article));
  string_member (w, "wd:language", wd_article_get_language (article));
  string_member (w, "wd:dateline", wd_article_get_dateline (article));
  time_member (w, "wd:created", wd_article_get_created (article));
  time_member (w, "wd:modified", wd_article_get_modified (article));
  wd_json_writer_end_object (w);

  for (guint i = 0; i < n; i++)
    {
      WdSource *source = wd_article_get_source (article, i);
      WdCheckResult *check = wd_source_get_check (source);
      g_autofree char *qname = qualified ("source", wd_source_get_id (source));
      g_autofree char *name = wd_source_dup_display_name (source);

      wd_json_writer_member (w, qname);
      wd_json_writer_begin_object (w);
      typed (w, "prov:type", "wd:Source", "prov:QUALIFIED_NAME");
      string_member (w, "prov:label", name);
      typed (w, "prov:location", wd_source_get_url (source), "xsd:anyURI");
      string_member (w, "wd:kind", wd_enum_to_nick (WD_TYPE_SOURCE_KIND, wd_source_get_kind (source)));
      time_member (w, "wd:attachedAt", wd_source_get_attached_at (source));
      string_member (w, "wd:baselineSha256", wd_source_get_baseline_sha256 (source));
      if (check != NULL)
        {
          string_member (w, "wd:title", wd_check_result_get_title (check));
          string_member (w, "wd:published", wd_check_result_get_published (check));
          string_member (w, "wd:canonical", wd_check_result_get_canonical (check));
          string_member (w, "wd:finalUrl", wd_check_result_get_final_url (check));
          string_member (w, "wd:contentSha256", wd_check_result_get_content_sha256 (check));
        }
      wd_json_writer_end_object (w);
      write_capture_entities (w, g_ptr_array_index (captures, i));
    }

  wd_json_writer_end_object (w);
}

static void
write_activities (WdJsonWriter *w,
                  WdArticle    *article)
{
  guint n = wd_article_get_n_sources (article);

  wd_json_writer_member (w, "activity");
  wd_json_writer_begin_object (w);

  for (guint i = 0; i < n; i++)
    {
      WdSource *source = wd_article_get_source (article, i);
      WdCheckResult *check = wd_source_get_check (source);
      g_autofree char *qname = NULL;

      if (check == NULL)
        continue;

      qname = qualified ("check", wd_source_get_id (source));
      wd_json_writer_member (w, qname);
      wd_json_writer_begin_object (w);
      typed (w, "prov:type", "wd:LinkCheck", "prov:QUALIFIED_NAME");
      time_member (w, "prov:startTime", wd_check_result_get_checked_at (check));
      string_member (w, "wd:verdict",
                     wd_enum_to_nick (WD_TYPE_CHECK_STATUS, wd_check_result_get_status (check)));
      if (wd_check_result_get_http_status (check) != 0)
        {
          wd_json_writer_member (w, "wd:httpStatus");
          wd_json_writer_int (w, wd_check_result_get_http_status (check));
        }
      wd_json_writer_member (w, "wd:redirects");
      wd_json_writer_int (w, wd_check_result_get_redirects (check));
      wd_json_writer_member (w, "wd:elapsedMs");
      wd_json_writer_int (w, wd_check_result_get_elapsed_ms (check));
      string_member (w, "wd:detail", wd_check_result_get_detail (check));
      wd_json_writer_end_object (w);
    }

  wd_json_writer_end_object (w);
}

/* The sources' authors, each once, in the order they first appear:
 * name → its number (from 1). */
static GHashTable *
collect_authors (WdArticle  *article,
                 GPtrArray **order)
{
  GHashTable *numbers = g_hash_table_new (g_str_hash, g_str_equal);
  guint n = wd_article_get_n_sources (article);

  *order = g_ptr_array_new ();
  for (guint i = 0; i < n; i++)
    {
      WdCheckResult *check = wd_source_get_check (wd_article_get_source (article, i));
      const char * const *authors = check != NULL ? wd_check_result_get_authors (check) : NULL;

      for (guint j = 0; authors != NULL && authors[j] != NULL; j++)
        if (!g_hash_table_contains (numbers, authors[j]))
          {
            g_ptr_array_add (*order, (gpointer) authors[j]);
            g_hash_table_insert (numbers, (gpointer) authors[j], GUINT_TO_POINTER ((*order)->len));
          }
    }

  return numbers;
}

static char *
author_qname (guint number)
{
  return g_strdup_printf ("agent:author-%u", number);
}

static void
write_agents (WdJsonWriter *w,
              WdArticle    *article,
              GPtrArray    *authors)
{
  g_autofree char *software = g_strconcat ("Wiredesk ", PACKAGE_VERSION, NULL);

  wd_json_writer_member (w, "agent");
  wd_json_writer_begin_object (w);

  wd_json_writer_member (w, "agent:editor");
  wd_json_writer_begin_object (w);
  typed (w, "prov:type", "prov:Person", "prov:QUALIFIED_NAME");
  string_member (w, "prov:label", wd_article_get_byline (article));
  wd_json_writer_end_object (w);

  wd_json_writer_member (w, "agent:wiredesk");
  wd_json_writer_begin_object (w);
  typed (w, "prov:type", "prov:SoftwareAgent", "prov:QUALIFIED_NAME");
  string_member (w, "prov:label", software);
  wd_json_writer_end_object (w);

  /* Whoever the pages name as their authors, one agent each. */
  for (guint i = 0; i < authors->len; i++)
    {
      g_autofree char *qname = author_qname (i + 1);

      wd_json_writer_member (w, qname);
      wd_json_writer_begin_object (w);
      typed (w, "prov:type", "prov:Person", "prov:QUALIFIED_NAME");
      string_member (w, "prov:label", g_ptr_array_index (authors, i));
      wd_json_writer_end_object (w);
    }

  wd_json_writer_end_object (w);
}

/* The article to its editor; each source to each of its authors. */
static void
write_attributions (WdJsonWriter *w,
                    WdArticle    *article,
                    const char   *article_qname,
                    GHashTable   *numbers)
{
  guint n = wd_article_get_n_sources (article);
  guint count = 1;

  wd_json_writer_member (w, "wasAttributedTo");
  wd_json_writer_begin_object (w);
  relation (w, "attr", count, "prov:entity", article_qname, "prov:agent", "agent:editor");
  wd_json_writer_end_object (w);

  for (guint i = 0; i < n; i++)
    {
      WdSource *source = wd_article_get_source (article, i);
      WdCheckResult *check = wd_source_get_check (source);
      const char * const *authors = check != NULL ? wd_check_result_get_authors (check) : NULL;
      g_autofree char *source_qname = NULL;

      if (authors == NULL)
        continue;
      source_qname = qualified ("source", wd_source_get_id (source));
      for (guint j = 0; authors[j] != NULL; j++)
        {
          g_autofree char *agent = author_qname (GPOINTER_TO_UINT (g_hash_table_lookup (numbers, authors[j])));

          relation (w, "attr", ++count, "prov:entity", source_qname, "prov:agent", agent);
          wd_json_writer_end_object (w);
        }
    }

  wd_json_writer_end_object (w);
}

static void
write_check_relations (WdJsonWriter *w,
                       WdArticle    *article,
                       gboolean      usage)
{
  guint n = wd_article_get_n_sources (article);
  guint count = 0;

  wd_json_writer_member (w, usage ? "used" : "wasAssociatedWith");
  wd_json_writer_begin_object (w);

  for (guint i = 0; i < n; i++)
    {
      WdSource *source = wd_article_get_source (article, i);
      WdCheckResult *check = wd_source_get_check (source);
      g_autofree char *check_qname = NULL;
      g_autofree char *source_qname = NULL;

      if (check == NULL)
        continue;

      check_qname = qualified ("check", wd_source_get_id (source));
      source_qname = qualified ("source", wd_source_get_id (source));
      if (usage)
        {
          relation (w, "used", ++count, "prov:activity", check_qname, "prov:entity", source_qname);
          time_member (w, "prov:time", wd_check_result_get_checked_at (check));
        }
      else
        relation (w, "assoc", ++count, "prov:activity", check_qname, "prov:agent", "agent:wiredesk");
      wd_json_writer_end_object (w);
    }

  wd_json_writer_end_object (w);
}

static void
write_derivations (WdJsonWriter *w,
                   WdArticle    *article,
                   GPtrArray    *captures,
                   const char   *article_qname)
{
  g_autoptr(GArray) citations = NULL;
  g_autoptr(GHashTable) counts = g_hash_table_new (g_str_hash, g_str_equal);
  guint n = wd_article_get_n_sources (article);
  guint count = 0;

  wd_citations_scan (wd_article_get_body (article), NULL, &citations);
  for (guint i = 0; i < citations->len; i++)
    {
      const char *id = g_array_index (citations, WdCitation, i).source_id;
      guint c = GPOINTER_TO_UINT (g_hash_table_lookup (counts, id));

      g_hash_table_insert (counts, (gpointer) id, GUINT_TO_POINTER (c + 1));
    }

  wd_json_writer_member (w, "wasDerivedFrom");
  wd_json_writer_begin_object (w);

  /* In the article's order of sources, not the order of first citation:
   * moving a sentence must not reorder the document. */
  for (guint i = 0; i < n; i++)
    {
      WdSource *source = wd_article_get_source (article, i);
      guint cited = GPOINTER_TO_UINT (g_hash_table_lookup (counts, wd_source_get_id (source)));
      g_autofree char *source_qname = NULL;

      if (cited == 0)
        continue;

      source_qname = qualified ("source", wd_source_get_id (source));
      relation (w, "derived", ++count, "prov:generatedEntity", article_qname,
                "prov:usedEntity", source_qname);
      wd_json_writer_member (w, "wd:citations");
      wd_json_writer_int (w, cited);
      wd_json_writer_end_object (w);

      /* …and from what the source said each time it was captured. */
      for (guint j = 0; j < ((GPtrArray *) g_ptr_array_index (captures, i))->len; j++)
        {
          CaptureRef *ref = g_ptr_array_index ((GPtrArray *) g_ptr_array_index (captures, i), j);

          relation (w, "derived", ++count, "prov:generatedEntity", article_qname,
                    "prov:usedEntity", ref->qname);
          wd_json_writer_end_object (w);
        }
    }

  wd_json_writer_end_object (w);

  /* Each capture is the source as it was at one moment. */
  count = 0;
  wd_json_writer_member (w, "specializationOf");
  wd_json_writer_begin_object (w);
  for (guint i = 0; i < n; i++)
    {
      GPtrArray *refs = g_ptr_array_index (captures, i);
      g_autofree char *source_qname = qualified ("source", wd_source_get_id (wd_article_get_source (article, i)));

      for (guint j = 0; j < refs->len; j++)
        {
          relation (w, "spec", ++count, "prov:specificEntity", ((CaptureRef *) g_ptr_array_index (refs, j))->qname,
                    "prov:generalEntity", source_qname);
          wd_json_writer_end_object (w);
        }
    }
  wd_json_writer_end_object (w);
}

GBytes *
wd_export_prov (WdArticle *article)
{
  return wd_export_prov_with_evidence (article, NULL);
}

GBytes *
wd_export_prov_with_evidence (WdArticle         *article,
                              WdEvidencePackage *package)
{
  WdJsonWriter *w;
  g_autofree char *article_qname = NULL;
  g_autoptr(GHashTable) numbers = NULL;
  g_autoptr(GPtrArray) authors = NULL;
  g_autoptr(GPtrArray) captures = g_ptr_array_new_with_free_func ((GDestroyNotify) g_ptr_array_unref);

  g_return_val_if_fail (WD_IS_ARTICLE (article), NULL);
  g_return_val_if_fail (package == NULL || WD_IS_EVIDENCE_PACKAGE (package), NULL);

  for (guint i = 0; i < wd_article_get_n_sources (article); i++)
    g_ptr_array_add (captures, source_captures (wd_article_get_source (article, i), package));

  numbers = collect_authors (article, &authors);

  article_qname = qualified ("article", wd_article_get_id (article));
  w = wd_json_writer_new ();

  wd_json_writer_begin_object (w);
  write_prefixes (w, wd_article_get_id (article));
  write_entities (w, article, captures, article_qname);
  write_activities (w, article);
  write_agents (w, article, authors);
  write_check_relations (w, article, TRUE);
  write_check_relations (w, article, FALSE);
  write_derivations (w, article, captures, article_qname);
  write_attributions (w, article, article_qname, numbers);

  wd_json_writer_end_object (w);

  return wd_json_writer_free_to_bytes (w);
}

#define G_LOG_DOMAIN "wd-native-format"

#include "config.h"

#include "wd-article-private.h"
#include "wd-enums.h"
#include "wd-history-private.h"
#include "wd-json-writer.h"
#include "wd-native-format.h"
#include "wd-native-format-private.h"
#include "wd-source-private.h"

/* The members this version knows, in the order it writes them; anything
 * else is kept as it was read and written back after them. */
const char * const _wd_native_root_members[] = { "format", "version", "article", "history", NULL };
const char * const _wd_native_article_members[] = {
  "id", "headline", "standfirst", "byline", "dateline", "language", "status",
  "created", "modified", "revision", "keywords", "body", "desk_note",
  "ed_note", "sources", "published", NULL
};
const char * const _wd_native_source_members[] = {
  "id", "url", "label", "kind", "attached_at", "note", "check", "baseline", NULL
};
/* A check's members besides its text ones. "authors" (version 1 too) is
 * written only when the page named several: "author" holds them joined,
 * for versions that know only it. */
const char * const _wd_native_check_other_members[] = {
  "status", "http_status", "redirects", "elapsed_ms", "authors", NULL
};


/* The check's text members as written in files, in the order of
 * wd_check_result_text_fields() (the property names, with '_'). */
const char * const _wd_native_check_text_members[] = {
  "final_url", "checked_at", "title", "site_name", "author",
  "published", "canonical", "language", "content_sha256", "detail",
  "capture_id", "capture_digest",
  NULL
};

static void
write_check (WdJsonWriter  *w,
             WdCheckResult *check,
             JsonObject    *extras)
{
  const char * const *fields = wd_check_result_text_fields ();
  const char * const *authors = wd_check_result_get_authors (check);

  wd_json_writer_begin_object (w);
  wd_json_writer_member (w, "status");
  wd_json_writer_string (w, wd_enum_to_nick (WD_TYPE_CHECK_STATUS, wd_check_result_get_status (check)));
  wd_json_writer_member (w, "http_status");
  wd_json_writer_int (w, wd_check_result_get_http_status (check));
  wd_json_writer_member (w, "redirects");
  wd_json_writer_int (w, wd_check_result_get_redirects (check));
  wd_json_writer_member (w, "elapsed_ms");
  wd_json_writer_int (w, wd_check_result_get_elapsed_ms (check));

  for (guint i = 0; fields[i] != NULL; i++)
    {
      wd_json_writer_member (w, _wd_native_check_text_members[i]);
      wd_json_writer_nullable (w, wd_check_result_get_text (check, fields[i]));
    }

  if (authors != NULL && g_strv_length ((char **) authors) > 1)
    {
      wd_json_writer_member (w, "authors");
      wd_json_writer_begin_array (w);
      for (guint i = 0; authors[i] != NULL; i++)
        wd_json_writer_text (w, authors[i]);
      wd_json_writer_end_array (w);
    }

  wd_json_writer_members_of (w, extras);
  wd_json_writer_end_object (w);
}

static void
write_source (WdJsonWriter *w,
              WdSource     *source)
{
  WdCheckResult *check = wd_source_get_check (source);

  wd_json_writer_begin_object (w);
  wd_json_writer_member (w, "id");
  wd_json_writer_text (w, wd_source_get_id (source));
  wd_json_writer_member (w, "url");
  wd_json_writer_text (w, wd_source_get_url (source));
  wd_json_writer_member (w, "label");
  wd_json_writer_text (w, wd_source_get_label (source));
  wd_json_writer_member (w, "kind");
  wd_json_writer_string (w, wd_enum_to_nick (WD_TYPE_SOURCE_KIND, wd_source_get_kind (source)));
  wd_json_writer_member (w, "attached_at");
  wd_json_writer_text (w, wd_source_get_attached_at (source));
  wd_json_writer_member (w, "note");
  wd_json_writer_text (w, wd_source_get_note (source));

  wd_json_writer_member (w, "check");
  if (check != NULL)
    write_check (w, check, _wd_source_get_check_extras (source));
  else
    wd_json_writer_null (w);

  wd_json_writer_member (w, "baseline");
  if (wd_source_get_baseline_title (source) != NULL ||
      wd_source_get_baseline_sha256 (source) != NULL)
    {
      wd_json_writer_begin_object (w);
      wd_json_writer_member (w, "title");
      wd_json_writer_nullable (w, wd_source_get_baseline_title (source));
      wd_json_writer_member (w, "content_sha256");
      wd_json_writer_nullable (w, wd_source_get_baseline_sha256 (source));
      wd_json_writer_end_object (w);
    }
  else
    wd_json_writer_null (w);

  wd_json_writer_members_of (w, _wd_source_get_extras (source));
  wd_json_writer_end_object (w);
}

static void
write_publications (WdJsonWriter *w,
                    GListModel   *publications)
{
  guint n = g_list_model_get_n_items (publications);

  wd_json_writer_begin_array (w);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(WdPublication) publication = g_list_model_get_item (publications, i);

      wd_json_writer_begin_object (w);
      wd_json_writer_member (w, "endpoint");
      wd_json_writer_text (w, wd_publication_get_endpoint (publication));
      wd_json_writer_member (w, "remote_id");
      wd_json_writer_text (w, wd_publication_get_remote_id (publication));
      wd_json_writer_member (w, "url");
      wd_json_writer_nullable (w, wd_publication_get_url (publication));
      wd_json_writer_member (w, "at");
      wd_json_writer_nullable (w, wd_publication_get_at (publication));
      wd_json_writer_end_object (w);
    }
  wd_json_writer_end_array (w);
}

static void
write_article (WdJsonWriter *w,
               WdArticle    *article)
{
  const char * const *kw = wd_article_get_keywords (article);
  guint n_sources = wd_article_get_n_sources (article);
  static const struct { const char *member; const char *(*get) (WdArticle *); } head[] = {
    { "id", wd_article_get_id },
    { "headline", wd_article_get_headline },
    { "standfirst", wd_article_get_standfirst },
    { "byline", wd_article_get_byline },
    { "dateline", wd_article_get_dateline },
    { "language", wd_article_get_language },
  };

  wd_json_writer_begin_object (w);

  for (guint i = 0; i < G_N_ELEMENTS (head); i++)
    {
      wd_json_writer_member (w, head[i].member);
      wd_json_writer_text (w, head[i].get (article));
    }

  wd_json_writer_member (w, "status");
  wd_json_writer_string (w, wd_enum_to_nick (WD_TYPE_ARTICLE_STATUS, wd_article_get_status (article)));
  wd_json_writer_member (w, "created");
  wd_json_writer_text (w, wd_article_get_created (article));
  wd_json_writer_member (w, "modified");
  wd_json_writer_text (w, wd_article_get_modified (article));
  wd_json_writer_member (w, "revision");
  wd_json_writer_int (w, wd_article_get_revision (article));

  wd_json_writer_member (w, "keywords");
  wd_json_writer_begin_array (w);
  for (guint i = 0; kw != NULL && kw[i] != NULL; i++)
    wd_json_writer_string (w, kw[i]);
  wd_json_writer_end_array (w);

  wd_json_writer_member (w, "body");
  wd_json_writer_text (w, wd_article_get_body (article));
  wd_json_writer_member (w, "desk_note");
  wd_json_writer_text (w, wd_article_get_desk_note (article));
  wd_json_writer_member (w, "ed_note");
  wd_json_writer_text (w, wd_article_get_ed_note (article));

  wd_json_writer_member (w, "sources");
  wd_json_writer_begin_array (w);
  for (guint i = 0; i < n_sources; i++)
    write_source (w, wd_article_get_source (article, i));
  wd_json_writer_end_array (w);

  /* Written only once there is something: unpublished documents stay as
   * they were before publishing existed. */
  if (g_list_model_get_n_items (wd_article_get_publications (article)) > 0)
    {
      wd_json_writer_member (w, "published");
      write_publications (w, wd_article_get_publications (article));
    }

  wd_json_writer_members_of (w, _wd_article_get_extras (article));
  wd_json_writer_end_object (w);
}

GBytes *
wd_native_format_serialize (WdArticle *article)
{
  WdJsonWriter *w;

  g_return_val_if_fail (WD_IS_ARTICLE (article), NULL);

  w = wd_json_writer_new ();
  wd_json_writer_begin_object (w);
  wd_json_writer_member (w, "format");
  wd_json_writer_string (w, "wiredesk");
  wd_json_writer_member (w, "version");
  wd_json_writer_int (w, WD_NATIVE_FORMAT_VERSION);
  wd_json_writer_member (w, "article");
  write_article (w, article);
  _wd_history_write (wd_article_get_history (article), article, w);
  wd_json_writer_members_of (w, _wd_article_get_root_extras (article));
  wd_json_writer_end_object (w);

  return wd_json_writer_free_to_bytes (w);
}

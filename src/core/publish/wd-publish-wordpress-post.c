#define G_LOG_DOMAIN "wd-publish-wordpress-post"

#include "config.h"

#include <json-glib/json-glib.h>

#include "wd-history.h"
#include "wd-markdown-private.h"
#include "wd-publish-profile-private.h"

/* The post a WordPress publish sends (wd-publish-wordpress.c sends it):
 * the title and the excerpt as HTML text, the status in WordPress's words,
 * the article id as meta field, and the content — the body's HTML with its
 * citations as footnotes, then the desk note and the corrections made since
 * publishing, each in an <aside> so that they stay with the post on any
 * WordPress. The tags and categories are added by the flow once the site
 * has named them. */

static const char *
status_name (WdArticleStatus status)
{
  switch (status)
    {
    case WD_ARTICLE_STATUS_PUBLISHED:
      return "publish";
    case WD_ARTICLE_STATUS_IN_REVIEW:
    case WD_ARTICLE_STATUS_READY:
      return "pending";
    case WD_ARTICLE_STATUS_DRAFT:
    default:
      return "draft";
    }
}

/* Text in HTML: WordPress keeps titles and excerpts as markup. */
static void
append_text (GString    *out,
             const char *text)
{
  for (const char *p = text; *p != '\0'; p++)
    {
      switch (*p)
        {
        case '&':
          g_string_append (out, "&amp;");
          break;
        case '<':
          g_string_append (out, "&lt;");
          break;
        case '>':
          g_string_append (out, "&gt;");
          break;
        default:
          g_string_append_c (out, *p);
        }
    }
}

static char *
escape_text (const char *text)
{
  GString *out = g_string_new (NULL);

  append_text (out, text != NULL ? text : "");
  return g_string_free (out, FALSE);
}

/* The corrections made since publishing, each with its date, after the
 * desk note: public, and kept with the post on any WordPress. */
static void
append_corrections (GString   *out,
                    WdArticle *article)
{
  g_autoptr(GPtrArray) corrections =
    wd_history_list_corrections (wd_article_get_history (article), wd_article_get_modified (article));

  if (corrections->len == 0)
    return;

  g_string_append (out, "<aside class=\"wiredesk-corrections\">\n");
  for (guint i = 0; i < corrections->len; i++)
    {
      WdCorrection *correction = g_ptr_array_index (corrections, i);

      g_string_append (out, "<p class=\"wiredesk-correction\">");
      if (correction->at != NULL && g_utf8_strlen (correction->at, -1) >= 10)
        {
          g_autofree char *day = g_strndup (correction->at, 10);

          g_string_append (out, "<time datetime=\"");
          append_text (out, correction->at);
          g_string_append (out, "\">");
          append_text (out, day);
          g_string_append (out, "</time> ");
        }
      append_text (out, correction->note);
      g_string_append (out, "</p>\n");
    }
  g_string_append (out, "</aside>\n");
}

/* The body's HTML, then the desk note, one <p> per paragraph, then the
 * corrections. */
static char *
content_html (WdArticle *article)
{
  g_autoptr(WdRenderedBody) body = _wd_rendered_body_new (article, TRUE);
  const char *note = wd_article_get_desk_note (article);
  g_auto(GStrv) paragraphs = NULL;
  GString *out = g_string_new (body->html);

  if (note == NULL || *note == '\0')
    {
      append_corrections (out, article);
      return g_string_free (out, FALSE);
    }

  paragraphs = g_regex_split_simple ("\\n\\s*\\n", note, 0, 0);
  g_string_append (out, "<aside class=\"wiredesk-desk-note\">\n");
  for (guint i = 0; paragraphs[i] != NULL; i++)
    {
      g_strstrip (paragraphs[i]);
      if (*paragraphs[i] == '\0')
        continue;
      g_string_append (out, "<p>");
      append_text (out, paragraphs[i]);
      g_string_append (out, "</p>\n");
    }
  g_string_append (out, "</aside>\n");
  append_corrections (out, article);

  return g_string_free (out, FALSE);
}

JsonObject *
_wd_wordpress_post_object (WdArticle *article)
{
  JsonObject *post = json_object_new ();
  JsonObject *meta = json_object_new ();
  g_autofree char *title = escape_text (wd_article_get_headline (article));
  g_autofree char *content = content_html (article);
  g_autofree char *excerpt = escape_text (wd_article_get_standfirst (article));

  json_object_set_string_member (post, "title", title);
  json_object_set_string_member (post, "content", content);
  json_object_set_string_member (post, "excerpt", excerpt);
  json_object_set_string_member (post, "status", status_name (wd_article_get_status (article)));
  json_object_set_string_member (meta, WD_WORDPRESS_META_KEY, wd_article_get_id (article));
  json_object_set_object_member (post, "meta", meta);

  return post;
}

/* wd-revision-text.c: the text of one revision (WdRevisionText, its
 * sources), taken from an article, and the check that notices a document
 * edited without its history. */
#define G_LOG_DOMAIN "wd-revision-text"

#include "config.h"

#include <string.h>

#include "wd-history-private.h"

void
_wd_revision_source_free (gpointer data)
{
  WdRevisionSource *source = data;

  g_free (source->id);
  g_free (source->url);
  g_free (source->label);
  g_free (source);
}

WdRevisionSource *
_wd_revision_source_new (const char *id,
                         const char *url,
                         const char *label)
{
  WdRevisionSource *source = g_new0 (WdRevisionSource, 1);

  source->id = g_strdup (id);
  source->url = g_strdup (url);
  source->label = g_strdup (label != NULL ? label : "");
  return source;
}

static void
revision_text_clear (gpointer data)
{
  WdRevisionText *text = data;

  for (guint i = 0; i < WD_REVISION_N_TEXTS; i++)
    g_free (text->texts[i]);
  g_strfreev (text->keywords);
  g_clear_pointer (&text->sources, g_ptr_array_unref);
}

WdRevisionText *
_wd_revision_text_new (void)
{
  WdRevisionText *text = g_atomic_rc_box_new0 (WdRevisionText);

  text->sources = g_ptr_array_new_with_free_func (_wd_revision_source_free);
  return text;
}

WdRevisionText *
wd_revision_text_ref (WdRevisionText *text)
{
  return g_atomic_rc_box_acquire (text);
}

void
wd_revision_text_unref (WdRevisionText *text)
{
  g_atomic_rc_box_release_full (text, revision_text_clear);
}

GPtrArray *
_wd_revision_sources_copy (GPtrArray *sources)
{
  GPtrArray *copy = g_ptr_array_new_full (sources->len, _wd_revision_source_free);

  for (guint i = 0; i < sources->len; i++)
    {
      WdRevisionSource *s = g_ptr_array_index (sources, i);
      g_ptr_array_add (copy, _wd_revision_source_new (s->id, s->url, s->label));
    }
  return copy;
}

static const char *
article_text (WdArticle       *article,
              WdRevisionField  field)
{
  const char *text = NULL;

  switch (field)
    {
    case WD_REVISION_HEADLINE:
      text = wd_article_get_headline (article);
      break;
    case WD_REVISION_STANDFIRST:
      text = wd_article_get_standfirst (article);
      break;
    case WD_REVISION_BYLINE:
      text = wd_article_get_byline (article);
      break;
    case WD_REVISION_BODY:
      text = wd_article_get_body (article);
      break;
    case WD_REVISION_DESK_NOTE:
    case WD_REVISION_N_TEXTS:
    default:
      text = wd_article_get_desk_note (article);
      break;
    }
  return text != NULL ? text : "";
}

void
_wd_revision_text_view_article (WdRevisionText *view,
                                WdArticle      *article)
{
  static char *no_keywords[] = { NULL };
  const char * const *keywords = wd_article_get_keywords (article);
  guint n = wd_article_get_n_sources (article);

  for (guint i = 0; i < WD_REVISION_N_TEXTS; i++)
    view->texts[i] = (char *) article_text (article, i);
  view->keywords = keywords != NULL ? (char **) keywords : no_keywords;
  view->sources = g_ptr_array_new_full (n, g_free);
  for (guint i = 0; i < n; i++)
    {
      WdSource *source = wd_article_get_source (article, i);
      WdRevisionSource *s = g_new0 (WdRevisionSource, 1);
      const char *label = wd_source_get_label (source);

      s->id = (char *) wd_source_get_id (source);
      s->url = (char *) wd_source_get_url (source);
      s->label = (char *) (label != NULL ? label : "");
      g_ptr_array_add (view->sources, s);
    }
}

void
_wd_revision_text_clear_view (WdRevisionText *view)
{
  g_clear_pointer (&view->sources, g_ptr_array_unref);
}

WdRevisionText *
_wd_revision_text_from_article (WdArticle *article)
{
  WdRevisionText view = { { NULL } };
  WdRevisionText *text = _wd_revision_text_new ();

  _wd_revision_text_view_article (&view, article);
  for (guint i = 0; i < WD_REVISION_N_TEXTS; i++)
    text->texts[i] = g_strdup (view.texts[i]);
  text->keywords = g_strdupv (view.keywords);
  g_ptr_array_unref (text->sources);
  text->sources = _wd_revision_sources_copy (view.sources);
  _wd_revision_text_clear_view (&view);

  return text;
}

static guint64
check_mix (guint64     h,
           const char *data,
           gsize       len)
{
  const guint64 prime = G_GUINT64_CONSTANT (0x9E3779B97F4A7C15);
  guint64 v = 0;
  gsize i = 0;

  for (; i + 8 <= len; i += 8)
    {
      memcpy (&v, data + i, 8);
      h = (h ^ GUINT64_FROM_LE (v)) * prime;
      h ^= h >> 32;
    }
  v = 0;
  memcpy (&v, data + i, len - i);
  h = (h ^ GUINT64_FROM_LE (v) ^ (guint64) len) * prime;
  h ^= h >> 29;
  return h;
}

char *
_wd_revision_text_check (WdRevisionText *text)
{
  guint64 h = G_GUINT64_CONSTANT (0xCBF29CE484222325);

  for (guint i = 0; i < WD_REVISION_N_TEXTS; i++)
    h = check_mix (h, text->texts[i], strlen (text->texts[i]));
  for (guint i = 0; text->keywords[i] != NULL; i++)
    h = check_mix (h, text->keywords[i], strlen (text->keywords[i]) + 1);
  for (guint i = 0; i < text->sources->len; i++)
    {
      WdRevisionSource *s = g_ptr_array_index (text->sources, i);

      h = check_mix (h, s->id, strlen (s->id) + 1);
      h = check_mix (h, s->url, strlen (s->url) + 1);
      h = check_mix (h, s->label, strlen (s->label) + 1);
    }

  return g_strdup_printf ("%016" G_GINT64_MODIFIER "x", h);
}

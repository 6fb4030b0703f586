#define G_LOG_DOMAIN "wd-import"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "wd-citations.h"
#include "wd-error.h"
#include "wd-import.h"
#include "wd-source-private.h"
#include "wd-url.h"

/* A heading is a short line; longer ones are paragraphs however they end. */
#define HEADING_MAX_CHARS 100
#define HEADING_MAX_WORDS 14

typedef struct
{
  char  *text;   /* trimmed; "" for a blank line */
  guint  number; /* 1-based line number in the input */
} Line;

typedef struct
{
  const char *name;
  WdArticle  *article;
  GPtrArray  *warnings; /* nullable */
  GString    *body;
  gboolean    in_provenance;
} Importer;

static void
line_clear (Line *line)
{
  g_free (line->text);
}

/* Splits into trimmed lines on LF, CRLF or CR. */
static GArray *
split_lines (const char *text)
{
  GArray *lines = g_array_new (FALSE, FALSE, sizeof (Line));
  const char *p = text;
  guint number = 1;

  g_array_set_clear_func (lines, (GDestroyNotify) line_clear);

  while (*p != '\0')
    {
      const char *end = p + strcspn (p, "\r\n");
      Line line = { g_strstrip (g_strndup (p, end - p)), number++ };

      g_array_append_val (lines, line);

      if (end[0] == '\r' && end[1] == '\n')
        p = end + 2;
      else if (*end != '\0')
        p = end + 1;
      else
        p = end;
    }

  return lines;
}

static void
warn (Importer   *imp,
      guint       line,
      const char *message)
{
  if (imp->warnings != NULL)
    g_ptr_array_add (imp->warnings, g_strdup_printf ("%s:%u: %s", imp->name, line, message));
}

static gboolean
is_blank (const char *s)
{
  return *s == '\0';
}

static gboolean
is_list_item (const char *s)
{
  static const char * const markers[] = { "- ", "* ", "+ ", "• ", "-\t", "*\t", NULL };

  for (guint i = 0; markers[i] != NULL; i++)
    if (g_str_has_prefix (s, markers[i]))
      return TRUE;

  return FALSE;
}

static const char *
desk_note_text (const char *s)
{
  static const char * const labels[] = { "desk note:", "**desk note:**", "*desk note:*", NULL };

  for (guint i = 0; labels[i] != NULL; i++)
    if (g_ascii_strncasecmp (s, labels[i], strlen (labels[i])) == 0)
      return s + strlen (labels[i]);

  return NULL;
}

static gboolean
is_provenance_title (const char *s)
{
  static const char * const titles[] = {
    "wire provenance", "provenance", "sources", "wire sources", "references",
    "sources and provenance", NULL
  };
  g_autofree char *lower = g_utf8_strdown (s, -1);
  gsize len = strlen (lower);

  /* "Sources:" as a heading */
  if (len > 0 && lower[len - 1] == ':')
    lower[len - 1] = '\0';

  return g_strv_contains (titles, g_strstrip (lower));
}

/* Short, no final punctuation (a question mark is fine), starts like a
 * title. Whether it introduces a paragraph is decided by the caller. */
static gboolean
looks_like_heading (const char *s)
{
  static const char *final_punctuation = ".,;:!\"')]…”’»";
  glong chars = g_utf8_strlen (s, -1);
  g_auto(GStrv) words = NULL;
  gunichar first, last;
  const char *last_char;

  if (chars == 0 || chars > HEADING_MAX_CHARS || is_list_item (s) || desk_note_text (s))
    return FALSE;

  if (g_str_has_prefix (s, "http://") || g_str_has_prefix (s, "https://"))
    return FALSE;

  words = g_strsplit_set (s, " \t", -1);
  if (g_strv_length (words) > HEADING_MAX_WORDS)
    return FALSE;

  first = g_utf8_get_char (s);
  if (!g_unichar_isupper (first) && !g_unichar_isdigit (first) && !g_unichar_istitle (first))
    return FALSE;

  last_char = g_utf8_find_prev_char (s, s + strlen (s));
  last = g_utf8_get_char (last_char);
  if (last < 0x80 ? strchr (final_punctuation, (int) last) != NULL
                  : g_utf8_strchr (final_punctuation, -1, last) != NULL)
    return FALSE;

  return TRUE;
}

/* The first http(s) URL in a line of the source list, and what else the
 * line says (a label), in Markdown link, <autolink> or bare form. */
static char *
extract_url (const char  *s,
             char       **label)
{
  const char *start = strstr (s, "https://");
  const char *http = strstr (s, "http://");
  const char *end;
  g_autofree char *url = NULL;
  g_autoptr(GString) rest = NULL;

  *label = NULL;

  if (start == NULL || (http != NULL && http < start))
    start = http;
  if (start == NULL)
    return NULL;

  end = start;
  /* An IPv6 literal's "]" is part of the URL, not markdown. */
  {
    const char *host = strstr (start, "://") + 3;
    const char *close = host[0] == '[' ? strchr (host, ']') : NULL;

    if (close != NULL && strcspn (host, " \t") > (gsize) (close - host))
      end = close + 1;
  }
  while (*end != '\0' && !g_ascii_isspace (*end) && *end != '>' && *end != ')' &&
         *end != ']' && *end != '"')
    end++;
  /* A URL does not end in sentence punctuation. */
  while (end > start && strchr (".,;:", end[-1]) != NULL)
    end--;

  url = g_strndup (start, end - start);

  rest = g_string_new (NULL);
  g_string_append_len (rest, s, start - s);
  g_string_append (rest, end);
  /* Drop list markers, link syntax and separators around the label. */
  {
    char *r = g_strstrip (rest->str);
    static const char *junk = "-*+•[]()<>:—–|\"";
    gsize len;

    while (*r != '\0' && (strchr (junk, *r) != NULL || g_ascii_isspace (*r) ||
                          g_str_has_prefix (r, "•") || g_str_has_prefix (r, "—") ||
                          g_str_has_prefix (r, "–")))
      r = g_utf8_next_char (r);
    len = strlen (r);
    while (len > 0 && (strchr (junk, r[len - 1]) != NULL || g_ascii_isspace (r[len - 1]) ||
                       (guchar) r[len - 1] >= 0x80))
      {
        /* trim a trailing multi-byte dash as a whole character */
        const char *prev = g_utf8_find_prev_char (r, r + len);
        if (prev == NULL)
          break;
        if ((guchar) r[len - 1] >= 0x80)
          {
            gunichar c = g_utf8_get_char (prev);
            if (c != 0x2014 && c != 0x2013 && c != 0x2022)
              break;
          }
        len = prev - r;
      }
    if (len > 0)
      *label = g_strndup (r, len);
  }

  return g_steal_pointer (&url);
}

static void
warn_credentials (Importer   *imp,
                  const Line *line,
                  const char *url)
{
  if (wd_url_has_credentials (url))
    warn (imp, line->number, _("the user name and password in this address were removed; "
                               "Wiredesk never stores or sends them"));
}

static void
add_source_line (Importer   *imp,
                 const Line *line)
{
  g_autofree char *label = NULL;
  g_autofree char *url = extract_url (line->text, &label);
  g_autoptr(GError) error = NULL;
  WdSource *source;

  if (url == NULL)
    {
      /* The intro sentence of the list is not a source; a list item is. */
      if (is_list_item (line->text))
        warn (imp, line->number, _("no http(s) URL in this item of the source list"));
      return;
    }

  source = wd_article_add_source_url (imp->article, url, &error);
  if (source == NULL)
    {
      warn (imp, line->number, error->message);
      return;
    }
  warn_credentials (imp, line, url);

  if (label != NULL)
    wd_source_set_label (source, label);
}

/* "[^id]: Label, <https://…>": a footnote that defines a cited source,
 * as wd_citations_to_footnotes() writes them. The source takes the
 * footnote's id, so that the body's [^id] citations point at it. A
 * footnote without a URL is not a source and stays in the text. */
static gboolean
add_footnote_source (Importer   *imp,
                     const Line *line)
{
  const char *s = line->text;
  const char *close = strstr (s, "]:");
  g_autofree char *id = NULL;
  g_autofree char *label = NULL;
  g_autofree char *url = NULL;
  g_autofree char *normalized = NULL;
  g_autoptr(WdSource) source = NULL;
  g_autoptr(GError) error = NULL;

  if (!g_str_has_prefix (s, "[^") || close == NULL)
    return FALSE;

  id = g_strndup (s + 2, close - (s + 2));
  if (!wd_citations_id_is_valid (id))
    return FALSE;

  url = extract_url (close + 2, &label);
  if (url == NULL)
    return FALSE;

  normalized = wd_url_normalize (url, &error);
  if (normalized == NULL)
    {
      warn (imp, line->number, error->message);
      return TRUE;
    }

  warn_credentials (imp, line, url);
  source = wd_source_new (normalized);
  _wd_source_set_id (source, id);
  if (label != NULL)
    {
      /* "Label, <url>" leaves "Label," */
      gsize len = strlen (label);

      while (len > 0 && (label[len - 1] == ',' || label[len - 1] == ' '))
        label[--len] = '\0';
      wd_source_set_label (source, len > 0 ? label : NULL);
    }

  if (!wd_article_insert_source (imp->article, G_MAXUINT, source, &error))
    warn (imp, line->number, error->message);

  return TRUE;
}

static void
body_append_block (Importer   *imp,
                   const char *block)
{
  if (imp->body->len > 0)
    g_string_append (imp->body, "\n\n");
  g_string_append (imp->body, block);
}

static void
body_append_heading (Importer   *imp,
                     const char *title)
{
  g_autofree char *heading = g_strconcat ("## ", title, NULL);

  body_append_block (imp, heading);
}

static void
set_desk_note (Importer   *imp,
               const char *text)
{
  g_autofree char *note = g_strstrip (g_strdup (text));
  const char *old = wd_article_get_desk_note (imp->article);

  if (old != NULL)
    {
      g_autofree char *both = g_strconcat (old, "\n\n", note, NULL);

      wd_article_set_desk_note (imp->article, both);
    }
  else
    wd_article_set_desk_note (imp->article, note);
}

/* ------------------------------------------------------------ plain text */

/* In a hard-wrapped text, a line directly above another line is a heading
 * only when it is clearly shorter than the wrapped text below it. */
static gboolean
is_short_beside (const char *candidate,
                 const char *following)
{
  glong c = g_utf8_strlen (candidate, -1);
  glong f = g_utf8_strlen (following, -1);

  return f >= 40 && c * 2 <= f;
}

/* In a text with blank lines between paragraphs, lines of one paragraph
 * may be hard-wrapped; without blank lines, every line is a paragraph. */
static gboolean
uses_blank_lines (GArray *lines,
                  guint   from)
{
  gboolean seen_text = FALSE;

  for (guint i = from; i < lines->len; i++)
    {
      const char *s = g_array_index (lines, Line, i).text;

      if (is_blank (s) && seen_text)
        {
          for (guint j = i + 1; j < lines->len; j++)
            if (!is_blank (g_array_index (lines, Line, j).text))
              return TRUE;
          return FALSE;
        }
      if (!is_blank (s))
        seen_text = TRUE;
    }

  return FALSE;
}

static guint
next_text_line (GArray *lines,
                guint   from)
{
  while (from < lines->len && is_blank (g_array_index (lines, Line, from).text))
    from++;
  return from;
}

static void
import_plain (Importer *imp,
              GArray   *lines,
              guint     first)
{
  gboolean blank_mode = uses_blank_lines (lines, first);
  guint i = first;

  while ((i = next_text_line (lines, i)) < lines->len)
    {
      const Line *line = &g_array_index (lines, Line, i);
      const char *note = desk_note_text (line->text);
      g_autoptr(GString) para = NULL;
      guint next;

      if (note != NULL)
        {
          para = g_string_new (note);
          for (i++; blank_mode && i < lines->len && !is_blank (g_array_index (lines, Line, i).text); i++)
            g_string_append_printf (para, " %s", g_array_index (lines, Line, i).text);
          set_desk_note (imp, para->str);
          continue;
        }

      if (is_provenance_title (line->text))
        {
          imp->in_provenance = TRUE;
          i++;
          continue;
        }

      if (imp->in_provenance)
        {
          add_source_line (imp, line);
          i++;
          continue;
        }

      next = next_text_line (lines, i + 1);
      if (looks_like_heading (line->text) && next < lines->len &&
          (!blank_mode || next > i + 1 ||
           is_short_beside (line->text, g_array_index (lines, Line, next).text)))
        {
          const char *following = g_array_index (lines, Line, next).text;

          /* A heading introduces a paragraph (or the source list). */
          if (is_provenance_title (following) || !looks_like_heading (following))
            {
              body_append_heading (imp, line->text);
              i++;
              continue;
            }
        }

      para = g_string_new (line->text);
      if (is_list_item (line->text))
        {
          for (i++; i < lines->len && is_list_item (g_array_index (lines, Line, i).text); i++)
            g_string_append_printf (para, "\n%s", g_array_index (lines, Line, i).text);
        }
      else
        {
          for (i++; blank_mode && i < lines->len; i++)
            {
              const char *s = g_array_index (lines, Line, i).text;

              if (is_blank (s) || desk_note_text (s) || is_list_item (s))
                break;
              g_string_append_printf (para, " %s", s);
            }
        }
      body_append_block (imp, para->str);
    }
}

/* -------------------------------------------------------------- Markdown */

static int
atx_level (const char  *s,
           const char **title)
{
  int level = 0;

  while (s[level] == '#')
    level++;

  if (level == 0 || level > 6 || (s[level] != ' ' && s[level] != '\0'))
    return 0;

  *title = s + level;
  while (**title == ' ')
    (*title)++;

  return level;
}

static void
import_markdown (Importer *imp,
                 GArray   *lines,
                 guint     first)
{
  g_autoptr(GString) block = g_string_new (NULL);
  gboolean in_fence = FALSE;

#define FLUSH_BLOCK()                                    \
  G_STMT_START {                                         \
    if (block->len > 0)                                  \
      {                                                  \
        const char *n = desk_note_text (block->str);     \
        if (n != NULL)                                   \
          set_desk_note (imp, n);                        \
        else                                             \
          body_append_block (imp, block->str);           \
        g_string_truncate (block, 0);                    \
      }                                                  \
  } G_STMT_END

  for (guint i = first; i < lines->len; i++)
    {
      const Line *line = &g_array_index (lines, Line, i);
      const char *title = NULL;
      int level;

      if (g_str_has_prefix (line->text, "```") || g_str_has_prefix (line->text, "~~~"))
        in_fence = !in_fence;

      level = in_fence ? 0 : atx_level (line->text, &title);

      if (!in_fence && add_footnote_source (imp, line))
        continue;

      if (level > 0 && level <= 2)
        {
          FLUSH_BLOCK ();
          imp->in_provenance = is_provenance_title (title);
          if (!imp->in_provenance)
            body_append_heading (imp, title);
          continue;
        }

      if (imp->in_provenance)
        {
          if (desk_note_text (line->text))
            set_desk_note (imp, desk_note_text (line->text));
          else if (!is_blank (line->text))
            add_source_line (imp, line);
          continue;
        }

      if (is_blank (line->text) && !in_fence)
        {
          FLUSH_BLOCK ();
          continue;
        }

      if (block->len > 0)
        g_string_append_c (block, '\n');
      g_string_append (block, line->text);
    }

  FLUSH_BLOCK ();
#undef FLUSH_BLOCK
}

/* ---------------------------------------------------------------- entry */

static gboolean
sniff_markdown (GArray *lines)
{
  guint first = next_text_line (lines, 0);
  const char *title;

  if (first < lines->len && atx_level (g_array_index (lines, Line, first).text, &title) == 1)
    return TRUE;

  for (guint i = 0; i < lines->len; i++)
    if (atx_level (g_array_index (lines, Line, i).text, &title) == 2)
      return TRUE;

  return FALSE;
}

WdArticle *
wd_import_text (const char      *text,
                gssize           length,
                WdImportFormat   format,
                const char      *display_name,
                GPtrArray      **warnings,
                GError         **error)
{
  g_autoptr(GArray) lines = NULL;
  g_autoptr(WdArticle) article = NULL;
  g_autofree char *copy = NULL;
  g_autoptr(GString) body = NULL;
  Importer imp = { display_name ? display_name : "<text>", NULL, NULL, NULL, FALSE };
  const char *invalid = NULL;
  const char *headline;
  const char *title;
  guint first;

  g_return_val_if_fail (text != NULL, NULL);

  if (length < 0)
    length = strlen (text);

  if (length >= 3 && memcmp (text, "\xEF\xBB\xBF", 3) == 0)
    {
      text += 3;
      length -= 3;
    }

  if (length > WD_IMPORT_MAX_SIZE)
    {
      g_set_error (error, WD_ERROR, WD_ERROR_TOO_LARGE,
                   _("%s: the text is larger than %d MB"), imp.name,
                   WD_IMPORT_MAX_SIZE / (1024 * 1024));
      return NULL;
    }

  if (!g_utf8_validate_len (text, length, &invalid) || memchr (text, '\0', length) != NULL)
    {
      guint line = 1;

      if (invalid == NULL)
        invalid = memchr (text, '\0', length);
      for (const char *p = text; p < invalid; p++)
        line += (*p == '\n');
      g_set_error (error, WD_ERROR, WD_ERROR_IMPORT,
                   _("%s:%u: the text is not valid UTF-8 (save it as UTF-8 and try again)"),
                   imp.name, line);
      return NULL;
    }

  copy = g_strndup (text, length);
  lines = split_lines (copy);

  first = next_text_line (lines, 0);
  if (first >= lines->len)
    {
      g_set_error (error, WD_ERROR, WD_ERROR_IMPORT,
                   _("%s: the text is empty; expected a headline on the first line"), imp.name);
      return NULL;
    }

  if (format == WD_IMPORT_FORMAT_AUTO)
    format = sniff_markdown (lines) ? WD_IMPORT_FORMAT_MARKDOWN : WD_IMPORT_FORMAT_TEXT;

  article = wd_article_new ();
  body = g_string_new (NULL);
  imp.article = article;
  imp.body = body;
  if (warnings != NULL)
    imp.warnings = *warnings = g_ptr_array_new_with_free_func (g_free);

  headline = g_array_index (lines, Line, first).text;
  if (atx_level (headline, &title) == 1)
    headline = title;
  wd_article_set_headline (article, headline);

  if (format == WD_IMPORT_FORMAT_MARKDOWN)
    import_markdown (&imp, lines, first + 1);
  else
    import_plain (&imp, lines, first + 1);

  wd_article_set_body (article, body->len > 0 ? body->str : NULL);

  return g_steal_pointer (&article);
}

WdArticle *
wd_import_file (GFile           *file,
                WdImportFormat   format,
                GPtrArray      **warnings,
                GCancellable    *cancellable,
                GError         **error)
{
  g_autofree char *name = NULL;
  g_autofree char *basename = NULL;
  g_autoptr(GFileInfo) info = NULL;
  g_autoptr(GBytes) bytes = NULL;
  gconstpointer data;
  gsize len;

  g_return_val_if_fail (G_IS_FILE (file), NULL);

  name = g_file_get_path (file);
  if (name == NULL)
    name = g_file_get_uri (file);

  info = g_file_query_info (file, G_FILE_ATTRIBUTE_STANDARD_SIZE "," G_FILE_ATTRIBUTE_STANDARD_TYPE,
                            G_FILE_QUERY_INFO_NONE, cancellable, error);
  if (info == NULL)
    return NULL;

  if (g_file_info_get_file_type (info) == G_FILE_TYPE_DIRECTORY)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_IS_DIRECTORY,
                   _("%s: is a folder, not a text"), name);
      return NULL;
    }

  /* /dev/zero (or a link to it), a pipe: no size to check, no end. */
  if (g_file_info_get_file_type (info) != G_FILE_TYPE_REGULAR)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_REGULAR_FILE,
                   _("%s: not a regular file, not a text"), name);
      return NULL;
    }

  if (g_file_info_get_size (info) > WD_IMPORT_MAX_SIZE)
    {
      g_set_error (error, WD_ERROR, WD_ERROR_TOO_LARGE,
                   _("%s: the text is larger than %d MB"), name,
                   WD_IMPORT_MAX_SIZE / (1024 * 1024));
      return NULL;
    }

  bytes = g_file_load_bytes (file, cancellable, NULL, error);
  if (bytes == NULL)
    return NULL;

  if (format == WD_IMPORT_FORMAT_AUTO)
    {
      basename = g_file_get_basename (file);
      if (g_str_has_suffix (basename, ".md") || g_str_has_suffix (basename, ".markdown"))
        format = WD_IMPORT_FORMAT_MARKDOWN;
      else if (g_str_has_suffix (basename, ".txt"))
        format = WD_IMPORT_FORMAT_TEXT;
    }

  data = g_bytes_get_data (bytes, &len);
  return wd_import_text (data, len, format, name, warnings, error);
}

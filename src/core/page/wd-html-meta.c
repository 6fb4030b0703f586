#define G_LOG_DOMAIN "wd-html-meta"

#include "config.h"

#include <libsoup/soup.h>
#include <stdlib.h>
#include <string.h>

#include "wd-charset-private.h"
#include "wd-html-meta-private.h"

/* How many word hashes a page's fingerprint keeps. */
#define SKETCH_SIZE 256

void
wd_html_meta_free (WdHtmlMeta *meta)
{
  if (meta == NULL)
    return;

  g_free (meta->title);
  g_free (meta->site_name);
  g_free (meta->author);
  g_strfreev (meta->authors);
  g_free (meta->published);
  g_free (meta->canonical);
  g_free (meta->language);
  g_free (meta->heading);
  g_free (meta->content_sha256);
  g_free (meta->text);
  g_free (meta->refresh);
  g_clear_pointer (&meta->sketch, g_array_unref);
  g_free (meta);
}

/* ------------------------------------------------------------ text forms */

static gboolean
is_blank (gunichar c)
{
  return g_unichar_isspace (c) || c == 0x00A0 || g_unichar_iscntrl (c) ||
         c == 0x200B || c == 0xFEFF;
}

/* Collapses white space into @out (which may already hold text). With
 * @keep_lines, a run of white space with a line break in it is one line
 * break, and one with two or more (a blank line: between blocks) is a
 * paragraph break, "\n\n". */
static void
append_collapsed (GString    *out,
                  const char *text,
                  gssize      len,
                  gboolean    keep_lines)
{
  const char *end = text + (len < 0 ? (gssize) strlen (text) : len);
  gboolean pending_space = FALSE;
  guint pending_lines = 0;
  const char *p = text;

  while (p < end)
    {
      guchar byte = *p;
      gunichar c;

      /* Most text is ASCII: no decoding for it. */
      if (byte < 0x80)
        {
          if (byte == '\n' && keep_lines)
            pending_lines++;
          if (g_ascii_isspace (byte) || g_ascii_iscntrl (byte))
            pending_space = TRUE;
          else
            {
              if (pending_space && out->len > 0)
                g_string_append (out, pending_lines >= 2 ? "\n\n" : pending_lines == 1 ? "\n" : " ");
              pending_space = FALSE;
              pending_lines = 0;
              g_string_append_c (out, byte);
            }
          p++;
          continue;
        }

      c = g_utf8_get_char (p);
      if (is_blank (c))
        pending_space = TRUE;
      else
        {
          if (pending_space && out->len > 0)
            g_string_append (out, pending_lines >= 2 ? "\n\n" : pending_lines == 1 ? "\n" : " ");
          pending_space = FALSE;
          pending_lines = 0;
          g_string_append_len (out, p, g_utf8_next_char (p) - p);
        }
      p = g_utf8_next_char (p);
    }
}

static gboolean
is_ascii (const char *text,
          gsize       len)
{
  for (gsize i = 0; i < len; i++)
    if ((guchar) text[i] >= 0x80)
      return FALSE;
  return TRUE;
}

/* Whether @text (valid UTF-8) is NFC as it is, for certain: every
 * character is below U+0300 (no combining marks there, none that
 * composes) or in U+2002…U+20CF (punctuation, currency signs), as text in
 * Latin scripts mostly is. Checked against Unicode's data for every pair
 * of them; g_utf8_normalize() costs many times this scan. */
static gboolean
is_nfc_already (const char *text,
                gsize       len)
{
  const char *end = text + len;

  for (const char *p = text; p < end;)
    {
      gunichar c;

      if ((guchar) *p < 0x80)
        {
          p++;
          continue;
        }
      c = g_utf8_get_char (p);
      if (c >= 0x300 && (c < 0x2002 || c > 0x20CF))
        return FALSE;
      p = g_utf8_next_char (p);
    }
  return TRUE;
}

/* NFC, which most text already is. */
static char *
normalize_nfc (const char *text,
               gsize       len)
{
  if (is_nfc_already (text, len))
    return g_strndup (text, len);
  return g_utf8_normalize (text, len, G_NORMALIZE_NFC);
}

char *
wd_html_meta_clean_text (const char *text,
                         gsize       max_chars)
{
  g_autoptr(GString) collapsed = NULL;
  g_autofree char *nfc = NULL;

  if (text == NULL)
    return NULL;

  collapsed = g_string_new (NULL);
  if (g_utf8_validate (text, -1, NULL))
    append_collapsed (collapsed, text, -1, FALSE);
  else
    {
      g_autofree char *valid = g_utf8_make_valid (text, -1);
      append_collapsed (collapsed, valid, -1, FALSE);
    }

  if (collapsed->len == 0)
    return NULL;

  nfc = normalize_nfc (collapsed->str, collapsed->len);
  if (nfc == NULL)
    return NULL;

  if (max_chars > 1 && g_utf8_strlen (nfc, -1) > (glong) max_chars)
    {
      g_autofree char *cut = g_utf8_substring (nfc, 0, max_chars - 1);
      return g_strconcat (g_strchomp (cut), "…", NULL);
    }

  return g_steal_pointer (&nfc);
}

static guint32
hash_word (const char *word,
           gsize       len)
{
  guint32 h = 2166136261u;

  for (gsize i = 0; i < len; i++)
    {
      h ^= (guchar) word[i];
      h *= 16777619u;
    }

  /* FNV's low bits mix poorly; finish like MurmurHash3. */
  h ^= h >> 16;
  h *= 0x85ebca6bu;
  h ^= h >> 13;
  h *= 0xc2b2ae35u;
  h ^= h >> 16;

  return h;
}

/* Keeps the @sketch (sorted, distinct) to the SKETCH_SIZE smallest. */
static void
sketch_add (GArray  *sketch,
            guint32  h)
{
  guint lo = 0, hi = sketch->len;

  if (sketch->len == SKETCH_SIZE && h >= g_array_index (sketch, guint32, SKETCH_SIZE - 1))
    return;

  while (lo < hi)
    {
      guint mid = (lo + hi) / 2;

      if (g_array_index (sketch, guint32, mid) < h)
        lo = mid + 1;
      else
        hi = mid;
    }

  if (lo < sketch->len && g_array_index (sketch, guint32, lo) == h)
    return;

  g_array_insert_val (sketch, lo, h);
  if (sketch->len > SKETCH_SIZE)
    g_array_set_size (sketch, SKETCH_SIZE);
}

/* A bottom-k sketch of the set of words: enough to estimate how much two
 * texts share without keeping either. */
static GArray *
make_sketch (const char *normalized,
             gsize       len)
{
  g_autofree char *folded = is_ascii (normalized, len) ? g_ascii_strdown (normalized, len)
                                                       : g_utf8_casefold (normalized, len);
  GArray *sketch = g_array_sized_new (FALSE, FALSE, sizeof (guint32), SKETCH_SIZE + 1);
  const char *p = folded;

  while (*p != '\0')
    {
      const char *space = strchr (p, ' ');
      gsize word_len = space != NULL ? (gsize) (space - p) : strlen (p);

      sketch_add (sketch, hash_word (p, word_len));
      p += word_len;
      if (*p == ' ')
        p++;
    }

  return sketch;
}

double
wd_html_meta_similarity (const WdHtmlMeta *a,
                         const WdHtmlMeta *b)
{
  guint i = 0, j = 0, taken = 0, shared = 0;
  guint na, nb;

  g_return_val_if_fail (a != NULL && b != NULL, 0.0);

  na = a->sketch != NULL ? a->sketch->len : 0;
  nb = b->sketch != NULL ? b->sketch->len : 0;

  if (na == 0 || nb == 0)
    return na == nb ? 1.0 : 0.0;

  /* The smallest SKETCH_SIZE hashes of the union, and how many of them
   * both texts have. */
  while (taken < SKETCH_SIZE && (i < na || j < nb))
    {
      guint32 x = i < na ? g_array_index (a->sketch, guint32, i) : G_MAXUINT32;
      guint32 y = j < nb ? g_array_index (b->sketch, guint32, j) : G_MAXUINT32;

      if (i < na && (j >= nb || x < y))
        i++;
      else if (j < nb && (i >= na || y < x))
        j++;
      else
        {
          shared++;
          i++;
          j++;
        }
      taken++;
    }

  return (double) shared / taken;
}

/* The fingerprint (content-sha256, the length and the word sketch) of
 * @all_text, and the text a reader sees, @shown. The fingerprint's input
 * is what it has always been — the page's text with hidden elements,
 * white space and line breaks collapsed — so that no capture makes a
 * known page look changed. The text a reader sees keeps its lines and
 * paragraphs: a plain-text page's as written, an HTML page's from its
 * elements (wd-html-visible.c). */
static void
set_text (WdHtmlMeta *meta,
          const char *all_text,
          gsize       all_len,
          const char *shown,
          gsize       shown_len)
{
  g_autoptr(GString) collapsed = g_string_new (NULL);
  g_autofree char *nfc = NULL;
  gsize nfc_len;

  append_collapsed (collapsed, all_text, all_len, FALSE);
  nfc = normalize_nfc (collapsed->str, collapsed->len);
  if (nfc == NULL)
    nfc = g_strdup ("");

  nfc_len = strlen (nfc);
  meta->content_sha256 = g_compute_checksum_for_string (G_CHECKSUM_SHA256, nfc, nfc_len);
  meta->text_length = is_ascii (nfc, nfc_len) ? nfc_len : (gsize) g_utf8_strlen (nfc, nfc_len);
  meta->sketch = make_sketch (nfc, nfc_len);

  g_string_truncate (collapsed, 0);
  append_collapsed (collapsed, shown, shown_len, TRUE);
  meta->text = normalize_nfc (collapsed->str, collapsed->len);
  if (meta->text == NULL)
    meta->text = g_strdup ("");
}

/* ----------------------------------------------------------------- dates */

static gboolean
all_digits (const char *s,
            gsize       n)
{
  for (gsize i = 0; i < n; i++)
    if (!g_ascii_isdigit (s[i]))
      return FALSE;
  return TRUE;
}

/* "2024", "2024-05", "2024-05-01" (or with slashes): a valid calendar date. */
static char *
normalize_plain_date (const char *s)
{
  gsize len = strlen (s);
  int year, month = 1, day = 1;

  if (len != 4 && len != 7 && len != 10)
    return NULL;
  if (!all_digits (s, 4))
    return NULL;
  if (len >= 7 && ((s[4] != '-' && s[4] != '/') || !all_digits (s + 5, 2)))
    return NULL;
  if (len == 10 && (s[7] != s[4] || !all_digits (s + 8, 2)))
    return NULL;

  year = atoi (s);
  if (len >= 7)
    month = atoi (s + 5);
  if (len == 10)
    day = atoi (s + 8);

  if (year < 1 || month < 1 || month > 12 ||
      !g_date_valid_dmy (day, month, year))
    return NULL;

  if (len == 4)
    return g_strdup_printf ("%04d", year);
  if (len == 7)
    return g_strdup_printf ("%04d-%02d", year, month);
  return g_strdup_printf ("%04d-%02d-%02d", year, month, day);
}

static gboolean
has_zone (const char *s)
{
  const char *t = strchr (s, 'T');

  if (t == NULL)
    return FALSE;

  return strchr (t, 'Z') != NULL || strchr (t, 'z') != NULL ||
         strchr (t, '+') != NULL || strchr (t, '-') != NULL;
}

/* ISO 8601 with a four-digit year: g_date_time_format()'s %Y gives "997"
 * for the year 997. With @offset, "Z" for UTC, else "+02:00". */
static char *
format_iso8601 (GDateTime *dt,
                gboolean   offset)
{
  GString *out = g_string_new (NULL);
  GTimeSpan utc_offset = g_date_time_get_utc_offset (dt);

  g_string_printf (out, "%04d-%02d-%02dT%02d:%02d:%02d",
                   g_date_time_get_year (dt), g_date_time_get_month (dt),
                   g_date_time_get_day_of_month (dt), g_date_time_get_hour (dt),
                   g_date_time_get_minute (dt), g_date_time_get_second (dt));

  if (offset && utc_offset == 0)
    g_string_append_c (out, 'Z');
  else if (offset)
    {
      gint64 minutes = ABS (utc_offset) / G_TIME_SPAN_MINUTE;

      g_string_append_printf (out, "%c%02d:%02d", utc_offset < 0 ? '-' : '+',
                              (int) (minutes / 60), (int) (minutes % 60));
    }

  return g_string_free (out, FALSE);
}

char *
wd_html_meta_normalize_date (const char *text)
{
  g_autofree char *s = NULL;
  g_autoptr(GDateTime) dt = NULL;
  char *plain;

  if (text == NULL)
    return NULL;

  s = g_strstrip (g_strdup (text));
  if (*s == '\0' || strlen (s) > 64)
    return NULL;

  if ((plain = normalize_plain_date (s)) != NULL)
    return plain;

  /* "2024-05-01 10:00:00" and "2024/05/01T…" */
  if (strlen (s) > 10 && all_digits (s, 4) && (s[4] == '-' || s[4] == '/'))
    {
      if (s[4] == '/' && s[7] == '/')
        s[4] = s[7] = '-';
      if (s[10] == ' ')
        s[10] = 'T';
    }

  if (has_zone (s))
    {
      dt = g_date_time_new_from_iso8601 (s, NULL);
      if (dt != NULL)
        return format_iso8601 (dt, TRUE);
    }
  else if (strchr (s, 'T') != NULL)
    {
      g_autoptr(GTimeZone) utc = g_time_zone_new_utc ();

      /* A local time of unknown zone: keep it without an offset. */
      dt = g_date_time_new_from_iso8601 (s, utc);
      if (dt != NULL)
        return format_iso8601 (dt, FALSE);
    }

  dt = soup_date_time_new_from_http_string (s);
  if (dt != NULL)
    return format_iso8601 (dt, TRUE);

  return NULL;
}

static gboolean
is_html (const char *media_type,
         const char *text)
{
  if (media_type != NULL && *media_type != '\0')
    return strstr (media_type, "html") != NULL;

  /* No Content-Type: sniff like a browser would, roughly. */
  while (g_ascii_isspace (*text))
    text++;
  return *text == '<';
}

static gboolean
is_text (const char *media_type)
{
  return media_type == NULL || *media_type == '\0' ||
         g_str_has_prefix (media_type, "text/") || strstr (media_type, "html") != NULL;
}

WdHtmlMeta *
wd_html_meta_parse (const guint8 *data,
                    gsize         len,
                    const char   *media_type,
                    const char   *header_charset,
                    const char   *base_url)
{
  g_autoptr(WdHtmlMeta) meta = g_new0 (WdHtmlMeta, 1);
  g_autofree char *charset = NULL;
  g_autofree char *text = NULL;
  gsize bom_len = 0;
  gsize text_len = 0;
  WdHtmlFacts facts = { 0, };

  g_return_val_if_fail (data != NULL || len == 0, NULL);

  if (!is_text (media_type))
    return g_steal_pointer (&meta);

  charset = _wd_charset_detect (data, len, header_charset, &bom_len);
  text = _wd_charset_to_utf8 (data + bom_len, len - bom_len, charset, &text_len);

  if (!is_html (media_type, text))
    {
      set_text (meta, text, text_len, text, text_len);
      return g_steal_pointer (&meta);
    }

  meta->is_html = TRUE;
  _wd_html_facts_read (&facts, text, text_len);
  _wd_page_rules_apply (meta, &facts, base_url);
  set_text (meta, facts.text->str, facts.text->len, facts.visible->str, facts.visible->len);
  _wd_html_facts_clear (&facts);

  return g_steal_pointer (&meta);
}

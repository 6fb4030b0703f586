#define G_LOG_DOMAIN "wd-page-names"

#include "config.h"

#include <string.h>

#include "wd-html-meta-private.h"

/* Bylines into names: "By Ann Lee and Bob Ray, Staff Writers" → Ann Lee, Bob Ray. */

/* A byline longer than this is running text, not a byline. */
#define MAX_BYLINE_CHARS 200
#define MAX_AUTHORS 10

/* Words that make a part of a byline a job, not a name. */
static const char * const job_words[] = {
  "reporter", "reporters", "correspondent", "correspondents", "editor", "editors",
  "writer", "writers", "staff", "contributor", "contributors", "contributing",
  "columnist", "journalist", "journalists", "producer", "manager", "director",
  "analyst", "chief", "senior", "associate", "freelance", "photographer", "photos",
  "photo", "bureau", "updated", "published", "posted", "redakteur",
  "redakteurin", "korrespondent", "korrespondentin", "rédacteur", "rédactrice",
  "journaliste", "envoyé", "spécial", "read", "more", "follow", "comments", "share",
  "reporting", "additional", "material", "agency", "agencies", "agenturen", "agences",
  "wires", "artikel", "articles", "beiträge", "stories", "posts", "profile", "profil",
  "email", "e-mail", "twitter", "contact", "kontakt", NULL
};

/* What a byline starts with before the names. */
static const char * const lead_words[] = {
  "written by", "posted by", "reported by", "reporting by", "story by", "text by",
  "words by", "by", "autor", "autorin", "autoren", "author", "authors", "auteur", "auteurs",
  "autore", "autori", "autores", "text", "texte", "eingestellt von", "geschrieben von",
  "verfasst von", "erstellt von", "écrit par", "publié par", "rédigé par", "scritto da",
  "escrito por", "geschreven door", NULL
};

/* "By" in other languages, which is also how names begin ("Von Miller",
 * "De Luca", "Di Maio"): a lead only before a name of two words or more. */
static const char * const particle_leads[] = {
  "von", "par", "por", "door", "di", "av", "de", "da", NULL
};

/* Where a byline's names end. */
static const char * const stop_words[] = {
  " | ", "•", "·", "(", "Updated", "Published", "Posted", "Veröffentlicht",
  "Aktualisiert", "Stand:", "Publié", "Mis à jour", " on ", " am ", " le ", " the ",
  NULL
};

/* Words of @s up to the end of its name (a separator or a stop word). */
static guint
count_name_words (const char *s)
{
  guint n = 0;
  gboolean in_word = FALSE;

  for (; *s != '\0' && strchr (",;|(", *s) == NULL; s++)
    {
      if (*s == ' ')
        in_word = FALSE;
      else if (!in_word)
        {
          in_word = TRUE;
          n++;
        }
    }
  return n;
}

/* Strips lead words (case-insensitive, whole words) and punctuation from
 * the start of @s, repeatedly. */
static char *
skip_lead (char *s)
{
  gboolean again = TRUE;

  while (again)
    {
      again = FALSE;
      while (*s != '\0' && (g_ascii_isspace (*s) || strchr ("-:|,.;/", *s) != NULL))
        s++;
      if (g_str_has_prefix (s, "—") || g_str_has_prefix (s, "–"))
        {
          s += strlen ("—");
          again = TRUE;
          continue;
        }

      for (guint i = 0; lead_words[i] != NULL && !again; i++)
        {
          gsize n = strlen (lead_words[i]);

          if (g_ascii_strncasecmp (s, lead_words[i], n) == 0 &&
              (s[n] == ' ' || s[n] == ':' || s[n] == '\0'))
            {
              s += n;
              again = TRUE;
            }
        }
      for (guint i = 0; particle_leads[i] != NULL && !again; i++)
        {
          gsize n = strlen (particle_leads[i]);

          if (g_ascii_strncasecmp (s, particle_leads[i], n) == 0 &&
              (s[n] == ':' || s[n] == '\0' || (s[n] == ' ' && count_name_words (s + n) >= 2)))
            {
              s += n;
              again = TRUE;
            }
        }
    }

  return s;
}

/* A job, not a name: a part after the first one that names a job
 * ("Ann Lee, Business reporter"), or one that starts with a job word
 * ("Staff Writer"). */
static gboolean
is_job (const char *part,
        gboolean    first_part)
{
  g_auto(GStrv) words = g_strsplit_set (part, " ,.;:", -1);

  for (guint i = 0; words[i] != NULL; i++)
    for (guint j = 0; job_words[j] != NULL; j++)
      if (g_ascii_strcasecmp (words[i], job_words[j]) == 0 ||
          g_utf8_collate (words[i], job_words[j]) == 0)
        {
          if (!first_part || i == 0)
            return TRUE;
        }
  return FALSE;
}

/* What a CMS writes where nobody was named. */
static const char * const placeholders[] = {
  "unknown", "admin", "administrator", "wordpressadmin", "webmaster", "anonymous", "anonym",
  "anonyme", "guest", "user", "root", "null", "undefined", "none", "n/a", NULL
};

/* The part, or its last word ("von admin"), is a placeholder. */
static gboolean
is_placeholder (const char *part)
{
  const char *space = strrchr (part, ' ');
  const char *last = space != NULL ? space + 1 : part;

  for (guint i = 0; placeholders[i] != NULL; i++)
    if (g_ascii_strcasecmp (part, placeholders[i]) == 0 || g_ascii_strcasecmp (last, placeholders[i]) == 0)
      return TRUE;
  return FALSE;
}

/* Code or markup, not a name: "{\"name\": …}", "<b>", "a=b". */
static gboolean
is_code (const char *part)
{
  return strpbrk (part, "{}<>=\"") != NULL;
}

/* A handle, an e-mail or web address, a profile link. */
static gboolean
is_address (const char *part)
{
  const char *dot;

  if (strchr (part, '@') != NULL || strchr (part, '/') != NULL ||
      g_ascii_strncasecmp (part, "www.", 4) == 0 || g_str_has_prefix (part, "http"))
    return TRUE;

  /* "example.com": a dot followed by letters, no space. */
  dot = strrchr (part, '.');
  return strchr (part, ' ') == NULL && dot != NULL && dot[1] != '\0' &&
         g_ascii_isalpha (dot[1]);
}

static gboolean
is_name (const char *part,
         gboolean    first_part)
{
  guint words = 1;
  gboolean letter = FALSE;

  if (*part == '\0' || g_utf8_strlen (part, -1) > 60 || is_address (part) || is_code (part) ||
      is_placeholder (part) || is_job (part, first_part))
    return FALSE;

  for (const char *p = part; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (c == ' ')
        words++;
      else if (g_unichar_isdigit (c))
        return FALSE;
      else if (g_unichar_isalpha (c))
        letter = TRUE;
    }

  return letter && words <= 6;
}

static gboolean
is_job_word (const char *word,
             gsize       len)
{
  g_autofree char *copy = g_strndup (word, len);

  for (guint j = 0; job_words[j] != NULL; j++)
    if (g_ascii_strcasecmp (copy, job_words[j]) == 0 || g_utf8_collate (copy, job_words[j]) == 0)
      return TRUE;
  return FALSE;
}

/* "Ann Lee Staff Writer" (a name and a title run together by the markup)
 * → "Ann Lee"; "Senior Reporter Ann Lee" → "Ann Lee". A name keeps at
 * least two words. */
static char *
strip_job_words (char *part)
{
  char *space;

  while ((space = strrchr (part, ' ')) != NULL && count_name_words (part) > 2 &&
         is_job_word (space + 1, strlen (space + 1)))
    *space = '\0';

  while ((space = strchr (part, ' ')) != NULL && count_name_words (part) > 2 &&
         is_job_word (part, space - part))
    part = space + 1;

  return part;
}

static void
add_name (GPtrArray  *names,
          char       *part,
          gboolean    first_part)
{
  char *end;

  part = skip_lead (part);
  end = part + strlen (part);
  while (end > part && (g_ascii_isspace (end[-1]) || strchr ("-:|,.;/", end[-1]) != NULL))
    *--end = '\0';
  /* "with additional reporting by Bob Ray" */
  part = skip_lead (strip_job_words (part));

  if (!is_name (part, first_part) || names->len >= MAX_AUTHORS)
    return;
  /* One word after a full name is a label ("Ann Lee<br>News", "Ann Lee,
   * Reuters"), not a second author. */
  if (!first_part && count_name_words (part) == 1 && names->len > 0 &&
      count_name_words (g_ptr_array_index (names, names->len - 1)) > 1)
    return;

  for (guint i = 0; i < names->len; i++)
    {
      g_autofree char *a = g_utf8_casefold (g_ptr_array_index (names, i), -1);
      g_autofree char *b = g_utf8_casefold (part, -1);

      if (g_str_equal (a, b))
        return;
    }

  g_ptr_array_add (names, g_strdup (part));
}

/* Cuts @s at the first stop word or digit. */
static void
cut_at_stop (char *s)
{
  char *cut = s + strlen (s);

  for (guint i = 0; stop_words[i] != NULL; i++)
    {
      char *found = strstr (s, stop_words[i]);

      if (found != NULL && found < cut)
        cut = found;
    }
  for (char *p = s; p < cut; p++)
    if (g_ascii_isdigit (*p))
      {
        cut = p;
        break;
      }
  *cut = '\0';
}

/* @separator in @s, ignoring ASCII case, or NULL. */
static char *
find_separator (char       *s,
                const char *separator)
{
  gsize n = strlen (separator);

  for (char *p = s; *p != '\0'; p++)
    if (g_ascii_strncasecmp (p, separator, n) == 0)
      return p;
  return NULL;
}

/* " y " and " e " also join a compound surname ("José Ortega y Gasset"):
 * they separate two names only when each side has two words or more. */
static gboolean
separates (const char *s,
           const char *cut,
           const char *separator)
{
  g_autofree char *before = NULL;

  if (!g_str_equal (separator, " y ") && !g_str_equal (separator, " e "))
    return TRUE;
  before = g_strndup (s, cut - s);
  return count_name_words (before) >= 2 && count_name_words (cut + strlen (separator)) >= 2;
}

/* Splits at ",", ";", " and ", " & ", " with ", " und ", " et ", " y ",
 * " - ", …, in any case ("BY ANN LEE AND BOB RAY"). */
static void
split_names (char      *s,
             GPtrArray *names,
             gboolean   first_part)
{
  static const char * const separators[] = {
    ",", ";", " and ", " & ", " with ", " und ", " mit ", " et ", " avec ", " y ",
    " e ", " con ", " og ", " - ", " – ", " — ", NULL
  };

  while (*s != '\0')
    {
      char *cut = NULL;
      gsize sep_len = 0;

      for (guint i = 0; separators[i] != NULL; i++)
        {
          char *found = find_separator (s, separators[i]);

          if (found != NULL && (cut == NULL || found < cut) && separates (s, found, separators[i]))
            {
              cut = found;
              sep_len = strlen (separators[i]);
            }
        }

      if (cut == NULL)
        {
          add_name (names, s, first_part);
          return;
        }
      *cut = '\0';
      add_name (names, s, first_part);
      first_part = FALSE;
      s = cut + sep_len;
    }
}

static void
names_from_line (const char *line,
                 GPtrArray  *names)
{
  g_autofree char *clean = wd_html_meta_clean_text (line, 0);
  char *s;

  if (clean == NULL)
    return;

  s = skip_lead (clean);
  cut_at_stop (s);
  /* A line after one that named someone is held to the rules of a part
   * after the first ("Ann Lee<br>All articles"). */
  split_names (s, names, names->len == 0);
}

void
_wd_page_names_from_byline (const char *text,
                            GPtrArray  *names)
{
  g_auto(GStrv) lines = NULL;
  g_autofree char *clean = wd_html_meta_clean_text (text, 0);

  if (clean == NULL || g_utf8_strlen (clean, -1) > MAX_BYLINE_CHARS)
    return;

  /* The blocks of a byline in the markup ("Ann Lee<br>Staff writer") are
   * read one by one. */
  lines = g_strsplit (text, (char[]) { WD_BYLINE_BREAK, '\0' }, 16);
  for (guint i = 0; lines[i] != NULL; i++)
    names_from_line (lines[i], names);
}

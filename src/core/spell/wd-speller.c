#define G_LOG_DOMAIN "wd-speller"

#include "config.h"

#include <string.h>

#include <enchant.h>

#include "wd-speller.h"

struct _WdSpeller
{
  GObject      parent_instance;

  char        *language;
  char        *dictionary;   /* its enchant tag */
  EnchantDict *dict;
  GHashTable  *ignored;      /* words ignored in this session */
};

G_DEFINE_FINAL_TYPE (WdSpeller, wd_speller, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_LANGUAGE,
  PROP_DICTIONARY,
  N_PROPS
};

enum {
  CHANGED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

/* One broker for the process: it loads the providers once and shares a
 * language's dictionary (and its personal word list) between documents. */
static EnchantBroker *
get_broker (void)
{
  static EnchantBroker *broker;

  if (broker == NULL)
    broker = enchant_broker_init ();

  return broker;
}

static void
list_one (const char *const tag,
          const char *const provider_name,
          const char *const provider_desc,
          const char *const provider_file,
          void             *data)
{
  GPtrArray *tags = data;

  for (guint i = 0; i < tags->len; i++)
    if (g_str_equal (g_ptr_array_index (tags, i), tag))
      return;
  g_ptr_array_add (tags, g_strdup (tag));
}

static int
compare_tags (gconstpointer a,
              gconstpointer b)
{
  return strcmp (*(char * const *) a, *(char * const *) b);
}

char **
wd_spell_list_dictionaries (void)
{
  GPtrArray *tags = g_ptr_array_new ();

  enchant_broker_list_dicts (get_broker (), list_one, tags);
  g_ptr_array_sort (tags, compare_tags);
  g_ptr_array_add (tags, NULL);

  return (char **) g_ptr_array_free (tags, FALSE);
}

static gboolean
has_tag (const char * const *available,
         const char         *tag)
{
  return available != NULL && g_strv_contains (available, tag);
}

char *
wd_spell_pick_dictionary (const char         *language,
                          const char * const *available)
{
  g_auto(GStrv) parts = NULL;
  g_autofree char *lang = NULL;
  g_autofree char *region = NULL;
  g_autofree char *main_country = NULL;
  g_autofree char *prefix = NULL;

  if (language == NULL || available == NULL)
    return NULL;

  parts = g_strsplit_set (language, "-_", -1);
  if (parts[0] == NULL || strlen (parts[0]) < 2 || strlen (parts[0]) > 3)
    return NULL;
  for (const char *p = parts[0]; *p; p++)
    if (!g_ascii_isalpha (*p))
      return NULL;
  lang = g_ascii_strdown (parts[0], -1);

  /* language[-script][-region]: the region is 2 letters or 3 digits */
  for (guint i = 1; parts[i] != NULL && region == NULL; i++)
    if (strlen (parts[i]) == 2 || (strlen (parts[i]) == 3 && g_ascii_isdigit (parts[i][0])))
      region = g_ascii_strup (parts[i], -1);

  if (region != NULL)
    {
      g_autofree char *tag = g_strdup_printf ("%s_%s", lang, region);

      if (has_tag (available, tag))
        return g_steal_pointer (&tag);
    }
  if (has_tag (available, lang))
    return g_strdup (lang);

  /* The country a language is mostly written in: English is American
   * here, as the dictionaries Debian ships first. */
  if (g_str_equal (lang, "en"))
    main_country = g_strdup ("en_US");
  else
    {
      g_autofree char *upper = g_ascii_strup (lang, -1);

      main_country = g_strdup_printf ("%s_%s", lang, upper);
    }
  if (has_tag (available, main_country))
    return g_steal_pointer (&main_country);

  prefix = g_strdup_printf ("%s_", lang);
  for (guint i = 0; available[i] != NULL; i++)
    if (g_str_has_prefix (available[i], prefix))
      return g_strdup (available[i]);

  return NULL;
}

/* One dictionary per tag for the process, kept once loaded: every document
 * of a language then shares its personal word list in memory. The broker
 * of enchant 2.2 shared it by itself; 2.8's (Debian 13) hands out separate
 * dictionaries, so a word added in one document stayed unknown in another. */
static EnchantDict *
request_dict (const char *tag)
{
  static GHashTable *dicts;
  EnchantDict *dict;

  if (dicts == NULL)
    dicts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  dict = g_hash_table_lookup (dicts, tag);
  if (dict == NULL)
    {
      dict = enchant_broker_request_dict (get_broker (), tag);
      if (dict != NULL)
        g_hash_table_insert (dicts, g_strdup (tag), dict);
    }
  return dict;
}

static void
drop_dict (WdSpeller *self)
{
  self->dict = NULL;
  g_clear_pointer (&self->dictionary, g_free);
}

void
wd_speller_set_language (WdSpeller  *self,
                         const char *language)
{
  g_auto(GStrv) available = NULL;
  g_autofree char *tag = NULL;

  g_return_if_fail (WD_IS_SPELLER (self));

  if (g_strcmp0 (language, self->language) == 0 && self->language != NULL)
    return;

  g_free (self->language);
  self->language = g_strdup (language);

  available = wd_spell_list_dictionaries ();
  tag = wd_spell_pick_dictionary (language, (const char * const *) available);

  if (g_strcmp0 (tag, self->dictionary) != 0)
    {
      drop_dict (self);
      if (tag != NULL)
        self->dict = request_dict (tag);
      if (self->dict != NULL)
        self->dictionary = g_steal_pointer (&tag);
      else if (tag != NULL)
        g_debug ("no dictionary for %s: %s", tag, enchant_broker_get_error (get_broker ()));
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DICTIONARY]);
      g_signal_emit (self, signals[CHANGED], 0);
    }

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LANGUAGE]);
}

const char *
wd_speller_get_language (WdSpeller *self)
{
  g_return_val_if_fail (WD_IS_SPELLER (self), NULL);

  return self->language;
}

const char *
wd_speller_get_dictionary (WdSpeller *self)
{
  g_return_val_if_fail (WD_IS_SPELLER (self), NULL);

  return self->dictionary;
}

gboolean
wd_speller_check (WdSpeller  *self,
                  const char *word,
                  gssize      len)
{
  g_autofree char *copy = NULL;

  g_return_val_if_fail (WD_IS_SPELLER (self), TRUE);
  g_return_val_if_fail (word != NULL, TRUE);

  if (self->dict == NULL)
    return TRUE;
  if (len < 0)
    len = strlen (word);
  if (len == 0)
    return TRUE;

  if (g_hash_table_size (self->ignored) > 0)
    {
      copy = g_strndup (word, len);
      if (g_hash_table_contains (self->ignored, copy))
        return TRUE;
    }

  /* < 0 is an error of the dictionary: not the word's fault */
  return enchant_dict_check (self->dict, word, len) <= 0;
}

char **
wd_speller_suggest (WdSpeller  *self,
                    const char *word,
                    guint       max)
{
  GPtrArray *out = g_ptr_array_new ();
  char **suggestions;
  size_t n = 0;

  g_return_val_if_fail (WD_IS_SPELLER (self), NULL);
  g_return_val_if_fail (word != NULL, NULL);

  if (self->dict != NULL && *word != '\0' &&
      (suggestions = enchant_dict_suggest (self->dict, word, strlen (word), &n)) != NULL)
    {
      for (size_t i = 0; i < n && out->len < max; i++)
        if (g_utf8_validate (suggestions[i], -1, NULL))
          g_ptr_array_add (out, g_strdup (suggestions[i]));
      enchant_dict_free_string_list (self->dict, suggestions);
    }
  g_ptr_array_add (out, NULL);

  return (char **) g_ptr_array_free (out, FALSE);
}

void
wd_speller_add_to_dictionary (WdSpeller  *self,
                              const char *word)
{
  g_return_if_fail (WD_IS_SPELLER (self));
  g_return_if_fail (word != NULL);

  if (self->dict == NULL || *word == '\0')
    return;

  enchant_dict_add (self->dict, word, strlen (word));
  g_signal_emit (self, signals[CHANGED], 0);
}

void
wd_speller_ignore (WdSpeller  *self,
                   const char *word)
{
  g_return_if_fail (WD_IS_SPELLER (self));
  g_return_if_fail (word != NULL);

  if (*word != '\0' && g_hash_table_add (self->ignored, g_strdup (word)))
    g_signal_emit (self, signals[CHANGED], 0);
}

/* ----------------------------------------------------------------- object */

static void
wd_speller_finalize (GObject *object)
{
  WdSpeller *self = (WdSpeller *)object;

  drop_dict (self);
  g_free (self->language);
  g_hash_table_unref (self->ignored);

  G_OBJECT_CLASS (wd_speller_parent_class)->finalize (object);
}

static void
wd_speller_get_property (GObject    *object,
                         guint       prop_id,
                         GValue     *value,
                         GParamSpec *pspec)
{
  WdSpeller *self = WD_SPELLER (object);

  switch (prop_id)
    {
    case PROP_LANGUAGE:
      g_value_set_string (value, self->language);
      break;
    case PROP_DICTIONARY:
      g_value_set_string (value, self->dictionary);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
wd_speller_set_property (GObject      *object,
                         guint         prop_id,
                         const GValue *value,
                         GParamSpec   *pspec)
{
  WdSpeller *self = WD_SPELLER (object);

  switch (prop_id)
    {
    case PROP_LANGUAGE:
      wd_speller_set_language (self, g_value_get_string (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
wd_speller_class_init (WdSpellerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = wd_speller_finalize;
  object_class->get_property = wd_speller_get_property;
  object_class->set_property = wd_speller_set_property;

  properties[PROP_LANGUAGE] =
    g_param_spec_string ("language", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_DICTIONARY] =
    g_param_spec_string ("dictionary", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /* The words it knows changed: a new dictionary, a word added or ignored. */
  signals[CHANGED] =
    g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
wd_speller_init (WdSpeller *self)
{
  self->ignored = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
}

WdSpeller *
wd_speller_new (const char *language)
{
  return g_object_new (WD_TYPE_SPELLER, "language", language, NULL);
}

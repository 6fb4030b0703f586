/* wd-spell-words.h: the words of a text worth spell-checking.
 *
 * A word is a run of letters, with apostrophes inside it ("don't",
 * "l’homme"); hyphens and other punctuation split words. Skipped: URLs
 * (and "www." addresses), e-mail addresses, citation markers "[^id]",
 * code (`spans` and ``` fenced blocks), words with digits, words in ALL
 * CAPS, and words the article's sources make known (their titles and
 * site names: the names a story is about). Ranges are byte offsets into
 * the text, so a caller can check just the part of a long text it shows.
 */
#pragma once

#include "wd-article.h"

G_BEGIN_DECLS

typedef struct
{
  gsize start;   /* byte offsets of the word in the text */
  gsize end;
} WdSpellWord;

/* The words of @text[@start, @end) to check (GArray of WdSpellWord), in
 * order. @start and @end are moved out to the edges of the words and
 * skipped spans they cut (call it on a visible region: it only looks a
 * little beyond). @known (nullable): words never to flag, as
 * wd_spell_known_words() makes. */
GArray     *wd_spell_words          (const char  *text,
                                     gsize        start,
                                     gsize        end,
                                     GHashTable  *known);

/* As wd_spell_words(), but only the words that touch [@start, @end] (one
 * ending at @start or starting at @end too): what an edit there may have
 * changed. The rest of their lines is read for the context only (code
 * spans, links), not cut into words: cheaper on a long paragraph. */
GArray     *wd_spell_words_touching (const char  *text,
                                     gsize        start,
                                     gsize        end,
                                     GHashTable  *known);

/* Whether @c can be part of a word: a letter, a digit, a combining mark
 * or an apostrophe. */
gboolean    wd_spell_is_word_char   (gunichar     c);

/* The words of @article's sources' titles and site names (a set of
 * strings, as written and lower-cased). */
GHashTable *wd_spell_known_words    (WdArticle   *article);

G_END_DECLS

/* The article's own history: revisions recorded by saving, stored as
 * differences, rebuilt, diffed, restored; corrections; damaged members. */
#include "config.h"

#include <json-glib/json-glib.h>
#include <string.h>

#include "wiredesk-core.h"
#include "wd-test-export.h"
#include "wd-test-util.h"

static WdArticle *
new_article (void)
{
  WdArticle *article = wd_article_new ();

  wd_article_set_headline (article, "Port strike ends after talks");
  wd_article_set_standfirst (article, "Dockers return on Monday.");
  wd_article_set_byline (article, "A. Editor");
  wd_article_set_body (article, "The strike ended on Sunday.\n\nUnions said the deal was fair.");
  wd_article_set_desk_note (article, "Two agencies confirmed.");
  g_assert_nonnull (wd_article_add_source_url (article, "https://wire.example/a", NULL));
  return article;
}

/* A folder of the test's own, and a document's place in it. */
typedef struct
{
  char  *dir;
  GFile *file;
} Folder;

static void
folder_set_up (Folder        *f,
               gconstpointer  data)
{
  f->dir = wd_test_make_tmpdir ();
  f->file = g_file_new_build_filename (f->dir, "story.wiredesk", NULL);
}

static void
folder_tear_down (Folder        *f,
                  gconstpointer  data)
{
  wd_test_rmdir_r (f->dir);
  g_free (f->dir);
  g_object_unref (f->file);
}

static WdArticle *
reload (GFile *file)
{
  g_autoptr(GError) error = NULL;
  WdArticle *article = wd_native_format_load (file, NULL, &error);

  g_assert_no_error (error);
  g_assert_null (wd_history_get_warning (wd_article_get_history (article)));
  return article;
}

static void
save (WdArticle *article,
      GFile     *file)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (wd_native_format_save (article, file, NULL, &error));
  g_assert_no_error (error);
}

static char *
text_of (WdHistory       *history,
         guint            number,
         WdRevisionField  field)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(WdRevisionText) text = wd_history_dup_text (history, number, &error);

  g_assert_no_error (error);
  return g_strdup (text->texts[field]);
}

/* Saving three times gives three revisions that survive reloading, each
 * with the text it had. */
static void
test_save_records (Folder        *f,
                   gconstpointer  data)
{
  g_autoptr(WdArticle) article = new_article ();
  g_autoptr(WdArticle) again = NULL;
  WdHistory *history;
  g_autofree char *b1 = NULL, *b2 = NULL, *h1 = NULL;
  g_autoptr(WdRevisionText) t2 = NULL;
  g_autoptr(GError) error = NULL;
  WdRevision *revision;

  save (article, f->file);
  wd_article_set_body (article, "The strike ended on Sunday night.\n\nUnions said the deal was fair.");
  wd_article_set_headline (article, "Port strike is over");
  save (article, f->file);
  g_assert_nonnull (wd_article_add_source_url (article, "https://gov.example/statement", NULL));
  wd_source_set_label (wd_article_get_source (article, 0), "Wire report");
  wd_article_set_body (article, "The strike ended on Sunday night.\n\nUnions called the deal fair.");
  save (article, f->file);

  again = reload (f->file);
  history = wd_article_get_history (again);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (history)), ==, 3);
  g_assert_cmpuint (wd_revision_get_number (wd_history_get_latest (history)), ==, 3);

  b1 = text_of (history, 1, WD_REVISION_BODY);
  g_assert_cmpstr (b1, ==, "The strike ended on Sunday.\n\nUnions said the deal was fair.");
  h1 = text_of (history, 1, WD_REVISION_HEADLINE);
  g_assert_cmpstr (h1, ==, "Port strike ends after talks");
  b2 = text_of (history, 2, WD_REVISION_BODY);
  g_assert_cmpstr (b2, ==, "The strike ended on Sunday night.\n\nUnions said the deal was fair.");
  t2 = wd_history_dup_text (history, 2, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (t2->sources->len, ==, 1);
  g_assert_cmpstr (((WdRevisionSource *) g_ptr_array_index (t2->sources, 0))->label, ==, "");

  revision = wd_history_find (history, 2);
  g_assert_cmpuint (wd_revision_get_words_added (revision), ==, 3);   /* "night", "is", "over" */
  g_assert_cmpuint (wd_revision_get_words_removed (revision), ==, 3); /* "ends", "after", "talks" */
  g_assert_true (wd_test_is_iso8601 (wd_revision_get_saved_at (revision)));
}

/* A document written before histories existed loads as one revision and,
 * until it is saved, is written back without a history member. */
static void
test_old_document (void)
{
  g_autoptr(WdArticle) article = new_article ();
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GBytes) again = NULL;
  g_autoptr(WdArticle) loaded = NULL;
  g_autoptr(GError) error = NULL;
  WdHistory *history;

  wd_article_set_revision (article, 7);
  bytes = wd_native_format_serialize (article);
  g_assert_null (strstr (g_bytes_get_data (bytes, NULL), "\"history\""));
  loaded = wd_native_format_parse (bytes, "old.wiredesk", &error);
  g_assert_no_error (error);
  history = wd_article_get_history (loaded);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (history)), ==, 1);
  g_assert_cmpuint (wd_revision_get_number (wd_history_get_latest (history)), ==, 7);
  again = wd_native_format_serialize (loaded);
  g_assert_true (g_bytes_equal (bytes, again));
}

/* A draft (the article with edits not saved yet) keeps its history whole. */
static void
test_draft_with_edits (Folder        *f,
                       gconstpointer  data)
{
  g_autoptr(WdArticle) article = new_article ();
  g_autoptr(WdArticle) draft = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *b1 = NULL;

  save (article, f->file);
  wd_article_set_body (article, "Completely new wording of the text.");
  bytes = wd_native_format_serialize (article);
  draft = wd_native_format_parse (bytes, "draft", &error);
  g_assert_no_error (error);
  g_assert_null (wd_history_get_warning (wd_article_get_history (draft)));
  g_assert_cmpstr (wd_article_get_body (draft), ==, "Completely new wording of the text.");
  b1 = text_of (wd_article_get_history (draft), 1, WD_REVISION_BODY);
  g_assert_cmpstr (b1, ==, "The strike ended on Sunday.\n\nUnions said the deal was fair.");

  save (draft, f->file);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (wd_article_get_history (draft))), ==, 2);
}

static char *
replace_once (const char *text,
              const char *from,
              const char *to)
{
  const char *at = strstr (text, from);
  GString *out = g_string_new (NULL);

  g_assert_nonnull (at);
  g_string_append_len (out, text, at - text);
  g_string_append (out, to);
  g_string_append (out, at + strlen (from));
  return g_string_free (out, FALSE);
}

static WdArticle *
parse_text (const char *text,
            const char *name)
{
  g_autoptr(GBytes) bytes = g_bytes_new (text, strlen (text));
  g_autoptr(GError) error = NULL;
  WdArticle *article = wd_native_format_parse (bytes, name, &error);

  g_assert_no_error (error);
  g_assert_nonnull (article);
  return article;
}

/* Damaged or hostile history members: a warning naming the problem, the
 * article opens with its text, and the history starts again. */
static void
test_damaged (Folder        *f,
              gconstpointer  data)
{
  g_autoptr(WdArticle) article = new_article ();
  g_autofree char *good = NULL;
  static const struct { const char *from; const char *to; const char *says; } cases[] = {
    { "\"revisions\" : [", "\"revisions\" : 5, \"x\" : [", "history.revisions" },
    { "\"head_check\" : \"", "\"head_check\" : 3, \"y\" : \"", "history.head_check" },
    { "        \"revision\" : 2,", "        \"revision\" : 1,", "must go up" },
    { "\"words_added\" : ", "\"words_added\" : -", "history.revisions[0].words_added" },
    { "\"body\" : [", "\"body\" : [0, ", "history.revisions[0].changes.body[0]" },
    { "\"correction\" : null", "\"correction\" : {}", "history.revisions[0].correction" },
  };

  save (article, f->file);
  wd_article_set_body (article, "Another body.");
  save (article, f->file);
  g_assert_true (g_file_load_contents (f->file, NULL, &good, NULL, NULL, NULL));

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *bad = replace_once (good, cases[i].from, cases[i].to);
      g_autoptr(WdArticle) loaded = parse_text (bad, "bad.wiredesk");
      WdHistory *history = wd_article_get_history (loaded);
      const char *warning = wd_history_get_warning (history);

      g_test_message ("case %u: %s", i, warning);
      g_assert_nonnull (warning);
      g_assert_true (g_str_has_prefix (warning, "bad.wiredesk: "));
      g_assert_nonnull (strstr (warning, cases[i].says));
      g_assert_cmpstr (wd_article_get_body (loaded), ==, "Another body.");
      g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (history)), ==, 1);
    }

  /* Operations that copy past the end, or cut a character in two: the
   * revision cannot be rebuilt, and says so. */
  {
    g_autofree char *bad = replace_once (good, "\"body\" : [", "\"body\" : [99999, ");
    g_autoptr(WdArticle) loaded = parse_text (bad, "bad.wiredesk");
    g_autoptr(GError) error = NULL;
    g_autoptr(WdRevisionText) text = wd_history_dup_text (wd_article_get_history (loaded), 1, &error);

    g_assert_null (text);
    g_assert_error (error, WD_ERROR, WD_ERROR_FIELD);
    g_assert_nonnull (strstr (error->message, "body"));
  }

  /* More revisions than the cap. */
  {
    GString *many = g_string_new (NULL);
    g_autoptr(WdArticle) loaded = NULL;
    const char *start = strstr (good, "\"revisions\" : [") + strlen ("\"revisions\" : [");

    g_string_append_len (many, good, start - good);
    for (guint i = 0; i <= WD_HISTORY_MAX_REVISIONS; i++)
      g_string_append_printf (many, "{\"revision\" : %u, \"changes\" : {}},", i + 10);
    g_string_append (many, start);
    loaded = parse_text (many->str, "many.wiredesk");
    g_assert_nonnull (strstr (wd_history_get_warning (wd_article_get_history (loaded)), "more than"));
    g_string_free (many, TRUE);
  }

}

/* An older Wiredesk (or a text editor) changed the article but kept the
 * history as it was: the old revisions are listed, not rebuilt. */
static void
test_changed_without_history (Folder        *f,
                              gconstpointer  data)
{
  g_autoptr(WdArticle) article = new_article ();
  g_autofree char *good = NULL;
  g_autofree char *edited = NULL;
  g_autoptr(WdArticle) loaded = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(WdRevisionText) text = NULL;
  WdHistory *history;

  save (article, f->file);
  save (article, f->file);
  g_assert_true (g_file_load_contents (f->file, NULL, &good, NULL, NULL, NULL));
  edited = replace_once (good, "\"headline\" : \"Port strike ends after talks\"",
                         "\"headline\" : \"Edited elsewhere\"");
  loaded = parse_text (edited, "edited.wiredesk");
  history = wd_article_get_history (loaded);
  g_assert_nonnull (strstr (wd_history_get_warning (history), "without its history"));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (history)), ==, 3);
  g_assert_false (wd_revision_get_rebuildable (wd_history_find (history, 1)));
  g_assert_true (wd_revision_get_rebuildable (wd_history_get_latest (history)));
  text = wd_history_dup_text (history, 1, &error);
  g_assert_null (text);
  g_assert_nonnull (strstr (error->message, "cannot be rebuilt"));
}

/* The size bound: a 1 MB article saved 200 times with small edits stays
 * under twice its size plus the edits. */
static void
test_size_bound (Folder        *f,
                 gconstpointer  data)
{
  g_autoptr(WdArticle) article = new_article ();
  g_autoptr(GFileInfo) info = NULL;
  g_autoptr(GBytes) without = NULL;
  GString *body = g_string_new (NULL);
  gsize edits = 0, first_len = 0;
  goffset size;

  for (guint i = 0; body->len < 1024 * 1024; i++)
    g_string_append_printf (body, "Paragraph %u says what the agency reported on the day, with a quote.\n\n", i);
  wd_article_set_body (article, body->str);

  for (guint i = 0; i < 200; i++)
    {
      char word[32];
      gsize at = (i * 7919) % (body->len - 100);

      g_snprintf (word, sizeof word, " edit%u ", i);
      g_string_insert (body, at - at % 70 + 10, word);
      edits += strlen (word);
      if (i == 0)
        first_len = body->len;
      wd_article_set_body (article, body->str);
      save (article, f->file);
    }

  info = g_file_query_info (f->file, G_FILE_ATTRIBUTE_STANDARD_SIZE, 0, NULL, NULL);
  size = g_file_info_get_size (info);
  {
    g_autoptr(WdArticle) plain = new_article ();
    wd_article_set_body (plain, body->str);
    without = wd_native_format_serialize (plain);
  }
  g_test_message ("without history %zu bytes, with 200 revisions %" G_GOFFSET_FORMAT " (%.2f×)",
                  g_bytes_get_size (without), size, (double) size / g_bytes_get_size (without));
  g_assert_cmpint (size, <, 2 * (goffset) g_bytes_get_size (without) + (goffset) edits);

  {
    g_autoptr(WdArticle) again = reload (f->file);
    g_autofree char *first = text_of (wd_article_get_history (again), 1, WD_REVISION_BODY);

    g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (wd_article_get_history (again))), ==, 200);
    g_assert_nonnull (strstr (first, " edit0 "));
    g_assert_null (strstr (first, " edit1 "));
    g_assert_cmpuint (strlen (first), ==, first_len);
  }

  g_string_free (body, TRUE);
}

/* Applying the segments gives back both texts, for random edits. */
static void
test_diff_random (void)
{
  static const char *words[] = { "the", "port", "strike", "ended", ",", "Unions", "said", "\n\n", "é", "fair." };
  g_autoptr(GRand) rand = g_rand_new_with_seed (19);

  for (guint round = 0; round < 300; round++)
    {
      GString *a = g_string_new (NULL), *b = g_string_new (NULL);
      g_autoptr(GArray) segments = NULL;
      GString *ra = g_string_new (NULL), *rb = g_string_new (NULL);
      guint n = g_rand_int_range (rand, 0, 60);

      for (guint i = 0; i < n; i++)
        {
          const char *w = words[g_rand_int_range (rand, 0, G_N_ELEMENTS (words))];
          int fate = g_rand_int_range (rand, 0, 10);

          if (fate != 0)
            g_string_append_printf (a, "%s ", w);
          if (fate != 1)
            g_string_append_printf (b, "%s ", fate == 2 ? "NEW" : w);
        }

      segments = wd_diff_words (a->str, b->str);
      for (guint i = 0; i < segments->len; i++)
        {
          const WdDiffSegment *s = &g_array_index (segments, WdDiffSegment, i);

          if (s->op != WD_DIFF_INSERT)
            g_string_append_len (ra, a->str + s->a_start, s->len);
          if (s->op == WD_DIFF_EQUAL)
            g_assert_cmpint (memcmp (a->str + s->a_start, b->str + s->b_start, s->len), ==, 0);
          if (s->op != WD_DIFF_DELETE)
            g_string_append_len (rb, (s->op == WD_DIFF_EQUAL ? a->str + s->a_start : b->str + s->b_start), s->len);
        }
      g_assert_cmpstr (ra->str, ==, a->str);
      g_assert_cmpstr (rb->str, ==, b->str);

      g_string_free (a, TRUE);
      g_string_free (b, TRUE);
      g_string_free (ra, TRUE);
      g_string_free (rb, TRUE);
    }
}

/* Many scattered edits in a long text (past what one Myers pass may do):
 * still exact, words for words. */
static void
test_diff_scattered (void)
{
  GString *a = g_string_new (NULL), *b = g_string_new (NULL);
  g_autoptr(GArray) segments = NULL;
  GString *rb = g_string_new (NULL);
  guint added, removed;

  for (guint i = 0; i < 20000; i++)
    {
      g_string_append_printf (a, "Line %u of the report, as filed.\n", i);
      g_string_append_printf (b, i % 7 == 3 ? "Line %u of the NEW report, as filed.\n"
                                            : "Line %u of the report, as filed.\n", i);
    }
  segments = wd_diff_words (a->str, b->str);
  wd_diff_count_words (a->str, b->str, segments, &added, &removed);
  g_assert_cmpuint (added, ==, 20000 / 7 + (20000 % 7 > 3));
  g_assert_cmpuint (removed, ==, 0);
  for (guint i = 0; i < segments->len; i++)
    {
      const WdDiffSegment *seg = &g_array_index (segments, WdDiffSegment, i);

      if (seg->op == WD_DIFF_EQUAL)
        g_string_append_len (rb, a->str + seg->a_start, seg->len);
      else if (seg->op == WD_DIFF_INSERT)
        g_string_append_len (rb, b->str + seg->b_start, seg->len);
    }
  g_assert_cmpstr (rb->str, ==, b->str);
  g_string_free (a, TRUE);
  g_string_free (b, TRUE);
  g_string_free (rb, TRUE);
}

static void
test_diff_render (void)
{
  g_autoptr(GArray) segments = wd_diff_words ("Unions said the deal was fair.", "Unions called the deal fair.");
  g_autofree char *plain = wd_diff_render_plain ("Unions said the deal was fair.",
                                                 "Unions called the deal fair.", segments, 0);
  guint added, removed;

  g_assert_cmpstr (plain, ==, "Unions [-said-]{+called+} the deal[- was-] fair.");
  wd_diff_count_words ("Unions said the deal was fair.", "Unions called the deal fair.",
                       segments, &added, &removed);
  g_assert_cmpuint (added, ==, 1);
  g_assert_cmpuint (removed, ==, 2);
}

/* Two revisions compared: fields and the source list. */
static void
test_revision_diff (Folder        *f,
                    gconstpointer  data)
{
  g_autoptr(WdArticle) article = new_article ();
  g_autoptr(WdRevisionDiff) diff = NULL;
  g_autoptr(GError) error = NULL;
  WdSource *gov;
  gboolean seen_added = FALSE, seen_removed = FALSE, seen_relabelled = FALSE;

  gov = wd_article_add_source_url (article, "https://gov.example/statement", NULL);
  save (article, f->file);
  wd_article_set_headline (article, "Port strike is over");
  wd_source_set_label (wd_article_get_source (article, 0), "Wire report");
  wd_article_remove_source (article, gov);
  g_assert_nonnull (wd_article_add_source_url (article, "https://union.example/news", NULL));
  save (article, f->file);

  diff = wd_history_diff (wd_article_get_history (article), 1, 2, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (diff->fields->len, ==, 1);
  g_assert_cmpint (((WdFieldDiff *) g_ptr_array_index (diff->fields, 0))->field, ==, WD_REVISION_HEADLINE);
  for (guint i = 0; i < diff->sources->len; i++)
    {
      WdSourceChange *change = g_ptr_array_index (diff->sources, i);

      if (change->kind == WD_SOURCE_CHANGE_ADDED)
        seen_added = g_str_equal (change->url, "https://union.example/news");
      else if (change->kind == WD_SOURCE_CHANGE_REMOVED)
        seen_removed = g_str_equal (change->url, "https://gov.example/statement");
      else if (change->kind == WD_SOURCE_CHANGE_RELABELLED)
        seen_relabelled = g_str_equal (change->new_value, "Wire report");
    }
  g_assert_true (seen_added && seen_removed && seen_relabelled);
}

/* Restoring puts an old text back; the next save records it as new. */
static void
test_restore (Folder        *f,
              gconstpointer  data)
{
  g_autoptr(WdArticle) article = new_article ();
  g_autoptr(GError) error = NULL;
  WdHistory *history = wd_article_get_history (article);
  WdRevision *latest;

  save (article, f->file);
  wd_article_set_headline (article, "Wrong headline");
  wd_article_set_keywords (article, (const char *[]) { "strike", NULL });
  g_assert_nonnull (wd_article_add_source_url (article, "https://gov.example/statement", NULL));
  save (article, f->file);

  g_assert_true (wd_history_restore (history, article, 1, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (wd_article_get_headline (article), ==, "Port strike ends after talks");
  g_assert_cmpuint (wd_article_get_n_sources (article), ==, 1);
  g_assert_null (wd_article_get_keywords (article)[0]);
  save (article, f->file);

  latest = wd_history_get_latest (history);
  g_assert_cmpuint (wd_revision_get_number (latest), ==, 3);
  g_assert_cmpuint (wd_revision_get_restored_from (latest), ==, 1);
  g_assert_false (wd_history_restore (history, article, 42, &error));
  g_assert_error (error, WD_ERROR, WD_ERROR_FIELD);
}

/* Corrections: only after publishing, recorded with the save, listed. */
static void
test_corrections (Folder        *f,
                  gconstpointer  data)
{
  g_autoptr(WdArticle) article = new_article ();
  g_autoptr(WdPublication) publication = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) corrections = NULL;
  g_autoptr(WdArticle) again = NULL;
  WdHistory *history = wd_article_get_history (article);
  g_autofree char *long_note = g_strnfill (WD_CORRECTION_MAX_CHARS + 1, 'x');

  save (article, f->file);
  g_assert_false (wd_history_mark_correction (history, article, "Fixed a date.", &error));
  g_assert_error (error, WD_ERROR, WD_ERROR_FIELD);
  g_clear_error (&error);

  publication = wd_publication_new ("https://cms.example/api", "42", NULL, "2026-12-01T10:00:00Z");
  wd_article_set_publication (article, publication);
  save (article, f->file);
  g_assert_cmpuint (wd_revision_get_publications (wd_history_get_latest (history))->len, ==, 1);

  g_assert_false (wd_history_mark_correction (history, article, long_note, &error));
  g_assert_error (error, WD_ERROR, WD_ERROR_TOO_LARGE);
  g_clear_error (&error);

  wd_article_set_body (article, "The strike ended on Saturday.\n\nUnions said the deal was fair.");
  g_assert_true (wd_history_mark_correction (history, article, "  The strike ended on Saturday, not Sunday. ", &error));
  g_assert_no_error (error);
  save (article, f->file);
  g_assert_null (wd_history_get_pending_correction (history));
  g_assert_cmpuint (wd_revision_get_publications (wd_history_get_latest (history))->len, ==, 0);

  again = reload (f->file);
  corrections = wd_history_list_corrections (wd_article_get_history (again), NULL);
  g_assert_cmpuint (corrections->len, ==, 1);
  g_assert_cmpstr (((WdCorrection *) g_ptr_array_index (corrections, 0))->note, ==,
                   "The strike ended on Saturday, not Sunday.");
  g_assert_cmpstr (((WdCorrection *) g_ptr_array_index (corrections, 0))->at, ==,
                   wd_article_get_modified (again));
}

/* Corrections made after publishing: schema.org CorrectionComment in
 * JSON-LD, a "correction" description in ninjs 3 and 2, all valid. */
static void
test_corrections_exported (void)
{
  g_autoptr(WdArticle) article = new_article ();
  g_autoptr(WdPublication) publication = wd_publication_new ("https://cms.example/api", "42", NULL,
                                                             "2026-12-01T10:00:00Z");
  g_autofree char *dir = wd_test_make_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "story.wiredesk", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) ld_root = NULL;
  g_autoptr(JsonNode) ninjs_root = NULL;
  g_autoptr(JsonNode) ninjs2_root = NULL;
  JsonObject *ld, *ninjs, *ninjs2, *comment;
  JsonArray *descriptions;
  gboolean found = FALSE;

  wd_article_set_publication (article, publication);
  g_assert_true (wd_native_format_save (article, file, NULL, &error));
  g_assert_true (wd_history_mark_correction (wd_article_get_history (article), article,
                                             "An earlier version gave the wrong date.", &error));
  g_assert_no_error (error);
  g_assert_true (wd_native_format_save (article, file, NULL, &error));
  g_assert_true (wd_history_mark_correction (wd_article_get_history (article), article,
                                             "The toll is 12, not 21.", &error));

  {
    g_autofree char *schema3 = g_test_build_filename (G_TEST_DIST, "schemas", "ninjs", "ninjs-schema_3.1.json", NULL);
    g_autofree char *schema2 = g_test_build_filename (G_TEST_DIST, "schemas", "ninjs", "ninjs-schema_2.2.json", NULL);
    g_autofree char *schema_ld = g_test_build_filename (G_TEST_DIST, "schemas", "newsarticle-jsonld.schema.json", NULL);
    static const WdExportFormat formats[] = { WD_EXPORT_FORMAT_NINJS, WD_EXPORT_FORMAT_NINJS2, WD_EXPORT_FORMAT_JSONLD };
    const char *schemas[] = { schema3, schema2, schema_ld };

    for (guint i = 0; i < G_N_ELEMENTS (formats); i++)
      {
        g_autoptr(GBytes) bytes = wd_export_serialize (article, formats[i], &error);

        g_assert_no_error (error);
        if (!wd_test_assert_valid (schemas[i], bytes, "an article with corrections"))
          break;
      }
  }

  ld = export_object (article, WD_EXPORT_FORMAT_JSONLD, &ld_root);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (ld, "correction")), ==, 2);
  comment = array_object (ld, "correction", 0);
  g_assert_cmpstr (json_object_get_string_member (comment, "@type"), ==, "CorrectionComment");
  g_assert_cmpstr (json_object_get_string_member (comment, "text"), ==, "An earlier version gave the wrong date.");
  g_assert_true (wd_test_is_iso8601 (json_object_get_string_member (comment, "datePublished")));
  g_assert_cmpstr (json_object_get_string_member (array_object (ld, "correction", 1), "text"), ==,
                   "The toll is 12, not 21.");

  ninjs = export_object (article, WD_EXPORT_FORMAT_NINJS, &ninjs_root);
  descriptions = json_object_get_array_member (ninjs, "descriptions");
  for (guint i = 0; i < json_array_get_length (descriptions); i++)
    {
      JsonObject *d = json_array_get_object_element (descriptions, i);

      if (g_str_equal (json_object_get_string_member (d, "role"), "correction") &&
          g_str_has_suffix (json_object_get_string_member (d, "value"), ": An earlier version gave the wrong date."))
        found = TRUE;
    }
  g_assert_true (found);
  ninjs2 = export_object (article, WD_EXPORT_FORMAT_NINJS2, &ninjs2_root);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (ninjs2, "descriptions")), ==,
                    json_array_get_length (descriptions));

  wd_test_rmdir_r (dir);
}

/* Runs the wiredesk binary with @args; what it printed in @out and @err
 * (the previous run's freed first). */
static int
run_cli (const char * const  *args,
         char               **out,
         char               **err)
{
  g_clear_pointer (out, g_free);
  g_clear_pointer (err, g_free);
  return wd_test_run_wiredesk (args, NULL, out, err);
}

/* wiredesk history: the list, --json, --diff, --restore, usage errors. */
static void
test_cli (Folder        *f,
          gconstpointer  data)
{
  g_autofree char *path = g_file_get_path (f->file);
  g_autofree char *out_path = g_build_filename (f->dir, "restored.wiredesk", NULL);
  g_autoptr(WdArticle) article = new_article ();
  g_autoptr(WdPublication) publication = wd_publication_new ("https://cms.example/api", "42", NULL,
                                                             "2026-12-01T10:00:00Z");
  g_autofree char *out = NULL, *err = NULL;
  g_auto(GStrv) lines = NULL;
  int status;

  save (article, f->file);
  wd_article_set_publication (article, publication);
  save (article, f->file);
  wd_article_set_body (article, "The strike ended on Saturday.\n\nUnions said the deal was fair.");
  g_assert_true (wd_history_mark_correction (wd_article_get_history (article), article,
                                             "The strike ended on Saturday.", NULL));
  save (article, f->file);

  status = run_cli ((const char *[]) { "history", path, "--json", NULL }, &out, &err);
  g_assert_cmpint (status, ==, 0);
  lines = g_strsplit (g_strchomp (out), "\n", -1);
  g_assert_cmpuint (g_strv_length (lines), ==, 3);
  for (guint i = 0; i < 3; i++)
    {
      g_autoptr(JsonParser) parser = json_parser_new ();
      JsonObject *o;

      g_assert_true (json_parser_load_from_data (parser, lines[i], -1, NULL));
      o = json_node_get_object (json_parser_get_root (parser));
      g_assert_cmpint (json_object_get_int_member (o, "revision"), ==, i + 1);
      g_assert_true (wd_test_is_iso8601 (json_object_get_string_member (o, "saved_at")));
      g_assert_true (json_object_has_member (o, "words_added"));
      g_assert_true (json_object_has_member (o, "words_removed"));
      g_assert_cmpuint (json_array_get_length (json_object_get_array_member (o, "published")), ==, i == 1 ? 1 : 0);
      if (i == 1)
        {
          JsonObject *published = json_array_get_object_element (json_object_get_array_member (o, "published"), 0);

          g_assert_cmpstr (json_object_get_string_member (published, "remote_id"), ==, "42");
          g_assert_true (wd_test_is_iso8601 (json_object_get_string_member (published, "at")));
        }
      if (i == 2)
        g_assert_cmpstr (json_object_get_string_member (o, "correction"), ==, "The strike ended on Saturday.");
      else
        g_assert_true (json_object_get_null_member (o, "correction"));
    }

  status = run_cli ((const char *[]) { "history", path, NULL }, &out, &err);
  g_assert_cmpint (status, ==, 0);
  g_assert_nonnull (strstr (out, "published to https://cms.example/api (42)"));
  g_assert_nonnull (strstr (out, "Correction: The strike ended on Saturday."));

  status = run_cli ((const char *[]) { "history", path, "--diff", "1", "3", NULL }, &out, &err);
  g_assert_cmpint (status, ==, 0);
  g_assert_nonnull (strstr (out, "== Body =="));
  g_assert_nonnull (strstr (out, "[-Sunday-]{+Saturday+}"));
  g_assert_null (strstr (out, "== Headline =="));

  status = run_cli ((const char *[]) { "history", path, "--restore", "1", "-o", out_path, NULL }, &out, &err);
  g_assert_cmpint (status, ==, 0);
  {
    g_autoptr(GFile) restored_file = g_file_new_for_path (out_path);
    g_autoptr(WdArticle) restored = reload (restored_file);
    WdHistory *history = wd_article_get_history (restored);

    g_assert_cmpstr (wd_article_get_body (restored), ==,
                     "The strike ended on Sunday.\n\nUnions said the deal was fair.");
    g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (history)), ==, 4);
    g_assert_cmpuint (wd_revision_get_restored_from (wd_history_get_latest (history)), ==, 1);
  }

  status = run_cli ((const char *[]) { "history", path, "--diff", "1", NULL }, &out, &err);
  g_assert_cmpint (status, ==, 2);
  status = run_cli ((const char *[]) { "history", path, "--restore", "9", "-o", out_path, NULL }, &out, &err);
  g_assert_cmpint (status, ==, 2);
  g_assert_nonnull (strstr (err, "no revision 9"));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/history/save-records", Folder, NULL, folder_set_up, test_save_records, folder_tear_down);
  g_test_add_func ("/history/old-document", test_old_document);
  g_test_add ("/history/draft-with-edits", Folder, NULL, folder_set_up, test_draft_with_edits, folder_tear_down);
  g_test_add ("/history/damaged", Folder, NULL, folder_set_up, test_damaged, folder_tear_down);
  g_test_add ("/history/changed-without-history", Folder, NULL, folder_set_up, test_changed_without_history, folder_tear_down);
  g_test_add ("/history/size-bound", Folder, NULL, folder_set_up, test_size_bound, folder_tear_down);
  g_test_add_func ("/history/diff/random", test_diff_random);
  g_test_add_func ("/history/diff/render", test_diff_render);
  g_test_add_func ("/history/diff/scattered", test_diff_scattered);
  g_test_add ("/history/diff/revisions", Folder, NULL, folder_set_up, test_revision_diff, folder_tear_down);
  g_test_add ("/history/restore", Folder, NULL, folder_set_up, test_restore, folder_tear_down);
  g_test_add ("/history/corrections", Folder, NULL, folder_set_up, test_corrections, folder_tear_down);
  g_test_add ("/history/cli", Folder, NULL, folder_set_up, test_cli, folder_tear_down);
  g_test_add_func ("/history/corrections/exported", test_corrections_exported);

  return g_test_run ();
}

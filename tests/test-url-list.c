/* Pasting many lines of sources at once. */
#include "config.h"

#include <string.h>

#include "wiredesk-core.h"

typedef struct
{
  GPtrArray *urls;
  GPtrArray *rejected;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  f->urls = g_ptr_array_new_with_free_func (g_free);
  f->rejected = g_ptr_array_new_with_free_func (g_free);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_ptr_array_unref (f->urls);
  g_ptr_array_unref (f->rejected);
}

static void
test_url_list_lines (Fixture       *f,
                     gconstpointer  data)
{
  const char *text =
    "https://Example.com/a\r\n"
    "\n"
    "   <https://example.org/b>   \n"
    "Reuters: https://www.reuters.com/world/x-2026/.\n"
    "see [the post](https://t.me/chan/12) and https://example.net/c, too\r"
    "https://example.com/a\n"
    "just a sentence\n"
    "ftp://files.example/x\n";
  guint n;

  n = wd_url_list_parse (text, f->urls, f->rejected);

  g_assert_cmpuint (n, ==, 5);
  g_assert_cmpstr (g_ptr_array_index (f->urls, 0), ==, "https://example.com/a");
  g_assert_cmpstr (g_ptr_array_index (f->urls, 1), ==, "https://example.org/b");
  g_assert_cmpstr (g_ptr_array_index (f->urls, 2), ==, "https://www.reuters.com/world/x-2026/");
  g_assert_cmpstr (g_ptr_array_index (f->urls, 3), ==, "https://t.me/chan/12");
  g_assert_cmpstr (g_ptr_array_index (f->urls, 4), ==, "https://example.net/c");

  /* The two lines without a usable URL are reported with their line. */
  g_assert_cmpuint (f->rejected->len, ==, 2);
  g_assert_true (g_str_has_prefix (g_ptr_array_index (f->rejected, 0), "7: “just a sentence”"));
  g_assert_true (g_str_has_prefix (g_ptr_array_index (f->rejected, 1), "8: “ftp://files.example/x”"));
  g_assert_nonnull (strstr (g_ptr_array_index (f->rejected, 1), "ftp"));
}

static void
test_url_list_appends (Fixture       *f,
                       gconstpointer  data)
{
  g_ptr_array_add (f->urls, g_strdup ("https://example.com/a"));

  /* Already in the list: not added twice, not rejected either. */
  g_assert_cmpuint (wd_url_list_parse ("https://example.com/a", f->urls, f->rejected), ==, 0);
  g_assert_cmpuint (f->urls->len, ==, 1);
  g_assert_cmpuint (f->rejected->len, ==, 0);

  g_assert_cmpuint (wd_url_list_parse ("", f->urls, f->rejected), ==, 0);
  g_assert_cmpuint (wd_url_list_parse (" \n\t\n", f->urls, f->rejected), ==, 0);
  g_assert_cmpuint (f->rejected->len, ==, 0);
}

static void
test_url_list_bad_input (Fixture       *f,
                         gconstpointer  data)
{
  g_autofree char *long_line = g_strnfill (500, 'x');

  g_assert_cmpuint (wd_url_list_parse ("\xff\xfe https://example.com/", f->urls, f->rejected), ==, 0);
  g_assert_cmpuint (f->rejected->len, ==, 1);

  /* A long line is quoted short in the report. */
  g_assert_cmpuint (wd_url_list_parse (long_line, f->urls, f->rejected), ==, 0);
  g_assert_cmpuint (f->rejected->len, ==, 2);
  g_assert_cmpuint (strlen (g_ptr_array_index (f->rejected, 1)), <, 300);

  /* "http" inside a word is not a URL start. */
  g_assert_cmpuint (wd_url_list_parse ("xhttps://example.com/", f->urls, f->rejected), ==, 0);
  g_assert_cmpuint (f->rejected->len, ==, 3);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/url-list/lines", Fixture, NULL, fixture_set_up, test_url_list_lines, fixture_tear_down);
  g_test_add ("/url-list/appends", Fixture, NULL, fixture_set_up, test_url_list_appends, fixture_tear_down);
  g_test_add ("/url-list/bad-input", Fixture, NULL, fixture_set_up, test_url_list_bad_input, fixture_tear_down);

  return g_test_run ();
}

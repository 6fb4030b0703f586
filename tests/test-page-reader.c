/* The page reader's ranked rules (issue 20): each rule on a small page of
 * its own, which rule wins when several speak, how bylines are cleaned and
 * dates read, and that hostile markup stays bounded. */
#include "config.h"

#include <string.h>

#include "wd-html-meta-private.h"
#include "wd-html-meta.h"

#define BASE "https://news.example/world/story.html"

static WdHtmlMeta *
read_page (const char *html,
           const char *base_url)
{
  return wd_html_meta_parse ((const guint8 *) html, strlen (html), "text/html", NULL, base_url);
}

typedef enum { TITLE, SITE, AUTHOR, DATE, LANGUAGE } Field;

typedef struct
{
  const char *rule;      /* the rule that must give the value */
  Field       field;
  const char *html;
  const char *value;
} RuleCase;

/* One page per rule: the value it gives, and that the reader says so. */
static const RuleCase rule_cases[] = {
  /* title */
  { "og-title", TITLE, "<meta property='og:title' content='Open Graph headline'><title>Tab</title>",
    "Open Graph headline" },
  { "twitter-title", TITLE, "<meta name='twitter:title' content='Card headline'><title>Tab</title>",
    "Card headline" },
  { "citation-title", TITLE, "<meta name='citation_title' content='A paper'><title>Tab</title>", "A paper" },
  { "json-ld-headline", TITLE,
    "<script type='application/ld+json'>{\"@type\":\"NewsArticle\",\"headline\":\"LD headline\"}</script>"
    "<title>Tab</title>", "LD headline" },
  { "dc-title", TITLE, "<meta name='DC.title' content='Dublin title'><title>Tab</title>", "Dublin title" },
  { "title-element", TITLE, "<title> The  tab\ntitle </title>", "The tab title" },
  { "microdata-headline", TITLE, "<body><h2 itemprop='headline'>Marked up</h2></body>", "Marked up" },

  /* site name */
  { "json-ld-publisher", SITE,
    "<meta property='og:site_name' content='OG Site'><script type='application/ld+json'>"
    "{\"@type\":\"Article\",\"headline\":\"h\",\"publisher\":{\"@type\":\"Organization\",\"name\":\"The Courier\"}}"
    "</script>", "The Courier" },
  { "og-site-name", SITE, "<meta property='og:site_name' content='Daily Planet'>", "Daily Planet" },
  { "microdata-publisher", SITE,
    "<body><div itemprop='publisher' itemscope><span itemprop='name'>Gazette</span></div></body>", "Gazette" },
  { "json-ld-website", SITE,
    "<script type='application/ld+json'>{\"@graph\":[{\"@type\":\"WebSite\",\"name\":\"Web Site Name\"}]}</script>",
    "Web Site Name" },
  { "dc-publisher", SITE, "<meta name='dcterms.publisher' content='DC Press'>", "DC Press" },
  { "meta-publisher", SITE, "<meta name='Publisher' content='Wire Service'>", "Wire Service" },
  { "citation-publisher", SITE, "<meta name='citation_journal_title' content='Journal of Tests'>",
    "Journal of Tests" },
  { "application-name", SITE, "<meta name='application-name' content='Apptitude'>", "Apptitude" },
  { "title-suffix", SITE, "<title>Storm hits coast | Harbour Times</title>", "Harbour Times" },
  { "logo-alt", SITE, "<body><a class='site-logo' href='/'><img src='l.png' alt='Valley Herald logo'></a></body>",
    "Valley Herald" },

  /* author */
  { "json-ld-author", AUTHOR,
    "<meta name='author' content='Meta Person'><script type='application/ld+json'>"
    "{\"@type\":\"NewsArticle\",\"author\":[{\"@type\":\"Person\",\"name\":\"Ann Lee\"},\"Bob Ray\"]}</script>",
    "Ann Lee, Bob Ray" },
  { "json-ld-creator", AUTHOR,
    "<script type='application/ld+json'>{\"@type\":\"Article\",\"headline\":\"h\","
    "\"creator\":{\"@type\":\"Person\",\"givenName\":\"Cara\",\"familyName\":\"Stone\"}}</script>",
    "Cara Stone" },
  { "microdata-author", AUTHOR,
    "<body><span itemprop='author' itemscope itemtype='https://schema.org/Person'>"
    "Written by <span itemprop='name'>Chen Wu</span></span></body>", "Chen Wu" },
  { "meta-author", AUTHOR, "<meta name='author' content='By Dana Fox'>", "Dana Fox" },
  { "article-author", AUTHOR, "<meta property='article:author' content='Eli Moss'>", "Eli Moss" },
  { "citation-author", AUTHOR,
    "<meta name='citation_author' content='Kim, Jo'><meta name='citation_author' content='Lund, Per'>",
    "Jo Kim, Per Lund" },
  { "dc-creator", AUTHOR, "<meta name='DC.creator' content='Orr, Fay'>", "Fay Orr" },
  { "meta-byline", AUTHOR, "<meta name='byl' content='By Gus Hale and Ivy Dunn'>", "Gus Hale, Ivy Dunn" },
  { "parsely-page", AUTHOR,
    "<meta name='parsely-page' content='{\"title\":\"t\",\"authors\":[\"Ida Moll\",\"Jon Pratt\"]}'>",
    "Ida Moll, Jon Pratt" },
  { "twitter-label-author", AUTHOR,
    "<meta name='twitter:label1' content='Est. reading time'><meta name='twitter:data1' content='4 minutes'>"
    "<meta name='twitter:label2' content='Written by'><meta name='twitter:data2' content='Kai Lund'>",
    "Kai Lund" },
  { "rel-author", AUTHOR, "<body><p>Story by <a rel='author' href='/staff/hal'>Hal Ives</a></p></body>",
    "Hal Ives" },
  { "byline-class", AUTHOR,
    "<body><div class='article__byline'>By Jan Koch, Foreign correspondent | 5 May 2024</div></body>",
    "Jan Koch" },
  { "author-class", AUTHOR, "<body><span class='post-author-name'>Lea Marx</span></body>", "Lea Marx" },
  { "author-link", AUTHOR,
    "<body><nav><a href='/authors/ola-berg/'>Ola Berg</a></nav><h1>Storm</h1>"
    "<p>Text by <a href='https://news.example/autoren/nina-voss'>Nina Voss</a> und "
    "<a href='/autoren/tim-wolf'>Tim Wolf</a></p><p>Story</p>"
    "<a href='/journalist/2012-06/01/story.htm'>Another story</a></body>", "Nina Voss, Tim Wolf" },
  { "by-line-text", AUTHOR, "<body><h1>Flood waters recede</h1><p>By Max Nord</p><p>Text.</p></body>",
    "Max Nord" },

  /* publication date */
  { "json-ld-date-published", DATE,
    "<meta property='article:modified_time' content='2024-06-02T09:00:00Z'>"
    "<script type='application/ld+json'><![CDATA[{\"@type\":\"BlogPosting\","
    "\"dateModified\":\"2024-06-01T10:00:00+02:00\",\"datePublished\":\"2024-05-01T10:00:00+02:00\"}]]></script>",
    "2024-05-01T10:00:00+02:00" },
  { "microdata-date-published", DATE, "<body><meta itemprop='datePublished' content='2023-03-04'></body>",
    "2023-03-04" },
  { "article-published-time", DATE,
    "<meta property='article:published_time' content='2022-02-03T04:05:06-05:00'>", "2022-02-03T04:05:06-05:00" },
  { "citation-date", DATE, "<meta name='citation_publication_date' content='2021/07/08'>", "2021-07-08" },
  { "dc-date", DATE, "<meta name='DC.date.issued' content='2020-01-02'>", "2020-01-02" },
  { "meta-date", DATE, "<meta name='pubdate' content='2019-09-10 08:30:00'>", "2019-09-10T08:30:00" },
  { "time-pubdate", DATE,
    "<body><time datetime='2018-01-01'>x</time><time pubdate datetime='2018-05-06T07:08:09Z'>May</time></body>",
    "2018-05-06T07:08:09Z" },
  { "date-class", DATE, "<body><span class='entry-date'>Posted 12 March 2017</span></body>", "2017-03-12" },
  { "time-element", DATE, "<body><time>November 5, 2016</time></body>", "2016-11-05" },
  { "date-near-headline", DATE,
    "<body><p>Menu</p><h1>Council votes</h1><p>Veröffentlicht am 5. November 2023, 10:00</p></body>",
    "2023-11-05" },
  { "url-date", DATE, "<link rel='canonical' href='https://news.example/2015/06/07/story'>", "2015-06-07" },
  { "date-in-text", DATE, "<body><p>Archive</p><p>Stand: 03.04.2014</p></body>", "2014-04-03" },
  { "modified-date", DATE, "<meta property='article:modified_time' content='2013-08-09T10:11:12Z'>",
    "2013-08-09T10:11:12Z" },

  /* language */
  { "html-lang", LANGUAGE, "<html lang='de-CH'><meta property='og:locale' content='fr_FR'></html>", "de-CH" },
  { "content-language", LANGUAGE, "<meta http-equiv='Content-Language' content='nl, en'>", "nl" },
  { "og-locale", LANGUAGE, "<meta property='og:locale' content='en_GB'>", "en-GB" },
  { "json-ld-language", LANGUAGE,
    "<script type='application/ld+json'>{\"@type\":\"Article\",\"inLanguage\":\"es\"}</script>", "es" },
  { "microdata-language", LANGUAGE, "<body><meta itemprop='inLanguage' content='pt_BR'></body>", "pt-BR" },
  { "dc-language", LANGUAGE, "<meta name='DC.language' content='it'>", "it" },
};

static void
test_rules (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (rule_cases); i++)
    {
      const RuleCase *c = &rule_cases[i];
      g_autoptr(WdHtmlMeta) meta = read_page (c->html, BASE);
      const char *value = NULL, *rule = NULL;

      switch (c->field)
        {
        case TITLE: value = meta->title; rule = meta->title_rule; break;
        case SITE: value = meta->site_name; rule = meta->site_rule; break;
        case AUTHOR: value = meta->author; rule = meta->author_rule; break;
        case DATE: value = meta->published; rule = meta->published_rule; break;
        case LANGUAGE: value = meta->language; rule = meta->language_rule; break;
        default: g_assert_not_reached ();
        }

      g_test_message ("rule %s", c->rule);
      g_assert_cmpstr (value, ==, c->value);
      g_assert_cmpstr (rule, ==, c->rule);
    }
}

/* Every rule of the reader has a page above. */
static void
test_rules_all_covered (void)
{
  for (guint rule = 0; rule < WD_N_RULES; rule++)
    {
      const char *name = _wd_page_rule_name (rule);
      gboolean covered = g_str_equal (name, "link-canonical") || g_str_equal (name, "og-url");

      for (guint i = 0; i < G_N_ELEMENTS (rule_cases) && !covered; i++)
        covered = g_str_equal (rule_cases[i].rule, name);

      g_test_message ("rule %s", name);
      g_assert_true (covered);
    }
}

/* JSON-LD authors in the forms real pages use: a reference to a person
 * another block names, the article as a page's "mainEntity", and a news
 * agency listed beside the reporter. */
static void
test_json_ld_authors (void)
{
  g_autoptr(WdHtmlMeta) other_block = read_page (
    "<script type='application/ld+json'>{\"@type\":\"NewsArticle\",\"headline\":\"h\","
    "\"author\":[{\"@id\":\"https://news.example/#ann\"},{\"@id\":\"#nobody\"}]}</script>"
    "<script type='application/ld+json'>{\"@type\":\"Person\",\"@id\":\"https://news.example/#ann\","
    "\"name\":\"Ann Lee\"}</script><meta name='author' content='Site Admin'>", BASE);
  g_autoptr(WdHtmlMeta) main_entity = read_page (
    "<script type='application/ld+json'>{\"@type\":\"WebPage\",\"mainEntity\":"
    "{\"@type\":\"Article\",\"headline\":\"h\",\"author\":{\"name\":\"Bob Ray\"}}}</script>", BASE);
  g_autoptr(WdHtmlMeta) agency = read_page (
    "<script type='application/ld+json'>{\"@type\":\"NewsArticle\",\"headline\":\"h\",\"author\":["
    "{\"@type\":\"NewsMediaOrganization\",\"name\":\"Wire Agency\"},"
    "{\"@type\":\"Person\",\"name\":\"Cy Oh\"}]}</script>", BASE);
  g_autoptr(WdHtmlMeta) encoded = read_page (
    "<script type='application/ld+json'>{\"@type\":\"NewsArticle\",\"headline\":\"h\","
    "\"author\":\"{ \\\"@type\\\":\\\"Person\\\", \\\"name\\\":\\\"Dee Fox\\\" }\"}</script>", BASE);
  g_autoptr(WdHtmlMeta) only_agency = read_page (
    "<script type='application/ld+json'>{\"@type\":\"NewsArticle\",\"headline\":\"h\",\"author\":["
    "{\"@type\":\"Organization\",\"name\":\"Wire Agency\"}]}</script>", BASE);

  g_assert_cmpstr (other_block->author, ==, "Ann Lee");
  g_assert_cmpstr (other_block->author_rule, ==, "json-ld-author");
  g_assert_cmpstr (main_entity->author, ==, "Bob Ray");
  g_assert_cmpstr (agency->author, ==, "Cy Oh");
  g_assert_cmpstr (only_agency->author, ==, "Wire Agency");
  /* a person encoded as JSON once more, inside a string */
  g_assert_cmpstr (encoded->author, ==, "Dee Fox");
}

/* Several authors come from one byline, not from the bylines of a list of
 * other stories further down or in an aside. */
static void
test_bylines_side_by_side (void)
{
  g_autoptr(WdHtmlMeta) together = read_page (
    "<body><h1>Storm</h1><p>By <a rel='author' href='/a/ann'>Ann Lee</a> and "
    "<a rel='author' href='/a/bob'>Bob Ray</a></p><p>Story text.</p>"
    "<ul><li><a href='/other'>A much longer headline of another story</a> by "
    "<a rel='author' href='/a/zed'>Zed Ark</a></li></ul></body>", BASE);
  g_autoptr(WdHtmlMeta) aside = read_page (
    "<body><aside><p class='byline'>By Zed Ark</p><a rel='author' href='/a/zed'>Zed Ark</a></aside>"
    "<h1>Storm</h1><div class='byline'>By <a href='/staff/ann-lee'>Ann Lee</a></div></body>", BASE);

  g_assert_cmpstr (together->author, ==, "Ann Lee, Bob Ray");
  g_assert_cmpstr (together->author_rule, ==, "rel-author");
  g_assert_cmpstr (aside->author, ==, "Ann Lee");
  g_assert_cmpstr (aside->author_rule, ==, "byline-class");
}

/* The lines of a byline in the markup stay apart: the name, then a job
 * title or a link to the author's articles. */
static void
test_byline_blocks (void)
{
  g_autoptr(WdHtmlMeta) meta = read_page (
    "<body><div class='author-box'><span class='from'>von</span>\n   Dana Fox<br>Redakteurin"
    "<div><a href='/dana'>Alle Artikel</a></div></div></body>", BASE);
  g_autoptr(WdHtmlMeta) split = read_page (
    "<body><div class='vcard author'><span class='fn'>Eve Park</span> <span class='title'>Senior Editor</span>"
    "</div></body>", BASE);

  g_assert_cmpstr (meta->author, ==, "Dana Fox");
  g_assert_cmpstr (split->author, ==, "Eve Park");
}

/* citation_authors lists everyone in one statement. */
static void
test_citation_authors (void)
{
  g_autoptr(WdHtmlMeta) meta = read_page (
    "<meta name='citation_authors' content='Lee, Ann; Ray, Bob; van Dijk, Cor'>", BASE);

  g_assert_cmpstr (meta->author, ==, "Ann Lee, Bob Ray, Cor van Dijk");
  g_assert_cmpstr (meta->author_rule, ==, "citation-author");
}

/* citation_author and DC.creator name one person each, often "Last, First". */
static void
test_inverted_names (void)
{
  g_autoptr(WdHtmlMeta) meta = read_page (
    "<meta name='citation_author' content='van der Berg, Jan'>"
    "<meta name='citation_author' content='Lee, Ann Marie'>"
    "<meta name='citation_author' content='Bob Ray, Cy Dunn'>", BASE);

  g_assert_cmpstr (meta->author, ==, "Jan van der Berg, Ann Marie Lee, Bob Ray, Cy Dunn");
}

/* Several authors stay a list; the joined field is what the editor and the
 * exports show. */
static void
test_several_authors (void)
{
  g_autoptr(WdHtmlMeta) meta = read_page (
    "<script type='application/ld+json'>{\"@context\":\"https://schema.org\",\"@graph\":["
    "{\"@type\":\"Person\",\"@id\":\"#p1\",\"name\":\"Ann Lee\"},"
    "{\"@type\":\"NewsArticle\",\"headline\":\"h\",\"author\":[{\"@id\":\"#p1\"},"
    "{\"@type\":\"Person\",\"name\":\"Bob Ray\"},{\"name\":\"ann lee\"}]}]}</script>", BASE);

  g_assert_nonnull (meta->authors);
  g_assert_cmpuint (g_strv_length (meta->authors), ==, 2);
  g_assert_cmpstr (meta->authors[0], ==, "Ann Lee");
  g_assert_cmpstr (meta->authors[1], ==, "Bob Ray");
  g_assert_cmpstr (meta->author, ==, "Ann Lee, Bob Ray");
}

static void
test_names (void)
{
  static const struct { const char *byline; const char *names; } cases[] = {
    { "By Ann Lee and Bob Ray, Staff Writers", "Ann Lee|Bob Ray" },
    { "BY ANN LEE", "ANN LEE" },
    { "Will Smale, Business reporter", "Will Smale" },
    { "Paz Segura - Marketing Manager", "Paz Segura" },
    { "Von Jana Roth | 05.11.2023", "Jana Roth" },
    { "Par Marie Dupont et Luc Martin", "Marie Dupont|Luc Martin" },
    { "Written by: Sam Oak (@samoak)", "Sam Oak" },
    { "@samoak", "" },
    { "sam.oak@news.example", "" },
    { "https://twitter.com/samoak", "" },
    { "www.facebook.com/samoak", "" },
    { "news.example", "" },
    { "Staff Writer", "" },
    { "Senior Correspondent", "" },
    { "Tom Field; Ute Berg & Vic Stone", "Tom Field|Ute Berg|Vic Stone" },
    { "Jean-Luc Picard", "Jean-Luc Picard" },
    /* particles: "By" in other languages starts names too */
    { "Von Miller", "Von Miller" },
    { "De Rosa", "De Rosa" },
    { "Von Jana Roth", "Jana Roth" },
    { "Ludwig van Beethoven", "Ludwig van Beethoven" },
    { "Maria de la Cruz", "Maria de la Cruz" },
    { "José Ortega y Gasset", "José Ortega y Gasset" },
    { "Por Ana Gil y Luis Mora", "Ana Gil|Luis Mora" },
    { "di Marco Rossi e Luca Bianchi", "Marco Rossi|Luca Bianchi" },
    /* "and" in any case, "with" */
    { "BY ANN LEE AND BOB RAY", "ANN LEE|BOB RAY" },
    { "By Ann Lee, Bob Ray, and Cy Oh", "Ann Lee|Bob Ray|Cy Oh" },
    { "By Ann Lee with Bob Ray", "Ann Lee|Bob Ray" },
    { "By Ann Lee with additional reporting by Bob Ray", "Ann Lee|Bob Ray" },
    { "Ann Lee and agencies", "Ann Lee" },
    /* a job title run into the name by the markup */
    { "Ann Lee Staff Writer", "Ann Lee" },
    { "Senior Reporter Ann Lee", "Ann Lee" },
    /* one word after a full name is a label, not an author */
    { "Ann Lee, Reuters", "Ann Lee" },
    /* the blocks of a byline in the markup are read apart */
    { "von\x1e" "Dana Fox", "Dana Fox" },
    { "Ann Lee\x1e" "Staff writer", "Ann Lee" },
    { "Ann Lee\x1e" "All articles", "Ann Lee" },
    { "Ann Lee\x1e" "News", "Ann Lee" },
    { "Ann Lee\x1e" "Bob Ray", "Ann Lee|Bob Ray" },
    /* placeholders and code are nobody */
    { "Unknown", "" },
    { "wordpressadmin", "" },
    { "Auteur", "" },
    { "von wordpressadmin", "" },
    { "Auteur: Anna Kubi", "Anna Kubi" },
    { "Eingestellt von Jana Roth", "Jana Roth" },
    { "{ \"name\": \"Ann Lee\" }", "" },
    { "By Ann Lee, by Ann Lee", "Ann Lee" },
    { "Lorem ipsum dolor sit amet, consectetur adipiscing elit, sed do eiusmod tempor incididunt ut "
      "labore et dolore magna aliqua. Ut enim ad minim veniam, quis nostrud exercitation ullamco "
      "laboris nisi ut aliquip ex ea commodo consequat.", "" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
      g_autofree char *joined = NULL;

      _wd_page_names_from_byline (cases[i].byline, names);
      g_ptr_array_add (names, NULL);
      joined = g_strjoinv ("|", (char **) names->pdata);
      g_test_message ("byline “%s”", cases[i].byline);
      g_assert_cmpstr (joined, ==, cases[i].names);
    }
}

static void
test_dates_in_text (void)
{
  static const struct { const char *text; const char *date; } cases[] = {
    { "Published 2023-11-05 10:00", "2023-11-05" },
    { "Am 05.11.2023 um 10 Uhr", "2023-11-05" },
    { "Party, 30.10.23", "2023-10-30" },
    { "5. November 2023", "2023-11-05" },
    { "5 nov. 2023", "2023-11-05" },
    { "November 5th, 2023", "2023-11-05" },
    { "Nov 5, 2023", "2023-11-05" },
    { "le 1er janvier 2020", "2020-01-01" },
    { "3 de marzo de 2021", "2021-03-03" },
    { "12 März 2022", "2022-03-12" },
    { "2012年6月4日", "2012-06-04" },
    { "2019/03/02", "2019-03-02" },
    { "first 2 May 2020 then 3 May 2021", "2020-05-02" },
    { "31.02.2020", NULL },
    { "version 1.2.3", NULL },
    { "May be 5, or 2020", NULL },
    { "call 0800 123 4567", NULL },
    { "", NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *date = _wd_page_date_in_text (cases[i].text, strlen (cases[i].text));

      g_test_message ("text “%s”", cases[i].text);
      g_assert_cmpstr (date, ==, cases[i].date);
    }
}

/* Structured data outranks visible markup, which outranks the text. */
static void
test_ranking (void)
{
  g_autoptr(WdHtmlMeta) meta = read_page (
    "<html><head><title>Quake | Seismo News</title>"
    "<meta property='og:site_name' content='Seismo'>"
    "<meta property='article:modified_time' content='2024-02-02T00:00:00Z'>"
    "<script type='application/ld+json'>{\"@type\":\"NewsArticle\",\"author\":{\"name\":\"Ola Berg\"},"
    "\"datePublished\":\"2024-01-01T08:00:00Z\"}</script></head>"
    "<body><h1>Quake</h1><p class='byline'>By Pia Sand</p><p>3 January 2024</p>"
    "<a rel='author' href='/x'>Rae Tod</a></body></html>", BASE);

  g_assert_cmpstr (meta->author, ==, "Ola Berg");
  g_assert_cmpstr (meta->author_rule, ==, "json-ld-author");
  g_assert_cmpstr (meta->published, ==, "2024-01-01T08:00:00Z");
  g_assert_cmpstr (meta->published_rule, ==, "json-ld-date-published");
  g_assert_cmpstr (meta->site_name, ==, "Seismo");
}

/* A handle or a profile address in an author field is passed over for the
 * next rule, not shown as the author. */
static void
test_author_falls_through (void)
{
  g_autoptr(WdHtmlMeta) meta = read_page (
    "<meta name='author' content='https://www.facebook.com/someone'>"
    "<meta property='article:author' content='@someone'>"
    "<body><div class='byline'>By Quinn Hart</div></body>", BASE);

  g_assert_cmpstr (meta->author, ==, "Quinn Hart");
  g_assert_cmpstr (meta->author_rule, ==, "byline-class");
}

/* The headline is the <h1> the title holds, not a logo's <h1> before it. */
static void
test_headline_among_headings (void)
{
  g_autoptr(WdHtmlMeta) meta = read_page (
    "<title>Tax reform passes - Customs News</title><body>"
    "<h1>Customs</h1><p>Service 01.01.2000</p><p>Lots of navigation text here.</p>"
    "<h1>Tax reform passes</h1><div>Datum: 18.10.2021</div></body>", BASE);

  g_assert_cmpstr (meta->published, ==, "2021-10-18");
  g_assert_cmpstr (meta->heading, ==, "Customs");
}

/* A comment author's name or a related story's byline is not the author:
 * comment classes are not bylines. */
/* A "By …" line in the text names someone only with a capital: "By the
 * numbers" is a heading. */
static void
test_by_line_capital (void)
{
  g_autoptr(WdHtmlMeta) heading = read_page (
    "<body><h1>Budget</h1><p>By the numbers</p><p>Text.</p></body>", BASE);
  g_autoptr(WdHtmlMeta) name = read_page (
    "<body><h1>Budget</h1><p>By Öykü Kaya</p><p>Text.</p></body>", BASE);

  g_assert_null (heading->author);
  g_assert_cmpstr (name->author, ==, "Öykü Kaya");
}

static void
test_comment_not_byline (void)
{
  g_autoptr(WdHtmlMeta) meta = read_page (
    "<body><h1>T</h1><p>Text</p><div class='comment-author'>Troll Person</div></body>", BASE);

  g_assert_null (meta->author);
  g_assert_null (meta->author_rule);
}

/* Class names count by their words: "candidate" is not a date,
 * "entryDate" is. */
static void
test_class_words (void)
{
  g_autoptr(WdHtmlMeta) other = read_page (
    "<body><div class='candidate-list'>Vote on 01.02.2020</div></body>", BASE);
  g_autoptr(WdHtmlMeta) camel = read_page (
    "<body><div class='entryDate'>01.02.2020</div></body>", BASE);

  g_assert_cmpstr (other->published_rule, !=, "date-class");
  g_assert_cmpstr (camel->published, ==, "2020-02-01");
  g_assert_cmpstr (camel->published_rule, ==, "date-class");
}

/* libxml2's HTML parser compares each attribute of a tag with every one
 * before it: one tag with 1 MB of attributes took 12.9 s. The reader cuts
 * tags to WD_HTML_MAX_ATTRIBUTES first, and still reads the page around. */
static void
test_many_attributes (void)
{
  g_autoptr(GString) page = g_string_new ("<html><head><title>Before</title></head><body><p ");
  g_autoptr(WdHtmlMeta) meta = NULL;
  gint64 start;
  double seconds;

  while (page->len < 1024 * 1024)
    g_string_append_printf (page, "a%u=\"x\" ", (guint) page->len);
  g_string_append (page, ">text</p><h1>After the tag</h1></body></html>");

  start = g_get_monotonic_time ();
  meta = read_page (page->str, BASE);
  seconds = (g_get_monotonic_time () - start) / (double) G_USEC_PER_SEC;

  g_test_message ("1 MiB of attributes read in %.3f s", seconds);
  g_assert_cmpfloat (seconds, <, 2.0);
  g_assert_cmpstr (meta->title, ==, "Before");
  g_assert_cmpstr (meta->heading, ==, "After the tag");
}

static void
test_bound_tags (void)
{
  g_autoptr(GString) tag = g_string_new ("<div id='x' ");
  g_autofree char *out = NULL;
  gsize out_len = 0;
  const char *normal = "<p class=\"a\" data-x='1 2 3' title=\"it's\">x</p><script>if (a<b) {}</script>";
  const char *stray = "<a href=\"https://x/?u=\"https%3A&title=Le\">link</a>";

  /* Pages as they are: nothing copied. */
  g_assert_null (_wd_html_bound_tags (normal, strlen (normal), &out_len));
  g_assert_null (_wd_html_bound_tags (stray, strlen (stray), &out_len));

  for (guint i = 0; i < 500; i++)
    g_string_append_printf (tag, "a%u=\"%u\" ", i, i);
  g_string_append (tag, "><b>kept</b>");

  out = _wd_html_bound_tags (tag->str, tag->len, &out_len);
  g_assert_nonnull (out);
  g_assert_cmpuint (out_len, ==, strlen (out));
  g_assert_true (g_str_has_prefix (out, "<div id='x' a0=\"0\""));
  g_assert_true (g_str_has_suffix (out, "><b>kept</b>"));
  g_assert_null (strstr (out, "a100="));
}

/* Hostile pages stay bounded: a JSON-LD block over the limit is skipped,
 * thousands of <meta>s and deep nesting are read without trouble. */
static void
test_hostile (void)
{
  g_autoptr(GString) page = g_string_new ("<html><head><title>Fine</title>");
  g_autoptr(WdHtmlMeta) meta = NULL;

  g_string_append (page, "<script type='application/ld+json'>{\"@type\":\"Article\",\"headline\":\"");
  for (guint i = 0; i < 300 * 1024; i++)
    g_string_append_c (page, 'x');
  g_string_append (page, "\"}</script>");
  for (guint i = 0; i < 20000; i++)
    g_string_append_printf (page, "<meta name='author' content='Name %u'>", i);
  g_string_append (page, "</head><body>");
  for (guint i = 0; i < 5000; i++)
    g_string_append (page, "<div class='byline'><span itemprop='author' itemscope>");
  g_string_append (page, "deep</body></html>");

  meta = read_page (page->str, BASE);
  g_assert_cmpstr (meta->title, ==, "Fine");
  g_assert_cmpstr (meta->title_rule, ==, "title-element");
  /* "Name 0" has a digit, so no meta author: the innermost of the 5 000
   * nested author scopes names "deep". */
  g_assert_cmpstr (meta->author, ==, "deep");
  g_assert_cmpstr (meta->author_rule, ==, "microdata-author");
}

/* JSON-LD authors given by reference, thousands of them across the
 * blocks, with people named in other blocks: at most 64 kept each way,
 * and the page read. */
static void
test_hostile_references (void)
{
  g_autoptr(GString) page = g_string_new ("<html><head><title>Fine</title>");
  g_autoptr(WdHtmlMeta) meta = NULL;

  for (guint block = 0; block < 20; block++)
    {
      g_string_append (page, "<script type='application/ld+json'>{\"@graph\":[");
      for (guint i = 0; i < 190; i++)
        g_string_append_printf (page, "{\"@type\":\"Person\",\"@id\":\"#p%u-%u\",\"name\":\"P %u\"},",
                                block, i, i);
      g_string_append (page, "{\"@type\":\"Article\",\"headline\":\"Fine\",\"author\":[");
      for (guint i = 0; i < 5000; i++)
        g_string_append_printf (page, "%s{\"@id\":\"#q%u\"}", i > 0 ? "," : "", i);
      g_string_append (page, "]}]}</script>");
    }
  for (guint i = 0; i < 20000; i++)
    g_string_append_printf (page, "<meta name='twitter:label%u' content='Written by'>", i % 9);
  g_string_append (page, "<meta name='parsely-page' content='");
  for (guint i = 0; i < 4000; i++)
    g_string_append (page, "[[");
  g_string_append (page, "'></head><body><p>Text</p></body></html>");

  meta = read_page (page->str, BASE);
  g_assert_cmpstr (meta->title, ==, "Fine");
  g_assert_null (meta->author);
}

/* Pages are read on several threads at once (the checker's parsers, the
 * evidence recorder). The reader's shared regular expressions are made
 * once; their first use must not race: GLib JIT-compiles an optimised
 * GRegex at its first match, without a lock, and two threads doing it
 * together corrupt the heap. Each run is a fresh process, so the first
 * use happens on all threads at once. */
#define FIRST_USE_THREADS 8

static gint first_use_start;

static gpointer
read_on_thread (gpointer data)
{
  static const char page[] =
    "<html><head><meta charset='windows-1252'><title>Caf\xe9 story</title></head>"
    "<body><p>A page read on many threads.</p></body></html>";
  g_autoptr(WdHtmlMeta) meta = NULL;

  while (!g_atomic_int_get (&first_use_start))
    ;
  meta = wd_html_meta_parse ((const guint8 *) page, sizeof page - 1, "text/html", NULL,
                             "https://news.example/2026/12/05/story.html");
  return g_strdup (meta->title);
}

static void
test_threads_first_use (void)
{
  if (g_test_subprocess ())
    {
      GThread *threads[FIRST_USE_THREADS];

      for (guint i = 0; i < FIRST_USE_THREADS; i++)
        threads[i] = g_thread_new ("reader", read_on_thread, NULL);
      g_atomic_int_set (&first_use_start, 1);
      for (guint i = 0; i < FIRST_USE_THREADS; i++)
        {
          g_autofree char *title = g_thread_join (threads[i]);

          g_assert_cmpstr (title, ==, "Café story");
        }
      return;
    }

  for (guint run = 0; run < 20; run++)
    {
      g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_DEFAULT);
      g_test_trap_assert_passed ();
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);


  g_test_add_func ("/page-reader/rules", test_rules);
  g_test_add_func ("/page-reader/rules/all-covered", test_rules_all_covered);
  g_test_add_func ("/page-reader/several-authors", test_several_authors);
  g_test_add_func ("/page-reader/names", test_names);
  g_test_add_func ("/page-reader/inverted-names", test_inverted_names);
  g_test_add_func ("/page-reader/json-ld-authors", test_json_ld_authors);
  g_test_add_func ("/page-reader/bylines-side-by-side", test_bylines_side_by_side);
  g_test_add_func ("/page-reader/byline-blocks", test_byline_blocks);
  g_test_add_func ("/page-reader/citation-authors", test_citation_authors);
  g_test_add_func ("/page-reader/dates-in-text", test_dates_in_text);
  g_test_add_func ("/page-reader/ranking", test_ranking);
  g_test_add_func ("/page-reader/author-falls-through", test_author_falls_through);
  g_test_add_func ("/page-reader/headline-among-headings", test_headline_among_headings);
  g_test_add_func ("/page-reader/comment-not-byline", test_comment_not_byline);
  g_test_add_func ("/page-reader/by-line-capital", test_by_line_capital);
  g_test_add_func ("/page-reader/class-words", test_class_words);
  g_test_add_func ("/page-reader/hostile/many-attributes", test_many_attributes);
  g_test_add_func ("/page-reader/hostile/bound-tags", test_bound_tags);
  g_test_add_func ("/page-reader/threads/first-use", test_threads_first_use);
  g_test_add_func ("/page-reader/hostile/bounded", test_hostile);
  g_test_add_func ("/page-reader/hostile/references", test_hostile_references);

  return g_test_run ();
}

/* The article's provenance as W3C PROV-JSON: its structure. */
#include "config.h"

#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <string.h>

#include "wiredesk-core.h"
#include "wd-source-private.h"

static WdArticle *
make_article (void)
{
  WdArticle *article = wd_article_new ();
  g_autoptr(GError) error = NULL;
  WdSource *wire = wd_article_add_source_url (article, "https://www.reuters.com/world/ferries", &error);
  WdSource *plant = wd_article_add_source_url (article, "https://t.me/kesselfish/4417", &error);
  WdSource *unused = wd_article_add_source_url (article, "https://en.wikipedia.org/wiki/Ferry", &error);
  g_autoptr(WdCheckResult) check = wd_check_result_new (WD_CHECK_STATUS_NOT_FOUND);
  g_autofree char *body = NULL;

  g_assert_no_error (error);
  _wd_source_set_id (wire, "wire");
  /* an id that is no valid local name gets escaped, not broken */
  _wd_source_set_id (plant, "plant/1");
  _wd_source_set_id (unused, "ref");
  wd_source_set_label (wire, "Wire report");

  wd_check_result_set_http_status (check, 404);
  wd_check_result_set_text (check, "checked-at", "2026-11-23T12:00:00Z");
  /* What the check kept of the page: its WARC record in the evidence package. */
  wd_check_result_set_text (check, "capture-id", "<urn:uuid:6f1c1b7e-0d4e-4f39-9a55-2a7c0c1d9e01>");
  wd_check_result_set_text (check, "capture-digest", "sha256:9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08");
  wd_source_set_check (plant, check);

  wd_article_set_headline (article, "Night ferries halted");
  wd_article_set_byline (article, "Ada Desk");
  body = g_strdup ("Ferries stopped.[^wire]\n\nA shuttle runs.[^plant/1][^wire]");
  wd_article_set_body (article, body);

  return article;
}

static JsonObject *
member_object (JsonObject *object,
               const char *name)
{
  g_assert_true (json_object_has_member (object, name));
  return json_object_get_object_member (object, name);
}

/* Every identifier a relation names exists in one of the sections. */
static void
assert_refers_to (JsonObject *root,
                  const char *id)
{
  const char *sections[] = { "entity", "activity", "agent" };

  for (guint i = 0; i < G_N_ELEMENTS (sections); i++)
    if (json_object_has_member (member_object (root, sections[i]), id))
      return;

  g_error ("relation names “%s”, which is not described", id);
}

/* The capture is an entity of its own that the article derives from,
 * named by its WARC record id, a specialisation of the source. */
static void
test_prov_capture (void)
{
  g_autoptr(WdArticle) article = make_article ();
  g_autoptr(GBytes) bytes = wd_export_prov (article);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autofree char *article_id = g_strconcat ("article:", wd_article_get_id (article), NULL);
  const char *capture = "capture:6f1c1b7e-0d4e-4f39-9a55-2a7c0c1d9e01";
  JsonObject *root, *entity, *derived, *spec;
  gboolean derives = FALSE;
  GList *members;

  g_assert_true (json_parser_load_from_data (parser, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes), NULL));
  root = json_node_get_object (json_parser_get_root (parser));
  g_assert_cmpstr (json_object_get_string_member (member_object (root, "prefix"), "capture"), ==, "urn:uuid:");

  entity = member_object (member_object (root, "entity"), capture);
  g_assert_cmpstr (json_object_get_string_member (entity, "wd:warcRecordId"), ==,
                   "<urn:uuid:6f1c1b7e-0d4e-4f39-9a55-2a7c0c1d9e01>");
  g_assert_true (g_str_has_prefix (json_object_get_string_member (entity, "wd:payloadDigest"), "sha256:"));

  derived = member_object (root, "wasDerivedFrom");
  members = json_object_get_members (derived);
  for (GList *l = members; l != NULL; l = l->next)
    {
      JsonObject *d = json_object_get_object_member (derived, l->data);

      derives |= g_str_equal (json_object_get_string_member (d, "prov:generatedEntity"), article_id) &&
                 g_str_equal (json_object_get_string_member (d, "prov:usedEntity"), capture);
    }
  g_list_free (members);
  g_assert_true (derives);

  spec = member_object (member_object (root, "specializationOf"), "_:spec1");
  g_assert_cmpstr (json_object_get_string_member (spec, "prov:specificEntity"), ==, capture);
  g_assert_cmpstr (json_object_get_string_member (spec, "prov:generalEntity"), ==, "source:plant%2F1");
}

static void
test_prov_structure (void)
{
  g_autoptr(WdArticle) article = make_article ();
  g_autoptr(GBytes) bytes = wd_export_prov (article);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *article_id = g_strconcat ("article:", wd_article_get_id (article), NULL);
  JsonObject *root, *prefix, *entities, *activities, *agents, *derived, *relation, *check;
  const char *relations[] = { "used", "wasAssociatedWith", "wasDerivedFrom", "wasAttributedTo" };

  json_parser_load_from_data (parser, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes), &error);
  g_assert_no_error (error);
  root = json_node_get_object (json_parser_get_root (parser));

  prefix = member_object (root, "prefix");
  g_assert_cmpstr (json_object_get_string_member (prefix, "wd"), ==, WD_PROV_NAMESPACE);
  g_assert_true (g_str_has_prefix (json_object_get_string_member (prefix, "source"), "urn:wiredesk:article:"));

  /* the article, each source and the capture its check kept are entities */
  entities = member_object (root, "entity");
  g_assert_cmpuint (json_object_get_size (entities), ==, 5);
  g_assert_cmpstr (json_object_get_string_member (member_object (member_object (entities, article_id), "prov:type"), "$"),
                   ==, "wd:Article");
  g_assert_cmpstr (json_object_get_string_member (member_object (entities, article_id), "prov:label"),
                   ==, "Night ferries halted");
  g_assert_cmpstr (json_object_get_string_member (member_object (member_object (entities, "source:wire"), "prov:location"), "$"),
                   ==, "https://www.reuters.com/world/ferries");
  g_assert_cmpstr (json_object_get_string_member (member_object (entities, "source:wire"), "wd:kind"), ==, "wire");
  g_assert_true (json_object_has_member (entities, "source:plant%2F1"));
  g_assert_true (json_object_has_member (entities, "source:ref"));

  /* each check is an activity with its time and verdict */
  activities = member_object (root, "activity");
  g_assert_cmpuint (json_object_get_size (activities), ==, 1);
  check = member_object (activities, "check:plant%2F1");
  g_assert_cmpstr (json_object_get_string_member (check, "prov:startTime"), ==, "2026-11-23T12:00:00Z");
  g_assert_cmpstr (json_object_get_string_member (member_object (check, "prov:type"), "type"),
                   ==, "prov:QUALIFIED_NAME");
  g_assert_cmpstr (json_object_get_string_member (check, "wd:verdict"), ==, "not-found");
  g_assert_cmpint (json_object_get_int_member (check, "wd:httpStatus"), ==, 404);

  /* the editor is an agent, labelled with the byline */
  agents = member_object (root, "agent");
  g_assert_cmpstr (json_object_get_string_member (member_object (member_object (agents, "agent:editor"), "prov:type"), "$"),
                   ==, "prov:Person");
  g_assert_cmpstr (json_object_get_string_member (member_object (agents, "agent:editor"), "prov:label"),
                   ==, "Ada Desk");

  /* wasDerivedFrom for the cited sources only, with how often (and
   * from the capture of a cited source: see /prov/capture) */
  derived = member_object (root, "wasDerivedFrom");
  g_assert_cmpuint (json_object_get_size (derived), ==, 3);
  relation = member_object (derived, "_:derived1");
  g_assert_cmpstr (json_object_get_string_member (relation, "prov:generatedEntity"), ==, article_id);
  g_assert_cmpstr (json_object_get_string_member (relation, "prov:usedEntity"), ==, "source:wire");
  g_assert_cmpint (json_object_get_int_member (relation, "wd:citations"), ==, 2);
  relation = member_object (derived, "_:derived2");
  g_assert_cmpstr (json_object_get_string_member (relation, "prov:usedEntity"), ==, "source:plant%2F1");
  g_assert_cmpint (json_object_get_int_member (relation, "wd:citations"), ==, 1);

  relation = member_object (member_object (root, "wasAttributedTo"), "_:attr1");
  g_assert_cmpstr (json_object_get_string_member (relation, "prov:agent"), ==, "agent:editor");
  relation = member_object (member_object (root, "used"), "_:used1");
  g_assert_cmpstr (json_object_get_string_member (relation, "prov:activity"), ==, "check:plant%2F1");
  g_assert_cmpstr (json_object_get_string_member (relation, "prov:entity"), ==, "source:plant%2F1");

  /* no dangling references */
  for (guint i = 0; i < G_N_ELEMENTS (relations); i++)
    {
      JsonObject *section = member_object (root, relations[i]);
      g_autoptr(GList) ids = json_object_get_members (section);

      for (GList *l = ids; l != NULL; l = l->next)
        {
          JsonObject *r = json_object_get_object_member (section, l->data);
          g_autoptr(GList) roles = json_object_get_members (r);

          for (GList *k = roles; k != NULL; k = k->next)
            if (g_str_has_prefix (k->data, "prov:") && !g_str_equal (k->data, "prov:time"))
              assert_refers_to (root, json_object_get_string_member (r, k->data));
        }
    }
}

/* Each author a page names is an agent of its own, once however many
 * sources name them, and each source is attributed to each of its
 * authors. */
static void
test_prov_authors (void)
{
  g_autoptr(WdArticle) article = make_article ();
  g_autoptr(WdCheckResult) check = wd_check_result_new (WD_CHECK_STATUS_OK);
  const char * const plant_authors[] = { "Ann Lee", "Bob Ray", NULL };
  const char * const wire_authors[] = { "Bob Ray", NULL };
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  JsonObject *root, *agents, *attributed, *relation;

  wd_check_result_set_authors (wd_source_get_check (wd_article_get_source (article, 1)), plant_authors);
  wd_check_result_set_authors (check, wire_authors);
  wd_source_set_check (wd_article_get_source (article, 0), check);

  bytes = wd_export_prov (article);
  json_parser_load_from_data (parser, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes), &error);
  g_assert_no_error (error);
  root = json_node_get_object (json_parser_get_root (parser));

  agents = member_object (root, "agent");
  g_assert_cmpuint (json_object_get_size (agents), ==, 4);  /* editor, Wiredesk, two authors */
  g_assert_cmpstr (json_object_get_string_member (member_object (agents, "agent:author-1"), "prov:label"), ==, "Bob Ray");
  g_assert_cmpstr (json_object_get_string_member (member_object (member_object (agents, "agent:author-1"), "prov:type"), "$"),
                   ==, "prov:Person");
  g_assert_cmpstr (json_object_get_string_member (member_object (agents, "agent:author-2"), "prov:label"), ==, "Ann Lee");

  attributed = member_object (root, "wasAttributedTo");
  g_assert_cmpuint (json_object_get_size (attributed), ==, 4);
  relation = member_object (attributed, "_:attr2");
  g_assert_cmpstr (json_object_get_string_member (relation, "prov:entity"), ==, "source:wire");
  g_assert_cmpstr (json_object_get_string_member (relation, "prov:agent"), ==, "agent:author-1");
  relation = member_object (attributed, "_:attr3");
  g_assert_cmpstr (json_object_get_string_member (relation, "prov:entity"), ==, "source:plant%2F1");
  g_assert_cmpstr (json_object_get_string_member (relation, "prov:agent"), ==, "agent:author-2");
  relation = member_object (attributed, "_:attr4");
  g_assert_cmpstr (json_object_get_string_member (relation, "prov:agent"), ==, "agent:author-1");
}

static void
test_prov_deterministic (void)
{
  g_autoptr(WdArticle) article = make_article ();
  g_autoptr(GBytes) first = wd_export_prov (article);
  g_autoptr(GBytes) second = NULL;
  g_autoptr(WdArticle) reloaded = NULL;
  g_autoptr(GBytes) native = wd_native_format_serialize (article);
  g_autoptr(GError) error = NULL;

  second = wd_export_prov (article);
  g_assert_true (g_bytes_equal (first, second));

  /* the same document loaded again exports the same bytes */
  reloaded = wd_native_format_parse (native, "doc", &error);
  g_assert_no_error (error);
  g_clear_pointer (&second, g_bytes_unref);
  second = wd_export_prov (reloaded);
  g_assert_true (g_bytes_equal (first, second));
}

static void
test_prov_empty (void)
{
  g_autoptr(WdArticle) article = wd_article_new ();
  g_autoptr(GBytes) bytes = wd_export_prov (article);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  JsonObject *root;

  json_parser_load_from_data (parser, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes), &error);
  g_assert_no_error (error);
  root = json_node_get_object (json_parser_get_root (parser));
  g_assert_cmpuint (json_object_get_size (member_object (root, "entity")), ==, 1);
  g_assert_cmpuint (json_object_get_size (member_object (root, "wasDerivedFrom")), ==, 0);
  /* an unsigned article still has its (unnamed) editor */
  g_assert_false (json_object_has_member (member_object (member_object (root, "agent"), "agent:editor"),
                                          "prov:label"));
}

/* The PROV reference implementation (python3-prov) reads the document
 * back with every record, and the check's time as a time. */
static void
test_prov_reference_reader (void)
{
  const char *script =
    "import sys, collections\n"
    "from prov.model import ProvDocument, PROV_ATTR_STARTTIME\n"
    "doc = ProvDocument.deserialize(sys.argv[1], format='json')\n"
    "count = collections.Counter(r.get_type().localpart for r in doc.get_records())\n"
    "times = [str(first) for r in doc.get_records() for first in r.get_attribute(PROV_ATTR_STARTTIME)]\n"
    "print(' '.join('%s=%d' % kv for kv in sorted(count.items())), ' '.join(times))\n";
  const char *python = g_file_test ("/usr/bin/python3", G_FILE_TEST_IS_EXECUTABLE) ? "/usr/bin/python3" : "python3";
  g_autoptr(WdArticle) article = make_article ();
  const char * const authors[] = { "Ann Lee", "Bob Ray", NULL };
  g_autoptr(GBytes) bytes = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autoptr(GError) error = NULL;
  int status = 0;

  if (!g_spawn_sync (NULL, (char *[]) { (char *) python, "-c", (char *) "import prov", NULL }, NULL,
                     G_SPAWN_SEARCH_PATH | G_SPAWN_STDOUT_TO_DEV_NULL | G_SPAWN_STDERR_TO_DEV_NULL,
                     NULL, NULL, NULL, NULL, &status, NULL) ||
      !g_spawn_check_wait_status (status, NULL))
    g_error ("python3-prov is not installed: it is in build-aux/deps.txt");

  /* with the page's two authors, agents attributed the source */
  wd_check_result_set_authors (wd_source_get_check (wd_article_get_source (article, 1)), authors);
  bytes = wd_export_prov (article);

  dir = g_dir_make_tmp ("wiredesk-prov-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (dir, "prov.json", NULL);
  g_assert_true (g_file_set_contents (path, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes), NULL));

  g_assert_true (g_spawn_sync (NULL, (char *[]) { (char *) python, "-c", (char *) script, path, NULL }, NULL,
                               G_SPAWN_SEARCH_PATH, NULL, NULL, &out, &err, &status, &error));
  g_assert_no_error (error);
  g_test_message ("%s%s", out, err);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  g_assert_cmpstr (out, ==,
                   "Activity=1 Agent=4 Association=1 Attribution=3 Derivation=3 Entity=5 Specialization=1 Usage=1 "
                   "2026-11-23 12:00:00+00:00\n");

  g_unlink (path);
  g_rmdir (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/prov/structure", test_prov_structure);
  g_test_add_func ("/prov/capture", test_prov_capture);
  g_test_add_func ("/prov/authors", test_prov_authors);
  g_test_add_func ("/prov/deterministic", test_prov_deterministic);
  g_test_add_func ("/prov/empty", test_prov_empty);
  g_test_add_func ("/prov/reference-reader", test_prov_reference_reader);

  return g_test_run ();
}

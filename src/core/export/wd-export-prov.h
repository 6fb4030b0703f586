/* wd-export-prov.h: an article's provenance as W3C PROV-JSON.
 *
 * The document (https://www.w3.org/submissions/prov-json/) holds:
 * - entities: the article ("article:<id>", typed wd:Article) and each of
 *   its sources ("source:<id>", wd:Source, prov:location = its URL);
 * - activities: the last check of each checked source ("check:<id>",
 *   wd:LinkCheck) with prov:startTime = when it ran and wd:verdict = the
 *   checker's status nick ("ok", "not-found", …), which `used` the source;
 * - agents: the editor ("agent:editor", prov:Person, labelled with the
 *   byline) to whom the article is attributed (wasAttributedTo), and
 *   Wiredesk ("agent:wiredesk", prov:SoftwareAgent), associated with
 *   every check;
 * - wasDerivedFrom: the article from each source the body cites, with
 *   wd:citations = how many times, and from each capture of it;
 * - captures ("capture:<uuid>", wd:WarcCapture, named by the WARC record
 *   id of the evidence package), each a specializationOf its source. With
 *   the package, every capture it holds of each source, in the order
 *   captured, with wd:baseline (the source's first live capture) and
 *   wd:latest (its last) marked; without, the one each source's last
 *   check recorded.
 *
 * The output is deterministic (article order, no time of export), so two
 * exports of the same document are byte-identical.
 */
#pragma once

#include "wd-article.h"
#include "wd-evidence.h"

G_BEGIN_DECLS

#define WD_PROV_NAMESPACE "https://wiredesk.github.io/ns/prov#"

GBytes *wd_export_prov               (WdArticle         *article);
/* @package: the article's evidence package, or NULL. */
GBytes *wd_export_prov_with_evidence (WdArticle         *article,
                                      WdEvidencePackage *package);

G_END_DECLS

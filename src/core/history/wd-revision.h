/* wd-revision.h: one saved state of an article — its number, when it was
 * saved, how much it changed, where it went — and the text of one. */
#pragma once

#include <glib-object.h>

#include "wd-json-writer.h"
#include "wd-publication.h"

G_BEGIN_DECLS

/* The text fields a revision keeps, in the order they are shown. */
typedef enum
{
  WD_REVISION_HEADLINE,
  WD_REVISION_STANDFIRST,
  WD_REVISION_BYLINE,
  WD_REVISION_BODY,
  WD_REVISION_DESK_NOTE,
  WD_REVISION_N_TEXTS,
} WdRevisionField;

/* "headline", "standfirst", "byline", "body", "desk_note" */
const char *wd_revision_field_member (WdRevisionField field);
/* The translated label ("Headline"…). */
const char *wd_revision_field_label  (WdRevisionField field);

typedef struct
{
  char *id;
  char *url;
  char *label;
} WdRevisionSource;

/* The article as saved. Immutable once made; shared with references. */
typedef struct
{
  char      *texts[WD_REVISION_N_TEXTS];  /* never NULL */
  char     **keywords;                     /* never NULL */
  GPtrArray *sources;                      /* of WdRevisionSource */
} WdRevisionText;

WdRevisionText *wd_revision_text_ref   (WdRevisionText *text);
void            wd_revision_text_unref (WdRevisionText *text);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (WdRevisionText, wd_revision_text_unref)

/* A correction: a short public note and the time of the save that made it. */
typedef struct
{
  char *note;
  char *at;
} WdCorrection;

void wd_correction_free (WdCorrection *correction);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (WdCorrection, wd_correction_free)

#define WD_TYPE_REVISION (wd_revision_get_type ())

G_DECLARE_FINAL_TYPE (WdRevision, wd_revision, WD, REVISION, GObject)

guint       wd_revision_get_number        (WdRevision *self);
const char *wd_revision_get_saved_at      (WdRevision *self);
guint       wd_revision_get_words_added   (WdRevision *self);
guint       wd_revision_get_words_removed (WdRevision *self);
/* The public correction note made with this save, or NULL. */
const char *wd_revision_get_correction    (WdRevision *self);
/* The revision whose text this one restored, or 0. */
guint       wd_revision_get_restored_from (WdRevision *self);
/* FALSE when its text can no longer be rebuilt (the article was changed
 * without its history after it, by an older Wiredesk or another program). */
gboolean    wd_revision_get_rebuildable   (WdRevision *self);
/* Where this revision was published: WdPublication records (endpoint,
 * remote id, time). */
GPtrArray  *wd_revision_get_publications  (WdRevision *self);

/* Writes the revision's record as members of the object @writer is in:
 * revision, saved_at, words_added, words_removed, published (endpoint,
 * remote_id, at), correction, and restored_from when not 0. The
 * document's history member and `wiredesk history --json` both use it. */
void        wd_revision_write_members     (WdRevision   *self,
                                           WdJsonWriter *writer);

G_END_DECLS

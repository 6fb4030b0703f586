/* wd-body-view.h: the article body's view — a GtkSourceView that shows
 * citation markers ("[^source-id]") as compact numbered chips.
 *
 * The text keeps the whole marker: copy, paste, undo, drag and the
 * exports see it as it is. Only the display changes: a marker citing a
 * source of the article is drawn as a rounded chip with its footnote
 * number (its "[" reserves the room, the rest of it is shrunk to
 * nothing and not painted); with the cursor inside it, the marker shows
 * as the text it is, to be edited. A marker citing no source of the
 * article is shown as text, in the error colour. */
#pragma once

#include <gtksourceview/gtksource.h>

G_BEGIN_DECLS

#define WD_TYPE_BODY_VIEW (wd_body_view_get_type ())

G_DECLARE_FINAL_TYPE (WdBodyView, wd_body_view, WD, BODY_VIEW, GtkSourceView)

/* How a chip shows its source's last check. */
typedef enum
{
  WD_CHIP_HEALTH_OK,          /* ok or redirected: the accent colour */
  WD_CHIP_HEALTH_UNCHECKED,   /* grey */
  WD_CHIP_HEALTH_WARNING,     /* amber, marked "?" (blocked, soft 404, …) */
  WD_CHIP_HEALTH_ERROR,       /* red, marked "!" (gone, unreachable, …) */
} WdChipHealth;

typedef struct
{
  guint start;      /* character offsets of the whole marker */
  guint end;
  guint number;     /* its footnote number; 0: it cites no source of the article */
  WdChipHealth health;
} WdChip;

/* Shows @chips (WdChip, in text order, for the buffer's text as it is
 * now) and takes @numbers (source id → footnote number) and @health
 * (source id → WdChipHealth, as a GUINT_TO_POINTER; NULL: all ok). */
void   wd_body_view_set_chips          (WdBodyView        *self,
                                        GArray            *chips,
                                        GHashTable        *numbers,
                                        GHashTable        *health);
/* How the chips citing @source_id show its source's check. */
WdChipHealth wd_body_view_get_health   (WdBodyView        *self,
                                        const char        *source_id);
/* The id the marker at @iter cites, or NULL when @iter is in none. */
char  *wd_body_view_dup_citation_at    (WdBodyView        *self,
                                        const GtkTextIter *iter);
/* The footnote number of @source_id, 0 when the text cites it nowhere. */
guint  wd_body_view_get_number         (WdBodyView        *self,
                                        const char        *source_id);
/* TRUE when the marker at @iter shows as a chip (not as its text). */
gboolean wd_body_view_is_folded_at     (WdBodyView        *self,
                                        const GtkTextIter *iter);
void   wd_body_view_set_dark           (WdBodyView        *self,
                                        gboolean           dark);

G_END_DECLS

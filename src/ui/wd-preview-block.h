/* wd-preview-block.h: one item of the Preview page's list: a block of
 * markup from the renderer (export/wd-markdown-blocks.c), or a piece of
 * the header, and what it is. */
#pragma once

#include <glib-object.h>

#include "wd-markdown-private.h"

G_BEGIN_DECLS

typedef enum
{
  WD_PREVIEW_ROLE_BODY,        /* a block of the body or of the source list */
  WD_PREVIEW_ROLE_HEADLINE,
  WD_PREVIEW_ROLE_STANDFIRST,
  WD_PREVIEW_ROLE_CREDIT,      /* byline · dateline */
  WD_PREVIEW_ROLE_CAPTION,     /* "As published" */
  WD_PREVIEW_ROLE_SOURCES,     /* the source list's heading */
} WdPreviewRole;

#define WD_TYPE_PREVIEW_BLOCK (wd_preview_block_get_type ())
G_DECLARE_FINAL_TYPE (WdPreviewBlock, wd_preview_block, WD, PREVIEW_BLOCK, GObject)

/* Takes @block. */
WdPreviewBlock    *wd_preview_block_new       (WdPreviewRole         role,
                                               WdBodyBlock          *block);
/* A header piece: @text escaped into a paragraph's markup. */
WdPreviewBlock    *wd_preview_block_new_text  (WdPreviewRole         role,
                                               const char           *text);
WdPreviewRole      wd_preview_block_get_role  (WdPreviewBlock       *self);
const WdBodyBlock *wd_preview_block_get_block (WdPreviewBlock       *self);
gboolean           wd_preview_block_equal     (WdPreviewBlock       *a,
                                               WdPreviewBlock       *b);

G_END_DECLS

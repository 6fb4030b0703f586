/* wd-preview-block.c: an item of the Preview page (see the header). */
#define G_LOG_DOMAIN "wd-preview-block"

#include "config.h"

#include "wd-preview-block.h"

struct _WdPreviewBlock
{
  GObject        parent_instance;

  WdPreviewRole  role;
  WdBodyBlock   *block;
};

G_DEFINE_FINAL_TYPE (WdPreviewBlock, wd_preview_block, G_TYPE_OBJECT)

WdPreviewBlock *
wd_preview_block_new (WdPreviewRole  role,
                      WdBodyBlock   *block)
{
  WdPreviewBlock *self;

  g_return_val_if_fail (block != NULL, NULL);

  self = g_object_new (WD_TYPE_PREVIEW_BLOCK, NULL);
  self->role = role;
  self->block = block;

  return self;
}

WdPreviewBlock *
wd_preview_block_new_text (WdPreviewRole  role,
                           const char    *text)
{
  WdBodyBlock *block = g_new0 (WdBodyBlock, 1);

  block->kind = WD_BODY_BLOCK_PARAGRAPH;
  block->markup = g_markup_escape_text (text != NULL ? text : "", -1);

  return wd_preview_block_new (role, block);
}

WdPreviewRole
wd_preview_block_get_role (WdPreviewBlock *self)
{
  g_return_val_if_fail (WD_IS_PREVIEW_BLOCK (self), WD_PREVIEW_ROLE_BODY);
  return self->role;
}

const WdBodyBlock *
wd_preview_block_get_block (WdPreviewBlock *self)
{
  g_return_val_if_fail (WD_IS_PREVIEW_BLOCK (self), NULL);
  return self->block;
}

gboolean
wd_preview_block_equal (WdPreviewBlock *a,
                        WdPreviewBlock *b)
{
  g_return_val_if_fail (WD_IS_PREVIEW_BLOCK (a) && WD_IS_PREVIEW_BLOCK (b), FALSE);
  return a->role == b->role && _wd_body_block_equal (a->block, b->block);
}

static void
wd_preview_block_finalize (GObject *object)
{
  WdPreviewBlock *self = (WdPreviewBlock *)object;

  g_clear_pointer (&self->block, _wd_body_block_free);

  G_OBJECT_CLASS (wd_preview_block_parent_class)->finalize (object);
}

static void
wd_preview_block_class_init (WdPreviewBlockClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = wd_preview_block_finalize;
}

static void
wd_preview_block_init (WdPreviewBlock *self)
{
}

/* wd-bind-util.h: GBinding transforms shared by the editor's views. */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

/* string → string: NULL becomes "" (entries refuse NULL text). */
gboolean _wd_bind_null_to_empty  (GBinding     *binding,
                                  const GValue *from,
                                  GValue       *to,
                                  gpointer      user_data);
/* enum ↔ the position in a list of its values in enum order. */
gboolean _wd_bind_enum_to_index  (GBinding     *binding,
                                  const GValue *from,
                                  GValue       *to,
                                  gpointer      user_data);
gboolean _wd_bind_index_to_enum  (GBinding     *binding,
                                  const GValue *from,
                                  GValue       *to,
                                  gpointer      user_data);
/* strv ↔ "a, b, c" */
gboolean _wd_bind_strv_to_text   (GBinding     *binding,
                                  const GValue *from,
                                  GValue       *to,
                                  gpointer      user_data);
gboolean _wd_bind_text_to_strv   (GBinding     *binding,
                                  const GValue *from,
                                  GValue       *to,
                                  gpointer      user_data);

G_END_DECLS

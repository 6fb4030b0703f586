/* wd-title-view.c: the headline's and standfirst's field (see the header). */
#define G_LOG_DOMAIN "wd-title-view"

#include "config.h"

#include <string.h>

#include "wd-title-view.h"

struct _WdTitleView
{
  GtkTextView  parent_instance;

  GtkLabel    *placeholder;   /* shown while empty */
};

G_DEFINE_FINAL_TYPE (WdTitleView, wd_title_view, GTK_TYPE_TEXT_VIEW)

enum {
  PROP_0,
  PROP_TEXT,
  PROP_PLACEHOLDER_TEXT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  ACTIVATE,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* One paragraph: what would break it becomes a space. */
static char *
flatten (const char *text,
         int         len)
{
  char *flat = len < 0 ? g_strdup (text) : g_strndup (text, len);

  for (char *p = flat; *p; p++)
    if (*p == '\n' || *p == '\r' || *p == '\t')
      *p = ' ';

  return flat;
}

static void
on_insert_text (WdTitleView   *self,
                GtkTextIter   *location,
                const char    *text,
                int            len,
                GtkTextBuffer *buffer)
{
  g_autofree char *flat = NULL;

  if (strcspn (text, "\n\r\t") >= (len < 0 ? strlen (text) : (size_t) len))
    return;

  flat = flatten (text, len);
  g_signal_stop_emission_by_name (buffer, "insert-text");
  g_signal_handlers_block_by_func (buffer, on_insert_text, self);
  gtk_text_buffer_insert (buffer, location, flat, -1);   /* revalidates @location */
  g_signal_handlers_unblock_by_func (buffer, on_insert_text, self);
}

static void
on_changed (WdTitleView *self)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (self));

  gtk_widget_set_visible (GTK_WIDGET (self->placeholder), gtk_text_buffer_get_char_count (buffer) == 0);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TEXT]);
}

static gboolean
on_key_pressed (WdTitleView     *self,
                guint            keyval,
                guint            keycode,
                GdkModifierType  state)
{
  if (keyval != GDK_KEY_Return && keyval != GDK_KEY_KP_Enter && keyval != GDK_KEY_ISO_Enter)
    return FALSE;

  g_signal_emit (self, signals[ACTIVATE], 0);
  return TRUE;
}

char *
wd_title_view_dup_text (WdTitleView *self)
{
  GtkTextBuffer *buffer;
  GtkTextIter start, end;

  g_return_val_if_fail (WD_IS_TITLE_VIEW (self), NULL);

  buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (self));
  gtk_text_buffer_get_bounds (buffer, &start, &end);
  return gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
}

void
wd_title_view_set_text (WdTitleView *self,
                        const char  *text)
{
  g_autofree char *current = NULL;
  g_autofree char *flat = NULL;

  g_return_if_fail (WD_IS_TITLE_VIEW (self));

  current = wd_title_view_dup_text (self);
  flat = flatten (text != NULL ? text : "", -1);
  if (g_str_equal (current, flat))
    return;

  gtk_text_buffer_set_text (gtk_text_view_get_buffer (GTK_TEXT_VIEW (self)), flat, -1);
}

guint
wd_title_view_get_length (WdTitleView *self)
{
  g_return_val_if_fail (WD_IS_TITLE_VIEW (self), 0);
  return gtk_text_buffer_get_char_count (gtk_text_view_get_buffer (GTK_TEXT_VIEW (self)));
}

void
wd_title_view_set_placeholder (WdTitleView *self,
                               const char  *placeholder)
{
  g_return_if_fail (WD_IS_TITLE_VIEW (self));

  if (g_strcmp0 (gtk_label_get_text (self->placeholder), placeholder) == 0)
    return;

  gtk_label_set_text (self->placeholder, placeholder);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PLACEHOLDER_TEXT]);
}

static void
wd_title_view_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  WdTitleView *self = WD_TITLE_VIEW (object);

  switch (prop_id)
    {
    case PROP_TEXT:
      g_value_take_string (value, wd_title_view_dup_text (self));
      break;
    case PROP_PLACEHOLDER_TEXT:
      g_value_set_string (value, gtk_label_get_text (self->placeholder));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
wd_title_view_set_property (GObject      *object,
                            guint         prop_id,
                            const GValue *value,
                            GParamSpec   *pspec)
{
  WdTitleView *self = WD_TITLE_VIEW (object);

  switch (prop_id)
    {
    case PROP_TEXT:
      wd_title_view_set_text (self, g_value_get_string (value));
      break;
    case PROP_PLACEHOLDER_TEXT:
      wd_title_view_set_placeholder (self, g_value_get_string (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
wd_title_view_class_init (WdTitleViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->get_property = wd_title_view_get_property;
  object_class->set_property = wd_title_view_set_property;

  properties[PROP_TEXT] =
    g_param_spec_string ("text", NULL, NULL, "",
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_PLACEHOLDER_TEXT] =
    g_param_spec_string ("placeholder-text", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * WdTitleView::activate:
   * Enter was pressed: the field is done, focus moves on.
   */
  signals[ACTIVATE] =
    g_signal_new ("activate",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);

  gtk_widget_class_set_css_name (GTK_WIDGET_CLASS (klass), "textview");
  gtk_widget_class_set_accessible_role (GTK_WIDGET_CLASS (klass), GTK_ACCESSIBLE_ROLE_TEXT_BOX);
}

static void
wd_title_view_init (WdTitleView *self)
{
  GtkTextView *view = GTK_TEXT_VIEW (self);
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (view);
  GtkEventController *keys = gtk_event_controller_key_new ();

  gtk_text_view_set_wrap_mode (view, GTK_WRAP_WORD_CHAR);
  gtk_text_view_set_accepts_tab (view, FALSE);
  gtk_widget_add_css_class (GTK_WIDGET (self), "title-view");

  self->placeholder = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_xalign (self->placeholder, 0);
  gtk_widget_set_can_target (GTK_WIDGET (self->placeholder), FALSE);
  gtk_widget_add_css_class (GTK_WIDGET (self->placeholder), "dim-label");
  gtk_text_view_add_overlay (view, GTK_WIDGET (self->placeholder), 0, 0);

  gtk_event_controller_set_propagation_phase (keys, GTK_PHASE_CAPTURE);
  g_signal_connect_object (keys, "key-pressed", G_CALLBACK (on_key_pressed), self, G_CONNECT_SWAPPED);
  gtk_widget_add_controller (GTK_WIDGET (self), keys);

  g_signal_connect_object (buffer, "insert-text", G_CALLBACK (on_insert_text), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (buffer, "changed", G_CALLBACK (on_changed), self, G_CONNECT_SWAPPED);
}

GtkWidget *
wd_title_view_new (void)
{
  return g_object_new (WD_TYPE_TITLE_VIEW, NULL);
}

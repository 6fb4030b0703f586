/* wd-window-editor.c: the writing surface itself — the headline's length
 * against the desk's limit, the word count, Enter moving on from the
 * headline and standfirst, the body's throttled sync into the article
 * (what makes a keystroke cheap in a long body), the body's colours
 * following the dark style and the line under the pinned headline.
 * The document these fields show is put in place by wd-window.c. */
#define G_LOG_DOMAIN "wd-window-editor"

#include "config.h"

#include <glib/gi18n.h>

#include "wd-body-view.h"
#include "wd-window-private.h"

/* The body reaches the model (and the word count) at most this often: a
 * keystroke in a 1 MB body never copies or scans the whole text. */
#define BODY_SYNC_MS 200

/* ------------------------------------------------------------------ counts */

/* Words are runs of non-space characters holding a letter or a digit. */
static guint
count_words (const char *text)
{
  gboolean in_word = FALSE, has_alnum = FALSE;
  guint n = 0;

  for (const char *p = text; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_isspace (c))
        {
          if (in_word && has_alnum)
            n++;
          in_word = has_alnum = FALSE;
        }
      else
        {
          in_word = TRUE;
          has_alnum |= g_unichar_isalnum (c);
        }
    }

  return n + (in_word && has_alnum ? 1 : 0);
}

void
_wd_window_update_word_count (WdWindow   *self,
                              const char *body)
{
  guint n = count_words (body != NULL ? body : "");
  g_autofree char *text = g_strdup_printf (ngettext ("%u word", "%u words", n), n);

  gtk_label_set_text (self->word_count, text);
}

/* Past the desk's length the headline shows its count: "97 / 90". */
void
_wd_window_update_headline_count (WdWindow *self)
{
  guint limit = self->settings != NULL ? g_settings_get_uint (self->settings, "headline-length") : 90;
  guint length = wd_title_view_get_length (self->headline);
  g_autofree char *text = NULL;

  gtk_widget_set_visible (GTK_WIDGET (self->headline_count), length > limit);
  if (length <= limit)
    return;

  /* TRANSLATORS: the headline's length past the desk's limit: "97 / 90" */
  text = g_strdup_printf (_("%u / %u"), length, limit);
  gtk_label_set_text (self->headline_count, text);
  g_free (text);
  text = g_strdup_printf (ngettext ("The headline is %u character longer than the desk’s %u",
                                    "The headline is %u characters longer than the desk’s %u",
                                    length - limit), length - limit, limit);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->headline_count), text);
}

/* ----------------------------------------------------------------- fields */

/* Enter in the headline or standfirst moves on, as Tab does. */
static void
on_headline_activate (WdWindow *self)
{
  gtk_widget_grab_focus (GTK_WIDGET (self->standfirst));
}

static void
on_standfirst_activate (WdWindow *self)
{
  gtk_widget_grab_focus (GTK_WIDGET (self->body));
}

/* The body scrolled under the pinned headline: a line marks the edge. */
static void
on_body_scrolled (WdWindow      *self,
                  GtkAdjustment *adjustment)
{
  gtk_widget_set_opacity (self->body_separator, gtk_adjustment_get_value (adjustment) > 0 ? 1.0 : 0.0);
}

/* ------------------------------------------------------------------- body */

void
_wd_window_sync_body (WdWindow *self)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (self->body));
  GtkTextIter start, end;
  g_autofree char *text = NULL;

  g_clear_handle_id (&self->sync_source, g_source_remove);

  if (!self->body_stale || self->article == NULL)
    return;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  text = gtk_text_buffer_get_text (buffer, &start, &end, TRUE);

  self->body_stale = FALSE;
  self->syncing_body = TRUE;
  wd_article_set_body (self->article, text);
  self->syncing_body = FALSE;

  _wd_window_update_word_count (self, text);
}

static gboolean
sync_body_timeout (gpointer user_data)
{
  WdWindow *self = user_data;

  self->sync_source = 0;
  _wd_window_sync_body (self);

  return G_SOURCE_REMOVE;
}

static void
on_buffer_changed (WdWindow *self)
{
  self->body_serial++;

  if (self->loading)
    return;

  self->body_stale = TRUE;
  if (self->sync_source == 0)
    self->sync_source = g_timeout_add (BODY_SYNC_MS, sync_body_timeout, self);

  _wd_window_mark_changed (self);
}

static void
update_style_scheme (WdWindow *self)
{
  AdwStyleManager *manager = adw_style_manager_get_default ();
  GtkSourceStyleSchemeManager *schemes = gtk_source_style_scheme_manager_get_default ();
  GtkSourceBuffer *buffer = GTK_SOURCE_BUFFER (gtk_text_view_get_buffer (GTK_TEXT_VIEW (self->body)));
  const char *id = adw_style_manager_get_dark (manager) ? "Adwaita-dark" : "Adwaita";
  GtkSourceStyleScheme *scheme = gtk_source_style_scheme_manager_get_scheme (schemes, id);

  if (scheme == NULL)
    scheme = gtk_source_style_scheme_manager_get_scheme (schemes,
                                                         adw_style_manager_get_dark (manager) ? "classic-dark" : "classic");
  gtk_source_buffer_set_style_scheme (buffer, scheme);
  wd_body_view_set_dark (WD_BODY_VIEW (self->body), adw_style_manager_get_dark (manager));
}

/* ------------------------------------------------------------------ setup */

void
_wd_window_class_init_editor (GtkWidgetClass *widget_class)
{
  gtk_widget_class_bind_template_callback (widget_class, on_headline_activate);
  gtk_widget_class_bind_template_callback (widget_class, on_standfirst_activate);
}

void
_wd_window_init_editor (WdWindow *self)
{
  GtkSourceLanguageManager *languages = gtk_source_language_manager_get_default ();
  GtkSourceBuffer *buffer = GTK_SOURCE_BUFFER (gtk_text_view_get_buffer (GTK_TEXT_VIEW (self->body)));

  gtk_source_buffer_set_language (buffer, gtk_source_language_manager_get_language (languages, "markdown"));
  gtk_source_buffer_set_highlight_matching_brackets (buffer, FALSE);
  g_signal_connect_object (buffer, "changed", G_CALLBACK (on_buffer_changed), self, G_CONNECT_SWAPPED);

  g_signal_connect_object (adw_style_manager_get_default (), "notify::dark",
                           G_CALLBACK (update_style_scheme), self, G_CONNECT_SWAPPED);
  update_style_scheme (self);

  g_signal_connect_object (gtk_scrolled_window_get_vadjustment (self->body_scroller), "value-changed",
                           G_CALLBACK (on_body_scrolled), self, G_CONNECT_SWAPPED);
  on_body_scrolled (self, gtk_scrolled_window_get_vadjustment (self->body_scroller));
}

#define G_LOG_DOMAIN "wd-tee-converter"

#include "config.h"

#include <string.h>

#include "wd-tee-converter-private.h"

struct _WdTeeConverter
{
  GObject     parent_instance;

  GByteArray *kept;
  gsize       max;
  gboolean    overflow;
};

static void converter_iface_init (GConverterIface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (WdTeeConverter, _wd_tee_converter, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_CONVERTER, converter_iface_init))

static GConverterResult
tee_convert (GConverter      *converter,
             const void      *inbuf,
             gsize            inbuf_size,
             void            *outbuf,
             gsize            outbuf_size,
             GConverterFlags  flags,
             gsize           *bytes_read,
             gsize           *bytes_written,
             GError         **error)
{
  WdTeeConverter *self = WD_TEE_CONVERTER (converter);
  gsize n = MIN (inbuf_size, outbuf_size);
  gsize room = self->max - MIN (self->max, self->kept->len);

  if (n == 0 && inbuf_size > 0)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NO_SPACE, "no room for output");
      return G_CONVERTER_ERROR;
    }
  if (n == 0 && (flags & (G_CONVERTER_INPUT_AT_END | G_CONVERTER_FLUSH)) == 0)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_PARTIAL_INPUT, "need more input");
      return G_CONVERTER_ERROR;
    }

  memcpy (outbuf, inbuf, n);
  g_byte_array_append (self->kept, inbuf, MIN (n, room));
  if (n > room)
    self->overflow = TRUE;
  *bytes_read = *bytes_written = n;

  if (n == inbuf_size && (flags & G_CONVERTER_INPUT_AT_END))
    return G_CONVERTER_FINISHED;
  if (n == inbuf_size && (flags & G_CONVERTER_FLUSH))
    return G_CONVERTER_FLUSHED;
  return G_CONVERTER_CONVERTED;
}

static void
tee_reset (GConverter *converter)
{
}

static void
converter_iface_init (GConverterIface *iface)
{
  iface->convert = tee_convert;
  iface->reset = tee_reset;
}

static void
_wd_tee_converter_finalize (GObject *object)
{
  WdTeeConverter *self = (WdTeeConverter *) object;

  g_byte_array_unref (self->kept);

  G_OBJECT_CLASS (_wd_tee_converter_parent_class)->finalize (object);
}

static void
_wd_tee_converter_class_init (WdTeeConverterClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = _wd_tee_converter_finalize;
}

static void
_wd_tee_converter_init (WdTeeConverter *self)
{
  self->kept = g_byte_array_new ();
}

WdTeeConverter *
_wd_tee_converter_new (gsize max)
{
  WdTeeConverter *self = g_object_new (WD_TYPE_TEE_CONVERTER, NULL);

  self->max = max;
  return self;
}

GBytes *
_wd_tee_converter_get_bytes (WdTeeConverter *self,
                             gboolean       *overflow)
{
  g_return_val_if_fail (WD_IS_TEE_CONVERTER (self), NULL);

  if (overflow != NULL)
    *overflow = self->overflow;
  return g_bytes_new (self->kept->data, self->kept->len);
}

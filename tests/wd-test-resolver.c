/* The test suites' resolver: a few names on the loopback, nothing else. */
#include "config.h"

#include "wd-test-resolver.h"

struct _WdTestResolver
{
  GResolver  parent_instance;
  GStrv      loopback_names;
};

G_DEFINE_FINAL_TYPE (WdTestResolver, wd_test_resolver, G_TYPE_RESOLVER)

static GList *
resolve (WdTestResolver            *self,
         const char                *name,
         GResolverNameLookupFlags   flags,
         GError                   **error)
{
  if ((flags & G_RESOLVER_NAME_LOOKUP_FLAGS_IPV6_ONLY) == 0 &&
      self->loopback_names != NULL &&
      g_strv_contains ((const char * const *) self->loopback_names, name))
    return g_list_append (NULL, g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4));

  g_set_error (error, G_RESOLVER_ERROR, G_RESOLVER_ERROR_NOT_FOUND, "No such host “%s”", name);
  return NULL;
}

static GList *
wd_test_resolver_lookup_by_name_with_flags (GResolver                 *resolver,
                                            const char                *name,
                                            GResolverNameLookupFlags   flags,
                                            GCancellable              *cancellable,
                                            GError                   **error)
{
  return resolve (WD_TEST_RESOLVER (resolver), name, flags, error);
}

static GList *
wd_test_resolver_lookup_by_name (GResolver     *resolver,
                                 const char    *name,
                                 GCancellable  *cancellable,
                                 GError       **error)
{
  return resolve (WD_TEST_RESOLVER (resolver), name, G_RESOLVER_NAME_LOOKUP_FLAGS_DEFAULT, error);
}

static void
wd_test_resolver_lookup_by_name_with_flags_async (GResolver                *resolver,
                                                  const char               *name,
                                                  GResolverNameLookupFlags  flags,
                                                  GCancellable             *cancellable,
                                                  GAsyncReadyCallback       callback,
                                                  gpointer                  data)
{
  g_autoptr(GTask) task = g_task_new (resolver, cancellable, callback, data);
  GError *error = NULL;
  GList *addresses = resolve (WD_TEST_RESOLVER (resolver), name, flags, &error);

  if (addresses != NULL)
    g_task_return_pointer (task, addresses, (GDestroyNotify) g_resolver_free_addresses);
  else
    g_task_return_error (task, error);
}

static void
wd_test_resolver_lookup_by_name_async (GResolver           *resolver,
                                       const char          *name,
                                       GCancellable        *cancellable,
                                       GAsyncReadyCallback  callback,
                                       gpointer             data)
{
  wd_test_resolver_lookup_by_name_with_flags_async (resolver, name, G_RESOLVER_NAME_LOOKUP_FLAGS_DEFAULT,
                                                    cancellable, callback, data);
}

static GList *
wd_test_resolver_lookup_by_name_finish (GResolver     *resolver,
                                        GAsyncResult  *result,
                                        GError       **error)
{
  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
wd_test_resolver_finalize (GObject *object)
{
  WdTestResolver *self = WD_TEST_RESOLVER (object);

  g_clear_pointer (&self->loopback_names, g_strfreev);

  G_OBJECT_CLASS (wd_test_resolver_parent_class)->finalize (object);
}

static void
wd_test_resolver_class_init (WdTestResolverClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GResolverClass *resolver_class = G_RESOLVER_CLASS (klass);

  object_class->finalize = wd_test_resolver_finalize;

  resolver_class->lookup_by_name = wd_test_resolver_lookup_by_name;
  resolver_class->lookup_by_name_async = wd_test_resolver_lookup_by_name_async;
  resolver_class->lookup_by_name_finish = wd_test_resolver_lookup_by_name_finish;
  resolver_class->lookup_by_name_with_flags = wd_test_resolver_lookup_by_name_with_flags;
  resolver_class->lookup_by_name_with_flags_async = wd_test_resolver_lookup_by_name_with_flags_async;
  resolver_class->lookup_by_name_with_flags_finish = wd_test_resolver_lookup_by_name_finish;
}

static void
wd_test_resolver_init (WdTestResolver *self)
{
}

GResolver *
wd_test_resolver_new (const char * const *loopback_names)
{
  WdTestResolver *self = g_object_new (WD_TYPE_TEST_RESOLVER, NULL);

  self->loopback_names = g_strdupv ((char **) loopback_names);
  return G_RESOLVER (self);
}

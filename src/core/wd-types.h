/* wd-types.h: enumerations shared by the model, the formats and the checker.
 *
 * The nicks that glib-mkenums derives from these names ("in-review",
 * "not-found", …) are part of the file format and the CLI's JSON contract:
 * rename a value only together with a format version bump.
 */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

typedef enum
{
  WD_ARTICLE_STATUS_DRAFT,
  WD_ARTICLE_STATUS_IN_REVIEW,
  WD_ARTICLE_STATUS_READY,
  WD_ARTICLE_STATUS_PUBLISHED,
} WdArticleStatus;

typedef enum
{
  WD_SOURCE_KIND_WIRE,
  WD_SOURCE_KIND_SOCIAL,
  WD_SOURCE_KIND_REFERENCE,
  WD_SOURCE_KIND_OFFICIAL,
  WD_SOURCE_KIND_NEWS,
  WD_SOURCE_KIND_OTHER,
} WdSourceKind;

/* The checker's verdict. UNCHECKED means no check result is stored. */
typedef enum
{
  WD_CHECK_STATUS_UNCHECKED,
  WD_CHECK_STATUS_OK,
  WD_CHECK_STATUS_REDIRECTED,
  WD_CHECK_STATUS_REDIRECT_ERROR,
  WD_CHECK_STATUS_NOT_FOUND,
  WD_CHECK_STATUS_SOFT_NOT_FOUND,
  WD_CHECK_STATUS_BLOCKED,
  WD_CHECK_STATUS_RATE_LIMITED,
  WD_CHECK_STATUS_SERVER_ERROR,
  WD_CHECK_STATUS_TIMEOUT,
  WD_CHECK_STATUS_UNREACHABLE,
  WD_CHECK_STATUS_INVALID,
} WdCheckStatus;

const char *wd_enum_to_nick   (GType        enum_type,
                               int          value);
gboolean    wd_enum_from_nick (GType        enum_type,
                               const char  *nick,
                               int         *value);

G_END_DECLS

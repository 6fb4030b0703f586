/* wiredesk-core.h: the whole core library (no GTK). */
#pragma once

#include "wd-article.h"
#include "wd-check-result.h"
#include "wd-checker.h"
#include "wd-draft-store.h"
#include "wd-enums.h"
#include "wd-error.h"
#include "wd-html-meta.h"
#include "wd-import.h"
#include "wd-native-format.h"
#include "wd-source.h"
#include "wd-types.h"
#include "wd-url.h"
#include "wd-url-list.h"

/* wiredesk-core.h: the whole core library (no GTK). */
#pragma once

#include "wd-article.h"
#include "wd-check-result.h"
#include "wd-credentials.h"
#include "wd-enums.h"
#include "wd-error.h"
#include "wd-export.h"
#include "wd-import.h"
#include "wd-native-format.h"
#include "wd-publication.h"
#include "wd-publisher.h"
#include "wd-source.h"
#include "wd-types.h"
#include "wd-url.h"

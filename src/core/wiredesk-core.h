/* wiredesk-core.h: the whole core library (no GTK). */
#pragma once

#include "wd-article.h"
#include "wd-audit.h"
#include "wd-check-result.h"
#include "wd-citations.h"
#include "wd-dates.h"
#include "wd-enums.h"
#include "wd-error.h"
#include "wd-export-prov.h"
#include "wd-finding.h"
#include "wd-import.h"
#include "wd-native-format.h"
#include "wd-source.h"
#include "wd-types.h"
#include "wd-url.h"

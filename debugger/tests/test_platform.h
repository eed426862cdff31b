/* test_platform.h: a malloc-backed struct hdb_platform for unit tests. */
#ifndef HDB_TEST_PLATFORM_H
#define HDB_TEST_PLATFORM_H

#include <hdb/platform.h>

extern const struct hdb_platform test_platform;

#endif

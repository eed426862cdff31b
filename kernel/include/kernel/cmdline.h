/*
 * The kernel command line: space-separated words "key" or "key=value".
 * Known keys:
 *   ktest[=PATTERN]  run the boot self-tests (PATTERN: "group.*" or a name)
 *   panic=exit       leave QEMU with a failure status on panic
 *   init=NAME        the boot module holding the root task (must exist)
 *   crash=KIND       deliberately crash (pagefault, ud, panic), for tests
 */
#ifndef KERNEL_CMDLINE_H
#define KERNEL_CMDLINE_H

#include <kernel/types.h>

/* True when key is present: *value points at its value in cmdline (len
 * bytes, 0 for a bare key). */
bool cmdline_find(const char *cmdline, const char *key, const char **value, size_t *len);
/* True when key is present; val (if not NULL) gets its value or "". */
bool cmdline_get(const char *cmdline, const char *key, char *val, size_t size);

#endif

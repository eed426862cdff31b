/* The Vulcan runner's entry, called by the root task (userland/root/main.c). */
#ifndef VULCAN_RUNNER_H
#define VULCAN_RUNNER_H

#include <stddef.h>
#include <helios/bootinfo.h>

/* Runs the UTEST() cases whose "group.case" matches pattern (len bytes;
 * empty: all), prints TAP and `N passed, N failed`, then leaves QEMU
 * through isa-debug-exit. Returns only if it cannot leave QEMU. */
int vulcan_main(const struct hl_bootinfo *bi, const char *pattern, size_t len);

#endif

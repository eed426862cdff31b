/* Reading the root task's boot information (helios/bootinfo.h). */
#ifndef HL_BOOTINFO_H
#define HL_BOOTINFO_H

#include <stdbool.h>
#include <stddef.h>
#include <helios/bootinfo.h>

/* Index in bi->memory of the largest non-device region, or -1. */
int hl_bootinfo_largest_ram(const struct hl_bootinfo *bi);

/* Finds the word `key` or `key=VALUE` on the command line. On success
 * VALUE is returned in value and len (len 0 for a bare key). */
bool hl_cmdline_find(const char *cmdline, const char *key, const char **value, size_t *len);

#endif

/*
 * Symbol lookup for backtraces. The build embeds a text symbol map (the
 * function symbols of kernel.sym, "ADDR [SIZE] TYPE NAME" lines sorted by
 * address) into the kernel image; the parser is portable and host-tested.
 */
#ifndef KERNEL_KSYM_H
#define KERNEL_KSYM_H

#include <kernel/types.h>

struct ksym {
    uint64_t addr;
    uint64_t size; /* 0 when the map gives none */
    const char *name;
    size_t name_len;
};

/* The symbol containing addr: the last one at or below it. */
bool ksym_lookup_in(const char *map, size_t len, uint64_t addr, struct ksym *out);
bool ksym_find_in(const char *map, size_t len, const char *name, struct ksym *out);

/* The same over the embedded map. */
bool ksym_lookup(uint64_t addr, struct ksym *out);
bool ksym_find(const char *name, struct ksym *out);

/* "name+0xoff/0xsize" or "?" into buf. */
void ksym_format(char *buf, size_t size, uint64_t addr);

#endif

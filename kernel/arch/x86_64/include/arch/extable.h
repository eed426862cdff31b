/*
 * Exception fixup table. An instruction allowed to fault (a probe of kernel
 * memory, later every access to user memory) is listed with the address to
 * continue at; the trap handler looks the faulting rip up here before
 * deciding the fault is a kernel bug.
 */
#ifndef ARCH_EXTABLE_H
#define ARCH_EXTABLE_H

#define EXTABLE_ENTRY(insn, fixup)                                                                 \
    ".pushsection __ex_table, \"a\"\n\t.balign 8\n\t.quad " #insn ", " #fixup "\n\t."              \
                                                                              "popsection\n\t"

#ifndef __ASSEMBLER__
#include <kernel/types.h>

struct extable_entry {
    uint64_t insn;
    uint64_t fixup;
};

/* The fixup address for a faulting rip, or 0. */
uint64_t extable_find(uint64_t rip);

/* Copies n bytes, surviving page faults and #GP on either side. Returns the
 * number of bytes NOT copied (0 on success). */
size_t arch_copy_safe(void *dst, const void *src, size_t n);
#endif

#endif

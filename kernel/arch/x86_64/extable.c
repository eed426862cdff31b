/*
 * Lookup in the exception fixup table that the linker gathers from every
 * EXTABLE_ENTRY. The table is small and only consulted on a kernel fault,
 * so a linear scan is enough.
 */
#include <arch/extable.h>

extern const struct extable_entry __extable_start[], __extable_end[];

uint64_t extable_find(uint64_t rip)
{
    for (const struct extable_entry *e = __extable_start; e < __extable_end; e++) {
        if (e->insn == rip)
            return e->fixup;
    }
    return 0;
}

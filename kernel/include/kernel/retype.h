/*
 * Retype arithmetic, kept apart so it can be host-tested: where the next
 * objects go in a Memory region, and what size each object type has.
 */
#ifndef KERNEL_RETYPE_H
#define KERNEL_RETYPE_H

#include <kernel/types.h>

/* log2 of the object's size for the given type and size_bits argument, or
 * a negative E_* error. */
int retype_object_bits(unsigned type, uint64_t size_bits, bool device);

/* First offset for count objects of 2^bits bytes placed at or above the
 * watermark, naturally aligned in physical memory; E_NOMEM if they do not
 * fit in the region [base, base + size). */
int retype_place(uint64_t base, uint64_t size, uint64_t watermark, unsigned bits, uint64_t count,
                 uint64_t *offset);

#endif

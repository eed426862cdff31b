/* Retype arithmetic; see include/kernel/retype.h. */
#include <helios/caps.h>
#include <helios/errors.h>
#include <kernel/retype.h>

int retype_object_bits(unsigned type, uint64_t size_bits, bool device)
{
    if (device && type != HL_CAP_PAGE)
        return E_INVALID_ARG; /* device memory only becomes Pages */
    switch (type) {
    case HL_CAP_MEMORY:
        if (size_bits < HL_MEMORY_MIN_BITS || size_bits > 47)
            return E_RANGE;
        return (int)size_bits;
    case HL_CAP_CSPACE:
        if (size_bits < HL_CSPACE_MIN_BITS || size_bits > HL_CSPACE_MAX_BITS)
            return E_RANGE;
        return (int)size_bits + HL_SLOT_BITS;
    case HL_CAP_PAGE:
        if (size_bits != HL_PAGE_BITS && size_bits != HL_LARGE_PAGE_BITS)
            return E_INVALID_ARG;
        return (int)size_bits;
    case HL_CAP_TASK:
        return HL_TASK_BITS;
    case HL_CAP_VSPACE:
        return HL_VSPACE_BITS;
    case HL_CAP_PDPT:
    case HL_CAP_PD:
    case HL_CAP_PT:
        return HL_TABLE_BITS;
    case HL_CAP_ENDPOINT:
        return HL_ENDPOINT_BITS;
    case HL_CAP_NOTIFICATION:
        return HL_NOTIFICATION_BITS;
    default:
        /* The control and port/IRQ capabilities are never made from memory. */
        return E_INVALID_ARG;
    }
}

int retype_place(uint64_t base, uint64_t size, uint64_t watermark, unsigned bits, uint64_t count,
                 uint64_t *offset)
{
    uint64_t align = 1ull << bits;
    /* Align the physical address, not the offset: regions need not be. */
    uint64_t start = ((base + watermark + align - 1) & ~(align - 1)) - base;

    if (start < watermark || start > size || count > ((size - start) >> bits))
        return E_NOMEM;
    *offset = start;
    return E_OK;
}

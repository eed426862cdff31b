/*
 * Checks and queries on the boot memory map. The map must be sane before
 * the physical allocator trusts it: entries are sorted, and zero-length,
 * wrapping or overlapping entries are rejected with the loader's entry
 * numbers so the panic message can name them.
 */
#include <kernel/bootinfo.h>

int memmap_check(struct boot_region *r, size_t n, uint32_t *bad_a, uint32_t *bad_b)
{
    /* Insertion sort: n is at most BOOT_MAX_REGIONS and often nearly sorted. */
    for (size_t i = 1; i < n; i++) {
        struct boot_region x = r[i];
        size_t j = i;
        while (j > 0 && r[j - 1].base > x.base) {
            r[j] = r[j - 1];
            j--;
        }
        r[j] = x;
    }

    size_t widest = 0; /* entry reaching furthest so far */
    for (size_t i = 0; i < n; i++) {
        *bad_a = r[i].index;
        if (r[i].len == 0)
            return BOOT_E_ZERO_LENGTH;
        if (r[i].base + r[i].len < r[i].base)
            return BOOT_E_WRAPS;
        if (i > 0 && r[i].base < r[widest].base + r[widest].len) {
            *bad_b = r[widest].index;
            return BOOT_E_OVERLAP;
        }
        if (i == 0 || r[i].base + r[i].len > r[widest].base + r[widest].len)
            widest = i;
    }
    return BOOT_OK;
}

uint64_t memmap_usable_bytes(const struct boot_region *r, size_t n)
{
    uint64_t sum = 0;

    for (size_t i = 0; i < n; i++) {
        if (r[i].type == BOOT_MEM_USABLE)
            sum += r[i].len;
    }
    return sum;
}

/* True when [base, base+len) lies inside one usable region. The map has been
 * checked, so adjacent usable regions are separate entries; a range spanning
 * two of them is reported as unusable, which is the safe answer. */
bool memmap_is_usable(const struct boot_region *r, size_t n, paddr_t base, uint64_t len)
{
    if (base + len < base)
        return false;
    for (size_t i = 0; i < n; i++) {
        if (r[i].type == BOOT_MEM_USABLE && base >= r[i].base && base + len <= r[i].base + r[i].len)
            return true;
    }
    return false;
}

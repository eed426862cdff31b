/*
 * Growable arrays and sorting over the caller's allocator, for the indexes.
 * A freestanding library has neither realloc nor qsort.
 */
#include "index_int.h"

int dwarf_grow(const struct dwarf *dw, void **data, size_t *cap, size_t count, size_t size)
{
    size_t ncap;
    uint8_t *p;

    if (count < *cap)
        return 0;
    if (dw->alloc.alloc == NULL)
        return DWARF_E_ARG;
    ncap = *cap ? *cap * 2 : 64;
    if (ncap > SIZE_MAX / size / 2)
        return DWARF_E_NOMEM;
    if ((p = dw->alloc.alloc(dw->alloc.ctx, ncap * size)) == NULL)
        return DWARF_E_NOMEM;
    if (*data) {
        __builtin_memcpy(p, *data, count * size);
        dwarf_release(dw, *data, *cap, size);
    }
    *data = p;
    *cap = ncap;
    return 0;
}

void dwarf_release(const struct dwarf *dw, void *data, size_t cap, size_t size)
{
    if (data && dw->alloc.free)
        dw->alloc.free(dw->alloc.ctx, data, cap * size);
}

static void swap(uint8_t *a, uint8_t *b, size_t size)
{
    while (size--) {
        uint8_t t = *a;
        *a++ = *b;
        *b++ = t;
    }
}

static void sift_down(uint8_t *base, size_t root, size_t n, size_t size,
                      int (*cmp)(const void *, const void *))
{
    for (;;) {
        size_t child = 2 * root + 1;
        if (child >= n)
            return;
        if (child + 1 < n && cmp(base + child * size, base + (child + 1) * size) < 0)
            child++;
        if (cmp(base + root * size, base + child * size) >= 0)
            return;
        swap(base + root * size, base + child * size, size);
        root = child;
    }
}

void dwarf_sort(void *base, size_t n, size_t size, int (*cmp)(const void *, const void *))
{
    uint8_t *b = base;
    if (n < 2)
        return;
    for (size_t i = n / 2; i-- > 0;)
        sift_down(b, i, n, size, cmp);
    for (size_t end = n - 1; end > 0; end--) {
        swap(b, b + end * size, size);
        sift_down(b, 0, end, size, cmp);
    }
}

int dwarf_strcmp(const char *a, const char *b)
{
    while (*a && *a == *b) {
        a++;
        b++;
    }
    return (unsigned char)*a - (unsigned char)*b;
}

/* Every array this searches starts with a uint64_t low. */
size_t dwarf_upper_low(const void *base, size_t n, size_t size, uint64_t addr)
{
    const uint8_t *b = base;
    size_t lo = 0, hi = n;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        uint64_t low;
        __builtin_memcpy(&low, b + mid * size, sizeof low);
        if (low <= addr)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

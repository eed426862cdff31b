/*
 * dwarf_heap.c: malloc and free as the DWARF library's allocator. The
 * library is freestanding and allocates only through the allocator its
 * caller passes; on Linux, hdwarf and the loaders that join files for it
 * and for hdb (altfile.c, dwofile.c) pass this one. hdb's core allocates
 * through its platform layer instead (platform.c).
 */
#include <stdlib.h>

#include <hdb-linux/dwarf_heap.h>

static void *heap_alloc(void *ctx, size_t size)
{
    (void)ctx;
    return malloc(size);
}

static void heap_free(void *ctx, void *p, size_t size)
{
    (void)ctx;
    (void)size;
    free(p);
}

const struct dwarf_allocator hdb_dwarf_heap = {heap_alloc, heap_free, NULL};

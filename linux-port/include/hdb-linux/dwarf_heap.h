/*
 * dwarf_heap.h: malloc and free as the DWARF library's allocator, for the
 * host programs that hand it one (dwarf_heap.c).
 */
#ifndef HDB_LINUX_DWARF_HEAP_H
#define HDB_LINUX_DWARF_HEAP_H

#include <dwarf/dwarf.h>

extern const struct dwarf_allocator hdb_dwarf_heap;

#endif

/*
 * hdb/symtab.h: symbol lookups over an image's ELF symbol tables.
 *
 * Addresses are link-time addresses. The tables are sorted by the loader,
 * so address lookups are binary searches.
 */
#ifndef HDB_SYMTAB_H
#define HDB_SYMTAB_H

#include <hdb/image.h>

/*
 * How much of a symbol's name gdb prints where it names things for
 * people (print, bt, info symbol): without the ".N" that GCC numbers
 * static locals and cloned functions with ("count.0" is count,
 * "work.constprop.0" is work.constprop); x and disassemble print it whole.
 */
int hdb_sym_print_len(const char *name);
/* The function containing addr (within its size, or the nearest before it if sizeless). */
const struct hdb_symbol *hdb_sym_func_at(const struct hdb_image *img, uint64_t addr);
/* The function or data object containing addr, for `<sym+off>` labels. */
const struct hdb_symbol *hdb_sym_at(const struct hdb_image *img, uint64_t addr);
const struct hdb_symbol *hdb_sym_func_by_name(const struct hdb_image *img, const char *name);
const struct hdb_symbol *hdb_sym_object_by_name(const struct hdb_image *img, const char *name);

#endif

/*
 * hdb/symtab.h: symbol lookups over an image's ELF symbol tables.
 *
 * Addresses are link-time addresses. The tables are sorted by the loader,
 * so address lookups are binary searches.
 */
#ifndef HDB_SYMTAB_H
#define HDB_SYMTAB_H

#include <hdb/image.h>

/* The function containing addr (within its size, or the nearest before it if sizeless). */
const struct hdb_symbol *hdb_sym_func_at(const struct hdb_image *img, uint64_t addr);
/* The function or data object containing addr, for `<sym+off>` labels. */
const struct hdb_symbol *hdb_sym_at(const struct hdb_image *img, uint64_t addr);
const struct hdb_symbol *hdb_sym_func_by_name(const struct hdb_image *img, const char *name);
const struct hdb_symbol *hdb_sym_object_by_name(const struct hdb_image *img, const char *name);

#endif

/*
 * hdb-linux/elf_loader.h: loads a program file for the core with libelf.
 */
#ifndef HDB_LINUX_ELF_LOADER_H
#define HDB_LINUX_ELF_LOADER_H

#include <stddef.h>

#include <hdb/image.h>

/*
 * Reads path and fills img: its DWARF sections (decompressed when
 * SHF_COMPRESSED, and joined with dwz's supplementary file), its sorted
 * function and object symbols. On failure returns a negative HDB_E_* code
 * with a reason in why; on success why is empty or holds a warning (a
 * supplementary file that is missing).
 */
int hdb_elf_load(const char *path, struct hdb_image *img, char *why, size_t why_len);
/*
 * The same, but the DWARF sections are only located (img->has_dwarf says
 * whether there are any): hdb_elf_read_dwarf reads and decompresses them.
 */
int hdb_elf_load_deferred(const char *path, struct hdb_image *img, char *why, size_t why_len);
int hdb_elf_read_dwarf(const struct hdb_image *img, struct dwarf_section out[DWARF_SEC_COUNT]);
void hdb_elf_unload(struct hdb_image *img);

#endif

/*
 * altfile.h: dwz's supplementary DWARF file (.gnu_debugaltlink), found and
 * joined with the sections of the file that names it (altfile.c).
 */
#ifndef HDB_LINUX_ALTFILE_H
#define HDB_LINUX_ALTFILE_H

#include <libelf.h>
#include <stdbool.h>
#include <stddef.h>

#include <dwarf/dwarf.h>

/*
 * If elf (the file at path that holds the DWARF sections sec) names a
 * supplementary file, finds it (dir NULL: the system's debug directory)
 * and replaces sec by the joined sections, setting *joined (free them
 * with hdb_altfile_free). 0 when joined or when there is nothing to join;
 * -1 with a one-line reason in why when the file needs a supplementary
 * file that is missing, has another build-id, or cannot be joined.
 */
int hdb_altfile_join(Elf *elf, const char *dir, const char *path,
                     struct dwarf_section *sec, bool *joined, char *why,
                     size_t why_len);
void hdb_altfile_free(struct dwarf_section sec[DWARF_SEC_COUNT]);

#endif

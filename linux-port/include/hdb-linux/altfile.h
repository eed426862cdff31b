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
 * with a one-line reason in why, HDB_ALTFILE_MISSING when no file with the
 * path or the build-id it names is found, HDB_ALTFILE_UNUSABLE when the
 * link is malformed or the join refused.
 */
#define HDB_ALTFILE_MISSING (-1)
#define HDB_ALTFILE_UNUSABLE (-2)
int hdb_altfile_join(Elf *elf, const char *dir, const char *path, struct dwarf_section *sec,
                     bool *joined, char *why, size_t why_len);
void hdb_altfile_free(struct dwarf_section sec[DWARF_SEC_COUNT]);

#endif

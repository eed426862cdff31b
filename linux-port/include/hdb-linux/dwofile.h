/*
 * dwofile.h: the .dwo files of a program built with -gsplit-dwarf, found
 * and joined with the sections of the file whose skeleton units name them
 * (dwofile.c).
 */
#ifndef HDB_LINUX_DWOFILE_H
#define HDB_LINUX_DWOFILE_H

#include <stdbool.h>
#include <stddef.h>

#include <dwarf/dwarf.h>

/*
 * If sec (the DWARF of the file at path) has skeleton units, finds their
 * .dwo files and replaces sec by the joined sections, setting *joined
 * (free them with hdb_dwo_free). A .dwo that is missing, has no unit with
 * its skeleton's dwo_id, or cannot be joined is left out, and warn (when
 * not NULL) gets a line for it, in gdb's words where gdb has some; the
 * skeleton's line table still serves its addresses. 0, or HDB_DWO_NOMEM.
 */
#define HDB_DWO_NOMEM (-1)
int hdb_dwo_join(const char *path, struct dwarf_section *sec, bool *joined, char *warn,
                 size_t warn_len);
void hdb_dwo_free(struct dwarf_section sec[DWARF_SEC_COUNT]);

#endif

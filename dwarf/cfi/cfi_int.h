/*
 * Internal interfaces of the call-frame code (the files of cfi/).
 */
#ifndef DWARF_CFI_INT_H
#define DWARF_CFI_INT_H

#include <dwarf/cfi.h>

#include "dwarf_int.h"

/*
 * A DW_EH_PE_* pointer at the cursor of a section loaded at vaddr;
 * value_only skips the application (pcrel, datarel, ...). DW_EH_PE_indirect
 * must be masked off by the caller, who decides what an indirect pointer means.
 */
int dwarf_cfi_read_pointer(struct dwarf_cursor *c, const struct dwarf_cfi *cfi, uint64_t vaddr,
                           uint8_t enc, bool value_only, uint64_t *out);

#endif

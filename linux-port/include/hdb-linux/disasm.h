/*
 * hdb-linux/disasm.h: capstone as hdb's disassembler on Linux (hdb/disasm.h).
 */
#ifndef HDB_LINUX_DISASM_H
#define HDB_LINUX_DISASM_H

#include <hdb/disasm.h>

/* Fills d with capstone's x86-64 decoder in gdb's AT&T text; HDB_E_NOMEM, HDB_E_NOTSUP. */
int hdb_capstone_open(struct hdb_disasm *d);
void hdb_capstone_close(struct hdb_disasm *d);

#endif

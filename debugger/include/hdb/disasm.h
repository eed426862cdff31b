/*
 * hdb/disasm.h: the disassembler the core uses for `disassemble`, `x/i`
 * and the TUI's assembly pane, behind a small table of operations.
 *
 * On Linux the table is capstone's (linux-port/disasm_capstone.c); a
 * freestanding build supplies its own. A back end decodes one x86-64
 * instruction into gdb's AT&T text and says where a direct branch goes and
 * which address a rip-relative operand names; the core (disasm.c) adds the
 * `<func+off>` labels and the `# 0xADDR <sym>` comments and lays the lines
 * out as gdb does.
 */
#ifndef HDB_DISASM_H
#define HDB_DISASM_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <hdb/session.h>
#include <hdb/strbuf.h>

#define HDB_INSN_MAX 15 /* the longest x86 instruction (SDM Vol. 2 2.3.11) */

struct hdb_insn {
    uint64_t addr;
    unsigned len; /* 1 to HDB_INSN_MAX */
    uint8_t bytes[HDB_INSN_MAX];
    /* gdb's layout: the mnemonic padded to six columns, a space, the operands. */
    char text[192];
    bool has_target; /* a direct jump or call: target is where it goes */
    uint64_t target;
    bool has_ref; /* a rip-relative memory operand: ref is the address it names */
    uint64_t ref;
};

struct hdb_disasm_ops {
    /*
     * Decodes the instruction at the start of code (len bytes, read at
     * addr). 0 with *out filled; HDB_E_FORMAT when the bytes are no valid
     * instruction (or one longer than len); HDB_E_NOMEM.
     */
    int (*decode)(void *ctx, const uint8_t *code, size_t len, uint64_t addr, struct hdb_insn *out);
};

struct hdb_disasm {
    const struct hdb_disasm_ops *ops; /* NULL: no disassembler on this platform */
    void *ctx;
};

/*
 * Decodes the instruction at a runtime address, reading through the
 * session (the process, or the file before a run). Bytes that decode to
 * nothing are one "(bad)" byte, as gdb shows them. 0; HDB_E_IO when
 * nothing can be read there; HDB_E_NOTSUP without a disassembler.
 */
int hdb_disasm_at(struct hdb_session *s, const struct hdb_disasm *d, uint64_t addr,
                  struct hdb_insn *out);

/*
 * The instruction's text with gdb's annotations: ` <sym+off>` after a
 * branch target (` <puts@plt>` for a PLT stub), `# 0xREF <sym>`.
 */
void hdb_disasm_text(struct hdb_session *s, const struct hdb_disasm *d, const struct hdb_insn *in,
                     struct hdb_strbuf *b);

/* The raw bytes as gdb's /r shows them: hex pairs, padded to seven instruction bytes. */
void hdb_disasm_bytes(const struct hdb_insn *in, struct hdb_strbuf *b);

#endif

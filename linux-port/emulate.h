/*
 * emulate.h: a small x86-64 decoder and emulator for stepping over
 * breakpoints (emulate.c says which instructions it knows and why).
 *
 * Decode, then act: emu_decode() either understands every byte of the
 * instruction or declines it; emu_access() says which memory the decoded
 * instruction touches from given registers; emu_execute() cannot fail: it
 * updates the registers and, for a store, fills the bytes to write. The
 * caller does all reading and writing of the process (ptrace_emulate.c),
 * so this file makes no system call and is tested against the CPU itself.
 */
#ifndef HDB_LINUX_EMULATE_H
#define HDB_LINUX_EMULATE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* The longest x86 instruction, in bytes (SDM Vol. 2A, 2.3.11). */
#define EMU_MAX_INSN 15

/* General registers in the order of their encoding (SDM Vol. 2A, Table 3-1: +rq and ModRM). */
enum emu_gpr {
    EMU_RAX,
    EMU_RCX,
    EMU_RDX,
    EMU_RBX,
    EMU_RSP,
    EMU_RBP,
    EMU_RSI,
    EMU_RDI,
    EMU_R8,
    EMU_R15 = 15,
};

/* RFLAGS bits (SDM Vol. 1, 3.4.3). */
#define EMU_CF (1u << 0)
#define EMU_PF (1u << 2)
#define EMU_AF (1u << 4)
#define EMU_ZF (1u << 6)
#define EMU_SF (1u << 7)
#define EMU_TF (1u << 8)
#define EMU_OF (1u << 11)
#define EMU_AC (1u << 18)
#define EMU_ARITH_FLAGS (EMU_CF | EMU_PF | EMU_AF | EMU_ZF | EMU_SF | EMU_OF)

struct emu_regs {
    uint64_t gpr[16]; /* enum emu_gpr */
    uint64_t rip, rflags;
    uint64_t fs_base, gs_base;
};

/* An operand: a register (8-bit ones may be AH, CH, DH, BH), memory or an immediate. */
enum emu_opnd_kind { EMU_OPND_NONE, EMU_OPND_REG, EMU_OPND_MEM, EMU_OPND_IMM };

struct emu_opnd {
    uint8_t kind; /* enum emu_opnd_kind */
    uint8_t reg;  /* enum emu_gpr */
    bool high8;   /* bits 8-15 of reg (AH, CH, DH, BH: an 8-bit register without REX) */
};

enum emu_op {
    EMU_OP_NOP,   /* nop, nopw/nopl r/m (no access), endbr64 */
    EMU_OP_MOV,   /* dst = src, both `size` bytes */
    EMU_OP_MOVZX, /* dst = src (src_size bytes) zero-extended */
    EMU_OP_MOVSX, /* dst = src (src_size bytes) sign-extended (movsx, movsxd) */
    EMU_OP_LEA,   /* dst = the effective address */
    EMU_OP_ADD,   /* dst += src, the six arithmetic flags */
    EMU_OP_SUB,   /* dst -= src, the six arithmetic flags */
    EMU_OP_CMP,   /* flags of dst - src */
    EMU_OP_PUSH,  /* push src (8 bytes) */
    EMU_OP_POP,   /* pop into dst (8 bytes) */
    EMU_OP_LEAVE, /* rsp = rbp, pop rbp */
    EMU_OP_CBW,   /* cbw, cwde, cdqe: rAX's low half sign-extended into rAX */
    EMU_OP_CWD,   /* cwd, cdq, cqo: rDX = the sign of rAX */
    EMU_OP_JMP,   /* rip += imm */
    EMU_OP_JCC,   /* rip += imm if condition cc holds */
};

/* A decoded instruction. */
struct emu_insn {
    uint8_t len;      /* bytes, prefixes included */
    uint8_t op;       /* enum emu_op */
    uint8_t size;     /* operand size in bytes: 1, 2, 4, 8 */
    uint8_t src_size; /* MOVZX, MOVSX: the source's size */
    uint8_t cc;       /* JCC: the condition (the low nibble of the opcode) */
    struct emu_opnd dst, src;
    /* The memory operand, when dst or src is EMU_OPND_MEM (or LEA's address). */
    int8_t base, index; /* enum emu_gpr, -1 for none */
    uint8_t scale;      /* 1, 2, 4, 8 */
    bool rip_rel;       /* the address is relative to the next instruction */
    uint8_t seg;        /* 0, or the FS (0x64) or GS (0x65) prefix */
    int64_t disp;
    int64_t imm; /* sign-extended to 64 bits; JMP, JCC: the displacement */
};

enum emu_access_kind { EMU_ACC_NONE, EMU_ACC_READ, EMU_ACC_WRITE, EMU_ACC_READ_WRITE };

/* The one memory access an instruction makes. */
struct emu_access {
    uint8_t kind; /* enum emu_access_kind */
    uint8_t len;  /* bytes: 1, 2, 4, 8 */
    uint64_t addr;
};

/*
 * Decodes the instruction at the start of code[0..n). Returns 0, or
 * HDB_E_NOTSUP for anything outside the set emulate.c lists (or cut
 * short by n): the caller then runs the instruction on the CPU.
 */
int emu_decode(const uint8_t *code, size_t n, struct emu_insn *in);

/* The memory the instruction reads or writes when run with registers r. */
void emu_access(const struct emu_insn *in, const struct emu_regs *r, struct emu_access *acc);

/*
 * Runs the instruction on r. mem holds the bytes emu_access() named,
 * read from the process for EMU_ACC_READ and EMU_ACC_READ_WRITE; for
 * EMU_ACC_WRITE and EMU_ACC_READ_WRITE it is filled with the bytes to
 * write there (little-endian).
 */
void emu_execute(const struct emu_insn *in, struct emu_regs *r, uint8_t mem[8]);

#endif

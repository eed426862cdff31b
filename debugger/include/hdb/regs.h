/*
 * hdb/regs.h: x86_64 registers in the numbering of GDB's remote protocol.
 *
 * The numbers are the ones gdbstub/include/gdbstub/x86_64.h serves (the
 * order of the i386 core, sse and segments target-description features),
 * so the remote target maps them 1:1; tests/test_regs.c checks the two
 * enums against each other. struct hdb_regs holds the integer registers;
 * the x87, SSE, AVX and AVX-512 state comes whole in struct hdb_fpregs,
 * and struct hdb_reg_desc names any register gdb lets a user write as
 * $name, the views of others among them ($eax, $al, $ymm0).
 */
#ifndef HDB_REGS_H
#define HDB_REGS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

enum hdb_reg {
    HDB_REG_RAX = 0,
    HDB_REG_RBX,
    HDB_REG_RCX,
    HDB_REG_RDX,
    HDB_REG_RSI,
    HDB_REG_RDI,
    HDB_REG_RBP,
    HDB_REG_RSP,
    HDB_REG_R8,
    HDB_REG_R9,
    HDB_REG_R10,
    HDB_REG_R11,
    HDB_REG_R12,
    HDB_REG_R13,
    HDB_REG_R14,
    HDB_REG_R15,
    HDB_REG_RIP,    /* 16 */
    HDB_REG_EFLAGS, /* 17 */
    HDB_REG_CS,     /* 18-23 */
    HDB_REG_SS,
    HDB_REG_DS,
    HDB_REG_ES,
    HDB_REG_FS,
    HDB_REG_GS,
    HDB_REG_ST0,                       /* 24-31 (in struct hdb_fpregs) */
    HDB_REG_FCTRL = HDB_REG_ST0 + 8,   /* 32-39 (in struct hdb_fpregs) */
    HDB_REG_XMM0 = HDB_REG_FCTRL + 8,  /* 40-55 (in struct hdb_fpregs; calls: the low half) */
    HDB_REG_MXCSR = HDB_REG_XMM0 + 16, /* 56 (in struct hdb_fpregs) */
    HDB_REG_FS_BASE,                   /* 57 */
    HDB_REG_GS_BASE,                   /* 58 */
    HDB_REG_COUNT,
};

/* The registers of one thread; valid says which slots the target filled. */
struct hdb_regs {
    uint64_t v[HDB_REG_COUNT];
    uint64_t valid; /* bit n: register n was read */
};

static inline bool hdb_regs_has(const struct hdb_regs *r, int n)
{
    return n >= 0 && n < HDB_REG_COUNT && (r->valid >> n) & 1;
}

/*
 * The floating-point and vector state of a thread (x87, SSE, AVX,
 * AVX-512), in the form gdb shows it: the x87 control registers as
 * gdb's fctrl, fstat, ftag (the full tag word, SDM 8.1.7, not FXSAVE's
 * abridged one), fiseg, fioff, foseg, fooff and fop; st[i] is ST(i), 80
 * bits; zmm[i] holds xmm i in its low 16 bytes and ymm i in its low 32.
 * have says which parts the target filled.
 */
enum {
    HDB_FP_X87 = 1,    /* st, x87 */
    HDB_FP_SSE = 2,    /* xmm0-15, mxcsr */
    HDB_FP_AVX = 4,    /* ymm0-15 */
    HDB_FP_AVX512 = 8, /* k0-7, zmm0-31 */
};
enum {
    HDB_X87_FCTRL,
    HDB_X87_FSTAT,
    HDB_X87_FTAG,
    HDB_X87_FISEG,
    HDB_X87_FIOFF,
    HDB_X87_FOSEG,
    HDB_X87_FOOFF,
    HDB_X87_FOP
};
struct hdb_fpregs {
    uint32_t have;
    uint8_t st[8][10];
    uint32_t x87[8];
    uint32_t mxcsr;
    uint64_t k[8];
    uint8_t zmm[32][64];
};

/* What a register name means (regdesc.c). */
enum hdb_reg_class {
    HDB_RC_INT,  /* a slot of struct hdb_regs: index is the enum hdb_reg */
    HDB_RC_PART, /* bytes bytes of general register index from bit shift: $eax, $ax, $al, $ah */
    HDB_RC_ST,   /* st0-7 */
    HDB_RC_X87,  /* fctrl ... fop: index is HDB_X87_* */
    HDB_RC_MXCSR,
    HDB_RC_K,   /* k0-7 */
    HDB_RC_XMM, /* xmm0-31, ymm0-31, zmm0-31: bytes is 16, 32 or 64 */
};
struct hdb_reg_desc {
    enum hdb_reg_class cls;
    int index;
    uint8_t bytes, shift;
};
/* The register $name names, with or without its '$'; HDB_E_NOT_FOUND if none. */
int hdb_reg_lookup(const char *name, struct hdb_reg_desc *d);
/* gdb's name of a register ("eax", "xmm3", "st0"). */
void hdb_reg_desc_name(const struct hdb_reg_desc *d, char *buf, size_t len);
/* Does the state have the register (the CPU's features, as the target said them)? */
bool hdb_reg_desc_present(const struct hdb_reg_desc *d, const struct hdb_fpregs *fp);
/*
 * gdb's register groups on x86_64 for this state, in its order: `info
 * registers` (general), `info all-registers` (all), `info registers
 * vector` (vector), `info float` (float). Fills up to max; returns the count.
 */
enum hdb_reg_group { HDB_RG_GENERAL, HDB_RG_ALL, HDB_RG_VECTOR, HDB_RG_FLOAT };
int hdb_reg_group(enum hdb_reg_group g, uint32_t have, struct hdb_reg_desc *out, int max);

/* gdb's name of an integer register ("rax", "eflags", "fs_base"), or NULL. */
const char *hdb_reg_name(int regno);
/* The register a name means (with or without a leading '$'), or -1. */
int hdb_reg_by_name(const char *name);
/* The integer registers in gdb's `info registers` order; count in *n. */
const int *hdb_reg_general(int *n);

#endif

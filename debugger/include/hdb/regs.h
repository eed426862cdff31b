/*
 * hdb/regs.h: x86_64 registers in the numbering of GDB's remote protocol.
 *
 * The numbers are the ones gdbstub/include/gdbstub/x86_64.h serves (the
 * order of the i386 core, sse and segments target-description features),
 * so the remote target maps them 1:1; tests/test_regs.c checks the two
 * enums against each other. The core only deals with the integer
 * registers for now; the x87 and SSE slots exist so the numbering stays
 * the same when they are added.
 */
#ifndef HDB_REGS_H
#define HDB_REGS_H

#include <stdbool.h>
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
    HDB_REG_ST0,                       /* 24-31 (not read yet) */
    HDB_REG_FCTRL = HDB_REG_ST0 + 8,   /* 32-39 (not read yet) */
    HDB_REG_XMM0 = HDB_REG_FCTRL + 8,  /* 40-55 (not read yet) */
    HDB_REG_MXCSR = HDB_REG_XMM0 + 16, /* 56 (not read yet) */
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

/* gdb's name of an integer register ("rax", "eflags", "fs_base"), or NULL. */
const char *hdb_reg_name(int regno);
/* The register a name means (with or without a leading '$'), or -1. */
int hdb_reg_by_name(const char *name);
/* The integer registers in gdb's `info registers` order; count in *n. */
const int *hdb_reg_general(int *n);

#endif

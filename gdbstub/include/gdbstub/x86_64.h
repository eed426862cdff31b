/*
 * gdbstub/x86_64.h: x86_64 registers in gdb's remote numbering.
 *
 * The numbering is the order of <reg> elements in the target description
 * the engine serves (arch/x86_64/tdesc.c): the org.gnu.gdb.i386.core
 * feature (general, segment selector and x87 registers), then
 * org.gnu.gdb.i386.sse, then org.gnu.gdb.i386.segments (GDB manual
 * "i386 Features"). The g packet is these registers in this order, each in
 * little-endian byte order, GDBSTUB_X86_64_REGS_BYTES bytes in all.
 */
#ifndef GDBSTUB_X86_64_H
#define GDBSTUB_X86_64_H

#include "gdbstub/arch.h"

enum gdbstub_x86_64_reg {
    GDBSTUB_X86_64_RAX = 0, /* 8 bytes each up to and including RIP */
    GDBSTUB_X86_64_RBX,
    GDBSTUB_X86_64_RCX,
    GDBSTUB_X86_64_RDX,
    GDBSTUB_X86_64_RSI,
    GDBSTUB_X86_64_RDI,
    GDBSTUB_X86_64_RBP,
    GDBSTUB_X86_64_RSP,
    GDBSTUB_X86_64_R8,
    GDBSTUB_X86_64_R9,
    GDBSTUB_X86_64_R10,
    GDBSTUB_X86_64_R11,
    GDBSTUB_X86_64_R12,
    GDBSTUB_X86_64_R13,
    GDBSTUB_X86_64_R14,
    GDBSTUB_X86_64_R15,
    GDBSTUB_X86_64_RIP,    /* 16 */
    GDBSTUB_X86_64_EFLAGS, /* 17, 4 bytes */
    GDBSTUB_X86_64_CS,     /* 18-23: selectors, 4 bytes each */
    GDBSTUB_X86_64_SS,
    GDBSTUB_X86_64_DS,
    GDBSTUB_X86_64_ES,
    GDBSTUB_X86_64_FS,
    GDBSTUB_X86_64_GS,
    GDBSTUB_X86_64_ST0,                            /* 24-31: x87 stack, 10 bytes each */
    GDBSTUB_X86_64_FCTRL = GDBSTUB_X86_64_ST0 + 8, /* 32-39: x87 control, 4 bytes each */
    GDBSTUB_X86_64_FSTAT,
    GDBSTUB_X86_64_FTAG,
    GDBSTUB_X86_64_FISEG,
    GDBSTUB_X86_64_FIOFF,
    GDBSTUB_X86_64_FOSEG,
    GDBSTUB_X86_64_FOOFF,
    GDBSTUB_X86_64_FOP,
    GDBSTUB_X86_64_XMM0,                             /* 40-55: 16 bytes each */
    GDBSTUB_X86_64_MXCSR = GDBSTUB_X86_64_XMM0 + 16, /* 56, 4 bytes */
    GDBSTUB_X86_64_FS_BASE,                          /* 57, 8 bytes */
    GDBSTUB_X86_64_GS_BASE,                          /* 58, 8 bytes */
    GDBSTUB_X86_64_NREGS,
};

/* Size of the g packet payload in bytes (twice that in hex digits). */
#define GDBSTUB_X86_64_REGS_BYTES 552

extern const struct gdbstub_arch gdbstub_arch_x86_64;

#endif

/* The live unwinding target (unwind_target.c) and what it records. */
#ifndef DWARF_TEST_UNWIND_TARGET_H
#define DWARF_TEST_UNWIND_TARGET_H

#include <stdint.h>

#define UNWIND_NREGS 17
#define UNWIND_STACK_COPY 65536
#define UNWIND_DEPTH 3

struct unwind_snapshot {
    uint64_t regs[UNWIND_NREGS]; /* DWARF numbering; 16 is the pc */
    uint64_t stack_base;         /* address of stack[0] */
    uint64_t stack_len;          /* bytes copied: up to the top of the stack */
    uint64_t stack_top;          /* set by the caller: where the stack ends */
    uint8_t stack[UNWIND_STACK_COPY];
    /* From the program itself, innermost first: each level's CFA and return address. */
    uint64_t cfa[UNWIND_DEPTH], ra[UNWIND_DEPTH];
    /* Called by the innermost function after the capture (the gdb oracle stops there). */
    void (*after_capture)(struct unwind_snapshot *s);
};

void unwind_level1(struct unwind_snapshot *s, uint64_t x);

#endif

/*
 * Internals of the DW_OP stack machine shared by eval.c (operations,
 * locations, DIE calls) and eval_typed.c (base types and typed arithmetic,
 * DWARF5 2.5.1.6).
 */
#ifndef DWARF_EVAL_INT_H
#define DWARF_EVAL_INT_H

#include <dwarf/eval.h>
#include <dwarf/expr.h>

#include "dwarf_int.h"

/* How a type's bits are read. */
enum value_kind {
    KIND_GENERIC,  /* the generic type: signed, but DW_OP_mod is unsigned on it */
    KIND_SIGNED,   /* DW_ATE_signed, signed_char, signed_fixed */
    KIND_UNSIGNED, /* every other integral encoding: unsigned, boolean, address, UTF, ... */
    KIND_FLOAT,    /* DW_ATE_float, decimal_float: bits only, no arithmetic here */
};

/* A value's type: a base type DIE (die != 0) or the generic type. */
struct value_type {
    uint64_t die; /* section offset of the DW_TAG_base_type DIE; 0 for the generic type */
    uint8_t section;
    uint8_t size; /* bytes, 1 to 8 */
    uint8_t kind; /* enum value_kind */
};

struct value {
    uint64_t bits; /* the value, zero above the type's size */
    struct value_type type;
};

/* The simple location being built until the next piece (DWARF5 2.6.1.1). */
struct pending {
    uint8_t kind; /* DWARF_LOC_MEMORY when the stack holds the address (or is empty) */
    struct dwarf_loc_piece p;
};

struct machine {
    const struct dwarf_eval *ev;
    const struct dwarf_eval_ops *ops;
    struct value stack[DWARF_EVAL_STACK];
    unsigned sp;
    struct value_type generic;
    uint64_t steps; /* left in the budget, shared with called expressions */
    unsigned calls; /* DIE calls in progress */
    bool must_end;  /* a register, value or implicit location must end its piece */
    struct pending pend;
    struct dwarf_location *loc;
};

static inline uint64_t mask_of(unsigned size)
{
    return size >= 8 ? ~UINT64_C(0) : (UINT64_C(1) << (8 * size)) - 1;
}

/* bits as a signed number of size bytes. */
static inline int64_t sign_extend(uint64_t bits, unsigned size)
{
    uint64_t sign = UINT64_C(1) << (8 * (size >= 8 ? 8 : size) - 1);
    bits &= mask_of(size);
    return (int64_t)((bits ^ sign) - sign);
}

/* eval.c: the stack (push masks to the type's size), registers and memory. */
int dwarf_eval_push(struct machine *m, uint64_t bits, struct value_type t);
int dwarf_eval_pop(struct machine *m, struct value *v);
int dwarf_eval_read_reg(struct machine *m, uint64_t reg, uint64_t *v);
/* Pops an address and reads size (1-8) bytes there, little-endian. */
int dwarf_eval_load(struct machine *m, unsigned size, uint64_t *v);

/* eval_typed.c: DWARF5 2.5.1.4 with types, and the typed operations of 2.5.1.6. */
int dwarf_eval_binary(struct machine *m, uint8_t op);
/* abs, neg, not, plus_uconst (operand). */
int dwarf_eval_unary(struct machine *m, uint8_t op, uint64_t operand);
/* const_type, regval_type, deref_type, convert, reinterpret and the GNU forms. */
int dwarf_eval_typed_op(struct machine *m, const struct dwarf_unit *unit,
                        const struct dwarf_expr_op *op);

#endif

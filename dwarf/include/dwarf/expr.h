/*
 * Decoding DWARF expressions (DWARF5 2.5, 7.7.1) into operations. This
 * slice decodes and bounds-checks; evaluation comes with the location
 * work of issue 9.
 */
#ifndef DWARF_EXPR_H
#define DWARF_EXPR_H

#include <dwarf/dwarf.h>

/* How an operation's operands are encoded, for printing them. */
enum dwarf_operand_kind {
    DWARF_OPND_NONE,
    DWARF_OPND_U,     /* unsigned (fixed size or ULEB) */
    DWARF_OPND_S,     /* signed (fixed size or SLEB) */
    DWARF_OPND_REG,   /* ULEB register number */
    DWARF_OPND_BLOCK, /* length-prefixed bytes: block, block_len */
    DWARF_OPND_EXPR,  /* length-prefixed sub-expression (entry_value) */
    DWARF_OPND_TYPE,  /* ULEB unit offset of a base type DIE */
};

struct dwarf_expr_op {
    uint8_t opcode;
    uint64_t offset; /* within the expression */
    uint8_t noperands;
    enum dwarf_operand_kind kind[3];
    uint64_t operand[3];  /* raw operand values (signed ones as two's complement) */
    const uint8_t *block; /* BLOCK and EXPR operands */
    uint64_t block_len;
};

struct dwarf_expr_iter {
    const uint8_t *data;
    uint64_t len, pos;
    uint8_t addr_size, offset_size;
    uint16_t version;
};

/* unit supplies address and offset sizes (DW_OP_addr, DW_OP_call_ref). */
void dwarf_expr_iter_init(struct dwarf_expr_iter *it, const uint8_t *data, uint64_t len,
                          const struct dwarf_unit *unit);
/* 1 with the next operation, 0 at the end, DWARF_E_* on malformed bytes or opcodes. */
int dwarf_expr_next(struct dwarf_expr_iter *it, struct dwarf_expr_op *op);

#endif

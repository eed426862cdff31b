/*
 * DWARF expression decoding (DWARF5 7.7.1, Table 7.9): each opcode and the
 * encoding of its operands, read through the bounds-checked cursor.
 */
#include <dwarf/expr.h>

#include "dwarf_int.h"

void dwarf_expr_iter_init(struct dwarf_expr_iter *it, const uint8_t *data, uint64_t len,
                          const struct dwarf_unit *unit)
{
    it->data = data;
    it->len = data ? len : 0;
    it->pos = 0;
    it->addr_size = unit->addr_size;
    it->offset_size = unit->offset_size;
    it->version = unit->version;
}

/* Operand encodings: fixed unsigned/signed sizes, or LEB128 (size 0). */
static int operand(struct dwarf_cursor *c, struct dwarf_expr_op *op, enum dwarf_operand_kind kind,
                   unsigned size)
{
    uint64_t v = 0;
    int rc;
    if (size == 0) {
        if (kind == DWARF_OPND_S) {
            int64_t s;
            rc = dwarf_read_sleb(c, &s);
            v = (uint64_t)s;
        } else {
            rc = dwarf_read_uleb(c, &v);
        }
    } else {
        rc = dwarf_read_uint(c, size, &v);
        if (!rc && kind == DWARF_OPND_S && size < 8 && (v >> (8 * size - 1)) & 1)
            v |= ~(uint64_t)0 << (8 * size);
    }
    if (rc)
        return rc;
    op->kind[op->noperands] = kind;
    op->operand[op->noperands++] = v;
    return 0;
}

static int block(struct dwarf_cursor *c, struct dwarf_expr_op *op, enum dwarf_operand_kind kind)
{
    int rc;
    if ((rc = operand(c, op, DWARF_OPND_U, 0)))
        return rc;
    op->kind[op->noperands - 1] = kind;
    op->block_len = op->operand[op->noperands - 1];
    return dwarf_read_bytes(c, op->block_len, &op->block);
}

static int operands(struct dwarf_cursor *c, struct dwarf_expr_op *op,
                    const struct dwarf_expr_iter *it)
{
    uint8_t o = op->opcode;
    unsigned ref_size = it->version <= 2 ? it->addr_size : it->offset_size;
    int rc;

    if ((o >= DW_OP_lit0 && o <= DW_OP_lit31) || (o >= DW_OP_reg0 && o <= DW_OP_reg31))
        return 0;
    if (o >= DW_OP_breg0 && o <= DW_OP_breg31)
        return operand(c, op, DWARF_OPND_S, 0);
    switch (o) {
    case DW_OP_addr:
        return operand(c, op, DWARF_OPND_U, it->addr_size);
    case DW_OP_const1u:
    case DW_OP_pick:
    case DW_OP_deref_size:
    case DW_OP_xderef_size:
        return operand(c, op, DWARF_OPND_U, 1);
    case DW_OP_const1s:
        return operand(c, op, DWARF_OPND_S, 1);
    case DW_OP_const2u:
    case DW_OP_call2:
        return operand(c, op, DWARF_OPND_U, 2);
    case DW_OP_const2s:
    case DW_OP_skip:
    case DW_OP_bra:
        return operand(c, op, DWARF_OPND_S, 2);
    case DW_OP_const4u:
    case DW_OP_call4:
    case DW_OP_GNU_parameter_ref:
        return operand(c, op, DWARF_OPND_U, 4);
    case DW_OP_const4s:
        return operand(c, op, DWARF_OPND_S, 4);
    case DW_OP_const8u:
        return operand(c, op, DWARF_OPND_U, 8);
    case DW_OP_const8s:
        return operand(c, op, DWARF_OPND_S, 8);
    case DW_OP_constu:
    case DW_OP_plus_uconst:
    case DW_OP_piece:
    case DW_OP_addrx:
    case DW_OP_constx:
    case DW_OP_GNU_addr_index:
    case DW_OP_GNU_const_index:
        return operand(c, op, DWARF_OPND_U, 0);
    case DW_OP_consts:
    case DW_OP_fbreg:
        return operand(c, op, DWARF_OPND_S, 0);
    case DW_OP_regx:
        return operand(c, op, DWARF_OPND_REG, 0);
    case DW_OP_bregx:
        if ((rc = operand(c, op, DWARF_OPND_REG, 0)))
            return rc;
        return operand(c, op, DWARF_OPND_S, 0);
    case DW_OP_bit_piece:
        if ((rc = operand(c, op, DWARF_OPND_U, 0)))
            return rc;
        return operand(c, op, DWARF_OPND_U, 0);
    case DW_OP_call_ref:
    case DW_OP_GNU_variable_value:
        return operand(c, op, DWARF_OPND_U, ref_size);
    case DW_OP_implicit_value:
        return block(c, op, DWARF_OPND_BLOCK);
    case DW_OP_entry_value:
    case DW_OP_GNU_entry_value:
        return block(c, op, DWARF_OPND_EXPR);
    case DW_OP_implicit_pointer:
    case DW_OP_GNU_implicit_pointer:
        if ((rc = operand(c, op, DWARF_OPND_U, ref_size)))
            return rc;
        return operand(c, op, DWARF_OPND_S, 0);
    case DW_OP_const_type:
    case DW_OP_GNU_const_type: {
        uint8_t n;
        if ((rc = operand(c, op, DWARF_OPND_TYPE, 0)) || (rc = dwarf_read_u8(c, &n)))
            return rc;
        op->kind[op->noperands] = DWARF_OPND_BLOCK;
        op->operand[op->noperands++] = n;
        op->block_len = n;
        return dwarf_read_bytes(c, n, &op->block);
    }
    case DW_OP_regval_type:
    case DW_OP_GNU_regval_type:
        if ((rc = operand(c, op, DWARF_OPND_REG, 0)))
            return rc;
        return operand(c, op, DWARF_OPND_TYPE, 0);
    case DW_OP_deref_type:
    case DW_OP_GNU_deref_type:
    case DW_OP_xderef_type:
        if ((rc = operand(c, op, DWARF_OPND_U, 1)))
            return rc;
        return operand(c, op, DWARF_OPND_TYPE, 0);
    case DW_OP_convert:
    case DW_OP_reinterpret:
    case DW_OP_GNU_convert:
    case DW_OP_GNU_reinterpret:
        return operand(c, op, DWARF_OPND_TYPE, 0);
    case DW_OP_deref:
    case DW_OP_dup:
    case DW_OP_drop:
    case DW_OP_over:
    case DW_OP_swap:
    case DW_OP_rot:
    case DW_OP_xderef:
    case DW_OP_abs:
    case DW_OP_and:
    case DW_OP_div:
    case DW_OP_minus:
    case DW_OP_mod:
    case DW_OP_mul:
    case DW_OP_neg:
    case DW_OP_not:
    case DW_OP_or:
    case DW_OP_plus:
    case DW_OP_shl:
    case DW_OP_shr:
    case DW_OP_shra:
    case DW_OP_xor:
    case DW_OP_eq:
    case DW_OP_ge:
    case DW_OP_gt:
    case DW_OP_le:
    case DW_OP_lt:
    case DW_OP_ne:
    case DW_OP_nop:
    case DW_OP_push_object_address:
    case DW_OP_form_tls_address:
    case DW_OP_call_frame_cfa:
    case DW_OP_stack_value:
    case DW_OP_GNU_push_tls_address:
    case DW_OP_GNU_uninit:
        return 0;
    default:
        return DWARF_E_FORM; /* unknown opcode: its operand size is unknown too */
    }
}

int dwarf_expr_next(struct dwarf_expr_iter *it, struct dwarf_expr_op *op)
{
    struct dwarf_section sec = {.data = it->data, .size = it->len};
    struct dwarf_cursor c;
    int rc;

    if (it->pos >= it->len)
        return 0;
    if ((rc = dwarf_cursor_init(&c, &sec, it->pos, it->len)))
        return rc;
    *op = (struct dwarf_expr_op){.offset = it->pos};
    if ((rc = dwarf_read_u8(&c, &op->opcode)) || (rc = operands(&c, op, it)))
        return rc;
    it->pos = c.pos;
    return 1;
}

/*
 * The DW_OP stack machine (DWARF5 2.5.1, 2.6.1): operations come from the
 * decoder in expr.c, values live on a bounded stack, and the location is
 * assembled from simple locations and pieces. See <dwarf/eval.h> for what
 * is reported rather than computed.
 */
#include <dwarf/eval.h>
#include <dwarf/expr.h>

#include "dwarf_int.h"

struct machine {
    const struct dwarf_eval *ev;
    const struct dwarf_eval_ops *ops;
    uint64_t stack[DWARF_EVAL_STACK];
    unsigned sp;
    uint64_t mask; /* the generic type's width */
};

static int push(struct machine *m, uint64_t v)
{
    if (m->sp == DWARF_EVAL_STACK)
        return DWARF_E_LIMIT;
    m->stack[m->sp++] = v & m->mask;
    return 0;
}

static int pop(struct machine *m, uint64_t *v)
{
    if (m->sp == 0)
        return DWARF_E_EXPR;
    *v = m->stack[--m->sp];
    return 0;
}

/* Sign of the generic type: its top bit. */
static int64_t as_signed(const struct machine *m, uint64_t v)
{
    uint64_t sign = (m->mask >> 1) + 1;
    return (int64_t)((v ^ sign) - sign);
}

static int read_reg(struct machine *m, uint64_t reg, uint64_t *v)
{
    if (m->ops == NULL || m->ops->read_reg == NULL || reg > 0xffff)
        return DWARF_E_UNAVAILABLE;
    return m->ops->read_reg(m->ops->ctx, (unsigned)reg, v);
}

static int deref(struct machine *m, unsigned size)
{
    uint8_t buf[8];
    uint64_t addr, v = 0;
    int rc;
    if (size == 0 || size > 8)
        return DWARF_E_EXPR;
    if ((rc = pop(m, &addr)))
        return rc;
    if (m->ops == NULL || m->ops->read_mem == NULL)
        return DWARF_E_UNAVAILABLE;
    if ((rc = m->ops->read_mem(m->ops->ctx, addr, buf, size)))
        return rc;
    for (unsigned i = 0; i < size; i++)
        v |= (uint64_t)buf[i] << (8 * i);
    return push(m, v);
}

static int callback(struct machine *m, int (*fn)(void *, uint64_t *), uint64_t add)
{
    uint64_t v;
    int rc;
    if (m->ops == NULL || fn == NULL)
        return DWARF_E_UNAVAILABLE;
    if ((rc = fn(m->ops->ctx, &v)))
        return rc;
    return push(m, v + add);
}

/* DWARF5 2.5.1.4: binary operations pop b (top) then a, and push a op b. */
static int binary(struct machine *m, uint8_t op)
{
    uint64_t a, b, r;
    int rc;
    if ((rc = pop(m, &b)) || (rc = pop(m, &a)))
        return rc;
    switch (op) {
    case DW_OP_and:
        r = a & b;
        break;
    case DW_OP_or:
        r = a | b;
        break;
    case DW_OP_xor:
        r = a ^ b;
        break;
    case DW_OP_plus:
        r = a + b;
        break;
    case DW_OP_minus:
        r = a - b;
        break;
    case DW_OP_mul:
        r = a * b;
        break;
    case DW_OP_div: {
        int64_t sa = as_signed(m, a), sb = as_signed(m, b);
        if (sb == 0)
            return DWARF_E_EXPR;
        /* INT64_MIN / -1 overflows in C; in two's complement it is INT64_MIN. */
        r = (sb == -1) ? 0 - a : (uint64_t)(sa / sb);
        break;
    }
    case DW_OP_mod:
        if (b == 0)
            return DWARF_E_EXPR;
        r = a % b;
        break;
    case DW_OP_shl:
        r = b >= 64 ? 0 : a << b;
        break;
    case DW_OP_shr:
        r = b >= 64 ? 0 : a >> b;
        break;
    case DW_OP_shra: {
        int64_t sa = as_signed(m, a);
        r = (uint64_t)(b >= 64 ? (sa < 0 ? -1 : 0) : sa >> b);
        break;
    }
    case DW_OP_eq:
        r = a == b;
        break;
    case DW_OP_ne:
        r = a != b;
        break;
    case DW_OP_lt:
        r = as_signed(m, a) < as_signed(m, b);
        break;
    case DW_OP_gt:
        r = as_signed(m, a) > as_signed(m, b);
        break;
    case DW_OP_le:
        r = as_signed(m, a) <= as_signed(m, b);
        break;
    case DW_OP_ge:
        r = as_signed(m, a) >= as_signed(m, b);
        break;
    default:
        return DWARF_E_EXPR;
    }
    return push(m, r);
}

/* The simple location being built until the next piece (DWARF5 2.6.1.1). */
struct pending {
    uint8_t kind; /* DWARF_LOC_MEMORY when the stack holds the address (or is empty) */
    struct dwarf_loc_piece p;
};

/* Closes the pending simple location into a piece (or the whole location). */
static int close_piece(struct machine *m, struct pending *pend, struct dwarf_location *loc,
                       bool is_piece, uint64_t size_bits, uint64_t bit_offset)
{
    struct dwarf_loc_piece p = pend->p;
    int rc;
    if (loc->npieces == DWARF_EVAL_PIECES)
        return DWARF_E_LIMIT;
    p.kind = pend->kind;
    if (pend->kind == DWARF_LOC_MEMORY || pend->kind == DWARF_LOC_VALUE) {
        if (m->sp == 0) {
            if (pend->kind == DWARF_LOC_VALUE)
                return DWARF_E_EXPR;
            p.kind = DWARF_LOC_EMPTY; /* an empty piece: that part is optimized out */
        } else if ((rc = pop(m, &p.value))) {
            return rc;
        }
    }
    p.is_piece = is_piece;
    p.size_bits = size_bits;
    p.bit_offset = bit_offset;
    loc->piece[loc->npieces++] = p;
    *pend = (struct pending){.kind = DWARF_LOC_MEMORY};
    return 0;
}

/* Register, stack_value, implicit value and pointer must end a piece or the expression. */
static bool ends_piece(uint8_t next)
{
    return next == DW_OP_piece || next == DW_OP_bit_piece;
}

static int run(struct machine *m, const uint8_t *expr, uint64_t len, struct dwarf_location *loc)
{
    const struct dwarf_eval *ev = m->ev;
    static const struct dwarf_unit default_unit = {.version = 5, .offset_size = 4, .addr_size = 8};
    const struct dwarf_unit *unit = ev->unit ? ev->unit : &default_unit;
    struct dwarf_expr_iter it;
    struct dwarf_expr_op op;
    struct pending pend = {.kind = DWARF_LOC_MEMORY};
    uint64_t steps = ev->max_steps ? ev->max_steps : DWARF_EVAL_DEFAULT_STEPS;
    uint64_t a, b, c;
    bool must_end = false;
    int rc;

    loc->npieces = 0;
    dwarf_expr_iter_init(&it, expr, len, unit);
    while ((rc = dwarf_expr_next(&it, &op)) > 0) {
        uint8_t o = op.opcode;
        rc = 0;
        if (steps-- == 0)
            return DWARF_E_LIMIT;
        if (must_end && !ends_piece(o))
            return DWARF_E_EXPR;
        must_end = false;
        if (o >= DW_OP_lit0 && o <= DW_OP_lit31) {
            rc = push(m, o - DW_OP_lit0);
        } else if (o >= DW_OP_reg0 && o <= DW_OP_reg31) {
            pend.kind = DWARF_LOC_REGISTER;
            pend.p.value = o - DW_OP_reg0;
            must_end = true;
        } else if (o >= DW_OP_breg0 && o <= DW_OP_breg31) {
            if ((rc = read_reg(m, o - DW_OP_breg0, &a)) == 0)
                rc = push(m, a + op.operand[0]);
        } else {
            switch (o) {
            case DW_OP_addr:
            case DW_OP_const1u:
            case DW_OP_const1s:
            case DW_OP_const2u:
            case DW_OP_const2s:
            case DW_OP_const4u:
            case DW_OP_const4s:
            case DW_OP_const8u:
            case DW_OP_const8s:
            case DW_OP_constu:
            case DW_OP_consts:
                rc = push(m, op.operand[0]);
                break;
            case DW_OP_addrx:
            case DW_OP_constx:
            case DW_OP_GNU_addr_index:
            case DW_OP_GNU_const_index:
                /* DWARF5 2.5.1.1: an entry of .debug_addr (constx: not relocated, same read). */
                if (ev->unit == NULL)
                    return DWARF_E_UNAVAILABLE;
                if ((rc = dwarf_addr_entry(ev->unit, op.operand[0], &a)) == 0)
                    rc = push(m, a);
                break;
            case DW_OP_dup:
                rc = m->sp ? push(m, m->stack[m->sp - 1]) : DWARF_E_EXPR;
                break;
            case DW_OP_drop:
                rc = pop(m, &a);
                break;
            case DW_OP_over:
                rc = m->sp >= 2 ? push(m, m->stack[m->sp - 2]) : DWARF_E_EXPR;
                break;
            case DW_OP_pick:
                rc = op.operand[0] < m->sp ? push(m, m->stack[m->sp - 1 - op.operand[0]])
                                           : DWARF_E_EXPR;
                break;
            case DW_OP_swap:
                if (m->sp < 2)
                    return DWARF_E_EXPR;
                a = m->stack[m->sp - 1];
                m->stack[m->sp - 1] = m->stack[m->sp - 2];
                m->stack[m->sp - 2] = a;
                break;
            case DW_OP_rot: /* top three: (c b a) -> (a c b), top first */
                if (m->sp < 3)
                    return DWARF_E_EXPR;
                a = m->stack[m->sp - 1];
                b = m->stack[m->sp - 2];
                c = m->stack[m->sp - 3];
                m->stack[m->sp - 1] = b;
                m->stack[m->sp - 2] = c;
                m->stack[m->sp - 3] = a;
                break;
            case DW_OP_deref:
                rc = deref(m, unit->addr_size);
                break;
            case DW_OP_deref_size:
                rc = deref(m, (unsigned)op.operand[0]);
                break;
            case DW_OP_abs:
                if ((rc = pop(m, &a)) == 0)
                    rc = push(m, as_signed(m, a) < 0 ? 0 - a : a);
                break;
            case DW_OP_neg:
                if ((rc = pop(m, &a)) == 0)
                    rc = push(m, 0 - a);
                break;
            case DW_OP_not:
                if ((rc = pop(m, &a)) == 0)
                    rc = push(m, ~a);
                break;
            case DW_OP_plus_uconst:
                if ((rc = pop(m, &a)) == 0)
                    rc = push(m, a + op.operand[0]);
                break;
            case DW_OP_and:
            case DW_OP_div:
            case DW_OP_minus:
            case DW_OP_mod:
            case DW_OP_mul:
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
                rc = binary(m, o);
                break;
            case DW_OP_skip:
            case DW_OP_bra: {
                /* DWARF5 2.5.1.5: the offset counts from the end of this operation. */
                uint64_t target = it.pos + op.operand[0];
                if (o == DW_OP_bra) {
                    if ((rc = pop(m, &a)))
                        return rc;
                    if (a == 0)
                        break;
                }
                if (target > len)
                    return DWARF_E_EXPR;
                it.pos = target;
                break;
            }
            case DW_OP_nop:
            case DW_OP_GNU_uninit:
                break;
            case DW_OP_regx:
                pend.kind = DWARF_LOC_REGISTER;
                pend.p.value = op.operand[0];
                must_end = true;
                break;
            case DW_OP_bregx:
                if ((rc = read_reg(m, op.operand[0], &a)) == 0)
                    rc = push(m, a + op.operand[1]);
                break;
            case DW_OP_fbreg:
                rc = callback(m, m->ops ? m->ops->frame_base : NULL, op.operand[0]);
                break;
            case DW_OP_call_frame_cfa:
                rc = callback(m, m->ops ? m->ops->call_frame_cfa : NULL, 0);
                break;
            case DW_OP_push_object_address:
                rc = callback(m, m->ops ? m->ops->object_address : NULL, 0);
                break;
            case DW_OP_entry_value:
            case DW_OP_GNU_entry_value:
                /* DWARF5 2.5.1.7: only the caller, through its call site, can say. */
                if (m->ops == NULL || m->ops->entry_value == NULL)
                    return DWARF_E_UNAVAILABLE;
                if ((rc = m->ops->entry_value(m->ops->ctx, op.block, op.block_len, &a)) == 0)
                    rc = push(m, a);
                break;
            case DW_OP_form_tls_address:
            case DW_OP_GNU_push_tls_address:
                if ((rc = pop(m, &a)))
                    return rc;
                if (m->ops == NULL || m->ops->tls_address == NULL)
                    return DWARF_E_UNAVAILABLE;
                if ((rc = m->ops->tls_address(m->ops->ctx, a, &b)) == 0)
                    rc = push(m, b);
                break;
            case DW_OP_stack_value:
                pend.kind = DWARF_LOC_VALUE;
                must_end = true;
                break;
            case DW_OP_implicit_value:
                pend.kind = DWARF_LOC_IMPLICIT;
                pend.p.bytes = op.block;
                pend.p.len = op.block_len;
                must_end = true;
                break;
            case DW_OP_implicit_pointer:
            case DW_OP_GNU_implicit_pointer:
                pend.kind = DWARF_LOC_IMPLICIT_POINTER;
                pend.p.die_offset = op.operand[0];
                pend.p.ptr_offset = (int64_t)op.operand[1];
                must_end = true;
                break;
            case DW_OP_piece:
                if (op.operand[0] > UINT64_MAX / 8)
                    return DWARF_E_EXPR;
                rc = close_piece(m, &pend, loc, true, op.operand[0] * 8, 0);
                break;
            case DW_OP_bit_piece:
                rc = close_piece(m, &pend, loc, true, op.operand[0], op.operand[1]);
                break;
            default:
                /*
                 * call2/4/ref, the typed operations, xderef,
                 * parameter_ref, variable_value: see <dwarf/eval.h>.
                 */
                return DWARF_E_UNAVAILABLE;
            }
        }
        if (rc)
            return rc;
    }
    if (rc < 0)
        return rc;
    /* Without pieces the pending simple location is the whole object. */
    if (loc->npieces == 0)
        return close_piece(m, &pend, loc, false, 0, 0);
    /* After pieces, anything but an empty tail is malformed. */
    return pend.kind == DWARF_LOC_MEMORY && m->sp == 0 ? 0 : DWARF_E_EXPR;
}

static void machine_init(struct machine *m, const struct dwarf_eval *ev)
{
    unsigned size = ev->unit ? ev->unit->addr_size : 8;
    m->ev = ev;
    m->ops = ev->ops;
    m->sp = 0;
    m->mask = size >= 8 ? ~UINT64_C(0) : (UINT64_C(1) << (8 * size)) - 1;
}

int dwarf_eval_location(const struct dwarf_eval *ev, const uint8_t *expr, uint64_t len,
                        struct dwarf_location *loc)
{
    struct machine m;
    int rc;
    if (ev == NULL || loc == NULL || (expr == NULL && len) || ev->ninitial > 2)
        return DWARF_E_ARG;
    machine_init(&m, ev);
    for (unsigned i = 0; i < ev->ninitial; i++)
        if ((rc = push(&m, ev->initial[i])))
            return rc;
    return run(&m, expr, len, loc);
}

int dwarf_eval_value(const struct dwarf_eval *ev, const uint8_t *expr, uint64_t len,
                     uint64_t *value)
{
    struct dwarf_location loc;
    struct machine m;
    int rc = dwarf_eval_location(ev, expr, len, &loc);
    if (rc)
        return rc;
    if (loc.npieces != 1 || loc.piece[0].is_piece)
        return DWARF_E_EXPR;
    switch (loc.piece[0].kind) {
    case DWARF_LOC_MEMORY:
    case DWARF_LOC_VALUE:
        *value = loc.piece[0].value;
        return 0;
    case DWARF_LOC_REGISTER:
        machine_init(&m, ev);
        return read_reg(&m, loc.piece[0].value, value);
    default:
        return DWARF_E_EXPR;
    }
}

/*
 * The DW_OP stack machine (DWARF5 2.5.1, 2.6.1): operations come from the
 * decoder in expr.c, values live on a bounded stack, and the location is
 * assembled from simple locations and pieces. See <dwarf/eval.h> for what
 * is reported rather than computed. Values carry types (eval_typed.c);
 * DW_OP_call2/4/call_ref run the DW_AT_location expression of another DIE
 * on the same stack.
 */
#include "eval_int.h"

/* The sizes an expression is decoded with when the caller names no unit. */
static const struct dwarf_unit *unit_or_default(const struct dwarf_unit *unit)
{
    static const struct dwarf_unit default_unit = {.version = 5, .offset_size = 4, .addr_size = 8};
    return unit ? unit : &default_unit;
}

int dwarf_eval_push(struct machine *m, uint64_t bits, struct value_type t)
{
    if (m->sp == DWARF_EVAL_STACK)
        return DWARF_E_LIMIT;
    m->stack[m->sp++] = (struct value){bits & mask_of(t.size), t};
    return 0;
}

static int push(struct machine *m, uint64_t v)
{
    return dwarf_eval_push(m, v, m->generic);
}

int dwarf_eval_pop(struct machine *m, struct value *v)
{
    if (m->sp == 0)
        return DWARF_E_EXPR;
    *v = m->stack[--m->sp];
    return 0;
}

/* An integral value: addresses, register numbers and the like (2.5.1.3). */
static int pop(struct machine *m, uint64_t *v)
{
    struct value x;
    int rc = dwarf_eval_pop(m, &x);
    if (rc)
        return rc;
    if (x.type.kind == KIND_FLOAT)
        return DWARF_E_EXPR;
    *v = x.bits;
    return 0;
}

int dwarf_eval_read_reg(struct machine *m, uint64_t reg, uint64_t *v)
{
    if (m->ops == NULL || m->ops->read_reg == NULL || reg > 0xffff)
        return DWARF_E_UNAVAILABLE;
    return m->ops->read_reg(m->ops->ctx, (unsigned)reg, v);
}

int dwarf_eval_load(struct machine *m, unsigned size, uint64_t *v)
{
    uint8_t buf[8];
    uint64_t addr;
    int rc;
    if (size == 0 || size > 8)
        return DWARF_E_EXPR;
    if ((rc = pop(m, &addr)))
        return rc;
    if (m->ops == NULL || m->ops->read_mem == NULL)
        return DWARF_E_UNAVAILABLE;
    if ((rc = m->ops->read_mem(m->ops->ctx, addr, buf, size)))
        return rc;
    *v = 0;
    for (unsigned i = 0; i < size; i++)
        *v |= (uint64_t)buf[i] << (8 * i);
    return 0;
}

/* A link-time address where the program runs (the caller's relocate; none: as it is). */
static uint64_t relocate(const struct machine *m, uint64_t addr)
{
    return m->ops && m->ops->relocate ? m->ops->relocate(m->ops->ctx, addr) : addr;
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

/* Closes the pending simple location into a piece (or the whole location). */
static int close_piece(struct machine *m, bool is_piece, uint64_t size_bits, uint64_t bit_offset)
{
    struct dwarf_location *loc = m->loc;
    struct dwarf_loc_piece p = m->pend.p;
    struct value x;
    int rc;
    if (loc->npieces == DWARF_EVAL_PIECES)
        return DWARF_E_LIMIT;
    p.kind = m->pend.kind;
    if (m->pend.kind == DWARF_LOC_MEMORY) {
        if (m->sp == 0)
            p.kind = DWARF_LOC_EMPTY; /* an empty piece: that part is optimized out */
        else if ((rc = pop(m, &p.value)))
            return rc;
    } else if (m->pend.kind == DWARF_LOC_VALUE) {
        /* The value of any type, as its bits. */
        if ((rc = dwarf_eval_pop(m, &x)))
            return rc;
        p.value = x.bits;
    }
    p.is_piece = is_piece;
    p.size_bits = size_bits;
    p.bit_offset = bit_offset;
    loc->piece[loc->npieces++] = p;
    m->pend = (struct pending){.kind = DWARF_LOC_MEMORY};
    return 0;
}

/* Register, stack_value, implicit value and pointer must end a piece or the expression. */
static bool ends_piece(uint8_t next)
{
    return next == DW_OP_piece || next == DW_OP_bit_piece;
}

static int exec(struct machine *m, const struct dwarf_unit *unit, const uint8_t *expr,
                uint64_t len);

/*
 * DW_OP_call2/call4 (an offset in the current unit) and DW_OP_call_ref (an
 * offset in .debug_info), DWARF5 2.5.1.5: the DIE's DW_AT_location
 * expression runs on this stack, in the DIE's unit; a DIE without one does
 * nothing. A location list needs the pc to choose an entry, which the
 * evaluator does not have: DWARF_E_UNAVAILABLE.
 */
static int call_die(struct machine *m, const struct dwarf_unit *unit, uint8_t opcode,
                    uint64_t operand)
{
    struct dwarf_unit target;
    const struct dwarf_unit *u = unit;
    struct dwarf_die d;
    struct dwarf_attr a;
    const uint8_t *p;
    uint64_t off, len;
    int rc;

    if (unit == NULL || unit->dw == NULL)
        return DWARF_E_UNAVAILABLE;
    if (m->calls == DWARF_EVAL_CALLS)
        return DWARF_E_LIMIT;
    if (opcode == DW_OP_call_ref) {
        if ((rc = dwarf_unit_containing(unit->dw, DWARF_SEC_INFO, operand, &target)) <= 0)
            return rc < 0 ? rc : DWARF_E_BAD_REF;
        u = &target;
        off = operand;
    } else {
        if (operand > unit->end - unit->offset)
            return DWARF_E_BAD_REF;
        off = unit->offset + operand;
    }
    if ((rc = dwarf_die_at(u, off, &d)) <= 0)
        return rc < 0 ? rc : DWARF_E_BAD_REF;
    if ((rc = dwarf_die_attr(&d, DW_AT_location, &a)) <= 0)
        return rc;
    if (dwarf_attr_block(&a, &p, &len) != 0 || a.form == DW_FORM_data16)
        return DWARF_E_UNAVAILABLE;
    m->calls++;
    rc = exec(m, u, p, len);
    m->calls--;
    return rc;
}

/* One operation other than the literals and registers of fixed opcodes. */
static int step(struct machine *m, const struct dwarf_unit *unit, struct dwarf_expr_iter *it,
                const struct dwarf_expr_op *op, uint64_t len)
{
    uint8_t o = op->opcode;
    struct value x, y, z;
    uint64_t a, b;
    int rc;

    switch (o) {
    case DW_OP_addr:
        return push(m, relocate(m, op->operand[0]));
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
        return push(m, op->operand[0]);
    case DW_OP_addrx:
    case DW_OP_constx:
    case DW_OP_GNU_addr_index:
    case DW_OP_GNU_const_index:
        /* DWARF5 2.5.1.1: an entry of .debug_addr (constx: not relocated, same read). */
        if (unit == NULL)
            return DWARF_E_UNAVAILABLE;
        if ((rc = dwarf_addr_entry(unit, op->operand[0], &a)))
            return rc;
        return push(m, o == DW_OP_addrx || o == DW_OP_GNU_addr_index ? relocate(m, a) : a);
    case DW_OP_dup:
        if (m->sp == 0)
            return DWARF_E_EXPR;
        x = m->stack[m->sp - 1];
        return dwarf_eval_push(m, x.bits, x.type);
    case DW_OP_drop:
        return dwarf_eval_pop(m, &x);
    case DW_OP_over:
    case DW_OP_pick:
        a = o == DW_OP_over ? 1 : op->operand[0];
        if (a >= m->sp)
            return DWARF_E_EXPR;
        x = m->stack[m->sp - 1 - a];
        return dwarf_eval_push(m, x.bits, x.type);
    case DW_OP_swap:
        if (m->sp < 2)
            return DWARF_E_EXPR;
        x = m->stack[m->sp - 1];
        m->stack[m->sp - 1] = m->stack[m->sp - 2];
        m->stack[m->sp - 2] = x;
        return 0;
    case DW_OP_rot: /* top three: (z y x) -> (x z y), top first */
        if (m->sp < 3)
            return DWARF_E_EXPR;
        x = m->stack[m->sp - 1];
        y = m->stack[m->sp - 2];
        z = m->stack[m->sp - 3];
        m->stack[m->sp - 1] = y;
        m->stack[m->sp - 2] = z;
        m->stack[m->sp - 3] = x;
        return 0;
    case DW_OP_deref:
    case DW_OP_deref_size:
        b = o == DW_OP_deref ? unit_or_default(unit)->addr_size : op->operand[0];
        if ((rc = dwarf_eval_load(m, (unsigned)(b > 8 ? 0 : b), &a)))
            return rc;
        return push(m, a);
    case DW_OP_abs:
    case DW_OP_neg:
    case DW_OP_not:
    case DW_OP_plus_uconst:
        return dwarf_eval_unary(m, o, op->operand[0]);
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
        return dwarf_eval_binary(m, o);
    case DW_OP_skip:
    case DW_OP_bra: {
        /* DWARF5 2.5.1.5: the offset counts from the end of this operation. */
        uint64_t target = it->pos + op->operand[0];
        if (o == DW_OP_bra) {
            if ((rc = dwarf_eval_pop(m, &x)))
                return rc;
            if (x.bits == 0)
                return 0;
        }
        if (target > len)
            return DWARF_E_EXPR;
        it->pos = target;
        return 0;
    }
    case DW_OP_call2:
    case DW_OP_call4:
    case DW_OP_call_ref:
        return call_die(m, unit, o, op->operand[0]);
    case DW_OP_nop:
    case DW_OP_GNU_uninit:
        return 0;
    case DW_OP_regx:
        m->pend.kind = DWARF_LOC_REGISTER;
        m->pend.p.value = op->operand[0];
        m->must_end = true;
        return 0;
    case DW_OP_bregx:
        if ((rc = dwarf_eval_read_reg(m, op->operand[0], &a)))
            return rc;
        return push(m, a + op->operand[1]);
    case DW_OP_fbreg:
        return callback(m, m->ops ? m->ops->frame_base : NULL, op->operand[0]);
    case DW_OP_call_frame_cfa:
        return callback(m, m->ops ? m->ops->call_frame_cfa : NULL, 0);
    case DW_OP_push_object_address:
        return callback(m, m->ops ? m->ops->object_address : NULL, 0);
    case DW_OP_entry_value:
    case DW_OP_GNU_entry_value:
        /* DWARF5 2.5.1.7: only the caller, through its call site, can say. */
        if (m->ops == NULL || m->ops->entry_value == NULL)
            return DWARF_E_UNAVAILABLE;
        if ((rc = m->ops->entry_value(m->ops->ctx, op->block, op->block_len, &a)))
            return rc;
        return push(m, a);
    case DW_OP_form_tls_address:
    case DW_OP_GNU_push_tls_address:
        if ((rc = pop(m, &a)))
            return rc;
        if (m->ops == NULL || m->ops->tls_address == NULL)
            return DWARF_E_UNAVAILABLE;
        if ((rc = m->ops->tls_address(m->ops->ctx, a, &b)))
            return rc;
        return push(m, b);
    case DW_OP_stack_value:
        m->pend.kind = DWARF_LOC_VALUE;
        m->must_end = true;
        return 0;
    case DW_OP_implicit_value:
        m->pend.kind = DWARF_LOC_IMPLICIT;
        m->pend.p.bytes = op->block;
        m->pend.p.len = op->block_len;
        m->must_end = true;
        return 0;
    case DW_OP_implicit_pointer:
    case DW_OP_GNU_implicit_pointer:
        m->pend.kind = DWARF_LOC_IMPLICIT_POINTER;
        m->pend.p.die_offset = op->operand[0];
        m->pend.p.ptr_offset = (int64_t)op->operand[1];
        m->must_end = true;
        return 0;
    case DW_OP_piece:
        if (op->operand[0] > UINT64_MAX / 8)
            return DWARF_E_EXPR;
        return close_piece(m, true, op->operand[0] * 8, 0);
    case DW_OP_bit_piece:
        return close_piece(m, true, op->operand[0], op->operand[1]);
    case DW_OP_const_type:
    case DW_OP_GNU_const_type:
    case DW_OP_regval_type:
    case DW_OP_GNU_regval_type:
    case DW_OP_deref_type:
    case DW_OP_GNU_deref_type:
    case DW_OP_convert:
    case DW_OP_GNU_convert:
    case DW_OP_reinterpret:
    case DW_OP_GNU_reinterpret:
        return dwarf_eval_typed_op(m, unit, op);
    default:
        /* xderef*, parameter_ref, variable_value: see <dwarf/eval.h>. */
        return DWARF_E_UNAVAILABLE;
    }
}

/* Runs one expression (the top one, or a called DIE's) on the machine. */
static int exec(struct machine *m, const struct dwarf_unit *unit, const uint8_t *expr, uint64_t len)
{
    struct dwarf_expr_iter it;
    struct dwarf_expr_op op;
    int rc;

    dwarf_expr_iter_init(&it, expr, len, unit_or_default(unit));
    while ((rc = dwarf_expr_next(&it, &op)) > 0) {
        uint8_t o = op.opcode;
        rc = 0;
        if (m->steps == 0)
            return DWARF_E_LIMIT;
        m->steps--;
        if (m->must_end && !ends_piece(o))
            return DWARF_E_EXPR;
        m->must_end = false;
        if (o >= DW_OP_lit0 && o <= DW_OP_lit31) {
            rc = push(m, o - DW_OP_lit0);
        } else if (o >= DW_OP_reg0 && o <= DW_OP_reg31) {
            m->pend.kind = DWARF_LOC_REGISTER;
            m->pend.p.value = o - DW_OP_reg0;
            m->must_end = true;
        } else if (o >= DW_OP_breg0 && o <= DW_OP_breg31) {
            uint64_t a;
            if ((rc = dwarf_eval_read_reg(m, o - DW_OP_breg0, &a)) == 0)
                rc = push(m, a + op.operand[0]);
        } else {
            rc = step(m, unit, &it, &op, len);
        }
        if (rc)
            return rc;
    }
    return rc < 0 ? rc : 0;
}

static void machine_init(struct machine *m, const struct dwarf_eval *ev, struct dwarf_location *loc)
{
    unsigned size = ev->unit ? ev->unit->addr_size : 8;
    m->ev = ev;
    m->ops = ev->ops;
    m->sp = 0;
    m->generic = (struct value_type){.size = (uint8_t)(size >= 8 ? 8 : size), .kind = KIND_GENERIC};
    m->steps = ev->max_steps ? ev->max_steps : DWARF_EVAL_DEFAULT_STEPS;
    m->calls = 0;
    m->must_end = false;
    m->pend = (struct pending){.kind = DWARF_LOC_MEMORY};
    m->loc = loc;
}

int dwarf_eval_location(const struct dwarf_eval *ev, const uint8_t *expr, uint64_t len,
                        struct dwarf_location *loc)
{
    struct machine m;
    int rc;
    if (ev == NULL || loc == NULL || (expr == NULL && len) || ev->ninitial > 2)
        return DWARF_E_ARG;
    machine_init(&m, ev, loc);
    loc->npieces = 0;
    for (unsigned i = 0; i < ev->ninitial; i++)
        if ((rc = push(&m, ev->initial[i])))
            return rc;
    if ((rc = exec(&m, ev->unit, expr, len)))
        return rc;
    /* Without pieces the pending simple location is the whole object. */
    if (loc->npieces == 0)
        return close_piece(&m, false, 0, 0);
    /* After pieces, anything but an empty tail is malformed. */
    return m.pend.kind == DWARF_LOC_MEMORY && m.sp == 0 ? 0 : DWARF_E_EXPR;
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
        machine_init(&m, ev, &loc);
        return dwarf_eval_read_reg(&m, loc.piece[0].value, value);
    default:
        return DWARF_E_EXPR;
    }
}

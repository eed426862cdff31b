/*
 * The DW_OP stack machine (DWARF5 2.5.1, 2.6.1): operations come from the
 * decoder in expr.c, values live on a bounded stack, and the location is
 * assembled from simple locations and pieces. See <dwarf/eval.h> for what
 * is reported rather than computed.
 *
 * Each stack entry carries its type (DWARF5 2.5.1.6): the generic type
 * (address-sized integer of unspecified signedness, which DWARF reads as
 * signed for comparisons and DW_OP_div) or a base type DIE named by the
 * typed operations, whose size (up to 8 bytes) and encoding decide how
 * values wrap, compare, divide, shift and convert. DW_OP_call2/4/call_ref
 * run the DW_AT_location expression of another DIE on the same stack.
 */
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

/* The sizes an expression is decoded with when the caller names no unit. */
static const struct dwarf_unit *unit_or_default(const struct dwarf_unit *unit)
{
    static const struct dwarf_unit default_unit = {.version = 5, .offset_size = 4, .addr_size = 8};
    return unit ? unit : &default_unit;
}

static uint64_t mask_of(unsigned size)
{
    return size >= 8 ? ~UINT64_C(0) : (UINT64_C(1) << (8 * size)) - 1;
}

/* bits as a signed number of size bytes. */
static int64_t sign_extend(uint64_t bits, unsigned size)
{
    uint64_t sign = UINT64_C(1) << (8 * (size >= 8 ? 8 : size) - 1);
    bits &= mask_of(size);
    return (int64_t)((bits ^ sign) - sign);
}

static bool same_type(const struct value_type *a, const struct value_type *b)
{
    return a->die == b->die && a->section == b->section;
}

static bool is_signed(const struct value_type *t)
{
    return t->kind == KIND_SIGNED || t->kind == KIND_GENERIC;
}

static int push_typed(struct machine *m, uint64_t bits, struct value_type t)
{
    if (m->sp == DWARF_EVAL_STACK)
        return DWARF_E_LIMIT;
    m->stack[m->sp++] = (struct value){bits & mask_of(t.size), t};
    return 0;
}

static int push(struct machine *m, uint64_t v)
{
    return push_typed(m, v, m->generic);
}

static int pop_value(struct machine *m, struct value *v)
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
    int rc = pop_value(m, &x);
    if (rc)
        return rc;
    if (x.type.kind == KIND_FLOAT)
        return DWARF_E_EXPR;
    *v = x.bits;
    return 0;
}

/*
 * The base type DIE at a unit-relative offset of unit (DWARF5 2.5.1.6):
 * DW_TAG_base_type with DW_AT_byte_size and DW_AT_encoding. Types wider
 * than 8 bytes (long double, __int128) cannot be held here.
 */
static int base_type(const struct dwarf_unit *unit, uint64_t off, struct value_type *t)
{
    struct dwarf_die d;
    struct dwarf_attr a;
    uint64_t size, enc;
    int rc;

    if (unit == NULL || unit->dw == NULL)
        return DWARF_E_UNAVAILABLE;
    if (off > unit->end - unit->offset)
        return DWARF_E_OFFSET;
    if ((rc = dwarf_die_at(unit, unit->offset + off, &d)) <= 0)
        return rc < 0 ? rc : DWARF_E_EXPR;
    if (d.tag != DW_TAG_base_type)
        return DWARF_E_EXPR;
    if ((rc = dwarf_die_attr(&d, DW_AT_byte_size, &a)) <= 0 ||
        (rc = dwarf_attr_unsigned(&a, &size)) < 0 ||
        (rc = dwarf_die_attr(&d, DW_AT_encoding, &a)) <= 0 ||
        (rc = dwarf_attr_unsigned(&a, &enc)) < 0)
        return rc < 0 ? rc : DWARF_E_EXPR;
    if (size == 0)
        return DWARF_E_EXPR;
    if (size > 8)
        return DWARF_E_UNAVAILABLE;
    *t = (struct value_type){.die = d.offset, .section = unit->section, .size = (uint8_t)size};
    switch (enc) {
    case DW_ATE_signed:
    case DW_ATE_signed_char:
    case DW_ATE_signed_fixed:
        t->kind = KIND_SIGNED;
        break;
    case DW_ATE_float:
    case DW_ATE_complex_float:
    case DW_ATE_imaginary_float:
    case DW_ATE_decimal_float:
        t->kind = KIND_FLOAT;
        break;
    default:
        t->kind = KIND_UNSIGNED;
    }
    return 0;
}

/* The type operand of convert and reinterpret: 0 names the generic type. */
static int type_or_generic(const struct machine *m, const struct dwarf_unit *unit, uint64_t off,
                           struct value_type *t)
{
    if (off == 0) {
        *t = m->generic;
        return 0;
    }
    return base_type(unit, off, t);
}

static int read_reg(struct machine *m, uint64_t reg, uint64_t *v)
{
    if (m->ops == NULL || m->ops->read_reg == NULL || reg > 0xffff)
        return DWARF_E_UNAVAILABLE;
    return m->ops->read_reg(m->ops->ctx, (unsigned)reg, v);
}

/* Pops an address and reads size bytes there (little-endian). */
static int load(struct machine *m, unsigned size, uint64_t *v)
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

/* The signed remainder as gdb takes DW_OP_mod on a signed type: the sign of the divisor. */
static uint64_t floored_mod(int64_t a, int64_t b)
{
    int64_t r = b == -1 ? 0 : a % b;
    if (r != 0 && (r < 0) != (b < 0))
        r += b;
    return (uint64_t)r;
}

/*
 * DWARF5 2.5.1.4: binary operations pop b (top) then a, which must have
 * the same type, and push a op b in that type; the relational ones push a
 * generic 0 or 1, comparing signed values as signed (the generic type
 * too). Floating-point types have no arithmetic here (no FPU in the
 * kernel's build of this library): DWARF_E_UNAVAILABLE.
 */
static int binary(struct machine *m, uint8_t op)
{
    struct value x, y;
    uint64_t a, b, r;
    unsigned bits;
    int rc;
    if ((rc = pop_value(m, &y)) || (rc = pop_value(m, &x)))
        return rc;
    if (!same_type(&x.type, &y.type))
        return DWARF_E_EXPR;
    if (x.type.kind == KIND_FLOAT)
        return DWARF_E_UNAVAILABLE;
    a = x.bits;
    b = y.bits;
    bits = 8u * x.type.size;
    int64_t sa = sign_extend(a, x.type.size), sb = sign_extend(b, x.type.size);
    bool sgn = is_signed(&x.type);
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
    case DW_OP_div:
        if (b == 0)
            return DWARF_E_EXPR;
        /* The most negative value / -1 overflows in C; in two's complement it is itself. */
        if (sgn)
            r = sb == -1 ? 0 - a : (uint64_t)(sa / sb);
        else
            r = a / b;
        break;
    case DW_OP_mod:
        if (b == 0)
            return DWARF_E_EXPR;
        r = x.type.kind == KIND_SIGNED ? floored_mod(sa, sb) : a % b;
        break;
    case DW_OP_shl:
        r = b >= bits ? 0 : a << b;
        break;
    case DW_OP_shr:
        r = b >= bits ? 0 : a >> b;
        break;
    case DW_OP_shra:
        r = (uint64_t)(b >= bits ? (sa < 0 ? -1 : 0) : sa >> b);
        break;
    case DW_OP_eq:
        return push(m, a == b);
    case DW_OP_ne:
        return push(m, a != b);
    case DW_OP_lt:
        return push(m, sgn ? sa < sb : a < b);
    case DW_OP_gt:
        return push(m, sgn ? sa > sb : a > b);
    case DW_OP_le:
        return push(m, sgn ? sa <= sb : a <= b);
    case DW_OP_ge:
        return push(m, sgn ? sa >= sb : a >= b);
    default:
        return DWARF_E_EXPR;
    }
    return push_typed(m, r, x.type);
}

/* abs, neg, not and plus_uconst keep their operand's type. */
static int unary(struct machine *m, uint8_t op, uint64_t operand)
{
    struct value x;
    int rc;
    if ((rc = pop_value(m, &x)))
        return rc;
    if (x.type.kind == KIND_FLOAT)
        return op == DW_OP_not || op == DW_OP_plus_uconst ? DWARF_E_EXPR : DWARF_E_UNAVAILABLE;
    switch (op) {
    case DW_OP_abs:
        if (is_signed(&x.type) && sign_extend(x.bits, x.type.size) < 0)
            x.bits = 0 - x.bits;
        break;
    case DW_OP_neg:
        x.bits = 0 - x.bits;
        break;
    case DW_OP_not:
        x.bits = ~x.bits;
        break;
    default: /* DW_OP_plus_uconst */
        x.bits += operand;
    }
    return push_typed(m, x.bits, x.type);
}

/*
 * DW_OP_convert (DWARF5 2.5.1.6): the value in the new type. Between
 * integral types it is sign- or zero-extended from the old size by the
 * old type's signedness, then truncated to the new size; conversions to or
 * from floating point need an FPU and are DWARF_E_UNAVAILABLE.
 */
static int convert(struct machine *m, struct value_type to)
{
    struct value x;
    int rc;
    if ((rc = pop_value(m, &x)))
        return rc;
    if (x.type.kind == KIND_FLOAT || to.kind == KIND_FLOAT) {
        if (!same_type(&x.type, &to))
            return DWARF_E_UNAVAILABLE;
        return push_typed(m, x.bits, to);
    }
    if (is_signed(&x.type))
        x.bits = (uint64_t)sign_extend(x.bits, x.type.size);
    return push_typed(m, x.bits, to);
}

/* DW_OP_reinterpret: the same bits in a type of the same size. */
static int reinterpret(struct machine *m, struct value_type to)
{
    struct value x;
    int rc;
    if ((rc = pop_value(m, &x)))
        return rc;
    if (x.type.size != to.size)
        return DWARF_E_EXPR;
    return push_typed(m, x.bits, to);
}

/* The typed operations that name a base type (DWARF5 2.5.1.6, and their GNU forms). */
static int typed_op(struct machine *m, const struct dwarf_unit *unit,
                    const struct dwarf_expr_op *op)
{
    struct value_type t;
    uint64_t v = 0;
    int rc;

    switch (op->opcode) {
    case DW_OP_const_type:
    case DW_OP_GNU_const_type:
        /* The constant is a block of exactly the type's size, little-endian. */
        if ((rc = base_type(unit, op->operand[0], &t)))
            return rc;
        if (op->block_len != t.size)
            return DWARF_E_EXPR;
        for (unsigned i = 0; i < t.size; i++)
            v |= (uint64_t)op->block[i] << (8 * i);
        return push_typed(m, v, t);
    case DW_OP_regval_type:
    case DW_OP_GNU_regval_type:
        if ((rc = base_type(unit, op->operand[1], &t)) || (rc = read_reg(m, op->operand[0], &v)))
            return rc;
        return push_typed(m, v, t);
    case DW_OP_deref_type:
    case DW_OP_GNU_deref_type:
        /* operand[0] bytes are read; they must fit the type. */
        if ((rc = base_type(unit, op->operand[1], &t)))
            return rc;
        if (op->operand[0] > t.size)
            return DWARF_E_EXPR;
        if ((rc = load(m, (unsigned)op->operand[0], &v)))
            return rc;
        return push_typed(m, v, t);
    case DW_OP_convert:
    case DW_OP_GNU_convert:
        if ((rc = type_or_generic(m, unit, op->operand[0], &t)))
            return rc;
        return convert(m, t);
    default: /* DW_OP_reinterpret, DW_OP_GNU_reinterpret */
        if ((rc = type_or_generic(m, unit, op->operand[0], &t)))
            return rc;
        return reinterpret(m, t);
    }
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
        if ((rc = pop_value(m, &x)))
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
        return push(m, a);
    case DW_OP_dup:
        if (m->sp == 0)
            return DWARF_E_EXPR;
        x = m->stack[m->sp - 1];
        return push_typed(m, x.bits, x.type);
    case DW_OP_drop:
        return pop_value(m, &x);
    case DW_OP_over:
    case DW_OP_pick:
        a = o == DW_OP_over ? 1 : op->operand[0];
        if (a >= m->sp)
            return DWARF_E_EXPR;
        x = m->stack[m->sp - 1 - a];
        return push_typed(m, x.bits, x.type);
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
        if ((rc = load(m, (unsigned)(b > 8 ? 0 : b), &a)))
            return rc;
        return push(m, a);
    case DW_OP_abs:
    case DW_OP_neg:
    case DW_OP_not:
    case DW_OP_plus_uconst:
        return unary(m, o, op->operand[0]);
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
        return binary(m, o);
    case DW_OP_skip:
    case DW_OP_bra: {
        /* DWARF5 2.5.1.5: the offset counts from the end of this operation. */
        uint64_t target = it->pos + op->operand[0];
        if (o == DW_OP_bra) {
            if ((rc = pop_value(m, &x)))
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
        if ((rc = read_reg(m, op->operand[0], &a)))
            return rc;
        return push(m, a + op->operand[1]);
    case DW_OP_fbreg:
        return callback(m, m->ops ? m->ops->frame_base : NULL, op->operand[0]);
    case DW_OP_call_frame_cfa:
        return callback(m, m->ops ? m->ops->call_frame_cfa : NULL, 0);
    case DW_OP_push_object_address:
        return callback(m, m->ops ? m->ops->object_address : NULL, 0);
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
        return typed_op(m, unit, op);
    default:
        /* entry_value, xderef*, parameter_ref, variable_value: see <dwarf/eval.h>. */
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
            if ((rc = read_reg(m, o - DW_OP_breg0, &a)) == 0)
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
        return read_reg(&m, loc.piece[0].value, value);
    default:
        return DWARF_E_EXPR;
    }
}

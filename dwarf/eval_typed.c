/*
 * The typed DWARF stack (DWARF5 2.5.1.6). Each value has the generic type
 * (address-sized integer of unspecified signedness, which DWARF reads as
 * signed for comparisons and DW_OP_div, and gdb as unsigned for DW_OP_mod)
 * or a base type DIE named by a typed operation, whose size (up to 8
 * bytes) and encoding decide how values wrap, compare, divide, shift and
 * convert.
 */
#include "eval_int.h"

static bool same_type(const struct value_type *a, const struct value_type *b)
{
    return a->die == b->die && a->section == b->section;
}

static bool is_signed(const struct value_type *t)
{
    return t->kind == KIND_SIGNED || t->kind == KIND_GENERIC;
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
int dwarf_eval_binary(struct machine *m, uint8_t op)
{
    struct value x, y;
    uint64_t a, b, r;
    unsigned bits;
    int rc;
    if ((rc = dwarf_eval_pop(m, &y)) || (rc = dwarf_eval_pop(m, &x)))
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
        return dwarf_eval_push(m, a == b, m->generic);
    case DW_OP_ne:
        return dwarf_eval_push(m, a != b, m->generic);
    case DW_OP_lt:
        return dwarf_eval_push(m, sgn ? sa < sb : a < b, m->generic);
    case DW_OP_gt:
        return dwarf_eval_push(m, sgn ? sa > sb : a > b, m->generic);
    case DW_OP_le:
        return dwarf_eval_push(m, sgn ? sa <= sb : a <= b, m->generic);
    case DW_OP_ge:
        return dwarf_eval_push(m, sgn ? sa >= sb : a >= b, m->generic);
    default:
        return DWARF_E_EXPR;
    }
    return dwarf_eval_push(m, r, x.type);
}

/* abs, neg, not and plus_uconst keep their operand's type. */
int dwarf_eval_unary(struct machine *m, uint8_t op, uint64_t operand)
{
    struct value x;
    int rc;
    if ((rc = dwarf_eval_pop(m, &x)))
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
    return dwarf_eval_push(m, x.bits, x.type);
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
    if ((rc = dwarf_eval_pop(m, &x)))
        return rc;
    if (x.type.kind == KIND_FLOAT || to.kind == KIND_FLOAT) {
        if (!same_type(&x.type, &to))
            return DWARF_E_UNAVAILABLE;
        return dwarf_eval_push(m, x.bits, to);
    }
    if (is_signed(&x.type))
        x.bits = (uint64_t)sign_extend(x.bits, x.type.size);
    return dwarf_eval_push(m, x.bits, to);
}

/* DW_OP_reinterpret: the same bits in a type of the same size. */
static int reinterpret(struct machine *m, struct value_type to)
{
    struct value x;
    int rc;
    if ((rc = dwarf_eval_pop(m, &x)))
        return rc;
    if (x.type.size != to.size)
        return DWARF_E_EXPR;
    return dwarf_eval_push(m, x.bits, to);
}

/* The typed operations that name a base type (DWARF5 2.5.1.6, and their GNU forms). */
int dwarf_eval_typed_op(struct machine *m, const struct dwarf_unit *unit,
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
        return dwarf_eval_push(m, v, t);
    case DW_OP_regval_type:
    case DW_OP_GNU_regval_type:
        if ((rc = base_type(unit, op->operand[1], &t)) ||
            (rc = dwarf_eval_read_reg(m, op->operand[0], &v)))
            return rc;
        return dwarf_eval_push(m, v, t);
    case DW_OP_deref_type:
    case DW_OP_GNU_deref_type:
        /* operand[0] bytes are read; they must fit the type. */
        if ((rc = base_type(unit, op->operand[1], &t)))
            return rc;
        if (op->operand[0] > t.size)
            return DWARF_E_EXPR;
        if ((rc = dwarf_eval_load(m, (unsigned)op->operand[0], &v)))
            return rc;
        return dwarf_eval_push(m, v, t);
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

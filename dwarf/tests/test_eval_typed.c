/*
 * The DW_OP stack machine's typed stack (DWARF5 2.5.1.6) and DIE calls
 * (DW_OP_call2/4/ref) over a hand-built unit with base types and DWARF
 * procedures, against hand-computed results.
 */
#include "eval_fixture.h"

/*
 * A hand-built DWARF 5 unit for the typed stack and the calls: base types
 * of each kind, a structure and an encoding-less type (not usable as base
 * types), and DWARF procedures whose DW_AT_location the calls run; a second
 * unit holds the target of DW_OP_call_ref.
 */
/* EXPR with operands known only at run time (the fixture's offsets). */
#define XPR(...)                                                                                   \
    ({                                                                                             \
        const uint8_t bytes_[] = {__VA_ARGS__};                                                    \
        struct buf b_ = {0};                                                                       \
        b_bytes(&b_, bytes_, sizeof bytes_);                                                       \
        b_;                                                                                        \
    })

enum { AB_CU = 1, AB_BASE, AB_PROC, AB_LIST, AB_EMPTY, AB_STRUCT, AB_NOENC };

static struct {
    struct test_dwarf t;
    struct dwarf_unit u;
    /* unit-relative offsets of the DIEs (unit A starts at offset 0) */
    uint8_t s32, u32, s8, u16, u64, s64, f32, f80, boolean, strct, noenc;
    uint8_t p_double, p_nested, p_self, p_ref, p_none, v_list, p_typed;
} fx;

static void abbrev(struct buf *ab, uint64_t code, uint64_t tag, bool kids, const uint64_t *spec,
                   size_t nspec)
{
    b_uleb(ab, code);
    b_uleb(ab, tag);
    b_u8(ab, kids);
    for (size_t i = 0; i < nspec; i++)
        b_uleb(ab, spec[i]);
    b_uleb(ab, 0);
    b_uleb(ab, 0);
}

static uint8_t base(struct buf *info, uint8_t size, uint8_t encoding)
{
    uint8_t at = (uint8_t)info->len;
    b_uleb(info, AB_BASE);
    b_u8(info, size);
    b_u8(info, encoding);
    return at;
}

/* A DWARF procedure whose location is the given bytes. */
static uint8_t proc(struct buf *info, const uint8_t *expr, uint8_t len)
{
    uint8_t at = (uint8_t)info->len;
    b_uleb(info, AB_PROC);
    b_uleb(info, len);
    b_bytes(info, expr, len);
    return at;
}

static int fixture_setup(void **state)
{
    static const uint64_t base_spec[] = {DW_AT_byte_size, DW_FORM_data1, DW_AT_encoding,
                                         DW_FORM_data1};
    static const uint64_t proc_spec[] = {DW_AT_location, DW_FORM_exprloc};
    static const uint64_t list_spec[] = {DW_AT_location, DW_FORM_sec_offset};
    static const uint64_t size_spec[] = {DW_AT_byte_size, DW_FORM_data1};
    struct buf ab = {0}, info = {0};
    struct unit_mark m;
    size_t ref_at;
    (void)state;

    abbrev(&ab, AB_CU, DW_TAG_compile_unit, true, NULL, 0);
    abbrev(&ab, AB_BASE, DW_TAG_base_type, false, base_spec, 4);
    abbrev(&ab, AB_PROC, DW_TAG_dwarf_procedure, false, proc_spec, 2);
    abbrev(&ab, AB_LIST, DW_TAG_variable, false, list_spec, 2);
    abbrev(&ab, AB_EMPTY, DW_TAG_dwarf_procedure, false, NULL, 0);
    abbrev(&ab, AB_STRUCT, DW_TAG_structure_type, false, size_spec, 2);
    abbrev(&ab, AB_NOENC, DW_TAG_base_type, false, size_spec, 2);
    b_uleb(&ab, 0);

    m = b_unit_begin(&info, 5, DW_UT_compile, 4, 8, 0);
    b_uleb(&info, AB_CU);
    fx.s32 = base(&info, 4, DW_ATE_signed);
    fx.u32 = base(&info, 4, DW_ATE_unsigned);
    fx.s8 = base(&info, 1, DW_ATE_signed_char);
    fx.u16 = base(&info, 2, DW_ATE_unsigned);
    fx.u64 = base(&info, 8, DW_ATE_unsigned);
    fx.s64 = base(&info, 8, DW_ATE_signed);
    fx.f32 = base(&info, 4, DW_ATE_float);
    fx.f80 = base(&info, 16, DW_ATE_float);
    fx.boolean = base(&info, 1, DW_ATE_boolean);
    fx.strct = (uint8_t)info.len;
    b_uleb(&info, AB_STRUCT);
    b_u8(&info, 8);
    fx.noenc = (uint8_t)info.len;
    b_uleb(&info, AB_NOENC);
    b_u8(&info, 4);
    /* p_double: the caller's top times 2. */
    const uint8_t twice[] = {L0 + 2, DW_OP_mul};
    fx.p_double = proc(&info, twice, sizeof twice);
    /* p_nested: p_double, then + 1. */
    const uint8_t nested[] = {DW_OP_call2, fx.p_double, 0, DW_OP_plus_uconst, 1};
    fx.p_nested = proc(&info, nested, sizeof nested);
    /* p_self calls itself for ever. */
    fx.p_self = (uint8_t)info.len;
    const uint8_t self[] = {DW_OP_call2, fx.p_self, 0};
    proc(&info, self, sizeof self);
    /* p_ref: call_ref into unit B (patched below). */
    const uint8_t ref[] = {DW_OP_call_ref, 0, 0, 0, 0};
    fx.p_ref = proc(&info, ref, sizeof ref);
    ref_at = info.len - 4;
    fx.p_none = (uint8_t)info.len;
    b_uleb(&info, AB_EMPTY);
    fx.v_list = (uint8_t)info.len;
    b_uleb(&info, AB_LIST);
    b_u32(&info, 0);
    /* p_typed pushes the int -5. */
    const uint8_t typed[] = {DW_OP_const_type, fx.s32, 4, 0xfb, 0xff, 0xff, 0xff};
    fx.p_typed = proc(&info, typed, sizeof typed);
    b_u8(&info, 0);
    b_unit_end(&info, m);
    assert_true(info.len < 256); /* every offset fits the one-byte ULEBs used below */

    /* Unit B: q adds 7 to the caller's top. */
    m = b_unit_begin(&info, 5, DW_UT_compile, 4, 8, 0);
    b_uleb(&info, AB_CU);
    b_patch_u32(&info, ref_at, (uint32_t)info.len);
    const uint8_t plus7[] = {L0 + 7, DW_OP_plus};
    proc(&info, plus7, sizeof plus7);
    b_u8(&info, 0);
    b_unit_end(&info, m);

    td_init(&fx.t);
    td_set(&fx.t, DWARF_SEC_ABBREV, &ab);
    td_set(&fx.t, DWARF_SEC_INFO, &info);
    td_finish(&fx.t);
    return dwarf_unit_at(&fx.t.dw, DWARF_SEC_INFO, 0, &fx.u) == 1 ? 0 : -1;
}

static int fixture_teardown(void **state)
{
    (void)state;
    td_free(&fx.t);
    return 0;
}

/* The value of an expression evaluated in unit A. */
static int typed_value(const struct buf *b, uint64_t *v)
{
    struct dwarf_eval ev = {.ops = &ops, .unit = &fx.u};
    struct dwarf_section s = sec_copy(b->data, b->len);
    int rc = dwarf_eval_value(&ev, s.data, s.size, v);
    sec_free(&s);
    return rc;
}

static uint64_t typed_must(const struct buf *b)
{
    uint64_t v = 0;
    assert_int_equal(typed_value(b, &v), 0);
    return v;
}

/* const_type T with a 4-byte little-endian constant. */
#define C4(t, v)                                                                                   \
    DW_OP_const_type, (t), 4, (uint8_t)(v), (uint8_t)((v) >> 8), (uint8_t)((v) >> 16),             \
        (uint8_t)((v) >> 24)

static void typed_values(void **state)
{
    struct buf b;
    uint64_t v;
    (void)state;
    /* const_type: the constant's bits, nothing above the type's 4 bytes (-5 is 0xfffffffb). */
    b = XPR(C4(fx.s32, 0xfffffffb), DW_OP_stack_value);
    assert_int_equal(typed_must(&b), 0xfffffffb);
    /* The byte count must be the type's size; a structure is no base type; nor is a type
     * without DW_AT_encoding; a 16-byte long double does not fit; an offset past the unit. */
    b = XPR(DW_OP_const_type, fx.s32, 2, 1, 0, DW_OP_stack_value);
    assert_int_equal(typed_value(&b, &v), DWARF_E_EXPR);
    b = XPR(C4(fx.strct, 1), DW_OP_stack_value);
    assert_int_equal(typed_value(&b, &v), DWARF_E_EXPR);
    b = XPR(C4(fx.noenc, 1), DW_OP_stack_value);
    assert_int_equal(typed_value(&b, &v), DWARF_E_EXPR);
    b = XPR(DW_OP_const_type, fx.f80, 16, 0, 0, 0, 0, 0, 0, 0, 0x80, 0xff, 0x3f, 0, 0, 0, 0, 0, 0,
            DW_OP_stack_value);
    assert_int_equal(typed_value(&b, &v), DWARF_E_UNAVAILABLE);
    b = XPR(DW_OP_const_type, 0xf0, 0x07, 4, 0, 0, 0, 0, DW_OP_stack_value);
    assert_int_equal(typed_value(&b, &v), DWARF_E_OFFSET);
    /* regval_type: register 3 holds 0x4000 (t_reg); as an 8-bit type only its low byte, 0. */
    b = XPR(DW_OP_regval_type, 3, fx.s8, DW_OP_stack_value);
    assert_int_equal(typed_must(&b), 0);
    b = XPR(DW_OP_regval_type, 3, fx.u16, DW_OP_stack_value);
    assert_int_equal(typed_must(&b), 0x4000);
    /* deref_type: at 0x1234 t_mem reads 0x35 0x13, so 2 bytes as unsigned short: 0x1335;
     * 4 bytes do not fit a 2-byte type. */
    b = XPR(DW_OP_const2u, 0x34, 0x12, DW_OP_deref_type, 2, fx.u16, DW_OP_stack_value);
    assert_int_equal(typed_must(&b), 0x1335);
    b = XPR(DW_OP_const2u, 0x34, 0x12, DW_OP_deref_type, 4, fx.u16, DW_OP_stack_value);
    assert_int_equal(typed_value(&b, &v), DWARF_E_EXPR);
    /* The GNU forms read the same way: unsigned short 0xffff. */
    b = XPR(DW_OP_GNU_const_type, fx.u16, 2, 0xff, 0xff, DW_OP_stack_value);
    assert_int_equal(typed_must(&b), 0xffff);
}

static void typed_arithmetic(void **state)
{
    struct buf b;
    uint64_t v;
    (void)state;
    /* Wrap at the type's size: unsigned short 0xffff + 2 = 0x10001, kept as 0x0001. */
    b = XPR(DW_OP_const_type, fx.u16, 2, 0xff, 0xff, DW_OP_const_type, fx.u16, 2, 2, 0, DW_OP_plus,
            DW_OP_stack_value);
    assert_int_equal(typed_must(&b), 1);
    /* plus_uconst keeps the type: 0xffff + 1 wraps to 0. */
    b = XPR(DW_OP_const_type, fx.u16, 2, 0xff, 0xff, DW_OP_plus_uconst, 1, DW_OP_stack_value);
    assert_int_equal(typed_must(&b), 0);
    /* Signed division truncates: int -7 / 2 = -3 (0xfffffffd); unsigned 0xfffffff9 / 2. */
    b = XPR(C4(fx.s32, 0xfffffff9), C4(fx.s32, 2), DW_OP_div, DW_OP_stack_value);
    assert_int_equal(typed_must(&b), 0xfffffffd);
    b = XPR(C4(fx.u32, 0xfffffff9), C4(fx.u32, 2), DW_OP_div, DW_OP_stack_value);
    assert_int_equal(typed_must(&b), 0x7ffffffc);
    /* INT_MIN / -1 wraps to INT_MIN in 32 bits. */
    b = XPR(C4(fx.s32, 0x80000000), C4(fx.s32, 0xffffffff), DW_OP_div, DW_OP_stack_value);
    assert_int_equal(typed_must(&b), 0x80000000);
    /* Signed mod takes the divisor's sign, as gdb's: -7 mod 2 = -7 - 2 * floor(-3.5) = 1,
     * 7 mod -2 = 7 - (-2) * floor(-3.5) = -1; unsigned 0xfffffff9 mod 2 = 1 (it is odd). */
    b = XPR(C4(fx.s32, 0xfffffff9), C4(fx.s32, 2), DW_OP_mod, DW_OP_stack_value);
    assert_int_equal(typed_must(&b), 1);
    b = XPR(C4(fx.s32, 7), C4(fx.s32, 0xfffffffe), DW_OP_mod, DW_OP_stack_value);
    assert_int_equal(typed_must(&b), 0xffffffff);
    b = XPR(C4(fx.u32, 0xfffffff9), C4(fx.u32, 2), DW_OP_mod, DW_OP_stack_value);
    assert_int_equal(typed_must(&b), 1);
    /* Shifts on a signed char: -128 (0x80) shra 1 = -64 (0xc0), shr 1 = 0x40, 0x40 shl 1 =
     * 0x80 (wraps), shra by 9 (past the 8 bits) = -1, shr by 8 = 0. */
    b = XPR(DW_OP_const_type, fx.s8, 1, 0x80, DW_OP_const_type, fx.s8, 1, 1, DW_OP_shra,
            DW_OP_stack_value);
    assert_int_equal(typed_must(&b), 0xc0);
    b = XPR(DW_OP_const_type, fx.s8, 1, 0x80, DW_OP_const_type, fx.s8, 1, 1, DW_OP_shr,
            DW_OP_stack_value);
    assert_int_equal(typed_must(&b), 0x40);
    b = XPR(DW_OP_const_type, fx.s8, 1, 0x40, DW_OP_const_type, fx.s8, 1, 1, DW_OP_shl,
            DW_OP_stack_value);
    assert_int_equal(typed_must(&b), 0x80);
    b = XPR(DW_OP_const_type, fx.s8, 1, 0x80, DW_OP_const_type, fx.s8, 1, 9, DW_OP_shra,
            DW_OP_stack_value);
    assert_int_equal(typed_must(&b), 0xff);
    b = XPR(DW_OP_const_type, fx.s8, 1, 0x80, DW_OP_const_type, fx.s8, 1, 8, DW_OP_shr,
            DW_OP_stack_value);
    assert_int_equal(typed_must(&b), 0);
    /* Comparisons by signedness: int -1 < 1, unsigned 0xffffffff > 1; the result is generic,
     * so lit1 can be added to it: 1 + 1 = 2. */
    b = XPR(C4(fx.s32, 0xffffffff), C4(fx.s32, 1), DW_OP_lt, L0 + 1, DW_OP_plus);
    assert_int_equal(typed_must(&b), 2);
    b = XPR(C4(fx.u32, 0xffffffff), C4(fx.u32, 1), DW_OP_lt);
    assert_int_equal(typed_must(&b), 0);
    b = XPR(C4(fx.u32, 0xffffffff), C4(fx.u32, 1), DW_OP_ge);
    assert_int_equal(typed_must(&b), 1);
    /* abs, neg and not in the type: |-5| = 5; neg 5 = 0xfffffffb; not 0 = 0xffffffff;
     * abs of an unsigned value is the value. */
    b = XPR(C4(fx.s32, 0xfffffffb), DW_OP_abs, DW_OP_stack_value);
    assert_int_equal(typed_must(&b), 5);
    b = XPR(C4(fx.u32, 0xfffffffb), DW_OP_abs, DW_OP_stack_value);
    assert_int_equal(typed_must(&b), 0xfffffffb);
    b = XPR(C4(fx.s32, 5), DW_OP_neg, DW_OP_stack_value);
    assert_int_equal(typed_must(&b), 0xfffffffb);
    b = XPR(C4(fx.u32, 0), DW_OP_not, DW_OP_stack_value);
    assert_int_equal(typed_must(&b), 0xffffffff);
    /* Operands of two types: int + unsigned, generic + int. */
    b = XPR(C4(fx.s32, 1), C4(fx.u32, 1), DW_OP_plus, DW_OP_stack_value);
    assert_int_equal(typed_value(&b, &v), DWARF_E_EXPR);
    b = XPR(L0 + 1, C4(fx.s32, 1), DW_OP_plus, DW_OP_stack_value);
    assert_int_equal(typed_value(&b, &v), DWARF_E_EXPR);
    /* Stack operations keep the types: dup then plus works on two ints (-5 + -5 = -10). */
    b = XPR(C4(fx.s32, 0xfffffffb), DW_OP_dup, DW_OP_plus, DW_OP_stack_value);
    assert_int_equal(typed_must(&b), 0xfffffff6);
    /* No floating-point arithmetic here; the bits of a float pass through stack_value. */
    b = XPR(C4(fx.f32, 0x3f800000), C4(fx.f32, 0x3f800000), DW_OP_plus, DW_OP_stack_value);
    assert_int_equal(typed_value(&b, &v), DWARF_E_UNAVAILABLE);
    b = XPR(C4(fx.f32, 0x3f800000), DW_OP_neg, DW_OP_stack_value);
    assert_int_equal(typed_value(&b, &v), DWARF_E_UNAVAILABLE);
    b = XPR(C4(fx.f32, 0x3f800000), DW_OP_stack_value);
    assert_int_equal(typed_must(&b), 0x3f800000);
    /* A float is no address. */
    b = XPR(C4(fx.f32, 0x3f800000), DW_OP_deref);
    assert_int_equal(typed_value(&b, &v), DWARF_E_EXPR);
}

static void typed_conversions(void **state)
{
    struct buf b;
    uint64_t v;
    (void)state;
    /* signed char -1 (0xff) to unsigned int: sign-extended, then 32 bits: 0xffffffff. */
    b = XPR(DW_OP_const_type, fx.s8, 1, 0xff, DW_OP_convert, fx.u32, DW_OP_stack_value);
    assert_int_equal(typed_must(&b), 0xffffffff);
    /* unsigned short 0xffff to int: zero-extended, 0xffff. */
    b = XPR(DW_OP_const_type, fx.u16, 2, 0xff, 0xff, DW_OP_convert, fx.s32, DW_OP_stack_value);
    assert_int_equal(typed_must(&b), 0xffff);
    /* int -5 to the generic type (0): -5 in 64 bits. */
    b = XPR(C4(fx.s32, 0xfffffffb), DW_OP_convert, 0, DW_OP_stack_value);
    assert_int_equal(typed_must(&b), (uint64_t)-5);
    /* long 0x100000005 to int: truncated to 5. */
    b = XPR(DW_OP_const_type, fx.s64, 8, 5, 0, 0, 0, 1, 0, 0, 0, DW_OP_convert, fx.s32,
            DW_OP_stack_value);
    assert_int_equal(typed_must(&b), 5);
    /* The generic type is signed: -1 to unsigned long is all ones; then generic again and
     * generic arithmetic works on it: 0xffffffffffffffff + 2 = 1. */
    b = XPR(DW_OP_const1s, 0xff, DW_OP_convert, fx.u64, DW_OP_convert, 0, L0 + 2, DW_OP_plus);
    assert_int_equal(typed_must(&b), 1);
    /* GNU_convert and a boolean (an unsigned kind): 1 to int is 1. */
    b = XPR(DW_OP_const_type, fx.boolean, 1, 1, DW_OP_GNU_convert, fx.s32, DW_OP_stack_value);
    assert_int_equal(typed_must(&b), 1);
    /* To or from a float needs an FPU. */
    b = XPR(C4(fx.f32, 0x3f800000), DW_OP_convert, fx.s32, DW_OP_stack_value);
    assert_int_equal(typed_value(&b, &v), DWARF_E_UNAVAILABLE);
    b = XPR(C4(fx.s32, 1), DW_OP_convert, fx.f32, DW_OP_stack_value);
    assert_int_equal(typed_value(&b, &v), DWARF_E_UNAVAILABLE);
    /* reinterpret: the bits of 1.0f as an unsigned int, 0x3f800000; as a short (2 bytes, not
     * 4) it is malformed; an unsigned long reinterpreted as generic keeps its bits. */
    b = XPR(C4(fx.f32, 0x3f800000), DW_OP_reinterpret, fx.u32, DW_OP_stack_value);
    assert_int_equal(typed_must(&b), 0x3f800000);
    b = XPR(C4(fx.f32, 0x3f800000), DW_OP_reinterpret, fx.u16, DW_OP_stack_value);
    assert_int_equal(typed_value(&b, &v), DWARF_E_EXPR);
    b = XPR(DW_OP_const_type, fx.u64, 8, 1, 2, 3, 4, 5, 6, 7, 8, DW_OP_GNU_reinterpret, 0,
            DW_OP_stack_value);
    assert_int_equal(typed_must(&b), 0x0807060504030201);
    /* A 4-byte generic type (a 32-bit unit) cannot be reinterpreted as an 8-byte one. */
    struct dwarf_unit u4 = fx.u;
    u4.addr_size = 4;
    struct dwarf_eval ev4 = {.ops = &ops, .unit = &u4};
    static const uint8_t narrow[] = {L0 + 1, DW_OP_reinterpret, 0, DW_OP_reinterpret, 0};
    assert_int_equal(dwarf_eval_value(&ev4, narrow, sizeof narrow, &v), 0);
    assert_int_equal(v, 1);
    const uint8_t wide[] = {L0 + 1, DW_OP_reinterpret, fx.u64, DW_OP_stack_value};
    assert_int_equal(dwarf_eval_value(&ev4, wide, sizeof wide, &v), DWARF_E_EXPR);
}

static void calls(void **state)
{
    struct buf b;
    uint64_t v;
    (void)state;
    /* 5, then p_double: 5 * 2 = 10. */
    b = XPR(L0 + 5, DW_OP_call2, fx.p_double, 0);
    assert_int_equal(typed_must(&b), 10);
    /* call4 of p_nested, which calls p_double: 5 * 2 + 1 = 11. */
    b = XPR(L0 + 5, DW_OP_call4, fx.p_nested, 0, 0, 0);
    assert_int_equal(typed_must(&b), 11);
    /* call_ref into the other unit: 1 + 7 = 8, directly and through p_ref. */
    b = XPR(L0 + 1, DW_OP_call2, fx.p_ref, 0);
    assert_int_equal(typed_must(&b), 8);
    /* A DIE without DW_AT_location does nothing: 3 stays 3. */
    b = XPR(L0 + 3, DW_OP_call2, fx.p_none, 0);
    assert_int_equal(typed_must(&b), 3);
    /* A typed value made by the callee: int -5 + int 2 = -3 (0xfffffffd). */
    b = XPR(DW_OP_call4, fx.p_typed, 0, 0, 0, C4(fx.s32, 2), DW_OP_plus, DW_OP_stack_value);
    assert_int_equal(typed_must(&b), 0xfffffffd);
    /* A location list has no entry without a pc. */
    b = XPR(DW_OP_call2, fx.v_list, 0);
    assert_int_equal(typed_value(&b, &v), DWARF_E_UNAVAILABLE);
    /* Endless recursion stops at DWARF_EVAL_CALLS. */
    b = XPR(DW_OP_call2, fx.p_self, 0);
    assert_int_equal(typed_value(&b, &v), DWARF_E_LIMIT);
    /* Offsets that are no DIE: inside the unit header, past the unit, past the section. */
    b = XPR(DW_OP_call2, 2, 0);
    assert_int_equal(typed_value(&b, &v), DWARF_E_OFFSET);
    b = XPR(DW_OP_call2, 0xff, 0x7f);
    assert_int_equal(typed_value(&b, &v), DWARF_E_BAD_REF);
    b = XPR(DW_OP_call_ref, 0xff, 0xff, 0, 0);
    assert_int_equal(typed_value(&b, &v), DWARF_E_OFFSET);
    /* entry_value stays unavailable with a unit too. */
    b = XPR(DW_OP_entry_value, 1, DW_OP_reg0 + 5, DW_OP_stack_value);
    assert_int_equal(typed_value(&b, &v), DWARF_E_UNAVAILABLE);
}

int main(void)
{
    // clang-format off
    const struct CMUnitTest tests[] = {
        DWARF_TEST(eval, typed_values),
        DWARF_TEST(eval, typed_arithmetic),
        DWARF_TEST(eval, typed_conversions),
        DWARF_TEST(eval, calls),
    };
    // clang-format on
    return cmocka_run_group_tests(tests, fixture_setup, fixture_teardown);
}

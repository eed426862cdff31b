/*
 * The DW_OP stack machine (DWARF5 2.5, 2.6) against hand-computed results:
 * every stack, arithmetic, logic, comparison and control operation,
 * register and frame accessors, the location kinds and pieces, what the
 * caller supplies (entry values, the load bias of addresses), what is
 * reported as unavailable, and the bounds that stop hostile expressions.
 * The typed stack and DIE calls are in test_eval_typed.c.
 */
#include "eval_fixture.h"

static void constants_and_stack(void **state)
{
    struct buf b;
    (void)state;
    b = EXPR(L0 + 31);
    assert_int_equal(must(&b), 31);
    b = EXPR(DW_OP_const1s, 0xfe);
    assert_int_equal(must(&b), (uint64_t)-2);
    b = EXPR(DW_OP_const2u, 0x34, 0x12);
    assert_int_equal(must(&b), 0x1234);
    b = EXPR(DW_OP_const4s, 0xff, 0xff, 0xff, 0xff);
    assert_int_equal(must(&b), (uint64_t)-1);
    b = EXPR(DW_OP_const8u, 1, 2, 3, 4, 5, 6, 7, 8);
    assert_int_equal(must(&b), 0x0807060504030201);
    b = EXPR(DW_OP_constu, 0xe5, 0x8e, 0x26);
    assert_int_equal(must(&b), 624485);
    b = EXPR(DW_OP_consts, 0x7f);
    assert_int_equal(must(&b), (uint64_t)-1);
    b = EXPR(DW_OP_addr, 0x00, 0x10, 0x40, 0, 0, 0, 0, 0);
    assert_int_equal(must(&b), 0x401000);
    /* dup, drop, over, pick, swap, rot on (1 2 3). */
    b = EXPR(L0 + 1, L0 + 2, DW_OP_dup, DW_OP_plus);
    assert_int_equal(must(&b), 4);
    b = EXPR(L0 + 1, L0 + 2, DW_OP_drop);
    assert_int_equal(must(&b), 1);
    b = EXPR(L0 + 1, L0 + 2, DW_OP_over);
    assert_int_equal(must(&b), 1);
    b = EXPR(L0 + 1, L0 + 2, L0 + 3, DW_OP_pick, 2);
    assert_int_equal(must(&b), 1);
    b = EXPR(L0 + 1, L0 + 2, DW_OP_swap, DW_OP_minus);
    assert_int_equal(must(&b), 1);
    /* rot: (1 2 3) top 3 -> top 2, then 1, then 3 below: 3 - (2 - ... ) checked piecewise. */
    b = EXPR(L0 + 1, L0 + 2, L0 + 3, DW_OP_rot);
    assert_int_equal(must(&b), 2);
    b = EXPR(L0 + 1, L0 + 2, L0 + 3, DW_OP_rot, DW_OP_drop);
    assert_int_equal(must(&b), 1);
    b = EXPR(L0 + 1, L0 + 2, L0 + 3, DW_OP_rot, DW_OP_drop, DW_OP_drop);
    assert_int_equal(must(&b), 3);
    b = EXPR(DW_OP_nop, L0 + 5, DW_OP_nop);
    assert_int_equal(must(&b), 5);
}

static void arithmetic(void **state)
{
    struct buf b;
    (void)state;
    b = EXPR(DW_OP_const1s, 0xf9, DW_OP_abs); /* |-7| */
    assert_int_equal(must(&b), 7);
    b = EXPR(L0 + 12, L0 + 10, DW_OP_and);
    assert_int_equal(must(&b), 8);
    b = EXPR(DW_OP_const1s, 0xf9, L0 + 2, DW_OP_div); /* -7 / 2 = -3 (truncation) */
    assert_int_equal(must(&b), (uint64_t)-3);
    b = EXPR(L0 + 3, L0 + 10, DW_OP_minus);
    assert_int_equal(must(&b), (uint64_t)-7);
    b = EXPR(L0 + 17, L0 + 5, DW_OP_mod);
    assert_int_equal(must(&b), 2);
    b = EXPR(DW_OP_const1s, 0xff, L0 + 2, DW_OP_mod); /* unsigned: (2^64-1) % 2 */
    assert_int_equal(must(&b), 1);
    b = EXPR(L0 + 6, L0 + 7, DW_OP_mul);
    assert_int_equal(must(&b), 42);
    b = EXPR(L0 + 5, DW_OP_neg);
    assert_int_equal(must(&b), (uint64_t)-5);
    b = EXPR(L0, DW_OP_not);
    assert_int_equal(must(&b), ~UINT64_C(0));
    b = EXPR(L0 + 12, L0 + 3, DW_OP_or);
    assert_int_equal(must(&b), 15);
    b = EXPR(L0 + 12, L0 + 3, DW_OP_plus);
    assert_int_equal(must(&b), 15);
    b = EXPR(L0 + 12, DW_OP_plus_uconst, 0x80, 0x01);
    assert_int_equal(must(&b), 140);
    b = EXPR(L0 + 1, L0 + 4, DW_OP_shl);
    assert_int_equal(must(&b), 16);
    b = EXPR(L0 + 1, DW_OP_const1u, 64, DW_OP_shl);
    assert_int_equal(must(&b), 0);
    b = EXPR(DW_OP_const1s, 0xf0, L0 + 4, DW_OP_shr);
    assert_int_equal(must(&b), 0x0fffffffffffffff);
    b = EXPR(DW_OP_const1s, 0xf0, L0 + 4, DW_OP_shra);
    assert_int_equal(must(&b), ~UINT64_C(0));
    b = EXPR(DW_OP_const1s, 0xf0, DW_OP_const1u, 200, DW_OP_shra);
    assert_int_equal(must(&b), ~UINT64_C(0));
    b = EXPR(L0 + 12, L0 + 10, DW_OP_xor);
    assert_int_equal(must(&b), 6);
    /* INT64_MIN / -1 wraps instead of trapping. */
    b = EXPR(DW_OP_const8u, 0, 0, 0, 0, 0, 0, 0, 0x80, DW_OP_const1s, 0xff, DW_OP_div);
    assert_int_equal(must(&b), UINT64_C(1) << 63);
}

static void comparisons_and_branches(void **state)
{
    struct buf b;
    (void)state;
    /* Signed: -1 < 1. */
    b = EXPR(DW_OP_const1s, 0xff, L0 + 1, DW_OP_lt);
    assert_int_equal(must(&b), 1);
    b = EXPR(DW_OP_const1s, 0xff, L0 + 1, DW_OP_gt);
    assert_int_equal(must(&b), 0);
    b = EXPR(L0 + 2, L0 + 2, DW_OP_le);
    assert_int_equal(must(&b), 1);
    b = EXPR(L0 + 2, L0 + 3, DW_OP_ge);
    assert_int_equal(must(&b), 0);
    b = EXPR(L0 + 2, L0 + 2, DW_OP_eq);
    assert_int_equal(must(&b), 1);
    b = EXPR(L0 + 2, L0 + 2, DW_OP_ne);
    assert_int_equal(must(&b), 0);
    /* skip over a lit: 1 */
    b = EXPR(L0 + 1, DW_OP_skip, 1, 0, L0 + 9);
    assert_int_equal(must(&b), 1);
    /* bra taken / not taken */
    b = EXPR(L0 + 1, DW_OP_bra, 4, 0, L0 + 7, DW_OP_skip, 1, 0, L0 + 8);
    assert_int_equal(must(&b), 8);
    b = EXPR(L0, DW_OP_bra, 4, 0, L0 + 7, DW_OP_skip, 1, 0, L0 + 8);
    assert_int_equal(must(&b), 7);
    /* A loop: count 5 down to 0 (backward bra). */
    b = EXPR(L0 + 5, L0 + 1, DW_OP_minus, DW_OP_dup, DW_OP_bra, 0xfa, 0xff);
    assert_int_equal(must(&b), 0);
    /* An endless loop is cut by the step budget. */
    b = EXPR(DW_OP_skip, 0xfd, 0xff);
    uint64_t v;
    assert_int_equal(value_of(&b, &v), DWARF_E_LIMIT);
    /* A branch out of the expression. */
    b = EXPR(DW_OP_skip, 10, 0);
    assert_int_equal(value_of(&b, &v), DWARF_E_EXPR);
}

static void registers_and_memory(void **state)
{
    struct buf b;
    uint64_t v;
    (void)state;
    b = EXPR(DW_OP_breg0 + 7, 0x78); /* rsp(0x8000) - 8 */
    assert_int_equal(must(&b), 0x7ff8);
    b = EXPR(DW_OP_bregx, 17, 0x10);
    assert_int_equal(must(&b), 0x12010);
    b = EXPR(DW_OP_fbreg, 0x70); /* -16 */
    assert_int_equal(must(&b), 0x7ffefff0);
    b = EXPR(DW_OP_call_frame_cfa);
    assert_int_equal(must(&b), 0x7fff1000);
    b = EXPR(DW_OP_const2u, 0x34, 0x12, DW_OP_deref);
    assert_int_equal(must(&b), 0x0101010101011335);
    b = EXPR(DW_OP_const2u, 0x34, 0x12, DW_OP_deref_size, 2);
    assert_int_equal(must(&b), 0x1335);
    b = EXPR(DW_OP_const1u, 0x10, DW_OP_form_tls_address);
    assert_int_equal(must(&b), 0x600010);
    /* Register location: its value through read_reg (a frame base of DW_OP_reg6). */
    b = EXPR(DW_OP_reg0 + 6);
    assert_int_equal(must(&b), 0x7000);
    b = EXPR(DW_OP_regx, 33);
    assert_int_equal(must(&b), 0x22000);
    /* Failures pass through. */
    b = EXPR(DW_OP_const2u, 0xad, 0xde, DW_OP_deref);
    assert_int_equal(value_of(&b, &v), DWARF_E_UNAVAILABLE);
    b = EXPR(DW_OP_breg0 + 7, 0, DW_OP_deref_size, 9);
    assert_int_equal(value_of(&b, &v), DWARF_E_EXPR);
    b = EXPR(DW_OP_bregx, 50, 0);
    assert_int_equal(value_of(&b, &v), DWARF_E_UNAVAILABLE);
    /* No accessors at all. */
    struct dwarf_eval bare = {0};
    static const uint8_t fb[] = {DW_OP_fbreg, 0};
    assert_int_equal(dwarf_eval_value(&bare, fb, sizeof fb, &v), DWARF_E_UNAVAILABLE);
    static const uint8_t cfa[] = {DW_OP_call_frame_cfa};
    assert_int_equal(dwarf_eval_value(&bare, cfa, 1, &v), DWARF_E_UNAVAILABLE);
    /* An initial value (the CFA for CFI register rules). */
    struct dwarf_eval init = {.ops = &ops, .initial = {0x5000}, .ninitial = 1};
    static const uint8_t plus8[] = {DW_OP_plus_uconst, 8};
    assert_int_equal(dwarf_eval_value(&init, plus8, 2, &v), 0);
    assert_int_equal(v, 0x5008);
}

static int location_of(const struct buf *b, struct dwarf_location *loc, struct dwarf_section *s)
{
    struct dwarf_eval ev = {.ops = &ops};
    *s = sec_copy(b->data, b->len);
    return dwarf_eval_location(&ev, s->data, s->size, loc);
}

static void locations(void **state)
{
    struct buf b;
    struct dwarf_location loc;
    struct dwarf_section s;
    uint64_t v;
    (void)state;

    b = EXPR(DW_OP_fbreg, 0x68);
    assert_int_equal(location_of(&b, &loc, &s), 0);
    assert_int_equal(loc.npieces, 1);
    assert_int_equal(loc.piece[0].kind, DWARF_LOC_MEMORY);
    assert_int_equal(loc.piece[0].value, 0x7fff0000 - 24);
    assert_false(loc.piece[0].is_piece);
    sec_free(&s);

    b = EXPR(DW_OP_reg0 + 3);
    assert_int_equal(location_of(&b, &loc, &s), 0);
    assert_int_equal(loc.piece[0].kind, DWARF_LOC_REGISTER);
    assert_int_equal(loc.piece[0].value, 3);
    sec_free(&s);

    b = EXPR(L0 + 4, L0 + 5, DW_OP_plus, DW_OP_stack_value);
    assert_int_equal(location_of(&b, &loc, &s), 0);
    assert_int_equal(loc.piece[0].kind, DWARF_LOC_VALUE);
    assert_int_equal(loc.piece[0].value, 9);
    sec_free(&s);

    b = EXPR(DW_OP_implicit_value, 4, 0x00, 0x00, 0x80, 0x3f);
    assert_int_equal(location_of(&b, &loc, &s), 0);
    assert_int_equal(loc.piece[0].kind, DWARF_LOC_IMPLICIT);
    assert_int_equal(loc.piece[0].len, 4);
    assert_int_equal(loc.piece[0].bytes[3], 0x3f);
    sec_free(&s);

    b = EXPR(DW_OP_implicit_pointer, 0x2a, 0, 0, 0, 0x08);
    assert_int_equal(location_of(&b, &loc, &s), 0);
    assert_int_equal(loc.piece[0].kind, DWARF_LOC_IMPLICIT_POINTER);
    assert_int_equal(loc.piece[0].die_offset, 0x2a);
    assert_int_equal(loc.piece[0].ptr_offset, 8);
    sec_free(&s);

    /* An empty expression: optimized out. */
    b.len = 0;
    assert_int_equal(location_of(&b, &loc, &s), 0);
    assert_int_equal(loc.piece[0].kind, DWARF_LOC_EMPTY);
    sec_free(&s);

    /* Pieces: rax (4 bytes), nothing (4), memory at rsp (8), a value bit piece. */
    b = EXPR(DW_OP_reg0, DW_OP_piece, 4, DW_OP_piece, 4, DW_OP_breg0 + 7, 0, DW_OP_piece, 8, L0 + 1,
             DW_OP_stack_value, DW_OP_bit_piece, 3, 5);
    assert_int_equal(location_of(&b, &loc, &s), 0);
    assert_int_equal(loc.npieces, 4);
    assert_int_equal(loc.piece[0].kind, DWARF_LOC_REGISTER);
    assert_int_equal(loc.piece[0].size_bits, 32);
    assert_int_equal(loc.piece[1].kind, DWARF_LOC_EMPTY);
    assert_int_equal(loc.piece[2].kind, DWARF_LOC_MEMORY);
    assert_int_equal(loc.piece[2].value, 0x8000);
    assert_int_equal(loc.piece[3].kind, DWARF_LOC_VALUE);
    assert_int_equal(loc.piece[3].size_bits, 3);
    assert_int_equal(loc.piece[3].bit_offset, 5);
    assert_true(loc.piece[3].is_piece);
    sec_free(&s);
    assert_int_equal(value_of(&b, &v), DWARF_E_EXPR); /* pieces have no single value */

    /* A register or stack_value must end its piece; trailing values after pieces. */
    b = EXPR(DW_OP_reg0, L0 + 1);
    assert_int_equal(location_of(&b, &loc, &s), DWARF_E_EXPR);
    sec_free(&s);
    b = EXPR(DW_OP_reg0, DW_OP_piece, 4, L0 + 1);
    assert_int_equal(location_of(&b, &loc, &s), DWARF_E_EXPR);
    sec_free(&s);
    b = EXPR(DW_OP_stack_value);
    assert_int_equal(location_of(&b, &loc, &s), DWARF_E_EXPR);
    sec_free(&s);
}

/* The caller supplies entry values: the callback sees the operand's expression. */
static int t_entry(void *ctx, const uint8_t *expr, uint64_t len, uint64_t *v)
{
    (void)ctx;
    if (len != 1 || expr[0] != DW_OP_reg0 + 5)
        return DWARF_E_UNAVAILABLE;
    *v = 77;
    return 0;
}

static int entry_value_of(const struct buf *b, uint64_t *v)
{
    struct dwarf_eval_ops with = ops;
    with.entry_value = t_entry;
    struct dwarf_eval ev = {.ops = &with};
    struct dwarf_section s = sec_copy(b->data, b->len);
    int rc = dwarf_eval_value(&ev, s.data, s.size, v);
    sec_free(&s);
    return rc;
}

static void entry_value_from_caller(void **state)
{
    struct buf b = {0};
    uint64_t v = 0;
    (void)state;
    b = EXPR(DW_OP_entry_value, 1, DW_OP_reg0 + 5, L0 + 1, DW_OP_plus, DW_OP_stack_value);
    assert_int_equal(entry_value_of(&b, &v), 0);
    assert_int_equal(v, 78);
    b = EXPR(DW_OP_GNU_entry_value, 1, DW_OP_reg0 + 5, DW_OP_stack_value);
    assert_int_equal(entry_value_of(&b, &v), 0);
    assert_int_equal(v, 77);
    /* What the caller cannot say stays unavailable, and the operand must fit. */
    b = EXPR(DW_OP_entry_value, 1, DW_OP_reg0 + 4, DW_OP_stack_value);
    assert_int_equal(entry_value_of(&b, &v), DWARF_E_UNAVAILABLE);
    b = EXPR(DW_OP_entry_value, 5, DW_OP_reg0 + 5);
    assert_true(entry_value_of(&b, &v) < 0);
}

/* DW_OP_addr is a link-time address: the caller's relocate says where it is now. */
static uint64_t t_bias(void *ctx, uint64_t addr)
{
    (void)ctx;
    return addr + 0x555555554000;
}

static void addresses_relocated(void **state)
{
    struct dwarf_eval_ops with = ops;
    struct buf b = EXPR(DW_OP_addr, 0x10, 0x40, 0, 0, 0, 0, 0, 0, L0 + 4, DW_OP_plus);
    uint64_t v = 0;
    (void)state;
    with.relocate = t_bias;
    struct dwarf_eval ev = {.ops = &with};
    struct dwarf_section s = sec_copy(b.data, b.len);
    assert_int_equal(dwarf_eval_value(&ev, s.data, s.size, &v), 0);
    assert_int_equal(v, 0x555555558014);
    /* As a location: memory at the moved address. */
    struct dwarf_location loc;
    assert_int_equal(dwarf_eval_location(&ev, s.data, 9, &loc), 0);
    assert_int_equal(loc.npieces, 1);
    assert_int_equal(loc.piece[0].kind, DWARF_LOC_MEMORY);
    assert_int_equal(loc.piece[0].value, 0x555555558010);
    sec_free(&s);
    /* Without relocate, and for constants, the value is the file's. */
    assert_int_equal(must(&b), 0x4014);
    b = EXPR(DW_OP_const8u, 0x10, 0x40, 0, 0, 0, 0, 0, 0);
    s = sec_copy(b.data, b.len);
    assert_int_equal(dwarf_eval_value(&ev, s.data, s.size, &v), 0);
    assert_int_equal(v, 0x4010);
    sec_free(&s);
}

static void reported_and_bounded(void **state)
{
    struct buf b = {0};
    uint64_t v;
    (void)state;
    b = EXPR(DW_OP_entry_value, 1, DW_OP_reg0 + 5, DW_OP_stack_value);
    assert_int_equal(value_of(&b, &v), DWARF_E_UNAVAILABLE);
    b = EXPR(DW_OP_GNU_entry_value, 1, DW_OP_reg0 + 5, DW_OP_stack_value);
    assert_int_equal(value_of(&b, &v), DWARF_E_UNAVAILABLE);
    /* Typed operations and DIE calls need the unit (see typed_* and calls below). */
    b = EXPR(DW_OP_call4, 0, 0, 0, 0);
    assert_int_equal(value_of(&b, &v), DWARF_E_UNAVAILABLE);
    b = EXPR(DW_OP_convert, 0x2a);
    assert_int_equal(value_of(&b, &v), DWARF_E_UNAVAILABLE);
    b = EXPR(DW_OP_xderef);
    assert_int_equal(value_of(&b, &v), DWARF_E_UNAVAILABLE);
    b = EXPR(DW_OP_addrx, 0);
    assert_int_equal(value_of(&b, &v), DWARF_E_UNAVAILABLE); /* no unit */
    b = EXPR(DW_OP_push_object_address);
    assert_int_equal(value_of(&b, &v), DWARF_E_UNAVAILABLE);
    /* Underflows. */
    b = EXPR(DW_OP_plus);
    assert_int_equal(value_of(&b, &v), DWARF_E_EXPR);
    b = EXPR(L0 + 1, DW_OP_pick, 1);
    assert_int_equal(value_of(&b, &v), DWARF_E_EXPR);
    b = EXPR(L0 + 1, L0 + 2, DW_OP_rot);
    assert_int_equal(value_of(&b, &v), DWARF_E_EXPR);
    b = EXPR(L0 + 1, L0, DW_OP_div);
    assert_int_equal(value_of(&b, &v), DWARF_E_EXPR);
    b = EXPR(L0 + 1, L0, DW_OP_mod);
    assert_int_equal(value_of(&b, &v), DWARF_E_EXPR);
    /* Stack overflow. */
    b.len = 0;
    for (int i = 0; i <= DWARF_EVAL_STACK; i++)
        b_u8(&b, L0);
    assert_int_equal(value_of(&b, &v), DWARF_E_LIMIT);
    /* Too many pieces. */
    b.len = 0;
    for (int i = 0; i <= DWARF_EVAL_PIECES; i++) {
        b_u8(&b, DW_OP_piece);
        b_u8(&b, 1);
    }
    assert_int_equal(value_of(&b, &v), DWARF_E_LIMIT);
    /* A malformed operation is a decoding error. */
    b = EXPR(DW_OP_const4u, 1);
    assert_int_equal(value_of(&b, &v), DWARF_E_TRUNCATED);
    /* A 4-byte generic type wraps at 32 bits. */
    struct dwarf_unit u4 = {.version = 5, .offset_size = 4, .addr_size = 4};
    struct dwarf_eval ev4 = {.ops = &ops, .unit = &u4};
    static const uint8_t wrap[] = {DW_OP_const4u, 0xff, 0xff, 0xff, 0xff, L0 + 2, DW_OP_plus};
    assert_int_equal(dwarf_eval_value(&ev4, wrap, sizeof wrap, &v), 0);
    assert_int_equal(v, 1);
    static const uint8_t neg[] = {DW_OP_const4u, 0xff, 0xff, 0xff, 0xff, L0 + 1, DW_OP_lt};
    assert_int_equal(dwarf_eval_value(&ev4, neg, sizeof neg, &v), 0);
    assert_int_equal(v, 1); /* 0xffffffff is -1 in the 32-bit generic type */
}

int main(void)
{
    // clang-format off
    const struct CMUnitTest tests[] = {
        DWARF_TEST(eval, constants_and_stack),
        DWARF_TEST(eval, arithmetic),
        DWARF_TEST(eval, comparisons_and_branches),
        DWARF_TEST(eval, registers_and_memory),
        DWARF_TEST(eval, locations),
        DWARF_TEST(eval, entry_value_from_caller),
        DWARF_TEST(eval, addresses_relocated),
        DWARF_TEST(eval, reported_and_bounded),
    };
    // clang-format on
    return cmocka_run_group_tests(tests, NULL, NULL);
}

/*
 * The DW_OP stack machine (DWARF5 2.5, 2.6) against hand-computed results:
 * every stack, arithmetic, logic, comparison and control operation,
 * register and frame accessors, the location kinds and pieces, the typed
 * stack of 2.5.1.6 and DIE calls over a hand-built unit with base types
 * and DWARF procedures, what is reported as unavailable, and the bounds
 * that stop hostile expressions.
 */
#include "testutil.h"

#include <dwarf/eval.h>

#include <string.h>

/* A fake target: register n holds 0x1000 * (n + 1); memory reads return the address's bytes. */
static int t_reg(void *ctx, unsigned reg, uint64_t *v)
{
    (void)ctx;
    if (reg > 40)
        return DWARF_E_UNAVAILABLE;
    *v = 0x1000u * (reg + 1);
    return 0;
}

static int t_mem(void *ctx, uint64_t addr, void *buf, uint64_t len)
{
    (void)ctx;
    if (addr == 0xdead)
        return DWARF_E_UNAVAILABLE;
    for (uint64_t i = 0; i < len; i++)
        ((uint8_t *)buf)[i] = (uint8_t)((addr >> (8 * i)) + 1);
    return 0;
}

static int t_fb(void *ctx, uint64_t *v)
{
    (void)ctx;
    *v = 0x7fff0000;
    return 0;
}

static int t_cfa(void *ctx, uint64_t *v)
{
    (void)ctx;
    *v = 0x7fff1000;
    return 0;
}

static int t_tls(void *ctx, uint64_t off, uint64_t *v)
{
    (void)ctx;
    *v = 0x600000 + off;
    return 0;
}

static const struct dwarf_eval_ops ops = {.read_reg = t_reg,
                                          .read_mem = t_mem,
                                          .frame_base = t_fb,
                                          .call_frame_cfa = t_cfa,
                                          .tls_address = t_tls};

static int value_of(const struct buf *b, uint64_t *v)
{
    struct dwarf_eval ev = {.ops = &ops};
    struct dwarf_section s = sec_copy(b->data, b->len);
    int rc = dwarf_eval_value(&ev, s.data, s.size, v);
    sec_free(&s);
    return rc;
}

static uint64_t must(const struct buf *b)
{
    uint64_t v = 0;
    assert_int_equal(value_of(b, &v), 0);
    return v;
}

#define EXPR(...)                                                                                  \
    ({                                                                                             \
        static const uint8_t bytes_[] = {__VA_ARGS__};                                             \
        struct buf b_ = {0};                                                                       \
        b_bytes(&b_, bytes_, sizeof bytes_);                                                       \
        b_;                                                                                        \
    })

enum { L0 = DW_OP_lit0 };

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
        DWARF_TEST(eval, constants_and_stack),
        DWARF_TEST(eval, arithmetic),
        DWARF_TEST(eval, comparisons_and_branches),
        DWARF_TEST(eval, registers_and_memory),
        DWARF_TEST(eval, locations),
        DWARF_TEST(eval, entry_value_from_caller),
        DWARF_TEST(eval, reported_and_bounded),
        DWARF_TEST(eval, typed_values),
        DWARF_TEST(eval, typed_arithmetic),
        DWARF_TEST(eval, typed_conversions),
        DWARF_TEST(eval, calls),
    };
    // clang-format on
    return cmocka_run_group_tests(tests, fixture_setup, fixture_teardown);
}

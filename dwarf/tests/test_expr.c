/*
 * Expression decoding (DWARF5 2.5, 7.7.1): operand encodings of each kind
 * of operation, nested entry values, and malformed expressions.
 */
#include "testutil.h"

#include <dwarf/expr.h>

#include <string.h>

static struct dwarf_unit unit5 = {.version = 5, .offset_size = 4, .addr_size = 8};

/* The decoded operations point into the bytes: they stay alive until the next call. */
static struct dwarf_section copy;

static int decode(const struct buf *b, struct dwarf_expr_op *ops, int max)
{
    struct dwarf_expr_iter it;
    int n = 0, rc = 0;
    sec_free(&copy);
    copy = sec_copy(b->data, b->len);
    dwarf_expr_iter_init(&it, copy.data, copy.size, &unit5);
    while (n < max && (rc = dwarf_expr_next(&it, &ops[n])) > 0)
        n++;
    return rc < 0 ? rc : n;
}

static void operands(void **state)
{
    struct buf b = {0};
    struct dwarf_expr_op ops[16];
    (void)state;
    b_u8(&b, DW_OP_addr);
    b_u64(&b, 0x401000);
    b_u8(&b, DW_OP_breg0 + 7);
    b_sleb(&b, -16);
    b_u8(&b, DW_OP_fbreg);
    b_sleb(&b, -20);
    b_u8(&b, DW_OP_const2s);
    b_u16(&b, 0xfffe);
    b_u8(&b, DW_OP_bregx);
    b_uleb(&b, 17);
    b_sleb(&b, 8);
    b_u8(&b, DW_OP_implicit_value);
    b_uleb(&b, 4);
    b_u32(&b, 0x3f800000);
    b_u8(&b, DW_OP_entry_value);
    b_uleb(&b, 1);
    b_u8(&b, DW_OP_reg0 + 5);
    b_u8(&b, DW_OP_const_type);
    b_uleb(&b, 0x2a);
    b_u8(&b, 2);
    b_u16(&b, 7);
    b_u8(&b, DW_OP_call_ref);
    b_u32(&b, 0x1234);
    b_u8(&b, DW_OP_lit0 + 31);
    b_u8(&b, DW_OP_stack_value);
    assert_int_equal(decode(&b, ops, 16), 11);
    assert_int_equal(ops[0].operand[0], 0x401000);
    assert_int_equal(ops[1].opcode, 0x77);
    assert_int_equal((int64_t)ops[1].operand[0], -16);
    assert_int_equal((int64_t)ops[2].operand[0], -20);
    assert_int_equal((int64_t)ops[3].operand[0], -2);
    assert_int_equal(ops[4].kind[0], DWARF_OPND_REG);
    assert_int_equal(ops[4].operand[0], 17);
    assert_int_equal(ops[4].operand[1], 8);
    assert_int_equal(ops[5].block_len, 4);
    assert_int_equal(ops[5].block[3], 0x3f);
    assert_int_equal(ops[6].kind[0], DWARF_OPND_EXPR);
    assert_int_equal(ops[6].block[0], DW_OP_reg0 + 5);
    assert_int_equal(ops[7].kind[0], DWARF_OPND_TYPE);
    assert_int_equal(ops[7].operand[0], 0x2a);
    assert_int_equal(ops[7].block_len, 2);
    assert_int_equal(ops[8].operand[0], 0x1234);
    assert_int_equal(ops[9].noperands, 0);
    assert_int_equal(ops[10].offset, b.len - 1);
}

static void malformed(void **state)
{
    struct buf b = {0};
    struct dwarf_expr_op ops[4];
    (void)state;
    b_u8(&b, 0x01); /* reserved opcode */
    assert_int_equal(decode(&b, ops, 4), DWARF_E_FORM);
    b.len = 0;
    b_u8(&b, DW_OP_addr);
    b_u32(&b, 0); /* 4 of 8 bytes */
    assert_int_equal(decode(&b, ops, 4), DWARF_E_TRUNCATED);
    b.len = 0;
    b_u8(&b, DW_OP_entry_value);
    b_uleb(&b, 10);
    b_u8(&b, 0x50);
    assert_int_equal(decode(&b, ops, 4), DWARF_E_TRUNCATED);
    b.len = 0;
    b_u8(&b, DW_OP_constu);
    for (int i = 0; i < 12; i++)
        b_u8(&b, 0xff);
    assert_int_equal(decode(&b, ops, 4), DWARF_E_LEB128);
    b.len = 0;
    assert_int_equal(decode(&b, ops, 4), 0);
}

int main(void)
{
    // clang-format off
    const struct CMUnitTest tests[] = {
        DWARF_TEST(expr, operands),
        DWARF_TEST(expr, malformed),
    };
    // clang-format on
    int rc = cmocka_run_group_tests(tests, NULL, NULL);
    sec_free(&copy);
    return rc;
}

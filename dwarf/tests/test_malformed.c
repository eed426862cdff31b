/*
 * Malformed units, abbreviations, forms and references (DWARF5 7.5): each
 * hand-built defect must come back as the matching DWARF_E_* code.
 */
#include "testutil.h"

/* A one-DIE unit with the given abbreviation bytes and DIE bytes. */
static void tiny(struct test_dwarf *t, const struct buf *abbrev, const struct buf *die,
                 unsigned version)
{
    struct buf info = {0};
    struct unit_mark m = b_unit_begin(&info, version, DW_UT_compile, 4, 8, 0);
    b_bytes(&info, die->data, die->len);
    b_unit_end(&info, m);
    td_init(t);
    td_set(t, DWARF_SEC_INFO, &info);
    td_set(t, DWARF_SEC_ABBREV, abbrev);
    td_finish(t);
}

static int first_attr_rc(const struct buf *abbrev, const struct buf *die)
{
    struct test_dwarf t;
    struct dwarf_unit u;
    struct dwarf_die d;
    struct dwarf_attr a;
    struct dwarf_attr_iter it;
    int rc;
    tiny(&t, abbrev, die, 5);
    rc = dwarf_unit_at(&t.dw, DWARF_SEC_INFO, 0, &u);
    if (rc == 1)
        rc = dwarf_die_at(&u, u.first_die, &d);
    if (rc == 1) {
        dwarf_attr_iter_init(&d, &it);
        rc = dwarf_attr_next(&it, &a);
    }
    td_free(&t);
    return rc;
}

static void form_errors(void **state)
{
    struct buf ab = {0}, die = {0};
    (void)state;
    /* Unknown form. */
    b_uleb(&ab, 1);
    b_uleb(&ab, DW_TAG_variable);
    b_u8(&ab, 0);
    b_uleb(&ab, DW_AT_name);
    b_uleb(&ab, 0x7f);
    b_uleb(&ab, 0);
    b_uleb(&ab, 0);
    b_uleb(&ab, 0);
    b_uleb(&die, 1);
    b_u8(&die, 0);
    assert_int_equal(first_attr_rc(&ab, &die), DWARF_E_FORM);
    /* indirect naming implicit_const (DWARF5 7.5.3) or looping forever. */
    ab.len = 0;
    die.len = 0;
    b_uleb(&ab, 1);
    b_uleb(&ab, DW_TAG_variable);
    b_u8(&ab, 0);
    b_uleb(&ab, DW_AT_name);
    b_uleb(&ab, DW_FORM_indirect);
    b_uleb(&ab, 0);
    b_uleb(&ab, 0);
    b_uleb(&ab, 0);
    b_uleb(&die, 1);
    b_uleb(&die, DW_FORM_implicit_const);
    b_u8(&die, 0);
    assert_int_equal(first_attr_rc(&ab, &die), DWARF_E_FORM);
    die.len = 0;
    b_uleb(&die, 1);
    for (int i = 0; i < 10; i++)
        b_uleb(&die, DW_FORM_indirect);
    b_u8(&die, 0);
    assert_int_equal(first_attr_rc(&ab, &die), DWARF_E_FORM);
    /* A block longer than the unit. */
    die.len = 0;
    b_uleb(&die, 1);
    b_uleb(&die, DW_FORM_block);
    b_uleb(&die, 1000);
    assert_int_equal(first_attr_rc(&ab, &die), DWARF_E_TRUNCATED);
    /* An unterminated string at the unit end. */
    die.len = 0;
    b_uleb(&die, 1);
    b_uleb(&die, DW_FORM_string);
    b_bytes(&die, "abc", 3);
    assert_int_equal(first_attr_rc(&ab, &die), DWARF_E_TRUNCATED);
}

static void abbrev_errors(void **state)
{
    struct buf ab = {0}, die = {0};
    (void)state;
    /* Abbrev code missing from the table. */
    b_uleb(&ab, 1);
    b_uleb(&ab, DW_TAG_variable);
    b_u8(&ab, 0);
    b_uleb(&ab, 0);
    b_uleb(&ab, 0);
    b_uleb(&ab, 0);
    b_uleb(&die, 7);
    struct test_dwarf t;
    struct dwarf_unit u;
    tiny(&t, &ab, &die, 4);
    assert_int_equal(dwarf_unit_at(&t.dw, DWARF_SEC_INFO, 0, &u), DWARF_E_ABBREV);
    td_free(&t);
    /* Children flag other than 0/1. */
    ab.len = 0;
    b_uleb(&ab, 7);
    b_uleb(&ab, DW_TAG_variable);
    b_u8(&ab, 2);
    b_uleb(&ab, 0);
    b_uleb(&ab, 0);
    tiny(&t, &ab, &die, 4);
    assert_int_equal(dwarf_unit_at(&t.dw, DWARF_SEC_INFO, 0, &u), DWARF_E_ABBREV);
    td_free(&t);
    /* A (0, form) pair; and a table that runs off the section. */
    ab.len = 0;
    b_uleb(&ab, 7);
    b_uleb(&ab, DW_TAG_variable);
    b_u8(&ab, 0);
    b_uleb(&ab, 0);
    b_uleb(&ab, DW_FORM_data1);
    tiny(&t, &ab, &die, 4);
    assert_int_equal(dwarf_unit_at(&t.dw, DWARF_SEC_INFO, 0, &u), DWARF_E_ABBREV);
    td_free(&t);
    ab.len = 0;
    b_uleb(&ab, 7);
    b_uleb(&ab, DW_TAG_variable);
    b_u8(&ab, 0);
    b_uleb(&ab, DW_AT_name);
    tiny(&t, &ab, &die, 4);
    assert_int_equal(dwarf_unit_at(&t.dw, DWARF_SEC_INFO, 0, &u), DWARF_E_TRUNCATED);
    td_free(&t);
}

static void unit_header_errors(void **state)
{
    struct buf ab = {0}, info = {0};
    struct test_dwarf t;
    struct dwarf_unit u;
    struct unit_mark m;
    (void)state;
    b_uleb(&ab, 1);
    b_uleb(&ab, DW_TAG_compile_unit);
    b_u8(&ab, 0);
    b_uleb(&ab, 0);
    b_uleb(&ab, 0);
    b_uleb(&ab, 0);

#define EXPECT_UNIT(rc_)                                                                           \
    do {                                                                                           \
        td_init(&t);                                                                               \
        td_set(&t, DWARF_SEC_INFO, &info);                                                         \
        td_set(&t, DWARF_SEC_ABBREV, &ab);                                                         \
        td_finish(&t);                                                                             \
        assert_int_equal(dwarf_unit_at(&t.dw, DWARF_SEC_INFO, 0, &u), rc_);                        \
        td_free(&t);                                                                               \
    } while (0)

    m = b_unit_begin(&info, 5, DW_UT_compile, 4, 8, 0);
    b_uleb(&info, 1);
    b_unit_end(&info, m);
    EXPECT_UNIT(1);
    b_patch_u32(&info, 0, 1000); /* unit length past the section end */
    EXPECT_UNIT(DWARF_E_UNIT);
    b_unit_end(&info, m);
    info.data[4] = 6; /* version 6 */
    EXPECT_UNIT(DWARF_E_VERSION);
    info.data[4] = 1;
    EXPECT_UNIT(DWARF_E_VERSION);
    info.data[4] = 5;
    info.data[6] = 9; /* unit type */
    EXPECT_UNIT(DWARF_E_UNIT);
    info.data[6] = DW_UT_compile;
    info.data[7] = 3; /* address size */
    EXPECT_UNIT(DWARF_E_UNIT);
    info.data[7] = 8;
    info.data[8] = 0x40; /* abbrev offset past .debug_abbrev */
    EXPECT_UNIT(DWARF_E_OFFSET);
    info.data[8] = 0;
    info.len = 6; /* header cut short */
    b_patch_u32(&info, 0, 2);
    EXPECT_UNIT(DWARF_E_TRUNCATED);
    info.len = 0;
    EXPECT_UNIT(0); /* an empty section has no units */
#undef EXPECT_UNIT
}

static void references_checked(void **state)
{
    struct buf ab = {0}, die = {0};
    struct test_dwarf t;
    struct dwarf_unit u;
    struct dwarf_die d;
    struct dwarf_attr a;
    enum dwarf_section_id sec;
    uint64_t off;
    (void)state;
    b_uleb(&ab, 1);
    b_uleb(&ab, DW_TAG_variable);
    b_u8(&ab, 0);
    b_uleb(&ab, DW_AT_type);
    b_uleb(&ab, DW_FORM_ref4);
    b_uleb(&ab, DW_AT_specification);
    b_uleb(&ab, DW_FORM_ref_addr);
    b_uleb(&ab, DW_AT_name);
    b_uleb(&ab, DW_FORM_strx1);
    b_uleb(&ab, DW_AT_low_pc);
    b_uleb(&ab, DW_FORM_addrx1);
    b_uleb(&ab, 0);
    b_uleb(&ab, 0);
    b_uleb(&ab, 0);
    b_uleb(&die, 1);
    b_u32(&die, 5000);    /* outside the unit */
    b_u32(&die, 0x10000); /* outside the section */
    b_u8(&die, 0);
    b_u8(&die, 0);
    tiny(&t, &ab, &die, 5);
    assert_int_equal(dwarf_unit_at(&t.dw, DWARF_SEC_INFO, 0, &u), 1);
    assert_int_equal(dwarf_die_at(&u, u.first_die, &d), 1);
    assert_int_equal(dwarf_die_attr(&d, DW_AT_type, &a), 1);
    assert_int_equal(dwarf_attr_ref(&a, &sec, &off), DWARF_E_BAD_REF);
    assert_int_equal(dwarf_die_attr(&d, DW_AT_specification, &a), 1);
    assert_int_equal(dwarf_attr_ref(&a, &sec, &off), DWARF_E_BAD_REF);
    /* strx and addrx without the sections or bases. */
    const char *s;
    assert_int_equal(dwarf_die_attr(&d, DW_AT_name, &a), 1);
    assert_int_equal(dwarf_attr_string(&a, &s), DWARF_E_NOT_FOUND);
    assert_int_equal(dwarf_die_attr(&d, DW_AT_low_pc, &a), 1);
    assert_int_equal(dwarf_attr_address(&a, &off), DWARF_E_NOT_FOUND);
    u.has_str_offsets_base = true;
    u.has_addr_base = true;
    assert_int_equal(dwarf_attr_string(&a, &s), DWARF_E_CLASS);
    assert_int_equal(dwarf_die_attr(&d, DW_AT_name, &a), 1);
    assert_int_equal(dwarf_attr_string(&a, &s), DWARF_E_NO_SECTION);
    assert_int_equal(dwarf_die_attr(&d, DW_AT_low_pc, &a), 1);
    assert_int_equal(dwarf_attr_address(&a, &off), DWARF_E_NO_SECTION);
    /* DIE offsets outside the unit. */
    assert_int_equal(dwarf_die_at(&u, u.end, &d), DWARF_E_OFFSET);
    assert_int_equal(dwarf_die_at(&u, 0, &d), DWARF_E_OFFSET);
    assert_int_equal(dwarf_section_string(&t.dw, DWARF_SEC_STR, 0, &s), DWARF_E_NO_SECTION);
    td_free(&t);
}

int main(void)
{
    // clang-format off
    const struct CMUnitTest tests[] = {
        DWARF_TEST(malformed, form_errors),
        DWARF_TEST(malformed, abbrev_errors),
        DWARF_TEST(malformed, unit_header_errors),
        DWARF_TEST(malformed, references_checked),
    };
    // clang-format on
    return cmocka_run_group_tests(tests, NULL, NULL);
}

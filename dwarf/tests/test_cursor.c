/*
 * Cursor tests: LEB128 (DWARF5 7.6, the examples of Tables 7.6 and 7.7 and
 * the 64-bit limits), fixed-size reads, strings, initial lengths, and the
 * bounds check that all of them share.
 */
#include "testutil.h"

#include "dwarf_int.h"

static struct dwarf_section g_sec;

static int cursor_over(struct dwarf_cursor *c, const uint8_t *bytes, size_t n)
{
    sec_free(&g_sec);
    g_sec = sec_copy(bytes, n);
    return dwarf_cursor_init(c, &g_sec, 0, n);
}

static void check_uleb(const uint8_t *bytes, size_t n, uint64_t want)
{
    struct dwarf_cursor c;
    uint64_t v;
    assert_int_equal(cursor_over(&c, bytes, n), 0);
    assert_int_equal(dwarf_read_uleb(&c, &v), 0);
    assert_int_equal(v, want);
    assert_int_equal(c.pos, n);
}

static void check_sleb(const uint8_t *bytes, size_t n, int64_t want)
{
    struct dwarf_cursor c;
    int64_t v;
    assert_int_equal(cursor_over(&c, bytes, n), 0);
    assert_int_equal(dwarf_read_sleb(&c, &v), 0);
    assert_int_equal(v, want);
    assert_int_equal(c.pos, n);
}

#define ULEB(want, ...)                                                                            \
    do {                                                                                           \
        const uint8_t b_[] = {__VA_ARGS__};                                                        \
        check_uleb(b_, sizeof b_, want);                                                           \
    } while (0)
#define SLEB(want, ...)                                                                            \
    do {                                                                                           \
        const uint8_t b_[] = {__VA_ARGS__};                                                        \
        check_sleb(b_, sizeof b_, want);                                                           \
    } while (0)

static void uleb_spec_examples(void **state)
{
    (void)state;
    ULEB(2, 0x02);
    ULEB(127, 0x7f);
    ULEB(128, 0x80, 0x01);
    ULEB(129, 0x81, 0x01);
    ULEB(130, 0x82, 0x01);
    ULEB(12857, 0xb9, 0x64);
    ULEB(0, 0x80, 0x80, 0x00); /* padded encodings are valid */
    ULEB(UINT64_MAX, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x01);
    ULEB(1ull << 63, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x01);
}

static void sleb_spec_examples(void **state)
{
    (void)state;
    SLEB(2, 0x02);
    SLEB(-2, 0x7e);
    SLEB(127, 0xff, 0x00);
    SLEB(-127, 0x81, 0x7f);
    SLEB(128, 0x80, 0x01);
    SLEB(-128, 0x80, 0x7f);
    SLEB(129, 0x81, 0x01);
    SLEB(-129, 0xff, 0x7e);
    SLEB(INT64_MAX, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x00);
    SLEB(INT64_MIN, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x7f);
    SLEB(-1, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x7f);
}

static void leb_overrun(void **state)
{
    const uint8_t too_wide[] = {0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x02};
    const uint8_t too_long[] = {0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x00};
    const uint8_t bad_sign[] = {0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x3f};
    const uint8_t cut[] = {0x80, 0x81};
    struct dwarf_cursor c;
    uint64_t u;
    int64_t s;
    (void)state;
    cursor_over(&c, too_wide, sizeof too_wide);
    assert_int_equal(dwarf_read_uleb(&c, &u), DWARF_E_LEB128);
    cursor_over(&c, too_long, sizeof too_long);
    assert_int_equal(dwarf_read_uleb(&c, &u), DWARF_E_LEB128);
    cursor_over(&c, too_long, sizeof too_long);
    assert_int_equal(dwarf_read_sleb(&c, &s), DWARF_E_LEB128);
    cursor_over(&c, bad_sign, sizeof bad_sign);
    assert_int_equal(dwarf_read_sleb(&c, &s), DWARF_E_LEB128);
    cursor_over(&c, cut, sizeof cut);
    assert_int_equal(dwarf_read_uleb(&c, &u), DWARF_E_TRUNCATED);
    cursor_over(&c, cut, 0);
    assert_int_equal(dwarf_read_sleb(&c, &s), DWARF_E_TRUNCATED);
}

static void fixed_reads_and_bounds(void **state)
{
    const uint8_t bytes[] = {0x01, 0x02, 0x03, 0x04, 0x05, 0x06, 0x07, 0x08, 0x09};
    struct dwarf_cursor c;
    uint64_t v;
    uint8_t b;
    const uint8_t *p;
    (void)state;
    cursor_over(&c, bytes, sizeof bytes);
    assert_int_equal(dwarf_read_uint(&c, 2, &v), 0);
    assert_int_equal(v, 0x0201);
    assert_int_equal(dwarf_read_uint(&c, 3, &v), 0);
    assert_int_equal(v, 0x050403);
    assert_int_equal(dwarf_read_uint(&c, 8, &v), DWARF_E_TRUNCATED);
    assert_int_equal(c.pos, 5); /* a failed read does not move */
    assert_int_equal(dwarf_read_uint(&c, 4, &v), 0);
    assert_int_equal(v, 0x09080706);
    assert_int_equal(dwarf_read_u8(&c, &b), DWARF_E_TRUNCATED);
    assert_int_equal(dwarf_read_uint(&c, 0, &v), DWARF_E_ARG);
    assert_int_equal(dwarf_read_uint(&c, 9, &v), DWARF_E_ARG);

    /* The limit, not the section size, bounds reads (a unit end). */
    assert_int_equal(dwarf_cursor_init(&c, &g_sec, 2, 4), 0);
    assert_int_equal(dwarf_read_bytes(&c, 3, &p), DWARF_E_TRUNCATED);
    assert_int_equal(dwarf_read_bytes(&c, 2, &p), 0);
    assert_int_equal(p[0], 0x03);
    assert_int_equal(dwarf_skip(&c, 1), DWARF_E_TRUNCATED);
    assert_int_equal(dwarf_skip(&c, UINT64_MAX), DWARF_E_TRUNCATED);

    assert_int_equal(dwarf_cursor_init(&c, &g_sec, 0, sizeof bytes + 1), DWARF_E_OFFSET);
    assert_int_equal(dwarf_cursor_init(&c, &g_sec, 5, 4), DWARF_E_OFFSET);
    struct dwarf_section absent = {0};
    assert_int_equal(dwarf_cursor_init(&c, &absent, 0, 0), DWARF_E_NO_SECTION);
}

static void strings(void **state)
{
    const uint8_t bytes[] = {'a', 'b', 0, 0, 'c'};
    struct dwarf_cursor c;
    const char *s;
    uint64_t len;
    (void)state;
    cursor_over(&c, bytes, sizeof bytes);
    assert_int_equal(dwarf_read_cstr(&c, &s, &len), 0);
    assert_string_equal(s, "ab");
    assert_int_equal(len, 2);
    assert_int_equal(dwarf_read_cstr(&c, &s, &len), 0);
    assert_int_equal(len, 0);
    assert_int_equal(dwarf_read_cstr(&c, &s, &len), DWARF_E_TRUNCATED); /* no NUL before the end */
    assert_int_equal(c.pos, 4);
}

static void initial_length(void **state)
{
    const uint8_t dw32[] = {0x10, 0, 0, 0};
    const uint8_t dw64[] = {0xff, 0xff, 0xff, 0xff, 0x20, 0, 0, 0, 0, 0, 0, 0};
    const uint8_t reserved[] = {0xf0, 0xff, 0xff, 0xff};
    const uint8_t cut64[] = {0xff, 0xff, 0xff, 0xff, 0x20};
    struct dwarf_cursor c;
    uint64_t len;
    uint8_t osz;
    (void)state;
    cursor_over(&c, dw32, sizeof dw32);
    assert_int_equal(dwarf_read_initial_length(&c, &len, &osz), 0);
    assert_int_equal(len, 0x10);
    assert_int_equal(osz, 4);
    cursor_over(&c, dw64, sizeof dw64);
    assert_int_equal(dwarf_read_initial_length(&c, &len, &osz), 0);
    assert_int_equal(len, 0x20);
    assert_int_equal(osz, 8);
    cursor_over(&c, reserved, sizeof reserved);
    assert_int_equal(dwarf_read_initial_length(&c, &len, &osz), DWARF_E_UNIT);
    cursor_over(&c, cut64, sizeof cut64);
    assert_int_equal(dwarf_read_initial_length(&c, &len, &osz), DWARF_E_TRUNCATED);
}

static void names(void **state)
{
    (void)state;
    assert_string_equal(dwarf_tag_name(DW_TAG_compile_unit), "DW_TAG_compile_unit");
    assert_string_equal(dwarf_at_name(DW_AT_str_offsets_base), "DW_AT_str_offsets_base");
    assert_string_equal(dwarf_form_name(DW_FORM_implicit_const), "DW_FORM_implicit_const");
    assert_string_equal(dwarf_lns_name(DW_LNS_set_isa), "DW_LNS_set_isa");
    assert_string_equal(dwarf_lne_name(DW_LNE_set_discriminator), "DW_LNE_set_discriminator");
    assert_string_equal(dwarf_op_name(0x57), "DW_OP_reg7");
    assert_string_equal(dwarf_op_name(0x8f), "DW_OP_breg31");
    assert_string_equal(dwarf_op_name(0x31), "DW_OP_lit1");
    assert_string_equal(dwarf_attr_value_name(DW_AT_language, 0x1d), "DW_LANG_C11");
    assert_string_equal(dwarf_attr_value_name(DW_AT_encoding, 5), "DW_ATE_signed");
    assert_null(dwarf_attr_value_name(DW_AT_byte_size, 4));
    assert_null(dwarf_tag_name(0x9999));
    assert_null(dwarf_form_name(0));
    assert_string_equal(dwarf_section_name(DWARF_SEC_LINE_STR), ".debug_line_str");
    assert_string_equal(dwarf_strerror(DWARF_E_LEB128), "malformed LEB128 number");
}

int main(void)
{
    // clang-format off
    const struct CMUnitTest tests[] = {
        DWARF_TEST(cursor, uleb_spec_examples),
        DWARF_TEST(cursor, sleb_spec_examples),
        DWARF_TEST(cursor, leb_overrun),
        DWARF_TEST(cursor, fixed_reads_and_bounds),
        DWARF_TEST(cursor, strings),
        DWARF_TEST(cursor, initial_length),
        DWARF_TEST(cursor, names),
    };
    // clang-format on
    int rc = cmocka_run_group_tests(tests, NULL, NULL);
    sec_free(&g_sec);
    return rc;
}

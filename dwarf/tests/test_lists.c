/*
 * Address tables and lists (DWARF5 6.1.2, 2.17.3, 2.6.2, 7.7.3, 7.25,
 * 7.28, 7.29) on hand-built sections: every DW_RLE_* and DW_LLE_* kind,
 * base address selection, .debug_addr indexes, rnglistx/loclistx through
 * the bases and in split units, the DWARF 2-4 encodings, and malformed
 * lists, each with the expected values worked out by hand.
 */
#include "testutil.h"

#include <dwarf/lists.h>

#include <string.h>

/* .debug_addr: a v5 header, then 0x1000, 0x2000, 0x3000 (base at offset 8). */
static void addr_table(struct test_dwarf *t)
{
    struct buf b = {0};
    b_u32(&b, 4 + 3 * 8);
    b_u16(&b, 5);
    b_u8(&b, 8);
    b_u8(&b, 0);
    b_u64(&b, 0x1000);
    b_u64(&b, 0x2000);
    b_u64(&b, 0x3000);
    td_set(t, DWARF_SEC_ADDR, &b);
}

static struct dwarf_unit unit(const struct test_dwarf *t, unsigned version)
{
    return (struct dwarf_unit){.dw = &t->dw,
                               .version = (uint16_t)version,
                               .offset_size = 4,
                               .addr_size = 8,
                               .unit_type = DW_UT_compile,
                               .addr_base = 8,
                               .has_addr_base = true,
                               .base_address = 0x400000,
                               .has_base_address = true};
}

/* A v5 list table header with count offsets; returns the base (first offset). */
static size_t list_header(struct buf *b, unsigned count)
{
    b_u32(b, 0); /* length, patched by list_end */
    b_u16(b, 5);
    b_u8(b, 8);
    b_u8(b, 0);
    b_u32(b, count);
    return b->len;
}

static void list_end(struct buf *b, size_t start)
{
    b_patch_u32(b, start, (uint32_t)(b->len - start - 4));
}

static void rnglists_all_kinds(void **state)
{
    struct test_dwarf t;
    struct buf b = {0};
    struct dwarf_range_iter it;
    struct dwarf_range_entry e;
    uint64_t lo, hi, off;
    (void)state;

    td_init(&t);
    addr_table(&t);
    size_t base = list_header(&b, 2);
    size_t slot = b.len;
    b_u32(&b, 0);
    b_u32(&b, 0);
    size_t list0 = b.len;
    b_u8(&b, DW_RLE_offset_pair); /* unit base 0x400000 */
    b_uleb(&b, 0x10);
    b_uleb(&b, 0x20);
    b_u8(&b, DW_RLE_base_addressx); /* base = addr[1] = 0x2000 */
    b_uleb(&b, 1);
    b_u8(&b, DW_RLE_offset_pair);
    b_uleb(&b, 4);
    b_uleb(&b, 8);
    b_u8(&b, DW_RLE_startx_endx);
    b_uleb(&b, 0);
    b_uleb(&b, 2);
    b_u8(&b, DW_RLE_startx_length);
    b_uleb(&b, 2);
    b_uleb(&b, 0x30);
    b_u8(&b, DW_RLE_base_address);
    b_u64(&b, 0x500000);
    b_u8(&b, DW_RLE_offset_pair);
    b_uleb(&b, 1);
    b_uleb(&b, 2);
    b_u8(&b, DW_RLE_start_end);
    b_u64(&b, 0x600000);
    b_u64(&b, 0x600100);
    b_u8(&b, DW_RLE_start_length);
    b_u64(&b, 0x700000);
    b_uleb(&b, 0x80);
    b_u8(&b, DW_RLE_end_of_list);
    size_t list1 = b.len;
    b_u8(&b, DW_RLE_end_of_list);
    b_patch_u32(&b, slot, (uint32_t)(list0 - base));
    b_patch_u32(&b, slot + 4, (uint32_t)(list1 - base));
    list_end(&b, 0);
    td_set(&t, DWARF_SEC_RNGLISTS, &b);
    td_finish(&t);

    struct dwarf_unit u = unit(&t, 5);
    u.rnglists_base = base;
    u.has_rnglists_base = true;
    assert_int_equal(dwarf_rnglistx_offset(&u, 0, &off), 0);
    assert_int_equal(off, list0);
    assert_int_equal(dwarf_rnglistx_offset(&u, 1, &off), 0);
    assert_int_equal(off, list1);
    assert_int_equal(dwarf_rnglistx_offset(&u, 2, &off), DWARF_E_OFFSET);

    static const uint64_t want[][2] = {
        {0x400010, 0x400020}, {0x2004, 0x2008},     {0x1000, 0x3000},     {0x3000, 0x3030},
        {0x500001, 0x500002}, {0x600000, 0x600100}, {0x700000, 0x700080},
    };
    assert_int_equal(dwarf_range_iter_init(&it, &u, list0), 0);
    for (size_t i = 0; i < sizeof want / sizeof want[0]; i++) {
        assert_int_equal(dwarf_range_next(&it, &lo, &hi), 1);
        assert_int_equal(lo, want[i][0]);
        assert_int_equal(hi, want[i][1]);
    }
    assert_int_equal(dwarf_range_next(&it, &lo, &hi), 0);
    assert_int_equal(dwarf_range_next(&it, &lo, &hi), 0);

    /* Entries as encoded: the base entries are reported, raw operands kept. */
    assert_int_equal(dwarf_range_iter_init(&it, &u, list0), 0);
    assert_int_equal(dwarf_range_next_entry(&it, &e), 1);
    assert_int_equal(e.kind, DW_RLE_offset_pair);
    assert_int_equal(e.raw[0], 0x10);
    assert_int_equal(dwarf_range_next_entry(&it, &e), 1);
    assert_int_equal(e.kind, DW_RLE_base_addressx);
    assert_false(e.is_range);
    assert_int_equal(e.raw[0], 1);
    assert_int_equal(dwarf_range_next_entry(&it, &e), 1);
    assert_int_equal(dwarf_range_next_entry(&it, &e), 1);
    assert_int_equal(e.kind, DW_RLE_startx_endx);
    assert_int_equal(e.raw[1], 2);
    assert_int_equal(e.high, 0x3000);

    /* An empty list. */
    assert_int_equal(dwarf_range_iter_init(&it, &u, list1), 0);
    assert_int_equal(dwarf_range_next(&it, &lo, &hi), 0);

    /* rnglistx through an attribute, and sec_offset. */
    struct dwarf_attr a = {.unit = &u, .name = DW_AT_ranges, .form = DW_FORM_rnglistx, .value = 0};
    assert_int_equal(dwarf_range_iter_attr(&it, &a), 0);
    assert_int_equal(it.pos, list0);
    a.form = DW_FORM_sec_offset;
    a.value = list1;
    assert_int_equal(dwarf_range_iter_attr(&it, &a), 0);
    assert_int_equal(it.pos, list1);
    a.form = DW_FORM_data4; /* only DWARF 2-3 */
    assert_int_equal(dwarf_range_iter_attr(&it, &a), DWARF_E_CLASS);
    a.form = DW_FORM_loclistx;
    assert_int_equal(dwarf_range_iter_attr(&it, &a), DWARF_E_CLASS);

    /* A split unit indexes the only table without DW_AT_rnglists_base. */
    u.has_rnglists_base = false;
    assert_int_equal(dwarf_rnglistx_offset(&u, 1, &off), DWARF_E_NOT_FOUND);
    u.unit_type = DW_UT_split_compile;
    assert_int_equal(dwarf_rnglistx_offset(&u, 1, &off), 0);
    assert_int_equal(off, list1);
    td_free(&t);
}

static void rnglists_malformed(void **state)
{
    struct test_dwarf t;
    struct buf b = {0};
    struct dwarf_range_iter it;
    uint64_t lo, hi, off;
    (void)state;

    td_init(&t);
    size_t base = list_header(&b, 1);
    b_u32(&b, 0x1000); /* offset past the section */
    size_t l_unknown = b.len;
    b_u8(&b, 0x08); /* no such DW_RLE kind */
    size_t l_noaddr = b.len;
    b_u8(&b, DW_RLE_startx_length); /* no .debug_addr */
    b_uleb(&b, 0);
    b_uleb(&b, 1);
    b_u8(&b, 0);
    size_t l_trunc = b.len;
    b_u8(&b, DW_RLE_start_end);
    b_u32(&b, 0x1234); /* 4 of 16 bytes */
    td_set(&t, DWARF_SEC_RNGLISTS, &b);
    td_finish(&t);

    struct dwarf_unit u = unit(&t, 5);
    u.has_addr_base = false;
    u.rnglists_base = base;
    u.has_rnglists_base = true;
    assert_int_equal(dwarf_rnglistx_offset(&u, 0, &off), DWARF_E_OFFSET);
    u.rnglists_base = 4; /* inside the header */
    assert_int_equal(dwarf_rnglistx_offset(&u, 0, &off), DWARF_E_OFFSET);
    u.rnglists_base = 1u << 20;
    assert_int_equal(dwarf_rnglistx_offset(&u, 0, &off), DWARF_E_OFFSET);
    assert_int_equal(dwarf_range_iter_init(&it, &u, l_unknown), 0);
    assert_int_equal(dwarf_range_next(&it, &lo, &hi), DWARF_E_FORM);
    assert_int_equal(dwarf_range_iter_init(&it, &u, l_noaddr), 0);
    assert_int_equal(dwarf_range_next(&it, &lo, &hi), DWARF_E_NOT_FOUND);
    assert_int_equal(dwarf_range_iter_init(&it, &u, l_trunc), 0);
    assert_int_equal(dwarf_range_next(&it, &lo, &hi), DWARF_E_TRUNCATED);
    assert_int_equal(dwarf_range_iter_init(&it, &u, b.len), DWARF_E_OFFSET);
    u.version = 4; /* .debug_ranges is absent */
    assert_int_equal(dwarf_range_iter_init(&it, &u, 0), DWARF_E_NO_SECTION);
    td_free(&t);
}

/* DWARF 2-4 .debug_ranges, 8- and 4-byte addresses. */
static void ranges_v4(void **state)
{
    struct test_dwarf t;
    struct buf b = {0};
    struct dwarf_range_iter it;
    struct dwarf_range_entry e;
    uint64_t lo, hi;
    (void)state;

    td_init(&t);
    b_u64(&b, 0x10);
    b_u64(&b, 0x20);
    b_u64(&b, ~UINT64_C(0));
    b_u64(&b, 0x800000);
    b_u64(&b, 0x5);
    b_u64(&b, 0x6);
    b_u64(&b, 0);
    b_u64(&b, 0);
    size_t l32 = b.len;
    b_u32(&b, 0xffffffff);
    b_u32(&b, 0x100);
    b_u32(&b, 0xfffffff0); /* wraps at 32 bits */
    b_u32(&b, 0xffffff10);
    b_u32(&b, 0);
    b_u32(&b, 0);
    size_t lcut = b.len;
    b_u64(&b, 1);
    td_set(&t, DWARF_SEC_RANGES, &b);
    td_finish(&t);

    struct dwarf_unit u = unit(&t, 4);
    assert_int_equal(dwarf_range_iter_init(&it, &u, 0), 0);
    assert_int_equal(it.section, DWARF_SEC_RANGES);
    assert_int_equal(dwarf_range_next(&it, &lo, &hi), 1);
    assert_int_equal(lo, 0x400010);
    assert_int_equal(hi, 0x400020);
    assert_int_equal(dwarf_range_next_entry(&it, &e), 1);
    assert_int_equal(e.kind, DW_RLE_base_address);
    assert_int_equal(dwarf_range_next(&it, &lo, &hi), 1);
    assert_int_equal(lo, 0x800005);
    assert_int_equal(hi, 0x800006);
    assert_int_equal(dwarf_range_next(&it, &lo, &hi), 0);

    u.addr_size = 4;
    u.version = 2;
    assert_int_equal(dwarf_range_iter_init(&it, &u, l32), 0);
    assert_int_equal(dwarf_range_next(&it, &lo, &hi), 1);
    assert_int_equal(lo, 0xf0);
    assert_int_equal(hi, 0x10);
    assert_int_equal(dwarf_range_next(&it, &lo, &hi), 0);
    struct dwarf_attr a = {.unit = &u, .name = DW_AT_ranges, .form = DW_FORM_data4, .value = l32};
    assert_int_equal(dwarf_range_iter_attr(&it, &a), 0);
    assert_int_equal(it.pos, l32);

    u.addr_size = 8;
    assert_int_equal(dwarf_range_iter_init(&it, &u, lcut), 0);
    assert_int_equal(dwarf_range_next(&it, &lo, &hi), DWARF_E_TRUNCATED);
    td_free(&t);
}

static void expect_loc(struct dwarf_loc_iter *it, uint64_t lo, uint64_t hi, uint8_t op)
{
    struct dwarf_loc_entry e;
    assert_int_equal(dwarf_loc_next(it, &e), 1);
    assert_int_equal(e.low, lo);
    assert_int_equal(e.high, hi);
    assert_int_equal(e.expr_len, 1);
    assert_int_equal(e.expr[0], op);
}

static void loclists_all_kinds(void **state)
{
    struct test_dwarf t;
    struct buf b = {0};
    struct dwarf_loc_iter it;
    struct dwarf_loc_entry e;
    uint64_t off;
    (void)state;

    td_init(&t);
    addr_table(&t);
    size_t base = list_header(&b, 1);
    b_u32(&b, 4);
    size_t list0 = b.len;
    b_u8(&b, DW_LLE_offset_pair);
    b_uleb(&b, 0);
    b_uleb(&b, 4);
    b_uleb(&b, 1);
    b_u8(&b, DW_OP_reg0);
    b_u8(&b, DW_LLE_base_addressx);
    b_uleb(&b, 0);
    b_u8(&b, DW_LLE_GNU_view_pair);
    b_uleb(&b, 1);
    b_uleb(&b, 2);
    b_u8(&b, DW_LLE_offset_pair);
    b_uleb(&b, 2);
    b_uleb(&b, 3);
    b_uleb(&b, 1);
    b_u8(&b, (DW_OP_reg0 + 1));
    b_u8(&b, DW_LLE_startx_endx);
    b_uleb(&b, 1);
    b_uleb(&b, 2);
    b_uleb(&b, 1);
    b_u8(&b, (DW_OP_reg0 + 2));
    b_u8(&b, DW_LLE_startx_length);
    b_uleb(&b, 0);
    b_uleb(&b, 0x10);
    b_uleb(&b, 1);
    b_u8(&b, (DW_OP_reg0 + 3));
    b_u8(&b, DW_LLE_base_address);
    b_u64(&b, 0x900000);
    b_u8(&b, DW_LLE_offset_pair);
    b_uleb(&b, 8);
    b_uleb(&b, 9);
    b_uleb(&b, 1);
    b_u8(&b, (DW_OP_reg0 + 4));
    b_u8(&b, DW_LLE_start_end);
    b_u64(&b, 0xa0);
    b_u64(&b, 0xb0);
    b_uleb(&b, 1);
    b_u8(&b, (DW_OP_reg0 + 5));
    b_u8(&b, DW_LLE_start_length);
    b_u64(&b, 0xc0);
    b_uleb(&b, 0x8);
    b_uleb(&b, 1);
    b_u8(&b, (DW_OP_reg0 + 6));
    b_u8(&b, DW_LLE_default_location);
    b_uleb(&b, 1);
    b_u8(&b, (DW_OP_reg0 + 7));
    b_u8(&b, DW_LLE_end_of_list);
    list_end(&b, 0);
    td_set(&t, DWARF_SEC_LOCLISTS, &b);
    td_finish(&t);

    struct dwarf_unit u = unit(&t, 5);
    u.loclists_base = base;
    u.has_loclists_base = true;
    assert_int_equal(dwarf_loclistx_offset(&u, 0, &off), 0);
    assert_int_equal(off, list0);
    struct dwarf_attr a = {.unit = &u, .name = DW_AT_location, .form = DW_FORM_loclistx};
    assert_int_equal(dwarf_loc_iter_attr(&it, &a), 0);
    expect_loc(&it, 0x400000, 0x400004, DW_OP_reg0);
    expect_loc(&it, 0x1002, 0x1003, (DW_OP_reg0 + 1));
    expect_loc(&it, 0x2000, 0x3000, (DW_OP_reg0 + 2));
    expect_loc(&it, 0x1000, 0x1010, (DW_OP_reg0 + 3));
    expect_loc(&it, 0x900008, 0x900009, (DW_OP_reg0 + 4));
    expect_loc(&it, 0xa0, 0xb0, (DW_OP_reg0 + 5));
    expect_loc(&it, 0xc0, 0xc8, (DW_OP_reg0 + 6));
    assert_int_equal(dwarf_loc_next(&it, &e), 1);
    assert_true(e.is_default);
    assert_int_equal(e.expr[0], (DW_OP_reg0 + 7));
    assert_int_equal(dwarf_loc_next(&it, &e), 0);

    /* The view pair is an entry of its own, without a location. */
    assert_int_equal(dwarf_loc_iter_init(&it, &u, list0), 0);
    assert_int_equal(dwarf_loc_next_entry(&it, &e), 1);
    assert_int_equal(dwarf_loc_next_entry(&it, &e), 1);
    assert_int_equal(dwarf_loc_next_entry(&it, &e), 1);
    assert_int_equal(e.kind, DW_LLE_GNU_view_pair);
    assert_false(e.is_location);
    assert_int_equal(e.raw[1], 2);

    a.form = DW_FORM_exprloc;
    assert_int_equal(dwarf_loc_iter_attr(&it, &a), DWARF_E_CLASS);
    a.form = DW_FORM_rnglistx;
    assert_int_equal(dwarf_loc_iter_attr(&it, &a), DWARF_E_CLASS);
    a.form = DW_FORM_loclistx;
    a.value = 1;
    assert_int_equal(dwarf_loc_iter_attr(&it, &a), DWARF_E_OFFSET);
    td_free(&t);
}

static void loc_v4_and_malformed(void **state)
{
    struct test_dwarf t;
    struct buf b = {0}, l5 = {0};
    struct dwarf_loc_iter it;
    struct dwarf_loc_entry e;
    (void)state;

    td_init(&t);
    b_u64(&b, 0x0);
    b_u64(&b, 0x8);
    b_u16(&b, 2);
    b_u8(&b, (DW_OP_breg0 + 7));
    b_u8(&b, 8);
    b_u64(&b, ~UINT64_C(0));
    b_u64(&b, 0x10000);
    b_u64(&b, 0x8);
    b_u64(&b, 0x10);
    b_u16(&b, 1);
    b_u8(&b, (DW_OP_reg0 + 3));
    b_u64(&b, 0);
    b_u64(&b, 0);
    size_t cut = b.len;
    b_u64(&b, 0x0);
    b_u64(&b, 0x8);
    b_u16(&b, 40); /* expression past the section */
    b_u8(&b, (DW_OP_reg0 + 3));
    td_set(&t, DWARF_SEC_LOC, &b);
    /* v5: an unknown kind, then a huge expression length. */
    b_u8(&l5, 0x0a);
    b_u8(&l5, DW_LLE_default_location);
    b_uleb(&l5, UINT64_C(1) << 60);
    td_set(&t, DWARF_SEC_LOCLISTS, &l5);
    td_finish(&t);

    struct dwarf_unit u = unit(&t, 3);
    struct dwarf_attr a = {.unit = &u, .name = DW_AT_location, .form = DW_FORM_data4};
    assert_int_equal(dwarf_loc_iter_attr(&it, &a), 0);
    assert_int_equal(dwarf_loc_next(&it, &e), 1);
    assert_int_equal(e.low, 0x400000);
    assert_int_equal(e.high, 0x400008);
    assert_int_equal(e.expr_len, 2);
    assert_int_equal(dwarf_loc_next_entry(&it, &e), 1);
    assert_int_equal(e.kind, DW_LLE_base_address);
    expect_loc(&it, 0x10008, 0x10010, (DW_OP_reg0 + 3));
    assert_int_equal(dwarf_loc_next(&it, &e), 0);
    assert_int_equal(dwarf_loc_iter_init(&it, &u, cut), 0);
    assert_int_equal(dwarf_loc_next(&it, &e), DWARF_E_TRUNCATED);

    u.version = 5;
    assert_int_equal(dwarf_loc_iter_init(&it, &u, 0), 0);
    assert_int_equal(dwarf_loc_next(&it, &e), DWARF_E_FORM);
    assert_int_equal(dwarf_loc_iter_init(&it, &u, 1), 0);
    assert_int_equal(dwarf_loc_next(&it, &e), DWARF_E_TRUNCATED);
    td_free(&t);
}

static void aranges(void **state)
{
    struct test_dwarf t;
    struct buf b = {0};
    struct dwarf_aranges_set set;
    struct dwarf_aranges_iter it;
    uint64_t addr, len;
    (void)state;

    td_init(&t);
    /* 32-bit set: 12 bytes of header, padded to 16. */
    b_u32(&b, 0);
    b_u16(&b, 2);
    b_u32(&b, 0x40);
    b_u8(&b, 8);
    b_u8(&b, 0);
    b_u32(&b, 0);
    b_u64(&b, 0x1000);
    b_u64(&b, 0x20);
    b_u64(&b, 0x2000);
    b_u64(&b, 0x10);
    b_u64(&b, 0);
    b_u64(&b, 0);
    b_patch_u32(&b, 0, (uint32_t)(b.len - 4));
    size_t second = b.len;
    /* 64-bit set: 4+8+2+8+1+1 = 24 bytes, padded to 32; unterminated. */
    b_u32(&b, 0xffffffff);
    b_u64(&b, 0);
    b_u16(&b, 2);
    b_u64(&b, 0x80);
    b_u8(&b, 8);
    b_u8(&b, 0);
    b_u64(&b, 0);
    b_u64(&b, 0x3000);
    b_u64(&b, 0x1);
    b_patch_u64(&b, second + 4, b.len - second - 12);
    size_t bad = b.len;
    b_u32(&b, 8);
    b_u16(&b, 3); /* version */
    b_u16(&b, 0);
    b_u32(&b, 0);
    td_set(&t, DWARF_SEC_ARANGES, &b);
    td_finish(&t);

    assert_int_equal(dwarf_aranges_set_at(&t.dw, 0, &set), 1);
    assert_int_equal(set.info_offset, 0x40);
    assert_int_equal(set.tuples, 16);
    dwarf_aranges_iter_init(&it, &set);
    assert_int_equal(dwarf_aranges_next(&it, &addr, &len), 1);
    assert_int_equal(addr, 0x1000);
    assert_int_equal(len, 0x20);
    assert_int_equal(dwarf_aranges_next(&it, &addr, &len), 1);
    assert_int_equal(dwarf_aranges_next(&it, &addr, &len), 0);
    assert_int_equal(dwarf_aranges_set_at(&t.dw, set.end, &set), 1);
    assert_int_equal(set.offset_size, 8);
    assert_int_equal(set.info_offset, 0x80);
    assert_int_equal(set.tuples, second + 32);
    dwarf_aranges_iter_init(&it, &set);
    assert_int_equal(dwarf_aranges_next(&it, &addr, &len), 1);
    assert_int_equal(addr, 0x3000);
    assert_int_equal(dwarf_aranges_next(&it, &addr, &len), 0);
    assert_int_equal(dwarf_aranges_set_at(&t.dw, bad, &set), DWARF_E_VERSION);
    assert_int_equal(dwarf_aranges_set_at(&t.dw, b.len, &set), 0);
    assert_int_equal(dwarf_aranges_set_at(&t.dw, b.len - 2, &set), DWARF_E_TRUNCATED);

    /* A tuple cut in half, a length past the section, a segment size. */
    b.len = 0;
    b_u32(&b, 24);
    b_u16(&b, 2);
    b_u32(&b, 0);
    b_u8(&b, 8);
    b_u8(&b, 0);
    b_u32(&b, 0);
    b_u64(&b, 0x1000);
    b_u32(&b, 0);
    td_set(&t, DWARF_SEC_ARANGES, &b);
    td_finish(&t);
    assert_int_equal(dwarf_aranges_set_at(&t.dw, 0, &set), 1);
    dwarf_aranges_iter_init(&it, &set);
    assert_int_equal(dwarf_aranges_next(&it, &addr, &len), DWARF_E_TRUNCATED);
    b_patch_u32(&b, 0, 100);
    td_set(&t, DWARF_SEC_ARANGES, &b);
    td_finish(&t);
    assert_int_equal(dwarf_aranges_set_at(&t.dw, 0, &set), DWARF_E_UNIT);
    b_patch_u32(&b, 0, 24);
    b.data[11] = 4;
    td_set(&t, DWARF_SEC_ARANGES, &b);
    td_finish(&t);
    assert_int_equal(dwarf_aranges_set_at(&t.dw, 0, &set), DWARF_E_UNIT);
    td_free(&t);
}

int main(void)
{
    // clang-format off
    const struct CMUnitTest tests[] = {
        DWARF_TEST(lists, rnglists_all_kinds),
        DWARF_TEST(lists, rnglists_malformed),
        DWARF_TEST(lists, ranges_v4),
        DWARF_TEST(lists, loclists_all_kinds),
        DWARF_TEST(lists, loc_v4_and_malformed),
        DWARF_TEST(lists, aranges),
    };
    // clang-format on
    return cmocka_run_group_tests(tests, NULL, NULL);
}

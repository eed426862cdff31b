/*
 * Form decoding (DWARF5 7.5.6) with hand-built units: one DIE that carries
 * every form, read back through each value accessor, for DWARF 5 (32- and
 * 64-bit), DWARF 4 and DWARF 2 (where DW_FORM_ref_addr is address-sized);
 * the abbreviation index; string and address table bounds. Malformed
 * input is in test_malformed.c.
 */
#include "testutil.h"

#include <string.h>

#define AT(i) (0x3000 + (i)) /* attribute names do not matter to decoding */

enum {
    F_STRING,
    F_DATA1,
    F_DATA2,
    F_DATA4,
    F_DATA8,
    F_SDATA,
    F_UDATA,
    F_IMPLICIT,
    F_FLAG_PRESENT,
    F_FLAG,
    F_EXPRLOC,
    F_BLOCK1,
    F_BLOCK2,
    F_BLOCK4,
    F_BLOCK,
    F_DATA16,
    F_STRP,
    F_LINE_STRP,
    F_STRX,
    F_STRX1,
    F_STRX2,
    F_STRX3,
    F_STRX4,
    F_ADDR,
    F_ADDRX,
    F_ADDRX1,
    F_ADDRX2,
    F_ADDRX3,
    F_ADDRX4,
    F_REF1,
    F_REF2,
    F_REF4,
    F_REF8,
    F_REF_UDATA,
    F_REF_ADDR,
    F_REF_SIG8,
    F_SEC_OFFSET,
    F_LOCLISTX,
    F_RNGLISTX,
    F_INDIRECT,
    F_COUNT
};

static const uint64_t forms[F_COUNT] = {
    DW_FORM_string,       DW_FORM_data1,     DW_FORM_data2,    DW_FORM_data4,
    DW_FORM_data8,        DW_FORM_sdata,     DW_FORM_udata,    DW_FORM_implicit_const,
    DW_FORM_flag_present, DW_FORM_flag,      DW_FORM_exprloc,  DW_FORM_block1,
    DW_FORM_block2,       DW_FORM_block4,    DW_FORM_block,    DW_FORM_data16,
    DW_FORM_strp,         DW_FORM_line_strp, DW_FORM_strx,     DW_FORM_strx1,
    DW_FORM_strx2,        DW_FORM_strx3,     DW_FORM_strx4,    DW_FORM_addr,
    DW_FORM_addrx,        DW_FORM_addrx1,    DW_FORM_addrx2,   DW_FORM_addrx3,
    DW_FORM_addrx4,       DW_FORM_ref1,      DW_FORM_ref2,     DW_FORM_ref4,
    DW_FORM_ref8,         DW_FORM_ref_udata, DW_FORM_ref_addr, DW_FORM_ref_sig8,
    DW_FORM_sec_offset,   DW_FORM_loclistx,  DW_FORM_rnglistx, DW_FORM_indirect,
};

#define SIG 0x1122334455667788ull

struct fixture {
    struct test_dwarf t;
    uint64_t child_off; /* DIE the refs point to */
    uint64_t type_die;  /* the type unit's type DIE */
    unsigned version, offset_size, addr_size;
};

/* .debug_str: "zero\0one\0two\0three\0four\0"; str_offsets entries point at each. */
static const char strtab[] = "zero\0one\0two\0three\0four\0strp-string";
static const uint64_t str_at[] = {0, 5, 9, 13, 19, 24};

static void build(struct fixture *fx, unsigned version, unsigned osz, unsigned asz)
{
    struct buf abbrev = {0}, info = {0}, str = {0}, line_str = {0}, stroff = {0}, addr = {0};
    struct unit_mark m;
    size_t cu_start, die1;
    uint64_t so_base, addr_base;

    memset(fx, 0, sizeof *fx);
    fx->version = version;
    fx->offset_size = osz;
    fx->addr_size = asz;
    td_init(&fx->t);
    b_bytes(&str, strtab, sizeof strtab);
    b_str(&line_str, "/line/str");

    /* DWARF5 7.26: str_offsets header (length, version, padding), then entries. */
    if (osz == 8) {
        b_u32(&stroff, 0xffffffffu);
        b_u64(&stroff, 4 + 5 * 8);
    } else {
        b_u32(&stroff, 4 + 5 * 4);
    }
    b_u16(&stroff, 5);
    b_u16(&stroff, 0);
    so_base = stroff.len;
    for (int i = 0; i < 5; i++)
        b_uint(&stroff, str_at[i], osz);
    /* DWARF5 7.27: addr header, then entries. */
    b_u32(&addr, 4 + 5 * asz);
    b_u16(&addr, 5);
    b_u8(&addr, (uint8_t)asz);
    b_u8(&addr, 0);
    addr_base = addr.len;
    for (int i = 0; i < 5; i++)
        b_uint(&addr, 0x1000 + 0x10 * i, asz);

    /* Abbrev 1: the unit DIE; 2: every form; 3: the child; 4: type unit DIE. */
    b_uleb(&abbrev, 1);
    b_uleb(&abbrev, DW_TAG_compile_unit);
    b_u8(&abbrev, 1);
    b_uleb(&abbrev, DW_AT_str_offsets_base);
    b_uleb(&abbrev, DW_FORM_sec_offset);
    b_uleb(&abbrev, DW_AT_addr_base);
    b_uleb(&abbrev, DW_FORM_sec_offset);
    b_uleb(&abbrev, DW_AT_name);
    b_uleb(&abbrev, DW_FORM_strx1);
    b_uleb(&abbrev, 0);
    b_uleb(&abbrev, 0);
    b_uleb(&abbrev, 2);
    b_uleb(&abbrev, DW_TAG_variable);
    b_u8(&abbrev, 1);
    for (int i = 0; i < F_COUNT; i++) {
        b_uleb(&abbrev, AT(i));
        b_uleb(&abbrev, forms[i]);
        if (forms[i] == DW_FORM_implicit_const)
            b_sleb(&abbrev, -7);
    }
    b_uleb(&abbrev, 0);
    b_uleb(&abbrev, 0);
    b_uleb(&abbrev, 3);
    b_uleb(&abbrev, DW_TAG_base_type);
    b_u8(&abbrev, 0);
    b_uleb(&abbrev, 0);
    b_uleb(&abbrev, 0);
    b_uleb(&abbrev, 4);
    b_uleb(&abbrev, DW_TAG_type_unit);
    b_u8(&abbrev, 1);
    b_uleb(&abbrev, 0);
    b_uleb(&abbrev, 0);
    b_uleb(&abbrev, 0);

    cu_start = info.len;
    m = b_unit_begin(&info, version, DW_UT_compile, osz, asz, 0);
    b_uleb(&info, 1);
    b_uint(&info, so_base, osz);
    b_uint(&info, addr_base, osz);
    b_u8(&info, 1); /* strx1 1: "one" */
    die1 = info.len;
    b_uleb(&info, 2);
    /* The child lands at a fixed unit offset computed below; write refs to it. */
    size_t child_rel_pos[6];
    for (int i = 0; i < F_COUNT; i++) {
        switch (forms[i]) {
        case DW_FORM_string:
            b_str(&info, "inline");
            break;
        case DW_FORM_data1:
            b_u8(&info, 0xfe);
            break;
        case DW_FORM_data2:
            b_u16(&info, 0xfffe);
            break;
        case DW_FORM_data4:
            b_u32(&info, 0x80000000u);
            break;
        case DW_FORM_data8:
            b_u64(&info, 0x0123456789abcdefull);
            break;
        case DW_FORM_sdata:
            b_sleb(&info, -123456);
            break;
        case DW_FORM_udata:
            b_uleb(&info, 624485);
            break;
        case DW_FORM_implicit_const:
        case DW_FORM_flag_present:
            break;
        case DW_FORM_flag:
            b_u8(&info, 0);
            break;
        case DW_FORM_exprloc:
            b_uleb(&info, 2);
            b_u8(&info, DW_OP_fbreg);
            b_u8(&info, 0x6c);
            break;
        case DW_FORM_block1:
            b_u8(&info, 1);
            b_u8(&info, 0xaa);
            break;
        case DW_FORM_block2:
            b_u16(&info, 2);
            b_u16(&info, 0xbbbb);
            break;
        case DW_FORM_block4:
            b_u32(&info, 3);
            b_bytes(&info, "\xcc\xcc\xcc", 3);
            break;
        case DW_FORM_block:
            b_uleb(&info, 0);
            break;
        case DW_FORM_data16:
            for (int k = 0; k < 16; k++)
                b_u8(&info, (uint8_t)k);
            break;
        case DW_FORM_strp:
            b_uint(&info, 24, osz);
            break;
        case DW_FORM_line_strp:
            b_uint(&info, 0, osz);
            break;
        case DW_FORM_strx:
            b_uleb(&info, 0);
            break;
        case DW_FORM_strx1:
            b_u8(&info, 1);
            break;
        case DW_FORM_strx2:
            b_u16(&info, 2);
            break;
        case DW_FORM_strx3:
            b_uint(&info, 3, 3);
            break;
        case DW_FORM_strx4:
            b_u32(&info, 4);
            break;
        case DW_FORM_addr:
            b_uint(&info, 0xdead, asz);
            break;
        case DW_FORM_addrx:
            b_uleb(&info, 0);
            break;
        case DW_FORM_addrx1:
            b_u8(&info, 1);
            break;
        case DW_FORM_addrx2:
            b_u16(&info, 2);
            break;
        case DW_FORM_addrx3:
            b_uint(&info, 3, 3);
            break;
        case DW_FORM_addrx4:
            b_u32(&info, 4);
            break;
        case DW_FORM_ref1:
            child_rel_pos[0] = info.len;
            b_u8(&info, 0);
            break;
        case DW_FORM_ref2:
            child_rel_pos[1] = info.len;
            b_u16(&info, 0);
            break;
        case DW_FORM_ref4:
            child_rel_pos[2] = info.len;
            b_u32(&info, 0);
            break;
        case DW_FORM_ref8:
            child_rel_pos[3] = info.len;
            b_u64(&info, 0);
            break;
        case DW_FORM_ref_udata:
            child_rel_pos[4] = info.len;
            b_u16(&info, 0);
            break; /* 2-byte ULEB */
        case DW_FORM_ref_addr:
            child_rel_pos[5] = info.len;
            b_uint(&info, 0, version <= 2 ? asz : osz);
            break;
        case DW_FORM_ref_sig8:
            b_u64(&info, SIG);
            break;
        case DW_FORM_sec_offset:
            b_uint(&info, 0x42, osz);
            break;
        case DW_FORM_loclistx:
            b_uleb(&info, 3);
            break;
        case DW_FORM_rnglistx:
            b_uleb(&info, 300);
            break;
        case DW_FORM_indirect:
            b_uleb(&info, DW_FORM_data2);
            b_u16(&info, 0x1234);
            break;
        }
    }
    fx->child_off = info.len;
    b_uleb(&info, 3); /* the child */
    b_uleb(&info, 0); /* end of die1's children */
    b_uleb(&info, 0); /* end of the unit DIE's children */
    b_unit_end(&info, m);
    uint64_t rel = fx->child_off - cu_start;
    assert_true(rel < 256 && rel >= 128); /* ref1 fits; ref_udata takes two ULEB bytes */
    info.data[child_rel_pos[0]] = (uint8_t)rel;
    info.data[child_rel_pos[1]] = (uint8_t)rel;
    b_patch_u32(&info, child_rel_pos[2], (uint32_t)rel);
    b_patch_u64(&info, child_rel_pos[3], rel);
    info.data[child_rel_pos[4]] = (uint8_t)(0x80 | (rel & 0x7f));
    info.data[child_rel_pos[4] + 1] = (uint8_t)(rel >> 7);
    if (version <= 2 ? asz == 8 : osz == 8)
        b_patch_u64(&info, child_rel_pos[5], fx->child_off);
    else
        b_patch_u32(&info, child_rel_pos[5], (uint32_t)fx->child_off);
    (void)die1;

    /* A type unit (DWARF5 3.1.4) in .debug_info, or .debug_types for v4. */
    struct buf types = {0};
    struct buf *tu = version >= 5 ? &info : &types;
    if (version >= 4) {
        size_t start = tu->len;
        m = b_unit_begin(tu, version, DW_UT_type, osz, asz, 0);
        b_u64(tu, SIG);
        size_t toff_pos = tu->len;
        b_uint(tu, 0, osz);
        b_uleb(tu, 4);
        fx->type_die = tu->len;
        b_uleb(tu, 3);
        b_uleb(tu, 0);
        b_unit_end(tu, m);
        if (osz == 8)
            b_patch_u64(tu, toff_pos, fx->type_die - start);
        else
            b_patch_u32(tu, toff_pos, (uint32_t)(fx->type_die - start));
        if (version < 5)
            td_set(&fx->t, DWARF_SEC_TYPES, &types);
    }
    td_set(&fx->t, DWARF_SEC_INFO, &info);
    td_set(&fx->t, DWARF_SEC_ABBREV, &abbrev);
    td_set(&fx->t, DWARF_SEC_STR, &str);
    td_set(&fx->t, DWARF_SEC_LINE_STR, &line_str);
    td_set(&fx->t, DWARF_SEC_STR_OFFSETS, &stroff);
    td_set(&fx->t, DWARF_SEC_ADDR, &addr);
    td_finish(&fx->t);
}

static void get(const struct dwarf_die *die, int i, struct dwarf_attr *a)
{
    assert_int_equal(dwarf_die_attr(die, AT(i), a), 1);
    assert_int_equal(a->form, forms[i] == DW_FORM_indirect ? DW_FORM_data2 : forms[i]);
}

static void check_all_forms(struct fixture *fx)
{
    struct dwarf_unit u;
    struct dwarf_die cu, die, child;
    struct dwarf_attr a;
    uint64_t v, len;
    int64_t s;
    bool flag;
    const char *str;
    const uint8_t *blk;
    enum dwarf_section_id sec;

    assert_int_equal(dwarf_unit_at(&fx->t.dw, DWARF_SEC_INFO, 0, &u), 1);
    assert_int_equal(u.version, fx->version);
    assert_int_equal(u.offset_size, fx->offset_size);
    assert_int_equal(u.addr_size, fx->addr_size);
    assert_true(u.has_str_offsets_base && u.has_addr_base);
    assert_int_equal(dwarf_unit_die(&u, &cu), 1);
    assert_int_equal(cu.tag, DW_TAG_compile_unit);
    assert_int_equal(dwarf_die_attr(&cu, DW_AT_name, &a), 1);
    assert_int_equal(dwarf_attr_string(&a, &str), 0);
    assert_string_equal(str, "one");
    assert_int_equal(dwarf_die_first_child(&cu, &die), 1);
    assert_int_equal(die.tag, DW_TAG_variable);

    get(&die, F_STRING, &a);
    assert_int_equal(dwarf_attr_string(&a, &str), 0);
    assert_string_equal(str, "inline");
    get(&die, F_DATA1, &a);
    assert_int_equal(dwarf_attr_unsigned(&a, &v), 0);
    assert_int_equal(v, 0xfe);
    assert_int_equal(dwarf_attr_signed(&a, &s), 0);
    assert_int_equal(s, -2);
    get(&die, F_DATA2, &a);
    assert_int_equal(dwarf_attr_signed(&a, &s), 0);
    assert_int_equal(s, -2);
    get(&die, F_DATA4, &a);
    assert_int_equal(dwarf_attr_unsigned(&a, &v), 0);
    assert_int_equal(v, 0x80000000u);
    get(&die, F_DATA8, &a);
    assert_int_equal(dwarf_attr_unsigned(&a, &v), 0);
    assert_int_equal(v, 0x0123456789abcdefull);
    get(&die, F_SDATA, &a);
    assert_int_equal(dwarf_attr_signed(&a, &s), 0);
    assert_int_equal(s, -123456);
    assert_int_equal(dwarf_attr_unsigned(&a, &v), DWARF_E_CLASS);
    get(&die, F_UDATA, &a);
    assert_int_equal(dwarf_attr_unsigned(&a, &v), 0);
    assert_int_equal(v, 624485);
    get(&die, F_IMPLICIT, &a);
    assert_int_equal(dwarf_attr_signed(&a, &s), 0);
    assert_int_equal(s, -7);
    get(&die, F_FLAG_PRESENT, &a);
    assert_int_equal(dwarf_attr_flag(&a, &flag), 0);
    assert_true(flag);
    get(&die, F_FLAG, &a);
    assert_int_equal(dwarf_attr_flag(&a, &flag), 0);
    assert_false(flag);
    assert_int_equal(dwarf_attr_unsigned(&a, &v), DWARF_E_CLASS);
    get(&die, F_EXPRLOC, &a);
    assert_int_equal(dwarf_attr_block(&a, &blk, &len), 0);
    assert_int_equal(len, 2);
    assert_int_equal(blk[0], DW_OP_fbreg);
    get(&die, F_BLOCK1, &a);
    assert_int_equal(dwarf_attr_block(&a, &blk, &len), 0);
    assert_int_equal(len, 1);
    assert_int_equal(blk[0], 0xaa);
    get(&die, F_BLOCK2, &a);
    assert_int_equal(dwarf_attr_block(&a, &blk, &len), 0);
    assert_int_equal(len, 2);
    get(&die, F_BLOCK4, &a);
    assert_int_equal(dwarf_attr_block(&a, &blk, &len), 0);
    assert_int_equal(len, 3);
    assert_int_equal(blk[2], 0xcc);
    get(&die, F_BLOCK, &a);
    assert_int_equal(dwarf_attr_block(&a, &blk, &len), 0);
    assert_int_equal(len, 0);
    get(&die, F_DATA16, &a);
    assert_int_equal(dwarf_attr_block(&a, &blk, &len), 0);
    assert_int_equal(len, 16);
    assert_int_equal(blk[15], 15);
    assert_int_equal(dwarf_attr_unsigned(&a, &v), DWARF_E_CLASS);
    get(&die, F_STRP, &a);
    assert_int_equal(dwarf_attr_string(&a, &str), 0);
    assert_string_equal(str, "strp-string");
    get(&die, F_LINE_STRP, &a);
    assert_int_equal(dwarf_attr_string(&a, &str), 0);
    assert_string_equal(str, "/line/str");
    static const char *const want[] = {"zero", "one", "two", "three", "four"};
    for (int i = 0; i < 5; i++) {
        get(&die, F_STRX + i, &a);
        assert_int_equal(dwarf_attr_string(&a, &str), 0);
        assert_string_equal(str, want[i]);
        assert_int_equal(dwarf_attr_string_offset(&a, &sec, &v), 0);
        assert_int_equal(sec, DWARF_SEC_STR);
        assert_int_equal(v, str_at[i]);
    }
    get(&die, F_ADDR, &a);
    assert_int_equal(dwarf_attr_address(&a, &v), 0);
    assert_int_equal(v, 0xdead);
    for (int i = 0; i < 5; i++) {
        get(&die, F_ADDRX + i, &a);
        assert_int_equal(dwarf_attr_address(&a, &v), 0);
        assert_int_equal(v, 0x1000 + 0x10 * i);
    }
    for (int i = F_REF1; i <= F_REF_ADDR; i++) {
        get(&die, i, &a);
        assert_int_equal(dwarf_attr_ref(&a, &sec, &v), 0);
        assert_int_equal(sec, DWARF_SEC_INFO);
        assert_int_equal(v, fx->child_off);
        assert_int_equal(dwarf_die_at(&u, v, &child), 1);
        assert_int_equal(child.tag, DW_TAG_base_type);
    }
    get(&die, F_REF_SIG8, &a);
    assert_int_equal(a.value, SIG);
    if (fx->version >= 4) {
        assert_int_equal(dwarf_attr_ref(&a, &sec, &v), 0);
        assert_int_equal(sec, fx->version >= 5 ? DWARF_SEC_INFO : DWARF_SEC_TYPES);
        assert_int_equal(v, fx->type_die);
    } else {
        assert_int_equal(dwarf_attr_ref(&a, &sec, &v), DWARF_E_NOT_FOUND);
    }
    get(&die, F_SEC_OFFSET, &a);
    assert_int_equal(dwarf_attr_unsigned(&a, &v), 0);
    assert_int_equal(v, 0x42);
    get(&die, F_LOCLISTX, &a);
    assert_int_equal(a.value, 3);
    get(&die, F_RNGLISTX, &a);
    assert_int_equal(a.value, 300);
    get(&die, F_INDIRECT, &a);
    assert_true(a.indirect);
    assert_int_equal(a.value, 0x1234);
    assert_int_equal(dwarf_attr_address(&a, &v), DWARF_E_CLASS);
    assert_int_equal(dwarf_attr_string(&a, &str), DWARF_E_CLASS);
    assert_int_equal(dwarf_attr_ref(&a, &sec, &v), DWARF_E_CLASS);

    /* Navigation over the same unit, and the next unit (type unit or end). */
    assert_int_equal(dwarf_die_first_child(&die, &child), 1);
    assert_int_equal(child.offset, fx->child_off);
    assert_int_equal(dwarf_die_next_sibling(&child, &child), 0);
    assert_int_equal(dwarf_die_next_sibling(&die, &child), 0);
    struct dwarf_unit tu;
    int rc = dwarf_unit_at(&fx->t.dw, DWARF_SEC_INFO, u.end, &tu);
    assert_int_equal(rc, fx->version >= 5 ? 1 : 0);
    if (rc == 1) {
        assert_int_equal(tu.unit_type, DW_UT_type);
        assert_int_equal(tu.type_signature, SIG);
    }
}

static void forms_v5_32(void **state)
{
    struct fixture fx;
    (void)state;
    build(&fx, 5, 4, 8);
    check_all_forms(&fx);
    td_free(&fx.t);
}

static void forms_v5_64(void **state)
{
    struct fixture fx;
    (void)state;
    build(&fx, 5, 8, 8);
    check_all_forms(&fx);
    td_free(&fx.t);
}

static void forms_v4_32(void **state)
{
    struct fixture fx;
    (void)state;
    build(&fx, 4, 4, 8);
    check_all_forms(&fx);
    struct dwarf_unit tu;
    assert_int_equal(dwarf_unit_at(&fx.t.dw, DWARF_SEC_TYPES, 0, &tu), 1);
    assert_int_equal(tu.unit_type, DW_UT_type);
    assert_int_equal(tu.offset + tu.type_offset, fx.type_die);
    td_free(&fx.t);
}

static void forms_v2_ref_addr_is_address_sized(void **state)
{
    struct fixture fx;
    (void)state;
    build(&fx, 2, 4, 8); /* ref_addr takes 8 bytes here, not 4 */
    check_all_forms(&fx);
    td_free(&fx.t);
    build(&fx, 3, 4, 4);
    check_all_forms(&fx);
    td_free(&fx.t);
}

static void abbrev_index(void **state)
{
    struct fixture fx;
    struct count_alloc ca = {.fail_after = -1};
    struct dwarf_allocator alloc = count_allocator(&ca);
    struct dwarf_abbrev_index ix;
    struct dwarf_unit u;
    struct dwarf_die cu, die;
    (void)state;
    build(&fx, 5, 4, 8);
    assert_int_equal(dwarf_init(&fx.t.dw, fx.t.sec, &alloc), 0);
    assert_int_equal(dwarf_unit_at(&fx.t.dw, DWARF_SEC_INFO, 0, &u), 1);
    assert_int_equal(ca.allocs, 0); /* nothing allocated unless asked */
    assert_int_equal(dwarf_unit_index_abbrevs(&u, &ix), 0);
    assert_int_equal(ca.allocs, 1);
    assert_int_equal(ix.ncodes, 5);
    assert_int_equal(dwarf_unit_die(&u, &cu), 1);
    assert_int_equal(dwarf_die_first_child(&cu, &die), 1);
    assert_int_equal(die.tag, DW_TAG_variable);
    dwarf_abbrev_index_free(&fx.t.dw, &ix);
    assert_int_equal(ca.live_bytes, 0);
    assert_int_equal(ca.frees, 1);

    ca.fail_after = 1;
    u.abbrevs = NULL;
    assert_int_equal(dwarf_unit_index_abbrevs(&u, &ix), DWARF_E_NOMEM);
    assert_null(u.abbrevs);
    dwarf_init(&fx.t.dw, fx.t.sec, NULL);
    assert_int_equal(dwarf_unit_index_abbrevs(&u, &ix), DWARF_E_ARG);
    td_free(&fx.t);
}

static void str_offsets_out_of_range(void **state)
{
    struct fixture fx;
    struct dwarf_unit u;
    uint64_t v;
    (void)state;
    build(&fx, 5, 4, 8);
    assert_int_equal(dwarf_unit_at(&fx.t.dw, DWARF_SEC_INFO, 0, &u), 1);
    assert_int_equal(dwarf_str_offsets_entry(&u, 4, &v), 0);
    assert_int_equal(dwarf_str_offsets_entry(&u, 5, &v), DWARF_E_OFFSET);
    assert_int_equal(dwarf_str_offsets_entry(&u, UINT64_MAX / 2, &v), DWARF_E_OFFSET);
    assert_int_equal(dwarf_addr_entry(&u, 4, &v), 0);
    assert_int_equal(dwarf_addr_entry(&u, 5, &v), DWARF_E_OFFSET);
    u.addr_base = UINT64_MAX;
    assert_int_equal(dwarf_addr_entry(&u, 0, &v), DWARF_E_OFFSET);
    assert_int_equal(dwarf_type_unit_by_signature(&fx.t.dw, 42, &u), DWARF_E_NOT_FOUND);
    td_free(&fx.t);
}

int main(void)
{
    // clang-format off
    const struct CMUnitTest tests[] = {
        DWARF_TEST(form, forms_v5_32),
        DWARF_TEST(form, forms_v5_64),
        DWARF_TEST(form, forms_v4_32),
        DWARF_TEST(form, forms_v2_ref_addr_is_address_sized),
        DWARF_TEST(form, abbrev_index),
        DWARF_TEST(form, str_offsets_out_of_range),
    };
    // clang-format on
    return cmocka_run_group_tests(tests, NULL, NULL);
}

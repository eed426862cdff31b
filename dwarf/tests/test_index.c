/*
 * The name and address indexes (<dwarf/index.h>) on a hand-built unit
 * whose answers are worked out by hand: names from the walk and from a
 * hand-built .debug_names, unit ranges from the DIE and from complete and
 * incomplete .debug_aranges, the function chain through a lexical block
 * and an inlined call, rows (the last at an address wins, gaps between
 * sequences), file paths; allocator failure at every allocation; the sort;
 * and on this test's own binary, functions and lines of known code.
 */
#include "elf_sections.h"
#include "testutil.h"

#include "index/index_int.h"

#include <stdlib.h>
#include <string.h>

/* ---- the hand-built unit ------------------------------------------------ */

enum { AB_CU = 1, AB_SUB, AB_ABSTRACT, AB_INLINED, AB_BLOCK, AB_VAR, AB_DECL };

static void abbrevs(struct buf *b)
{
    b_uleb(b, AB_CU), b_uleb(b, DW_TAG_compile_unit), b_u8(b, 1);
    b_uleb(b, DW_AT_name), b_uleb(b, DW_FORM_string);
    b_uleb(b, DW_AT_comp_dir), b_uleb(b, DW_FORM_string);
    b_uleb(b, DW_AT_low_pc), b_uleb(b, DW_FORM_addr);
    b_uleb(b, DW_AT_high_pc), b_uleb(b, DW_FORM_data8);
    b_uleb(b, DW_AT_stmt_list), b_uleb(b, DW_FORM_sec_offset);
    b_u8(b, 0), b_u8(b, 0);
    b_uleb(b, AB_SUB), b_uleb(b, DW_TAG_subprogram), b_u8(b, 1);
    b_uleb(b, DW_AT_name), b_uleb(b, DW_FORM_string);
    b_uleb(b, DW_AT_low_pc), b_uleb(b, DW_FORM_addr);
    b_uleb(b, DW_AT_high_pc), b_uleb(b, DW_FORM_data8);
    b_u8(b, 0), b_u8(b, 0);
    b_uleb(b, AB_ABSTRACT), b_uleb(b, DW_TAG_subprogram), b_u8(b, 0);
    b_uleb(b, DW_AT_name), b_uleb(b, DW_FORM_string);
    b_uleb(b, DW_AT_inline), b_uleb(b, DW_FORM_data1);
    b_u8(b, 0), b_u8(b, 0);
    b_uleb(b, AB_INLINED), b_uleb(b, DW_TAG_inlined_subroutine), b_u8(b, 0);
    b_uleb(b, DW_AT_abstract_origin), b_uleb(b, DW_FORM_ref4);
    b_uleb(b, DW_AT_low_pc), b_uleb(b, DW_FORM_addr);
    b_uleb(b, DW_AT_high_pc), b_uleb(b, DW_FORM_data8);
    b_uleb(b, DW_AT_call_file), b_uleb(b, DW_FORM_data1);
    b_uleb(b, DW_AT_call_line), b_uleb(b, DW_FORM_data1);
    b_u8(b, 0), b_u8(b, 0);
    b_uleb(b, AB_BLOCK), b_uleb(b, DW_TAG_lexical_block), b_u8(b, 1);
    b_uleb(b, DW_AT_low_pc), b_uleb(b, DW_FORM_addr);
    b_uleb(b, DW_AT_high_pc), b_uleb(b, DW_FORM_data8);
    b_u8(b, 0), b_u8(b, 0);
    b_uleb(b, AB_VAR), b_uleb(b, DW_TAG_variable), b_u8(b, 0);
    b_uleb(b, DW_AT_name), b_uleb(b, DW_FORM_string);
    b_u8(b, 0), b_u8(b, 0);
    b_uleb(b, AB_DECL), b_uleb(b, DW_TAG_subprogram), b_u8(b, 0);
    b_uleb(b, DW_AT_name), b_uleb(b, DW_FORM_string);
    b_uleb(b, DW_AT_declaration), b_uleb(b, DW_FORM_flag_present);
    b_u8(b, 0), b_u8(b, 0);
    b_u8(b, 0);
}

/* DIE offsets the tests look for. */
struct offsets {
    uint64_t abstract, outer, inlined, second, gvar;
};

/*
 * CU [0x1000, 0x3000)
 *   inl      abstract instance
 *   outer    [0x1000, 0x1080)
 *     block  [0x1010, 0x1040)
 *       inl  inlined [0x1020, 0x1030), called from file 1 line 42
 *   second   [0x1080, 0x1100)
 *   gvar     variable
 *   decl     declaration only
 */
static void info(struct buf *b, struct offsets *o)
{
    struct unit_mark m = b_unit_begin(b, 5, DW_UT_compile, 4, 8, 0);
    uint64_t unit = m.start;
    b_uleb(b, AB_CU), b_str(b, "a.c"), b_str(b, "/cd"), b_u64(b, 0x1000), b_u64(b, 0x2000);
    b_u32(b, 0);
    o->abstract = b->len;
    b_uleb(b, AB_ABSTRACT), b_str(b, "inl"), b_u8(b, DW_INL_inlined);
    o->outer = b->len;
    b_uleb(b, AB_SUB), b_str(b, "outer"), b_u64(b, 0x1000), b_u64(b, 0x80);
    b_uleb(b, AB_BLOCK), b_u64(b, 0x1010), b_u64(b, 0x30);
    o->inlined = b->len;
    b_uleb(b, AB_INLINED), b_u32(b, (uint32_t)(o->abstract - unit)), b_u64(b, 0x1020);
    b_u64(b, 0x10), b_u8(b, 1), b_u8(b, 42);
    b_u8(b, 0); /* block */
    b_u8(b, 0); /* outer */
    o->second = b->len;
    b_uleb(b, AB_SUB), b_str(b, "second"), b_u64(b, 0x1080), b_u64(b, 0x80);
    b_u8(b, 0);
    o->gvar = b->len;
    b_uleb(b, AB_VAR), b_str(b, "gvar");
    b_uleb(b, AB_DECL), b_str(b, "decl");
    b_u8(b, 0);
    b_unit_end(b, m);
}

static void line_advance(struct buf *b, uint64_t pc, int64_t line)
{
    if (pc)
        b_u8(b, DW_LNS_advance_pc), b_uleb(b, pc);
    if (line)
        b_u8(b, DW_LNS_advance_line), b_sleb(b, line);
}

static void set_address(struct buf *b, uint64_t addr)
{
    b_u8(b, 0), b_uleb(b, 9), b_u8(b, DW_LNE_set_address), b_u64(b, addr);
}

/*
 * A v4 program: 0x1000 a.c:10, 0x1010 :12 then :13 (the last wins), 0x1020
 * inc/b.h:5, 0x1030 a.c:14 (discriminator 3), end 0x1100; then 0x2000 :50,
 * end 0x2010.
 */
static void line(struct buf *b)
{
    static const uint8_t lengths[12] = {0, 1, 1, 1, 1, 0, 0, 0, 1, 0, 0, 1};
    size_t start = b->len, hdr;
    b_u32(b, 0);
    b_u16(b, 4);
    hdr = b->len;
    b_u32(b, 0);
    b_u8(b, 1), b_u8(b, 1), b_u8(b, 1), b_u8(b, (uint8_t)-5), b_u8(b, 14), b_u8(b, 13);
    b_bytes(b, lengths, sizeof lengths);
    b_str(b, "inc"), b_u8(b, 0);
    b_str(b, "a.c"), b_uleb(b, 0), b_uleb(b, 0), b_uleb(b, 0);
    b_str(b, "b.h"), b_uleb(b, 1), b_uleb(b, 0), b_uleb(b, 0);
    b_u8(b, 0);
    b_patch_u32(b, hdr, (uint32_t)(b->len - hdr - 4));
    set_address(b, 0x1000);
    line_advance(b, 0, 9), b_u8(b, DW_LNS_copy);
    line_advance(b, 0x10, 2), b_u8(b, DW_LNS_copy);
    line_advance(b, 0, 1), b_u8(b, DW_LNS_copy);
    line_advance(b, 0x10, -8), b_u8(b, DW_LNS_set_file), b_uleb(b, 2), b_u8(b, DW_LNS_copy);
    line_advance(b, 0x10, 9), b_u8(b, DW_LNS_set_file), b_uleb(b, 1);
    b_u8(b, 0), b_uleb(b, 2), b_u8(b, DW_LNE_set_discriminator), b_uleb(b, 3);
    b_u8(b, DW_LNS_copy);
    line_advance(b, 0xd0, 0), b_u8(b, 0), b_uleb(b, 1), b_u8(b, DW_LNE_end_sequence);
    set_address(b, 0x2000);
    line_advance(b, 0, 49), b_u8(b, DW_LNS_copy);
    line_advance(b, 0x10, 0), b_u8(b, 0), b_uleb(b, 1), b_u8(b, DW_LNE_end_sequence);
    b_patch_u32(b, start, (uint32_t)(b->len - start - 4));
}

/* One aranges set for the unit at info_offset covering [0x1000, 0x2000). */
static void aranges(struct buf *b, uint32_t info_offset)
{
    b_u32(b, 2 + 4 + 1 + 1 + 4 + 16 * 2);
    b_u16(b, 2), b_u32(b, info_offset), b_u8(b, 8), b_u8(b, 0);
    b_u32(b, 0); /* pad the tuples to 16 bytes */
    b_u64(b, 0x1000), b_u64(b, 0x1000);
    b_u64(b, 0), b_u64(b, 0);
}

struct fixture {
    struct test_dwarf t;
    struct offsets o;
    struct count_alloc ca;
    struct dwarf_allocator alloc;
};

static void setup(struct fixture *f, int aranges_unit)
{
    struct buf b = {0};
    memset(f, 0, sizeof *f);
    td_init(&f->t);
    abbrevs(&b);
    td_set(&f->t, DWARF_SEC_ABBREV, &b);
    b.len = 0;
    info(&b, &f->o);
    td_set(&f->t, DWARF_SEC_INFO, &b);
    b.len = 0;
    line(&b);
    td_set(&f->t, DWARF_SEC_LINE, &b);
    if (aranges_unit >= 0) {
        b.len = 0;
        aranges(&b, (uint32_t)aranges_unit);
        td_set(&f->t, DWARF_SEC_ARANGES, &b);
    }
    td_finish(&f->t);
    f->ca.fail_after = -1;
    f->alloc = count_allocator(&f->ca);
    assert_int_equal(dwarf_init(&f->t.dw, f->t.sec, &f->alloc), 0);
}

/* ---- names -------------------------------------------------------------- */

static void names_from_walk(void **state)
{
    struct fixture f;
    struct dwarf_name_index ix;
    size_t first;
    (void)state;

    setup(&f, -1);
    assert_int_equal(dwarf_name_index_build(&f.t.dw, &ix), 0);
    assert_false(ix.from_debug_names);
    /* Sorted; the declaration is left out, the abstract instance is in. */
    assert_int_equal(ix.count, 4);
    assert_string_equal(ix.entries[0].name, "gvar");
    assert_string_equal(ix.entries[1].name, "inl");
    assert_string_equal(ix.entries[2].name, "outer");
    assert_string_equal(ix.entries[3].name, "second");
    assert_int_equal(dwarf_name_index_find(&ix, "outer", &first), 1);
    assert_int_equal(ix.entries[first].die_offset, f.o.outer);
    assert_int_equal(ix.entries[first].tag, DW_TAG_subprogram);
    assert_int_equal(ix.entries[first].unit_offset, 0);
    assert_int_equal(dwarf_name_index_find(&ix, "gvar", &first), 1);
    assert_int_equal(ix.entries[first].tag, DW_TAG_variable);
    assert_int_equal(ix.entries[first].die_offset, f.o.gvar);
    assert_int_equal(dwarf_name_index_find(&ix, "decl", &first), 0);
    assert_int_equal(dwarf_name_index_find(&ix, "a", &first), 0);
    assert_int_equal(dwarf_name_index_find(&ix, "zzz", &first), 0);
    assert_int_equal(first, 4);
    dwarf_name_index_free(&ix);
    assert_int_equal(f.ca.live_bytes, 0);
    td_free(&f.t);
}

/* DWARF5 6.1.1.4: one name index, one unit, no hash table; names in .debug_str. */
static void debug_names(struct buf *b, const struct offsets *o, uint32_t name_count)
{
    size_t start = b->len, abbrev_size_at, abbrev_start, pool;
    size_t entry_offsets;
    b_u32(b, 0);
    b_u16(b, 5), b_u16(b, 0);
    b_u32(b, 1), b_u32(b, 0), b_u32(b, 0), b_u32(b, 0), b_u32(b, name_count);
    abbrev_size_at = b->len;
    b_u32(b, 0);
    b_u32(b, 4), b_bytes(b, "TEST", 4);
    b_u32(b, 0);                            /* CU 0 at .debug_info offset 0 */
    b_u32(b, 0), b_u32(b, 6), b_u32(b, 11); /* "outer", "gvar", "node" */
    entry_offsets = b->len;
    b_u32(b, 0), b_u32(b, 0), b_u32(b, 0);
    abbrev_start = b->len;
    b_uleb(b, 1), b_uleb(b, DW_TAG_subprogram), b_uleb(b, 3), b_uleb(b, DW_FORM_ref4);
    b_u8(b, 0), b_u8(b, 0);
    b_uleb(b, 2), b_uleb(b, DW_TAG_variable), b_uleb(b, 1), b_uleb(b, DW_FORM_data1);
    b_uleb(b, 3), b_uleb(b, DW_FORM_udata), b_u8(b, 0), b_u8(b, 0);
    b_uleb(b, 3), b_uleb(b, DW_TAG_structure_type), b_uleb(b, 3), b_uleb(b, DW_FORM_ref4);
    b_u8(b, 0), b_u8(b, 0);
    b_u8(b, 0);
    b_patch_u32(b, abbrev_size_at, (uint32_t)(b->len - abbrev_start));
    pool = b->len;
    b_patch_u32(b, entry_offsets, 0);
    b_uleb(b, 1), b_u32(b, (uint32_t)o->outer), b_u8(b, 0);
    b_patch_u32(b, entry_offsets + 4, (uint32_t)(b->len - pool));
    b_uleb(b, 2), b_u8(b, 0), b_uleb(b, o->gvar), b_u8(b, 0);
    b_patch_u32(b, entry_offsets + 8, (uint32_t)(b->len - pool));
    b_uleb(b, 3), b_u32(b, 0x40), b_u8(b, 0);
    b_patch_u32(b, start, (uint32_t)(b->len - start - 4));
}

static void names_from_debug_names(void **state)
{
    struct fixture f;
    struct dwarf_name_index ix;
    struct buf b = {0}, str = {0};
    size_t first;
    (void)state;

    setup(&f, -1);
    b_str(&str, "outer"), b_str(&str, "gvar"), b_str(&str, "node");
    td_set(&f.t, DWARF_SEC_STR, &str);
    debug_names(&b, &f.o, 3);
    td_set(&f.t, DWARF_SEC_NAMES, &b);
    assert_int_equal(dwarf_init(&f.t.dw, f.t.sec, &f.alloc), 0);
    assert_int_equal(dwarf_name_index_build(&f.t.dw, &ix), 0);
    assert_true(ix.from_debug_names);
    assert_int_equal(ix.count, 2); /* the structure type is not a function or variable */
    assert_int_equal(dwarf_name_index_find(&ix, "outer", &first), 1);
    assert_int_equal(ix.entries[first].die_offset, f.o.outer);
    assert_int_equal(dwarf_name_index_find(&ix, "gvar", &first), 1);
    assert_int_equal(ix.entries[first].die_offset, f.o.gvar);
    assert_int_equal(ix.entries[first].tag, DW_TAG_variable);
    dwarf_name_index_free(&ix);

    /* Every truncation is an error code, never a read past the section. */
    for (size_t n = 1; n < b.len; n++) {
        struct buf cut = b;
        cut.len = n;
        td_set(&f.t, DWARF_SEC_NAMES, &cut);
        assert_int_equal(dwarf_init(&f.t.dw, f.t.sec, &f.alloc), 0);
        int rc = dwarf_name_index_build(&f.t.dw, &ix);
        assert_true(rc < 0 && rc >= DWARF_E_LAST);
        assert_null(ix.entries);
    }
    /* A DIE offset past .debug_info. */
    b.len = 0;
    struct offsets far = f.o;
    far.outer = 0x7fffffff;
    debug_names(&b, &far, 3);
    td_set(&f.t, DWARF_SEC_NAMES, &b);
    assert_int_equal(dwarf_init(&f.t.dw, f.t.sec, &f.alloc), 0);
    assert_int_equal(dwarf_name_index_build(&f.t.dw, &ix), DWARF_E_OFFSET);
    assert_int_equal(f.ca.live_bytes, 0);
    td_free(&f.t);
}

/* ---- addresses ---------------------------------------------------------- */

static void check_addresses(struct fixture *f)
{
    struct dwarf_addr_index ix;
    struct dwarf_func chain[4];
    struct dwarf_addr_line l;
    uint64_t unit;
    char path[64];

    assert_int_equal(dwarf_addr_index_build(&f->t.dw, &ix), 0);
    assert_int_equal(dwarf_addr_unit(&ix, 0x1000, &unit), 1);
    assert_int_equal(unit, 0);
    assert_int_equal(dwarf_addr_unit(&ix, 0x2fff, &unit), 1);
    assert_int_equal(dwarf_addr_unit(&ix, 0x3000, &unit), 0);
    assert_int_equal(dwarf_addr_unit(&ix, 0xfff, &unit), 0);

    /* Inside the inlined call, inside the block: inl (called at line 42), then outer. */
    assert_int_equal(dwarf_addr_functions(&ix, 0x1025, chain, 4), 2);
    assert_string_equal(chain[0].name, "inl");
    assert_int_equal(chain[0].tag, DW_TAG_inlined_subroutine);
    assert_int_equal(chain[0].die_offset, f->o.inlined);
    assert_int_equal(chain[0].depth, 1);
    assert_int_equal(chain[0].call_file, 1);
    assert_int_equal(chain[0].call_line, 42);
    assert_int_equal(chain[0].low, 0x1020);
    assert_int_equal(chain[0].high, 0x1030);
    assert_string_equal(chain[1].name, "outer");
    assert_int_equal(chain[1].depth, 0);
    /* Only max entries are filled; the count is of all. */
    assert_int_equal(dwarf_addr_functions(&ix, 0x1025, chain, 1), 2);
    assert_string_equal(chain[0].name, "inl");
    assert_int_equal(dwarf_addr_functions(&ix, 0x1030, chain, 4), 1);
    assert_string_equal(chain[0].name, "outer");
    assert_int_equal(dwarf_addr_functions(&ix, 0x1080, chain, 4), 1);
    assert_string_equal(chain[0].name, "second");
    assert_int_equal(dwarf_addr_functions(&ix, 0x1100, chain, 4), 0);
    assert_int_equal(dwarf_addr_functions(&ix, 0x5000, chain, 4), 0);

    assert_int_equal(dwarf_addr_line(&ix, 0x1000, &l), 1);
    assert_int_equal(l.line, 10);
    assert_int_equal(l.file, 1);
    assert_int_equal(l.address, 0x1000);
    assert_string_equal(l.comp_dir, "/cd");
    assert_int_equal(dwarf_addr_line(&ix, 0x100f, &l), 1);
    assert_int_equal(l.line, 10);
    assert_int_equal(dwarf_addr_line(&ix, 0x1010, &l), 1);
    assert_int_equal(l.line, 13); /* the last row at 0x1010 */
    assert_int_equal(dwarf_addr_line(&ix, 0x1025, &l), 1);
    assert_int_equal(l.line, 5);
    assert_int_equal(l.file, 2);
    assert_int_equal(dwarf_line_file_path(l.header, l.file, l.comp_dir, path, sizeof path), 0);
    assert_string_equal(path, "/cd/inc/b.h");
    assert_int_equal(dwarf_line_file_path(l.header, 1, l.comp_dir, path, sizeof path), 0);
    assert_string_equal(path, "/cd/a.c");
    assert_int_equal(dwarf_line_file_path(l.header, 1, NULL, path, sizeof path), 0);
    assert_string_equal(path, "a.c");
    assert_int_equal(dwarf_line_file_path(l.header, 2, "/cd", path, 6), DWARF_E_LIMIT);
    assert_string_equal(path, "/cd/i");
    assert_int_equal(dwarf_line_file_path(l.header, 9, "/cd", path, sizeof path),
                     DWARF_E_NOT_FOUND);
    assert_int_equal(dwarf_addr_line(&ix, 0x10ff, &l), 1);
    assert_int_equal(l.line, 14);
    assert_int_equal(l.discriminator, 3);
    assert_int_equal(dwarf_addr_line(&ix, 0x1100, &l), 0); /* between the sequences */
    assert_int_equal(dwarf_addr_line(&ix, 0x1fff, &l), 0);
    assert_int_equal(dwarf_addr_line(&ix, 0x2008, &l), 1);
    assert_int_equal(l.line, 50);
    assert_int_equal(dwarf_addr_line(&ix, 0x2010, &l), 0);
    assert_int_equal(dwarf_addr_line(&ix, 0x3000, &l), 0); /* no unit */
    dwarf_addr_index_free(&ix);
    assert_int_equal(f->ca.live_bytes, 0);
}

static void addresses_from_dies(void **state)
{
    struct fixture f;
    struct dwarf_addr_index ix;
    (void)state;
    setup(&f, -1);
    check_addresses(&f);
    assert_int_equal(dwarf_addr_index_build(&f.t.dw, &ix), 0);
    assert_false(ix.from_aranges);
    dwarf_addr_index_free(&ix);
    td_free(&f.t);
}

static void addresses_from_aranges(void **state)
{
    struct fixture f;
    struct dwarf_addr_index ix;
    uint64_t unit;
    (void)state;

    /* Complete: the set, [0x1000, 0x2000), is used rather than the DIE's range. */
    setup(&f, 0);
    assert_int_equal(dwarf_addr_index_build(&f.t.dw, &ix), 0);
    assert_true(ix.from_aranges);
    assert_int_equal(dwarf_addr_unit(&ix, 0x1fff, &unit), 1);
    assert_int_equal(dwarf_addr_unit(&ix, 0x2008, &unit), 0);
    dwarf_addr_index_free(&ix);
    td_free(&f.t);

    /* A set for no unit: the unit with code has none, so the DIEs are read. */
    setup(&f, 0x40);
    assert_int_equal(dwarf_addr_index_build(&f.t.dw, &ix), 0);
    assert_false(ix.from_aranges);
    dwarf_addr_index_free(&ix);
    check_addresses(&f);
    td_free(&f.t);
}

static void allocator_failure(void **state)
{
    struct fixture f;
    (void)state;

    setup(&f, -1);
    for (int fail = 0; fail < 40; fail++) {
        struct dwarf_addr_index ix;
        struct dwarf_name_index nx;
        struct dwarf_func chain[4];
        struct dwarf_addr_line l;
        int rc;
        f.ca.fail_after = (int)f.ca.allocs + fail;
        rc = dwarf_addr_index_build(&f.t.dw, &ix);
        if (rc == 0) {
            rc = dwarf_addr_functions(&ix, 0x1025, chain, 4);
            assert_true(rc == 2 || rc == DWARF_E_NOMEM);
            rc = dwarf_addr_line(&ix, 0x1025, &l);
            assert_true(rc == 1 || rc == DWARF_E_NOMEM);
            dwarf_addr_index_free(&ix);
        } else {
            assert_int_equal(rc, DWARF_E_NOMEM);
        }
        rc = dwarf_name_index_build(&f.t.dw, &nx);
        assert_true(rc == 0 || rc == DWARF_E_NOMEM);
        dwarf_name_index_free(&nx);
        assert_int_equal(f.ca.live_bytes, 0);
    }
    /* Without an allocator nothing is built. */
    struct dwarf_addr_index ix;
    assert_int_equal(dwarf_init(&f.t.dw, f.t.sec, NULL), 0);
    assert_int_equal(dwarf_addr_index_build(&f.t.dw, &ix), DWARF_E_ARG);
    td_free(&f.t);
}

/* ---- the sort and this binary ------------------------------------------- */

static int cmp_u32(const void *a, const void *b)
{
    uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;
    return x < y ? -1 : x > y;
}

static void sort_matches_qsort(void **state)
{
    static uint32_t a[5000], b[5000];
    (void)state;
    srand(9);
    for (size_t n = 0; n < 5000; n = n * 3 + 1) {
        for (size_t i = 0; i < n; i++)
            a[i] = b[i] = (uint32_t)rand() % (n / 2 + 1);
        dwarf_sort(a, n, sizeof a[0], cmp_u32);
        qsort(b, n, sizeof b[0], cmp_u32);
        assert_memory_equal(a, b, n * sizeof a[0]);
    }
}

/* On one line, so that every row of the function has that line. */
// clang-format off
enum { MARKER_LINE = __LINE__ + 1 };
__attribute__((noinline)) int index_marker(int x) { return x * 3 + 1; }
// clang-format on

/* This binary: the marker's name, range and line, through both indexes. */
static void self_binary(void **state)
{
    struct dwarf_section sec[DWARF_SEC_COUNT];
    struct count_alloc ca = {.fail_after = -1};
    struct dwarf_allocator alloc = count_allocator(&ca);
    struct dwarf dw;
    struct dwarf_name_index nx;
    struct dwarf_addr_index ax;
    struct dwarf_func chain[8];
    struct dwarf_addr_line l;
    const struct dwarf_func *funcs;
    size_t first, n, nf;
    uint64_t low = 0, high = 0;
    char path[4096];
    (void)state;

    assert_int_equal(index_marker(1), 4);
    assert_int_equal(elf_sections_load("/proc/self/exe", sec), 0);
    assert_int_equal(dwarf_init(&dw, sec, &alloc), 0);
    assert_int_equal(dwarf_name_index_build(&dw, &nx), 0);
    assert_true(nx.count > 300);
    n = dwarf_name_index_find(&nx, "index_marker", &first);
    assert_int_equal(n, 1);
    assert_int_equal(dwarf_addr_index_build(&dw, &ax), 0);
    assert_int_equal(dwarf_addr_unit_functions(&ax, nx.entries[first].unit_offset, &funcs, &nf), 0);
    for (size_t i = 0; i < nf; i++) {
        if (funcs[i].die_offset == nx.entries[first].die_offset) {
            low = funcs[i].low;
            high = funcs[i].high;
        }
    }
    assert_true(low && high > low);
    for (uint64_t pc = low; pc < high; pc++) {
        assert_int_equal(dwarf_addr_functions(&ax, pc, chain, 8), 1);
        assert_string_equal(chain[0].name, "index_marker");
    }
    assert_int_equal(dwarf_addr_line(&ax, low, &l), 1);
    assert_int_equal(l.line, MARKER_LINE);
    assert_int_equal(dwarf_line_file_path(l.header, l.file, l.comp_dir, path, sizeof path), 0);
    assert_non_null(strstr(path, "dwarf/tests/test_index.c"));
    /* Every name of a function with code resolves back to itself at its low address. */
    size_t checked = 0;
    for (size_t i = 0; i < nx.count && checked < 400; i++) {
        const struct dwarf_name_entry *e = &nx.entries[i];
        if (e->tag != DW_TAG_subprogram ||
            dwarf_addr_unit_functions(&ax, e->unit_offset, &funcs, &nf) != 0)
            continue;
        for (size_t k = 0; k < nf; k++) {
            if (funcs[k].die_offset != e->die_offset || funcs[k].depth != 0)
                continue;
            int c = dwarf_addr_functions(&ax, funcs[k].low, chain, 8);
            assert_true(c >= 1);
            assert_string_equal(chain[c - 1].name, e->name);
            checked++;
        }
    }
    assert_true(checked >= 100);
    dwarf_addr_index_free(&ax);
    dwarf_name_index_free(&nx);
    assert_int_equal(ca.live_bytes, 0);
    elf_sections_free(sec);
}

int main(void)
{
    // clang-format off
    const struct CMUnitTest tests[] = {
        DWARF_TEST(index, names_from_walk),
        DWARF_TEST(index, names_from_debug_names),
        DWARF_TEST(index, addresses_from_dies),
        DWARF_TEST(index, addresses_from_aranges),
        DWARF_TEST(index, allocator_failure),
        DWARF_TEST(index, sort_matches_qsort),
        DWARF_TEST(index, self_binary),
    };
    // clang-format on
    return cmocka_run_group_tests(tests, NULL, NULL);
}

/*
 * Line-number programs (DWARF5 6.2) built by hand: headers of versions 2,
 * 4 and 5, every standard, extended and special opcode with the exact rows
 * they must produce, VLIW op_index arithmetic, unknown opcodes skipped by
 * their declared lengths, and the errors for malformed programs.
 */
#include "testutil.h"

#include <string.h>

struct prog {
    struct buf b;
    size_t len_at, hdr_len_at, hdr_start;
    unsigned version;
};

/* Header up to and including standard_opcode_lengths. */
static void hdr_begin(struct prog *p, unsigned version, uint8_t min_inst, uint8_t max_ops,
                      int8_t line_base, uint8_t line_range, uint8_t opcode_base,
                      const uint8_t *std_lengths)
{
    memset(p, 0, sizeof *p);
    p->version = version;
    p->len_at = p->b.len;
    b_u32(&p->b, 0);
    b_u16(&p->b, (uint16_t)version);
    if (version >= 5) {
        b_u8(&p->b, 8);
        b_u8(&p->b, 0);
    }
    p->hdr_len_at = p->b.len;
    b_u32(&p->b, 0);
    p->hdr_start = p->b.len;
    b_u8(&p->b, min_inst);
    if (version >= 4)
        b_u8(&p->b, max_ops);
    b_u8(&p->b, 1); /* default_is_stmt */
    b_u8(&p->b, (uint8_t)line_base);
    b_u8(&p->b, line_range);
    b_u8(&p->b, opcode_base);
    for (unsigned i = 0; i + 1 < opcode_base; i++)
        b_u8(&p->b, std_lengths[i]);
}

static const uint8_t std_lengths[] = {0, 1, 1, 1, 1, 0, 0, 0, 1, 0, 0, 1, 2};

/* v2-4 tables: directories then files (name, dir, mtime, size). */
static void tables_v4(struct prog *p)
{
    b_str(&p->b, "/usr/include");
    b_str(&p->b, "lib");
    b_u8(&p->b, 0);
    b_str(&p->b, "main.c");
    b_uleb(&p->b, 0);
    b_uleb(&p->b, 0);
    b_uleb(&p->b, 0);
    b_str(&p->b, "stdio.h");
    b_uleb(&p->b, 1);
    b_uleb(&p->b, 0x1234);
    b_uleb(&p->b, 999);
    b_u8(&p->b, 0);
}

static void hdr_end(struct prog *p)
{
    b_patch_u32(&p->b, p->hdr_len_at, (uint32_t)(p->b.len - p->hdr_start));
}

static void prog_end(struct prog *p)
{
    b_patch_u32(&p->b, p->len_at, (uint32_t)(p->b.len - 4));
}

static void ext(struct buf *b, uint8_t sub, const uint8_t *args, size_t n)
{
    b_u8(b, 0);
    b_uleb(b, n + 1);
    b_u8(b, sub);
    b_bytes(b, args, n);
}

static void set_address(struct buf *b, uint64_t addr)
{
    uint8_t a[8];
    for (int i = 0; i < 8; i++)
        a[i] = (uint8_t)(addr >> (8 * i));
    ext(b, DW_LNE_set_address, a, 8);
}

struct run {
    struct test_dwarf t;
    struct dwarf_line_header h;
    struct dwarf_line_row rows[32];
    int nrows;
    int rc; /* header rc, or the iterator's final rc */
};

static void run_prog(struct run *r, const struct buf *line, const struct buf *line_str)
{
    struct dwarf_line_iter it;
    memset(r, 0, sizeof *r);
    td_init(&r->t);
    td_set(&r->t, DWARF_SEC_LINE, line);
    if (line_str)
        td_set(&r->t, DWARF_SEC_LINE_STR, line_str);
    td_finish(&r->t);
    r->rc = dwarf_line_header_at(&r->t.dw, 0, 8, &r->h);
    if (r->rc)
        return;
    dwarf_line_iter_init(&r->h, &it);
    while ((r->rc = dwarf_line_next(&it, &r->rows[r->nrows])) > 0)
        assert_true(++r->nrows < 32);
}

#define ROW(r_, addr_, file_, line_, col_)                                                         \
    do {                                                                                           \
        assert_int_equal((r_)->address, addr_);                                                    \
        assert_int_equal((r_)->file, file_);                                                       \
        assert_int_equal((r_)->line, line_);                                                       \
        assert_int_equal((r_)->column, col_);                                                      \
    } while (0)

static void opcodes_v4(void **state)
{
    struct prog p;
    struct run r;
    struct dwarf_line_file f;
    (void)state;
    hdr_begin(&p, 4, 1, 1, -5, 14, 13, std_lengths);
    tables_v4(&p);
    hdr_end(&p);
    struct buf *b = &p.b;
    set_address(b, 0x1000);
    b_u8(b, DW_LNS_set_column);
    b_uleb(b, 5);
    b_u8(b, DW_LNS_set_prologue_end);
    b_u8(b, DW_LNS_copy);            /* row 0 */
    b_u8(b, 13 + (3 - -5) + 14 * 2); /* special: +2 addr, +3 line; row 1 */
    uint8_t d = 7;
    ext(b, DW_LNE_set_discriminator, &d, 1);
    b_u8(b, DW_LNS_negate_stmt);
    b_u8(b, DW_LNS_set_basic_block);
    b_u8(b, DW_LNS_set_epilogue_begin);
    b_u8(b, DW_LNS_set_isa);
    b_uleb(b, 3);
    b_u8(b, DW_LNS_advance_pc);
    b_uleb(b, 0x10);
    b_u8(b, DW_LNS_advance_line);
    b_sleb(b, -2);
    b_u8(b, DW_LNS_set_file);
    b_uleb(b, 2);
    b_u8(b, DW_LNS_copy);         /* row 2 */
    b_u8(b, DW_LNS_const_add_pc); /* +17 */
    b_u8(b, DW_LNS_fixed_advance_pc);
    b_u16(b, 0x100);
    ext(b, 0x80, (const uint8_t *)"xyz", 3); /* vendor opcode: skipped */
    ext(b, DW_LNE_define_file, (const uint8_t *)"n.c\0\0\0\0", 7);
    b_u8(b, DW_LNS_copy); /* row 3 */
    b_u8(b, DW_LNS_advance_pc);
    b_uleb(b, 1);
    ext(b, DW_LNE_end_sequence, NULL, 0); /* row 4 */
    b_u8(b, DW_LNS_copy);                 /* row 5: registers reset */
    prog_end(&p);
    run_prog(&r, b, NULL);
    assert_int_equal(r.rc, 0);
    assert_int_equal(r.nrows, 6);
    ROW(&r.rows[0], 0x1000, 1, 1, 5);
    assert_true(r.rows[0].is_stmt && r.rows[0].prologue_end);
    ROW(&r.rows[1], 0x1002, 1, 4, 5);
    assert_false(r.rows[1].prologue_end);
    ROW(&r.rows[2], 0x1012, 2, 2, 5);
    assert_false(r.rows[2].is_stmt);
    assert_true(r.rows[2].basic_block && r.rows[2].epilogue_begin);
    assert_int_equal(r.rows[2].isa, 3);
    assert_int_equal(r.rows[2].discriminator, 7);
    ROW(&r.rows[3], 0x1012 + 17 + 0x100, 2, 2, 5);
    assert_false(r.rows[3].basic_block || r.rows[3].epilogue_begin);
    assert_int_equal(r.rows[3].discriminator, 0);
    assert_int_equal(r.rows[3].isa, 3);
    ROW(&r.rows[4], 0x1012 + 17 + 0x100 + 1, 2, 2, 5);
    assert_true(r.rows[4].end_sequence);
    ROW(&r.rows[5], 0, 1, 1, 0);
    assert_true(r.rows[5].is_stmt);
    assert_false(r.rows[5].end_sequence);
    assert_int_equal(r.rows[5].isa, 0);

    /* The header and its tables. */
    assert_int_equal(r.h.version, 4);
    assert_int_equal(r.h.line_base, -5);
    assert_int_equal(r.h.dir_count, 2);
    assert_int_equal(r.h.file_count, 2);
    assert_int_equal(dwarf_line_dir(&r.h, 1, &f), 0);
    assert_string_equal(f.path, "lib");
    assert_int_equal(dwarf_line_file_by_index(&r.h, 2, &f), 0);
    assert_string_equal(f.path, "stdio.h");
    assert_int_equal(f.dir_index, 1);
    assert_int_equal(f.mtime, 0x1234);
    assert_int_equal(f.size, 999);
    assert_int_equal(dwarf_line_file_by_index(&r.h, 0, &f), DWARF_E_NOT_FOUND);
    assert_int_equal(dwarf_line_file_by_index(&r.h, 3, &f), DWARF_E_NOT_FOUND);
    td_free(&r.t);
}

static void unknown_standard_opcode_skipped(void **state)
{
    struct prog p;
    struct run r;
    (void)state;
    /* opcode_base 14: opcode 13 is a standard opcode with two ULEB operands. */
    hdr_begin(&p, 3, 1, 1, -5, 14, 14, std_lengths);
    tables_v4(&p);
    hdr_end(&p);
    b_u8(&p.b, 13);
    b_uleb(&p.b, 300);
    b_uleb(&p.b, 5);
    b_u8(&p.b, 14);          /* first special opcode: adjusted 0 -> line -5 + 0 ... */
    b_u8(&p.b, 14 + 5 + 14); /* adjusted 19: addr +1, line +0 */
    prog_end(&p);
    run_prog(&r, &p.b, NULL);
    assert_int_equal(r.rc, 0);
    assert_int_equal(r.h.max_ops_per_inst, 1);
    assert_int_equal(r.nrows, 2);
    assert_int_equal(r.rows[0].address, 0);
    assert_int_equal(r.rows[0].line, (uint64_t)1 - 5); /* wraps like the unsigned register */
    assert_int_equal(r.rows[1].address, 1);
    assert_int_equal(r.rows[1].line, (uint64_t)1 - 5);
    td_free(&r.t);
}

static void vliw_op_index(void **state)
{
    struct prog p;
    struct run r;
    (void)state;
    /* DWARF5 6.2.5.1 with min_inst_length 8 and 4 operations per instruction. */
    hdr_begin(&p, 4, 8, 4, -3, 12, 13, std_lengths);
    tables_v4(&p);
    hdr_end(&p);
    b_u8(&p.b, DW_LNS_advance_pc);
    b_uleb(&p.b, 6); /* 1 instr + 2 ops */
    b_u8(&p.b, DW_LNS_copy);
    b_u8(&p.b, 13 + 3 + 12 * 3); /* +3 ops, line +0 */
    b_u8(&p.b, DW_LNS_fixed_advance_pc);
    b_u16(&p.b, 4); /* resets op_index */
    b_u8(&p.b, DW_LNS_copy);
    prog_end(&p);
    run_prog(&r, &p.b, NULL);
    assert_int_equal(r.rc, 0);
    assert_int_equal(r.nrows, 3);
    assert_int_equal(r.rows[0].address, 8);
    assert_int_equal(r.rows[0].op_index, 2);
    assert_int_equal(r.rows[1].address, 16);
    assert_int_equal(r.rows[1].op_index, 1);
    assert_int_equal(r.rows[2].address, 20);
    assert_int_equal(r.rows[2].op_index, 0);
    td_free(&r.t);
}

static void header_v5(void **state)
{
    struct prog p;
    struct run r;
    struct buf line_str = {0};
    struct dwarf_line_file f;
    (void)state;
    b_str(&line_str, "/src");
    b_str(&line_str, "a.c");
    hdr_begin(&p, 5, 1, 1, -5, 14, 13, std_lengths);
    /* directories: (path, line_strp) and (path, string) */
    b_u8(&p.b, 1);
    b_uleb(&p.b, DW_LNCT_path);
    b_uleb(&p.b, DW_FORM_line_strp);
    b_uleb(&p.b, 2);
    b_u32(&p.b, 0);
    b_u32(&p.b, 0);
    /* files: path (line_strp), directory (udata), MD5 (data16), size (data4), vendor */
    b_u8(&p.b, 5);
    b_uleb(&p.b, DW_LNCT_path);
    b_uleb(&p.b, DW_FORM_string);
    b_uleb(&p.b, DW_LNCT_directory_index);
    b_uleb(&p.b, DW_FORM_udata);
    b_uleb(&p.b, DW_LNCT_MD5);
    b_uleb(&p.b, DW_FORM_data16);
    b_uleb(&p.b, DW_LNCT_size);
    b_uleb(&p.b, DW_FORM_data4);
    b_uleb(&p.b, 0x2001);
    b_uleb(&p.b, DW_FORM_block1);
    b_uleb(&p.b, 2);
    for (int i = 0; i < 2; i++) {
        b_str(&p.b, i ? "b.h" : "a.c");
        b_uleb(&p.b, (uint64_t)i);
        for (int k = 0; k < 16; k++)
            b_u8(&p.b, (uint8_t)(16 * i + k));
        b_u32(&p.b, 100 + i);
        b_u8(&p.b, 2);
        b_u16(&p.b, 0xffff);
    }
    hdr_end(&p);
    set_address(&p.b, 0x400000);
    b_u8(&p.b, DW_LNS_set_file);
    b_uleb(&p.b, 0);
    b_u8(&p.b, DW_LNS_copy);
    prog_end(&p);
    run_prog(&r, &p.b, &line_str);
    assert_int_equal(r.rc, 0);
    assert_int_equal(r.h.address_size, 8);
    assert_int_equal(r.h.dir_count, 2);
    assert_int_equal(r.h.file_count, 2);
    assert_int_equal(dwarf_line_dir(&r.h, 0, &f), 0);
    assert_string_equal(f.path, "/src");
    assert_int_equal(dwarf_line_file_by_index(&r.h, 1, &f), 0); /* v5: 0-based */
    assert_string_equal(f.path, "b.h");
    assert_int_equal(f.dir_index, 1);
    assert_non_null(f.md5);
    assert_int_equal(f.md5[0], 16);
    assert_true(f.has_size);
    assert_int_equal(f.size, 101);
    assert_false(f.has_mtime);
    assert_int_equal(r.nrows, 1);
    ROW(&r.rows[0], 0x400000, 0, 1, 0);
    td_free(&r.t);

    /* A strx path has no unit to resolve against: a form error on lookup. */
    struct buf bad = p.b;
    size_t fmt = p.hdr_start + 6 + 12 + 1; /* dir format: (path, line_strp) */
    assert_int_equal(bad.data[fmt + 1], DW_FORM_line_strp);
    bad.data[fmt + 1] = DW_FORM_strx1;
    run_prog(&r, &bad, &line_str);
    assert_true(r.rc <= 0);
    assert_int_equal(dwarf_line_dir(&r.h, 0, &f), DWARF_E_FORM);
    td_free(&r.t);
}

static void malformed_programs(void **state)
{
    struct prog p;
    struct run r;
    (void)state;
    hdr_begin(&p, 4, 1, 1, -5, 14, 13, std_lengths);
    tables_v4(&p);
    hdr_end(&p);
    set_address(&p.b, 0x1000);
    b_u8(&p.b, DW_LNS_copy);
    prog_end(&p);

    /* Every truncation of the section fails cleanly. */
    for (size_t n = 0; n < p.b.len; n++) {
        struct buf cut = p.b;
        cut.len = n;
        run_prog(&r, &cut, NULL);
        assert_true(r.rc < 0);
        td_free(&r.t);
    }
    /* Every truncation of the program after an intact header. */
    for (size_t n = p.hdr_start + 1; n < p.b.len; n++) {
        struct buf cut = p.b;
        b_patch_u32(&cut, p.len_at, (uint32_t)(n - 4));
        cut.len = n;
        run_prog(&r, &cut, NULL);
        assert_true(r.rc <= 0);
        td_free(&r.t);
    }
    struct buf bad;
#define MUTATE(at, val, want)                                                                      \
    do {                                                                                           \
        bad = p.b;                                                                                 \
        bad.data[at] = (val);                                                                      \
        run_prog(&r, &bad, NULL);                                                                  \
        assert_int_equal(r.rc, want);                                                              \
        td_free(&r.t);                                                                             \
    } while (0)
    MUTATE(4, 6, DWARF_E_VERSION);
    MUTATE(p.hdr_len_at + 1, 0x10, DWARF_E_LINE); /* header_length past the end */
    MUTATE(p.len_at + 1, 0x10, DWARF_E_LINE);     /* unit_length past the end */
    MUTATE(p.hdr_start + 5, 0, DWARF_E_LINE);     /* opcode_base 0 */
    size_t prog_at = p.hdr_start + (p.b.len - p.hdr_start) - 12;
    MUTATE(prog_at + 1, 20, DWARF_E_LINE); /* extended length overrun */
    MUTATE(prog_at + 1, 0, DWARF_E_LINE);  /* extended length 0 */

    /* set_address with a 9-byte operand. */
    bad = p.b;
    bad.len = prog_at;
    uint8_t nine[9] = {0};
    ext(&bad, DW_LNE_set_address, nine, 9);
    b_patch_u32(&bad, p.len_at, (uint32_t)(bad.len - 4));
    run_prog(&r, &bad, NULL);
    assert_int_equal(r.rc, DWARF_E_LINE);
    td_free(&r.t);
    /* A LEB128 operand that never ends. */
    bad = p.b;
    bad.len = prog_at;
    b_u8(&bad, DW_LNS_advance_pc);
    for (int i = 0; i < 11; i++)
        b_u8(&bad, 0x80);
    b_u8(&bad, 0);
    b_patch_u32(&bad, p.len_at, (uint32_t)(bad.len - 4));
    run_prog(&r, &bad, NULL);
    assert_int_equal(r.rc, DWARF_E_LEB128);
    td_free(&r.t);
    /* line_range 0 only fails when a special opcode needs it. */
    bad = p.b;
    bad.data[p.hdr_start + 4] = 0;
    run_prog(&r, &bad, NULL);
    assert_int_equal(r.rc, 0);
    td_free(&r.t);
    bad.len = prog_at;
    b_u8(&bad, 200);
    b_patch_u32(&bad, p.len_at, (uint32_t)(bad.len - 4));
    run_prog(&r, &bad, NULL);
    assert_int_equal(r.rc, DWARF_E_LINE);
    td_free(&r.t);
    /* max_ops_per_inst 0 cannot advance. */
    bad = p.b;
    bad.data[p.hdr_start + 1] = 0;
    bad.len = prog_at;
    b_u8(&bad, DW_LNS_advance_pc);
    b_uleb(&bad, 1);
    b_patch_u32(&bad, p.len_at, (uint32_t)(bad.len - 4));
    run_prog(&r, &bad, NULL);
    assert_int_equal(r.rc, DWARF_E_LINE);
    td_free(&r.t);
#undef MUTATE
}

int main(void)
{
    // clang-format off
    const struct CMUnitTest tests[] = {
        DWARF_TEST(line, opcodes_v4),
        DWARF_TEST(line, unknown_standard_opcode_skipped),
        DWARF_TEST(line, vliw_op_index),
        DWARF_TEST(line, header_v5),
        DWARF_TEST(line, malformed_programs),
    };
    // clang-format on
    return cmocka_run_group_tests(tests, NULL, NULL);
}

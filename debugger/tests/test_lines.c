/*
 * test_lines.c: line tables and symbols of a real program
 * ($(BUILD)/debugger/progs/basic, loaded with the libelf loader): breakpoint
 * placement as gdb does it (checked against gdb in the oracle suite; the
 * numbers here are the lines of tests/progs/basic.c), address <-> line
 * round trips over every row, file-name matching, globals.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include <hdb-linux/elf_loader.h>
#include <hdb/error.h>
#include <hdb/session.h>
#include <hdb/value.h>

#include "test_platform.h"

static struct hdb_image img;
static struct hdb_session s;
static struct hdb_target no_target;

static int setup(void **state)
{
    (void)state;
    char path[512], why[128];
    const char *build = getenv("BUILD");
    snprintf(path, sizeof(path), "%s/debugger/progs/basic", build ? build : "build");
    if (hdb_elf_load(path, &img, why, sizeof(why)) < 0) {
        fprintf(stderr, "%s: %s\n", path, why);
        return -1;
    }
    hdb_session_init(&s, &test_platform, &no_target);
    return hdb_session_set_image(&s, &img, path) == 0 ? 0 : -1;
}

static int teardown(void **state)
{
    (void)state;
    hdb_session_fini(&s);
    hdb_elf_unload(&img);
    return 0;
}

static uint32_t line_of(uint64_t addr)
{
    struct hdb_line_loc loc;
    assert_int_equal(hdb_lines_find(&s.lines, addr, &loc), 0);
    return loc.line;
}

static void test_function_breakpoints_skip_the_prologue(void **state)
{
    (void)state;
    uint64_t a;
    assert_int_equal(hdb_session_resolve(&s, "add", &a, 1), 1);
    assert_int_equal(line_of(a), 22);
    const struct hdb_dfunc *f = hdb_dinfo_func_by_name(&s.dinfo, "add");
    assert_non_null(f);
    assert_true(a > f->lo && a < f->hi);
    assert_int_equal(hdb_session_resolve(&s, "main", &a, 1), 1);
    assert_int_equal(line_of(a), 39);
    assert_int_equal(hdb_session_resolve(&s, "nosuch", &a, 1), HDB_E_NOT_FOUND);
    /* A function known only from the ELF symbol table. */
    assert_int_equal(hdb_session_resolve(&s, "_start", &a, 1), 1);
}

static void test_line_breakpoints(void **state)
{
    (void)state;
    uint64_t a[8];
    assert_int_equal(hdb_session_resolve(&s, "basic.c:41", a, 8), 1);
    assert_int_equal(line_of(a[0]), 41);
    /* The opening brace of add is its entry: after the prologue, at line 22. */
    assert_int_equal(hdb_session_resolve(&s, "basic.c:21", a, 8), 1);
    assert_int_equal(line_of(a[0]), 22);
    /* A line without code moves to the next line that has some. */
    assert_int_equal(hdb_session_resolve(&s, "basic.c:3", a, 8), 1);
    assert_int_equal(hdb_session_resolve(&s, "basic.c:99", a, 8), HDB_E_NOT_FOUND);
    assert_int_equal(hdb_session_resolve(&s, "nosuch.c:3", a, 8), HDB_E_NOT_FOUND);
    /* The for line has code in two places of one function: one location. */
    assert_int_equal(hdb_session_resolve(&s, "basic.c:42", a, 8), 1);
    assert_int_equal(hdb_session_resolve(&s, "*0x1149", a, 8), 1);
    assert_int_equal(a[0], 0x1149);
    assert_int_equal(hdb_session_resolve(&s, "*zz", a, 8), HDB_E_ARG);
}

static void test_every_row_round_trips(void **state)
{
    (void)state;
    size_t checked = 0;
    for (size_t i = 0; i + 1 < s.lines.nrows; i++) {
        const struct hdb_line_row *r = &s.lines.rows[i];
        if ((r->flags & HDB_LINE_END_SEQ) || s.lines.rows[i + 1].addr == r->addr ||
            !(r->flags & HDB_LINE_STMT))
            continue;
        struct hdb_line_loc loc;
        assert_int_equal(hdb_lines_find(&s.lines, r->addr, &loc), 0);
        assert_int_equal(loc.line, r->line);
        assert_int_equal(loc.start, r->addr);
        assert_int_equal(loc.end, s.lines.rows[i + 1].addr);
        /* The middle of the row belongs to it too. */
        if (loc.end > loc.start + 1) {
            assert_int_equal(hdb_lines_find(&s.lines, r->addr + 1, &loc), 0);
            assert_int_equal(loc.line, r->line);
        }
        checked++;
    }
    assert_true(checked > 20);
    struct hdb_line_loc loc;
    assert_int_equal(hdb_lines_find(&s.lines, 0, &loc), HDB_E_NOT_FOUND);
    assert_int_equal(hdb_lines_find(&s.lines, ~0ull, &loc), HDB_E_NOT_FOUND);
}

static void test_file_matching(void **state)
{
    (void)state;
    struct hdb_line_loc loc;
    const struct hdb_dfunc *f = hdb_dinfo_func_by_name(&s.dinfo, "twice");
    assert_int_equal(hdb_lines_find(&s.lines, f->lo, &loc), 0);
    assert_true(hdb_lines_file_matches(&s.lines, loc.file, "basic.c"));
    assert_true(hdb_lines_file_matches(&s.lines, loc.file, "progs/basic.c"));
    assert_true(hdb_lines_file_matches(&s.lines, loc.file, s.lines.files[loc.file].path));
    assert_false(hdb_lines_file_matches(&s.lines, loc.file, "asic.c"));
    assert_false(hdb_lines_file_matches(&s.lines, loc.file, "basic.h"));
    assert_false(hdb_lines_file_matches(&s.lines, 9999, "basic.c"));
}

static void test_globals(void **state)
{
    (void)state;
    const char *names[] = {"counter", "big", "greeting", "table", "ptr", "origin", "paint"};
    for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
        const struct hdb_dvar *v = hdb_dinfo_var_by_name(&s.dinfo, names[i]);
        assert_non_null(v);
        assert_true(v->addr != 0 && v->type != 0);
    }
    struct hdb_ctype t;
    const struct hdb_dvar *v = hdb_dinfo_var_by_name(&s.dinfo, "table");
    assert_int_equal(hdb_ctype_resolve(&s.dw, v->unit, v->type, &t), 0);
    assert_int_equal(t.tag, DW_TAG_array_type);
    assert_int_equal(t.count, 6);
    assert_int_equal(t.size, 24);
    struct hdb_strbuf b;
    hdb_sb_reset(&b);
    hdb_ctype_name(&s.dw, v->unit, v->type, &b);
    assert_string_equal(b.s, "int [6]");
    v = hdb_dinfo_var_by_name(&s.dinfo, "message");
    hdb_sb_reset(&b);
    hdb_ctype_name(&s.dw, v->unit, v->type, &b);
    assert_string_equal(b.s, "const char *");
    /* Values before the program runs come from the file (.data and .bss). */
    struct hdb_value val;
    assert_int_equal(hdb_eval(&s, "counter", &val), 0);
    hdb_sb_reset(&b);
    assert_int_equal(hdb_value_format(&s, &val, 0, true, &b), 0);
    assert_string_equal(b.s, "42");
    assert_int_equal(hdb_eval(&s, "table[4]", &val), 0);
    hdb_sb_reset(&b);
    assert_int_equal(hdb_value_format(&s, &val, 0, true, &b), 0);
    assert_string_equal(b.s, "5");
    assert_int_equal(hdb_eval(&s, "zeros", &val), 0);
    hdb_sb_reset(&b);
    assert_int_equal(hdb_value_format(&s, &val, 0, true, &b), 0);
    assert_string_equal(b.s, "{0 <repeats 16 times>}");
    assert_int_equal(hdb_eval(&s, "nosuch", &val), HDB_E_NOT_FOUND);
    assert_int_equal(hdb_eval(&s, "counter +", &val), HDB_E_ARG);
    assert_int_equal(hdb_eval(&s, "$rip", &val), HDB_E_NO_PROCESS);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_function_breakpoints_skip_the_prologue),
        cmocka_unit_test(test_line_breakpoints),
        cmocka_unit_test(test_every_row_round_trips),
        cmocka_unit_test(test_file_matching),
        cmocka_unit_test(test_globals),
    };
    return cmocka_run_group_tests_name("hdb-lines", tests, setup, teardown);
}

/*
 * The address index (<dwarf/index.h>) on the hand-built program of
 * index_fixture.c, whose answers are worked out by hand: unit ranges from
 * the DIE and from complete and incomplete .debug_aranges (read lazily),
 * the function chain through a lexical block and an inlined call, rows
 * (the last at an address wins, gaps between sequences, where a row
 * ends), file paths; allocator failure at every allocation; the sort; and
 * on this test's own binary, functions and lines of known code found
 * through the name index. The name index has test_names.c.
 */
#include "elf_sections.h"
#include "index_fixture.h"

#include "index/index_int.h"

#include <stdlib.h>
#include <string.h>

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
    assert_int_equal(l.end, 0x1010);
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
    assert_int_equal(l.end, 0x1100); /* the end of the sequence */
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
    uint64_t unit;
    (void)state;
    fixture_setup(&f, -1);
    check_addresses(&f);
    /* Nothing of .debug_info is read before an address is asked about. */
    assert_int_equal(dwarf_addr_index_build(&f.t.dw, &ix), 0);
    assert_false(ix.from_aranges);
    assert_false(ix.dies_read);
    assert_int_equal(ix.nunits, 0);
    assert_int_equal(dwarf_addr_unit(&ix, 0x1000, &unit), 1);
    assert_true(ix.dies_read);
    assert_int_equal(ix.nunits, 1);
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
    fixture_setup(&f, 0);
    assert_int_equal(dwarf_addr_index_build(&f.t.dw, &ix), 0);
    assert_true(ix.from_aranges);
    assert_int_equal(ix.nunits, 0);
    assert_int_equal(dwarf_addr_unit(&ix, 0x1fff, &unit), 1);
    assert_int_equal(unit, 0);
    assert_false(ix.dies_read);
    /* An address no set covers: the units without a set are read, and add nothing. */
    assert_int_equal(dwarf_addr_unit(&ix, 0x2008, &unit), 0);
    assert_true(ix.dies_read);
    assert_true(ix.from_aranges);
    dwarf_addr_index_free(&ix);
    td_free(&f.t);

    /* A set for no unit: found out at the first lookup, then the DIEs answer. */
    fixture_setup(&f, 0x40);
    assert_int_equal(dwarf_addr_index_build(&f.t.dw, &ix), 0);
    assert_true(ix.from_aranges);
    assert_int_equal(dwarf_addr_unit(&ix, 0x1000, &unit), 1);
    assert_int_equal(unit, 0);
    assert_false(ix.from_aranges);
    dwarf_addr_index_free(&ix);
    check_addresses(&f);
    td_free(&f.t);
}

static void allocator_failure(void **state)
{
    struct fixture f;
    (void)state;

    fixture_setup(&f, -1);
    for (int fail = 0; fail < 80; fail++) {
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
        DWARF_TEST(index, addresses_from_dies),
        DWARF_TEST(index, addresses_from_aranges),
        DWARF_TEST(index, allocator_failure),
        DWARF_TEST(index, sort_matches_qsort),
        DWARF_TEST(index, self_binary),
    };
    // clang-format on
    return cmocka_run_group_tests(tests, NULL, NULL);
}

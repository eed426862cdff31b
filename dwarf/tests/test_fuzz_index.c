/*
 * Hostile input for the name and address indexes (fuzz_fixture.h): one of
 * the sections they read damaged (a unit of .debug_info, or the whole
 * .debug_abbrev, .debug_line, .debug_aranges or .debug_rnglists), both
 * indexes built and names and addresses of this binary looked up; and gdb's
 * .gdb_index of this binary (made by gdb-add-index; DWARF_GDB_INDEXED names
 * the copy) damaged, with names looked up through it over the real DWARF.
 * Every failure must be a returned DWARF_E_* code.
 *
 * 20,000 inputs: 16,000 damaged sections and 4,000 damaged .gdb_index; a
 * damaged .gdb_index costs its lookups' unit scans.
 */
#include "fuzz_fixture.h"

#include "elf_sections.h"

#include <dwarf/index.h>
#include <stdlib.h>
#include <string.h>

#define GDB_INDEX_INPUTS 4000
#define GDB_INDEX_LOOKUPS 8

/* gdb's index of this binary. */
static struct dwarf_section g_gdb_index;

static void mutate_for_indexes(void **state)
{
    static const enum dwarf_section_id ids[] = {DWARF_SEC_INFO, DWARF_SEC_ABBREV, DWARF_SEC_LINE,
                                                DWARF_SEC_ARANGES, DWARF_SEC_RNGLISTS};
    size_t work = 0;
    (void)state;
    rng_state = 0x5851f42d4c957f2dull;
    for (int i = 0; i < 2 * CHEAP_INPUTS; i++) {
        enum dwarf_section_id id = ids[below(5)];
        struct dwarf dw;
        struct dwarf_section tmp[2];
        size_t k = below(g_nunits), n;
        const uint8_t *src;
        if (id == DWARF_SEC_INFO) {
            src = g_real[id].data + g_units[k];
            n = g_unit_end[k] - g_units[k];
        } else {
            src = g_real[id].data;
            n = g_real[id].size;
        }
        uint8_t *p = malloc(n ? n : 1);
        assert_non_null(p);
        if (n)
            memcpy(p, src, n);
        mutate(p, &n, (unsigned)below(4));
        if (id == DWARF_SEC_INFO) {
            reader_with(&dw, &tmp[0], id, p, n);
            walk_indexes(&dw, &g_probes, &work);
            sec_free(&tmp[0]);
        } else {
            reader_with_unit(&dw, tmp, id, p, n);
            walk_indexes(&dw, &g_probes, &work);
            sec_free(&tmp[0]);
            sec_free(&tmp[1]);
        }
        free(p);
    }
    assert_true(work > 0);
}

/*
 * gdb's .gdb_index damaged (anywhere, or in its header and CU list where
 * every lookup reads), then names looked up through it over the real
 * DWARF: init and every lookup must return a count or a DWARF_E_* code.
 */
static void mutate_gdb_index(void **state)
{
    size_t errors = 0, found_some = 0;
    (void)state;
    if (g_gdb_index.data == NULL)
        fail_msg("DWARF_GDB_INDEXED names no file (dwarf/build.mk makes one with gdb-add-index)");
    rng_state = 0x2545f4914f6cdd1dull;
    for (int i = 0; i < GDB_INDEX_INPUTS; i++) {
        size_t n = g_gdb_index.size;
        uint8_t *p = malloc(n);
        struct dwarf dw;
        struct dwarf_section tmp;
        struct dwarf_name_index nx;
        assert_non_null(p);
        memcpy(p, g_gdb_index.data, n);
        if (below(2)) {
            size_t head = n < 96 ? n : 96;
            mutate(p, &head, (unsigned)below(4));
            if (head < 96 && below(2))
                n = head; /* a truncation inside the header and CU list */
        } else {
            mutate(p, &n, (unsigned)below(4));
        }
        reader_with(&dw, &tmp, DWARF_SEC_GDB_INDEX, p, n);
        int rc = dwarf_name_index_init(&dw, &nx);
        assert_code(rc);
        for (int k = 0; k < GDB_INDEX_LOOKUPS && rc >= 0; k++) {
            const struct dwarf_name_entry *found;
            rc = dwarf_name_lookup(&nx, g_probes.names[below(g_probes.nnames)], DWARF_NAME_ANY,
                                   below(2) ? DWARF_NAME_FIRST : 0, &found);
            assert_true(rc >= DWARF_E_LAST);
            found_some += rc > 0;
        }
        errors += rc < 0;
        dwarf_name_index_free(&nx);
        sec_free(&tmp);
        free(p);
    }
    /* Both kinds of outcome happen: refusals, and lookups that still find names. */
    assert_true(errors > GDB_INDEX_INPUTS / 8);
    assert_true(found_some > GDB_INDEX_INPUTS);
}

static int setup(void **state)
{
    const char *indexed = getenv("DWARF_GDB_INDEXED");
    uint64_t unused;
    if (fuzz_setup(state) != 0)
        return -1;
    if (indexed && elf_section_load(indexed, ".gdb_index", &g_gdb_index, &unused) != 0)
        return -1;
    return 0;
}

static int teardown(void **state)
{
    sec_free(&g_gdb_index);
    return fuzz_teardown(state);
}

int main(void)
{
    // clang-format off
    const struct CMUnitTest tests[] = {
        DWARF_TEST(fuzz, mutate_for_indexes),
        DWARF_TEST(fuzz, mutate_gdb_index),
    };
    // clang-format on
    return cmocka_run_group_tests(tests, setup, teardown);
}

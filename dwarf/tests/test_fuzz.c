/*
 * Hostile input: a deterministic mutation loop over the real DWARF of this
 * test binary (fuzz_fixture.h). Each input takes one unit (or one line
 * program) and damages it: truncation, bit flips, random byte runs, random
 * LEB128 numbers, or a random abbreviation table; or damages a whole range
 * list, location list, address range or address table section. Every
 * input is walked completely (units, DIEs linearly and as a tree, every
 * attribute through every accessor, every range and location list,
 * top-level DIEs' type names, line programs, .debug_aranges) under
 * ASan/UBSan; every failure must be a returned DWARF_E_* code.
 *
 * 42,000 inputs here: 8,000 truncated units, 2,000 each of the other
 * three unit damages, of damaged abbreviation tables and of damaged list
 * sections, 8,000 random abbreviation tables and 16,000 line programs.
 */
#include "fuzz_fixture.h"

#include <stdlib.h>
#include <string.h>

static void fuzz_units(unsigned kind, uint64_t seed, int inputs, size_t *errors, size_t *work)
{
    rng_state = seed;
    for (int i = 0; i < inputs; i++) {
        size_t k = below(g_nunits);
        size_t n = g_unit_end[k] - g_units[k];
        uint8_t *p = malloc(n);
        struct dwarf dw;
        struct dwarf_section tmp;
        assert_non_null(p);
        /* One unit, moved to offset 0 of its own section. */
        memcpy(p, g_real[DWARF_SEC_INFO].data + g_units[k], n);
        size_t cut = n;
        mutate(p, &cut, kind);
        reader_with(&dw, &tmp, DWARF_SEC_INFO, p, cut);
        int rc = walk_all(&dw, work);
        if (rc < 0)
            (*errors)++;
        /* A unit cut short is always reported (its length runs past the section). */
        if (kind == 0 && cut > 0 && cut < n)
            assert_true(rc < 0);
        sec_free(&tmp);
        free(p);
    }
}

static void mutate_units_truncate(void **state)
{
    size_t errors = 0, work = 0;
    (void)state;
    fuzz_units(0, 0x9e3779b97f4a7c15ull, CHEAP_INPUTS, &errors, &work);
    assert_true(errors > CHEAP_INPUTS / 2);
}

static void mutate_units_bitflip(void **state)
{
    size_t errors = 0, work = 0;
    (void)state;
    fuzz_units(1, 0xd1b54a32d192ed03ull, INPUTS_PER_KIND, &errors, &work);
    assert_true(errors > 0);
}

static void mutate_units_bytes(void **state)
{
    size_t errors = 0, work = 0;
    (void)state;
    fuzz_units(2, 0x8cb92ba72f3d8dd7ull, INPUTS_PER_KIND, &errors, &work);
    assert_true(errors > 0);
}

static void mutate_units_leb128(void **state)
{
    size_t errors = 0, work = 0;
    (void)state;
    fuzz_units(3, 0xa0761d6478bd642full, INPUTS_PER_KIND, &errors, &work);
    assert_true(errors > 0);
}

static void mutate_abbrev(void **state)
{
    size_t errors = 0, work = 0;
    (void)state;
    rng_state = 0xe7037ed1a0b428dbull;
    for (int i = 0; i < INPUTS_PER_KIND; i++) {
        size_t n = g_real[DWARF_SEC_ABBREV].size;
        uint8_t *p = malloc(n);
        struct dwarf dw;
        struct dwarf_section tmp[2];
        assert_non_null(p);
        memcpy(p, g_real[DWARF_SEC_ABBREV].data, n);
        mutate(p, &n, (unsigned)below(4));
        reader_with_unit(&dw, tmp, DWARF_SEC_ABBREV, p, n);
        if (i & 1)
            dw.alloc = (struct dwarf_allocator){0}; /* linear abbreviation lookups */
        if (walk_all(&dw, &work) < 0)
            errors++;
        sec_free(&tmp[0]);
        sec_free(&tmp[1]);
        free(p);
    }
    assert_true(errors > 0);
}

/* Random abbreviation tables (plausible codes, tags, forms, some invalid) under real DIEs. */
static void random_abbrev_tables(void **state)
{
    size_t errors = 0, work = 0;
    static const uint64_t forms[] = {
        DW_FORM_addr,     DW_FORM_data1,        DW_FORM_data2,    DW_FORM_data4,
        DW_FORM_data8,    DW_FORM_string,       DW_FORM_block,    DW_FORM_block1,
        DW_FORM_flag,     DW_FORM_sdata,        DW_FORM_strp,     DW_FORM_udata,
        DW_FORM_ref_addr, DW_FORM_ref4,         DW_FORM_indirect, DW_FORM_sec_offset,
        DW_FORM_exprloc,  DW_FORM_flag_present, DW_FORM_strx,     DW_FORM_addrx,
        DW_FORM_data16,   DW_FORM_line_strp,    DW_FORM_ref_sig8, DW_FORM_implicit_const,
        DW_FORM_rnglistx, DW_FORM_strx3,        DW_FORM_addrx4,   0x7f,
        0x1f21,
    };
    (void)state;
    rng_state = 0x1f83d9abfb41bd6bull;
    for (int i = 0; i < CHEAP_INPUTS; i++) {
        struct buf ab = {0};
        struct dwarf dw;
        struct dwarf_section tmp[2];
        /* Tables at every unit's abbrev offset would be needed; give one at 0 and fill. */
        uint64_t ncodes = 1 + below(40);
        for (uint64_t c = 1; c <= ncodes && ab.len < sizeof ab.data - 200; c++) {
            b_uleb(&ab, below(8) ? c : rnd());
            b_uleb(&ab, 1 + below(0x4b));
            b_u8(&ab, (uint8_t)(below(10) ? below(2) : rnd()));
            for (uint64_t k = below(8); k > 0; k--) {
                uint64_t form = forms[below(sizeof forms / sizeof forms[0])];
                b_uleb(&ab, 1 + below(0x8c));
                b_uleb(&ab, form);
                if (form == DW_FORM_implicit_const)
                    b_sleb(&ab, (int64_t)rnd());
            }
            b_uleb(&ab, 0);
            b_uleb(&ab, 0);
        }
        b_uleb(&ab, 0);
        /* Repeat the table so every unit's abbrev offset lands inside some bytes. */
        size_t one = ab.len;
        while (ab.len + one <= sizeof ab.data && ab.len < g_real[DWARF_SEC_ABBREV].size)
            b_bytes(&ab, ab.data, one);
        reader_with_unit(&dw, tmp, DWARF_SEC_ABBREV, ab.data, ab.len);
        if (i & 1)
            dw.alloc = (struct dwarf_allocator){0};
        if (walk_all(&dw, &work) < 0)
            errors++;
        sec_free(&tmp[0]);
        sec_free(&tmp[1]);
    }
    assert_true(errors > CHEAP_INPUTS / 2);
}

static void mutate_line_programs(void **state)
{
    size_t errors = 0, work = 0;
    (void)state;
    rng_state = 0x94d049bb133111ebull;
    for (int i = 0; i < 2 * CHEAP_INPUTS; i++) {
        size_t k = below(g_nlines);
        size_t n = g_line_end[k] - g_lines[k];
        uint8_t *p = malloc(n);
        struct dwarf dw;
        struct dwarf_section tmp;
        assert_non_null(p);
        memcpy(p, g_real[DWARF_SEC_LINE].data + g_lines[k], n);
        mutate(p, &n, (unsigned)below(4));
        reader_with(&dw, &tmp, DWARF_SEC_LINE, p, n);
        int rc = walk_lines(&dw, 0, &work);
        assert_code(rc);
        if (rc < 0)
            errors++;
        sec_free(&tmp);
        free(p);
    }
    assert_true(errors > CHEAP_INPUTS / 2);
}

/* Whole list and address sections damaged under one real unit. */
static void mutate_lists(void **state)
{
    static const enum dwarf_section_id ids[] = {DWARF_SEC_RNGLISTS, DWARF_SEC_LOCLISTS,
                                                DWARF_SEC_ARANGES, DWARF_SEC_ADDR};
    size_t work = 0;
    (void)state;
    rng_state = 0xbf58476d1ce4e5b9ull;
    for (int i = 0; i < INPUTS_PER_KIND; i++) {
        enum dwarf_section_id id = ids[below(4)];
        size_t n = g_real[id].size;
        uint8_t *p = malloc(n ? n : 1);
        struct dwarf dw;
        struct dwarf_section tmp[2];
        assert_non_null(p);
        if (n)
            memcpy(p, g_real[id].data, n);
        mutate(p, &n, (unsigned)below(4));
        reader_with_unit(&dw, tmp, id, p, n);
        walk_all(&dw, &work);
        walk_aranges(&dw, &work);
        sec_free(&tmp[0]);
        sec_free(&tmp[1]);
        free(p);
    }
    assert_true(work > 0);
}

int main(void)
{
    // clang-format off
    const struct CMUnitTest tests[] = {
        DWARF_TEST(fuzz, mutate_units_truncate),
        DWARF_TEST(fuzz, mutate_units_bitflip),
        DWARF_TEST(fuzz, mutate_units_bytes),
        DWARF_TEST(fuzz, mutate_units_leb128),
        DWARF_TEST(fuzz, mutate_abbrev),
        DWARF_TEST(fuzz, random_abbrev_tables),
        DWARF_TEST(fuzz, mutate_line_programs),
        DWARF_TEST(fuzz, mutate_lists),
    };
    // clang-format on
    return cmocka_run_group_tests(tests, fuzz_setup, fuzz_teardown);
}

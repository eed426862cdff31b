/*
 * Hostile input for the join with dwz's supplementary file
 * (dwarf_join_sup, fuzz_fixture.h): each input damages one side of the
 * join; every result must be a code, and every joined result is walked
 * completely. 4,000 inputs.
 */
#include "fuzz_fixture.h"

#include <stdlib.h>
#include <string.h>

/*
 * A small supplementary file as dwz writes one: a DWARF 4 partial unit
 * holding a base type and a struct with a member, strings in .debug_str.
 */
static const uint8_t sup_abbrev[] = {1,
                                     DW_TAG_partial_unit,
                                     1,
                                     0,
                                     0,
                                     2,
                                     DW_TAG_base_type,
                                     0,
                                     DW_AT_name,
                                     DW_FORM_strp,
                                     DW_AT_byte_size,
                                     DW_FORM_data1,
                                     0,
                                     0,
                                     3,
                                     DW_TAG_structure_type,
                                     1,
                                     DW_AT_name,
                                     DW_FORM_string,
                                     0,
                                     0,
                                     4,
                                     DW_TAG_member,
                                     0,
                                     DW_AT_name,
                                     DW_FORM_string,
                                     DW_AT_type,
                                     DW_FORM_ref_addr,
                                     0,
                                     0,
                                     0};
static const uint8_t sup_info[] = {26, 0,   0, 0,  4, 0, 0,
                                   0,  0,   0, 8, /* unit header: length, version 4, abbrevs at 0 */
                                   1,             /* partial unit, at 11 */
                                   2,  0,   0, 0,  0, 4,    /* int (name at .debug_str 0), at 12 */
                                   3,  'p', 0,              /* struct p, at 18 */
                                   4,  'a', 0, 12, 0, 0, 0, /* member a: int, through ref_addr */
                                   0,  0};
static const char sup_str[] = "int";

/*
 * dwarf_join_sup (dwz's supplementary files): a mutated unit or
 * abbreviation table of the real file joined with the small file above,
 * and the small file mutated joined with the real one. Every result a
 * code, and every joined result walks without a fault.
 */
static void mutate_join_sup(void **state)
{
    size_t errors = 0, work = 0, joined = 0;
    struct dwarf_section sup[DWARF_SEC_COUNT] = {0};
    (void)state;
    sup[DWARF_SEC_ABBREV] = sec_copy(sup_abbrev, sizeof sup_abbrev);
    sup[DWARF_SEC_INFO] = sec_copy(sup_info, sizeof sup_info);
    sup[DWARF_SEC_STR] = sec_copy((const uint8_t *)sup_str, sizeof sup_str);
    rng_state = 0x5eed50f;
    for (int i = 0; i < 4000; i++) {
        bool as_sup = i % 2, abbrev = below(4) == 0;
        enum dwarf_section_id id = abbrev ? DWARF_SEC_ABBREV : DWARF_SEC_INFO;
        const struct dwarf_section *base = as_sup ? sup : g_real;
        size_t k = below(g_nunits);
        const uint8_t *src = base[id].data + (as_sup || abbrev ? 0 : g_units[k]);
        size_t n = as_sup || abbrev ? base[id].size : g_unit_end[k] - g_units[k];
        uint8_t *p = malloc(n);
        assert_non_null(p);
        memcpy(p, src, n);
        size_t cut = n;
        if (i >= 2) /* the first two: the files as they are */
            mutate(p, &cut, (unsigned)below(4));
        struct dwarf_section mutated[DWARF_SEC_COUNT], out[DWARF_SEC_COUNT];
        memcpy(mutated, base, sizeof mutated);
        mutated[id] = sec_copy(p, cut);
        int rc = as_sup ? dwarf_join_sup(g_real, mutated, &g_heap, out)
                        : dwarf_join_sup(mutated, sup, &g_heap, out);
        assert_code(rc);
        if (i < 2)
            assert_int_equal(rc, 0);
        if (rc == 0) {
            struct dwarf dw;
            joined++;
            dwarf_init(&dw, out, &g_heap);
            if (walk_all(&dw, &work) < 0)
                errors++;
            dwarf_join_free(&g_heap, out);
        } else {
            errors++;
        }
        sec_free(&mutated[id]);
        free(p);
    }
    for (int s = 0; s < DWARF_SEC_COUNT; s++)
        sec_free(&sup[s]);
    assert_true(errors > 0 && joined > 0 && work > 0);
    print_message("# join_sup: 4000 inputs, %zu joined, %zu errors\n", joined, errors);
}

int main(void)
{
    // clang-format off
    const struct CMUnitTest tests[] = {
        DWARF_TEST(fuzz, mutate_join_sup),
    };
    // clang-format on
    return cmocka_run_group_tests(tests, fuzz_setup, fuzz_teardown);
}

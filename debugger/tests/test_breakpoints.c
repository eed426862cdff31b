/*
 * test_breakpoints.c: the breakpoint table: numbering, lookup, deletion.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <hdb/breakpoints.h>
#include <hdb/error.h>

#include "test_platform.h"

static void test_numbers_grow_and_are_not_reused(void **state)
{
    (void)state;
    struct hdb_bptable t;
    hdb_bp_init(&t, &test_platform);
    uint64_t a = 0x1000, b[2] = {0x2000, 0x3000};
    assert_int_equal(hdb_bp_add(&t, "main", false, &a, 1), 1);
    assert_int_equal(hdb_bp_add(&t, "f.c:3", true, b, 2), 2);
    assert_int_equal(hdb_bp_delete(&t, 2), 0);
    assert_int_equal(hdb_bp_add(&t, "again", false, &a, 1), 3);
    assert_int_equal(t.n, 2);
    assert_null(hdb_bp_get(&t, 2));
    assert_string_equal(hdb_bp_get(&t, 3)->spec, "again");
    hdb_bp_fini(&t);
}

static void test_lookup_by_address(void **state)
{
    (void)state;
    struct hdb_bptable t;
    hdb_bp_init(&t, &test_platform);
    uint64_t locs[2] = {0x2000, 0x3000};
    int n = hdb_bp_add(&t, "two places", false, locs, 2);
    assert_ptr_equal(hdb_bp_at(&t, 0x3000), hdb_bp_get(&t, n));
    assert_null(hdb_bp_at(&t, 0x2001));
    hdb_bp_get(&t, n)->enabled = false;
    assert_null(hdb_bp_at(&t, 0x3000));
    hdb_bp_fini(&t);
}

static void test_many_and_delete_all(void **state)
{
    (void)state;
    struct hdb_bptable t;
    hdb_bp_init(&t, &test_platform);
    for (uint64_t i = 0; i < 100; i++)
        assert_int_equal(hdb_bp_add(&t, "x", false, &i, 1), (int)i + 1);
    assert_ptr_equal(hdb_bp_at(&t, 57), hdb_bp_get(&t, 58));
    assert_int_equal(hdb_bp_delete(&t, 1000), HDB_E_NOT_FOUND);
    hdb_bp_delete_all(&t);
    assert_int_equal(t.n, 0);
    assert_null(hdb_bp_at(&t, 57));
    hdb_bp_fini(&t);
}

/* A pending breakpoint has a number and no location: nothing is found at any address. */
static void test_pending(void **state)
{
    (void)state;
    struct hdb_bptable t;
    hdb_bp_init(&t, &test_platform);
    int n = hdb_bp_add_pending(&t, "later", true);
    assert_int_equal(n, 1);
    assert_int_equal(hdb_bp_get(&t, n)->nlocs, 0);
    assert_true(hdb_bp_get(&t, n)->temporary);
    assert_null(hdb_bp_at(&t, 0));
    uint64_t loc = 0x4000;
    assert_int_equal(hdb_bp_add(&t, "now", false, &loc, 1), 2);
    assert_ptr_equal(hdb_bp_at(&t, 0x4000), hdb_bp_get(&t, 2));
    assert_int_equal(hdb_bp_add_pending(&t, NULL, false), HDB_E_ARG);
    hdb_bp_fini(&t);
}

static void test_bad_arguments(void **state)
{
    (void)state;
    struct hdb_bptable t;
    uint64_t locs[HDB_BP_MAX_LOCS + 1] = {0};
    hdb_bp_init(&t, &test_platform);
    assert_int_equal(hdb_bp_add(&t, "none", false, locs, 0), HDB_E_ARG);
    assert_int_equal(hdb_bp_add(&t, "too many", false, locs, HDB_BP_MAX_LOCS + 1), HDB_E_ARG);
    assert_int_equal(hdb_bp_add(&t, NULL, false, locs, 1), HDB_E_ARG);
    assert_int_equal(t.n, 0);
    hdb_bp_fini(&t);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_numbers_grow_and_are_not_reused),
        cmocka_unit_test(test_lookup_by_address),
        cmocka_unit_test(test_many_and_delete_all),
        cmocka_unit_test(test_pending),
        cmocka_unit_test(test_bad_arguments),
    };
    return cmocka_run_group_tests_name("hdb-breakpoints", tests, NULL, NULL);
}

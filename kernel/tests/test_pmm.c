/*
 * The frame allocator against a shadow model: a plain array of "in use"
 * flags that is obviously right. Random allocations and frees must agree
 * with it frame for frame, and the edge cases (alignment, exhaustion, double
 * and wild frees) return their documented errors and change nothing.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include <kernel/pmm.h>

#define TOP (64ull << 20) /* 64 MiB: 16384 frames */
#define NFRAMES (TOP >> 12)

static uint64_t bitmap[NFRAMES / 64];
static struct pmm p;

static void fresh(void)
{
    pmm_init(&p, bitmap, TOP);
    pmm_add_free(&p, 0x1800, 0x9f000); /* rounds inward: frames 2..0x9f */
    pmm_add_free(&p, 0x100000, TOP - 0x100000);
    pmm_reserve(&p, 0x100000, 0x2345); /* rounds outward: 3 frames */
}

static void test_init_rounds_ranges(void **state)
{
    (void)state;
    assert_int_equal(pmm_bitmap_bytes(TOP), NFRAMES / 8);
    assert_int_equal(pmm_bitmap_bytes(4097), 8);
    fresh();
    assert_false(pmm_is_free(&p, 0x1000));
    assert_true(pmm_is_free(&p, 0x2000));
    assert_true(pmm_is_free(&p, 0x9f000));
    assert_false(pmm_is_free(&p, 0xa0000));
    assert_false(pmm_is_free(&p, 0x102000));
    assert_true(pmm_is_free(&p, 0x103000));
    assert_false(pmm_is_free(&p, TOP));
    assert_int_equal(p.free_frames, (0xa0 - 2) + (NFRAMES - 0x100) - 3);
    /* Adding or reserving twice counts once. */
    size_t before = p.free_frames;
    pmm_add_free(&p, 0x200000, 0x1000);
    pmm_reserve(&p, 0x100000, 0x1000);
    assert_int_equal(p.free_frames, before);
}

static void test_alignment_and_contiguity(void **state)
{
    paddr_t a, b;

    (void)state;
    fresh();
    assert_int_equal(pmm_alloc(&p, 1, 1, &a), PMM_OK);
    assert_int_equal(a, 0x2000);
    assert_int_equal(pmm_alloc(&p, 16, 16, &b), PMM_OK);
    assert_int_equal(b % 0x10000, 0);
    for (int i = 0; i < 16; i++)
        assert_false(pmm_is_free(&p, b + i * 0x1000ull));
    /* 2 MiB aligned run of 512 frames skips the low region entirely. */
    assert_int_equal(pmm_alloc(&p, 512, 512, &b), PMM_OK);
    assert_int_equal(b % 0x200000, 0);
    assert_true(b >= 0x200000);
    assert_int_equal(pmm_alloc(&p, 0, 1, &b), PMM_E_INVALID);
    assert_int_equal(pmm_alloc(&p, 1, 3, &b), PMM_E_INVALID);
    assert_int_equal(pmm_alloc(&p, NFRAMES, 1, &b), PMM_E_NOMEM);
}

static void test_bad_frees_change_nothing(void **state)
{
    paddr_t a;

    (void)state;
    fresh();
    assert_int_equal(pmm_alloc(&p, 4, 1, &a), PMM_OK);
    size_t before = p.free_frames;
    assert_int_equal(pmm_free(&p, a + 1, 1), PMM_E_INVALID);        /* unaligned */
    assert_int_equal(pmm_free(&p, TOP, 1), PMM_E_INVALID);          /* out of range */
    assert_int_equal(pmm_free(&p, TOP - 0x1000, 2), PMM_E_INVALID); /* runs off the end */
    assert_int_equal(pmm_free(&p, a, 0), PMM_E_INVALID);
    assert_int_equal(pmm_free(&p, a + 0x3000, 2), PMM_E_INVALID); /* second frame is free */
    assert_false(pmm_is_free(&p, a + 0x3000));
    assert_int_equal(p.free_frames, before);
    assert_int_equal(pmm_free(&p, a, 4), PMM_OK);
    assert_int_equal(pmm_free(&p, a, 4), PMM_E_INVALID); /* double free */
    assert_int_equal(p.free_frames, before + 4);
}

static void test_exhaustion(void **state)
{
    paddr_t a;
    size_t n = 0;

    (void)state;
    fresh();
    size_t total = p.free_frames;
    while (pmm_alloc(&p, 1, 1, &a) == PMM_OK)
        n++;
    assert_int_equal(n, total);
    assert_int_equal(p.free_frames, 0);
    assert_int_equal(pmm_free(&p, 0x500000, 1), PMM_OK);
    assert_int_equal(pmm_alloc(&p, 1, 1, &a), PMM_OK);
    assert_int_equal(a, 0x500000);
}

/* Random operations checked against a shadow array. */
static void test_matches_shadow_model(void **state)
{
    static bool used[NFRAMES];
    struct {
        paddr_t base;
        size_t count;
    } live[512];
    size_t nlive = 0;

    (void)state;
    fresh();
    for (size_t f = 0; f < NFRAMES; f++)
        used[f] = !pmm_is_free(&p, f << 12);
    srand(4242);
    for (int op = 0; op < 40000; op++) {
        if (nlive < 512 && (nlive == 0 || rand() % 3 != 0)) {
            size_t count = 1 + (size_t)(rand() % 40);
            size_t align = 1u << (rand() % 6);
            paddr_t a;
            int err = pmm_alloc(&p, count, align, &a);
            if (err == PMM_E_NOMEM)
                continue;
            assert_int_equal(err, PMM_OK);
            size_t f0 = a >> 12;
            assert_int_equal(f0 % align, 0);
            for (size_t i = 0; i < count; i++) {
                assert_false(used[f0 + i]); /* never hands out a used frame */
                used[f0 + i] = true;
            }
            live[nlive].base = a;
            live[nlive].count = count;
            nlive++;
        } else {
            size_t i = (size_t)rand() % nlive;
            assert_int_equal(pmm_free(&p, live[i].base, live[i].count), PMM_OK);
            for (size_t k = 0; k < live[i].count; k++)
                used[(live[i].base >> 12) + k] = false;
            live[i] = live[--nlive];
        }
        if (op % 1000 == 0) {
            size_t free_count = 0;
            for (size_t f = 0; f < NFRAMES; f++) {
                assert_int_equal(pmm_is_free(&p, f << 12), !used[f]);
                free_count += !used[f];
            }
            assert_int_equal(p.free_frames, free_count);
        }
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_init_rounds_ranges),
        cmocka_unit_test(test_alignment_and_contiguity),
        cmocka_unit_test(test_bad_frees_change_nothing),
        cmocka_unit_test(test_exhaustion),
        cmocka_unit_test(test_matches_shadow_model),
    };
    return cmocka_run_group_tests_name("kernel.pmm", tests, NULL, NULL);
}

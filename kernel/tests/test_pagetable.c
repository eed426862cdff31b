/*
 * Page-table code over a fake physical memory of 4 KiB tables. The expected
 * table contents are written out by hand from the SDM's address split
 * (4.5: PML4 bits 47:39, PDPT 38:30, PD 29:21, PT 20:12) rather than computed
 * with the code under test.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include <arch/pagetable.h>

#define NTABLES 64
static uint64_t tables[NTABLES][512] __attribute__((aligned(4096)));
static size_t used_tables;
static size_t table_limit;

/* Table i lives at "physical" address (i + 1) * 4 KiB. */
static uint64_t *table_at(void *ctx, paddr_t pa)
{
    (void)ctx;
    assert_true(pa >= 0x1000 && pa % 0x1000 == 0 && pa / 0x1000 <= NTABLES);
    return tables[pa / 0x1000 - 1];
}

static int table_alloc(void *ctx, paddr_t *pa)
{
    (void)ctx;
    if (used_tables >= table_limit)
        return -1;
    memset(tables[used_tables], 0, 4096);
    *pa = (used_tables + 1) * 0x1000ull;
    used_tables++;
    return 0;
}

static const struct pt_ops ops = {.table = table_at, .alloc = table_alloc};
static paddr_t root;

static int setup(void **state)
{
    (void)state;
    used_tables = 0;
    table_limit = NTABLES;
    table_alloc(NULL, &root);
    return 0;
}

static void test_4k_mapping_layout(void **state)
{
    struct pt_walk w;
    /* 0xffff800000201000: PML4 256, PDPT 0, PD 1, PT 1 */
    const vaddr_t va = 0xffff800000201000ull;

    (void)state;
    assert_int_equal(pt_map(&ops, root, va, 0x7654000, PAGE_SIZE, PTE_W | PTE_NX), PT_OK);
    assert_int_equal(used_tables, 4);
    uint64_t pml4e = tables[0][256];
    assert_int_equal(pml4e & 0xfff, PTE_P | PTE_W);
    assert_int_equal(pml4e & PTE_ADDR_MASK, 0x2000);
    assert_int_equal(tables[1][0] & PTE_ADDR_MASK, 0x3000);
    assert_int_equal(tables[2][1] & PTE_ADDR_MASK, 0x4000);
    assert_int_equal(tables[3][1], 0x7654000 | PTE_P | PTE_W | PTE_NX);
    for (int i = 0; i < 512; i++) {
        if (i != 256)
            assert_int_equal(tables[0][i], 0);
    }

    assert_int_equal(pt_lookup(&ops, root, va + 0x123, &w), PT_OK);
    assert_int_equal(w.pa, 0x7654123);
    assert_int_equal(w.size, PAGE_SIZE);
    assert_true(w.writable);
    assert_false(w.executable);
    assert_false(w.user);
    assert_int_equal(pt_lookup(&ops, root, va + 0x1000, &w), PT_E_NOT_MAPPED);
}

static void test_large_pages(void **state)
{
    struct pt_walk w;

    (void)state;
    assert_int_equal(pt_map(&ops, root, 0x40000000, 0x80000000, PAGE_SIZE_1G, PTE_U), PT_OK);
    assert_int_equal(tables[1][1], 0x80000000 | PTE_P | PTE_U | PTE_PS);
    assert_int_equal(pt_lookup(&ops, root, 0x4abcdef0, &w), PT_OK);
    assert_int_equal(w.pa, 0x8abcdef0);
    assert_int_equal(w.size, PAGE_SIZE_1G);
    assert_true(w.user && w.executable && !w.writable);

    assert_int_equal(pt_map(&ops, root, 0x200000, 0x600000, PAGE_SIZE_2M, PTE_W), PT_OK);
    assert_int_equal(pt_lookup(&ops, root, 0x3fffff, &w), PT_OK);
    assert_int_equal(w.pa, 0x7fffff);
    assert_int_equal(w.size, PAGE_SIZE_2M);

    /* Something inside an existing large page, or a large page over tables. */
    assert_int_equal(pt_map(&ops, root, 0x201000, 0x1000, PAGE_SIZE, 0), PT_E_EXISTS);
    assert_int_equal(pt_map(&ops, root, 0x40200000, 0, PAGE_SIZE_2M, 0), PT_E_EXISTS);
    assert_int_equal(pt_map(&ops, root, 0x400000, 0x1000, PAGE_SIZE, 0), PT_OK);
    assert_int_equal(pt_map(&ops, root, 0x400000, 0x200000, PAGE_SIZE_2M, 0), PT_E_EXISTS);
}

static void test_rejects_bad_arguments(void **state)
{
    (void)state;
    assert_int_equal(pt_map(&ops, root, 0x1001, 0, PAGE_SIZE, 0), PT_E_ALIGN);
    assert_int_equal(pt_map(&ops, root, 0x1000, 0x10, PAGE_SIZE, 0), PT_E_ALIGN);
    assert_int_equal(pt_map(&ops, root, 0x200000, 0x1000, PAGE_SIZE_2M, 0), PT_E_ALIGN);
    assert_int_equal(pt_map(&ops, root, 0x0000800000000000ull, 0, PAGE_SIZE, 0), PT_E_NONCANONICAL);
    assert_int_equal(pt_map(&ops, root, 0x1000, 0, 8192, 0), PT_E_INVALID);
    assert_int_equal(pt_map(&ops, root, 0x1000, 0, PAGE_SIZE, PTE_PS), PT_E_INVALID);
    assert_int_equal(pt_map(&ops, root, 0x1000, 1ull << 52, PAGE_SIZE, 0), PT_E_ALIGN);
    assert_int_equal(used_tables, 1); /* nothing was allocated on the way */
    assert_true(pt_canonical(0xffff800000000000ull));
    assert_false(pt_canonical(0xfff0800000000000ull));
}

static void test_unmap_and_out_of_memory(void **state)
{
    uint64_t size;
    struct pt_walk w;

    (void)state;
    assert_int_equal(pt_map(&ops, root, 0x5000, 0x9000, PAGE_SIZE, PTE_W), PT_OK);
    assert_int_equal(pt_unmap(&ops, root, 0x5000, &size), PT_OK);
    assert_int_equal(size, PAGE_SIZE);
    assert_int_equal(pt_lookup(&ops, root, 0x5000, &w), PT_E_NOT_MAPPED);
    assert_int_equal(pt_unmap(&ops, root, 0x5000, &size), PT_E_NOT_MAPPED);
    assert_int_equal(pt_map(&ops, root, 0x5000, 0xa000, PAGE_SIZE, 0), PT_OK); /* reusable */

    table_limit = used_tables + 1; /* room for a PDPT but not the PD below it */
    assert_int_equal(pt_map(&ops, root, 0x8000000000ull, 0, PAGE_SIZE, 0), PT_E_NOMEM);
}

static void test_user_leaf_marks_path_user(void **state)
{
    struct pt_walk w;

    (void)state;
    assert_int_equal(pt_map(&ops, root, 0x400000, 0x1000, PAGE_SIZE, 0), PT_OK);
    assert_int_equal(pt_lookup(&ops, root, 0x400000, &w), PT_OK);
    assert_false(w.user);
    assert_int_equal(pt_map(&ops, root, 0x401000, 0x2000, PAGE_SIZE, PTE_U | PTE_W), PT_OK);
    assert_true(tables[0][0] & PTE_U);
    assert_int_equal(pt_lookup(&ops, root, 0x401000, &w), PT_OK);
    assert_true(w.user && w.writable);
    assert_int_equal(pt_lookup(&ops, root, 0x400000, &w), PT_OK);
    assert_false(w.user); /* the kernel leaf beside it stays kernel-only */
}

static void test_map_range_uses_large_pages(void **state)
{
    struct pt_walk w;

    (void)state;
    /* 4 KiB up to the 2 MiB boundary, then 2 MiB pages, then 4 KiB again. */
    assert_int_equal(pt_map_range(&ops, root, 0x1ff000, 0x1ff000, 0x403000, PTE_W, true), PT_OK);
    assert_int_equal(pt_lookup(&ops, root, 0x1ff000, &w), PT_OK);
    assert_int_equal(w.size, PAGE_SIZE);
    assert_int_equal(pt_lookup(&ops, root, 0x200000, &w), PT_OK);
    assert_int_equal(w.size, PAGE_SIZE_2M);
    assert_int_equal(pt_lookup(&ops, root, 0x400000, &w), PT_OK);
    assert_int_equal(w.size, PAGE_SIZE_2M);
    assert_int_equal(pt_lookup(&ops, root, 0x601000, &w), PT_OK);
    assert_int_equal(w.size, PAGE_SIZE);
    assert_int_equal(w.pa, 0x601000);
    assert_int_equal(pt_lookup(&ops, root, 0x602000, &w), PT_E_NOT_MAPPED);
    assert_int_equal(pt_map_range(&ops, root, 0x1000, 0x1000, 0x800, 0, false), PT_E_ALIGN);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup(test_4k_mapping_layout, setup),
        cmocka_unit_test_setup(test_large_pages, setup),
        cmocka_unit_test_setup(test_rejects_bad_arguments, setup),
        cmocka_unit_test_setup(test_unmap_and_out_of_memory, setup),
        cmocka_unit_test_setup(test_user_leaf_marks_path_user, setup),
        cmocka_unit_test_setup(test_map_range_uses_large_pages, setup),
    };
    return cmocka_run_group_tests_name("kernel.pagetable", tests, NULL, NULL);
}

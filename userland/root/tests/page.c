/*
 * Pages: map, unmap, remap and info; sharing a page through two
 * capabilities; rights enforced by the MMU (a child task does the access
 * that must fault); fresh pages are zero; and every refused mapping.
 */
#include <string.h>
#include <hl/invoke.h>
#include <vulcan/vulcan.h>

#define RW (HL_RIGHT_READ | HL_RIGHT_WRITE)
#define PAGE (1ull << HL_PAGE_BITS)
#define MiB2 (1ull << HL_LARGE_PAGE_BITS)
#define PF_VECTOR 14
#define FAULT_WAIT_TICKS 200

static int write_at(void *addr)
{
    *(volatile uint64_t *)addr = 0xdeadbeef;
    return 0;
}

static int read_at(void *addr)
{
    return (int)*(volatile uint64_t *)addr;
}

static int call_at(void *addr)
{
    return ((int (*)(void))addr)();
}

/* Runs fn(addr) in a child task and checks it ends with a page fault on
 * addr (expect_fault) or exits normally. */
static void child_access(struct utest_env *env, hl_thread_fn fn, uint64_t addr, bool expect_fault)
{
    uint32_t task = ut_spawn(env, fn, (void *)(uintptr_t)addr, UT_PRIORITY, true);
    unsigned want = expect_fault ? HL_TASK_FAULTED : HL_TASK_EXITED;
    struct hl_task_info info = {0};

    UT_CHECK_EQ(ut_wait_state(task, want, FAULT_WAIT_TICKS), want);
    UT_REQUIRE_OK(hl_task_info(task, &info, NULL));
    if (expect_fault) {
        UT_CHECK_EQ(info.fault_vector, PF_VECTOR);
        UT_CHECK_EQ(info.fault_addr, addr);
    }
}

UTEST(page, map_write_read_through_a_copy)
{
    uint32_t page = ut_object(env, HL_CAP_PAGE, HL_PAGE_BITS), copy = ut_slot(env);
    uint64_t a = ut_vaddr(env, PAGE, false), b = ut_vaddr(env, PAGE, false);
    struct hl_page_info ia = {0}, ib = {0};

    UT_REQUIRE_OK(ut_map(env, page, a, RW));
    UT_REQUIRE_OK(hl_cspace_copy(env->cspace, copy, env->cspace, page));
    UT_REQUIRE_OK(ut_map(env, copy, b, HL_RIGHT_READ));
    memcpy((void *)(uintptr_t)a, "shared page", 12);
    UT_CHECK_EQ(memcmp((void *)(uintptr_t)b, "shared page", 12), 0);
    UT_CHECK_OK(hl_page_info(page, &ia));
    UT_CHECK_OK(hl_page_info(copy, &ib));
    UT_CHECK_EQ(ia.phys, ib.phys);
    UT_CHECK_EQ(ia.vaddr, a);
    UT_CHECK_EQ(ib.vaddr, b);
    UT_CHECK_EQ(ia.size, PAGE);
}

UTEST(page, fresh_pages_are_zero)
{
    uint32_t sub = ut_memory(env, 16);
    uint32_t d = ut_slot(env);
    uint64_t va = ut_vaddr(env, PAGE, false);

    for (int round = 0; round < 2; round++) {
        UT_REQUIRE_OK(hl_memory_retype(sub, HL_CAP_PAGE, HL_PAGE_BITS, env->cspace, d, 1));
        UT_REQUIRE_OK(ut_map(env, d, va, RW));
        const volatile uint64_t *p = (const volatile uint64_t *)(uintptr_t)va;
        unsigned nonzero = 0;
        for (unsigned i = 0; i < PAGE / 8; i++)
            nonzero += p[i] != 0;
        UT_CHECK_EQ(nonzero, 0);
        memset((void *)(uintptr_t)va, 0xa5, PAGE);
        UT_REQUIRE_OK(hl_cspace_revoke(env->cspace, sub));
    }
}

UTEST(page, info)
{
    uint32_t page = ut_object(env, HL_CAP_PAGE, HL_PAGE_BITS);
    struct hl_page_info info = {.mapped = 7, .vaddr = 7};

    UT_CHECK_OK(hl_page_info(page, &info));
    UT_CHECK_EQ(info.size, PAGE);
    UT_CHECK_EQ(info.mapped, 0);
    UT_CHECK_EQ(info.phys & (PAGE - 1), 0);
    UT_CHECK(info.phys != 0);
    UT_CHECK_ERR(hl_page_info(page, (struct hl_page_info *)1), E_FAULT);
    UT_CHECK_ERR(hl_page_info(page, (struct hl_page_info *)0xffffffff80000000ull), E_FAULT);
    UT_CHECK_ERR(hl_page_info(page, (struct hl_page_info *)HL_BOOTINFO_VADDR), E_FAULT);
}

UTEST(page, map_twice)
{
    uint32_t page = ut_object(env, HL_CAP_PAGE, HL_PAGE_BITS);
    uint32_t other = ut_object(env, HL_CAP_PAGE, HL_PAGE_BITS);
    uint64_t a = ut_vaddr(env, PAGE, false), b = ut_vaddr(env, PAGE, false);
    struct hl_page_info info = {0};

    UT_REQUIRE_OK(ut_map(env, page, a, RW));
    UT_CHECK_ERR(hl_page_map(page, env->vspace, b, RW), E_MAPPED);
    UT_CHECK_ERR(hl_page_map(page, env->vspace, a, RW), E_MAPPED);
    UT_CHECK_ERR(hl_page_map(other, env->vspace, a, RW), E_MAPPED);
    UT_CHECK_OK(hl_page_info(other, &info));
    UT_CHECK_EQ(info.mapped, 0);
    UT_CHECK_OK(hl_page_info(page, &info));
    UT_CHECK_EQ(info.vaddr, a);
}

UTEST(page, map_misaligned)
{
    /* The 2 MiB page first, so the 4 MiB of the case keep room after it. */
    uint32_t large = ut_object(env, HL_CAP_PAGE, HL_LARGE_PAGE_BITS);
    uint32_t page = ut_object(env, HL_CAP_PAGE, HL_PAGE_BITS);
    uint64_t a = ut_vaddr(env, 2 * MiB2, true);

    UT_REQUIRE_OK(ut_map(env, page, a, RW)); /* makes the tables */
    UT_REQUIRE_OK(hl_page_unmap(page));
    UT_CHECK_ERR(hl_page_map(page, env->vspace, a + 1, RW), E_ALIGN);
    UT_CHECK_ERR(hl_page_map(page, env->vspace, a + 0x800, RW), E_ALIGN);
    UT_CHECK_ERR(hl_page_map(large, env->vspace, a + MiB2 + PAGE, RW), E_ALIGN);
    UT_CHECK_OK(hl_page_map(page, env->vspace, a + PAGE, RW));
}

UTEST(page, map_kernel_half_and_noncanonical)
{
    static const uint64_t bad[] = {
        HL_USER_TOP,           0x0000800000001000ull, 0x00ff000000000000ull, 0x8000000000000000ull,
        0xffff800000000000ull, 0xffffffff80000000ull, 0xfffffffffffff000ull,
    };
    uint32_t page = ut_object(env, HL_CAP_PAGE, HL_PAGE_BITS);
    struct hl_page_info info = {0};

    for (unsigned i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
        UT_CHECK_ERR(hl_page_map(page, env->vspace, bad[i], RW), E_RANGE);
    UT_CHECK_OK(hl_page_info(page, &info));
    UT_CHECK_EQ(info.mapped, 0);
}

UTEST(page, map_rights)
{
    uint32_t page = ut_object(env, HL_CAP_PAGE, HL_PAGE_BITS);
    uint32_t ro = ut_slot(env), rw = ut_slot(env);
    uint64_t va = ut_vaddr(env, PAGE, false);

    UT_REQUIRE_OK(hl_cspace_mint(env->cspace, ro, env->cspace, page, HL_RIGHT_READ, 0));
    UT_REQUIRE_OK(hl_cspace_mint(env->cspace, rw, env->cspace, page, RW, 0));
    UT_CHECK_ERR(ut_map(env, ro, va, RW), E_NO_RIGHTS);
    UT_CHECK_ERR(ut_map(env, ro, va, HL_RIGHT_READ | HL_RIGHT_EXEC), E_NO_RIGHTS);
    UT_CHECK_ERR(ut_map(env, rw, va, RW | HL_RIGHT_EXEC), E_NO_RIGHTS);
    /* Unknown right bits, and a mapping that cannot be read. */
    UT_CHECK_ERR(ut_map(env, page, va, RW | 0x100), E_INVALID_ARG);
    UT_CHECK_ERR(ut_map(env, page, va, HL_RIGHT_WRITE), E_INVALID_ARG);
    UT_CHECK_OK(ut_map(env, ro, va, HL_RIGHT_READ));
}

UTEST(page, read_only_mapping_faults_on_write)
{
    uint32_t page = ut_object(env, HL_CAP_PAGE, HL_PAGE_BITS);
    uint64_t va = ut_vaddr(env, PAGE, false);

    UT_REQUIRE_OK(ut_map(env, page, va, HL_RIGHT_READ));
    child_access(env, read_at, va, false);
    child_access(env, write_at, va + 8, true);
    /* The root task's boot info page is read-only too. */
    child_access(env, write_at, HL_BOOTINFO_VADDR + 16, true);
}

UTEST(page, remap_changes_rights)
{
    uint32_t page = ut_object(env, HL_CAP_PAGE, HL_PAGE_BITS), ro = ut_slot(env);
    uint64_t va = ut_vaddr(env, PAGE, false);

    UT_REQUIRE_OK(ut_map(env, page, va, RW));
    *(volatile uint64_t *)(uintptr_t)va = 1;
    UT_CHECK_OK(hl_page_remap(page, HL_RIGHT_READ));
    child_access(env, write_at, va, true);
    UT_CHECK_EQ(*(volatile uint64_t *)(uintptr_t)va, 1);
    UT_CHECK_OK(hl_page_remap(page, RW));
    child_access(env, write_at, va, false);
    UT_CHECK_EQ(*(volatile uint64_t *)(uintptr_t)va, 0xdeadbeef);
    /* Remap cannot exceed the capability's rights, nor work unmapped. */
    UT_REQUIRE_OK(hl_cspace_mint(env->cspace, ro, env->cspace, page, HL_RIGHT_READ, 0));
    UT_CHECK_ERR(hl_page_remap(ro, HL_RIGHT_READ), E_NOT_MAPPED);
    UT_REQUIRE_OK(hl_page_unmap(page));
    UT_REQUIRE_OK(ut_map(env, ro, va, HL_RIGHT_READ));
    UT_CHECK_ERR(hl_page_remap(ro, RW), E_NO_RIGHTS);
}

UTEST(page, unmap)
{
    uint32_t page = ut_object(env, HL_CAP_PAGE, HL_PAGE_BITS);
    uint64_t va = ut_vaddr(env, PAGE, false);
    struct hl_page_info info = {0};

    UT_REQUIRE_OK(ut_map(env, page, va, RW));
    *(volatile uint64_t *)(uintptr_t)va = 5;
    UT_CHECK_OK(hl_page_unmap(page));
    UT_CHECK_OK(hl_page_info(page, &info));
    UT_CHECK_EQ(info.mapped, 0);
    UT_CHECK_ERR(hl_page_unmap(page), E_NOT_MAPPED);
    child_access(env, read_at, va, true);
    /* Mapped again, the contents are still there. */
    UT_CHECK_OK(hl_page_map(page, env->vspace, va, RW));
    UT_CHECK_EQ(*(volatile uint64_t *)(uintptr_t)va, 5);
}

UTEST(page, delete_unmaps)
{
    uint32_t page = ut_object(env, HL_CAP_PAGE, HL_PAGE_BITS), copy = ut_slot(env);
    uint64_t va = ut_vaddr(env, PAGE, false);

    UT_REQUIRE_OK(hl_cspace_copy(env->cspace, copy, env->cspace, page));
    UT_REQUIRE_OK(ut_map(env, copy, va, RW));
    UT_CHECK_OK(hl_cspace_delete(env->cspace, copy));
    child_access(env, read_at, va, true);
}

UTEST(page, large_page)
{
    uint32_t large = ut_object(env, HL_CAP_PAGE, HL_LARGE_PAGE_BITS);
    uint64_t va = ut_vaddr(env, MiB2, true);
    volatile uint8_t *p = (volatile uint8_t *)(uintptr_t)va;
    struct hl_page_info info = {0};

    UT_REQUIRE_OK(ut_map(env, large, va, RW));
    UT_CHECK_OK(hl_page_info(large, &info));
    UT_CHECK_EQ(info.size, MiB2);
    UT_CHECK_EQ(info.vaddr, va);
    UT_CHECK_EQ(p[0], 0);
    UT_CHECK_EQ(p[MiB2 - 1], 0);
    p[0] = 1;
    p[MiB2 - 1] = 2;
    UT_CHECK_EQ(p[0] + p[MiB2 - 1], 3);
}

UTEST(page, exec_right)
{
    uint32_t page = ut_object(env, HL_CAP_PAGE, HL_PAGE_BITS), nx = ut_slot(env);
    uint64_t code = ut_vaddr(env, PAGE, false), data = ut_vaddr(env, PAGE, false);
    static const uint8_t ret42[] = {0xb8, 42, 0, 0, 0, 0xc3}; /* mov $42, %eax; ret */
    struct hl_task_info info = {0};

    UT_REQUIRE_OK(ut_map(env, page, code, RW | HL_RIGHT_EXEC));
    memcpy((void *)(uintptr_t)code, ret42, sizeof(ret42));
    UT_CHECK_EQ(call_at((void *)(uintptr_t)code), 42);
    /* The same bytes through a mapping without EXEC cannot run. */
    UT_REQUIRE_OK(hl_cspace_copy(env->cspace, nx, env->cspace, page));
    UT_REQUIRE_OK(ut_map(env, nx, data, RW));
    uint32_t task = ut_spawn(env, call_at, (void *)(uintptr_t)data, UT_PRIORITY, true);
    UT_CHECK_EQ(ut_wait_state(task, HL_TASK_FAULTED, FAULT_WAIT_TICKS), HL_TASK_FAULTED);
    UT_CHECK_OK(hl_task_info(task, &info, NULL));
    UT_CHECK_EQ(info.fault_vector, PF_VECTOR);
    UT_CHECK_EQ(info.fault_addr, data);
}

UTEST(page, wrong_cap_types)
{
    uint32_t page = ut_object(env, HL_CAP_PAGE, HL_PAGE_BITS), pt = ut_object(env, HL_CAP_PT, 0);
    uint32_t empty = ut_slot(env);

    UT_CHECK_ERR(hl_page_map(page, pt, 0, RW), E_WRONG_TYPE);
    UT_CHECK_ERR(hl_page_map(page, env->cspace, 0, RW), E_WRONG_TYPE);
    UT_CHECK_ERR(hl_page_map(page, empty, 0, RW), E_SLOT_EMPTY);
    UT_CHECK_ERR(hl_page_map(page, 1u << env->bi->cspace_bits, 0, RW), E_INVALID_CADDR);
    UT_CHECK_ERR(hl_invoke(page, HL_TABLE_MAP, env->vspace, 0, 0, 0, NULL), E_INVALID_LABEL);
    UT_CHECK_ERR(hl_invoke(page, HL_CSPACE_COPY, 0, 0, 0, 0, NULL), E_INVALID_LABEL);
}

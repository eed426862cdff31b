/*
 * Memory (untyped) capabilities: retype of every object type, the
 * watermark, info, revoke making the memory whole again, device memory,
 * and every documented error leaving the memory and the slots untouched.
 */
#include <stdio.h>
#include <hl/invoke.h>
#include <vulcan/vulcan.h>

#define KiB4 (1ull << HL_PAGE_BITS)

static const struct {
    unsigned type;
    unsigned bits;
} all_types[] = {
    {HL_CAP_TASK, 0},    {HL_CAP_VSPACE, 0},
    {HL_CAP_PDPT, 0},    {HL_CAP_PD, 0},
    {HL_CAP_PT, 0},      {HL_CAP_PAGE, HL_PAGE_BITS},
    {HL_CAP_MEMORY, 12}, {HL_CAP_CSPACE, 12 - HL_SLOT_BITS},
};
#define NTYPES (sizeof(all_types) / sizeof(all_types[0]))

UTEST(memory, info_reports_the_case_memory)
{
    struct hl_memory_info info = {0};

    UT_REQUIRE_OK(hl_memory_info(env->memory, &info));
    UT_CHECK_EQ(info.size, env->memory_size);
    UT_CHECK_EQ(info.free, env->memory_size);
    UT_CHECK_EQ(info.device, 0);
    /* Objects are aligned to their size (2 MiB pages rely on it). */
    UT_CHECK_EQ(info.base & (env->memory_size - 1), 0);
}

/* Shared: the root task's Memory capabilities cannot be copied. */
UTEST_SHARED(memory, bootinfo_regions_match_their_caps)
{
    const struct hl_bootinfo *bi = env->bi;

    UT_REQUIRE(bi->nmemory > 0 && bi->nmemory <= HL_BOOTINFO_MAX_MEMORY);
    for (uint32_t i = 0; i < bi->nmemory; i++) {
        struct hl_memory_info info = {0};
        UT_CHECK_EQ(ut_cap_type(env, bi->memory[i].slot), HL_CAP_MEMORY);
        UT_CHECK_OK(hl_memory_info(bi->memory[i].slot, &info));
        UT_CHECK_EQ(info.base, bi->memory[i].base);
        UT_CHECK_EQ(info.size, bi->memory[i].size);
        UT_CHECK_EQ(info.device, bi->memory[i].device);
        for (uint32_t m = 0; m < bi->nmodules && m < HL_BOOTINFO_MAX_MODULES; m++) {
            const struct hl_bootinfo_module *mod = &bi->modules[m];
            /* Modules are covered by no Memory capability. */
            UT_CHECK(mod->base + mod->size <= info.base || info.base + info.size <= mod->base);
        }
        for (uint32_t j = 0; j < i; j++)
            UT_CHECK(bi->memory[j].base + bi->memory[j].size <= info.base ||
                     info.base + info.size <= bi->memory[j].base);
    }
}

UTEST(memory, retype_each_type)
{
    uint64_t before = ut_free(env->memory);

    for (unsigned i = 0; i < NTYPES; i++) {
        uint32_t slot = ut_object(env, all_types[i].type, all_types[i].bits);
        struct hl_cap_info info = {0};
        unsigned type = 0;
        UT_CHECK_OK(hl_cspace_identify(env->cspace, slot, &info, &type));
        UT_CHECK_EQ(type, all_types[i].type);
        UT_CHECK_EQ(info.type, all_types[i].type);
        UT_CHECK_EQ(info.rights, HL_RIGHTS_ALL);
    }
    /* Every object above takes exactly 4 KiB, so no alignment padding. */
    UT_CHECK_EQ(before - ut_free(env->memory), NTYPES * KiB4);
}

UTEST(memory, retype_count_fills_consecutive_slots)
{
    uint32_t d = ut_slots(env, 6);
    uint64_t before = ut_free(env->memory);
    uint64_t objects[5];

    UT_REQUIRE_OK(hl_memory_retype(env->memory, HL_CAP_PAGE, HL_PAGE_BITS, env->cspace, d, 5));
    for (uint32_t i = 0; i < 5; i++) {
        struct hl_cap_info info = {0};
        UT_CHECK_OK(hl_cspace_identify(env->cspace, d + i, &info, NULL));
        UT_CHECK_EQ(info.type, HL_CAP_PAGE);
        objects[i] = info.object;
        for (uint32_t j = 0; j < i; j++)
            UT_CHECK(objects[j] != objects[i]);
    }
    UT_CHECK(ut_slot_empty(env, d + 5));
    UT_CHECK_EQ(before - ut_free(env->memory), 5 * KiB4);
}

UTEST(memory, retype_aligns_objects_to_their_size)
{
    uint32_t cs = ut_object(env, HL_CAP_CSPACE, 4); /* 1 KiB */
    uint32_t page = ut_object(env, HL_CAP_PAGE, HL_PAGE_BITS);
    uint32_t large = ut_object(env, HL_CAP_PAGE, HL_LARGE_PAGE_BITS);
    struct hl_page_info p = {0}, l = {0};

    (void)cs;
    UT_REQUIRE_OK(hl_page_info(page, &p));
    UT_REQUIRE_OK(hl_page_info(large, &l));
    UT_CHECK_EQ(p.phys & (KiB4 - 1), 0);
    UT_CHECK_EQ(p.size, KiB4);
    UT_CHECK_EQ(l.phys & ((1ull << HL_LARGE_PAGE_BITS) - 1), 0);
    UT_CHECK_EQ(l.size, 1ull << HL_LARGE_PAGE_BITS);
    /* The 1 KiB CSpace went first; the page is padded up to 4 KiB. */
    UT_CHECK(ut_free(env->memory) <= env->memory_size - KiB4 - KiB4 - (1ull << 21));
}

UTEST(memory, retype_into_occupied_slot_changes_nothing)
{
    uint32_t d = ut_slots(env, 3);
    uint64_t before;

    UT_REQUIRE_OK(hl_cspace_copy(env->cspace, d + 2, env->cspace, env->vspace));
    before = ut_free(env->memory);
    UT_CHECK_ERR(hl_memory_retype(env->memory, HL_CAP_PAGE, HL_PAGE_BITS, env->cspace, d, 3),
                 E_SLOT_OCCUPIED);
    UT_CHECK_ERR(hl_memory_retype(env->memory, HL_CAP_PAGE, HL_PAGE_BITS, env->cspace, d + 2, 1),
                 E_SLOT_OCCUPIED);
    UT_CHECK_EQ(ut_free(env->memory), before);
    UT_CHECK(ut_slot_empty(env, d));
    UT_CHECK(ut_slot_empty(env, d + 1));
    UT_CHECK_EQ(ut_cap_type(env, d + 2), HL_CAP_VSPACE);
}

UTEST(memory, retype_beyond_cspace)
{
    uint32_t size = 1u << env->bi->cspace_bits;
    uint64_t before = ut_free(env->memory);

    UT_CHECK_ERR(hl_memory_retype(env->memory, HL_CAP_PAGE, HL_PAGE_BITS, env->cspace, size, 1),
                 E_INVALID_CADDR);
    UT_CHECK_ERR(
        hl_memory_retype(env->memory, HL_CAP_PAGE, HL_PAGE_BITS, env->cspace, 0xffffffffu, 1),
        E_INVALID_CADDR);
    /* The first slot is inside, the second is not. */
    UT_CHECK_ERR(hl_memory_retype(env->memory, HL_CAP_PAGE, HL_PAGE_BITS, env->cspace, size - 1, 2),
                 E_RANGE);
    UT_CHECK_EQ(ut_free(env->memory), before);
    UT_CHECK(ut_slot_empty(env, size - 1));
}

UTEST(memory, retype_dest_not_a_cspace)
{
    uint32_t d = ut_slot(env), empty = ut_slot(env);
    uint64_t before = ut_free(env->memory);

    UT_CHECK_ERR(hl_memory_retype(env->memory, HL_CAP_PAGE, HL_PAGE_BITS, env->vspace, d, 1),
                 E_WRONG_TYPE);
    UT_CHECK_ERR(hl_memory_retype(env->memory, HL_CAP_PAGE, HL_PAGE_BITS, env->memory, d, 1),
                 E_WRONG_TYPE);
    UT_CHECK_ERR(hl_memory_retype(env->memory, HL_CAP_PAGE, HL_PAGE_BITS, empty, d, 1),
                 E_SLOT_EMPTY);
    UT_CHECK_ERR(
        hl_memory_retype(env->memory, HL_CAP_PAGE, HL_PAGE_BITS, 1u << env->bi->cspace_bits, d, 1),
        E_INVALID_CADDR);
    UT_CHECK_EQ(ut_free(env->memory), before);
    UT_CHECK(ut_slot_empty(env, d));
}

UTEST(memory, retype_without_write_on_dest_cspace)
{
    uint32_t ro = ut_slot(env), d = ut_slot(env);
    uint64_t before = ut_free(env->memory);

    UT_REQUIRE_OK(hl_cspace_mint(env->cspace, ro, env->cspace, env->cspace, HL_RIGHT_READ, 0));
    UT_CHECK_ERR(hl_memory_retype(env->memory, HL_CAP_PAGE, HL_PAGE_BITS, ro, d, 1), E_NO_RIGHTS);
    UT_CHECK_EQ(ut_free(env->memory), before);
    UT_CHECK(ut_slot_empty(env, d));
}

UTEST(memory, retype_too_large)
{
    uint32_t sub = ut_memory(env, 16); /* 64 KiB: 16 pages */
    uint32_t d = ut_slots(env, 17);

    UT_CHECK_ERR(
        hl_memory_retype(env->memory, HL_CAP_MEMORY, UT_MEMORY_BITS + 1, env->cspace, d, 1),
        E_NOMEM);
    UT_CHECK_ERR(hl_memory_retype(sub, HL_CAP_PAGE, HL_PAGE_BITS, env->cspace, d, 17), E_NOMEM);
    UT_CHECK_ERR(hl_memory_retype(sub, HL_CAP_PAGE, HL_LARGE_PAGE_BITS, env->cspace, d, 1),
                 E_NOMEM);
    UT_CHECK_ERR(hl_memory_retype(sub, HL_CAP_MEMORY, 47, env->cspace, d, 1), E_NOMEM);
    UT_CHECK_ERR(
        hl_memory_retype(sub, HL_CAP_PAGE, HL_PAGE_BITS, env->cspace, d, HL_RETYPE_MAX_COUNT),
        E_NOMEM);
    UT_CHECK_EQ(ut_free(sub), 1ull << 16);
    UT_CHECK(ut_slot_empty(env, d));
    /* Exactly full, then not one byte more. */
    UT_CHECK_OK(hl_memory_retype(sub, HL_CAP_PAGE, HL_PAGE_BITS, env->cspace, d, 16));
    UT_CHECK_EQ(ut_free(sub), 0);
    UT_CHECK_ERR(hl_memory_retype(sub, HL_CAP_PAGE, HL_PAGE_BITS, env->cspace, d + 16, 1), E_NOMEM);
    UT_CHECK_ERR(hl_memory_retype(sub, HL_CAP_CSPACE, 1, env->cspace, d + 16, 1), E_NOMEM);
    UT_CHECK(ut_slot_empty(env, d + 16));
}

UTEST(memory, retype_bad_size_bits)
{
    static const struct {
        unsigned type, bits;
        int err;
    } bad[] = {
        {HL_CAP_CSPACE, HL_CSPACE_MIN_BITS - 1, E_RANGE},
        {HL_CAP_CSPACE, HL_CSPACE_MAX_BITS + 1, E_RANGE},
        {HL_CAP_MEMORY, HL_MEMORY_MIN_BITS - 1, E_RANGE},
        {HL_CAP_MEMORY, 64, E_RANGE},
        {HL_CAP_PAGE, 13, E_INVALID_ARG},
        {HL_CAP_PAGE, 0, E_INVALID_ARG},
        {HL_CAP_PAGE, 30, E_INVALID_ARG},
    };
    uint32_t d = ut_slot(env);
    uint64_t before = ut_free(env->memory);

    for (unsigned i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
        if (!UT_CHECK_ERR(
                hl_memory_retype(env->memory, bad[i].type, bad[i].bits, env->cspace, d, 1),
                bad[i].err))
            printf("# (type %u, size_bits %u)\n", bad[i].type, bad[i].bits);
    }
    UT_CHECK_EQ(ut_free(env->memory), before);
    UT_CHECK(ut_slot_empty(env, d));
}

UTEST(memory, retype_types_not_made_from_memory)
{
    static const unsigned bad[] = {HL_CAP_NULL, HL_CAP_IOCONTROL, HL_CAP_IOPORT, HL_CAP_IRQCONTROL,
                                   HL_CAP_IRQ,  HL_CAP_NTYPES,    1000};
    uint32_t d = ut_slot(env);
    uint64_t before = ut_free(env->memory);

    for (unsigned i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
        if (!UT_CHECK_ERR(hl_memory_retype(env->memory, bad[i], 12, env->cspace, d, 1),
                          E_INVALID_ARG))
            printf("# (type %u)\n", bad[i]);
    }
    UT_CHECK_EQ(ut_free(env->memory), before);
    UT_CHECK(ut_slot_empty(env, d));
}

UTEST(memory, retype_count_out_of_range)
{
    uint32_t d = ut_slots(env, HL_RETYPE_MAX_COUNT + 1);
    uint64_t before = ut_free(env->memory);

    UT_CHECK_ERR(hl_memory_retype(env->memory, HL_CAP_PAGE, HL_PAGE_BITS, env->cspace, d, 0),
                 E_RANGE);
    UT_CHECK_ERR(hl_memory_retype(env->memory, HL_CAP_PAGE, HL_PAGE_BITS, env->cspace, d,
                                  HL_RETYPE_MAX_COUNT + 1),
                 E_RANGE);
    UT_CHECK_EQ(ut_free(env->memory), before);
    UT_CHECK(ut_slot_empty(env, d));
    UT_CHECK_OK(hl_memory_retype(env->memory, HL_CAP_PAGE, HL_PAGE_BITS, env->cspace, d,
                                 HL_RETYPE_MAX_COUNT));
    UT_CHECK_EQ(before - ut_free(env->memory), HL_RETYPE_MAX_COUNT * KiB4);
}

/* Shared: it retypes the root task's device Memory (no copy, no split). */
UTEST_SHARED(memory, device_memory_only_becomes_pages)
{
    const struct hl_bootinfo *bi = env->bi;
    uint32_t dev = HL_CPTR_NONE, d = ut_slot(env);

    for (uint32_t i = 0; i < bi->nmemory && dev == HL_CPTR_NONE; i++)
        if (bi->memory[i].device && bi->memory[i].size >= KiB4)
            dev = bi->memory[i].slot;
    if (dev == HL_CPTR_NONE) {
        UT_FAIL("the boot info lists no device memory region of a page or more");
        return;
    }
    uint64_t before = ut_free(dev);
    static const unsigned not_pages[] = {HL_CAP_TASK, HL_CAP_CSPACE, HL_CAP_VSPACE, HL_CAP_PT,
                                         HL_CAP_MEMORY};
    for (unsigned i = 0; i < sizeof(not_pages) / sizeof(not_pages[0]); i++)
        UT_CHECK_ERR(hl_memory_retype(dev, not_pages[i], 12, env->cspace, d, 1), E_INVALID_ARG);
    UT_CHECK_EQ(ut_free(dev), before);
    UT_CHECK(ut_slot_empty(env, d));
    if (before >= KiB4) {
        struct hl_memory_info info = {0};
        UT_CHECK_OK(hl_memory_retype(dev, HL_CAP_PAGE, HL_PAGE_BITS, env->cspace, d, 1));
        UT_CHECK_EQ(ut_cap_type(env, d), HL_CAP_PAGE);
        UT_CHECK_OK(hl_memory_info(dev, &info));
        UT_CHECK_EQ(info.device, 1);
    }
    /* The region belongs to the root task, not to this case: make it whole. */
    UT_CHECK_OK(hl_cspace_revoke(env->cspace, dev));
    UT_CHECK(ut_slot_empty(env, d));
}

UTEST(memory, caps_cannot_be_copied_or_minted)
{
    uint32_t d = ut_slot(env);

    UT_CHECK_ERR(hl_cspace_copy(env->cspace, d, env->cspace, env->memory), E_WRONG_TYPE);
    UT_CHECK_ERR(hl_cspace_mint(env->cspace, d, env->cspace, env->memory, HL_RIGHT_READ, 0),
                 E_WRONG_TYPE);
    UT_CHECK(ut_slot_empty(env, d));
}

UTEST(memory, info_bad_pointer)
{
    struct hl_memory_info ok = {0};

    UT_CHECK_ERR(hl_memory_info(env->memory, (struct hl_memory_info *)1), E_FAULT);
    UT_CHECK_ERR(hl_memory_info(env->memory, (struct hl_memory_info *)0), E_FAULT);
    UT_CHECK_ERR(hl_memory_info(env->memory, (struct hl_memory_info *)0xffff800000000000ull),
                 E_FAULT);
    UT_CHECK_ERR(hl_memory_info(env->memory, (struct hl_memory_info *)0xffffffff80000000ull),
                 E_FAULT);
    UT_CHECK_ERR(hl_memory_info(env->memory, (struct hl_memory_info *)0x0000800000000000ull),
                 E_FAULT);
    /* Straddling the end of the user half. */
    UT_CHECK_ERR(hl_memory_info(env->memory, (struct hl_memory_info *)(HL_USER_TOP - 8)), E_FAULT);
    /* The boot info page is mapped read-only. */
    UT_CHECK_ERR(hl_memory_info(env->memory, (struct hl_memory_info *)HL_BOOTINFO_VADDR), E_FAULT);
    UT_CHECK_OK(hl_memory_info(env->memory, &ok));
    UT_CHECK_EQ(ok.free, env->memory_size);
}

UTEST(memory, nested_memory_and_revoke)
{
    uint32_t child = ut_memory(env, 16);
    uint64_t parent_free = ut_free(env->memory);
    uint32_t grand = ut_slot(env), page = ut_slot(env);

    UT_REQUIRE_OK(hl_memory_retype(child, HL_CAP_MEMORY, 14, env->cspace, grand, 1));
    UT_REQUIRE_OK(hl_memory_retype(grand, HL_CAP_PAGE, HL_PAGE_BITS, env->cspace, page, 1));
    UT_CHECK_EQ(ut_free(child), (1ull << 16) - (1ull << 14));
    UT_CHECK_EQ(ut_free(grand), (1ull << 14) - KiB4);
    UT_CHECK_EQ(ut_free(env->memory), parent_free);
    /* Revoking the child destroys the grandchild and what it made. */
    UT_CHECK_OK(hl_cspace_revoke(env->cspace, child));
    UT_CHECK(ut_slot_empty(env, grand));
    UT_CHECK(ut_slot_empty(env, page));
    UT_CHECK_EQ(ut_free(child), 1ull << 16);
    UT_CHECK_EQ(ut_cap_type(env, child), HL_CAP_MEMORY);
}

UTEST(memory, revoke_restores_free_and_empties_slots)
{
    uint32_t sub = ut_memory(env, 18);
    uint32_t d = ut_slots(env, NTYPES);

    for (unsigned i = 0; i < NTYPES; i++)
        UT_REQUIRE_OK(
            hl_memory_retype(sub, all_types[i].type, all_types[i].bits, env->cspace, d + i, 1));
    UT_CHECK(ut_free(sub) < (1ull << 18));
    UT_CHECK_OK(hl_cspace_revoke(env->cspace, sub));
    UT_CHECK_EQ(ut_free(sub), 1ull << 18);
    for (unsigned i = 0; i < NTYPES; i++)
        UT_CHECK(ut_slot_empty(env, d + i));
}

/* 10,000 create/destroy cycles of one type (issue 6's stress figure); the
 * memory must come back whole every time, and the same slots must be
 * reusable. */
#define CYCLES 10000
static void cycles_n(struct utest_env *env, unsigned type, unsigned bits, unsigned count,
                     unsigned ncycles)
{
    unsigned sub_bits = type == HL_CAP_PAGE && bits == HL_LARGE_PAGE_BITS ? bits : 20;
    uint32_t sub = ut_memory(env, sub_bits);
    uint32_t d = ut_slots(env, count);

    for (unsigned i = 0; i < ncycles; i++) {
        int err = hl_memory_retype(sub, type, bits, env->cspace, d, count);
        if (!UT_CHECK_OK(err) || !UT_CHECK_OK(hl_cspace_revoke(env->cspace, sub)) ||
            !UT_CHECK_EQ(ut_free(sub), 1ull << sub_bits)) {
            printf("# (cycle %u)\n", i);
            return;
        }
    }
    for (unsigned i = 0; i < count; i++)
        UT_CHECK(ut_slot_empty(env, d + i));
}

static void cycles(struct utest_env *env, unsigned type, unsigned bits, unsigned count)
{
    cycles_n(env, type, bits, count, CYCLES);
}

UTEST(memory, revoke_cycles_task)
{
    cycles(env, HL_CAP_TASK, 0, 4);
}

UTEST(memory, revoke_cycles_cspace)
{
    cycles(env, HL_CAP_CSPACE, 8, 4);
}

UTEST(memory, revoke_cycles_vspace)
{
    cycles(env, HL_CAP_VSPACE, 0, 4);
}

UTEST(memory, revoke_cycles_pdpt)
{
    cycles(env, HL_CAP_PDPT, 0, 4);
}

UTEST(memory, revoke_cycles_pd)
{
    cycles(env, HL_CAP_PD, 0, 4);
}

UTEST(memory, revoke_cycles_pt)
{
    cycles(env, HL_CAP_PT, 0, 4);
}

UTEST(memory, revoke_cycles_page)
{
    cycles(env, HL_CAP_PAGE, HL_PAGE_BITS, 16);
}

/* Every cycle zeroes 2 MiB: 20 GiB of writes in all, a few seconds under
 * emulation since memset stores eight bytes a step. */
UTEST(memory, revoke_cycles_large_page)
{
    cycles(env, HL_CAP_PAGE, HL_LARGE_PAGE_BITS, 1);
}

UTEST(memory, revoke_cycles_endpoint)
{
    cycles(env, HL_CAP_ENDPOINT, 0, 16);
}

UTEST(memory, revoke_cycles_notification)
{
    cycles(env, HL_CAP_NOTIFICATION, 0, 16);
}

UTEST(memory, revoke_cycles_memory)
{
    cycles(env, HL_CAP_MEMORY, 16, 4);
}

/* Objects in use when their memory is revoked: a VSpace with tables and a
 * mapped page, a CSpace holding copies, a running task. */
static volatile uint64_t spins;

static __attribute__((noreturn)) int spin(void *arg)
{
    (void)arg;
    for (;;)
        spins++;
}

UTEST(memory, revoke_live_objects_cycles)
{
    uint32_t sub = ut_memory(env, 20);
    struct hl_alloc a = {.cspace = env->cspace, .memory = sub};
    uint32_t base = ut_slots(env, 32);

    for (unsigned i = 0; i < 200; i++) {
        uint32_t vs, cs, page, task;
        a.next = base;
        a.end = base + 32;
        UT_REQUIRE_OK(hl_alloc_objects(&a, HL_CAP_VSPACE, 0, 1, &vs));
        UT_REQUIRE_OK(hl_alloc_objects(&a, HL_CAP_PAGE, HL_PAGE_BITS, 1, &page));
        UT_REQUIRE_OK(hl_alloc_map_page(&a, vs, 0x1000, page, HL_RIGHT_READ | HL_RIGHT_WRITE));
        UT_REQUIRE_OK(hl_alloc_objects(&a, HL_CAP_CSPACE, 4, 1, &cs));
        UT_REQUIRE_OK(hl_cspace_copy(cs, 1, env->cspace, page));
        UT_REQUIRE_OK(hl_cspace_copy(cs, 2, env->cspace, cs));
        /* A task in the case's VSpace, with its stack from sub too. */
        uint64_t sv = ut_vaddr(env, KiB4, false);
        UT_REQUIRE_OK(hl_thread_create(&a, env->vspace, sv, 1, spin, NULL, &task));
        UT_REQUIRE_OK(hl_task_set_priority(task, UT_PRIORITY, UT_PRIORITY));
        UT_REQUIRE_OK(hl_task_resume(task));
        hl_yield();
        UT_REQUIRE_OK(hl_cspace_revoke(env->cspace, sub));
        if (!UT_CHECK_EQ(ut_free(sub), 1ull << 20)) {
            printf("# (cycle %u)\n", i);
            return;
        }
    }
    for (uint32_t s = base; s < base + 32; s++)
        UT_CHECK(ut_slot_empty(env, s));
}

UTEST(memory, info_buffer_straddles_unmapped_page)
{
    /* ut_map_pages leaves an unmapped guard page after the mapping. */
    uint8_t *p = ut_map_pages(env, 1);
    struct hl_memory_info *edge = (struct hl_memory_info *)(p + (1u << HL_PAGE_BITS) - 8);

    UT_CHECK_ERR(hl_memory_info(env->memory, edge), E_FAULT);
    UT_CHECK_OK(hl_memory_info(env->memory, (struct hl_memory_info *)p));
}

UTEST(memory, retype_into_another_cspace)
{
    uint32_t cs = ut_object(env, HL_CAP_CSPACE, 12 - HL_SLOT_BITS); /* 64 slots in 4 KiB */
    uint64_t before = ut_free(env->memory);
    struct hl_cap_info info = {0};

    UT_CHECK_OK(hl_memory_retype(env->memory, HL_CAP_PAGE, HL_PAGE_BITS, cs, 2, 3));
    UT_CHECK_OK(hl_cspace_identify(cs, 4, &info, NULL));
    UT_CHECK_EQ(info.type, HL_CAP_PAGE);
    UT_CHECK_ERR(hl_cspace_identify(cs, 64, &info, NULL), E_INVALID_CADDR);
    UT_CHECK_ERR(hl_memory_retype(env->memory, HL_CAP_PAGE, HL_PAGE_BITS, cs, 62, 3), E_RANGE);
    UT_CHECK_ERR(hl_memory_retype(env->memory, HL_CAP_PAGE, HL_PAGE_BITS, cs, 64, 1),
                 E_INVALID_CADDR);
    UT_CHECK_EQ(before - ut_free(env->memory), 3 * KiB4);
    /* They are children of the memory like any other. */
    UT_CHECK_OK(hl_cspace_revoke(env->cspace, env->memory));
    UT_CHECK_EQ(ut_free(env->memory), env->memory_size);
}

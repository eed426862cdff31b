/*
 * Debug read and write mem: through the target's VSpace, across a page
 * boundary, into read-only text (a software breakpoint the target then
 * hits, while the target's own write to that page still faults), up to a
 * hole (E_NOT_MAPPED with the bytes done), and refusing kernel and
 * non-canonical addresses and lengths above HL_DEBUG_MEM_MAX (E_RANGE).
 */
#include <stdio.h>
#include <string.h>
#include <hl/invoke.h>
#include "dbg.h"

#define PAGE (1ull << HL_PAGE_BITS)

static void fill(uint8_t *p, size_t n, uint8_t seed)
{
    for (size_t i = 0; i < n; i++)
        p[i] = (uint8_t)(seed + i * 7);
}

UTEST(debug, mem_across_a_page_boundary)
{
    uint32_t t = dbg_target(env, dp_loop, NULL, false);
    uint8_t *data = ut_map_pages(env, 2);
    static uint8_t buf[HL_DEBUG_MEM_MAX], want[HL_DEBUG_MEM_MAX];
    size_t done = 0;

    fill(data, 2 * PAGE, 1);
    UT_CHECK_OK(hl_debug_read_mem(t, dbg_addr(data + PAGE - 24), buf, 48, &done));
    UT_CHECK_EQ(done, 48);
    UT_CHECK_EQ(memcmp(buf, data + PAGE - 24, 48), 0);
    /* The whole maximum, crossing the boundary. */
    UT_CHECK_OK(hl_debug_read_mem(t, dbg_addr(data + 100), buf, HL_DEBUG_MEM_MAX, &done));
    UT_CHECK_EQ(done, HL_DEBUG_MEM_MAX);
    UT_CHECK_EQ(memcmp(buf, data + 100, HL_DEBUG_MEM_MAX), 0);

    fill(want, sizeof(want), 99);
    UT_CHECK_OK(hl_debug_write_mem(t, dbg_addr(data + PAGE - 5), want, 10, &done));
    UT_CHECK_EQ(done, 10);
    UT_CHECK_EQ(memcmp(data + PAGE - 5, want, 10), 0);
    UT_CHECK_OK(hl_debug_write_mem(t, dbg_addr(data + 7), want, HL_DEBUG_MEM_MAX, &done));
    UT_CHECK_EQ(done, HL_DEBUG_MEM_MAX);
    UT_CHECK_EQ(memcmp(data + 7, want, HL_DEBUG_MEM_MAX), 0);
    UT_CHECK_EQ(data[6], (uint8_t)(1 + 6 * 7));
    UT_CHECK_EQ(data[7 + HL_DEBUG_MEM_MAX], (uint8_t)(1 + (7 + HL_DEBUG_MEM_MAX) * 7));
    UT_CHECK_OK(hl_debug_read_mem(t, dbg_addr(data), buf, 0, &done));
    UT_CHECK_EQ(done, 0);
}

/* The mapped page is followed by an unmapped guard page (ut_vaddr). */
UTEST(debug, mem_up_to_a_hole_is_not_mapped_with_bytes_done)
{
    uint32_t t = dbg_target(env, dp_loop, NULL, false);
    uint8_t *data = ut_map_pages(env, 1);
    static uint8_t buf[256], src[256];
    size_t done = 0;

    fill(data, PAGE, 3);
    memset(buf, 0xee, sizeof(buf));
    UT_CHECK_ERR(hl_debug_read_mem(t, dbg_addr(data + PAGE - 100), buf, 200, &done), E_NOT_MAPPED);
    UT_CHECK_EQ(done, 100);
    UT_CHECK_EQ(memcmp(buf, data + PAGE - 100, 100), 0);
    UT_CHECK_EQ(buf[100], 0xee);

    fill(src, sizeof(src), 42);
    UT_CHECK_ERR(hl_debug_write_mem(t, dbg_addr(data + PAGE - 37), src, 64, &done), E_NOT_MAPPED);
    UT_CHECK_EQ(done, 37);
    UT_CHECK_EQ(memcmp(data + PAGE - 37, src, 37), 0);

    UT_CHECK_ERR(hl_debug_read_mem(t, DBG_UNMAPPED, buf, 16, &done), E_NOT_MAPPED);
    UT_CHECK_EQ(done, 0);
    UT_CHECK_ERR(hl_debug_write_mem(t, DBG_UNMAPPED, src, 16, &done), E_NOT_MAPPED);
    UT_CHECK_EQ(done, 0);
}

UTEST(debug, mem_outside_user_space_is_range)
{
    uint32_t t = dbg_target(env, dp_loop, NULL, false);
    uint8_t *data = ut_map_pages(env, 1);
    static uint8_t buf[HL_DEBUG_MEM_MAX + 1];
    static const uint64_t bad[] = {DBG_KERNEL_ADDR, DBG_KERNEL_TEXT, DBG_NONCANONICAL,
                                   HL_USER_TOP,     HL_USER_TOP - 8, 0xfffffffffffffff8ull};
    size_t done = 99;

    memset(buf, 0x11, sizeof(buf));
    for (unsigned i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
        if (!UT_CHECK_ERR(hl_debug_read_mem(t, bad[i], buf, 16, &done), E_RANGE))
            printf("# (read at %#lx)\n", (unsigned long)bad[i]);
        if (!UT_CHECK_ERR(hl_debug_write_mem(t, bad[i], buf, 16, &done), E_RANGE))
            printf("# (write at %#lx)\n", (unsigned long)bad[i]);
    }
    UT_CHECK_EQ(buf[0], 0x11);
    memset(data, 0x22, PAGE);
    UT_CHECK_ERR(hl_debug_read_mem(t, dbg_addr(data), buf, HL_DEBUG_MEM_MAX + 1, &done), E_RANGE);
    UT_CHECK_EQ(buf[0], 0x11);
    UT_CHECK_ERR(hl_debug_write_mem(t, dbg_addr(data), buf, HL_DEBUG_MEM_MAX + 1, &done), E_RANGE);
    UT_CHECK_EQ(data[0], 0x22);
    UT_CHECK_ERR(hl_debug_read_mem(t, dbg_addr(data), buf, 1ull << 32 | 16, &done), E_RANGE);
}

UTEST(debug, mem_bad_caller_buffer_is_fault)
{
    uint32_t t = dbg_target(env, dp_loop, NULL, false);
    uint8_t *data = ut_map_pages(env, 1);
    size_t done = 0;

    memset(data, 0x33, 64);
    UT_CHECK_ERR(hl_debug_read_mem(t, dbg_addr(data), (void *)(uintptr_t)DBG_UNMAPPED, 16, &done),
                 E_FAULT);
    UT_CHECK_ERR(
        hl_debug_read_mem(t, dbg_addr(data), (void *)(uintptr_t)DBG_KERNEL_ADDR, 16, &done),
        E_FAULT);
    /* Reading into the caller's own read-only text. */
    UT_CHECK_ERR(hl_debug_read_mem(t, dbg_addr(data), (void *)dp_loop, 16, &done), E_FAULT);
    UT_CHECK_ERR(hl_debug_write_mem(t, dbg_addr(data), (void *)(uintptr_t)DBG_UNMAPPED, 16, &done),
                 E_FAULT);
    UT_CHECK_EQ(data[0], 0x33);
}

/* A task in a VSpace of its own: its memory is reached through its page
 * tables, not the debugger's. */
UTEST(debug, mem_goes_through_the_target_vspace)
{
    uint32_t vs = ut_object(env, HL_CAP_VSPACE, 0), t = ut_object(env, HL_CAP_TASK, 0);
    uint32_t page = ut_object(env, HL_CAP_PAGE, HL_PAGE_BITS), alias = ut_slot(env);
    uint64_t theirs = 0x0000000060000000ull, mine = ut_vaddr(env, PAGE, false);
    struct hl_task_config c = {
        .cspace = env->cspace,
        .vspace = vs,
        .ipc_buffer = HL_CPTR_NONE,
        .fault_endpoint = HL_CPTR_NONE,
    };
    static uint8_t buf[32];
    size_t done = 0;

    UT_REQUIRE_OK(hl_task_configure(t, &c));
    UT_REQUIRE_OK(hl_alloc_map_page(&env->alloc, vs, theirs, page, HL_RIGHT_READ | HL_RIGHT_WRITE));
    UT_REQUIRE_OK(hl_cspace_copy(env->cspace, alias, env->cspace, page));
    UT_REQUIRE_OK(ut_map(env, alias, mine, HL_RIGHT_READ | HL_RIGHT_WRITE));
    UT_CHECK_OK(hl_debug_write_mem(t, theirs + 8, "through the VSpace", 18, &done));
    UT_CHECK_EQ(done, 18);
    UT_CHECK_EQ(memcmp((void *)(uintptr_t)(mine + 8), "through the VSpace", 18), 0);
    memcpy((void *)(uintptr_t)(mine + 64), "written here", 12);
    UT_CHECK_OK(hl_debug_read_mem(t, theirs + 64, buf, 12, &done));
    UT_CHECK_EQ(memcmp(buf, "written here", 12), 0);
    /* Nothing is mapped at that address in the debugger's own VSpace. */
    UT_CHECK_ERR(hl_debug_read_mem(env->task, theirs + 8, buf, 1, &done), E_NOT_MAPPED);
    UT_CHECK_ERR(hl_debug_read_mem(t, mine, buf, 1, &done), E_NOT_MAPPED);
}

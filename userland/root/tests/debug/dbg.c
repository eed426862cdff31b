/* Helpers of the debug tests (dbg.h). */
#include <stdio.h>
#include <string.h>
#include <hl/invoke.h>
#include "dbg.h"

uint32_t dbg_target(struct utest_env *env, hl_thread_fn fn, void *arg, bool resume)
{
    return ut_spawn(env, fn, arg, UT_PRIORITY, resume);
}

uint32_t dbg_attach(struct utest_env *env, uint32_t task, uint64_t badge)
{
    uint32_t ep = ut_object(env, HL_CAP_ENDPOINT, 0), send = ut_slot(env);

    UT_REQUIRE_OK(hl_cspace_mint(env->cspace, send, env->cspace, ep, HL_RIGHT_WRITE, badge));
    UT_REQUIRE_OK(hl_debug_set_endpoint(task, send));
    return ep;
}

uint32_t dbg_mint(struct utest_env *env, uint32_t cap, unsigned rights)
{
    uint32_t slot = ut_slot(env);

    UT_REQUIRE_OK(hl_cspace_mint(env->cspace, slot, env->cspace, cap, rights, 0));
    return slot;
}

bool dbg_poll_event(uint32_t ep, struct hl_debug_event *ev, uint64_t ticks)
{
    uint64_t end = hl_ticks() + ticks;
    struct hl_msg m;

    for (;;) {
        m = hl_poll(ep);
        if (m.status != E_WOULD_BLOCK)
            break;
        if (hl_ticks() >= end)
            return false;
        hl_yield();
    }
    UT_CHECK_OK(m.status);
    UT_CHECK_EQ(HL_MSGINFO_LENGTH(m.info), HL_DEBUG_EVENT_LENGTH);
    UT_CHECK_EQ(HL_MSGINFO_CAPS(m.info), 0);
    if (!hl_debug_event_decode(&m, ev)) {
        UT_FAIL("not a debug event: status %d, label %#lx", m.status,
                (unsigned long)HL_MSGINFO_LABEL(m.info));
        memset(ev, 0, sizeof(*ev));
    }
    return true;
}

struct hl_debug_regs dbg_regs(uint32_t task)
{
    struct hl_debug_regs r;

    memset(&r, 0, sizeof(r));
    UT_REQUIRE_OK(hl_debug_read_regs(task, &r));
    return r;
}

struct hl_debug_event dbg_expect(uint32_t ep, uint32_t task, uint64_t label)
{
    struct hl_debug_event ev;
    struct hl_debug_regs r;

    if (!dbg_poll_event(ep, &ev, DBG_WAIT_TICKS)) {
        printf("# no debug event (label %#lx expected); task state %u\n", (unsigned long)label,
               ut_task_state(task));
        UT_REQUIRE(false);
    }
    if (!UT_CHECK_EQ(ev.label, label))
        printf("# event: vector %lu detail %lu addr %#lx rip %#lx\n", (unsigned long)ev.vector,
               (unsigned long)ev.detail, (unsigned long)ev.addr, (unsigned long)ev.rip);
    if (label != HL_LABEL_DEBUG_EXIT) {
        UT_CHECK_EQ(ut_task_state(task), HL_TASK_SUSPENDED);
        r = dbg_regs(task);
        UT_CHECK_EQ(ev.rip, r.rip);
        UT_CHECK_EQ(ev.rsp, r.rsp);
        UT_CHECK_EQ(ev.rflags, r.rflags);
    }
    return ev;
}

void dbg_expect_exit(uint32_t task, uint64_t code)
{
    struct hl_task_info info = {0};

    UT_CHECK_EQ(ut_wait_state(task, HL_TASK_EXITED, DBG_WAIT_TICKS), HL_TASK_EXITED);
    UT_CHECK_OK(hl_task_info(task, &info, NULL));
    UT_CHECK_EQ(info.exit_code, code);
}

void dbg_expect_exit_event(uint32_t ep, uint32_t task, uint64_t code)
{
    struct hl_debug_event ev = dbg_expect(ep, task, HL_LABEL_DEBUG_EXIT);

    UT_CHECK_EQ(ev.vector, code);
    /* The ABI does not say whether an exited task waits for the
     * debugger's resume like every other event; accept both. */
    if (ut_task_state(task) == HL_TASK_SUSPENDED)
        UT_CHECK_OK(hl_debug_resume(task, 0));
    dbg_expect_exit(task, code);
}

void dbg_expect_no_event(uint32_t ep, uint64_t ticks)
{
    struct hl_debug_event ev;

    if (dbg_poll_event(ep, &ev, ticks))
        UT_FAIL("unexpected debug event label %#lx rip %#lx", (unsigned long)ev.label,
                (unsigned long)ev.rip);
}

uint8_t dbg_poke(uint32_t task, uint64_t addr, uint8_t byte)
{
    uint8_t old = 0;
    size_t done = 0;

    UT_REQUIRE_OK(hl_debug_read_mem(task, addr, &old, 1, &done));
    UT_REQUIRE_OK(hl_debug_write_mem(task, addr, &byte, 1, &done));
    UT_CHECK_EQ(done, 1);
    return old;
}

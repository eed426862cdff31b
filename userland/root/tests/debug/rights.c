/*
 * Each debug right on its own: a Task capability minted with only that
 * right does what the right allows, and one minted with every right but
 * it gets E_NO_RIGHTS and changes nothing (registers, memory, run state,
 * breakpoints, debug endpoint as they were). A capability without any
 * debug right still does what the capability core allows.
 */
#include <stdio.h>
#include <string.h>
#include <hl/invoke.h>
#include "dbg.h"

#define ALL_BUT(right) (HL_RIGHTS_ALL & ~(right))

/* A dp_regs target stopped at its int3, with the case as its debugger. */
static uint32_t stopped_target(struct utest_env *env, uint32_t *ep)
{
    uint32_t t = dbg_target(env, dp_regs, NULL, false);

    *ep = dbg_attach(env, t, 0);
    UT_REQUIRE_OK(hl_task_resume(t));
    dbg_expect(*ep, t, HL_LABEL_DEBUG_BREAKPOINT);
    return t;
}

static bool regs_equal(const struct hl_debug_regs *a, const struct hl_debug_regs *b)
{
    return memcmp(a, b, sizeof(*a)) == 0;
}

UTEST(debug, right_read_regs)
{
    uint32_t ep, t = stopped_target(env, &ep);
    uint32_t only = dbg_mint(env, t, HL_RIGHT_DEBUG_READ_REGS);
    uint32_t without = dbg_mint(env, t, ALL_BUT(HL_RIGHT_DEBUG_READ_REGS));
    static struct hl_debug_regs r, untouched;

    memset(&r, 0xa5, sizeof(r));
    untouched = r;
    UT_CHECK_ERR(hl_debug_read_regs(without, &r), E_NO_RIGHTS);
    UT_CHECK(regs_equal(&r, &untouched));
    UT_CHECK_OK(hl_debug_read_regs(only, &r));
    UT_CHECK_EQ(r.rax, 0x1010101010101010ull);
    UT_CHECK_EQ(r.rip, dbg_addr(dp_regs_after));
    UT_CHECK_OK(hl_debug_resume(t, 0));
    dbg_expect_exit_event(ep, t, 0x31);
}

UTEST(debug, right_write_regs)
{
    uint32_t ep, t = stopped_target(env, &ep);
    uint32_t only = dbg_mint(env, t, HL_RIGHT_DEBUG_WRITE_REGS);
    uint32_t without = dbg_mint(env, t, ALL_BUT(HL_RIGHT_DEBUG_WRITE_REGS));
    static struct hl_debug_regs orig, r;

    orig = dbg_regs(t);
    r = orig;
    r.rbx = 0x4242;
    r.r15 = 0x1515;
    UT_CHECK_ERR(hl_debug_write_regs(without, &r), E_NO_RIGHTS);
    r = dbg_regs(t);
    UT_CHECK(regs_equal(&r, &orig));
    r.rbx = 0x4242;
    r.r15 = 0x1515;
    UT_CHECK_OK(hl_debug_write_regs(only, &r));
    UT_CHECK_EQ(dbg_regs(t).rbx, 0x4242);
    UT_CHECK_OK(hl_debug_resume(t, 0));
    dbg_expect_exit_event(ep, t, 0x31);
    UT_CHECK_EQ(dp_saved[1], 0x4242);
    UT_CHECK_EQ(dp_saved[15], 0x1515);
    UT_CHECK_EQ(dp_saved[0], 0x1010101010101010ull);
}

static uint8_t secret[64] __attribute__((aligned(64))) = "the target's own bytes";

UTEST(debug, right_read_mem)
{
    uint32_t t = dbg_target(env, dp_loop, NULL, false);
    uint32_t only = dbg_mint(env, t, HL_RIGHT_DEBUG_READ_MEM);
    uint32_t without = dbg_mint(env, t, ALL_BUT(HL_RIGHT_DEBUG_READ_MEM));
    uint8_t buf[32];
    size_t done = 99;

    memset(buf, 0x5a, sizeof(buf));
    UT_CHECK_ERR(hl_debug_read_mem(without, dbg_addr(secret), buf, sizeof(buf), &done),
                 E_NO_RIGHTS);
    UT_CHECK_EQ(done, 0);
    for (unsigned i = 0; i < sizeof(buf); i++)
        if (!UT_CHECK_EQ(buf[i], 0x5a))
            break;
    UT_CHECK_OK(hl_debug_read_mem(only, dbg_addr(secret), buf, sizeof(buf), &done));
    UT_CHECK_EQ(done, sizeof(buf));
    UT_CHECK_EQ(memcmp(buf, secret, sizeof(buf)), 0);
}

UTEST(debug, right_write_mem)
{
    uint32_t t = dbg_target(env, dp_loop, NULL, false);
    uint32_t only = dbg_mint(env, t, HL_RIGHT_DEBUG_WRITE_MEM);
    uint32_t without = dbg_mint(env, t, ALL_BUT(HL_RIGHT_DEBUG_WRITE_MEM));
    static const uint8_t orig[8] = "the targ", news[8] = "CHANGED!";
    size_t done = 99;

    UT_REQUIRE_EQ(memcmp(secret, orig, 8), 0);
    UT_CHECK_ERR(hl_debug_write_mem(without, dbg_addr(secret), news, 8, &done), E_NO_RIGHTS);
    UT_CHECK_EQ(done, 0);
    UT_CHECK_EQ(memcmp(secret, orig, 8), 0);
    UT_CHECK_OK(hl_debug_write_mem(only, dbg_addr(secret), news, 8, &done));
    UT_CHECK_EQ(done, 8);
    UT_CHECK_EQ(memcmp(secret, news, 8), 0);
    memcpy(secret, orig, 8);
}

/* Whether the counter moves within a few ticks. */
static bool moving(volatile uint64_t *counter)
{
    uint64_t before = *counter;

    ut_sleep(3);
    return *counter != before;
}

UTEST(debug, right_control)
{
    static volatile uint64_t counter;
    uint32_t t = dbg_target(env, dp_loop, (void *)&counter, false);
    uint32_t ep = dbg_attach(env, t, 0);
    uint32_t only = dbg_mint(env, t, HL_RIGHT_DEBUG_CONTROL);
    uint32_t without = dbg_mint(env, t, ALL_BUT(HL_RIGHT_DEBUG_CONTROL));
    struct hl_debug_event ev;
    uint64_t rip;

    UT_REQUIRE_OK(hl_task_resume(t));
    UT_CHECK_ERR(hl_debug_suspend(without), E_NO_RIGHTS);
    UT_CHECK_EQ(ut_task_state(t), HL_TASK_RUNNABLE);
    UT_CHECK(moving(&counter));
    UT_CHECK_OK(hl_debug_suspend(only));
    UT_CHECK_EQ(ut_task_state(t), HL_TASK_SUSPENDED);
    UT_CHECK(!moving(&counter));

    rip = dbg_regs(t).rip;
    UT_CHECK_ERR(hl_debug_resume(without, 0), E_NO_RIGHTS);
    UT_CHECK_ERR(hl_debug_step(without, 0), E_NO_RIGHTS);
    UT_CHECK_EQ(ut_task_state(t), HL_TASK_SUSPENDED);
    UT_CHECK(!moving(&counter));
    UT_CHECK_EQ(dbg_regs(t).rip, rip);
    dbg_expect_no_event(ep, 2);

    UT_CHECK_OK(hl_debug_step(only, 0));
    ev = dbg_expect(ep, t, HL_LABEL_DEBUG_STEP);
    UT_CHECK(ev.rip != rip);
    UT_CHECK_OK(hl_debug_resume(only, 0));
    UT_CHECK_EQ(ut_task_state(t), HL_TASK_RUNNABLE);
    UT_CHECK(moving(&counter));
    UT_CHECK_OK(hl_debug_suspend(t));
}

UTEST(debug, right_breakpoints)
{
    static volatile uint64_t counter;
    uint32_t t = dbg_target(env, dp_loop, (void *)&counter, false);
    uint32_t ep = dbg_attach(env, t, 0);
    uint32_t only = dbg_mint(env, t, HL_RIGHT_DEBUG_BREAKPOINTS);
    uint32_t without = dbg_mint(env, t, ALL_BUT(HL_RIGHT_DEBUG_BREAKPOINTS));
    uint64_t at = dbg_addr(dp_loop_at);
    struct hl_debug_event ev;

    UT_CHECK_ERR(hl_debug_set_breakpoint(without, 0, at, HL_DEBUG_BP_EXEC, 1), E_NO_RIGHTS);
    UT_REQUIRE_OK(hl_task_resume(t));
    UT_CHECK(moving(&counter));
    dbg_expect_no_event(ep, 2);
    UT_CHECK_OK(hl_debug_suspend(t));

    UT_CHECK_OK(hl_debug_set_breakpoint(only, 0, at, HL_DEBUG_BP_EXEC, 1));
    UT_CHECK_OK(hl_debug_resume(t, 0));
    ev = dbg_expect(ep, t, HL_LABEL_DEBUG_HW);
    UT_CHECK_EQ(ev.detail, 0);
    UT_CHECK_EQ(ev.addr, at);
    UT_CHECK_EQ(ev.rip, at);

    /* Clearing without the right leaves it in place: it stops again. */
    UT_CHECK_ERR(hl_debug_clear_breakpoint(without, 0), E_NO_RIGHTS);
    UT_CHECK_OK(hl_debug_resume(t, 0));
    ev = dbg_expect(ep, t, HL_LABEL_DEBUG_HW);
    UT_CHECK_EQ(ev.rip, at);

    UT_CHECK_OK(hl_debug_clear_breakpoint(only, 0));
    UT_CHECK_OK(hl_debug_resume(t, 0));
    UT_CHECK(moving(&counter));
    dbg_expect_no_event(ep, 2);
    UT_CHECK_OK(hl_debug_suspend(t));
}

UTEST(debug, right_events)
{
    uint32_t t = dbg_target(env, dp_regs, NULL, false);
    uint32_t first = dbg_attach(env, t, 1);
    uint32_t second = ut_object(env, HL_CAP_ENDPOINT, 0);
    uint32_t only = dbg_mint(env, t, HL_RIGHT_DEBUG_EVENTS);
    uint32_t without = dbg_mint(env, t, ALL_BUT(HL_RIGHT_DEBUG_EVENTS));
    struct hl_debug_event ev;

    UT_CHECK_ERR(hl_debug_set_endpoint(without, second), E_NO_RIGHTS);
    UT_CHECK_ERR(hl_debug_set_endpoint(without, HL_CPTR_NONE), E_NO_RIGHTS);
    UT_REQUIRE_OK(hl_task_resume(t));
    ev = dbg_expect(first, t, HL_LABEL_DEBUG_BREAKPOINT);
    UT_CHECK_EQ(ev.badge, 1);
    UT_CHECK_ERR(hl_poll(second).status, E_WOULD_BLOCK);

    UT_CHECK_OK(hl_debug_set_endpoint(only, second));
    UT_CHECK_OK(hl_debug_resume(t, 0));
    dbg_expect_exit_event(second, t, 0x31);
    UT_CHECK_ERR(hl_poll(first).status, E_WOULD_BLOCK);
}

/* Without debug rights a Task capability is refused every debug
 * invocation, and still does what the capability core allows. */
UTEST(debug, no_debug_rights_core_still_works)
{
    static volatile uint64_t counter;
    uint32_t t = dbg_target(env, dp_loop, (void *)&counter, true);
    uint32_t core = dbg_mint(env, t, HL_RIGHT_READ | HL_RIGHT_WRITE | HL_RIGHT_GRANT);
    uint32_t ep = ut_object(env, HL_CAP_ENDPOINT, 0);
    static struct hl_debug_regs r;
    struct hl_task_info info;
    uint8_t b;

    UT_CHECK_ERR(hl_debug_read_regs(core, &r), E_NO_RIGHTS);
    UT_CHECK_ERR(hl_debug_write_regs(core, &r), E_NO_RIGHTS);
    UT_CHECK_ERR(hl_debug_read_mem(core, dbg_addr(secret), &b, 1, NULL), E_NO_RIGHTS);
    UT_CHECK_ERR(hl_debug_write_mem(core, dbg_addr(secret), &b, 1, NULL), E_NO_RIGHTS);
    UT_CHECK_ERR(hl_debug_suspend(core), E_NO_RIGHTS);
    UT_CHECK_ERR(hl_debug_resume(core, 0), E_NO_RIGHTS);
    UT_CHECK_ERR(hl_debug_step(core, 0), E_NO_RIGHTS);
    UT_CHECK_ERR(hl_debug_set_breakpoint(core, 0, dbg_addr(dp_loop_at), HL_DEBUG_BP_EXEC, 1),
                 E_NO_RIGHTS);
    UT_CHECK_ERR(hl_debug_clear_breakpoint(core, 0), E_NO_RIGHTS);
    UT_CHECK_ERR(hl_debug_set_endpoint(core, ep), E_NO_RIGHTS);
    UT_CHECK(moving(&counter));
    UT_CHECK_OK(hl_task_info(core, &info, NULL));
    UT_CHECK_EQ(info.state, HL_TASK_RUNNABLE);
    UT_CHECK_OK(hl_task_suspend(core));
    UT_CHECK(!moving(&counter));
}

/* The debug rights are separate from the core READ/WRITE: a capability
 * with only debug rights cannot suspend through the core invocation. */
UTEST(debug, debug_rights_give_no_core_rights)
{
    uint32_t t = dbg_target(env, dp_loop, NULL, false);
    uint32_t dbg = dbg_mint(env, t, HL_RIGHTS_DEBUG);
    struct hl_regs r;

    UT_CHECK_ERR(hl_task_read_regs(dbg, &r), E_NO_RIGHTS);
    UT_CHECK_ERR(hl_task_suspend(dbg), E_NO_RIGHTS);
    UT_CHECK_ERR(hl_task_set_priority(dbg, 1, 1), E_NO_RIGHTS);
    /* Debug invocations are a Task's only. */
    UT_CHECK_ERR(hl_debug_suspend(env->vspace), E_INVALID_LABEL);
    UT_CHECK_ERR(hl_debug_read_mem(env->cspace, dbg_addr(secret), &r, 1, NULL), E_INVALID_LABEL);
}

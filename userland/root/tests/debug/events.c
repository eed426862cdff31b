/*
 * Debug events: each kind (int3, hardware, step, fault, exit) arrives with
 * the documented label and words and the debug endpoint capability's
 * badge; a fault goes to the debugger first and reaches the fault endpoint
 * only when the debugger passes it on; a debugger whose endpoint goes away
 * while the target is stopped, or while its event waits in the queue,
 * leaves the target suspended and intact for a second debugger.
 */
#include <stdio.h>
#include <string.h>
#include <hl/invoke.h>
#include "dbg.h"

#define V_DB 1
#define V_BP 3
#define V_UD 6
#define V_PF 14
#define PF_USER 0x4
#define PF_WRITE 0x2

int fk_breakpoint(void *), fk_write(void *);
extern char fk_breakpoint_after[], fk_write_at[];

UTEST(debug, event_breakpoint)
{
    uint32_t t = dbg_target(env, dp_regs, NULL, false);
    uint32_t ep = dbg_attach(env, t, 0xbeef);
    struct hl_debug_event ev;

    UT_REQUIRE_OK(hl_task_resume(t));
    ev = dbg_expect(ep, t, HL_LABEL_DEBUG_BREAKPOINT);
    UT_CHECK_EQ(ev.badge, 0xbeef);
    UT_CHECK_EQ(ev.vector, V_BP);
    UT_CHECK_EQ(ev.detail, 0);
    UT_CHECK_EQ(ev.addr, 0);
    UT_CHECK_EQ(ev.rip, dbg_addr(dp_regs_after));
    UT_CHECK(ev.rflags & DBG_RFLAGS_IF);
    /* Stopped until resumed. */
    ut_sleep(2);
    UT_CHECK_EQ(ut_task_state(t), HL_TASK_SUSPENDED);
    UT_CHECK_OK(hl_debug_resume(t, 0));
    dbg_expect_exit_event(ep, t, 0x31);
}

UTEST(debug, event_fault_page_fault)
{
    uint32_t t = dbg_target(env, fk_write, (void *)(uintptr_t)DBG_UNMAPPED, false);
    uint32_t ep = dbg_attach(env, t, 0x7);
    struct hl_debug_event ev;

    UT_REQUIRE_OK(hl_task_resume(t));
    ev = dbg_expect(ep, t, HL_LABEL_DEBUG_FAULT);
    UT_CHECK_EQ(ev.badge, 0x7);
    UT_CHECK_EQ(ev.vector, V_PF);
    UT_CHECK_EQ(ev.detail, PF_USER | PF_WRITE);
    UT_CHECK_EQ(ev.addr, DBG_UNMAPPED);
    UT_CHECK_EQ(ev.rip, dbg_addr(fk_write_at));
    /* Resumed as it is, it runs into the same fault again. */
    UT_CHECK_OK(hl_debug_resume(t, 0));
    ev = dbg_expect(ep, t, HL_LABEL_DEBUG_FAULT);
    UT_CHECK_EQ(ev.rip, dbg_addr(fk_write_at));
    UT_CHECK_EQ(ev.addr, DBG_UNMAPPED);
}

UTEST(debug, event_fault_invalid_opcode_fixed_by_the_debugger)
{
    uint32_t t = dbg_target(env, dp_ud, NULL, false);
    uint32_t ep = dbg_attach(env, t, 0);
    struct hl_debug_event ev;
    static struct hl_debug_regs r;

    UT_REQUIRE_OK(hl_task_resume(t));
    ev = dbg_expect(ep, t, HL_LABEL_DEBUG_FAULT);
    UT_CHECK_EQ(ev.vector, V_UD);
    UT_CHECK_EQ(ev.detail, 0);
    UT_CHECK_EQ(ev.rip, dbg_addr(dp_ud_at));
    r = dbg_regs(t);
    r.rip = dbg_addr(dp_ud_after);
    UT_REQUIRE_OK(hl_debug_write_regs(t, &r));
    UT_CHECK_OK(hl_debug_resume(t, 0));
    dbg_expect_exit_event(ep, t, 0x23);
}

UTEST(debug, event_exit)
{
    uint32_t t = dbg_target(env, dp_exit, (void *)0x5a5, false);
    uint32_t ep = dbg_attach(env, t, 0x33);
    struct hl_debug_event ev;

    UT_REQUIRE_OK(hl_task_resume(t));
    UT_REQUIRE(dbg_poll_event(ep, &ev, DBG_WAIT_TICKS));
    UT_CHECK_EQ(ev.label, HL_LABEL_DEBUG_EXIT);
    UT_CHECK_EQ(ev.badge, 0x33);
    UT_CHECK_EQ(ev.vector, 0x5a5);
    UT_CHECK_EQ(ev.detail, 0);
    UT_CHECK_EQ(ev.addr, 0);
    /* rip: where the task was when it left (after its syscall). */
    UT_CHECK(ev.rip > dbg_addr(dp_exit_at) && ev.rip <= dbg_addr(dp_exit_at) + 16);
    if (ut_task_state(t) == HL_TASK_SUSPENDED)
        UT_CHECK_OK(hl_debug_resume(t, 0));
    dbg_expect_exit(t, 0x5a5);
    dbg_expect_no_event(ep, 2);
}

/* Step and hardware events are covered with their words in control.c and
 * hw.c; here, a step taken right after a breakpoint event. */
UTEST(debug, event_step_after_breakpoint)
{
    uint32_t t = dbg_target(env, dp_step, NULL, false);
    uint32_t ep = dbg_attach(env, t, 0x44);
    struct hl_debug_event ev;

    UT_REQUIRE_OK(hl_task_resume(t));
    dbg_expect(ep, t, HL_LABEL_DEBUG_BREAKPOINT);
    UT_REQUIRE_OK(hl_debug_step(t, 0));
    ev = dbg_expect(ep, t, HL_LABEL_DEBUG_STEP);
    UT_CHECK_EQ(ev.badge, 0x44);
    UT_CHECK_EQ(ev.vector, V_DB);
    UT_CHECK_EQ(ev.rip, dbg_addr(dp_step_1));
    UT_CHECK_OK(hl_debug_resume(t, 0));
    dbg_expect_exit_event(ep, t, 3);
}

/* With a debugger and a fault handler, the fault goes to the debugger;
 * resumed with PASS_FAULT it reaches the fault endpoint as a normal fault
 * message, and the handler's reply goes on as usual. */
UTEST(debug, resume_pass_fault_reaches_the_fault_endpoint)
{
    uint32_t fep = ut_object(env, HL_CAP_ENDPOINT, 0);
    uint32_t t = dbg_target(env, dp_ud, NULL, false), ep;
    struct hl_task_config c = {
        .cspace = env->cspace,
        .vspace = env->vspace,
        .ipc_buffer = HL_CPTR_NONE,
        .fault_endpoint = fep,
    };
    struct hl_debug_event ev;
    struct hl_msg m, r;

    UT_REQUIRE_OK(hl_task_configure(t, &c));
    ep = dbg_attach(env, t, 0);
    UT_REQUIRE_OK(hl_task_resume(t));
    ev = dbg_expect(ep, t, HL_LABEL_DEBUG_FAULT);
    UT_CHECK_EQ(ev.vector, V_UD);
    UT_CHECK_ERR(hl_poll(fep).status, E_WOULD_BLOCK);
    UT_CHECK_OK(hl_debug_resume(t, HL_DEBUG_RESUME_PASS_FAULT));
    UT_REQUIRE_EQ(ut_wait_state(t, HL_TASK_BLOCKED, DBG_WAIT_TICKS), HL_TASK_BLOCKED);
    m = hl_poll(fep);
    UT_REQUIRE_OK(m.status);
    UT_CHECK_EQ(HL_MSGINFO_LABEL(m.info), HL_LABEL_FAULT);
    UT_CHECK_EQ(m.mr[0], V_UD);
    UT_CHECK_EQ(m.mr[3], dbg_addr(dp_ud_at));
    UT_CHECK_EQ(m.mr[4], ev.rsp);
    r = hl_msg_make(HL_FAULT_RESUME, 1, dbg_addr(dp_ud_after), 0, 0, 0, 0, 0);
    UT_CHECK_OK(hl_reply(&r));
    dbg_expect_exit_event(ep, t, 0x23);
}

UTEST(debug, resume_pass_fault_without_fault_endpoint_is_faulted)
{
    uint32_t t = dbg_target(env, dp_ud, NULL, false);
    uint32_t ep = dbg_attach(env, t, 0);
    struct hl_task_info info = {0};

    UT_REQUIRE_OK(hl_task_resume(t));
    dbg_expect(ep, t, HL_LABEL_DEBUG_FAULT);
    UT_CHECK_OK(hl_debug_resume(t, HL_DEBUG_RESUME_PASS_FAULT));
    UT_CHECK_EQ(ut_wait_state(t, HL_TASK_FAULTED, DBG_WAIT_TICKS), HL_TASK_FAULTED);
    UT_CHECK_OK(hl_task_info(t, &info, NULL));
    UT_CHECK_EQ(info.fault_vector, V_UD);
}

/* A second debugger, in a task of its own, takes over a stopped target:
 * it sets its own endpoint with its own capability and resumes. */
struct takeover {
    uint32_t task; /* the target, through the second debugger's capability */
    uint32_t ep;   /* its endpoint: receive */
    uint32_t send; /* its endpoint: the capability it sets */
    volatile int state;
    struct hl_debug_event exit_ev;
    int err;
};

static int second_debugger(void *arg)
{
    struct takeover *k = arg;
    struct hl_msg m;

    if ((k->err = hl_debug_set_endpoint(k->task, k->send)) ||
        (k->err = hl_debug_resume(k->task, 0)))
        return 1;
    m = hl_recv(k->ep);
    if (!hl_debug_event_decode(&m, &k->exit_ev))
        return 2;
    if (k->exit_ev.label == HL_LABEL_DEBUG_EXIT)
        hl_debug_resume(k->task, 0); /* may be E_STATE: already gone */
    k->state = 1;
    return 0;
}

static void take_over(struct utest_env *env, uint32_t t)
{
    static struct takeover k;
    uint32_t d;

    memset(&k, 0, sizeof(k));
    k.task = dbg_mint(env, t, HL_RIGHTS_DEBUG);
    k.ep = ut_object(env, HL_CAP_ENDPOINT, 0);
    k.send = dbg_mint(env, k.ep, HL_RIGHT_WRITE);
    d = ut_spawn(env, second_debugger, &k, UT_PRIORITY, true);
    UT_CHECK_EQ(ut_wait_state(d, HL_TASK_EXITED, DBG_WAIT_TICKS), HL_TASK_EXITED);
    UT_CHECK_OK(k.err);
    UT_CHECK_EQ(k.state, 1);
    UT_CHECK_EQ(k.exit_ev.label, HL_LABEL_DEBUG_EXIT);
    /* fk_breakpoint exits with 0x1234 only if every register survived. */
    UT_CHECK_EQ(k.exit_ev.vector, 0x1234);
    dbg_expect_exit(t, 0x1234);
}

UTEST(debug, debugger_gone_while_target_stopped)
{
    uint32_t t = dbg_target(env, fk_breakpoint, NULL, false);
    uint32_t ep = dbg_attach(env, t, 0);
    static struct hl_debug_regs before, after;

    UT_REQUIRE_OK(hl_task_resume(t));
    dbg_expect(ep, t, HL_LABEL_DEBUG_BREAKPOINT);
    before = dbg_regs(t);
    UT_CHECK_OK(hl_cspace_revoke(env->cspace, ep));
    UT_CHECK_OK(hl_cspace_delete(env->cspace, ep));
    ut_sleep(2);
    UT_CHECK_EQ(ut_task_state(t), HL_TASK_SUSPENDED);
    after = dbg_regs(t);
    UT_CHECK_EQ(memcmp(&before, &after, sizeof(before)), 0);
    UT_CHECK_EQ(after.rip, dbg_addr(fk_breakpoint_after));
    take_over(env, t);
}

UTEST(debug, debugger_gone_while_event_queued)
{
    uint32_t t = dbg_target(env, fk_breakpoint, NULL, false);
    uint32_t ep = dbg_attach(env, t, 0);
    static struct hl_debug_regs r;

    UT_REQUIRE_OK(hl_task_resume(t));
    /* Nobody receives: the event waits in the queue. */
    ut_sleep(3);
    UT_CHECK(ut_task_state(t) != HL_TASK_RUNNABLE);
    UT_CHECK_OK(hl_cspace_revoke(env->cspace, ep));
    UT_CHECK_OK(hl_cspace_delete(env->cspace, ep));
    UT_CHECK_EQ(ut_wait_state(t, HL_TASK_SUSPENDED, 5), HL_TASK_SUSPENDED);
    r = dbg_regs(t);
    UT_CHECK_EQ(r.rip, dbg_addr(fk_breakpoint_after));
    UT_CHECK_EQ(r.rax, 0x1111111111111111ull);
    UT_CHECK_EQ(r.r15, 0x0f0f0f0f0f0f0f0full);
    take_over(env, t);
}

/* Unsetting the endpoint: events are no longer the debugger's, so an int3
 * is an ordinary fault again (no fault endpoint: FAULTED). */
UTEST(debug, endpoint_none_detaches)
{
    uint32_t t = dbg_target(env, dp_regs, NULL, false);
    uint32_t ep = dbg_attach(env, t, 0);
    struct hl_task_info info = {0};

    UT_CHECK_OK(hl_debug_set_endpoint(t, HL_CPTR_NONE));
    UT_REQUIRE_OK(hl_task_resume(t));
    UT_CHECK_EQ(ut_wait_state(t, HL_TASK_FAULTED, DBG_WAIT_TICKS), HL_TASK_FAULTED);
    UT_CHECK_OK(hl_task_info(t, &info, NULL));
    UT_CHECK_EQ(info.fault_vector, V_BP);
    UT_CHECK_ERR(hl_poll(ep).status, E_WOULD_BLOCK);
}

UTEST(debug, set_endpoint_errors)
{
    uint32_t t = dbg_target(env, dp_regs, NULL, false);
    uint32_t ep = ut_object(env, HL_CAP_ENDPOINT, 0), ntfn = ut_object(env, HL_CAP_NOTIFICATION, 0);
    uint32_t ro = dbg_mint(env, ep, HL_RIGHT_READ), good = dbg_attach(env, t, 0x9);
    struct hl_debug_event ev;

    UT_CHECK_ERR(hl_debug_set_endpoint(t, ntfn), E_WRONG_TYPE);
    UT_CHECK_ERR(hl_debug_set_endpoint(t, env->vspace), E_WRONG_TYPE);
    UT_CHECK_ERR(hl_debug_set_endpoint(t, ro), E_NO_RIGHTS);
    UT_CHECK_ERR(hl_debug_set_endpoint(t, ut_slot(env)), E_SLOT_EMPTY);
    UT_CHECK_ERR(hl_debug_set_endpoint(t, 1u << env->bi->cspace_bits), E_INVALID_CADDR);
    UT_CHECK_ERR(hl_debug_set_endpoint(t, 0), E_INVALID_CADDR);
    /* The first endpoint is still the one. */
    UT_REQUIRE_OK(hl_task_resume(t));
    UT_REQUIRE(dbg_poll_event(good, &ev, DBG_WAIT_TICKS));
    UT_CHECK_EQ(ev.badge, 0x9);
    UT_CHECK_EQ(ev.label, HL_LABEL_DEBUG_BREAKPOINT);
    UT_CHECK_ERR(hl_poll(ep).status, E_WOULD_BLOCK);
}

/* Task configure (say, to give the task a fault endpoint) is not a
 * detach: the debugger keeps receiving the task's events. */
UTEST(debug, configure_keeps_the_debugger)
{
    uint32_t fep = ut_object(env, HL_CAP_ENDPOINT, 0);
    uint32_t t = dbg_target(env, dp_ud, NULL, false);
    uint32_t ep = dbg_attach(env, t, 0);
    struct hl_task_config c = {
        .cspace = env->cspace,
        .vspace = env->vspace,
        .ipc_buffer = HL_CPTR_NONE,
        .fault_endpoint = fep,
    };
    struct hl_debug_event ev;

    UT_REQUIRE_OK(hl_task_configure(t, &c));
    UT_REQUIRE_OK(hl_task_resume(t));
    if (!dbg_poll_event(ep, &ev, DBG_WAIT_TICKS)) {
        UT_FAIL("no debug event; task state %u, fault endpoint %s", ut_task_state(t),
                hl_poll(fep).status == E_OK ? "got the fault" : "empty");
        return;
    }
    UT_CHECK_EQ(ev.label, HL_LABEL_DEBUG_FAULT);
    UT_CHECK_ERR(hl_poll(fep).status, E_WOULD_BLOCK);
}

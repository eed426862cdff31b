/*
 * Run control: suspend, resume and single step; software breakpoints
 * written into read-only text with debug write mem (the target hits them
 * and the mapping stays read-only for the target itself), and stepping
 * over one the way a debugger does: restore the byte, step, put it back.
 */
#include <stdio.h>
#include <string.h>
#include <hl/invoke.h>
#include <hl/ipc.h>
#include "dbg.h"

/* Software breakpoint in read-only text, hit by the target. */
UTEST(debug, software_breakpoint_in_read_only_text)
{
    static volatile uint64_t hits;
    uint32_t t = dbg_target(env, dp_patch, (void *)&hits, false);
    uint32_t ep = dbg_attach(env, t, 0x5);
    uint64_t at = dbg_addr(dp_patch_at);
    uint8_t orig, now = 0;
    struct hl_debug_event ev;

    hits = 0;
    orig = dbg_poke(t, at, DBG_INT3);
    UT_CHECK_EQ(orig, 0x48);                                 /* REX.W of incq (%rdi) */
    UT_CHECK_EQ(*(volatile uint8_t *)dp_patch_at, DBG_INT3); /* the same frame */
    UT_CHECK_OK(hl_debug_read_mem(t, at, &now, 1, NULL));
    UT_CHECK_EQ(now, DBG_INT3);
    UT_REQUIRE_OK(hl_task_resume(t));
    ev = dbg_expect(ep, t, HL_LABEL_DEBUG_BREAKPOINT);
    UT_CHECK_EQ(ev.badge, 0x5);
    UT_CHECK_EQ(ev.vector, 3);
    UT_CHECK_EQ(ev.rip, at + 1);
    UT_CHECK_EQ(hits, 0);
    /* Take it out, back up over it and let the loop run to the end. */
    dbg_poke(t, at, orig);
    struct hl_debug_regs r = dbg_regs(t);
    r.rip = at;
    UT_REQUIRE_OK(hl_debug_write_regs(t, &r));
    UT_CHECK_OK(hl_debug_resume(t, 0));
    dbg_expect_exit_event(ep, t, 0x42);
    UT_CHECK_EQ(hits, 3);
}

/* Patching text does not make it writable for the target: its own
 * store to the page still faults (write to a present page). */
UTEST(debug, patched_text_stays_read_only_for_the_target)
{
    int fk_write(void *);
    uint32_t t = dbg_target(env, dp_patch, NULL, false);
    uint64_t at = dbg_addr(dp_patch_next);
    uint32_t writer;
    struct hl_task_info info = {0};
    uint8_t orig = dbg_poke(t, at, 0x90);

    dbg_poke(t, at, orig);
    writer = dbg_target(env, fk_write, (void *)dp_patch_next, true);
    UT_CHECK_EQ(ut_wait_state(writer, HL_TASK_FAULTED, DBG_WAIT_TICKS), HL_TASK_FAULTED);
    UT_CHECK_OK(hl_task_info(writer, &info, NULL));
    UT_CHECK_EQ(info.fault_vector, 14);
    UT_CHECK_EQ(info.fault_addr, at);
    UT_CHECK_EQ(*(volatile uint8_t *)dp_patch_next, orig);
}

/* Step over a software breakpoint: restore the byte, back up, step one
 * instruction, put the int3 back, continue to the next hit. */
UTEST(debug, step_over_software_breakpoint)
{
    static volatile uint64_t hits;
    uint32_t t = dbg_target(env, dp_patch, (void *)&hits, false);
    uint32_t ep = dbg_attach(env, t, 0);
    uint64_t at = dbg_addr(dp_patch_at);
    uint8_t orig;
    struct hl_debug_event ev;

    hits = 0;
    orig = dbg_poke(t, at, DBG_INT3);
    UT_REQUIRE_OK(hl_task_resume(t));
    for (unsigned round = 0; round < 3; round++) {
        ev = dbg_expect(ep, t, HL_LABEL_DEBUG_BREAKPOINT);
        UT_CHECK_EQ(ev.rip, at + 1);
        UT_CHECK_EQ(hits, round);
        dbg_poke(t, at, orig);
        struct hl_debug_regs r = dbg_regs(t);
        r.rip = at;
        UT_REQUIRE_OK(hl_debug_write_regs(t, &r));
        UT_REQUIRE_OK(hl_debug_step(t, 0));
        ev = dbg_expect(ep, t, HL_LABEL_DEBUG_STEP);
        UT_CHECK_EQ(ev.rip, dbg_addr(dp_patch_next));
        UT_CHECK_EQ(ev.vector, 1);
        UT_CHECK_EQ(ev.rflags & DBG_RFLAGS_TF, 0); /* the debugger's TF is not the task's */
        UT_CHECK_EQ(hits, round + 1);
        dbg_poke(t, at, DBG_INT3);
        UT_CHECK_OK(hl_debug_resume(t, 0));
    }
    dbg_expect_exit_event(ep, t, 0x42);
    dbg_poke(t, at, orig);
    UT_CHECK_EQ(*(volatile uint8_t *)dp_patch_at, orig);
}

UTEST(debug, single_step_reports_each_next_rip)
{
    uint32_t t = dbg_target(env, dp_step, NULL, false);
    uint32_t ep = dbg_attach(env, t, 0);
    const char *const next[] = {dp_step_1, dp_step_2, dp_step_3, dp_step_4, dp_step_5};
    struct hl_debug_event ev;

    UT_REQUIRE_OK(hl_task_resume(t));
    ev = dbg_expect(ep, t, HL_LABEL_DEBUG_BREAKPOINT);
    UT_CHECK_EQ(ev.rip, dbg_addr(dp_step_0));
    for (unsigned i = 0; i < sizeof(next) / sizeof(next[0]); i++) {
        UT_REQUIRE_OK(hl_debug_step(t, 0));
        ev = dbg_expect(ep, t, HL_LABEL_DEBUG_STEP);
        if (!UT_CHECK_EQ(ev.rip, dbg_addr(next[i])))
            printf("# (step %u)\n", i);
        UT_CHECK_EQ(ev.detail, 0);
        UT_CHECK_EQ(ev.addr, 0);
    }
    UT_CHECK_EQ(dbg_regs(t).rax, 3);
    UT_CHECK_OK(hl_debug_resume(t, 0));
    dbg_expect_exit_event(ep, t, 3);
}

/* A step over a syscall ends after it, in user mode, with the syscall
 * done (SYSCALL with TF set traps at the kernel's entry unless the kernel
 * takes care: SDM Vol. 3A 17.3.1.4). */
UTEST(debug, single_step_over_a_syscall)
{
    uint32_t t = dbg_target(env, dp_step_syscall, NULL, false);
    uint32_t ep = dbg_attach(env, t, 0);
    struct hl_debug_event ev;

    UT_REQUIRE_OK(hl_task_resume(t));
    ev = dbg_expect(ep, t, HL_LABEL_DEBUG_BREAKPOINT);
    UT_CHECK_EQ(ev.rip, dbg_addr(dp_step_syscall_0));
    UT_REQUIRE_OK(hl_debug_step(t, 0));
    ev = dbg_expect(ep, t, HL_LABEL_DEBUG_STEP);
    UT_CHECK_EQ(ev.rip, dbg_addr(dp_step_syscall_at));
    UT_REQUIRE_OK(hl_debug_step(t, 0));
    ev = dbg_expect(ep, t, HL_LABEL_DEBUG_STEP);
    UT_CHECK_EQ(ev.rip, dbg_addr(dp_step_syscall_after));
    UT_CHECK_EQ(dbg_regs(t).rax, 0); /* SYS_YIELD's status */
    UT_CHECK_EQ(ev.rflags & DBG_RFLAGS_TF, 0);
    UT_CHECK_OK(hl_debug_resume(t, 0));
    dbg_expect_exit_event(ep, t, 0x25);
}

/* A step over a syscall that blocks ends when the syscall returns, on the
 * instruction after it, however long it waited: not one instruction
 * later. */
UTEST(debug, single_step_over_a_blocking_syscall)
{
    uint32_t ntfn = ut_object(env, HL_CAP_NOTIFICATION, 0);
    uint32_t t = dbg_target(env, dp_step_recv, (void *)(uintptr_t)ntfn, false);
    uint32_t ep = dbg_attach(env, t, 0);
    unsigned state = 0;
    struct hl_debug_event ev;

    UT_REQUIRE_OK(hl_task_resume(t));
    ev = dbg_expect(ep, t, HL_LABEL_DEBUG_BREAKPOINT);
    UT_CHECK_EQ(ev.rip, dbg_addr(dp_step_recv_0));
    UT_REQUIRE_OK(hl_debug_step(t, 0));
    ev = dbg_expect(ep, t, HL_LABEL_DEBUG_STEP);
    UT_CHECK_EQ(ev.rip, dbg_addr(dp_step_recv_at));
    UT_REQUIRE_OK(hl_debug_step(t, 0));
    /* It waits: no step yet, blocked on the notification. */
    dbg_expect_no_event(ep, 5);
    UT_CHECK_OK(hl_task_info(t, NULL, &state));
    UT_CHECK_EQ(state, HL_TASK_BLOCKED);
    UT_REQUIRE_OK(hl_signal(ntfn));
    ev = dbg_expect(ep, t, HL_LABEL_DEBUG_STEP);
    UT_CHECK_EQ(ev.rip, dbg_addr(dp_step_recv_after));
    UT_CHECK_EQ(ev.rflags & DBG_RFLAGS_TF, 0);
    UT_CHECK_EQ(dbg_regs(t).rax, 0); /* the wait's status */
    UT_CHECK_EQ(dbg_regs(t).rdi, 1); /* the bits: an unbadged signal */
    UT_CHECK_OK(hl_debug_resume(t, 0));
    dbg_expect_exit_event(ep, t, 0x26);
}

/* A step onto an instruction that faults reports the fault, not a step;
 * the task has not moved. */
UTEST(debug, single_step_into_a_fault)
{
    uint32_t t = dbg_target(env, dp_ud, NULL, false);
    uint32_t ep = dbg_attach(env, t, 0);
    struct hl_debug_event ev;

    UT_REQUIRE_OK(hl_debug_set_breakpoint(t, 0, dbg_addr(dp_ud_at), HL_DEBUG_BP_EXEC, 1));
    UT_REQUIRE_OK(hl_task_resume(t));
    ev = dbg_expect(ep, t, HL_LABEL_DEBUG_HW);
    UT_CHECK_EQ(ev.rip, dbg_addr(dp_ud_at));
    UT_CHECK_OK(hl_debug_clear_breakpoint(t, 0));
    UT_REQUIRE_OK(hl_debug_step(t, 0));
    ev = dbg_expect(ep, t, HL_LABEL_DEBUG_FAULT);
    UT_CHECK_EQ(ev.vector, 6);
    UT_CHECK_EQ(ev.rip, dbg_addr(dp_ud_at));
    UT_CHECK_EQ(ev.rflags & DBG_RFLAGS_TF, 0);
    /* Moved past the ud2 and resumed (not stepped), it runs to its exit
     * without another stop: the step's trap flag is gone. */
    struct hl_debug_regs r = dbg_regs(t);
    r.rip = dbg_addr(dp_ud_after);
    UT_REQUIRE_OK(hl_debug_write_regs(t, &r));
    UT_CHECK_OK(hl_debug_resume(t, 0));
    dbg_expect_exit_event(ep, t, 0x23);
}

UTEST(debug, suspend_and_resume)
{
    static volatile uint64_t counter;
    uint32_t t = dbg_target(env, dp_loop, (void *)&counter, true);
    uint64_t before;

    ut_sleep(2);
    UT_CHECK_OK(hl_debug_suspend(t));
    UT_CHECK_EQ(ut_task_state(t), HL_TASK_SUSPENDED);
    before = counter;
    ut_sleep(3);
    UT_CHECK_EQ(counter, before);
    /* Suspending twice is harmless. */
    UT_CHECK_OK(hl_debug_suspend(t));
    UT_CHECK_OK(hl_debug_resume(t, 0));
    UT_CHECK_EQ(ut_task_state(t), HL_TASK_RUNNABLE);
    ut_sleep(3);
    UT_CHECK(counter != before);
    UT_CHECK_OK(hl_debug_suspend(t));
}

UTEST(debug, control_errors)
{
    uint32_t t = dbg_target(env, dp_loop, NULL, false);
    uint32_t done = dbg_target(env, dp_exit, (void *)7, true);
    uint32_t blank = ut_object(env, HL_CAP_TASK, 0);

    dbg_attach(env, t, 0);
    UT_CHECK_OK(hl_debug_suspend(t));
    UT_CHECK_ERR(hl_debug_resume(t, 2), E_INVALID_ARG);
    UT_CHECK_ERR(hl_debug_resume(t, ~0u), E_INVALID_ARG);
    UT_CHECK_ERR(hl_debug_step(t, 2), E_INVALID_ARG);
    UT_CHECK_EQ(ut_task_state(t), HL_TASK_SUSPENDED);
    UT_CHECK_EQ(ut_wait_state(done, HL_TASK_EXITED, DBG_WAIT_TICKS), HL_TASK_EXITED);
    UT_CHECK_ERR(hl_debug_suspend(done), E_STATE);
    UT_CHECK_ERR(hl_debug_resume(done, 0), E_STATE);
    UT_CHECK_ERR(hl_debug_step(done, 0), E_STATE);
    UT_CHECK_ERR(hl_debug_resume(blank, 0), E_STATE);
    UT_CHECK_ERR(hl_debug_step(blank, 0), E_STATE);
    UT_CHECK_EQ(ut_task_state(blank), HL_TASK_INACTIVE);
}

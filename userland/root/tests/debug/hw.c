/*
 * Hardware breakpoints and watchpoints (debug registers): execute, write
 * and read/write kinds, lengths 1, 2, 4 and 8, and their errors. They are
 * part of the task's context: they fire in their own task only, never in
 * another task running the same code or touching the same data, and not
 * when the kernel reads or writes the watched memory on the task's behalf.
 */
#include <stdio.h>
#include <string.h>
#include <hl/invoke.h>
#include "dbg.h"

UTEST(debug, hw_execute_breakpoint)
{
    static volatile uint64_t counter;
    uint32_t t = dbg_target(env, dp_loop, (void *)&counter, false);
    uint32_t ep = dbg_attach(env, t, 0);
    uint64_t at = dbg_addr(dp_loop_at), before;
    struct hl_debug_event ev;

    UT_REQUIRE_OK(hl_debug_set_breakpoint(t, 2, at, HL_DEBUG_BP_EXEC, 1));
    UT_REQUIRE_OK(hl_task_resume(t));
    ev = dbg_expect(ep, t, HL_LABEL_DEBUG_HW);
    UT_CHECK_EQ(ev.vector, 1);
    UT_CHECK_EQ(ev.detail, 2);
    UT_CHECK_EQ(ev.addr, at);
    UT_CHECK_EQ(ev.rip, at); /* a fault: before the instruction runs */
    UT_CHECK_EQ(counter, 0);
    /* Resumed with the breakpoint still set, the task runs that
     * instruction and stops again on the next round of the loop. */
    for (unsigned i = 1; i <= 3; i++) {
        UT_CHECK_OK(hl_debug_resume(t, 0));
        ev = dbg_expect(ep, t, HL_LABEL_DEBUG_HW);
        UT_CHECK_EQ(ev.rip, at);
        if (!UT_CHECK_EQ(counter, i))
            break;
    }
    UT_CHECK_OK(hl_debug_clear_breakpoint(t, 2));
    before = counter;
    UT_CHECK_OK(hl_debug_resume(t, 0));
    ut_sleep(3);
    UT_CHECK(counter > before + 1);
    dbg_expect_no_event(ep, 1);
    UT_CHECK_OK(hl_debug_suspend(t));
}

/* Set while the task runs: it takes effect the next time it runs. */
UTEST(debug, hw_breakpoint_set_while_running)
{
    static volatile uint64_t counter;
    uint32_t t = dbg_target(env, dp_loop, (void *)&counter, true);
    uint32_t ep = dbg_attach(env, t, 0);
    struct hl_debug_event ev;

    ut_sleep(2);
    UT_CHECK(counter > 0);
    UT_REQUIRE_OK(hl_debug_set_breakpoint(t, 3, dbg_addr(dp_loop_at), HL_DEBUG_BP_EXEC, 1));
    ev = dbg_expect(ep, t, HL_LABEL_DEBUG_HW);
    UT_CHECK_EQ(ev.detail, 3);
    UT_CHECK_EQ(ev.rip, dbg_addr(dp_loop_at));
}

UTEST(debug, hw_write_watchpoint)
{
    static volatile uint64_t word __attribute__((aligned(8)));
    uint32_t t = dbg_target(env, dp_store_byte, (void *)&word, false);
    uint32_t ep = dbg_attach(env, t, 0);
    struct hl_debug_event ev;

    word = 0;
    UT_REQUIRE_OK(hl_debug_set_breakpoint(t, 1, dbg_addr(&word), HL_DEBUG_BP_WRITE, 8));
    UT_REQUIRE_OK(hl_task_resume(t));
    ev = dbg_expect(ep, t, HL_LABEL_DEBUG_HW);
    UT_CHECK_EQ(ev.detail, 1);
    UT_CHECK_EQ(ev.addr, dbg_addr(&word));
    UT_CHECK_EQ(ev.rip, dbg_addr(dp_store_byte_after)); /* a trap: after the store */
    UT_CHECK_EQ(word, 0x5a);
    UT_CHECK_OK(hl_debug_resume(t, 0));
    dbg_expect_exit_event(ep, t, 0x21);
}

/* A write watchpoint ignores loads; a read/write one stops on them. */
UTEST(debug, hw_access_watchpoint_and_loads)
{
    static volatile uint64_t word __attribute__((aligned(8))) = 0x99;
    uint32_t t = dbg_target(env, dp_load, (void *)&word, false);
    uint32_t ep = dbg_attach(env, t, 0);
    uint32_t u = dbg_target(env, dp_load, (void *)&word, false);
    uint32_t uep = dbg_attach(env, u, 0);
    struct hl_debug_event ev;

    UT_REQUIRE_OK(hl_debug_set_breakpoint(u, 0, dbg_addr(&word), HL_DEBUG_BP_WRITE, 8));
    UT_REQUIRE_OK(hl_task_resume(u));
    dbg_expect_exit_event(uep, u, 0x22);

    UT_REQUIRE_OK(hl_debug_set_breakpoint(t, 3, dbg_addr(&word), HL_DEBUG_BP_ACCESS, 8));
    UT_REQUIRE_OK(hl_task_resume(t));
    ev = dbg_expect(ep, t, HL_LABEL_DEBUG_HW);
    UT_CHECK_EQ(ev.detail, 3);
    UT_CHECK_EQ(ev.rip, dbg_addr(dp_load_after));
    UT_CHECK_EQ(dbg_regs(t).rax, 0x99);
    UT_CHECK_OK(hl_debug_resume(t, 0));
    dbg_expect_exit_event(ep, t, 0x22);
}

/* A target that stores one byte at a time into buf[0..15]; cur says which
 * byte it is about to store. */
static volatile uint8_t walk_buf[16] __attribute__((aligned(16)));
static volatile int walk_cur;

static int walk(void *arg)
{
    (void)arg;
    for (int i = 0; i < 16; i++) {
        walk_cur = i;
        walk_buf[i] = (uint8_t)(i + 1);
    }
    return 0x24;
}

/* A write watchpoint of each length at offset 8 stops exactly on the
 * stores to its bytes. */
UTEST(debug, hw_watch_lengths)
{
    static const unsigned lengths[] = {1, 2, 4, 8};
    struct hl_debug_event ev;

    for (unsigned l = 0; l < 4; l++) {
        unsigned len = lengths[l], hits = 0;
        uint32_t t = dbg_target(env, walk, NULL, false);
        uint32_t ep = dbg_attach(env, t, 0);

        memset((void *)walk_buf, 0, sizeof(walk_buf));
        walk_cur = -1;
        UT_REQUIRE_OK(
            hl_debug_set_breakpoint(t, 0, dbg_addr(&walk_buf[8]), HL_DEBUG_BP_WRITE, len));
        UT_REQUIRE_OK(hl_task_resume(t));
        for (;;) {
            if (!dbg_poll_event(ep, &ev, DBG_WAIT_TICKS)) {
                UT_FAIL("no event (length %u)", len);
                break;
            }
            if (ev.label == HL_LABEL_DEBUG_EXIT)
                break;
            UT_CHECK_EQ(ev.label, HL_LABEL_DEBUG_HW);
            if (!UT_CHECK_EQ(walk_cur, 8 + hits))
                printf("# (length %u)\n", len);
            UT_CHECK_EQ(walk_buf[walk_cur], walk_cur + 1);
            hits++;
            if (hits > 8)
                break;
            UT_CHECK_OK(hl_debug_resume(t, 0));
        }
        if (!UT_CHECK_EQ(hits, len))
            printf("# (length %u)\n", len);
        if (ev.label == HL_LABEL_DEBUG_EXIT) {
            UT_CHECK_EQ(ev.vector, 0x24);
            if (ut_task_state(t) == HL_TASK_SUSPENDED)
                hl_debug_resume(t, 0);
        }
    }
}

UTEST(debug, hw_breakpoint_errors)
{
    static volatile uint64_t counter;
    uint32_t t = dbg_target(env, dp_loop, (void *)&counter, false);
    uint32_t ep = dbg_attach(env, t, 0);
    uint64_t data = dbg_addr(ut_map_pages(env, 1)), code = dbg_addr(dp_loop_at);
    static const struct {
        const char *what;
        unsigned slot;
        uint64_t addr;
        unsigned kind, len;
        int err;
    } bad[] = {
        {"slot 4", 4, 0, HL_DEBUG_BP_WRITE, 8, E_RANGE},
        {"slot 0xffffffff", 0xffffffff, 0, HL_DEBUG_BP_WRITE, 8, E_RANGE},
        {"kernel address", 0, DBG_KERNEL_ADDR, HL_DEBUG_BP_WRITE, 8, E_RANGE},
        {"kernel text", 0, DBG_KERNEL_TEXT, HL_DEBUG_BP_EXEC, 1, E_RANGE},
        {"non-canonical", 0, DBG_NONCANONICAL, HL_DEBUG_BP_ACCESS, 8, E_RANGE},
        {"HL_USER_TOP", 0, HL_USER_TOP, HL_DEBUG_BP_WRITE, 1, E_RANGE},
        {"kind 2 (I/O)", 0, 0, 2, 4, E_INVALID_ARG},
        {"kind 4", 0, 0, 4, 4, E_INVALID_ARG},
        {"length 0", 0, 0, HL_DEBUG_BP_WRITE, 0, E_INVALID_ARG},
        {"length 3", 0, 0, HL_DEBUG_BP_WRITE, 3, E_INVALID_ARG},
        {"length 16", 0, 0, HL_DEBUG_BP_WRITE, 16, E_INVALID_ARG},
        {"execute length 2", 0, 1, HL_DEBUG_BP_EXEC, 2, E_INVALID_ARG},
        {"length 2 at odd", 0, 1, HL_DEBUG_BP_WRITE, 2, E_ALIGN},
        {"length 4 at 2", 0, 2, HL_DEBUG_BP_ACCESS, 4, E_ALIGN},
        {"length 8 at 4", 0, 4, HL_DEBUG_BP_WRITE, 8, E_ALIGN},
    };

    for (unsigned i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
        uint64_t a = bad[i].addr < 0x1000 ? data + bad[i].addr : bad[i].addr;
        if (bad[i].kind == HL_DEBUG_BP_EXEC && bad[i].addr < 0x1000)
            a = code;
        if (!UT_CHECK_ERR(hl_debug_set_breakpoint(t, bad[i].slot, a, bad[i].kind, bad[i].len),
                          bad[i].err))
            printf("# (%s)\n", bad[i].what);
    }
    UT_CHECK_ERR(hl_debug_clear_breakpoint(t, 4), E_RANGE);
    /* Nothing was set: the task runs freely. Clearing an unset slot is fine. */
    UT_CHECK_OK(hl_debug_clear_breakpoint(t, 0));
    UT_REQUIRE_OK(hl_task_resume(t));
    ut_sleep(3);
    UT_CHECK(counter > 0);
    dbg_expect_no_event(ep, 1);
    UT_CHECK_OK(hl_debug_suspend(t));
}

/* Two tasks run the same loop; only the one with the breakpoint stops. */
UTEST(debug, hw_breakpoint_only_in_its_own_task)
{
    static volatile uint64_t mine, other;
    uint32_t t = dbg_target(env, dp_loop, (void *)&mine, false);
    uint32_t u = dbg_target(env, dp_loop, (void *)&other, false);
    uint32_t ep = dbg_attach(env, t, 0), uep = dbg_attach(env, u, 0);
    uint64_t before;

    UT_REQUIRE_OK(hl_debug_set_breakpoint(t, 0, dbg_addr(dp_loop_at), HL_DEBUG_BP_EXEC, 1));
    UT_REQUIRE_OK(hl_task_resume(u));
    UT_REQUIRE_OK(hl_task_resume(t));
    dbg_expect(ep, t, HL_LABEL_DEBUG_HW);
    before = other;
    ut_sleep(3);
    UT_CHECK(other > before);
    UT_CHECK_EQ(mine, 0);
    dbg_expect_no_event(uep, 1);
    UT_CHECK_EQ(ut_task_state(u), HL_TASK_RUNNABLE);
    UT_CHECK_OK(hl_debug_suspend(u));
}

/* The same for data: the other task writes the watched word freely. */
UTEST(debug, hw_watchpoint_only_in_its_own_task)
{
    static volatile uint64_t word __attribute__((aligned(8)));
    uint32_t t = dbg_target(env, dp_store_byte, (void *)&word, false);
    uint32_t u = dbg_target(env, dp_store_byte, (void *)&word, false);
    uint32_t ep = dbg_attach(env, t, 0), uep = dbg_attach(env, u, 0);

    UT_REQUIRE_OK(hl_debug_set_breakpoint(t, 0, dbg_addr(&word), HL_DEBUG_BP_ACCESS, 8));
    UT_REQUIRE_OK(hl_task_resume(u));
    dbg_expect_exit_event(uep, u, 0x21);
    UT_CHECK_EQ(word, 0x5a);
    word = 0;
    /* The debugger touching it (directly, and through debug read and
     * write mem) stops nobody either. */
    uint64_t v = 0x1234;
    UT_CHECK_OK(hl_debug_write_mem(t, dbg_addr(&word), &v, 8, NULL));
    UT_CHECK_OK(hl_debug_read_mem(t, dbg_addr(&word), &v, 8, NULL));
    dbg_expect_no_event(ep, 1);
    UT_CHECK_EQ(ut_task_state(t), HL_TASK_INACTIVE);
    UT_REQUIRE_OK(hl_task_resume(t));
    dbg_expect(ep, t, HL_LABEL_DEBUG_HW);
    UT_CHECK_OK(hl_debug_resume(t, 0));
    dbg_expect_exit_event(ep, t, 0x21);
}

/* The kernel reading or writing watched memory for the task (a syscall's
 * buffer) does not fire the task's watchpoints; the task's own load does. */
static struct {
    char text[8];
    struct hl_cap_info info;
    volatile int stage;
} kbuf __attribute__((aligned(64))) = {.text = "watched\n"};

static int kernel_touch(void *arg)
{
    (void)arg;
    kbuf.stage = 1;
    hl_debug_puts(kbuf.text, sizeof(kbuf.text));
    kbuf.stage = 2;
    hl_cspace_identify(HL_ROOT_SLOT_CSPACE, HL_ROOT_SLOT_TASK, &kbuf.info, NULL);
    kbuf.stage = 3;
    return *(volatile char *)&kbuf.text[0];
}

UTEST(debug, hw_watchpoint_ignores_kernel_access)
{
    uint32_t t = dbg_target(env, kernel_touch, NULL, false);
    uint32_t ep = dbg_attach(env, t, 0);
    struct hl_debug_event ev;

    memset(&kbuf.info, 0, sizeof(kbuf.info));
    kbuf.stage = 0;
    UT_REQUIRE_OK(hl_debug_set_breakpoint(t, 0, dbg_addr(kbuf.text), HL_DEBUG_BP_ACCESS, 8));
    UT_REQUIRE_OK(hl_debug_set_breakpoint(t, 1, dbg_addr(&kbuf.info), HL_DEBUG_BP_WRITE, 8));
    UT_REQUIRE_OK(hl_task_resume(t));
    ev = dbg_expect(ep, t, HL_LABEL_DEBUG_HW);
    if (!UT_CHECK_EQ(kbuf.stage, 3))
        printf("# stopped in stage %d, slot %lu\n", kbuf.stage, (unsigned long)ev.detail);
    UT_CHECK_EQ(ev.detail, 0);
    UT_CHECK_EQ(kbuf.info.type, HL_CAP_TASK);
    UT_CHECK_OK(hl_debug_resume(t, 0));
    dbg_expect_exit_event(ep, t, 'w');
}

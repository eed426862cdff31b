/*
 * test_run.c: resuming, stop replies, interrupts, detach and kill (GDB
 * manual "Packets", "Stop Reply Packets", "Interrupts"), and a table of
 * malformed packets that must be rejected before any target op that
 * changes state is called (decode-then-act).
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "harness.h"

#define RX 4096
#define TX 4096

static int setup(void **state)
{
    *state = th_new(RX, TX);
    return 0;
}

static int teardown(void **state)
{
    th_free(*state);
    return 0;
}

#define TEST(fn)                                                                                   \
    {                                                                                              \
        "gdbstub." #fn, fn, setup, teardown, NULL                                                  \
    }

static void run_stop_query_initial(void **state)
{
    struct th *th = *state;

    th_cmd(th, "?");
    assert_string_equal(th->out, th_acked(th_stop(th, "T05thread:1;", 0x1)));
    assert_string_equal(th_cmd(th, "?x"), th_acked("E16"));
}

static void run_vcont_query(void **state)
{
    struct th *th = *state;

    assert_string_equal(th_cmd(th, "vCont?"), th_acked("vCont;c;C;s;S"));
}

static void run_continue_then_async_stop(void **state)
{
    struct th *th = *state;
    struct gdbstub_stop stop = {
        .kind = GDBSTUB_STOP_SIGNAL,
        .signal = GDBSTUB_SIGTRAP,
        .tid = 2,
        .reason = GDBSTUB_REASON_SWBREAK,
    };

    th_cmd(th, "qSupported:swbreak+");
    assert_string_equal(th_cmd(th, "c"), "+");
    assert_int_equal(th->events, GDBSTUB_EV_RESUMED);
    assert_true(gdbstub_running(&th->gs));
    assert_int_equal(th->target.nacts, 1);
    assert_int_equal(th->target.acts[0].kind, GDBSTUB_RESUME_CONTINUE);
    assert_int_equal(th->target.acts[0].signal, 0);
    assert_true(th->target.acts[0].tid == GDBSTUB_TID_ALL);
    /* console output is allowed while running */
    th_clear(th);
    assert_int_equal(gdbstub_console_write(&th->gs, "ok", 2), GDBSTUB_OK);
    assert_string_equal(th->out, th_frame("O6f6b"));
    th_clear(th);
    assert_int_equal(gdbstub_report_stop(&th->gs, &stop), 1);
    assert_string_equal(th->out, th_frame(th_stop(th, "T05thread:2;swbreak:;", 0x2)));
    assert_false(gdbstub_running(&th->gs));
    /* the stopped thread is now the register thread */
    th_cmd(th, "p10");
    assert_int_equal(th->target.last_tid, 2);
    th_cmd(th, "?");
    assert_string_equal(th->out, th_acked(th_stop(th, "T05thread:2;swbreak:;", 0x2)));
}

static void run_swbreak_only_if_gdb_asked(void **state)
{
    struct th *th = *state;
    struct gdbstub_stop stop = {
        .signal = GDBSTUB_SIGTRAP, .tid = 1, .reason = GDBSTUB_REASON_SWBREAK};

    th->target.resume_result = GDBSTUB_RESUME_STOPPED;
    th->target.resume_stop = stop;
    th_cmd(th, "c");
    assert_string_equal(th->out, th_acked(th_stop(th, "T05thread:1;", 0x1)));
    stop.reason = GDBSTUB_REASON_HWBREAK;
    th->target.resume_stop = stop;
    th_cmd(th, "qSupported:hwbreak+");
    th_cmd(th, "c");
    assert_string_equal(th->out, th_acked(th_stop(th, "T05thread:1;hwbreak:;", 0x1)));
}

static void run_stop_reply_formats(void **state)
{
    struct th *th = *state;
    /* exp: the thread whose rbp, rsp and rip follow (0: none, W and X replies). */
    static const struct {
        struct gdbstub_stop stop;
        const char *reply;
        int64_t exp;
    } cases[] = {
        {{.signal = 5, .tid = 3, .reason = GDBSTUB_REASON_WATCH, .watch_addr = 0x2008},
         "T05thread:3;watch:2008;",
         3},
        {{.signal = 5, .tid = 1, .reason = GDBSTUB_REASON_RWATCH, .watch_addr = 0x10},
         "T05thread:1;rwatch:10;",
         1},
        {{.signal = 5, .tid = 1, .reason = GDBSTUB_REASON_AWATCH, .watch_addr = 0},
         "T05thread:1;awatch:0;",
         1},
        /* The fake target answers for a thread it does not have with the current one. */
        {{.signal = 2, .tid = 0x1f}, "T02thread:1f;", 1},
        /* No thread named: the registers of the one the engine would pick. */
        {{.signal = 11, .tid = 0}, "T0b", 1},
        {{.kind = GDBSTUB_STOP_EXITED, .exit_code = 3}, "W03", 0},
        {{.kind = GDBSTUB_STOP_TERMINATED, .signal = 9}, "X09", 0},
    };

    th->target.resume_result = GDBSTUB_RESUME_STOPPED;
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        th->target.resume_stop = cases[i].stop;
        const char *want =
            cases[i].exp ? th_stop(th, cases[i].reply, cases[i].exp) : cases[i].reply;
        assert_string_equal(th_cmd(th, "vCont;c"), th_acked(want));
    }
    /* A register the target cannot read is left out; the others are still sent. */
    th->target.unavail_reg = GDBSTUB_X86_64_RBP;
    th->target.resume_stop = (struct gdbstub_stop){.signal = 5, .tid = 2};
    const char *full = th_stop(th, "T05thread:2;", 2);
    char want[512];
    snprintf(want, sizeof(want), "T05thread:2;%s", strstr(full, "07:"));
    assert_string_equal(th_cmd(th, "vCont;c"), th_acked(want));
}

static void run_vcont_actions(void **state)
{
    struct th *th = *state;

    assert_string_equal(th_cmd(th, "vCont;s:2;c"), "+");
    assert_int_equal(th->target.nacts, 2);
    assert_int_equal(th->target.acts[0].kind, GDBSTUB_RESUME_STEP);
    assert_true(th->target.acts[0].tid == 2);
    assert_int_equal(th->target.acts[1].kind, GDBSTUB_RESUME_CONTINUE);
    assert_true(th->target.acts[1].tid == GDBSTUB_TID_ALL);
    th->gs.running = false;
    assert_string_equal(th_cmd(th, "vCont;C0b:1;S05:-1"), "+");
    assert_int_equal(th->target.acts[0].signal, 11);
    assert_int_equal(th->target.acts[0].kind, GDBSTUB_RESUME_CONTINUE);
    assert_int_equal(th->target.acts[1].signal, 5);
    assert_int_equal(th->target.acts[1].kind, GDBSTUB_RESUME_STEP);
}

static void run_legacy_resume(void **state)
{
    struct th *th = *state;

    th->target.resume_result = GDBSTUB_RESUME_STOPPED;
    th->target.resume_stop = (struct gdbstub_stop){.signal = 5, .tid = 1};
    th_cmd(th, "s");
    assert_string_equal(th->out, th_acked(th_stop(th, "T05thread:1;", 0x1)));
    assert_int_equal(th->target.acts[0].kind, GDBSTUB_RESUME_STEP);
    assert_true(th->target.acts[0].tid == 1);
    th_cmd(th, "C0b");
    assert_string_equal(th->out, th_acked(th_stop(th, "T05thread:1;", 0x1)));
    assert_int_equal(th->target.acts[0].signal, 11);
    th_cmd(th, "c1100");
    assert_string_equal(th->out, th_acked(th_stop(th, "T05thread:1;", 0x1)));
    assert_true(fake_reg_u64(&th->target, 1, GDBSTUB_X86_64_RIP) == 0x1100);
    th_cmd(th, "S05;1234");
    assert_string_equal(th->out, th_acked(th_stop(th, "T05thread:1;", 0x1)));
    assert_true(fake_reg_u64(&th->target, 1, GDBSTUB_X86_64_RIP) == 0x1234);
    assert_string_equal(th_cmd(th, "Hc2"), th_acked("OK"));
    th_cmd(th, "c");
    assert_string_equal(th->out, th_acked(th_stop(th, "T05thread:1;", 0x1)));
    assert_true(th->target.acts[0].tid == 2);
}

static void run_resume_error(void **state)
{
    struct th *th = *state;

    th->target.resume_result = GDBSTUB_E_IO;
    assert_string_equal(th_cmd(th, "c"), th_acked("E05"));
    assert_false(gdbstub_running(&th->gs));
    assert_int_equal(th->events, 0);
}

static void run_report_stop_when_not_running(void **state)
{
    struct th *th = *state;
    struct gdbstub_stop stop = {.signal = GDBSTUB_SIGINT, .tid = 3};
    struct gdbstub_stop bad = {.kind = 7};

    th_clear(th);
    assert_int_equal(gdbstub_report_stop(&th->gs, &stop), 0);
    assert_string_equal(th->out, "");
    assert_int_equal(gdbstub_report_stop(&th->gs, &bad), GDBSTUB_E_INVAL);
    th_cmd(th, "?");
    assert_string_equal(th->out, th_acked(th_stop(th, "T02thread:3;", 0x3)));
}

static void run_interrupt_while_running(void **state)
{
    struct th *th = *state;
    struct gdbstub_stop stop = {.signal = GDBSTUB_SIGINT, .tid = 1};

    th_cmd(th, "c");
    th_clear(th);
    assert_int_equal(th_feed(th, "\x03", 1), GDBSTUB_EV_INTERRUPT);
    assert_int_equal(gdbstub_report_stop(&th->gs, &stop), 1);
    assert_string_equal(th->out, th_frame(th_stop(th, "T02thread:1;", 0x1)));
    assert_string_equal(th_cmd(th, "vCtrlC"), th_acked("OK"));
    assert_int_equal(th->events, GDBSTUB_EV_INTERRUPT);
}

static void run_detach_and_kill(void **state)
{
    struct th *th = *state;

    assert_string_equal(th_cmd(th, "D"), th_acked("OK"));
    assert_int_equal(th->target.detached, 1);
    assert_int_equal(th->events, GDBSTUB_EV_DETACHED);
    assert_string_equal(th_cmd(th, "D;1"), th_acked("OK"));
    assert_string_equal(th_cmd(th, "Dx"), th_acked("E16"));
    assert_int_equal(th->target.detached, 2);
    assert_string_equal(th_cmd(th, "k"), "+");
    assert_int_equal(th->target.killed, 1);
    assert_int_equal(th->events, GDBSTUB_EV_KILLED);
}

/* Packets that must be answered with an error or empty reply and reach no
 * state-changing target op. */
static void run_rejects_before_acting(void **state)
{
    struct th *th = *state;
    static const struct {
        const char *pkt;
        const char *reply;
    } cases[] = {
        {"c12345678901234567", "E16"},
        {"cz", "E16"},
        {"C", "E16"},
        {"C100", "E16"},
        {"C05;", "E16"},
        {"C05x", "E16"},
        {"S05;zz", "E16"},
        {"s1,2", "E16"},
        {"vCont", "E16"},
        {"vCont;", "E16"},
        {"vCont;x", "E16"},
        {"vCont;t", "E16"},
        {"vCont;c:0", "E16"},
        {"vCont;c:", "E16"},
        {"vCont;C", "E16"},
        {"vCont;C1ff", "E16"},
        {"vCont;c;c;c;c;c;c;c;c;c", "E16"},
        {"vCont;c:1x", "E16"},
        {"vContX", ""},
        {"vCtrlC:1", "E16"},
        {"Z0,1000,1,", "E16"},
        {"z0,,1", "E16"},
        {"M,1:00", "E16"},
        {"X1000,1", "E16"},
        {"X1000,3:}", "E16"},
        {"P=00", "E16"},
        {"G0", "E16"},
        {"Hc", "E16"},
        {"Hcx", "E16"},
        {"Hc8000000000000000", "E16"},
        {"D;", "E16"},
    };

    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        const char *out = th_cmd(th, cases[i].pkt);
        if (strcmp(out, th_acked(cases[i].reply)) != 0)
            fail_msg("%s: got %s, want %s", cases[i].pkt, out, th_acked(cases[i].reply));
    }
    assert_int_equal(th->target.writes, 0);
    assert_int_equal(th->target.bad_args, 0);
    assert_false(gdbstub_running(&th->gs));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        TEST(run_stop_query_initial),
        TEST(run_vcont_query),
        TEST(run_continue_then_async_stop),
        TEST(run_swbreak_only_if_gdb_asked),
        TEST(run_stop_reply_formats),
        TEST(run_vcont_actions),
        TEST(run_legacy_resume),
        TEST(run_resume_error),
        TEST(run_report_stop_when_not_running),
        TEST(run_interrupt_while_running),
        TEST(run_detach_and_kill),
        TEST(run_rejects_before_acting),
    };

    return cmocka_run_group_tests_name("gdbstub-run", tests, NULL, NULL);
}

/*
 * test_frame.c: framing, acknowledgements, no-ack mode, interrupts and
 * malformed framing (GDB manual "Overview", "Packet Acknowledgment",
 * "Interrupts"), with the exact bytes the engine must send.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdlib.h>
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

static void frame_ack_then_reply(void **state)
{
    struct th *th = *state;

    th_cmd(th, "?");
    assert_string_equal(th->out, th_acked(th_stop(th, "T05thread:1;", 1)));
    th_cmd(th, "?");
    assert_string_equal(th->out, th_acked(th_stop(th, "T05thread:1;", 0x1)));
}

static void frame_nak_on_bad_checksum(void **state)
{
    struct th *th = *state;

    th_clear(th);
    th_feed_str(th, "$?#00");
    assert_string_equal(th->out, "-");
    th_clear(th);
    th_feed_str(th, "$m1000,4#zz");
    assert_string_equal(th->out, "-");
    assert_int_equal(th->target.calls, 0);
}

static void frame_checksum_upper_case(void **state)
{
    struct th *th = *state;

    th_clear(th);
    th_feed_str(th, "$m1000,2#8C");
    assert_string_equal(th->out, th_acked("0001"));
}

static void frame_retransmit_on_nak(void **state)
{
    struct th *th = *state;
    char first[64];

    strcpy(first, th_cmd(th, "m1000,2"));
    assert_string_equal(first, th_acked("0001"));
    th_clear(th);
    th_feed_str(th, "-");
    assert_string_equal(th->out, first + 1);
    /* nothing sent yet on a fresh engine: a NAK has nothing to repeat */
    struct th *fresh = th_new(RX, TX);
    th_feed_str(fresh, "-");
    assert_string_equal(fresh->out, "");
    th_free(fresh);
}

static void frame_ignores_acks_and_noise(void **state)
{
    struct th *th = *state;

    th_clear(th);
    th_feed_str(th, "+++hello\r\n#00");
    assert_string_equal(th->out, "");
    assert_int_equal(th->events, 0);
    assert_string_equal(th_cmd(th, "m1000,1"), th_acked("00"));
}

static void frame_no_ack_mode(void **state)
{
    struct th *th = *state;

    assert_string_equal(th_cmd(th, "QStartNoAckMode"), "+$OK#9a");
    th_clear(th);
    th_feed_str(th, "+"); /* gdb's ack of that OK */
    assert_string_equal(th->out, "");
    assert_string_equal(th_cmd(th, "m1000,2"), th_frame("0001"));
    /* no NAK for a corrupt packet, no retransmission on '-' */
    th_clear(th);
    th_feed_str(th, "$m1000,2#00-");
    assert_string_equal(th->out, "");
}

static void frame_detach_restores_acks(void **state)
{
    struct th *th = *state;

    th_cmd(th, "QStartNoAckMode");
    assert_string_equal(th_cmd(th, "D"), th_frame("OK"));
    assert_int_equal(th->events, GDBSTUB_EV_DETACHED);
    assert_string_equal(th_cmd(th, "m1000,1"), th_acked("00"));
}

static void frame_interrupt_between_packets(void **state)
{
    struct th *th = *state;

    th_clear(th);
    assert_int_equal(th_feed(th, "\x03", 1), GDBSTUB_EV_INTERRUPT);
    assert_string_equal(th->out, "");
    assert_int_equal(th->target.calls, 0);
}

static void frame_interrupt_cuts_text_packet(void **state)
{
    struct th *th = *state;

    /* 0x03 cannot be data in an m packet: the packet is dropped */
    th_clear(th);
    th_feed_str(th, "$m10\x03"
                    "00,4#8d");
    assert_int_equal(th->events, GDBSTUB_EV_INTERRUPT);
    assert_string_equal(th->out, "");
    assert_int_equal(th->target.calls, 0);
    assert_string_equal(th_cmd(th, "m1001,1"), th_acked("01"));
    th_clear(th);
    th_feed_str(th, "$qSupported\x03");
    assert_int_equal(th->events, GDBSTUB_EV_INTERRUPT);
    assert_string_equal(th->out, "");
}

static void frame_0x03_is_data_in_x(void **state)
{
    struct th *th = *state;
    /* bytes 03 '#' 'a': the '#' escaped as "}\x03" */
    static const char pkt[] = "X1000,3:\x03}\x03"
                              "a";

    th_clear(th);
    th_send(th, pkt, sizeof(pkt) - 1);
    assert_string_equal(th->out, th_acked("OK"));
    assert_int_equal(th->events, 0);
    assert_memory_equal(th->target.mem_a, "\x03#a", 3);
}

static void frame_dollar_restarts_packet(void **state)
{
    struct th *th = *state;

    th_clear(th);
    th_feed_str(th, "$m1000,4");
    th_send(th, "m1002,1", 7);
    assert_string_equal(th->out, th_acked("02"));
}

static void frame_truncated_then_new_packet(void **state)
{
    struct th *th = *state;

    th_clear(th);
    th_feed_str(th, "$M1000,4:0102");
    th_feed_str(th, "$?#3f");
    assert_string_equal(th->out, th_acked(th_stop(th, "T05thread:1;", 0x1)));
    assert_int_equal(th->target.writes, 0);
}

static void frame_oversized_packet(void **state)
{
    struct th *small = th_new(1105, TX); /* the smallest the x86_64 arch allows */
    size_t len = 5000;
    char *big = malloc(len);
    (void)state;

    memcpy(big, "M1000,9c4:", 10);
    memset(big + 10, '0', len - 10);
    th_send(small, big, len);
    assert_string_equal(small->out, th_acked("E1c"));
    assert_int_equal(small->target.writes, 0);
    assert_string_equal(th_cmd(small, "m1000,1"), th_acked("00"));
    free(big);
    th_free(small);
}

static void frame_rle_input(void **state)
{
    struct th *th = *state;

    /* "0*\"" is six zeros: with "00" that is 4 bytes of zeros */
    th->target.mem_a[0] = 0xff;
    assert_string_equal(th_cmd(th, "M1000,4:0*\"00"), th_acked("OK"));
    assert_memory_equal(th->target.mem_a, "\0\0\0\0\x04", 5);
    /* "m10ff,1* " is m10ff,1111: one byte readable before the hole */
    assert_string_equal(th_cmd(th, "m10ff,1* "), th_acked("ff"));
}

static void frame_rle_malformed(void **state)
{
    struct th *th = *state;

    assert_string_equal(th_cmd(th, "*!m1000,1"), th_acked("E16"));
    assert_string_equal(th_cmd(th, "m1000,1*\x1f"), th_acked("E16"));
    th_clear(th);
    th_feed_str(th, "$m1000*#58"); /* '#' right after '*' ends the packet */
    assert_string_equal(th->out, th_acked("E16"));
    assert_int_equal(th->target.calls, 0);
}

static void frame_lone_escape_at_end(void **state)
{
    struct th *th = *state;

    assert_string_equal(th_cmd(th, "X1000,1:}"), th_acked("E16"));
    assert_int_equal(th->target.writes, 0);
}

static void frame_byte_at_a_time(void **state)
{
    struct th *th = *state;
    const char *s = "$m1000,4#8e";

    th_clear(th);
    for (size_t i = 0; s[i] != '\0'; i++)
        th_feed(th, s + i, 1);
    assert_string_equal(th->out, th_acked("00010203"));
}

static void frame_empty_packet(void **state)
{
    struct th *th = *state;

    th_clear(th);
    th_feed_str(th, "$#00");
    assert_string_equal(th->out, "+$#00");
}

static void frame_init_rejects_bad_config(void **state)
{
    struct gdbstub gs;
    uint8_t rx[2048], tx[2048];
    struct gdbstub_config cfg = {
        .ops = &fake_target_ops,
        .arch = &gdbstub_arch_x86_64,
        .put = NULL,
        .rx_buf = rx,
        .rx_size = sizeof(rx),
        .tx_buf = tx,
        .tx_size = sizeof(tx),
    };
    (void)state;

    assert_int_equal(gdbstub_init(&gs, &cfg), GDBSTUB_E_INVAL);
    cfg.put = (gdbstub_put_fn *)1; /* never called */
    cfg.rx_size = 1104;            /* G needs 1104 digits and the 'G' */
    assert_int_equal(gdbstub_init(&gs, &cfg), GDBSTUB_E_INVAL);
    cfg.rx_size = 1105;
    cfg.tx_size = 1107;
    assert_int_equal(gdbstub_init(&gs, &cfg), GDBSTUB_E_INVAL);
    cfg.tx_size = 1108;
    assert_int_equal(gdbstub_init(&gs, &cfg), GDBSTUB_OK);
    cfg.arch = NULL;
    assert_int_equal(gdbstub_init(&gs, &cfg), GDBSTUB_E_INVAL);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        TEST(frame_ack_then_reply),
        TEST(frame_nak_on_bad_checksum),
        TEST(frame_checksum_upper_case),
        TEST(frame_retransmit_on_nak),
        TEST(frame_ignores_acks_and_noise),
        TEST(frame_no_ack_mode),
        TEST(frame_detach_restores_acks),
        TEST(frame_interrupt_between_packets),
        TEST(frame_interrupt_cuts_text_packet),
        TEST(frame_0x03_is_data_in_x),
        TEST(frame_dollar_restarts_packet),
        TEST(frame_truncated_then_new_packet),
        TEST(frame_oversized_packet),
        TEST(frame_rle_input),
        TEST(frame_rle_malformed),
        TEST(frame_lone_escape_at_end),
        TEST(frame_byte_at_a_time),
        TEST(frame_empty_packet),
        TEST(frame_init_rejects_bad_config),
    };

    return cmocka_run_group_tests_name("gdbstub-frame", tests, NULL, NULL);
}

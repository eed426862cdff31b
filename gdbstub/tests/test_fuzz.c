/*
 * test_fuzz.c: hostile input, deterministically. Fixed seeds drive 200000
 * inputs through two engines (the smallest buffers the x86_64 arch
 * allows, and large ones): random bytes, plausible packets with random
 * and extreme arguments, truncated, oversized and run-length-encoded
 * packets, fed whole or in random chunks. After every input the output
 * must be a well-formed stream of acks and packets with correct
 * checksums; ASan and UBSan catch any overflow, and the fake target
 * counts any argument that should never have reached it.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "gdbstub/codec.h"
#include "harness.h"

#define INPUTS_PER_SEED 25000
#define MAX_INPUT 12000

static uint64_t rng_state;

static uint64_t rnd(void)
{
    /* xorshift64*: fixed seeds make every run identical */
    rng_state ^= rng_state >> 12;
    rng_state ^= rng_state << 25;
    rng_state ^= rng_state >> 27;
    return rng_state * 2685821657736338717ull;
}

static size_t below(size_t n)
{
    return n == 0 ? 0 : (size_t)(rnd() % n);
}

struct buf {
    uint8_t b[MAX_INPUT];
    size_t len;
};

static void put(struct buf *b, uint8_t c)
{
    if (b->len < MAX_INPUT)
        b->b[b->len++] = c;
}

static void puts_(struct buf *b, const char *s)
{
    while (*s != '\0')
        put(b, (uint8_t)*s++);
}

static uint8_t random_byte(void)
{
    static const uint8_t special[] = {'$', '#', '}', '*', 0x03, '+', '-', ':', ',', ';', '0'};

    return below(3) == 0 ? special[below(sizeof(special))] : (uint8_t)rnd();
}

static void put_number(struct buf *b)
{
    /* clang-format off */
    static const char *const extremes[] = {
        "0", "1", "ffffffffffffffff", "10000000000000000", "-1", "8000000000000000",
        "1000", "10ff", "2000", "fffffffffffffff0", "3b", "3a", "9c4", ""};
    /* clang-format on */

    if (below(3) == 0) {
        puts_(b, extremes[below(sizeof(extremes) / sizeof(extremes[0]))]);
        return;
    }
    for (size_t n = below(20); n > 0; n--)
        put(b, gdbstub_hex_digit((unsigned)rnd()));
}

static void put_args(struct buf *b)
{
    static const char *const seps[] = {",", ":", ";", "=", ",", ":", ";c", ";s:", ";C05:"};

    for (size_t n = below(6); n > 0; n--) {
        switch (below(5)) {
        case 0:
            put(b, random_byte());
            break;
        case 1:
            puts_(b, seps[below(sizeof(seps) / sizeof(seps[0]))]);
            break;
        case 2: /* a run-length sequence, valid or not */
            put(b, '*');
            put(b, random_byte());
            break;
        default:
            put_number(b);
            break;
        }
    }
    if (below(8) == 0) { /* long hex data */
        for (size_t n = below(3000); n > 0; n--)
            put(b, gdbstub_hex_digit((unsigned)rnd()));
    }
}

static void make_payload(struct buf *b)
{
    /* clang-format off */
    static const char *const cmds[] = {
        "g", "G", "p", "P", "m", "M", "X", "Z0,", "z0,", "Z1,", "Z2,", "Z4,", "Z9,", "c",
        "s", "C", "S", "vCont;", "vCont?", "vCtrlC", "?", "D", "k", "H", "Hg", "Hc", "T",
        "qfThreadInfo", "qsThreadInfo", "qC", "qThreadExtraInfo,", "qSupported:",
        "QStartNoAckMode", "qAttached", "qRcmd,", "qRcmd,68656c6c6f", "qXfer:features:read:",
        "qXfer:features:read:target.xml:", "qXfer:features:read:x86_64-core.xml:",
        "qXfer:osdata:read::", "vMustReplyEmpty", ""};
    /* clang-format on */

    puts_(b, cmds[below(sizeof(cmds) / sizeof(cmds[0]))]);
    put_args(b);
}

static uint64_t interesting_addr(void)
{
    static const uint64_t addrs[] = {
        0x1000, 0x10f0, 0x10ff, 0x2000, 0x20fe, 0x1800, 0, UINT64_MAX, UINT64_MAX - 3,
    };

    return addrs[below(sizeof(addrs) / sizeof(addrs[0]))] + (below(4) == 0 ? below(300) : 0);
}

static uint64_t interesting_len(void)
{
    static const uint64_t lens[] = {0, 1, 2, 8, 0x100, 0x101, 0x300, 0x1000, UINT64_MAX};

    return below(2) ? lens[below(sizeof(lens) / sizeof(lens[0]))] : below(600);
}

static void put_fmt(struct buf *b, const char *fmt, ...)
{
    char tmp[256];
    va_list ap;

    va_start(ap, fmt);
    vsnprintf(tmp, sizeof(tmp), fmt, ap);
    va_end(ap);
    puts_(b, tmp);
}

/* Mostly well-formed packets with arguments near the interesting edges. */
static void make_structured(struct buf *b)
{
    static const char *const annexes[] = {"target.xml", "x86_64-core.xml", "x86_64-sse.xml",
                                          "x86_64-segments.xml", "none.xml"};
    uint64_t addr = interesting_addr(), len = interesting_len();
    /* the data length agrees with len most of the time, off by one sometimes */
    size_t data = len < 700 ? (size_t)len + below(2) : below(700);

    if (data > 0 && below(3) == 0)
        data--;

    switch (below(9)) {
    case 0:
        put_fmt(b, "m%llx,%llx", (unsigned long long)addr, (unsigned long long)len);
        break;
    case 1:
        put_fmt(b, "M%llx,%llx:", (unsigned long long)addr, (unsigned long long)len);
        for (size_t i = 0; i < 2 * data; i++)
            put(b, gdbstub_hex_digit((unsigned)rnd()));
        break;
    case 2:
        put_fmt(b, "X%llx,%llx:", (unsigned long long)addr, (unsigned long long)len);
        for (size_t i = 0; i < data; i++) {
            uint8_t c = (uint8_t)rnd();
            if (gdbstub_needs_escape(c) && below(8) != 0) {
                put(b, '}');
                c ^= 0x20;
            }
            put(b, c);
        }
        break;
    case 3:
        put_fmt(b, "P%x=", (unsigned)below(64));
        for (size_t n = 2 * (below(2) ? 8 : below(20)); n > 0; n--)
            put(b, gdbstub_hex_digit((unsigned)rnd()));
        break;
    case 4:
        put(b, 'G');
        for (size_t n = 2 * GDBSTUB_X86_64_REGS_BYTES + below(3) - 1; n > 0; n--)
            put(b, gdbstub_hex_digit((unsigned)rnd()));
        break;
    case 5:
        put_fmt(b, "%c%u,%llx,%llx", below(2) ? 'Z' : 'z', (unsigned)below(6),
                (unsigned long long)addr, (unsigned long long)len);
        break;
    case 6:
        put_fmt(b, "qXfer:features:read:%s:%llx,%llx", annexes[below(5)],
                (unsigned long long)below(0x2000), (unsigned long long)interesting_len());
        break;
    case 7:
        put_fmt(b, "%s%d", below(2) ? "qThreadExtraInfo," : (below(2) ? "Hg" : "Hc"),
                (int)below(6) - 1);
        break;
    default:
        put_fmt(b, "vCont;%c:%d;c", below(2) ? 's' : 'c', (int)below(5) - 1);
        break;
    }
    /* sometimes one byte of damage */
    if (b->len > 0 && below(4) == 0)
        b->b[below(b->len)] = random_byte();
}

/* Frame b's payload as "$...#xx", the checksum right most of the time. */
static void frame(struct buf *out, const struct buf *payload)
{
    char tail[4];
    uint8_t sum = gdbstub_checksum(payload->b, payload->len);

    if (below(10) == 0)
        sum = (uint8_t)rnd();
    put(out, '$');
    for (size_t i = 0; i < payload->len; i++)
        put(out, payload->b[i]);
    snprintf(tail, sizeof(tail), "#%02x", sum);
    puts_(out, tail);
}

static void make_input(struct buf *in, size_t rx_size)
{
    struct buf payload = {.len = 0};

    in->len = 0;
    switch (below(8)) {
    case 0: /* noise */
        for (size_t n = below(80); n > 0; n--)
            put(in, random_byte());
        break;
    case 1: /* truncated */
        make_payload(&payload);
        frame(in, &payload);
        in->len = below(in->len + 1);
        break;
    case 2: /* oversized */
        puts_(&payload, below(2) ? "M1000,10:" : "X1000,10:");
        for (size_t n = rx_size + below(2000); n > 0; n--)
            put(&payload, below(50) == 0 ? '*' : '0');
        frame(in, &payload);
        break;
    case 3:
    case 4:
        make_structured(&payload);
        frame(in, &payload);
        break;
    default:
        make_payload(&payload);
        frame(in, &payload);
        break;
    }
}

/* Feed whole or in random chunks; then check every byte sent. */
static void feed_and_check(struct th *th, const struct buf *in)
{
    th_clear(th);
    if (below(4) == 0) {
        for (size_t i = 0; i < in->len;) {
            size_t n = 1 + below(16);
            if (n > in->len - i)
                n = in->len - i;
            th_feed(th, in->b + i, n);
            i += n;
        }
    } else {
        th_feed(th, in->b, in->len);
    }
    /* a target that stops or prints while running */
    if (gdbstub_running(&th->gs) && below(2) == 0) {
        struct gdbstub_stop stop = {.signal = (uint8_t)rnd(),
                                    .tid = (int64_t)below(5),
                                    .reason = (enum gdbstub_stop_reason)below(6),
                                    .watch_addr = rnd()};
        if (below(4) == 0)
            assert_int_equal(gdbstub_console_write(&th->gs, "out\n", 4), GDBSTUB_OK);
        assert_int_equal(gdbstub_report_stop(&th->gs, &stop), 1);
    }
    assert_false(th->out_overflow);
    if (th_check_stream((const uint8_t *)th->out, th->out_len) < 0)
        fail_msg("malformed output for input of %zu bytes: %.200s", in->len, th->out);
}

static void fuzz_with(size_t rx_size, size_t tx_size, uint64_t seed)
{
    struct th *th = th_new(rx_size, tx_size);
    static struct buf in;

    rng_state = seed;
    for (int i = 0; i < INPUTS_PER_SEED; i++) {
        make_input(&in, rx_size);
        feed_and_check(th, &in);
        /* every so often, a long-lived engine gets a fresh target */
        if (i % 5000 == 4999) {
            assert_int_equal(th->target.bad_args, 0);
            th_free(th);
            th = th_new(rx_size, tx_size);
        }
    }
    assert_int_equal(th->target.bad_args, 0);
    th_free(th);
}

static void fuzz_small_buffers_seed1(void **state)
{
    (void)state;
    fuzz_with(1105, 1108, 0x9e3779b97f4a7c15ull);
}

static void fuzz_small_buffers_seed2(void **state)
{
    (void)state;
    fuzz_with(1105, 1108, 0xd1b54a32d192ed03ull);
}

static void fuzz_small_buffers_seed3(void **state)
{
    (void)state;
    fuzz_with(1105, 1400, 0x8cb92ba72f3d8dd7ull);
}

static void fuzz_small_buffers_seed4(void **state)
{
    (void)state;
    fuzz_with(1500, 1108, 0x2545f4914f6cdd1dull);
}

static void fuzz_large_buffers_seed1(void **state)
{
    (void)state;
    fuzz_with(8192, 8192, 0x1234567887654321ull);
}

static void fuzz_large_buffers_seed2(void **state)
{
    (void)state;
    fuzz_with(8192, 8192, 0x0badc0ffee0ddf00ull);
}

static void fuzz_large_buffers_seed3(void **state)
{
    (void)state;
    fuzz_with(16384, 4096, 0x5851f42d4c957f2dull);
}

static void fuzz_large_buffers_seed4(void **state)
{
    (void)state;
    fuzz_with(4096, 16384, 0x14057b7ef767814full);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        TH_TEST(fuzz_small_buffers_seed1), TH_TEST(fuzz_small_buffers_seed2),
        TH_TEST(fuzz_small_buffers_seed3), TH_TEST(fuzz_small_buffers_seed4),
        TH_TEST(fuzz_large_buffers_seed1), TH_TEST(fuzz_large_buffers_seed2),
        TH_TEST(fuzz_large_buffers_seed3), TH_TEST(fuzz_large_buffers_seed4),
    };

    return cmocka_run_group_tests_name("gdbstub-fuzz", tests, NULL, NULL);
}

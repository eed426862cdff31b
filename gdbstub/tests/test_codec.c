/*
 * test_codec.c: checksum, hex, escape and run-length helpers against
 * values worked out by hand from GDB manual "Overview" and "Binary Data".
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "gdbstub/codec.h"
#include "gdbstub/target.h"

#define TH_TEST(fn)                                                                                \
    {                                                                                              \
        "gdbstub." #fn, fn, NULL, NULL, NULL                                                       \
    }
#define U8(s) ((const uint8_t *)(s))

static void codec_checksum(void **state)
{
    (void)state;
    assert_int_equal(gdbstub_checksum(U8(""), 0), 0);
    /* 'O' + 'K' = 0x4f + 0x4b */
    assert_int_equal(gdbstub_checksum(U8("OK"), 2), 0x9a);
    /* gdb's own first packet on a fresh connection */
    assert_int_equal(gdbstub_checksum(U8("?"), 1), 0x3f);
    /* wraps modulo 256 */
    uint8_t ff[3] = {0xff, 0xff, 0x03};
    assert_int_equal(gdbstub_checksum(ff, 3), 0x01);
}

static void codec_hex(void **state)
{
    uint8_t out[16];
    (void)state;

    for (int c = 0; c < 256; c++) {
        int want = -1;
        if (c >= '0' && c <= '9')
            want = c - '0';
        else if (c >= 'a' && c <= 'f')
            want = c - 'a' + 10;
        else if (c >= 'A' && c <= 'F')
            want = c - 'A' + 10;
        assert_int_equal(gdbstub_hex_value((uint8_t)c), want);
    }
    gdbstub_hex_encode(out, U8("\x00\x7f\xa5\xff"), 4);
    assert_memory_equal(out, "007fa5ff", 8);
    assert_int_equal(gdbstub_hex_decode(out, U8("007FA5ff"), 8), 4);
    assert_memory_equal(out, "\x00\x7f\xa5\xff", 4);
    assert_int_equal(gdbstub_hex_decode(out, U8("0"), 1), GDBSTUB_E_INVAL);
    assert_int_equal(gdbstub_hex_decode(out, U8("0g"), 2), GDBSTUB_E_INVAL);
    assert_int_equal(gdbstub_hex_decode(out, U8(""), 0), 0);
}

static void codec_hex_decode_in_place(void **state)
{
    uint8_t buf[] = "48656c6c6f";
    (void)state;

    assert_int_equal(gdbstub_hex_decode(buf, buf, 10), 5);
    assert_memory_equal(buf, "Hello", 5);
}

static void codec_escape_known(void **state)
{
    uint8_t out[32];
    size_t used;
    (void)state;

    /* $ # } * become } and the byte XOR 0x20 */
    size_t n = gdbstub_escape(out, sizeof(out), U8("a$#}*b"), 6, &used);
    assert_int_equal(used, 6);
    assert_int_equal(n, 10);
    assert_memory_equal(out,
                        "a}\x04}\x03}]}\x0a"
                        "b",
                        10);
    /* 0x03 is not escaped: only the four framing characters are */
    n = gdbstub_escape(out, sizeof(out), U8("\x03"), 1, &used);
    assert_int_equal(n, 1);
}

static void codec_escape_never_splits_pair(void **state)
{
    uint8_t out[8];
    size_t used;
    (void)state;

    size_t n = gdbstub_escape(out, 2, U8("a#"), 2, &used);
    assert_int_equal(n, 1);
    assert_int_equal(used, 1);
    n = gdbstub_escape(out, 0, U8("a"), 1, &used);
    assert_int_equal(n, 0);
    assert_int_equal(used, 0);
}

static void codec_escape_round_trip_all_bytes(void **state)
{
    uint8_t in[256], esc[512];
    size_t used;
    (void)state;

    for (int i = 0; i < 256; i++)
        in[i] = (uint8_t)i;
    size_t n = gdbstub_escape(esc, sizeof(esc), in, sizeof(in), &used);
    assert_int_equal(used, 256);
    assert_int_equal(n, 256 + 4);
    for (size_t i = 0; i < n; i++)
        assert_true(esc[i] != '$' && esc[i] != '#' && esc[i] != '*');
    assert_int_equal(gdbstub_unescape(esc, n), 256);
    assert_memory_equal(esc, in, 256);
}

static void codec_escape_round_trip_random(void **state)
{
    uint8_t in[300], esc[600];
    uint32_t seed = 12345;
    (void)state;

    for (int round = 0; round < 2000; round++) {
        size_t len = (size_t)(round % 300), used;
        for (size_t i = 0; i < len; i++) {
            seed = seed * 1103515245u + 12345u;
            /* bias towards the special characters */
            static const uint8_t special[] = {'$', '#', '}', '*', 0x03};
            in[i] = (seed >> 16) % 4 == 0 ? special[(seed >> 8) % 5] : (uint8_t)(seed >> 24);
        }
        size_t n = gdbstub_escape(esc, sizeof(esc), in, len, &used);
        assert_int_equal(used, len);
        assert_int_equal(gdbstub_unescape(esc, n), (int)len);
        assert_memory_equal(esc, in, len);
    }
}

static void codec_unescape_errors(void **state)
{
    uint8_t buf[4] = {'a', '}'};
    (void)state;

    assert_int_equal(gdbstub_unescape(buf, 2), GDBSTUB_E_INVAL);
    assert_int_equal(gdbstub_unescape(buf, 0), 0);
}

static void codec_rle_count(void **state)
{
    (void)state;
    assert_int_equal(gdbstub_rle_count(' '), 3);
    assert_int_equal(gdbstub_rle_count('"'), 5);
    assert_int_equal(gdbstub_rle_count('~'), 97);
    assert_int_equal(gdbstub_rle_count('#'), GDBSTUB_E_INVAL);
    assert_int_equal(gdbstub_rle_count('$'), GDBSTUB_E_INVAL);
    assert_int_equal(gdbstub_rle_count(0x1f), GDBSTUB_E_INVAL);
    assert_int_equal(gdbstub_rle_count(0x7f), GDBSTUB_E_INVAL);
}

static void codec_rle_decode(void **state)
{
    uint8_t out[128];
    (void)state;

    /* the manual's example: "0* " is "0000" */
    assert_int_equal(gdbstub_rle_decode(out, sizeof(out), U8("0* "), 3), 4);
    assert_memory_equal(out, "0000", 4);
    /* runs inside text, two of them */
    assert_int_equal(gdbstub_rle_decode(out, sizeof(out), U8("ab*\"cx* y"), 9), 13);
    assert_memory_equal(out, "abbbbbbcxxxxy", 13);
    assert_int_equal(gdbstub_rle_decode(out, sizeof(out), U8("plain"), 5), 5);
}

static void codec_rle_decode_errors(void **state)
{
    uint8_t out[8];
    (void)state;

    assert_int_equal(gdbstub_rle_decode(out, sizeof(out), U8("* "), 2), GDBSTUB_E_INVAL);
    assert_int_equal(gdbstub_rle_decode(out, sizeof(out), U8("0*"), 2), GDBSTUB_E_INVAL);
    assert_int_equal(gdbstub_rle_decode(out, sizeof(out), U8("0*#"), 3), GDBSTUB_E_INVAL);
    assert_int_equal(gdbstub_rle_decode(out, sizeof(out), U8("0*$"), 3), GDBSTUB_E_INVAL);
    /* 1 + 97 does not fit in 8 */
    assert_int_equal(gdbstub_rle_decode(out, sizeof(out), U8("0*~"), 3), GDBSTUB_E_NOSPC);
    assert_int_equal(gdbstub_rle_decode(out, 3, U8("abcd"), 4), GDBSTUB_E_NOSPC);
}

static void codec_rle_encode_known(void **state)
{
    uint8_t buf[256];
    (void)state;

    memcpy(buf, "0000", 4);
    assert_int_equal(gdbstub_rle_encode(buf, 4), 3);
    assert_memory_equal(buf, "0* ", 3);
    /* Three equal bytes stay as they are; runs inside text. */
    memcpy(buf, "abbbcxxxxxy", 11);
    assert_int_equal(gdbstub_rle_encode(buf, 11), 9);
    assert_memory_equal(buf, "abbbcx*!y", 9);
    /* Runs of 7 and 8 would need the counts '#' and '$': 6, then the rest. */
    memcpy(buf, "zzzzzzz", 7);
    assert_int_equal(gdbstub_rle_encode(buf, 7), 4);
    assert_memory_equal(buf, "z*\"z", 4);
    memcpy(buf, "zzzzzzzz", 8);
    assert_int_equal(gdbstub_rle_encode(buf, 8), 5);
    assert_memory_equal(buf, "z*\"zz", 5);
    /* The longest run one count can say is 98 bytes. */
    memset(buf, '0', 200);
    assert_int_equal(gdbstub_rle_encode(buf, 200), 9);
    assert_memory_equal(buf, "0*~0*~0* ", 9);
    /* Counts that would read as '*' (14) or '}' (97) are avoided too. */
    memset(buf, '0', 14);
    assert_int_equal(gdbstub_rle_encode(buf, 14), 4);
    assert_memory_equal(buf, "0*)0", 4);
    memset(buf, '0', 97);
    assert_int_equal(gdbstub_rle_encode(buf, 97), 4);
    assert_memory_equal(buf, "0*|0", 4);
    assert_int_equal(gdbstub_rle_encode(buf, 0), 0);
}

/*
 * Whatever the payload, decoding gives it back and no count is '#', '$',
 * '*' or '}'.
 * Payloads never hold a bare '*' (it is escaped), so every '*' after
 * encoding starts a count.
 */
static void codec_rle_encode_round_trip(void **state)
{
    uint8_t in[600], enc[600], out[600];
    uint32_t seed = 12345;
    (void)state;

    for (int round = 0; round < 20000; round++) {
        seed = seed * 1103515245u + 12345u;
        size_t len = (size_t)((seed >> 8) % 600);
        for (size_t i = 0; i < len; i++) {
            seed = seed * 1103515245u + 12345u;
            /* Few distinct bytes and long stretches, so that runs of every length occur. */
            in[i] =
                (seed >> 16) % 8 != 0 && i > 0 ? in[i - 1] : (uint8_t) "0f}]x"[(seed >> 20) % 5];
        }
        memcpy(enc, in, len);
        size_t n = gdbstub_rle_encode(enc, len);
        assert_true(n <= len);
        for (size_t i = 0; i < n; i++) {
            if (enc[i] == '*') {
                assert_true(i > 0 && i + 1 < n);
                assert_true(enc[i + 1] != '#' && enc[i + 1] != '$' && enc[i + 1] != '*' &&
                            enc[i + 1] != '}');
                i++;
            }
        }
        assert_int_equal(gdbstub_rle_decode(out, sizeof(out), enc, n), (int)len);
        assert_memory_equal(out, in, len);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        TH_TEST(codec_checksum),
        TH_TEST(codec_hex),
        TH_TEST(codec_hex_decode_in_place),
        TH_TEST(codec_escape_known),
        TH_TEST(codec_escape_never_splits_pair),
        TH_TEST(codec_escape_round_trip_all_bytes),
        TH_TEST(codec_escape_round_trip_random),
        TH_TEST(codec_unescape_errors),
        TH_TEST(codec_rle_count),
        TH_TEST(codec_rle_decode),
        TH_TEST(codec_rle_encode_known),
        TH_TEST(codec_rle_encode_round_trip),
        TH_TEST(codec_rle_decode_errors),
    };

    return cmocka_run_group_tests_name("gdbstub-codec", tests, NULL, NULL);
}

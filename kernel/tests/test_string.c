/*
 * The kernel's string and memory functions (lib/string.c) against the C
 * library's, which have the same contracts. The kernel's are compiled here
 * under k_* names so that both sets live in one program: every alignment
 * of destination and source, every length up to a few hundred bytes and
 * several fill values, with guard bytes around each buffer that must stay
 * untouched.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#define memcpy k_memcpy
#define memmove k_memmove
#define memset k_memset
#define memcmp k_memcmp
#define strlen k_strlen
#define strnlen k_strnlen
#define strcmp k_strcmp
#define strncmp k_strncmp
#include "../lib/string.c"
#undef memcpy
#undef memmove
#undef memset
#undef memcmp
#undef strlen
#undef strnlen
#undef strcmp
#undef strncmp

#define BUF 512
#define GUARD 0xa5

static int sign(int v)
{
    return (v > 0) - (v < 0);
}

static void fill_pattern(uint8_t *p, size_t n, unsigned seed)
{
    for (size_t i = 0; i < n; i++)
        p[i] = (uint8_t)(seed * 31 + i * 7 + (i >> 3));
}

static void test_memset(void **state)
{
    (void)state;
    static const int values[] = {0, 0xff, 0x5a, 0x100 + 0x11, -1};
    uint8_t got[BUF], want[BUF];
    for (size_t v = 0; v < sizeof(values) / sizeof(values[0]); v++) {
        for (size_t off = 0; off < 16; off++) {
            for (size_t n = 0; n + off + 16 < BUF && n <= 300; n++) {
                memset(got, GUARD, sizeof(got));
                memset(want, GUARD, sizeof(want));
                void *r = k_memset(got + off, values[v], n);
                memset(want + off, values[v], n);
                assert_ptr_equal(r, got + off);
                assert_memory_equal(got, want, sizeof(got));
            }
        }
    }
}

static void test_memcpy_memmove(void **state)
{
    (void)state;
    uint8_t src[BUF], got[BUF], want[BUF];
    fill_pattern(src, sizeof(src), 1);
    for (size_t doff = 0; doff < 9; doff++) {
        for (size_t soff = 0; soff < 9; soff++) {
            for (size_t n = 0; n <= 200; n++) {
                memset(got, GUARD, sizeof(got));
                memset(want, GUARD, sizeof(want));
                assert_ptr_equal(k_memcpy(got + doff, src + soff, n), got + doff);
                memcpy(want + doff, src + soff, n);
                assert_memory_equal(got, want, sizeof(got));
            }
        }
    }
    /* Overlapping moves in both directions. */
    for (size_t from = 0; from < 40; from++) {
        for (size_t to = 0; to < 40; to++) {
            for (size_t n = 0; n <= 120; n += 7) {
                fill_pattern(got, sizeof(got), 2);
                fill_pattern(want, sizeof(want), 2);
                assert_ptr_equal(k_memmove(got + to, got + from, n), got + to);
                memmove(want + to, want + from, n);
                assert_memory_equal(got, want, sizeof(got));
            }
        }
    }
}

static void test_compare_and_length(void **state)
{
    (void)state;
    static const char *const strs[] = {"",  "a",      "ab",     "abc",          "abd",
                                       "b", "ab\xff", "ab\x01", "hello, world", "hello"};
    size_t n = sizeof(strs) / sizeof(strs[0]);
    for (size_t i = 0; i < n; i++) {
        assert_int_equal(k_strlen(strs[i]), strlen(strs[i]));
        for (size_t max = 0; max < 14; max++)
            assert_int_equal(k_strnlen(strs[i], max), strnlen(strs[i], max));
        for (size_t j = 0; j < n; j++) {
            assert_int_equal(sign(k_strcmp(strs[i], strs[j])), sign(strcmp(strs[i], strs[j])));
            for (size_t m = 0; m < 14; m++)
                assert_int_equal(sign(k_strncmp(strs[i], strs[j], m)),
                                 sign(strncmp(strs[i], strs[j], m)));
            size_t len = strlen(strs[i]) < strlen(strs[j]) ? strlen(strs[i]) : strlen(strs[j]);
            assert_int_equal(sign(k_memcmp(strs[i], strs[j], len + 1)),
                             sign(memcmp(strs[i], strs[j], len + 1)));
        }
    }
}

static void test_strlcpy(void **state)
{
    (void)state;
    char buf[8];
    memset(buf, 'x', sizeof(buf));
    assert_int_equal(kstrlcpy(buf, "hello", sizeof(buf)), 5);
    assert_string_equal(buf, "hello");
    assert_int_equal(kstrlcpy(buf, "a longer string", sizeof(buf)), 15);
    assert_string_equal(buf, "a longe");
    assert_int_equal(kstrlcpy(buf, "", sizeof(buf)), 0);
    assert_string_equal(buf, "");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_memset),
        cmocka_unit_test(test_memcpy_memmove),
        cmocka_unit_test(test_compare_and_length),
        cmocka_unit_test(test_strlcpy),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

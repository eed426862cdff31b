/*
 * The kernel formatter against the C library's snprintf, the independent
 * implementation of the same standard (C11 7.21.6.1): every combination of
 * flags, width, precision, length modifier and conversion over a set of
 * boundary values must produce the same bytes and the same return value.
 */
#include <limits.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>

#include <kernel/fmt.h>

static int checked;

static void compare(const char *fmt, ...)
{
    char ours[512], libc[512];
    va_list a, b;

    va_start(a, fmt);
    va_copy(b, a);
    int n1 = kvsnprintf(ours, sizeof(ours), fmt, a);
    int n2 = vsnprintf(libc, sizeof(libc), fmt, b);
    va_end(a);
    va_end(b);
    if (strcmp(ours, libc) != 0 || n1 != n2)
        fail_msg("format \"%s\": ours \"%s\" (%d), libc \"%s\" (%d)", fmt, ours, n1, libc, n2);
    checked++;
}

static const char *const flag_sets[] = {"",   "-",  "+",  " ",  "#",  "0",  "-+",
                                        "+0", " 0", "#0", "-#", "-0", "+ ", "-+ #0"};
static const char *const widths[] = {"", "1", "5", "24", "*"};
static const char *const precisions[] = {"", ".", ".0", ".1", ".3", ".22", ".*"};

static const long long signed_values[] = {0,       1,       -1,        7,         -42,
                                          127,     -128,    255,       32767,     -32768,
                                          INT_MAX, INT_MIN, LLONG_MAX, LLONG_MIN, 1234567890123LL};
static const unsigned long long unsigned_values[] = {
    0, 1, 8, 15, 16, 255, 256, 0xdeadbeef, UINT_MAX, 0x8000000000000000ULL, ULLONG_MAX};

/* Calls compare with the value converted to the type the length modifier
 * names, and with the '*' arguments where the format has them. */
static void call(const char *fmt, const char *len, bool is_signed, unsigned long long v, bool wstar,
                 bool pstar)
{
    int w = 9, p = 4;
#define ARGS(val)                                                                                  \
    do {                                                                                           \
        if (wstar && pstar)                                                                        \
            compare(fmt, w, p, val);                                                               \
        else if (wstar)                                                                            \
            compare(fmt, w, val);                                                                  \
        else if (pstar)                                                                            \
            compare(fmt, p, val);                                                                  \
        else                                                                                       \
            compare(fmt, val);                                                                     \
    } while (0)
    if (strcmp(len, "ll") == 0) {
        if (is_signed)
            ARGS((long long)v);
        else
            ARGS((unsigned long long)v);
    } else if (strcmp(len, "l") == 0) {
        if (is_signed)
            ARGS((long)v);
        else
            ARGS((unsigned long)v);
    } else if (strcmp(len, "z") == 0) {
        ARGS((size_t)v);
    } else if (strcmp(len, "j") == 0) {
        if (is_signed)
            ARGS((intmax_t)v);
        else
            ARGS((uintmax_t)v);
    } else {
        if (is_signed)
            ARGS((int)v);
        else
            ARGS((unsigned int)v);
    }
#undef ARGS
}

static void test_integers_match_libc(void **state)
{
    static const char *const lens[] = {"hh", "h", "", "l", "ll", "z", "j"};
    static const char convs[] = "diuxXo";
    char fmt[64];

    (void)state;
    for (size_t f = 0; f < sizeof(flag_sets) / sizeof(*flag_sets); f++)
        for (size_t w = 0; w < sizeof(widths) / sizeof(*widths); w++)
            for (size_t p = 0; p < sizeof(precisions) / sizeof(*precisions); p++)
                for (size_t l = 0; l < sizeof(lens) / sizeof(*lens); l++)
                    for (const char *c = convs; *c; c++) {
                        bool sgn = *c == 'd' || *c == 'i';
                        snprintf(fmt, sizeof(fmt), "[%%%s%s%s%s%c]", flag_sets[f], widths[w],
                                 precisions[p], lens[l], *c);
                        bool ws = widths[w][0] == '*', ps = strcmp(precisions[p], ".*") == 0;
                        if (sgn) {
                            for (size_t i = 0; i < sizeof(signed_values) / sizeof(*signed_values);
                                 i++)
                                call(fmt, lens[l], true, (unsigned long long)signed_values[i], ws,
                                     ps);
                        } else {
                            for (size_t i = 0;
                                 i < sizeof(unsigned_values) / sizeof(*unsigned_values); i++)
                                call(fmt, lens[l], false, unsigned_values[i], ws, ps);
                        }
                    }
    assert_true(checked > 100000);
}

static void test_strings_chars_pointers_match_libc(void **state)
{
    static const char *const strs[] = {"", "a", "hello", "a longer string of text"};
    char fmt[64];
    int x;

    (void)state;
    for (size_t f = 0; f < 3; f++) /* "", "-", "+": the flags that mean something here */
        for (size_t w = 0; w < sizeof(widths) / sizeof(*widths) - 1; w++)
            for (size_t p = 0; p < sizeof(precisions) / sizeof(*precisions) - 1; p++) {
                snprintf(fmt, sizeof(fmt), "<%%%s%s%ss>", flag_sets[f], widths[w], precisions[p]);
                for (size_t i = 0; i < sizeof(strs) / sizeof(*strs); i++)
                    compare(fmt, strs[i]);
                snprintf(fmt, sizeof(fmt), "<%%%s%sc>", flag_sets[f], widths[w]);
                compare(fmt, 'Z');
                snprintf(fmt, sizeof(fmt), "<%%%s%sp>", flag_sets[f], widths[w]);
                compare(fmt, (void *)&x);
                compare(fmt, (void *)0x1000);
            }
    compare("%p", (void *)NULL);
    compare("%s", (char *)NULL);
    compare("100%% sure %d%%", 5);
    compare("%-*d|%*d", -6, 3, -6, 3);
    compare("%.*s", -1, "negative precision means none");
    compare("no conversions at all");
    compare("%s=%d, %s=%lx", "a", 1, "b", 0xfffful);
}

static void test_truncation_and_return_value(void **state)
{
    char buf[8];

    (void)state;
    memset(buf, 'X', sizeof(buf));
    assert_int_equal(ksnprintf(buf, sizeof(buf), "%s", "0123456789"), 10);
    assert_string_equal(buf, "0123456");
    assert_int_equal(ksnprintf(buf, 1, "abc"), 3);
    assert_string_equal(buf, "");
    buf[0] = 'Q';
    assert_int_equal(ksnprintf(buf, 0, "abc%d", 12), 5);
    assert_int_equal(buf[0], 'Q'); /* size 0 writes nothing */
    assert_int_equal(ksnprintf(buf, sizeof(buf), "%d", -1234567), 8);
    assert_string_equal(buf, "-123456");
}

static void test_unknown_conversion_is_shown(void **state)
{
    char buf[64];

    (void)state;
    /* libc's behaviour here is undefined; ours copies the bad spec through. */
    const char *bad = "a%yb";
    assert_int_equal(ksnprintf(buf, sizeof(buf), bad), 4);
    assert_string_equal(buf, "a%yb");
    const char *trailing = "end%";
    assert_int_equal(ksnprintf(buf, sizeof(buf), trailing), 4);
    assert_string_equal(buf, "end%");
    const char *trailing_spec = "x%-08";
    ksnprintf(buf, sizeof(buf), trailing_spec);
    assert_string_equal(buf, "x%-08");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_integers_match_libc),
        cmocka_unit_test(test_strings_chars_pointers_match_libc),
        cmocka_unit_test(test_truncation_and_return_value),
        cmocka_unit_test(test_unknown_conversion_is_shown),
    };
    return cmocka_run_group_tests_name("kernel.fmt", tests, NULL, NULL);
}

/*
 * The symbol-map parser and the command-line parser. The map text below is
 * in the format `nm -n -S` prints, including lines without a size (assembly
 * labels) and damaged lines, which must be skipped.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include <kernel/cmdline.h>
#include <kernel/ksym.h>

static const char map[] = "ffffffff80101000 0000000000000000 t start64_high\n"
                          "ffffffff80101010 0000000000000040 T kmain\n"
                          "garbage line\n"
                          "ffffffff80101060 0000000000000010 t helper\n"
                          "ffffffff80101080 T label_without_size\n"
                          "ffffffff801010a0 0000000000000020 T last";

static bool is(const struct ksym *s, const char *name)
{
    return s->name_len == strlen(name) && memcmp(s->name, name, s->name_len) == 0;
}

static void test_lookup(void **state)
{
    struct ksym s;

    (void)state;
    assert_false(ksym_lookup_in(map, strlen(map), 0xffffffff80100fff, &s));
    assert_true(ksym_lookup_in(map, strlen(map), 0xffffffff80101010, &s));
    assert_true(is(&s, "kmain"));
    assert_int_equal(s.size, 0x40);
    assert_true(ksym_lookup_in(map, strlen(map), 0xffffffff8010104f, &s));
    assert_true(is(&s, "kmain"));
    /* between kmain's end and helper: in no function */
    assert_false(ksym_lookup_in(map, strlen(map), 0xffffffff80101050, &s));
    assert_true(ksym_lookup_in(map, strlen(map), 0xffffffff80101005, &s));
    assert_true(is(&s, "start64_high"));
    assert_int_equal(s.size, 0);
    assert_true(ksym_lookup_in(map, strlen(map), 0xffffffff80101099, &s));
    assert_true(is(&s, "label_without_size"));
    assert_true(ksym_lookup_in(map, strlen(map), 0xffffffff801010bf, &s));
    assert_true(is(&s, "last")); /* the last line has no newline */
    assert_false(ksym_lookup_in(map, strlen(map), 0xffffffff801010c0, &s));
    assert_false(ksym_lookup_in(map, 0, 0xffffffff80101010, &s));
}

static void test_find(void **state)
{
    struct ksym s;

    (void)state;
    assert_true(ksym_find_in(map, strlen(map), "helper", &s));
    assert_int_equal(s.addr, 0xffffffff80101060);
    assert_false(ksym_find_in(map, strlen(map), "help", &s));
    assert_false(ksym_find_in(map, strlen(map), "garbage", &s));
    /* a map cut in the middle of a line */
    assert_false(ksym_find_in(map, 20, "kmain", &s));
}

static void test_cmdline(void **state)
{
    char v[8];

    (void)state;
    const char *c = "build/kernel.elf  ktest=trap.* panic=exit init=averyverylongname quiet";
    assert_true(cmdline_get(c, "ktest", v, sizeof(v)));
    assert_string_equal(v, "trap.*");
    assert_true(cmdline_get(c, "quiet", v, sizeof(v)));
    assert_string_equal(v, "");
    assert_true(cmdline_get(c, "init", v, sizeof(v)));
    assert_string_equal(v, "averyve"); /* truncated to the buffer */
    assert_true(cmdline_get(c, "panic=exit", NULL, 0));
    assert_false(cmdline_get(c, "kte", v, sizeof(v)));
    assert_false(cmdline_get(c, "panic=ex", NULL, 0));
    assert_false(cmdline_get("", "ktest", v, sizeof(v)));
    assert_false(cmdline_get("    ", "ktest", v, sizeof(v)));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_lookup),
        cmocka_unit_test(test_find),
        cmocka_unit_test(test_cmdline),
    };
    return cmocka_run_group_tests_name("kernel.ksym", tests, NULL, NULL);
}

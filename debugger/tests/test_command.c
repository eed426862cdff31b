/*
 * test_command.c: command names, gdb's abbreviations, /FMT, info subcommands.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include <hdb/command.h>
#include <hdb/error.h>

static int parse(const char *line, const char **args, char *fmt)
{
    return hdb_cmd_parse(line, args, fmt, 16);
}

static void test_full_names_and_abbreviations(void **state)
{
    (void)state;
    static const struct {
        const char *word;
        int id;
    } cases[] = {
        {"run", HDB_CMD_RUN},
        {"r", HDB_CMD_RUN},
        {"break", HDB_CMD_BREAK},
        {"b", HDB_CMD_BREAK},
        {"br", HDB_CMD_BREAK},
        {"brea", HDB_CMD_BREAK},
        {"tbreak", HDB_CMD_TBREAK},
        {"tb", HDB_CMD_TBREAK},
        {"delete", HDB_CMD_DELETE},
        {"d", HDB_CMD_DELETE},
        {"continue", HDB_CMD_CONTINUE},
        {"c", HDB_CMD_CONTINUE},
        {"cont", HDB_CMD_CONTINUE},
        {"next", HDB_CMD_NEXT},
        {"n", HDB_CMD_NEXT},
        {"step", HDB_CMD_STEP},
        {"s", HDB_CMD_STEP},
        {"stepi", HDB_CMD_STEPI},
        {"si", HDB_CMD_STEPI},
        {"nexti", HDB_CMD_NEXTI},
        {"ni", HDB_CMD_NEXTI},
        {"finish", HDB_CMD_FINISH},
        {"fin", HDB_CMD_FINISH},
        {"backtrace", HDB_CMD_BACKTRACE},
        {"bt", HDB_CMD_BACKTRACE},
        {"where", HDB_CMD_BACKTRACE},
        {"frame", HDB_CMD_FRAME},
        {"f", HDB_CMD_FRAME},
        {"up", HDB_CMD_UP},
        {"down", HDB_CMD_DOWN},
        {"info", HDB_CMD_INFO},
        {"i", HDB_CMD_INFO},
        {"x", HDB_CMD_X},
        {"print", HDB_CMD_PRINT},
        {"p", HDB_CMD_PRINT},
        {"list", HDB_CMD_LIST},
        {"l", HDB_CMD_LIST},
        {"thread", HDB_CMD_THREAD},
        {"quit", HDB_CMD_QUIT},
        {"q", HDB_CMD_QUIT},
        {"attach", HDB_CMD_ATTACH},
        {"det", HDB_CMD_DETACH},
        {"kill", HDB_CMD_KILL},
        {"k", HDB_CMD_KILL},
        {"handle", HDB_CMD_HANDLE},
    };
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        const char *args;
        char fmt[16];
        int id = parse(cases[i].word, &args, fmt);
        if (id != cases[i].id)
            fail_msg("\"%s\" resolved to %d, expected %d", cases[i].word, id, cases[i].id);
    }
}

static void test_ambiguous_and_unknown(void **state)
{
    (void)state;
    const char *args;
    char fmt[16];
    /* "de" could be delete or detach (or down's "d" alias does not apply to prefixes). */
    assert_int_equal(parse("de", &args, fmt), HDB_E_ARG);
    assert_int_equal(parse("frobnicate", &args, fmt), HDB_E_NOT_FOUND);
    assert_int_equal(parse("", &args, fmt), HDB_CMD_NONE);
    assert_int_equal(parse("   ", &args, fmt), HDB_CMD_NONE);
    assert_int_equal(parse("# a comment", &args, fmt), HDB_CMD_NONE);
    assert_int_equal(parse("averyveryverylongcommandnamethatoverflows", &args, fmt),
                     HDB_E_NOT_FOUND);
}

static void test_arguments_and_format(void **state)
{
    (void)state;
    const char *args;
    char fmt[16];
    assert_int_equal(parse("  b   basic.c:12  ", &args, fmt), HDB_CMD_BREAK);
    assert_string_equal(args, "basic.c:12  ");
    assert_int_equal(parse("x/4xw &table", &args, fmt), HDB_CMD_X);
    assert_string_equal(fmt, "4xw");
    assert_string_equal(args, "&table");
    assert_int_equal(parse("p/x $rip", &args, fmt), HDB_CMD_PRINT);
    assert_string_equal(fmt, "x");
    assert_string_equal(args, "$rip");
    assert_int_equal(parse("r one two", &args, fmt), HDB_CMD_RUN);
    assert_string_equal(args, "one two");
    assert_string_equal(fmt, "");
}

/* The everyday commands: show, unset, starti, jump/j, shell and its !, pwd, cd. */
static void test_host_and_setting_commands(void **state)
{
    (void)state;
    const char *args;
    char fmt[16];
    assert_int_equal(parse("show print pretty", &args, fmt), HDB_CMD_SHOW);
    assert_string_equal(args, "print pretty");
    assert_int_equal(parse("unset environment FOO", &args, fmt), HDB_CMD_UNSET);
    assert_int_equal(parse("starti", &args, fmt), HDB_CMD_STARTI);
    assert_int_equal(parse("start", &args, fmt), HDB_CMD_START);
    assert_int_equal(parse("j 23", &args, fmt), HDB_CMD_JUMP);
    assert_int_equal(parse("jump *0x1234", &args, fmt), HDB_CMD_JUMP);
    assert_string_equal(args, "*0x1234");
    assert_int_equal(parse("!echo hi", &args, fmt), HDB_CMD_SHELL);
    assert_string_equal(args, "echo hi");
    assert_int_equal(parse("  ! ls", &args, fmt), HDB_CMD_SHELL);
    assert_string_equal(args, "ls");
    assert_int_equal(parse("shell ls -l", &args, fmt), HDB_CMD_SHELL);
    assert_int_equal(parse("pwd", &args, fmt), HDB_CMD_PWD);
    assert_int_equal(parse("cd /tmp", &args, fmt), HDB_CMD_CD);
    assert_int_equal(parse("sh", &args, fmt), HDB_E_ARG); /* shell or show */
    assert_int_equal(parse("p/z counter", &args, fmt), HDB_CMD_PRINT);
    assert_string_equal(fmt, "z");
    char out[64];
    assert_int_equal(hdb_cmd_repeat_line("jump 23", out, sizeof(out)), 0);
    assert_int_equal(hdb_cmd_repeat_line("starti", out, sizeof(out)), 0);
    assert_int_equal(hdb_cmd_repeat_line("!ls", out, sizeof(out)), 0);
}

static void test_info_subcommands(void **state)
{
    (void)state;
    const char *rest;
    assert_int_equal(hdb_info_parse("breakpoints", &rest), HDB_INFO_BREAKPOINTS);
    assert_int_equal(hdb_info_parse("b", &rest), HDB_INFO_BREAKPOINTS);
    assert_int_equal(hdb_info_parse("registers rip", &rest), HDB_INFO_REGISTERS);
    assert_string_equal(rest, "rip");
    assert_int_equal(hdb_info_parse("r", &rest), HDB_INFO_REGISTERS);
    assert_int_equal(hdb_info_parse("threads", &rest), HDB_INFO_THREADS);
    assert_int_equal(hdb_info_parse("th", &rest), HDB_INFO_THREADS);
    assert_int_equal(hdb_info_parse("t", &rest), HDB_E_NOT_FOUND);
    assert_int_equal(hdb_info_parse("sig", &rest), HDB_INFO_SIGNALS);
    assert_int_equal(hdb_info_parse("", &rest), HDB_E_ARG);
    assert_int_equal(hdb_info_parse("frobs", &rest), HDB_E_NOT_FOUND);
    /* "source" is a prefix of "sources": only the whole word is sources. */
    assert_int_equal(hdb_info_parse("source", &rest), HDB_INFO_SOURCE);
    assert_int_equal(hdb_info_parse("sources -b basic", &rest), HDB_INFO_SOURCES);
    assert_string_equal(rest, "-b basic");
    assert_int_equal(hdb_info_parse("proc mappings", &rest), HDB_INFO_PROC);
    assert_int_equal(hdb_info_parse("prog", &rest), HDB_INFO_PROGRAM);
    assert_int_equal(hdb_info_parse("auxv", &rest), HDB_INFO_AUXV);
    assert_int_equal(hdb_info_parse("files", &rest), HDB_INFO_FILES);
    assert_int_equal(hdb_info_parse("target", &rest), HDB_INFO_FILES);
    assert_int_equal(hdb_info_parse("ta", &rest), HDB_INFO_TASKS);
}

static void test_xfmt(void **state)
{
    (void)state;
    struct hdb_xfmt x = {1, 'x', 4};
    assert_int_equal(hdb_xfmt_parse("4xw", &x), 0);
    assert_int_equal(x.count, 4);
    assert_int_equal(x.format, 'x');
    assert_int_equal(x.size, 4);
    assert_int_equal(hdb_xfmt_parse("2g", &x), 0); /* keeps the format, changes the size */
    assert_int_equal(x.count, 2);
    assert_int_equal(x.format, 'x');
    assert_int_equal(x.size, 8);
    assert_int_equal(hdb_xfmt_parse("s", &x), 0);
    assert_int_equal(x.count, 1);
    assert_int_equal(x.format, 's');
    assert_int_equal(hdb_xfmt_parse("2zw", &x), 0); /* zero-padded hex */
    assert_int_equal(x.format, 'z');
    assert_int_equal(x.size, 4);
    assert_int_equal(hdb_xfmt_parse("3c", &x), 0);
    assert_int_equal(x.size, 1);
    assert_int_equal(hdb_xfmt_parse("0x", &x), HDB_E_ARG);
    assert_int_equal(hdb_xfmt_parse("4q", &x), HDB_E_ARG);
    assert_int_equal(hdb_xfmt_parse("999999999", &x), HDB_E_ARG);
}

/* gdb's repetition of the last command on an empty line. */
static void test_repeat_line(void **state)
{
    (void)state;
    char out[64];
    assert_int_equal(hdb_cmd_repeat_line("next", out, sizeof(out)), 1);
    assert_string_equal(out, "next");
    assert_int_equal(hdb_cmd_repeat_line("p a + 1", out, sizeof(out)), 1);
    assert_string_equal(out, "p a + 1");
    /* x and list continue where they ended instead of starting over. */
    assert_int_equal(hdb_cmd_repeat_line("x/4xw &table", out, sizeof(out)), 1);
    assert_string_equal(out, "x");
    assert_int_equal(hdb_cmd_repeat_line("list add", out, sizeof(out)), 1);
    assert_string_equal(out, "list");
    /* Commands gdb does not repeat. */
    assert_int_equal(hdb_cmd_repeat_line("r", out, sizeof(out)), 0);
    assert_int_equal(hdb_cmd_repeat_line("kill", out, sizeof(out)), 0);
    assert_int_equal(hdb_cmd_repeat_line("delete 1", out, sizeof(out)), 0);
    assert_int_equal(hdb_cmd_repeat_line("layout asm", out, sizeof(out)), 0);
    assert_int_equal(hdb_cmd_repeat_line("frobnicate", out, sizeof(out)), 0);
    assert_int_equal(hdb_cmd_repeat_line("", out, sizeof(out)), 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_full_names_and_abbreviations),
        cmocka_unit_test(test_ambiguous_and_unknown),
        cmocka_unit_test(test_arguments_and_format),
        cmocka_unit_test(test_host_and_setting_commands),
        cmocka_unit_test(test_info_subcommands),
        cmocka_unit_test(test_xfmt),
        cmocka_unit_test(test_repeat_line),
    };
    return cmocka_run_group_tests_name("hdb-command", tests, NULL, NULL);
}

/*
 * test_format.c: the pure pieces: gdb's string literal rules, the
 * prologue analyser and frame-pointer unwinder over fake memory, and the
 * register numbering checked against gdbstub's (the remote protocol's).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include <gdbstub/x86_64.h>
#include <hdb/regs.h>
#include <hdb/unwind.h>
#include <hdb/value.h>

static void chars(const char *bytes, size_t len, bool drop, const char *want)
{
    struct hdb_strbuf b;
    hdb_sb_reset(&b);
    hdb_format_chars((const uint8_t *)bytes, len, drop, &b);
    assert_string_equal(b.s, want);
}

static void test_string_literals(void **state)
{
    (void)state;
    chars("hello", 6, true, "\"hello\""); /* char[6] = "hello" */
    chars("hi\0\0\0\0\0\0\0\0\0\0\0\0\0", 16, true, "\"hi\", '\\000' <repeats 13 times>");
    chars("hi\0\0\0\0\0", 8, true, "\"hi\\000\\000\\000\\000\\000\"");
    chars("zzzzzzzzzzzz", 12, false, "'z' <repeats 12 times>");
    chars("zzzzzzzzzz", 10, false, "\"zzzzzzzzzz\""); /* 10 is not more than 10 */
    chars("a\tb\n\"q\"\\", 8, false, "\"a\\tb\\n\\\"q\\\"\\\\\"");
    chars("\001\177\377", 3, false, "\"\\001\\177\\377\"");
    chars("", 0, false, "\"\"");
    chars("", 1, true, "\"\"");
    chars("ab\0\0\0\0\0\0\0\0\0\0\0\0cd", 16, false, "\"ab\", '\\000' <repeats 12 times>, \"cd\"");
}

static void test_prologue(void **state)
{
    (void)state;
    struct hdb_prologue p;
    const uint8_t plain[] = {0x55, 0x48, 0x89, 0xe5, 0x48, 0x83, 0xec, 0x10};
    hdb_prologue_analyze(plain, sizeof(plain), 0x1000, &p);
    assert_true(p.has_push && p.has_mov);
    assert_int_equal(p.push_at, 0x1000);
    assert_int_equal(p.mov_at, 0x1001);
    assert_int_equal(p.body, 0x1004);
    const uint8_t cet[] = {0xf3, 0x0f, 0x1e, 0xfa, 0x55, 0x48, 0x8b, 0xec};
    hdb_prologue_analyze(cet, sizeof(cet), 0x2000, &p);
    assert_true(p.has_mov);
    assert_int_equal(p.push_at, 0x2004);
    assert_int_equal(p.body, 0x2008);
    const uint8_t frameless[] = {0x89, 0xf8, 0x0f, 0xaf, 0xc7, 0xc3};
    hdb_prologue_analyze(frameless, sizeof(frameless), 0x3000, &p);
    assert_false(p.has_push);
    assert_int_equal(p.body, 0x3000);
    hdb_prologue_analyze(plain, 1, 0x1000, &p); /* cut short: push seen, mov unknown */
    assert_true(p.has_push);
    assert_false(p.has_mov);
}

/* A fake process: code at 0x1000 (f) and 0x2000 (main), a stack at 0x7000. */
static uint8_t code[0x3000];
static uint8_t stack[0x1000];

static int fake_read(void *ctx, uint64_t addr, void *buf, size_t len)
{
    (void)ctx;
    if (addr >= 0x1000 && addr + len <= 0x3000) {
        memcpy(buf, code + addr, len);
        return (int)len;
    }
    if (addr >= 0x7000 && addr + len <= 0x8000) {
        memcpy(buf, stack + (addr - 0x7000), len);
        return (int)len;
    }
    return -1;
}

static uint64_t fake_start(void *ctx, uint64_t pc)
{
    (void)ctx;
    if (pc >= 0x1000 && pc < 0x1100)
        return 0x1000;
    if (pc >= 0x2000 && pc < 0x2100)
        return 0x2000;
    return 0;
}

static void put64(uint64_t addr, uint64_t v)
{
    memcpy(stack + (addr - 0x7000), &v, 8);
}

static void test_unwind(void **state)
{
    (void)state;
    const uint8_t prologue[] = {0x55, 0x48, 0x89, 0xe5, 0x90, 0x90, 0xc9, 0xc3};
    memcpy(code + 0x1000, prologue, sizeof(prologue));
    memcpy(code + 0x2000, prologue, sizeof(prologue));
    /* main's frame: rbp = 0x7f00; it called f from 0x2010, f pushed rbp at 0x7e00. */
    put64(0x7e08, 0x2010); /* return address */
    put64(0x7e00, 0x7f00); /* saved rbp */
    put64(0x7f08, 0x9999); /* main's return address */
    put64(0x7f00, 0);      /* main's saved rbp */
    struct hdb_unwind_env env = {fake_read, fake_start, NULL};
    struct hdb_frame f = {0}, caller;

    /* In f's body: through rbp. */
    f = (struct hdb_frame){.pc = 0x1004, .sp = 0x7df0, .fp = 0x7e00};
    assert_true(hdb_unwind_fp_step(&env, &f, true, &caller));
    assert_int_equal(caller.pc, 0x2010);
    assert_int_equal(caller.sp, 0x7e10);
    assert_int_equal(caller.fp, 0x7f00);
    /* main, an outer frame, is past its prologue: its caller through the chain. */
    f = caller;
    assert_true(hdb_unwind_fp_step(&env, &f, false, &caller));
    assert_int_equal(caller.pc, 0x9999);
    assert_int_equal(caller.sp, 0x7f10);

    /* At f's first instruction: the return address is at rsp. */
    f = (struct hdb_frame){.pc = 0x1000, .sp = 0x7e08, .fp = 0x7f00};
    assert_true(hdb_unwind_fp_step(&env, &f, true, &caller));
    assert_int_equal(caller.pc, 0x2010);
    assert_int_equal(caller.fp, 0x7f00);

    /* After push %rbp: the return address one slot higher, the saved rbp at rsp. */
    f = (struct hdb_frame){.pc = 0x1001, .sp = 0x7e00, .fp = 0x1234};
    assert_true(hdb_unwind_fp_step(&env, &f, true, &caller));
    assert_int_equal(caller.pc, 0x2010);
    assert_int_equal(caller.sp, 0x7e10);
    assert_int_equal(caller.fp, 0x7f00);

    /* At ret, after leave: rbp is already the caller's. */
    f = (struct hdb_frame){.pc = 0x1007, .sp = 0x7e08, .fp = 0x7f00};
    assert_true(hdb_unwind_fp_step(&env, &f, true, &caller));
    assert_int_equal(caller.pc, 0x2010);
    assert_int_equal(caller.fp, 0x7f00);

    /* Unknown code, or a zero return address: no caller. */
    f = (struct hdb_frame){.pc = 0x5000, .sp = 0x7df0, .fp = 0x7e00};
    assert_false(hdb_unwind_fp_step(&env, &f, true, &caller));
    put64(0x7e08, 0);
    f = (struct hdb_frame){.pc = 0x1004, .sp = 0x7df0, .fp = 0x7e00};
    assert_false(hdb_unwind_fp_step(&env, &f, true, &caller));
    /* rbp pointing outside memory. */
    f = (struct hdb_frame){.pc = 0x1004, .sp = 0x7df0, .fp = 0x100};
    assert_false(hdb_unwind_fp_step(&env, &f, true, &caller));
}

static void test_register_numbers_match_gdbstub(void **state)
{
    (void)state;
    assert_int_equal(HDB_REG_RAX, GDBSTUB_X86_64_RAX);
    assert_int_equal(HDB_REG_RBP, GDBSTUB_X86_64_RBP);
    assert_int_equal(HDB_REG_RSP, GDBSTUB_X86_64_RSP);
    assert_int_equal(HDB_REG_R15, GDBSTUB_X86_64_R15);
    assert_int_equal(HDB_REG_RIP, GDBSTUB_X86_64_RIP);
    assert_int_equal(HDB_REG_EFLAGS, GDBSTUB_X86_64_EFLAGS);
    assert_int_equal(HDB_REG_CS, GDBSTUB_X86_64_CS);
    assert_int_equal(HDB_REG_GS, GDBSTUB_X86_64_GS);
    assert_int_equal(HDB_REG_ST0, GDBSTUB_X86_64_ST0);
    assert_int_equal(HDB_REG_FCTRL, GDBSTUB_X86_64_FCTRL);
    assert_int_equal(HDB_REG_XMM0, GDBSTUB_X86_64_XMM0);
    assert_int_equal(HDB_REG_MXCSR, GDBSTUB_X86_64_MXCSR);
    assert_int_equal(HDB_REG_FS_BASE, GDBSTUB_X86_64_FS_BASE);
    assert_int_equal(HDB_REG_GS_BASE, GDBSTUB_X86_64_GS_BASE);
    assert_int_equal(HDB_REG_COUNT, GDBSTUB_X86_64_NREGS);
    assert_int_equal(hdb_reg_by_name("$pc"), HDB_REG_RIP);
    assert_int_equal(hdb_reg_by_name("sp"), HDB_REG_RSP);
    assert_int_equal(hdb_reg_by_name("r12"), HDB_REG_R12);
    assert_int_equal(hdb_reg_by_name("xmm0"), -1);
    assert_string_equal(hdb_reg_name(HDB_REG_EFLAGS), "eflags");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_string_literals),
        cmocka_unit_test(test_prologue),
        cmocka_unit_test(test_unwind),
        cmocka_unit_test(test_register_numbers_match_gdbstub),
    };
    return cmocka_run_group_tests_name("hdb-format", tests, NULL, NULL);
}

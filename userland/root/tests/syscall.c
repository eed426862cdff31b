/*
 * The syscall layer itself: numbers, the register convention, capability
 * lookup for SYS_INVOKE, the debug console, ticks and yield.
 */
#include <stdio.h>
#include <string.h>
#include <hl/invoke.h>
#include <vulcan/vulcan.h>

int syscall_probe(uint64_t nr, const uint64_t in[12], uint64_t out[12]);

static const char *const probe_regs[12] = {"rbx", "rbp", "rdi", "rsi", "r8",  "r9",
                                           "r10", "r12", "r13", "r14", "r15", "rdx"};
#define PROBE_RDX 11

UTEST(syscall, invalid_numbers)
{
    /* Far from the numbers in use, which grow with each issue. */
    static const uint64_t bad[] = {0, 0x1000, 0x100000001ull, ~0ull};

    for (unsigned i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
        if (!UT_CHECK_ERR(hl_syscall6(bad[i], 0, 0, 0, 0, 0, 0, NULL), E_INVALID_SYSCALL))
            printf("# (syscall number %#lx)\n", (unsigned long)bad[i]);
}

/* Every register but rax, rcx, r11 (and rdx, the result, where the call
 * has one) comes back as it went in, on success and on error paths. */
static void check_preserved(uint64_t nr, const uint64_t in[12], bool rdx_is_result, int expected)
{
    uint64_t out[12];

    memset(out, 0, sizeof(out));
    UT_CHECK_ERR(syscall_probe(nr, in, out), expected);
    for (unsigned i = 0; i < 12; i++) {
        if (i == PROBE_RDX && rdx_is_result)
            continue;
        if (!UT_CHECK_EQ(out[i], in[i]))
            printf("# (%s after syscall %lu)\n", probe_regs[i], (unsigned long)nr);
    }
}

UTEST(syscall, registers_preserved)
{
    uint64_t in[12];

    for (unsigned i = 0; i < 12; i++)
        in[i] = 0x0101010101010101ull * (i + 1) ^ 0x8000000000000000ull;
    check_preserved(SYS_YIELD, in, true, E_OK);
    check_preserved(SYS_TICKS, in, true, E_OK);
    check_preserved(0x1000, in, true, E_INVALID_SYSCALL);
    /* rdi is a huge cptr: a lookup error. */
    check_preserved(SYS_INVOKE, in, true, E_INVALID_CADDR);
    /* A real invocation that fails in the middle (bad user pointer). */
    in[2] = env->memory;
    in[3] = HL_MEMORY_INFO;
    in[PROBE_RDX] = 1;
    check_preserved(SYS_INVOKE, in, true, E_FAULT);
    /* DEBUG_PUTS from an unmapped buffer: the fault-safe copy's way out. */
    in[2] = 0x0000000050000000ull;
    in[3] = 16;
    check_preserved(SYS_DEBUG_PUTS, in, true, E_FAULT);
}

UTEST(syscall, invoke_lookup_errors)
{
    uint32_t empty = ut_slot(env);
    uint32_t size = 1u << env->bi->cspace_bits;

    UT_CHECK_ERR(hl_invoke(size, HL_MEMORY_INFO, 0, 0, 0, 0, NULL), E_INVALID_CADDR);
    UT_CHECK_ERR(hl_invoke(0xffffffffu, HL_MEMORY_INFO, 0, 0, 0, 0, NULL), E_INVALID_CADDR);
    /* cptrs are 32-bit: high bits do not wrap to a valid slot. */
    UT_CHECK_ERR(hl_invoke((1ull << 32) | env->memory, HL_MEMORY_INFO, 0, 0, 0, 0, NULL),
                 E_INVALID_CADDR);
    UT_CHECK_ERR(hl_invoke(empty, HL_MEMORY_INFO, 0, 0, 0, 0, NULL), E_SLOT_EMPTY);
    UT_CHECK_ERR(hl_invoke(empty, 0x12345, 0, 0, 0, 0, NULL), E_SLOT_EMPTY);
}

UTEST(syscall, debug_puts)
{
    static const char msg[] = "# syscall.debug_puts: a line from user space\n";
    static char big[HL_DEBUG_PUTS_MAX + 1];

    UT_CHECK_OK(hl_debug_puts(msg, sizeof(msg) - 1));
    UT_CHECK_OK(hl_debug_puts(msg, 0));
    UT_CHECK_OK(hl_debug_puts(NULL, 0));
    UT_CHECK_ERR(hl_debug_puts((const char *)1, 1), E_FAULT);
    UT_CHECK_ERR(hl_debug_puts((const char *)0xffff800000000000ull, 8), E_FAULT);
    UT_CHECK_ERR(hl_debug_puts((const char *)0xffffffff80000000ull, 8), E_FAULT);
    UT_CHECK_ERR(hl_debug_puts((const char *)0x0000800000000000ull, 8), E_FAULT);
    UT_CHECK_ERR(hl_debug_puts((const char *)(HL_USER_TOP - 4), 8), E_FAULT);
    UT_CHECK_ERR(hl_debug_puts(msg, HL_DEBUG_PUTS_MAX + 1), E_RANGE);
    UT_CHECK_ERR(hl_debug_puts(msg, ~0ull), E_RANGE);
    /* The longest write: one short line padded with carriage returns,
     * which the test scripts strip from the log. */
    memset(big, '\r', sizeof(big));
    memcpy(big, msg, sizeof(msg) - 2);
    big[HL_DEBUG_PUTS_MAX - 1] = '\n';
    UT_CHECK_OK(hl_debug_puts(big, HL_DEBUG_PUTS_MAX));
}

UTEST(syscall, ticks_advance)
{
    uint64_t t0 = hl_ticks(), t1;

    UT_CHECK_EQ(env->bi->tick_hz, HL_TICK_HZ);
    UT_CHECK(t0 > 0);
    do
        t1 = hl_ticks();
    while (t1 < t0 + 3 && t1 >= t0);
    UT_CHECK(t1 >= t0 + 3); /* and never went backwards */
}

UTEST(syscall, yield)
{
    for (int i = 0; i < 100; i++)
        if (!UT_CHECK_OK(hl_yield()))
            break;
}

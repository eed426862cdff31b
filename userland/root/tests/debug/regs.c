/*
 * Debug read and write regs: every general register, rip, rflags, the
 * segment bases and the FXSAVE image (an xmm register and MXCSR the target
 * set itself) read back exactly; written values reach the target; values
 * that would give the task privileges or make the kernel fault on the way
 * back to user mode are refused with E_INVALID_ARG and change nothing.
 */
#include <stdio.h>
#include <string.h>
#include <hl/invoke.h>
#include "dbg.h"

#define USER_CS_RPL 3
#define MXCSR_RESERVED_BIT (1u << 16)

static uint32_t stopped_target(struct utest_env *env, uint32_t *ep)
{
    uint32_t t = dbg_target(env, dp_regs, NULL, false);

    *ep = dbg_attach(env, t, 0);
    UT_REQUIRE_OK(hl_task_resume(t));
    dbg_expect(*ep, t, HL_LABEL_DEBUG_BREAKPOINT);
    return t;
}

static uint64_t fx64(const struct hl_debug_regs *r, unsigned off)
{
    uint64_t v;

    memcpy(&v, &r->fxsave[off], sizeof(v));
    return v;
}

static uint32_t fx32(const struct hl_debug_regs *r, unsigned off)
{
    uint32_t v;

    memcpy(&v, &r->fxsave[off], sizeof(v));
    return v;
}

UTEST(debug, read_regs_values_the_target_set)
{
    uint32_t ep, t = stopped_target(env, &ep);
    static struct hl_debug_regs r;
    const uint64_t *gpr = &r.rax;

    r = dbg_regs(t);
    for (unsigned i = 0; i < 16; i++) {
        uint64_t expected = 0x1010101010101010ull * (i + 1 - (i >= 8));
        if (i == 7) /* rsp: the thread's stack */
            continue;
        if (!UT_CHECK_EQ(gpr[i], expected))
            printf("# (register %u)\n", i);
    }
    UT_CHECK(r.rsp != 0 && r.rsp < HL_USER_TOP);
    UT_CHECK_EQ(r.rip, dbg_addr(dp_regs_after));
    UT_CHECK(r.rflags & DBG_RFLAGS_IF);
    UT_CHECK_EQ(r.rflags & (DBG_RFLAGS_IOPL | DBG_RFLAGS_NT | DBG_RFLAGS_VM), 0);
    UT_CHECK_EQ(r.cs & 3, USER_CS_RPL);
    UT_CHECK_EQ(r.ss & 3, USER_CS_RPL);
    UT_CHECK_EQ(fx64(&r, HL_FX_XMM(0)), dp_xmm_values[0]);
    UT_CHECK_EQ(fx64(&r, HL_FX_XMM(0) + 8), dp_xmm_values[1]);
    UT_CHECK_EQ(fx64(&r, HL_FX_XMM(1)), dp_xmm_values[2]);
    UT_CHECK_EQ(fx64(&r, HL_FX_XMM(1) + 8), dp_xmm_values[3]);
    UT_CHECK_EQ(fx32(&r, HL_FX_MXCSR), dp_mxcsr_value);
    UT_CHECK_OK(hl_debug_resume(t, 0));
    dbg_expect_exit_event(ep, t, 0x31);
}

UTEST(debug, write_regs_reach_the_target)
{
    uint32_t ep, t = stopped_target(env, &ep);
    static struct hl_debug_regs r, back;
    const uint64_t xmm1[2] = {0xdeadbeefcafef00dull, 0x0badc0de8badf00dull};
    const uint32_t mxcsr = 0x1f80 | 0x2000; /* round down */

    r = dbg_regs(t);
    r.rax = 0xa1;
    r.rbx = 0xb2;
    r.rsi = 0x51;
    r.rbp = 0xbb;
    r.r8 = 0x88;
    r.r15 = 0xf15;
    r.fs_base = 0x123000;
    r.gs_base = 0x456000;
    memcpy(&r.fxsave[HL_FX_XMM(1)], xmm1, sizeof(xmm1));
    memcpy(&r.fxsave[HL_FX_MXCSR], &mxcsr, sizeof(mxcsr));
    UT_REQUIRE_OK(hl_debug_write_regs(t, &r));
    back = dbg_regs(t);
    UT_CHECK_EQ(back.rax, 0xa1);
    UT_CHECK_EQ(back.r15, 0xf15);
    UT_CHECK_EQ(back.fs_base, 0x123000);
    UT_CHECK_EQ(back.gs_base, 0x456000);
    UT_CHECK_EQ(fx64(&back, HL_FX_XMM(1)), xmm1[0]);
    UT_CHECK_EQ(fx64(&back, HL_FX_XMM(1) + 8), xmm1[1]);
    UT_CHECK_EQ(fx32(&back, HL_FX_MXCSR), mxcsr);
    UT_CHECK_OK(hl_debug_resume(t, 0));
    dbg_expect_exit_event(ep, t, 0x31);
    UT_CHECK_EQ(dp_saved[0], 0xa1);
    UT_CHECK_EQ(dp_saved[1], 0xb2);
    UT_CHECK_EQ(dp_saved[4], 0x51);
    UT_CHECK_EQ(dp_saved[6], 0xbb);
    UT_CHECK_EQ(dp_saved[8], 0x88);
    UT_CHECK_EQ(dp_saved[15], 0xf15);
    UT_CHECK_EQ(dp_saved[2], 0x3030303030303030ull); /* untouched ones stay */
    UT_CHECK_EQ(dp_saved_xmm[0], dp_xmm_values[0]);
    UT_CHECK_EQ(dp_saved_xmm[2], xmm1[0]);
    UT_CHECK_EQ(dp_saved_xmm[3], xmm1[1]);
    UT_CHECK_EQ(dp_saved_mxcsr, mxcsr);
}

/* A new rip takes effect: the target resumes where the debugger says. */
UTEST(debug, write_rip_moves_the_target)
{
    uint32_t ep, t = stopped_target(env, &ep);
    static struct hl_debug_regs r;

    r = dbg_regs(t);
    r.rip = dbg_addr(dp_exit_at);
    r.rdi = 0x77;
    UT_REQUIRE_OK(hl_debug_write_regs(t, &r));
    UT_CHECK_OK(hl_debug_resume(t, 0));
    dbg_expect_exit_event(ep, t, 0x77);
}

/* cs and ss are read only: written values are ignored, not refused. */
UTEST(debug, write_regs_ignores_selectors)
{
    uint32_t ep, t = stopped_target(env, &ep);
    static struct hl_debug_regs r, orig;

    orig = r = dbg_regs(t);
    r.cs = 0x8;
    r.ss = 0x10;
    UT_CHECK_OK(hl_debug_write_regs(t, &r));
    r = dbg_regs(t);
    UT_CHECK_EQ(r.cs, orig.cs);
    UT_CHECK_EQ(r.ss, orig.ss);
    UT_CHECK_OK(hl_debug_resume(t, 0));
    dbg_expect_exit_event(ep, t, 0x31);
}

UTEST(debug, write_regs_refuses_privileged_values)
{
    uint32_t ep, t = stopped_target(env, &ep);
    static struct hl_debug_regs orig, r, now;
    static const struct {
        const char *what;
        unsigned field; /* index into the uint64_t fields; 99: MXCSR */
        uint64_t value;
    } bad[] = {
        {"rflags IOPL", 17, 0x202 | DBG_RFLAGS_IOPL},
        {"rflags IOPL 1", 17, 0x202 | 0x1000},
        {"rflags NT", 17, 0x202 | DBG_RFLAGS_NT},
        {"rflags VM", 17, 0x202 | DBG_RFLAGS_VM},
        {"rip at HL_USER_TOP", 16, HL_USER_TOP},
        {"rip non-canonical", 16, DBG_NONCANONICAL},
        {"rip kernel", 16, DBG_KERNEL_TEXT},
        {"rsp above HL_USER_TOP", 7, HL_USER_TOP + 8},
        {"fs_base kernel", 18, DBG_KERNEL_ADDR},
        {"gs_base non-canonical", 19, DBG_NONCANONICAL},
        {"MXCSR reserved bit", 99, 0x1f80 | MXCSR_RESERVED_BIT},
        {"MXCSR all ones", 99, 0xffffffff},
    };

    orig = dbg_regs(t);
    for (unsigned i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
        r = orig;
        if (bad[i].field == 99) {
            uint32_t v = (uint32_t)bad[i].value;
            memcpy(&r.fxsave[HL_FX_MXCSR], &v, sizeof(v));
        } else {
            (&r.rax)[bad[i].field] = bad[i].value;
        }
        if (!UT_CHECK_ERR(hl_debug_write_regs(t, &r), E_INVALID_ARG))
            printf("# (%s)\n", bad[i].what);
        now = dbg_regs(t);
        if (!UT_CHECK_EQ(memcmp(&now, &orig, sizeof(now)), 0))
            printf("# (%s changed the registers)\n", bad[i].what);
    }
    UT_CHECK_OK(hl_debug_resume(t, 0));
    dbg_expect_exit_event(ep, t, 0x31);
    UT_CHECK_EQ(dp_saved[1], 0x2020202020202020ull);
}

UTEST(debug, regs_bad_buffer_is_fault)
{
    uint32_t ep, t = stopped_target(env, &ep);
    static struct hl_debug_regs orig;

    orig = dbg_regs(t);
    UT_CHECK_ERR(hl_debug_read_regs(t, (void *)(uintptr_t)DBG_UNMAPPED), E_FAULT);
    UT_CHECK_ERR(hl_debug_read_regs(t, (void *)(uintptr_t)DBG_KERNEL_ADDR), E_FAULT);
    UT_CHECK_ERR(hl_debug_write_regs(t, (void *)(uintptr_t)DBG_UNMAPPED), E_FAULT);
    /* Read only text as the destination of a read. */
    UT_CHECK_ERR(hl_debug_read_regs(t, (void *)dp_regs), E_FAULT);
    struct hl_debug_regs now = dbg_regs(t);
    UT_CHECK_EQ(memcmp(&now, &orig, sizeof(now)), 0);
    UT_CHECK_OK(hl_debug_resume(t, 0));
    dbg_expect_exit_event(ep, t, 0x31);
}

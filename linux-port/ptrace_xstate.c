/*
 * ptrace_xstate.c: a thread's x87, SSE, AVX and AVX-512 registers for
 * the user (hdb/target.h: read_fpregs, write_fpregs), from the XSAVE area
 * Linux gives with PTRACE_GETREGSET NT_X86_XSTATE, or the FXSAVE area
 * (PTRACE_GETFPREGS) where it has no XSAVE.
 *
 * The XSAVE area (SDM 13.4) starts with the FXSAVE legacy region (x87
 * and SSE, SDM 10.5.1, Table 10-2), then the 64-byte header whose
 * XSTATE_BV says which components are not in their initial state; the
 * other components sit at offsets CPUID leaf 0DH gives (SDM 13.4.3,
 * the standard form ptrace uses). Linux puts the XCR0 of the process in
 * the legacy region's software bytes at 464 (asm/user.h,
 * USER_XSTATE_XCR0_WORD), which is how gdb learns the features too.
 */
#define _GNU_SOURCE
#include <cpuid.h>
#include <elf.h>
#include <string.h>
#include <sys/ptrace.h>
#include <sys/uio.h>

#include <hdb/error.h>

#include "ptrace_int.h"

#define XSTATE_MAX (16 * 1024)
#define XCR0_OFFSET 464
#define XSTATE_BV_OFFSET 512

/* XSAVE state components (SDM 13.1). */
enum { XC_X87 = 0, XC_SSE = 1, XC_AVX = 2, XC_OPMASK = 5, XC_ZMM_HI256 = 6, XC_HI16_ZMM = 7 };

struct xarea {
    uint8_t buf[XSTATE_MAX];
    size_t len;
    uint64_t xcr0, bv;
};

static uint64_t get(const uint8_t *p, int n)
{
    uint64_t v = 0;
    memcpy(&v, p, (size_t)n);
    return v;
}

/* Where component c is in the standard form, if the area reaches that far; NULL otherwise. */
static uint8_t *component(struct xarea *x, int c, size_t need)
{
    unsigned eax, ebx, ecx, edx;
    if (!(x->xcr0 >> c & 1) || !__get_cpuid_count(0xd, (unsigned)c, &eax, &ebx, &ecx, &edx) ||
        ebx + need > x->len)
        return NULL;
    return x->buf + ebx;
}

static int read_area(int64_t tid, struct xarea *x)
{
    struct iovec iov = {x->buf, sizeof(x->buf)};
    memset(x->buf, 0, 1024);
    if (ptrace(PTRACE_GETREGSET, (pid_t)tid, (void *)NT_X86_XSTATE, &iov) == 0) {
        x->len = iov.iov_len;
        x->xcr0 = x->len > XCR0_OFFSET + 8 ? get(x->buf + XCR0_OFFSET, 8) : 3;
        x->bv = x->len >= XSTATE_BV_OFFSET + 8 ? get(x->buf + XSTATE_BV_OFFSET, 8) : 3;
        return 0;
    }
    if (ptrace(PTRACE_GETFPREGS, (pid_t)tid, 0, x->buf) != 0)
        return HDB_E_IO;
    x->len = 512;
    x->xcr0 = x->bv = 1 << XC_X87 | 1 << XC_SSE;
    return 0;
}

/*
 * The x87 tag of a register from its bits (SDM 8.1.7): 0 valid, 1 zero,
 * 2 special (NaN, infinity, denormal, unsupported).
 */
static unsigned x87_tag(const uint8_t *r)
{
    unsigned exp = (unsigned)(r[9] & 0x7f) << 8 | r[8];
    bool integer = r[7] & 0x80;
    uint64_t frac = get(r, 8) & ~(1ull << 63);
    if (exp == 0x7fff)
        return 2;
    if (exp == 0)
        return frac == 0 && !integer ? 1 : 2;
    return integer ? 0 : 2;
}

int pt_read_fpregs(struct hdb_target *t, int64_t tid, struct hdb_fpregs *fp)
{
    struct ptrace_target *pt = t->impl;
    static struct xarea x; /* 16 KiB: too much for the stack of a debugger thread */
    if (!pt->pid)
        return HDB_E_NO_PROCESS;
    int rc = read_area(tid, &x);
    if (rc < 0)
        return rc;
    memset(fp, 0, sizeof(*fp));
    const uint8_t *fx = x.buf;
    fp->have = HDB_FP_X87 | HDB_FP_SSE;
    /* FXSAVE in 64-bit mode keeps 64-bit pointers: gdb shows their halves as seg and off. */
    fp->x87[HDB_X87_FCTRL] = (uint32_t)get(fx, 2);
    fp->x87[HDB_X87_FSTAT] = (uint32_t)get(fx + 2, 2);
    fp->x87[HDB_X87_FOP] = (uint32_t)get(fx + 6, 2) & 0x7ff;
    fp->x87[HDB_X87_FIOFF] = (uint32_t)get(fx + 8, 4);
    fp->x87[HDB_X87_FISEG] = (uint32_t)get(fx + 12, 4);
    fp->x87[HDB_X87_FOOFF] = (uint32_t)get(fx + 16, 4);
    fp->x87[HDB_X87_FOSEG] = (uint32_t)get(fx + 20, 4);
    fp->mxcsr = (uint32_t)get(fx + 24, 4);
    for (int i = 0; i < 8; i++)
        memcpy(fp->st[i], fx + 32 + 16 * i, 10);
    /* FXSAVE's abridged tag has one bit a physical register: 1 not empty (SDM 10.5.1.1). */
    unsigned top = fp->x87[HDB_X87_FSTAT] >> 11 & 7, abridged = fx[4], ftag = 0;
    for (unsigned phys = 0; phys < 8; phys++) {
        unsigned tag = abridged >> phys & 1 ? x87_tag(fp->st[(phys + 8 - top) % 8]) : 3;
        ftag |= tag << (2 * phys);
    }
    fp->x87[HDB_X87_FTAG] = ftag;
    for (int i = 0; i < 16; i++)
        memcpy(fp->zmm[i], fx + 160 + 16 * i, 16);
    const uint8_t *avx = component(&x, XC_AVX, 256);
    if (avx) {
        fp->have |= HDB_FP_AVX;
        for (int i = 0; i < 16 && (x.bv >> XC_AVX & 1); i++)
            memcpy(fp->zmm[i] + 16, avx + 16 * i, 16);
    }
    const uint8_t *k = component(&x, XC_OPMASK, 64);
    const uint8_t *hi256 = component(&x, XC_ZMM_HI256, 512);
    const uint8_t *hi16 = component(&x, XC_HI16_ZMM, 1024);
    if (avx && k && hi256 && hi16) {
        fp->have |= HDB_FP_AVX512;
        for (int i = 0; i < 8 && (x.bv >> XC_OPMASK & 1); i++)
            fp->k[i] = get(k + 8 * i, 8);
        for (int i = 0; i < 16 && (x.bv >> XC_ZMM_HI256 & 1); i++)
            memcpy(fp->zmm[i] + 32, hi256 + 32 * i, 32);
        for (int i = 0; i < 16 && (x.bv >> XC_HI16_ZMM & 1); i++)
            memcpy(fp->zmm[16 + i], hi16 + 64 * i, 64);
    }
    return 0;
}

int pt_write_fpregs(struct hdb_target *t, int64_t tid, const struct hdb_fpregs *fp)
{
    struct ptrace_target *pt = t->impl;
    static struct xarea x;
    if (!pt->pid)
        return HDB_E_NO_PROCESS;
    int rc = read_area(tid, &x);
    if (rc < 0)
        return rc;
    uint8_t *fx = x.buf;
    memcpy(fx, &fp->x87[HDB_X87_FCTRL], 2);
    memcpy(fx + 2, &fp->x87[HDB_X87_FSTAT], 2);
    uint8_t abridged = 0;
    for (unsigned phys = 0; phys < 8; phys++)
        if ((fp->x87[HDB_X87_FTAG] >> (2 * phys) & 3) != 3)
            abridged |= (uint8_t)(1u << phys);
    fx[4] = abridged;
    uint16_t fop = (uint16_t)(fp->x87[HDB_X87_FOP] & 0x7ff);
    memcpy(fx + 6, &fop, 2);
    memcpy(fx + 8, &fp->x87[HDB_X87_FIOFF], 4);
    memcpy(fx + 12, &fp->x87[HDB_X87_FISEG], 4);
    memcpy(fx + 16, &fp->x87[HDB_X87_FOOFF], 4);
    memcpy(fx + 20, &fp->x87[HDB_X87_FOSEG], 4);
    memcpy(fx + 24, &fp->mxcsr, 4);
    for (int i = 0; i < 8; i++)
        memcpy(fx + 32 + 16 * i, fp->st[i], 10);
    for (int i = 0; i < 16; i++)
        memcpy(fx + 160 + 16 * i, fp->zmm[i], 16);
    if (x.len == 512)
        return ptrace(PTRACE_SETFPREGS, (pid_t)tid, 0, x.buf) == 0 ? 0 : HDB_E_IO;
    /* Every component written is marked in use, or XRSTOR would load its initial state. */
    uint64_t bv = x.bv | 1 << XC_X87 | 1 << XC_SSE;
    uint8_t *avx = component(&x, XC_AVX, 256);
    if (avx && (fp->have & HDB_FP_AVX)) {
        bv |= 1 << XC_AVX;
        for (int i = 0; i < 16; i++)
            memcpy(avx + 16 * i, fp->zmm[i] + 16, 16);
    }
    uint8_t *k = component(&x, XC_OPMASK, 64);
    uint8_t *hi256 = component(&x, XC_ZMM_HI256, 512);
    uint8_t *hi16 = component(&x, XC_HI16_ZMM, 1024);
    if (k && hi256 && hi16 && (fp->have & HDB_FP_AVX512)) {
        bv |= 1 << XC_OPMASK | 1 << XC_ZMM_HI256 | 1 << XC_HI16_ZMM;
        memcpy(k, fp->k, 64);
        for (int i = 0; i < 16; i++) {
            memcpy(hi256 + 32 * i, fp->zmm[i] + 32, 32);
            memcpy(hi16 + 64 * i, fp->zmm[16 + i], 64);
        }
    }
    memcpy(x.buf + XSTATE_BV_OFFSET, &bv, 8);
    struct iovec iov = {x.buf, x.len};
    return ptrace(PTRACE_SETREGSET, (pid_t)tid, (void *)NT_X86_XSTATE, &iov) == 0 ? 0 : HDB_E_IO;
}

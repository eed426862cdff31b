/*
 * ptrace_state.c: a thread's whole register state kept across a call the
 * debugger makes in the program, and the SSE registers such a call passes
 * and returns floating-point values in (hdb/target.h: save_state,
 * restore_state, read_sse, write_sse).
 *
 * The called function may use any register the psABI (3.2.1) lets a
 * callee clobber, vector ones included (libc's string functions use AVX),
 * so the general registers (with orig_rax, which decides whether an
 * interrupted system call restarts) and the XSAVE area (x87, SSE, AVX and
 * beyond: PTRACE_GETREGSET NT_X86_XSTATE) are copied whole, or the
 * FXSAVE area where the kernel has no XSAVE regset.
 */
#define _GNU_SOURCE
#include <elf.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ptrace.h>
#include <sys/uio.h>
#include <sys/user.h>

#include <hdb/error.h>

#include "ptrace_int.h"

/* Large enough for any XSAVE layout Linux reports (AMX tiles included). */
#define XSTATE_MAX (16 * 1024)

int pt_save_state(struct hdb_target *t, int64_t tid)
{
    struct ptrace_target *pt = t->impl;
    if (!pt->pid)
        return HDB_E_NO_PROCESS;
    if (pt->nsaved == pt->cap_saved) {
        int cap = pt->cap_saved ? pt->cap_saved * 2 : 4;
        struct pt_saved *n = realloc(pt->saved, (size_t)cap * sizeof(*n));
        if (!n)
            return HDB_E_NOMEM;
        pt->saved = n;
        pt->cap_saved = cap;
    }
    struct pt_saved *sv = &pt->saved[pt->nsaved];
    memset(sv, 0, sizeof(*sv));
    sv->tid = (pid_t)tid;
    if (pt_get_user_regs(pt, (pid_t)tid, &sv->regs) < 0)
        return HDB_E_IO;
    sv->xstate = malloc(XSTATE_MAX);
    if (!sv->xstate)
        return HDB_E_NOMEM;
    struct iovec iov = {sv->xstate, XSTATE_MAX};
    if (ptrace(PTRACE_GETREGSET, (pid_t)tid, (void *)NT_X86_XSTATE, &iov) == 0) {
        sv->xlen = iov.iov_len;
    } else {
        free(sv->xstate);
        sv->xstate = NULL;
        if (ptrace(PTRACE_GETFPREGS, (pid_t)tid, 0, &sv->fp) != 0)
            return HDB_E_IO;
    }
    pt->nsaved++;
    return 0;
}

int pt_restore_state(struct hdb_target *t, int64_t tid)
{
    struct ptrace_target *pt = t->impl;
    int i = pt->nsaved - 1;
    while (i >= 0 && pt->saved[i].tid != (pid_t)tid)
        i--;
    if (i < 0)
        return HDB_E_NOT_FOUND;
    struct pt_saved sv = pt->saved[i];
    memmove(&pt->saved[i], &pt->saved[i + 1], (size_t)(pt->nsaved - i - 1) * sizeof(sv));
    pt->nsaved--;
    int rc = 0;
    struct iovec iov = {sv.xstate, sv.xlen};
    if (sv.xstate ? ptrace(PTRACE_SETREGSET, (pid_t)tid, (void *)NT_X86_XSTATE, &iov) != 0
                  : ptrace(PTRACE_SETFPREGS, (pid_t)tid, 0, &sv.fp) != 0)
        rc = HDB_E_IO;
    free(sv.xstate);
    if (pt_set_user_regs(pt, (pid_t)tid, &sv.regs) < 0)
        rc = HDB_E_IO;
    return rc;
}

void pt_state_forget(struct ptrace_target *pt)
{
    for (int i = 0; i < pt->nsaved; i++)
        free(pt->saved[i].xstate);
    pt->nsaved = 0;
}

/* The thread's FXSAVE area (x87 and SSE). */
static int get_fp(struct hdb_target *t, int64_t tid, struct user_fpregs_struct *fp)
{
    struct ptrace_target *pt = t->impl;
    if (!pt->pid)
        return HDB_E_NO_PROCESS;
    return ptrace(PTRACE_GETFPREGS, (pid_t)tid, 0, fp) == 0 ? 0 : HDB_E_IO;
}

int pt_read_sse(struct hdb_target *t, int64_t tid, struct hdb_regs *regs)
{
    struct user_fpregs_struct fp;
    int rc = get_fp(t, tid, &fp);
    if (rc < 0)
        return rc;
    /* xmm_space: sixteen 16-byte registers as 32-bit words, low word first. */
    for (int i = 0; i < 16; i++) {
        regs->v[HDB_REG_XMM0 + i] =
            (uint64_t)fp.xmm_space[4 * i] | (uint64_t)fp.xmm_space[4 * i + 1] << 32;
        regs->valid |= 1ull << (HDB_REG_XMM0 + i);
    }
    return 0;
}

int pt_write_sse(struct hdb_target *t, int64_t tid, const struct hdb_regs *regs)
{
    struct user_fpregs_struct fp;
    int rc = get_fp(t, tid, &fp);
    if (rc < 0)
        return rc;
    for (int i = 0; i < 16; i++) {
        if (!hdb_regs_has(regs, HDB_REG_XMM0 + i))
            continue;
        uint64_t v = regs->v[HDB_REG_XMM0 + i];
        fp.xmm_space[4 * i] = (uint32_t)v;
        fp.xmm_space[4 * i + 1] = (uint32_t)(v >> 32);
        fp.xmm_space[4 * i + 2] = fp.xmm_space[4 * i + 3] = 0;
    }
    return ptrace(PTRACE_SETFPREGS, (pid_t)tid, 0, &fp) == 0 ? 0 : HDB_E_IO;
}

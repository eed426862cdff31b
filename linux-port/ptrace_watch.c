/*
 * ptrace_watch.c: hardware watchpoints through the x86 debug registers
 * (SDM Vol. 3, 17.2): DR0-DR3 hold addresses, DR7 enables each with its
 * access type (R/W bits) and length (LEN bits), DR6 says which fired.
 * Linux keeps debug registers per thread, so every thread gets the same
 * set, and so does each new thread at its first stop.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <stddef.h>
#include <string.h>
#include <sys/ptrace.h>
#include <sys/user.h>

#include <hdb/error.h>

#include "ptrace_int.h"

#define DR_OFFSET(n) (offsetof(struct user, u_debugreg) + (n) * sizeof(long))

static unsigned len_bits(unsigned len)
{
    switch (len) {
    case 1:
        return 0;
    case 2:
        return 1;
    case 8:
        return 2;
    default:
        return 3; /* 4 */
    }
}

/* DR7 for the slots in use: local enable (bit 2n), R/W at 16+4n, LEN at 18+4n. */
static uint64_t dr7_value(const struct ptrace_target *pt)
{
    uint64_t dr7 = 0;
    for (int i = 0; i < PT_WATCH_SLOTS; i++) {
        const struct pt_watch *w = &pt->watch[i];
        if (!w->len)
            continue;
        dr7 |= 1ull << (i * 2);
        dr7 |= (uint64_t)(w->kind & 3) << (16 + i * 4);
        dr7 |= (uint64_t)len_bits(w->len) << (18 + i * 4);
    }
    return dr7;
}

int pt_watch_apply(struct ptrace_target *pt, pid_t tid)
{
    /* DR7 off first: a slot must not be live while its address changes. */
    if (ptrace(PTRACE_POKEUSER, tid, (void *)DR_OFFSET(7), 0) != 0)
        return HDB_E_IO;
    for (int i = 0; i < PT_WATCH_SLOTS; i++)
        if (pt->watch[i].len &&
            ptrace(PTRACE_POKEUSER, tid, (void *)DR_OFFSET(i), (void *)pt->watch[i].addr) != 0)
            return HDB_E_IO;
    uint64_t dr7 = dr7_value(pt);
    if (dr7 && ptrace(PTRACE_POKEUSER, tid, (void *)DR_OFFSET(7), (void *)dr7) != 0)
        return HDB_E_IO;
    return 0;
}

static int apply_all(struct ptrace_target *pt)
{
    int rc = 0;
    for (int i = 0; i < pt->nthreads; i++) {
        int r = pt_watch_apply(pt, pt->threads[i].tid);
        if (r < 0 && rc == 0)
            rc = r;
    }
    return rc;
}

int pt_insert_watch(struct hdb_target *t, uint64_t addr, unsigned len, int kind)
{
    struct ptrace_target *pt = t->impl;
    if (!pt->pid)
        return HDB_E_NO_PROCESS;
    if ((len != 1 && len != 2 && len != 4 && len != 8) || (addr & (len - 1)))
        return HDB_E_ARG;
    for (int i = 0; i < PT_WATCH_SLOTS; i++) {
        if (pt->watch[i].len)
            continue;
        pt->watch[i] = (struct pt_watch){addr, len, kind};
        int rc = apply_all(pt);
        if (rc < 0) {
            pt->watch[i].len = 0;
            apply_all(pt);
        }
        return rc;
    }
    return HDB_E_NOMEM;
}

int pt_remove_watch(struct hdb_target *t, uint64_t addr, unsigned len, int kind)
{
    struct ptrace_target *pt = t->impl;
    for (int i = 0; i < PT_WATCH_SLOTS; i++) {
        struct pt_watch *w = &pt->watch[i];
        if (w->len == len && w->addr == addr && w->kind == kind) {
            w->len = 0;
            return pt->pid ? apply_all(pt) : 0;
        }
    }
    return HDB_E_NOT_FOUND;
}

bool pt_watch_hit(struct ptrace_target *pt, pid_t tid, uint64_t *addr)
{
    /* Without watchpoints DR0-DR3 are off and DR6 cannot say one fired: spare the two calls. */
    bool any = false;
    for (int i = 0; i < PT_WATCH_SLOTS; i++)
        any = any || pt->watch[i].len;
    if (!any)
        return false;
    errno = 0;
    long dr6 = ptrace(PTRACE_PEEKUSER, tid, (void *)DR_OFFSET(6), 0);
    if (errno != 0)
        return false;
    bool hit = false;
    for (int i = 0; i < PT_WATCH_SLOTS && !hit; i++) {
        if ((dr6 >> i) & 1 && pt->watch[i].len) {
            *addr = pt->watch[i].addr;
            hit = true;
        }
    }
    /* DR6 is sticky (SDM 17.2.3): clear it for the next trap. */
    if (dr6 & 0xf)
        ptrace(PTRACE_POKEUSER, tid, (void *)DR_OFFSET(6), 0);
    return hit;
}

/*
 * ptrace_mem.c: registers, memory and int3 breakpoints of a traced process.
 *
 * Memory is read with process_vm_readv, falling back to PTRACE_PEEKDATA
 * where the kernel refuses it, and written with PTRACE_POKEDATA, which
 * (unlike process_vm_writev) may write read-only text pages. Reads show
 * the program's own bytes: the original byte of every planted breakpoint
 * is put back into the buffer, as gdb does, so `x` never shows an int3.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ptrace.h>
#include <sys/uio.h>
#include <sys/user.h>
#include <unistd.h>

#include <hdb/error.h>

#include "ptrace_int.h"

/* A stopped thread's registers, through its cache (struct pt_thread). */
int pt_get_user_regs(struct ptrace_target *pt, pid_t tid, struct user_regs_struct *u)
{
    struct pt_thread *th = pt_thread_find(pt, tid);
    if (th && th->regs_valid && !th->running) {
        *u = th->regs;
        return 0;
    }
    if (ptrace(PTRACE_GETREGS, tid, 0, u) != 0)
        return HDB_E_IO;
    if (th && !th->running) {
        th->regs = *u;
        th->regs_valid = true;
    }
    return 0;
}

int pt_set_user_regs(struct ptrace_target *pt, pid_t tid, const struct user_regs_struct *u)
{
    struct pt_thread *th = pt_thread_find(pt, tid);
    if (ptrace(PTRACE_SETREGS, tid, 0, u) != 0) {
        if (th)
            th->regs_valid = false;
        return HDB_E_IO;
    }
    if (th && !th->running) {
        th->regs = *u;
        th->regs_valid = true;
    }
    return 0;
}

int pt_get_pc(struct ptrace_target *pt, pid_t tid, uint64_t *pc)
{
    struct user_regs_struct u;
    if (pt_get_user_regs(pt, tid, &u) < 0)
        return HDB_E_IO;
    *pc = u.rip;
    return 0;
}

int pt_set_pc(struct ptrace_target *pt, pid_t tid, uint64_t pc)
{
    struct user_regs_struct u;
    if (pt_get_user_regs(pt, tid, &u) < 0)
        return HDB_E_IO;
    u.rip = pc;
    return pt_set_user_regs(pt, tid, &u);
}

/* user_regs_struct field of each GDB register number, or -1. */
#define UOFF(f) (int)(offsetof(struct user_regs_struct, f) / 8)
static int user_slot(int regno)
{
    switch (regno) {
    case HDB_REG_RAX:
        return UOFF(rax);
    case HDB_REG_RBX:
        return UOFF(rbx);
    case HDB_REG_RCX:
        return UOFF(rcx);
    case HDB_REG_RDX:
        return UOFF(rdx);
    case HDB_REG_RSI:
        return UOFF(rsi);
    case HDB_REG_RDI:
        return UOFF(rdi);
    case HDB_REG_RBP:
        return UOFF(rbp);
    case HDB_REG_RSP:
        return UOFF(rsp);
    case HDB_REG_R8:
        return UOFF(r8);
    case HDB_REG_R9:
        return UOFF(r9);
    case HDB_REG_R10:
        return UOFF(r10);
    case HDB_REG_R11:
        return UOFF(r11);
    case HDB_REG_R12:
        return UOFF(r12);
    case HDB_REG_R13:
        return UOFF(r13);
    case HDB_REG_R14:
        return UOFF(r14);
    case HDB_REG_R15:
        return UOFF(r15);
    case HDB_REG_RIP:
        return UOFF(rip);
    case HDB_REG_EFLAGS:
        return UOFF(eflags);
    case HDB_REG_CS:
        return UOFF(cs);
    case HDB_REG_SS:
        return UOFF(ss);
    case HDB_REG_DS:
        return UOFF(ds);
    case HDB_REG_ES:
        return UOFF(es);
    case HDB_REG_FS:
        return UOFF(fs);
    case HDB_REG_GS:
        return UOFF(gs);
    case HDB_REG_FS_BASE:
        return UOFF(fs_base);
    case HDB_REG_GS_BASE:
        return UOFF(gs_base);
    default:
        return -1;
    }
}

int pt_read_regs(struct hdb_target *t, int64_t tid, struct hdb_regs *regs)
{
    struct ptrace_target *pt = t->impl;
    struct user_regs_struct u;
    if (!pt->pid)
        return HDB_E_NO_PROCESS;
    if (pt_get_user_regs(pt, (pid_t)tid, &u) < 0)
        return HDB_E_IO;
    const uint64_t *slots = (const uint64_t *)&u;
    memset(regs, 0, sizeof(*regs));
    for (int r = 0; r < HDB_REG_COUNT; r++) {
        int s = user_slot(r);
        if (s >= 0) {
            regs->v[r] = slots[s];
            regs->valid |= 1ull << r;
        }
    }
    return 0;
}

int pt_write_regs(struct hdb_target *t, int64_t tid, const struct hdb_regs *regs)
{
    struct ptrace_target *pt = t->impl;
    struct user_regs_struct u;
    if (!pt->pid)
        return HDB_E_NO_PROCESS;
    if (pt_get_user_regs(pt, (pid_t)tid, &u) < 0)
        return HDB_E_IO;
    uint64_t *slots = (uint64_t *)&u;
    uint64_t old_pc = u.rip;
    for (int r = 0; r < HDB_REG_COUNT; r++) {
        if (!hdb_regs_has(regs, r))
            continue;
        int s = user_slot(r);
        if (s < 0)
            return HDB_E_NOTSUP;
        slots[s] = regs->v[r];
    }
    /*
     * A thread stopped inside a system call would have the kernel restart
     * it on resume, moving the pc back over the syscall instruction:
     * elsewhere that is wrong, so a new pc cancels the restart (orig_rax
     * -1, gdb's amd64_linux_write_pc). restore_state brings it back.
     */
    if (u.rip != old_pc)
        u.orig_rax = (unsigned long long)-1;
    return pt_set_user_regs(pt, (pid_t)tid, &u);
}

static size_t peek_read(pid_t pid, uint64_t addr, uint8_t *buf, size_t len)
{
    size_t done = 0;
    while (done < len) {
        uint64_t a = (addr + done) & ~7ull;
        errno = 0;
        long w = ptrace(PTRACE_PEEKDATA, pid, (void *)a, 0);
        if (errno != 0)
            break;
        size_t skip = (size_t)((addr + done) - a);
        size_t n = 8 - skip;
        if (n > len - done)
            n = len - done;
        memcpy(buf + done, (uint8_t *)&w + skip, n);
        done += n;
    }
    return done;
}

int pt_mem_read(struct ptrace_target *pt, uint64_t addr, void *buf, size_t len)
{
    if (!pt->pid)
        return HDB_E_NO_PROCESS;
    if (len == 0)
        return 0;
    struct iovec local = {buf, len}, remote = {(void *)addr, len};
    ssize_t n = process_vm_readv(pt->pid, &local, 1, &remote, 1, 0);
    size_t done;
    if (n > 0) {
        done = (size_t)n;
    } else {
        /* Refused outright (no CAP, an old kernel) or the first page unmapped: try word by word. */
        done = peek_read(pt->pid, addr, buf, len);
    }
    if (done == 0)
        return HDB_E_IO;
    for (int i = 0; i < pt->nbps; i++) {
        uint64_t a = pt->bps[i].addr;
        if (a >= addr && a < addr + done)
            ((uint8_t *)buf)[a - addr] = pt->bps[i].orig;
    }
    return (int)done;
}

int pt_read_mem(struct hdb_target *t, uint64_t addr, void *buf, size_t len)
{
    return pt_mem_read(t->impl, addr, buf, len);
}

/* Writes bytes exactly as given (breakpoint bytes included) with PTRACE_POKEDATA. */
static int poke_write(pid_t pid, uint64_t addr, const uint8_t *buf, size_t len)
{
    size_t done = 0;
    while (done < len) {
        uint64_t a = (addr + done) & ~7ull;
        size_t skip = (size_t)((addr + done) - a);
        size_t n = 8 - skip;
        if (n > len - done)
            n = len - done;
        errno = 0;
        long w = ptrace(PTRACE_PEEKDATA, pid, (void *)a, 0);
        if (errno != 0)
            break;
        memcpy((uint8_t *)&w + skip, buf + done, n);
        if (ptrace(PTRACE_POKEDATA, pid, (void *)a, (void *)w) != 0)
            break;
        done += n;
    }
    return done ? (int)done : HDB_E_IO;
}

void pt_mem_forget(struct ptrace_target *pt)
{
    if (pt->memfd1)
        close(pt->memfd1 - 1);
    pt->memfd1 = 0;
}

/*
 * Writes bytes exactly as given through /proc/PID/mem, which, like
 * PTRACE_POKEDATA, may write read-only text pages; falls back to POKEDATA
 * where the file cannot be opened or written.
 */
static int raw_write(struct ptrace_target *pt, uint64_t addr, const uint8_t *buf, size_t len)
{
    if (pt->memfd1 && pt->memfd_pid != pt->pid)
        pt_mem_forget(pt);
    if (!pt->memfd1) {
        char path[64];
        snprintf(path, sizeof(path), "/proc/%d/mem", (int)pt->pid);
        int fd = open(path, O_RDWR | O_CLOEXEC);
        pt->memfd1 = fd >= 0 ? fd + 1 : 0;
        pt->memfd_pid = pt->pid;
    }
    if (pt->memfd1 && addr <= (uint64_t)INT64_MAX) {
        ssize_t n = pwrite(pt->memfd1 - 1, buf, len, (off_t)addr);
        if (n == (ssize_t)len)
            return (int)len;
    }
    return poke_write(pt->pid, addr, buf, len);
}

int pt_write_mem(struct hdb_target *t, uint64_t addr, const void *buf, size_t len)
{
    struct ptrace_target *pt = t->impl;
    if (!pt->pid)
        return HDB_E_NO_PROCESS;
    if (len == 0)
        return 0;
    /* A write over a planted breakpoint changes the saved byte and keeps the int3. */
    uint8_t *copy = malloc(len);
    if (!copy)
        return HDB_E_NOMEM;
    memcpy(copy, buf, len);
    for (int i = 0; i < pt->nbps; i++) {
        uint64_t a = pt->bps[i].addr;
        if (a >= addr && a < addr + len) {
            pt->bps[i].orig = copy[a - addr];
            copy[a - addr] = 0xcc;
        }
        /* The instruction under it may have changed: decode it again at its next hit. */
        if (a + EMU_MAX_INSN > addr && a < addr + len)
            pt->bps[i].emu = PT_EMU_UNKNOWN;
    }
    int rc = raw_write(pt, addr, copy, len);
    free(copy);
    return rc;
}

struct pt_bp *pt_bp_find(struct ptrace_target *pt, uint64_t addr)
{
    for (int i = 0; i < pt->nbps; i++)
        if (pt->bps[i].addr == addr)
            return &pt->bps[i];
    return NULL;
}

int pt_bp_poke(struct ptrace_target *pt, const struct pt_bp *bp, bool plant)
{
    uint8_t b = plant ? 0xcc : bp->orig;
    return raw_write(pt, bp->addr, &b, 1) == 1 ? 0 : HDB_E_IO;
}

int pt_insert_bp(struct hdb_target *t, uint64_t addr)
{
    struct ptrace_target *pt = t->impl;
    if (!pt->pid)
        return HDB_E_NO_PROCESS;
    if (pt_bp_find(pt, addr))
        return 0;
    uint8_t orig;
    if (pt_read_mem(t, addr, &orig, 1) != 1)
        return HDB_E_IO;
    if (pt->nbps == pt->cap_bps) {
        int cap = pt->cap_bps ? pt->cap_bps * 2 : 16;
        struct pt_bp *n = realloc(pt->bps, (size_t)cap * sizeof(*n));
        if (!n)
            return HDB_E_NOMEM;
        pt->bps = n;
        pt->cap_bps = cap;
    }
    struct pt_bp bp = {.addr = addr, .orig = orig, .emu = PT_EMU_UNKNOWN};
    int rc = pt_bp_poke(pt, &bp, true);
    if (rc < 0)
        return rc;
    pt->bps[pt->nbps++] = bp;
    return 0;
}

int pt_remove_bp(struct hdb_target *t, uint64_t addr)
{
    struct ptrace_target *pt = t->impl;
    struct pt_bp *bp = pt_bp_find(pt, addr);
    if (!bp)
        return HDB_E_NOT_FOUND;
    int rc = pt->pid ? pt_bp_poke(pt, bp, false) : 0;
    *bp = pt->bps[--pt->nbps];
    for (int i = 0; i < pt->nthreads; i++)
        if (pt->threads[i].reinsert_bp == addr)
            pt->threads[i].reinsert_bp = 0;
    return rc;
}

int pt_read_auxv(struct hdb_target *t, void *buf, size_t len)
{
    struct ptrace_target *pt = t->impl;
    char path[64];
    if (!pt->pid)
        return HDB_E_NO_PROCESS;
    snprintf(path, sizeof(path), "/proc/%d/auxv", (int)pt->pid);
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return HDB_E_IO;
    size_t done = 0;
    while (done < len) {
        ssize_t n = read(fd, (char *)buf + done, len - done);
        if (n <= 0)
            break;
        done += (size_t)n;
    }
    close(fd);
    return (int)done;
}

int pt_exe_path(struct hdb_target *t, char *buf, size_t len)
{
    struct ptrace_target *pt = t->impl;
    char path[64];
    if (!pt->pid)
        return HDB_E_NO_PROCESS;
    snprintf(path, sizeof(path), "/proc/%d/exe", (int)pt->pid);
    ssize_t n = readlink(path, buf, len - 1);
    if (n < 0)
        return HDB_E_IO;
    buf[n] = 0;
    return (int)n;
}

int pt_thread_name(struct hdb_target *t, int64_t tid, char *buf, size_t len)
{
    struct ptrace_target *pt = t->impl;
    char path[64];
    if (!pt->pid || len == 0)
        return HDB_E_NO_PROCESS;
    snprintf(path, sizeof(path), "/proc/%d/task/%lld/comm", (int)pt->pid, (long long)tid);
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return HDB_E_NOT_FOUND;
    ssize_t n = read(fd, buf, len - 1);
    close(fd);
    if (n < 0)
        return HDB_E_IO;
    while (n > 0 && buf[n - 1] == '\n')
        n--;
    buf[n] = 0;
    return (int)n;
}

/*
 * The stub's target operations: registers of a thread (the kernel's stop
 * frame, or a task's saved user state and FXSAVE image), threads (the
 * kernel is 1, task N is N + 1), resume and step. Changes to a task's
 * registers are checked like Task write regs, so gdb cannot make the
 * kernel fault on the way back to user mode.
 */
#include <arch/cpu.h>
#include <arch/gdt.h>
#include <gdbstub/x86_64.h>
#include <helios/caps.h>
#include <kernel/fmt.h>
#include <kernel/percpu.h>
#include <kernel/string.h>
#include "kgdb_int.h"
#include "views.h"

#define RFLAGS_TF (1ul << 8)
#define RFLAGS_PRIV (3ul << 12 | 1ul << 14 | 1ul << 17) /* IOPL, NT, VM */

struct task *kgdb_task(int64_t tid)
{
    if (tid <= 0)
        return kgdb.stop_task; /* "any": the thread that stopped */
    if (tid == KGDB_TID_KERNEL || tid > 0xffffffffll)
        return NULL;
    return task_by_id((uint32_t)(tid - 1));
}

bool kgdb_thread_exists(int64_t tid)
{
    return tid <= 0 || tid == KGDB_TID_KERNEL || kgdb_task(tid) != NULL;
}

struct trap_frame *kgdb_frame(int64_t tid)
{
    struct task *t = kgdb_task(tid);

    if (t)
        return &t->frame;
    return kgdb.stop_task ? &kgdb.kframe : kgdb.frame;
}

static uint64_t *gpr(struct trap_frame *f, uint32_t n)
{
    uint64_t *regs[] = {&f->rax, &f->rbx, &f->rcx, &f->rdx, &f->rsi, &f->rdi,
                        &f->rbp, &f->rsp, &f->r8,  &f->r9,  &f->r10, &f->r11,
                        &f->r12, &f->r13, &f->r14, &f->r15, &f->rip};
    return n <= GDBSTUB_X86_64_RIP ? regs[n] : NULL;
}

/* Where register n lives in an FXSAVE image (SDM Vol. 1 10.5.1, 64-bit
 * format), and how many bytes; 0 if it has no place there. */
static size_t fx_offset(uint32_t n, size_t *size)
{
    if (n >= GDBSTUB_X86_64_ST0 && n < GDBSTUB_X86_64_FCTRL) {
        *size = 10;
        return 32 + 16 * (n - GDBSTUB_X86_64_ST0);
    }
    if (n >= GDBSTUB_X86_64_XMM0 && n < GDBSTUB_X86_64_MXCSR) {
        *size = 16;
        return 160 + 16 * (n - GDBSTUB_X86_64_XMM0);
    }
    switch (n) {
    case GDBSTUB_X86_64_FCTRL:
        *size = 2;
        return 0;
    case GDBSTUB_X86_64_FSTAT:
        *size = 2;
        return 2;
    case GDBSTUB_X86_64_FOP:
        *size = 2;
        return 6;
    case GDBSTUB_X86_64_FIOFF:
        *size = 4;
        return 8;
    case GDBSTUB_X86_64_FOOFF:
        *size = 4;
        return 16;
    case GDBSTUB_X86_64_MXCSR:
        *size = 4;
        return 24;
    default:
        *size = 0;
        return 0;
    }
}

static int read_reg(void *ctx, int64_t tid, uint32_t n, uint8_t *buf, size_t size)
{
    (void)ctx;
    if (!kgdb_thread_exists(tid))
        return GDBSTUB_E_NOTHREAD;
    struct task *t = kgdb_task(tid);
    struct trap_frame *f = kgdb_frame(tid);
    uint64_t v = 0;
    size_t fsize;

    memset(buf, 0, size);
    if (gpr(f, n)) {
        v = *gpr(f, n);
    } else if (n == GDBSTUB_X86_64_EFLAGS) {
        v = f->rflags;
    } else if (n == GDBSTUB_X86_64_CS) {
        v = f->cs;
    } else if (n == GDBSTUB_X86_64_SS) {
        v = f->ss;
    } else if (n <= GDBSTUB_X86_64_GS) {
        v = 0; /* ds, es, fs, gs: unused in 64-bit mode, null selectors */
    } else if (n == GDBSTUB_X86_64_FS_BASE) {
        v = t ? t->fs_base : rdmsr(MSR_FS_BASE);
    } else if (n == GDBSTUB_X86_64_GS_BASE) {
        v = t ? t->gs_base : rdmsr(MSR_GS_BASE);
    } else if (n == GDBSTUB_X86_64_FTAG) {
        if (!t)
            return GDBSTUB_E_UNAVAIL;
        /* The FXSAVE tag is abridged, one bit per register: 1 = in use.
         * gdb wants the full word: empty (11) or valid (00). */
        uint8_t abridged = t->fpu[4];
        for (int i = 0; i < 8; i++)
            v |= (abridged >> i & 1) ? 0 : 3ull << (2 * i);
    } else if (fx_offset(n, &fsize), fsize) {
        if (!t)
            return GDBSTUB_E_UNAVAIL; /* the kernel keeps no FPU state */
        memcpy(buf, &t->fpu[fx_offset(n, &fsize)], MIN(fsize, size));
        return GDBSTUB_OK;
    }
    memcpy(buf, &v, MIN(size, sizeof(v)));
    return GDBSTUB_OK;
}

static int write_reg(void *ctx, int64_t tid, uint32_t n, const uint8_t *buf, size_t size)
{
    (void)ctx;
    if (!kgdb_thread_exists(tid))
        return GDBSTUB_E_NOTHREAD;
    struct task *t = kgdb_task(tid);
    struct trap_frame *f = kgdb_frame(tid);
    uint64_t v = 0;
    size_t fsize, off;

    memcpy(&v, buf, MIN(size, sizeof(v)));
    if (n == GDBSTUB_X86_64_RIP || n == GDBSTUB_X86_64_RSP) {
        if (t && v > HL_USER_TOP - (n == GDBSTUB_X86_64_RIP))
            return GDBSTUB_E_INVAL; /* iretq to a non-user address would fault in the kernel */
        *gpr(f, n) = v;
    } else if (gpr(f, n)) {
        *gpr(f, n) = v;
    } else if (n == GDBSTUB_X86_64_EFLAGS) {
        if (t && (v & RFLAGS_PRIV))
            return GDBSTUB_E_INVAL;
        f->rflags = (f->rflags & ~0xffffffffull) | (uint32_t)v | RFLAGS_IF | 0x2;
    } else if (t && (n == GDBSTUB_X86_64_FS_BASE || n == GDBSTUB_X86_64_GS_BASE)) {
        if (v >= HL_USER_TOP)
            return GDBSTUB_E_INVAL;
        *(n == GDBSTUB_X86_64_FS_BASE ? &t->fs_base : &t->gs_base) = v;
        this_cpu()->loaded = NULL;
    } else if (t && (off = fx_offset(n, &fsize), fsize)) {
        memcpy(&t->fpu[off], buf, MIN(fsize, size));
    } else {
        return GDBSTUB_E_NOTSUP;
    }
    return GDBSTUB_OK;
}

static int read_mem(void *ctx, int64_t tid, uint64_t addr, uint8_t *buf, size_t len, size_t *done)
{
    (void)ctx;
    if (!kgdb_thread_exists(tid))
        return GDBSTUB_E_NOTHREAD;
    return kgdb_mem_read(tid, addr, buf, len, done);
}

static int write_mem(void *ctx, int64_t tid, uint64_t addr, const uint8_t *buf, size_t len,
                     size_t *done)
{
    (void)ctx;
    if (!kgdb_thread_exists(tid))
        return GDBSTUB_E_NOTHREAD;
    return kgdb_mem_write(tid, addr, buf, len, done);
}

static int insert_bp(void *ctx, enum gdbstub_bp_type type, uint64_t addr, uint64_t kind)
{
    (void)ctx;
    return kgdb_bp_insert(type, addr, kind);
}

static int remove_bp(void *ctx, enum gdbstub_bp_type type, uint64_t addr, uint64_t kind)
{
    (void)ctx;
    return kgdb_bp_remove(type, addr, kind);
}

/* Only a step matters to us: everything runs on when the stub returns.
 * The leftmost matching action wins (vCont), "all" means the stopped one. */
static int resume(void *ctx, const struct gdbstub_resume_action *acts, size_t n,
                  struct gdbstub_stop *stop)
{
    (void)ctx;
    (void)stop;
    for (size_t i = 0; i < n; i++) {
        if (acts[i].kind != GDBSTUB_RESUME_STEP)
            continue;
        int64_t tid = acts[i].tid;
        if (!kgdb_thread_exists(tid))
            return GDBSTUB_E_NOTHREAD;
        struct task *t = tid == KGDB_TID_KERNEL ? NULL : kgdb_task(tid);
        if (t) {
            t->frame.rflags |= RFLAGS_TF;
            kgdb.step_task = t;
        } else if (!kgdb.stop_task) {
            kgdb.frame->rflags |= RFLAGS_TF;
            kgdb.step_kernel = true;
        }
        break;
    }
    kgdb.resume = true;
    return 0;
}

static int thread_at(void *ctx, size_t index, int64_t *tid)
{
    (void)ctx;
    if (index == 0) {
        *tid = KGDB_TID_KERNEL;
        return GDBSTUB_OK;
    }
    for (struct task *t = task_list_first(); t; t = t->all_next) {
        if (--index == 0) {
            *tid = kgdb_tid(t);
            return GDBSTUB_OK;
        }
    }
    return GDBSTUB_E_NOTHREAD;
}

static int thread_alive(void *ctx, int64_t tid)
{
    (void)ctx;
    return tid > 0 && kgdb_thread_exists(tid) ? GDBSTUB_OK : GDBSTUB_E_NOTHREAD;
}

static int current_thread(void *ctx, int64_t *tid)
{
    (void)ctx;
    *tid = kgdb.stop_task ? kgdb_tid(kgdb.stop_task) : KGDB_TID_KERNEL;
    return GDBSTUB_OK;
}

static int extra_info(void *ctx, int64_t tid, char *buf, size_t size, size_t *len)
{
    (void)ctx;
    struct task *t = kgdb_task(tid);
    int n;

    if (!kgdb_thread_exists(tid))
        return GDBSTUB_E_NOTHREAD;
    if (tid == KGDB_TID_KERNEL || !t)
        n = ksnprintf(buf, size, "kernel, CPU 0%s", kgdb.stop_task ? "" : " (stopped here)");
    else {
        /*
         * A task has no kernel stack of its own (one per CPU, as in seL4), so
         * a blocked task's kernel part is what it waits on in the kernel.
         */
        char wait[48];
        kgdb_waits_on(t, wait, sizeof(wait));
        n = ksnprintf(buf, size, "%s, %s, priority %u%s%s", t->name, kgdb_state_name(t->state),
                      t->priority, wait[0] ? ", in kernel: " : "", wait);
    }
    *len = MIN((size_t)n, size);
    return GDBSTUB_OK;
}

/* The kernel keeps running after a detach; "kill" does the same, since
 * killing the kernel would only leave a machine nobody can use. */
static int detach(void *ctx)
{
    (void)ctx;
    kgdb_bp_clear_all(); /* gdb removes its own first; a dropped link does not */
    kgdb.resume = true;
    return GDBSTUB_OK;
}

const struct gdbstub_target_ops kgdb_ops = {
    .read_reg = read_reg,
    .write_reg = write_reg,
    .read_mem = read_mem,
    .write_mem = write_mem,
    .insert_bp = insert_bp,
    .remove_bp = remove_bp,
    .resume = resume,
    .thread_at = thread_at,
    .thread_alive = thread_alive,
    .current_thread = current_thread,
    .thread_extra_info = extra_info,
    .monitor = kgdb_monitor,
    .read_osdata = kgdb_osdata,
    .detach = detach,
    .kill = detach,
};

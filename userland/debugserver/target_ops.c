/*
 * gdbstub's target operations for one task, through its Task capability
 * only: registers with debug read/write regs (gdb's x86_64 numbering,
 * gdbstub/x86_64.h, mapped onto struct hl_debug_regs and its FXSAVE
 * image), memory with debug read/write mem in pieces of at most
 * HL_DEBUG_MEM_MAX, software breakpoints as int3 written into the text,
 * hardware breakpoints and watchpoints with the debug registers, and
 * resume/step with debug resume and step. The target is thread 1.
 */
#include <string.h>
#include <gdbstub/x86_64.h>
#include "debugserver.h"

#define INT3 0xcc

int ds_fetch_regs(struct ds *ds)
{
    if (ds->regs_valid)
        return E_OK;
    int err = hl_debug_read_regs(ds->task, &ds->regs);
    ds->regs_valid = err == E_OK;
    return err;
}

static uint64_t *gpr(struct hl_debug_regs *r, uint32_t n)
{
    /* gdb's order rax, rbx, rcx, rdx, rsi, rdi, rbp, rsp, r8-r15, rip is
     * the order of the structure's fields. */
    return n <= GDBSTUB_X86_64_RIP ? &r->rax + n : NULL;
}

/* Where register n lives in the FXSAVE image (SDM Vol. 1 10.5.1) and its
 * size there; size 0 if it has no place there. */
static size_t fx_place(uint32_t n, size_t *size)
{
    if (n >= GDBSTUB_X86_64_ST0 && n < GDBSTUB_X86_64_FCTRL)
        return *size = 10, HL_FX_ST(n - GDBSTUB_X86_64_ST0);
    if (n >= GDBSTUB_X86_64_XMM0 && n < GDBSTUB_X86_64_MXCSR)
        return *size = 16, HL_FX_XMM(n - GDBSTUB_X86_64_XMM0);
    switch (n) {
    case GDBSTUB_X86_64_FCTRL:
        return *size = 2, HL_FX_FCW;
    case GDBSTUB_X86_64_FSTAT:
        return *size = 2, HL_FX_FSW;
    case GDBSTUB_X86_64_FOP:
        return *size = 2, HL_FX_FOP;
    case GDBSTUB_X86_64_FIOFF:
        return *size = 4, HL_FX_FIP;
    case GDBSTUB_X86_64_FOOFF:
        return *size = 4, HL_FX_FDP;
    case GDBSTUB_X86_64_MXCSR:
        return *size = 4, HL_FX_MXCSR;
    default:
        return *size = 0, 0;
    }
}

static int to_gdb_error(int err)
{
    switch (err) {
    case E_OK:
        return GDBSTUB_OK;
    case E_INVALID_ARG:
    case E_ALIGN:
        return GDBSTUB_E_INVAL;
    case E_NOT_MAPPED:
    case E_RANGE:
    case E_FAULT:
        return GDBSTUB_E_FAULT;
    case E_STATE:
        return GDBSTUB_E_BUSY;
    default:
        return GDBSTUB_E_IO;
    }
}

static int read_reg(void *ctx, int64_t tid, uint32_t n, uint8_t *buf, size_t size)
{
    struct ds *ds = ctx;
    struct hl_debug_regs *r = &ds->regs;
    uint64_t v = 0;
    size_t fsize, off;

    if (tid > DS_TID)
        return GDBSTUB_E_NOTHREAD;
    if (ds->exited || ds_fetch_regs(ds))
        return GDBSTUB_E_UNAVAIL;
    memset(buf, 0, size);
    if (gpr(r, n)) {
        v = *gpr(r, n);
    } else if (n == GDBSTUB_X86_64_EFLAGS) {
        v = r->rflags;
    } else if (n == GDBSTUB_X86_64_CS) {
        v = r->cs;
    } else if (n == GDBSTUB_X86_64_SS) {
        v = r->ss;
    } else if (n <= GDBSTUB_X86_64_GS) {
        v = 0; /* ds, es, fs, gs: null selectors in 64-bit mode */
    } else if (n == GDBSTUB_X86_64_FS_BASE) {
        v = r->fs_base;
    } else if (n == GDBSTUB_X86_64_GS_BASE) {
        v = r->gs_base;
    } else if (n == GDBSTUB_X86_64_FTAG) {
        /* FXSAVE keeps the abridged tag, one bit per register (1 = valid);
         * gdb wants two bits per register, 11 = empty. */
        for (int i = 0; i < 8; i++)
            v |= (r->fxsave[HL_FX_FTW] >> i & 1) ? 0 : 3ull << (2 * i);
    } else if ((off = fx_place(n, &fsize)), fsize) {
        memcpy(buf, &r->fxsave[off], fsize < size ? fsize : size);
        return GDBSTUB_OK;
    }
    memcpy(buf, &v, size < sizeof(v) ? size : sizeof(v));
    return GDBSTUB_OK;
}

static int write_reg(void *ctx, int64_t tid, uint32_t n, const uint8_t *buf, size_t size)
{
    struct ds *ds = ctx;
    struct hl_debug_regs r;
    uint64_t v = 0;
    size_t fsize, off;
    int err;

    if (tid > DS_TID)
        return GDBSTUB_E_NOTHREAD;
    if (ds->exited || ds_fetch_regs(ds))
        return GDBSTUB_E_BUSY;
    r = ds->regs;
    memcpy(&v, buf, size < sizeof(v) ? size : sizeof(v));
    if (gpr(&r, n))
        *gpr(&r, n) = v;
    else if (n == GDBSTUB_X86_64_EFLAGS)
        r.rflags = (uint32_t)v;
    else if (n == GDBSTUB_X86_64_FS_BASE)
        r.fs_base = v;
    else if (n == GDBSTUB_X86_64_GS_BASE)
        r.gs_base = v;
    else if ((off = fx_place(n, &fsize)), fsize)
        memcpy(&r.fxsave[off], buf, fsize < size ? fsize : size);
    else if (n <= GDBSTUB_X86_64_GS)
        return GDBSTUB_OK; /* selectors are the kernel's: ignored */
    else
        return GDBSTUB_E_NOTSUP;
    if ((err = hl_debug_write_regs(ds->task, &r)))
        return to_gdb_error(err);
    ds->regs = r;
    return GDBSTUB_OK;
}

/* Reads or writes in pieces the kernel accepts; *done counts what got
 * through, also when a hole ends it. */
static int mem_op(struct ds *ds, bool write, uint64_t addr, uint8_t *buf, size_t len, size_t *done)
{
    *done = 0;
    while (*done < len) {
        size_t n = len - *done < HL_DEBUG_MEM_MAX ? len - *done : HL_DEBUG_MEM_MAX, got = 0;
        int err = write ? hl_debug_write_mem(ds->task, addr + *done, buf + *done, n, &got)
                        : hl_debug_read_mem(ds->task, addr + *done, buf + *done, n, &got);
        *done += got;
        if (err)
            return to_gdb_error(err);
    }
    return GDBSTUB_OK;
}

struct ds_sw_bp *ds_sw_bp_at(struct ds *ds, uint64_t addr)
{
    for (int i = 0; i < DS_MAX_SW_BPS; i++)
        if (ds->sw[i].used && ds->sw[i].addr == addr)
            return &ds->sw[i];
    return NULL;
}

static int read_mem(void *ctx, int64_t tid, uint64_t addr, uint8_t *buf, size_t len, size_t *done)
{
    struct ds *ds = ctx;
    int err;

    if (tid > DS_TID)
        return GDBSTUB_E_NOTHREAD;
    err = mem_op(ds, false, addr, buf, len, done);
    /* gdb sees the program as it is, without our int3s. */
    for (int i = 0; i < DS_MAX_SW_BPS; i++) {
        const struct ds_sw_bp *b = &ds->sw[i];
        if (b->used && b->addr >= addr && b->addr - addr < *done)
            buf[b->addr - addr] = b->orig;
    }
    return err;
}

static int write_mem(void *ctx, int64_t tid, uint64_t addr, const uint8_t *buf, size_t len,
                     size_t *done)
{
    struct ds *ds = ctx;

    if (tid > DS_TID)
        return GDBSTUB_E_NOTHREAD;
    return mem_op(ds, true, addr, (uint8_t *)buf, len, done);
}

static int sw_insert(struct ds *ds, uint64_t addr)
{
    struct ds_sw_bp *free = NULL;
    uint8_t orig, int3 = INT3;
    size_t done;
    int err;

    if (ds_sw_bp_at(ds, addr))
        return GDBSTUB_OK;
    for (int i = 0; i < DS_MAX_SW_BPS && !free; i++)
        if (!ds->sw[i].used)
            free = &ds->sw[i];
    if (!free)
        return GDBSTUB_E_NOSPC;
    if ((err = hl_debug_read_mem(ds->task, addr, &orig, 1, &done)) ||
        (err = hl_debug_write_mem(ds->task, addr, &int3, 1, &done)))
        return to_gdb_error(err);
    *free = (struct ds_sw_bp){.addr = addr, .orig = orig, .used = true};
    return GDBSTUB_OK;
}

static int sw_remove(struct ds *ds, uint64_t addr)
{
    struct ds_sw_bp *b = ds_sw_bp_at(ds, addr);
    size_t done;
    int err;

    if (!b)
        return GDBSTUB_E_INVAL;
    if ((err = hl_debug_write_mem(ds->task, addr, &b->orig, 1, &done)))
        return to_gdb_error(err);
    b->used = false;
    return GDBSTUB_OK;
}

/* Z1-Z4 on the debug registers. x86 cannot watch reads alone (Z3). */
static int hw_insert(struct ds *ds, enum gdbstub_bp_type type, uint64_t addr, uint64_t len)
{
    unsigned kind = type == GDBSTUB_BP_HARDWARE   ? HL_DEBUG_BP_EXEC
                    : type == GDBSTUB_WATCH_WRITE ? HL_DEBUG_BP_WRITE
                                                  : HL_DEBUG_BP_ACCESS;
    int err;

    if (type == GDBSTUB_WATCH_READ)
        return GDBSTUB_E_NOTSUP;
    if (type == GDBSTUB_BP_HARDWARE)
        len = 1;
    for (unsigned s = 0; s < DS_HW_SLOTS; s++) {
        if (ds->hw[s].used)
            continue;
        if ((err = hl_debug_set_breakpoint(ds->task, s, addr, kind, (unsigned)len)))
            return to_gdb_error(err);
        ds->hw[s] =
            (struct ds_hw_bp){.addr = addr, .type = type, .len = (unsigned)len, .used = true};
        return GDBSTUB_OK;
    }
    return GDBSTUB_E_NOSPC;
}

static int hw_remove(struct ds *ds, enum gdbstub_bp_type type, uint64_t addr)
{
    for (unsigned s = 0; s < DS_HW_SLOTS; s++) {
        if (ds->hw[s].used && ds->hw[s].addr == addr && ds->hw[s].type == type) {
            int err = hl_debug_clear_breakpoint(ds->task, s);
            if (err)
                return to_gdb_error(err);
            ds->hw[s].used = false;
            return GDBSTUB_OK;
        }
    }
    return GDBSTUB_E_INVAL;
}

static int insert_bp(void *ctx, enum gdbstub_bp_type type, uint64_t addr, uint64_t kind)
{
    struct ds *ds = ctx;

    if (ds->exited)
        return GDBSTUB_E_BUSY;
    return type == GDBSTUB_BP_SOFTWARE ? sw_insert(ds, addr) : hw_insert(ds, type, addr, kind);
}

static int remove_bp(void *ctx, enum gdbstub_bp_type type, uint64_t addr, uint64_t kind)
{
    struct ds *ds = ctx;

    (void)kind;
    if (ds->exited)
        return GDBSTUB_OK;
    return type == GDBSTUB_BP_SOFTWARE ? sw_remove(ds, addr) : hw_remove(ds, type, addr);
}

/* Runs the instruction under one of our int3s with the int3 taken out
 * for that one step, then puts it back. */
static int step_over(struct ds *ds, struct ds_sw_bp *b, unsigned flags, struct hl_debug_event *ev)
{
    uint8_t int3 = INT3;
    size_t done;
    int err, put_back;

    if ((err = hl_debug_write_mem(ds->task, b->addr, &b->orig, 1, &done)))
        return err;
    if (!(err = hl_debug_step(ds->task, flags)))
        err = ds_wait_event(ds, ev);
    put_back = hl_debug_write_mem(ds->task, b->addr, &int3, 1, &done);
    ds->regs_valid = false;
    return err ? err : put_back;
}

int ds_run(struct ds *ds, bool step, bool pass_fault)
{
    unsigned flags = pass_fault ? HL_DEBUG_RESUME_PASS_FAULT : 0;
    struct ds_sw_bp *b;
    int err;

    if ((err = ds_fetch_regs(ds)))
        return err;
    if ((b = ds_sw_bp_at(ds, ds->regs.rip))) {
        if ((err = step_over(ds, b, flags, &ds->pending)))
            return err;
        /* A step ends there; so does a continue that stopped for
         * something else. The loop reports the event. */
        if (step || ds->pending.label != HL_LABEL_DEBUG_STEP) {
            ds->has_pending = true;
            return E_OK;
        }
        flags = 0;
    }
    ds->regs_valid = false;
    return step ? hl_debug_step(ds->task, flags) : hl_debug_resume(ds->task, flags);
}

static int resume(void *ctx, const struct gdbstub_resume_action *acts, size_t n,
                  struct gdbstub_stop *stop)
{
    struct ds *ds = ctx;
    const struct gdbstub_resume_action *act = NULL;
    int err;

    (void)stop;
    /* The leftmost action for our thread (or for all) wins. */
    for (size_t i = 0; i < n && !act; i++)
        if (acts[i].tid == DS_TID || acts[i].tid == GDBSTUB_TID_ALL ||
            acts[i].tid == GDBSTUB_TID_ANY)
            act = &acts[i];
    if (!act)
        return GDBSTUB_E_INVAL;
    if (ds->exited)
        return GDBSTUB_E_BUSY;
    err = ds_run(ds, act->kind == GDBSTUB_RESUME_STEP, act->signal != 0 && ds->fault_pending);
    ds->fault_pending = false;
    if (err)
        return to_gdb_error(err);
    ds->running = true;
    return GDBSTUB_OK;
}

static int thread_at(void *ctx, size_t index, int64_t *tid)
{
    (void)ctx;
    if (index > 0)
        return GDBSTUB_E_NOTHREAD;
    *tid = DS_TID;
    return GDBSTUB_OK;
}

static int thread_alive(void *ctx, int64_t tid)
{
    struct ds *ds = ctx;

    return tid == DS_TID && !ds->exited ? GDBSTUB_OK : GDBSTUB_E_NOTHREAD;
}

static int current_thread(void *ctx, int64_t *tid)
{
    (void)ctx;
    *tid = DS_TID;
    return GDBSTUB_OK;
}

static int thread_extra_info(void *ctx, int64_t tid, char *buf, size_t size, size_t *len)
{
    static const char text[] = "dbgtarget, debugged through its Task capability";
    size_t n = sizeof(text) - 1 < size ? sizeof(text) - 1 : size;

    (void)ctx;
    if (tid != DS_TID)
        return GDBSTUB_E_NOTHREAD;
    memcpy(buf, text, n);
    *len = n;
    return GDBSTUB_OK;
}

/* Detach and kill: take every breakpoint out and let the task run on
 * (kill: leave it suspended; it has nothing else to answer to). */
static void clear_all(struct ds *ds)
{
    for (int i = 0; i < DS_MAX_SW_BPS; i++)
        if (ds->sw[i].used)
            sw_remove(ds, ds->sw[i].addr);
    for (unsigned s = 0; s < DS_HW_SLOTS; s++)
        if (ds->hw[s].used) {
            hl_debug_clear_breakpoint(ds->task, s);
            ds->hw[s].used = false;
        }
}

static int detach(void *ctx)
{
    struct ds *ds = ctx;

    if (!ds->exited) {
        clear_all(ds);
        ds_run(ds, false, false);
        ds->running = true;
    }
    return GDBSTUB_OK;
}

static int kill(void *ctx)
{
    struct ds *ds = ctx;

    if (!ds->exited) {
        clear_all(ds);
        hl_debug_suspend(ds->task);
    }
    return GDBSTUB_OK;
}

const struct gdbstub_target_ops ds_target_ops = {
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
    .thread_extra_info = thread_extra_info,
    .detach = detach,
    .kill = kill,
};

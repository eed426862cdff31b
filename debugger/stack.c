/*
 * stack.c: the session's stack frames.
 *
 * Each step from a frame to its caller uses dwarf/'s CFI unwinder over the
 * program's .eh_frame (System V x86_64 psABI 3.7: every function has an
 * FDE, frame pointer or not) and falls back to the frame-pointer chain
 * (unwind.c) for code the loaded tables do not cover. Like gdb, the walk
 * ends at main.
 *
 * Each frame found so is shown as the calls inlined at its pc (innermost
 * first), then the function itself, as gdb does; at a stop where inlined
 * code is just entered, gdb shows the call, not yet the inlined function.
 * Between a frame the CFI unwound and its caller come the functions that
 * must have tail-called on the way (tailcall.c), as gdb shows them.
 */
#include <string.h>

#include <dwarf/cfi.h>
#include <hdb/error.h>
#include <hdb/session.h>
#include <hdb/unwind.h>
#include <hdb/value.h>

#include "tailcall.h"

/* DWARF register numbers of x86_64 (psABI Figure 3.36) in hdb's numbering. */
static const int dwarf_to_hdb[17] = {
    HDB_REG_RAX, HDB_REG_RDX, HDB_REG_RCX, HDB_REG_RBX, HDB_REG_RSI, HDB_REG_RDI,
    HDB_REG_RBP, HDB_REG_RSP, HDB_REG_R8,  HDB_REG_R9,  HDB_REG_R10, HDB_REG_R11,
    HDB_REG_R12, HDB_REG_R13, HDB_REG_R14, HDB_REG_R15, HDB_REG_RIP,
};
#define DW_RBP 6
#define DW_RSP 7
#define DW_RA 16

static void *cfi_alloc(void *ctx, size_t size)
{
    return hdb_alloc(ctx, size);
}

static void cfi_free(void *ctx, void *ptr, size_t size)
{
    hdb_free(ctx, ptr, size);
}

void hdb_session_cfi_setup(struct hdb_session *s)
{
    hdb_session_cfi_drop(s);
    const struct hdb_image *img = s->img;
    if (!img || !img->eh_frame.data)
        return;
    /* At the runtime address, pc-relative pointers decode to runtime pcs. */
    if (dwarf_cfi_init(&s->cfi, img->eh_frame.data, img->eh_frame.size,
                       hdb_session_to_runtime(s, img->eh_frame.addr), true) < 0)
        return;
    if (img->eh_frame_hdr.data)
        dwarf_cfi_set_hdr(&s->cfi, img->eh_frame_hdr.data, img->eh_frame_hdr.size,
                          hdb_session_to_runtime(s, img->eh_frame_hdr.addr));
    s->have_cfi = true;
    struct dwarf_allocator a = {cfi_alloc, cfi_free, (void *)s->plat};
    s->have_cfi_index = dwarf_cfi_index_build(&s->cfi, &a, &s->cfi_index) == 0;
}

void hdb_session_cfi_drop(struct hdb_session *s)
{
    if (s->have_cfi_index)
        dwarf_cfi_index_free(&s->cfi_index);
    s->have_cfi = s->have_cfi_index = false;
}

/* ---- what the unwinders read ------------------------------------------- */

struct walk {
    struct hdb_session *s;
    const struct hdb_regs *regs;
};

static int read_reg(void *ctx, unsigned reg, uint64_t *value)
{
    const struct walk *w = ctx;
    if (reg > DW_RA || !hdb_regs_has(w->regs, dwarf_to_hdb[reg]))
        return DWARF_E_UNAVAILABLE;
    *value = w->regs->v[dwarf_to_hdb[reg]];
    return 0;
}

static int read_mem(void *ctx, uint64_t addr, void *buf, uint64_t len)
{
    const struct walk *w = ctx;
    return hdb_session_read(w->s, addr, buf, (size_t)len) == (int)len ? 0 : DWARF_E_UNAVAILABLE;
}

static int fp_read(void *ctx, uint64_t addr, void *buf, size_t len)
{
    return hdb_session_read(ctx, addr, buf, len);
}

static uint64_t fp_func_start(void *ctx, uint64_t pc)
{
    uint64_t start = 0;
    return hdb_session_func_at(ctx, pc, &start) ? start : 0;
}

static bool is_main(void *ctx, uint64_t pc)
{
    const char *name = hdb_session_func_at(ctx, pc, NULL);
    return name && strcmp(name, "main") == 0;
}

/* The calls inlined where frame f is, outermost first, from the DWARF of the file holding it. */
static int inline_calls(struct hdb_session *s, const struct hdb_frame *f,
                        struct hdb_inline_call *calls)
{
    uint64_t look = f->exact_pc ? f->pc : f->pc - 1;
    int prev = hdb_session_enter_pc(s, look);
    uint64_t link = hdb_session_to_link(s, look);
    const struct hdb_dfunc *fn = s->img ? hdb_dinfo_func_at(&s->dinfo, link) : NULL;
    const uint8_t *info = s->dw.sec[DWARF_SEC_INFO].data;
    bool none = !fn;
    for (int i = 0; i < s->nno_inline && !none; i++)
        none = s->no_inline[i].info == info && s->no_inline[i].die == fn->die;
    int k = none ? 0 : hdb_inline_calls(&s->dw, fn->unit, fn->die, link, calls, HDB_MAX_INLINE);
    /* A function with no inlined call at all is remembered (one without here may elsewhere). */
    if (!none && k == 0 && !hdb_inline_any(&s->dw, fn->unit, fn->die)) {
        int slot = s->nno_inline < 16 ? s->nno_inline++ : (int)(fn->die % 16);
        s->no_inline[slot].info = info;
        s->no_inline[slot].die = fn->die;
    }
    hdb_session_activate_module(s, prev);
    return k < 0 ? 0 : k;
}

/* Appends frame f as its frames: the calls inlined at its pc, innermost first, then itself. */
static int add_frames(struct hdb_session *s, struct hdb_frame *frames, int n, int max,
                      const struct hdb_frame *f)
{
    struct hdb_inline_call calls[HDB_MAX_INLINE];
    int k = inline_calls(s, f, calls);
    while (f->exact_pc && k > 0 && calls[k - 1].entered_here)
        k--;
    for (int i = k; i >= 0 && n < max; i--) {
        frames[n] = *f;
        frames[n].scope_die = i > 0 ? calls[i - 1].die : 0;
        if (i < k) {
            frames[n].call_file = calls[i].call_file;
            frames[n].call_line = calls[i].call_line;
        }
        n++;
    }
    return n;
}

/*
 * Appends the frames of the functions that tail-called between frame f
 * and its caller, whose registers df holds: theirs too, as gdb shows
 * them (the stack pointer as well, though the jumps were made one word
 * lower). Each is named by the inlined call its jump is in, if any.
 * *last: one is main, where the walk ends.
 */
static int add_tail_frames(struct hdb_session *s, struct hdb_frame *frames, int n, int max,
                           const struct hdb_frame *f, const struct dwarf_frame *df, bool *last)
{
    uint64_t entry = 0, pcs[HDB_TAILCALL_MAX];
    if (!hdb_session_func_at(s, f->exact_pc ? f->pc : f->pc - 1, &entry) || !entry)
        return n;
    int k = hdb_tailcall_chain(s, df->pc, entry, pcs);
    for (int i = 0; i < k && n < max && !*last; i++) {
        struct hdb_frame t = {.pc = pcs[i], .cfa = f->cfa, .sp = f->cfa, .tailcall = true};
        for (unsigned r = 0; r < DW_RA; r++) {
            if ((df->valid >> r) & 1) {
                t.dwreg[r] = df->reg[r];
                t.dwvalid |= 1u << r;
            }
        }
        t.fp = (t.dwvalid >> DW_RBP) & 1 ? t.dwreg[DW_RBP] : 0;
        t.dwreg[DW_RSP] = t.sp;
        t.dwreg[DW_RA] = t.pc;
        t.dwvalid |= 1u << DW_RSP | 1u << DW_RA;
        struct hdb_inline_call calls[HDB_MAX_INLINE];
        int c = inline_calls(s, &t, calls);
        t.scope_die = c > 0 ? calls[c - 1].die : 0;
        frames[n++] = t;
        *last = is_main(s, t.pc - 1);
    }
    return n;
}

int hdb_frame_return_to(const struct hdb_frame *frames, int n, int level)
{
    int up = level + 1;
    while (up < n && !frames[up].tailcall && frames[up].pc == frames[level].pc &&
           frames[up].cfa == frames[level].cfa)
        up++;
    while (up < n && frames[up].tailcall)
        up++;
    return up;
}

int hdb_session_backtrace(struct hdb_session *s, struct hdb_frame *frames, int max)
{
    struct hdb_regs regs;
    if (!s->pid)
        return HDB_E_NO_PROCESS;
    if (max <= 0)
        return 0;
    int rc = s->target->ops->read_regs(s->target, s->cur_tid, &regs);
    if (rc < 0)
        return rc;
    struct walk w = {s, &regs};
    struct hdb_regs dummy_regs;
    struct dwarf_unwind_ops ops = {read_reg, read_mem, &w};
    struct hdb_unwind_env env = {fp_read, fp_func_start, s};
    struct dwarf_frame df;
    if (dwarf_unwind_begin(&ops, &df) < 0)
        return HDB_E_IO;
    struct hdb_frame f = {.pc = regs.v[HDB_REG_RIP],
                          .sp = regs.v[HDB_REG_RSP],
                          .fp = regs.v[HDB_REG_RBP],
                          .exact_pc = true};
    int n = 0;
    for (;;) {
        for (unsigned r = 0; r <= DW_RA; r++) {
            if ((df.valid >> r) & 1) {
                f.dwreg[r] = df.reg[r];
                f.dwvalid |= 1u << r;
            }
        }
        /* The program's tables first, then each library's. */
        struct dwarf_cfi cfis[1 + HDB_MAX_MODULES];
        const struct dwarf_cfi_index *idx[1 + HDB_MAX_MODULES];
        unsigned ncfi = 0;
        if (s->have_cfi) {
            cfis[ncfi] = s->cfi;
            idx[ncfi++] = s->have_cfi_index ? &s->cfi_index : NULL;
        }
        for (int m = 0; m < s->nmods; m++) {
            if (s->mods[m].have_cfi) {
                cfis[ncfi] = s->mods[m].cfi;
                idx[ncfi++] = s->mods[m].have_cfi_index ? &s->mods[m].cfi_index : NULL;
            }
        }
        struct hdb_frame caller = {0};
        bool ok = false, by_cfi = false;
        uint64_t callee_valid = df.valid, callee_reg[DW_RA + 1];
        memcpy(callee_reg, df.reg, sizeof(callee_reg));
        if (ncfi && dwarf_unwind_step(cfis, idx, ncfi, &ops, &df) == 1) {
            /*
             * A register without a rule keeps the callee's value. The psABI
             * (3.2.1) promises that only for rbx, rbp and r12-r15; gdb assumes
             * it for every register, so a caller's argument still in rsi shows
             * as gdb shows it rather than as <optimized out>.
             */
            for (unsigned r = 0; r < DW_RA; r++) {
                if (r != DW_RSP && !((df.valid >> r) & 1) && ((callee_valid >> r) & 1)) {
                    df.reg[r] = callee_reg[r];
                    df.valid |= 1ull << r;
                }
            }
            caller.pc = df.pc;
            caller.sp = df.cfa;
            caller.fp = (df.valid >> DW_RBP) & 1 ? df.reg[DW_RBP] : 0;
            ok = by_cfi = df.pc != 0;
        } else if (hdb_unwind_fp_step(&env, &f, f.exact_pc, &caller)) {
            /* Carry on from what the frame chain recovered; other registers are unknown. */
            memset(&df, 0, sizeof(df));
            df.pc = df.reg[DW_RA] = caller.pc;
            df.reg[DW_RSP] = caller.sp;
            df.reg[DW_RBP] = caller.fp;
            df.valid = 1ull << DW_RA | 1ull << DW_RSP | 1ull << DW_RBP;
            ok = true;
        }
        f.cfa = ok ? caller.sp : 0;
        n = add_frames(s, frames, n, max, &f);
        bool last = is_main(s, f.exact_pc ? f.pc : f.pc - 1);
        /* The stack grows down: a caller's frame must lie above its callee's. */
        if (!ok || last || n >= max || caller.sp <= f.sp)
            break;
        if (by_cfi)
            n = add_tail_frames(s, frames, n, max, &f, &df, &last);
        if (last || n >= max)
            break;
        if (hdb_call_dummy_regs(s, s->cur_tid, caller.pc, caller.sp, &dummy_regs)) {
            /*
             * A function the debugger called returns here: gdb's dummy
             * frame, then the frame the call was made in, unwound from the
             * registers it had then.
             */
            frames[n++] = (struct hdb_frame){.pc = caller.pc, .sp = caller.sp, .dummy = true};
            if (n >= max)
                break;
            w.regs = &dummy_regs;
            if (dwarf_unwind_begin(&ops, &df) < 0)
                break;
            f = (struct hdb_frame){.pc = dummy_regs.v[HDB_REG_RIP],
                                   .sp = dummy_regs.v[HDB_REG_RSP],
                                   .fp = dummy_regs.v[HDB_REG_RBP],
                                   .exact_pc = true};
            continue;
        }
        f = caller;
    }
    return n;
}

int hdb_session_caller_frame(struct hdb_session *s, const struct hdb_frame *f,
                             struct hdb_frame *caller)
{
    struct hdb_frame frames[HDB_MAX_FRAMES];
    int n = hdb_session_backtrace(s, frames, HDB_MAX_FRAMES), i = 0;
    if (n < 0)
        return n;
    while (i < n &&
           (frames[i].pc != f->pc || frames[i].cfa != f->cfa || frames[i].tailcall != f->tailcall))
        i++;
    /* Past the frames of calls inlined there: they share its registers and its caller. */
    while (i < n && frames[i].pc == f->pc && frames[i].cfa == f->cfa &&
           frames[i].tailcall == f->tailcall)
        i++;
    if (i >= n)
        return HDB_E_NO_FRAME;
    *caller = frames[i];
    return 0;
}

int hdb_session_selected_frame(struct hdb_session *s, struct hdb_frame *frame)
{
    struct hdb_frame frames[HDB_MAX_FRAMES];
    if (!s->pid)
        return HDB_E_NO_PROCESS;
    int want = s->frame + 1 < HDB_MAX_FRAMES ? s->frame + 1 : HDB_MAX_FRAMES;
    int n = hdb_session_backtrace(s, frames, want);
    if (n < 0)
        return n;
    if (n <= s->frame)
        return HDB_E_NO_FRAME;
    *frame = frames[s->frame];
    return 0;
}

int hdb_session_pop_frame(struct hdb_session *s, int level)
{
    struct hdb_frame frames[HDB_MAX_FRAMES];
    int n = hdb_session_backtrace(s, frames, HDB_MAX_FRAMES);
    if (n < 0)
        return n;
    int up = hdb_frame_return_to(frames, n, level);
    if (level < 0 || up >= n)
        return HDB_E_NO_FRAME;
    if (frames[level].scope_die && !frames[level].tailcall)
        return HDB_E_INLINED;
    if (frames[level].dummy || frames[up].dummy)
        return HDB_E_NOTSUP;
    struct hdb_regs regs;
    int rc = s->target->ops->read_regs(s->target, s->cur_tid, &regs);
    if (rc < 0)
        return rc;
    /*
     * The caller's registers as the unwinder found them: what its frame
     * saved (CFI, or the frame pointer's), the stack pointer at the call
     * (the callee's CFA) and the return address. The others keep their
     * values, which is all a debugger can know of them (gdb the same).
     */
    const struct hdb_frame *caller = &frames[up];
    regs.valid = 0;
    for (int r = 0; r < 17; r++) {
        if (caller->dwvalid & (1u << r)) {
            regs.v[dwarf_to_hdb[r]] = caller->dwreg[r];
            regs.valid |= 1ull << dwarf_to_hdb[r];
        }
    }
    regs.v[HDB_REG_RSP] = frames[level].cfa;
    regs.v[HDB_REG_RIP] = caller->pc;
    regs.valid |= 1ull << HDB_REG_RSP | 1ull << HDB_REG_RIP;
    return s->target->ops->write_regs(s->target, s->cur_tid, &regs);
}

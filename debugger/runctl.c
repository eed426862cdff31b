/*
 * runctl.c: run control: continue, line and instruction stepping, finish.
 *
 * Line stepping follows gdb's rules (GDB manual "Continuing and
 * Stepping"): single-step the thread while the pc stays in the address
 * range of the current line-table row; a call is recognised by the stack
 * pointer dropping by 8 with the return address just past the previous
 * pc, and is either run to its return (next, or a callee without line
 * information) or entered and run to the end of its prologue (step).
 * Leaving the range stops only at the start of an is_stmt row of another
 * line; landing in the middle of a row (returning into the caller, say)
 * adopts that row's range and keeps stepping.
 *
 * Calls are run with every thread resumed and an internal breakpoint at
 * the return address, qualified by the stack pointer so that a recursive
 * call of the same function does not stop it early.
 */
#include <string.h>

#include <hdb/error.h>
#include <hdb/session.h>
#include <hdb/value.h>
#include <hdb/watch.h>

#include "tailcall.h"

static void add_internal(struct hdb_session *s, uint64_t addr)
{
    if (s->ninternal < HDB_MAX_INTERNAL_BPS)
        s->internal[s->ninternal++] = addr;
}

static int thread_regs(struct hdb_session *s, struct hdb_regs *r)
{
    return s->target->ops->read_regs(s->target, s->cur_tid, r);
}

/* Turns the end of the process into an event; true if it ended. */
/*
 * A watchpoint fired: an event when the watched value changed (write
 * watchpoints), or always (access watchpoints). False: carry on.
 */
static bool watch_event(struct hdb_session *s, const struct hdb_stop *st, struct hdb_event *ev)
{
    for (size_t i = 0; i < s->bps.n; i++) {
        struct hdb_breakpoint *b = &s->bps.bps[i];
        uint64_t at = hdb_session_bp_runtime(s, b->watch_addr);
        if (b->kind != HDB_BP_WATCH || !b->enabled || b->watch_soft || st->watch_addr < at ||
            st->watch_addr >= at + b->watch_len)
            continue;
        uint64_t now = 0;
        bool changed = hdb_watch_changed(s, b, &now);
        if (!changed && b->watch_len > 8 && hdb_session_read(s, at, &now, 8) != 8)
            return false;
        if (!changed && b->watch_kind == HDB_WATCH_WRITE)
            return false; /* gdb reports a write watchpoint only when the value changes */
        if (b->watch_read && changed) {
            /* x86 cannot watch reads alone: a change was a write, which rwatch ignores. */
            b->watch_old = now;
            return false;
        }
        memset(ev, 0, sizeof(*ev));
        ev->kind = HDB_EV_WATCH;
        ev->bp_number = b->number;
        ev->tid = st->tid;
        ev->pc = st->pc;
        ev->old_value = b->watch_old;
        ev->new_value = now;
        ev->frame_changed = true;
        b->watch_old = now;
        b->hits++;
        return true;
    }
    return false;
}

static bool ended(struct hdb_session *s, const struct hdb_stop *st, struct hdb_event *ev)
{
    if (st->kind == HDB_STOP_EXEC) {
        /* The old program's breakpoints went with its memory. */
        memset(ev, 0, sizeof(*ev));
        ev->kind = HDB_EV_EXEC;
        ev->tid = st->tid;
        ev->pc = st->pc;
        s->nplanted = 0;
        s->ninternal = 0;
        return true;
    }
    if (st->kind != HDB_STOP_EXITED && st->kind != HDB_STOP_KILLED)
        return false;
    memset(ev, 0, sizeof(*ev));
    ev->kind = st->kind == HDB_STOP_EXITED ? HDB_EV_EXITED : HDB_EV_KILLED;
    ev->exit_code = st->exit_code;
    ev->signal = st->signal;
    ev->tid = st->tid;
    hdb_session_forget_process(s);
    return true;
}

static bool at_solib_hook(const struct hdb_session *s, const struct hdb_stop *st)
{
    return st->kind == HDB_STOP_BREAKPOINT && s->solib_bp && st->pc == s->solib_bp;
}

static int resume_wait(struct hdb_session *s, enum hdb_resume_kind kind, struct hdb_stop *st)
{
    int sig = s->pending_signal;
    s->pending_signal = 0;
    s->frame = 0;
    int rc = s->target->ops->resume(s->target, kind, s->cur_tid, sig);
    if (rc < 0)
        return rc;
    rc = s->target->ops->wait(s->target, st);
    if (rc < 0) {
        hdb_session_forget_process(s);
        return rc;
    }
    if (st->kind != HDB_STOP_EXITED && st->kind != HDB_STOP_KILLED) {
        hdb_session_refresh_threads(s);
        s->cur_tid = st->tid;
        /* A stop in the dynamic loader's hook is not looked at: its DWARF stays unread. */
        if (!at_solib_hook(s, st))
            hdb_session_follow_pc(s, st->pc);
    }
    return 0;
}

/* Fills a signal event; false when the policy only prints it (the caller then resumes). */
static bool signal_event(struct hdb_session *s, const struct hdb_stop *st, struct hdb_event *ev)
{
    memset(ev, 0, sizeof(*ev));
    ev->kind = HDB_EV_SIGNAL;
    ev->signal = st->signal;
    ev->tid = st->tid;
    ev->pc = st->pc;
    /* Delivered on the next resume when the policy passes it (gdb's `handle ... pass`). */
    bool stop = true;
    if (st->signal > 0 && st->signal < HDB_SIG_COUNT) {
        if (s->policy[st->signal].pass)
            s->pending_signal = st->signal;
        stop = s->policy[st->signal].stop;
    }
    if (!stop && s->notify)
        s->notify(s->notify_ctx, ev);
    return stop;
}

/*
 * Does the breakpoint's condition hold here? An expression that cannot be
 * evaluated stops the program, as gdb does, so that the user sees why.
 */
static bool condition_holds(struct hdb_session *s, const struct hdb_breakpoint *b,
                            bool *call_stopped)
{
    if (!b->cond)
        return true;
    struct hdb_value v;
    bool truth;
    s->frame = 0;
    int rc = hdb_eval(s, b->cond, &v);
    *call_stopped = rc == HDB_E_CALL_STOPPED; /* a function the condition called stopped */
    return rc < 0 || hdb_value_truth(s, &v, &truth) < 0 || truth;
}

/*
 * The dprintfs at loc, in number order, each whose condition holds and
 * whose ignore count is used up: counted and handed to the interface,
 * which prints; none stops the program (gdb's dprintf_after_condition_true).
 */
static void run_dprintfs(struct hdb_session *s, uint64_t loc)
{
    for (size_t i = 0; i < s->bps.n; i++) {
        struct hdb_breakpoint *b = &s->bps.bps[i];
        bool at = false, call_stopped = false;
        for (int j = 0; b->dprintf && b->enabled && j < b->nlocs; j++)
            at = at || b->locs[j] == loc;
        if (!at || !condition_holds(s, b, &call_stopped))
            continue;
        b->hits++;
        if (b->ignore) {
            b->ignore--;
            continue;
        }
        int number = b->number;
        if (s->dprintf)
            s->dprintf(s->notify_ctx, b);
        /* Its printf may have called a function that stopped and changed the table. */
        if (i >= s->bps.n || s->bps.bps[i].number != number)
            return;
    }
}

/*
 * A user breakpoint at the stop pc whose condition holds and whose ignore
 * count is used up: count the hit, drop a tbreak, fill the event.
 */
static bool user_bp_event(struct hdb_session *s, const struct hdb_stop *st, struct hdb_event *ev)
{
    uint64_t loc = hdb_session_bp_loc(s, st->pc);
    run_dprintfs(s, loc);
    struct hdb_breakpoint *b = hdb_bp_stop_at(&s->bps, loc);
    bool call_stopped = false;
    if (!b || !condition_holds(s, b, &call_stopped))
        return false;
    const struct hdb_call_stop *cs = hdb_call_last_stop(s);
    if (call_stopped && !s->pid && cs) {
        *ev = cs->ev; /* the program ended in the condition's call */
        return true;
    }
    if (b->ignore) {
        /* gdb counts an ignored crossing as a hit. */
        b->ignore--;
        b->hits++;
        return false;
    }
    memset(ev, 0, sizeof(*ev));
    ev->kind = HDB_EV_BREAKPOINT;
    ev->bp_number = b->number;
    ev->bp_temporary = b->temporary;
    ev->tid = st->tid;
    ev->pc = st->pc;
    ev->frame_changed = true;
    ev->cond_call_stopped = call_stopped;
    struct hdb_regs r;
    if (call_stopped && thread_regs(s, &r) == 0) {
        /* gdb names the breakpoint with the place the condition's call stopped at. */
        ev->tid = s->cur_tid;
        ev->pc = r.v[HDB_REG_RIP];
    }
    b->hits++;
    if (b->temporary) {
        /* Its commands still run for this stop (gdb's bpstat keeps them). */
        hdb_strfree(s->plat, s->stop_commands);
        s->stop_commands = b->commands;
        b->commands = NULL;
        hdb_bp_delete(&s->bps, b->number);
        hdb_session_sync_bps(s);
    }
    return true;
}

/*
 * A system call stopped at: an event for the first enabled catchpoint on
 * it whose condition holds and whose ignore count is used up (gdb counts
 * the entry and the return as a hit each). False: carry on.
 */
static bool syscall_event(struct hdb_session *s, const struct hdb_stop *st, struct hdb_event *ev)
{
    for (size_t i = 0; i < s->bps.n; i++) {
        struct hdb_breakpoint *b = &s->bps.bps[i];
        bool on = st->syscall >= 0 && st->syscall < 1024 &&
                  ((b->sys_mask[st->syscall / 64] >> (st->syscall % 64)) & 1);
        bool call_stopped = false;
        if (b->kind != HDB_BP_CATCH_SYSCALL || !b->enabled || (b->sys_count && !on) ||
            !condition_holds(s, b, &call_stopped))
            continue;
        b->hits++;
        if (b->ignore) {
            b->ignore--;
            continue;
        }
        memset(ev, 0, sizeof(*ev));
        ev->kind = HDB_EV_SYSCALL;
        ev->bp_number = b->number;
        ev->tid = st->tid;
        ev->pc = st->pc;
        ev->frame_changed = true;
        ev->syscall = st->syscall;
        ev->syscall_return = st->syscall_return != 0;
        return true;
    }
    return false;
}

/* An internal breakpoint that ends a run when hit with the stack pointer at least min_sp. */
struct stop_point {
    uint64_t pc, min_sp;
};

/*
 * Continues every thread until a user-visible event or until one of the
 * stop points is reached; *which is its index, or -1 for a user event.
 */
static int run_to(struct hdb_session *s, const struct stop_point *pts, int n, int *which,
                  struct hdb_event *ev)
{
    *which = -1;
    s->ninternal = 0;
    for (int i = 0; i < n; i++)
        add_internal(s, pts[i].pc);
    /* A call from an expression that stopped returns to its dummy frame (value/call.c). */
    uint64_t dummies[HDB_MAX_INTERNAL_BPS];
    int ndummies = hdb_call_dummy_addrs(s, dummies, HDB_MAX_INTERNAL_BPS - n);
    for (int i = 0; i < ndummies; i++)
        add_internal(s, dummies[i]);
    /* Watched locals end with their frames: stop where each frame returns (watch.c). */
    uint64_t scope_pc[HDB_MAX_INTERNAL_BPS], scope_cfa[HDB_MAX_INTERNAL_BPS];
    int scope_bp[HDB_MAX_INTERNAL_BPS];
    int nscope = hdb_watch_scope_points(s, scope_pc, scope_cfa, scope_bp,
                                        HDB_MAX_INTERNAL_BPS - s->ninternal);
    for (int i = 0; i < nscope; i++)
        add_internal(s, scope_pc[i]);
    /* Software watchpoints: one instruction at a time, each followed by a comparison. */
    bool soft = hdb_watch_soft_active(s);
    int rc = hdb_session_sync_bps(s);
    if (rc < 0)
        return rc;
    for (;;) {
        struct hdb_stop st;
        rc = resume_wait(s, soft ? HDB_RESUME_STEP : HDB_RESUME_CONTINUE, &st);
        if (rc < 0)
            return rc;
        if (ended(s, &st, ev))
            return 0;
        /*
         * A call the debugger made returns to a breakpoint byte on the
         * stack; a stack without execute permission faults there instead.
         */
        if (st.kind == HDB_STOP_SIGNAL && st.signal == HDB_SIGSEGV && hdb_call_return_pc(s, st.pc))
            st.kind = HDB_STOP_BREAKPOINT;
        if (st.kind == HDB_STOP_SIGNAL) {
            if (signal_event(s, &st, ev))
                break;
            continue;
        }
        if (st.kind == HDB_STOP_WATCH) {
            if (watch_event(s, &st, ev))
                break;
            continue;
        }
        if (st.kind == HDB_STOP_SYSCALL) {
            if (syscall_event(s, &st, ev))
                break;
            continue;
        }
        if (st.kind == HDB_STOP_STEP) {
            if (soft && hdb_watch_soft_check(s, st.tid, st.pc, ev))
                break;
            st.kind = HDB_STOP_BREAKPOINT; /* stepping onto a breakpoint is reaching it */
        }
        if (st.kind != HDB_STOP_BREAKPOINT)
            continue;
        if (at_solib_hook(s, &st))
            hdb_session_solib_event(s); /* breakpoints waiting for libraries are set now */
        if (user_bp_event(s, &st, ev) || hdb_call_returned(s, st.tid, st.pc, ev))
            break;
        struct hdb_regs r;
        for (int i = 0; i < n && *which < 0; i++)
            if (st.pc == pts[i].pc && thread_regs(s, &r) == 0 && r.v[HDB_REG_RSP] >= pts[i].min_sp)
                *which = i;
        if (*which >= 0)
            break;
        int ended_scope = -1;
        for (int i = 0; i < nscope && ended_scope < 0; i++)
            if (st.pc == scope_pc[i] && thread_regs(s, &r) == 0 && r.v[HDB_REG_RSP] >= scope_cfa[i])
                ended_scope = i;
        if (ended_scope >= 0) {
            hdb_watch_scope_event(s, scope_bp[ended_scope], st.tid, st.pc, ev);
            break;
        }
    }
    /*
     * Without the dynamic loader's hook (a target or a loader hdb does not
     * know), libraries are looked for once the run ends.
     */
    if (!s->solib_bp && hdb_session_refresh_solibs(s))
        hdb_session_reset_bps(s, false);
    s->ninternal = 0;
    return hdb_session_sync_bps(s);
}

/* run_to with at most one stop point (target 0: none); *reached says whether it was hit. */
static int run_until(struct hdb_session *s, uint64_t target, uint64_t min_sp, bool *reached,
                     struct hdb_event *ev)
{
    struct stop_point pt = {target, min_sp};
    int which;
    int rc = run_to(s, &pt, target ? 1 : 0, &which, ev);
    *reached = which == 0;
    return rc;
}

int hdb_session_run_call(struct hdb_session *s, uint64_t ret, uint64_t min_sp, bool *returned,
                         struct hdb_event *ev)
{
    /* A condition's call runs inside another run: its stop points are put back after. */
    uint64_t internal[HDB_MAX_INTERNAL_BPS];
    int ninternal = s->ninternal;
    memcpy(internal, s->internal, sizeof(internal));
    /*
     * Each stop of the run makes the file at its pc active; the expression
     * that made the call goes on in its own file (a library's, say), whose
     * units and types its values name.
     */
    const struct hdb_image *file = s->img;
    int obj = s->active_obj;
    int rc = run_until(s, ret, min_sp, returned, ev);
    if (s->pid) {
        memcpy(s->internal, internal, sizeof(internal));
        s->ninternal = ninternal;
        int src = hdb_session_sync_bps(s);
        if (rc == 0)
            rc = src;
    }
    if (rc == 0 && *returned) {
        if (s->active_obj != obj)
            hdb_session_activate_objfile(s, obj);
        hdb_session_enter_image(s, file);
    } else {
        s->file_lent = false; /* the file of the stop inside the call stays active */
    }
    return rc;
}

int hdb_session_continue(struct hdb_session *s, struct hdb_event *ev)
{
    if (!s->pid)
        return HDB_E_NO_PROCESS;
    bool reached;
    return run_until(s, 0, 0, &reached, ev);
}

/* One instruction of the current thread; 1 when it stepped, 0 when *ev holds another event. */
static int step_once(struct hdb_session *s, struct hdb_event *ev, struct hdb_regs *after)
{
    struct hdb_stop st;
    int rc;
    for (;;) {
        rc = resume_wait(s, HDB_RESUME_STEP, &st);
        if (rc < 0)
            return rc;
        if (ended(s, &st, ev))
            return 0;
        /* Another thread's system call, caught while this one steps: stop there or go on. */
        if (st.kind == HDB_STOP_SYSCALL) {
            if (syscall_event(s, &st, ev))
                return 0;
            continue;
        }
        if (st.kind != HDB_STOP_SIGNAL)
            break;
        if (signal_event(s, &st, ev))
            return 0;
        /* A print-only signal interrupted the step: step again, delivering it. */
    }
    if (st.kind == HDB_STOP_BREAKPOINT && user_bp_event(s, &st, ev))
        return 0;
    if (st.kind == HDB_STOP_WATCH && watch_event(s, &st, ev))
        return 0;
    if (st.kind == HDB_STOP_STEP && hdb_watch_soft_check(s, st.tid, st.pc, ev))
        return 0;
    rc = thread_regs(s, after);
    return rc < 0 ? rc : 1;
}

/* Did the step from (pc, sp) to after enter a called function? *ret: its return address. */
static bool entered_call(struct hdb_session *s, uint64_t pc, uint64_t sp,
                         const struct hdb_regs *after, uint64_t *ret)
{
    if (after->v[HDB_REG_RSP] != sp - 8)
        return false;
    uint64_t ra;
    if (hdb_session_read(s, sp - 8, &ra, 8) != 8)
        return false;
    /* A call instruction is 2 to 15 bytes long (SDM Vol. 2, CALL). */
    if (ra <= pc || ra > pc + 15)
        return false;
    *ret = ra;
    return true;
}

static void stepped_event(struct hdb_session *s, uint64_t pc, uint64_t start_func,
                          struct hdb_event *ev)
{
    uint64_t func = 0;
    memset(ev, 0, sizeof(*ev));
    ev->kind = HDB_EV_STEPPED;
    ev->tid = s->cur_tid;
    ev->pc = pc;
    hdb_session_func_at(s, pc, &func);
    ev->frame_changed = func != start_func;
}

/* If a breakpoint the user set is where a step ended, it counts as hit (gdb reports it so). */
static void note_bp_at_stop(struct hdb_session *s, struct hdb_event *ev)
{
    if (!hdb_bp_at(&s->bps, hdb_session_bp_loc(s, ev->pc)))
        return;
    bool changed = ev->frame_changed;
    struct hdb_stop st = {.kind = HDB_STOP_BREAKPOINT, .tid = ev->tid, .pc = ev->pc};
    user_bp_event(s, &st, ev);
    ev->frame_changed = changed;
}

int hdb_session_step_insn(struct hdb_session *s, bool over, struct hdb_event *ev)
{
    struct hdb_regs r, after;
    if (!s->pid)
        return HDB_E_NO_PROCESS;
    int rc = thread_regs(s, &r);
    if (rc < 0)
        return rc;
    uint64_t start_func = 0, ra;
    hdb_session_func_at(s, r.v[HDB_REG_RIP], &start_func);
    rc = step_once(s, ev, &after);
    if (rc <= 0)
        return rc;
    if (over && entered_call(s, r.v[HDB_REG_RIP], r.v[HDB_REG_RSP], &after, &ra)) {
        bool reached;
        rc = run_until(s, ra, r.v[HDB_REG_RSP], &reached, ev);
        if (rc < 0 || !reached)
            return rc;
        if ((rc = thread_regs(s, &after)) < 0)
            return rc;
    }
    stepped_event(s, after.v[HDB_REG_RIP], start_func, ev);
    note_bp_at_stop(s, ev);
    return 0;
}

/*
 * The function a PLT stub of the program leads to, where its breakpoint
 * would go (runtime), when it has line information: gdb steps through the
 * stub (and the dynamic loader's lazy binding) into it. 0: none such.
 */
static uint64_t plt_target(struct hdb_session *s, uint64_t pc)
{
    uint64_t stub, loc;
    const char *name = hdb_session_plt_stub_at(s, pc, &stub);
    char fn[256];
    size_t len = name ? strlen(name) - 4 : 0; /* without "@plt" */
    if (!name || stub != pc || len >= sizeof(fn))
        return 0;
    memcpy(fn, name, len);
    fn[len] = 0;
    struct hdb_line_loc line;
    const struct hdb_lines *lines;
    if (hdb_session_resolve_in_libraries(s, fn, &loc) < 0 ||
        hdb_session_find_line(s, loc, &line, &lines) < 0)
        return 0;
    return hdb_session_bp_runtime(s, loc);
}

/*
 * A call just entered at pc (returning to ra with the stack pointer back
 * at sp): run to the end of the callee's prologue when it has line
 * information. *done: the step ended (there, or at another event in *ev);
 * *returned: it did not, and the call has returned already.
 */
static int enter_function(struct hdb_session *s, uint64_t pc, uint64_t ra, uint64_t sp,
                          struct hdb_event *ev, bool *done, bool *returned)
{
    struct hdb_line_loc loc;
    uint64_t link = hdb_session_to_link(s, pc);
    const struct hdb_dfunc *f = hdb_dinfo_func_at(&s->dinfo, link);
    uint64_t body = 0;
    *done = *returned = false;
    if (f && hdb_lines_find(&s->lines, link, &loc) == 0) {
        hdb_session_func_bp_addr(s, f->lo, f->hi, &body);
        body = hdb_session_to_runtime(s, body);
    } else if ((body = plt_target(s, pc)) == 0) {
        return 0;
    }
    *done = true;
    if (body != pc) {
        /* Through a PLT stub the callee may turn out to be another: its return ends it too. */
        struct stop_point pts[2] = {{body, 0}, {ra, sp}};
        int which;
        int rc = run_to(s, pts, 2, &which, ev);
        if (rc < 0 || which < 0)
            return rc;
        if (which == 1) {
            *done = false;
            *returned = true;
            return 0;
        }
    }
    stepped_event(s, body, 0, ev);
    ev->frame_changed = true;
    note_bp_at_stop(s, ev);
    return 0;
}

/*
 * A line step where the pc has no line (gdb: "Single stepping until exit
 * from function F, which has no line number information"): run until the
 * function returns; back in code with lines, in the middle of a line,
 * step on to the start of the next one, as gdb does after a return.
 */
static int step_out(struct hdb_session *s, bool over, struct hdb_event *ev)
{
    struct hdb_frame frames[2 + HDB_MAX_INLINE + HDB_TAILCALL_MAX];
    int n = hdb_session_backtrace(s, frames, 2 + HDB_MAX_INLINE + HDB_TAILCALL_MAX);
    int up = n > 0 ? hdb_frame_return_to(frames, n, 0) : 0;
    if (up >= n || !frames[0].cfa)
        return hdb_session_continue(s, ev);
    uint64_t start_func = 0, ret = frames[up].pc;
    hdb_session_func_at(s, frames[0].pc, &start_func);
    bool reached;
    int rc = run_until(s, ret, frames[0].cfa, &reached, ev);
    if (rc < 0 || !reached)
        return rc;
    struct hdb_line_loc loc;
    if (hdb_lines_find(&s->lines, hdb_session_to_link(s, ret), &loc) == 0 &&
        hdb_session_to_runtime(s, loc.start) != ret)
        return hdb_session_step_line(s, over, ev);
    stepped_event(s, ret, start_func, ev);
    note_bp_at_stop(s, ev);
    return 0;
}

int hdb_session_step_line(struct hdb_session *s, bool over, struct hdb_event *ev)
{
    struct hdb_regs r, after;
    if (!s->pid)
        return HDB_E_NO_PROCESS;
    int rc = thread_regs(s, &r);
    if (rc < 0)
        return rc;
    uint64_t pc = r.v[HDB_REG_RIP], start_func = 0, ra;
    hdb_session_func_at(s, pc, &start_func);
    struct hdb_line_loc cur;
    if (hdb_lines_find(&s->lines, hdb_session_to_link(s, pc), &cur) < 0)
        return step_out(s, over, ev); /* no line information here */
    uint64_t lo = hdb_session_to_runtime(s, cur.start), hi = hdb_session_to_runtime(s, cur.end);
    uint32_t line = cur.line, file = cur.file;
    for (;;) {
        uint64_t prev_pc = r.v[HDB_REG_RIP], prev_sp = r.v[HDB_REG_RSP];
        rc = step_once(s, ev, &after);
        if (rc <= 0)
            return rc;
        r = after;
        pc = r.v[HDB_REG_RIP];
        if (pc >= lo && pc < hi)
            continue;
        if (entered_call(s, prev_pc, prev_sp, &r, &ra)) {
            bool done = false, reached = false;
            if (!over && (rc = enter_function(s, pc, ra, prev_sp, ev, &done, &reached)) < 0)
                return rc;
            if (done)
                return 0;
            if (!reached && ((rc = run_until(s, ra, prev_sp, &reached, ev)) < 0 || !reached))
                return rc;
            if ((rc = thread_regs(s, &r)) < 0)
                return rc;
            pc = r.v[HDB_REG_RIP];
            if (pc >= lo && pc < hi)
                continue;
        }
        struct hdb_line_loc loc;
        if (hdb_lines_find(&s->lines, hdb_session_to_link(s, pc), &loc) < 0)
            return hdb_session_continue(s, ev); /* left the code with line information */
        bool at_start = hdb_session_to_runtime(s, loc.start) == pc;
        if (loc.line == 0 || (at_start && loc.is_stmt && (loc.line != line || loc.file != file)))
            break;
        if (at_start && (loc.line != line || loc.file != file))
            continue; /* not a statement boundary: keep the old range */
        /* In the middle of a line (or its start again): adopt its range and go on. */
        lo = hdb_session_to_runtime(s, loc.start);
        hi = hdb_session_to_runtime(s, loc.end);
        line = loc.line;
        file = loc.file;
    }
    stepped_event(s, pc, start_func, ev);
    note_bp_at_stop(s, ev);
    return 0;
}

int hdb_session_until(struct hdb_session *s, struct hdb_event *ev)
{
    struct hdb_regs r;
    if (!s->pid)
        return HDB_E_NO_PROCESS;
    int rc = thread_regs(s, &r);
    if (rc < 0)
        return rc;
    uint64_t start_pc = r.v[HDB_REG_RIP], start_sp = r.v[HDB_REG_RSP];
    for (;;) {
        if ((rc = hdb_session_step_line(s, true, ev)) < 0 || ev->kind != HDB_EV_STEPPED)
            return rc;
        if ((rc = thread_regs(s, &r)) < 0)
            return rc;
        /* A jump back (a loop) in the same frame is stepped through; anything else stops. */
        if (ev->frame_changed || r.v[HDB_REG_RIP] > start_pc || r.v[HDB_REG_RSP] > start_sp)
            return 0;
    }
}

int hdb_session_advance(struct hdb_session *s, uint64_t loc, struct hdb_event *ev)
{
    struct hdb_frame frames[HDB_MAX_INLINE + 2 + HDB_TAILCALL_MAX];
    if (!s->pid)
        return HDB_E_NO_PROCESS;
    int n = hdb_session_backtrace(s, frames, HDB_MAX_INLINE + 2 + HDB_TAILCALL_MAX);
    if (n < 0)
        return n;
    uint64_t start_func = 0;
    hdb_session_func_at(s, frames[0].pc, &start_func);
    struct stop_point pts[2] = {{hdb_session_bp_runtime(s, loc), 0}};
    int npts = 1, which;
    /*
     * The current frame returning ends it too (gdb's until/advance
     * LOCATION): the caller is the first frame that is not one of the calls
     * inlined where the pc is (those share its pc and registers), nor one
     * that tail-called.
     */
    int up = hdb_frame_return_to(frames, n, 0);
    if (up < n && frames[0].cfa)
        pts[npts++] = (struct stop_point){frames[up].pc, frames[0].cfa};
    int rc = run_to(s, pts, npts, &which, ev);
    if (rc < 0 || which < 0)
        return rc;
    stepped_event(s, pts[which].pc, start_func, ev);
    ev->frame_changed = true;
    return 0;
}

/* Is the code at runtime pc part of the inlined call (DIE scope_die) of the function at fn_pc? */
static bool in_inlined(struct hdb_session *s, uint64_t fn_pc, uint64_t scope_die, uint64_t pc)
{
    struct hdb_inline_call calls[HDB_MAX_INLINE];
    int prev = hdb_session_enter_pc(s, pc);
    uint64_t link = hdb_session_to_link(s, pc), fn_start = 0;
    const struct hdb_dfunc *fn = hdb_dinfo_func_at(&s->dinfo, link);
    hdb_session_func_at(s, pc, &fn_start);
    int k = fn && fn_start == fn_pc
                ? hdb_inline_calls(&s->dw, fn->unit, fn->die, link, calls, HDB_MAX_INLINE)
                : 0;
    hdb_session_activate_module(s, prev);
    for (int i = 0; i < k; i++)
        if (calls[i].die == scope_die)
            return true;
    return false;
}

/*
 * finish out of an inlined call: it has no return address, so its code is
 * stepped through (calls run to their return) until the pc leaves it, as
 * gdb does; the stop is reported as the end of a step.
 */
static int finish_inlined(struct hdb_session *s, const struct hdb_frame *f, struct hdb_event *ev)
{
    uint64_t fn_pc = 0;
    hdb_session_func_at(s, f->pc, &fn_pc);
    for (;;) {
        int rc = hdb_session_step_insn(s, true, ev);
        if (rc < 0 || ev->kind != HDB_EV_STEPPED)
            return rc;
        if (!in_inlined(s, fn_pc, f->scope_die, ev->pc))
            break;
    }
    ev->frame_changed = true;
    return 0;
}

int hdb_session_finish(struct hdb_session *s, struct hdb_event *ev, struct hdb_frame *out)
{
    struct hdb_frame frames[HDB_MAX_FRAMES];
    if (!s->pid)
        return HDB_E_NO_PROCESS;
    int n = hdb_session_backtrace(s, frames, HDB_MAX_FRAMES);
    if (n < 0)
        return n;
    int sel = s->frame;
    if (sel + 1 >= n)
        return HDB_E_NO_FRAME;
    *out = frames[sel];
    if (frames[sel].scope_die && !frames[sel].tailcall) {
        /* Only the code running now can be stepped out of. */
        if (frames[sel].pc != frames[0].pc || frames[sel].cfa != frames[0].cfa)
            return HDB_E_NOTSUP;
        return finish_inlined(s, &frames[sel], ev);
    }
    /* Functions that tail-called have left already: the return is to their caller (gdb too). */
    int up = hdb_frame_return_to(frames, n, sel);
    if (up >= n)
        return HDB_E_NO_FRAME;
    bool reached;
    int rc = run_until(s, frames[up].pc, frames[sel].cfa, &reached, ev);
    if (rc < 0 || !reached)
        return rc;
    memset(ev, 0, sizeof(*ev));
    ev->kind = HDB_EV_FINISHED;
    ev->tid = s->cur_tid;
    ev->pc = frames[up].pc;
    ev->frame_changed = true;
    return 0;
}

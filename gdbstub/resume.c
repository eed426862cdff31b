/*
 * resume.c: running and stopping (GDB manual "Packets": c, s, C, S, vCont,
 * vCont?, vCtrlC, ?, D, k; "Stop Reply Packets"). A resume packet gets no
 * reply of its own: the stop reply comes when the target stops, either
 * straight from the resume op or later through gdbstub_report_stop().
 */
#include "gdbstub_int.h"

/* The arch's expedited registers of thread tid, each "nn:value;"; one it cannot read is left out.
 */
static void expedite(struct gdbstub *gs, int64_t tid)
{
    const struct gdbstub_arch *arch = gs->cfg.arch;
    uint8_t buf[GS_MAX_REG_BYTES];

    if (gs->cfg.ops->read_reg == NULL)
        return;
    for (size_t i = 0; i < arch->nexpedite; i++) {
        uint32_t n = arch->expedite[i];
        size_t size = arch->reg_sizes[n];
        if (gs->cfg.ops->read_reg(gs->cfg.target, tid, n, buf, size) < 0)
            continue;
        gs_reply_hex_u8(gs, (uint8_t)n);
        gs_reply_byte(gs, ':');
        gs_reply_hex(gs, buf, size);
        gs_reply_byte(gs, ';');
    }
}

void gs_send_stop(struct gdbstub *gs, const struct gdbstub_stop *stop)
{
    gs_reply_begin(gs);
    switch (stop->kind) {
    case GDBSTUB_STOP_EXITED:
        gs_reply_byte(gs, 'W');
        gs_reply_hex_u8(gs, stop->exit_code);
        break;
    case GDBSTUB_STOP_TERMINATED:
        gs_reply_byte(gs, 'X');
        gs_reply_hex_u8(gs, stop->signal);
        break;
    default:
        gs_reply_byte(gs, 'T');
        gs_reply_hex_u8(gs, stop->signal);
        if (stop->tid > 0) {
            gs_reply_str(gs, "thread:");
            gs_reply_hex_u64(gs, (uint64_t)stop->tid);
            gs_reply_byte(gs, ';');
        }
        /* swbreak and hwbreak only for a gdb that asked for them in
         * qSupported ("Stop Reply Packets"). */
        if (stop->reason == GDBSTUB_REASON_SWBREAK && gs->gdb_swbreak)
            gs_reply_str(gs, "swbreak:;");
        if (stop->reason == GDBSTUB_REASON_HWBREAK && gs->gdb_hwbreak)
            gs_reply_str(gs, "hwbreak:;");
        if (stop->reason >= GDBSTUB_REASON_WATCH) {
            static const char *const names[] = {"watch:", "rwatch:", "awatch:"};
            gs_reply_str(gs, names[stop->reason - GDBSTUB_REASON_WATCH]);
            gs_reply_hex_u64(gs, stop->watch_addr);
            gs_reply_byte(gs, ';');
        }
        expedite(gs, stop->tid > 0 ? stop->tid : gs_pick_tid(gs, 0));
        break;
    }
    gs_reply_send(gs);
}

static int do_resume(struct gdbstub *gs, const struct gdbstub_resume_action *acts, size_t n)
{
    struct gdbstub_stop stop;
    int rc;

    if (gs->cfg.ops->resume == NULL)
        return GDBSTUB_E_NOTSUP;
    /* Running before the call, so a target that reports the stop from
     * inside resume() gets it sent exactly once. */
    gs->running = true;
    rc = gs->cfg.ops->resume(gs->cfg.target, acts, n, &stop);
    if (rc < 0) {
        gs->running = false;
        return rc;
    }
    gs->events |= GDBSTUB_EV_RESUMED;
    if (rc == GDBSTUB_RESUME_STOPPED && gdbstub_report_stop(gs, &stop) < 0) {
        gs->running = false;
        return GDBSTUB_E_IO;
    }
    return GDBSTUB_OK;
}

/* The optional "addr" of c and s: resume there (registers are little-endian). */
static int set_pc(struct gdbstub *gs, uint64_t addr)
{
    uint32_t pc = gs->cfg.arch->pc_regnum;
    size_t size = gs->cfg.arch->reg_sizes[pc];
    uint8_t buf[GS_MAX_REG_BYTES];

    if (gs->cfg.ops->write_reg == NULL)
        return GDBSTUB_E_NOTSUP;
    for (size_t i = 0; i < size; i++)
        buf[i] = i < 8 ? (uint8_t)(addr >> (8 * i)) : 0;
    return gs->cfg.ops->write_reg(gs->cfg.target, gs_pick_tid(gs, gs->c_tid), pc, buf, size);
}

/* c [addr], s [addr], C sig[;addr], S sig[;addr] */
static int legacy_resume(struct gdbstub *gs, struct gs_cursor *args, enum gdbstub_resume_kind kind,
                         bool with_signal)
{
    struct gdbstub_resume_action act = {.kind = kind};
    uint64_t sig = 0, addr = 0;
    bool has_addr = false;
    int rc;

    if (with_signal) {
        if (gs_cur_hex_u64(args, &sig) < 0 || sig > 255)
            return GDBSTUB_E_INVAL;
        if (gs_cur_eat(args, ';')) {
            if (gs_cur_hex_u64(args, &addr) < 0)
                return GDBSTUB_E_INVAL;
            has_addr = true;
        }
    } else if (!gs_cur_done(args)) {
        if (gs_cur_hex_u64(args, &addr) < 0)
            return GDBSTUB_E_INVAL;
        has_addr = true;
    }
    if (!gs_cur_done(args))
        return GDBSTUB_E_INVAL;
    act.signal = (uint8_t)sig;
    /* c resumes what Hc selected (all by default); s steps one thread. */
    if (kind == GDBSTUB_RESUME_STEP)
        act.tid = gs_pick_tid(gs, gs->c_tid);
    else
        act.tid = gs->c_tid > 0 ? gs->c_tid : GDBSTUB_TID_ALL;
    if (has_addr) {
        rc = set_pc(gs, addr);
        if (rc < 0)
            return rc;
    }
    return do_resume(gs, &act, 1);
}

int gs_h_continue(struct gdbstub *gs, struct gs_cursor *args)
{
    return legacy_resume(gs, args, GDBSTUB_RESUME_CONTINUE, false);
}

int gs_h_step(struct gdbstub *gs, struct gs_cursor *args)
{
    return legacy_resume(gs, args, GDBSTUB_RESUME_STEP, false);
}

int gs_h_continue_sig(struct gdbstub *gs, struct gs_cursor *args)
{
    return legacy_resume(gs, args, GDBSTUB_RESUME_CONTINUE, true);
}

int gs_h_step_sig(struct gdbstub *gs, struct gs_cursor *args)
{
    return legacy_resume(gs, args, GDBSTUB_RESUME_STEP, true);
}

int gs_h_vcont_query(struct gdbstub *gs, struct gs_cursor *args)
{
    if (!gs_cur_done(args))
        return GDBSTUB_E_INVAL;
    gs_send_str(gs, "vCont;c;C;s;S");
    return GDBSTUB_OK;
}

static int parse_action(struct gs_cursor *args, struct gdbstub_resume_action *act)
{
    uint64_t sig = 0;

    if (gs_cur_eat(args, 'c')) {
        act->kind = GDBSTUB_RESUME_CONTINUE;
    } else if (gs_cur_eat(args, 's')) {
        act->kind = GDBSTUB_RESUME_STEP;
    } else if (gs_cur_eat(args, 'C') || gs_cur_eat(args, 'S')) {
        act->kind = args->p[-1] == 'C' ? GDBSTUB_RESUME_CONTINUE : GDBSTUB_RESUME_STEP;
        if (gs_cur_hex_u64(args, &sig) < 0 || sig > 255)
            return GDBSTUB_E_INVAL;
    } else {
        return GDBSTUB_E_INVAL;
    }
    act->signal = (uint8_t)sig;
    act->tid = GDBSTUB_TID_ALL;
    if (gs_cur_eat(args, ':')) {
        if (gs_cur_tid(args, &act->tid) < 0 || act->tid == GDBSTUB_TID_ANY)
            return GDBSTUB_E_INVAL;
    }
    return GDBSTUB_OK;
}

/* vCont[;action[:thread-id]]... */
int gs_h_vcont(struct gdbstub *gs, struct gs_cursor *args)
{
    struct gdbstub_resume_action acts[GDBSTUB_MAX_RESUME_ACTIONS];
    size_t n = 0;

    while (gs_cur_eat(args, ';')) {
        if (n == GDBSTUB_MAX_RESUME_ACTIONS || parse_action(args, &acts[n]) < 0)
            return GDBSTUB_E_INVAL;
        n++;
    }
    if (n == 0 || !gs_cur_done(args))
        return GDBSTUB_E_INVAL;
    return do_resume(gs, acts, n);
}

int gs_h_vctrlc(struct gdbstub *gs, struct gs_cursor *args)
{
    if (!gs_cur_done(args))
        return GDBSTUB_E_INVAL;
    gs->events |= GDBSTUB_EV_INTERRUPT;
    gs_send_str(gs, "OK");
    return GDBSTUB_OK;
}

int gs_h_stop_query(struct gdbstub *gs, struct gs_cursor *args)
{
    struct gdbstub_stop stop = gs->last_stop;

    if (!gs_cur_done(args))
        return GDBSTUB_E_INVAL;
    if (stop.kind == GDBSTUB_STOP_SIGNAL && stop.tid <= 0)
        stop.tid = gs_pick_tid(gs, GDBSTUB_TID_ANY);
    if (stop.tid > 0)
        gs->g_tid = stop.tid;
    gs_send_stop(gs, &stop);
    return GDBSTUB_OK;
}

/* D, or D;pid from a multiprocess gdb: the target keeps running. */
int gs_h_detach(struct gdbstub *gs, struct gs_cursor *args)
{
    uint64_t pid;
    int rc;

    if (gs_cur_eat(args, ';') && gs_cur_hex_u64(args, &pid) < 0)
        return GDBSTUB_E_INVAL;
    if (!gs_cur_done(args))
        return GDBSTUB_E_INVAL;
    if (gs->cfg.ops->detach != NULL) {
        rc = gs->cfg.ops->detach(gs->cfg.target);
        if (rc < 0)
            return rc;
    }
    gs_send_str(gs, "OK");
    /* The next gdb to connect starts in ack mode. */
    gs_session_reset(gs);
    gs->events |= GDBSTUB_EV_DETACHED;
    return GDBSTUB_OK;
}

/* k has no reply ("Packets", k); the target decides what killing means. */
int gs_h_kill(struct gdbstub *gs, struct gs_cursor *args)
{
    (void)args;
    if (gs->cfg.ops->kill != NULL)
        gs->cfg.ops->kill(gs->cfg.target);
    gs_session_reset(gs);
    gs->events |= GDBSTUB_EV_KILLED;
    return GDBSTUB_OK;
}

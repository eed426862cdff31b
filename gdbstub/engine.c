/*
 * engine.c: the public entry points: set-up, feeding bytes, reporting
 * stops. The engine is a plain state machine driven by these calls; it
 * holds no pointer it was not given in the config.
 */
#include "gdbstub_int.h"

static bool arch_valid(const struct gdbstub_arch *arch)
{
    if (arch == NULL || arch->reg_sizes == NULL || arch->nregs == 0 ||
        arch->pc_regnum >= arch->nregs || arch->features == NULL || arch->nfeatures == 0)
        return false;
    for (uint32_t i = 0; i < arch->nregs; i++) {
        if (arch->reg_sizes[i] == 0 || arch->reg_sizes[i] > GS_MAX_REG_BYTES)
            return false;
    }
    for (size_t i = 0; i < arch->nexpedite; i++) {
        if (arch->expedite == NULL || arch->expedite[i] >= arch->nregs)
            return false;
    }
    return true;
}

int gdbstub_init(struct gdbstub *gs, const struct gdbstub_config *cfg)
{
    size_t regs;

    if (gs == NULL || cfg == NULL || cfg->ops == NULL || cfg->ops->read_reg == NULL ||
        cfg->ops->read_mem == NULL || cfg->put == NULL || cfg->rx_buf == NULL ||
        cfg->tx_buf == NULL || !arch_valid(cfg->arch))
        return GDBSTUB_E_INVAL;
    /* G carries every register as hex; a g reply adds "$" and "#xx". */
    regs = gs_regs_bytes(cfg->arch);
    if (cfg->rx_size < 2 * regs + 1 || cfg->tx_size < 2 * regs + 4)
        return GDBSTUB_E_INVAL;
    gs->cfg = *cfg;
    gs->tx_len = 0;
    gs->tx_overflow = false;
    gs->tx_valid = false;
    gs->last_stop = (struct gdbstub_stop){
        .kind = GDBSTUB_STOP_SIGNAL,
        .signal = GDBSTUB_SIGTRAP,
        .tid = GDBSTUB_TID_ANY,
    };
    gdbstub_reset(gs);
    return GDBSTUB_OK;
}

void gs_session_reset(struct gdbstub *gs)
{
    gs->no_ack = false;
    gs->running = false;
    gs->in_rcmd = false;
    gs->gdb_swbreak = false;
    gs->gdb_hwbreak = false;
    gs->g_tid = GDBSTUB_TID_ANY;
    gs->c_tid = GDBSTUB_TID_ANY;
    gs->thread_next = 0;
}

void gdbstub_reset(struct gdbstub *gs)
{
    gs_rx_reset(gs);
    gs_session_reset(gs);
    gs->tx_valid = false;
    gs->events = 0;
}

int gdbstub_feed(struct gdbstub *gs, const uint8_t *data, size_t len)
{
    unsigned events;

    if (data == NULL && len > 0)
        return GDBSTUB_E_INVAL;
    gs->events = 0;
    for (size_t i = 0; i < len; i++)
        gs_rx_byte(gs, data[i]);
    events = gs->events;
    gs->events = 0;
    return (int)events;
}

int gdbstub_report_stop(struct gdbstub *gs, const struct gdbstub_stop *stop)
{
    if (stop == NULL || stop->kind > GDBSTUB_STOP_TERMINATED ||
        stop->reason > GDBSTUB_REASON_AWATCH)
        return GDBSTUB_E_INVAL;
    gs->last_stop = *stop;
    if (stop->kind == GDBSTUB_STOP_SIGNAL && stop->tid > 0)
        gs->g_tid = stop->tid;
    if (!gs->running)
        return 0;
    gs->running = false;
    gs_send_stop(gs, stop);
    return 1;
}

bool gdbstub_running(const struct gdbstub *gs)
{
    return gs->running;
}

/*
 * regs.c: g, G, p and P (GDB manual "Packets"). Registers are numbered and
 * sized by the arch description; the g payload is every register in
 * order, as hex in target byte order, and a register the target cannot
 * supply reads as "xx" per byte ("Packets", g: unavailable registers).
 * All of them apply to the thread selected with Hg.
 */
#include "gdbstub_int.h"

size_t gs_regs_bytes(const struct gdbstub_arch *arch)
{
    size_t total = 0;

    for (uint32_t i = 0; i < arch->nregs; i++)
        total += arch->reg_sizes[i];
    return total;
}

/* Append register n as hex, or "xx" pairs if unavailable. */
static int reply_reg(struct gdbstub *gs, int64_t tid, uint32_t n)
{
    uint8_t buf[GS_MAX_REG_BYTES];
    size_t size = gs->cfg.arch->reg_sizes[n];
    int rc = gs->cfg.ops->read_reg(gs->cfg.target, tid, n, buf, size);

    if (rc == GDBSTUB_E_UNAVAIL) {
        for (size_t i = 0; i < 2 * size; i++)
            gs_reply_byte(gs, 'x');
        return GDBSTUB_OK;
    }
    if (rc < 0)
        return rc;
    gs_reply_hex(gs, buf, size);
    return GDBSTUB_OK;
}

int gs_h_read_regs(struct gdbstub *gs, struct gs_cursor *args)
{
    int64_t tid = gs_pick_tid(gs, gs->g_tid);

    if (!gs_cur_done(args))
        return GDBSTUB_E_INVAL;
    gs_reply_begin(gs);
    for (uint32_t n = 0; n < gs->cfg.arch->nregs; n++) {
        int rc = reply_reg(gs, tid, n);
        if (rc < 0)
            return rc;
    }
    gs_reply_send(gs);
    return GDBSTUB_OK;
}

int gs_h_write_regs(struct gdbstub *gs, struct gs_cursor *args)
{
    const struct gdbstub_arch *arch = gs->cfg.arch;
    int64_t tid = gs_pick_tid(gs, gs->g_tid);
    uint8_t *data = args->p;
    size_t off = 0;

    /* Decode: exactly the whole register set, all hex, before any write. */
    if (gs_cur_left(args) != 2 * gs_regs_bytes(arch) ||
        gdbstub_hex_decode(data, args->p, gs_cur_left(args)) < 0)
        return GDBSTUB_E_INVAL;
    if (gs->cfg.ops->write_reg == NULL)
        return GDBSTUB_E_NOTSUP;
    for (uint32_t n = 0; n < arch->nregs; n++) {
        int rc = gs->cfg.ops->write_reg(gs->cfg.target, tid, n, data + off, arch->reg_sizes[n]);
        if (rc < 0)
            return rc;
        off += arch->reg_sizes[n];
    }
    gs_send_str(gs, "OK");
    return GDBSTUB_OK;
}

static int parse_regnum(struct gdbstub *gs, struct gs_cursor *args, uint32_t *n)
{
    uint64_t v;

    if (gs_cur_hex_u64(args, &v) < 0 || v >= gs->cfg.arch->nregs)
        return GDBSTUB_E_INVAL;
    *n = (uint32_t)v;
    return GDBSTUB_OK;
}

int gs_h_read_reg(struct gdbstub *gs, struct gs_cursor *args)
{
    uint32_t n;
    int rc;

    if (parse_regnum(gs, args, &n) < 0 || !gs_cur_done(args))
        return GDBSTUB_E_INVAL;
    gs_reply_begin(gs);
    rc = reply_reg(gs, gs_pick_tid(gs, gs->g_tid), n);
    if (rc < 0)
        return rc;
    gs_reply_send(gs);
    return GDBSTUB_OK;
}

/* P n...=r...: one register, exactly its size in hex. */
int gs_h_write_reg(struct gdbstub *gs, struct gs_cursor *args)
{
    uint8_t buf[GS_MAX_REG_BYTES];
    uint32_t n;
    size_t size;
    int rc;

    if (parse_regnum(gs, args, &n) < 0 || !gs_cur_eat(args, '='))
        return GDBSTUB_E_INVAL;
    size = gs->cfg.arch->reg_sizes[n];
    if (gs_cur_left(args) != 2 * size || gdbstub_hex_decode(buf, args->p, 2 * size) < 0)
        return GDBSTUB_E_INVAL;
    if (gs->cfg.ops->write_reg == NULL)
        return GDBSTUB_E_NOTSUP;
    rc = gs->cfg.ops->write_reg(gs->cfg.target, gs_pick_tid(gs, gs->g_tid), n, buf, size);
    if (rc < 0)
        return rc;
    gs_send_str(gs, "OK");
    return GDBSTUB_OK;
}

/*
 * mem.c: m, M and X (GDB manual "Packets", and "Binary Data" for X).
 * Memory is read and written through the thread selected with Hg, so a
 * kernel target can use that task's address space. The target does the
 * access fault-safely; a read that stops early is answered with the bytes
 * it got ("Packets", m: the reply may be shorter than requested), one that
 * gets nothing with an error. A read asking for more than one reply holds
 * is cut to fit, so any length is safe.
 */
#include "gdbstub_int.h"

/* "addr,length" */
static int parse_range(struct gs_cursor *args, uint64_t *addr, uint64_t *len)
{
    if (gs_cur_hex_u64(args, addr) < 0 || !gs_cur_eat(args, ',') || gs_cur_hex_u64(args, len) < 0)
        return GDBSTUB_E_INVAL;
    return GDBSTUB_OK;
}

int gs_h_read_mem(struct gdbstub *gs, struct gs_cursor *args)
{
    uint64_t addr, len;
    size_t n, done = 0;
    int rc;

    if (parse_range(args, &addr, &len) < 0 || !gs_cur_done(args) || len == 0)
        return GDBSTUB_E_INVAL;
    gs_reply_begin(gs);
    n = gs_reply_room(gs) / 2;
    if (n > gs->cfg.rx_size)
        n = gs->cfg.rx_size;
    if (len < n)
        n = (size_t)len;
    /* Never wrap past the top of the address space. */
    if (addr != 0 && n > (uint64_t)0 - addr)
        n = (size_t)((uint64_t)0 - addr);
    /* Arguments are decoded: rx_buf is scratch now. */
    rc = gs->cfg.ops->read_mem(gs->cfg.target, gs_pick_tid(gs, gs->g_tid), addr, gs->cfg.rx_buf, n,
                               &done);
    if (done > n)
        return GDBSTUB_E_IO;
    if (done == 0)
        return rc < 0 ? rc : GDBSTUB_E_FAULT;
    gs_reply_hex(gs, gs->cfg.rx_buf, done);
    gs_reply_send(gs);
    return GDBSTUB_OK;
}

static int write_all(struct gdbstub *gs, uint64_t addr, const uint8_t *data, size_t len)
{
    size_t done = 0;
    int rc;

    if (gs->cfg.ops->write_mem == NULL)
        return GDBSTUB_E_NOTSUP;
    if (len > 0 && addr != 0 && len - 1 > UINT64_MAX - addr)
        return GDBSTUB_E_FAULT;
    if (len > 0) {
        rc = gs->cfg.ops->write_mem(gs->cfg.target, gs_pick_tid(gs, gs->g_tid), addr, data, len,
                                    &done);
        if (rc < 0)
            return rc;
        if (done != len)
            return GDBSTUB_E_FAULT;
    }
    gs_send_str(gs, "OK");
    return GDBSTUB_OK;
}

/* M addr,length:XX... */
int gs_h_write_mem(struct gdbstub *gs, struct gs_cursor *args)
{
    uint64_t addr, len;
    uint8_t *data;

    if (parse_range(args, &addr, &len) < 0 || !gs_cur_eat(args, ':'))
        return GDBSTUB_E_INVAL;
    if (len > gs_cur_left(args) / 2 || gs_cur_left(args) != 2 * len)
        return GDBSTUB_E_INVAL;
    data = args->p;
    if (gdbstub_hex_decode(data, args->p, 2 * (size_t)len) < 0)
        return GDBSTUB_E_INVAL;
    return write_all(gs, addr, data, (size_t)len);
}

/* X addr,length:binary; "X addr,0:" is gdb's probe for X support. */
int gs_h_write_mem_bin(struct gdbstub *gs, struct gs_cursor *args)
{
    uint64_t addr, len;
    uint8_t *data;
    int n;

    if (parse_range(args, &addr, &len) < 0 || !gs_cur_eat(args, ':'))
        return GDBSTUB_E_INVAL;
    data = args->p;
    n = gdbstub_unescape(data, gs_cur_left(args));
    if (n < 0 || (uint64_t)n != len)
        return GDBSTUB_E_INVAL;
    return write_all(gs, addr, data, (size_t)len);
}

/*
 * query.c: connection-level queries (GDB manual "General Query Packets"):
 * qSupported, QStartNoAckMode, qAttached and qRcmd (monitor commands).
 */
#include "gdbstub_int.h"

/*
 * qSupported[:gdbfeature[;gdbfeature]...]. We note which stop reasons gdb
 * understands and announce what the engine implements: PacketSize is the
 * receive buffer, the largest packet gdb may send.
 */
int gs_h_supported(struct gdbstub *gs, struct gs_cursor *args)
{
    bool swbreak = false, hwbreak = false;

    if (gs_cur_eat(args, ':')) {
        while (!gs_cur_done(args)) {
            const uint8_t *f;
            size_t len;

            gs_cur_until(args, ';', &f, &len);
            if (gs_mem_eq_str(f, len, "swbreak+"))
                swbreak = true;
            else if (gs_mem_eq_str(f, len, "hwbreak+"))
                hwbreak = true;
        }
    } else if (!gs_cur_done(args)) {
        return GDBSTUB_E_INVAL;
    }
    gs->gdb_swbreak = swbreak;
    gs->gdb_hwbreak = hwbreak;
    gs_reply_begin(gs);
    gs_reply_str(gs, "PacketSize=");
    gs_reply_hex_u64(gs, gs->cfg.rx_size);
    gs_reply_str(gs, ";QStartNoAckMode+;qXfer:features:read+;swbreak+;hwbreak+;"
                     "vContSupported+");
    if (gs->cfg.ops->read_osdata)
        gs_reply_str(gs, ";qXfer:osdata:read+");
    gs_reply_send(gs);
    return GDBSTUB_OK;
}

/*
 * The OK goes out while acks are still on; gdb acks it and both sides stop
 * acknowledging from the next packet ("Packet Acknowledgment").
 */
int gs_h_no_ack(struct gdbstub *gs, struct gs_cursor *args)
{
    if (!gs_cur_done(args))
        return GDBSTUB_E_INVAL;
    gs_send_str(gs, "OK");
    gs->no_ack = true;
    return GDBSTUB_OK;
}

/* "1": we attached to something that existed, so gdb detaches on quit
 * instead of killing the kernel. */
int gs_h_attached(struct gdbstub *gs, struct gs_cursor *args)
{
    uint64_t pid;

    if (gs_cur_eat(args, ':') && gs_cur_hex_u64(args, &pid) < 0)
        return GDBSTUB_E_INVAL;
    if (!gs_cur_done(args))
        return GDBSTUB_E_INVAL;
    gs_send_str(gs, "1");
    return GDBSTUB_OK;
}

/*
 * qRcmd,command: the command comes hex-encoded; the target prints with
 * gdbstub_console_write() (O packets) and we close with OK.
 */
int gs_h_rcmd(struct gdbstub *gs, struct gs_cursor *args)
{
    int len;
    int rc;

    if (!gs_cur_eat(args, ','))
        return GDBSTUB_E_INVAL;
    len = gdbstub_hex_decode(args->p, args->p, gs_cur_left(args));
    if (len < 0)
        return GDBSTUB_E_INVAL;
    if (gs->cfg.ops->monitor == NULL)
        return GDBSTUB_E_NOTSUP;
    gs->in_rcmd = true;
    rc = gs->cfg.ops->monitor(gs->cfg.target, gs, (const char *)args->p, (size_t)len);
    gs->in_rcmd = false;
    if (rc < 0)
        return rc;
    gs_send_str(gs, "OK");
    return GDBSTUB_OK;
}

/*
 * threads.c: thread selection and listing (GDB manual "Packets": H, T;
 * "General Query Packets": qfThreadInfo, qsThreadInfo, qC,
 * qThreadExtraInfo). In the kernel, threads are tasks plus the CPU's
 * kernel context; the engine only passes ids through. Thread ids are
 * positive hex numbers; 0 means "any thread" and -1 "all threads".
 */
#include "gdbstub_int.h"

int64_t gs_pick_tid(struct gdbstub *gs, int64_t selected)
{
    int64_t tid;

    if (selected > 0)
        return selected;
    if (gs->last_stop.tid > 0)
        return gs->last_stop.tid;
    if (gs->cfg.ops->current_thread != NULL &&
        gs->cfg.ops->current_thread(gs->cfg.target, &tid) == GDBSTUB_OK && tid > 0)
        return tid;
    return GDBSTUB_TID_ANY;
}

static int check_alive(struct gdbstub *gs, int64_t tid)
{
    if (gs->cfg.ops->thread_alive == NULL)
        return GDBSTUB_E_NOTSUP;
    return gs->cfg.ops->thread_alive(gs->cfg.target, tid) < 0 ? GDBSTUB_E_NOTHREAD : GDBSTUB_OK;
}

/* H op thread-id: op 'g' selects for g/G/p/P/m/M/X, 'c' for c/s. */
int gs_h_set_thread(struct gdbstub *gs, struct gs_cursor *args)
{
    uint8_t op;
    int64_t tid;
    int rc;

    if (gs_cur_eat(args, 'g'))
        op = 'g';
    else if (gs_cur_eat(args, 'c'))
        op = 'c';
    else
        return GDBSTUB_E_INVAL;
    rc = gs_cur_tid(args, &tid);
    if (rc < 0 || !gs_cur_done(args))
        return GDBSTUB_E_INVAL;
    /* Registers of "all threads" make no sense. */
    if (op == 'g' && tid == GDBSTUB_TID_ALL)
        return GDBSTUB_E_INVAL;
    if (tid > 0 && gs->cfg.ops->thread_alive != NULL) {
        rc = check_alive(gs, tid);
        if (rc < 0)
            return rc;
    }
    if (op == 'g')
        gs->g_tid = tid;
    else
        gs->c_tid = tid;
    gs_send_str(gs, "OK");
    return GDBSTUB_OK;
}

int gs_h_thread_alive(struct gdbstub *gs, struct gs_cursor *args)
{
    int64_t tid;
    int rc;

    rc = gs_cur_tid(args, &tid);
    if (rc < 0 || !gs_cur_done(args) || tid <= 0)
        return GDBSTUB_E_INVAL;
    rc = check_alive(gs, tid);
    if (rc < 0)
        return rc;
    gs_send_str(gs, "OK");
    return GDBSTUB_OK;
}

/* One reply of the list: "m" and as many ids as fit, or "l" at the end. */
static int send_thread_batch(struct gdbstub *gs)
{
    int64_t tid;
    size_t sent = 0;

    if (gs->cfg.ops->thread_at == NULL)
        return GDBSTUB_E_NOTSUP;
    gs_reply_begin(gs);
    gs_reply_byte(gs, 'm');
    /* 17 = a comma and up to 16 hex digits */
    while (gs_reply_room(gs) >= 17 &&
           gs->cfg.ops->thread_at(gs->cfg.target, gs->thread_next, &tid) == GDBSTUB_OK) {
        if (tid <= 0)
            return GDBSTUB_E_IO;
        if (sent++ > 0)
            gs_reply_byte(gs, ',');
        gs_reply_hex_u64(gs, (uint64_t)tid);
        gs->thread_next++;
    }
    if (sent == 0) {
        gs_reply_begin(gs);
        gs_reply_byte(gs, 'l');
    }
    gs_reply_send(gs);
    return GDBSTUB_OK;
}

int gs_h_thread_first(struct gdbstub *gs, struct gs_cursor *args)
{
    if (!gs_cur_done(args))
        return GDBSTUB_E_INVAL;
    gs->thread_next = 0;
    return send_thread_batch(gs);
}

int gs_h_thread_next(struct gdbstub *gs, struct gs_cursor *args)
{
    if (!gs_cur_done(args))
        return GDBSTUB_E_INVAL;
    return send_thread_batch(gs);
}

int gs_h_current_thread(struct gdbstub *gs, struct gs_cursor *args)
{
    int64_t tid = GDBSTUB_TID_ANY;

    if (!gs_cur_done(args))
        return GDBSTUB_E_INVAL;
    if (gs->cfg.ops->current_thread != NULL) {
        int rc = gs->cfg.ops->current_thread(gs->cfg.target, &tid);
        if (rc < 0)
            return rc;
    } else {
        tid = gs->last_stop.tid;
    }
    if (tid <= 0)
        return GDBSTUB_E_NOTSUP;
    gs_reply_begin(gs);
    gs_reply_str(gs, "QC");
    gs_reply_hex_u64(gs, (uint64_t)tid);
    gs_reply_send(gs);
    return GDBSTUB_OK;
}

/* qThreadExtraInfo,thread-id: the text comes back hex-encoded. */
int gs_h_thread_extra(struct gdbstub *gs, struct gs_cursor *args)
{
    int64_t tid;
    size_t cap;
    size_t len = 0;
    int rc;

    if (!gs_cur_eat(args, ','))
        return GDBSTUB_E_INVAL;
    rc = gs_cur_tid(args, &tid);
    if (rc < 0 || !gs_cur_done(args) || tid <= 0)
        return GDBSTUB_E_INVAL;
    if (gs->cfg.ops->thread_extra_info == NULL)
        return GDBSTUB_E_NOTSUP;
    gs_reply_begin(gs);
    cap = gs_reply_room(gs) / 2;
    if (cap > gs->cfg.rx_size)
        cap = gs->cfg.rx_size;
    /* Arguments are decoded: rx_buf is scratch now. */
    rc = gs->cfg.ops->thread_extra_info(gs->cfg.target, tid, (char *)gs->cfg.rx_buf, cap, &len);
    if (rc < 0)
        return rc;
    if (len > cap)
        return GDBSTUB_E_IO;
    gs_reply_hex(gs, gs->cfg.rx_buf, len);
    gs_reply_send(gs);
    return GDBSTUB_OK;
}

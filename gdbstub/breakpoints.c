/*
 * breakpoints.c: Z and z, types 0-4 (GDB manual "Packets": software and
 * hardware breakpoints, write, read and access watchpoints). The engine
 * keeps no table: the target owns its breakpoints (the kernel patches int3
 * or programs DR0-DR3/DR7). A type the engine does not know, or one the
 * target refuses with GDBSTUB_E_NOTSUP, gets the empty reply so that gdb
 * falls back, e.g. from Z0 to writing int3 itself.
 */
#include "gdbstub_int.h"

/* "type,addr,kind"; condition and command lists are not offered in
 * qSupported, so none may follow. */
static int parse_bp(struct gs_cursor *args, enum gdbstub_bp_type *type, uint64_t *addr,
                    uint64_t *kind)
{
    uint64_t t;

    if (gs_cur_hex_u64(args, &t) < 0 || !gs_cur_eat(args, ',') || gs_cur_hex_u64(args, addr) < 0 ||
        !gs_cur_eat(args, ',') || gs_cur_hex_u64(args, kind) < 0 || !gs_cur_done(args))
        return GDBSTUB_E_INVAL;
    if (t > GDBSTUB_WATCH_ACCESS)
        return GDBSTUB_E_NOTSUP;
    *type = (enum gdbstub_bp_type)t;
    return GDBSTUB_OK;
}

typedef int bp_op(void *ctx, enum gdbstub_bp_type type, uint64_t addr, uint64_t kind);

static int handle(struct gdbstub *gs, struct gs_cursor *args, bp_op *op)
{
    enum gdbstub_bp_type type;
    uint64_t addr, kind;
    int rc = parse_bp(args, &type, &addr, &kind);

    if (rc < 0)
        return rc;
    if (op == NULL)
        return GDBSTUB_E_NOTSUP;
    rc = op(gs->cfg.target, type, addr, kind);
    if (rc < 0)
        return rc;
    gs_send_str(gs, "OK");
    return GDBSTUB_OK;
}

int gs_h_insert_bp(struct gdbstub *gs, struct gs_cursor *args)
{
    return handle(gs, args, gs->cfg.ops->insert_bp);
}

int gs_h_remove_bp(struct gdbstub *gs, struct gs_cursor *args)
{
    return handle(gs, args, gs->cfg.ops->remove_bp);
}

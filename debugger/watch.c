/*
 * watch.c: software watchpoints and the scope of watched locals (GDB
 * manual "Setting Watchpoints").
 *
 * A watchpoint no debug register can hold (wider than 8 bytes, unaligned,
 * or `set can-use-hw-watchpoints 0`) is a software one: run control then
 * single-steps the program and compares the object after each
 * instruction, as gdb does, so it stops right after the instruction that
 * changed it. A watchpoint on a local belongs to the frame it was set in:
 * when that frame returns (its caller resumes at the return address with
 * the stack pointer above the frame), the watchpoint is deleted and the
 * program stops there, gdb's "left the block in which its expression is
 * valid".
 */
#include <string.h>

#include <hdb/error.h>
#include <hdb/watch.h>

bool hdb_watch_soft_active(const struct hdb_session *s)
{
    for (size_t i = 0; i < s->bps.n; i++)
        if (s->bps.bps[i].kind == HDB_BP_WATCH && s->bps.bps[i].enabled && s->bps.bps[i].watch_soft)
            return true;
    return false;
}

int hdb_watch_snapshot(struct hdb_session *s, struct hdb_breakpoint *b)
{
    uint64_t addr = hdb_session_bp_runtime(s, b->watch_addr);
    if (b->watch_len <= 8) {
        b->watch_old = 0;
        return hdb_session_read(s, addr, &b->watch_old, b->watch_len) == (int)b->watch_len
                   ? 0
                   : HDB_E_IO;
    }
    if (!b->watch_data && !(b->watch_data = hdb_alloc(s->plat, b->watch_len)))
        return HDB_E_NOMEM;
    return hdb_session_read(s, addr, b->watch_data, b->watch_len) == (int)b->watch_len ? 0
                                                                                       : HDB_E_IO;
}

/* Keeps bytes as the value of a hidden convenience variable, for the stop message. */
static void keep_bytes(struct hdb_session *s, const char *slot, const struct hdb_breakpoint *b,
                       uint64_t addr)
{
    struct hdb_value v = {.kind = HDB_VAL_DWARF,
                          .unit = b->watch_unit,
                          .type = b->watch_type,
                          .lvalue = true,
                          .addr = addr};
    struct hdb_value var;
    if (hdb_values_conv(s, slot, &var) == 0)
        hdb_values_set_conv(s, var.conv1, &v);
}

bool hdb_watch_changed(struct hdb_session *s, struct hdb_breakpoint *b, uint64_t *now)
{
    uint64_t addr = hdb_session_bp_runtime(s, b->watch_addr);
    *now = 0;
    if (b->watch_len <= 8)
        return hdb_session_read(s, addr, now, b->watch_len) == (int)b->watch_len &&
               *now != b->watch_old;
    uint8_t buf[256];
    bool changed = false;
    for (unsigned off = 0; off < b->watch_len && !changed; off += sizeof(buf)) {
        unsigned n = b->watch_len - off < sizeof(buf) ? b->watch_len - off : sizeof(buf);
        if (hdb_session_read(s, addr + off, buf, n) != (int)n)
            return false;
        changed = memcmp(buf, b->watch_data + off, n) != 0;
    }
    if (changed) {
        /*
         * For the stop message: the new object and the old bytes as two
         * convenience variables no one can type (hdb_watch_old_new).
         */
        struct hdb_value old;
        int prev = hdb_session_enter_image(s, b->watch_file); /* where its type is */
        keep_bytes(s, "<watch-new>", b, addr);
        keep_bytes(s, "<watch-old>", b, addr);
        if (hdb_values_conv(s, "<watch-old>", &old) == 0)
            hdb_session_write(s, old.addr, b->watch_data, b->watch_len);
        hdb_session_activate_module(s, prev);
        hdb_session_read(s, addr, b->watch_data, b->watch_len);
    }
    return changed;
}

bool hdb_watch_soft_check(struct hdb_session *s, int64_t tid, uint64_t pc, struct hdb_event *ev)
{
    for (size_t i = 0; i < s->bps.n; i++) {
        struct hdb_breakpoint *b = &s->bps.bps[i];
        uint64_t now;
        if (b->kind != HDB_BP_WATCH || !b->enabled || !b->watch_soft ||
            !hdb_watch_changed(s, b, &now))
            continue;
        memset(ev, 0, sizeof(*ev));
        ev->kind = HDB_EV_WATCH;
        ev->bp_number = b->number;
        ev->tid = tid;
        ev->pc = pc;
        ev->old_value = b->watch_old;
        ev->new_value = now;
        ev->frame_changed = true;
        b->hits++;
        b->watch_old = now;
        return true;
    }
    return false;
}

int hdb_watch_pieces(uint64_t addr, unsigned len, uint64_t *at, unsigned *size, int max)
{
    /* Aligned 1, 2, 4 or 8-byte pieces (SDM Vol. 3 17.2.5), largest first, as gdb splits them. */
    int n = 0;
    while (len) {
        unsigned sz = 8;
        while (sz > 1 && ((addr & (sz - 1)) || sz > len))
            sz /= 2;
        if (n == max)
            return -1;
        at[n] = addr;
        size[n++] = sz;
        addr += sz;
        len -= sz;
    }
    return n;
}

int hdb_watch_old_new(struct hdb_session *s, struct hdb_value *old, struct hdb_value *now)
{
    int rc = hdb_values_conv(s, "<watch-old>", old);
    if (rc == 0)
        rc = hdb_values_conv(s, "<watch-new>", now);
    old->conv1 = now->conv1 = 0;
    return rc;
}

int hdb_watch_scope_points(const struct hdb_session *s, uint64_t *pcs, uint64_t *cfas, int *nums,
                           int max)
{
    int n = 0;
    for (size_t i = 0; i < s->bps.n && n < max; i++) {
        const struct hdb_breakpoint *b = &s->bps.bps[i];
        if (b->kind != HDB_BP_WATCH || !b->enabled || !b->watch_ret)
            continue;
        pcs[n] = b->watch_ret;
        cfas[n] = b->watch_cfa;
        nums[n++] = b->number;
    }
    return n;
}

void hdb_watch_scope_event(struct hdb_session *s, int number, int64_t tid, uint64_t pc,
                           struct hdb_event *ev)
{
    memset(ev, 0, sizeof(*ev));
    ev->kind = HDB_EV_WATCH_SCOPE;
    ev->bp_number = number;
    ev->tid = tid;
    ev->pc = pc;
    ev->frame_changed = true;
    /* Every watchpoint on the returned frame goes, in number order, as gdb deletes them. */
    const struct hdb_breakpoint *b = hdb_bp_get(&s->bps, number);
    uint64_t cfa = b ? b->watch_cfa : 0;
    for (size_t i = 0; i < s->bps.n;) {
        const struct hdb_breakpoint *w = &s->bps.bps[i];
        if (w->kind == HDB_BP_WATCH && w->watch_ret && w->watch_cfa == cfa &&
            ev->nscope_bps < (int)(sizeof(ev->scope_bps) / sizeof(ev->scope_bps[0]))) {
            ev->scope_bps[ev->nscope_bps++] = w->number;
            hdb_bp_delete(&s->bps, w->number);
        } else {
            i++;
        }
    }
    hdb_session_sync_bps(s);
}

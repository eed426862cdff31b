/*
 * regs.c: the remote target's registers: `g` read into hdb's numbering
 * through the target description's offsets (tdesc.c), written with P, or
 * with G patched from `g` where the stub does not take P (gdbserver); the
 * low halves of xmm0-15 for the floating-point values of calls the
 * debugger makes; whole `g` payloads kept across such calls (save_state).
 */
#include <string.h>

#include <gdbstub/codec.h>
#include <hdb/error.h>
#include <hdb/target.h>

#include "remote_int.h"

static struct remote *R(struct hdb_target *t)
{
    return t->impl;
}

int hdb_remote_read_regs(struct hdb_target *t, int64_t tid, struct hdb_regs *regs)
{
    struct remote *r = R(t);
    for (int i = 0; i < r->nrcache; i++) {
        if (r->rcache[i].tid == tid) {
            *regs = r->rcache[i].regs;
            return 0;
        }
    }
    int rc = hdb_remote_select_thread(r, tid);
    if (rc < 0)
        return rc;
    if ((rc = hdb_remote_command(r, "g", 1)) < 0)
        return rc;
    if (hdb_remote_reply_error(r) || r->reply_len < 2)
        return HDB_E_IO;
    memset(regs, 0, sizeof(*regs));
    for (int i = 0; i < HDB_REG_COUNT; i++) {
        const struct remote_reg *g = &r->regs[i];
        size_t at = 2u * g->offset;
        if (!g->size || g->size > 8 || at + 2u * g->size > r->reply_len)
            continue;
        uint8_t bytes[8] = {0};
        if (gdbstub_hex_decode(bytes, (const uint8_t *)r->reply + at, 2u * g->size) < 0)
            continue; /* "xx": unavailable */
        uint64_t v = 0;
        for (int b = g->size - 1; b >= 0; b--)
            v = v << 8 | bytes[b];
        regs->v[i] = v;
        regs->valid |= 1ull << i;
    }
    if (r->nrcache < (int)(sizeof(r->rcache) / sizeof(r->rcache[0]))) {
        r->rcache[r->nrcache].tid = tid;
        r->rcache[r->nrcache++].regs = *regs;
    }
    return 0;
}

/* Sends G with the payload hex (len digits): every register at once. */
static int write_all_regs(struct remote *r, const char *hex, size_t len)
{
    static char pkt[REMOTE_MAX_PACKET];
    if (len + 1 >= sizeof(pkt) || len + 1 >= r->packet_size)
        return HDB_E_NOTSUP;
    pkt[0] = 'G';
    memcpy(pkt + 1, hex, len);
    int rc = hdb_remote_command(r, pkt, len + 1);
    if (rc < 0)
        return rc;
    return hdb_remote_reply_ok(r) ? 0 : HDB_E_IO;
}

/* The registers whose valid bit is set, patched into the `g` payload and written with G. */
static int write_regs_g(struct remote *r, const struct hdb_regs *regs)
{
    static char hex[REMOTE_MAX_PACKET];
    int rc = hdb_remote_command(r, "g", 1);
    if (rc < 0)
        return rc;
    if (hdb_remote_reply_error(r) || r->reply_len < 2 || r->reply_len >= sizeof(hex))
        return HDB_E_IO;
    size_t len = r->reply_len;
    memcpy(hex, r->reply, len);
    for (int i = 0; i < HDB_REG_COUNT; i++) {
        const struct remote_reg *g = &r->regs[i];
        size_t at = 2u * g->offset;
        if (!hdb_regs_has(regs, i) || !g->size || g->size > 8 || at + 2u * g->size > len)
            continue;
        uint8_t bytes[8];
        for (int b = 0; b < g->size; b++)
            bytes[b] = (uint8_t)(regs->v[i] >> (8 * b));
        gdbstub_hex_encode((uint8_t *)hex + at, bytes, g->size);
    }
    return write_all_regs(r, hex, len);
}

int hdb_remote_write_regs(struct hdb_target *t, int64_t tid, const struct hdb_regs *regs)
{
    struct remote *r = R(t);
    r->nrcache = 0;
    int rc = hdb_remote_select_thread(r, tid);
    if (rc < 0)
        return rc;
    if (r->no_p)
        return write_regs_g(r, regs);
    for (int i = 0; i < HDB_REG_COUNT; i++) {
        if (!hdb_regs_has(regs, i) || !r->regs[i].size || r->regs[i].size > 8)
            continue;
        char hex[17];
        uint8_t bytes[8];
        for (int b = 0; b < r->regs[i].size; b++)
            bytes[b] = (uint8_t)(regs->v[i] >> (8 * b));
        gdbstub_hex_encode((uint8_t *)hex, bytes, r->regs[i].size);
        hex[2 * r->regs[i].size] = 0;
        if ((rc = hdb_remote_commandf(r, "P%x=%s", i, hex)) < 0)
            return rc;
        if (r->reply_len == 0) {
            r->no_p = true; /* P unsupported: G from now on (gdb falls back the same way) */
            return write_regs_g(r, regs);
        }
        if (!hdb_remote_reply_ok(r))
            return HDB_E_IO;
    }
    return 0;
}

/* read_sse: the low 64 bits of xmm0-15 from the `g` payload. */
int hdb_remote_read_sse(struct hdb_target *t, int64_t tid, struct hdb_regs *regs)
{
    struct remote *r = R(t);
    int rc = hdb_remote_select_thread(r, tid);
    if (rc < 0 || (rc = hdb_remote_command(r, "g", 1)) < 0)
        return rc;
    if (hdb_remote_reply_error(r) || r->reply_len < 2)
        return HDB_E_IO;
    for (int i = HDB_REG_XMM0; i < HDB_REG_XMM0 + 16; i++) {
        const struct remote_reg *g = &r->regs[i];
        uint8_t bytes[8];
        if (g->size != 16 || 2u * (g->offset + 8u) > r->reply_len ||
            gdbstub_hex_decode(bytes, (const uint8_t *)r->reply + 2u * g->offset, 16) < 0)
            return HDB_E_NOTSUP;
        uint64_t v = 0;
        for (int b = 7; b >= 0; b--)
            v = v << 8 | bytes[b];
        regs->v[i] = v;
        regs->valid |= 1ull << i;
    }
    return 0;
}

/* write_sse: those registers patched into the `g` payload (high halves zero), sent with G. */
int hdb_remote_write_sse(struct hdb_target *t, int64_t tid, const struct hdb_regs *regs)
{
    static char hex[REMOTE_MAX_PACKET];
    struct remote *r = R(t);
    r->nrcache = 0;
    int rc = hdb_remote_select_thread(r, tid);
    if (rc < 0 || (rc = hdb_remote_command(r, "g", 1)) < 0)
        return rc;
    if (hdb_remote_reply_error(r) || r->reply_len < 2 || r->reply_len >= sizeof(hex))
        return HDB_E_IO;
    size_t len = r->reply_len;
    memcpy(hex, r->reply, len);
    for (int i = HDB_REG_XMM0; i < HDB_REG_XMM0 + 16; i++) {
        const struct remote_reg *g = &r->regs[i];
        if (!hdb_regs_has(regs, i))
            continue;
        if (g->size != 16 || 2u * (g->offset + 16u) > len)
            return HDB_E_NOTSUP;
        uint8_t bytes[16] = {0};
        for (int b = 0; b < 8; b++)
            bytes[b] = (uint8_t)(regs->v[i] >> (8 * b));
        gdbstub_hex_encode((uint8_t *)hex + 2u * g->offset, bytes, 16);
    }
    return write_all_regs(r, hex, len);
}

/* save_state: the whole `g` payload, vector registers and all, kept as the stub sent it. */
int hdb_remote_save_state(struct hdb_target *t, int64_t tid)
{
    struct remote *r = R(t);
    int rc = hdb_remote_select_thread(r, tid);
    if (rc < 0)
        return rc;
    if (r->nsaved == (int)(sizeof(r->saved) / sizeof(r->saved[0])))
        return HDB_E_NOMEM;
    if ((rc = hdb_remote_command(r, "g", 1)) < 0)
        return rc;
    if (hdb_remote_reply_error(r) || r->reply_len < 2)
        return HDB_E_IO;
    char *hex = hdb_alloc(r->plat, r->reply_len);
    if (!hex)
        return HDB_E_NOMEM;
    memcpy(hex, r->reply, r->reply_len);
    r->saved[r->nsaved].tid = tid;
    r->saved[r->nsaved].hex = hex;
    r->saved[r->nsaved++].len = r->reply_len;
    return 0;
}

static void drop_saved(struct remote *r, int i)
{
    hdb_free(r->plat, r->saved[i].hex, r->saved[i].len);
    memmove(&r->saved[i], &r->saved[i + 1], (size_t)(r->nsaved - i - 1) * sizeof(r->saved[0]));
    r->nsaved--;
}

int hdb_remote_restore_state(struct hdb_target *t, int64_t tid)
{
    struct remote *r = R(t);
    int i = r->nsaved - 1;
    while (i >= 0 && r->saved[i].tid != tid)
        i--;
    if (i < 0)
        return HDB_E_NOT_FOUND;
    r->nrcache = 0;
    int rc = hdb_remote_select_thread(r, tid);
    if (rc == 0)
        rc = write_all_regs(r, r->saved[i].hex, r->saved[i].len);
    drop_saved(r, i);
    return rc;
}

void hdb_remote_drop_saved(struct remote *r)
{
    while (r->nsaved)
        drop_saved(r, r->nsaved - 1);
}

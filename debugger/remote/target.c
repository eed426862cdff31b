/*
 * target.c: struct hdb_target over the GDB remote protocol.
 *
 * All-stop, as hdb's core expects. The stub owns software breakpoints
 * (Z0: it plants them, hides them from `m`, and reports swbreak with the
 * pc already at the breakpoint); like gdb, we step a thread off a
 * breakpoint under its pc ourselves before continuing. Thread ids are the
 * stub's; gdb's thread numbers are the order in which they were first
 * seen. Registers move through Hg + g/G, P (regs.c); memory through m
 * and X (M when X is refused).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <gdbstub/codec.h>
#include <hdb/error.h>
#include <hdb/remote.h>

#include "remote_int.h"

static const struct hdb_target_ops remote_ops;

static struct remote *R(struct hdb_target *t)
{
    return t->impl;
}

/* A thread id in a reply: hex, or "pPID.TID" when the stub speaks multiprocess. */
static int64_t parse_tid(const char *p, const char **end)
{
    if (*p == 'p') {
        p = strchr(p, '.');
        if (!p) {
            *end = p;
            return 0;
        }
        p++;
    }
    char *e;
    int64_t tid = (int64_t)strtoll(p, &e, 16);
    *end = e;
    return tid;
}

static void seen_thread(struct remote *r, int64_t tid)
{
    for (int i = 0; i < r->nseen; i++)
        if (r->seen[i] == tid)
            return;
    if (r->nseen < REMOTE_MAX_THREADS)
        r->seen[r->nseen++] = tid;
}

int hdb_remote_select_thread(struct remote *r, int64_t tid)
{
    if (tid <= 0 || r->hg_thread == tid)
        return 0;
    int rc = hdb_remote_commandf(r, "Hg%llx", (unsigned long long)tid);
    if (rc < 0)
        return rc;
    if (!hdb_remote_reply_ok(r))
        return HDB_E_NOT_FOUND;
    r->hg_thread = tid;
    return 0;
}

static int parse_stop(struct remote *r, struct hdb_stop *st);

static int rm_attach(struct hdb_target *t, int64_t pid)
{
    (void)pid;
    struct remote *r = R(t);
    /* A stub that was left mid-packet ignores this '+'; one that waits for an ack takes it. */
    hdb_remote_send_byte(r, '+');
    static const char features_we_take[] =
        "qSupported:swbreak+;hwbreak+;vContSupported+;xmlRegisters=i386";
    int rc = hdb_remote_command(r, features_we_take, sizeof(features_we_take) - 1);
    if (rc < 0)
        return rc;
    bool noack = false, features = false;
    r->packet_size = 1024;
    for (char *p = r->reply; *p;) {
        char *semi = strchr(p, ';');
        if (semi)
            *semi = 0;
        if (!strncmp(p, "PacketSize=", 11))
            r->packet_size = strtoul(p + 11, NULL, 16);
        else if (!strcmp(p, "QStartNoAckMode+"))
            noack = true;
        else if (!strcmp(p, "qXfer:features:read+"))
            features = true;
        p = semi ? semi + 1 : p + strlen(p);
    }
    if (r->packet_size > REMOTE_MAX_PACKET)
        r->packet_size = REMOTE_MAX_PACKET;
    if (noack && hdb_remote_command(r, "QStartNoAckMode", 15) == 0 && hdb_remote_reply_ok(r))
        r->noack = true;
    /*
     * Select some thread first, as gdb does: gdbserver describes the
     * registers of the current thread's process and has none before.
     */
    if (hdb_remote_command(r, "Hg0", 3) < 0)
        return HDB_E_IO;
    hdb_remote_read_tdesc(r, features);
    r->hg_thread = 0;
    r->connected = true;
    rc = hdb_remote_command(r, "?", 1);
    if (rc < 0)
        return rc;
    struct hdb_stop st;
    if (parse_stop(r, &st) < 0 || st.kind == HDB_STOP_EXITED || st.kind == HDB_STOP_KILLED)
        return HDB_E_TARGET;
    return 0;
}

static int rm_launch(struct hdb_target *t, const char *path, char *const argv[], int64_t *pid)
{
    (void)t, (void)path, (void)argv, (void)pid;
    return HDB_E_NOTSUP;
}

static int rm_detach(struct hdb_target *t)
{
    struct remote *r = R(t);
    for (int i = r->nbps - 1; i >= 0; i--)
        hdb_remote_commandf(r, "z%d,%llx,1", r->bp_hw[i] ? 1 : 0, (unsigned long long)r->bps[i]);
    r->nbps = 0;
    r->nrcache = 0;
    int rc = hdb_remote_command(r, "D", 1);
    r->connected = false;
    return rc;
}

static int rm_kill(struct hdb_target *t)
{
    struct remote *r = R(t);
    /* k has no reply; the kernel's stub treats it as a detach. */
    int rc = hdb_remote_send(r, "k", 1);
    r->connected = false;
    return rc;
}

static int rm_read_mem(struct hdb_target *t, uint64_t addr, void *buf, size_t len)
{
    struct remote *r = R(t);
    size_t done = 0, max = (REMOTE_MAX_PACKET - 8) / 2;
    while (done < len) {
        size_t want = len - done < max ? len - done : max;
        int rc = hdb_remote_commandf(r, "m%llx,%zx", (unsigned long long)(addr + done), want);
        if (rc < 0)
            return rc;
        if (hdb_remote_reply_error(r) || r->reply_len < 2)
            break;
        size_t n = r->reply_len / 2 < want ? r->reply_len / 2 : want;
        if (gdbstub_hex_decode((uint8_t *)buf + done, (const uint8_t *)r->reply, 2 * n) < 0)
            break;
        done += n;
        if (n < want)
            break; /* short: the rest is unmapped */
    }
    return done ? (int)done : HDB_E_IO;
}

static int rm_write_mem(struct hdb_target *t, uint64_t addr, const void *buf, size_t len)
{
    struct remote *r = R(t);
    static char pkt[REMOTE_MAX_PACKET];
    size_t done = 0, room = r->packet_size > 64 ? r->packet_size - 40 : 64;
    bool use_x = true;
    while (done < len) {
        int head = snprintf(pkt, sizeof(pkt), "%c%llx,", use_x ? 'X' : 'M',
                            (unsigned long long)(addr + done));
        size_t n, plen;
        if (use_x) {
            /* The count after the comma is of bytes before escaping: encode, then write it. */
            uint8_t enc[REMOTE_MAX_PACKET / 2];
            size_t take = len - done < room ? len - done : room;
            size_t elen = gdbstub_escape(enc, room, (const uint8_t *)buf + done, take, &n);
            head += snprintf(pkt + head, sizeof(pkt) - (size_t)head, "%zx:", n);
            memcpy(pkt + head, enc, elen);
            plen = (size_t)head + elen;
        } else {
            n = len - done < room / 2 ? len - done : room / 2;
            head += snprintf(pkt + head, sizeof(pkt) - (size_t)head, "%zx:", n);
            gdbstub_hex_encode((uint8_t *)pkt + head, (const uint8_t *)buf + done, n);
            plen = (size_t)head + 2 * n;
        }
        int rc = hdb_remote_command(r, pkt, plen);
        if (rc < 0)
            return rc;
        if (use_x && r->reply_len == 0) {
            use_x = false; /* the stub has no X */
            continue;
        }
        if (!hdb_remote_reply_ok(r))
            break;
        done += n;
    }
    return done ? (int)done : HDB_E_IO;
}

static int find_bp(struct remote *r, uint64_t addr)
{
    for (int i = 0; i < r->nbps; i++)
        if (r->bps[i] == addr)
            return i;
    return -1;
}

static int rm_insert_bp(struct hdb_target *t, uint64_t addr)
{
    struct remote *r = R(t);
    if (find_bp(r, addr) >= 0)
        return 0;
    if (r->nbps == REMOTE_MAX_BPS)
        return HDB_E_NOMEM;
    /* Z0 first; where the stub cannot write an int3 (ROM, a refusal), a hardware one. */
    for (int type = 0; type <= 1; type++) {
        int rc = hdb_remote_commandf(r, "Z%d,%llx,1", type, (unsigned long long)addr);
        if (rc < 0)
            return rc;
        if (hdb_remote_reply_ok(r)) {
            r->bp_hw[r->nbps] = type == 1;
            r->bps[r->nbps++] = addr;
            return 0;
        }
    }
    return HDB_E_IO;
}

static int rm_remove_bp(struct hdb_target *t, uint64_t addr)
{
    struct remote *r = R(t);
    int i = find_bp(r, addr);
    if (i < 0)
        return HDB_E_NOT_FOUND;
    int rc = hdb_remote_commandf(r, "z%d,%llx,1", r->bp_hw[i] ? 1 : 0, (unsigned long long)addr);
    r->bps[i] = r->bps[r->nbps - 1];
    r->bp_hw[i] = r->bp_hw[r->nbps - 1];
    r->nbps--;
    return rc < 0 ? rc : hdb_remote_reply_ok(r) ? 0 : HDB_E_IO;
}

/* Z2 write, Z3 read, Z4 access (GDB manual "Packets", z type). */
static int watch_type(int kind)
{
    return kind == HDB_WATCH_WRITE ? 2 : 4;
}

static int rm_insert_watch(struct hdb_target *t, uint64_t addr, unsigned len, int kind)
{
    struct remote *r = R(t);
    int rc = hdb_remote_commandf(r, "Z%d,%llx,%x", watch_type(kind), (unsigned long long)addr, len);
    if (rc < 0)
        return rc;
    return hdb_remote_reply_ok(r) ? 0 : r->reply_len == 0 ? HDB_E_NOTSUP : HDB_E_NOMEM;
}

static int rm_remove_watch(struct hdb_target *t, uint64_t addr, unsigned len, int kind)
{
    struct remote *r = R(t);
    int rc = hdb_remote_commandf(r, "z%d,%llx,%x", watch_type(kind), (unsigned long long)addr, len);
    return rc < 0 ? rc : hdb_remote_reply_ok(r) ? 0 : HDB_E_IO;
}

/* Fills st from a stop reply in r->reply (GDB manual "Stop Reply Packets"). */
static int parse_stop(struct remote *r, struct hdb_stop *st)
{
    memset(st, 0, sizeof(*st));
    r->nrcache = 0; /* a stop reply: the target ran */
    const char *p = r->reply;
    char kind = *p;
    unsigned sig = 0;
    if (kind == 'T' || kind == 'S' || kind == 'W' || kind == 'X') {
        if (r->reply_len < 3)
            return HDB_E_IO;
        int h = gdbstub_hex_value((uint8_t)p[1]), l = gdbstub_hex_value((uint8_t)p[2]);
        if (h < 0 || l < 0)
            return HDB_E_IO;
        sig = (unsigned)(h << 4 | l);
    } else {
        return HDB_E_IO;
    }
    if (kind == 'W') {
        st->kind = HDB_STOP_EXITED;
        st->exit_code = (int)sig;
        return 0;
    }
    if (kind == 'X') {
        st->kind = HDB_STOP_KILLED;
        st->signal = (int)sig;
        return 0;
    }
    st->signal = (int)sig;
    st->kind = HDB_STOP_SIGNAL;
    st->tid = r->stop_tid;
    bool swbreak = false, watch = false;
    for (p += 3; *p;) {
        const char *colon = strchr(p, ':'), *semi = strchr(p, ';');
        if (!colon || (semi && semi < colon))
            break;
        size_t klen = (size_t)(colon - p);
        const char *v = colon + 1, *end;
        if (klen == 6 && !strncmp(p, "thread", 6)) {
            st->tid = parse_tid(v, &end);
        } else if ((klen == 5 && !strncmp(p, "watch", 5)) ||
                   (klen == 6 && (!strncmp(p, "rwatch", 6) || !strncmp(p, "awatch", 6)))) {
            watch = true;
            st->watch_addr = strtoull(v, NULL, 16);
        } else if ((klen == 7 && !strncmp(p, "swbreak", 7)) ||
                   (klen == 7 && !strncmp(p, "hwbreak", 7))) {
            swbreak = true;
        }
        p = semi ? semi + 1 : v + strlen(v);
    }
    if (kind == 'S' || st->tid == 0) {
        /* No thread in the reply: ask which one (qC). */
        if (hdb_remote_command(r, "qC", 2) == 0 && r->reply[0] == 'Q' && r->reply[1] == 'C')
            st->tid = parse_tid(r->reply + 2, &p);
    }
    r->stop_tid = st->tid;
    r->hg_thread = 0; /* a stub may reset its selection at a stop; select again */
    struct hdb_regs regs;
    if (hdb_remote_read_regs(&(struct hdb_target){&remote_ops, r}, st->tid, &regs) == 0 &&
        hdb_regs_has(&regs, HDB_REG_RIP))
        st->pc = regs.v[HDB_REG_RIP];
    if (sig == HDB_SIGTRAP) {
        if (watch)
            st->kind = HDB_STOP_WATCH;
        else if (swbreak || find_bp(r, st->pc) >= 0)
            st->kind = HDB_STOP_BREAKPOINT;
        else if (r->stepping)
            st->kind = HDB_STOP_STEP;
    }
    return 0;
}

/*
 * Waits for the running target's stop reply. Ctrl-C sends the interrupt
 * byte (GDB manual "Interrupts"); the stub answers with a stop (SIGINT).
 */
static int wait_stop(struct remote *r, struct hdb_stop *st)
{
    for (;;) {
        int rc = hdb_remote_recv(r, -1);
        if (rc == HDB_E_INTERRUPTED) {
            if ((rc = hdb_remote_send_byte(r, 0x03)) < 0)
                return rc;
            continue;
        }
        if (rc < 0)
            return rc;
        if (parse_stop(r, st) == 0)
            return 0;
        /* Anything else while running (a late reply) is not a stop: keep waiting. */
    }
}

static int rm_resume(struct hdb_target *t, enum hdb_resume_kind kind, int64_t tid, int signal)
{
    struct remote *r = R(t);
    char action[4] = "c";
    if (tid <= 0)
        tid = r->stop_tid;
    /* Step the thread off a breakpoint under its pc (the stub leaves that to us, like gdb). */
    struct hdb_regs regs;
    int i;
    if (kind == HDB_RESUME_CONTINUE && tid > 0 && hdb_remote_read_regs(t, tid, &regs) == 0 &&
        (i = find_bp(r, regs.v[HDB_REG_RIP])) >= 0) {
        uint64_t at = r->bps[i];
        rm_remove_bp(t, at);
        r->stepping = true;
        int rc = hdb_remote_commandf(r, "vCont;s:%llx", (unsigned long long)tid);
        if (rc < 0)
            return rc;
        struct hdb_stop st;
        if (parse_stop(r, &st) < 0) {
            /* The stub sent OK or nothing useful before the stop: wait for it. */
            if ((rc = wait_stop(r, &st)) < 0)
                return rc;
        }
        r->stepping = false;
        rm_insert_bp(t, at);
        if (st.kind == HDB_STOP_EXITED || st.kind == HDB_STOP_KILLED)
            return HDB_E_EXITED;
    }
    if (kind == HDB_RESUME_STEP && tid > 0 && hdb_remote_read_regs(t, tid, &regs) == 0 &&
        (i = find_bp(r, regs.v[HDB_REG_RIP])) >= 0) {
        /* gdbserver executes its own int3 on a step: lift it for this step (rm_wait plants it). */
        r->reinsert = r->bps[i];
        rm_remove_bp(t, r->reinsert);
    }
    if (signal > 0 && signal < 256)
        snprintf(action, sizeof(action), "%c%02x", kind == HDB_RESUME_STEP ? 'S' : 'C', signal);
    else if (kind == HDB_RESUME_STEP)
        action[0] = 's';
    r->stepping = kind == HDB_RESUME_STEP;
    r->nrcache = 0;
    char pkt[64];
    int n = kind == HDB_RESUME_STEP
                ? snprintf(pkt, sizeof(pkt), "vCont;%s:%llx", action, (unsigned long long)tid)
                : snprintf(pkt, sizeof(pkt), "vCont;%s", action);
    r->hg_thread = 0;
    return hdb_remote_send(r, pkt, (size_t)n);
}

static int rm_wait(struct hdb_target *t, struct hdb_stop *st)
{
    struct remote *r = R(t);
    int rc = wait_stop(r, st);
    r->stepping = false;
    if (r->reinsert && rc == 0 && st->kind != HDB_STOP_EXITED && st->kind != HDB_STOP_KILLED)
        rm_insert_bp(t, r->reinsert);
    r->reinsert = 0;
    return rc;
}

static int rm_threads(struct hdb_target *t, int64_t *tids, uint32_t *serials, int max)
{
    struct remote *r = R(t);
    int64_t now[REMOTE_MAX_THREADS];
    int n = 0;
    int rc = hdb_remote_command(r, "qfThreadInfo", 12);
    while (rc == 0 && r->reply[0] == 'm') {
        for (const char *p = r->reply + 1; *p && n < REMOTE_MAX_THREADS;) {
            const char *end;
            now[n++] = parse_tid(p, &end);
            p = *end == ',' ? end + 1 : end + strlen(end);
        }
        rc = hdb_remote_command(r, "qsThreadInfo", 12);
    }
    if (rc < 0)
        return rc;
    if (n == 0 && r->stop_tid > 0)
        now[n++] = r->stop_tid; /* a stub without thread support: one thread */
    for (int i = 0; i < n; i++)
        seen_thread(r, now[i]);
    /* In the order first seen, so that thread numbers never change. */
    int out = 0;
    for (int s = 0; s < r->nseen; s++) {
        for (int i = 0; i < n; i++) {
            if (now[i] != r->seen[s])
                continue;
            if (out < max) {
                tids[out] = now[i];
                serials[out] = (uint32_t)s + 1;
            }
            out++;
        }
    }
    return out;
}

static int rm_set_signal_policy(struct hdb_target *t, int signal, struct hdb_signal_policy p)
{
    (void)t, (void)signal, (void)p;
    return 0; /* the stub decides what it reports */
}

/* qXfer:auxv:read (gdbserver has it; the kernel's stub does not): the load bias of a PIE. */
static int rm_read_auxv(struct hdb_target *t, void *buf, size_t len)
{
    struct remote *r = R(t);
    if (len < 2)
        return HDB_E_ARG;
    return hdb_remote_xfer_read(r, "auxv", "", buf, len);
}

static int rm_exe_path(struct hdb_target *t, char *buf, size_t len)
{
    (void)t, (void)buf, (void)len;
    return HDB_E_NOTSUP;
}

static int rm_thread_name(struct hdb_target *t, int64_t tid, char *buf, size_t len)
{
    struct remote *r = R(t);
    int rc = hdb_remote_commandf(r, "qThreadExtraInfo,%llx", (unsigned long long)tid);
    if (rc < 0)
        return rc;
    if (r->reply_len < 2 || hdb_remote_reply_error(r))
        return HDB_E_NOT_FOUND;
    size_t n = r->reply_len / 2 < len - 1 ? r->reply_len / 2 : len - 1;
    if (gdbstub_hex_decode((uint8_t *)buf, (const uint8_t *)r->reply, 2 * n) < 0)
        return HDB_E_IO;
    buf[n] = 0;
    return 0;
}

static int64_t rm_stop_thread(struct hdb_target *t)
{
    return R(t)->stop_tid;
}

static int rm_os_table(struct hdb_target *t, const char *type, char *buf, size_t len)
{
    return hdb_remote_xfer_read(R(t), "osdata", type, buf, len);
}

static int rm_monitor(struct hdb_target *t, const char *cmd,
                      void (*out)(void *ctx, const char *s, size_t len), void *ctx)
{
    struct remote *r = R(t);
    static char pkt[REMOTE_MAX_PACKET];
    size_t n = strlen(cmd);
    if (6 + 2 * n >= sizeof(pkt) || 6 + 2 * n >= r->packet_size)
        return HDB_E_ARG;
    memcpy(pkt, "qRcmd,", 6);
    gdbstub_hex_encode((uint8_t *)pkt + 6, (const uint8_t *)cmd, n);
    r->console = out;
    r->console_ctx = ctx;
    int rc = hdb_remote_command(r, pkt, 6 + 2 * n);
    r->console = NULL;
    if (rc < 0)
        return rc;
    if (r->reply_len == 0)
        return HDB_E_NOTSUP;
    if (hdb_remote_reply_ok(r))
        return 0;
    if (hdb_remote_reply_error(r))
        return HDB_E_TARGET;
    /* A stub may answer with the text itself, hex-encoded. */
    char text[REMOTE_MAX_PACKET / 2];
    int tn = gdbstub_hex_decode((uint8_t *)text, (const uint8_t *)r->reply, r->reply_len);
    if (tn > 0)
        out(ctx, text, (size_t)tn);
    return 0;
}

static const struct hdb_target_ops remote_ops = {
    .launch = rm_launch,
    .attach = rm_attach,
    .detach = rm_detach,
    .kill = rm_kill,
    .read_regs = hdb_remote_read_regs,
    .write_regs = hdb_remote_write_regs,
    .read_mem = rm_read_mem,
    .write_mem = rm_write_mem,
    .insert_bp = rm_insert_bp,
    .remove_bp = rm_remove_bp,
    .insert_watch = rm_insert_watch,
    .remove_watch = rm_remove_watch,
    .resume = rm_resume,
    .wait = rm_wait,
    .threads = rm_threads,
    .set_signal_policy = rm_set_signal_policy,
    .read_auxv = rm_read_auxv,
    .exe_path = rm_exe_path,
    .thread_name = rm_thread_name,
    .stop_thread = rm_stop_thread,
    .os_table = rm_os_table,
    .monitor = rm_monitor,
    .save_state = hdb_remote_save_state,
    .restore_state = hdb_remote_restore_state,
    .read_sse = hdb_remote_read_sse,
    .write_sse = hdb_remote_write_sse,
};

int hdb_remote_target_new(struct hdb_target *t, const struct hdb_platform *plat,
                          struct hdb_link link)
{
    struct remote *r = hdb_alloc(plat, sizeof(*r));
    if (!r)
        return HDB_E_NOMEM;
    memset(r, 0, sizeof(*r));
    r->plat = plat;
    r->link = link;
    r->packet_size = 1024;
    t->ops = &remote_ops;
    t->impl = r;
    return 0;
}

void hdb_remote_target_free(struct hdb_target *t)
{
    struct remote *r = R(t);
    if (!r)
        return;
    r->link.close(r->link.ctx);
    hdb_remote_drop_saved(r);
    hdb_free(r->plat, r, sizeof(*r));
    t->impl = NULL;
}

bool hdb_remote_target_is(const struct hdb_target *t)
{
    return t->ops == &remote_ops;
}

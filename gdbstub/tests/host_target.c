/*
 * host_target.c: a small in-memory x86_64 "machine" served to stock gdb
 * over TCP through the gdbstub engine: the oracle test's far end
 * (gdb_oracle.sh). It plays the part the kernel will play over COM2.
 *
 *   host_target PORTFILE
 *
 * Listens on 127.0.0.1 on an ephemeral port, writes the port number to
 * PORTFILE, then serves connections one after another until gdb kills the
 * target or MAX_SESSIONS have ended. An alarm bounds its whole life.
 *
 * The machine: three threads (1 "kernel", 2 "init", 3 "shell"); memory at
 * CODE (nops), DATA (byte i holds i) and STACK, with a hole at HOLE;
 * breakpoints in a table. Continue "fires" the first write watchpoint by
 * adding one to the watched long, else "hits" the lowest software
 * breakpoint by moving the thread's rip there, else runs until gdb
 * interrupts (and says so on stderr). Step advances rip by one: every
 * instruction is a one-byte nop.
 */
#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "gdbstub/gdbstub.h"
#include "gdbstub/x86_64.h"

#define CODE 0x401000u
#define DATA 0x600000u
#define STACK 0x7fe000u
#define HOLE 0x500000u
#define REGION 0x2000u
#define NTHREADS 3
#define MAX_BPS 16
#define MAX_SESSIONS 4
#define LIFETIME_S 120

struct region {
    uint64_t base;
    uint8_t bytes[REGION];
};

struct machine {
    uint8_t regs[NTHREADS + 1][GDBSTUB_X86_64_REGS_BYTES];
    struct region mem[3];
    struct {
        bool used;
        enum gdbstub_bp_type type;
        uint64_t addr, kind;
    } bps[MAX_BPS];
    int fd;
    bool killed;
};

static size_t reg_off(uint32_t regnum)
{
    size_t off = 0;

    for (uint32_t i = 0; i < regnum; i++)
        off += gdbstub_arch_x86_64.reg_sizes[i];
    return off;
}

static void set_reg(struct machine *m, int64_t tid, uint32_t regnum, uint64_t v)
{
    size_t size = gdbstub_arch_x86_64.reg_sizes[regnum];

    memcpy(m->regs[tid] + reg_off(regnum), &v, size < 8 ? size : 8);
}

static uint64_t get_reg(struct machine *m, int64_t tid, uint32_t regnum)
{
    uint64_t v = 0;

    memcpy(&v, m->regs[tid] + reg_off(regnum), 8);
    return v;
}

static void machine_init(struct machine *m)
{
    memset(m, 0, sizeof(*m));
    m->mem[0].base = CODE;
    memset(m->mem[0].bytes, 0x90, REGION);
    m->mem[1].base = DATA;
    for (unsigned i = 0; i < REGION; i++)
        m->mem[1].bytes[i] = (uint8_t)i;
    m->mem[2].base = STACK;
    for (int64_t t = 1; t <= NTHREADS; t++) {
        for (uint32_t r = GDBSTUB_X86_64_RAX; r <= GDBSTUB_X86_64_R15; r++)
            set_reg(m, t, r, 0x100u * (uint64_t)t + r);
        set_reg(m, t, GDBSTUB_X86_64_RBP, 0);
        set_reg(m, t, GDBSTUB_X86_64_RSP, STACK + 0x1000u * (uint64_t)t - 0x100);
        set_reg(m, t, GDBSTUB_X86_64_RIP, CODE + 0x10u * (uint64_t)(t - 1));
        set_reg(m, t, GDBSTUB_X86_64_EFLAGS, 0x246);
        set_reg(m, t, GDBSTUB_X86_64_CS, 0x33);
        set_reg(m, t, GDBSTUB_X86_64_SS, 0x2b);
        set_reg(m, t, GDBSTUB_X86_64_FCTRL, 0x37f);
        set_reg(m, t, GDBSTUB_X86_64_MXCSR, 0x1f80);
        set_reg(m, t, GDBSTUB_X86_64_FS_BASE, 0x7ffff7d80000u + 0x1000u * (uint64_t)t);
    }
}

static int64_t pick(int64_t tid)
{
    return tid >= 1 && tid <= NTHREADS ? tid : 1;
}

static int read_reg(void *ctx, int64_t tid, uint32_t regnum, uint8_t *buf, size_t size)
{
    struct machine *m = ctx;

    memcpy(buf, m->regs[pick(tid)] + reg_off(regnum), size);
    return GDBSTUB_OK;
}

static int write_reg(void *ctx, int64_t tid, uint32_t regnum, const uint8_t *buf, size_t size)
{
    struct machine *m = ctx;

    memcpy(m->regs[pick(tid)] + reg_off(regnum), buf, size);
    return GDBSTUB_OK;
}

static uint8_t *byte_at(struct machine *m, uint64_t addr)
{
    for (int i = 0; i < 3; i++) {
        if (addr >= m->mem[i].base && addr - m->mem[i].base < REGION)
            return &m->mem[i].bytes[addr - m->mem[i].base];
    }
    return NULL;
}

static int read_mem(void *ctx, int64_t tid, uint64_t addr, uint8_t *buf, size_t len, size_t *done)
{
    (void)tid;
    for (*done = 0; *done < len; (*done)++) {
        uint8_t *p = byte_at(ctx, addr + *done);
        if (p == NULL)
            return GDBSTUB_E_FAULT;
        buf[*done] = *p;
    }
    return GDBSTUB_OK;
}

static int write_mem(void *ctx, int64_t tid, uint64_t addr, const uint8_t *buf, size_t len,
                     size_t *done)
{
    (void)tid;
    for (*done = 0; *done < len; (*done)++) {
        uint8_t *p = byte_at(ctx, addr + *done);
        if (p == NULL)
            return GDBSTUB_E_FAULT;
        *p = buf[*done];
    }
    return GDBSTUB_OK;
}

static int insert_bp(void *ctx, enum gdbstub_bp_type type, uint64_t addr, uint64_t kind)
{
    struct machine *m = ctx;

    for (int i = 0; i < MAX_BPS; i++) {
        if (!m->bps[i].used) {
            m->bps[i].used = true;
            m->bps[i].type = type;
            m->bps[i].addr = addr;
            m->bps[i].kind = kind;
            return GDBSTUB_OK;
        }
    }
    return GDBSTUB_E_NOSPC;
}

static int remove_bp(void *ctx, enum gdbstub_bp_type type, uint64_t addr, uint64_t kind)
{
    struct machine *m = ctx;

    for (int i = 0; i < MAX_BPS; i++) {
        if (m->bps[i].used && m->bps[i].type == type && m->bps[i].addr == addr &&
            m->bps[i].kind == kind) {
            m->bps[i].used = false;
            return GDBSTUB_OK;
        }
    }
    return GDBSTUB_E_INVAL;
}

static int resume(void *ctx, const struct gdbstub_resume_action *acts, size_t n,
                  struct gdbstub_stop *stop)
{
    struct machine *m = ctx;
    int64_t tid = pick(acts[0].tid);
    uint64_t best = UINT64_MAX;

    (void)n;
    *stop = (struct gdbstub_stop){.signal = GDBSTUB_SIGTRAP, .tid = tid};
    if (acts[0].kind == GDBSTUB_RESUME_STEP) {
        set_reg(m, tid, GDBSTUB_X86_64_RIP, get_reg(m, tid, GDBSTUB_X86_64_RIP) + 1);
        return GDBSTUB_RESUME_STOPPED;
    }
    for (int i = 0; i < MAX_BPS; i++) {
        uint8_t *p = byte_at(m, m->bps[i].addr);
        if (m->bps[i].used && m->bps[i].type == GDBSTUB_WATCH_WRITE && p != NULL) {
            uint64_t v;
            memcpy(&v, p, sizeof(v));
            v++;
            memcpy(p, &v, sizeof(v));
            stop->reason = GDBSTUB_REASON_WATCH;
            stop->watch_addr = m->bps[i].addr;
            return GDBSTUB_RESUME_STOPPED;
        }
    }
    for (int i = 0; i < MAX_BPS; i++) {
        if (m->bps[i].used && m->bps[i].type == GDBSTUB_BP_SOFTWARE && m->bps[i].addr < best)
            best = m->bps[i].addr;
    }
    if (best == UINT64_MAX) {
        fprintf(stderr, "host_target: running\n");
        return 0; /* until gdb interrupts */
    }
    set_reg(m, tid, GDBSTUB_X86_64_RIP, best);
    stop->reason = GDBSTUB_REASON_SWBREAK;
    return GDBSTUB_RESUME_STOPPED;
}

static int thread_at(void *ctx, size_t index, int64_t *tid)
{
    (void)ctx;
    if (index >= NTHREADS)
        return GDBSTUB_E_NOTHREAD;
    *tid = (int64_t)index + 1;
    return GDBSTUB_OK;
}

static int thread_alive(void *ctx, int64_t tid)
{
    (void)ctx;
    return tid >= 1 && tid <= NTHREADS ? GDBSTUB_OK : GDBSTUB_E_NOTHREAD;
}

static int current_thread(void *ctx, int64_t *tid)
{
    (void)ctx;
    *tid = 1;
    return GDBSTUB_OK;
}

static int thread_extra_info(void *ctx, int64_t tid, char *buf, size_t size, size_t *len)
{
    static const char *const names[] = {"", "kernel", "init", "shell"};

    (void)ctx;
    if (tid < 1 || tid > NTHREADS)
        return GDBSTUB_E_NOTHREAD;
    *len = (size_t)snprintf(buf, size, "%s", names[tid]);
    return GDBSTUB_OK;
}

static int monitor(void *ctx, struct gdbstub *gs, const char *cmd, size_t len)
{
    static const char hello[] = "Hello from the Helios host target\n";

    (void)ctx;
    if (len == 5 && memcmp(cmd, "hello", 5) == 0)
        return gdbstub_console_write(gs, hello, sizeof(hello) - 1);
    return GDBSTUB_E_INVAL;
}

static int kill_target(void *ctx)
{
    ((struct machine *)ctx)->killed = true;
    return GDBSTUB_OK;
}

static const struct gdbstub_target_ops ops = {
    .read_reg = read_reg,
    .write_reg = write_reg,
    .read_mem = read_mem,
    .write_mem = write_mem,
    .insert_bp = insert_bp,
    .remove_bp = remove_bp,
    .resume = resume,
    .thread_at = thread_at,
    .thread_alive = thread_alive,
    .current_thread = current_thread,
    .thread_extra_info = thread_extra_info,
    .monitor = monitor,
    .kill = kill_target,
};

static void put(void *io, const uint8_t *buf, size_t len)
{
    struct machine *m = io;

    while (len > 0) {
        ssize_t n = send(m->fd, buf, len, 0);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            return; /* gdb went away; the read loop notices */
        buf += n;
        len -= (size_t)n;
    }
}

static int listen_ephemeral(const char *portfile)
{
    struct sockaddr_in sa = {.sin_family = AF_INET, .sin_port = 0};
    socklen_t salen = sizeof(sa);
    char tmp[4096];
    FILE *f;
    int fd = socket(AF_INET, SOCK_STREAM, 0);

    sa.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (fd < 0 || bind(fd, (struct sockaddr *)&sa, sizeof(sa)) < 0 || listen(fd, 1) < 0 ||
        getsockname(fd, (struct sockaddr *)&sa, &salen) < 0) {
        perror("host_target: listen");
        exit(2);
    }
    /* written whole, then renamed: the script never reads half a number */
    snprintf(tmp, sizeof(tmp), "%s.tmp", portfile);
    f = fopen(tmp, "w");
    if (f == NULL || fprintf(f, "%u\n", ntohs(sa.sin_port)) < 0 || fclose(f) != 0 ||
        rename(tmp, portfile) != 0) {
        perror("host_target: port file");
        exit(2);
    }
    return fd;
}

static void serve(struct machine *m, struct gdbstub *gs)
{
    uint8_t buf[4096];

    gdbstub_reset(gs);
    for (;;) {
        ssize_t n = recv(m->fd, buf, sizeof(buf), 0);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            return;
        int ev = gdbstub_feed(gs, buf, (size_t)n);
        if ((ev & GDBSTUB_EV_INTERRUPT) && gdbstub_running(gs)) {
            struct gdbstub_stop stop = {.signal = GDBSTUB_SIGINT, .tid = 1};
            gdbstub_report_stop(gs, &stop);
        }
        if (ev & (GDBSTUB_EV_KILLED | GDBSTUB_EV_DETACHED))
            return;
    }
}

int main(int argc, char **argv)
{
    static struct machine m;
    static uint8_t rx[4096], tx[4096];
    struct gdbstub gs;
    struct gdbstub_config cfg = {
        .ops = &ops,
        .target = &m,
        .arch = &gdbstub_arch_x86_64,
        .put = put,
        .io = &m,
        .rx_buf = rx,
        .rx_size = sizeof(rx),
        .tx_buf = tx,
        .tx_size = sizeof(tx),
        .rle = true, /* as the kernel's stub and the debug server: gdb must decode it */
    };
    int lfd;

    if (argc != 2) {
        fprintf(stderr, "usage: %s PORTFILE\n", argv[0]);
        return 2;
    }
    signal(SIGPIPE, SIG_IGN);
    alarm(LIFETIME_S);
    machine_init(&m);
    if (gdbstub_init(&gs, &cfg) != GDBSTUB_OK) {
        fprintf(stderr, "host_target: gdbstub_init failed\n");
        return 2;
    }
    lfd = listen_ephemeral(argv[1]);
    for (int s = 0; s < MAX_SESSIONS && !m.killed; s++) {
        m.fd = accept(lfd, NULL, NULL);
        if (m.fd < 0) {
            perror("host_target: accept");
            return 2;
        }
        fprintf(stderr, "host_target: session %d\n", s + 1);
        serve(&m, &gs);
        close(m.fd);
    }
    close(lfd);
    return 0;
}

/*
 * link.c: byte streams to remote targets (struct hdb_link in
 * hdb/platform.h): a TCP connection (TCP_NODELAY, since the remote
 * protocol is many small request/reply exchanges) or a serial line put
 * into raw mode at 115200 8N1, as the kernel's stub on COM2 expects.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <netdb.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <termios.h>
#include <unistd.h>

#include <hdb/error.h>
#include <hdb-linux/platform.h>

struct lx_link {
    int fd;
    struct sigaction old_sigint, old_sigpipe;
};

/*
 * While a link is open, Ctrl-C interrupts a read (no SA_RESTART) instead
 * of killing hdb: the remote target then sends the stub its interrupt.
 */
static volatile sig_atomic_t sigint_seen;

static void on_sigint(int sig)
{
    (void)sig;
    sigint_seen = 1;
}

static int link_read(void *ctx, void *buf, size_t len, int timeout_ms)
{
    struct lx_link *l = ctx;
    struct pollfd pfd = {.fd = l->fd, .events = POLLIN};
    for (;;) {
        int n = poll(&pfd, 1, timeout_ms);
        if (n < 0 && errno == EINTR && sigint_seen) {
            sigint_seen = 0;
            return HDB_E_INTERRUPTED;
        }
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0)
            return HDB_E_IO;
        if (n == 0)
            return 0;
        ssize_t r = read(l->fd, buf, len);
        if (r < 0 && (errno == EINTR || errno == EAGAIN))
            continue;
        if (r < 0)
            return HDB_E_IO;
        if (r == 0)
            return HDB_E_EXITED;
        return (int)r;
    }
}

static int link_write(void *ctx, const void *buf, size_t len)
{
    struct lx_link *l = ctx;
    const char *p = buf;
    while (len) {
        ssize_t w = write(l->fd, p, len);
        if (w < 0 && errno == EINTR)
            continue;
        if (w <= 0)
            return HDB_E_IO;
        p += w;
        len -= (size_t)w;
    }
    return 0;
}

static void link_close(void *ctx)
{
    struct lx_link *l = ctx;
    sigaction(SIGINT, &l->old_sigint, NULL);
    sigaction(SIGPIPE, &l->old_sigpipe, NULL);
    close(l->fd);
    free(l);
}

static int connect_tcp(const char *host, const char *port)
{
    struct addrinfo hints = {.ai_family = AF_UNSPEC, .ai_socktype = SOCK_STREAM}, *res, *ai;
    if (getaddrinfo(host, port, &hints, &res) != 0)
        return HDB_E_NOT_FOUND;
    int fd = -1;
    for (ai = res; ai; ai = ai->ai_next) {
        fd = socket(ai->ai_family, ai->ai_socktype | SOCK_CLOEXEC, ai->ai_protocol);
        if (fd < 0)
            continue;
        if (connect(fd, ai->ai_addr, ai->ai_addrlen) == 0)
            break;
        close(fd);
        fd = -1;
    }
    freeaddrinfo(res);
    if (fd < 0)
        return HDB_E_TARGET;
    int one = 1;
    setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof(one));
    return fd;
}

static int open_serial(const char *path)
{
    int fd = open(path, O_RDWR | O_NOCTTY | O_CLOEXEC);
    if (fd < 0)
        return errno == ENOENT ? HDB_E_NOT_FOUND : HDB_E_TARGET;
    struct termios tio;
    if (tcgetattr(fd, &tio) == 0) { /* a pipe or socket path has no line settings: leave it */
        cfmakeraw(&tio);
        cfsetispeed(&tio, B115200);
        cfsetospeed(&tio, B115200);
        tio.c_cflag |= CLOCAL | CREAD;
        tio.c_cc[VMIN] = 1;
        tio.c_cc[VTIME] = 0;
        tcsetattr(fd, TCSANOW, &tio);
    }
    return fd;
}

int hdb_linux_open_link(void *ctx, const char *where, struct hdb_link *out)
{
    (void)ctx;
    int fd;
    if (!strncmp(where, "tcp:", 4))
        where += 4;
    const char *colon = strrchr(where, ':');
    if (where[0] != '/' && colon) {
        char host[256];
        size_t n = (size_t)(colon - where);
        if (n >= sizeof(host))
            return HDB_E_ARG;
        memcpy(host, where, n);
        host[n] = 0;
        fd = connect_tcp(n ? host : "localhost", colon + 1);
    } else {
        fd = open_serial(where);
    }
    if (fd < 0)
        return fd;
    struct lx_link *l = malloc(sizeof(*l));
    if (!l) {
        close(fd);
        return HDB_E_NOMEM;
    }
    l->fd = fd;
    struct sigaction sa = {.sa_handler = on_sigint};
    sigemptyset(&sa.sa_mask);
    sigint_seen = 0;
    sigaction(SIGINT, &sa, &l->old_sigint);
    /* A stub that hangs up makes the next write fail with EPIPE, not kill hdb. */
    struct sigaction ign = {.sa_handler = SIG_IGN};
    sigaction(SIGPIPE, &ign, &l->old_sigpipe);
    *out = (struct hdb_link){link_read, link_write, link_close, l};
    return 0;
}

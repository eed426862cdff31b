/*
 * progterm.c: the debugged program's own terminal while the TUI owns
 * hdb's (hdb/platform.h: prog_terminal, prog_output).
 *
 * A pseudo-terminal pair is opened once; programs launched while it is on
 * start a session of their own with the pty's slave as their controlling
 * terminal and as stdin, stdout and stderr, so nothing they write reaches
 * the screen curses draws. A thread reads the master into a buffer as the
 * output comes: a program that prints a lot never blocks on a full pty
 * while hdb waits for it to stop (the buffer keeps the newest
 * PROG_BUF bytes). hdb itself keeps the slave open, so the master polls
 * wait instead of failing between two programs. The master is read only
 * under the buffer's lock, by the thread and by prog_output alike: what
 * the program wrote before it stopped is taken when hdb asks for it,
 * whether or not the thread has been scheduled since, and in order.
 *
 * Ctrl-C reaches hdb alone (the program is in another session): while
 * hdb waits for the program, hdb's SIGINT handler (interrupt.c) types the
 * terminal's interrupt character on the program's pty, whose line
 * discipline signals the program's foreground process group, so the
 * program stops with SIGINT as on a shared terminal, and gdb's way.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <pthread.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <termios.h>
#include <unistd.h>

#include <hdb/error.h>
#include <hdb-linux/platform.h>

#define PROG_BUF (256 * 1024)

static struct {
    pthread_mutex_t lock;
    bool open, on;
    int master, slave;
    char slave_path[64];
    pthread_t reader;
    char buf[PROG_BUF]; /* a ring: len bytes from head */
    size_t head, len;
    char intr; /* the pty's interrupt character (VINTR) */
} pt = {.lock = PTHREAD_MUTEX_INITIALIZER, .master = -1, .slave = -1};

bool hdb_linux_prog_terminal_interrupt(void)
{
    /* In a signal handler: write(2) is async-signal-safe, the flags are only read. */
    return pt.on && pt.master >= 0 && write(pt.master, &pt.intr, 1) == 1;
}

/*
 * Moves what the master has now into the buffer (the lock held; the
 * master does not block). Returns false when the master failed for good.
 */
static bool take_master(void)
{
    char chunk[4096];
    for (;;) {
        ssize_t n = read(pt.master, chunk, sizeof(chunk));
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK))
            return true;
        if (n <= 0)
            return false;
        for (ssize_t i = 0; i < n; i++) {
            pt.buf[(pt.head + pt.len) % PROG_BUF] = chunk[i];
            if (pt.len < PROG_BUF)
                pt.len++;
            else
                pt.head = (pt.head + 1) % PROG_BUF; /* full: the oldest byte goes */
        }
    }
}

static void *read_master(void *arg)
{
    (void)arg;
    for (;;) {
        struct pollfd p = {.fd = pt.master, .events = POLLIN};
        int rc = poll(&p, 1, -1);
        if (rc < 0 && errno == EINTR)
            continue;
        if (rc < 0 || (p.revents & (POLLERR | POLLNVAL)))
            return NULL;
        pthread_mutex_lock(&pt.lock);
        bool ok = take_master();
        bool some = pt.len > 0;
        pthread_mutex_unlock(&pt.lock);
        if (some)
            hdb_linux_prog_wake(); /* a wait in progwait.c shows it */
        if (!ok)
            return NULL;
    }
}

static int open_pty(void)
{
    int m = posix_openpt(O_RDWR | O_NOCTTY | O_CLOEXEC);
    if (m < 0 || fcntl(m, F_SETFL, O_NONBLOCK) < 0) {
        if (m >= 0)
            close(m);
        return HDB_E_IO;
    }
    if (grantpt(m) != 0 || unlockpt(m) != 0 || ptsname_r(m, pt.slave_path, sizeof(pt.slave_path))) {
        close(m);
        return HDB_E_IO;
    }
    int s = open(pt.slave_path, O_RDWR | O_NOCTTY | O_CLOEXEC);
    if (s < 0) {
        close(m);
        return HDB_E_IO;
    }
    /*
     * A terminal's defaults: what the user types there (progwait.c) is
     * echoed by the line discipline, Ctrl-C as "^C" as on hdb's own
     * terminal, and output ends its lines with \r\n.
     */
    struct termios tio;
    pt.intr = 3; /* ^C, the default VINTR */
    if (tcgetattr(s, &tio) == 0) {
        pt.intr = (char)tio.c_cc[VINTR];
        tio.c_lflag |= ECHO | ECHOCTL | ICANON | ISIG;
        tcsetattr(s, TCSANOW, &tio);
    }
    struct winsize ws = {.ws_row = 24, .ws_col = 80};
    ioctl(s, TIOCSWINSZ, &ws);
    pt.master = m;
    pt.slave = s;
    if (pthread_create(&pt.reader, NULL, read_master, NULL) != 0) {
        close(m);
        close(s);
        pt.master = pt.slave = -1;
        return HDB_E_NOMEM;
    }
    pthread_detach(pt.reader);
    pt.open = true;
    return 0;
}

int hdb_linux_prog_master(void)
{
    return pt.on && pt.open ? pt.master : -1;
}

int hdb_linux_prog_terminal(void *ctx, bool own)
{
    (void)ctx;
    if (own && !pt.open) {
        int rc = open_pty();
        if (rc < 0)
            return rc;
    }
    pt.on = own;
    return 0;
}

void hdb_linux_prog_terminal_settle(void)
{
    /*
     * A pty hands what the slave wrote to the master from a kernel worker,
     * a moment later: after the program's end, wait until 5 ms pass
     * without output (at most 100 ms), so its last lines come before the
     * exit is reported.
     */
    if (!pt.on || !pt.open)
        return;
    for (int i = 0; i < 20; i++) {
        struct pollfd pfd = {.fd = pt.master, .events = POLLIN};
        if (poll(&pfd, 1, 5) <= 0)
            return;
        pthread_mutex_lock(&pt.lock);
        take_master();
        pthread_mutex_unlock(&pt.lock);
    }
}

size_t hdb_linux_prog_output(void *ctx, char *buf, size_t len)
{
    (void)ctx;
    pthread_mutex_lock(&pt.lock);
    if (pt.master >= 0)
        take_master();
    size_t n = pt.len < len ? pt.len : len;
    for (size_t i = 0; i < n; i++)
        buf[i] = pt.buf[(pt.head + i) % PROG_BUF];
    pt.head = (pt.head + n) % PROG_BUF;
    pt.len -= n;
    pthread_mutex_unlock(&pt.lock);
    return n;
}

void hdb_linux_prog_terminal_child(void)
{
    if (!pt.on)
        return;
    /* A session of its own, the pty its controlling terminal (credentials(7)). */
    setsid();
    int s = open(pt.slave_path, O_RDWR);
    if (s < 0)
        return;
    ioctl(s, TIOCSCTTY, 0);
    dup2(s, 0);
    dup2(s, 1);
    dup2(s, 2);
    if (s > 2)
        close(s);
}

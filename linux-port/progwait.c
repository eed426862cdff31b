/*
 * progwait.c: waiting for a program that runs on the TUI's pseudo-terminal
 * while the user goes on typing (hdb/platform.h: prog_waiting, prog_input).
 *
 * A program that reads its standard input under the TUI reads the pty
 * progterm.c opened, and only hdb can type there. While hdb waits for
 * such a program to stop, it waits for three things at once instead of
 * blocking in waitpid: a child's state change (SIGCHLD, turned into a
 * byte on a pipe by its handler: the self-pipe trick, so that a change
 * between the non-blocking waitpid and poll is not missed), a key on
 * hdb's terminal, and output on the pty (progterm.c's reader thread, which
 * takes it, writes a byte on the same pipe). For the last two it calls the
 * hook the interface set, which shows the output and types the keys on
 * the pty (prog_input). The pty's line discipline echoes and edits them
 * as a terminal does, as the program's own settings say.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdbool.h>
#include <sys/wait.h>
#include <unistd.h>

#include <hdb/error.h>
#include <hdb-linux/platform.h>

static void (*hook)(void *arg);
static void *hook_arg;
static int wake[2] = {-1, -1}; /* SIGCHLD's pipe: read end, write end */

static void on_sigchld(int sig)
{
    (void)sig;
    int saved = errno;
    char b = 0;
    if (write(wake[1], &b, 1) < 0) {
        /* Full: a byte is already there to wake the waiter. */
    }
    errno = saved;
}

/* The pipe and SIGCHLD's handler, once; false if they cannot be had. */
static bool wake_ready(void)
{
    if (wake[0] >= 0)
        return true;
    if (pipe2(wake, O_CLOEXEC | O_NONBLOCK) != 0) {
        wake[0] = wake[1] = -1;
        return false;
    }
    /* Not SA_NOCLDSTOP: a tracee's stops are what hdb waits for. */
    struct sigaction sa = {.sa_handler = on_sigchld, .sa_flags = SA_RESTART};
    sigemptyset(&sa.sa_mask);
    if (sigaction(SIGCHLD, &sa, NULL) != 0) {
        close(wake[0]);
        close(wake[1]);
        wake[0] = wake[1] = -1;
        return false;
    }
    return true;
}

void hdb_linux_prog_waiting(void *ctx, void (*fn)(void *arg), void *arg)
{
    (void)ctx;
    hook = fn;
    hook_arg = arg;
}

int hdb_linux_prog_input(void *ctx, const char *buf, size_t len)
{
    (void)ctx;
    int m = hdb_linux_prog_master();
    if (m < 0)
        return HDB_E_NO_PROCESS;
    while (len) {
        ssize_t n = write(m, buf, len);
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) {
            /* The program has not read what was typed before: wait for room. */
            struct pollfd p = {.fd = m, .events = POLLOUT};
            if (poll(&p, 1, 1000) <= 0)
                return HDB_E_IO;
            continue;
        }
        if (n <= 0)
            return HDB_E_IO;
        buf += n;
        len -= (size_t)n;
    }
    return 0;
}

void hdb_linux_prog_wake(void)
{
    on_sigchld(0);
}

pid_t hdb_linux_prog_wait(int *status)
{
    if (!hook || hdb_linux_prog_master() < 0 || !wake_ready())
        return waitpid(-1, status, __WALL);
    struct pollfd p[2] = {
        {.fd = wake[0], .events = POLLIN},
        {.fd = STDIN_FILENO, .events = POLLIN},
    };
    /*
     * The hook also runs once the program has run 100 ms without a stop
     * (the interface says it runs), not for every stop of a program that
     * stops often, a conditional breakpoint's.
     */
    int timeout = 100;
    bool call = false;
    for (;;) {
        char drain[64];
        bool woke = false;
        while (read(wake[0], drain, sizeof(drain)) > 0)
            woke = true;
        pid_t w = waitpid(-1, status, __WALL | WNOHANG);
        if (w != 0)
            return w;
        if (call || woke) /* woken with no child's change: the program wrote */
            hook(hook_arg);
        int n = poll(p, 2, timeout);
        if (n < 0) {
            if (errno == EINTR)
                continue;
            return waitpid(-1, status, __WALL);
        }
        call = n == 0 || (p[1].revents & POLLIN);
        if (p[1].revents & (POLLHUP | POLLERR | POLLNVAL))
            p[1].fd = -1; /* hdb's terminal is gone: wait for the rest */
        timeout = -1;
    }
}

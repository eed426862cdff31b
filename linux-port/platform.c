/*
 * platform.c: hdb's platform layer on Linux (see hdb/platform.h).
 *
 * Output is written unbuffered with write(2) so that it interleaves in
 * order with what the debugged program prints on the same terminal.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include <hdb/error.h>
#include <hdb-linux/lineedit.h>
#include <hdb-linux/platform.h>

static void *lx_alloc(void *ctx, size_t size)
{
    (void)ctx;
    return malloc(size ? size : 1);
}

static void *lx_realloc(void *ctx, void *ptr, size_t old_size, size_t new_size)
{
    (void)ctx;
    (void)old_size;
    return realloc(ptr, new_size ? new_size : 1);
}

static void lx_free(void *ctx, void *ptr, size_t size)
{
    (void)ctx;
    (void)size;
    free(ptr);
}

static int lx_read_file(void *ctx, const char *path, char **data, size_t *len)
{
    (void)ctx;
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return errno == ENOENT ? HDB_E_NOT_FOUND : HDB_E_IO;
    struct stat st;
    if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
        close(fd);
        return HDB_E_IO;
    }
    size_t n = (size_t)st.st_size;
    char *buf = malloc(n + 1);
    if (!buf) {
        close(fd);
        return HDB_E_NOMEM;
    }
    size_t done = 0;
    while (done < n) {
        ssize_t r = read(fd, buf + done, n - done);
        if (r <= 0)
            break;
        done += (size_t)r;
    }
    close(fd);
    buf[done] = 0;
    *data = buf;
    *len = done;
    return 0;
}

static void lx_release_file(void *ctx, char *data, size_t len)
{
    (void)ctx;
    (void)len;
    free(data);
}

/* 0 once every byte is written, -1 if the descriptor refused some. */
static int write_all(int fd, const char *s, size_t len)
{
    while (len > 0) {
        ssize_t n = write(fd, s, len);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            return -1;
        s += n;
        len -= (size_t)n;
    }
    return 0;
}

static void lx_out(void *ctx, const char *s, size_t len)
{
    (void)ctx;
    write_all(1, s, len);
}

static void lx_err(void *ctx, const char *s, size_t len)
{
    (void)ctx;
    write_all(2, s, len);
}

static int lx_read_line(void *ctx, const char *prompt, char *buf, size_t len)
{
    /* On a terminal the line is edited (lineedit.c); from a pipe or file it is just read. */
    if (prompt && isatty(0) && isatty(1)) {
        const char *term = getenv("TERM");
        if (!term || strcmp(term, "dumb") != 0)
            return hdb_lineedit_read(ctx, prompt, buf, len);
    }
    if (prompt && isatty(0))
        write_all(1, prompt, strlen(prompt));
    /* Byte by byte from fd 0: stdio buffering would swallow input meant for the program. */
    size_t n = 0;
    for (;;) {
        char ch;
        ssize_t r = read(0, &ch, 1);
        if (r < 0 && errno == EINTR)
            continue;
        if (r <= 0) {
            if (n == 0)
                return -1;
            break;
        }
        if (ch == '\n')
            break;
        if (n + 1 < len)
            buf[n++] = ch;
    }
    buf[n] = 0;
    return 0;
}

static int lx_write_file(void *ctx, const char *path, const char *data, size_t len)
{
    (void)ctx;
    int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
    if (fd < 0)
        return errno == ENOENT ? HDB_E_NOT_FOUND : HDB_E_IO;
    int rc = write_all(fd, data, len) == 0 ? 0 : HDB_E_IO;
    if (close(fd) != 0)
        rc = HDB_E_IO;
    return rc;
}

static uint64_t lx_now_ns(void *ctx)
{
    (void)ctx;
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (uint64_t)ts.tv_sec * 1000000000ull + (uint64_t)ts.tv_nsec;
}

void hdb_linux_prompt_setup(struct hdb_platform *p,
                            size_t (*complete)(void *ctx, const char *line, size_t pos,
                                               void (*add)(void *actx, const char *cand),
                                               void *actx),
                            void *ctx)
{
    struct hdb_lineedit *e = p->ctx;
    e->complete = complete;
    e->complete_ctx = ctx;
    const char *file = getenv("HDB_HISTFILE");
    char path[1024];
    if (!file) {
        const char *home = getenv("HOME");
        if (!home || !*home)
            return;
        snprintf(path, sizeof(path), "%s/.hdb_history", home);
        file = path;
    }
    if (*file)
        hdb_lineedit_history_file(e, file);
}

void hdb_linux_platform(struct hdb_platform *p)
{
    /* The prompt's history lives as long as hdb; only read_line looks at the context. */
    static struct hdb_lineedit editor;
    hdb_linux_interrupt_install();
    *p = (struct hdb_platform){
        .alloc = lx_alloc,
        .realloc = lx_realloc,
        .free = lx_free,
        .read_file = lx_read_file,
        .write_file = lx_write_file,
        .release_file = lx_release_file,
        .out = lx_out,
        .err = lx_err,
        .read_line = lx_read_line,
        .now_ns = lx_now_ns,
        .open_link = hdb_linux_open_link,
        .prog_terminal = hdb_linux_prog_terminal,
        .prog_output = hdb_linux_prog_output,
        .prog_waiting = hdb_linux_prog_waiting,
        .prog_input = hdb_linux_prog_input,
        .shell = hdb_linux_shell,
        .getcwd = hdb_linux_getcwd,
        .chdir = hdb_linux_chdir,
        .getenv = hdb_linux_getenv,
        .setenv = hdb_linux_setenv,
        .environ_at = hdb_linux_environ_at,
        .ctx = &editor,
    };
}

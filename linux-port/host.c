/*
 * host.c: the host ops of hdb's Linux platform (hdb/platform.h): gdb's
 * shell escape through /bin/sh, the working directory and the
 * environment.
 *
 * The directory and environment are hdb's own process's: the ptrace
 * target starts programs with fork and execv, so they inherit both, as
 * gdb's inferiors inherit gdb's `cd` and `set environment`.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include <hdb/error.h>
#include <hdb-linux/platform.h>

int hdb_linux_shell(void *ctx, const char *cmd)
{
    (void)ctx;
    /* gdb runs $SHELL; an empty command line starts it interactively. */
    const char *sh = getenv("SHELL");
    if (!sh || !*sh)
        sh = "/bin/sh";
    pid_t pid = fork();
    if (pid < 0)
        return HDB_E_IO;
    if (pid == 0) {
        if (*cmd)
            execl(sh, sh, "-c", cmd, (char *)NULL);
        else
            execl(sh, sh, (char *)NULL);
        _exit(127);
    }
    int status;
    while (waitpid(pid, &status, 0) < 0)
        if (errno != EINTR)
            return HDB_E_IO;
    return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}

int hdb_linux_getcwd(void *ctx, char *buf, size_t len)
{
    (void)ctx;
    return getcwd(buf, len) ? 0 : HDB_E_IO;
}

int hdb_linux_chdir(void *ctx, const char *dir, char *why, size_t why_len)
{
    (void)ctx;
    if (chdir(dir) == 0)
        return 0;
    int e = errno;
    snprintf(why, why_len, "%s", strerror(e));
    return e == ENOENT || e == ENOTDIR ? HDB_E_NOT_FOUND : HDB_E_IO;
}

const char *hdb_linux_getenv(void *ctx, const char *name)
{
    (void)ctx;
    return getenv(name);
}

int hdb_linux_setenv(void *ctx, const char *name, const char *value)
{
    (void)ctx;
    int rc = value ? setenv(name, value, 1) : unsetenv(name);
    return rc == 0 ? 0 : errno == ENOMEM ? HDB_E_NOMEM : HDB_E_ARG;
}

const char *hdb_linux_environ_at(void *ctx, size_t i)
{
    (void)ctx;
    for (size_t k = 0; environ && environ[k]; k++)
        if (k == i)
            return environ[k];
    return NULL;
}

/*
 * cli_host.c: the commands about the machine the debugger runs on:
 * shell CMD (and !CMD), pwd and cd DIR, through the platform's host ops.
 *
 * Like gdb, the working directory shown is the one the user asked for,
 * kept as typed and tidied (".", "..", doubled slashes), not the one the
 * system resolves symbolic links to: gdb's pwd adds the canonical one
 * when they differ.
 */
#include <stdio.h>
#include <string.h>

#include <hdb/cli.h>
#include <hdb/error.h>
#include <hdb/value.h>

#define PATH_LEN 1024

/* $_shell_exitcode, as gdb sets it after each shell command. */
static void set_exitcode(struct hdb_cli *c, int code)
{
    struct hdb_value v, n = {.kind = HDB_VAL_INT, .scalar = (uint64_t)(int64_t)code};
    if (hdb_values_conv(c->s, "_shell_exitcode", &v) == 0 && v.conv1)
        hdb_values_set_conv(c->s, v.conv1, &n);
}

static int shell_cmd(struct hdb_cli *c, const char *args)
{
    if (!c->plat->shell) {
        hdb_cli_err(c, "There is no shell on this system.\n");
        return HDB_E_NOTSUP;
    }
    int rc = c->plat->shell(c->plat->ctx, args);
    if (rc < 0) {
        hdb_cli_err(c, "Cannot execute the shell: %s.\n", hdb_strerror(rc));
        return rc;
    }
    set_exitcode(c, rc);
    return 0;
}

/* The logical working directory: the last cd's, else the system's. */
static const char *logical_cwd(struct hdb_cli *c)
{
    if (!c->cwd[0] &&
        (!c->plat->getcwd || c->plat->getcwd(c->plat->ctx, c->cwd, sizeof(c->cwd)) < 0))
        c->cwd[0] = 0;
    return c->cwd;
}

static int pwd_cmd(struct hdb_cli *c, const char *args)
{
    if (*args) {
        hdb_cli_err(c, "The \"pwd\" command does not take an argument: %s\n", args);
        return HDB_E_ARG;
    }
    char real[PATH_LEN];
    const char *dir = logical_cwd(c);
    if (!c->plat->getcwd || c->plat->getcwd(c->plat->ctx, real, sizeof(real)) < 0) {
        hdb_cli_err(c, "Error finding name of working directory.\n");
        return HDB_E_IO;
    }
    if (strcmp(dir, real) != 0)
        hdb_cli_out(c, "Working directory %s\n (canonically %s).\n", dir, real);
    else
        hdb_cli_out(c, "Working directory %s.\n", dir);
    return 0;
}

/* path made absolute against base and tidied: no ".", no "x/..", no doubled or trailing '/'. */
static void tidy_path(const char *base, const char *path, char out[PATH_LEN])
{
    char joined[2 * PATH_LEN];
    if (path[0] == '/')
        snprintf(joined, sizeof(joined), "%s", path);
    else
        snprintf(joined, sizeof(joined), "%s/%s", base, path);
    size_t n = 0;
    const char *p = joined;
    out[0] = 0;
    while (*p) {
        while (*p == '/')
            p++;
        size_t len = strcspn(p, "/");
        if (len == 0)
            break;
        if (len == 1 && p[0] == '.') {
            /* the same directory */
        } else if (len == 2 && p[0] == '.' && p[1] == '.') {
            while (n > 0 && out[n - 1] != '/')
                n--;
            if (n > 0)
                n--;
        } else if (n + 1 + len < PATH_LEN) {
            out[n++] = '/';
            memcpy(out + n, p, len);
            n += len;
        }
        p += len;
    }
    if (n == 0)
        out[n++] = '/';
    out[n] = 0;
}

static int cd_cmd(struct hdb_cli *c, const char *args)
{
    char dir[PATH_LEN], why[256] = "";
    if (!c->plat->chdir) {
        hdb_cli_err(c, "There is no working directory on this system.\n");
        return HDB_E_NOTSUP;
    }
    /* gdb's cd with no argument goes home; a leading ~ is the home directory. */
    const char *home = c->plat->getenv ? c->plat->getenv(c->plat->ctx, "HOME") : NULL;
    if (!*args)
        args = "~";
    if (args[0] == '~' && (args[1] == 0 || args[1] == '/') && home)
        snprintf(dir, sizeof(dir), "%s%s", home, args + 1);
    else
        snprintf(dir, sizeof(dir), "%s", args);
    size_t n = strlen(dir);
    while (n > 1 && (dir[n - 1] == ' ' || dir[n - 1] == '\t'))
        dir[--n] = 0;
    int rc = c->plat->chdir(c->plat->ctx, dir, why, sizeof(why));
    if (rc < 0) {
        hdb_cli_err(c, "%s: %s.\n", dir, why[0] ? why : hdb_strerror(rc));
        return rc;
    }
    char tidy[PATH_LEN];
    tidy_path(logical_cwd(c), dir, tidy);
    snprintf(c->cwd, sizeof(c->cwd), "%s", tidy);
    /* gdb says where it is now only to a person at the terminal. */
    return c->batch ? 0 : pwd_cmd(c, "");
}

int hdb_cli_cmd_host(struct hdb_cli *c, int id, const char *args)
{
    switch (id) {
    case HDB_CMD_SHELL:
        return shell_cmd(c, args);
    case HDB_CMD_PWD:
        return pwd_cmd(c, args);
    default:
        return cd_cmd(c, args);
    }
}

/*
 * procview.c: the ptrace target's operating-system tables (the os_table
 * operation of hdb/target.h), Linux's analogue of a capability space:
 *
 *   "caps"  the process's file descriptors: fd, kind, object, flags, offset
 *           (/proc/PID/fd links and stat, /proc/PID/fdinfo/N; sockets
 *           described from /proc/PID/net/{tcp,tcp6,udp,udp6,unix})
 *   "maps"  its memory mappings: start, end, size, offset, perms, path
 *           (/proc/PID/maps, in the columns of gdb's `info proc mappings`)
 *   ""      the list of the tables, as gdb's `info os` expects
 *
 * They are written as GDB's osdata XML (GDB manual "Operating System
 * Information"), the form the kernel's stub serves its CSpace in, so the
 * core shows a Linux process's descriptors and a Helios task's
 * capabilities through the same table code and the same TUI pane, and
 * knows nothing of /proc. The facts behind `info proc` (cmdline, cwd,
 * exe, stat) are served as they are, through proc_fact.
 */
#define _GNU_SOURCE
#include <dirent.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <unistd.h>

#include <hdb/error.h>

#include "ptrace_int.h"

/* The XML being written into the caller's buffer; cut (and NUL-terminated) at its end. */
struct xml {
    char *buf;
    size_t len, cap;
};

static void put(struct xml *x, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void put(struct xml *x, const char *fmt, ...)
{
    if (x->len + 1 >= x->cap)
        return;
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(x->buf + x->len, x->cap - x->len, fmt, ap);
    va_end(ap);
    if (n > 0)
        x->len += (size_t)n < x->cap - x->len ? (size_t)n : x->cap - x->len - 1;
}

/* One column; the value escaped for XML (paths may hold any byte but NUL, XML 1.0 2.4). */
static void column(struct xml *x, const char *name, const char *value)
{
    put(x, "<column name=\"%s\">", name);
    for (const char *p = value; *p; p++) {
        switch (*p) {
        case '<':
            put(x, "&lt;");
            break;
        case '>':
            put(x, "&gt;");
            break;
        case '&':
            put(x, "&amp;");
            break;
        default:
            /* Control characters are not allowed in XML text: shown as '?'. */
            put(x, "%c", (unsigned char)*p < 32 ? '?' : *p);
        }
    }
    put(x, "</column>");
}

/* A whole /proc file (they report size 0, so read until the end); NULL on failure. */
static char *slurp(const char *path)
{
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return NULL;
    size_t cap = 8192, len = 0;
    char *s = malloc(cap);
    for (;;) {
        if (!s)
            break;
        if (len + 1 >= cap) {
            char *n = realloc(s, cap *= 2);
            if (!n) {
                free(s);
                s = NULL;
                break;
            }
            s = n;
        }
        ssize_t r = read(fd, s + len, cap - len - 1);
        if (r <= 0)
            break;
        len += (size_t)r;
    }
    close(fd);
    if (s)
        s[len] = 0;
    return s;
}

/* ---- sockets ------------------------------------------------------------ */

/* "0100007F:1F90" (the kernel's byte order for IPv4, four words for IPv6) -> "127.0.0.1:8080". */
static void inet_addr(const char *hex, bool v6, char *out, size_t len)
{
    unsigned port = 0;
    const char *colon = strchr(hex, ':');
    if (colon)
        port = (unsigned)strtoul(colon + 1, NULL, 16);
    if (!v6) {
        unsigned long a = strtoul(hex, NULL, 16); /* little-endian host order of the bytes */
        snprintf(out, len, "%lu.%lu.%lu.%lu:%u", a & 0xff, (a >> 8) & 0xff, (a >> 16) & 0xff,
                 (a >> 24) & 0xff, port);
        return;
    }
    /* Four 32-bit words, each printed in host (little-endian) order: bytes reversed per word. */
    unsigned char b[16];
    for (int w = 0; w < 4; w++) {
        char word[9];
        memcpy(word, hex + 8 * w, 8);
        word[8] = 0;
        unsigned long v = strtoul(word, NULL, 16);
        for (int k = 0; k < 4; k++)
            b[4 * w + k] = (unsigned char)(v >> (8 * k));
    }
    size_t n = (size_t)snprintf(out, len, "[");
    for (int g = 0; g < 8 && n < len; g++)
        n += (size_t)snprintf(out + n, len - n, "%s%x", g ? ":" : "", b[2 * g] << 8 | b[2 * g + 1]);
    if (n < len)
        snprintf(out + n, len - n, "]:%u", port);
}

/* TCP states as include/net/tcp_states.h numbers them. */
static const char *tcp_state(unsigned st)
{
    static const char *const names[] = {"",           "ESTABLISHED", "SYN_SENT",  "SYN_RECV",
                                        "FIN_WAIT1",  "FIN_WAIT2",   "TIME_WAIT", "CLOSE",
                                        "CLOSE_WAIT", "LAST_ACK",    "LISTEN",    "CLOSING"};
    return st < sizeof(names) / sizeof(names[0]) ? names[st] : "";
}

/* A socket in /proc/PID/net/{tcp,udp}[6]: "tcp 127.0.0.1:80 -> 10.0.0.1:5000 ESTABLISHED". */
static bool find_inet(pid_t pid, const char *proto, unsigned long ino, char *out, size_t len)
{
    char path[64];
    snprintf(path, sizeof(path), "/proc/%d/net/%s", (int)pid, proto);
    char *text = slurp(path);
    if (!text)
        return false;
    bool found = false, v6 = strchr(proto, '6') != NULL, tcp = proto[0] == 't';
    char *save = NULL;
    strtok_r(text, "\n", &save); /* the header */
    for (char *l = strtok_r(NULL, "\n", &save); l && !found; l = strtok_r(NULL, "\n", &save)) {
        char local[64], remote[64];
        unsigned st;
        unsigned long inode;
        /* sl local rem st tx:rx tr:when retrnsmt uid timeout inode */
        if (sscanf(l, " %*s %63s %63s %x %*s %*s %*s %*s %*s %lu", local, remote, &st, &inode) !=
                4 ||
            inode != ino)
            continue;
        char la[80], ra[80];
        inet_addr(local, v6, la, sizeof(la));
        inet_addr(remote, v6, ra, sizeof(ra));
        /* A socket with no peer (remote address all zeros) shows its own address only. */
        bool peer = strspn(remote, "0:") != strlen(remote);
        if (tcp && st != 10 && peer)
            snprintf(out, len, "%s %s -> %s %s", proto, la, ra, tcp_state(st));
        else if (tcp)
            snprintf(out, len, "%s %s %s", proto, la, tcp_state(st));
        else if (peer)
            snprintf(out, len, "%s %s -> %s", proto, la, ra);
        else
            snprintf(out, len, "%s %s", proto, la);
        found = true;
    }
    free(text);
    return found;
}

/* A socket in /proc/PID/net/unix: "unix stream /run/x.sock", "unix dgram" when unnamed. */
static bool find_unix(pid_t pid, unsigned long ino, char *out, size_t len)
{
    char path[64];
    snprintf(path, sizeof(path), "/proc/%d/net/unix", (int)pid);
    char *text = slurp(path);
    if (!text)
        return false;
    bool found = false;
    char *save = NULL;
    strtok_r(text, "\n", &save);
    for (char *l = strtok_r(NULL, "\n", &save); l && !found; l = strtok_r(NULL, "\n", &save)) {
        unsigned type;
        unsigned long inode;
        int end = 0;
        /* Num RefCount Protocol Flags Type St Inode [Path] */
        if (sscanf(l, " %*s %*s %*s %*s %x %*s %lu%n", &type, &inode, &end) != 2 || inode != ino)
            continue;
        const char *name = l + end;
        while (*name == ' ')
            name++;
        /* SOCK_STREAM 1, SOCK_DGRAM 2, SOCK_SEQPACKET 5 (linux/net.h). */
        const char *kind = type == 1 ? "stream" : type == 2 ? "dgram" : "seqpacket";
        snprintf(out, len, "unix %s%s%s", kind, *name ? " " : "", name);
        found = true;
    }
    free(text);
    return found;
}

static void describe_socket(pid_t pid, const char *link, char *out, size_t len)
{
    unsigned long ino = strtoul(link + 8, NULL, 10); /* "socket:[12345]" */
    static const char *const inet[] = {"tcp", "tcp6", "udp", "udp6"};
    for (size_t k = 0; k < sizeof(inet) / sizeof(inet[0]); k++)
        if (find_inet(pid, inet[k], ino, out, len))
            return;
    if (find_unix(pid, ino, out, len))
        return;
    snprintf(out, len, "%s", link); /* netlink, packet, ...: the inode only */
}

/* ---- descriptors -------------------------------------------------------- */

/*
 * The open flags of fdinfo's "flags:" (octal, the file's f_flags) by
 * name. O_LARGEFILE is left out: the kernel sets it on every file a
 * 64-bit process opens (force_o_largefile), so it says nothing. O_SYNC
 * comes before O_DSYNC, whose bit it includes.
 */
#define KERNEL_O_LARGEFILE 0100000 /* asm-generic/fcntl.h; glibc's O_LARGEFILE is 0 on 64-bit */

static void decode_flags(unsigned long f, char *out, size_t len)
{
    static const struct {
        unsigned long bit;
        const char *name;
    } names[] = {
        {O_CREAT, "O_CREAT"},     {O_EXCL, "O_EXCL"},           {O_NOCTTY, "O_NOCTTY"},
        {O_TRUNC, "O_TRUNC"},     {O_APPEND, "O_APPEND"},       {O_NONBLOCK, "O_NONBLOCK"},
        {O_SYNC, "O_SYNC"},       {O_DSYNC, "O_DSYNC"},         {O_ASYNC, "O_ASYNC"},
        {O_DIRECT, "O_DIRECT"},   {O_DIRECTORY, "O_DIRECTORY"}, {O_NOFOLLOW, "O_NOFOLLOW"},
        {O_NOATIME, "O_NOATIME"}, {O_CLOEXEC, "O_CLOEXEC"},     {O_PATH, "O_PATH"},
    };
    unsigned long acc = f & O_ACCMODE;
    size_t n = (size_t)snprintf(out, len, "%s",
                                acc == O_RDONLY   ? "O_RDONLY"
                                : acc == O_WRONLY ? "O_WRONLY"
                                : acc == O_RDWR   ? "O_RDWR"
                                                  : "O_ACCMODE");
    unsigned long rest = f & ~(unsigned long)(O_ACCMODE | KERNEL_O_LARGEFILE);
    for (size_t k = 0; k < sizeof(names) / sizeof(names[0]) && n < len; k++) {
        if ((rest & names[k].bit) == names[k].bit) {
            n += (size_t)snprintf(out + n, len - n, "|%s", names[k].name);
            rest &= ~names[k].bit;
        }
    }
    if (rest && n < len)
        snprintf(out + n, len - n, "|0%lo", rest);
}

/* What an open file is, from its link text and the mode of what it refers to. */
static const char *fd_kind(const char *link, const struct stat *st, bool have_st)
{
    if (!strncmp(link, "socket:", 7))
        return "socket";
    if (!strncmp(link, "pipe:", 5))
        return "pipe";
    if (!strncmp(link, "anon_inode:", 11))
        return "anon_inode";
    if (!have_st)
        return "?";
    if (S_ISREG(st->st_mode))
        return "file";
    if (S_ISDIR(st->st_mode))
        return "dir";
    if (S_ISFIFO(st->st_mode))
        return "fifo";
    if (S_ISSOCK(st->st_mode))
        return "socket";
    if (S_ISBLK(st->st_mode))
        return "blk";
    if (S_ISCHR(st->st_mode)) {
        /* Terminals: the tty majors 4 and 5, and the pty slaves (136-143), devices.txt. */
        unsigned maj = major(st->st_rdev);
        return maj == 4 || maj == 5 || (maj >= 136 && maj <= 143) ? "tty" : "chr";
    }
    return "?";
}

static int cmp_fd(const void *a, const void *b)
{
    int x = *(const int *)a, y = *(const int *)b;
    return (x > y) - (x < y);
}

static void fd_row(struct xml *x, pid_t pid, int fd)
{
    char path[64], link[4096], obj[4096], flags[256], pos[32] = "";
    snprintf(path, sizeof(path), "/proc/%d/fd/%d", (int)pid, fd);
    ssize_t n = readlink(path, link, sizeof(link) - 1);
    if (n < 0)
        return; /* closed since the directory was read */
    link[n] = 0;
    struct stat st;
    bool have_st = stat(path, &st) == 0;
    const char *kind = fd_kind(link, &st, have_st);
    if (!strcmp(kind, "socket"))
        describe_socket(pid, link, obj, sizeof(obj));
    else if (!strcmp(kind, "anon_inode"))
        snprintf(obj, sizeof(obj), "%s", link + 11);
    else
        snprintf(obj, sizeof(obj), "%s", link);
    flags[0] = 0;
    snprintf(path, sizeof(path), "/proc/%d/fdinfo/%d", (int)pid, fd);
    char *info = slurp(path);
    for (char *l = info; l && *l;) {
        char *nl = strchr(l, '\n');
        if (nl)
            *nl = 0;
        if (!strncmp(l, "pos:", 4))
            snprintf(pos, sizeof(pos), "%llu", strtoull(l + 4, NULL, 10));
        else if (!strncmp(l, "flags:", 6))
            decode_flags(strtoul(l + 6, NULL, 8), flags, sizeof(flags));
        l = nl ? nl + 1 : l + strlen(l);
    }
    free(info);
    char num[16];
    snprintf(num, sizeof(num), "%d", fd);
    put(x, "<item>");
    column(x, "fd", num);
    column(x, "kind", kind);
    column(x, "object", obj);
    column(x, "flags", flags);
    column(x, "offset", pos);
    put(x, "</item>");
}

static int fds_table(struct xml *x, pid_t pid)
{
    char path[64];
    snprintf(path, sizeof(path), "/proc/%d/fd", (int)pid);
    DIR *d = opendir(path);
    if (!d)
        return HDB_E_IO;
    int *fds = NULL, n = 0, cap = 0;
    struct dirent *e;
    while ((e = readdir(d)) != NULL) {
        if (e->d_name[0] < '0' || e->d_name[0] > '9')
            continue;
        if (n == cap) {
            int *m = realloc(fds, (size_t)(cap = cap ? cap * 2 : 64) * sizeof(*m));
            if (!m) {
                free(fds);
                closedir(d);
                return HDB_E_NOMEM;
            }
            fds = m;
        }
        fds[n++] = atoi(e->d_name);
    }
    closedir(d);
    qsort(fds, (size_t)n, sizeof(*fds), cmp_fd);
    for (int i = 0; i < n; i++)
        fd_row(x, pid, fds[i]);
    free(fds);
    return 0;
}

/* ---- mappings ----------------------------------------------------------- */

static int maps_table(struct xml *x, pid_t pid)
{
    char path[64];
    snprintf(path, sizeof(path), "/proc/%d/maps", (int)pid);
    char *text = slurp(path);
    if (!text)
        return HDB_E_IO;
    char *save = NULL;
    for (char *l = strtok_r(text, "\n", &save); l; l = strtok_r(NULL, "\n", &save)) {
        unsigned long long lo, hi, off;
        char perms[8];
        int end = 0;
        /* start-end perms offset dev inode [path] (proc(5)) */
        if (sscanf(l, "%llx-%llx %7s %llx %*s %*s%n", &lo, &hi, perms, &off, &end) != 4)
            continue;
        const char *name = l + end;
        while (*name == ' ')
            name++;
        char v[32];
        put(x, "<item>");
        snprintf(v, sizeof(v), "0x%llx", lo);
        column(x, "start", v);
        snprintf(v, sizeof(v), "0x%llx", hi);
        column(x, "end", v);
        snprintf(v, sizeof(v), "0x%llx", hi - lo);
        column(x, "size", v);
        snprintf(v, sizeof(v), "0x%llx", off);
        column(x, "offset", v);
        column(x, "perms", perms);
        column(x, "path", name);
        put(x, "</item>");
    }
    free(text);
    return 0;
}

int pt_os_table(struct hdb_target *t, const char *type, char *buf, size_t len)
{
    struct ptrace_target *pt = t->impl;
    if (!pt->pid)
        return HDB_E_NO_PROCESS;
    if (len == 0)
        return HDB_E_ARG;
    struct xml x = {buf, 0, len};
    buf[0] = 0;
    int rc = 0;
    put(&x, "<?xml version=\"1.0\"?>\n<osdata type=\"%s\">", type);
    if (!strcmp(type, "caps")) {
        rc = fds_table(&x, pt->pid);
    } else if (!strcmp(type, "maps")) {
        rc = maps_table(&x, pt->pid);
    } else if (!*type) {
        put(&x, "<item>");
        column(&x, "Type", "caps");
        column(&x, "Description", "File descriptors");
        put(&x, "</item><item>");
        column(&x, "Type", "maps");
        column(&x, "Description", "Memory mappings");
        put(&x, "</item>");
    } else {
        return HDB_E_NOTSUP;
    }
    if (rc < 0)
        return rc;
    put(&x, "</osdata>\n");
    return (int)x.len;
}

int pt_proc_fact(struct hdb_target *t, const char *what, char *buf, size_t len)
{
    struct ptrace_target *pt = t->impl;
    char path[64];
    if (!pt->pid)
        return HDB_E_NO_PROCESS;
    if (len == 0)
        return HDB_E_ARG;
    snprintf(path, sizeof(path), "/proc/%d/%s", (int)pt->pid, what);
    if (!strcmp(what, "cwd") || !strcmp(what, "exe")) {
        ssize_t n = readlink(path, buf, len - 1);
        if (n < 0)
            return HDB_E_IO;
        buf[n] = 0;
        return (int)n;
    }
    if (strcmp(what, "cmdline") && strcmp(what, "stat") && strcmp(what, "status"))
        return HDB_E_NOTSUP;
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return HDB_E_IO;
    size_t done = 0;
    ssize_t n;
    while (done + 1 < len && (n = read(fd, buf + done, len - 1 - done)) > 0)
        done += (size_t)n;
    close(fd);
    buf[done] = 0;
    return (int)done;
}

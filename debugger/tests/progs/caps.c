/*
 * caps.c: a process holding descriptors of every kind with known flags
 * and offsets, for `info caps` (debugger/tests/caps.py). argv[1] is a
 * directory to create files in. What the kernel chose (the TCP and UDP
 * ports) is printed on stdout, so the test has its own record of it.
 */
#define _GNU_SOURCE
#include <fcntl.h>
#include <netinet/in.h>
#include <stdio.h>
#include <string.h>
#include <sys/eventfd.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

static int bound_port(int fd)
{
    struct sockaddr_in a;
    socklen_t len = sizeof(a);
    getsockname(fd, (struct sockaddr *)&a, &len);
    return ntohs(a.sin_port);
}

/* The breakpoint goes here: every descriptor is open. */
void ready(void)
{
}

int main(int argc, char **argv)
{
    char path[4096];
    const char *dir = argc > 1 ? argv[1] : "/tmp";
    char buf[16];

    snprintf(path, sizeof(path), "%s/read.txt", dir);
    int rd = open(path, O_RDONLY); /* created by the test with 64 bytes */
    if (read(rd, buf, 10) != 10)
        return 1;
    snprintf(path, sizeof(path), "%s/append.log", dir);
    int ap = open(path, O_WRONLY | O_APPEND | O_CREAT, 0644);
    if (write(ap, "hello\n", 6) != 6)
        return 1;
    snprintf(path, sizeof(path), "%s/rw.bin", dir);
    int rw = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0644);
    lseek(rw, 1234, SEEK_SET);
    int dd = open(dir, O_RDONLY | O_DIRECTORY);
    int p[2];
    pipe2(p, O_NONBLOCK);
    int sp[2];
    socketpair(AF_UNIX, SOCK_STREAM, 0, sp);
    int tcp = socket(AF_INET, SOCK_STREAM, 0);
    struct sockaddr_in a = {.sin_family = AF_INET, .sin_addr.s_addr = htonl(INADDR_LOOPBACK)};
    bind(tcp, (struct sockaddr *)&a, sizeof(a));
    listen(tcp, 1);
    int udp = socket(AF_INET, SOCK_DGRAM | SOCK_NONBLOCK, 0);
    bind(udp, (struct sockaddr *)&a, sizeof(a));
    int ux = socket(AF_UNIX, SOCK_DGRAM, 0);
    struct sockaddr_un u = {.sun_family = AF_UNIX};
    snprintf(u.sun_path, sizeof(u.sun_path), "%s/sock", dir);
    bind(ux, (struct sockaddr *)&u, sizeof(u));
    int ev = eventfd(0, EFD_CLOEXEC);
    int dup_rd = dup(rd);
    printf("fds %d %d %d %d %d %d %d %d %d %d %d %d %d\n", rd, ap, rw, dd, p[0], p[1], sp[0], sp[1],
           tcp, udp, ux, ev, dup_rd);
    printf("tcp %d udp %d\n", bound_port(tcp), bound_port(udp));
    fflush(stdout);
    ready();
    unlink(u.sun_path);
    return 0;
}

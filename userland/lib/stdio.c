/*
 * printf on top of the kernel's portable formatter (kernel/lib/fmt.c,
 * linked into the user library). Output is gathered in a buffer on the
 * stack and written with one SYS_DEBUG_PUTS per STDIO_LINE_MAX bytes.
 */
#include <stdio.h>
#include <string.h>
#include <hl/syscall.h>
#include <kernel/fmt.h>

struct linebuf {
    char buf[STDIO_LINE_MAX];
    size_t len;
};

static void flush(struct linebuf *b)
{
    if (b->len)
        hl_debug_puts(b->buf, b->len);
    b->len = 0;
}

static void put(void *ctx, const char *s, size_t n)
{
    struct linebuf *b = ctx;

    while (n) {
        size_t k = sizeof(b->buf) - b->len;

        if (k > n)
            k = n;
        memcpy(b->buf + b->len, s, k);
        b->len += k;
        s += k;
        n -= k;
        if (b->len == sizeof(b->buf))
            flush(b);
    }
}

int vprintf(const char *fmt, va_list ap)
{
    struct linebuf b;
    int n;

    b.len = 0;
    n = fmt_vformat(put, &b, fmt, ap);
    flush(&b);
    return n;
}

int printf(const char *fmt, ...)
{
    va_list ap;
    int n;

    va_start(ap, fmt);
    n = vprintf(fmt, ap);
    va_end(ap);
    return n;
}

int vsnprintf(char *buf, size_t size, const char *fmt, va_list ap)
{
    return kvsnprintf(buf, size, fmt, ap);
}

int snprintf(char *buf, size_t size, const char *fmt, ...)
{
    va_list ap;
    int n;

    va_start(ap, fmt);
    n = kvsnprintf(buf, size, fmt, ap);
    va_end(ap);
    return n;
}

int puts(const char *s)
{
    return printf("%s\n", s);
}

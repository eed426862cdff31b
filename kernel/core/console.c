/*
 * The kernel console on COM1. Newlines become CR LF for terminals.
 */
#include <arch/serial.h>
#include <kernel/fmt.h>
#include <kernel/kprintf.h>

void console_init(void)
{
    serial_init(COM1_PORT);
}

void console_write(const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        if (s[i] == '\n')
            serial_putc(COM1_PORT, '\r');
        serial_putc(COM1_PORT, s[i]);
    }
}

static void console_put(void *ctx, const char *s, size_t n)
{
    (void)ctx;
    console_write(s, n);
}

int kvprintf(const char *fmt, va_list ap)
{
    return fmt_vformat(console_put, NULL, fmt, ap);
}

int kprintf(const char *fmt, ...)
{
    va_list ap;

    va_start(ap, fmt);
    int n = kvprintf(fmt, ap);
    va_end(ap);
    return n;
}

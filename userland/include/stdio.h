/*
 * printf and friends for user tasks (lib/stdio.c). Output goes to the
 * kernel console through SYS_DEBUG_PUTS; the formatting is the kernel's
 * own (kernel/lib/fmt.c, conversions listed in kernel/fmt.h: no floating
 * point). A printf call of up to STDIO_LINE_MAX bytes reaches the console
 * in one syscall, so lines of concurrent tasks do not mix.
 */
#ifndef HL_STDIO_H
#define HL_STDIO_H

#include <stdarg.h>
#include <stddef.h>

#define STDIO_LINE_MAX 512

int printf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
int vprintf(const char *fmt, va_list ap);
int snprintf(char *buf, size_t size, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
int vsnprintf(char *buf, size_t size, const char *fmt, va_list ap);
int puts(const char *s);

#endif

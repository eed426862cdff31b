/*
 * printf-style formatting, independent of where the output goes. Used by
 * kprintf (console), ksnprintf (buffers) and the panic path. Portable: the
 * host tests compare it with the C library's snprintf.
 *
 * Supported: flags "-+ #0", width and precision (numbers or '*'), length
 * modifiers hh h l ll z t j, conversions d i u o x X c s p %.
 */
#ifndef KERNEL_FMT_H
#define KERNEL_FMT_H

#include <stdarg.h>
#include <kernel/types.h>

/* Receives n bytes of output; s is not NUL-terminated. */
typedef void (*fmt_put_fn)(void *ctx, const char *s, size_t n);

/* Returns the number of bytes produced. */
int fmt_vformat(fmt_put_fn put, void *ctx, const char *fmt, va_list ap);

/* snprintf semantics: always NUL-terminates when size > 0 and returns the
 * length the whole output would have had. */
int ksnprintf(char *buf, size_t size, const char *fmt, ...) PRINTF_LIKE(3, 4);
int kvsnprintf(char *buf, size_t size, const char *fmt, va_list ap);

#endif

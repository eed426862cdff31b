/*
 * Console output. kprintf formats with lib/fmt.c and writes to the serial
 * console (COM1); it is safe in interrupt handlers and in panic.
 */
#ifndef KERNEL_KPRINTF_H
#define KERNEL_KPRINTF_H

#include <stdarg.h>
#include <kernel/types.h>

int kprintf(const char *fmt, ...) PRINTF_LIKE(1, 2);
int kvprintf(const char *fmt, va_list ap);
void console_write(const char *s, size_t n);
void console_init(void);

#endif

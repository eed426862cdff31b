/*
 * Stopping the kernel with everything a person needs to find the bug: the
 * message, the registers, and a backtrace symbolized from the embedded
 * kernel.sym. With "panic=exit" on the command line the machine leaves QEMU
 * through isa-debug-exit instead of halting, so tests need not time out.
 */
#ifndef KERNEL_PANIC_H
#define KERNEL_PANIC_H

#include <kernel/types.h>

struct trap_frame;

NORETURN void panic(const char *fmt, ...) PRINTF_LIKE(1, 2);

#define kassert(e)                                                                                 \
    do {                                                                                           \
        if (!(e))                                                                                  \
            panic("assertion failed: %s (%s:%d)", #e, __FILE__, __LINE__);                         \
    } while (0)

/* Building blocks shared with the exception path. */
void panic_begin(void);
void panic_report_frame(const struct trap_frame *f);
NORETURN void panic_end(void);

extern bool panic_exit_qemu;

#endif

/*
 * The kernel's GDB stub on COM2 (kernel/gdb/). Stock gdb attaches over the
 * serial line at any time: the first byte it sends stops the machine, and
 * so do breakpoints and watchpoints it sets, single steps, kernel
 * exceptions and panics. While stopped, the stub owns the CPU with
 * interrupts off and polls COM2. Tasks are threads (thread 1 is the
 * kernel); a task's registers are its saved user state and its memory is
 * read through its own VSpace.
 */
#ifndef KERNEL_KGDB_H
#define KERNEL_KGDB_H

#include <arch/trap.h>

struct task;

/* COM2, its interrupt and, with `gdb=wait`, a first stop in kmain. */
void kgdb_init(const char *cmdline);
/* #BP or #DB that the stub set up (breakpoint, watchpoint, step): handled
 * (the machine stopped and was resumed) or false if not the stub's. */
bool kgdb_trap(struct trap_frame *f, struct task *user);
/* COM2 received bytes. */
void kgdb_irq(struct trap_frame *f, struct task *user);
/* A kernel panic or exception: gdb gets to look before the halt. */
void kgdb_panic(struct trap_frame *f, bool exception);
bool kgdb_owns_irq(unsigned irq);
/* True while the stub has hardware breakpoints set (it owns DR0-DR7). */
bool kgdb_hw_active(void);

#endif

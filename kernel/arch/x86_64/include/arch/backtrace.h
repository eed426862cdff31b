/*
 * Frame-pointer backtraces (the kernel is built with
 * -fno-omit-frame-pointer): each frame holds the caller's rbp at [rbp] and
 * the return address at [rbp+8]. Frames are read with arch_copy_safe so a
 * corrupt chain ends the walk instead of faulting again.
 */
#ifndef ARCH_BACKTRACE_H
#define ARCH_BACKTRACE_H

#include <kernel/types.h>

#define BACKTRACE_MAX 32

/* Fills pcs with rip then the return addresses up the chain; returns the
 * count. */
size_t backtrace_collect(uint64_t rip, uint64_t rbp, uint64_t *pcs, size_t max);

#endif

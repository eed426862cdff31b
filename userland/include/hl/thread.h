/*
 * Tasks that run a C function in the creator's VSpace (the demo's worker,
 * test tasks). The task enters at hl_thread_start (lib/thread_start.S),
 * which calls fn(arg) and exits with its return value.
 */
#ifndef HL_THREAD_H
#define HL_THREAD_H

#include <stdint.h>
#include <helios/invocations.h>
#include <hl/alloc.h>

typedef int (*hl_thread_fn)(void *arg);

void hl_thread_start(void);

/* Registers that start fn(arg) on the stack ending at stack_top (16-byte
 * aligned), interrupts enabled. */
void hl_thread_regs(struct hl_regs *regs, hl_thread_fn fn, void *arg, uint64_t stack_top);

/* Creates a Task from a->memory, configured with the caller's CSpace
 * (a->cspace) and the given VSpace, with stack_pages fresh pages mapped
 * read-write at stack_vaddr as its stack, and its registers set to run
 * fn(arg). The task is left INACTIVE: set its priority and resume it. */
int hl_thread_create(struct hl_alloc *a, uint32_t vspace, uint64_t stack_vaddr,
                     uint32_t stack_pages, hl_thread_fn fn, void *arg, uint32_t *task);

#endif

/*
 * What `make run` shows: the root task creates a second task in its own
 * VSpace and CSpace, with a stack of its own, and both print numbered
 * lines forever. Neither yields: they take turns only because the kernel
 * preempts them at the end of each time slice.
 *
 * A third task, "waiter", serves an endpoint nobody calls, so it is blocked
 * for good: a debugger attached to the demo always finds a blocked task.
 */
#include <stdio.h>
#include <hl/alloc.h>
#include <hl/bootinfo.h>
#include <hl/invoke.h>
#include <hl/ipc.h>
#include <hl/thread.h>
#include "root.h"

#define WORKER_STACK 0x0000000020000000ull /* no page tables there yet */
#define WAITER_STACK 0x0000000020100000ull
#define WORKER_STACK_PAGES 4
#define LINE_TICKS 25 /* a quarter of a second between lines */

/* Spins (no yield) until `ticks` timer ticks have passed. */
static void busy_delay(uint64_t ticks)
{
    uint64_t end = hl_ticks() + ticks;

    while (hl_ticks() < end)
        ;
}

static __attribute__((noreturn)) int count_forever(void *name)
{
    for (unsigned long n = 1;; n++) {
        printf("%s: %lu\n", (const char *)name, n);
        busy_delay(LINE_TICKS);
    }
}

static uint32_t waiter_ep;

static __attribute__((noreturn)) int wait_forever(void *unused)
{
    (void)unused;
    for (;;)
        hl_recv(waiter_ep);
}

int demo_main(const struct hl_bootinfo *bi)
{
    int ram = hl_bootinfo_largest_ram(bi);
    uint32_t worker;
    int err;

    printf("root: Helios-C root task, %u memory regions, %u free slots of %u\n", bi->nmemory,
           (1u << bi->cspace_bits) - bi->first_free_slot, 1u << bi->cspace_bits);
    if (ram < 0) {
        printf("root: no RAM in the boot info\n");
        return 1;
    }
    struct hl_alloc alloc = {
        .cspace = HL_ROOT_SLOT_CSPACE,
        .memory = bi->memory[ram].slot,
        .next = bi->first_free_slot,
        .end = 1u << bi->cspace_bits,
    };
    if ((err = hl_thread_create(&alloc, HL_ROOT_SLOT_VSPACE, WORKER_STACK, WORKER_STACK_PAGES,
                                count_forever, "worker", &worker)) ||
        (err = hl_task_set_name(worker, "worker", 6)) ||
        (err = hl_task_set_priority(worker, 100, 100)) || (err = hl_task_resume(worker))) {
        printf("root: cannot start the worker task: error %d\n", err);
        return 1;
    }
    uint32_t waiter;
    if ((err = hl_alloc_objects(&alloc, HL_CAP_ENDPOINT, 0, 1, &waiter_ep)) ||
        (err = hl_thread_create(&alloc, HL_ROOT_SLOT_VSPACE, WAITER_STACK, 1, wait_forever, NULL,
                                &waiter)) ||
        (err = hl_task_set_name(waiter, "waiter", 6)) ||
        (err = hl_task_set_priority(waiter, 100, 100)) || (err = hl_task_resume(waiter))) {
        printf("root: cannot start the waiter task: error %d\n", err);
        return 1;
    }
    printf("root: started the worker task; both print under preemption\n");
    return count_forever("root");
}

/*
 * Many tasks blocked at once, then all woken (issue 6): 500 tasks wait in
 * receive on one endpoint and 500 on one notification; once every one has
 * arrived and blocked, 500 non-blocking sends and 500 signals must wake
 * each exactly once. Then the arena is revoked with all of them blocked
 * again in the queues, and must come back whole.
 */
#include <stdio.h>
#include <helios/errors.h>
#include <helios/bootinfo.h>
#include <hl/alloc.h>
#include <hl/invoke.h>
#include <hl/ipc.h>
#include <hl/syscall.h>
#include "fuzz.h"

#define CROWD 1000
#define CROWD_STACK 0x0000000031000000ull /* never touched: crowd_wait uses no stack */

struct crowd_counters {
    volatile uint64_t woken;
    volatile uint64_t arrived;
};

static struct crowd_counters counters;

void crowd_wait(void);

static bool wait_for(volatile uint64_t *v, uint64_t want, uint64_t ticks)
{
    uint64_t end = hl_ticks() + ticks;

    while (*v < want && hl_ticks() < end)
        hl_yield();
    return *v >= want;
}

int crowd_run(struct hl_alloc *a, uint32_t arena, bool *all_blocked, bool *all_woken, bool *whole)
{
    uint32_t ep, ntfn, first;
    int err;

    *all_blocked = *all_woken = *whole = false;
    if ((err = hl_alloc_objects(a, HL_CAP_ENDPOINT, 0, 1, &ep)) ||
        (err = hl_alloc_objects(a, HL_CAP_NOTIFICATION, 0, 1, &ntfn)) ||
        (err = hl_alloc_slots(a, CROWD, &first)))
        return err;
    struct hl_task_config cfg = {.cspace = HL_ROOT_SLOT_CSPACE,
                                 .vspace = HL_ROOT_SLOT_VSPACE,
                                 .ipc_buffer = HL_CPTR_NONE,
                                 .fault_endpoint = HL_CPTR_NONE};
    for (uint32_t i = 0; i < CROWD; i++) {
        struct hl_regs r = {.rip = (uint64_t)(uintptr_t)crowd_wait,
                            .rsp = CROWD_STACK,
                            .rdi = i % 2 ? ntfn : ep,
                            .rsi = (uint64_t)(uintptr_t)&counters,
                            .rflags = 0x202};
        uint32_t t = first + i;
        if ((err = hl_memory_retype(arena, HL_CAP_TASK, 0, HL_ROOT_SLOT_CSPACE, t, 1)) ||
            (err = hl_task_configure(t, &cfg)) || (err = hl_task_write_regs(t, &r)) ||
            (err = hl_task_set_priority(t, 100, 100)) || (err = hl_task_resume(t)))
            return err;
    }
    /* Every task has reached its receive and is blocked in it. */
    bool arrived = wait_for(&counters.arrived, CROWD, 1000);
    unsigned blocked = 0;
    for (uint32_t i = 0; i < CROWD; i++) {
        unsigned state;
        if (hl_task_info(first + i, NULL, &state) == E_OK && state == HL_TASK_BLOCKED)
            blocked++;
    }
    *all_blocked = arrived && blocked == CROWD;
    printf("# crowd: %lu arrived, %u blocked\n", (unsigned long)counters.arrived, blocked);

    /* One send or signal per waiter: each must wake exactly one. */
    unsigned sent = 0;
    for (uint32_t i = 0; i < CROWD / 2; i++) {
        struct hl_msg m = {.info = HL_MSGINFO(1, 0, 0)};
        sent += hl_ipc_syscall(SYS_NBSEND, ep, &m).status == E_OK;
        sent += hl_ipc_syscall(SYS_SEND, ntfn, &hl_msg_empty).status == E_OK;
        if (i % 16 == 15)
            hl_yield(); /* let the woken ones count themselves and wait again */
    }
    *all_woken = sent == CROWD && wait_for(&counters.woken, CROWD, 1000) && counters.woken == CROWD;
    printf("# crowd: %u sends and signals accepted, %lu tasks woken\n", sent,
           (unsigned long)counters.woken);

    /* All of them are waiting again: tear everything down under them. */
    struct hl_memory_info info;
    hl_cspace_revoke(HL_ROOT_SLOT_CSPACE, arena);
    *whole = hl_memory_info(arena, &info) == E_OK && info.free == info.size;
    return E_OK;
}

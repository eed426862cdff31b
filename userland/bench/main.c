/*
 * bench.elf: the kernel benchmarks as a root task. It raises itself to
 * BENCH_PRIORITY, maps the sample buffer, runs every benchmark in turn
 * (one line each, bench.h) and leaves QEMU through isa-debug-exit: 0x10
 * (status 33) when every benchmark ran without an error, else 0x11.
 * scripts/bench-kernel.sh boots it with `init=bench`.
 */
#include <stdio.h>
#include <helios/errors.h>
#include <hl/bootinfo.h>
#include <hl/invoke.h>
#include <hl/syscall.h>
#include "bench.h"

#define SAMPLES_VADDR 0x0000000040000000ull
#define STACKS_VADDR 0x0000000020000000ull
#define DEBUG_EXIT_PORT 0xf4
#define DEBUG_EXIT_PASS 0x10
#define DEBUG_EXIT_FAIL 0x11

static void (*const benchmarks[])(struct bench *) = {
    bench_tsc_overhead,
    bench_null_syscall,
    bench_call_same_vspace,
    bench_call_cross_vspace,
    bench_notification,
    bench_fault,
    bench_yield,
};

/* Returns only when the exit port could not be had or written. */
static int leave_qemu(const struct bench *b, uint32_t slot)
{
    unsigned code = b->failures ? DEBUG_EXIT_FAIL : DEBUG_EXIT_PASS;
    int err =
        hl_iocontrol_issue(HL_ROOT_SLOT_IOCONTROL, DEBUG_EXIT_PORT, 1, HL_ROOT_SLOT_CSPACE, slot);

    if (err == E_OK)
        err = hl_ioport_out(slot, DEBUG_EXIT_PORT, 1, code);
    printf("bench: cannot leave QEMU: error %d\n", err);
    return 1;
}

int main(const struct hl_bootinfo *bi)
{
    int ram = hl_bootinfo_largest_ram(bi);
    struct bench b = {.bi = bi, .next_stack = STACKS_VADDR};
    uint32_t exit_slot = 0; /* 0 is never a capability: leaving QEMU fails visibly */
    int err;

    if (bi->magic != HL_BOOTINFO_MAGIC || ram < 0) {
        printf("bench: no usable boot info\n");
        return 1;
    }
    b.alloc = (struct hl_alloc){
        .cspace = HL_ROOT_SLOT_CSPACE,
        .memory = bi->memory[ram].slot,
        .next = bi->first_free_slot,
        .end = 1u << bi->cspace_bits,
    };
    uint32_t pages =
        (BENCH_ITERATIONS * sizeof(uint64_t) + (1u << HL_PAGE_BITS) - 1) >> HL_PAGE_BITS;
    if ((err = hl_alloc_slots(&b.alloc, 1, &exit_slot)) ||
        (err = hl_task_set_priority(HL_ROOT_SLOT_TASK, BENCH_PRIORITY, HL_PRIORITY_MAX)) ||
        (err = hl_alloc_map_new_pages(&b.alloc, HL_ROOT_SLOT_VSPACE, SAMPLES_VADDR, pages,
                                      HL_RIGHT_READ | HL_RIGHT_WRITE))) {
        printf("bench: setup failed: error %d\n", err);
        b.failures++;
        return leave_qemu(&b, exit_slot);
    }
    b.samples = (uint64_t *)(uintptr_t)SAMPLES_VADDR;
    printf("bench: %u iterations after %u warm-up, TSC cycles, timer at %lu Hz\n", BENCH_ITERATIONS,
           BENCH_WARMUP, (unsigned long)bi->tick_hz);
    for (size_t i = 0; i < sizeof(benchmarks) / sizeof(benchmarks[0]); i++)
        benchmarks[i](&b);
    printf("bench: done, %u failed\n", b.failures);
    return leave_qemu(&b, exit_slot);
}

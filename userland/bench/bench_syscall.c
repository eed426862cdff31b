/*
 * The cheapest things: two back-to-back TSC reads (the floor under every
 * other figure), a syscall the kernel rejects at once, and a yield between
 * two tasks, which is the scheduler's context switch and nothing more.
 */
#include <helios/errors.h>
#include <hl/invoke.h>
#include <hl/syscall.h>
#include "bench.h"

/* No syscall has this number: the kernel enters, dispatches, returns
 * E_INVALID_SYSCALL. seL4's "null syscall" is the same idea. */
#define NULL_SYSCALL_NR 0xffff

void bench_tsc_overhead(struct bench *b)
{
    for (unsigned i = 0; i < BENCH_WARMUP + BENCH_ITERATIONS; i++) {
        uint64_t t0 = bench_tsc();
        uint64_t t1 = bench_tsc();
        if (i >= BENCH_WARMUP)
            b->samples[i - BENCH_WARMUP] = t1 - t0;
    }
    bench_report(b, "tsc_overhead", 0);
}

void bench_null_syscall(struct bench *b)
{
    unsigned errors = 0;

    for (unsigned i = 0; i < BENCH_WARMUP + BENCH_ITERATIONS; i++) {
        uint64_t t0 = bench_tsc();
        int err = hl_syscall6(NULL_SYSCALL_NR, 0, 0, 0, 0, 0, 0, NULL);
        uint64_t t1 = bench_tsc();
        errors += err != E_INVALID_SYSCALL;
        if (i >= BENCH_WARMUP)
            b->samples[i - BENCH_WARMUP] = t1 - t0;
    }
    bench_report(b, "null_syscall", errors);
}

static __attribute__((noreturn)) int yield_forever(void *arg)
{
    (void)arg;
    for (;;)
        hl_yield();
}

/* With exactly two runnable tasks at the top priority, each yield hands
 * the CPU to the other: one sample is two yields and two switches. */
void bench_yield(struct bench *b)
{
    uint32_t partner;
    int err = bench_spawn(b, HL_ROOT_SLOT_VSPACE, yield_forever, NULL, &partner);

    if (err) {
        bench_setup_failed(b, "yield_roundtrip", "spawn the partner", err);
        return;
    }
    for (unsigned i = 0; i < BENCH_WARMUP + BENCH_ITERATIONS; i++) {
        uint64_t t0 = bench_tsc();
        hl_yield();
        uint64_t t1 = bench_tsc();
        if (i >= BENCH_WARMUP)
            b->samples[i - BENCH_WARMUP] = t1 - t0;
    }
    hl_task_suspend(partner);
    bench_report(b, "yield_roundtrip", 0);
}

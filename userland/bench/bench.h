/*
 * The kernel benchmarks (make bench): a root program, bench.elf, that the
 * kernel starts from the boot module `bench` (command line `init=bench`).
 * Each benchmark times ITERATIONS operations with rdtsc after WARMUP
 * untimed ones, keeps every sample, and prints one line
 *   bench NAME iters N median M p99 P min A max B errors E
 * in TSC cycles, which scripts/bench-kernel.sh turns into the table and
 * kernel.json.
 *
 * All tasks run at BENCH_PRIORITY, above everything else, so nothing but
 * the timer interrupt (100 Hz, visible in p99 and max) comes between them.
 */
#ifndef BENCH_H
#define BENCH_H

#include <stddef.h>
#include <stdint.h>
#include <helios/bootinfo.h>
#include <hl/alloc.h>
#include <hl/thread.h>

#define BENCH_ITERATIONS 100000
#define BENCH_WARMUP 10000
#define BENCH_PRIORITY 200

struct bench {
    const struct hl_bootinfo *bi;
    struct hl_alloc alloc; /* slots and objects, from the largest RAM region */
    uint64_t *samples;     /* BENCH_ITERATIONS cycle counts */
    uint64_t next_stack;   /* where the next helper task's stack goes */
    unsigned failures;     /* benchmarks that could not run or saw errors */
};

/* Reads the TSC after everything before it has finished (lfence: the
 * AMD and Intel SDMs' recipe for ordering rdtsc), so that the interval
 * holds the operation and not whatever the CPU overlapped with it. */
static inline uint64_t bench_tsc(void)
{
    uint32_t lo, hi;

    __asm__ volatile("lfence; rdtsc; lfence" : "=a"(lo), "=d"(hi) : : "memory");
    return (uint64_t)hi << 32 | lo;
}

/* Sorts the samples and prints the benchmark's line; errors counts
 * operations that did not return E_OK (any makes the run a failure). */
void bench_report(struct bench *b, const char *name, unsigned errors);
/* A benchmark that could not be set up: prints why, counts a failure. */
void bench_setup_failed(struct bench *b, const char *name, const char *what, int err);

/* A helper task running fn(arg) in vspace at BENCH_PRIORITY, resumed. */
int bench_spawn(struct bench *b, uint32_t vspace, hl_thread_fn fn, void *arg, uint32_t *task);
/* Same, but with a fault endpoint (a cptr of the shared CSpace). */
int bench_spawn_faulting(struct bench *b, hl_thread_fn fn, void *arg, uint32_t fault_ep,
                         uint32_t *task);
/* A new VSpace with the program's image and stack pages mapped as they are
 * in the root task's, sharing the same frames. */
int bench_clone_vspace(struct bench *b, uint32_t *vspace);

/* The benchmarks, one per figure (bench_syscall.c, bench_ipc.c,
 * bench_fault.c). */
void bench_tsc_overhead(struct bench *b);
void bench_null_syscall(struct bench *b);
void bench_yield(struct bench *b);
void bench_call_same_vspace(struct bench *b);
void bench_call_cross_vspace(struct bench *b);
void bench_notification(struct bench *b);
void bench_fault(struct bench *b);

#endif

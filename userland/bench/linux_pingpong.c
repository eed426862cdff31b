/*
 * The Linux reference for make bench, run on the host in the same session
 * as the kernel benchmarks: the same measurements by the same method
 * (rdtsc with lfence, 100,000 samples after warm-up, median and p99),
 * with every process and thread pinned to one core so that a round trip
 * is two context switches on one CPU, as in the Helios figures.
 *
 *   null_syscall            syscall(SYS_getppid)
 *   pipe_roundtrip          one byte there and back between two processes
 *   futex_roundtrip         wake/wait ping-pong between two threads
 *   yield_roundtrip         sched_yield between two threads
 *   signal_roundtrip        ud2, SIGILL handler moves rip past it, return
 *
 * Output lines: `linux NAME iters N median M p99 P min A max B errors E`.
 */
#define _GNU_SOURCE
#include <linux/futex.h>
#include <pthread.h>
#include <sched.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <ucontext.h>
#include <unistd.h>

#define ITERATIONS 100000
#define WARMUP 10000
#define UD2_LENGTH 2

static uint64_t samples[ITERATIONS];
static int cpu;

static inline uint64_t tsc(void)
{
    uint32_t lo, hi;

    __asm__ volatile("lfence; rdtsc; lfence" : "=a"(lo), "=d"(hi) : : "memory");
    return (uint64_t)hi << 32 | lo;
}

static void record(unsigned i, uint64_t t0, uint64_t t1)
{
    if (i >= WARMUP)
        samples[i - WARMUP] = t1 - t0;
}

static int compare(const void *a, const void *b)
{
    uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;

    return x < y ? -1 : x > y;
}

static void report(const char *name, unsigned errors)
{
    const size_t n = ITERATIONS;
    size_t p99 = (n * 99 + 99) / 100 - 1;

    qsort(samples, n, sizeof(samples[0]), compare);
    printf("linux %s iters %zu median %lu p99 %lu min %lu max %lu errors %u\n", name, n,
           (unsigned long)samples[n / 2], (unsigned long)samples[p99], (unsigned long)samples[0],
           (unsigned long)samples[n - 1], errors);
}

static void pin(void)
{
    cpu_set_t set;

    CPU_ZERO(&set);
    CPU_SET(cpu, &set);
    if (sched_setaffinity(0, sizeof(set), &set)) {
        perror("sched_setaffinity");
        exit(1);
    }
}

static void null_syscall(void)
{
    for (unsigned i = 0; i < WARMUP + ITERATIONS; i++) {
        uint64_t t0 = tsc();
        syscall(SYS_getppid);
        record(i, t0, tsc());
    }
    report("null_syscall", 0);
}

/* The child inherits the pinning. */
static void pipe_roundtrip(void)
{
    int there[2], back[2];
    unsigned errors = 0;
    char c = 0;

    if (pipe(there) || pipe(back)) {
        perror("pipe");
        exit(1);
    }
    pid_t child = fork();
    if (child == 0) {
        /* Without the write end, the child sees end-of-file when the
         * parent closes its own. */
        close(there[1]);
        close(back[0]);
        while (read(there[0], &c, 1) == 1 && write(back[1], &c, 1) == 1)
            ;
        _exit(0);
    }
    for (unsigned i = 0; i < WARMUP + ITERATIONS; i++) {
        uint64_t t0 = tsc();
        errors += write(there[1], &c, 1) != 1;
        errors += read(back[0], &c, 1) != 1;
        record(i, t0, tsc());
    }
    close(there[1]);
    waitpid(child, NULL, 0);
    close(there[0]);
    close(back[0]);
    close(back[1]);
    report("pipe_roundtrip", errors);
}

static atomic_int ping, pong, stop;

static void futex_wait(atomic_int *word, int value)
{
    syscall(SYS_futex, word, FUTEX_WAIT_PRIVATE, value, NULL, NULL, 0);
}

static void futex_wake(atomic_int *word)
{
    syscall(SYS_futex, word, FUTEX_WAKE_PRIVATE, 1, NULL, NULL, 0);
}

/* Each word goes 0 -> 1 when its side is signalled and back to 0 when the
 * other side takes it; a waiter sleeps only while it reads 0. */
static void *futex_partner(void *arg)
{
    (void)arg;
    pin();
    for (unsigned i = 0; i < WARMUP + ITERATIONS; i++) {
        while (atomic_load(&ping) == 0)
            futex_wait(&ping, 0);
        atomic_store(&ping, 0);
        atomic_store(&pong, 1);
        futex_wake(&pong);
    }
    return NULL;
}

static void futex_roundtrip(void)
{
    pthread_t t;

    pthread_create(&t, NULL, futex_partner, NULL);
    for (unsigned i = 0; i < WARMUP + ITERATIONS; i++) {
        uint64_t t0 = tsc();
        atomic_store(&ping, 1);
        futex_wake(&ping);
        while (atomic_load(&pong) == 0)
            futex_wait(&pong, 0);
        atomic_store(&pong, 0);
        record(i, t0, tsc());
    }
    pthread_join(t, NULL);
    report("futex_roundtrip", 0);
}

static void *yield_partner(void *arg)
{
    (void)arg;
    pin();
    while (!atomic_load(&stop))
        sched_yield();
    return NULL;
}

static void yield_roundtrip(void)
{
    pthread_t t;

    atomic_store(&stop, 0);
    pthread_create(&t, NULL, yield_partner, NULL);
    for (unsigned i = 0; i < WARMUP + ITERATIONS; i++) {
        uint64_t t0 = tsc();
        sched_yield();
        record(i, t0, tsc());
    }
    atomic_store(&stop, 1);
    pthread_join(t, NULL);
    report("yield_roundtrip", 0);
}

static void on_sigill(int sig, siginfo_t *info, void *context)
{
    ucontext_t *uc = context;

    (void)sig;
    (void)info;
    uc->uc_mcontext.gregs[REG_RIP] += UD2_LENGTH;
}

static void signal_roundtrip(void)
{
    struct sigaction sa;

    memset(&sa, 0, sizeof(sa));
    sa.sa_sigaction = on_sigill;
    sa.sa_flags = SA_SIGINFO;
    sigaction(SIGILL, &sa, NULL);
    for (unsigned i = 0; i < WARMUP + ITERATIONS; i++) {
        uint64_t t0 = tsc();
        __asm__ volatile("ud2" ::: "memory");
        record(i, t0, tsc());
    }
    signal(SIGILL, SIG_DFL);
    report("signal_roundtrip", 0);
}

int main(void)
{
    cpu = sched_getcpu();
    if (cpu < 0) {
        perror("sched_getcpu");
        return 1;
    }
    pin();
    printf("linux: %d iterations after %d warm-up, TSC cycles, pinned to CPU %d\n", ITERATIONS,
           WARMUP, cpu);
    null_syscall();
    pipe_roundtrip();
    futex_roundtrip();
    yield_roundtrip();
    signal_roundtrip();
    return 0;
}

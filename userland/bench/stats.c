/*
 * From samples to the printed line: an in-place heapsort (no allocation,
 * O(n log n) worst case: 100,000 samples sort in a few million compares),
 * then median, 99th percentile (nearest rank), minimum and maximum.
 */
#include <stdio.h>
#include <helios/errors.h>
#include "bench.h"

static void sift_down(uint64_t *a, size_t root, size_t n)
{
    for (;;) {
        size_t child = 2 * root + 1;
        if (child >= n)
            return;
        if (child + 1 < n && a[child + 1] > a[child])
            child++;
        if (a[root] >= a[child])
            return;
        uint64_t t = a[root];
        a[root] = a[child];
        a[child] = t;
        root = child;
    }
}

static void sort(uint64_t *a, size_t n)
{
    for (size_t i = n / 2; i-- > 0;)
        sift_down(a, i, n);
    for (size_t end = n; end-- > 1;) {
        uint64_t t = a[0];
        a[0] = a[end];
        a[end] = t;
        sift_down(a, 0, end);
    }
}

void bench_report(struct bench *b, const char *name, unsigned errors)
{
    const size_t n = BENCH_ITERATIONS;
    uint64_t *s = b->samples;

    sort(s, n);
    /* Nearest rank: the smallest sample at or above 99% of them. */
    size_t p99 = (n * 99 + 99) / 100 - 1;
    printf("bench %s iters %lu median %lu p99 %lu min %lu max %lu errors %u\n", name,
           (unsigned long)n, (unsigned long)s[n / 2], (unsigned long)s[p99], (unsigned long)s[0],
           (unsigned long)s[n - 1], errors);
    if (errors)
        b->failures++;
}

void bench_setup_failed(struct bench *b, const char *name, const char *what, int err)
{
    printf("bench %s failed: %s: error %d\n", name, what, err);
    b->failures++;
}

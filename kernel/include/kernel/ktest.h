/*
 * In-kernel self-tests of the boot path. A test is a function registered
 * with KTEST(group, name); the linker gathers them in .ktests, so there is no
 * list to keep. `ktest[=PATTERN]` on the command line runs them, prints TAP
 * ("ok N - group.name") and the closing "N passed, N failed", and leaves QEMU
 * through isa-debug-exit with the result.
 *
 * Checks do not stop a test: every failed check prints expression, expected
 * and actual value, file and line, and marks the test failed.
 */
#ifndef KERNEL_KTEST_H
#define KERNEL_KTEST_H

#include <kernel/types.h>

struct ktest_ctx {
    int failures;
};

struct ktest {
    const char *group;
    const char *name;
    void (*fn)(struct ktest_ctx *t);
};

#define KTEST(group, name)                                                                         \
    static void ktest_fn_##group##_##name(struct ktest_ctx *t);                                    \
    static const struct ktest ktest_##group##_##name                                               \
        __attribute__((used, section(".ktests"), aligned(8))) = {#group, #name,                    \
                                                                 ktest_fn_##group##_##name};       \
    static void ktest_fn_##group##_##name(struct ktest_ctx *t)

void ktest_fail(struct ktest_ctx *t, const char *file, int line, const char *fmt, ...)
    PRINTF_LIKE(4, 5);

#define KT_EQ(actual, expected)                                                                    \
    do {                                                                                           \
        uint64_t a_ = (uint64_t)(actual), e_ = (uint64_t)(expected);                               \
        if (a_ != e_)                                                                              \
            ktest_fail(t, __FILE__, __LINE__, "%s == %s: expected 0x%lx, got 0x%lx", #actual,      \
                       #expected, e_, a_);                                                         \
    } while (0)

#define KT_TRUE(cond)                                                                              \
    do {                                                                                           \
        if (!(cond))                                                                               \
            ktest_fail(t, __FILE__, __LINE__, "expected true: %s", #cond);                         \
    } while (0)

/* lo <= actual <= hi */
#define KT_RANGE(actual, lo, hi)                                                                   \
    do {                                                                                           \
        uint64_t a_ = (uint64_t)(actual);                                                          \
        if (a_ < (uint64_t)(lo) || a_ > (uint64_t)(hi))                                            \
            ktest_fail(t, __FILE__, __LINE__, "%s in [%s, %s]: got %lu", #actual, #lo, #hi, a_);   \
    } while (0)

/* Runs the tests matching pattern; never returns. */
NORETURN void ktest_run(const char *pattern);
/* Exported for host tests of the matcher. */
bool ktest_match(const char *pattern, const char *group, const char *name);

#endif

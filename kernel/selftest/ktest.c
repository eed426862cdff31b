/*
 * The self-test runner; see include/kernel/ktest.h.
 */
#include <arch/qemu_exit.h>
#include <arch/cpu.h>
#include <kernel/fmt.h>
#include <kernel/kprintf.h>
#include <kernel/ktest.h>
#include <kernel/string.h>

extern const struct ktest __ktests_start[], __ktests_end[];

void ktest_fail(struct ktest_ctx *t, const char *file, int line, const char *fmt, ...)
{
    va_list ap;

    t->failures++;
    kprintf("# %s:%d: ", file, line);
    va_start(ap, fmt);
    kvprintf(fmt, ap);
    va_end(ap);
    kprintf("\n");
}

/* "" and "*" match everything; "group.*" a group; otherwise the full name. */
bool ktest_match(const char *pattern, const char *group, const char *name)
{
    char full[128];

    if (pattern[0] == '\0' || strcmp(pattern, "*") == 0)
        return true;
    ksnprintf(full, sizeof(full), "%s.%s", group, name);
    size_t n = strlen(pattern);
    if (n >= 2 && pattern[n - 1] == '*')
        return strncmp(full, pattern, n - 1) == 0;
    return strcmp(full, pattern) == 0;
}

void ktest_run(const char *pattern)
{
    int planned = 0, passed = 0, failed = 0;

    for (const struct ktest *k = __ktests_start; k < __ktests_end; k++)
        planned += ktest_match(pattern, k->group, k->name);
    kprintf("TAP version 13\n1..%d\n", planned);
    for (const struct ktest *k = __ktests_start; k < __ktests_end; k++) {
        if (!ktest_match(pattern, k->group, k->name))
            continue;
        struct ktest_ctx t = {0};
        k->fn(&t);
        int n = passed + failed + 1;
        if (t.failures == 0) {
            passed++;
            kprintf("ok %d - %s.%s\n", n, k->group, k->name);
        } else {
            failed++;
            kprintf("not ok %d - %s.%s\n", n, k->group, k->name);
        }
    }
    kprintf("%d passed, %d failed\n", passed, failed);
    qemu_exit(failed == 0 && planned > 0 ? QEMU_EXIT_PASS : QEMU_EXIT_FAIL);
    cpu_halt_forever();
}

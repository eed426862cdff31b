/*
 * Deliberate kernel crashes, so tests can check the report a person gets:
 * vector name, error code, CR2, registers and a symbolized backtrace through
 * these nested functions (crash_inner <- crash_outer <- selftest_crash).
 */
#include <kernel/kprintf.h>
#include <kernel/panic.h>
#include <kernel/selftest.h>
#include <kernel/string.h>

/* An address below the kernel with nothing mapped once the boot identity
 * map is gone. */
#define CRASH_ADDRESS 0xdead000ul

__attribute__((noinline, noclone)) static void crash_inner(const char *kind)
{
    if (strcmp(kind, "pagefault") == 0)
        *(volatile uint64_t *)CRASH_ADDRESS = 1;
    else if (strcmp(kind, "ud") == 0)
        __asm__ volatile("ud2");
    else if (strcmp(kind, "panic") == 0)
        panic("deliberate panic requested with crash=panic");
    else
        panic("crash: unknown kind '%s' (pagefault, ud or panic)", kind);
    __asm__ volatile("" ::: "memory"); /* keep this frame out of a tail call */
}

__attribute__((noinline, noclone)) static void crash_outer(const char *kind)
{
    crash_inner(kind);
    __asm__ volatile("" ::: "memory");
}

void selftest_crash(const char *kind)
{
    kprintf("crash: deliberately causing '%s'\n", kind);
    crash_outer(kind);
    panic("crash: '%s' did not crash", kind);
}

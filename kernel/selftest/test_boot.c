/*
 * Boot self-tests of what the loader handed over: the command line and the
 * test module the runner passes (scripts/qemu-test.sh writes a module whose
 * byte i is (i * 7 + 3) % 251, named "testmod" with args "alpha beta").
 */
#include <arch/layout.h>
#include <kernel/bootinfo.h>
#include <kernel/cmdline.h>
#include <kernel/ktest.h>
#include <kernel/timer.h>

extern struct bootinfo bootinfo;

KTEST(boot, cmdline_seen)
{
    KT_TRUE(cmdline_get(bootinfo.cmdline, "ktest", NULL, 0));
    KT_TRUE(bootinfo.protocol == 1 || bootinfo.protocol == 2);
}

KTEST(boot, test_module_contents)
{
    const struct boot_module *m = bootinfo_find_module(&bootinfo, "testmod");

    KT_TRUE(m != NULL);
    if (!m)
        return;
    KT_EQ(m->end - m->start, 12345);
    KT_TRUE(IS_ALIGNED(m->start, PAGE_SIZE));
    KT_TRUE(m->args[0] == 'a' && m->args[5] == ' ' && m->args[6] == 'b');
    const uint8_t *p = phys_to_virt(m->start);
    size_t bad = 0;
    for (size_t i = 0; i < 12345; i++)
        bad += p[i] != (uint8_t)((i * 7 + 3) % 251);
    KT_EQ(bad, 0);
}

KTEST(timer, ticks_at_known_rate)
{
    /* 20 ticks at TIMER_HZ = 200 ms by the TSC; emulation jitters, so the
     * bound is wide, but a wrong divider or rate is off by 10x or more. */
    uint64_t t0 = timer_ticks;
    while (timer_ticks == t0)
        __asm__ volatile("hlt");
    uint64_t start = time_ns(), first = timer_ticks;
    while (timer_ticks < first + 20 && time_ns() - start < 2000000000ull)
        __asm__ volatile("hlt");
    uint64_t ms = (time_ns() - start) / 1000000;

    KT_EQ(timer_ticks >= first + 20, 1);
    KT_RANGE(ms, 100, 400);
}

KTEST(timer, tsc_calibrated)
{
    KT_TRUE(tsc_hz > 100000000ull); /* any x86_64 TSC runs above 100 MHz */
    uint64_t a = time_ns(), b = time_ns();
    KT_TRUE(b >= a);
}

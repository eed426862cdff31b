/*
 * The tick counter and TSC time. The TSC rate is measured against the PIT
 * over 50 ms at boot; under emulation the measurement is only as good as the
 * emulator's clocks, which is why tests compare with wide bounds.
 */
#include <arch/apic.h>
#include <arch/cpu.h>
#include <kernel/timer.h>

volatile uint64_t timer_ticks;
uint64_t tsc_hz;
uint64_t lapic_input_hz;
static uint64_t tsc_base;

void timer_tick(void)
{
    timer_ticks++;
}

uint64_t time_ns(void)
{
    uint64_t d = rdtsc() - tsc_base;

    /* Split to avoid overflow of d * 1e9 for long uptimes. */
    return d / tsc_hz * 1000000000ull + d % tsc_hz * 1000000000ull / tsc_hz;
}

void timer_init(void)
{
    uint64_t cycles;
    uint32_t counts;

    pit_measure(50, &cycles, &counts);
    tsc_hz = cycles * 20;
    lapic_input_hz = (uint64_t)counts * 20;
    tsc_base = rdtsc();
    lapic_timer_start(TIMER_HZ, (uint32_t)lapic_input_hz);
}

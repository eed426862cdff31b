/*
 * Local APIC and its timer (SDM Vol. 3A chapter 10). The timer's input clock
 * is not architecturally known, so it is measured against the PIT once at
 * boot, together with the TSC.
 */
#include <arch/apic.h>
#include <arch/cpu.h>
#include <arch/layout.h>
#include <arch/trap.h>

#define LAPIC_ID 0x020
#define LAPIC_EOI 0x0b0
#define LAPIC_SVR 0x0f0
#define LAPIC_LVT_TIMER 0x320
#define LAPIC_TIMER_INIT 0x380
#define LAPIC_TIMER_CUR 0x390
#define LAPIC_TIMER_DIV 0x3e0

#define LVT_MASKED (1u << 16)
#define LVT_PERIODIC (1u << 17)
#define TIMER_DIV_16 0x3

#define PIT_CH2 0x42
#define PIT_CMD 0x43
#define PIT_GATE 0x61
#define PIT_HZ 1193182u

static volatile uint32_t *lapic;

static uint32_t lapic_read(uint32_t reg)
{
    return lapic[reg / 4];
}

static void lapic_write(uint32_t reg, uint32_t v)
{
    lapic[reg / 4] = v;
}

void lapic_init(void)
{
    uint64_t base = rdmsr(MSR_APIC_BASE);

    wrmsr(MSR_APIC_BASE, base | (1u << 11)); /* global enable */
    lapic = phys_to_virt(base & ~0xfffull);
    lapic_write(LAPIC_SVR, 0x100 | VEC_SPURIOUS);
    lapic_write(LAPIC_LVT_TIMER, LVT_MASKED);
}

void lapic_eoi(void)
{
    lapic_write(LAPIC_EOI, 0);
}

uint32_t lapic_id(void)
{
    return lapic_read(LAPIC_ID) >> 24;
}

void pit_measure(uint32_t ms, uint64_t *tsc_cycles, uint32_t *lapic_counts)
{
    uint32_t count = PIT_HZ * ms / 1000;
    uint8_t gate = inb(PIT_GATE);

    outb(PIT_GATE, (uint8_t)((gate & ~0x02) & ~0x01)); /* speaker off, gate low */
    outb(PIT_CMD, 0xb0); /* channel 2, lo/hi byte, mode 0 (interrupt on terminal count) */
    outb(PIT_CH2, count & 0xff);
    outb(PIT_CH2, (count >> 8) & 0xff);

    lapic_write(LAPIC_TIMER_DIV, TIMER_DIV_16);
    lapic_write(LAPIC_LVT_TIMER, LVT_MASKED);
    uint8_t g = inb(PIT_GATE) & ~0x01;
    outb(PIT_GATE, g);
    outb(PIT_GATE, g | 0x01); /* rising gate starts the count */
    lapic_write(LAPIC_TIMER_INIT, 0xffffffff);
    uint64_t t0 = rdtsc();
    while (!(inb(PIT_GATE) & 0x20)) /* OUT2 goes high at terminal count */
        cpu_relax();
    uint64_t t1 = rdtsc();
    uint32_t left = lapic_read(LAPIC_TIMER_CUR);
    lapic_write(LAPIC_TIMER_INIT, 0);
    outb(PIT_GATE, gate);

    *tsc_cycles = t1 - t0;
    *lapic_counts = 0xffffffff - left;
}

void lapic_timer_start(uint32_t hz, uint32_t input_hz)
{
    lapic_write(LAPIC_TIMER_DIV, TIMER_DIV_16);
    lapic_write(LAPIC_LVT_TIMER, LVT_PERIODIC | VEC_TIMER);
    lapic_write(LAPIC_TIMER_INIT, input_hz / hz);
}

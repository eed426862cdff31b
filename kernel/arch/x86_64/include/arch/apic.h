/*
 * The local APIC (xAPIC, memory-mapped) and the legacy timers used to
 * calibrate it: the 8259 PICs are remapped and masked, the PIT only
 * measures a known interval at boot.
 */
#ifndef ARCH_APIC_H
#define ARCH_APIC_H

#include <kernel/types.h>

void pic_disable(void);
void lapic_init(void);
void lapic_eoi(void);
uint32_t lapic_id(void);
/* Periodic timer interrupts at hz on VEC_TIMER; input_hz is the timer's
 * clock after its divide-by-16, as measured by pit_measure. */
void lapic_timer_start(uint32_t hz, uint32_t input_hz);

/* Busy-waits about ms milliseconds (at most 50) on PIT channel 2 and
 * returns the TSC cycles and the LAPIC timer counts that elapsed. */
void pit_measure(uint32_t ms, uint64_t *tsc_cycles, uint32_t *lapic_counts);

/* The IOAPIC: ISA IRQs, all masked after init. */
void ioapic_init(void);
void ioapic_set_masked(unsigned irq, bool masked);

#endif

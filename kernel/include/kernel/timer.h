/*
 * Time: a periodic tick at TIMER_HZ from the local APIC timer, and the TSC
 * (calibrated against the PIT at boot) for finer measurements.
 */
#ifndef KERNEL_TIMER_H
#define KERNEL_TIMER_H

#include <kernel/types.h>

#define TIMER_HZ 100

extern volatile uint64_t timer_ticks;
extern uint64_t tsc_hz;
extern uint64_t lapic_input_hz;

void timer_tick(void);
/* Nanoseconds since the TSC was calibrated. */
uint64_t time_ns(void);
void timer_init(void);

#endif

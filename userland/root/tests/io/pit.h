/*
 * The 8254 PIT (Intel 82C54 datasheet), which the kernel leaves alone (its
 * timer is the local APIC): channel 0 drives ISA IRQ 0, so the tests can
 * make a device interrupt at a known rate.
 */
#ifndef PIT_H
#define PIT_H

#include <stdint.h>

#define PIT_BASE 0x40
#define PIT_PORTS 4
#define PIT_CHANNEL0 0x40
#define PIT_COMMAND 0x43
#define PIT_HZ 1193182u
#define PIT_IRQ 0

/* Command bytes: channel 0, low then high byte, mode, binary. */
#define PIT_CMD_ONESHOT 0x30  /* mode 0: one interrupt at terminal count */
#define PIT_CMD_PERIODIC 0x34 /* mode 2: rate generator */
#define PIT_CMD_LATCH0 0x00   /* latch channel 0's count for reading */

/* Starts channel 0 at `hz` interrupts per second. */
int pit_periodic(uint32_t ioport, unsigned hz);
/* One last terminal count, long from now, and no more. */
int pit_stop(uint32_t ioport);
/* Channel 0's current count. */
int pit_read_count(uint32_t ioport, uint32_t *count);

#endif

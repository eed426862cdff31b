/*
 * The root task: built from a boot module and started (core/root_task.c);
 * its Memory capabilities and boot info page (core/root_memory.c).
 */
#ifndef KERNEL_ROOT_TASK_H
#define KERNEL_ROOT_TASK_H

#include <helios/bootinfo.h>
#include <kernel/bootinfo.h>
#include <kernel/cap.h>

NORETURN void root_task_start(const struct bootinfo *bi);

/* Turns every free frame into Memory capabilities (and device ranges into
 * device Memory) in slots from *next_slot, and fills in the rest of the
 * boot info page. Returns the KiB of RAM handed over. */
uint64_t root_fill_bootinfo(const struct bootinfo *bi, struct hl_bootinfo *info,
                            struct cap_slot *slots, uint32_t *next_slot, uint32_t nslots);

#endif

/*
 * The last few user faults, kept for debuggers (`monitor faults`,
 * `info os faults`): which task, what, where and when.
 */
#ifndef KERNEL_FAULTLOG_H
#define KERNEL_FAULTLOG_H

#include <helios/invocations.h>
#include <kernel/types.h>

#define FAULTLOG_SIZE 16

struct fault_record {
    uint64_t tick;
    uint64_t vector, error, addr, rip;
    uint32_t task_id;
    char name[HL_TASK_NAME_MAX];
};

struct task;
void faultlog_add(const struct task *t, uint64_t vector, uint64_t error, uint64_t addr,
                  uint64_t rip);
/* The i-th most recent record (0 = newest), or NULL. */
const struct fault_record *faultlog_get(unsigned i);

#endif

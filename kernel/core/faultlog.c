/* A ring of the most recent user faults; see include/kernel/faultlog.h. */
#include <kernel/faultlog.h>
#include <kernel/object.h>
#include <kernel/string.h>
#include <kernel/timer.h>

static struct fault_record ring[FAULTLOG_SIZE];
static unsigned next, count;

void faultlog_add(const struct task *t, uint64_t vector, uint64_t error, uint64_t addr,
                  uint64_t rip)
{
    struct fault_record *r = &ring[next];

    *r = (struct fault_record){.tick = timer_ticks,
                               .vector = vector,
                               .error = error,
                               .addr = addr,
                               .rip = rip,
                               .task_id = t->id};
    memcpy(r->name, t->name, sizeof(r->name));
    next = (next + 1) % FAULTLOG_SIZE;
    if (count < FAULTLOG_SIZE)
        count++;
}

const struct fault_record *faultlog_get(unsigned i)
{
    if (i >= count)
        return NULL;
    return &ring[(next + FAULTLOG_SIZE - 1 - i) % FAULTLOG_SIZE];
}

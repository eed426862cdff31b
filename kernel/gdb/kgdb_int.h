/*
 * Internal state of the kernel GDB stub, shared by its files.
 */
#ifndef KGDB_INT_H
#define KGDB_INT_H

#include <gdbstub/gdbstub.h>
#include <kernel/kgdb.h>
#include <kernel/object.h>

#define KGDB_TID_KERNEL 1
#define KGDB_MAX_SW_BPS 64

struct kgdb_sw_bp {
    uint64_t addr;
    paddr_t space; /* PML4 of the address space, 0 for kernel addresses */
    paddr_t phys;  /* where the int3 byte is */
    uint8_t orig;
    bool used;
};

struct kgdb {
    struct gdbstub gs;
    struct trap_frame *frame; /* the state the stop interrupted */
    struct task *stop_task;   /* the task whose user mode was interrupted, or NULL */
    struct trap_frame kframe; /* the kernel's own registers when stopped from user mode */
    bool stopped;
    bool resume;
    struct task *step_task; /* TF set in this task's frame, or NULL */
    bool step_kernel;       /* TF set in a kernel frame */
    struct kgdb_sw_bp sw[KGDB_MAX_SW_BPS];
    uint64_t dr[4];
    uint64_t dr7;
};

extern struct kgdb kgdb;
extern const struct gdbstub_target_ops kgdb_ops;

static inline int64_t kgdb_tid(const struct task *t)
{
    return (int64_t)t->id + 1;
}

/* The task behind a thread id (NULL for the kernel thread or none). */
struct task *kgdb_task(int64_t tid);
bool kgdb_thread_exists(int64_t tid);
/* The registers shown for a thread. */
struct trap_frame *kgdb_frame(int64_t tid);
/* The PML4 that user addresses of a thread are read through. */
paddr_t kgdb_space(int64_t tid, uint64_t addr);

int kgdb_mem_read(int64_t tid, uint64_t addr, uint8_t *buf, size_t len, size_t *done);
int kgdb_mem_write(int64_t tid, uint64_t addr, const uint8_t *buf, size_t len, size_t *done);

int kgdb_bp_insert(enum gdbstub_bp_type type, uint64_t addr, uint64_t kind);
int kgdb_bp_remove(enum gdbstub_bp_type type, uint64_t addr, uint64_t kind);
bool kgdb_sw_bp_at(uint64_t addr, paddr_t space);
void kgdb_hw_load(void);
void kgdb_bp_clear_all(void);

int kgdb_monitor(void *ctx, struct gdbstub *gs, const char *cmd, size_t len);
/* The machine runs again: the osdata document kept between reads is stale. */
void kgdb_osdata_forget(void);
int kgdb_osdata(void *ctx, const char *annex, size_t annex_len, uint64_t offset, uint8_t *buf,
                size_t len, size_t *done);
const char *kgdb_state_name(uint8_t state);

#endif

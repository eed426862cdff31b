/*
 * The syscall fuzzer: a boot program (module "fuzz") that lets child tasks
 * fire random syscalls and invocations with hostile arguments at the
 * kernel, then checks that the kernel lives and that every byte the
 * children used comes back.
 */
#ifndef VULCAN_FUZZ_H
#define VULCAN_FUZZ_H

#include <stdbool.h>
#include <stdint.h>

/* Slots of a child's own CSpace, filled by the parent before it runs. */
enum {
    CHILD_SLOT_CSPACE = 1, /* its own CSpace */
    CHILD_SLOT_MEMORY,     /* a Memory capability of its own */
    CHILD_SLOT_ENDPOINT,
    CHILD_SLOT_NOTIFICATION,
    CHILD_SLOT_VSPACE, /* a fresh, empty VSpace (not the shared one) */
    CHILD_SLOT_PDPT,
    CHILD_SLOT_PD,
    CHILD_SLOT_PT,
    CHILD_SLOT_PAGE,
    CHILD_SLOT_TASK,   /* an unconfigured Task */
    CHILD_SLOT_IOPORT, /* port 0x80 only */
    CHILD_FIRST_FREE,
};
#define CHILD_CSPACE_BITS 7

/* What a child shares with the parent: counters it bumps. */
struct fuzz_shared {
    volatile uint64_t calls;
    volatile uint64_t ok;
    volatile uint64_t undocumented; /* results outside E_OK..-E_COUNT */
    volatile uint64_t last_bad;     /* syscall number << 32 | low bits of the result */
    uint64_t seed;                  /* this round's */
};

/* The child: calls random syscalls forever from seed. */
int fuzz_child(void *arg);

/* Pseudo-random numbers (xorshift64*), one state per task. */
uint64_t fuzz_rand(uint64_t *state);

struct hl_alloc;
/* The crowd: 1,000 tasks blocked, woken, torn down (crowd.c). */
int crowd_run(struct hl_alloc *a, uint32_t arena, bool *all_blocked, bool *all_woken, bool *whole);

#endif

/* Between the runner (runner.c), the case environment (env.c) and the
 * isolated case's CSpace and VSpace (space.c). */
#ifndef VULCAN_RUNNER_INT_H
#define VULCAN_RUNNER_INT_H

#include <stdint.h>
#include <helios/bootinfo.h>
#include <vulcan/vulcan.h>

/* One page the runner shares with every case at this address in both
 * VSpaces: the checks of a case and of all its tasks count their failures
 * here, so the runner sees them whichever VSpace they ran in. */
#define UT_REPORT_VADDR 0x0000000031000000ull
struct ut_report {
    volatile unsigned failures;
};

/* The case task's stack, at the same place in the root task's VSpace (for
 * shared cases) and in each isolated case's. */
#define UT_STACK_VADDR 0x0000000030000000ull
#define UT_STACK_PAGES 8

/* Failed checks so far, over all cases and all their tasks. */
unsigned ut_failure_count(void);

/* What the runner made for an isolated case, as cptrs of the root task's
 * CSpace. */
struct ut_space {
    uint32_t task;
    uint32_t cspace;
    uint32_t vspace;
    uint32_t memory_home; /* where the case's Memory capability comes back to */
    uint32_t slot_end;    /* one past the last root slot used */
};

/* What space.c needs from the runner. */
struct ut_space_src {
    const struct hl_bootinfo *bi;
    uint32_t pool;        /* carved from; revoked by the runner after the case */
    uint32_t report_page; /* the runner's report page */
    uint32_t first_slot;  /* the root CSpace slots space.c may use */
    uint32_t nslots;
};

/* Builds an isolated case's task, CSpace and VSpace from src->pool and
 * fills env (whose copy the case gets with the rest of the image's data,
 * so env must hold everything else already). The task is configured but
 * not started. Returns an E_* code; *what says which step failed. */
int ut_space_build(const struct ut_space_src *src, struct utest_env *env, struct ut_space *sp,
                   const char **what);

/* Takes the case's Memory capability back into the root task's CSpace at
 * sp->memory_home (E_SLOT_EMPTY or E_WRONG_TYPE if the case lost it). */
int ut_space_memory_home(const struct ut_space *sp);

#endif

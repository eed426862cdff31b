/*
 * fake_target.h: an in-memory x86_64 target for the engine's host tests.
 * It records every call so tests can check that a rejected packet reached
 * no target op (decode-then-act), and its behaviour (resume result, stop,
 * failures) is set per test.
 */
#ifndef GDBSTUB_TESTS_FAKE_TARGET_H
#define GDBSTUB_TESTS_FAKE_TARGET_H

#include <stdbool.h>
#include <stdint.h>

#include "gdbstub/gdbstub.h"
#include "gdbstub/x86_64.h"

#define FAKE_NTHREADS 3
#define FAKE_MEM_A 0x1000u /* 256 readable bytes, value = offset */
#define FAKE_MEM_B 0x2000u /* 256 readable bytes, zero; the range between faults */
#define FAKE_MEM_SIZE 256u
#define FAKE_MAX_BPS 8

struct fake_bp {
    bool used;
    enum gdbstub_bp_type type;
    uint64_t addr;
    uint64_t kind;
};

struct fake_target {
    uint8_t regs[FAKE_NTHREADS + 1][GDBSTUB_X86_64_REGS_BYTES]; /* [tid], 0 unused */
    uint8_t mem_a[FAKE_MEM_SIZE];
    uint8_t mem_b[FAKE_MEM_SIZE];
    struct fake_bp bps[FAKE_MAX_BPS];
    int64_t current;
    int32_t unavail_reg; /* read_reg of this regnum gives GDBSTUB_E_UNAVAIL; -1: none */

    /* resume behaviour and record */
    int resume_result; /* 0 (running) or GDBSTUB_RESUME_STOPPED, or an error */
    struct gdbstub_stop resume_stop;
    struct gdbstub_resume_action acts[GDBSTUB_MAX_RESUME_ACTIONS];
    size_t nacts;

    /* call counters */
    unsigned calls;  /* every op */
    unsigned writes; /* write_reg, write_mem, insert/remove, resume, detach, kill */
    int64_t last_tid;
    unsigned bad_args; /* an op got an argument the engine should have rejected */
    unsigned detached, killed;
};

void fake_target_init(struct fake_target *t);
uint64_t fake_reg_u64(const struct fake_target *t, int64_t tid, uint32_t regnum);
void fake_set_reg_u64(struct fake_target *t, int64_t tid, uint32_t regnum, uint64_t v);
size_t fake_reg_offset(uint32_t regnum);

extern const struct gdbstub_target_ops fake_target_ops;

#endif

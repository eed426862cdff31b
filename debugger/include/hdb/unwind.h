/*
 * hdb/unwind.h: frame-pointer stack unwinding for x86_64.
 *
 * The fallback for frames that no call frame information covers: the
 * System V ABI frame chain (rbp points at the saved rbp, the return
 * address above it), with the function's first instructions examined to
 * know whether frame 0 has built its frame yet. Pure: memory and symbol
 * knowledge come through the callbacks.
 */
#ifndef HDB_UNWIND_H
#define HDB_UNWIND_H

#include <stdbool.h>
#include <stdint.h>

#include <hdb/regs.h>
#include <hdb/session.h>

struct hdb_unwind_env {
    /* Reads len bytes at a runtime address; returns the count read. */
    int (*read)(void *ctx, uint64_t addr, void *buf, size_t len);
    /* Runtime start of the function containing pc, or 0 when unknown. */
    uint64_t (*func_start)(void *ctx, uint64_t pc);
    void *ctx;
};

/* How far a function's frame-building prologue (endbr64; push %rbp; mov %rsp,%rbp) goes. */
struct hdb_prologue {
    bool has_push, has_mov;
    uint64_t push_at, mov_at, body; /* addresses of push, mov, and the first insn after them */
};

void hdb_prologue_analyze(const uint8_t *code, size_t len, uint64_t start, struct hdb_prologue *p);

/*
 * One frame-pointer step: the caller of f (innermost: f may be in its
 * prologue or at its ret). False when the frame chain cannot say.
 */
bool hdb_unwind_fp_step(const struct hdb_unwind_env *env, const struct hdb_frame *f, bool innermost,
                        struct hdb_frame *caller);

#endif

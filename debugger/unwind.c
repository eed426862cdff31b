/*
 * unwind.c: the frame-pointer unwinder (see hdb/unwind.h).
 *
 * With the System V x86_64 frame chain a frame's CFA (the caller's stack
 * pointer before the call) is rbp + 16, the return address is at rbp + 8
 * and the caller's rbp at rbp. That holds only once the prologue has run:
 * at the first instruction the return address is at rsp, after
 * `push %rbp` at rsp + 8; at a `ret` the epilogue has already restored
 * rbp. Frame 0 can be anywhere, so those cases are told apart by looking
 * at the code; outer frames are always inside a call, past the prologue.
 * stack.c drives the walk and uses this where no CFI covers a frame.
 */
#include <string.h>

#include <hdb/unwind.h>

void hdb_prologue_analyze(const uint8_t *code, size_t len, uint64_t start, struct hdb_prologue *p)
{
    static const uint8_t endbr64[4] = {0xf3, 0x0f, 0x1e, 0xfa};
    size_t off = 0;
    memset(p, 0, sizeof(*p));
    p->body = start;
    if (len >= 4 && memcmp(code, endbr64, 4) == 0)
        off = 4;
    if (off < len && code[off] == 0x55) { /* push %rbp */
        p->has_push = true;
        p->push_at = start + off;
        p->body = start + off + 1;
        /* mov %rsp,%rbp: 48 89 e5 or 48 8b ec */
        if (off + 4 <= len && code[off + 1] == 0x48 &&
            ((code[off + 2] == 0x89 && code[off + 3] == 0xe5) ||
             (code[off + 2] == 0x8b && code[off + 3] == 0xec))) {
            p->has_mov = true;
            p->mov_at = start + off + 1;
            p->body = start + off + 4;
        }
    }
}

static bool read_u64(const struct hdb_unwind_env *env, uint64_t addr, uint64_t *v)
{
    return env->read(env->ctx, addr, v, 8) == 8;
}

/*
 * Computes the caller of a frame: its return address and registers.
 * innermost: the frame may be inside its prologue or at its ret.
 */
bool hdb_unwind_fp_step(const struct hdb_unwind_env *env, const struct hdb_frame *f, bool innermost,
                        struct hdb_frame *caller)
{
    uint64_t start = env->func_start(env->ctx, innermost ? f->pc : f->pc - 1);
    if (!start)
        return false;
    uint8_t code[16];
    int n = env->read(env->ctx, start, code, sizeof(code));
    if (n <= 0)
        return false;
    struct hdb_prologue p;
    hdb_prologue_analyze(code, (size_t)n, start, &p);
    uint64_t ra, fp = f->fp, cfa;
    uint8_t at_pc = 0;
    if (innermost)
        env->read(env->ctx, f->pc, &at_pc, 1);
    if (innermost && p.has_push && f->pc <= p.push_at) {
        cfa = f->sp + 8; /* nothing pushed yet */
    } else if (innermost && p.has_mov && f->pc == p.mov_at) {
        cfa = f->sp + 16; /* rbp pushed, frame not set up */
        if (!read_u64(env, f->sp, &fp))
            return false;
    } else if (innermost && at_pc == 0xc3) {
        cfa = f->sp + 8; /* at ret: the epilogue restored rbp */
    } else if (p.has_mov) {
        cfa = f->fp + 16;
        if (!read_u64(env, f->fp, &fp))
            return false;
    } else {
        return false; /* frameless code: only call-frame information could say */
    }
    if (!read_u64(env, cfa - 8, &ra) || ra == 0)
        return false;
    caller->pc = ra;
    caller->sp = cfa;
    caller->fp = fp;
    caller->cfa = 0;
    return true;
}

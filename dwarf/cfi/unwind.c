/*
 * Stepping from a frame to its caller with CFI (DWARF5 6.4.4): find the
 * FDE for the frame's pc, compute the CFA and every register rule of the
 * row, and read saved registers through the caller's memory reader.
 *
 * x86_64 policy (psABI 3.2.1, 3.6.2) for registers without a rule: the
 * callee-saved ones (rbx, rbp, r12-r15) keep their value, the rest are
 * unknown in the caller, and the caller's rsp is the CFA.
 */
#include <dwarf/cfi.h>
#include <dwarf/eval.h>

#include "cfi_int.h"

#define REG_RSP 7
#define REG_RA 16

static bool callee_saved(unsigned reg)
{
    return reg == 3 || reg == 6 || (reg >= 12 && reg <= 15);
}

int dwarf_unwind_begin(const struct dwarf_unwind_ops *ops, struct dwarf_frame *frame)
{
    if (ops == NULL || ops->read_reg == NULL || frame == NULL)
        return DWARF_E_ARG;
    *frame = (struct dwarf_frame){.innermost = true};
    for (unsigned i = 0; i < DWARF_CFI_NREGS; i++) {
        if (ops->read_reg(ops->ctx, i, &frame->reg[i]) == 0)
            frame->valid |= UINT64_C(1) << i;
    }
    if (!(frame->valid & (UINT64_C(1) << REG_RA)) || !(frame->valid & (UINT64_C(1) << REG_RSP)))
        return DWARF_E_UNAVAILABLE;
    frame->pc = frame->reg[REG_RA];
    return 0;
}

/* What expressions in the row see: the callee frame's registers and the target's memory. */
struct step_ctx {
    const struct dwarf_frame *frame;
    const struct dwarf_unwind_ops *ops;
    uint64_t cfa;
};

static int ctx_reg(void *ctx, unsigned reg, uint64_t *v)
{
    const struct step_ctx *s = ctx;
    if (reg >= DWARF_CFI_NREGS || !(s->frame->valid & (UINT64_C(1) << reg)))
        return DWARF_E_UNAVAILABLE;
    *v = s->frame->reg[reg];
    return 0;
}

static int ctx_mem(void *ctx, uint64_t addr, void *buf, uint64_t len)
{
    const struct step_ctx *s = ctx;
    return s->ops->read_mem ? s->ops->read_mem(s->ops->ctx, addr, buf, len) : DWARF_E_UNAVAILABLE;
}

static int ctx_cfa(void *ctx, uint64_t *v)
{
    *v = ((const struct step_ctx *)ctx)->cfa;
    return 0;
}

static int eval(struct step_ctx *s, const uint8_t *expr, uint64_t len, bool push_cfa,
                uint64_t *value)
{
    struct dwarf_eval_ops ops = {.read_reg = ctx_reg, .read_mem = ctx_mem, .ctx = s};
    struct dwarf_eval ev = {.ops = &ops};
    /* DWARF5 6.4.2.3: register rule expressions start with the CFA on the stack. */
    if (push_cfa) {
        ops.call_frame_cfa = ctx_cfa;
        ev.initial[0] = s->cfa;
        ev.ninitial = 1;
    }
    return dwarf_eval_value(&ev, expr, len, value);
}

static int read_u64(const struct dwarf_unwind_ops *ops, uint64_t addr, uint64_t *v)
{
    uint8_t b[8];
    int rc;
    if (ops->read_mem == NULL)
        return DWARF_E_UNAVAILABLE;
    if ((rc = ops->read_mem(ops->ctx, addr, b, 8)))
        return rc;
    *v = 0;
    for (int i = 0; i < 8; i++)
        *v |= (uint64_t)b[i] << (8 * i);
    return 0;
}

/* The caller's value of one register: 1 known, 0 unknown, or an error. */
static int recover(struct step_ctx *s, const struct dwarf_reg_rule *r, unsigned reg, uint64_t *v)
{
    const struct dwarf_frame *f = s->frame;
    uint64_t addr;
    int rc;

    switch (r->kind) {
    case DWARF_RULE_UNSET:
        if (reg == REG_RSP) {
            *v = s->cfa;
            return 1;
        }
        /* A callee-saved register without a rule has the same value. */
        if (!callee_saved(reg))
            return 0;
        /* fall through */
    case DWARF_RULE_SAME:
        if (!(f->valid & (UINT64_C(1) << reg)))
            return 0;
        *v = f->reg[reg];
        return 1;
    case DWARF_RULE_UNDEFINED:
        return 0;
    case DWARF_RULE_OFFSET:
        rc = read_u64(s->ops, s->cfa + (uint64_t)r->offset, v);
        return rc ? rc : 1;
    case DWARF_RULE_VAL_OFFSET:
        *v = s->cfa + (uint64_t)r->offset;
        return 1;
    case DWARF_RULE_REGISTER:
        if (r->reg >= DWARF_CFI_NREGS)
            return DWARF_E_LIMIT;
        if (!(f->valid & (UINT64_C(1) << r->reg)))
            return 0;
        *v = f->reg[r->reg];
        return 1;
    case DWARF_RULE_EXPRESSION:
        if ((rc = eval(s, r->expr, r->expr_len, true, &addr)) || (rc = read_u64(s->ops, addr, v)))
            return rc;
        return 1;
    case DWARF_RULE_VAL_EXPRESSION:
        rc = eval(s, r->expr, r->expr_len, true, v);
        return rc ? rc : 1;
    default:
        return DWARF_E_CFI;
    }
}

int dwarf_unwind_step(const struct dwarf_cfi *cfi, const struct dwarf_cfi_index *const *index,
                      unsigned ncfi, const struct dwarf_unwind_ops *ops, struct dwarf_frame *frame)
{
    struct dwarf_cfa_rows rows;
    struct dwarf_cfa_row row;
    struct dwarf_fde fde;
    struct dwarf_frame caller;
    struct step_ctx s = {.frame = frame, .ops = ops};
    uint64_t pc, ra_reg;
    unsigned i;
    int rc = DWARF_E_NOT_FOUND;

    if (ops == NULL || frame == NULL)
        return DWARF_E_ARG;
    /*
     * A return address points after the call, which may be the first byte
     * of the next function: look up the call itself. The innermost frame
     * and a frame interrupted by a signal have an exact pc.
     */
    pc = frame->innermost || frame->is_signal ? frame->pc : frame->pc - 1;
    for (i = 0; i < ncfi && rc == DWARF_E_NOT_FOUND; i++)
        rc = dwarf_cfi_find_fde(&cfi[i], index ? index[i] : NULL, pc, &fde);
    if (rc == DWARF_E_NOT_FOUND)
        return 0;
    if (rc || (rc = dwarf_cfa_row_for_pc(&rows, &cfi[i - 1], &fde, pc, &row)))
        return rc;

    if (row.cfa.is_expr) {
        if ((rc = eval(&s, row.cfa.expr, row.cfa.expr_len, false, &s.cfa)))
            return rc;
    } else {
        if (row.cfa.reg >= DWARF_CFI_NREGS)
            return DWARF_E_LIMIT;
        if (!(frame->valid & (UINT64_C(1) << row.cfa.reg)))
            return DWARF_E_UNAVAILABLE;
        s.cfa = frame->reg[row.cfa.reg] + (uint64_t)row.cfa.offset;
    }

    ra_reg = fde.cie.ra_reg;
    if (ra_reg >= DWARF_CFI_NREGS)
        return DWARF_E_LIMIT;
    /* DWARF5 6.4.4: an undefined return address marks the outermost frame. */
    if (row.reg[ra_reg].kind == DWARF_RULE_UNDEFINED || row.reg[ra_reg].kind == DWARF_RULE_UNSET)
        return 0;
    caller = (struct dwarf_frame){.cfa = s.cfa, .is_signal = fde.cie.signal_frame};
    for (unsigned r = 0; r < DWARF_CFI_NREGS; r++) {
        if ((rc = recover(&s, &row.reg[r], r, &caller.reg[r])) < 0)
            return rc;
        if (rc)
            caller.valid |= UINT64_C(1) << r;
    }
    if (!(caller.valid & (UINT64_C(1) << ra_reg)))
        return DWARF_E_UNAVAILABLE;
    caller.pc = caller.reg[ra_reg];
    if (caller.pc == 0)
        return 0;
    *frame = caller;
    return 1;
}

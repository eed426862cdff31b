/*
 * The CFA program interpreter (DWARF5 6.4.2): the CIE's initial
 * instructions, then the FDE's, building the table one row at a time. A
 * row ends where an advance or set_loc moves the location (6.4.2.1); rules
 * come from the definition (6.4.2.2), register (6.4.2.3) and row-state
 * (6.4.2.4) instructions. DW_CFA_remember_state saves the whole row, CFA
 * rule included, as gcc's epilogues expect and as gdb and libgcc do.
 */
#include <dwarf/cfi.h>

#include "cfi_int.h"

struct program {
    struct dwarf_cursor c;
    const struct dwarf_cfi *cfi;
    const struct dwarf_cie *cie;
    bool in_cie;
};

static void set_rule(struct dwarf_cfa_row *row, uint64_t reg, struct dwarf_reg_rule rule)
{
    /* Registers past the table are read and dropped (see <dwarf/cfi.h>). */
    if (reg < DWARF_CFI_NREGS)
        row->reg[reg] = rule;
}

static int64_t factored(uint64_t v, int64_t align)
{
    return (int64_t)(v * (uint64_t)align);
}

static int read_block(struct dwarf_cursor *c, const uint8_t **p, uint64_t *len)
{
    int rc = dwarf_read_uleb(c, len);
    return rc ? rc : dwarf_read_bytes(c, *len, p);
}

/*
 * Executes one instruction. Returns 0, or 1 when it is an advance: *new_loc
 * is then where the next row starts and the row state is unchanged.
 */
static int step(struct program *p, struct dwarf_cfa_rows *r, struct dwarf_cfa_row *row,
                uint64_t *new_loc)
{
    struct dwarf_cursor *c = &p->c;
    const struct dwarf_cie *cie = p->cie;
    uint8_t op, low;
    uint64_t reg, v, delta;
    int64_t s;
    const uint8_t *expr;
    int rc;

    if ((rc = dwarf_read_u8(c, &op)))
        return rc;
    low = op & 0x3f;
    switch (op & 0xc0) {
    case DW_CFA_advance_loc:
        delta = low;
        goto advance;
    case DW_CFA_offset:
        if ((rc = dwarf_read_uleb(c, &v)))
            return rc;
        set_rule(row, low,
                 (struct dwarf_reg_rule){.kind = DWARF_RULE_OFFSET,
                                         .offset = factored(v, cie->data_align)});
        return 0;
    case DW_CFA_restore:
        reg = low;
        goto restore;
    }
    switch (op) {
    case DW_CFA_nop:
        return 0;
    case DW_CFA_set_loc:
        if (p->in_cie)
            return DWARF_E_CFI;
        if ((rc = dwarf_cfi_read_pointer(c, p->cfi, p->cfi->vaddr,
                                         p->cfi->is_eh ? cie->fde_enc & 0x7f : DW_EH_PE_absptr,
                                         false, new_loc)))
            return rc;
        if (*new_loc < row->loc)
            return DWARF_E_CFI; /* DWARF5 6.4.2.1: locations only grow */
        return 1;
    case DW_CFA_advance_loc1:
    case DW_CFA_advance_loc2:
    case DW_CFA_advance_loc4:
        if ((rc = dwarf_read_uint(c, 1u << (op - DW_CFA_advance_loc1), &delta)))
            return rc;
        goto advance;
    case DW_CFA_MIPS_advance_loc8:
        if ((rc = dwarf_read_uint(c, 8, &delta)))
            return rc;
        goto advance;
    case DW_CFA_offset_extended:
    case DW_CFA_val_offset:
    case DW_CFA_GNU_negative_offset_extended:
        if ((rc = dwarf_read_uleb(c, &reg)) || (rc = dwarf_read_uleb(c, &v)))
            return rc;
        s = factored(v, cie->data_align);
        if (op == DW_CFA_GNU_negative_offset_extended)
            s = (int64_t)(0 - (uint64_t)s);
        set_rule(row, reg,
                 (struct dwarf_reg_rule){.kind = op == DW_CFA_val_offset ? DWARF_RULE_VAL_OFFSET
                                                                         : DWARF_RULE_OFFSET,
                                         .offset = s});
        return 0;
    case DW_CFA_offset_extended_sf:
    case DW_CFA_val_offset_sf:
        if ((rc = dwarf_read_uleb(c, &reg)) || (rc = dwarf_read_sleb(c, &s)))
            return rc;
        set_rule(row, reg,
                 (struct dwarf_reg_rule){.kind = op == DW_CFA_val_offset_sf ? DWARF_RULE_VAL_OFFSET
                                                                            : DWARF_RULE_OFFSET,
                                         .offset = factored((uint64_t)s, cie->data_align)});
        return 0;
    case DW_CFA_restore_extended:
        if ((rc = dwarf_read_uleb(c, &reg)))
            return rc;
        goto restore;
    case DW_CFA_undefined:
    case DW_CFA_same_value:
        if ((rc = dwarf_read_uleb(c, &reg)))
            return rc;
        set_rule(row, reg,
                 (struct dwarf_reg_rule){.kind = op == DW_CFA_undefined ? DWARF_RULE_UNDEFINED
                                                                        : DWARF_RULE_SAME});
        return 0;
    case DW_CFA_register:
        if ((rc = dwarf_read_uleb(c, &reg)) || (rc = dwarf_read_uleb(c, &v)))
            return rc;
        set_rule(row, reg, (struct dwarf_reg_rule){.kind = DWARF_RULE_REGISTER, .reg = v});
        return 0;
    case DW_CFA_remember_state:
        if (r->depth == DWARF_CFI_STACK_DEPTH)
            return DWARF_E_LIMIT;
        r->stack[r->depth++] = *row;
        return 0;
    case DW_CFA_restore_state:
        if (r->depth == 0)
            return DWARF_E_CFI;
        v = row->loc;
        *row = r->stack[--r->depth];
        row->loc = v;
        return 0;
    case DW_CFA_def_cfa:
    case DW_CFA_def_cfa_sf:
        if ((rc = dwarf_read_uleb(c, &reg)))
            return rc;
        if (op == DW_CFA_def_cfa) {
            rc = dwarf_read_uleb(c, &v);
            s = (int64_t)v;
        } else {
            rc = dwarf_read_sleb(c, &s);
            s = factored((uint64_t)s, cie->data_align);
        }
        if (rc)
            return rc;
        row->cfa = (struct dwarf_cfa_rule){.reg = reg, .offset = s};
        return 0;
    case DW_CFA_def_cfa_register:
        if ((rc = dwarf_read_uleb(c, &reg)))
            return rc;
        /* 6.4.2.2: only valid while the CFA is register-based. */
        if (row->cfa.is_expr)
            return DWARF_E_CFI;
        row->cfa.reg = reg;
        return 0;
    case DW_CFA_def_cfa_offset:
    case DW_CFA_def_cfa_offset_sf:
        if (op == DW_CFA_def_cfa_offset) {
            rc = dwarf_read_uleb(c, &v);
            s = (int64_t)v;
        } else {
            rc = dwarf_read_sleb(c, &s);
            s = factored((uint64_t)s, cie->data_align);
        }
        if (rc)
            return rc;
        if (row->cfa.is_expr)
            return DWARF_E_CFI;
        row->cfa.offset = s;
        return 0;
    case DW_CFA_def_cfa_expression:
        if ((rc = read_block(c, &expr, &v)))
            return rc;
        row->cfa = (struct dwarf_cfa_rule){.is_expr = true, .expr = expr, .expr_len = v};
        return 0;
    case DW_CFA_expression:
    case DW_CFA_val_expression:
        if ((rc = dwarf_read_uleb(c, &reg)) || (rc = read_block(c, &expr, &v)))
            return rc;
        set_rule(row, reg,
                 (struct dwarf_reg_rule){.kind = op == DW_CFA_expression
                                                     ? DWARF_RULE_EXPRESSION
                                                     : DWARF_RULE_VAL_EXPRESSION,
                                         .expr = expr,
                                         .expr_len = v});
        return 0;
    case DW_CFA_GNU_args_size:
        return dwarf_read_uleb(c, &row->args_size);
    default:
        /* Unknown or other-architecture ops (GNU_window_save): operands of unknown size. */
        return DWARF_E_CFI;
    }

advance:
    if (p->in_cie)
        return DWARF_E_CFI;
    delta *= cie->code_align;
    *new_loc = row->loc + delta;
    if (*new_loc < row->loc)
        return DWARF_E_CFI;
    return 1;

restore:
    /* 6.4.2.3: back to the CIE's rule; meaningless inside the CIE itself. */
    if (p->in_cie)
        return DWARF_E_CFI;
    if (reg < DWARF_CFI_NREGS)
        row->reg[reg] = r->initial.reg[reg];
    return 0;
}

static int run_cie(struct dwarf_cfa_rows *r, const struct dwarf_cfi *cfi,
                   const struct dwarf_cie *cie)
{
    struct program p = {.cfi = cfi, .cie = cie, .in_cie = true};
    uint64_t loc;
    int rc;

    if ((rc = dwarf_cursor_init(&p.c, &cfi->sec, cie->insns, cie->insns_end)))
        return rc;
    r->row = (struct dwarf_cfa_row){0};
    r->depth = 0;
    while (p.c.pos < p.c.limit) {
        if ((rc = step(&p, r, &r->row, &loc)) < 0)
            return rc;
    }
    r->initial = r->row;
    return 0;
}

int dwarf_cfa_cie_row(const struct dwarf_cfi *cfi, const struct dwarf_cie *cie,
                      struct dwarf_cfa_row *row)
{
    struct dwarf_cfa_rows r;
    int rc = run_cie(&r, cfi, cie);
    if (rc == 0)
        *row = r.row;
    return rc;
}

int dwarf_cfa_rows_init(struct dwarf_cfa_rows *r, const struct dwarf_cfi *cfi,
                        const struct dwarf_fde *fde)
{
    int rc;
    r->cfi = cfi;
    r->fde = *fde;
    r->done = false;
    r->pos = fde->insns;
    if ((rc = run_cie(r, cfi, &fde->cie)))
        return rc;
    /* The CIE may remember state, but the FDE starts with an empty stack. */
    r->depth = 0;
    r->row.loc = fde->pc_begin;
    return 0;
}

int dwarf_cfa_rows_next(struct dwarf_cfa_rows *r, struct dwarf_cfa_row *row)
{
    struct program p = {.cfi = r->cfi, .cie = &r->fde.cie};
    uint64_t loc;
    int rc;

    if (r->done)
        return 0;
    if ((rc = dwarf_cursor_init(&p.c, &r->cfi->sec, r->pos, r->fde.insns_end)))
        return rc;
    while (p.c.pos < p.c.limit) {
        if ((rc = step(&p, r, &r->row, &loc)) < 0)
            return rc;
        if (rc == 1) {
            *row = r->row;
            row->end = loc;
            r->row.loc = loc;
            r->pos = p.c.pos;
            return 1;
        }
    }
    r->pos = p.c.pos;
    r->done = true;
    *row = r->row;
    row->end = r->fde.pc_end > row->loc ? r->fde.pc_end : row->loc;
    return 1;
}

int dwarf_cfa_row_for_pc(struct dwarf_cfa_rows *r, const struct dwarf_cfi *cfi,
                         const struct dwarf_fde *fde, uint64_t pc, struct dwarf_cfa_row *row)
{
    int rc;
    if (pc < fde->pc_begin || pc >= fde->pc_end)
        return DWARF_E_NOT_FOUND;
    if ((rc = dwarf_cfa_rows_init(r, cfi, fde)))
        return rc;
    while ((rc = dwarf_cfa_rows_next(r, row)) > 0) {
        if (pc >= row->loc && pc < row->end)
            return 0;
    }
    return rc < 0 ? rc : DWARF_E_NOT_FOUND;
}

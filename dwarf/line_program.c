/*
 * The line-number state machine (DWARF5 6.2.2, 6.2.5): standard, extended
 * and special opcodes over the program that follows a header. Each call to
 * dwarf_line_next runs opcodes until one appends a row to the matrix.
 */
#include "dwarf_int.h"

static void reset_regs(const struct dwarf_line_header *h, struct dwarf_line_row *r)
{
    /* DWARF5 6.2.2, Table 6.4: initial state. */
    *r = (struct dwarf_line_row){.file = 1, .line = 1, .is_stmt = h->default_is_stmt};
}

void dwarf_line_iter_init(const struct dwarf_line_header *h, struct dwarf_line_iter *it)
{
    it->hdr = h;
    it->pos = h->program;
    reset_regs(h, &it->regs);
}

/* DWARF5 6.2.5.1: advance address and op_index by an operation advance. */
static int advance(const struct dwarf_line_header *h, struct dwarf_line_row *r, uint64_t adv)
{
    if (h->max_ops_per_inst == 0)
        return DWARF_E_LINE;
    if (h->max_ops_per_inst == 1) {
        r->address += h->min_inst_length * adv;
        return 0;
    }
    uint64_t ops = r->op_index + adv;
    r->address += h->min_inst_length * (ops / h->max_ops_per_inst);
    r->op_index = ops % h->max_ops_per_inst;
    return 0;
}

/* Appending a row clears these registers (DWARF5 6.2.5.1, 6.2.5.2). */
static void after_row(struct dwarf_line_row *r)
{
    r->basic_block = false;
    r->prologue_end = false;
    r->epilogue_begin = false;
    r->discriminator = 0;
}

static int extended(struct dwarf_line_iter *it, struct dwarf_cursor *c, bool *emit)
{
    struct dwarf_line_row *r = &it->regs;
    uint64_t len, end, v;
    uint8_t sub;
    int rc;

    if ((rc = dwarf_read_uleb(c, &len)))
        return rc;
    if (len == 0 || len > c->limit - c->pos)
        return DWARF_E_LINE;
    end = c->pos + len;
    if ((rc = dwarf_read_u8(c, &sub)))
        return rc;
    switch (sub) {
    case DW_LNE_end_sequence:
        r->end_sequence = true;
        *emit = true;
        break;
    case DW_LNE_set_address:
        /* The operand fills the opcode: its size is len - 1 (DWARF5 6.2.5.3). */
        if (len - 1 == 0 || len - 1 > 8)
            return DWARF_E_LINE;
        if ((rc = dwarf_read_uint(c, (unsigned)(len - 1), &r->address)))
            return rc;
        r->op_index = 0;
        break;
    case DW_LNE_set_discriminator:
        if ((rc = dwarf_read_uleb(c, &v)))
            return rc;
        r->discriminator = v;
        break;
    default:
        /* DW_LNE_define_file (v2-4) and vendor opcodes: skipped by length. */
        break;
    }
    if (c->pos > end)
        return DWARF_E_LINE;
    c->pos = end;
    return 0;
}

static int standard(struct dwarf_line_iter *it, struct dwarf_cursor *c, uint8_t op, bool *emit)
{
    const struct dwarf_line_header *h = it->hdr;
    struct dwarf_line_row *r = &it->regs;
    uint64_t u;
    int64_t s;
    uint8_t nargs;
    int rc;

    switch (op) {
    case DW_LNS_copy:
        *emit = true;
        return 0;
    case DW_LNS_advance_pc:
        if ((rc = dwarf_read_uleb(c, &u)))
            return rc;
        return advance(h, r, u);
    case DW_LNS_advance_line:
        if ((rc = dwarf_read_sleb(c, &s)))
            return rc;
        r->line += (uint64_t)s;
        return 0;
    case DW_LNS_set_file:
        return dwarf_read_uleb(c, &r->file);
    case DW_LNS_set_column:
        return dwarf_read_uleb(c, &r->column);
    case DW_LNS_negate_stmt:
        r->is_stmt = !r->is_stmt;
        return 0;
    case DW_LNS_set_basic_block:
        r->basic_block = true;
        return 0;
    case DW_LNS_const_add_pc:
        if (h->line_range == 0)
            return DWARF_E_LINE;
        return advance(h, r, (255u - h->opcode_base) / h->line_range);
    case DW_LNS_fixed_advance_pc:
        if ((rc = dwarf_read_uint(c, 2, &u)))
            return rc;
        r->address += u;
        r->op_index = 0;
        return 0;
    case DW_LNS_set_prologue_end:
        r->prologue_end = true;
        return 0;
    case DW_LNS_set_epilogue_begin:
        r->epilogue_begin = true;
        return 0;
    case DW_LNS_set_isa:
        return dwarf_read_uleb(c, &r->isa);
    default:
        /* Unknown standard opcode: skip its ULEB operands (DWARF5 6.2.5.2). */
        if ((rc = dwarf_line_std_length(h, op, &nargs)))
            return rc;
        for (uint8_t i = 0; i < nargs; i++) {
            if ((rc = dwarf_read_uleb(c, &u)))
                return rc;
        }
        return 0;
    }
}

static int special(struct dwarf_line_iter *it, uint8_t op)
{
    const struct dwarf_line_header *h = it->hdr;
    struct dwarf_line_row *r = &it->regs;
    unsigned adjusted = op - h->opcode_base;
    int rc;
    /* DWARF5 6.2.5.1 */
    if (h->line_range == 0)
        return DWARF_E_LINE;
    if ((rc = advance(h, r, adjusted / h->line_range)))
        return rc;
    r->line += (uint64_t)(int64_t)(h->line_base + (int)(adjusted % h->line_range));
    return 0;
}

int dwarf_line_next(struct dwarf_line_iter *it, struct dwarf_line_row *row)
{
    const struct dwarf_line_header *h = it->hdr;
    struct dwarf_cursor c;
    int rc;

    if ((rc = dwarf_cursor_init(&c, &h->dw->sec[DWARF_SEC_LINE], it->pos, h->end)))
        return rc;
    while (c.pos < c.limit) {
        bool emit = false;
        uint8_t op;
        if ((rc = dwarf_read_u8(&c, &op)))
            return rc;
        if (op >= h->opcode_base) {
            rc = special(it, op);
            emit = true;
        } else if (op == 0) {
            rc = extended(it, &c, &emit);
        } else {
            rc = standard(it, &c, op, &emit);
        }
        if (rc)
            return rc;
        if (emit) {
            *row = it->regs;
            if (it->regs.end_sequence)
                reset_regs(h, &it->regs);
            else
                after_row(&it->regs);
            it->pos = c.pos;
            return 1;
        }
    }
    it->pos = c.pos;
    return 0;
}

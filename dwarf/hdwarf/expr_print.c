/*
 * Printing DWARF expressions in llvm-dwarfdump's notation for x86_64:
 * "DW_OP_breg7 RSP+8, DW_OP_stack_value", entry values in parentheses.
 */
#include "hdwarf.h"

#include <dwarf/expr.h>
#include <inttypes.h>

/* The x86_64 DWARF register numbers (psABI 3.6.2, Figure 3.36). */
static const char *const x86_64_regs[] = {
    "RAX",   "RDX",   "RCX",   "RBX",  "RSI",  "RDI",  "RBP",  "RSP",   "R8",    "R9",
    "R10",   "R11",   "R12",   "R13",  "R14",  "R15",  "RIP",  "XMM0",  "XMM1",  "XMM2",
    "XMM3",  "XMM4",  "XMM5",  "XMM6", "XMM7", "XMM8", "XMM9", "XMM10", "XMM11", "XMM12",
    "XMM13", "XMM14", "XMM15", "ST0",  "ST1",  "ST2",  "ST3",  "ST4",   "ST5",   "ST6",
    "ST7",   "MM0",   "MM1",   "MM2",  "MM3",  "MM4",  "MM5",  "MM6",   "MM7",
};

static void print_reg(FILE *out, uint64_t reg)
{
    if (reg < sizeof x86_64_regs / sizeof x86_64_regs[0])
        fputs(x86_64_regs[reg], out);
    else
        fprintf(out, "reg%" PRIu64, reg);
}

/*
 * A base type operand (DW_OP_convert, regval_type, ...): a unit-relative DIE
 * offset, printed as llvm-dwarfdump -v does: "(0xREL -> 0xABS) "name"", or
 * 0x0 for the generic type of DW_OP_convert/reinterpret.
 */
static void print_base_type(FILE *out, uint64_t rel, const struct dwarf_unit *unit)
{
    struct dwarf_die d;
    struct dwarf_attr a;
    const char *name;

    if (rel == 0 || unit == NULL) {
        fprintf(out, " 0x%" PRIx64, rel);
        return;
    }
    if (unit->offset + rel < unit->offset || dwarf_die_at(unit, unit->offset + rel, &d) <= 0 ||
        d.tag != DW_TAG_base_type) {
        fprintf(out, " <invalid base_type ref: 0x%" PRIx64 ">", rel);
        return;
    }
    fprintf(out, " (0x%08" PRIx64 " -> 0x%08" PRIx64 ")", rel, unit->offset + rel);
    if (dwarf_die_attr(&d, DW_AT_name, &a) > 0 && dwarf_attr_string(&a, &name) == 0)
        fprintf(out, " \"%s\"", name);
}

static int print_op(FILE *out, const struct dwarf_expr_op *op, const struct dwarf_unit *unit)
{
    const char *name = dwarf_op_name(op->opcode);
    int rc = 0;

    if (name)
        fputs(name, out);
    else
        fprintf(out, "DW_OP_unknown_%x", op->opcode);
    if (op->opcode >= DW_OP_reg0 && op->opcode <= DW_OP_reg31) {
        fputc(' ', out);
        print_reg(out, op->opcode - DW_OP_reg0);
        return 0;
    }
    if (op->opcode >= DW_OP_breg0 && op->opcode <= DW_OP_breg31) {
        fputc(' ', out);
        print_reg(out, op->opcode - DW_OP_breg0);
        fprintf(out, "%+" PRId64, (int64_t)op->operand[0]);
        return 0;
    }
    if (op->opcode == DW_OP_bregx) {
        fputc(' ', out);
        print_reg(out, op->operand[0]);
        fprintf(out, "%+" PRId64, (int64_t)op->operand[1]);
        return 0;
    }
    for (unsigned i = 0; i < op->noperands; i++) {
        switch (op->kind[i]) {
        case DWARF_OPND_U:
            fprintf(out, " 0x%" PRIx64, op->operand[i]);
            break;
        case DWARF_OPND_TYPE:
            print_base_type(out, op->operand[i], unit);
            break;
        case DWARF_OPND_S:
            fprintf(out, " %+" PRId64, (int64_t)op->operand[i]);
            break;
        case DWARF_OPND_REG:
            fputc(' ', out);
            print_reg(out, op->operand[i]);
            break;
        case DWARF_OPND_BLOCK:
            fprintf(out, " 0x%" PRIx64, op->block_len);
            for (uint64_t k = 0; k < op->block_len; k++)
                fprintf(out, " 0x%02x", op->block[k]);
            break;
        case DWARF_OPND_EXPR:
            fputc('(', out);
            rc = hdwarf_print_expr(out, op->block, op->block_len, unit);
            fputc(')', out);
            break;
        case DWARF_OPND_NONE:
            break;
        }
    }
    return rc;
}

int hdwarf_print_expr(FILE *out, const uint8_t *p, uint64_t len, const struct dwarf_unit *unit)
{
    struct dwarf_expr_iter it;
    struct dwarf_expr_op op;
    bool first = true;
    int rc;

    dwarf_expr_iter_init(&it, p, len, unit);
    while ((rc = dwarf_expr_next(&it, &op)) > 0) {
        if (!first)
            fputs(", ", out);
        first = false;
        if ((rc = print_op(out, &op, unit)))
            return rc;
    }
    if (rc < 0)
        fputs("<decoding error>", out);
    return rc;
}

/*
 * hdwarf --eh-frame / --debug-frame: every CIE and FDE with the rows of
 * its CFA table, in the notation of `readelf --debug-dump=frames-interp`
 * (CFA as "rsp+8" or "exp"; rules u, s, c-8, v+8, r5 for a register, exp,
 * vexp; "ra" for the return-address column) so the oracle can compare.
 */
#include "hdwarf.h"

#include <dwarf/cfi.h>
#include <inttypes.h>

/* readelf's x86_64 register names for DWARF numbers (psABI Figure 3.36). */
static const char *const reg_names[DWARF_CFI_NREGS] = {
    "rax",  "rdx",  "rcx",  "rbx",  "rsi",  "rdi",   "rbp",   "rsp",   "r8",    "r9",    "r10",
    "r11",  "r12",  "r13",  "r14",  "r15",  "rip",   "xmm0",  "xmm1",  "xmm2",  "xmm3",  "xmm4",
    "xmm5", "xmm6", "xmm7", "xmm8", "xmm9", "xmm10", "xmm11", "xmm12", "xmm13", "xmm14", "xmm15",
};

static void print_reg(FILE *out, uint64_t reg)
{
    if (reg < DWARF_CFI_NREGS)
        fputs(reg_names[reg], out);
    else
        fprintf(out, "r%" PRIu64, reg);
}

void hdwarf_print_cfa_row(FILE *out, const struct dwarf_cfa_row *row, uint64_t ra)
{
    fprintf(out, "%016" PRIx64 " ", row->loc);
    if (row->cfa.is_expr) {
        fputs("exp", out);
    } else {
        print_reg(out, row->cfa.reg);
        fprintf(out, "%+" PRId64, row->cfa.offset);
    }
    for (unsigned i = 0; i < DWARF_CFI_NREGS; i++) {
        const struct dwarf_reg_rule *r = &row->reg[i];
        if (r->kind == DWARF_RULE_UNSET)
            continue;
        fputc(' ', out);
        if (i == ra)
            fputs("ra", out);
        else
            print_reg(out, i);
        fputc('=', out);
        switch (r->kind) {
        case DWARF_RULE_UNDEFINED:
            fputs("u", out);
            break;
        case DWARF_RULE_SAME:
            fputs("s", out);
            break;
        case DWARF_RULE_OFFSET:
            fprintf(out, "c%+" PRId64, r->offset);
            break;
        case DWARF_RULE_VAL_OFFSET:
            fprintf(out, "v%+" PRId64, r->offset);
            break;
        case DWARF_RULE_REGISTER:
            fprintf(out, "r%" PRIu64, r->reg);
            break;
        case DWARF_RULE_EXPRESSION:
            fputs("exp", out);
            break;
        case DWARF_RULE_VAL_EXPRESSION:
            fputs("vexp", out);
            break;
        }
    }
    fputc('\n', out);
}

static int dump_fde(FILE *out, const struct dwarf_cfi *cfi, const struct dwarf_fde *fde)
{
    struct dwarf_cfa_rows rows;
    struct dwarf_cfa_row row;
    int rc;

    fprintf(out,
            "%08" PRIx64 " %016" PRIx64 " FDE cie=%08" PRIx64 " pc=%016" PRIx64 "..%016" PRIx64
            "\n",
            fde->offset, fde->length, fde->cie_offset, fde->pc_begin, fde->pc_end);
    if ((rc = dwarf_cfa_rows_init(&rows, cfi, fde)))
        return rc;
    while ((rc = dwarf_cfa_rows_next(&rows, &row)) > 0) {
        fputs("  ", out);
        hdwarf_print_cfa_row(out, &row, fde->cie.ra_reg);
    }
    return rc;
}

int hdwarf_dump_frames(FILE *out, const struct dwarf_cfi *cfi, const char *name)
{
    struct dwarf_cfi_entry e;
    struct dwarf_cfa_row row;
    uint64_t off = 0;
    int rc;

    fprintf(out, "%s contents:\n\n", name);
    while ((rc = dwarf_cfi_entry_at(cfi, off, &e)) > 0) {
        if (e.is_cie) {
            const struct dwarf_cie *c = &e.cie;
            fprintf(out,
                    "%08" PRIx64 " %016" PRIx64 " CIE version=%u aug=\"%s\" cf=%" PRIu64
                    " df=%" PRId64 " ra=%" PRIu64 "\n",
                    c->offset, c->length, c->version, c->augmentation, c->code_align, c->data_align,
                    c->ra_reg);
            if ((rc = dwarf_cfa_cie_row(cfi, c, &row)))
                return rc;
            fputs("  ", out);
            hdwarf_print_cfa_row(out, &row, c->ra_reg);
        } else if ((rc = dump_fde(out, cfi, &e.fde))) {
            return rc;
        }
        off = e.next;
    }
    return rc;
}

/*
 * hdwarf frames: the row for each address, found through .eh_frame_hdr
 * (or a scan of .eh_frame), then .debug_frame.
 */
int hdwarf_frames_at(FILE *out, const struct dwarf_cfi *cfi, unsigned ncfi, uint64_t pc)
{
    struct dwarf_cfa_rows rows;
    struct dwarf_cfa_row row;
    struct dwarf_fde fde;
    int rc = DWARF_E_NOT_FOUND;

    for (unsigned i = 0; i < ncfi && rc == DWARF_E_NOT_FOUND; i++) {
        if (cfi[i].sec.data == NULL)
            continue;
        if ((rc = dwarf_cfi_find_fde(&cfi[i], NULL, pc, &fde)) == 0)
            rc = dwarf_cfa_row_for_pc(&rows, &cfi[i], &fde, pc, &row);
    }
    fprintf(out, "0x%" PRIx64 ": ", pc);
    if (rc == DWARF_E_NOT_FOUND) {
        fputs("no CFI\n", out);
        return 0;
    }
    if (rc < 0) {
        fprintf(out, "<error: %s>\n", dwarf_strerror(rc));
        return rc;
    }
    hdwarf_print_cfa_row(out, &row, fde.cie.ra_reg);
    return 0;
}

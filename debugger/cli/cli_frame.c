/*
 * cli_frame.c: info frame, in gdb's layout (GDB manual "Information
 * About a Frame"): the frame's address (its CFA), pc and saved pc, the
 * frames it calls and is called by, the source language, where its
 * arguments and locals are, the caller's stack pointer, and where the
 * frame saved its caller's registers.
 *
 * Where the registers were saved comes from the same call frame
 * information the unwinder uses (DWARF5 6.4.1: a register saved at CFA +
 * offset); frames without it follow the psABI frame chain (rbp at CFA -
 * 16, the return address at CFA - 8).
 *
 * The frame of a call inlined at a pc (DWARF5 3.3.8.2) is shown as gdb
 * shows it: "inlined into frame N", no argument or locals address, and the
 * registers where the real call below it saved them (its own are those of
 * the function's code it is part of); the frame its callee is inlined
 * into shows the line of that call. The frame of a function that
 * tail-called (stack.c) is a "tail call frame", with no addresses of its
 * own.
 */
#include <string.h>

#include <dwarf/cfi.h>
#include <hdb/cli.h>
#include <hdb/dinfo.h>
#include <hdb/error.h>
#include <hdb/frameinfo.h>
#include <hdb/symtab.h>

/* gdb's register order (its x86_64 numbering) with each register's DWARF number (psABI 3.36). */
static const struct {
    const char *name;
    unsigned dw;
} saved_order[] = {
    {"rax", 0},  {"rbx", 3},  {"rcx", 2},  {"rdx", 1},  {"rsi", 4},  {"rdi", 5},
    {"rbp", 6},  {"rsp", 7},  {"r8", 8},   {"r9", 9},   {"r10", 10}, {"r11", 11},
    {"r12", 12}, {"r13", 13}, {"r14", 14}, {"r15", 15}, {"rip", 16},
};

#define DW_RA 16

/*
 * Where frame f saved each register (address 0: not saved), from the FDE
 * covering its pc in the program's or a library's .eh_frame. False when
 * no FDE covers it.
 */
static bool saved_slots(struct hdb_session *s, const struct hdb_frame *f, bool caller,
                        uint64_t slot[DW_RA + 1])
{
    uint64_t pc = caller ? f->pc - 1 : f->pc;
    struct dwarf_cfi cfi;
    const struct dwarf_cfi_index *idx = NULL;
    const struct hdb_module *m = hdb_session_module_at(s, pc);
    if (m && m->have_cfi) {
        cfi = m->cfi;
        idx = m->have_cfi_index ? &m->cfi_index : NULL;
    } else if (s->have_cfi) {
        cfi = s->cfi;
        idx = s->have_cfi_index ? &s->cfi_index : NULL;
    } else {
        return false;
    }
    struct dwarf_fde fde;
    struct dwarf_cfa_rows rows;
    struct dwarf_cfa_row row;
    if (dwarf_cfi_find_fde(&cfi, idx, pc, &fde) < 0 ||
        dwarf_cfa_row_for_pc(&rows, &cfi, &fde, pc, &row) < 0)
        return false;
    for (unsigned r = 0; r <= DW_RA; r++)
        slot[r] = row.reg[r].kind == DWARF_RULE_OFFSET ? f->cfa + (uint64_t)row.reg[r].offset : 0;
    return true;
}

static bool in_c_unit(struct hdb_session *s, uint64_t link)
{
    const struct hdb_dfunc *fn = hdb_dinfo_func_at(&s->dinfo, link);
    struct dwarf_unit u;
    struct dwarf_die cu;
    struct dwarf_attr a;
    uint64_t lang;
    if (!fn || dwarf_unit_at(&s->dw, DWARF_SEC_INFO, fn->unit, &u) <= 0 ||
        dwarf_unit_die(&u, &cu) <= 0 || dwarf_die_attr(&cu, DW_AT_language, &a) <= 0 ||
        dwarf_attr_unsigned(&a, &lang) < 0)
        return false;
    return lang == DW_LANG_C89 || lang == DW_LANG_C || lang == DW_LANG_C99 || lang == DW_LANG_C11;
}

int hdb_cli_info_frame(struct hdb_cli *c)
{
    struct hdb_session *s = c->s;
    struct hdb_frame frames[HDB_MAX_FRAMES];
    if (!s->pid) {
        hdb_cli_err(c, "No stack.\n");
        return HDB_E_NO_PROCESS;
    }
    int n = hdb_session_backtrace(s, frames, HDB_MAX_FRAMES);
    int level = s->frame;
    if (n <= level) {
        hdb_cli_err(c, "No stack.\n");
        return HDB_E_NO_FRAME;
    }
    const struct hdb_frame *f = &frames[level];
    bool caller = !f->exact_pc; /* f->pc is a return address */
    uint64_t look = caller ? f->pc - 1 : f->pc;
    /*
     * The saved pc is that of the first real frame from here up (a frame
     * that tail-called has left: its caller's), and where a frame that
     * tail-called stands above that one, its pc; gdb then counts the
     * return address as no saved register.
     */
    int real = f->tailcall ? hdb_frame_return_to(frames, n, level) : level;
    const struct hdb_frame *rf = real < n ? &frames[real] : f;
    int above = real + 1;
    while (above < n && !frames[above].tailcall && frames[above].pc == rf->pc &&
           frames[above].cfa == rf->cfa)
        above++;
    uint64_t slot[DW_RA + 1] = {0};
    if (!saved_slots(s, rf, !rf->exact_pc, slot) && rf->cfa) {
        slot[6] = rf->cfa - 16;
        slot[DW_RA] = rf->cfa - 8;
    }
    uint64_t saved_pc = 0;
    bool have_saved_pc;
    if (above < n && frames[above].tailcall) {
        saved_pc = frames[above].pc;
        have_saved_pc = true;
        slot[DW_RA] = 0;
    } else {
        have_saved_pc =
            real < n && slot[DW_RA] && hdb_session_read(s, slot[DW_RA], &saved_pc, 8) == 8;
    }
    bool inlined = f->scope_die != 0 && !f->tailcall;
    if (inlined) {
        /* The next real call below (frames of calls inlined here share the pc and CFA). */
        int below = level - 1;
        while (below >= 0 && frames[below].pc == f->pc && frames[below].cfa == f->cfa)
            below--;
        memset(slot, 0, sizeof(slot));
        if (below >= 0)
            saved_slots(s, &frames[below], !frames[below].exact_pc, slot);
    }

    hdb_cli_out(c, "Stack level %d, frame at 0x%llx:\n", level, (unsigned long long)f->cfa);
    hdb_sb_reset(&c->out);
    hdb_sb_printf(&c->out, " rip = 0x%llx", (unsigned long long)f->pc);
    uint64_t link = hdb_session_to_link(s, look);
    const struct hdb_dfunc *df = s->img ? hdb_dinfo_func_at(&s->dinfo, link) : NULL;
    const char *fn = f->scope_die && df ? hdb_dinfo_name_of(&s->dw, df->unit, f->scope_die)
                                        : hdb_session_func_at(s, look, NULL);
    if (fn)
        hdb_sb_printf(&c->out, " in %.*s", hdb_sym_print_len(fn), fn);
    struct hdb_line_loc loc;
    if (hdb_cli_frame_line(s, f, look, &loc) && loc.line)
        hdb_sb_printf(&c->out, " (%s:%u)", s->lines.files[loc.file].name, loc.line);
    if (have_saved_pc)
        hdb_sb_printf(&c->out, "; saved rip = 0x%llx", (unsigned long long)saved_pc);
    hdb_cli_out(c, "%s\n", c->out.s);

    hdb_sb_reset(&c->out);
    if (f->tailcall)
        hdb_sb_printf(&c->out, " tail call frame");
    else if (inlined)
        hdb_sb_printf(&c->out, " inlined into frame %d", level + 1);
    else if (level + 1 < n)
        hdb_sb_printf(&c->out, " called by frame at 0x%llx",
                      (unsigned long long)frames[level + 1].cfa);
    if ((f->tailcall || inlined || level + 1 < n) && level > 0)
        hdb_sb_putc(&c->out, ',');
    if (level > 0)
        hdb_sb_printf(&c->out, " caller of frame at 0x%llx",
                      (unsigned long long)frames[level - 1].cfa);
    if (c->out.len)
        hdb_cli_out(c, "%s\n", c->out.s);
    if (s->img && in_c_unit(s, link))
        hdb_cli_out(c, " source language c.\n");

    /*
     * gdb's x86_64 frame base: where rbp points in a frame that saved it
     * below the return address (CFA - 16), else just under the frame's
     * stack pointer.
     */
    uint64_t base = slot[6] == f->cfa - 16 ? f->cfa - 16 : f->sp - 8;
    if (f->tailcall) {
        /* No frame of its own: gdb knows neither a base nor where the caller's sp was kept. */
        hdb_cli_out(c, " Arglist at unknown address.\n");
        hdb_cli_out(c, " Locals at unknown address, Previous frame's sp in rsp\n");
        return 0;
    }
    if (inlined) {
        /* An inlined call has no frame base; its "previous" sp is the one in its function. */
        hdb_cli_out(c, " Arglist at unknown address.\n");
        hdb_cli_out(c, " Locals at unknown address, Previous frame's sp is 0x%llx\n",
                    (unsigned long long)f->sp);
    } else {
        hdb_sb_reset(&c->out);
        hdb_sb_printf(&c->out, " Arglist at 0x%llx, args: ", (unsigned long long)base);
        hdb_frame_args(s, f, caller, &c->out);
        hdb_cli_out(c, "%s\n", c->out.s);
        hdb_cli_out(c, " Locals at 0x%llx, Previous frame's sp is 0x%llx\n",
                    (unsigned long long)base, (unsigned long long)f->cfa);
    }

    hdb_sb_reset(&c->out);
    for (size_t i = 0; i < sizeof(saved_order) / sizeof(saved_order[0]); i++) {
        uint64_t a = slot[saved_order[i].dw];
        if (a)
            hdb_sb_printf(&c->out, "%s%s at 0x%llx", c->out.len ? ", " : "  ", saved_order[i].name,
                          (unsigned long long)a);
    }
    if (c->out.len)
        hdb_cli_out(c, " Saved registers:\n%s\n", c->out.s);
    return 0;
}

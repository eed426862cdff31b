/*
 * asmpane.c: the TUI's disassembly pane (`layout asm`, `layout split`).
 *
 *   +-- add ------------------------------------------------+
 *   |   0x0000555555555140 <+7>   mov    %esi,-0x18(%rbp)   |
 *   |b=>0x0000555555555143 <+10>  mov    -0x14(%rbp),%edx   |
 *
 * x86 cannot be decoded backwards, so the pane decodes the whole function
 * holding the selected frame's pc from its start, once, and keeps the
 * instruction addresses; a pc outside them (another function, or code no
 * function covers) decodes again from there. Without a process the pane
 * shows main, as gdb's does. With the keys (Esc in `layout asm`, Tab from
 * the source in `layout split`) j/k move a cursor over the instructions
 * and F9 sets or clears a breakpoint on the one under it (`break *ADDR`,
 * `delete N`).
 */
#include <stdio.h>
#include <string.h>

#include <hdb/disasm.h>

#include "tui_int.h"

/* Fills the address list with the function holding pc (or TUI_ASM_MAX instructions from pc). */
static void load(struct tui *t, uint64_t pc)
{
    struct hdb_session *s = t->c->s;
    for (int i = 0; i < t->nasm; i++)
        if (t->asm_addrs[i] == pc)
            return;
    uint64_t lo, hi;
    if (!hdb_cli_func_bounds(s, pc, &lo, &hi) || pc < lo || pc >= hi) {
        lo = pc;
        hi = pc + 16 * TUI_ASM_MAX;
    }
    t->nasm = 0;
    uint64_t a = lo;
    while (a < hi && t->nasm < TUI_ASM_MAX) {
        struct hdb_insn in;
        if (hdb_disasm_at(s, &t->c->disasm, a, &in) < 0)
            break;
        t->asm_addrs[t->nasm++] = a;
        a += in.len;
    }
    t->asm_lo = lo;
    t->asm_hi = a;
}

static bool addr_has_bp(struct tui *t, uint64_t addr)
{
    struct hdb_session *s = t->c->s;
    uint64_t loc = hdb_session_bp_loc(s, addr);
    for (size_t i = 0; i < s->bps.n; i++)
        for (int j = 0; j < s->bps.bps[i].nlocs; j++)
            if (s->bps.bps[i].locs[j] == loc)
                return true;
    return false;
}

/* Where the pane starts: the selected frame's pc, or main before a run. */
static bool pane_pc(struct tui *t, uint64_t *pc, bool *live)
{
    struct hdb_session *s = t->c->s;
    *live = hdb_cli_selected_pc(t->c, pc) == 0;
    if (*live)
        return true;
    const struct hdb_dfunc *m = s->img ? hdb_dinfo_func_by_name(&s->dinfo, "main") : NULL;
    if (!m)
        return false;
    *pc = hdb_session_to_runtime(s, m->lo);
    return true;
}

/* The index of addr in the decoded list, or -1. */
static int index_of(const struct tui *t, uint64_t addr)
{
    for (int i = 0; i < t->nasm; i++)
        if (t->asm_addrs[i] == addr)
            return i;
    return -1;
}

void tui_asm_key(struct tui *t, int ch)
{
    int at = t->have_asm_cursor ? index_of(t, t->asm_cursor) : -1;
    int page = t->asmw ? getmaxy(t->asmw) - 2 : 10;
    switch (ch) {
    case 'j':
    case KEY_DOWN:
        at++;
        break;
    case 'k':
    case KEY_UP:
        at--;
        break;
    case KEY_NPAGE:
    case ' ':
        at += page;
        break;
    case KEY_PPAGE:
        at -= page;
        break;
    case 'i':
    case 27:
        t->focus = TUI_FOCUS_CONSOLE;
        return;
    default:
        return;
    }
    if (at >= t->nasm)
        at = t->nasm - 1;
    if (at < 0)
        at = 0;
    if (t->nasm) {
        t->asm_cursor = t->asm_addrs[at];
        t->have_asm_cursor = true;
    }
}

void tui_asm_draw(struct tui *t)
{
    WINDOW *w = t->asmw;
    struct hdb_session *s = t->c->s;
    int h, wd;
    getmaxyx(w, h, wd);
    werase(w);
    box(w, 0, 0);
    uint64_t pc;
    bool live;
    if (!t->c->disasm.ops || !pane_pc(t, &pc, &live)) {
        mvwprintw(w, 0, 2, " disassembly ");
        mvwprintw(w, 1, 2, "%s", t->c->disasm.ops ? "(no process)" : "(no disassembler)");
        return;
    }
    load(t, pc);
    uint64_t fstart = 0;
    const char *fname = hdb_session_func_at(s, pc, &fstart);
    mvwprintw(w, 0, 2, " %.*s ", wd - 6 > 0 ? wd - 6 : 0, fname ? fname : "disassembly");
    /* With the keys in the pane the view follows its cursor, else the pc. */
    bool focus = t->focus == TUI_FOCUS_ASM;
    if (focus && (!t->have_asm_cursor || index_of(t, t->asm_cursor) < 0)) {
        t->asm_cursor = pc;
        t->have_asm_cursor = true;
    }
    int at = index_of(t, focus ? t->asm_cursor : pc);
    if (at < 0)
        at = 0;
    int body = h - 2;
    /* The pc a third of the way down: what comes next matters more than what came before. */
    int top = at - body / 3;
    if (top > t->nasm - body)
        top = t->nasm - body;
    if (top < 0)
        top = 0;
    for (int r = 0; r < body && top + r < t->nasm; r++) {
        uint64_t a = t->asm_addrs[top + r];
        struct hdb_insn in;
        if (hdb_disasm_at(s, &t->c->disasm, a, &in) < 0)
            break;
        struct hdb_strbuf *b = &t->scratch;
        hdb_sb_reset(b);
        bool cur = live && a == pc;
        hdb_sb_printf(b, "%c%s0x%016llx", addr_has_bp(t, a) ? 'b' : ' ', cur ? "=>" : "  ",
                      (unsigned long long)a);
        if (fname && a >= fstart)
            hdb_sb_printf(b, " <+%llu>", (unsigned long long)(a - fstart));
        while (b->len < 32)
            hdb_sb_putc(b, ' ');
        hdb_sb_putc(b, ' ');
        hdb_disasm_text(s, &t->c->disasm, &in, b);
        bool chosen = focus && a == t->asm_cursor;
        if (cur)
            wattron(w, A_REVERSE);
        if (chosen)
            wattron(w, A_UNDERLINE);
        mvwprintw(w, r + 1, 1, "%-*.*s", wd - 2 > 0 ? wd - 2 : 0, wd - 2 > 0 ? wd - 2 : 0, b->s);
        if (cur)
            wattroff(w, A_REVERSE);
        if (chosen)
            wattroff(w, A_UNDERLINE);
    }
}

void tui_asm_toggle_breakpoint(struct tui *t)
{
    struct hdb_session *s = t->c->s;
    if (!t->have_asm_cursor)
        return;
    uint64_t loc = hdb_session_bp_loc(s, t->asm_cursor);
    char cmd[64];
    for (size_t i = 0; i < s->bps.n; i++) {
        const struct hdb_breakpoint *b = &s->bps.bps[i];
        for (int j = 0; j < b->nlocs; j++) {
            if (b->kind == HDB_BP_CODE && b->locs[j] == loc) {
                snprintf(cmd, sizeof(cmd), "delete %d", b->number);
                tui_run_command(t, cmd);
                return;
            }
        }
    }
    snprintf(cmd, sizeof(cmd), "break *0x%llx", (unsigned long long)t->asm_cursor);
    tui_run_command(t, cmd);
}

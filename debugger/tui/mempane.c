/*
 * mempane.c: the memory pane, a hex view of the process's memory.
 *
 *   +-- memory: table (0x555555558010) ----------------------------------------+
 *   |0x555555558010: 01 00 00 00 02 00 00 00 03 00 00 00 04 00 00 00 ................|
 *
 * It follows an expression (`tui mem EXPR`, or Enter on a mapping in the
 * caps pane): the address is the expression's value as `x EXPR` takes it
 * (a pointer's value, an array's address), evaluated again after every
 * command, so `tui mem $sp` follows the stack. 16 bytes a row where the
 * pane is wide enough, else 8 or 4; bytes that cannot be read show as `??`.
 * With the keys, j/k scroll a row, PgUp/PgDn a page, g back to the
 * expression's address.
 */
#include <stdio.h>
#include <string.h>

#include <hdb/error.h>
#include <hdb/value.h>

#include "tui_int.h"

int tui_mem_follow(struct tui *t, const char *expr)
{
    char msg[TUI_LINE];
    if (!*expr) {
        snprintf(msg, sizeof(msg), "The memory pane follows %s.\n",
                 t->mem_expr[0] ? t->mem_expr : "nothing: tui mem EXPR");
        tui_console_append(t, msg, strlen(msg));
        return 0;
    }
    struct hdb_session *s = t->c->s;
    struct hdb_value v;
    const char *stop = expr;
    uint64_t addr;
    int rc = s->pid ? hdb_eval_at(s, expr, &v, &stop) : HDB_E_NO_PROCESS;
    if (rc == 0)
        rc = hdb_value_as_u64(s, &v, &addr);
    if (rc == HDB_E_NO_PROCESS) {
        static const char none[] = "The program is not being run.\n";
        tui_console_append(t, none, sizeof(none) - 1);
        return rc;
    }
    if (rc < 0) {
        hdb_cli_eval_error(t->c, rc, expr, stop); /* as print says it, in the console */
        return rc;
    }
    snprintf(t->mem_expr, sizeof(t->mem_expr), "%s", expr);
    t->mem_row = 0;
    tui_mem_refresh(t);
    /* The pane shows up if it is not there: in place of the last pane of the strip. */
    bool there = false;
    for (int i = 0; i < t->nstrip; i++)
        there |= t->strip[i] == TUI_PANE_MEM;
    if (!there) {
        if (!t->nchosen) {
            memcpy(t->chosen, t->strip, sizeof(t->chosen));
            t->nchosen = t->nstrip;
        }
        if (t->nchosen == 0)
            t->chosen[t->nchosen++] = TUI_PANE_MEM;
        else
            t->chosen[t->nchosen - 1] = TUI_PANE_MEM;
        tui_layout(t);
    }
    return 0;
}

void tui_mem_refresh(struct tui *t)
{
    struct hdb_session *s = t->c->s;
    struct hdb_value v;
    t->have_mem_addr = t->mem_expr[0] && s->pid && hdb_eval(s, t->mem_expr, &v) == 0 &&
                       hdb_value_as_u64(s, &v, &t->mem_addr) == 0;
    hdb_session_return_file(s); /* a kept value's file, lent for the expression */
}

/* 16, 8 or 4 bytes a row: "0x" and 12 digits (user space), ": ", 3 and 1 a byte, a space. */
static int bytes_per_row(int inner)
{
    int per = 16;
    while (per > 4 && 17 + per * 4 > inner)
        per /= 2;
    return per;
}

void tui_mem_draw(struct tui *t, WINDOW *w, bool focus)
{
    int h, wd;
    getmaxyx(w, h, wd);
    werase(w);
    box(w, 0, 0);
    int inner = wd - 2 > 0 ? wd - 2 : 0;
    char title[TUI_EXPR + 48];
    if (t->have_mem_addr)
        snprintf(title, sizeof(title), "memory: %s (0x%llx)%s", t->mem_expr,
                 (unsigned long long)t->mem_addr, focus ? " [Tab]" : "");
    else
        snprintf(title, sizeof(title), "memory%s", focus ? " [Tab]" : "");
    mvwprintw(w, 0, 2, " %.*s ", wd - 6 > 0 ? wd - 6 : 0, title);
    if (!t->have_mem_addr) {
        mvwprintw(w, 1, 2, "%.*s", wd - 4 > 0 ? wd - 4 : 0,
                  !t->c->s->pid    ? "(no process)"
                  : t->mem_expr[0] ? "(cannot evaluate the expression)"
                                   : "tui mem EXPR: memory from EXPR's value");
        return;
    }
    int per = bytes_per_row(inner);
    for (int r = 0; r < h - 2; r++) {
        uint64_t a = t->mem_addr + (uint64_t)((t->mem_row + r) * per);
        uint8_t buf[16] = {0};
        int got = hdb_session_read(t->c->s, a, buf, (size_t)per);
        struct hdb_strbuf *b = &t->scratch;
        hdb_sb_reset(b);
        hdb_sb_printf(b, "0x%llx: ", (unsigned long long)a);
        for (int k = 0; k < per; k++)
            hdb_sb_printf(b, k < got ? "%02x " : "?? ", buf[k]);
        hdb_sb_printf(b, " ");
        for (int k = 0; k < per; k++)
            hdb_sb_putc(b, k >= got ? ' ' : buf[k] >= 32 && buf[k] < 127 ? (char)buf[k] : '.');
        mvwprintw(w, r + 1, 1, "%-*.*s", inner, inner, b->s);
    }
}

void tui_mem_key(struct tui *t, int ch)
{
    int page = 8;
    for (int i = 0; i < t->nstrip; i++)
        if (t->strip[i] == TUI_PANE_MEM)
            page = getmaxy(t->stripw[i]) - 2;
    switch (ch) {
    case 'j':
    case KEY_DOWN:
        t->mem_row++;
        break;
    case 'k':
    case KEY_UP:
        t->mem_row--;
        break;
    case KEY_NPAGE:
    case ' ':
        t->mem_row += page;
        break;
    case KEY_PPAGE:
        t->mem_row -= page;
        break;
    case 'g':
        t->mem_row = 0;
        break;
    default:
        break;
    }
}

/*
 * tui_int.h: the TUI's state, shared by its drawing (panes.c) and its
 * event loop (tui.c).
 */
#ifndef HDB_TUI_INT_H
#define HDB_TUI_INT_H

#include <curses.h>
#include <stdbool.h>

#include <hdb/cli.h>

#define TUI_SCROLLBACK 400
#define TUI_LINE 512
#define TUI_REGS_WIDTH 30
#define TUI_KPANE_LINES 64 /* rows kept of the tasks and caps panes */
#define TUI_KPANE_WIDTH 160
#define TUI_ASM_MAX 4096 /* instructions kept of the function in the assembly pane */

enum { TUI_KFOCUS_NONE, TUI_KFOCUS_TASKS, TUI_KFOCUS_CAPS };

struct tui {
    struct hdb_cli *c;
    struct hdb_platform plat; /* the CLI's platform with output sent to the console */
    const struct hdb_platform *orig;
    WINDOW *src, *regs, *cmd, *status;
    WINDOW *asmw; /* the disassembly pane (layout asm or split), else NULL */
    int layout;   /* HDB_LAYOUT_* */
    /* asmpane.c: the instructions of the function shown, decoded once per function. */
    uint64_t asm_lo, asm_hi;
    uint64_t asm_addrs[TUI_ASM_MAX];
    int nasm;
    uint64_t asm_cursor; /* with the keys in the pane (layout asm, Esc): the instruction chosen */
    bool have_asm_cursor;
    struct hdb_strbuf scratch; /* one line of a pane being built */
    /* infopanes.c: the stack and the breakpoints, under the source on a tall terminal. */
    WINDOW *stackw, *localsw, *bpw; /* localsw only on a wide terminal */
    char stack_text[TUI_KPANE_LINES][TUI_KPANE_WIDTH];
    char locals_text[TUI_KPANE_LINES][TUI_KPANE_WIDTH];
    int nlocals_text;
    char bp_text[TUI_KPANE_LINES][TUI_KPANE_WIDTH];
    int nstack_text, nbp_text;
    /* With a remote kernel: its tasks and the selected task's CSpace (kpanes.c). */
    WINDOW *tasks, *caps;
    char tasks_text[TUI_KPANE_LINES][TUI_KPANE_WIDTH];
    char caps_text[TUI_KPANE_LINES][TUI_KPANE_WIDTH];
    int ntasks_text, ncaps_text;
    unsigned caps_task; /* whose CSpace the caps pane shows */
    /* Tab: the tasks pane, the caps pane, back; the selected row of each (0: the first). */
    int kfocus; /* TUI_KFOCUS_* */
    int task_sel, cap_sel;
    int rows, cols;
    /* console: finished lines and the one being written */
    char lines[TUI_SCROLLBACK][TUI_LINE];
    int nlines, first; /* ring buffer */
    char partial[TUI_LINE];
    size_t partial_len;
    /* input */
    char input[TUI_LINE];
    size_t input_len;
    char last_cmd[TUI_LINE];
    char history[32][TUI_LINE];
    int nhistory, hist_pos;
    /* source pane: the file shown, the current line, the cursor and the top line */
    uint32_t file, cur_line, cursor, top;
    uint64_t last_pc; /* where the process was at the last command */
    bool have_file, have_cur;
    bool focus_src; /* Esc: keys go to the source pane (j/k, F9), i: back to the console */
    struct hdb_regs last_regs;
    bool have_last_regs;
    uint64_t changed; /* registers that changed at the last stop */
};

void tui_layout(struct tui *t);
void tui_draw(struct tui *t);
void tui_console_append(struct tui *t, const char *s, size_t len);
/* Follows the process: the source pane jumps to the current line, changed registers noted. */
void tui_follow_stop(struct tui *t);
/* asmpane.c: the disassembly around the selected frame's pc. */
void tui_asm_draw(struct tui *t);
/* Keys while the disassembly pane has them: j/k and arrows, PgUp/PgDn, i or Esc back. */
void tui_asm_key(struct tui *t, int ch);
/* infopanes.c: the stack and breakpoints panes' lines after a command, and drawing them. */
void tui_info_refresh(struct tui *t);
void tui_info_draw(struct tui *t);
/* kpanes.c: the kernel panes' contents after a stop, and drawing them. */
void tui_kpanes_refresh(struct tui *t);
void tui_kpanes_draw(struct tui *t);
/* A key while a kernel pane has the focus: j/k move, Enter acts, Esc leaves. */
void tui_kpanes_key(struct tui *t, int ch);
/* Runs a command as if typed in the console (tui.c). */
int tui_run_command(struct tui *t, const char *line);

#endif

/*
 * tui_int.h: the TUI's state, shared by its drawing (panes.c, the strip
 * panes' files) and its event loop (tui.c).
 *
 * The screen: the source and/or the disassembly at the top left, the
 * registers beside them, a strip of list panes under them (strip.c: the
 * stack, locals and watches, breakpoints, threads, memory, caps, tasks;
 * which ones is chosen by the terminal's size or by `tui panes`), the
 * status line and the console.
 */
#ifndef HDB_TUI_INT_H
#define HDB_TUI_INT_H

#include <curses.h>
#include <stdbool.h>

#include <hdb/cli.h>

#define TUI_SCROLLBACK 400
#define TUI_LINE 512
#define TUI_REGS_WIDTH 30
#define TUI_LIST_LINES 128 /* rows kept of a list pane */
#define TUI_LIST_WIDTH 160
#define TUI_EXPR 128     /* a locals row's expression ("p.inner.x", "a[3]") */
#define TUI_EXPANDED 64  /* expanded rows of the locals pane remembered */
#define TUI_STRIP_MAX 4  /* panes side by side in the strip */
#define TUI_ASM_MAX 4096 /* instructions kept of the function in the assembly pane */

/* The list panes of the strip. */
enum tui_pane {
    TUI_PANE_STACK,
    TUI_PANE_LOCALS, /* arguments, locals and the display expressions ("watches") */
    TUI_PANE_BPS,
    TUI_PANE_THREADS,
    TUI_PANE_MEM,
    TUI_PANE_CAPS,  /* a kernel task's CSpace; a process's descriptors and mappings */
    TUI_PANE_TASKS, /* a kernel's tasks */
    TUI_PANE_COUNT,
};

/* Who has the keys. */
enum tui_focus {
    TUI_FOCUS_CONSOLE,
    TUI_FOCUS_SRC,
    TUI_FOCUS_ASM,
    TUI_FOCUS_STRIP, /* + the index of the pane in the strip */
};

/* The rows of a list pane; the first `header` rows stay at the top when it scrolls. */
struct tui_list {
    char text[TUI_LIST_LINES][TUI_LIST_WIDTH];
    int n, header;
    int sel; /* selected row among those under the header */
};

struct tui {
    struct hdb_cli *c;
    struct hdb_platform plat; /* the CLI's platform with output sent to the console */
    const struct hdb_platform *orig;
    struct tui_list *capture; /* while set, the CLI's output goes into this list (strip.c) */
    char capture_line[TUI_LIST_WIDTH];
    size_t capture_len;
    WINDOW *src, *regs, *cmd, *status;
    WINDOW *asmw; /* the disassembly pane (layout asm or split), else NULL */
    int layout;   /* HDB_LAYOUT_* */
    /* asmpane.c: the instructions of the function shown, decoded once per function. */
    uint64_t asm_lo, asm_hi;
    uint64_t asm_addrs[TUI_ASM_MAX];
    int nasm;
    uint64_t asm_cursor; /* with the keys in the pane: the instruction chosen */
    bool have_asm_cursor;
    struct hdb_strbuf scratch; /* one line of a pane being built */
    /* strip.c: the panes under the source. */
    WINDOW *stripw[TUI_STRIP_MAX];
    int strip[TUI_STRIP_MAX]; /* enum tui_pane, left to right */
    int nstrip;
    int chosen[TUI_STRIP_MAX]; /* `tui panes NAME...`; nchosen 0: by the terminal's size */
    int nchosen;
    struct tui_list lists[TUI_PANE_COUNT];
    int focus;      /* enum tui_focus */
    int back_focus; /* where Esc from a strip pane returns */
    /* varpane.c: each locals row's expression and whether it can be expanded. */
    char var_expr[TUI_LIST_LINES][TUI_EXPR];
    signed char var_open[TUI_LIST_LINES]; /* -1 leaf, 0 closed, 1 open */
    char expanded[TUI_EXPANDED][TUI_EXPR];
    int nexpanded;
    /* mempane.c: the expression the memory pane follows and its scroll, in rows. */
    char mem_expr[TUI_EXPR];
    uint64_t mem_addr;
    bool have_mem_addr;
    int64_t mem_row;
    unsigned caps_task; /* a kernel: whose CSpace the caps pane shows */
    int rows, cols;
    /* console: finished lines and the one being written */
    char lines[TUI_SCROLLBACK][TUI_LINE];
    int nlines, first; /* ring buffer */
    char partial[TUI_LINE];
    size_t partial_len, col; /* col: where the next character goes in partial */
    /* input */
    char input[TUI_LINE];
    size_t input_len;
    char last_cmd[TUI_LINE];
    char history[32][TUI_LINE];
    int nhistory, hist_pos;
    /* source pane: the file shown, the current line, the cursor and the top line */
    uint32_t file, cur_line, cursor, top;
    uint32_t cur_file; /* the file of cur_line (the source pane may show another) */
    int file_mod;      /* the module whose line table file indexes (session's active_mod) */
    uint64_t last_pc;  /* where the process was at the last command */
    bool have_file, have_cur;
    /* search.c: vi's / in the source pane: typing a pattern, the last one, what happened */
    bool searching;
    char search[TUI_EXPR];
    size_t search_len;
    char last_search[TUI_EXPR];
    char search_msg[80];
    struct hdb_regs last_regs;
    bool have_last_regs;
    uint64_t changed;  /* registers that changed at the last stop */
    bool own_terminal; /* programs started under the TUI get a pseudo-terminal (progterm) */
    bool running;      /* running.c: the program runs, keys go to it */
};

void tui_layout(struct tui *t);
void tui_draw(struct tui *t);
void tui_console_append(struct tui *t, const char *s, size_t len);
/* What the program wrote on its own terminal, into the console (tui.c). */
void tui_poll_program_output(struct tui *t);
/* The platform's prog_waiting hook while the program runs (running.c). */
void tui_running(void *arg);
/* The status line and the console alone, while the program runs. */
void tui_draw_running(struct tui *t);
/* Follows the process: the source pane jumps to the current line, changed registers noted. */
void tui_follow_stop(struct tui *t);
/* asmpane.c: the disassembly around the selected frame's pc. */
void tui_asm_draw(struct tui *t);
/* Keys while the disassembly pane has them: j/k and arrows, PgUp/PgDn, i or Esc back. */
void tui_asm_key(struct tui *t, int ch);
/* F9 in the disassembly pane: a breakpoint on the instruction under the cursor, or none. */
void tui_asm_toggle_breakpoint(struct tui *t);

/* strip.c: which panes, where, their contents after a command, drawing and keys. */
/* The strip's height out of the rows above the status line (0: no strip). */
int tui_strip_rows(const struct tui *t, int top_rows);
void tui_strip_layout(struct tui *t, int top, int rows);
void tui_strip_refresh(struct tui *t);
void tui_strip_draw(struct tui *t);
void tui_strip_key(struct tui *t, int pane, int ch);
/* `tui panes [NAME...|auto]`, `tui mem EXPR`: the TUI's own commands; true if line was one. */
bool tui_strip_command(struct tui *t, const char *line);
/* Tab: the next pane with the keys (the strip's, then the source's and disassembly's). */
void tui_focus_next(struct tui *t);
/* Draws a list pane (focus: it has the keys), its selected row reversed when show_sel. */
void tui_list_draw(WINDOW *w, const char *title, const struct tui_list *l, bool focus,
                   bool show_sel, const char *none);
/* Runs a CLI command with its output into a list pane instead of the console. */
void tui_capture(struct tui *t, struct tui_list *l, const char *cmd);
void tui_list_add(struct tui_list *l, const char *s);

/* infopanes.c: the stack, breakpoints and threads panes. */
void tui_stack_refresh(struct tui *t);
void tui_bps_refresh(struct tui *t);
void tui_threads_refresh(struct tui *t);
void tui_stack_key(struct tui *t, int ch);
void tui_bps_key(struct tui *t, int ch);
void tui_threads_key(struct tui *t, int ch);
/* varpane.c: arguments, locals and watches with expandable structs and arrays. */
void tui_vars_refresh(struct tui *t);
void tui_vars_key(struct tui *t, int ch);
/* mempane.c: the memory hex view. */
void tui_mem_refresh(struct tui *t);
void tui_mem_draw(struct tui *t, WINDOW *w, bool focus);
void tui_mem_key(struct tui *t, int ch);
int tui_mem_follow(struct tui *t, const char *expr);
/* kpanes.c: the tasks and caps panes (a kernel's, or a process's descriptors and mappings). */
void tui_tasks_refresh(struct tui *t);
void tui_caps_refresh(struct tui *t);
void tui_tasks_key(struct tui *t, int ch);
void tui_caps_key(struct tui *t, int ch);
/* search.c: the source pane's `/`, `n`, `N`; true when the key was the search's. */
bool tui_search_key(struct tui *t, int ch);
/* Runs a command as if typed in the console (tui.c). */
int tui_run_command(struct tui *t, const char *line);
/* Keys j/k/PgUp/PgDn on a list's selection; true when ch was one of them. */
bool tui_list_move(struct tui_list *l, int ch, int page);

#endif

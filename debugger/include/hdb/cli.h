/*
 * hdb/cli.h: the command-line interface: executes one command line at a
 * time against a session and writes gdb-style text through the platform.
 *
 * The program file is loaded through a struct hdb_loader (hdb/image.h) so
 * that the CLI stays independent of the file-format library the platform
 * uses.
 */
#ifndef HDB_CLI_H
#define HDB_CLI_H

#include <stdbool.h>

#include <hdb/command.h>
#include <hdb/disasm.h>
#include <hdb/image.h>
#include <hdb/session.h>
#include <hdb/strbuf.h>

struct hdb_source {
    char *path; /* the file cached */
    char *text;
    size_t len;
    const char **lines; /* lines[i]: start of line i + 1 */
    size_t nlines;
    bool reported; /* the file cannot be read, and that has been said */
};

struct hdb_cli {
    struct hdb_session *s;
    const struct hdb_platform *plat;
    struct hdb_loader loader;
    const struct hdb_image *img;
    const struct hdb_image *symfiles[HDB_MAX_OBJFILES]; /* add-symbol-file */
    int nsymfiles;
    char prog[1024];    /* absolute path of the program file, "" if none */
    char *run_args[64]; /* arguments for run (without argv[0]) */
    int nrun_args;
    bool batch;
    bool quit;
    int bp_pending; /* `set breakpoint pending`: 1 on, -1 off, 0 auto (ask; batch: no) */
    int exit_code;
    struct hdb_xfmt xfmt;
    uint64_t x_next; /* where a bare x continues */
    /* list: the file and the next line to show; list_mod: whose line table (1 + module, 0: program)
     */
    uint32_t list_file;
    uint32_t list_next;
    uint32_t list_first; /* the first line of the last listing: list - shows the ten before */
    bool list_at_frame;  /* nothing listed since a frame was shown: list - lists around it too */
    bool list_valid;
    int list_mod;
    struct hdb_source src;
    /* display: expressions shown after every stop */
    struct hdb_display {
        int num;
        char *expr;
        char fmt[8];
    } displays[32];
    int ndisplays, next_display;
    struct hdb_strbuf out; /* scratch for building output */
    /* `target remote`: the remote target stands in for the local one until detach. */
    bool remote;
    struct hdb_target remote_target;
    struct hdb_target *local_target;
    /* The platform's disassembler (ops NULL: none); set by whoever builds the CLI. */
    struct hdb_disasm disasm;
    /*
     * `layout NAME` asked for the TUI's panes (HDB_LAYOUT_*, 0: no request);
     * the TUI takes it, or the command line starts the TUI with it. in_tui:
     * the TUI is running; can_tui: the terminal could run it.
     */
    int layout;
    bool in_tui, can_tui;
    bool no_hw_watch; /* set can-use-hw-watchpoints 0: every watchpoint is a software one */
    /* ---- scripting (cli_script.c, cli_bpcmds.c) ---- */
    struct hdb_cli_input *in;
    /* Lines come from the user at a terminal: gdb's "Type commands..." and ">" prompts. */
    bool from_tty;
    struct hdb_usercmd *user;
    size_t nuser, cap_user;
    struct hdb_user_args *args; /* the arguments of the user command running, innermost */
    int user_depth;
    /* The command list of the breakpoint the program last stopped at, run after the command. */
    char *stop_cmds;
    bool proceeded;  /* a command resumed the program (a list ends there, as in gdb) */
    bool in_actions; /* running breakpoint command lists */
    int loop_depth;  /* while loops running */
    int loop_ctl;    /* 1: loop_break, 2: loop_continue asked for */
    /* The error lines of a sourced file's line, held until it is known whether it failed. */
    struct hdb_strbuf errcap;
    int capture;
    /* The breakpoints the last rbreak set: a bare `commands` applies to them all. */
    int rbreak_first, rbreak_last;
    /* The last stop shown, for info program (have_last_stop: there was one since run). */
    struct hdb_event last_stop;
    bool have_last_stop;
    /* Settings gdb has that hdb only keeps and shows (cli_settings.c). */
    char args_line[1024]; /* set args / run ARGS as typed: show args */
    int listsize;         /* 0: unlimited (set listsize -1 is kept and shown as -1) */
    bool confirm, pagination;
    char cwd[1024]; /* the working directory as cd named it ("": not asked yet) */
};

/*
 * Where the lines of a multi-line command (commands, define, document, if,
 * while) come from: a sourced file or a stored list being run, line by
 * line; or, at the bottom (hdb_cli.in NULL), the platform's read_line.
 */
struct hdb_cli_input {
    const char *pos, *end; /* what is left to read */
    const char *file;      /* a sourced file's name, for its error lines (NULL: a list) */
    unsigned line;         /* the number of the line last read */
    struct hdb_cli_input *up;
};

/* A user-defined command (define, document). */
struct hdb_usercmd {
    char *name;
    char *body; /* its lines, joined by newlines ("" for none) */
    char *doc;  /* NULL: undocumented */
};

enum hdb_layout {
    HDB_LAYOUT_SRC = 1, /* source and registers */
    HDB_LAYOUT_ASM,     /* disassembly and registers */
    HDB_LAYOUT_SPLIT,   /* source above disassembly, registers beside */
};

void hdb_cli_init(struct hdb_cli *c, struct hdb_session *s, const struct hdb_platform *plat,
                  const struct hdb_loader *loader);
void hdb_cli_fini(struct hdb_cli *c);
/* Loads the program file (gdb's `file`); prints the reason on failure. */
int hdb_cli_load(struct hdb_cli *c, const char *path);
/*
 * Tab completion: candidates for the word before pos in line (commands,
 * info subcommands, symbols) through add; returns where the word starts.
 */
size_t hdb_cli_complete(struct hdb_cli *c, const char *line, size_t pos,
                        void (*add)(void *ctx, const char *cand), void *ctx);
/* Has the program DWARF (functions or lines)? Without it gdb says "No symbol table is loaded". */
bool hdb_cli_have_debug_info(const struct hdb_cli *c);
/* add-symbol-file: another program some threads run (a kernel's user tasks). */
int hdb_cli_add_symbol_file(struct hdb_cli *c, const char *path);
/* Sets the arguments of the next run. */
int hdb_cli_set_args(struct hdb_cli *c, int argc, char *const argv[]);
/* The same from a line, split at blanks (quotes group words): set args, run ARGS. */
int hdb_cli_set_args_line(struct hdb_cli *c, const char *line);
/*
 * Executes one command line as typed at the top level (a multi-line
 * command reads its other lines from read_line), then the command lists of
 * the breakpoints it stopped at; returns 0 or the command's negative error
 * (already printed).
 */
int hdb_cli_execute(struct hdb_cli *c, const char *line);
/*
 * Runs a file of commands (gdb's `source`, -x), stopping at the first
 * error, which is prefixed "FILE:LINE: Error in sourced command file:".
 * A missing file is an error when from_tty, else a warning.
 */
int hdb_cli_source_file(struct hdb_cli *c, const char *path, bool from_tty);

/* ---- shared by the cli_*.c files --------------------------------------- */
void hdb_cli_out(struct hdb_cli *c, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void hdb_cli_err(struct hdb_cli *c, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* The text of line (1-based) of a line-table file, or NULL. */
const char *hdb_cli_source_line(struct hdb_cli *c, uint32_t file, uint32_t line, size_t *len);
size_t hdb_cli_source_count(struct hdb_cli *c, uint32_t file);
/*
 * "LINE\ttext"; for a file that cannot be read, gdb's words: the reason
 * the first time, then "LINE\tin FILE" while it stays the last file read.
 */
void hdb_cli_print_line(struct hdb_cli *c, uint32_t file, uint32_t line);
/*
 * The line frame f shows (look: the pc it is looked up by, in the active
 * file): its pc's, or, when its callee is inlined into it, the line of
 * that call. NULL f: pc's line.
 */
bool hdb_cli_frame_line(struct hdb_session *s, const struct hdb_frame *f, uint64_t look,
                        struct hdb_line_loc *loc);
/* "func () at file:line" (with "0x... in " when pc is not at a line start, or when forced). */
void hdb_cli_frame_desc(struct hdb_cli *c, const struct hdb_frame *f, bool caller, bool force_addr,
                        struct hdb_strbuf *b);
/* Prints "LINE\tsource" of pc's line ("0x...\tLINE\t..." when mid-line and addr_mid). */
void hdb_cli_print_source_at(struct hdb_cli *c, uint64_t pc, bool caller, bool addr_mid);
/* Prints the frame line and its source line, as after a stop or `frame`. */
void hdb_cli_print_frame(struct hdb_cli *c, int level, const struct hdb_frame *f, bool with_level);
void hdb_cli_print_event(struct hdb_cli *c, const struct hdb_event *ev);
/* A watchpoint's kind in gdb's words: "Hardware watchpoint" (sentence) or "hw watchpoint". */
const char *hdb_cli_watch_kind(const struct hdb_breakpoint *b, bool sentence);
/* Keeps a printed value in the value history; returns its number ($N). */
struct hdb_value;
int hdb_cli_record(struct hdb_cli *c, const struct hdb_value *v);
/* Why an expression did not evaluate (stop: where parsing stopped), in gdb's words. */
void hdb_cli_eval_error(struct hdb_cli *c, int rc, const char *expr, const char *stop);
/* Why a breakpoint location did not resolve, in gdb's words. */
void hdb_cli_location_error(struct hdb_cli *c, const char *spec);

int hdb_cli_cmd_run(struct hdb_cli *c, int id, const char *args);
int hdb_cli_cmd_break(struct hdb_cli *c, int id, const char *args);
int hdb_cli_cmd_stack(struct hdb_cli *c, int id, const char *args);
int hdb_cli_cmd_info(struct hdb_cli *c, const char *args);
int hdb_cli_cmd_data(struct hdb_cli *c, int id, const char *fmt, const char *args);
/* One command of the built-in table (cli.c), without scripting. */
int hdb_cli_dispatch(struct hdb_cli *c, const char *line);
/* cli_script.c: define, document, if, while, source, end; help for user-defined commands. */
int hdb_cli_cmd_script(struct hdb_cli *c, int id, const char *args);
/* help NAME|user-defined when it is about user-defined commands (1: it was, 0: not). */
int hdb_cli_help_user(struct hdb_cli *c, const char *args);
/*
 * Reads the lines of a block up to its "end" from the current input into
 * body (and after an "else" at its level into other, when not NULL):
 * trimmed, joined by newlines. depth: the prompt's nesting.
 */
int hdb_cli_read_block(struct hdb_cli *c, int depth, struct hdb_strbuf *body,
                       struct hdb_strbuf *other);
/* Runs stored lines; actions: a breakpoint's list, which ends where the program resumes. */
int hdb_cli_run_lines(struct hdb_cli *c, const char *text, bool actions);
/* Writes lines as gdb lists them (nested blocks indented by two more), each after indent. */
void hdb_cli_print_lines(struct hdb_cli *c, struct hdb_strbuf *b, const char *text, int indent);
/* cli_bpcmds.c: commands, dprintf, rbreak, save breakpoints. */
int hdb_cli_cmd_bpcmds(struct hdb_cli *c, int id, const char *args);
/* Notes the command list of a stop's breakpoint (number; 0: none); true if it starts with silent.
 */
bool hdb_cli_note_stop(struct hdb_cli *c, int number, bool stop);
/* Runs the noted command lists (gdb's bpstat_do_actions). */
int hdb_cli_run_actions(struct hdb_cli *c);
/* The session's dprintf hook: ctx is the CLI. */
void hdb_cli_dprintf(void *ctx, const struct hdb_breakpoint *b);
/* rbreak REGEX (cli_symsearch.c). */
int hdb_cli_rbreak(struct hdb_cli *c, const char *args);
/* break/tbreak/hbreak/thbreak/dprintf's setting (cli_break.c); dprintf: its ",FORMAT,ARGS". */
int hdb_cli_break_at(struct hdb_cli *c, bool temporary, bool hardware, const char *args,
                     const char *dprintf);
/* The core's warning (hdb_session.warning), shown and cleared; before a command's output. */
void hdb_cli_flush_warning(struct hdb_cli *c);
/* Is the frame in function (or inlined call) name? caller: its pc is a return address. */
bool hdb_cli_frame_is(struct hdb_cli *c, const struct hdb_frame *f, bool caller, const char *name);
/*
 * info args / info locals of the selected frame, each line after indent
 * (bt full indents them), with gdb's lines for none (cli_info.c).
 */
int hdb_cli_list_vars(struct hdb_cli *c, bool args, const char *indent);
/* return [EXPR] (cli_return.c). */
int hdb_cli_cmd_return(struct hdb_cli *c, const char *args);
/* catch syscall (cli_catch.c). */
int hdb_cli_cmd_catch(struct hdb_cli *c, const char *args);
/* printf and output (cli_printf.c). */
int hdb_cli_cmd_printf(struct hdb_cli *c, int id, const char *fmt, const char *args);
/* How many lines a listing shows (set listsize; unlimited as a very large count). */
uint32_t hdb_cli_list_size(const struct hdb_cli *c);
int hdb_cli_cmd_list(struct hdb_cli *c, const char *args);
int hdb_cli_cmd_types(struct hdb_cli *c, int id, const char *fmt, const char *args);
/*
 * A call from an expression that did not return: what stopped the program
 * (as any stop is shown), why (a line of the caller's, may be ""), then
 * gdb's account of the abandoned call.
 */
void hdb_cli_call_stopped(struct hdb_cli *c, const char *why);
/* cli_ptype_o.c: ptype/o, a struct's or union's offsets, sizes and holes. */
int hdb_cli_ptype_offsets(struct hdb_cli *c, uint64_t unit, uint64_t type, const char *prefix,
                          const char *suffix);
int hdb_cli_cmd_display(struct hdb_cli *c, int id, const char *fmt, const char *args);
/* Shows every display expression that can be evaluated here (after a stop). */
void hdb_cli_do_displays(struct hdb_cli *c);
int hdb_cli_info_display(struct hdb_cli *c);
int hdb_cli_cmd_set(struct hdb_cli *c, const char *args);
/* set breakpoint pending on|off|auto (args: what follows "breakpoint pending"). */
int hdb_cli_set_bp_pending(struct hdb_cli *c, const char *args);
/* cli_disasm.c: disassemble [/rs] [ADDR | START,END | START,+LEN], and x/Ni. */
int hdb_cli_cmd_disassemble(struct hdb_cli *c, const char *fmt, const char *args);
int hdb_cli_x_insns(struct hdb_cli *c, uint64_t addr, unsigned count);
/* The function holding a runtime address: its name and [lo, hi), from DWARF or a sized symbol. */
const char *hdb_cli_func_bounds(struct hdb_session *s, uint64_t addr, uint64_t *lo, uint64_t *hi);
/* The pc of the selected frame (runtime); HDB_E_NO_PROCESS, HDB_E_NO_FRAME. */
int hdb_cli_selected_pc(struct hdb_cli *c, uint64_t *pc);
/* cli_kernel.c: target remote, monitor, and the osdata views (info tasks, caps, ...). */
int hdb_cli_cmd_remote(struct hdb_cli *c, int id, const char *args);
int hdb_cli_target_remote(struct hdb_cli *c, const char *where);
/* After detach or kill of a remote target: back to the local one. */
void hdb_cli_remote_close(struct hdb_cli *c);
int hdb_cli_info_object(struct hdb_cli *c, int id, const char *args);
/* One row of gdb's signal table: name, Stop, Print, Pass, description. */
void hdb_cli_signal_row(struct hdb_cli *c, int sig);
/* cli_frame.c: info frame in gdb's layout. */
int hdb_cli_info_frame(struct hdb_cli *c);
/* cli_infosym.c: info line, info address, info symbol (id: HDB_INFO_LINE...). */
int hdb_cli_info_symbols(struct hdb_cli *c, int id, const char *args);
/* info functions|variables|types [-q] [-n] [REGEXP] (cli_symsearch.c). */
int hdb_cli_info_symsearch(struct hdb_cli *c, int id, const char *args);
/* info scope LOCATION (cli_scope.c). */
int hdb_cli_info_scope(struct hdb_cli *c, const char *args);
/* info registers [REG|GROUP...], info all-registers, info vector, info float (cli_regs.c). */
int hdb_cli_info_registers(struct hdb_cli *c, int id, const char *args);
int hdb_cli_info_os(struct hdb_cli *c, int id, const char *args);
/* info breakpoints, info watchpoints (watch_only) [N] (cli_info.c). */
int hdb_cli_info_breakpoints(struct hdb_cli *c, bool watch_only, const char *args);
/* info proc [WHAT], info auxv, info program (cli_proc.c; id: HDB_INFO_PROC...). */
int hdb_cli_info_proc(struct hdb_cli *c, int id, const char *args);
/* info files (info target) and info sources [-dirname|-basename] [REGEXP] (cli_files.c). */
int hdb_cli_info_files(struct hdb_cli *c, int id, const char *args);
/* show SETTING, unset environment VAR (cli_settings.c). */
int hdb_cli_cmd_show(struct hdb_cli *c, const char *args);
int hdb_cli_cmd_unset(struct hdb_cli *c, const char *args);
/* shell CMD, pwd, cd DIR (cli_host.c). */
int hdb_cli_cmd_host(struct hdb_cli *c, int id, const char *args);
/* jump LINE | *ADDR (cli_jump.c). */
int hdb_cli_cmd_jump(struct hdb_cli *c, const char *args);
/*
 * The same table (id: HDB_INFO_TASKS...), one formatted line at a time,
 * for the TUI's panes; cols: the columns shown (NULL-terminated), NULL
 * for the command's own.
 */
int hdb_cli_os_view(struct hdb_cli *c, int id, const char *args, const char *const *cols,
                    void (*line)(void *ctx, const char *s), void *ctx);

#endif

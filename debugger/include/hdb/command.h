/*
 * hdb/command.h: command names, gdb's abbreviations, and argument splitting.
 *
 * Pure string handling, shared by every user interface: the command line
 * and the TUI's console resolve what the user typed here.
 */
#ifndef HDB_COMMAND_H
#define HDB_COMMAND_H

#include <stddef.h>

enum hdb_cmd_id {
    HDB_CMD_NONE = 0,
    HDB_CMD_RUN,
    HDB_CMD_START,
    HDB_CMD_ATTACH,
    HDB_CMD_DETACH,
    HDB_CMD_KILL,
    HDB_CMD_BREAK,
    HDB_CMD_TBREAK,
    HDB_CMD_DELETE,
    HDB_CMD_CONTINUE,
    HDB_CMD_NEXT,
    HDB_CMD_STEP,
    HDB_CMD_STEPI,
    HDB_CMD_NEXTI,
    HDB_CMD_FINISH,
    HDB_CMD_BACKTRACE,
    HDB_CMD_FRAME,
    HDB_CMD_UP,
    HDB_CMD_DOWN,
    HDB_CMD_INFO,
    HDB_CMD_X,
    HDB_CMD_PRINT,
    HDB_CMD_LIST,
    HDB_CMD_THREAD,
    HDB_CMD_HANDLE,
    HDB_CMD_FILE,
    HDB_CMD_HELP,
    HDB_CMD_ECHO,
    HDB_CMD_PRINTF, /* printf "FORMAT", ARGS... */
    HDB_CMD_OUTPUT, /* output EXPR: print without $N = and newline */
    HDB_CMD_RETURN, /* return [EXPR]: pop the selected frame */
    HDB_CMD_QUIT,
    HDB_CMD_CONDITION,
    HDB_CMD_IGNORE,
    HDB_CMD_ENABLE,
    HDB_CMD_DISABLE,
    HDB_CMD_WHATIS,
    HDB_CMD_PTYPE,
    HDB_CMD_SET,
    HDB_CMD_UNTIL,
    HDB_CMD_ADVANCE,
    HDB_CMD_WATCH,
    HDB_CMD_AWATCH,
    HDB_CMD_DISPLAY,
    HDB_CMD_UNDISPLAY,
    HDB_CMD_TARGET,
    HDB_CMD_MONITOR,
    HDB_CMD_ADD_SYMBOL_FILE,
    HDB_CMD_DISASSEMBLE,
    HDB_CMD_LAYOUT,
    HDB_CMD_HBREAK, /* hbreak, thbreak: breakpoints gdb would put in debug registers */
    HDB_CMD_THBREAK,
    HDB_CMD_RWATCH,
    HDB_CMD_CALL,   /* print, except that a void result prints nothing */
    HDB_CMD_CATCH,  /* catch syscall [NAME|NUMBER]... */
    HDB_CMD_DEFINE, /* scripting (cli_script.c) */
    HDB_CMD_DOCUMENT,
    HDB_CMD_IF,
    HDB_CMD_WHILE,
    HDB_CMD_END,
    HDB_CMD_SOURCE,
    HDB_CMD_COMMANDS, /* breakpoints' command lists and friends (cli_bpcmds.c) */
    HDB_CMD_DPRINTF,
    HDB_CMD_RBREAK,
    HDB_CMD_SAVE,
    HDB_CMD_SHOW, /* show SETTING, unset environment (cli_settings.c) */
    HDB_CMD_UNSET,
    HDB_CMD_STARTI, /* start, stopped at the program's first instruction */
    HDB_CMD_JUMP,   /* jump LINE | *ADDR (cli_jump.c) */
    HDB_CMD_SHELL,  /* shell CMD, !CMD, pwd, cd DIR: the debugger's host (cli_host.c) */
    HDB_CMD_PWD,
    HDB_CMD_CD,
};

/*
 * Splits a command line into the command word and its arguments and
 * resolves the word: a full name, one of gdb's fixed abbreviations
 * ("b", "c", "n", "s", "si", "ni", "bt", "i", "p", "l", "q", "r", "d"), or
 * an unambiguous prefix. A "/FMT" suffix (x/4xw, p/x) is returned in fmt.
 * A line that starts with '!' is gdb's shell escape: HDB_CMD_SHELL.
 * Returns the id, HDB_CMD_NONE for an empty line, or a negative
 * HDB_E_NOT_FOUND (unknown) / HDB_E_ARG (ambiguous).
 */
int hdb_cmd_parse(const char *line, const char **args, char *fmt, size_t fmt_len);

/*
 * What an empty line runs after the command line last (gdb's repetition):
 * the same line, or for x and list the bare word, which continues where
 * the last one ended; nothing (returns 0) after commands gdb does not
 * repeat, such as run, kill, delete or quit. Returns 1 with out filled.
 */
int hdb_cmd_repeat_line(const char *last, char *out, size_t len);

enum hdb_info_id {
    HDB_INFO_BREAKPOINTS = 1,
    HDB_INFO_REGISTERS,
    HDB_INFO_THREADS,
    HDB_INFO_FRAME,
    HDB_INFO_SIGNALS,
    HDB_INFO_SOURCE,
    HDB_INFO_INFERIORS,
    HDB_INFO_ARGS,
    HDB_INFO_LOCALS,
    HDB_INFO_SHAREDLIBRARY,
    HDB_INFO_DISPLAY,
    HDB_INFO_TASKS, /* the remote target's osdata tables (cli_kernel.c) */
    HDB_INFO_CAPS,
    HDB_INFO_OBJECTS,
    HDB_INFO_MEMORY,
    HDB_INFO_CPU,
    HDB_INFO_FAULTS,
    HDB_INFO_OS,
    HDB_INFO_OBJECT, /* one object, or the one a task's slot names (monitor object/cap) */
    HDB_INFO_CAP,
    HDB_INFO_LINE, /* info line, address, symbol (cli_infosym.c) */
    HDB_INFO_ADDRESS,
    HDB_INFO_SYMBOL,
    HDB_INFO_FUNCTIONS, /* info functions, variables, types (cli_symsearch.c) */
    HDB_INFO_VARIABLES,
    HDB_INFO_TYPES,
    HDB_INFO_SCOPE,         /* cli_scope.c */
    HDB_INFO_ALL_REGISTERS, /* info all-registers, vector, float (cli_regs.c) */
    HDB_INFO_VECTOR,
    HDB_INFO_FLOAT,
    HDB_INFO_WATCHPOINTS,
    HDB_INFO_PROC, /* info proc [WHAT], info auxv, info program (cli_proc.c) */
    HDB_INFO_AUXV,
    HDB_INFO_PROGRAM,
    HDB_INFO_FILES, /* info files (info target), info sources (cli_files.c) */
    HDB_INFO_SOURCES,
};
/* The command names and info subcommands, i from 0 on (NULL past the end): Tab completion. */
const char *hdb_cmd_name_at(size_t i);
const char *hdb_info_name_at(size_t i);

/* The `info` subcommand (prefixes allowed: "b", "r", "reg", "thr"); *args: what follows. */
int hdb_info_parse(const char *line, const char **args);

/* The x command's /FMT: count, format letter, unit size, each keeping *prev's when absent. */
struct hdb_xfmt {
    unsigned count;
    char format;   /* x d u o t c s i a */
    unsigned size; /* 1 2 4 8 */
};
int hdb_xfmt_parse(const char *fmt, struct hdb_xfmt *x);

#endif

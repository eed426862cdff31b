/*
 * hdb/breakpoints.h: the user's breakpoint table.
 *
 * Pure bookkeeping: numbers, locations (hdb_session_bp_loc addresses), temporary
 * or not, enabled, hit counts. Which addresses are planted in the target
 * is the session's business (it adds the load bias and its own internal
 * breakpoints); this table never talks to a target.
 */
#ifndef HDB_BREAKPOINTS_H
#define HDB_BREAKPOINTS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <hdb/platform.h>

struct hdb_image;

#define HDB_BP_MAX_LOCS 8

enum hdb_bp_kind {
    HDB_BP_CODE,          /* a software breakpoint at locs[] */
    HDB_BP_WATCH,         /* a watchpoint on watch_len bytes at watch_addr */
    HDB_BP_CATCH_SYSCALL, /* a catchpoint on the system calls in sys_mask (none named: every one) */
};

struct hdb_breakpoint {
    int number;
    enum hdb_bp_kind kind;
    int watch_kind;      /* enum hdb_watch_kind */
    uint64_t watch_addr; /* the watched object, as a location (hdb_session_bp_loc) */
    unsigned watch_len;
    uint64_t watch_old;                 /* its value when last seen (watch_len bytes) */
    uint64_t watch_unit, watch_type;    /* its DWARF type, for printing old and new values */
    const struct hdb_image *watch_file; /* the file whose DWARF holds that type */
    bool watch_soft;                    /* software: single-step and compare (watch.c) */
    bool watch_read;                    /* rwatch: a read, reported when the value did not change */
    uint8_t *watch_data;                /* software, wider than 8 bytes: the old bytes (owned) */
    /*
     * A local's watchpoint: its frame (CFA) and where that frame returns
     * (0: not known, main's); both 0 for globals.
     */
    uint64_t watch_cfa, watch_ret;
    bool temporary; /* tbreak: deleted when hit */
    bool hardware;  /* hbreak: named so (the target plants it as it can) */
    bool enabled;
    /* dprintf: prints its commands' printf and goes on, never stopping the program */
    bool dprintf;
    unsigned hits;
    char *spec; /* what the user asked for, for messages */
    char *cond; /* stop only if this expression is true (NULL: always) */
    /*
     * The user interface's command list for a stop here (`commands`), its
     * lines joined by newlines (NULL: none); this table only keeps it.
     */
    char *commands;
    char *dprintf_args; /* a dprintf's ",FORMAT,ARGS" as typed, for `save breakpoints` */
    unsigned ignore;    /* crossings still to ignore */
    int nlocs;          /* 0: pending, waiting for a library that has the spec */
    bool had_locs;      /* pending again after its library went (gdb still counts its address) */
    uint64_t locs[HDB_BP_MAX_LOCS];
    int sys_count; /* how many the user named (0: any; spec lists them: "syscall" or "syscalls") */
    uint64_t sys_mask[16]; /* system call numbers 0-1023, a bit each */
};

struct hdb_bptable {
    const struct hdb_platform *plat;
    struct hdb_breakpoint *bps; /* in number order */
    size_t n, cap;
    int next_number;
};

void hdb_bp_init(struct hdb_bptable *t, const struct hdb_platform *plat);
void hdb_bp_fini(struct hdb_bptable *t);
/* Adds a breakpoint with 1..HDB_BP_MAX_LOCS locations; returns its number. */
int hdb_bp_add(struct hdb_bptable *t, const char *spec, bool temporary, const uint64_t *locs,
               int nlocs);
/* Adds a breakpoint without locations yet (gdb's pending breakpoint); returns its number. */
/* A syscall catchpoint; spec is its "What" ("write", "exit_group, read", "<any syscall>"). */
int hdb_bp_add_catch_syscall(struct hdb_bptable *t, const char *spec, int count,
                             const uint64_t mask[16]);
/* Is a syscall catchpoint enabled (the target must stop at system calls)? */
bool hdb_bp_catching_syscalls(const struct hdb_bptable *t);
int hdb_bp_add_pending(struct hdb_bptable *t, const char *spec, bool temporary);
/* HDB_E_NOT_FOUND when there is no breakpoint with that number. */
int hdb_bp_delete(struct hdb_bptable *t, int number);
void hdb_bp_delete_all(struct hdb_bptable *t);
struct hdb_breakpoint *hdb_bp_get(struct hdb_bptable *t, int number);
/* Adds a watchpoint on an expression's object; returns its number. */
int hdb_bp_add_watch(struct hdb_bptable *t, const char *expr, int kind, uint64_t addr, unsigned len,
                     uint64_t unit, uint64_t type, uint64_t old);
/* Sets (cond non-NULL, non-empty) or removes the condition of a breakpoint. */
int hdb_bp_set_condition(struct hdb_bptable *t, int number, const char *cond);
/* Sets (text non-NULL, non-empty) or removes the command list of a breakpoint. */
int hdb_bp_set_commands(struct hdb_bptable *t, int number, const char *text);
/* The first enabled breakpoint with a location at addr, or NULL. */
struct hdb_breakpoint *hdb_bp_at(struct hdb_bptable *t, uint64_t addr);
/* The same, dprintfs left out: the breakpoint that stops the program there. */
struct hdb_breakpoint *hdb_bp_stop_at(struct hdb_bptable *t, uint64_t addr);

#endif

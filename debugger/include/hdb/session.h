/*
 * hdb/session.h: one debugging session: a program file, maybe a process,
 * the breakpoints, the threads and the selected frame.
 *
 * The session is the core's centre. It owns the indexes built from the
 * image (line table, functions and variables), talks to the process only
 * through struct hdb_target and to the system only through struct
 * hdb_platform. Run-control calls (runctl.c) resume the process and
 * return one struct hdb_event describing why it stopped, which the user
 * interface turns into text.
 */
#ifndef HDB_SESSION_H
#define HDB_SESSION_H

#include <stdbool.h>
#include <stdint.h>

#include <dwarf/cfi.h>
#include <dwarf/dwarf.h>
#include <hdb/breakpoints.h>
#include <hdb/dinfo.h>
#include <hdb/image.h>
#include <hdb/lines.h>
#include <hdb/platform.h>
#include <hdb/signals.h>
#include <hdb/target.h>

#define HDB_MAX_THREADS 256
#define HDB_MAX_INTERNAL_BPS 4
#define HDB_MAX_FRAMES 256

enum hdb_event_kind {
    HDB_EV_BREAKPOINT,     /* a user breakpoint: bp_number */
    HDB_EV_STEPPED,        /* a step, next, stepi, nexti or until finished */
    HDB_EV_FINISHED,       /* finish returned to the caller */
    HDB_EV_SIGNAL,         /* the program received a signal the policy stops for */
    HDB_EV_EXITED,         /* exit_code */
    HDB_EV_KILLED,         /* killed by signal */
    HDB_EV_EXEC,           /* the process executed a new program; the UI reloads and resumes */
    HDB_EV_WATCH,          /* a watchpoint (bp_number) saw old_value become new_value */
    HDB_EV_WATCH_SCOPE,    /* watchpoint bp_number was deleted: its local's frame returned */
    HDB_EV_SOLIB_UNLOADED, /* (notify) library solib, which had breakpoints, went away */
    HDB_EV_CALL_DONE,      /* a call from an expression that had stopped returned: the state
                              before it is back, and gdb says nothing (value/call.c) */
    HDB_EV_SYSCALL,        /* catchpoint bp_number: system call syscall entered or returned */
};

struct hdb_event {
    enum hdb_event_kind kind;
    int bp_number;
    bool bp_temporary;
    int signal;
    int exit_code;
    int64_t tid;
    uint64_t pc;                   /* runtime address */
    bool frame_changed;            /* stepping arrived in another function: print the frame line */
    uint64_t old_value, new_value; /* WATCH */
    int scope_bps[4], nscope_bps;  /* WATCH_SCOPE: every watchpoint of the frame that returned */
    const char *solib;             /* SOLIB_UNLOADED: its path, for the call only */
    bool cond_call_stopped; /* BREAKPOINT: its condition called a function that stopped first */
    long syscall;           /* SYSCALL: its number */
    bool syscall_return;    /* SYSCALL: at its return, not its entry */
};

/* A frame found by the unwinder; addresses are runtime addresses. */
struct hdb_frame {
    uint64_t pc;  /* for frames above 0: the return address */
    uint64_t cfa; /* the caller's stack pointer: where the return address sits plus 8 */
    uint64_t fp;  /* rbp in this frame */
    uint64_t sp;
    /* Registers known in this frame, in DWARF numbering (0-16; psABI Figure 3.36). */
    uint64_t dwreg[17];
    uint32_t dwvalid;
    /*
     * A call inlined at pc (DWARF5 3.3.8.2) is a frame of its own, with the
     * registers of the code it is part of. scope_die: the
     * DW_TAG_inlined_subroutine whose name and variables the frame shows
     * (0: the function's own). call_line (and call_file, of the function's
     * unit's line program): the frame's callee is inlined into it, called
     * there; that is its line, shown without an address. exact_pc: pc is
     * where the frame executes (the innermost frames, and the frame a call
     * from an expression was made in, which stopped there), not a return
     * address. dummy: where the debugger called a function that has not
     * returned (gdb's "<function called from gdb>").
     *
     * tailcall: a function that left the stack by jumping to the callee
     * below it (tailcall.c; gdb's "tail call frame"): pc is the return
     * address of its jump, cfa the CFA of the real frame below, the
     * registers the caller's (as gdb has them).
     * scope_die then names the inlined call the jump was in, if any, which
     * names the frame; it is no frame of its own.
     */
    uint64_t scope_die;
    uint64_t call_file;
    uint32_t call_line;
    bool exact_pc, dummy, tailcall;
};

/*
 * The frame that a return from frames[level] goes back to: past the
 * calls inlined where it is (they share its pc and CFA) and the frames of
 * functions that tail-called (gdb's skip_tailcall_frames); n when none.
 */
int hdb_frame_return_to(const struct hdb_frame *frames, int n, int level);

#define HDB_MAX_INLINE 16

/*
 * Another program whose code some threads run: on a kernel target, the
 * user tasks' programs (added with add-symbol-file, matched to a task by
 * reading the build-id note through that task's address space). One
 * program's indexes are the session's own (img, dw, lines, dinfo, cfi):
 * the active one, chosen for the current thread by
 * hdb_session_follow_thread(); the others wait here.
 */
struct hdb_objfile {
    const struct hdb_image *img;
    char *path;
    struct dwarf dw;
    struct hdb_lines lines;
    struct hdb_dinfo dinfo;
    uint64_t bias;
};

/* A shared library mapped into the process, found through the dynamic loader's r_debug. */
struct hdb_module {
    const struct hdb_image *img;
    char *path;
    uint64_t bias;   /* l_addr: runtime = link-time + bias */
    uint64_t l_name; /* where its link_map's l_name points: a known entry is not read again */
    uint64_t lo, hi; /* runtime span of its allocated sections */
    struct dwarf_cfi cfi;
    struct dwarf_cfi_index cfi_index;
    bool have_cfi, have_cfi_index, seen;
    /*
     * Its DWARF indexes (modsym.c), built when a pc in it or a name lookup
     * first needs them (have_sym); empty when it has no DWARF.
     */
    bool have_sym;
    struct hdb_objfile sym;
};

#define HDB_MAX_MODULES 64

#define HDB_MAX_OBJFILES 16
#define HDB_OBJ_CACHE 64

/* The program's PLT slots and the symbols they are for (plt.c), built when first asked. */
struct hdb_plt {
    struct hdb_plt_slot {
        uint64_t slot; /* link-time address of the GOT slot the stub jumps through */
        char *name;    /* "puts@plt" */
        size_t name_size;
    } * slots;
    size_t n, cap;
    bool built;
};

struct hdb_thread_entry {
    int64_t tid;
    int num; /* gdb's thread number: 1, 2, ... in order of appearance */
};

struct hdb_session {
    const struct hdb_platform *plat;
    struct hdb_target *target;
    /*
     * A warning the core leaves for the command line to show before the
     * command's own output (gdb's "warning: ..."), empty when none.
     */
    char warning[128];
    bool print_pretty; /* set print pretty: structs one member a line, indented */
    /* set print elements: string chars or array elements printed at most (0: unlimited) */
    unsigned print_elements;

    const struct hdb_image *img; /* NULL until a file is loaded */
    struct dwarf dw;
    struct hdb_lines lines;
    struct hdb_dinfo dinfo;
    char *prog_path; /* absolute path of the program */

    int64_t pid; /* 0: no process */
    bool attached;
    uint64_t bias; /* runtime = link-time + bias */

    struct hdb_bptable bps;
    uint64_t *planted; /* runtime addresses planted in the target */
    size_t nplanted, cap_planted;
    uint64_t internal[HDB_MAX_INTERNAL_BPS]; /* runtime addresses of run-control breakpoints */
    int ninternal;
    struct {
        uint64_t addr;
        unsigned len;
        int kind;
    } wplanted[4]; /* watchpoints set in the target */
    int nwplanted;

    struct hdb_thread_entry threads[HDB_MAX_THREADS];
    int nthreads, next_thread_num;
    int64_t cur_tid;
    int pending_signal; /* GDB signal to deliver on the next resume */

    /* Shared libraries (solib.c), loaded through loader; NULL loader: none are read. */
    const struct hdb_loader *loader;
    struct hdb_module mods[HDB_MAX_MODULES];
    int nmods;
    uint64_t r_debug; /* the dynamic loader's struct r_debug, once DT_DEBUG holds it (0: not yet) */
    /* Where the dynamic loader calls _dl_debug_state at each change of its list (0: unknown). */
    uint64_t solib_bp;
    /* 1 + the module whose indexes the session's fields hold (0: the program's or objs[]'s). */
    int active_mod;
    /*
     * Functions known to have no inlined calls (stack.c), by their file's
     * .debug_info and DIE: a breakpoint's frame is not walked at each hit.
     * Emptied when files come or go.
     */
    struct {
        const uint8_t *info;
        uint64_t die;
    } no_inline[16];
    int nno_inline;
    struct hdb_plt plt;
    struct hdb_valstore *values; /* the value history and convenience variables (value/history.c) */
    /* A kept value's file made active for the command using it (hdb_session_use_image). */
    bool file_lent;
    int lent_from;              /* what activate_module goes back to */
    struct hdb_infcalls *calls; /* calls from expressions that have not returned (value/call.c) */

    /* objs[0] keeps the program while another file is active; 1.. the added files (objfile.c). */
    struct hdb_objfile objs[HDB_MAX_OBJFILES];
    int nobjs, active_obj;
    struct {
        int64_t tid;
        int obj; /* 0: none matched (the program) */
    } obj_of_thread[HDB_OBJ_CACHE];
    int nobj_of_thread;
    /* Units of the active file known to follow gdb's "locations valid" rule (session.c). */
    struct {
        uint64_t unit;
        bool valid;
    } locvalid[16];
    int nlocvalid;

    /* The program's .eh_frame at its runtime address, and its FDE index (stack.c). */
    struct dwarf_cfi cfi;
    struct dwarf_cfi_index cfi_index;
    bool have_cfi, have_cfi_index;

    int frame; /* the selected frame number */
    struct hdb_signal_handling policy[HDB_SIG_COUNT];
    /*
     * Events that are reported without stopping (a signal set to `print
     * nostop`); the user interface says what happened. May be NULL.
     */
    void (*notify)(void *ctx, const struct hdb_event *ev);
    void *notify_ctx;
    /*
     * A dprintf was reached (its condition true, its ignore count used up):
     * the user interface runs its commands there, and the program goes on
     * (notify_ctx is ctx). May be NULL.
     */
    void (*dprintf)(void *ctx, const struct hdb_breakpoint *b);
    /*
     * The command list of the temporary breakpoint the last stop deleted
     * (owned; the user interface may take it and set this NULL).
     */
    char *stop_commands;
};

void hdb_session_init(struct hdb_session *s, const struct hdb_platform *plat,
                      struct hdb_target *target);
void hdb_session_fini(struct hdb_session *s);
/* A DWARF reader over img's sections with the session's allocator. */
int hdb_session_dwarf_init(const struct hdb_session *s, struct dwarf *dw,
                           const struct hdb_image *img);
/* Builds the indexes of an image loaded by the caller (who keeps it alive). */
int hdb_session_set_image(struct hdb_session *s, const struct hdb_image *img, const char *path);

/*
 * Adds a program some threads run (objfile.c); its indexes are built now.
 * Kernel targets: the user tasks' ELF files.
 */
int hdb_session_add_objfile(struct hdb_session *s, const struct hdb_image *img, const char *path);
/* Makes the file the current thread runs (at its pc) the active one. */
void hdb_session_follow_thread(struct hdb_session *s);
/* The same for a pc the caller has read (a stop's): a library's with DWARF, else the program's. */
void hdb_session_follow_pc(struct hdb_session *s, uint64_t pc);
/*
 * Makes the file holding runtime address pc the active one (its DWARF read
 * first if it is a library's); the program's when no library with DWARF
 * holds it. activate_module(s, -1) makes the program (objs[active_obj]) active again.
 */
void hdb_session_activate_pc(struct hdb_session *s, uint64_t pc);
void hdb_session_activate_module(struct hdb_session *s, int m);
/* activate_pc for a while: returns what to give activate_module to go back. */
int hdb_session_enter_pc(struct hdb_session *s, uint64_t pc);
/*
 * A value's DWARF (unit, type) belong to the file that was active when it
 * was made: kept values (history, convenience variables) and watchpoints
 * remember that file's image. enter_image makes it the active file again
 * (the program, or a loaded library); it returns what to give
 * activate_module to go back. use_image does so until return_file, which
 * the command line calls after each command.
 */
int hdb_session_enter_image(struct hdb_session *s, const struct hdb_image *img);
void hdb_session_use_image(struct hdb_session *s, const struct hdb_image *img);
void hdb_session_return_file(struct hdb_session *s);
/* Reads and indexes module k's DWARF if not done yet (empty indexes when it has none). */
void hdb_session_module_symbols(struct hdb_session *s, int k);
void hdb_session_module_symbols_free(struct hdb_session *s, int k);

/* A symbol file's indexes, wherever they are kept (NULL dw, lines, dinfo: not read). */
struct hdb_symview {
    const struct hdb_image *img;
    const char *path;
    const struct dwarf *dw;
    const struct hdb_lines *lines;
    const struct hdb_dinfo *dinfo;
    uint64_t bias;
    const struct hdb_module *mod; /* NULL: the program (or an added file) */
};
/* The file holding runtime address pc (the active one, the program, a library); false: none. */
bool hdb_session_symview_at(const struct hdb_session *s, uint64_t pc, struct hdb_symview *v);
/* The program's indexes, whichever file is active. */
void hdb_session_program_view(const struct hdb_session *s, struct hdb_symview *v);
/* Is runtime address pc inside one of img's allocated sections, moved by bias? */
bool hdb_image_contains(const struct hdb_image *img, uint64_t bias, uint64_t pc);

/*
 * Breakpoint locations (hdb_breakpoint.locs) are runtime addresses minus
 * the program's load bias: the program's link-time addresses for its own
 * code, whichever file is active; a library's code is at its runtime
 * address minus that bias.
 */
uint64_t hdb_session_prog_bias(const struct hdb_session *s);
uint64_t hdb_session_bp_runtime(const struct hdb_session *s, uint64_t loc);
uint64_t hdb_session_bp_loc(const struct hdb_session *s, uint64_t runtime);
/* A breakpoint location as a link-time address of the active file (its s->lines, s->dinfo). */
uint64_t hdb_session_bp_link(const struct hdb_session *s, uint64_t loc);
/*
 * Does some thread run file k? (The program: always. Before any thread
 * runs an added file, each may: nothing tells them apart yet.)
 */
bool hdb_session_objfile_in_use(struct hdb_session *s, int k);
/* Frees the added files, the program active again. */
void hdb_session_drop_objfiles(struct hdb_session *s);
/* Makes file k (0: the program) active. */
void hdb_session_activate_objfile(struct hdb_session *s, int k);
/* The function at addr in the file thread tid runs (the program's, or an added file's). */
const char *hdb_session_thread_symbol(struct hdb_session *s, int64_t tid, uint64_t addr,
                                      uint64_t *start);
/* The line of a breakpoint location in any of the files; *lines: the table it is in. */
int hdb_session_find_line(const struct hdb_session *s, uint64_t addr, struct hdb_line_loc *loc,
                          const struct hdb_lines **lines);

/* Starts the program (argv[0] included), stopped before its first instruction. */
int hdb_session_start(struct hdb_session *s, char *const argv[]);
int hdb_session_attach(struct hdb_session *s, int64_t pid);
int hdb_session_detach(struct hdb_session *s);
int hdb_session_kill(struct hdb_session *s);
/*
 * After an exec: the new program's image (loaded by the caller), its load
 * bias, call frame information and libraries; breakpoints are resolved
 * again from what the user typed, and those that no longer resolve are
 * disabled. Returns how many were disabled.
 */
int hdb_session_exec_reload(struct hdb_session *s, const struct hdb_image *img, const char *path);
/* The process is gone (exit, kill): drop its threads, planted breakpoints, frame (not its
 * libraries). */
void hdb_session_forget_process(struct hdb_session *s);

/* Registers of the current thread (of the selected frame when frame > 0: pc, sp, fp only). */
int hdb_session_regs(struct hdb_session *s, struct hdb_regs *regs);
/* Writes the process's memory (the file is never written); returns bytes written. */
int hdb_session_write(struct hdb_session *s, uint64_t addr, const void *buf, size_t len);
/* Memory at a runtime address: the process's, or the file's before a run. Returns bytes read. */
int hdb_session_read(struct hdb_session *s, uint64_t addr, void *buf, size_t len);
/* Reads an image's own bytes at a link-time address (its allocated sections); count or HDB_E_IO. */
int hdb_image_read(const struct hdb_image *img, uint64_t addr, void *buf, size_t len);

/* Link-time <-> runtime. */
uint64_t hdb_session_to_runtime(const struct hdb_session *s, uint64_t link);
uint64_t hdb_session_to_link(const struct hdb_session *s, uint64_t runtime);

/*
 * Reads the dynamic loader's list of shared objects (System V gABI
 * "Dynamic Section", DT_DEBUG -> struct r_debug -> link_map chain) and
 * loads, keeps or drops modules to match it.
 */
bool hdb_session_refresh_solibs(struct hdb_session *s);
/*
 * Forgets the libraries (kept after the process ends, as gdb keeps them
 * until asked or until the next run): breakpoints in them wait for them
 * again; with tell, each library that had some is reported
 * (HDB_EV_SOLIB_UNLOADED, gdb's warning).
 */
void hdb_session_drop_solibs(struct hdb_session *s, bool tell);
/* Finds where the dynamic loader reports changes to its list (solib_bp), for a new process. */
void hdb_session_solib_hook(struct hdb_session *s);
/* The process stopped at solib_bp: libraries read again, breakpoints set anew if they changed. */
void hdb_session_solib_event(struct hdb_session *s);
/*
 * Resolves breakpoints again from what the user typed: those that wait for
 * a library (pending) or are in one (or in a PLT stub, until its library
 * comes), or, all, every one (after an exec). One that no longer resolves
 * waits again if it was in a library, else is disabled; returns how many
 * were disabled.
 */
int hdb_session_reset_bps(struct hdb_session *s, bool all);
/* The shared library containing a runtime address, or NULL. */
const struct hdb_module *hdb_session_module_at(const struct hdb_session *s, uint64_t addr);

/* "name@plt" for the GOT slot (link-time) a PLT stub of the program jumps through, or NULL. */
const char *hdb_session_plt_name(struct hdb_session *s, uint64_t slot);
/* The program's PLT stub for function name (a breakpoint location), as gdb's `name@plt`. */
int hdb_session_plt_stub(struct hdb_session *s, const char *name, uint64_t *loc);
/* "name@plt" when runtime address addr is in one of the program's PLT stubs (*start: the stub). */
const char *hdb_session_plt_stub_at(struct hdb_session *s, uint64_t addr, uint64_t *start);
void hdb_session_plt_free(struct hdb_session *s);

/* The function containing a runtime address: name and start (runtime), from DWARF or ELF. */
const char *hdb_session_func_at(const struct hdb_session *s, uint64_t pc, uint64_t *start);
/* The function or object containing a runtime address, in the program or a library. */
const char *hdb_session_symbol_at(const struct hdb_session *s, uint64_t addr, uint64_t *start);
/* Where a function's breakpoint goes: after its prologue (link-time address). */
int hdb_session_func_bp_addr(struct hdb_session *s, uint64_t func_lo, uint64_t func_hi,
                             uint64_t *addr);

/* Resolves a breakpoint spec (function, file:line, line, *address) to breakpoint locations. */
int hdb_session_resolve(struct hdb_session *s, const char *spec, uint64_t *addrs, int max);
/* The function called name in the first library that has it (the dynamic linker's order). */
int hdb_session_resolve_in_libraries(struct hdb_session *s, const char *name, uint64_t *loc);
/* Hands the signal policy to the target (after `handle`). */
void hdb_session_apply_policy(struct hdb_session *s);
/* Plants or lifts target breakpoints so that they match the table and the internal ones. */
int hdb_session_sync_bps(struct hdb_session *s);

/* The thread table after a stop: new tids get the next number, gone ones are dropped. */
void hdb_session_refresh_threads(struct hdb_session *s);
int hdb_session_thread_num(const struct hdb_session *s, int64_t tid);

/* Sets up (at a new load bias) and drops the call frame information (stack.c). */
void hdb_session_cfi_setup(struct hdb_session *s);
void hdb_session_cfi_drop(struct hdb_session *s);
/*
 * Stack frames of the current thread, innermost first; returns the count.
 * dwarf/'s CFI unwinder where the program has an FDE for the pc, the
 * frame-pointer chain elsewhere (code without CFI, such as libraries
 * whose tables are not loaded yet).
 */
int hdb_session_backtrace(struct hdb_session *s, struct hdb_frame *frames, int max);
/*
 * return: pops the frames up to and including level, without running the
 * program: the thread gets the registers of the frame at level + 1 as
 * the unwinder knows them. HDB_E_NO_FRAME for the outermost frame,
 * HDB_E_INLINED for a call inlined into its caller (it has no frame of
 * its own to pop), HDB_E_NOTSUP next to a call made from an expression.
 */
int hdb_session_pop_frame(struct hdb_session *s, int level);
/*
 * The selected frame (s->frame), unwinding no further than it: a condition
 * evaluated at each hit costs one frame, not the whole stack.
 * HDB_E_NO_PROCESS, HDB_E_NO_FRAME when the stack is shallower now.
 */
int hdb_session_selected_frame(struct hdb_session *s, struct hdb_frame *frame);
/* The frame that called frame f's function (past the calls inlined where f is). */
int hdb_session_caller_frame(struct hdb_session *s, const struct hdb_frame *f,
                             struct hdb_frame *caller);

/* Run control (runctl.c). */
int hdb_session_continue(struct hdb_session *s, struct hdb_event *ev);
/* Source-line step; over: do not enter called functions (next). */
int hdb_session_step_line(struct hdb_session *s, bool over, struct hdb_event *ev);
/* One instruction; over: run called functions to their return (nexti). */
int hdb_session_step_insn(struct hdb_session *s, bool over, struct hdb_event *ev);
/*
 * until: like next, but never stops back at an earlier address of the
 * same frame (so it leaves loops). advance/until LOCATION: runs to the
 * breakpoint location loc (hdb_session_bp_loc), or until the current
 * frame returns.
 */
int hdb_session_until(struct hdb_session *s, struct hdb_event *ev);
int hdb_session_advance(struct hdb_session *s, uint64_t loc, struct hdb_event *ev);
/* Runs until the selected frame returns; *ret_frame receives that frame. */
int hdb_session_finish(struct hdb_session *s, struct hdb_event *ev, struct hdb_frame *out_frame);
/*
 * For a call the debugger makes (value/call.c): runs until the current
 * thread reaches ret with the stack pointer at least min_sp (*returned),
 * or an event stops it first; run control's own breakpoints stay as they
 * were, so a condition may call a function.
 */
int hdb_session_run_call(struct hdb_session *s, uint64_t ret, uint64_t min_sp, bool *returned,
                         struct hdb_event *ev);

#endif

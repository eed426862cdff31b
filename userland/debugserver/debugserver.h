/*
 * The user-space debug server (`debug-server` on the kernel command
 * line): the root task loads one target program into a VSpace of its own
 * and debugs it for gdb over COM3, using only the target's Task capability
 * and its debug rights (helios/debug.h), never the kernel's GDB stub. The
 * GDB remote protocol is gdbstub/'s engine; this folder supplies its
 * target operations (target_ops.c), the loader (load.c) and the loop that
 * joins the UART, the engine and the debug events (server.c).
 */
#ifndef DEBUGSERVER_H
#define DEBUGSERVER_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <gdbstub/gdbstub.h>
#include <hl/alloc.h>
#include <hl/debug.h>
#include <hl/uart16550.h>

#define DS_TID 1 /* the target is gdb's only thread */
#define DS_MAX_SW_BPS 64
#define DS_HW_SLOTS 4

struct ds_sw_bp {
    uint64_t addr;
    uint8_t orig;
    bool used;
};

struct ds_hw_bp {
    uint64_t addr;
    unsigned type; /* enum gdbstub_bp_type */
    unsigned len;
    bool used;
};

struct ds {
    uint32_t task;     /* the target's Task capability (every debug right) */
    uint32_t endpoint; /* its debug endpoint: events arrive here */
    struct hl_uart uart;
    struct gdbstub gs;
    struct hl_debug_regs regs; /* the stopped target's registers */
    bool regs_valid;
    bool running; /* resumed and not yet stopped */
    bool exited;
    bool fault_pending;            /* stopped in a fault: a signal resumes with PASS_FAULT */
    struct hl_debug_event pending; /* taken while stepping over a breakpoint */
    bool has_pending;
    bool uart_pending; /* the UART signalled while an event was awaited */
    struct ds_sw_bp sw[DS_MAX_SW_BPS];
    struct ds_hw_bp hw[DS_HW_SLOTS];
};

/* An ELF64 image loaded as a task of its own. */
struct ds_loaded {
    uint32_t task, cspace, vspace;
    uint64_t entry;
    uint64_t stack_top;
};

/* Loads the static ELF64 executable image[0..size) into a fresh VSpace
 * (objects from a) and makes a task that will start at its entry, left
 * INACTIVE. scratch: a page of the caller's VSpace, unused, to copy
 * through. Errors: E_INVALID_ARG (not a usable ELF), the kernel's. */
int ds_load(struct hl_alloc *a, uint32_t own_vspace, uint64_t scratch, const uint8_t *image,
            size_t size, struct ds_loaded *out);

extern const struct gdbstub_target_ops ds_target_ops;

/* Target state the ops share with the loop (target_ops.c). */
int ds_fetch_regs(struct ds *ds);
/* Software breakpoint at addr? (one we inserted) */
struct ds_sw_bp *ds_sw_bp_at(struct ds *ds, uint64_t addr);
/* Runs the target again as gdb asked: step or continue; with step over an
 * inserted software breakpoint first when rip is on one. */
int ds_run(struct ds *ds, bool step, bool pass_fault);
/* Waits for the next debug event (used while stepping over a breakpoint);
 * UART bytes that come meanwhile stay in the UART for the loop. */
int ds_wait_event(struct ds *ds, struct hl_debug_event *ev);

#endif

/*
 * Evaluating DWARF expressions (DWARF5 2.5, 2.6): the DW_OP stack machine
 * and the location it describes, over caller-supplied accessors for
 * registers, memory and the frame. Decoding is <dwarf/expr.h>'s.
 *
 * Values have types (DWARF5 2.5.1.6). The generic type is address-sized:
 * values wrap at the address size, comparisons and DW_OP_div are signed,
 * DW_OP_mod and the shifts unsigned. DW_OP_const_type, regval_type,
 * deref_type, convert and reinterpret (and their GNU forms) make values of
 * a base type of the unit (ev->unit) up to 8 bytes: they wrap at its size,
 * and its signedness decides comparisons, div, mod (floored, as gdb) and
 * shra; the two operands of a binary operation must have the same type
 * (else DWARF_E_EXPR). Floating-point values keep their bits (stack_value,
 * reinterpret), but arithmetic and conversions on them, and types wider
 * than 8 bytes, are DWARF_E_UNAVAILABLE (the library has no FPU in the
 * kernel). DW_OP_call2/call4/call_ref run the DW_AT_location expression of
 * the DIE they name on the same stack (a DIE without one does nothing; a
 * location list is DWARF_E_UNAVAILABLE), DWARF_EVAL_CALLS deep.
 *
 * It is bounded: at most DWARF_EVAL_STACK values, DWARF_EVAL_PIECES
 * pieces, and a step budget (branches and calls can loop), each reported
 * as DWARF_E_LIMIT. What this reader cannot compute is reported, not
 * guessed: DW_OP_entry_value without the caller's help (the registers at
 * entry are gone; a debugger finds them at the call site, ops->entry_value),
 * multiple address spaces (xderef), parameter_ref and variable_value give
 * DWARF_E_UNAVAILABLE.
 */
#ifndef DWARF_EVAL_H
#define DWARF_EVAL_H

#include <dwarf/dwarf.h>

#define DWARF_EVAL_STACK 64
#define DWARF_EVAL_PIECES 16
#define DWARF_EVAL_DEFAULT_STEPS 10000
#define DWARF_EVAL_CALLS 8 /* DW_OP_call2/4/call_ref nested this deep */

/*
 * Accessors; any may be NULL (the operations needing it then give
 * DWARF_E_UNAVAILABLE). Each returns 0 or a negative code, passed through.
 */
struct dwarf_eval_ops {
    int (*read_reg)(void *ctx, unsigned reg, uint64_t *value);
    int (*read_mem)(void *ctx, uint64_t addr, void *buf, uint64_t len); /* little-endian */
    int (*frame_base)(void *ctx, uint64_t *value);                      /* DW_OP_fbreg */
    int (*call_frame_cfa)(void *ctx, uint64_t *value);                  /* DW_OP_call_frame_cfa */
    int (*tls_address)(void *ctx, uint64_t offset, uint64_t *addr);     /* form_tls_address */
    int (*object_address)(void *ctx, uint64_t *addr); /* DW_OP_push_object_address */
    /* DW_OP_entry_value: the value expr (its operand) had on entry to the function. */
    int (*entry_value)(void *ctx, const uint8_t *expr, uint64_t len, uint64_t *value);
    /*
     * DW_OP_addr and DW_OP_addrx: where the link-time address is in the
     * running program (a PIE's or a shared library's load bias added);
     * NULL: as the file has it.
     */
    uint64_t (*relocate)(void *ctx, uint64_t addr);
    void *ctx;
};

struct dwarf_eval {
    const struct dwarf_eval_ops *ops;
    const struct dwarf_unit *unit; /* sizes, version, .debug_addr, base types, DIE calls */
    uint64_t max_steps;            /* 0: DWARF_EVAL_DEFAULT_STEPS */
    uint64_t initial[2];           /* pushed before the first operation (CFI pushes the CFA) */
    unsigned ninitial;
};

enum dwarf_loc_kind {
    DWARF_LOC_EMPTY,            /* no location: the object is optimized out (DWARF5 2.6.1.1.1) */
    DWARF_LOC_MEMORY,           /* at address value */
    DWARF_LOC_REGISTER,         /* in register value */
    DWARF_LOC_VALUE,            /* DW_OP_stack_value: value is the object's value */
    DWARF_LOC_IMPLICIT,         /* DW_OP_implicit_value: bytes/len are the value */
    DWARF_LOC_IMPLICIT_POINTER, /* points into the object of DIE die_offset, + ptr_offset */
};

struct dwarf_loc_piece {
    uint8_t kind; /* enum dwarf_loc_kind */
    uint64_t value;
    const uint8_t *bytes; /* DWARF_LOC_IMPLICIT */
    uint64_t len;
    uint64_t die_offset; /* DWARF_LOC_IMPLICIT_POINTER: .debug_info offset (or unit's) */
    int64_t ptr_offset;
    bool is_piece; /* from DW_OP_piece/bit_piece; false: the whole object */
    uint64_t size_bits, bit_offset;
};

struct dwarf_location {
    struct dwarf_loc_piece piece[DWARF_EVAL_PIECES];
    unsigned npieces;
};

/* Evaluates a location description: 0 with *loc filled, or an error. */
int dwarf_eval_location(const struct dwarf_eval *ev, const uint8_t *expr, uint64_t len,
                        struct dwarf_location *loc);
/*
 * Evaluates a DWARF expression for its value (DWARF5 2.5: DW_AT_frame_base
 * of a memory form, CFI expressions, array bounds): the top of the stack.
 * A register or stack_value location yields its value through read_reg.
 */
int dwarf_eval_value(const struct dwarf_eval *ev, const uint8_t *expr, uint64_t len,
                     uint64_t *value);

#endif

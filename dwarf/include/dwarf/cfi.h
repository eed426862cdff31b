/*
 * Call frame information (DWARF5 6.4, 7.24) from .debug_frame and from the
 * .eh_frame variant that the x86_64 psABI and the LSB define (augmentation
 * strings, DW_EH_PE_* pointer encodings, .eh_frame_hdr), and an unwinder
 * over caller-supplied register and memory readers.
 *
 * Layers, each usable alone:
 *   entries  dwarf_cfi_entry_at walks CIEs and FDEs in place;
 *   rows     dwarf_cfa_rows_* runs an FDE's CFA program and hands out
 *            each row of the table (DWARF5 6.4.1), dwarf_cfa_row_for_pc
 *            the row for one address;
 *   lookup   dwarf_cfi_find_fde by a sorted index built with the caller's
 *            allocator, by .eh_frame_hdr's binary-search table, or by a
 *            linear scan;
 *   unwind   dwarf_unwind_step turns one frame's registers into its
 *            caller's (unwind.c).
 *
 * Register numbers are DWARF numbers (x86_64 psABI Figure 3.36: 0-15 the
 * general registers, 16 the return address). Rules are kept for registers
 * 0 .. DWARF_CFI_NREGS-1; a rule for a higher register is read and
 * dropped, and asking for one is DWARF_E_LIMIT.
 */
#ifndef DWARF_CFI_H
#define DWARF_CFI_H

#include <dwarf/dwarf.h>

/* DWARF5 7.24, Table 7.29 (the three high-bit ops carry their operand in the low 6 bits). */
enum dwarf_cfa_op {
    DW_CFA_advance_loc = 0x40,
    DW_CFA_offset = 0x80,
    DW_CFA_restore = 0xc0,
    DW_CFA_nop = 0x00,
    DW_CFA_set_loc = 0x01,
    DW_CFA_advance_loc1 = 0x02,
    DW_CFA_advance_loc2 = 0x03,
    DW_CFA_advance_loc4 = 0x04,
    DW_CFA_offset_extended = 0x05,
    DW_CFA_restore_extended = 0x06,
    DW_CFA_undefined = 0x07,
    DW_CFA_same_value = 0x08,
    DW_CFA_register = 0x09,
    DW_CFA_remember_state = 0x0a,
    DW_CFA_restore_state = 0x0b,
    DW_CFA_def_cfa = 0x0c,
    DW_CFA_def_cfa_register = 0x0d,
    DW_CFA_def_cfa_offset = 0x0e,
    DW_CFA_def_cfa_expression = 0x0f,
    DW_CFA_expression = 0x10,
    DW_CFA_offset_extended_sf = 0x11,
    DW_CFA_def_cfa_sf = 0x12,
    DW_CFA_def_cfa_offset_sf = 0x13,
    DW_CFA_val_offset = 0x14,
    DW_CFA_val_offset_sf = 0x15,
    DW_CFA_val_expression = 0x16,
    DW_CFA_MIPS_advance_loc8 = 0x1d,
    DW_CFA_GNU_window_save = 0x2d,
    DW_CFA_GNU_args_size = 0x2e,
    DW_CFA_GNU_negative_offset_extended = 0x2f,
};

/* LSB 5.0 "DWARF Exception Header Encoding": format in the low nibble, application above. */
enum dwarf_eh_pe {
    DW_EH_PE_absptr = 0x00,
    DW_EH_PE_uleb128 = 0x01,
    DW_EH_PE_udata2 = 0x02,
    DW_EH_PE_udata4 = 0x03,
    DW_EH_PE_udata8 = 0x04,
    DW_EH_PE_sleb128 = 0x09,
    DW_EH_PE_sdata2 = 0x0a,
    DW_EH_PE_sdata4 = 0x0b,
    DW_EH_PE_sdata8 = 0x0c,
    DW_EH_PE_pcrel = 0x10,
    DW_EH_PE_textrel = 0x20,
    DW_EH_PE_datarel = 0x30,
    DW_EH_PE_funcrel = 0x40,
    DW_EH_PE_aligned = 0x50,
    DW_EH_PE_indirect = 0x80,
    DW_EH_PE_omit = 0xff,
};

#define DWARF_CFI_NREGS 33      /* x86_64: the 16 general registers, RA (16), xmm0-15 */
#define DWARF_CFI_STACK_DEPTH 8 /* DW_CFA_remember_state nesting */

/*
 * One frame-description section. vaddr is where the section is loaded
 * (pcrel pointers are relative to it); text_base and data_base serve the
 * textrel/datarel encodings (data_base is .eh_frame_hdr's address for its
 * table, or the GOT on i386; 0 when unknown).
 */
struct dwarf_cfi {
    struct dwarf_section sec;
    uint64_t vaddr;
    bool is_eh; /* .eh_frame rules (CIE id 0, relative CIE pointers, augmentations) */
    uint8_t addr_size;
    uint64_t text_base, data_base;
    struct dwarf_section hdr; /* .eh_frame_hdr, optional */
    uint64_t hdr_vaddr;
};

/* Sets up a reader over .eh_frame (is_eh) or .debug_frame of an 8-byte-address target. */
int dwarf_cfi_init(struct dwarf_cfi *cfi, const uint8_t *data, uint64_t size, uint64_t vaddr,
                   bool is_eh);
/* Adds .eh_frame_hdr (LSB 5.0), used by dwarf_cfi_find_fde when no index is given. */
int dwarf_cfi_set_hdr(struct dwarf_cfi *cfi, const uint8_t *data, uint64_t size, uint64_t vaddr);

/* A Common Information Entry (DWARF5 6.4.1, LSB .eh_frame). */
struct dwarf_cie {
    uint64_t offset, end; /* section offsets of the entry and just past it */
    uint64_t length;
    uint8_t offset_size;
    uint8_t version;
    const char *augmentation; /* in the section */
    uint8_t addr_size, seg_size;
    uint64_t code_align;
    int64_t data_align;
    uint64_t ra_reg;
    bool has_z, signal_frame;
    uint8_t fde_enc, lsda_enc, personality_enc; /* DW_EH_PE_*; omit when absent */
    uint64_t personality; /* decoded; the address of the pointer if indirect */
    uint64_t insns, insns_end;
};

/* A Frame Description Entry and the CIE it names. */
struct dwarf_fde {
    uint64_t offset, end;
    uint64_t length;
    uint64_t cie_offset;
    uint64_t pc_begin, pc_end;
    bool has_lsda;
    uint64_t lsda;
    uint64_t insns, insns_end;
    struct dwarf_cie cie;
};

struct dwarf_cfi_entry {
    bool is_cie;
    struct dwarf_cie cie; /* is_cie */
    struct dwarf_fde fde; /* !is_cie */
    uint64_t next;        /* offset of the next entry */
};

/*
 * The entry at a section offset: 1, 0 at the end (the end of the section,
 * or .eh_frame's zero terminator), or an error. An FDE comes with its CIE.
 */
int dwarf_cfi_entry_at(const struct dwarf_cfi *cfi, uint64_t offset, struct dwarf_cfi_entry *e);
int dwarf_cfi_cie_at(const struct dwarf_cfi *cfi, uint64_t offset, struct dwarf_cie *cie);

/* Register rules (DWARF5 6.4.1). */
enum dwarf_rule_kind {
    DWARF_RULE_UNSET,      /* no rule given: the ABI's default applies */
    DWARF_RULE_UNDEFINED,  /* DW_CFA_undefined: no previous value (the RA rule ends the stack) */
    DWARF_RULE_SAME,       /* same value */
    DWARF_RULE_OFFSET,     /* saved at CFA + offset */
    DWARF_RULE_VAL_OFFSET, /* the value is CFA + offset */
    DWARF_RULE_REGISTER,   /* saved in register reg */
    DWARF_RULE_EXPRESSION, /* saved at the address the expression computes (CFA pushed first) */
    DWARF_RULE_VAL_EXPRESSION, /* the value is what the expression computes */
};

struct dwarf_reg_rule {
    uint8_t kind; /* enum dwarf_rule_kind */
    uint64_t reg;
    int64_t offset;
    const uint8_t *expr;
    uint64_t expr_len;
};

/* The CFA is register + offset, or an expression (DWARF5 6.4.2.2). */
struct dwarf_cfa_rule {
    bool is_expr;
    uint64_t reg;
    int64_t offset;
    const uint8_t *expr;
    uint64_t expr_len;
};

/* One row of the table: rules that hold for pc in [loc, end). */
struct dwarf_cfa_row {
    uint64_t loc, end;
    struct dwarf_cfa_rule cfa;
    struct dwarf_reg_rule reg[DWARF_CFI_NREGS];
    uint64_t args_size; /* DW_CFA_GNU_args_size */
};

/* The CFA program interpreter over one FDE; a few KiB, kept by the caller. */
struct dwarf_cfa_rows {
    const struct dwarf_cfi *cfi;
    struct dwarf_fde fde;
    struct dwarf_cfa_row row, initial;
    struct dwarf_cfa_row stack[DWARF_CFI_STACK_DEPTH];
    unsigned depth;
    uint64_t pos; /* next instruction in the FDE */
    bool done;
};

/* Runs the CIE's initial instructions; the FDE's come with dwarf_cfa_rows_next. */
int dwarf_cfa_rows_init(struct dwarf_cfa_rows *r, const struct dwarf_cfi *cfi,
                        const struct dwarf_fde *fde);
/* Initial rules of a CIE alone (a row with loc = end = 0). */
int dwarf_cfa_cie_row(const struct dwarf_cfi *cfi, const struct dwarf_cie *cie,
                      struct dwarf_cfa_row *row);
/* 1 with the next row (possibly empty: loc == end), 0 after the last, or an error. */
int dwarf_cfa_rows_next(struct dwarf_cfa_rows *r, struct dwarf_cfa_row *row);
/* The row for pc inside the FDE: 0, DWARF_E_NOT_FOUND outside it, or an error. */
int dwarf_cfa_row_for_pc(struct dwarf_cfa_rows *r, const struct dwarf_cfi *cfi,
                         const struct dwarf_fde *fde, uint64_t pc, struct dwarf_cfa_row *row);

/* A sorted pc -> FDE index over one section, built with the reader's caller's allocator. */
struct dwarf_cfi_index_entry {
    uint64_t pc_begin, pc_end, fde_offset;
};
struct dwarf_cfi_index {
    struct dwarf_cfi_index_entry *entry;
    uint64_t count;
    struct dwarf_allocator alloc;
};
int dwarf_cfi_index_build(const struct dwarf_cfi *cfi, const struct dwarf_allocator *alloc,
                          struct dwarf_cfi_index *index);
void dwarf_cfi_index_free(struct dwarf_cfi_index *index);
/*
 * The FDE covering pc: through index when given, else .eh_frame_hdr when
 * set, else a linear scan. 0, DWARF_E_NOT_FOUND, or an error.
 */
int dwarf_cfi_find_fde(const struct dwarf_cfi *cfi, const struct dwarf_cfi_index *index,
                       uint64_t pc, struct dwarf_fde *fde);

/* ---- unwinding ----------------------------------------------------------- */

/*
 * How the unwinder reaches the target: the innermost frame's registers and
 * the target's memory (ptrace, the GDB protocol, debug capabilities). Each
 * returns 0, or a negative code (DWARF_E_UNAVAILABLE when it cannot).
 */
struct dwarf_unwind_ops {
    int (*read_reg)(void *ctx, unsigned reg, uint64_t *value);
    int (*read_mem)(void *ctx, uint64_t addr, void *buf, uint64_t len);
    void *ctx;
};

/* One frame: registers known in it (bit i of valid), its pc and, after a step, its CFA. */
struct dwarf_frame {
    uint64_t reg[DWARF_CFI_NREGS];
    uint64_t valid;
    uint64_t pc;
    uint64_t cfa;   /* of the frame the last step left (the callee's) */
    bool is_signal; /* the frame was interrupted (pc is exact, not a return address) */
    bool innermost;
};

/* The innermost frame: every register read_reg supplies; pc is the RA column (16 on x86_64). */
int dwarf_unwind_begin(const struct dwarf_unwind_ops *ops, struct dwarf_frame *frame);
/*
 * Replaces frame with its caller's using the first of cfi[0..ncfi) that
 * has an FDE for it (index[i] may be NULL). 1 stepped, 0 at the outermost
 * frame (no FDE, or the return address is undefined), or an error.
 */
int dwarf_unwind_step(const struct dwarf_cfi *cfi, const struct dwarf_cfi_index *const *index,
                      unsigned ncfi, const struct dwarf_unwind_ops *ops, struct dwarf_frame *frame);

#endif

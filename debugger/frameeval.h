/*
 * frameeval.h (internal): DWARF expressions evaluated in a stack frame,
 * shared by frameinfo.c (variables) and frameeval.c (the accessors and
 * entry values).
 */
#ifndef HDB_FRAMEEVAL_H
#define HDB_FRAMEEVAL_H

#include <dwarf/eval.h>
#include <hdb/session.h>

/* What an expression sees in frame f: its registers, memory, frame base and CFA. */
struct hdb_frame_eval {
    struct hdb_session *s;
    const struct hdb_frame *f;
    const struct dwarf_die *fn; /* the subprogram, for DW_AT_frame_base */
    uint64_t pc_link;           /* where in the function, for location lists */
    struct dwarf_eval_ops ops;
    int depth;       /* inside DW_AT_frame_base */
    int entry_depth; /* callers asked for entry values, up the stack */
};

void hdb_frame_eval_init(struct hdb_frame_eval *e, struct hdb_session *s, const struct hdb_frame *f,
                         const struct dwarf_die *fn, uint64_t pc_link);
/* Register reg (DWARF numbering) as frame f knows it. */
int hdb_frame_eval_reg(const struct hdb_frame_eval *e, unsigned reg, uint64_t *value);
/* The expression of a location attribute that applies at pc_link (exprloc or list entry). */
bool hdb_location_expr(const struct dwarf_die *d, uint64_t at, uint64_t pc_link,
                       const uint8_t **expr, uint64_t *len);

/* The call site in scope (a function's DIE) whose return address is ret (link-time); 1 found. */
int hdb_call_site_at(const struct dwarf_die *scope, uint64_t ret, struct dwarf_die *out);

#endif

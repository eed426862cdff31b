/*
 * frameeval.c: what a DWARF expression sees in a stack frame: the
 * registers the unwinder recovered, memory, DW_AT_frame_base, the CFA,
 * and entry values.
 *
 * DW_OP_entry_value (DWARF5 2.5.1.7) asks for what a register held when
 * the function was entered; optimized code uses it for parameters whose
 * registers were reused. The callee cannot know: its caller's call site
 * (DW_TAG_call_site, DWARF5 3.4.2) says, for each register carrying an
 * argument, how to compute the value the caller put there
 * (DW_AT_call_value), in the caller's frame. The call site is the one
 * whose return address is the caller frame's pc, and it must be a call to
 * this function (its DW_AT_call_origin names it, or its DW_AT_call_target
 * computes its address): a tail call that no tail-call frame stands for
 * (stack.c) leaves another function's site there. Nor can a function
 * that may tail-call itself (tailcall.c) know its entry values from any
 * caller. gdb finds entry values the same way.
 */
#include <string.h>

#include "frameeval.h"
#include "tailcall.h"
#include <dwarf/lists.h>
#include <hdb/dinfo.h>
#include <hdb/error.h>

/* Entry values of entry values, up the stack, are followed this far. */
#define MAX_ENTRY_DEPTH 4

int hdb_frame_eval_reg(const struct hdb_frame_eval *e, unsigned reg, uint64_t *value)
{
    if (reg > 16 || !((e->f->dwvalid >> reg) & 1))
        return DWARF_E_UNAVAILABLE;
    *value = e->f->dwreg[reg];
    return 0;
}

static int ev_read_reg(void *ctx, unsigned reg, uint64_t *value)
{
    return hdb_frame_eval_reg(ctx, reg, value);
}

static int ev_read_mem(void *ctx, uint64_t addr, void *buf, uint64_t len)
{
    const struct hdb_frame_eval *e = ctx;
    return hdb_session_read(e->s, addr, buf, (size_t)len) == (int)len ? 0 : DWARF_E_UNAVAILABLE;
}

/* The expression is in the active file's DWARF: its addresses move by that file's bias. */
static uint64_t ev_relocate(void *ctx, uint64_t addr)
{
    const struct hdb_frame_eval *e = ctx;
    return hdb_session_to_runtime(e->s, addr);
}

static int ev_cfa(void *ctx, uint64_t *value)
{
    const struct hdb_frame_eval *e = ctx;
    if (!e->f->cfa)
        return DWARF_E_UNAVAILABLE;
    *value = e->f->cfa;
    return 0;
}

bool hdb_location_expr(const struct dwarf_die *d, uint64_t at, uint64_t pc_link,
                       const uint8_t **expr, uint64_t *len)
{
    struct dwarf_attr a;
    if (dwarf_die_attr(d, at, &a) <= 0)
        return false;
    enum dwarf_form_class cls = dwarf_form_class(a.form);
    if (cls == DWARF_CLASS_EXPRLOC || cls == DWARF_CLASS_BLOCK)
        return dwarf_attr_block(&a, expr, len) == 0;
    struct dwarf_loc_iter it;
    struct dwarf_loc_entry le;
    if (dwarf_loc_iter_attr(&it, &a) < 0)
        return false;
    const uint8_t *dflt = NULL;
    uint64_t dflt_len = 0;
    while (dwarf_loc_next(&it, &le) > 0) {
        if (le.is_default) {
            dflt = le.expr;
            dflt_len = le.expr_len;
        } else if (pc_link >= le.low && pc_link < le.high) {
            *expr = le.expr;
            *len = le.expr_len;
            return true;
        }
    }
    *expr = dflt;
    *len = dflt_len;
    return dflt != NULL;
}

static int ev_frame_base(void *ctx, uint64_t *value)
{
    struct hdb_frame_eval *e = ctx;
    const uint8_t *expr;
    uint64_t len;
    if (e->depth > 0 || !hdb_location_expr(e->fn, DW_AT_frame_base, e->pc_link, &expr, &len))
        return DWARF_E_UNAVAILABLE;
    struct dwarf_eval ev = {.ops = &e->ops, .unit = e->fn->unit};
    struct dwarf_location loc;
    e->depth++;
    int rc = dwarf_eval_location(&ev, expr, len, &loc);
    e->depth--;
    if (rc < 0 || loc.npieces != 1)
        return DWARF_E_UNAVAILABLE;
    /* DWARF5 3.3.5: a register location means the register's value is the base. */
    if (loc.piece[0].kind == DWARF_LOC_REGISTER)
        return hdb_frame_eval_reg(e, (unsigned)loc.piece[0].value, value);
    if (loc.piece[0].kind != DWARF_LOC_MEMORY && loc.piece[0].kind != DWARF_LOC_VALUE)
        return DWARF_E_UNAVAILABLE;
    *value = loc.piece[0].value;
    return 0;
}

/* ---- entry values ------------------------------------------------------- */

/* The register a DW_OP_entry_value operand names (DW_OP_reg0-31, DW_OP_regx); false otherwise. */
static bool one_register(const uint8_t *expr, uint64_t len, unsigned *reg)
{
    if (len == 1 && expr[0] >= DW_OP_reg0 && expr[0] <= DW_OP_reg31) {
        *reg = expr[0] - DW_OP_reg0;
        return true;
    }
    /* DW_OP_regx with a one-byte ULEB128 register number. */
    if (len == 2 && expr[0] == DW_OP_regx && expr[1] < 0x80) {
        *reg = expr[1];
        return true;
    }
    return false;
}

static uint64_t attr_addr(const struct dwarf_die *d, uint64_t at)
{
    struct dwarf_attr a;
    uint64_t v = 0;
    if (dwarf_die_attr(d, at, &a) > 0)
        dwarf_attr_address(&a, &v);
    return v;
}

static int find_call_site(const struct dwarf_die *scope, uint64_t ret, struct dwarf_die *out,
                          int depth)
{
    struct dwarf_die c;
    if (depth > 32)
        return 0;
    for (int rc = dwarf_die_first_child(scope, &c); rc > 0; rc = dwarf_die_next_sibling(&c, &c)) {
        /* DWARF 5 gives the return address; gcc's GNU extension puts it in low_pc. */
        if ((c.tag == DW_TAG_call_site && attr_addr(&c, DW_AT_call_return_pc) == ret) ||
            (c.tag == DW_TAG_GNU_call_site && attr_addr(&c, DW_AT_low_pc) == ret)) {
            *out = c;
            return 1;
        }
        if ((c.tag == DW_TAG_lexical_block || c.tag == DW_TAG_inlined_subroutine) &&
            find_call_site(&c, ret, out, depth + 1) > 0)
            return 1;
    }
    return 0;
}

int hdb_call_site_at(const struct dwarf_die *scope, uint64_t ret, struct dwarf_die *out)
{
    return find_call_site(scope, ret, out, 0);
}

/* The names a function DIE goes by: its own and its linkage name (through its origin). */
static void die_names(const struct dwarf_die *d, const char *names[2])
{
    struct dwarf_attr a;
    struct dwarf_unit ounit;
    struct dwarf_die origin;
    const struct dwarf_die *n = d;
    if (hdb_dinfo_ref(d, DW_AT_abstract_origin, &ounit, &origin) ||
        hdb_dinfo_ref(d, DW_AT_specification, &ounit, &origin))
        n = &origin;
    names[0] = names[1] = NULL;
    if (dwarf_die_attr(n, DW_AT_name, &a) > 0)
        dwarf_attr_string(&a, &names[0]);
    if (dwarf_die_attr(n, DW_AT_linkage_name, &a) > 0)
        dwarf_attr_string(&a, &names[1]);
}

/* The function a call in the caller's frame enters: what must be the callee. */
struct callee {
    const char *names[2]; /* its name and its other one (linkage name or DW_AT_name) */
    uint64_t entry;       /* runtime address of its entry, 0 when unknown */
};

static bool same_name(const char *a, const struct callee *who)
{
    return a && ((who->names[0] && !strcmp(a, who->names[0])) ||
                 (who->names[1] && !strcmp(a, who->names[1])));
}

/* Does the call site call the callee? Without a way to tell, it is not believed. */
static bool calls(const struct hdb_frame_eval *caller, const struct dwarf_die *site,
                  const struct callee *who)
{
    struct dwarf_attr a;
    struct dwarf_unit tunit;
    struct dwarf_die target;
    if (hdb_dinfo_ref(site, DW_AT_call_origin, &tunit, &target) ||
        hdb_dinfo_ref(site, DW_AT_abstract_origin, &tunit, &target)) {
        const char *names[2];
        die_names(&target, names);
        return same_name(names[0], who) || same_name(names[1], who);
    }
    const uint8_t *expr;
    uint64_t len, addr;
    if (!who->entry ||
        (dwarf_die_attr(site, DW_AT_call_target, &a) <= 0 &&
         dwarf_die_attr(site, DW_AT_GNU_call_site_target, &a) <= 0) ||
        dwarf_attr_block(&a, &expr, &len) < 0)
        return false;
    struct dwarf_eval ev = {.ops = &caller->ops, .unit = site->unit};
    return dwarf_eval_value(&ev, expr, len, &addr) == 0 && addr == who->entry;
}

/* The value the caller passed in register reg, from the call site at its pc. */
static int call_site_value(struct hdb_frame_eval *caller, const struct dwarf_die *site,
                           unsigned reg, uint64_t *value)
{
    struct dwarf_die p;
    for (int rc = dwarf_die_first_child(site, &p); rc > 0; rc = dwarf_die_next_sibling(&p, &p)) {
        if (p.tag != DW_TAG_call_site_parameter && p.tag != DW_TAG_GNU_call_site_parameter)
            continue;
        struct dwarf_attr a;
        const uint8_t *expr;
        uint64_t len;
        unsigned r;
        if (dwarf_die_attr(&p, DW_AT_location, &a) <= 0 || dwarf_attr_block(&a, &expr, &len) < 0 ||
            !one_register(expr, len, &r) || r != reg)
            continue;
        if ((dwarf_die_attr(&p, DW_AT_call_value, &a) <= 0 &&
             dwarf_die_attr(&p, DW_AT_GNU_call_site_value, &a) <= 0) ||
            dwarf_attr_block(&a, &expr, &len) < 0)
            return DWARF_E_UNAVAILABLE;
        struct dwarf_eval ev = {.ops = &caller->ops, .unit = site->unit};
        return dwarf_eval_value(&ev, expr, len, value);
    }
    return DWARF_E_UNAVAILABLE;
}

/* In the caller's file (the active one now): its call site and the value it passed. */
static int from_caller(struct hdb_frame_eval *e, const struct hdb_frame *caller,
                       const struct callee *who, unsigned reg, uint64_t *value)
{
    struct hdb_session *s = e->s;
    uint64_t link = hdb_session_to_link(s, caller->pc - 1);
    const struct hdb_dfunc *fn = s->img ? hdb_dinfo_func_at(&s->dinfo, link) : NULL;
    struct dwarf_unit u;
    struct dwarf_die d, site;
    if (!fn || hdb_dinfo_die(&s->dw, fn->unit, fn->die, &u, &d) < 0 ||
        find_call_site(&d, hdb_session_to_link(s, caller->pc), &site, 0) <= 0)
        return DWARF_E_UNAVAILABLE;
    struct hdb_frame_eval ce;
    hdb_frame_eval_init(&ce, s, caller, &d, link);
    ce.entry_depth = e->entry_depth + 1;
    /* A function that can tail-call itself may have been entered with other values since. */
    if (!calls(&ce, &site, who) || (who->entry && hdb_tailcall_may_recurse(s, who->entry)))
        return DWARF_E_UNAVAILABLE;
    return call_site_value(&ce, &site, reg, value);
}

static int ev_entry_value(void *ctx, const uint8_t *expr, uint64_t len, uint64_t *value)
{
    struct hdb_frame_eval *e = ctx;
    struct hdb_session *s = e->s;
    unsigned reg;
    struct hdb_frame caller;
    if (e->entry_depth >= MAX_ENTRY_DEPTH || !one_register(expr, len, &reg) ||
        hdb_session_caller_frame(s, e->f, &caller) < 0)
        return DWARF_E_UNAVAILABLE;
    /* The callee is the function holding this frame's code, in the active file. */
    const struct hdb_dfunc *fn = hdb_dinfo_func_at(&s->dinfo, e->pc_link);
    if (!fn)
        return DWARF_E_UNAVAILABLE;
    struct callee who = {{fn->name, fn->alias}, fn->part ? 0 : hdb_session_to_runtime(s, fn->lo)};
    int prev = hdb_session_enter_pc(s, caller.pc - 1);
    int rc = from_caller(e, &caller, &who, reg, value);
    hdb_session_activate_module(s, prev);
    return rc;
}

void hdb_frame_eval_init(struct hdb_frame_eval *e, struct hdb_session *s, const struct hdb_frame *f,
                         const struct dwarf_die *fn, uint64_t pc_link)
{
    memset(e, 0, sizeof(*e));
    e->s = s;
    e->f = f;
    e->fn = fn;
    e->pc_link = pc_link;
    e->ops.read_reg = ev_read_reg;
    e->ops.read_mem = ev_read_mem;
    e->ops.frame_base = ev_frame_base;
    e->ops.call_frame_cfa = ev_cfa;
    e->ops.entry_value = ev_entry_value;
    e->ops.relocate = ev_relocate;
    e->ops.ctx = e;
}

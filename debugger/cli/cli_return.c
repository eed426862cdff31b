/*
 * cli_return.c: gdb's `return [EXPR]`: the selected frame (and those it
 * called) popped without running the program, EXPR left as the function's
 * return value.
 *
 * The value is converted to the function's return type in its frame,
 * before the pop; an integer, pointer or enum goes into rax and a float or
 * double into xmm0 (System V psABI 3.2.3), only as many bytes as the type
 * has, so the rest of rax keeps what it held as under gdb. A function
 * returning void takes no value (gdb ignores one). Structs and unions are
 * refused: their return convention (registers or memory the caller gave)
 * is not written back. Like gdb in batch mode, hdb goes ahead without
 * asking; at a terminal it shows the frame it returned to.
 */
#include <string.h>

#include <hdb/cli.h>
#include <hdb/dinfo.h>
#include <hdb/error.h>
#include <hdb/value.h>

/* What return writes: nothing, rax's low bytes, or xmm0's. */
struct ret {
    bool has, sse;
    unsigned size;
    uint64_t bits;
};

/* EXPR converted to the return type of the function of the frame at pc. */
static int return_value(struct hdb_cli *c, const char *expr, uint64_t pc, struct ret *r)
{
    struct hdb_session *s = c->s;
    memset(r, 0, sizeof(*r));
    struct hdb_value v;
    const char *stop;
    int rc = hdb_eval_at(s, expr, &v, &stop);
    if (rc < 0) {
        hdb_cli_eval_error(c, rc, expr, stop);
        return rc;
    }
    const struct hdb_dfunc *f = hdb_dinfo_func_at(&s->dinfo, hdb_session_to_link(s, pc));
    struct dwarf_unit u;
    struct dwarf_die d;
    struct dwarf_attr a;
    enum dwarf_section_id sec;
    uint64_t type;
    if (!f || hdb_dinfo_die(&s->dw, f->unit, f->decl, &u, &d) < 0 ||
        dwarf_die_attr(&d, DW_AT_type, &a) <= 0 || dwarf_attr_ref(&a, &sec, &type) < 0)
        return 0; /* void, or no DWARF: nothing to return */
    struct hdb_ctype t;
    if ((rc = hdb_ctype_resolve(&s->dw, f->unit, type, &t)) < 0)
        return rc;
    if ((t.tag != DW_TAG_base_type && t.tag != DW_TAG_pointer_type &&
         t.tag != DW_TAG_enumeration_type) ||
        t.size == 0 || t.size > 8) {
        hdb_cli_err(c, "Returning a value of this type is not supported.\n");
        return HDB_E_NOTSUP;
    }
    r->sse = t.tag == DW_TAG_base_type && t.encoding == DW_ATE_float;
    r->size = (unsigned)t.size;
    if (r->sse) {
        /* The value as a double, then in the type's own width. */
        double d;
        if ((rc = hdb_value_as_double(s, &v, &d)) < 0 || (r->size != 4 && r->size != 8)) {
            hdb_cli_err(c, "Returning a value of this type is not supported.\n");
            return rc < 0 ? rc : HDB_E_NOTSUP;
        }
        float fl = (float)d;
        uint32_t w;
        memcpy(&w, &fl, sizeof(w));
        if (r->size == 4)
            r->bits = w;
        else
            memcpy(&r->bits, &d, sizeof(r->bits));
    } else if ((rc = hdb_value_cast(s, &v, f->unit, type, 0)) < 0 ||
               (rc = hdb_value_as_u64(s, &v, &r->bits)) < 0) {
        hdb_cli_err(c, "%s\n", hdb_strerror(rc));
        return rc;
    }
    r->has = true;
    return 0;
}

/* Puts the value where the caller looks for it, in the popped-to registers. */
static int write_value(struct hdb_session *s, const struct ret *r)
{
    const struct hdb_target_ops *ops = s->target->ops;
    struct hdb_regs regs;
    int slot = r->sse ? HDB_REG_XMM0 : HDB_REG_RAX;
    int rc = r->sse ? (ops->read_sse ? ops->read_sse(s->target, s->cur_tid, &regs) : HDB_E_NOTSUP)
                    : ops->read_regs(s->target, s->cur_tid, &regs);
    if (rc < 0)
        return rc;
    uint64_t mask = r->size >= 8 ? ~0ull : (1ull << (8 * r->size)) - 1;
    regs.v[slot] = (regs.v[slot] & ~mask) | (r->bits & mask);
    regs.valid = 1ull << slot;
    return r->sse ? ops->write_sse(s->target, s->cur_tid, &regs)
                  : ops->write_regs(s->target, s->cur_tid, &regs);
}

int hdb_cli_cmd_return(struct hdb_cli *c, const char *args)
{
    struct hdb_session *s = c->s;
    if (!s->pid) {
        hdb_cli_err(c, "No selected frame.\n");
        return HDB_E_NO_PROCESS;
    }
    struct hdb_frame frames[HDB_MAX_FRAMES];
    int n = hdb_session_backtrace(s, frames, HDB_MAX_FRAMES);
    if (n <= s->frame) {
        hdb_cli_err(c, "No selected frame.\n");
        return HDB_E_NO_FRAME;
    }
    const struct hdb_frame *f = &frames[s->frame];
    struct ret r = {0};
    if (*args) {
        /* In the function's own file and frame: its return type, its variables. */
        uint64_t pc = s->frame && !f->exact_pc ? f->pc - 1 : f->pc;
        int prev = hdb_session_enter_pc(s, pc);
        int rc = return_value(c, args, pc, &r);
        hdb_session_activate_module(s, prev);
        if (rc < 0)
            return rc;
    }
    int rc = hdb_session_pop_frame(s, s->frame);
    if (rc == HDB_E_NO_FRAME) {
        hdb_cli_err(c, "Can not force return from the outermost frame.\n");
        return rc;
    }
    if (rc == 0 && r.has)
        rc = write_value(s, &r);
    if (rc < 0) {
        hdb_cli_err(c, "%s\n", hdb_strerror(rc));
        return rc;
    }
    s->frame = 0;
    struct hdb_frame top[1];
    if (hdb_session_backtrace(s, top, 1) == 1) {
        hdb_session_activate_pc(s, top[0].pc);
        if (!c->batch)
            hdb_cli_print_frame(c, 0, &top[0], true);
    }
    return 0;
}

/*
 * frameinfo.c: the arguments shown in frame lines ("add (a=1, b=2)"),
 * located through dwarf/'s expression evaluator: single expressions and
 * location lists (DWARF5 2.6), with the frame's registers as the unwinder
 * recovered them, DW_AT_frame_base for DW_OP_fbreg and the frame's CFA for
 * DW_OP_call_frame_cfa. What cannot be located (an entry value, a
 * register the unwinder could not recover) shows as <optimized out>.
 */
#include <string.h>

#include <dwarf/eval.h>
#include <dwarf/lists.h>
#include <hdb/dinfo.h>
#include <hdb/error.h>
#include <hdb/frameinfo.h>
#include <hdb/value.h>

struct eval_ctx {
    struct hdb_session *s;
    const struct hdb_frame *f;
    const struct dwarf_die *fn; /* the subprogram, for DW_AT_frame_base */
    uint64_t pc_link;           /* where in the function, for location lists */
    const struct dwarf_eval_ops *ops;
    int depth;
};

static int ev_read_reg(void *ctx, unsigned reg, uint64_t *value)
{
    const struct eval_ctx *c = ctx;
    if (reg > 16 || !((c->f->dwvalid >> reg) & 1))
        return DWARF_E_UNAVAILABLE;
    *value = c->f->dwreg[reg];
    return 0;
}

static int ev_read_mem(void *ctx, uint64_t addr, void *buf, uint64_t len)
{
    const struct eval_ctx *c = ctx;
    return hdb_session_read(c->s, addr, buf, (size_t)len) == (int)len ? 0 : DWARF_E_UNAVAILABLE;
}

static int ev_cfa(void *ctx, uint64_t *value)
{
    const struct eval_ctx *c = ctx;
    if (!c->f->cfa)
        return DWARF_E_UNAVAILABLE;
    *value = c->f->cfa;
    return 0;
}

/* The expression of a location attribute that applies at pc_link (exprloc or list entry). */
static bool location_expr(const struct dwarf_die *d, uint64_t at, uint64_t pc_link,
                          const uint8_t **expr, uint64_t *len)
{
    struct dwarf_attr a;
    if (dwarf_die_attr(d, at, &a) <= 0)
        return false;
    enum dwarf_form_class cls = dwarf_form_class(a.form);
    if (cls == DWARF_CLASS_EXPRLOC || cls == DWARF_CLASS_BLOCK)
        return dwarf_attr_block(&a, expr, len) == 0;
    struct dwarf_loc_iter it;
    struct dwarf_loc_entry e;
    if (dwarf_loc_iter_attr(&it, &a) < 0)
        return false;
    const uint8_t *dflt = NULL;
    uint64_t dflt_len = 0;
    while (dwarf_loc_next(&it, &e) > 0) {
        if (e.is_default) {
            dflt = e.expr;
            dflt_len = e.expr_len;
        } else if (pc_link >= e.low && pc_link < e.high) {
            *expr = e.expr;
            *len = e.expr_len;
            return true;
        }
    }
    *expr = dflt;
    *len = dflt_len;
    return dflt != NULL;
}

static int ev_frame_base(void *ctx, uint64_t *value)
{
    struct eval_ctx *c = ctx;
    const uint8_t *expr;
    uint64_t len;
    if (c->depth > 0 || !location_expr(c->fn, DW_AT_frame_base, c->pc_link, &expr, &len))
        return DWARF_E_UNAVAILABLE;
    struct dwarf_eval ev = {.ops = c->ops, .unit = c->fn->unit};
    struct dwarf_location loc;
    c->depth++;
    int rc = dwarf_eval_location(&ev, expr, len, &loc);
    c->depth--;
    if (rc < 0 || loc.npieces != 1)
        return DWARF_E_UNAVAILABLE;
    /* DWARF5 3.3.5: a register location means the register's value is the base. */
    if (loc.piece[0].kind == DWARF_LOC_REGISTER)
        return ev_read_reg(ctx, (unsigned)loc.piece[0].value, value);
    if (loc.piece[0].kind != DWARF_LOC_MEMORY && loc.piece[0].kind != DWARF_LOC_VALUE)
        return DWARF_E_UNAVAILABLE;
    *value = loc.piece[0].value;
    return 0;
}

static int locate(struct hdb_session *s, const struct hdb_frame *f, const struct dwarf_die *fn,
                  uint64_t pc_link, const struct dwarf_die *var, uint64_t unit, uint64_t type,
                  struct hdb_value *v);

/*
 * A variable-length array's type with the count its bound has in this
 * frame (C11 6.7.6.2; DWARF5 5.13: the bound is an expression or the DIE
 * of a variable holding it); other types as they are.
 */
static uint64_t vla_type(const struct eval_ctx *c, const struct dwarf_die *var, uint64_t unit,
                         uint64_t type)
{
    struct dwarf_attr bound;
    bool is_count;
    uint64_t array, n;
    if (hdb_ctype_vla_bound(&c->s->dw, unit, type, &bound, &is_count, &array) <= 0)
        return type;
    if (dwarf_form_class(bound.form) == DWARF_CLASS_EXPRLOC) {
        const uint8_t *expr;
        uint64_t len;
        struct dwarf_eval ev = {.ops = c->ops, .unit = var->unit};
        if (dwarf_attr_block(&bound, &expr, &len) < 0 || dwarf_eval_value(&ev, expr, len, &n) < 0)
            return type;
    } else {
        enum dwarf_section_id sec;
        uint64_t off, btype = 0;
        struct dwarf_die bd;
        struct dwarf_attr a;
        struct hdb_value bv;
        struct dwarf_attr inner;
        bool inner_count;
        uint64_t inner_array;
        if (dwarf_attr_ref(&bound, &sec, &off) < 0 || sec != DWARF_SEC_INFO ||
            off < var->unit->first_die || off >= var->unit->end ||
            dwarf_die_at(var->unit, off, &bd) <= 0)
            return type;
        if (dwarf_die_attr(&bd, DW_AT_type, &a) > 0)
            dwarf_attr_ref(&a, &sec, &btype);
        /* The bound is an integer: a VLA there (corrupt DWARF) would recurse. */
        if (hdb_ctype_vla_bound(&c->s->dw, unit, btype, &inner, &inner_count, &inner_array) != 0 ||
            locate(c->s, c->f, c->fn, c->pc_link, &bd, unit, btype, &bv) < 0 ||
            hdb_value_as_u64(c->s, &bv, &n) < 0)
            return type;
    }
    uint64_t sized = hdb_ctype_with_count(array, is_count ? n : n + 1);
    return sized ? sized : type;
}

/* Locates a variable or parameter DIE in frame f: a value ready to format, or an error. */
static int locate(struct hdb_session *s, const struct hdb_frame *f, const struct dwarf_die *fn,
                  uint64_t pc_link, const struct dwarf_die *var, uint64_t unit, uint64_t type,
                  struct hdb_value *v)
{
    struct dwarf_eval_ops ops = {ev_read_reg, ev_read_mem, ev_frame_base, ev_cfa, NULL, NULL, NULL};
    struct eval_ctx ctx = {s, f, fn, pc_link, &ops, 0};
    ops.ctx = &ctx;
    const uint8_t *expr;
    uint64_t len;
    if (!location_expr(var, DW_AT_location, pc_link, &expr, &len))
        return HDB_E_NOT_FOUND;
    struct dwarf_eval ev = {.ops = &ops, .unit = var->unit};
    struct dwarf_location loc;
    if (dwarf_eval_location(&ev, expr, len, &loc) < 0 || loc.npieces != 1)
        return HDB_E_NOT_FOUND;
    const struct dwarf_loc_piece *p = &loc.piece[0];
    memset(v, 0, sizeof(*v));
    v->kind = HDB_VAL_DWARF;
    v->unit = unit;
    v->type = vla_type(&ctx, var, unit, type);
    switch (p->kind) {
    case DWARF_LOC_MEMORY:
        v->lvalue = true;
        v->addr = p->value;
        return 0;
    case DWARF_LOC_REGISTER:
        return ev_read_reg(&ctx, (unsigned)p->value, &v->scalar) == 0 ? 0 : HDB_E_NOT_FOUND;
    case DWARF_LOC_VALUE:
        v->scalar = p->value;
        return 0;
    case DWARF_LOC_IMPLICIT:
        if (p->len > 8)
            return HDB_E_NOT_FOUND;
        memcpy(&v->scalar, p->bytes, (size_t)p->len);
        return 0;
    default:
        return HDB_E_NOT_FOUND;
    }
}

static void param(struct hdb_session *s, const struct hdb_frame *f, const struct dwarf_die *fn,
                  uint64_t pc_link, const struct dwarf_die *p, uint64_t unit, struct hdb_strbuf *b)
{
    struct dwarf_attr a;
    const char *name = NULL;
    uint64_t type = 0, off;
    enum dwarf_section_id sec;
    struct dwarf_die origin;
    const struct dwarf_die *named = p;
    if (dwarf_die_attr(p, DW_AT_abstract_origin, &a) > 0 && dwarf_attr_ref(&a, &sec, &off) == 0 &&
        sec == DWARF_SEC_INFO && off >= p->unit->first_die && off < p->unit->end &&
        dwarf_die_at(p->unit, off, &origin) > 0)
        named = &origin;
    if (dwarf_die_attr(named, DW_AT_name, &a) > 0)
        dwarf_attr_string(&a, &name);
    if (dwarf_die_attr(named, DW_AT_type, &a) > 0)
        dwarf_attr_ref(&a, &sec, &type);
    hdb_sb_printf(b, "%s=", name ? name : "?");
    struct hdb_ctype t;
    if (hdb_ctype_resolve(&s->dw, unit, type, &t) == 0 &&
        (t.tag == DW_TAG_structure_type || t.tag == DW_TAG_union_type ||
         t.tag == DW_TAG_array_type)) {
        hdb_sb_printf(b, "...");
        return;
    }
    struct hdb_value v;
    if (locate(s, f, fn, pc_link, p, unit, type, &v) < 0) {
        hdb_sb_printf(b, "<optimized out>");
        return;
    }
    size_t mark = b->len;
    if (hdb_value_format(s, &v, 0, false, b) < 0) {
        b->len = mark;
        b->s[mark] = 0;
        hdb_sb_printf(b, "<error>");
    }
}

void hdb_frame_args(struct hdb_session *s, const struct hdb_frame *f, bool caller,
                    struct hdb_strbuf *b)
{
    if (!s->img)
        return;
    uint64_t link = hdb_session_to_link(s, caller ? f->pc - 1 : f->pc);
    const struct hdb_dfunc *fn = hdb_dinfo_func_at(&s->dinfo, link);
    struct dwarf_unit u;
    struct dwarf_die d, p;
    if (!fn || hdb_dinfo_die(&s->dw, fn->unit, fn->die, &u, &d) < 0)
        return;
    bool first = true;
    for (int rc = dwarf_die_first_child(&d, &p); rc > 0; rc = dwarf_die_next_sibling(&p, &p)) {
        if (p.tag != DW_TAG_formal_parameter)
            continue;
        if (!first)
            hdb_sb_printf(b, ", ");
        first = false;
        param(s, f, &d, link, &p, fn->unit, b);
    }
}

/* ---- locals ------------------------------------------------------------- */

/* Does the block DIE cover pc_link (DW_AT_low_pc/high_pc or DW_AT_ranges)? */
static bool block_covers(const struct dwarf_die *d, uint64_t pc_link)
{
    struct dwarf_attr a;
    uint64_t lo, hi;
    if (dwarf_die_attr(d, DW_AT_low_pc, &a) > 0 && dwarf_attr_address(&a, &lo) == 0 &&
        dwarf_die_attr(d, DW_AT_high_pc, &a) > 0) {
        if (dwarf_form_class(a.form) == DWARF_CLASS_CONSTANT) {
            if (dwarf_attr_unsigned(&a, &hi) < 0)
                return false;
            hi += lo;
        } else if (dwarf_attr_address(&a, &hi) < 0) {
            return false;
        }
        return pc_link >= lo && pc_link < hi;
    }
    struct dwarf_range_iter it;
    if (dwarf_die_attr(d, DW_AT_ranges, &a) > 0 && dwarf_range_iter_attr(&it, &a) == 0) {
        while (dwarf_range_next(&it, &lo, &hi) > 0)
            if (pc_link >= lo && pc_link < hi)
                return true;
    }
    return false;
}

static const char *die_own_name(const struct dwarf_die *d)
{
    struct dwarf_attr a;
    const char *n = NULL;
    if (dwarf_die_attr(d, DW_AT_name, &a) > 0)
        dwarf_attr_string(&a, &n);
    return n;
}

/*
 * The innermost variable or parameter called name in scope at pc_link:
 * lexical blocks that cover pc_link are searched before the level that
 * contains them (C scoping, DWARF5 3.5). 1 found (*out), 0 not.
 */
static int find_in_scope(const struct dwarf_die *scope, uint64_t pc_link, const char *name,
                         struct dwarf_die *out, int depth)
{
    struct dwarf_die c;
    bool here = false;
    if (depth > 32)
        return 0;
    for (int rc = dwarf_die_first_child(scope, &c); rc > 0; rc = dwarf_die_next_sibling(&c, &c)) {
        if (c.tag == DW_TAG_lexical_block && block_covers(&c, pc_link)) {
            if (find_in_scope(&c, pc_link, name, out, depth + 1) > 0)
                return 1;
        } else if ((c.tag == DW_TAG_variable || c.tag == DW_TAG_formal_parameter) && !here) {
            const char *n = die_own_name(&c);
            if (n && strcmp(n, name) == 0) {
                *out = c;
                here = true;
            }
        }
    }
    return here ? 1 : 0;
}

int hdb_frame_find_var(struct hdb_session *s, const char *name, uint64_t *unit, uint64_t *die)
{
    struct hdb_frame f;
    if (!s->img || hdb_session_selected_frame(s, &f) < 0)
        return HDB_E_NOT_FOUND;
    uint64_t link = hdb_session_to_link(s, s->frame ? f.pc - 1 : f.pc);
    const struct hdb_dfunc *fn = hdb_dinfo_func_at(&s->dinfo, link);
    struct dwarf_unit u;
    struct dwarf_die d, var;
    if (!fn || hdb_dinfo_die(&s->dw, fn->unit, fn->die, &u, &d) < 0 ||
        find_in_scope(&d, link, name, &var, 0) <= 0)
        return HDB_E_NOT_FOUND;
    *unit = fn->unit;
    *die = var.offset;
    return 0;
}

int hdb_frame_lookup(struct hdb_session *s, const char *name, struct hdb_value *v)
{
    struct hdb_frame frame;
    if (!s->img || hdb_session_selected_frame(s, &frame) < 0)
        return HDB_E_NOT_FOUND;
    const struct hdb_frame *f = &frame;
    uint64_t link = hdb_session_to_link(s, s->frame ? f->pc - 1 : f->pc);
    const struct hdb_dfunc *fn = hdb_dinfo_func_at(&s->dinfo, link);
    struct dwarf_unit u;
    struct dwarf_die d, var;
    if (!fn || hdb_dinfo_die(&s->dw, fn->unit, fn->die, &u, &d) < 0)
        return HDB_E_NOT_FOUND;
    if (find_in_scope(&d, link, name, &var, 0) <= 0)
        return HDB_E_NOT_FOUND;
    struct dwarf_attr a;
    enum dwarf_section_id sec;
    uint64_t type = 0;
    if (dwarf_die_attr(&var, DW_AT_type, &a) > 0)
        dwarf_attr_ref(&a, &sec, &type);
    if (locate(s, f, &d, link, &var, fn->unit, type, v) < 0)
        return HDB_E_NOTSUP; /* in scope, but optimized out here */
    return 0;
}

/* Prints "name = value" for each parameter (args) or local (!args) in scope, innermost first. */
static void list_scope(struct hdb_session *s, const struct hdb_frame *f, const struct dwarf_die *fn,
                       const struct dwarf_die *scope, uint64_t pc_link, uint64_t unit, bool args,
                       bool as_print, void (*emit)(void *ctx, const char *line), void *ctx,
                       int depth)
{
    struct dwarf_die c;
    struct hdb_strbuf *b = hdb_alloc(s->plat, sizeof(*b));
    if (!b || depth > 32) {
        hdb_free(s->plat, b, sizeof(*b));
        return;
    }
    /* Inner blocks first, as gdb lists them. */
    for (int rc = dwarf_die_first_child(scope, &c); rc > 0; rc = dwarf_die_next_sibling(&c, &c))
        if (!args && c.tag == DW_TAG_lexical_block && block_covers(&c, pc_link))
            list_scope(s, f, fn, &c, pc_link, unit, args, as_print, emit, ctx, depth + 1);
    for (int rc = dwarf_die_first_child(scope, &c); rc > 0; rc = dwarf_die_next_sibling(&c, &c)) {
        if (c.tag != (args ? DW_TAG_formal_parameter : DW_TAG_variable))
            continue;
        const char *name = die_own_name(&c);
        if (!name)
            continue;
        struct dwarf_attr a;
        enum dwarf_section_id sec;
        uint64_t type = 0;
        if (dwarf_die_attr(&c, DW_AT_type, &a) > 0)
            dwarf_attr_ref(&a, &sec, &type);
        hdb_sb_reset(b);
        hdb_sb_printf(b, "%s = ", name);
        struct hdb_value v;
        size_t mark = b->len;
        if (locate(s, f, fn, pc_link, &c, unit, type, &v) < 0 ||
            hdb_value_format(s, &v, 0, as_print, b) < 0) {
            b->len = mark;
            b->s[mark] = 0;
            hdb_sb_printf(b, "<optimized out>");
        }
        emit(ctx, b->s);
    }
    hdb_free(s->plat, b, sizeof(*b));
}

int hdb_frame_list_vars(struct hdb_session *s, bool args, bool as_print,
                        void (*emit)(void *ctx, const char *line), void *ctx)
{
    struct hdb_frame frame;
    int rc = hdb_session_selected_frame(s, &frame);
    if (rc < 0)
        return rc;
    const struct hdb_frame *f = &frame;
    uint64_t link = hdb_session_to_link(s, s->frame ? f->pc - 1 : f->pc);
    const struct hdb_dfunc *fn = s->img ? hdb_dinfo_func_at(&s->dinfo, link) : NULL;
    struct dwarf_unit u;
    struct dwarf_die d;
    if (!fn || hdb_dinfo_die(&s->dw, fn->unit, fn->die, &u, &d) < 0)
        return HDB_E_NOT_FOUND;
    list_scope(s, f, &d, &d, link, fn->unit, args, as_print, emit, ctx, 0);
    return 0;
}

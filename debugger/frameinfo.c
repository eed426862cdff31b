/*
 * frameinfo.c: the arguments shown in frame lines ("add (a=1, b=2)"),
 * located through dwarf/'s expression evaluator: single expressions and
 * location lists (DWARF5 2.6), with the frame's registers as the unwinder
 * recovered them (frameeval.c: the frame base, the CFA, entry values from
 * the caller's call site). What cannot be located (a register the
 * unwinder could not recover, an entry value no call site gives) shows as
 * <optimized out>.
 */
#include <string.h>

#include "frameeval.h"
#include <hdb/dinfo.h>
#include <hdb/error.h>
#include <hdb/frameinfo.h>
#include <hdb/value.h>

static int locate(struct hdb_session *s, const struct hdb_frame *f, const struct dwarf_die *fn,
                  uint64_t pc_link, const struct dwarf_die *var, uint64_t unit, uint64_t type,
                  struct hdb_value *v);

/*
 * A variable-length array's type with the count its bound has in this
 * frame (C11 6.7.6.2; DWARF5 5.13: the bound is an expression or the DIE
 * of a variable holding it); other types as they are.
 */
static uint64_t vla_type(struct hdb_frame_eval *e, const struct dwarf_die *var, uint64_t unit,
                         uint64_t type)
{
    struct dwarf_attr bound;
    bool is_count;
    uint64_t array, n;
    if (hdb_ctype_vla_bound(&e->s->dw, unit, type, &bound, &is_count, &array) <= 0)
        return type;
    if (dwarf_form_class(bound.form) == DWARF_CLASS_EXPRLOC) {
        const uint8_t *expr;
        uint64_t len;
        struct dwarf_eval ev = {.ops = &e->ops, .unit = var->unit};
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
        if (hdb_ctype_vla_bound(&e->s->dw, unit, btype, &inner, &inner_count, &inner_array) != 0 ||
            locate(e->s, e->f, e->fn, e->pc_link, &bd, unit, btype, &bv) < 0 ||
            hdb_value_as_u64(e->s, &bv, &n) < 0)
            return type;
    }
    uint64_t sized = hdb_ctype_with_count(array, is_count ? n : n + 1);
    return sized ? sized : type;
}

/* Objects in pieces are assembled up to this size (a struct of a few registers). */
#define PIECES_MAX 256

/*
 * A variable optimized code keeps in pieces (DWARF5 2.6.1.2): its bytes
 * gathered from each piece's register, memory or value into a temporary of
 * the value space, the bytes of empty pieces (and past the last) marked
 * missing, so that its members print as gdb prints them: the ones a piece
 * gives with their values, the others <optimized out>.
 */
static int assemble(struct hdb_frame_eval *e, const struct dwarf_location *loc, uint64_t size,
                    struct hdb_value *v)
{
    uint8_t bytes[PIECES_MAX], missing[PIECES_MAX];
    if (size == 0 || size > PIECES_MAX)
        return HDB_E_NOT_FOUND;
    memset(bytes, 0, sizeof(bytes));
    memset(missing, 1, sizeof(missing));
    uint64_t at = 0;
    bool some = false;
    for (unsigned i = 0; i < loc->npieces && at < size; i++) {
        const struct dwarf_loc_piece *p = &loc->piece[i];
        /* Whole bytes only: DW_OP_bit_piece at a bit offset is not assembled. */
        if (p->size_bits % 8 || p->bit_offset % 8)
            return HDB_E_NOT_FOUND;
        uint64_t n = p->size_bits / 8, skip = p->bit_offset / 8;
        if (n > size - at)
            n = size - at;
        uint64_t reg = 0;
        const uint8_t *from = NULL;
        switch (p->kind) {
        case DWARF_LOC_MEMORY:
            if (hdb_session_read(e->s, p->value + skip, bytes + at, (size_t)n) == (int)n) {
                memset(missing + at, 0, (size_t)n);
                some = true;
            }
            break;
        case DWARF_LOC_REGISTER:
            if (n + skip <= 8 && hdb_frame_eval_reg(e, (unsigned)p->value, &reg) == 0)
                from = (const uint8_t *)&reg + skip; /* x86-64: the register's low bytes */
            break;
        case DWARF_LOC_VALUE:
            reg = p->value;
            if (n + skip <= 8)
                from = (const uint8_t *)&reg + skip;
            break;
        case DWARF_LOC_IMPLICIT:
            if (n + skip <= p->len)
                from = p->bytes + skip;
            break;
        default: /* empty: optimized out; an implicit pointer's target is not followed here */
            break;
        }
        if (from) {
            memcpy(bytes + at, from, (size_t)n);
            memset(missing + at, 0, (size_t)n);
            some = true;
        }
        at += n;
    }
    if (!some)
        return HDB_E_NOT_FOUND; /* no piece at all: <optimized out> as a whole */
    uint64_t addr;
    int rc = hdb_values_pieces(e->s, bytes, missing, (size_t)size, &addr);
    if (rc < 0)
        return rc;
    v->lvalue = true;
    v->addr = addr;
    return 0;
}

/* Locates a variable or parameter DIE in frame f: a value ready to format, or an error. */
static int locate(struct hdb_session *s, const struct hdb_frame *f, const struct dwarf_die *fn,
                  uint64_t pc_link, const struct dwarf_die *var, uint64_t unit, uint64_t type,
                  struct hdb_value *v)
{
    struct hdb_frame_eval ctx;
    hdb_frame_eval_init(&ctx, s, f, fn, pc_link);
    const uint8_t *expr;
    uint64_t len;
    if (!hdb_location_expr(var, DW_AT_location, pc_link, &expr, &len))
        return HDB_E_NOT_FOUND;
    struct dwarf_eval ev = {.ops = &ctx.ops, .unit = var->unit};
    struct dwarf_location loc;
    if (dwarf_eval_location(&ev, expr, len, &loc) < 0 || loc.npieces < 1)
        return HDB_E_NOT_FOUND;
    const struct dwarf_loc_piece *p = &loc.piece[0];
    memset(v, 0, sizeof(*v));
    v->kind = HDB_VAL_DWARF;
    v->unit = unit;
    v->type = vla_type(&ctx, var, unit, type);
    if (loc.npieces > 1 || p->is_piece) {
        uint64_t size;
        int rc = hdb_value_sizeof(s, v, &size);
        return rc < 0 ? HDB_E_NOT_FOUND : assemble(&ctx, &loc, size, v);
    }
    switch (p->kind) {
    case DWARF_LOC_MEMORY:
        v->lvalue = true;
        v->addr = p->value;
        return 0;
    case DWARF_LOC_REGISTER:
        return hdb_frame_eval_reg(&ctx, (unsigned)p->value, &v->scalar) == 0 ? 0 : HDB_E_NOT_FOUND;
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

/*
 * A variable's or parameter's name and type, from itself or, for the
 * copies in inlined and out-of-line instances, from its abstract origin
 * (DWARF5 3.3.8.2); false without a name.
 */
static bool var_info(const struct dwarf_die *d, const char **name, uint64_t *type)
{
    struct dwarf_attr a;
    enum dwarf_section_id sec;
    struct dwarf_unit ounit;
    struct dwarf_die origin;
    const struct dwarf_die *named = d;
    if (hdb_dinfo_ref(d, DW_AT_abstract_origin, &ounit, &origin))
        named = &origin;
    *name = NULL;
    *type = 0;
    if (dwarf_die_attr(named, DW_AT_name, &a) > 0)
        dwarf_attr_string(&a, name);
    if (dwarf_die_attr(named, DW_AT_type, &a) > 0)
        dwarf_attr_ref(&a, &sec, type);
    return *name != NULL;
}

/*
 * The value parameter p had when its function was entered, as gdb's
 * `print entry-values default` finds it: where the parameter is at the
 * function's first instruction, if that is one register, and what the
 * caller's call site says it put there (frameeval.c). Integers, pointers
 * and enumerations only: a call site's value is a register's.
 */
static int entry_value(struct hdb_session *s, const struct hdb_frame *f, const struct dwarf_die *fn,
                       uint64_t pc_link, const struct dwarf_die *p, const struct hdb_ctype *t,
                       uint64_t unit, uint64_t type, struct hdb_value *v)
{
    struct dwarf_attr a;
    uint64_t entry;
    const uint8_t *expr;
    uint64_t len, value;
    bool integral = (t->tag == DW_TAG_base_type && t->encoding != DW_ATE_float &&
                     t->encoding != DW_ATE_complex_float) ||
                    t->tag == DW_TAG_pointer_type || t->tag == DW_TAG_enumeration_type;
    if (!integral || t->size == 0 || t->size > 8 || f->scope_die ||
        dwarf_die_attr(fn, DW_AT_low_pc, &a) <= 0 || dwarf_attr_address(&a, &entry) < 0 ||
        !hdb_location_expr(p, DW_AT_location, entry, &expr, &len))
        return HDB_E_NOT_FOUND;
    struct hdb_frame_eval ctx;
    hdb_frame_eval_init(&ctx, s, f, fn, pc_link);
    if (ctx.ops.entry_value(&ctx, expr, len, &value) < 0)
        return HDB_E_NOT_FOUND;
    memset(v, 0, sizeof(*v));
    v->kind = HDB_VAL_DWARF;
    v->unit = unit;
    v->type = type;
    v->scalar = value;
    return 0;
}

/* The low size bytes of a located scalar, from memory or a register; false if unreadable. */
static bool value_bits(struct hdb_session *s, const struct hdb_value *v, uint64_t size,
                       uint64_t *out)
{
    uint64_t x = v->scalar;
    if (size == 0 || size > 8 || (v->lvalue && hdb_session_read(s, v->addr, &x, size) != (int)size))
        return false;
    *out = size == 8 ? x : x & ((1ull << (8 * size)) - 1);
    return true;
}

static void format_arg(struct hdb_session *s, const struct hdb_value *v, struct hdb_strbuf *b)
{
    size_t mark = b->len;
    if (hdb_value_format(s, v, 0, false, b) < 0) {
        b->len = mark;
        b->s[mark] = 0;
        hdb_sb_printf(b, "<error>");
    }
}

static void param(struct hdb_session *s, const struct hdb_frame *f, const struct dwarf_die *fn,
                  uint64_t pc_link, const struct dwarf_die *p, uint64_t unit, struct hdb_strbuf *b)
{
    const char *name;
    uint64_t type;
    var_info(p, &name, &type);
    hdb_sb_printf(b, "%s=", name ? name : "?");
    struct hdb_ctype t = {0};
    if (hdb_ctype_resolve(&s->dw, unit, type, &t) == 0 &&
        (t.tag == DW_TAG_structure_type || t.tag == DW_TAG_union_type ||
         t.tag == DW_TAG_array_type)) {
        hdb_sb_printf(b, "...");
        return;
    }
    struct hdb_value v, ev;
    bool have = locate(s, f, fn, pc_link, p, unit, type, &v) == 0;
    bool have_entry = entry_value(s, f, fn, pc_link, p, &t, unit, type, &ev) == 0;
    uint64_t now, then;
    if (have && have_entry && value_bits(s, &v, t.size, &now) &&
        value_bits(s, &ev, t.size, &then) && now == then) {
        /* gdb's short form when both are the same. */
        hdb_sb_printf(b, "%s@entry=", name ? name : "?");
        have_entry = false;
    }
    if (have)
        format_arg(s, &v, b);
    else
        hdb_sb_printf(b, "<optimized out>");
    if (have_entry) {
        hdb_sb_printf(b, ", %s@entry=", name ? name : "?");
        format_arg(s, &ev, b);
    }
}

/*
 * The DIEs of frame f: its function's (for the frame base) and the scope
 * whose variables it shows (the function, or the inlined call the frame
 * is). Both are read into *d, in the unit d->u.
 */
struct frame_dies {
    struct dwarf_unit u;
    struct dwarf_die fn, scope;
    uint64_t unit, link;
};

static int frame_dies(struct hdb_session *s, const struct hdb_frame *f, bool caller,
                      struct frame_dies *d)
{
    if (!s->img)
        return HDB_E_NOT_FOUND;
    d->link = hdb_session_to_link(s, caller && !f->exact_pc ? f->pc - 1 : f->pc);
    const struct hdb_dfunc *fn = hdb_dinfo_func_at(&s->dinfo, d->link);
    if (!fn || hdb_dinfo_die(&s->dw, fn->unit, fn->die, &d->u, &d->fn) < 0)
        return HDB_E_NOT_FOUND;
    d->unit = fn->unit;
    d->scope = d->fn;
    if (f->scope_die && dwarf_die_at(&d->u, f->scope_die, &d->scope) <= 0)
        return HDB_E_NOT_FOUND;
    return 0;
}

void hdb_frame_args(struct hdb_session *s, const struct hdb_frame *f, bool caller,
                    struct hdb_strbuf *b)
{
    struct frame_dies d;
    struct dwarf_die p;
    if (frame_dies(s, f, caller, &d) < 0)
        return;
    bool first = true;
    for (int rc = dwarf_die_first_child(&d.scope, &p); rc > 0;
         rc = dwarf_die_next_sibling(&p, &p)) {
        if (p.tag != DW_TAG_formal_parameter)
            continue;
        if (!first)
            hdb_sb_printf(b, ", ");
        first = false;
        param(s, f, &d.fn, d.link, &p, d.unit, b);
    }
}

/* ---- locals ------------------------------------------------------------- */

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
        if (c.tag == DW_TAG_lexical_block && hdb_die_covers(&c, pc_link)) {
            if (find_in_scope(&c, pc_link, name, out, depth + 1) > 0)
                return 1;
        } else if ((c.tag == DW_TAG_variable || c.tag == DW_TAG_formal_parameter) && !here) {
            const char *n;
            uint64_t type;
            if (var_info(&c, &n, &type) && strcmp(n, name) == 0) {
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
    uint64_t link = hdb_session_to_link(s, s->frame && !f.exact_pc ? f.pc - 1 : f.pc);
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
    struct hdb_frame f;
    struct frame_dies d;
    struct dwarf_die var;
    if (!s->img || hdb_session_selected_frame(s, &f) < 0 || frame_dies(s, &f, s->frame > 0, &d) < 0)
        return HDB_E_NOT_FOUND;
    if (find_in_scope(&d.scope, d.link, name, &var, 0) <= 0)
        return HDB_E_NOT_FOUND;
    const char *n;
    uint64_t type;
    var_info(&var, &n, &type);
    if (locate(s, &f, &d.fn, d.link, &var, d.unit, type, v) < 0)
        return HDB_E_NOTSUP; /* in scope, but optimized out here */
    return 0;
}

/* The variables (or parameters) a listing prints, and where. */
struct lister {
    struct hdb_session *s;
    const struct hdb_frame *f;
    const struct dwarf_die *fn;
    uint64_t pc_link, unit;
    bool args;
    void (*emit)(void *ctx, const char *line);
    void *ctx;
    struct hdb_strbuf *b;
};

/* "name = value" of one variable or parameter DIE, <optimized out> where it has no value. */
static void list_var(const struct lister *l, const struct dwarf_die *d)
{
    const char *name;
    uint64_t type;
    if (!var_info(d, &name, &type))
        return;
    hdb_sb_reset(l->b);
    hdb_sb_printf(l->b, "%s = ", name);
    struct hdb_value v;
    size_t mark = l->b->len;
    if (locate(l->s, l->f, l->fn, l->pc_link, d, l->unit, type, &v) < 0 ||
        hdb_value_format(l->s, &v, 0, false, l->b) < 0) {
        l->b->len = mark;
        l->b->s[mark] = 0;
        hdb_sb_printf(l->b, "<optimized out>");
    }
    l->emit(l->ctx, l->b->s);
}

/* The abstract DIEs the concrete scope's children stand for (DW_AT_abstract_origin). */
#define MAX_CONCRETE 512
static int concrete_origins(const struct dwarf_die *scope, uint64_t *offs)
{
    struct dwarf_die c, o;
    struct dwarf_unit ou;
    int n = 0;
    for (int rc = dwarf_die_first_child(scope, &c); rc > 0 && n < MAX_CONCRETE;
         rc = dwarf_die_next_sibling(&c, &c))
        if (hdb_dinfo_ref(&c, DW_AT_abstract_origin, &ou, &o))
            offs[n++] = o.offset;
    return n;
}

static bool has_concrete(const uint64_t *offs, int n, uint64_t off)
{
    for (int i = 0; i < n; i++)
        if (offs[i] == off)
            return true;
    return false;
}

/*
 * The children of an abstract scope (a function or block that scope is an
 * instance of) that the instance leaves out: gdb lists them as well, with
 * no value, and a left-out block's variables as the enclosing scope's (a
 * block without addresses is no scope of its own; gdb's dwarf2 reader
 * processes such a block's children in its parent).
 */
static void list_abstract(const struct lister *l, const struct dwarf_die *abstract,
                          const uint64_t *offs, int n, int depth)
{
    struct dwarf_die c;
    if (depth > 32)
        return;
    for (int rc = dwarf_die_first_child(abstract, &c); rc > 0;
         rc = dwarf_die_next_sibling(&c, &c)) {
        if (has_concrete(offs, n, c.offset))
            continue;
        if (!l->args && c.tag == DW_TAG_lexical_block)
            list_abstract(l, &c, offs, 0, depth + 1);
        else if (c.tag == (l->args ? DW_TAG_formal_parameter : DW_TAG_variable))
            list_var(l, &c);
    }
}

/* Prints "name = value" for each parameter (args) or local (!args) in scope, innermost first. */
static void list_in(const struct lister *l, const struct dwarf_die *scope, int depth)
{
    struct dwarf_die c;
    if (depth > 32)
        return;
    /* Inner blocks first, as gdb lists them. */
    for (int rc = dwarf_die_first_child(scope, &c); rc > 0; rc = dwarf_die_next_sibling(&c, &c))
        if (!l->args && c.tag == DW_TAG_lexical_block && hdb_die_covers(&c, l->pc_link))
            list_in(l, &c, depth + 1);
    for (int rc = dwarf_die_first_child(scope, &c); rc > 0; rc = dwarf_die_next_sibling(&c, &c))
        if (c.tag == (l->args ? DW_TAG_formal_parameter : DW_TAG_variable))
            list_var(l, &c);
    struct dwarf_unit au;
    struct dwarf_die abstract;
    if (!hdb_dinfo_ref(scope, DW_AT_abstract_origin, &au, &abstract))
        return;
    uint64_t *offs = hdb_alloc(l->s->plat, MAX_CONCRETE * sizeof(*offs));
    if (offs)
        list_abstract(l, &abstract, offs, concrete_origins(scope, offs), depth);
    hdb_free(l->s->plat, offs, MAX_CONCRETE * sizeof(*offs));
}

static void list_scope(struct hdb_session *s, const struct hdb_frame *f, const struct dwarf_die *fn,
                       const struct dwarf_die *scope, uint64_t pc_link, uint64_t unit, bool args,
                       void (*emit)(void *ctx, const char *line), void *ctx, int depth)
{
    struct hdb_strbuf *b = hdb_alloc(s->plat, sizeof(*b));
    if (!b)
        return;
    struct lister l = {s, f, fn, pc_link, unit, args, emit, ctx, b};
    list_in(&l, scope, depth);
    hdb_free(s->plat, b, sizeof(*b));
}

int hdb_frame_list_vars(struct hdb_session *s, bool args, void (*emit)(void *ctx, const char *line),
                        void *ctx)
{
    struct hdb_frame f;
    struct frame_dies d;
    int rc = hdb_session_selected_frame(s, &f);
    if (rc < 0)
        return rc;
    if (frame_dies(s, &f, s->frame > 0, &d) < 0)
        return HDB_E_NOT_FOUND;
    list_scope(s, &f, &d.fn, &d.scope, d.link, d.unit, args, emit, ctx, 0);
    return 0;
}

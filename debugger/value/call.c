/*
 * call.c: calls of the program's functions from expressions (`print
 * add(2, 3)`, `call bump()`), the way gdb makes them (GDB manual "Calling
 * Program Functions"), through the target interface alone: registers and
 * memory written, the process resumed and waited for, so a remote target
 * serves as well as ptrace.
 *
 * The call follows the System V x86_64 psABI 3.2: arguments are converted
 * to the prototype's parameter types (else promoted, 3.5.7's varargs
 * rules), classified INTEGER, SSE or MEMORY (3.2.3), passed in rdi, rsi,
 * rdx, rcx, r8, r9 and xmm0-7, the rest on the stack; a struct returned in
 * memory gets a buffer whose address goes in rdi; rax holds the number of
 * vector registers used (for variadic callees). The frame is laid out as
 * gdb lays it (its ON_STACK dummy, i386_push_dummy_code and
 * amd64_push_dummy_call), so addresses in the called function are the
 * ones gdb shows: below the 128-byte red zone (3.2.2), 16-byte aligned, an
 * int3 byte as the return address, 16 bytes, the returned struct's
 * buffer, the stack arguments, then the return address itself, with rbp
 * faked to the new stack pointer. The call is done when the thread stops
 * at that byte with the stack pointer just above the return address:
 * with SIGTRAP where the stack is executable, with SIGSEGV where it is
 * not (run control takes either there as the breakpoint).
 *
 * Registers are saved before and put back after (all of them, through
 * the target's save_state when it has one). A call that stops on the way
 * (a breakpoint, a signal) is left as gdb leaves it: the program stays in
 * the called function with a dummy frame under it ("<function called
 * from gdb>" in a backtrace), and when the function returns there, the
 * program stops silently with its registers as they were before the call.
 *
 * String literals live in hdb (history.c temporaries) until their address
 * is needed; then, as gdb does, the program's malloc makes room for them.
 */
#include <stdio.h>
#include <string.h>

#include <hdb/dinfo.h>
#include <hdb/error.h>
#include <hdb/symtab.h>
#include <hdb/value.h>

#define RED_ZONE 128
#define MAX_PENDING 8
#define MAX_ARG_BYTES 4096

/* A call that stopped before it returned: gdb's dummy frame. */
struct pending {
    int64_t tid;
    uint64_t ret;      /* the return address: a breakpoint byte on the stack */
    uint64_t sp_after; /* the stack pointer once the function returned there */
    bool saved_state;  /* the target keeps the registers (save_state) */
    struct hdb_regs regs;
};

struct hdb_infcalls {
    struct pending pending[MAX_PENDING];
    int npending;
    uint64_t
        running[MAX_PENDING]; /* return addresses of the calls under way (nested: conditions) */
    int nrunning;
    struct hdb_call_stop last; /* why the last call did not return */
    struct hdb_regs returned;  /* the registers the last stopped call returned with */
};

static struct hdb_infcalls *calls(struct hdb_session *s)
{
    if (!s->calls) {
        s->calls = hdb_alloc(s->plat, sizeof(*s->calls));
        if (s->calls)
            memset(s->calls, 0, sizeof(*s->calls));
    }
    return s->calls;
}

void hdb_calls_free(struct hdb_session *s)
{
    hdb_free(s->plat, s->calls, sizeof(*s->calls));
    s->calls = NULL;
}

void hdb_calls_forget(struct hdb_session *s)
{
    if (s->calls)
        s->calls->npending = 0; /* the running ones unwind through run() */
}

const struct hdb_call_stop *hdb_call_last_stop(struct hdb_session *s)
{
    return s->calls ? &s->calls->last : NULL;
}

/* ---- the psABI's classes (3.2.3) ------------------------------------- */

enum cls { CLS_NONE, CLS_INTEGER, CLS_SSE, CLS_MEMORY };

static enum cls merge(enum cls a, enum cls b)
{
    if (a == b || b == CLS_NONE)
        return a;
    if (a == CLS_NONE)
        return b;
    if (a == CLS_MEMORY || b == CLS_MEMORY)
        return CLS_MEMORY;
    return CLS_INTEGER; /* INTEGER with SSE in one eightbyte is INTEGER */
}

/* Classifies the scalars of type at byte off into the eightbytes eb[0..1]. */
static int classify_at(struct hdb_session *s, uint64_t unit, uint64_t type, uint64_t off,
                       enum cls eb[2], int depth)
{
    struct hdb_ctype t;
    if (depth > 8 || hdb_ctype_resolve(&s->dw, unit, type, &t) < 0)
        return HDB_E_FORMAT;
    if (t.tag == DW_TAG_array_type) {
        struct hdb_ctype e;
        if (!t.has_count || hdb_ctype_resolve(&s->dw, unit, t.target, &e) < 0)
            return HDB_E_TYPE;
        for (uint64_t i = 0; i < t.count && e.size && off + i * e.size < 16; i++) {
            int rc = classify_at(s, unit, t.target, off + i * e.size, eb, depth + 1);
            if (rc < 0)
                return rc;
        }
        return 0;
    }
    if (t.tag == DW_TAG_structure_type || t.tag == DW_TAG_union_type) {
        struct dwarf_unit u;
        struct dwarf_die d, m;
        if (hdb_dinfo_die(&s->dw, unit, t.off, &u, &d) < 0)
            return HDB_E_FORMAT;
        for (int rc = dwarf_die_first_child(&d, &m); rc > 0; rc = dwarf_die_next_sibling(&m, &m)) {
            struct dwarf_attr a;
            uint64_t moff = 0, mtype = 0;
            enum dwarf_section_id sec;
            if (m.tag != DW_TAG_member)
                continue;
            if (dwarf_die_attr(&m, DW_AT_data_member_location, &a) > 0)
                dwarf_attr_unsigned(&a, &moff);
            if (dwarf_die_attr(&m, DW_AT_bit_size, &a) > 0) {
                eb[(off + moff) / 8 & 1] = merge(eb[(off + moff) / 8 & 1], CLS_INTEGER);
                continue;
            }
            if (dwarf_die_attr(&m, DW_AT_type, &a) > 0)
                dwarf_attr_ref(&a, &sec, &mtype);
            int crc = classify_at(s, unit, mtype, off + moff, eb, depth + 1);
            if (crc < 0)
                return crc;
        }
        return 0;
    }
    if (t.tag != DW_TAG_base_type && t.tag != DW_TAG_pointer_type &&
        t.tag != DW_TAG_enumeration_type)
        return HDB_E_TYPE;
    if (t.encoding == DW_ATE_float && t.size > 8)
        return HDB_E_NOTSUP; /* long double: the x87 classes, not passed yet */
    if (off + t.size > 16)
        return HDB_E_TYPE;
    eb[off / 8] = merge(eb[off / 8], t.encoding == DW_ATE_float ? CLS_SSE : CLS_INTEGER);
    return 0;
}

/* The classes of an object of type and size: MEMORY past 16 bytes (3.2.3's rule 1). */
static int classify(struct hdb_session *s, uint64_t unit, uint64_t type, uint64_t size,
                    enum cls eb[2])
{
    eb[0] = eb[1] = CLS_NONE;
    if (size > 16 || size == 0) {
        eb[0] = CLS_MEMORY;
        return 0;
    }
    int rc = classify_at(s, unit, type, 0, eb, 0);
    if (rc < 0)
        return rc;
    if (eb[0] == CLS_MEMORY || eb[1] == CLS_MEMORY)
        eb[0] = eb[1] = CLS_MEMORY;
    if (eb[0] == CLS_NONE)
        eb[0] = CLS_INTEGER; /* an empty struct's padding */
    return 0;
}

/* ---- arguments ----------------------------------------------------------- */

struct arg {
    uint8_t bytes[MAX_ARG_BYTES];
    uint64_t size;
    enum cls eb[2];
};

static bool is_aggregate(const struct hdb_ctype *t)
{
    return t->tag == DW_TAG_structure_type || t->tag == DW_TAG_union_type;
}

/* A scalar's bits as a value of the type (unit, type): an integer, pointer or float. */
static int scalar_arg(struct hdb_session *s, struct hdb_value *v, uint64_t unit, uint64_t type,
                      struct arg *a)
{
    struct hdb_ctype t;
    int rc = hdb_value_cast(s, v, unit, type, 0);
    if (rc < 0 || (rc = hdb_ctype_resolve(&s->dw, unit, type, &t)) < 0)
        return rc;
    a->size = t.size > 8 ? 8 : t.size;
    /* Integers narrower than 8 bytes go sign- or zero-extended, as compilers pass them. */
    uint64_t bits = v->scalar;
    if (t.encoding != DW_ATE_float && t.size < 8 && t.size > 0) {
        uint64_t m = 1ull << (t.size * 8 - 1);
        bits &= (m << 1) - 1;
        if (t.encoding == DW_ATE_signed || t.encoding == DW_ATE_signed_char)
            bits = (bits ^ m) - m;
    }
    memcpy(a->bytes, &bits, 8);
    a->eb[0] = t.encoding == DW_ATE_float ? CLS_SSE : CLS_INTEGER;
    a->eb[1] = CLS_NONE;
    if (t.encoding == DW_ATE_float && t.size > 8)
        return HDB_E_NOTSUP;
    a->size = 8;
    return 0;
}

/*
 * One argument made ready: converted to the parameter's type when the
 * function has a prototype that gives one, else promoted (int for what is
 * narrower, double for float, a pointer for an array).
 */
static int prepare_arg(struct hdb_session *s, struct hdb_value *v, uint64_t punit, uint64_t ptype,
                       bool have_param, struct arg *a)
{
    struct hdb_ctype pt, vt;
    memset(a->eb, 0, sizeof(a->eb));
    if (have_param) {
        if (hdb_ctype_resolve(&s->dw, punit, ptype, &pt) < 0)
            return HDB_E_FORMAT;
        if (!is_aggregate(&pt))
            return scalar_arg(s, v, punit, ptype, a);
        /* A struct by value: one of the same size, copied (gdb checks no more). */
        uint64_t size;
        if (v->kind != HDB_VAL_DWARF || !v->lvalue || hdb_value_sizeof(s, v, &size) < 0 ||
            size != pt.size)
            return HDB_E_CAST;
    }
    bool dwarf = v->kind == HDB_VAL_DWARF && !v->repeat &&
                 hdb_ctype_resolve(&s->dw, v->unit, v->type, &vt) == 0;
    if (dwarf && is_aggregate(&vt)) {
        if (!v->lvalue || vt.size > MAX_ARG_BYTES)
            return HDB_E_NOTSUP;
        a->size = vt.size;
        if (hdb_session_read(s, v->addr, a->bytes, (size_t)vt.size) != (int)vt.size)
            return HDB_E_IO;
        return classify(s, v->unit, v->type, vt.size, a->eb);
    }
    if (v->kind == HDB_VAL_DOUBLE ||
        (dwarf && vt.tag == DW_TAG_base_type && vt.encoding == DW_ATE_float && vt.size == 4)) {
        uint64_t dbl = hdb_builtin_type(HDB_BT_DOUBLE, 0);
        return scalar_arg(s, v, HDB_BUILTIN_UNIT, dbl, a);
    }
    if (dwarf && vt.tag == DW_TAG_base_type && vt.encoding == DW_ATE_float)
        return scalar_arg(s, v, v->unit, v->type, a);
    /* Integers, pointers, arrays and functions: their value as C promotes it. */
    struct hdb_value n = *v;
    int rc = hdb_value_unary(s, '+', &n);
    if (rc == HDB_E_POSITIVE) {
        /* A pointer, an array or a function: its address. */
        uint64_t addr;
        if ((rc = hdb_value_as_u64(s, v, &addr)) < 0)
            return rc;
        memcpy(a->bytes, &addr, 8);
        a->size = 8;
        a->eb[0] = CLS_INTEGER;
        return 0;
    }
    if (rc < 0)
        return rc;
    uint64_t bits;
    if ((rc = hdb_value_as_u64(s, &n, &bits)) < 0)
        return rc;
    memcpy(a->bytes, &bits, 8);
    a->size = 8;
    a->eb[0] = CLS_INTEGER;
    return 0;
}

/* ---- the function ------------------------------------------------------ */

struct callee {
    uint64_t addr;
    uint64_t unit, decl; /* the DIE with the parameters (0: none known) */
    uint64_t ret_type;   /* 0: void */
    bool prototyped;
    char name[128];
};

static uint64_t ref_attr(const struct dwarf_die *d, uint64_t at)
{
    struct dwarf_attr a;
    enum dwarf_section_id sec;
    uint64_t off = 0;
    if (dwarf_die_attr(d, at, &a) > 0 && dwarf_attr_ref(&a, &sec, &off) == 0 &&
        sec == DWARF_SEC_INFO)
        return off;
    return 0;
}

/* What is called: a function, or a pointer to one (its subroutine type). */
static int find_callee(struct hdb_session *s, const struct hdb_value *fn, struct callee *c)
{
    memset(c, 0, sizeof(*c));
    uint64_t start;
    if (fn->kind == HDB_VAL_FUNC) {
        c->addr = fn->scalar;
        c->unit = fn->unit;
        c->decl = fn->type;
    } else {
        struct hdb_ctype t, to;
        uint64_t unit = fn->unit, target;
        if (fn->kind == HDB_VAL_ADDR_OF) {
            target = fn->type;
        } else if (fn->kind == HDB_VAL_DWARF && !fn->repeat &&
                   hdb_ctype_resolve(&s->dw, unit, fn->type, &t) == 0 &&
                   t.tag == DW_TAG_pointer_type) {
            target = t.target;
        } else {
            return HDB_E_NOT_FUNC;
        }
        if (unit == HDB_BUILTIN_UNIT || hdb_ctype_resolve(&s->dw, unit, target, &to) < 0 ||
            (to.tag != DW_TAG_subroutine_type && to.tag != DW_TAG_subprogram))
            return HDB_E_NOT_FUNC;
        int rc = hdb_value_as_u64(s, fn, &c->addr);
        if (rc < 0)
            return rc;
        c->unit = unit;
        c->decl = to.off;
    }
    const char *name = hdb_session_func_at(s, c->addr, &start);
    if (name)
        snprintf(c->name, sizeof(c->name), "%s", name);
    else
        snprintf(c->name, sizeof(c->name), "at 0x%llx", (unsigned long long)c->addr);
    if (!c->decl)
        return 0;
    struct dwarf_unit u;
    struct dwarf_die d;
    struct dwarf_attr a;
    if (hdb_dinfo_die(&s->dw, c->unit, c->decl, &u, &d) < 0)
        return HDB_E_FORMAT;
    c->ret_type = ref_attr(&d, DW_AT_type);
    if (dwarf_die_attr(&d, DW_AT_prototyped, &a) > 0)
        dwarf_attr_flag(&a, &c->prototyped);
    /*
     * An assembler's function (GNU as gives it DW_TAG_unspecified_type for
     * a return type): its result is unknown, so gdb wants a cast, as for a
     * function without DWARF.
     */
    struct dwarf_die rt;
    if (c->ret_type && hdb_dinfo_die(&s->dw, c->unit, c->ret_type, &u, &rt) == 0 &&
        rt.tag == DW_TAG_unspecified_type)
        c->decl = c->ret_type = 0;
    return 0;
}

/* The i-th formal parameter's type; false past the last (or without a prototype). */
static bool param_type(struct hdb_session *s, const struct callee *c, int i, uint64_t *type)
{
    struct dwarf_unit u;
    struct dwarf_die d, p;
    if (!c->decl || !c->prototyped || hdb_dinfo_die(&s->dw, c->unit, c->decl, &u, &d) < 0)
        return false;
    int k = 0;
    for (int rc = dwarf_die_first_child(&d, &p); rc > 0; rc = dwarf_die_next_sibling(&p, &p)) {
        if (p.tag != DW_TAG_formal_parameter)
            continue;
        if (k++ == i) {
            *type = ref_attr(&p, DW_AT_type);
            return true;
        }
    }
    return false;
}

static int count_params(struct hdb_session *s, const struct callee *c)
{
    uint64_t type;
    int n = 0;
    while (n < 64 && param_type(s, c, n, &type))
        n++;
    return n;
}

/*
 * A function by its ELF or DWARF name: in the active file, then by ELF
 * symbol in the program (waiting while a library is active) and each
 * shared library.
 */
static uint64_t function_named(struct hdb_session *s, const char *name)
{
    const struct hdb_dfunc *df = s->img ? hdb_dinfo_func_by_name(&s->dinfo, name) : NULL;
    if (df)
        return hdb_session_to_runtime(s, df->lo);
    const struct hdb_symbol *sym = s->img ? hdb_sym_func_by_name(s->img, name) : NULL;
    if (sym)
        return hdb_session_to_runtime(s, sym->addr);
    const struct hdb_objfile *prog = &s->objs[s->active_obj];
    if (s->active_mod && prog->img && (sym = hdb_sym_func_by_name(prog->img, name)) != NULL)
        return sym->addr + prog->bias;
    for (int m = 0; m < s->nmods; m++) {
        sym = hdb_sym_func_by_name(s->mods[m].img, name);
        if (sym)
            return sym->addr + s->mods[m].bias;
    }
    return 0;
}

uint64_t hdb_call_find_function(struct hdb_session *s, const char *name)
{
    return function_named(s, name);
}

/* ---- making the call ------------------------------------------------- */

static int read_regs(struct hdb_session *s, struct hdb_regs *r)
{
    return s->target->ops->read_regs(s->target, s->cur_tid, r);
}

/*
 * The registers a call changes: the general ones and the flags (the
 * segment registers and bases are the thread's and stay; some stubs
 * refuse to write them).
 */
static void only_general(struct hdb_regs *r)
{
    r->valid &= (1ull << (HDB_REG_EFLAGS + 1)) - 1;
}

/* Puts the registers saved before a call back (the target's copy, or ours). */
static int restore(struct hdb_session *s, const struct pending *p)
{
    if (p->saved_state)
        return s->target->ops->restore_state(s->target, p->tid);
    struct hdb_regs r = p->regs;
    only_general(&r);
    return s->target->ops->write_regs(s->target, p->tid, &r);
}

struct outcome {
    struct hdb_regs regs; /* the registers at the return (SSE ones read when needed) */
    uint64_t ret_mem;     /* the buffer of a struct returned in memory */
};

/*
 * Lays the arguments out, runs the function and, when it returns, puts the
 * registers back. HDB_E_CALL_STOPPED when it did not return.
 */
static int run(struct hdb_session *s, const struct callee *c, struct arg *args, int nargs,
               uint64_t ret_size, bool ret_memory, bool want_sse, struct outcome *out)
{
    static const int int_regs[6] = {HDB_REG_RDI, HDB_REG_RSI, HDB_REG_RDX,
                                    HDB_REG_RCX, HDB_REG_R8,  HDB_REG_R9};
    const struct hdb_target_ops *ops = s->target->ops;
    struct hdb_infcalls *ic = calls(s);
    if (!ic)
        return HDB_E_NOMEM;
    if (ic->npending == MAX_PENDING || ic->nrunning == MAX_PENDING)
        return HDB_E_NOTSUP;
    struct pending p = {.tid = s->cur_tid};
    int rc = read_regs(s, &p.regs);
    if (rc < 0)
        return rc;
    struct hdb_regs r = p.regs, sse = {0};
    only_general(&r);
    uint64_t sp = (r.v[HDB_REG_RSP] - RED_ZONE) & ~15ull;
    static const uint8_t int3 = 0xcc;
    p.ret = sp - 1;
    if (hdb_session_write(s, p.ret, &int3, 1) != 1)
        return HDB_E_IO;
    sp -= 16;
    int nint = 0, nsse = 0;
    if (ret_memory) {
        sp = (sp - ret_size) & ~15ull;
        out->ret_mem = sp;
        r.v[int_regs[nint++]] = sp;
    }
    /* Registers first (an argument takes all its eightbytes' registers or none), then the stack. */
    bool on_stack[64] = {false};
    uint64_t stack_bytes = 0;
    for (int i = 0; i < nargs; i++) {
        int ni = (args[i].eb[0] == CLS_INTEGER) + (args[i].eb[1] == CLS_INTEGER);
        int ns = (args[i].eb[0] == CLS_SSE) + (args[i].eb[1] == CLS_SSE);
        if (ns && !ops->write_sse)
            return HDB_E_NOTSUP; /* a target that cannot write the vector registers */
        if (args[i].eb[0] == CLS_MEMORY || nint + ni > 6 || nsse + ns > 8) {
            on_stack[i] = true;
            stack_bytes += (args[i].size + 7) & ~7ull;
            continue;
        }
        for (int e = 0; e < 2 && args[i].eb[e] != CLS_NONE; e++) {
            uint64_t word = 0;
            size_t n = args[i].size - 8 * (uint64_t)e < 8 ? (size_t)(args[i].size - 8 * e) : 8;
            memcpy(&word, args[i].bytes + 8 * e, n);
            if (args[i].eb[e] == CLS_INTEGER) {
                r.v[int_regs[nint++]] = word;
            } else {
                sse.v[HDB_REG_XMM0 + nsse] = word;
                sse.valid |= 1ull << (HDB_REG_XMM0 + nsse++);
            }
        }
    }
    sp = (sp - stack_bytes) & ~15ull; /* 16-byte aligned where the arguments start (3.2.2) */
    uint64_t at = sp;
    for (int i = 0; i < nargs; i++) {
        if (!on_stack[i])
            continue;
        if (hdb_session_write(s, at, args[i].bytes, (size_t)args[i].size) != (int)args[i].size)
            return HDB_E_IO;
        at += (args[i].size + 7) & ~7ull;
    }
    sp -= 8;
    if (hdb_session_write(s, sp, &p.ret, 8) != 8)
        return HDB_E_IO;
    p.sp_after = sp + 8;
    r.v[HDB_REG_RSP] = sp;
    r.v[HDB_REG_RBP] = sp; /* gdb fakes a frame pointer there */
    r.v[HDB_REG_RIP] = c->addr;
    r.v[HDB_REG_RAX] = (uint64_t)nsse; /* the vector registers a variadic callee must save */
    p.saved_state = ops->save_state && ops->restore_state && ops->save_state(s->target, p.tid) == 0;
    if ((rc = ops->write_regs(s->target, p.tid, &r)) < 0 ||
        (nsse && (rc = ops->write_sse(s->target, p.tid, &sse)) < 0)) {
        restore(s, &p);
        return rc;
    }
    int frame = s->frame, pending_signal = s->pending_signal;
    s->pending_signal = 0; /* a signal the program has yet to get waits for after the call */
    bool returned = false;
    memset(&ic->last, 0, sizeof(ic->last));
    ic->running[ic->nrunning++] = p.ret;
    rc = hdb_session_run_call(s, p.ret, p.sp_after, &returned, &ic->last.ev);
    ic->nrunning--;
    if (rc == 0 && returned) {
        rc = read_regs(s, &out->regs);
        if (rc == 0 && want_sse)
            rc = ops->read_sse(s->target, p.tid, &out->regs);
        int rrc = restore(s, &p);
        s->cur_tid = p.tid;
        s->frame = frame;
        s->pending_signal = pending_signal;
        return rc < 0 ? rc : rrc;
    }
    if (rc < 0)
        return rc;
    /* Stopped inside, or the program ended: gdb's words say which (hdb_call_last_stop). */
    snprintf(ic->last.func, sizeof(ic->last.func), "%s", c->name);
    if (s->pid && ic->npending < MAX_PENDING)
        ic->pending[ic->npending++] = p;
    return HDB_E_CALL_STOPPED;
}

/* The value the function returned, from rax, rdx, xmm0, xmm1 or the memory buffer. */
static int result(struct hdb_session *s, const struct callee *c, const struct hdb_ctype *rt,
                  const enum cls eb[2], const struct outcome *o, struct hdb_value *v)
{
    memset(v, 0, sizeof(*v));
    if (!c->ret_type) {
        v->kind = HDB_VAL_VOID;
        return 0;
    }
    v->kind = HDB_VAL_DWARF;
    v->unit = c->unit;
    v->type = c->ret_type;
    if (!is_aggregate(rt)) {
        v->scalar = eb[0] == CLS_SSE ? o->regs.v[HDB_REG_XMM0] : o->regs.v[HDB_REG_RAX];
        return 0;
    }
    uint8_t bytes[MAX_ARG_BYTES];
    if (rt->size > sizeof(bytes))
        return HDB_E_NOTSUP;
    if (eb[0] == CLS_MEMORY) {
        if (hdb_session_read(s, o->ret_mem, bytes, (size_t)rt->size) != (int)rt->size)
            return HDB_E_IO;
    } else {
        /* Eightbyte by eightbyte: INTEGER ones from rax then rdx, SSE ones from xmm0 then xmm1. */
        static const int ints[2] = {HDB_REG_RAX, HDB_REG_RDX};
        int ni = 0, ns = 0;
        for (int e = 0; e < 2 && 8 * (uint64_t)e < rt->size; e++) {
            uint64_t w = eb[e] == CLS_SSE ? o->regs.v[HDB_REG_XMM0 + ns++] : o->regs.v[ints[ni++]];
            size_t n = rt->size - 8 * (uint64_t)e < 8 ? (size_t)(rt->size - 8 * e) : 8;
            memcpy(bytes + 8 * e, &w, n);
        }
    }
    v->lvalue = true;
    return hdb_values_temp(s, bytes, (size_t)rt->size, false, &v->addr);
}

int hdb_value_call(struct hdb_session *s, const struct hdb_value *fn, struct hdb_value *args,
                   int nargs, const struct hdb_call_opts *opts, struct hdb_value *out)
{
    struct callee c;
    int rc = find_callee(s, fn, &c);
    if (rc < 0)
        return rc;
    uint64_t ret_unit = c.unit;
    if (!c.decl) {
        /* No DWARF: gdb wants the return type from a cast of the call. */
        struct hdb_infcalls *ic = calls(s);
        if (ic && (!opts || !opts->cast))
            snprintf(ic->last.func, sizeof(ic->last.func), "%s", c.name);
        if (!opts || !opts->cast)
            return HDB_E_UNKNOWN_RET;
        c.unit = ret_unit = opts->cast_unit;
        c.ret_type = opts->cast_type;
        struct hdb_ctype ct;
        if (hdb_ctype_resolve(&s->dw, ret_unit, c.ret_type, &ct) == 0 && ct.tag == 0)
            c.ret_type = 0; /* (void) f(): nothing comes back */
    }
    if (nargs < count_params(s, &c))
        return HDB_E_FEW_ARGS;
    struct hdb_ctype rt = {0};
    enum cls eb[2] = {CLS_NONE, CLS_NONE};
    if (c.ret_type && (rc = hdb_ctype_resolve(&s->dw, ret_unit, c.ret_type, &rt)) < 0)
        return rc;
    if (c.ret_type && (rc = classify(s, ret_unit, c.ret_type, rt.size, eb)) < 0)
        return rc;
    if (opts && opts->dry_run) {
        /* whatis, ptype and sizeof want the type only: gdb calls nothing then. */
        struct outcome o = {.ret_mem = 0};
        eb[0] = eb[1] = CLS_INTEGER;
        return result(s, &c, &rt, eb, &o, out);
    }
    if (!s->pid)
        return HDB_E_NEED_PROCESS;
    bool want_sse = eb[0] == CLS_SSE || eb[1] == CLS_SSE;
    if (!s->img || nargs > 64 || (want_sse && !s->target->ops->read_sse))
        return HDB_E_NOTSUP;
    struct arg *a = hdb_alloc(s->plat, (size_t)(nargs ? nargs : 1) * sizeof(*a));
    if (!a)
        return HDB_E_NOMEM;
    for (int i = 0; i < nargs && rc >= 0; i++) {
        uint64_t ptype = 0;
        bool have = param_type(s, &c, i, &ptype);
        rc = prepare_arg(s, &args[i], c.unit, ptype, have, &a[i]);
    }
    struct outcome o = {0};
    if (rc >= 0)
        rc = run(s, &c, a, nargs, rt.size, eb[0] == CLS_MEMORY, want_sse, &o);
    hdb_free(s->plat, a, (size_t)(nargs ? nargs : 1) * sizeof(*a));
    if (rc < 0)
        return rc;
    return result(s, &c, &rt, eb, &o, out);
}

/* ---- what run control and the unwinder ask ------------------------------ */

bool hdb_call_return_pc(struct hdb_session *s, uint64_t pc)
{
    for (int i = 0; s->calls && i < s->calls->nrunning; i++)
        if (s->calls->running[i] == pc)
            return true;
    for (int i = 0; s->calls && i < s->calls->npending; i++)
        if (s->calls->pending[i].ret == pc)
            return true;
    return false;
}

int hdb_call_dummy_addrs(struct hdb_session *s, uint64_t *addrs, int max)
{
    int n = 0;
    for (int i = 0; s->calls && i < s->calls->npending && n < max; i++)
        addrs[n++] = s->calls->pending[i].ret;
    return n;
}

bool hdb_call_returned(struct hdb_session *s, int64_t tid, uint64_t pc, struct hdb_event *ev)
{
    struct hdb_infcalls *ic = s->calls;
    struct hdb_regs r;
    if (!ic || !ic->npending || s->target->ops->read_regs(s->target, tid, &r) < 0)
        return false;
    for (int i = ic->npending - 1; i >= 0; i--) {
        struct pending *p = &ic->pending[i];
        if (p->tid != tid || p->ret != pc || r.v[HDB_REG_RSP] != p->sp_after)
            continue;
        /* gdb: "When the function is done executing, GDB will silently stop." */
        ic->returned = r;
        restore(s, p);
        memmove(p, p + 1, (size_t)(ic->npending - i - 1) * sizeof(*p));
        ic->npending--;
        memset(ev, 0, sizeof(*ev));
        ev->kind = HDB_EV_CALL_DONE;
        ev->tid = tid;
        return true;
    }
    return false;
}

const struct hdb_regs *hdb_call_returned_regs(struct hdb_session *s)
{
    return s->calls ? &s->calls->returned : NULL;
}

const struct hdb_regs *hdb_call_dummy_regs(struct hdb_session *s, int64_t tid, uint64_t pc,
                                           uint64_t sp, struct hdb_regs *buf)
{
    struct hdb_infcalls *ic = s->calls;
    for (int i = ic ? ic->npending - 1 : -1; i >= 0; i--) {
        const struct pending *p = &ic->pending[i];
        if (p->tid == tid && p->ret == pc && p->sp_after == sp) {
            *buf = p->regs;
            return buf;
        }
    }
    return NULL;
}

/* ---- string literals ------------------------------------------------------ */

int hdb_value_in_program(struct hdb_session *s, uint64_t *addr)
{
    const uint8_t *bytes;
    size_t len;
    if (!hdb_values_literal(s, *addr, &bytes, &len))
        return 0;
    if (!s->pid)
        return HDB_E_NEED_TARGET;
    uint64_t malloc_at = function_named(s, "malloc");
    if (!malloc_at)
        return HDB_E_NO_MALLOC;
    /* malloc(len), as gdb's value_coerce_to_target asks for it: an int argument. */
    struct callee c = {.addr = malloc_at};
    snprintf(c.name, sizeof(c.name), "malloc");
    struct arg a = {.size = 8, .eb = {CLS_INTEGER, CLS_NONE}};
    uint64_t n = len;
    memcpy(a.bytes, &n, 8);
    struct outcome o = {0};
    int rc = run(s, &c, &a, 1, 0, false, false, &o);
    if (rc < 0)
        return rc;
    uint64_t at = o.regs.v[HDB_REG_RAX];
    if (!at || hdb_session_write(s, at, bytes, len) != (int)len)
        return HDB_E_IO;
    *addr = at;
    return 0;
}

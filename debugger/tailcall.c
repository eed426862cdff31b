/*
 * tailcall.c: the functions that left the stack through a tail call.
 *
 * A function that ends in a jump to another (a tail call) leaves no frame:
 * the callee returns straight to the caller. The call sites say what is
 * missing (DWARF5 3.4.2): the caller's call site names the function it
 * entered, and each function whose tail calls are all described
 * (DW_AT_call_all_calls or DW_AT_call_all_tail_calls on its subprogram)
 * lists them as call sites with DW_AT_call_tail_call. The chains of tail
 * calls from the function the caller entered to the one running are
 * searched depth first, as gdb does: where every chain found starts with
 * the same jumps, or ends with the same ones, those are sure, and gdb
 * shows each as a frame ("tail call frame"); where they share neither, or
 * a target cannot be told without registers (DW_AT_call_target), nothing.
 *
 * Functions are named by their runtime entry; a call site by the return
 * address of its jump, unique in the process.
 */
#include <string.h>

#include "frameeval.h"
#include "tailcall.h"
#include <hdb/dinfo.h>
#include <hdb/symtab.h>

#define TC_FUNCS 128
#define TC_SITES 1024
/* Steps of the search: the chains through a large library multiply. */
#define TC_STEPS 20000

struct tc_site {
    uint64_t pc;     /* runtime return address of its jump */
    uint64_t target; /* runtime entry of the function it enters; 0: unknown without a frame */
};

/*
 * The target of a call to a declaration whose name is no function symbol
 * hdb indexes: an IFUNC's (memcpy's), where gdb finds the resolver, which
 * makes no tail call. It is taken for a function without tail calls.
 */
#define TC_OPAQUE UINT64_MAX

struct tc_func {
    uint64_t entry;
    int first, count; /* its tail calls: sites[first, first + count) */
};

/* The functions met so far and their tail calls. */
struct tc_graph {
    struct hdb_session *s;
    struct tc_func funcs[TC_FUNCS];
    int nfuncs;
    struct tc_site sites[TC_SITES];
    int nsites;
    bool full; /* out of room: what is known is not all there is */
};

static bool has_flag(const struct dwarf_die *d, uint64_t at)
{
    struct dwarf_attr a;
    bool v = false;
    return dwarf_die_attr(d, at, &a) > 0 && dwarf_attr_flag(&a, &v) == 0 && v;
}

/* Does the subprogram say that all its tail calls are described (through its origin too)? */
static bool tail_calls_listed(const struct dwarf_die *fn)
{
    static const uint64_t ats[] = {DW_AT_call_all_calls, DW_AT_GNU_all_call_sites,
                                   DW_AT_call_all_tail_calls, DW_AT_GNU_all_tail_call_sites};
    struct dwarf_unit ou;
    struct dwarf_die origin;
    bool have_origin = hdb_dinfo_ref(fn, DW_AT_abstract_origin, &ou, &origin) ||
                       hdb_dinfo_ref(fn, DW_AT_specification, &ou, &origin);
    for (size_t i = 0; i < sizeof(ats) / sizeof(ats[0]); i++)
        if (has_flag(fn, ats[i]) || (have_origin && has_flag(&origin, ats[i])))
            return true;
    return false;
}

/* A function's runtime entry by its ELF symbol: the program's first, then each library's. */
static uint64_t by_symbol(struct hdb_session *s, const char *name)
{
    struct hdb_symview v;
    hdb_session_program_view(s, &v);
    const struct hdb_symbol *sym = v.img ? hdb_sym_func_by_name(v.img, name) : NULL;
    if (sym)
        return sym->addr + v.bias;
    for (int k = 0; k < s->nmods; k++) {
        sym = s->mods[k].img ? hdb_sym_func_by_name(s->mods[k].img, name) : NULL;
        if (sym)
            return sym->addr + s->mods[k].bias;
    }
    return 0;
}

/*
 * The runtime entry of the function a call site (in the active file)
 * enters, or 0: DW_AT_call_target computes it from the caller's registers,
 * which a frame that jumped away no longer has. A declaration is found by
 * its symbol; a function whose code is in pieces (DW_AT_ranges) has no one
 * entry that a search could follow.
 */
static uint64_t site_target(struct hdb_session *s, const struct dwarf_die *site)
{
    struct dwarf_attr a;
    struct dwarf_unit tu;
    struct dwarf_die t;
    if (dwarf_die_attr(site, DW_AT_call_target, &a) > 0 ||
        dwarf_die_attr(site, DW_AT_GNU_call_site_target, &a) > 0)
        return 0;
    if (!hdb_dinfo_ref(site, DW_AT_call_origin, &tu, &t) &&
        !hdb_dinfo_ref(site, DW_AT_abstract_origin, &tu, &t))
        return 0;
    if (has_flag(&t, DW_AT_declaration) && dwarf_die_attr(&t, DW_AT_specification, &a) <= 0) {
        const char *name = NULL;
        if ((dwarf_die_attr(&t, DW_AT_linkage_name, &a) > 0 ||
             dwarf_die_attr(&t, DW_AT_MIPS_linkage_name, &a) > 0 ||
             dwarf_die_attr(&t, DW_AT_name, &a) > 0) &&
            dwarf_attr_string(&a, &name) == 0 && name) {
            uint64_t entry = by_symbol(s, name);
            return entry ? entry : TC_OPAQUE;
        }
        return 0;
    }
    uint64_t lo;
    if (dwarf_die_attr(&t, DW_AT_ranges, &a) > 0 || dwarf_die_attr(&t, DW_AT_low_pc, &a) <= 0 ||
        dwarf_attr_address(&a, &lo) < 0)
        return 0;
    return hdb_session_to_runtime(s, lo);
}

/* Where a call site's call returns to (gcc's GNU call sites put it in DW_AT_low_pc). */
static bool site_return(const struct dwarf_die *site, uint64_t *link)
{
    struct dwarf_attr a;
    return (dwarf_die_attr(site, DW_AT_call_return_pc, &a) > 0 ||
            dwarf_die_attr(site, DW_AT_low_pc, &a) > 0) &&
           dwarf_attr_address(&a, link) == 0;
}

/* Appends the tail calls under scope, in the order of their DIEs. */
static void collect(struct tc_graph *g, const struct dwarf_die *scope, int depth)
{
    struct dwarf_die c;
    if (depth > 32)
        return;
    for (int rc = dwarf_die_first_child(scope, &c); rc > 0; rc = dwarf_die_next_sibling(&c, &c)) {
        uint64_t ret;
        if ((c.tag == DW_TAG_call_site || c.tag == DW_TAG_GNU_call_site) &&
            (has_flag(&c, DW_AT_call_tail_call) || has_flag(&c, DW_AT_GNU_tail_call)) &&
            site_return(&c, &ret)) {
            if (g->nsites == TC_SITES) {
                g->full = true;
                return;
            }
            g->sites[g->nsites++] =
                (struct tc_site){hdb_session_to_runtime(g->s, ret), site_target(g->s, &c)};
        } else if (c.tag == DW_TAG_lexical_block || c.tag == DW_TAG_inlined_subroutine) {
            collect(g, &c, depth + 1);
        }
    }
}

/*
 * The function entered at entry, its tail calls read when first met: its
 * index, or -1 when no function with DWARF starts there. gdb keeps each
 * function's tail calls last first, and the search meets them so.
 */
static int tc_func(struct tc_graph *g, uint64_t entry)
{
    struct hdb_session *s = g->s;
    for (int i = 0; i < g->nfuncs; i++)
        if (g->funcs[i].entry == entry)
            return i;
    if (g->nfuncs == TC_FUNCS) {
        g->full = true;
        return -1;
    }
    int prev = hdb_session_enter_pc(s, entry), idx = -1;
    uint64_t link = hdb_session_to_link(s, entry);
    const struct hdb_dfunc *fn = s->img ? hdb_dinfo_func_at(&s->dinfo, link) : NULL;
    struct dwarf_unit u;
    struct dwarf_die d;
    if (fn && fn->lo == link && !fn->part &&
        hdb_dinfo_die(&s->dw, fn->unit, fn->die, &u, &d) >= 0) {
        idx = g->nfuncs++;
        struct tc_func *f = &g->funcs[idx];
        f->entry = entry;
        f->first = g->nsites;
        if (tail_calls_listed(&d))
            collect(g, &d, 0);
        f->count = g->nsites - f->first;
        for (int i = 0; i < f->count / 2; i++) {
            struct tc_site t = g->sites[f->first + i];
            g->sites[f->first + i] = g->sites[f->first + f->count - 1 - i];
            g->sites[f->first + f->count - 1 - i] = t;
        }
    }
    hdb_session_activate_module(s, prev);
    return idx;
}

/* The function the call returning to caller_pc entered (0: no call site there, or unknown). */
static uint64_t call_target(struct hdb_session *s, uint64_t caller_pc)
{
    int prev = hdb_session_enter_pc(s, caller_pc - 1);
    const struct hdb_dfunc *fn =
        s->img ? hdb_dinfo_func_at(&s->dinfo, hdb_session_to_link(s, caller_pc - 1)) : NULL;
    struct dwarf_unit u;
    struct dwarf_die d, site;
    uint64_t target = 0;
    if (fn && hdb_dinfo_die(&s->dw, fn->unit, fn->die, &u, &d) >= 0 &&
        hdb_call_site_at(&d, hdb_session_to_link(s, caller_pc), &site) > 0)
        target = site_target(s, &site);
    hdb_session_activate_module(s, prev);
    return target;
}

/* What every chain found so far shares: its first `callers` jumps and its last `callees`. */
struct tc_result {
    uint64_t pcs[HDB_TAILCALL_MAX];
    int len, callers, callees; /* len < 0: no chain yet */
};

/* Narrows the result to what it shares with one more chain; false when nothing is left. */
static bool candidate(struct tc_result *r, const uint64_t *chain, int len)
{
    if (r->len < 0) {
        memcpy(r->pcs, chain, (size_t)len * sizeof(chain[0]));
        r->len = r->callers = r->callees = len;
        return true;
    }
    /* Only a difference narrows (gdb's rule): a shorter chain that agrees keeps the count. */
    int n = r->callers < len ? r->callers : len;
    for (int i = 0; i < n; i++) {
        if (r->pcs[i] != chain[i]) {
            r->callers = i;
            break;
        }
    }
    n = r->callees < len ? r->callees : len;
    for (int i = 0; i < n; i++) {
        if (r->pcs[r->len - 1 - i] != chain[len - 1 - i]) {
            r->callees = i;
            break;
        }
    }
    return r->callers > 0 || r->callees > 0;
}

/*
 * Every chain of tail calls from the function entered at start to the one
 * entered at callee, depth first, each call site at most once on a chain.
 * False when a function on the way cannot be followed, or the chains
 * share nothing.
 */
static bool search(struct tc_graph *g, uint64_t start, uint64_t callee, struct tc_result *r)
{
    struct {
        int func, idx;
    } path[HDB_TAILCALL_MAX];
    uint64_t chain[HDB_TAILCALL_MAX];
    int depth = 0, steps = 0;
    uint64_t target = start;
    r->len = -1;
    for (;;) {
        int next_f = -1, next_i = 0;
        if (target == callee) {
            if (!candidate(r, chain, depth))
                return false;
        } else if (target != TC_OPAQUE) {
            int fi = target ? tc_func(g, target) : -1;
            if (fi < 0 || g->full)
                return false;
            if (g->funcs[fi].count)
                next_f = fi;
        }
        /* Into the next function's first tail call, else back to a sibling of one on the way. */
        for (;;) {
            if (next_f >= 0) {
                uint64_t pc = g->sites[g->funcs[next_f].first + next_i].pc;
                bool on_path = false;
                for (int i = 0; i < depth && !on_path; i++)
                    on_path = chain[i] == pc;
                if (!on_path) {
                    if (depth == HDB_TAILCALL_MAX)
                        return false;
                    path[depth].func = next_f;
                    path[depth].idx = next_i;
                    chain[depth++] = pc;
                    break;
                }
            }
            next_f = -1;
            while (depth > 0) {
                depth--;
                if (path[depth].idx + 1 < g->funcs[path[depth].func].count) {
                    next_f = path[depth].func;
                    next_i = path[depth].idx + 1;
                    break;
                }
            }
            if (next_f < 0)
                break;
        }
        if (depth == 0)
            break;
        if (++steps > TC_STEPS)
            return false;
        target = g->sites[g->funcs[path[depth - 1].func].first + path[depth - 1].idx].target;
    }
    return r->len >= 0;
}

int hdb_tailcall_chain(struct hdb_session *s, uint64_t caller_pc, uint64_t callee_entry,
                       uint64_t pcs[HDB_TAILCALL_MAX])
{
    struct tc_graph g;
    struct tc_result r;
    g.s = s;
    g.nfuncs = g.nsites = 0;
    g.full = false;
    uint64_t start = call_target(s, caller_pc);
    if (!start || start == callee_entry || !search(&g, start, callee_entry, &r))
        return 0;
    /*
     * Innermost first: the sure end of the chains (the jump into the
     * callee last), then, unless that was all of it, the sure start.
     */
    int n = 0;
    for (int i = 0; i < r.callees; i++)
        pcs[n++] = r.pcs[r.len - 1 - i];
    if (r.callees != r.len)
        for (int i = r.callers - 1; i >= 0 && n < HDB_TAILCALL_MAX; i--)
            pcs[n++] = r.pcs[i];
    return n;
}

bool hdb_tailcall_may_recurse(struct hdb_session *s, uint64_t entry)
{
    struct tc_graph g;
    uint64_t todo[TC_FUNCS + 1], seen[TC_FUNCS];
    int ntodo = 0, nseen = 0;
    g.s = s;
    g.nfuncs = g.nsites = 0;
    g.full = false;
    todo[ntodo++] = entry;
    while (ntodo > 0) {
        int fi = tc_func(&g, todo[--ntodo]);
        if (fi < 0 || g.full)
            return true;
        for (int i = 0; i < g.funcs[fi].count; i++) {
            uint64_t t = g.sites[g.funcs[fi].first + i].target;
            if (!t || t == entry)
                return true;
            bool known = t == TC_OPAQUE;
            for (int k = 0; k < nseen && !known; k++)
                known = seen[k] == t;
            if (known)
                continue;
            if (nseen == TC_FUNCS)
                return true;
            seen[nseen++] = t;
            todo[ntodo++] = t;
        }
    }
    return false;
}

/*
 * cli_symsearch.c: info functions, info variables and info types
 * [-q] [-n] [REGEXP], in gdb 13's words (GDB manual "Examining the Symbol
 * Table").
 *
 * The symbols with DWARF come from sym/symsearch.c, sorted by file, each
 * printed as its C declaration ("21:\tint add(int, int);"). Then, for
 * functions and variables unless -n, gdb's "non-debugging symbols": the
 * ELF symbols (and the program's PLT stubs, `puts@plt`) that no DWARF
 * describes, each file's in address order, at runtime addresses. With a
 * process the shared libraries are searched too (their DWARF is read then:
 * the regexp is matched against each top-level DIE's name only).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <dwarf/index.h>
#include <hdb/cli.h>
#include <hdb/dinfo.h>
#include <hdb/error.h>
#include <hdb/regex.h>
#include <hdb/symsearch.h>
#include <hdb/value.h>

/* A non-debugging symbol: runtime address and name. */
struct minsym {
    uint64_t addr;
    const char *name;
};

struct minsyms {
    const struct hdb_platform *plat;
    struct minsym *v;
    size_t n, cap;
};

static int minsym_add(struct minsyms *m, uint64_t addr, const char *name)
{
    if (m->n == m->cap) {
        size_t nc = m->cap ? m->cap * 2 : 64;
        struct minsym *nv = hdb_realloc(m->plat, m->v, m->cap * sizeof(*m->v), nc * sizeof(*m->v));
        if (!nv)
            return HDB_E_NOMEM;
        m->v = nv;
        m->cap = nc;
    }
    m->v[m->n++] = (struct minsym){addr, name};
    return 0;
}

static int minsym_cmp(const void *a, const void *b)
{
    const struct minsym *x = a, *y = b;
    if (x->addr != y->addr)
        return x->addr < y->addr ? -1 : 1;
    return strcmp(x->name, y->name);
}

/*
 * gdb's test for an ELF symbol that DWARF does not describe: no symbol
 * with DWARF has its name, and (for a function) no unit covers its address.
 */
static bool described(const struct hdb_symview *v, const struct hdb_symbol *sym, bool func)
{
    if (!v->dinfo || !v->lines)
        return false;
    if (hdb_dinfo_func_by_name(v->dinfo, sym->name) || hdb_dinfo_var_by_name(v->dinfo, sym->name))
        return true;
    struct hdb_line_loc loc;
    if (func &&
        (hdb_dinfo_func_at(v->dinfo, sym->addr) || hdb_lines_find(v->lines, sym->addr, &loc) == 0))
        return true;
    /* Declarations too, in the program only: a walk of its DWARF a symbol (libc's is large). */
    return !v->mod && v->dw && hdb_symsearch_names(v->dw, sym->name);
}

/* One file's non-debugging symbols matching re, in address order, appended to m. */
static int file_minsyms(struct hdb_cli *c, const struct hdb_symview *v, bool func,
                        const struct hdb_regex *re, struct minsyms *m)
{
    size_t first = m->n;
    const struct hdb_symbol *syms = func ? v->img->funcs : v->img->objects;
    size_t n = func ? v->img->nfuncs : v->img->nobjects;
    int rc = 0;
    for (size_t i = 0; i < n && rc == 0; i++)
        if ((!re || hdb_regex_search(re, syms[i].name)) && !described(v, &syms[i], func))
            rc = minsym_add(m, syms[i].addr + v->bias, syms[i].name);
    /* The program's PLT stubs are gdb's synthetic `name@plt` symbols. */
    for (int k = 0; func && !v->mod && k < 3 && rc == 0; k++) {
        const struct hdb_image_section *sec = &v->img->plt[k];
        for (uint64_t off = 0; sec->data && off < sec->size && rc == 0; off += 8) {
            uint64_t start = 0, at = sec->addr + off + v->bias;
            const char *name = hdb_session_plt_stub_at(c->s, at, &start);
            if (name && start == at && (!re || hdb_regex_search(re, name)))
                rc = minsym_add(m, at, name);
        }
    }
    if (m->n > first)
        qsort(m->v + first, m->n - first, sizeof(*m->v), minsym_cmp);
    return rc;
}

/* The files searched: the program, and with a process the libraries (their DWARF read). */
static int nviews(struct hdb_cli *c)
{
    return 1 + (c->s->pid ? c->s->nmods : 0);
}

static void view_at(struct hdb_cli *c, int i, struct hdb_symview *v)
{
    struct hdb_session *s = c->s;
    if (i == 0) {
        hdb_session_program_view(s, v);
        return;
    }
    struct hdb_module *m = &s->mods[i - 1];
    hdb_session_module_symbols(s, i - 1);
    memset(v, 0, sizeof(*v));
    v->img = m->img;
    v->path = m->path;
    v->bias = m->bias;
    v->mod = m;
    if (m->sym.dw.sec[DWARF_SEC_INFO].size) {
        v->dw = &m->sym.dw;
        v->lines = &m->sym.lines;
        v->dinfo = &m->sym.dinfo;
    }
}

/* The type a variable's DIE (or the declaration it completes) gives. */
static uint64_t type_of(const struct dwarf *dw, uint64_t unit, uint64_t die)
{
    struct dwarf_unit u, hu;
    struct dwarf_die d;
    struct dwarf_attr a;
    enum dwarf_section_id sec;
    uint64_t off;
    if (hdb_dinfo_die(dw, unit, die, &u, &d) < 0 ||
        dwarf_die_attr_inherited(&d, DW_AT_type, &hu, NULL, &a) <= 0 ||
        dwarf_attr_ref(&a, &sec, &off) < 0)
        return 0;
    return off;
}

/* The DWARF symbols of every file in view that match, sorted as gdb lists them. */
static int collect_hits(struct hdb_cli *c, enum hdb_symsearch_kind kind, const struct hdb_regex *rp,
                        struct hdb_symhits *hits)
{
    int rc = 0;
    for (int i = 0; i < nviews(c) && rc == 0; i++) {
        struct hdb_symview v;
        view_at(c, i, &v);
        if (v.dw)
            rc = hdb_symsearch_file(hits, v.dw, kind, rp);
    }
    hdb_symsearch_sort(hits);
    return rc;
}

/* The ELF symbols without DWARF of every file in view that match. */
static int collect_minsyms(struct hdb_cli *c, bool funcs, const struct hdb_regex *rp,
                           struct minsyms *m)
{
    int rc = 0;
    for (int i = 0; i < nviews(c) && rc == 0; i++) {
        struct hdb_symview v;
        view_at(c, i, &v);
        rc = file_minsyms(c, &v, funcs, rp, m);
    }
    return rc;
}

/* gdb's declaration of one symbol, after "LINE:\t". */
static void declaration(struct hdb_cli *c, enum hdb_symsearch_kind kind, const struct hdb_symhit *h)
{
    struct hdb_strbuf *b = &c->out;
    hdb_sb_reset(b);
    if (h->is_static)
        hdb_sb_printf(b, "static ");
    if (kind == HDB_SEARCH_FUNCTIONS) {
        hdb_ctype_decl(h->dw, h->unit, h->die, h->name, b);
        hdb_sb_printf(b, ";");
    } else if (kind == HDB_SEARCH_VARIABLES) {
        hdb_ctype_decl(h->dw, h->unit, type_of(h->dw, h->unit, h->die), h->name, b);
        hdb_sb_printf(b, ";");
    } else if (h->tag == DW_TAG_base_type) {
        hdb_sb_printf(b, "%s", h->name);
    } else if (h->tag == DW_TAG_typedef) {
        /* The type under every typedef, spelled without a name, then the typedef's name. */
        uint64_t t = type_of(h->dw, h->unit, h->die);
        struct dwarf_unit u;
        struct dwarf_die d;
        for (int depth = 0; t && depth < 16 && hdb_dinfo_die(h->dw, h->unit, t, &u, &d) == 0 &&
                            d.tag == DW_TAG_typedef;
             depth++)
            t = type_of(h->dw, h->unit, t);
        hdb_sb_printf(b, "typedef ");
        hdb_ctype_name(h->dw, h->unit, t, b);
        hdb_sb_printf(b, " %s;", h->name);
    } else {
        struct dwarf_unit u;
        struct dwarf_die d;
        if (hdb_dinfo_die(h->dw, h->unit, h->die, &u, &d) == 0)
            hdb_ctype_tag_name(&d, b);
        hdb_sb_printf(b, ";");
    }
}

static const char *const kind_names[] = {"function", "variable", "type"};

static int search(struct hdb_cli *c, enum hdb_symsearch_kind kind, const char *args)
{
    struct hdb_session *s = c->s;
    bool quiet = false, nondebug = kind != HDB_SEARCH_TYPES;
    /* gdb's options; an unknown one is the start of the regexp. */
    for (;;) {
        while (*args == ' ')
            args++;
        size_t len = 0;
        while (args[len] && args[len] != ' ')
            len++;
        if (len == 2 && !strncmp(args, "-q", 2))
            quiet = true;
        else if (len == 2 && !strncmp(args, "-n", 2) && kind != HDB_SEARCH_TYPES)
            nondebug = false;
        else if (len == 2 && !strncmp(args, "--", 2)) {
            args += 2;
            while (*args == ' ')
                args++;
            break;
        } else
            break;
        args += len;
    }
    char regexp[512];
    size_t rl = strlen(args);
    while (rl && args[rl - 1] == ' ')
        rl--;
    if (rl >= sizeof(regexp))
        rl = sizeof(regexp) - 1;
    memcpy(regexp, args, rl);
    regexp[rl] = 0;
    static struct hdb_regex re;
    int rc = rl ? hdb_regex_compile(&re, regexp) : 0;
    if (rc < 0) {
        hdb_cli_err(c, "Invalid regexp: %s\n", hdb_regex_strerror(rc));
        return HDB_E_ARG;
    }
    const struct hdb_regex *rp = rl ? &re : NULL;
    if (!quiet && rl)
        hdb_cli_out(c, "All %ss matching regular expression \"%s\":\n", kind_names[kind], regexp);
    else if (!quiet)
        hdb_cli_out(c, "All defined %ss:\n", kind_names[kind]);
    if (!s->img)
        return 0;
    struct hdb_symhits hits = {s->plat, NULL, 0, 0, NULL, 0, 0};
    rc = collect_hits(c, kind, rp, &hits);
    const char *last = NULL;
    for (size_t i = 0; i < hits.n && rc == 0; i++) {
        const struct hdb_symhit *h = &hits.v[i];
        if (!last || strcmp(last, h->file) != 0)
            hdb_cli_out(c, "\nFile %s:\n", h->file);
        last = h->file;
        declaration(c, kind, h);
        if (h->line)
            hdb_cli_out(c, "%u:\t%s\n", h->line, c->out.s);
        else
            hdb_cli_out(c, "\t%s\n", c->out.s);
    }
    hdb_symhits_free(&hits);
    if (!nondebug || rc < 0)
        return rc;
    struct minsyms m = {s->plat, NULL, 0, 0};
    rc = collect_minsyms(c, kind == HDB_SEARCH_FUNCTIONS, rp, &m);
    if (m.n)
        hdb_cli_out(c, "\nNon-debugging symbols:\n");
    for (size_t i = 0; i < m.n; i++)
        hdb_cli_out(c, "0x%016llx  %s\n", (unsigned long long)m.v[i].addr, m.v[i].name);
    hdb_free(s->plat, m.v, m.cap * sizeof(*m.v));
    return rc;
}

int hdb_cli_info_symsearch(struct hdb_cli *c, int id, const char *args)
{
    enum hdb_symsearch_kind kind = id == HDB_INFO_FUNCTIONS   ? HDB_SEARCH_FUNCTIONS
                                   : id == HDB_INFO_VARIABLES ? HDB_SEARCH_VARIABLES
                                                              : HDB_SEARCH_TYPES;
    return search(c, kind, args);
}

/*
 * rbreak REGEX: a breakpoint on every function info functions would list,
 * each announced as break announces it and followed by the function's
 * declaration (gdb's rbreak_command): the ones with DWARF as FILE:NAME,
 * then the non-debugging symbols by name.
 */
int hdb_cli_rbreak(struct hdb_cli *c, const char *args)
{
    struct hdb_session *s = c->s;
    while (*args == ' ')
        args++;
    static struct hdb_regex re;
    int rc = *args ? hdb_regex_compile(&re, args) : 0;
    if (rc < 0) {
        hdb_cli_err(c, "Invalid regexp: %s\n", hdb_regex_strerror(rc));
        return HDB_E_ARG;
    }
    const struct hdb_regex *rp = *args ? &re : NULL;
    if (!s->img)
        return 0;
    int first = s->bps.next_number;
    struct hdb_symhits hits = {s->plat, NULL, 0, 0, NULL, 0, 0};
    rc = collect_hits(c, HDB_SEARCH_FUNCTIONS, rp, &hits);
    for (size_t i = 0; i < hits.n && rc == 0; i++) {
        const struct hdb_symhit *h = &hits.v[i];
        char spec[1024];
        snprintf(spec, sizeof(spec), "%s:%s", h->file, h->name);
        if (hdb_cli_break_at(c, false, false, spec, NULL) < 0)
            continue;
        declaration(c, HDB_SEARCH_FUNCTIONS, h);
        hdb_cli_out(c, "%s\n", c->out.s);
    }
    hdb_symhits_free(&hits);
    struct minsyms m = {s->plat, NULL, 0, 0};
    if (rc == 0)
        rc = collect_minsyms(c, true, rp, &m);
    for (size_t i = 0; i < m.n && rc == 0; i++) {
        char spec[512];
        snprintf(spec, sizeof(spec), "*0x%llx", (unsigned long long)m.v[i].addr);
        if (hdb_cli_break_at(c, false, false, spec, NULL) < 0)
            continue;
        /* gdb keeps the symbol's name as the breakpoint's location. */
        struct hdb_breakpoint *b = hdb_bp_get(&s->bps, s->bps.next_number - 1);
        char *name = b ? hdb_strdup(s->plat, m.v[i].name) : NULL;
        if (name) {
            hdb_strfree(s->plat, b->spec);
            b->spec = name;
        }
        hdb_cli_out(c, "<function, no debug info> %s;\n", m.v[i].name);
    }
    hdb_free(s->plat, m.v, m.cap * sizeof(*m.v));
    if (s->bps.next_number - 1 > first) {
        c->rbreak_first = first;
        c->rbreak_last = s->bps.next_number - 1;
    }
    return rc;
}
